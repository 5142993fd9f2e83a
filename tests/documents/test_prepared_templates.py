"""A Word template is parsed once and kept by its identity and content hash; what it renders is docxtpl's own letter.

`PreparedTemplate` renders without opening the package and compiling the Jinja again for each letter
(the speed target of issue 10); these tests hold it to the letter docxtpl itself makes from the same
template and context, text for text, in the body, its tables, headers and footers.
"""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest

from redress.documents import letters
from redress.documents.letters import PreparedTemplate, default_template, prepared_template, render_docx

CONTEXT: dict[str, Any] = {
    "council": "Northshire County Council", "date": "1 July 2024", "complainant_name": "Ms A <& Co>",
    "complainant_address": ["1 High Street", "Northtown NT1 1AA"], "reference": "NC-2024-0007",
    "subject": "Your complaint: our Stage 1 response", "officer_name": "Olive Officer",
    "sections": [{"heading": "What we found", "lines": ["P1 was upheld.", "P2 was not upheld."]},
                 {"heading": "Your right to Stage 2", "lines": ["You may ask for Stage 2 by Fri 14 Jun 2024."]}],
}


class _Letter:
    context = CONTEXT


def _texts(content: bytes) -> list[str]:
    """Every paragraph's text, in the body, its tables, and each section's header and footer."""
    document = docx.Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts.extend(cell.text for row in table.rows for cell in row.cells)
    for section in document.sections:
        texts.extend(p.text for p in section.header.paragraphs)
        texts.extend(p.text for p in section.footer.paragraphs)
    return texts


def _council_template(subject: str = "{{ subject }}") -> bytes:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "{{ council }}: {{ reference }}"
    document.sections[0].footer.paragraphs[0].text = "Page footer for {{ complainant_name }}"
    document.add_paragraph(subject, style="Heading 1")
    table = document.add_table(rows=4, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Heading", "What it says"
    table.cell(1, 0).text = "{%tr for section in sections %}"
    table.cell(2, 0).text, table.cell(2, 1).text = "{{ section.heading }}", "{{ section.lines|join(' ') }}"
    table.cell(3, 0).text = "{%tr endfor %}"
    document.add_paragraph("{%p if officer_name %}")
    document.add_paragraph("Yours sincerely, {{ officer_name }}")
    document.add_paragraph("{%p endif %}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("template", [default_template(), _council_template()], ids=["redress", "council"])
def test_a_prepared_template_renders_the_letter_docxtpl_makes(template: bytes) -> None:
    prepared = PreparedTemplate(template)
    assert prepared.fast
    fast = prepared.render(dict(CONTEXT))
    slow = render_docx(_Letter(), template)  # type: ignore[arg-type]
    assert _texts(fast) == _texts(slow)
    assert "Ms A <& Co>" in "\n".join(_texts(fast))  # escaped in the XML, read back as written
    assert not any("{{" in t or "{%" in t for t in _texts(fast))
    assert prepared.render(dict(CONTEXT)) == fast  # the same letter again: nothing left over from the last one


def test_the_council_template_renders_its_table_rows_header_and_footer() -> None:
    texts = _texts(prepared_template(_council_template(), "council-template:1").render(dict(CONTEXT)))
    assert "Northshire County Council: NC-2024-0007" in texts and "Page footer for Ms A <& Co>" in texts
    assert "What we found" in texts and "Your right to Stage 2" in texts and "Yours sincerely, Olive Officer" in texts


def test_a_template_is_parsed_once_and_a_changed_one_is_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    letters._prepared.clear()
    made: list[bytes] = []
    original = PreparedTemplate.__init__

    def counting(self: PreparedTemplate, content: bytes) -> None:
        made.append(content)
        original(self, content)

    monkeypatch.setattr(PreparedTemplate, "__init__", counting)
    first = _council_template()
    assert prepared_template(first, "council-template:1") is prepared_template(first, "council-template:1")
    assert len(made) == 1
    changed = _council_template("Changed: {{ subject }}")  # the council uploads a new version of its template
    texts = _texts(prepared_template(changed, "council-template:1").render(dict(CONTEXT)))
    assert "Changed: Your complaint: our Stage 1 response" in texts and len(made) == 2
    prepared_template(first, "council-template:2")  # another council's template with the same bytes: its own
    assert len(made) == 3


def test_a_template_with_a_field_in_its_properties_is_rendered_by_docxtpl_itself() -> None:
    document = docx.Document(io.BytesIO(_council_template()))
    document.core_properties.title = "Letter {{ reference }}"
    out = io.BytesIO()
    document.save(out)
    prepared = PreparedTemplate(out.getvalue())
    assert not prepared.fast
    rendered = docx.Document(io.BytesIO(prepared.render(dict(CONTEXT))))
    assert rendered.core_properties.title == "Letter NC-2024-0007"


def test_the_pdf_letter_reuses_one_font_configuration_and_stylesheet() -> None:
    pytest.importorskip("weasyprint")
    assert letters._pdf_tools() is letters._pdf_tools()


def test_each_pdf_page_names_the_letter_in_its_footer(tmp_path: Any) -> None:
    """The reference is set from the letter (CSS string-set), since the stylesheet is parsed once for every letter."""
    import shutil
    import subprocess

    pytest.importorskip("weasyprint")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    import datetime as dt

    from redress.core.letters.catalogue import letter_of
    from redress.core.letters.model import LetterContent

    letter = LetterContent(letter=letter_of("children-england", "acknowledgement"), date=dt.date(2024, 7, 1),
                           context={**CONTEXT, "title": "Acknowledgement"})
    path = tmp_path / "letter.pdf"
    path.write_bytes(letters.render_pdf(letter))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "NC-2024-0007 · page 1 of 1" in text
