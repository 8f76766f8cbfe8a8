"""The figures' version: every write to the figures moves it on, and a rolled-back write
leaves it as it was."""

import pytest
from django.db import transaction

from accord.observations.versions import figures_changed, figures_version

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_starts_at_nothing_and_moves_on_with_each_change():
    assert figures_version() == (0, None)
    figures_changed()
    first = figures_version()
    figures_changed()
    second = figures_version()
    assert first[0] == 1 and second[0] == 2
    assert second[1] >= first[1]


def test_a_rolled_back_write_leaves_it_as_it_was():
    figures_changed()
    before = figures_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        figures_changed()
        assert figures_version()[0] == before[0] + 1
        raise RuntimeError("the write failed")
    assert figures_version() == before
