"""symusic 0.6.0's event and event-list methods on ours, side by side with symusic's on the events
of the shared corpus (our Score(path) against symusic.Score(path)): shift_time / shift_pitch /
shift_velocity / ent_time / ttype on events, Pedal.start, and adjust_time / is_sorted / ttype on
every event list, plus TextMetaList's numpy round trip (which symusic 0.6.0 does not have)."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest
from conftest import corpus_files

from miditok_cpp import Note, Pedal, Score, TextMeta
from miditok_cpp._core import NoteList, PedalList, TempoList, TextMetaList

pytestmark = pytest.mark.conformance

FILES = corpus_files("multitrack")[:4] + corpus_files("one_track")[:4]
TRACK_LISTS = ("notes", "controls", "pedals", "pitch_bends", "lyrics")
SCORE_LISTS = ("tempos", "time_signatures", "key_signatures", "markers")
EVENTS_PER_LIST = 8


def _lists(score):
    """(name, list) of every event list of the score: each track's, then the global ones."""
    out = []
    for i, track in enumerate(score.tracks):
        out += [(f"tracks[{i}].{name}", getattr(track, name)) for name in TRACK_LISTS]
    out += [(name, getattr(score, name)) for name in SCORE_LISTS]
    return out


def _pairs(path, symusic_ref):
    ours, ref = Score(path), symusic_ref.Score(str(path))
    return ours, ref, list(zip(_lists(ours), _lists(ref), strict=True))


def _outcome(call):
    """The result of call, or the exception class it raises (to compare errors too)."""
    try:
        return call()
    except Exception as error:
        return type(error)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("offset", [0, 17, -5, -100_000])
def test_event_shift_time_equals_symusics_shifted_score(path, offset, symusic_ref):
    # symusic 0.6.0's per-event shift_time returns the event unchanged (see
    # test_symusic_event_shift_time_is_a_no_op): the reference is its score-level shift_time.
    ours, _, pairs = _pairs(path, symusic_ref)
    shifted = _lists(symusic_ref.Score(str(path)).shift_time(offset))
    for ((name, our_list), _), (_, ref_list) in zip(pairs, shifted, strict=True):
        for i, event in enumerate(list(our_list)[:EVENTS_PER_LIST]):
            before = event.copy()
            moved = event.shift_time(offset)
            assert moved == ref_list[i], f"{path.name} {name}[{i}].shift_time({offset})"
            assert event == before, "a copy was edited, not the event"
            assert event.ttype == ref_list[i].ttype == symusic_ref.core.Tick()
    assert ours == Score(path)


@pytest.mark.parametrize("path", FILES[:3], ids=lambda p: p.name)
def test_event_shift_time_inplace_edits_the_score(path, symusic_ref):
    ours = Score(path)
    ref = symusic_ref.Score(str(path)).shift_time(9)
    for name, our_list in _lists(ours):
        for event in our_list:
            assert event.shift_time(9, inplace=True) is event, name
    assert ours == ref


def test_symusic_event_shift_time_is_a_no_op(symusic_ref):
    # The difference recorded in docs/differences.md: ours moves the event.
    ref = symusic_ref.core.NoteTick(10, 5, 60, 80)
    assert ref.shift_time(7).time == 10
    assert Note(10, 5, 60, 80).shift_time(7) == symusic_ref.core.NoteTick(17, 5, 60, 80)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("offset", [0, 3, -12, 60, -60, 127, -128, 200])
def test_note_shift_pitch_and_velocity_equal_symusics(path, offset, symusic_ref):
    _, _, pairs = _pairs(path, symusic_ref)
    for (name, our_list), (_, ref_list) in pairs:
        if not name.endswith("notes"):
            continue
        for i in range(min(len(our_list), EVENTS_PER_LIST)):
            for method in ("shift_pitch", "shift_velocity"):
                a = _outcome(partial(getattr(our_list[i], method), offset))
                b = _outcome(partial(getattr(ref_list[i], method), offset))
                if isinstance(b, type):
                    assert isinstance(a, type) and issubclass(a, ValueError), (
                        f"{path.name} {name}[{i}].{method}({offset}): ours {a}, symusic {b}"
                    )
                else:
                    assert a == b, f"{path.name} {name}[{i}].{method}({offset})"
            assert our_list[i].ent_time() == ref_list[i].ent_time() == our_list[i].end


