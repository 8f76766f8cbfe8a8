"""Every list uses a fixed number of queries, however many rows it returns."""

import pytest

from accord.common.factories import (
    AreaFactory,
    BodyFactory,
    CommitmentFactory,
    EmploymentFactory,
    MembershipFactory,
    MilestoneFactory,
    PriorityFactory,
    ProgrammeFactory,
    ResponsibilityFactory,
    StrategyFactory,
    UserFactory,
)
from accord.common.popolo import popolo_export

LISTS = [
    "/api/v1/bodies",
    "/api/v1/organisations",
    "/api/v1/people",
    "/api/v1/memberships",
    "/api/v1/areas",
    "/api/v1/popolo.json",
    "/api/v1/strategies",
    "/api/v1/commitments",
    "/api/v1/priorities",
    "/api/v1/responsibilities",
    "/api/v1/programmes",
    "/api/v1/milestones",
]


def make_framework(n: int) -> None:
    area = AreaFactory(kind="borough")
    top = BodyFactory(area=area)
    for _ in range(n):
        body = BodyFactory(parent=top, area=AreaFactory(parent=area))
        body.successors.add(BodyFactory())
        m = MembershipFactory(body=body)
        EmploymentFactory(person=m.person, organisation=m.on_behalf_of)
        MembershipFactory(body=BodyFactory(is_published=False))
        make_strategy(body)


def make_strategy(body) -> None:
    """A strategy with a commitment, its matrix cells, a priority and a timetable."""
    for published in (True, False):
        strategy = StrategyFactory(owning_body=body, is_published=published)
        c = CommitmentFactory(strategy=strategy)
        ResponsibilityFactory(commitment=c, body=body, role="lead")
        ResponsibilityFactory(commitment=c, body=BodyFactory(is_published=False))
        PriorityFactory(strategy=strategy, action_group=body).commitments.add(c)
        MilestoneFactory(programme=ProgrammeFactory(strategy=strategy), owner_body=body)


def count_queries(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(url, {"page_size": 200} if "popolo" not in url else {})
    assert response.status_code == 200, response.content
    return len(captured)


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("who", ["anonymous", "manager", "member"])
def test_list_queries_do_not_grow_with_rows(
    url, who, anon, api, user_client, django_assert_max_num_queries
):
    make_framework(2)
    member = MembershipFactory()
    client = {
        "anonymous": anon,
        "manager": api,
        "member": user_client(UserFactory(person=member.person)) if who == "member" else None,
    }[who]
    small = count_queries(client, url, django_assert_max_num_queries, 12)
    make_framework(15)
    large = count_queries(client, url, django_assert_max_num_queries, 12)
    assert large == small


def test_popolo_export_queries_are_fixed(db, django_assert_max_num_queries):
    from django.contrib.auth.models import AnonymousUser

    make_framework(3)
    with django_assert_max_num_queries(8):
        small = popolo_export(user=AnonymousUser())
    make_framework(20)
    with django_assert_max_num_queries(8):
        large = popolo_export(user=AnonymousUser())
    assert len(large["memberships"]) > len(small["memberships"])


def test_matrix_queries_do_not_grow_with_rows(anon, django_assert_max_num_queries):
    strategy = StrategyFactory()
    bodies = [BodyFactory() for _ in range(6)]

    def add(n):
        for _ in range(n):
            c = CommitmentFactory(strategy=strategy)
            ResponsibilityFactory(commitment=c, body=bodies[0], role="lead")
            for b in bodies[1:]:
                ResponsibilityFactory(commitment=c, body=b)

    url = f"/api/v1/strategies/{strategy.pk}/matrix"
    add(2)
    small = count_queries(anon, url, django_assert_max_num_queries, 6)
    add(15)
    assert count_queries(anon, url, django_assert_max_num_queries, 6) == small
