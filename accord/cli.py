"""The `accord` command: Django's management commands, with the partnership's own names."""

import os
import sys

# Friendly names for the commands people type; anything else passes straight to Django.
ALIASES = {
    "serve": "serve",
    "load-example": "load_example",
    "create-token": "create_token",
    "create-demo-users": "create_demo_users",
    "send-reminders": "send_reminders",
}


def main(argv: list[str] | None = None, prog: str = "accord") -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args:
        args[0] = ALIASES.get(args[0], args[0])
    execute_from_command_line([prog, *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
