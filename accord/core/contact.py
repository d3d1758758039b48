"""The service's other ways in (phone, e-mail, post or office), from settings only: never the database.

Shown where the web form cannot take a complaint now (its rate limit, a database failure). Only what is
configured is shown, so the page promises nothing that does not exist.
"""

import re

from django.conf import settings


def service_contact() -> dict:
    phone = settings.ACCORD_CONTACT_PHONE
    return {
        "phone": phone,
        "phone_uri": re.sub(r"[^\d+]", "", phone),
        "hours": settings.ACCORD_CONTACT_HOURS,
        "email": settings.ACCORD_CONTACT_EMAIL,
        "address": settings.ACCORD_CONTACT_ADDRESS,
        "any": bool(phone or settings.ACCORD_CONTACT_EMAIL or settings.ACCORD_CONTACT_ADDRESS),
    }
