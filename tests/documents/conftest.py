"""Fixtures for the case's papers: small real files of each kind Redress keeps."""

from __future__ import annotations

import io

import docx


def docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 20
EML = b"From: a@example.org\r\nTo: b@example.org\r\nSubject: My complaint\r\n\r\nHello\r\n"
