"""The professional mediator's page, reached through their link (no login): `/<lang>/mediator-link/<token>/`.
What it shows and allows is decided here and in external.py: the mediation's purpose, parties (names and
roles), meetings and agreement, and their own session notes, which they write here. Every view and note is
on the link's log and the case's access log; a signed-in member of staff is refused it, a wrong or forged
token is 404, a revoked or expired link or an ended access says the link no longer works."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accord.core.errors import AccordError
from accord.core.forms import add_service_error
from accord.core.http import client_ip_logged
from accord.departments import sharing
from accord.departments.link_views import _refused, department_link_for
from accord.mediation.external import EXTERNAL_MEDIATOR, external_for_link, external_note_write
from accord.mediation.forms import ExternalNoteForm
from accord.mediation.models import Agreement, AgreementState

mediator_link = department_link_for(EXTERNAL_MEDIATOR)


def _page(request, link, external, *, form=None, status=200):
    sharing.share_link_use_record(link=link, action="view", ip=client_ip_logged(request))
    mediation = external.mediation
    participants = list(mediation.participants.select_related("party", "party__department"))
    for participant in participants:
        participant.party.case = mediation.case
    meetings = list(mediation.meetings.select_related("office").order_by("starts_at", "id"))
    for meeting in meetings:
        meeting.mediation = mediation
    agreement = Agreement.objects.filter(mediation=mediation).exclude(state=AgreementState.DRAFT).first()
    token = sharing.share_token(link)
    context = {
        "link": link,
        "external": external,
        "mediation": mediation,
        "participants": participants,
        "meetings": meetings,
        "agreement": agreement,
        "notes": list(external.notes.order_by("created_at", "id")),
        "form": form or ExternalNoteForm(),
        "token": token,
        "canonical_path": reverse("mediator_link:page", kwargs={"token": token}),
        "can_write": mediation.is_open,
    }
    return render(request, "mediation/external_page.html", context, status=status)


@mediator_link
def link_page(request, link):
    external = external_for_link(link)
    if external is None:
        return _refused(request, link, "revoked")
    if request.method != "POST":
        return _page(request, link, external)
    form = ExternalNoteForm(request.POST)
    if form.is_valid():
        try:
            external_note_write(external=external, body=form.cleaned_data["body"])
        except AccordError as error:
            add_service_error(form, error)
        else:
            sharing.share_link_use_record(link=link, action="note", ip=client_ip_logged(request))
            messages.success(request, _("Your note is kept with the mediation's confidential notes."))
            return redirect("mediator_link:page", token=sharing.share_token(link))
    return _page(request, link, external, form=form, status=400)
