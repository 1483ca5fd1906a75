"""Moved to ``powerdesk.engine.inference.solve``; this name still imports it."""

import sys

from powerdesk.engine.inference import solve as _moved

sys.modules[__name__] = _moved
