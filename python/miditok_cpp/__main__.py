"""``python -m miditok_cpp``: runs the ``miditok-cpp`` command-line tool (the C++ binary).

The binary is looked up in $MIDITOK_CLI, then in this environment's scripts folder (where
``pip install`` puts it), next to the interpreter, then on PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

NAME = "miditok-cpp" + (".exe" if os.name == "nt" else "")


def find_binary() -> str | None:
    """The path of the miditok-cpp binary, None when it is not installed."""
    if os.environ.get("MIDITOK_CLI"):
        return os.environ["MIDITOK_CLI"]
    folders = [sysconfig.get_path("scripts"), str(Path(sys.executable).parent)]
    user = sysconfig.get_path("scripts", f"{os.name}_user")
    if user:
        folders.append(user)
    for folder in folders:
        candidate = Path(folder) / NAME
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(NAME)


def main() -> int:
    binary = find_binary()
    if binary is None:
        print(
            "miditok-cpp: the command-line tool is not installed with this package (it is built "
            "when CLI11 is found at build time: install libcli11-dev and reinstall)",
            file=sys.stderr,
        )
        return 1
    args = [binary, *sys.argv[1:]]
    if os.name == "nt":  # no exec on Windows: run it and pass its exit code on
        return subprocess.call(args)
    os.execv(binary, args)
    return 1  # not reached


if __name__ == "__main__":
    raise SystemExit(main())
