"""The station's network downloaded from the network import page (walk56, L2): the file
``powerdesk export_network`` writes, streamed, of the station's own network only, logged; taken
by who may import it (the chief, the administrator) and by no one else; imported back, it
changes nothing."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse

from powerdesk.accounts.models import ExportLog, Membership, Role
from powerdesk.customers.models import Customer
from powerdesk.network.importing import network_import_preview
from powerdesk.network.models import Feeder, GridNode, NodeKind
from powerdesk.network.network_file import NETWORK_FILE
from powerdesk.outages.network_adapter import write_network_csv
from tests.base import BaseTestCase, make_user


class NetworkExportPageTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.admin = make_user("admin", cls.station_a, Role.ADMIN)
        feeder_b = Feeder.objects.create(station=cls.station_b, code="DC", name="10kV栋川线")
        GridNode.objects.create(
            station=cls.station_b, feeder=feeder_b, code="DC-CB", kind=NodeKind.SOURCE
        )

    def download(self) -> tuple[int, bytes, str]:
        response = self.client.get(reverse("network:export"))
        if response.status_code != 200:
            return response.status_code, b"", ""
        self.assertTrue(response.streaming)
        body = b"".join(response.streaming_content)  # type: ignore[arg-type]
        return 200, body, response["Content-Disposition"]

    def test_the_admin_downloads_the_file_export_network_writes(self) -> None:
        self.login(self.admin)
        status, body, disposition = self.download()
        self.assertEqual(status, 200)
        written = io.StringIO(newline="")
        rows = write_network_csv(self.station_a, written)
        self.assertEqual(body.decode("utf-8"), written.getvalue())
        self.assertIn('filename="a-network-', disposition)
        self.assertNotIn(b"DC-CB", body)  # the station's own network only
        [log] = ExportLog.objects.all()
        self.assertEqual(
            (log.station_id, log.by_id, log.list_name, log.format, log.rows),
            (self.station_a.pk, self.admin.pk, NETWORK_FILE, "csv", rows),
        )
        # Imported back, it changes nothing.
        plan = network_import_preview(
            station=self.station_a, stream=io.BytesIO(body), file_name="net.csv", user=self.admin
        )
        self.assertEqual((len(plan.added), len(plan.changed), plan.unchanged), (0, 0, rows))

    def test_formula_looking_values_go_out_as_text_and_come_back_unchanged(self) -> None:
        # Codes and account numbers a spreadsheet would run as formulas (=, +, -, @, the
        # full-width ＝ a Chinese input method types), and one that begins with an apostrophe.
        GridNode.objects.filter(pk=self.pole.pk).update(code="-B01-P02")
        GridNode.objects.filter(pk=self.transformer.pk).update(code="=HYPERLINK(T1)")
        Customer.objects.filter(pk=self.customer.pk).update(account_number="+5325")
        for account in ("@SUM(A1)", "＝1+1", "'=quoted"):
            Customer.objects.create(
                station=self.station_a,
                account_number=account,
                name="户",
                village=self.village,
                transformer=self.transformer,
            )
        self.login(self.admin)
        status, body, _ = self.download()
        self.assertEqual(status, 200)
        cells = [cell for row in csv.reader(io.StringIO(body.decode())) for cell in row]
        for written in (
            "'-B01-P02",
            "'=HYPERLINK(T1)",
            "'+5325",
            "'@SUM(A1)",
            "'＝1+1",
            "''=quoted",
        ):
            self.assertIn(written, cells)
        self.assertFalse([c for c in cells if c.startswith(("=", "+", "-", "@", "＝"))], cells)
        # Imported back: "N unchanged", nothing added, changed or refused.
        plan = network_import_preview(
            station=self.station_a, stream=io.BytesIO(body), file_name="net.csv", user=self.admin
        )
        rows = len(cells) // 6 - 1
        self.assertEqual((len(plan.added), len(plan.changed), plan.unchanged), (0, 0, rows))
        # ``powerdesk export_network`` writes the same file (review58 L4: it wrote them bare, and
        # the import took the apostrophe off "'=quoted"), and it comes back unchanged too.
        out = Path(tempfile.mkdtemp()) / "NET.csv"
        call_command("export_network", station=self.station_a.code, out=out, stderr=io.StringIO())
        self.assertEqual(out.read_bytes(), body)
        with out.open("rb") as written:
            plan = network_import_preview(
                station=self.station_a, stream=written, file_name="NET.csv", user=self.admin
            )
        self.assertEqual((len(plan.added), len(plan.changed), plan.unchanged), (0, 0, rows))

    def test_the_import_page_offers_it_and_the_export_log_names_it(self) -> None:
        self.login(self.admin)
        page = self.client.get(reverse("network:import"))
        self.assertContains(page, f'href="{reverse("network:export")}"')
        self.download()
        self.client.cookies["django_language"] = "en"
        self.assertContains(self.client.get(reverse("accounts:export_log")), "Network file")

    def test_the_chief_may_and_nobody_else(self) -> None:
        self.login(self.chief)
        self.assertEqual(self.download()[0], 200)
        liaison = make_user("liaison", self.station_a)
        Membership.objects.create(
            user=liaison, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        others = [
            self.clerk,
            make_user("dispatcher", self.station_a, Role.DISPATCHER),
            make_user("crew1", self.station_a, Role.CREW),
            liaison,
        ]
        for user in others:
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.download()[0], 403)
                page = self.client.get(reverse("network:import"))
                self.assertNotContains(page, reverse("network:export"), status_code=403)
        self.assertEqual(ExportLog.objects.filter(by__in=others).count(), 0)

    def test_another_station_s_administrator_takes_their_own_network(self) -> None:
        self.login(self.outsider)  # chief and administrator of station b
        status, body, _ = self.download()
        self.assertEqual(status, 200)
        self.assertIn(b"DC-CB", body)
        self.assertNotIn(b"ZM-", body)

    def test_it_is_only_read(self) -> None:
        self.login(self.admin)
        self.assertEqual(self.client.post(reverse("network:export")).status_code, 405)
        self.assertFalse(ExportLog.objects.exists())
