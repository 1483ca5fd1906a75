"""Moved to ``powerdesk.engine.readwrite.pandapower_import``; this name still imports it."""

import sys

from powerdesk.engine.readwrite import pandapower_import as _moved

sys.modules[__name__] = _moved
