"""Layer 2: what glossaire does (lookup, search, compare, check). Returns results, never prints."""
