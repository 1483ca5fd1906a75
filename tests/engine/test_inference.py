"""Outage inference on small named networks, with exact expected sets."""

from __future__ import annotations

import pytest

from powerdesk.engine.inference import OutageInference, UnknownElement
from powerdesk.engine.network import Network
from tests.engine.fixtures import customers_of, radial_feeder

MINUTE = 60.0
HOUR = 3600.0


def devices(engine: OutageInference, now: float | None = None) -> set[str]:
    return {o.device for o in engine.picture(now).outages}


def calls(engine: OutageInference, customers: list[str], start: float = 0.0) -> None:
    for i, customer in enumerate(customers):
        engine.ingest(start + (i + 1) * 3 * MINUTE, "call", customer)


def fuse_out_for_hours(engine: OutageInference, net: Network) -> None:
    """F1 blows: 16 of T1's customers call, one every 7.5 minutes, over two hours."""
    for i, customer in enumerate(customers_of(net, "T1")[:16]):
        engine.ingest(450.0 * (i + 1), "call", customer)


def recloser_trip_calls(
    engine: OutageInference,
    net: Network,
    start: float,
    *,
    lead: float = 120.0,
    area: float = 60.0,
    call: float = 30.0,
) -> None:
    """The recloser trips at ``start``: two calls from each area but T1 within minutes."""
    for k, t in enumerate(("T2", "T3", "T4", "T5")):
        for j, customer in enumerate(customers_of(net, t)[:2]):
            engine.ingest(start + lead + area * k + call * j, "call", customer)


def test_calls_from_one_transformer_area_find_the_transformer() -> None:
    net = radial_feeder(20)
    engine = OutageInference(net)
    calls(engine, customers_of(net, "T2")[:6])
    assert devices(engine, 60 * MINUTE) == {"T2"}


def test_calls_from_two_areas_under_a_fuse_roll_up_to_the_fuse() -> None:
    net = radial_feeder(20)
    engine = OutageInference(net)
    calls(engine, customers_of(net, "T2")[:4] + customers_of(net, "T3")[:4])
    assert devices(engine, 60 * MINUTE) == {"F2"}


def test_calls_from_every_fuse_roll_up_to_the_recloser() -> None:
    net = radial_feeder(20)
    engine = OutageInference(net)
    calls(engine, [c for t in ("T1", "T2", "T3", "T4", "T5") for c in customers_of(net, t)[:4]])
    assert devices(engine, 90 * MINUTE) == {"R"}


def test_two_independent_outages_on_one_feeder_are_told_apart() -> None:
    net = radial_feeder(20)
    engine = OutageInference(net)
    calls(engine, customers_of(net, "T2")[:5] + customers_of(net, "T4")[:5])
    assert devices(engine, 60 * MINUTE) == {"T2", "T4"}


def test_a_lone_last_gasp_among_live_neighbours_is_the_customer_s_own_problem() -> None:
    net = radial_feeder(10, metered=True)
    engine = OutageInference(net)
    engine.ingest(60.0, "ami_off", "C2-3")
    for n in (0, 1, 2, 4, 5):
        engine.ingest(120.0, "ami_on", f"C2-{n}")
    assert devices(engine, 300.0) == {"C2-3"}


def test_silent_meters_speak_against_a_larger_outage() -> None:
    net = radial_feeder(10, metered=True)
    engine = OutageInference(net)
    for customer in customers_of(net, "T3")[:6]:
        engine.ingest(30.0, "ami_off", customer)
    # T2's meters under the same fuse stay silent: the fuse is live.
    assert devices(engine, 10 * MINUTE) == {"T3"}


def test_a_device_scada_shows_closed_is_never_predicted_open() -> None:
    net = radial_feeder(20)
    engine = OutageInference(net)
    engine.ingest(0.0, "scada_close", "F2")
    calls(engine, customers_of(net, "T2")[:8] + customers_of(net, "T3")[:8])
    found = devices(engine, 90 * MINUTE)
    assert "F2" not in found
    assert found == {"T2", "T3"}


