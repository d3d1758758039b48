"""Raw e-mails shaped like the ones real mail programs send, for the mailbox tests.

Each builder returns the bytes a mail server would store: the headers, MIME structure, quoting
and encodings of Gmail, Outlook (Exchange), Apple Mail, an Exchange out-of-office answer, a
Postfix bounce, and a counsellor's forward. Kept deliberately close to what those programs
write (header order, boundaries, quoted-printable, "Le … a écrit :" / "Van: … Verzonden:").
"""

import base64
import uuid

CRLF = "\r\n"


def _lines(text: str) -> str:
    """CRLF line ends, and non-ASCII header values as RFC 2047 encoded words, as mail programs write them."""
    from email.header import Header

    head, sep, body = text.replace("\r\n", "\n").partition("\n\n")
    lines = []
    for line in head.split("\n"):
        name, colon, value = line.partition(": ")
        if colon and not line[:1].isspace() and not value.isascii():
            line = f"{name}: {Header(value, 'utf-8', header_name=name).encode()}"
        lines.append(line)
    return ("\n".join(lines) + sep + body).replace("\n", CRLF)


def _qp(text: str) -> str:
    import quopri

    return quopri.encodestring(text.encode("utf-8")).decode("ascii")


def _b64(data: bytes) -> str:
    encoded = base64.b64encode(data).decode("ascii")
    return CRLF.join(encoded[i : i + 76] for i in range(0, len(encoded), 76))


def new_complaint(
    *,
    sender="Marie Lambert <marie.lambert@example.org>",
    to="Accord <accord@localhost>",
    subject="Facture de mars payée deux fois",
    body="Madame, Monsieur,\n\nMa facture de mars a été prélevée deux fois sur mon compte et le service client "
    "ne me répond plus depuis trois semaines. Je vous demande de m'aider à être remboursée.\n\n"
    "Bien à vous,\nMarie Lambert\n",
    message_id=None,
    date="Tue, 03 Mar 2026 09:12:45 +0100",
    attachments=(),
    extra_headers="",
) -> bytes:
    """A first message from a member (Thunderbird-like), optionally with attachments (name, type, bytes)."""
    message_id = message_id or f"<{uuid.uuid4()}@example.org>"
    head = (
        f"Message-ID: {message_id}\nDate: {date}\nMIME-Version: 1.0\n"
        "User-Agent: Mozilla Thunderbird\nContent-Language: fr-BE\n"
        f"To: {to}\nFrom: {sender}\nSubject: {subject}\n{extra_headers}"
    )
    if not attachments:
        return _lines(
            head + "Content-Type: text/plain; charset=UTF-8; format=flowed\nContent-Transfer-Encoding: 8bit\n\n" + body
        ).encode("utf-8")
    boundary = "------------" + uuid.uuid4().hex[:24]
    parts = [
        f"--{boundary}\nContent-Type: text/plain; charset=UTF-8; format=flowed\nContent-Transfer-Encoding: 8bit\n\n{body}\n"
    ]
    for name, content_type, content in attachments:
        parts.append(
            f'--{boundary}\nContent-Type: {content_type}; name="{name}"\n'
            f'Content-Disposition: attachment; filename="{name}"\nContent-Transfer-Encoding: base64\n\n'
            f"{_b64(content)}\n"
        )
    return _lines(
        head
        + f'Content-Type: multipart/mixed; boundary="{boundary}"\n\nThis is a multi-part message in MIME format.\n'
        + "".join(parts)
        + f"--{boundary}--\n"
    ).encode("utf-8")


