from accord.people.models import Person


def person_find(*, email: str = "", member_number: str = "") -> Person | None:
    """A returning member, by member number first (it is unique to them), then by e-mail."""
    member_number = (member_number or "").strip()
    email = (email or "").strip().lower()
    if member_number:
        person = Person.objects.filter(member_number=member_number).order_by("id").first()
        if person is not None:
            return person
    if email:
        return Person.objects.filter(email=email).order_by("id").first()
    return None
