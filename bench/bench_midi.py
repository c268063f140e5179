"""MIDI I/O against symusic 0.6.0: parsing SMF bytes into a Score and writing a Score back to SMF
bytes, on the shared corpus and on the generated files (throughput in files/s and MB/s); and the
cost of the symusic interop (symusic Score -> ours -> symusic Score) against symusic's own parse
of the same files, measured in the same run."""

from __future__ import annotations

from pathlib import Path

from bench.harness import Case


def _read_all(paths: list[Path]) -> list[bytes]:
    return [p.read_bytes() for p in paths]


def _megabytes(data: list[bytes]) -> float:
    return sum(len(b) for b in data) / 1e6


def _parse_ours(data: list[bytes]) -> None:
    import miditok_cpp

    for b in data:
        miditok_cpp.Score.from_midi(b)


def _parse_theirs(data: list[bytes]) -> None:
    import symusic

    for b in data:
        symusic.Score.from_midi(b)


def _load_ours(paths: list[str]) -> None:
    import miditok_cpp

    for p in paths:
        miditok_cpp.Score(p)


def _load_theirs(paths: list[str]) -> None:
    import symusic

    for p in paths:
        symusic.Score(p)


def _write_ours(data: dict) -> None:
    """Writes our Scores (parsed from the bytes on the first, warm-up, call)."""
    import miditok_cpp

    if "scores" not in data:
        data["scores"] = [miditok_cpp.Score.from_midi(b) for b in data["bytes"]]
    for s in data["scores"]:
        s.dumps_midi()


def _write_theirs(data: dict) -> None:
    """Writes symusic's Scores (parsed from the bytes on the first, warm-up, call)."""
    import symusic

    if "scores" not in data:
        data["scores"] = [symusic.Score.from_midi(b) for b in data["bytes"]]
    for s in data["scores"]:
        s.dumps_midi()


def _roundtrip_ours(data: dict) -> None:
    """symusic Scores (parsed on the first, warm-up, call) -> ours -> symusic Scores."""
    import symusic

    import miditok_cpp

    if "scores" not in data:
        data["scores"] = [symusic.Score.from_midi(b) for b in data["bytes"]]
    for s in data["scores"]:
        miditok_cpp.Score.from_symusic(s).to_symusic()


def _parse_theirs_dict(data: dict) -> None:
    _parse_theirs(data["bytes"])


def cases(corpus: dict[str, list[Path]]) -> list[Case]:
    out: list[Case] = []
    for label, paths in (("shared", corpus["shared"]), ("generated", corpus["generated"])):
        if not paths:
            continue
        n = len(paths)
        size = sum(p.stat().st_size for p in paths) / 1e6
        repeat = 5 if label == "shared" else 3
        out += [
            Case(
                name=f"parse {n} {label} files from bytes ({size:.1f} MB), files/s",
                peer="symusic Score.from_midi",
                prepare=lambda paths=paths: _read_all(paths),
                ours=_parse_ours,
                theirs=_parse_theirs,
                work=lambda data: (float(len(data)), "files"),
                repeat=repeat,
            ),
            Case(
                name=f"parse {n} {label} files from bytes, MB/s",
                peer="symusic Score.from_midi",
                prepare=lambda paths=paths: _read_all(paths),
                ours=_parse_ours,
                theirs=_parse_theirs,
                work=lambda data: (_megabytes(data), "MB"),
                repeat=repeat,
            ),
            Case(
                name=f"load {n} {label} files from paths, files/s",
                peer="symusic Score(path)",
                prepare=lambda paths=paths: [str(p) for p in paths],
                ours=_load_ours,
                theirs=_load_theirs,
                work=lambda data: (float(len(data)), "files"),
                repeat=repeat,
            ),
            Case(
                name=f"write {n} {label} scores to SMF bytes, files/s",
                peer="symusic Score.dumps_midi",
                prepare=lambda paths=paths: {"bytes": _read_all(paths)},
                ours=_write_ours,
                theirs=_write_theirs,
                work=lambda data: (float(len(data["bytes"])), "files"),
                repeat=repeat,
            ),
            Case(
                name=f"symusic Score -> ours -> symusic Score, {n} {label} files, files/s",
                peer="symusic Score.from_midi of the same files (parse)",
                prepare=lambda paths=paths: {"bytes": _read_all(paths)},
                ours=_roundtrip_ours,
                theirs=_parse_theirs_dict,
                work=lambda data: (float(len(data["bytes"])), "files"),
                repeat=repeat,
            ),
        ]
    return out
