"""A source SCADA saw open and closed again: the calls and last gasps made below it while it was
open were its outage's, as likely with a fuse below closed as open, and when the watch after the
close is over they name no fuse, kept open or not; a fuse kept open stands on its signs from
before the source opened and on its meters' silence since (round 16 of issue 17)."""

from __future__ import annotations

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.network import Network

MINUTE = 60.0
HOUR = 3600.0
FUSES = 5
OPENED = HOUR  # SCADA sees the source open
CLOSED = 2 * HOUR  # and closed again
AFTER_WATCH = CLOSED + 40 * MINUTE


def source_and_small_fuses() -> Network:
    """S ─ F0..F4, each fuse with six metered customers C<f>-0..5 (a lane of a village)."""
    rows = [("S", "", "source")]
    for f in range(FUSES):
        rows.append((f"F{f}", "S", "fuse"))
        rows += [(f"C{f}-{i}", f"F{f}", "customer") for i in range(6)]
    return Network.from_rows(rows, ami=[1 if r[2] == "customer" else -1 for r in rows])


def source_outage(
    f0_signs: list[tuple[float, str, int]], until: float = AFTER_WATCH
) -> OutageInference:
    """The source is open from ``OPENED`` to ``CLOSED``; half of each other lane's meters send
    a last gasp when it opens and say power is back when it closes, and one customer of each
    calls; F0's customers send ``f0_signs`` (time, type, customer) and its meters never say
    power is back (lost messages, or the fuse open). The events up to ``until`` are taken in."""
    engine = OutageInference(source_and_small_fuses())
    events = [(t, kind, f"C0-{i}") for t, kind, i in f0_signs]
    events.append((OPENED, "scada_open", "S"))
    events.append((CLOSED, "scada_close", "S"))
    for f in range(1, FUSES):
        for i in (0, 2, 4):
            events.append((OPENED + 20.0 + 10.0 * f + i, "ami_off", f"C{f}-{i}"))
            events.append((CLOSED + 30.0 + 10.0 * f + i, "ami_on", f"C{f}-{i + 1}"))
        events.append((OPENED + 15 * MINUTE + MINUTE * f, "call", f"C{f}-1"))
    for t, kind, target in sorted(events):
        if t <= until:
            engine.ingest(t, kind, target)
    return engine


def test_calls_made_while_the_source_was_open_name_no_fuse_after_its_close() -> None:
    # Three of F0's customers call while the source is out, its meters' last gasps come with
    # everyone's, and none of its meters says power is back: lost messages, as far as anyone
    # can tell. Those signs were the source's outage's.
    signs = [(OPENED + 30.0, "ami_off", 0), (OPENED + 40.0, "ami_off", 3)]
    signs += [(OPENED + m * MINUTE, "call", i) for m, i in ((12, 1), (25, 2), (40, 5))]
    during = source_outage(signs, until=OPENED + 50 * MINUTE)
    assert [o.device for o in during.picture(OPENED + 50 * MINUTE).outages] == ["S"]
    engine = source_outage(signs)
    picture = engine.picture(AFTER_WATCH)
    assert "F0" not in [o.device for o in picture.outages]
    explained = engine.explain("F0")
    assert explained["calls"] == explained["meter_off"] == 0


def test_a_fuse_that_blew_before_the_source_opened_stays_named_on_its_own_signs() -> None:
    # F0's meters sent their last gasps a quarter of an hour before the source opened (the
    # fuse blew first), and stay silent after the close: the fuse is still open.
    engine = source_outage(
        [
            (OPENED - 15 * MINUTE, "ami_off", 0),
            (OPENED - 15 * MINUTE + 20.0, "ami_off", 3),
            (OPENED + 10 * MINUTE, "call", 1),
        ]
    )
    picture = engine.picture(AFTER_WATCH)
    assert "F0" in [o.device for o in picture.outages]
    assert engine.explain("F0")["meter_off"] == 2


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(min_value=OPENED - 50 * MINUTE, max_value=CLOSED + 30 * MINUTE),
            st.sampled_from(["call", "ami_off"]),
        ),
        min_size=1,
        max_size=6,
    )
)
@example([(CLOSED, "call")])
def test_after_the_watch_only_signs_from_before_the_opening_or_after_the_close_count(
    signs: list[tuple[float, str]],
) -> None:
    # Each of F0's customers sends at most one sign, at any time; whatever the engine makes of
    # the lane, the signs it still counts there are those the source's outage cannot explain.
    # A sign within a second of the opening or the close may fall on either side of it.
    assume(all(abs(t - OPENED) > 1.0 and abs(t - CLOSED) > 1.0 for t, _ in signs))
    times = [t for t, _ in signs]
    engine = source_outage([(t, kind, i) for i, (t, kind) in enumerate(signs)])
    engine.picture(AFTER_WATCH)
    explained = engine.explain("F0")
    counted = explained["calls"] + explained["meter_off"]
    outside = sum(1 for t in times if t < OPENED or t > CLOSED)
    assert counted == outside
