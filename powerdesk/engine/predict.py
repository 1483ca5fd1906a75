"""Moved to ``powerdesk.engine.readwrite.predict``; this name still imports it."""

import sys

from powerdesk.engine.readwrite import predict as _moved

sys.modules[__name__] = _moved
