"""PowerDesk: service desk and outage response for rural power supply stations."""
