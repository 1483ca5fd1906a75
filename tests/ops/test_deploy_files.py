"""The files of the deployment guide (``deploy/``) are the ones the guide shows, run commands
that exist, and start every background service that ``make run`` starts."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
GUIDE = (ROOT / "docs" / "deployment.md").read_text()
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))


def fenced(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", GUIDE, flags=re.DOTALL)


def exec_start(unit: Path) -> list[str]:
    (line,) = re.findall(r"^ExecStart=(.*)$", unit.read_text(), flags=re.MULTILINE)
    return shlex.split(line)


def powerdesk_command(unit: Path) -> list[str]:
    argv = exec_start(unit)
    if argv[:2] == ["/bin/sh", "-c"]:  # the backup's date is made by a shell
        argv = shlex.split(argv[2])
        assert argv[0] == "exec"
        argv = argv[1:]
    assert argv[0] in ("/srv/powerdesk/app/.venv/bin/powerdesk", ".venv/bin/powerdesk"), argv
    return argv[1:]


def test_every_unit_runs_a_powerdesk_command_that_exists() -> None:
    commands = get_commands()
    for unit in UNITS:
        command = powerdesk_command(unit)
        assert command[0] in commands, f"{unit.name}: no command {command[0]!r}"


def test_every_unit_runs_as_powerdesk_with_the_settings_and_a_read_only_system() -> None:
    for unit in UNITS:
        text = unit.read_text()
        for line in (
            "User=powerdesk",
            "EnvironmentFile=/etc/powerdesk.env",
            "WorkingDirectory=/srv/powerdesk/app",
            "ProtectSystem=strict",
            "PrivateTmp=true",
        ):
            assert f"\n{line}\n" in text, f"{unit.name} lacks {line}"
        assert "ReadWritePaths=/srv/powerdesk/" in text, unit.name


def test_the_guide_shows_the_web_unit_and_the_nginx_site_as_they_are_shipped() -> None:
    web = (DEPLOY / "systemd" / "powerdesk-web.service").read_text()
    assert web in fenced("ini")
    site = (DEPLOY / "nginx" / "powerdesk.conf").read_text()
    (shown,) = fenced("nginx")
    assert shown in site


def test_the_guide_names_every_unit() -> None:
    for unit in [*UNITS, *(DEPLOY / "systemd").glob("*.timer")]:
        assert unit.name.removesuffix(".service") in GUIDE, f"{unit.name} is not in the guide"


def test_production_starts_every_background_service_that_make_run_starts() -> None:
    serve = (ROOT / "scripts" / "serve.sh").read_text()
    developed = {
        m.group(1) for m in re.finditer(r"^supervise \S+ \S+ \S+ powerdesk (\S+)", serve, re.M)
    }
    developed.discard("sms_gateway")  # the demo's pretend SMS gateway
    assert developed, "scripts/serve.sh starts no service any more?"
    production = {powerdesk_command(unit)[0] for unit in UNITS}
    assert developed <= production, f"no unit runs {sorted(developed - production)}"


def test_every_task_queue_has_its_worker_in_make_run_and_in_production() -> None:
    # A queue nobody serves keeps its tasks for ever; the training queue has its own worker so
    # that a text message never waits behind a model being trained.
    from django.conf import settings

    serve = (ROOT / "scripts" / "serve.sh").read_text()
    developed = set(re.findall(r"powerdesk worker --queue-name (\S+)", serve))
    production = {
        argv[argv.index("--queue-name") + 1]
        for argv in map(powerdesk_command, UNITS)
        if argv[0] == "worker"
    }
    assert set(settings.TASK_QUEUES) == developed == production == {"default", "training"}


def test_every_task_worker_unit_is_watched_as_make_run_watches_it() -> None:
    """A hung worker (alive, not beating) is restarted in production as under ``make run``:
    systemd's watchdog with the limit ``/healthz`` judges by (STALE_AFTER)."""
    from powerdesk.ops.heartbeat import STALE_AFTER

    workers = [u for u in UNITS if powerdesk_command(u)[0] == "worker"]
    assert workers
    for unit in workers:
        limit = re.findall(r"^WatchdogSec=(\d+)$", unit.read_text(), flags=re.MULTILINE)
        assert limit == [str(int(STALE_AFTER.total_seconds()))], unit.name
