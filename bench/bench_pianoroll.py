"""Score.pianoroll against symusic 0.6.0: the (frame, onset) piano roll of every score, on the
shared corpus (at its own resolution and resampled to 16 ticks per quarter) and on the generated
files (resampled). Scores are loaded on the warm-up call; only pianoroll() is timed."""

from __future__ import annotations

from pathlib import Path

from bench.harness import Case


def _rolls(module: str, data: dict) -> None:
    if "scores" not in data:
        if module == "ours":
            import miditok_cpp as lib
        else:
            import symusic as lib
        scores = [lib.Score(str(p)) for p in data["paths"]]
        tpq = data["tpq"]
        data["scores"] = [s.resample(tpq, min_dur=0) if tpq else s for s in scores]
    for s in data["scores"]:
        s.pianoroll(["frame", "onset"])


def cases(corpus: dict[str, list[Path]]) -> list[Case]:
    out: list[Case] = []
    shared = [p for p in corpus["shared"] if "POP909" in p.name or "Etude" in p.name]
    for label, paths, tpq in (
        ("shared one-track (POP909, Etude) at their resolution", shared, None),
        ("shared resampled to 16 tpq", corpus["shared"], 16),
        ("generated resampled to 16 tpq", corpus["generated"], 16),
    ):
        if not paths:
            continue
        out.append(
            Case(
                name=f"pianoroll(frame, onset) of {len(paths)} {label}, files/s",
                peer="symusic Score.pianoroll",
                prepare=lambda paths=paths, tpq=tpq: {"paths": paths, "tpq": tpq},
                ours=lambda data: _rolls("ours", data),
                theirs=lambda data: _rolls("theirs", data),
                work=lambda data: (float(len(data["paths"])), "files"),
            )
        )
    return out
