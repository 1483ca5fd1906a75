"""Staff training: the yearly plan, sessions, self-study, each person's record."""
