"""`manage.py load_demo`: staff accounts and about a hundred believable cases of the last 18 months.

Every write goes through Accord's own services and workflow, each one at the moment it
happened (time-machine moves the clock), so timelines, deadlines and e-mails are exactly
what the application would have produced. E-mail is only kept in the outbox, never sent.

Safe to re-run: when the demo is already there, it changes nothing and prints the accounts
again. It refuses to add demo cases to a database that holds other cases.
"""

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from zoneinfo import ZoneInfo

import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from accord.accounts.models import MediatorAbsence, Role, User
from accord.cases import assignments, caselinks, deadlines, parties, services
from accord.cases.cycles import outcome_compliance_record
from accord.cases.models import (
    OPEN_STATUSES,
    Case,
    Category,
    Channel,
    Compliance,
    DeadlineKind,
    Department,
    DiscontinueGround,
    LinkKind,
    Office,
    Outcome,
    RefusalGround,
    WithdrawalReason,
)
from accord.cases.permissions import MEMBER, Actor, can_work_case
from accord.cases.workflow import StepInput, case_transition
from accord.demo.content import CLIENTS, COMPLAINTS, DYSFUNCTIONS, MONTHS, PEOPLE, PHRASES, REFUSALS, money
from accord.demo.directory import directory_load
from accord.departments.dysfunctions import department_calendar, dysfunction_record, dysfunction_step
from accord.departments.models import DepartmentContact, DysfunctionState, Liaison, RequestEmail
from accord.departments.services import request_answer, request_ask, request_notices_send
from accord.departments.sharing import share_link_answer, share_link_use_record
from accord.mailbox.services import inbound_email_receive
from accord.notifications.reminders import member_reminders_send

SEED = 2026
HISTORY_DAYS = 540  # about 18 months
OFFICES_FR = ("paris", "lyon", "metz")
DEMO_IP = "192.0.2.44"  # the department's address as the link's log records it (a documentation address)

# username, first name, last name, role, language, password, extra fields
ACCOUNTS = [
    ("maya", "Maya", "Mertens", Role.MEDIATOR, "nl", "demo-maya-2026", {}),
    ("pierre", "Pierre", "Dubois", Role.MEDIATOR, "fr", "demo-pierre-2026", {}),
    ("ilse", "Ilse", "Claes", Role.INTAKE, "nl", "demo-ilse-2026", {"intake_unit": Channel.COUNSELLOR}),
    ("anna", "Anna", "Admin", Role.ADMINISTRATOR, "fr", "demo-anna-2026", {"is_staff": True}),
    # Departments' liaisons (accord/departments): each answers the requests to their department.
    ("bart", "Bart", "Peeters", Role.LIAISON, "nl", "demo-bart-2026", {}),
    ("helene", "Hélène", "Roux", Role.LIAISON, "fr", "demo-helene-2026", {}),
]
# How each department is reached (shared and head addresses, office, language) and who answers for it. The
# finance department has no liaison: it answers through the link sent to its shared address.
DEPARTMENT_CONTACTS = {
    "billing-service": ("facturation", "brussels", "nl", ["bart"]),
    "finance-department": ("finances", "brussels", "fr", []),
    "hr-payroll": ("rh-paie", "paris", "fr", ["helene"]),
    "it-platform": ("plateforme", "brussels", "fr", []),
    "counselling": ("accompagnement", "liege", "fr", []),
    "communication": ("communication", "brussels", "fr", []),
    "cooperative-life": ("vie-cooperative", "lyon", "fr", []),
    "legal": ("juridique", "paris", "fr", []),
}

CHANNEL_WEIGHTS = {
    Channel.WEB: 34,
    Channel.EMAIL: 18,
    Channel.PHONE: 10,
    Channel.OFFICE: 5,
    Channel.COUNSELLOR: 8,
    Channel.BILLING: 5,
    Channel.COMMUNICATION: 3,
    Channel.ETHICS: 2,
    Channel.SOCIAL: 4,
    Channel.LETTER: 3,
    Channel.API: 4,
}
# Who records a complaint that did not come through the public form.
INTAKE_CHANNELS = {
    Channel.PHONE,
    Channel.OFFICE,
    Channel.COUNSELLOR,
    Channel.BILLING,
    Channel.COMMUNICATION,
    Channel.ETHICS,
    Channel.SOCIAL,
}
MEDIATOR_CHANNELS = {Channel.EMAIL, Channel.LETTER}

# The smallest valid PDF, attached to some of the members' replies.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
ATTACHMENT_NAMES = {"fr": "justificatif.pdf", "nl": "bewijsstuk.pdf", "en": "supporting-document.pdf"}
# What a department attaches to its answer through its link or by e-mail.
CONFIRMATION_NAMES = {"fr": "confirmation.pdf", "nl": "bevestiging.pdf", "en": "confirmation.pdf"}
PAYSLIPS_NAMES = {"fr": "historique-paie.pdf", "nl": "loonoverzicht.pdf", "en": "payslip-history.pdf"}
# How a mail program introduces the e-mail it quotes in a reply (Gmail's words in each language).
WROTE = {
    "fr": "Le {date}, {sender} a écrit\u202f:",
    "nl": "Op {date} schreef {sender}:",
    "en": "On {date}, {sender} wrote:",
}
# When each dysfunction was recorded and answered, in days before now: (recorded, first response, second, closed).
DYSFUNCTION_DAYS = {
    DysfunctionState.RECORDED: (1,),
    DysfunctionState.ACKNOWLEDGED: (20, 18),
    DysfunctionState.DISPUTED: (26, 22),
    DysfunctionState.ACTION_PLANNED: (32, 28),
    DysfunctionState.DONE: (62, 58, 41),
    DysfunctionState.CLOSED: (95, 92, 74, 70),
}


