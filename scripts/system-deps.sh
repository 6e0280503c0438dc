#!/usr/bin/env bash
# Installs the Debian packages plenary needs (fonts, HarfBuzz subsetting, gettext, poppler; with
# --test also Chromium for the browser tests). As root it runs apt-get; otherwise it prints the
# exact sudo command and fails, so nothing half-installed goes unnoticed.
set -euo pipefail
packages=(fonts-noto-core fonts-noto-cjk fonts-hosny-amiri libharfbuzz-subset0 gettext poppler-utils)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(chromium)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "plenary needs these Debian/Ubuntu packages, and this machine has no apt-get: ${missing[*]}" >&2
  exit 1
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "plenary needs system packages that are missing. Install them, then run make again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
