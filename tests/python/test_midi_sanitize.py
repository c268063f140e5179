"""sanitize_data=True (symusic's option): data bytes above 127 are clamped instead of raising;
the corrupted corpus file then loads to the same Score as symusic's."""

from __future__ import annotations

import pytest
from midi_compare import score_differences

import miditok_cpp


def test_sanitized_corrupted_file_matches_symusic(corpus, symusic_ref):
    path = corpus / "corrupted" / "ValueError_Control168.mid"
    ref = symusic_ref.Score.from_file(str(path), sanitize_data=True)
    for what, ours in (
        ("from_file", miditok_cpp.Score.from_file(path, sanitize_data=True)),
        ("from_midi", miditok_cpp.Score.from_midi(path.read_bytes(), sanitize_data=True)),
    ):
        diffs = score_differences(ref, ours)
        assert not diffs, f"{path.name} ({what}, sanitize_data=True):\n  " + "\n  ".join(diffs[:10])
    assert max(c.value for t in ours.tracks for c in t.controls) == 127


def test_sanitize_is_off_by_default(corpus):
    path = corpus / "corrupted" / "ValueError_Control168.mid"
    with pytest.raises(miditok_cpp.MidiError):
        miditok_cpp.Score.from_file(path)
    with pytest.raises(ValueError):
        miditok_cpp.Score.from_file(path, format="abc", sanitize_data=True)


def test_sanitize_keeps_valid_files_unchanged(corpus):
    for path in sorted((corpus / "one_track").glob("*.mid"))[:5]:
        data = path.read_bytes()
        assert miditok_cpp.Score.from_midi(data, sanitize_data=True) == miditok_cpp.Score.from_midi(
            data
        )
