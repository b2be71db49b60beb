"""Lists with filters, sorting, pages and downloads (issue 18 §2, §6), the same on every list.

A list is described once (`ListSpec`: its columns, its filters, its search) and `list_page`
reads the request's filters from the URL — so a filtered, sorted list can be bookmarked, shared
and saved as a view — and answers with one page of the list, or with the whole filtered list as
CSV or Excel (formula-safe, `safe_cells`). Filter values that are not among a filter's choices
are left out (a stale bookmark shows the whole list with a message, not an error page).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpResponse, QueryDict

from baanbehoud.audit.models import CASE_WORK, Action
from baanbehoud.audit.services import log_processing
from baanbehoud.organisations.models import Municipality, Organisation, OrganisationKind, User
from baanbehoud.safe_cells import csv_file, xlsx_file

# URL parameters that are not a filter: the page and the download's format.
PAGE = "pagina"
FORMAT = "formaat"
SORT = "sorteer"
SEARCH = "q"
FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Choices = Sequence[tuple[str, str]]
_Q = TypeVar("_Q", bound=QuerySet[Any])


@dataclass(frozen=True)
class Filter:
    """One filter of a list: its URL parameter, its label, the choices the user has (which may
    depend on who it is) and what choosing one does to the query."""

    key: str
    label: str
    choices: Callable[[User], Choices]
    apply: Callable[[QuerySet[Any], str, User], QuerySet[Any]]
    everything: str = "Alle"


@dataclass(frozen=True)
class Column:
    """A column: its label, its cell in a download, and the fields it sorts by (none: it does
    not sort)."""

    key: str
    label: str
    cell: Callable[[Any], Any]
    order: tuple[str, ...] = ()


@dataclass(frozen=True)
class ListSpec:
    title: str
    words: str  # "persoon,personen": the count in words
    columns: tuple[Column, ...]
    filters: tuple[Filter, ...] = ()
    default_sort: str = ""
    page_size: int = 25
    download: str = ""  # the file's name; empty: the list does not download
    search_label: str = ""
    search: Callable[[QuerySet[Any], str], QuerySet[Any]] | None = None
    # A filter's value when the URL does not name it (`status=` in the URL: every status).
    defaults: dict[str, str] = field(default_factory=dict)


@dataclass
class ListPage:
    """What a list's template needs: the page, the filters with their state, the column heads
    with their sort links, and the query string that keeps the filters on every link."""

    spec: ListSpec
    page: Page[Any]
    filters: list[dict[str, Any]]
    columns: list[dict[str, Any]]
    query: str
    params: dict[str, str]
    ignored: list[str] = field(default_factory=list)
    sort: str = ""  # as in the URL: `naam`, `-naam`

    @property
    def sort_choices(self) -> list[tuple[str, str]]:
        """Every sortable column both ways, for the select that sorts on a phone."""
        return [
            choice
            for c in self.spec.columns
            if c.order
            for choice in ((c.key, f"{c.label} (oplopend)"), (f"-{c.key}", f"{c.label} (aflopend)"))
        ]

    @property
    def count(self) -> int:
        return self.page.paginator.count

    @property
    def filtered(self) -> bool:
        return any(k != SORT for k in self.params)

    @property
    def querystring(self) -> str:
        """The filters and sort as a query string, for links that keep them."""
        return urlencode(self.params)

    def link(self, **changes: str) -> str:
        params = {**self.params, **changes}
        kept = {k: v for k, v in params.items() if v or k in self.spec.defaults}
        return "?" + urlencode(kept)

    @property
    def pager_prefix(self) -> str:
        """`…&` to put before `pagina=N` in the page links."""
        return self.querystring + "&" if self.params else ""

    @property
    def csv_url(self) -> str:
        return self.link(**{FORMAT: "csv"})

    @property
    def xlsx_url(self) -> str:
        return self.link(**{FORMAT: "xlsx"})


def _sort_key(spec: ListSpec, value: str) -> tuple[str, bool]:
    """(column key, descending) of a `sorteer` value, or the list's default."""
    keys = {c.key for c in spec.columns if c.order}
    name = value.removeprefix("-")
    if name in keys:
        return name, value.startswith("-")
    default = spec.default_sort
    return default.removeprefix("-"), default.startswith("-")


