/* test-event.c: event files (SPEC §4.1–4.2), checked against city.json and
 * the default rulebook: one object, an array or JSON Lines; every error with
 * its code and position; absent and null facts are unknown
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-common.h"

#include <stdio.h>
#include <string.h>

/* ---- Helpers ---- */

/* Events are written with single quotes, loaded as ev.json against
 * city.json and the default rulebook. */
static const TestLoader event_loader = { TEST_INPUT_CITY_EVENTS, "ev.json", TRUE };

static RespEventBatch *
events_load (const char  *text,
             GPtrArray  **diagnostics,
             GError     **error)
{
  char *json = test_json_of (text);
  RespEventBatch *batch = test_loader_load (&event_loader, json, -1, diagnostics, error);

  g_free (json);
  return batch;
}

static RespEventBatch *
events_load_ok_at (int         caller,
                   const char *text)
{
  GPtrArray *diags = NULL;
  GError *error = NULL;
  RespEventBatch *batch = events_load (text, &diags, &error);

  if (batch == NULL)
    fprintf (stderr, "\n  line %d: the events do not load: %s\n", caller, error->message);
  test_report_at (caller, batch != NULL, "the events load");
  test_report_at (caller, error == NULL, "no error");
  test_report_at (caller, diags != NULL && diags->len == 0, "no diagnostics");
  g_clear_error (&error);
  if (diags != NULL)
    g_ptr_array_unref (diags);
  return batch;
}
#define events_load_ok(text) events_load_ok_at (__LINE__, (text))

/* The missing facts of circumstance id, joined with ',' ("" if none). */
static char *
circumstance_missing (RespVerdict *v,
                      const char  *id)
{
  int k = test_find_circumstance (v, id);
  char **missing;
  char *joined;

  if (k < 0)
    return g_strdup ("(not listed)");
  missing = resp_verdict_dup_circumstance_missing (v, (guint) k);
  joined = g_strjoinv (",", missing);
  g_strfreev (missing);
  return joined;
}

/* Events written with single quotes, assessed alone */
static RespVerdict *
assess_one_at (int         caller,
               const char *text)
{
  char *json = test_json_of (text);
  RespVerdict *v = test_assess_one_in (__FILE__, caller, test_city_model, test_city_rulebook, json);

  g_free (json);
  return v;
}
#define assess_one(text) assess_one_at (__LINE__, (text))

/* ---- What loads ---- */

#define ONE_EVENT(id, subject) \
  "{'format': 'libresp/event/1', 'id': '" id "', 'title': 'T " id "', " \
  "'occurred_at': '2026-03-05T08:10:00+08:00', 'systems': ['" subject "'], " \
  "'facts': {'attacked': true, 'handled_in_time': false, 'outage_hours': 7.5}}"

/* Loads text, which must give the events of ids (space-separated) in that
 * order, as a list or not; hands them over through out unless it is NULL. */
static void
expect_events_at (int              caller,
                  const char      *text,
                  gboolean         is_list,
                  const char      *ids,
                  RespEventBatch **out)
{
  RespEventBatch *batch = events_load_ok_at (caller, text);
  GString *got = g_string_new (NULL);
  char *what;

  for (guint i = 0; batch != NULL && i < resp_event_batch_get_n_events (batch); i++)
    g_string_append_printf (got, "%s%s", i ? " " : "",
                            resp_event_get_id (resp_event_batch_get_event (batch, i)));
  what = g_strdup_printf ("the events [%s], got [%s]", ids, got->str);
  test_report_at (caller, strcmp (got->str, ids) == 0, what);
  test_report_at (caller, batch != NULL && resp_event_batch_get_is_list (batch) == is_list,
                  is_list ? "a list" : "not a list");
  g_free (what);
  g_string_free (got, TRUE);
  if (out != NULL)
    *out = batch;
  else if (batch != NULL)
    resp_event_batch_unref (batch);
}
#define expect_events(text, is_list, ids, out) \
  expect_events_at (__LINE__, (text), (is_list), (ids), (out))

static void
test_one_object (void)
{
  RespEventBatch *batch;
  RespEvent *ev;

  expect_events ("\n  " ONE_EVENT ("2026-031", "s-portal") "\n\n", FALSE, "2026-031", &batch);
  CU_ASSERT_PTR_NOT_NULL_FATAL (batch);
  ev = resp_event_batch_get_event (batch, 0);
  CU_ASSERT_PTR_NOT_NULL_FATAL (ev);
  CU_ASSERT_STRING_EQUAL (resp_event_get_id (ev), "2026-031");
  CU_ASSERT_STRING_EQUAL (resp_event_get_title (ev), "T 2026-031");
  CU_ASSERT_EQUAL (resp_event_get_occurred_at (ev), test_instant ("2026-03-05T08:10:00+08:00"));
  resp_event_batch_unref (batch);

  /* the least an event needs: an id, an instant, a subject */
  expect_events ("{'id': 'e', 'occurred_at': '2026-03-05', 'units': ['u-data-center']}",
                 FALSE, "e", &batch);
  CU_ASSERT_PTR_NOT_NULL_FATAL (batch);
  ev = resp_event_batch_get_event (batch, 0);
  CU_ASSERT_PTR_NULL (resp_event_get_title (ev));
  /* a date is 00:00 at +08:00 that day */
  CU_ASSERT_EQUAL (resp_event_get_occurred_at (ev), test_instant ("2026-03-04T16:00:00Z"));
  resp_event_batch_unref (batch);
}

