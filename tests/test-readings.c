/* test-readings.c: two readings of the law, as the default rulebook and the engine apply them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A recorded dissent answers for its decision only (accountability Art. 17,
 * measures Art. 9: collective and individual responsibility kept apart),
 * and Art. 8(2)'s 地市级以上党政机关门户网站 is read at the level of the organ
 * whose site it is (its sponsor, 主办单位), not of whoever operates it.
 * Every expectation below is worked out by hand from the model written here.
 */
#include "config.h"

#include <string.h>

#include "test-builder.h"

/* ---- the model ----
 *
 * A city r-city with a county r-county inside it. k-unit leads u-op, the
 * operator of s-x; its team: p-main (main leader), p-cyber (cyber lead),
 * p-head (member, and head of u-op), p-mem (member). k-other leads u-other;
 * its main leader is p-omain and its cyber lead p-ocyber, who is also a
 * member of k-unit.
 *
 * The city platform u-platform (in r-city) operates the county's site
 * s-county (sponsored by the county office u-county-office from
 * 2026-01-01, then by the city office u-city-office from 2026-07-01) and
 * s-plain (no sponsor recorded). s-lost is sponsored by u-nowhere, which
 * lies in no region. */
static const char * const model_items[] = {
  REGION ("r-city", "prefectural"),
  REGION ("r-county", "county"),
  COMMITTEE ("k-city"),
  COMMITTEE ("k-unit"),
  COMMITTEE ("k-other"),
  UNIT ("u-op"),
  UNIT ("u-other"),
  UNIT ("u-platform"),
  UNIT ("u-county-office"),
  UNIT ("u-city-office"),
  UNIT ("u-nowhere"),
  "{'id':'s-x','type':'system','name':'s-x','kind':'other'}",
  "{'id':'s-county','type':'system','name':'s-county','kind':'party_gov_portal'}",
  "{'id':'s-plain','type':'system','name':'s-plain','kind':'party_gov_portal'}",
  "{'id':'s-lost','type':'system','name':'s-lost','kind':'party_gov_portal'}",
  PERSON ("p-main"), PERSON ("p-cyber"), PERSON ("p-head"), PERSON ("p-mem"),
  PERSON ("p-omain"), PERSON ("p-ocyber"), PERSON ("p-city"),
  REL ("within", "r-county", "r-city"),
  REL ("leads", "k-city", "r-city"),
  REL ("leads", "k-unit", "u-op"),
  REL ("leads", "k-other", "u-other"),
  REL ("located_in", "u-op", "r-city"),
  REL ("located_in", "u-other", "r-city"),
  REL ("located_in", "u-platform", "r-city"),
  REL ("located_in", "u-county-office", "r-county"),
  REL ("located_in", "u-city-office", "r-city"),
  REL ("operates", "u-op", "s-x"),
  REL ("operates", "u-platform", "s-county"),
  REL ("operates", "u-platform", "s-plain"),
  REL ("operates", "u-platform", "s-lost"),
  REL_DURING ("sponsors", "u-county-office", "s-county", "2026-01-01", "2026-07-01"),
  REL_SINCE ("sponsors", "u-city-office", "s-county", "2026-07-01"),
  REL ("sponsors", "u-nowhere", "s-lost"),
  SEAT ("p-city", "k-city", "main_leader"),
  SEAT ("p-main", "k-unit", "main_leader"),
  SEAT ("p-cyber", "k-unit", "cyber_lead"),
  SEAT ("p-head", "k-unit", "member"),
  SEAT ("p-mem", "k-unit", "member"),
  SEAT ("p-ocyber", "k-unit", "member"),
  SEAT ("p-omain", "k-other", "main_leader"),
  SEAT ("p-ocyber", "k-other", "cyber_lead"),
  REL ("heads", "p-head", "u-op"),
  NULL
};

static RespModel *model;
static RespRulebook *rulebook;

static int
suite_init (void)
{
  rulebook = resp_rulebook_new_default ();
  return rulebook != NULL ? 0 : 1;
}

/* The model is loaded by the first test (loading asserts, which CUnit
 * allows only inside a test). */
