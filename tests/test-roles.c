/* test-roles.c: role resolution at an instant (SPEC §4.3, `resp who` in §5)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-builder.h"
#include "resp-json-reader-private.h"

#include <stdio.h>
#include <string.h>

/* ---- Helpers ---- */


static RespRoles *
resolve_at (int         caller,
            RespModel  *model,
            const char *node,
            const char *at)
{
  GError *error = NULL;
  RespRoles *roles = resp_model_resolve_roles (model, node, test_instant (at), &error);

  if (roles == NULL)
    fprintf (stderr, "line %d: cannot resolve '%s' at %s: %s\n", caller, node, at,
             error != NULL ? error->message : "(no error)");
  test_report_at (caller, roles != NULL && error == NULL, "resp_model_resolve_roles succeeds");
  g_clear_error (&error);
  return roles;
}
#define resolve(model, node, at) resolve_at (__LINE__, (model), (node), (at))

/* The holders of a role as one space-separated string; also checks that
 * they come sorted bytewise and each once. */
static char *
holders_string (int        caller,
                RespRoles *roles,
                RespRole   role)
{
  char **h = resp_roles_dup_holders (roles, role);
  gboolean sorted = TRUE;
  char *s;

  test_report_at (caller, h != NULL, "resp_roles_dup_holders returns an array");
  if (h == NULL)
    return g_strdup ("(null)");
  for (guint i = 0; h[i] != NULL && h[i + 1] != NULL; i++)
    if (strcmp (h[i], h[i + 1]) >= 0)
      sorted = FALSE;
  test_report_at (caller, sorted, "holders are sorted and unique");
  s = g_strjoinv (" ", h);
  g_strfreev (h);
  return s;
}

static void
check_holders_at (int         caller,
                  RespRoles  *roles,
                  RespRole    role,
                  const char *expected)
{
  char *got;
  gboolean ok;

  if (roles == NULL)
    {
      test_report_at (caller, FALSE, "roles were resolved");
      return;
    }
  got = holders_string (caller, roles, role);
  ok = strcmp (got, expected) == 0;
  if (!ok)
    fprintf (stderr, "line %d: %s, role %s: expected [%s], got [%s]\n", caller,
             resp_roles_get_node (roles), resp_role_to_string (role), expected, got);
  {
    char *what = g_strdup_printf ("role %s: expected [%s], got [%s]",
                                  resp_role_to_string (role), expected, got);
    test_report_at (caller, ok, what);
    g_free (what);
  }
  g_free (got);
}
#define check_holders(roles, role, expected) \
  check_holders_at (__LINE__, (roles), (role), (expected))

/* Checks path `index` of holder in role, as a space-separated string. */
static void
check_path_at (int         caller,
               RespRoles  *roles,
               RespRole    role,
               const char *holder,
               guint       index,
               const char *expected)
{
  char **path;
  char *got;
  gboolean ok;

  if (roles == NULL)
    {
      test_report_at (caller, FALSE, "roles were resolved");
      return;
    }
  path = resp_roles_dup_path (roles, role, holder, index);
  got = path != NULL ? g_strjoinv (" ", path) : g_strdup ("(null)");
  ok = strcmp (got, expected) == 0;
  if (!ok)
    fprintf (stderr, "line %d: path %u of %s as %s: expected [%s], got [%s]\n", caller, index,
             holder, resp_role_to_string (role), expected, got);
  {
    char *what = g_strdup_printf ("path of %s as %s: expected [%s], got [%s]", holder,
                                  resp_role_to_string (role), expected, got);
    test_report_at (caller, ok, what);
    g_free (what);
  }
  g_free (got);
  g_strfreev (path);
}
#define check_path(roles, role, holder, index, expected) \
  check_path_at (__LINE__, (roles), (role), (holder), (index), (expected))

/* Whether a role_unresolved warning names role for node. */
static gboolean
has_warning (RespRoles  *roles,
             RespRole    role,
             const char *node)
{
  for (guint i = 0; i < resp_roles_get_n_warnings (roles); i++)
    if (resp_roles_get_warning_role (roles, i) == role
        && g_strcmp0 (resp_roles_get_warning_code (roles, i), "role_unresolved") == 0
        && g_strcmp0 (resp_roles_get_warning_node (roles, i), node) == 0)
      return TRUE;
  return FALSE;
}

static void
roles_free (RespRoles *roles)
{
  if (roles != NULL)
    resp_roles_unref (roles);
}

/* ---- (a) the independent oracle on city.json ---- */

