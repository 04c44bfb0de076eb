from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from everthread.core.errors import DomainError
from everthread.core.models import ApiToken, Staff
from everthread.core.services import token_create, token_revoke


class Command(BaseCommand):
    help = "Create, list and revoke API bearer tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="print a new token for USERNAME")
        create.add_argument("username")
        create.add_argument("--name", default="", help="what the token is for")
        listing = actions.add_parser("list", help="list tokens (never their secrets)")
        listing.add_argument("username", nargs="?")
        revoke = actions.add_parser("revoke", help="revoke the token with PREFIX")
        revoke.add_argument("prefix")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        try:
            getattr(self, f"_{action}")(**options)
        except DomainError as error:
            raise CommandError(error.message) from None

    def _create(self, *, username: str, name: str, **_: Any) -> None:
        staff = Staff.objects.filter(username=username).first()
        if staff is None:
            raise CommandError(f"No staff member has the username {username!r}.")
        secret = token_create(staff=staff, name=name)[1]
        self.stdout.write(secret)

    def _list(self, *, username: str | None, **_: Any) -> None:
        tokens = ApiToken.objects.select_related("staff")
        if username:
            tokens = tokens.filter(staff__username=username)
        for token in tokens:
            state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.revoked_at else "active"
            used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
            self.stdout.write(
                f"{token.prefix}  {token.staff.username:<16} {state:<18} used {used}  {token.name}"
            )

    def _revoke(self, *, prefix: str, **_: Any) -> None:
        token = token_revoke(prefix=prefix)
        self.stdout.write(f"Revoked {token.prefix} ({token.staff.username}).")
