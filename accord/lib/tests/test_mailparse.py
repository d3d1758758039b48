"""The e-mail parser on small crafted messages, one feature at a time."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime
from email.message import EmailMessage

import pytest

from accord.lib.mailparse import MailParseError, detect_language, fold_quoted, message_ids, parse_message


def mail(body: str = "Bonjour,\n\nMa facture est fausse.\n", headers: dict | None = None, **kw) -> bytes:
    base = {
        "From": "Anne Dupont <anne@example.be>",
        "To": "desk@accord.test",
        "Subject": "Facture",
        "Date": "Mon, 03 Mar 2025 10:00:00 +0100",
        "Message-ID": "<m1@example.be>",
        "Content-Type": "text/plain; charset=utf-8",
    }
    base.update(headers or {})
    head = "".join(f"{k}: {v}\r\n" for k, v in base.items() if v is not None)
    return (head + "\r\n" + body).encode(kw.get("charset", "utf-8"))


# ---------------------------------------------------------------------------------------
# Headers and addresses


def test_plain_message_headers_and_threading():
    parsed = parse_message(
        mail(headers={"In-Reply-To": "<acc-1@accord.test>", "References": "<a@x> <acc-1@accord.test>"})
    )
    assert parsed.from_email == "anne@example.be"
    assert parsed.from_display_name == "Anne Dupont"
    assert parsed.from_ == "Anne Dupont <anne@example.be>"
    assert parsed.to == ["desk@accord.test"]
    assert parsed.message_id == "m1@example.be" and parsed.has_message_id
    assert parsed.in_reply_to == ["acc-1@accord.test"]
    assert parsed.references == ["a@x", "acc-1@accord.test"]
    assert parsed.date == datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
    assert parsed.body_text == "Bonjour,\n\nMa facture est fausse."
    assert not parsed.is_auto_reply and not parsed.is_bounce


def test_missing_message_id_is_a_hash_of_the_raw_bytes():
    raw = mail(headers={"Message-ID": None})
    parsed = parse_message(raw)
    assert not parsed.has_message_id
    assert parsed.message_id == "sha256:" + hashlib.sha256(raw).hexdigest()


def test_folded_message_id_and_message_ids_helper():
    parsed = parse_message(mail(headers={"Message-ID": "\r\n <folded.id@example.be>"}))
    assert parsed.message_id == "folded.id@example.be"
    assert message_ids("<a@x>,\r\n\t<b@y> <a@x>") == ["a@x", "b@y"]
    assert message_ids("bare@id.example") == ["bare@id.example"]
    assert message_ids("") == []


def test_encoded_display_name_cannot_supply_the_address():
    spoof = "=?utf-8?B?" + base64.b64encode(b"ceo@bank.example <ceo@bank.example>").decode() + "?="
    parsed = parse_message(mail(headers={"From": f"{spoof} <attacker@evil.example>"}))
    assert parsed.from_email == "attacker@evil.example"
    assert parsed.from_display_name == "ceo@bank.example <ceo@bank.example>"


def test_encoded_word_alone_gives_no_address():
    spoof = "=?utf-8?Q?ceo@bank.example?="
    parsed = parse_message(mail(headers={"From": spoof, "Return-Path": None}))
    assert parsed.from_email == ""


def test_encoded_word_with_comma_is_one_name():
    parsed = parse_message(mail(headers={"From": "=?iso-8859-1?Q?B=FCrling,=20Andreas?= <a@example.de>"}))
    assert parsed.from_display_name == "Bürling, Andreas"
    assert parsed.from_email == "a@example.de"


def test_raw_8bit_headers_are_decoded():
    raw = mail(headers={"Subject": "Réclamation été", "From": "Zoë Peeters <zoe@example.be>"})
    parsed = parse_message(raw)
    assert parsed.subject == "Réclamation été"
    assert parsed.from_display_name == "Zoë Peeters"


def test_raw_latin1_header_in_latin1_message():
    raw = mail("Bonjour, c'est réglé ?", headers={"Subject": "Réclamation", "Content-Type": "text/plain; charset=iso-8859-1"}, charset="latin-1")  # fmt: skip
    parsed = parse_message(raw)
    assert parsed.subject == "Réclamation"
    assert parsed.body_text == "Bonjour, c'est réglé ?"


def test_delivered_to_and_cc_and_reply_to():
    parsed = parse_message(
        mail(
            headers={
                "Cc": "Jan <jan@example.nl>, piet@example.nl",
                "Reply-To": "anne.private@example.be",
                "Delivered-To": "case-42@accord.test",
                "X-Original-To": "desk@accord.test",
            }
        )
    )
    assert parsed.cc == ["jan@example.nl", "piet@example.nl"]
    assert parsed.reply_to == ["anne.private@example.be"]
    assert parsed.delivered_to == ["case-42@accord.test", "desk@accord.test"]


# ---------------------------------------------------------------------------------------
# Charsets


@pytest.mark.parametrize(
    ("text", "charset"),
    [
        ("Geachte, de rekening klopt niet: € 120", "windows-1252"),
        ("Vážený pane, reklamace", "iso-8859-2"),
        ("我的发票有问题", "gb2312"),
        ("請求書が間違っています", "iso-2022-jp"),
        ("Über die Rechnung", "utf-7"),
    ],
)
def test_body_charsets(text, charset):
    raw = mail(headers={"Content-Type": f"text/plain; charset={charset}"}).split(b"\r\n\r\n")[0]
    raw += b"\r\n\r\n" + text.encode(charset)
    assert parse_message(raw).body_text == text


def test_wrong_charset_label_on_utf8_text():
    raw = mail(headers={"Content-Type": "text/plain; charset=iso-8859-1"}).split(b"\r\n\r\n")[0]
    raw += b"\r\n\r\n" + "Très déçu de la réponse".encode()
    assert parse_message(raw).body_text == "Très déçu de la réponse"


def test_broken_base64_does_not_stop_the_parse():
    raw = mail("SGVsbG8gd29y!!bGQ", headers={"Content-Transfer-Encoding": "base64"})
    parsed = parse_message(raw)
    assert isinstance(parsed.body_text, str)


# ---------------------------------------------------------------------------------------
# Structure: HTML, attachments, whole-file messages


def _multipart(*parts: EmailMessage, subtype: str = "mixed") -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Anne <anne@example.be>"
    msg["To"] = "desk@accord.test"
    msg["Subject"] = "Pièces"
    msg["Message-ID"] = "<mp@example.be>"
    msg.make_mixed() if subtype == "mixed" else None
    for part in parts:
        msg.attach(part)
    return msg


def test_html_only_gets_text_and_sanitised_html():
    html = (
        "<html><head><style>p{color:red}</style><script>alert(1)</script></head>"
        '<body><p onclick="steal()">Bonjour,</p><p>Ma <b>facture</b> est fausse.</p>'
        '<a href="javascript:alert(1)">x</a><img src="cid:logo@x"></body></html>'
    )
    parsed = parse_message(mail(html, headers={"Content-Type": "text/html; charset=utf-8"}))
    assert "Bonjour," in parsed.body_text and "Ma facture est fausse." in parsed.body_text
    assert "color:red" not in parsed.body_text and "alert" not in parsed.body_text
    assert "<script" not in parsed.body_html and "onclick" not in parsed.body_html
    assert "javascript:" not in parsed.body_html and "<style" not in parsed.body_html
    assert 'src="cid:logo@x"' in parsed.body_html


def test_attachments_inline_images_and_encoded_names():
    msg = EmailMessage()
    msg["From"] = "Anne <anne@example.be>"
    msg["Subject"] = "Pièces"
    msg.set_content("Voir pièces jointes.")
    msg.add_alternative('<p>Voir <img src="cid:img1@x"></p>', subtype="html")
    msg.get_payload()[1].add_related(b"\x89PNG fake", "image", "png", cid="<img1@x>")
    msg.add_attachment(b"%PDF-1.4 facture", maintype="application", subtype="pdf", filename="facture été.pdf")
    raw = msg.as_bytes()
    raw = raw.replace(b"facture%20%C3%A9t%C3%A9.pdf", b"facture%20%C3%A9t%C3%A9.pdf")  # RFC 2231 form
    parsed = parse_message(raw)
    by_name = {a.filename: a for a in parsed.attachments}
    assert "facture été.pdf" in by_name
    pdf = by_name["facture été.pdf"]
    assert pdf.content == b"%PDF-1.4 facture" and pdf.size == 16 and not pdf.inline
    assert pdf.sha256 == hashlib.sha256(b"%PDF-1.4 facture").hexdigest()
    inline = [a for a in parsed.attachments if a.inline]
    assert len(inline) == 1 and inline[0].content_id == "img1@x" and inline[0].content_type == "image/png"
    assert parsed.body_text == "Voir pièces jointes."


def test_rfc2047_attachment_name():
    raw = (
        b"From: a@example.be\r\nSubject: x\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n"
        b"--B\r\nContent-Type: text/plain\r\n\r\nzie bijlage\r\n"
        b'--B\r\nContent-Type: application/pdf; name="=?UTF-8?B?ZmFjdHV1ciDDqXTDqS5wZGY=?="\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\nJVBERg==\r\n--B--\r\n"
    )
    parsed = parse_message(raw)
    assert [a.filename for a in parsed.attachments] == ["factuur été.pdf"]


def test_message_that_is_only_a_pdf():
    raw = (
        b"From: scanner@example.be\r\nSubject: scan\r\nContent-Type: application/pdf; name=scan.pdf\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.b64encode(b"%PDF-1.7 data") + b"\r\n"
    )
    parsed = parse_message(raw)
    assert parsed.body_text == ""
    assert [(a.filename, a.content) for a in parsed.attachments] == [("scan.pdf", b"%PDF-1.7 data")]


def test_tnef_winmail_is_kept():
    raw = (
        b"From: a@example.be\r\nSubject: x\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n"
        b"--B\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
        b"--B\r\nContent-Type: application/ms-tnef; name=winmail.dat\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        b"eJ8+IhAA\r\n--B--\r\n"
    )
    assert [a.filename for a in parse_message(raw).attachments] == ["winmail.dat"]


def test_uuencoded_part_without_begin_line():
    raw = (
        b"From: a@example.be\r\nSubject: x\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n"
        b"--B\r\nContent-Type: text/plain\r\n\r\nnote\r\n"
        b"--B\r\nContent-Type: text/plain; name=a.txt\r\nContent-Disposition: attachment; filename=a.txt\r\n"
        b"Content-Transfer-Encoding: x-uuencode\r\n\r\n,2&5L;&\\@6F%M;6%D\r\n`\r\n--B--\r\n"
    )
    assert parse_message(raw).attachments[0].content == b"Hello Zammad"


def test_empty_body_and_hopeless_input():
    assert parse_message(b"From: a@example.be\r\nSubject: vide\r\n\r\n").body_text == ""
    with pytest.raises(MailParseError):
        parse_message(b"")
    with pytest.raises(MailParseError):
        parse_message(b"   \r\n")


@pytest.mark.parametrize(
    "raw",
    [
        b"\x00\xff\xfe garbage",
        b"Subject: only\r\n",
        b"From: <>\r\n\r\n\xff",
        b"Content-Type: multipart/mixed\r\n\r\n--",
    ],
)
def test_garbage_never_raises_anything_but_mailparseerror(raw):
    try:
        parse_message(raw)
    except MailParseError:
        pass


def test_pgp_signed_message_keeps_signature():
    raw = (
        b"From: a@example.be\r\nSubject: signed\r\n"
        b'Content-Type: multipart/signed; micalg=pgp-sha256; protocol="application/pgp-signature"; boundary=S\r\n\r\n'
        b"--S\r\nContent-Type: text/plain\r\n\r\nsigned text\r\n"
        b"--S\r\nContent-Type: application/pgp-signature; name=signature.asc\r\n\r\n"
        b"-----BEGIN PGP SIGNATURE-----\r\nxx\r\n-----END PGP SIGNATURE-----\r\n--S--\r\n"
    )
    parsed = parse_message(raw)
    assert parsed.body_text == "signed text"
    assert [a.filename for a in parsed.attachments] == ["signature.asc"]


# ---------------------------------------------------------------------------------------
# Auto-replies and bounces


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto-Submitted": "auto-replied"},
        {"Auto-Submitted": "auto-generated"},
        {"Precedence": "bulk"},
        {"Precedence": "junk"},
        {"Precedence": "list"},
        {"X-Autoreply": "yes"},
        {"X-Autorespond": "Out of office"},
        {"X-Auto-Response-Suppress": "All"},
        {"X-Auto-Response-Suppress": "DR, OOF"},
        {"List-Id": "<news.example.be>"},
        {"List-Unsubscribe": "<mailto:unsub@example.be>"},
        {"Subject": "Out of Office: Facture"},
        {"Subject": "Automatic reply: Facture"},
        {"Subject": "Réponse automatique : Facture"},
        {"Subject": "Absence du bureau"},
        {"Subject": "Absence: Anne Dupont"},
        {"Subject": "Afwezig: Re: Factuur"},
        {"Subject": "Automatisch antwoord: Factuur"},
        {"Return-Path": "<>"},
    ],
)
def test_auto_replies_are_recognised(headers):
    parsed = parse_message(mail(headers=headers))
    assert parsed.is_auto_reply, headers
    assert parsed.auto_reply_reason


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto-Submitted": "no"},
        {"Subject": "Absence de réponse à ma plainte"},
        {"Subject": "Re: Facture"},
        {"X-Auto-Response-Suppress": "DR"},
    ],
)
def test_human_messages_are_not_auto_replies(headers):
    assert not parse_message(mail(headers=headers)).is_auto_reply


def _bounce(report_body: bytes) -> bytes:
    return (
        b"From: Mail Delivery System <MAILER-DAEMON@mx.example.be>\r\nTo: desk@accord.test\r\n"
        b"Subject: Undelivered Mail Returned to Sender\r\nAuto-Submitted: auto-replied\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="R"\r\n\r\n'
        b"--R\r\nContent-Type: text/plain\r\n\r\nI'm sorry to have to inform you that your message could not be delivered.\r\n"
        b"--R\r\nContent-Description: Delivery report\r\nContent-Type: message/delivery-status\r\n\r\n"
        b"Reporting-MTA: dns; mx.example.be\r\n\r\nFinal-Recipient: rfc822; nobody@example.be\r\n"
        b"Action: failed\r\nStatus: 5.1.1\r\n\r\n" + report_body + b"--R--\r\n"
    )


def test_bounce_reports_the_original_message_id():
    parsed = parse_message(
        _bounce(
            b"--R\r\nContent-Description: Undelivered Message\r\nContent-Type: message/rfc822\r\n\r\n"
            b"From: desk@accord.test\r\nTo: nobody@example.be\r\nSubject: [ACC-42] Accuse\r\n"
            b"Message-ID: <acc-42-1@accord.test>\r\n\r\nBonjour\r\n\r\n"
        )
    )
    assert parsed.is_bounce and parsed.is_auto_reply
    assert parsed.bounced_message_ids == ["acc-42-1@accord.test"]
    assert parsed.forwarded is None
    assert {a.content_type for a in parsed.attachments} == {"message/delivery-status", "message/rfc822"}


def test_bounce_with_headers_only_part():
    parsed = parse_message(
        _bounce(
            b"--R\r\nContent-Type: text/rfc822-headers\r\n\r\n"
            b"From: desk@accord.test\r\nMessage-ID: <acc-7@accord.test>\r\nSubject: x\r\n\r\n"
        )
    )
    assert parsed.bounced_message_ids == ["acc-7@accord.test"]


def test_bounce_without_report_falls_back_to_in_reply_to():
    raw = mail(
        "Your message could not be delivered.",
        headers={
            "From": "postmaster@example.be",
            "Subject": "Delivery Status Notification (Failure)",
            "In-Reply-To": "<acc-9@accord.test>",
        },
    )
    parsed = parse_message(raw)
    assert parsed.is_bounce and parsed.bounced_message_ids == ["acc-9@accord.test"]


def test_delay_warning_is_not_a_bounce():
    raw = _bounce(b"").replace(b"Action: failed", b"Action: delayed")
    parsed = parse_message(raw)
    assert not parsed.is_bounce and parsed.is_auto_reply


# ---------------------------------------------------------------------------------------
# Forwards

FORWARDS = {
    "gmail-en": (
        "Fwd: Facture",
        "Please handle this.\n\n---------- Forwarded message ---------\n"
        "From: Jan Peeters <jan.peeters@example.nl>\nDate: Mon, 3 Mar 2025 at 10:00\n"
        "Subject: Klacht over factuur\nTo: <billing@example.be>\n\n"
        "Geachte, mijn factuur klopt niet.\n",
    ),
    "gmail-fr": (
        "Fwd: Facture",
        "Pour suite.\n\n---------- Message transféré ---------\n"
        "De : Jan Peeters <jan.peeters@example.nl>\nDate: lun. 3 mars 2025 à 10:00\n"
        "Subject: Klacht over factuur\nTo: <billing@example.be>\n\n"
        "Geachte, mijn factuur klopt niet.\n",
    ),
    "outlook-en": (
        "FW: Facture",
        "FYI\n\n________________________________\nFrom: Jan Peeters <jan.peeters@example.nl>\n"
        "Sent: Monday, March 3, 2025 10:00 AM\nTo: Billing <billing@example.be>\n"
        "Subject: Klacht over factuur\n\nGeachte, mijn factuur klopt niet.\n",
    ),
    "outlook-fr": (
        "TR: Facture",
        "Pour info\n\nDe : Jan Peeters [mailto:jan.peeters@example.nl]\nEnvoyé : lundi 3 mars 2025 10:00\n"
        "À : billing@example.be\nObjet : Klacht over factuur\n\nGeachte, mijn factuur klopt niet.\n",
    ),
    "outlook-nl": (
        "Doorst: Factuur",
        "Ter info\n\nVan: Jan Peeters <jan.peeters@example.nl>\nVerzonden: maandag 3 maart 2025 10:00\n"
        "Aan: billing@example.be\nOnderwerp: Klacht over factuur\n\nGeachte, mijn factuur klopt niet.\n",
    ),
    "thunderbird": (
        "Fwd: Facture",
        "\n\n-------- Original Message --------\nSubject: Klacht over factuur\n"
        "Date: Mon, 3 Mar 2025 10:00:00 +0100\nFrom: Jan Peeters <jan.peeters@example.nl>\n"
        "To: billing@example.be\n\nGeachte, mijn factuur klopt niet.\n",
    ),
    "apple-fr": (
        "Fwd: Facture",
        "\n\nDébut du message réexpédié :\n\nDe: Jan Peeters <jan.peeters@example.nl>\n"
        "Objet: Klacht over factuur\nDate: 3 mars 2025 à 10:00:00 UTC+1\nÀ: billing@example.be\n\n"
        "Geachte, mijn factuur klopt niet.\n",
    ),
    "apple-en": (
        "Fwd: Facture",
        "\n\nBegin forwarded message:\n\nFrom: Jan Peeters <jan.peeters@example.nl>\n"
        "Subject: Klacht over factuur\nDate: 3 March 2025 at 10:00:00 CET\nTo: billing@example.be\n\n"
        "Geachte, mijn factuur klopt niet.\n",
    ),
    "dutch": (
        "Fwd: Factuur",
        "\n\n-------- Doorgestuurd bericht --------\nOnderwerp: Klacht over factuur\n"
        "Datum: 03-03-2025 10:00\nVan: Jan Peeters <jan.peeters@example.nl>\nAan: billing@example.be\n\n"
        "Geachte, mijn factuur klopt niet.\n",
    ),
}


@pytest.mark.parametrize("shape", FORWARDS)
def test_inline_forwards(shape):
    subject, body = FORWARDS[shape]
    parsed = parse_message(mail(body, headers={"From": "Staff <staff@accord.test>", "Subject": subject}))
    original = parsed.forwarded
    assert original is not None, shape
    assert original.from_email == "jan.peeters@example.nl"
    assert original.from_display_name == "Jan Peeters"
    assert original.subject == "Klacht over factuur"
    assert original.date is not None and original.date.date().isoformat() == "2025-03-03"
    assert original.text.startswith("Geachte, mijn factuur klopt niet.")
    assert original.source == "inline"


def test_reply_with_original_message_is_not_a_forward():
    body = "Merci.\n\n-----Original Message-----\nFrom: Desk <desk@accord.test>\nSent: Monday\nSubject: x\n\nold"
    assert parse_message(mail(body, headers={"Subject": "RE: Facture"})).forwarded is None


def test_forward_as_attachment():
    inner = mail("Geachte, mijn factuur klopt niet.", headers={"From": "Jan <jan@example.nl>", "Subject": "Klacht"})
    raw = (
        b"From: staff@accord.test\r\nSubject: Fwd: Klacht\r\nContent-Type: multipart/mixed; boundary=F\r\n\r\n"
        b"--F\r\nContent-Type: text/plain\r\n\r\nZie bijlage.\r\n"
        b"--F\r\nContent-Type: message/rfc822\r\n\r\n" + inner + b"\r\n--F--\r\n"
    )
    parsed = parse_message(raw)
    assert parsed.forwarded is not None and parsed.forwarded.source == "attachment"
    assert parsed.forwarded.from_email == "jan@example.nl"
    assert parsed.forwarded.subject == "Klacht"
    assert "mijn factuur klopt niet" in parsed.forwarded.text
    assert [a.filename for a in parsed.attachments] == ["Klacht.eml"]


# ---------------------------------------------------------------------------------------
# Quoted history and signatures

REPLY = "Merci pour votre réponse, mais le problème persiste."

QUOTES = {
    "gmail-en": "On Mon, 3 Mar 2025 at 10:00, Accord <desk@accord.test> wrote:\n> Dear member,\n> Thanks.",
    "gmail-en-wrapped": "On Mon, 3 Mar 2025 at 10:00, Accord Mediation Desk <\ndesk@accord.test> wrote:\n\n> Dear member,",
    "gmail-fr": "Le lun. 3 mars 2025 à 10:00, Accord <desk@accord.test> a écrit :\n> Madame,\n> Merci.",
    "gmail-nl": "Op ma 3 mrt 2025 om 10:00 schreef Accord <desk@accord.test>:\n> Geachte,\n> Dank u.",
    "apple-en": "> On 3 Mar 2025, at 10:00, Accord <desk@accord.test> wrote:\n> \n> Dear member,",
    "apple-nl": "> Op 3 mrt. 2025 om 10:00 heeft Accord <desk@accord.test> het volgende geschreven:\n>\n> Geachte,",
    "outlook-en": "-----Original Message-----\nFrom: Accord <desk@accord.test>\nSent: Monday, March 3, 2025 10:00\nTo: Anne\nSubject: RE: x\n\nDear member,",
    "outlook-nl": "________________________________\nVan: Accord <desk@accord.test>\nVerzonden: maandag 3 maart 2025 10:00\nAan: Anne\nOnderwerp: x\n\nGeachte,",
    "outlook-fr": "De : Accord [mailto:desk@accord.test]\nEnvoyé : lundi 3 mars 2025 10:00\nÀ : Anne\nObjet : x\n\nMadame,",
    "outlook-fr-no-rule": "\nDe : Accord <desk@accord.test>\nEnvoyé : lundi 3 mars 2025 10:00\n\nMadame,",
    "plain-quote": "> Madame,\n> Nous avons bien reçu votre plainte.\n>\n> Accord",
}


@pytest.mark.parametrize("shape", QUOTES)
def test_quoted_history_is_folded(shape):
    text = f"{REPLY}\n\n{QUOTES[shape]}"
    new, folded = fold_quoted(text)
    assert new == REPLY, shape
    assert folded.strip().startswith(QUOTES[shape].strip().split("\n")[0].strip())


def test_signature_is_folded_and_kept():
    text = f"{REPLY}\n\n-- \nAnne Dupont\n+32 470 00 00 00"
    new, folded = fold_quoted(text)
    assert new == REPLY
    assert folded.startswith("-- \nAnne Dupont")


def test_sent_from_my_phone_is_a_signature():
    new, folded = fold_quoted(f"{REPLY}\n\nEnvoyé de mon iPhone")
    assert new == REPLY and folded == "Envoyé de mon iPhone"


def test_bottom_posted_reply():
    text = "On Mon, 3 Mar 2025 at 10:00, Accord <desk@accord.test> wrote:\n> Question?\n\nMy answer is yes."
    new, folded = fold_quoted(text)
    assert new == "My answer is yes."
    assert "> Question?" in folded


def test_text_without_quote_is_unchanged():
    text = "Le 3 mars, j'ai appelé le service client.\nOn m'a dit d'écrire."
    assert fold_quoted(text) == (text, "")


def test_parsed_mail_has_new_text_and_keeps_everything():
    body = f"{REPLY}\n\nLe lun. 3 mars 2025 à 10:00, Accord <desk@accord.test> a écrit :\n> Madame,\n"
    parsed = parse_message(mail(body))
    assert parsed.body_new_text == REPLY
    assert "> Madame," in parsed.body_text


# ---------------------------------------------------------------------------------------
# Language

COMPLAINTS = {
    "fr": "Madame, Monsieur, je vous écris car mon fournisseur d'énergie m'a facturé deux fois le même mois "
    "et refuse de me rembourser malgré mes nombreux appels.",
    "nl": "Geachte heer, mevrouw, mijn energieleverancier heeft mij twee keer voor dezelfde maand gefactureerd "
    "en weigert het bedrag terug te betalen ondanks mijn vele telefoontjes.",
    "en": "Dear Sir or Madam, my energy supplier has billed me twice for the same month and refuses to refund "
    "me despite my many phone calls.",
}


@pytest.mark.parametrize("language", COMPLAINTS)
def test_language_of_complaints(language):
    assert detect_language(COMPLAINTS[language]) == language


@pytest.mark.parametrize(
    "text",
    ["", "Merci", "OK", "Sehr geehrte Damen und Herren, meine Rechnung ist leider falsch und zu hoch.", "12345 67"],
)
def test_language_unsure(text):
    assert detect_language(text) == ""


def test_parsed_language_uses_subject_and_new_text_only():
    body = (
        "Bonjour, je n'ai toujours pas reçu de réponse à ma plainte concernant la facture.\n\n"
        "On Mon, 3 Mar 2025, Desk <desk@accord.test> wrote:\n> " + COMPLAINTS["en"]
    )
    assert parse_message(mail(body, headers={"Subject": "Re: Ma plainte"})).language == "fr"


# ---------------------------------------------------------------------------------------
# What the parser hands over is clean (issue 6): no NUL anywhere, no bidi controls in names


def test_no_text_the_parser_hands_over_holds_a_nul_however_it_was_encoded():
    raw = mail(
        "Ma facture\x00 est fausse.\r\n",
        headers={
            "From": "=?utf-8?q?Anne=00_Dupont?= <anne@example.be>",
            "Subject": "Fac\x00ture =?utf-8?q?=00mars?=",
            "Message-ID": "<m\x001@example.be>",
            "X-Mailer": "Mail\x00er",
        },
    )
    parsed = parse_message(raw)
    assert parsed.subject == "Facture mars"
    assert parsed.from_display_name == "Anne Dupont" and parsed.from_email == "anne@example.be"
    assert "Ma facture est fausse." in parsed.body_text
    assert parsed.message_id == "m1@example.be"
    assert all("\x00" not in value for value in parsed.headers.values())


def test_an_attachment_keeps_its_nul_bytes_its_name_loses_them():
    message = EmailMessage()
    message["From"], message["Subject"] = "anne@example.be", "Pièce"
    message.set_content("Voir pièce jointe.")
    message.add_attachment(b"\x00\x01binary\x00", maintype="application", subtype="octet-stream", filename="a\x00b.bin")
    [attachment] = parse_message(message.as_bytes()).attachments
    assert attachment.content == b"\x00\x01binary\x00"
    assert "\x00" not in attachment.filename


def test_bidi_controls_are_removed_from_display_names_not_from_letters():
    raw = mail(
        headers={
            "From": "=?utf-8?b?"
            + base64.b64encode("Anne\u202e Dupont \u200fسارة".encode()).decode()
            + "?= <anne@example.be>"
        }
    )
    assert parse_message(raw).from_display_name == "Anne Dupont سارة"


def test_raw_8bit_bytes_in_message_ids_are_handed_over_as_encodable_text():
    raw = mail(headers={"Message-ID": "<PLACEHOLDER>"}).replace(b"<PLACEHOLDER>", b"<caf\xc3\xa9\xed\xa0\x80@x.be>")
    parsed = parse_message(raw)
    parsed.message_id.encode("utf-8")  # no lone surrogate left
    assert parsed.message_id.startswith("café")
