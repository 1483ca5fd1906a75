"""A caller is found from any written form of their number."""

from __future__ import annotations

import pytest

from powerdesk.customers.selectors import customer_search, customers_by_phone
from powerdesk.lib.phones import InvalidPhoneNumber, format_phone, normalize_phone
from tests.base import BaseTestCase


@pytest.mark.parametrize(
    "written",
    ["0878-1234567", "+86 878 123 4567", "(0878) 123 4567", "0878 1234567", "86-878-1234567"],
)
def test_a_landline_written_any_way_is_one_number(written: str) -> None:
    assert normalize_phone(written) == "+868781234567"


def test_a_mobile_number_is_normalised() -> None:
    assert normalize_phone("138 1234 5678") == "+8613812345678"
    assert normalize_phone("+86 13812345678") == "+8613812345678"


def test_a_local_number_takes_the_station_area_code() -> None:
    assert normalize_phone("1234567", area_code="0878") == "+868781234567"


@pytest.mark.parametrize("written", ["", "abc", "12", "0878-12"])
def test_what_is_not_a_number_is_refused(written: str) -> None:
    with pytest.raises(InvalidPhoneNumber):
        normalize_phone(written)


def test_numbers_are_shown_the_way_staff_write_them() -> None:
    assert format_phone("+8613812345678") == "138 1234 5678"
    assert format_phone("+868781234567") == "0878 123 4567"


class CallerLookupTests(BaseTestCase):
    def test_the_caller_is_found_from_every_written_form(self) -> None:
        for written in ["0878-1234567", "+86 878 123 4567", "1234567", "13812345678"]:
            found = list(customers_by_phone(station=self.station_a, raw=written))
            self.assertEqual(found, [self.customer], written)

    def test_a_number_of_station_a_is_not_found_from_station_b(self) -> None:
        self.assertFalse(customers_by_phone(station=self.station_b, raw="0878-1234567").exists())

    def test_search_takes_a_phone_number_a_name_or_an_account(self) -> None:
        for query in ["0878-1234567", "普光荣", "53250000001", "哔叭村"]:
            self.assertIn(self.customer, customer_search(station=self.station_a, query=query))

    def test_the_customer_list_finds_a_caller_by_phone(self) -> None:
        self.login(self.clerk)
        response = self.client.get("/customers/", {"q": "+86 878 123 4567"}, follow=True)
        self.assertContains(response, "普光荣")
