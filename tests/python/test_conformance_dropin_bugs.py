"""Side by side with miditok 3.1.0: the three bugs MidiTok's own suite found (issue 17).

- load_tokens reads the token files of CPWord, Octuple and MuMIDI (ids of several vocabularies).
- Training again a tokenizer that was saved and reloaded keeps its model's parameters
  (WordPiece's max_input_chars_per_word) and, with Unigram, learns the model one training gives
  (the reloaded "-unigram" tokens are not new special tokens); ``==`` tells tokenizers with
  different models apart.
- ``tokenizer(torch.Tensor(ids))`` (float ids) decodes as MidiTok decodes it.
"""

from __future__ import annotations

import json

import pytest
from conftest import corpus_files

import miditok_cpp

pytestmark = pytest.mark.conformance

ONE_TRACK = corpus_files("one_track")
MULTITRACK = corpus_files("multitrack")


def _pair(miditok_ref, name: str, **params):
    ref = getattr(miditok_ref, name)(miditok_ref.TokenizerConfig(**params))
    ours = getattr(miditok_cpp, name)(miditok_cpp.TokenizerConfig(**params))
    return ref, ours


def _ids(seq):
    seqs = seq if isinstance(seq, list) else [seq]
    return [list(s.ids) for s in seqs]


@pytest.mark.parametrize("name", ["CPWord", "Octuple", "MuMIDI"])
@pytest.mark.parametrize("multitrack", [False, True], ids=["one_track", "multitrack"])
def test_load_tokens_multi_vocabulary(corpus, miditok_ref, tmp_path, name, multitrack):
    files = MULTITRACK if multitrack else ONE_TRACK
    path = files[0]
    params = {"use_programs": multitrack or name != "CPWord"}
    if name == "CPWord" and multitrack:
        params["one_token_stream_for_programs"] = False
    ref, ours = _pair(miditok_ref, name, **params)
    ref_file, our_file = tmp_path / "ref.json", tmp_path / "ours.json"
    ref.save_tokens(ref.encode(path), ref_file)
    ours.save_tokens(ours.encode(path), our_file)
    assert json.loads(our_file.read_text())["ids"] == json.loads(ref_file.read_text())["ids"], (
        f"{path.name} {name} {params}: saved ids differ"
    )
    # Each library reads the other's file (and its own) into the same sequences.
    for file in (ref_file, our_file):
        expected = _ids(ref.load_tokens(file))
        got = _ids(ours.load_tokens(file))
        assert got == expected, f"{path.name} {name} {params}: load_tokens({file.name}) differs"
    decoded = ours(ours.load_tokens(our_file))
    assert decoded.note_num() > 0


def _train_wordpiece(lib, tokenizer, files, vocab_size):
    tokenizer.train(
        vocab_size=vocab_size, model="WordPiece", files_paths=files, max_input_chars_per_word=150
    )


@pytest.mark.slow
def test_retrain_reloaded_wordpiece_keeps_max_input_chars(corpus, miditok_ref, tmp_path):
    files = ONE_TRACK[:6]
    params = {"encode_ids_split": "beat"}
    ref, ours = _pair(miditok_ref, "TSD", **params)
    _train_wordpiece(miditok_ref, ref, files, 600)
    _train_wordpiece(miditok_cpp, ours, files, 600)
    ref.save(tmp_path / "ref.json")
    ours.save(tmp_path / "ours.json")
    ref = miditok_ref.TSD(params=tmp_path / "ref.json")
    ours = miditok_cpp.TSD(params=tmp_path / "ours.json")
    ref.train(vocab_size=700, files_paths=files)
    ours.train(vocab_size=700, files_paths=files)
    ref_model = json.loads(ref._model.to_str())["model"]
    our_model = json.loads(ours._model.to_str())["model"]
    assert our_model["max_input_chars_per_word"] == ref_model["max_input_chars_per_word"] == 150
    path = files[-1]
    ref_ids, our_ids = _ids(ref.encode(path)), _ids(ours.encode(path))
    assert our_ids == ref_ids, f"{path.name}: ids after retraining differ"
    # Nothing lost on the round trip through the retrained model.
    base = _ids(ours.encode(path, encode_ids=False))
    assert ours.decode(our_ids).note_num() == ours.decode(base).note_num()


def test_equality_compares_models(corpus):
    files = ONE_TRACK[:3]
    config = {"encode_ids_split": "beat"}
    first = miditok_cpp.TSD(miditok_cpp.TokenizerConfig(**config))
    second = miditok_cpp.TSD(miditok_cpp.TokenizerConfig(**config))
    assert first == second
    first.train(vocab_size=400, model="WordPiece", files_paths=files, max_input_chars_per_word=150)
    second.train(vocab_size=400, model="WordPiece", files_paths=files)
    assert first != second  # same vocabulary, not the same max_input_chars_per_word
    third = miditok_cpp.TSD(miditok_cpp.TokenizerConfig(**config))
    third.train(vocab_size=400, model="WordPiece", files_paths=files, max_input_chars_per_word=150)
    assert first == third


