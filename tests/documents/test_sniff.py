"""A file is known by its content, not its name; anything Redress does not keep is refused with a reason."""

from __future__ import annotations

import io
import zipfile

import pytest

from redress.documents.sniff import DOCX, EML, JPEG, MSG, ODT, PDF, PNG, TEXT, FileRefused, check_file
from tests.documents.conftest import EML as EML_BYTES
from tests.documents.conftest import PDF as PDF_BYTES
from tests.documents.conftest import PNG as PNG_BYTES
from tests.documents.conftest import docx_bytes


def _odt() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("mimetype", ODT)
        package.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


MSG_BYTES = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "__substg1.0_0037001F".encode("utf-16-le")
KEPT = [
    ("report.pdf", PDF_BYTES, PDF), ("letter.docx", docx_bytes("Dear Ms A"), DOCX), ("notes.odt", _odt(), ODT),
    ("notes.txt", "Café notes\n".encode(), TEXT), ("scan.png", PNG_BYTES, PNG),
    ("photo.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 40, JPEG), ("mail.eml", EML_BYTES, EML), ("mail.msg", MSG_BYTES, MSG),
]


@pytest.mark.parametrize(("name", "content", "media_type"), KEPT, ids=[k[0] for k in KEPT])
def test_each_kind_redress_keeps_is_known_by_its_content(name: str, content: bytes, media_type: str) -> None:
    assert check_file(name, content, most_bytes=10_000_000).media_type == media_type


@pytest.mark.parametrize(("name", "content", "message"), [
    ("report.pdf", b"", "report.pdf is empty"),
    ("../etc/passwd.txt", b"x", "has path parts"),
    ("C:\\Users\\a.pdf", PDF_BYTES, "has path parts"),
    ("tool.exe", b"MZ\x90\x00", "is not a kind of file Redress keeps"),
    ("report.pdf", PNG_BYTES, "named as a PDF, but its content is a PNG image"),
    ("letter.docx", PDF_BYTES, "named as a Word document (.docx), but its content is a PDF"),
    ("notes.txt", b"\x00\x01\x02binary", "named as plain text, but its content is not a kind of file Redress keeps"),
    ("mail.eml", b"just some words\n", "named as an email (.eml), but its content is plain text"),
    ("archive.docx", b"PK\x03\x04garbage", "named as a Word document"),
])
def test_anything_else_is_refused_saying_why(name: str, content: bytes, message: str) -> None:
    with pytest.raises(FileRefused) as refused:
        check_file(name, content, most_bytes=10_000_000)
    assert message in str(refused.value)


def test_a_file_over_the_limit_is_refused_with_the_limit_named() -> None:
    with pytest.raises(FileRefused, match="the most Redress keeps is 1,000 bytes"):
        check_file("big.txt", b"a" * 1001, most_bytes=1000)
