/* test-condition.c: rule conditions, compiled and evaluated in Kleene logic (SPEC §4.2, §4.6)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-common.h"
#include "condition-env.h"
#include "resp-json-reader-private.h"

#include <stdio.h>
#include <string.h>

/* ---- The scope and the environment the tests evaluate in ---- */

enum {
  F_A, F_B, F_C, F_TAMPERED, F_SPREAD, F_REPORTED, F_HANDLED, F_ATTACKED,
  F_OUTAGE, F_RECORDS, F_SECRETS, F_MASS, N_FACTS,
};

static const char * const fact_names[N_FACTS] = {
  "a", "b", "c", "tampered", "harmful_info_spread_widely", "reported_in_time",
  "handled_in_time", "attacked", "outage_hours", "leak_personal_info_records",
  "leak_state_secrets", "leak_personal_info_mass",
};

enum { P_RECORDS, P_NAME, N_PARAMS };

static const char * const param_names[N_PARAMS] = {
  "personal_info_mass_leak_records", "name",
};

static const RespValue U = RESP_VALUE_INIT_UNKNOWN;
static const RespValue T = { .type = RESP_VALUE_BOOL, .boolean = TRUE };
static const RespValue F = { .type = RESP_VALUE_BOOL, .boolean = FALSE };

/* Every value starts unknown */
static ConditionEnv env = { .n_facts = N_FACTS, .n_params = N_PARAMS };
static const RespConditionEnv test_env = { condition_env_get, &env };

static void
env_reset (void)
{
  memset (&env, 0, sizeof env);
  env.n_facts = N_FACTS;
  env.n_params = N_PARAMS;
}

/* ---- Helpers ---- */

/* Conditions are written with single quotes; this compiles one. The tree
 * is freed before returning, so a condition that kept pointers into it
 * shows up under valgrind. */
static RespCondition *
compile_full (int         caller,
              const char *text,
              RespSubjectKind subject,
              RespError  *code,
              guint      *line,
              guint      *column,
              char      **message)
{
  RespConditionScope scope = { fact_names, N_FACTS, param_names, N_PARAMS, subject };
  char *json = test_json_of (text);
  RespJsonReader *reader = resp_json_reader_new (json, strlen (json));
  RespJsonTree *tree = resp_json_reader_read_tree (reader, resp_json_reader_next (reader));
  RespCondition *cond = NULL;

  if (tree == NULL)
    fprintf (stderr, "line %d: the test's JSON does not parse: %s\n", caller,
             resp_json_reader_get_message (reader));
  test_report_at (caller, tree != NULL, "the test's JSON parses");
  if (tree != NULL)
    cond = resp_condition_compile (resp_json_tree_get_root (tree), &scope, code, line,
                                   column, message);
  resp_json_tree_free (tree);
  resp_json_reader_free (reader);
  g_free (json);
  return cond;
}

static RespCondition *
compile_ok_at (int         caller,
               const char *text,
               RespSubjectKind subject)
{
  RespError code = RESP_ERROR_FAILED;
  guint line = 0, column = 0;
  char *message = NULL;
  RespCondition *cond = compile_full (caller, text, subject, &code, &line, &column,
                                      &message);

  if (cond == NULL)
    fprintf (stderr, "line %d: %u:%u: %s\n", caller, line, column, message);
  test_report_at (caller, cond != NULL, "the condition compiles");
  g_free (message);
  return cond;
}

#define COMPILE(text) compile_ok_at (__LINE__, text, RESP_SUBJECT_SYSTEM)
#define COMPILE_EVENT(text) compile_ok_at (__LINE__, text, RESP_SUBJECT_NONE)

/* Compiling text fails with code at line:column; message, when not NULL,
 * must be the exact message, else any message will do */
static void
expect_error_at (int         caller,
                 const char *text,
                 RespSubjectKind subject,
                 RespError   code,
                 guint       line,
                 guint       column,
                 const char *message)
{
  RespError got_code = RESP_ERROR_FAILED;
  guint got_line = 0, got_column = 0;
  char *got_message = NULL;
  RespCondition *cond = compile_full (caller, text, subject, &got_code, &got_line,
                                      &got_column, &got_message);
  gboolean ok;

  test_report_at (caller, cond == NULL, "the condition is rejected");
  resp_condition_free (cond);
  if (cond != NULL)
    return;
  ok = got_code == code && got_line == line && got_column == column && got_message != NULL
       && (message == NULL || strcmp (got_message, message) == 0);
  if (!ok)
    fprintf (stderr, "line %d: got code %d at %u:%u \"%s\", expected %d at %u:%u \"%s\"\n",
             caller, got_code, got_line, got_column, got_message, code, line, column,
             message != NULL ? message : "*");
  test_report_at (caller, ok, "the error has the expected code, position and message");
  g_free (got_message);
}

#define EXPECT_ERROR(text, code, line, column, message) \
  expect_error_at (__LINE__, text, RESP_SUBJECT_SYSTEM, code, line, column, message)
#define EXPECT_EVENT_ERROR(text, code, line, column, message) \
  expect_error_at (__LINE__, text, RESP_SUBJECT_NONE, code, line, column, message)

static const char *
truth_name (RespTruth t)
{
  return t == RESP_TRUTH_TRUE ? "true" : t == RESP_TRUTH_FALSE ? "false" : "unknown";
}

/* A value no fact has, put in `missing` before every evaluation: it must
 * stay first, and alone when the result is determined. */
#define SENTINEL 4242u

/* Counts the elements removed from a `missing` array: a determined
 * result must not have put anything there, even for a moment */
static guint n_cleared;

static void
count_cleared (gpointer element)
{
  n_cleared++;
}

/* Evaluates cond in env and checks the result and `missing`: for an
 * unknown result, the names of the missing facts joined with ',' ("" for
 * none); a determined result must leave `missing` exactly as it was. */
static void
expect_eval_at (int                  caller,
                const RespCondition *cond,
                RespTruth            expected,
                const char          *expected_missing)
{
  GArray *missing = g_array_new (FALSE, FALSE, sizeof (guint));
  guint sentinel = SENTINEL;
  gconstpointer data_before;
  RespTruth got, got_plain;
  GString *names = g_string_new (NULL);
  gboolean ok;

  if (cond == NULL)
    {
      test_report_at (caller, FALSE, "there is a condition to evaluate");
      g_array_unref (missing);
      g_string_free (names, TRUE);
      return;
    }
  g_array_set_clear_func (missing, count_cleared);
  g_array_append_val (missing, sentinel);
  data_before = missing->data;
  n_cleared = 0;
  got = resp_condition_eval (cond, &test_env, missing);
  got_plain = resp_condition_eval (cond, &test_env, NULL);

  ok = got == expected && got_plain == expected;
  if (!ok)
    fprintf (stderr, "line %d: got %s (without missing: %s), expected %s\n", caller,
             truth_name (got), truth_name (got_plain), truth_name (expected));
  test_report_at (caller, ok, "the condition evaluates as expected");

  ok = missing->len >= 1 && g_array_index (missing, guint, 0) == SENTINEL;
  for (guint i = 1; ok && i < missing->len; i++)
    {
      guint f = g_array_index (missing, guint, i);

      if (f >= N_FACTS)
        ok = FALSE;
      else
        g_string_append_printf (names, "%s%s", i > 1 ? "," : "", fact_names[f]);
    }
  if (expected != RESP_TRUTH_UNKNOWN)
    ok = ok && missing->len == 1 && missing->data == data_before && n_cleared == 0;
  else
    ok = ok && strcmp (names->str, expected_missing) == 0;
  if (!ok)
    fprintf (stderr, "line %d: missing is [%s] (%u entries), expected [%s]\n", caller,
             names->str, missing->len - 1,
             expected == RESP_TRUTH_UNKNOWN ? expected_missing : "untouched");
  test_report_at (caller, ok, "missing holds the expected facts");
  g_array_set_clear_func (missing, NULL);
  g_array_unref (missing);
  g_string_free (names, TRUE);
}

#define EXPECT_TRUE(cond) expect_eval_at (__LINE__, cond, RESP_TRUTH_TRUE, NULL)
#define EXPECT_FALSE(cond) expect_eval_at (__LINE__, cond, RESP_TRUTH_FALSE, NULL)
#define EXPECT_UNKNOWN(cond, missing) \
  expect_eval_at (__LINE__, cond, RESP_TRUTH_UNKNOWN, missing)

