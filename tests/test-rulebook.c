/* test-rulebook.c: rulebooks (SPEC §4.2–4.6, docs/rulebook.md): the default
 * rulebook, every error class with its code and position, and the legal
 * rules as data: change the rulebook's text and the verdicts change
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-common.h"
#include "resp-rulebook-private.h"

#include <stdio.h>
#include <string.h>

/* ---- Helpers ---- */

/* Small rulebooks are written with single quotes and loaded as rb.json. */
static const TestLoader rulebook_loader = { TEST_INPUT_RULEBOOK, "rb.json", TRUE };

/* The text of the default rulebook as shipped in the source tree. */
static char *
default_text (gsize *length)
{
  return test_read_src ("libresp/rulebooks/default.json", length);
}

/* text with the one occurrence of old replaced by new; asserts that old
 * occurs exactly once, so that an edit to default.json cannot make a test
 * silently change nothing. */
static char *
replace_once_at (int         caller,
                 const char *text,
                 const char *old,
                 const char *new)
{
  const char *at = strstr (text, old);
  GString *out;

  test_report_at (caller, at != NULL, "the text to replace occurs in the rulebook");
  if (at == NULL)
    return g_strdup (text);
  test_report_at (caller, strstr (at + 1, old) == NULL, "the text to replace occurs only once");
  out = g_string_new_len (text, at - text);
  g_string_append (out, new);
  g_string_append (out, at + strlen (old));
  return g_string_free (out, FALSE);
}
#define replace_once(text, old, new) replace_once_at (__LINE__, (text), (old), (new))

static RespRulebook *
rulebook_load_at (int         caller,
                  const char *json)
{
  GError *error = NULL;
  RespRulebook *rb = resp_rulebook_new_from_data (json, -1, "rb.json", NULL, &error);

  if (rb == NULL)
    fprintf (stderr, "line %d: the rulebook does not load: %s\n", caller, error->message);
  test_report_at (caller, rb != NULL, "the rulebook loads");
  g_clear_error (&error);
  return rb;
}
#define rulebook_load(json) rulebook_load_at (__LINE__, (json))

/* ---- The default rulebook ---- */

static void
test_default_rulebook (void)
{
  static const char * const circumstances[] = {
    "art8.1", "art8.2", "art8.3", "art8.4", "art8.5", "art8.6", "art8.7",
  };
  /* SPEC §4.2, in that order */
  static const char * const facts[] = {
    "attacked", "tampered", "harmful_info_spread_widely", "reported_in_time",
    "handled_in_time", "outage_hours", "leak_state_secrets", "leak_personal_info_records",
    "leak_personal_info_mass", "leak_basic_data", "public_life_widely_affected",
    "major_economic_loss", "severe_social_impact", "concealed", "refused_investigation",
    "notified_risk_unrectified", "serious_consequence", "obstructed_security_organs",
    "other_serious", "supervision_failed", "coordination_failed", "remedied", "cooperated",
    "suspected_crime", "false_report", "major_harm", "reasonable_measures",
    "cii_interruption_hours", "cii_main_function_hours", "direct_loss_yuan",
  };
  RespRulebook *rb = resp_rulebook_new_default ();
  char **names;

  CU_ASSERT_PTR_NOT_NULL_FATAL (rb);
  CU_ASSERT_STRING_EQUAL (resp_rulebook_get_id (rb), "cn-party-cyber-2017");
  CU_ASSERT_PTR_NOT_NULL (resp_rulebook_get_title (rb));
  CU_ASSERT_EQUAL_FATAL (resp_rulebook_get_n_circumstances (rb), G_N_ELEMENTS (circumstances));
  for (guint i = 0; i < G_N_ELEMENTS (circumstances); i++)
    CU_ASSERT_STRING_EQUAL (resp_rulebook_get_circumstance_id (rb, i), circumstances[i]);

  names = resp_rulebook_dup_fact_names (rb);
  CU_ASSERT_EQUAL_FATAL (g_strv_length (names), G_N_ELEMENTS (facts));
  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    CU_ASSERT_STRING_EQUAL (names[i], facts[i]);
  g_strfreev (names);

  /* two loads are two references to equal, independent rulebooks */
  {
    RespRulebook *again = resp_rulebook_new_default ();
    CU_ASSERT_PTR_NOT_NULL_FATAL (again);
    CU_ASSERT_STRING_EQUAL (resp_rulebook_get_id (again), resp_rulebook_get_id (rb));
    CU_ASSERT_PTR_EQUAL (resp_rulebook_ref (again), again);
    resp_rulebook_unref (again);
    resp_rulebook_unref (again);
  }
  resp_rulebook_unref (rb);
}

static void
test_default_source_is_the_file (void)
{
  gsize length = 0, source_length = 0;
  char *text = default_text (&length);
  GBytes *source = resp_rulebook_get_default_source ();
  const char *data;
  RespRulebook *rb;

  CU_ASSERT_PTR_NOT_NULL_FATAL (text);
  CU_ASSERT_PTR_NOT_NULL_FATAL (source);
  data = g_bytes_get_data (source, &source_length);
  /* byte for byte */
  CU_ASSERT_EQUAL (source_length, length);
  CU_ASSERT (source_length == length && memcmp (data, text, length) == 0);

  /* the loaded default keeps that text */
  rb = resp_rulebook_new_default ();
  CU_ASSERT_PTR_NOT_NULL_FATAL (rb);
  CU_ASSERT_STRING_EQUAL (resp_rulebook_get_text (rb), text);
  resp_rulebook_unref (rb);

  g_bytes_unref (source);
  g_free (text);
}

static void
test_default_from_file (void)
{
  char *path = test_src_path ("libresp/rulebooks/default.json");
  GPtrArray *diags = NULL;
  GError *error = NULL;
  RespRulebook *rb = resp_rulebook_new_from_file (path, &diags, &error);

  CU_ASSERT_PTR_NOT_NULL_FATAL (rb);
  CU_ASSERT_PTR_NULL (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (diags);
  CU_ASSERT_EQUAL (diags->len, 0);
  CU_ASSERT_STRING_EQUAL (resp_rulebook_get_id (rb), "cn-party-cyber-2017");
  CU_ASSERT_EQUAL (resp_rulebook_get_n_circumstances (rb), 7);
  g_ptr_array_unref (diags);
  resp_rulebook_unref (rb);
  g_free (path);

  /* a file that cannot be read */
  diags = NULL;
  rb = resp_rulebook_new_from_file ("/nonexistent/rulebook.json", &diags, &error);
  CU_ASSERT_PTR_NULL (rb);
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_IO));
  CU_ASSERT_PTR_NOT_NULL_FATAL (diags);
  CU_ASSERT_EQUAL (diags->len, 1);
  g_ptr_array_unref (diags);
  g_clear_error (&error);
}

/* ---- Error classes ---- */

/* The smallest valid rulebook, one item per line. Line 2 is the top-level
 * id (cases add keys to it), line 9 the circumstance under test, line 12
 * the liability rule under test. */
#define RB3(top, circ, liab) \
  "{'format': 'libresp/rulebook/1',\n" \
  top ",\n" \
  " 'sources': [{'key': 'measures', 'title': 'M'}],\n" \
  " 'facts': [\n" \
  "  {'name': 'attacked', 'type': 'bool', 'description': 'A'},\n" \
  "  {'name': 'outage_hours', 'type': 'number', 'min': 0, 'description': 'H'}\n" \
  " ],\n" \
  " 'circumstances': [\n" \
  circ "\n" \
  " ],\n" \
  " 'liability': [\n" \
  liab "\n" \
  " ]}\n"

#define TOP_OK " 'id': 'test'"
#define CIRC_OK \
  "  {'id': 'c1', 'cite': 'measures Art. 8', 'scope': 'system', 'summary': 'S', 'condition': {'var': 'fact.attacked'}}"
#define LIAB_OK \
  "  {'id': 'l1', 'role': 'involved', 'category': 'direct', 'basis': ['measures Art. 8']}"

#define RB_CIRC(circ) RB3 (TOP_OK, circ, LIAB_OK)
#define RB_LIAB(liab) RB3 (TOP_OK, CIRC_OK, liab)
/* a circumstance on line 9 whose condition is cond */
#define RB_COND(scope, cond) \
  RB_CIRC ("  {'id': 'c1', 'cite': 'measures Art. 8', 'scope': '" scope "', 'summary': 'S', 'condition': " cond "}")

