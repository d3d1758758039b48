"""The acknowledgement letter to post (PDF, WeasyPrint): for a member Accord cannot e-mail.

A complaint recorded by phone, at an office or from a letter may come without an e-mail address: the
member then gets neither the acknowledgement nor their private link. The letter carries both, in the
case's language: the office's address, phone and hours, the reference, the date received, what happens
next with the time limits that still run (`ACCORD_DELAYS`, worded as the acknowledgement e-mail), and a
fresh private link (text and QR code). It is rendered only by `services.acknowledgement_letter_print`,
which renews the link in the same transaction: the one way a member of staff holds a member's link is
this explicit, recorded action, and the link they hold revokes every earlier one.

The member's postal address is not recorded (people.Person has none): the letter leaves the address
block blank, for the counsellor to write it or to use a window envelope's label.
"""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

from accord.cases.links import member_url
from accord.cases.models import Case, DeadlineKind

# The letter's styles: a file beside its template (no inline style in any template: core/tests/test_headers.py).
STYLESHEET = Path(__file__).parent / "templates" / "cases" / "letter" / "letter.css"


def _qr_svg(url: str) -> str:
    """The link as an inline SVG QR code (segno, pure Python), so a phone opens it without typing it."""
    import io

    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=3, border=2, xmldecl=False, svgns=True)
    return out.getvalue().decode()


def letter_context(case: Case) -> dict:
    """What the letter says, read from the case as it is now (its open deadlines decide the promises)."""
    from accord.public.views import member_page_offers

    open_kinds = set(case.deadlines.open().values_list("kind", flat=True))
    link = member_url(case)
    return {
        "case": case,
        "office": case.office,
        "name": case.complainant_name or case.person.name,
        "today": timezone.localdate(),
        "link": link,
        "qr_svg": _qr_svg(link),
        "offers": member_page_offers(case),
        "delays": settings.ACCORD_DELAYS,
        # The acknowledgement e-mail's three promises, each while it still holds: the first answer and the
        # admissibility decision until they are given; the outcome while the case is open.
        "promise_first_answer": DeadlineKind.FIRST_ANSWER in open_kinds,
        "promise_admissibility": DeadlineKind.ADMISSIBILITY in open_kinds,
        "promise_outcome": case.is_open,
    }


def acknowledgement_letter_html(case: Case) -> str:
    with override(case.language):
        return render_to_string("cases/letter/acknowledgement.html", letter_context(case))


def acknowledgement_letter_pdf(case: Case) -> bytes:
    """The letter as a PDF (A4). WeasyPrint (and so Pango) is loaded only here, when a letter is printed."""
    from weasyprint import CSS, HTML

    return HTML(string=acknowledgement_letter_html(case)).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])
