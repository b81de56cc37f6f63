"""Command line: ``qari [PATH...]`` opens the reader; ``qari analyze [PATH...] --json`` prints analysis."""

from __future__ import annotations

import argparse
import sys


def _reader_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="qari",
        description="A terminal reader for Arabic articles. Without PATH, opens the embedded corpus.",
        epilog="Subcommand: qari analyze [PATH...] --json | --repairs",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
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
    p.add_argument("--theme", default=None, help="colour theme (qari-dark, qari-light, or any Textual theme)")
    p.add_argument("--version", action="version", version=f"qari {__import__('tui').__version__}")
    return p


def _analyze_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="qari analyze", description="Analyse articles and print the result.")
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
        args = _reader_parser().parse_args(argv)
        if args.terminal_report:
            from tui.ui.terminal_report import print_report

            return print_report(args)
        from tui.ui.app import run_reader

        return run_reader(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
