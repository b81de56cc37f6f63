"""Command line: ``qari [PATH...]`` opens the reader; ``qari analyze [PATH...] --json`` prints analysis."""

from __future__ import annotations

import argparse
import sys


class _Parser(argparse.ArgumentParser):
    """argparse quotes what it was given (``unrecognized arguments: …``) raw: through the sanitiser."""

    def _print_message(self, message: str, file=None) -> None:
        if message:
            from tui.text.sanitize import terminal_safe

            super()._print_message(terminal_safe(message, multiline=True), file)


def _theme_names() -> list[str]:
    from textual.theme import BUILTIN_THEMES

    from tui.ui.theme import THEMES

    return [t.name for t in THEMES] + sorted(n for n in BUILTIN_THEMES if n not in {t.name for t in THEMES})


def _reader_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="qari",
        description="A terminal reader for Arabic articles. Without PATH, opens your collection of fetched "
        "articles (newest first), or the embedded corpus while the collection is empty.",
        epilog="Subcommands: qari analyze [PATH...] --json | --repairs; qari fetch [URL...]; qari feeds [add|remove URL]",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders, or web addresses to fetch")
    p.add_argument(
        "--bidi",
        choices=("auto", "app", "terminal", "off"),
        default="auto",
        help="auto (default): chosen for the terminal Qari finds itself in (see --terminal-report); "
        "app: Qari shapes and reorders; terminal: logical order for terminals that reorder "
        "themselves; off: logical, unshaped (debugging)",
    )
    p.add_argument("--terminal-report", action="store_true",
                   help="print which terminal was detected and what --bidi auto chooses there, then exit")
    p.add_argument("--harakat", choices=("show", "hide"), default=None, help="show or hide diacritics")
    p.add_argument("--sidebar", choices=("auto", "left", "right"), default=None, help="sidebar side")
    # Checked here: an unknown theme is a usage error (exit 2), not a toast inside a started reader.
    p.add_argument("--theme", default=None, choices=_theme_names(), metavar="THEME",
                   help="colour theme: qari-dark, qari-light, or a Textual theme (%(choices)s)")
    p.add_argument("--embedded", action="store_true", help="open the embedded corpus even when the collection has articles")
    p.add_argument("--version", action="version", version=f"qari {__import__('tui').__version__}")
    return p


def _analyze_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="qari analyze", description="Analyse articles and print the result.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders (default: embedded corpus)")
    p.add_argument("--json", action="store_true", help="print one JSON document (the default output)")
    p.add_argument("--repairs", action="store_true", help="list every repair made to the text, with kind and location")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the analysis cache")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "analyze":
            args = _analyze_parser().parse_args(argv[1:])
            from tui.analysis.cli import run_analyze

            return run_analyze(args)
        if argv and argv[0] in ("fetch", "feeds"):
            from tui.fetch.cli import main as fetch_main

            return fetch_main(argv)
        args = _reader_parser().parse_args(argv)
        if args.terminal_report:  # works without a terminal: it reports what it can see
            from tui.ui.terminal_report import print_report

            return print_report(args)
        refusal = _no_terminal(args)
        if refusal:
            print(f"qari: {refusal}", file=sys.stderr)
            return 2
        if any(p.startswith(("http://", "https://")) for p in args.paths):
            from tui.fetch.cli import prepare_urls

            status = prepare_urls(args)  # fetched into the collection; args.paths now name it
            if status is not None:
                return status
        elif not args.paths and not args.embedded:
            from tui.fetch.collect import collection_files

            # What the person fetched is what they came back to read; the embedded corpus is
            # for a fresh machine (and --embedded).
            args.paths = collection_files()
        from tui.cli import run_reader

        return run_reader(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _no_terminal(args: argparse.Namespace) -> str | None:
    """Why the reader cannot start here, or None. Without a terminal on both ends, a full-screen
    interface would draw into a pipe and spin; ``qari analyze`` is the command for pipes. Options
    that only print (``--version``, ``--help``, a terminal report) never get here or are let by."""
    if getattr(args, "terminal_report", False):
        return None
    streams = {"stdin": sys.stdin, "stdout": sys.stdout}
    missing = [name for name, stream in streams.items() if stream is None or not _isatty(stream)]
    if not missing:
        return None
    return (f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not a terminal; "
            "the reader needs one (for output to a pipe or file, use: qari analyze PATH...)")


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


if __name__ == "__main__":
    sys.exit(main())
