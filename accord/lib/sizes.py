"""File sizes in one unit per language: « 10 Mo » in French, "10 MB" in Dutch and English (counted in
1024s, as the upload limit is, with the unit members know; whole numbers when round), never Django's
« 10,0 Mio »."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _


def file_size(size: int) -> str:
    size = int(size or 0)
    if size < 1024:
        return _("%(size)s bytes") % {"size": size}
    for divisor, unit in ((1024**3, "GB"), (1024**2, "MB"), (1024, "KB")):
        if size >= divisor or unit == "KB":
            value = round(size / divisor, 1)
            shown = number_format(int(value)) if value == int(value) else number_format(value, decimal_pos=1)
            if unit == "GB":
                return _("%(size)s GB") % {"size": shown}
            if unit == "MB":
                return _("%(size)s MB") % {"size": shown}
            return _("%(size)s KB") % {"size": shown}
    raise AssertionError("unreachable")
