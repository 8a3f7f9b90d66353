/* fuzz-verdicts.c: assessing a batch and checking every verdict
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "fuzz-verdicts.h"
#include "resp-verdict-private.h"

static const RespFormat formats[] = { RESP_FORMAT_TEXT, RESP_FORMAT_JSON, RESP_FORMAT_DOT };

static void
check_strv_sorted (char      **v,
                   const char *what)
{
  if (v == NULL)
    fuzz_fail ("%s: NULL list", what);
  for (guint i = 0; v[i] != NULL && v[i + 1] != NULL; i++)
    if (strcmp (v[i], v[i + 1]) >= 0)
      fuzz_fail ("%s not sorted and unique: '%s' before '%s'", what, v[i], v[i + 1]);
  g_strfreev (v);
}

/* What SPEC §9 promises of a timeline, whatever the input: grades in
 * order; no hop to itself; a hop to nobody is never judged; late and
 * missing only of a report that was owed; an unknown discovered_at makes
 * no initial report late; a derived reported_in_time false only on a
 * late or missing initial hop, true only when every owed one was in time. */
static void
check_timeline (RespVerdict *v)
{
  const RespEvent *ev = v->event;
  gboolean bad = FALSE, unsure = FALSE;
  guint n_initial = 0;

  if (v->has_grade && (v->grade_least >= v->rb->grades->len || v->grade_most > v->grade_least
                       || (v->grade_stated && v->grade_least != v->grade_most)))
    fuzz_fail ("a grade range out of order: least %u, most %u", v->grade_least, v->grade_most);
  if (!v->has_grade && v->hops.len > 0)
    fuzz_fail ("hops without a grade");
  for (guint i = 0; i < v->hops.len; i++)
    {
      const RespVerdictHop *h = &v->hops.data[i];

      if (h->status >= RESP_N_HOP_STATUSES)
        fuzz_fail ("hop %u: status %u", i, h->status);
      if (h->to == h->by)
        fuzz_fail ("hop %u from a unit to itself", i);
      if (h->to == RESP_NO_NODE && h->status != RESP_HOP_UNKNOWN && h->status != RESP_HOP_NOT_REQUIRED)
        fuzz_fail ("hop %u to nobody is %s", i, resp_hop_status_names[h->status]);
      if ((h->status == RESP_HOP_LATE || h->status == RESP_HOP_MISSING) && h->required != RESP_TRUTH_TRUE)
        fuzz_fail ("hop %u is %s but was not owed for certain", i, resp_hop_status_names[h->status]);
      if ((h->status == RESP_HOP_NOT_REQUIRED) != (h->required == RESP_TRUTH_FALSE))
        fuzz_fail ("hop %u: not_required and the requirement disagree", i);
      if (h->group == RESP_HOP_INITIAL && h->status == RESP_HOP_LATE
          && ev->discovered_at == RESP_EVENT_NO_INSTANT)
        fuzz_fail ("hop %u is late although the discovery is unknown", i);
      if (ev->reports == NULL && h->status != RESP_HOP_UNKNOWN && h->status != RESP_HOP_NOT_REQUIRED)
        fuzz_fail ("hop %u is judged although reporting is unknown", i);
      for (guint k = 0; k < h->reports.len; k++)
        if (ev->reports == NULL || h->reports.data[k] >= ev->reports->len)
          fuzz_fail ("hop %u names report %u, which is not there", i, h->reports.data[k]);
      if (h->group == RESP_HOP_INITIAL && h->status != RESP_HOP_NOT_REQUIRED)
        {
          n_initial++;
          bad |= h->status == RESP_HOP_LATE || h->status == RESP_HOP_MISSING;
          unsure |= h->status != RESP_HOP_IN_TIME;
        }
    }
  for (guint i = 0; i < v->derived.len; i++)
    {
      const RespVerdictDerived *d = &v->derived.data[i];

      if (d->from != RESP_DERIVE_TIMELINE)
        continue;
      if ((d->value == 0) != bad || (d->value == 1) != (!bad && !unsure && n_initial > 0))
        fuzz_fail ("reported_in_time derived %u from hops that say otherwise", d->value);
      if (d->evidence.len != n_initial)
        fuzz_fail ("reported_in_time rests on %u hops, not %u", d->evidence.len, n_initial);
    }
  for (guint i = 0; i + 1 < v->notify.len; i++)
    if (strcmp (resp_model_node_id (v->model, v->notify.data[i]),
                resp_model_node_id (v->model, v->notify.data[i + 1])) >= 0)
      fuzz_fail ("notify not sorted and unique");
}

