#!/usr/bin/env python3
# make-seeds.py: writes the seed corpora from the project's own data
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Run from anywhere: python3 tests/fuzz/make-seeds.py. It (re)writes
# corpus/<target>/seed-* from examples/data, libresp/rulebooks/default.json
# and the JSON written in the test suites (read through the C preprocessor,
# so that their macros are expanded). Regression inputs (crash-*, leak-*,
# timeout-*, oom-*) and anything else in the corpora are left alone.

import hashlib
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, '..', '..'))
PER_TARGET = 48


def src(*parts):
    return os.path.join(TOP, *parts)


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def preprocess(path):
    """The file with its macros expanded (those of test-builder.h too) and
    its includes dropped."""
    text = ''
    builder = src('tests', 'test-builder.h')
    for p in (builder, path):
        text += ''.join(l for l in open(p, encoding='utf-8').readlines()
                        if not l.lstrip().startswith('#include')
                        and not l.lstrip().startswith('#pragma'))
        text += '\n'
    out = subprocess.run(['cpp', '-P', '-w', '-'], input=text.encode(), capture_output=True,
                         check=True)
    return out.stdout.decode('utf-8')


TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|[^"\'\s]+|\s+', re.S)


def unescape(body):
    out = bytearray()
    i = 0
    raw = body.encode('utf-8')
    while i < len(raw):
        c = raw[i]
        if c != 0x5c:
            out.append(c)
            i += 1
            continue
        n = chr(raw[i + 1])
        i += 2
        simple = {'n': 10, 't': 9, 'r': 13, 'b': 8, 'f': 12, 'v': 11, 'a': 7, '0': 0,
                  '\\': 0x5c, '"': 0x22, "'": 0x27, '?': 0x3f}
        if n == 'x':
            m = re.match(rb'[0-9a-fA-F]+', raw[i:])
            out.append(int(m.group(0), 16) & 0xff)
            i += len(m.group(0))
        elif n in '01234567':
            m = re.match(rb'[0-7]{0,2}', raw[i:])
            out.append(int(n + m.group(0).decode(), 8) & 0xff)
            i += len(m.group(0))
        else:
            out.append(simple[n])
    return bytes(out)


def string_groups(text):
    """Every run of adjacent string literals, joined and unescaped, with
    the code that follows it up to the next literal (to find arrays)."""
    groups, cur, prev_was_string = [], None, False
    for m in TOKEN.finditer(text):
        t = m.group(0)
        if t.startswith('"'):
            if cur is None:
                cur = b''
            cur += unescape(t[1:-1])
        elif t.isspace():
            continue
        else:
            if cur is not None:
                groups.append(cur)
                cur = None
    if cur is not None:
        groups.append(cur)
    return groups


def json_ish(b):
    s = b.strip()
    return len(s) >= 2 and s[:1] in (b'{', b'[')


def squote(b):
    return b.replace(b"'", b'"')


def builder_models(text):
    """The inline models of test-builder.h's model_load(): each static
    array of items, assembled as model_load_at() does."""
    models = []
    for m in re.finditer(r'static const char \* const \w+\[\] = \{(.*?)\};', text, re.S):
        items = [squote(g) for g in string_groups(m.group(1))]
        if not items or not all(i.startswith(b'{"id"') or i.startswith(b'{"rel"') for i in items):
            continue
        nodes = [i for i in items if i.startswith(b'{"id"')]
        rels = [i for i in items if not i.startswith(b'{"id"')]
        models.append(b'{"format":"libresp/model/1","name":"test","nodes":[' + b',\n'.join(nodes)
                      + b'],\n"relations":[' + b',\n'.join(rels) + b']}\n')
    return models


def pick(seeds, n):
    """Up to n distinct seeds, the smaller first, files kept whole."""
    unique = sorted(set(seeds), key=lambda s: (len(s), s))
    if len(unique) <= n:
        return unique
    # keep the spread: every k-th by size, and the largest
    step = len(unique) / n
    return [unique[int(i * step)] for i in range(n - 1)] + [unique[-1]]


def write(target, seeds):
    d = os.path.join(HERE, 'corpus', target)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        if f.startswith('seed-'):
            os.remove(os.path.join(d, f))
    for s in seeds:
        name = 'seed-' + hashlib.sha1(s).hexdigest()[:16]
        with open(os.path.join(d, name), 'wb') as f:
            f.write(s)
    print(f'{target}: {len(seeds)} seeds')


# ---- model ----
model = [read(src('examples', 'data', 'city.json'))]
for t in ('test-model.c', 'test-roles.c', 'test-audit.c', 'test-limits.c'):
    path = src('tests', t)
    if not os.path.exists(path):
        continue
    text = preprocess(path)
    model += [g for g in string_groups(text) if json_ish(g) and b'libresp/model' in g]
    model += builder_models(text)
write('model', pick(model, PER_TARGET))

# ---- event ----
events = read(src('examples', 'data', 'events.json'))
event = [events]
for e in json.loads(events):
    one = json.dumps(e, ensure_ascii=False, indent=1).encode()
    event.append(one)
    # the same as JSON Lines, with one more event after it
    event.append(json.dumps(e, ensure_ascii=False).encode() + b'\n'
                 + json.dumps(dict(e, id=e['id'] + '-b'), ensure_ascii=False).encode() + b'\n')
for t in ('test-event.c', 'test-verdict.c', 'test-cli.c'):
    text = preprocess(src('tests', t))
    event += [squote(g) for g in string_groups(text)
              if json_ish(g) and b'occurred_at' in g]
write('event', pick(event, PER_TARGET))

# ---- rulebook ----
default = read(src('libresp', 'rulebooks', 'default.json'))
rulebook = [default]
rb = json.loads(default)
# smaller rulebooks: the default with one circumstance at a time, each still
# with every fact, liability rule and exemption (and so quicker to assess)
for i, c in enumerate(rb['circumstances']):
    small = dict(rb, circumstances=[c])
    rulebook.append(json.dumps(small, ensure_ascii=False, indent=1).encode())
text = preprocess(src('tests', 'test-rulebook.c'))
rulebook += [squote(g) for g in string_groups(text)
             if json_ish(g) and b'libresp/rulebook' in g.replace(b"'", b'"')]
write('rulebook', pick(rulebook, PER_TARGET))

# ---- condition ----
# fuzz-condition declares these facts and parameters; a name from elsewhere
# is mapped onto one of them so that the seed compiles
FACTS = ['a', 'b', 'c', 'attacked', 'tampered', 'handled_in_time', 'outage_hours',
         'leak_personal_info_records']
PARAMS = ['personal_info_mass_leak_records', 'name']


def map_names(b):
    def fact(m):
        name = m.group(1).decode()
        if name in FACTS:
            return m.group(0)
        return b'fact.' + FACTS[int(hashlib.sha1(name.encode()).hexdigest(), 16) % len(FACTS)].encode()
    return re.sub(rb'fact\.(\w+)', fact, b)


conditions = []


def walk(v):
    if isinstance(v, dict):
        for k, x in v.items():
            if k == 'condition':
                conditions.append(json.dumps(x, ensure_ascii=False).encode())
            walk(x)
    elif isinstance(v, list):
        for x in v:
            walk(x)


walk(rb)
text = preprocess(src('tests', 'test-condition.c'))
conditions += [squote(g) for g in string_groups(text) if json_ish(g)]
# headers: facts unknown, all true, all false, mixed with numbers and strings
headers = [bytes([0x00, 0x00, 0x00, 0x00]), bytes([0xff, 0x55, 0x55, 0x0f]),
           bytes([0x01, 0xaa, 0xaa, 0xf0]), bytes([0x2b, 0xe4, 0x1b, 0x5a])]
condition = []
for i, c in enumerate(sorted(set(conditions))):
    condition.append(headers[i % len(headers)] + map_names(c))
write('condition', pick(condition, PER_TARGET))