static void
test_model_loads (void)
{
  model = model_load (model_items);
  CU_ASSERT_PTR_NOT_NULL_FATAL (model);
}

static int
suite_clean (void)
{
  g_clear_pointer (&model, resp_model_unref);
  g_clear_pointer (&rulebook, resp_rulebook_unref);
  return 0;
}

/* Every fact of the default rulebook's circumstances false, but those the
 * case sets. */
#define QUIET_FACTS \
  "'tampered': false, 'harmful_info_spread_widely': false, 'reported_in_time': true, " \
  "'leak_state_secrets': false, 'leak_personal_info_mass': false, " \
  "'leak_personal_info_records': 0, 'leak_basic_data': false, 'public_life_widely_affected': false, " \
  "'major_economic_loss': false, 'severe_social_impact': false, 'concealed': false, " \
  "'notified_risk_unrectified': false, 'obstructed_security_organs': false, " \
  "'other_serious': false, 'supervision_failed': false, 'coordination_failed': false, " \
  "'remedied': false, 'cooperated': false, 'serious_consequence': false"

static RespVerdict *
assess_in (int caller, RespRulebook *rb, const char *text)
{
  char *json = test_json_of (text);
  RespVerdict *v = test_assess_one_in (__FILE__, caller, model, rb, json);

  g_free (json);
  return v;
}
#define assess(text) assess_in (__LINE__, rulebook, (text))

/* ---- the sponsor and Art. 8(2) ---- */

/* An attack that takes a portal down 8 hours, not handled: Art. 8(2) but
 * for the level, and nothing else of Art. 8. */
#define OUTAGE(system, at) \
  "{'format': 'libresp/event/1', 'id': 'e', 'occurred_at': '" at "', 'systems': ['" system "'], " \
  "'facts': {'attacked': true, 'handled_in_time': false, 'outage_hours': 8, " \
  "'refused_investigation': false, " QUIET_FACTS "}}"

static RespCircumstanceStatus
art8_2_in (int caller, const char *event)
{
  RespVerdict *v = assess_in (caller, rulebook, event);
  RespCircumstanceStatus status = RESP_CIRCUMSTANCE_DOES_NOT_HOLD;
  int k;

  if (v == NULL)
    return status;
  k = test_find_circumstance (v, "art8.2");
  if (k >= 0)
    status = resp_verdict_get_circumstance_status (v, (guint) k);
  resp_verdict_unref (v);
  return status;
}
#define art8_2(event) art8_2_in (__LINE__, (event))

static void
test_sponsor_level (void)
{
  /* the county's site on the city platform: the county office sponsors
   * it, so it is a county site and Art. 8(2) does not reach it */
  CU_ASSERT_EQUAL (art8_2 (OUTAGE ("s-county", "2026-03-01")), RESP_CIRCUMSTANCE_DOES_NOT_HOLD);
  /* the same site on the same platform with no sponsor recorded: the
   * operator's city stands for the organ's level */
  CU_ASSERT_EQUAL (art8_2 (OUTAGE ("s-plain", "2026-03-01")), RESP_CIRCUMSTANCE_HOLDS);
  /* before any sponsor was recorded for s-county, the same */
  CU_ASSERT_EQUAL (art8_2 (OUTAGE ("s-county", "2025-12-31T23:59:59+08:00")), RESP_CIRCUMSTANCE_HOLDS);
  /* the city office took it over on 2026-07-01: a city site from then on */
  CU_ASSERT_EQUAL (art8_2 (OUTAGE ("s-county", "2026-06-30T23:59:59+08:00")), RESP_CIRCUMSTANCE_DOES_NOT_HOLD);
  CU_ASSERT_EQUAL (art8_2 (OUTAGE ("s-county", "2026-07-01")), RESP_CIRCUMSTANCE_HOLDS);
  /* a sponsor in no region: the organ's level is unknown, not the
   * operator's, and nobody is held on it */
  CU_ASSERT_EQUAL (art8_2 (OUTAGE ("s-lost", "2026-03-01")), RESP_CIRCUMSTANCE_UNDETERMINED);
}

