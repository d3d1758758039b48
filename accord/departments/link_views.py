"""The department's link (sharing.py): the page a department without accounts answers on, its downloads,
its answer; and the mediator's POSTs from the request's card (send a new link, revoke one).

Public pages, no login, under the language prefix (`/<lang>/department-link/<token>/`). Whether the link
still opens is decided in permissions.py (`share_link_refused`); a link that no longer opens shows a
page in the link's language (410) with nothing of the request on it. A signed-in member of staff is
refused (403) like on the member's link: the link is the department's. Every view, download, answer
and refusal is logged (sharing.share_link_use_record). Never cached, never indexed, never sent as a
referrer to another site."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accord.core.errorpages import keeps_text_on_failure
from accord.core.errors import AccordError, NotFound
from accord.core.forms import add_service_error
from accord.core.http import client_ip_logged
from accord.departments import sharing
from accord.departments.forms import RequestAnswerForm
from accord.departments.models import InformationRequest, ShareLink
from accord.departments.permissions import (
    can_manage_share_links,
    can_use_department_link,
    share_link_documents,
    share_link_refused,
)


def _private(response):
    response["X-Robots-Tag"] = "noindex"
    # The link never leaves for another site; not "no-referrer", with which browsers send `Origin: null` on
    # the page's own form and Django's CSRF check refuses the answer.
    response["Referrer-Policy"] = "same-origin"
    return response


def department_link_for(purpose: str):
    """A department-link page for links of one purpose: never stored; a signed-in member of staff gets a page
    saying to use the staff pages (the attempt is logged on a genuine link, nothing of it shown); a wrong or
    forged token, or a link made for another purpose, 404."""

    def decorator(view):
        @wraps(view)
        @never_cache
        def wrapped(request, token, *args, **kwargs):
            link = sharing.share_link_from_token(token)
            if not can_use_department_link(request.user):
                if link is not None:
                    sharing.share_link_use_record(
                        link=link, action="refused_staff", ip=client_ip_logged(request), user=request.user
                    )
                context = {"canonical_path": reverse("cases:queue")}
                return _private(render(request, "departments/link_staff.html", context, status=403))
            if link is None or link.purpose != purpose:
                return _private(render(request, "departments/link_invalid.html", status=404))
            reason = share_link_refused(link)
            if reason:
                return _refused(request, link, reason)
            return _private(view(request, link, *args, **kwargs))

        return wrapped

    return decorator


# The request's answer link (sharing.REQUEST_ANSWER); the hand-over's pages use their own purpose.
department_link = department_link_for(sharing.REQUEST_ANSWER)


def _refused(request, link: ShareLink, reason: str):
    """The link no longer opens: said in the link's language, nothing of the request shown; logged."""
    sharing.share_link_use_record(link=link, action=f"refused_{reason}", ip=client_ip_logged(request))
    with override(link.language):
        response = render(
            request,
            "departments/link_refused.html",
            {"reason": reason, "canonical_path": request.path, "link_language": link.language},
            status=410,
        )
    return _private(response)


def _page(request, link: ShareLink, *, form=None, status=200):
    sharing.share_link_use_record(link=link, action="view", ip=client_ip_logged(request))
    item = link.request
    token = sharing.share_token(link)
    context = {
        "link": link,
        "item": item,
        "token": token,
        "canonical_path": reverse("department_link:page", kwargs={"token": token}),
        "shared_documents": share_link_documents(link),
        "shared_messages": item.shared_messages.order_by("created_at", "id"),
        "form": form or RequestAnswerForm(),
    }
    return render(request, "departments/link_page.html", context, status=status)


@department_link
def link_page(request, link):
    return _page(request, link)


@require_POST
@department_link
@keeps_text_on_failure(RequestAnswerForm, "body")
def link_answer(request, link):
    form = RequestAnswerForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            sharing.share_link_answer(
                link=link,
                body=form.cleaned_data["body"],
                files=form.cleaned_data["attachments"],
                ip=client_ip_logged(request),
            )
        except sharing.ShareLinkRefused as refused:
            return _refused(request, link, refused.reason)
        except AccordError as error:
            add_service_error(form, error)
        else:
            context = {"item": link.request, "canonical_path": request.path}
            return render(request, "departments/link_sent.html", context)
    return _page(request, link, form=form, status=400)


@department_link
def link_document(request, link, document_id):
    document = share_link_documents(link).filter(pk=document_id).first()
    if document is None:
        raise Http404
    sharing.share_link_use_record(
        link=link, action="download", ip=client_ip_logged(request), detail=document.original_name
    )
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


# -- The mediator's side, from the request's card on the case page ------------------------------------


def _managed_request(user, request_id) -> InformationRequest:
    item = InformationRequest.objects.select_related("case").filter(pk=request_id).first()
    if item is None or not can_manage_share_links(user, item):
        raise NotFound()
    return item


@login_required
@require_POST
def request_link_send_view(request, request_id):
    item = _managed_request(request.user, request_id)
    try:
        link = sharing.request_link_send(request=item, user=request.user)
    except AccordError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("A new link to answer was sent to %(address)s; earlier links no longer work.")
            % {"address": link.recipient},
        )
    return redirect("cases:detail", reference=item.case.reference)


@login_required
@require_POST
def request_link_revoke_view(request, request_id, link_id):
    item = _managed_request(request.user, request_id)
    link = ShareLink.objects.filter(pk=link_id, request=item).first()
    if link is None:
        raise NotFound()
    try:
        sharing.share_link_revoke(link=link, user=request.user)
    except AccordError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The link no longer works."))
    return redirect("cases:detail", reference=item.case.reference)