static void
test_template_is_valid (void)
{
  char *json = test_json_of (RB3 (TOP_OK, CIRC_OK, LIAB_OK));
  GPtrArray *diags = NULL;
  GError *error = NULL;
  RespRulebook *rb = resp_rulebook_new_from_data (json, -1, "rb.json", &diags, &error);

  CU_ASSERT_PTR_NOT_NULL_FATAL (rb);
  CU_ASSERT_PTR_NULL (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (diags);
  CU_ASSERT_EQUAL (diags->len, 0);
  CU_ASSERT_STRING_EQUAL (resp_rulebook_get_id (rb), "test");
  CU_ASSERT_PTR_NULL (resp_rulebook_get_title (rb));
  CU_ASSERT_EQUAL (resp_rulebook_get_n_circumstances (rb), 1);
  CU_ASSERT_STRING_EQUAL (resp_rulebook_get_circumstance_id (rb, 0), "c1");
  CU_ASSERT_STRING_EQUAL (resp_rulebook_get_text (rb), json);
  g_ptr_array_unref (diags);
  resp_rulebook_unref (rb);
  g_free (json);
}

static const TestErrorCase error_cases[] = {
  /* malformed JSON */
  { "missing comma",
    RB_CIRC ("  {'id': 'c1' 'cite': 'measures Art. 8', 'scope': 'system', 'summary': 'S', 'condition': {'var': 'fact.attacked'}}"),
    RESP_ERROR_MALFORMED_JSON, 9, 15, "" },
  { "empty file", "", RESP_ERROR_MALFORMED_JSON, 1, 1, "" },
  { "truncated", "{'format': 'libresp/rulebook/1',\n 'id': 'x',\n", RESP_ERROR_MALFORMED_JSON, 3, 1, "" },
  /* format */
  { "missing format", "{'id': 'x'}", RESP_ERROR_FORMAT, 1, 1, "missing 'format'" },
  { "unsupported format", "{'format': 'libresp/rulebook/2', 'id': 'x'}", RESP_ERROR_FORMAT, 1, 12,
    "unsupported format" },
  { "a model's format", "{'format': 'libresp/model/1'}", RESP_ERROR_FORMAT, 1, 12, "unsupported format" },
  { "format not a string", "{'format': 1}", RESP_ERROR_FORMAT, 1, 12, "" },
  { "not an object", "[]", RESP_ERROR_FORMAT, 1, 1, "" },
  /* unknown top-level key */
  { "unknown top-level key", RB3 (" 'id': 'test', 'titel': 'T'", CIRC_OK, LIAB_OK),
    RESP_ERROR_UNKNOWN_ATTRIBUTE, 2, 16, "did you mean 'title'?" },
  { "unknown key in a circumstance",
    RB_CIRC ("  {'id': 'c1', 'cite': 'measures Art. 8', 'scope': 'system', 'summary': 'S', 'condition': {'var': 'fact.attacked'}, 'nots': 'x'}"),
    RESP_ERROR_UNKNOWN_ATTRIBUTE, 9, 117, "did you mean 'note'?" },
  /* unknown operator, at the operator's key */
  { "unknown operator", RB_COND ("system", "{'adn': [{'var': 'fact.attacked'}, true]}"),
    RESP_ERROR_UNKNOWN_OPERATOR, 9, 92, "did you mean 'and'?" },
  { "operator outside the subset", RB_COND ("system", "{'if': [{'var': 'fact.attacked'}, true, false]}"),
    RESP_ERROR_UNKNOWN_OPERATOR, 9, 92, "'if'" },
  { "nested unknown operator",
    RB_COND ("system", "{'and': [{'var': 'fact.attacked'}, {'=>': [{'var': 'fact.outage_hours'}, 6]}]}"),
    RESP_ERROR_UNKNOWN_OPERATOR, 9, 127, "did you mean '>='?" },
  /* a var naming no declared fact, at the var's string */
  { "undeclared fact", RB_COND ("system", "{'var': 'fact.atacked'}"),
    RESP_ERROR_UNKNOWN_VARIABLE, 9, 99, "did you mean 'fact.attacked'?" },
  { "columns count code points",
    RB_CIRC ("  {'id': 'c1', 'cite': 'measures Art. 8', 'scope': 'system', 'summary': '瘫痪六小时', 'condition': {'var': 'fact.atacked'}}"),
    RESP_ERROR_UNKNOWN_VARIABLE, 9, 103, "fact.atacked" },
  { "undeclared fact, array form", RB_COND ("system", "{'>=': [{'var': ['fact.outage']}, 6]}"),
    RESP_ERROR_UNKNOWN_VARIABLE, 9, 108, "fact.outage" },
  { "undeclared parameter", RB_COND ("system", "{'var': 'param.nothing'}"),
    RESP_ERROR_UNKNOWN_VARIABLE, 9, 99, "param.nothing" },
  { "unknown system attribute", RB_COND ("system", "{'var': 'system.name'}"),
    RESP_ERROR_UNKNOWN_VARIABLE, 9, 99, "system.name" },
  /* an event-scope circumstance has no system and no operator */
  { "event scope reads system.kind",
    RB_COND ("event", "{'in': [{'var': 'system.kind'}, ['party_gov_portal']]}"),
    RESP_ERROR_UNKNOWN_VARIABLE, 9, 106, "system.kind" },
  { "event scope reads operator.region_level",
    RB_COND ("event", "{'and': [{'var': 'fact.attacked'}, {'==': [{'var': 'operator.region_level'}, 'prefectural']}]}"),
    RESP_ERROR_UNKNOWN_VARIABLE, 9, 141, "operator.region_level" },
  { "event scope reads system.owner_level",
    RB_COND ("event", "{'and': [{'var': 'fact.attacked'}, {'==': [{'var': 'system.owner_level'}, 'prefectural']}]}"),
    RESP_ERROR_UNKNOWN_VARIABLE, 9, 141, "system.owner_level" },
  /* unknown role, at the value */
  { "unknown role",
    RB_LIAB ("  {'id': 'l1', 'role': 'first_responsable', 'category': 'direct', 'basis': ['measures Art. 8']}"),
    RESP_ERROR_UNKNOWN_ROLE, 12, 24, "did you mean 'first_responsible'?" },
  /* bad category */
  { "bad category",
    RB_LIAB ("  {'id': 'l1', 'role': 'involved', 'category': 'direct_leadership', 'basis': ['measures Art. 8']}"),
    RESP_ERROR_BAD_VALUE, 12, 48, "direct_leadership" },
  /* citations start with a source key */
  { "citation in a basis",
    RB_LIAB ("  {'id': 'l1', 'role': 'involved', 'category': 'direct', 'basis': ['measures Art. 8', 'measure Art. 9']}"),
    RESP_ERROR_BAD_VALUE, 12, 87, "does not start with a source key" },
  { "citation of a circumstance",
    RB_CIRC ("  {'id': 'c1', 'cite': 'Art. 8 measures', 'scope': 'system', 'summary': 'S', 'condition': {'var': 'fact.attacked'}}"),
    RESP_ERROR_BAD_VALUE, 9, 24, "does not start with a source key" },
  /* other bad values */
  { "no circumstance", RB_CIRC (""), RESP_ERROR_BAD_VALUE, 8, 19, "at least one circumstance" },
  { "bad scope",
    RB_CIRC ("  {'id': 'c1', 'cite': 'measures Art. 8', 'scope': 'subject', 'summary': 'S', 'condition': {'var': 'fact.attacked'}}"),
    RESP_ERROR_BAD_VALUE, 9, 52, "subject" },
  { "a rule from a decision holds a seat",
    RB_LIAB ("  {'id': 'l1', 'role': 'involved', 'category': 'direct', 'basis': ['measures Art. 8'], 'from': 'decision'}"),
    RESP_ERROR_BAD_VALUE, 12, 24, "" },
  /* duplicate circumstance id, at the second id */
  { "duplicate circumstance id", RB_CIRC (CIRC_OK ",\n" CIRC_OK),
    RESP_ERROR_DUPLICATE_ID, 10, 10, "duplicate id 'c1'" },
  /* missing condition, at the object's '{' */
  { "missing condition",
    RB_CIRC ("  {'id': 'c1', 'cite': 'measures Art. 8', 'scope': 'system', 'summary': 'S'}"),
    RESP_ERROR_MISSING_KEY, 9, 3, "missing 'condition'" },
  { "missing category",
    RB_LIAB ("  {'id': 'l1', 'role': 'involved', 'basis': ['measures Art. 8']}"),
    RESP_ERROR_MISSING_KEY, 12, 3, "category" },
  /* U+0000, which no C string holds, at the string or the member name */
  { "an id with U+0000", RB3 (" 'id': 'te\\u0000st'", CIRC_OK, LIAB_OK),
    RESP_ERROR_BAD_VALUE, 2, 8, "a string must not contain U+0000" },
  { "a member name with U+0000", RB3 (" 'id': 'test', 'id\\u0000x': 'again'", CIRC_OK, LIAB_OK),
    RESP_ERROR_BAD_VALUE, 2, 16, "a member name must not contain U+0000" },
  { "a var with U+0000", RB_COND ("system", "{'var': 'fact.attacked\\u0000x'}"),
    RESP_ERROR_BAD_VALUE, 9, 99, "U+0000" },
  /* a duplicate key, at the second one */
  { "duplicate top-level key", RB3 (" 'id': 'test', 'id': 'again'", CIRC_OK, LIAB_OK),
    RESP_ERROR_DUPLICATE_KEY, 2, 16, "id" },
  { "duplicate key in a condition",
    RB_COND ("system", "{'var': 'fact.attacked', 'var': 'fact.attacked'}"),
    RESP_ERROR_DUPLICATE_KEY, 9, 116, "var" },
};

static void
test_error_cases (void)
{
  test_expect_errors (&rulebook_loader, error_cases);
}

static void
test_error_message_format (void)
{
  char *json = test_json_of (RB3 (" 'id': 'test', 'titel': 'T'", CIRC_OK, LIAB_OK));
  GError *error = NULL;
  RespRulebook *rb = resp_rulebook_new_from_data (json, -1, "rb.json", NULL, &error);
  RespDiagnostic *d;
  char *text;

  CU_ASSERT_PTR_NULL (rb);
  CU_ASSERT_PTR_NOT_NULL_FATAL (error);
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_UNKNOWN_ATTRIBUTE));
  CU_ASSERT (g_str_has_prefix (error->message, "rb.json:2:16: "));
  test_contains (error->message, "'titel'", "did you mean 'title'?");

  /* the GError's message is the diagnostic's FILE:LINE:COL: message */
  d = resp_diagnostic_new (RESP_ERROR_UNKNOWN_ATTRIBUTE, "rb.json", 2, 16, "m");
  text = resp_diagnostic_to_string (d);
  CU_ASSERT_STRING_EQUAL (text, "rb.json:2:16: m");
  g_free (text);
  resp_diagnostic_unref (d);
  g_clear_error (&error);

  /* the name given is the name reported, in a file's path too */
  {
    char *dir, *path = test_write_temp ("rb.json", json, &dir);
    char *want;

    rb = resp_rulebook_new_from_file (path, NULL, &error);
    CU_ASSERT_PTR_NULL (rb);
    CU_ASSERT_PTR_NOT_NULL_FATAL (error);
    want = g_strdup_printf ("%s:2:16: ", path);
    CU_ASSERT (g_str_has_prefix (error->message, want));
    g_free (want);
    g_clear_error (&error);
    test_remove_temp (path, dir);
  }
  g_free (json);
}

