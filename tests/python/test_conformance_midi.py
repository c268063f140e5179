"""Conformance of the MIDI reader with symusic 0.6.0: for every MIDI file of the corpus, for files
crafted to hit symusic's odd rules, and for seeded random files, every field of our Score equals
symusic's (notes in order, controls, pitch bends, pedals, lyrics, tempos, signatures, markers,
track names, programs, drum flags)."""

from __future__ import annotations

import random

import pytest
from conftest import corpus_files
from midi_compare import (
    assert_same_score,
    key_signature,
    meta,
    smf,
    tempo,
    time_signature,
    track_chunk,
)

import miditok_cpp

MIDI_FILES = [
    p for folder in ("one_track", "multitrack") for p in corpus_files(folder)
] + corpus_files("one_track", "*.midi")


@pytest.mark.parametrize("path", MIDI_FILES, ids=lambda p: p.name)
def test_corpus_file_matches_symusic(path, corpus, symusic_ref):
    ref = symusic_ref.Score(str(path))
    assert_same_score(ref, miditok_cpp.Score(path), path.name)
    assert_same_score(ref, miditok_cpp.Score.from_midi(path.read_bytes()), f"{path.name} (bytes)")
    assert_same_score(ref, miditok_cpp.Score.from_file(str(path)), f"{path.name} (from_file)")


def test_corpus_is_not_empty(corpus):
    assert len(MIDI_FILES) >= 29


def test_corrupted_file_raises_midi_error(corpus, symusic_ref):
    path = corpus / "corrupted" / "ValueError_Control168.mid"
    with pytest.raises((RuntimeError, ValueError)):
        symusic_ref.Score(str(path))
    with pytest.raises(miditok_cpp.MidiError) as info:
        miditok_cpp.Score(path)
    assert isinstance(info.value, ValueError)
    message = str(info.value)
    assert "ValueError_Control168.mid" in message and "at byte" in message and "168" in message


@pytest.mark.parametrize("path", MIDI_FILES[:6], ids=lambda p: p.name)
def test_symusic_round_trip(path, corpus, symusic_ref):
    ours = miditok_cpp.Score(path)
    back = miditok_cpp.Score.from_symusic(ours.to_symusic())
    assert back == ours, f"{path.name}: from_symusic(to_symusic(s)) != s"
    assert_same_score(
        symusic_ref.Score(str(path)),
        miditok_cpp.Score.from_symusic(symusic_ref.Score(str(path))),
        f"{path.name} from_symusic",
    )


def _on(ch, pitch, vel):
    return bytes([0x90 | ch, pitch, vel])


def _off(ch, pitch, vel=0):
    return bytes([0x80 | ch, pitch, vel])


def _cc(ch, num, val):
    return bytes([0xB0 | ch, num, val])


def _pc(ch, prog):
    return bytes([0xC0 | ch, prog])


def _pb(ch, value):
    v = value + 8192
    return bytes([0xE0 | ch, v & 0x7F, v >> 7])


