"""The miditok-cpp command-line tool, driven as a user drives it (subprocesses): help and bad
arguments, folders and layout, ids equal to Python's for the same params file, failures and
--keep-going, train / split / decode / info, and `python -m miditok_cpp`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT, corpus_files

import miditok_cpp

CLI = Path(os.environ.get("MIDITOK_CLI", ROOT / "build" / "dev" / "apps" / "miditok-cpp"))
SEED_CONFIG = {"num_velocities": 16, "use_chords": True, "use_programs": True}
COMMANDS = ("tokenize", "train", "split", "decode", "info")


@pytest.fixture(scope="module")
def cli() -> Path:
    if not CLI.exists():
        pytest.fail(f"the CLI is not built at {CLI} (scripts/build.sh builds it; needs CLI11)")
    return CLI


def run(cli: Path, *args, check: bool = False) -> subprocess.CompletedProcess:
    out = subprocess.run(
        [cli, *map(str, args)], capture_output=True, text=True, check=False, timeout=600
    )
    if check and out.returncode != 0:
        pytest.fail(f"miditok-cpp {' '.join(map(str, args))} -> {out.returncode}\n{out.stderr}")
    return out


def save_params(tmp_path: Path, config: dict | None = None, cls=miditok_cpp.REMI) -> Path:
    tokenizer = cls(miditok_cpp.TokenizerConfig(**(config or {})))
    params = tmp_path / "tokenizer.json"
    tokenizer.save(params)
    return params


def python_ids(tokenizer, path: Path):
    """Python's ids of a file, as the token file stores them (one list, or one per track)."""
    encoded = tokenizer.encode(path)
    if isinstance(encoded, list):
        return [seq.ids for seq in encoded]
    return encoded.ids


def test_help_and_version_exit_0(cli):
    out = run(cli, "--help")
    assert out.returncode == 0
    assert all(command in out.stdout for command in COMMANDS)
    for command in COMMANDS:
        sub = run(cli, command, "--help")
        assert sub.returncode == 0, sub.stderr
        assert "Usage: miditok-cpp " + command in sub.stdout
    version = run(cli, "--version")
    assert version.returncode == 0
    assert version.stdout.strip() == f"miditok-cpp {miditok_cpp.__version__}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "subcommand is required"),
        (("frobnicate",), "frobnicate"),
        (("tokenize", "-t", "REMI", "-o", "out", "--threads", "abc", "x.mid"), "'abc'"),
        (("tokenize", "-t", "REMI", "-o", "out", "--threads", "-1", "x.mid"), "'-1'"),
        (("tokenize", "-t", "REMI", "x.mid"), "--out DIR or --store DIR is required"),
        (("tokenize", "-t", "REMI", "-o", "out", "--store", "out", "x.mid"), "excludes"),
        (("tokenize", "-t", "REMI", "-o", "out", "--append", "x.mid"), "--store"),
        (("decode", "-t", "REMI", "-o", "x.mid", "--store", "."), "--index"),
        (("decode", "-t", "REMI", "-o", "x.mid", "--store", ".", "--index", "abc"), "abc"),
        (("info", "--params", "p.json", "x.mid"), "--plot"),
        (("tokenize", "-o", "out", "x.mid"), "--params FILE or --tokenization NAME"),
        (("tokenize", "-t", "REMI", "-o", "out"), "inputs is required"),
        (("tokenize", "-p", "missing.json", "-o", "out", "x.mid"), "missing.json"),
        (("tokenize", "-p", "p.json", "-t", "REMI", "-o", "out", "x.mid"), "excludes"),
        (("tokenize", "-t", "NoSuchTokenizer", "-o", "out", "x.mid"), "NoSuchTokenizer"),
        (("tokenize", "-t", "REMI", "-o", "out", "--progress", "fancy", "x.mid"), "fancy"),
        (("tokenize", "-t", "REMI", "-o", "out", "--ext", "", "x.mid"), "empty extension"),
        (("train", "-t", "REMI", "-o", "t.json", "-s", "abc", "x.mid"), "abc"),
        (("train", "-t", "REMI", "-o", "t.json", "-s", "1000", "-m", "GPT", "x.mid"), "GPT"),
        (("train", "-t", "REMI", "-o", "t.json", "-s", "10", "x.mid"), "base tokens"),
        (("train", "-t", "Octuple", "-o", "t.json", "-s", "9000", "x.mid"), "Octuple"),
        (("split", "-t", "REMI", "-o", "out", "-l", "zero", "x.mid"), "zero"),
        (("decode", "-t", "REMI", "x.json"), "--out is required"),
        (("info", "--bogus", "x.mid"), "--bogus"),
    ],
)
def test_bad_arguments_give_a_message_and_exit_2(cli, tmp_path, args, message):
    (tmp_path / "p.json").write_text("{}")
    out = subprocess.run(
        [cli, *args], capture_output=True, text=True, cwd=tmp_path, check=False, timeout=60
    )
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert message in out.stderr, out.stderr
    assert not (tmp_path / "out").exists()


