/* test-duties.c: duty slots, notices and scorecards (SPEC §8.3–8.5) against
 * the hand-derived oracle of examples/data/DUTIES.md, and the rules of
 * docs/duties.md on small cases
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "test-common.h"
#include "resp-json-reader-private.h"

static RespRulebook *local_rulebook;
static RespRecord *city_record;

static const RespJsonNode *
member (const RespJsonNode *node, const char *key)
{
  return resp_json_node_get_member ((RespJsonNode *) node, key);
}

static const char *
member_str (const RespJsonNode *node, const char *key)
{
  const RespJsonNode *m = member (node, key);
  return m != NULL && m->type == RESP_JSON_STRING ? m->v.string.str : NULL;
}

/* got (freed here) holds exactly the strings of the array want */
static gboolean
strv_is (char **got, const RespJsonNode *want)
{
  gboolean ok = want != NULL && g_strv_length (got) == want->v.children.n;

  for (guint i = 0; ok && i < want->v.children.n; i++)
    ok = g_str_equal (got[i], want->v.children.items[i]->v.string.str);
  g_strfreev (got);
  return ok;
}

/* The instant of a member: a date or null (an open end) */
static gint64
member_instant (const RespJsonNode *node, const char *key)
{
  const RespJsonNode *m = member (node, key);
  return m->type == RESP_JSON_NULL ? G_MININT64 : test_instant (m->v.string.str);
}

static int
suite_init (void)
{
  GError *error = NULL;
  char *path;

  if (test_city_init () != 0)
    return 1;
  local_rulebook = resp_rulebook_new_shipped ("cn-local-2026-example", &error);
  path = test_src_path ("examples/data/record.json");
  city_record = local_rulebook != NULL
                ? resp_record_new_from_file (test_city_model, local_rulebook, path, NULL, &error) : NULL;
  if (city_record == NULL)
    g_printerr ("examples/data/record.json does not load: %s\n", error->message);
  g_free (path);
  g_clear_error (&error);
  return city_record == NULL;
}

static int
suite_clean (void)
{
  g_clear_pointer (&city_record, resp_record_unref);
  g_clear_pointer (&local_rulebook, resp_rulebook_unref);
  return test_city_clean ();
}

static RespDuties *
check (const char *from, const char *until, const char *at, const char *node)
{
  GError *error = NULL;
  RespDuties *d = resp_model_check_duties (test_city_model, local_rulebook, city_record,
                                           test_instant (from), test_instant (until), test_instant (at),
                                           node, &error);
  CU_ASSERT_PTR_NULL (error);
  g_clear_error (&error);
  return d;
}

static int
find_slot (RespDuties *d, const char *node, const char *duty, gint64 from)
{
  for (guint s = 0; s < resp_duties_get_n_slots (d); s++)
    if (g_str_equal (resp_duties_get_slot_node (d, s), node)
        && g_str_equal (resp_duties_get_slot_duty (d, s), duty)
        && resp_duties_get_slot_from (d, s) == from)
      return (int) s;
  return -1;
}

/* The people of slot s are exactly want (answerable, or holders). */
static void
check_people (int caller, RespDuties *d, guint s, const RespJsonNode *want, gboolean answer)
{
  guint n = resp_duties_get_slot_n_people (d, s);

  test_report_at (caller, want != NULL && n == want->v.children.n, "the number of people");
  for (guint i = 0; want != NULL && i < MIN (n, want->v.children.n); i++)
    {
      const RespJsonNode *w = want->v.children.items[i];
      RespRole role;
      gboolean ok = resp_role_from_string (member_str (w, "role"), &role);

      ok = ok && g_str_equal (resp_duties_get_slot_person (d, s, i), member_str (w, "person"));
      ok = ok && resp_duties_get_slot_person_role (d, s, i) == role;
      ok = ok && resp_duties_get_slot_person_from (d, s, i) == member_instant (w, "from");
      ok = ok && resp_duties_get_slot_person_until (d, s, i) == member_instant (w, "until");
      ok = ok && strv_is (resp_duties_dup_slot_person_authority (d, s, i), member (w, "authority"));
      ok = ok && strv_is (resp_duties_dup_slot_person_proposer (d, s, i), member (w, "proposer"));
      if (answer)
        ok = ok && g_str_equal (resp_category_to_string (resp_duties_get_slot_person_category (d, s, i)),
                                member_str (w, "category"));
      if (!ok)
        g_printerr ("line %d: slot %s %s: person %u is not %s\n", caller, resp_duties_get_slot_duty (d, s),
                    resp_duties_get_slot_node (d, s), i, member_str (w, "person"));
      test_report_at (caller, ok, "a person of a slot");
    }
}

