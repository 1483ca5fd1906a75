"""Generated networks and storms, and the scoring of predictions against their truth."""
