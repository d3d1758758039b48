"""What the published OpenAPI schema says that drf-spectacular cannot read from the serializers:
the contact rule, the category codes this deployment accepts, and English whatever the request."""

from django.db import DatabaseError
from django.utils import translation
from drf_spectacular.extensions import OpenApiSerializerExtension, OpenApiSerializerFieldExtension
from drf_spectacular.views import SpectacularAPIView

from accord.api.serializers import SPACES
from accord.cases.models import Category


class ComplainantInputSchema(OpenApiSerializerExtension):
    """CaseCreateInput refuses a complainant with neither an e-mail address nor a phone number."""

    target_class = "accord.api.serializers.ComplainantInput"

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        if direction == "request":
            schema["anyOf"] = [
                {"required": ["email"], "properties": {"email": {"type": "string", "format": "email"}}},
                {
                    "required": ["phone"],
                    "properties": {"phone": {"type": "string", "pattern": rf"[^{SPACES}]"}},
                },
            ]
        return schema


class CategoryCodeSchema(OpenApiSerializerFieldExtension):
    """The codes of the active categories, read when the schema is generated (administrators add them)."""

    target_class = "accord.api.serializers.CategoryCode"

    def map_serializer_field(self, auto_schema, direction):
        try:
            codes = list(Category.objects.filter(active=True).order_by("code").values_list("code", flat=True))
        except DatabaseError:
            # `manage.py check` generates the schema too (drf-spectacular's check), maybe before `migrate`.
            return {"type": "string", "nullable": True}
        return {"type": "string", "enum": [*codes, None], "nullable": True}


class SchemaView(SpectacularAPIView):
    """The schema in English: the API's contract reads the same for every partner (the messages the API
    answers are in the request's language; the schema's texts are not messages)."""

    def dispatch(self, request, *args, **kwargs):
        with translation.override("en"):
            # Rendered here: the lazy texts are turned into strings when the JSON is written.
            return super().dispatch(request, *args, **kwargs).render()


def add_links(result, generator, request, public):
    """drf-spectacular's postprocessing hook: a filed case's 201 links to reading it back (OpenAPI links,
    which clients and Schemathesis' stateful tests follow)."""
    created = result["paths"]["/api/v1/cases/"]["post"]["responses"]["201"]
    created["links"] = {
        "ReadTheCase": {
            "operationId": "cases_retrieve",
            "parameters": {"reference": "$response.body#/reference"},
            "description": "The case just filed, at the address of its Location header.",
        }
    }
    return result
