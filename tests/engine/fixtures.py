"""Small named networks for the engine's tests, with exact expectations."""

from __future__ import annotations

from powerdesk.engine.network import Network


def radial_feeder(customers_per_transformer: int = 10, *, metered: bool = False) -> Network:
    """S ─ R ─┬─ F1 ─ T1
    ├─ F2 ─┬─ T2
    │      └─ T3
    └─ F3 ─ P ─ T4        (P is a pole; customers C<t>-<n> under each T<t>)
    """
    rows = [
        ("S", "", "source"),
        ("R", "S", "recloser"),
        ("F1", "R", "fuse"),
        ("T1", "F1", "transformer"),
        ("F2", "R", "fuse"),
        ("T2", "F2", "transformer"),
        ("T3", "F2", "transformer"),
        ("F3", "R", "fuse"),
        ("P", "F3", "node"),
        ("T4", "P", "transformer"),
        ("T5", "F3", "transformer"),
    ]
    ami: list[int] = [-1] * len(rows)
    for t in ("T1", "T2", "T3", "T4", "T5"):
        for n in range(customers_per_transformer):
            rows.append((f"C{t[1:]}-{n}", t, "customer"))
            ami.append(1 if metered else 0)
    return Network.from_rows(rows, ami=ami)


def customers_of(network: Network, transformer: str) -> list[str]:
    prefix = f"C{transformer[1:]}-"
    return [i for i in network.ids if i.startswith(prefix)]
