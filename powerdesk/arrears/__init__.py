"""Disconnection for arrears, only after notice and a real look at the household (不再一钳断电)."""
