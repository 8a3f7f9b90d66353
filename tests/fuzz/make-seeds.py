#!/usr/bin/env python3
# make-seeds.py: writes the seed corpora and the dictionaries
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Run from anywhere: python3 tests/fuzz/make-seeds.py [TARGET...]. It
# (re)writes corpus/<target>/seed-* and fuzz-<target>.dict from
# examples/data, the shipped rulebooks in libresp/rulebooks, the words of
# libresp/resp-vocab.c and resp-condition.c, and the JSON written in the
# test suites (read through the C preprocessor, so that their macros are
# expanded): for every target, or only those named (model, event,
# rulebook, record, condition). Regression inputs (crash-*, leak-*,
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
TARGETS = ['model', 'event', 'rulebook', 'record', 'condition']
CHOSEN = sys.argv[1:] or TARGETS
for t in CHOSEN:
    if t not in TARGETS:
        sys.exit(f'make-seeds.py: no target {t!r} (targets: {", ".join(TARGETS)})')


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
    if target not in CHOSEN:
        return
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
# a province's layer: the default's reporting with other limits and one
# more recipient (SPEC §9.3: data, not C)
province = json.loads(json.dumps(rb['reporting']))
province['initial'][-1]['within_hours'] = 6
province['initial'][-1]['to'].append({'role': 'coordinator'})
rulebook.append(json.dumps({'format': 'libresp/rulebook/1', 'id': 'province-reporting',
                            'extends': rb['id'], 'reporting': province},
                           ensure_ascii=False, indent=1).encode())
text = preprocess(src('tests', 'test-rulebook.c'))
rulebook += [squote(g) for g in string_groups(text)
             if json_ish(g) and b'libresp/rulebook' in g.replace(b"'", b'"')]


def vocab(enum):
    """The names of a vocabulary of resp-vocab.c, in enum order."""
    text = open(src('libresp', 'resp-vocab.c'), encoding='utf-8').read()
    return re.findall(r'\[RESP_' + enum + r'_\w+\]\s*=\s*\{\s*"(\w+)"', text)


def subject_vars():
    """What a condition may read of its subject (resp-condition.c)."""
    text = open(src('libresp', 'resp-condition.c'), encoding='utf-8').read()
    return re.findall(r'\{ "([\w.]+)", RESP_VAR_\w+, RESP_SUBJECT_(\w+) \}', text)


BEARERS = vocab('BEARER')
EVERY = vocab('EVERY')
assert BEARERS and EVERY and subject_vars()
LOCAL_NAME = 'cn-local-2026-example'
LOCAL = json.loads(read(src('libresp', 'rulebooks', LOCAL_NAME + '.json')))

# Layers: fuzz-rulebook.c loads each seed on its own and on top of
# cn-local-2026-example, so these load both ways (they extend it, and the
# ids they define are new).
ANSWERABLE = {'committee': ['first_responsible', 'direct_responsible', 'team_member'],
              'operator': ['unit_head', 'security_lead'], 'regulator': ['regulator_head'],
              'coordinator': ['coordinator_head', 'unit_head'], 'audit_office': ['unit_head'],
              'system': ['unit_head', 'security_lead', 'direct_responsible']}
APPLIES = {'committee': {'in': [{'var': 'committee.scope_level'}, ['provincial', 'prefectural']]},
           'operator': {'!=': [{'var': 'unit.kind'}, 'enterprise']},
           'regulator': {'==': [{'var': 'unit.region_level'}, 'prefectural']},
           'system': {'>=': [{'var': 'system.protection_level'}, 3]}}


def layer(lid, **sections):
    return dict({'format': 'libresp/rulebook/1', 'id': lid, 'title': '江川市细则（示例）',
                 'extends': LOCAL_NAME}, **sections)


def duty(did, bearer, every, kind, **more):
    d = {'id': did, 'bearer': bearer, 'every': every, 'at_least': 1, 'evidence': [kind],
         'answerable': [{'role': r, 'category': 'primary_leadership'} for r in ANSWERABLE[bearer]],
         'cite': ['local 江川市: ' + did], 'summary': did}
    d.update(more)
    return d


