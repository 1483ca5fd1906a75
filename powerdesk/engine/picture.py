"""Moved to ``powerdesk.engine.inference.picture``; this name still imports it."""

import sys

from powerdesk.engine.inference import picture as _moved

sys.modules[__name__] = _moved
