"""The reference areas: England, the regions, every current English authority, their codes
over time and their comparator groups, loaded from the files in accord/areas/data."""

import csv
import datetime as dt

import pytest
from django.db import transaction

from accord.areas.codes import resolve_area_code, resolve_area_codes
from accord.areas.models import Area, AreaCode, AreaGroup, AreaKind
from accord.areas.reference import AUTHORITIES_FILE, RECODED, load_reference_areas
from accord.common.factories import AreaFactory

CWAC = "E06000050"


@pytest.fixture(scope="module")
def _loaded_once(django_db_setup, django_db_blocker):
    """Load once for the module inside a transaction rolled back afterwards; the example's
    borough is there first, as load_example leaves it."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            borough = AreaFactory(
                name="Cheshire West and Chester",
                kind=AreaKind.BOROUGH,
                gss_code=CWAC,
                valid_from=dt.date(2009, 4, 1),
                source="the example",
            )
            ward = AreaFactory(
                name="Blacon", kind=AreaKind.WARD, parent=borough, gss_code="E05012209", source="x"
            )
            yield {"counts": load_reference_areas(), "borough": borough, "ward": ward}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def loaded(_loaded_once, db):
    return _loaded_once


def _current_english_authorities() -> set[str]:
    with AUTHORITIES_FILE.open(encoding="utf-8") as f:
        return {
            r["gss-code"]
            for r in csv.DictReader(f)
            if r["nation"] == "England"
            and r["current-authority"] == "True"
            and r["local-authority-type"] in {"UA", "MD", "LBO", "CC", "NMD", "CTY"}
        }


def test_england_regions_and_every_current_authority(loaded):
    england = Area.objects.get(gss_code="E92000001")
    assert (england.kind, england.parent) == (AreaKind.COUNTRY, None)
    regions = Area.objects.filter(kind=AreaKind.REGION)
    assert regions.count() == 9
    assert set(regions.values_list("parent", flat=True)) == {england.pk}
    assert regions.get(gss_code="E12000002").name == "North West"
    authorities = _current_english_authorities()
    assert len(authorities) == 317
    loaded_codes = set(
        Area.objects.filter(kind__in=["borough", "district", "county"]).values_list(
            "gss_code", flat=True
        )
    )
    assert loaded_codes == authorities
    # Every authority lies in a region, which lies in England.
    parents = Area.objects.filter(gss_code__in=authorities).values_list(
        "parent__kind", "parent__parent__gss_code"
    )
    assert set(parents) == {("region", "E92000001")}
    assert loaded["counts"]["reference_areas"] == 1 + 9 + 316
    assert not Area.objects.filter(source="").exists()


def test_kinds_follow_the_authority_type(loaded):
    assert Area.objects.get(gss_code="E10000017").kind == AreaKind.COUNTY  # Lancashire
    assert Area.objects.get(gss_code="E07000117").kind == AreaKind.DISTRICT  # Burnley
    assert Area.objects.get(gss_code="E09000001").kind == AreaKind.BOROUGH  # City of London
    assert not Area.objects.filter(gss_code="E61000001").exists()  # the GLA is not an area
    assert not Area.objects.filter(gss_code__startswith="E47").exists()  # nor combined auths


def test_the_examples_borough_is_reused_and_placed_in_the_north_west(loaded):
    borough = Area.objects.get(gss_code=CWAC)
    assert borough.pk == loaded["borough"].pk
    assert borough.parent.name == "North West"
    assert borough.source == "the example"
    assert borough.history.count() == 2  # made, then given its region
    assert Area.objects.get(pk=loaded["ward"].pk).parent == borough


def test_loading_again_makes_nothing(loaded):
    before = (Area.objects.count(), AreaCode.objects.count(), AreaGroup.objects.count())
    assert load_reference_areas() == {"reference_areas": 0, "area_codes": 0, "area_groups": 0}
    assert (Area.objects.count(), AreaCode.objects.count(), AreaGroup.objects.count()) == before


def test_bulk_loaded_rows_have_history(loaded):
    lancashire = Area.objects.get(gss_code="E10000017")
    assert lancashire.history.count() == 1
    assert AreaGroup.objects.first().history.count() == 1


def test_codes_over_time(loaded):
    borough = loaded["borough"]
    # The borough's own pre-GSS ONS (SNAC) code, from mySociety.
    assert resolve_area_code("00EW") == borough
    christchurch = AreaCode.objects.get(code="E07000048")
    assert christchurch.area.name == "Bournemouth, Christchurch and Poole"
    assert christchurch.valid_to == dt.date(2019, 3, 31)
    assert "Christchurch" in christchurch.note and christchurch.source
    # Taunton Deane → Somerset West and Taunton → Somerset: the chain is followed at load.
    assert resolve_area_code("E07000190").gss_code == "E06000066"
    northumberland = AreaCode.objects.get(code="E06000048")
    assert northumberland.note.startswith(RECODED)
    assert northumberland.area.gss_code == "E06000057"
    # Cumbria county was split in two, so its code stands for neither.
    assert resolve_area_code("E10000006") is None
    # District changes from the ONS lookups of 2016–2024 (Forest Heath → West Suffolk).
    assert resolve_area_codes(["E07000201"])["E07000201"].name == "West Suffolk"
    assert not AreaCode.objects.filter(note="").exists()
    assert not AreaCode.objects.filter(source="").exists()


def test_cheshire_districts_before_2009_are_not_invented(loaded):
    """The data has no codes for Chester, Ellesmere Port and Neston or Vale Royal districts."""
    notes = " ".join(AreaCode.objects.filter(area__gss_code=CWAC).values_list("note", flat=True))
    assert list(AreaCode.objects.filter(area__gss_code=CWAC).values_list("code", flat=True)) == [
        "00EW"
    ]
    assert "Vale Royal" not in notes


def test_comparator_group_of_the_borough(loaded):
    group = AreaGroup.objects.get(kind="comparator", anchor__gss_code=CWAC)
    members = set(group.members.values_list("name", flat=True))
    assert len(members) == 15
    assert {"Cheshire East", "Warrington", "Shropshire"} <= members
    assert "Cheshire West and Chester" not in members
    assert "Oflog" in group.source and "nearest neighbours" in group.description


def test_comparator_groups_for_every_authority_that_has_neighbours(loaded):
    groups = AreaGroup.objects.filter(kind="comparator")
    assert groups.count() == loaded["counts"]["area_groups"] > 300
    assert not groups.filter(anchor__gss_code="E09000001").exists()  # only itself in the file
    # Abolished neighbours are left out, and said to be.
    ryedale_listed = groups.get(anchor__gss_code="E07000112")  # Folkestone and Hythe
    assert "E07000168" in ryedale_listed.description
    assert not ryedale_listed.members.filter(gss_code="E07000168").exists()
