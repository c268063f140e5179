"""Python views into a Score (list items, list attributes) held across edits that reallocate or
destroy the underlying C++ storage must stay usable: either still attached (edits in place) or
detached but valid (the storage they view is retired, not freed). Nothing may crash or read freed
memory; each test reads every held view after the dangerous edit."""

import copy
import gc
import pickle

import pytest

import miditok_cpp as m


def make_score(n_tracks=3, n_notes=20):
    s = m.Score(480)
    for t in range(n_tracks):
        tr = m.Track(name=f"t{t}", program=t)
        tr.notes.extend([m.Note(i * 10, 5, 40 + t + i % 20, 64) for i in range(n_notes)])
        tr.controls.append(m.ControlChange(0, 7, 100))
        tr.lyrics.append(m.TextMeta(0, "la" * 20))
        s.tracks.append(tr)
    s.tempos.append(m.Tempo(0, mspq=500000))
    s.markers.append(m.TextMeta(0, "intro" * 10))
    return s


def read_all(*views):
    """Touches every field of the views (would read freed memory if one dangled)."""
    out = []
    for v in views:
        if isinstance(v, m.Note):
            out.append((v.time, v.duration, v.pitch, v.velocity, repr(v)))
        elif isinstance(v, m.Track):
            out.append((v.name, v.program, len(v.notes), v.notes.numpy()["pitch"].sum()))
            out.append([repr(x) for x in v.lyrics])
        elif isinstance(v, m.TextMeta):
            out.append((v.time, v.text))
        else:
            out.append([repr(x) for x in v])
    return out


def test_in_place_edit_through_views_changes_the_score():
    s = make_score()
    s.tracks[0].notes[0].pitch = 60
    assert s.tracks[0].notes[0].pitch == 60
    s.tracks[0].notes.append(m.Note(1000, 10, 70, 80))
    assert s.tracks[0].notes[-1] == m.Note(1000, 10, 70, 80)
    s.tracks[1].name = "renamed"
    assert s.tracks[1].name == "renamed"


def test_note_held_across_10000_appends():
    s = make_score()
    note = s.tracks[0].notes[0]
    notes = s.tracks[0].notes
    first = (note.time, note.pitch)
    for i in range(10_000):
        notes.append(m.Note(i, 1, 60, 64))
    assert (note.time, note.pitch) == first
    assert len(s.tracks[0].notes) == 20 + 10_000
    read_all(note, notes)
    # The list view stays attached to the score.
    notes[0].pitch = 99
    assert s.tracks[0].notes[0].pitch == 99


def test_track_held_across_track_appends_and_extend():
    s = make_score()
    track = s.tracks[0]
    lyrics = track.lyrics
    for i in range(1000):
        s.tracks.append(m.Track(name=str(i)))
    s.tracks.extend([m.Track(name="x")] * 100)
    s.tracks.insert(0, m.Track(name="first"))
    assert track.name == "t0"
    assert read_all(track, lyrics)[1] == [repr(m.TextMeta(0, "la" * 20))]


@pytest.mark.parametrize(
    "edit",
    [
        lambda s: s.tracks.clear(),
        lambda s: s.tracks.pop(0),
        lambda s: s.tracks.__delitem__(0),
        lambda s: s.tracks.__delitem__(slice(0, 2)),
        lambda s: s.tracks.remove(s.tracks[0]),
        lambda s: s.tracks.__setitem__(0, m.Track(name="new")),
        lambda s: s.tracks.__setitem__(slice(0, 1), [m.Track(name="new")]),
        lambda s: setattr(s, "tracks", [m.Track(name="new")]),
        lambda s: setattr(s, "tracks", []),
        lambda s: s.tracks.sort(key=lambda t: -t.program),
        lambda s: s.tracks.sort(reverse=True),
        lambda s: s.tracks.filter(lambda t: t.program == 2),
        lambda s: s.clip(0, 50, inplace=True),
        lambda s: s.shift_time(10, inplace=True),
        lambda s: s.sort(reverse=True, inplace=True),
        lambda s: setattr(s, "markers", []),
        lambda s: s.markers.clear(),
    ],
)
def test_views_survive_structural_edits(edit):
    s = make_score()
    track = s.tracks[0]
    notes = s.tracks[0].notes
    note = s.tracks[0].notes[5]
    lyric = s.tracks[0].lyrics[0]
    marker = s.markers[0]
    before = read_all(note, lyric, marker)
    edit(s)
    gc.collect()
    # Still valid: the detached views keep the values they had, fields are readable.
    after = read_all(note, lyric, marker)
    assert after[1:] == before[1:]
    read_all(track, notes)
    note.pitch = 1  # writes to the view are defined too
    assert note.pitch == 1
    s2 = pickle.loads(pickle.dumps(s))
    assert s2 == s


