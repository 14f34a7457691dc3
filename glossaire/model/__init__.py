"""Layer 1: the data model. Pure dataclasses; no I/O, no printing."""
