"""Django's admin is for configuration: no model that holds or names a case's content is registered."""

from django.contrib import admin

from accord.cases.models import Case


def _about_a_case(model) -> bool:
    if model is Case:
        return True
    # A model pointing at a case (its timeline, messages, e-mails, access log...) is about that case.
    return any(field.concrete and field.related_model is Case for field in model._meta.get_fields())


def test_no_case_model_is_registered_in_the_admin():
    registered = [model for model in admin.site._registry if _about_a_case(model)]
    assert registered == [], f"the admin must show no case: unregister {registered}"
