"""The mailbox page for mediators: the messages Accord could not file by itself, with the reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.accounts.models import Role
from accord.core.errors import PermissionDenied
from accord.mailbox.models import UNRESOLVED_STATES, InboundEmail, InboundState
from accord.mailbox.services import inbound_email_retry


def _require_mediator(user):
    # Incoming mail holds members' complaints before any case protects them: mediators only.
    if user.role != Role.MEDIATOR or not user.is_active:
        raise PermissionDenied()


@login_required
def mailbox(request):
    _require_mediator(request.user)
    show = request.GET.get("show", "unresolved")
    emails = InboundEmail.objects.select_related("case").defer("raw", "body_html", "body_text", "body_new_text")
    if show != "all":
        show = "unresolved"
        emails = emails.filter(state__in=UNRESOLVED_STATES)
    page = Paginator(emails.order_by("-received_at", "-id"), 50).get_page(request.GET.get("page"))
    return render(request, "mailbox/mailbox.html", {"page": page, "show": show, "retryable": UNRESOLVED_STATES})


@login_required
def inbound_raw(request, inbound_id):
    """The message exactly as it arrived, to open in a mail program (always a download)."""
    _require_mediator(request.user)
    inbound = get_object_or_404(InboundEmail, pk=inbound_id)
    response = HttpResponse(bytes(inbound.raw), content_type="message/rfc822")
    response["Content-Disposition"] = f'attachment; filename="accord-mail-{inbound.pk}.eml"'
    return response


@login_required
@require_POST
def inbound_retry(request, inbound_id):
    _require_mediator(request.user)
    inbound = inbound_email_retry(inbound=get_object_or_404(InboundEmail, pk=inbound_id))
    if inbound.state in (InboundState.NEW_CASE, InboundState.ATTACHED):
        messages.success(
            request, _("The message is now on case %(reference)s.") % {"reference": inbound.case.reference}
        )
    else:
        messages.warning(request, _("The message still could not be filed."))
    return redirect("mailbox:list")
