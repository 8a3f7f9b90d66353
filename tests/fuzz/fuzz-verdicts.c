/* fuzz-verdicts.c: assessing a batch and checking every verdict
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "fuzz-verdicts.h"

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

static void
read_verdict (RespVerdict *v)
{
  RespVerdictStatus status = resp_verdict_get_status (v);
  gboolean holds = FALSE, undetermined = FALSE;
  GHashTable *people;

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
      if (!g_hash_table_add (people, (gpointer) resp_verdict_get_exempt_person (v, i)))
        fuzz_fail ("'%s' is listed twice among the liable and the exempt",
                   resp_verdict_get_exempt_person (v, i));
    }
  g_hash_table_unref (people);
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
