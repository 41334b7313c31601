"""Dialogs: portal settings, routing rules, quarantine inbox."""
