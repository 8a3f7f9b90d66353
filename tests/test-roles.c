/* test-roles.c: role resolution at an instant (SPEC §4.3, `resp who` in §5)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-builder.h"

#include <stdio.h>
#include <string.h>

/* ---- Expectations as tables ----
 *
 * Most tests resolve a node at an instant and check what comes out: the
 * holders of roles, the path to a holder, warnings, the window of
 * validity. A Resolution says that for one node and instant, and
 * expect_roles() checks a table of them against a model. */

typedef enum {
  CHECK_END,           /* the end of a resolution's checks */
  CHECK_HOLDERS,       /* role's holders are expected */
  CHECK_PATH,          /* the first path to holder as role is expected */
  CHECK_NO_PATH,       /* holder has no path as role */
  CHECK_WARNS,         /* a role_unresolved warning names role for the node */
  CHECK_NO_WARNING,    /* none does */
  CHECK_NO_WARNINGS,   /* no warning at all */
  CHECK_OTHERS_EMPTY,  /* every role no CHECK_HOLDERS names has nobody */
  CHECK_VALID,         /* the answer holds from holder until expected */
} CheckKind;

typedef struct {
  CheckKind   kind;
  RespRole    role;
  const char *holder;
  const char *expected;
} RoleCheck;

#define HOLDERS(role, expected)      { CHECK_HOLDERS, RESP_ROLE_##role, NULL, (expected) }
#define PATH(role, holder, expected) { CHECK_PATH, RESP_ROLE_##role, (holder), (expected) }
#define NO_PATH(role, holder)        { CHECK_NO_PATH, RESP_ROLE_##role, (holder), NULL }
#define WARNS(role)                  { CHECK_WARNS, RESP_ROLE_##role, NULL, NULL }
#define NO_WARNING(role)             { CHECK_NO_WARNING, RESP_ROLE_##role, NULL, NULL }
#define NO_WARNINGS                  { CHECK_NO_WARNINGS, RESP_ROLE_OPERATOR, NULL, NULL }
#define OTHERS_EMPTY                 { CHECK_OTHERS_EMPTY, RESP_ROLE_OPERATOR, NULL, NULL }
/* from and until are instants, or "-inf" and "+inf" for an open end */
#define VALID(from, until)           { CHECK_VALID, RESP_ROLE_OPERATOR, (from), (until) }

typedef struct {
  const char *node;
  const char *at;
  RoleCheck   checks[20];   /* up to CHECK_END: at most 19 */
} Resolution;

static void
report (int caller, const Resolution *res, gboolean ok, const char *claim)
{
  char *what = g_strdup_printf ("%s at %s: %s", res->node, res->at, claim);

  if (!ok)
    fprintf (stderr, "%s:%d: %s does not hold\n", __FILE__, caller, what);
  test_report_at (caller, ok, what);
  g_free (what);
}

/* Every role the checks of res do not name as CHECK_HOLDERS has nobody */
static void
others_empty (int caller, const Resolution *res, RespRoles *r)
{
  for (guint role = 0; role < RESP_N_ROLES; role++)
    {
      gboolean named = FALSE;

      for (const RoleCheck *c = res->checks; c->kind != CHECK_END; c++)
        named |= c->kind == CHECK_HOLDERS && c->role == role;
      if (!named)
        test_holders_in (__FILE__, caller, r, (RespRole) role, "");
    }
}

static void
check (int caller, const Resolution *res, RespRoles *r, const RoleCheck *c)
{
  switch (c->kind)
    {
    case CHECK_HOLDERS:
      test_holders_in (__FILE__, caller, r, c->role, c->expected);
      break;
    case CHECK_PATH:
      test_path_in (__FILE__, caller, r, c->role, c->holder, 0, c->expected);
      break;
    case CHECK_NO_PATH:
      {
        char **path = resp_roles_dup_path (r, c->role, c->holder, 0);

        report (caller, res, resp_roles_get_n_paths (r, c->role, c->holder) == 0 && path == NULL,
                "no path");
        g_strfreev (path);
      }
      break;
    case CHECK_WARNS:
      report (caller, res, test_role_warned (r, c->role, res->node), "a warning");
      break;
    case CHECK_NO_WARNING:
      report (caller, res, !test_role_warned (r, c->role, res->node), "no warning");
      break;
    case CHECK_NO_WARNINGS:
      report (caller, res, resp_roles_get_n_warnings (r) == 0, "no warnings");
      break;
    case CHECK_OTHERS_EMPTY:
      others_empty (caller, res, r);
      break;
    case CHECK_VALID:
    default:
      report (caller, res, resp_roles_get_valid_from (r) == test_instant_or_open (c->holder),
              "valid from");
      report (caller, res, resp_roles_get_valid_until (r) == test_instant_or_open (c->expected),
              "valid until");
      break;
    }
}

static void
expect_roles_at (int               caller,
                 RespModel        *model,
                 const Resolution *table,
                 guint             n)
{
  for (guint i = 0; i < n; i++)
    {
      RespRoles *r = test_resolve_in (__FILE__, caller, model, table[i].node, table[i].at);

      if (r == NULL)
        continue;
      for (const RoleCheck *c = table[i].checks; c->kind != CHECK_END; c++)
        check (caller, &table[i], r, c);
      resp_roles_unref (r);
    }
}
#define expect_roles(model, table) \
  expect_roles_at (__LINE__, (model), (table), G_N_ELEMENTS (table))

/* The same against a model written inline */
static void
expect_roles_of_at (int                 caller,
                    const char * const *items,
                    const Resolution   *table,
                    guint               n)
{
  RespModel *m = model_load_in (__FILE__, caller, items);

  if (m == NULL)
    return;
  expect_roles_at (caller, m, table, n);
  resp_model_unref (m);
}
#define expect_roles_of(items, table) \
  expect_roles_of_at (__LINE__, (items), (table), G_N_ELEMENTS (table))

/* ---- (a) the independent oracle on city.json ---- */