@dataclass
class Plan:
    """One case to tell: where it ends up, and roughly how old it is (days)."""

    flow: str
    age: tuple[int, int]
    outcome: str = ""
    ground: str = ""
    language: str = ""
    channel: str = ""
    extra: dict = field(default_factory=dict)


def _plans() -> list[Plan]:
    plans: list[Plan] = []
    plans += [Plan("received", (0, 2)) for _ in range(3)] + [Plan("received", (5, 9)) for _ in range(3)]
    plans += [Plan("acknowledged", (1, 3)) for _ in range(3)] + [Plan("acknowledged", (9, 16)) for _ in range(3)]
    # Some ask a department: billing answered by its liaison in Accord, HR payroll still waiting or overdue
    # (reminded, escalated), the finance department (no liaison) answered through its link, HR payroll answered
    # by its liaison replying to the e-mail; the fifth member asks for another mediator from their page.
    plans += [
        Plan(
            "investigating",
            (20, 75),
            extra={"ask": ("answered", "waiting", "overdue", "link", None, "email")[i], "member_request": i == 4},
        )
        for i in range(6)
    ]
    plans += [Plan("investigating", (105, 140), extra={"overdue": True}) for _ in range(3)]
    # A complex case: extended, co-mediated, with the member's accountant as a third party.
    plans += [Plan("investigating", (85, 100), extra={"extend": True, "co_mediation": True, "third_party": True})]
    plans += [Plan("investigating", (20, 40), extra={"conflict": True})]
    plans += [Plan("reopened", (150, 220))]
    plans += [Plan("awaiting_member", (10, 45)) for _ in range(6)]
    plans += [Plan("redirected", (5, 30), extra={"accepted": i % 2 == 0}) for i in range(5)]
    plans += [Plan("answered", (15, 60)) for _ in range(6)]
    outcomes = (
        (Outcome.MEMBER_FAVOUR, 18),
        (Outcome.PARTLY, 10),
        (Outcome.COOPERATIVE_FAVOUR, 7),
        (Outcome.AMICABLE, 5),
        (Outcome.NO_FINDING, 2),
    )
    for outcome, count in outcomes:
        plans += [
            Plan("closed", (60, HISTORY_DAYS), outcome=outcome, extra={"via_redirect": i % 6 == 5, "complied": i % 3})
            for i in range(count)
        ]
    plans += [Plan("reopened_closed", (200, 400), outcome=Outcome.MEMBER_FAVOUR)]
    plans += [Plan("contested", (30, 60)) for _ in range(2)]
    languages = ["fr", "nl", "en"]
    # Not first raised with the service concerned is no longer a refusal: it is the hand-over (see _handover_plans).
    grounds = [g for g in RefusalGround.values if g != RefusalGround.NOT_RAISED_FIRST]
    for i, ground in enumerate(grounds):
        plans += [Plan("refused", (20, HISTORY_DAYS), ground=ground, language=languages[(i + k) % 3]) for k in (0, 1)]
    plans += _handover_plans()
    plans += [Plan("withdrawn", (30, HISTORY_DAYS), extra={"by_member": i < 4}) for i in range(6)]
    plans += [Plan("discontinued", (60, 200)) for _ in range(2)]
    plans += [Plan("discontinued_court", (40, 120))]
    plans += [Plan("reopened_withdrawn", (40, 90))]
    return plans


# -- The hand-over (accord/departments/handover.py): complaints not first raised with the service concerned, handed
#    over to it with the member's consent; the service acts as its liaison, or through its link without one.

HANDOVER_WORDS = {
    "consent": {
        "fr": "Au téléphone : d’accord pour que le service concerné s’en occupe directement.",
        "nl": "Telefonisch: akkoord dat de betrokken dienst het rechtstreeks behandelt.",
        "en": "On the phone: agrees that the service concerned deals with it directly.",
    },
    "note": {
        "fr": "Le sociétaire ne s’est pas encore adressé à vous : tout est dans sa réclamation ci-dessus.",
        "nl": "De vennoot heeft zich nog niet tot u gericht: alles staat in de klacht hierboven.",
        "en": "The member has not contacted you yet: everything is in the complaint above.",
    },
    "answer": {
        "fr": "Nous avons vérifié votre dossier et corrigé l’erreur ; la régularisation apparaîtra sur votre "
        "prochain relevé.",
        "nl": "We hebben uw dossier nagekeken en de fout rechtgezet; de regularisatie staat op uw volgende overzicht.",
        "en": "We checked your file and corrected the error; the adjustment will show on your next statement.",
    },
}


def _handover_plans() -> list[Plan]:
    """One complaint with billing now (accepted by its liaison, its answer awaited), one the IT helpdesk settled
    weeks ago through its link (it has no liaison)."""
    return [
        Plan("handover", (3, 6), ground=RefusalGround.NOT_RAISED_FIRST, language="fr", extra={"settled": False}),
        Plan("handover", (40, 70), ground=RefusalGround.NOT_RAISED_FIRST, language="en", extra={"settled": True}),
    ]


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return ".".join("".join(c for c in part if c.isalnum()) for part in ascii_name.split())


