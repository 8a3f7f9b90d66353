/* test-timeline.c: an event's grade, reporting hops and what they decide (SPEC §9)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Against a small model with a national region, worked out by hand from
 * SPEC §9.3 and the default rulebook's `reporting`: a ministry with its own
 * 网信 body and one without, an enterprise in a city, a CII system with its
 * protection department. Each case says why each hop has its status.
 */

#include "test-builder.h"

#include <stdio.h>
#include <string.h>

#define GOV(id) "{'id':'" id "','type':'unit','name':'" id "','kind':'government'}"
#define ENTERPRISE(id) "{'id':'" id "','type':'unit','name':'" id "','kind':'enterprise'}"
#define CII(id) "{'id':'" id "','type':'system','name':'" id "','cii':true}"

static const char * const timeline_model[] = {
  REGION ("r-nat", "national"),
  REGION ("r-prov", "provincial"),
  REGION ("r-city", "prefectural"),
  UNIT ("u-cac-nat"),
  UNIT ("u-psb-nat"),
  UNIT ("u-cac-prov"),
  UNIT ("u-cac-city"),
  UNIT ("u-psb-city"),
  UNIT ("u-ssb-city"),
  GOV ("u-min"),
  UNIT ("u-min-cyber"),
  GOV ("u-min2"),
  ENTERPRISE ("u-op"),
  ENTERPRISE ("u-op2"),
  ENTERPRISE ("u-op3"),
  UNIT ("u-prot"),
  SYSTEM ("s-min"),
  SYSTEM ("s-min2"),
  SYSTEM ("s-other"),
  SYSTEM ("s-two"),
  CII ("s-cii"),
  REL ("within", "r-prov", "r-nat"),
  REL ("within", "r-city", "r-prov"),
  REL ("located_in", "u-cac-nat", "r-nat"),
  REL ("located_in", "u-psb-nat", "r-nat"),
  REL ("located_in", "u-cac-prov", "r-prov"),
  REL ("located_in", "u-cac-city", "r-city"),
  REL ("located_in", "u-psb-city", "r-city"),
  REL ("located_in", "u-ssb-city", "r-city"),
  REL ("located_in", "u-min", "r-nat"),
  REL ("located_in", "u-min2", "r-nat"),
  REL ("located_in", "u-op", "r-city"),
  REL ("located_in", "u-op2", "r-city"),
  REL ("located_in", "u-op3", "r-city"),
  REL ("located_in", "u-prot", "r-prov"),
  REL ("under", "u-min-cyber", "u-min"),
  REL ("coordinates", "u-cac-nat", "r-nat"),
  REL ("coordinates", "u-cac-prov", "r-prov"),
  REL ("coordinates", "u-cac-city", "r-city"),
  REL ("coordinates", "u-min-cyber", "u-min"),
  REL ("public_security", "u-psb-nat", "r-nat"),
  REL ("public_security", "u-psb-city", "r-city"),
  REL ("state_security", "u-ssb-city", "r-city"),
  REL ("operates", "u-min", "s-min"),
  REL ("operates", "u-min2", "s-min2"),
  REL ("operates", "u-op2", "s-other"),
  REL ("operates", "u-op2", "s-two"),
  REL ("operates", "u-op3", "s-two"),
  REL ("operates", "u-op", "s-cii"),
  REL ("protects", "u-prot", "s-cii"),
  NULL
};

static RespModel *model;
static RespRulebook *rulebook;

/* One hop as §9.4 writes it; NULL `to`/`due` for null; reports as
 * space-separated indexes. */
typedef struct {
  const char *by, *to, *kind, *due, *status, *reports;
} Hop;

typedef struct {
  RespJsonTree *tree;
  const RespJsonNode *root;
  RespVerdict *verdict;
} Assessed;

static const RespJsonNode *
member (const RespJsonNode *o, const char *key)
{
  return resp_json_node_get_member ((RespJsonNode *) o, key);
}

