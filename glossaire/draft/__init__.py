"""The candidate's draft (livret 2), read and parsed for ``relire``: no catalog, no norm."""