static void
test_array (void)
{
  expect_events ("[\n " ONE_EVENT ("e1", "s-portal") ",\n " ONE_EVENT ("e2", "s-news") "\n]\n",
                 TRUE, "e1 e2", NULL);
  /* an array of one is still a list */
  expect_events ("[" ONE_EVENT ("e1", "s-portal") "]", TRUE, "e1", NULL);
}

static void
test_json_lines (void)
{
  expect_events (ONE_EVENT ("e1", "s-portal") "\n" ONE_EVENT ("e2", "s-news") "\n",
                 TRUE, "e1 e2", NULL);
  /* blank lines, CRLF and no final newline */
  expect_events (ONE_EVENT ("e1", "s-portal") "\r\n\r\n"
                 ONE_EVENT ("e2", "s-news") "\r\n  \n"
                 ONE_EVENT ("e3", "s-app"),
                 TRUE, "e1 e2 e3", NULL);
}

static void
test_from_file (void)
{
  char *path = test_src_path ("examples/data/events.json");
  GError *error = NULL;
  RespEventBatch *batch = resp_event_batch_new_from_file (test_city_model, test_city_rulebook, path,
                                                          NULL, &error);

  if (batch == NULL)
    fprintf (stderr, "\n  %s: %s\n", path, error->message);
  CU_ASSERT_PTR_NOT_NULL (batch);
  if (batch != NULL)
    {
      CU_ASSERT (resp_event_batch_get_n_events (batch) >= 1);
      resp_event_batch_unref (batch);
    }
  g_clear_error (&error);
  g_free (path);

  batch = resp_event_batch_new_from_file (test_city_model, test_city_rulebook,
                                          "/nonexistent/events.json", NULL, &error);
  CU_ASSERT_PTR_NULL (batch);
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_IO));
  g_clear_error (&error);
}

/* ---- Errors ---- */

/* An event, one member a line: line 3 the instant, lines 4 and 5 the
 * members under test. */
#define EV3(l3, l4, l5) \
  "{'format': 'libresp/event/1',\n" \
  " 'id': 'e1',\n" \
  l3 ",\n" \
  l4 ",\n" \
  l5 "}\n"

#define AT_OK " 'occurred_at': '2026-03-05T08:10:00+08:00'"
#define SUBJECT_OK " 'systems': ['s-portal']"
#define FACTS_OK " 'facts': {'attacked': true}"
#define EV(l4, l5) EV3 (AT_OK, l4, l5)
#define EV_FACTS(l5) EV (SUBJECT_OK, l5)