def test_tokenize_folders_recursive_layout_kept_ids_equal_python(cli, corpus, tmp_path):
    params = save_params(tmp_path, SEED_CONFIG)
    tokenizer = miditok_cpp.REMI(params=params)
    data = tmp_path / "data"
    one, multi = corpus_files("one_track")[:2], corpus_files("multitrack")[:2]
    # Two song.mid in different folders, a deeper folder, an upper-case extension, a text file.
    (data / "a").mkdir(parents=True)
    (data / "b" / "deep").mkdir(parents=True)
    shutil.copy(one[0], data / "a" / "song.mid")
    shutil.copy(one[1], data / "b" / "song.mid")
    shutil.copy(multi[0], data / "b" / "deep" / "multi.MIDI")
    shutil.copy(multi[1], data / "top.mid")
    (data / "a" / "notes.txt").write_text("not music")
    out = run(cli, "tokenize", "-p", params, "-o", tmp_path / "out", data, check=True)
    assert "tokenized 4 files, 0 skipped" in out.stdout
    written = sorted(
        p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")
    )
    assert written == [
        "a", "a/song.json", "b", "b/deep", "b/deep/multi.json", "b/song.json", "top.json"
    ]  # fmt: skip
    for source, json_file in [
        (data / "a" / "song.mid", "a/song.json"),
        (data / "b" / "song.mid", "b/song.json"),
        (data / "b" / "deep" / "multi.MIDI", "b/deep/multi.json"),
        (data / "top.mid", "top.json"),
    ]:
        saved = json.loads((tmp_path / "out" / json_file).read_text())
        assert saved["ids"] == python_ids(tokenizer, source), json_file
        assert saved["ids_encoded"] is False


def test_tokenize_ids_equal_python_per_track_and_miditok(cli, corpus, miditok_ref, tmp_path):
    """Multi-stream (one sequence per track) params: ids equal ours and miditok's."""
    params = save_params(tmp_path, {"use_tempos": True, "use_time_signatures": True})
    files = corpus_files("multitrack")[:3]
    run(cli, "tokenize", "-p", params, "-o", tmp_path / "out", *files, check=True)
    ours, theirs = miditok_cpp.REMI(params=params), miditok_ref.REMI(params=params)
    for path in files:
        saved = json.loads((tmp_path / "out" / f"{path.stem}.json").read_text())["ids"]
        assert saved == python_ids(ours, path), path.name
        assert saved == python_ids(theirs, path), path.name


def test_files_from_different_folders_never_collide(cli, corpus, tmp_path):
    params = save_params(tmp_path)
    one = corpus_files("one_track")
    for i, folder in enumerate(("x/song", "y/song", "z")):
        (tmp_path / folder).mkdir(parents=True)
        shutil.copy(one[i], tmp_path / folder / "song.mid")
    shutil.copy(one[3], tmp_path / "z" / "song.midi")  # same stem, same folder: one is skipped
    args = [tmp_path / "x" / "song" / "song.mid", tmp_path / "y" / "song", tmp_path / "z"]
    out = run(cli, "tokenize", "-p", params, "-o", tmp_path / "out", *args)
    assert out.returncode == 1
    assert "tokenized 3 files, 1 skipped" in out.stdout
    assert "song.midi: its output" in out.stderr and "is already the output of" in out.stderr
    for rel in ("x/song/song.json", "y/song/song.json", "z/song.json"):
        assert (tmp_path / "out" / rel).is_file(), rel


def test_failures_are_counted_and_keep_going_exits_0(cli, corpus, tmp_path):
    params = save_params(tmp_path)
    good = corpus_files("one_track")[:3]
    bad = corpus_files("corrupted")
    missing = tmp_path / "missing.mid"
    args = ["tokenize", "-p", params, "-o", tmp_path / "out", *good, *bad, missing]
    out = run(cli, *args)
    assert out.returncode == 1
    assert f"tokenized {len(good)} files, {len(bad) + 1} skipped" in out.stdout
    for path in bad:
        assert f"skipped {path}: " in out.stderr
    assert f"skipped {missing}: no such file or folder" in out.stderr
    assert sorted(p.name for p in (tmp_path / "out" / "one_track").iterdir()) == sorted(
        f"{p.stem}.json" for p in good
    )
    kept = run(cli, *args, "--keep-going")
    assert kept.returncode == 0
    assert f"{len(bad) + 1} skipped" in kept.stdout


