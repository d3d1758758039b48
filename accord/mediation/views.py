"""The mediation pages: the framing aid's page, where a mediator tries the review (the mediation purpose field
will host the same `mediation/_framing_findings.html` include); the directory of professional mediators."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language

from accord.cases.models import Office
from accord.mediation.forms import FramingForm
from accord.mediation.framing import FRAMING_CRITERIA, MAX_CHARS, NO_FUTURE_GOAL, framing_review
from accord.mediation.models import MediationType, Region
from accord.mediation.permissions import can_read_directory, can_use_framing_aid
from accord.mediation.selectors import DirectoryFilters, mediators_directory
from accord.people.models import Language


def framing_context(text: str, language: str) -> dict:
    """What `mediation/_framing_findings.html` shows: the findings (in the page's language) one card per code,
    in the order the text first raises it, with the words each points at; and whether anything was reviewed."""
    groups: dict[str, dict] = {}
    for finding in framing_review(text, language):
        group = groups.setdefault(
            finding.code,
            {"code": finding.code, "message": finding.message, "suggestion": finding.suggestion, "words": []},
        )
        if finding.code != NO_FUTURE_GOAL:
            group["words"].append(text[finding.start : finding.end])
    return {
        "reviewed": bool(text.strip()),
        "findings": list(groups.values()),
        "criteria": FRAMING_CRITERIA,
        "truncated": len(text) > MAX_CHARS,
        "max_chars": MAX_CHARS,
    }


@login_required
def framing(request):
    if not can_use_framing_aid(request.user):
        raise PermissionDenied()
    data = request.POST if request.method == "POST" else None
    if data is not None and "text" not in data and "purpose" in data:
        # The mediation's purpose field on the case page asks for the same review (its name is "purpose").
        data = {"text": data["purpose"], "language": data.get("language", "")}
    form = FramingForm(data, initial={"language": get_language()})
    text, language = "", get_language()
    if form.is_valid():
        text, language = form.cleaned_data["text"], form.cleaned_data["language"]
    context = {"form": form, **framing_context(text, language)}
    if request.headers.get("HX-Request"):
        return render(request, "mediation/_framing_findings.html", context)
    return render(request, "mediation/framing.html", context)


@login_required
def directory(request):
    """The directory, read-only: the filters re-render the list in place (htmx), a page at a time."""
    if not can_read_directory(request.user):
        raise PermissionDenied()
    get = request.GET
    filters = DirectoryFilters(
        language=get.get("language", ""),
        region=get.get("region", ""),
        office=get.get("office", ""),
        type=get.get("type", ""),
        accepting=get.get("accepting") == "1",
    )
    page = Paginator(mediators_directory(filters=filters), settings.ACCORD_DIRECTORY_PAGE_SIZE).get_page(
        get.get("page")
    )
    query = get.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "filters": filters,
        "query": query.urlencode(),
        "languages": Language.choices,
        "types": MediationType.choices,
        "regions": Region.objects.filter(active=True),
        "offices": Office.objects.filter(active=True),
    }
    if request.headers.get("HX-Request"):
        return render(request, "mediation/_directory_list.html", context)
    return render(request, "mediation/directory.html", context)
