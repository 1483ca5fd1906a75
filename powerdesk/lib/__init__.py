"""Small framework-light helpers shared by the apps."""