def test_progress_lines_when_not_a_terminal(cli, corpus, tmp_path):
    params = save_params(tmp_path)
    out = run(
        cli, "tokenize", "-p", params, "-o", tmp_path / "out", corpus / "one_track", check=True
    )
    n = len(corpus_files("one_track"))
    assert f"tokenize: {n}/{n} files (100%)" in out.stderr and "files/s" in out.stderr
    assert "\x1b[K" not in out.stderr
    bar = run(cli, "tokenize", "-p", params, "-o", tmp_path / "o2", corpus / "one_track",
              "--progress", "bar", check=True)  # fmt: skip
    assert "\x1b[K" in bar.stderr and "#" in bar.stderr
    quiet = run(cli, "tokenize", "-p", params, "-o", tmp_path / "o3", corpus / "one_track",
                "--progress", "none", "--threads", "1", check=True)  # fmt: skip
    assert quiet.stderr == ""


@pytest.mark.parametrize("model", ["BPE", "Unigram", "WordPiece"])
def test_train_writes_params_python_and_miditok_load(cli, corpus, miditok_ref, tmp_path, model):
    """The params file `train` writes is MidiTok's: miditok and miditok_cpp load the same
    trained vocabulary, and `tokenize` with it gives Python's (model-encoded) ids."""
    base = save_params(tmp_path, {"use_programs": True})
    trained = tmp_path / "trained.json"
    out = run(cli, "train", "-p", base, "-m", model, "-s", "800", "-o", trained,
              corpus / "one_track", corpus / "multitrack", check=True)  # fmt: skip
    n = len(corpus_files("one_track")) + len(corpus_files("multitrack"))
    assert f"trained on {n} files, 0 skipped, {model} vocabulary of" in out.stdout
    ours, theirs = miditok_cpp.REMI(params=trained), miditok_ref.REMI(params=trained)
    assert ours.is_trained and theirs.is_trained
    assert ours.vocab_model == theirs._model.get_vocab()
    files = corpus_files("multitrack")[:2] + corpus_files("one_track")[:2]
    expected = {path: python_ids(ours, path) for path in files}
    for path in files[:2]:
        assert expected[path] == python_ids(theirs, path), path.name
    run(cli, "tokenize", "-p", trained, "-o", tmp_path / "out", *files, check=True)
    for path in files:
        saved = json.loads((tmp_path / "out" / path.parent.name / f"{path.stem}.json").read_text())
        assert saved["ids_encoded"] is True
        assert saved["ids"] == expected[path], path.name
    info = run(cli, "info", trained, check=True)
    assert f"trained {model}" in info.stdout
    run(cli, "decode", "-p", trained, "-o", tmp_path / "midi", tmp_path / "out", check=True)
    for path in files:
        decoded = miditok_cpp.Score(tmp_path / "midi" / path.parent.name / f"{path.stem}.mid")
        assert decoded == ours.decode(expected[path]), path.name  # Python's decode of the ids


def test_decode_token_files_back_to_midi(cli, corpus, tmp_path):
    params = save_params(tmp_path, SEED_CONFIG)
    tokenizer = miditok_cpp.REMI(params=params)
    files = corpus_files("multitrack")[:2]
    run(cli, "tokenize", "-p", params, "-o", tmp_path / "tok", *files, check=True)
    out = run(cli, "decode", "-p", params, "-o", tmp_path / "midi", tmp_path / "tok", check=True)
    assert "decoded 2 files, 0 skipped" in out.stdout
    for path in files:
        decoded = miditok_cpp.Score(tmp_path / "midi" / f"{path.stem}.mid")
        assert decoded == tokenizer.decode(tokenizer.encode(path))
    single = tmp_path / "one.mid"
    run(cli, "decode", "-p", params, "-o", single, tmp_path / "tok" / f"{files[0].stem}.json",
        check=True)  # fmt: skip
    assert miditok_cpp.Score(single) == tokenizer.decode(tokenizer.encode(files[0]))
    (tmp_path / "tok" / "broken.json").write_text('{"ids": [1, "x"]}')
    bad = run(cli, "decode", "-p", params, "-o", tmp_path / "m2", tmp_path / "tok")
    assert bad.returncode == 1 and "broken.json" in bad.stderr and "not a token id" in bad.stderr


