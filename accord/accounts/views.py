"""Staff login in two steps: the password (throttled by django-axes), then the second factor.

Between the steps nobody is logged in: the session only holds who is half-way (`PENDING`, for a few
minutes), so every other page, the admin and the API see an anonymous visitor until the second
factor is given. Someone whose role requires it and who has no device yet enrols first.
"""

import time

from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accord.accounts import two_factor
from accord.accounts.forms import CodeForm, EnrolForm
from accord.accounts.models import User

PENDING = "accord_login_pending"
PENDING_SECONDS = 300
# Set by the staff middleware when it ends a session, read once by the login page.
LOGIN_REASON = "accord_login_reason"


def _next_url(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse(settings.LOGIN_REDIRECT_URL)


def _pending_user(request) -> User | None:
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    if user is not None:
        user.backend = pending["backend"]
    return user


def _complete_login(request, user: User, device=None) -> None:
    if device is not None:
        user.otp_device = device  # django-otp's user_logged_in receiver keeps it in the session
    auth_login(request, user, backend=user.backend)
    request.session.pop(PENDING, None)


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request):
    reasons = {
        "idle": _("Your session ended after %(minutes)s minutes without activity: please log in again.")
        % {"minutes": settings.ACCORD_STAFF_IDLE_MINUTES},
        "verify": _("Please log in again to confirm it is you."),
    }
    reason = reasons.get(request.session.pop(LOGIN_REASON, ""), "")
    form = AuthenticationForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        next_url = _next_url(request)
        if two_factor.user_has_device(user):
            step = "accounts:verify"
        elif two_factor.two_factor_required(user):
            step = "accounts:enrol"
        else:
            auth_login(request, user)
            return redirect(next_url)
        request.session.cycle_key()
        request.session[PENDING] = {"user": user.pk, "backend": user.backend, "at": time.time(), "next": next_url}
        return redirect(step)
    return render(request, "accounts/login.html", {"form": form, "next": request.GET.get("next", ""), "reason": reason})


@never_cache
def verify_view(request):
    """Step two: a code from the authenticator app, or a recovery code."""
    user = _pending_user(request)
    if user is None:
        return redirect("accounts:login")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.device_verify(user, form.cleaned_data["code"])
        if device is not None:
            next_url = request.session[PENDING]["next"]
            _complete_login(request, user, device)
            return redirect(next_url)
        form.add_error("code", _("This code is not valid. Check your device's clock, or wait a moment and try again."))
    return render(request, "accounts/verify.html", {"form": form})


@never_cache
def enrol_view(request):
    """Set up an authenticator app: a QR code (or the secret to type), then a code from the app.

    Reached half-way through the login (role requires it, no device yet) or from the security page
    (offered to intake staff). Confirming shows the recovery codes, once."""
    if request.user.is_authenticated:
        user, pending = request.user, False
    else:
        user, pending = _pending_user(request), True
        if user is None:
            return redirect("accounts:login")
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("accounts:two_factor" if not pending else "accounts:verify")
    device = two_factor.totp_enrolment_device(user)
    form = EnrolForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.totp_enrolment_confirm(user, device, form.cleaned_data["code"])
        if codes is not None:
            next_url = request.session[PENDING]["next"] if pending else reverse("accounts:two_factor")
            if pending:
                _complete_login(request, user, device)
            else:
                otp_login(request, device)
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next_url": next_url})
        form.add_error("code", _("This code is not valid. Check your device's clock and try again."))
    return render(
        request,
        "accounts/enrol.html",
        {
            "form": form,
            "qr_svg": two_factor.totp_qr_svg(device),
            "secret": two_factor.totp_secret(device),
            "required": two_factor.two_factor_required(user),
        },
    )


@login_required
@never_cache
def two_factor_view(request):
    """The staff member's second factor: enrolled or not; new recovery codes (shown once)."""
    user = request.user
    enrolled = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    if request.method == "POST" and enrolled:
        codes = two_factor.recovery_codes_renew(user)
        return render(
            request, "accounts/recovery_codes.html", {"codes": codes, "next_url": reverse("accounts:two_factor")}
        )
    return render(
        request,
        "accounts/two_factor.html",
        {"enrolled": enrolled, "required": two_factor.two_factor_required(user)},
    )


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lock-out answer (AXES_LOCKOUT_CALLABLE): a 429 page in the user's language."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60) if settings.AXES_COOLOFF_TIME else 0,
    }
    return render(request, "accounts/locked_out.html", context, status=429)
