"""The responsibility matrix pages: read, as of a date, edit under the one-lead rule, stale
edits refused."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accord.bodies.models import BodyKind
from accord.bodies.tests.pagehelpers import queries_for
from accord.common.factories import (
    BodyFactory,
    CommitmentFactory,
    ManagerFactory,
    StrategyFactory,
    UserFactory,
)
from accord.strategies.matrix_selectors import matrix_version
from accord.strategies.models import Commitment, Responsibility
from accord.strategies.services import matrix_apply

pytestmark = pytest.mark.django_db


def build(strategy=None, *, commitments=3, bodies=3):
    """A strategy whose commitments are each led by one body, the others contributing."""
    strategy = strategy or StrategyFactory(title="Together we can aim high")
    cs = [CommitmentFactory(strategy=strategy) for _ in range(commitments)]
    bs = [BodyFactory(kind=BodyKind.THEMATIC) for _ in range(bodies)]
    # Written in bulk (fast for the 30 × 30 query-count case); the service is tested elsewhere.
    Responsibility.objects.bulk_create(
        Responsibility(commitment=c, body=b, role="lead" if j == i % len(bs) else "contributing")
        for i, c in enumerate(cs)
        for j, b in enumerate(bs)
    )
    return strategy, cs, bs


def live_cells(strategy):
    return {
        (r.commitment_id, r.body_id): r.role
        for r in Responsibility.objects.live().filter(commitment__strategy=strategy)
    }


def url(name, strategy, query=""):
    return reverse(f"strategies:{name}", args=[strategy.pk]) + query


def test_matrix_page_is_an_accessible_table_with_text_roles_and_totals(client):
    strategy, (c1, c2, c3), (a, b, c) = build()
    Responsibility.objects.update(source="Seed 003 appendix 1")
    html = client.get(url("matrix", strategy)).content.decode()
    assert "<caption" in html and "lead and contributing bodies for each commitment" in html
    assert html.count('scope="row"') == 3 + 2  # three commitments, two totals rows
    assert f"{c1.number}. {c1.title}" in html
    for body in (a, b, c):
        assert f">{body.name}</a></th>" in html
    assert ">Lead</strong>" in html and "Contributing" in html
    assert "Commitments it leads" in html and "Commitments it contributes to" in html
    assert "Source: Seed 003 appendix 1" in html
    assert "Change the matrix" not in html  # the public does not edit


def test_public_sees_published_strategies_only(client):
    strategy, _, _ = build(StrategyFactory(is_published=False))
    assert client.get(url("matrix", strategy)).status_code == 404
    assert client.get(url("matrix_export", strategy, "?format=csv")).status_code == 404
    client.force_login(ManagerFactory())
    assert client.get(url("matrix", strategy)).status_code == 200


def test_unpublished_bodies_are_not_shown_to_the_public(client):
    strategy, (c1, *_), _ = build()
    hidden = BodyFactory(name="Confidential group", is_published=False)
    matrix_apply(strategy=strategy, cells={(c1.pk, hidden.pk): "contributing"}, by=None)
    assert "Confidential group" not in client.get(url("matrix", strategy)).content.decode()
    client.force_login(ManagerFactory())
    assert "Confidential group" in client.get(url("matrix", strategy)).content.decode()


def test_matrix_page_query_count_does_not_grow(client, django_assert_max_num_queries):
    small, _, _ = build(commitments=3, bodies=3)
    few = queries_for(client, url("matrix", small))
    big, _, _ = build(commitments=30, bodies=30)
    assert queries_for(client, url("matrix", big)) == few
    with django_assert_max_num_queries(6):
        client.get(url("matrix", big))


def test_edit_page_query_count_does_not_grow(client, django_assert_max_num_queries):
    client.force_login(ManagerFactory())
    small, _, _ = build(commitments=3, bodies=3)
    few = queries_for(client, url("matrix_edit", small))
    big, _, _ = build(commitments=30, bodies=30)
    assert queries_for(client, url("matrix_edit", big)) == few
    with django_assert_max_num_queries(12):
        client.get(url("matrix_edit", big))


def test_matrix_as_of_a_date_shows_it_as_it_was(client):
    strategy, (c1, *_), (a, b, _) = build()
    past = timezone.now() - dt.timedelta(days=10)
    Responsibility.objects.update(created_on=past)
    Commitment.objects.update(created_on=past)
    matrix_apply(strategy=strategy, cells={(c1.pk, a.pk): None, (c1.pk, b.pk): "lead"}, by=None)
    archived = Responsibility.objects.filter(commitment=c1, body=a).get()
    assert archived.archived_on is not None
    day = (past + dt.timedelta(days=1)).date()
    old = client.get(url("matrix", strategy, f"?as_of={day.isoformat()}")).content.decode()
    now = client.get(url("matrix", strategy)).content.decode()
    assert f"as it stood at the end of {day:%-d %B %Y}" in old
    # At that date a led commitment 1; now b does.
    assert old.count(">Lead</strong>") == 3 and now.count(">Lead</strong>") == 3
    row_old = old.split(f"{c1.number}. {c1.title}")[1].split("</tr>")[0]
    row_now = now.split(f"{c1.number}. {c1.title}")[1].split("</tr>")[0]
    assert row_old != row_now
    before = (past - dt.timedelta(days=1)).date()
    empty = client.get(url("matrix", strategy, f"?as_of={before.isoformat()}")).content.decode()
    assert "No body has a role" in empty or "has no commitments" in empty


def test_a_bad_as_of_date_is_an_error_not_a_crash(client):
    strategy, _, _ = build()
    r = client.get(url("matrix", strategy, "?as_of=2011-02-30"))
    assert r.status_code == 200
    assert "The date must be a real date" in r.content.decode()


def test_public_cannot_edit_or_import(client):
    strategy, _, _ = build()
    for name in ("matrix_edit", "matrix_import"):
        r = client.get(url(name, strategy))
        assert r.status_code == 302 and r.url.startswith(reverse("accounts:sign-in"))
    client.force_login(UserFactory())
    before = live_cells(strategy)
    for name in ("matrix_edit", "matrix_import"):
        assert client.get(url(name, strategy)).status_code == 403
        assert client.post(url(name, strategy), {}).status_code == 403
    assert live_cells(strategy) == before


def edit_data(strategy, cells, **extra):
    data = {
        "action": "save",
        "version": matrix_version(strategy),
        **{f"cell-{c}-{b}": role for (c, b), role in cells.items()},
    }
    data.update(extra)
    return data


def test_edit_form_has_one_labelled_select_per_cell(client):
    strategy, (c1, *_), (a, *_) = build()
    client.force_login(ManagerFactory())
    html = client.get(url("matrix_edit", strategy)).content.decode()
    assert html.count("<select") == 3 * 3 + 1  # the cells and "add a body"
    assert f'<label class="govuk-visually-hidden" for="cell-{c1.pk}-{a.pk}">' in html
    assert f"Commitment {c1.number}, {a.name}</label>" in html
    assert "Add a body as a column" in html


def test_edit_saves(client):
    strategy, (c1, c2, c3), (a, b, c) = build()
    client.force_login(ManagerFactory())
    cells = live_cells(strategy)
    cells[(c1.pk, a.pk)] = "contributing"
    cells[(c1.pk, b.pk)] = "lead"
    cells[(c2.pk, c.pk)] = ""
    r = client.post(url("matrix_edit", strategy), edit_data(strategy, cells))
    assert r.status_code == 302 and r.url == url("matrix", strategy)
    saved = live_cells(strategy)
    assert saved[(c1.pk, b.pk)] == "lead" and saved[(c1.pk, a.pk)] == "contributing"
    assert (c2.pk, c.pk) not in saved
    follow = client.get(r.url).content.decode()
    assert "Responsibility matrix saved" in follow


def test_two_leads_are_refused_naming_the_commitment_and_nothing_is_saved(client):
    strategy, (c1, c2, c3), (a, b, c) = build()
    client.force_login(ManagerFactory())
    before = live_cells(strategy)
    cells = dict(before)
    cells[(c2.pk, a.pk)] = "lead"  # c2 is led by b already
    cells[(c3.pk, c.pk)] = ""  # an unrelated change the user made, kept in the form
    r = client.post(url("matrix_edit", strategy), edit_data(strategy, cells))
    html = r.content.decode()
    assert r.status_code == 422
    assert "There is a problem" in html and "govuk-error-summary" in html
    assert f"Commitment {c2.number} would have 2 lead bodies" in html
    first_cell = f"cell-{c2.pk}-{a.pk}"  # a is the first column
    assert f'href="#{first_cell}"' in html
    assert "govuk-select--error" in html
    # The user's choices are preserved.
    chosen = html.split(f'id="cell-{c2.pk}-{a.pk}"')[1].split("</select>")[0]
    assert '<option value="lead" selected>' in chosen
    cleared = html.split(f'id="cell-{c3.pk}-{c.pk}"')[1].split("</select>")[0]
    assert '<option value="" selected>' in cleared
    assert live_cells(strategy) == before


def test_stale_edit_is_refused_with_409(client):
    strategy, (c1, c2, _), (a, b, c) = build()
    client.force_login(ManagerFactory())
    opened = matrix_version(strategy)
    # Someone else moves the lead of commitment 1 meanwhile.
    matrix_apply(
        strategy=strategy, cells={(c1.pk, a.pk): "contributing", (c1.pk, c.pk): "lead"}, by=None
    )
    after_them = live_cells(strategy)
    mine = dict(after_them)
    mine[(c2.pk, c.pk)] = ""
    r = client.post(url("matrix_edit", strategy), edit_data(strategy, mine, version=opened))
    html = r.content.decode()
    assert r.status_code == 409
    assert "Someone else changed the matrix" in html
    assert "What is saved now" in html
    assert live_cells(strategy) == after_them
    # The form now carries the saved version, so saving again is a deliberate choice.
    assert f'name="version" value="{matrix_version(strategy)}"' in html
    r = client.post(url("matrix_edit", strategy), edit_data(strategy, mine))
    assert r.status_code == 302
    assert (c2.pk, c.pk) not in live_cells(strategy)


def test_a_body_can_be_added_as_a_column_keeping_choices(client):
    strategy, (c1, *_), (a, b, _) = build()
    extra = BodyFactory(name="Jobcentre Plus steering group", kind=BodyKind.STEERING)
    client.force_login(ManagerFactory())
    cells = live_cells(strategy)
    cells[(c1.pk, b.pk)] = ""
    opened = matrix_version(strategy)
    data = edit_data(strategy, cells, action="add_column", add_body=str(extra.pk))
    data["columns"] = [str(a.pk), str(b.pk)]
    r = client.post(url("matrix_edit", strategy), data)
    html = r.content.decode()
    assert r.status_code == 200
    assert f'id="cell-{c1.pk}-{extra.pk}"' in html
    assert f'name="columns" value="{extra.pk}"' in html
    assert f'name="version" value="{opened}"' in html
    kept = html.split(f'id="cell-{c1.pk}-{b.pk}"')[1].split("</select>")[0]
    assert '<option value="" selected>' in kept
    # Nothing is saved until the manager saves.
    assert (c1.pk, b.pk) in live_cells(strategy)
    # Then the new column saves like any other.
    cells[(c1.pk, extra.pk)] = "contributing"
    data = edit_data(strategy, cells, version=opened)
    data["columns"] = [str(a.pk), str(b.pk), str(extra.pk)]
    r = client.post(url("matrix_edit", strategy), data)
    assert r.status_code == 302
    assert live_cells(strategy)[(c1.pk, extra.pk)] == "contributing"
    html = client.get(url("matrix", strategy)).content.decode()
    assert "Jobcentre Plus steering group" in html


def test_adding_no_body_is_an_error(client):
    strategy, _, _ = build()
    client.force_login(ManagerFactory())
    r = client.post(url("matrix_edit", strategy), {"action": "add_column", "add_body": ""})
    assert r.status_code == 422
    assert 'href="#add_body"' in r.content.decode()


def test_an_unknown_cell_value_is_refused(client):
    strategy, (c1, *_), (a, *_) = build()
    client.force_login(ManagerFactory())
    before = live_cells(strategy)
    cells = dict(before)
    cells[(c1.pk, a.pk)] = "boss"
    r = client.post(url("matrix_edit", strategy), edit_data(strategy, cells))
    assert r.status_code == 422
    assert live_cells(strategy) == before


def test_archived_strategy_matrix_cannot_be_changed(client):
    strategy, _, _ = build()
    strategy.archived_on = timezone.now()
    strategy.save()
    client.force_login(ManagerFactory())
    assert client.get(url("matrix_edit", strategy)).status_code == 403
    html = client.get(url("matrix", strategy)).content.decode()
    assert "Change the matrix" not in html