static int
cmp_str (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
test_city_oracle (void)
{
  char *path = test_src_path ("tests/data/city-expected-who.json");
  char *data = NULL;
  gsize len = 0;
  GError *error = NULL;
  RespJsonReader *reader;
  RespJsonTree *tree;
  RespJsonNode *root, *queries;
  RespModel *model;
  guint n_checked = 0;

  CU_ASSERT_TRUE_FATAL (g_file_get_contents (path, &data, &len, &error));
  reader = resp_json_reader_new (data, len);
  tree = resp_json_reader_read_tree (reader, resp_json_reader_next (reader));
  CU_ASSERT_PTR_NOT_NULL_FATAL (tree);
  root = resp_json_tree_get_root (tree);
  CU_ASSERT_EQUAL_FATAL (root->type, RESP_JSON_OBJECT);
  queries = resp_json_node_get_member (root, "queries");
  CU_ASSERT_PTR_NOT_NULL_FATAL (queries);
  CU_ASSERT_EQUAL_FATAL (queries->type, RESP_JSON_ARRAY);
  CU_ASSERT_EQUAL (queries->v.children.n, 15);

  model = test_load_city ();
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
      roles = resp_model_resolve_roles (model, node->v.string.str,
                                        test_instant (at->v.string.str), &error);
      if (roles == NULL)
        fprintf (stderr, "query %u (%s at %s): %s\n", q, node->v.string.str,
                 at->v.string.str, error->message);
      CU_ASSERT_PTR_NOT_NULL (roles);
      g_clear_error (&error);
      if (roles == NULL)
        continue;
      CU_ASSERT_STRING_EQUAL (resp_roles_get_node (roles), node->v.string.str);
      CU_ASSERT_EQUAL (resp_roles_get_at (roles), test_instant (at->v.string.str));

      for (guint k = 0; k < expected->v.children.n; k++)
        {
          RespJsonNode *list = expected->v.children.items[k];
          RespRole role;
          GPtrArray *want = g_ptr_array_new ();
          char *want_s, *got_s;

          CU_ASSERT_TRUE_FATAL (resp_role_from_string (list->key, &role));
          CU_ASSERT_EQUAL_FATAL (list->type, RESP_JSON_ARRAY);
          seen[role] = TRUE;
          for (guint i = 0; i < list->v.children.n; i++)
            g_ptr_array_add (want, (gpointer) list->v.children.items[i]->v.string.str);
          g_ptr_array_sort (want, cmp_str);
          g_ptr_array_add (want, NULL);
          want_s = g_strjoinv (" ", (char **) want->pdata);
          got_s = holders_string (__LINE__, roles, role);
          if (strcmp (want_s, got_s) != 0)
            fprintf (stderr, "query %u (%s at %s), role %s: expected [%s], got [%s]\n", q,
                     node->v.string.str, at->v.string.str, list->key, want_s, got_s);
          CU_ASSERT_STRING_EQUAL (got_s, want_s);
          n_checked++;
          g_free (want_s);
          g_free (got_s);
          g_ptr_array_free (want, TRUE);
        }
      /* the oracle lists every role but `involved` */
      for (guint r = 0; r < RESP_N_ROLES; r++)
        CU_ASSERT_EQUAL (seen[r], r != RESP_ROLE_INVOLVED);
      /* nobody is ever involved without an event */
      check_holders (roles, RESP_ROLE_INVOLVED, "");
      resp_roles_unref (roles);
    }
  CU_ASSERT_EQUAL (n_checked, 15 * (RESP_N_ROLES - 1));

  resp_model_unref (model);
  resp_json_tree_free (tree);
  resp_json_reader_free (reader);
  g_free (data);
  g_free (path);
}

