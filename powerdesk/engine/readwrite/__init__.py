"""Input and output: the file contract (NET.csv, EVENTS.jsonl, OUT.json), interruption
records, and grids imported from pandapower and simbench."""
