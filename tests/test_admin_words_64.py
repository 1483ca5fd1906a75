"""Django's admin in Chinese where Django has no Chinese yet, and the history rows a deletion
page names (walk64, L4): "Filter by 日期" above a list by date, the date fields' note on the
time zone ("Note: Enter times in the Asia/Shanghai timezone…"), "Arrears event(s)"."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import django
from django.utils import translation

from powerdesk.accounts import admin_words
from powerdesk.accounts.admin_words import DJANGO_JS_PLURALS, DJANGO_MISSING
from powerdesk.accounts.models import Role
from powerdesk.arrears.models import ArrearsEvent
from powerdesk.notifications.models import DeliveryEvent
from powerdesk.outages.models import OutageEvent
from powerdesk.outreach.models import OutreachVisitEvent
from tests.base import BaseTestCase, make_user

ADMIN = Path(django.__file__).parent / "contrib" / "admin"


class AdminWordsTests(BaseTestCase):
    def test_the_history_rows_have_names_to_translate(self) -> None:
        with translation.override("en"):
            names = {
                model: (str(model._meta.verbose_name), str(model._meta.verbose_name_plural))
                for model in (ArrearsEvent, OutreachVisitEvent, OutageEvent, DeliveryEvent)
            }
        self.assertEqual(names[ArrearsEvent], ("arrears case event", "arrears case events"))
        self.assertEqual(names[OutageEvent], ("outage event", "outage events"))
        self.assertEqual(names[OutreachVisitEvent][0], "outreach visit event")
        self.assertEqual(names[DeliveryEvent][0], "text message event")

    def test_the_missing_words_are_django_s_word_for_word(self) -> None:
        template = (ADMIN / "templates" / "admin" / "date_hierarchy.html").read_text()
        self.assertIn("Filter by {{ field_name }}", template)
        self.assertEqual(DJANGO_MISSING, ("Filter by %(field_name)s",))
        script = (ADMIN / "static" / "admin" / "js" / "admin" / "DateTimeShortcuts.js").read_text()
        joined = script.replace('" +\n                        "', "")
        for singular, plural in DJANGO_JS_PLURALS:
            self.assertIn(f'"{singular}",\n                    "{plural}"', joined)

    def test_the_admin_s_javascript_reads_the_project_s_words(self) -> None:
        admin = make_user("adm", self.station_a, Role.ADMIN, is_staff=True)
        self.login(admin)
        said = "注意：请按%(timezone)s时区输入时间（你的时钟比它晚%(offset)s小时）。"

        def ours(singular: str, plural: str, n: int) -> str:
            return said if "behind" in singular else singular

        with mock.patch.object(admin_words, "ngettext", ours):
            response = self.client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="zh-hans")
        self.assertEqual(response.status_code, 200)
        self.assertIn(said, response.content.decode("unicode_escape"))
        behind = DJANGO_JS_PLURALS[1][0]
        self.assertIn(behind, response.content.decode())
        # An untranslated word is left to Django's English, once.
        self.assertNotIn(DJANGO_JS_PLURALS[0][0], response.content.decode())
