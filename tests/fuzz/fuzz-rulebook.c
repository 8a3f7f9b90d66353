/* fuzz-rulebook.c: a rulebook, alone and as a layer, then events and duties checked with it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is a rulebook file, loaded twice: on its own, and as a layer on
 * top of the shipped cn-local-2026-example (resp_rulebook_add_layer_from_data).
 * Each load is all or nothing (NULL exactly when there are diagnostics); a
 * layer that loads gives a rulebook with one layer more, whose id is the
 * layer's own, and leaves the rulebook below as it was.
 *
 * With each rulebook that loads, events against city.json are assessed and
 * every verdict is read and rendered in every format. The events are written
 * for the rulebook at hand: three copies of some example events' subjects,
 * people and decisions, with every declared fact stated high (true, a large
 * number, a string), low (false, its minimum, an empty string) and unknown,
 * and an exemption for each reason the rulebook lists. Events without facts
 * or exemptions do not depend on the rulebook at all, so those must always
 * load.
 *
 * Then its duties: a record written for the rulebook (entries of every kind
 * it declares at a few nodes of every bearer class, notices and a
 * rectification; complete everywhere for every other kind, at two nodes for
 * the rest) must load, and so must an empty one. The duties are checked for
 * 2026 as it stood on 2027-01-10 and over a range cut across periods with
 * the query instant inside it; every slot, notice and scorecard is read
 * through the getters and checked against docs/duties.md (a status that
 * follows from count, required and the query instant; people only where
 * someone answers or held the roles, within the period; missing names only
 * for an unknown; scorecards' scores from their counts), one committee's
 * report against the whole one, and the report rendered in every format.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "fuzz-verdicts.h"
#include "resp-json-reader-private.h"
#include "resp-json-writer-private.h"
#include "resp-rulebook-private.h"

/* the shipped rulebook the input is put on as a layer */
#define BELOW "cn-local-2026-example"

static RespRulebook *below;
static guint below_layers, below_duties, below_kinds;

typedef struct {
  const char *id;
  const char *occurred_at;
  const char *system;      /* or NULL */
  const char *unit;        /* or NULL */
  const char *involved;    /* or NULL */
  gboolean    decisions;   /* the k-city decision of event 2025-046 */
  const char *exempt;      /* a person to exempt, or NULL */
  const char *reporter;    /* the subject's operator, for its reports */
} BaseEvent;

/* From examples/data/events.json: a system with a decision (and a dissent)
 * and an exemption, an exemption alone, a unit, a county system with a
 * system beside it, and one before the records of city.json begin */
static const BaseEvent base_events[] = {
  { "2025-046", "2025-11-10T09:00:00+08:00", "s-portal", NULL, "p-kong", TRUE, "p-zhou", "u-data-center" },
  { "2026-003", "2026-01-16T03:40:00+08:00", "s-scada", NULL, NULL, FALSE, "p-pan", "u-power" },
  { "2026-015", "2026-02-26T10:00:00+08:00", NULL, "u-hospital", "p-xie", FALSE, NULL, "u-hospital" },
  { "2026-033", "2026-03-26", "s-county-portal", "u-data-center", "p-fang", FALSE, NULL, "u-county-gov-office" },
  { "1990-001", "1990-01-01T00:00:00.5Z", "s-egov", NULL, NULL, TRUE, NULL, "u-data-center" },
};

typedef enum { FACTS_NONE, FACTS_HIGH, FACTS_LOW, FACTS_NULL } Filling;

static void
write_ids (RespJsonWriter *w,
           const char     *key,
           const char     *id,
           const char     *id2)
{
  resp_json_writer_key (w, key);
  resp_json_writer_begin_array (w, TRUE);
  if (id != NULL)
    resp_json_writer_string (w, id);
  if (id2 != NULL)
    resp_json_writer_string (w, id2);
  resp_json_writer_end_array (w);
}