layers = [
    # a province's stricter number, and nothing else
    layer('jiangchuan-meetings', parameters=[
        {'name': 'special_meetings_per_year', 'cite': 'local 江川市：每年至少召开3次专题会议',
         'values': [{'since': '2026-01-01', 'value': 3}]}]),
    # a duty per bearer class and period, with and without applies
    layer('jiangchuan-every-bearer',
          parameters=[{'name': 'checks_per_period', 'cite': 'local 江川市：定期检查',
                       'values': [{'until': '2026-07-01', 'value': 1},
                                  {'since': '2026-07-01', 'value': 2}]}],
          record_kinds=[{'kind': 'check_' + b, 'description': b} for b in BEARERS],
          duties=[duty('check_' + b, b, EVERY[i % len(EVERY)], 'check_' + b,
                       **({'applies': APPLIES[b]} if b in APPLIES else {}),
                       **({'at_least': {'param': 'checks_per_period'}} if i % 2 else {}),
                       **({'weight': 0.5 + i} if i % 3 == 0 else {}),
                       **({'since': '2026-04-01'} if i == 1 else {}))
                  for i, b in enumerate(BEARERS)]),
    # more duties on the kinds below, in force for part of the year
    layer('jiangchuan-half-year', duties=[
        duty('special_meetings_half_year', 'committee', 'half_year', 'special_meeting',
             until='2026-10-01', weight=2),
        duty('drill_quarterly', 'operator', 'quarter', 'contingency_drill',
             evidence=['contingency_drill', 'annual_work_plan'])]),
    # the local rules again, every id made new
    dict(LOCAL, id='cn-local-2026-copy', extends=LOCAL_NAME,
         record_kinds=[dict(k, kind=k['kind'] + '_copy') for k in LOCAL['record_kinds']],
         duties=[dict(d, id=d['id'] + '_copy', evidence=[e + '_copy' for e in d['evidence']])
                 for d in LOCAL['duties']]),
]
layers = [json.dumps(l, ensure_ascii=False, indent=1).encode() for l in layers]
write('rulebook', pick(rulebook, PER_TARGET - len(layers)) + layers)

# ---- record ----
# against city.json and the default rulebook (fuzz-record.c): a record that
# loads, built from the model's ids, then the JSON of test-record.c
CITY = json.loads(read(src('examples', 'data', 'city.json')))
KINDS = [k['kind'] for k in rb.get('record_kinds', [])]


def by_type(t):
    return [n['id'] for n in CITY['nodes'] if n['type'] == t]


def city_record(n_nodes, spans):
    nodes = (by_type('system') + by_type('unit') + by_type('committee'))[:n_nodes]
    units, persons = by_type('unit'), by_type('person')
    entries, complete = [], []
    for i, node in enumerate(nodes):
        kind = KINDS[i % len(KINDS)]
        entries.append({'id': f'e-{i}', 'kind': kind, 'node': node,
                        'at': f'2026-{1 + i % 12:02d}-{1 + i % 28:02d}',
                        'ref': f'记录〔2026〕{i}号', 'participants': persons[i % 5:i % 5 + 2]})
        if i % 3 == 0:
            entries.append({'id': f'n-{i}', 'kind': 'notice', 'node': node, 'by': units[i % len(units)],
                            'at': '2026-02-01', 'due': '2026-03-01T12:00:00+08:00'})
            entries.insert(0, {'id': f'r-{i}', 'kind': 'rectification', 'node': node,
                               'at': '2026-02-20', 'answers': f'n-{i}', 'note': '已整改'})
        if spans:
            complete.append({'node': node, 'kinds': [kind], 'from': '2026-01-01', 'until': '2026-07-01'})
            complete.append({'node': node, 'from': '2026-07-01', 'until': '2027-01-01'})
    if spans:
        complete.append({'kinds': ['notice', 'rectification'], 'from': '2025-01-01',
                         'until': '2027-01-01'})
    return json.dumps({'format': 'libresp/record/1', 'entries': entries, 'complete': complete},
                      ensure_ascii=False, indent=1).encode()


record = [city_record(3, False), city_record(6, True), city_record(12, True)]
text = preprocess(src('tests', 'test-record.c'))
record += [squote(g) for g in string_groups(text)
           if json_ish(g) and b'libresp/record' in g.replace(b"'", b'"')]
write('record', pick(record, PER_TARGET))

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


# ---- dictionaries ----

def dict_escape(b):
    out = ''
    for x in b:
        if x == 0x22:
            out += '\\"'
        elif x == 0x5c:
            out += '\\\\'
        elif 0x20 <= x < 0x7f:
            out += chr(x)
        else:
            out += '\\x%02X' % x
    return out


