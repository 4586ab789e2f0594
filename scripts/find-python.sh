#!/usr/bin/env bash
# Print the path of a Python >= 3.12 interpreter, or fail with a clear message.
# Order: $PYTHON, python3.13/python3.12 on PATH, pyenv's installed versions, python3.
set -u
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; }
candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
candidates+=(python3.14 python3.13 python3.12)
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  for v in $(ls -d "$root"/versions/3.1[2-9]* 2>/dev/null | sort -rV); do candidates+=("$v/bin/python"); done
fi
for v in $(ls -d "$HOME"/.pyenv/versions/3.1[2-9]* 2>/dev/null | sort -rV); do candidates+=("$v/bin/python"); done
candidates+=(python3)
for c in "${candidates[@]}"; do
  p=$(command -v "$c" 2>/dev/null) || continue
  if ok "$p"; then echo "$p"; exit 0; fi
done
echo "error: Accueil needs Python 3.12 or newer (Django 6). None was found." >&2
echo "       Install one (e.g. 'pyenv install 3.13') or run: make run PYTHON=/path/to/python3.12" >&2
exit 1
