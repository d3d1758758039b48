"""The admin's words that third-party apps do not translate into our languages, listed so that `make messages`
extracts them into our catalogues, which come first (LOCALE_PATHS). Nothing imports this module.

Without a translation in the page's language Django falls back to LANGUAGE_CODE's (French), else the English
msgid: a Dutch administrator read French captions and login-attempt names, and everyone read the task
backend's English. Each group says whose words they are; the model, field and status words are looked up by
the apps themselves (gettext), the app names are ours (`admin_apps.py`), the task results' columns are ours
(`accord/worker/admin.py`).
"""

from django.utils.translation import gettext_noop, pgettext_lazy

# django-tasks-db 0.13 (the database task backend: DBTaskResult) ships no catalogue at all.
TASK_RESULTS = [
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    gettext_noop("status"),
    gettext_noop("enqueued at"),
    gettext_noop("started at"),
    gettext_noop("finished at"),
    gettext_noop("args kwargs"),
    gettext_noop("priority"),
    gettext_noop("task path"),
    gettext_noop("worker id"),
    gettext_noop("queue name"),
    gettext_noop("backend name"),
    gettext_noop("run after"),
    gettext_noop("return value"),
    gettext_noop("exception class path"),
    gettext_noop("traceback"),
]
# django-tasks 0.12: the statuses, with their context.
TASK_STATUSES = [
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
]
# django-axes 8.3 (login attempts, which administrators read): no Dutch catalogue, and its admin's own
# words are in no catalogue.
LOGIN_ATTEMPTS = [
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("Access Attempt"),
    gettext_noop("Access lock out"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Attempt Time"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Expires At"),
    gettext_noop("Failed Logins"),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
    gettext_noop("Meta Data"),
    gettext_noop("Not set"),
    gettext_noop("POST Data"),
    gettext_noop("Path"),
    gettext_noop("User Agent"),
    gettext_noop("Username"),
]
# Django 5.2's admin index: column captions (read by screen readers) its Dutch catalogue lacks.
ADMIN_INDEX = [
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
]
