"""Moved to ``powerdesk.engine.readwrite.interruptions_csv``; this name still imports it."""

import sys

from powerdesk.engine.readwrite import interruptions_csv as _moved

sys.modules[__name__] = _moved
