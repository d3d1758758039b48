"""The mailbox: every e-mail becomes a message on its case, a new case, or a recorded non-event.

`inbound_email_receive(raw=...)` takes one message however it came (the IMAP poller, a Maildir,
an imported archive). In one transaction it stores the message raw under its unique key (the
Message-ID, or "sha256:<hash of the bytes>" without one) and routes it; the caller marks it
processed on the server only after that commit. A message already stored (a second delivery,
a second poller, a retry after a crash between the commit and the flag) is skipped: the
unique key decides, so nothing is doubled. A message that cannot be parsed or routed is kept
raw with the reason (state "failed") and listed for mediators: nothing is lost, and the
poller goes on with the next one.

Routing, in this order of evidence (`_route`):
1. a bounce or delivery report: the e-mail Accord sent is marked failed, on its case's timeline;
   any other automatic message (out of office, auto-reply, list mail): recorded, nothing else
   (no case, no acknowledgement: no mail loops); mail from Accord's own address: ignored;
   then a reply another app claims (`routing.reply_router_register`: a department answering a request
   by e-mail, departments/mail.py);
2. a message on an existing case, by (a) its In-Reply-To/References naming an e-mail Accord
   sent or received on a case, (b) its recipients (To, Cc, Delivered-To) including the case's
   reply address, or (c) a case reference in its subject when the sender is that case's
   complainant: a member's message on the case (a case awaiting them resumes). A reply to an
   ended case opens a new case that mentions the old one. A reply threaded to an e-mail Accord sent a
   department or a member of staff (not the member's thread) that no app claimed waits for a mediator
   on its case: never the member's words;
3. forwarded by staff (the sender is an active staff account): a new case for the original
   sender found in the forwarded content, channel "forwarded by …" after the forwarder's
   service, recorded by the forwarder (or, when the forwarded message names the original
   sender's own case, a message on it); an original sender named without an address waits for a
   mediator (no way to reach them);
4. otherwise a new case by e-mail, the sender recognised or recorded. A case reference in the
   subject from someone who is not that case's complainant never opens that case to them: the
   new case and the quoted one each get a timeline mention of the other.

The mailbox writes nothing of a case itself: a new case goes through `cases.services.complaint_receive`, with
the channels' rules every channel follows (cases/intake.py), a member's message through `member_message_add`
and what staff write through `note_add`, as on the pages.
"""

import hashlib
import logging
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accord.accounts.models import User
from accord.cases.links import case_from_reply_address
from accord.cases.models import Case, CaseEvent, Channel, EventKind
from accord.cases.services import complaint_receive, member_message_add, note_add
from accord.lib.mailparse import MailParseError, ParsedMail, detect_language, parse_message
from accord.lib.text import storable
from accord.mailbox.models import Evidence, InboundEmail, InboundState, Reason
from accord.mailbox.routing import reply_routers, thread_ids
from accord.mailbox.sources import archive_messages, mailbox_config_parse, mailbox_open
from accord.notifications.models import Audience, EmailStatus, OutboundEmail
from accord.people.selectors import person_find

logger = logging.getLogger(__name__)

LANGUAGES = ("fr", "nl", "en")
REFERENCE_RE = re.compile(r"\bACC-(\d{4})-(\d{6})\b", re.IGNORECASE)
FORWARD_CHANNELS = {Channel.COUNSELLOR, Channel.BILLING, Channel.COMMUNICATION, Channel.ETHICS}
# Staff services whose forwards are filed under their own channel; any other staff member's
# forward counts as a counsellor's.
_FORWARD_PREFIX_RE = re.compile(r"^\s*((fwd?|tr|trans|doorst|wg|rv|enc|fw|re|aw|antw)\s*:\s*)+", re.IGNORECASE)


@dataclass(frozen=True)
class Receipt:
    """What became of one message: `created` False means it was already stored (skipped)."""

    inbound: InboundEmail
    created: bool

    @property
    def outcome(self) -> str:
        return str(self.inbound.state) if self.created else "duplicate"


