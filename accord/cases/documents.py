"""Documents kept safely: size limit, type read from the content (never from the name),
office files (zips) refused when they unpack beyond the limits, names without controls that
could disguise them, stored under the content's hash outside any served folder, streamed only
to those who may see the case."""

import hashlib
import io
import zipfile

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from accord.cases.models import Case, CaseEvent, Document, EventKind, Message
from accord.core.errors import ValidationFailed
from accord.lib.sizes import file_size

# What members and staff may send: documents and pictures, never programs or archives.
ALLOWED_TYPES = {
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "image/heic",
    "image/tiff",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/msword",
    "application/vnd.ms-excel",
    "text/plain",
}


# Text that a browser would run or render as a page: never accepted as "text".
_MARKUP_STARTS = (
    b"<!doctype",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<svg",
    b"<?xml",
    b"<iframe",
    b"<object",
    b"<embed",
)


def _is_markup(content: bytes) -> bool:
    head = content[:65536].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(_MARKUP_STARTS) or b"<script" in head


def _sniff(content: bytes) -> str | None:
    kind = filetype.guess(content)
    if kind is not None:
        return kind.mime
    if content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE2: legacy Word/Excel
        return "application/msword"
    if _is_markup(content):
        return "text/html"
    if b"\x00" not in content[:8192]:
        try:
            content[:65536].decode("utf-8")
            return "text/plain"
        except UnicodeDecodeError:
            try:
                content[:65536].decode("cp1252")
                return "text/plain"
            except UnicodeDecodeError:
                return None
    return None


def document_name(name: str, default: str = "document") -> str:
    """The file name Accord keeps and shows: the last path part, without NUL, bidirectional
    controls ("invoice\u202efdp.exe" shows as "invoiceexe.pdf") or any other invisible or control
    character, as Django's upload parser already does for files posted through a form; the
    same here for files by e-mail and through the API."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(" " if char.isspace() else char for char in name if char.isprintable() or char.isspace())
    return name.strip()[-255:] or default


# Office documents (docx, xlsx, pptx, odt, ods) are zip archives: a small file can unpack to
# gigabytes (a "zip bomb") in whatever program opens it. What their directory announces is
# checked before the file is kept (zipfile itself never unpacks more than an entry announces).
_ZIP_MAGIC = b"PK\x03\x04"
# Below this a high ratio is harmless (a short letter of repetitive XML compresses very well).
_RATIO_FLOOR_BYTES = 1024 * 1024


def _unpacks_too_large(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return True  # announced as an office document, not a readable one: not kept as one
    if len(entries) > settings.ACCORD_OFFICE_MAX_ENTRIES:
        return True
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > settings.ACCORD_OFFICE_MAX_UNPACKED_BYTES:
        return True
    return unpacked > _RATIO_FLOOR_BYTES and unpacked > settings.ACCORD_OFFICE_MAX_RATIO * len(content)


def document_validate(upload) -> tuple[bytes, str]:
    """The file's bytes and its real type, or a translated error naming the file."""
    name = document_name(upload.name)
    limit = settings.ACCORD_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationFailed(
            _("The file “%(name)s” is too large (%(size)s); the limit is %(limit)s."),
            code="file_too_large",
            name=name,
            size=file_size(upload.size),
            limit=file_size(limit),
        )
    content = upload.read()
    if not content:
        raise ValidationFailed(_("The file “%(name)s” is empty."), code="file_empty", name=name)
    mime = _sniff(content)
    if mime not in ALLOWED_TYPES:
        raise ValidationFailed(
            _("The file “%(name)s” is not a document we accept (PDF, pictures, office documents or text)."),
            code="file_type",
            name=name,
        )
    if content.startswith(_ZIP_MAGIC) and _unpacks_too_large(content):
        raise ValidationFailed(
            _(
                "The file “%(name)s” unpacks to more than an office document can hold (at most %(limit)s and "
                "%(entries)d parts): send it as a PDF, or in several files."
            ),
            code="file_unpacks_too_large",
            name=name,
            limit=file_size(settings.ACCORD_OFFICE_MAX_UNPACKED_BYTES),
            entries=settings.ACCORD_OFFICE_MAX_ENTRIES,
        )
    return content, mime


def documents_validate(files) -> None:
    if len(files) > settings.ACCORD_MAX_FILES_PER_MESSAGE:
        raise ValidationFailed(
            _("You can send at most %(count)d files at once."),
            code="too_many_files",
            count=settings.ACCORD_MAX_FILES_PER_MESSAGE,
        )
    for upload in files:
        document_validate(upload)
        upload.seek(0)


def documents_attach(
    *, case: Case, files, actor, message: Message | None = None, shared_with_member: bool
) -> list[Document]:
    """Store each file and record it on the timeline. Runs inside the caller's transaction."""
    stored = []
    for upload in files:
        upload.seek(0)
        content, mime = document_validate(upload)
        digest = hashlib.sha256(content).hexdigest()
        document = Document(
            case=case,
            message=message,
            uploaded_by=actor.user,
            from_member=actor.kind == "member",
            shared_with_member=shared_with_member,
            original_name=document_name(upload.name),
            content_type=mime,
            size=len(content),
            sha256=digest,
        )
        document.file.save(digest, ContentFile(content), save=False)
        document.save()
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.DOCUMENT,
            actor=actor.user,
            actor_kind=actor.event_kind,
            data={
                "document_id": document.pk,
                "name": document.original_name,
                "size": document.size,
                "content_type": mime,
                "shared_with_member": shared_with_member,
            },
        )
        stored.append(document)
    return stored


def documents_attach_received(
    *, case: Case, attachments, actor, message: Message | None = None, shared_with_member: bool = True
) -> list[Document]:
    """Files that came by e-mail: every one is kept, whatever it is (a member cannot be asked
    to send it again through a form, and a lost attachment may be the proof).

    `attachments` are objects with `filename`, `content` and `content_type` (accord.lib.mailparse's
    MailAttachment). A file the upload form would accept is stored like an upload and shared with
    the member. Any other (a refused type, too large, empty) is kept for staff only, stored and
    served as `application/octet-stream` (never rendered by a browser), and its timeline event
    says why. Runs inside the caller's transaction.
    """
    stored = []
    for attachment in attachments:
        content = attachment.content or b""
        name = document_name(attachment.filename, default="attachment")
        mime = _sniff(content) if content else None
        if not content:
            problem = "empty"
        elif len(content) > settings.ACCORD_MAX_UPLOAD_BYTES:
            problem = "too_large"
        elif mime not in ALLOWED_TYPES:
            problem = "type"
        elif content.startswith(_ZIP_MAGIC) and _unpacks_too_large(content):
            problem = "unpacks_too_large"
        else:
            problem = ""
        stored_type = mime if not problem else "application/octet-stream"
        digest = hashlib.sha256(content).hexdigest()
        document = Document(
            case=case,
            message=message,
            uploaded_by=actor.user,
            from_member=actor.kind == "member",
            shared_with_member=shared_with_member and not problem,
            original_name=name,
            content_type=stored_type,
            size=len(content),
            sha256=digest,
        )
        document.file.save(digest, ContentFile(content), save=False)
        document.save()
        data = {
            "document_id": document.pk,
            "name": document.original_name,
            "size": document.size,
            "content_type": stored_type,
            "shared_with_member": shared_with_member and not problem,
            "by_email": True,
        }
        if problem:
            data.update({"unchecked": problem, "declared_type": (attachment.content_type or "")[:100]})
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.DOCUMENT,
            actor=actor.user,
            actor_kind=actor.event_kind,
            data=data,
        )
        stored.append(document)
    return stored
