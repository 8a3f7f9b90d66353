#!/usr/bin/env bash
# Installs what libresp needs to build and test on Debian 12, as root.
# Safe to run again: apt-get skips what is already there.
set -euo pipefail

packages=(
  build-essential
  meson
  ninja-build
  pkg-config
  libglib2.0-dev
  libglib2.0-bin
  libglib2.0-dev-bin
  libcunit1-dev
  libsoup-3.0-dev
  python3
  gobject-introspection
  libgirepository1.0-dev
  python3-gi
  python3-yaml
)

if [ "${RESP_SETUP_CI:-}" = 1 ]; then
  # CI-only checks: sanitizers (gcc's runtime ships with gcc) and valgrind
  # and the JDK that compiles and runs examples/clients/RespClient.java
  packages+=(valgrind gi-docgen clang libclang-rt-14-dev default-jdk-headless)
fi

if [ "${RESP_SETUP_BENCH:-}" = 1 ]; then
  # benchmarks (meson -Dbenchmarks=true): the SQLite baseline, the checker,
  # and the PostgreSQL baseline with the server it starts for itself
  packages+=(libsqlite3-dev libjson-glib-dev postgresql libpq-dev)
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "tools/setup.sh: run as root (apt-get install)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${packages[@]}"