def filtered(
    spec: ListSpec, queryset: QuerySet[Any], get: QueryDict, user: User
) -> tuple[QuerySet[Any], dict[str, str], list[str], list[dict[str, Any]]]:
    """The query with the URL's search, filters and sort applied; the parameters that took
    effect; the labels of filters whose value was not a choice; the filters for the form."""
    params: dict[str, str] = {}
    ignored: list[str] = []
    query = get.get(SEARCH, "").strip()[:100]
    if query and spec.search is not None:
        queryset = spec.search(queryset, query)
        params[SEARCH] = query
    shown = []
    for f in spec.filters:
        choices = list(f.choices(user))
        named = f.key in get
        value = get.get(f.key, "") if named else spec.defaults.get(f.key, "")
        if value and value in {v for v, _label in choices}:
            queryset = f.apply(queryset, value, user)
            if named:
                params[f.key] = value
        elif named and not value and f.key in spec.defaults:
            params[f.key] = ""  # "all", against the default: kept on every link
        elif value:
            ignored.append(f.label)
            value = ""
        shown.append(
            {"key": f.key, "label": f.label, "choices": choices, "value": value,
             "everything": f.everything}
        )  # fmt: skip
    sort, descending = _sort_key(spec, get.get(SORT, ""))
    by_key = {c.key: c for c in spec.columns}
    if sort in by_key:
        order = [("-" if descending else "") + f for f in by_key[sort].order]
        queryset = queryset.order_by(*order, ("-pk" if descending else "pk"))
        if get.get(SORT, "") in (sort, "-" + sort) and get.get(SORT) != spec.default_sort:
            params[SORT] = get.get(SORT, "")
    return queryset, params, ignored, shown


def list_page(
    request: Any,
    spec: ListSpec,
    queryset: QuerySet[Any],
    *,
    log: Callable[[Sequence[Any], str], None] | None = None,
) -> ListPage | HttpResponse:
    """One page of the list as the URL asks for it, or — with `formaat=csv|xlsx` — the whole
    filtered list as a file. `log(objects, channel)` is called with what is shown or
    downloaded (the processing log, for lists of persons)."""
    user: User = request.user
    queryset, params, ignored, shown = filtered(spec, queryset, request.GET, user)
    kind = request.GET.get(FORMAT, "")
    if kind in FORMATS and spec.download:
        return download(spec, queryset, kind, log)
    page = Paginator(queryset, spec.page_size).get_page(request.GET.get(PAGE))
    if log is not None:
        log(list(page.object_list), "lijst")
    sort, descending = _sort_key(spec, request.GET.get(SORT, ""))
    listing = ListPage(
        spec, page, shown, [], params.get(SEARCH, ""), params, ignored,
        sort=("-" if descending else "") + sort,
    )  # fmt: skip
    listing.columns = [
        {
            "label": c.label,
            "key": c.key,
            # A column's link sorts by it; on the sorted column it turns the order round.
            "href": listing.link(
                **{SORT: "-" + c.key if c.key == sort and not descending else c.key}
            )
            if c.order
            else "",
            "sorted": ("descending" if descending else "ascending") if c.key == sort else "",
        }
        for c in spec.columns
    ]
    return listing


def download(
    spec: ListSpec,
    queryset: QuerySet[Any],
    kind: str,
    log: Callable[[Sequence[Any], str], None] | None = None,
) -> HttpResponse:
    """The whole filtered list as CSV or Excel, in the order shown, logged as a download."""
    objects = list(queryset)
    if log is not None:
        log(objects, "download")
    return file_response(
        spec.download,
        spec.title,
        kind,
        [c.label for c in spec.columns],
        ([c.cell(o) for c in spec.columns] for o in objects),
    )


