"""The package imports without torch or symusic and exposes its typed errors."""

from __future__ import annotations

import subprocess
import sys

import miditok_cpp


def test_version_is_a_string():
    assert isinstance(miditok_cpp.__version__, str)


def test_errors_subclass_value_and_os_errors():
    assert issubclass(miditok_cpp.MidiError, ValueError)
    assert issubclass(miditok_cpp.ConfigError, ValueError)
    assert issubclass(miditok_cpp.TokenError, ValueError)
    assert issubclass(miditok_cpp.IoError, OSError)
    for cls in (miditok_cpp.MidiError, miditok_cpp.IoError):
        assert issubclass(cls, miditok_cpp.MiditokError)


def test_import_needs_neither_torch_nor_symusic():
    code = (
        "import sys; import miditok_cpp; "
        "assert 'torch' not in sys.modules and 'symusic' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_num_threads_is_positive():
    assert miditok_cpp.num_threads() >= 1
