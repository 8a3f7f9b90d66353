/* test-verdict.c: verdicts against the hand-derived oracle, and the engine's rules
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "test-common.h"
#include "resp-json-reader-private.h"
#include "resp-event-private.h"


/* The member key of the object node */
static const RespJsonNode *
member (const RespJsonNode *node,
        const char         *key)
{
  return resp_json_node_get_member ((RespJsonNode *) node, key);
}

/* The string member key of the object node */
static const char *
member_str (const RespJsonNode *node,
            const char         *key)
{
  return member (node, key)->v.string.str;
}

/* got, which is freed here, holds the strings of the array want */
static gboolean
strv_is (char               **got,
         const RespJsonNode  *want)
{
  gboolean ok = g_strv_length (got) == want->v.children.n;

  for (guint i = 0; ok && i < want->v.children.n; i++)
    ok = g_str_equal (got[i], want->v.children.items[i]->v.string.str);
  g_strfreev (got);
  return ok;
}

static void
check_verdict (RespVerdict *v, const RespJsonNode *want)
{
  const char *ev = resp_verdict_get_event_id (v);
  const RespJsonNode *holds = member (want, "holds");
  const RespJsonNode *und = member (want, "undetermined");
  const RespJsonNode *liable = member (want, "liable");
  const RespJsonNode *exempt = member (want, "exempt");
  guint n_holds = 0, n_und = 0;
  char **got;

  /* cond is evaluated once: it may free what it reads */
#define CHECK(cond) \
  do { \
    gboolean ok_ = (cond); \
    if (!ok_) \
      fprintf (stderr, "\n  %s: %s\n", ev, #cond); \
    CU_assertImplementation (ok_, __LINE__, #cond, __FILE__, "", CU_FALSE); \
  } while (0)

  CHECK (g_str_equal (resp_verdict_status_to_string (resp_verdict_get_status (v)),
                      member_str (want, "status")));
  for (guint i = 0; i < resp_verdict_get_n_circumstances (v); i++)
    {
      RespCircumstanceStatus s = resp_verdict_get_circumstance_status (v, i);
      n_holds += s == RESP_CIRCUMSTANCE_HOLDS;
      n_und += s == RESP_CIRCUMSTANCE_UNDETERMINED;
    }
  CHECK (n_holds == holds->v.children.n);
  for (guint i = 0; i < holds->v.children.n; i++)
    {
      int k = test_find_circumstance (v, holds->v.children.items[i]->v.string.str);
      CHECK (k >= 0 && resp_verdict_get_circumstance_status (v, (guint) k) == RESP_CIRCUMSTANCE_HOLDS);
    }
  CHECK (n_und == und->v.children.n);
  for (guint i = 0; i < und->v.children.n; i++)
    {
      const RespJsonNode *u = und->v.children.items[i];
      int k = test_find_circumstance (v, member_str (u, "id"));
      CHECK (k >= 0 && resp_verdict_get_circumstance_status (v, (guint) k) == RESP_CIRCUMSTANCE_UNDETERMINED);
      if (k >= 0)
        CHECK (strv_is (resp_verdict_dup_circumstance_missing (v, (guint) k), member (u, "missing")));
    }

  CHECK (resp_verdict_get_n_liable (v) == liable->v.children.n);
  for (guint i = 0; i < MIN (liable->v.children.n, resp_verdict_get_n_liable (v)); i++)
    {
      const RespJsonNode *l = liable->v.children.items[i];
      CHECK (g_str_equal (resp_verdict_get_liable_person (v, i), member_str (l, "person")));
      CHECK (g_str_equal (resp_category_to_string (resp_verdict_get_liable_category (v, i)),
                          member_str (l, "category")));
      CHECK (strv_is (resp_verdict_dup_liable_roles (v, i), member (l, "roles")));
      CHECK (strv_is (resp_verdict_dup_liable_authority (v, i), member (l, "authority")));
      CHECK (strv_is (resp_verdict_dup_liable_proposer (v, i), member (l, "proposer")));
      /* every finding carries a basis and a path ending at the person */
      got = resp_verdict_dup_liable_basis (v, i);
      CHECK (g_strv_length (got) > 0);
      g_strfreev (got);
      CHECK (resp_verdict_get_liable_n_paths (v, i) > 0);
      got = resp_verdict_dup_liable_path (v, i, 0);
      CHECK (g_str_equal (got[g_strv_length (got) - 1], resp_verdict_get_liable_person (v, i)));
      g_strfreev (got);
    }

  CHECK (resp_verdict_get_n_exempt (v) == exempt->v.children.n);
  for (guint i = 0; i < MIN (exempt->v.children.n, resp_verdict_get_n_exempt (v)); i++)
    {
      const RespJsonNode *x = exempt->v.children.items[i];
      CHECK (g_str_equal (resp_verdict_get_exempt_person (v, i), member_str (x, "person")));
      CHECK (g_str_equal (resp_verdict_get_exempt_reason (v, i), member_str (x, "reason")));
    }
  CHECK (strv_is (resp_verdict_dup_bodies (v), member (want, "bodies")));
  CHECK (strv_is (resp_verdict_dup_modifiers (v), member (want, "modifiers")));
#undef CHECK
}

/* Whether two JSON values are equal (object members in any order). */
static gboolean
json_equal (const RespJsonNode *a, const RespJsonNode *b)
{
  if (a == NULL || b == NULL || a->type != b->type)
    return FALSE;
  switch (a->type)
    {
    case RESP_JSON_NULL:
      return TRUE;
    case RESP_JSON_BOOL:
      return a->v.boolean == b->v.boolean;
    case RESP_JSON_NUMBER:
      return a->v.number.value == b->v.number.value;
    case RESP_JSON_STRING:
      return g_str_equal (a->v.string.str, b->v.string.str);
    case RESP_JSON_ARRAY:
      if (a->v.children.n != b->v.children.n)
        return FALSE;
      for (guint i = 0; i < a->v.children.n; i++)
        if (!json_equal (a->v.children.items[i], b->v.children.items[i]))
          return FALSE;
      return TRUE;
    case RESP_JSON_OBJECT:
    default:
      if (a->v.children.n != b->v.children.n)
        return FALSE;
      for (guint i = 0; i < a->v.children.n; i++)
        if (!json_equal (a->v.children.items[i], member (b, a->v.children.items[i]->key)))
          return FALSE;
      return TRUE;
    }
}

/* The timeline parts of v's JSON (SPEC §9.4) are those want lists. */
static void
check_timeline (RespVerdict *v, const RespJsonNode *want)
{
  char *text = resp_verdict_render (v, RESP_FORMAT_JSON);
  RespJsonTree *json = test_parse_json (text);
  const RespJsonNode *root = resp_json_tree_get_root (json);

  for (guint i = 0; i < want->v.children.n; i++)
    {
      const RespJsonNode *w = want->v.children.items[i];
      gboolean ok = json_equal (member (root, w->key), w);

      if (!ok)
        fprintf (stderr, "\n  %s: its \"%s\" is not the expected one\n", resp_verdict_get_event_id (v), w->key);
      CU_ASSERT (ok);
    }
  resp_json_tree_free (json);
  g_free (text);
}

static void
test_oracle (void)
{
  RespJsonTree *tree = test_read_json ("tests/data/events-expected.json");
  const RespJsonNode *want = resp_json_node_get_member (resp_json_tree_get_root (tree), "verdicts");
  RespEventBatch *batch = test_example_events (test_city_model);
  GPtrArray *verdicts = resp_assess_batch (test_city_model, test_city_rulebook, batch, 1);

  CU_ASSERT_EQUAL_FATAL (verdicts->len, want->v.children.n);
  for (guint i = 0; i < verdicts->len; i++)
    {
      const RespJsonNode *w = want->v.children.items[i];
      CU_ASSERT_STRING_EQUAL (resp_verdict_get_event_id (verdicts->pdata[i]),
                              member_str (w, "event"));
      check_verdict (verdicts->pdata[i], w);
      if (member (w, "timeline") != NULL)
        check_timeline (verdicts->pdata[i], member (w, "timeline"));
    }
  g_ptr_array_unref (verdicts);
  resp_event_batch_unref (batch);
  resp_json_tree_free (tree);
}

/* With the record (SPEC §8.4): 2026-058 does not state that the notified
 * risk stayed unrectified; the record's overdue notice n-2026-03 settles
 * it. 2026-049 states the opposite while that notice was overdue: the
 * statement wins, with a warning. (EVENTS.md, DUTIES.md) */
static void
test_oracle_with_record (void)
{
  RespJsonTree *tree = test_read_json ("tests/data/events-expected.json");
  const RespJsonNode *with = resp_json_node_get_member (resp_json_tree_get_root (tree), "with_record");
  const RespJsonNode *want = member (with, "verdicts");
  RespRulebook *rb = resp_rulebook_new_shipped ("cn-local-2026-example", NULL);
  char *events = test_src_path ("examples/data/events.json");
  char *path = test_src_path ("examples/data/record.json");
  RespEventBatch *batch = resp_event_batch_new_from_file (test_city_model, rb, events, NULL, NULL);
  RespRecord *record = resp_record_new_from_file (test_city_model, rb, path, NULL, NULL);
  GPtrArray *plain, *verdicts;

  CU_ASSERT_PTR_NOT_NULL_FATAL (batch);
  CU_ASSERT_PTR_NOT_NULL_FATAL (record);
  verdicts = resp_assess_batch_with_record (test_city_model, rb, batch, record, 2);
  plain = resp_assess_batch_with_record (test_city_model, rb, batch, NULL, 1);
  for (guint i = 0; i < want->v.children.n; i++)
    {
      const RespJsonNode *w = want->v.children.items[i];
      RespVerdict *v = NULL, *p = NULL;
      const RespJsonNode *derived = member (w, "derived_facts"), *warnings = member (w, "warnings");
      char *text;
      RespJsonTree *json;
      const RespJsonNode *got;

      for (guint k = 0; k < verdicts->len; k++)
        if (g_str_equal (resp_verdict_get_event_id (verdicts->pdata[k]), member_str (w, "event")))
          v = verdicts->pdata[k], p = plain->pdata[k];
      CU_ASSERT_PTR_NOT_NULL_FATAL (v);
      if (member (w, "status") != NULL)
        check_verdict (v, w);
      CU_ASSERT_EQUAL (resp_verdict_get_n_derived_facts (v), derived->v.children.n);
      for (guint k = 0; k < derived->v.children.n && k < resp_verdict_get_n_derived_facts (v); k++)
        {
          const RespJsonNode *d = derived->v.children.items[k];
          gboolean value = FALSE;

          CU_ASSERT_STRING_EQUAL (resp_verdict_get_derived_fact (v, k, &value), d->key);
          CU_ASSERT_EQUAL (value, member (d, "value")->v.boolean);
          CU_ASSERT_TRUE (strv_is (resp_verdict_dup_derived_fact_evidence (v, k), member (d, "evidence")));
        }
      text = resp_verdict_render (v, RESP_FORMAT_JSON);
      json = test_parse_json (text);
      got = member (resp_json_tree_get_root (json), "warnings");
      CU_ASSERT_EQUAL (got->v.children.n, warnings->v.children.n);
      for (guint k = 0; k < MIN (got->v.children.n, warnings->v.children.n); k++)
        {
          CU_ASSERT_STRING_EQUAL (member_str (got->v.children.items[k], "code"),
                                  member_str (warnings->v.children.items[k], "code"));
          /* a warning about no node in particular has "node": null */
          CU_ASSERT_EQUAL (member (got->v.children.items[k], "node")->type,
                           member (warnings->v.children.items[k], "node")->type);
          if (member (warnings->v.children.items[k], "node")->type == RESP_JSON_STRING
              && member (got->v.children.items[k], "node")->type == RESP_JSON_STRING)
            CU_ASSERT_STRING_EQUAL (member_str (got->v.children.items[k], "node"),
                                    member_str (warnings->v.children.items[k], "node"));
        }
      got = member (member (resp_json_tree_get_root (json), "derived_facts"), "notified_risk_unrectified");
      CU_ASSERT_EQUAL (got != NULL, derived->v.children.n > 0);
      if (got != NULL)
        CU_ASSERT_STRING_EQUAL (member_str (got, "from"), "record");
      resp_json_tree_free (json);
      g_free (text);
      /* without the record nothing is derived and nothing conflicts */
      CU_ASSERT_EQUAL (resp_verdict_get_n_derived_facts (p), 0);
      text = resp_verdict_render (p, RESP_FORMAT_JSON);
      CU_ASSERT_PTR_NULL (strstr (text, "fact_conflicts_record"));
      CU_ASSERT_PTR_NOT_NULL (strstr (text, "\"derived_facts\": {}"));
      g_free (text);
    }
  g_ptr_array_unref (verdicts);
  g_ptr_array_unref (plain);
  resp_record_unref (record);
  resp_event_batch_unref (batch);
  resp_rulebook_unref (rb);
  g_free (events);
  g_free (path);
  resp_json_tree_free (tree);
}

static void
test_threads_agree (void)
{
  RespEventBatch *batch = test_example_events (test_city_model);
  GPtrArray *one = resp_assess_batch (test_city_model, test_city_rulebook, batch, 1);
  GPtrArray *many = resp_assess_batch (test_city_model, test_city_rulebook, batch, 4);
  char *a = resp_verdicts_render ((RespVerdict **) one->pdata, one->len, TRUE, RESP_FORMAT_JSON);
  char *b = resp_verdicts_render ((RespVerdict **) many->pdata, many->len, TRUE, RESP_FORMAT_JSON);

  CU_ASSERT_STRING_EQUAL (a, b);
  g_free (a);
  g_free (b);
  g_ptr_array_unref (one);
  g_ptr_array_unref (many);
  resp_event_batch_unref (batch);
}

/* A batch assessed on the threads given: each verdict is the one its event
 * has alone, at the event's place */
static void
assert_batch_is_each_alone (RespEventBatch *batch, guint threads)
{
  guint n = resp_event_batch_get_n_events (batch);
  GPtrArray *vs = resp_assess_batch (test_city_model, test_city_rulebook, batch, threads);

  CU_ASSERT_EQUAL_FATAL (vs->len, n);
  for (guint i = 0; i < n; i++)
    {
      RespVerdict *alone = resp_assess (test_city_model, test_city_rulebook, resp_event_batch_get_event (batch, i));
      char *a = resp_verdict_render (alone, RESP_FORMAT_JSON);
      char *b = resp_verdict_render (vs->pdata[i], RESP_FORMAT_JSON);

      CU_ASSERT_STRING_EQUAL (a, b);
      g_free (a);
      g_free (b);
      resp_verdict_unref (alone);
    }
  g_ptr_array_unref (vs);
}

/* A batch is worked in the order of its events' first subjects; each
 * verdict must still be the event's own and sit at the event's place. */
static void
test_batch_order (void)
{
  RespEventBatch *batch = test_example_events (test_city_model);
  guint n = resp_event_batch_get_n_events (batch), descents = 0;

  /* the examples are not already in subject order (else this proves
   * nothing): some event's subject was declared before the one before it */
  for (guint i = 1; i < n; i++)
    {
      const RespEvent *a = resp_event_batch_get_event (batch, i - 1);
      const RespEvent *b = resp_event_batch_get_event (batch, i);
      descents += a->subjects.data[0] > b->subjects.data[0];
    }
  CU_ASSERT (descents > 0);
  for (guint threads = 1; threads <= 3; threads++)
    assert_batch_is_each_alone (batch, threads);
  resp_event_batch_unref (batch);
}

/* One event in JSON, assessed alone against city.json */
#define assess_one(json) test_assess_one (test_city_model, test_city_rulebook, (json))

/* Whether v has a warning of code whose message names says and also (if
 * not NULL) too */
static gboolean
has_warning (RespVerdict *v, const char *code, const char *says, const char *too)
{
  for (guint i = 0; i < resp_verdict_get_n_warnings (v); i++)
    {
      const char *message = resp_verdict_get_warning_message (v, i);

      if (g_str_equal (resp_verdict_get_warning_code (v, i), code)
          && strstr (message, says) != NULL && (too == NULL || strstr (message, too) != NULL))
        return TRUE;
    }
  return FALSE;
}

static void
test_unknown_holds_nobody (void)
{
  /* everything of art8.2 but the outage length: nobody is held */
  RespVerdict *v = assess_one ("{\"id\": \"x\", \"occurred_at\": \"2026-03-05T08:10:00+08:00\", "
                               "\"systems\": [\"s-news\"], \"involved\": [\"p-wen\"], \"facts\": "
                               "{\"attacked\": true, \"handled_in_time\": false, \"tampered\": false, "
                               "\"leak_state_secrets\": false, \"leak_personal_info_mass\": false, "
                               "\"leak_personal_info_records\": 0, \"leak_basic_data\": false, "
                               "\"concealed\": false, \"refused_investigation\": false, "
                               "\"notified_risk_unrectified\": false, \"obstructed_security_organs\": false, "
                               "\"other_serious\": false}}");
  int k = test_find_circumstance (v, "art8.2");
  char **missing;

  CU_ASSERT_EQUAL (resp_verdict_get_status (v), RESP_VERDICT_UNDETERMINED);
  CU_ASSERT_EQUAL (resp_verdict_get_n_liable (v), 0);
  CU_ASSERT_EQUAL (resp_verdict_get_circumstance_status (v, (guint) k), RESP_CIRCUMSTANCE_UNDETERMINED);
  missing = resp_verdict_dup_circumstance_subjects (v, (guint) k);
  CU_ASSERT_EQUAL (g_strv_length (missing), 1);
  CU_ASSERT_STRING_EQUAL (missing[0], "s-news");
  g_strfreev (missing);
  missing = resp_verdict_dup_circumstance_missing (v, (guint) k);
  CU_ASSERT_EQUAL (g_strv_length (missing), 1);
  CU_ASSERT_STRING_EQUAL (missing[0], "outage_hours");
  g_strfreev (missing);
  resp_verdict_unref (v);
}

static void
test_exemptions_and_warnings (void)
{
  /* art8.6 on s-portal: p-zhao (security lead) exempt for exploration;
   * an exemption of someone not liable warns; a participant without a
   * seat warns; an unknown modifier condition warns */
  RespVerdict *v = assess_one ("{\"id\": \"y\", \"occurred_at\": \"2026-03-05T08:10:00+08:00\", "
                               "\"systems\": [\"s-portal\"], \"facts\": {\"obstructed_security_organs\": true, "
                               "\"supervision_failed\": false, \"coordination_failed\": false, \"remedied\": false}, "
                               "\"decisions\": [{\"committee\": \"k-gov-office\", \"participants\": [\"p-lu\", \"p-ma\"]}], "
                               "\"exemptions\": [{\"person\": \"p-zhao\", \"reason\": \"exploratory\"}, "
                               "{\"person\": \"p-xu\", \"reason\": \"duty_fulfilled\"}]}");
  int lu = test_find_liable (v, "p-lu");

  CU_ASSERT_EQUAL (resp_verdict_get_status (v), RESP_VERDICT_TRIGGERED);
  CU_ASSERT_EQUAL (test_find_liable (v, "p-zhao"), -1);
  CU_ASSERT_EQUAL_FATAL (resp_verdict_get_n_exempt (v), 1);
  CU_ASSERT_STRING_EQUAL (resp_verdict_get_exempt_person (v, 0), "p-zhao");
  CU_ASSERT_STRING_EQUAL (resp_verdict_get_exempt_reason (v, 0), "exploratory");
  /* each names whom or what it is about: the person exempted, the
   * participant and the committee, the modifier and the fact it lacks
   * (lenient reads remedied, false here, or cooperated, not given) */
  CU_ASSERT (has_warning (v, "exemption_not_liable", "p-xu", NULL));
  CU_ASSERT (has_warning (v, "participant_without_seat", "p-ma", "k-gov-office"));
  CU_ASSERT (has_warning (v, "modifier_undetermined", "lenient", "cooperated"));
  CU_ASSERT_FATAL (lu >= 0);
  CU_ASSERT_EQUAL (resp_verdict_get_liable_category (v, (guint) lu), RESP_CATEGORY_IMPORTANT_LEADERSHIP);
  CU_ASSERT_EQUAL (test_find_liable (v, "p-ma"), -1);
  resp_verdict_unref (v);
}

typedef struct {
  const char *circumstance;
  const char *subject;      /* "systems" or "units" member, as JSON */
  const char *facts;        /* JSON object members */
  RespCircumstanceStatus expected;
} CircCase;

/* Each circumstance of Art. 8 holding, not holding and undetermined. */
static const CircCase circ_cases[] = {
  { "art8.1", "\"systems\": [\"s-portal\"]", "\"tampered\": true, \"harmful_info_spread_widely\": true, \"reported_in_time\": false", RESP_CIRCUMSTANCE_HOLDS },
  { "art8.1", "\"systems\": [\"s-portal\"]", "\"tampered\": true, \"harmful_info_spread_widely\": true, \"reported_in_time\": true, \"handled_in_time\": true", RESP_CIRCUMSTANCE_DOES_NOT_HOLD },
  { "art8.1", "\"systems\": [\"s-his\"]", "\"tampered\": true, \"harmful_info_spread_widely\": true, \"reported_in_time\": false", RESP_CIRCUMSTANCE_DOES_NOT_HOLD },
  { "art8.1", "\"systems\": [\"s-portal\"]", "\"tampered\": true, \"reported_in_time\": false", RESP_CIRCUMSTANCE_UNDETERMINED },
  { "art8.2", "\"systems\": [\"s-news\"]", "\"attacked\": true, \"handled_in_time\": false, \"outage_hours\": 6", RESP_CIRCUMSTANCE_HOLDS },
  { "art8.2", "\"systems\": [\"s-news\"]", "\"attacked\": true, \"handled_in_time\": false, \"outage_hours\": 5.9", RESP_CIRCUMSTANCE_DOES_NOT_HOLD },
  { "art8.2", "\"systems\": [\"s-county-portal\"]", "\"attacked\": true, \"handled_in_time\": false, \"outage_hours\": 8", RESP_CIRCUMSTANCE_DOES_NOT_HOLD },
  { "art8.2", "\"systems\": [\"s-news\"]", "\"attacked\": true, \"outage_hours\": 8", RESP_CIRCUMSTANCE_UNDETERMINED },
  { "art8.3", "\"units\": [\"u-hospital\"]", "\"leak_personal_info_records\": 1000000", RESP_CIRCUMSTANCE_HOLDS },
  { "art8.3", "\"units\": [\"u-hospital\"]", "\"leak_state_secrets\": false, \"leak_personal_info_mass\": false, \"leak_personal_info_records\": 999999, \"leak_basic_data\": false", RESP_CIRCUMSTANCE_DOES_NOT_HOLD },
  { "art8.3", "\"units\": [\"u-hospital\"]", "\"leak_state_secrets\": false, \"leak_basic_data\": false", RESP_CIRCUMSTANCE_UNDETERMINED },
  { "art8.4", "\"systems\": [\"s-scada\"]", "\"attacked\": true, \"handled_in_time\": false, \"major_economic_loss\": true", RESP_CIRCUMSTANCE_HOLDS },
  { "art8.4", "\"systems\": [\"s-scada\"]", "\"attacked\": true, \"handled_in_time\": true, \"major_economic_loss\": true", RESP_CIRCUMSTANCE_DOES_NOT_HOLD },
  { "art8.4", "\"systems\": [\"s-scada\"]", "\"handled_in_time\": false, \"major_economic_loss\": true", RESP_CIRCUMSTANCE_UNDETERMINED },
  { "art8.5", "\"units\": [\"u-hospital\"]", "\"notified_risk_unrectified\": true, \"serious_consequence\": true", RESP_CIRCUMSTANCE_HOLDS },
  { "art8.5", "\"units\": [\"u-hospital\"]", "\"concealed\": false, \"refused_investigation\": false, \"notified_risk_unrectified\": true, \"serious_consequence\": false", RESP_CIRCUMSTANCE_DOES_NOT_HOLD },
  { "art8.5", "\"units\": [\"u-hospital\"]", "\"concealed\": false, \"refused_investigation\": false, \"notified_risk_unrectified\": true", RESP_CIRCUMSTANCE_UNDETERMINED },
  { "art8.6", "\"units\": [\"u-hospital\"]", "\"obstructed_security_organs\": true", RESP_CIRCUMSTANCE_HOLDS },
  { "art8.6", "\"units\": [\"u-hospital\"]", "\"obstructed_security_organs\": false", RESP_CIRCUMSTANCE_DOES_NOT_HOLD },
  { "art8.6", "\"units\": [\"u-hospital\"]", "\"obstructed_security_organs\": null", RESP_CIRCUMSTANCE_UNDETERMINED },
  { "art8.7", "\"units\": [\"u-hospital\"]", "\"other_serious\": true", RESP_CIRCUMSTANCE_HOLDS },
  { "art8.7", "\"units\": [\"u-hospital\"]", "\"other_serious\": false", RESP_CIRCUMSTANCE_DOES_NOT_HOLD },
  { "art8.7", "\"units\": [\"u-hospital\"]", "", RESP_CIRCUMSTANCE_UNDETERMINED },
};

static void
test_each_circumstance (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (circ_cases); i++)
    {
      const CircCase *c = &circ_cases[i];
      char *json = g_strdup_printf ("{\"id\": \"c%u\", \"occurred_at\": \"2026-03-05\", %s, \"facts\": {%s}}",
                                    i, c->subject, c->facts);
      RespVerdict *v = assess_one (json);
      int k = test_find_circumstance (v, c->circumstance);
      RespCircumstanceStatus got = resp_verdict_get_circumstance_status (v, (guint) k);

      if (got != c->expected)
        fprintf (stderr, "\n  case %u (%s): expected %d, got %d\n", i, c->circumstance, c->expected, got);
      CU_ASSERT_EQUAL (got, c->expected);
      /* nobody is held unless something holds */
      if (resp_verdict_get_status (v) != RESP_VERDICT_TRIGGERED)
        CU_ASSERT_EQUAL (resp_verdict_get_n_liable (v), 0);
      resp_verdict_unref (v);
      g_free (json);
    }
}

static void
test_before_the_measures (void)
{
  /* the measures apply from 2017-08-15: an earlier event meets no circumstance */
  RespVerdict *v = assess_one ("{\"id\": \"old\", \"occurred_at\": \"2017-08-14\", \"units\": [\"u-hospital\"], "
                               "\"facts\": {\"other_serious\": true}}");

  CU_ASSERT_EQUAL (resp_verdict_get_status (v), RESP_VERDICT_NOT_TRIGGERED);
  resp_verdict_unref (v);
}

static void
test_formats (void)
{
  RespEventBatch *batch = test_example_events (test_city_model);
  GPtrArray *vs = resp_assess_batch (test_city_model, test_city_rulebook, batch, 0);
  RespVerdict *first = vs->pdata[0];
  char *json1 = resp_verdict_render (first, RESP_FORMAT_JSON);
  char *jsonn = resp_verdicts_render ((RespVerdict **) vs->pdata, vs->len, TRUE, RESP_FORMAT_JSON);
  char *text = resp_verdict_render (first, RESP_FORMAT_TEXT);
  char *dot = resp_verdict_render (vs->pdata[2], RESP_FORMAT_DOT);
  char *undetermined = resp_verdict_render (vs->pdata[8], RESP_FORMAT_JSON);

  CU_ASSERT (g_str_has_prefix (json1, "{\n  \"event\": \"2025-007\",\n  \"occurred_at\": \"2025-04-12T21:35:00+08:00\",\n"
                                      "  \"rulebook\": \"cn-party-cyber-2017\",\n  \"status\": \"triggered\","));
  CU_ASSERT (g_str_has_prefix (jsonn, "[\n  {\n"));
  CU_ASSERT_PTR_NULL (strstr (json1, "duty_holders"));
  test_contains (undetermined, "\"duty_holders\": {", "\"liable\": []");
  /* text: Chinese legal terms, 直接责任人 never standing for 直接责任 */
  test_contains (text, "结论：触发问责情形", "刘某（p-liu）：主要领导责任",
                 "直接责任人（direct_responsible）", "康某（p-kang）：直接责任\n",
                 "链条：s-app → u-platform → r-city → k-city → p-wang",
                 "依据：measures Art. 2 (第一责任人)");
  /* dot: coloured by category, the exempt apart */
  CU_ASSERT (g_str_has_prefix (dot, "digraph \"2025-046\" {"));
  test_contains (dot, "fillcolor=\"#d62728\"", "label=\"免责\"");
  g_free (json1);
  g_free (jsonn);
  g_free (text);
  g_free (dot);
  g_free (undetermined);
  g_ptr_array_unref (vs);
  resp_event_batch_unref (batch);
}

/* A verdict that holds nobody lists the duty holders of each subject, the
 * committee's authority and proposer among them (added to the subject's
 * resolution after the circumstances are weighed): the three such example
 * events against the holders examples/data/EVENTS.md derives by hand. */
static void
expect_holders (RespJsonNode *holders, const char *role, const char * const *want)
{
  RespJsonNode *got = resp_json_node_get_member (holders, role);
  guint n = g_strv_length ((char **) want);

  CU_ASSERT_FATAL (got != NULL && got->type == RESP_JSON_ARRAY);
  CU_ASSERT_EQUAL (got->v.children.n, n);
  for (guint i = 0; i < MIN (n, got->v.children.n); i++)
    CU_ASSERT_STRING_EQUAL (got->v.children.items[i]->v.string.str, want[i]);
}

/* The same with the holders space-separated */
static void
expect_holders_in (RespJsonNode *holders, const char *role, const char *want)
{
  char **list = g_strsplit (want, " ", -1);

  expect_holders (holders, role, (const char * const *) list);
  g_strfreev (list);
}

static void
test_duty_holders (void)
{
  static const struct {
    const char *event, *subject, *first, *direct, *team, *lead, *head, *regulator_head,
               *coordinator_head, *authority, *proposer;
    /* space-separated, "" for nobody */
    const char *protection_dept, *public_security, *state_security, *audit_office;
  } cases[] = {
    /* no protection department of sec-egov: the regulator, the city's
     * u-city-data; r-county has no organs, so the city's */
    { "2026-033", "s-county-portal", "p-yang", "p-zhu", "p-qin", "p-fang", "p-shi", "p-gu", "p-ma",
      "k-city", "u-city-cac", "u-city-data", "u-city-psb", "u-city-ssb", "u-city-audit" },
    /* s-his has no sector: the operator u-hospital's, sec-health, which has
     * no protection department: its regulator u-city-health */
    { "2026-038", "s-his", "p-luo", "p-song", "p-lin", "p-xie", "p-lin", "p-xu", "p-ma",
      "k-city-health", "u-city-cac", "u-city-health", "u-city-psb", "u-city-ssb", "u-city-audit" },
    /* run on the city data centre's platform: its roles are the operator's
     * (the sponsor's county plays no part in them) */
    { "2026-051", "s-county-edu", "p-li", "p-he", "p-lu", "p-zhao", "p-chen", "p-gu", "p-ma",
      "k-city", "u-city-cac", "u-city-data", "u-city-psb", "u-city-ssb", "u-city-audit" },
  };
  RespEventBatch *batch = test_example_events (test_city_model);
  GPtrArray *vs = resp_assess_batch (test_city_model, test_city_rulebook, batch, 1);
  guint found = 0;

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint i = 0; i < vs->len; i++)
      {
        RespVerdict *v = vs->pdata[i];
        char *json;
        RespJsonTree *tree;
        RespJsonNode *holders;

        if (!g_str_equal (resp_verdict_get_event_id (v), cases[c].event))
          continue;
        found++;
        CU_ASSERT_EQUAL (resp_verdict_get_n_liable (v), 0);
        json = resp_verdict_render (v, RESP_FORMAT_JSON);
        tree = test_parse_json (json);
        CU_ASSERT_FATAL (tree != NULL);
        holders = resp_json_node_get_member (resp_json_tree_get_root (tree), "duty_holders");
        CU_ASSERT_FATAL (holders != NULL);
        holders = resp_json_node_get_member (holders, cases[c].subject);
        CU_ASSERT_FATAL (holders != NULL);
        expect_holders (holders, "first_responsible", (const char *[]) { cases[c].first, NULL });
        expect_holders (holders, "direct_responsible", (const char *[]) { cases[c].direct, NULL });
        expect_holders (holders, "team_member", (const char *[]) { cases[c].team, NULL });
        expect_holders (holders, "security_lead", (const char *[]) { cases[c].lead, NULL });
        expect_holders (holders, "unit_head", (const char *[]) { cases[c].head, NULL });
        expect_holders (holders, "regulator_head", (const char *[]) { cases[c].regulator_head, NULL });
        expect_holders (holders, "coordinator_head", (const char *[]) { cases[c].coordinator_head, NULL });
        expect_holders (holders, "authority", (const char *[]) { cases[c].authority, NULL });
        expect_holders (holders, "proposer", (const char *[]) { cases[c].proposer, NULL });
        expect_holders_in (holders, "protection_dept", cases[c].protection_dept);
        expect_holders_in (holders, "public_security", cases[c].public_security);
        expect_holders_in (holders, "state_security", cases[c].state_security);
        expect_holders_in (holders, "audit_office", cases[c].audit_office);
        resp_json_tree_free (tree);
        g_free (json);
      }
  CU_ASSERT_EQUAL (found, G_N_ELEMENTS (cases));
  g_ptr_array_unref (vs);
  resp_event_batch_unref (batch);
}

