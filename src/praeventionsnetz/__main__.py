"""The `praeventionsnetz` console script: Django's management commands with our settings."""

import os
import sys

# Commands that answer web requests, or do their work (db_worker runs the background tasks
# the web starts, so it needs the same SECRET_KEY); every other command (compute_index,
# network_metrics, migrate, …) serves none and may run without a configured SECRET_KEY.
WEB_COMMANDS = frozenset({"runserver", "testserver", "db_worker"})


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praeventionsnetz.config.settings")
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    os.environ["PRAEVENTIONSNETZ_WEB"] = "1" if command in WEB_COMMANDS else "0"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