def test_scada_and_crew_reports_are_confirmed() -> None:
    net = radial_feeder(10)
    engine = OutageInference(net)
    engine.ingest(0.0, "scada_open", "S")
    engine.ingest(10.0, "confirm_open", "F3")
    picture = engine.picture(60.0)
    assert {(o.device, o.status) for o in picture.outages} == {
        ("S", "confirmed"),
        ("F3", "confirmed"),
    }
    assert picture.customers_out == 50


def test_restoring_a_device_clears_its_outage() -> None:
    net = radial_feeder(20)
    engine = OutageInference(net)
    calls(engine, customers_of(net, "T2")[:6])
    assert devices(engine, 30 * MINUTE) == {"T2"}
    engine.ingest(40 * MINUTE, "restore", "T2")
    assert devices(engine, 41 * MINUTE) == set()
    assert devices(engine, 120 * MINUTE) == set()


def test_a_nested_fuse_stays_out_after_the_recloser_above_is_restored() -> None:
    net = radial_feeder(10, metered=True)
    engine = OutageInference(net)
    for customer in customers_of(net, "T1"):  # F1 blows: T1's meters go quiet
        engine.ingest(10.0, "ami_off", customer)
    engine.ingest(600.0, "scada_open", "S")  # then the breaker locks out
    assert devices(engine, 900.0) == {"S"}
    engine.ingest(3600.0, "scada_close", "S")  # step restoration: the breaker first
    for t in ("T2", "T3", "T4", "T5"):
        for customer in customers_of(net, t):
            engine.ingest(3630.0, "ami_on", customer)
    assert devices(engine, 3600.0 + 30 * MINUTE) == {"F1"}


def test_a_nested_fuse_shows_within_minutes_of_the_restore_when_its_meters_stay_silent() -> None:
    net = radial_feeder(10, metered=True)
    engine = OutageInference(net)
    for customer in customers_of(net, "T1"):
        engine.ingest(10.0, "ami_off", customer)
    engine.ingest(600.0, "scada_open", "S")
    for t in ("T2", "T3", "T4", "T5"):
        for customer in customers_of(net, t)[::2]:
            engine.ingest(605.0, "ami_off", customer)
    engine.ingest(3600.0, "scada_close", "S")
    # T1's meters went off before the breaker opened: that was not the breaker.
    assert devices(engine, 3601.0) == {"F1"}
    for t in ("T2", "T3", "T4", "T5"):
        for customer in customers_of(net, t)[::2]:  # half the messages arrive, within 2 min
            engine.ingest(3700.0, "ami_on", customer)
    # Three minutes after the restore, well inside the watch, T1's silence still tells.
    assert devices(engine, 3600.0 + 3 * MINUTE) == {"F1"}


def test_calls_about_an_outage_below_that_began_before_the_breaker_opened_outlast_its_close() -> (
    None
):
    net = radial_feeder(10)  # calls only
    engine = OutageInference(net)
    calls(engine, customers_of(net, "T2")[:3])  # F2 or T2 is out: calls from 3 to 9 minutes
    engine.ingest(20 * MINUTE, "scada_open", "S")
    calls(engine, customers_of(net, "T4")[:2] + customers_of(net, "T3")[:2], start=20 * MINUTE)
    assert devices(engine, 40 * MINUTE) == {"S"}
    engine.ingest(60 * MINUTE, "scada_close", "S")
    # The calls made after the breaker opened may have been about it; the ones before were not.
    assert devices(engine, 61 * MINUTE) == {"T2"}
    assert devices(engine, 90 * MINUTE) == {"T2"}


def test_a_recloser_that_trips_during_an_older_fuse_outage_below_it_is_found() -> None:
    net = radial_feeder(20)  # calls only
    engine = OutageInference(net)
    fuse_out_for_hours(engine, net)  # F1 out for hours: many calls
    assert devices(engine, 7800.0) == {"F1"}  # F1 and T1 serve the same customers
    # The recloser trips: a few calls from every other area within minutes.
    start = 8000.0
    recloser_trip_calls(engine, net, start)
    # Not three fuses at once: F1's calls began long before and do not date the new outage.
    assert devices(engine, start + 10 * MINUTE) == {"R"}
    assert devices(engine, start + 20 * MINUTE) == {"R"}


