"""A transformer repaired under a fuse that is still out, in a storm of the project's generator
(the narrow generated grid, 30 % of meters, seed 73: a development seed, not the table's).

Its transformer S1-F9-T2 failed on its own; the feeder's breaker then tripped, and while it was
open the fuse above, S1-F9, blew too. When the breaker closed, no meter of the fuse's area said
power is back, and the fuse was named. The crew repaired T2 at 24,188 s with the fuse still
out: its meters stayed silent and its customers went on calling. The outage is still the
fuse's: the desk must not name its three transformers instead (as it did when the repaired
transformer's old signs and new calls were taken for its own)."""

from __future__ import annotations

from dataclasses import replace

from bench.families import Setting, grid_rows, project_storm
from bench.grids import network
from powerdesk.engine.inference import OutageInference


def test_the_fuse_stays_named_after_a_transformer_below_it_is_repaired_in_the_dark() -> None:
    setting = replace(Setting(), grid="generated narrow")
    net = network(grid_rows(setting.grid, 73), 0.3, 73)
    storm = project_storm(net, setting, 73)
    engine = OutageInference(net)
    below_fuse: dict[float, list[str]] = {}
    for event in storm.events:
        if event["type"] == "checkpoint":
            picture = engine.picture(event["t"])
            below_fuse[event["t"]] = sorted(
                o.device for o in picture.outages if o.device.startswith("S1-F9")
            )
            continue
        engine.ingest(event["t"], event["type"], event.get("customer") or event["device"])
    for t in (23_399.999, 25_199.999, 26_999.999, 28_799.999):  # before and after the repair
        assert below_fuse[t] == ["S1-F9"]
