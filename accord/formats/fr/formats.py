# French: "2 décembre 2026", "2 décembre 2026 à 07:39"; the first of the month reads « 1er »
# (accord.core.templatetags.localised). The rest is Django's French.
from django.conf.locale.fr.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y à H:i"
MONTH_DAY_FORMAT = "j F"