class Demo:
    def __init__(self, *, stdout, now: datetime):
        self.rng = random.Random(SEED)
        self.stdout = stdout
        self.tz = ZoneInfo(settings.TIME_ZONE)
        self.now = now
        self.limit = now - timedelta(minutes=30)
        self.users = {username: User.objects.get(username=username) for username, *_ in ACCOUNTS}
        self.categories = {c.code: c for c in Category.objects.all()}
        # The demo offices (cases/0009_default_offices), in turn within the country and language.
        self.offices = {o.code: o for o in Office.objects.all()}
        self.office_turn = 0
        self.departments = {d.code: d for d in Department.objects.all()}
        self.people: dict[str, list[dict]] = {lang: [] for lang in PEOPLE}
        self.next_name = {lang: 0 for lang in PEOPLE}
        self.template_cycle: dict[str, list[dict]] = {lang: [] for lang in COMPLAINTS}
        self.member_number = 10400

    # -- time ------------------------------------------------------------------------------------

    def _office_hours(self, when: datetime) -> datetime:
        """Staff act on working days, between 8:30 and 18:00 (Brussels time)."""
        local = when.astimezone(self.tz)
        if local.hour >= 18:
            local = (local + timedelta(days=1)).replace(hour=8, minute=30)
        elif local.hour < 8:
            local = local.replace(hour=8, minute=30)
        while local.weekday() >= 5:
            local = (local + timedelta(days=1)).replace(hour=8, minute=30)
        return local + timedelta(minutes=self.rng.randint(0, 90))

    def _later(self, days: float, *, staff: bool = True) -> datetime:
        when = self.t + timedelta(days=days, minutes=self.rng.randint(20, 240))
        if staff:
            when = self._office_hours(when)
        elif when.astimezone(self.tz).hour < 7:
            # Members write at any hour, but few before seven.
            when = when.astimezone(self.tz).replace(hour=7) + timedelta(minutes=self.rng.randint(0, 120))
        if when >= self.limit:
            when = self.t + timedelta(minutes=5)
        self.t = when
        return when

    def _at(self, when: datetime, fn, **kwargs):
        with time_machine.travel(when, tick=False):
            return fn(**kwargs)

    # -- people and words ------------------------------------------------------------------------

    def _person(self, language: str, *, with_email: bool) -> dict:
        known = self.people[language]
        names = PEOPLE[language]
        if known and (self.rng.random() < 0.2 or self.next_name[language] >= len(names)):
            return self.rng.choice(known)
        name = names[self.next_name[language]]
        self.next_name[language] += 1
        self.member_number += self.rng.randint(3, 97)
        domain = {"fr": "example.org", "nl": "example.net", "en": "example.com"}[language]
        if language == "fr" and self.rng.random() < 0.4:
            # A French mobile that exists (+33 61… to +33 638…: +33 639 and +33 69… are overseas numbers'
            # ranges, which phonenumbers refuses under +33, as every channel's rule does: cases/intake.py).
            phone = f"+336{10_000_000 + self.rng.randint(10000000, 99999999) % 29_000_000}"
        else:
            phone = f"+3247{self.rng.randint(1000000, 9999999)}"
        details = {
            "name": name,
            "email": f"{_slug(name)}@{domain}" if with_email else "",
            "phone": phone,
            "member_number": f"M-{self.member_number}",
            "language": language,
        }
        known.append(details)
        return details

    def _template(self, language: str) -> dict:
        cycle = self.template_cycle[language]
        if not cycle:
            cycle.extend(self.rng.sample(COMPLAINTS[language], len(COMPLAINTS[language])))
        return cycle.pop()

    def _fill(self, language: str, received: datetime) -> dict:
        month = MONTHS[language][(received.month - 1 - self.rng.randint(1, 2)) % 12]
        return {
            "amount": money(self.rng.choice([180, 240, 320, 455, 615, 880, 1250, 1740, 2300]), language),
            "month": month,
            "client": self.rng.choice(CLIENTS[language]),
            "invoice": f"{received.year}-{self.rng.randint(120, 980):04d}",
            "days": self.rng.randint(35, 75),
        }

    def _text(self, key: str) -> str:
        return self.template[key].format(**self.fill)

    def _phrase(self, key: str, **kwargs) -> str:
        return PHRASES[self.language][key].format(**kwargs)

    def _phrase_dict(self, key: str) -> dict:
        return dict(PHRASES[self.language][key])

    def _department_name(self) -> str:
        department = self.departments.get(self.template["dept"])
        return department.name_in(self.language) if department else ""

    # -- the steps -------------------------------------------------------------------------------

    def _step(self, name: str, *, actor=None, staff: bool = True, after: float = 1, **data):
        when = self._later(after, staff=staff)
        self.case = self._at(
            when,
            case_transition,
            case=self.case,
            name=name,
            actor=actor or Actor.for_user(self.mediator),
            data=StepInput(**data),
        )

    def _service(self, fn, *, after: float = 1, staff: bool = True, **kwargs):
        when = self._later(after, staff=staff)
        result = self._at(when, fn, case=self.case, **kwargs)
        self.case.refresh_from_db()
        return result

    def create(self, plan: Plan, *, template: dict):
        language = self.language
        channel = plan.channel
        recorder = None
        if channel in INTAKE_CHANNELS:
            recorder = self.users["ilse"] if self.rng.random() < 0.8 else self.mediator
        elif channel in MEDIATOR_CHANNELS:
            recorder = self.mediator
        received = self.t
        if recorder is not None:
            # Recorded when staff get to it, a few hours or a day after it came.
            self.t = self._office_hours(received + timedelta(hours=self.rng.randint(1, 20)))
            if self.t >= self.limit:
                self.t = received + timedelta(minutes=10)
        with_email = channel not in (Channel.PHONE, Channel.OFFICE, Channel.LETTER) or self.rng.random() < 0.6
        details = self._person(language, with_email=with_email)
        self.fill = self._fill(language, received)
        self.template = template
        office = "BE"
        if language == "fr" and self.rng.random() < 0.45 or language == "en" and self.rng.random() < 0.2:
            office = "FR"
        codes = {"BE": {"nl": ("gent", "brussels")}.get(language, ("brussels", "liege", "gent")), "FR": OFFICES_FR}
        self.office_turn += 1
        office_code = codes[office][self.office_turn % len(codes[office])]
        # Members filing online choose a category about half of the time; staff always do.
        category = self.categories.get(template["cat"])
        if recorder is None and self.rng.random() < 0.5:
            category = None

        def record():
            # Through the identity rule, as every complaint: a returning member without an e-mail
            # address is a new record whose details are claims on the earlier one.
            return services.complaint_receive(
                complainant=details,
                channel=channel,
                subject=self._text("subject"),
                description=self._text("desc"),
                language=language,
                office=self.offices.get(office_code),
                office_country=office,
                received_at=received,
                recorded_by=recorder,
                received_by=PHRASES[language]["received_by"].get(channel, "") if recorder else "",
                category=category,
            )

        self.case = self._at(self.t, record)

    def acknowledge(self, days=0.6):
        if self.case.category_id is None:
            self._service(
                services.case_classify,
                after=days * 0.5,
                user=self.mediator,
                category=self.categories.get(self.template["cat"]),
                department=self.departments.get(self.template["dept"]),
            )
            days = 0.01
        self._step("acknowledge", after=days)

    def accept(self, days=2):
        self._step("accept", after=days)

    def progress(self, days=1):
        body = f"{self._phrase('progress')}\n{self.mediator.get_full_name()}"
        self._service(services.staff_message_send, after=days, user=self.mediator, body=body)

    def note(self, days=2):
        self._service(services.note_add, after=days, user=self.mediator, body=self._text("note"))

    def ask(self, days=2):
        self._step("ask_member", after=days, message=self._text("question"))

    def reply(self, days=2, *, attach=None):
        attach = self.rng.random() < 0.35 if attach is None else attach
        files = [SimpleUploadedFile(ATTACHMENT_NAMES[self.language], PDF_BYTES, content_type="application/pdf")]
        self._service(
            services.member_message_add,
            after=days,
            staff=False,
            body=self._text("reply"),
            attachments=files if attach else (),
        )

    def member_says(self, key: str, days=2):
        self._service(services.member_message_add, after=days, staff=False, body=self._phrase(key))

    def redirect(self, days=1):
        self._step(
            "redirect",
            after=days,
            department=self.departments[self.template["dept"]],
            reason=self._phrase("redirect", dept=self._department_name()),
        )

    def answer(self, outcome: str = Outcome.MEMBER_FAVOUR, days=5):
        if outcome in (Outcome.MEMBER_FAVOUR, Outcome.AMICABLE):
            body = self._text("answer")
        else:
            body = self._phrase("partly" if outcome == Outcome.PARTLY else "not_resolved", dept=self._department_name())
        self._step("answer", after=days, message=f"{body}\n{self.mediator.get_full_name()}")

    def close(self, outcome: str, days=8):
        self._step("close", after=days, outcome=outcome)

    def investigate(self):
        """From received to under investigation, with the usual exchanges."""
        self.acknowledge()
        if self.rng.random() < 0.5:
            self.progress(days=1)
        self.accept(days=self.rng.uniform(1, 4))
        self.note(days=self.rng.uniform(1, 6))
        if self.rng.random() < 0.55:
            self.ask(days=self.rng.uniform(1, 4))
            self.reply(days=self.rng.uniform(0.5, 6))

    # -- a whole case ----------------------------------------------------------------------------

    def tell(self, plan: Plan):
        self.language = plan.language
        refusal_like = plan.flow in ("refused", "handover")
        template = REFUSALS[plan.ground][plan.language] if refusal_like else self._template(plan.language)
        self.mediator = self.users["maya" if self.rng.random() < 0.6 else "pierre"]
        age = self.rng.uniform(*plan.age)
        start = (self.now - timedelta(days=age)).astimezone(self.tz)
        self.t = start.replace(hour=self.rng.randint(7, 21), minute=self.rng.randint(0, 59))
        if self.t >= self.limit:
            self.t = self.limit - timedelta(hours=2)
        self.create(plan, template=template)
        getattr(self, f"flow_{plan.flow}")(plan)

    def flow_received(self, plan):
        if plan.age[0] > 3 and self.case.person.email and self.rng.random() < 0.5:
            self.member_says("chase", days=3)

    def flow_acknowledged(self, plan):
        self.acknowledge()
        if plan.age[0] < 5 and self.rng.random() < 0.5:
            self.progress(days=0.3)

    def flow_investigating(self, plan):
        if plan.extra.get("conflict"):
            self.mediator = self.users["maya"]
            self.acknowledge()
            # The replacement rule chooses who takes it over (fewest open cases among the mediators free that day).
            self._service(services.conflict_declare, after=1, user=self.mediator, reason=self._phrase("conflict"))
            self.mediator = self.case.assigned_to
            self.accept(days=2)
            self.note(days=3)
            return
        self.investigate()
        if plan.extra.get("ask"):
            self.ask_department(plan.extra["ask"])
        if plan.extra.get("co_mediation"):
            self._service(assignments.comediator_add, after=1, user=self.mediator, mediator=self._other_mediator())
        if plan.extra.get("third_party"):
            self._service(
                parties.party_add,
                after=1,
                user=self.mediator,
                kind="other",
                language=self.language,
                **self._phrase_dict("third_party"),
            )
        if plan.extra.get("member_request"):
            self._service(
                assignments.mediator_change_request, after=2, staff=False, reason=self._phrase("member_request")
            )
            self.mediator = self.case.assigned_to
        if plan.extra.get("extend"):
            self._service(
                services.outcome_deadline_extend, after=45, user=self.mediator, days=45, reason=self._phrase("extend")
            )
        if plan.extra.get("overdue"):
            self.member_says("chase", days=30)
        elif self.rng.random() < 0.3:
            self._service(services.case_assign, after=3, user=self.mediator, mediator=self._other_mediator())

    def flow_reopened(self, plan, *, close_again=False):
        self.investigate()
        self.answer(days=self.rng.uniform(5, 20))
        self.close(Outcome.MEMBER_FAVOUR, days=self.rng.uniform(4, 10))
        self.t = max(self.t, self.now - timedelta(days=self.rng.uniform(8, 15)))
        self._step("reopen", after=0.5, reason=self._phrase("reopen"))
        self.progress(days=1)
        if close_again:
            self.answer(days=self.rng.uniform(3, 6))
            self.close(plan.outcome, days=2)

    def flow_reopened_closed(self, plan):
        self.flow_reopened(plan, close_again=True)

    def flow_awaiting_member(self, plan):
        self.acknowledge()
        self.accept(days=self.rng.uniform(1, 3))
        self.note(days=self.rng.uniform(1, 5))
        self.t = max(self.t, self.now - timedelta(days=self.rng.uniform(2, 9)))
        self.ask(days=0.2)

    def flow_redirected(self, plan):
        self.acknowledge()
        if plan.extra.get("accepted"):
            self.accept(days=1)
        self.redirect(days=self.rng.uniform(0.5, 2))

    def flow_answered(self, plan):
        self.investigate()
        self.t = max(self.t, self.now - timedelta(days=self.rng.uniform(3, 8)))
        self.answer(days=0.2)

    def flow_closed(self, plan):
        if plan.extra.get("via_redirect"):
            self.acknowledge()
            self.accept(days=2)
            self.redirect(days=2)
            self.member_says("chase", days=self.rng.uniform(10, 16))
            self._step("resume", after=1)
            self.note(days=2)
        else:
            self.investigate()
            if self.rng.random() < 0.15:
                self._service(services.case_assign, after=2, user=self.mediator, mediator=self._other_mediator())
                self.mediator = self.case.assigned_to
        self.answer(plan.outcome, days=self.rng.uniform(4, 30))
        if plan.outcome == Outcome.MEMBER_FAVOUR and self.rng.random() < 0.5:
            self.member_says("thanks", days=self.rng.uniform(0.5, 3))
        self.close(plan.outcome, days=self.rng.uniform(5, 12))
        if plan.outcome != Outcome.NO_FINDING and plan.extra.get("complied"):
            # Weeks later the mediator learns whether the cooperative did what the outcome called for.
            complied = Compliance.COMPLIED if plan.extra["complied"] == 1 else Compliance.PARTLY
            when = self._later(self.rng.uniform(10, 25))
            self._at(
                when,
                outcome_compliance_record,
                case=self.case,
                user=self.mediator,
                compliance=complied,
                on=when.astimezone(self.tz).date(),
            )

    def flow_refused(self, plan):
        if self.rng.random() < 0.5:
            self.acknowledge()
        else:
            self._service(services.case_assign, after=0.5, user=self.mediator, mediator=self.mediator)
        self._step("refuse", after=self.rng.uniform(1, 10), ground=plan.ground, reason=self._text("reason"))

    def flow_handover(self, plan):
        """The mediator asks the member on the phone, hands the complaint over to the IT helpdesk, which accepts it
        through its link and (the older one) settles it with its answer to the member."""
        from accord.cases.models import HandoverConsent
        from accord.departments.handover import handover_accept, handover_link_step, handover_settle, handover_start

        department = self.departments[self.template["dept"]]
        self.acknowledge()
        handover = self._service(
            handover_start,
            after=self.rng.uniform(0.5, 1.5),
            user=self.mediator,
            department=department,
            consent=HandoverConsent.PHONE,
            consent_note=HANDOVER_WORDS["consent"][self.language],
            reason=self._text("reason"),
            note=HANDOVER_WORDS["note"][self.language],
        )
        liaison = User.objects.filter(liaisons__department=department).order_by("pk").first()
        link = handover.links.first()
        answer = {"answer": HANDOVER_WORDS["answer"][self.language], "outcome": Outcome.MEMBER_FAVOUR}
        if liaison is not None:
            self._at(self._later(1), handover_accept, handover=handover, user=liaison)
            if plan.extra.get("settled"):
                self._at(
                    self._later(self.rng.uniform(2, 5)), handover_settle, handover=handover, user=liaison, **answer
                )
        else:
            self._at(self._later(1), handover_link_step, link=link, kind="accept")
            if plan.extra.get("settled"):
                self._at(self._later(self.rng.uniform(2, 5)), handover_link_step, link=link, kind="settle", **answer)
        self.case.refresh_from_db()

    def flow_withdrawn(self, plan):
        self.acknowledge()
        if self.rng.random() < 0.6:
            self.accept(days=self.rng.uniform(1, 3))
        if plan.extra.get("by_member"):
            self.member_says("withdraw_member", days=self.rng.uniform(2, 15))
            self._step(
                "withdraw", actor=MEMBER, staff=False, after=0.01, withdrawal_reason=WithdrawalReason.SOLVED_DIRECTLY
            )
        else:
            self._step(
                "withdraw",
                after=self.rng.uniform(2, 15),
                withdrawal_reason=WithdrawalReason.SOLVED_DIRECTLY,
                withdrawal_note=self._phrase("withdraw_note"),
            )

    def flow_reopened_withdrawn(self, plan):
        """Withdrawn by the member, reopened at their request (quoted by the mediator)."""
        self.acknowledge()
        self.accept(days=self.rng.uniform(1, 3))
        self.member_says("withdraw_member", days=self.rng.uniform(2, 6))
        self._step(
            "withdraw", actor=MEMBER, staff=False, after=0.01, withdrawal_reason=WithdrawalReason.SOLVED_DIRECTLY
        )
        self._step("reopen", after=self.rng.uniform(8, 15), reason=self._phrase("reopen_member"), member_request=True)
        self.progress(days=1)

    def flow_contested(self, plan):
        """Answered, then contested by the member through their page within the time allowed: a new cycle."""
        self.investigate()
        self.t = max(self.t, self.now - timedelta(days=self.rng.uniform(12, 20)))
        self.answer(Outcome.PARTLY, days=0.2)
        self._step("contest", actor=MEMBER, staff=False, after=self.rng.uniform(3, 8), message=self._phrase("contest"))
        self.progress(days=1)

    def flow_discontinued_court(self, plan):
        """Declared admissible, then the member took the matter to court (art. 5(4)): discontinued on that ground."""
        self.investigate()
        self._step(
            "discontinue",
            after=self.rng.uniform(5, 15),
            ground=DiscontinueGround.OTHER_BODY,
            reason=self._phrase("discontinue_court"),
        )

    def flow_discontinued(self, plan):
        """Asked a question, the member never answered: reminded, then discontinued for no response."""
        self.acknowledge()
        self.accept(days=self.rng.uniform(1, 3))
        self.ask(days=self.rng.uniform(2, 6))
        asked = self.t
        waiting = self.case.deadlines.get(kind=DeadlineKind.AWAITING_MEMBER)
        # The member is reminded by the deadlines check, as in production, then the time runs out.
        remind_on = deadlines.next_working_day(waiting.due_date - timedelta(days=7), deadlines.case_calendar(self.case))
        self.t = self._office_hours(datetime.combine(remind_on, datetime.min.time(), self.tz))
        self._at(self.t, member_reminders_send, today=remind_on)
        self.t = datetime.combine(waiting.due_date, datetime.min.time(), self.tz)
        with override(self.language):
            asked_on = date_format(asked.astimezone(self.tz).date(), "DATE_FORMAT")
        self._step(
            "discontinue",
            after=self.rng.uniform(1, 4),
            ground=DiscontinueGround.NO_RESPONSE,
            reason=self._phrase("no_response", asked=asked_on),
        )

    def ask_department(self, how: str):
        """The mediator asks a department: billing (answered by its liaison in Accord), HR payroll (waiting;
        overdue and chased; or answered by its liaison replying to the e-mail), or the finance department, which
        has no liaison and answers through the link sent to its shared address."""
        code = {"answered": "billing-service", "link": "finance-department"}.get(how, "hr-payroll")
        department = self.departments[code]
        if how == "waiting":
            self.t = max(self.t, self.now - timedelta(days=1))
        shared = list(self.case.documents.filter(shared_with_member=True)[:1])
        question = {"answered": "ask_department", "link": "ask_department_link"}.get(how, "ask_department_open")
        request = self._service(
            request_ask,
            after=0.3,
            user=self.mediator,
            department=department,
            question=self._phrase(question),
            documents=shared,
        )
        if how == "answered":
            when = self._later(self.rng.uniform(1, 2.5))
            self._at(
                when,
                request_answer,
                request=request,
                user=self.users["bart"],
                body=self._phrase("department_answer"),
                files=[SimpleUploadedFile("avoir-credit.pdf", PDF_BYTES, content_type="application/pdf")],
            )
        elif how == "link":
            # The finance department opens the link from its shared address's e-mail, then answers through it.
            link = request.links.get()
            self._at(self._later(self.rng.uniform(0.5, 1)), share_link_use_record, link=link, action="view", ip=DEMO_IP)
            self._at(
                self._later(0.1),
                share_link_answer,
                link=link,
                body=self._phrase("department_link_answer"),
                files=[
                    SimpleUploadedFile(CONFIRMATION_NAMES[self.language], PDF_BYTES, content_type="application/pdf")
                ],
                ip=DEMO_IP,
            )
        elif how == "email":
            # Hélène answers from her mail program: the reply comes in through the mailbox, like any e-mail.
            helene = self.users["helene"]
            asked = RequestEmail.objects.get(request=request, purpose="asked", email__recipient=helene).email
            when = self._later(self.rng.uniform(1, 2))
            self._at(when, self._mail_in, raw=self._reply(asked, sender=helene, when=when))
        elif how == "overdue":
            # The worker's check ran each day since: the liaisons were reminded, then told, then the head.
            for days in range(1, 15):
                day = self._office_hours((request.asked_at + timedelta(days=days)).astimezone(self.tz))
                if day >= self.limit:
                    break
                self._at(day, request_notices_send, today=day.date())
        self.case.refresh_from_db()

    def _reply(self, email, *, sender: User, when: datetime) -> bytes:
        """A liaison's reply to an e-mail Accord sent, as their mail program writes it: threaded, the e-mail
        quoted below, the payslips' history attached."""
        message = EmailMessage()
        message["From"] = formataddr((sender.get_full_name(), sender.email))
        message["To"] = settings.ACCORD_FROM_EMAIL
        message["Subject"] = f"RE: {email.subject}"
        message["Date"] = format_datetime(when)
        message["Message-ID"] = make_msgid(domain="coop.example.org")
        message["In-Reply-To"] = email.message_id
        message["References"] = email.message_id
        quoted = "\n".join(f"> {line}" if line else ">" for line in email.body_text.strip().splitlines())
        with override(self.language):
            written = date_format(email.created_at.astimezone(self.tz), "DATETIME_FORMAT")
        attribution = WROTE[self.language].format(date=written, sender=settings.ACCORD_FROM_EMAIL)
        message.set_content(f"{self._phrase('department_email_answer')}\n\n{attribution}\n{quoted}\n")
        message.add_attachment(PDF_BYTES, maintype="application", subtype="pdf", filename=PAYSLIPS_NAMES[self.language])
        return message.as_bytes()

    def _mail_in(self, *, raw: bytes):
        return inbound_email_receive(raw=raw, source="demo", arrived_at=timezone.now())

    def _other_mediator(self) -> User:
        return self.users["pierre" if self.mediator.username == "maya" else "maya"]

    # -- everything ------------------------------------------------------------------------------

    def run(self) -> int:
        plans = _plans()
        self.rng.shuffle(plans)
        channels = list(CHANNEL_WEIGHTS)
        for i, plan in enumerate(plans):
            # Every channel at least once, then as often as they come in real life.
            plan.channel = (
                channels[i]
                if i < len(channels)
                else self.rng.choices(channels, weights=list(CHANNEL_WEIGHTS.values()))[0]
            )
            if not plan.language:
                plan.language = self.rng.choices(["fr", "nl", "en"], weights=[50, 35, 15])[0]
        # Oldest first, so that references follow the order complaints came in.
        ages = [self.rng.uniform(*plan.age) for plan in plans]
        for plan, age in sorted(zip(plans, ages, strict=True), key=lambda pair: -pair[1]):
            plan.age = (age, age)
            self.tell(plan)
        self.absences()
        self.links()
        from accord.demo.mediation import mediations_load

        mediations_load(users=self.users, now=self.limit)
        self.dysfunctions()
        return len(plans)

    def absences(self):
        """Days away configured in the admin: Pierre's last holiday, and Maya's next one."""
        today = self.now.astimezone(self.tz).date()
        MediatorAbsence.objects.create(
            mediator=self.users["pierre"], start=today - timedelta(days=60), end=today - timedelta(days=50)
        )
        MediatorAbsence.objects.create(
            mediator=self.users["maya"], start=today + timedelta(days=40), end=today + timedelta(days=54)
        )

    def _link(self, first: Case, second: Case, kind: str, note: str = ""):
        """`first` linked to `second` by the mediator of the later of the two, soon after it came."""
        later = max(first, second, key=lambda c: c.created_at)
        when = min(self._office_hours(later.created_at + timedelta(hours=20)), self.limit - timedelta(minutes=5))
        candidates = [later.assigned_to, first.assigned_to, self.users["maya"], self.users["pierre"]]
        mediator = next(m for m in candidates if m and can_work_case(m, first) and can_work_case(m, second))
        self._at(
            when,
            caselinks.case_link_add,
            case=first,
            user=mediator,
            other_reference=second.reference,
            kind=kind,
            note=note,
        )

    def links(self):
        """Cases a mediator linked: the same systemic problem across members, a member's related cases, and one
        complaint sent twice."""
        billing, people = [], set()
        for case in Case.objects.filter(category__code="invoicing").order_by("-received_at"):
            if case.person_id not in people and len(billing) < 3:
                billing.append(case)
                people.add(case.person_id)
        billing.reverse()
        if len(billing) == 3:
            note = PHRASES[billing[0].language]["systemic"]
            self._link(billing[1], billing[0], LinkKind.SYSTEMIC, note)
            self._link(billing[2], billing[0], LinkKind.SYSTEMIC, note)
        for person_cases in (list(p.cases.order_by("received_at")) for p in self._people_with_cases()):
            if len(person_cases) >= 2:
                self._link(person_cases[-1], person_cases[-2], LinkKind.RELATED)
                break
        original = (
            Case.objects.filter(
                status__in=OPEN_STATUSES, person__email__gt="", received_at__lt=self.limit - timedelta(hours=4)
            )
            .order_by("-received_at")
            .first()
        )
        if original is not None:
            self.language = original.language
            when = min(original.received_at + timedelta(hours=3), self.limit - timedelta(minutes=20))
            twice = self._at(
                when,
                services.complaint_receive,
                complainant={
                    "name": original.person.name,
                    "email": original.person.email,
                    "language": original.language,
                },
                channel=Channel.EMAIL,
                subject=original.subject,
                description=original.description,
                language=original.language,
                office=original.office,
                received_at=when,
                recorded_by=self.users["maya"],
            )
            self._link(twice, original, LinkKind.DUPLICATE, self._phrase("duplicate"))

    def dysfunctions(self):
        """A dysfunction in each state, each on a case of its department's field that was answered or closed
        before it was recorded (a dysfunction often shows once the case is answered): recorded by the case's
        mediator, answered by the department's liaison (Bart for billing, Hélène for HR payroll), one closed."""
        liaisons = {"billing-service": self.users["bart"], "hr-payroll": self.users["helene"]}
        used: set[int] = set()
        for index, state in enumerate(DYSFUNCTION_DAYS):
            days = DYSFUNCTION_DAYS[state]
            recorded_at = self._office_hours(self.now - timedelta(days=days[0]))
            recorded_at = min(recorded_at, self.limit - timedelta(minutes=10))
            case = (
                Case.objects.filter(
                    status__in=["answered", "closed"] if state != DysfunctionState.RECORDED else ["investigating"],
                    category__code=DYSFUNCTIONS["fr"][index]["cat"],
                    updated_at__lt=recorded_at - timedelta(days=1),
                )
                .exclude(pk__in=used)
                .order_by("-updated_at")
                .first()
            ) or (
                Case.objects.filter(updated_at__lt=recorded_at - timedelta(days=1))
                .exclude(pk__in=used)
                .order_by("-updated_at")
                .first()
            )
            if case is None:
                continue
            used.add(case.pk)
            words = DYSFUNCTIONS[case.language][index]
            department = self.departments[words["dept"]]
            liaison = liaisons[words["dept"]]
            candidates = [case.assigned_to, self.users["maya"], self.users["pierre"]]
            mediator = next(m for m in candidates if m and can_work_case(m, case))
            dysfunction = self._at(
                recorded_at,
                dysfunction_record,
                case=case,
                user=mediator,
                department=department,
                category=self.categories.get(words["cat"]),
                title=words["title"],
                description=words["description"],
            )
            steps = {
                DysfunctionState.ACKNOWLEDGED: [("acknowledge", liaison)],
                DysfunctionState.DISPUTED: [("dispute", liaison)],
                DysfunctionState.ACTION_PLANNED: [("plan", liaison)],
                DysfunctionState.DONE: [("plan", liaison), ("done", liaison)],
                DysfunctionState.CLOSED: [("acknowledge", liaison), ("done", liaison), ("close", mediator)],
            }.get(state, [])
            for (kind, user), ago in zip(steps, days[1:], strict=True):
                when = min(self._office_hours(self.now - timedelta(days=ago)), self.limit - timedelta(minutes=5))
                planned = None
                if kind == "plan":
                    # In working days of the department's office: after the action was done (done), or still
                    # ahead today (action planned).
                    planned = deadlines.due_in_working_days(
                        start=when.astimezone(self.tz).date(),
                        working_days=15 if len(days) > 2 else 30,
                        calendar=department_calendar(department),
                    )
                dysfunction = self._at(
                    when,
                    dysfunction_step,
                    dysfunction=dysfunction,
                    user=user,
                    kind=kind,
                    text=words[kind],
                    planned_for=planned,
                )

    def _people_with_cases(self):
        from accord.people.models import Person

        return Person.objects.filter(cases__isnull=False).distinct().order_by("pk")


