/* test-limits.c: hostile input meets a precise error, never a crash
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "test-common.h"

#define HEAD "{\"format\": \"libresp/model/1\", \"nodes\": [\n"

/* Hostile models are written in JSON as it is, and named m.json. */
static const TestLoader model_loader = { TEST_INPUT_MODEL, "m.json", FALSE };

/* Loads a model expecting one error; returns the first diagnostic's code
 * and position through the out arguments. */
static RespError
model_error (const char *json, gssize len, const RespLimits *limits, guint *line, guint *col)
{
  GPtrArray *diags = NULL;
  GError *error = NULL;
  RespModel *m = resp_model_new_from_data_full (json, len, "m.json", limits, &diags, &error);
  RespError code;

  CU_ASSERT_PTR_NULL (m);
  if (m != NULL)
    {
      resp_model_unref (m);
      g_ptr_array_unref (diags);
      return RESP_ERROR_FAILED;
    }
  CU_ASSERT_PTR_NOT_NULL_FATAL (diags);
  CU_ASSERT_FATAL (diags->len > 0);
  code = resp_diagnostic_get_code (diags->pdata[0]);
  CU_ASSERT_EQUAL (code, (RespError) error->code);
  if (line)
    *line = resp_diagnostic_get_line (diags->pdata[0]);
  if (col)
    *col = resp_diagnostic_get_column (diags->pdata[0]);
  g_ptr_array_unref (diags);
  g_error_free (error);
  return code;
}

static void
test_nesting_depth (void)
{
  GString *json = g_string_new (HEAD "{\"id\": \"a\", \"type\": \"sector\", \"name\": \"A\", \"extra\": {\"x\": ");
  RespLimits *limits = resp_limits_new ();
  guint line, col;
  RespModel *m;

  for (guint i = 0; i < 300; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < 300; i++)
    g_string_append_c (json, ']');
  g_string_append (json, "}}]}");
  /* the 256th nested bracket is too deep: {model [nodes {node {extra then 252 */
  CU_ASSERT_EQUAL (model_error (json->str, -1, NULL, &line, &col), RESP_ERROR_LIMIT);
  CU_ASSERT_EQUAL (line, 2);
  CU_ASSERT_EQUAL (col, 59 + 252);
  /* a lower limit bites earlier; a higher one lets it through */
  limits->max_depth = 10;
  CU_ASSERT_EQUAL (model_error (json->str, -1, limits, &line, &col), RESP_ERROR_LIMIT);
  CU_ASSERT_EQUAL (col, 59 + 6);
  limits->max_depth = 400;
  m = resp_model_new_from_data_full (json->str, -1, NULL, limits, NULL, NULL);
  CU_ASSERT_PTR_NOT_NULL (m);
  g_clear_pointer (&m, resp_model_unref);
  resp_limits_free (limits);
  g_string_free (json, TRUE);
}

static void
test_string_length (void)
{
  RespLimits *limits = resp_limits_new ();
  GString *json = g_string_new (HEAD "{\"id\": \"a\", \"type\": \"sector\", \"name\": \"");
  guint line, col;

  for (guint i = 0; i < 200; i++)
    g_string_append (json, "长");
  g_string_append (json, "\"}]}");
  limits->max_string_bytes = 100;
  CU_ASSERT_EQUAL (model_error (json->str, -1, limits, &line, &col), RESP_ERROR_LIMIT);
  CU_ASSERT_EQUAL (line, 2);
  CU_ASSERT_EQUAL (col, 39);
  resp_limits_free (limits);
  g_string_free (json, TRUE);
}

static void
test_file_size (void)
{
  RespLimits *limits = resp_limits_new ();
  const char *json = HEAD "{\"id\": \"a\", \"type\": \"sector\", \"name\": \"A\"}]}";
  char *dir, *path = test_write_temp ("m.json", json, &dir);
  GError *error = NULL;
  GPtrArray *diags = NULL;

  CU_ASSERT_EQUAL (limits->max_file_bytes, RESP_LIMITS_DEFAULT_MAX_FILE_BYTES);
  limits->max_file_bytes = 40;
  CU_ASSERT_EQUAL (model_error (json, -1, limits, NULL, NULL), RESP_ERROR_LIMIT);
  CU_ASSERT_PTR_NULL (resp_model_new_from_file_full (path, limits, &diags, &error));
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_LIMIT));
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "max_file_bytes"));
  CU_ASSERT_EQUAL (diags->len, 1);
  g_clear_error (&error);
  g_clear_pointer (&diags, g_ptr_array_unref);
  /* the same limit guards rulebooks and events */
  CU_ASSERT_PTR_NULL (resp_rulebook_new_from_file_full (path, limits, NULL, &error));
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_LIMIT));
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (resp_event_batch_new_from_file_full (test_city_model, test_city_rulebook, path,
                                                           limits, NULL, &error));
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_LIMIT));
  g_clear_error (&error);
  test_remove_temp (path, dir);
  resp_limits_free (limits);
}