/* A liable person's path runs from the subject the way the holder was
 * reached (SPEC §5): 2026-003 holds the regulator's head, reached through
 * s-scada's sector, and the coordinator's head, reached through the
 * operator u-power and its region r-city (EVENTS.md). */
static void
test_liable_paths (void)
{
  static const struct {
    const char *person, *path;
  } want[] = {
    { "p-jiang", "s-scada sec-power u-prov-energy p-jiang" },
    { "p-ma", "s-scada u-power r-city u-city-cac p-ma" },
  };
  RespEventBatch *batch = test_example_events (test_city_model);
  GPtrArray *vs = resp_assess_batch (test_city_model, test_city_rulebook, batch, 1);
  RespVerdict *v = NULL;

  for (guint i = 0; i < vs->len; i++)
    if (g_str_equal (resp_verdict_get_event_id (vs->pdata[i]), "2026-003"))
      v = vs->pdata[i];
  CU_ASSERT_PTR_NOT_NULL_FATAL (v);
  for (guint k = 0; k < G_N_ELEMENTS (want); k++)
    {
      int i = test_find_liable (v, want[k].person);
      char **path, *joined;

      CU_ASSERT_FATAL (i >= 0);
      CU_ASSERT_EQUAL (resp_verdict_get_liable_n_paths (v, (guint) i), 1);
      path = resp_verdict_dup_liable_path (v, (guint) i, 0);
      joined = g_strjoinv (" ", path);
      CU_ASSERT_STRING_EQUAL (joined, want[k].path);
      g_free (joined);
      g_strfreev (path);
    }
  g_ptr_array_unref (vs);
  resp_event_batch_unref (batch);
}

