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
            updated_at__lt=now - timedelta(days=3),
        )
        .select_related("person", "assigned_to")
        .order_by("-received_at")[:2]
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
        if i == 0:
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
        made += 1
    return made
