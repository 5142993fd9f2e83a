"""`python -m bench`: run every benchmark module's `main()` in turn."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import bench


def run_all(names: list[str]) -> None:
    found = sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_"))
    for name in names or found:
        module = importlib.import_module(f"bench.{name}")
        print(f"== {name}")
        module.main()
        print()


if __name__ == "__main__":
    run_all(sys.argv[1:])
