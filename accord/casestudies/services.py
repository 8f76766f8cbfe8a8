"""Writes for case studies: create, update, publish or withdraw from publication, archive."""

from typing import Any

from django.core.exceptions import ValidationError

from accord.casestudies import rules
from accord.casestudies.models import CaseStudy
from accord.common import querysets
from accord.common.services import record_archive, record_create, record_update

CASESTUDY_FIELDS = [
    "title",
    "summary",
    "story",
    "happened_on",
    "area",
    "body",
    "is_published",
    "is_illustrative",
    "source",
]
LINKS = ("outcomes", "indicators")


def _split(fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list]]:
    unknown = set(fields) - set(CASESTUDY_FIELDS) - set(LINKS)
    if unknown:
        raise ValidationError(f"Unexpected fields: {', '.join(sorted(unknown))}.")
    plain = {k: v for k, v in fields.items() if k not in LINKS}
    many = {k: list(v or []) for k, v in fields.items() if k in LINKS}
    return plain, many


def _checker(linked: bool):
    def check(cs: CaseStudy) -> None:
        if not rules.not_in_future(cs.happened_on, querysets.today()):
            raise ValidationError({"happened_on": "The date must be today or in the past."})
        if cs.is_published and not rules.publishable(cs.summary, linked):
            raise ValidationError(
                {
                    "is_published": "Link the case study to at least one outcome or indicator "
                    "before publishing it, so that it is shown beside the numbers."
                }
            )

    return check


def _linked(many: dict[str, list], current: CaseStudy | None) -> bool:
    def count(name: str) -> int:
        if name in many:
            return len(many[name])
        return getattr(current, name).count() if current is not None else 0

    return any(count(name) for name in LINKS)


def casestudy_create(*, fields: dict[str, Any], by: Any) -> CaseStudy:
    """Record a case study; `fields` may carry its `outcomes` and `indicators`."""
    plain, many = _split(fields)
    return record_create(
        CaseStudy, fields=plain, by=by, validate=_checker(_linked(many, None)), many=many
    )


def casestudy_update(
    *, casestudy: CaseStudy, changes: dict[str, Any], expected_version: int | None, by: Any
) -> CaseStudy:
    plain, many = _split(changes)
    return record_update(
        casestudy,
        changes=plain,
        by=by,
        expected_version=expected_version,
        validate=_checker(_linked(many, casestudy)),
        many=many,
    )


def casestudy_publish(
    *, casestudy: CaseStudy, publish: bool = True, expected_version: int | None, by: Any
) -> CaseStudy:
    """Publish a case study for everyone to read (or, with publish=False, take it back)."""
    return casestudy_update(
        casestudy=casestudy,
        changes={"is_published": publish},
        expected_version=expected_version,
        by=by,
    )


def casestudy_archive(
    *, casestudy: CaseStudy, reason: str, expected_version: int | None, by: Any
) -> CaseStudy:
    return record_archive(casestudy, by=by, reason=reason, expected_version=expected_version)
