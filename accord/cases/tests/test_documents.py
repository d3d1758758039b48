"""Documents: size limit, type read from the content (never from the name), kept out of any served folder."""

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse
from django.views.static import serve as static_serve

import config.settings as configured
from accord.cases.documents import documents_validate
from accord.cases.models import Case, Document
from accord.cases.services import note_add, staff_message_send
from accord.conftest import PDF_BYTES, pdf_upload, text_upload
from accord.core.errors import ValidationFailed


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def zip_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("facture.exe", b"MZ" + b"\x00" * 100)
    return buffer.getvalue()


DISGUISED = {
    "linux-program.pdf": b"\x7fELF\x02\x01\x01" + b"\x00" * 200,
    "windows-program.pdf": b"MZ\x90\x00\x03" + b"\x00" * 200,
    "archive.pdf": zip_bytes(),
    "page.pdf": b"<!DOCTYPE html>\n<html><body><script>document.location='https://evil.test/'</script></body></html>",
    "page-without-doctype.pdf": b"  \n<html><head><title>Facture</title></head><body>Payez ici</body></html>",
    "script.pdf": b"<script>alert(document.cookie)</script>",
    "drawing.pdf": b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
}


@pytest.mark.parametrize("name", sorted(DISGUISED))
def test_a_file_named_pdf_that_is_something_else_is_refused_with_its_name(name):
    with pytest.raises(ValidationFailed) as error:
        documents_validate([upload(name, DISGUISED[name])])
    assert error.value.code == "file_type"
    assert name in str(error.value)


def test_a_real_pdf_named_txt_is_stored_as_a_pdf(make_case, marie):
    case = make_case(marie, attachments=[upload("scan.txt", PDF_BYTES, content_type="text/plain")])
    document = Document.objects.get(case=case)
    assert document.content_type == "application/pdf"
    assert document.original_name == "scan.txt"


def test_plain_text_is_accepted_as_text(make_case, marie):
    case = make_case(marie, attachments=[text_upload("détails.txt", "Facture n° 2025-031, payée le 3 mars.")])
    assert Document.objects.get(case=case).content_type == "text/plain"


def test_a_file_over_the_size_limit_is_refused_with_its_name(settings, make_case, marie):
    settings.ACCORD_MAX_UPLOAD_BYTES = len(PDF_BYTES) - 1
    with pytest.raises(ValidationFailed) as error:
        make_case(marie, attachments=[pdf_upload("gros-scan.pdf")])
    assert error.value.code == "file_too_large" and "gros-scan.pdf" in str(error.value)
    assert not Case.objects.exists() and not Document.objects.exists()
    settings.ACCORD_MAX_UPLOAD_BYTES = len(PDF_BYTES)
    make_case(marie, attachments=[pdf_upload("juste.pdf")])  # exactly at the limit is fine


def test_an_empty_file_is_refused_with_its_name():
    with pytest.raises(ValidationFailed) as error:
        documents_validate([upload("vide.pdf", b"")])
    assert error.value.code == "file_empty" and "vide.pdf" in str(error.value)


def test_too_many_files_at_once_are_refused(settings, make_case, marie, maya):
    settings.ACCORD_MAX_FILES_PER_MESSAGE = 2
    case = make_case(marie, attachments=[pdf_upload("a.pdf"), pdf_upload("b.pdf")])
    with pytest.raises(ValidationFailed) as error:
        staff_message_send(
            case=case, user=maya, body="Trois pièces", attachments=[pdf_upload(f"{n}.pdf") for n in "cde"]
        )
    assert error.value.code == "too_many_files" and "2" in str(error.value)
    assert case.messages.count() == 0 and case.documents.count() == 2


def test_documents_are_stored_under_their_hash_outside_any_served_folder(make_case, marie, maya):
    case = make_case(marie, attachments=[pdf_upload("plainte.pdf")])
    note_add(case=case, user=maya, body="Pièce interne", attachments=[text_upload("interne.txt", "Juste du texte")])
    for document in Document.objects.filter(case=case):
        content = Path(document.file.path).read_bytes()
        assert document.sha256 == hashlib.sha256(content).hexdigest()
        assert document.size == len(content)
        assert document.file.name == f"cases/{case.pk}/{document.sha256}"  # never the uploader's name
        assert document.original_name not in document.file.path