/* The slots, notices and scorecards of d are those of the oracle's query q. */
static void
check_query (RespDuties *d, const RespJsonNode *q)
{
  const RespJsonNode *slots = member (q, "slots"), *notices = member (q, "notices");
  const RespJsonNode *cards = member (q, "scorecards");
  RespJsonTree *json;
  const RespJsonNode *root, *got;
  char *text;

  CU_ASSERT_EQUAL (resp_duties_get_n_slots (d), slots->v.children.n);
  for (guint i = 0; i < slots->v.children.n; i++)
    {
      const RespJsonNode *w = slots->v.children.items[i];
      int s = find_slot (d, member_str (w, "node"), member_str (w, "duty"), member_instant (w, "from"));
      const char *status = member_str (w, "status");
      const RespJsonNode *req = member (w, "required");

      if (s < 0)
        g_printerr ("no slot %s %s %s\n", member_str (w, "duty"), member_str (w, "node"),
                    member_str (w, "from"));
      CU_ASSERT_FATAL (s >= 0);
      if (!g_str_equal (resp_slot_status_to_string (resp_duties_get_slot_status (d, (guint) s)), status))
        g_printerr ("slot %s %s %s: %s, expected %s\n", member_str (w, "duty"), member_str (w, "node"),
                    member_str (w, "from"),
                    resp_slot_status_to_string (resp_duties_get_slot_status (d, (guint) s)), status);
      CU_ASSERT_STRING_EQUAL (resp_slot_status_to_string (resp_duties_get_slot_status (d, (guint) s)), status);
      CU_ASSERT_EQUAL (resp_duties_get_slot_until (d, (guint) s), member_instant (w, "until"));
      CU_ASSERT_EQUAL (resp_duties_get_slot_required (d, (guint) s),
                       req->type == RESP_JSON_NULL ? -1 : (gint) req->v.number.value);
      CU_ASSERT_EQUAL (resp_duties_get_slot_count (d, (guint) s), (guint) member (w, "count")->v.number.value);
      CU_ASSERT_TRUE (strv_is (resp_duties_dup_slot_entries (d, (guint) s), member (w, "entries")));
      if (g_str_equal (status, "unfulfilled"))
        check_people (__LINE__, d, (guint) s, member (w, "answerable"), TRUE);
      else if (g_str_equal (status, "unknown"))
        {
          check_people (__LINE__, d, (guint) s, member (w, "holders"), FALSE);
          CU_ASSERT_TRUE (strv_is (resp_duties_dup_slot_missing (d, (guint) s),
                                   member (w, "incomplete") != NULL ? member (w, "incomplete")
                                                                    : member (w, "missing")));
        }
      else
        CU_ASSERT_EQUAL (resp_duties_get_slot_n_people (d, (guint) s), 0);
    }
  /* output order: node id, then duty in rulebook order, then period */
  for (guint s = 1; s < resp_duties_get_n_slots (d); s++)
    {
      int k = strcmp (resp_duties_get_slot_node (d, s - 1), resp_duties_get_slot_node (d, s));
      CU_ASSERT (k < 0 || (k == 0 && (resp_duties_get_slot_duty (d, s - 1) != resp_duties_get_slot_duty (d, s)
                                      || resp_duties_get_slot_from (d, s - 1) < resp_duties_get_slot_from (d, s))));
    }

  CU_ASSERT_EQUAL (resp_duties_get_n_notices (d), notices->v.children.n);
  for (guint i = 0; i < MIN (notices->v.children.n, resp_duties_get_n_notices (d)); i++)
    {
      const RespJsonNode *w = notices->v.children.items[i];
      CU_ASSERT_STRING_EQUAL (resp_duties_get_notice_id (d, i), member_str (w, "id"));
      CU_ASSERT_STRING_EQUAL (resp_notice_status_to_string (resp_duties_get_notice_status (d, i)),
                              member_str (w, "status"));
      CU_ASSERT_STRING_EQUAL (resp_duties_get_notice_node (d, i), member_str (w, "node"));
      CU_ASSERT_STRING_EQUAL (resp_duties_get_notice_by (d, i), member_str (w, "by"));
      CU_ASSERT_EQUAL (resp_duties_get_notice_at (d, i), member_instant (w, "at"));
      CU_ASSERT_EQUAL (resp_duties_get_notice_due (d, i), member_instant (w, "due"));
      CU_ASSERT_TRUE (strv_is (resp_duties_dup_notice_answered_by (d, i), member (w, "answered_by")));
    }

  CU_ASSERT_EQUAL (resp_duties_get_n_scorecards (d), cards->v.children.n);
  for (guint i = 0; i < MIN (cards->v.children.n, resp_duties_get_n_scorecards (d)); i++)
    {
      const RespJsonNode *w = cards->v.children.items[i], *score = member (w, "score");
      static const RespSlotStatus statuses[] = { RESP_SLOT_FULFILLED, RESP_SLOT_UNFULFILLED,
                                                 RESP_SLOT_UNKNOWN, RESP_SLOT_OPEN, RESP_SLOT_PARTIAL };
      double got_score = -1;
      gboolean has = resp_duties_get_scorecard_score (d, i, &got_score);

      CU_ASSERT_STRING_EQUAL (resp_duties_get_scorecard_committee (d, i), member_str (w, "committee"));
      for (guint k = 0; k < G_N_ELEMENTS (statuses); k++)
        CU_ASSERT_EQUAL (resp_duties_get_scorecard_count (d, i, statuses[k]),
                         (guint) member (w, resp_slot_status_to_string (statuses[k]))->v.number.value);
      /* the oracle writes a score as [fulfilled, judged] */
      CU_ASSERT_EQUAL (has, score->type != RESP_JSON_NULL);
      if (has && score->type == RESP_JSON_ARRAY)
        CU_ASSERT_DOUBLE_EQUAL (got_score, score->v.children.items[0]->v.number.value
                                           / score->v.children.items[1]->v.number.value, 1e-12);
      CU_ASSERT_TRUE (strv_is (resp_duties_dup_scorecard_report_to (d, i), member (w, "report_to")));
    }

  /* what only the JSON says: bodies, answered_by, warnings, and the keys */
  text = resp_duties_render (d, RESP_FORMAT_JSON);
  json = test_parse_json (text);
  g_free (text);
  root = resp_json_tree_get_root (json);
  got = member (root, "slots");
  for (guint i = 0; i < slots->v.children.n; i++)
    {
      const RespJsonNode *w = slots->v.children.items[i];
      int s = find_slot (d, member_str (w, "node"), member_str (w, "duty"), member_instant (w, "from"));
      const RespJsonNode *g = got->v.children.items[s];

      CU_ASSERT_STRING_EQUAL (member_str (g, "node"), member_str (w, "node"));
      if (member (w, "bodies") != NULL)
        {
          const RespJsonNode *b = member (g, "bodies"), *wb = member (w, "bodies");
          CU_ASSERT_FATAL (b != NULL && b->v.children.n == wb->v.children.n);
          for (guint k = 0; k < wb->v.children.n; k++)
            CU_ASSERT_STRING_EQUAL (b->v.children.items[k]->v.string.str, wb->v.children.items[k]->v.string.str);
        }
      /* an unknown slot says who held the roles, never who answers */
      CU_ASSERT_EQUAL (member (g, "answerable") != NULL, g_str_equal (member_str (w, "status"), "unfulfilled"));
      CU_ASSERT_EQUAL (member (g, "holders") != NULL, g_str_equal (member_str (w, "status"), "unknown"));
      if (member (g, "holders") != NULL && member (g, "holders")->v.children.n > 0)
        CU_ASSERT_PTR_NULL (member (member (g, "holders")->v.children.items[0], "category"));
    }
  got = member (root, "notices");
  for (guint i = 0; i < notices->v.children.n && i < got->v.children.n; i++)
    {
      const RespJsonNode *w = notices->v.children.items[i], *g = got->v.children.items[i];
      const RespJsonNode *wa = member (w, "answered_by"), *ga = member (g, "answered_by");

      CU_ASSERT_STRING_EQUAL (member_str (g, "node"), member_str (w, "node"));
      CU_ASSERT_STRING_EQUAL (member_str (g, "by"), member_str (w, "by"));
      CU_ASSERT_EQUAL (member_instant (g, "at"), member_instant (w, "at"));
      CU_ASSERT_EQUAL (member_instant (g, "due"), member_instant (w, "due"));
      CU_ASSERT_FATAL (ga->v.children.n == wa->v.children.n);
      for (guint k = 0; k < wa->v.children.n; k++)
        CU_ASSERT_STRING_EQUAL (ga->v.children.items[k]->v.string.str, wa->v.children.items[k]->v.string.str);
    }
  got = member (root, "warnings");
  CU_ASSERT_EQUAL_FATAL (got->v.children.n, member (q, "warnings")->v.children.n);
  for (guint i = 0; i < got->v.children.n; i++)
    {
      const RespJsonNode *w = member (q, "warnings")->v.children.items[i], *g = got->v.children.items[i];

      CU_ASSERT_STRING_EQUAL (member_str (g, "code"), member_str (w, "code"));
      CU_ASSERT_STRING_EQUAL (member_str (g, "node"), member_str (w, "node"));
      CU_ASSERT_STRING_EQUAL (member_str (g, "duty"), member_str (w, "duty"));
      CU_ASSERT_STRING_EQUAL (member_str (g, "role"), member_str (w, "role"));
      CU_ASSERT_EQUAL (member_instant (g, "from"), member_instant (w, "from"));
    }
  CU_ASSERT_STRING_EQUAL (member_str (root, "rulebook"), "cn-local-2026-example");
  resp_json_tree_free (json);
}