/* Compiles and evaluates a condition in one go */
static void
expect_text_at (int         caller,
                const char *text,
                RespTruth   expected,
                const char *expected_missing)
{
  RespCondition *cond = compile_ok_at (caller, text, TRUE);

  expect_eval_at (caller, cond, expected, expected_missing);
  resp_condition_free (cond);
}

#define TEXT_TRUE(text) expect_text_at (__LINE__, text, RESP_TRUTH_TRUE, NULL)
#define TEXT_FALSE(text) expect_text_at (__LINE__, text, RESP_TRUTH_FALSE, NULL)
#define TEXT_UNKNOWN(text, missing) \
  expect_text_at (__LINE__, text, RESP_TRUTH_UNKNOWN, missing)

/* The three truth values, as fact values and as expected results */
static const RespTruth truths[3] = { RESP_TRUTH_FALSE, RESP_TRUTH_TRUE, RESP_TRUTH_UNKNOWN };

static RespValue
value_of (RespTruth t)
{
  return t == RESP_TRUTH_TRUE ? T : t == RESP_TRUTH_FALSE ? F : U;
}

/* ---- Kleene logic ---- */

/* Evaluates text, an operator of fact.a and fact.b, for each pair of truth
 * values of a (the rows) and b (the columns), in the order false, true,
 * unknown: the results must be those of table, with the unknown operands
 * missing where the result is unknown. */
static void
check_truth_table_at (int              caller,
                      const char      *text,
                      const RespTruth  table[3][3])
{
  RespCondition *cond = compile_ok_at (caller, text, TRUE);

  for (guint i = 0; i < 3; i++)
    for (guint j = 0; j < 3; j++)
      {
        const char *missing = "";

        env_reset ();
        env.facts[F_A] = value_of (truths[i]);
        env.facts[F_B] = value_of (truths[j]);
        if (table[i][j] == RESP_TRUTH_UNKNOWN)
          missing = truths[i] == RESP_TRUTH_UNKNOWN
                    ? (truths[j] == RESP_TRUTH_UNKNOWN ? "a,b" : "a") : "b";
        expect_eval_at (caller, cond, table[i][j], missing);
      }
  resp_condition_free (cond);
}

static void
test_and_table (void)
{
  static const RespTruth table[3][3] = {
    { RESP_TRUTH_FALSE, RESP_TRUTH_FALSE, RESP_TRUTH_FALSE },
    { RESP_TRUTH_FALSE, RESP_TRUTH_TRUE, RESP_TRUTH_UNKNOWN },
    { RESP_TRUTH_FALSE, RESP_TRUTH_UNKNOWN, RESP_TRUTH_UNKNOWN },
  };

  check_truth_table_at (__LINE__, "{'and': [{'var': 'fact.a'}, {'var': 'fact.b'}]}", table);
}

static void
test_or_table (void)
{
  static const RespTruth table[3][3] = {
    { RESP_TRUTH_FALSE, RESP_TRUTH_TRUE, RESP_TRUTH_UNKNOWN },
    { RESP_TRUTH_TRUE, RESP_TRUTH_TRUE, RESP_TRUTH_TRUE },
    { RESP_TRUTH_UNKNOWN, RESP_TRUTH_TRUE, RESP_TRUTH_UNKNOWN },
  };

  check_truth_table_at (__LINE__, "{'or': [{'var': 'fact.a'}, {'var': 'fact.b'}]}", table);
}

static void
test_not_table (void)
{
  RespCondition *plain = COMPILE ("{'!': {'var': 'fact.a'}}");
  RespCondition *listed = COMPILE ("{'!': [{'var': 'fact.a'}]}");
  RespCondition *twice = COMPILE ("{'!': {'!': {'var': 'fact.a'}}}");

  env_reset ();
  env.facts[F_A] = T;
  EXPECT_FALSE (plain);
  EXPECT_FALSE (listed);
  EXPECT_TRUE (twice);
  env.facts[F_A] = F;
  EXPECT_TRUE (plain);
  EXPECT_TRUE (listed);
  EXPECT_FALSE (twice);
  env.facts[F_A] = U;
  EXPECT_UNKNOWN (plain, "a");
  EXPECT_UNKNOWN (listed, "a");
  EXPECT_UNKNOWN (twice, "a");
  /* a value that is not a boolean counts as false */
  env.facts[F_A] = condition_number (1);
  EXPECT_TRUE (plain);
  env.facts[F_A] = condition_string ("yes");
  EXPECT_TRUE (plain);
  TEXT_TRUE ("{'!': 0}");
  TEXT_TRUE ("{'!': 'x'}");
  TEXT_FALSE ("{'!': true}");
  TEXT_UNKNOWN ("{'!': null}", "");
  resp_condition_free (plain);
  resp_condition_free (listed);
  resp_condition_free (twice);
}

static void
test_wide_and_or (void)
{
  RespCondition *and3 = COMPILE ("{'and': [{'var': 'fact.a'}, {'var': 'fact.b'}, "
                                 "{'var': 'fact.c'}]}");
  RespCondition *or3 = COMPILE ("{'or': [{'var': 'fact.a'}, {'var': 'fact.b'}, "
                                "{'var': 'fact.c'}]}");
  RespCondition *and1 = COMPILE ("{'and': [{'var': 'fact.a'}]}");
  RespCondition *or1 = COMPILE ("{'or': [{'var': 'fact.a'}]}");

  /* every combination of three truth values against the definition */
  for (guint i = 0; i < 27; i++)
    {
      RespTruth t[3] = { truths[i % 3], truths[i / 3 % 3], truths[i / 9] };
      gboolean any_false = FALSE, any_true = FALSE, any_unknown = FALSE;
      GString *unknowns = g_string_new (NULL);

      env_reset ();
      for (guint k = 0; k < 3; k++)
        {
          env.facts[F_A + k] = value_of (t[k]);
          any_false |= t[k] == RESP_TRUTH_FALSE;
          any_true |= t[k] == RESP_TRUTH_TRUE;
          any_unknown |= t[k] == RESP_TRUTH_UNKNOWN;
          if (t[k] == RESP_TRUTH_UNKNOWN)
            g_string_append_printf (unknowns, "%s%s", unknowns->len > 0 ? "," : "",
                                    fact_names[F_A + k]);
        }
      expect_eval_at (__LINE__, and3,
                      any_false ? RESP_TRUTH_FALSE
                      : any_unknown ? RESP_TRUTH_UNKNOWN : RESP_TRUTH_TRUE,
                      unknowns->str);
      expect_eval_at (__LINE__, or3,
                      any_true ? RESP_TRUTH_TRUE
                      : any_unknown ? RESP_TRUTH_UNKNOWN : RESP_TRUTH_FALSE,
                      unknowns->str);
      g_string_free (unknowns, TRUE);
    }

  env_reset ();
  EXPECT_UNKNOWN (and1, "a");
  EXPECT_UNKNOWN (or1, "a");
  env.facts[F_A] = T;
  EXPECT_TRUE (and1);
  EXPECT_TRUE (or1);
  env.facts[F_A] = F;
  EXPECT_FALSE (and1);
  EXPECT_FALSE (or1);
  /* operands that are not booleans count as false */
  env.facts[F_A] = condition_number (7);
  EXPECT_FALSE (and1);
  EXPECT_FALSE (or1);
  TEXT_FALSE ("{'and': [true, 1]}");
  TEXT_TRUE ("{'or': ['', true]}");
  TEXT_FALSE ("{'or': ['yes', 1]}");
  TEXT_UNKNOWN ("{'and': [true, null]}", "");
  TEXT_FALSE ("{'and': [null, 'x']}");

  resp_condition_free (and3);
  resp_condition_free (or3);
  resp_condition_free (and1);
  resp_condition_free (or1);
}

/* ---- Comparisons and `in` ---- */

