"""After a restore: meters that did not say power is back are unknown, not evidence."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.evidence import UNHEARD
from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.scoring import tally_below as _tally
from powerdesk.engine.network import Network
from tests.engine.fixtures import customers_of, radial_feeder

MINUTE = 60.0
HOUR = 3600.0


def devices(engine: OutageInference, now: float) -> set[str]:
    return {o.device for o in engine.picture(now).outages}


def fuse_lanes(lanes: int, households: int, first: int | None = None) -> Network:
    """S ─ R ─┬─ F0 ─ T0 (``first`` households, by default ``households``)
    ├─ F1 ─ T1 (``households``)
    └─ ...       (every meter reporting)
    """
    rows = [("S", "", "source"), ("R", "S", "recloser")]
    for lane in range(lanes):
        count = first if lane == 0 and first is not None else households
        rows += [(f"F{lane}", "R", "fuse"), (f"T{lane}", f"F{lane}", "transformer")]
        rows += [(f"C{lane}-{i}", f"T{lane}", "customer") for i in range(count)]
    ami = [1 if kind == "customer" else -1 for _, _, kind in rows]
    return Network.from_rows(rows, ami=ami)


@settings(max_examples=25, deadline=None)
@given(silent=st.sets(st.integers(0, 19), max_size=20))
def test_meters_silent_through_the_watch_are_unheard_not_silent_meters(silent: set[int]) -> None:
    net = radial_feeder(20, metered=True)
    engine = OutageInference(net)
    callers = customers_of(net, "T2")
    for customer in callers:
        engine.ingest(60.0, "ami_off", customer)
    engine.ingest(HOUR, "restore", "F2")
    for i, customer in enumerate(callers):
        if i not in silent:
            engine.ingest(HOUR + MINUTE, "ami_on", customer)
    engine.picture(HOUR + 45 * MINUTE)  # the watch is over, the reports of power have faded
    st_ = engine._st
    t2 = net.index["T2"]
    assert st_.evidence.count(t2, UNHEARD) == len(silent)
    tally = _tally(st_, t2)
    # The heard meters are silent meters (a later outage would have had their last gasps);
    # the unheard ones are neither silent nor evidence.
    assert tally.meters - tally.evidenced_metered == 20 - len(silent)
    assert tally.customers - tally.evidenced == 20


def test_a_later_outage_is_not_doubted_for_meters_unheard_since_the_last_restore() -> None:
    # F2 is restored; T2's meters were in a valley whose power-on messages were lost: most
    # never said power is back. Two hours later T2 fails: three households call and the
    # two meters that had said power is back send a last gasp. The unheard meters' silence
    # is no "no last gasp": T2 is found.
    net = radial_feeder(20, metered=True)
    engine = OutageInference(net)
    area = customers_of(net, "T2")
    for customer in area + customers_of(net, "T3"):
        engine.ingest(60.0, "ami_off", customer)
    engine.ingest(HOUR, "restore", "F2")
    for customer in area[:2] + customers_of(net, "T3"):
        engine.ingest(HOUR + MINUTE, "ami_on", customer)
    assert devices(engine, HOUR + 45 * MINUTE) == set()
    start = 3 * HOUR
    for customer in area[:2]:
        engine.ingest(start, "ami_off", customer)
    for i, customer in enumerate(area[5:8]):
        engine.ingest(start + (10 + 5 * i) * MINUTE, "call", customer)
    assert devices(engine, start + 30 * MINUTE) == {"T2"}


def test_a_small_fuse_whose_few_meters_stay_silent_after_a_large_restore_is_not_named() -> None:
    # A recloser's outage over forty lanes; at its restore most meters say power is back,
    # but none of one small lane's three: a lane whose messages do not get through is far
    # likelier than a fuse that blew unseen at the same moment.
    net = fuse_lanes(40, 3)
    engine = OutageInference(net)
    for lane in range(40):
        for i in range(3):
            engine.ingest(60.0 + lane, "ami_off", f"C{lane}-{i}")
    engine.ingest(2 * HOUR, "restore", "R")
    for lane in range(1, 40):
        for i in range(3):
            if (lane + i) % 5:  # four in five arrive
                engine.ingest(2 * HOUR + MINUTE, "ami_on", f"C{lane}-{i}")
    assert devices(engine, 2 * HOUR + 5 * MINUTE) == set()  # (in the watch)
    assert devices(engine, 2 * HOUR + 30 * MINUTE) == set()


def test_a_nested_fuse_whose_many_meters_stay_silent_after_the_restore_is_named() -> None:
    # The same, but the silent lane is large: so many meters silent together is its fuse.
    net = fuse_lanes(20, 3, first=40)
    engine = OutageInference(net)
    for e in range(len(net)):
        if net.kind_name(e) == "customer":
            engine.ingest(60.0, "ami_off", net.ids[e])
    engine.ingest(2 * HOUR, "restore", "R")
    for lane in range(1, 20):
        for i in range(3):
            if (lane + i) % 5:
                engine.ingest(2 * HOUR + MINUTE, "ami_on", f"C{lane}-{i}")
    assert devices(engine, 2 * HOUR + 30 * MINUTE) == {"F0"}


def test_one_customer_saying_power_is_on_does_not_clear_an_outage_older_than_the_breaker() -> None:
    # F1 blows (T1's meters send their last gasps), then the breaker above trips and closes
    # again: F1's signs came before the breaker opened, so its close did not answer them. A
    # T1 household then says power is on (a wrong account called back): one report is
    # weighed with the rest, it does not clear the fuse's last gasps.
    net = radial_feeder(10, metered=True)
    engine = OutageInference(net)
    for customer in customers_of(net, "T1"):
        engine.ingest(10.0, "ami_off", customer)
    engine.ingest(600.0, "scada_open", "S")
    engine.ingest(HOUR, "scada_close", "S")
    for t in ("T2", "T3", "T4", "T5"):
        for customer in customers_of(net, t):
            engine.ingest(HOUR + 30.0, "ami_on", customer)
    assert devices(engine, HOUR + 30 * MINUTE) == {"F1"}
    engine.ingest(HOUR + 40 * MINUTE, "call_on", customers_of(net, "T1")[3])
    assert devices(engine, HOUR + 45 * MINUTE) == {"F1"}
