"""Every letter renders, in Word and PDF, for the five seed examples and a fresh complaint.

The PDFs and Word files are written to artifacts/letters/ so a person can look at them
(`pdftoppm -png -r 60 artifacts/letters/X.pdf page` turns a PDF's pages into PNG images).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest
import yaml

from redress.complaints.services import complaint_create, complaint_import
from redress.core.letters.catalogue import letters_of
from redress.councils.models import Council, User
from redress.documents.letters import LetterError, letter_content, render

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "letters"
SEEDS = sorted((Path(__file__).resolve().parents[2] / "examples").glob("seed-*.yaml"))


def _render_all(complaint: object, today: dt.date, stem: str) -> tuple[int, list[str]]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    rendered, refused = 0, []
    reached = {e.type for e in complaint.events.all()}  # type: ignore[attr-defined]
    for letter in letters_of("children-england"):
        if letter.follows not in reached:
            continue
        try:
            content = letter_content(complaint, letter.kind, today=today)  # type: ignore[arg-type]
        except LetterError as error:
            assert letter.kind == "stage1-response" and error.code == "stage1-letter-incomplete", error.message
            refused.append(letter.kind)
            continue
        pdf, word = render(content, "pdf"), render(content, "docx")
        assert pdf.content.startswith(b"%PDF-") and len(pdf.content) > 5_000
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
        assert content.context["subject"] in text and "{{" not in text and "{%" not in text
        for section in content.context["sections"]:
            assert section["heading"] in text
        (ARTIFACTS / f"{stem}-{letter.kind}.pdf").write_bytes(pdf.content)
        (ARTIFACTS / f"{stem}-{letter.kind}.docx").write_bytes(word.content)
        rendered += 1
    return rendered, refused


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_every_letter_of_a_seed_renders_in_word_and_pdf(path: Path, council: Council, manager: User) -> None:
    data = yaml.safe_load(path.read_text())
    today = dt.date.fromisoformat(str(data.get("today") or data["events"][-1]["date"]))
    complaint = complaint_import(council=council, by=manager, data=data, today=today,
                                 complainant_name="Ms A Complainant")
    rendered, refused = _render_all(complaint, today, path.stem)
    assert rendered >= 2
    if "staffordshire" in path.stem:
        assert refused == ["stage1-response"]  # its Stage 1 letter gave no basis and no remedy (DOMAIN.md section 8)


def test_every_letter_of_a_fresh_complaint_renders(council: Council, officer: User) -> None:
    today = dt.date(2024, 7, 1)
    complaint = complaint_create(
        council=council, by=officer, complainant_name="Ms Sarah Walker", complainant_role="parent", child_name="Ellie",
        points=[{"id": "P1", "text": "Contact was cancelled three times", "about": "contact"}],
        received_on=today, today=today, contact={"complainant_address": "1 High Street\nNorthtown NT1 1AA"})
    rendered, refused = _render_all(complaint, today, "fresh")
    assert (rendered, refused) == (1, [])