class Command(BaseCommand):
    help = "Load demo staff accounts and about a hundred cases (safe to re-run: loads only once)."

    def handle(self, *args, **options):
        demo_accounts = User.objects.filter(username__in=[a[0] for a in ACCOUNTS])
        if Case.objects.exists():
            if demo_accounts.filter(username="maya").exists():
                self.stdout.write("The demo is already loaded: nothing changed.")
                self._print_accounts()
            else:
                self.stderr.write("This database already holds cases that are not the demo's: nothing loaded.")
            return
        if not Category.objects.exists() or not Department.objects.exists():
            self.stderr.write("No categories or departments: run `manage.py migrate` first.")
            return
        now = timezone.now()
        started = datetime.now()
        # Demo e-mails stay in the outbox, whatever the mail settings say.
        with override_settings(EMAIL_HOST=""):
            self._accounts(now - timedelta(days=HISTORY_DAYS + 30))
            # The directory first: a demo mediation brings one of its mediators in.
            with override("en"):
                mediators = directory_load(today=timezone.localdate(now))
            count = Demo(stdout=self.stdout, now=now).run()
        seconds = (datetime.now() - started).total_seconds()
        self.stdout.write(
            self.style.SUCCESS(f"Loaded {count} demo cases and {mediators} professional mediators in {seconds:.0f} s.")
        )
        self._print_accounts()

    def _accounts(self, joined: datetime):
        with time_machine.travel(joined, tick=False):
            for username, first, last, role, language, password, extra in ACCOUNTS:
                user, created = User.objects.get_or_create(
                    username=username,
                    defaults={
                        "first_name": first,
                        "last_name": last,
                        "role": role,
                        "language": language,
                        "email": f"{username}@accord.example.org",
                        "date_joined": timezone.now(),
                        **extra,
                    },
                )
                if created:
                    user.set_password(password)
                    user.save(update_fields=["password"])
            offices = {office.code: office for office in Office.objects.all()}
            for code, (mailbox, office, language, liaisons) in DEPARTMENT_CONTACTS.items():
                department = Department.objects.filter(code=code).first()
                if department is None:
                    continue
                DepartmentContact.objects.get_or_create(
                    department=department,
                    defaults={
                        "shared_email": f"{mailbox}@coop.example.org",
                        "head_email": f"direction.{mailbox}@coop.example.org",
                        "office": offices.get(office),
                        "language": language,
                    },
                )
                for username in liaisons:
                    Liaison.objects.get_or_create(user=User.objects.get(username=username), department=department)

    def _print_accounts(self):
        with override("fr"):
            url = f"{settings.ACCORD_BASE_URL}{reverse('cases:queue')}"
        self.stdout.write("")
        self.stdout.write("Demo accounts (passwords as set when the demo was loaded):")
        with override("en"):
            for username, first, last, role, _language, password, _extra in ACCOUNTS:
                self.stdout.write(f"  {username:<8} {password:<18} {first} {last} ({role.label})")
        self.stdout.write(
            "Liaisons: bart answers for the billing service, helene for HR and payroll; each sees only what was "
            "addressed to their department (requests and dysfunctions), on their own page after logging in."
        )
        if settings.ACCORD_2FA_REQUIRED:
            self.stdout.write(
                "Mediators, administrators and liaisons set up two-factor authentication (an authenticator app) at "
                "their first login."
            )
        else:
            self.stdout.write(
                "Two-factor authentication is not required in this demo (ACCORD_2FA_REQUIRED=0, refused in "
                "production): the passwords above are enough. Anyone may still set it up on the Security page."
            )
        self.stdout.write(f"Open {url} and log in.")
