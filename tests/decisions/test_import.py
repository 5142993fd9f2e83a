"""`redress decisions import`: idempotent by reference, refusals with reasons, search kept in step."""

from __future__ import annotations

import datetime as dt
import io
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction

from redress.decisions.models import Decision
from redress.decisions.selectors import DecisionFilters, decision_search
from redress.decisions.services import (
    SEEDS_DIR,
    ImportOutcome,
    decision_fields,
    decisions_import,
    parse_file,
    parse_files,
    parse_paths,
    writers_for,
)
from tests.decisions.conftest import FIXTURES, NOW

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("decisions", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_seeds_are_imported_with_every_field(seeds: ImportOutcome) -> None:
    assert len(seeds.new) == 5 and not seeds.refused
    decision = Decision.objects.get(reference="19 011 904")
    assert decision.authority == "Staffordshire County Council"
    assert decision.outcome == "Upheld"
    assert decision.decision_date == dt.date(2020, 9, 22)
    assert decision.payments_total_gbp == 300
    assert decision.payments[0] == {"amount_gbp": 200, "purpose": "in recognition of the needless humiliation she felt at the ICPC"}
    assert decision.actions[0] == {"action": "Apologise to Miss X in writing", "deadline": "within four weeks"}
    assert decision.to_json()["payments_total_gbp"] == 300
    kent = Decision.objects.get(reference="24 002 308")
    assert kent.other_body_codes == ["information-commissioner", "social-work-england"]
    assert kent.reason_codes == ["insufficient-evidence-of-fault", "other-body-better-placed"]
    assert kent.slug == "24002308"
    assert str(kent) == "Kent County Council (24 002 308)"


def test_a_second_import_changes_nothing_and_says_so(seeds: ImportOutcome) -> None:
    before = list(Decision.objects.order_by("reference").values_list("id", "updated_at"))
    out = run("import", str(SEEDS_DIR))
    assert out.startswith("5 files: 0 new, 0 updated, 5 unchanged, 0 refused.")
    assert list(Decision.objects.order_by("reference").values_list("id", "updated_at")) == before


def test_a_changed_text_updates_the_same_decision(seeds: ImportOutcome, tmp_path: Path) -> None:
    original = (SEEDS_DIR / "004_137518ef3d5868ae.txt").read_text()
    (tmp_path / "kent-corrected.txt").write_text(original.replace("rude hand gestures", "rude gestures"))
    decision_id = Decision.objects.get(reference="24 002 308").pk
    out = run("import", str(tmp_path))
    assert out.startswith("1 file: 0 new, 1 updated, 0 unchanged, 0 refused.")
    decision = Decision.objects.get(reference="24 002 308")
    assert decision.pk == decision_id and "rude gestures" in decision.text
    assert decision.source.endswith("kent-corrected.txt")
    assert Decision.objects.count() == 5
    assert [d.reference for d in decision_search(DecisionFilters(query="gestures"))] == ["24 002 308"]
    assert list(decision_search(DecisionFilters(query="hand gestures"))) == []


def test_refusals_are_listed_with_reasons_and_save_nothing(db: Any, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "copy.txt").write_bytes((SEEDS_DIR / "001_c5a7fa79304e3e98.txt").read_bytes())
    paths = [str(SEEDS_DIR / "001_c5a7fa79304e3e98.txt"), str(tmp_path), str(FIXTURES / "mirror_summary.txt"), "/no/such/folder"]
    out = io.StringIO()
    with pytest.raises(CommandError, match="4 files were refused; nothing was saved from them"):
        call_command("decisions", "import", *paths, stdout=out, stderr=io.StringIO())
    text = out.getvalue()
    assert text.startswith("5 files: 1 new, 0 updated, 0 unchanged, 4 refused.")
    assert "refused /no/such/folder: no such file or folder" in text
    assert f"refused {tmp_path / 'empty.txt'}: not a decision statement" in text
    assert f"refused {tmp_path / 'copy.txt'}: the same decision (19 011 904) as " in text
    assert "mirror_summary.txt: no reference: a copy without the decision's heading" in text
    assert list(Decision.objects.values_list("reference", flat=True)) == ["19 011 904"]


def test_an_unreadable_file_is_refused(db: Any, tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("x")
    locked.chmod(0)
    try:
        outcome = decisions_import(items=parse_paths([locked]), now=NOW)
    finally:
        locked.chmod(0o600)
    if outcome.refused and outcome.refused[0][1].startswith("cannot read"):  # root can read anything
        assert outcome.refused == [(str(locked), "cannot read the file: Permission denied")]
    else:
        assert outcome.refused == [(str(locked), "not a decision statement")]


def test_load_seeds_command(db: Any) -> None:
    assert run("load-seeds").startswith("5 files: 5 new, 0 updated, 0 unchanged, 0 refused.")
    assert run("load-seeds").startswith("5 files: 0 new, 0 updated, 5 unchanged, 0 refused.")


def test_batches_write_everything(db: Any) -> None:
    outcome = decisions_import(items=parse_paths([SEEDS_DIR, FIXTURES]), now=NOW, batch_size=2)
    assert len(outcome.new) == 13
    assert Decision.objects.count() == 13


def test_worker_processes_give_the_same_result_in_the_same_order(db: Any, tmp_path: Path) -> None:
    texts = [path.read_text() for path in sorted(SEEDS_DIR.glob("*.txt"))]
    for number in range(70):
        text = texts[number % 5]
        _, rest = text.split("\n", 1)
        (tmp_path / f"{number:03d}.txt").write_text(f"Testshire Council (30 000 {number:03d})\n{rest}")
    files = sorted(tmp_path.iterdir())
    assert [p.record for p in parse_files(files, jobs=2)] == [p.record for p in parse_files(files, jobs=1)]
    out = run("import", "--jobs", "2", str(tmp_path))
    assert out.startswith("70 files: 70 new, 0 updated, 0 unchanged, 0 refused.")
    assert Decision.objects.filter(reference="30 000 069").exists()


def test_a_file_is_made_ready_to_write_where_it_is_parsed(db: Any) -> None:
    parsed = parse_file(SEEDS_DIR / "001_c5a7fa79304e3e98.txt")
    assert parsed.record is not None and parsed.fields == decision_fields(parsed.record)
    assert parsed.fields["search_words"].startswith("Staffordshire County Council (19 011 904)")
    assert parse_file(FIXTURES / "mirror_summary.txt").fields is None  # no reference: it will be refused


def test_jobs_must_be_positive(db: Any) -> None:
    with pytest.raises(CommandError, match="--jobs must be 1 or more"):
        run("import", "--jobs", "0", str(SEEDS_DIR))


def test_every_field_is_stored_as_parsed(library: ImportOutcome) -> None:
    """What the library holds is what the parser read (COPY on PostgreSQL, INSERT on SQLite)."""
    parsed = {item.record.reference: item for item in parse_paths([SEEDS_DIR, FIXTURES]) if item.record and item.record.reference}
    stored = {decision.reference: decision for decision in Decision.objects.all()}
    assert stored.keys() == parsed.keys() and len(stored) == 13
    for reference, item in parsed.items():
        decision = stored[reference]
        assert decision.to_json() == item.record.to_json()
        assert decision.text == item.record.text and decision.source == item.source
        assert decision.imported_at == decision.updated_at == NOW


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second import waiting on the first needs PostgreSQL")
def test_two_imports_of_the_same_new_decisions_at_once_both_succeed() -> None:
    """The second waits on the first's uncommitted rows, fails on the unique reference, and tries again."""
    first_written = threading.Event()
    first: list[ImportOutcome] = []

    def import_and_hold() -> None:
        try:
            with transaction.atomic():
                first.append(decisions_import(items=parse_paths([SEEDS_DIR]), now=NOW))
                first_written.set()
                waited = 0.0
                while not _another_backend_waits_on_a_lock() and waited < 30:
                    time.sleep(0.05)
                    waited += 0.05
        finally:
            connections.close_all()

    holder = threading.Thread(target=import_and_hold)
    holder.start()
    assert first_written.wait(30)
    second = decisions_import(items=parse_paths([SEEDS_DIR]), now=NOW)  # waits for the first to commit
    holder.join(30)
    assert len(first[0].new) == 5
    assert (second.new, second.updated, len(second.unchanged), second.refused) == ([], [], 5, [])
    assert Decision.objects.count() == 5


def _another_backend_waits_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return bool(cursor.fetchone()[0])


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel writers are for PostgreSQL")
def test_two_writers_write_what_one_writes_and_report_in_the_same_order() -> None:
    before = _other_connections(expected=0, wait=0)  # the test server's, say, if it has run
    one = decisions_import(items=parse_paths([SEEDS_DIR, FIXTURES]), now=NOW, batch_size=2)
    Decision.objects.all().delete()
    two = decisions_import(items=parse_paths([SEEDS_DIR, FIXTURES]), now=NOW, batch_size=2, writers=2)
    assert (two.new, two.refused) == (one.new, one.refused) and len(two.new) == 13
    assert Decision.objects.count() == 13
    again = decisions_import(items=parse_paths([SEEDS_DIR, FIXTURES]), now=NOW, batch_size=2, writers=2)
    assert again.unchanged == one.new and not again.new
    assert _other_connections(expected=before, wait=5) == before  # the writers' connections were closed


def _other_connections(expected: int, wait: float) -> int:
    """Connections to this database besides this one, waiting up to `wait` s for there to be `expected`."""
    deadline = time.monotonic() + wait
    while True:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
            count = int(cursor.fetchone()[0])
        if count <= expected or time.monotonic() > deadline:
            return count
        time.sleep(0.05)


def test_large_imports_on_postgres_have_two_writers(db: Any) -> None:
    assert writers_for(10) == 1
    assert writers_for(50_000) == (2 if connection.vendor == "postgresql" else 1)


def test_a_field_longer_than_the_library_holds_is_refused_not_cut(db: Any, tmp_path: Path) -> None:
    text = (SEEDS_DIR / "001_c5a7fa79304e3e98.txt").read_text()
    category = "Children's care services > Child protection"
    assert category in text
    (tmp_path / "long.txt").write_text(text.replace(category, "B" * 250, 1))
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 file was refused"):
        call_command("decisions", "import", str(tmp_path), stdout=out, stderr=io.StringIO())
    assert "its category is 250 characters long, more than the 200 a published decision's can be" in out.getvalue()
    assert Decision.objects.count() == 0


def test_a_very_long_path_is_stored_by_its_end(db: Any, tmp_path: Path) -> None:
    folder = tmp_path
    for _ in range(6):
        folder = folder / ("deep-folder-" + "x" * 90)
    folder.mkdir(parents=True)
    (folder / "staffordshire.txt").write_bytes((SEEDS_DIR / "001_c5a7fa79304e3e98.txt").read_bytes())
    outcome = decisions_import(items=parse_paths([folder]), now=NOW)
    assert len(outcome.new) == 1 and len(outcome.new[0]) > 500
    source = Decision.objects.get().source
    assert len(source) == 500 and source.startswith("…") and source.endswith("/staffordshire.txt")