static void
write_fact (RespJsonWriter     *w,
            const RespFactDecl *decl,
            Filling             filling)
{
  double x;

  resp_json_writer_key (w, decl->name);
  if (filling == FACTS_NULL)
    {
      resp_json_writer_null (w);
      return;
    }
  switch (decl->type)
    {
    case RESP_FACT_BOOL:
      resp_json_writer_bool (w, filling == FACTS_HIGH);
      break;
    case RESP_FACT_NUMBER:
    case RESP_FACT_INTEGER:
      x = filling == FACTS_HIGH ? 1e7 : 0;
      if (decl->has_min && (x < decl->min || filling == FACTS_LOW))
        x = decl->min;
      if (decl->type == RESP_FACT_INTEGER)
        x = ceil (x);
      resp_json_writer_double (w, x);
      break;
    case RESP_FACT_STRING:
    default:
      resp_json_writer_string (w, filling == FACTS_HIGH ? "x" : "");
      break;
    }
}

static char *
write_events (const RespRulebook *rb,
              gboolean            with_facts)
{
  GString *out = g_string_new (NULL);
  RespJsonWriter w;
  guint k = 0;

  resp_json_writer_init (&w, out);
  resp_json_writer_begin_array (&w, FALSE);
  for (guint e = 0; e < G_N_ELEMENTS (base_events); e++)
    for (Filling filling = with_facts ? FACTS_HIGH : FACTS_NONE;
         filling <= (with_facts ? FACTS_NULL : FACTS_NONE); filling++)
      {
        const BaseEvent *b = &base_events[e];
        char *id = g_strdup_printf ("%s/%u", b->id, k++);

        resp_json_writer_begin_object (&w);
        resp_json_writer_member_string (&w, "format", "libresp/event/1");
        resp_json_writer_member_string (&w, "id", id);
        resp_json_writer_member_string (&w, "occurred_at", b->occurred_at);
        write_ids (&w, "systems", b->system, NULL);
        write_ids (&w, "units", b->unit, NULL);
        write_ids (&w, "involved", b->involved, b->exempt);
        if (b->decisions)
          {
            resp_json_writer_key (&w, "decisions");
            resp_json_writer_begin_array (&w, FALSE);
            resp_json_writer_begin_object (&w);
            resp_json_writer_member_string (&w, "committee", "k-city");
            write_ids (&w, "participants", "p-zhou", "p-feng");
            write_ids (&w, "dissent", "p-feng", NULL);
            resp_json_writer_end_object (&w);
            resp_json_writer_end_array (&w);
          }
        if (filling != FACTS_NONE)
          {
            resp_json_writer_key (&w, "facts");
            resp_json_writer_begin_object (&w);
            for (guint f = 0; f < rb->facts->len; f++)
              write_fact (&w, &g_array_index (rb->facts, RespFactDecl, f), filling);
            resp_json_writer_end_object (&w);
            /* the timeline (SPEC §9.1): with high facts the most severe
             * grade, reports to a 网信 office and the police at the instant
             * of the event, closed then too; with low ones the least
             * severe grade and no report at all; with null ones nothing */
            if (filling != FACTS_NULL)
              {
                static const char * const recipients[] = { "u-prov-cac", "u-city-psb", "u-city-water" };

                resp_json_writer_member_string (&w, "discovered_at", b->occurred_at);
                if (rb->grades->len > 0)
                  resp_json_writer_member_string (&w, "grade",
                                                  g_array_index (rb->grades, RespGradeRule,
                                                                 filling == FACTS_HIGH ? 0 : rb->grades->len - 1).id);
                resp_json_writer_key (&w, "reports");
                resp_json_writer_begin_array (&w, FALSE);
                for (guint r = 0; filling == FACTS_HIGH && r < G_N_ELEMENTS (recipients); r++)
                  {
                    resp_json_writer_begin_object (&w);
                    resp_json_writer_member_string (&w, "by", b->reporter);
                    resp_json_writer_member_string (&w, "to", recipients[r]);
                    resp_json_writer_member_string (&w, "at", b->occurred_at);
                    resp_json_writer_member_string (&w, "kind", r == 2 ? "summary" : "initial");
                    resp_json_writer_end_object (&w);
                  }
                resp_json_writer_end_array (&w);
                if (filling == FACTS_HIGH)
                  resp_json_writer_member_string (&w, "closed_at", b->occurred_at);
              }
            if (b->exempt != NULL && rb->exemptions->len > 0)
              {
                const RespExemptionRule *x = &g_array_index (rb->exemptions, RespExemptionRule,
                                                             e % rb->exemptions->len);

                resp_json_writer_key (&w, "exemptions");
                resp_json_writer_begin_array (&w, FALSE);
                resp_json_writer_begin_object (&w);
                resp_json_writer_member_string (&w, "person", b->exempt);
                resp_json_writer_member_string (&w, "reason", x->reason);
                resp_json_writer_end_object (&w);
                resp_json_writer_end_array (&w);
              }
          }
        resp_json_writer_end_object (&w);
        g_free (id);
      }
  resp_json_writer_end_array (&w);
  return g_string_free (out, FALSE);
}