static int
cmp_str (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The holders list as the oracle writes it: sorted, space-separated */
static char *
sorted_list (RespJsonNode *list)
{
  GPtrArray *want = g_ptr_array_new ();
  char *s;

  for (guint i = 0; i < list->v.children.n; i++)
    g_ptr_array_add (want, (gpointer) list->v.children.items[i]->v.string.str);
  g_ptr_array_sort (want, cmp_str);
  g_ptr_array_add (want, NULL);
  s = g_strjoinv (" ", (char **) want->pdata);
  g_ptr_array_free (want, TRUE);
  return s;
}

static void
test_city_oracle (void)
{
  RespJsonTree *tree = test_read_json ("tests/data/city-expected-who.json");
  RespJsonNode *root, *queries;
  guint n_checked = 0;

  CU_ASSERT_PTR_NOT_NULL_FATAL (tree);
  root = resp_json_tree_get_root (tree);
  CU_ASSERT_EQUAL_FATAL (root->type, RESP_JSON_OBJECT);
  queries = resp_json_node_get_member (root, "queries");
  CU_ASSERT_PTR_NOT_NULL_FATAL (queries);
  CU_ASSERT_EQUAL_FATAL (queries->type, RESP_JSON_ARRAY);
  CU_ASSERT_EQUAL (queries->v.children.n, 15);

  for (guint q = 0; q < queries->v.children.n; q++)
    {
      RespJsonNode *query = queries->v.children.items[q];
      RespJsonNode *node = resp_json_node_get_member (query, "node");
      RespJsonNode *at = resp_json_node_get_member (query, "at");
      RespJsonNode *expected = resp_json_node_get_member (query, "roles");
      gboolean seen[RESP_N_ROLES] = { FALSE };
      RespRoles *roles;

      CU_ASSERT_PTR_NOT_NULL_FATAL (node);
      CU_ASSERT_PTR_NOT_NULL_FATAL (at);
      CU_ASSERT_PTR_NOT_NULL_FATAL (expected);
      CU_ASSERT_EQUAL_FATAL (expected->type, RESP_JSON_OBJECT);
      roles = test_resolve (test_city_model, node->v.string.str, at->v.string.str);
      if (roles == NULL)
        continue;
      CU_ASSERT_STRING_EQUAL (resp_roles_get_node (roles), node->v.string.str);
      CU_ASSERT_EQUAL (resp_roles_get_at (roles), test_instant (at->v.string.str));
      CU_ASSERT_PTR_EQUAL (resp_roles_get_model (roles), test_city_model);

      for (guint k = 0; k < expected->v.children.n; k++)
        {
          RespJsonNode *list = expected->v.children.items[k];
          RespRole role;
          char *want;

          CU_ASSERT_TRUE_FATAL (resp_role_from_string (list->key, &role));
          CU_ASSERT_EQUAL_FATAL (list->type, RESP_JSON_ARRAY);
          seen[role] = TRUE;
          want = sorted_list (list);
          test_holders (roles, role, want);
          n_checked++;
          g_free (want);
        }
      /* the oracle lists every role but `involved` */
      for (guint r = 0; r < RESP_N_ROLES; r++)
        CU_ASSERT_EQUAL (seen[r], r != RESP_ROLE_INVOLVED);
      /* nobody is ever involved without an event */
      test_holders (roles, RESP_ROLE_INVOLVED, "");
      resp_roles_unref (roles);
    }
  CU_ASSERT_EQUAL (n_checked, 15 * (RESP_N_ROLES - 1));

  resp_json_tree_free (tree);
}

/* The warnings that go with the oracle's empty roles */
static void
test_city_gap_warning (void)
{
  static const Resolution gap[] = {
    /* the gap is the interval of validity */
    { "s-portal", "2025-11-10T09:00:00+08:00", {
        HOLDERS (UNIT_HEAD, ""),
        WARNS (UNIT_HEAD),
        VALID ("2025-10-31", "2025-11-24") } },
    /* SPEC §5: the path from the subject outwards */
    { "s-portal", "2026-03-05T08:10:00+08:00", {
        NO_WARNING (UNIT_HEAD),
        PATH (FIRST_RESPONSIBLE, "p-li",
              "s-portal u-data-center u-gov-office k-gov-office p-li"),
        /* the regulator is reached through the sector, the coordinator
         * through the operator and its region (taken from its superior) */
        PATH (REGULATOR, "u-city-data", "s-portal sec-egov u-city-data"),
        PATH (COORDINATOR, "u-city-cac", "s-portal u-data-center u-gov-office r-city u-city-cac"),
        PATH (COORDINATOR_HEAD, "p-ma",
              "s-portal u-data-center u-gov-office r-city u-city-cac p-ma") } },
  };

  expect_roles (test_city_model, gap);
}

/* ---- (b) targeted models ---- */

/* Committee, security-lead, region and coordinator fallbacks, authority. */
static const char * const fallback_model[] = {
  REGION ("r-prov", "provincial"),
  REGION ("r-city", "prefectural"),
  REGION ("r-county", "county"),
  COMMITTEE ("k-prov"),
  COMMITTEE ("k-city"),
  GROUP ("k-dept"),
  COMMITTEE ("k-sub"),
  COMMITTEE ("k-deep"),
  COMMITTEE ("k-solo"),
  COMMITTEE ("k-top"),
  UNIT ("u-dept"),
  UNIT ("u-sub"),
  UNIT ("u-sub2"),
  UNIT ("u-mid"),
  UNIT ("u-deep"),
  UNIT ("u-solo"),
  UNIT ("u-top"),
  UNIT ("u-op-city"),
  UNIT ("u-op-county"),
  UNIT ("u-cac-city"),
  UNIT ("u-cac-prov"),
  UNIT ("u-lost"),
  SYSTEM ("s-sub"),
  SYSTEM ("s-sub2"),
  SYSTEM ("s-deep"),
  SYSTEM ("s-solo"),
  SYSTEM ("s-city"),
  SYSTEM ("s-county"),
  SYSTEM ("s-two"),
  SYSTEM ("s-orphan"),
  PERSON ("p-prov-main"),
  PERSON ("p-prov-cyber"),
  PERSON ("p-city-main"),
  PERSON ("p-city-cyber"),
  PERSON ("p-city-m1"),
  PERSON ("p-city-m2"),
  PERSON ("p-dept-main"),
  PERSON ("p-dept-cyber"),
  PERSON ("p-dept-m"),
  PERSON ("p-sub-main"),
  PERSON ("p-deep-main"),
  PERSON ("p-solo-main"),
  PERSON ("p-head-sub"),
  PERSON ("p-head-city"),
  PERSON ("p-head-county"),
  PERSON ("p-sl-sys"),
  PERSON ("p-sl-city"),
  PERSON ("p-sl-county"),
  PERSON ("p-sl-sub"),
  PERSON ("p-cac-city"),
  PERSON ("p-cac-prov"),

  REL ("within", "r-city", "r-prov"),
  REL ("within", "r-county", "r-city"),
  REL ("leads", "k-prov", "r-prov"),
  REL ("leads", "k-city", "r-city"),
  REL ("leads", "k-dept", "u-dept"),
  REL ("leads", "k-sub", "u-sub2"),
  REL ("leads", "k-deep", "u-deep"),
  REL ("leads", "k-solo", "u-solo"),
  REL ("leads", "k-top", "u-top"),
  REL ("manages", "k-top", "k-sub"),
  REL ("located_in", "u-dept", "r-city"),
  REL ("under", "u-sub", "u-dept"),
  REL ("under", "u-sub2", "u-dept"),
  REL ("under", "u-mid", "u-dept"),
  REL ("under", "u-deep", "u-mid"),
  REL ("located_in", "u-solo", "r-county"),
  REL ("located_in", "u-top", "r-prov"),
  REL ("located_in", "u-op-city", "r-city"),
  REL ("located_in", "u-op-county", "r-county"),
  REL ("located_in", "u-cac-city", "r-city"),
  REL ("located_in", "u-cac-prov", "r-prov"),
  REL ("coordinates", "u-cac-city", "r-city"),
  REL ("coordinates", "u-cac-prov", "r-prov"),
  REL ("operates", "u-sub", "s-sub"),
  REL ("operates", "u-sub2", "s-sub2"),
  REL ("operates", "u-deep", "s-deep"),
  REL ("operates", "u-solo", "s-solo"),
  REL ("operates", "u-op-city", "s-city"),
  REL ("operates", "u-op-county", "s-county"),
  REL ("operates", "u-sub", "s-two"),
  REL ("operates", "u-op-city", "s-two"),
  SEAT ("p-prov-main", "k-prov", "main_leader"),
  SEAT ("p-prov-cyber", "k-prov", "cyber_lead"),
  SEAT ("p-city-main", "k-city", "main_leader"),
  SEAT ("p-city-cyber", "k-city", "cyber_lead"),
  SEAT ("p-city-m1", "k-city", "member"),
  SEAT ("p-city-m2", "k-city", "member"),
  SEAT ("p-dept-main", "k-dept", "main_leader"),
  SEAT ("p-dept-cyber", "k-dept", "cyber_lead"),
  SEAT ("p-dept-m", "k-dept", "member"),
  SEAT ("p-sub-main", "k-sub", "main_leader"),
  SEAT ("p-deep-main", "k-deep", "main_leader"),
  SEAT ("p-solo-main", "k-solo", "main_leader"),
  REL ("heads", "p-head-sub", "u-sub"),
  REL ("heads", "p-head-city", "u-op-city"),
  REL ("heads", "p-head-county", "u-op-county"),
  REL ("heads", "p-cac-city", "u-cac-city"),
  REL ("heads", "p-cac-prov", "u-cac-prov"),
  REL ("security_lead", "p-sl-sys", "s-city"),
  REL ("security_lead", "p-sl-city", "u-op-city"),
  REL ("security_lead", "p-sl-county", "u-op-county"),
  REL ("security_lead", "p-sl-sub", "u-sub"),
  NULL
};

#define AT "2026-03-05T08:10:00+08:00"

/* committee from a superior through `under`; the unit takes the
 * superior's region too */
static const Resolution committee_from_superior[] = {
  { "s-sub", AT, {
      HOLDERS (OPERATOR, "u-sub"),
      HOLDERS (CHAIN, "u-dept u-sub"),
      HOLDERS (COMMITTEE, "k-dept"),
      HOLDERS (FIRST_RESPONSIBLE, "p-dept-main"),
      HOLDERS (DIRECT_RESPONSIBLE, "p-dept-cyber"),
      HOLDERS (TEAM_MEMBER, "p-dept-m"),
      HOLDERS (SECURITY_LEAD, "p-sl-sub"),
      HOLDERS (UNIT_HEAD, "p-head-sub"),
      HOLDERS (INVOLVED, ""),
      /* u-sub has no located_in: its region is u-dept's, r-city */
      HOLDERS (COORDINATOR, "u-cac-city"),
      HOLDERS (COORDINATOR_HEAD, "p-cac-city"),
      /* no sector at all, so no regulator: the region committee supervises */
      HOLDERS (REGULATOR, ""),
      HOLDERS (REGULATOR_HEAD, ""),
      HOLDERS (REGIONAL_SUPERVISOR, "p-city-cyber p-city-main"),
      /* managers(k-dept): u-dept has no superior, so the committee of its region */
      HOLDERS (AUTHORITY, "k-city"),
      HOLDERS (PROPOSER, "u-cac-city"),
      NO_WARNINGS } },
  /* the same for the unit itself as subject */
  { "u-sub", AT, {
      HOLDERS (OPERATOR, "u-sub"),
      HOLDERS (CHAIN, "u-dept u-sub"),
      HOLDERS (COMMITTEE, "k-dept"),
      HOLDERS (FIRST_RESPONSIBLE, "p-dept-main"),
      HOLDERS (SECURITY_LEAD, "p-sl-sub"),
      HOLDERS (UNIT_HEAD, "p-head-sub"),
      HOLDERS (COORDINATOR, "u-cac-city"),
      HOLDERS (AUTHORITY, "k-city"),
      PATH (FIRST_RESPONSIBLE, "p-dept-main", "u-sub u-dept k-dept p-dept-main") } },
  /* a unit with a committee of its own is its own committee's */
  { "u-dept", AT, {
      HOLDERS (CHAIN, "u-dept"),
      HOLDERS (COMMITTEE, "k-dept") } },
  /* the nearest committee up the chain: k-deep leads u-deep itself */
  { "s-deep", AT, {
      HOLDERS (CHAIN, "u-deep u-dept u-mid"),
      HOLDERS (COMMITTEE, "k-deep"),
      HOLDERS (FIRST_RESPONSIBLE, "p-deep-main"),
      /* chain runs nearest first: the path to u-dept passes u-mid */
      PATH (CHAIN, "u-dept", "s-deep u-deep u-mid u-dept"),
      PATH (CHAIN, "u-mid", "s-deep u-deep u-mid") } },
};

static void
test_committee_from_superior (void)
{
  expect_roles_of (fallback_model, committee_from_superior);
}

/* committee from the operator's region, and from a region further up */
static const Resolution committee_from_region[] = {
  { "s-city", AT, {
      HOLDERS (OPERATOR, "u-op-city"),
      HOLDERS (CHAIN, "u-op-city"),
      HOLDERS (COMMITTEE, "k-city"),
      HOLDERS (FIRST_RESPONSIBLE, "p-city-main"),
      HOLDERS (DIRECT_RESPONSIBLE, "p-city-cyber"),
      HOLDERS (TEAM_MEMBER, "p-city-m1 p-city-m2"),
      HOLDERS (UNIT_HEAD, "p-head-city"),
      /* k-city leads a region: managed by the committee of the region above */
      HOLDERS (AUTHORITY, "k-prov"),
      HOLDERS (PROPOSER, "u-cac-prov"),
      PATH (FIRST_RESPONSIBLE, "p-city-main", "s-city u-op-city r-city k-city p-city-main") } },
  /* r-county has no committee: the nearest region up within that has one */
  { "s-county", AT, {
      HOLDERS (COMMITTEE, "k-city"),
      HOLDERS (FIRST_RESPONSIBLE, "p-city-main"),
      HOLDERS (DIRECT_RESPONSIBLE, "p-city-cyber"),
      HOLDERS (TEAM_MEMBER, "p-city-m1 p-city-m2"),
      HOLDERS (UNIT_HEAD, "p-head-county"),
      HOLDERS (AUTHORITY, "k-prov"),
      PATH (FIRST_RESPONSIBLE, "p-city-main",
            "s-county u-op-county r-county r-city k-city p-city-main") } },
};

static void
test_committee_from_region (void)
{
  expect_roles_of (fallback_model, committee_from_region);
}

/* security_lead: the system's own, else the operator's */
static const Resolution security_lead_fallback[] = {
  /* s-city has its own: the operator's is not used */
  { "s-city", AT, {
      HOLDERS (SECURITY_LEAD, "p-sl-sys"),
      PATH (SECURITY_LEAD, "p-sl-sys", "s-city p-sl-sys") } },
  /* s-county has none: the operator's */
  { "s-county", AT, {
      HOLDERS (SECURITY_LEAD, "p-sl-county"),
      PATH (SECURITY_LEAD, "p-sl-county", "s-county u-op-county p-sl-county"),
      NO_WARNING (SECURITY_LEAD) } },
  /* a unit subject: its own */
  { "u-op-city", AT, {
      HOLDERS (SECURITY_LEAD, "p-sl-city") } },
  /* nobody anywhere: a warning */
  { "s-deep", AT, {
      HOLDERS (SECURITY_LEAD, ""),
      WARNS (SECURITY_LEAD) } },
};

static void
test_security_lead_fallback (void)
{
  expect_roles_of (fallback_model, security_lead_fallback);
}

/* two operators: every role is the union over them */
static const Resolution two_operators[] = {
  { "s-two", AT, {
      HOLDERS (OPERATOR, "u-op-city u-sub"),
      HOLDERS (CHAIN, "u-dept u-op-city u-sub"),
      HOLDERS (COMMITTEE, "k-city k-dept"),
      HOLDERS (FIRST_RESPONSIBLE, "p-city-main p-dept-main"),
      HOLDERS (DIRECT_RESPONSIBLE, "p-city-cyber p-dept-cyber"),
      HOLDERS (TEAM_MEMBER, "p-city-m1 p-city-m2 p-dept-m"),
      HOLDERS (SECURITY_LEAD, "p-sl-city p-sl-sub"),
      HOLDERS (UNIT_HEAD, "p-head-city p-head-sub"),
      HOLDERS (COORDINATOR, "u-cac-city"),
      HOLDERS (COORDINATOR_HEAD, "p-cac-city"),
      HOLDERS (REGIONAL_SUPERVISOR, "p-city-cyber p-city-main"),
      HOLDERS (AUTHORITY, "k-city k-prov"),
      HOLDERS (PROPOSER, "u-cac-city u-cac-prov"),
      /* each holder is reached through its own operator */
      PATH (FIRST_RESPONSIBLE, "p-dept-main", "s-two u-sub u-dept k-dept p-dept-main"),
      PATH (FIRST_RESPONSIBLE, "p-city-main", "s-two u-op-city r-city k-city p-city-main"),
      NO_WARNINGS } },
};

static void
test_two_operators (void)
{
  expect_roles_of (fallback_model, two_operators);
}

/* coordinator: the nearest region up that has one */
static const Resolution coordinator_nearest_up[] = {
  { "s-county", AT, {
      HOLDERS (COORDINATOR, "u-cac-city"),
      HOLDERS (COORDINATOR_HEAD, "p-cac-city") } },
  { "s-city", AT, {
      HOLDERS (COORDINATOR, "u-cac-city") } },
  { "u-top", AT, {
      HOLDERS (COORDINATOR, "u-cac-prov"),
      HOLDERS (COORDINATOR_HEAD, "p-cac-prov") } },
};

static void
test_coordinator_nearest_up (void)
{
  expect_roles_of (fallback_model, coordinator_nearest_up);
}

/* a department's own 网信 working body (coordinates a unit) comes before
 * the region's office, for the unit and the units under it, nearest first
 * (SPEC §3.2, §4.3); the proposer stays the region's office */
static const char * const unit_coordinator_model[] = {
  REGION ("r-nat", "national"),
  REGION ("r-prov", "provincial"),
  COMMITTEE ("k-nat"),
  COMMITTEE ("k-prov"),
  GROUP ("k-min"),
  UNIT ("u-min"),
  UNIT ("u-min-bureau"),
  UNIT ("u-min-cyber"),
  UNIT ("u-bureau-cyber"),
  UNIT ("u-cac-nat"),
  UNIT ("u-other"),
  UNIT ("u-cac-prov"),
  UNIT ("u-agency"),
  UNIT ("u-agency-cyber"),
  SYSTEM ("s-min"),
  SYSTEM ("s-bureau"),
  SYSTEM ("s-other"),
  SYSTEM ("s-joint"),
  SYSTEM ("s-mixed"),
  PERSON ("p-min-cyber"),
  PERSON ("p-agency-cyber"),
  PERSON ("p-cac-nat"),
  PERSON ("p-min-main"),
  REL ("within", "r-prov", "r-nat"),
  REL ("leads", "k-nat", "r-nat"),
  REL ("leads", "k-prov", "r-prov"),
  REL ("leads", "k-min", "u-min"),
  REL ("located_in", "u-min", "r-nat"),
  REL ("located_in", "u-cac-nat", "r-nat"),
  REL ("located_in", "u-other", "r-prov"),
  REL ("located_in", "u-cac-prov", "r-prov"),
  REL ("under", "u-min-bureau", "u-min"),
  REL ("under", "u-min-cyber", "u-min"),
  REL ("coordinates", "u-min-cyber", "u-min"),
  REL ("coordinates", "u-cac-nat", "r-nat"),
  REL ("coordinates", "u-cac-prov", "r-prov"),
  REL ("operates", "u-min", "s-min"),
  REL ("operates", "u-min-bureau", "s-bureau"),
  REL ("operates", "u-other", "s-other"),
  REL ("located_in", "u-agency", "r-nat"),
  REL ("coordinates", "u-agency-cyber", "u-agency"),
  REL ("operates", "u-min", "s-joint"),
  REL ("operates", "u-agency", "s-joint"),
  REL ("operates", "u-min", "s-mixed"),
  REL ("operates", "u-other", "s-mixed"),
  REL ("heads", "p-agency-cyber", "u-agency-cyber"),
  REL ("heads", "p-min-cyber", "u-min-cyber"),
  REL ("heads", "p-cac-nat", "u-cac-nat"),
  SEAT ("p-min-main", "k-min", "main_leader"),
  NULL
};

static const Resolution unit_coordinator[] = {
  { "s-min", AT, {
      HOLDERS (COORDINATOR, "u-min-cyber"),
      HOLDERS (COORDINATOR_HEAD, "p-min-cyber"),
      PATH (COORDINATOR, "u-min-cyber", "s-min u-min u-min-cyber"),
      /* k-min answers to k-nat, whose region's office proposes */
      HOLDERS (AUTHORITY, "k-nat"),
      HOLDERS (PROPOSER, "u-cac-nat") } },
  /* a bureau under the ministry: the ministry's body, through the chain */
  { "s-bureau", AT, {
      HOLDERS (CHAIN, "u-min u-min-bureau"),
      HOLDERS (COORDINATOR, "u-min-cyber"),
      PATH (COORDINATOR, "u-min-cyber", "s-bureau u-min-bureau u-min u-min-cyber") } },
  /* nobody's body coordinates u-other: the region's office */
  { "s-other", AT, {
      HOLDERS (COORDINATOR, "u-cac-prov"),
      HOLDERS (COORDINATOR_HEAD, "") } },
  /* several operators: each its own nearest (SPEC §3.2: every role is the
   * union over the operators), not the first operator's body again */
  { "s-joint", AT, {
      HOLDERS (OPERATOR, "u-agency u-min"),
      HOLDERS (COORDINATOR, "u-agency-cyber u-min-cyber"),
      HOLDERS (COORDINATOR_HEAD, "p-agency-cyber p-min-cyber"),
      PATH (COORDINATOR, "u-min-cyber", "s-joint u-min u-min-cyber"),
      PATH (COORDINATOR, "u-agency-cyber", "s-joint u-agency u-agency-cyber") } },
  /* one operator with a body of its own, one without: the body, and the
   * other operator's region's office */
  { "s-mixed", AT, {
      HOLDERS (COORDINATOR, "u-cac-prov u-min-cyber"),
      HOLDERS (COORDINATOR_HEAD, "p-min-cyber"),
      PATH (COORDINATOR, "u-min-cyber", "s-mixed u-min u-min-cyber"),
      PATH (COORDINATOR, "u-cac-prov", "s-mixed u-other r-prov u-cac-prov") } },
};

static void
test_unit_coordinator (void)
{
  expect_roles_of (unit_coordinator_model, unit_coordinator);
}

/* authority: `manages` overrides the default managers; the defaults */
static const Resolution authority[] = {
  /* k-top manages k-sub: not k-dept, which leads u-sub2's superior */
  { "s-sub2", AT, {
      HOLDERS (COMMITTEE, "k-sub"),
      HOLDERS (FIRST_RESPONSIBLE, "p-sub-main"),
      HOLDERS (AUTHORITY, "k-top"),
      /* proposer: the coordinator of k-top's region (the region of u-top) */
      HOLDERS (PROPOSER, "u-cac-prov") } },
  /* default, K leads a unit: the nearest committee leading a superior
   * (u-mid has none, u-dept has k-dept) */
  { "s-deep", AT, {
      HOLDERS (AUTHORITY, "k-dept"),
      /* proposer: the coordinator of k-dept's region (u-dept is in r-city) */
      HOLDERS (PROPOSER, "u-cac-city") } },
  /* default, K leads a unit with no committee above it: the committee
   * leading the unit's region, nearest up (r-county has none) */
  { "s-solo", AT, {
      HOLDERS (COMMITTEE, "k-solo"),
      HOLDERS (AUTHORITY, "k-city"),
      HOLDERS (PROPOSER, "u-cac-city") } },
  /* default, K leads a region: the committee of the region above */
  { "k-city", AT, {
      HOLDERS (AUTHORITY, "k-prov"),
      HOLDERS (PROPOSER, "u-cac-prov") } },
  { "k-dept", AT, {
      HOLDERS (AUTHORITY, "k-city"),
      HOLDERS (PROPOSER, "u-cac-city") } },
  { "k-sub", AT, {
      HOLDERS (AUTHORITY, "k-top"),
      HOLDERS (PROPOSER, "u-cac-prov") } },
};

static void
test_authority (void)
{
  expect_roles_of (fallback_model, authority);
}

/* a committee node fills only its seats, authority and proposer */
static const Resolution committee_node[] = {
  { "k-dept", AT, {
      HOLDERS (FIRST_RESPONSIBLE, "p-dept-main"),
      HOLDERS (DIRECT_RESPONSIBLE, "p-dept-cyber"),
      HOLDERS (TEAM_MEMBER, "p-dept-m"),
      HOLDERS (AUTHORITY, "k-city"),
      HOLDERS (PROPOSER, "u-cac-city"),
      OTHERS_EMPTY,
      PATH (FIRST_RESPONSIBLE, "p-dept-main", "k-dept p-dept-main"),
      NO_WARNINGS } },
  /* k-city at the top of the fallbacks: the same shape */
  { "k-city", AT, {
      HOLDERS (FIRST_RESPONSIBLE, "p-city-main"),
      HOLDERS (TEAM_MEMBER, "p-city-m1 p-city-m2"),
      HOLDERS (OPERATOR, ""),
      HOLDERS (COMMITTEE, ""),
      HOLDERS (COORDINATOR, ""),
      HOLDERS (REGIONAL_SUPERVISOR, "") } },
};

static void
test_committee_node (void)
{
  expect_roles_of (fallback_model, committee_node);
}

/* warnings, and errors for nodes that cannot be resolved */
static const Resolution unresolved[] = {
  { "s-orphan", AT, {
      OTHERS_EMPTY } },
  /* a unit with no committee anywhere */
  { "u-lost", AT, {
      HOLDERS (OPERATOR, "u-lost"),
      HOLDERS (COMMITTEE, ""),
      WARNS (COMMITTEE),
      WARNS (FIRST_RESPONSIBLE),
      WARNS (COORDINATOR),
      NO_WARNING (OPERATOR) } },
};

static void
test_warnings_and_errors (void)
{
  /* a person, a region or a sector has no roles; an id must exist */
  static const struct {
    const char *node;
    RespError   code;
  } refused[] = {
    { "p-city-main", RESP_ERROR_INVALID_ARGUMENT },
    { "r-city", RESP_ERROR_INVALID_ARGUMENT },
    { "s-nope", RESP_ERROR_NOT_FOUND },
    { "", RESP_ERROR_NOT_FOUND },
  };
  RespModel *m = model_load (fallback_model);
  RespRoles *r;
  gboolean found = FALSE;

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  expect_roles (m, unresolved);

  /* every warning of s-orphan is its own, one of them about its operator */
  r = test_resolve (m, "s-orphan", AT);
  CU_ASSERT_PTR_NOT_NULL_FATAL (r);
  CU_ASSERT (resp_roles_get_n_warnings (r) >= 1);
  for (guint i = 0; i < resp_roles_get_n_warnings (r); i++)
    {
      CU_ASSERT_STRING_EQUAL (resp_roles_get_warning_code (r, i), "role_unresolved");
      CU_ASSERT_STRING_EQUAL (resp_roles_get_warning_node (r, i), "s-orphan");
      CU_ASSERT_PTR_NOT_NULL (resp_roles_get_warning_message (r, i));
      if (resp_roles_get_warning_role (r, i) == RESP_ROLE_OPERATOR)
        found = TRUE;
    }
  CU_ASSERT_TRUE (found);
  resp_roles_unref (r);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      GError *error = NULL;

      r = resp_model_resolve_roles (m, refused[i].node, test_instant (AT), &error);
      CU_ASSERT_PTR_NULL (r);
      CU_ASSERT_TRUE (g_error_matches (error, RESP_ERROR, refused[i].code));
      g_clear_error (&error);
      g_clear_pointer (&r, resp_roles_unref);
    }

  /* without a GError the failure is still a plain NULL */
  CU_ASSERT_PTR_NULL (resp_model_resolve_roles (m, "s-nope", 0, NULL));
  resp_model_unref (m);
}

