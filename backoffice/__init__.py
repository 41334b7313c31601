"""Backoffice core: domain, rules, store, portal, letters, services. Never imports Qt."""

__version__ = "0.1.0"