/* The oracle of DUTIES.md, query by query */
static void
test_oracle (void)
{
  RespJsonTree *tree = test_read_json ("tests/data/duties-expected.json");
  const RespJsonNode *queries = member (resp_json_tree_get_root (tree), "queries");

  for (guint i = 0; i < queries->v.children.n; i++)
    {
      const RespJsonNode *q = queries->v.children.items[i];
      const char *year = member (q, "args")->v.children.items[1]->v.string.str;
      char *from = g_strdup_printf ("%s-01-01", year);
      char *until = g_strdup_printf ("%d-01-01", atoi (year) + 1);
      RespDuties *d = check (from, until, member (q, "args")->v.children.items[3]->v.string.str, NULL);

      CU_ASSERT_PTR_NOT_NULL_FATAL (d);
      check_query (d, q);
      resp_duties_unref (d);
      g_free (from);
      g_free (until);
    }
  resp_json_tree_free (tree);
}

/* Before the year is out: what is not yet done is open, whatever the
 * record says (DUTIES.md) */
static void
test_open_before_the_end (void)
{
  RespDuties *d = check ("2026-01-01", "2027-01-01", "2026-12-04", NULL);
  guint counts[RESP_SLOT_UNKNOWN + 1] = { 0 };
  int s;

  CU_ASSERT_PTR_NOT_NULL_FATAL (d);
  for (guint i = 0; i < resp_duties_get_n_slots (d); i++)
    counts[resp_duties_get_slot_status (d, i)]++;
  /* the 36 fulfilled at the year's end, less four whose entries come after
   * 2026-12-04 (m-power-2026-2, report-city-cac-2026, pa-app-2026-12,
   * report-nat-cac-2026) */
  CU_ASSERT_EQUAL (counts[RESP_SLOT_FULFILLED], 32);
  CU_ASSERT_EQUAL (counts[RESP_SLOT_OPEN], 15);
  CU_ASSERT_EQUAL (counts[RESP_SLOT_UNFULFILLED] + counts[RESP_SLOT_UNKNOWN] + counts[RESP_SLOT_PARTIAL], 0);
  /* the first half-year has ended and is judged; the second is open */
  s = find_slot (d, "s-scada", "protection_assessment_l4", test_instant ("2026-01-01"));
  CU_ASSERT_EQUAL (resp_duties_get_slot_status (d, (guint) s), RESP_SLOT_FULFILLED);
  s = find_slot (d, "s-scada", "protection_assessment_l4", test_instant ("2026-07-01"));
  CU_ASSERT_EQUAL (resp_duties_get_slot_status (d, (guint) s), RESP_SLOT_OPEN);
  /* an entry at the query instant does not count yet */
  s = find_slot (d, "k-power", "special_meetings", test_instant ("2026-01-01"));
  CU_ASSERT_EQUAL (resp_duties_get_slot_count (d, (guint) s), 1);
  resp_duties_unref (d);

  /* at the period's end exactly the period is judged */
  d = check ("2026-01-01", "2027-01-01", "2027-01-01", "k-media");
  s = find_slot (d, "k-media", "special_meetings", test_instant ("2026-01-01"));
  CU_ASSERT_EQUAL (resp_duties_get_slot_status (d, (guint) s), RESP_SLOT_UNFULFILLED);
  resp_duties_unref (d);
}

