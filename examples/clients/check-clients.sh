#!/usr/bin/env bash
# check-clients.sh RESP: the Python and Java clients here against a real
# `resp serve` on an ephemeral loopback port (CI runs it: .ci/run)
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Compiles RespClient.java with `javac --release 8` (Java 8 compatible),
# asks both clients the same questions and compares each answer with what
# the CLI prints for it, byte for byte; an unknown node must end each
# client with status 1. The server is stopped with SIGTERM (exit status 0)
# and killed on any way out, so nothing is left running.
set -euo pipefail

resp=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
data=$(cd "$here/../data" && pwd)
work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

javac --release 8 -Xlint:all -Werror -d "$work/classes" "$here/RespClient.java"

"$resp" serve "$data/city.json" --listen 127.0.0.1:0 --record "$data/record.json" \
  --rulebook cn-local-2026-example >"$work/out" 2>"$work/log" &
pid=$!
for _ in $(seq 1 600); do
  grep -q '^listening on ' "$work/out" 2>/dev/null && break
  sleep 0.1
done
url=$(sed -n 's/^listening on //p' "$work/out")
[ -n "$url" ] || { echo "check-clients.sh: the server did not start" >&2; cat "$work/log" >&2; exit 1; }

at=2026-03-05T08:10:00+08:00
rules=(--rulebook cn-local-2026-example --record "$data/record.json")
# each question: the client's words, then the CLI's
questions=(
  "who s-portal $at|who $data/city.json s-portal --at $at --format json"
  "scope p-zheng $at|scope $data/city.json p-zheng --at $at --format json"
  "audit $at|audit $data/city.json --at $at --format json"
  "assess $data/events.json|assess $data/city.json $data/events.json ${rules[*]} --format json"
  "assess $data/events.json text|assess $data/city.json $data/events.json ${rules[*]} --format text"
  "validate $data/city.json|validate $data/city.json --format json"
  "duties 2026 2027-01-10|duties $data/city.json $data/record.json --rulebook cn-local-2026-example --year 2026 --at 2027-01-10 --format json"
)
n=0
for q in "${questions[@]}"; do
  ask=${q%%|*}
  # shellcheck disable=SC2086
  "$resp" ${q#*|} >"$work/cli"
  # shellcheck disable=SC2086
  python3 "$here/resp_client.py" "$url" $ask >"$work/py"
  # shellcheck disable=SC2086
  java -cp "$work/classes" RespClient "$url" $ask >"$work/java"
  cmp "$work/cli" "$work/py" || { echo "check-clients.sh: Python, $ask: not what the CLI prints" >&2; exit 1; }
  cmp "$work/cli" "$work/java" || { echo "check-clients.sh: Java, $ask: not what the CLI prints" >&2; exit 1; }
  n=$((n + 1))
done
python3 "$here/resp_client.py" "$url" health | grep -q '"generation": 1,'
java -cp "$work/classes" RespClient "$url" reload | grep -q '"generation": 2,'
for client in "python3 $here/resp_client.py" "java -cp $work/classes RespClient"; do
  rc=0
  # shellcheck disable=SC2086
  $client "$url" who s-nowhere >/dev/null 2>"$work/err" || rc=$?
  [ "$rc" = 1 ] && grep -q '404 not-found' "$work/err" || {
    echo "check-clients.sh: $client on an unknown node: status $rc: $(cat "$work/err")" >&2; exit 1; }
done

kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
pid=
[ "$rc" = 0 ] || { echo "check-clients.sh: resp serve exited $rc after SIGTERM" >&2; exit 1; }
echo "check-clients.sh: $n questions, Python and Java clients answer as the CLI"