/* ---- duties ---- */

/* Nodes of city.json that bear duties of every class: committees,
 * operators, a regulator, coordinators, an audit office and systems (two
 * at level 3, one at level 4 and CII). The first two have a complete
 * record of every kind. */
static const char * const record_nodes[] = {
  "k-city", "s-portal", "k-hospital", "u-hospital", "u-data-center", "u-city-health",
  "u-city-cac", "u-prov-cac", "u-city-audit", "s-his", "s-scada", "u-platform",
};

static void
write_entry (RespJsonWriter *w, const char *id, const char *kind, const char *node, const char *at)
{
  resp_json_writer_begin_object (w);
  resp_json_writer_member_string (w, "id", id);
  resp_json_writer_member_string (w, "kind", kind);
  resp_json_writer_member_string (w, "node", node);
  resp_json_writer_member_string (w, "at", at);
}

static void
write_span (RespJsonWriter *w, const char *node, const char *kind, const char *from, const char *until)
{
  resp_json_writer_begin_object (w);
  if (node != NULL)
    resp_json_writer_member_string (w, "node", node);
  if (kind != NULL)
    {
      resp_json_writer_key (w, "kinds");
      resp_json_writer_begin_array (w, TRUE);
      resp_json_writer_string (w, kind);
      resp_json_writer_end_array (w);
    }
  resp_json_writer_member_string (w, "from", from);
  resp_json_writer_member_string (w, "until", until);
  resp_json_writer_end_object (w);
}

/* A record for the rulebook at hand: for each declared kind (the first 16)
 * and node, none to three entries spread over 2025 and 2026 (so that some
 * slots are fulfilled and some not), and three notices. Complete for every
 * node over 2025-2027 for every other kind and the notices; the rest only
 * at the first two nodes. */
static char *
write_record (const RespRulebook *rb)
{
  GString *out = g_string_new (NULL);
  RespJsonWriter w;
  char id[32], at[16];

  resp_json_writer_init (&w, out);
  resp_json_writer_begin_object (&w);
  resp_json_writer_member_string (&w, "format", "libresp/record/1");
  resp_json_writer_key (&w, "entries");
  resp_json_writer_begin_array (&w, FALSE);
  for (guint k = 0; k < rb->record_kinds->len && k < 16; k++)
    for (guint n = 0; n < G_N_ELEMENTS (record_nodes); n++)
      for (guint e = 0; e < (k + n) % 4; e++)
        {
          const RespRecordKindDecl *decl = &g_array_index (rb->record_kinds, RespRecordKindDecl, k);

          g_snprintf (id, sizeof id, "e-%u-%u-%u", k, n, e);
          g_snprintf (at, sizeof at, "%d-%02u-%02u", e == 2 ? 2025 : 2026, 1 + (k * 5 + n * 3 + e * 4) % 12,
                      1 + (k + n * 7 + e) % 28);
          write_entry (&w, id, decl->kind, record_nodes[n], at);
          resp_json_writer_end_object (&w);
        }
  /* answered in time, late, and not at all */
  for (guint n = 0; n < 3; n++)
    {
      char notice[16];

      g_snprintf (notice, sizeof notice, "n-%u", n);
      write_entry (&w, notice, "notice", record_nodes[n], "2026-02-01");
      resp_json_writer_member_string (&w, "by", "u-city-cac");
      resp_json_writer_member_string (&w, "due", "2026-03-01");
      resp_json_writer_end_object (&w);
      if (n == 2)
        continue;
      g_snprintf (id, sizeof id, "r-%u", n);
      write_entry (&w, id, "rectification", record_nodes[n], n == 0 ? "2026-02-20" : "2026-04-01");
      resp_json_writer_member_string (&w, "answers", notice);
      resp_json_writer_end_object (&w);
    }
  resp_json_writer_end_array (&w);
  resp_json_writer_key (&w, "complete");
  resp_json_writer_begin_array (&w, FALSE);
  write_span (&w, NULL, "notice", "2025-01-01", "2027-07-01");
  write_span (&w, NULL, "rectification", "2025-01-01", "2027-07-01");
  for (guint k = 0; k < rb->record_kinds->len && k < 16; k++)
    {
      const char *kind = g_array_index (rb->record_kinds, RespRecordKindDecl, k).kind;

      if (k % 2 == 0)
        write_span (&w, NULL, kind, "2025-01-01", "2027-07-01");
      else
        for (guint n = 0; n < 2; n++)
          write_span (&w, record_nodes[n], kind, "2025-01-01", "2027-07-01");
    }
  resp_json_writer_end_array (&w);
  resp_json_writer_end_object (&w);
  return g_string_free (out, FALSE);
}

static RespRecord *
load_record (RespRulebook *rb, const char *text)
{
  GPtrArray *diagnostics = NULL;
  GError *error = NULL;
  RespRecord *record = resp_record_new_from_data (fuzz_city (), rb, text, (gssize) strlen (text),
                                                  "record.json", &diagnostics, &error);

  if (record == NULL)
    fuzz_fail ("a record written for the rulebook does not load: %s\n%s",
               error != NULL ? error->message : "(no error)", text);
  fuzz_check_load (TRUE, diagnostics, error, NULL, 0, FALSE);
  return record;
}

static gint64
instant (const char *text)
{
  gint64 t;

  if (!resp_instant_parse (text, &t, NULL))
    fuzz_fail ("bad instant %s", text);
  return t;
}

static gboolean
strv_sorted_unique (char **v)
{
  for (guint i = 0; v[i] != NULL && v[i + 1] != NULL; i++)
    if (strcmp (v[i], v[i + 1]) >= 0)
      return FALSE;
  return TRUE;
}

/* Whether the entries named by v are in the order they were done (by `at`,
 * ties by id, bytewise) and each once, as a slot's entries and a notice's
 * rectifications are listed. */
static gboolean
strv_in_order_done (RespRecord *record, char **v)
{
  for (guint i = 0; v[i] != NULL && v[i + 1] != NULL; i++)
    {
      guint a, b;
      gint64 x, y;

      if (!resp_record_lookup_entry (record, v[i], &a) || !resp_record_lookup_entry (record, v[i + 1], &b))
        return FALSE;
      x = resp_record_get_entry_at (record, a);
      y = resp_record_get_entry_at (record, b);
      if (x > y || (x == y && strcmp (v[i], v[i + 1]) >= 0))
        return FALSE;
    }
  return TRUE;
}

