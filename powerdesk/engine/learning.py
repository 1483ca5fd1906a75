"""Moved to ``powerdesk.engine.inference.learning``; this name still imports it."""

import sys

from powerdesk.engine.inference import learning as _moved

sys.modules[__name__] = _moved
