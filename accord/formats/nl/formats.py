# Belgian Dutch: "2 december 2026", "2 december 2026 07:39". The rest is Django's Dutch.
from django.conf.locale.nl.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y H:i"
MONTH_DAY_FORMAT = "j F"
