/* test-record.c: record files (SPEC §8.2), checked against city.json and the
 * default rulebook: every error class with its code and position, all in one
 * pass, all or nothing; and the queries the duties engine asks of a record,
 * on a small model, with expectations worked out by hand below
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-common.h"
#include "test-builder.h"

#include <stdio.h>
#include <string.h>

#include "resp-record-private.h"

/* Records are written with single quotes, loaded as rec.json against
 * city.json and the default rulebook. */
static const TestLoader record_loader = { TEST_INPUT_CITY_RECORD, "rec.json", TRUE };

/* ---- Errors ---- */

/* A record with the entries under test on lines 3 and 4 and a complete
 * span on line 7, each starting at column 3. */
#define REC(e3, e4, c7) \
  "{'format': 'libresp/record/1',\n" \
  " 'entries': [\n" \
  "  " e3 ",\n" \
  "  " e4 "\n" \
  " ],\n" \
  " 'complete': [\n" \
  "  " c7 "\n" \
  " ]}\n"

#define A1 "{'id': 'a1', 'kind': 'annual_work_report', 'node': 'u-city-cac', 'at': '2026-03-02'}"
#define A2 "{'id': 'a2', 'kind': 'protection_assessment', 'node': 's-portal', 'at': '2026-05-02'}"
#define N1 "{'id': 'n1', 'kind': 'notice', 'node': 's-portal', 'by': 'u-city-cac', " \
           "'at': '2026-02-01', 'due': '2026-03-01'}"
#define SPAN "{'kinds': ['notice', 'rectification'], 'from': '2025-01-01', 'until': '2027-01-01'}"
#define E3(e) REC (e, A2, SPAN)
#define C7(c) REC (A1, A2, c)
/* a1 written with one more member */
#define A1_WITH(member) \
  "{'id': 'a1', 'kind': 'annual_work_report', 'node': 'u-city-cac', 'at': '2026-03-02', " member "}"

