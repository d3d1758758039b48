"""The demo's mediations (issue 9): on two admissible cases with the billing service as a party, one mediation
under way (the member and billing accepted, a first session noted in the confidential tier) and one proposed,
the member having accepted and billing not yet answered."""

from datetime import timedelta

import time_machine

from accord.cases.models import Case, Department, PartyKind, Status
from accord.cases.parties import party_department_ensure
from accord.mediation import services
from accord.mediation.models import AnswerVia, NoteKind
from accord.mediation.permissions import case_mediator_ids

PURPOSES = {
    "fr": "Trouver ensemble un calendrier de paiement qui permette au sociétaire de recevoir ses revenus à "
    "temps et au service facturation de suivre les encaissements des clients.",
    "nl": "Samen een betalingsregeling vinden waarmee de vennoot zijn inkomen op tijd ontvangt en de "
    "facturatiedienst de betalingen van klanten kan opvolgen.",
    "en": "Agree together on a payment schedule that lets the member receive their income on time and lets "
    "the billing service follow up what clients pay.",
}
SESSION_NOTES = {
    "fr": "Première rencontre : le sociétaire souhaite un interlocuteur unique ; le service propose un point "
    "mensuel. Prochaine séance dans deux semaines.",
    "nl": "Eerste gesprek: de vennoot wil één vast aanspreekpunt; de dienst stelt een maandelijks overleg voor. "
    "Volgende sessie over twee weken.",
    "en": "First meeting: the member wants a single contact person; the service offers a monthly check-in. "
    "Next session in two weeks.",
}


def _at(when, fn, **kwargs):
    with time_machine.travel(when, tick=False):
        return fn(**kwargs)


def mediations_load(*, users: dict, now) -> int:
    billing = Department.objects.filter(code="billing-service").first()
    if billing is None:
        return 0
    candidates = list(
        Case.objects.filter(
            status=Status.INVESTIGATING,
            assigned_to__isnull=False,
            person__email__gt="",
            updated_at__lt=now - timedelta(days=10),
        )
        .select_related("person", "assigned_to", "office")
        .order_by("-received_at")[:3]
    )
    made = 0
    for i, case in enumerate(candidates):
        mediator = case.assigned_to
        if mediator.pk not in case_mediator_ids(case):
            continue
        # Soon after the case's last step, so that the timeline reads in order.
        start = case.updated_at + timedelta(hours=1)
        _at(
            start,
            party_department_ensure,
            case=case,
            department=billing,
            user=mediator,
            at=start,
            why="classification",
        )
        parties = list(case.parties.filter(ended_at__isnull=True))
        mediation = _at(
            start + timedelta(minutes=10),
            services.mediation_propose,
            case=case,
            user=mediator,
            purpose=PURPOSES[case.language],
            parties=parties,
        )
        member = mediation.participants.get(party__kind=PartyKind.COMPLAINANT)
        _at(
            start + timedelta(hours=20),
            services.participant_answer,
            participant=member,
            accept=True,
            via=AnswerVia.MEMBER_PAGE,
            confidentiality=True,
        )
        if i in (0, 2):
            department = mediation.participants.get(party__department=billing)
            _at(
                start + timedelta(days=1, hours=3),
                services.participant_answer,
                participant=department,
                accept=True,
                via=AnswerVia.LIAISON,
                user=users["bart"],
                confidentiality=True,
            )
            _at(
                start + timedelta(days=2, hours=2),
                services.note_write,
                mediation=mediation,
                user=mediator,
                kind=NoteKind.SESSION,
                body=SESSION_NOTES[case.language],
            )
        if i == 0:
            # The next session, next week at the case's office: its invitations are in the outbox.
            _at(
                start + timedelta(days=2, hours=3),
                services.meeting_schedule,
                mediation=mediation,
                user=mediator,
                kind="session",
                mode="in_person",
                starts_at=(now + timedelta(days=6)).replace(hour=13, minute=30, second=0, microsecond=0),
                office=case.office,
                room="",
            )
        if i == 0:
            _bring_in(mediation, mediator=mediator, when=start + timedelta(days=2, hours=4))
        if i == 2 and _pdf_available():
            _settle(mediation, mediator=mediator, liaison=users["bart"], start=start + timedelta(days=3), now=now)
        made += 1
    return made