def test_float_tensor_ids_decode_as_miditok(corpus, miditok_ref, symusic_ref):
    torch = pytest.importorskip("torch")
    ref, ours = _pair(miditok_ref, "TSD", use_programs=True)  # one token stream
    ids = _ids(ref.encode(ONE_TRACK[0]))[0]
    assert _ids(ours.encode(ONE_TRACK[0]))[0] == ids
    for make in (torch.Tensor, torch.FloatTensor, torch.IntTensor, torch.LongTensor):
        ref_score = ref(make(ids))
        our_score = ours(make(ids))
        ref_notes = ref_score.tracks[0].notes.numpy()
        our_notes = our_score.tracks[0].notes.numpy()
        for key in ("time", "duration", "pitch", "velocity"):
            assert list(our_notes[key]) == list(ref_notes[key]), f"{make.__name__}: {key}"


def _unigram_pieces(tokenizer) -> list[str]:
    return sorted(piece for piece, _ in json.loads(tokenizer._model.to_str())["model"]["vocab"])


def _added_tokens(tokenizer) -> list[str]:
    return [t["content"] for t in json.loads(tokenizer._model.to_str())["added_tokens"]]


def _train_unigram_twice(lib, params, files, tmp_path, tag, **kwargs):
    """One tokenizer trained once to V + 300, one trained to V + 200, saved, reloaded from its
    params file and trained again to V + 300."""
    once = lib.TSD(lib.TokenizerConfig(**params))
    size = len(once) + 200
    once.train(vocab_size=size + 100, model="Unigram", files_paths=files, **kwargs)
    twice = lib.TSD(lib.TokenizerConfig(**params))
    twice.train(vocab_size=size, model="Unigram", files_paths=files, **kwargs)
    twice.save(tmp_path / f"{tag}.json")
    twice = lib.TSD(params=tmp_path / f"{tag}.json")
    twice.train(vocab_size=size + 100, files_paths=files)
    return once, twice


def _check_as_one_training(once, twice, files) -> None:
    assert _added_tokens(twice) == _added_tokens(once)
    assert _unigram_pieces(twice) == _unigram_pieces(once), "pieces after retraining"
    assert len(twice) == len(once)
    for path in files:
        twice_ids, once_ids = _ids(twice.encode(path)), _ids(once.encode(path))
        assert [len(s) for s in twice_ids] == [len(s) for s in once_ids], (
            f"{path.name}: retrained encoding not as long as one training's"
        )
        base = _ids(twice.encode(path, encode_ids=False))
        assert twice.decode(twice_ids).note_num() == twice.decode(base).note_num()


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:miditok - tokenizer.train.*Unigram:UserWarning")
def test_retrain_reloaded_unigram_as_one_training(corpus, miditok_ref, tmp_path):
    """MidiTok learns a Unigram model again from scratch with the special tokens it had: its
    "-unigram" tokens are those (not new ones) and are not in the alphabet. The encodings are
    as long as one training's, and as MidiTok's."""
    files = ONE_TRACK[:4]
    params = {"encode_ids_split": "beat"}
    ref_once, ref_twice = _train_unigram_twice(miditok_ref, params, files, tmp_path, "ref")
    once, twice = _train_unigram_twice(miditok_cpp, params, files, tmp_path, "ours")
    assert _added_tokens(twice) == _added_tokens(ref_twice) == _added_tokens(ref_once)
    assert _unigram_pieces(twice) == _unigram_pieces(ref_twice), "pieces differ from miditok's"
    assert len(twice) == len(ref_twice)
    for path in files:
        ref_len = [len(s) for s in _ids(ref_twice.encode(path))]
        assert [len(s) for s in _ids(twice.encode(path))] == ref_len, f"{path.name}: lengths"
    _check_as_one_training(once, twice, files)


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:miditok - tokenizer.train.*Unigram:UserWarning")
def test_retrain_reloaded_unigram_with_unk_token(corpus, miditok_ref, tmp_path):
    """A Unigram model with an unk token: MidiTok 3.1.0 cannot train it again (IndexError, it
    empties the vocabulary before reading the unk token from it); ours keeps the unk token and
    learns the model of one training."""
    files = ONE_TRACK[:4]
    params = {"encode_ids_split": "beat"}
    with pytest.raises(IndexError):
        _train_unigram_twice(miditok_ref, params, files, tmp_path, "ref", unk_token='!"!')
    once, twice = _train_unigram_twice(
        miditok_cpp, params, files, tmp_path, "ours", unk_token='!"!'
    )
    model = json.loads(twice._model.to_str())["model"]
    assert model["vocab"][model["unk_id"]][0] == '!"!'
    _check_as_one_training(once, twice, files)
