from django.shortcuts import render

from accord.core.errors import AccordError


class AccordErrorMiddleware:
    """Renders an AccordError that a view let through as a page in the user's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, AccordError):
            return render(
                request,
                "core/error.html",
                {"error": exception},
                status=exception.status,
            )
        return None
