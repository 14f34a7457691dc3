"""glossaire: a concept glossary and citation helper for French social-work VAE candidates.

Kept import-free on purpose: the console script imports this first, and start-up time matters.
"""

__version__ = "0.1.0"