def write_dict(name, header, groups):
    if name[len('fuzz-'):] not in CHOSEN:
        return
    lines = [f'# {name}.dict: {header}',
             f'# (written by make-seeds.py; use as -dict=tests/fuzz/{name}.dict)', '']
    seen = set()
    for title, words in groups:
        lines.append(f'# {title}')
        for w in words:
            b = w if isinstance(w, bytes) else w.encode('utf-8')
            if b in seen:
                continue
            seen.add(b)
            lines.append(f'"{dict_escape(b)}"')
        lines.append('')
    with open(os.path.join(HERE, f'{name}.dict'), 'w') as f:
        f.write('\n'.join(lines))
    print(f'{name}.dict: {len(seen)} entries')


JSON_WORDS = ['{', '}', '[', ']', ':', ',', '"', 'true', 'false', 'null', '""', '{}', '[]',
              '\\u0000', '\\ud800', '\\udc00', '\\ud83d\\ude00', '\\"', '\\\\', '\\n', '\\u3000',
              '-0', '1e308', '1e309', '-1e400', '0.000001', '9223372036854775807',
              '9223372036854775808', b'\xef\xbb\xbf', b'\n', b'\r\n', b'\xe3\x80\x80', b'\xc0\x80',
              b'\xed\xa0\x80', b'\xf4\x90\x80\x80']
DATES = ['2025-06-30', '2025-06-30T00:00:00+08:00', '2026-03-05T08:10:00Z', '2025-02-29',
         '2024-02-29', '1970-01-01', '9999-12-31', '0001-01-01', 'T23:59:59.999999', '+14:00',
         '-12:00', '+08:00', 'Z', '.5', 'T24:00:00', ':60']
NODE_TYPES = ['region', 'committee', 'unit', 'person', 'system', 'sector']
RELATIONS = ['within', 'located_in', 'leads', 'under', 'operates', 'in_sector', 'regulates',
             'coordinates', 'member', 'heads', 'security_lead', 'staff', 'manages', 'sponsors',
             'public_security', 'state_security', 'audits', 'cadre_office', 'protects']
ATTRIBUTE_VALUES = ['national', 'provincial', 'prefectural', 'county', 'township',
                    'party_committee', 'party_group', 'government', 'party_organ', 'institution',
                    'enterprise', 'social', 'other', 'party_gov_portal', 'key_news_site',
                    'large_platform', 'main_leader', 'cyber_lead', 'member']
ROLES = ['operator', 'chain', 'committee', 'first_responsible', 'direct_responsible',
         'team_member', 'security_lead', 'unit_head', 'involved', 'regulator', 'regulator_head',
         'regional_supervisor', 'coordinator', 'coordinator_head', 'authority', 'proposer',
         'protection_dept', 'public_security', 'state_security', 'audit_office']
OPERATORS = ['var', '==', '!=', '<', '<=', '>', '>=', 'and', 'or', '!', 'in',
             '{"var":"', '{"and":[', '{"or":[', '{"!":', '{"in":[', '{"==":[']
DEFAULT_FACTS = [f['name'] for f in rb['facts']]
CITY_IDS = [n['id'] for n in json.loads(read(src('examples', 'data', 'city.json')))['nodes']]

write_dict('fuzz-model', 'keywords of the model format (docs/model.md)', [
    ('JSON', JSON_WORDS),
    ('keys', ['format', 'libresp/model/1', 'name', 'nodes', 'relations', 'id', 'type', 'level',
              'form', 'kind', 'cii', 'protection_level', 'extra', 'rel', 'from', 'to', 'role',
              'since', 'until']),
    ('node types', NODE_TYPES),
    ('relations', RELATIONS),
    ('attribute values and seats', ATTRIBUTE_VALUES),
    ('dates', DATES),
    ('fragments', ['{"id":"', '{"rel":"', '"type":"', '"since":"', '"until":"', '"from":"',
                   '"to":"']),
])

write_dict('fuzz-event', 'keywords of the event format (docs/verdicts.md), the facts of the '
           'default rulebook and the ids of city.json', [
    ('JSON', JSON_WORDS),
    ('keys', ['format', 'libresp/event/1', 'id', 'title', 'occurred_at', 'systems', 'units',
              'facts', 'involved', 'decisions', 'committee', 'participants', 'dissent',
              'exemptions', 'person', 'reason', 'note']),
    ('the timeline (SPEC §9.1)', ['discovered_at', 'closed_at', 'grade', 'reports', 'by', 'to', 'at',
                                  'kind', 'initial', 'supplement', 'summary']
     + [g['id'] for g in rb.get('grades', [])]),
    ('facts of the default rulebook', DEFAULT_FACTS),
    ('exemption reasons', [e['reason'] for e in rb.get('exemptions', [])]),
    ('ids in examples/data/city.json', CITY_IDS),
    ('dates', DATES),
])

