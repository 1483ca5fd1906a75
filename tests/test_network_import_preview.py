"""A network file on the import page is previewed before anything is stored: what it adds,
changes (each field), moves (from where to where, with the households below) and leaves as it
is. Confirming stores exactly what was previewed, once; a network changed in between is
previewed again; another station or a counter clerk never reaches it."""

from __future__ import annotations

from html import unescape

from django.urls import reverse

from powerdesk.network.models import GridNode, ImportRun
from tests.base import BaseTestCase
from tests.network_import_cast import (  # noqa: F401 (_english: autouse)
    _english,
    another_line,
    preview_and_confirm,
    token_of,
    upload,
)
from tests.test_customer_import_page import PreviewDirectoryMixin

# The stored fuse renamed and moved, with what is below it (its 台区 and household), to the
# breaker of another line; one new 台区 under it; the old line's breaker as it is.
FILE = (
    "id,parent,kind,name\n"
    "ZM-B01-T9,ZM-B01-F,transformer,新台区\n"
    "ZM-B01-F,DS-CB,fuse,新名字\n"
    "ZM-CB,,source,10kV左门线出线开关\n"
)


class NetworkPreviewTests(PreviewDirectoryMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.other_line, cls.other_breaker = another_line(cls.station_a)

    def setUp(self) -> None:
        super().setUp()
        self.login(self.chief)
        self.client.cookies["django_language"] = "en"

    def preview(self, text: str = FILE) -> object:
        data = upload(text)
        data.name = "net.csv"
        return self.client.post(reverse("network:import"), {"kind": "network", "file": data})

    def confirm(self, token: str, **extra: str) -> object:
        return self.client.post(
            reverse("network:import_confirm"), {"token": token, **extra}, follow=True
        )

    def test_the_preview_says_what_the_file_would_do_and_stores_nothing(self) -> None:
        response = self.preview()
        html = unescape(response.content.decode())  # type: ignore[attr-defined]
        counts = {
            name: html.split(f'id="count-{name}">')[1].split("<")[0]
            for name in ("added", "changed", "moved", "unchanged")
        }
        self.assertEqual(counts, {"added": "1", "changed": "1", "moved": "1", "unchanged": "1"})
        moved = html.split('id="moved-elements"')[1]
        self.assertIn('data-code="ZM-B01-F"', moved)
        self.assertIn("ZM-B01-P02 · 10kV左门线", moved)
        self.assertIn("DS-CB · <strong>10kV地索线</strong>", moved)
        self.assertIn('data-testid="moved-households">1<', moved)
        changed = html.split('id="changed-elements"')[1]
        self.assertIn("name: 哔叭支线02号杆跌落式熔断器 → 新名字", changed)
        # The line by its name, as the moved table says it, its code in brackets (walk51, F3).
        self.assertIn("feeder: 10kV左门线 (ZM) → 10kV地索线 (DS)", changed)
        self.assertIn("parent: ZM-B01-P02 → DS-CB", changed)
        self.assertIn('data-code="ZM-B01-T9"', html.split('id="added-elements"')[1])
        self.assertFalse(GridNode.objects.filter(code="ZM-B01-T9").exists())
        self.fuse.refresh_from_db()
        self.assertEqual(self.fuse.feeder_id, self.feeder.pk)
        self.assertFalse(ImportRun.objects.exists())

    def test_confirming_stores_what_was_previewed_once(self) -> None:
        token = token_of(self.preview())
        response = self.confirm(token)
        self.assertContains(response, "net.csv imported: 1 created, 1 updated, 1 unchanged.")
        self.assertContains(
            response, "ZM-B01-F: from ZM-B01-P02 (ZM) to DS-CB (DS), 1 household below"
        )
        self.transformer.refresh_from_db()
        self.assertEqual(self.transformer.feeder_id, self.other_line.pk)
        self.assertEqual(GridNode.objects.get(code="ZM-B01-T9").feeder_id, self.other_line.pk)
        # A second click on confirm (the same token) stores nothing more.
        again = self.confirm(token)
        self.assertContains(again, "This preview is no longer there")
        self.assertEqual(ImportRun.objects.count(), 1)

    def test_a_network_changed_since_the_preview_is_previewed_again(self) -> None:
        token = token_of(self.preview())
        GridNode.objects.filter(pk=self.fuse.pk).update(name="有人改了名")
        response = self.client.post(reverse("network:import_confirm"), {"token": token})
        self.assertEqual(response.status_code, 409)
        self.assertContains(response, "changed-since", status_code=409)
        self.assertContains(response, "name: 有人改了名 → 新名字", status_code=409)
        self.assertFalse(ImportRun.objects.exists())
        self.assertFalse(GridNode.objects.filter(code="ZM-B01-T9").exists())
        # The new preview is confirmed as shown.
        self.confirm(token_of(response))
        self.assertEqual(ImportRun.objects.count(), 1)
        self.assertEqual(GridNode.objects.get(pk=self.fuse.pk).name, "新名字")

    def test_cancel_stores_nothing_and_the_preview_is_gone(self) -> None:
        token = token_of(self.preview())
        self.assertContains(self.confirm(token, cancel="1"), "net.csv was not imported.")
        self.assertContains(self.confirm(token), "This preview is no longer there")
        self.assertFalse(ImportRun.objects.exists())
        self.assertFalse(GridNode.objects.filter(code="ZM-B01-T9").exists())

    def test_another_station_cannot_confirm_it(self) -> None:
        token = token_of(self.preview())
        self.login(self.outsider)
        response = self.client.post(reverse("network:import_confirm"), {"token": token})
        self.assertFalse(ImportRun.objects.exists())
        self.assertFalse(GridNode.objects.filter(code="ZM-B01-T9").exists())
        self.assertNotIn("ZM-B01", response.content.decode())
        # The one who previewed it still can.
        self.login(self.chief)
        self.confirm(token)
        self.assertEqual(ImportRun.objects.count(), 1)

    def test_a_counter_clerk_cannot_preview_or_confirm(self) -> None:
        token = token_of(self.preview())
        self.login(self.clerk)
        self.assertEqual(self.preview().status_code, 403)  # type: ignore[attr-defined]
        response = self.client.post(reverse("network:import_confirm"), {"token": token})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(ImportRun.objects.exists())

    def test_a_move_under_an_open_outage_is_refused_at_its_row_on_the_page(self) -> None:
        from django.utils import timezone

        from powerdesk.outages.models import Outage

        Outage.objects.create(
            station=self.station_a,
            device=self.other_breaker,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.ACTIVE,
            starts_at=timezone.now(),
        )
        response = self.preview()
        self.assertContains(response, "net.csv, line 3, column parent: ")
        self.assertContains(response, "cannot be moved while the outage at 地索线出线开关 is open")
        self.assertNotContains(response, 'name="token"')

    def test_the_same_file_twice_changes_nothing(self) -> None:
        preview_and_confirm(self.client, FILE)
        response = self.preview()
        self.assertContains(response, "The file changes nothing.")
        self.assertNotContains(response, 'data-testid="confirm-import"')