@pytest.mark.parametrize(
    "edit",
    [
        lambda n: n.clear(),
        lambda n: n.pop(),
        lambda n: n.__delitem__(slice(None)),
        lambda n: n.remove(n[0]),
        lambda n: n.insert(0, m.Note(0, 1, 1, 1)),
        lambda n: n.extend(n),
        lambda n: n.sort(key=lambda x: -x.pitch),
        lambda n: n.filter(lambda x: x.pitch > 50),
        lambda n: n.__setitem__(slice(0, 2), [m.Note(0, 1, 1, 1)] * 2),
    ],
)
def test_note_views_survive_list_edits(edit):
    s = make_score()
    notes = s.tracks[0].notes
    held = [notes[i] for i in range(len(notes))]
    edit(notes)
    read_all(*held)
    read_all(notes)


def test_track_notes_reassigned_while_held():
    s = make_score()
    note = s.tracks[0].notes[3]
    value = (note.time, note.pitch)
    s.tracks[0].notes = [m.Note(0, 1, 60, 64)] * 5000  # larger: reallocates
    assert (note.time, note.pitch) == value
    s.tracks[0].notes = []
    read_all(note)
    t = s.tracks[0]
    t.notes = t.notes  # self-assignment
    read_all(t)


def test_views_keep_the_parent_alive():
    s = make_score()
    note = s.tracks[1].notes[2]
    track = s.tracks[2]
    markers = s.markers
    expected = (note.time, note.pitch)
    del s
    gc.collect()
    junk = [make_score() for _ in range(20)]  # reuse freed memory if any
    assert (note.time, note.pitch) == expected
    assert track.name == "t2"
    assert read_all(markers) == [[repr(m.TextMeta(0, "intro" * 10))]]
    del junk


def test_iterator_views_survive_clear():
    s = make_score()
    it = iter(s.tracks[0].notes)
    first = next(it)
    s.tracks.clear()
    gc.collect()
    read_all(first)
    for n in it:  # the iterator keeps the old list alive
        read_all(n)


def test_pickle_copy_of_held_views():
    s = make_score()
    track = s.tracks[0]
    note = track.notes[0]
    s.tracks.clear()
    assert pickle.loads(pickle.dumps(track)) == track
    assert pickle.loads(pickle.dumps(note)) == note
    assert copy.deepcopy(track) == track


def test_out_of_range_is_index_error():
    s = make_score()
    with pytest.raises(IndexError):
        s.tracks[10]
    with pytest.raises(IndexError):
        s.tracks[0].notes.pop(1000)
    with pytest.raises(IndexError):
        del s.tracks[0].notes[-1000]
    with pytest.raises(ValueError):
        s.tracks[0].notes.remove(m.Note(9, 9, 9, 9))


def test_in_place_preprocessing_with_held_views():
    from miditok_cpp._core import preprocess as pp

    s = make_score(n_tracks=4)
    for t in s.tracks:
        t.program = 0
    track = s.tracks[3]
    note = s.tracks[3].notes[0]
    lyrics = s.tracks[3].lyrics
    pp.merge_same_program_tracks(s.tracks)
    assert len(s.tracks) == 1
    gc.collect()
    assert track.name == "t3"
    read_all(track, note, lyrics)
    merged = pp.merge_tracks(s.tracks)
    read_all(merged, track, note)

    s = make_score(n_tracks=4)
    track = s.tracks[2]
    pp.merge_tracks_per_class(s, valid_programs=[0])
    assert [t.program for t in s.tracks] == [0]
    read_all(track)

    tempos = s.tempos
    tempo = s.tempos[0]
    pp.preprocess_tempos(s.tempos, [500000.0], delete_equal_successive=True)
    assert (tempo.time, tempo.mspq) == (0, 500000)
    read_all(tempos)