/* A bearer for part of the period: partial, listed and never judged */
static void
test_partial (void)
{
  RespDuties *d = check ("2020-01-01", "2021-01-01", "2021-06-01", "s-egov");

  CU_ASSERT_PTR_NOT_NULL_FATAL (d);
  /* s-egov has been operated since 2020-06-01 */
  CU_ASSERT_EQUAL_FATAL (resp_duties_get_n_slots (d), 1);
  CU_ASSERT_STRING_EQUAL (resp_duties_get_slot_duty (d, 0), "protection_assessment_l3");
  CU_ASSERT_EQUAL (resp_duties_get_slot_status (d, 0), RESP_SLOT_PARTIAL);
  CU_ASSERT_EQUAL (resp_duties_get_slot_from (d, 0), test_instant ("2020-01-01"));
  CU_ASSERT_EQUAL (resp_duties_get_slot_n_people (d, 0), 0);
  /* s-egov is no committee: no scorecard */
  CU_ASSERT_EQUAL (resp_duties_get_n_scorecards (d), 0);
  resp_duties_unref (d);
}

/* --node: a committee keeps its scorecard's slots and the notices to them */
static void
test_node_filter (void)
{
  RespDuties *d = check ("2026-01-01", "2027-01-01", "2027-01-10", "k-media");
  char **nodes = NULL;

  CU_ASSERT_PTR_NOT_NULL_FATAL (d);
  /* k-media's two, u-city-media's drill, s-news */
  CU_ASSERT_EQUAL (resp_duties_get_n_slots (d), 4);
  CU_ASSERT_EQUAL (resp_duties_get_n_scorecards (d), 1);
  CU_ASSERT_STRING_EQUAL (resp_duties_get_scorecard_committee (d, 0), "k-media");
  CU_ASSERT_EQUAL_FATAL (resp_duties_get_n_notices (d), 1);
  CU_ASSERT_STRING_EQUAL (resp_duties_get_notice_id (d, 0), "n-2026-03");
  g_strfreev (nodes);
  resp_duties_unref (d);

  d = check ("2026-01-01", "2027-01-01", "2027-01-10", "s-his");
  CU_ASSERT_EQUAL (resp_duties_get_n_slots (d), 1);
  CU_ASSERT_EQUAL (resp_duties_get_n_notices (d), 1);
  CU_ASSERT_EQUAL (resp_duties_get_n_scorecards (d), 0);
  resp_duties_unref (d);
}