static void
test_all_errors_in_one_pass (void)
{
  /* liability before circumstances: the errors are found in another order
   * than they are written */
  const char *text = "{'format': 'libresp/rulebook/1',\n"
                     " 'id': 'test', 'titel': 'T',\n"
                     " 'sources': [{'key': 'measures', 'title': 'M'}],\n"
                     " 'facts': [\n"
                     "  {'name': 'attacked', 'type': 'bool', 'description': 'A'},\n"
                     "  {'name': 'outage_hours', 'type': 'number', 'min': 0, 'description': 'H'}\n"
                     " ],\n"
                     " 'liability': [\n"
                     "  {'id': 'l1', 'role': 'first_responsable', 'category': 'direct_leadership', 'basis': ['measures Art. 8']}\n"
                     " ],\n"
                     " 'circumstances': [\n"
                     "  {'id': 'c1', 'cite': 'measures Art. 8', 'scope': 'system', 'summary': 'S', 'condition': {'var': 'fact.atacked'}},\n"
                     "  {'id': 'c2', 'cite': 'Art. 8 measures', 'scope': 'event', 'summary': 'S'}\n"
                     " ]}\n";
  static const TestDiagnostic want[] = {
    { RESP_ERROR_UNKNOWN_ATTRIBUTE, 2, 16 },
    { RESP_ERROR_UNKNOWN_ROLE, 9, 24 },
    { RESP_ERROR_BAD_VALUE, 9, 57 },
    { RESP_ERROR_UNKNOWN_VARIABLE, 12, 99 },
    { RESP_ERROR_MISSING_KEY, 13, 3 },
    { RESP_ERROR_BAD_VALUE, 13, 24 },
  };
  /* the GError is the first of them, and says how many more there are */
  test_refuse (&rulebook_loader, text, want);
}

static void
test_nothing_half_loaded (void)
{
  /* everything valid but one liability rule: no rulebook at all */
  const char *text = RB_LIAB (LIAB_OK ",\n"
                              "  {'id': 'l2', 'role': 'nobody', 'category': 'direct', 'basis': ['measures Art. 8']}");
  static const TestDiagnostic want[] = {
    { RESP_ERROR_UNKNOWN_ROLE, 0, 0 },
  };
  char *json = test_json_of (text);
  GError *error = NULL;
  RespRulebook *rb;

  test_refuse (&rulebook_loader, text, want);

  /* without an error or a diagnostics location it still fails cleanly */
  rb = resp_rulebook_new_from_data (json, -1, "rb.json", NULL, NULL);
  CU_ASSERT_PTR_NULL (rb);
  /* a length that cuts the text short is the shorter text */
  rb = resp_rulebook_new_from_data (json, 40, "rb.json", NULL, &error);
  CU_ASSERT_PTR_NULL (rb);
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_MALFORMED_JSON));
  g_clear_error (&error);
  g_free (json);
}

/* ---- The legal rules are data ---- */

/* default.json as shipped, that these tests edit */
static char *default_json;

static int
suite_init (void)
{
  default_json = default_text (NULL);
  return default_json != NULL ? test_city_init () : 1;
}

static int
suite_clean (void)
{
  g_clear_pointer (&default_json, g_free);
  return test_city_clean ();
}

/* s-news is a key news site operated by u-city-media, in the prefectural
 * region r-city. Every fact that a circumstance other than art8.2 reads is
 * stated false, so that with a 5-hour outage the default rulebook finds
 * nothing undetermined: not triggered. */
#define NEWS_EVENT(id, outage, involved, extra_facts) \
  "{\"format\": \"libresp/event/1\", \"id\": \"" id "\",\n" \
  " \"occurred_at\": \"2026-03-05T08:10:00+08:00\",\n" \
  " \"systems\": [\"s-news\"], \"involved\": [" involved "],\n" \
  " \"facts\": {\"attacked\": true, \"handled_in_time\": false, \"outage_hours\": " outage ",\n" \
  "   \"tampered\": false, \"reported_in_time\": true,\n" \
  "   \"leak_state_secrets\": false, \"leak_personal_info_mass\": false,\n" \
  "   \"leak_personal_info_records\": 0, \"leak_basic_data\": false,\n" \
  "   \"concealed\": false, \"refused_investigation\": false, \"notified_risk_unrectified\": false,\n" \
  "   \"obstructed_security_organs\": false, \"other_serious\": false,\n" \
  "   \"supervision_failed\": false, \"coordination_failed\": false" extra_facts "}}\n"

/* Assesses event, which must load, with rulebook against city.json: the
 * verdict, which must be there (else the test stops) and have status */
static RespVerdict *
assess_at (int                caller,
           RespRulebook      *rulebook,
           const char        *event,
           RespVerdictStatus  status)
{
  RespVerdict *v = test_assess_one_in (__FILE__, caller, test_city_model, rulebook, event);

  CU_assertImplementation (v != NULL, (unsigned) caller, "there is a verdict", __FILE__, "", CU_TRUE);
  test_report_at (caller, resp_verdict_get_status (v) == status, "the verdict's status");
  return v;
}
#define assess(rulebook, event, status) assess_at (__LINE__, (rulebook), (event), (status))

/* Circumstance id of v has status; one that does not hold may be left out,
 * any other must be listed (else the test stops). Returns its index, or
 * -1 if it is left out. */
static int
expect_circumstance_at (int                     caller,
                        RespVerdict            *v,
                        const char             *id,
                        RespCircumstanceStatus  status)
{
  int k = test_find_circumstance (v, id);

  if (status != RESP_CIRCUMSTANCE_DOES_NOT_HOLD)
    CU_assertImplementation (k >= 0, (unsigned) caller, "the verdict lists the circumstance",
                             __FILE__, "", CU_TRUE);
  test_report_at (caller, test_circumstance_status (v, id) == status, "the circumstance's status");
  return k;
}
#define expect_circumstance(v, id, status) expect_circumstance_at (__LINE__, (v), (id), (status))

#define ART8_2_THRESHOLD "{\">=\": [{\"var\": \"fact.outage_hours\"}, 6]}"

static void
test_stricter_threshold (void)
{
  char *strict_text, *renamed, *json;
  RespRulebook *strict;
  RespVerdict *v;

  /* a province's stricter reading: 4 hours instead of 6, under its own id */
  strict_text = replace_once (default_json, ART8_2_THRESHOLD,
                              "{\">=\": [{\"var\": \"fact.outage_hours\"}, 4]}");
  renamed = replace_once (strict_text, "\"id\": \"cn-party-cyber-2017\"",
                          "\"id\": \"province-strict\"");
  strict = rulebook_load (renamed);
  CU_ASSERT_PTR_NOT_NULL_FATAL (strict);
  CU_ASSERT_STRING_EQUAL (resp_rulebook_get_id (strict), "province-strict");

  /* default: 5 hours is short of 6, and nothing else is open */
  v = assess (test_city_rulebook, NEWS_EVENT ("e-5h", "5", "", ""), RESP_VERDICT_NOT_TRIGGERED);
  expect_circumstance (v, "art8.2", RESP_CIRCUMSTANCE_DOES_NOT_HOLD);
  CU_ASSERT_EQUAL (resp_verdict_get_n_liable (v), 0);
  resp_verdict_unref (v);

  /* stricter: the same event, the same model, another rulebook */
  v = assess (strict, NEWS_EVENT ("e-5h", "5", "", ""), RESP_VERDICT_TRIGGERED);
  expect_circumstance (v, "art8.2", RESP_CIRCUMSTANCE_HOLDS);
  /* 逐级倒查 reaches the media centre's people */
  CU_ASSERT (test_find_liable (v, "p-dong") >= 0);   /* security lead, cyber lead of k-media */
  CU_ASSERT (test_find_liable (v, "p-yu") >= 0);     /* head, main leader of k-media */
  json = resp_verdict_render (v, RESP_FORMAT_JSON);
  CU_ASSERT_PTR_NOT_NULL_FATAL (json);
  CU_ASSERT_PTR_NOT_NULL (strstr (json, "province-strict"));
  g_free (json);
  resp_verdict_unref (v);

  /* 3 hours is under both */
  v = assess (strict, NEWS_EVENT ("e-3h", "3", "", ""), RESP_VERDICT_NOT_TRIGGERED);
  resp_verdict_unref (v);

  /* and the default still reads 6 hours: 6 triggers ("以上" includes 6) */
  v = assess (test_city_rulebook, NEWS_EVENT ("e-6h", "6", "", ""), RESP_VERDICT_TRIGGERED);
  resp_verdict_unref (v);

  resp_rulebook_unref (strict);
  g_free (renamed);
  g_free (strict_text);
}

