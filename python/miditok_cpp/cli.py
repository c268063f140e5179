"""Command-line entry point of the Python package (``miditok-cpp-py``)."""

from __future__ import annotations

import argparse

import miditok_cpp


def main(argv: list[str] | None = None) -> int:
    """Parses the arguments and runs the chosen command."""
    parser = argparse.ArgumentParser(prog="miditok-cpp-py", description=__doc__)
    parser.add_argument("--version", action="version", version=miditok_cpp.__version__)
    parser.parse_args(argv)
    parser.print_help()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