def gmail_reply(
    *,
    ack,
    sender="Marie Lambert <marie.lambert@example.org>",
    text="Bonjour,\n\nVoici le relevé bancaire qui montre les deux prélèvements. Merci de votre aide.\n\nMarie",
) -> bytes:
    """Gmail's answer to an e-mail from Accord: threaded (In-Reply-To, References), sent to the Reply-To,
    the original quoted under "Le … a écrit :", text and HTML parts."""
    boundary = "000000000000" + uuid.uuid4().hex[:16]
    quoted = "\n".join(f"> {line}" if line else ">" for line in ack.body_text.strip().splitlines())
    plain = f"{text}\n\nLe mar. 3 mars 2026 à 10:02, Accord <accord@localhost> a écrit :\n\n{quoted}\n"
    html = (
        f'<div dir="ltr">{text.replace(chr(10), "<br>")}</div><br><div class="gmail_quote">'
        '<div dir="ltr" class="gmail_attr">Le mar. 3 mars 2026 à 10:02, Accord &lt;accord@localhost&gt; a écrit&nbsp;:<br></div>'
        f'<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex">{ack.body_text[:200]}</blockquote></div>'
    )
    return _lines(
        "MIME-Version: 1.0\n"
        f"References: {ack.references + ' ' if ack.references else ''}{ack.message_id}\n"
        f"In-Reply-To: {ack.message_id}\n"
        f"From: {sender}\nDate: Wed, 4 Mar 2026 08:15:02 +0100\n"
        f"Message-ID: <CAH{uuid.uuid4().hex[:20]}+x=Q@mail.gmail.com>\n"
        f"Subject: Re: {ack.subject}\nTo: {ack.reply_to or 'accord@localhost'}\n"
        f'Content-Type: multipart/alternative; boundary="{boundary}"\n\n'
        f'--{boundary}\nContent-Type: text/plain; charset="UTF-8"\nContent-Transfer-Encoding: quoted-printable\n\n'
        f"{_qp(plain)}\n"
        f'--{boundary}\nContent-Type: text/html; charset="UTF-8"\nContent-Transfer-Encoding: quoted-printable\n\n'
        f"{_qp(html)}\n--{boundary}--\n"
    ).encode("ascii")


def outlook_reply(
    *,
    ack,
    sender="Jan Peeters <jan.peeters@example.org>",
    text="Goedemorgen,\n\nIk heb nog steeds "
    "geen terugbetaling ontvangen. Kunt u dit opvolgen?\n\nMet vriendelijke groeten,\nJan Peeters",
) -> bytes:
    """Outlook without any threading header (a new message, or a client that dropped them), the reference in
    "RE: [ACC-…] …", to the plain mailbox address, the original under "Van: … Verzonden:"."""
    boundary = "_000_" + uuid.uuid4().hex[:28].upper() + "_"
    quoted = (
        "________________________________\nVan: Accord <accord@localhost>\n"
        "Verzonden: dinsdag 3 maart 2026 10:02\nAan: Jan Peeters <jan.peeters@example.org>\n"
        f"Onderwerp: {ack.subject}\n\n{ack.body_text.strip()}\n"
    )
    plain = f"{text}\n\n{quoted}"
    html = f'<html><body><p>{text.replace(chr(10), "<br>")}</p><hr><div id="divRplyFwdMsg">{quoted[:300]}</div></body></html>'
    return _lines(
        f"From: {sender}\nTo: Accord <accord@localhost>\nSubject: RE: {ack.subject}\n"
        "Thread-Topic: " + ack.subject + "\nThread-Index: AQHZ" + uuid.uuid4().hex[:20] + "==\n"
        "Date: Wed, 4 Mar 2026 09:40:11 +0000\n"
        f"Message-ID: <AM0PR0{uuid.uuid4().hex[:16].upper()}@AM0PR07MB1234.eurprd07.prod.outlook.com>\n"
        "Accept-Language: nl-BE, en-US\nContent-Language: nl-BE\nX-MS-Has-Attach:\nX-MS-TNEF-Correlator:\n"
        f'Content-Type: multipart/alternative;\n\tboundary="{boundary}"\nMIME-Version: 1.0\n\n'
        f'--{boundary}\nContent-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: base64\n\n'
        f"{_b64(plain.replace(chr(10), CRLF).encode('utf-8'))}\n\n"
        f'--{boundary}\nContent-Type: text/html; charset="utf-8"\nContent-Transfer-Encoding: base64\n\n'
        f"{_b64(html.encode('utf-8'))}\n\n--{boundary}--\n"
    ).encode("ascii")


