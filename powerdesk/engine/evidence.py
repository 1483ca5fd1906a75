"""Moved to ``powerdesk.engine.inference.evidence``; this name still imports it."""

import sys

from powerdesk.engine.inference import evidence as _moved

sys.modules[__name__] = _moved