/* The limits guard what is read from memory as they guard files: a
 * rulebook or events longer than max_file_bytes are refused as such, and
 * no limits are the defaults */
static void
test_data_size (void)
{
  RespLimits *limits = resp_limits_new ();
  GBytes *default_rulebook = resp_rulebook_get_default_source ();
  gsize length = 0;
  const char *text = g_bytes_get_data (default_rulebook, &length);
  const char *event = "{\"id\": \"e\", \"occurred_at\": \"2026-03-05\", "
                      "\"units\": [\"u-hospital\"]}";
  GError *error = NULL;
  RespRulebook *rb;
  RespEventBatch *batch;

  limits->max_file_bytes = 40;
  CU_ASSERT_PTR_NULL (resp_rulebook_new_from_data_full (text, (gssize) length, "rb.json", limits,
                                                        NULL, &error));
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_LIMIT));
  CU_ASSERT_PTR_NOT_NULL (error != NULL ? strstr (error->message, "max_file_bytes") : NULL);
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (resp_event_batch_new_from_data_full (test_city_model, test_city_rulebook,
                                                           event, -1, "e.json", limits, NULL,
                                                           &error));
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_LIMIT));
  g_clear_error (&error);

  /* without limits, or with limits that leave room, both load */
  rb = resp_rulebook_new_from_data_full (text, (gssize) length, "rb.json", NULL, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL (rb);
  CU_ASSERT_PTR_NULL (error);
  g_clear_pointer (&rb, resp_rulebook_unref);
  limits->max_file_bytes = length;
  rb = resp_rulebook_new_from_data_full (text, (gssize) length, "rb.json", limits, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL (rb);
  g_clear_pointer (&rb, resp_rulebook_unref);
  g_clear_error (&error);
  batch = resp_event_batch_new_from_data_full (test_city_model, test_city_rulebook, event, -1,
                                               "e.json", NULL, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL (batch);
  CU_ASSERT_PTR_NULL (error);
  g_clear_pointer (&batch, resp_event_batch_unref);
  g_clear_error (&error);
  g_bytes_unref (default_rulebook);
  resp_limits_free (limits);
}

static void
test_error_count (void)
{
  RespLimits *limits = resp_limits_new ();
  GString *json = g_string_new (HEAD);
  GPtrArray *diags = NULL;

  for (guint i = 0; i < 20; i++)
    g_string_append_printf (json, "%s{\"id\": \"n%u\", \"type\": \"bogus\", \"name\": \"N\"}\n", i ? "," : "", i);
  g_string_append (json, "]}");
  limits->max_errors = 3;
  CU_ASSERT_PTR_NULL (resp_model_new_from_data_full (json->str, -1, NULL, limits, &diags, NULL));
  CU_ASSERT_EQUAL (diags->len, 4);
  CU_ASSERT_EQUAL (resp_diagnostic_get_code (diags->pdata[3]), RESP_ERROR_LIMIT);
  g_ptr_array_unref (diags);
  resp_limits_free (limits);
  g_string_free (json, TRUE);
}

/* diags holds max_errors errors and then, at the position of the last of
 * them, the one that says the load stopped there. */
static void
check_stopped_after (GPtrArray *diags, guint max_errors, int caller)
{
  RespDiagnostic *last;

  test_report_at (caller, diags != NULL && diags->len == max_errors + 1, "max_errors + 1 diagnostics");
  if (diags == NULL || diags->len != max_errors + 1)
    return;
  last = diags->pdata[max_errors];
  test_report_at (caller, resp_diagnostic_get_code (last) == RESP_ERROR_LIMIT, "the last is a limit");
  test_report_at (caller, g_str_equal (resp_diagnostic_get_message (last), "too many errors; stopping here"),
                  "the last says the load stopped");
  test_report_at (caller, resp_diagnostic_get_line (last) == resp_diagnostic_get_line (diags->pdata[max_errors - 1]),
                  "at the last error's line");
  for (guint i = 0; i < max_errors; i++)
    test_report_at (caller, resp_diagnostic_get_code (diags->pdata[i]) != RESP_ERROR_LIMIT,
                    "the others are the errors found");
}

/* Events and rulebooks stop at max_errors as models do, and say so. */
static void
test_error_count_documents (void)
{
  RespLimits *limits = resp_limits_new ();
  GString *array = g_string_new ("[\n"), *lines = g_string_new (NULL);
  GString *rulebook = g_string_new ("{\"format\": \"libresp/rulebook/1\", \"id\": \"x\",\n"
                                    " \"sources\": [], \"facts\": [\n");
  GPtrArray *diags = NULL;

  limits->max_errors = 3;
  /* ten events, each with an unknown fact */
  for (guint i = 0; i < 10; i++)
    {
      const char *event = "{\"id\": \"e\", \"occurred_at\": \"2026-01-01\", \"systems\": [\"s-portal\"], "
                          "\"facts\": {\"no_such_fact\": true}}";
      g_string_append_printf (array, "%s%s\n", i ? "," : "", event);
      g_string_append_printf (lines, "%s\n", event);
    }
  g_string_append (array, "]");
  CU_ASSERT_PTR_NULL (resp_event_batch_new_from_data_full (test_city_model, test_city_rulebook, array->str, -1,
                                                           NULL, limits, &diags, NULL));
  check_stopped_after (diags, 3, __LINE__);
  g_clear_pointer (&diags, g_ptr_array_unref);
  /* the same as JSON Lines, where each line is read on its own */
  CU_ASSERT_PTR_NULL (resp_event_batch_new_from_data_full (test_city_model, test_city_rulebook, lines->str, -1,
                                                           NULL, limits, &diags, NULL));
  check_stopped_after (diags, 3, __LINE__);
  g_clear_pointer (&diags, g_ptr_array_unref);
  /* a rulebook with ten facts of an unknown type */
  for (guint i = 0; i < 10; i++)
    g_string_append_printf (rulebook, "%s{\"name\": \"f%u\", \"type\": \"bogus\", \"description\": \"d\"}\n",
                            i ? "," : "", i);
  g_string_append (rulebook, "], \"circumstances\": [], \"liability\": []}");
  CU_ASSERT_PTR_NULL (resp_rulebook_new_from_data_full (rulebook->str, -1, NULL, limits, &diags, NULL));
  check_stopped_after (diags, 3, __LINE__);
  g_clear_pointer (&diags, g_ptr_array_unref);
  g_string_free (array, TRUE);
  g_string_free (lines, TRUE);
  g_string_free (rulebook, TRUE);
  resp_limits_free (limits);
}

/* Hostile bytes, numbers and dates meet the error of their class, at
 * their place */
static const TestErrorCase hostile[] = {
  { "empty file", "", RESP_ERROR_MALFORMED_JSON, 1, 1, "" },
  { "only a BOM", "\xEF\xBB\xBF", RESP_ERROR_MALFORMED_JSON, 1, 1, "", 3 },
  { "BOM not at the start", "{\"format\": \"libresp/model/1\",\n \xEF\xBB\xBF\"nodes\": []}", RESP_ERROR_MALFORMED_JSON, 2, 2, "" },
  { "invalid UTF-8 in a name", HEAD "{\"id\": \"a\", \"type\": \"sector\", \"name\": \"ab\xC3\x28\"}]}", RESP_ERROR_MALFORMED_JSON, 2, 42, "" },
  { "overlong UTF-8", HEAD "{\"id\": \"a\", \"type\": \"sector\", \"name\": \"\xC0\xAF\"}]}", RESP_ERROR_MALFORMED_JSON, 2, 40, "" },
  { "a NUL byte", "{\"format\": \"libresp/model/1\"\0}", RESP_ERROR_MALFORMED_JSON, 1, 29, "", 30 },
  { "number overflows a double", HEAD "{\"id\": \"a\", \"type\": \"system\", \"name\": \"A\", \"protection_level\": 1e999}]}", RESP_ERROR_BAD_VALUE, 2, 64, "" },
  { "NaN is no JSON", HEAD "{\"id\": \"a\", \"type\": \"system\", \"name\": \"A\", \"protection_level\": NaN}]}", RESP_ERROR_MALFORMED_JSON, 2, 64, "" },
  { "year 0", "{\"format\": \"libresp/model/1\", \"relations\": [{\"rel\": \"heads\", \"from\": \"p\", \"to\": \"u\", \"since\": \"0000-12-31\"}]}", RESP_ERROR_BAD_DATE, 1, 95, "" },
  { "year 10000", "{\"format\": \"libresp/model/1\", \"relations\": [{\"rel\": \"heads\", \"from\": \"p\", \"to\": \"u\", \"until\": \"10000-01-01\"}]}", RESP_ERROR_BAD_DATE, 1, 95, "" },
  { "duplicate key deep inside", HEAD "{\"id\": \"a\", \"type\": \"sector\", \"name\": \"A\", \"extra\": {\"k\": 1, \"k\": 2}}]}", RESP_ERROR_DUPLICATE_KEY, 2, 62, "" },
  { "truncated", HEAD "{\"id\": \"a\", \"type\": \"sec", RESP_ERROR_MALFORMED_JSON, 2, 21, "" },
};

static void
test_hostile (void)
{
  test_expect_errors (&model_loader, hostile);
}

static void
test_extreme_dates (void)
{
  const char *json = "{\"format\": \"libresp/model/1\", \"nodes\": ["
                     "{\"id\": \"p\", \"type\": \"person\", \"name\": \"P\"},"
                     "{\"id\": \"u\", \"type\": \"unit\", \"name\": \"U\"}],"
                     "\"relations\": [{\"rel\": \"heads\", \"from\": \"p\", \"to\": \"u\", "
                     "\"since\": \"0001-01-01\", \"until\": \"9999-12-31T23:59:59.999999+08:00\"}]}";
  RespModel *m = resp_model_new_from_data (json, -1, NULL, NULL, NULL);
  RespRoles *r;
  char **heads;

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  r = resp_model_resolve_roles (m, "u", test_instant ("9999-12-31T23:59:59.999998+08:00"), NULL);
  heads = resp_roles_dup_holders (r, RESP_ROLE_UNIT_HEAD);
  CU_ASSERT_EQUAL (g_strv_length (heads), 1);
  g_strfreev (heads);
  resp_roles_unref (r);
  /* one microsecond before the earliest date there is */
  r = resp_model_resolve_roles (m, "u", test_instant ("0001-01-01") - 1, NULL);
  heads = resp_roles_dup_holders (r, RESP_ROLE_UNIT_HEAD);
  CU_ASSERT_EQUAL (g_strv_length (heads), 0);
  g_strfreev (heads);
  resp_roles_unref (r);
  /* the widest instants resolve without overflow */
  r = resp_model_resolve_roles (m, "u", G_MININT64, NULL);
  CU_ASSERT_PTR_NOT_NULL (r);
  resp_roles_unref (r);
  r = resp_model_resolve_roles (m, "u", G_MAXINT64, NULL);
  CU_ASSERT_PTR_NOT_NULL (r);
  resp_roles_unref (r);
  resp_model_unref (m);
}

static guint
env_count (const char *var, guint fallback)
{
  const char *v = g_getenv (var);
  return v != NULL ? (guint) g_ascii_strtoull (v, NULL, 10) : fallback;
}

static void
test_million_chain (void)
{
  /* a chain of under relations, deepest first in the file: no recursion,
   * no quadratic walk, in the loader, the cycle check or the resolver
   * (past the default RespLimits.max_chain_depth, which is raised for it) */
  guint n = env_count ("RESP_TEST_CHAIN", 1000000);
  RespLimits limits = { 0 };
  GString *json = g_string_sized_new ((gsize) n * 110);
  RespModel *m;
  RespRoles *roles;
  char **chain, *leaf;
  GError *error = NULL;

  g_string_append (json, "{\"format\": \"libresp/model/1\", \"relations\": [\n");
  for (guint i = 1; i < n; i++)
    g_string_append_printf (json, "%s{\"rel\": \"under\", \"from\": \"u%u\", \"to\": \"u%u\"}\n", i > 1 ? "," : "", i, i - 1);
  g_string_append (json, "], \"nodes\": [\n");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"id\": \"u%u\", \"type\": \"unit\", \"name\": \"U\"}\n", i ? "," : "", i);
  g_string_append (json, ",{\"id\": \"k\", \"type\": \"committee\", \"name\": \"K\", \"form\": \"party_group\"}]}");
  /* the committee leads the top unit: every unit's committee is n-1 steps up */
  g_string_insert (json, strlen ("{\"format\": \"libresp/model/1\", \"relations\": [\n"),
                   "{\"rel\": \"leads\", \"from\": \"k\", \"to\": \"u0\"},\n");
  limits.max_chain_depth = n - 1;
  m = resp_model_new_from_data_full (json->str, (gssize) json->len, "chain.json", &limits, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  leaf = g_strdup_printf ("u%u", n - 1);
  roles = resp_model_resolve_roles (m, leaf, 0, &error);
  chain = resp_roles_dup_holders (roles, RESP_ROLE_CHAIN);
  CU_ASSERT_EQUAL (g_strv_length (chain), n);
  g_strfreev (chain);
  chain = resp_roles_dup_holders (roles, RESP_ROLE_COMMITTEE);
  CU_ASSERT_EQUAL (g_strv_length (chain), 1);
  CU_ASSERT_STRING_EQUAL (chain[0], "k");
  g_strfreev (chain);
  resp_roles_unref (roles);
  g_free (leaf);
  resp_model_unref (m);
  g_string_free (json, TRUE);

  /* the same chain closed into a cycle is an error, found without recursion */
  json = g_string_new ("{\"format\": \"libresp/model/1\", \"relations\": [\n");
  for (guint i = 1; i <= n / 10; i++)
    g_string_append_printf (json, "{\"rel\": \"under\", \"from\": \"u%u\", \"to\": \"u%u\"},\n", i, i - 1);
  g_string_append_printf (json, "{\"rel\": \"under\", \"from\": \"u0\", \"to\": \"u%u\"}\n], \"nodes\": [\n", n / 10);
  for (guint i = 0; i <= n / 10; i++)
    g_string_append_printf (json, "%s{\"id\": \"u%u\", \"type\": \"unit\", \"name\": \"U\"}\n", i ? "," : "", i);
  g_string_append (json, "]}");
  CU_ASSERT_EQUAL (model_error (json->str, (gssize) json->len, NULL, NULL, NULL), RESP_ERROR_CYCLE);
  g_string_free (json, TRUE);
}

static void
test_thousands_of_subjects (void)
{
  /* 3,000 systems of one operator, all in one event */
  const guint n = 3000;
  GString *model = g_string_new ("{\"format\": \"libresp/model/1\", \"nodes\": [\n"
                                 "{\"id\": \"r\", \"type\": \"region\", \"name\": \"R\", \"level\": \"prefectural\"},\n"
                                 "{\"id\": \"k\", \"type\": \"committee\", \"name\": \"K\", \"form\": \"party_committee\"},\n"
                                 "{\"id\": \"u\", \"type\": \"unit\", \"name\": \"U\"},\n"
                                 "{\"id\": \"p\", \"type\": \"person\", \"name\": \"P\"}");
  GString *events = g_string_new ("{\"id\": \"big\", \"occurred_at\": \"2026-01-01\", \"facts\": {\"other_serious\": true}, \"systems\": [");
  RespModel *m;
  RespEventBatch *batch;
  RespVerdict *v;
  GError *error = NULL;
  char **path;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (model, ",\n{\"id\": \"s%u\", \"type\": \"system\", \"name\": \"S\"}", i);
  g_string_append (model, "], \"relations\": [{\"rel\": \"leads\", \"from\": \"k\", \"to\": \"r\"},"
                          "{\"rel\": \"located_in\", \"from\": \"u\", \"to\": \"r\"},"
                          "{\"rel\": \"member\", \"from\": \"p\", \"to\": \"k\", \"role\": \"main_leader\"}");
  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (model, ",\n{\"rel\": \"operates\", \"from\": \"u\", \"to\": \"s%u\"}", i);
      g_string_append_printf (events, "%s\"s%u\"", i ? ", " : "", i);
    }
  g_string_append (model, "]}");
  g_string_append (events, "]}");
  m = resp_model_new_from_data (model->str, -1, NULL, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  batch = resp_event_batch_new_from_data (m, test_city_rulebook, events->str, -1, NULL, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (batch);
  v = resp_assess (m, test_city_rulebook, resp_event_batch_get_event (batch, 0));
  CU_ASSERT_EQUAL (resp_verdict_get_status (v), RESP_VERDICT_TRIGGERED);
  /* one person, once, with a path from every subject */
  CU_ASSERT_EQUAL_FATAL (resp_verdict_get_n_liable (v), 1);
  CU_ASSERT_EQUAL (resp_verdict_get_liable_n_paths (v, 0), n);
  path = resp_verdict_dup_liable_path (v, 0, n - 1);
  CU_ASSERT_STRING_EQUAL (path[0], "s2999");
  g_strfreev (path);
  resp_verdict_unref (v);
  resp_event_batch_unref (batch);
  resp_model_unref (m);
  g_string_free (model, TRUE);
  g_string_free (events, TRUE);
}

static void
test_empty_documents (void)
{
  GPtrArray *diags = NULL;
  GError *error = NULL;

  CU_ASSERT_PTR_NULL (resp_rulebook_new_from_data ("", 0, "rb.json", &diags, &error));
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_MALFORMED_JSON));
  CU_ASSERT_STRING_EQUAL (error->message, "rb.json:1:1: empty input");
  g_clear_error (&error);
  g_clear_pointer (&diags, g_ptr_array_unref);
  CU_ASSERT_PTR_NULL (resp_event_batch_new_from_data (test_city_model, test_city_rulebook, "  \n", -1,
                                                      "e.json", &diags, &error));
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_MALFORMED_JSON));
  g_clear_error (&error);
  g_clear_pointer (&diags, g_ptr_array_unref);
}

