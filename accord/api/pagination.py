"""Pages of the case list, numbered from 1, as the schema says."""

import re

from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination


class PageNumbers(PageNumberPagination):
    # DRF reads an empty `page` as 1, takes "last", and int() takes " 2" or "٢": the schema's integer
    # is ASCII digits only. Anything else is a page that does not exist (404, like page 0 or 9999).
    last_page_strings = ()

    def get_page_number(self, request, paginator):
        page = request.query_params.get(self.page_query_param)
        if page is None:
            return 1
        if not re.fullmatch(r"[0-9]+", page):
            message = paginator.error_messages["invalid_page"]
            raise NotFound(self.invalid_page_message.format(page_number=page, message=message))
        return page

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters
