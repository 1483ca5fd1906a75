"""Moved to ``powerdesk.engine.simulation.score``; this name still imports it."""

import sys

from powerdesk.engine.simulation import score as _moved

sys.modules[__name__] = _moved
