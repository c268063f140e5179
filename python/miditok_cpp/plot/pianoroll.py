"""A picture of a piano roll: every track's notes in its own colour, bar lines from the time
signatures. The roll itself is ``Score.pianoroll`` (C++); numpy only composes the colours."""

from __future__ import annotations

import numpy as np

from ..score import Score
from ._figure import Picture, count, pyplot, save

_MAX_COLUMNS = 1200  # about the width of the axes in pixels: one column per pixel or more


def bar_ticks(score: Score, end: int) -> np.ndarray:
    """The ticks at which the bars of ``score`` start before the tick ``end`` (the first bar at
    least), from its time signatures (4/4 before the first one), as a numpy array."""
    tpq = int(score.ticks_per_quarter)
    sigs = sorted((int(ts.time), ts.numerator, ts.denominator) for ts in score.time_signatures)
    if not sigs or sigs[0][0] > 0:
        sigs.insert(0, (0, 4, 4))
    bars = []
    for i, (time, num, den) in enumerate(sigs):
        stop = sigs[i + 1][0] if i + 1 < len(sigs) else max(end, 1)
        length = max(1, tpq * 4 * num // max(den, 1))
        bars.append(np.arange(max(time, 0), max(stop, 0), length))
    return np.unique(np.concatenate(bars))


def _coarse(score: Score) -> Score:
    """The score resampled so that its roll has at most about _MAX_COLUMNS columns."""
    end, tpq = int(score.end()), int(score.ticks_per_quarter)
    if end <= _MAX_COLUMNS:
        return score
    new_tpq = max(1, tpq * _MAX_COLUMNS // end)
    return score if new_tpq >= tpq else score.resample(new_tpq, min_dur=1)


def _track_label(i: int, track) -> str:
    name = track.name.strip() or f"track {i}"
    return f"{name} (drums)" if track.is_drum else f"{name} (program {track.program})"


def plot_pianoroll(obj, out_path, tokenizer=None, title: str | None = None) -> Picture:
    """Writes a piano roll PNG of a Score, a path, or (with ``tokenizer``) a token sequence.

    ``obj`` is anything ``tokenizer.decode`` takes when a tokenizer is given (ids, TokSequence,
    list of them), else a Score, a ``symusic.Score`` or a MIDI/ABC path. Tracks get distinct
    colours (named in the legend; drums first, then by program), bars are marked by vertical
    lines and numbered on the x axis. Returns the :class:`~miditok_cpp.plot.Picture` of panel
    ``"roll"`` (x in quarter notes, y in pitches).

    ``out_path`` is the PNG file written; ``title`` (default None: "Piano roll: " and a summary)
    is written above the roll. Needs matplotlib (the ``plot`` extra).
    """
    score = _as_score(obj, tokenizer)
    plt = pyplot()
    tpq = int(score.ticks_per_quarter)
    coarse = _coarse(score)
    roll = coarse.pianoroll(["frame"])[0]  # (tracks, 128, columns)
    used = np.flatnonzero(roll.any(axis=(0, 2)))
    lo, hi = (int(used[0]) - 2, int(used[-1]) + 3) if used.size else (58, 71)
    lo, hi = max(lo, 0), min(hi, 128)
    # Colours follow (drums first, program), not the track order, so that a score and its
    # encoded-then-decoded copy (tracks sorted by program) look the same.
    tracks = list(score.tracks)
    order = sorted(range(len(tracks)), key=lambda i: (not tracks[i].is_drum, tracks[i].program, i))
    palette = plt.get_cmap("tab10" if len(tracks) <= 10 else "tab20").colors
    colours = [palette[k % len(palette)][:3] for k in range(len(order))]
    image = np.ones((hi - lo, roll.shape[2], 3))
    for k, i in enumerate(order):
        image[roll[i, lo:hi].astype(bool)] = colours[k]

    fig, ax = plt.subplots(figsize=(14, 6), dpi=100, layout="constrained")
    quarters = roll.shape[2] / int(coarse.ticks_per_quarter)
    ax.imshow(
        image,
        origin="lower",
        aspect="auto",
        interpolation="nearest",
        extent=(0, quarters, lo - 0.5, hi - 0.5),
    )
    bars = bar_ticks(score, int(score.end())) / tpq
    for x in bars:
        ax.axvline(x, color="0.55", linewidth=0.6, zorder=0.5)
    step = max(1, int(np.ceil(len(bars) / 16)))
    ax.set_xticks(bars[::step], [str(i + 1) for i in range(0, len(bars), step)])
    ax.set_xlim(0, quarters)
    octaves = [p for p in range(lo, hi) if p % 12 == 0]
    ax.set_yticks(octaves, [f"C{p // 12 - 1}" for p in octaves])
    ax.set_xlabel("bar (vertical lines: bar starts, from the time signatures)")
    ax.set_ylabel("pitch")
    summary = ", ".join(
        [count(len(tracks), "track"), count(int(score.note_num()), "note"), count(len(bars), "bar")]
    )
    ax.set_title(title or f"Piano roll: {summary}")
    if order:
        ax.legend(
            [plt.Rectangle((0, 0), 1, 1, color=c) for c in colours],
            [_track_label(i, tracks[i]) for i in order],
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            fontsize="small",
            frameon=False,
        )
    return save(fig, out_path, {"roll": ax})


def _as_score(obj, tokenizer) -> Score:
    if tokenizer is not None:
        return tokenizer.decode(obj)
    if isinstance(obj, Score):
        return obj
    if type(obj).__module__.startswith("symusic"):
        return Score.from_symusic(obj)
    return Score(obj)