static const TestErrorCase error_cases[] = {
  /* facts */
  { "unknown fact", EV_FACTS (" 'facts': {'attacked': true, 'tamperd': true}"),
    RESP_ERROR_UNKNOWN_FACT, 5, 30, "did you mean 'tampered'?" },
  { "bool given a string", EV_FACTS (" 'facts': {'attacked': 'yes'}"),
    RESP_ERROR_BAD_VALUE, 5, 24, "attacked" },
  { "integer given 1.5", EV_FACTS (" 'facts': {'leak_personal_info_records': 1.5}"),
    RESP_ERROR_BAD_VALUE, 5, 42, "leak_personal_info_records" },
  { "negative hours", EV_FACTS (" 'facts': {'outage_hours': -1}"),
    RESP_ERROR_BAD_VALUE, 5, 28, "outage_hours" },
  { "negative count", EV_FACTS (" 'facts': {'leak_personal_info_records': -5}"),
    RESP_ERROR_BAD_VALUE, 5, 42, "leak_personal_info_records" },
  { "number given a string", EV_FACTS (" 'facts': {'outage_hours': '7'}"),
    RESP_ERROR_BAD_VALUE, 5, 28, "outage_hours" },
  { "number given a boolean", EV_FACTS (" 'facts': {'outage_hours': true}"),
    RESP_ERROR_BAD_VALUE, 5, 28, "outage_hours" },
  { "facts not an object", EV_FACTS (" 'facts': ['attacked']"),
    RESP_ERROR_BAD_VALUE, 5, 11, "facts" },
  { "a fact twice", EV_FACTS (" 'facts': {'attacked': true, 'attacked': false}"),
    RESP_ERROR_DUPLICATE_KEY, 5, 30, "attacked" },
  /* subjects */
  { "unknown subject", EV (" 'systems': ['s-portl']", FACTS_OK),
    RESP_ERROR_DANGLING_REFERENCE, 4, 14, "s-portl" },
  { "a unit under systems", EV (" 'systems': ['u-data-center']", FACTS_OK),
    RESP_ERROR_WRONG_ENDPOINT, 4, 14, "u-data-center" },
  { "a system under units", EV (" 'systems': ['s-portal'], 'units': ['s-news']", FACTS_OK),
    RESP_ERROR_WRONG_ENDPOINT, 4, 37, "s-news" },
  { "a subject with U+0000, not s-portal", EV (" 'systems': ['s-portal\\u0000x']", FACTS_OK),
    RESP_ERROR_BAD_VALUE, 4, 14, "a string must not contain U+0000" },
  { "no subject", EV (" 'title': 'T'", FACTS_OK),
    RESP_ERROR_MISSING_KEY, 1, 1, "subject" },
  { "empty subjects", EV (" 'systems': [], 'units': []", FACTS_OK),
    RESP_ERROR_BAD_VALUE, 1, 1, "subject" },
  /* involved */
  { "unknown involved person", EV_FACTS (" 'involved': ['p-nobody']"),
    RESP_ERROR_DANGLING_REFERENCE, 5, 15, "p-nobody" },
  { "a unit involved", EV_FACTS (" 'involved': ['p-li', 'u-data-center']"),
    RESP_ERROR_WRONG_ENDPOINT, 5, 23, "u-data-center" },
  /* decisions */
  { "decision without committee", EV_FACTS (" 'decisions': [{'participants': ['p-li']}]"),
    RESP_ERROR_MISSING_KEY, 5, 16, "committee" },
  { "decision of an unknown committee",
    EV_FACTS (" 'decisions': [{'committee': 'k-nobody', 'participants': ['p-li']}]"),
    RESP_ERROR_DANGLING_REFERENCE, 5, 30, "k-nobody" },
  { "decision of a unit",
    EV_FACTS (" 'decisions': [{'committee': 'u-gov-office', 'participants': ['p-li']}]"),
    RESP_ERROR_WRONG_ENDPOINT, 5, 30, "u-gov-office" },
  { "dissent not among the participants",
    EV_FACTS (" 'decisions': [{'committee': 'k-gov-office', 'participants': ['p-li', 'p-lu'], 'dissent': ['p-he']}]"),
    RESP_ERROR_BAD_VALUE, 5, 92, "p-he" },
  /* exemptions */
  { "exemption with an unknown reason", EV_FACTS (" 'exemptions': [{'person': 'p-li', 'reason': 'illness'}]"),
    RESP_ERROR_BAD_VALUE, 5, 46, "illness" },
  { "exemption of an unknown person", EV_FACTS (" 'exemptions': [{'person': 'p-nobody', 'reason': 'dissent'}]"),
    RESP_ERROR_DANGLING_REFERENCE, 5, 28, "p-nobody" },
  { "exemption without person", EV_FACTS (" 'exemptions': [{'reason': 'dissent'}]"),
    RESP_ERROR_MISSING_KEY, 5, 17, "person" },
  /* the timeline (SPEC §9.1) */
  { "report by a person", EV_FACTS (" 'reports': [{'by': 'p-li', 'to': 'u-city-cac', 'at': '2026-03-05T09:00:00+08:00'}]"),
    RESP_ERROR_WRONG_ENDPOINT, 5, 21, "p-li" },
  { "report to an unknown node", EV_FACTS (" 'reports': [{'by': 'u-data-center', 'to': 'u-city-cca', 'at': '2026-03-05T09:00:00+08:00'}]"),
    RESP_ERROR_DANGLING_REFERENCE, 5, 44, "u-city-cca" },
  { "report of an unknown kind", EV_FACTS (" 'reports': [{'by': 'u-data-center', 'to': 'u-city-cac', 'at': '2026-03-05T09:00:00+08:00', 'kind': 'inital'}]"),
    RESP_ERROR_UNKNOWN_REPORT_KIND, 5, 101, "did you mean 'initial'?" },
  { "report without at", EV_FACTS (" 'reports': [{'by': 'u-data-center', 'to': 'u-city-cac'}]"),
    RESP_ERROR_MISSING_KEY, 5, 14, "at" },
  { "report at a bad date", EV_FACTS (" 'reports': [{'by': 'u-data-center', 'to': 'u-city-cac', 'at': '2026-13-01'}]"),
    RESP_ERROR_BAD_DATE, 5, 64, "2026-13-01" },
  { "report at null", EV_FACTS (" 'reports': [{'by': 'u-data-center', 'to': 'u-city-cac', 'at': null}]"),
    RESP_ERROR_BAD_DATE, 5, 64, "null" },
  { "report with an unknown key", EV_FACTS (" 'reports': [{'by': 'u-data-center', 'to': 'u-city-cac', 'at': '2026-03-05', 'via': 'fax'}]"),
    RESP_ERROR_UNKNOWN_ATTRIBUTE, 5, 78, "via" },
  { "reports not an array", EV_FACTS (" 'reports': {}"),
    RESP_ERROR_BAD_VALUE, 5, 13, "reports" },
  { "unknown grade", EV_FACTS (" 'grade': 'majr'"),
    RESP_ERROR_UNKNOWN_GRADE, 5, 11, "did you mean 'major'?" },
  { "closed before discovered", EV_FACTS (" 'discovered_at': '2026-03-05T09:00:00+08:00', 'closed_at': '2026-03-05T08:59:00+08:00'"),
    RESP_ERROR_CLOSED_BEFORE_DISCOVERED, 5, 61, "closed_at" },
  { "discovered_at a bad date", EV_FACTS (" 'discovered_at': '2026-03-05T25:00:00+08:00'"),
    RESP_ERROR_BAD_DATE, 5, 19, "discovered_at" },
  /* occurred_at */
  { "no such date", EV3 (" 'occurred_at': '2026-02-30'", SUBJECT_OK, FACTS_OK),
    RESP_ERROR_BAD_DATE, 3, 17, "2026-02-30" },
  { "date-time without offset", EV3 (" 'occurred_at': '2026-03-05T08:10:00'", SUBJECT_OK, FACTS_OK),
    RESP_ERROR_BAD_DATE, 3, 17, "" },
  { "instant as a number", EV3 (" 'occurred_at': 20260305", SUBJECT_OK, FACTS_OK),
    RESP_ERROR_BAD_DATE, 3, 17, "" },
  { "no instant", EV3 (" 'title': 'T'", SUBJECT_OK, FACTS_OK),
    RESP_ERROR_MISSING_KEY, 1, 1, "occurred_at" },
  /* keys, format, id */
  { "unknown key", EV_FACTS (" 'involvd': ['p-li']"),
    RESP_ERROR_UNKNOWN_ATTRIBUTE, 5, 2, "did you mean 'involved'?" },
  { "unsupported format",
    "{'format': 'libresp/event/2', 'id': 'e1', 'occurred_at': '2026-03-05', 'systems': ['s-portal']}",
    RESP_ERROR_FORMAT, 1, 12, "" },
  { "no id", "{'occurred_at': '2026-03-05', 'systems': ['s-portal']}",
    RESP_ERROR_MISSING_KEY, 1, 1, "id" },
  /* not an event */
  { "malformed JSON",
    "{'format': 'libresp/event/1', 'id': 'e2' 'occurred_at': '2026-03-05', 'systems': ['s-portal']}",
    RESP_ERROR_MALFORMED_JSON, 1, 42, "" },
  { "a number in an array",
    "[{'format': 'libresp/event/1', 'id': 'e1', 'occurred_at': '2026-03-05', 'systems': ['s-portal']}, 1]",
    RESP_ERROR_BAD_VALUE, 1, 99, "" },
};