/* The warnings that go with the oracle's empty roles */
static void
test_city_gap_warning (void)
{
  RespModel *model = test_load_city ();
  RespRoles *roles = resolve (model, "s-portal", "2025-11-10T09:00:00+08:00");

  CU_ASSERT_PTR_NOT_NULL_FATAL (roles);
  check_holders (roles, RESP_ROLE_UNIT_HEAD, "");
  CU_ASSERT_TRUE (has_warning (roles, RESP_ROLE_UNIT_HEAD, "s-portal"));
  /* the gap is the interval of validity */
  CU_ASSERT_EQUAL (resp_roles_get_valid_from (roles), test_instant ("2025-10-31"));
  CU_ASSERT_EQUAL (resp_roles_get_valid_until (roles), test_instant ("2025-11-24"));
  resp_roles_unref (roles);

  roles = resolve (model, "s-portal", "2026-03-05T08:10:00+08:00");
  CU_ASSERT_PTR_NOT_NULL_FATAL (roles);
  CU_ASSERT_FALSE (has_warning (roles, RESP_ROLE_UNIT_HEAD, "s-portal"));
  /* SPEC §5: the path from the subject outwards */
  check_path (roles, RESP_ROLE_FIRST_RESPONSIBLE, "p-li", 0,
              "s-portal u-data-center u-gov-office k-gov-office p-li");
  resp_roles_unref (roles);
  resp_model_unref (model);
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
static void
test_committee_from_superior (void)
{
  RespModel *m = model_load (fallback_model);
  RespRoles *r;

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  r = resolve (m, "s-sub", AT);
  check_holders (r, RESP_ROLE_OPERATOR, "u-sub");
  check_holders (r, RESP_ROLE_CHAIN, "u-dept u-sub");
  check_holders (r, RESP_ROLE_COMMITTEE, "k-dept");
  check_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-dept-main");
  check_holders (r, RESP_ROLE_DIRECT_RESPONSIBLE, "p-dept-cyber");
  check_holders (r, RESP_ROLE_TEAM_MEMBER, "p-dept-m");
  check_holders (r, RESP_ROLE_SECURITY_LEAD, "p-sl-sub");
  check_holders (r, RESP_ROLE_UNIT_HEAD, "p-head-sub");
  check_holders (r, RESP_ROLE_INVOLVED, "");
  /* u-sub has no located_in: its region is u-dept's, r-city */
  check_holders (r, RESP_ROLE_COORDINATOR, "u-cac-city");
  check_holders (r, RESP_ROLE_COORDINATOR_HEAD, "p-cac-city");
  /* no sector at all, so no regulator: the region committee supervises */
  check_holders (r, RESP_ROLE_REGULATOR, "");
  check_holders (r, RESP_ROLE_REGULATOR_HEAD, "");
  check_holders (r, RESP_ROLE_REGIONAL_SUPERVISOR, "p-city-cyber p-city-main");
  /* managers(k-dept): u-dept has no superior, so the committee of its region */
  check_holders (r, RESP_ROLE_AUTHORITY, "k-city");
  check_holders (r, RESP_ROLE_PROPOSER, "u-cac-city");
  CU_ASSERT_EQUAL (resp_roles_get_n_warnings (r), 0);
  roles_free (r);

  /* the same for the unit itself as subject */
  r = resolve (m, "u-sub", AT);
  check_holders (r, RESP_ROLE_OPERATOR, "u-sub");
  check_holders (r, RESP_ROLE_CHAIN, "u-dept u-sub");
  check_holders (r, RESP_ROLE_COMMITTEE, "k-dept");
  check_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-dept-main");
  check_holders (r, RESP_ROLE_SECURITY_LEAD, "p-sl-sub");
  check_holders (r, RESP_ROLE_UNIT_HEAD, "p-head-sub");
  check_holders (r, RESP_ROLE_COORDINATOR, "u-cac-city");
  check_holders (r, RESP_ROLE_AUTHORITY, "k-city");
  check_path (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-dept-main", 0, "u-sub u-dept k-dept p-dept-main");
  roles_free (r);

  /* a unit with a committee of its own is its own committee's */
  r = resolve (m, "u-dept", AT);
  check_holders (r, RESP_ROLE_CHAIN, "u-dept");
  check_holders (r, RESP_ROLE_COMMITTEE, "k-dept");
  roles_free (r);

  /* the nearest committee up the chain: k-deep leads u-deep itself */
  r = resolve (m, "s-deep", AT);
  check_holders (r, RESP_ROLE_CHAIN, "u-deep u-dept u-mid");
  check_holders (r, RESP_ROLE_COMMITTEE, "k-deep");
  check_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-deep-main");
  /* chain runs nearest first: the path to u-dept passes u-mid */
  check_path (r, RESP_ROLE_CHAIN, "u-dept", 0, "s-deep u-deep u-mid u-dept");
  check_path (r, RESP_ROLE_CHAIN, "u-mid", 0, "s-deep u-deep u-mid");
  roles_free (r);
  resp_model_unref (m);
}

/* committee from the operator's region, and from a region further up */
static void
test_committee_from_region (void)
{
  RespModel *m = model_load (fallback_model);
  RespRoles *r;

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  r = resolve (m, "s-city", AT);
  check_holders (r, RESP_ROLE_OPERATOR, "u-op-city");
  check_holders (r, RESP_ROLE_CHAIN, "u-op-city");
  check_holders (r, RESP_ROLE_COMMITTEE, "k-city");
  check_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-city-main");
  check_holders (r, RESP_ROLE_DIRECT_RESPONSIBLE, "p-city-cyber");
  check_holders (r, RESP_ROLE_TEAM_MEMBER, "p-city-m1 p-city-m2");
  check_holders (r, RESP_ROLE_UNIT_HEAD, "p-head-city");
  /* k-city leads a region: managed by the committee of the region above */
  check_holders (r, RESP_ROLE_AUTHORITY, "k-prov");
  check_holders (r, RESP_ROLE_PROPOSER, "u-cac-prov");
  check_path (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-city-main", 0,
              "s-city u-op-city r-city k-city p-city-main");
  roles_free (r);

  /* r-county has no committee: the nearest region up within that has one */
  r = resolve (m, "s-county", AT);
  check_holders (r, RESP_ROLE_COMMITTEE, "k-city");
  check_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-city-main");
  check_holders (r, RESP_ROLE_DIRECT_RESPONSIBLE, "p-city-cyber");
  check_holders (r, RESP_ROLE_TEAM_MEMBER, "p-city-m1 p-city-m2");
  check_holders (r, RESP_ROLE_UNIT_HEAD, "p-head-county");
  check_holders (r, RESP_ROLE_AUTHORITY, "k-prov");
  check_path (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-city-main", 0,
              "s-county u-op-county r-county r-city k-city p-city-main");
  roles_free (r);
  resp_model_unref (m);
}

/* security_lead: the system's own, else the operator's */
static void
test_security_lead_fallback (void)
{
  RespModel *m = model_load (fallback_model);
  RespRoles *r;

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  /* s-city has its own: the operator's is not used */
  r = resolve (m, "s-city", AT);
  check_holders (r, RESP_ROLE_SECURITY_LEAD, "p-sl-sys");
  check_path (r, RESP_ROLE_SECURITY_LEAD, "p-sl-sys", 0, "s-city p-sl-sys");
  roles_free (r);
  /* s-county has none: the operator's */
  r = resolve (m, "s-county", AT);
  check_holders (r, RESP_ROLE_SECURITY_LEAD, "p-sl-county");
  check_path (r, RESP_ROLE_SECURITY_LEAD, "p-sl-county", 0, "s-county u-op-county p-sl-county");
  CU_ASSERT_FALSE (has_warning (r, RESP_ROLE_SECURITY_LEAD, "s-county"));
  roles_free (r);
  /* a unit subject: its own */
  r = resolve (m, "u-op-city", AT);
  check_holders (r, RESP_ROLE_SECURITY_LEAD, "p-sl-city");
  roles_free (r);
  /* nobody anywhere: a warning */
  r = resolve (m, "s-deep", AT);
  check_holders (r, RESP_ROLE_SECURITY_LEAD, "");
  CU_ASSERT_TRUE (has_warning (r, RESP_ROLE_SECURITY_LEAD, "s-deep"));
  roles_free (r);
  resp_model_unref (m);
}

/* two operators: every role is the union over them */
static void
test_two_operators (void)
{
  RespModel *m = model_load (fallback_model);
  RespRoles *r;

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  r = resolve (m, "s-two", AT);
  check_holders (r, RESP_ROLE_OPERATOR, "u-op-city u-sub");
  check_holders (r, RESP_ROLE_CHAIN, "u-dept u-op-city u-sub");
  check_holders (r, RESP_ROLE_COMMITTEE, "k-city k-dept");
  check_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-city-main p-dept-main");
  check_holders (r, RESP_ROLE_DIRECT_RESPONSIBLE, "p-city-cyber p-dept-cyber");
  check_holders (r, RESP_ROLE_TEAM_MEMBER, "p-city-m1 p-city-m2 p-dept-m");
  check_holders (r, RESP_ROLE_SECURITY_LEAD, "p-sl-city p-sl-sub");
  check_holders (r, RESP_ROLE_UNIT_HEAD, "p-head-city p-head-sub");
  check_holders (r, RESP_ROLE_COORDINATOR, "u-cac-city");
  check_holders (r, RESP_ROLE_COORDINATOR_HEAD, "p-cac-city");
  check_holders (r, RESP_ROLE_REGIONAL_SUPERVISOR, "p-city-cyber p-city-main");
  check_holders (r, RESP_ROLE_AUTHORITY, "k-city k-prov");
  check_holders (r, RESP_ROLE_PROPOSER, "u-cac-city u-cac-prov");
  /* each holder is reached through its own operator */
  check_path (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-dept-main", 0,
              "s-two u-sub u-dept k-dept p-dept-main");
  check_path (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-city-main", 0,
              "s-two u-op-city r-city k-city p-city-main");
  CU_ASSERT_EQUAL (resp_roles_get_n_warnings (r), 0);
  roles_free (r);
  resp_model_unref (m);
}

/* coordinator: the nearest region up that has one */
static void
test_coordinator_nearest_up (void)
{
  RespModel *m = model_load (fallback_model);
  RespRoles *r;

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  r = resolve (m, "s-county", AT);
  check_holders (r, RESP_ROLE_COORDINATOR, "u-cac-city");
  check_holders (r, RESP_ROLE_COORDINATOR_HEAD, "p-cac-city");
  roles_free (r);
  r = resolve (m, "s-city", AT);
  check_holders (r, RESP_ROLE_COORDINATOR, "u-cac-city");
  roles_free (r);
  r = resolve (m, "u-top", AT);
  check_holders (r, RESP_ROLE_COORDINATOR, "u-cac-prov");
  check_holders (r, RESP_ROLE_COORDINATOR_HEAD, "p-cac-prov");
  roles_free (r);
  resp_model_unref (m);
}

/* authority: `manages` overrides the default managers; the defaults */
static void
test_authority (void)
{
  RespModel *m = model_load (fallback_model);
  RespRoles *r;

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  /* k-top manages k-sub: not k-dept, which leads u-sub2's superior */
  r = resolve (m, "s-sub2", AT);
  check_holders (r, RESP_ROLE_COMMITTEE, "k-sub");
  check_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-sub-main");
  check_holders (r, RESP_ROLE_AUTHORITY, "k-top");
  /* proposer: the coordinator of k-top's region (the region of u-top) */
  check_holders (r, RESP_ROLE_PROPOSER, "u-cac-prov");
  roles_free (r);

  /* default, K leads a unit: the nearest committee leading a superior
   * (u-mid has none, u-dept has k-dept) */
  r = resolve (m, "s-deep", AT);
  check_holders (r, RESP_ROLE_AUTHORITY, "k-dept");
  /* proposer: the coordinator of k-dept's region (u-dept is in r-city) */
  check_holders (r, RESP_ROLE_PROPOSER, "u-cac-city");
  roles_free (r);

  /* default, K leads a unit with no committee above it: the committee
   * leading the unit's region, nearest up (r-county has none) */
  r = resolve (m, "s-solo", AT);
  check_holders (r, RESP_ROLE_COMMITTEE, "k-solo");
  check_holders (r, RESP_ROLE_AUTHORITY, "k-city");
  check_holders (r, RESP_ROLE_PROPOSER, "u-cac-city");
  roles_free (r);

  /* default, K leads a region: the committee of the region above */
  r = resolve (m, "k-city", AT);
  check_holders (r, RESP_ROLE_AUTHORITY, "k-prov");
  check_holders (r, RESP_ROLE_PROPOSER, "u-cac-prov");
  roles_free (r);
  r = resolve (m, "k-dept", AT);
  check_holders (r, RESP_ROLE_AUTHORITY, "k-city");
  check_holders (r, RESP_ROLE_PROPOSER, "u-cac-city");
  roles_free (r);
  r = resolve (m, "k-sub", AT);
  check_holders (r, RESP_ROLE_AUTHORITY, "k-top");
  check_holders (r, RESP_ROLE_PROPOSER, "u-cac-prov");
  roles_free (r);
  resp_model_unref (m);
}

/* a committee node fills only its seats, authority and proposer */
static void
test_committee_node (void)
{
  static const RespRole filled[] = {
    RESP_ROLE_FIRST_RESPONSIBLE, RESP_ROLE_DIRECT_RESPONSIBLE, RESP_ROLE_TEAM_MEMBER,
    RESP_ROLE_AUTHORITY, RESP_ROLE_PROPOSER,
  };
  RespModel *m = model_load (fallback_model);
  RespRoles *r;

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  r = resolve (m, "k-dept", AT);
  CU_ASSERT_PTR_NOT_NULL_FATAL (r);
  check_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-dept-main");
  check_holders (r, RESP_ROLE_DIRECT_RESPONSIBLE, "p-dept-cyber");
  check_holders (r, RESP_ROLE_TEAM_MEMBER, "p-dept-m");
  check_holders (r, RESP_ROLE_AUTHORITY, "k-city");
  check_holders (r, RESP_ROLE_PROPOSER, "u-cac-city");
  for (guint role = 0; role < RESP_N_ROLES; role++)
    {
      gboolean is_filled = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (filled); i++)
        if (filled[i] == role)
          is_filled = TRUE;
      if (!is_filled)
        check_holders (r, (RespRole) role, "");
    }
  check_path (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-dept-main", 0, "k-dept p-dept-main");
  CU_ASSERT_EQUAL (resp_roles_get_n_warnings (r), 0);
  roles_free (r);

  /* k-city at the top of the fallbacks: the same shape */
  r = resolve (m, "k-city", AT);
  check_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-city-main");
  check_holders (r, RESP_ROLE_TEAM_MEMBER, "p-city-m1 p-city-m2");
  check_holders (r, RESP_ROLE_OPERATOR, "");
  check_holders (r, RESP_ROLE_COMMITTEE, "");
  check_holders (r, RESP_ROLE_COORDINATOR, "");
  check_holders (r, RESP_ROLE_REGIONAL_SUPERVISOR, "");
  roles_free (r);
  resp_model_unref (m);
}

/* warnings, and errors for nodes that cannot be resolved */
static void
test_warnings_and_errors (void)
{
  RespModel *m = model_load (fallback_model);
  RespRoles *r;
  GError *error = NULL;
  gboolean found = FALSE;

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  r = resolve (m, "s-orphan", AT);
  CU_ASSERT_PTR_NOT_NULL_FATAL (r);
  for (guint role = 0; role < RESP_N_ROLES; role++)
    check_holders (r, (RespRole) role, "");
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
  roles_free (r);

  /* a unit with no committee anywhere */
  r = resolve (m, "u-lost", AT);
  check_holders (r, RESP_ROLE_OPERATOR, "u-lost");
  check_holders (r, RESP_ROLE_COMMITTEE, "");
  CU_ASSERT_TRUE (has_warning (r, RESP_ROLE_COMMITTEE, "u-lost"));
  CU_ASSERT_TRUE (has_warning (r, RESP_ROLE_FIRST_RESPONSIBLE, "u-lost"));
  CU_ASSERT_TRUE (has_warning (r, RESP_ROLE_COORDINATOR, "u-lost"));
  CU_ASSERT_FALSE (has_warning (r, RESP_ROLE_OPERATOR, "u-lost"));
  roles_free (r);

  /* a person, a region or a sector has no roles */
  r = resp_model_resolve_roles (m, "p-city-main", test_instant (AT), &error);
  CU_ASSERT_PTR_NULL (r);
  CU_ASSERT_TRUE (g_error_matches (error, RESP_ERROR, RESP_ERROR_INVALID_ARGUMENT));
  g_clear_error (&error);
  roles_free (r);
  r = resp_model_resolve_roles (m, "r-city", test_instant (AT), &error);
  CU_ASSERT_PTR_NULL (r);
  CU_ASSERT_TRUE (g_error_matches (error, RESP_ERROR, RESP_ERROR_INVALID_ARGUMENT));
  g_clear_error (&error);
  roles_free (r);

  /* an unknown id */
  r = resp_model_resolve_roles (m, "s-nope", test_instant (AT), &error);
  CU_ASSERT_PTR_NULL (r);
  CU_ASSERT_TRUE (g_error_matches (error, RESP_ERROR, RESP_ERROR_NOT_FOUND));
  g_clear_error (&error);
  roles_free (r);
  r = resp_model_resolve_roles (m, "", test_instant (AT), &error);
  CU_ASSERT_PTR_NULL (r);
  CU_ASSERT_TRUE (g_error_matches (error, RESP_ERROR, RESP_ERROR_NOT_FOUND));
  g_clear_error (&error);
  roles_free (r);

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

static void
test_interval_edges (void)
{
  RespModel *m = model_load (tenure_model);
  RespRoles *r;

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  /* an instant equal to `since` is in */
  r = resolve (m, "s-x", "2020-01-01");
  check_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-a");
  roles_free (r);
  r = resolve (m, "s-x", "2019-12-31T15:59:59.999999Z");
  check_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "");
  CU_ASSERT_TRUE (r != NULL && has_warning (r, RESP_ROLE_FIRST_RESPONSIBLE, "s-x"));
  roles_free (r);
  /* an instant equal to `until` is out (and the successor's `since` in) */
  r = resolve (m, "s-x", "2025-06-29T23:59:59.999999+08:00");
  check_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-a");
  roles_free (r);
  r = resolve (m, "s-x", "2025-06-30");
  check_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-b");
  roles_free (r);
  r = resolve (m, "s-x", "2025-06-29T16:00:00Z");
  check_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-b");
  roles_free (r);

  /* the same for an operator with both ends */
  r = resolve (m, "s-y", "2021-12-31T23:59:59+08:00");
  check_holders (r, RESP_ROLE_OPERATOR, "");
  CU_ASSERT_TRUE (r != NULL && has_warning (r, RESP_ROLE_OPERATOR, "s-y"));
  roles_free (r);
  r = resolve (m, "s-y", "2022-01-01");
  check_holders (r, RESP_ROLE_OPERATOR, "u-op");
  check_holders (r, RESP_ROLE_COMMITTEE, "k-city");
  roles_free (r);
  r = resolve (m, "s-y", "2023-12-31T23:59:59+08:00");
  check_holders (r, RESP_ROLE_OPERATOR, "u-op");
  roles_free (r);
  r = resolve (m, "s-y", "2024-01-01");
  check_holders (r, RESP_ROLE_OPERATOR, "");
  check_holders (r, RESP_ROLE_COMMITTEE, "");
  roles_free (r);

  /* open `until` and open `since` */
  r = resolve (m, "s-x", "2022-06-01");
  check_holders (r, RESP_ROLE_UNIT_HEAD, "p-h1");
  roles_free (r);
  r = resolve (m, "s-x", "1990-01-01");
  check_holders (r, RESP_ROLE_UNIT_HEAD, "p-h1");
  check_holders (r, RESP_ROLE_DIRECT_RESPONSIBLE, "p-c");
  roles_free (r);
  r = resolve (m, "s-x", "2023-01-01");
  check_holders (r, RESP_ROLE_UNIT_HEAD, "");
  roles_free (r);
  r = resolve (m, "s-x", "2099-01-01");
  check_holders (r, RESP_ROLE_UNIT_HEAD, "p-h2");
  check_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-b");
  check_holders (r, RESP_ROLE_DIRECT_RESPONSIBLE, "p-c");
  roles_free (r);
  resp_model_unref (m);
}

/* the holder at the event instant, not today's */
static void
test_tenure_change (void)
{
  RespModel *m = model_load (tenure_model);
  RespModel *city = test_load_city ();
  RespRoles *r;

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  r = resolve (m, "s-x", "2024-03-01T10:00:00+08:00");
  check_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-a");
  check_holders (r, RESP_ROLE_UNIT_HEAD, "p-h2");
  roles_free (r);
  r = resolve (m, "k-city", "2024-03-01T10:00:00+08:00");
  check_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-a");
  roles_free (r);
  r = resp_model_resolve_roles (m, "s-x", resp_instant_now (), NULL);
  check_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-b");
  roles_free (r);

  /* city.json: 王某 until 2025-06-30, then 周某 */
  r = resolve (city, "k-city", "2025-06-29T23:59:59+08:00");
  check_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-wang");
  roles_free (r);
  r = resolve (city, "k-city", "2025-06-29T16:00:00Z");
  check_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-zhou");
  roles_free (r);
  r = resolve (city, "s-portal", "2024-01-01");
  check_holders (r, RESP_ROLE_UNIT_HEAD, "p-zhang");
  roles_free (r);
  resp_model_unref (city);
  resp_model_unref (m);
}

/* valid_from / valid_until bracket the instant and stop at the next change */
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
  check_holders (next, RESP_ROLE_FIRST_RESPONSIBLE, "p-b");
  CU_ASSERT_EQUAL (resp_roles_get_valid_from (next), test_instant ("2025-06-30"));
  CU_ASSERT_EQUAL (resp_roles_get_valid_until (next), RESP_INSTANT_OPEN_END);
  roles_free (next);
  /* and just before its start too */
  next = resp_model_resolve_roles (m, "s-x", resp_roles_get_valid_from (r) - 1, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (next);
  check_holders (next, RESP_ROLE_UNIT_HEAD, "");
  CU_ASSERT_EQUAL (resp_roles_get_valid_from (next), test_instant ("2023-01-01"));
  CU_ASSERT_EQUAL (resp_roles_get_valid_until (next), test_instant ("2023-03-01"));
  roles_free (next);
  roles_free (r);

  /* before every date: open at the start */
  r = resolve (m, "s-x", "2000-01-01");
  CU_ASSERT_PTR_NOT_NULL_FATAL (r);
  CU_ASSERT_EQUAL (resp_roles_get_valid_from (r), RESP_INSTANT_OPEN_START);
  CU_ASSERT_EQUAL (resp_roles_get_valid_until (r), test_instant ("2020-01-01"));
  roles_free (r);

  /* a window starts exactly at a `since` instant */
  r = resolve (m, "s-x", "2020-01-01");
  CU_ASSERT_PTR_NOT_NULL_FATAL (r);
  CU_ASSERT_EQUAL (resp_roles_get_valid_from (r), test_instant ("2020-01-01"));
  CU_ASSERT_EQUAL (resp_roles_get_valid_until (r), test_instant ("2023-01-01"));
  roles_free (r);
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

static void
test_structure_over_time (void)
{
  RespModel *m = model_load (moving_model);
  RespRoles *r;

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  r = resolve (m, "s-x", "2022-01-01");
  check_holders (r, RESP_ROLE_CHAIN, "u-a u-x");
  check_holders (r, RESP_ROLE_COMMITTEE, "k-a");
  check_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-a");
  /* k-a leads a unit whose superior has no committee (u-a has none):
   * managers(k-a) is its region's committee */
  check_holders (r, RESP_ROLE_AUTHORITY, "k-city");
  roles_free (r);
  /* k-a stopped leading u-a: the region's committee */
  r = resolve (m, "s-x", "2022-07-01");
  check_holders (r, RESP_ROLE_CHAIN, "u-a u-x");
  check_holders (r, RESP_ROLE_COMMITTEE, "k-city");
  check_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "");
  CU_ASSERT_TRUE (r != NULL && resp_roles_get_n_paths (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-a") == 0);
  CU_ASSERT_TRUE (r != NULL
                  && resp_roles_dup_path (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-a", 0) == NULL);
  roles_free (r);
  /* moved under u-b, which is still under u-a */
  r = resolve (m, "s-x", "2023-01-01");
  check_holders (r, RESP_ROLE_CHAIN, "u-a u-b u-x");
  check_path (r, RESP_ROLE_CHAIN, "u-a", 0, "s-x u-x u-b u-a");
  check_holders (r, RESP_ROLE_COMMITTEE, "k-b");
  check_holders (r, RESP_ROLE_FIRST_RESPONSIBLE, "p-b");
  check_holders (r, RESP_ROLE_AUTHORITY, "k-city");
  roles_free (r);
  /* now u-a is under u-b */
  r = resolve (m, "s-x", "2024-01-01");
  check_holders (r, RESP_ROLE_CHAIN, "u-b u-x");
  check_holders (r, RESP_ROLE_COMMITTEE, "k-b");
  roles_free (r);
  r = resolve (m, "u-a", "2024-06-01");
  check_holders (r, RESP_ROLE_CHAIN, "u-a u-b");
  check_holders (r, RESP_ROLE_COMMITTEE, "k-b");
  roles_free (r);
  r = resolve (m, "u-b", "2023-06-01");
  check_holders (r, RESP_ROLE_CHAIN, "u-a u-b");
  check_holders (r, RESP_ROLE_COMMITTEE, "k-b");
  roles_free (r);
  resp_model_unref (m);
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

static void
test_regulator (void)
{
  RespModel *m = model_load (regulator_model);
  RespRoles *r;

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  /* at the operator's region: the province's is not reached */
  r = resolve (m, "s-a", AT);
  check_holders (r, RESP_ROLE_REGULATOR, "u-reg-a-city");
  check_holders (r, RESP_ROLE_REGULATOR_HEAD, "p-reg-a-city");
  check_holders (r, RESP_ROLE_REGIONAL_SUPERVISOR, "");
  check_path (r, RESP_ROLE_REGULATOR, "u-reg-a-city", 0, "s-a sec-a u-reg-a-city");
  roles_free (r);
  /* only further up; a regulator in a region below the operator's does
   * not count (it covers its own region and those within it) */
  r = resolve (m, "s-b", AT);
  check_holders (r, RESP_ROLE_REGULATOR, "u-reg-b-prov");
  check_holders (r, RESP_ROLE_REGULATOR_HEAD, "p-reg-b-prov");
  check_holders (r, RESP_ROLE_REGIONAL_SUPERVISOR, "");
  roles_free (r);
  /* one level up from a county */
  r = resolve (m, "s-a-county", AT);
  check_holders (r, RESP_ROLE_REGULATOR, "u-reg-a-city");
  roles_free (r);
  r = resolve (m, "s-b-county", AT);
  check_holders (r, RESP_ROLE_REGULATOR, "u-reg-b-county");
  /* a regulator without a head: a warning, no head */
  check_holders (r, RESP_ROLE_REGULATOR_HEAD, "");
  CU_ASSERT_TRUE (r != NULL && has_warning (r, RESP_ROLE_REGULATOR_HEAD, "s-b-county"));
  roles_free (r);
  /* the system has no sector: the operator's (sec-b) */
  r = resolve (m, "s-none", AT);
  check_holders (r, RESP_ROLE_REGULATOR, "u-reg-b-prov");
  check_holders (r, RESP_ROLE_REGIONAL_SUPERVISOR, "");
  roles_free (r);
  /* none anywhere: main leader and cyber lead of the region's committee,
   * not its other members */
  r = resolve (m, "s-c", AT);
  check_holders (r, RESP_ROLE_REGULATOR, "");
  check_holders (r, RESP_ROLE_REGULATOR_HEAD, "");
  check_holders (r, RESP_ROLE_REGIONAL_SUPERVISOR, "p-city-cyber p-city-main");
  roles_free (r);
  r = resolve (m, "s-c-county", AT);
  check_holders (r, RESP_ROLE_REGIONAL_SUPERVISOR, "p-county-cyber p-county-main");
  roles_free (r);
  /* the operator's region has no committee: the nearest up */
  r = resolve (m, "s-c-town", AT);
  check_holders (r, RESP_ROLE_REGULATOR, "");
  check_holders (r, RESP_ROLE_REGIONAL_SUPERVISOR, "p-county-cyber p-county-main");
  roles_free (r);
  /* filled only when no regulator exists */
  r = resolve (m, "s-ac", AT);
  check_holders (r, RESP_ROLE_REGULATOR, "u-reg-a-city");
  check_holders (r, RESP_ROLE_REGIONAL_SUPERVISOR, "");
  roles_free (r);
  /* a unit subject takes its own sector */
  r = resolve (m, "u-op", AT);
  check_holders (r, RESP_ROLE_REGULATOR, "u-reg-b-prov");
  roles_free (r);
  r = resolve (m, "u-op-town", AT);
  check_holders (r, RESP_ROLE_REGULATOR, "");
  check_holders (r, RESP_ROLE_REGIONAL_SUPERVISOR, "p-county-cyber p-county-main");
  roles_free (r);
  resp_model_unref (m);
}

/* JSON rendering (`resp who --format json`) */
static void
test_render_json (void)
{
  RespModel *m = model_load (fallback_model);
  RespRoles *r;
  char *json;
  RespJsonReader *reader;
  RespJsonTree *tree;
  RespJsonNode *root, *node, *at, *roles, *warnings;
  gboolean seen[RESP_N_ROLES] = { FALSE };

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  r = resolve (m, "s-sub", "2026-03-05T00:10:00Z");
  CU_ASSERT_PTR_NOT_NULL_FATAL (r);
  json = resp_roles_render (r, RESP_FORMAT_JSON);
  CU_ASSERT_PTR_NOT_NULL_FATAL (json);
  reader = resp_json_reader_new (json, strlen (json));
  tree = resp_json_reader_read_tree (reader, resp_json_reader_next (reader));
  CU_ASSERT_PTR_NOT_NULL_FATAL (tree);
  /* nothing after the value but whitespace */
  CU_ASSERT_EQUAL (resp_json_reader_next (reader), RESP_JSON_TOKEN_EOF);
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
  resp_json_reader_free (reader);
  g_free (json);
  roles_free (r);

  /* a warning in JSON */
  r = resolve (m, "s-orphan", AT);
  CU_ASSERT_PTR_NOT_NULL_FATAL (r);
  json = resp_roles_render (r, RESP_FORMAT_JSON);
  CU_ASSERT_PTR_NOT_NULL_FATAL (json);
  CU_ASSERT_PTR_NOT_NULL (strstr (json, "\"role_unresolved\""));
  CU_ASSERT_PTR_NOT_NULL (strstr (json, "\"operator\""));
  reader = resp_json_reader_new (json, strlen (json));
  tree = resp_json_reader_read_tree (reader, resp_json_reader_next (reader));
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
  resp_json_reader_free (reader);
  g_free (json);

  /* the other formats render something */
  json = resp_roles_render (r, RESP_FORMAT_TEXT);
  CU_ASSERT_TRUE (json != NULL && json[0] != '\0');
  g_free (json);
  json = resp_roles_render (r, RESP_FORMAT_DOT);
  CU_ASSERT_TRUE (json != NULL && g_str_has_prefix (json, "digraph"));
  g_free (json);
  roles_free (r);
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
  { "authority and proposer", test_authority },
  { "committee node", test_committee_node },
  { "warnings and errors", test_warnings_and_errors },
  { "interval edges", test_interval_edges },
  { "tenure change", test_tenure_change },
  { "validity window", test_validity_window },
  { "structure over time", test_structure_over_time },
  { "regulator and regional supervisor", test_regulator },
  { "JSON rendering", test_render_json },
  { "preconditions", test_preconditions },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "city oracle", NULL, NULL, NULL, NULL, oracle_tests },
  { "roles", NULL, NULL, NULL, NULL, targeted_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return test_main (suites);
}
