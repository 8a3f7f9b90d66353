/* test-rulebook.c: rulebooks (SPEC §4.2–4.6, docs/rulebook.md): the default
 * rulebook, every error class with its code and position, and the legal
 * rules as data: change the rulebook's text and the verdicts change
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-common.h"

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
  CU_TEST_INFO_NULL,
};

int
main (void)
{
  return test_main_suite ("rulebook", suite_init, suite_clean, tests);
}