static void
read_verdict (RespVerdict *v)
{
  RespVerdictStatus status = resp_verdict_get_status (v);
  gboolean holds = FALSE, undetermined = FALSE;
  GHashTable *people, *dissenters = g_hash_table_new (g_str_hash, g_str_equal);

  if (resp_verdict_get_event_id (v) == NULL)
    fuzz_fail ("verdict without an event id");
  for (guint i = 0; i < resp_verdict_get_n_circumstances (v); i++)
    {
      RespCircumstanceStatus cs = resp_verdict_get_circumstance_status (v, i);
      char **missing = resp_verdict_dup_circumstance_missing (v, i);

      if (resp_verdict_get_circumstance_id (v, i) == NULL || missing == NULL)
        fuzz_fail ("circumstance %u without an id or a missing list", i);
      holds |= cs == RESP_CIRCUMSTANCE_HOLDS;
      undetermined |= cs == RESP_CIRCUMSTANCE_UNDETERMINED;
      check_strv_sorted (missing, "missing facts");
    }
  /* SPEC §4.4: the status follows from the circumstances */
  if (status != (holds ? RESP_VERDICT_TRIGGERED
                       : undetermined ? RESP_VERDICT_UNDETERMINED : RESP_VERDICT_NOT_TRIGGERED))
    fuzz_fail ("status %d does not follow from the circumstances", (int) status);
  if (status != RESP_VERDICT_TRIGGERED
      && (resp_verdict_get_n_liable (v) != 0 || resp_verdict_get_n_exempt (v) != 0))
    fuzz_fail ("a verdict that is not triggered holds someone");

  /* a person appears once, liable or exempt (docs/verdicts.md, 7 and 8) */
  people = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < resp_verdict_get_n_liable (v); i++)
    {
      guint n_paths = resp_verdict_get_liable_n_paths (v, i);

      if (resp_verdict_get_liable_person (v, i) == NULL)
        fuzz_fail ("liable %u without a person", i);
      if (!g_hash_table_add (people, (gpointer) resp_verdict_get_liable_person (v, i)))
        fuzz_fail ("'%s' is liable twice", resp_verdict_get_liable_person (v, i));
      if (n_paths == 0)
        fuzz_fail ("'%s' is liable without a path", resp_verdict_get_liable_person (v, i));
      (void) resp_verdict_get_liable_category (v, i);
      check_strv_sorted (resp_verdict_dup_liable_roles (v, i), "roles");
      g_strfreev (resp_verdict_dup_liable_basis (v, i));
      for (guint p = 0; p < n_paths; p++)
        {
          char **path = resp_verdict_dup_liable_path (v, i, p);

          if (path == NULL || path[0] == NULL)
            fuzz_fail ("liable %u: path %u is empty", i, p);
          g_strfreev (path);
        }
      check_strv_sorted (resp_verdict_dup_liable_authority (v, i), "authority");
      check_strv_sorted (resp_verdict_dup_liable_proposer (v, i), "proposer");
    }
  check_strv_sorted (resp_verdict_dup_bodies (v), "bodies");
  for (guint i = 0; i < resp_verdict_get_n_exempt (v); i++)
    {
      if (resp_verdict_get_exempt_person (v, i) == NULL
          || resp_verdict_get_exempt_reason (v, i) == NULL)
        fuzz_fail ("exempt %u without a person or reason", i);
      /* a recorded dissent answers for its decision only: the dissenter
       * may stay liable otherwise (SPEC §4.5), once in each list */
      if (!g_hash_table_add (people, (gpointer) resp_verdict_get_exempt_person (v, i))
          && (!g_str_equal (resp_verdict_get_exempt_reason (v, i), "dissent")
              || !g_hash_table_add (dissenters, (gpointer) resp_verdict_get_exempt_person (v, i))))
        fuzz_fail ("'%s' is listed twice among the liable and the exempt",
                   resp_verdict_get_exempt_person (v, i));
    }
  g_hash_table_unref (people);
  g_hash_table_unref (dissenters);
  g_strfreev (resp_verdict_dup_modifiers (v));
  for (guint i = 0; i < resp_verdict_get_n_warnings (v); i++)
    if (resp_verdict_get_warning_code (v, i) == NULL
        || resp_verdict_get_warning_message (v, i) == NULL)
      fuzz_fail ("warning %u without a code or message", i);
}

