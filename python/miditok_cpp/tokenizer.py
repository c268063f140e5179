"""MusicTokenizer: MidiTok's tokenizer API over the C++ core (``_core._CoreTokenizer``).

Everything per note or per token runs in C++; this module converts inputs (paths, bytes, our
Score, symusic.Score, ids, tensors) and outputs (TokSequence, Score) and keeps MidiTok's
attributes (config, vocab, special tokens, time_division, durations, tempos...).
"""

from __future__ import annotations

import os
import random
import warnings
from pathlib import Path

import numpy as np

from . import _core, _ids
from ._convert import _as_score, _map_nested, _new_score, _score_like, _to_list
from .attribute_controls import _python_controls
from .attribute_controls.classes import _native_ratio_args
from .classes import Event, TokSequence
from .config import TokenizerConfig
from .hub import HubMixin
from .params_file import ParamsFileMixin
from .score import Score
from .token_files import TokenFilesMixin
from .tokenizer_internals import TokenizerInternalsMixin
from .tokenizer_vocab import VocabularyMixin
from .trained_model import TrainedModelMixin
from .utils.utils import miditoolkit_to_symusic

_TIME_SIGNATURE = (4, 4)
_TEMPO = 120


class MusicTokenizer(
    VocabularyMixin,
    ParamsFileMixin,
    TrainedModelMixin,
    TokenFilesMixin,
    TokenizerInternalsMixin,
    HubMixin,
):
    """The base of every tokenizer: turns music into token sequences and back (MidiTok's
    ``MusicTokenizer``).

    A tokenizer maps a score (a MIDI or ABC file, MIDI bytes, a :class:`Score` or a
    ``symusic.Score``) to a sequence of discrete tokens a language model can learn, and a
    sequence back to a score. How notes, time and the other events become tokens is the
    tokenization, i.e. the subclass: :class:`REMI`, :class:`TSD`, :class:`MIDILike`,
    :class:`Structured`, :class:`CPWord`, :class:`Octuple`, :class:`MuMIDI`, :class:`MMM`,
    :class:`PerTok` or :class:`BEAT`. Which events are kept and at what resolution is set by
    the :class:`TokenizerConfig`: pitch and velocity ranges, ``beat_res`` (steps per beat
    for time and durations), special tokens (``PAD``, ``BOS``, ``EOS``, ``MASK`` by
    default) and the optional token families (programs, rests, tempos, time signatures,
    chords, pitch intervals, sustain pedals, pitch bends, control changes, key signatures,
    attribute controls). Before encoding, a score is preprocessed (:meth:`preprocess_score`):
    resampled to ``time_division`` ticks per quarter, times and durations snapped to the
    grid, values brought into the vocabulary's ranges or dropped. All of this runs in the C++ core.

    Sequence layouts. With ``one_token_stream_for_programs`` (the default with
    ``use_programs``, and forced by some tokenizations) every track goes into one sequence,
    each note led by its ``Program`` token: :meth:`encode` returns one :class:`TokSequence`
    and ``io_format`` is ``("T",)``. Otherwise each track is its own sequence:
    :meth:`encode` returns a list of them, :meth:`decode` takes a list and the tracks'
    programs (``programs``) and ``io_format`` is ``("I", "T")``. Compound tokenizers
    (``is_multi_voc``: CPWord, Octuple, MuMIDI) add a last dimension, ``"C"``: each step is a
    list of tokens, one per sub-vocabulary.

    Tokens, ids, bytes. A :class:`TokSequence` holds the same sequence as ``tokens``
    (strings such as ``"Pitch_60"``), ``ids`` (their integers in ``vocab``, what a model
    reads), ``bytes`` (each base id as one character, the alphabet the trained model works
    on) and ``events``. ``vocab`` maps tokens to ids (a list of dicts, one per slot, for
    compound tokens), ``len(tokenizer)`` is the vocabulary size, ``tokenizer[token]`` and
    ``tokenizer[id]`` look one up; ``pad_token_id`` and ``special_tokens_ids`` give the
    special ids. ``tokenizer(x)`` encodes a score or path and decodes ids or tokens.

    Training. :meth:`train` learns a BPE, Unigram or WordPiece model (Hugging Face
    ``tokenizers``) over the base tokens of a corpus, so that frequent successions become
    single tokens and sequences get shorter; ``vocab_model`` is then the learned vocabulary,
    ``is_trained`` is True, :meth:`encode` returns the learned ids (``encode_ids=False``
    keeps the base ones), :meth:`decode` accepts either, and :meth:`encode_token_ids` /
    :meth:`decode_token_ids` convert between them. ``config.encode_ids_split`` (``"bar"``,
    ``"beat"`` or ``"no"``) limits a learned token to one bar or beat. Compound tokenizers
    cannot be trained.

    Saving and loading. :meth:`save` writes the config, the vocabulary and any trained model
    to a ``tokenizer.json`` params file in MidiTok's format;
    ``Tokenizer(params=path)`` reloads it, and :meth:`save_pretrained`,
    :meth:`from_pretrained` and :meth:`push_to_hub` do the same through a folder or the
    Hugging Face Hub. :meth:`save_tokens` / :meth:`load_tokens` store sequences as JSON and
    :meth:`tokenize_dataset` tokenizes a folder of files. Tokenizers compare equal (``==``)
    when their config, vocabulary and trained model are equal.

    Constructor: ``tokenizer_config`` (default None: ``TokenizerConfig()``) is the
    configuration the vocabulary is built from; the constructor adjusts it as MidiTok does
    (each tokenization turns off what it does not support, with a UserWarning for options
    the user asked for). ``params`` (default None) is the path of a ``tokenizer.json``
    params file (as written by :meth:`save`) to load instead of ``tokenizer_config``: its
    config, vocabulary and trained model. ``MusicTokenizer`` itself is used through its
    subclasses or :meth:`from_pretrained`. Raises ConfigError on an invalid configuration
    and IoError / ValueError on an unreadable params file.
    """

    _class_name: str | None = None

    def __init__(self, tokenizer_config: TokenizerConfig | None = None, params=None) -> None:
        self._model = None
        self._extra_params: dict = {}
        if params is not None:
            self._load_params(params)
        else:
            self.config = TokenizerConfig() if tokenizer_config is None else tokenizer_config
            self._create_core()
        self._cache_derived()

    # ---- construction ----
    def _name(self) -> str:
        return self._class_name or type(self).__name__

    def _create_core(self, show_warnings: bool = True) -> None:
        """Builds the C++ tokenizer from ``self.config``, then takes back the config as the
        tokenization's constructor left it (the rules of each tokenization, and MidiTok's
        warnings about them, live in C++ only)."""
        self._core, read_json, messages = _core._CoreTokenizer.create_reporting(
            self._name(), self.config._core_json()
        )
        self.config._take_core_result(
            read_json, self._core.config_json(), messages if show_warnings else [], stacklevel=5
        )

    def _cache_derived(self) -> None:
        core = self._core
        self._vocab_base = {tok: i for i, tok in enumerate(core.tokens())}
        self.__vocab_base_inv = core.tokens()
        bytes_ = core.id_to_byte()
        self._vocab_base_id_to_byte = dict(enumerate(bytes_))
        self._vocab_base_byte_to_token = dict(zip(bytes_, self.__vocab_base_inv, strict=True))
        self.one_token_stream = core.one_token_stream
        self.time_division = core.time_division
        self._tpb_per_ts = dict(core.tpb_per_ts)
        self.time_signatures = [tuple(ts) for ts in core.time_signatures]
        self.durations = [tuple(d) for d in core.durations]
        self.rests = [tuple(r) for r in core.rests]
        self.velocities = np.array(core.velocities, dtype=np.intc)
        if self.config.use_tempos:
            self.tempos = np.array(core.tempos, dtype=np.float64)
            self.default_tempo = np.float64(core.default_tempo)
        else:
            self.tempos = np.zeros(1)
            self.default_tempo = _TEMPO
        self.pitch_bends = (
            np.array(core.pitch_bends, dtype=np.int32)
            if self.config.use_pitch_bends
            else np.zeros(1)
        )
        self.tokens_types_graph = {k: set(v) for k, v in core.types_graph().items()}
        self.attribute_controls = _python_controls(core.attribute_controls())

    # ---- vocabulary (the rest: VocabularyMixin) ----
    def __getitem__(self, item):
        if isinstance(item, str):
            return self._vocab_base[item]
        if isinstance(item, tuple):
            item = item[1]
        return self.__vocab_base_inv[item]

    def add_to_vocab(self, token, special_token: bool = False, vocab_idx=None, byte_=None):
        """Adds ``token`` (a string or an :class:`Event`) to the base vocabulary at the next id;
        a token already there is left as it is. Its byte is ``byte_`` (default None:
        ``chr(id + 33)``).

        ``special_token`` (default False) also lists it in ``config.special_tokens``.
        ``vocab_idx`` (default None) selects the vocabulary of a multi-vocabulary tokenizer
        (ignored here). On a trained tokenizer the byte is also added to the model as a
        (non-special) added token, as MidiTok does, so that encoded ids reach it at the model's
        next id. Returns None.
        """
        token = str(token)
        before = len(self._vocab_base)
        self._core.add_to_vocab(token, special_token, "" if byte_ is None else str(byte_))
        if special_token:
            self.config.special_tokens = list(self._core.special_tokens())
        self._cache_derived()
        if self._model is not None and len(self._vocab_base) > before:
            self._model.add_tokens([self._vocab_base_id_to_byte[self._vocab_base[token]]])
            self._set_model(self._model)

    # ---- encode / decode ----
    def preprocess_score(self, score) -> Score:
        """Preprocesses ``score`` (ours or symusic's) as MidiTok does before tokenizing it:
        resampled to ``time_division``, times and durations on the tokenizer's grid, pitches,
        velocities, tempos and time signatures into its ranges, notes merged or removed as the
        config says. Not in place: returns a new score of the type of ``score``. Raises
        TypeError for an object that is not a score."""
        s = _as_score(score)
        if s is None:
            msg = f"preprocess_score expects a Score, received {type(score).__name__}"
            raise TypeError(msg)
        return _score_like(self._core.preprocess_score(s), score)

    def _encode_core(self, obj, no_preprocess_score: bool, ac_indexes=None):
        core = self._core
        if isinstance(obj, (str, os.PathLike)):
            path = os.fspath(obj)
            if path.lower().endswith(".abc"):
                return core.encode(Score.from_file(path), no_preprocess_score, ac_indexes)
            return core.encode_midi_file(path, no_preprocess_score, ac_indexes)
        if isinstance(obj, (bytes, bytearray, memoryview)):
            return core.encode_midi_bytes(bytes(obj), no_preprocess_score, ac_indexes)
        s = _as_score(obj)
        if s is None:
            msg = f"cannot encode an object of type {type(obj).__name__}"
            raise TypeError(msg)
        return core.encode(s, no_preprocess_score, ac_indexes)

    def _has_native_encoding(self) -> bool:
        """True when encoding runs entirely in C++ (not MMM, CPWord, Octuple, or a subclass
        overriding encode / __call__): batch helpers may then call the core directly."""
        return (
            isinstance(self._core, _core._CoreTokenizer)
            and type(self).encode is MusicTokenizer.encode
            and type(self).__call__ is MusicTokenizer.__call__
        )

    def add_attribute_control(self, attribute_control) -> None:
        """Adds ``attribute_control`` (an instance of one of
        ``miditok_cpp.attribute_controls``' classes) to ``self.attribute_controls``; its tokens
        missing from the vocabulary are appended to it. Returns None. Raises TypeError for a
        control written in Python (a subclass of ``AttributeControl`` that is not one of the
        built-in controls): the tokenizer computes its controls in C++."""
        if not isinstance(attribute_control, _core.AttributeControl):
            msg = (
                f"{type(attribute_control).__name__} is not one of the built-in attribute "
                "controls of miditok_cpp.attribute_controls, which tokenizers compute in C++"
            )
            raise TypeError(msg)
        self._core.add_attribute_control(attribute_control)
        self._cache_derived()

    def encode(
        self,
        score,
        encode_ids: bool = True,
        no_preprocess_score: bool = False,
        attribute_controls_indexes=None,
    ):
        """Tokenizes ``score``: a MIDI or ABC file path, MIDI bytes, a :class:`Score` or a
        ``symusic.Score``.

        Returns a :class:`TokSequence` (``config.one_token_stream_for_programs``) or a list of
        them, one per track. ``encode_ids`` (default True) also encodes the ids with the trained
        BPE / Unigram / WordPiece model when there is one. ``no_preprocess_score`` (default
        False) skips the preprocessing (:meth:`preprocess_score`: times on the tokenizer's grid,
        values into its ranges), for a score already preprocessed. Raises MidiError for a
        malformed MIDI file, IoError for an unreadable one and TypeError for an object that is
        not a score.

        ``attribute_controls_indexes`` (default None: no control;
        ``{track_idx: {ac_idx: True | [bar_idx, ...]}}``, as made by
        :func:`miditok_cpp.attribute_controls.create_random_ac_indexes`) adds the tokens of
        ``self.attribute_controls[ac_idx]`` to the sequence of track ``track_idx``: track-level
        ones at its start, bar-level ones at the start of each listed bar (True: every bar).
        """
        seqs = TokSequence._from_core(
            self._encode_core(score, no_preprocess_score, attribute_controls_indexes), self._core
        )
        if encode_ids and self.is_trained:
            self.encode_token_ids(seqs)
        return seqs[0] if self.one_token_stream else seqs

    def encode_batch(
        self,
        paths,
        num_threads: int = 0,
        ac_tracks_random_ratio_range=None,
        ac_bars_random_ratio_range=None,
        seed: int | None = None,
    ):
        """Tokenizes the MIDI and ABC files of ``paths`` on C++ threads (GIL released).

        ``num_threads`` (default 0: one per core) sets the threads. Returns
        ``(ids, errors)``: ``errors`` lists ``(path, error message)``; ``ids`` has one entry
        per path, in order: a numpy int32 array of ids (one token stream) or a list of them,
        one per track; ``.tolist()`` gives Python lists. Arrays are handed over without
        copying, so the batch scales with the threads. A trained tokenizer returns the ids of
        its BPE/Unigram/WordPiece model, as ``encode`` does. A file that fails gives
        None and a ``(path, error message)`` entry, without stopping the batch.

        ``ac_tracks_random_ratio_range`` / ``ac_bars_random_ratio_range`` (default None, as
        DatasetMIDI's) add random attribute controls to each file: file ``i`` gets
        ``create_random_ac_indexes(preprocessed score, ..., seed=s_i)``, ``s_i`` being the
        ``i``-th 64-bit draw of ``random.Random(seed)`` (of ``random`` without ``seed``), so
        the result does not depend on the threads.
        """
        paths = [os.fspath(p) for p in paths]
        acs = {}
        if ac_tracks_random_ratio_range or ac_bars_random_ratio_range:
            rng = random if seed is None else random.Random(seed)
            acs = _native_ratio_args(ac_tracks_random_ratio_range, ac_bars_random_ratio_range)
            acs["ac_seeds"] = [rng.getrandbits(64) for _ in paths]
        ids, errors = self._core.encode_batch(paths, num_threads, self._model, **acs)
        if self.one_token_stream:
            ids = [None if x is None else x[0] for x in ids]
        return ids, errors

    def _sequences_for_decode(self, tokens):
        """(kind, list of sequences) from a TokSequence, list of them, ids, array or tensor."""
        if isinstance(tokens, TokSequence):
            tokens = [tokens]
            if not self.one_token_stream:
                tokens = tokens  # a single track
        if isinstance(tokens, list) and tokens and all(isinstance(s, TokSequence) for s in tokens):
            if all(len(s.tokens) > 0 for s in tokens):
                return "tokens", [list(s.tokens) for s in tokens]
            if all(len(s.ids) > 0 or len(s.tokens) == 0 for s in tokens):
                for s in tokens:
                    if s.are_ids_encoded:
                        self.decode_token_ids(s)
                return "ids", [list(_to_list(s.ids)) for s in tokens]
        seq = _to_list(tokens)
        if isinstance(seq, list) and seq and all(isinstance(s, TokSequence) for s in seq):
            return "tokens", [
                list(s.tokens) if s.tokens else self._core.ids_to_tokens(_to_list(s.ids))
                for s in seq
            ]
        kind = "ids"
        first = seq
        while isinstance(first, list) and first:
            first = first[0]
        if isinstance(first, str):
            kind = "tokens"
        elif isinstance(first, Event):
            kind = "tokens"
            seq = _map_nested(seq, str)
        dims = 1
        if isinstance(seq, list) and seq and isinstance(seq[0], list):
            dims = 2
        if self.one_token_stream:
            if dims != 1:
                msg = (
                    "The input sequence does not have the expected dimension "
                    f"({dims} instead of 1)."
                )
                raise _core.TokenError(msg)
            return kind, [seq]
        if dims == 1:
            return kind, [seq]
        return kind, seq

    def decode(self, tokens, programs=None, output_path=None) -> Score:
        """Decodes ``tokens`` into a score at ``time_division`` ticks per quarter note.

        ``tokens`` is a :class:`TokSequence`, a list of them (one per track), ids or token
        strings (nested one level deeper for per-track tokenizers), a numpy array or a tensor.
        ``programs`` (default None) gives the ``(program, is_drum)`` of each track for
        tokenizers whose tokens do not carry programs. ``output_path`` (default None) also
        writes the result there as a MIDI file. Returns a ``symusic.Score`` as MidiTok's when
        symusic is installed, else (or after ``miditok_cpp.set_score_type("miditok_cpp")``) a
        :class:`miditok_cpp.Score`. Raises TokenError for an id out of the vocabulary or a
        sequence of the wrong dimension."""
        kind, seqs = self._sequences_for_decode(tokens)
        # ids of the trained model (any beyond the base vocabulary) are expanded by the C++ decode
        progs = None if programs is None else [(int(p), bool(d)) for p, d in programs]
        score = None
        if kind == "ids":
            # Lists of ints in [0, 2**31) are decoded at once; anything else (None) is checked
            # first (TokenError naming a bad id).
            score = self._core.decode_int_lists(seqs, progs)
            if score is None:
                seqs = _ids.checked_ids(seqs)
        try:
            if score is None:
                core_decode = self._core.decode_ids if kind == "ids" else self._core.decode_tokens
                score = core_decode(seqs, progs)
        except TypeError as err:  # a token that is not a string, a sequence nested wrongly
            raise _core.TokenError(f"cannot decode {type(tokens).__name__}: {err}") from None
        if output_path:
            out = Path(output_path)
            out.parent.mkdir(parents=True, exist_ok=True)
            score.dump_midi(out)
        return _new_score(score)

    def __call__(self, obj, *args, **kwargs):
        """Encodes ``obj`` when it is a path, bytes or a score, decodes it otherwise (MidiTok's
        ``__call__``), passing the other positional ``args`` and keyword ``kwargs`` on to
        :meth:`encode` or :meth:`decode` and returning their result.

        A ``miditoolkit.MidiFile`` (MidiTok's former backend) is converted and encoded, with
        MidiTok's deprecation warning (a UserWarning).
        """
        if isinstance(obj, (str, os.PathLike, bytes, bytearray)) or _as_score(obj) is not None:
            return self.encode(obj, *args, **kwargs)
        if type(obj).__module__.startswith("miditoolkit") and type(obj).__name__ == "MidiFile":
            warnings.warn(
                "You are using a depreciated `miditoolkit.MidiFile` object. MidiTok is now "
                "(>v3.0.0) using symusic.Score as MIDI backend. Your file will be converted on "
                "the fly, however please consider using symusic.",
                stacklevel=2,
            )
            return self.encode(miditoolkit_to_symusic(obj), *args, **kwargs)
        return self.decode(obj, *args, **kwargs)

    def complete_sequence(self, seq: TokSequence, complete_bytes: bool = False) -> None:
        """Fills in place the empty fields of ``seq`` (a :class:`TokSequence`) from the others:
        tokens from its events, ids or bytes, then ids from tokens. ``complete_bytes`` (default
        False) also fills its bytes (the string of the ids' bytes). Returns None."""
        if len(seq.tokens) == 0:
            if len(seq.events) > 0:
                seq.tokens = [str(e) for e in seq.events]
            elif len(seq.ids) > 0:
                seq.tokens = self._core.ids_to_tokens(_to_list(seq.ids))
            elif len(seq.bytes) > 0:
                seq.tokens = [self._vocab_base_byte_to_token[b] for b in seq.bytes]
        if len(seq.ids) == 0:
            seq.ids = self._core.tokens_to_ids(seq.tokens)
        if complete_bytes and len(seq.bytes) == 0:
            seq.bytes = "".join(self._vocab_base_id_to_byte[i] for i in seq.ids)

    def tokens_errors(self, tokens):
        """The ratio of errors in ``tokens`` (a :class:`TokSequence`, a list of them, ids or
        token strings): tokens of a type that may not follow the previous one, times going
        back and notes repeated at the same time, over the number of tokens. Returns a float,
        or a list of them, one per sequence, for per-track tokenizers."""
        if isinstance(tokens, list) and tokens and isinstance(tokens[0], TokSequence):
            return [self.tokens_errors(t) for t in tokens]
        if not isinstance(tokens, TokSequence):
            kind, seqs = self._sequences_for_decode(tokens)
            out = []
            for s in seqs:
                toks = s if kind == "tokens" else self._core.ids_to_tokens(s)
                out.append(self._core.tokens_errors_tokens(toks) if toks else 0)
            return out[0] if self.one_token_stream else out
        if len(tokens) == 0:
            return 0
        self.complete_sequence(tokens)
        return self._core.tokens_errors_tokens(list(tokens.tokens))

    def score_has_time_signatures_not_in_vocab(self, score) -> bool:
        """Whether ``score`` (ours or symusic's) holds a time signature the vocabulary lacks
        (such a score cannot be tokenized faithfully)."""
        return self._core.score_has_time_signatures_not_in_vocab(_as_score(score))

    # ---- pickling, equality ----
    def __getstate__(self):
        return {"params": self.to_dict()}

    def __setstate__(self, state) -> None:
        data = state["params"]
        self._model = None
        self._extra_params = {
            k: data[k] for k in ("_vocab_base", "_model", "_vocab_base_byte_to_token") if k in data
        }
        if "_model" in data:
            self._model = _core.HfTokenizer.from_str(data["_model"])
        self.config = TokenizerConfig.from_serialized_dict(data["config"])
        self._create_core(show_warnings=False)  # unpickling runs no constructor in MidiTok
        _core._set_model(self._core, self._model)
        self._cache_derived()

    def __eq__(self, other) -> bool:
        if not isinstance(other, type(self)):
            return False
        return (
            self._vocab_base == other._vocab_base
            and self.is_trained == other.is_trained
            and self._vocab_base_byte_to_token == other._vocab_base_byte_to_token
            and self.config == other.config
            and (self._model is None or self._model.to_str() == other._model.to_str())
        )

    __hash__ = None  # type: ignore[assignment]  # mutable, unhashable (as MidiTok's)

    def __repr__(self) -> str:
        extra = ", one token stream" if self.one_token_stream else ""
        name, fmt = self._name(), self.io_format
        trained = (
            f"trained with {self._model.model_name}" if self._model is not None else "not trained"
        )
        return f"{name}({len(self)} tokens with {fmt} io format{extra}, {trained})"
