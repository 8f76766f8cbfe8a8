import pytest
from accord.observations.services import import_observations
from accord.observations.models import Observation
from accord.observations.tests.conftest import FILES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    [
        "fingertips_hle_bom.csv",
        "template_employment_cp1252.csv",
        "template_three_bad_rows.csv",
        "template_financial_years.csv",
        "template_quarters_testonly.csv",
        "fingertips_suppressed_testonly.csv",
    ],
)
def test_smoke(name, places, library, manager):
    b = import_observations(file_path=FILES / name, filename=name, by=manager)
    print(name, b.status, b.rows_total, b.rows_loaded, b.rows_rejected, b.problems[:5])
    for o in Observation.objects.filter(batch=b).select_related("period", "area", "indicator")[:30]:
        print(
            "  ",
            o.indicator.code,
            o.area.gss_code,
            o.period.code,
            repr(o.breakdown),
            o.value,
            o.ci_lower,
            o.ci_upper,
            o.suppressed,
            o.suppression_reason,
            o.commentary,
        )
