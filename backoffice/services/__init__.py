"""Use cases as plain functions taking a unit of work. They return plain records, never ORM objects."""