static void
test_extra_circumstance (void)
{
  char *with_fact, *with_circ;
  RespRulebook *local;
  RespVerdict *v;
  GPtrArray *diags = NULL;
  GError *error = NULL;
  RespEventBatch *batch;
  char **names;
  int k;

  /* a new declared fact, and a local circumstance that reads it */
  with_fact = replace_once (default_json,
                            "\"description\": \"积极配合问责调查、主动承担责任\"}",
                            "\"description\": \"积极配合问责调查、主动承担责任\"},\n"
                            "    {\"name\": \"annual_drill_skipped\", \"type\": \"bool\", "
                            "\"description\": \"未按要求开展年度应急演练\"}");
  with_circ = replace_once (with_fact,
                            "\"condition\": {\"var\": \"fact.other_serious\"}}",
                            "\"condition\": {\"var\": \"fact.other_serious\"}},\n\n"
                            "    {\"id\": \"local.1\", \"cite\": \"local 实施细则\", \"scope\": \"event\",\n"
                            "     \"summary\": \"未按要求开展年度应急演练\",\n"
                            "     \"condition\": {\"var\": \"fact.annual_drill_skipped\"}}");
  local = rulebook_load (with_circ);
  CU_ASSERT_PTR_NOT_NULL_FATAL (local);
  CU_ASSERT_EQUAL_FATAL (resp_rulebook_get_n_circumstances (local), 8);
  CU_ASSERT_STRING_EQUAL (resp_rulebook_get_circumstance_id (local, 6), "art8.7");
  CU_ASSERT_STRING_EQUAL (resp_rulebook_get_circumstance_id (local, 7), "local.1");
  names = resp_rulebook_dup_fact_names (local);
  CU_ASSERT (g_strv_contains ((const char * const *) names, "annual_drill_skipped"));
  g_strfreev (names);

  /* without the fact: not triggered under either rulebook */
  v = assess (test_city_rulebook, NEWS_EVENT ("e-local", "5", "", ""), RESP_VERDICT_NOT_TRIGGERED);
  resp_verdict_unref (v);
  v = assess (local, NEWS_EVENT ("e-local", "5", "", ", \"annual_drill_skipped\": false"),
              RESP_VERDICT_NOT_TRIGGERED);
  resp_verdict_unref (v);

  /* with it: triggered by the local circumstance alone */
  v = assess (local, NEWS_EVENT ("e-local", "5", "", ", \"annual_drill_skipped\": true"),
              RESP_VERDICT_TRIGGERED);
  expect_circumstance (v, "local.1", RESP_CIRCUMSTANCE_HOLDS);
  expect_circumstance (v, "art8.2", RESP_CIRCUMSTANCE_DOES_NOT_HOLD);
  CU_ASSERT (test_find_liable (v, "p-yu") >= 0);
  resp_verdict_unref (v);

  /* unknown under the local rulebook: undetermined, naming the fact */
  v = assess (local, NEWS_EVENT ("e-local", "5", "", ""), RESP_VERDICT_UNDETERMINED);
  k = expect_circumstance (v, "local.1", RESP_CIRCUMSTANCE_UNDETERMINED);
  {
    char **missing = resp_verdict_dup_circumstance_missing (v, (guint) k);
    CU_ASSERT_EQUAL (g_strv_length (missing), 1);
    CU_ASSERT_STRING_EQUAL (missing[0], "annual_drill_skipped");
    g_strfreev (missing);
  }
  CU_ASSERT_EQUAL (resp_verdict_get_n_liable (v), 0);
  resp_verdict_unref (v);

  /* the default rulebook does not declare the fact: the event is rejected */
  {
    const char *ev = NEWS_EVENT ("e-local", "5", "", ", \"annual_drill_skipped\": true");
    batch = resp_event_batch_new_from_data (test_city_model, test_city_rulebook, ev, -1, "event.json", &diags, &error);
  }
  CU_ASSERT_PTR_NULL (batch);
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_UNKNOWN_FACT));
  CU_ASSERT_PTR_NOT_NULL_FATAL (diags);
  CU_ASSERT_EQUAL (diags->len, 1);
  g_clear_error (&error);
  g_ptr_array_unref (diags);

  resp_rulebook_unref (local);
  g_free (with_circ);
  g_free (with_fact);
}

static void
test_other_category (void)
{
  char *changed;
  RespRulebook *other;
  RespVerdict *v;
  char **roles;
  int k;

  changed = replace_once (default_json,
                          "{\"id\": \"involved\", \"role\": \"involved\", \"category\": \"direct\"",
                          "{\"id\": \"involved\", \"role\": \"involved\", \"category\": \"primary_leadership\"");
  other = rulebook_load (changed);
  CU_ASSERT_PTR_NOT_NULL_FATAL (other);

  /* p-wen, a team member of k-media who took part in no decision, is liable
   * only as the person involved */
  v = assess (test_city_rulebook, NEWS_EVENT ("e-7h", "7", "\"p-wen\"", ""),
              RESP_VERDICT_TRIGGERED);
  k = test_find_liable (v, "p-wen");
  CU_ASSERT_FATAL (k >= 0);
  CU_ASSERT_EQUAL (resp_verdict_get_liable_category (v, (guint) k), RESP_CATEGORY_DIRECT);
  roles = resp_verdict_dup_liable_roles (v, (guint) k);
  CU_ASSERT_EQUAL (g_strv_length (roles), 1);
  CU_ASSERT (g_strv_contains ((const char * const *) roles, "involved"));
  g_strfreev (roles);
  /* liable by severity: the only direct responsibility comes first */
  CU_ASSERT_EQUAL (k, 0);
  resp_verdict_unref (v);

  v = assess (other, NEWS_EVENT ("e-7h", "7", "\"p-wen\"", ""), RESP_VERDICT_TRIGGERED);
  k = test_find_liable (v, "p-wen");
  CU_ASSERT_FATAL (k >= 0);
  CU_ASSERT_EQUAL (resp_verdict_get_liable_category (v, (guint) k), RESP_CATEGORY_PRIMARY_LEADERSHIP);
  roles = resp_verdict_dup_liable_roles (v, (guint) k);
  CU_ASSERT (g_strv_contains ((const char * const *) roles, "involved"));
  g_strfreev (roles);
  /* nobody bears direct responsibility any more */
  for (guint i = 0; i < resp_verdict_get_n_liable (v); i++)
    CU_ASSERT_NOT_EQUAL (resp_verdict_get_liable_category (v, i), RESP_CATEGORY_DIRECT);
  resp_verdict_unref (v);

  resp_rulebook_unref (other);
  g_free (changed);
}


/* ---- Duties and layers (SPEC §8.1, §8.6) ---- */

/* A layer on the default rulebook; its duty on line 6. */
#define LAYER_HEAD(rk) \
  "{'format': 'libresp/rulebook/1', 'id': 'layer', 'extends': 'cn-party-cyber-2017',\n" \
  " 'parameters': [{'name': 'n_per_year', 'cite': 'local P', 'values': [{'value': 2}]},\n" \
  "                {'name': 'half', 'cite': 'local P', 'values': [{'value': 2.5}]}],\n" \
  rk ",\n" \
  " 'duties': [\n"
#define RK_OK " 'record_kinds': [{'kind': 'meeting', 'description': 'M'}]"
#define LAYER_DUTY(duty) LAYER_HEAD (RK_OK) duty "\n ]}"
#define DUTY_OK \
  "  {'id': 'd1', 'bearer': 'committee', 'every': 'year', 'at_least': 1, 'evidence': ['meeting'], " \
  "'answerable': [{'role': 'first_responsible', 'category': 'primary_leadership'}], 'cite': ['local X'], 'summary': 'S'}"
#define RK_BAD \
  " 'record_kinds': [{'kind': 'meeting', 'description': 'M'}, {'kind': 'notice', 'description': 'N'}, " \
  "{'kind': 'protection_assessment', 'description': 'P'}, {'kind': 'two words', 'description': 'T'}]"