# ---------------------------------------------------------------------------------------
# Receiving one message


ARCHIVE_SOURCE_PREFIX = "import:"


def _parse(raw: bytes) -> tuple[ParsedMail | None, str]:
    try:
        return parse_message(raw), ""
    except MailParseError as error:
        return None, error.reason
    except Exception as error:  # the parser promises MailParseError only; never let one message stop the poller
        logger.exception("mail parser failed")
        return None, storable(f"{error.__class__.__name__}: {error}")


def message_key(raw: bytes, parsed: ParsedMail | None) -> str:
    """The unique key: the parser's Message-ID, or the same "sha256:" form it uses without one."""
    if parsed is not None and parsed.message_id:
        return parsed.message_id[:998]
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def inbound_email_receive(
    *, raw: bytes, source: str = "", source_uid: str = "", arrived_at: datetime | None = None
) -> Receipt:
    """Store one message and route it, in one transaction; skip it if its key is already stored."""
    raw = bytes(raw)
    parsed, parse_error = _parse(raw)
    key = message_key(raw, parsed)
    existing = InboundEmail.objects.filter(message_id=key).only("id", "message_id", "state", "case").first()
    if existing is not None:
        return Receipt(existing, created=False)
    try:
        with transaction.atomic():
            inbound = InboundEmail.objects.create(
                message_id=key,
                source=source[:500],
                source_uid=source_uid[:300],
                raw=raw,
                size=len(raw),
                sha256=hashlib.sha256(raw).hexdigest(),
                arrived_at=arrived_at,
                **_summary(parsed),
            )
            _process(inbound, parsed, parse_error)
    except IntegrityError:
        # Another poller stored the same message between our check and our insert: theirs counts.
        existing = InboundEmail.objects.filter(message_id=key).first()
        if existing is None:
            raise
        return Receipt(existing, created=False)
    return Receipt(inbound, created=True)


def _summary(parsed: ParsedMail | None) -> dict:
    if parsed is None:
        return {}
    return {
        "from_email": parsed.from_email[:254],
        "from_name": parsed.from_display_name[:300],
        "subject": parsed.subject[:998],
        "sent_at": parsed.date,
        "body_text": parsed.body_text,
        "body_new_text": parsed.body_new_text,
        "body_html": parsed.body_html,
    }


def _process(inbound: InboundEmail, parsed: ParsedMail | None, parse_error: str) -> None:
    """Route a stored message inside a savepoint: whatever fails, the message stays, marked failed."""
    inbound.attempts += 1
    if parsed is None:
        inbound.state, inbound.reason_code, inbound.reason = InboundState.FAILED, Reason.PARSE_FAILED, parse_error
    else:
        try:
            with transaction.atomic():
                _route(inbound, parsed)
        except Exception as error:  # one bad message must not stop the mailbox: keep it for a mediator
            logger.exception("inbound e-mail %s could not be routed", inbound.message_id)
            inbound.state = InboundState.FAILED
            inbound.evidence = ""
            inbound.case = inbound.case_message = inbound.bounced_email = None
            inbound.reason_code = Reason.ROUTE_FAILED
            inbound.reason = storable(f"{error.__class__.__name__}: {error}")
    inbound.processed_at = timezone.now()
    inbound.save(
        update_fields=[
            "state",
            "evidence",
            "reason_code",
            "reason",
            "case",
            "case_message",
            "bounced_email",
            "processed_at",
            "attempts",
        ]
    )


def inbound_email_retry(*, inbound: InboundEmail) -> InboundEmail:
    """Route again a message that failed or waited for a mediator (e.g. after a parser fix)."""
    with transaction.atomic():
        inbound = InboundEmail.objects.select_for_update().get(pk=inbound.pk)
        if inbound.state not in (InboundState.NEW, InboundState.FAILED, InboundState.NEEDS_ATTENTION):
            return inbound
        raw = bytes(inbound.raw)
        parsed, parse_error = _parse(raw)
        for field, value in _summary(parsed).items():
            setattr(inbound, field, value)
        inbound.reason_code, inbound.reason = "", ""
        inbound.save(update_fields=[*_summary(parsed).keys()])
        _process(inbound, parsed, parse_error)
    return inbound


