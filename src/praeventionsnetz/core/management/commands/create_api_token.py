"""praeventionsnetz create_api_token USERNAME [--name NAME]: a personal API key, printed once."""

from django.core.management.base import BaseCommand, CommandError

from praeventionsnetz.core import tokens
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.models import User


class Command(BaseCommand):
    help = "Creates a personal API key for a user and prints it once (only its hash is kept)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Kommandozeile", help="what the key is for")

    def handle(self, *args, username: str, name: str, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Kein Konto mit dem Namen „{username}“.")
        try:
            token, key = tokens.token_create(user=user, name=name)
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(
            f"Schlüssel „{token.name}“ für {user.get_username()} erstellt. Er wird nur jetzt "
            "gezeigt; gespeichert ist nur sein Hash."
        )
        self.stdout.write(key)
