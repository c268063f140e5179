"""Side by side with miditok 3.1.0: where MidiTok warns, we warn with the same category.

Each case runs the same call on miditok and on miditok_cpp and compares the categories of the
warnings raised (MidiTok's are all UserWarning: a filter such as
``warnings.simplefilter("error", UserWarning)`` must treat both libraries alike).
"""

from __future__ import annotations

import warnings

import pytest
from conftest import corpus_files

import miditok_cpp

pytestmark = pytest.mark.conformance

ONE_TRACK = corpus_files("one_track")


def _categories(call) -> list[type[Warning]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        call()
    return sorted({w.category for w in caught}, key=lambda c: c.__name__)


def _side_by_side(miditok_ref, case):
    ref = _categories(lambda: case(miditok_ref))
    ours = _categories(lambda: case(miditok_cpp))
    assert ref, "the case does not make MidiTok warn: it checks nothing"
    assert ours == ref, f"miditok warns {ref}, miditok_cpp warns {ours}"


def test_save_params_renamed(miditok_ref, tmp_path):
    def case(lib):
        lib.REMI().save_params(tmp_path / lib.__name__ / "tokenizer.json")

    _side_by_side(miditok_ref, case)


def test_renamed_encode(miditok_ref, corpus):
    def case(lib):
        lib.REMI().midi_to_tokens(ONE_TRACK[0])

    _side_by_side(miditok_ref, case)


def test_config_cc64_disables_pedals(miditok_ref):
    def case(lib):
        lib.REMI(
            lib.TokenizerConfig(
                use_control_changes=True, control_change_numbers=[64], use_sustain_pedals=True
            )
        )

    _side_by_side(miditok_ref, case)


@pytest.mark.parametrize("name", ["CPWord", "Octuple"])
def test_multi_voc_unsupported_control_changes(miditok_ref, name):
    def case(lib):
        getattr(lib, name)(lib.TokenizerConfig(use_control_changes=True))

    _side_by_side(miditok_ref, case)


def test_multi_voc_cannot_train(miditok_ref, corpus):
    def case(lib):
        lib.CPWord().train(vocab_size=1000, files_paths=ONE_TRACK[:1])

    _side_by_side(miditok_ref, case)


def test_tokenize_dataset_without_files(miditok_ref, tmp_path):
    empty = tmp_path / "empty"  # a folder without music files (MidiTok fails on [])
    empty.mkdir()

    def case(lib):
        lib.REMI().tokenize_dataset(empty, tmp_path / lib.__name__)

    _side_by_side(miditok_ref, case)


def test_augment_dataset_without_files(miditok_ref, tmp_path):
    def case(lib):
        lib.data_augmentation.augment_dataset(tmp_path, pitch_offsets=[-1, 1])

    _side_by_side(miditok_ref, case)
