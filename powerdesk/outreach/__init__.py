"""Outreach (用电宣传): visits to villages and the hotline cards handed out."""