/* A duty whose `applies` cannot be read, and a count whose parameter has
 * no value: unknown, with what is missing; nobody answers */
static void
test_missing (void)
{
  char *layer = test_json_of (
    "{'format': 'libresp/rulebook/1', 'id': 'tiers',\n"
    " 'parameters': [{'name': 'reviews', 'cite': 'local R', 'values': [{'since': '2027-01-01', 'value': 1}]}],\n"
    " 'record_kinds': [{'kind': 'review', 'description': 'R'}],\n"
    " 'duties': [\n"
    "  {'id': 'core_review', 'bearer': 'system', 'every': 'year', 'at_least': 1, 'evidence': ['review'],\n"
    "   'applies': {'==': [{'var': 'system.extra.tier'}, 'core']},\n"
    "   'answerable': [{'role': 'security_lead', 'category': 'primary_leadership'}], 'cite': ['local R'], 'summary': 'S'},\n"
    "  {'id': 'county_review', 'bearer': 'committee', 'every': 'year', 'at_least': {'param': 'reviews'},\n"
    "   'applies': {'==': [{'var': 'committee.scope_level'}, 'county']}, 'evidence': ['review'],\n"
    "   'answerable': [{'role': 'first_responsible', 'category': 'primary_leadership'}], 'cite': ['local R'], 'summary': 'S'}]}");
  const char *rec = "{\"format\": \"libresp/record/1\", \"entries\": [], "
                    "\"complete\": [{\"from\": \"2026-01-01\", \"until\": \"2027-01-01\"}]}";
  GError *error = NULL;
  RespRulebook *rb = resp_rulebook_add_layer_from_data (local_rulebook, layer, -1, "tiers.json", NULL,
                                                        NULL, &error);
  RespRecord *record;
  RespDuties *d;
  char **missing;
  int s;

  CU_ASSERT_PTR_NOT_NULL_FATAL (rb);
  record = resp_record_new_from_data (test_city_model, rb, rec, -1, "rec.json", NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (record);
  d = resp_model_check_duties (test_city_model, rb, record, test_instant ("2026-01-01"),
                               test_instant ("2027-01-01"), test_instant ("2027-01-10"), NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (d);

  /* no system has extra.tier: every system's slot is unknown, with the
   * attribute missing, and its security lead only a holder */
  s = find_slot (d, "s-news", "core_review", test_instant ("2026-01-01"));
  CU_ASSERT_FATAL (s >= 0);
  CU_ASSERT_EQUAL (resp_duties_get_slot_status (d, (guint) s), RESP_SLOT_UNKNOWN);
  missing = resp_duties_dup_slot_missing (d, (guint) s);
  CU_ASSERT_EQUAL (g_strv_length (missing), 1);
  CU_ASSERT_STRING_EQUAL (missing[0], "system.extra.tier");
  g_strfreev (missing);
  CU_ASSERT_EQUAL_FATAL (resp_duties_get_slot_n_people (d, (guint) s), 1);
  CU_ASSERT_STRING_EQUAL (resp_duties_get_slot_person (d, (guint) s, 0), "p-dong");

  /* only the county committee is at county level; its count's parameter
   * has no value in 2026 */
  CU_ASSERT_EQUAL (find_slot (d, "k-city", "county_review", test_instant ("2026-01-01")), -1);
  s = find_slot (d, "k-county", "county_review", test_instant ("2026-01-01"));
  CU_ASSERT_FATAL (s >= 0);
  CU_ASSERT_EQUAL (resp_duties_get_slot_status (d, (guint) s), RESP_SLOT_UNKNOWN);
  CU_ASSERT_EQUAL (resp_duties_get_slot_required (d, (guint) s), -1);
  missing = resp_duties_dup_slot_missing (d, (guint) s);
  CU_ASSERT_STRING_EQUAL (missing[0], "param.reviews");
  g_strfreev (missing);

  resp_duties_unref (d);
  resp_record_unref (record);
  resp_rulebook_unref (rb);
  g_free (layer);
}

/* A slot's entries and a notice's rectifications come in the order they
 * were done: by `at`, ties by id (bytewise), across evidence kinds, whatever
 * the file order; a long list the same way. */
static void
test_entry_order (void)
{
  char *layer = test_json_of (
    "{'format': 'libresp/rulebook/1', 'id': 'reviews',\n"
    " 'record_kinds': [{'kind': 'review', 'description': 'R'}, {'kind': 'audit_note', 'description': 'A'},\n"
    "                  {'kind': 'tally', 'description': 'T'}],\n"
    " 'duties': [\n"
    "  {'id': 'reviews', 'bearer': 'committee', 'every': 'year', 'at_least': 9, 'evidence': ['review', 'audit_note'],\n"
    "   'answerable': [{'role': 'first_responsible', 'category': 'primary_leadership'}], 'cite': ['local R'], 'summary': 'S'},\n"
    "  {'id': 'tallies', 'bearer': 'committee', 'every': 'year', 'at_least': 1, 'evidence': ['tally'],\n"
    "   'answerable': [{'role': 'first_responsible', 'category': 'primary_leadership'}], 'cite': ['local R'], 'summary': 'S'}]}");
  GString *rec = g_string_new ("{\"format\": \"libresp/record/1\", \"entries\": [\n"
    "{\"id\": \"z-1\", \"kind\": \"review\", \"node\": \"k-city\", \"at\": \"2026-02-01\"},\n"
    "{\"id\": \"a-2\", \"kind\": \"review\", \"node\": \"k-city\", \"at\": \"2026-05-01\"},\n"
    "{\"id\": \"m-3\", \"kind\": \"audit_note\", \"node\": \"k-city\", \"at\": \"2026-03-01\"},\n"
    "{\"id\": \"b-4\", \"kind\": \"review\", \"node\": \"k-city\", \"at\": \"2026-03-01\"},\n"
    "{\"id\": \"y-5\", \"kind\": \"audit_note\", \"node\": \"k-city\", \"at\": \"2026-01-15\"},\n"
    "{\"id\": \"n-1\", \"kind\": \"notice\", \"node\": \"k-city\", \"by\": \"u-city-cac\", \"at\": \"2026-01-10\", \"due\": \"2026-02-01\"},\n"
    "{\"id\": \"r-b\", \"kind\": \"rectification\", \"node\": \"k-city\", \"at\": \"2026-01-20\", \"answers\": \"n-1\"},\n"
    "{\"id\": \"r-a\", \"kind\": \"rectification\", \"node\": \"k-city\", \"at\": \"2026-01-25\", \"answers\": \"n-1\"}");
  static const char *const reviews[] = { "y-5", "z-1", "b-4", "m-3", "a-2" };
  static const char *const answered[] = { "r-b", "r-a" };
  GError *error = NULL;
  RespRulebook *rb = resp_rulebook_add_layer_from_data (local_rulebook, layer, -1, "reviews.json", NULL,
                                                        NULL, &error);
  RespRecord *record;
  RespDuties *d;
  char **ids;
  int s;

  /* 40 tallies on one day, in the file from the highest id down */
  for (int i = 40; i >= 1; i--)
    g_string_append_printf (rec, ",\n{\"id\": \"t-%02d\", \"kind\": \"tally\", \"node\": \"k-city\", "
                            "\"at\": \"2026-06-01\"}", i);
  g_string_append (rec, "]}");
  CU_ASSERT_PTR_NOT_NULL_FATAL (rb);
  record = resp_record_new_from_data (test_city_model, rb, rec->str, -1, "rec.json", NULL, &error);
  CU_ASSERT_PTR_NULL (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (record);
  d = resp_model_check_duties (test_city_model, rb, record, test_instant ("2026-01-01"),
                               test_instant ("2027-01-01"), test_instant ("2027-01-10"), "k-city", &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (d);

  s = find_slot (d, "k-city", "reviews", test_instant ("2026-01-01"));
  CU_ASSERT_FATAL (s >= 0);
  ids = resp_duties_dup_slot_entries (d, (guint) s);
  CU_ASSERT_EQUAL_FATAL (g_strv_length (ids), G_N_ELEMENTS (reviews));
  for (guint i = 0; i < G_N_ELEMENTS (reviews); i++)
    CU_ASSERT_STRING_EQUAL (ids[i], reviews[i]);
  g_strfreev (ids);

  s = find_slot (d, "k-city", "tallies", test_instant ("2026-01-01"));
  CU_ASSERT_FATAL (s >= 0);
  ids = resp_duties_dup_slot_entries (d, (guint) s);
  CU_ASSERT_EQUAL_FATAL (g_strv_length (ids), 40);
  for (guint i = 0; i < 40; i++)
    {
      char want[8];
      g_snprintf (want, sizeof want, "t-%02u", i + 1);
      CU_ASSERT_STRING_EQUAL (ids[i], want);
    }
  g_strfreev (ids);

  CU_ASSERT_EQUAL_FATAL (resp_duties_get_n_notices (d), 1);
  ids = resp_duties_dup_notice_answered_by (d, 0);
  CU_ASSERT_EQUAL_FATAL (g_strv_length (ids), G_N_ELEMENTS (answered));
  for (guint i = 0; i < G_N_ELEMENTS (answered); i++)
    CU_ASSERT_STRING_EQUAL (ids[i], answered[i]);
  g_strfreev (ids);

  resp_duties_unref (d);
  resp_record_unref (record);
  resp_rulebook_unref (rb);
  g_string_free (rec, TRUE);
  g_free (layer);
}

/* Text and CSV say the same as the JSON */
static void
test_text_and_csv (void)
{
  RespDuties *d = check ("2026-01-01", "2027-01-01", "2027-01-10", NULL);
  char *text = resp_duties_render (d, RESP_FORMAT_TEXT);
  char *csv = resp_duties_render (d, RESP_FORMAT_CSV);
  char **lines;

  test_contains (text, "一、履职情况（共 47 项：已履行 36，未履行 7，无法确定 4",
                 "周某（p-zhou），第一责任人，主要领导责任（2026-01-01 至 2027-01-01）",
                 "二、通报问题整改情况（逾期未整改 1 项，共 5 项）", "【逾期未整改】n-2026-03",
                 "三、考核结果", "中共临河县委（k-county）：得分 100.0%", "送：中共江川市委组织部（u-city-org）",
                 "无人担任网络安全负责人（security_lead）", NULL);
  lines = g_strsplit (csv, "\r\n", -1);
  /* a header, 47 slots, and the empty string after the last CRLF */
  CU_ASSERT_EQUAL (g_strv_length (lines), 49);
  CU_ASSERT_STRING_EQUAL (lines[0], "duty,node,name,from,until,status,required,count,entries,people,missing");
  g_strfreev (lines);
  test_contains (csv, "special_meetings,k-city,中共江川市委,2026-01-01T00:00:00+08:00,2027-01-01T00:00:00+08:00,"
                 "unfulfilled,2,1,m-city-2026-1,"
                 "p-liu direct_responsible primary_leadership 2026-01-01T00:00:00+08:00/2027-01-01T00:00:00+08:00; "
                 "p-zhou first_responsible primary_leadership 2026-01-01T00:00:00+08:00/2027-01-01T00:00:00+08:00,\r\n",
                 NULL);
  g_free (text);
  g_free (csv);
  resp_duties_unref (d);
}

static void
test_errors (void)
{
  GError *error = NULL;

  CU_ASSERT_PTR_NULL (resp_model_check_duties (test_city_model, local_rulebook, city_record,
                                               test_instant ("2026-01-01"), test_instant ("2027-01-01"),
                                               test_instant ("2027-01-01"), "k-nowhere", &error));
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_NOT_FOUND));
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (resp_model_check_duties (test_city_model, local_rulebook, city_record,
                                               test_instant ("2026-01-01"), test_instant ("2026-01-01"),
                                               test_instant ("2027-01-01"), NULL, &error));
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_INVALID_ARGUMENT));
  g_clear_error (&error);
}

