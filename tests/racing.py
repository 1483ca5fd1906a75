"""One page or API request sent by several clients of one user at the same moment, each in
its own thread and database connection: what a double click, a retry or two tabs do
(``sent_at_once``); or any call made so (``at_once``: two uploads reaching a service at once)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.test import Client

# A thread still running after this long (a lock never released) leaves its answer None: the
# test fails instead of hanging.
WAIT_SECONDS = 60


def at_once(send: Callable[[int], Any], n: int) -> list[Any]:
    """``send(i)`` for each ``i`` below ``n``, each in its own thread and database connection,
    all started at the same moment. Each one's answer, in order; an exception raised in a
    thread is its answer (said by the test, not lost in the thread)."""
    start = threading.Barrier(n)
    answers: list[Any] = [None] * n

    def run(i: int) -> None:
        try:
            start.wait()
            answers[i] = send(i)
        except Exception as exc:
            answers[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=WAIT_SECONDS)
    return answers


def sent_at_once(user: AbstractBaseUser, send: Callable[[Client], Any], n: int) -> list[Any]:
    """``send(client)`` by ``n`` clients logged in as ``user`` at once (``at_once``): each
    client's answer, in order."""
    clients = [Client() for _ in range(n)]
    for client in clients:
        client.force_login(user)
    return at_once(lambda i: send(clients[i]), n)
