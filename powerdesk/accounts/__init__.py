"""Accounts and tenancy: county companies, stations, users, roles, crews."""