static Assessed
assess_at (int caller, const char *fields)
{
  Assessed a = { NULL, NULL, NULL };
  char *json = g_strdup_printf ("{\"format\": \"libresp/event/1\", \"id\": \"t\", %s}", fields);
  char *text;

  if (model == NULL)
    {
      model = model_load (timeline_model);
      rulebook = resp_rulebook_new_default ();
    }
  a.verdict = test_assess_one_in (__FILE__, caller, model, rulebook, json);
  g_free (json);
  if (a.verdict == NULL)
    return a;
  text = resp_verdict_render (a.verdict, RESP_FORMAT_JSON);
  a.tree = test_parse_json_in (__FILE__, caller, text);
  a.root = resp_json_tree_get_root (a.tree);
  g_free (text);
  return a;
}
#define assess(fields) assess_at (__LINE__, (fields))

static void
assessed_clear (Assessed *a)
{
  g_clear_pointer (&a->tree, resp_json_tree_free);
  g_clear_pointer (&a->verdict, resp_verdict_unref);
}

static gboolean
string_or_null_is (const RespJsonNode *n, const char *want)
{
  if (want == NULL)
    return n != NULL && n->type == RESP_JSON_NULL;
  return n != NULL && n->type == RESP_JSON_STRING && g_str_equal (n->v.string.str, want);
}

static char *
indexes (const RespJsonNode *arr)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; arr != NULL && arr->type == RESP_JSON_ARRAY && i < arr->v.children.n; i++)
    g_string_append_printf (s, "%s%g", i ? " " : "", arr->v.children.items[i]->v.number.value);
  return g_string_free (s, FALSE);
}

/* The verdict's "reporting" is exactly want, in order. */
static void
expect_hops_at (int caller, const Assessed *a, const Hop *want, guint n)
{
  const RespJsonNode *hops = a->root != NULL ? member (a->root, "reporting") : NULL;
  gboolean ok = hops != NULL && hops->type == RESP_JSON_ARRAY && hops->v.children.n == n;

  if (!ok)
    fprintf (stderr, "%s:%d: %u hops, expected %u\n", __FILE__, caller,
             hops != NULL ? hops->v.children.n : 0, n);
  test_report_in (__FILE__, caller, ok, "the number of hops");
  for (guint i = 0; ok && i < n; i++)
    {
      const RespJsonNode *h = hops->v.children.items[i];
      char *got_reports = indexes (member (h, "reports"));
      gboolean same = string_or_null_is (member (h, "by"), want[i].by)
                   && string_or_null_is (member (h, "to"), want[i].to)
                   && string_or_null_is (member (h, "kind"), want[i].kind)
                   && string_or_null_is (member (h, "due"), want[i].due)
                   && string_or_null_is (member (h, "status"), want[i].status)
                   && g_str_equal (got_reports, want[i].reports);

      if (!same)
        fprintf (stderr, "%s:%d: hop %u is not %s -> %s %s %s %s [%s] (reports got [%s])\n", __FILE__,
                 caller, i, want[i].by, want[i].to ? want[i].to : "null", want[i].kind,
                 want[i].due ? want[i].due : "null", want[i].status, want[i].reports, got_reports);
      test_report_in (__FILE__, caller, same, "a hop as expected");

      /* the getters say the same */
      {
        RespVerdict *v = a->verdict;
        gint64 due = 0;
        guint n_reports = 0;
        guint *reports = resp_verdict_dup_hop_reports (v, i, &n_reports);
        GString *r = g_string_new (NULL);
        char buf[64] = "";

        for (guint k = 0; k < n_reports; k++)
          g_string_append_printf (r, "%s%u", k ? " " : "", reports[k]);
        if (resp_verdict_get_hop_due (v, i, &due))
          {
            GDateTime *dt = g_date_time_new_from_unix_utc (due / G_USEC_PER_SEC);
            GTimeZone *tz = g_time_zone_new_offset (8 * 3600);
            GDateTime *local = g_date_time_to_timezone (dt, tz);
            char *s = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S+08:00");
            g_strlcpy (buf, s, sizeof buf);
            g_free (s);
            g_date_time_unref (local);
            g_date_time_unref (dt);
            g_time_zone_unref (tz);
          }
        same = g_str_equal (resp_verdict_get_hop_by (v, i), want[i].by)
               && g_strcmp0 (resp_verdict_get_hop_to (v, i), want[i].to) == 0
               && g_str_equal (resp_verdict_get_hop_kind (v, i), want[i].kind)
               && (want[i].due == NULL ? buf[0] == '\0' : g_str_equal (buf, want[i].due))
               && g_str_equal (resp_hop_status_to_string (resp_verdict_get_hop_status (v, i)), want[i].status)
               && g_str_equal (r->str, want[i].reports);
        test_report_in (__FILE__, caller, same, "the hop's getters as expected");
        g_free (reports);
        g_string_free (r, TRUE);
      }
      g_free (got_reports);
    }
  if (ok)
    test_report_in (__FILE__, caller, resp_verdict_get_n_hops (a->verdict) == n, "resp_verdict_get_n_hops");
}
#define expect_hops(a, want) expect_hops_at (__LINE__, (a), (want), G_N_ELEMENTS (want))