static void
misuse_copy_null (void)
{
  resp_limits_copy (NULL);
}

static void
misuse_assess_null (void)
{
  resp_assess (test_city_model, test_city_rulebook, NULL);
}

static void
misuse_render_null (void)
{
  resp_verdicts_render (NULL, 2, FALSE, RESP_FORMAT_JSON);
}

static void
test_misuse (void)
{
  static const TestMisuse misuses[] = {
    { misuse_copy_null, "resp_limits_copy: assertion 'self != NULL' failed" },
    { misuse_assess_null, "resp_assess: assertion 'event != NULL' failed" },
    { misuse_render_null,
      "resp_verdicts_render: assertion 'verdicts != NULL || n_verdicts == 0' failed" },
  };

  test_misuses (misuses);
}

/* ---- the shapes RespLimits bounds ---- */

typedef enum { SHAPE_CHAIN, SHAPE_MEMBERS, SHAPE_OPERATORS } Shape;

/* A model of n relations of one shape, a node and a relation a line:
 * line 1 the head, then the nodes, a line that opens the relations, then
 * relation j (from 0) on line n_nodes + 3 + j.
 *   chain:     units u0..un, u(i) under u(i-1): a chain of n relations
 *   members:   committee k and persons p0..p(n-1), each a member of k
 *   operators: system s and units u0..u(n-1), each operating s
 * *line_j (if given) is the text of relation j. */