static const TestErrorCase duty_error_cases[] = {
  { "an unknown bearer",
    LAYER_DUTY ("  {'id': 'd1', 'bearer': 'comittee', 'every': 'year', 'at_least': 1, 'evidence': ['meeting'], 'answerable': [{'role': 'first_responsible', 'category': 'primary_leadership'}], 'cite': ['local X'], 'summary': 'S'}"),
    RESP_ERROR_BAD_VALUE, 6, 26, "did you mean 'committee'?" },
  { "an unknown period",
    LAYER_DUTY ("  {'id': 'd1', 'bearer': 'committee', 'every': 'yearly', 'at_least': 1, 'evidence': ['meeting'], 'answerable': [{'role': 'first_responsible', 'category': 'primary_leadership'}], 'cite': ['local X'], 'summary': 'S'}"),
    RESP_ERROR_BAD_VALUE, 6, 48, "'yearly' is not one of year, half_year, quarter, month" },
  { "at_least 0",
    LAYER_DUTY ("  {'id': 'd1', 'bearer': 'committee', 'every': 'year', 'at_least': 0, 'evidence': ['meeting'], 'answerable': [{'role': 'first_responsible', 'category': 'primary_leadership'}], 'cite': ['local X'], 'summary': 'S'}"),
    RESP_ERROR_BAD_VALUE, 6, 68, "whole number from 1" },
  { "at_least a fraction",
    LAYER_DUTY ("  {'id': 'd1', 'bearer': 'committee', 'every': 'year', 'at_least': 1.5, 'evidence': ['meeting'], 'answerable': [{'role': 'first_responsible', 'category': 'primary_leadership'}], 'cite': ['local X'], 'summary': 'S'}"),
    RESP_ERROR_BAD_VALUE, 6, 68, "whole number from 1" },
  { "at_least names no parameter",
    LAYER_DUTY ("  {'id': 'd1', 'bearer': 'committee', 'every': 'year', 'at_least': {'param': 'n_per_yer'}, 'evidence': ['meeting'], 'answerable': [{'role': 'first_responsible', 'category': 'primary_leadership'}], 'cite': ['local X'], 'summary': 'S'}"),
    RESP_ERROR_UNKNOWN_VARIABLE, 6, 78, "did you mean 'n_per_year'?" },
  { "at_least names a fractional parameter",
    LAYER_DUTY ("  {'id': 'd1', 'bearer': 'committee', 'every': 'year', 'at_least': {'param': 'half'}, 'evidence': ['meeting'], 'answerable': [{'role': 'first_responsible', 'category': 'primary_leadership'}], 'cite': ['local X'], 'summary': 'S'}"),
    RESP_ERROR_BAD_VALUE, 6, 78, "not a whole number" },
  { "at_least of another shape",
    LAYER_DUTY ("  {'id': 'd1', 'bearer': 'committee', 'every': 'year', 'at_least': '2', 'evidence': ['meeting'], 'answerable': [{'role': 'first_responsible', 'category': 'primary_leadership'}], 'cite': ['local X'], 'summary': 'S'}"),
    RESP_ERROR_BAD_VALUE, 6, 68, "a number or" },
  { "evidence of an undeclared kind",
    LAYER_DUTY ("  {'id': 'd1', 'bearer': 'committee', 'every': 'year', 'at_least': 1, 'evidence': ['meetin'], 'answerable': [{'role': 'first_responsible', 'category': 'primary_leadership'}], 'cite': ['local X'], 'summary': 'S'}"),
    RESP_ERROR_UNKNOWN_KIND, 6, 84, "did you mean 'meeting'?" },
  { "no evidence",
    LAYER_DUTY ("  {'id': 'd1', 'bearer': 'committee', 'every': 'year', 'at_least': 1, 'evidence': [], 'answerable': [{'role': 'first_responsible', 'category': 'primary_leadership'}], 'cite': ['local X'], 'summary': 'S'}"),
    RESP_ERROR_BAD_VALUE, 6, 83, "at least one record kind" },
  { "answerable by an unknown role",
    LAYER_DUTY ("  {'id': 'd1', 'bearer': 'committee', 'every': 'year', 'at_least': 1, 'evidence': ['meeting'], 'answerable': [{'role': 'first_responsable', 'category': 'primary_leadership'}], 'cite': ['local X'], 'summary': 'S'}"),
    RESP_ERROR_UNKNOWN_ROLE, 6, 120, "did you mean 'first_responsible'?" },
  { "answerable by a unit's role",
    LAYER_DUTY ("  {'id': 'd1', 'bearer': 'operator', 'every': 'year', 'at_least': 1, 'evidence': ['meeting'], 'answerable': [{'role': 'regulator', 'category': 'primary_leadership'}], 'cite': ['local X'], 'summary': 'S'}"),
    RESP_ERROR_BAD_VALUE, 6, 119, "not a person's" },
  { "answerable by involved",
    LAYER_DUTY ("  {'id': 'd1', 'bearer': 'system', 'every': 'year', 'at_least': 1, 'evidence': ['meeting'], 'answerable': [{'role': 'involved', 'category': 'primary_leadership'}], 'cite': ['local X'], 'summary': 'S'}"),
    RESP_ERROR_BAD_VALUE, 6, 117, "not a person's" },
  { "a committee's duty answered by a unit head",
    LAYER_DUTY ("  {'id': 'd1', 'bearer': 'committee', 'every': 'year', 'at_least': 1, 'evidence': ['meeting'], 'answerable': [{'role': 'unit_head', 'category': 'primary_leadership'}], 'cite': ['local X'], 'summary': 'S'}"),
    RESP_ERROR_BAD_VALUE, 6, 120, "through its seats" },
  { "an unknown category",
    LAYER_DUTY ("  {'id': 'd1', 'bearer': 'committee', 'every': 'year', 'at_least': 1, 'evidence': ['meeting'], 'answerable': [{'role': 'first_responsible', 'category': 'primary'}], 'cite': ['local X'], 'summary': 'S'}"),
    RESP_ERROR_BAD_VALUE, 6, 153, "'primary' is not one of direct" },
  { "weight 0",
    LAYER_DUTY ("  {'id': 'd1', 'bearer': 'committee', 'every': 'year', 'at_least': 1, 'evidence': ['meeting'], 'answerable': [{'role': 'first_responsible', 'category': 'primary_leadership'}], 'cite': ['local X'], 'summary': 'S', 'weight': 0}"),
    RESP_ERROR_BAD_VALUE, 6, 224, "'weight'" },
  { "a committee's duty reads the system",
    LAYER_DUTY ("  {'id': 'd1', 'bearer': 'committee', 'applies': {'var': 'system.cii'}, 'every': 'year', 'at_least': 1, 'evidence': ['meeting'], 'answerable': [{'role': 'first_responsible', 'category': 'primary_leadership'}], 'cite': ['local X'], 'summary': 'S'}"),
    RESP_ERROR_UNKNOWN_VARIABLE, 6, 58, "a duty borne by a committee reads committee.form" },
  { "a unit's duty reads the committee",
    LAYER_DUTY ("  {'id': 'd1', 'bearer': 'coordinator', 'applies': {'==': [{'var': 'committee.form'}, 'party_group']}, 'every': 'year', 'at_least': 1, 'evidence': ['meeting'], 'answerable': [{'role': 'unit_head', 'category': 'primary_leadership'}], 'cite': ['local X'], 'summary': 'S'}"),
    RESP_ERROR_UNKNOWN_VARIABLE, 6, 68, "a duty borne by a unit reads unit.kind" },
  { "a system's duty reads the unit",
    LAYER_DUTY ("  {'id': 'd1', 'bearer': 'system', 'applies': {'==': [{'var': 'unit.kind'}, 'government']}, 'every': 'year', 'at_least': 1, 'evidence': ['meeting'], 'answerable': [{'role': 'unit_head', 'category': 'primary_leadership'}], 'cite': ['local X'], 'summary': 'S'}"),
    RESP_ERROR_UNKNOWN_VARIABLE, 6, 63, "this condition reads system.*" },
  { "an unknown key in a duty",
    LAYER_DUTY ("  {'id': 'd1', 'bearer': 'committee', 'every': 'year', 'at_least': 1, 'evidence': ['meeting'], 'answerable': [{'role': 'first_responsible', 'category': 'primary_leadership'}], 'cite': ['local X'], 'summary': 'S', 'nots': 'N'}"),
    RESP_ERROR_UNKNOWN_ATTRIBUTE, 6, 214, "did you mean 'note'?" },
  { "a duty's citation",
    LAYER_DUTY ("  {'id': 'd1', 'bearer': 'committee', 'every': 'year', 'at_least': 1, 'evidence': ['meeting'], 'answerable': [{'role': 'first_responsible', 'category': 'primary_leadership'}], 'cite': ['locale X'], 'summary': 'S'}"),
    RESP_ERROR_BAD_VALUE, 6, 186, "does not start with a source key" },
  { "a duty's empty period",
    LAYER_DUTY ("  {'id': 'd1', 'bearer': 'committee', 'every': 'year', 'at_least': 1, 'evidence': ['meeting'], 'answerable': [{'role': 'first_responsible', 'category': 'primary_leadership'}], 'cite': ['local X'], 'summary': 'S', 'since': '2026-01-01', 'until': '2026-01-01'}"),
    RESP_ERROR_EMPTY_INTERVAL, 6, 246, "empty period" },
  { "a duty without at_least",
    LAYER_DUTY ("  {'id': 'd1', 'bearer': 'committee', 'every': 'year', 'evidence': ['meeting'], 'answerable': [{'role': 'first_responsible', 'category': 'primary_leadership'}], 'cite': ['local X'], 'summary': 'S'}"),
    RESP_ERROR_MISSING_KEY, 6, 3, "missing 'at_least'" },
  { "a duty without answerable",
    LAYER_DUTY ("  {'id': 'd1', 'bearer': 'committee', 'every': 'year', 'at_least': 1, 'evidence': ['meeting'], 'cite': ['local X'], 'summary': 'S'}"),
    RESP_ERROR_MISSING_KEY, 6, 3, "answerable" },
  { "a duty id of the layer below",
    LAYER_DUTY ("  {'id': 'annual_work_report', 'bearer': 'committee', 'every': 'year', 'at_least': 1, 'evidence': ['meeting'], 'answerable': [{'role': 'first_responsible', 'category': 'primary_leadership'}], 'cite': ['local X'], 'summary': 'S'}"),
    RESP_ERROR_DUPLICATE_ID, 6, 10, "already defined by the rulebook 'cn-party-cyber-2017' below" },
  { "a duplicate duty id", LAYER_DUTY (DUTY_OK ",\n" DUTY_OK),
    RESP_ERROR_DUPLICATE_ID, 7, 10, "duplicate id 'd1'" },
};

