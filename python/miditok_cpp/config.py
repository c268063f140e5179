"""TokenizerConfig: MidiTok 3.1.0's configuration class, same signature, attributes and JSON.

The values are validated by the C++ core (``ConfigError``, a ``ValueError``, naming the
parameter and its allowed range); the attributes stay plain Python objects, so ``to_dict``,
``==``, ``copy`` and pickling behave as MidiTok's.
"""

from __future__ import annotations

import json
from copy import deepcopy
from pathlib import Path
from typing import Any

from . import _core, _fileio
from .constants import (
    BEAT_RES,
    BEAT_RES_REST,
    CHORD_MAPS,
    DEFAULT_CONTROL_CHANGE_NUMBERS,
    DRUM_PITCH_RANGE,
    NUM_VELOCITIES,
    PITCH_BEND_RANGE,
    PITCH_RANGE,
    PROGRAMS,
    SPECIAL_TOKENS,
    TEMPO_RANGE,
    TIME_SIGNATURE_RANGE,
    USE_NOTE_DURATION_PROGRAMS,
)

_IGNORED_KEYS = ("miditok_version", "symusic_version", "hf_tokenizers_version")


def _format_special_token(token: str) -> str:
    parts = token.split("_")
    if len(parts) == 1:
        parts.append("None")
    elif len(parts) > 2:
        parts = ["-".join(parts[:-1]), parts[-1]]
    return "_".join(parts)


