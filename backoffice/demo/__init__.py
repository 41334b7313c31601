"""Demo data: synthetic applications, attachments and a seeded demo database."""
