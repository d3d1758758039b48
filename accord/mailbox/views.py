"""The mailbox page for mediators: the messages Accord could not file by itself, with the reason.

Which messages a mediator reads is decided in cases/permissions.py (not those filed on a case they
declared a conflict on); a message that names a case this mediator may not see answers 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.cases import services as case_services
from accord.cases.permissions import can_read_inbound, can_read_mailbox, inbound_visible_to
from accord.core.errors import NotFound, PermissionDenied
from accord.core.http import client_ip_logged
from accord.mailbox.models import UNRESOLVED_STATES, InboundEmail, InboundState
from accord.mailbox.raw import inbound_raw_for_staff
from accord.mailbox.services import inbound_email_retry


def _inbound_or_404(user, inbound_id) -> InboundEmail:
    inbound = InboundEmail.objects.select_related("case").filter(pk=inbound_id).first()
    if inbound is None or not can_read_mailbox(user) or not can_read_inbound(user, inbound):
        raise NotFound()
    return inbound


@login_required
def mailbox(request):
    if not can_read_mailbox(request.user):
        raise PermissionDenied()
    show = request.GET.get("show", "unresolved")
    emails = (
        inbound_visible_to(request.user).select_related("case").defer("raw", "body_html", "body_text", "body_new_text")
    )
    if show != "all":
        show = "unresolved"
        emails = emails.filter(state__in=UNRESOLVED_STATES)
    page = Paginator(emails.order_by("-received_at", "-id"), 50).get_page(request.GET.get("page"))
    return render(request, "mailbox/mailbox.html", {"page": page, "show": show, "retryable": UNRESOLVED_STATES})


@login_required
def inbound_raw(request, inbound_id):
    """The message as it arrived, to open in a mail program (always a download), with the member's
    link and the case's reply address masked; the download of a message on a case is a read of it."""
    inbound = _inbound_or_404(request.user, inbound_id)
    if inbound.case is not None:
        case_services.access_record(
            case=inbound.case,
            action="mail_download",
            user=request.user,
            detail=f"inbound {inbound.pk}",
            ip=client_ip_logged(request),
        )
    response = HttpResponse(inbound_raw_for_staff(bytes(inbound.raw)), content_type="message/rfc822")
    response["Content-Disposition"] = f'attachment; filename="accord-mail-{inbound.pk}.eml"'
    return response


@login_required
@require_POST
def inbound_retry(request, inbound_id):
    inbound = inbound_email_retry(inbound=_inbound_or_404(request.user, inbound_id))
    if inbound.state in (InboundState.NEW_CASE, InboundState.ATTACHED):
        messages.success(
            request, _("The message is now on case %(reference)s.") % {"reference": inbound.case.reference}
        )
    else:
        messages.warning(request, _("The message still could not be filed."))
    return redirect("mailbox:list")
