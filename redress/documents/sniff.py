"""What a file really is, from its content rather than its name, and whether Redress keeps that kind of file.

PDF, PNG and JPEG are known by their signatures and Word and OpenDocument text by what their ZIP
package holds (the `filetype` package, pure Python, so no system library is needed); an Outlook
message by its compound-file header and its message streams; plain text and email by decoding and
by an email's headers, which no signature can tell.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

import filetype

PDF, DOCX, ODT = "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", \
    "application/vnd.oasis.opendocument.text"
TEXT, PNG, JPEG, EML, MSG = "text/plain", "image/png", "image/jpeg", "message/rfc822", "application/vnd.ms-outlook"

EXTENSIONS: dict[str, str] = {
    ".pdf": PDF, ".docx": DOCX, ".odt": ODT, ".txt": TEXT, ".png": PNG, ".jpg": JPEG, ".jpeg": JPEG,
    ".eml": EML, ".msg": MSG,
}
"""The files Redress keeps, by the ending of their name, and the media type their content must have."""

NAMES = {PDF: "a PDF", DOCX: "a Word document (.docx)", ODT: "an OpenDocument text (.odt)", TEXT: "plain text",
         PNG: "a PNG image", JPEG: "a JPEG image", EML: "an email (.eml)", MSG: "an Outlook message (.msg)"}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MSG_STREAM = "__substg1.0_".encode("utf-16-le")
_HEADER = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:[ \t]")
_EMAIL_HEADERS = {b"from", b"to", b"subject", b"date", b"message-id", b"received", b"mime-version"}


class FileRefused(ValueError):
    """A file Redress will not keep; the message says why."""


@dataclass(frozen=True, slots=True)
class Sniffed:
    media_type: str
    extension: str


def media_type_of(content: bytes) -> str | None:
    """The media type the content shows, of those Redress knows; None when it is none of them."""
    if content.startswith(_OLE):
        return MSG if _MSG_STREAM in content else None
    guess: str | None = filetype.guess_mime(content[:8192] if not content.startswith(b"PK") else content)
    if guess in {PDF, PNG, JPEG, DOCX, ODT}:
        return guess
    if content.startswith(b"PK"):
        return _package_type(content)
    if guess is not None:
        return None
    return _text_type(content)


def _package_type(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            names = set(package.namelist())
            if "word/document.xml" in names and "[Content_Types].xml" in names:
                return DOCX
            if "mimetype" in names and package.read("mimetype").strip() == ODT.encode():
                return ODT
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    return None


def _text_type(content: bytes) -> str | None:
    if b"\x00" in content:
        return None
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError:
            return None
    if any(ord(c) < 32 and c not in "\t\n\r\f" for c in text[:65536]):
        return None
    headers = set()
    for line in content.splitlines()[:40]:
        if not line.strip():
            break
        if _HEADER.match(line):
            headers.add(line.split(b":", 1)[0].lower())
        elif not line[:1].isspace():
            headers = set()
            break
    return EML if len(headers & _EMAIL_HEADERS) >= 2 else TEXT


def check_file(name: str, content: bytes, *, most_bytes: int) -> Sniffed:
    """The file's media type when Redress keeps it; FileRefused saying what is wrong otherwise."""
    if not name or any(part in name for part in ("/", "\\", "\x00")) or name in {".", ".."} or ".." in name:
        raise FileRefused(f"The file name {name!r} has path parts or is empty: give the file's own name, like report.pdf")
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    expected = EXTENSIONS.get(extension)
    if expected is None:
        kinds = "PDF, Word (.docx), OpenDocument text (.odt), plain text (.txt), PNG, JPEG and email (.eml, .msg)"
        raise FileRefused(f"{name} is not a kind of file Redress keeps: it keeps {kinds}")
    if not content:
        raise FileRefused(f"{name} is empty")
    if len(content) > most_bytes:
        raise FileRefused(f"{name} is {len(content):,} bytes; the most Redress keeps is {most_bytes:,} bytes "
                          f"({most_bytes / 1024 / 1024:.0f} MB)")
    found = media_type_of(content)
    if found != expected and not (expected == TEXT and found == EML):
        shown = NAMES.get(found or "", "not a kind of file Redress keeps")
        raise FileRefused(f"{name} is named as {NAMES[expected]}, but its content is {shown}")
    return Sniffed(expected if expected == TEXT else found or expected, extension)
