"""Printable reports (PDF, reportlab) built from frozen service records; nothing is queried while drawing."""