static void
test_error_cases (void)
{
  test_expect_errors (&event_loader, error_cases);
}

static void
test_valid_variants_of_the_cases (void)
{
  /* the same members, written right, load: the errors above are the
   * errors, not the template */
  RespEventBatch *batch = events_load_ok (
      EV (" 'systems': ['s-portal'], 'units': ['u-data-center']",
          " 'facts': {'attacked': true, 'tampered': false, 'outage_hours': 0, 'leak_personal_info_records': 12},\n"
          " 'involved': ['p-zhao'],\n"
          " 'decisions': [{'committee': 'k-gov-office', 'participants': ['p-li', 'p-lu'], 'dissent': ['p-lu']}],\n"
          " 'exemptions': [{'person': 'p-li', 'reason': 'duty_fulfilled', 'note': '不可抗力'},\n"
          "                {'person': 'p-he', 'reason': 'exploratory'}],\n"
          " 'discovered_at': '2026-03-05T09:00:00+08:00', 'closed_at': '2026-03-05T09:00:00+08:00',\n"
          " 'grade': 'major',\n"
          " 'reports': [{'by': 'u-data-center', 'to': 'u-city-cac', 'at': '2026-03-05T09:30:00+08:00'},\n"
          "             {'by': 'u-data-center', 'to': 'u-city-cac', 'at': '2026-03-05', 'kind': 'summary'},\n"
          "             {'by': 'u-data-center', 'to': 'u-city-cac', 'at': '2026-03-05', 'kind': 'supplement'}]"));

  CU_ASSERT_PTR_NOT_NULL (batch);
  if (batch != NULL)
    resp_event_batch_unref (batch);
}

/* Every problem of a timeline in one pass, each at its value (SPEC §9.1),
 * and nothing loaded; discovered_at before occurred_at is no error (an
 * investigation may fix the instant later than the discovery). */