RespEventBatch *
fuzz_load_events (RespRulebook *rulebook,
                  const char   *text,
                  gsize         length,
                  const char   *filename)
{
  GPtrArray *diagnostics = NULL;
  GError *error = NULL;
  RespEventBatch *batch = resp_event_batch_new_from_data (fuzz_city (), rulebook, text,
                                                          (gssize) length, filename,
                                                          &diagnostics, &error);

  fuzz_check_load (batch != NULL, diagnostics, error, (const uint8_t *) text, length, TRUE);
  return batch;
}

void
fuzz_assess_and_render (RespModel      *model,
                        RespRulebook   *rulebook,
                        RespEventBatch *batch)
{
  guint n = resp_event_batch_get_n_events (batch);
  GPtrArray *verdicts = resp_assess_batch (model, rulebook, batch, 1);

  if (verdicts == NULL || verdicts->len != n)
    fuzz_fail ("resp_assess_batch gave %u verdicts for %u events",
               verdicts != NULL ? verdicts->len : 0, n);

  for (guint i = 0; i < n; i++)
    {
      RespEvent *event = resp_event_batch_get_event (batch, i);
      RespVerdict *v = g_ptr_array_index (verdicts, i);
      RespVerdict *alone;
      char *a, *b;

      if (event == NULL || resp_event_get_id (event) == NULL)
        fuzz_fail ("event %u of %u is missing or has no id", i, n);
      (void) resp_event_get_title (event);
      (void) resp_event_get_occurred_at (event);
      read_verdict (v);
      check_timeline (v);

      /* a verdict is the same assessed alone as in a batch */
      alone = resp_assess (model, rulebook, event);
      if (alone == NULL)
        fuzz_fail ("resp_assess returned NULL");
      a = resp_verdict_render (alone, RESP_FORMAT_JSON);
      b = resp_verdict_render (v, RESP_FORMAT_JSON);
      if (a == NULL || b == NULL || strcmp (a, b) != 0)
        fuzz_fail ("event %u: the verdict differs assessed alone and in a batch", i);
      g_free (a);
      resp_verdict_unref (alone);
      fuzz_check_render (b, RESP_FORMAT_JSON, "verdict");
      fuzz_check_render (resp_verdict_render (v, RESP_FORMAT_TEXT), RESP_FORMAT_TEXT, "verdict");
      fuzz_check_render (resp_verdict_render (v, RESP_FORMAT_DOT), RESP_FORMAT_DOT, "verdict");
    }

  /* together: the list forms, on a few verdicts only (each is rendered as
   * above, so more would only cost time) */
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    fuzz_check_render (resp_verdicts_render ((RespVerdict **) verdicts->pdata, MIN (n, 3),
                                             resp_event_batch_get_is_list (batch), formats[f]),
                       formats[f], "verdicts");

  g_ptr_array_unref (verdicts);
}
