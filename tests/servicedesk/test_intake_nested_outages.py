"""walk41, 4: a caller under a transformer area's outage (back about 22:10) inside the fuse's
above it (back about 00:00) was told the inner one and its earlier time first, though their
power is back only when the fuse's is restored too. The panel tells the wider one and its later
time first; the call still joins the nearer one."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override, pgettext

from tests.base import BaseTestCase
from tests.outage_cast import declared

NUMBER = "0878-1234567"  # 普光荣's, below the fuse


class IntakeNestedOutagesTests(BaseTestCase):
    def test_the_wider_outage_and_its_later_time_are_told_first(self) -> None:
        # As walked: the inner one recorded first, the fuse above it later.
        inner = declared(self, self.fuse, began=20, back_in=dt.timedelta(hours=1))
        wider = declared(self, self.pole, began=10, back_in=dt.timedelta(hours=4))
        self.login(self.clerk)
        response = self.client.get(reverse("servicedesk:caller"), {"caller_number": NUMBER})
        html = response.content.decode()
        self.assertEqual(response.context["join_outage"], inner)  # joins the nearer one
        self.assertEqual(response.context["wider_outage"], wider)
        late = f"{timezone.localtime(wider.expected_restore_at):%m-%d %H:%M}"
        early = f"{timezone.localtime(inner.expected_restore_at):%m-%d %H:%M}"
        tell = response.context["tell_outage"]
        self.assertIn(late, tell)
        self.assertNotIn(early, tell)
        self.assertIn(str(self.pole), tell)
        # The wider one is said first, the nearer one within it after.
        self.assertLess(html.index('data-testid="wider-outage"'), html.index(early))
        self.assertEqual(html.count('data-testid="known-outage"'), 1)  # not said twice

    def test_the_time_under_the_script_is_the_told_outage_s_and_names_it(self) -> None:
        # walk43, 2: the fuse's told (back at 4 h), but the line under the script gave the
        # inner area's time (back at 1 h), naming no outage.
        inner = declared(self, self.fuse, began=20, back_in=dt.timedelta(hours=1))
        wider = declared(self, self.pole, began=20, back_in=dt.timedelta(hours=4))
        self.login(self.clerk)
        with override("zh-hans"):
            response = self.client.get(reverse("servicedesk:caller"), {"caller_number": NUMBER})
        html = response.content.decode()
        self.assertEqual(response.context["wider_outage"], wider)
        late = f"{timezone.localtime(wider.expected_restore_at):%m-%d %H:%M}"
        early = f"{timezone.localtime(inner.expected_restore_at):%m-%d %H:%M}"
        script = html.index('data-testid="tell-caller"')
        start = html.index('data-testid="intake-etr"', script)
        line = html[start : html.index("</p>", start)]
        self.assertIn(late, line)
        self.assertNotIn(early, line)
        with override("zh-hans"):
            named = f"{self.pole}{pgettext('label separator', ': ')}"
        self.assertIn(named, line)  # said of the fuse, the outage the script tells
        self.assertEqual(html.count('data-testid="intake-etr"'), 1)  # not the inner one's

    def test_one_outage_alone_has_its_time_unnamed(self) -> None:
        outage = declared(self, self.fuse, began=20, back_in=dt.timedelta(hours=1))
        self.login(self.clerk)
        response = self.client.get(reverse("servicedesk:caller"), {"caller_number": NUMBER})
        html = response.content.decode()
        start = html.index('data-testid="intake-etr"')
        line = html[start : html.index("</p>", start)]
        self.assertIn(f"{timezone.localtime(outage.expected_restore_at):%m-%d %H:%M}", line)
        self.assertNotIn(str(self.fuse), line)