AGREED = {
    "fr": "Le service facturation verse au sociétaire le montant dû dans les dix jours de l'encaissement client, "
    "et lui envoie chaque mois l'état de ses factures.",
    "nl": "De facturatiedienst betaalt de vennoot het verschuldigde bedrag binnen tien dagen na de betaling van "
    "de klant, en stuurt hem elke maand de stand van zijn facturen.",
    "en": "The billing service pays the member what is due within ten days of the client's payment, and sends them "
    "the state of their invoices every month.",
}
UNDERTAKINGS = {
    "fr": ("Verser le solde de la facture de mars.", "Transmettre au service le bon de commande signé du client."),
    "nl": (
        "Het saldo van de factuur van maart storten.",
        "De ondertekende bestelbon van de klant aan de dienst bezorgen.",
    ),
    "en": ("Pay the balance of the March invoice.", "Send the service the client's signed purchase order."),
}


def _pdf_available() -> bool:
    """The agreement's PDF needs WeasyPrint and Pango (see the README): without them the demo leaves it out."""
    try:
        import weasyprint  # noqa: F401
    except OSError:
        return False
    return True


def _settle(mediation, *, mediator, liaison, start, now):
    """A mediation that met once and ended with an agreement both parties accepted; billing did its part."""
    from accord.mediation import agreements

    language = mediation.case.language
    member = mediation.participants.get(party__kind=PartyKind.COMPLAINANT)
    department = mediation.participants.exclude(pk=member.pk).get()
    meeting = _at(
        start,
        services.meeting_schedule,
        mediation=mediation,
        user=mediator,
        kind="session",
        mode="in_person",
        starts_at=(start + timedelta(days=2)).replace(hour=10, minute=0, second=0, microsecond=0),
        office=mediation.case.office,
        room="",
    )
    after = meeting.starts_at + timedelta(hours=2)
    _at(after, services.attendance_record, meeting=meeting, user=mediator, present=[member.pk, department.pk])
    pays, sends = UNDERTAKINGS[language]
    agreement = _at(
        after + timedelta(hours=1),
        agreements.agreement_draft,
        mediation=mediation,
        user=mediator,
        summary=AGREED[language],
        undertakings=[
            {"party": department.party, "text": pays, "due_date": (after + timedelta(days=4)).date()},
            {"party": member.party, "text": sends, "due_date": (now + timedelta(days=12)).date()},
        ],
    )
    _at(after + timedelta(hours=2), agreements.agreement_propose, agreement=agreement, user=mediator)
    _at(
        after + timedelta(hours=20),
        agreements.agreement_answer,
        agreement=agreement,
        participant=member,
        accept=True,
        via=AnswerVia.MEMBER_PAGE,
    )
    _at(
        after + timedelta(days=1, hours=2),
        agreements.agreement_answer,
        agreement=agreement,
        participant=department,
        accept=True,
        via=AnswerVia.LIAISON,
        user=liaison,
    )
    paid = agreement.undertakings.get(party=department.party)
    _at(after + timedelta(days=3), agreements.undertaking_done, undertaking=paid, via="liaison", user=liaison)


CONSENT = {
    "fr": "Accord du sociétaire donné par téléphone, après lui avoir présenté la médiatrice.",
    "nl": "Toestemming van de vennoot telefonisch gegeven, na de voorstelling van de bemiddelaar.",
    "en": "The member agreed by phone, once the mediator had been introduced to them.",
}
EXTERNAL_NOTE = {
    "fr": "Entretien préparatoire avec le service : il accepte un point mensuel, à confirmer en séance.",
    "nl": "Voorbereidend gesprek met de dienst: maandelijks overleg is bespreekbaar, te bevestigen in de sessie.",
    "en": "Preparatory talk with the service: a monthly check-in is acceptable, to be confirmed in session.",
}


def _bring_in(mediation, *, mediator, when):
    """A professional mediator of the directory, speaking the case's language, joins as co-mediator."""
    from accord.mediation import external
    from accord.mediation.models import Mediator

    language = mediation.case.language
    chosen = Mediator.objects.filter(active=True, **{f"speaks_{language}": True}).order_by("pk").first()
    if chosen is None:
        return
    item = _at(
        when,
        external.external_bring_in,
        mediation=mediation,
        user=mediator,
        mediator=chosen,
        role="co",
        consent_note=CONSENT[language],
    )
    _at(when + timedelta(hours=5), external.external_note_write, external=item, body=EXTERNAL_NOTE[language])
