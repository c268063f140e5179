"""Token files against miditok 3.1.0: tokenize_dataset writes the same files (names, folders, JSON
text), save_tokens the same JSON, each side's load_tokens reads the other's files, and DatasetJSON
over them gives the same items. Files miditok cannot read are skipped by both; we report them."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest
from conftest import corpus_files

import miditok_cpp as mc

SEED = {"num_velocities": 16, "use_chords": True, "use_programs": True}
CONFIGS = {
    "REMI seed": ("REMI", SEED),
    "REMI per track": ("REMI", {**SEED, "use_programs": False}),
    "TSD per track": ("TSD", {"use_tempos": True, "use_time_signatures": True}),
}
MIDI = corpus_files("one_track") + corpus_files("multitrack")
ABC = corpus_files("abc", "*.abc")


def _pair(miditok_ref, name, kwargs):
    ours = getattr(mc, name)(mc.TokenizerConfig(**kwargs))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = getattr(miditok_ref, name)(miditok_ref.TokenizerConfig(**kwargs))
    return ours, ref


def _ref_tokenize(ref, files, out, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref.tokenize_dataset(files, out, **kwargs)


def _valid(score) -> bool:
    """A validation_fn (module level: miditok's worker processes pickle it)."""
    return len(score.tracks) > 1 and score.ticks_per_quarter >= 96


def _json_files(folder: Path) -> list[Path]:
    return sorted(p.relative_to(folder) for p in folder.rglob("*.json"))


def assert_same_outputs(ours_dir: Path, ref_dir: Path, what: str) -> None:
    names_ours, names_ref = _json_files(ours_dir), _json_files(ref_dir)
    assert names_ours == names_ref, (
        f"{what}: only ours {sorted(set(names_ours) - set(names_ref))[:5]}, "
        f"only miditok's {sorted(set(names_ref) - set(names_ours))[:5]}"
    )
    for name in names_ref:
        got, want = (ours_dir / name).read_text(), (ref_dir / name).read_text()
        if got != want:
            at = next(i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b)
            pytest.fail(
                f"{what}: {name} differs at character {at}: ours {got[at - 40 : at + 40]!r} "
                f"vs miditok {want[at - 40 : at + 40]!r}"
            )


@pytest.mark.parametrize("config", list(CONFIGS))
def test_tokenize_dataset_same_files_as_miditok(corpus, miditok_ref, tmp_path, config):
    ours, ref = _pair(miditok_ref, *CONFIGS[config])
    files = MIDI + ABC  # three folders: the output keeps them under the common root
    errors = ours.tokenize_dataset(files, tmp_path / "ours", verbose=False)
    _ref_tokenize(ref, files, tmp_path / "ref")
    assert errors == []
    assert len(_json_files(tmp_path / "ours")) == len(files)
    assert_same_outputs(tmp_path / "ours", tmp_path / "ref", f"{config}, tokenize_dataset")


def test_tokenize_dataset_folder_tree_and_bad_files(corpus, miditok_ref, tmp_path):
    """A folder as input: its sub-folders are kept; unreadable files are skipped and reported."""
    data = tmp_path / "data"
    for folder in ("one_track", "multitrack", "corrupted"):
        shutil.copytree(corpus / folder, data / folder)
    (data / "multitrack" / "deeper").mkdir()
    shutil.copy(MIDI[0], data / "multitrack" / "deeper" / "copy.MID")
    (data / "one_track" / "garbage.mid").write_bytes(b"MThd this is no MIDI file")
    (data / "one_track" / "notes.txt").write_text("not a music file")
    ours, ref = _pair(miditok_ref, *CONFIGS["REMI per track"])
    with pytest.warns(UserWarning, match=r"2 of \d+ files could not be tokenized"):
        errors = ours.tokenize_dataset(data, tmp_path / "ours")
    _ref_tokenize(ref, data, tmp_path / "ref")
    assert sorted(Path(p).name for p, _ in errors) == ["ValueError_Control168.mid", "garbage.mid"]
    assert all(msg for _, msg in errors)
    assert (tmp_path / "ours" / "multitrack" / "deeper" / "copy.json").is_file()
    assert_same_outputs(tmp_path / "ours", tmp_path / "ref", "folder input")


def test_tokenize_dataset_str_folder_and_mixed_depths(corpus, miditok_ref, tmp_path):
    """Where miditok fails (a str folder; files at mixed depths), we write the files."""
    data = tmp_path / "data"
    (data / "sub").mkdir(parents=True)
    shutil.copy(MIDI[0], data / "a.mid")
    shutil.copy(MIDI[1], data / "sub" / "b.mid")
    _, ref = _pair(miditok_ref, *CONFIGS["REMI seed"])
    with pytest.raises(AttributeError):  # a str is taken for a list of paths, str has no resolve
        _ref_tokenize(ref, str(data), tmp_path / "r1")
    with pytest.raises(IndexError):  # get_deepest_common_subdir walks past the shallower file
        _ref_tokenize(ref, [data / "a.mid", data / "sub" / "b.mid"], tmp_path / "r2")
    tok = mc.REMI(mc.TokenizerConfig(**SEED))
    assert tok.tokenize_dataset(str(data), tmp_path / "o1", verbose=False) == []
    assert _json_files(tmp_path / "o1") == [Path("a.json"), Path("sub/b.json")]
    tok.tokenize_dataset([str(data / "a.mid"), data / "sub" / "b.mid"], tmp_path / "o2")
    assert _json_files(tmp_path / "o2") == [Path("a.json"), Path("sub/b.json")]


def test_no_overwrite_and_validation_fn(corpus, miditok_ref, tmp_path):
    ours, ref = _pair(miditok_ref, *CONFIGS["REMI seed"])
    files = MIDI[:6] + corpus_files("multitrack")[:4]

    for _ in range(2):  # the second run must not overwrite: <stem>_1.json
        ours.tokenize_dataset(
            files,
            tmp_path / "ours",
            overwrite_mode=False,
            validation_fn=lambda s: _valid(s),  # ours takes any callable, even a lambda
            verbose=False,
        )
        _ref_tokenize(ref, files, tmp_path / "ref", overwrite_mode=False, validation_fn=_valid)
    names = _json_files(tmp_path / "ours")
    assert any(n.stem.endswith("_1") for n in names)
    assert 0 < len(names) < 2 * len(files)
    assert_same_outputs(tmp_path / "ours", tmp_path / "ref", "no overwrite, validation_fn")


def test_trained_tokenizer_writes_model_ids(corpus, miditok_ref, tmp_path):
    ours, ref = _pair(miditok_ref, *CONFIGS["REMI seed"])
    files = MIDI[:6]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref.train(vocab_size=len(ref) + 300, model="BPE", files_paths=files)
    ref.save(tmp_path / "tok.json")
    ours = mc.REMI(params=tmp_path / "tok.json")
    assert ours.is_trained
    ours.tokenize_dataset(files, tmp_path / "ours", verbose=False)
    _ref_tokenize(ref, files, tmp_path / "ref")
    assert_same_outputs(tmp_path / "ours", tmp_path / "ref", "trained BPE")
    seq = ours.load_tokens(tmp_path / "ref" / f"{files[0].stem}.json")
    assert seq.are_ids_encoded


@pytest.mark.parametrize("config", list(CONFIGS))
def test_save_tokens_and_load_tokens_both_ways(corpus, miditok_ref, tmp_path, config):
    ours, ref = _pair(miditok_ref, *CONFIGS[config])
    for path in MIDI[::3]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ref_tokens = ref.encode(path)
        programs = [(0, False), (33, True)]
        ours.save_tokens(ours.encode(path), tmp_path / "ours.json", programs, extra="x")
        ref.save_tokens(ref_tokens, tmp_path / "ref.json", programs, extra="x")
        got, want = (tmp_path / "ours.json").read_text(), (tmp_path / "ref.json").read_text()
        assert got == want, f"{config}, {path.name}: save_tokens {got[:120]} vs {want[:120]}"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ref_read = ref.load_tokens(tmp_path / "ours.json")
        ours_read = ours.load_tokens(tmp_path / "ref.json")
        if ours.one_token_stream:
            ref_read, ours_read = [ref_read], [ours_read]
        assert [s.ids for s in ours_read] == [s.ids for s in ref_read], f"{config}, {path.name}"
        assert ours.load_tokens(tmp_path / "ref.json", raw=True) == ref.load_tokens(
            tmp_path / "ref.json", raw=True
        )
    # ids given as lists / arrays save the same way
    ids = [[4, 5, 6], [7]] if not ours.one_token_stream else [4, 5, 6]
    ours.save_tokens(ids, tmp_path / "a.json")
    ref.save_tokens(ids, tmp_path / "b.json")
    assert (tmp_path / "a.json").read_text() == (tmp_path / "b.json").read_text()


def test_dataset_json_same_items(corpus, miditok_ref, tmp_path):
    pytest.importorskip("torch")
    from miditok.pytorch_data import DatasetJSON as RefDatasetJSON

    from miditok_cpp.pytorch_data import DatasetJSON

    ours, ref = _pair(miditok_ref, *CONFIGS["REMI seed"])
    ours.tokenize_dataset(MIDI, tmp_path / "ours", verbose=False)
    _ref_tokenize(ref, MIDI, tmp_path / "ref")
    files_ours = sorted((tmp_path / "ours").rglob("*.json"))
    files_ref = sorted((tmp_path / "ref").rglob("*.json"))
    assert [p.name for p in files_ours] == [p.name for p in files_ref]

    def items(dataset):
        return [dataset[i]["input_ids"].tolist() for i in range(len(dataset))]

    for max_len, bos, eos in ((512, 1, 2), (100000, None, None), (64, None, 2), (100000, 1, 2)):
        # each library's DatasetJSON reads both sides' files alike
        ours_items = items(DatasetJSON(files_ours, max_len, bos, eos))
        assert ours_items == items(DatasetJSON(files_ref, max_len, bos, eos)), max_len
        ref_items = items(RefDatasetJSON(files_ref, max_len, bos, eos))
        assert ref_items == items(RefDatasetJSON(files_ours, max_len, bos, eos)), max_len
        # and both give the same items; miditok takes the BOS/EOS room twice when it truncates
        # (docs/differences.md #28), so its max_seq_len is that much larger for the same cut
        room = (bos is not None) + (eos is not None)
        ref_same_cut = items(RefDatasetJSON(files_ref, max_len + room, bos, eos))
        for name, got, want in zip(files_ref, ours_items, ref_same_cut, strict=True):
            assert got == want, f"{name.name}, max_seq_len {max_len}: {got[:8]} vs {want[:8]}"
