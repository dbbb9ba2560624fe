#!/usr/bin/env bash
# Install the Debian packages aidcube needs to build and test, when missing
# (strace: t_jobs.sh counts the threads a run starts).
# Used by `make demo`, `make test` and .ci/run.  Needs root (or sudo) only when
# something is missing.
set -eu
pkgs=(build-essential pkg-config libpcre2-dev libpq-dev libxlsxwriter-dev
      zlib1g-dev libzip-dev libexpat1-dev libfreexl-dev libcsv-dev
      postgresql python3 python3-openpyxl libreoffice-calc-nogui poppler-utils
      diffutils unzip zip clang libclang-rt-14-dev
      groff-base man-db mandoc systemd strace)
missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
        || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "aidcube: installing missing Debian packages: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=sudo
    else echo "aidcube: run as root to install: ${missing[*]}" >&2; exit 1; fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >/dev/null || true
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
