"""The API reads JSON only, and says so in words for people, not in Python's."""

from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    message = _("The request's body is not valid JSON.")

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        # DRF's ParseError quotes the decoder ("Expecting value: line 1 column 1 (char 0)") or the
        # charset; a body nested beyond Python's recursion limit raises RecursionError, not ValueError.
        except (ParseError, ValueError, RecursionError) as error:
            raise ParseError(self.message) from error
