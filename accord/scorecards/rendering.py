"""The body of a scorecard table, written in Python rather than the template language: a
partnership board's scorecard has two hundred rows of eight cells, and rendering them through
nested template includes cost more than working out the figures did. `scorecards/_table.html`
holds the table around them (`{% scorecard_rows card %}`)."""

from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from accord.scorecards.selectors import Row

_META = '<span class="govuk-body-s accord-meta accord-block">{}</span>'


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _tag(tag: str, label: str) -> str:
    return f'<strong class="govuk-tag {_e(tag)}">{_e(label)}</strong>'


def _direction(d: dict[str, str], earlier: str, what: str) -> str:
    out = [f'<span class="accord-block">{_e(what)}: ']
    if d["arrow"]:
        out.append(f'<span aria-hidden="true">{_e(d["arrow"])}</span> ')
    out.append(_e(d["label"]))
    if d["moved"]:
        out.append(f'<span class="govuk-visually-hidden"> (figure {_e(d["moved"])})</span>')
    if earlier != "–":
        out.append(f' <span class="accord-meta">(was {_e(earlier)})</span>')
    out.append("</span>")
    return "".join(out)


def _url_maker(name: str):
    """reverse() once, then fill in the id: two hundred reverse() calls cost a few ms."""
    marker = 987654321
    template = reverse(name, args=[marker])

    def url(pk: int) -> str:
        return template.replace(str(marker), str(pk))

    return url


def _heading(row: Row, card_area_pk: int | None, show: dict[str, bool], urls: tuple) -> str:
    ind_url, area_url = urls
    ind = row.indicator
    out = [
        f'<th scope="row" class="govuk-table__header"><a class="govuk-link" '
        f'href="{_e(ind_url(ind.pk))}">{_e(ind.code)}</a> {_e(ind.display_title)}'
    ]
    if show["area"] or row.area.pk != card_area_pk:
        if show["area"]:
            inner = (
                f'<a class="govuk-link" href="{_e(area_url(row.area.pk))}">{_e(row.area.name)}</a>'
            )
        else:
            inner = f"Figure for {_e(row.area.name)}"
        out.append(_META.format(inner))
    if show["why"]:
        out.extend(_META.format(_e(w)) for w in row.why)
    if show["exceptions"]:
        items = "".join(f"<li>{_e(e)}</li>" for e in row.exceptions)
        out.append(f'<ul class="govuk-list govuk-body-s govuk-!-margin-bottom-0">{items}</ul>')
    out.append("</th>")
    return "".join(out)


def _latest(row: Row) -> str:
    a, ind = row.a, row.indicator
    if a.value is None:
        return '<td class="govuk-table__cell"><span class="accord-meta">No figure</span></td>'
    out = [f'<td class="govuk-table__cell"><strong class="accord-nowrap">{_e(row.value)}</strong>']
    if ind.unit:
        out.append(f" {_e(ind.unit)}")
    out.append(_META.format(_e(a.period_code)))
    if row.interval:
        out.append(_META.format(f"95% CI {_e(row.interval)}"))
    if a.status == "provisional":
        out.append('<strong class="govuk-tag govuk-tag--grey">Provisional</strong>')
    if a.provenance and a.provenance != "real":
        label = "Synthetic" if a.provenance == "synthetic" else "Illustrative"
        out.append(f'<strong class="govuk-tag govuk-tag--purple">{label}</strong>')
    out.append("</td>")
    return "".join(out)


def _target(row: Row) -> str:
    a = row.a
    if a.target_value is None:
        return '<td class="govuk-table__cell"><span class="accord-meta">None</span></td>'
    out = [
        f'<td class="govuk-table__cell"><span class="accord-nowrap">{_e(row.target)}</span>',
        _META.format(_e(a.target_period_code)),
    ]
    if a.target_illustrative:
        out.append('<strong class="govuk-tag govuk-tag--purple">Illustrative</strong>')
    out.append("</td>")
    return "".join(out)


def _forecast(row: Row) -> str:
    a = row.a
    if a.forecast_value is None:
        return '<td class="govuk-table__cell"><span class="accord-meta">None</span></td>'
    method = a.forecast_method[:1].upper() + a.forecast_method[1:]
    return (
        f'<td class="govuk-table__cell">{_tag(row.forecast_tag, row.forecast_label)}'
        f'<span class="govuk-body-s accord-block">{_e(row.forecast)} by '
        f"{_e(a.final_target_period_code)}, against {_e(row.final_target)}</span>"
        f"{_META.format(_e(method))}</td>"
    )


def _benchmarks(row: Row) -> str:
    a = row.a
    median = (
        f' <span class="accord-meta">(median of {a.comparator_count})</span>'
        if a.comparator_count
        else ""
    )
    return (
        '<td class="govuk-table__cell govuk-body-s">'
        f'<span class="accord-block">England {_e(row.england)}</span>'
        f'<span class="accord-block">Region {_e(row.region)}</span>'
        f'<span class="accord-block">Similar areas {_e(row.comparator)}{median}</span></td>'
    )


def _compared(row: Row) -> str:
    a = row.a
    out = ['<td class="govuk-table__cell">']
    if a.significance != "not_compared":
        name = row.benchmark_area.name if row.benchmark_area else "the benchmark"
        out.append(_tag(row.significance_tag, row.significance_label))
        out.append(_META.format(f"than {_e(name)}"))
    else:
        out.append(_META.format("Not tested"))
    if a.quartile:
        note = " (best)" if a.quartile == 1 else " (worst)" if a.quartile == 4 else ""
        out.append(
            f'<span class="govuk-body-s accord-block">Quartile {a.quartile} of 4{note}</span>'
        )
    out.append("</td>")
    return "".join(out)


def scorecard_rows(
    rows: list[Row],
    *,
    card_area_pk: int | None,
    show_area: bool = False,
    show_why: bool = False,
    show_exceptions: bool = False,
) -> SafeString:
    """The `<tr>` of every row, escaped."""
    show = {"area": show_area, "why": show_why, "exceptions": show_exceptions}
    urls = (_url_maker("indicators:detail"), _url_maker("scorecards:area"))
    out = []
    for row in rows:
        out.append('<tr class="govuk-table__row">')
        out.append(_heading(row, card_area_pk, show, urls))
        out.append(_latest(row))
        out.append(_target(row))
        out.append(f'<td class="govuk-table__cell">{_tag(row.rag_tag, row.rag_label)}</td>')
        out.append(
            '<td class="govuk-table__cell govuk-body-s">'
            + _direction(row.direction_previous, row.previous, "Previous period")
            + _direction(row.direction_year, row.year_earlier, "Year earlier")
            + "</td>"
        )
        out.append(_forecast(row))
        out.append(_benchmarks(row))
        out.append(_compared(row))
        out.append("</tr>")
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped
