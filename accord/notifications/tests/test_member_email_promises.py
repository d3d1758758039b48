"""Every e-mail to a member promises only what the product does: each member template, in each language,
is read against the member's own page in the state the case is in when the e-mail leaves.

What the page allows is read from the page itself (the member's link, rendered by accord/public/views.py):
an e-mail may invite a reply only when the page shows the reply box, may not promise help towards an
accredited mediator while no URL offers a referral, and may not say the complaint was passed on when
nothing was sent to the service concerned."""

import re
from collections import deque
from contextlib import nullcontext
from datetime import datetime, timedelta
from html import unescape
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import get_resolver, reverse

from accord.cases import services
from accord.cases.links import member_token
from accord.cases.models import Case, DeadlineKind, Department, DiscontinueGround, Office, Outcome, Status
from accord.cases.offices import case_office_change
from accord.cases.permissions import Actor
from accord.cases.workflow import TRANSITIONS, StepInput, case_transition
from accord.notifications.models import Audience, OutboundEmail
from accord.notifications.reminders import member_reminders_send

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "notifications" / "email"
LANGUAGES = ("fr", "nl", "en")

# Words that invite the member to write back, per language.
INVITES_REPLY = {
    "en": [r"\breply\b", r"\btell us\b", r"\bwrite to us\b", r"\blet us know\b"],
    "fr": [r"répond(ez|re)\b", r"dites-le-nous", r"écrivez", r"faites-nous savoir", r"signalez-le"],
    "nl": [
        r"antwoord (dan )?via",
        r"\breageer",
        r"\bschrijf ons",
        r"laat (het )?ons .*weten",
        r"\bantwoorden via",
        r"\bantwoord en\b",
    ],
}
HELP_TO_ACCREDITED = {
    "en": [r"accredited mediator"],
    "fr": [r"médiat(eur|rice)s? agréé"],
    "nl": [r"erkende? bemiddelaar"],
}
# Words that invite the member to contest the answer (only while the page offers it).
INVITES_CONTEST = {
    "en": [r"\bcontest\b"],
    "fr": [r"\bcontester\b"],
    "nl": [r"\baanvecht", r"\bbetwist"],
}
# Words that invite the member to come back to Accord after a department's answer (only while the page offers it).
INVITES_COME_BACK = {
    "en": [r"\bcan come back\b"],
    "fr": [r"\bpouvez revenir\b"],
    "nl": [r"\bkunt u\b.{0,100}\bterugkomen\b"],
}
PASSED_ON = {
    "en": [r"passed it on", r"passed (it|your complaint) (on|to)", r"been passed to", r"forwarded"],
    "fr": [r"\btransmis", r"fait suivre"],
    "nl": [r"doorgegeven", r"doorgestuurd", r"overgemaakt"],
}


def _text(email: OutboundEmail) -> str:
    html = re.sub(r"<[^>]+>", " ", email.body_html)
    return " ".join(f"{email.subject}\n{email.body_text}\n{unescape(html)}".split())


def _found(patterns: list[str], text: str) -> list[str]:
    return [p for p in patterns if re.search(p, text, re.IGNORECASE)]


def _page_offers(client, case) -> set[str]:
    """What the member's page shows them, read from the page as the member gets it."""
    token = member_token(case)
    response = client.get(reverse("public:member_case", kwargs={"token": token}))
    assert response.status_code == 200, "the member's page must open to say what it offers"
    page = response.content.decode()
    offers = set()
    if f'action="{reverse("public:member_reply", kwargs={"token": token})}"' in page:
        offers.add("reply")
    if f'action="{reverse("public:member_withdraw", kwargs={"token": token})}"' in page:
        offers.add("withdraw")
    if f'action="{reverse("public:member_contest", kwargs={"token": token})}"' in page:
        offers.add("contest")
    if f'action="{reverse("public:member_come_back", kwargs={"token": token})}"' in page:
        offers.add("come_back")
    return offers


def _referral_offered() -> bool:
    return any("referral" in str(name) or "accredited" in str(name) for name in get_resolver().reverse_dict)


def _step_input(transition, department, case=None) -> StepInput:
    # Not first raised with the service concerned is not a refusal: it is the hand-over (read below).
    ground = next(g for g in transition.grounds.values if g != "not_raised_first")
    if transition.name == "discontinue" and (case is None or case.status != Status.AWAITING_MEMBER):
        ground = DiscontinueGround.OTHER_BODY  # no response only once the member's own time has passed
    values = {
        "message": "Voici ce que nous avons trouvé.",
        "reason": "La facture a été corrigée.",
        "ground": ground,
        "outcome": Outcome.values[0],
        "department": department,
    }
    unknown = set(transition.needs) - set(values)
    assert not unknown, f"teach this test what to give for {unknown} ({transition.name})"
    return StepInput(**{need: values[need] for need in transition.needs})


def _members_due_date(case):
    return case.deadlines.open().get(kind=DeadlineKind.AWAITING_MEMBER).due_date


def _day(day):
    """The clock moved to that day, mid-morning in Brussels (the code reads the real clock)."""
    moment = datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Europe/Brussels"))
    return time_machine.travel(moment, tick=False)


def _clock_for(case, step):
    """Discontinuing for no response waits until the member's own time has passed."""
    if step == "discontinue" and case.status == Status.AWAITING_MEMBER:
        return _day(_members_due_date(case) + timedelta(days=1))
    return nullcontext()


def _paths_to_each_told_step():
    """For each transition that tells the member, a shortest path of steps from a received case to it."""
    paths = {}
    queue = deque([(Status.RECEIVED, ())])
    seen = {Status.RECEIVED}
    while queue:
        status, path = queue.popleft()
        for transition in TRANSITIONS.values():
            # The hand-over's steps go through departments/handover.py (read below, with the department told).
            if status not in transition.sources or "mediator" not in transition.actors or transition.panel:
                continue
            if transition.notify and transition.name not in paths:
                paths[transition.name] = (*path, transition.name)
            target = transition.target
            if target is not None and target not in seen:
                seen.add(target)
                queue.append((target, (*path, transition.name)))
    return paths


def _check(email, offers, language, *, department_told: bool):
    text = _text(email)
    where = f"{email.template} ({language}, page offers {sorted(offers) or 'nothing'})"
    if "reply" not in offers:
        assert not _found(INVITES_REPLY[language], text), f"{where} invites a reply the page refuses: {text}"
    if "contest" not in offers:
        assert not _found(INVITES_CONTEST[language], text), f"{where} invites a contest the page refuses: {text}"
    else:
        assert _found(INVITES_CONTEST[language], text) or email.template not in ("answer", "closed"), (
            f"{where}: the page offers to contest the answer, the e-mail must say until when: {text}"
        )
    if "come_back" not in offers:
        assert not _found(INVITES_COME_BACK[language], text), f"{where} invites coming back, refused: {text}"
    else:
        assert _found(INVITES_COME_BACK[language], text) or email.template != "handover_settled", (
            f"{where}: the page offers to come back to Accord, the e-mail must say until when: {text}"
        )
    if not _referral_offered():
        assert not _found(HELP_TO_ACCREDITED[language], text), f"{where} promises an accredited mediator: {text}"
    if not department_told:
        assert not _found(PASSED_ON[language], text), f"{where} says it was passed on, nothing was sent: {text}"


# The other body a member may turn to when no mediator is free is named, with its address (settings).
NAMES_OTHER_BODY = {
    "en": [r"Federal Mediation Commission.*https://www\.cfm-fbc\.be/"],
    "fr": [r"Commission fédérale de médiation.*https://www\.cfm-fbc\.be/"],
    "nl": [r"Federale Bemiddelingscommissie.*https://www\.cfm-fbc\.be/"],
}


def _mediator_changes(person, language, make_case, maya, pierre):
    """The e-mails that tell the member about their mediator, each with the case as it is when it leaves."""
    from accord.cases.assignments import mediator_change_request

    def latest(case, template):
        return OutboundEmail.objects.filter(case=case, template=template).latest("id")

    case = case_transition(case=make_case(person, language=language), name="acknowledge", actor=Actor.for_user(maya))
    case = services.conflict_declare(case=case, user=maya, reason="Conflit.")  # to Pierre
    yield latest(case, "mediator_changed"), case
    case = services.conflict_declare(case=case, user=pierre, reason="Conflit.")  # nobody is left
    yield latest(case, "no_mediator"), case

    case = case_transition(case=make_case(person, language=language), name="acknowledge", actor=Actor.for_user(maya))
    case = mediator_change_request(case=case, reason="Je préfère.")  # to Pierre
    yield latest(case, "mediator_changed"), case
    case = mediator_change_request(case=case, reason="Toujours.")  # Maya was asked away: nobody free
    yield latest(case, "no_mediator"), case
    case = services.case_assign(case=case, user=maya, mediator=maya)  # she takes it back: a mediator found
    yield latest(case, "mediator_changed"), case


def _handover_emails(person, language, make_case, maya, client):
    """The hand-over's e-mails to the member, each with the case as it is when it leaves and whether the
    department was told in the same step."""
    from accord.accounts.models import Role
    from accord.conftest import _staff
    from accord.departments import handover
    from accord.departments.models import Liaison

    department = Department.objects.create(
        code=f"billing-{language}", name_fr="Facturation", name_nl="Facturatie", name_en="Billing service"
    )
    liaison = _staff(f"liaison-{language}", "Bart", "Claes", Role.LIAISON)
    Liaison.objects.create(user=liaison, department=department)

    def start():
        case = case_transition(
            case=make_case(person, language=language), name="acknowledge", actor=Actor.for_user(maya)
        )
        before = set(OutboundEmail.objects.values_list("pk", flat=True))
        item = handover.handover_start(
            case=case,
            user=maya,
            department=department,
            consent="phone",
            consent_note="D’accord au téléphone.",
            reason="La facturation peut corriger la facture.",
        )
        told = OutboundEmail.objects.exclude(pk__in=before).exclude(audience=Audience.MEMBER).exists()
        return item, told

    def latest(case, template):
        return OutboundEmail.objects.filter(case=case, template=template).latest("id")

    item, told = start()
    assert told, "handing over tells the department"
    yield latest(item.case, "handed_over"), item.case, True
    handover.handover_settle(handover=item, user=liaison, answer="Remboursé.", outcome=Outcome.MEMBER_FAVOUR)
    case = Case.objects.get(pk=item.case_id)
    yield latest(case, "handover_settled"), case, False
    response = client.post(
        reverse("public:member_come_back", kwargs={"token": member_token(case)}), {"body": "Pas satisfaite."}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    yield latest(case, "came_back"), case, False

    item, _told = start()
    handover.handover_decline(handover=item, user=liaison, reason="Ce n’est pas une facture.")
    yield latest(item.case, "handover_declined"), Case.objects.get(pk=item.case_id), False

    item, _told = start()
    handover.handover_take_back(handover=item, user=maya, reason="Nous reprenons la réclamation.")
    yield latest(item.case, "handover_taken_back"), Case.objects.get(pk=item.case_id), False


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_member_email_invites_only_what_the_members_page_allows(
    language, marie, maya, pierre, finance, make_case, client
):
    templates_read = set()
    person = marie
    for path in _paths_to_each_told_step().values():
        case = make_case(person, language=language)
        acknowledgement = OutboundEmail.objects.get(case=case, template="acknowledgement")
        _check(acknowledgement, _page_offers(client, case), language, department_told=False)
        templates_read.add("acknowledgement")
        for step in path:
            transition = TRANSITIONS[step]
            with _clock_for(case, step):
                before = set(OutboundEmail.objects.filter(case=case).values_list("pk", flat=True))
                case = case_transition(
                    case=case, name=step, actor=Actor.for_user(maya), data=_step_input(transition, finance, case)
                )
                emails = OutboundEmail.objects.filter(case=case).exclude(pk__in=before)
                department_told = (
                    emails.exclude(audience=Audience.MEMBER).exists() or emails.exclude(to=person.email).exists()
                )
                for email in emails.filter(audience=Audience.MEMBER, to=person.email):
                    _check(email, _page_offers(client, case), language, department_told=department_told)
                    templates_read.add(email.template)

    # Discontinued for no response, once the member's own time has passed (the BFS reaches discontinue
    # from an investigation, on another ground).
    case = make_case(person, language=language)
    for step in ("acknowledge", "accept", "ask_member", "discontinue"):
        transition = TRANSITIONS[step]
        with _clock_for(case, step):
            case = case_transition(
                case=case, name=step, actor=Actor.for_user(maya), data=_step_input(transition, finance, case)
            )
    (ended,) = OutboundEmail.objects.filter(case=case, template="discontinued")
    _check(ended, _page_offers(client, case), language, department_told=False)

    # The member contests the answer through their page (a member's step: not in the mediators' walk).
    case = make_case(person, language=language)
    for step in ("acknowledge", "accept", "answer"):
        transition = TRANSITIONS[step]
        case = case_transition(case=case, name=step, actor=Actor.for_user(maya), data=_step_input(transition, finance))
    token = member_token(case)
    response = client.post(
        reverse("public:member_contest", kwargs={"token": token}), {"body": "Je ne suis pas d’accord."}
    )
    assert response.status_code == 302
    (contested,) = OutboundEmail.objects.filter(case=case, template="contested")
    case.refresh_from_db()
    _check(contested, _page_offers(client, case), language, department_told=False)
    templates_read.add(contested.template)

    # Awaiting the member, they are reminded before their own time ends (on its last day at the latest).
    case = make_case(person, language=language)
    for step in ("acknowledge", "accept", "ask_member"):
        transition = TRANSITIONS[step]
        case = case_transition(case=case, name=step, actor=Actor.for_user(maya), data=_step_input(transition, finance))
    due_date = _members_due_date(case)
    with _day(due_date):
        assert case in member_reminders_send(today=due_date)
        (reminder,) = OutboundEmail.objects.filter(case=case, template="awaiting_reminder")
        _check(reminder, _page_offers(client, case), language, department_told=False)
        templates_read.add(reminder.template)

    # The e-mails that do not come from a step: a message, an extension, another office, a new link
    # (open and ended).
    case = make_case(person, language=language)
    case = case_transition(case=case, name="acknowledge", actor=Actor.for_user(maya))
    case = case_transition(case=case, name="accept", actor=Actor.for_user(maya))
    services.staff_message_send(case=case, user=maya, body="Pouvez-vous confirmer le montant ?")
    services.outcome_deadline_extend(case=case, user=maya, days=30, reason="Le service doit vérifier.")
    case = case_office_change(case=case, user=maya, office=Office.objects.exclude(pk=case.office_id).first())
    case = services.link_renew(case=case, user=maya)
    templates = ["message", "extended", "office_changed", "new_link"]
    for email in OutboundEmail.objects.filter(case=case, template__in=templates):
        _check(email, _page_offers(client, case), language, department_told=False)
        templates_read.add(email.template)
    case = case_transition(case=case, name="withdraw", actor=Actor.for_user(maya))
    before = set(OutboundEmail.objects.filter(case=case).values_list("pk", flat=True))
    case = services.link_renew(case=case, user=maya)
    (renewed,) = OutboundEmail.objects.filter(case=case, template="new_link").exclude(pk__in=before)
    _check(renewed, _page_offers(client, case), language, department_told=False)

    # Another mediator: after a conflict of interest, at the member's request, and with nobody free (the other
    # body named instead), then a mediator found; each read against the page in the state it leaves in.
    for read in _mediator_changes(person, language, make_case, maya, pierre):
        email, case = read
        _check(email, _page_offers(client, case), language, department_told=False)
        assert _found(NAMES_OTHER_BODY[language], _text(email)) or email.template != "no_mediator", email.body_text
        templates_read.add(email.template)

    # The hand-over (departments/handover.py): handed over (the department told), settled, then the member comes
    # back; another declined by the department; another taken back by the mediator.
    for read in _handover_emails(person, language, make_case, maya, client):
        email, case, department_told = read
        _check(email, _page_offers(client, case), language, department_told=department_told)
        templates_read.add(email.template)

    # Every member template is read (details_changed goes to an old address, carries no link and no page;
    # files starting with "_" are parts the others include).
    on_disk = {p.name.removesuffix(".txt") for p in TEMPLATES.glob("*.txt") if not p.name.startswith("_")}
    on_disk = {t for t in on_disk if not t.endswith("_subject")} - {"details_changed"}
    assert on_disk <= templates_read, f"add a way to reach {on_disk - templates_read} to this test"


def test_the_answer_email_says_the_reply_box_closes_with_the_case(marie, maya, make_case):
    """Answered, the page still has a reply box; once closed it has none: the answer e-mail says so."""
    case = make_case(marie, language="en")
    for step, data in [("acknowledge", StepInput()), ("accept", StepInput()), ("answer", StepInput(message="Done."))]:
        case = case_transition(case=case, name=step, actor=Actor.for_user(maya), data=data)
    email = OutboundEmail.objects.get(case=case, template="answer")
    assert "until your mediator closes the case" in email.body_text