static void
test_timeline_errors_in_one_pass (void)
{
  static const TestDiagnostic all[] = {
    { RESP_ERROR_UNKNOWN_GRADE, 3, 11, "'large-ish'" },
    { RESP_ERROR_CLOSED_BEFORE_DISCOVERED, 4, 15, "is before 'discovered_at'" },
    { RESP_ERROR_DANGLING_REFERENCE, 5, 21, "u-nobody" },
    { RESP_ERROR_WRONG_ENDPOINT, 5, 39, "s-portal" },
    { RESP_ERROR_UNKNOWN_REPORT_KIND, 6, 86, "'final'" },
  };

  test_refuse (&event_loader,
      "{'format': 'libresp/event/1', 'id': 'e1', 'occurred_at': '2026-03-05T08:10:00+08:00',\n"
      " 'systems': ['s-portal'], 'discovered_at': '2026-03-04T08:10:00+08:00',\n"
      " 'grade': 'large-ish',\n"
      " 'closed_at': '2026-03-01',\n"
      " 'reports': [{'by': 'u-nobody', 'to': 's-portal', 'at': '2026-03-05T09:00:00+08:00'},\n"
      "             {'by': 'u-data-center', 'to': 'u-city-cac', 'at': '2026-03-05', 'kind': 'final'}]}\n",
      all);
}

/* Two events a line; the error is on the second line. */
#define LINE_OK(id) \
  "{'format': 'libresp/event/1', 'id': '" id "', 'occurred_at': '2026-03-05', 'systems': ['s-portal']}"
#define LINE_DANGLING(id) \
  "{'format': 'libresp/event/1', 'id': '" id "', 'occurred_at': '2026-03-05', 'systems': ['s-portl']}"
#define LINE_UNKNOWN_FACT(id) \
  "{'format': 'libresp/event/1', 'id': '" id "', 'occurred_at': '2026-03-05', 'systems': ['s-portal'], 'facts': {'tamperd': true}}"

static void
test_json_lines_errors (void)
{
  static const TestDiagnostic second_line[] = {
    { RESP_ERROR_DANGLING_REFERENCE, 2, 84 },
  };
  static const TestDiagnostic after_a_blank[] = {
    { RESP_ERROR_UNKNOWN_FACT, 3, 107, "did you mean 'tampered'?" },
  };
  static const TestDiagnostic several_lines[] = {
    { RESP_ERROR_UNKNOWN_FACT, 1, 107 },
    { RESP_ERROR_DANGLING_REFERENCE, 3, 84 },
  };
  static const TestDiagnostic syntax[] = {
    { RESP_ERROR_MALFORMED_JSON, 2, 42 },
  };
  GPtrArray *diags = NULL;
  GError *error = NULL;
  RespEventBatch *batch;

  /* the second line */
  test_refuse (&event_loader, LINE_OK ("e1") "\n" LINE_DANGLING ("e2") "\n", second_line);

  /* blank lines count */
  test_refuse (&event_loader, LINE_OK ("e1") "\n\n" LINE_UNKNOWN_FACT ("e3") "\n",
               after_a_blank);

  /* errors on several lines: all of them, in order */
  test_refuse (&event_loader,
               LINE_UNKNOWN_FACT ("e1") "\n" LINE_OK ("e2") "\n" LINE_DANGLING ("e3") "\n",
               several_lines);

  /* a syntax error on the second line is reported where it is (SPEC §3.4:
   * the line and column of the offending value), not as trailing data
   * after the first line */
  batch = events_load (LINE_OK ("e1") "\n"
                       "{'format': 'libresp/event/1', 'id': 'e2' 'occurred_at': '2026-03-05', 'systems': ['s-portal']}\n",
                       &diags, &error);
  CU_ASSERT_PTR_NULL (batch);
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_MALFORMED_JSON));
  CU_ASSERT_PTR_NOT_NULL_FATAL (diags);
  CU_ASSERT_FATAL (diags->len >= 1);
  /* what follows a syntax error is not this test's business: the first */
  g_ptr_array_set_size (diags, 1);
  test_diagnostics (diags, "ev.json", syntax);
  g_clear_error (&error);
  g_ptr_array_unref (diags);
}