def test_power_reported_on_before_a_recloser_trips_does_not_speak_against_it() -> None:
    net = radial_feeder(20)  # calls only
    engine = OutageInference(net)
    calls(engine, customers_of(net, "T1")[:6])  # F1 blows: calls from 3 to 18 minutes
    engine.ingest(60 * MINUTE, "restore", "F1")
    for i, customer in enumerate(customers_of(net, "T1")[:10]):  # callbacks: power is on
        engine.ingest(61 * MINUTE + 30.0 * i, "call_on", customer)
    # Minutes later the recloser trips: a couple of calls from every other area.
    start = 68 * MINUTE
    recloser_trip_calls(engine, net, start, lead=60.0, area=40.0, call=20.0)
    assert devices(engine, start + 8 * MINUTE) == {"R"}
    assert devices(engine, start + 15 * MINUTE) == {"R"}


def test_an_older_fuse_outage_keeps_its_own_time_after_the_breaker_above_closes() -> None:
    net = radial_feeder(20)  # calls only
    engine = OutageInference(net)
    fuse_out_for_hours(engine, net)  # F1 out for hours: many calls
    engine.ingest(7800.0, "scada_open", "S")
    engine.ingest(9000.0, "scada_close", "S")  # S closes, but the recloser below stays out
    recloser_trip_calls(engine, net, 9000.0)
    assert devices(engine, 9000.0 + 10 * MINUTE) == {"R"}
    assert devices(engine, 9000.0 + 20 * MINUTE) == {"R"}


def test_customers_saying_power_is_on_clear_a_restore_their_meters_did_not_confirm() -> None:
    net = radial_feeder(20, metered=True)
    engine = OutageInference(net)
    for customer in customers_of(net, "T2")[:8]:
        engine.ingest(60.0, "ami_off", customer)
    calls(engine, customers_of(net, "T2")[8:14], start=60.0)
    engine.ingest(2 * HOUR, "restore", "F2")
    for customer in customers_of(net, "T3"):  # T3's meters say power is back
        engine.ingest(2 * HOUR + MINUTE, "ami_on", customer)
    # Not one power-on message from T2's meters arrives: after the watch, T2 looks still out.
    assert devices(engine, 2 * HOUR + 30 * MINUTE) == {"T2"}
    # Then two of its customers say on the phone that power is back: T2 was restored.
    engine.ingest(2 * HOUR + 35 * MINUTE, "call_on", customers_of(net, "T2")[16])
    engine.ingest(2 * HOUR + 40 * MINUTE, "call_on", customers_of(net, "T2")[17])
    assert devices(engine, 2 * HOUR + 45 * MINUTE) == set()
    # ... and stays so once their words have faded from memory.
    assert devices(engine, 4 * HOUR) == set()


def test_one_customer_saying_power_is_on_does_not_clear_an_outage_no_restore_answered() -> None:
    net = radial_feeder(20, metered=True)
    engine = OutageInference(net)
    area = customers_of(net, "T2") + customers_of(net, "T3")
    # F2 blows: last gasps from half of its meters, a few calls.
    for customer in area[::2]:
        engine.ingest(60.0, "ami_off", customer)
    calls(engine, area[1:12:2], start=60.0)
    assert devices(engine, HOUR) == {"F2"}
    # A call logged against the wrong account is called back: that household, out like its
    # neighbours, is recorded as saying power is on. No restore has come: F2 is still out.
    engine.ingest(HOUR + 5 * MINUTE, "call_on", area[20])
    assert devices(engine, HOUR + 10 * MINUTE) == {"F2"}
    assert devices(engine, 2 * HOUR) == {"F2"}


def test_a_late_power_on_message_does_not_clear_the_last_gasps_of_a_new_trip() -> None:
    net = radial_feeder(10, metered=True)
    engine = OutageInference(net)
    area = customers_of(net, "T2") + customers_of(net, "T3")
    for customer in area:
        engine.ingest(10.0, "ami_off", customer)
    engine.ingest(3600.0, "restore", "F2")
    # F2 trips again a minute after it was closed: last gasps from most of its meters, and a
    # few power-on messages from the restore that were on their way arrive after them.
    for i, customer in enumerate(area[:14]):
        engine.ingest(3670.0 + i, "ami_off", customer)
    for customer in area[14:]:
        engine.ingest(3710.0, "ami_on", customer)
    assert devices(engine, 3900.0) == {"F2"}


