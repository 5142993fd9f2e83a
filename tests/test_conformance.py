"""The public conformance cases in ../shared/conformance, run against the installed `redress`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
RUNNER = PROJECT.parent / "shared" / "conformance" / "run"
REDRESS = Path(sys.executable).parent / "redress"


@pytest.mark.skipif(not RUNNER.exists(), reason="../shared/conformance is not beside the checkout")
def test_the_shared_conformance_cases_all_pass() -> None:
    result = subprocess.run([str(RUNNER), str(REDRESS)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "22/22 conformance deadlines right" in result.stdout