static void
test_sponsor_in_the_picture (void)
{
  RespVerdict *v = assess (OUTAGE ("s-county", "2026-03-01"));
  char *dot;

  CU_ASSERT_PTR_NOT_NULL_FATAL (v);
  dot = resp_verdict_render (v, RESP_FORMAT_DOT);
  test_contains (dot, "\"e/u-county-office\" [label=\"u-county-office\"];",
                 "\"e/u-county-office\" -> \"e/s-county\" [style=dashed, label=\"主办\"];");
  g_free (dot);
  resp_verdict_unref (v);
  /* no sponsor, nothing drawn for it */
  v = assess (OUTAGE ("s-plain", "2026-03-01"));
  CU_ASSERT_PTR_NOT_NULL_FATAL (v);
  dot = resp_verdict_render (v, RESP_FORMAT_DOT);
  CU_ASSERT_PTR_NULL (strstr (dot, "主办"));
  g_free (dot);
  resp_verdict_unref (v);
}

static void
test_sponsor_unknown_holds_nobody (void)
{
  RespVerdict *v = assess (OUTAGE ("s-lost", "2026-03-01"));

  CU_ASSERT_PTR_NOT_NULL_FATAL (v);
  CU_ASSERT_EQUAL (resp_verdict_get_status (v), RESP_VERDICT_UNDETERMINED);
  CU_ASSERT_EQUAL (resp_verdict_get_n_liable (v), 0);
  resp_verdict_unref (v);
}

static void
test_sponsor_in_who (void)
{
  RespRoles *roles;
  char *text;

  roles = test_resolve (model, "s-county", "2026-03-01");
  CU_ASSERT_STRING_EQUAL (resp_roles_get_sponsor (roles), "u-county-office");
  /* the answer lasts while the sponsor does */
  CU_ASSERT_EQUAL (resp_roles_get_valid_from (roles), test_instant ("2026-01-01"));
  CU_ASSERT_EQUAL (resp_roles_get_valid_until (roles), test_instant ("2026-07-01"));
  /* the operator is still the platform: the sponsor holds no duty role */
  test_holders (roles, RESP_ROLE_OPERATOR, "u-platform");
  text = resp_roles_render (roles, RESP_FORMAT_JSON);
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "\"sponsor\": \"u-county-office\""));
  g_free (text);
  text = resp_roles_render (roles, RESP_FORMAT_TEXT);
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "主办单位（sponsor）：u-county-office（u-county-office）"));
  g_free (text);
  text = resp_roles_render (roles, RESP_FORMAT_DOT);
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "\"u-county-office\" -> \"s-county\" [style=dashed, label=\"主办\"];"));
  g_free (text);
  resp_roles_unref (roles);

  roles = test_resolve (model, "s-county", "2026-08-01");
  CU_ASSERT_STRING_EQUAL (resp_roles_get_sponsor (roles), "u-city-office");
  CU_ASSERT_EQUAL (resp_roles_get_valid_from (roles), test_instant ("2026-07-01"));
  resp_roles_unref (roles);

  /* none recorded: null in JSON; a unit has no sponsor key at all */
  roles = test_resolve (model, "s-plain", "2026-03-01");
  CU_ASSERT_PTR_NULL (resp_roles_get_sponsor (roles));
  text = resp_roles_render (roles, RESP_FORMAT_JSON);
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "\"sponsor\": null"));
  g_free (text);
  resp_roles_unref (roles);
  roles = test_resolve (model, "u-op", "2026-03-01");
  CU_ASSERT_PTR_NULL (resp_roles_get_sponsor (roles));
  text = resp_roles_render (roles, RESP_FORMAT_JSON);
  CU_ASSERT_PTR_NULL (strstr (text, "\"sponsor\""));
  g_free (text);
  resp_roles_unref (roles);
}

static const TestLoader model_loader = { TEST_INPUT_MODEL, "model.json", TRUE };

#define SPONSOR_MODEL(relations) \
  "{'format': 'libresp/model/1', 'name': 'm', 'nodes': [\n" \
  "  {'id': 'u1', 'type': 'unit', 'name': 'u1'},\n" \
  "  {'id': 'u2', 'type': 'unit', 'name': 'u2'},\n" \
  "  {'id': 'p', 'type': 'person', 'name': 'p'},\n" \
  "  {'id': 's', 'type': 'system', 'name': 's'}\n" \
  "], 'relations': [\n" relations "]}"

static const TestErrorCase sponsor_errors[] = {
  { "two sponsors at once",
    SPONSOR_MODEL ("  {'rel': 'sponsors', 'from': 'u1', 'to': 's', 'since': '2026-01-01'},\n"
                   "  {'rel': 'sponsors', 'from': 'u2', 'to': 's', 'since': '2025-01-01', 'until': '2026-02-01'}\n"),
    RESP_ERROR_CARDINALITY, 8, 3, "system 's' has two sponsors" },
  { "a person sponsors nothing",
    SPONSOR_MODEL ("  {'rel': 'sponsors', 'from': 'p', 'to': 's'}\n"),
    RESP_ERROR_WRONG_ENDPOINT, 7, 31, "'p' is a person, but 'sponsors' goes from a unit" },
  { "a unit is sponsored by nobody",
    SPONSOR_MODEL ("  {'rel': 'sponsors', 'from': 'u1', 'to': 'u2'}\n"),
    RESP_ERROR_WRONG_ENDPOINT, 7, 43, "'u2' is a unit, but 'sponsors' goes to a system" },
};

static void
test_sponsor_errors (void)
{
  RespModel *m;
  char *json;

  test_expect_errors (&model_loader, sponsor_errors);
  /* one after the other is no overlap */
  json = test_json_of (SPONSOR_MODEL (
    "  {'rel': 'sponsors', 'from': 'u1', 'to': 's', 'until': '2026-01-01'},\n"
    "  {'rel': 'sponsors', 'from': 'u2', 'to': 's', 'since': '2026-01-01'}\n"));
  m = resp_model_new_from_data (json, -1, "model.json", NULL, NULL);
  CU_ASSERT_PTR_NOT_NULL (m);
  g_clear_pointer (&m, resp_model_unref);
  g_free (json);
}

/* ---- dissent ---- */

/* The operator of s-x refused to cooperate with the investigation (Art.
 * 8(5), event-wide), with the decisions and exemptions given. */
#define REFUSED(decisions, exemptions) \
  "{'format': 'libresp/event/1', 'id': 'e', 'occurred_at': '2026-03-01', 'systems': ['s-x'], " \
  "'facts': {'attacked': true, 'handled_in_time': true, 'outage_hours': 0, " \
  "'refused_investigation': true, " QUIET_FACTS "}, " \
  "'decisions': [" decisions "], 'exemptions': [" exemptions "]}"

static int
find_exempt (RespVerdict *v, const char *person)
{
  for (guint i = 0; i < resp_verdict_get_n_exempt (v); i++)
    if (strcmp (resp_verdict_get_exempt_person (v, i), person) == 0)
      return (int) i;
  return -1;
}

static guint
count_warnings (RespVerdict *v, const char *code)
{
  guint n = 0;

  for (guint i = 0; i < resp_verdict_get_n_warnings (v); i++)
    n += strcmp (resp_verdict_get_warning_code (v, i), code) == 0;
  return n;
}

/* person is liable with exactly the roles (space-separated) and category */
static void
expect_liable_in (int caller, RespVerdict *v, const char *person, RespCategory category, const char *roles)
{
  int k = test_find_liable (v, person);
  char **got, *joined;

  test_report_in (__FILE__, caller, k >= 0, person);
  if (k < 0)
    return;
  test_report_in (__FILE__, caller, resp_verdict_get_liable_category (v, (guint) k) == category,
                  "the category");
  got = resp_verdict_dup_liable_roles (v, (guint) k);
  joined = g_strjoinv (" ", got);
  if (strcmp (joined, roles) != 0)
    fprintf (stderr, "%s:%d: %s has roles '%s', expected '%s'\n", __FILE__, caller, person, joined, roles);
  test_report_in (__FILE__, caller, strcmp (joined, roles) == 0, "the roles");
  g_free (joined);
  g_strfreev (got);
}
#define expect_liable(v, person, category, roles) \
  expect_liable_in (__LINE__, (v), (person), (category), (roles))