def apple_reply(
    *,
    ack,
    sender="Sarah Smith <sarah.smith@example.org>",
    text="Hello,\n\nI found the letter they sent "
    "me in January, attached. It shows the wrong meter reading.\n\nBest regards,\nSarah",
    attachment=None,
) -> bytes:
    """Apple Mail writing to the case's reply address, without threading headers and without the reference
    in the subject: only the address says which case it is. Quoted with "> On … wrote:"."""
    boundary = "Apple-Mail=_" + str(uuid.uuid4()).upper()
    quoted = "\n".join(f"> {line}" if line else ">" for line in ack.body_text.strip().splitlines())
    plain = f"{text}\n\n> On 3 Mar 2026, at 10:02, Accord <accord@localhost> wrote:\n> \n{quoted}\n"
    head = (
        f"From: {sender}\n"
        f'Content-Type: multipart/mixed;\n\tboundary="{boundary}"\nMime-Version: 1.0 (Mac OS X Mail 16.0 \\(3774.600.62\\))\n'
        "Subject: Re: My complaint\nDate: Wed, 4 Mar 2026 11:03:27 +0100\n"
        f"Message-Id: <{str(uuid.uuid4()).upper()}@example.org>\nTo: {ack.reply_to}\nX-Mailer: Apple Mail (2.3774.600.62)\n\n"
    )
    body = f"--{boundary}\nContent-Transfer-Encoding: quoted-printable\nContent-Type: text/plain;\n\tcharset=utf-8\n\n{_qp(plain)}\n"
    if attachment:
        name, content_type, content = attachment
        body += (
            f"--{boundary}\nContent-Disposition: attachment;\n\tfilename*=utf-8''{name}\n"
            f'Content-Type: {content_type};\n\tx-unix-mode=0644;\n\tname="{name}"\nContent-Transfer-Encoding: base64\n\n'
            f"{_b64(content)}\n"
        )
    return _lines(head + body + f"--{boundary}--\n").encode("ascii")


def out_of_office(*, ack, sender="Marie Lambert <marie.lambert@example.org>", style="rfc3834") -> bytes:
    """An automatic answer to Accord's acknowledgement. "rfc3834": Auto-Submitted (Gmail, Exchange Online);
    "x-autoreply": an older responder that only sets X-Autoreply/Precedence."""
    marks = (
        "Auto-Submitted: auto-replied\nX-Auto-Response-Suppress: All\nX-MS-Exchange-Inbox-Rules-Loop: marie.lambert@example.org\n"
        if style == "rfc3834"
        else "X-Autoreply: yes\nPrecedence: junk\n"
    )
    return _lines(
        f"From: {sender}\nTo: {ack.reply_to}\nSubject: Réponse automatique : {ack.subject}\n"
        "Date: Tue, 3 Mar 2026 10:02:30 +0100\n"
        f"Message-ID: <{uuid.uuid4().hex}@example.org>\nIn-Reply-To: {ack.message_id}\nReferences: {ack.message_id}\n"
        f"{marks}Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\nMIME-Version: 1.0\n\n"
        "Je suis absente du bureau jusqu'au 16 mars et n'aurai qu'un accès limité à mes e-mails.\n"
    ).encode("utf-8")