def test_the_configured_document_folder_is_not_served():
    documents = Path(configured.STORAGES["default"]["OPTIONS"]["location"]).resolve()
    served = [
        Path(configured.STATIC_ROOT).resolve(),
        *(Path(d).resolve() for d in getattr(configured, "STATICFILES_DIRS", [])),
    ]
    served += [p.resolve() for p in Path(configured.BASE_DIR, "accord").glob("*/static")]
    for folder in served:
        assert not documents.is_relative_to(folder) and not folder.is_relative_to(documents), folder
    # No URL serves files from disk: documents are streamed by views that check who asks.
    assert not [p for p in _all_patterns(get_resolver().url_patterns) if getattr(p, "callback", None) is static_serve]
    assert django_settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")


def _all_patterns(patterns):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _all_patterns(pattern.url_patterns)
        else:
            yield pattern


def test_a_disguised_program_sent_through_the_public_form_is_refused_and_named(client, db):
    response = client.post(
        "/en/complaint/",
        {
            "name": "Sarah Smith",
            "email": "sarah@example.org",
            "phone": "",
            "member_number": "",
            "language": "en",
            "office": "brussels",
            "subject": "Invoice",
            "description": "My invoice was paid late.",
            "consent": "on",
            "website": "",
            "attachments": [upload("invoice.pdf", DISGUISED["windows-program.pdf"])],
        },
    )
    assert response.status_code == 400
    assert "invoice.pdf" in response.content.decode()
    assert not Case.objects.exists()


