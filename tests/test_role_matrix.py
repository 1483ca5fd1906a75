"""Every URL of the site, for every role, against the role matrix (``accounts/pages.py``, which
``docs/roles.md`` mirrors).

The URLs come from the resolver, not from a list kept by hand: a new page without its line in
the matrix fails here. Each is opened (GET) and sent an empty POST by a user of each role at
station A, with its path filled with ids of station A's records; and by station B's chief and
administrator, who must get nothing of A (404 for A's records, A's names on no list).
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve, reverse

from powerdesk.accounts.models import Role
from powerdesk.accounts.pages import PAGES
from powerdesk.accounts.permissions import MATRIX, Do
from tests.role_matrix_cast import (
    A_MARKERS,
    NOT_RECORDS,
    OPENED_BY_GET,
    ROLES,
    ROLES_DOC,
    RoleMatrixCase,
    excluded,
    url_names,
)


class RoleMatrixTests(RoleMatrixCase):
    # -- the table itself ---------------------------------------------------------------------
    def test_every_url_of_the_site_has_its_line_in_the_matrix_or_a_reason_not_to(self) -> None:
        names = {name for name, _route in url_names()}
        missing = sorted(n for n in names if n not in PAGES and not excluded(n))
        self.assertEqual(missing, [], "pages without a line in accounts/pages.py")
        self.assertEqual(sorted(set(PAGES) - names), [], "lines for pages that do not exist")

    def test_the_document_names_every_page_and_every_action(self) -> None:
        text = ROLES_DOC.read_text(encoding="utf-8")
        for name in PAGES:
            self.assertIn(f"`{name}`", text, name)
        for action in Do:
            self.assertIn(f"`{action.value}`", text, action)
        # and says the same of each action as MATRIX: "| `order.close` | ✓ | ✓ | | ✓ | | |"
        for action, allowed in MATRIX.items():
            row = re.search(rf"^\| `{re.escape(action.value)}` \|(.*)$", text, re.M)
            assert row is not None, action
            cells = [c.strip() for c in row.group(1).split("|")][: len(ROLES)]
            said = {role for role, cell in zip(ROLES, cells, strict=True) if cell.startswith("✓")}
            self.assertEqual(said, set(allowed), action)

    # -- the walk -----------------------------------------------------------------------------
    def test_each_role_at_its_own_station_reaches_only_what_the_matrix_gives_it(self) -> None:
        before = self.row_counts()
        seen_by_chief = ""
        for role in ROLES:
            roles = frozenset({role})
            for name, url, page, status, text in self.opened()[role]:
                with self.subTest(role=role, page=name, method="GET"):
                    if role == Role.CHIEF:
                        seen_by_chief += text
                    if page.view & roles:
                        self.assertIn(status, (200, 302, 405), url)
                        if status == 405:  # a page that only takes a POST
                            self.assertNotEqual(page.post, (), url)
                            # ... which docs/roles.md does not describe as a page to open
                            self.assertNotIn(name, OPENED_BY_GET, url)
                    else:
                        self.assertIn(status, (403, 405), url)
            self.client.force_login(self.people[role])
            for name, url, page in self.pages(role):
                with self.subTest(role=role, page=name, method="POST"):
                    status = self.client.post(url).status_code
                    if not page.view & roles:
                        self.assertIn(status, (403, 405), url)
                    elif page.post == ():
                        self.assertEqual(status, 405, url)
                    elif not page.may_post(roles):
                        self.assertEqual(status, 403, url)
                    else:
                        self.assertLess(status, 500, url)
        # A's own chief sees A's records (so that B's seeing none of them below means something).
        for marker in A_MARKERS:
            self.assertIn(marker, seen_by_chief)
        # An empty POST stores nothing, whoever sends it; a refused one certainly not.
        self.assertEqual(self.row_counts(), before)

    def test_every_link_a_role_is_shown_opens_for_it(self) -> None:
        """A page links only to pages the person's roles open: no link that answers 403."""
        shown_closed: set[tuple[str, str, str]] = set()
        for role in ROLES:
            roles = frozenset({role})
            for name, _url, page, status, text in self.opened()[role]:
                if not page.view & roles or status != 200 or not text:
                    continue
                for href in re.findall(r'<a\b[^>]*\bhref="(/[^"]*)"', text):
                    try:
                        target = resolve(urlsplit(html.unescape(href)).path).view_name
                    except Resolver404:
                        continue
                    if target in PAGES and not PAGES[target].view & roles:
                        shown_closed.add((role, name, target))
        self.assertEqual(sorted(shown_closed), [], "(role, page, link it may not open)")

    def test_station_b_s_chief_and_administrator_get_nothing_of_station_a(self) -> None:
        for user, role in ((self.b_chief, Role.CHIEF), (self.b_admin, Role.ADMIN)):
            self.client.force_login(user)
            for name, url, page in self.pages():
                with self.subTest(user=user.username, page=name):
                    if name in self.params and name not in NOT_RECORDS:  # a record of A
                        # A page their role does not open answers 403 before any lookup
                        # (nothing of the record said); one it opens, 404 as if not there.
                        closed = () if role in page.view else (403,)
                        self.assertIn(self.client.get(url).status_code, (404, 405, *closed), url)
                        # 403 and 405 come before any lookup: they say nothing of the record.
                        self.assertIn(self.client.post(url).status_code, (403, 404, 405), url)
                        continue
                    response = self.client.get(url, {"q": "普光", "show": "all"}, follow=True)
                    if response.status_code != 200:
                        continue
                    if not response["Content-Type"].startswith(("text/", "application/json")):
                        continue  # a workbook is zipped: its own test reads what it holds
                    for marker in A_MARKERS:
                        self.assertNotContains(response, marker, msg_prefix=url)

    def test_a_crew_says_found_here_only_on_an_outage_sent_to_its_own_crew(self) -> None:
        """``fault.found_here`` is the crew's, but only on its own jobs: the service refuses
        the crew of another outage whatever page sent it."""
        from powerdesk.accounts.models import Crew
        from powerdesk.outages.life import outage_dispatch
        from powerdesk.outages.models import FoundPlace, Signal

        self.assertTrue(PAGES["outages:patrol"].may_post(frozenset({Role.CREW})))
        url = reverse("outages:patrol", kwargs=self.params["outages:patrol"])
        found = {"place": self.transformer.code, "cause": "animal", "next": "/desk/crew/"}
        other = Crew.objects.create(station=self.station_a, name="抢修二班")
        outage_dispatch(outage=self.outage, crew=other, user=self.chief)
        self.client.force_login(self.people[Role.CREW])  # of 抢修一班
        self.assertEqual(self.client.post(url, found).status_code, 403)
        self.assertFalse(FoundPlace.objects.exists())
        self.assertFalse(Signal.objects.filter(type="confirm_open").exists())
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        self.assertEqual(self.client.post(url, found).status_code, 302)
        place = FoundPlace.objects.get(outage=self.outage)
        self.assertEqual(place.found_by, self.people[Role.CREW])
        self.assertTrue(Signal.objects.filter(type="confirm_open", source="crew").exists())

    def test_the_commitments_are_read_by_the_office_and_changed_by_the_chief_alone(self) -> None:
        """``servicedesk:commitments``: every office role reads them; a POST of a full, valid
        form is refused to all but A's chief, and B's chief changes only B's."""
        from powerdesk.servicedesk.commitments import COMMITMENTS
        from powerdesk.servicedesk.models import CommitmentChange, CommitmentPolicy

        url = reverse("servicedesk:commitments")
        form = {c.name: str(c.default) for c in COMMITMENTS} | {"hazard_arrive_minutes": "30"}
        for role in ROLES:
            self.client.force_login(self.people[role])
            status = self.client.post(url, {**form, "form_token": f"t-{role}"}).status_code
            with self.subTest(role=role):
                self.assertEqual(status, 302 if role == Role.CHIEF else 403)
        self.client.force_login(self.b_chief)
        self.assertEqual(self.client.post(url, {**form, "form_token": "b"}).status_code, 302)
        self.assertEqual(
            [(c.station_id, c.by) for c in CommitmentChange.objects.order_by("pk")],
            [(self.station_a.pk, self.chief), (self.station_b.pk, self.b_chief)],
        )
        self.assertEqual(
            CommitmentPolicy.objects.get(station=self.station_a).hazard_arrive_minutes, 30
        )
