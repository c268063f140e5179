"""Conformance of ABC reading and writing with symusic 0.6.0 (through abcmidi's abc2midi /
midi2abc, from PATH, MIDITOK_ABC2MIDI / MIDITOK_MIDI2ABC or symusic's wheel), and the typed errors
when the programs are missing or the text is not ABC."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import corpus_files
from midi_compare import assert_same_score

import miditok_cpp

ABC_FILES = corpus_files("abc", "*.abc")


def _abc_lines(text: str) -> list[str]:
    # midi2abc names its (temporary) input file in the T: line; nothing else may differ.
    return [line for line in text.splitlines() if not line.startswith("T: from")]


@pytest.mark.parametrize("path", ABC_FILES, ids=lambda p: p.name)
def test_abc_matches_symusic(path, corpus, symusic_ref):
    ref = symusic_ref.Score(str(path))
    assert_same_score(ref, miditok_cpp.Score(path), path.name)
    assert_same_score(ref, miditok_cpp.Score.from_file(str(path)), f"{path.name} from_file")
    text = path.read_text()
    assert_same_score(
        symusic_ref.Score.from_abc(text), miditok_cpp.Score.from_abc(text), f"{path.name} text"
    )
    ours = miditok_cpp.Score(path)
    assert _abc_lines(ours.dumps_abc()) == _abc_lines(ref.dumps_abc()), path.name


def test_abc_dump_to_file(corpus, tmp_path):
    score = miditok_cpp.Score(corpus / "multitrack" / "Funkytown.mid")
    out = tmp_path / "x.abc"
    score.dump_abc(out)
    assert out.read_text().startswith("X:")
    assert miditok_cpp.Score(out).note_num() > 0


def test_abc_without_abcmidi_uses_symusics_programs(corpus, monkeypatch, tmp_path, symusic_ref):
    """PATH without abcmidi (no Debian package): symusic's wheel's abc2midi / midi2abc."""
    monkeypatch.delenv("MIDITOK_ABC2MIDI", raising=False)
    monkeypatch.delenv("MIDITOK_MIDI2ABC", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    text = (corpus / "abc" / "rising_sun.abc").read_text()
    assert_same_score(
        symusic_ref.Score.from_abc(text), miditok_cpp.Score.from_abc(text), "no abcmidi on PATH"
    )
    score = miditok_cpp.Score(corpus / "multitrack" / "Funkytown.mid")
    ref = symusic_ref.Score(str(corpus / "multitrack" / "Funkytown.mid"))
    assert _abc_lines(score.dumps_abc()) == _abc_lines(ref.dumps_abc())
    monkeypatch.setenv("MIDITOK_ABC2MIDI", str(tmp_path / "nope"))
    with pytest.raises(OSError, match="abc2midi"):
        miditok_cpp.Score.from_abc("X:1\nK:C\nCDEF|\n")


def test_abc_missing_program_is_a_clear_io_error(tmp_path):
    """Neither the variables, nor PATH, nor symusic (hidden from the child) have the programs."""
    code = (
        "import sys; sys.modules['symusic'] = None\n"
        "import miditok_cpp\n"
        "for call, name in ((lambda: miditok_cpp.Score.from_abc('X:1\\nK:C\\nCDEF|\\n'),"
        " 'abc2midi'), (lambda: miditok_cpp.Score(480).dumps_abc(), 'midi2abc')):\n"
        "    try:\n"
        "        call()\n"
        "    except miditok_cpp.IoError as e:\n"
        "        assert f'{name} not found' in str(e), e\n"
        "    else:\n"
        "        raise SystemExit(f'{name}: no error')\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("MIDITOK_")}
    env["PATH"] = str(tmp_path)
    env["PYTHONPATH"] = str(Path(miditok_cpp.__file__).parents[1])
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr + done.stdout


def test_abc_garbage_raises_midi_error():
    with pytest.raises(miditok_cpp.MidiError, match="abc2midi"):
        miditok_cpp.Score.from_abc("this is not abc at all")
