"""The evidence explained for a pole (an outage recorded on the line, a crew's find at a pole or
a span) is that of the customers below it, as for any device."""

from __future__ import annotations

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.network import Network


def test_a_pole_s_explanation_counts_the_calls_and_meters_below_it() -> None:
    rows = [("S", "", "source"), ("P", "S", "node"), ("F", "P", "fuse")]
    for t in range(2):
        rows.append((f"T{t}", "F", "transformer"))
        rows += [(f"C{t}-{i}", f"T{t}", "customer") for i in range(10)]
    engine = OutageInference(Network.from_rows(rows, ami=[1 if "-" in r[0] else -1 for r in rows]))
    for i in range(0, 10, 2):
        engine.ingest(60.0, "ami_off", f"C0-{i}")
        engine.ingest(60.0, "ami_off", f"C1-{i}")
    engine.ingest(600.0, "call", "C0-1")
    engine.ingest(900.0, "call", "C1-3")
    engine.ingest(1200.0, "confirm_open", "P")  # the line found down at the pole
    fuse, pole = engine.explain("F"), engine.explain("P")
    for key in ("customers", "reporting_meters", "calls", "meter_off"):
        assert pole[key] == fuse[key], key
    assert (pole["calls"], pole["meter_off"], pole["forced"]) == (2, 10, "open")
