from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from accord.accounts.models import Role
from accord.core.errors import PermissionDenied
from accord.notifications.models import OutboundEmail


def _require_mediator(user):
    # E-mails carry members' private links and the content of their cases: mediators only.
    if user.role != Role.MEDIATOR or not user.is_active:
        raise PermissionDenied()


@login_required
def outbox(request):
    _require_mediator(request.user)
    page = Paginator(OutboundEmail.objects.select_related("case").order_by("-created_at", "-id"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/outbox.html", {"page": page})


@login_required
def outbox_email(request, email_id):
    _require_mediator(request.user)
    email = get_object_or_404(OutboundEmail.objects.select_related("case"), pk=email_id)
    return render(request, "notifications/outbox_email.html", {"email": email})
