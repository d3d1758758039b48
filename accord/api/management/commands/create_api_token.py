"""Give a partner system (the member platform, the billing service's tool) its API token.

A service account is an intake account: it may file cases and read back only those it
recorded. It has no usable password, so it can never log in to the staff pages.

The token is printed once, when it is created: Accord stores only its SHA-256. Run again, the
command cannot show it; `--rotate` makes a new one (the old one stops working at once).
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accord.accounts.models import Role, User
from accord.api.models import ApiToken
from accord.api.services import api_token_create
from accord.cases.models import Channel


class Command(BaseCommand):
    help = "Create (if absent) an intake service account and print its new API token, once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--rotate", action="store_true", help="Replace the account's token: the old one stops working."
        )

    def handle(self, username, rotate=False, **options):
        with transaction.atomic():
            user = User.objects.select_for_update().filter(username=username).first()
            if user is None:
                user = User(username=username, role=Role.INTAKE, intake_unit=Channel.API)
                user.set_unusable_password()
                user.save()
                self.stderr.write(f"Created the service account {username!r} (intake, no password).")
            elif user.role != Role.INTAKE or not user.is_active:
                raise CommandError(
                    f"{username!r} exists and is not an active intake account: tokens are for service accounts."
                )
            if ApiToken.objects.filter(user=user).exists() and not rotate:
                raise CommandError(
                    f"{username!r} already has a token. It was shown once, when it was created, and Accord keeps "
                    "only its hash, so it cannot be shown again. Use --rotate to replace it "
                    "(the old token stops working at once)."
                )
            key = api_token_create(user=user)
        if rotate:
            self.stderr.write("New token: the previous one no longer works.")
        self.stderr.write("Keep this token now: it will not be shown again.")
        # Only the token on stdout, so that scripts can capture it.
        self.stdout.write(key)
