#!/usr/bin/env bash
# Installs the Debian 12 packages stride builds and tests with, when missing.
set -euo pipefail
packages=(build-essential cmake pkg-config libsqlitecpp-dev libsqlite3-dev sqlite3 libyaml-cpp-dev
          libpugixml-dev libexpat1-dev libcli11-dev libfmt-dev libhowardhinnant-date-dev tzdata zlib1g-dev
          libminizip-dev libxxhash-dev nlohmann-json3-dev catch2 python3 git
          # the man page, completions and the .deb (scripts/package.sh) and their tests
          groff-base man-db mandoc bash-completion zsh fish dpkg-dev
          chromium)  # chromium (large): the browser test of the HTML report
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