static const TestErrorCase error_cases[] = {
  /* the document */
  { "malformed JSON", "{'format': 'libresp/record/1' 'entries': []}",
    RESP_ERROR_MALFORMED_JSON, 1, 31, "" },
  { "unsupported format", "{'format': 'libresp/record/2', 'entries': []}",
    RESP_ERROR_FORMAT, 1, 12, "libresp/record/2" },
  { "no format", "{'entries': []}",
    RESP_ERROR_FORMAT, 1, 1, "missing 'format'" },
  { "not an object", "['libresp/record/1']",
    RESP_ERROR_FORMAT, 1, 1, "a record must be a JSON object" },
  { "no entries", "{'format': 'libresp/record/1'}",
    RESP_ERROR_MISSING_KEY, 1, 1, "missing 'entries'" },
  { "unknown top-level key", "{'format': 'libresp/record/1', 'entries': [], 'complet': []}",
    RESP_ERROR_UNKNOWN_ATTRIBUTE, 1, 47, "did you mean 'complete'?" },
  { "entries not an array", "{'format': 'libresp/record/1', 'entries': {}}",
    RESP_ERROR_BAD_VALUE, 1, 43, "'entries' must be an array" },
  { "an entry not an object", "{'format': 'libresp/record/1', 'entries': ['a1']}",
    RESP_ERROR_BAD_VALUE, 1, 44, "an entry must be an object" },
  { "complete not an array", "{'format': 'libresp/record/1', 'entries': [], 'complete': {}}",
    RESP_ERROR_BAD_VALUE, 1, 59, "'complete' must be an array" },
  /* missing keys: at the entry's '{' */
  { "no id", E3 ("{'kind': 'annual_work_report', 'node': 'u-city-cac', 'at': '2026-03-02'}"),
    RESP_ERROR_MISSING_KEY, 3, 3, "entry: missing 'id'" },
  { "no kind", E3 ("{'id': 'a1', 'node': 'u-city-cac', 'at': '2026-03-02'}"),
    RESP_ERROR_MISSING_KEY, 3, 3, "entry 'a1': missing 'kind'" },
  { "no node", E3 ("{'id': 'a1', 'kind': 'annual_work_report', 'at': '2026-03-02'}"),
    RESP_ERROR_MISSING_KEY, 3, 3, "missing 'node'" },
  { "no at", E3 ("{'id': 'a1', 'kind': 'annual_work_report', 'node': 'u-city-cac'}"),
    RESP_ERROR_MISSING_KEY, 3, 3, "missing 'at'" },
  { "a notice without by",
    E3 ("{'id': 'n2', 'kind': 'notice', 'node': 's-portal', 'at': '2026-02-01', 'due': '2026-03-01'}"),
    RESP_ERROR_MISSING_KEY, 3, 3, "a notice needs 'by'" },
  { "a notice without due",
    E3 ("{'id': 'n2', 'kind': 'notice', 'node': 's-portal', 'by': 'u-city-cac', 'at': '2026-02-01'}"),
    RESP_ERROR_MISSING_KEY, 3, 3, "a notice needs 'due'" },
  { "a rectification without answers",
    E3 ("{'id': 'r1', 'kind': 'rectification', 'node': 's-portal', 'at': '2026-02-20'}"),
    RESP_ERROR_MISSING_KEY, 3, 3, "a rectification needs 'answers'" },
  { "a span without from", C7 ("{'until': '2027-01-01'}"),
    RESP_ERROR_MISSING_KEY, 7, 3, "complete span: missing 'from'" },
  { "a span without until", C7 ("{'from': '2025-01-01'}"),
    RESP_ERROR_MISSING_KEY, 7, 3, "complete span: missing 'until'" },
  /* unknown keys: at the key */
  { "unknown key", E3 (A1_WITH ("'nte': 'x'")),
    RESP_ERROR_UNKNOWN_ATTRIBUTE, 3, 88, "did you mean 'note'?" },
  { "due on a report", E3 (A1_WITH ("'due': '2026-04-01'")),
    RESP_ERROR_UNKNOWN_ATTRIBUTE, 3, 88, "unknown key 'due' for kind 'annual_work_report' (only a notice has 'due')" },
  { "answers on a notice",
    REC ("{'id': 'n2', 'kind': 'notice', 'node': 's-portal', 'by': 'u-city-cac', 'at': '2026-02-01', "
         "'due': '2026-03-01', 'answers': 'n1'}", N1, SPAN),
    RESP_ERROR_UNKNOWN_ATTRIBUTE, 3, 115, "only a rectification has 'answers'" },
  { "unknown key of a span", C7 ("{'kind': ['notice'], 'from': '2025-01-01', 'until': '2027-01-01'}"),
    RESP_ERROR_UNKNOWN_ATTRIBUTE, 7, 4, "did you mean 'kinds'?" },
  /* duplicate id: at the later id */
  { "duplicate id", REC (A1, "{'id': 'a1', 'kind': 'protection_assessment', 'node': 's-portal', 'at': '2026-05-02'}", SPAN),
    RESP_ERROR_DUPLICATE_ID, 4, 10, "entry 'a1': duplicate id (first at line 3)" },
  /* kinds: with the nearest name, declared or built in */
  { "unknown kind", E3 ("{'id': 'a1', 'kind': 'anual_work_report', 'node': 'u-city-cac', 'at': '2026-03-02'}"),
    RESP_ERROR_UNKNOWN_KIND, 3, 24, "unknown kind 'anual_work_report' (did you mean 'annual_work_report'?)" },
  { "a kind the rulebook does not declare, after CJK text",
    E3 ("{'id': 'a1', 'ref': '会议纪要', 'kind': 'special_meeting', 'node': 'u-city-cac', 'at': '2026-03-02'}"),
    RESP_ERROR_UNKNOWN_KIND, 3, 39,
    "unknown kind 'special_meeting' (the rulebook's kinds and the built-in ones: annual_work_report, "
    "protection_assessment, cii_risk_assessment, notice, rectification)" },
  { "unknown kind in a span",
    C7 ("{'kinds': ['notice', 'rectificaton'], 'from': '2025-01-01', 'until': '2027-01-01'}"),
    RESP_ERROR_UNKNOWN_KIND, 7, 24, "did you mean 'rectification'?" },
  /* nodes and persons */
  { "unknown node", E3 ("{'id': 'a1', 'kind': 'annual_work_report', 'node': 'u-city-cca', 'at': '2026-03-02'}"),
    RESP_ERROR_DANGLING_REFERENCE, 3, 54, "unknown node 'u-city-cca' (did you mean 'u-city-cac'?)" },
  { "unknown participant", E3 (A1_WITH ("'participants': ['p-li', 'p-nobody']")),
    RESP_ERROR_DANGLING_REFERENCE, 3, 113, "participant: unknown node 'p-nobody'" },
  { "a unit as a participant", E3 (A1_WITH ("'participants': ['p-li', 'u-city-cac']")),
    RESP_ERROR_WRONG_ENDPOINT, 3, 113, "participant 'u-city-cac' is a unit, not a person" },
  { "a notice by a person",
    E3 ("{'id': 'n2', 'kind': 'notice', 'node': 's-portal', 'by': 'p-li', 'at': '2026-02-01', 'due': '2026-03-01'}"),
    RESP_ERROR_WRONG_ENDPOINT, 3, 60, "'by' 'p-li' is a person, not a unit" },
  { "a notice by nobody",
    E3 ("{'id': 'n2', 'kind': 'notice', 'node': 's-portal', 'by': 'u-nobody', 'at': '2026-02-01', 'due': '2026-03-01'}"),
    RESP_ERROR_DANGLING_REFERENCE, 3, 60, "'by': unknown node 'u-nobody'" },
  { "a span for an unknown node", C7 ("{'node': 'k-ctiy', 'from': '2025-01-01', 'until': '2027-01-01'}"),
    RESP_ERROR_DANGLING_REFERENCE, 7, 12, "did you mean 'k-city'?" },
  /* instants */
  { "no such date", E3 ("{'id': 'a1', 'kind': 'annual_work_report', 'node': 'u-city-cac', 'at': '2026-02-30'}"),
    RESP_ERROR_BAD_DATE, 3, 74, "bad at '2026-02-30'" },
  { "an instant as a number", E3 ("{'id': 'a1', 'kind': 'annual_work_report', 'node': 'u-city-cac', 'at': 20260302}"),
    RESP_ERROR_BAD_DATE, 3, 74, "'at' must be a date string" },
  { "due on the day of the notice",
    E3 ("{'id': 'n2', 'kind': 'notice', 'node': 's-portal', 'by': 'u-city-cac', 'at': '2026-02-01', 'due': '2026-02-01'}"),
    RESP_ERROR_BAD_DUE, 3, 101, "'due' 2026-02-01 is not after 'at' 2026-02-01" },
  { "due before the notice",
    E3 ("{'id': 'n2', 'kind': 'notice', 'node': 's-portal', 'by': 'u-city-cac', 'at': '2026-02-01T12:00:00+08:00', 'due': '2026-02-01'}"),
    RESP_ERROR_BAD_DUE, 3, 116, "is not after 'at' 2026-02-01T12:00:00+08:00" },
  { "an empty span",
    C7 ("{'node': 'k-city', 'kinds': ['annual_work_report'], 'from': '2026-01-01', 'until': '2026-01-01'}"),
    RESP_ERROR_EMPTY_INTERVAL, 7, 86, "'until' 2026-01-01 is not after 'from' 2026-01-01" },
  { "a span ending before it starts",
    C7 ("{'kinds': ['notice', 'rectification'], 'from': '2026-01-01', 'until': '2025-12-31T23:59:59+08:00'}"),
    RESP_ERROR_EMPTY_INTERVAL, 7, 73, "empty interval" },
  /* what a rectification answers (a notice may come later in the file) */
  { "answers nothing",
    E3 ("{'id': 'r1', 'kind': 'rectification', 'node': 's-portal', 'at': '2026-02-20', 'answers': 'n9'}"),
    RESP_ERROR_UNKNOWN_NOTICE, 3, 92, "answers 'n9', which is no entry of the record" },
  { "answers an assessment",
    E3 ("{'id': 'r1', 'kind': 'rectification', 'node': 's-portal', 'at': '2026-02-20', 'answers': 'a2'}"),
    RESP_ERROR_UNKNOWN_NOTICE, 3, 92, "answers 'a2', which is a protection_assessment, not a notice" },
  { "answers a notice to another node",
    REC ("{'id': 'r1', 'kind': 'rectification', 'node': 's-news', 'at': '2026-02-20', 'answers': 'n1'}", N1, SPAN),
    RESP_ERROR_NOTICE_ELSEWHERE, 3, 90, "answers notice 'n1' to 's-portal', not to 's-news'" },
  /* wrong JSON types and bad values */
  { "id a number", E3 ("{'id': 7, 'kind': 'annual_work_report', 'node': 'u-city-cac', 'at': '2026-03-02'}"),
    RESP_ERROR_BAD_VALUE, 3, 10, "'id' must be a string, not a number" },
  { "id with a space", E3 ("{'id': 'a 1', 'kind': 'annual_work_report', 'node': 'u-city-cac', 'at': '2026-03-02'}"),
    RESP_ERROR_BAD_VALUE, 3, 10, "whitespace" },
  { "kind an array", E3 ("{'id': 'a1', 'kind': ['annual_work_report'], 'node': 'u-city-cac', 'at': '2026-03-02'}"),
    RESP_ERROR_BAD_VALUE, 3, 24, "'kind' must be a string, not an array" },
  { "node a number", E3 ("{'id': 'a1', 'kind': 'annual_work_report', 'node': 7, 'at': '2026-03-02'}"),
    RESP_ERROR_BAD_VALUE, 3, 54, "'node' must be a string" },
  { "participants a string", E3 (A1_WITH ("'participants': 'p-li'")),
    RESP_ERROR_BAD_VALUE, 3, 104, "'participants' must be an array" },
  { "a participant a number", E3 (A1_WITH ("'participants': ['p-li', 3]")),
    RESP_ERROR_BAD_VALUE, 3, 113, "a participant must be the id of a person" },
  { "ref a number", E3 (A1_WITH ("'ref': 5")),
    RESP_ERROR_BAD_VALUE, 3, 95, "'ref' must be a string" },
  { "a note with NUL", E3 (A1_WITH ("'note': 'a\\u0000b'")),
    RESP_ERROR_BAD_VALUE, 3, 96, "'note' must not contain NUL" },
  { "kinds a string", C7 ("{'kinds': 'notice', 'from': '2025-01-01', 'until': '2027-01-01'}"),
    RESP_ERROR_BAD_VALUE, 7, 13, "'kinds' must be an array" },
  { "kinds empty", C7 ("{'kinds': [], 'from': '2025-01-01', 'until': '2027-01-01'}"),
    RESP_ERROR_BAD_VALUE, 7, 13, "at least one kind" },
  { "a kind a number", C7 ("{'kinds': ['notice', 1], 'from': '2025-01-01', 'until': '2027-01-01'}"),
    RESP_ERROR_BAD_VALUE, 7, 24, "a kind must be a string" },
};

