"""The outage engine: network model, outage inference, reliability indices.

Pure Python (with numpy); it imports nothing from Django. The Django apps call it, never the
reverse.
"""