/* What docs/duties.md says of one slot. */
static void
check_slot (RespDuties *d, RespRecord *record, guint i)
{
  RespSlotStatus status = resp_duties_get_slot_status (d, i);
  gint64 from = resp_duties_get_slot_from (d, i), until = resp_duties_get_slot_until (d, i);
  gint64 at = resp_duties_get_at (d);
  gint required = resp_duties_get_slot_required (d, i);
  guint count = resp_duties_get_slot_count (d, i), n_people = resp_duties_get_slot_n_people (d, i);
  char **entries = resp_duties_dup_slot_entries (d, i), **missing = resp_duties_dup_slot_missing (d, i);
  const char *what = resp_duties_get_slot_duty (d, i);

  if (what == NULL || resp_duties_get_slot_node (d, i) == NULL)
    fuzz_fail ("slot %u without a duty or a node", i);
  if (!(from < until && from < resp_duties_get_until (d) && until > resp_duties_get_from (d)))
    fuzz_fail ("slot %u (%s): its period does not meet the range", i, what);
  if (g_strv_length (entries) != count || !strv_in_order_done (record, entries))
    fuzz_fail ("slot %u (%s): %u entries listed for a count of %u, or not in the order they were done", i,
               what, g_strv_length (entries), count);
  /* no value of its parameter at the period's start: unknown, unless the
   * slot is partial (the earlier rule), which is never judged */
  if (required == 0 || required < -1
      || (required == -1 && status != RESP_SLOT_UNKNOWN && status != RESP_SLOT_PARTIAL))
    fuzz_fail ("slot %u (%s): required %d with status %s", i, what, required,
               resp_slot_status_to_string (status));
  switch (status)
    {
    case RESP_SLOT_FULFILLED:
      if ((gint64) count < required)
        fuzz_fail ("slot %u (%s): fulfilled with %u of %d", i, what, count, required);
      break;
    case RESP_SLOT_OPEN:
    case RESP_SLOT_UNFULFILLED:
      if ((gint64) count >= required || (status == RESP_SLOT_OPEN) != (at < until))
        fuzz_fail ("slot %u (%s): %s with %u of %d", i, what, resp_slot_status_to_string (status),
                   count, required);
      break;
    case RESP_SLOT_PARTIAL:
    case RESP_SLOT_UNKNOWN:
    default:
      break;
    }
  if ((status == RESP_SLOT_UNKNOWN) != (missing[0] != NULL))
    fuzz_fail ("slot %u (%s): %s with %u names missing", i, what, resp_slot_status_to_string (status),
               g_strv_length (missing));
  if (n_people > 0 && status != RESP_SLOT_UNFULFILLED && status != RESP_SLOT_UNKNOWN)
    fuzz_fail ("slot %u (%s): %u people for a %s slot", i, what, n_people, resp_slot_status_to_string (status));
  for (guint p = 0; p < n_people; p++)
    {
      gint64 pf = resp_duties_get_slot_person_from (d, i, p), pu = resp_duties_get_slot_person_until (d, i, p);

      if (resp_duties_get_slot_person (d, i, p) == NULL || !(from <= pf && pf < pu && pu <= until))
        fuzz_fail ("slot %u (%s): person %u outside the period", i, what, p);
      (void) resp_duties_get_slot_person_role (d, i, p);
      (void) resp_duties_get_slot_person_category (d, i, p);
      g_strfreev (resp_duties_dup_slot_person_authority (d, i, p));
      g_strfreev (resp_duties_dup_slot_person_proposer (d, i, p));
    }
  g_strfreev (entries);
  g_strfreev (missing);
}

static void
check_report (RespDuties *d, RespRecord *record)
{
  const char *prev = NULL;

  for (guint i = 0; i < resp_duties_get_n_slots (d); i++)
    check_slot (d, record, i);
  for (guint i = 0; i < resp_duties_get_n_notices (d); i++)
    {
      const char *id = resp_duties_get_notice_id (d, i);
      char **answered = resp_duties_dup_notice_answered_by (d, i);

      if (id == NULL || (prev != NULL && strcmp (prev, id) >= 0))
        fuzz_fail ("notices out of id order at %u", i);
      if (!strv_in_order_done (record, answered))
        fuzz_fail ("notice %s: its rectifications not in the order they were done", id);
      g_strfreev (answered);
      (void) resp_duties_get_notice_status (d, i);
      prev = id;
    }
  prev = NULL;
  for (guint k = 0; k < resp_duties_get_n_scorecards (d); k++)
    {
      const char *committee = resp_duties_get_scorecard_committee (d, k);
      guint fulfilled = resp_duties_get_scorecard_count (d, k, RESP_SLOT_FULFILLED);
      guint unfulfilled = resp_duties_get_scorecard_count (d, k, RESP_SLOT_UNFULFILLED);
      char **report_to = resp_duties_dup_scorecard_report_to (d, k);
      double score = -1;
      gboolean scored = resp_duties_get_scorecard_score (d, k, &score);

      if (committee == NULL || (prev != NULL && strcmp (prev, committee) >= 0))
        fuzz_fail ("scorecards out of committee order at %u", k);
      if (scored != (fulfilled + unfulfilled > 0) || (scored && !(score >= 0 && score <= 1))
          || (scored && unfulfilled == 0 && score != 1) || (scored && fulfilled == 0 && score != 0))
        fuzz_fail ("scorecard of %s: score %g (%d) for %u fulfilled and %u unfulfilled", committee, score,
                   scored, fulfilled, unfulfilled);
      if (!strv_sorted_unique (report_to))
        fuzz_fail ("scorecard of %s: report_to not sorted", committee);
      g_strfreev (report_to);
      prev = committee;
    }
  fuzz_check_render (resp_duties_render (d, RESP_FORMAT_JSON), RESP_FORMAT_JSON, "duties");
  fuzz_check_render (resp_duties_render (d, RESP_FORMAT_TEXT), RESP_FORMAT_TEXT, "duties");
  fuzz_check_render (resp_duties_render (d, RESP_FORMAT_CSV), RESP_FORMAT_CSV, "duties");
}