/* Tenure changes and interval edges */
static const char * const tenure_model[] = {
  REGION ("r-city", "prefectural"),
  COMMITTEE ("k-city"),
  UNIT ("u-op"),
  SYSTEM ("s-x"),
  SYSTEM ("s-y"),
  PERSON ("p-a"),
  PERSON ("p-b"),
  PERSON ("p-c"),
  PERSON ("p-h1"),
  PERSON ("p-h2"),
  REL ("leads", "k-city", "r-city"),
  REL ("located_in", "u-op", "r-city"),
  REL ("operates", "u-op", "s-x"),
  REL_DURING ("operates", "u-op", "s-y", "2022-01-01", "2024-01-01"),
  SEAT_DURING ("p-a", "k-city", "main_leader", "2020-01-01", "2025-06-30"),
  SEAT_SINCE ("p-b", "k-city", "main_leader", "2025-06-30"),
  SEAT ("p-c", "k-city", "cyber_lead"),
  REL_UNTIL ("heads", "p-h1", "u-op", "2023-01-01"),
  REL_SINCE ("heads", "p-h2", "u-op", "2023-03-01"),
  NULL
};

static const Resolution interval_edges[] = {
  /* an instant equal to `since` is in */
  { "s-x", "2020-01-01", {
      HOLDERS (FIRST_RESPONSIBLE, "p-a") } },
  { "s-x", "2019-12-31T15:59:59.999999Z", {
      HOLDERS (FIRST_RESPONSIBLE, ""),
      WARNS (FIRST_RESPONSIBLE) } },
  /* an instant equal to `until` is out (and the successor's `since` in) */
  { "s-x", "2025-06-29T23:59:59.999999+08:00", {
      HOLDERS (FIRST_RESPONSIBLE, "p-a") } },
  { "s-x", "2025-06-30", {
      HOLDERS (FIRST_RESPONSIBLE, "p-b") } },
  { "s-x", "2025-06-29T16:00:00Z", {
      HOLDERS (FIRST_RESPONSIBLE, "p-b") } },
  /* the same for an operator with both ends */
  { "s-y", "2021-12-31T23:59:59+08:00", {
      HOLDERS (OPERATOR, ""),
      WARNS (OPERATOR) } },
  { "s-y", "2022-01-01", {
      HOLDERS (OPERATOR, "u-op"),
      HOLDERS (COMMITTEE, "k-city") } },
  { "s-y", "2023-12-31T23:59:59+08:00", {
      HOLDERS (OPERATOR, "u-op") } },
  { "s-y", "2024-01-01", {
      HOLDERS (OPERATOR, ""),
      HOLDERS (COMMITTEE, "") } },
  /* open `until` and open `since` */
  { "s-x", "2022-06-01", {
      HOLDERS (UNIT_HEAD, "p-h1") } },
  { "s-x", "1990-01-01", {
      HOLDERS (UNIT_HEAD, "p-h1"),
      HOLDERS (DIRECT_RESPONSIBLE, "p-c") } },
  { "s-x", "2023-01-01", {
      HOLDERS (UNIT_HEAD, "") } },
  { "s-x", "2099-01-01", {
      HOLDERS (UNIT_HEAD, "p-h2"),
      HOLDERS (FIRST_RESPONSIBLE, "p-b"),
      HOLDERS (DIRECT_RESPONSIBLE, "p-c") } },
};