static void
expect_exempt_in (int caller, RespVerdict *v, const char *person, const char *reason)
{
  int k = find_exempt (v, person);

  test_report_in (__FILE__, caller, k >= 0, person);
  if (k >= 0)
    test_report_in (__FILE__, caller, strcmp (resp_verdict_get_exempt_reason (v, (guint) k), reason) == 0,
                    "the reason");
}
#define expect_exempt(v, person, reason) expect_exempt_in (__LINE__, (v), (person), (reason))

static void
test_dissent_keeps_other_roles (void)
{
  /* p-head took part in k-unit's decision and dissented: not answerable
   * for it (team_member through taking part, and the decision's own rule),
   * still the head of the operator */
  RespVerdict *v = assess (REFUSED ("{'committee': 'k-unit', 'participants': ['p-head', 'p-mem'], "
                                    "'dissent': ['p-head']}", ""));
  char *text;

  CU_ASSERT_PTR_NOT_NULL_FATAL (v);
  CU_ASSERT_EQUAL (resp_verdict_get_status (v), RESP_VERDICT_TRIGGERED);
  expect_liable (v, "p-head", RESP_CATEGORY_PRIMARY_LEADERSHIP, "unit_head");
  expect_exempt (v, "p-head", "dissent");
  /* the one who did not dissent answers for taking part */
  expect_liable (v, "p-mem", RESP_CATEGORY_IMPORTANT_LEADERSHIP, "team_member");
  CU_ASSERT (find_exempt (v, "p-mem") < 0);
  expect_liable (v, "p-main", RESP_CATEGORY_PRIMARY_LEADERSHIP, "first_responsible");
  expect_liable (v, "p-cyber", RESP_CATEGORY_PRIMARY_LEADERSHIP, "direct_responsible");
  CU_ASSERT_EQUAL (resp_verdict_get_n_liable (v), 4);
  CU_ASSERT_EQUAL (resp_verdict_get_n_exempt (v), 1);
  /* no warning about the exemption: the dissenter was liable for something */
  CU_ASSERT_EQUAL (count_warnings (v, "exemption_not_liable"), 0);

  /* the text says what the dissent exempts from, and that the rest stands */
  text = resp_verdict_render (v, RESP_FORMAT_TEXT);
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "p-head（p-head）：在集体决策中对错误决策明确提出反对或保留意见，且有记录（dissent）："
                                        "就k-unit（k-unit）作出的其持不同意见的决策免责，其他身份的责任仍见“二、责任认定”；"
                                        "依据：accountability Art. 17"));
  g_free (text);
  resp_verdict_unref (v);
}

static void
test_dissent_only_participant (void)
{
  /* p-mem's only link to the event is the decision: exempt, not liable */
  RespVerdict *v = assess (REFUSED ("{'committee': 'k-unit', 'participants': ['p-mem'], "
                                    "'dissent': ['p-mem']}", ""));
  char *text;

  CU_ASSERT_PTR_NOT_NULL_FATAL (v);
  CU_ASSERT (test_find_liable (v, "p-mem") < 0);
  expect_exempt (v, "p-mem", "dissent");
  CU_ASSERT_EQUAL (resp_verdict_get_n_exempt (v), 1);
  text = resp_verdict_render (v, RESP_FORMAT_TEXT);
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "就k-unit（k-unit）作出的其持不同意见的决策免责；依据："));
  CU_ASSERT_PTR_NULL (strstr (text, "其他身份的责任仍见"));
  g_free (text);
  resp_verdict_unref (v);
}