static void
test_comparisons (void)
{
  RespCondition *eq = COMPILE ("{'==': [{'var': 'fact.a'}, {'var': 'fact.b'}]}");
  RespCondition *ne = COMPILE ("{'!=': [{'var': 'fact.a'}, {'var': 'fact.b'}]}");
  RespCondition *lt = COMPILE ("{'<': [{'var': 'fact.a'}, {'var': 'fact.b'}]}");
  RespCondition *ge6 = COMPILE ("{'>=': [{'var': 'fact.outage_hours'}, 6]}");

  env_reset ();
  EXPECT_UNKNOWN (eq, "a,b");
  EXPECT_UNKNOWN (ne, "a,b");
  EXPECT_UNKNOWN (lt, "a,b");
  env.facts[F_A] = condition_number (3);
  EXPECT_UNKNOWN (eq, "b");
  EXPECT_UNKNOWN (ne, "b");
  EXPECT_UNKNOWN (lt, "b");
  env.facts[F_B] = condition_number (3);
  EXPECT_TRUE (eq);
  EXPECT_FALSE (ne);
  EXPECT_FALSE (lt);
  env.facts[F_B] = condition_number (3.5);
  EXPECT_FALSE (eq);
  EXPECT_TRUE (ne);
  EXPECT_TRUE (lt);
  env.facts[F_A] = U;
  EXPECT_UNKNOWN (eq, "a");
  EXPECT_UNKNOWN (lt, "a");
  /* numbers are not strings, and strings are not ordered */
  env.facts[F_A] = condition_number (3);
  env.facts[F_B] = condition_string ("3");
  EXPECT_FALSE (eq);
  EXPECT_TRUE (ne);
  EXPECT_FALSE (lt);
  env.facts[F_A] = condition_string ("2");
  env.facts[F_B] = condition_string ("10");
  EXPECT_FALSE (eq);
  EXPECT_FALSE (lt);
  env.facts[F_A] = condition_string ("10");
  EXPECT_TRUE (eq);
  env.facts[F_A] = T;
  env.facts[F_B] = T;
  EXPECT_TRUE (eq);
  EXPECT_FALSE (lt);
  env.facts[F_B] = condition_number (1);
  EXPECT_FALSE (eq);

  env.facts[F_OUTAGE] = condition_number (6);
  EXPECT_TRUE (ge6);
  env.facts[F_OUTAGE] = condition_number (5.999);
  EXPECT_FALSE (ge6);
  env.facts[F_OUTAGE] = U;
  EXPECT_UNKNOWN (ge6, "outage_hours");

  TEXT_TRUE ("{'==': [1, 1.0]}");
  TEXT_FALSE ("{'==': [1, '1']}");
  TEXT_TRUE ("{'!=': [1, '1']}");
  TEXT_TRUE ("{'==': ['x', 'x']}");
  TEXT_FALSE ("{'==': ['x', 'X']}");
  TEXT_TRUE ("{'==': [false, false]}");
  TEXT_FALSE ("{'==': [false, 0]}");
  TEXT_TRUE ("{'<': [1, 2]}");
  TEXT_TRUE ("{'<=': [2, 2]}");
  TEXT_FALSE ("{'>': [2, 2]}");
  TEXT_TRUE ("{'>=': [2, 2]}");
  TEXT_TRUE ("{'>': [-1e3, -1e4]}");
  TEXT_FALSE ("{'<': ['a', 'b']}");
  TEXT_FALSE ("{'<': [1, '2']}");
  TEXT_FALSE ("{'>=': [true, false]}");
  /* null is no value: unknown, though no fact is missing */
  TEXT_UNKNOWN ("{'==': [null, null]}", "");
  TEXT_UNKNOWN ("{'!=': [1, null]}", "");

  resp_condition_free (eq);
  resp_condition_free (ne);
  resp_condition_free (lt);
  resp_condition_free (ge6);
}

static void
test_in (void)
{
  RespCondition *kind = COMPILE ("{'in': [{'var': 'system.kind'},\n"
                                 "        ['party_gov_portal', 'key_news_site']]}");
  RespCondition *fact = COMPILE ("{'in': [{'var': 'fact.a'}, [1, 2, 'three', true, null]]}");
  RespCondition *sub = COMPILE ("{'in': ['news', {'var': 'system.kind'}]}");
  RespCondition *sub_fact = COMPILE ("{'in': [{'var': 'fact.a'}, {'var': 'fact.b'}]}");

  env_reset ();
  EXPECT_UNKNOWN (kind, "");
  EXPECT_UNKNOWN (sub, "");
  env.kind = condition_string ("key_news_site");
  EXPECT_TRUE (kind);
  EXPECT_TRUE (sub);
  env.kind = condition_string ("large_platform");
  EXPECT_FALSE (kind);
  EXPECT_FALSE (sub);

  EXPECT_UNKNOWN (fact, "a");
  env.facts[F_A] = condition_number (2);
  EXPECT_TRUE (fact);
  env.facts[F_A] = condition_number (3);
  EXPECT_FALSE (fact);
  env.facts[F_A] = condition_string ("three");
  EXPECT_TRUE (fact);
  env.facts[F_A] = condition_string ("1");
  EXPECT_FALSE (fact);
  env.facts[F_A] = T;
  EXPECT_TRUE (fact);
  env.facts[F_A] = F;
  EXPECT_FALSE (fact);

  /* a substring needs two strings; an unknown side is unknown */
  env_reset ();
  EXPECT_UNKNOWN (sub_fact, "a,b");
  env.facts[F_A] = condition_string ("ell");
  EXPECT_UNKNOWN (sub_fact, "b");
  env.facts[F_B] = condition_string ("hello");
  EXPECT_TRUE (sub_fact);
  env.facts[F_B] = condition_string ("help");
  EXPECT_FALSE (sub_fact);
  env.facts[F_B] = condition_number (1);
  EXPECT_FALSE (sub_fact);
  env.facts[F_A] = condition_number (1);
  env.facts[F_B] = condition_string ("1");
  EXPECT_FALSE (sub_fact);

  TEXT_TRUE ("{'in': ['b', 'abc']}");
  TEXT_TRUE ("{'in': ['', 'abc']}");
  TEXT_FALSE ("{'in': ['d', 'abc']}");
  TEXT_FALSE ("{'in': [5, 'abc']}");
  TEXT_FALSE ("{'in': ['x', []]}");
  TEXT_FALSE ("{'in': ['x', 5]}");
  TEXT_TRUE ("{'in': [1, [0, 1.0]]}");
  TEXT_UNKNOWN ("{'in': [null, [null]]}", "");
  TEXT_FALSE ("{'in': [false, [null, 0, '']]}");

  resp_condition_free (kind);
  resp_condition_free (fact);
  resp_condition_free (sub);
  resp_condition_free (sub_fact);
}

/* ---- Variables ---- */

static RespValue
counting_get (gpointer    data,
              RespVarKind kind,
              guint       index,
              const char *extra_key)
{
  GString *log = data;

  g_string_append_printf (log, "%d/%u/%s;", kind, index, extra_key != NULL ? extra_key : "-");
  return U;
}