SHIPPED = [rb, LOCAL]
write_dict('fuzz-rulebook', 'keywords of the rulebook format (docs/rulebook.md), with '
           'record kinds, duties and layers', [
    ('JSON', JSON_WORDS),
    ('keys', ['format', 'libresp/rulebook/1', 'id', 'title', 'extends', 'sources', 'facts',
              'parameters', 'record_kinds', 'circumstances', 'liability', 'collective',
              'exemptions', 'modifiers', 'duties', 'key', 'date', 'note', 'name', 'type', 'min',
              'description', 'cite', 'values', 'value', 'since', 'until', 'scope', 'summary',
              'condition', 'role', 'category', 'basis', 'from', 'only', 'reason', 'kind']),
    ('duty keys', ['bearer', 'applies', 'every', 'at_least', 'param', 'evidence', 'answerable',
                   'weight']),
    ('grades and reporting (SPEC §9.2, §9.3)',
     ['grades', 'reporting', 'required_from', 'initial', 'escalation', 'crime', 'summary', 'notify',
      'when', 'to', 'within_hours', 'within_days', 'from_grade', 'after', 'region_level',
      'else_own', 'roles', 'timeline', 'overdue_notice', 'derive']
     + [g['id'] for g in rb.get('grades', [])]),
    ('values', ['bool', 'number', 'integer', 'string', 'system', 'event', 'subject', 'decision',
                'decision_participant', 'direct', 'primary_leadership', 'important_leadership',
                'lenient', 'aggravated', 'dissent', 'measures', 'measures Art. 8(2)']),
    ('bearers', BEARERS),
    ('periods', EVERY),
    ('shipped rulebooks (layers, extends)', [r['id'] for r in SHIPPED]),
    ('record kinds, duties and parameters of the shipped rulebooks',
     ['notice', 'rectification']
     + [k['kind'] for r in SHIPPED for k in r.get('record_kinds', [])]
     + [d['id'] for r in SHIPPED for d in r.get('duties', [])]
     + [p['name'] for r in SHIPPED for p in r.get('parameters', [])]),
    ('source keys', [x['key'] for x in rb.get('sources', [])]),
    ('roles', ROLES),
    ('conditions', OPERATORS),
    ('variables', ['fact.', 'param.', 'system.extra.'] + [v for v, _ in subject_vars()]
     + ['fact.' + f for f in DEFAULT_FACTS]
     + ['param.' + p['name'] for r in SHIPPED for p in r.get('parameters', [])]),
    ('levels and kinds', ATTRIBUTE_VALUES),
    ('numbers', ['0.5', '1000000', '1000001', '1e-300']),
    ('fragments', ['"bearer":"', '"every":"', '"at_least":{"param":"', '"at_least":',
                   '"evidence":["', '"answerable":[{"role":"', '"applies":{', '"weight":',
                   '"extends":"', '{"kind":"']),
    ('dates', DATES),
])

write_dict('fuzz-record', 'keywords of the record format (docs/duties.md), the record kinds '
           'of the default rulebook and the ids of city.json', [
    ('JSON', JSON_WORDS),
    ('keys', ['format', 'libresp/record/1', 'entries', 'complete', 'id', 'kind', 'node', 'at',
              'ref', 'note', 'participants', 'by', 'due', 'answers', 'kinds', 'from', 'until']),
    ('kinds', KINDS + ['notice', 'rectification']),
    ('ids in examples/data/city.json', CITY_IDS),
    ('dates', DATES),
    ('fragments', ['{"id":"', '"kind":"notice"', '"kind":"rectification"', '"answers":"',
                   '"node":"', '"at":"', '"due":"', '{"from":"', '"until":"', '"kinds":[']),
])

write_dict('fuzz-condition', 'JSON Logic as conditions use it (docs/rulebook.md); the input '
           'starts with four bytes of facts (fuzz-condition.c)', [
    ('JSON', JSON_WORDS),
    ('operators', OPERATORS),
    ('variables fuzz-condition declares', ['fact.' + f for f in FACTS]
     + ['param.' + p for p in PARAMS]
     + [v for v, subject in subject_vars() if subject == 'SYSTEM']
     + ['system.extra.tier', 'system.extra.']),
    ('values it knows', ['news', 'portal', 'core', 'prefectural', 'x', '3', '1000000']),
    ('spellings the compiler explains', ['===', '!==', '=', '<>', '=>', '=<', '&&', '||', 'not',
                                         'AND', 'OR', 'NOT', 'if', 'max', 'min', 'missing']),
])
