"""Layer 2: the data set as services see it, behind one contract (``contract.Catalog``).

Two implementations answer the same questions: ``memory.MemoryCatalog`` (the files read
into memory) and ``index.indexed.IndexedCatalog`` (the SQLite cache, for large libraries).
``opening.open_catalog`` alone chooses between them. Services never know which they got.
"""
