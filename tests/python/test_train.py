"""tokenizer.train: bad inputs (clear errors, skipped files reported), iterators, Unigram."""

from __future__ import annotations

import warnings

import pytest
from conftest import corpus_files

import miditok_cpp


def _tok(split="bar"):
    cfg = miditok_cpp.TokenizerConfig(
        num_velocities=16, use_chords=True, use_programs=True, encode_ids_split=split
    )
    return miditok_cpp.REMI(cfg)


def _good_files():
    return corpus_files("one_track")[:6]


def test_vocab_size_below_base_vocab_is_a_config_error(corpus):
    tok = _tok()
    with pytest.raises(miditok_cpp.ConfigError, match="number of base tokens"):
        tok.train(len(tok.vocab) - 5, files_paths=_good_files())
    assert not tok.is_trained


def test_no_data_is_an_error(corpus):
    with pytest.raises(ValueError, match="iterator or a list of paths"):
        _tok().train(1000)


def test_empty_corpus_is_a_config_error(corpus):
    with pytest.raises(miditok_cpp.ConfigError, match="no usable training file"):
        _tok().train(1000, files_paths=[], show_progress=False)
    with pytest.raises(miditok_cpp.ConfigError, match="empty"):
        _tok().train(1000, iterator=[[""]])


def test_only_unreadable_files_is_a_config_error(corpus, tmp_path):
    bad = tmp_path / "bad.mid"
    bad.write_bytes(b"not a midi file")
    with pytest.raises(miditok_cpp.ConfigError, match="1 unreadable"):
        _tok().train(1000, files_paths=[bad, tmp_path / "missing.mid"][:1], show_progress=False)


def test_unreadable_files_are_skipped_and_reported(corpus, tmp_path):
    bad = tmp_path / "bad.mid"
    bad.write_bytes(b"MThd garbage")
    missing = tmp_path / "missing.mid"
    files = [bad, *_good_files(), missing, *corpus_files("corrupted")]
    tok = _tok()
    with pytest.warns(UserWarning, match="could not be read and were skipped"):
        tok.train(800, files_paths=files, show_progress=False)
    skipped = {p for p, _ in tok.training_skipped_files}
    assert str(bad) in skipped and str(missing) in skipped
    assert all(err for _, err in tok.training_skipped_files)
    reference = _tok()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference.train(
            800, files_paths=[*_good_files(), *corpus_files("corrupted")], show_progress=False
        )
    assert tok.is_trained and len(tok) == 800
    assert tok.vocab_model == reference.vocab_model


@pytest.mark.parametrize("split", ["bar", "no"])
def test_iterators_give_the_files_model(corpus, split):
    files = _good_files()
    a, b, c = _tok(split), _tok(split), _tok(split)
    a.train(700, files_paths=files, show_progress=False)
    b.train(700, iterator=miditok_cpp.TokTrainingIterator(b, files))
    it = miditok_cpp.TokTrainingIterator(c, files)
    c.train(700, iterator=[it[i] for i in range(len(it))])  # a plain list of strings per file
    assert a.vocab_model == b.vocab_model == c.vocab_model
    assert a._model.to_str() == c._model.to_str()


def test_retraining_keeps_the_model_and_len(corpus):
    tok = _tok()
    tok.train(700, model="WordPiece", files_paths=_good_files(), show_progress=False)
    tok.train(750, files_paths=_good_files(), show_progress=False)
    assert tok._model.model_name == "WordPiece"
    assert len(tok) == tok._model.vocab_size


def test_unknown_trainer_argument_is_a_type_error(corpus):
    with pytest.raises(TypeError, match="unsupported trainer argument"):
        _tok().train(700, files_paths=_good_files(), not_an_arg=3)


@pytest.mark.parametrize("split", ["bar", "beat"])
def test_unigram_trains_and_round_trips(corpus, split):
    tok = _tok(split)
    files = _good_files()
    tok.train(600, model="Unigram", files_paths=files)
    assert tok.is_trained and tok._model.model_name == "Unigram"
    for path in files:
        enc = tok.encode(path)
        base = tok.encode(path, encode_ids=False)
        assert len(enc.ids) <= len(base.ids)
        tok.decode_token_ids(enc)
        assert list(enc.ids) == list(base.ids), path.name


def test_trained_params_round_trip(corpus, tmp_path):
    tok = _tok()
    tok.train(800, files_paths=_good_files(), show_progress=False)
    tok.save(tmp_path / "t.json")
    loaded = miditok_cpp.REMI(params=tmp_path / "t.json")
    assert loaded.is_trained and len(loaded) == 800
    assert loaded.vocab_model == tok.vocab_model
    path = _good_files()[0]
    assert list(loaded.encode(path).ids) == list(tok.encode(path).ids)
    score = loaded.decode(loaded.encode(path).ids)  # raw model ids decode too
    assert score.note_num() == tok.decode(tok.encode(path, encode_ids=False).ids).note_num()
