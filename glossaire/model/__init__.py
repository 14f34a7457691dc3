"""Layer 1: the data model. Pure value types; no I/O, no printing.

Entries are NamedTuples rather than dataclasses: a frozen dataclass costs about a millisecond
to define (its methods are generated with ``exec``), and every command defines them all
before doing anything; a NamedTuple costs a fifth of that. They are immutable, compared by
value, and changed only through ``_replace``.
"""