CRAFTED = {
    # Sustain pedals on channels 0 and 1: the first pedal on channel 1 starts at tick 0
    # (symusic's `last_pedal_on{-1}` initialises only channel 0), as does an off with no on.
    "pedal_channels": smf(
        [
            track_chunk(
                [
                    (0, _on(0, 60, 90)),
                    (10, _cc(0, 64, 127)),
                    (10, _cc(0, 64, 0)),
                    (0, _on(1, 62, 90)),
                    (30, _cc(1, 64, 100)),
                    (20, _cc(1, 64, 10)),
                    (10, _cc(1, 64, 70)),
                    (10, _cc(1, 64, 0)),
                    (5, _cc(2, 64, 0)),
                    (0, _on(2, 40, 50)),
                    (10, _off(0, 60)),
                    (0, _off(1, 62)),
                    (0, _off(2, 40)),
                ]
            )
        ]
    ),
    # Controls and pitch bends before any note go to a per-channel straggler that the next
    # created track on that channel absorbs, whatever its program; other stragglers vanish.
    "stragglers": smf(
        [
            track_chunk(
                [
                    (0, _cc(3, 7, 100)),
                    (0, _pb(3, -200)),
                    (0, _pc(3, 40)),
                    (5, _cc(3, 10, 20)),
                    (5, _on(3, 50, 80)),
                    (10, _off(3, 50)),
                    (0, _cc(4, 7, 90)),
                    (0, _pb(5, 300)),
                    (0, _pc(3, 41)),
                    (0, _cc(3, 11, 1)),
                    (3, _on(3, 51, 60)),
                    (4, _off(3, 51)),
                ]
            )
        ]
    ),
    # Same channel, program change mid-track: two tracks; the note-off closes the oldest open
    # note of that (channel, pitch) whatever the program; unclosed notes are dropped.
    "program_split_fifo": smf(
        [
            track_chunk(
                [
                    (0, _pc(0, 1)),
                    (0, _on(0, 60, 100)),
                    (10, _on(0, 60, 90)),
                    (0, _pc(0, 2)),
                    (5, _on(0, 60, 80)),
                    (5, _off(0, 60)),
                    (5, _on(0, 60, 0)),
                    (20, _off(0, 60)),
                    (0, _on(0, 64, 70)),
                    (0, _on(9, 36, 100)),
                    (1, _off(9, 36)),
                    (0, _off(0, 99)),
                ]
            )
        ]
    ),
    # Running status, sysex, note-on velocity 0, unknown metas, lyrics (channel 15's track),
    # track names (the last one wins), markers, text that is not UTF-8.
    "running_status_meta": smf(
        [
            track_chunk(
                [
                    (0, meta(0x03, b"first")),
                    (0, bytes([0xF0, 3, 1, 2, 0xF7])),
                    (0, _on(2, 60, 64)),
                    (5, bytes([62, 64])),
                    (5, bytes([60, 0])),
                    (5, bytes([62, 0])),
                    (0, meta(0x05, b"la")),
                    (0, meta(0x05, b"")),
                    (0, meta(0x06, b"verse \xff\xfe x")),
                    (0, meta(0x7F, b"\x00\x01")),
                    (0, meta(0x03, b"caf\xc3\xa9 \xe2\x82")),
                    (1, _pc(15, 12)),
                    (0, meta(0x05, b"lo")),
                    (0, _on(15, 70, 3)),
                    (2, _off(15, 70)),
                ]
            )
        ]
    ),
    # A format-0 file; a track with no end-of-track meta; tpq 96.
    "format0_no_eot": smf(
        [
            track_chunk(
                [
                    (0, tempo(400000)),
                    (0, time_signature(3, 3)),
                    (0, key_signature(-3, 1)),
                    (0, _on(0, 60, 64)),
                    (96, _off(0, 60)),
                ],
                end_of_track=False,
            )
        ],
        tpq=96,
        fmt=0,
    ),
    # Non-MTrk chunks are skipped; events after the end-of-track meta are ignored.
    "alien_chunk": smf(
        [
            b"XFIH\x00\x00\x00\x02ab",
            track_chunk(
                [
                    (0, _on(0, 60, 64)),
                    (10, _off(0, 60)),
                    (0, b"\xff\x2f\x00"),
                    (0, _on(0, 61, 64)),
                    (5, _off(0, 61)),
                ]
            ),
        ]
    ),
    # Odd meta payloads: short time signature/tempo reading the following bytes, denominators
    # 2**7 and beyond, a 4-byte tempo, key with an odd tonality.
    "odd_metas": smf(
        [
            track_chunk(
                [
                    (0, meta(0x58, bytes([7, 7, 24, 8]))),
                    (0, meta(0x58, bytes([5, 9, 24, 8]))),
                    (0, meta(0x58, bytes([5, 33, 24, 8]))),
                    (0, meta(0x51, bytes([1, 2, 3, 4]))),
                    (0, meta(0x59, bytes([0x85, 3]))),
                    (0, meta(0x58, bytes([2]))),
                    (0, _on(0, 1, 1)),
                    (0, _off(0, 1)),
                    (0, meta(0x51, b"")),
                ]
            )
        ]
    ),
    # Notes of zero duration, a pitch bend at both extremes, empty chunks.
    "edges": smf(
        [
            track_chunk([]),
            track_chunk(
                [
                    (0, _on(0, 0, 127)),
                    (0, _off(0, 0)),
                    (0, _pb(0, -8192)),
                    (0, _pb(0, 8191)),
                    (0, _on(0, 127, 1)),
                    (0, _on(0, 127, 2)),
                    (1, _off(0, 127)),
                ]
            ),
            track_chunk([]),
        ]
    ),
}


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_crafted_file_matches_symusic(name, symusic_ref):
    data = CRAFTED[name]
    assert_same_score(symusic_ref.Score.from_midi(data), miditok_cpp.Score.from_midi(data), name)