static void
test_variables (void)
{
  RespCondition *cond;
  GString *log;
  RespConditionEnv logging = { counting_get, NULL };

  env_reset ();
  cond = COMPILE ("{'var': 'fact.a'}");
  EXPECT_UNKNOWN (cond, "a");
  env.facts[F_A] = T;
  EXPECT_TRUE (cond);
  CU_ASSERT_FALSE (resp_condition_uses_subject (cond));
  resp_condition_free (cond);

  cond = COMPILE ("{'var': ['fact.b']}");
  env.facts[F_B] = F;
  EXPECT_FALSE (cond);
  resp_condition_free (cond);

  /* a parameter unknown is nothing missing: only facts are */
  cond = COMPILE ("{'>=': [{'var': 'fact.leak_personal_info_records'},\n"
                  "        {'var': ['param.personal_info_mass_leak_records']}]}");
  env_reset ();
  EXPECT_UNKNOWN (cond, "leak_personal_info_records");
  env.facts[F_RECORDS] = condition_number (1000000);
  EXPECT_UNKNOWN (cond, "");
  env.params[P_RECORDS] = condition_number (1000000);
  EXPECT_TRUE (cond);
  env.facts[F_RECORDS] = condition_number (999999);
  EXPECT_FALSE (cond);
  resp_condition_free (cond);

  cond = COMPILE ("{'==': [{'var': 'param.name'}, 'x']}");
  env.params[P_NAME] = condition_string ("x");
  EXPECT_TRUE (cond);
  resp_condition_free (cond);

  /* the subject's attributes */
  env_reset ();
  cond = COMPILE ("{'and': [{'var': 'system.cii'},\n"
                  "         {'>=': [{'var': 'system.protection_level'}, 3]},\n"
                  "         {'==': [{'var': 'operator.region_level'}, 'prefectural']},\n"
                  "         {'==': [{'var': 'system.extra.owner.name'}, 'bureau']}]}");
  CU_ASSERT_TRUE (resp_condition_uses_subject (cond));
  EXPECT_UNKNOWN (cond, "");
  env.cii = T;
  env.protection = condition_number (3);
  env.region_level = condition_string ("prefectural");
  env.extra_key = "owner.name";
  env.extra = condition_string ("bureau");
  EXPECT_TRUE (cond);
  env.protection = condition_number (2);
  EXPECT_FALSE (cond);
  env.protection = U;
  EXPECT_UNKNOWN (cond, "");
  env.protection = condition_number (3);
  env.extra_key = "owner";
  EXPECT_UNKNOWN (cond, "");
  resp_condition_free (cond);

  cond = COMPILE ("{'==': [{'var': 'system.kind'}, 'other']}");
  CU_ASSERT_TRUE (resp_condition_uses_subject (cond));
  resp_condition_free (cond);
  cond = COMPILE ("{'!': {'var': 'operator.region_level'}}");
  CU_ASSERT_TRUE (resp_condition_uses_subject (cond));
  resp_condition_free (cond);
  /* the level of the organ whose site it is, apart from the operator's */
  cond = COMPILE ("{'in': [{'var': 'system.owner_level'}, ['national', 'provincial', 'prefectural']]}");
  CU_ASSERT_TRUE (resp_condition_uses_subject (cond));
  EXPECT_UNKNOWN (cond, "");
  env.region_level = condition_string ("prefectural");
  env.owner_level = condition_string ("county");
  EXPECT_FALSE (cond);
  env.owner_level = condition_string ("provincial");
  EXPECT_TRUE (cond);
  resp_condition_free (cond);
  cond = COMPILE ("true");
  CU_ASSERT_FALSE (resp_condition_uses_subject (cond));
  EXPECT_TRUE (cond);
  resp_condition_free (cond);

  /* what get() is asked, in order, with the kinds and indices */
  cond = COMPILE ("{'or': [{'var': 'fact.c'}, {'var': 'param.name'}, {'var': 'system.kind'},\n"
                  "        {'var': 'system.cii'}, {'var': 'system.protection_level'},\n"
                  "        {'var': 'system.extra.k'}, {'var': 'operator.region_level'}]}");
  log = g_string_new (NULL);
  logging.data = log;
  CU_ASSERT_EQUAL (resp_condition_eval (cond, &logging, NULL), RESP_TRUTH_UNKNOWN);
  CU_ASSERT_STRING_EQUAL (log->str, "0/2/-;1/1/-;2/0/-;3/0/-;4/0/-;5/0/k;6/0/-;");
  g_string_free (log, TRUE);
  resp_condition_free (cond);

  /* an event-wide condition may read facts and parameters */
  cond = COMPILE_EVENT ("{'or': [{'var': 'fact.a'}, {'var': 'param.name'}]}");
  CU_ASSERT_FALSE (resp_condition_uses_subject (cond));
  resp_condition_free (cond);
}

/* ---- Missing facts ---- */

static void
test_missing (void)
{
  RespCondition *cond = COMPILE ("{'and': [{'var': 'fact.a'},\n"
                                 "         {'or': [{'var': 'fact.b'}, {'var': 'fact.c'}]}]}");
  RespCondition *dup;
  GArray *missing;
  guint pre;

  /* the examples of the brief */
  env_reset ();
  env.facts[F_A] = T;
  env.facts[F_C] = F;
  EXPECT_UNKNOWN (cond, "b");
  env_reset ();
  env.facts[F_B] = T;
  EXPECT_UNKNOWN (cond, "a");
  env_reset ();
  env.facts[F_A] = F;
  EXPECT_FALSE (cond);
  env_reset ();
  EXPECT_UNKNOWN (cond, "a,b,c");
  env.facts[F_C] = T;
  EXPECT_UNKNOWN (cond, "a");
  env.facts[F_A] = T;
  EXPECT_TRUE (cond);

  /* no duplicates, in first-encountered order */
  dup = COMPILE ("{'and': [{'var': 'fact.c'}, {'!': {'var': 'fact.a'}},\n"
                 "         {'or': [{'var': 'fact.a'}, {'var': 'fact.b'}, {'var': 'fact.c'}]}]}");
  env_reset ();
  EXPECT_UNKNOWN (dup, "c,a,b");
  env.facts[F_B] = T;
  EXPECT_UNKNOWN (dup, "c,a");
  resp_condition_free (dup);

  /* a decided sub-expression drops its facts, even ones seen again later */
  dup = COMPILE ("{'or': [{'and': [{'var': 'fact.a'}, {'var': 'fact.c'}]},\n"
                 "        {'and': [{'var': 'fact.b'}, {'var': 'fact.a'}]}]}");
  env_reset ();
  env.facts[F_C] = F;
  EXPECT_UNKNOWN (dup, "b,a");
  env.facts[F_B] = F;
  EXPECT_FALSE (dup);
  resp_condition_free (dup);

  /* a fact already in the caller's array is not appended again */
  missing = g_array_new (FALSE, FALSE, sizeof (guint));
  pre = F_B;
  g_array_append_val (missing, pre);
  env_reset ();
  CU_ASSERT_EQUAL (resp_condition_eval (cond, &test_env, missing), RESP_TRUTH_UNKNOWN);
  CU_ASSERT_EQUAL (missing->len, 3);
  CU_ASSERT_EQUAL (g_array_index (missing, guint, 0), F_B);
  CU_ASSERT_EQUAL (g_array_index (missing, guint, 1), F_A);
  CU_ASSERT_EQUAL (g_array_index (missing, guint, 2), F_C);
  /* and a decided result leaves it as it was */
  env.facts[F_A] = F;
  CU_ASSERT_EQUAL (resp_condition_eval (cond, &test_env, missing), RESP_TRUTH_FALSE);
  CU_ASSERT_EQUAL (missing->len, 3);
  g_array_unref (missing);

  resp_condition_free (cond);
}

/* Reads of the environment, counted */
static guint n_reads;

static RespValue
read_counted (gpointer    data,
              RespVarKind kind,
              guint       index,
              const char *extra_key)
{
  n_reads++;
  return condition_env_get (data, kind, index, extra_key);
}

/* Evaluates cond (collecting missing facts) and checks the result and how
 * many variables were read; a decided result leaves no facts missing */
static void
expect_reads_at (int caller, const RespCondition *cond, RespTruth truth, guint reads)
{
  static const RespConditionEnv counting = { read_counted, &env };
  GArray *missing = g_array_new (FALSE, FALSE, sizeof (guint));
  RespTruth got;

  n_reads = 0;
  got = resp_condition_eval (cond, &counting, missing);
  test_report_at (caller, got == truth, "the condition's truth value");
  test_report_at (caller, n_reads == reads, "the number of variables read");
  test_report_at (caller, truth == RESP_TRUTH_UNKNOWN || missing->len == 0, "no facts missing");
  g_array_unref (missing);
}

#define EXPECT_READS(cond, truth, reads) expect_reads_at (__LINE__, cond, truth, reads)

static void
test_short_circuit (void)
{
  RespCondition *and3 = COMPILE ("{'and': [{'var': 'fact.a'}, {'var': 'fact.b'}, {'var': 'fact.c'}]}");
  RespCondition *or3 = COMPILE ("{'or': [{'var': 'fact.a'}, {'var': 'fact.b'}, {'var': 'fact.c'}]}");
  RespCondition *nested = COMPILE ("{'or': [{'and': [{'var': 'fact.a'}, {'var': 'fact.b'}]},\n"
                                   "        {'!': {'var': 'fact.c'}}, {'var': 'fact.b'}]}");

  /* a false first operand decides `and`: nothing more is read */
  env_reset ();
  env.facts[F_A] = F;
  EXPECT_READS (and3, RESP_TRUTH_FALSE, 1);
  /* an unknown one does not: a later false still decides it, with no facts */
  env.facts[F_A] = U;
  env.facts[F_B] = F;
  EXPECT_READS (and3, RESP_TRUTH_FALSE, 2);
  /* and all unknown reads everything, twice (the second pass collects) */
  env_reset ();
  EXPECT_UNKNOWN (and3, "a,b,c");
  EXPECT_READS (and3, RESP_TRUTH_UNKNOWN, 6);

  /* a true operand decides `or` */
  env_reset ();
  env.facts[F_B] = T;
  EXPECT_READS (or3, RESP_TRUTH_TRUE, 2);

  /* inside a nested operand the skip stops at its own operator: a false
   * `and` does not end the `or` around it */
  env_reset ();
  env.facts[F_A] = F;
  env.facts[F_C] = F;
  EXPECT_READS (nested, RESP_TRUTH_TRUE, 2);
  env.facts[F_C] = T;
  EXPECT_UNKNOWN (nested, "b");
  env.facts[F_A] = T;
  env.facts[F_B] = T;
  EXPECT_TRUE (nested);

  resp_condition_free (and3);
  resp_condition_free (or3);
  resp_condition_free (nested);
}