/* Record kinds and layers: all three record kinds of RK_BAD are wrong. */
static void
test_layer_errors (void)
{
  static const TestErrorCase cases[] = {
    { "extends no shipped rulebook",
      "{'format': 'libresp/rulebook/1', 'id': 'layer', 'extends': 'cn-party-cyber-2071'}",
      RESP_ERROR_UNKNOWN_RULEBOOK, 1, 60, "did you mean 'cn-party-cyber-2017'?" },
    { "extends not a name", "{'format': 'libresp/rulebook/1', 'id': 'layer', 'extends': 7}",
      RESP_ERROR_BAD_VALUE, 1, 60, "'extends' must be the name" },
    { "a layer's id loaded below",
      "{'format': 'libresp/rulebook/1', 'id': 'cn-party-cyber-2017', 'extends': 'cn-party-cyber-2017'}",
      RESP_ERROR_DUPLICATE_ID, 1, 40, "loaded below already" },
    { "a fact derived in no known way",
      "{'format': 'libresp/rulebook/1', 'id': 'layer', 'extends': 'cn-party-cyber-2017',\n"
      " 'facts': [{'name': 'x', 'type': 'bool', 'description': 'X', 'derive': 'overdue_notise'}]}",
      RESP_ERROR_BAD_VALUE, 2, 72, "did you mean 'overdue_notice'?" },
    { "only a bool fact is derived",
      "{'format': 'libresp/rulebook/1', 'id': 'layer', 'extends': 'cn-party-cyber-2017',\n"
      " 'facts': [{'name': 'x', 'type': 'number', 'description': 'X', 'derive': 'overdue_notice'}]}",
      RESP_ERROR_BAD_VALUE, 2, 74, "only a bool fact" },
    { "the bottom layer needs facts",
      "{'format': 'libresp/rulebook/1', 'id': 'x', 'sources': [{'key': 'm', 'title': 'M'}], 'liability': [],\n"
      " 'circumstances': [{'id': 'c', 'cite': 'm 1', 'scope': 'system', 'summary': 'S', 'condition': {'var': 'system.cii'}}]}",
      RESP_ERROR_MISSING_KEY, 1, 1, "missing 'facts'" },
  };
  static const TestDiagnostic kinds[] = {
    { RESP_ERROR_DUPLICATE_ID, 4, 69, "'notice' is built in" },
    { RESP_ERROR_DUPLICATE_ID, 4, 109, "kind 'protection_assessment' is already defined by the rulebook 'cn-party-cyber-2017' below" },
    { RESP_ERROR_BAD_VALUE, 4, 164, "one word" },
  };
  char *json = test_json_of (LAYER_HEAD (RK_BAD) DUTY_OK "\n ]}");
  GPtrArray *diags = NULL;
  GError *error = NULL;

  test_expect_errors (&rulebook_loader, cases);
  CU_ASSERT_PTR_NULL (resp_rulebook_new_from_data (json, -1, "rb.json", &diags, &error));
  test_diagnostics (diags, "rb.json", kinds);
  g_clear_error (&error);
  g_clear_pointer (&diags, g_ptr_array_unref);
  g_free (json);
}

/* A layer on the default rulebook with its `reporting` on line 2
 * (SPEC §9.3: a province changes a limit or a recipient as data). */
#define LAYER_HEAD2 "{'format': 'libresp/rulebook/1', 'id': 'layer', 'extends': 'cn-party-cyber-2017',\n"
#define LAYER_REPORTING(rep) LAYER_HEAD2 " 'reporting': " rep "}"

static const TestErrorCase timeline_error_cases[] = {
  { "reporting: required_from names no grade",
    LAYER_REPORTING ("{'since': '2025-11-01', 'cite': ['reporting Art. 4'], 'required_from': 'lage', 'initial': [{'id': 'other', 'to': [{'role': 'coordinator', 'region_level': 'provincial', 'else_own': true}], 'within_hours': 4}]}"),
    RESP_ERROR_UNKNOWN_GRADE, 2, 86, "did you mean 'large'?" },
  { "reporting: an unknown recipient role",
    LAYER_REPORTING ("{'since': '2025-11-01', 'cite': ['reporting Art. 4'], 'required_from': 'large', 'initial': [{'id': 'other', 'to': [{'role': 'coordinater', 'region_level': 'provincial', 'else_own': true}], 'within_hours': 4}]}"),
    RESP_ERROR_UNKNOWN_ROLE, 2, 139, "did you mean 'coordinator'?" },
  { "reporting: a person's role as recipient",
    LAYER_REPORTING ("{'since': '2025-11-01', 'cite': ['reporting Art. 4'], 'required_from': 'large', 'initial': [{'id': 'other', 'to': [{'role': 'unit_head', 'region_level': 'provincial', 'else_own': true}], 'within_hours': 4}]}"),
    RESP_ERROR_UNKNOWN_ROLE, 2, 139, "not to 'unit_head'" },
  { "reporting: an unknown region level",
    LAYER_REPORTING ("{'since': '2025-11-01', 'cite': ['reporting Art. 4'], 'required_from': 'large', 'initial': [{'id': 'other', 'to': [{'role': 'coordinator', 'region_level': 'provincal', 'else_own': true}], 'within_hours': 4}]}"),
    RESP_ERROR_BAD_VALUE, 2, 170, "region_level" },
  { "reporting: a limit of 0 hours",
    LAYER_REPORTING ("{'since': '2025-11-01', 'cite': ['reporting Art. 4'], 'required_from': 'large', 'initial': [{'id': 'other', 'to': [{'role': 'coordinator', 'region_level': 'provincial', 'else_own': true}], 'within_hours': 0}]}"),
    RESP_ERROR_BAD_VALUE, 2, 220, "positive number" },
  { "reporting: an unknown key",
    LAYER_REPORTING ("{'escalaton': {}, 'since': '2025-11-01', 'cite': ['reporting Art. 4'], 'required_from': 'large', 'initial': [{'id': 'other', 'to': [{'role': 'coordinator', 'region_level': 'provincial', 'else_own': true}], 'within_hours': 4}]}"),
    RESP_ERROR_UNKNOWN_ATTRIBUTE, 2, 16, "did you mean 'escalation'?" },
  { "reporting: a class condition reading an unknown variable",
    LAYER_REPORTING ("{'since': '2025-11-01', 'cite': ['reporting Art. 4'], 'required_from': 'large', 'initial': [{'id': 'other', 'when': {'var': 'operator.knd'}, 'to': [{'role': 'coordinator', 'region_level': 'provincial', 'else_own': true}], 'within_hours': 4}]}"),
    RESP_ERROR_UNKNOWN_VARIABLE, 2, 139, "did you mean 'operator.kind'?" },
  { "reporting: escalation from no grade",
    LAYER_REPORTING ("{'since': '2025-11-01', 'cite': ['reporting Art. 4'], 'required_from': 'large', 'escalation': {'from_grade': 'majr', 'after': []}, 'initial': [{'id': 'other', 'to': [{'role': 'coordinator', 'region_level': 'provincial', 'else_own': true}], 'within_hours': 4}]}"),
    RESP_ERROR_UNKNOWN_GRADE, 2, 124, "did you mean 'major'?" },
  { "reporting: notifying a unit head",
    LAYER_REPORTING ("{'since': '2025-11-01', 'cite': ['reporting Art. 4'], 'required_from': 'large', 'notify': {'when': {'var': 'fact.suspected_crime'}, 'roles': ['unit_head']}, 'initial': [{'id': 'other', 'to': [{'role': 'coordinator', 'region_level': 'provincial', 'else_own': true}], 'within_hours': 4}]}"),
    RESP_ERROR_UNKNOWN_ROLE, 2, 157, "only a region's organ" },
  /* the order of the grades is one layer's: none may be added below or above */
  { "grades on a rulebook that has them",
    LAYER_HEAD2 " 'grades': [{'id': 'minor', 'name': 'M', 'cite': 'reporting X'}]}",
    RESP_ERROR_DUPLICATE_ID, 2, 12, "defined by a rulebook below" },
};

