"""The customer import's preview warns of what deserves a second look without stopping it
(walkthrough 31, finding 13): a phone two rows give, a phone an existing customer has, a new
village committee or group (a typo of the station's own: "did you mean 左门?"), an account number
of another station's customer (never named). The warnings are kept with the import's record."""

from __future__ import annotations

import io

from django.urls import reverse
from django.utils import translation

from powerdesk.community.models import Village
from powerdesk.customers.import_warnings import close_name, warning_text
from powerdesk.customers.importing import customer_import, customer_import_preview
from powerdesk.customers.models import Customer
from powerdesk.network.models import ImportRun
from tests.base import BaseTestCase
from tests.test_customer_import_page import PreviewDirectoryMixin, csv_file

FILE = (
    "account_number,name,phones,village,group\n"
    "53259990001,张三,13900009999,左门,哔叭\n"
    "53259990002,李四,139 0000 9999,左门,哔叭\n"
    "53259990003,王五,13812345678,左门,\n"
    "53259990004,赵六,,左们,干海\n"
    "53260008027,钱七,,左门,新组\n"
)


class ImportWarningTests(PreviewDirectoryMixin, BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        Customer.objects.create(
            station=self.station_b, account_number="53260008027", name="番云翠", address="栋川"
        )

    def preview(self, text: str = FILE):  # type: ignore[no-untyped-def]
        return customer_import_preview(
            station=self.station_a, stream=io.BytesIO(text.encode()), file_name="c.csv"
        )

    def test_each_kind_is_warned_at_its_line(self) -> None:
        plan = self.preview()
        found = [(w.code, w.line) for w in plan.warnings]
        self.assertEqual(
            found,
            [
                ("phone_twice", 2),
                ("phone_taken", 4),
                ("new_village", 5),
                ("new_group", 5),
                ("new_group", 6),
                ("account_elsewhere", 6),
            ],
        )
        said = {w.code + str(w.line): w for w in plan.warnings}
        self.assertEqual(said["phone_twice2"].args["lines"], [2, 3])
        self.assertEqual(said["phone_taken4"].args["other"], "普光荣")
        self.assertEqual(said["phone_taken4"].args["other_account"], "53250000001")
        self.assertEqual(said["new_village5"].args["like"], "左门")
        with translation.override("en"):
            self.assertIn("Did you mean 左门?", said["new_village5"].text)
            self.assertIn("53250000001", said["phone_taken4"].text)
            self.assertIn("another station", said["account_elsewhere6"].text)
        # Of another station's customer, only that the number is taken: never who.
        self.assertEqual(said["account_elsewhere6"].args, {"account": "53260008027"})
        self.assertNotIn("番云翠", str([w.stored for w in plan.warnings]))

    def test_a_customer_s_own_phone_and_known_places_warn_of_nothing(self) -> None:
        plan = self.preview(
            "account_number,name,phones,village,group\n"
            "53250000001,普光荣,13812345678,左门,哔叭\n"
            "53259990009,新户,13900001234,左门,哔叭\n"
        )
        self.assertEqual(plan.warnings, [])

    def test_the_page_shows_them_and_they_do_not_stop_the_import(self) -> None:
        self.login(self.chief)
        page = self.client.post(
            reverse("network:import"), {"kind": "customers", "file": csv_file(FILE)}
        )
        self.assertContains(page, 'data-testid="import-warnings"')
        self.assertContains(page, '<dd id="count-warnings">6</dd>', html=True)
        for warning in page.context["plan"].warnings:
            self.assertContains(page, warning.text)
        self.assertNotContains(page, "番云翠")
        answer = self.client.post(
            reverse("network:import_confirm"), {"token": page.context["token"]}, follow=True
        )
        run = ImportRun.objects.get()
        self.assertEqual(run.rows_created, 5)
        self.assertEqual([w["code"] for w in run.warnings][:2], ["phone_twice", "phone_taken"])
        self.assertEqual(len(run.warnings), 6)
        self.assertContains(answer, 'data-testid="run-warnings"')
        self.assertContains(answer, warning_text(run.warnings[2]))
        self.assertTrue(Village.objects.filter(station=self.station_a, name="左们").exists())

    def test_the_command_path_keeps_them_too(self) -> None:
        self.assertTrue(any("Warning:" in line for line in self.preview().summary_lines()))
        run = customer_import(
            station=self.station_a,
            stream=io.BytesIO(FILE.encode()),
            file_name="c.csv",
            user=self.chief,
        )
        self.assertEqual(len(run.warnings), 6)

    def test_close_names(self) -> None:
        import doctest

        from powerdesk.customers import import_warnings

        self.assertEqual(doctest.testmod(import_warnings).failed, 0)
        self.assertEqual(close_name("左们", ["左门", "光禄"]), "左门")
        self.assertEqual(close_name("光禄村委会", ["光禄"], ("村委会",)), "光禄")
        self.assertEqual(close_name("大", ["小"]), "")
        self.assertEqual(close_name("新组", ["哔叭", "干海"]), "")


class AccountElsewhereScopeTests(PreviewDirectoryMixin, BaseTestCase):
    """Review 32, finding 4: a station of another county company is never asked (docs/roles.md:
    the one thing a station learns of another's records is a number taken in its own county)."""

    def test_a_station_of_another_company_is_not_asked(self) -> None:
        from powerdesk.accounts.models import CountyCompany, Station

        company = CountyCompany.objects.create(name="别县供电公司")
        far = Station.objects.create(company=company, code="far", name="远处供电所")
        Customer.objects.create(station=far, account_number="53260008027", name="别人")
        plan = customer_import_preview(
            station=self.station_a,
            stream=io.BytesIO("account_number,name\n53260008027,钱七\n".encode()),
            file_name="c.csv",
        )
        self.assertEqual([w.code for w in plan.warnings], [])