def test_a_recloser_that_trips_over_a_fuse_a_crew_found_open_is_found() -> None:
    net = radial_feeder(20)  # calls only
    engine = OutageInference(net)
    fuse_out_for_hours(engine, net)  # F1 out for hours: many calls
    engine.ingest(7700.0, "confirm_open", "F1")  # the crew finds F1 blown
    start = 8000.0  # the recloser trips: a few calls from every other area within minutes
    recloser_trip_calls(engine, net, start)
    # F1's many calls began long before: they neither date the new outage nor dilute it.
    assert devices(engine, start + 10 * MINUTE) == {"R", "F1"}
    assert devices(engine, start + 20 * MINUTE) == {"R", "F1"}


def test_a_restore_below_a_breaker_still_open_starts_no_watch() -> None:
    net = radial_feeder(10, metered=True)
    engine = OutageInference(net)
    for customer in customers_of(net, "T2") + customers_of(net, "T3"):
        engine.ingest(10.0, "ami_off", customer)
    engine.ingest(600.0, "scada_open", "S")
    engine.ingest(1200.0, "restore", "F2")  # the crew closes F2, but S is still open above
    # The meters below F2 cannot report power back yet: their silence says nothing about F2's
    # transformers, long after the watch would have ended.
    assert devices(engine, 1200.0 + 40 * MINUTE) == {"S"}
    engine.ingest(3600.0, "scada_close", "S")
    for customer in (customers_of(net, "T2") + customers_of(net, "T3"))[::2]:
        engine.ingest(3660.0, "ami_on", customer)  # half the messages get through
    assert devices(engine, 3600.0 + 30 * MINUTE) == set()


def test_step_restoration_leaves_only_what_is_still_open() -> None:
    net = radial_feeder(20)
    engine = OutageInference(net)
    engine.ingest(0.0, "confirm_open", "F2")
    engine.ingest(0.0, "confirm_open", "T4")
    assert devices(engine, 60.0) == {"F2", "T4"}
    engine.ingest(600.0, "restore", "F2")
    assert devices(engine, 700.0) == {"T4"}


def test_every_prediction_can_be_explained() -> None:
    net = radial_feeder(20)
    engine = OutageInference(net)
    calls(engine, customers_of(net, "T2")[:6])
    explanation = engine.explain("T2", 60 * MINUTE)
    assert explanation["calls"] == 6
    assert explanation["customers"] == 20
    assert explanation["evidence_log_ratio"] > 0


def test_an_event_for_an_unknown_or_wrong_element_is_refused() -> None:
    engine = OutageInference(radial_feeder(2))
    with pytest.raises(UnknownElement, match="'nobody' is not an element"):
        engine.ingest(0.0, "call", "nobody")
    with pytest.raises(UnknownElement, match="'F1', which is not a customer"):
        engine.ingest(0.0, "call", "F1")


def test_confidence_is_a_probability() -> None:
    net = radial_feeder(20)
    engine = OutageInference(net)
    calls(engine, customers_of(net, "T2")[:6])
    (outage,) = engine.picture(60 * MINUTE).outages
    assert 0.5 < outage.confidence <= 1.0


def test_a_lone_call_that_no_crew_repairs_for_hours_fades_but_a_real_outage_stays() -> None:
    net = radial_feeder(20)
    engine = OutageInference(net)
    engine.ingest(600.0, "call", "C2-3")  # alone among its neighbours
    calls(engine, customers_of(net, "T4")[:6], start=600.0)
    assert devices(engine, 600.0 + HOUR) == {"C2-3", "T4"}
    # Own supply failures are repaired within hours, and crews report their repairs; a call
    # still unanswered by a repair after six hours was most likely a problem in the house.
    assert devices(engine, 600.0 + 6 * HOUR) == {"T4"}
    assert devices(engine, 600.0 + 12 * HOUR) == {"T4"}
