"""What blocks a disconnection is stored on the case (block73), kept at every step that can
change it, so that the list's filter and the chief's approvals are queries: with more than 50
households that must not be cut, the one the chief may approve is still on their home (it read
the 50 first checked cases in Python, and showed none). The customer's medical-need flag changed
on the admin site or by a customer import: the stored block follows."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.urls import reverse

from powerdesk.accounts.models import Role, User
from powerdesk.arrears.models import ArrearsCase
from powerdesk.customers.importing import customer_import
from powerdesk.customers.models import Customer
from tests.arrears.api_cast import URL, ArrearsApiCase
from tests.base import make_user


def admin_change(test: Any, customer: Customer, **changed: str) -> None:
    """The customer's change page on the admin site sent as drawn, with ``changed``."""
    admin = User.objects.filter(username="a_admin").first()
    test.client.force_login(
        admin or make_user("a_admin", customer.station, Role.ADMIN, is_staff=True)
    )
    url = reverse("admin:customers_customer_change", args=[customer.pk])
    page = test.client.get(url)
    data: dict[str, Any] = {}
    forms = [page.context["adminform"].form]
    forms += [f for inline in page.context["inline_admin_formsets"] for f in inline.formset]
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is not None and value is not False:
                data[form.add_prefix(name)] = value
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    for name, value in changed.items():
        if value:
            data[name] = value
        else:
            data.pop(name, None)  # a box unticked is not sent
    test.assertEqual(test.client.post(url, data).status_code, 302)


class StoredBlockTests(ArrearsApiCase):
    def listed(self, query: str = "") -> str:
        self.login(self.chief)
        page = self.client.get(reverse("arrears:cases") + query).content.decode()
        return page.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in page else ""

    def approvals(self) -> str:
        self.login(self.chief)
        home = self.client.get(reverse("web:home")).content.decode()
        if 'data-testid="approvals"' not in home:
            return ""
        return home.split('data-testid="approvals"', 1)[1].split("</ul>", 1)[0]

    def test_more_than_50_blocked_households_and_the_one_to_approve_is_on_the_chiefs_home(
        self,
    ) -> None:
        for n in range(55):
            customer = Customer.objects.create(
                station=self.station_a,
                account_number=f"532510{n:05d}",
                name=f"阻{n}",
                medical_need=n % 3 == 0,
            )
            ArrearsCase.objects.create(
                station=self.station_a,
                customer=customer,
                amount="80.00",
                owed_since=dt.date(2025, 1, 1) + dt.timedelta(days=n),
                stage=ArrearsCase.Stage.CHECKED,
                check_result=ArrearsCase.Check.BLOCK,
                situation="家里有人用制氧机" if n % 3 else "户主在家务农",
            )
        # Owed since 1 December 2025: after the 55, so the last of the station's checked cases.
        approvable = self.checked()
        approvals = self.approvals()
        self.assertIn(approvable.get_absolute_url(), approvals)
        self.assertEqual(approvals.count("<li>"), 1)
        # The list's filter and the API's: the 55, and not the one nothing blocks.
        blocked = self.listed("?blocked=1")
        self.assertEqual(blocked.count('data-testid="case-blocked"'), 55)
        self.assertEqual(blocked.count("<tr>"), 55)
        self.assertNotIn(approvable.get_absolute_url(), blocked)
        self.assertEqual(self.client.get(f"{URL}?blocked=true").json()["count"], 55)
        clear = self.client.get(f"{URL}?blocked=false").json()
        self.assertEqual([c["id"] for c in clear["items"]], [approvable.pk])

    def test_the_medical_need_flag_set_on_the_admin_site_and_cleared_by_an_import(self) -> None:
        other = Customer.objects.create(
            station=self.station_a, account_number="53250000888", name="罗正华"
        )
        self.checked(other)
        case = self.checked()
        self.assertEqual(self.listed("?blocked=1"), "")
        self.assertIn(case.get_absolute_url(), self.approvals())

        admin_change(self, self.household, medical_need="on")
        blocked = self.listed("?blocked=1")
        self.assertIn(case.get_absolute_url(), blocked)
        self.assertEqual(blocked.count("<tr>"), 1)
        self.assertNotIn(case.get_absolute_url(), self.approvals())
        answer = self.client.get(f"{URL}?blocked=true").json()
        self.assertEqual([(c["id"], c["block"]) for c in answer["items"]], [(case.pk, "care_flag")])

        header = "account_number,name,village,group,medical_need\n"
        row = f"{self.household.account_number},{self.household.name},左门,哔叭,0\n"
        customer_import(
            station=self.station_a,
            stream=io.BytesIO((header + row).encode()),
            file_name="flags.csv",
            user=self.chief,
        )
        self.household.refresh_from_db()
        self.assertFalse(self.household.medical_need)
        self.assertEqual(self.listed("?blocked=1"), "")
        self.assertIn(case.get_absolute_url(), self.approvals())
        self.assertEqual(self.client.get(f"{URL}?blocked=true").json()["count"], 0)

        # Set again by an import, cleared again on the admin site.
        customer_import(
            station=self.station_a,
            stream=io.BytesIO((header + row.replace(",0\n", ",1\n")).encode()),
            file_name="flags2.csv",
            user=self.chief,
        )
        self.assertIn(case.get_absolute_url(), self.listed("?blocked=1"))
        admin_change(self, self.household, medical_need="")
        self.assertEqual(self.listed("?blocked=1"), "")

    def test_a_step_saved_with_the_customer_loaded_before_the_flag_was_set_stores_the_flag(
        self,
    ) -> None:
        # review73, M2: a step's page loaded the case (and its customer) before the admin ticked
        # the medical need; the step's save stored "" and the household fell off ?blocked=1.
        case = ArrearsCase.objects.select_related("customer").get(pk=self.checked().pk)
        self.assertFalse(case.customer.medical_need)
        Customer.objects.filter(pk=self.household.pk).update(medical_need=True)
        case.save()
        case.refresh_from_db()
        self.assertEqual(case.blocked_by, "care_flag")
        self.assertIn(case.get_absolute_url(), self.listed("?blocked=1"))
