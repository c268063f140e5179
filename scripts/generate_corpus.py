#!/usr/bin/env python3
"""Seeded generator of realistic multitrack MIDI files, written with miditok_cpp's own writer.

Each file is a short song: a key and a chord progression, a drum kit, a bass line, chords
(sustain-pedalled piano or pads), a melody with pitch bends, one to three tempo changes, time
signature changes on bar lines, a key signature and section markers, at a random resolution.
The output depends only on (seed, file index): the same command gives the same bytes.

Usage: scripts/generate_corpus.py --out DIR --num N --seed S
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "python"))

import miditok_cpp as mc  # noqa: E402

TPQS = (96, 120, 192, 240, 384, 480, 960, 1024)
TIME_SIGNATURES = ((4, 4), (4, 4), (3, 4), (6, 8), (2, 4), (5, 4), (7, 8), (12, 8))
MAJOR = np.array([0, 2, 4, 5, 7, 9, 11])
MINOR = np.array([0, 2, 3, 5, 7, 8, 10])
PROGRESSIONS = ((0, 4, 5, 3), (0, 5, 3, 4), (0, 3, 4, 4), (5, 3, 0, 4), (0, 0, 3, 4), (1, 4, 0, 0))
SECTIONS = ("intro", "verse", "chorus", "bridge", "outro")
CHORD_PROGRAMS = (0, 1, 4, 5, 16, 24, 48, 49, 52, 88, 89)
BASS_PROGRAMS = (32, 33, 34, 35, 38, 39)
LEAD_PROGRAMS = (56, 57, 65, 66, 71, 73, 80, 81, 26, 29)


def _bar_grid(rng, tpq: int, n_bars: int):
    """Bar start ticks, bar lengths and the time signatures (changes on bar lines)."""
    sig = TIME_SIGNATURES[rng.integers(len(TIME_SIGNATURES))]
    change_bars = sorted(rng.choice(np.arange(4, n_bars), size=rng.integers(0, 3), replace=False))
    sigs, starts, lengths = [], [], []
    tick = 0
    for bar in range(n_bars):
        if bar == 0 or bar in change_bars:
            if bar:
                sig = TIME_SIGNATURES[rng.integers(len(TIME_SIGNATURES))]
            sigs.append((tick, sig))
        length = tpq * 4 * sig[0] // sig[1]
        starts.append(tick)
        lengths.append(length)
        tick += length
    return np.array(starts), np.array(lengths), sigs


def _notes(times, durations, pitches, velocities):
    order = np.lexsort((pitches, times))
    return mc.Note.from_numpy(
        time=np.asarray(times, np.int32)[order],
        duration=np.maximum(np.asarray(durations, np.int32), 1)[order],
        pitch=np.clip(pitches, 0, 127).astype(np.int8)[order],
        velocity=np.clip(velocities, 1, 127).astype(np.int8)[order],
    )


def _grid(starts, counts, step):
    """Points start + k * step for k < count, for every bar; also each point's bar and k."""
    bar = np.repeat(np.arange(len(starts)), counts)
    first = np.repeat(np.cumsum(counts) - counts, counts)
    k = np.arange(int(counts.sum())) - first
    return starts[bar] + k * step, bar, k


