#!/usr/bin/env python3
# The library as Python sees it through GObject Introspection: loading,
# roles, verdicts, errors as GLib.Error, and the same verdicts as the tool.
import os
import subprocess
import sys
import unittest

# A library built with -Db_sanitize needs its sanitizer's runtime loaded
# first, which an ordinary Python does not do: skip (Meson's SKIP is 77).
SANITIZE = os.environ.get("RESP_B_SANITIZE", "none")
if SANITIZE not in ("", "none"):
    print(f"skipped: the library is built with -Db_sanitize={SANITIZE}")
    sys.exit(77)

import gi  # noqa: E402

gi.require_version("Resp", "1.0")
from gi.repository import GLib, Resp  # noqa: E402

SRC = os.environ.get("RESP_SRCDIR", os.path.join(os.path.dirname(__file__), ".."))
BUILD = os.environ.get("RESP_BUILDDIR", ".")
CITY = os.path.join(SRC, "examples", "data", "city.json")
EVENTS = os.path.join(SRC, "examples", "data", "events.json")


class IntrospectionTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.model, diags = Resp.Model.new_from_file(CITY)
        assert diags == []
        cls.rulebook = Resp.Rulebook.new_default()

    def test_version(self):
        self.assertEqual(Resp.get_version().count("."), 2)
        self.assertEqual(Resp.MAJOR_VERSION, int(Resp.get_version().split(".")[0]))

    def test_model(self):
        self.assertEqual(self.model.get_n_nodes(), 110)
        ok, node_type = self.model.get_node_type("k-city")
        self.assertTrue(ok)
        self.assertEqual(node_type, Resp.NodeType.COMMITTEE)
        self.assertEqual(self.model.get_node_attribute("r-city", "level"), "prefectural")

    def test_roles(self):
        ok, at = Resp.instant_parse("2026-03-05T08:10:00+08:00")
        self.assertTrue(ok)
        roles = self.model.resolve_roles("s-portal", at)
        self.assertEqual(roles.dup_holders(Resp.Role.FIRST_RESPONSIBLE), ["p-li"])
        self.assertEqual(roles.dup_path(Resp.Role.FIRST_RESPONSIBLE, "p-li", 0),
                         ["s-portal", "u-data-center", "u-gov-office", "k-gov-office", "p-li"])
        self.assertEqual(Resp.role_to_string(Resp.Role.DIRECT_RESPONSIBLE), "direct_responsible")
        # the sponsor (主办单位) of the county's site, recorded from 2026-05-01
        self.assertIsNone(roles.get_sponsor())
        ok, later = Resp.instant_parse("2026-06-01")
        self.assertTrue(ok)
        site = self.model.resolve_roles("s-county-edu", later)
        self.assertEqual(site.get_sponsor(), "u-county-edu")
        self.assertEqual(site.dup_holders(Resp.Role.OPERATOR), ["u-data-center"])

    def test_errors_are_glib_errors(self):
        with self.assertRaises(GLib.Error) as cm:
            Resp.Model.new_from_data(b'{"format": "libresp/model/1", "nodse": []}', "m.json")
        self.assertEqual(cm.exception.domain, "resp-error-quark")
        self.assertEqual(cm.exception.code, Resp.Error.UNKNOWN_ATTRIBUTE)
        self.assertTrue(cm.exception.message.startswith("m.json:1:31: "))
        with self.assertRaises(GLib.Error) as cm:
            self.model.resolve_roles("s-nope", 0)
        self.assertEqual(cm.exception.code, Resp.Error.NOT_FOUND)
        with self.assertRaises(GLib.Error) as cm:
            Resp.EventBatch.new_from_data(self.model, self.rulebook,
                                          b'{"id": "x", "occurred_at": "2026-01-01", '
                                          b'"units": ["u-hospital"], "facts": {"tamperd": true}}',
                                          "e.json")
        self.assertEqual(cm.exception.code, Resp.Error.UNKNOWN_FACT)

    def test_record(self):
        data = ('{"format": "libresp/record/1", "entries": ['
                '{"id": "r1", "kind": "rectification", "node": "s-portal", "at": "2026-02-20",'
                ' "answers": "n1"},'
                '{"id": "n1", "kind": "notice", "node": "s-portal", "by": "u-city-cac",'
                ' "at": "2026-02-01", "due": "2026-03-01", "ref": "江川网信通〔2026〕7号"}],'
                ' "complete": [{"kinds": ["notice"], "from": "2026-01-01", "until": "2027-01-01"}]}')
        record, diags = Resp.Record.new_from_data(self.model, self.rulebook, data.encode(), "r.json")
        self.assertEqual(diags, [])
        self.assertEqual(record.get_n_entries(), 2)
        self.assertEqual([record.get_entry_id(i) for i in range(2)], ["r1", "n1"])
        self.assertEqual(record.get_entry_kind(1), "notice")
        self.assertEqual(record.get_entry_node(1), "s-portal")
        self.assertEqual(record.get_entry_ref(1), "江川网信通〔2026〕7号")
        self.assertIsNone(record.get_entry_note(1))
        ok, at = Resp.instant_parse("2026-02-20")
        self.assertEqual(record.get_entry_at(0), at)
        self.assertEqual(record.lookup_entry("n1"), (True, 1))
        self.assertFalse(record.lookup_entry("n2")[0])
        with self.assertRaises(GLib.Error) as cm:
            Resp.Record.new_from_data(self.model, self.rulebook,
                                      data.replace('"by": "u-city-cac"', '"by": "p-li"').encode(),
                                      "r.json")
        self.assertEqual(cm.exception.code, Resp.Error.WRONG_ENDPOINT)
        self.assertTrue(cm.exception.message.startswith("r.json:1:196: "))

    def test_limits(self):
        limits = Resp.Limits.new()
        self.assertEqual(limits.max_depth, 256)
        limits.max_file_bytes = 10
        copy = limits.copy()
        self.assertEqual((copy.max_depth, copy.max_file_bytes), (256, 10))
        with self.assertRaises(GLib.Error) as cm:
            Resp.Model.new_from_file_full(CITY, copy)
        self.assertEqual(cm.exception.code, Resp.Error.LIMIT)

    def test_verdicts_equal_the_tool(self):
        batch, _ = Resp.EventBatch.new_from_file(self.model, self.rulebook, EVENTS)
        verdicts = Resp.assess_batch(self.model, self.rulebook, batch, 0)
        self.assertEqual(len(verdicts), batch.get_n_events())
        first = verdicts[0]
        self.assertEqual(first.get_status(), Resp.VerdictStatus.TRIGGERED)
        self.assertEqual(first.get_liable_person(0), "p-kang")
        self.assertEqual(first.get_liable_category(0), Resp.Category.DIRECT)
        self.assertEqual(first.dup_liable_roles(0), ["involved", "security_lead"])
        ours = Resp.verdicts_render(verdicts, batch.get_is_list(), Resp.Format.JSON)
        tool = subprocess.run([os.path.join(BUILD, "tools", "resp", "resp"), "assess", CITY, EVENTS,
                               "--format", "json"], capture_output=True, text=True, check=True).stdout
        self.assertEqual(ours, tool)

    def test_misuse_is_no_crash(self):
        # Programmer errors through the bindings: a critical (on stderr) and
        # None, never a crash. A batch loaded for another model:
        other, _ = Resp.Model.new_from_file(CITY)
        batch, _ = Resp.EventBatch.new_from_file(self.model, self.rulebook, EVENTS)
        # (PyGObject gives a NULL array back as an empty list)
        self.assertEqual(Resp.assess_batch(other, self.rulebook, batch, 1) or [], [])
        self.assertEqual(Resp.assess_batch(self.model, Resp.Rulebook.new_default(), batch, 1) or [], [])
        # a missing verdict among those rendered
        self.assertIsNone(Resp.verdicts_render([None], True, Resp.Format.JSON))
        verdicts = Resp.assess_batch(self.model, self.rulebook, batch, 1)
        self.assertIsNone(Resp.verdicts_render([verdicts[0], None], True, Resp.Format.TEXT))
        self.assertIsNotNone(Resp.verdicts_render([verdicts[0]], True, Resp.Format.TEXT))

    def test_example_program(self):
        out = subprocess.run([sys.executable, os.path.join(SRC, "examples", "assess.py"), CITY, EVENTS],
                             capture_output=True, text=True, check=True).stdout
        tool = subprocess.run([os.path.join(BUILD, "tools", "resp", "resp"), "assess", CITY, EVENTS,
                               "--format", "json"], capture_output=True, text=True, check=True).stdout
        self.assertEqual(out, tool)


if __name__ == "__main__":
    unittest.main(verbosity=2)
