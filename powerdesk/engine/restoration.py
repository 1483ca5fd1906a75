"""Moved to ``powerdesk.engine.inference.restoration``; this name still imports it."""

import sys

from powerdesk.engine.inference import restoration as _moved

sys.modules[__name__] = _moved
