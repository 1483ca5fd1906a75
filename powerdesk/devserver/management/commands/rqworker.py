"""``powerdesk rqworker``: django-rq's own worker, which PowerDesk does not run: on Redis too its
worker is ``powerdesk worker`` (see ``db_worker`` here)."""

from __future__ import annotations

from powerdesk.devserver.management.commands.db_worker import Command

__all__ = ["Command"]
