"""The examples written in the docstrings of the engine and the shared helpers hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import powerdesk.engine
import powerdesk.lib

# Examples of the engine and the shared helpers: no query (tests/database_free.py), run once.
pytestmark = pytest.mark.database_free

MODULES = [
    info.name
    for package in (powerdesk.engine, powerdesk.lib)
    for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}.")
    # (These need the optional extra, or the Django apps.)
    if info.name.rsplit(".", 1)[-1] not in ("pandapower_import", "models")
    # (An old name of a module that moved is the module itself, tested under its own name.)
    and importlib.import_module(info.name).__name__ == info.name
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    failures, _tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0, name


def test_the_pandapower_readers_examples() -> None:
    # (Left out of ``MODULES``: the optional extra, pip install powerdesk[grid-import].)
    pytest.importorskip("simbench")
    module = importlib.import_module("powerdesk.engine.readwrite.pandapower_import")
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0 and tried > 0


def test_the_engine_keeps_its_old_import_paths() -> None:
    from powerdesk.engine.evidence import EvidenceState
    from powerdesk.engine.inference import OutageInference, UnknownElement
    from powerdesk.engine.inference.evidence import EvidenceState as MovedState
    from powerdesk.engine.model import Params
    from powerdesk.engine.network import Network, load_network_csv
    from powerdesk.engine.readwrite.network_csv import load_network_csv as moved_load
    from powerdesk.engine.simulate import StormConfig, simulate_storm

    assert EvidenceState is MovedState and load_network_csv is moved_load
    assert all((OutageInference, UnknownElement, Params, Network, StormConfig, simulate_storm))
