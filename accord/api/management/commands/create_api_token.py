"""Give a partner system (the member platform, the billing service's tool) its API token.

A service account is an intake account: it may file cases and read back only those it
recorded. It has no usable password, so it can never log in to the staff pages.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token

from accord.accounts.models import Role, User
from accord.cases.models import Channel


class Command(BaseCommand):
    help = "Create (if absent) an intake service account and print its API token."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--rotate", action="store_true", help="Replace the account's token: the old one stops working."
        )

    def handle(self, username, rotate=False, **options):
        with transaction.atomic():
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username, role=Role.INTAKE, intake_unit=Channel.API)
                user.set_unusable_password()
                user.save()
                self.stderr.write(f"Created the service account {username!r} (intake, no password).")
            elif user.role != Role.INTAKE or not user.is_active:
                raise CommandError(
                    f"{username!r} exists and is not an active intake account: tokens are for service accounts."
                )
            if rotate:
                Token.objects.filter(user=user).delete()
            token, created = Token.objects.get_or_create(user=user)
        if not created:
            self.stderr.write("This account already had a token (use --rotate to replace it).")
        # Only the token on stdout, so that scripts can capture it.
        self.stdout.write(token.key)
