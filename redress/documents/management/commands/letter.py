"""`redress letter --council SLUG --complaint REF KIND --format pdf|docx --output FILE`: a letter as it stands today.

Writes the file and records nothing (sending a letter, which records `letter.sent`, is on the
complaint's Letters page). A letter the history cannot fill yet is one line naming what it lacks, exit 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404
from django.utils import timezone

from redress.complaints.selectors import complaint_get_by_reference
from redress.councils.errors import DomainError
from redress.councils.models import Council
from redress.documents.letters import letter_content, render
from redress.documents.services import council_template, template_bytes, template_id


def council_named(slug: str) -> Council:
    council = Council.objects.filter(slug=slug).first()
    if council is None:
        raise CommandError(f"No council {slug!r}; the councils are {', '.join(Council.objects.values_list('slug', flat=True)) or 'none'}")
    return council


class Command(BaseCommand):
    help = "Write one letter of a complaint, filled from its history as it stands today, as PDF or Word."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", help="the letter, e.g. acknowledgement, stage1-response (see the Letters page)")
        parser.add_argument("--council", required=True, help="the council's slug")
        parser.add_argument("--complaint", required=True, help="the complaint's reference, e.g. NC-2024-0007")
        parser.add_argument("--format", choices=["pdf", "docx"], default="pdf")
        parser.add_argument("--output", required=True, help="the file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        council = council_named(options["council"])
        try:
            complaint = complaint_get_by_reference(council=council, reference=options["complaint"])
        except Http404:
            raise CommandError(f"No complaint {options['complaint']} in {council.name}", returncode=2) from None
        try:
            content = letter_content(complaint, options["kind"], today=timezone.localdate())
            template = council_template(council, complaint.procedure, options["kind"]) if options["format"] == "docx" else None
            rendered = render(content, options["format"], template=template_bytes(template), template_id=template_id(template))
        except DomainError as error:
            raise CommandError(error.message, returncode=2) from None
        output = Path(options["output"])
        try:
            output.write_bytes(rendered.content)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}", returncode=2) from None
        self.stdout.write(f"Wrote the {content.letter.title.lower()} of {complaint.reference} to {output} "
                          f"({len(rendered.content):,} bytes)")
