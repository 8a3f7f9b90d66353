#!/bin/sh
# Generates S, M and L and measures what bench/README.md reports: the
# generator's time, the counts, and `resp validate`'s wall time and peak
# RSS (GNU time). Usage, from the source root after building with
# -Dbenchmarks=true:
#
#   bench/measure.sh BUILDDIR [OUTDIR] [SEED]
#
# BUILDDIR holds bench/resp-gen and tools/resp/resp (set RESP to use
# another resp); OUTDIR (default /tmp) receives resp-{S,M,L}.json and
# resp-{S,M,L}-events.jsonl.
set -eu

build=${1:?usage: bench/measure.sh BUILDDIR [OUTDIR] [SEED]}
out=${2:-/tmp}
seed=${3:-1}
gen="$build/bench/resp-gen"
resp=${RESP:-"$build/tools/resp/resp"}

field () {
  # the value of one line of `time -v` output
  sed -n "s/^[[:space:]]*$1: //p" "$2"
}

printf '%-4s %10s %10s %8s %10s %10s %10s\n' size nodes relations 'gen s' 'gen MB' 'valid. s' 'valid. MB'
for size in S M L; do
  model="$out/resp-$size.json"
  events="$out/resp-$size-events.jsonl"
  /usr/bin/time -v -o "$out/gen-$size.time" "$gen" --size "$size" --seed "$seed" \
    --model "$model" --events "$events" 2> "$out/gen-$size.log"
  /usr/bin/time -v -o "$out/validate-$size.time" "$resp" validate "$model" > "$out/validate-$size.log"
  nodes=$(sed -n 's/.*: \([0-9]*\) nodes.*/\1/p' "$out/gen-$size.log")
  rels=$(sed -n 's/.*), \([0-9]*\) relations.*/\1/p' "$out/gen-$size.log")
  printf '%-4s %10s %10s %8s %10s %10s %10s\n' "$size" "$nodes" "$rels" \
    "$(field 'Elapsed (wall clock) time (h:mm:ss or m:ss)' "$out/gen-$size.time")" \
    "$(( $(field 'Maximum resident set size (kbytes)' "$out/gen-$size.time") / 1024 ))" \
    "$(field 'Elapsed (wall clock) time (h:mm:ss or m:ss)' "$out/validate-$size.time")" \
    "$(( $(field 'Maximum resident set size (kbytes)' "$out/validate-$size.time") / 1024 ))"
done
