#!/bin/sh
# campaign.sh SECONDS [TARGET...]: a fuzzing campaign beyond CI's seconds
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Builds the fuzz targets (clang, libFuzzer, ASan and UBSan) in
# build-fuzz-campaign unless it is there already, runs each TARGET (default:
# all of them) for SECONDS on a scratch copy of its corpus, then merges what
# was found into tests/fuzz/corpus/TARGET (libFuzzer's -merge=1 keeps only
# the inputs that add coverage). Prints, per target, the executions, the
# coverage and the corpus size, the lines docs/fuzzing.md collects. Exits
# non-zero on any crash, leak, timeout or out-of-memory, the input kept in
# build-fuzz-campaign/fuzz-artifacts/.

set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
build="$top/build-fuzz-campaign"
seconds=${1:?usage: campaign.sh SECONDS [TARGET...]}
shift
targets=${*:-"model event rulebook condition snapshot record"}

if ! command -v clang >/dev/null 2>&1; then
  echo "campaign.sh: clang not found" >&2
  exit 2
fi
if [ ! -d "$build/meson-private" ]; then
  CC=clang meson setup "$build" "$top" \
    -Dfuzzing=true -Dtests=false -Dexamples=false -Dintrospection=disabled \
    -Db_sanitize=address,undefined -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link
fi
ninja -C "$build"

artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
failed=""
for t in $targets; do
  work="$build/fuzz-work/$t"
  log="$build/fuzz-$t.log"
  rm -rf "$work"
  mkdir -p "$work"
  set -- -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
         -artifact_prefix="$artifacts/$t-"
  if [ -f "$top/tests/fuzz/fuzz-$t.dict" ]; then
    set -- "$@" -dict="$top/tests/fuzz/fuzz-$t.dict"
  fi
  if ! "$build/tests/fuzz/fuzz-$t" "$@" "$work" "$top/tests/fuzz/corpus/$t" >"$log" 2>&1; then
    failed="$failed fuzz-$t"
    tail -n 30 "$log" >&2
    continue
  fi
  # keep what adds coverage, in the corpus the CI runs start from
  "$build/tests/fuzz/fuzz-$t" -merge=1 "$top/tests/fuzz/corpus/$t" "$work" >>"$log" 2>&1
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  echo "fuzz-$t: $seconds s, $execs executions, cov $cov, corpus $(ls "$top/tests/fuzz/corpus/$t" | wc -l) files"
done

if [ -n "$failed" ]; then
  echo "campaign.sh: failed:$failed (inputs in $artifacts)" >&2
  exit 1
fi
