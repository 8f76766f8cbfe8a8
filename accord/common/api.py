"""Shared machinery of the Accord API under /api/v1/.

- Bearer tokens: reads are open (anonymous callers see published material only); writes need
  `Authorization: Bearer <token>` (see `accord create-token`).
- Every error is `application/problem+json` (RFC 9457): type, title, status, detail, and `errors`
  mapping each bad field to its messages.
- Detail responses carry an `ETag` ("<pk>-<version>"); `PUT`, `PATCH` and archive need a matching
  `If-Match` (missing: 428, stale: 412, and nothing is written).
- Lists share one envelope: count, next, previous, results; `?page=`, `?page_size=` (at most 200).
"""

import datetime as dt
import inspect
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from typing import Annotated, Any, Generic, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Header, NinjaAPI, Path, Router, Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer
from pydantic import AfterValidator, ConfigDict, create_model

from accord.accounts.services import token_user
from accord.common.editing import call_service, model_perm
from accord.common.models import AccordModel
from accord.common.services import StaleEditError

PROBLEM_CONTENT_TYPE = "application/problem+json"
MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50
MAX_ID = 2**63 - 1

M = TypeVar("M", bound=AccordModel)

# Service errors name model fields; the API names foreign keys with `_id`.
FIELD_ALIASES = {
    "parent": "parent_id",
    "area": "area_id",
    "person": "person_id",
    "body": "body_id",
    "post": "post_id",
    "on_behalf_of": "on_behalf_of_id",
    "nominated_by": "nominated_by_id",
    "organisation": "organisation_id",
    "successors": "successor_ids",
    "owning_body": "owning_body_id",
    "adopted_by": "adopted_by_id",
    "delivers": "delivers_id",
    "revises": "revises_id",
    "strategy": "strategy_id",
    "commitment": "commitment_id",
    "commitments": "commitment_ids",
    "lead_officer": "lead_officer_id",
    "action_group": "action_group_id",
    "programme": "programme_id",
    "owner_body": "owner_body_id",
    "owner_organisation": "owner_organisation_id",
    "owner_person": "owner_person_id",
    "__all__": "non_field_errors",
}


# --- Problems -------------------------------------------------------------------------------


class ProblemOut(Schema):
    """An error, as RFC 9457 problem details."""

    type: str = Field(description="A URI naming the kind of problem; about:blank for plain HTTP.")
    title: str
    status: int
    detail: str
    errors: dict[str, list[str]] = Field(
        default_factory=dict, description="Each bad field, with what is wrong with it."
    )