static void
test_interval_edges (void)
{
  expect_roles_of (tenure_model, interval_edges);
}

/* the holder at the event instant, not today's */
static const Resolution tenure_change[] = {
  { "s-x", "2024-03-01T10:00:00+08:00", {
      HOLDERS (FIRST_RESPONSIBLE, "p-a"),
      HOLDERS (UNIT_HEAD, "p-h2") } },
  { "k-city", "2024-03-01T10:00:00+08:00", {
      HOLDERS (FIRST_RESPONSIBLE, "p-a") } },
};

/* city.json: 王某 until 2025-06-30, then 周某 */
static const Resolution city_tenure_change[] = {
  { "k-city", "2025-06-29T23:59:59+08:00", {
      HOLDERS (FIRST_RESPONSIBLE, "p-wang") } },
  { "k-city", "2025-06-29T16:00:00Z", {
      HOLDERS (FIRST_RESPONSIBLE, "p-zhou") } },
  { "s-portal", "2024-01-01", {
      HOLDERS (UNIT_HEAD, "p-zhang") } },
};

static void
test_tenure_change (void)
{
  RespModel *m = model_load (tenure_model);
  RespRoles *r;

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  expect_roles (m, tenure_change);
  r = resp_model_resolve_roles (m, "s-x", resp_instant_now (), NULL);
  test_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-b");
  g_clear_pointer (&r, resp_roles_unref);
  resp_model_unref (m);
  expect_roles (test_city_model, city_tenure_change);
}

/* valid_from / valid_until bracket the instant and stop at the next change */
static const Resolution validity_window[] = {
  /* before every date: open at the start */
  { "s-x", "2000-01-01", {
      VALID ("-inf", "2020-01-01") } },
  /* a window starts exactly at a `since` instant */
  { "s-x", "2020-01-01", {
      VALID ("2020-01-01", "2023-01-01") } },
};

