"""Documents and letters (issue 10): a Stage 1 letter as PDF and as Word, and verifying a copy among 100,000 versions.

Targets: PDF median under 100 ms, Word under 30 ms, a verification under 50 ms. Each is printed beside a
baseline measured in the same run: WeasyPrint rendering a fixed one-page HTML letter; python-docx
opening and saving the same Word template unfilled; reading one complaint by its primary key. Beside
them, the letter made without the caches (docxtpl's own open, render and save; WeasyPrint parsing the
stylesheet and configuring fonts afresh), and the machine's load average, as the cores may be shared. Runs in
a child process on its own temporary SQLite database (or `DATABASE_URL`'s PostgreSQL, as `_bench`).
"""

from __future__ import annotations

import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

VERSIONS = int(os.environ.get("BENCH_VERSIONS", "100000"))
ROUNDS = 30
FIXED_HTML = "<html><body><h1>Northshire County Council</h1>" + "<p>Dear Ms A, thank you for your letter.</p>" * 30 + "</body></html>"


def _median_ms(run: Callable[[], object], rounds: int = ROUNDS) -> float:
    run()  # warm
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        run()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def _child() -> None:
    import django

    django.setup()
    import io

    import docx
    import weasyprint
    from django.core.management import call_command
    from django.db import connection
    from django.template.loader import render_to_string

    from redress.complaints.models import Complaint
    from redress.complaints.services import complaint_import
    from redress.councils.models import Council, Role, User
    from redress.documents.letters import default_template, letter_content, render, render_docx
    from redress.documents.models import Document, DocumentVersion
    from redress.documents.selectors import copies_matching

    call_command("migrate", verbosity=0)
    council = Council.objects.create(name="Bench Council", slug="bench", reference_prefix="BC")
    user = User.objects.create_user("bench@example.org", "a-long-bench-password", council=council, role=Role.MANAGER)
    import datetime as dt
    today = dt.date(2024, 7, 1)
    complaint = complaint_import(council=council, by=user, today=today, data={
        "procedure": "children-england",
        "points": [{"id": f"P{i}", "text": f"Point {i} of the complaint", "about": "practice"} for i in range(1, 6)],
        "events": [
            {"date": "2024-06-03", "type": "complaint.received", "complainant": {"role": "parent"}},
            {"date": "2024-06-14", "type": "stage1.responded", "findings": {f"P{i}": "upheld" for i in range(1, 6)},
             "basis": "We read the records and spoke to the team.", "remedy": "An apology and a new assessment."},
        ]})
    letter = letter_content(complaint, "stage1-response", today=today)
    template = default_template()

    baseline_pdf = _median_ms(lambda: weasyprint.HTML(string=FIXED_HTML).write_pdf())
    pdf = _median_ms(lambda: render(letter_content(complaint, "stage1-response", today=today), "pdf"))

    def unfilled_docx() -> None:
        document = docx.Document(io.BytesIO(template))
        document.save(io.BytesIO())

    baseline_docx = _median_ms(unfilled_docx)
    word = _median_ms(lambda: render(letter, "docx"))
    docxtpl_whole = _median_ms(lambda: render_docx(letter, template))  # docxtpl's own way: open, render, save

    css = (Path(__file__).resolve().parents[1] / "redress/documents/templates/documents/letter_pdf.css").read_text()

    def pdf_uncached() -> None:  # the letter's HTML with its stylesheet inline and a new font configuration
        html = render_to_string("documents/letter_pdf.html", {"letter": letter.context, "kind": "stage1-response"})
        weasyprint.HTML(string=html.replace("</head>", f"<style>{css}</style></head>")).write_pdf()

    pdf_fresh = _median_ms(pdf_uncached)

    documents = Document.objects.bulk_create(
        Document(council=council, complaint=complaint, title=f"Record {n}", kind="record") for n in range(VERSIONS // 100))
    began = time.perf_counter()
    batch = []
    for n in range(VERSIONS):
        batch.append(DocumentVersion(document=documents[n // 100], number=n % 100 + 1, file=f"bench/{n}.txt",
                                     original_name=f"{n}.txt", sha256=hashlib.sha256(str(n).encode()).hexdigest(),
                                     size=10, media_type="text/plain"))
        if len(batch) == 5000:
            DocumentVersion.objects.bulk_create(batch)
            batch = []
    DocumentVersion.objects.bulk_create(batch)
    filled = time.perf_counter() - began
    hit = hashlib.sha256(str(VERSIONS // 2).encode()).hexdigest()
    assert len(copies_matching(council=council, sha256=hit)) == 1
    verify_hit = _median_ms(lambda: copies_matching(council=council, sha256=hit), 100)
    verify_miss = _median_ms(lambda: copies_matching(council=council, sha256="0" * 64), 100)
    by_pk = _median_ms(lambda: Complaint.objects.get(pk=complaint.pk), 100)

    print(f"load average (1, 5, 15 min) at the end of the letters: {_load()}")
    print(f"PDF Stage 1 letter: median {pdf:.1f} ms (target < 100 ms: {'met' if pdf < 100 else 'NOT met'}); "
          f"{pdf / baseline_pdf:.1f}x WeasyPrint rendering a fixed one-page HTML letter ({baseline_pdf:.1f} ms); "
          f"the same letter with its stylesheet parsed and fonts configured afresh: {pdf_fresh:.1f} ms")
    print(f"Word Stage 1 letter: median {word:.1f} ms (target < 30 ms: {'met' if word < 30 else 'NOT met'}); "
          f"{word / baseline_docx:.1f}x python-docx opening and saving the template unfilled ({baseline_docx:.1f} ms); "
          f"docxtpl's own open, render and save: {docxtpl_whole:.1f} ms")
    print(f"load average at the end of the verifications: {_load()}")
    print(f"verify a copy among {VERSIONS:,} versions ({connection.vendor}; filled in {filled:.1f} s): median "
          f"{verify_hit:.2f} ms for a match, {verify_miss:.2f} ms for none (target < 50 ms: "
          f"{'met' if max(verify_hit, verify_miss) < 50 else 'NOT met'}); {verify_hit / by_pk:.1f}x reading one "
          f"complaint by primary key ({by_pk:.2f} ms)")


def main() -> None:
    handle, path = tempfile.mkstemp(prefix="redress-documents-bench-", suffix=".sqlite3")
    os.close(handle)
    media = tempfile.mkdtemp(prefix="redress-documents-bench-media-")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "REDRESS_TESTING": "true",
           "REDRESS_MEDIA_ROOT": media, "DJANGO_SETTINGS_MODULE": "redress.settings"}
    try:
        subprocess.run([sys.executable, "-m", "bench.bench_documents", "--child"], env=env, check=True)
    finally:
        Path(path).unlink(missing_ok=True)


if __name__ == "__main__":
    if "--child" in sys.argv:
        _child()
    else:
        main()