static void
test_dissent_and_exemption (void)
{
  /* a full exemption wins over a dissent: out of the liable entirely,
   * listed once, with the exemption's reason, and no warning */
  RespVerdict *v = assess (REFUSED ("{'committee': 'k-unit', 'participants': ['p-head'], 'dissent': ['p-head']}",
                                    "{'person': 'p-head', 'reason': 'duty_fulfilled'}"));

  CU_ASSERT_PTR_NOT_NULL_FATAL (v);
  CU_ASSERT (test_find_liable (v, "p-head") < 0);
  expect_exempt (v, "p-head", "duty_fulfilled");
  CU_ASSERT_EQUAL (resp_verdict_get_n_exempt (v), 1);
  CU_ASSERT_EQUAL (count_warnings (v, "exemption_not_liable"), 0);
  resp_verdict_unref (v);

  /* the same when only the dissent would have made p-mem liable: the
   * exemption is not for someone who was never liable */
  v = assess (REFUSED ("{'committee': 'k-unit', 'participants': ['p-mem'], 'dissent': ['p-mem']}",
                       "{'person': 'p-mem', 'reason': 'exploratory'}"));
  CU_ASSERT_PTR_NOT_NULL_FATAL (v);
  CU_ASSERT (test_find_liable (v, "p-mem") < 0);
  expect_exempt (v, "p-mem", "exploratory");
  CU_ASSERT_EQUAL (resp_verdict_get_n_exempt (v), 1);
  CU_ASSERT_EQUAL (count_warnings (v, "exemption_not_liable"), 0);
  resp_verdict_unref (v);
}

static void
test_exemption_of_the_unreached (void)
{
  /* p-omain is reached by nothing here: the exemption is a warning */
  RespVerdict *v = assess (REFUSED ("", "{'person': 'p-omain', 'reason': 'duty_fulfilled'}"));

  CU_ASSERT_PTR_NOT_NULL_FATAL (v);
  CU_ASSERT_EQUAL (count_warnings (v, "exemption_not_liable"), 1);
  CU_ASSERT_EQUAL (resp_verdict_get_n_exempt (v), 0);
  resp_verdict_unref (v);
}

static void
test_dissent_one_of_two_decisions (void)
{
  /* p-mem dissented from one decision of k-unit and took part in another
   * without dissent: answerable for the second, which gives everything the
   * first would have, so the dissent takes nothing off and is not listed */
  RespVerdict *v = assess (REFUSED ("{'committee': 'k-unit', 'participants': ['p-mem'], 'dissent': ['p-mem']}, "
                                    "{'committee': 'k-unit', 'participants': ['p-mem']}", ""));

  CU_ASSERT_PTR_NOT_NULL_FATAL (v);
  expect_liable (v, "p-mem", RESP_CATEGORY_IMPORTANT_LEADERSHIP, "team_member");
  CU_ASSERT (find_exempt (v, "p-mem") < 0);
  resp_verdict_unref (v);

  /* the main leader dissents from the first of k-unit's two decisions: the
   * second holds k-unit as a body all the same, nothing is taken off */
  v = assess (REFUSED ("{'committee': 'k-unit', 'participants': ['p-main'], 'dissent': ['p-main']}, "
                       "{'committee': 'k-unit', 'participants': ['p-mem']}", ""));
  CU_ASSERT_PTR_NOT_NULL_FATAL (v);
  expect_liable (v, "p-main", RESP_CATEGORY_PRIMARY_LEADERSHIP, "first_responsible");
  CU_ASSERT (find_exempt (v, "p-main") < 0);
  resp_verdict_unref (v);

  /* with one decision only, the main leader of the subject's own committee
   * loses the decision's path but keeps the seat reached through the chain:
   * liable and listed as exempt for the decision */
  v = assess (REFUSED ("{'committee': 'k-unit', 'participants': ['p-main'], 'dissent': ['p-main']}", ""));
  CU_ASSERT_PTR_NOT_NULL_FATAL (v);
  expect_liable (v, "p-main", RESP_CATEGORY_PRIMARY_LEADERSHIP, "first_responsible");
  expect_exempt (v, "p-main", "dissent");
  {
    int k = test_find_liable (v, "p-main");
    CU_ASSERT_FATAL (k >= 0);
    CU_ASSERT_EQUAL (resp_verdict_get_liable_n_paths (v, (guint) k), 1);
  }
  resp_verdict_unref (v);
}

