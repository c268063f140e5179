"""Hugging Face Hub: local save_pretrained / from_pretrained both ways with MidiTok, and a clear
error (not a hang) when the Hub cannot be reached."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

import miditok_cpp

SEED_CONFIG = {"num_velocities": 16, "use_chords": True, "use_programs": True}


def test_save_and_load_pretrained_locally(tmp_path):
    tokenizer = miditok_cpp.REMI(miditok_cpp.TokenizerConfig(**SEED_CONFIG))
    tokenizer.save_pretrained(tmp_path / "tok")
    assert (tmp_path / "tok" / "tokenizer.json").is_file()
    assert miditok_cpp.REMI.from_pretrained(tmp_path / "tok") == tokenizer
    # The base class picks the class named in the file, as MidiTok's does.
    loaded = miditok_cpp.MusicTokenizer.from_pretrained(tmp_path / "tok" / "tokenizer.json")
    assert type(loaded) is miditok_cpp.REMI and loaded == tokenizer


def test_pretrained_directories_are_interchangeable_with_miditok(tmp_path, miditok_ref):
    ours = miditok_cpp.REMI(miditok_cpp.TokenizerConfig(**SEED_CONFIG))
    theirs = miditok_ref.REMI(miditok_ref.TokenizerConfig(**SEED_CONFIG))
    ours.save_pretrained(tmp_path / "ours")
    theirs.save_pretrained(tmp_path / "theirs")
    assert miditok_ref.REMI.from_pretrained(tmp_path / "ours").vocab == theirs.vocab
    assert miditok_cpp.REMI.from_pretrained(tmp_path / "theirs").vocab == ours.vocab


@pytest.mark.parametrize("call", ["push", "pull"])
def test_unreachable_hub_raises_io_error_quickly(tmp_path, call):
    code = f"""
import miditok_cpp
tokenizer = miditok_cpp.REMI()
try:
    if {call!r} == "push":
        tokenizer.push_to_hub("user/name", private=True, token="hf_fake")
    else:
        miditok_cpp.REMI.from_pretrained("user/name", token="hf_fake")
except miditok_cpp.IoError as error:
    assert isinstance(error, OSError)
    print("IoError:", error)
"""
    env = {**os.environ, "HF_ENDPOINT": "http://127.0.0.1:9", "HF_HOME": str(tmp_path)}
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "IoError:" in out.stdout and "127.0.0.1:9" in out.stdout
    assert time.perf_counter() - start < 60