/* The circumstances of SPEC §4.4, written as the default rulebook would */
static void
test_circumstances (void)
{
  RespCondition *art8_1 = COMPILE (
    "{'and': [\n"
    "  {'in': [{'var': 'system.kind'},\n"
    "          ['party_gov_portal', 'key_news_site', 'large_platform']]},\n"
    "  {'var': 'fact.tampered'},\n"
    "  {'var': 'fact.harmful_info_spread_widely'},\n"
    "  {'!': {'and': [{'var': 'fact.reported_in_time'},\n"
    "                 {'var': 'fact.handled_in_time'}]}}\n"
    "]}");
  RespCondition *art8_2 = COMPILE (
    "{'and': [\n"
    "  {'in': [{'var': 'system.kind'}, ['party_gov_portal', 'key_news_site']]},\n"
    "  {'in': [{'var': 'operator.region_level'}, ['national', 'provincial', 'prefectural']]},\n"
    "  {'var': 'fact.attacked'},\n"
    "  {'!': {'var': 'fact.handled_in_time'}},\n"
    "  {'>=': [{'var': 'fact.outage_hours'}, 6]}\n"
    "]}");
  RespCondition *art8_3 = COMPILE_EVENT (
    "{'or': [\n"
    "  {'var': 'fact.leak_state_secrets'},\n"
    "  {'var': 'fact.leak_personal_info_mass'},\n"
    "  {'>=': [{'var': 'fact.leak_personal_info_records'},\n"
    "          {'var': 'param.personal_info_mass_leak_records'}]},\n"
    "  {'var': 'fact.a'}\n"
    "]}");

  CU_ASSERT_TRUE (resp_condition_uses_subject (art8_1));
  CU_ASSERT_FALSE (resp_condition_uses_subject (art8_3));

  /* art8.1: nothing known about the facts of a portal */
  env_reset ();
  env.kind = condition_string ("party_gov_portal");
  EXPECT_UNKNOWN (art8_1, "tampered,harmful_info_spread_widely,reported_in_time,handled_in_time");
  /* a system of another kind is decided whatever the facts */
  env.kind = condition_string ("other");
  EXPECT_FALSE (art8_1);
  /* the kind unknown: unknown, but no fact would settle it */
  env.kind = U;
  env.facts[F_TAMPERED] = T;
  env.facts[F_SPREAD] = T;
  env.facts[F_REPORTED] = F;
  EXPECT_UNKNOWN (art8_1, "");
  env.kind = condition_string ("key_news_site");
  EXPECT_TRUE (art8_1);
  /* reported in time, handling unknown: only handling is missing */
  env.facts[F_REPORTED] = T;
  EXPECT_UNKNOWN (art8_1, "handled_in_time");
  env.facts[F_HANDLED] = T;
  EXPECT_FALSE (art8_1);
  /* not handled in time is enough, whatever the report */
  env.facts[F_HANDLED] = F;
  env.facts[F_REPORTED] = U;
  EXPECT_TRUE (art8_1);
  /* not tampered: decided, even with the rest unknown */
  env.facts[F_TAMPERED] = F;
  env.facts[F_SPREAD] = U;
  env.facts[F_HANDLED] = U;
  EXPECT_FALSE (art8_1);
  env.facts[F_TAMPERED] = U;
  env.facts[F_SPREAD] = T;
  env.facts[F_REPORTED] = F;
  EXPECT_UNKNOWN (art8_1, "tampered");

  /* art8.2 */
  env_reset ();
  env.kind = condition_string ("key_news_site");
  env.region_level = condition_string ("county");
  EXPECT_FALSE (art8_2);
  env.region_level = condition_string ("prefectural");
  EXPECT_UNKNOWN (art8_2, "attacked,handled_in_time,outage_hours");
  env.facts[F_ATTACKED] = T;
  env.facts[F_HANDLED] = F;
  env.facts[F_OUTAGE] = condition_number (5);
  EXPECT_FALSE (art8_2);
  env.facts[F_OUTAGE] = condition_number (6);
  EXPECT_TRUE (art8_2);
  env.facts[F_OUTAGE] = U;
  EXPECT_UNKNOWN (art8_2, "outage_hours");

  /* art8.3, event-wide */
  env_reset ();
  EXPECT_UNKNOWN (art8_3, "leak_state_secrets,leak_personal_info_mass,"
                          "leak_personal_info_records,a");
  env.facts[F_MASS] = T;
  EXPECT_TRUE (art8_3);
  env.facts[F_MASS] = F;
  env.facts[F_SECRETS] = F;
  env.facts[F_A] = F;
  EXPECT_UNKNOWN (art8_3, "leak_personal_info_records");
  env.facts[F_RECORDS] = condition_number (1000000);
  EXPECT_UNKNOWN (art8_3, "");
  env.params[P_RECORDS] = condition_number (1000000);
  EXPECT_TRUE (art8_3);
  env.facts[F_RECORDS] = condition_number (12);
  EXPECT_FALSE (art8_3);

  resp_condition_free (art8_1);
  resp_condition_free (art8_2);
  resp_condition_free (art8_3);
}

/* ---- Compile errors ---- */

static void
test_unknown_operators (void)
{
  EXPECT_ERROR ("{'and': [\n"
                "  {'var': 'fact.a'},\n"
                "  {'adn': [true, false]}\n"
                "]}",
                RESP_ERROR_UNKNOWN_OPERATOR, 3, 4, "unknown operator 'adn' (did you mean 'and'?)");
  EXPECT_ERROR ("{'or': [\n"
                "    true,\n"
                "    {'===': [1, 1]}]}",
                RESP_ERROR_UNKNOWN_OPERATOR, 3, 6, "unknown operator '===' (did you mean '=='?)");
  EXPECT_ERROR ("{'!':\n"
                "  {'&&': [true]}}",
                RESP_ERROR_UNKNOWN_OPERATOR, 2, 4, "unknown operator '&&' (did you mean 'and'?)");
  EXPECT_ERROR ("\n\n   {'=>': [1, 1]}",
                RESP_ERROR_UNKNOWN_OPERATOR, 3, 5, "unknown operator '=>' (did you mean '>='?)");
  EXPECT_ERROR ("{'max': [1, 2]}",
                RESP_ERROR_UNKNOWN_OPERATOR, 1, 2,
                "unknown operator 'max' (JSON Logic's 'max' is outside the supported subset)");
  EXPECT_ERROR ("{'in': [1,\n"
                "  {'frobnicate': []}]}",
                RESP_ERROR_UNKNOWN_OPERATOR, 2, 4, "unknown operator 'frobnicate'");
  /* the operator is checked before its operands */
  EXPECT_ERROR ("{'nand': [{'var': 'fact.nothing'}]}",
                RESP_ERROR_UNKNOWN_OPERATOR, 1, 2, NULL);
}