/* A person reached many times keeps each reference once, in the order it
 * was first reached, however many there are: the system s is operated by
 * 40 units, unit u<i> led by its own committee k<i>, and p is s's own
 * security lead. The event triggers art8.7 (other_serious), so the
 * security_lead rule holds p through each operator in turn (SPEC §4.3:
 * the system's own security lead answers through each operator's
 * committee): 40 authorities k0..k39, each once (and sorted bytewise, as
 * every list of ids but paths is, SPEC §7: k0, k1, k10, …), and one path
 * s → p, reached 40 times. The first references are kept apart by a look
 * along p's own list, the later ones by a table over all of them: the
 * answer is the same. */
static int
cmp_strings (const void *a, const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
test_many_references (void)
{
  enum { N = 40 };
  GString *json = g_string_new ("{\"format\": \"libresp/model/1\", \"nodes\": [\n"
                                "{\"id\": \"s\", \"type\": \"system\", \"name\": \"S\"},\n"
                                "{\"id\": \"p\", \"type\": \"person\", \"name\": \"P\"}");
  const char *event = "{\"format\": \"libresp/event/1\", \"id\": \"e\", "
                      "\"occurred_at\": \"2026-01-01T00:00:00+08:00\", \"systems\": [\"s\"], "
                      "\"facts\": {\"other_serious\": true}}";
  RespModel *m;
  RespEventBatch *batch;
  RespVerdict *v;
  GError *error = NULL;
  char **authority, **path;
  int i;

  for (guint k = 0; k < N; k++)
    g_string_append_printf (json, ",\n{\"id\": \"u%u\", \"type\": \"unit\", \"name\": \"U%u\"},"
                            "\n{\"id\": \"k%u\", \"type\": \"committee\", \"name\": \"K%u\", "
                            "\"form\": \"party_committee\"}", k, k, k, k);
  g_string_append (json, "], \"relations\": [\n"
                         "{\"rel\": \"security_lead\", \"from\": \"p\", \"to\": \"s\"}");
  for (guint k = 0; k < N; k++)
    g_string_append_printf (json, ",\n{\"rel\": \"operates\", \"from\": \"u%u\", \"to\": \"s\"},"
                            "\n{\"rel\": \"leads\", \"from\": \"k%u\", \"to\": \"u%u\"}", k, k, k);
  g_string_append (json, "]}");
  m = resp_model_new_from_data (json->str, (gssize) json->len, "many.json", NULL, &error);
  g_assert_no_error (error);
  batch = resp_event_batch_new_from_data (m, test_city_rulebook, event, -1, "e.json", NULL, &error);
  g_assert_no_error (error);
  v = resp_assess (m, test_city_rulebook, resp_event_batch_get_event (batch, 0));
  CU_ASSERT_EQUAL (resp_verdict_get_status (v), RESP_VERDICT_TRIGGERED);
  i = test_find_liable (v, "p");
  CU_ASSERT_FATAL (i >= 0);
  authority = resp_verdict_dup_liable_authority (v, (guint) i);
  CU_ASSERT_EQUAL_FATAL (g_strv_length (authority), N);
  {
    char *want[N];

    for (guint k = 0; k < N; k++)
      want[k] = g_strdup_printf ("k%u", k);
    qsort (want, N, sizeof (char *), cmp_strings);
    for (guint k = 0; k < N; k++)
      {
        CU_ASSERT_STRING_EQUAL (authority[k], want[k]);
        g_free (want[k]);
      }
  }
  CU_ASSERT_EQUAL (resp_verdict_get_liable_n_paths (v, (guint) i), 1);
  path = resp_verdict_dup_liable_path (v, (guint) i, 0);
  CU_ASSERT_EQUAL (g_strv_length (path), 2);
  CU_ASSERT_STRING_EQUAL (path[0], "s");
  CU_ASSERT_STRING_EQUAL (path[1], "p");
  g_strfreev (path);
  g_strfreev (authority);
  resp_verdict_unref (v);
  resp_event_batch_unref (batch);
  resp_model_unref (m);
  g_string_free (json, TRUE);
}

/* One assessor over events at instants on both sides of a change, in and
 * out of order: each verdict is the one a fresh assessor gives, and the one
 * derived by hand. p is the security lead of s, which u operates; u is led
 * by its own committee ku and lies in region r, which c1 coordinates until
 * 2025-01-01 and c2 from then on. The event triggers art8.7, so p is held
 * through u (SPEC §4.3): authority ku (p holds no seat on it), proposer the
 * coordinator of ku's region r at the event's instant (Art. 9). An
 * assessor keeps what it has worked out between events only for the
 * instants at which it holds. */
static void
test_one_assessor_across_time (void)
{
  static const char *model =
    "{\"format\": \"libresp/model/1\", \"nodes\": ["
    "{\"id\": \"r\", \"type\": \"region\", \"name\": \"R\", \"level\": \"county\"},"
    "{\"id\": \"s\", \"type\": \"system\", \"name\": \"S\"},"
    "{\"id\": \"u\", \"type\": \"unit\", \"name\": \"U\"},"
    "{\"id\": \"ku\", \"type\": \"committee\", \"name\": \"KU\", \"form\": \"party_committee\"},"
    "{\"id\": \"c1\", \"type\": \"unit\", \"name\": \"C1\"},"
    "{\"id\": \"c2\", \"type\": \"unit\", \"name\": \"C2\"},"
    "{\"id\": \"p\", \"type\": \"person\", \"name\": \"P\"}], \"relations\": ["
    "{\"rel\": \"operates\", \"from\": \"u\", \"to\": \"s\"},"
    "{\"rel\": \"security_lead\", \"from\": \"p\", \"to\": \"s\"},"
    "{\"rel\": \"leads\", \"from\": \"ku\", \"to\": \"u\"},"
    "{\"rel\": \"located_in\", \"from\": \"u\", \"to\": \"r\"},"
    "{\"rel\": \"coordinates\", \"from\": \"c1\", \"to\": \"r\", \"until\": \"2025-01-01\"},"
    "{\"rel\": \"coordinates\", \"from\": \"c2\", \"to\": \"r\", \"since\": \"2025-01-01\"}]}";
  static const struct {
    const char *at, *proposer;
  } events[] = {
    { "2024-06-01", "c1" }, { "2025-06-01", "c2" }, { "2024-07-01", "c1" },
    { "2024-12-31", "c1" }, { "2025-01-01", "c2" }, { "2026-03-01", "c2" },
  };
  GString *lines = g_string_new (NULL);
  GError *error = NULL;
  RespModel *m = resp_model_new_from_data (model, -1, "time.json", NULL, &error);
  RespEventBatch *batch;
  RespAssessor *one;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    g_string_append_printf (lines, "{\"format\": \"libresp/event/1\", \"id\": \"e%u\", "
                            "\"occurred_at\": \"%sT12:00:00+08:00\", \"systems\": [\"s\"], "
                            "\"facts\": {\"other_serious\": true}}\n", i, events[i].at);
  batch = resp_event_batch_new_from_data (m, test_city_rulebook, lines->str, -1, "e.jsonl", NULL, &error);
  g_assert_no_error (error);
  one = resp_assessor_new (m, test_city_rulebook);
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      RespEvent *e = resp_event_batch_get_event (batch, i);
      RespVerdict *kept = resp_assessor_assess (one, e);
      RespVerdict *fresh = resp_assess (m, test_city_rulebook, e);
      char *a = resp_verdict_render (kept, RESP_FORMAT_JSON);
      char *b = resp_verdict_render (fresh, RESP_FORMAT_JSON);
      int k = test_find_liable (kept, "p");

      CU_ASSERT_STRING_EQUAL (a, b);
      CU_ASSERT_FATAL (k >= 0);
      {
        char **authority = resp_verdict_dup_liable_authority (kept, (guint) k);
        char **proposer = resp_verdict_dup_liable_proposer (kept, (guint) k);

        CU_ASSERT (g_strv_length (authority) == 1 && g_str_equal (authority[0], "ku"));
        CU_ASSERT (g_strv_length (proposer) == 1 && g_str_equal (proposer[0], events[i].proposer));
        g_strfreev (authority);
        g_strfreev (proposer);
      }
      g_free (a);
      g_free (b);
      resp_verdict_unref (kept);
      resp_verdict_unref (fresh);
    }
  resp_assessor_unref (one);
  resp_event_batch_unref (batch);
  resp_model_unref (m);
  g_string_free (lines, TRUE);
}

