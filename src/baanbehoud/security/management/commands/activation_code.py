"""`baanbehoud activation_code USERNAME`: a one-time code to link an authenticator app (the
first login, or after a lost phone). Any app linked before stops working."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from baanbehoud.organisations.models import User
from baanbehoud.security.enrolment import VALID_DAYS, issue_code


class Command(BaseCommand):
    help = "Maak een activeringscode voor de tweestapsverificatie van een gebruiker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"Geen actieve gebruiker '{options['username']}'.")
        code = issue_code(user=user)
        self.stdout.write(f"{code}  ({VALID_DAYS} dagen geldig, werkt één keer)")
