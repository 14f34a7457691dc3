"""Writing the users' files: atomically, under a lock, touching only what must change."""
