"""Resolving area codes through their changes over time, in a fixed number of queries."""

import datetime as dt

import pytest

from accord.areas.codes import resolve_area_code, resolve_area_codes
from accord.areas.models import AreaCode
from accord.common.factories import AreaFactory

pytestmark = pytest.mark.django_db

LGR_2009 = dt.date(2009, 4, 1)
# A stand-in for a pre-2009 Cheshire district's code: the project's data does not give the
# districts' real codes, so the test uses codes that are plainly not real ones.
DISTRICT_GSS = "E07999901"
DISTRICT_SNAC = "99ZZ"


@pytest.fixture
def cwac():
    return AreaFactory(
        name="Cheshire West and Chester", kind="borough", gss_code="E06000050", valid_from=LGR_2009
    )


@pytest.fixture
def chester_district(cwac):
    """A district that ended when the borough began, with its codes now pointing at it."""
    district = AreaFactory(
        name="Chester (district)",
        kind="district",
        gss_code=DISTRICT_GSS,
        valid_to=LGR_2009 - dt.timedelta(days=1),
    )
    for code in (DISTRICT_GSS, DISTRICT_SNAC):
        AreaCode.objects.create(
            area=cwac, code=code, valid_to=LGR_2009 - dt.timedelta(days=1), source="test"
        )
    return district


def test_gss_codes_resolve_exactly_ignoring_case_and_spaces(cwac):
    east = AreaFactory(kind="borough", gss_code="E06000049")
    found = resolve_area_codes(["E06000050", " e06000049 ", "E99999999", "", "  "])
    assert found == {"E06000050": cwac, " e06000049 ": east}
    assert resolve_area_code("E06000050") == cwac
    assert resolve_area_code("nothing") is None


def test_a_pre_2009_district_code_resolves_to_the_borough_that_covers_it(cwac):
    AreaCode.objects.create(
        area=cwac, code=DISTRICT_SNAC, valid_to=LGR_2009 - dt.timedelta(days=1), source="test"
    )
    assert resolve_area_code(DISTRICT_SNAC) == cwac
    assert resolve_area_code(DISTRICT_SNAC, on=dt.date(2008, 6, 30)) == cwac
    assert resolve_area_code(DISTRICT_SNAC.lower()) == cwac


def test_an_ended_area_stands_for_its_own_time_and_its_successor_after(cwac, chester_district):
    on_2008 = resolve_area_codes([DISTRICT_GSS, DISTRICT_SNAC], on=dt.date(2008, 6, 30))
    assert on_2008 == {DISTRICT_GSS: chester_district, DISTRICT_SNAC: cwac}
    assert resolve_area_code(DISTRICT_GSS, on=dt.date(2010, 1, 1)) == cwac
    assert resolve_area_code(DISTRICT_GSS) == cwac


def test_chains_of_changes_are_followed(cwac):
    """A code kept for an area that has itself ended leads on to that area's successor."""
    middle = AreaFactory(kind="district", gss_code="E07999902", valid_to=dt.date(2019, 3, 31))
    AreaCode.objects.create(area=middle, code="E07999903", source="test")
    AreaCode.objects.create(area=cwac, code="E07999902", source="test")
    assert resolve_area_code("E07999903") == cwac
    assert resolve_area_code("E07999903", on=dt.date(2018, 1, 1)) == middle


def test_a_code_that_could_mean_two_areas_is_not_guessed(cwac):
    east = AreaFactory(kind="borough", gss_code="E06000049")
    for area in (cwac, east):
        AreaCode.objects.create(area=area, code="13ZZ", source="test")
    assert resolve_area_code("13ZZ") is None
    # A span that covers the day settles it.
    AreaCode.objects.filter(area=east).update(valid_to=dt.date(2000, 1, 1))
    assert resolve_area_code("13ZZ", on=dt.date(2010, 1, 1)) == cwac


def test_archived_codes_and_areas_are_ignored(cwac):
    old = AreaFactory(kind="district", gss_code="E07999904")
    row = AreaCode.objects.create(area=cwac, code="88AA", source="test")
    AreaCode.objects.filter(pk=row.pk).update(archived_on="2026-01-01T00:00:00Z")
    type(old).objects.filter(pk=old.pk).update(archived_on="2026-01-01T00:00:00Z")
    assert resolve_area_codes(["88AA", "E07999904"]) == {}


def test_many_codes_in_few_queries(cwac, chester_district, django_assert_max_num_queries):
    areas = [AreaFactory(kind="ward", gss_code=f"E05{n:06d}") for n in range(40)]
    for n, area in enumerate(areas):
        AreaCode.objects.create(area=area, code=f"OLD{n}", source="test")
    codes = [a.gss_code for a in areas] + [f"OLD{n}" for n in range(40)] + [DISTRICT_GSS]
    with django_assert_max_num_queries(3):
        found = resolve_area_codes(codes)
    assert len(found) == 81
    assert found["OLD7"] == areas[7] and found[DISTRICT_GSS] == cwac
