"""The derived SQLite index: one implementation of the catalog contract (see ``store``)."""