static void
test_array_all_or_nothing (void)
{
  static const TestDiagnostic three[] = {
    { RESP_ERROR_BAD_DATE, 3, 30 },
    { RESP_ERROR_BAD_VALUE, 3, 91 },
    { RESP_ERROR_DANGLING_REFERENCE, 4, 85 },
  };
  static const TestDiagnostic the_last[] = {
    { RESP_ERROR_DANGLING_REFERENCE, 2, 85 },
  };
  RespEventBatch *batch;

  /* one valid event, one with two errors, one with one: no batch, and
   * every error, in file order */
  test_refuse (&event_loader,
               "[\n"
               " " LINE_OK ("e1") ",\n"
               " {'id': 'e2', 'occurred_at': '2026-13-01', 'systems': ['s-portal'], 'facts': {'attacked': 1}},\n"
               " " LINE_DANGLING ("e3") "\n"
               "]\n",
               three);

  /* only the last of many is bad: still nothing */
  test_refuse (&event_loader,
               "[" LINE_OK ("e1") ", " LINE_OK ("e2") ", " LINE_OK ("e3") ",\n "
               LINE_DANGLING ("e4") "]",
               the_last);

  /* without an error location it fails all the same */
  batch = events_load ("[" LINE_OK ("e1") ", " LINE_DANGLING ("e2") "]", NULL, NULL);
  CU_ASSERT_PTR_NULL (batch);
}

/* A top-level array is read element by element, but what it answers is
 * the whole document's: a syntax error or U+0000 anywhere in it is its
 * error, whatever the events before it hold, and an empty array is an
 * empty list. */
static void
test_array_read_by_element (void)
{
  static const TestDiagnostic trailing[] = {
    { RESP_ERROR_MALFORMED_JSON, 4, 3 },
  };
  static const TestDiagnostic nul[] = {
    { RESP_ERROR_BAD_VALUE, 4, 38 },
  };
  static const TestDiagnostic cut[] = {
    { RESP_ERROR_MALFORMED_JSON, 152, 1 },
  };
  GString *many = g_string_new ("[\n");

  expect_events ("[]", TRUE, "", NULL);
  expect_events (" [ \n ] \n", TRUE, "", NULL);

  /* a bad event, a good one, then data after the array: only the data */
  test_refuse (&event_loader,
               "[\n"
               " " LINE_DANGLING ("e1") ",\n"
               " " LINE_OK ("e2") "\n"
               "] x\n",
               trailing);

  /* U+0000 in the third event's id: only that, not the first's error */
  test_refuse (&event_loader,
               "[\n"
               " " LINE_DANGLING ("e1") ",\n"
               " " LINE_OK ("e2") ",\n"
               " {'format': 'libresp/event/1', 'id': 'e3\\u0000', 'occurred_at': '2026-03-05', 'systems': ['s-portal']}\n"
               "]\n",
               nul);

  /* 150 bad events, more than max_errors, and the array never closed: the
   * end of the input is the error */
  for (guint i = 0; i < 150; i++)
    g_string_append_printf (many, " {'format': 'libresp/event/1', 'id': 'e%u', 'occurred_at': '2026-03-05', "
                            "'systems': ['s-portl']}%s\n", i, i < 149 ? "," : "");
  test_refuse (&event_loader, many->str, cut);
  g_string_free (many, TRUE);
}

/* ---- Unknown facts ---- */

/* s-news: a key news site whose operator is in the prefectural region
 * r-city. Every fact another circumstance reads is stated false, so art8.2
 * alone can be open. */
#define NEWS_EVENT(attacked, handled, outage_member) \
  "{'format': 'libresp/event/1', 'id': 'e-news', 'occurred_at': '2026-03-05T08:10:00+08:00',\n" \
  " 'systems': ['s-news'],\n" \
  " 'facts': {" attacked handled outage_member \
  "'tampered': false, 'reported_in_time': true,\n" \
  "   'leak_state_secrets': false, 'leak_personal_info_mass': false,\n" \
  "   'leak_personal_info_records': 0, 'leak_basic_data': false,\n" \
  "   'concealed': false, 'refused_investigation': false, 'notified_risk_unrectified': false,\n" \
  "   'obstructed_security_organs': false, 'other_serious': false,\n" \
  "   'supervision_failed': false, 'coordination_failed': false}}\n"

/* Assesses text, whose verdict must be undetermined, art8.2 wanting the
 * facts missing (sorted, joined with ','), and hold nobody on the strength
 * of an unknown fact; returns it for more checks. */
static RespVerdict *
expect_undetermined_at (int         caller,
                        const char *text,
                        const char *missing)
{
  RespVerdict *v = assess_one_at (caller, text);
  char *got, *what;

  if (v == NULL)
    return NULL;
  test_report_at (caller, resp_verdict_get_status (v) == RESP_VERDICT_UNDETERMINED,
                  "the verdict is undetermined");
  test_report_at (caller,
                  test_circumstance_status (v, "art8.2") == RESP_CIRCUMSTANCE_UNDETERMINED,
                  "art8.2 is undetermined");
  got = circumstance_missing (v, "art8.2");
  what = g_strdup_printf ("art8.2 misses [%s], got [%s]", missing, got);
  test_report_at (caller, strcmp (got, missing) == 0, what);
  test_report_at (caller, resp_verdict_get_n_liable (v) == 0, "nobody is liable");
  g_free (what);
  g_free (got);
  return v;
}
#define expect_undetermined(text, missing) expect_undetermined_at (__LINE__, (text), (missing))

