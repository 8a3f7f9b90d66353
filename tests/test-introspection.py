#!/usr/bin/env python3
# The library as Python sees it through GObject Introspection: loading,
# roles, verdicts, errors as GLib.Error, the same verdicts and the same duty
# report as the tool.
import contextlib
import os
import subprocess
import tempfile
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
RECORD = os.path.join(SRC, "examples", "data", "record.json")
RESP = os.path.join(BUILD, "tools", "resp", "resp")
LOCAL = "cn-local-2026-example"

# a layer on top of the shipped local rules: one special meeting a year is enough
LAYER = ('{"format": "libresp/rulebook/1", "id": "jiangchuan-2026", "extends": "cn-local-2026-example",'
         ' "parameters": [{"name": "special_meetings_per_year",'
         ' "cite": "local 江川市：每年至少召开1次专题会议",'
         ' "values": [{"since": "2026-01-01", "value": 1}]}]}')


def instant(text):
    ok, at = Resp.instant_parse(text)
    assert ok, text
    return at


def tool_duties(*args):
    return subprocess.run([RESP, "duties", CITY, RECORD, "--year", "2026", "--at", "2027-01-10",
                           "--format", "json"] + list(args),
                          capture_output=True, text=True, check=True).stdout


@contextlib.contextmanager
def criticals():
    """Collects the library's criticals (a programmer error's g_return_if_fail)."""
    caught = []
    levels = GLib.LogLevelFlags.LEVEL_CRITICAL | GLib.LogLevelFlags.FLAG_FATAL
    handler = GLib.log_set_handler("Resp", levels, lambda domain, level, message, *_: caught.append(message))
    try:
        yield caught
    finally:
        GLib.log_remove_handler("Resp", handler)


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
        self.assertEqual(self.model.get_n_nodes(), 117)
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

    def test_shape_limits(self):
        limits = Resp.Limits.new()
        self.assertEqual((limits.max_chain_depth, limits.max_committee_members,
                          limits.max_system_operators), (10000, 10000, 10000))
        # the example's deepest chain of superiors is 2 relations long
        limits.max_chain_depth = 1
        copy = limits.copy()
        self.assertEqual(copy.max_chain_depth, 1)
        with self.assertRaises(GLib.Error) as cm:
            Resp.Model.new_from_file_full(CITY, copy)
        self.assertEqual(cm.exception.code, Resp.Error.LIMIT)
        self.assertIn("RespLimits.max_chain_depth", cm.exception.message)
        limits.max_chain_depth = 2
        model, diags = Resp.Model.new_from_file_full(CITY, limits)
        self.assertEqual(diags, [])

    def test_snapshot_private_copy(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "city.snap")
            self.assertTrue(self.model.write_snapshot(path))
            mapped, diags = Resp.Model.new_from_file_with_flags(path, Resp.ModelFlags.NONE, None)
            self.assertEqual(diags, [])
            self.assertEqual(mapped.get_n_nodes(), 117)
            del mapped
            copy, _ = Resp.Model.new_from_file_with_flags(path, Resp.ModelFlags.PRIVATE_COPY, None)
            # the copy is the model's own: the file cut to nothing does not reach it
            os.truncate(path, 0)
            self.assertEqual(copy.get_n_nodes(), 117)
            self.assertEqual(copy.get_node_name("p-li"), "李某")

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

    def test_events_one_at_a_time(self):
        # a Python callback for each event, in the file's order, and a stop
        batch, _ = Resp.EventBatch.new_from_file(self.model, self.rulebook, EVENTS)
        want = [batch.get_event(i).get_id() for i in range(batch.get_n_events())]
        seen = []
        ok, is_list, diags = Resp.events_foreach_in_file(self.model, self.rulebook, EVENTS, None,
                                                         lambda ev: seen.append(ev.get_id()) or True)
        self.assertTrue(ok)
        self.assertEqual(seen, want)
        self.assertEqual(is_list, batch.get_is_list())
        self.assertEqual(diags, [])
        seen = []
        ok, _, _ = Resp.events_foreach_in_file(self.model, self.rulebook, EVENTS, None,
                                               lambda ev: seen.append(ev.get_id()) or False)
        self.assertTrue(ok)
        self.assertEqual(seen, want[:1])

    def test_timeline_getters(self):
        # 2026-062 (EVENTS.md): stated 较大; the CII operator's report to the
        # police is 迟报, the protection department's in time
        batch, _ = Resp.EventBatch.new_from_file(self.model, self.rulebook, EVENTS)
        verdicts = Resp.assess_batch(self.model, self.rulebook, batch, 1)
        v = [x for x in verdicts if x.get_event_id() == "2026-062"][0]
        self.assertEqual(v.get_grade(), (True, "large", "large", True))
        self.assertEqual(v.get_n_hops(), 7)
        self.assertEqual((v.get_hop_by(0), v.get_hop_to(0), v.get_hop_kind(0)),
                         ("u-power", "u-city-psb", "initial"))
        self.assertEqual(v.get_hop_status(0), Resp.HopStatus.LATE)
        self.assertEqual(v.get_hop_due(0), (True, instant("2026-08-10T15:30:00+08:00")))
        self.assertEqual(list(v.dup_hop_reports(0)), [1])
        self.assertEqual(v.get_hop_status(5), Resp.HopStatus.UNKNOWN)
        self.assertEqual(v.get_hop_due(5)[0], False)
        self.assertEqual(Resp.hop_status_to_string(Resp.HopStatus.NOT_REQUIRED), "not_required")
        self.assertEqual(v.dup_notify(), [])
        self.assertEqual(v.get_derived_fact(0), ("reported_in_time", False))
        self.assertTrue(v.get_derived_fact_is_known(0))
        old = [x for x in verdicts if x.get_event_id() == "2025-007"][0]
        self.assertEqual(old.get_grade(), (False, None, None, False))
        self.assertEqual(old.get_n_hops(), 0)

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

    def check_duties_2026(self, rulebook):
        record, diags = Resp.Record.new_from_file(self.model, rulebook, RECORD)
        self.assertEqual(diags, [])
        return self.model.check_duties(rulebook, record, instant("2026-01-01"), instant("2027-01-01"),
                                       instant("2027-01-10"), None)

    def test_duties_equal_the_tool(self):
        self.assertEqual(Resp.Rulebook.list_shipped(), [self.rulebook.get_id(), LOCAL])
        local = Resp.Rulebook.new_shipped(LOCAL)
        self.assertEqual(local.get_id(), LOCAL)
        tool = tool_duties("--rulebook", LOCAL)
        self.assertEqual(self.check_duties_2026(local).render(Resp.Format.JSON), tool)
        # the same rulebook named as a layer, and added from its text on the default
        layered, diags = Resp.Rulebook.new_layered([LOCAL], None)
        self.assertEqual(diags, [])
        self.assertEqual(self.check_duties_2026(layered).render(Resp.Format.JSON), tool)
        source = Resp.Rulebook.get_shipped_source(LOCAL).get_data()
        added, diags = Resp.Rulebook.new_default().add_layer_from_data(source, LOCAL + ".json", None)
        self.assertEqual(diags, [])
        self.assertEqual(added.get_id(), LOCAL)
        self.assertEqual(self.check_duties_2026(added).render(Resp.Format.JSON), tool)
        # a layer of our own from data, and the same layer as a file for the tool
        mine, diags = local.add_layer_from_data(LAYER.encode(), "layer.json", None)
        self.assertEqual(diags, [])
        self.assertEqual(mine.get_id(), "jiangchuan-2026")
        self.assertEqual(local.get_id(), LOCAL)
        path = os.path.join(BUILD, "tests", "introspection-layer.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(LAYER)
        duties = self.check_duties_2026(mine)
        self.assertEqual(duties.render(Resp.Format.JSON), tool_duties("--rulebook", LOCAL, "--rulebook", path))
        meetings = [i for i in range(duties.get_n_slots())
                    if (duties.get_slot_duty(i), duties.get_slot_node(i)) == ("special_meetings", "k-city")]
        self.assertEqual(len(meetings), 1)
        self.assertEqual(duties.get_slot_required(meetings[0]), 1)
        self.assertEqual(duties.get_slot_status(meetings[0]), Resp.SlotStatus.FULFILLED)
        self.assertEqual(duties.get_slot_n_people(meetings[0]), 0)
        # a layer that does not load: nothing, and its error at its position
        with self.assertRaises(GLib.Error) as cm:
            local.add_layer_from_data(LAYER.replace("jiangchuan-2026", LOCAL).encode(), "layer.json", None)
        self.assertEqual(cm.exception.code, Resp.Error.DUPLICATE_ID)
        self.assertTrue(cm.exception.message.startswith("layer.json:1:"), cm.exception.message)
        with self.assertRaises(GLib.Error) as cm:
            Resp.Rulebook.new_shipped("cn-local-2026")
        self.assertEqual(cm.exception.code, Resp.Error.UNKNOWN_RULEBOOK)

    def test_duties_getters(self):
        local = Resp.Rulebook.new_shipped(LOCAL)
        duties = self.check_duties_2026(local)
        self.assertEqual((duties.get_from(), duties.get_until(), duties.get_at()),
                         (instant("2026-01-01"), instant("2027-01-01"), instant("2027-01-10")))
        self.assertEqual(duties.get_n_slots(), 47)
        statuses = [duties.get_slot_status(i) for i in range(duties.get_n_slots())]
        self.assertEqual([statuses.count(s) for s in (Resp.SlotStatus.FULFILLED, Resp.SlotStatus.UNFULFILLED,
                                                      Resp.SlotStatus.UNKNOWN)], [36, 7, 4])
        self.assertEqual(Resp.slot_status_to_string(Resp.SlotStatus.UNFULFILLED), "unfulfilled")
        # k-city held one special meeting of the two required: 刘某 and 周某 answer all year
        slot = 0
        self.assertEqual((duties.get_slot_duty(slot), duties.get_slot_node(slot)),
                         ("special_meetings", "k-city"))
        self.assertEqual((duties.get_slot_from(slot), duties.get_slot_until(slot)),
                         (instant("2026-01-01"), instant("2027-01-01")))
        self.assertEqual(statuses[slot], Resp.SlotStatus.UNFULFILLED)
        self.assertEqual((duties.get_slot_required(slot), duties.get_slot_count(slot)), (2, 1))
        self.assertEqual(duties.dup_slot_entries(slot), ["m-city-2026-1"])
        self.assertEqual(duties.dup_slot_missing(slot), [])
        self.assertEqual(duties.get_slot_n_people(slot), 2)
        self.assertEqual([duties.get_slot_person(slot, i) for i in range(2)], ["p-liu", "p-zhou"])
        self.assertEqual([duties.get_slot_person_role(slot, i) for i in range(2)],
                         [Resp.Role.DIRECT_RESPONSIBLE, Resp.Role.FIRST_RESPONSIBLE])
        self.assertEqual(duties.get_slot_person_category(slot, 0), Resp.Category.PRIMARY_LEADERSHIP)
        self.assertEqual((duties.get_slot_person_from(slot, 1), duties.get_slot_person_until(slot, 1)),
                         (instant("2026-01-01"), instant("2027-01-01")))
        self.assertEqual(duties.dup_slot_person_authority(slot, 0), ["k-prov"])
        self.assertEqual(duties.dup_slot_person_proposer(slot, 0), ["u-prov-cac"])
        # the hospital's committee has no complete record of meetings: unknown, and why
        unknown = [i for i in range(duties.get_n_slots())
                   if (duties.get_slot_duty(i), duties.get_slot_node(i)) == ("special_meetings", "k-hospital")]
        self.assertEqual(statuses[unknown[0]], Resp.SlotStatus.UNKNOWN)
        self.assertEqual(duties.dup_slot_missing(unknown[0]), ["special_meeting"])
        self.assertEqual(duties.get_slot_person(unknown[0], 0), "p-luo")
        # notices
        self.assertEqual([(duties.get_notice_id(i), Resp.notice_status_to_string(duties.get_notice_status(i)))
                          for i in range(duties.get_n_notices())],
                         [("n-2024-09", "unknown"), ("n-2026-01", "rectified"), ("n-2026-02", "late"),
                          ("n-2026-03", "overdue"), ("n-2026-04", "open")])
        # scorecards: the score through its (out) parameter, null where nothing was judged
        cards = {duties.get_scorecard_committee(i): i for i in range(duties.get_n_scorecards())}
        self.assertEqual(len(cards), 12)
        city = cards["k-city"]
        self.assertEqual([duties.get_scorecard_count(city, s) for s in (Resp.SlotStatus.FULFILLED,
                                                                        Resp.SlotStatus.UNFULFILLED)], [5, 2])
        ok, score = duties.get_scorecard_score(city)
        self.assertTrue(ok)
        self.assertAlmostEqual(score, 5 / 7)
        self.assertEqual(duties.get_scorecard_score(cards["k-hospital"]), (True, 0.0))
        self.assertEqual(duties.dup_scorecard_report_to(city), ["u-prov-org"])
        self.assertEqual(duties.dup_scorecard_report_to(cards["k-hospital"]), ["k-city-health"])
        self.assertEqual(duties.dup_scorecard_report_to(cards["k-prov"]), [])
        # one node
        one = self.model.check_duties(local, Resp.Record.new_from_file(self.model, local, RECORD)[0],
                                      instant("2026-01-01"), instant("2027-01-01"), instant("2027-01-10"),
                                      "k-city")
        self.assertEqual([one.get_scorecard_committee(i) for i in range(one.get_n_scorecards())], ["k-city"])
        self.assertEqual(one.render(Resp.Format.JSON), tool_duties("--rulebook", LOCAL, "--node", "k-city"))
        # the 2025 portal's 测评: 张某 left on 2025-10-31 and 陈某 came on 2025-11-24
        record, _ = Resp.Record.new_from_file(self.model, local, RECORD)
        y2025 = self.model.check_duties(local, record, instant("2025-01-01"), instant("2026-01-01"),
                                        instant("2027-01-10"), "s-portal")
        portal = [i for i in range(y2025.get_n_slots())
                  if y2025.get_slot_duty(i) == "protection_assessment_l3"][0]
        self.assertEqual(y2025.get_slot_status(portal), Resp.SlotStatus.UNFULFILLED)
        self.assertEqual([(y2025.get_slot_person(portal, i),
                           Resp.instant_format(y2025.get_slot_person_from(portal, i)),
                           Resp.instant_format(y2025.get_slot_person_until(portal, i)))
                          for i in range(y2025.get_slot_n_people(portal))],
                         [("p-chen", "2025-11-24T00:00:00+08:00", "2026-01-01T00:00:00+08:00"),
                          ("p-zhang", "2025-01-01T00:00:00+08:00", "2025-10-31T00:00:00+08:00"),
                          ("p-zhao", "2025-01-01T00:00:00+08:00", "2026-01-01T00:00:00+08:00")])
        # errors are GLib errors
        with self.assertRaises(GLib.Error) as cm:
            self.model.check_duties(local, record, 0, 10, 0, "k-nope")
        self.assertEqual(cm.exception.code, Resp.Error.NOT_FOUND)
        with self.assertRaises(GLib.Error) as cm:
            self.model.check_duties(local, record, instant("2027-01-01"), instant("2026-01-01"), 0, None)
        self.assertEqual(cm.exception.code, Resp.Error.INVALID_ARGUMENT)

    def test_duties_misuse_is_no_crash(self):
        local = Resp.Rulebook.new_shipped(LOCAL)
        record, _ = Resp.Record.new_from_file(self.model, local, RECORD)
        at = instant("2027-01-10")
        # a record loaded for another rulebook (the same one, loaded again) or another model
        with criticals() as caught:
            self.assertIsNone(self.model.check_duties(Resp.Rulebook.new_shipped(LOCAL), record,
                                                      instant("2026-01-01"), instant("2027-01-01"), at, None))
            other, _ = Resp.Model.new_from_file(CITY)
            self.assertIsNone(other.check_duties(local, record, instant("2026-01-01"), instant("2027-01-01"),
                                                 at, None))
        self.assertEqual(len(caught), 2)
        self.assertIn("loaded for another model or rulebook", caught[0])
        # indices out of range: a critical each and an empty answer
        duties = self.model.check_duties(local, record, instant("2026-01-01"), instant("2027-01-01"), at, None)
        n = duties.get_n_slots()
        with criticals() as caught:
            self.assertIsNone(duties.get_slot_duty(n))
            self.assertEqual(duties.get_slot_count(n), 0)
            self.assertEqual(duties.dup_slot_entries(n) or [], [])
            self.assertIsNone(duties.get_slot_person(0, duties.get_slot_n_people(0)))
            self.assertEqual(duties.dup_slot_person_authority(n, 0) or [], [])
            self.assertFalse(duties.get_scorecard_score(duties.get_n_scorecards())[0])
            self.assertEqual(duties.dup_scorecard_report_to(duties.get_n_scorecards()) or [], [])
            self.assertIsNone(duties.get_notice_id(duties.get_n_notices()))
            # a duty report has no picture
            self.assertIsNone(duties.render(Resp.Format.DOT))
        self.assertEqual(len(caught), 9)
        self.assertIsNotNone(duties.render(Resp.Format.CSV))

    def test_example_program(self):
        out = subprocess.run([sys.executable, os.path.join(SRC, "examples", "assess.py"), CITY, EVENTS],
                             capture_output=True, text=True, check=True).stdout
        tool = subprocess.run([os.path.join(BUILD, "tools", "resp", "resp"), "assess", CITY, EVENTS,
                               "--format", "json"], capture_output=True, text=True, check=True).stdout
        self.assertEqual(out, tool)


if __name__ == "__main__":
    unittest.main(verbosity=2)
