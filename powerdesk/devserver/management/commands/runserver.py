"""``powerdesk runserver``: Django's development server, with DEBUG asked for only.

DEBUG is off unless ``POWERDESK_DEBUG=1``. Without it this server would redirect every request
to HTTPS (``POWERDESK_TLS`` follows DEBUG: on behind nginx), which it cannot speak, and its pages
would ask for static files never collected: it says so and stops, naming the two ways to serve.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from whitenoise.runserver_nostatic.management.commands.runserver import (
    Command as WhiteNoiseRunserver,
)


class Command(WhiteNoiseRunserver):  # type: ignore[misc]
    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "runserver is the development server and DEBUG is off: set POWERDESK_DEBUG=1 on "
                "your own machine (its debug pages show tracebacks), or serve as in production "
                "with `make run` or `POWERDESK_TLS=0 powerdesk serve` (plain HTTP)."
            )
        super().handle(*args, **options)