class ApiProblem(Exception):
    """Raise from a view to answer with a problem+json response."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        errors: Mapping[str, list[str]] | None = None,
        headers: Mapping[str, str] | None = None,
    ):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = dict(errors or {})
        self.headers = dict(headers or {})


def problem_response(
    status: int,
    detail: str,
    *,
    errors: Mapping[str, list[str]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> HttpResponse:
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "errors": dict(errors or {}),
    }
    response = HttpResponse(json.dumps(body), status=status, content_type=PROBLEM_CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _django_errors(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            FIELD_ALIASES.get(name, name): [str(m) for m in DjangoValidationError(errs).messages]
            for name, errs in exc.error_dict.items()
        }
    return {"non_field_errors": [str(m) for m in exc.messages]}


def _ninja_field(loc: tuple) -> str:
    source, *rest = loc
    if source == "body" and rest:
        rest = rest[1:]  # the name of the view's body parameter
    return ".".join(str(part) for part in rest) or source


def _on_ninja_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    sources = set()
    for err in exc.errors:
        loc = tuple(err.get("loc") or ("body",))
        names = {str(p).lower() for p in loc[1:]}
        if loc[0] == "header" and "if-match" in names and err.get("type") == "missing":
            return problem_response(
                428,
                "Send an If-Match header with the ETag you last read, so that nobody's "
                "changes are overwritten.",
                errors={"If-Match": ["This header is required."]},
            )
        sources.add(loc[0])
        errors.setdefault(_ninja_field(loc), []).append(str(err.get("msg", "Invalid value.")))
    if "path" in sources:
        return problem_response(404, "There is no record at this address.")
    if "query" in sources and not sources - {"query"}:
        return problem_response(400, "One or more query parameters are not valid.", errors=errors)
    return problem_response(422, "The request has errors: see each field.", errors=errors)


def _on_django_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    errors = _django_errors(exc)
    return problem_response(422, "The record was not saved: see each field.", errors=errors)


def _on_not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem_response(404, "There is no record at this address.")


def _on_stale(request: HttpRequest, exc: StaleEditError) -> HttpResponse:
    return problem_response(
        412,
        "This record was changed by someone else after you read it; nothing was saved. "
        "Read it again and reapply your change.",
        errors={"If-Match": [f"The current ETag is {exc.current.etag}."]},
        headers={"ETag": exc.current.etag},
    )


def _on_unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem_response(
        401,
        "Send a valid API token: Authorization: Bearer <token> (see `accord create-token`).",
        headers={"WWW-Authenticate": 'Bearer realm="accord"'},
    )


def _on_forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem_response(
        403,
        str(exc)
        if str(exc) not in ("", "Forbidden")
        else ("You do not have permission to do this."),
    )


def _on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem_response(exc.status_code, str(exc))


def _on_problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
    return problem_response(exc.status, exc.detail, errors=exc.errors, headers=exc.headers)


_HANDLERS: list[tuple[type[Exception], Any]] = [
    (NinjaValidationError, _on_ninja_validation),
    (DjangoValidationError, _on_django_validation),
    (Http404, _on_not_found),
    (ObjectDoesNotExist, _on_not_found),
    (StaleEditError, _on_stale),
    (AuthenticationError, _on_unauthenticated),
    (AuthorizationError, _on_forbidden),
    (PermissionDenied, _on_forbidden),
    (HttpError, _on_http_error),
    (ApiProblem, _on_problem),
]


def register_exception_handlers(api: NinjaAPI) -> None:
    """Answer every expected failure as problem+json (anything else stays a 500)."""
    for exc_class, handler in _HANDLERS:
        api.add_exception_handler(exc_class, handler)


class AccordAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document says what the API really sends: problem+json for errors,
    and optional authentication for reads."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                if not isinstance(operation, dict):
                    continue
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content") or {}
                    if int(status) >= 400 and "application/json" in content:
                        content[PROBLEM_CONTENT_TYPE] = content.pop("application/json")
                if method == "get" and operation.get("security"):
                    # Reads work without a token; a token shows more (e.g. unpublished bodies).
                    operation["security"] = [*operation["security"], {}]
        return schema


# --- Authentication ---------------------------------------------------------------------------


class BearerAuth(HttpBearer):
    """`Authorization: Bearer <token>`. With `required=False` a request without the header goes
    through as its session user (or anonymous); a bad token is always refused."""

    def __init__(self, *, required: bool = True):
        super().__init__()
        self.required = required

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization", "")
        if not header:
            if self.required:
                return None
            user = getattr(request, "user", None)
            return user if user is not None and user.is_authenticated else AnonymousUser()
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_user(token)
        if user is not None:
            request.user = user
        return user


read_auth = BearerAuth(required=False)
write_auth = BearerAuth(required=True)


def caller(request: HttpRequest) -> Any:
    """The user this request acts for (AnonymousUser when none)."""
    return getattr(request, "auth", None) or AnonymousUser()


def require_perm(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not caller(request).has_perm(perm, obj):
        raise AuthorizationError(message="You do not have permission to do this.")


def is_manager(user: Any) -> bool:
    return bool(user.is_authenticated and (getattr(user, "is_manager", False) or user.is_superuser))


# --- Input types ------------------------------------------------------------------------------


def _clean_text(value: str) -> str:
    if "\x00" in value:
        raise ValueError("Text must not contain NUL characters.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("Text must be valid Unicode.") from exc
    return value


_NO_NUL = r"^[^\x00]*$"

# A string the database can store: no NUL characters, no lone surrogates. Bound it where used,
# e.g. Annotated[CleanText, Field(max_length=200)].
CleanText = Annotated[str, Field(pattern=_NO_NUL), AfterValidator(_clean_text)]
Name = Annotated[CleanText, Field(min_length=1, max_length=200)]

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
IfMatch = Annotated[
    str, Header(alias="If-Match", description='The ETag you last read: "<id>-<version>".')
]


class InputSchema(Schema):
    """Request bodies refuse unknown fields, so a misspelt field is an error, not a no-op."""

    model_config = ConfigDict(extra="forbid")


def patch_schema(schema: type[Schema], name: str) -> type[Schema]:
    """The PATCH form of a PUT schema: every field optional, and only those sent are changed."""
    fields: dict[str, Any] = {}
    for field_name, info in schema.model_fields.items():
        annotation: Any = info.annotation
        if info.metadata:
            annotation = Annotated[annotation, *info.metadata]
        # The default is never validated, so a field may be left out but not sent as null
        # unless its type allows null.
        fields[field_name] = (annotation, Field(None, description=info.description))
    return create_model(name, __base__=InputSchema, **fields)


class ArchiveIn(InputSchema):
    reason: Annotated[CleanText, Field(min_length=1, max_length=2000)] = Field(
        ..., description="Why this record is being archived."
    )


class Meta(Schema):
    """Bookkeeping every record carries."""

    version: int
    etag: str
    created_on: dt.datetime
    modified_on: dt.datetime
    archived_on: dt.datetime | None
    archive_reason: str
    source: str


def meta(obj: Any) -> dict[str, Any]:
    return {
        "version": obj.version,
        "etag": obj.etag,
        "created_on": obj.created_on,
        "modified_on": obj.modified_on,
        "archived_on": obj.archived_on,
        "archive_reason": obj.archive_reason,
        "source": obj.source,
    }


# --- Optimistic concurrency -------------------------------------------------------------------

_ETAG = re.compile(r'^"(\d+)-(\d+)"$')


def expected_version(if_match: str | None, obj: Model) -> int:
    """The version named by `If-Match` for `obj`; 428 when absent, 412 when it is not current."""
    if not if_match or not if_match.strip():
        raise ApiProblem(
            428,
            "Send an If-Match header with the ETag you last read, so that nobody's changes "
            "are overwritten.",
            errors={"If-Match": ["This header is required."]},
        )
    current_etag = obj.etag  # type: ignore[attr-defined]
    if if_match.strip() == "*":
        # RFC 9110: "*" matches any current representation, so the caller opts out of the check.
        return obj.version  # type: ignore[attr-defined]
    for tag in if_match.split(","):
        match = _ETAG.match(tag.strip())
        if match and int(match[1]) == obj.pk and int(match[2]) == obj.version:  # type: ignore[attr-defined]
            return obj.version  # type: ignore[attr-defined]
    raise ApiProblem(
        412,
        "This record has changed since that ETag was issued; nothing was saved. Read it again "
        "and reapply your change.",
        errors={"If-Match": [f"The current ETag is {current_etag}."]},
        headers={"ETag": current_etag},
    )


def with_etag(response: HttpResponse, obj: Any) -> None:
    response["ETag"] = obj.etag


def check_span(
    data: Mapping[str, Any], obj: Any, start: str, end: str, *, what: str = "record"
) -> None:
    """An end date on or after the start date, checked before the service is called so that
    the error names the field (the database constraint alone would not)."""
    begins = data[start] if start in data else getattr(obj, start, None)
    ends = data[end] if end in data else getattr(obj, end, None)
    if begins is not None and ends is not None and ends < begins:
        raise ApiProblem(
            422,
            "The request has errors: see each field.",
            errors={end: [f"The {what} cannot end before it starts ({begins:%d %B %Y})."]},
        )


# --- Update and archive ---------------------------------------------------------------------


def _as_sent(request: HttpRequest, data: dict[str, Any], record: Any) -> dict[str, Any]:
    return {"changes": data}


@dataclass(frozen=True)
class RecordEndpoints(Generic[M]):
    """What PUT, PATCH and archive of one kind of record share: fetch it as the caller may see
    it, check the permission, then If-Match, then call one service and answer with its ETag.

    `declare_record_endpoints` declares the detail GET, PUT, PATCH and archive endpoints that
    call `detail`, `put`, `patch` and `archive`."""

    model: type[M]
    update_service: Callable[..., M]
    archive_service: Callable[..., M]
    # The response body for a saved record (setting its ETag on `response`).
    respond: Callable[[HttpRequest, HttpResponse, M], dict[str, Any]]
    # The record as the caller may see it; by default any record of `model`.
    get: Callable[[HttpRequest, int], M] | None = None
    # The update service's arguments from the fields sent, with the checks that need the
    # record (references, date spans, extra permissions); they run after If-Match is checked.
    prepare: Callable[[HttpRequest, dict[str, Any], M], dict[str, Any]] = _as_sent

    def _get(self, request: HttpRequest, pk: int) -> M:
        if self.get is not None:
            return self.get(request, pk)
        return self.model._default_manager.get(pk=pk)

    def _update(
        self, request: HttpRequest, response: HttpResponse, pk: int, if_match: str, data: dict
    ) -> dict[str, Any]:
        record = self._get(request, pk)
        require_perm(request, model_perm(self.model, "change"), record)
        version = expected_version(if_match, record)
        updated = call_service(
            self.update_service,
            record,
            **self.prepare(request, data, record),
            expected_version=version,
            by=caller(request),
        )
        return self.respond(request, response, updated)

    def detail(self, request: HttpRequest, response: HttpResponse, pk: int) -> dict[str, Any]:
        return self.respond(request, response, self._get(request, pk))

    def put(
        self, request: HttpRequest, response: HttpResponse, pk: int, if_match: str, payload: Schema
    ) -> dict[str, Any]:
        return self._update(request, response, pk, if_match, payload.model_dump())

    def patch(
        self, request: HttpRequest, response: HttpResponse, pk: int, if_match: str, payload: Schema
    ) -> dict[str, Any]:
        data = payload.model_dump(exclude_unset=True)
        return self._update(request, response, pk, if_match, data)

    def archive(
        self,
        request: HttpRequest,
        response: HttpResponse,
        pk: int,
        if_match: str,
        payload: ArchiveIn,
    ) -> dict[str, Any]:
        record = self._get(request, pk)
        require_perm(request, model_perm(self.model, "archive"), record)
        version = expected_version(if_match, record)
        archived = call_service(
            self.archive_service,
            record,
            reason=payload.reason,
            expected_version=version,
            by=caller(request),
        )
        return self.respond(request, response, archived)


# --- References -------------------------------------------------------------------------------


def resolve(
    data: Mapping[str, Any],
    refs: Mapping[str, tuple[str, QuerySet]],
    *,
    errors: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    """Turn `<name>_id` fields of a request into model instances for the services.

    `refs` maps an API field to (model field, queryset it must be found in). Every bad reference
    is reported at once (422), before anything is written."""
    errors = errors if errors is not None else {}
    fields: dict[str, Any] = {}
    for name, value in data.items():
        if name not in refs:
            fields[name] = value
            continue
        target, queryset = refs[name]
        label = queryset.model._meta.verbose_name
        if value is None:
            fields[target] = None
        elif isinstance(value, list):
            wanted = list(dict.fromkeys(value))
            found = {o.pk: o for o in queryset.filter(pk__in=wanted)}
            missing = [str(pk) for pk in wanted if pk not in found]
            if missing:
                errors.setdefault(name, []).append(f"No {label} with id {', '.join(missing)}.")
            fields[target] = [found[pk] for pk in wanted if pk in found]
        else:
            obj = queryset.filter(pk=value).first()
            if obj is None:
                errors.setdefault(name, []).append(f"No {label} with id {value}.")
            fields[target] = obj
    if errors:
        raise ApiProblem(422, "The request has errors: see each field.", errors=errors)
    return fields


# --- Lists ------------------------------------------------------------------------------------


class ListParams(Schema):
    page: int = Field(1, ge=1, le=1_000_000, description="Page number, from 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Results per page (at most 200)."
    )
    include_archived: bool = Field(False, description="Include archived records.")


class DatedParams(ListParams):
    current: bool | None = Field(
        None, description="true: only those in being today; false: only those not in being."
    )
    as_of: dt.date | None = Field(None, description="Only those in being on this date.")


def page_schema(item: type[Schema], name: str) -> type[Schema]:
    """The one list envelope: count, next, previous, results."""
    return create_model(
        name,
        __base__=Schema,
        count=(int, Field(..., description="How many records match, over all pages.")),
        next=(str | None, Field(..., description="The next page, or null on the last.")),
        previous=(str | None, Field(..., description="The previous page, or null on the first.")),
        results=(list[item], ...),  # type: ignore[valid-type]
    )


def dated(qs: QuerySet, params: DatedParams) -> QuerySet:
    """Apply `?current=` and `?as_of=` with the model's dated queryset."""
    if params.as_of is not None:
        qs = qs.as_of(params.as_of)  # type: ignore[attr-defined]
    if params.current is True:
        qs = qs.current()  # type: ignore[attr-defined]
    elif params.current is False:
        qs = qs.exclude(pk__in=qs.model.objects.current().values("pk"))
    return qs


