#!/usr/bin/env bash
# Prints the first Python >= 3.12 on this machine (pyenv's, via .python-version, counts).
for candidate in python3.14 python3.13 python3.12 python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
    command -v "$candidate"
    exit 0
  fi
done
exit 1
