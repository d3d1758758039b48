from accord.people.models import Person

# Details a complaint may give that can point at someone else's record (the e-mail address is the key).
CLAIMABLE = ("member_number", "phone", "name")


def person_find(*, email: str) -> Person | None:
    """A returning member, by the e-mail address the complaint comes from: the one detail Accord
    writes to, so the one that identifies. A member number, a phone or a name proves nothing."""
    email = (email or "").strip().lower()
    if not email:
        return None
    return Person.objects.filter(email=email).order_by("id").first()


def people_holding(*, field: str, value: str, exclude: Person | None = None, limit: int = 3) -> list[Person]:
    """The records (at most `limit`, oldest first) on which `field` is `value`: names compared without
    case, the others exactly (phones are stored in E.164)."""
    if field not in CLAIMABLE or not value:
        return []
    lookup = {"name__iexact": value} if field == "name" else {field: value}
    people = Person.objects.filter(**lookup)
    if exclude is not None:
        people = people.exclude(pk=exclude.pk)
    return list(people.order_by("id")[:limit])
