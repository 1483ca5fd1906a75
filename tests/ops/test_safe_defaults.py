"""With no variable set, PowerDesk is safe: DEBUG off, error pages without tracebacks, and a secret
key of its own, made once, kept in the data folder for its owner only and used again at every
start, by every process of the machine alike; a shared database asks for a key given."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

from tests.ops.processes import ROOT, fresh_environment, fresh_run

SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.DEBUG, s.TLS, s.SECRET_KEY, getattr(s, 'SECRET_KEY_SOURCE', None)]))"
)
REFUSALS = (
    "import django, json; django.setup(); "
    "from powerdesk.ops.management.commands.serve import serve_refusals; "
    "print(json.dumps(serve_refusals()))"
)
# A page that is not there, and a view that fails, asked of the product's own URLs with the
# default settings (static files under their own names: no collectstatic needed for the 404
# page's links; the storage has nothing to do with DEBUG).
ERROR_PAGES = """
import django
django.setup()
from django.test import Client, override_settings
from django.urls import path
import powerdesk.urls

def fails(request):
    raise RuntimeError("the-failure-s-own-words")

powerdesk.urls.urlpatterns.append(path("fails/", fails))
plain = {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES=plain):
    client = Client(raise_request_exception=False)
    for address in ("/no-such-page/", "/fails/"):
        answer = client.get(address, secure=True)  # as nginx passes it on (TLS is on by default)
        print(answer.status_code, answer.content.decode().replace(chr(10), " "))
"""


def _run(script: str, data_dir: Path, **env: str) -> str:
    # A file made without its own mode would be readable (and writable) by anyone: umask 0.
    done = fresh_run([sys.executable, "-c", script], data_dir, umask=0, **env)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_debug_is_off_and_tls_on_when_nothing_is_set(tmp_path: Path) -> None:
    debug, tls, _, _ = json.loads(_run(SETTINGS, tmp_path))
    assert debug is False
    assert tls is True


def test_a_key_is_made_once_kept_for_its_owner_only_and_used_again(tmp_path: Path) -> None:
    _, _, key, source = json.loads(_run(SETTINGS, tmp_path))
    kept = tmp_path / "secret_key"
    assert source == "data folder"
    assert kept.read_text().strip() == key
    assert len(key) >= 50
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    _, _, again, _ = json.loads(_run(SETTINGS, tmp_path))
    assert again == key
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    # Another data folder, another key: none is written in the code.
    _, _, other, _ = json.loads(_run(SETTINGS, tmp_path / "other"))
    assert other != key


def test_processes_starting_at_once_on_a_fresh_folder_share_one_key(tmp_path: Path) -> None:
    started = [
        subprocess.Popen(
            [sys.executable, "-c", SETTINGS],
            env=fresh_environment(tmp_path),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]
    keys = set()
    for process in started:
        out, err = process.communicate(timeout=180)
        assert process.returncode == 0, err
        keys.add(json.loads(out.strip().splitlines()[-1])[2])
    assert keys == {(tmp_path / "secret_key").read_text().strip()}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_key_kept_readable_by_others_is_made_private_and_kept(tmp_path: Path) -> None:
    kept = tmp_path / "secret_key"
    kept.write_text("an-older-key-made-by-make-run-with-the-usual-umask-0123456789\n")
    kept.chmod(0o644)
    _, _, key, _ = json.loads(_run(SETTINGS, tmp_path))
    assert key == "an-older-key-made-by-make-run-with-the-usual-umask-0123456789"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_a_given_key_is_used_and_a_blank_one_is_no_key(tmp_path: Path) -> None:
    given = "a-key-given-by-the-operator-0123456789-abcdefghijklmnopqrstuvwxyz"
    _, _, key, source = json.loads(_run(SETTINGS, tmp_path, POWERDESK_SECRET_KEY=given))
    assert (key, source) == (given, "environment")
    assert not (tmp_path / "secret_key").exists()
    _, _, key, source = json.loads(_run(SETTINGS, tmp_path, POWERDESK_SECRET_KEY="  "))
    assert source == "data folder"
    assert key == (tmp_path / "secret_key").read_text().strip()


def test_serve_takes_the_kept_key_on_sqlite_and_refuses_it_on_a_shared_database(
    tmp_path: Path,
) -> None:
    assert json.loads(_run(REFUSALS, tmp_path)) == []
    shared = "postgres://powerdesk:powerdesk@127.0.0.1:5432/nowhere"
    refusals = json.loads(_run(REFUSALS, tmp_path, DATABASE_URL=shared, POWERDESK_SECRET_KEY=""))
    assert len(refusals) == 1
    assert "every web server of a shared database must be given the same key" in refusals[0]
    given = {"POWERDESK_SECRET_KEY": "k3Jx9-production-like-key-Q7w2vN8mZ1pL4sT6yR0bC5dF3gH8jK2a"}
    assert json.loads(_run(REFUSALS, tmp_path, DATABASE_URL=shared, **given)) == []
    # Asked for, DEBUG is a developer's: the production server refuses it.
    refusals = json.loads(_run(REFUSALS, tmp_path, POWERDESK_DEBUG="1"))
    assert refusals and "DEBUG is on" in refusals[0]


def test_error_pages_show_no_traceback_by_default(tmp_path: Path) -> None:
    done = fresh_run([sys.executable, "-c", ERROR_PAGES], tmp_path)
    assert done.returncode == 0, done.stderr
    missing, failed = done.stdout.strip().splitlines()[-2:]
    assert missing.startswith("404 ")
    assert failed.startswith("500 ")
    for page in (missing, failed):
        assert "Traceback" not in page
        assert "the-failure-s-own-words" not in page
        assert "powerdesk.urls" not in page  # Django's debug 404 lists the URL patterns
        assert "SECRET_KEY" not in page


def test_the_development_server_asks_for_debug(tmp_path: Path) -> None:
    done = fresh_run(
        [sys.executable, "-m", "powerdesk", "runserver", "127.0.0.1:8179", "--noreload"], tmp_path
    )
    assert done.returncode != 0
    assert "runserver is the development server and DEBUG is off" in done.stderr
    assert "POWERDESK_DEBUG=1" in done.stderr