static RespDuties *
check_duties (RespRulebook *rb, RespRecord *record, const char *from, const char *until, const char *at,
              const char *node)
{
  GError *error = NULL;
  RespDuties *d = resp_model_check_duties (fuzz_city (), rb, record, instant (from), instant (until),
                                           instant (at), node, &error);

  if (d == NULL)
    fuzz_fail ("no duty report for [%s, %s) at %s: %s", from, until, at, error->message);
  check_report (d, record);
  return d;
}

/* One committee's report counts the slots of its scorecard in the whole one. */
static void
check_committee (RespDuties *all, RespDuties *one, const char *committee)
{
  guint n = 0;

  for (guint k = 0; k < resp_duties_get_n_scorecards (all); k++)
    if (g_str_equal (resp_duties_get_scorecard_committee (all, k), committee))
      {
        if (resp_duties_get_n_scorecards (one) != 1)
          fuzz_fail ("%s's report has %u scorecards", committee, resp_duties_get_n_scorecards (one));
        for (RespSlotStatus s = RESP_SLOT_FULFILLED; s <= RESP_SLOT_UNKNOWN; s++)
          {
            if (resp_duties_get_scorecard_count (all, k, s) != resp_duties_get_scorecard_count (one, 0, s))
              fuzz_fail ("%s's report counts %s slots otherwise than the whole one", committee,
                         resp_slot_status_to_string (s));
            n += resp_duties_get_scorecard_count (one, 0, s);
          }
        if (n != resp_duties_get_n_slots (one))
          fuzz_fail ("%s's report has %u slots, its scorecard counts %u", committee,
                     resp_duties_get_n_slots (one), n);
        return;
      }
  if (resp_duties_get_n_scorecards (one) != 0)
    fuzz_fail ("%s has a scorecard alone but none in the whole report", committee);
}

static void
exercise_duties (RespRulebook *rb)
{
  char *text = write_record (rb);
  RespRecord *record = load_record (rb, text), *empty;
  RespDuties *year, *city, *cut;

  g_free (text);
  year = check_duties (rb, record, "2026-01-01", "2027-01-01", "2027-01-10", NULL);
  city = check_duties (rb, record, "2026-01-01", "2027-01-01", "2027-01-10", "k-city");
  check_committee (year, city, "k-city");
  cut = check_duties (rb, record, "2025-11-15", "2026-05-01", "2026-02-15T12:00:00+08:00", NULL);
  resp_duties_unref (cut);
  resp_duties_unref (city);
  resp_duties_unref (year);
  resp_record_unref (record);

  empty = load_record (rb, "{\"format\": \"libresp/record/1\", \"entries\": []}");
  resp_duties_unref (check_duties (rb, empty, "2026-01-01", "2026-07-01", "2026-07-01", "s-portal"));
  resp_record_unref (empty);
}

/* ---- events ---- */

static void
exercise_events (RespRulebook *rb)
{
  RespEventBatch *batch;
  char *text;

  if (resp_rulebook_get_id (rb) == NULL || resp_rulebook_get_text (rb) == NULL)
    fuzz_fail ("a rulebook without an id or text");
  (void) resp_rulebook_get_title (rb);
  for (guint i = 0; i < resp_rulebook_get_n_circumstances (rb); i++)
    if (resp_rulebook_get_circumstance_id (rb, i) == NULL)
      fuzz_fail ("circumstance %u without an id", i);
  g_strfreev (resp_rulebook_dup_fact_names (rb));

  /* events without facts do not depend on the rulebook: they always load
   * (and are assessed below, with the facts stated as null) */
  text = write_events (rb, FALSE);
  batch = fuzz_load_events (rb, text, strlen (text), "events.json");
  g_free (text);
  if (batch == NULL)
    fuzz_fail ("events without facts do not load");
  resp_event_batch_unref (batch);

  /* with every fact stated as the rulebook declares it */
  text = write_events (rb, TRUE);
  batch = fuzz_load_events (rb, text, strlen (text), "events.json");
  if (batch == NULL)
    fuzz_fail ("events with every fact stated do not load:\n%s", text);
  g_free (text);
  fuzz_assess_and_render (fuzz_city (), rb, batch);
  resp_event_batch_unref (batch);
}

