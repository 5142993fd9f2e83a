"""Letters at the edge: fill one from a complaint (the core says what it says), render it as Word or PDF.

Word uses docxtpl, with Redress's own template or the council's (`LetterTemplate`); PDF uses
WeasyPrint on `documents/letter_pdf.html`. A council's template is checked when it is uploaded: a
field the letter does not have, or a syntax error, is refused with the field and line named (a line
is a paragraph of the document, counted from 1).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import docx
import jinja2
import jinja2.meta
from django.template.loader import render_to_string
from docxtpl import DocxTemplate

from redress.complaints.models import Complaint
from redress.complaints.selectors import complaint_report
from redress.core.letters.catalogue import compose, letter_of, template_fields
from redress.core.letters.model import Letter, LetterContent, LetterRefused, Parties
from redress.councils.errors import DomainError

FORMATS = {"pdf": "application/pdf",
           "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


class LetterError(DomainError):
    """A letter that cannot be produced now, or a template that cannot be used; nothing was saved."""

    status = 409


class TemplateRefused(DomainError):
    """A council's Word template Redress cannot fill."""

    status = 422


def parties_of(complaint: Complaint) -> Parties:
    officer = complaint.officer
    return Parties(
        council=complaint.council.name, reference=complaint.reference, complainant_name=complaint.complainant_name,
        complainant_address=complaint.complainant_address, child_name=complaint.child_name,
        officer_name=(officer.get_full_name() or officer.email) if officer is not None else "",
    )


def letter_content(complaint: Complaint, kind: str, *, today: dt.date) -> LetterContent:
    """The letter `kind` for the complaint as it stands on `today`; LetterError saying why it cannot be sent."""
    try:
        letter = letter_of(complaint.procedure, kind)
        view = complaint_report(complaint, today=today)
        return compose(letter, case=view.case, report=view.report, parties=parties_of(complaint), today=today)
    except LetterRefused as refused:
        raise LetterError(refused.message, code=refused.code) from None


@dataclass(frozen=True)
class Rendered:
    content: bytes
    media_type: str
    filename: str
    says: tuple[str, ...]


def render(letter: LetterContent, fmt: str, *, template: bytes | None = None) -> Rendered:
    """The letter as `fmt` (pdf or docx); with `template` (a council's Word template) for Word."""
    name = f"{letter.context['reference']}-{letter.letter.kind}.{fmt}"
    if fmt == "pdf":
        return Rendered(render_pdf(letter), FORMATS["pdf"], name, letter.says())
    if fmt == "docx":
        source = template if template is not None else default_template()
        used = sorted(template_variables(source))
        return Rendered(render_docx(letter, source), FORMATS["docx"], name, letter.says(used))
    raise LetterError(f"A letter is produced as pdf or docx, not {fmt!r}", code="bad-format")


def render_docx(letter: LetterContent, template: bytes) -> bytes:
    document = DocxTemplate(io.BytesIO(template))
    document.render(dict(letter.context), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_pdf(letter: LetterContent) -> bytes:
    try:
        import weasyprint
    except OSError as error:  # pango missing: say so instead of a traceback
        raise LetterError(f"PDF letters need the Pango library on this machine ({error}); Word letters still work",
                          code="pdf-unavailable") from None
    html = render_to_string("documents/letter_pdf.html", {"letter": letter.context, "kind": letter.letter.kind})
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


DEFAULT_PARAGRAPHS = (
    ("{{ council }}", "Title"),
    ("{{ date }}", None),
    ("{{ complainant_name }}", None),
    ("{%p for line in complainant_address %}", None),
    ("{{ line }}", None),
    ("{%p endfor %}", None),
    ("Our reference: {{ reference }}", None),
    ("Dear {{ complainant_name }}", None),
    ("{{ subject }}", "Heading 1"),
    ("{%p for section in sections %}", None),
    ("{{ section.heading }}", "Heading 2"),
    ("{%p for line in section.lines %}", None),
    ("{{ line }}", None),
    ("{%p endfor %}", None),
    ("{%p endfor %}", None),
    ("Yours sincerely", None),
    ("{{ officer_name }}", None),
    ("Complaints team, {{ council }}", None),
)


@functools.cache
def default_template() -> bytes:
    """Redress's own Word template (every letter's fields laid out as sections): the one councils start from."""
    document = docx.Document()
    for text, style in DEFAULT_PARAGRAPHS:
        document.add_paragraph(text, style=style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_DOCXTPL_TAGS = re.compile(r"\{%\s*(p|tr|tc|r)\s|\{\{\s*(p|tr|tc|r)\s")


def _template_lines(content: bytes) -> list[str]:
    """The template's paragraphs (tables' too) in order, one a line, as Jinja reads them once docxtpl has merged runs."""
    try:
        document = docx.Document(io.BytesIO(content))
    except Exception as error:  # python-docx raises several kinds for a broken package
        raise TemplateRefused(f"The template is not a Word document Redress can read ({error})",
                              code="template-unreadable") from None
    lines: list[str] = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(p.text for p in cell.paragraphs)
    return [_DOCXTPL_TAGS.sub(lambda m: m.group(0)[:2] + " ", line) for line in lines]


def _parsed(lines: list[str]) -> Any:
    try:
        return jinja2.Environment().parse("\n".join(lines))
    except jinja2.TemplateSyntaxError as error:
        raise TemplateRefused(f"Line {error.lineno} of the template has a syntax error: {error.message}",
                              code="template-syntax") from None


def template_variables(content: bytes) -> set[str]:
    return set(jinja2.meta.find_undeclared_variables(_parsed(_template_lines(content))))


def check_template(letter: Letter, content: bytes) -> list[str]:
    """The fields a council's template uses; TemplateRefused naming an unknown field and its line, or a syntax error."""
    lines = _template_lines(content)
    used = set(jinja2.meta.find_undeclared_variables(_parsed(lines)))
    known = template_fields(letter)
    unknown = sorted(used - set(known))
    if unknown:
        field = unknown[0]
        line = next((n for n, text in enumerate(lines, start=1) if re.search(rf"\b{re.escape(field)}\b", text)), 0)
        raise TemplateRefused(
            f"Line {line} of the template uses the field {field!r}, which the {letter.title.lower()} does not have; "
            f"its fields are listed on this page", code="template-unknown-field")
    return sorted(used)


def sample_fields(letter: Letter) -> Iterator[tuple[str, str]]:
    yield from template_fields(letter).items()
