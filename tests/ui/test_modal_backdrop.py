"""Help and the skipped-files list float over the reader: it stays visible, dimmed, behind them."""

from __future__ import annotations

from tui.ui.help_screen import HelpScreen


async def test_the_help_screen_lets_the_reader_show_through(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        # The stylesheet's opaque `Screen` background used to win over the modal's translucent one,
        # and the reader vanished while help was open (seen in tmux: a blank frame around the box).
        assert 0 < app.screen.styles.background.a < 1
        assert app.screen_stack[0].styles.background.a == 1  # the reader itself stays opaque
