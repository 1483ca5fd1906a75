"""The service desk: calls, work orders, promises, callbacks, hard problems, suggestions."""
