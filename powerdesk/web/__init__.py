"""The web front: layout, navigation and the station's home page."""
