from accord.cases.models import PartyKind
from accord.mediation import services

PURPOSE = "Samen een betalingsregeling vinden waarmee de vennoot en de dienst verder kunnen."


def propose(case, maya):
    return services.mediation_propose(case=case, user=maya, purpose=PURPOSE, parties=list(case.parties.all()))


def member_of(mediation):
    return mediation.participants.get(party__kind=PartyKind.COMPLAINANT)


def department_of(mediation):
    return mediation.participants.get(party__kind=PartyKind.DEPARTMENT)
