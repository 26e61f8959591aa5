#!/usr/bin/env bash
# Builds the Debian package: installs what is missing, builds stride with its
# man page and completions in build/, and runs CPack, which writes
# build/stride_<version>_<arch>.deb (Depends from dpkg-shlibdeps, plus tzdata).
# Then: sudo apt install ./build/stride_*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)" --target stride stride_docs
(cd build && cpack -G DEB)
ls -1 build/stride_*.deb
