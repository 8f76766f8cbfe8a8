"""The example matrix reads as seed 003 appendix 1 does: the same columns in the same order."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accord.common.example import load_example
from accord.strategies.matrix_selectors import matrix_for
from accord.strategies.models import Strategy

APPENDIX_1_COLUMNS = [
    "Safer Communities Partnership",
    "Stronger Communities Partnership",
    "Health and Wellbeing Partnership",
    "Business, Enterprise and Culture Partnership",
    "Children's Trust",
    "Environment and Sustainability Partnership",
]


@pytest.mark.django_db
def test_columns_follow_appendix_1():
    load_example()
    matrix = matrix_for(Strategy.objects.get(kind="scs"), user=AnonymousUser())
    assert [b.name for b in matrix.bodies] == APPENDIX_1_COLUMNS