static void
test_error_cases (void)
{
  test_expect_errors (&record_loader, error_cases);
}

static RespRecord *
record_load_at (int         caller,
                const char *text)
{
  char *json = test_json_of (text);
  GPtrArray *diags = NULL;
  GError *error = NULL;
  RespRecord *rec = test_loader_load (&record_loader, json, -1, &diags, &error);

  if (rec == NULL)
    fprintf (stderr, "\n  line %d: the record does not load: %s\n", caller, error->message);
  test_report_at (caller, rec != NULL, "the record loads");
  test_report_at (caller, diags != NULL && diags->len == 0, "no diagnostics");
  g_clear_error (&error);
  if (diags != NULL)
    g_ptr_array_unref (diags);
  g_free (json);
  return rec;
}
#define record_load(text) record_load_at (__LINE__, (text))

static void
test_valid_variants_of_the_cases (void)
{
  /* the members the cases get wrong, written right: the errors are the
   * errors, not the template; and a rectification before its notice */
  RespRecord *rec = record_load (
      REC ("{'id': 'r1', 'kind': 'rectification', 'node': 's-portal', 'at': '2026-02-20', 'answers': 'n1',\n"
           "   'ref': '整改报告', 'note': '已整改', 'participants': ['p-li', 'p-lu']}",
           N1 ",\n  " A1_WITH ("'participants': []") ",\n  " A2,
           "{'node': 'k-city', 'kinds': ['annual_work_report', 'notice'], 'from': '2026-01-01', "
           "'until': '2026-01-01T00:00:00.000001+08:00'},\n"
           "  {'node': 'p-li', 'from': '2026-01-01', 'until': '2027-01-01'}"));

  CU_ASSERT_PTR_NOT_NULL_FATAL (rec);
  CU_ASSERT_EQUAL (resp_record_get_n_entries (rec), 4);
  resp_record_unref (rec);

  /* an empty record, and one without `complete` */
  rec = record_load ("{'format': 'libresp/record/1', 'entries': []}");
  CU_ASSERT_PTR_NOT_NULL_FATAL (rec);
  CU_ASSERT_EQUAL (resp_record_get_n_entries (rec), 0);
  CU_ASSERT_EQUAL (resp_record_n_notices (rec), 0);
  resp_record_unref (rec);
}

static void
test_all_errors_in_one_pass (void)
{
  static const TestDiagnostic all[] = {
    { RESP_ERROR_UNKNOWN_KIND, 3, 24, "did you mean 'annual_work_report'?" },
    { RESP_ERROR_DANGLING_REFERENCE, 3, 53, "u-city-cca" },
    { RESP_ERROR_NOTICE_ELSEWHERE, 4, 90, "'n1'" },
    { RESP_ERROR_WRONG_ENDPOINT, 5, 60, "p-li" },
    { RESP_ERROR_BAD_DUE, 5, 95, "'due'" },
    { RESP_ERROR_MISSING_KEY, 6, 3, "missing 'node'" },
    { RESP_ERROR_DUPLICATE_ID, 6, 10, "entry 'a1': duplicate id (first at line 3)" },
    { RESP_ERROR_BAD_DATE, 6, 52, "2026-02-31" },
    { RESP_ERROR_EMPTY_INTERVAL, 9, 53, "empty interval" },
  };

  test_refuse (&record_loader,
               "{'format': 'libresp/record/1',\n"
               " 'entries': [\n"
               "  {'id': 'a1', 'kind': 'anual_work_report', 'node': 'u-city-cca', 'at': '2026-03-02'},\n"
               "  {'id': 'r1', 'kind': 'rectification', 'node': 's-news', 'at': '2026-02-20', 'answers': 'n1'},\n"
               "  {'id': 'n1', 'kind': 'notice', 'node': 's-portal', 'by': 'p-li', 'at': '2026-02-01', 'due': '2026-01-01'},\n"
               "  {'id': 'a1', 'kind': 'annual_work_report', 'at': '2026-02-31'}\n"
               " ],\n"
               " 'complete': [\n"
               "  {'node': 'k-city', 'from': '2026-01-01', 'until': '2025-01-01'}\n"
               " ]}\n",
               all);
}

static void
test_error_count_is_capped (void)
{
  GString *text = g_string_new ("{'format': 'libresp/record/1', 'entries': [\n");
  GPtrArray *diags = NULL;
  GError *error = NULL;
  RespRecord *rec;
  char *json;

  /* one unknown node on each of 150 lines */
  for (guint i = 0; i < 150; i++)
    g_string_append_printf (text, "%s{'id': 'e%u', 'kind': 'annual_work_report', 'node': 'nowhere', "
                            "'at': '2026-03-02'}\n", i ? "," : "", i);
  g_string_append (text, "]}\n");
  json = test_json_of (text->str);
  rec = test_loader_load (&record_loader, json, -1, &diags, &error);
  CU_ASSERT_PTR_NULL (rec);
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_DANGLING_REFERENCE));
  CU_ASSERT_PTR_NOT_NULL_FATAL (diags);
  CU_ASSERT_EQUAL (diags->len, RESP_LIMITS_DEFAULT_MAX_ERRORS + 1);
  CU_ASSERT_EQUAL (resp_diagnostic_get_code (diags->pdata[diags->len - 1]), RESP_ERROR_LIMIT);
  CU_ASSERT_EQUAL (resp_diagnostic_get_line (diags->pdata[diags->len - 1]), 101);
  g_ptr_array_unref (diags);
  g_clear_error (&error);
  g_free (json);
  g_string_free (text, TRUE);
}

static void
test_files (void)
{
  char *dir, *path = test_write_temp ("rec.json",
                                      "{\"format\": \"libresp/record/1\", \"entries\": [\n"
                                      "  {\"id\": \"a1\", \"kind\": \"annual_work_report\", "
                                      "\"node\": \"u-city-cac\", \"at\": \"2026-03-02\"}]}\n",
                                      &dir);
  GError *error = NULL;
  GPtrArray *diags = NULL;
  RespRecord *rec = resp_record_new_from_file (test_city_model, test_city_rulebook, path, &diags,
                                               &error);
  RespLimits limits = { 0 };

  CU_ASSERT_PTR_NOT_NULL_FATAL (rec);
  CU_ASSERT_EQUAL (diags->len, 0);
  CU_ASSERT_STRING_EQUAL (resp_record_get_entry_id (rec, 0), "a1");
  resp_record_unref (rec);
  g_ptr_array_unref (diags);

  /* within limits, and not */
  limits.max_file_bytes = 20;
  rec = resp_record_new_from_file_full (test_city_model, test_city_rulebook, path, &limits, NULL,
                                        &error);
  CU_ASSERT_PTR_NULL (rec);
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_LIMIT));
  g_clear_error (&error);
  test_remove_temp (path, dir);

  rec = resp_record_new_from_file (test_city_model, test_city_rulebook, "/nonexistent/rec.json",
                                   NULL, &error);
  CU_ASSERT_PTR_NULL (rec);
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_IO));
  g_clear_error (&error);
}

/* ---- Queries ---- */

/* A small model: one committee, two units, two systems, a person. */
static const char query_model[] =
  "{'format': 'libresp/model/1', 'name': 'q', 'nodes': ["
  COMMITTEE ("k1") ", " UNIT ("u1") ", " UNIT ("u2") ", " SYSTEM ("s1") ", " SYSTEM ("s2") ", "
  PERSON ("p1") "], 'relations': []}";

static RespModel *
query_model_load (void)
{
  char *json = test_json_of (query_model);
  RespModel *m = resp_model_new_from_data (json, -1, "q-model.json", NULL, NULL);

  g_free (json);
  return m;
}

/* Entries out of every order on purpose. s1's protection assessments, by
 * `at`: pa0 (a second before 2026), pa1 (2026-01-01 00:00), pa2x and pa2
 * (the same instant, pa2x first in the file), pa3 (2027-01-01 00:00).
 * Notices by id: n1 (s1), n2 (s1; answered by r2a on 02-20 and r2b on
 * 03-15, written in the other order), n3 (s2; answered by r3, written
 * before it). */
static const char query_record[] =
  "{'format': 'libresp/record/1',\n"
  " 'entries': [\n"
  "  {'id': 'pa2x', 'kind': 'protection_assessment', 'node': 's1', 'at': '2026-06-30T12:00:00+08:00'},\n"
  "  {'id': 'pa3', 'kind': 'protection_assessment', 'node': 's1', 'at': '2027-01-01'},\n"
  "  {'id': 'pa1', 'kind': 'protection_assessment', 'node': 's1', 'at': '2026-01-01', 'ref': 'DJCP-2026-1', 'participants': ['p1']},\n"
  "  {'id': 'pa2', 'kind': 'protection_assessment', 'node': 's1', 'at': '2026-06-30T04:00:00Z'},\n"
  "  {'id': 'pa0', 'kind': 'protection_assessment', 'node': 's1', 'at': '2025-12-31T23:59:59+08:00'},\n"
  "  {'id': 'ra1', 'kind': 'cii_risk_assessment', 'node': 's1', 'at': '2026-03-01'},\n"
  "  {'id': 'pb1', 'kind': 'protection_assessment', 'node': 's2', 'at': '2026-05-01'},\n"
  "  {'id': 'ar1', 'kind': 'annual_work_report', 'node': 'u1', 'at': '2026-12-31', 'note': '年度报告'},\n"
  "  {'id': 'r3', 'kind': 'rectification', 'node': 's2', 'at': '2026-07-01', 'answers': 'n3'},\n"
  "  {'id': 'n2', 'kind': 'notice', 'node': 's1', 'by': 'u1', 'at': '2026-02-01', 'due': '2026-03-01', 'ref': '通〔2026〕2号'},\n"
  "  {'id': 'r2b', 'kind': 'rectification', 'node': 's1', 'at': '2026-03-15', 'answers': 'n2'},\n"
  "  {'id': 'n1', 'kind': 'notice', 'node': 's1', 'by': 'u2', 'at': '2026-04-01', 'due': '2026-05-01', 'ref': '通〔2026〕1号'},\n"
  "  {'id': 'r2a', 'kind': 'rectification', 'node': 's1', 'at': '2026-02-20', 'answers': 'n2'},\n"
  "  {'id': 'n3', 'kind': 'notice', 'node': 's2', 'by': 'u1', 'at': '2026-06-01', 'due': '2026-08-01'}\n"
  " ],\n"
  " 'complete': [\n"
  "  {'node': 's1', 'kinds': ['protection_assessment'], 'from': '2026-07-01', 'until': '2027-01-01'},\n"
  "  {'node': 's1', 'kinds': ['protection_assessment'], 'from': '2026-01-01', 'until': '2026-07-01'},\n"
  "  {'node': 's2', 'from': '2026-01-01', 'until': '2026-06-01'},\n"
  "  {'kinds': ['cii_risk_assessment'], 'from': '2026-01-01', 'until': '2026-04-01'},\n"
  "  {'node': 's1', 'kinds': ['cii_risk_assessment'], 'from': '2026-02-01', 'until': '2026-03-01'},\n"
  "  {'node': 's2', 'kinds': ['cii_risk_assessment'], 'from': '2026-04-01', 'until': '2027-01-01'},\n"
  "  {'kinds': ['notice', 'rectification'], 'from': '2025-01-01', 'until': '2027-01-01'},\n"
  "  {'node': 'u1', 'kinds': ['annual_work_report'], 'from': '2026-01-01', 'until': '2026-12-01'},\n"
  "  {'node': 'u1', 'from': '2026-12-02', 'until': '2027-01-01'}\n"
  " ]}\n";