def _drums(rng, tpq, starts, lengths):
    step = tpq // 2
    hats, _, _ = _grid(starts, -(-lengths // step), step)
    beats, _, k = _grid(starts, -(-lengths // tpq), tpq)
    kicks, snares = beats[k % 2 == 0], beats[k % 2 == 1]
    crashes = starts[rng.random(len(starts)) < 0.2]
    times = np.concatenate([hats, kicks, snares, crashes])
    pitches = np.concatenate(
        [
            np.full(len(hats), rng.choice([42, 44, 46])),
            np.full(len(kicks), 36),
            np.full(len(snares), rng.choice([38, 40])),
            np.full(len(crashes), 49),
        ]
    )
    vels = np.concatenate(
        [
            rng.integers(50, 90, len(hats)),
            rng.integers(90, 120, len(kicks)),
            rng.integers(80, 115, len(snares)),
            np.full(len(crashes), 110),
        ]
    )
    return _notes(times, np.full(len(times), tpq // 8), pitches, vels)


def _chord_roots(rng, key, scale, n_bars):
    prog = np.array(PROGRESSIONS[rng.integers(len(PROGRESSIONS))])
    degrees = prog[np.arange(n_bars) % len(prog)]
    return degrees, key + scale[degrees]


def _bass(rng, tpq, starts, lengths, roots):
    times, bar, k = _grid(starts, np.maximum(1, lengths // tpq), tpq)
    pitches = 36 + roots[bar] % 12
    odd = k % 2 == 1
    pitches[odd] += rng.choice([0, 7, 12], size=int(odd.sum()))
    durs = np.full(len(times), tpq - tpq // 8)
    return _notes(times, durs, pitches, rng.integers(70, 100, len(times)))


def _chords(rng, tpq, starts, lengths, degrees, key, scale):
    multi = rng.random(len(starts)) >= 0.5
    counts = np.where(multi, -(-lengths // (2 * tpq)), 1)
    hits, bar, _ = _grid(starts, counts, 2 * tpq)
    steps = degrees[:, None] + np.array([0, 2, 4])[None, :]
    triads = 48 + key % 12 + scale[steps % 7] + 12 * (steps // 7)
    up = rng.random(len(hits)) < 0.2
    pitches = (triads[bar] + 12 * up[:, None]).ravel()
    times = np.repeat(hits, 3)
    durs = np.repeat(np.minimum(lengths[bar], 2 * tpq) - tpq // 16, 3)
    return _notes(times, durs, pitches, rng.integers(55, 85, len(times)))


def _melody(rng, tpq, starts, lengths, key, scale):
    total = int(starts[-1] + lengths[-1])
    grid = tpq // 2
    n = total // grid
    onsets = np.flatnonzero(rng.random(n) < 0.55) * grid
    steps = rng.choice([-2, -1, -1, 0, 1, 1, 2, 3, -3], size=len(onsets))
    degree = np.clip(np.cumsum(steps) + 7, 0, 20)
    pitches = 60 + key % 12 + scale[degree % 7] + 12 * (degree // 7) - 12
    gaps = np.diff(np.append(onsets, total))
    durs = np.minimum(gaps, rng.choice([grid, 2 * grid, 3 * grid], size=len(onsets)))
    return _notes(onsets, durs, pitches, rng.integers(70, 120, len(onsets))), onsets


def _pedal_controls(rng, starts):
    """Sustain pedal down just after each bar line, up just before the next one."""
    downs = starts + 5
    ups = np.append(starts[1:] - 1, starts[-1] + 10)
    t = np.concatenate([downs, ups])
    v = np.concatenate([np.full(len(downs), 127), np.zeros(len(ups), int)])
    order = np.argsort(t, kind="stable")
    return mc.ControlChange.from_numpy(
        time=t[order].astype(np.int32),
        number=np.full(len(t), 64, np.uint8),
        value=v[order].astype(np.uint8),
    )


def _bends(rng, onsets):
    if len(onsets) == 0:
        return mc.PitchBend.from_numpy(time=np.zeros(0, np.int32), value=np.zeros(0, np.int32))
    picks = np.sort(rng.choice(onsets, size=min(len(onsets), 6), replace=False))
    times = np.concatenate([picks + k * 10 for k in range(4)])
    values = np.concatenate([np.full(len(picks), v) for v in (1024, 2048, 1024, 0)])
    order = np.argsort(times, kind="stable")
    return mc.PitchBend.from_numpy(time=times[order].astype(np.int32), value=values[order])


def generate_score(seed: int, index: int) -> mc.Score:
    """One random song, fully determined by (seed, index)."""
    rng = np.random.default_rng([seed, index])
    tpq = int(TPQS[rng.integers(len(TPQS))])
    n_bars = int(rng.integers(16, 65))
    starts, lengths, sigs = _bar_grid(rng, tpq, n_bars)
    key = int(rng.integers(0, 12))
    minor = bool(rng.random() < 0.4)
    scale = MINOR if minor else MAJOR
    degrees, roots = _chord_roots(rng, key, scale, n_bars)

    score = mc.Score(tpq)
    for tick, (num, den) in sigs:
        score.time_signatures.append(mc.TimeSignature(int(tick), num, den))
    fifths = ((key * 7 + 6) % 12) - 6 - (3 if minor else 0)
    score.key_signatures.append(mc.KeySignature(0, max(-7, min(7, fifths)), int(minor)))
    qpm = float(rng.uniform(70, 160))
    score.tempos.append(mc.Tempo(0, qpm=qpm))
    for bar in sorted(rng.choice(np.arange(1, n_bars), size=rng.integers(0, 3), replace=False)):
        qpm *= float(rng.uniform(0.85, 1.15))
        score.tempos.append(mc.Tempo(int(starts[bar]), qpm=qpm))
    for i, bar in enumerate(range(0, n_bars, 8)):
        score.markers.append(mc.TextMeta(int(starts[bar]), SECTIONS[i % len(SECTIONS)]))

    tracks = []
    drums = mc.Track("Drums", 0, True)
    drums.notes = _drums(rng, tpq, starts, lengths)
    tracks.append(drums)
    bass = mc.Track("Bass", int(rng.choice(BASS_PROGRAMS)))
    bass.notes = _bass(rng, tpq, starts, lengths, roots)
    tracks.append(bass)
    chords = mc.Track("Chords", int(rng.choice(CHORD_PROGRAMS)))
    chords.notes = _chords(rng, tpq, starts, lengths, degrees, key, scale)
    if chords.program < 8:
        chords.controls = _pedal_controls(rng, starts)
    tracks.append(chords)
    for _ in range(int(rng.integers(1, 3))):
        lead = mc.Track("Lead", int(rng.choice(LEAD_PROGRAMS)))
        lead.notes, onsets = _melody(rng, tpq, starts, lengths, key, scale)
        if rng.random() < 0.6:
            lead.pitch_bends = _bends(rng, onsets)
        tracks.append(lead)
    score.tracks.extend(tracks)
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--num", type=int, default=100, help="number of files")
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    begin = time.perf_counter()
    total = 0
    for i in range(args.num):
        data = generate_score(args.seed, i).dumps_midi()
        (args.out / f"gen_{args.seed}_{i:05d}.mid").write_bytes(data)
        total += len(data)
    elapsed = time.perf_counter() - begin
    print(f"wrote {args.num} files ({total / 1e6:.1f} MB) to {args.out} in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