# ---------------------------------------------------------------------------------------
# Routing


def _route(inbound: InboundEmail, parsed: ParsedMail) -> None:
    if parsed.is_bounce:
        _bounce_record(inbound, parsed)
        return
    if parsed.is_auto_reply:
        inbound.state, inbound.reason_code = InboundState.AUTO_REPLY, Reason.AUTO_REPLY
        inbound.reason = parsed.auto_reply_reason
        inbound.case = _thread_case(parsed)
        return
    if _is_own_address(parsed.from_email):
        inbound.state, inbound.reason_code = InboundState.IGNORED, Reason.MAIL_LOOP
        return
    # A reply to an e-mail another app sent (a department's answer to a request: departments/mail.py).
    for router in reply_routers():
        if router(inbound, parsed):
            return

    case, evidence = _existing_case(parsed)
    staff = _staff_sender(parsed.from_email)
    if case is not None and staff is not None and staff.email.lower() != (case.person.email or "").lower():
        # A member of staff writing in the member's thread (copied, or answering from their mail
        # client): their words are never the member's, so they become their internal note.
        _staff_note_add(inbound, parsed, case, staff, evidence)
        return
    if case is not None and evidence == Evidence.THREAD and not _thread_is_members(parsed):
        # A reply to an e-mail Accord sent a department or a member of staff that no app claimed (a head
        # answering a dysfunction's escalation): not the member's words, and nobody's note by itself.
        inbound.state, inbound.reason_code, inbound.case = InboundState.NEEDS_ATTENTION, Reason.NOT_MEMBER_THREAD, case
        return
    if case is not None:
        if case.is_open:
            _message_add(inbound, parsed, case, evidence)
            return
        _case_open(inbound, parsed, follows=case)
        return
    if staff is not None:
        _forwarded_case(inbound, parsed, staff)
        return
    _case_open(inbound, parsed, quoted=_quoted_cases(parsed))


def _ids(values) -> list[str]:
    """Message-IDs as stored by Accord (with <>) and by the parser (without)."""
    found = []
    for value in values:
        bare = value.strip().strip("<>")
        if bare:
            found += [bare, f"<{bare}>"]
    return found


def _thread_parent(parsed: ParsedMail) -> tuple[Case | None, bool]:
    """The case of the most direct parent found (In-Reply-To, then References from the newest), and whether
    that parent is of the member's thread (an e-mail to the member, or one received on the case) rather than
    one Accord sent a department or a member of staff."""
    ids = thread_ids(parsed)
    if not ids:
        return None, False
    sent = OutboundEmail.objects.filter(message_id__in=ids, case__isnull=False).select_related("case__person")
    by_id = {email.message_id: (email.case, email.audience == Audience.MEMBER) for email in sent}
    received = InboundEmail.objects.filter(message_id__in=ids, case__isnull=False).select_related("case__person")
    by_id.update({mail.message_id: (mail.case, True) for mail in received})
    for message_id in ids:
        if message_id in by_id:
            return by_id[message_id]
    return None, False


def _thread_case(parsed: ParsedMail) -> Case | None:
    return _thread_parent(parsed)[0]


def _thread_is_members(parsed: ParsedMail) -> bool:
    return _thread_parent(parsed)[1]


def _existing_case(parsed: ParsedMail) -> tuple[Case | None, str]:
    case = _thread_case(parsed)
    if case is not None:
        return case, Evidence.THREAD
    for address in [*parsed.to, *parsed.cc, *parsed.delivered_to]:
        case = case_from_reply_address(address)
        if case is not None:
            return case, Evidence.REPLY_ADDRESS
    sender = parsed.from_email.strip().lower()
    for case in _referenced_cases(parsed.subject):
        if sender and case.person.email and case.person.email.lower() == sender:
            return case, Evidence.SUBJECT_REFERENCE
    return None, ""


