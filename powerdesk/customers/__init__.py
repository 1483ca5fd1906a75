"""Customers (用户) and their telephone numbers."""
