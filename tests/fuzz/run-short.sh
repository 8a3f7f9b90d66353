#!/bin/sh
# run-short.sh [BUILD_DIR [MESON_OPTION...]]: a short fuzzing smoke test for CI
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# When clang is available: configures a fresh fuzz build in BUILD_DIR
# (default: build-fuzz, relative to the current directory), builds the
# targets, and runs each on its seed corpus (tests/fuzz/corpus/TARGET, the
# regression inputs included) for about five seconds. Exits non-zero on any
# crash, leak, timeout or out-of-memory, with the offending input kept in
# BUILD_DIR/fuzz-artifacts/. Without clang it says so and exits 0. Any
# further arguments go to `meson setup` (CI passes -Dwerror=true).
#
# BUILD_DIR is removed first when it is a Meson build directory; any other
# existing path is refused rather than deleted.

set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build-fuzz}
if [ $# -gt 0 ]; then shift; fi
targets="model event rulebook condition snapshot record serve"

if ! command -v clang >/dev/null 2>&1; then
  echo "run-short.sh: clang not found; fuzzing skipped"
  exit 0
fi

if [ -e "$build" ]; then
  if [ -d "$build/meson-private" ]; then
    rm -rf "$build"
  else
    echo "run-short.sh: $build exists and is not a Meson build directory; not removing it" >&2
    exit 2
  fi
fi

# The options of README.md here, with what CI does not need turned off:
# the unit suites run in their own jobs, and introspection would run the
# sanitized library under g-ir-scanner.
CC=clang meson setup "$build" "$top" \
  -Dfuzzing=true -Dtests=false -Dexamples=false -Dintrospection=disabled \
  -Db_sanitize=address,undefined -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link "$@"
ninja -C "$build"

artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
failed=""

for t in $targets; do
  # new inputs go to a scratch directory, so the seed corpus is left alone
  work="$build/fuzz-work/$t"
  mkdir -p "$work"
  set -- -max_total_time=5 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
         -artifact_prefix="$artifacts/$t-"
  # libFuzzer refuses to start on a -dict that does not exist
  if [ -f "$top/tests/fuzz/fuzz-$t.dict" ]; then
    set -- "$@" -dict="$top/tests/fuzz/fuzz-$t.dict"
  fi
  echo "== fuzz-$t"
  if ! "$build/tests/fuzz/fuzz-$t" "$@" "$work" "$top/tests/fuzz/corpus/$t"; then
    failed="$failed fuzz-$t"
  fi
done

if [ -n "$failed" ]; then
  echo "run-short.sh: failed:$failed (inputs in $artifacts)" >&2
  exit 1
fi
echo "run-short.sh: all targets ran clean"
