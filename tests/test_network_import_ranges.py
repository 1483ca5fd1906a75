"""A network file's numbers that cannot be what they say are refused at their line and column,
as a bad year is, and nothing is stored (probe 36, F4: a capacity of -5 or of twenty digits
answered a server error; 3,000,000,000 kVA, x=999, y=-999 and y=inf were stored)."""

from __future__ import annotations

import io

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from powerdesk.lib.csvfile import CsvImportError
from powerdesk.network.importing import network_import
from powerdesk.network.models import GridNode, ImportRun
from tests.base import BaseTestCase

HEAD = "id,parent,kind,name,feeder,x,y,capacity_kva\n"
SOURCE = "PX-S,,source,出线开关,10kV测试线,101.2,25.5,\n"
CAPACITY = "%(value)s is not a plausible capacity: give it in kVA, from 1 to %(max)s"
LONGITUDE = "%(value)s is not a longitude: x is a number from -180 to 180"
LATITUDE = "%(value)s is not a latitude: y is a number from -90 to 90"


def upload(text: str, name: str = "net.csv") -> io.BytesIO:
    stream = io.BytesIO(text.encode("utf-8"))
    stream.name = name
    return stream


def said(line: int, column: str, msgid: str, value: str) -> str:
    message = gettext(msgid) % {"value": repr(value), "max": "100,000"}
    return f"net.csv, line {line}, column {column}: {message}"


class NumberRangeTests(BaseTestCase):
    def refused(self, rows: str) -> list[str]:
        before = GridNode.objects.count()
        with translation.override("en"), self.assertRaises(CsvImportError) as caught:
            network_import(
                station=self.station_a,
                stream=upload(HEAD + SOURCE + rows),
                file_name="net.csv",
                user=self.chief,
            )
        self.assertEqual(GridNode.objects.count(), before)
        self.assertFalse(ImportRun.objects.exists())
        with translation.override("en"):
            return [str(p) for p in caught.exception.problems]

    def test_a_capacity_below_one_or_past_reason_is_refused_at_its_column(self) -> None:
        values = ["-5", "0", "99999999999999999999", "3000000000", "100001"]
        rows = "".join(f"PX-{n},PX-S,transformer,t{n},,,,{v}\n" for n, v in enumerate(values))
        found = self.refused(rows)
        with translation.override("en"):
            for n, value in enumerate(values):
                self.assertIn(said(3 + n, "capacity_kva", CAPACITY, value), found)
        self.assertEqual(len(found), len(values))

    def test_coordinates_off_the_earth_or_not_finite_are_refused(self) -> None:
        rows = (
            "PX-G,PX-S,node,g,,999,-999,\n"
            "PX-K,PX-S,node,k,,nan,inf,\n"
            "PX-L,PX-S,node,l,,-inf,1e400,\n"
        )
        found = self.refused(rows)
        with translation.override("en"):
            expected = [
                said(3, "x", LONGITUDE, "999"),
                said(3, "y", LATITUDE, "-999"),
                said(4, "x", LONGITUDE, "nan"),
                said(4, "y", LATITUDE, "inf"),
                said(5, "x", LONGITUDE, "-inf"),
                said(5, "y", LATITUDE, "1e400"),
            ]
        self.assertEqual(sorted(found), sorted(expected))

    def test_the_bounds_themselves_are_taken(self) -> None:
        rows = "PX-T,PX-S,transformer,t,,180,-90,100000\nPX-U,PX-S,transformer,u,,-180,90,1\n"
        network_import(
            station=self.station_a,
            stream=upload(HEAD + SOURCE + rows),
            file_name="net.csv",
            user=self.chief,
        )
        t = GridNode.objects.get(station=self.station_a, code="PX-T")
        self.assertEqual((t.x, t.y, t.capacity_kva), (180.0, -90.0, 100_000))

    def test_the_page_names_the_problem_and_answers_no_server_error(self) -> None:
        self.login(self.chief)
        self.client.cookies["django_language"] = "en"
        for value in ("-5", "99999999999999999999"):
            with self.subTest(value):
                text = HEAD + SOURCE + f"PX-I,PX-S,transformer,i,,,,{value}\n"
                answer = self.client.post(
                    reverse("network:import"), {"kind": "network", "file": upload(text)}
                )
                self.assertEqual(answer.status_code, 200)
                with translation.override("en"):
                    self.assertContains(
                        answer, said(3, "capacity_kva", CAPACITY, value).replace("'", "&#x27;")
                    )
        self.assertFalse(GridNode.objects.filter(code__startswith="PX-").exists())
