"""Fixtures for the decisions library: the seeds and the layout fixtures imported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache

from redress.decisions.services import ImportOutcome, decisions_import, load_seed_decisions, parse_paths

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NOW = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Cached statistics from one test must not answer another."""
    cache.clear()


@pytest.fixture
def seeds(db: Any) -> ImportOutcome:
    return load_seed_decisions(now=NOW)


@pytest.fixture
def library(seeds: ImportOutcome) -> ImportOutcome:
    """The seeds and every fixture with a reference (eight more decisions)."""
    return decisions_import(items=parse_paths([FIXTURES]), now=NOW)
