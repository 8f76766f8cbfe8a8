"""The SVG charts: well-formed, named and described for assistive technology, labelled in text,
and meaning carried by shape and line pattern as well as colour."""

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.scorecards import charts
from accord.scorecards.charts import Point

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]


def assert_accessible(root: ET.Element, chart_id: str) -> None:
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
    assert root.find("svg:title", NS).get("id") == f"{chart_id}-title"
    assert root.find("svg:desc", NS).get("id") == f"{chart_id}-desc"


def trend(**kwargs):
    defaults = {
        "chart_id": "t",
        "title": "NI 8 <adult> participation & sport",
        "periods": ["2007/08", "2008/09", "2009/10", "2010/11"],
        "values": {
            "2007/08": Point("2007/08", 20.1, 19.0, 21.2),
            "2008/09": Point("2008/09", 21.5, 20.3, 22.6),
        },
        "targets": {"2009/10": 23.0, "2010/11": 24.0},
        "england": {"2007/08": 21.3, "2008/09": 21.6},
        "unit": "%",
    }
    return charts.trend_chart(**{**defaults, **kwargs})


def test_trend_chart():
    root = parse(trend())
    assert_accessible(root, "t")
    assert root.find("svg:title", NS).text == "NI 8 <adult> participation & sport"
    desc = root.find("svg:desc", NS).text
    assert "2 figures from 2007/08 to 2008/09" in desc and "21.5 % in 2008/09" in desc
    assert "England in 2008/09: 21.6 %" in desc and "table beside the chart" in desc
    labels = texts(root)
    for label in ["2007/08", "2010/11", "This area (with 95% interval)", "Target", "England"]:
        assert label in labels
    assert "21.5" in labels  # the latest figure is labelled
    svg = str(trend())
    # Target dashed with squares, England dotted with diamonds, the area solid with circles.
    assert 'stroke-dasharray="8 5"' in svg and "<rect" in svg
    assert 'stroke-dasharray="2 4"' in svg and "<polygon" in svg
    assert "<circle" in svg
    # The interval whiskers.
    assert svg.count('stroke-width="1.5" fill="none"') == 2


def test_trend_chart_without_figures():
    root = parse(trend(values={}, targets={}, england={}))
    assert_accessible(root, "t")
    assert "No figures to chart" in texts(root)


def test_caterpillar_chart():
    points = [
        Point("Chester", 12, 10, 14, "better"),
        Point("Ellesmere Port and Neston", 20, 18, 22, "worse"),
        Point("Rural", 15, 13.5, 17, "similar"),
        Point("A board area with a very long name indeed", 16),
    ]
    svg = charts.caterpillar_chart(
        chart_id="c",
        title="Areas",
        points=points,
        benchmark=16.5,
        benchmark_label="Cheshire West and Chester",
        unit="%",
    )
    root = parse(svg)
    assert_accessible(root, "c")
    desc = root.find("svg:desc", NS).text
    assert "4 areas against Cheshire West and Chester (16.5 %)" in desc
    assert "1 significantly worse, 1 similar, 1 significantly better, 1 not compared" in desc
    labels = texts(root)
    assert "Cheshire West and Chester 16.5" in labels
    assert "Significantly worse than Cheshire West and Chester" in labels
    assert "A board area with a very…" in labels  # long names are shortened
    assert {"12.0", "20.0", "15.0", "16.0"} <= set(labels)
    # One marker shape per significance: triangles up and down, a circle, a diamond.
    polygons = root.findall(".//svg:polygon", NS)
    assert len(polygons) >= 3 and root.findall(".//svg:circle", NS)
    assert f'fill="{charts.RED}"' in str(svg) and f'fill="{charts.GREEN}"' in str(svg)


def test_caterpillar_chart_without_figures():
    root = parse(
        charts.caterpillar_chart(
            chart_id="e", title="Nothing", points=[], benchmark=None, benchmark_label="England"
        )
    )
    assert "No figures to chart" in texts(root)


@given(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.floats(min_value=0, max_value=1e6, allow_nan=False),
)
def test_ticks_cover_the_range_evenly(lo, span):
    hi = lo + span
    ticks = charts.nice_ticks(lo, hi)
    assert ticks[0] <= lo and ticks[-1] >= hi
    assert ticks == sorted(ticks) and len(ticks) >= 2
    steps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert max(steps) - min(steps) <= 1e-6 * max(steps)
    assert len(ticks) <= 12


@pytest.mark.parametrize("value, places, expected", [(1234.5, 1, "1,234.5"), (None, 1, "–")])
def test_fmt(value, places, expected):
    assert charts.fmt(value, places) == expected
