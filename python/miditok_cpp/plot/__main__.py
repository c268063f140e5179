"""python -m miditok_cpp.plot: piano roll and dataset report PNGs from the command line.

python -m miditok_cpp.plot pianoroll song.mid -o roll.png
python -m miditok_cpp.plot report corpus/*.mid --tokenizer tokenizer.json -o report.png
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..tokenizer import MusicTokenizer
from . import plot_dataset_report, plot_pianoroll


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m miditok_cpp.plot",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    roll = sub.add_parser("pianoroll", help="piano roll of a MIDI/ABC file")
    roll.add_argument("file", type=Path)
    report = sub.add_parser("report", help="dataset report over MIDI/ABC files")
    report.add_argument("files", type=Path, nargs="+")
    report.add_argument("--tokenizer", type=Path, required=True, help="tokenizer params file")
    for p in (roll, report):
        p.add_argument("-o", "--out", type=Path, required=True, help="PNG to write")
    args = parser.parse_args(argv)
    try:
        if args.command == "pianoroll":
            picture = plot_pianoroll(args.file, args.out)
        else:
            tokenizer = MusicTokenizer._from_params_file(args.tokenizer)
            picture = plot_dataset_report(tokenizer, args.out, files=args.files)
    except (ImportError, ValueError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"{picture.path} ({picture.width}x{picture.height})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