/* Every type of the API is a boxed GType (RESP_TYPE_…) whose copy is a
 * reference to the same object and whose free drops it (STYLE: "ref as
 * copy"), except RespLimits, plain settings that copy; each has its _ref. */
static void
test_boxed_types (void)
{
  RespEventBatch *batch = test_example_events (test_city_model);
  RespEvent *event = resp_event_batch_get_event (batch, 0);
  RespVerdict *verdict = resp_assess (test_city_model, test_city_rulebook, event);
  RespAssessor *assessor = resp_assessor_new (test_city_model, test_city_rulebook);
  RespRoles *roles = resp_model_resolve_roles (test_city_model, "s-portal", 0, NULL);
  RespScope *scope = resp_model_scope_person (test_city_model, "p-li", 0, NULL);
  RespAudit *audit = resp_model_audit (test_city_model);
  RespDiagnostic *diagnostic = resp_diagnostic_new (RESP_ERROR_FAILED, "f.json", 1, 2, "m");
  RespLimits *limits = resp_limits_new (), *copy;
  const struct {
    GType       type;
    const char *name;
    gpointer    object;
  } types[] = {
    { resp_model_get_type (), "RespModel", test_city_model },
    { resp_rulebook_get_type (), "RespRulebook", test_city_rulebook },
    { resp_event_batch_get_type (), "RespEventBatch", batch },
    { resp_event_get_type (), "RespEvent", event },
    { resp_verdict_get_type (), "RespVerdict", verdict },
    { resp_assessor_get_type (), "RespAssessor", assessor },
    { resp_roles_get_type (), "RespRoles", roles },
    { resp_scope_get_type (), "RespScope", scope },
    { resp_audit_get_type (), "RespAudit", audit },
    { resp_diagnostic_get_type (), "RespDiagnostic", diagnostic },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      gpointer same;

      CU_ASSERT_PTR_NOT_NULL_FATAL (types[i].object);
      CU_ASSERT (G_TYPE_IS_BOXED (types[i].type));
      CU_ASSERT_STRING_EQUAL (g_type_name (types[i].type), types[i].name);
      same = g_boxed_copy (types[i].type, types[i].object);
      CU_ASSERT_PTR_EQUAL (same, types[i].object);
      g_boxed_free (types[i].type, same);
    }

  /* each _ref by name: the same object, still alive once its extra
   * reference is dropped */
  CU_ASSERT_PTR_EQUAL (resp_model_ref (test_city_model), test_city_model);
  resp_model_unref (test_city_model);
  CU_ASSERT_PTR_EQUAL (resp_verdict_ref (verdict), verdict);
  resp_verdict_unref (verdict);
  CU_ASSERT_PTR_EQUAL (resp_audit_ref (audit), audit);
  resp_audit_unref (audit);
  CU_ASSERT_PTR_EQUAL (resp_diagnostic_ref (diagnostic), diagnostic);
  resp_diagnostic_unref (diagnostic);
  CU_ASSERT_PTR_EQUAL (resp_event_batch_ref (batch), batch);
  resp_event_batch_unref (batch);
  CU_ASSERT_STRING_EQUAL (resp_verdict_get_event_id (verdict), "2025-007");
  CU_ASSERT (resp_audit_get_n_findings (audit) > 0);
  CU_ASSERT_EQUAL (resp_diagnostic_get_column (diagnostic), 2);

  /* an event referenced outlives its batch */
  CU_ASSERT_PTR_EQUAL (resp_event_ref (event), event);
  resp_event_batch_unref (batch);
  CU_ASSERT_STRING_EQUAL (resp_event_get_id (event), "2025-007");
  CU_ASSERT_EQUAL (resp_event_get_occurred_at (event), test_instant ("2025-04-12T21:35:00+08:00"));
  resp_event_unref (event);

  /* limits are settings: a copy is another struct with the same values */
  CU_ASSERT (G_TYPE_IS_BOXED (resp_limits_get_type ()));
  CU_ASSERT_STRING_EQUAL (g_type_name (resp_limits_get_type ()), "RespLimits");
  limits->max_depth = 17;
  copy = g_boxed_copy (RESP_TYPE_LIMITS, limits);
  CU_ASSERT_PTR_NOT_EQUAL (copy, limits);
  CU_ASSERT_EQUAL (copy->max_depth, 17);
  CU_ASSERT_EQUAL (copy->max_file_bytes, limits->max_file_bytes);
  g_boxed_free (RESP_TYPE_LIMITS, copy);
  resp_limits_free (limits);

  resp_diagnostic_unref (diagnostic);
  resp_audit_unref (audit);
  resp_scope_unref (scope);
  resp_roles_unref (roles);
  resp_assessor_unref (assessor);
  resp_verdict_unref (verdict);
}