static void
test_timeline_errors (void)
{
  test_expect_errors (&rulebook_loader, timeline_error_cases);
}

static void
test_duty_errors (void)
{
  test_expect_errors (&rulebook_loader, duty_error_cases);
}

static const RespDutyRule *
find_duty (RespRulebook *rb, const char *id)
{
  for (guint i = 0; i < rb->duties->len; i++)
    if (g_strcmp0 (g_array_index (rb->duties, RespDutyRule, i).id, id) == 0)
      return &g_array_index (rb->duties, RespDutyRule, i);
  return NULL;
}

static gint64
param_at (RespRulebook *rb, const char *name, const char *when)
{
  for (guint i = 0; i < rb->params->len; i++)
    if (g_str_equal (g_array_index (rb->params, RespParamDecl, i).name, name))
      {
        RespValue v = resp_rulebook_param_at (rb, i, test_instant (when));
        return v.type == RESP_VALUE_NUMBER ? (gint64) v.number : -1;
      }
  return -2;
}

/* The default rulebook's four duties (SPEC §8.1), as the table says. */
static void
test_default_duties (void)
{
  static const struct {
    const char *id;
    RespBearer  bearer;
    RespEvery   every;
    const char *evidence;
    const char *since;
    const char *cite;
  } want[] = {
    { "annual_work_report", RESP_BEARER_COORDINATOR, RESP_EVERY_YEAR, "annual_work_report",
      "2017-08-15", "measures Art. 6" },
    { "protection_assessment_l3", RESP_BEARER_SYSTEM, RESP_EVERY_YEAR, "protection_assessment",
      "2007-06-22", "mlps Art. 14" },
    { "protection_assessment_l4", RESP_BEARER_SYSTEM, RESP_EVERY_HALF_YEAR, "protection_assessment",
      "2007-06-22", "mlps Art. 14" },
    { "cii_risk_assessment", RESP_BEARER_SYSTEM, RESP_EVERY_YEAR, "cii_risk_assessment",
      "2021-09-01", "cii Art. 17" },
  };
  RespRulebook *rb = resp_rulebook_new_default ();

  CU_ASSERT_EQUAL (rb->duties->len, G_N_ELEMENTS (want));
  CU_ASSERT_EQUAL (rb->record_kinds->len, 3);
  for (guint i = 0; i < G_N_ELEMENTS (want) && i < rb->duties->len; i++)
    {
      const RespDutyRule *d = &g_array_index (rb->duties, RespDutyRule, i);
      const RespRecordKindDecl *k;

      CU_ASSERT_STRING_EQUAL (d->id, want[i].id);
      CU_ASSERT_EQUAL (d->bearer, want[i].bearer);
      CU_ASSERT_EQUAL (d->every, want[i].every);
      CU_ASSERT_EQUAL (d->at_least, 1);
      CU_ASSERT_EQUAL (d->at_least_param, -1);
      CU_ASSERT_EQUAL (d->weight, 1);
      CU_ASSERT_EQUAL (d->since, test_instant (want[i].since));
      CU_ASSERT_STRING_EQUAL (d->cite[0], want[i].cite);
      CU_ASSERT_EQUAL_FATAL (d->evidence->len, 1);
      k = &g_array_index (rb->record_kinds, RespRecordKindDecl, g_array_index (d->evidence, guint, 0));
      CU_ASSERT_STRING_EQUAL (k->kind, want[i].evidence);
      /* primary leadership: a system's security lead and unit head, the
       * coordinator's unit head */
      CU_ASSERT_EQUAL (d->answerable->len, want[i].bearer == RESP_BEARER_SYSTEM ? 2 : 1);
      for (guint j = 0; j < d->answerable->len; j++)
        {
          const RespDutyAnswerable *a = &g_array_index (d->answerable, RespDutyAnswerable, j);
          CU_ASSERT_EQUAL (a->category, RESP_CATEGORY_PRIMARY_LEADERSHIP);
          CU_ASSERT (a->role == RESP_ROLE_UNIT_HEAD || a->role == RESP_ROLE_SECURITY_LEAD);
        }
      CU_ASSERT ((d->applies != NULL) == (want[i].bearer == RESP_BEARER_SYSTEM));
    }
  resp_rulebook_unref (rb);
}

/* The shipped names, their sources, and the local rulebook on the default. */
static void
test_shipped (void)
{
  char **names = resp_rulebook_list_shipped ();
  GError *error = NULL;
  RespRulebook *rb;
  const RespDutyRule *d;
  GBytes *bytes;
  char *file;
  gsize len;

  CU_ASSERT_EQUAL_FATAL (g_strv_length (names), 2);
  CU_ASSERT_STRING_EQUAL (names[0], "cn-party-cyber-2017");
  CU_ASSERT_STRING_EQUAL (names[1], "cn-local-2026-example");
  g_strfreev (names);

  /* what `resp rulebook NAME` prints is the file in the source tree */
  bytes = resp_rulebook_get_shipped_source ("cn-local-2026-example");
  CU_ASSERT_PTR_NOT_NULL_FATAL (bytes);
  file = test_read_src ("libresp/rulebooks/cn-local-2026-example.json", &len);
  CU_ASSERT_EQUAL (g_bytes_get_size (bytes), len);
  CU_ASSERT (memcmp (g_bytes_get_data (bytes, NULL), file, len) == 0);
  g_free (file);
  g_bytes_unref (bytes);
  CU_ASSERT_PTR_NULL (resp_rulebook_get_shipped_source ("cn-local"));

  CU_ASSERT_PTR_NULL (resp_rulebook_new_shipped ("cn-local-2026-exampel", &error));
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_UNKNOWN_RULEBOOK));
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "did you mean 'cn-local-2026-example'?"));
  g_clear_error (&error);

  /* the local rules: three duties on the default's four, all since 2026 */
  rb = resp_rulebook_new_shipped ("cn-local-2026-example", &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (rb);
  CU_ASSERT_STRING_EQUAL (resp_rulebook_get_id (rb), "cn-local-2026-example");
  CU_ASSERT_EQUAL (rb->layers->len, 2);
  CU_ASSERT_EQUAL (rb->duties->len, 7);
  CU_ASSERT_EQUAL (rb->record_kinds->len, 6);
  CU_ASSERT_EQUAL (resp_rulebook_get_n_circumstances (rb), 7);
  d = find_duty (rb, "special_meetings");
  CU_ASSERT_PTR_NOT_NULL_FATAL (d);
  CU_ASSERT_EQUAL (d->bearer, RESP_BEARER_COMMITTEE);
  CU_ASSERT (d->at_least_param >= 0);
  CU_ASSERT_EQUAL (d->since, test_instant ("2026-01-01"));
  CU_ASSERT_EQUAL (param_at (rb, "special_meetings_per_year", "2026-06-01"), 2);
  /* no value before the local rules */
  CU_ASSERT_EQUAL (param_at (rb, "special_meetings_per_year", "2025-06-01"), -1);
  d = find_duty (rb, "contingency_drill");
  CU_ASSERT_PTR_NOT_NULL_FATAL (d);
  CU_ASSERT_EQUAL (d->bearer, RESP_BEARER_OPERATOR);
  CU_ASSERT_PTR_NOT_NULL (find_duty (rb, "annual_work_plan"));
  CU_ASSERT_PTR_NOT_NULL (find_duty (rb, "cii_risk_assessment"));
  resp_rulebook_unref (rb);
}

/* Layers: a later parameter replaces, an extends already below is not
 * loaded again, the layer below is not changed, files and names mix. */