/* grade is {least, most, stated}, or null when least is NULL */
static void
expect_grade_at (int caller, const Assessed *a, const char *least, const char *most, gboolean stated)
{
  const RespJsonNode *g = a->root != NULL ? member (a->root, "grade") : NULL;
  gboolean ok;

  if (least == NULL)
    ok = g != NULL && g->type == RESP_JSON_NULL;
  else
    ok = g != NULL && g->type == RESP_JSON_OBJECT && string_or_null_is (member (g, "least"), least)
         && string_or_null_is (member (g, "most"), most) && member (g, "stated")->type == RESP_JSON_BOOL
         && member (g, "stated")->v.boolean == stated;
  test_report_in (__FILE__, caller, ok, "the grade");
  {
    const char *l = NULL, *m = NULL;
    gboolean s = FALSE, has = resp_verdict_get_grade (a->verdict, &l, &m, &s);

    test_report_in (__FILE__, caller,
                    least == NULL ? !has && l == NULL && m == NULL
                                  : has && g_str_equal (l, least) && g_str_equal (m, most) && s == stated,
                    "resp_verdict_get_grade");
  }
}
#define expect_grade(a, least, most, stated) expect_grade_at (__LINE__, (a), (least), (most), (stated))

/* derived_facts.reported_in_time: absent (want "absent"), or its value
 * ("true", "false", "null") and evidence */
static void
expect_derived_at (int caller, const Assessed *a, const char *value, const char *evidence)
{
  const RespJsonNode *d = a->root != NULL ? member (member (a->root, "derived_facts"), "reported_in_time") : NULL;
  gboolean ok;

  if (g_str_equal (value, "absent"))
    ok = d == NULL;
  else if (d == NULL)
    ok = FALSE;
  else
    {
      const RespJsonNode *v = member (d, "value");
      char *got = indexes (member (d, "evidence"));

      ok = string_or_null_is (member (d, "from"), "timeline") && g_str_equal (got, evidence)
           && (g_str_equal (value, "null") ? v->type == RESP_JSON_NULL
               : v->type == RESP_JSON_BOOL && v->v.boolean == g_str_equal (value, "true"));
      g_free (got);
    }
  test_report_in (__FILE__, caller, ok, "the derived reported_in_time");
}
#define expect_derived(a, value, evidence) expect_derived_at (__LINE__, (a), (value), (evidence))

static gboolean
has_warning (const Assessed *a, const char *code, const char *node)
{
  const RespJsonNode *ws = member (a->root, "warnings");

  for (guint i = 0; i < ws->v.children.n; i++)
    if (string_or_null_is (member (ws->v.children.items[i], "code"), code)
        && (node == NULL || string_or_null_is (member (ws->v.children.items[i], "node"), node)))
      return TRUE;
  return FALSE;
}

#define D "\"discovered_at\": \"2026-03-01T09:00:00+08:00\""
#define AT "\"occurred_at\": \"2026-03-01T08:00:00+08:00\""

/* A central organ (a government unit in the national region) reports to
 * its own 网信 body within 2 h of discovery (09:00 → 11:00; made 10:30);
 * the body passes it on to the national office within 1 h of its receipt
 * (10:30 → 11:30; made 11:00). The crime report is owed only if
 * suspected_crime, unknown here: unknown. The summary's deadline waits
 * for closed_at: unknown. reported_in_time rests on the one initial hop. */
static void
test_central_organ (void)
{
  static const Hop want[] = {
    { "u-min", "u-min-cyber", "initial", "2026-03-01T11:00:00+08:00", "in_time", "0" },
    { "u-min-cyber", "u-cac-nat", "initial", "2026-03-01T11:30:00+08:00", "in_time", "1" },
    { "u-min", "u-psb-nat", "initial", NULL, "unknown", "" },
    { "u-min", "u-min-cyber", "summary", NULL, "unknown", "" },
  };
  Assessed a = assess (AT ", " D ", \"systems\": [\"s-min\"], \"grade\": \"major\", \"reports\": ["
                       "{\"by\": \"u-min\", \"to\": \"u-min-cyber\", \"at\": \"2026-03-01T10:30:00+08:00\"},"
                       "{\"by\": \"u-min-cyber\", \"to\": \"u-cac-nat\", \"at\": \"2026-03-01T11:00:00+08:00\"}]");

  expect_grade (&a, "major", "major", TRUE);
  expect_hops (&a, want);
  expect_derived (&a, "true", "0");
  assessed_clear (&a);
}

/* A central organ without a body of its own reports to the national
 * office itself, which is not escalated to itself. */
static void
test_no_hop_to_itself (void)
{
  static const Hop want[] = {
    { "u-min2", "u-cac-nat", "initial", "2026-03-01T11:00:00+08:00", "in_time", "0" },
    { "u-min2", "u-psb-nat", "initial", NULL, "unknown", "" },
    { "u-min2", "u-cac-nat", "summary", NULL, "unknown", "" },
  };
  Assessed a = assess (AT ", " D ", \"systems\": [\"s-min2\"], \"grade\": \"major\", \"reports\": ["
                       "{\"by\": \"u-min2\", \"to\": \"u-cac-nat\", \"at\": \"2026-03-01T10:00:00+08:00\"}]");

  expect_hops (&a, want);
  assessed_clear (&a);
}

/* Any other operator: 4 h to the office of its provincial region, not
 * its city's (a report to the city's office is no report to the
 * province's: 漏报). 较大 owes no escalation: not_required. */
static void
test_other_operator (void)
{
  static const Hop want[] = {
    { "u-op2", "u-cac-prov", "initial", "2026-03-01T13:00:00+08:00", "missing", "" },
    { "u-cac-prov", "u-cac-nat", "initial", NULL, "not_required", "" },
    { "u-op2", "u-psb-city", "initial", NULL, "unknown", "" },
    { "u-op2", "u-cac-prov", "summary", NULL, "unknown", "" },
  };
  Assessed a = assess (AT ", " D ", \"systems\": [\"s-other\"], \"grade\": \"large\", \"reports\": ["
                       "{\"by\": \"u-op2\", \"to\": \"u-cac-city\", \"at\": \"2026-03-01T10:00:00+08:00\"}]");

  expect_hops (&a, want);
  expect_derived (&a, "false", "0");
  /* every recipient resolved: no warning names a reporter */
  CU_ASSERT_FALSE (has_warning (&a, "role_unresolved", "u-op2"));
  CU_ASSERT_FALSE (has_warning (&a, "role_unresolved", "u-cac-prov"));
  assessed_clear (&a);
}

/* A CII operator: 1 h to its protection department (made 09:30) and its
 * police (made 10:30: 迟报). 特别重大: the protection department passes it
 * on within 0.5 h of its receipt (09:30 → 10:00) to the national office
 * and the national police (neither made: 漏报); the police does not
 * escalate. suspected_crime: the crime report to the police is judged
 * only as made (report 1). Closed 03-02 09:00: summaries due 30 days
 * later, 04-01 09:00; the one to the department came a day late, none to
 * the police. The police and state security of the operator's region are
 * notified. */
static void
test_cii_operator (void)
{
  static const Hop want[] = {
    { "u-op", "u-prot", "initial", "2026-03-01T10:00:00+08:00", "in_time", "0" },
    { "u-op", "u-psb-city", "initial", "2026-03-01T10:00:00+08:00", "late", "1" },
    { "u-prot", "u-cac-nat", "initial", "2026-03-01T10:00:00+08:00", "missing", "" },
    { "u-prot", "u-psb-nat", "initial", "2026-03-01T10:00:00+08:00", "missing", "" },
    { "u-op", "u-psb-city", "initial", NULL, "in_time", "1" },
    { "u-op", "u-prot", "summary", "2026-04-01T09:00:00+08:00", "late", "2" },
    { "u-op", "u-psb-city", "summary", "2026-04-01T09:00:00+08:00", "missing", "" },
  };
  Assessed a = assess (AT ", " D ", \"closed_at\": \"2026-03-02T09:00:00+08:00\", \"systems\": [\"s-cii\"],"
                       " \"grade\": \"especially_major\", \"facts\": {\"suspected_crime\": true}, \"reports\": ["
                       "{\"by\": \"u-op\", \"to\": \"u-prot\", \"at\": \"2026-03-01T09:30:00+08:00\"},"
                       "{\"by\": \"u-op\", \"to\": \"u-psb-city\", \"at\": \"2026-03-01T10:30:00+08:00\"},"
                       "{\"by\": \"u-op\", \"to\": \"u-prot\", \"at\": \"2026-04-02T10:00:00+08:00\", \"kind\": \"summary\"}]");
  const RespJsonNode *notify = member (a.root, "notify");

  expect_hops (&a, want);
  expect_derived (&a, "false", "0 1");
  CU_ASSERT_EQUAL_FATAL (notify->v.children.n, 2);
  CU_ASSERT_STRING_EQUAL (notify->v.children.items[0]->v.string.str, "u-psb-city");
  CU_ASSERT_STRING_EQUAL (notify->v.children.items[1]->v.string.str, "u-ssb-city");
  {
    char **got = resp_verdict_dup_notify (a.verdict);
    CU_ASSERT_EQUAL (g_strv_length (got), 2);
    CU_ASSERT_STRING_EQUAL (got[0], "u-psb-city");
    g_strfreev (got);
  }
  assessed_clear (&a);
}

/* A grade left as a range (no fact fixes it) never creates a duty to
 * report: with `reports` present and empty, the initial hop is unknown,
 * not 漏报, and reported_in_time stays unknown; the escalation had no
 * receipt to start from. */
static void
test_unknown_grade_owes_nothing (void)
{
  static const Hop want[] = {
    { "u-op2", "u-cac-prov", "initial", "2026-03-01T13:00:00+08:00", "unknown", "" },
    { "u-cac-prov", "u-cac-nat", "initial", NULL, "not_required", "" },
    { "u-op2", "u-psb-city", "initial", NULL, "unknown", "" },
    { "u-op2", "u-cac-prov", "summary", NULL, "unknown", "" },
  };
  Assessed a = assess (AT ", " D ", \"systems\": [\"s-other\"], \"reports\": []");

  expect_grade (&a, "general", "especially_major", FALSE);
  expect_hops (&a, want);
  expect_derived (&a, "null", "0");
  CU_ASSERT_EQUAL (member (a.root, "liable")->v.children.n, 0);
  assessed_clear (&a);
}

/* The personal-information count fixes the grade: 1,000 万 is 重大, and
 * the especially-major alternatives are all stated below their
 * thresholds (a system that is no portal, no CII). Reported within 4 h,
 * the province's office escalates within 1 h of its receipt. */
static void
test_grade_from_facts (void)
{
  static const Hop want[] = {
    { "u-op2", "u-cac-prov", "initial", "2026-03-01T13:00:00+08:00", "in_time", "0" },
    { "u-cac-prov", "u-cac-nat", "initial", "2026-03-01T11:00:00+08:00", "late", "1" },
    { "u-op2", "u-psb-city", "initial", NULL, "not_required", "" },
    { "u-op2", "u-cac-prov", "summary", NULL, "unknown", "" },
  };
  Assessed a = assess (AT ", " D ", \"systems\": [\"s-other\"], \"facts\": {"
                       "\"leak_personal_info_records\": 10000000, \"direct_loss_yuan\": 0, \"outage_hours\": 0,"
                       " \"suspected_crime\": false}, \"reports\": ["
                       "{\"by\": \"u-op2\", \"to\": \"u-cac-prov\", \"at\": \"2026-03-01T10:00:00+08:00\"},"
                       "{\"by\": \"u-cac-prov\", \"to\": \"u-cac-nat\", \"at\": \"2026-03-01T11:30:00+08:00\"}]");

  expect_grade (&a, "major", "major", FALSE);
  expect_hops (&a, want);
  expect_derived (&a, "true", "0");
  assessed_clear (&a);
}

/* An unknown discovered_at never makes a report late: the deadline is
 * unknown, and a report made is unknown (one not made is still 漏报: it
 * was owed and is not there). `reports` absent: everything unknown. */
static void
test_unknown_discovery (void)
{
  /* the escalation is owed by no 较大 event, but its deadline is known */
  static const Hop made[] = {
    { "u-op2", "u-cac-prov", "initial", NULL, "unknown", "0" },
    { "u-cac-prov", "u-cac-nat", "initial", "2026-03-09T11:00:00+08:00", "not_required", "" },
    { "u-op2", "u-psb-city", "initial", NULL, "unknown", "" },
    { "u-op2", "u-cac-prov", "summary", NULL, "unknown", "" },
  };
  static const Hop none[] = {
    { "u-op2", "u-cac-prov", "initial", NULL, "missing", "" },
    { "u-cac-prov", "u-cac-nat", "initial", NULL, "not_required", "" },
    { "u-op2", "u-psb-city", "initial", NULL, "unknown", "" },
    { "u-op2", "u-cac-prov", "summary", NULL, "unknown", "" },
  };
  static const Hop absent[] = {
    { "u-op2", "u-cac-prov", "initial", "2026-03-01T13:00:00+08:00", "unknown", "" },
    { "u-cac-prov", "u-cac-nat", "initial", NULL, "not_required", "" },
    { "u-op2", "u-psb-city", "initial", NULL, "unknown", "" },
    { "u-op2", "u-cac-prov", "summary", NULL, "unknown", "" },
  };
  Assessed a = assess (AT ", \"systems\": [\"s-other\"], \"grade\": \"large\", \"reports\": ["
                       "{\"by\": \"u-op2\", \"to\": \"u-cac-prov\", \"at\": \"2026-03-09T10:00:00+08:00\"}]");

  expect_hops (&a, made);
  expect_derived (&a, "null", "0");
  assessed_clear (&a);
  a = assess (AT ", \"systems\": [\"s-other\"], \"grade\": \"large\", \"reports\": []");
  expect_hops (&a, none);
  expect_derived (&a, "false", "0");
  assessed_clear (&a);
  a = assess (AT ", " D ", \"systems\": [\"s-other\"], \"grade\": \"large\"");
  expect_hops (&a, absent);
  expect_derived (&a, "null", "0");
  assessed_clear (&a);
}

/* A stated reported_in_time wins and is not listed; one the timeline
 * contradicts is a warning. A report before the discovery is a warning. */
static void
test_stated_fact_and_warnings (void)
{
  Assessed a = assess (AT ", " D ", \"systems\": [\"s-other\"], \"grade\": \"large\","
                       " \"facts\": {\"reported_in_time\": true}, \"reports\": ["
                       "{\"by\": \"u-op2\", \"to\": \"u-cac-prov\", \"at\": \"2026-03-01T08:30:00+08:00\"},"
                       "{\"by\": \"u-op2\", \"to\": \"u-cac-city\", \"at\": \"2026-03-01T09:30:00+08:00\"}]");

  /* the report at 08:30 is before 09:00 but still at or before the
   * deadline: in time, so no conflict */
  expect_derived (&a, "absent", "");
  CU_ASSERT (has_warning (&a, "report_before_discovery", "u-op2"));
  CU_ASSERT_FALSE (has_warning (&a, "fact_conflicts_derived", NULL));
  assessed_clear (&a);

  a = assess (AT ", " D ", \"systems\": [\"s-other\"], \"grade\": \"large\","
              " \"facts\": {\"reported_in_time\": true}, \"reports\": []");
  expect_derived (&a, "absent", "");
  CU_ASSERT (has_warning (&a, "fact_conflicts_derived", NULL));
  assessed_clear (&a);
}

/* Before 2025-11-01 the measures are not in force: no grade, no hops; a
 * stated grade is a warning. */
static void
test_before_the_measures (void)
{
  Assessed a = assess ("\"occurred_at\": \"2025-10-31T23:59:00+08:00\", \"systems\": [\"s-other\"],"
                       " \"grade\": \"major\", \"reports\": []");

  expect_grade (&a, NULL, NULL, FALSE);
  CU_ASSERT_EQUAL (member (a.root, "reporting")->v.children.n, 0);
  CU_ASSERT (has_warning (&a, "grade_not_in_force", NULL));
  expect_derived (&a, "absent", "");
  assessed_clear (&a);

  a = assess ("\"occurred_at\": \"2025-10-31T23:59:00+08:00\", \"systems\": [\"s-other\"]");
  expect_grade (&a, NULL, NULL, FALSE);
  CU_ASSERT_FALSE (has_warning (&a, "grade_not_in_force", NULL));
  assessed_clear (&a);
}

/* The modifiers of the 2025 measures: aggravated for 迟报/漏报 (derived
 * false) with major_harm, not for serious_consequence; lenient for
 * reasonable_measures with reported_in_time, one entry with both bases
 * when Art. 18 applies too. art8.7 (other_serious) triggers. */
static void
test_modifiers (void)
{
  Assessed a = assess (AT ", " D ", \"systems\": [\"s-other\"], \"grade\": \"large\","
                       " \"facts\": {\"other_serious\": true, \"major_harm\": true, \"serious_consequence\": false,"
                       " \"remedied\": false, \"cooperated\": false, \"reasonable_measures\": false}, \"reports\": []");
  const RespJsonNode *mods = member (a.root, "modifiers");

  CU_ASSERT_EQUAL_FATAL (mods->v.children.n, 1);
  CU_ASSERT (string_or_null_is (member (mods->v.children.items[0], "kind"), "aggravated"));
  assessed_clear (&a);

  a = assess (AT ", " D ", \"systems\": [\"s-other\"], \"grade\": \"large\","
              " \"facts\": {\"other_serious\": true, \"major_harm\": false, \"serious_consequence\": true,"
              " \"concealed\": true, \"remedied\": true, \"reasonable_measures\": true}, \"reports\": ["
              "{\"by\": \"u-op2\", \"to\": \"u-cac-prov\", \"at\": \"2026-03-01T10:00:00+08:00\"}]");
  mods = member (a.root, "modifiers");
  CU_ASSERT_EQUAL_FATAL (mods->v.children.n, 1);
  CU_ASSERT (string_or_null_is (member (mods->v.children.items[0], "kind"), "lenient"));
  CU_ASSERT_EQUAL (member (mods->v.children.items[0], "basis")->v.children.n, 2);
  assessed_clear (&a);
}

/* An operator is one reporter: the CII system's operator, named also as a
 * unit subject (which alone would make it "any other"), reports as a CII
 * operator only, to its protection department and its police. */
static void
test_one_reporter_one_class (void)
{
  static const Hop want[] = {
    { "u-op", "u-prot", "initial", "2026-03-01T10:00:00+08:00", "in_time", "0" },
    { "u-op", "u-psb-city", "initial", "2026-03-01T10:00:00+08:00", "missing", "" },
    { "u-prot", "u-cac-nat", "initial", "2026-03-01T10:00:00+08:00", "missing", "" },
    { "u-prot", "u-psb-nat", "initial", "2026-03-01T10:00:00+08:00", "missing", "" },
    { "u-op", "u-psb-city", "initial", NULL, "unknown", "" },
    { "u-op", "u-prot", "summary", NULL, "unknown", "" },
    { "u-op", "u-psb-city", "summary", NULL, "unknown", "" },
  };
  Assessed a = assess (AT ", " D ", \"systems\": [\"s-cii\"], \"units\": [\"u-op\"], \"grade\": \"major\","
                       " \"reports\": [{\"by\": \"u-op\", \"to\": \"u-prot\", \"at\": \"2026-03-01T09:30:00+08:00\"}]");

  expect_hops (&a, want);
  assessed_clear (&a);
}

/* Two operators of one system report to the same provincial office; only
 * one did: the office owes the escalation from that receipt (10:00 + 1 h),
 * however the other operator's missing report reaches it. */
static void
test_two_operators_one_recipient (void)
{
  static const Hop want[] = {
    { "u-op2", "u-cac-prov", "initial", "2026-03-01T13:00:00+08:00", "in_time", "0" },
    { "u-op3", "u-cac-prov", "initial", "2026-03-01T13:00:00+08:00", "missing", "" },
    { "u-cac-prov", "u-cac-nat", "initial", "2026-03-01T11:00:00+08:00", "late", "1" },
    { "u-op2", "u-psb-city", "initial", NULL, "unknown", "" },
    { "u-op3", "u-psb-city", "initial", NULL, "unknown", "" },
    { "u-op2", "u-cac-prov", "summary", NULL, "unknown", "" },
    { "u-op3", "u-cac-prov", "summary", NULL, "unknown", "" },
  };
  Assessed a = assess (AT ", " D ", \"systems\": [\"s-two\"], \"grade\": \"major\", \"reports\": ["
                       "{\"by\": \"u-op2\", \"to\": \"u-cac-prov\", \"at\": \"2026-03-01T10:00:00+08:00\"},"
                       "{\"by\": \"u-cac-prov\", \"to\": \"u-cac-nat\", \"at\": \"2026-03-01T11:30:00+08:00\"}]");

  expect_hops (&a, want);
  expect_derived (&a, "false", "0 1");
  assessed_clear (&a);
}