static void
test_bad_shapes (void)
{
  /* objects with no operator or several */
  EXPECT_ERROR ("{'and': [\n"
                "  true,\n"
                "     {}]}",
                RESP_ERROR_BAD_VALUE, 3, 6, NULL);
  EXPECT_ERROR ("{'!':\n"
                "  {'var': 'fact.a', 'and': [true]}}",
                RESP_ERROR_BAD_VALUE, 2, 3, NULL);
  EXPECT_ERROR ("{}", RESP_ERROR_BAD_VALUE, 1, 1, NULL);

  /* arity, at the operator */
  EXPECT_ERROR ("{'and': [true,\n"
                "         {'==': [1, 2, 3]}]}",
                RESP_ERROR_BAD_VALUE, 2, 11, "'==' takes 2 operands, not 3");
  EXPECT_ERROR ("{'!=': [1]}", RESP_ERROR_BAD_VALUE, 1, 2, "'!=' takes 2 operands, not 1");
  EXPECT_ERROR ("{'>': []}", RESP_ERROR_BAD_VALUE, 1, 2, "'>' takes 2 operands, not 0");
  EXPECT_ERROR ("{'>=': [1, 2, 3]}", RESP_ERROR_BAD_VALUE, 1, 2, "'>=' takes 2 operands, not 3");
  EXPECT_ERROR ("{'!': [true, false]}", RESP_ERROR_BAD_VALUE, 1, 2, "'!' takes 1 operand, not 2");
  EXPECT_ERROR ("{'!': []}", RESP_ERROR_BAD_VALUE, 1, 2, "'!' takes 1 operand, not 0");
  EXPECT_ERROR ("{\n"
                "  'and': []\n"
                "}",
                RESP_ERROR_BAD_VALUE, 2, 3, "'and' takes at least 1 operand");
  EXPECT_ERROR ("{'or': []}", RESP_ERROR_BAD_VALUE, 1, 2, "'or' takes at least 1 operand");
  EXPECT_ERROR ("{'in': ['x']}", RESP_ERROR_BAD_VALUE, 1, 2, "'in' takes 2 operands, not 1");
  /* JSON Logic's between form */
  EXPECT_ERROR ("{'or': [\n"
                " {'<': [1, {'var': 'fact.outage_hours'}, 10]}]}",
                RESP_ERROR_BAD_VALUE, 2, 3,
                "'<' takes 2 operands, not 3 (the between form is not supported)");
  EXPECT_ERROR ("{'<=': [1, 2, 10]}", RESP_ERROR_BAD_VALUE, 1, 2,
                "'<=' takes 2 operands, not 3 (the between form is not supported)");
  /* only ! and var take a bare operand */
  EXPECT_ERROR ("{'and': true}", RESP_ERROR_BAD_VALUE, 1, 2, "'and' takes an array of operands");
  EXPECT_ERROR ("{'==': {'var': 'fact.a'}}", RESP_ERROR_BAD_VALUE, 1, 2,
                "'==' takes an array of operands");

  /* arrays outside the haystack of `in`, and what a haystack may hold */
  EXPECT_ERROR ("{'==': [\n"
                "  [1, 2], 1]}",
                RESP_ERROR_BAD_VALUE, 2, 3, NULL);
  EXPECT_ERROR ("[true]", RESP_ERROR_BAD_VALUE, 1, 1, NULL);
  EXPECT_ERROR ("{'in': [['x'], 'x']}", RESP_ERROR_BAD_VALUE, 1, 9, NULL);
  EXPECT_ERROR ("{'!': [[true]]}", RESP_ERROR_BAD_VALUE, 1, 8, NULL);
  EXPECT_ERROR ("{'in': [1,\n"
                "  [1, {'var': 'fact.a'}]]}",
                RESP_ERROR_BAD_VALUE, 2, 7,
                "the list searched by 'in' may hold only literals, not a condition");
  EXPECT_ERROR ("{'in': [1, [1, [1]]]}", RESP_ERROR_BAD_VALUE, 1, 16,
                "the list searched by 'in' may hold only literals, not an array");
}

static void
test_bad_variables (void)
{
  EXPECT_ERROR ("{'and': [\n"
                "  {'var': 'fact.a'},\n"
                "  {'var':\n"
                "     'fact.tamperd'}]}",
                RESP_ERROR_UNKNOWN_VARIABLE, 4, 6,
                "unknown variable 'fact.tamperd' (did you mean 'fact.tampered'?)");
  EXPECT_ERROR ("{'!': {'var': ['param.personal_info_mass_leak_record']}}",
                RESP_ERROR_UNKNOWN_VARIABLE, 1, 16,
                "unknown variable 'param.personal_info_mass_leak_record' "
                "(did you mean 'param.personal_info_mass_leak_records'?)");
  EXPECT_ERROR ("{'var': 'fatc.attacked'}", RESP_ERROR_UNKNOWN_VARIABLE, 1, 9,
                "unknown variable 'fatc.attacked' (did you mean 'fact.attacked'?)");
  EXPECT_ERROR ("{'var': 'tampered'}", RESP_ERROR_UNKNOWN_VARIABLE, 1, 9,
                "unknown variable 'tampered' (did you mean 'fact.tampered'?)");
  EXPECT_ERROR ("{'var': 'fact.nonexistent_thing'}", RESP_ERROR_UNKNOWN_VARIABLE, 1, 9,
                "unknown variable 'fact.nonexistent_thing'");
  EXPECT_ERROR ("{'var': 'fact.'}", RESP_ERROR_UNKNOWN_VARIABLE, 1, 9, NULL);
  EXPECT_ERROR ("{'var': ''}", RESP_ERROR_UNKNOWN_VARIABLE, 1, 9, "unknown variable ''");
  EXPECT_ERROR ("{'var': 'fact.a\\u0000'}", RESP_ERROR_UNKNOWN_VARIABLE, 1, 9,
                "unknown variable: a name cannot contain U+0000");
  /* facts are not parameters, nor the other way round */
  EXPECT_ERROR ("{'var': 'param.a'}", RESP_ERROR_UNKNOWN_VARIABLE, 1, 9, NULL);
  EXPECT_ERROR ("{'var': 'fact.name'}", RESP_ERROR_UNKNOWN_VARIABLE, 1, 9, NULL);
  EXPECT_ERROR ("{'==': [\n"
                "  {'var': 'system.kynd'}, 'x']}",
                RESP_ERROR_UNKNOWN_VARIABLE, 2, 11,
                "unknown variable 'system.kynd' (did you mean 'system.kind'?)");
  EXPECT_ERROR ("{'var': 'system.owner'}", RESP_ERROR_UNKNOWN_VARIABLE, 1, 9, NULL);
  EXPECT_ERROR ("{'var': 'system.extra.'}", RESP_ERROR_UNKNOWN_VARIABLE, 1, 9, NULL);
  EXPECT_ERROR ("{'var': 'system.extra'}", RESP_ERROR_UNKNOWN_VARIABLE, 1, 9, NULL);
  EXPECT_ERROR ("{'var': 'operator.region_levl'}", RESP_ERROR_UNKNOWN_VARIABLE, 1, 9,
                "unknown variable 'operator.region_levl' (did you mean 'operator.region_level'?)");
  EXPECT_ERROR ("{'var': 'operator.region'}", RESP_ERROR_UNKNOWN_VARIABLE, 1, 9,
                "unknown variable 'operator.region'");
  EXPECT_ERROR ("{'var': 'system.owner_levle'}", RESP_ERROR_UNKNOWN_VARIABLE, 1, 9,
                "unknown variable 'system.owner_levle' (did you mean 'system.owner_level'?)");

  /* the shape of var */
  EXPECT_ERROR ("{'var':\n"
                "  3}",
                RESP_ERROR_BAD_VALUE, 2, 3, NULL);
  EXPECT_ERROR ("{'var': [3]}", RESP_ERROR_BAD_VALUE, 1, 10, NULL);
  EXPECT_ERROR ("{'var': {'var': 'fact.a'}}", RESP_ERROR_BAD_VALUE, 1, 9, NULL);
  EXPECT_ERROR ("{'or': [true,\n"
                "  {'var': ['fact.a', false]}]}",
                RESP_ERROR_BAD_VALUE, 2, 4,
                "'var' takes 1 operand, not 2 (a default value is not supported)");
  EXPECT_ERROR ("{'var': []}", RESP_ERROR_BAD_VALUE, 1, 2,
                "'var' takes 1 operand, not 0 (a default value is not supported)");

  /* an event-wide condition has no subject */
  EXPECT_EVENT_ERROR ("{'in': [{'var': 'system.kind'}, ['x']]}",
                      RESP_ERROR_UNKNOWN_VARIABLE, 1, 17,
                      "unknown variable 'system.kind': an event-wide condition cannot read "
                      "the subject (it has no system or operator)");
  EXPECT_EVENT_ERROR ("{'and': [{'var': 'fact.a'},\n"
                      "         {'var': 'operator.region_level'}]}",
                      RESP_ERROR_UNKNOWN_VARIABLE, 2, 18, NULL);
  EXPECT_EVENT_ERROR ("{'var': 'system.extra.x'}", RESP_ERROR_UNKNOWN_VARIABLE, 1, 9, NULL);
  EXPECT_EVENT_ERROR ("{'var': 'system.cii'}", RESP_ERROR_UNKNOWN_VARIABLE, 1, 9, NULL);
  /* without the subject, its names are not suggested either */
  EXPECT_EVENT_ERROR ("{'var': 'sytem.kind'}", RESP_ERROR_UNKNOWN_VARIABLE, 1, 9,
                      "unknown variable 'sytem.kind'");

  /* the first error in document order wins */
  EXPECT_ERROR ("{'and': [{'var': 'fact.x1'},\n"
                "         {'adn': [true]}]}",
                RESP_ERROR_UNKNOWN_VARIABLE, 1, 18, NULL);
}

static void
test_null_error_outputs (void)
{
  RespConditionScope scope = { fact_names, N_FACTS, param_names, N_PARAMS, TRUE };
  const char *json = "{\"adn\": [true]}";
  RespJsonReader *reader = resp_json_reader_new (json, strlen (json));
  RespJsonTree *tree = resp_json_reader_read_tree (reader, resp_json_reader_next (reader));

  CU_ASSERT_PTR_NOT_NULL_FATAL (tree);
  CU_ASSERT_PTR_NULL (resp_condition_compile (resp_json_tree_get_root (tree), &scope,
                                              NULL, NULL, NULL, NULL));
  resp_json_tree_free (tree);
  resp_json_reader_free (reader);
  resp_condition_free (NULL);
}