/* The version the library says it is, the one its headers were made for */
static void
test_version (void)
{
  char *parts = g_strdup_printf ("%d.%d.%d", RESP_MAJOR_VERSION, RESP_MINOR_VERSION,
                                 RESP_MICRO_VERSION);

  CU_ASSERT_STRING_EQUAL (resp_get_version (), RESP_VERSION_S);
  CU_ASSERT_STRING_EQUAL (resp_get_version (), parts);
  CU_ASSERT (RESP_CHECK_VERSION (RESP_MAJOR_VERSION, RESP_MINOR_VERSION, RESP_MICRO_VERSION));
  CU_ASSERT (!RESP_CHECK_VERSION (RESP_MAJOR_VERSION + 1, 0, 0));
  g_free (parts);
}

/* The error domain is one quark, the one a refusal carries */
static void
test_error_domain (void)
{
  GError *error = NULL;

  CU_ASSERT_NOT_EQUAL (resp_error_quark (), 0);
  CU_ASSERT_EQUAL (resp_error_quark (), resp_error_quark ());
  CU_ASSERT_PTR_NULL (resp_model_new_from_data ("", -1, "m.json", NULL, &error));
  CU_ASSERT_FATAL (error != NULL);
  CU_ASSERT_EQUAL (error->domain, resp_error_quark ());
  CU_ASSERT_EQUAL (error->code, RESP_ERROR_MALFORMED_JSON);
  g_clear_error (&error);
}

