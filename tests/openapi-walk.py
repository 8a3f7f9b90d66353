#!/usr/bin/env python3
"""openapi-walk.py RESP SRCDIR: docs/openapi.yaml walked against `resp serve`

SPDX-License-Identifier: LGPL-2.1-or-later

Starts the tool on an ephemeral loopback port (with tokens, a record and
small limits), then requests every path and method of the file: the
requests each operation's `x-walk` lists, and on its own a request without
a token (401), with another method (405), with headers over the limit
(431), with a body over the limit (413, operations with a body) and, last,
one while the server stops (503). Each answer's status must be one the
file declares for the operation, its content type one declared for that
status, and a JSON body must match the declared schema (the subset of
JSON Schema the file uses). Every declared status must have been seen,
unless `x-not-walked` says why. Standard library and PyYAML (Debian's
python3-yaml, tools/setup.sh) only.
"""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

import yaml

MAX_BODY = 200000
MAX_HEADER = 8192
ADMIN, USER = "admin-token", "user-token"
BROKEN_MODEL = '{"format": "libresp/model/1",\n "nodes": [{"id": "p-li", "type": "person", "name": "x"}],\n' \
               ' "relations": [{"rel": "heads", "from": "p-li", "to": "u-none"}]}\n'

failures = []
checked = 0


def fail(what):
    failures.append(what)
    print("FAIL: " + what, file=sys.stderr)


