"""The examples written in the docstrings of the engine and the shared helpers hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import powerdesk.engine
import powerdesk.lib

MODULES = [
    f"{package.__name__}.{info.name}"
    for package in (powerdesk.engine, powerdesk.lib)
    for info in pkgutil.iter_modules(package.__path__)
    if info.name not in ("pandapower_import", "models")  # need the optional extra / Django apps
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    failures, _tried = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert failures == 0, name