def test_split_equals_python_split_files_for_training(cli, corpus, tmp_path):
    params = save_params(tmp_path)
    tokenizer = miditok_cpp.REMI(params=params)
    files = corpus_files("one_track")[:4] + corpus_files("multitrack")[:2]
    out = run(cli, "split", "-p", params, "-o", tmp_path / "cli", "-l", "300", *files, check=True)
    assert f"split {len(files)} files, 0 skipped" in out.stdout
    chunks = miditok_cpp.utils.split_files_for_training(files, tokenizer, tmp_path / "py", 300)
    expected = sorted(p.relative_to(tmp_path / "py").as_posix() for p in chunks)
    got = sorted(
        p.relative_to(tmp_path / "cli").as_posix() for p in (tmp_path / "cli").rglob("*.mid")
    )
    assert got == expected and len(got) > len(files)
    for rel in expected:
        assert (tmp_path / "cli" / rel).read_bytes() == (tmp_path / "py" / rel).read_bytes(), rel


def test_info_files_and_params(cli, corpus, tmp_path):
    params = save_params(tmp_path)
    files = corpus_files("one_track")[:2]
    out = run(cli, "info", *files, params, corpus / "corrupted")
    assert out.returncode == 1
    for path in files:
        score = miditok_cpp.Score(path)
        assert f"{path}: tpq {score.ticks_per_quarter}, {len(score.tracks)} tracks" in out.stdout
    assert f"{params}: REMI tokenizer" in out.stdout and "not trained" in out.stdout
    assert "described 3 files, 1 skipped" in out.stdout
    assert "ValueError_Control168.mid" in out.stderr


def read_store(store: Path) -> tuple[dict, list[list[int]]]:
    """The manifest and every document of a token store, read as a user without miditok_cpp
    would: the manifest's JSON and each shard with plain np.load(mmap_mode="r")."""
    manifest = json.loads((store / "manifest.json").read_text())
    documents = []
    for shard in manifest["shards"]:
        ids = np.load(store / shard["ids"], mmap_mode="r")
        offsets = np.load(store / shard["offsets"], mmap_mode="r")
        assert ids.dtype.kind == "u" and offsets.dtype == np.int64
        documents += [ids[offsets[d] : offsets[d + 1]].tolist() for d in range(len(offsets) - 1)]
    return manifest, documents


def flat_documents(tokenizer, path: Path) -> list[list[int]]:
    """Python's ids of a file as store documents: one per token stream."""
    ids = python_ids(tokenizer, path)
    return ids if not tokenizer.one_token_stream else [ids]


@pytest.mark.parametrize("trained", [False, True], ids=["per_track", "bpe"])
def test_tokenize_to_store_ids_equal_python_append_info_decode(cli, corpus, tmp_path, trained):
    if trained:
        base = save_params(tmp_path, SEED_CONFIG)
        params = tmp_path / "trained.json"
        run(cli, "train", "-p", base, "-m", "BPE", "-s", "800", "-o", params,
            corpus / "one_track", check=True)  # fmt: skip
    else:
        params = save_params(tmp_path)  # default REMI: one sequence per track
    tokenizer = miditok_cpp.REMI(params=params)
    assert tokenizer.is_trained == trained
    files = corpus_files("one_track")[:3] + corpus_files("multitrack")[:2]
    bad = corpus_files("corrupted")[0]
    store = tmp_path / "store"
    out = run(cli, "tokenize", "-p", params, "--store", store, *files[:4], bad)
    assert out.returncode == 1, out.stderr
    assert "tokenized 4 files, 1 skipped into the token store" in out.stdout
    assert f"skipped {bad}: " in out.stderr
    again = run(cli, "tokenize", "-p", params, "--store", store, files[4])
    assert again.returncode == 2 and "--append" in again.stderr
    run(cli, "tokenize", "-p", params, "--store", store, "--append", files[4], check=True)

    manifest, documents = read_store(store)
    expected = [doc for path in files for doc in flat_documents(tokenizer, path)]
    assert documents == expected
    assert [f["path"] for f in manifest["files"]] == [str(p) for p in [*files[:4], bad, files[4]]]
    assert manifest["dtype"] == "<u2" and len(manifest["shards"]) == 2
    tokens = sum(map(len, expected))

    info = run(cli, "info", store, check=False)
    assert info.returncode == 0, info.stderr
    assert (
        f"{store}: token store, {len(expected)} documents, {tokens} tokens, dtype <u2, "
        f"vocab {tokenizer.vocab_size}, 2 shards, 6 files, 1 errors"
    ) in info.stdout
    assert f"  error {bad}: " in info.stdout

    last = len(expected) - 1
    midi = tmp_path / "doc.mid"
    done = run(cli, "decode", "-p", params, "--store", store, "--index", last, "-o", midi)
    assert done.returncode == 0, done.stderr
    doc = expected[last] if tokenizer.one_token_stream else [expected[last]]
    assert miditok_cpp.Score(midi) == tokenizer.decode(doc)
    out_of_range = run(cli, "decode", "-p", params, "--store", store, "--index", last + 1,
                       "-o", midi)  # fmt: skip
    assert out_of_range.returncode == 2 and f"holds {last + 1} documents" in out_of_range.stderr
    (tmp_path / "other").mkdir()
    other = save_params(tmp_path / "other", {"num_velocities": 8})
    wrong = run(cli, "decode", "-p", other, "--store", store, "--index", 0, "-o", midi)
    assert wrong.returncode == 2 and "another tokenizer" in wrong.stderr
    (store / manifest["shards"][1]["ids"]).write_bytes(b"\x93NUMPY")  # truncated shard
    broken = run(cli, "info", store)
    assert broken.returncode == 1 and "described 0 files, 1 skipped" in broken.stdout


