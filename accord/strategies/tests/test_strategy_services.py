import pytest
from django.core.exceptions import ValidationError

from accord.common.factories import StrategyFactory
from accord.strategies.services import strategy_update

pytestmark = pytest.mark.django_db


def test_a_strategy_cannot_deliver_one_that_delivers_it():
    scs = StrategyFactory()
    laa = StrategyFactory(delivers=scs)
    with pytest.raises(ValidationError) as err:
        strategy_update(strategy=scs, changes={"delivers": laa}, expected_version=None, by=None)
    assert "delivers" in err.value.message_dict
    scs.refresh_from_db()
    assert scs.delivers_id is None