/* static, so the child that stops at the critical still reaches them */
static RespEventBatch *volatile misuse_batch;
static RespRulebook *volatile misuse_rulebook;

/* What the warnings of the example verdicts say (examples/data/EVENTS.md):
 * 2025-007 warns that the regional_supervisor rule is undetermined for want
 * of supervision_failed (SPEC §4.5: a warning naming the role and the
 * missing fact), and nothing about regulator_head; 2025-046 that s-portal
 * has no unit_head at the instant (the data centre's head is vacant). From
 * 2025-11-01 a triggered verdict whose modifiers wait for false_report,
 * major_harm or reasonable_measures says so (modifier_undetermined), unless
 * the kind applies through another rule (2026-003: lenient, cooperated).
 * Every recipient of a report resolves (the model has its national office
 * and police). Each verdict's warnings, in any order. */
typedef struct {
  const char *code;
  const char *says[2];    /* what its message names */
} ExampleWarning;

#define AGGRAVATED { "modifier_undetermined", { "aggravated", "major_harm" } }
#define LENIENT { "modifier_undetermined", { "lenient", "reasonable_measures" } }

static const struct {
  const char    *event;
  ExampleWarning w[8];    /* up to the first with code NULL */
} example_warnings[] = {
  { "2025-007", { { "liability_undetermined", { "regional_supervisor", "supervision_failed" } } } },
  { "2025-023", { { NULL } } },
  { "2025-046", { { "role_unresolved", { "s-portal", "unit_head" } }, LENIENT, AGGRAVATED } },
  { "2026-003", { AGGRAVATED } },
  { "2026-011", { AGGRAVATED } },
  { "2026-015", { LENIENT, AGGRAVATED } },
  { "2026-019", { LENIENT, AGGRAVATED } },
  { "2026-027", { LENIENT, AGGRAVATED } },
  { "2026-033", { { NULL } } },
  { "2026-038", { { NULL } } },
  { "2026-044", { LENIENT, AGGRAVATED } },
  { "2026-047", { LENIENT, AGGRAVATED } },
  { "2026-049", { LENIENT, AGGRAVATED } },
  { "2026-051", { { NULL } } },
  { "2026-058", { { NULL } } },
  /* the timeline's own events (EVENTS.md): every fact they need is stated,
   * so only the ministry, which has no committee or posts recorded,
   * warns: about its committee, the seats on it, its security lead and
   * head, its 网信 body's head, and, with no regulator, the regional
   * supervisor (r-nat has no committee) */
  { "2026-061", { { NULL } } },
  { "2026-062", { { NULL } } },
  { "2026-063", { { "role_unresolved", { "（committee）", NULL } },
                  { "role_unresolved", { "（first_responsible）", NULL } },
                  { "role_unresolved", { "（direct_responsible）", NULL } },
                  { "role_unresolved", { "（security_lead）", NULL } },
                  { "role_unresolved", { "（unit_head）", NULL } },
                  { "role_unresolved", { "（coordinator_head）", NULL } },
                  { "role_unresolved", { "（regional_supervisor）", NULL } } } },
  { "2026-064", { { NULL } } },
  { "2026-065", { { NULL } } },
  { "2026-066", { { NULL } } },
  { "2026-067", { { NULL } } },
  { "2026-068", { { NULL } } },
  { "2026-069", { { NULL } } },
  { "2026-070", { { NULL } } },
  { "2026-071", { { NULL } } },
  { "2026-072", { { NULL } } },
};