class TokenizerConfig:
    """Tokenizer configuration, with MidiTok's parameters, defaults and derived flags."""

    def __init__(
        self,
        pitch_range=PITCH_RANGE,
        beat_res=BEAT_RES,
        num_velocities: int = NUM_VELOCITIES,
        special_tokens=SPECIAL_TOKENS,
        encode_ids_split: str = "bar",
        use_velocities: bool = True,
        use_note_duration_programs=USE_NOTE_DURATION_PROGRAMS,
        use_chords: bool = False,
        use_rests: bool = False,
        use_tempos: bool = False,
        use_time_signatures: bool = True,
        use_key_signatures: bool = False,
        use_sustain_pedals: bool = False,
        use_pitch_bends: bool = False,
        use_control_changes: bool = False,
        control_change_numbers=DEFAULT_CONTROL_CHANGE_NUMBERS,
        control_change_n_bins: int = 32,
        use_programs: bool = False,
        use_pitch_intervals: bool = False,
        use_pitchdrum_tokens: bool = True,
        default_note_duration: float = 0.5,
        beat_res_rest=BEAT_RES_REST,
        chord_maps=CHORD_MAPS,
        chord_tokens_with_root_note: bool = False,
        chord_unknown=None,
        num_tempos: int = 32,
        tempo_range=TEMPO_RANGE,
        log_tempos: bool = False,
        remove_duplicated_notes: bool = False,
        delete_equal_successive_tempo_changes: bool = False,
        time_signature_range=TIME_SIGNATURE_RANGE,
        sustain_pedal_duration: bool = False,
        pitch_bend_range=PITCH_BEND_RANGE,
        delete_equal_successive_time_sig_changes: bool = False,
        programs=PROGRAMS,
        one_token_stream_for_programs: bool = True,
        program_changes: bool = False,
        max_pitch_interval: int = 16,
        pitch_intervals_max_time_dist: float = 1,
        drums_pitch_range=DRUM_PITCH_RANGE,
        ac_polyphony_track: bool = False,
        ac_polyphony_bar: bool = False,
        ac_polyphony_min: int = 1,
        ac_polyphony_max: int = 6,
        ac_pitch_class_bar: bool = False,
        ac_note_density_track: bool = False,
        ac_note_density_track_min: int = 0,
        ac_note_density_track_max: int = 18,
        ac_note_density_bar: bool = False,
        ac_note_density_bar_max: int = 18,
        ac_note_duration_bar: bool = False,
        ac_note_duration_track: bool = False,
        ac_repetition_track: bool = False,
        ac_repetition_track_num_bins: int = 10,
        ac_repetition_track_num_consec_bars: int = 4,
        **kwargs,
    ) -> None:
        self.pitch_range = pitch_range
        self.beat_res = dict(beat_res)
        self.num_velocities = num_velocities
        self.remove_duplicated_notes = remove_duplicated_notes
        self.encode_ids_split = encode_ids_split
        self.special_tokens: list[str] = []
        for token in list(special_tokens):
            token = _format_special_token(token)
            if token not in self.special_tokens:
                self.special_tokens.append(token)
        if "PAD_None" not in self.special_tokens:
            self.special_tokens.append("PAD_None")
        self.use_velocities = use_velocities
        self.use_note_duration_programs = set(use_note_duration_programs)
        self.use_chords = use_chords
        self.use_rests = use_rests
        self.use_tempos = use_tempos
        self.use_time_signatures = use_time_signatures
        self.use_key_signatures = use_key_signatures
        self.use_sustain_pedals = use_sustain_pedals
        self.use_pitch_bends = use_pitch_bends
        self.use_control_changes = use_control_changes
        self.control_change_numbers = set(control_change_numbers)
        self.control_change_n_bins = control_change_n_bins
        self.use_programs = use_programs
        self.use_pitch_intervals = use_pitch_intervals
        self.use_pitchdrum_tokens = use_pitchdrum_tokens
        self.default_note_duration = default_note_duration
        self.programs = set(programs)
        self.one_token_stream_for_programs = one_token_stream_for_programs and use_programs
        self.program_changes = program_changes and use_programs
        if (
            self.use_rests
            and len(self.use_note_duration_programs) < 129
            and (
                not self.use_programs
                or any(p not in self.use_note_duration_programs for p in self.programs)
            )
        ):
            self.use_rests = False
        self.beat_res_rest = dict(beat_res_rest)
        self.chord_maps = dict(chord_maps)
        self.chord_tokens_with_root_note = chord_tokens_with_root_note
        self.chord_unknown = chord_unknown
        self.num_tempos = num_tempos
        self.tempo_range = tempo_range
        self.log_tempos = log_tempos
        self.delete_equal_successive_tempo_changes = delete_equal_successive_tempo_changes
        self.time_signature_range = {
            den: (list(range(nums[0], nums[1] + 1)) if isinstance(nums, tuple) else nums)
            for den, nums in time_signature_range.items()
        }
        self.delete_equal_successive_time_sig_changes = delete_equal_successive_time_sig_changes
        self.sustain_pedal_duration = sustain_pedal_duration and self.use_sustain_pedals
        self.pitch_bend_range = pitch_bend_range
        self.max_pitch_interval = max_pitch_interval
        self.pitch_intervals_max_time_dist = pitch_intervals_max_time_dist
        self.drums_pitch_range = drums_pitch_range
        for legacy, new in (("nb_velocities", "num_velocities"), ("nb_tempos", "num_tempos")):
            if legacy in kwargs:
                setattr(self, new, kwargs.pop(legacy))
        self.ac_polyphony_track = ac_polyphony_track
        self.ac_polyphony_bar = ac_polyphony_bar
        self.ac_polyphony_min = ac_polyphony_min
        self.ac_polyphony_max = ac_polyphony_max
        self.ac_pitch_class_bar = ac_pitch_class_bar
        self.ac_note_density_track = ac_note_density_track
        self.ac_note_density_track_min = ac_note_density_track_min
        self.ac_note_density_track_max = ac_note_density_track_max
        self.ac_note_density_bar = ac_note_density_bar
        self.ac_note_density_bar_max = ac_note_density_bar_max
        self.ac_note_duration_bar = ac_note_duration_bar
        self.ac_note_duration_track = ac_note_duration_track
        self.ac_repetition_track = ac_repetition_track
        self.ac_repetition_track_num_bins = ac_repetition_track_num_bins
        self.ac_repetition_track_num_consec_bars = ac_repetition_track_num_consec_bars
        self.additional_params = kwargs
        # The C++ core validates every value (ConfigError names the parameter and its range).
        _core._config_normalize(self._core_json())

    @property
    def max_num_pos_per_beat(self) -> int:
        """Maximum number of positions per beat (max of beat_res values)."""
        return max(self.beat_res.values())

    @property
    def using_note_duration_tokens(self) -> bool:
        """True when at least one program has Duration tokens."""
        return len(self.use_note_duration_programs) > 0

    def _core_json(self) -> str:
        """The serialised config handed to the C++ core (sets listed in iteration order)."""
        return json.dumps(self.to_dict(serialize=True))

    @classmethod
    def from_dict(cls, input_dict: dict[str, Any], **kwargs) -> TokenizerConfig:
        """Builds a config from a dict as ``to_dict`` returns it (additional_params merged)."""
        input_dict = dict(input_dict)
        input_dict.update(**input_dict.pop("additional_params", {}))
        for key in _IGNORED_KEYS:
            input_dict.pop(key, None)
        return cls(**input_dict, **kwargs)

    def to_dict(self, serialize: bool = False) -> dict[str, Any]:
        """The attributes as a dict; ``serialize=True`` makes it JSON-serialisable."""
        dict_config = deepcopy(self.__dict__)
        if serialize:
            _serialize_dict(dict_config)
        return dict_config

    def save_to_json(self, out_path) -> None:
        """Writes the config as a JSON file."""
        out_path = Path(out_path)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        _fileio.write_json(out_path, self.to_dict(serialize=True), indent=4)

    @classmethod
    def load_from_json(cls, config_file_path) -> TokenizerConfig:
        """Loads a config written by ``save_to_json`` (ours or MidiTok's)."""
        dict_config = _fileio.load_json_file(config_file_path, "config file")
        return cls.from_serialized_dict(dict_config, chord_maps_as_tuples=False)

    @classmethod
    def from_serialized_dict(
        cls, dict_config: dict[str, Any], chord_maps_as_tuples: bool = True
    ) -> TokenizerConfig:
        """Builds a config from its JSON form (string beat-range and TS keys, lists)."""
        dict_config = dict(dict_config)
        for key in ("beat_res", "beat_res_rest"):
            if key in dict_config:
                dict_config[key] = {
                    tuple(map(int, rng.split("_"))): res for rng, res in dict_config[key].items()
                }
        if "time_signature_range" in dict_config:
            dict_config["time_signature_range"] = {
                int(den): nums for den, nums in dict_config["time_signature_range"].items()
            }
        if chord_maps_as_tuples and "chord_maps" in dict_config:
            dict_config["chord_maps"] = {q: tuple(m) for q, m in dict_config["chord_maps"].items()}
        if "rest_range" in dict_config:
            rr = dict_config.pop("rest_range")
            dict_config["beat_res_rest"] = {(0, rr[1]): rr[0]}
        return cls.from_dict(dict_config)

    def copy(self) -> TokenizerConfig:
        """A deep copy."""
        return deepcopy(self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TokenizerConfig):
            return False
        other_dict = other.to_dict()
        for key, value in self.to_dict().items():
            if key not in other_dict:
                return False
            try:
                if len(value) != len(other_dict[key]):
                    return False
                for v1, v2 in zip(value, other_dict[key], strict=False):
                    if v1 != v2:
                        return False
            except TypeError:
                if other_dict[key] != value:
                    return False
        return True

    __hash__ = None  # type: ignore[assignment]  # mutable, unhashable (as MidiTok's)

    def __repr__(self) -> str:
        return f"TokenizerConfig({self.to_dict()!r})"


def _serialize_dict(d: dict) -> None:
    for key, value in d.items():
        if key in ("beat_res", "beat_res_rest"):
            d[key] = {f"{k1}_{k2}": v for (k1, k2), v in value.items()}
        elif isinstance(value, dict):
            _serialize_dict(value)
        elif isinstance(value, set):
            d[key] = list(value)
        elif hasattr(value, "tolist"):
            d[key] = value.tolist()