/* ---- Depth ---- */

/* inner inside n levels of open and close */
static char *
nested (const char *open,
        guint       n,
        const char *inner,
        const char *close)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, open);
  g_string_append (s, inner);
  for (guint i = 0; i < n; i++)
    g_string_append (s, close);
  return g_string_free (s, FALSE);
}

/* n `!` around a var, one object a line */
#define NESTED_NOT(n) nested ("{'!':\n", (n), "{'var': 'fact.a'}", "}")
static void
test_depth (void)
{
  char *text;
  RespCondition *cond;
  GString *s;

  /* 63 `!` and a var: 64 condition objects, the most allowed */
  text = NESTED_NOT (63);
  cond = COMPILE (text);
  env_reset ();
  env.facts[F_A] = T;
  EXPECT_FALSE (cond);
  env.facts[F_A] = U;
  EXPECT_UNKNOWN (cond, "a");
  resp_condition_free (cond);
  g_free (text);

  /* one more: the 65th object, on line 65, is too deep */
  text = NESTED_NOT (64);
  EXPECT_ERROR (text, RESP_ERROR_LIMIT, 65, 1, NULL);
  g_free (text);

  /* a literal at any depth is no object */
  text = nested ("{'and': [true, ", 64, "{'var': 'fact.b'}", "]}");
  /* the var is the 65th object: 15 characters an `and` */
  EXPECT_ERROR (text, RESP_ERROR_LIMIT, 1, 64 * 15 + 1, NULL);
  g_free (text);
  text = nested ("{'and': [true, ", 63, "{'var': 'fact.b'}", "]}");
  /* every level leaves one value pending on the stack */
  cond = COMPILE (text);
  g_free (text);
  env_reset ();
  EXPECT_UNKNOWN (cond, "b");
  env.facts[F_B] = T;
  EXPECT_TRUE (cond);
  resp_condition_free (cond);

  /* comparisons nest the same way, with their left operand pending */
  text = nested ("{'==': [true, ", 63, "{'var': 'fact.c'}", "]}");
  cond = COMPILE (text);
  g_free (text);
  env_reset ();
  EXPECT_UNKNOWN (cond, "c");
  env.facts[F_C] = T;
  EXPECT_TRUE (cond);   /* 63 times true == …, all true */
  env.facts[F_C] = F;
  EXPECT_FALSE (cond);  /* true == false is false, at every level */
  resp_condition_free (cond);

  /* width is not depth */
  s = g_string_new ("{'or': [");
  for (guint i = 0; i < 5000; i++)
    g_string_append (s, "{'and': [{'var': 'fact.a'}, false]}, ");
  g_string_append (s, "{'var': 'fact.b'}]}");
  cond = COMPILE (s->str);
  env_reset ();
  EXPECT_UNKNOWN (cond, "b");
  env.facts[F_B] = F;
  EXPECT_FALSE (cond);
  resp_condition_free (cond);
  g_string_free (s, TRUE);
}

/* ---- Ownership and threads ---- */

