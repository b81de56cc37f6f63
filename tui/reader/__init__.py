"""The reader's state and view models, between the analysis and the widgets (no Textual here).

What the widgets in ``tui.ui`` show is computed here: rows of an article at a width, highlights,
the status line, the panels' contents, passage and mention navigation, citations, the hit cursor
for ``n``/``N``, the user's keymap and the reader's shared state (``ReaderSession``).
"""
