"""`accord create-token USERNAME`: issue an API token and print it (it is shown only once)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accord.accounts.services import token_create


class Command(BaseCommand):
    help = (
        "Create an API token for USERNAME and print it. Send it as "
        "`Authorization: Bearer <token>`. Only its hash is stored, so keep it safe."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="API token", help="A label for the token.")

    def handle(self, *args, username: str, name: str, **options):
        User = get_user_model()
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(
                f"There is no user called {username!r}. Check the spelling, or create the "
                "user first (accord createsuperuser, or accord create-demo-users)."
            ) from exc
        if not user.is_active:
            raise CommandError(f"The user {username!r} is not active, so a token would not work.")
        self.stdout.write(token_create(user=user, name=name))
