"""`redress api-token create --user EMAIL [--name NAME]`: print a new API token on the last line."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from redress.councils.errors import DomainError
from redress.councils.models import User
from redress.councils.tokens import api_token_create


class Command(BaseCommand):
    help = "Make API tokens. The token is printed once, on the last line; only its hash is kept."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=CommandParser)
        create = sub.add_parser("create", help="make a token for a user")
        create.add_argument("--user", required=True, help="the user's email address")
        create.add_argument("--name", default="", help="what the token is for")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["user"].strip().lower()
        user = User.objects.filter(email=email).first()
        if user is None:
            raise CommandError(f"No user with the email address {email}")
        try:
            record, token = api_token_create(user=user, name=options["name"])
        except DomainError as error:
            raise CommandError(error.message) from None
        self.stdout.write(f"Token {record.prefix}… made for {user.email} ({user.council}). It is shown only once:")
        self.stdout.write(token)
