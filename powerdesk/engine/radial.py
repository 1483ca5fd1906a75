"""Moved to ``powerdesk.engine.model.radial``; this name still imports it."""

import sys

from powerdesk.engine.model import radial as _moved

sys.modules[__name__] = _moved