static void
test_validity_window (void)
{
  RespModel *m = model_load (tenure_model);
  RespRoles *r, *next;
  gint64 at = test_instant ("2024-03-01T10:00:00+08:00");

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  r = resp_model_resolve_roles (m, "s-x", at, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (r);
  CU_ASSERT_EQUAL (resp_roles_get_at (r), at);
  CU_ASSERT (resp_roles_get_valid_from (r) <= at);
  CU_ASSERT (at < resp_roles_get_valid_until (r));
  /* p-h2 took over u-op on 2023-03-01; p-a left on 2025-06-30 */
  CU_ASSERT_EQUAL (resp_roles_get_valid_from (r), test_instant ("2023-03-01"));
  CU_ASSERT_EQUAL (resp_roles_get_valid_until (r), test_instant ("2025-06-30"));

  /* at the end of the window the answer changes */
  next = resp_model_resolve_roles (m, "s-x", resp_roles_get_valid_until (r), NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (next);
  test_holders (next, RESP_ROLE_FIRST_RESPONSIBLE, "p-b");
  CU_ASSERT_EQUAL (resp_roles_get_valid_from (next), test_instant ("2025-06-30"));
  CU_ASSERT_EQUAL (resp_roles_get_valid_until (next), RESP_INSTANT_OPEN_END);
  resp_roles_unref (next);
  /* and just before its start too */
  next = resp_model_resolve_roles (m, "s-x", resp_roles_get_valid_from (r) - 1, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (next);
  test_holders (next, RESP_ROLE_UNIT_HEAD, "");
  CU_ASSERT_EQUAL (resp_roles_get_valid_from (next), test_instant ("2023-01-01"));
  CU_ASSERT_EQUAL (resp_roles_get_valid_until (next), test_instant ("2023-03-01"));
  resp_roles_unref (next);
  resp_roles_unref (r);

  expect_roles (m, validity_window);
  resp_model_unref (m);
}

/* The structure itself changes over time: a unit moves to another
 * superior, and two units are each other's superior at different times
 * (not a cycle: never live together) */
static const char * const moving_model[] = {
  REGION ("r-city", "prefectural"),
  COMMITTEE ("k-city"),
  GROUP ("k-a"),
  GROUP ("k-b"),
  UNIT ("u-a"),
  UNIT ("u-b"),
  UNIT ("u-x"),
  SYSTEM ("s-x"),
  PERSON ("p-a"),
  PERSON ("p-b"),
  REL ("leads", "k-city", "r-city"),
  REL ("located_in", "u-a", "r-city"),
  REL ("located_in", "u-b", "r-city"),
  REL_UNTIL ("leads", "k-a", "u-a", "2022-06-01"),
  REL ("leads", "k-b", "u-b"),
  SEAT ("p-a", "k-a", "main_leader"),
  SEAT ("p-b", "k-b", "main_leader"),
  REL_UNTIL ("under", "u-x", "u-a", "2023-01-01"),
  REL_SINCE ("under", "u-x", "u-b", "2023-01-01"),
  REL_UNTIL ("under", "u-b", "u-a", "2024-01-01"),
  REL_SINCE ("under", "u-a", "u-b", "2024-01-01"),
  REL ("operates", "u-x", "s-x"),
  NULL
};

static const Resolution structure_over_time[] = {
  { "s-x", "2022-01-01", {
      HOLDERS (CHAIN, "u-a u-x"),
      HOLDERS (COMMITTEE, "k-a"),
      HOLDERS (FIRST_RESPONSIBLE, "p-a"),
      /* k-a leads a unit whose superior has no committee (u-a has none):
       * managers(k-a) is its region's committee */
      HOLDERS (AUTHORITY, "k-city") } },
  /* k-a stopped leading u-a: the region's committee */
  { "s-x", "2022-07-01", {
      HOLDERS (CHAIN, "u-a u-x"),
      HOLDERS (COMMITTEE, "k-city"),
      HOLDERS (FIRST_RESPONSIBLE, ""),
      NO_PATH (FIRST_RESPONSIBLE, "p-a") } },
  /* moved under u-b, which is still under u-a */
  { "s-x", "2023-01-01", {
      HOLDERS (CHAIN, "u-a u-b u-x"),
      PATH (CHAIN, "u-a", "s-x u-x u-b u-a"),
      HOLDERS (COMMITTEE, "k-b"),
      HOLDERS (FIRST_RESPONSIBLE, "p-b"),
      HOLDERS (AUTHORITY, "k-city") } },
  /* now u-a is under u-b */
  { "s-x", "2024-01-01", {
      HOLDERS (CHAIN, "u-b u-x"),
      HOLDERS (COMMITTEE, "k-b") } },
  { "u-a", "2024-06-01", {
      HOLDERS (CHAIN, "u-a u-b"),
      HOLDERS (COMMITTEE, "k-b") } },
  { "u-b", "2023-06-01", {
      HOLDERS (CHAIN, "u-a u-b"),
      HOLDERS (COMMITTEE, "k-b") } },
};

static void
test_structure_over_time (void)
{
  expect_roles_of (moving_model, structure_over_time);
}

/* Regulators and the regional fallback of Art. 4 */
static const char * const regulator_model[] = {
  REGION ("r-prov", "provincial"),
  REGION ("r-city", "prefectural"),
  REGION ("r-county", "county"),
  REGION ("r-town", "township"),
  COMMITTEE ("k-prov"),
  COMMITTEE ("k-city"),
  COMMITTEE ("k-county"),
  SECTOR ("sec-a"),
  SECTOR ("sec-b"),
  SECTOR ("sec-c"),
  UNIT ("u-reg-a-city"),
  UNIT ("u-reg-a-prov"),
  UNIT ("u-reg-b-prov"),
  UNIT ("u-reg-b-county"),
  UNIT ("u-op"),
  UNIT ("u-op-county"),
  UNIT ("u-op-town"),
  SYSTEM ("s-a"),
  SYSTEM ("s-b"),
  SYSTEM ("s-c"),
  SYSTEM ("s-ac"),
  SYSTEM ("s-none"),
  SYSTEM ("s-a-county"),
  SYSTEM ("s-b-county"),
  SYSTEM ("s-c-county"),
  SYSTEM ("s-c-town"),
  PERSON ("p-prov-main"),
  PERSON ("p-city-main"),
  PERSON ("p-city-cyber"),
  PERSON ("p-city-m"),
  PERSON ("p-county-main"),
  PERSON ("p-county-cyber"),
  PERSON ("p-reg-a-city"),
  PERSON ("p-reg-a-prov"),
  PERSON ("p-reg-b-prov"),
  REL ("within", "r-city", "r-prov"),
  REL ("within", "r-county", "r-city"),
  REL ("within", "r-town", "r-county"),
  REL ("leads", "k-prov", "r-prov"),
  REL ("leads", "k-city", "r-city"),
  REL ("leads", "k-county", "r-county"),
  SEAT ("p-prov-main", "k-prov", "main_leader"),
  SEAT ("p-city-main", "k-city", "main_leader"),
  SEAT ("p-city-cyber", "k-city", "cyber_lead"),
  SEAT ("p-city-m", "k-city", "member"),
  SEAT ("p-county-main", "k-county", "main_leader"),
  SEAT ("p-county-cyber", "k-county", "cyber_lead"),
  REL ("regulates", "u-reg-a-city", "sec-a"),
  REL ("regulates", "u-reg-a-prov", "sec-a"),
  REL ("regulates", "u-reg-b-prov", "sec-b"),
  REL ("regulates", "u-reg-b-county", "sec-b"),
  REL ("located_in", "u-reg-a-city", "r-city"),
  REL ("located_in", "u-reg-a-prov", "r-prov"),
  REL ("located_in", "u-reg-b-prov", "r-prov"),
  REL ("located_in", "u-reg-b-county", "r-county"),
  REL ("heads", "p-reg-a-city", "u-reg-a-city"),
  REL ("heads", "p-reg-a-prov", "u-reg-a-prov"),
  REL ("heads", "p-reg-b-prov", "u-reg-b-prov"),
  REL ("located_in", "u-op", "r-city"),
  REL ("located_in", "u-op-county", "r-county"),
  REL ("located_in", "u-op-town", "r-town"),
  REL ("in_sector", "u-op", "sec-b"),
  REL ("operates", "u-op", "s-a"),
  REL ("operates", "u-op", "s-b"),
  REL ("operates", "u-op", "s-c"),
  REL ("operates", "u-op", "s-ac"),
  REL ("operates", "u-op", "s-none"),
  REL ("operates", "u-op-county", "s-a-county"),
  REL ("operates", "u-op-county", "s-b-county"),
  REL ("operates", "u-op-county", "s-c-county"),
  REL ("operates", "u-op-town", "s-c-town"),
  REL ("in_sector", "s-a", "sec-a"),
  REL ("in_sector", "s-b", "sec-b"),
  REL ("in_sector", "s-c", "sec-c"),
  REL ("in_sector", "s-ac", "sec-a"),
  REL ("in_sector", "s-ac", "sec-c"),
  REL ("in_sector", "s-a-county", "sec-a"),
  REL ("in_sector", "s-b-county", "sec-b"),
  REL ("in_sector", "s-c-county", "sec-c"),
  REL ("in_sector", "s-c-town", "sec-c"),
  NULL
};

static const Resolution regulators[] = {
  /* at the operator's region: the province's is not reached */
  { "s-a", AT, {
      HOLDERS (REGULATOR, "u-reg-a-city"),
      HOLDERS (REGULATOR_HEAD, "p-reg-a-city"),
      HOLDERS (REGIONAL_SUPERVISOR, ""),
      PATH (REGULATOR, "u-reg-a-city", "s-a sec-a u-reg-a-city") } },
  /* only further up; a regulator in a region below the operator's does
   * not count (it covers its own region and those within it) */
  { "s-b", AT, {
      HOLDERS (REGULATOR, "u-reg-b-prov"),
      HOLDERS (REGULATOR_HEAD, "p-reg-b-prov"),
      HOLDERS (REGIONAL_SUPERVISOR, "") } },
  /* one level up from a county */
  { "s-a-county", AT, {
      HOLDERS (REGULATOR, "u-reg-a-city") } },
  { "s-b-county", AT, {
      HOLDERS (REGULATOR, "u-reg-b-county"),
      /* a regulator without a head: a warning, no head */
      HOLDERS (REGULATOR_HEAD, ""),
      WARNS (REGULATOR_HEAD) } },
  /* the system has no sector: the operator's (sec-b) */
  { "s-none", AT, {
      HOLDERS (REGULATOR, "u-reg-b-prov"),
      HOLDERS (REGIONAL_SUPERVISOR, "") } },
  /* none anywhere: main leader and cyber lead of the region's committee,
   * not its other members */
  { "s-c", AT, {
      HOLDERS (REGULATOR, ""),
      HOLDERS (REGULATOR_HEAD, ""),
      HOLDERS (REGIONAL_SUPERVISOR, "p-city-cyber p-city-main") } },
  { "s-c-county", AT, {
      HOLDERS (REGIONAL_SUPERVISOR, "p-county-cyber p-county-main") } },
  /* the operator's region has no committee: the nearest up */
  { "s-c-town", AT, {
      HOLDERS (REGULATOR, ""),
      HOLDERS (REGIONAL_SUPERVISOR, "p-county-cyber p-county-main") } },
  /* filled only when no regulator exists */
  { "s-ac", AT, {
      HOLDERS (REGULATOR, "u-reg-a-city"),
      HOLDERS (REGIONAL_SUPERVISOR, "") } },
  /* a unit subject takes its own sector */
  { "u-op", AT, {
      HOLDERS (REGULATOR, "u-reg-b-prov") } },
  { "u-op-town", AT, {
      HOLDERS (REGULATOR, ""),
      HOLDERS (REGIONAL_SUPERVISOR, "p-county-cyber p-county-main") } },
};

static void
test_regulator (void)
{
  expect_roles_of (regulator_model, regulators);
}

/* protection_dept and the organs of a region (public_security,
 * state_security, audit_office), SPEC §4.3. A province with a city, a
 * county within the city, a second city beside it; operators in the city
 * and in the county. */
static const char * const organs_model[] = {
  REGION ("r-prov", "provincial"),
  REGION ("r-city", "prefectural"),
  REGION ("r-city2", "prefectural"),
  REGION ("r-county", "county"),
  COMMITTEE ("k-city"),
  SECTOR ("sec-e"),
  SECTOR ("sec-w"),
  SECTOR ("sec-n"),
  SECTOR ("sec-x"),
  UNIT ("u-op"),
  UNIT ("u-op-sub"),
  UNIT ("u-op-county"),
  UNIT ("u-psb-city"),
  UNIT ("u-psb-prov"),
  UNIT ("u-ssb-prov"),
  UNIT ("u-audit-city"),
  UNIT ("u-audit-prov"),
  UNIT ("u-audit-county"),
  UNIT ("u-prot-sys"),
  UNIT ("u-prot-e-city"),
  UNIT ("u-prot-e-prov"),
  UNIT ("u-prot-e-city2"),
  UNIT ("u-prov-gov"),
  UNIT ("u-prot-w-prov"),
  UNIT ("u-prot-w-county"),
  UNIT ("u-prot-old"),
  UNIT ("u-reg-n-city"),
  SYSTEM ("s-direct"),
  SYSTEM ("s-e"),
  SYSTEM ("s-w"),
  SYSTEM ("s-n"),
  SYSTEM ("s-x"),
  SYSTEM ("s-ew"),
  SYSTEM ("s-nosector"),
  SYSTEM ("s-e-county"),
  SYSTEM ("s-two"),
  REL ("within", "r-city", "r-prov"),
  REL ("within", "r-city2", "r-prov"),
  REL ("within", "r-county", "r-city"),
  REL ("leads", "k-city", "r-city"),
  REL ("located_in", "u-op", "r-city"),
  REL ("under", "u-op-sub", "u-op"),
  REL ("located_in", "u-op-county", "r-county"),
  REL ("in_sector", "u-op", "sec-e"),
  /* the organs: a public security bureau in the city and the province, a
   * state security bureau only in the province, an audit office in the
   * county and the province, and one in the city until 2026 */
  REL ("public_security", "u-psb-city", "r-city"),
  REL ("public_security", "u-psb-prov", "r-prov"),
  REL ("state_security", "u-ssb-prov", "r-prov"),
  REL_UNTIL ("audits", "u-audit-city", "r-city", "2026-01-01"),
  REL ("audits", "u-audit-prov", "r-prov"),
  REL ("audits", "u-audit-county", "r-county"),
  /* protection departments: of a system; of sec-e in the city, the
   * province and the other city; of sec-w in the province (its region
   * through its superior) and in the county; of s-x until 2025 */
  REL ("protects", "u-prot-sys", "s-direct"),
  REL ("protects", "u-prot-e-city", "sec-e"),
  REL ("protects", "u-prot-e-prov", "sec-e"),
  REL ("protects", "u-prot-e-city2", "sec-e"),
  REL ("located_in", "u-prot-e-city", "r-city"),
  REL ("located_in", "u-prot-e-prov", "r-prov"),
  REL ("located_in", "u-prot-e-city2", "r-city2"),
  REL ("located_in", "u-prov-gov", "r-prov"),
  REL ("under", "u-prot-w-prov", "u-prov-gov"),
  REL ("protects", "u-prot-w-prov", "sec-w"),
  REL ("protects", "u-prot-w-county", "sec-w"),
  REL ("located_in", "u-prot-w-county", "r-county"),
  REL_UNTIL ("protects", "u-prot-old", "s-x", "2025-01-01"),
  /* sec-n has a regulator and no protection department */
  REL ("regulates", "u-reg-n-city", "sec-n"),
  REL ("located_in", "u-reg-n-city", "r-city"),
  REL ("operates", "u-op", "s-direct"),
  REL ("operates", "u-op", "s-e"),
  REL ("operates", "u-op", "s-w"),
  REL ("operates", "u-op", "s-n"),
  REL ("operates", "u-op", "s-x"),
  REL ("operates", "u-op", "s-ew"),
  REL ("operates", "u-op", "s-nosector"),
  REL ("operates", "u-op-county", "s-e-county"),
  REL ("operates", "u-op", "s-two"),
  REL ("operates", "u-op-county", "s-two"),
  REL ("in_sector", "s-direct", "sec-e"),
  REL ("in_sector", "s-e", "sec-e"),
  REL ("in_sector", "s-w", "sec-w"),
  REL ("in_sector", "s-n", "sec-n"),
  REL ("in_sector", "s-x", "sec-x"),
  REL ("in_sector", "s-ew", "sec-e"),
  REL ("in_sector", "s-ew", "sec-n"),
  REL ("in_sector", "s-e-county", "sec-e"),
  REL ("in_sector", "s-two", "sec-w"),
  NULL
};

static const Resolution protection_depts[] = {
  /* the system's own: its sector's departments are not asked */
  { "s-direct", AT, {
      HOLDERS (PROTECTION_DEPT, "u-prot-sys"),
      PATH (PROTECTION_DEPT, "u-prot-sys", "s-direct u-prot-sys") } },
  /* by sector, in the operator's region: not the province's, not the
   * other city's */
  { "s-e", AT, {
      HOLDERS (PROTECTION_DEPT, "u-prot-e-city"),
      PATH (PROTECTION_DEPT, "u-prot-e-city", "s-e sec-e u-prot-e-city"),
      HOLDERS (REGULATOR, "") } },
  /* by sector, only up the chain (the province's, whose region is its
   * superior's); the county's is below the operator's region */
  { "s-w", AT, {
      HOLDERS (PROTECTION_DEPT, "u-prot-w-prov"),
      PATH (PROTECTION_DEPT, "u-prot-w-prov", "s-w sec-w u-prot-w-prov") } },
  /* none for the sector: the regulator */
  { "s-n", AT, {
      HOLDERS (REGULATOR, "u-reg-n-city"),
      HOLDERS (PROTECTION_DEPT, "u-reg-n-city"),
      PATH (PROTECTION_DEPT, "u-reg-n-city", "s-n sec-n u-reg-n-city") } },
  /* one sector has a department: the other sector's regulator is not one */
  { "s-ew", AT, {
      HOLDERS (REGULATOR, "u-reg-n-city"),
      HOLDERS (PROTECTION_DEPT, "u-prot-e-city") } },
  /* no sector of its own: the operator's */
  { "s-nosector", AT, {
      HOLDERS (PROTECTION_DEPT, "u-prot-e-city"),
      PATH (PROTECTION_DEPT, "u-prot-e-city", "s-nosector u-op sec-e u-prot-e-city") } },
  /* a unit subject, its own sector */
  { "u-op", AT, {
      HOLDERS (PROTECTION_DEPT, "u-prot-e-city"),
      PATH (PROTECTION_DEPT, "u-prot-e-city", "u-op sec-e u-prot-e-city") } },
  /* from the county, the city's is the nearest up */
  { "s-e-county", AT, {
      HOLDERS (PROTECTION_DEPT, "u-prot-e-city") } },
  /* the system's own department ended in 2025; no sector department, no
   * regulator: nobody, and no warning */
  { "s-x", AT, {
      HOLDERS (PROTECTION_DEPT, ""),
      HOLDERS (REGULATOR, ""),
      NO_WARNING (PROTECTION_DEPT),
      VALID ("2026-01-01", "+inf") } },
  { "s-x", "2024-06-01", {
      HOLDERS (PROTECTION_DEPT, "u-prot-old"),
      VALID ("-inf", "2025-01-01") } },
};

static void
test_protection_dept (void)
{
  expect_roles_of (organs_model, protection_depts);
}

static const Resolution region_organs[] = {
  /* in the operator's region, else the nearest up; the city's audit
   * office ended on 2026-01-01 */
  { "s-e", AT, {
      HOLDERS (PUBLIC_SECURITY, "u-psb-city"),
      HOLDERS (STATE_SECURITY, "u-ssb-prov"),
      HOLDERS (AUDIT_OFFICE, "u-audit-prov"),
      PATH (PUBLIC_SECURITY, "u-psb-city", "s-e u-op r-city u-psb-city"),
      PATH (STATE_SECURITY, "u-ssb-prov", "s-e u-op r-city r-prov u-ssb-prov"),
      PATH (AUDIT_OFFICE, "u-audit-prov", "s-e u-op r-city r-prov u-audit-prov"),
      NO_WARNING (PUBLIC_SECURITY),
      NO_WARNING (STATE_SECURITY),
      NO_WARNING (AUDIT_OFFICE),
      VALID ("2026-01-01", "+inf") } },
  { "s-e", "2025-06-01", {
      HOLDERS (AUDIT_OFFICE, "u-audit-city"),
      PATH (AUDIT_OFFICE, "u-audit-city", "s-e u-op r-city u-audit-city"),
      VALID ("-inf", "2026-01-01") } },
  /* from the county: its own audit office; the others up */
  { "s-e-county", AT, {
      HOLDERS (PUBLIC_SECURITY, "u-psb-city"),
      HOLDERS (STATE_SECURITY, "u-ssb-prov"),
      HOLDERS (AUDIT_OFFICE, "u-audit-county"),
      PATH (PUBLIC_SECURITY, "u-psb-city", "s-e-county u-op-county r-county r-city u-psb-city") } },
  /* a unit, its region through its superior */
  { "u-op-sub", AT, {
      HOLDERS (PUBLIC_SECURITY, "u-psb-city"),
      HOLDERS (AUDIT_OFFICE, "u-audit-prov"),
      PATH (PUBLIC_SECURITY, "u-psb-city", "u-op-sub u-op r-city u-psb-city") } },
  /* a committee: none of these */
  { "k-city", AT, {
      HOLDERS (PROTECTION_DEPT, ""),
      HOLDERS (PUBLIC_SECURITY, ""),
      HOLDERS (STATE_SECURITY, ""),
      HOLDERS (AUDIT_OFFICE, "") } },
};

static void
test_region_organs (void)
{
  expect_roles_of (organs_model, region_organs);
}

/* two operators: each role the union over them */
static const Resolution organs_two_operators[] = {
  { "s-two", AT, {
      HOLDERS (OPERATOR, "u-op u-op-county"),
      /* sec-w: the province's for the city operator, the county's own for
       * the county operator */
      HOLDERS (PROTECTION_DEPT, "u-prot-w-county u-prot-w-prov"),
      HOLDERS (PUBLIC_SECURITY, "u-psb-city"),
      HOLDERS (STATE_SECURITY, "u-ssb-prov"),
      HOLDERS (AUDIT_OFFICE, "u-audit-county u-audit-prov"),
      PATH (AUDIT_OFFICE, "u-audit-county", "s-two u-op-county r-county u-audit-county"),
      PATH (AUDIT_OFFICE, "u-audit-prov", "s-two u-op r-city r-prov u-audit-prov") } },
};

static void
test_organs_two_operators (void)
{
  expect_roles_of (organs_model, organs_two_operators);
}

/* JSON rendering (`resp who --format json`) */
static void
test_render_json (void)
{
  RespModel *m = model_load (fallback_model);
  RespRoles *r;
  char *json;
  RespJsonTree *tree;
  RespJsonNode *root, *node, *at, *roles, *warnings;
  gboolean seen[RESP_N_ROLES] = { FALSE };

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  r = test_resolve (m, "s-sub", "2026-03-05T00:10:00Z");
  CU_ASSERT_PTR_NOT_NULL_FATAL (r);
  json = resp_roles_render (r, RESP_FORMAT_JSON);
  CU_ASSERT_PTR_NOT_NULL_FATAL (json);
  /* one value, and nothing after it but whitespace */
  tree = test_parse_json (json);
  CU_ASSERT_PTR_NOT_NULL_FATAL (tree);
  root = resp_json_tree_get_root (tree);
  CU_ASSERT_EQUAL_FATAL (root->type, RESP_JSON_OBJECT);
  node = resp_json_node_get_member (root, "node");
  at = resp_json_node_get_member (root, "at");
  roles = resp_json_node_get_member (root, "roles");
  warnings = resp_json_node_get_member (root, "warnings");
  CU_ASSERT_PTR_NOT_NULL_FATAL (node);
  CU_ASSERT_PTR_NOT_NULL_FATAL (at);
  CU_ASSERT_PTR_NOT_NULL_FATAL (roles);
  CU_ASSERT_PTR_NOT_NULL_FATAL (warnings);
  CU_ASSERT_EQUAL (node->type, RESP_JSON_STRING);
  CU_ASSERT_STRING_EQUAL (node->v.string.str, "s-sub");
  CU_ASSERT_EQUAL (at->type, RESP_JSON_STRING);
  CU_ASSERT_STRING_EQUAL (at->v.string.str, "2026-03-05T08:10:00+08:00");
  CU_ASSERT_EQUAL (warnings->type, RESP_JSON_ARRAY);
  CU_ASSERT_EQUAL_FATAL (roles->type, RESP_JSON_OBJECT);
  /* every role of 4.3 but `involved`, each an array, empty where nobody */
  CU_ASSERT_EQUAL (roles->v.children.n, RESP_N_ROLES - 1);
  for (guint i = 0; i < roles->v.children.n; i++)
    {
      RespJsonNode *list = roles->v.children.items[i];
      RespRole role;

      CU_ASSERT_TRUE_FATAL (resp_role_from_string (list->key, &role));
      CU_ASSERT_NOT_EQUAL (role, RESP_ROLE_INVOLVED);
      CU_ASSERT_EQUAL (list->type, RESP_JSON_ARRAY);
      seen[role] = TRUE;
      if (list->type == RESP_JSON_ARRAY)
        {
          char **want = resp_roles_dup_holders (r, role);
          CU_ASSERT_EQUAL (list->v.children.n, g_strv_length (want));
          for (guint k = 0; k < list->v.children.n && want[k] != NULL; k++)
            CU_ASSERT_STRING_EQUAL (list->v.children.items[k]->v.string.str, want[k]);
          g_strfreev (want);
        }
    }
  for (guint role = 0; role < RESP_N_ROLES; role++)
    CU_ASSERT_EQUAL (seen[role], role != RESP_ROLE_INVOLVED);
  CU_ASSERT_PTR_NULL (strstr (json, "\"involved\""));
  {
    RespJsonNode *reg = resp_json_node_get_member (roles, "regulator");
    CU_ASSERT_TRUE (reg != NULL && reg->type == RESP_JSON_ARRAY && reg->v.children.n == 0);
  }
  resp_json_tree_free (tree);
  g_free (json);
  resp_roles_unref (r);

  /* a warning in JSON */
  r = test_resolve (m, "s-orphan", AT);
  CU_ASSERT_PTR_NOT_NULL_FATAL (r);
  json = resp_roles_render (r, RESP_FORMAT_JSON);
  CU_ASSERT_PTR_NOT_NULL_FATAL (json);
  test_contains (json, "\"role_unresolved\"", "\"operator\"");
  tree = test_parse_json (json);
  CU_ASSERT_PTR_NOT_NULL_FATAL (tree);
  warnings = resp_json_node_get_member (resp_json_tree_get_root (tree), "warnings");
  CU_ASSERT_PTR_NOT_NULL_FATAL (warnings);
  CU_ASSERT_EQUAL_FATAL (warnings->type, RESP_JSON_ARRAY);
  CU_ASSERT_EQUAL (warnings->v.children.n, resp_roles_get_n_warnings (r));
  if (warnings->v.children.n > 0)
    {
      RespJsonNode *w = warnings->v.children.items[0];
      RespJsonNode *code = resp_json_node_get_member (w, "code");
      RespJsonNode *wnode = resp_json_node_get_member (w, "node");
      RespJsonNode *wrole = resp_json_node_get_member (w, "role");

      CU_ASSERT_TRUE (code != NULL && strcmp (code->v.string.str, "role_unresolved") == 0);
      CU_ASSERT_TRUE (wnode != NULL && strcmp (wnode->v.string.str, "s-orphan") == 0);
      CU_ASSERT_PTR_NOT_NULL (wrole);
      CU_ASSERT_PTR_NOT_NULL (resp_json_node_get_member (w, "message"));
    }
  resp_json_tree_free (tree);
  g_free (json);

  /* a reference is the same resolution, and outlives the first */
  CU_ASSERT_PTR_EQUAL (resp_roles_ref (r), r);
  resp_roles_unref (r);
  CU_ASSERT_STRING_EQUAL (resp_roles_get_node (r), "s-orphan");

  /* the other formats render something */
  json = resp_roles_render (r, RESP_FORMAT_TEXT);
  CU_ASSERT_TRUE (json != NULL && json[0] != '\0');
  g_free (json);
  json = resp_roles_render (r, RESP_FORMAT_DOT);
  CU_ASSERT_TRUE (json != NULL && g_str_has_prefix (json, "digraph"));
  g_free (json);
  resp_roles_unref (r);
  resp_model_unref (m);
}

/* Preconditions */
static RespModel *critical_model;

static void
resolve_null_model (void)
{
  resp_model_resolve_roles (NULL, "s-sub", 0, NULL);
}

static void
resolve_null_node (void)
{
  resp_model_resolve_roles (critical_model, NULL, 0, NULL);
}

static void
resolve_fine (void)
{
  RespRoles *r = resp_model_resolve_roles (critical_model, "s-sub", 0, NULL);

  if (r != NULL)
    resp_roles_unref (r);
}

static const TestMisuse misuses[] = {
  { resolve_null_model, "resp_model_resolve_roles: assertion 'model != NULL' failed" },
  { resolve_null_node, "resp_model_resolve_roles: assertion 'node != NULL' failed" },
};

static void
test_preconditions (void)
{
  critical_model = model_load (fallback_model);
  CU_ASSERT_PTR_NOT_NULL_FATAL (critical_model);
  test_misuses (misuses);
  CU_ASSERT_TRUE (test_no_critical (resolve_fine));
  resp_model_unref (critical_model);
  critical_model = NULL;
}

/* ---- (c) what a person is responsible for (`resp scope`, SPEC §5) ----
 *
 * Derived by hand from city.json: a person's seats and headships are their
 * own `member` and `heads` relations live at the instant; the systems are
 * those for which they hold first_responsible, direct_responsible,
 * security_lead or unit_head, resolved as `who` resolves them (SPEC §4.3). */

typedef struct {
  const char *person;
  const char *at;
  const char *seats;           /* "committee:seat", sorted, space-separated */
  const char *heads;
  const char *first;           /* the systems of each role */
  const char *direct;
  const char *security_lead;
  const char *unit_head;
} Scope;

static const Scope scopes[] = {
  /* k-gov-office leads u-gov-office, the superior of u-data-center, which
   * operates s-portal, the county's s-county-edu (its sponsor changes
   * nothing here), and s-egov beside u-city-data since 2020-06-01 (every
   * role is the union over both operators); u-gov-office operates nothing */
  { "p-li", AT, "k-gov-office:main_leader", "u-gov-office", "s-county-edu s-egov s-portal", "", "", "" },
  /* two seats on k-city-data, which leads u-city-data, the other operator
   * of s-egov; s-egov has a security lead of its own (p-wu) */
  { "p-gu", AT, "k-city-data:cyber_lead k-city-data:main_leader", "u-city-data",
    "s-egov", "s-egov", "", "s-egov" },
  /* before p-gu's posts began on 2022-11-01 */
  { "p-gu", "2020-01-01", "", "", "", "", "", "" },
  /* security lead of u-data-center: s-portal and s-county-edu have none of
   * their own, s-egov has p-wu */
  { "p-zhao", AT, "", "", "", "", "s-county-edu s-portal", "" },
  /* heads the 网信办, which operates s-cac-monitor (its security lead is p-ren) */
  { "p-ma", AT, "", "u-city-cac", "", "", "", "s-cac-monitor" },
  { "p-ren", AT, "", "", "", "", "s-cac-monitor", "" },
  /* k-city is the committee of the systems whose operators no committee
   * leads: s-app (u-platform) and s-cac-monitor (u-city-cac, under
   * u-city-propaganda), both in r-city; p-wang sat until 2025-06-30 */
  { "p-wang", "2025-06-29", "k-city:main_leader", "", "s-app s-cac-monitor", "", "", "" },
  { "p-wang", "2025-06-30", "", "", "", "", "", "" },
  { "p-zhou", AT, "k-city:main_leader", "", "s-app s-cac-monitor", "", "", "" },
  /* the propaganda department he heads operates nothing */
  { "p-liu", AT, "k-city:cyber_lead", "u-city-propaganda", "", "s-app s-cac-monitor", "", "" },
  /* k-water leads u-water, which operates s-water; p-tian is also its own
   * security lead */
  { "p-tian", AT, "k-water:cyber_lead", "", "", "s-water", "s-water", "" },
  { "p-wei", AT, "k-water:main_leader", "u-water", "s-water", "", "", "s-water" },
  /* 终身问责: p-zhang headed u-data-center from 2020-03-01 to 2025-10-31,
   * before it operated s-egov and after; in 2026 he heads nothing */
  { "p-zhang", "2020-04-01", "", "u-data-center", "", "", "", "s-county-edu s-portal" },
  { "p-zhang", "2024-01-01", "", "u-data-center", "", "", "", "s-county-edu s-egov s-portal" },
  { "p-zhang", AT, "", "", "", "", "", "" },
};

/* The seats of a scope as "committee:seat", sorted, space-separated: the
 * SPEC fixes no order among one person's seats */
static char *
seats_string (RespScope *scope)
{
  GPtrArray *seats = g_ptr_array_new_with_free_func (g_free);
  char *s;

  for (guint i = 0; i < resp_scope_get_n_seats (scope); i++)
    {
      RespSeat seat = resp_scope_get_seat_role (scope, i);

      g_ptr_array_add (seats, g_strdup_printf ("%s:%s", resp_scope_get_seat_committee (scope, i),
                                               resp_seat_to_string (seat)));
    }
  g_ptr_array_sort (seats, cmp_str);
  g_ptr_array_add (seats, NULL);
  s = g_strjoinv (" ", (char **) seats->pdata);
  g_ptr_array_free (seats, TRUE);
  return s;
}

static void
expect_list (const Scope *c, const char *what, char **got, const char *expected)
{
  char *joined = g_strjoinv (" ", got);
  char *claim = g_strdup_printf ("%s at %s, %s: expected [%s], got [%s]", c->person, c->at, what,
                                 expected, joined);

  if (strcmp (joined, expected) != 0)
    fprintf (stderr, "%s\n", claim);
  test_report_at (__LINE__, strcmp (joined, expected) == 0, claim);
  g_strfreev (got);
  g_free (joined);
  g_free (claim);
}

static void
test_scope (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    {
      const Scope *c = &scopes[i];
      GError *error = NULL;
      RespScope *scope = resp_model_scope_person (test_city_model, c->person,
                                                  test_instant (c->at), &error);
      char *seats;

      CU_ASSERT_PTR_NULL (error);
      g_clear_error (&error);
      CU_ASSERT_PTR_NOT_NULL (scope);
      if (scope == NULL)
        continue;
      CU_ASSERT_STRING_EQUAL (resp_scope_get_person (scope), c->person);
      CU_ASSERT_EQUAL (resp_scope_get_at (scope), test_instant (c->at));
      seats = seats_string (scope);
      expect_list (c, "seats", g_strsplit (seats, " ", -1), c->seats);
      g_free (seats);
      expect_list (c, "heads", resp_scope_dup_heads (scope), c->heads);
      expect_list (c, "first_responsible",
                   resp_scope_dup_responsible_for (scope, RESP_ROLE_FIRST_RESPONSIBLE), c->first);
      expect_list (c, "direct_responsible",
                   resp_scope_dup_responsible_for (scope, RESP_ROLE_DIRECT_RESPONSIBLE), c->direct);
      expect_list (c, "security_lead",
                   resp_scope_dup_responsible_for (scope, RESP_ROLE_SECURITY_LEAD),
                   c->security_lead);
      expect_list (c, "unit_head", resp_scope_dup_responsible_for (scope, RESP_ROLE_UNIT_HEAD),
                   c->unit_head);
      resp_scope_unref (scope);
    }
}

/* A scope agrees with `who`: each system it lists, resolved at the same
 * instant, has the person among the holders of that role */
static void
test_scope_agrees_with_who (void)
{
  static const RespRole roles[] = {
    RESP_ROLE_FIRST_RESPONSIBLE, RESP_ROLE_DIRECT_RESPONSIBLE, RESP_ROLE_SECURITY_LEAD,
    RESP_ROLE_UNIT_HEAD,
  };
  guint n_checked = 0, n_listed = 0;

  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    {
      const char *lists[] = {
        scopes[i].first, scopes[i].direct, scopes[i].security_lead, scopes[i].unit_head,
      };

      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        {
          char **words = g_strsplit (lists[l], " ", -1);
          n_listed += lists[l][0] != '\0' ? g_strv_length (words) : 0;
          g_strfreev (words);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    {
      RespScope *scope = resp_model_scope_person (test_city_model, scopes[i].person,
                                                  test_instant (scopes[i].at), NULL);

      CU_ASSERT_PTR_NOT_NULL_FATAL (scope);
      for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
        {
          char **systems = resp_scope_dup_responsible_for (scope, roles[r]);

          for (guint k = 0; systems[k] != NULL; k++)
            {
              RespRoles *who = test_resolve (test_city_model, systems[k], scopes[i].at);
              char **holders = who != NULL ? resp_roles_dup_holders (who, roles[r]) : NULL;

              CU_ASSERT_TRUE (holders != NULL
                              && g_strv_contains ((const char * const *) holders,
                                                  scopes[i].person));
              n_checked++;
              g_strfreev (holders);
              g_clear_pointer (&who, resp_roles_unref);
            }
          g_strfreev (systems);
        }
      resp_scope_unref (scope);
    }
  /* every system of the table was checked, and no other */
  CU_ASSERT_EQUAL (n_checked, n_listed);
}

static void
test_scope_render (void)
{
  RespScope *scope = resp_model_scope_person (test_city_model, "p-gu", test_instant (AT), NULL);
  char *json, *text;
  RespJsonTree *tree;
  RespJsonNode *root, *seats, *heads, *rf, *list;

  CU_ASSERT_PTR_NOT_NULL_FATAL (scope);
  json = resp_scope_render (scope, RESP_FORMAT_JSON);
  tree = test_parse_json (json);
  CU_ASSERT_PTR_NOT_NULL_FATAL (tree);
  root = resp_json_tree_get_root (tree);
  CU_ASSERT_EQUAL_FATAL (root->type, RESP_JSON_OBJECT);
  /* SPEC §5: {"person", "at", "seats": [{"committee", "role"}], "heads",
   * "responsible_for": {the four roles}} */
  CU_ASSERT_EQUAL (root->v.children.n, 5);
  CU_ASSERT_STRING_EQUAL (resp_json_node_get_member (root, "person")->v.string.str, "p-gu");
  CU_ASSERT_STRING_EQUAL (resp_json_node_get_member (root, "at")->v.string.str, AT);
  seats = resp_json_node_get_member (root, "seats");
  CU_ASSERT_FATAL (seats != NULL && seats->type == RESP_JSON_ARRAY);
  CU_ASSERT_EQUAL_FATAL (seats->v.children.n, 2);
  for (guint i = 0; i < 2; i++)
    {
      RespJsonNode *seat = seats->v.children.items[i];
      const char *role = resp_json_node_get_member (seat, "role")->v.string.str;

      CU_ASSERT_STRING_EQUAL (resp_json_node_get_member (seat, "committee")->v.string.str,
                              "k-city-data");
      CU_ASSERT (g_str_equal (role, "main_leader") || g_str_equal (role, "cyber_lead"));
    }
  /* one seat each */
  CU_ASSERT_STRING_NOT_EQUAL (resp_json_node_get_member (seats->v.children.items[0],
                                                         "role")->v.string.str,
                              resp_json_node_get_member (seats->v.children.items[1],
                                                         "role")->v.string.str);
  heads = resp_json_node_get_member (root, "heads");
  CU_ASSERT_FATAL (heads != NULL && heads->v.children.n == 1);
  CU_ASSERT_STRING_EQUAL (heads->v.children.items[0]->v.string.str, "u-city-data");
  rf = resp_json_node_get_member (root, "responsible_for");
  CU_ASSERT_FATAL (rf != NULL && rf->type == RESP_JSON_OBJECT);
  CU_ASSERT_EQUAL (rf->v.children.n, 4);
  list = resp_json_node_get_member (rf, "first_responsible");
  CU_ASSERT_TRUE (list != NULL && list->v.children.n == 1
                  && g_str_equal (list->v.children.items[0]->v.string.str, "s-egov"));
  list = resp_json_node_get_member (rf, "direct_responsible");
  CU_ASSERT_TRUE (list != NULL && list->v.children.n == 1);
  list = resp_json_node_get_member (rf, "security_lead");
  CU_ASSERT_TRUE (list != NULL && list->type == RESP_JSON_ARRAY && list->v.children.n == 0);
  list = resp_json_node_get_member (rf, "unit_head");
  CU_ASSERT_TRUE (list != NULL && list->v.children.n == 1);
  resp_json_tree_free (tree);
  g_free (json);

  /* text is for people: the names of the person, the unit and the system */
  text = resp_scope_render (scope, RESP_FORMAT_TEXT);
  test_contains (text, "顾某", "江川市政务服务和数据管理局", "江川市一体化政务服务平台");
  g_free (text);

  /* a reference is the same scope, and outlives the first */
  CU_ASSERT_PTR_EQUAL (resp_scope_ref (scope), scope);
  resp_scope_unref (scope);
  CU_ASSERT_STRING_EQUAL (resp_scope_get_person (scope), "p-gu");
  resp_scope_unref (scope);
}

static void
test_scope_errors (void)
{
  static const struct {
    const char *node;
    RespError   code;
  } refused[] = {
    { "p-nobody", RESP_ERROR_NOT_FOUND },
    { "", RESP_ERROR_NOT_FOUND },
    /* only a person has a scope */
    { "s-portal", RESP_ERROR_INVALID_ARGUMENT },
    { "k-city", RESP_ERROR_INVALID_ARGUMENT },
    { "u-city-cac", RESP_ERROR_INVALID_ARGUMENT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      GError *error = NULL;
      RespScope *scope = resp_model_scope_person (test_city_model, refused[i].node,
                                                  test_instant (AT), &error);

      CU_ASSERT_PTR_NULL (scope);
      CU_ASSERT_TRUE (g_error_matches (error, RESP_ERROR, refused[i].code));
      g_clear_error (&error);
      g_clear_pointer (&scope, resp_scope_unref);
    }
  /* without a GError the failure is still a plain NULL */
  CU_ASSERT_PTR_NULL (resp_model_scope_person (test_city_model, "p-nobody", 0, NULL));
}

/* static, so that the child that exits on the critical still reaches it */
static RespScope *volatile misused_scope;

static void
scope_null_model (void)
{
  resp_model_scope_person (NULL, "p-li", 0, NULL);
}

static void
scope_null_person (void)
{
  resp_model_scope_person (test_city_model, NULL, 0, NULL);
}

static void
scope_seat_out_of_range (void)
{
  misused_scope = resp_model_scope_person (test_city_model, "p-li", test_instant (AT), NULL);
  /* p-li holds one seat: index 1 is past the end */
  resp_scope_get_seat_committee (misused_scope, 1);
}

static void
scope_seat_role_out_of_range (void)
{
  misused_scope = resp_model_scope_person (test_city_model, "p-ma", test_instant (AT), NULL);
  resp_scope_get_seat_role (misused_scope, 0);
}

static void
scope_not_a_scope_role (void)
{
  misused_scope = resp_model_scope_person (test_city_model, "p-li", test_instant (AT), NULL);
  /* a scope lists systems for four roles only */
  resp_scope_dup_responsible_for (misused_scope, RESP_ROLE_OPERATOR);
}

static void
scope_null_getters (void)
{
  resp_scope_get_at (NULL);
}

static void
scope_as_dot (void)
{
  misused_scope = resp_model_scope_person (test_city_model, "p-li", test_instant (AT), NULL);
  /* a scope has no picture: refused, not written as text */
  g_assert_null (resp_scope_render (misused_scope, RESP_FORMAT_DOT));
}

static void
test_scope_misuse (void)
{
  static const TestMisuse scope_misuses[] = {
    { scope_null_model, "resp_model_scope_person: assertion 'model != NULL' failed" },
    { scope_null_person, "resp_model_scope_person: assertion 'person != NULL' failed" },
    { scope_seat_out_of_range,
      "resp_scope_get_seat_committee: assertion 'index < self->seats->len' failed" },
    { scope_seat_role_out_of_range,
      "resp_scope_get_seat_role: assertion 'index < self->seats->len' failed" },
    { scope_not_a_scope_role, "(resp_scope_dup_responsible_for): should not be reached" },
    { scope_null_getters, "resp_scope_get_at: assertion 'self != NULL' failed" },
    { scope_as_dot, "resp_scope_render: a person's scope cannot be rendered as dot" },
  };

  test_misuses (scope_misuses);
}

static CU_TestInfo oracle_tests[] = {
  { "city-expected-who.json", test_city_oracle },
  { "tenure gap warning and path", test_city_gap_warning },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo targeted_tests[] = {
  { "committee from a superior", test_committee_from_superior },
  { "committee from a region", test_committee_from_region },
  { "security_lead fallback", test_security_lead_fallback },
  { "two operators", test_two_operators },
  { "coordinator nearest up", test_coordinator_nearest_up },
  { "a department's own 网信 body", test_unit_coordinator },
  { "authority and proposer", test_authority },
  { "committee node", test_committee_node },
  { "warnings and errors", test_warnings_and_errors },
  { "interval edges", test_interval_edges },
  { "tenure change", test_tenure_change },
  { "validity window", test_validity_window },
  { "structure over time", test_structure_over_time },
  { "regulator and regional supervisor", test_regulator },
  { "protection department", test_protection_dept },
  { "public security, state security, audit office", test_region_organs },
  { "organs of a region with two operators", test_organs_two_operators },
  { "JSON rendering", test_render_json },
  { "preconditions", test_preconditions },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo scope_tests[] = {
  { "seats, headships and systems of a person", test_scope },
  { "a scope agrees with who", test_scope_agrees_with_who },
  { "JSON and text", test_scope_render },
  { "not a person, no such node", test_scope_errors },
  { "API misuse", test_scope_misuse },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "city oracle", test_city_init, test_city_clean, NULL, NULL, oracle_tests },
  { "roles", test_city_init, test_city_clean, NULL, NULL, targeted_tests },
  { "scope", test_city_init, test_city_clean, NULL, NULL, scope_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return test_main (suites);
}