def _random_file(rng: random.Random) -> bytes:
    """A random valid SMF: several chunks, many events on few ticks (ties everywhere)."""
    tracks = []
    for _ in range(rng.randint(1, 6)):
        events = []
        for _ in range(rng.randint(0, 120)):
            delta = rng.choice([0, 0, 0, 1, 2, 7, 100])
            kind = rng.random()
            ch = rng.choice([0, 1, 2, 9, 15])
            if kind < 0.3:
                events.append((delta, _on(ch, rng.randint(58, 62), rng.randint(0, 127))))
            elif kind < 0.5:
                events.append((delta, _off(ch, rng.randint(58, 62))))
            elif kind < 0.6:
                events.append((delta, _cc(ch, rng.choice([64, 7, 11]), rng.randint(0, 127))))
            elif kind < 0.65:
                events.append((delta, _pc(ch, rng.randint(0, 3))))
            elif kind < 0.7:
                events.append((delta, _pb(ch, rng.randint(-8192, 8191))))
            elif kind < 0.8:
                events.append((delta, tempo(rng.randint(200000, 900000))))
            elif kind < 0.87:
                events.append((delta, time_signature(rng.randint(1, 12), rng.randint(0, 4))))
            elif kind < 0.93:
                events.append((delta, key_signature(rng.randint(-7, 7), rng.randint(0, 1))))
            elif kind < 0.97:
                events.append((delta, meta(0x06, f"m{rng.randint(0, 99)}".encode())))
            else:
                events.append((delta, meta(0x05, f"l{rng.randint(0, 9)}".encode())))
        tracks.append(track_chunk(events))
    return smf(tracks, tpq=rng.choice([96, 120, 384, 480, 960]))


@pytest.mark.parametrize("seed", range(40))
def test_random_files_match_symusic(seed, symusic_ref):
    """Global events on the same tick come out in symusic's (unstable pdqsort) order."""
    rng = random.Random(seed)
    for i in range(10):
        data = _random_file(rng)
        assert_same_score(
            symusic_ref.Score.from_midi(data),
            miditok_cpp.Score.from_midi(data),
            f"seed {seed} #{i}",
        )


def _mutate(rng: random.Random, data: bytes) -> bytes:
    base = bytearray(data)
    op = rng.random()
    if op < 0.3:
        return bytes(base[: rng.randrange(len(base) + 1)])
    if op < 0.8:
        specials = [0xF4, 0xF7, 0xF1, 0xFF, 0x80, 0x7F, 0x00, 0xF0, 0xF8, 0xFE]
        for _ in range(rng.randint(1, 4)):
            base[rng.randrange(len(base))] = rng.choice([rng.randrange(256), *specials])
        return bytes(base)
    pos = rng.randrange(len(base))
    base[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 5)))
    return bytes(base)


@pytest.mark.parametrize("seed", range(8))
def test_mutated_files_agree_with_symusic(seed, symusic_ref):
    """Truncated and corrupted bytes: both readers fail, or both give the same Score."""
    rng = random.Random(1000 + seed)
    seeds = [*CRAFTED.values(), *(_random_file(rng) for _ in range(4))]
    for i in range(400):
        data = _mutate(rng, rng.choice(seeds))
        try:
            ref = symusic_ref.Score.from_midi(data)
        except (RuntimeError, ValueError, OSError) as e:
            with pytest.raises(miditok_cpp.MidiError):
                miditok_cpp.Score.from_midi(data)
            assert str(e)
            continue
        try:
            ours = miditok_cpp.Score.from_midi(data)
        except miditok_cpp.MidiError as e:
            pytest.fail(f"seed {seed} #{i}: symusic reads {data.hex()} but we raise {e}")
        assert_same_score(ref, ours, f"seed {seed} #{i} ({data.hex()})")


