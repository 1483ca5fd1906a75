"""An outage is named at the moment its calls come, not only a moment later: the live service
draws the picture at the time of the last signal it took, and draws it again only when more
come."""

from __future__ import annotations

from powerdesk.engine.inference.engine import OutageInference
from powerdesk.engine.model.network import Network

NOW = 1_796_093_480.0


def _network(metered: int) -> Network:
    rows = [("S", "", "source"), ("F", "S", "fuse"), ("T", "F", "transformer")]
    rows += [(f"C{i}", "T", "customer") for i in range(12)]
    rows += [("T2", "S", "transformer")] + [(f"D{i}", "T2", "customer") for i in range(50)]
    ami = [-1] * 3 + [1 if i < metered else 0 for i in range(12)] + [-1] + [0] * 50
    return Network.from_rows(rows, ami=ami)


def test_three_calls_in_a_second_name_their_fuse_at_once_whatever_the_meters() -> None:
    for metered in (0, 8, 12):
        engine = OutageInference(_network(metered))
        for i in range(3):
            engine.ingest(NOW + 0.03 * i, "call", f"C{i}")
        named = [o.device for o in engine.picture(NOW + 0.06).outages]
        assert named == ["F"], (metered, named)
        # ... and the same a minute later.
        assert [o.device for o in engine.picture(NOW + 60).outages] == ["F"]
