"""The demo station: a Guanglu-like station built deterministically from a seed."""
