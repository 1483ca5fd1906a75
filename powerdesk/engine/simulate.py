"""Moved to ``powerdesk.engine.simulation.storm``; this name still imports it."""

import sys

from powerdesk.engine.simulation import storm as _moved

sys.modules[__name__] = _moved