def _referenced_cases(text: str) -> list[Case]:
    references = []
    for year, number in REFERENCE_RE.findall(text or ""):
        reference = f"ACC-{year}-{number}"
        if reference not in references:
            references.append(reference)
    if not references:
        return []
    cases = {c.reference: c for c in Case.objects.filter(reference__in=references).select_related("person")}
    return [cases[r] for r in references if r in cases]


def _quoted_cases(parsed: ParsedMail) -> list[Case]:
    return _referenced_cases(parsed.subject)


def _mailbox_address() -> str:
    return parseaddr(settings.ACCORD_FROM_EMAIL)[1].lower()


def _is_own_address(address: str) -> bool:
    address = (address or "").strip().lower()
    return bool(address) and (address == _mailbox_address() or case_from_reply_address(address) is not None)


def _staff_sender(address: str) -> User | None:
    address = (address or "").strip().lower()
    if not address:
        return None
    return (
        User.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower=address, is_active=True)
        .order_by("id")
        .first()
    )


def _body(parsed: ParsedMail, *, new_only: bool) -> str:
    text = (parsed.body_new_text if new_only else "") or parsed.body_text
    return text.strip()


def _received_at(*candidates) -> datetime:
    """The first known date that is not in the future (a sender's clock may be wrong)."""
    now = timezone.now()
    for value in candidates:
        if isinstance(value, datetime):
            if timezone.is_naive(value):
                value = timezone.make_aware(value)
            return min(value, now)
    return now


def _message_add(inbound: InboundEmail, parsed: ParsedMail, case: Case, evidence: str) -> None:
    case = Case.objects.select_for_update().select_related("person").get(pk=case.pk)
    body = _body(parsed, new_only=True) or parsed.subject.strip()
    if not body and not parsed.attachments:
        with override(case.language):
            body = _("(empty e-mail)")
    message = member_message_add(case=case, body=body, received_files=parsed.attachments)
    inbound.state, inbound.evidence, inbound.case, inbound.case_message = InboundState.ATTACHED, evidence, case, message


def _staff_note_add(inbound: InboundEmail, parsed: ParsedMail, case: Case, staff: User, evidence: str) -> None:
    body = _body(parsed, new_only=True) or parsed.subject.strip() or "-"
    # Kept for staff only: what a member of staff mails in is not shared with the member.
    note_add(case=case, user=staff, body=body, received_files=parsed.attachments, by_email=True)
    inbound.state, inbound.evidence, inbound.case = InboundState.ATTACHED, evidence, case


def _language(person, *texts) -> str:
    if person is not None and person.language in LANGUAGES:
        return person.language
    for text in texts:
        guess = text if text in LANGUAGES else ""
        if guess:
            return guess
    return "fr"


def _subject(text: str, language: str) -> str:
    subject = " ".join((text or "").split())
    if subject:
        return subject[:200]
    with override(language):
        return _("(no subject)")


def _case_open(
    inbound: InboundEmail, parsed: ParsedMail, *, quoted: list[Case] = (), follows: Case | None = None
) -> None:
    """A new case by e-mail from the sender of the message."""
    email = parsed.from_email.strip().lower()
    if not email:
        inbound.state, inbound.reason_code = InboundState.NEEDS_ATTENTION, Reason.NO_SENDER
        return
    known = person_find(email=email)
    language = _language(known, parsed.language)
    case = complaint_receive(
        # The sender's address is the identity; the display name is only a claim (cases/identity.py).
        complainant={"name": parsed.from_display_name or email, "email": email, "language": language},
        channel=Channel.EMAIL,
        subject=_subject(parsed.subject, language),
        description=_body(parsed, new_only=False) or parsed.subject or "-",
        language=language,
        received_at=_received_at(inbound.arrived_at, parsed.date),
        received_files=parsed.attachments,
        # Mail imported from the archive of the mailbox as it stood before Accord is old: its
        # senders are not sent an acknowledgement today for a message of months ago.
        acknowledge=not inbound.source.startswith(ARCHIVE_SOURCE_PREFIX),
    )
    if follows is not None:
        _related_mention(case, follows, relation="follows_ended")
    for other in quoted:
        if other.pk != case.pk:
            _related_mention(case, other, relation="quotes")
            _related_mention(other, case, relation="quoted_by")
    inbound.state, inbound.evidence, inbound.case = InboundState.NEW_CASE, Evidence.NEW, case


