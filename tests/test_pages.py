"""Every page of the demo station, as each of its users, shows words and not codes.

A status stored as ``dispatched`` or ``notice_given`` must reach the page as its label, and a
missing value must not reach it as ``None``. The walk starts at each login's landing page,
follows every link of the site it finds, and opens a few of each kind of detail page.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.apps import apps
from django.test import TestCase
from django.urls import Resolver404, resolve
from django.utils import timezone

from tests.demo_station import load_demo

# Each demo login by role (the liaison lands on their own village page).
LOGINS = ["gl_chief", "gl_counter", "gl_dispatch", "gl_crew1", "gl_admin", "zm_liaison"]
# Pages of one kind (one URL name and the same query keys) opened per login.
SAMPLES_PER_KIND = 3
# Not pages to read: they change state on GET, send files, or leave the site's own pages.
SKIP_PREFIXES = (
    *("/admin/", "/media/", "/static/", "/api/", "/accounts/logout/", "/i18n/"),
    "/accounts/export/",  # a list's file (each logged in the trail of exports)
)
WORD = re.compile(r"(?<![A-Za-z0-9_./-])[a-z][a-z0-9_]*(?![A-Za-z0-9_/-])")
NONE = re.compile(r"(?<![A-Za-z])None(?![A-Za-z])")


class _Page(HTMLParser):
    """The text a reader sees (not attributes, scripts or styles) and the links. A file's
    words to be typed as they are (``<code>``, ``<pre>``: the kinds of a network file's rows)
    are no codes shown for labels."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "code", "pre"):
            self._hidden += 1
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "code", "pre") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)


def status_codes() -> set[str]:
    """Every stored choice value of the project's models that is a word (not a number)."""
    codes: set[str] = set()
    for model in apps.get_models():
        if not model.__module__.startswith("powerdesk."):
            continue
        for field in model._meta.get_fields():
            for value, _label in getattr(field, "flatchoices", None) or ():
                if isinstance(value, str) and re.fullmatch(r"[a-z][a-z0-9_]*", value):
                    codes.add(value)
    return codes


def _kind(path: str, query: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    keys = sorted({part.split("=", 1)[0] for part in query.split("&") if part})
    return f"{match.view_name}?{'&'.join(keys)}"


class DemoPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        # The demo station built once per test session (tests/demo_station.py), copied in.
        load_demo(timezone.localdate())
        cls.codes = status_codes()

    def test_no_page_shows_a_raw_status_code_or_none(self) -> None:
        # A sanity check on the collection: these codes are what the walk looks for.
        self.assertTrue({"dispatched", "notice_given", "planned", "received"} <= self.codes)
        problems: list[str] = []
        for username in LOGINS:
            with self.subTest(username=username):
                problems += self._walk(username)
        self.assertEqual(problems, [], "\n".join(problems))

    def _walk(self, username: str) -> list[str]:
        from powerdesk.accounts.models import User

        self.client.force_login(User.objects.get(username=username))
        problems: list[str] = []
        seen: set[str] = set()
        per_kind: Counter[str] = Counter()
        queue = deque(["/"])
        visited = 0
        while queue:
            url = queue.popleft()
            response = self.client.get(url, follow=True)
            visited += 1
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            page = _Page()
            page.feed(response.content.decode())
            text = " ".join(page.text)
            where = f"{username} {url}"
            if NONE.search(text):
                problems.append(f"{where}: None in {_around(text, NONE)}")
            raw = sorted({w for w in WORD.findall(text) if w in self.codes})
            if raw:
                problems.append(f"{where}: raw codes {raw} in {_around(text, WORD, raw)}")
            for href in page.links:
                parts = urlsplit(href)
                if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                    continue
                if parts.path.startswith(SKIP_PREFIXES):
                    continue
                if "lang=" in parts.query:  # a page in English: its words are no codes
                    continue
                link = parts.path + (f"?{parts.query}" if parts.query else "")
                kind = _kind(parts.path, parts.query)
                if kind is None or link in seen:
                    continue
                seen.add(link)
                if per_kind[kind] >= SAMPLES_PER_KIND:
                    continue
                per_kind[kind] += 1
                queue.append(link)
        self.assertGreater(visited, 1, f"{username} reached nothing past the landing page")
        return problems


def _around(text: str, pattern: re.Pattern[str], words: list[str] | None = None) -> str:
    for match in pattern.finditer(text):
        if words is None or match.group() in words:
            return repr(" ".join(text[max(0, match.start() - 40) : match.end() + 40].split()))
    return ""
