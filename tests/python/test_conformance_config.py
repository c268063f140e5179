"""TokenizerConfig and REMI's derived values side by side with miditok 3.1.0.

For a sweep of configurations: to_dict (plain and serialised), every derived value of the
tokenizer (time_division, durations, rests, velocities, tempos, default_tempo, pitch bends, time
signatures, special tokens and their ids, token-type graph) and the params file, which each
library must load into a tokenizer equal to the other's.
"""

from __future__ import annotations

import json
import warnings
from copy import deepcopy

import numpy as np
import pytest

miditok = pytest.importorskip("miditok")

import miditok_cpp  # noqa: E402

CONFIGS = [
    {},
    {"num_velocities": 16, "use_chords": True, "use_programs": True},
    {"use_tempos": True, "log_tempos": True, "num_tempos": 17, "tempo_range": (30, 300)},
    {"use_tempos": True, "num_tempos": 1},
    {"use_rests": True, "beat_res_rest": {(0, 2): 4, (2, 12): 2}},
    {"use_pitch_bends": True, "pitch_bend_range": (-8192, 8191, 21)},
    {"use_time_signatures": False, "beat_res": {(0, 4): 4, (4, 8): 2}},
    {"time_signature_range": {8: (3, 12), 4: [5, 6, 3, 2, 1, 4], 2: [2, 3], 16: [7]}},
    {"special_tokens": ["PAD", "BOS_None", "EOS", "EOS-test_None", "A_B_C", "BOS"]},
    {"use_programs": True, "programs": [0, 24, -1, 33, 127, 64, 8], "program_changes": True},
    {"use_programs": True, "one_token_stream_for_programs": False},
    {"use_chords": True, "chord_tokens_with_root_note": True, "chord_unknown": (3, 6)},
    {"use_chords": True, "chord_unknown": (3, 5)},
    {"use_sustain_pedals": True, "sustain_pedal_duration": True, "use_programs": True},
    {"use_sustain_pedals": True},
    {"use_pitch_intervals": True, "max_pitch_interval": 7},
    {"use_key_signatures": True, "use_control_changes": True, "control_change_n_bins": 8},
    {"use_control_changes": True, "control_change_numbers": [1, 7, 64, 65, 100]},
    {"use_velocities": False, "use_note_duration_programs": []},
    {"use_note_duration_programs": [0, 1, -1], "use_rests": True},
    {"pitch_range": (0, 127), "drums_pitch_range": (35, 81), "use_pitchdrum_tokens": False},
    {"max_bar_embedding": 40, "use_bar_end_tokens": True, "add_trailing_bars": True},
    {"nb_velocities": 8, "nb_tempos": 5, "use_tempos": True, "my_custom_param": [1, 2]},
    {"beat_res": {(0, 4): 8, (4, 12): 4, (12, 16): 2}, "default_note_duration": 1},
]


def _pair(params):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = miditok.REMI(miditok.TokenizerConfig(**deepcopy(params)))
        ours = miditok_cpp.REMI(miditok_cpp.TokenizerConfig(**deepcopy(params)))
    return ref, ours


@pytest.mark.parametrize("ci", range(len(CONFIGS)))
def test_config_and_derived_values(ci, tmp_path):
    params = CONFIGS[ci]
    ref, ours = _pair(params)
    where = f"config {params}"
    assert ours.config.to_dict() == ref.config.to_dict(), where
    assert ours.config.to_dict(serialize=True) == ref.config.to_dict(serialize=True), where
    assert ours.config.max_num_pos_per_beat == ref.config.max_num_pos_per_beat
    assert ours.config.using_note_duration_tokens == ref.config.using_note_duration_tokens
    assert ours.time_division == ref.time_division, where
    assert ours.durations == ref.durations, where
    assert ours.rests == ref.rests, where
    assert np.array_equal(ours.velocities, ref.velocities), where
    assert np.array_equal(ours.tempos, ref.tempos), where
    assert ours.default_tempo == ref.default_tempo, where
    assert np.array_equal(ours.pitch_bends, ref.pitch_bends), where
    assert ours.time_signatures == ref.time_signatures, where
    assert ours.one_token_stream == ref.one_token_stream
    assert ours.io_format == ref.io_format
    assert ours.special_tokens == ref.special_tokens
    assert ours.special_tokens_ids == ref.special_tokens_ids
    assert ours.pad_token_id == ref.pad_token_id
    assert ours.vocab == ref.vocab, where
    assert len(ours) == len(ref)
    assert ours.tokens_types_graph == ref.tokens_types_graph, where
    for tok in ("BOS_None", "PAD_None"):
        if tok in ref.vocab:
            assert ours[tok] == ref[tok]
    # Params files: each library loads the other's into an equal tokenizer.
    ref.save(tmp_path / "ref.json")
    ours.save(tmp_path / "ours.json")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref_from_ours = miditok.REMI(params=tmp_path / "ours.json")
    ours_from_ref = miditok_cpp.REMI(params=tmp_path / "ref.json")
    assert ref_from_ours == ref, where
    assert ours_from_ref == ours, where
    assert ours_from_ref.vocab == ref.vocab
    saved_ours = json.loads((tmp_path / "ours.json").read_text())
    saved_ref = json.loads((tmp_path / "ref.json").read_text())
    assert saved_ours == saved_ref, where


@pytest.mark.parametrize(
    ("params", "culprit"),
    [
        ({"pitch_range": (50, 20)}, "pitch_range"),
        ({"pitch_range": (0, 128)}, "pitch_range"),
        ({"drums_pitch_range": (-1, 20)}, "drums_pitch_range"),
        ({"num_velocities": 0}, "num_velocities"),
        ({"num_velocities": 200}, "num_velocities"),
        ({"max_pitch_interval": 300}, "max_pitch_interval"),
        ({"use_time_signatures": True, "time_signature_range": {3: [3]}}, "time_signature_range"),
        ({"use_rests": True, "beat_res_rest": {(0, 1): 16}}, "beat_res_rest"),
        ({"use_control_changes": True, "control_change_n_bins": 1}, "control_change_n_bins"),
        ({"use_control_changes": True, "control_change_numbers": [200]}, "control_change_numbers"),
        ({"encode_ids_split": "word"}, "encode_ids_split"),
        ({"beat_res": {(4, 0): 8}}, "beat_res"),
    ],
)
def test_invalid_configs_raise_config_error(params, culprit):
    with pytest.raises(miditok_cpp.ConfigError, match=culprit):
        miditok_cpp.TokenizerConfig(**params)
    assert issubclass(miditok_cpp.ConfigError, ValueError)


def test_config_copy_pickle_json(tmp_path):
    import pickle

    cfg = miditok_cpp.TokenizerConfig(use_programs=True, programs=[0, -1, 5], use_tempos=True)
    assert cfg.copy() == cfg
    assert pickle.loads(pickle.dumps(cfg)) == cfg
    cfg.save_to_json(tmp_path / "c.json")
    loaded = miditok_cpp.TokenizerConfig.load_from_json(tmp_path / "c.json")
    assert loaded == cfg
    ref = miditok.TokenizerConfig.load_from_json(tmp_path / "c.json")
    assert ref.to_dict() == loaded.to_dict()
    assert cfg != miditok_cpp.TokenizerConfig()
