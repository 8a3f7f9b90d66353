#!/usr/bin/env python3
"""resp_client.py: a client of `resp serve` with the standard library only

SPDX-License-Identifier: LGPL-2.1-or-later

    from resp_client import RespClient, RespError

    client = RespClient("http://127.0.0.1:8080", token=None)
    print(client.health()["generation"])
    roles = client.who("s-portal", at="2026-03-05T08:10:00+08:00")
    verdicts = client.assess(open("events.json", "rb").read())
    try:
        client.who("s-nowhere")
    except RespError as e:
        print(e.status, e.code, e.message, e.diagnostics)

One keep-alive connection a client (not shared between threads: make one
client a thread). JSON answers come back parsed; text, dot and CSV as str.
Every error of the server (docs/openapi.yaml) is a RespError.

As a program, it prints the server's body for one question, which is what
the CLI prints for it:

    resp_client.py URL health | who NODE [AT] | scope PERSON [AT] | audit [AT]
                   | assess FILE [FORMAT] | validate FILE | duties YEAR [AT] | reload

The token, when the server needs one, comes from $RESP_TOKEN.
"""
import http.client
import json
import os
import sys
import urllib.parse


class RespError(Exception):
    """An answer of the server that is not 200: {"error": {...}}."""

    def __init__(self, status, code, message, diagnostics):
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.diagnostics = diagnostics  # [{"line", "column", "message"}], positions in the body sent


class RespClient:
    def __init__(self, base_url, token=None, timeout=60):
        url = urllib.parse.urlsplit(base_url)
        if url.scheme != "http" or not url.hostname:
            raise ValueError(f"not an http:// URL: {base_url}")
        self.host = url.hostname
        self.port = url.port or 80
        self.token = token
        self.timeout = timeout
        self._conn = None

    def close(self):
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def request(self, method, path, query=None, body=None, raw=False):
        """The body of the answer: parsed when JSON (unless raw), else str."""
        target = path
        query = {k: v for k, v in (query or {}).items() if v is not None}
        if query:
            # quote, not quote_plus: a '+' in an offset must stay a '+'
            target += "?" + urllib.parse.urlencode(query, quote_via=urllib.parse.quote)
        headers = {}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        if body is not None:
            headers["Content-Type"] = "application/json"
            if isinstance(body, str):
                body = body.encode("utf-8")
        for attempt in (1, 2):
            if self._conn is None:
                self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self._conn.request(method, target, body=body, headers=headers)
                response = self._conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # the server closed an idle keep-alive connection: once more on a new one
                self.close()
                if attempt == 2:
                    raise
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        ctype = response.getheader("Content-Type", "").split(";")[0].strip()
        if response.status != 200:
            try:
                error = json.loads(data)["error"]
            except (ValueError, KeyError, TypeError):
                error = {"code": "http-" + str(response.status), "message": data.decode("utf-8", "replace")}
            raise RespError(response.status, error.get("code"), error.get("message"), error.get("diagnostics", []))
        text = data.decode("utf-8")
        if ctype == "application/json" and not raw:
            return json.loads(text)
        return text

    def health(self):
        return self.request("GET", "/v1/health")

    def who(self, node, at=None, format="json", raw=False):
        return self.request("GET", "/v1/who/" + urllib.parse.quote(node, safe=""), {"at": at, "format": format}, raw=raw)

    def scope(self, person, at=None, format="json", raw=False):
        return self.request("GET", "/v1/scope/" + urllib.parse.quote(person, safe=""), {"at": at, "format": format},
                            raw=raw)

    def audit(self, at=None, format="json", raw=False):
        return self.request("GET", "/v1/audit", {"at": at, "format": format}, raw=raw)

    def assess(self, events, format="json", raw=False):
        """events: bytes or str as sent (an object, an array or JSON Lines), or
        a dict or list to be sent as JSON."""
        if isinstance(events, (dict, list)):
            events = json.dumps(events, ensure_ascii=False)
        return self.request("POST", "/v1/assess", {"format": format}, events, raw=raw)

    def validate(self, model, raw=False):
        if isinstance(model, dict):
            model = json.dumps(model, ensure_ascii=False)
        return self.request("POST", "/v1/validate", None, model, raw=raw)

    def duties(self, record=None, year=None, start=None, until=None, at=None, node=None, format="json", raw=False):
        """record: None for the server's own (--record), else its text."""
        query = {"year": year, "from": start, "until": until, "at": at, "node": node, "format": format}
        return self.request("POST", "/v1/duties", query, record if record is not None else b"", raw=raw)

    def reload(self):
        return self.request("POST", "/v1/reload", body=b"")

    def metrics(self):
        return self.request("GET", "/metrics")


def main(argv):
    if len(argv) < 3:
        print(__doc__.split("As a program")[1].split("\n\n")[1], file=sys.stderr)
        return 2
    client = RespClient(argv[1], token=os.environ.get("RESP_TOKEN"))
    what, args = argv[2], argv[3:]

    def arg(i):
        return args[i] if len(args) > i else None

    def read(path):
        with open(path, "rb") as f:
            return f.read()

    try:
        if what == "health":
            out = client.request("GET", "/v1/health", raw=True)
        elif what == "who":
            out = client.who(args[0], at=arg(1), raw=True)
        elif what == "scope":
            out = client.scope(args[0], at=arg(1), raw=True)
        elif what == "audit":
            out = client.audit(at=arg(0), raw=True)
        elif what == "assess":
            out = client.assess(read(args[0]), format=arg(1) or "json", raw=True)
        elif what == "validate":
            out = client.validate(read(args[0]), raw=True)
        elif what == "duties":
            out = client.duties(year=args[0], at=arg(1), raw=True)
        elif what == "reload":
            out = client.request("POST", "/v1/reload", body=b"", raw=True)
        else:
            print(f"resp_client.py: unknown question '{what}'", file=sys.stderr)
            return 2
    except RespError as e:
        print(f"resp_client.py: {e}", file=sys.stderr)
        for d in e.diagnostics:
            print(f"  {d.get('file', '<body>')}:{d['line']}:{d['column']}: {d['message']}", file=sys.stderr)
        return 1
    finally:
        client.close()
    sys.stdout.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