static void
test_example_warnings (void)
{
  RespEventBatch *batch = test_example_events (test_city_model);
  GPtrArray *vs = resp_assess_batch (test_city_model, test_city_rulebook, batch, 1);

  CU_ASSERT_EQUAL_FATAL (vs->len, G_N_ELEMENTS (example_warnings));
  for (guint i = 0; i < vs->len; i++)
    {
      RespVerdict *v = vs->pdata[i];
      guint n = 0;

      CU_ASSERT_STRING_EQUAL (resp_verdict_get_event_id (v), example_warnings[i].event);
      while (n < G_N_ELEMENTS (example_warnings[i].w) && example_warnings[i].w[n].code != NULL)
        n++;
      if (resp_verdict_get_n_warnings (v) != n)
        for (guint k = 0; k < resp_verdict_get_n_warnings (v); k++)
          fprintf (stderr, "\n  %s: %s: %s\n", example_warnings[i].event,
                   resp_verdict_get_warning_code (v, k), resp_verdict_get_warning_message (v, k));
      CU_ASSERT_EQUAL (resp_verdict_get_n_warnings (v), n);
      for (guint k = 0; k < n; k++)
        {
          const ExampleWarning *w = &example_warnings[i].w[k];
          if (!has_warning (v, w->code, w->says[0], w->says[1]))
            fprintf (stderr, "\n  %s: no %s warning naming %s and %s\n", example_warnings[i].event,
                     w->code, w->says[0], w->says[1]);
          CU_ASSERT (has_warning (v, w->code, w->says[0], w->says[1]));
        }
    }
  g_ptr_array_unref (vs);
  resp_event_batch_unref (batch);
}

/* An assessor keeps its working space from one event to the next. Reused
 * on every example event, forwards and then backwards, it gives each the
 * verdict resp_assess gives the event alone; and the verdicts of the first
 * pass, kept while it went on and after it is gone, are still their own. */
static void
test_assessor_reused (void)
{
  RespEventBatch *batch = test_example_events (test_city_model);
  guint n = resp_event_batch_get_n_events (batch);
  RespAssessor *a = resp_assessor_new (test_city_model, test_city_rulebook);
  char **alone = g_new0 (char *, n + 1);
  RespVerdict **kept = g_new0 (RespVerdict *, n);

  CU_ASSERT_EQUAL (n, 27);
  CU_ASSERT_PTR_NOT_NULL_FATAL (a);
  for (guint i = 0; i < n; i++)
    {
      RespVerdict *v = resp_assess (test_city_model, test_city_rulebook,
                                    resp_event_batch_get_event (batch, i));
      alone[i] = resp_verdict_render (v, RESP_FORMAT_JSON);
      resp_verdict_unref (v);
    }
  /* a reference is the same assessor */
  CU_ASSERT_PTR_EQUAL (resp_assessor_ref (a), a);
  resp_assessor_unref (a);

  for (guint k = 0; k < 2 * n; k++)
    {
      guint i = k < n ? k : 2 * n - 1 - k;
      RespVerdict *v = resp_assessor_assess (a, resp_event_batch_get_event (batch, i));
      char *json = v != NULL ? resp_verdict_render (v, RESP_FORMAT_JSON) : NULL;

      if (g_strcmp0 (json, alone[i]) != 0)
        fprintf (stderr, "\n  %s, assessment %u: not the verdict of the event alone\n",
                 resp_event_get_id (resp_event_batch_get_event (batch, i)), k);
      CU_ASSERT (g_strcmp0 (json, alone[i]) == 0);
      g_free (json);
      if (k < n)
        kept[i] = v;
      else if (v != NULL)
        resp_verdict_unref (v);
    }
  resp_assessor_unref (a);
  for (guint i = 0; i < n; i++)
    {
      char *json = kept[i] != NULL ? resp_verdict_render (kept[i], RESP_FORMAT_JSON) : NULL;

      CU_ASSERT (g_strcmp0 (json, alone[i]) == 0);
      g_free (json);
      g_clear_pointer (&kept[i], resp_verdict_unref);
    }
  g_free (kept);
  g_strfreev (alone);
  resp_event_batch_unref (batch);
}

/* static, so that the child that exits on the critical still reaches them */
static RespAssessor *volatile misuse_assessor;
static RespModel *volatile misuse_model;

