"""One page or API request sent by several clients of one user at the same moment, each in
its own thread and database connection: what a double click, a retry or two tabs do."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.test import Client


def sent_at_once(user: AbstractBaseUser, send: Callable[[Client], Any], n: int) -> list[Any]:
    """Each client's answer, in order; an exception raised in a thread is its answer (said by
    the test, not lost in the thread)."""
    clients = [Client() for _ in range(n)]
    for client in clients:
        client.force_login(user)
    start = threading.Barrier(n)
    answers: list[Any] = [None] * n

    def run(i: int) -> None:
        try:
            start.wait()
            answers[i] = send(clients[i])
        except Exception as exc:
            answers[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers
