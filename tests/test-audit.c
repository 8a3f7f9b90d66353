/* test-audit.c: completeness of the responsibility system (SPEC §7, `resp audit` in §5)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-builder.h"
#include "resp-json-reader-private.h"
#include "resp-resolver-private.h"

#include <stdio.h>
#include <string.h>

/* ---- Helpers ---- */

static char *
describe (RespAudit *audit, guint i)
{
  char *from = resp_instant_format (resp_audit_get_finding_from (audit, i));
  char *until = resp_instant_format (resp_audit_get_finding_until (audit, i));
  char *s = g_strdup_printf ("%s %s %s [%s, %s)",
                             resp_audit_code_to_string (resp_audit_get_finding_code (audit, i)),
                             resp_audit_get_finding_node (audit, i),
                             resp_audit_get_finding_role (audit, i),
                             from != NULL ? from : "-inf", until != NULL ? until : "+inf");
  g_free (from);
  g_free (until);
  return s;
}

static void
dump (RespAudit *audit)
{
  for (guint i = 0; i < resp_audit_get_n_findings (audit); i++)
    {
      char *d = describe (audit, i);
      fprintf (stderr, "    %s\n", d);
      g_free (d);
    }
}

/* How many findings are about node (and role, unless NULL). */
static guint
count_for (RespAudit  *audit,
           const char *node,
           const char *role)
{
  guint n = 0;

  for (guint i = 0; i < resp_audit_get_n_findings (audit); i++)
    if (strcmp (resp_audit_get_finding_node (audit, i), node) == 0
        && (role == NULL || strcmp (resp_audit_get_finding_role (audit, i), role) == 0))
      n++;
  return n;
}

/* Whether exactly this finding is present. */
static gboolean
has_finding (RespAudit     *audit,
             RespAuditCode  code,
             const char    *node,
             const char    *role,
             const char    *from,
             const char    *until)
{
  gint64 f = test_instant_or_open (from), u = test_instant_or_open (until);

  for (guint i = 0; i < resp_audit_get_n_findings (audit); i++)
    if (resp_audit_get_finding_code (audit, i) == code
        && strcmp (resp_audit_get_finding_node (audit, i), node) == 0
        && strcmp (resp_audit_get_finding_role (audit, i), role) == 0
        && resp_audit_get_finding_from (audit, i) == f
        && resp_audit_get_finding_until (audit, i) == u)
      return TRUE;
  return FALSE;
}

static void
expect_finding_at (int            caller,
                   RespAudit     *audit,
                   RespAuditCode  code,
                   const char    *node,
                   const char    *role,
                   const char    *from,
                   const char    *until)
{
  gboolean ok = has_finding (audit, code, node, role, from, until);
  char *what = g_strdup_printf ("finding %s %s %s [%s, %s)", resp_audit_code_to_string (code),
                                node, role, from, until);

  if (!ok)
    {
      fprintf (stderr, "line %d: missing %s; the audit has:\n", caller, what);
      dump (audit);
    }
  test_report_at (caller, ok, what);
  g_free (what);
}

/* node has exactly n findings (for role, unless NULL) */
static void
expect_count_at (int         caller,
                 RespAudit  *audit,
                 const char *node,
                 const char *role,
                 guint       n)
{
  guint got = count_for (audit, node, role);
  char *what = g_strdup_printf ("%u finding(s) for %s %s, got %u", n, node,
                                role != NULL ? role : "(any role)", got);

  if (got != n)
    {
      fprintf (stderr, "line %d: expected %s; the audit has:\n", caller, what);
      dump (audit);
    }
  test_report_at (caller, got == n, what);
  g_free (what);
}
#define expect_count(audit, node, role, n) \
  expect_count_at (__LINE__, (audit), (node), (role), (n))

/* No finding may have this code for this node. */
static void
expect_no_code_at (int            caller,
                   RespAudit     *audit,
                   RespAuditCode  code,
                   const char    *node)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < resp_audit_get_n_findings (audit); i++)
    if (resp_audit_get_finding_code (audit, i) == code
        && (node == NULL || strcmp (resp_audit_get_finding_node (audit, i), node) == 0))
      {
        char *d = describe (audit, i);
        fprintf (stderr, "line %d: unexpected finding %s\n", caller, d);
        g_free (d);
        ok = FALSE;
      }
  test_report_at (caller, ok, "no finding of that code");
}
#define expect_no_code(audit, code, node) \
  expect_no_code_at (__LINE__, (audit), (code), (node))

/* The audit rendered as JSON (`resp audit --format json`) agrees with its
 * accessors */
static RespJsonNode *
member (RespJsonNode *object, const char *key)
{
  return object != NULL && object->type == RESP_JSON_OBJECT
         ? resp_json_node_get_member (object, key) : NULL;
}

/* An end of a finding's interval in JSON: null where it is open, else the
 * instant t as resp_instant_format() prints it */
static void
check_json_end (RespJsonNode *end,
                gint64        t,
                gint64        open)
{
  if (t == open)
    {
      CU_ASSERT_EQUAL (end->type, RESP_JSON_NULL);
    }
  else
    {
      char *s = resp_instant_format (t);

      CU_ASSERT_TRUE (end->type == RESP_JSON_STRING && strcmp (end->v.string.str, s) == 0);
      g_free (s);
    }
}

static void
check_json (RespAudit *a, const char *expected_at)
{
  char *json = resp_audit_render (a, RESP_FORMAT_JSON);
  RespJsonTree *tree;
  RespJsonNode *root, *at, *findings;

  CU_ASSERT_PTR_NOT_NULL_FATAL (json);
  tree = test_parse_json (json);
  CU_ASSERT_PTR_NOT_NULL_FATAL (tree);
  root = resp_json_tree_get_root (tree);
  at = member (root, "at");
  findings = member (root, "findings");
  CU_ASSERT_PTR_NOT_NULL_FATAL (at);
  CU_ASSERT_PTR_NOT_NULL_FATAL (findings);
  if (expected_at == NULL)
    {
      CU_ASSERT_EQUAL (at->type, RESP_JSON_NULL);
    }
  else
    {
      CU_ASSERT_EQUAL_FATAL (at->type, RESP_JSON_STRING);
      CU_ASSERT_STRING_EQUAL (at->v.string.str, expected_at);
    }
  CU_ASSERT_EQUAL_FATAL (findings->type, RESP_JSON_ARRAY);
  CU_ASSERT_EQUAL (findings->v.children.n, resp_audit_get_n_findings (a));
  for (guint i = 0; i < findings->v.children.n && i < resp_audit_get_n_findings (a); i++)
    {
      RespJsonNode *f = findings->v.children.items[i];
      RespJsonNode *code = member (f, "code"), *node = member (f, "node");
      RespJsonNode *role = member (f, "role"), *basis = member (f, "basis");
      RespJsonNode *from = member (f, "from"), *until = member (f, "until");

      CU_ASSERT_EQUAL (f->v.children.n, 6);
      CU_ASSERT_TRUE_FATAL (code != NULL && node != NULL && role != NULL && basis != NULL
                            && from != NULL && until != NULL);
      CU_ASSERT_STRING_EQUAL (code->v.string.str,
                              resp_audit_code_to_string (resp_audit_get_finding_code (a, i)));
      CU_ASSERT_STRING_EQUAL (node->v.string.str, resp_audit_get_finding_node (a, i));
      CU_ASSERT_STRING_EQUAL (role->v.string.str, resp_audit_get_finding_role (a, i));
      CU_ASSERT_STRING_EQUAL (basis->v.string.str, resp_audit_get_finding_basis (a, i));
      check_json_end (from, resp_audit_get_finding_from (a, i), RESP_INSTANT_OPEN_START);
      check_json_end (until, resp_audit_get_finding_until (a, i), RESP_INSTANT_OPEN_END);
    }
  resp_json_tree_free (tree);
  g_free (json);
}

/* ---- Expectations ---- */

/* One row of what a test expects of a model's audits. An AT row audits
 * the model at an instant (or, from WHOLE, over the whole timeline) and
 * checks that the audit says so; the rows after it are about that audit. */
typedef enum {
  EXPECT_AT,
  EXPECT_FINDING,     /* exactly this finding is present */
  EXPECT_COUNT,       /* node has n findings (for role, unless NULL) */
  EXPECT_NO_CODE,     /* no finding of code (for node, unless NULL) */
  EXPECT_TOTAL,       /* n findings in all */
  EXPECT_STARTS,      /* each finding has a basis and a non-empty interval
                       * starting no earlier than from */
  EXPECT_JSON,        /* check_json(), with from as the expected "at" */
} ExpectKind;

typedef struct {
  int            line;
  ExpectKind     kind;
  RespAuditCode  code;
  const char    *node;
  const char    *role;
  const char    *from;    /* FINDING: the interval; AT, STARTS and JSON: the instant */
  const char    *until;
  guint          n;
} Expect;

#define AT(instant) { __LINE__, EXPECT_AT, 0, NULL, NULL, (instant), NULL, 0 }
#define WHOLE AT (NULL)
#define FINDING(code, node, role, from, until) \
  { __LINE__, EXPECT_FINDING, (code), (node), (role), (from), (until), 0 }
#define COUNT(node, role, n) { __LINE__, EXPECT_COUNT, 0, (node), (role), NULL, NULL, (n) }
#define NO_CODE(code, node) { __LINE__, EXPECT_NO_CODE, (code), (node), NULL, NULL, NULL, 0 }
#define TOTAL(n) { __LINE__, EXPECT_TOTAL, 0, NULL, NULL, NULL, NULL, (n) }
#define STARTS(instant) { __LINE__, EXPECT_STARTS, 0, NULL, NULL, (instant), NULL, 0 }
#define JSON(at) { __LINE__, EXPECT_JSON, 0, NULL, NULL, (at), NULL, 0 }

/* Audits m as the AT rows of expects say and checks the other rows */
static void
check_audits_in (RespModel    *m,
                 const Expect *expects,
                 guint         n_expects)
{
  RespAudit *a = NULL;

  for (guint i = 0; i < n_expects; i++)
    {
      const Expect *e = &expects[i];
      gint64 at = 0;

      switch (e->kind)
        {
        case EXPECT_AT:
          g_clear_pointer (&a, resp_audit_unref);
          a = e->from == NULL ? resp_model_audit (m) : resp_model_audit_at (m, test_instant (e->from));
          CU_ASSERT_PTR_NOT_NULL_FATAL (a);
          test_report_at (e->line, resp_audit_get_at (a, &at) == (e->from != NULL),
                          "the audit is at an instant, or over the whole timeline");
          if (e->from != NULL)
            test_report_at (e->line, at == test_instant (e->from), "the audit's instant");
          break;
        case EXPECT_FINDING:
          expect_finding_at (e->line, a, e->code, e->node, e->role, e->from, e->until);
          break;
        case EXPECT_COUNT:
          expect_count_at (e->line, a, e->node, e->role, e->n);
          break;
        case EXPECT_NO_CODE:
          expect_no_code_at (e->line, a, e->code, e->node);
          break;
        case EXPECT_TOTAL:
          test_report_at (e->line, resp_audit_get_n_findings (a) == e->n, "the number of findings");
          break;
        case EXPECT_STARTS:
          for (guint k = 0; k < resp_audit_get_n_findings (a); k++)
            {
              test_report_at (e->line, resp_audit_get_finding_basis (a, k) != NULL,
                              "the finding has a basis");
              test_report_at (e->line, resp_audit_get_finding_from (a, k)
                                       < resp_audit_get_finding_until (a, k),
                              "the finding's interval is not empty");
              test_report_at (e->line, resp_audit_get_finding_from (a, k) >= test_instant (e->from),
                              "the finding starts no earlier than the records");
            }
          break;
        case EXPECT_JSON:
        default:
          check_json (a, e->from);
          break;
        }
    }
  g_clear_pointer (&a, resp_audit_unref);
}
#define check_audits(m, expects) check_audits_in ((m), (expects), G_N_ELEMENTS (expects))

/* The same for a model of items (test-builder.h) */
static void
check_model_in (const char * const *items,
                const Expect       *expects,
                guint               n_expects)
{
  RespModel *m = model_load (items);

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  check_audits_in (m, expects, n_expects);
  resp_model_unref (m);
}
#define check_model(items, expects) check_model_in ((items), (expects), G_N_ELEMENTS (expects))

/* ---- The model ---- */

/* The earliest dated instant is 2019-01-01 (p-k-cyber's and p-u-main's
 * seats), so the whole-timeline audit starts there. */
static const char * const audit_model[] = {
  REGION ("r-a", "prefectural"),
  REGION ("r-b", "county"),
  REGION ("r-c", "county"),
  COMMITTEE ("k-a"),
  COMMITTEE ("k-u"),
  SECTOR ("sec-ok"),
  SECTOR ("sec-low"),
  SECTOR ("sec-z"),
  UNIT ("u-cac"),
  UNIT ("u-x"),
  UNIT ("u-y"),
  UNIT ("u-b-op"),
  UNIT ("u-reg"),
  UNIT ("u-reg-low"),
  UNIT ("u-lost"),
  UNIT ("u-c"),
  SYSTEM ("s-ok"),
  SYSTEM ("s-none"),
  SYSTEM ("s-nolead"),
  SYSTEM ("s-nosec"),
  SYSTEM ("s-low"),
  SYSTEM ("s-late"),
  SYSTEM ("s-up"),
  PERSON ("p1"),
  PERSON ("p2"),
  PERSON ("p-k-cyber"),
  PERSON ("p-u-main"),
  PERSON ("p4"),
  PERSON ("p5"),
  PERSON ("p-sl"),
  PERSON ("p-cac"),

  REL ("within", "r-b", "r-a"),
  REL ("leads", "k-a", "r-a"),
  REL ("leads", "k-u", "u-x"),
  SEAT_DURING ("p1", "k-a", "main_leader", "2020-01-01", "2021-01-01"),
  SEAT_DURING ("p2", "k-a", "main_leader", "2021-03-01", "2022-01-01"),
  SEAT_SINCE ("p-k-cyber", "k-a", "cyber_lead", "2019-01-01"),
  SEAT_SINCE ("p-u-main", "k-u", "main_leader", "2019-01-01"),
  REL ("located_in", "u-cac", "r-a"),
  REL ("coordinates", "u-cac", "r-a"),
  REL ("heads", "p-cac", "u-cac"),
  REL ("located_in", "u-x", "r-a"),
  REL ("located_in", "u-y", "r-a"),
  REL ("located_in", "u-b-op", "r-b"),
  REL ("located_in", "u-reg", "r-a"),
  REL ("located_in", "u-reg-low", "r-b"),
  REL ("located_in", "u-c", "r-c"),
  REL_DURING ("heads", "p4", "u-x", "2019-06-01", "2020-06-01"),
  REL_DURING ("heads", "p5", "u-x", "2020-09-01", "2023-01-01"),
  REL ("regulates", "u-reg", "sec-ok"),
  REL ("regulates", "u-reg-low", "sec-low"),
  REL ("operates", "u-x", "s-ok"),
  REL ("operates", "u-y", "s-nolead"),
  REL ("operates", "u-x", "s-nosec"),
  REL ("operates", "u-x", "s-low"),
  REL_SINCE ("operates", "u-x", "s-late", "2021-01-01"),
  REL ("operates", "u-b-op", "s-up"),
  REL ("in_sector", "s-ok", "sec-ok"),
  REL ("in_sector", "s-nolead", "sec-ok"),
  REL ("in_sector", "s-nosec", "sec-z"),
  REL ("in_sector", "s-low", "sec-low"),
  REL ("in_sector", "s-late", "sec-ok"),
  REL ("in_sector", "s-up", "sec-ok"),
  REL ("security_lead", "p-sl", "s-ok"),
  REL ("security_lead", "p-sl", "s-nosec"),
  REL ("security_lead", "p-sl", "s-low"),
  REL ("security_lead", "p-sl", "s-late"),
  REL ("security_lead", "p-sl", "s-up"),
  NULL
};

/* ---- Tests ---- */

static void
test_committee_main_leader (void)
{
  static const Expect expects[] = {
    WHOLE,
    /* before the first holder: from the start of the records */
    FINDING (RESP_AUDIT_COMMITTEE_WITHOUT_MAIN_LEADER, "k-a", "main_leader",
             "2019-01-01", "2020-01-01"),
    /* the gap between p1 and p2 */
    FINDING (RESP_AUDIT_POST_VACANT, "k-a", "main_leader", "2021-01-01", "2021-03-01"),
    /* after the last holder: open-ended */
    FINDING (RESP_AUDIT_COMMITTEE_WITHOUT_MAIN_LEADER, "k-a", "main_leader", "2022-01-01", "+inf"),
    COUNT ("k-a", "main_leader", 3),
    /* the cyber lead has been there since the records began */
    COUNT ("k-a", "cyber_lead", 0),
    /* k-u: a main leader always, a cyber lead never */
    COUNT ("k-u", "main_leader", 0),
    FINDING (RESP_AUDIT_COMMITTEE_WITHOUT_CYBER_LEAD, "k-u", "cyber_lead", "2019-01-01", "+inf"),
    COUNT ("k-u", NULL, 1),
    /* the timeline starts at the model's earliest dated instant */
    STARTS ("2019-01-01"),
  };

  check_model (audit_model, expects);
}

static void
test_unit_head_vacant (void)
{
  static const Expect expects[] = {
    WHOLE,
    /* the gap between p4 and p5; nothing before p4 or after p5 */
    FINDING (RESP_AUDIT_POST_VACANT, "u-x", "unit_head", "2020-06-01", "2020-09-01"),
    COUNT ("u-x", "unit_head", 1),
    COUNT ("u-x", NULL, 1),
    /* a unit that never had a head has no head post to leave vacant */
    COUNT ("u-y", NULL, 0),
  };

  check_model (audit_model, expects);
}

static void
test_regions (void)
{
  static const Expect expects[] = {
    WHOLE,
    COUNT ("r-a", NULL, 0),
    FINDING (RESP_AUDIT_REGION_WITHOUT_COMMITTEE, "r-b", "committee", "2019-01-01", "+inf"),
    FINDING (RESP_AUDIT_REGION_WITHOUT_COORDINATOR, "r-b", "coordinator", "2019-01-01", "+inf"),
    COUNT ("r-b", NULL, 2),
    FINDING (RESP_AUDIT_REGION_WITHOUT_COMMITTEE, "r-c", "committee", "2019-01-01", "+inf"),
    FINDING (RESP_AUDIT_REGION_WITHOUT_COORDINATOR, "r-c", "coordinator", "2019-01-01", "+inf"),
    COUNT ("r-c", NULL, 2),
  };

  check_model (audit_model, expects);
}

static void
test_units_without_committee (void)
{
  static const Expect expects[] = {
    WHOLE,
    /* no region, no superior, no committee */
    FINDING (RESP_AUDIT_UNIT_WITHOUT_COMMITTEE, "u-lost", "committee", "2019-01-01", "+inf"),
    /* in a region with no committee at any level */
    FINDING (RESP_AUDIT_UNIT_WITHOUT_COMMITTEE, "u-c", "committee", "2019-01-01", "+inf"),
    /* r-b has no committee, but r-a above it has */
    COUNT ("u-b-op", NULL, 0),
    COUNT ("u-reg-low", NULL, 0),
    NO_CODE (RESP_AUDIT_UNIT_WITHOUT_COMMITTEE, "u-x"),
    NO_CODE (RESP_AUDIT_UNIT_WITHOUT_COMMITTEE, "u-cac"),
  };

  check_model (audit_model, expects);
}

static void
test_systems (void)
{
  static const Expect expects[] = {
    WHOLE,
    COUNT ("s-ok", NULL, 0),
    FINDING (RESP_AUDIT_SYSTEM_WITHOUT_OPERATOR, "s-none", "operator", "2019-01-01", "+inf"),
    /* operated only from 2021 */
    FINDING (RESP_AUDIT_SYSTEM_WITHOUT_OPERATOR, "s-late", "operator", "2019-01-01", "2021-01-01"),
    COUNT ("s-late", NULL, 1),
    /* neither its own security lead nor the operator's */
    FINDING (RESP_AUDIT_SYSTEM_WITHOUT_SECURITY_LEAD, "s-nolead", "security_lead",
             "2019-01-01", "+inf"),
    COUNT ("s-nolead", NULL, 1),
    /* a sector nobody regulates */
    FINDING (RESP_AUDIT_SECTOR_WITHOUT_REGULATOR, "s-nosec", "regulator", "2019-01-01", "+inf"),
    COUNT ("s-nosec", NULL, 1),
    /* regulated only in a region below the operator's: not up the chain */
    FINDING (RESP_AUDIT_SECTOR_WITHOUT_REGULATOR, "s-low", "regulator", "2019-01-01", "+inf"),
    COUNT ("s-low", NULL, 1),
    /* the regulator is one level up: found */
    COUNT ("s-up", NULL, 0),
  };

  check_model (audit_model, expects);
}

/* resp_model_audit_at: only what is missing at the instant, each with the
 * whole interval around it */
static void
test_audit_at (void)
{
  static const Expect expects[] = {
    AT ("2021-02-01"),
    FINDING (RESP_AUDIT_POST_VACANT, "k-a", "main_leader", "2021-01-01", "2021-03-01"),
    COUNT ("k-a", NULL, 1),
    COUNT ("u-x", NULL, 0),
    COUNT ("s-late", NULL, 0),
    FINDING (RESP_AUDIT_REGION_WITHOUT_COMMITTEE, "r-b", "committee", "2019-01-01", "+inf"),
    FINDING (RESP_AUDIT_SYSTEM_WITHOUT_OPERATOR, "s-none", "operator", "2019-01-01", "+inf"),
    FINDING (RESP_AUDIT_COMMITTEE_WITHOUT_CYBER_LEAD, "k-u", "cyber_lead", "2019-01-01", "+inf"),

    AT ("2020-07-01"),
    FINDING (RESP_AUDIT_POST_VACANT, "u-x", "unit_head", "2020-06-01", "2020-09-01"),
    COUNT ("k-a", NULL, 0),
    FINDING (RESP_AUDIT_SYSTEM_WITHOUT_OPERATOR, "s-late", "operator", "2019-01-01", "2021-01-01"),

    /* interval edges: at `until` of the gap the post is filled again */
    AT ("2020-09-01"),
    COUNT ("u-x", NULL, 0),
    AT ("2020-06-01"),
    FINDING (RESP_AUDIT_POST_VACANT, "u-x", "unit_head", "2020-06-01", "2020-09-01"),

    AT ("2019-03-01"),
    FINDING (RESP_AUDIT_COMMITTEE_WITHOUT_MAIN_LEADER, "k-a", "main_leader",
             "2019-01-01", "2020-01-01"),
    COUNT ("k-a", NULL, 1),
    /* before u-x's first head there is no post to be vacant */
    COUNT ("u-x", NULL, 0),

    AT ("2025-01-01"),
    FINDING (RESP_AUDIT_COMMITTEE_WITHOUT_MAIN_LEADER, "k-a", "main_leader", "2022-01-01", "+inf"),
    COUNT ("k-a", NULL, 1),
    /* after u-x's last head: not a gap between two holders */
    COUNT ("u-x", NULL, 0),
  };

  check_model (audit_model, expects);
}

/* audit_at agrees with the whole-timeline audit at every instant */
static void
test_audit_at_consistent (void)
{
  static const char * const instants[] = {
    "2019-01-01", "2019-06-01", "2019-12-31T23:59:59+08:00", "2020-01-01", "2020-06-01",
    "2020-08-15T12:00:00Z", "2021-01-01", "2021-02-28", "2021-03-01", "2022-01-01",
    "2023-01-01", "2030-01-01",
  };
  RespModel *m = model_load (audit_model);
  RespAudit *whole;

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  whole = resp_model_audit (m);
  CU_ASSERT_PTR_NOT_NULL_FATAL (whole);
  for (guint k = 0; k < G_N_ELEMENTS (instants); k++)
    {
      gint64 t = test_instant (instants[k]);
      RespAudit *a = resp_model_audit_at (m, t);
      guint expected = 0;

      CU_ASSERT_PTR_NOT_NULL_FATAL (a);
      /* each finding at t is a finding of the whole timeline containing t */
      for (guint i = 0; i < resp_audit_get_n_findings (a); i++)
        {
          gboolean found = FALSE;

          CU_ASSERT (resp_audit_get_finding_from (a, i) <= t);
          CU_ASSERT (t < resp_audit_get_finding_until (a, i));
          for (guint j = 0; j < resp_audit_get_n_findings (whole); j++)
            if (resp_audit_get_finding_code (a, i) == resp_audit_get_finding_code (whole, j)
                && strcmp (resp_audit_get_finding_node (a, i),
                           resp_audit_get_finding_node (whole, j)) == 0
                && strcmp (resp_audit_get_finding_role (a, i),
                           resp_audit_get_finding_role (whole, j)) == 0
                && resp_audit_get_finding_from (a, i) == resp_audit_get_finding_from (whole, j)
                && resp_audit_get_finding_until (a, i) == resp_audit_get_finding_until (whole, j))
              found = TRUE;
          if (!found)
            {
              char *d = describe (a, i);
              fprintf (stderr, "at %s: %s is not in the whole-timeline audit\n", instants[k], d);
              g_free (d);
            }
          CU_ASSERT_TRUE (found);
        }
      /* and each finding of the whole timeline containing t is found at t */
      for (guint j = 0; j < resp_audit_get_n_findings (whole); j++)
        if (resp_audit_get_finding_from (whole, j) <= t && t < resp_audit_get_finding_until (whole, j))
          expected++;
      CU_ASSERT_EQUAL (resp_audit_get_n_findings (a), expected);
      resp_audit_unref (a);
    }
  resp_audit_unref (whole);
  resp_model_unref (m);
}

/* An instant before the records begin: nobody has held the posts yet, so
 * nothing is a gap between two holders (SPEC §7: "posts whose holder
 * changes with a gap"), and each finding carries the whole interval around
 * the instant (SPEC §5), which does not start at the instant itself since
 * nothing changes there. */
static void
test_audit_at_before_records (void)
{
  RespModel *m = model_load (audit_model);
  RespAudit *a, *b;
  gint64 t = test_instant ("2018-01-01");
  gboolean around = TRUE, same = TRUE;

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  a = resp_model_audit_at (m, t);
  CU_ASSERT_PTR_NOT_NULL_FATAL (a);
  expect_no_code (a, RESP_AUDIT_POST_VACANT, NULL);
  expect_count (a, "k-a", "main_leader", 1);
  expect_count (a, "k-a", "cyber_lead", 1);
  /* u-x has not had a head yet: no post to be vacant */
  expect_count (a, "u-x", NULL, 0);
  for (guint i = 0; i < resp_audit_get_n_findings (a); i++)
    {
      const char *node = resp_audit_get_finding_node (a, i);
      const char *role = resp_audit_get_finding_role (a, i);

      if (!(resp_audit_get_finding_from (a, i) < t && t < resp_audit_get_finding_until (a, i)))
        {
          char *d = describe (a, i);
          fprintf (stderr, "at 2018-01-01: %s does not extend before the instant\n", d);
          g_free (d);
          around = FALSE;
        }
      if (strcmp (node, "k-a") == 0 && strcmp (role, "main_leader") == 0)
        {
          CU_ASSERT_EQUAL (resp_audit_get_finding_code (a, i),
                           RESP_AUDIT_COMMITTEE_WITHOUT_MAIN_LEADER);
          CU_ASSERT_EQUAL (resp_audit_get_finding_until (a, i), test_instant ("2020-01-01"));
        }
      if (strcmp (node, "k-a") == 0 && strcmp (role, "cyber_lead") == 0)
        {
          CU_ASSERT_EQUAL (resp_audit_get_finding_code (a, i),
                           RESP_AUDIT_COMMITTEE_WITHOUT_CYBER_LEAD);
          CU_ASSERT_EQUAL (resp_audit_get_finding_until (a, i), test_instant ("2019-01-01"));
        }
    }
  CU_ASSERT_TRUE (around);

  /* nothing changes between 2017 and 2018: the same findings, the same
   * intervals */
  b = resp_model_audit_at (m, test_instant ("2017-01-01"));
  CU_ASSERT_PTR_NOT_NULL_FATAL (b);
  CU_ASSERT_EQUAL (resp_audit_get_n_findings (b), resp_audit_get_n_findings (a));
  for (guint i = 0; i < resp_audit_get_n_findings (a) && i < resp_audit_get_n_findings (b); i++)
    if (resp_audit_get_finding_code (a, i) != resp_audit_get_finding_code (b, i)
        || strcmp (resp_audit_get_finding_node (a, i), resp_audit_get_finding_node (b, i)) != 0
        || resp_audit_get_finding_from (a, i) != resp_audit_get_finding_from (b, i)
        || resp_audit_get_finding_until (a, i) != resp_audit_get_finding_until (b, i))
      {
        char *da = describe (a, i), *db = describe (b, i);
        fprintf (stderr, "at 2018-01-01: %s\nat 2017-01-01: %s\n", da, db);
        g_free (da);
        g_free (db);
        same = FALSE;
      }
  CU_ASSERT_TRUE (same);
  resp_audit_unref (b);
  resp_audit_unref (a);
  resp_model_unref (m);
}

/* Tenures that overlap, adjoin or leave a day between them: the post is
 * missing exactly where no tenure is in force (the audit merges the
 * tenures' intervals; a relation that ends where the next begins leaves no
 * gap). The earliest dated instant is 2019-01-01 (q1's seat). */
static const char * const tenures_model[] = {
  REGION ("r-t", "county"),
  COMMITTEE ("k-t"),
  COMMITTEE ("k-t2"),
  COMMITTEE ("k-t3"),
  UNIT ("u-t"),
  UNIT ("u-c1"),
  UNIT ("u-c2"),
  PERSON ("q1"),
  PERSON ("q2"),
  PERSON ("q3"),
  PERSON ("q4"),
  PERSON ("q5"),
  PERSON ("q6"),
  REL ("located_in", "u-t", "r-t"),
  REL ("located_in", "u-c1", "r-t"),
  REL ("located_in", "u-c2", "r-t"),
  /* the region's leading committee: two that adjoin, a gap, a third */
  REL_DURING ("leads", "k-t", "r-t", "2020-01-01", "2021-01-01"),
  REL_DURING ("leads", "k-t2", "r-t", "2021-01-01", "2022-01-01"),
  REL_SINCE ("leads", "k-t3", "r-t", "2022-06-01"),
  /* main leaders: q1 and q2 adjoin, a day's gap, q3, then none */
  SEAT_DURING ("q1", "k-t", "main_leader", "2019-01-01", "2019-06-01"),
  SEAT_DURING ("q2", "k-t", "main_leader", "2019-06-01", "2020-01-01"),
  SEAT_DURING ("q3", "k-t", "main_leader", "2020-01-02", "2020-03-01"),
  /* cyber leads overlapping, q5 first and q6 to the end */
  SEAT_DURING ("q4", "k-t", "cyber_lead", "2019-03-01", "2019-12-01"),
  SEAT_DURING ("q5", "k-t", "cyber_lead", "2019-02-01", "2019-04-01"),
  SEAT_SINCE ("q6", "k-t", "cyber_lead", "2019-11-30"),
  /* coordinators overlapping, then none */
  REL_DURING ("coordinates", "u-c1", "r-t", "2019-05-01", "2019-08-01"),
  REL_DURING ("coordinates", "u-c2", "r-t", "2019-07-01", "2019-09-01"),
  /* heads: two adjoining, two months vacant, one to the end */
  REL_DURING ("heads", "q1", "u-t", "2019-03-01", "2019-04-01"),
  REL_DURING ("heads", "q2", "u-t", "2019-04-01", "2019-05-01"),
  REL_SINCE ("heads", "q4", "u-t", "2019-07-01"),
  NULL
};

static void
test_tenures (void)
{
  static const Expect expects[] = {
    WHOLE,
    FINDING (RESP_AUDIT_POST_VACANT, "k-t", "main_leader", "2020-01-01", "2020-01-02"),
    FINDING (RESP_AUDIT_COMMITTEE_WITHOUT_MAIN_LEADER, "k-t", "main_leader", "2020-03-01", "+inf"),
    COUNT ("k-t", "main_leader", 2),
    FINDING (RESP_AUDIT_COMMITTEE_WITHOUT_CYBER_LEAD, "k-t", "cyber_lead", "2019-01-01", "2019-02-01"),
    COUNT ("k-t", "cyber_lead", 1),
    FINDING (RESP_AUDIT_REGION_WITHOUT_COMMITTEE, "r-t", "committee", "2019-01-01", "2020-01-01"),
    FINDING (RESP_AUDIT_REGION_WITHOUT_COMMITTEE, "r-t", "committee", "2022-01-01", "2022-06-01"),
    COUNT ("r-t", "committee", 2),
    FINDING (RESP_AUDIT_REGION_WITHOUT_COORDINATOR, "r-t", "coordinator", "2019-01-01", "2019-05-01"),
    FINDING (RESP_AUDIT_REGION_WITHOUT_COORDINATOR, "r-t", "coordinator", "2019-09-01", "+inf"),
    COUNT ("r-t", "coordinator", 2),
    FINDING (RESP_AUDIT_POST_VACANT, "u-t", "unit_head", "2019-05-01", "2019-07-01"),
    COUNT ("u-t", "unit_head", 1),
    JSON (NULL),

    AT ("2019-05-15"),
    FINDING (RESP_AUDIT_POST_VACANT, "u-t", "unit_head", "2019-05-01", "2019-07-01"),
    FINDING (RESP_AUDIT_REGION_WITHOUT_COMMITTEE, "r-t", "committee", "2019-01-01", "2020-01-01"),
    COUNT ("k-t", NULL, 0),
    COUNT ("r-t", "coordinator", 0),

    /* the day between q2 and q3: a vacancy, not a committee that never had one */
    AT ("2020-01-01T12:00:00+08:00"),
    FINDING (RESP_AUDIT_POST_VACANT, "k-t", "main_leader", "2020-01-01", "2020-01-02"),
    COUNT ("k-t", NULL, 1),
    COUNT ("r-t", "committee", 0),

    /* before the records begin: one state, open towards the past */
    AT ("2018-06-01"),
    FINDING (RESP_AUDIT_COMMITTEE_WITHOUT_MAIN_LEADER, "k-t", "main_leader", "-inf", "2019-01-01"),
    FINDING (RESP_AUDIT_COMMITTEE_WITHOUT_CYBER_LEAD, "k-t", "cyber_lead", "-inf", "2019-02-01"),
    FINDING (RESP_AUDIT_REGION_WITHOUT_COMMITTEE, "r-t", "committee", "-inf", "2020-01-01"),
    FINDING (RESP_AUDIT_REGION_WITHOUT_COORDINATOR, "r-t", "coordinator", "-inf", "2019-05-01"),
    COUNT ("u-t", "unit_head", 0),
    NO_CODE (RESP_AUDIT_POST_VACANT, NULL),
  };

  check_model (tenures_model, expects);
}

/* A model without dates is one timeless state: open intervals */
static const char * const timeless_model[] = {
  REGION ("r-a", "prefectural"),
  COMMITTEE ("k-a"),
  PERSON ("p1"),
  UNIT ("u-cac"),
  REL ("leads", "k-a", "r-a"),
  REL ("located_in", "u-cac", "r-a"),
  REL ("coordinates", "u-cac", "r-a"),
  SEAT ("p1", "k-a", "cyber_lead"),
  NULL
};

static void
test_timeless (void)
{
  static const Expect expects[] = {
    WHOLE,
    FINDING (RESP_AUDIT_COMMITTEE_WITHOUT_MAIN_LEADER, "k-a", "main_leader", "-inf", "+inf"),
    TOTAL (1),
    AT ("2026-03-05"),
    FINDING (RESP_AUDIT_COMMITTEE_WITHOUT_MAIN_LEADER, "k-a", "main_leader", "-inf", "+inf"),
    TOTAL (1),
  };

  check_model (timeless_model, expects);
}

/* The relations with no audit code (SPEC §7 is a fixed list): organs of a
 * region, a cadre office, a protection department that come and go, with
 * a gap, change no finding and split none. s-x lacks a security lead and a
 * regulator the whole time. */
static const char * const organs_model[] = {
  REGION ("r-a", "prefectural"),
  COMMITTEE ("k-a"),
  PERSON ("p-main"),
  PERSON ("p-cyber"),
  UNIT ("u-cac"),
  UNIT ("u-op"),
  UNIT ("u-psb1"),
  UNIT ("u-psb2"),
  UNIT ("u-audit"),
  UNIT ("u-org"),
  UNIT ("u-prot"),
  SYSTEM ("s-x"),
  SECTOR ("sec"),
  REL ("leads", "k-a", "r-a"),
  SEAT_SINCE ("p-main", "k-a", "main_leader", "2019-01-01"),
  SEAT_SINCE ("p-cyber", "k-a", "cyber_lead", "2019-01-01"),
  REL ("located_in", "u-cac", "r-a"),
  REL ("coordinates", "u-cac", "r-a"),
  REL ("located_in", "u-op", "r-a"),
  REL ("located_in", "u-psb1", "r-a"),
  REL ("located_in", "u-psb2", "r-a"),
  REL ("located_in", "u-audit", "r-a"),
  REL ("located_in", "u-org", "r-a"),
  REL ("located_in", "u-prot", "r-a"),
  REL ("operates", "u-op", "s-x"),
  REL ("in_sector", "s-x", "sec"),
  REL_UNTIL ("public_security", "u-psb1", "r-a", "2022-01-01"),
  REL_SINCE ("public_security", "u-psb2", "r-a", "2023-01-01"),
  REL_SINCE ("audits", "u-audit", "r-a", "2021-06-01"),
  REL_SINCE ("cadre_office", "u-org", "k-a", "2020-01-01"),
  REL_DURING ("protects", "u-prot", "s-x", "2021-03-01", "2024-01-01"),
  NULL
};

static void
test_organs_change_nothing (void)
{
  static const Expect expects[] = {
    WHOLE,
    FINDING (RESP_AUDIT_SYSTEM_WITHOUT_SECURITY_LEAD, "s-x", "security_lead", "2019-01-01", "+inf"),
    FINDING (RESP_AUDIT_SECTOR_WITHOUT_REGULATOR, "s-x", "regulator", "2019-01-01", "+inf"),
    TOTAL (2),
    /* in the public security bureau's gap, with a protection department */
    AT ("2022-06-01"),
    FINDING (RESP_AUDIT_SYSTEM_WITHOUT_SECURITY_LEAD, "s-x", "security_lead", "2019-01-01", "+inf"),
    FINDING (RESP_AUDIT_SECTOR_WITHOUT_REGULATOR, "s-x", "regulator", "2019-01-01", "+inf"),
    TOTAL (2),
  };

  check_model (organs_model, expects);
}

static void
test_render_json (void)
{
  RespModel *m = model_load (audit_model);
  RespAudit *a;
  char *json;

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  a = resp_model_audit (m);
  CU_ASSERT_PTR_NOT_NULL_FATAL (a);
  check_json (a, NULL);
  json = resp_audit_render (a, RESP_FORMAT_JSON);
  CU_ASSERT_TRUE (strstr (json, "\"at\": null") != NULL || strstr (json, "\"at\":null") != NULL);
  test_contains (json, "\"post_vacant\"", "\"2021-01-01T00:00:00+08:00\"");
  g_free (json);
  json = resp_audit_render (a, RESP_FORMAT_TEXT);
  CU_ASSERT_TRUE (json != NULL && json[0] != '\0');
  g_free (json);
  resp_audit_unref (a);

  a = resp_model_audit_at (m, test_instant ("2021-02-01T12:00:00Z"));
  CU_ASSERT_PTR_NOT_NULL_FATAL (a);
  check_json (a, "2021-02-01T20:00:00+08:00");
  resp_audit_unref (a);

  /* the codes of SPEC §5 */
  CU_ASSERT_STRING_EQUAL (resp_audit_code_to_string (RESP_AUDIT_COMMITTEE_WITHOUT_MAIN_LEADER),
                          "committee_without_main_leader");
  CU_ASSERT_STRING_EQUAL (resp_audit_code_to_string (RESP_AUDIT_COMMITTEE_WITHOUT_CYBER_LEAD),
                          "committee_without_cyber_lead");
  CU_ASSERT_STRING_EQUAL (resp_audit_code_to_string (RESP_AUDIT_REGION_WITHOUT_COMMITTEE),
                          "region_without_committee");
  CU_ASSERT_STRING_EQUAL (resp_audit_code_to_string (RESP_AUDIT_REGION_WITHOUT_COORDINATOR),
                          "region_without_coordinator");
  CU_ASSERT_STRING_EQUAL (resp_audit_code_to_string (RESP_AUDIT_UNIT_WITHOUT_COMMITTEE),
                          "unit_without_committee");
  CU_ASSERT_STRING_EQUAL (resp_audit_code_to_string (RESP_AUDIT_SYSTEM_WITHOUT_OPERATOR),
                          "system_without_operator");
  CU_ASSERT_STRING_EQUAL (resp_audit_code_to_string (RESP_AUDIT_SYSTEM_WITHOUT_SECURITY_LEAD),
                          "system_without_security_lead");
  CU_ASSERT_STRING_EQUAL (resp_audit_code_to_string (RESP_AUDIT_SECTOR_WITHOUT_REGULATOR),
                          "sector_without_regulator");
  CU_ASSERT_STRING_EQUAL (resp_audit_code_to_string (RESP_AUDIT_POST_VACANT), "post_vacant");

  /* a timeless model renders open ends as null */
  resp_model_unref (m);
  m = model_load (timeless_model);
  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  a = resp_model_audit (m);
  CU_ASSERT_PTR_NOT_NULL_FATAL (a);
  check_json (a, NULL);
  resp_audit_unref (a);
  resp_model_unref (m);
}

/* city.json: the data-centre head gap */
static void
test_city (void)
{
  static const Expect expects[] = {
    WHOLE,
    FINDING (RESP_AUDIT_POST_VACANT, "u-data-center", "unit_head", "2025-10-31", "2025-11-24"),
    COUNT ("u-data-center", "unit_head", 1),
    /* the city secretary changed on 2025-06-30 without a gap; before the
     * first recorded secretary (2021-09-01) it is not a vacancy */
    NO_CODE (RESP_AUDIT_POST_VACANT, "k-city"),
    FINDING (RESP_AUDIT_COMMITTEE_WITHOUT_MAIN_LEADER, "k-city", "main_leader",
             "2019-01-01", "2021-09-01"),
    COUNT ("k-city", "main_leader", 1),
    /* the county has no coordinator of its own */
    FINDING (RESP_AUDIT_REGION_WITHOUT_COORDINATOR, "r-county", "coordinator",
             "2019-01-01", "+inf"),
    /* s-app's sector has no regulator at any level (Art. 4 fallback) */
    FINDING (RESP_AUDIT_SECTOR_WITHOUT_REGULATOR, "s-app", "regulator", "2019-01-01", "+inf"),
    /* s-scada's regulator is at the province: found */
    NO_CODE (RESP_AUDIT_SECTOR_WITHOUT_REGULATOR, "s-scada"),
    JSON (NULL),

    AT ("2025-11-10T09:00:00+08:00"),
    FINDING (RESP_AUDIT_POST_VACANT, "u-data-center", "unit_head", "2025-10-31", "2025-11-24"),
    JSON ("2025-11-10T09:00:00+08:00"),

    AT ("2026-03-05T08:10:00+08:00"),
    COUNT ("u-data-center", "unit_head", 0),
    NO_CODE (RESP_AUDIT_POST_VACANT, "u-data-center"),
  };
  RespModel *m = test_load_city ();

  check_audits (m, expects);
  resp_model_unref (m);
}

/* Preconditions */
static void
audit_null (void)
{
  resp_model_audit (NULL);
}

static void
audit_at_null (void)
{
  resp_model_audit_at (NULL, 0);
}

static void
render_null (void)
{
  resp_audit_render (NULL, RESP_FORMAT_JSON);
}

/* static, so that the child that exits on the critical still reaches it */
static RespAudit *volatile misused_audit;

static void
render_as_dot (void)
{
  RespModel *m = resp_model_new_from_data ("{\"format\": \"libresp/model/1\"}", -1, NULL, NULL, NULL);

  misused_audit = resp_model_audit (m);
  /* an audit has no picture: refused, not written as text */
  g_assert_null (resp_audit_render (misused_audit, RESP_FORMAT_DOT));
}

static void
test_preconditions (void)
{
  static const TestMisuse misuses[] = {
    { audit_null, "resp_model_audit: assertion 'model != NULL' failed" },
    { audit_at_null, "resp_model_audit_at: assertion 'model != NULL' failed" },
    { render_null, "resp_audit_render: assertion 'self != NULL' failed" },
    { render_as_dot, "resp_audit_render: an audit cannot be rendered as dot" },
  };

  test_misuses (misuses);
}

/* The audit remembers each walk up a chain of superiors for the units
 * below (resp_chain_memo_*): on a chain of 60 whose superiors, leading
 * groups and regions change over time, every unit asked at instants on and
 * around every change, in an order that goes up and down the chain, gets
 * from the memo the committee and the window of validity the walk gives. */
static void
test_chain_memo (void)
{
  static const char *const days[] = { "2021-03-01", "2022-06-15", "2023-01-01", "2024-07-01",
                                      "2025-01-01", "2025-06-01" };
  GString *json = g_string_new ("{\"format\": \"libresp/model/1\", \"nodes\": [\n"
                                " {\"id\": \"r\", \"type\": \"region\", \"name\": \"R\", \"level\": \"prefectural\"},\n"
                                " {\"id\": \"k\", \"type\": \"committee\", \"name\": \"K\", \"form\": \"party_committee\"}");
  RespChainMemo memo;
  RespResolver with, without;
  RespModel *m;
  guint compared = 0;

  for (int i = 0; i < 60; i++)
    {
      g_string_append_printf (json, ",\n {\"id\": \"u%d\", \"type\": \"unit\", \"name\": \"U%d\"}", i, i);
      if (i % 10 == 5)
        g_string_append_printf (json, ",\n {\"id\": \"g%d\", \"type\": \"committee\", \"name\": \"G%d\", "
                                "\"form\": \"party_group\"}", i, i);
    }
  g_string_append (json, "],\n \"relations\": [\n"
                   " {\"rel\": \"leads\", \"from\": \"k\", \"to\": \"r\", \"since\": \"2023-01-01\"},\n"
                   " {\"rel\": \"located_in\", \"from\": \"u0\", \"to\": \"r\", \"until\": \"2025-06-01\"},\n"
                   " {\"rel\": \"located_in\", \"from\": \"u30\", \"to\": \"r\", \"since\": \"2021-03-01\"}");
  for (int i = 1; i < 60; i++)
    {
      if (i % 7 == 3 && i >= 3)
        g_string_append_printf (json, ",\n {\"rel\": \"under\", \"from\": \"u%d\", \"to\": \"u%d\", \"until\": \"2024-07-01\"},\n"
                                " {\"rel\": \"under\", \"from\": \"u%d\", \"to\": \"u%d\", \"since\": \"2024-07-01\"}",
                                i, i - 1, i, i - 3);
      else if (i % 11 != 0)
        g_string_append_printf (json, ",\n {\"rel\": \"under\", \"from\": \"u%d\", \"to\": \"u%d\"}", i, i - 1);
      if (i % 10 == 5)
        g_string_append_printf (json, ",\n {\"rel\": \"leads\", \"from\": \"g%d\", \"to\": \"u%d\", "
                                "\"since\": \"2022-06-15\", \"until\": \"2025-01-01\"}", i, i);
    }
  g_string_append (json, "]}\n");
  m = resp_model_new_from_data (json->str, -1, "chain.json", NULL, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (m);

  resp_resolver_init (&with, m);
  resp_resolver_init (&without, m);
  resp_chain_memo_init (&memo, m);
  with.memo = &memo;
  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    for (gint64 off = -1; off <= 1; off++)
      for (int step = 0; step < 60; step++)
        {
          /* down the chain, then up it, then every seventh */
          int i = d % 3 == 0 ? 59 - step : d % 3 == 1 ? step : (step * 7) % 60;
          char id[8];
          guint32 u, a, b;
          gint64 t = test_instant (days[d]) + off;

          g_snprintf (id, sizeof id, "u%d", i);
          u = resp_model_find_node (m, id);
          resp_resolver_reset (&with, t);
          resp_resolver_reset (&without, t);
          a = resp_resolver_committee_of (&with, u, NULL);
          b = resp_resolver_committee_of (&without, u, NULL);
          if (a != b || with.lo != without.lo || with.hi != without.hi)
            fprintf (stderr, "\n  %s at %s%+" G_GINT64_FORMAT ": memo %u [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                     "), walk %u [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")\n", id, days[d], off,
                     a, with.lo, with.hi, b, without.lo, without.hi);
          CU_ASSERT_EQUAL (a, b);
          CU_ASSERT_EQUAL (with.lo, without.lo);
          CU_ASSERT_EQUAL (with.hi, without.hi);
          compared++;
        }
  /* and the memo was used: fewer answers than questions times levels */
  CU_ASSERT_EQUAL (compared, G_N_ELEMENTS (days) * 3 * 60);
  CU_ASSERT (memo.answers.len < compared * 10);
  resp_chain_memo_clear (&memo);
  resp_resolver_clear (&with);
  resp_resolver_clear (&without);
  resp_model_unref (m);
  g_string_free (json, TRUE);
}

static CU_TestInfo tests[] = {
  { "committee without main leader", test_committee_main_leader },
  { "unit head vacant", test_unit_head_vacant },
  { "regions", test_regions },
  { "units without committee", test_units_without_committee },
  { "systems", test_systems },
  { "audit at an instant", test_audit_at },
  { "audit at agrees with the timeline", test_audit_at_consistent },
  { "audit at before the records", test_audit_at_before_records },
  { "tenures that overlap, adjoin or leave a gap", test_tenures },
  { "timeless model", test_timeless },
  { "organs, cadre offices and protection departments change no finding", test_organs_change_nothing },
  { "JSON rendering", test_render_json },
  { "city.json", test_city },
  { "the chain memo answers as the walk does", test_chain_memo },
  { "preconditions", test_preconditions },
  CU_TEST_INFO_NULL,
};

int
main (void)
{
  return test_main_suite ("audit", NULL, NULL, tests);
}