# --- Writer -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", MIDI_FILES, ids=lambda p: p.name)
def test_writer_matches_symusic_bytes(path, corpus, symusic_ref, tmp_path):
    ours = miditok_cpp.Score(path)
    data = ours.dumps_midi()
    assert data == symusic_ref.Score(str(path)).dumps_midi(), f"{path.name}: bytes differ"
    assert miditok_cpp.Score.from_midi(data) == ours, f"{path.name}: read(write(s)) != s"
    assert_same_score(
        symusic_ref.Score.from_midi(data), ours, f"{path.name} written, read by symusic"
    )
    out = tmp_path / "out.mid"
    ours.dump_midi(out)
    assert out.read_bytes() == data


def _random_score(rng: random.Random) -> miditok_cpp.Score:
    """A random Score: unsorted notes with many ties, zero durations, every event kind."""
    score = miditok_cpp.Score(rng.choice([96, 480, 960, 1024]))
    for _ in range(rng.randint(0, 5)):
        track = miditok_cpp.Track(rng.choice(["", "piano", "drums", "é"]), rng.randint(0, 127))
        track.is_drum = rng.random() < 0.2
        for _ in range(rng.randint(0, 200)):
            track.notes.append(
                miditok_cpp.Note(
                    rng.choice([0, 0, 10, 20, rng.randint(0, 5000)]),
                    rng.choice([0, 1, 5, 10, 480, -3]),
                    rng.randint(0, 127),
                    rng.randint(1, 127),
                )
            )
        for _ in range(rng.randint(0, 20)):
            track.controls.append(
                miditok_cpp.ControlChange(
                    rng.randint(0, 3000), rng.randint(0, 127), rng.randint(0, 127)
                )
            )
            track.pitch_bends.append(
                miditok_cpp.PitchBend(rng.randint(0, 3000), rng.randint(-8192, 8191))
            )
        if rng.random() < 0.3:
            track.lyrics.append(miditok_cpp.TextMeta(rng.randint(0, 100), "la"))
        score.tracks.append(track)
    for _ in range(rng.randint(0, 30)):
        score.tempos.append(
            miditok_cpp.Tempo(rng.choice([0, 0, 100, 2000]), mspq=rng.randint(1, 2_000_000))
        )
    for _ in range(rng.randint(0, 5)):
        score.time_signatures.append(
            miditok_cpp.TimeSignature(
                rng.randint(0, 2000), rng.randint(1, 12), rng.choice([1, 2, 4, 8, 16, 6])
            )
        )
        score.key_signatures.append(
            miditok_cpp.KeySignature(rng.randint(0, 2000), rng.randint(-7, 7), rng.randint(0, 1))
        )
        score.markers.append(miditok_cpp.TextMeta(rng.randint(0, 2000), f"m{rng.randint(0, 9)}"))
    return score


@pytest.mark.parametrize("seed", range(30))
def test_writer_random_scores_match_symusic(seed, symusic_ref):
    rng = random.Random(seed)
    for i in range(5):
        score = _random_score(rng)
        expected = score.to_symusic().dumps_midi()
        assert score.dumps_midi() == expected, f"seed {seed} #{i}: bytes differ from symusic's"
        assert_same_score(
            symusic_ref.Score.from_midi(expected),
            miditok_cpp.Score.from_midi(expected),
            f"seed {seed} #{i} read back",
        )


def test_writer_empty_scores(symusic_ref):
    for score in (miditok_cpp.Score(480), miditok_cpp.Score(96)):
        assert score.dumps_midi() == score.to_symusic().dumps_midi()
    score = miditok_cpp.Score(480)
    score.tempos.append(miditok_cpp.Tempo(0, qpm=100))
    assert score.dumps_midi() == score.to_symusic().dumps_midi()
    assert miditok_cpp.Score.from_midi(score.dumps_midi()) == score


@pytest.mark.parametrize("status", [0xF4, 0xF5, 0xF9, 0xFD])
def test_unknown_status_bytes_raise_like_symusic(status, symusic_ref):
    # Even with more than 65535 bytes left in the track (minimidi's nominal length for them).
    padding = [(0, _cc(0, 7, 1))] * 30000
    data = smf([track_chunk([(0, _on(0, 60, 64)), (0, bytes([status])), *padding])])
    with pytest.raises(RuntimeError, match="Unknown or unsupported status byte"):
        symusic_ref.Score.from_midi(data)
    with pytest.raises(
        miditok_cpp.MidiError, match=f"unknown or unsupported status byte {status:#x}"
    ):
        miditok_cpp.Score.from_midi(data)
