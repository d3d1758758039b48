from django.conf import settings


def accord(request):
    user = getattr(request, "user", None)
    return {
        "site_name": settings.ACCORD_SITE_NAME,
        "staff_user": user if user is not None and user.is_authenticated else None,
    }
