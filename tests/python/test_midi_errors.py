"""Bad input: truncated, corrupted and hostile bytes raise MidiError (a ValueError) naming the
source and the byte offset, never crash or hang; our reader is stricter than symusic only where
symusic would read past its buffer."""

from __future__ import annotations

import random

import pytest
from conftest import corpus_files
from midi_compare import smf, track_chunk

import miditok_cpp
from miditok_cpp import MidiError, Score

FILES = corpus_files("multitrack")[:4] + corpus_files("one_track")[:3]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_truncations_raise_midi_error_or_parse(path, corpus):
    data = path.read_bytes()
    for cut in range(0, len(data), max(1, len(data) // 150)):
        try:
            miditok_cpp.read_midi(data[:cut], path.name)
        except MidiError as e:
            assert path.name in str(e) and "at byte" in str(e)


@pytest.mark.parametrize("seed", range(4))
def test_random_mutations_never_crash(seed, corpus):
    rng = random.Random(seed)
    for path in FILES:
        data = bytearray(path.read_bytes())
        for _ in range(30):
            mutated = bytearray(data)
            for _ in range(rng.randint(1, 20)):
                mutated[rng.randrange(len(mutated))] = rng.randrange(256)
            try:
                score = Score.from_midi(bytes(mutated))
            except MidiError:
                continue
            assert Score.from_midi(score.dumps_midi()).note_num() >= 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "shorter than the 14-byte MIDI header"),
        (b"RIFF" + b"\x00" * 20, "not a MIDI file"),
        (b"MThd\x00\x00\x00\x07\x00\x01\x00\x01\x01\xe0", "header chunk length"),
        (b"MThd\x00\x00\x00\x06\x00\x05\x00\x01\x01\xe0", "invalid MIDI format 5"),
        (b"MThd\x00\x00\x00\x06\x00\x01\x00\x01\xe7\x28", "SMPTE"),
        (smf([b"MTrk\x00\x00\x00\x05\x00\x90\x3c"]), "track chunk length 5 exceeds"),
        (smf([b"MTrk\x00\x00\x00\x03\x00\x90\x3c"]), "event runs past the end of its track"),
        (smf([b"MTrk\x00\x00\x00\x01\x81"]), "unexpected end of file"),
        (smf([track_chunk([(0, b"\x3c\x40")])]), "running status"),
        (smf([track_chunk([(0, b"\x90\x3c\xc8")])]), "invalid velocity 200"),
        (smf([track_chunk([(0, b"\xc0\x80")])]), "invalid program 128"),
        (smf([track_chunk([(0, b"\xff\x01\x7f")])]), "meta event runs past"),
        (smf([track_chunk([(0, b"\xf0\x7f\x01")])]), "sysex event runs past"),
        (smf([b"JUNK\xff\xff\xff\xf0"]), "chunk runs past the end"),
        (smf([track_chunk([(0, b"\xf4")])]), "unknown or unsupported status byte 0xf4"),
    ],
)
def test_specific_errors(data, message):
    with pytest.raises(MidiError, match=message) as info:
        miditok_cpp.read_midi(data, "hostile.mid")
    assert "hostile.mid" in str(info.value) and "at byte" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_symusic_agrees_these_are_invalid(symusic_ref):
    for data in (b"", b"RIFF" + b"\x00" * 20, smf([track_chunk([(0, b"\x90\x3c\xc8")])])):
        with pytest.raises((RuntimeError, ValueError, OSError)):
            symusic_ref.Score.from_midi(data)


def test_huge_declared_lengths_are_bounded():
    # Chunks and metas declaring gigabytes only raise; nothing that large is allocated.
    data = smf([b"MTrk\xff\xff\xff\xff\x00\xff\x01\x8f\xff\xff\x7fabc"])
    with pytest.raises(MidiError):
        miditok_cpp.read_midi(data)
    many_tracks = b"MThd\x00\x00\x00\x06\x00\x01\xff\xff\x01\xe0" + track_chunk([]) * 3
    assert len(miditok_cpp.read_midi(many_tracks).tracks) == 0


def test_track_chunk_longer_than_file_is_rejected_like_symusic(symusic_ref):
    # Even with an end-of-track meta before the real end, a track chunk declaring more bytes
    # than the file holds is rejected, by symusic 0.6.0 (its pinned minimidi) and by us.
    body = b"\x00\x90\x3c\x40\x10\x80\x3c\x00\x00\xff\x2f\x00"
    data = smf([b"MTrk\x00\x00\x10\x00" + body])
    with pytest.raises(MidiError, match="track chunk length 4096 exceeds the 12 bytes left"):
        Score.from_midi(data)
    with pytest.raises(RuntimeError, match="Invalid chunk length"):
        symusic_ref.Score.from_midi(data)


def test_batch_read_skips_and_reports_bad_files(corpus, tmp_path):
    good = corpus_files("multitrack")[:3]
    bad = tmp_path / "truncated.mid"
    bad.write_bytes(good[0].read_bytes()[:100])
    paths = [str(good[0]), str(bad), "/nonexistent/x.mid", str(good[1]), str(good[2])]
    scores, failures = miditok_cpp.read_midi_files(paths, num_threads=2)
    assert [s is None for s in scores] == [False, True, True, False, False]
    assert scores[0] == Score(good[0]) and scores[4] == Score(good[2])
    assert [f[0] for f in failures] == [str(bad), "/nonexistent/x.mid"]
    assert "truncated.mid" in failures[0][1] and "at byte" in failures[0][1]
