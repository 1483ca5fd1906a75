"""What the network import's preview shows and to whom (walk51): a line by its name with its
code (F3), the name and values a new row stores, as text (F4); another user's preview is said to
be theirs, not gone (F8); and a language switch shows the same preview again (F13)."""

from __future__ import annotations

from html import unescape

from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.network.importing import network_import_preview
from powerdesk.network.models import GridNode, ImportRun
from tests.base import BaseTestCase, make_user
from tests.network_import_cast import (  # noqa: F401 (_english: autouse)
    _english,
    another_line,
    token_of,
    upload,
)
from tests.test_customer_import_page import PreviewDirectoryMixin

FORMULA = (
    "id,parent,kind,name,line\nZM-NEW-T7,ZM-B01-F,transformer,\"=cmd|'/C calc'!A0\",<b>支线</b>\n"
)


class PreviewPage(PreviewDirectoryMixin, BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.login(self.chief)
        self.client.cookies["django_language"] = "en"

    def preview(self, text: str = FORMULA) -> object:
        data = upload(text)
        data.name = "net.csv"
        return self.client.post(reverse("network:import"), {"kind": "network", "file": data})


class ShownTests(PreviewPage):
    def test_a_line_changed_is_shown_by_its_name_with_its_code(self) -> None:
        another_line(self.station_a)
        text = "id,parent,kind\nZM-B01-F,DS-CB,fuse\n"
        plan = network_import_preview(station=self.station_a, stream=upload(text), file_name="n")
        [feeder] = [c for c in plan.changed[0].changes if c.field == "feeder"]
        self.assertEqual(
            (feeder.old_shown, feeder.new_shown), ("10kV左门线 (ZM)", "10kV地索线 (DS)")
        )
        page = unescape(self.preview(text).content.decode())  # type: ignore[attr-defined]
        self.assertIn("10kV左门线 (ZM) → 10kV地索线 (DS)", page)

    def test_the_added_table_shows_the_name_and_values_to_be_stored_as_text(self) -> None:
        response = self.preview()
        html = response.content.decode()  # type: ignore[attr-defined]
        self.assertIn("=cmd|&#x27;/C calc&#x27;!A0", html)
        self.assertIn("&lt;b&gt;支线&lt;/b&gt;", html)
        self.assertNotIn("<b>支线</b>", html)
        self.assertFalse(GridNode.objects.filter(code="ZM-NEW-T7").exists())


class SomeoneElsesPreviewTests(PreviewPage):
    def test_another_users_preview_is_said_to_be_theirs_and_kept(self) -> None:
        token = token_of(self.preview())
        admin = make_user("admin_a", self.station_a, Role.ADMIN)
        for who in (admin, self.outsider):
            self.login(who)
            for extra in ({}, {"cancel": "1"}):
                response = self.client.post(
                    reverse("network:import_confirm"), {"token": token, **extra}, follow=True
                )
                self.assertContains(response, "This preview is not yours to confirm or cancel")
                self.assertNotContains(response, "no longer there")
                self.assertNotIn("ZM-NEW-T7", response.content.decode())
        self.assertFalse(ImportRun.objects.exists())
        # The one who checked it still can import it.
        self.login(self.chief)
        self.client.post(reverse("network:import_confirm"), {"token": token})
        self.assertTrue(GridNode.objects.filter(code="ZM-NEW-T7").exists())

    def test_a_token_gone_is_still_said_to_be_gone(self) -> None:
        token = token_of(self.preview())
        self.client.post(reverse("network:import_confirm"), {"token": token, "cancel": "1"})
        self.login(make_user("admin_a", self.station_a, Role.ADMIN))
        response = self.client.post(
            reverse("network:import_confirm"), {"token": token}, follow=True
        )
        self.assertContains(response, "This preview is no longer there")


class LanguageSwitchTests(PreviewPage):
    def test_switching_language_shows_the_same_preview_again(self) -> None:
        preview = self.preview()
        token = token_of(preview)
        back = f"{reverse('network:import')}?preview={token}"
        # The language switcher comes back to the preview, not to the empty form.
        self.assertContains(preview, f'name="next" value="{back}"')
        response = self.client.post(
            reverse("set_language"), {"language": "zh-hans", "next": back}, follow=True
        )
        self.assertEqual(response.redirect_chain[-1][0], back)
        self.assertEqual(response.context["token"], token)
        self.assertContains(response, 'id="count-added">1<')
        self.assertContains(response, "ZM-NEW-T7")
        # Still the one preview: confirmed once, as shown.
        self.client.post(reverse("network:import_confirm"), {"token": token})
        self.assertEqual(ImportRun.objects.count(), 1)
        self.assertTrue(GridNode.objects.filter(code="ZM-NEW-T7").exists())

    def test_a_preview_gone_or_someone_elses_is_not_shown(self) -> None:
        token = token_of(self.preview())
        self.login(make_user("admin_a", self.station_a, Role.ADMIN))
        response = self.client.get(reverse("network:import"), {"preview": token}, follow=True)
        self.assertNotIn("ZM-NEW-T7", response.content.decode())
        self.assertContains(response, "This preview is not yours to confirm or cancel")
        self.login(self.chief)
        self.client.cookies["django_language"] = "en"
        self.client.post(reverse("network:import_confirm"), {"token": token, "cancel": "1"})
        response = self.client.get(reverse("network:import"), {"preview": token}, follow=True)
        self.assertContains(response, "That preview is no longer there")
        self.assertNotIn("ZM-NEW-T7", response.content.decode())

    def changed_since(self) -> tuple[str, str]:
        """A preview, the network changed since, drawn again: its token and the plan shown."""
        token = token_of(self.preview())
        GridNode.objects.create(
            station=self.station_a,
            feeder=self.feeder,
            code="ZM-NEW-T7",
            kind="transformer",
            parent=self.fuse,
            name="有人先加了",
        )
        response = self.client.get(reverse("network:import"), {"preview": token})
        self.assertContains(response, "changed-since")
        # A GET saves nothing (review53 #7): the token the other tab holds is kept.
        self.assertEqual(response.context["token"], token)
        return token, response.context["plan"].fingerprint

    def test_a_network_changed_since_another_tab_s_confirm_says_the_change(self) -> None:
        token, _shown = self.changed_since()
        # That tab's Confirm (the plan of the upload) says what the import would do now, not
        # "no longer there", and stores nothing.
        response = self.client.post(reverse("network:import_confirm"), {"token": token})
        self.assertContains(response, "changed-since", status_code=409)
        self.assertEqual(GridNode.objects.get(code="ZM-NEW-T7").name, "有人先加了")

    def test_a_network_changed_since_the_page_drawn_again_imports_what_it_showed(self) -> None:
        token, shown = self.changed_since()
        response = self.client.post(
            reverse("network:import_confirm"), {"token": token, "fingerprint": shown}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(GridNode.objects.get(code="ZM-NEW-T7").name, "=cmd|'/C calc'!A0")