static GString *
shape_model (Shape shape, guint n, guint j, guint *n_nodes, char **line_j)
{
  GString *json = g_string_new ("{\"format\": \"libresp/model/1\", \"nodes\": [\n");
  guint nodes = 0;

  if (shape == SHAPE_MEMBERS)
    g_string_append (json, "{\"id\": \"k\", \"type\": \"committee\", \"name\": \"K\", \"form\": \"party_committee\"}\n");
  else if (shape == SHAPE_OPERATORS)
    g_string_append (json, "{\"id\": \"s\", \"type\": \"system\", \"name\": \"S\"}\n");
  else
    g_string_append (json, "{\"id\": \"u0\", \"type\": \"unit\", \"name\": \"U\"}\n");
  nodes++;
  for (guint i = 0; i < n; i++, nodes++)
    g_string_append_printf (json, ",{\"id\": \"%s%u\", \"type\": \"%s\", \"name\": \"N\"}\n",
                            shape == SHAPE_MEMBERS ? "p" : "u", shape == SHAPE_CHAIN ? i + 1 : i,
                            shape == SHAPE_MEMBERS ? "person" : "unit");
  g_string_append (json, "], \"relations\": [\n");
  for (guint i = 0; i < n; i++)
    {
      char *rel = shape == SHAPE_CHAIN
                  ? g_strdup_printf ("%s{\"rel\": \"under\", \"from\": \"u%u\", \"to\": \"u%u\"}",
                                     i ? "," : "", i + 1, i)
                  : shape == SHAPE_MEMBERS
                  ? g_strdup_printf ("%s{\"rel\": \"member\", \"from\": \"p%u\", \"to\": \"k\", \"role\": \"member\"}",
                                     i ? "," : "", i)
                  : g_strdup_printf ("%s{\"rel\": \"operates\", \"from\": \"u%u\", \"to\": \"s\"}",
                                     i ? "," : "", i);

      g_string_append (json, rel);
      g_string_append_c (json, '\n');
      if (i == j && line_j != NULL)
        *line_j = g_steal_pointer (&rel);
      g_free (rel);
    }
  g_string_append (json, "]}");
  *n_nodes = nodes;
  return json;
}