/* ---- layers ---- */

/* The input's own "id": it loaded, so it is an object with a string id. */
static gboolean
is_input_id (const uint8_t *data, size_t size, const char *id)
{
  RespJsonReader *reader = resp_json_reader_new ((const char *) data, size);
  RespJsonTree *tree = resp_json_reader_read_tree (reader, resp_json_reader_next (reader));
  const RespJsonNode *m;
  gboolean same;

  if (tree == NULL)
    fuzz_fail ("a layer that loaded is not JSON");
  m = resp_json_node_get_member (resp_json_tree_get_root (tree), "id");
  if (m == NULL || m->type != RESP_JSON_STRING)
    fuzz_fail ("a layer that loaded has no id");
  same = m->v.string.len == strlen (id) && memcmp (m->v.string.str, id, m->v.string.len) == 0;
  resp_json_tree_free (tree);
  resp_json_reader_free (reader);
  return same;
}

/* The input on top of the shipped rulebook, all or nothing. */
static RespRulebook *
load_layer (const uint8_t *data, size_t size)
{
  GPtrArray *diagnostics = NULL;
  GError *error = NULL;
  RespRulebook *rb = resp_rulebook_add_layer_from_data (below, (const char *) data, (gssize) size,
                                                        FUZZ_FILE_NAME, NULL, &diagnostics, &error);

  fuzz_check_load (rb != NULL, diagnostics, error, data, size, TRUE);
  /* the rulebook below is not changed */
  if (below->layers->len != below_layers || below->duties->len != below_duties
      || below->record_kinds->len != below_kinds || !g_str_equal (resp_rulebook_get_id (below), BELOW))
    fuzz_fail ("adding a layer changed the rulebook below");
  if (rb == NULL)
    return NULL;
  /* what extends the rulebooks below is loaded already: one layer more */
  if (rb->layers->len != below_layers + 1 || rb->layer_ids->len != below_layers + 1)
    fuzz_fail ("%u layers on %u", rb->layers->len, below_layers);
  if (!g_str_equal (rb->layer_ids->pdata[below_layers], resp_rulebook_get_id (rb))
      || !is_input_id (data, size, resp_rulebook_get_id (rb)))
    fuzz_fail ("the layered rulebook's id '%s' is not the layer's", resp_rulebook_get_id (rb));
  for (guint i = 0; i < below_layers; i++)
    if (!g_str_equal (rb->layer_ids->pdata[i], below->layer_ids->pdata[i]))
      fuzz_fail ("layer %u is %s, not %s", i, (char *) rb->layer_ids->pdata[i],
                 (char *) below->layer_ids->pdata[i]);
  if (rb->duties->len < below_duties || rb->record_kinds->len < below_kinds)
    fuzz_fail ("a layer took duties or record kinds away");
  return rb;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  GError *error = NULL;

  fuzz_init (argc, argv);
  (void) fuzz_city ();
  below = resp_rulebook_new_shipped (BELOW, &error);
  if (below == NULL)
    fuzz_fail ("%s does not load: %s", BELOW, error->message);
  below_layers = below->layers->len;
  below_duties = below->duties->len;
  below_kinds = below->record_kinds->len;
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  RespRulebook *rb = fuzz_load (FUZZ_INPUT_RULEBOOK, data, size, FUZZ_FILE_NAME, TRUE);

  if (rb != NULL)
    {
      exercise_events (rb);
      exercise_duties (rb);
      resp_rulebook_unref (rb);
    }
  rb = load_layer (data, size);
  if (rb != NULL)
    {
      exercise_events (rb);
      exercise_duties (rb);
      resp_rulebook_unref (rb);
    }
  return 0;
}