static void
test_dissent_recomputes_category (void)
{
  /* p-ocyber: cyber lead of k-other, which decided (primary leadership as
   * its body's cyber lead), and a member of k-unit who took part in its
   * decision (important leadership). Dissenting from k-other's decision
   * leaves only the second: the category falls to important leadership. */
  RespVerdict *v = assess (REFUSED ("{'committee': 'k-other', 'participants': ['p-ocyber', 'p-omain'], "
                                    "'dissent': ['p-ocyber']}, "
                                    "{'committee': 'k-unit', 'participants': ['p-ocyber']}", ""));
  char **paths;

  CU_ASSERT_PTR_NOT_NULL_FATAL (v);
  expect_liable (v, "p-ocyber", RESP_CATEGORY_IMPORTANT_LEADERSHIP, "team_member");
  expect_exempt (v, "p-ocyber", "dissent");
  /* the path through k-other is gone; the one through k-unit stays */
  {
    int k = test_find_liable (v, "p-ocyber");
    CU_ASSERT_FATAL (k >= 0);
    for (guint i = 0; i < resp_verdict_get_liable_n_paths (v, (guint) k); i++)
      {
        paths = resp_verdict_dup_liable_path (v, (guint) k, i);
        CU_ASSERT (!g_strv_contains ((const char * const *) paths, "k-other"));
        g_strfreev (paths);
      }
  }
  /* k-other's main leader answers as its body's first responsible */
  expect_liable (v, "p-omain", RESP_CATEGORY_PRIMARY_LEADERSHIP, "first_responsible");
  resp_verdict_unref (v);

  /* without the dissent the cyber lead's seat makes it primary */
  v = assess (REFUSED ("{'committee': 'k-other', 'participants': ['p-ocyber', 'p-omain']}, "
                       "{'committee': 'k-unit', 'participants': ['p-ocyber']}", ""));
  CU_ASSERT_PTR_NOT_NULL_FATAL (v);
  expect_liable (v, "p-ocyber", RESP_CATEGORY_PRIMARY_LEADERSHIP, "direct_responsible team_member");
  CU_ASSERT (find_exempt (v, "p-ocyber") < 0);
  resp_verdict_unref (v);
}

static void
test_dissent_needs_the_rulebook (void)
{
  /* a rulebook without the `dissent` exemption does not honour dissent:
   * the rule lives in the rulebook, not in the engine */
  const char *text = resp_rulebook_get_text (rulebook);
  const char *start = strstr (text, "{\"reason\": \"dissent\"");
  const char *end = start != NULL ? strstr (start, "{\"reason\": \"duty_fulfilled\"") : NULL;
  GString *edited;
  RespRulebook *rb;
  RespVerdict *v;

  CU_ASSERT_FATAL (start != NULL && end != NULL);
  edited = g_string_new_len (text, start - text);
  g_string_append (edited, end);
  rb = resp_rulebook_new_from_data (edited->str, -1, "no-dissent.json", NULL, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (rb);
  v = assess_in (__LINE__, rb, REFUSED ("{'committee': 'k-unit', 'participants': ['p-head', 'p-mem'], "
                                        "'dissent': ['p-head']}", ""));
  CU_ASSERT_PTR_NOT_NULL_FATAL (v);
  expect_liable (v, "p-head", RESP_CATEGORY_PRIMARY_LEADERSHIP, "team_member unit_head");
  CU_ASSERT_EQUAL (resp_verdict_get_n_exempt (v), 0);
  resp_verdict_unref (v);
  resp_rulebook_unref (rb);
  g_string_free (edited, TRUE);
}

static CU_TestInfo tests[] = {
  { "the model loads", test_model_loads },
  { "Art. 8(2) reads the sponsor's level", test_sponsor_level },
  { "a sponsor of unknown level holds nobody", test_sponsor_unknown_holds_nobody },
  { "who shows the sponsor", test_sponsor_in_who },
  { "the verdict's picture shows the sponsor", test_sponsor_in_the_picture },
  { "sponsors: errors with their positions", test_sponsor_errors },
  { "a dissenter keeps the other roles", test_dissent_keeps_other_roles },
  { "a dissenter who only took part", test_dissent_only_participant },
  { "an exemption wins over a dissent", test_dissent_and_exemption },
  { "an exemption of someone not reached warns", test_exemption_of_the_unreached },
  { "dissent from one of two decisions", test_dissent_one_of_two_decisions },
  { "the category recomputed after a dissent", test_dissent_recomputes_category },
  { "dissent is the rulebook's", test_dissent_needs_the_rulebook },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "readings", suite_init, suite_clean, NULL, NULL, tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return test_main (suites);
}