def resolve(spec, node):
    while isinstance(node, dict) and "$ref" in node:
        target = spec
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def validate(spec, schema, value, where):
    """The errors of value against schema: a list of strings."""
    schema = resolve(spec, schema)
    errors = []
    if "oneOf" in schema:
        matches = [s for s in schema["oneOf"] if not validate(spec, s, value, where)]
        if len(matches) != 1:
            errors.append(f"{where}: matches {len(matches)} of oneOf, not 1")
        return errors
    kinds = schema.get("type")
    if kinds is not None:
        kinds = kinds if isinstance(kinds, list) else [kinds]
        ok = False
        for k in kinds:
            ok |= (k == "object" and isinstance(value, dict)) or (k == "array" and isinstance(value, list)) \
                or (k == "string" and isinstance(value, str)) or (k == "boolean" and isinstance(value, bool)) \
                or (k == "null" and value is None) \
                or (k == "integer" and isinstance(value, int) and not isinstance(value, bool)) \
                or (k == "number" and isinstance(value, (int, float)) and not isinstance(value, bool))
        if not ok:
            return [f"{where}: {json.dumps(value, ensure_ascii=False)[:60]} is not {'/'.join(kinds)}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} is not one of {schema['enum']}")
    if "minimum" in schema and isinstance(value, (int, float)) and value < schema["minimum"]:
        errors.append(f"{where}: {value} < {schema['minimum']}")
    if "minLength" in schema and isinstance(value, str) and len(value) < schema["minLength"]:
        errors.append(f"{where}: shorter than {schema['minLength']}")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        errors.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{where}: no '{key}'")
        props = schema.get("properties", {})
        for key, item in value.items():
            if key in props:
                errors += validate(spec, props[key], item, f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: '{key}' is not declared")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            errors += validate(spec, schema["items"], item, f"{where}[{i}]")
    return errors


def die_with_parent():
    """In the child: SIGKILL when the walker dies, so nothing is left running."""
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Server:
    def __init__(self, resp, src, tmp):
        self.model = os.path.join(tmp, "model.json")
        shutil.copy(os.path.join(src, "examples/data/city.json"), self.model)
        users, admins = os.path.join(tmp, "tokens"), os.path.join(tmp, "admin-tokens")
        with open(users, "w") as f:
            f.write(USER + "\n")
        with open(admins, "w") as f:
            f.write(ADMIN + "\n")
        self.proc = subprocess.Popen(
            [resp, "serve", self.model, "--listen", "127.0.0.1:0",
             "--rulebook", "cn-local-2026-example", "--record", os.path.join(src, "examples/data/record.json"),
             "--token-file", users, "--admin-token-file", admins,
             "--max-body", str(MAX_BODY), "--max-header", str(MAX_HEADER)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, preexec_fn=die_with_parent)
        line = self.proc.stdout.readline()
        m = re.match(r"listening on http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.proc.kill()
            raise SystemExit(f"resp serve said {line!r}")
        self.port = int(m.group(1))

    def request(self, method, target, body=None, token=ADMIN, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        h = dict(headers or {})
        if token is not None:
            h["Authorization"] = "Bearer " + token
        if body is not None:
            h["Content-Type"] = "application/json"
        try:
            conn.request(method, target, body=body, headers=h)
            r = conn.getresponse()
            data = r.read()
            return r.status, r.getheader("Content-Type", ""), r.getheader("Allow"), data
        finally:
            conn.close()


def target_of(path, params, query):
    for name, value in (params or {}).items():
        path = path.replace("{" + name + "}", urllib.parse.quote(str(value), safe=""))
    if query:
        path += "?" + urllib.parse.urlencode({k: str(v) for k, v in query.items()}, quote_via=urllib.parse.quote)
    return path


def check(spec, op, label, answer, status, media=None, code=None):
    """answer (status, content type, Allow, body) against what op declares."""
    global checked
    checked += 1
    got, ctype, _, data = answer
    responses = op["responses"]
    if got != status:
        fail(f"{label}: status {got}, expected {status}: {data[:200]!r}")
        return
    if str(got) not in responses:
        fail(f"{label}: status {got} is not declared")
        return
    declared = resolve(spec, responses[str(got)]).get("content", {})
    mtype = ctype.split(";")[0].strip()
    if mtype not in declared:
        fail(f"{label}: content type {ctype!r} is not declared for {got} ({list(declared)})")
        return
    if media is not None and mtype != media:
        fail(f"{label}: content type {mtype}, expected {media}")
    if mtype == "application/json":
        try:
            value = json.loads(data)
        except ValueError as e:
            fail(f"{label}: not JSON: {e}")
            return
        for e in validate(spec, declared[mtype].get("schema", {}), value, "body"):
            fail(f"{label}: {e}")
        if code is not None and (not isinstance(value, dict) or value.get("error", {}).get("code") != code):
            fail(f"{label}: error code is not {code}: {data[:200]!r}")


def first_request(src, path, item):
    """The method, target and body of an operation's first x-walk entry."""
    entry = (item.get("x-walk") or [{}])[0]
    body = entry.get("body")
    if "body-file" in entry:
        with open(os.path.join(src, entry["body-file"]), "rb") as f:
            body = f.read()
    return target_of(path, entry.get("path"), entry.get("query")), body


def main():
    resp, src = sys.argv[1], sys.argv[2]
    with open(os.path.join(src, "docs/openapi.yaml"), encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    tmp = tempfile.mkdtemp(prefix="openapi-walk-")
    server = Server(resp, src, tmp)
    operations = []
    try:
        for path, item in spec["paths"].items():
            methods = [m for m in item if m in ("get", "post", "put", "delete", "patch", "head", "options")]
            for method in methods:
                op = item[method]
                operations.append((path, method, op))
                seen = set()
                for i, entry in enumerate(op.get("x-walk", [])):
                    label = f"{method.upper()} {path} #{i + 1}"
                    body = entry.get("body")
                    if "body-file" in entry:
                        with open(os.path.join(src, entry["body-file"]), "rb") as f:
                            body = f.read()
                    if isinstance(body, str):
                        body = body.encode()
                    if entry.get("model") == "broken":
                        with open(server.model, "w") as f:
                            f.write(BROKEN_MODEL)
                    answer = server.request(method.upper(), target_of(path, entry.get("path"), entry.get("query")),
                                            body, USER if entry.get("token") == "user" else ADMIN)
                    if entry.get("model") == "broken":
                        shutil.copy(os.path.join(src, "examples/data/city.json"), server.model)
                    check(spec, op, label, answer, entry["status"], entry.get("type"), entry.get("code"))
                    seen.add(entry["status"])
                target, body = first_request(src, path, op)
                label = f"{method.upper()} {path}"
                # no token
                check(spec, op, label + " without a token", server.request(method.upper(), target, body, None), 401,
                      code="unauthorized")
                seen.add(401)
                # another method
                other = "POST" if method == "get" else "GET"
                if other.lower() not in methods:
                    answer = server.request(other, target, b"" if other == "POST" else None)
                    check(spec, op, f"{other} {path}", answer, 405, code="method-not-allowed")
                    if answer[2] != method.upper():
                        fail(f"{other} {path}: Allow is {answer[2]!r}, not {method.upper()}")
                    seen.add(405)
                # headers over the limit
                check(spec, op, label + " with headers over the limit",
                      server.request(method.upper(), target, body, headers={"X-Padding": "x" * (MAX_HEADER + 100)}),
                      431, code="headers-too-large")
                seen.add(431)
                if "requestBody" in op:
                    check(spec, op, label + " with a body over the limit",
                          server.request(method.upper(), target, b" " * (MAX_BODY + 1)), 413, code="body-too-large")
                    seen.add(413)
                op["x-seen"] = seen
        stop_phase(spec, src, server, operations)
    finally:
        if server.proc.poll() is None:
            server.proc.kill()
            server.proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    for path, method, op in operations:
        missing = {int(s) for s in op["responses"]} - op["x-seen"] - {int(s) for s in op.get("x-not-walked", {})}
        if missing:
            fail(f"{method.upper()} {path}: declared but never answered: {sorted(missing)}")
    print(f"openapi-walk: {len(operations)} operations, {checked} answers checked, {len(failures)} failures")
    return 1 if failures else 0


def stop_phase(spec, src, server, operations):
    """503: a request half sent, SIGTERM, every operation asked again."""
    with open(os.path.join(src, "examples/data/events.json"), "rb") as f:
        body = f.read()
    raw = socket.create_connection(("127.0.0.1", server.port), timeout=60)
    raw.sendall(b"POST /v1/assess HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                b"Authorization: Bearer " + ADMIN.encode() + b"\r\nContent-Length: %d\r\n\r\n" % len(body))
    raw.sendall(body[: len(body) // 2])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if b'"in_flight": 2' in server.request("GET", "/v1/health")[3]:
            break
        time.sleep(0.01)
    server.proc.send_signal(signal.SIGTERM)
    # the signal is handled in the server's main loop, a moment later
    while time.monotonic() < deadline and server.request("GET", "/v1/health")[0] != 503:
        time.sleep(0.01)
    for path, method, op in operations:
        target, req_body = first_request(src, path, op)
        check(spec, op, f"{method.upper()} {path} while stopping", server.request(method.upper(), target, req_body),
              503, code="shutting-down")
        op["x-seen"] = op.get("x-seen", set()) | {503}
    raw.sendall(body[len(body) // 2:])
    answer = b""
    while True:
        chunk = raw.recv(65536)
        if not chunk:
            break
        answer += chunk
    raw.close()
    if not answer.startswith(b"HTTP/1.1 200 "):
        fail(f"the request in flight while stopping: {answer[:100]!r}")
    if server.proc.wait(timeout=60) != 0:
        fail(f"resp serve exited {server.proc.returncode} after SIGTERM")


if __name__ == "__main__":
    sys.exit(main())
