"""Letters at the edge: fill one from a complaint (the core says what it says), render it as Word or PDF.

Word uses docxtpl, with Redress's own template or the council's (`LetterTemplate`); PDF uses
WeasyPrint on `documents/letter_pdf.html`. A council's template is checked when it is uploaded: a
field the letter does not have, or a syntax error, is refused with the field and line named (a line
is a paragraph of the document, counted from 1).
"""

from __future__ import annotations

import collections
import copy
import datetime as dt
import functools
import hashlib
import io
import re
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import jinja2
import jinja2.meta
from django.template.loader import render_to_string
from docx.opc.oxml import parse_xml, serialize_part_xml
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


def render(letter: LetterContent, fmt: str, *, template: bytes | None = None,
           template_id: str = "council") -> Rendered:
    """The letter as `fmt` (pdf or docx); with `template` (a council's Word template, known as `template_id`) for Word."""
    name = f"{letter.context['reference']}-{letter.letter.kind}.{fmt}"
    if fmt == "pdf":
        return Rendered(render_pdf(letter), FORMATS["pdf"], name, letter.says())
    if fmt == "docx":
        prepared = prepared_template(template if template is not None else default_template(),
                                     template_id if template is not None else "redress")
        return Rendered(prepared.render(dict(letter.context)), FORMATS["docx"], name, letter.says(prepared.variables))
    raise LetterError(f"A letter is produced as pdf or docx, not {fmt!r}", code="bad-format")


def render_docx(letter: LetterContent, template: bytes) -> bytes:
    """docxtpl's own way, start to finish (open, render, save): what `PreparedTemplate` must give the same letter as."""
    document = DocxTemplate(io.BytesIO(template))
    document.render(dict(letter.context), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_MAIN = "word/document.xml"
_HEADER_FOOTER = ("application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml")
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


class PreparedTemplate:
    """A Word template parsed once: its package's members, and each templated part compiled by Jinja.

    `render` does what docxtpl's `render` and `save` do for the text fields Redress's letters use (the
    same patching of Word's XML, the same escaping, listing and table fixes, via docxtpl's own
    functions), without opening the package with python-docx and compiling the Jinja again for every
    letter. A template using what this does not cover (a field in the document's properties or
    footnotes, a sub-document or picture) is rendered by docxtpl itself, start to finish.
    """

    def __init__(self, content: bytes) -> None:
        self.content = content
        self.variables = tuple(sorted(template_variables(content)))
        self._lock = threading.Lock()
        self._helper = DocxTemplate(io.BytesIO(content))
        self._helper.render_init()
        document = self._helper.docx
        assert document is not None
        environment = jinja2.Environment(autoescape=True)
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            self._members = [(info, package.read(info)) for info in package.infolist()]
        self.fast = not self._needs_docxtpl(document)
        self._parts: dict[str, Any] = {}
        if not self.fast:
            return
        body_xml = self._helper.patch_xml(self._helper.get_xml())
        self._parts[_MAIN] = environment.from_string(re.sub(r"<w:p([ >])", r"\n<w:p\1", body_xml))
        root = copy.deepcopy(document.element)
        root.remove(root.body)
        self._root = root
        for part in document.part.package.parts:
            if part.content_type in _HEADER_FOOTER:
                xml = self._helper.patch_xml(self._helper.get_part_xml(part))
                self._parts[str(part.partname).lstrip("/")] = environment.from_string(
                    re.sub(r"<w:p([ >])", r"\n<w:p\1", xml))

    @staticmethod
    def _needs_docxtpl(document: Any) -> bool:
        properties = document.core_properties
        if any("{" in (getattr(properties, name) or "") for name in
               ("author", "comments", "identifier", "language", "subject", "title")):
            return True
        return any(part.content_type == _FOOTNOTES and b"{" in part.blob for part in document.part.package.parts)

    def _render_xml(self, part: str, context: dict[str, Any]) -> str:
        xml = self._parts[part].render(context)
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        return str(self._helper.resolve_listing(xml))

    def render(self, context: dict[str, Any]) -> bytes:
        if not self.fast:
            document = DocxTemplate(io.BytesIO(self.content))
            document.render(context, autoescape=True)
            slow = io.BytesIO()
            document.save(slow)
            return slow.getvalue()
        replaced: dict[str, bytes] = {}
        with self._lock:  # docxtpl's table and picture-id fixes keep a count on the helper
            self._helper.docx_ids_index = 1000
            body = self._helper.fix_tables(self._render_xml(_MAIN, context))
            self._helper.fix_docpr_ids(body)
        root = copy.deepcopy(self._root)
        root.append(body)
        replaced[_MAIN] = serialize_part_xml(root)
        for part in self._parts:
            if part != _MAIN:
                replaced[part] = serialize_part_xml(parse_xml(self._render_xml(part, context)))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as package:
            for info, data in self._members:
                package.writestr(info, replaced.get(info.filename, data))
        return out.getvalue()


PREPARED_LIMIT = 64
_prepared: collections.OrderedDict[tuple[str, str], PreparedTemplate] = collections.OrderedDict()
_prepared_lock = threading.Lock()


def prepared_template(content: bytes, identity: str) -> PreparedTemplate:
    """The template parsed and compiled once, kept by its identity and content hash (a changed template is new)."""
    key = (identity, hashlib.sha256(content).hexdigest())
    with _prepared_lock:
        found = _prepared.get(key)
        if found is not None:
            _prepared.move_to_end(key)
            return found
    prepared = PreparedTemplate(content)
    with _prepared_lock:
        _prepared[key] = prepared
        while len(_prepared) > PREPARED_LIMIT:
            _prepared.popitem(last=False)
    return prepared


@functools.cache
def _pdf_tools() -> tuple[Any, Any, Any]:
    """WeasyPrint, one font configuration and the letter's stylesheet, parsed once per process."""
    try:
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration
    except OSError as error:  # pango missing: say so instead of a traceback
        raise LetterError(f"PDF letters need the Pango library on this machine ({error}); Word letters still work",
                          code="pdf-unavailable") from None
    fonts = FontConfiguration()
    css = weasyprint.CSS(string=(Path(__file__).parent / "templates" / "documents" / "letter_pdf.css").read_text(encoding="utf-8"),
                         font_config=fonts)
    return weasyprint, fonts, css


def render_pdf(letter: LetterContent) -> bytes:
    weasyprint, fonts, css = _pdf_tools()
    html = render_to_string("documents/letter_pdf.html", {"letter": letter.context, "kind": letter.letter.kind})
    with _pdf_lock:  # one FontConfiguration is not to be shared by two renderings at once
        pdf: bytes = weasyprint.HTML(string=html).write_pdf(stylesheets=[css], font_config=fonts)
    return pdf


_pdf_lock = threading.Lock()


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