static RespModel    *q_model;
static RespRulebook *q_rulebook;
static RespRecord   *q_record;
static guint32       k_report, k_protection, k_cii;

static int
query_init (void)
{
  GError *error = NULL;
  char *json;

  if (test_city_init () != 0)
    return 1;
  /* no assertions here: CUnit has no test running yet */
  q_model = query_model_load ();
  q_rulebook = resp_rulebook_new_default ();
  json = test_json_of (query_record);
  q_record = resp_record_new_from_data (q_model, q_rulebook, json, -1, "q.json", NULL, &error);
  if (q_record == NULL)
    fprintf (stderr, "the query record does not load: %s\n", error->message);
  g_clear_error (&error);
  g_free (json);
  k_report = (guint32) resp_rulebook_find_record_kind (q_rulebook, "annual_work_report");
  k_protection = (guint32) resp_rulebook_find_record_kind (q_rulebook, "protection_assessment");
  k_cii = (guint32) resp_rulebook_find_record_kind (q_rulebook, "cii_risk_assessment");
  return q_model == NULL || q_record == NULL;
}

static int
query_clean (void)
{
  g_clear_pointer (&q_record, resp_record_unref);
  g_clear_pointer (&q_model, resp_model_unref);
  g_clear_pointer (&q_rulebook, resp_rulebook_unref);
  return test_city_clean ();
}

static guint32
node (const char *id)
{
  return resp_model_find_node (q_model, id);
}

/* The entries find_entries gives are expected (ids, space-separated, in
 * the order given). */
static void
expect_entries_at (int         caller,
                   const char *node_id,
                   guint32     kind,
                   const char *from,
                   const char *until,
                   const char *before,
                   const char *expected)
{
  GString *got = g_string_new (NULL);
  guint32 first;
  guint n = resp_record_find_entries (q_record, node (node_id), kind, test_instant_or_open (from),
                                      test_instant_or_open (until), test_instant_or_open (before),
                                      &first);
  char *what;

  for (guint i = 0; i < n; i++)
    {
      const RespRecordEntry *e = resp_record_entry (q_record, first + i);
      g_string_append_printf (got, "%s%s", i ? " " : "", resp_record_entry_id (q_record, first + i));
      test_report_at (caller, e->node == node (node_id) && e->kind == kind, "the entry's node and kind");
    }
  what = g_strdup_printf ("%s [%s, %s) before %s: [%s], got [%s]", node_id, from, until, before,
                          expected, got->str);
  test_report_at (caller, strcmp (got->str, expected) == 0, what);
  g_free (what);
  g_string_free (got, TRUE);
}
#define expect_entries(node, kind, from, until, before, expected) \
  expect_entries_at (__LINE__, (node), (kind), (from), (until), (before), (expected))

static void
test_entries_in_a_period (void)
{
  /* a year: at == from counts, at == until does not */
  expect_entries ("s1", k_protection, "2026-01-01", "2027-01-01", "2027-01-01", "pa1 pa2 pa2x");
  /* judged before the instant: at == before does not count, a microsecond later it does */
  expect_entries ("s1", k_protection, "2026-01-01", "2027-01-01", "2026-06-30T12:00:00+08:00", "pa1");
  expect_entries ("s1", k_protection, "2026-01-01", "2027-01-01", "2026-06-30T12:00:00.000001+08:00",
                  "pa1 pa2 pa2x");
  expect_entries ("s1", k_protection, "2026-01-01", "2027-01-01", "2026-01-01", "");
  /* from the instant of two entries: both, by id (pa2x comes first in the file) */
  expect_entries ("s1", k_protection, "2026-06-30T12:00:00+08:00", "2027-01-01", "+inf", "pa2 pa2x");
  /* a second before the year, and the instant the year ends */
  expect_entries ("s1", k_protection, "2025-01-01", "2028-01-01", "+inf", "pa0 pa1 pa2 pa2x pa3");
  expect_entries ("s1", k_protection, "-inf", "+inf", "+inf", "pa0 pa1 pa2 pa2x pa3");
  expect_entries ("s1", k_protection, "2027-01-01", "2028-01-01", "+inf", "pa3");
  /* other kinds and nodes */
  expect_entries ("s1", k_cii, "2026-01-01", "2027-01-01", "+inf", "ra1");
  expect_entries ("s2", k_protection, "2026-01-01", "2027-01-01", "+inf", "pb1");
  expect_entries ("u1", k_report, "2026-01-01", "2027-01-01", "+inf", "ar1");
  expect_entries ("u1", k_protection, "2026-01-01", "2027-01-01", "+inf", "");
  expect_entries ("s1", k_report, "2026-01-01", "2027-01-01", "+inf", "");
  expect_entries ("k1", k_protection, "-inf", "+inf", "+inf", "");
  expect_entries ("p1", k_report, "-inf", "+inf", "+inf", "");
  /* the built-in kinds, by `at` */
  expect_entries ("s1", RESP_RECORD_KIND_NOTICE, "2026-01-01", "2027-01-01", "+inf", "n2 n1");
  expect_entries ("s1", RESP_RECORD_KIND_RECTIFICATION, "2026-01-01", "2027-01-01", "+inf", "r2a r2b");
  expect_entries ("s2", RESP_RECORD_KIND_RECTIFICATION, "2026-01-01", "2027-01-01", "2026-07-01", "");
}