def test_note_shifts_inplace_and_range_errors(symusic_ref):
    ours, ref = NoteList([Note(0, 4, 60, 100)]), symusic_ref.core.NoteTickList()
    ref.append(symusic_ref.core.NoteTick(0, 4, 60, 100))
    note = ours[0]
    assert note.shift_pitch(-2, inplace=True) is note
    assert note.shift_velocity(27, inplace=True) is note
    ref[0].shift_pitch(-2, inplace=True)
    ref[0].shift_velocity(27, inplace=True)
    assert ours == ref
    assert Note(0, 4, 60, 127).shift_pitch(-2) == ref[0].shift_pitch(0)
    for make, offset in [(lambda: Note(0, 1, 127, 64), 1), (lambda: Note(0, 1, 0, 64), -1)]:
        with pytest.raises(ValueError):
            make().shift_pitch(offset)
        with pytest.raises(ValueError):
            symusic_ref.core.NoteTick(*_fields(make())).shift_pitch(offset)
    with pytest.raises(ValueError):
        Note(0, 1, 60, 127).shift_velocity(1)
    unchanged = Note(0, 1, 127, 64)
    with pytest.raises(ValueError):
        unchanged.shift_pitch(1, inplace=True)
    assert unchanged == Note(0, 1, 127, 64)


def _fields(note):
    return note.time, note.duration, note.pitch, note.velocity


def test_pedal_start_is_symusics(symusic_ref):
    ours, ref = Pedal(10, 5), symusic_ref.core.PedalTick(10, 5)
    assert ours.start == ref.start == 10
    ours.start, ref.start = 3, 3
    assert ours == ref
    assert (ours.start, ours.end) == (ref.start, ref.end) == (3, 8)