def png_pixels(path: Path) -> np.ndarray:
    import matplotlib.image

    assert path.is_file() and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return matplotlib.image.imread(path)[..., :3]


def test_info_plot_runs_python_pianoroll_and_report(cli, corpus, tmp_path):
    venv_bin = Path(sys.executable).parent  # its python3 has our deps; PYTHONPATH finds us
    env = {**os.environ, "PATH": f"{venv_bin}{os.pathsep}{os.environ.get('PATH', '')}",
           "PYTHONPATH": str(ROOT / "python")}  # fmt: skip
    env.pop("MIDITOK_PYTHON", None)
    files = corpus_files("multitrack")[:3]

    def info(*args, environ=env):
        return subprocess.run([cli, "info", *map(str, args)], capture_output=True, text=True,
                              env=environ, check=False, timeout=600)  # fmt: skip

    roll = tmp_path / "roll.png"
    out = info("--plot", roll, files[0])
    assert out.returncode == 0, out.stderr
    pixels = png_pixels(roll)
    assert pixels.shape[0] > 100 and pixels.shape[1] > 100
    assert (pixels < 0.9).any(axis=-1).mean() > 0.01  # notes and axes drawn, not a blank page
    params = save_params(tmp_path)
    report = tmp_path / "report.png"
    out = info("--plot", report, "--params", params, *files)
    assert out.returncode == 0, out.stderr
    assert (png_pixels(report) < 0.9).any(axis=-1).mean() > 0.01
    assert png_pixels(report).shape != pixels.shape

    many = info("--plot", tmp_path / "x.png", *files)
    assert many.returncode == 2 and "--params" in many.stderr
    empty = tmp_path / "empty_bin"
    empty.mkdir()
    no_python = info("--plot", tmp_path / "x.png", files[0], environ={**env, "PATH": str(empty)})
    assert no_python.returncode == 1
    assert "cannot run `python3 -m miditok_cpp.plot`" in no_python.stderr
    assert "miditok-cpp[plot]" in no_python.stderr
    bare = {k: v for k, v in env.items() if k != "PYTHONPATH"}
    no_package = info("--plot", tmp_path / "x.png", files[0], environ=bare)
    assert no_package.returncode == 1 and "No module named 'miditok_cpp'" in no_package.stderr
    assert "failed (exit 1)" in no_package.stderr and "miditok-cpp[plot]" in no_package.stderr
    assert not (tmp_path / "x.png").exists()


def test_python_dash_m_runs_the_binary(cli):
    env = {**os.environ, "MIDITOK_CLI": str(cli), "PYTHONPATH": str(ROOT / "python")}
    out = subprocess.run(
        [sys.executable, "-m", "miditok_cpp", "--version"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"miditok-cpp {miditok_cpp.__version__}"
    bad = subprocess.run(
        [sys.executable, "-m", "miditok_cpp", "tokenize", "--threads", "abc"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert bad.returncode == 2 and "'abc'" in bad.stderr