static void
test_absent_fact_is_unknown (void)
{
  RespVerdict *v = expect_undetermined (NEWS_EVENT ("'attacked': true, ",
                                                    "'handled_in_time': false, ", ""),
                                        "outage_hours");

  CU_ASSERT_PTR_NOT_NULL_FATAL (v);
  /* the others are decided */
  CU_ASSERT_EQUAL (test_circumstance_status (v, "art8.1"), RESP_CIRCUMSTANCE_DOES_NOT_HOLD);
  CU_ASSERT_EQUAL (test_circumstance_status (v, "art8.3"), RESP_CIRCUMSTANCE_DOES_NOT_HOLD);
  CU_ASSERT_EQUAL (test_circumstance_status (v, "art8.5"), RESP_CIRCUMSTANCE_DOES_NOT_HOLD);
  CU_ASSERT_EQUAL (resp_verdict_get_n_exempt (v), 0);
  resp_verdict_unref (v);
}

static void
test_null_fact_is_unknown (void)
{
  RespVerdict *v = expect_undetermined (NEWS_EVENT ("'attacked': true, ",
                                                    "'handled_in_time': false, ",
                                                    "'outage_hours': null, "),
                                        "outage_hours");

  g_clear_pointer (&v, resp_verdict_unref);
  /* null is accepted for every type of fact, not a wrong type; the facts
   * are listed once each, sorted */
  v = expect_undetermined (NEWS_EVENT ("'attacked': null, ", "'handled_in_time': null, ",
                                       "'outage_hours': null, "),
                           "attacked,handled_in_time,outage_hours");
  g_clear_pointer (&v, resp_verdict_unref);
}

static void
test_unknown_that_decides_nothing (void)
{
  /* false AND unknown = false: not attacked, so the outage does not matter */
  RespVerdict *v = assess_one (NEWS_EVENT ("'attacked': false, ", "'handled_in_time': false, ", ""));

  CU_ASSERT_PTR_NOT_NULL_FATAL (v);
  CU_ASSERT_EQUAL (resp_verdict_get_status (v), RESP_VERDICT_NOT_TRIGGERED);
  CU_ASSERT_EQUAL (test_circumstance_status (v, "art8.2"), RESP_CIRCUMSTANCE_DOES_NOT_HOLD);
  resp_verdict_unref (v);

  /* and once the fact is stated the verdict is decided */
  v = assess_one (NEWS_EVENT ("'attacked': true, ", "'handled_in_time': false, ", "'outage_hours': 7, "));
  CU_ASSERT_PTR_NOT_NULL_FATAL (v);
  CU_ASSERT_EQUAL (resp_verdict_get_status (v), RESP_VERDICT_TRIGGERED);
  CU_ASSERT_EQUAL (test_circumstance_status (v, "art8.2"), RESP_CIRCUMSTANCE_HOLDS);
  CU_ASSERT (resp_verdict_get_n_liable (v) > 0);
  resp_verdict_unref (v);
}

/* ---- Events one at a time (resp_events_foreach_in_file) ---- */

typedef struct {
  GString *ids;      /* the ids handed over, space-separated */
  guint    n;
  guint    stop_at;  /* 0: never stop */
} Collect;

static gboolean
collect (RespEvent *event, gpointer data)
{
  Collect *c = data;

  g_string_append_printf (c->ids, "%s%s", c->n > 0 ? " " : "", resp_event_get_id (event));
  c->n++;
  return c->stop_at == 0 || c->n < c->stop_at;
}

/* n events e0 … e(n-1) as JSON Lines, or as an array; the one at bad (if
 * below n) names a system the model lacks, on its line (bad + 1), or on
 * line bad + 2 of the array */
static char *
many_events (guint n, gboolean array, guint bad)
{
  GString *s = g_string_new (array ? "[\n" : "");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "{\"format\": \"libresp/event/1\", \"id\": \"e%u\", \"title\": \"T\", "
                            "\"occurred_at\": \"2026-03-05T08:10:00+08:00\", \"systems\": [\"%s\"], "
                            "\"facts\": {\"attacked\": true}}%s\n",
                            i, i == bad ? "s-nowhere" : "s-news", array && i + 1 < n ? "," : "");
  if (array)
    g_string_append (s, "]\n");
  return g_string_free (s, FALSE);
}

/* The events of a file handed over one by one, in order, whether they are
 * few (kept from the check) or many (read again): the same as the batch */