def live_unless_asked(qs: QuerySet, params: ListParams) -> QuerySet:
    return qs if params.include_archived else qs.live()  # type: ignore[attr-defined]


def _page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginate(
    request: HttpRequest,
    qs: QuerySet,
    params: ListParams,
    serialize: Callable[[list[Any]], Iterable[dict[str, Any]]],
) -> dict[str, Any]:
    """One page of `qs` in the list envelope: two queries plus the queryset's prefetches."""
    count = qs.count()
    start = (params.page - 1) * params.page_size
    rows = list(qs[start : start + params.page_size]) if start < count else []
    last = max(1, -(-count // params.page_size))
    return {
        "count": count,
        "next": _page_url(request, params.page + 1) if params.page < last else None,
        "previous": _page_url(request, min(params.page - 1, last)) if params.page > 1 else None,
        "results": list(serialize(rows)),
    }


LIST_ERRORS = {400: ProblemOut, 401: ProblemOut}
DETAIL_ERRORS = {401: ProblemOut, 404: ProblemOut}
CREATE_ERRORS = {400: ProblemOut, 401: ProblemOut, 403: ProblemOut, 422: ProblemOut}
UPDATE_ERRORS = {
    400: ProblemOut,
    401: ProblemOut,
    403: ProblemOut,
    404: ProblemOut,
    412: ProblemOut,
    422: ProblemOut,
    428: ProblemOut,
}


# --- Declaring the standard endpoints ---------------------------------------------------------


@dataclass(frozen=True)
class RecordDocs:
    """The docstrings (OpenAPI descriptions) of a resource's standard endpoints. `detail` is
    None when the resource declares its own detail GET."""

    put: str
    archive: str
    detail: str | None = None
    patch: str = "Change the fields sent, and only those. Needs `If-Match`."


def _view(
    module: str,
    name: str,
    doc: str,
    params: list[tuple[str, Any]],
    call: Callable[..., Any],
) -> Callable[..., Any]:
    """A view function as ninja reads it: `name`, `module` and `doc` give its operation id,
    summary and description, and the signature `(request, response, *params)` its parameters."""

    def view(request: HttpRequest, **kwargs: Any) -> Any:
        return call(request, *(kwargs[param] for param, _ in params))

    view.__name__ = view.__qualname__ = name
    view.__module__ = module
    view.__doc__ = doc
    view.__annotations__ = {"request": HttpRequest, **dict(params)}
    positional = inspect.Parameter.POSITIONAL_OR_KEYWORD
    view.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter("request", positional, annotation=HttpRequest)]
        + [inspect.Parameter(param, positional, annotation=kind) for param, kind in params]
    )
    return view


