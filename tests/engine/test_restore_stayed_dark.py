"""A restore that brought no power back: crews close transformers below a fuse that is open too
(nobody reported it). Not one of those transformers' meters says power is back, while the
network's meters elsewhere do: the signs of their customers stand again, and count for the
fuse, not for the one transformer whose signs were never set aside."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from tests.engine.test_restore_above_open import MINUTE, fuse_with_four_areas

HOUR = 60 * MINUTE


def fuse_blown_and_transformers_closed(
    restored: tuple[str, ...] = ("T0", "T1", "T2"), *, lit: int = 0, gasps: int = 10
) -> OutageInference:
    """F blows at once (``gasps`` of each area's 20 meters send a last gasp, three calls from
    each area); crews close the ``restored`` transformers an hour later, F still open. ``lit``
    of the first one's meters say power is back after all (then it did come back there)."""
    engine = OutageInference(fuse_with_four_areas())
    for t in range(4):
        for i in range(gasps):
            engine.ingest(60.0, "ami_off", f"CT{t}-{2 * i % 20 + (2 * i) // 20}")
        for k, i in enumerate((1, 5, 9)):
            engine.ingest(10 * MINUTE + 3 * MINUTE * (k + 4 * t), "call", f"CT{t}-{i}")
    # Elsewhere a transformer was out and comes back: its meters say so, as meters do.
    for i in range(20):
        engine.ingest(20 * MINUTE, "ami_off", f"CU0-{i}")
    engine.ingest(50 * MINUTE, "restore", "U0")
    for i in range(0, 20, 2):
        engine.ingest(51 * MINUTE, "ami_on", f"CU0-{i}")
    for device in restored:
        engine.ingest(HOUR, "restore", device)
    for i in range(lit):
        engine.ingest(HOUR + MINUTE, "ami_on", f"C{restored[0]}-{i}")
    return engine


def kept(engine: OutageInference, device: str) -> int:
    """The signs below ``device`` that count (calls and last gasps; a caller whose meter
    reports counts as its meter's last gasp once a restore's watch has weighed it)."""
    explain = engine.explain(device)
    return int(explain["calls"]) + int(explain["meter_off"])


def named(engine: OutageInference, now: float) -> list[str]:
    return [o.device for o in engine.picture(now).outages if o.customers > 1]


def test_the_fuse_stays_named_when_the_transformer_closed_below_it_stays_dark() -> None:
    engine = fuse_blown_and_transformers_closed()
    assert named(engine, HOUR - MINUTE) == ["F"]
    # After the watch: every meter of T0, T1 and T2 silent. Power did not come back; F is
    # still out (not T3 alone, the one area whose signs were never set aside).
    for now in (HOUR + 20 * MINUTE, HOUR + 90 * MINUTE):
        assert named(engine, now) == ["F"]
    assert kept(engine, "T2") == 13  # its last gasps (and calls) stand again


def test_once_the_meters_had_time_to_speak_the_dark_area_is_kept_before_the_watch_ends() -> None:
    engine = fuse_blown_and_transformers_closed()
    assert named(engine, HOUR + 6 * MINUTE) == ["F"]
    assert kept(engine, "T2") == 13


def test_one_meter_saying_power_is_back_means_it_came_back() -> None:
    # (F may still be named on the other areas' signs; T2's are about the outage it ended.)
    engine = fuse_blown_and_transformers_closed(("T2",), lit=1)
    engine.picture(HOUR + 20 * MINUTE)
    assert kept(engine, "T2") == 0


@settings(max_examples=25, deadline=None)
@given(
    restored=st.lists(st.sampled_from(["T0", "T1", "T2", "T3"]), min_size=1, max_size=3),
    gasps=st.integers(min_value=4, max_value=12),
    minutes=st.integers(min_value=6, max_value=180),
)
def test_a_dark_restore_never_takes_the_open_fuse_out_of_the_picture(
    restored: list[str], gasps: int, minutes: int
) -> None:
    # Whichever transformers (one to three) are closed below the open fuse, however many last
    # gasps came, and whenever the picture is asked for once their meters had time to speak.
    engine = fuse_blown_and_transformers_closed(tuple(dict.fromkeys(restored)), gasps=gasps)
    assert named(engine, HOUR + minutes * MINUTE) == ["F"]


def test_a_customer_saying_power_is_on_after_the_restore_means_it_came_back() -> None:
    # No meter of T2 answers, but a customer of T2 called back says the power is on.
    engine = fuse_blown_and_transformers_closed(("T2",))
    engine.ingest(HOUR + 2 * MINUTE, "call_on", "CT2-1")
    engine.picture(HOUR + 20 * MINUTE)
    assert kept(engine, "T2") == 0


def test_a_last_gasp_after_the_restore_means_power_came_back_first() -> None:
    # A meter of T2 sends a last gasp after the restore: it had power again to lose.
    engine = fuse_blown_and_transformers_closed(("T2",))
    engine.ingest(HOUR + 2 * MINUTE, "ami_off", "CT2-19")
    engine.picture(HOUR + 20 * MINUTE)
    assert kept(engine, "T2") == 1  # that last gasp alone; the old signs were answered


def test_a_crew_repairing_below_a_dark_area_says_nothing_of_power_coming_back() -> None:
    # Crews repair dead lines too: a customer's service fixed below T2 is no sign of power.
    engine = fuse_blown_and_transformers_closed(("T0", "T1", "T2"))
    engine.ingest(HOUR + 2 * MINUTE, "restore", "CT2-3")
    for now in (HOUR + 20 * MINUTE, HOUR + 90 * MINUTE):
        assert named(engine, now) == ["F"]
    assert kept(engine, "T2") == 13


def test_a_transformer_that_failed_first_and_was_repaired_under_a_dark_fuse_is_not_named() -> None:
    """T2 fails on its own (its last gasps, calls); an hour later F blows (the other areas'
    last gasps and calls; T2's customers, already dark, send nothing). Crews repair T2 while F
    is still open: its meters stay silent and its customers go on calling. The outage is F's,
    not T2's again beside T0, T1 and T3."""
    engine = OutageInference(fuse_with_four_areas())
    for i in range(16):
        engine.ingest(60.0 + i, "ami_off", f"CT2-{i}")
    for k, i in enumerate((1, 5, 9, 13, 17)):
        engine.ingest(10 * MINUTE + 3 * MINUTE * k, "call", f"CT2-{i}")
    for i in range(20):  # elsewhere a transformer comes back, its meters say so
        engine.ingest(20 * MINUTE, "ami_off", f"CU0-{i}")
    engine.ingest(50 * MINUTE, "restore", "U0")
    for i in range(0, 20, 2):
        engine.ingest(51 * MINUTE, "ami_on", f"CU0-{i}")
    for t in (0, 1, 3):
        for i in range(0, 20, 4):
            engine.ingest(HOUR + 30.0, "ami_off", f"CT{t}-{i}")
        for k, i in enumerate((1, 6, 11)):
            engine.ingest(HOUR + 10 * MINUTE + 2 * MINUTE * (k + 3 * t), "call", f"CT{t}-{i}")
    assert sorted(named(engine, HOUR + 40 * MINUTE)) == ["F"]
    engine.ingest(2 * HOUR, "restore", "T2")
    for k, i in enumerate((2, 6, 10, 14, 18)):
        engine.ingest(2 * HOUR + 5 * MINUTE + 4 * MINUTE * k, "call", f"CT2-{i}")
    for now in (2 * HOUR + 30 * MINUTE, 3 * HOUR):
        assert named(engine, now) == ["F"]