def _related_mention(case: Case, other: Case, *, relation: str) -> None:
    """A line on the case's timeline naming a related case; the mediator decides what it means."""
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.NOTE,
        actor_kind="system",
        data={"related_case": other.reference, "relation": relation},
    )


def _forward_channel(user: User) -> str:
    return user.intake_unit if user.intake_unit in FORWARD_CHANNELS else Channel.COUNSELLOR


def _forwarded_case(inbound: InboundEmail, parsed: ParsedMail, staff: User) -> None:
    original = parsed.forwarded
    if original is None or not (original.from_email or original.from_display_name):
        inbound.state, inbound.reason_code = InboundState.NEEDS_ATTENTION, Reason.STAFF_NO_FORWARD
        inbound.reason = f"{staff.get_full_name() or staff.username} <{staff.email}>"
        return
    email = original.from_email.strip().lower()
    if not email:
        # Named without an address (an Outlook forward of a contact's name): no way to reach the member, which
        # every channel needs (cases/intake.py). Kept for a mediator, who records it from the intake page.
        inbound.state, inbound.reason_code = InboundState.NEEDS_ATTENTION, Reason.NO_SENDER
        inbound.reason = f"{original.from_display_name} ({staff.get_full_name() or staff.username} <{staff.email}>)"
        return
    # The forwarded message may be the member's answer on their own case.
    for case in _referenced_cases(f"{original.subject} {parsed.subject}"):
        if case.person.email.lower() == email and case.is_open:
            locked = Case.objects.select_for_update().select_related("person").get(pk=case.pk)
            text = original.text.strip() or original.subject
            message = member_message_add(case=locked, body=text, received_files=parsed.attachments)
            inbound.state, inbound.evidence, inbound.case, inbound.case_message = (
                InboundState.ATTACHED,
                Evidence.FORWARDED,
                locked,
                message,
            )
            _forwarder_note(locked, staff, parsed)
            return
    known = person_find(email=email)
    language = _language(known, detect_language(original.text), parsed.language)
    subject = original.subject or _FORWARD_PREFIX_RE.sub("", parsed.subject)
    case = complaint_receive(
        # The forwarder relays what the original message says: its sender's address is the identity,
        # the display name only a claim (cases/identity.py).
        complainant={"name": original.from_display_name or email, "email": email, "language": language},
        channel=_forward_channel(staff),
        subject=_subject(subject, language),
        description=original.text.strip() or _body(parsed, new_only=False) or "-",
        language=language,
        received_at=_received_at(original.date, inbound.arrived_at, parsed.date),
        recorded_by=staff,
        received_by=(staff.get_full_name() or staff.username)[:200],
        received_files=parsed.attachments,
        # Mail imported from the archive of the mailbox as it stood before Accord is old: its
        # senders are not sent an acknowledgement today for a message of months ago.
        acknowledge=not inbound.source.startswith(ARCHIVE_SOURCE_PREFIX),
    )
    _forwarder_note(case, staff, parsed)
    inbound.state, inbound.evidence, inbound.case = InboundState.NEW_CASE, Evidence.FORWARDED, case


def _forwarder_note(case: Case, staff: User, parsed: ParsedMail) -> None:
    """What the forwarder wrote above the forwarded message, as their internal note."""
    comment = parsed.body_new_text.strip()
    original_text = (parsed.forwarded.text if parsed.forwarded else "").strip()
    if not comment or (original_text and comment.startswith(original_text[:200])):
        return
    note_add(case=case, user=staff, body=comment, by_email=True)