def test_staff_download_streams_the_stored_bytes_with_the_detected_type(client, make_case, marie, maya):
    case = make_case(marie, attachments=[upload("scan.txt", PDF_BYTES, content_type="text/plain")])
    document = Document.objects.get(case=case)
    client.force_login(maya)
    response = client.get(reverse("cases:document", kwargs={"reference": case.reference, "document_id": document.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF_BYTES


# ---------------------------------------------------------------------------------------
# Office files are zips: refused when they unpack beyond the limits (issue 6, Low)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def office_bytes(*, kind="docx", entries=None, big=0):
    """A minimal office document (docx, xlsx, pptx or odt) with `big` bytes of zeros inside."""
    buffer = io.BytesIO()
    folder = {"docx": "word", "xlsx": "xl", "pptx": "ppt"}.get(kind)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if kind == "odt":
            archive.writestr(
                zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED
            )
            archive.writestr("content.xml", "<office:document-content/>")
        else:
            archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
            archive.writestr(f"{folder}/document.xml", "<document/>")
        if big:
            archive.writestr("media/padding.bin", b"\x00" * big)
        for number in range(entries or 0):
            archive.writestr(f"media/part{number}.xml", "<p/>")
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["docx", "xlsx", "pptx", "odt"])
def test_an_ordinary_office_document_is_accepted(make_case, marie, kind):
    case = make_case(marie, attachments=[upload(f"lettre.{kind}", office_bytes(kind=kind, big=200_000))])
    assert Document.objects.get(case=case).original_name == f"lettre.{kind}"


@pytest.mark.parametrize("kind", ["docx", "xlsx", "pptx", "odt"])
def test_an_office_document_that_unpacks_beyond_the_size_limit_is_refused_with_its_name(settings, kind):
    settings.ACCORD_OFFICE_MAX_UNPACKED_BYTES = 5_000_000
    settings.ACCORD_OFFICE_MAX_RATIO = 10_000
    with pytest.raises(ValidationFailed) as error:
        documents_validate([upload(f"bombe.{kind}", office_bytes(kind=kind, big=6_000_000))])
    assert error.value.code == "file_unpacks_too_large" and f"bombe.{kind}" in str(error.value)


def test_an_office_document_compressed_beyond_the_ratio_is_refused(settings):
    settings.ACCORD_OFFICE_MAX_RATIO = 50
    content = office_bytes(big=3_000_000)  # zeros: about 1,000 times smaller compressed
    with pytest.raises(ValidationFailed) as error:
        documents_validate([upload("rapport.docx", content)])
    assert error.value.code == "file_unpacks_too_large"
    settings.ACCORD_OFFICE_MAX_RATIO = 10_000
    documents_validate([upload("rapport.docx", content)])


def test_an_office_document_with_too_many_entries_is_refused(settings):
    settings.ACCORD_OFFICE_MAX_ENTRIES = 100
    with pytest.raises(ValidationFailed) as error:
        documents_validate([upload("classeur.xlsx", office_bytes(kind="xlsx", entries=150))])
    assert error.value.code == "file_unpacks_too_large" and "classeur.xlsx" in str(error.value)
    documents_validate([upload("classeur.xlsx", office_bytes(kind="xlsx", entries=50))])


def test_the_default_limits_refuse_a_zip_bomb_named_docx():
    with pytest.raises(ValidationFailed) as error:
        documents_validate([upload("facture.docx", office_bytes(big=120 * 1024 * 1024))])
    assert error.value.code == "file_unpacks_too_large"


def test_the_office_limit_error_is_translated_and_names_the_limit(client, db, settings):
    settings.ACCORD_OFFICE_MAX_UNPACKED_BYTES = 5_000_000
    response = client.post(
        "/nl/complaint/",
        {
            "name": "Jan Peeters",
            "email": "jan@example.org",
            "language": "nl",
            "office": "brussels",
            "subject": "Factuur",
            "description": "Mijn factuur is te laat betaald.",
            "consent": "on",
            "website": "",
            "attachments": [upload("bom.docx", office_bytes(big=6_000_000), DOCX)],
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "bom.docx" in page and "4,8" in page  # 5,000,000 bytes as Dutch shows it: 4,8 MB
    assert "kantoordocument" in page
    assert not Case.objects.exists()


def test_an_office_document_by_email_beyond_the_limits_is_kept_for_staff_only(make_case, marie, settings):
    from accord.cases.documents import documents_attach_received
    from accord.cases.permissions import MEMBER
    from accord.lib.mailparse import MailAttachment

    settings.ACCORD_OFFICE_MAX_UNPACKED_BYTES = 5_000_000
    case = make_case(marie)
    content = office_bytes(big=6_000_000)
    attachment = MailAttachment(
        "bombe.docx", DOCX, content, len(content), hashlib.sha256(content).hexdigest(), False, ""
    )
    [document] = documents_attach_received(case=case, attachments=[attachment], actor=MEMBER)
    assert not document.shared_with_member and document.content_type == "application/octet-stream"


# ---------------------------------------------------------------------------------------
# File names: no bidi controls, no NUL, whatever the way in (issue 6, Low)


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        ("\u2067facture\u2069.pdf", "facture.pdf"),
        ("scan\u200e\u200f\u061c.pdf", "scan.pdf"),
        ("a\x00b.pdf", "ab.pdf"),
        ("\u202e\u202a", "document"),
    ],
)
def test_bidi_controls_and_nul_are_removed_from_uploaded_file_names(make_case, marie, given, kept):
    case = make_case(marie, attachments=[upload(given, PDF_BYTES)])
    document = Document.objects.get(case=case)
    assert document.original_name == kept
    assert case.events.get(kind="document").data["name"] == kept


def test_bidi_controls_are_removed_from_the_names_of_files_received_by_email(make_case, marie):
    from accord.cases.documents import documents_attach_received
    from accord.cases.permissions import MEMBER
    from accord.lib.mailparse import MailAttachment

    case = make_case(marie)
    attachment = MailAttachment(
        "invoice\u202efdp.exe",
        "application/pdf",
        PDF_BYTES,
        len(PDF_BYTES),
        hashlib.sha256(PDF_BYTES).hexdigest(),
        False,
        "",
    )
    [document] = documents_attach_received(case=case, attachments=[attachment], actor=MEMBER)
    assert document.original_name == "invoicefdp.exe"


def test_a_refused_files_name_is_shown_without_its_bidi_controls():
    with pytest.raises(ValidationFailed) as error:
        documents_validate([upload("invoice\u202efdp.pdf", DISGUISED["windows-program.pdf"])])
    assert "invoicefdp.pdf" in str(error.value) and "\u202e" not in str(error.value)