def bounce(*, ack, recipient="marie.lambert@example.org") -> bytes:
    """Postfix's non-delivery report (multipart/report) for an e-mail Accord sent."""
    from email.header import Header

    boundary = f"{uuid.uuid4().hex[:12].upper()}.1741000000/mx.accord.test"
    return _lines(
        "From: MAILER-DAEMON@mx.accord.test (Mail Delivery System)\nSubject: Undelivered Mail Returned to Sender\n"
        "To: accord@localhost\nAuto-Submitted: auto-replied\nMIME-Version: 1.0\n"
        f'Content-Type: multipart/report; report-type=delivery-status;\n\tboundary="{boundary}"\n'
        f"Message-Id: <{uuid.uuid4().hex}@mx.accord.test>\nDate: Tue,  3 Mar 2026 10:02:31 +0100 (CET)\n\n"
        f"This is a MIME-encapsulated message.\n\n--{boundary}\nContent-Description: Notification\n"
        "Content-Type: text/plain; charset=us-ascii\n\nThis is the mail system at host mx.accord.test.\n\n"
        "I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n"
        f"<{recipient}>: host mx.example.org[192.0.2.10] said: 550 5.1.1 <{recipient}>:\n"
        "    Recipient address rejected: User unknown in virtual mailbox table\n\n"
        f"--{boundary}\nContent-Description: Delivery report\nContent-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns; mx.accord.test\nArrival-Date: Tue,  3 Mar 2026 10:02:30 +0100 (CET)\n\n"
        f"Final-Recipient: rfc822; {recipient}\nOriginal-Recipient: rfc822;{recipient}\nAction: failed\n"
        "Status: 5.1.1\nRemote-MTA: dns; mx.example.org\n"
        f"Diagnostic-Code: smtp; 550 5.1.1 <{recipient}>: Recipient address rejected: User unknown\n\n"
        f"--{boundary}\nContent-Description: Undelivered Message Headers\nContent-Type: text/rfc822-headers\n\n"
        f"From: Accord <accord@localhost>\nTo: {recipient}\nSubject: {Header(ack.subject, 'utf-8').encode()}\n"
        f"Message-ID: {ack.message_id}\n"
        "Auto-Submitted: auto-generated\n\n"
        f"--{boundary}--\n"
    ).encode("ascii")


def staff_forward(
    *,
    forwarder="Bruno Facq <bruno@accord.test>",
    original_sender="Luc Martin <luc.martin@example.be>",
    original_subject="Réclamation facture d'eau",
    original_text="Bonjour,\n\nJe conteste la facture d'eau de février : le relevé du compteur est faux, "
    "j'étais absent tout le mois. J'ai déjà appelé le service deux fois.\n\nLuc Martin\n",
    comment="Bonjour,\n\nPlainte reçue au service facturation, je vous la transmets.\n\nBruno",
    attachment=None,
) -> bytes:
    """Outlook's "TR:" forward by a member of staff, the original sender in the "De : … Envoyé : …" block."""
    body = (
        f"{comment}\n\n________________________________\nDe : {original_sender}\n"
        "Envoyé : lundi 2 mars 2026 16:45\nÀ : facturation@example.be\n"
        f"Objet : {original_subject}\n\n{original_text}"
    )
    head = (
        f"From: {forwarder}\nTo: Accord <accord@localhost>\nSubject: TR: {original_subject}\n"
        "Date: Tue, 3 Mar 2026 08:30:00 +0000\n"
        f"Message-ID: <DB9PR0{uuid.uuid4().hex[:14].upper()}@DB9PR07MB.eurprd07.prod.outlook.com>\n"
        "Content-Language: fr-BE\nMIME-Version: 1.0\n"
    )
    if attachment is None:
        return _lines(
            head
            + 'Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n\n'
            + _qp(body)
        ).encode("ascii")
    boundary = "_004_" + uuid.uuid4().hex[:20].upper() + "_"
    name, content_type, content = attachment
    return _lines(
        head + f'Content-Type: multipart/mixed;\n\tboundary="{boundary}"\n\n'
        f'--{boundary}\nContent-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n\n{_qp(body)}\n'
        f'--{boundary}\nContent-Type: {content_type}; name="{name}"\nContent-Disposition: attachment; filename="{name}"\n'
        f"Content-Transfer-Encoding: base64\n\n{_b64(content)}\n--{boundary}--\n"
    ).encode("ascii")


