"""Villages and their groups: the station's liaison network (联动机制)."""