static void
set_limit (RespLimits *limits, Shape shape, guint value)
{
  if (shape == SHAPE_CHAIN)
    limits->max_chain_depth = value;
  else if (shape == SHAPE_MEMBERS)
    limits->max_committee_members = value;
  else
    limits->max_system_operators = value;
}

/* At twice the default a shape is a RESP_ERROR_LIMIT at the `to` of the
 * relation one past the default, for a file and for a snapshot (without a
 * position); at the default, or with the limit raised, it loads. */
static void
check_shape_limit (Shape shape, guint dflt, const char *field, const char *what)
{
  RespLimits *defaults = resp_limits_new (), raised = { 0 };
  guint n_nodes, line = 0, col = 0;
  char *rel = NULL, *dir, *path;
  GString *json = shape_model (shape, 2 * dflt, dflt, &n_nodes, &rel);
  GPtrArray *diags = NULL;
  GError *error = NULL;
  RespModel *m;

  CU_ASSERT_PTR_NOT_NULL_FATAL (rel);
  set_limit (&raised, shape, 2 * dflt);

  /* the file: the relation one past the limit, at its `to` value */
  CU_ASSERT_EQUAL (model_error (json->str, (gssize) json->len, NULL, &line, &col), RESP_ERROR_LIMIT);
  CU_ASSERT_EQUAL (line, n_nodes + 3 + dflt);
  CU_ASSERT_EQUAL (col, (guint) (strstr (rel, "\"to\": ") - rel) + 7);
  CU_ASSERT_PTR_NULL (resp_model_new_from_data_full (json->str, (gssize) json->len, "m.json", defaults,
                                                     NULL, &error));
  CU_ASSERT_FATAL (g_error_matches (error, RESP_ERROR, RESP_ERROR_LIMIT));
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, field));
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, what));
  g_clear_error (&error);

  /* raised to twice the default: the same file loads */
  m = resp_model_new_from_data_full (json->str, (gssize) json->len, "m.json", &raised, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (m);

  /* a snapshot of it is refused the same way, but for the position */
  path = test_temp_path ("m.snap", &dir);
  CU_ASSERT_TRUE_FATAL (resp_model_write_snapshot (m, path, &error));
  resp_model_unref (m);
  for (guint how = 0; how < 3; how++)
    {
      gchar *data = NULL;
      gsize length = 0;

      if (how == 0)
        m = resp_model_new_from_file_full (path, NULL, &diags, &error);
      else if (how == 1)
        m = resp_model_new_from_file_with_flags (path, RESP_MODEL_FLAGS_PRIVATE_COPY, NULL, &diags, &error);
      else
        {
          CU_ASSERT_TRUE_FATAL (g_file_get_contents (path, &data, &length, NULL));
          m = resp_model_new_from_data_full (data, (gssize) length, path, NULL, &diags, &error);
        }
      CU_ASSERT_PTR_NULL (m);
      CU_ASSERT_FATAL (g_error_matches (error, RESP_ERROR, RESP_ERROR_LIMIT));
      CU_ASSERT_PTR_NOT_NULL (strstr (error->message, field));
      CU_ASSERT_EQUAL_FATAL (diags->len, 1);
      CU_ASSERT_EQUAL (resp_diagnostic_get_line (diags->pdata[0]), 0);
      g_clear_error (&error);
      g_clear_pointer (&diags, g_ptr_array_unref);
      /* and opens under the raised limit */
      m = how == 2 ? resp_model_new_from_data_full (data, (gssize) length, path, &raised, NULL, &error)
                   : resp_model_new_from_file_with_flags (path, how == 1 ? RESP_MODEL_FLAGS_PRIVATE_COPY
                                                                         : RESP_MODEL_FLAGS_NONE,
                                                          &raised, NULL, &error);
      CU_ASSERT_PTR_NOT_NULL (m);
      g_clear_pointer (&m, resp_model_unref);
      g_free (data);
    }
  /* the shape the snapshot records is the model's, exactly: one below the
   * raised limit is refused too (the open compares the header's maxima
   * and walks only when one is over) */
  {
    RespLimits tight = raised;

    set_limit (&tight, shape, 2 * dflt - 1);
    m = resp_model_new_from_file_with_flags (path, RESP_MODEL_FLAGS_NONE, &tight, NULL, &error);
    CU_ASSERT_PTR_NULL (m);
    CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_LIMIT));
    g_clear_error (&error);
    g_clear_pointer (&m, resp_model_unref);
  }
  test_remove_temp (path, dir);
  g_string_free (json, TRUE);
  g_free (rel);

  /* at the default itself: loads under the defaults */
  json = shape_model (shape, dflt, 0, &n_nodes, NULL);
  m = resp_model_new_from_data (json->str, (gssize) json->len, "m.json", NULL, &error);
  CU_ASSERT_PTR_NOT_NULL (m);
  g_clear_pointer (&m, resp_model_unref);
  g_clear_error (&error);
  g_string_free (json, TRUE);
  resp_limits_free (defaults);
}