/* A province's layer changes the limit for other operators to 6 h and
 * adds the operator's own (the city's) office as a recipient, in data
 * alone; its `reporting` replaces the default's, so it owes nothing else. */
static void
test_a_province_layer (void)
{
  static const char layer[] =
    "{\"format\": \"libresp/rulebook/1\", \"id\": \"province\", \"extends\": \"cn-party-cyber-2017\","
    " \"reporting\": {\"since\": \"2025-11-01\", \"cite\": [\"reporting Art. 4\"], \"required_from\": \"large\","
    " \"initial\": [{\"id\": \"other\", \"to\": [{\"role\": \"coordinator\", \"region_level\": \"provincial\"},"
    " {\"role\": \"coordinator\"}], \"within_hours\": 6}]}}";
  static const Hop want[] = {
    { "u-op2", "u-cac-city", "initial", "2026-03-01T15:00:00+08:00", "in_time", "0" },
    { "u-op2", "u-cac-prov", "initial", "2026-03-01T15:00:00+08:00", "late", "1" },
  };
  GError *error = NULL;
  RespRulebook *province = resp_rulebook_new_from_data (layer, -1, "province.json", NULL, &error);
  RespVerdict *v;
  Assessed a = { NULL, NULL, NULL };
  char *text;

  g_assert_no_error (error);
  if (model == NULL)
    model = model_load (timeline_model);
  v = test_assess_one_in (__FILE__, __LINE__, model, province,
                          "{\"format\": \"libresp/event/1\", \"id\": \"t\", " AT ", " D ","
                          " \"systems\": [\"s-other\"], \"grade\": \"large\", \"reports\": ["
                          "{\"by\": \"u-op2\", \"to\": \"u-cac-city\", \"at\": \"2026-03-01T14:00:00+08:00\"},"
                          "{\"by\": \"u-op2\", \"to\": \"u-cac-prov\", \"at\": \"2026-03-01T16:00:00+08:00\"}]}");
  CU_ASSERT_PTR_NOT_NULL_FATAL (v);
  text = resp_verdict_render (v, RESP_FORMAT_JSON);
  a.tree = test_parse_json (text);
  a.root = resp_json_tree_get_root (a.tree);
  a.verdict = v;
  expect_hops (&a, want);
  expect_derived (&a, "false", "0 1");
  assessed_clear (&a);
  g_free (text);
  resp_rulebook_unref (province);
}

static int
suite_clean (void)
{
  g_clear_pointer (&model, resp_model_unref);
  g_clear_pointer (&rulebook, resp_rulebook_unref);
  return 0;
}

static CU_TestInfo tests[] = {
  { "a central organ: 2 h to its own body, escalated from receipt", test_central_organ },
  { "no hop from a unit to itself", test_no_hop_to_itself },
  { "any other operator: 4 h to the provincial office", test_other_operator },
  { "a CII operator: 1 h to two recipients, crime, summary, notify", test_cii_operator },
  { "an unknown grade owes nothing", test_unknown_grade_owes_nothing },
  { "the grade from the personal-information count", test_grade_from_facts },
  { "an unknown discovered_at makes nothing late", test_unknown_discovery },
  { "a stated fact wins; warnings", test_stated_fact_and_warnings },
  { "before 2025-11-01", test_before_the_measures },
  { "the modifiers of the reporting measures", test_modifiers },
  { "a province changes a limit and adds a recipient", test_a_province_layer },
  { "an operator is one reporter with one class", test_one_reporter_one_class },
  { "two operators, one recipient: the escalation from the receipt", test_two_operators_one_recipient },
  CU_TEST_INFO_NULL,
};

int
main (void)
{
  return test_main_suite ("timeline", NULL, suite_clean, tests);
}
