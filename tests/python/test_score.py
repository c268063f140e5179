"""The Python Score API: construction, field access, numpy bulk access, equality, copies,
pickling and symusic conversion."""

from __future__ import annotations

import copy
import pickle

import numpy as np
import pytest
from conftest import corpus_files

import miditok_cpp
from miditok_cpp import Note, Score, Tempo, TextMeta, Track

FILES = corpus_files("multitrack")


@pytest.fixture(scope="module")
def score(corpus):
    return Score(corpus / "multitrack" / "Funkytown.mid")


def test_constructors(corpus, score):
    path = corpus / "multitrack" / "Funkytown.mid"
    assert Score(str(path)) == score
    assert Score(path.read_bytes()) == score
    assert Score.from_file(path) == score
    assert Score.from_midi(path.read_bytes()) == score
    assert Score(score) == score and Score(score) is not score
    assert Score(480).ticks_per_quarter == 480 and Score().tpq == 960
    assert Score.from_tpq(96).tpq == 96


def test_fields(score):
    assert score.tpq == score.ticks_per_quarter == 192
    assert score.track_num() == len(score.tracks) == 9
    track = score.tracks[1]
    assert isinstance(track, Track) and track.name == "Saw Wave" and track.program == 81
    assert not track.is_drum and any(t.is_drum for t in score.tracks)
    note = track.notes[0]
    assert (note.time, note.duration, note.pitch, note.velocity) == (1536, 53, 72, 69)
    assert note.end == 1589 and note.start == 1536
    assert score.tempos[0].qpm == pytest.approx(125.0) and score.tempos[0].mspq == 480000


def test_numpy_columns_and_structured(score):
    notes = score.tracks[1].notes
    cols = notes.numpy()
    assert set(cols) == {"time", "duration", "pitch", "velocity"}
    assert cols["time"].dtype == np.int32 and cols["pitch"].dtype == np.int8
    assert len(cols["time"]) == len(notes)
    assert [int(x) for x in cols["time"][:3]] == [n.time for n in list(notes)[:3]]
    rec = notes.to_numpy()
    assert rec.dtype.names == ("time", "duration", "pitch", "velocity") and len(rec) == len(notes)
    assert np.array_equal(rec["duration"], cols["duration"])
    assert Note.from_numpy(**cols) == notes
    tempos = score.tempos.numpy()
    assert tempos["mspq"].dtype == np.int32
    assert Tempo.from_numpy(**tempos) == score.tempos


def test_mutation_and_equality(score):
    s = score.copy()
    assert s == score
    s.tracks[1].notes[0].pitch = 10
    assert s != score and score.tracks[1].notes[0].pitch == 72
    s.tracks[1].notes.append(Note(0, 1, 2, 3))
    assert s.tracks[1].notes[-1] == Note(0, 1, 2, 3)
    s.markers.append(TextMeta(5, "intro"))
    assert s.markers[-1].text == "intro"
    assert Tempo(0, qpm=120).mspq == 500000 and Tempo(0, mspq=400000).qpm == 150


def test_copy_and_pickle(score):
    assert copy.copy(score) == score and copy.deepcopy(score) == score
    assert pickle.loads(pickle.dumps(score)) == score
    track = score.tracks[2]
    assert pickle.loads(pickle.dumps(track)) == track
    assert pickle.loads(pickle.dumps(track.notes)) == track.notes
    assert pickle.loads(pickle.dumps(score.markers)) == score.markers
    assert pickle.loads(pickle.dumps(track.notes[0])) == track.notes[0]


def test_missing_file_and_bad_bytes():
    with pytest.raises(miditok_cpp.IoError):
        Score("/nonexistent/file.mid")
    with pytest.raises(miditok_cpp.MidiError, match="at byte"):
        Score(b"MThd\x00\x00")
    with pytest.raises(ValueError):
        Score.from_midi(b"RIFF" + b"\x00" * 20)


def test_symusic_conversion(score, symusic_ref):
    ref = score.to_symusic()
    assert isinstance(ref, symusic_ref.Score)
    assert ref.note_num() == sum(len(t.notes) for t in score.tracks)
    assert Score.from_symusic(ref) == score