/* the event is the first example, loaded against city.json and the default
 * rulebook of test_city_init; the assessor's are other objects */
static void
assess_first_example (RespModel *model, RespRulebook *rulebook)
{
  misuse_batch = test_example_events (test_city_model);
  misuse_assessor = resp_assessor_new (model, rulebook);
  resp_assessor_assess (misuse_assessor, resp_event_batch_get_event (misuse_batch, 0));
}

static void
assessor_other_rulebook (void)
{
  misuse_rulebook = resp_rulebook_new_default ();
  assess_first_example (test_city_model, misuse_rulebook);
}

static void
assessor_other_model (void)
{
  misuse_model = test_load_city ();
  assess_first_example (misuse_model, test_city_rulebook);
}

static void
assessor_null_event (void)
{
  misuse_assessor = resp_assessor_new (test_city_model, test_city_rulebook);
  resp_assessor_assess (misuse_assessor, NULL);
}

static void
assessor_null_model (void)
{
  resp_assessor_new (NULL, test_city_rulebook);
}

static void
record_critical (const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data)
{
  g_ptr_array_add (data, g_strdup (message));
}

#define OTHER_INPUTS \
  "resp_assessor_assess: assertion " \
  "'event->model == self->model && event->rulebook == self->rb' failed"

/* An event loaded against another model or rulebook than the assessor's is
 * refused: a critical, and NULL */
static void
test_assessor_refuses_other_inputs (void)
{
  static const TestMisuse assessor_misuses[] = {
    { assessor_other_rulebook, OTHER_INPUTS },
    { assessor_other_model, OTHER_INPUTS },
    { assessor_null_event, "resp_assessor_assess: assertion 'event != NULL' failed" },
    { assessor_null_model, "resp_assessor_new: assertion 'model != NULL' failed" },
  };
  RespEventBatch *batch = test_example_events (test_city_model);
  RespModel *other = test_load_city ();
  RespAssessor *a = resp_assessor_new (other, test_city_rulebook);
  GPtrArray *said = g_ptr_array_new_with_free_func (g_free);
  GLogLevelFlags fatal;
  guint handler;

  test_misuses (assessor_misuses);

  /* the same in this process, criticals caught and not fatal: past the
   * critical the answer is NULL */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
  handler = g_log_set_handler ("Resp", G_LOG_LEVEL_CRITICAL, record_critical, said);
  CU_ASSERT_PTR_NULL (resp_assessor_assess (a, resp_event_batch_get_event (batch, 0)));
  g_log_remove_handler ("Resp", handler);
  g_log_set_always_fatal (fatal);
  CU_ASSERT_EQUAL_FATAL (said->len, 1);
  CU_ASSERT_PTR_NOT_NULL (strstr (said->pdata[0], OTHER_INPUTS));

  g_ptr_array_unref (said);
  resp_assessor_unref (a);
  resp_model_unref (other);
  resp_event_batch_unref (batch);
}

static RespVerdict *volatile misuse_verdict;

/* 2025-023, which has no warning at all */
static RespVerdict *
verdict_without_warnings (void)
{
  misuse_batch = test_example_events (test_city_model);
  misuse_verdict = resp_assess (test_city_model, test_city_rulebook,
                                resp_event_batch_get_event (misuse_batch, 1));
  return misuse_verdict;
}

static void
warning_out_of_range (void)
{
  resp_verdict_get_warning_message (verdict_without_warnings (), 0);
}

static void
warning_code_out_of_range (void)
{
  resp_verdict_get_warning_code (verdict_without_warnings (), 0);
}

static void
misuse_mismatched (void)
{
  misuse_batch = test_example_events (test_city_model);
  misuse_rulebook = resp_rulebook_new_default ();
  /* an event checked against one rulebook cannot be assessed with another */
  resp_assess (test_city_model, misuse_rulebook, resp_event_batch_get_event (misuse_batch, 0));
}

static void
misuse_batch_of_another_rulebook (void)
{
  misuse_batch = test_example_events (test_city_model);
  misuse_rulebook = resp_rulebook_new_default ();
  /* a batch checked against one rulebook cannot be assessed with another:
   * before, every verdict came back NULL */
  resp_assess_batch (test_city_model, misuse_rulebook, misuse_batch, 1);
}

static void
misuse_render_null_verdict (void)
{
  RespVerdict *verdicts[2] = { verdict_without_warnings (), NULL };

  /* before, this crashed reading the missing verdict */
  resp_verdicts_render (verdicts, 2, TRUE, RESP_FORMAT_JSON);
}

static void
test_misuse (void)
{
  static const TestMisuse verdict_misuses[] = {
    { misuse_mismatched,
      "resp_assess: assertion 'event->model == model && event->rulebook == rulebook' failed" },
    { misuse_batch_of_another_rulebook,
      "resp_assess_batch: assertion 'resp_event_batch_loaded_for (batch, model, rulebook)' failed" },
    { misuse_render_null_verdict,
      "resp_verdicts_render: assertion 'verdicts[i] != NULL' failed" },
    { warning_out_of_range,
      "resp_verdict_get_warning_message: assertion 'index < self->warnings.len' failed" },
    { warning_code_out_of_range,
      "resp_verdict_get_warning_code: assertion 'index < self->warnings.len' failed" },
  };

  test_misuses (verdict_misuses);
}

/* Threads take runs of neighbouring events (several events at a time once
 * a batch is large enough): the example events twelve times over (324, in
 * runs of 20, 10, 6 and 2 events on 1, 2, 3 and 8 threads, the last run of
 * each short) give every event the verdict it has alone, at its place. */
static void
test_batch_runs (void)
{
  char *path = test_src_path ("examples/data/events.json"), *text = NULL, *open, *close;
  GString *many = g_string_new ("[");
  RespEventBatch *batch;
  GError *error = NULL;
  static const guint threads[] = { 1, 2, 3, 8 };
  guint n;

  CU_ASSERT_FATAL (g_file_get_contents (path, &text, NULL, NULL));
  open = strchr (text, '[');
  close = strrchr (text, ']');
  CU_ASSERT_FATAL (open != NULL && close != NULL && close > open);
  for (int copy = 0; copy < 12; copy++)
    {
      if (copy > 0)
        g_string_append_c (many, ',');
      g_string_append_len (many, open + 1, close - open - 1);
    }
  g_string_append_c (many, ']');
  batch = resp_event_batch_new_from_data (test_city_model, test_city_rulebook, many->str, (gssize) many->len,
                                          "many.json", NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (batch);
  n = resp_event_batch_get_n_events (batch);
  CU_ASSERT_EQUAL (n, 324);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    assert_batch_is_each_alone (batch, threads[t]);
  resp_event_batch_unref (batch);
  g_string_free (many, TRUE);
  g_free (text);
  g_free (path);
}

static CU_TestInfo tests[] = {
  { "example events against the hand-derived oracle", test_oracle },
  { "the oracle with the record (SPEC §8.4)", test_oracle_with_record },
  { "threads give the same verdicts", test_threads_agree },
  { "a batch in subject order, its verdicts in event order", test_batch_order },
  { "a batch taken in runs of events, its verdicts in event order", test_batch_runs },
  { "nobody is held on an unknown fact", test_unknown_holds_nobody },
  { "exemptions and warnings", test_exemptions_and_warnings },
  { "each circumstance holds, does not, or is undetermined", test_each_circumstance },
  { "circumstances in force from 2017-08-15", test_before_the_measures },
  { "JSON, text and DOT", test_formats },
  { "duty holders when nobody is held", test_duty_holders },
  { "the warnings of the example verdicts", test_example_warnings },
  { "a liable person's path from the subject", test_liable_paths },
  { "a person reached many times: each reference once, in order", test_many_references },
  { "one assessor across time: each verdict as a fresh assessor's", test_one_assessor_across_time },
  { "an assessor reused gives each event its own verdict", test_assessor_reused },
  { "an assessor refuses events of other inputs", test_assessor_refuses_other_inputs },
  { "boxed types: a copy is a reference", test_boxed_types },
  { "the version", test_version },
  { "the error domain", test_error_domain },
  { "API misuse", test_misuse },
  CU_TEST_INFO_NULL,
};

int
main (void)
{
  return test_main_suite ("verdict", test_city_init, test_city_clean, tests);
}
