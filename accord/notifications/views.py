"""The outbox for mediators: every e-mail of the cases they may work on, and those addressed to them.

Who reads which e-mail is decided in cases/permissions.py; members' links and reply addresses are
masked on display (cases/links.py, the `masked` filter); every e-mail about a case that is opened
is a read of that case, in its AccessLog.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from accord.cases import services
from accord.cases.permissions import can_read_email, can_read_outbox, emails_visible_to
from accord.core.errors import NotFound, PermissionDenied
from accord.core.http import client_ip_logged
from accord.notifications.models import OutboundEmail


@login_required
def outbox(request):
    if not can_read_outbox(request.user):
        raise PermissionDenied()
    emails = emails_visible_to(request.user).select_related("case").defer("body_text", "body_html")
    page = Paginator(emails.order_by("-created_at", "-id"), 50).get_page(request.GET.get("page"))
    return render(request, "notifications/outbox.html", {"page": page})


@login_required
def outbox_email(request, email_id):
    # An e-mail this user may not read answers as absent, like one that does not exist.
    email = OutboundEmail.objects.select_related("case").filter(pk=email_id).first()
    if email is None or not can_read_outbox(request.user) or not can_read_email(request.user, email):
        raise NotFound()
    if email.case is not None:
        services.access_record(
            case=email.case,
            action="email_view",
            user=request.user,
            detail=f"email {email.pk}",
            ip=client_ip_logged(request),
        )
    return render(request, "notifications/outbox_email.html", {"email": email})