static gboolean
complete (const char *node_id,
          guint32     kind,
          const char *from,
          const char *until)
{
  return resp_record_is_complete (q_record, node_id ? node (node_id) : RESP_NO_NODE, kind,
                                  test_instant (from), test_instant (until));
}

static void
test_completeness (void)
{
  /* two adjacent spans join */
  CU_ASSERT_TRUE (complete ("s1", k_protection, "2026-01-01", "2027-01-01"));
  CU_ASSERT_TRUE (complete ("s1", k_protection, "2026-03-01", "2026-09-01"));
  CU_ASSERT_TRUE (complete ("s1", k_protection, "2026-07-01", "2027-01-01"));
  CU_ASSERT_FALSE (complete ("s1", k_protection, "2025-12-31", "2027-01-01"));
  CU_ASSERT_FALSE (complete ("s1", k_protection, "2026-01-01", "2027-01-01T00:00:00.000001+08:00"));
  /* an empty range is covered */
  CU_ASSERT_TRUE (complete ("s1", k_protection, "2028-01-01", "2028-01-01"));
  /* a span of s1 for another kind */
  CU_ASSERT_FALSE (complete ("s1", k_report, "2026-01-01", "2026-07-01"));
  /* a node-less span for one kind, and a span of s1 inside it */
  CU_ASSERT_TRUE (complete ("s1", k_cii, "2026-01-01", "2026-04-01"));
  CU_ASSERT_FALSE (complete ("s1", k_cii, "2026-01-01", "2026-04-02"));
  CU_ASSERT_FALSE (complete ("s1", k_cii, "2026-01-01", "2027-01-01"));
  /* s2's span for that kind is not s1's */
  CU_ASSERT_FALSE (complete ("s1", k_cii, "2026-04-01", "2027-01-01"));
  /* for s2, the node-less span and s2's own join */
  CU_ASSERT_TRUE (complete ("s2", k_cii, "2026-01-01", "2027-01-01"));
  CU_ASSERT_FALSE (complete ("s2", k_cii, "2025-12-31", "2027-01-01"));
  /* a kind-less span covers every kind */
  CU_ASSERT_TRUE (complete ("s2", k_protection, "2026-01-01", "2026-06-01"));
  CU_ASSERT_TRUE (complete ("s2", k_report, "2026-02-01", "2026-03-01"));
  CU_ASSERT_TRUE (complete ("s2", RESP_RECORD_KIND_NOTICE, "2026-02-01", "2026-03-01"));
  CU_ASSERT_FALSE (complete ("s2", k_protection, "2026-01-01", "2026-06-02"));
  /* a day's gap between two spans of u1 */
  CU_ASSERT_FALSE (complete ("u1", k_report, "2026-01-01", "2027-01-01"));
  CU_ASSERT_TRUE (complete ("u1", k_report, "2026-01-01", "2026-12-01"));
  CU_ASSERT_TRUE (complete ("u1", k_report, "2026-12-02", "2027-01-01"));
  CU_ASSERT_FALSE (complete ("u1", k_report, "2026-11-30", "2026-12-03"));
  /* node-less spans for the built-in kinds, for any node */
  CU_ASSERT_TRUE (complete ("k1", RESP_RECORD_KIND_RECTIFICATION, "2025-06-01", "2026-06-01"));
  CU_ASSERT_TRUE (complete ("p1", RESP_RECORD_KIND_NOTICE, "2025-01-01", "2027-01-01"));
  CU_ASSERT_FALSE (complete ("k1", RESP_RECORD_KIND_RECTIFICATION, "2024-12-31", "2026-06-01"));
  CU_ASSERT_FALSE (complete ("k1", k_protection, "2026-01-01", "2026-02-01"));
  /* no node: only the node-less spans */
  CU_ASSERT_TRUE (complete (NULL, RESP_RECORD_KIND_NOTICE, "2026-01-01", "2027-01-01"));
  CU_ASSERT_TRUE (complete (NULL, k_cii, "2026-01-01", "2026-04-01"));
  CU_ASSERT_FALSE (complete (NULL, k_protection, "2026-01-01", "2026-02-01"));
}

/* The ids of notices (indices) joined with ' '. */
static char *
notice_ids (const guint32 *indices,
            guint          n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i ? " " : "",
                            resp_record_entry_id (q_record, resp_record_notice (q_record, indices[i])->entry));
  return g_string_free (s, FALSE);
}

static void
expect_notice_at (int         caller,
                  guint       i,
                  const char *id,
                  const char *node_id,
                  const char *by,
                  const char *at,
                  const char *due,
                  const char *ref,
                  const char *answers)
{
  const RespRecordNotice *n = resp_record_notice (q_record, i);
  const RespRecordEntry *e = resp_record_entry (q_record, n->entry);
  GString *got = g_string_new (NULL);
  const guint32 *a;
  guint n_a;
  char *what;

  test_report_at (caller, strcmp (resp_record_entry_id (q_record, n->entry), id) == 0, id);
  test_report_at (caller, e->kind == RESP_RECORD_KIND_NOTICE, "a notice");
  test_report_at (caller, e->node == node (node_id), "its node");
  test_report_at (caller, n->by == node (by), "its by");
  test_report_at (caller, e->at == test_instant (at), "its at");
  test_report_at (caller, n->due == test_instant (due), "its due");
  test_report_at (caller, g_strcmp0 (resp_record_entry_ref (q_record, n->entry), ref) == 0, "its ref");
  test_report_at (caller, q_record->extras[e->extra].notice == i, "the notice knows its index");
  a = resp_record_notice_answers (q_record, i, &n_a);
  for (guint k = 0; k < n_a; k++)
    {
      const RespRecordEntry *r = resp_record_entry (q_record, a[k]);
      g_string_append_printf (got, "%s%s", k ? " " : "", resp_record_entry_id (q_record, a[k]));
      test_report_at (caller, r->kind == RESP_RECORD_KIND_RECTIFICATION && r->node == e->node,
                      "a rectification to the notice's node");
      test_report_at (caller, q_record->extras[r->extra].notice == i, "the rectification knows its notice");
    }
  what = g_strdup_printf ("%s answered by [%s], got [%s]", id, answers, got->str);
  test_report_at (caller, strcmp (got->str, answers) == 0, what);
  g_free (what);
  g_string_free (got, TRUE);
}
#define expect_notice(i, id, node, by, at, due, ref, answers) \
  expect_notice_at (__LINE__, (i), (id), (node), (by), (at), (due), (ref), (answers))