def file_response(
    name: str, title: str, kind: str, header: list[str], rows: Iterable[Iterable[Any]]
) -> HttpResponse:
    if kind == "csv":
        response = HttpResponse(csv_file(header, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(xlsx_file(title, header, rows), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    response["Cache-Control"] = "no-store"
    return response


# Choices that many lists share. Each is one small query: the region's municipalities and
# executing organisations, the colleagues of the user's organisation.


def _region_of(user: User) -> Any:
    """The region a list's choices come from, the user's organisation's, as a subquery (no
    query of its own); None: every region."""
    if user.is_superuser or user.organisation_id is None:
        return None
    return Organisation.objects.filter(pk=user.organisation_id).values("region_id")


def municipality_choices(user: User) -> Choices:
    municipalities = Municipality.objects.all()
    region = _region_of(user)
    if region is not None:
        municipalities = municipalities.filter(region_id__in=region)
    return [(str(m.pk), m.name) for m in municipalities.order_by("name")]


def organisation_choices(user: User) -> Choices:
    organisations = Organisation.objects.filter(
        kind__in=[OrganisationKind.MUNICIPAL, OrganisationKind.UWV]
    )
    region = _region_of(user)
    if region is not None:
        organisations = organisations.filter(region_id__in=region)
    return [(o.ref, o.name) for o in organisations.order_by("name")]


def colleague_choices(
    user: User, role: str, *, mine: str, nobody: str, colleagues: Iterable[User] | None = None
) -> Choices:
    """`ik` (mine), `geen` (nobody) and each colleague of the organisation with the role (read
    here, or given when the page has them already)."""
    if colleagues is None:
        found = User.objects.filter(role=role, is_active=True).order_by("full_name", "pk")
        if not user.is_superuser:
            found = (
                found.filter(organisation_id=user.organisation_id)
                if user.organisation_id is not None
                else found.none()
            )
        colleagues = found
    return [
        *([("ik", mine)] if user.role == role else []),
        ("geen", nobody),
        *((str(c.pk), str(c)) for c in colleagues if c.pk != user.pk),
    ]


def by_colleague(field: str) -> Callable[[_Q, str, User], _Q]:
    """The filter of `colleague_choices` on a user field (`contact_person`, …)."""

    def apply(queryset: _Q, value: str, user: User) -> _Q:
        if value == "ik":
            return queryset.filter(**{field: user})
        if value == "geen":
            return queryset.filter(**{f"{field}__isnull": True})
        return queryset.filter(**{f"{field}_id": int(value)})

    return apply


def log_persons(
    user: User, object_type: str, person: Callable[[Any], Any] = lambda obj: obj
) -> Callable[[Sequence[Any], str], None]:
    """The `log` of a list of persons (or of their records: `person` finds the person): the
    processing log gets who was shown, or — as an export — who was downloaded."""

    def log(objects: Sequence[Any], channel: str) -> None:
        download = channel == "download"
        log_processing(
            user=user,
            persons=[person(o) for o in objects],
            action=Action.EXPORT if download else Action.READ,
            activity=CASE_WORK,
            object_type=f"{object_type} (download)" if download else object_type,
        )

    return log


# The filters that several lists have, made the same way.


def choices_filter(
    key: str, label: str, choices: Sequence[tuple[Any, Any]], field: str, everything: str
) -> Filter:
    """A filter on a field with fixed choices (a model's `TextChoices.choices`)."""
    return Filter(
        key,
        label,
        lambda _user: [(str(value), str(text)) for value, text in choices],
        lambda queryset, value, _user: queryset.filter(**{field: value}),
        everything=everything,
    )


def municipality_filter(field: str = "municipality", label: str = "Gemeente") -> Filter:
    return Filter(
        "gemeente",
        label,
        municipality_choices,
        lambda queryset, value, _user: queryset.filter(**{f"{field}_id": int(value)}),
        everything="Alle gemeenten",
    )


def organisation_filter(field: str = "organisation") -> Filter:
    return Filter(
        "organisatie",
        "Organisatie",
        organisation_choices,
        lambda queryset, value, _user: queryset.filter(**{f"{field}__ref": value}),
        everything="Alle organisaties",
    )


def colleague_filter(
    key: str, label: str, role: str, field: str, *, mine: str, nobody: str
) -> Filter:
    """Whose: mine, nobody's, or a colleague's (`colleague_choices`)."""
    return Filter(
        key,
        label,
        lambda user: colleague_choices(user, role, mine=mine, nobody=nobody),
        by_colleague(field),
        everything="Iedereen",
    )
