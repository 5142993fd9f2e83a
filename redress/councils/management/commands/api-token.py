"""`redress api-token create|list|revoke`: make, see and revoke API tokens.

    redress api-token create --user EMAIL [--name NAME]   prints the new token on its last line
    redress api-token list [--user EMAIL]                 every token, or one person's
    redress api-token revoke ID | --user EMAIL            one token by its id, or all of a person's
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from redress.councils.errors import DomainError
from redress.councils.models import ApiToken, User
from redress.councils.tokens import api_token_create, api_token_revoke


def _user(email: str) -> User:
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    if user is None:
        raise CommandError(f"No user with the email address {email}")
    return user


def _day(value: Any) -> str:
    return "never" if value is None else f"{timezone.localtime(value):%Y-%m-%d}"


class Command(BaseCommand):
    help = "Make, list and revoke API tokens. A new token is printed once, on the last line; only its hash is kept."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=CommandParser)
        create = sub.add_parser("create", help="make a token for a user")
        create.add_argument("--user", required=True, help="the user's email address")
        create.add_argument("--name", default="", help="what the token is for")
        listing = sub.add_parser("list", help="list tokens (never the tokens themselves)")
        listing.add_argument("--user", help="only this user's tokens (email address)")
        revoke = sub.add_parser("revoke", help="stop a token, or all of a user's, working now")
        revoke.add_argument("id", nargs="?", type=int, help="the token's id, as `list` shows it")
        revoke.add_argument("--user", help="revoke every live token of this user (email address)")

    def handle(self, *args: Any, **options: Any) -> None:
        {"create": self._create, "list": self._list, "revoke": self._revoke}[options["action"]](options)

    def _create(self, options: dict[str, Any]) -> None:
        user = _user(options["user"])
        try:
            record, token = api_token_create(user=user, name=options["name"])
        except DomainError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            f"Token {record.prefix}… made for {user.email} ({user.council}), expiring {_day(record.expires_at)}."
            " It is shown only once:"
        )
        self.stdout.write(token)

    def _list(self, options: dict[str, Any]) -> None:
        tokens = ApiToken.objects.select_related("user").order_by("user__email", "-created_at")
        if options["user"]:
            tokens = tokens.filter(user=_user(options["user"]))
        now = timezone.now()
        self.stdout.write("id\tprefix\tuser\tname\tcreated\texpires\tlast used\tstatus")
        for token in tokens:
            self.stdout.write(
                f"{token.pk}\t{token.prefix}…\t{token.user.email}\t{token.name or '-'}\t{_day(token.created_at)}"
                f"\t{_day(token.expires_at)}\t{_day(token.last_used_at)}\t{token.status(now)}"
            )

    def _revoke(self, options: dict[str, Any]) -> None:
        if (options["id"] is None) == (options["user"] is None):
            raise CommandError("Give a token's id or --user EMAIL (not both)")
        if options["user"]:
            tokens = list(ApiToken.objects.filter(user=_user(options["user"]), revoked_at__isnull=True))
        else:
            token = ApiToken.objects.filter(pk=options["id"]).first()
            if token is None:
                raise CommandError(f"No API token with the id {options['id']}")
            tokens = [token]
        for token in tokens:
            try:
                revoked = api_token_revoke(token=token, by=None)
            except DomainError as error:
                raise CommandError(error.message) from None
            self.stdout.write(f"Token {revoked.pk} ({revoked.prefix}… of {revoked.user.email}) revoked")
        if not tokens:
            self.stdout.write("No live tokens to revoke")