def _bounce_record(inbound: InboundEmail, parsed: ParsedMail) -> None:
    """A delivery failure report: the e-mail Accord sent is failed for good, shown on its case."""
    inbound.state = InboundState.BOUNCE
    ids = _ids(parsed.bounced_message_ids)
    emails = list(OutboundEmail.objects.select_for_update().filter(message_id__in=ids).order_by("id")) if ids else []
    diagnostic = _diagnostic(parsed)
    if not emails:
        inbound.reason_code, inbound.reason = Reason.BOUNCE_UNKNOWN, diagnostic
        return
    for email in emails:
        email.delivery = EmailStatus.FAILED
        email.error = f"bounce: {diagnostic}"[:2000]
        email.next_attempt_at = None
        email.save(update_fields=["delivery", "error", "next_attempt_at"])
        if email.case_id:
            CaseEvent.objects.create(
                case_id=email.case_id,
                kind=EventKind.EMAIL,
                actor_kind="system",
                data={
                    "email_id": email.pk,
                    "template": email.template,
                    "status": EmailStatus.FAILED,
                    "error": email.error,
                    "bounce": inbound.message_id,
                },
            )
    inbound.bounced_email = emails[0]
    inbound.case = emails[0].case
    inbound.reason_code, inbound.reason = Reason.BOUNCE, diagnostic


_DIAGNOSTIC_RE = re.compile(r"^(?:Diagnostic-Code|Status):\s*(.+)$", re.IGNORECASE | re.MULTILINE)


def _diagnostic(parsed: ParsedMail) -> str:
    """The mail server's words: Diagnostic-Code/Status of the delivery report, else its first line."""
    reports = [
        a.content.decode("utf-8", "replace") for a in parsed.attachments if a.content_type == "message/delivery-status"
    ]
    found = _DIAGNOSTIC_RE.findall("\n".join([*reports, parsed.body_text or ""]))
    if found:
        return "; ".join(dict.fromkeys(line.strip() for line in found))[:500]
    first = next((line.strip() for line in (parsed.body_new_text or parsed.body_text).splitlines() if line.strip()), "")
    return (first or parsed.auto_reply_reason or parsed.subject)[:500]


# ---------------------------------------------------------------------------------------
# Reading the mailbox and archives


def mailbox_poll_once(*, url: str | None = None) -> dict:
    """Read the mailbox once: each message stored and routed (committed), then marked processed.

    The summary counts messages by outcome (the InboundState values, and "duplicate" for those
    already stored). A failure to reach the server raises: the worker records it and polls again
    on its schedule; the messages not yet marked are read again then, without a duplicate.
    """
    url = settings.ACCORD_MAILBOX_URL if url is None else url
    if not url:
        return {"configured": False}
    config = mailbox_config_parse(url)
    counts: Counter = Counter()
    with mailbox_open(config) as box:
        for fetched in box.messages():
            receipt = inbound_email_receive(
                raw=fetched.raw, source=config.label, source_uid=fetched.uid, arrived_at=fetched.arrived_at
            )
            counts[receipt.outcome] += 1
            # Only now, with the message committed: a crash before this line reads it again next time.
            box.mark_processed(fetched.uid)
    return {"configured": True, "read": sum(counts.values()), **dict(counts)}


def mailbox_import(*, path: str | Path) -> dict:
    """Import an archive of past mail (mbox, Maildir, folder of .eml/.box) by the same rules. Idempotent."""
    counts: Counter = Counter()
    source = f"{ARCHIVE_SOURCE_PREFIX}{Path(path).name}"
    for fetched in archive_messages(path):
        receipt = inbound_email_receive(raw=fetched.raw, source=source, source_uid=fetched.uid)
        counts[receipt.outcome] += 1
    return {"read": sum(counts.values()), **dict(counts)}
