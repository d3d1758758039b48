"""The member's private link to their case: unguessable, revocable, reproducible, expiring.

The token is an HMAC of the case's id and its link version under the site's secret key, so
every e-mail can carry the link without Accord storing a secret, and renewing the link
(incrementing the version) revokes all earlier ones at once. A link of a case ended more than
`ACCORD_MEMBER_LINK_DAYS_AFTER_END` days ago (counted from the end, or from the link's last
renewal if later) has expired: the member asks for a new one (`member_link_expired`).
"""

import re
from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import override

from accord.cases.models import Case, EventKind

_SALT = "accord.cases.member-link"


def _signature(case_id: int, version: int) -> str:
    return salted_hmac(_SALT, f"{case_id}-{version}", algorithm="sha256").hexdigest()[:40]


def member_token(case: Case) -> str:
    return f"{case.pk}-{case.link_version}-{_signature(case.pk, case.link_version)}"


def member_url(case: Case, *, language: str | None = None) -> str:
    """The absolute private link, in the case's language unless told otherwise."""
    with override(language or case.language):
        path = reverse("public:member_case", kwargs={"token": member_token(case)})
    return f"{settings.ACCORD_BASE_URL}{path}"


def case_from_token(token: str) -> Case | None:
    """The case a link opens, or None for a wrong, forged or revoked link."""
    try:
        case_id_text, version_text, signature = token.split("-", 2)
        case_id, version = int(case_id_text), int(version_text)
    except ValueError:
        return None
    if not constant_time_compare(signature, _signature(case_id, version)):
        return None
    case = Case.objects.select_related("person").filter(pk=case_id).first()
    if case is None or case.link_version != version:
        return None
    return case


def member_link_expires_at(case: Case) -> datetime | None:
    """When the case's current link stops opening it: None while the case is open (or with expiry off).

    The period runs from the case's end, or from the link's latest renewal (on the timeline) if
    that came later, so a link renewed on request opens an ended case for another full period.
    """
    days = settings.ACCORD_MEMBER_LINK_DAYS_AFTER_END
    if days <= 0 or case.is_open or case.closed_at is None:
        return None
    renewed = case.events.filter(kind=EventKind.LINK).order_by("-created_at").values_list("created_at", flat=True)
    start = max([case.closed_at, *renewed[:1]])
    return start + timedelta(days=days)


def member_link_expired(case: Case) -> bool:
    expires_at = member_link_expires_at(case)
    return expires_at is not None and expires_at <= timezone.now()


# The case's reply address: the From address with a "+c<id>-<signature>" tag, so that an answer
# sent to it lands on the case even when the mail client drops the threading headers. Signed like
# the private link, so nobody can write into a case by guessing its number.
_REPLY_SALT = "accord.cases.reply-address"


def _mailbox_address() -> tuple[str, str]:
    from email.utils import parseaddr

    address = parseaddr(settings.ACCORD_FROM_EMAIL)[1] or "accord@localhost"
    local, _, domain = address.partition("@")
    return local, domain


def case_reply_address(case: Case) -> str:
    local, domain = _mailbox_address()
    signature = salted_hmac(_REPLY_SALT, str(case.pk), algorithm="sha256").hexdigest()[:12]
    return f"{local}+c{case.pk}-{signature}@{domain}"


def case_from_reply_address(address: str) -> Case | None:
    """The case a reply address names, or None for any other, forged or malformed address."""
    local_part, _, domain = (address or "").strip().lower().partition("@")
    base, plus, tag = local_part.partition("+")
    own_local, own_domain = _mailbox_address()
    if not plus or base != own_local.lower() or domain != own_domain.lower() or not tag.startswith("c"):
        return None
    case_id_text, _, signature = tag[1:].partition("-")
    if not case_id_text.isdigit():
        return None
    expected = salted_hmac(_REPLY_SALT, case_id_text, algorithm="sha256").hexdigest()[:12]
    if not constant_time_compare(signature, expected):
        return None
    return Case.objects.select_related("person").filter(pk=int(case_id_text)).first()


# What staff pages show instead of the secrets above: the member's link is the member's alone (a
# member of staff who could copy it could act as the member), and the reply address lets anyone who
# has it write into the case. The case id and link version stay readable; the signature does not.
# The member gets a new link by renewal only (case page), never by someone copying it.
MASK = "••••"
# 16 hex digits or more: a link cut by a mail program's line wrapping is masked too.
_TOKEN_RE = re.compile(r"\b(\d+)-(\d+)-[0-9a-f]{16,}", re.IGNORECASE)
_REPLY_TAG_RE = re.compile(r"\+c(\d+)-[0-9a-f]{12}(?=@)", re.IGNORECASE)


def secrets_mask(text: str, *, mask: str = MASK) -> str:
    """The text with every member link's signature and every reply address's signature masked
    (`…/my-case/123-2-••••/`, `accord+c123-••••@…`): the one place staff-facing text is masked."""
    if not text:
        return text
    text = _TOKEN_RE.sub(rf"\1-\2-{mask}", text)
    return _REPLY_TAG_RE.sub(rf"+c\1-{mask}", text)