static void
test_notices (void)
{
  const char *nodes[] = { "s1", "s2", "u1", "k1", "p1" };
  const char *expected[] = { "n1 n2", "n3", "", "", "" };

  CU_ASSERT_EQUAL_FATAL (resp_record_n_notices (q_record), 3);
  expect_notice (0, "n1", "s1", "u2", "2026-04-01", "2026-05-01", "通〔2026〕1号", "");
  expect_notice (1, "n2", "s1", "u1", "2026-02-01", "2026-03-01", "通〔2026〕2号", "r2a r2b");
  expect_notice (2, "n3", "s2", "u1", "2026-06-01", "2026-08-01", NULL, "r3");

  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    {
      guint n;
      const guint32 *to = resp_record_notices_to (q_record, node (nodes[i]), &n);
      char *got = notice_ids (to, n);

      if (strcmp (got, expected[i]) != 0)
        fprintf (stderr, "\n  notices to %s: [%s], got [%s]\n", nodes[i], expected[i], got);
      CU_ASSERT_STRING_EQUAL (got, expected[i]);
      g_free (got);
    }
}

static void
test_entries_in_file_order (void)
{
  guint index = 99;
  guint n;
  const guint32 *p;

  CU_ASSERT_EQUAL_FATAL (resp_record_get_n_entries (q_record), 14);
  CU_ASSERT_STRING_EQUAL (resp_record_get_entry_id (q_record, 0), "pa2x");
  CU_ASSERT_STRING_EQUAL (resp_record_get_entry_id (q_record, 13), "n3");
  CU_ASSERT_STRING_EQUAL (resp_record_get_entry_kind (q_record, 9), "notice");
  CU_ASSERT_STRING_EQUAL (resp_record_get_entry_kind (q_record, 10), "rectification");
  CU_ASSERT_STRING_EQUAL (resp_record_get_entry_kind (q_record, 5), "cii_risk_assessment");
  CU_ASSERT_STRING_EQUAL (resp_record_get_entry_node (q_record, 7), "u1");
  CU_ASSERT_EQUAL (resp_record_get_entry_at (q_record, 2), test_instant ("2026-01-01"));
  /* 04:00 UTC is 12:00 at +08:00 */
  CU_ASSERT_EQUAL (resp_record_get_entry_at (q_record, 3), test_instant ("2026-06-30T12:00:00+08:00"));
  CU_ASSERT_STRING_EQUAL (resp_record_get_entry_ref (q_record, 2), "DJCP-2026-1");
  CU_ASSERT_PTR_NULL (resp_record_get_entry_ref (q_record, 0));
  CU_ASSERT_STRING_EQUAL (resp_record_get_entry_note (q_record, 7), "年度报告");
  CU_ASSERT_PTR_NULL (resp_record_get_entry_note (q_record, 2));
  CU_ASSERT_TRUE (resp_record_lookup_entry (q_record, "n1", &index));
  CU_ASSERT_EQUAL (index, 11);
  CU_ASSERT_TRUE (resp_record_lookup_entry (q_record, "pa2x", NULL));
  CU_ASSERT_FALSE (resp_record_lookup_entry (q_record, "pa", &index));
  CU_ASSERT_EQUAL (index, 11);

  /* participants, read through the entry position of file index 2 */
  p = resp_record_entry_participants (q_record, q_record->file_order[2], &n);
  CU_ASSERT_EQUAL_FATAL (n, 1);
  CU_ASSERT_EQUAL (p[0], node ("p1"));
  resp_record_entry_participants (q_record, q_record->file_order[0], &n);
  CU_ASSERT_EQUAL (n, 0);
  CU_ASSERT_STRING_EQUAL (resp_record_kind_name (q_record, k_cii), "cii_risk_assessment");
  CU_ASSERT_STRING_EQUAL (resp_record_kind_name (q_record, RESP_RECORD_KIND_NOTICE), "notice");
}