def _time_maps(end):
    end = max(end, 8)
    return [
        ([0, end], [0, end]),
        ([0, end // 2, end], [0, end // 3, end * 2]),
        ([0, end + 10], [5, 2 * end + 25]),
        ([end // 4, end // 2], [0, 1000]),
        ([-50, 3, end], [-10, 0, end // 2]),
    ]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_list_adjust_time_equals_symusics(path, symusic_ref):
    ours, ref, pairs = _pairs(path, symusic_ref)
    for original, new in _time_maps(ref.end()):
        for (name, our_list), (_, ref_list) in pairs:
            before = our_list.copy()
            got = our_list.adjust_time(original, new)
            assert got == ref_list.adjust_time(original, new), f"{path.name} {name} {original}"
            assert our_list == before
            assert got.ttype == ref_list.ttype
    # In place on the score's own lists, as symusic's Score.adjust_time does to all of them.
    original, new = _time_maps(ref.end())[1]
    for name, our_list in _lists(ours):
        assert our_list.adjust_time(original, new, inplace=True) is our_list, name
    assert ours == ref.adjust_time(original, new)


@pytest.mark.parametrize(
    ("original", "new"),
    [([0], [0]), ([0, 10], [0]), ([10, 0], [0, 5]), ([0, 10], [5, 0]), ([], [])],
)
def test_list_adjust_time_bad_maps_raise_like_symusic(original, new, symusic_ref):
    ref = symusic_ref.core.NoteTickList()
    with pytest.raises(ValueError):
        ref.adjust_time(original, new)
    for ours in (NoteList([Note(0, 1, 60, 64)]), NoteList(), TextMetaList()):
        with pytest.raises(ValueError):
            ours.adjust_time(original, new)


def test_list_adjust_time_empty_and_unsorted(symusic_ref):
    assert NoteList().adjust_time([0, 1], [0, 2]) == symusic_ref.core.NoteTickList()
    events = [(30, 4, 60, 64), (0, 8, 62, 64), (12, 2, 64, 64), (40, 30, 65, 64)]
    ours = NoteList([Note(*e) for e in events])
    ref = symusic_ref.core.NoteTickList([symusic_ref.core.NoteTick(*e) for e in events])
    for original, new in [([0, 20, 50], [0, 10, 100]), ([0, 100], [100, 300]), ([5, 60], [0, 6])]:
        assert ours.adjust_time(original, new) == ref.adjust_time(original, new)
    texts = TextMetaList([TextMeta(9, "b"), TextMeta(2, "a")])
    ref_texts = symusic_ref.core.TextMetaTickList(
        [symusic_ref.core.TextMetaTick(9, "b"), symusic_ref.core.TextMetaTick(2, "a")]
    )
    assert texts.adjust_time([0, 10], [0, 30]) == ref_texts.adjust_time([0, 10], [0, 30])
    assert texts.adjust_time(np.array([0, 10]), (0, 30), True) is texts
    assert texts == ref_texts.adjust_time([0, 10], [0, 30])


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_list_is_sorted_equals_symusics(path, symusic_ref):
    _, _, pairs = _pairs(path, symusic_ref)
    keys = [None, lambda e: e.time, lambda e: -e.time]
    for (name, our_list), (_, ref_list) in pairs:
        far = ([0, 1 << 20], [1 << 20, 1 << 21])
        variants = [
            (our_list, ref_list),
            (our_list.sort(inplace=False), ref_list.sort(inplace=False)),
            (
                our_list.sort(reverse=True, inplace=False),
                ref_list.sort(reverse=True, inplace=False),
            ),
            (our_list.adjust_time(*far), ref_list.adjust_time(*far)),
        ]
        for ours, ref in variants:
            assert ours == ref, f"{path.name} {name}: the sorted lists differ"
            for key in keys:
                for reverse in (False, True):
                    assert ours.is_sorted(key, reverse) == ref.is_sorted(key, reverse), (
                        f"{path.name} {name} key={key} reverse={reverse}"
                    )


def test_is_sorted_crafted_and_empty(symusic_ref):
    core = symusic_ref.core
    cases = [
        ([(0, 2, 60, 64), (0, 1, 60, 64), (1, 1, 50, 64)]),
        ([(1, 1, 60, 64), (1, 1, 60, 64)]),
        ([(2, 1, 60, 64), (1, 1, 60, 64)]),
        ([(0, 1, 61, 64), (0, 1, 60, 64)]),
        ([]),
    ]
    for events in cases:
        ours = NoteList([Note(*e) for e in events])
        ref = core.NoteTickList([core.NoteTick(*e) for e in events])
        for key in (None, lambda n: n.time, lambda n: n.pitch):
            for reverse in (False, True):
                assert ours.is_sorted(key=key, reverse=reverse) == ref.is_sorted(key, reverse)
    pedals = PedalList([Pedal(0, 5), Pedal(0, 3)])
    ref_pedals = core.PedalTickList([core.PedalTick(0, 5), core.PedalTick(0, 3)])
    assert pedals.is_sorted() == ref_pedals.is_sorted() is False
    assert pedals.is_sorted(reverse=True) == ref_pedals.is_sorted(reverse=True) is True
    for empty in (TempoList(), TextMetaList(), PedalList()):
        assert empty.is_sorted() and empty.is_sorted(reverse=True)
    with pytest.raises(TypeError):
        NoteList([Note(0, 1, 1, 1), Note(0, 1, 1, 1)]).is_sorted(key=lambda n: n)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_text_meta_list_numpy_round_trip(path, symusic_ref):
    ours, ref = Score(path), symusic_ref.Score(str(path))
    texts = [ours.markers] + [t.lyrics for t in ours.tracks]
    for our_list, ref_list in zip(
        texts, [ref.markers] + [t.lyrics for t in ref.tracks], strict=True
    ):
        columns = our_list.numpy()
        assert set(columns) == {"time", "text"}
        assert columns["time"].dtype == np.int32
        assert list(columns["time"]) == [e.time for e in ref_list]
        assert list(columns["text"]) == [e.text for e in ref_list]
        assert TextMetaList.from_numpy(**columns) == ref_list
        assert TextMetaList.from_numpy(columns["time"], list(columns["text"])) == our_list


def test_text_meta_list_numpy_edges(symusic_ref):
    empty = TextMetaList().numpy()
    assert len(empty["time"]) == len(empty["text"]) == 0
    assert TextMetaList.from_numpy(**empty) == TextMetaList()
    odd = TextMetaList([TextMeta(-4, "é\x00"), TextMeta(7, "")])
    assert TextMetaList.from_numpy(**odd.numpy()) == odd
    with pytest.raises(ValueError):
        TextMetaList.from_numpy([1, 2], ["x"])
    # symusic 0.6.0 cannot do this (docs/differences.md).
    with pytest.raises((TypeError, RuntimeError)):
        symusic_ref.core.TextMetaTickList().numpy()


@pytest.mark.parametrize(("attr", "value"), [("start", 3), ("start", -4), ("end", 30), ("end", 2)])
def test_note_and_pedal_start_end_setters_are_symusics(attr, value, symusic_ref):
    core = symusic_ref.core
    for ours, ref in [
        (Note(10, 5, 60, 64), core.NoteTick(10, 5, 60, 64)),
        (Pedal(10, 5), core.PedalTick(10, 5)),
    ]:
        setattr(ours, attr, value)
        setattr(ref, attr, value)
        assert ours == ref, f"{type(ours).__name__}.{attr} = {value}"
        assert (ours.start, ours.end) == (ref.start, ref.end)
