#!/usr/bin/env bash
# Sets up a fresh machine for miditok-cpp: Debian packages (when missing), a venv in .venv with
# the pinned Python packages of requirements/dev.txt. Idempotent: a second run takes a second.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(g++ ccache libgtest-dev nlohmann-json3-dev libcli11-dev abcmidi clang clang-format libclang-rt-14-dev
              libbenchmark-dev)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.requirements.sha
want=$(sha256sum requirements/dev.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing pinned Python packages (requirements/dev.txt)"
  .venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v '^WARNING: Location' || true
  .venv/bin/python -m pip install -q -r requirements/dev.txt 2>&1 | grep -v '^WARNING: Location' || true
  .venv/bin/python -c "import miditok, symusic, torch, nanobind" # fails loudly if pip failed
  echo "$want" > "$stamp"
fi
echo "setup: ready (.venv, $(.venv/bin/python --version))"
