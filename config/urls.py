from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from accord.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Outside i18n_patterns: the API's language comes from Accept-Language, not the URL.
    path("api/v1/", include("accord.api.urls")),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("accord.accounts.urls")),
    path("staff/outbox/", include("accord.notifications.urls")),
    path("staff/mailbox/", include("accord.mailbox.urls")),
    path("staff/departments/", include("accord.departments.urls")),
    path("staff/mediation/", include("accord.mediation.urls")),
    path("staff/", include("accord.cases.urls")),
    # A department without accounts answers a request through its link (no login): accord/departments/sharing.py.
    # The hand-over to a department without liaisons, through its link (accord/departments/handover.py).
    path("department-link/handover/", include("accord.departments.handover_link_urls")),
    path("department-link/", include("accord.departments.link_urls")),
    # A professional mediator brought into a mediation reaches it through their link (accord/mediation/external.py).
    path("mediator-link/", include("accord.mediation.link_urls")),
    # The member answers a proposed mediation on their private page (accord/mediation/member_urls.py).
    path("my-case/<str:token>/mediation/", include("accord.mediation.member_urls")),
    path("", include("accord.public.urls")),
)

# A translated page (503 with Retry-After when the database is unavailable), rendered without the database.
handler500 = "accord.core.views.server_error"
