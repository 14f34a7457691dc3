"""Layer 3: the command line. Parses arguments, calls one service, renders; nothing more."""
