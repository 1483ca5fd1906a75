"""With ``Params.lone_signs_summed`` a device's closed alternative weighs a customer's off-signal
by both of its explanations together (its own fault or nothing: log(1 + e^score)) rather than
the likelier alone (max(0, score)); off by default since round 27 measured it."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.solve import solve
from powerdesk.engine.model.network import Network
from powerdesk.engine.model.params import Params

SIZE = 6


def _engine(summed: float) -> OutageInference:
    rows = [("S", "", "source"), ("F", "S", "fuse")]
    rows += [(f"C{i}", "F", "customer") for i in range(SIZE)]
    ami = [-1, -1] + [1, 0] * (SIZE // 2)
    return OutageInference(
        Network.from_rows(rows, ami=ami), replace(Params(), lone_signs_summed=summed)
    )


@settings(max_examples=60, deadline=None)
@given(
    signs=st.dictionaries(
        st.integers(min_value=0, max_value=SIZE - 1),
        st.tuples(st.sampled_from(["call", "ami_off"]), st.floats(60.0, 7200.0)),
        min_size=1,
        max_size=SIZE,
    ),
    later=st.floats(min_value=0.0, max_value=6 * 3600.0),
)
def test_summed_explanations_never_weigh_less_than_the_likelier_alone(
    signs: dict[int, tuple[str, float]], later: float
) -> None:
    # log(1 + e^s) >= max(0, s): every device's closed alternative is at least as large.
    solutions = []
    for summed in (0.0, 1.0):
        engine = _engine(summed)
        for number, (kind, t) in sorted(signs.items(), key=lambda item: item[1][1]):
            if kind == "ami_off" and number % 2:
                kind = "call"  # (only the even customers' meters report)
            engine.ingest(t, kind, f"C{number}")
        now = max(t for _, t in signs.values()) + later
        engine.picture(now)  # (events are taken in)
        solutions.append(solve(engine._st, now))
    alone, summed_solution = solutions
    for node, alternative in alone.alternatives.items():
        assert summed_solution.alternatives[node] >= alternative - 1e-9
