"""Reads of mediation's data. The directory's list: active entries, filtered, in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from accord.cases.models import Office
from accord.mediation.models import LANGUAGE_FIELDS, TYPE_FIELDS, Mediator, Region


@dataclass(frozen=True)
class DirectoryFilters:
    language: str = ""  # fr, nl, en; anything else: no filter
    region: str = ""  # a region's code
    office: str = ""  # an office's code
    type: str = ""  # a MediationType
    accepting: bool = False  # only those accepting new cases


def mediators_directory(*, filters: DirectoryFilters) -> QuerySet[Mediator]:
    """Active entries matching every filter, by name; regions and offices prefetched (two queries a page).
    A region or office filter names one code, so the join gives each entry at most once."""
    mediators = Mediator.objects.filter(active=True)
    if filters.language in LANGUAGE_FIELDS:
        mediators = mediators.filter(**{LANGUAGE_FIELDS[filters.language]: True})
    if filters.type in TYPE_FIELDS:
        mediators = mediators.filter(**{TYPE_FIELDS[filters.type]: True})
    if filters.region:
        mediators = mediators.filter(regions__code=filters.region)
    if filters.office:
        mediators = mediators.filter(offices__code=filters.office)
    if filters.accepting:
        mediators = mediators.filter(accepting_new_cases=True)
    return mediators.prefetch_related(
        Prefetch("regions", queryset=Region.objects.order_by("position", "code")),
        Prefetch("offices", queryset=Office.objects.order_by("position", "code")),
    ).order_by("last_name", "first_name", "id")
