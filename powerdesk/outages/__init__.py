"""Outages: finding them (through the engine), following them, restoring supply."""
