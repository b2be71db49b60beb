"""`baanbehoud demo`: migrate, load the demo region, print the logins, serve on port 8000."""

import os
from datetime import date
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from baanbehoud.demo.services import DEMO_PASSWORD, demo_load
from baanbehoud.organisations.models import User
from baanbehoud.security.enrolment import issue_code
from baanbehoud.security.mfa import has_confirmed_device, needs_second_factor


def activation_codes(usernames: list[str]) -> dict[str, str]:
    """With the second step on: a one-time activation code for each demo professional whose app
    is not linked yet (the first enrolment needs one, as in production)."""
    if not settings.MFA_REQUIRED:
        return {}
    return {
        user.username: issue_code(user=user)
        for user in User.objects.filter(username__in=usernames)
        if needs_second_factor(user) and not has_confirmed_device(user)
    }


class Command(BaseCommand):
    help = "Zet de demoregio Midden-Utrecht klaar en start de webserver op http://127.0.0.1:8000."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Stop na het vullen.")
        parser.add_argument("--seed", type=int, default=2020, help="Startgetal van de generator.")
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="Doe alsof het vandaag deze datum is (JJJJ-MM-DD).",
        )
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        result = demo_load(seed=options["seed"], today=options["today"])
        if result.created:
            self.stdout.write(
                f"Demoregio geladen: {result.persons} personen, {result.placements} plaatsingen."
            )
        else:
            self.stdout.write(
                f"Demoregio was al geladen: {result.persons} personen, {result.placements} plaatsingen."
            )
        self.stdout.write(
            "\nInloggen kan met deze namen, allemaal met wachtwoord " + DEMO_PASSWORD + ":"
        )
        codes = activation_codes([login.username for login in result.logins])
        for login in result.logins:
            code = f"  activeringscode {codes[login.username]}" if login.username in codes else ""
            self.stdout.write(f"  {login.username:<18} {login.description}{code}")
        if settings.MFA_REQUIRED:
            self.stdout.write(
                "\nTweestapsverificatie staat aan: professionals koppelen bij het eerste inloggen "
                "een authenticator-app, met de activeringscode hierboven."
            )
        else:
            self.stdout.write(
                "\nTweestapsverificatie staat uit in deze demo (in productie staat zij aan). "
                "Start met MFA_REQUIRED=1 om haar te zien."
            )
        if not options["no_serve"]:
            # Links in e-mails and calendar feeds point where this demo is served (issue 17 §7),
            # unless SITE_URL says otherwise.
            if not os.environ.get("SITE_URL"):
                settings.SITE_URL = f"http://{options['addrport']}"
            # The demo shows the pages users get, also when something is not found or not
            # allowed: the Dutch error pages, not Django's debug pages (DEBUG=1 brings those).
            if "DEBUG" not in os.environ:
                settings.DEBUG = False
            self.stdout.write(
                f"\nOpen http://{options['addrport']}/ in de browser. Stoppen: Ctrl+C."
            )
            call_command(
                "runserver", options["addrport"], use_reloader=False, insecure_serving=True
            )
