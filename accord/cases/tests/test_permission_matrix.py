"""The permission matrix: every named URL of Accord × every role, with the status each must get.

The URLs are walked from the URLconf (`config.urls`), so a new view fails this test until its rule
is added to RULES below: that is the point. Each cell runs on a fresh database, through the real
middleware, session and (for the API) token-less session authentication of a signed-in user.

Roles: anonymous (no account, no link: a member link is a forged one), the member (no account, the
case's real link), the intake counsellor who recorded the case, another intake counsellor, a
mediator, a mediator who declared a conflict on the case, the administrator, the liaison of the department
the case's request was sent to (accord/departments) and a liaison of another department. Unless a rule says
otherwise, both liaisons get what the administrator gets (no case, no person). Staff holding the
member's real link are refused it (403): the link is the member's alone.

Besides the status, no answer to anyone but the member ever holds the member's link (the one it had, or
the one it has after the request) or the case's reply address (permissions.py and links.secrets_mask).
The one exception is MEMBER_LINK_SHOWN: the acknowledgement letter to post, a PDF made by an explicit staff
POST that renews the link (services.acknowledgement_letter_print); there the PDF's text must hold the new
link, and only the new one, for the roles it answers 200.

The department's link (accord/departments/sharing.py) is ruled the same way: in the "member" column for its
URLs is a visitor without an account holding the department's real link, anonymous has a forged one, staff
holding the real one are refused it (403). No answer to anyone else holds any department link of the case.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from accord.cases.links import case_reply_address, member_token
from accord.cases.models import Case, Document
from accord.cases.permissions import Actor
from accord.cases.services import conflict_declare
from accord.cases.workflow import case_transition
from accord.conftest import pdf_upload
from accord.mailbox.models import InboundEmail
from accord.mailbox.services import inbound_email_receive
from accord.mailbox.tests import mails
from accord.testing.pdf import pdf_text, require_pdf

ROLES = (
    "anonymous",
    "member",
    "intake_recorder",
    "intake_other",
    "mediator",
    "mediator_conflicted",
    "administrator",
    "liaison",
    "liaison_other",
)
# The namespaces and URLs the matrix does not cover, and why.
NOT_COVERED = {
    "admin": "Django's admin: configuration only, its own role and second-factor checks (accounts/tests/test_admin.py)",
}
NOT_COVERED_NAMES = {
    "healthz": "no case, no person, the same for everyone; it takes SQLite's write lock, which each cell's test "
    "transaction holds, so it is tested with real locks in core/tests/test_healthz.py",
}


def walk(patterns=None, namespace=""):
    """Every named URL in the URLconf, as 'namespace:name'."""
    found = set()
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace in NOT_COVERED:
                continue
            found |= walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name and entry.name not in NOT_COVERED_NAMES:
            found.add(f"{namespace}{entry.name}")
    return found


@dataclass
class World:
    case: Case
    token: str
    document: Document
    email_id: int
    inbound_id: int
    request_id: int
    dysfunction_id: int
    link_id: int
    mediation_id: int
    participant_id: int
    meeting_id: int
    agreement_id: int
    undertaking_id: int
    choice_id: int
    external_id: int
    external_link_id: int
    held_reply_id: int
    handover_id: int
    handover_link_id: int


@pytest.fixture
def world(make_case, marie, ilse, maya, pierre, bruno, anna, finance):
    case = make_case(marie, channel="phone", recorded_by=ilse, attachments=[pdf_upload("releve.pdf")])
    case = case_transition(case=case, name="acknowledge", actor=Actor.for_user(maya))
    ack = case.emails.get(template="acknowledgement")
    inbound = inbound_email_receive(raw=mails.gmail_reply(ack=ack)).inbound
    from accord.accounts.models import Role
    from accord.cases.models import Department
    from accord.conftest import _staff
    from accord.departments.models import DepartmentContact, Liaison
    from accord.departments.services import request_ask

    document = Document.objects.get(case=case, original_name="releve.pdf")
    # No liaison yet when asked: the department's shared address gets its link (departments/sharing.py).
    DepartmentContact.objects.create(department=finance, shared_email="facturation@coop.test")
    request = request_ask(case=case, user=maya, department=finance, question="La facture ?", documents=[document])
    # A reply to the link's e-mail from an address that is not the department's: held for the mediator.
    link_email = request.emails.get(purpose="asked").email
    held = inbound_email_receive(
        raw=mails.outlook_thread_reply(
            message_id=link_email.message_id,
            subject=link_email.subject,
            quoted_text=link_email.body_text,
            sender="someone@example.net",
        )
    ).inbound
    # Handed over to the same department, still without liaisons: its link too (departments/handover.py).
    from accord.departments.handover import handover_start

    handover = handover_start(
        case=case,
        user=maya,
        department=finance,
        consent="phone",
        consent_note="D’accord au téléphone.",
        reason="La facturation peut corriger la facture.",
        documents=[document],
    )
    Liaison.objects.create(user=_staff("bart", "Bart", "Claes", Role.LIAISON), department=finance)
    hr = Department.objects.create(code="hr", name_fr="RH", name_nl="HR", name_en="HR")
    Liaison.objects.create(user=_staff("helena", "Helena", "Roos", Role.LIAISON), department=hr)
    from accord.departments.dysfunctions import dysfunction_record

    dysfunction = dysfunction_record(
        case=case, user=pierre, department=finance, title="Factures doublées", description="Deux factures."
    )
    conflict_declare(case=case, user=maya, reason="Marie Lambert est ma belle-sœur.")
    case = Case.objects.get(pk=case.pk)
    # A mediation proposed to the member and the finance department (its liaison: bart).
    from django.utils import timezone

    from accord.cases.models import PartyKind
    from accord.cases.parties import party_complainant, party_department_ensure
    from accord.mediation.models import Mediation, Participant

    party_department_ensure(case=case, department=finance, user=pierre, at=timezone.now(), why="classification")
    # Under way (both accepted), its agreement proposed with one undertaking of the finance department.
    mediation = Mediation.objects.create(
        case=case, purpose="Trouver ensemble un échéancier.", proposed_by=pierre, state="under_way"
    )
    Participant.objects.create(mediation=mediation, party=party_complainant(case), answer="accepted")
    participant = Participant.objects.create(
        mediation=mediation, party=case.parties.get(kind=PartyKind.DEPARTMENT, department=finance), answer="accepted"
    )
    from accord.mediation.models import Agreement, Undertaking

    agreement = Agreement.objects.create(
        mediation=mediation, summary="Un échéancier.", drafted_by=pierre, state="proposed"
    )
    from accord.mediation.models import Mediator, MediatorChoice

    listed = Mediator.objects.create(
        first_name="Els",
        last_name="Janssens",
        accreditation_body="be_fmc",
        accreditation_number="FMC-00001",
        type_civil_commercial=True,
        speaks_fr=True,
        language="fr",
        email="els@example.org",
        hourly_rate=120,
        vat_rate=21,
    )
    choice = MediatorChoice.objects.create(mediation=mediation, mediator=listed)
    from accord.mediation.external import external_bring_in

    brought = external_bring_in(
        mediation=mediation, user=pierre, mediator=listed, role="co", consent_note="Par téléphone."
    )
    undertaking = Undertaking.objects.create(
        agreement=agreement, party=participant.party, text="Payer.", due_date=timezone.localdate()
    )
    from datetime import timedelta

    from accord.mediation.models import Meeting

    meeting = Meeting.objects.create(
        mediation=mediation,
        kind="orientation",
        mode="phone",
        starts_at=timezone.now() + timedelta(days=2),
        uid="matrix-meeting@accord.test",
        created_by=pierre,
    )
    return World(
        case=case,
        token=member_token(case),
        document=document,
        email_id=ack.pk,
        inbound_id=InboundEmail.objects.get(pk=inbound.pk).pk,
        request_id=request.pk,
        dysfunction_id=dysfunction.pk,
        link_id=request.links.get().pk,
        mediation_id=mediation.pk,
        participant_id=participant.pk,
        meeting_id=meeting.pk,
        agreement_id=agreement.pk,
        undertaking_id=undertaking.pk,
        choice_id=choice.pk,
        external_id=brought.pk,
        external_link_id=brought.link_id,
        held_reply_id=request.held_replies.get(inbound_id=held.pk).pk,
        handover_id=handover.pk,
        handover_link_id=handover.links.get().pk,
    )


@dataclass(frozen=True)
class Rule:
    method: str
    kwargs: Callable[[World, str], dict]
    expected: dict  # role -> status
    data: dict | None = None


def none(world, role):
    return {}


def ref(world, role):
    return {"reference": world.case.reference}


def req(world, role):
    return {"request_id": world.request_id}


def dysf(world, role):
    return {"dysfunction_id": world.dysfunction_id}


def med(world, role):
    return {"mediation_id": world.mediation_id}


def agr(world, role):
    return {"agreement_id": world.agreement_id}


def und(world, role):
    return {"undertaking_id": world.undertaking_id}


def part(world, role):
    return {"participant_id": world.participant_id}


def meet(world, role):
    return {"meeting_id": world.meeting_id}


def token(world, role):
    # Anonymous visitors have no link (a forged one); everyone else holds the member's real link.
    return {"token": f"{world.case.pk}-1-{'0' * 40}" if role == "anonymous" else world.token}


def share_link_tokens(world) -> list[str]:
    """The tokens of every department link of the case (a request may have sent a new one)."""
    from accord.departments.models import ShareLink
    from accord.departments.sharing import share_token

    return [share_token(link) for link in ShareLink.objects.filter(case_id=world.case.pk)]


def hand(world, role):
    return {"handover_id": world.handover_id}


def handover_token(world, role):
    # The hand-over's link, like the department's (department_token): forged for anonymous, real for the others.
    from accord.departments.models import ShareLink
    from accord.departments.sharing import share_token

    link = ShareLink.objects.get(pk=world.handover_link_id)
    if role == "anonymous":
        return {"token": f"{link.pk}-{int(link.expires_at.timestamp())}-{'0' * 40}"}
    return {"token": share_token(link)}


def department_token(world, role):
    # The department's link (departments/sharing.py): anonymous visitors have a forged one; in the "member"
    # column, a visitor without an account who holds the department's real link (the shared address); staff
    # hold the real link too, and are refused it.
    from accord.departments.models import ShareLink
    from accord.departments.sharing import share_token

    link = ShareLink.objects.get(pk=world.link_id)
    if role == "anonymous":
        return {"token": f"{link.pk}-{int(link.expires_at.timestamp())}-{'0' * 40}"}
    return {"token": share_token(link)}


def external_token(world, role):
    from accord.departments.models import ShareLink
    from accord.departments.sharing import share_token

    link = ShareLink.objects.get(pk=world.external_link_id)
    if role == "anonymous":
        return {"token": f"{link.pk}-{int(link.expires_at.timestamp())}-{'0' * 40}"}
    return {"token": share_token(link)}


def statuses(
    anonymous,
    member,
    intake_recorder,
    intake_other,
    mediator,
    mediator_conflicted,
    administrator,
    *,
    liaison=None,
    liaison_other=None,
):
    liaison = administrator if liaison is None else liaison
    liaison_other = liaison if liaison_other is None else liaison_other
    values = (anonymous, member, intake_recorder, intake_other, mediator, mediator_conflicted, administrator)
    return dict(zip(ROLES, (*values, liaison, liaison_other), strict=True))


LOGIN = 302  # to the login page
# A case URL: the recorder sees the summary and is refused the rest; whoever may not see the case
# at all gets 404, as for a case that does not exist.
CASE_ACTION = dict(
    anonymous=LOGIN, member=LOGIN, intake_recorder=403, intake_other=404, mediator_conflicted=404, administrator=404
)


def case_action(mediator):
    return statuses(**CASE_ACTION, mediator=mediator)


RULES = {
    # --- Staff pages --------------------------------------------------------------------
    # A liaison's home is their requests (settings.ACCORD_ROLE_HOME).
    "cases:queue": Rule("get", none, statuses(LOGIN, LOGIN, 200, 200, 200, 200, 200, liaison=302)),
    "cases:intake": Rule("get", none, statuses(LOGIN, LOGIN, 200, 200, 200, 200, 403)),
    "cases:detail": Rule("get", ref, statuses(LOGIN, LOGIN, 200, 404, 200, 404, 404)),
    "cases:document": Rule("get", lambda w, r: {**ref(w, r), "document_id": w.document.pk}, case_action(mediator=200)),
    # A step posted without what it needs: the form says so (400), so the mediator got through.
    "cases:step": Rule("post", lambda w, r: {**ref(w, r), "name": "investigate"}, case_action(mediator=400)),
    "cases:message": Rule("post", ref, case_action(mediator=400)),  # an empty message: the form says so
    "cases:note": Rule("post", ref, case_action(mediator=400)),
    "cases:assign": Rule("post", ref, case_action(mediator=302)),  # no mediator: unassigned
    "cases:classify": Rule("post", ref, case_action(mediator=302)),
    "cases:office": Rule("post", ref, case_action(mediator=302), data={"office": "metz"}),
    "cases:extend": Rule("post", ref, case_action(mediator=400)),
    "cases:file_complete": Rule("post", ref, case_action(mediator=400)),  # no date: the form says so
    "cases:wait_longer": Rule("post", ref, case_action(mediator=400)),
    "cases:compliance": Rule("post", ref, case_action(mediator=400)),  # no choice: the form says so
    "cases:link": Rule("post", ref, case_action(mediator=302)),
    # The acknowledgement letter (a PDF with a fresh private link): the recorder prints it too. See MEMBER_LINK_SHOWN.
    "cases:letter": Rule("post", ref, statuses(LOGIN, LOGIN, 200, 404, 200, 404, 404)),
    "cases:conflict": Rule("post", ref, case_action(mediator=400)),
    # Identity claims and contact details: posted without their confirmation, the form says so (400).
    "cases:claim_same": Rule("post", lambda w, r: {**ref(w, r), "claim_id": 0}, case_action(mediator=400)),
    "cases:claim_dismiss": Rule("post", lambda w, r: {**ref(w, r), "claim_id": 0}, case_action(mediator=400)),
    "cases:person_details": Rule("post", ref, case_action(mediator=400)),
    # --- Departments (accord/departments): the liaison of the department asked sees its request alone ---
    "departments:home": Rule("get", none, statuses(LOGIN, LOGIN, 404, 404, 404, 404, 404, liaison=200)),
    "departments:request": Rule(
        "get", req, statuses(LOGIN, LOGIN, 404, 404, 200, 404, 404, liaison=200, liaison_other=404)
    ),
    # Answered empty: the form says so (400), so the liaison got through; a mediator does not answer for it.
    "departments:request_answer": Rule(
        "post", req, statuses(LOGIN, LOGIN, 404, 404, 404, 404, 404, liaison=400, liaison_other=404)
    ),
    "departments:request_withdraw": Rule("post", req, statuses(LOGIN, LOGIN, 404, 404, 302, 404, 404)),
    "departments:request_document": Rule(
        "get",
        lambda w, r: {**req(w, r), "document_id": w.document.pk},
        statuses(LOGIN, LOGIN, 404, 404, 200, 404, 404, liaison=200, liaison_other=404),
    ),
    "departments:request_ask": Rule("post", ref, case_action(mediator=400)),
    # A reply by e-mail held for the mediator (departments/mail.py): the case's mediators decide; posted
    # without a decision, the page says so (302 back to the case). A liaison never sees held replies.
    "departments:held_reply_decide": Rule(
        "post",
        lambda w, r: {**req(w, r), "reply_id": w.held_reply_id},
        statuses(LOGIN, LOGIN, 404, 404, 302, 404, 404),
    ),
    # Dysfunctions: the liaisons of the department it is addressed to respond; the mediators record and close.
    "departments:dysfunction_record": Rule("post", ref, case_action(mediator=400)),  # an empty form
    "departments:dysfunctions": Rule(
        "get", none, statuses(LOGIN, LOGIN, 404, 404, 200, 200, 404, liaison=200, liaison_other=200)
    ),
    "departments:dysfunction": Rule(
        "get", dysf, statuses(LOGIN, LOGIN, 404, 404, 200, 404, 404, liaison=200, liaison_other=404)
    ),
    # The department's step: its liaison takes it; a mediator sees the dysfunction but may not respond for it.
    "departments:dysfunction_step": Rule(
        "post",
        lambda w, r: {**dysf(w, r), "kind": "acknowledge"},
        statuses(LOGIN, LOGIN, 404, 404, 403, 404, 404, liaison=302, liaison_other=404),
    ),
    # The department's link, sent again or revoked from the request's card: the case's mediators only.
    "departments:request_link_send": Rule("post", req, statuses(LOGIN, LOGIN, 404, 404, 302, 404, 404)),
    "departments:request_link_revoke": Rule(
        "post", lambda w, r: {**req(w, r), "link_id": w.link_id}, statuses(LOGIN, LOGIN, 404, 404, 302, 404, 404)
    ),
    # The department's link itself (no login): its holder only; staff are refused it (403) like the member's link.
    "department_link:page": Rule("get", department_token, statuses(404, 200, 403, 403, 403, 403, 403, liaison=403)),
    "department_link:answer": Rule(  # answered empty: the form says so (400)
        "post", department_token, statuses(404, 400, 403, 403, 403, 403, 403, liaison=403)
    ),
    "department_link:document": Rule(
        "get",
        lambda w, r: {**department_token(w, r), "document_id": w.document.pk},
        statuses(404, 200, 403, 403, 403, 403, 403, liaison=403),
    ),
    # The hand-over (departments/handover.py): the liaison of the department it went to sees it and acts on it
    # (the others 404); its mediators hand over, see what the department sees, take it back.
    "departments:handovers": Rule("get", none, statuses(LOGIN, LOGIN, 404, 404, 404, 404, 404, liaison=200)),
    "departments:handover": Rule(
        "get", hand, statuses(LOGIN, LOGIN, 404, 404, 200, 404, 404, liaison=200, liaison_other=404)
    ),
    # Settled empty: the form says so (400), so the liaison got through; a mediator does not answer for it.
    "departments:handover_step": Rule(
        "post",
        lambda w, r: {**hand(w, r), "kind": "settle"},
        statuses(LOGIN, LOGIN, 404, 404, 404, 404, 404, liaison=400, liaison_other=404),
    ),
    "departments:handover_document": Rule(
        "get",
        lambda w, r: {**hand(w, r), "document_id": w.document.pk},
        statuses(LOGIN, LOGIN, 404, 404, 200, 404, 404, liaison=200, liaison_other=404),
    ),
    "departments:handover_take_back": Rule("post", hand, statuses(LOGIN, LOGIN, 404, 404, 400, 404, 404)),
    "departments:handover_start": Rule("post", ref, case_action(mediator=400)),
    # The hand-over through the department's link (no login): its holder only; staff are refused it (403).
    "handover_link:page": Rule("get", handover_token, statuses(404, 200, 403, 403, 403, 403, 403, liaison=403)),
    "handover_link:step": Rule(  # settled empty: the form says so (400)
        "post",
        lambda w, r: {**handover_token(w, r), "kind": "settle"},
        statuses(404, 400, 403, 403, 403, 403, 403, liaison=403),
    ),
    "handover_link:document": Rule(
        "get",
        lambda w, r: {**handover_token(w, r), "document_id": w.document.pk},
        statuses(404, 200, 403, 403, 403, 403, 403, liaison=403),
    ),
    # --- Mediation (accord/mediation): the framing aid is a mediator's tool, about no case ------------
    "mediation:framing": Rule("get", none, statuses(LOGIN, LOGIN, 403, 403, 200, 200, 403)),
    # The mediation path: the case's mediators (pierre holds the case since maya's conflict) propose, record
    # answers, close and write the confidential notes (posted empty: the form says so, 400); everyone else 404.
    "mediation:propose": Rule("post", ref, case_action(mediator=400)),
    "mediation:answer_record": Rule("post", med, statuses(LOGIN, LOGIN, 404, 404, 400, 404, 404)),
    "mediation:close": Rule("post", med, statuses(LOGIN, LOGIN, 404, 404, 400, 404, 404)),
    "mediation:note_add": Rule("post", med, statuses(LOGIN, LOGIN, 404, 404, 400, 404, 404)),
    "mediation:meeting_schedule": Rule("post", med, statuses(LOGIN, LOGIN, 404, 404, 400, 404, 404)),
    # A meeting changed, cancelled without a reason, or its attendance recorded before it starts: the form says so.
    "mediation:meeting_change": Rule("post", meet, statuses(LOGIN, LOGIN, 404, 404, 400, 404, 404)),
    "mediation:meeting_cancel": Rule("post", meet, statuses(LOGIN, LOGIN, 404, 404, 400, 404, 404)),
    "mediation:meeting_attendance": Rule("post", meet, statuses(LOGIN, LOGIN, 404, 404, 400, 404, 404)),
    # The agreement: drafted (posted empty: 400), proposed again or an undertaking marked done while the agreement
    # waits for its answers (refused with a message: 302), previewed as a PDF, by the case's mediators alone.
    "mediation:agreement_save": Rule("post", med, statuses(LOGIN, LOGIN, 404, 404, 400, 404, 404)),
    "mediation:agreement_propose": Rule("post", agr, statuses(LOGIN, LOGIN, 404, 404, 302, 404, 404)),
    "mediation:agreement_record": Rule("post", agr, statuses(LOGIN, LOGIN, 404, 404, 400, 404, 404)),
    "mediation:agreement_preview": Rule("get", agr, statuses(LOGIN, LOGIN, 404, 404, 200, 404, 404)),
    "mediation:undertaking_done": Rule("post", und, statuses(LOGIN, LOGIN, 404, 404, 302, 404, 404)),
    # The department's part of the agreement: its liaison answers (empty: 400) and says its undertaking is done.
    "mediation:liaison_agreement": Rule(
        "post", part, statuses(LOGIN, LOGIN, 404, 404, 404, 404, 404, liaison=400, liaison_other=404)
    ),
    # No PDF until every party has accepted: nobody gets one yet (the 200 is in mediation/tests/test_agreements.py).
    "mediation:liaison_agreement_pdf": Rule(
        "get", part, statuses(LOGIN, LOGIN, 404, 404, 404, 404, 404, liaison=404, liaison_other=404)
    ),
    "mediation:liaison_undertaking_done": Rule(
        "post",
        lambda w, r: {**part(w, r), "undertaking_id": w.undertaking_id},
        statuses(LOGIN, LOGIN, 404, 404, 404, 404, 404, liaison=302, liaison_other=404),
    ),
    # The member's choice of a professional mediator: the case's mediators answer it (empty: 400).
    "mediation:choice_answer": Rule(
        "post", lambda w, r: {"choice_id": w.choice_id}, statuses(LOGIN, LOGIN, 404, 404, 400, 404, 404)
    ),
    "mediation_member:choose": Rule("post", token, statuses(404, 400, 403, 403, 403, 403, 403)),
    # A professional mediator brought in (posted empty: 400), their link renewed or their part ended (302).
    "mediation:external_add": Rule("post", med, statuses(LOGIN, LOGIN, 404, 404, 400, 404, 404)),
    "mediation:external_renew": Rule(
        "post", lambda w, r: {"external_id": w.external_id}, statuses(LOGIN, LOGIN, 404, 404, 302, 404, 404)
    ),
    "mediation:external_end": Rule(
        "post", lambda w, r: {"external_id": w.external_id}, statuses(LOGIN, LOGIN, 404, 404, 302, 404, 404)
    ),
    # The protocol exists only when a professional mediator leads (the world's is co-mediator): nobody gets it here;
    # the party's acceptance and download are tested in mediation/tests/test_external.py.
    "mediation:liaison_protocol": Rule(
        "post", part, statuses(LOGIN, LOGIN, 404, 404, 404, 404, 404, liaison=404, liaison_other=404)
    ),
    "mediation:liaison_protocol_pdf": Rule(
        "get", part, statuses(LOGIN, LOGIN, 404, 404, 404, 404, 404, liaison=404, liaison_other=404)
    ),
    "mediation_member:protocol": Rule("post", token, statuses(404, 404, 403, 403, 403, 403, 403)),
    # Their link (no login): in the "member" column, its holder; anonymous a forged one; staff are refused it.
    "mediator_link:page": Rule("get", external_token, statuses(404, 200, 403, 403, 403, 403, 403, liaison=403)),
    # The member answers the agreement (empty: 400); the department's undertaking is not theirs to mark (404).
    "mediation_member:agreement": Rule("post", token, statuses(404, 400, 403, 403, 403, 403, 403)),
    "mediation_member:undertaking_done": Rule(
        "post",
        lambda w, r: {**token(w, r), "undertaking_id": w.undertaking_id},
        statuses(404, 404, 403, 403, 403, 403, 403),
    ),
    # A liaison sees the proposals made to their department and answers for it; nobody else.
    "mediation:liaison_list": Rule(
        "get", none, statuses(LOGIN, LOGIN, 404, 404, 404, 404, 404, liaison=200, liaison_other=200)
    ),
    "mediation:liaison": Rule(
        "get",
        part,
        statuses(LOGIN, LOGIN, 404, 404, 404, 404, 404, liaison=200, liaison_other=404),
    ),
    # The member answers on their private link (posted empty: the form says so).
    "mediation_member:answer": Rule("post", token, statuses(404, 400, 403, 403, 403, 403, 403)),
    # The directory of professional mediators: the mediators call on them, the administrators keep it (read here,
    # kept in the admin); intake staff and liaisons neither refer nor mediate. About no case: a conflict changes
    # nothing.
    "mediation:directory": Rule("get", none, statuses(LOGIN, LOGIN, 403, 403, 200, 200, 200, liaison=403)),
    # Parties, links between cases and co-mediators: posted empty (or naming none), the form says so (400).
    "cases:party_add": Rule("post", ref, case_action(mediator=400)),
    "cases:party_end": Rule("post", lambda w, r: {**ref(w, r), "party_id": 0}, case_action(mediator=400)),
    "cases:caselink_add": Rule("post", ref, case_action(mediator=400)),
    "cases:caselink_end": Rule("post", lambda w, r: {**ref(w, r), "link_id": 0}, case_action(mediator=400)),
    "cases:comediator_add": Rule("post", ref, case_action(mediator=400)),
    "cases:comediator_end": Rule("post", lambda w, r: {**ref(w, r), "mediator_id": 0}, case_action(mediator=400)),
    # --- Outbox and mailbox: mediators only; an e-mail of a case one may not see is absent -------
    "notifications:outbox": Rule("get", none, statuses(LOGIN, LOGIN, 403, 403, 200, 200, 403)),
    "notifications:email": Rule(
        "get", lambda w, r: {"email_id": w.email_id}, statuses(LOGIN, LOGIN, 404, 404, 200, 404, 404)
    ),
    "mailbox:list": Rule("get", none, statuses(LOGIN, LOGIN, 403, 403, 200, 200, 403)),
    "mailbox:raw": Rule(
        "get", lambda w, r: {"inbound_id": w.inbound_id}, statuses(LOGIN, LOGIN, 404, 404, 200, 404, 404)
    ),
    "mailbox:retry": Rule(
        "post", lambda w, r: {"inbound_id": w.inbound_id}, statuses(LOGIN, LOGIN, 404, 404, 302, 404, 404)
    ),
    # --- Accounts -----------------------------------------------------------------------------
    "accounts:login": Rule("get", none, statuses(200, 200, 200, 200, 200, 200, 200)),
    "accounts:logout": Rule("post", none, statuses(302, 302, 302, 302, 302, 302, 302)),
    # The second step exists only for a login half-way (password given): otherwise back to the login page.
    "accounts:verify": Rule("get", none, statuses(302, 302, 302, 302, 302, 302, 302)),
    # Intake staff signed in may set one up (offered); those who have one are sent to their security page.
    "accounts:enrol": Rule("get", none, statuses(302, 302, 200, 200, 302, 302, 302)),
    # One's own security page (second factor, recovery codes): every signed-in member of staff.
    "accounts:two_factor": Rule("get", none, statuses(LOGIN, LOGIN, 200, 200, 200, 200, 200)),
    # --- Public and member pages: the member's link is the member's alone ----------------------
    "public:home": Rule("get", none, statuses(200, 200, 200, 200, 200, 200, 200)),
    "public:complaint": Rule("get", none, statuses(200, 200, 200, 200, 200, 200, 200)),
    # Only the browser that filed a complaint sees its confirmation.
    "public:complaint_sent": Rule("get", ref, statuses(404, 404, 404, 404, 404, 404, 404)),
    "public:member_case": Rule("get", token, statuses(404, 200, 403, 403, 403, 403, 403)),
    # "Send me a new link" on an expired link: the same answer whatever happened (it confirms nothing).
    "public:member_link_request": Rule("post", token, statuses(200, 200, 403, 403, 403, 403, 403)),
    "public:member_reply": Rule("post", token, statuses(404, 400, 403, 403, 403, 403, 403)),
    "public:member_withdraw": Rule("post", token, statuses(404, 400, 403, 403, 403, 403, 403)),
    "public:member_contest": Rule("post", token, statuses(404, 400, 403, 403, 403, 403, 403)),
    "public:member_come_back": Rule("post", token, statuses(404, 400, 403, 403, 403, 403, 403)),
    # Asking for another mediator without a reason: the form says so.
    "public:member_mediator_change": Rule("post", token, statuses(404, 400, 403, 403, 403, 403, 403)),
    "public:member_document": Rule(
        "get", lambda w, r: {**token(w, r), "document_id": w.document.pk}, statuses(404, 200, 403, 403, 403, 403, 403)
    ),
    # --- API (signed-in staff through their session; tokens are tested in accord/api/tests) -----
    "api:cases": Rule("get", none, statuses(401, 401, 200, 200, 200, 200, 403)),
    "api:case": Rule("get", ref, statuses(401, 401, 200, 404, 200, 404, 403)),
    "api:schema": Rule("get", none, statuses(200, 200, 200, 200, 200, 200, 200)),
    "api:docs": Rule("get", none, statuses(200, 200, 200, 200, 200, 200, 200)),
    # --- Outside the product --------------------------------------------------------------------
    "set_language": Rule("post", none, statuses(302, 302, 302, 302, 302, 302, 302), data={"language": "nl"}),
}

# The answers to staff that hold the member's link, and why: each renews the link first (revoking the one
# the member had), on an explicit POST recorded on the timeline, and hands it over on paper for the member.
MEMBER_LINK_SHOWN = {
    "cases:letter": "the acknowledgement letter to post to a member Accord cannot e-mail (docs: Member's private link)",
}

USERS = {
    "intake_recorder": "ilse",
    "intake_other": "bruno",
    "mediator": "pierre",
    "mediator_conflicted": "maya",
    "administrator": "anna",
}
# Made by the world fixture (accounts, not fixtures).
LIAISONS = {"liaison": "bart", "liaison_other": "helena"}


def test_every_named_url_has_a_rule_for_every_role():
    missing = sorted(walk() - set(RULES))
    assert not missing, (
        f"No permission rule for {missing}: add each to RULES in {__file__} with the status every role "
        f"must get ({', '.join(ROLES)}); decide who may reach it in accord/cases/permissions.py."
    )
    stale = sorted(set(RULES) - walk())
    assert not stale, f"RULES names URLs that no longer exist: {stale}"
    for name, rule in RULES.items():
        assert set(rule.expected) == set(ROLES), f"{name}: give a status for every role"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(walk()))
def test_each_role_gets_its_status_on_each_url(client, request, world, name, role):
    rule = RULES.get(name)
    if rule is None:
        pytest.fail(f"No permission rule for the URL {name!r}: add it to RULES in {__file__}")
    if role in USERS:
        client.force_login(request.getfixturevalue(USERS[role]))
    elif role in LIAISONS:
        from accord.accounts.models import User

        client.force_login(User.objects.get(username=LIAISONS[role]))
    if name in MEMBER_LINK_SHOWN and rule.expected[role] == 200:
        require_pdf()
    with translation.override("en"):
        url = reverse(name, kwargs=rule.kwargs(world, role) or None)
    response = client.get(url) if rule.method == "get" else client.post(url, rule.data or {})
    assert response.status_code == rule.expected[role], f"{role} {rule.method.upper()} {url}"
    if response.status_code == LOGIN and rule.expected[role] == LOGIN and role in ("anonymous", "member"):
        if name.startswith(("cases:", "notifications:", "mailbox:", "departments:", "mediation:")):
            assert response["Location"].startswith("/en/accounts/login/")
    body = response.content if not getattr(response, "streaming", False) else b"".join(response.streaming_content)
    text = body.decode("utf-8", "replace")
    if role != "member":
        # The link the member had, and the one they have now (a request may have renewed it).
        current = member_token(Case.objects.get(pk=world.case.pk))
        if name in MEMBER_LINK_SHOWN and response.status_code == 200:
            letter = pdf_text(body)
            assert current in letter, f"{name}: the new link is missing from what {role} printed"
            assert current != world.token and world.token not in letter, f"{name}: the link was not renewed"
        else:
            for shown in {world.token, current}:
                assert shown.rsplit("-", 1)[1] not in text, f"{name}: the member's link shown to {role}"
        reply_signature = case_reply_address(world.case).split("@")[0].rsplit("-", 1)[1]
        assert reply_signature not in text, f"{name}: the case's reply address shown to {role}"
    if not (role == "member" and name.startswith(("department_link:", "handover_link:", "mediator_link:"))):
        # The department's link is its holder's alone: never shown to staff (masked in the outbox like the
        # member's), nor on the member's pages.
        for shown in share_link_tokens(world):
            assert shown.rsplit("-", 1)[1] not in text, f"{name}: the department's link shown to {role}"


def test_a_new_named_url_is_found_by_the_walk_and_has_no_rule_until_given_one():
    from django.urls import include, path

    def view(request):
        raise AssertionError("never called")

    patterns = [path("staff/", include(([path("new/", view, name="brand_new")], "cases")))]
    assert walk(patterns) == {"cases:brand_new"}
    assert "cases:brand_new" not in RULES
