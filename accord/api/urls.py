from csp.decorators import csp_update
from django.urls import path, re_path
from drf_spectacular.views import SpectacularSwaggerSplitView

from accord.api import views
from accord.api.schema import SchemaView

app_name = "api"

urlpatterns = [
    path("cases/", views.CasesView.as_view(), name="cases"),
    path("cases/<str:reference>/", views.CaseView.as_view(), name="case"),
    path("schema/", SchemaView.as_view(), name="schema"),
    # Swagger UI's files come from drf-spectacular-sidecar's static files: no CDN needed. The split view
    # serves its start-up script as a file (no inline script); the page's own <style> and Swagger UI's
    # data: images need their own, relaxed policy.
    path(
        "docs/",
        csp_update({"style-src": ["'unsafe-inline'"], "img-src": ["data:"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema")
        ),
        name="docs",
    ),
    re_path(r"", views.NotFoundView.as_view()),
]
