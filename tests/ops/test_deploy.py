"""Production settings pass ``check --deploy``; ``powerdesk serve`` refuses a development
configuration; every page is served under a Content-Security-Policy it can live with."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from django.test import Client

from tests.base import BaseTestCase

PRODUCTION = {
    "POWERDESK_DEBUG": "0",
    "POWERDESK_SECRET_KEY": "k3Jx9-production-like-key-Q7w2vN8mZ1pL4sT6yR0bC5dF3gH8jK2aE9uI",
    "POWERDESK_ALLOWED_HOSTS": "powerdesk.example.cn",
    "POWERDESK_CACHE_URL": "locmem://",
}
TEMPLATES = Path(__file__).resolve().parents[2] / "powerdesk"


def powerdesk(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("POWERDESK_") and k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")
    }
    environ.update({"DJANGO_SETTINGS_MODULE": "powerdesk.settings", **env})
    return subprocess.run(
        [sys.executable, "-m", "powerdesk", *args],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    env = {**PRODUCTION, "POWERDESK_DATA_DIR": str(tmp_path)}
    done = powerdesk(env, "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_serve_refuses_debug_and_the_development_key(tmp_path: Path) -> None:
    debug = powerdesk({"POWERDESK_DEBUG": "1", "POWERDESK_DATA_DIR": str(tmp_path)}, "serve")
    assert debug.returncode != 0
    assert "DEBUG is on" in debug.stderr
    dev_key = powerdesk(
        {
            **PRODUCTION,
            "POWERDESK_SECRET_KEY": "powerdesk-development-key-not-for-production",
            "POWERDESK_DATA_DIR": str(tmp_path),
        },
        "serve",
    )
    assert dev_key.returncode != 0
    assert "old development key, published" in dev_key.stderr


def test_no_template_has_an_inline_script_or_handler() -> None:
    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>")
    handler = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
    for template in TEMPLATES.glob("*/templates/**/*.html"):
        text = template.read_text()
        assert not inline.search(text), f"inline <script> in {template}"
        assert not handler.search(text), f"inline on...= handler in {template}"
        assert "hx-on" not in text and "js:" not in text, f"evaluated htmx in {template}"
        # An hx-trigger filter ("every 1s [cond]") is evaluated as a script: the policy refuses it.
        assert not re.search(r'hx-trigger="[^"]*\[', text), f"hx-trigger filter in {template}"


class CspTests(BaseTestCase):
    def test_pages_carry_a_policy_that_allows_only_this_site_s_scripts(self) -> None:
        self.login(self.clerk)
        response = self.client.get("/desk/intake/")
        policy = response["Content-Security-Policy"]
        self.assertIn("script-src 'self'", policy)
        self.assertNotIn("unsafe-eval", policy)
        self.assertNotIn("'unsafe-inline'", policy.split("script-src")[1].split(";")[0])
        self.assertIn("frame-ancestors 'none'", policy)

    def test_behind_nginx_the_client_address_comes_from_x_real_ip(self) -> None:
        from django.test import override_settings

        from powerdesk.lib.throttle import client_address

        seen = {}

        def remember(request: object) -> None:
            seen["address"] = client_address(request)

        with override_settings(TRUSTED_PROXIES=["127.0.0.1"]):
            from django.test import RequestFactory

            from powerdesk.ops.proxy import TrustedProxyMiddleware

            middleware = TrustedProxyMiddleware(lambda r: remember(r) or None)  # type: ignore[arg-type, return-value]
            factory = RequestFactory()
            middleware(factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7"))
            self.assertEqual(seen["address"], "203.0.113.7")
            # From anyone else the header is not believed.
            middleware(factory.get("/", REMOTE_ADDR="198.51.100.1", HTTP_X_REAL_IP="203.0.113.7"))
            self.assertEqual(seen["address"], "198.51.100.1")
        assert Client  # the module's import is used by the type checker only