static void
test_foreach_in_file (void)
{
  static const guint sizes[] = { 1, 3, 4096, 4097, 9000 };

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    for (int array = 0; array < 2; array++)
      {
        char *dir, *text = many_events (sizes[k], array, G_MAXUINT);
        char *path = test_write_temp ("events.json", text, &dir);
        Collect c = { g_string_new (NULL), 0, 0 };
        GString *want = g_string_new (NULL);
        GError *error = NULL;
        gboolean is_list = !array;
        RespEventBatch *batch = resp_event_batch_new_from_file (test_city_model, test_city_rulebook, path,
                                                                NULL, NULL);

        CU_ASSERT_PTR_NOT_NULL_FATAL (batch);
        for (guint i = 0; i < resp_event_batch_get_n_events (batch); i++)
          g_string_append_printf (want, "%s%s", i > 0 ? " " : "",
                                  resp_event_get_id (resp_event_batch_get_event (batch, i)));
        CU_ASSERT_TRUE (resp_events_foreach_in_file (test_city_model, test_city_rulebook, path, NULL, collect, &c,
                                                     &is_list, NULL, &error));
        CU_ASSERT_PTR_NULL (error);
        CU_ASSERT_EQUAL (c.n, sizes[k]);
        CU_ASSERT_STRING_EQUAL (c.ids->str, want->str);
        CU_ASSERT_EQUAL (is_list, resp_event_batch_get_is_list (batch));
        CU_ASSERT_EQUAL (is_list, array || sizes[k] > 1);

        /* stopped by the callback: no more calls, and still a success */
        g_string_truncate (c.ids, 0);
        c.n = 0;
        c.stop_at = 2;
        CU_ASSERT_TRUE (resp_events_foreach_in_file (test_city_model, test_city_rulebook, path, NULL, collect, &c,
                                                     NULL, NULL, NULL));
        CU_ASSERT_EQUAL (c.n, MIN (sizes[k], 2));

        resp_event_batch_unref (batch);
        g_string_free (want, TRUE);
        g_string_free (c.ids, TRUE);
        test_remove_temp (path, dir);
        g_free (text);
      }
}

/* One bad event, the last of many: nothing is handed over, and the
 * diagnostics are the batch's, code and position */
static void
test_foreach_all_or_nothing (void)
{
  for (int array = 0; array < 2; array++)
    {
      char *dir, *text = many_events (5000, array, 4999);
      char *path = test_write_temp ("events.json", text, &dir);
      Collect c = { g_string_new (NULL), 0, 0 };
      GPtrArray *d1 = NULL, *d2 = NULL;
      GError *e1 = NULL, *e2 = NULL;

      CU_ASSERT_PTR_NULL (resp_event_batch_new_from_file (test_city_model, test_city_rulebook, path, &d1, &e1));
      CU_ASSERT_FALSE (resp_events_foreach_in_file (test_city_model, test_city_rulebook, path, NULL, collect, &c,
                                                    NULL, &d2, &e2));
      CU_ASSERT_EQUAL (c.n, 0);
      CU_ASSERT_PTR_NOT_NULL_FATAL (e2);
      CU_ASSERT_TRUE (g_error_matches (e2, RESP_ERROR, RESP_ERROR_DANGLING_REFERENCE));
      CU_ASSERT_STRING_EQUAL (e1->message, e2->message);
      CU_ASSERT_PTR_NOT_NULL_FATAL (d2);
      CU_ASSERT_EQUAL_FATAL (d2->len, 1);
      CU_ASSERT_EQUAL (d1->len, d2->len);
      CU_ASSERT_EQUAL (resp_diagnostic_get_code (d2->pdata[0]), RESP_ERROR_DANGLING_REFERENCE);
      CU_ASSERT_EQUAL (resp_diagnostic_get_line (d2->pdata[0]), array ? 5001 : 5000);
      /* the opening quote of "s-nowhere": 115 characters before it on the line */
      CU_ASSERT_EQUAL (resp_diagnostic_get_column (d2->pdata[0]), 116);
      g_clear_error (&e1);
      g_clear_error (&e2);
      g_ptr_array_unref (d1);
      g_ptr_array_unref (d2);
      g_string_free (c.ids, TRUE);
      test_remove_temp (path, dir);
      g_free (text);
    }
}

static CU_TestInfo tests[] = {
  { "one object", test_one_object },
  { "a JSON array", test_array },
  { "JSON Lines", test_json_lines },
  { "files", test_from_file },
  { "a file's events one at a time", test_foreach_in_file },
  { "one at a time: all or nothing", test_foreach_all_or_nothing },
  { "every error with code and position", test_error_cases },
  { "the cases written right load", test_valid_variants_of_the_cases },
  { "a timeline's errors in one pass", test_timeline_errors_in_one_pass },
  { "errors in JSON Lines", test_json_lines_errors },
  { "an array is all or nothing", test_array_all_or_nothing },
  { "an array read element by element answers as the document", test_array_read_by_element },
  { "an absent fact is unknown", test_absent_fact_is_unknown },
  { "a null fact is unknown", test_null_fact_is_unknown },
  { "an unknown that decides nothing", test_unknown_that_decides_nothing },
  CU_TEST_INFO_NULL,
};

int
main (void)
{
  return test_main_suite ("event", test_city_init, test_city_clean, tests);
}