static void
test_layers (void)
{
  char *stricter = test_json_of (
    "{'format': 'libresp/rulebook/1', 'id': 'province', 'extends': 'cn-party-cyber-2017',\n"
    " 'parameters': [{'name': 'special_meetings_per_year', 'cite': 'local P', 'values': [{'value': 4}]}]}");
  char *fraction = test_json_of (
    "{'format': 'libresp/rulebook/1', 'id': 'province',\n"
    " 'parameters': [{'name': 'special_meetings_per_year', 'cite': 'local P',\n"
    "                 'values': [{'until': '2027-01-01', 'value': 3}, {'since': '2027-01-01', 'value': 2.5}]}]}");
  GPtrArray *diags = NULL;
  GError *error = NULL;
  RespRulebook *local = resp_rulebook_new_shipped ("cn-local-2026-example", NULL);
  RespRulebook *rb;
  char *dir = NULL, *path;

  rb = resp_rulebook_add_layer_from_data (local, stricter, -1, "province.json", NULL, &diags, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (rb);
  CU_ASSERT_EQUAL (diags->len, 0);
  g_clear_pointer (&diags, g_ptr_array_unref);
  CU_ASSERT_STRING_EQUAL (resp_rulebook_get_id (rb), "province");
  CU_ASSERT_EQUAL (rb->layers->len, 3);
  CU_ASSERT_EQUAL (param_at (rb, "special_meetings_per_year", "2026-06-01"), 4);
  /* all of the earlier values are replaced: 4 also before 2026 */
  CU_ASSERT_EQUAL (param_at (rb, "special_meetings_per_year", "2020-06-01"), 4);
  CU_ASSERT_EQUAL (param_at (local, "special_meetings_per_year", "2026-06-01"), 2);
  CU_ASSERT_STRING_EQUAL (resp_rulebook_get_id (local), "cn-local-2026-example");
  resp_rulebook_unref (rb);

  /* a duty's at_least must stay a count, checked at the replacing value */
  CU_ASSERT_PTR_NULL (resp_rulebook_add_layer_from_data (local, fraction, -1, "province.json", NULL,
                                                         &diags, &error));
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_BAD_VALUE));
  CU_ASSERT_EQUAL_FATAL (diags->len, 1);
  CU_ASSERT_EQUAL (resp_diagnostic_get_line (diags->pdata[0]), 3);
  CU_ASSERT_EQUAL (resp_diagnostic_get_column (diags->pdata[0]), 99);
  g_clear_pointer (&diags, g_ptr_array_unref);
  g_clear_error (&error);

  /* names and files, bottom first */
  path = test_write_temp ("province.json", stricter, &dir);
  {
    const char *layers[] = { "cn-local-2026-example", path, NULL };
    const char *missing[] = { "cn-party-cyber-2017", "no-such-dir/x.json", NULL };
    const char *unknown[] = { "cn-local-2026-exampel", NULL };

    rb = resp_rulebook_new_layered (layers, NULL, &diags, &error);
    CU_ASSERT_PTR_NOT_NULL_FATAL (rb);
    CU_ASSERT_EQUAL (diags->len, 0);
    g_clear_pointer (&diags, g_ptr_array_unref);
    CU_ASSERT_EQUAL (rb->layers->len, 3);
    CU_ASSERT_EQUAL (rb->duties->len, 7);
    CU_ASSERT_EQUAL (param_at (rb, "special_meetings_per_year", "2026-06-01"), 4);
    resp_rulebook_unref (rb);

    CU_ASSERT_PTR_NULL (resp_rulebook_new_layered (missing, NULL, &diags, &error));
    CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_IO));
    g_clear_pointer (&diags, g_ptr_array_unref);
    g_clear_error (&error);
    CU_ASSERT_PTR_NULL (resp_rulebook_new_layered (unknown, NULL, &diags, &error));
    CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_UNKNOWN_RULEBOOK));
    CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "did you mean 'cn-local-2026-example'?"));
    g_clear_pointer (&diags, g_ptr_array_unref);
    g_clear_error (&error);
  }
  test_remove_temp (path, dir);
  resp_rulebook_unref (local);
  g_free (stricter);
  g_free (fraction);
}

/* A layer let in by wider limits than the defaults (a note longer than
 * max_string_bytes) stays in when another is put on it: the layers below
 * load again within the limits they first loaded in. */
static void
test_layer_on_wider_limits (void)
{
  GString *json = g_string_new ("{\"format\": \"libresp/rulebook/1\", \"id\": \"province\",\n"
                                " \"extends\": \"cn-local-2026-example\",\n"
                                " \"parameters\": [{\"name\": \"special_meetings_per_year\", "
                                "\"cite\": \"local P\", \"values\": [{\"value\": 4}], \"note\": \"");
  RespLimits *limits = resp_limits_new ();
  GPtrArray *diags = NULL;
  GError *error = NULL;
  RespRulebook *wide, *rb;

  for (guint64 i = 0; i <= RESP_LIMITS_DEFAULT_MAX_STRING_BYTES; i++)
    g_string_append_c (json, 'x');
  g_string_append (json, "\"}]}");
  CU_ASSERT_PTR_NULL (resp_rulebook_new_from_data (json->str, (gssize) json->len, "province.json", NULL, &error));
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_LIMIT));
  g_clear_error (&error);

  limits->max_string_bytes = 2 * RESP_LIMITS_DEFAULT_MAX_STRING_BYTES;
  wide = resp_rulebook_new_from_data_full (json->str, (gssize) json->len, "province.json", limits, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (wide);
  rb = resp_rulebook_add_layer_from_data (wide, "{\"format\": \"libresp/rulebook/1\", \"id\": \"city\"}", -1,
                                          "city.json", NULL, &diags, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (rb);
  CU_ASSERT_PTR_NULL (error);
  CU_ASSERT_EQUAL (diags->len, 0);
  CU_ASSERT_EQUAL (rb->layers->len, 4);
  CU_ASSERT_STRING_EQUAL (resp_rulebook_get_id (rb), "city");
  CU_ASSERT_EQUAL (param_at (rb, "special_meetings_per_year", "2026-06-01"), 4);
  g_clear_pointer (&diags, g_ptr_array_unref);
  resp_rulebook_unref (rb);
  resp_rulebook_unref (wide);
  resp_limits_free (limits);
  g_string_free (json, TRUE);
}

/* applies reads the bearer's attributes; a duty may read its parameter */
static void
test_duty_conditions (void)
{
  char *json = test_json_of (LAYER_DUTY (
    "  {'id': 'd1', 'bearer': 'operator', 'every': 'quarter', 'at_least': {'param': 'n_per_year'}, "
    "'applies': {'and': [{'==': [{'var': 'unit.kind'}, 'government']}, {'in': [{'var': 'unit.region_level'}, ['county', 'township']]}]}, "
    "'evidence': ['meeting', 'annual_work_report'], 'weight': 2.5, "
    "'answerable': [{'role': 'unit_head', 'category': 'primary_leadership'}, {'role': 'first_responsible', 'category': 'important_leadership'}], "
    "'cite': ['local X'], 'summary': 'S', 'note': 'N', 'since': '2026-01-01', 'until': '2030-01-01'},\n"
    "  {'id': 'd2', 'bearer': 'committee', 'every': 'month', 'at_least': 3, "
    "'applies': {'==': [{'var': 'committee.scope_level'}, 'county']}, 'evidence': ['meeting'], "
    "'answerable': [{'role': 'team_member', 'category': 'important_leadership'}], 'cite': ['local X'], 'summary': 'S'}"));
  GError *error = NULL;
  RespRulebook *rb = resp_rulebook_new_from_data (json, -1, "rb.json", NULL, &error);
  const RespDutyRule *d;

  CU_ASSERT_PTR_NULL (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (rb);
  d = find_duty (rb, "d1");
  CU_ASSERT_PTR_NOT_NULL_FATAL (d);
  CU_ASSERT_EQUAL (d->every, RESP_EVERY_QUARTER);
  CU_ASSERT_EQUAL (d->weight, 2.5);
  CU_ASSERT_EQUAL (d->evidence->len, 2);
  CU_ASSERT_EQUAL (d->answerable->len, 2);
  CU_ASSERT_EQUAL (d->until, test_instant ("2030-01-01"));
  CU_ASSERT_PTR_NOT_NULL (d->applies);
  CU_ASSERT_EQUAL (param_at (rb, "n_per_year", "2026-06-01"), 2);
  d = find_duty (rb, "d2");
  CU_ASSERT_PTR_NOT_NULL_FATAL (d);
  CU_ASSERT_EQUAL (d->every, RESP_EVERY_MONTH);
  CU_ASSERT_EQUAL (d->at_least, 3);
  resp_rulebook_unref (rb);
  g_free (json);
}

static void
misuse_layered_null (void)
{
  resp_rulebook_new_layered (NULL, NULL, NULL, NULL);
}

static void
misuse_layer_on_null (void)
{
  resp_rulebook_add_layer_from_data (NULL, "{}", -1, NULL, NULL, NULL, NULL);
}

static void
misuse_shipped_null (void)
{
  resp_rulebook_new_shipped (NULL, NULL);
}

static void
test_layer_misuse (void)
{
  static const TestMisuse misuses[] = {
    { misuse_layered_null, "layers != NULL" },
    { misuse_layer_on_null, "below != NULL" },
    { misuse_shipped_null, "name != NULL" },
  };
  test_misuses (misuses);
}

static CU_TestInfo tests[] = {
  { "the default rulebook", test_default_rulebook },
  { "the default source is default.json", test_default_source_is_the_file },
  { "default.json loads from its file", test_default_from_file },
  { "the test template is valid", test_template_is_valid },
  { "every error class with code and position", test_error_cases },
  { "FILE:LINE:COL message", test_error_message_format },
  { "all errors in one pass", test_all_errors_in_one_pass },
  { "nothing half-loaded", test_nothing_half_loaded },
  { "data: a stricter threshold", test_stricter_threshold },
  { "data: an extra circumstance", test_extra_circumstance },
  { "data: another category", test_other_category },
  { "the default rulebook's duties", test_default_duties },
  { "duties: every error class with code and position", test_duty_errors },
  { "grades and reporting: every error with code and position", test_timeline_errors },
  { "layers and record kinds: errors", test_layer_errors },
  { "duties read the bearer's attributes", test_duty_conditions },
  { "shipped rulebooks", test_shipped },
  { "layers", test_layers },
  { "layers: a layer on one let in by wider limits", test_layer_on_wider_limits },
  { "layers: misuse", test_layer_misuse },
  CU_TEST_INFO_NULL,
};

int
main (void)
{
  return test_main_suite ("rulebook", suite_init, suite_clean, tests);
}