static void
test_chain_depth (void)
{
  RespLimits *limits = resp_limits_new ();

  CU_ASSERT_EQUAL (limits->max_chain_depth, RESP_LIMITS_DEFAULT_MAX_CHAIN_DEPTH);
  resp_limits_free (limits);
  check_shape_limit (SHAPE_CHAIN, RESP_LIMITS_DEFAULT_MAX_CHAIN_DEPTH, "max_chain_depth",
                     "relation 'under' from 'u10001'");
}

static void
test_committee_members (void)
{
  RespLimits *limits = resp_limits_new ();

  CU_ASSERT_EQUAL (limits->max_committee_members, RESP_LIMITS_DEFAULT_MAX_COMMITTEE_MEMBERS);
  resp_limits_free (limits);
  check_shape_limit (SHAPE_MEMBERS, RESP_LIMITS_DEFAULT_MAX_COMMITTEE_MEMBERS, "max_committee_members",
                     "relation 'member' from 'p10000': committee 'k'");
}

static void
test_system_operators (void)
{
  RespLimits *limits = resp_limits_new ();

  CU_ASSERT_EQUAL (limits->max_system_operators, RESP_LIMITS_DEFAULT_MAX_SYSTEM_OPERATORS);
  resp_limits_free (limits);
  check_shape_limit (SHAPE_OPERATORS, RESP_LIMITS_DEFAULT_MAX_SYSTEM_OPERATORS, "max_system_operators",
                     "relation 'operates' from 'u10000': system 's'");
}

