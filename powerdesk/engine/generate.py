"""Moved to ``powerdesk.engine.simulation.generate``; this name still imports it."""

import sys

from powerdesk.engine.simulation import generate as _moved

sys.modules[__name__] = _moved