static void
test_literals_are_copied (void)
{
  RespConditionScope scope = { fact_names, N_FACTS, param_names, N_PARAMS, TRUE };
  const char *json = "{\"and\": [{\"in\": [{\"var\": \"system.kind\"}, [\"a\", \"bb\"]]},"
                     " {\"in\": [\"cc\", {\"var\": \"system.extra.tag\"}]},"
                     " {\"==\": [{\"var\": \"param.name\"}, \"dd\"]}]}";
  char *copy = g_strdup (json);
  RespJsonReader *reader = resp_json_reader_new (copy, strlen (copy));
  RespJsonTree *tree = resp_json_reader_read_tree (reader, resp_json_reader_next (reader));
  RespCondition *cond;

  CU_ASSERT_PTR_NOT_NULL_FATAL (tree);
  cond = resp_condition_compile (resp_json_tree_get_root (tree), &scope, NULL, NULL, NULL,
                                 NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (cond);
  /* nothing the condition needs may live in the tree or the text */
  resp_json_tree_free (tree);
  resp_json_reader_free (reader);
  memset (copy, 'x', strlen (copy));
  g_free (copy);

  env_reset ();
  env.kind = condition_string ("bb");
  env.extra_key = "tag";
  env.extra = condition_string ("xxccxx");
  env.params[P_NAME] = condition_string ("dd");
  EXPECT_TRUE (cond);
  env.kind = condition_string ("b");
  EXPECT_FALSE (cond);
  resp_condition_free (cond);
}

typedef struct {
  const RespCondition *cond;
  gboolean             ok;
} ThreadJob;

static RespValue
thread_get (gpointer    data,
            RespVarKind kind,
            guint       index,
            const char *extra_key)
{
  /* fact a is true, b unknown, c false: read-only, no shared state */
  if (kind != RESP_VAR_FACT)
    return U;
  return index == F_A ? T : index == F_C ? F : U;
}

static gpointer
thread_main (gpointer data)
{
  ThreadJob *job = data;
  RespConditionEnv e = { thread_get, NULL };
  GArray *missing = g_array_new (FALSE, FALSE, sizeof (guint));

  job->ok = TRUE;
  for (guint i = 0; i < 20000; i++)
    {
      g_array_set_size (missing, 0);
      if (resp_condition_eval (job->cond, &e, missing) != RESP_TRUTH_UNKNOWN
          || missing->len != 1 || g_array_index (missing, guint, 0) != F_B)
        job->ok = FALSE;
    }
  g_array_unref (missing);
  return NULL;
}

static void
test_threads (void)
{
  RespCondition *cond = COMPILE ("{'and': [{'var': 'fact.a'},\n"
                                 "         {'or': [{'var': 'fact.b'}, {'var': 'fact.c'}]}]}");
  ThreadJob jobs[4];
  GThread *threads[4];

  for (guint i = 0; i < 4; i++)
    {
      jobs[i].cond = cond;
      threads[i] = g_thread_new ("eval", thread_main, &jobs[i]);
    }
  for (guint i = 0; i < 4; i++)
    {
      g_thread_join (threads[i]);
      CU_ASSERT_TRUE (jobs[i].ok);
    }
  resp_condition_free (cond);
}

/* ---- Preconditions ---- */

/* Made before forking, so that the children leak nothing */
static RespCondition *pre_cond;
static RespJsonTree *pre_tree;

static void
eval_null_condition (void)
{
  resp_condition_eval (NULL, &test_env, NULL);
}

static void
eval_null_env (void)
{
  resp_condition_eval (pre_cond, NULL, NULL);
}

static void
eval_wrong_missing (void)
{
  static GArray *bytes;

  bytes = g_array_new (FALSE, FALSE, 1);
  resp_condition_eval (pre_cond, &test_env, bytes);
}

static void
compile_null_scope (void)
{
  resp_condition_compile (resp_json_tree_get_root (pre_tree), NULL, NULL, NULL, NULL, NULL);
}

static void
compile_null_node (void)
{
  RespConditionScope scope = { fact_names, N_FACTS, param_names, N_PARAMS, TRUE };

  resp_condition_compile (NULL, &scope, NULL, NULL, NULL, NULL);
}

static const TestMisuse misuses[] = {
  { eval_null_condition, "resp_condition_eval: assertion 'cond != NULL' failed" },
  { eval_null_env, "resp_condition_eval: assertion 'env != NULL && env->get != NULL' failed" },
  { eval_wrong_missing,
    "resp_condition_eval: assertion 'missing == NULL || "
    "g_array_get_element_size (missing) == sizeof (guint)' failed" },
  { compile_null_scope, "resp_condition_compile: assertion 'scope != NULL' failed" },
  { compile_null_node, "resp_condition_compile: assertion 'node != NULL' failed" },
};

static void
test_preconditions (void)
{
  const char *json = "true";
  RespJsonReader *reader = resp_json_reader_new (json, strlen (json));

  pre_tree = resp_json_reader_read_tree (reader, resp_json_reader_next (reader));
  pre_cond = COMPILE ("true");
  test_misuses (misuses);
  resp_condition_free (pre_cond);
  resp_json_tree_free (pre_tree);
  resp_json_reader_free (reader);
}

/* A duty's `applies` reads its bearer's attributes, and only those (SPEC
 * §8.1); with missing_vars an unknown one is reported as missing. */
static RespValue
bearer_get (gpointer data, RespVarKind kind, guint index, const char *extra_key)
{
  static const RespValue county = { .type = RESP_VALUE_STRING, .string = "county" };

  if (kind == RESP_VAR_COMMITTEE_SCOPE_LEVEL)
    return county;
  return U;
}

static void
test_bearer_variables (void)
{
  RespConditionEnv bearer_env = { bearer_get, NULL, NULL, 0, TRUE };
  GArray *missing = g_array_new (FALSE, FALSE, sizeof (guint));
  RespCondition *cond;
  RespVarKind kind;
  guint index;
  const char *key;

  cond = compile_ok_at (__LINE__, "{'and': [{'==': [{'var': 'committee.scope_level'}, 'county']},\n"
                                  "         {'==': [{'var': 'committee.form'}, 'party_group']}]}",
                        RESP_SUBJECT_COMMITTEE);
  CU_ASSERT_PTR_NOT_NULL_FATAL (cond);
  CU_ASSERT_TRUE (resp_condition_uses_subject (cond));
  CU_ASSERT_EQUAL (resp_condition_eval (cond, &bearer_env, missing), RESP_TRUTH_UNKNOWN);
  /* the form is unknown; the scope level is known */
  CU_ASSERT_EQUAL_FATAL (missing->len, 1);
  CU_ASSERT (g_array_index (missing, guint, 0) & RESP_CONDITION_MISSING_VAR);
  resp_condition_missing_var (cond, g_array_index (missing, guint, 0), &kind, &index, &key);
  CU_ASSERT_EQUAL (kind, RESP_VAR_COMMITTEE_FORM);
  CU_ASSERT_STRING_EQUAL (resp_condition_var_name (kind), "committee.form");
  CU_ASSERT_PTR_NULL (resp_condition_var_name (RESP_VAR_FACT));
  /* without missing_vars only facts are listed */
  g_array_set_size (missing, 0);
  bearer_env.missing_vars = FALSE;
  CU_ASSERT_EQUAL (resp_condition_eval (cond, &bearer_env, missing), RESP_TRUTH_UNKNOWN);
  CU_ASSERT_EQUAL (missing->len, 0);
  resp_condition_free (cond);

  cond = compile_ok_at (__LINE__, "{'in': [{'var': 'unit.region_level'}, ['county']]}", RESP_SUBJECT_UNIT);
  CU_ASSERT_PTR_NOT_NULL (cond);
  resp_condition_free (cond);

  expect_error_at (__LINE__, "{'var': 'system.cii'}", RESP_SUBJECT_COMMITTEE,
                   RESP_ERROR_UNKNOWN_VARIABLE, 1, 9,
                   "unknown variable 'system.cii': a duty borne by a committee reads "
                   "committee.form and committee.scope_level");
  expect_error_at (__LINE__, "{'var': 'committee.form'}", RESP_SUBJECT_UNIT,
                   RESP_ERROR_UNKNOWN_VARIABLE, 1, 9,
                   "unknown variable 'committee.form': a duty borne by a unit reads unit.kind "
                   "and unit.region_level");
  expect_error_at (__LINE__, "{'var': 'unit.kind'}", RESP_SUBJECT_SYSTEM,
                   RESP_ERROR_UNKNOWN_VARIABLE, 1, 9,
                   "unknown variable 'unit.kind': this condition reads system.* and "
                   "operator.*");
  expect_error_at (__LINE__, "{'var': 'unit.kind'}", RESP_SUBJECT_NONE,
                   RESP_ERROR_UNKNOWN_VARIABLE, 1, 9,
                   "unknown variable 'unit.kind': an event-wide condition cannot read the "
                   "subject (it has no system or operator)");
  /* a slip is caught with the bearer's own names */
  expect_error_at (__LINE__, "{'var': 'unit.knid'}", RESP_SUBJECT_UNIT,
                   RESP_ERROR_UNKNOWN_VARIABLE, 1, 9,
                   "unknown variable 'unit.knid' (did you mean 'unit.kind'?)");
  expect_error_at (__LINE__, "{'var': 'system.extra.x'}", RESP_SUBJECT_UNIT,
                   RESP_ERROR_UNKNOWN_VARIABLE, 1, 9, NULL);
  g_array_unref (missing);
}

/* Facts given as an array answer as through the callback, and so do they
 * with their kinds beside them (resp_value_kind(): a boolean or an unknown
 * read from the kind alone, a number or a string from the value): the same
 * truth and the same missing facts, for every mix of values of two facts. */
static void
test_fact_array_and_kinds (void)
{
  static const char * const conditions[] = {
    "{'and': [{'var': 'fact.a'}, {'var': 'fact.b'}]}",
    "{'or': [{'var': 'fact.a'}, {'!': {'var': 'fact.b'}}]}",
    "{'==': [{'var': 'fact.a'}, true]}",
    "{'!=': [{'var': 'fact.b'}, false]}",
    "{'>': [{'var': 'fact.a'}, 0]}",
    "{'==': [{'var': 'fact.b'}, 'yes']}",
  };
  RespValue values[8];
  guint n_values = 0, checked = 0;

  values[n_values++] = condition_unknown;
  values[n_values++] = condition_bool (FALSE);
  values[n_values++] = condition_bool (TRUE);
  values[n_values++] = condition_number (0);
  values[n_values++] = condition_number (2);
  values[n_values++] = condition_number (NAN);
  values[n_values++] = condition_string ("yes");
  values[n_values++] = condition_string (NULL);
  for (guint c = 0; c < G_N_ELEMENTS (conditions); c++)
    {
      RespCondition *cond = compile_ok_at (__LINE__, conditions[c], RESP_SUBJECT_SYSTEM);

      for (guint i = 0; cond != NULL && i < n_values; i++)
        for (guint j = 0; j < n_values; j++)
          {
            guint8 kinds[N_FACTS];
            RespConditionEnv plain = { condition_env_get, &env, env.facts, N_FACTS };
            RespConditionEnv kinded = { condition_env_get, &env, env.facts, N_FACTS, FALSE, kinds };
            GArray *m[3];
            RespTruth t[3];

            env_reset ();
            env.facts[F_A] = values[i];
            env.facts[F_B] = values[j];
            for (guint k = 0; k < N_FACTS; k++)
              kinds[k] = resp_value_kind (&env.facts[k]);
            for (guint k = 0; k < 3; k++)
              m[k] = g_array_new (FALSE, FALSE, sizeof (guint));
            t[0] = resp_condition_eval (cond, &test_env, m[0]);
            t[1] = resp_condition_eval (cond, &plain, m[1]);
            t[2] = resp_condition_eval (cond, &kinded, m[2]);
            for (guint k = 1; k < 3; k++)
              {
                gboolean same = t[k] == t[0] && m[k]->len == m[0]->len &&
                                (m[0]->len == 0 ||
                                 memcmp (m[k]->data, m[0]->data, m[0]->len * sizeof (guint)) == 0);
                if (!same)
                  fprintf (stderr, "%s with values %u and %u: %s %s, through get %s\n", conditions[c], i, j,
                           k == 1 ? "as an array" : "with kinds", truth_name (t[k]), truth_name (t[0]));
                CU_ASSERT (same);
              }
            for (guint k = 0; k < 3; k++)
              g_array_unref (m[k]);
            checked++;
          }
      resp_condition_free (cond);
    }
  CU_ASSERT_EQUAL (checked, G_N_ELEMENTS (conditions) * n_values * n_values);
}

static CU_TestInfo tests[] = {
  { "a duty's bearer variables", test_bearer_variables },
  { "Kleene and", test_and_table },
  { "Kleene or", test_or_table },
  { "Kleene not", test_not_table },
  { "and/or of one and of three operands", test_wide_and_or },
  { "comparisons", test_comparisons },
  { "in", test_in },
  { "variables", test_variables },
  { "missing facts", test_missing },
  { "facts as an array, with and without their kinds", test_fact_array_and_kinds },
  { "and/or stop reading once decided", test_short_circuit },
  { "circumstances of SPEC 4.4", test_circumstances },
  { "unknown operators", test_unknown_operators },
  { "bad shapes and arity", test_bad_shapes },
  { "bad variables", test_bad_variables },
  { "error outputs may be NULL", test_null_error_outputs },
  { "depth limit", test_depth },
  { "literals are copied", test_literals_are_copied },
  { "threads", test_threads },
  { "preconditions", test_preconditions },
  CU_TEST_INFO_NULL,
};

int
main (void)
{
  return test_main_suite ("condition", NULL, NULL, tests);
}
