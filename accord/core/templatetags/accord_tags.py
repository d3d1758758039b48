from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, language_code):
    """The current page's address in another language (for the language switcher).

    A page re-shown after a failed POST (a form with errors) names its own address in
    `canonical_path`, since the POST-only address it was posted to cannot be opened.
    """
    path = context.get("canonical_path") or context["request"].get_full_path()
    return translate_url(path, language_code)
