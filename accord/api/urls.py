from django.urls import path, re_path
from drf_spectacular.views import SpectacularSwaggerView

from accord.api import views
from accord.api.schema import SchemaView

app_name = "api"

urlpatterns = [
    path("cases/", views.CasesView.as_view(), name="cases"),
    path("cases/<str:reference>/", views.CaseView.as_view(), name="case"),
    path("schema/", SchemaView.as_view(), name="schema"),
    # Swagger UI's files come from drf-spectacular-sidecar's static files: no CDN needed.
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"", views.NotFoundView.as_view()),
]
