"""The livret 2 annex as a file: lexicon + bibliography, in Word, LibreOffice, HTML or Markdown.

``document.py`` builds what the annex says (pure data); one writer per format lays it out.
"""