def stranger_quoting(*, reference, sender="Paul Durand <paul.durand@example.net>") -> bytes:
    return new_complaint(
        sender=sender,
        subject=f"Même problème que [{reference}]",
        body="Bonjour,\n\nMa voisine m'a donné sa référence : j'ai exactement le même problème de facture "
        "prélevée deux fois. Pouvez-vous ajouter mon cas au sien ?\n\nPaul Durand\n",
    )


def html_only(*, sender="Sarah Smith <sarah.smith@example.org>") -> bytes:
    html = (
        "<html><head><style>p{color:red}</style></head><body><p>Dear mediator,</p>"
        "<p>My energy supplier billed me <b>twice</b> for February and refuses to refund me.</p>"
        '<script>alert("x")</script><p><a href="javascript:alert(1)">click</a> <img src="https://tracker.example/p.gif"></p>'
        "</body></html>"
    )
    return _lines(
        f"From: {sender}\nTo: accord@localhost\nSubject: Billed twice\nDate: Tue, 3 Mar 2026 09:00:00 +0000\n"
        f"Message-ID: <{uuid.uuid4().hex}@example.org>\nMIME-Version: 1.0\n"
        f"Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n{_qp(html)}"
    ).encode("ascii")


UNPARSEABLE = b"\x00\x00\x00\x00 \xff\xfe not an e-mail at all \x00"


def outlook_thread_reply(
    *,
    message_id: str,
    subject: str,
    quoted_text: str,
    sender="Bart Claes <bart@accord.test>",
    references: str = "",
    text="Goedemiddag,\n\nDe factuur van maart werd door een technische fout tweemaal aangerekend. De tweede "
    "aanrekening is gisteren teruggestort; de creditnota zit in bijlage.\n\nMet vriendelijke groeten,\nBart",
    attachments=(),
) -> bytes:
    """Outlook (desktop or Exchange) answering an e-mail Accord sent: threaded (In-Reply-To, References,
    Thread-Index), to Accord's address, the original under "Van: … Verzonden: …", optionally with attachments
    (name, type, bytes). `message_id`, `subject` and `quoted_text` are those of the e-mail answered."""
    quoted = (
        "________________________________\nVan: Accord <accord@localhost>\n"
        "Verzonden: donderdag 4 maart 2027 10:02\n"
        f"Aan: {sender}\nOnderwerp: {subject}\n\n{quoted_text.strip()}\n"
    )
    plain = f"{text}\n\n{quoted}"
    head = (
        f"From: {sender}\nTo: Accord <accord@localhost>\nSubject: RE: {subject}\n"
        "Thread-Topic: " + subject + "\nThread-Index: AQHZ" + uuid.uuid4().hex[:20] + "==\n"
        "Date: Fri, 5 Mar 2027 14:12:09 +0000\n"
        f"Message-ID: <AM0PR0{uuid.uuid4().hex[:16].upper()}@AM0PR07MB1234.eurprd07.prod.outlook.com>\n"
        f"References: {(references + ' ') if references else ''}{message_id}\nIn-Reply-To: {message_id}\n"
        "Accept-Language: nl-BE, en-US\nContent-Language: nl-BE\nMIME-Version: 1.0\n"
    )
    text_part = (
        f'Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n\n{_qp(plain)}\n'
    )
    if not attachments:
        return _lines(head + text_part).encode("ascii")
    boundary = "_004_" + uuid.uuid4().hex[:20].upper() + "_"
    parts = [f"--{boundary}\n{text_part}"]
    for name, content_type, content in attachments:
        parts.append(
            f'--{boundary}\nContent-Type: {content_type}; name="{name}"\n'
            f'Content-Disposition: attachment; filename="{name}"\nContent-Transfer-Encoding: base64\n\n{_b64(content)}\n'
        )
    return _lines(
        head + f'Content-Type: multipart/mixed;\n\tboundary="{boundary}"\n\n' + "".join(parts) + f"--{boundary}--\n"
    ).encode("ascii")