def declare_record_endpoints(
    router: Router,
    endpoints: RecordEndpoints[Any],
    *,
    module: str,
    noun: str,
    path_param: str,
    schema_in: type[Schema],
    schema_patch: type[Schema],
    schema_out: type[Schema],
    docs: RecordDocs,
    detail_url_name: str | None = None,
    path_type: Any = PathId,
    exclude_unset: bool = False,
) -> dict[str, Callable[..., Any]]:
    """Declare on `router` the standard endpoints of one kind of record, as if written out in
    `module` (`__name__`) as `get_<noun>` (when `docs.detail` is given), `replace_<noun>`,
    `patch_<noun>` and `archive_<noun>`, each with the parameters `response`, `<path_param>`,
    `payload` and `if_match`. Returns the view functions by name."""
    path = "/{" + path_param + "}"
    options: dict[str, Any] = {"exclude_unset": True} if exclude_unset else {}
    record = [("response", HttpResponse), (path_param, path_type)]
    views: dict[str, Callable[..., Any]] = {}

    if docs.detail is not None:
        view = _view(module, f"get_{noun}", docs.detail, record, endpoints.detail)
        router.get(
            path,
            response={200: schema_out, **DETAIL_ERRORS},
            auth=read_auth,
            url_name=detail_url_name,
            **options,
        )(view)
        views[view.__name__] = view

    writes: list[tuple[str, str, str, type[Schema], Callable[..., Any], str]] = [
        ("put", f"replace_{noun}", path, schema_in, endpoints.put, docs.put),
        ("patch", f"patch_{noun}", path, schema_patch, endpoints.patch, docs.patch),
        ("post", f"archive_{noun}", f"{path}/archive", ArchiveIn, endpoints.archive, docs.archive),
    ]
    for method, name, url, payload, action, doc in writes:

        def call(
            request: HttpRequest,
            response: HttpResponse,
            pk: int,
            payload: Schema,
            if_match: str,
            action: Callable[..., dict[str, Any]] = action,
        ) -> dict[str, Any]:
            return action(request, response, pk, if_match, payload)

        params = [*record, ("payload", payload), ("if_match", IfMatch)]
        view = _view(module, name, doc, params, call)
        getattr(router, method)(
            url, response={200: schema_out, **UPDATE_ERRORS}, auth=write_auth, **options
        )(view)
        views[name] = view
    return views