static void
misuse_other_rulebook (void)
{
  resp_model_check_duties (test_city_model, test_city_rulebook, city_record, 0, 1, 1, NULL, NULL);
}

static void
misuse_slot_range (void)
{
  RespDuties *d = resp_model_check_duties (test_city_model, local_rulebook, city_record,
                                           test_instant ("2020-01-01"), test_instant ("2021-01-01"),
                                           test_instant ("2021-06-01"), "s-egov", NULL);
  resp_duties_get_slot_node (d, 1);
  resp_duties_unref (d);
}

static void
misuse_dot (void)
{
  RespDuties *d = resp_model_check_duties (test_city_model, local_rulebook, city_record,
                                           test_instant ("2020-01-01"), test_instant ("2021-01-01"),
                                           test_instant ("2021-06-01"), "s-egov", NULL);
  g_free (resp_duties_render (d, RESP_FORMAT_DOT));
  resp_duties_unref (d);
}

static void
misuse_null_record (void)
{
  resp_model_check_duties (test_city_model, local_rulebook, NULL, 0, 1, 1, NULL, NULL);
}

static void
test_misuse (void)
{
  static const TestMisuse misuses[] = {
    { misuse_other_rulebook, "the record was loaded for another model or rulebook" },
    { misuse_slot_range, "slot < self->slots->len" },
    { misuse_dot, "a duty report cannot be rendered as dot" },
    { misuse_null_record, "record != NULL" },
  };
  test_misuses (misuses);
}

static CU_TestInfo tests[] = {
  { "the oracle of DUTIES.md", test_oracle },
  { "open before the period ends", test_open_before_the_end },
  { "partial", test_partial },
  { "--node", test_node_filter },
  { "unknown: missing attributes and parameters", test_missing },
  { "entries in the order they were done", test_entry_order },
  { "text and csv", test_text_and_csv },
  { "errors", test_errors },
  { "misuse", test_misuse },
  CU_TEST_INFO_NULL,
};

int
main (void)
{
  return test_main_suite ("duties", suite_init, suite_clean, tests);
}
