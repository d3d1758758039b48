"""Django REST framework's messages that its own Dutch catalogue lacks (DRF 3.18: 30 of them).

Without a Dutch translation, Django falls back to LANGUAGE_CODE's, so a Dutch partner read them in
French. Listed here only so that `make messages` extracts them into our catalogues, which come first
(LOCALE_PATHS) and carry the Dutch; the French and English are DRF's own. Nothing imports this module.
"""

from django.utils.translation import gettext_noop

DRF_MESSAGES_MISSING_IN_DUTCH = [
    gettext_noop("A page number within the paginated result set."),
    gettext_noop("A search term."),
    gettext_noop("A {value_type} identifying this {name}."),
    gettext_noop("Datetime value out of range."),
    gettext_noop("Ensure this field has at least {min_length} elements."),
    gettext_noop("Ensure this field has no more than {max_length} elements."),
    gettext_noop('Enter a valid "slug" consisting of Unicode letters, numbers, underscores, or hyphens.'),
    # DRF looks both up with gettext (then formats them): two entries, not one plural.
    gettext_noop("Expected available in {wait} second."),
    gettext_noop("Expected available in {wait} seconds."),
    gettext_noop("Extra Actions"),
    gettext_noop('Invalid datetime for the timezone "{timezone}".'),
    gettext_noop("Invalid input."),
    gettext_noop("Must be a valid UUID."),
    gettext_noop("Must be a valid boolean."),
    gettext_noop("Not a valid string."),
    gettext_noop("Number of results to return per page."),
    gettext_noop("Surrogate characters are not allowed: U+{code_point:X}."),
    gettext_noop("The initial index from which to return the results."),
    gettext_noop("The pagination cursor value."),
    gettext_noop("This dictionary may not be empty."),
    gettext_noop("UUID string"),
    gettext_noop("Which field to use when ordering the results."),
    gettext_noop("content"),
    gettext_noop("main content"),
    gettext_noop("navbar"),
    gettext_noop("request form"),
    gettext_noop("request info"),
    gettext_noop("response info"),
    gettext_noop("unique integer value"),
    gettext_noop("unique value"),
]
