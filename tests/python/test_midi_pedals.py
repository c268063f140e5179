"""The sustain pedals of long runs of controls equal symusic 0.6.0's: the reader works a one-track
chunk's pedals out by bit masks over blocks of 64 controls (8 at a time where SSE2 is there), so
these files have hundreds of controls 64 and 67 around the value 64, block edges at every offset,
a pedal held across blocks, notes in between, and a chunk that holds two tracks."""

from __future__ import annotations

import random

import pytest
from midi_compare import assert_same_score, smf, track_chunk

import miditok_cpp


def _controls(rng: random.Random, ch: int, count: int) -> list[tuple[int, bytes]]:
    events = []
    for _ in range(count):
        delta = rng.choice([0, 0, 1, 3, 20, 300])
        kind = rng.random()
        if kind < 0.15:  # a note on or off between the controls
            events.append((delta, bytes([0x90 | ch, rng.randint(60, 64), rng.choice([0, 80])])))
        elif kind < 0.25:  # a long run of one value (the pedal held or up across a block)
            value = rng.choice([0, 127])
            events.extend((rng.choice([0, 5]), bytes([0xB0 | ch, 64, value])) for _ in range(70))
        else:
            number = rng.choice([64, 64, 67, 7])
            value = rng.choice([0, 63, 64, 65, 127, rng.randint(0, 127)])
            events.append((delta, bytes([0xB0 | ch, number, value])))
    return events


@pytest.mark.parametrize("seed", range(12))
def test_pedal_runs_match_symusic(seed, symusic_ref):
    rng = random.Random(seed)
    for count in (rng.randint(1, 9), rng.randint(60, 70), rng.randint(120, 400)):
        ch = rng.choice([0, 1, 9])
        chunks = [track_chunk(_controls(rng, ch, count))]
        # A chunk with two programs on one channel: two tracks, the other pedal path.
        mixed = _controls(rng, ch, count // 2)
        mixed.insert(len(mixed) // 2, (0, bytes([0xC0 | ch, 5])))
        chunks.append(track_chunk(mixed))
        data = smf(chunks, tpq=480)
        assert_same_score(
            symusic_ref.Score.from_midi(data),
            miditok_cpp.Score.from_midi(data),
            f"seed {seed}, {count} events",
        )


def test_pedal_held_from_a_negative_time_matches_symusic(symusic_ref):
    """Ticks past 2^31 (a negative time) take the exact per-control path."""
    events = [(0x0FFFFFFF, bytes([0xB0, 7, 1]))] * 8
    events += [(1, bytes([0xB0, 64, v])) for v in (127, 0, 127, 10, 100, 0) * 20]
    data = smf([track_chunk(events)], tpq=480)
    assert_same_score(symusic_ref.Score.from_midi(data), miditok_cpp.Score.from_midi(data), "neg")
