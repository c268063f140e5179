"""Where the write-heavy benches (split, augment_dataset, CLI tokenize) write, and when they delete.

MIDITOK_BENCH_WRITE_DIR names the directory the outputs go under (default: build/bench-writes
in the repository, on the disk users' outputs go to); the rows name its file system (`fs_label`),
because file creation costs what the file system makes it cost: on an ext4 without a journal the
kernel's inode allocator skips, and reads the record of, every inode freed in the last minute or
more, so creating files right after many were deleted is slow for whoever creates them.

Each timed run writes into a new directory (`new_dir`), and nothing is deleted while a row is
measured: each side's process moves its directories into a trash directory of the bench run
(a rename, no inode freed) when it exits, and the driver process deletes the trash when the
whole `bench.run` ends. Deleting between runs or between the two sides would charge our cleanup
to the peer's timing (or the reverse).

With MIDITOK_BENCH_FRESH_EXT4=1 (root, Linux) the driver gives each side of each row a file
system of its own (`fresh_file_system`): a new journaled ext4 on a sparse image, mounted on a loop
device at WRITE_ROOT and thrown away after the side, so no run inherits another's deleted inodes
or fragmented directories, whatever the disk's own file system is. Two bench runs writing under
the same WRITE_ROOT take turns (a lock file next to it): one's side never writes into, or
unmounts, the other's file system.
"""

from __future__ import annotations

import atexit
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.harness import ROOT

WRITE_ROOT = Path(os.environ.get("MIDITOK_BENCH_WRITE_DIR") or ROOT / "build" / "bench-writes")
_IS_WORKER = "--worker" in sys.argv
# The driver's pid names the trash: workers are its children (chrt execs in place).
_TRASH = WRITE_ROOT / f".trash-{os.getppid() if _IS_WORKER else os.getpid()}"
_MADE: list[Path] = []
FRESH_EXT4 = os.environ.get("MIDITOK_BENCH_FRESH_EXT4") == "1"
_IMAGE_BYTES = 64 << 30  # sparse: only what the side writes takes disk space


def fs_label(path: Path = WRITE_ROOT) -> str:
    """The file system `path` is on, as rows name it: "tmpfs", "ext4", "ext4, no journal"."""
    if FRESH_EXT4 and path == WRITE_ROOT:
        return "ext4"  # the driver mounts a new one for each side (fresh_file_system)
    path = Path(os.path.realpath(path if path.exists() else path.parent))
    best, fstype, source = "", "unknown file system", ""
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        fields = line.split()
        mount = fields[4].replace("\\040", " ")
        tail = fields[fields.index("-") + 1 :]
        inside = str(path) == mount or str(path).startswith(mount.rstrip("/") + "/")
        if inside and len(mount) >= len(best):
            best, fstype, source = mount, tail[0], tail[1]
    if fstype == "ext4":
        device = Path(source).name
        journaled = any(Path("/proc/fs/jbd2").glob(f"{device}-*"))
        return "ext4" if journaled else "ext4, no journal"
    return fstype


@contextmanager
def fresh_file_system() -> Iterator[None]:
    """With FRESH_EXT4: a new ext4 mounted at WRITE_ROOT while the block runs; else nothing."""
    if not FRESH_EXT4:
        yield
        return
    image = WRITE_ROOT.parent / f".{WRITE_ROOT.name}-{os.getpid()}.ext4"
    WRITE_ROOT.mkdir(parents=True, exist_ok=True)
    with open(WRITE_ROOT.parent / f".{WRITE_ROOT.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, after the unmount
        with _mounted_image(image):
            yield


@contextmanager
def _mounted_image(image: Path) -> Iterator[None]:
    """A sparse image made into a new ext4 and loop-mounted at WRITE_ROOT while the block runs."""
    with open(image, "wb") as f:
        f.truncate(_IMAGE_BYTES)
    try:
        subprocess.run(["mkfs.ext4", "-q", "-F", str(image)], check=True)
        subprocess.run(["mount", "-o", "loop", str(image), str(WRITE_ROOT)], check=True)
        try:
            yield
        finally:
            subprocess.run(["umount", str(WRITE_ROOT)], check=True)
    finally:
        image.unlink()


def new_dir(prefix: str) -> Path:
    """A new, empty output directory under WRITE_ROOT, deleted only when the bench run ends."""
    WRITE_ROOT.mkdir(parents=True, exist_ok=True)
    if not _MADE:
        atexit.register(_to_trash)
    made = Path(tempfile.mkdtemp(prefix=prefix, dir=WRITE_ROOT))
    _MADE.append(made)
    return made


def _to_trash() -> None:
    _TRASH.mkdir(exist_ok=True)
    for directory in _MADE:
        os.rename(directory, _TRASH / directory.name)


def _empty_trash() -> None:
    shutil.rmtree(_TRASH, ignore_errors=True)


if not _IS_WORKER:
    atexit.register(_empty_trash)
