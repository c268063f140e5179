"""Helpers shared by the MIDI tests: field-by-field comparison of our Score with symusic's, and a
tiny SMF byte builder to craft files that exercise symusic's odd rules."""

from __future__ import annotations

import struct

TRACK_FIELDS = {
    "notes": ("time", "duration", "pitch", "velocity"),
    "controls": ("time", "number", "value"),
    "pitch_bends": ("time", "value"),
    "pedals": ("time", "duration"),
    "lyrics": ("time", "text"),
}
GLOBAL_FIELDS = {
    "tempos": ("time", "mspq"),
    "time_signatures": ("time", "numerator", "denominator"),
    "key_signatures": ("time", "key", "tonality"),
    "markers": ("time", "text"),
}


def _rows(events, fields):
    if "text" not in fields and len(events):
        soa = events.numpy()
        return list(zip(*(soa[f].tolist() for f in fields), strict=False))
    return [tuple(getattr(e, f) for f in fields) for e in events]


def _first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return f"first difference at index {i}: symusic {x} vs ours {y}"
    return f"lengths differ: symusic {len(a)} vs ours {len(b)}"


def score_differences(ref, ours) -> list[str]:
    """Every difference between a symusic Score and ours, as readable strings ([] if equal)."""
    diffs = []
    if ref.ticks_per_quarter != ours.ticks_per_quarter:
        diffs.append(f"tpq: symusic {ref.ticks_per_quarter} vs ours {ours.ticks_per_quarter}")
    for name, fields in GLOBAL_FIELDS.items():
        a, b = _rows(getattr(ref, name), fields), _rows(getattr(ours, name), fields)
        if a != b:
            diffs.append(f"{name}: {_first_diff(a, b)}")
    if len(ref.tracks) != len(ours.tracks):
        diffs.append(f"track count: symusic {len(ref.tracks)} vs ours {len(ours.tracks)}")
    for i, (ta, tb) in enumerate(zip(ref.tracks, ours.tracks, strict=False)):
        head_a = (ta.name, int(ta.program), bool(ta.is_drum))
        head_b = (tb.name, int(tb.program), bool(tb.is_drum))
        if head_a != head_b:
            diffs.append(f"track {i} (name, program, is_drum): symusic {head_a} vs ours {head_b}")
        for name, fields in TRACK_FIELDS.items():
            a, b = _rows(getattr(ta, name), fields), _rows(getattr(tb, name), fields)
            if a != b:
                diffs.append(f"track {i} {name}: {_first_diff(a, b)}")
    return diffs


def assert_same_score(ref, ours, what: str) -> None:
    """Fails naming `what` and the first differing fields when our Score differs from symusic's."""
    diffs = score_differences(ref, ours)
    assert not diffs, f"{what}: our Score differs from symusic's:\n  " + "\n  ".join(diffs[:10])


def vlq(value: int) -> bytes:
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))


def track_chunk(events: list[tuple[int, bytes]], end_of_track: bool = True) -> bytes:
    """An MTrk chunk from (delta, raw event bytes) pairs."""
    body = b"".join(vlq(d) + raw for d, raw in events)
    if end_of_track:
        body += b"\x00\xff\x2f\x00"
    return b"MTrk" + struct.pack(">I", len(body)) + body


def smf(tracks: list[bytes], tpq: int = 480, fmt: int = 1, num_tracks: int | None = None) -> bytes:
    """A whole SMF file from MTrk chunks."""
    n = len(tracks) if num_tracks is None else num_tracks
    return b"MThd" + struct.pack(">IHHH", 6, fmt, n, tpq) + b"".join(tracks)


def meta(kind: int, payload: bytes) -> bytes:
    return bytes([0xFF, kind]) + vlq(len(payload)) + payload


def tempo(mspq: int) -> bytes:
    return meta(0x51, mspq.to_bytes(3, "big"))


def time_signature(num: int, den_pow: int) -> bytes:
    return meta(0x58, bytes([num, den_pow, 24, 8]))


def key_signature(key: int, minor: int) -> bytes:
    return meta(0x59, bytes([key & 0xFF, minor]))