static void
test_chain_depth_in_time (void)
{
  /* a chain whose links never live at once still counts (time is
   * ignored), and one that would close a cycle in time is not followed
   * round: u0 -> u1 -> u2 -> u0 in three different years is 2 deep at
   * most from any unit, so a limit of 2 accepts it and 1 does not */
  const char *json = HEAD
    "{\"id\": \"u0\", \"type\": \"unit\", \"name\": \"U\"},\n"
    "{\"id\": \"u1\", \"type\": \"unit\", \"name\": \"U\"},\n"
    "{\"id\": \"u2\", \"type\": \"unit\", \"name\": \"U\"}\n"
    "], \"relations\": [\n"
    "{\"rel\": \"under\", \"from\": \"u0\", \"to\": \"u1\", \"since\": \"2020-01-01\", \"until\": \"2021-01-01\"},\n"
    "{\"rel\": \"under\", \"from\": \"u1\", \"to\": \"u2\", \"since\": \"2021-01-01\", \"until\": \"2022-01-01\"},\n"
    "{\"rel\": \"under\", \"from\": \"u2\", \"to\": \"u0\", \"since\": \"2022-01-01\", \"until\": \"2023-01-01\"}\n"
    "]}";
  RespLimits limits = { 0 };
  GError *error = NULL;
  RespModel *m;
  guint line = 0, col = 0;

  limits.max_chain_depth = 2;
  m = resp_model_new_from_data_full (json, -1, "m.json", &limits, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL (m);
  g_clear_pointer (&m, resp_model_unref);
  g_clear_error (&error);
  limits.max_chain_depth = 1;
  CU_ASSERT_EQUAL (model_error (json, -1, &limits, &line, &col), RESP_ERROR_LIMIT);
  /* from u0, the walk goes u0 -> u1 -> u2 and stops before u0: the
   * relation from u0 is the second link, one past 1 */
  CU_ASSERT_EQUAL (line, 6);
  CU_ASSERT_EQUAL (col, 38);
}

static CU_TestInfo tests[] = {
  { "nesting depth", test_nesting_depth },
  { "string length", test_string_length },
  { "file size", test_file_size },
  { "data size", test_data_size },
  { "error count", test_error_count },
  { "error count of events and rulebooks", test_error_count_documents },
  { "hostile bytes, numbers and dates", test_hostile },
  { "since and until at the extremes", test_extreme_dates },
  { "a million-relation chain", test_million_chain },
  { "chain depth: a limit, in files and snapshots", test_chain_depth },
  { "chain depth: time ignored, a cycle in time not followed", test_chain_depth_in_time },
  { "members per committee: a limit, in files and snapshots", test_committee_members },
  { "operators per system: a limit, in files and snapshots", test_system_operators },
  { "an event with thousands of subjects", test_thousands_of_subjects },
  { "empty documents", test_empty_documents },
  { "API misuse", test_misuse },
  CU_TEST_INFO_NULL,
};

int
main (void)
{
  return test_main_suite ("limits", test_city_init, test_city_clean, tests);
}
