"""Helpers shared by the management commands."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db.models import Q

from redress.councils.models import Council


def council_from_option(value: str) -> Council:
    """The council named (or with the slug) `value`, or a CommandError listing the councils there are."""
    council = Council.objects.filter(Q(name__iexact=value.strip()) | Q(slug=value.strip().lower())).first()
    if council is None:
        names = ", ".join(Council.objects.values_list("name", flat=True)) or "none yet (run redress demo)"
        raise CommandError(f"No council called {value!r}. The councils are: {names}")
    return council