static void
test_a_long_block (void)
{
  /* 60 entries of one node, more than a block sorted by insertion: the
   * reports of 2026 on days 1..40 of the year written last day first,
   * each followed by a CII assessment a day later (20 of them) */
  GString *text = g_string_new ("{'format': 'libresp/record/1', 'entries': [\n");
  GString *want = g_string_new (NULL);
  RespRecord *rec;
  char *json;
  guint32 first;
  guint n;

  for (int d = 40; d >= 1; d--)
    {
      GDate *day = g_date_new_dmy (1, G_DATE_JANUARY, 2026);
      char date[16];

      g_date_add_days (day, (guint) d - 1);
      g_date_strftime (date, sizeof date, "%Y-%m-%d", day);
      g_date_free (day);
      g_string_append_printf (text, "%s{'id': 'r%02d', 'kind': 'annual_work_report', 'node': 'u2', "
                              "'at': '%s'}", d == 40 ? "" : ",\n", d, date);
      if (d % 2 == 0)
        g_string_append_printf (text, ",\n{'id': 'c%02d', 'kind': 'cii_risk_assessment', 'node': 'u2', "
                                "'at': '%sT12:00:00+08:00'}", d, date);
    }
  g_string_append (text, "]}");
  json = test_json_of (text->str);
  rec = resp_record_new_from_data (q_model, q_rulebook, json, -1, NULL, NULL, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (rec);
  CU_ASSERT_EQUAL (resp_record_get_n_entries (rec), 60);

  /* January 10 to 20 (days 10..19): ten reports, in order */
  n = resp_record_find_entries (rec, node ("u2"), k_report, test_instant ("2026-01-10"),
                                test_instant ("2026-01-20"), RESP_INSTANT_OPEN_END, &first);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (want, "%s%s", i ? " " : "", resp_record_entry_id (rec, first + i));
  CU_ASSERT_STRING_EQUAL (want->str, "r10 r11 r12 r13 r14 r15 r16 r17 r18 r19");
  /* the CII assessments of the same days: those of even days, at noon */
  n = resp_record_find_entries (rec, node ("u2"), k_cii, test_instant ("2026-01-10"),
                                test_instant ("2026-01-20"), RESP_INSTANT_OPEN_END, &first);
  g_string_truncate (want, 0);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (want, "%s%s", i ? " " : "", resp_record_entry_id (rec, first + i));
  CU_ASSERT_STRING_EQUAL (want->str, "c10 c12 c14 c16 c18");
  /* and the whole block */
  CU_ASSERT_EQUAL (resp_record_find_entries (rec, node ("u2"), k_report, RESP_INSTANT_OPEN_START,
                                             RESP_INSTANT_OPEN_END, RESP_INSTANT_OPEN_END, &first), 40);
  CU_ASSERT_EQUAL (resp_record_find_entries (rec, node ("u2"), k_cii, RESP_INSTANT_OPEN_START,
                                             RESP_INSTANT_OPEN_END, RESP_INSTANT_OPEN_END, &first), 20);
  resp_record_unref (rec);
  g_free (json);
  g_string_free (text, TRUE);
  g_string_free (want, TRUE);
}

static void
test_loaded_for (void)
{
  RespModel *other = query_model_load ();
  RespRulebook *other_rb = resp_rulebook_new_default ();

  CU_ASSERT_TRUE (resp_record_loaded_for (q_record, q_model, q_rulebook));
  /* the same file loaded again is another model: its node numbers may differ */
  CU_ASSERT_FALSE (resp_record_loaded_for (q_record, other, q_rulebook));
  CU_ASSERT_FALSE (resp_record_loaded_for (q_record, q_model, other_rb));
  CU_ASSERT_FALSE (resp_record_loaded_for (q_record, test_city_model, test_city_rulebook));
  resp_model_unref (other);
  resp_rulebook_unref (other_rb);
}

static void
test_record_outlives_its_loaders (void)
{
  /* the record holds its model and rulebook */
  RespModel *m = query_model_load ();
  RespRulebook *rb = resp_rulebook_new_default ();
  char *json = test_json_of (query_record);
  RespRecord *rec = resp_record_new_from_data (m, rb, json, -1, NULL, NULL, NULL);

  CU_ASSERT_PTR_NOT_NULL_FATAL (rec);
  resp_model_unref (m);
  resp_rulebook_unref (rb);
  CU_ASSERT_STRING_EQUAL (resp_record_get_entry_node (rec, 13), "s2");
  CU_ASSERT_STRING_EQUAL (resp_record_get_entry_kind (rec, 6), "protection_assessment");
  CU_ASSERT (resp_record_ref (rec) == rec);
  resp_record_unref (rec);
  resp_record_unref (rec);
  g_free (json);
}

/* ---- Misuse ---- */

static void
new_null_model (void)
{
  resp_record_new_from_data (NULL, q_rulebook, "{}", -1, NULL, NULL, NULL);
}

static void
new_null_rulebook (void)
{
  resp_record_new_from_data (q_model, NULL, "{}", -1, NULL, NULL, NULL);
}

static void
new_null_data (void)
{
  resp_record_new_from_data (q_model, q_rulebook, NULL, 2, NULL, NULL, NULL);
}

static void
new_null_path (void)
{
  resp_record_new_from_file (q_model, q_rulebook, NULL, NULL, NULL);
}

static void
new_file_null_model (void)
{
  resp_record_new_from_file_full (NULL, q_rulebook, "rec.json", NULL, NULL, NULL);
}

static void
n_entries_null (void)
{
  resp_record_get_n_entries (NULL);
}

static void
entry_id_out_of_range (void)
{
  resp_record_get_entry_id (q_record, 14);
}

static void
entry_at_null (void)
{
  resp_record_get_entry_at (NULL, 0);
}

static void
entry_ref_out_of_range (void)
{
  resp_record_get_entry_ref (q_record, G_MAXUINT);
}

static void
lookup_null_id (void)
{
  resp_record_lookup_entry (q_record, NULL, NULL);
}

static void
unref_null (void)
{
  resp_record_unref (NULL);
}

static void
test_misuse (void)
{
  static const TestMisuse misuses[] = {
    { new_null_model, "resp_record_new_from_data_full: assertion 'model != NULL' failed" },
    { new_null_rulebook, "resp_record_new_from_data_full: assertion 'rulebook != NULL' failed" },
    { new_null_data, "resp_record_new_from_data_full: assertion 'data != NULL || length == 0' failed" },
    { new_null_path, "resp_record_new_from_file_full: assertion 'path != NULL' failed" },
    { new_file_null_model, "resp_record_new_from_file_full: assertion 'model != NULL' failed" },
    { n_entries_null, "resp_record_get_n_entries: assertion 'self != NULL' failed" },
    { entry_id_out_of_range, "resp_record_get_entry_id: assertion 'index < self->n_entries' failed" },
    { entry_at_null, "resp_record_get_entry_at: assertion 'self != NULL' failed" },
    { entry_ref_out_of_range, "resp_record_get_entry_ref: assertion 'index < self->n_entries' failed" },
    { lookup_null_id, "resp_record_lookup_entry: assertion 'id != NULL' failed" },
    { unref_null, "resp_record_unref: assertion 'self != NULL' failed" },
  };

  test_misuses (misuses);
}

static CU_TestInfo tests[] = {
  { "every error with code and position", test_error_cases },
  { "the cases written right load", test_valid_variants_of_the_cases },
  { "all errors in one pass", test_all_errors_in_one_pass },
  { "the error count is capped", test_error_count_is_capped },
  { "files", test_files },
  { "entries in a period", test_entries_in_a_period },
  { "completeness", test_completeness },
  { "notices and rectifications", test_notices },
  { "entries in file order", test_entries_in_file_order },
  { "a long block", test_a_long_block },
  { "loaded for a model and a rulebook", test_loaded_for },
  { "a record outlives its loaders", test_record_outlives_its_loaders },
  { "misuse", test_misuse },
  CU_TEST_INFO_NULL,
};

int
main (void)
{
  return test_main_suite ("record", query_init, query_clean, tests);
}
