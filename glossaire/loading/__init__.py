"""Layer 1: reading data files into the model. Read-only, no printing; problems are returned."""
