"""A restore above a device a crew reported open: power has not come back below that device, so
the signs of its customers stay (they still tell of its outage, and count for it)."""

from __future__ import annotations

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.network import Network

MINUTE = 60.0


def fuse_with_four_areas() -> Network:
    """S ─ F ─ T0..T3 with 20 metered customers each; and S ─ G ─ U0..U3, where all is well."""
    rows = [("S", "", "source")]
    for fuse, area in (("F", "T"), ("G", "U")):
        rows.append((fuse, "S", "fuse"))
        for t in range(4):
            rows.append((f"{area}{t}", fuse, "transformer"))
            rows += [(f"C{area}{t}-{i}", f"{area}{t}", "customer") for i in range(20)]
    return Network.from_rows(rows, ami=[1 if "-" in r[0] else -1 for r in rows])


def blown_fuse() -> OutageInference:
    """F blows: half of every area's last gasps arrive, and three calls from each area."""
    engine = OutageInference(fuse_with_four_areas())
    for t in range(4):
        for i in range(0, 20, 2):
            engine.ingest(60.0, "ami_off", f"CT{t}-{i}")
        for k, i in enumerate((1, 5, 9)):
            engine.ingest(10 * MINUTE + 3 * MINUTE * (k + 4 * t), "call", f"CT{t}-{i}")
    return engine


def signs(engine: OutageInference, device: str) -> tuple[int, int]:
    explain = engine.explain(device)
    return explain["calls"], explain["meter_off"]


def test_staff_saying_the_fuse_is_not_it_keep_the_signs_of_the_transformer_found_open() -> None:
    engine = blown_fuse()
    assert [o.device for o in engine.picture(HOUR).outages] == ["F"]
    # The office finds the fault at T3 and says the fuse above is not the outage.
    engine.ingest(HOUR, "confirm_open", "T3")
    engine.ingest(HOUR + 0.001, "reject", "F")
    for now in (HOUR + MINUTE, HOUR + 30 * MINUTE):
        picture = engine.picture(now)
        assert [(o.device, o.status, o.customers) for o in picture.outages] == [
            ("T3", "confirmed", 20)
        ]
        assert signs(engine, "T3") == (3, 10)


def test_a_fuse_closed_with_the_transformer_found_open_below_left_open() -> None:
    engine = blown_fuse()
    engine.ingest(HOUR, "confirm_open", "F")
    engine.ingest(HOUR + 10 * MINUTE, "confirm_open", "T1")  # found here, below the fuse
    engine.ingest(HOUR + 40 * MINUTE, "restore", "F")  # closed again, T1 left open
    picture = engine.picture(HOUR + 45 * MINUTE)
    assert [(o.device, o.status) for o in picture.outages] == [("T1", "confirmed")]
    assert signs(engine, "T1") == (3, 10)
    assert signs(engine, "T0") == (0, 0)  # back: its signs were about the fuse


HOUR = 3600.0
