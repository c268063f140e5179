"""An alias package for the peer suite: ``miditok`` and every ``miditok.X`` are miditok_cpp's.

scripts/peer_suite.sh puts this folder first on ``sys.path``. Importing ``miditok`` installs a
meta path finder that answers every ``miditok.<sub>`` import with the module object
``miditok_cpp.<sub>`` (the same object, so classes and isinstance checks are shared), then
replaces itself in ``sys.modules`` by ``miditok_cpp``. The real MidiTok is never imported.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys

_REAL = "miditok_cpp"
_ALIAS = "miditok"


class _AliasFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds ``miditok.<sub>`` as ``miditok_cpp.<sub>``; never falls through to the real one."""

    def find_spec(self, fullname, path=None, target=None):
        if not fullname.startswith(_ALIAS + "."):
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec):
        module = importlib.import_module(_REAL + spec.name[len(_ALIAS) :])
        self._specs = getattr(self, "_specs", {})
        self._specs[spec.name] = module.__spec__
        return module

    def exec_module(self, module):
        # importlib set the alias spec on the shared module object: give it its own back.
        original = self._specs.pop(module.__spec__.name, None)
        if original is not None:
            module.__spec__ = original


sys.meta_path.insert(0, _AliasFinder())
sys.modules[_ALIAS] = importlib.import_module(_REAL)
