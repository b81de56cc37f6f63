"""Pages and feeds into the local collection: HTTP, robots.txt, rate limits, conditional GETs, storing.

Pure: no Textual. The reader's ``F`` key and ``qari fetch`` both call :mod:`tui.fetch.collect`.
"""
