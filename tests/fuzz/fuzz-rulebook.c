/* fuzz-rulebook.c: a rulebook, then a fixed set of events assessed with it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is a rulebook file. When it loads, events against city.json
 * are assessed with it and every verdict is read and rendered in every
 * format. The events are written for the rulebook at hand: three copies of
 * some example events' subjects, people and decisions, with every declared
 * fact stated high (true, a large number, a string), low (false, its
 * minimum, an empty string) and unknown, and an exemption for each reason
 * the rulebook lists. Events without facts or exemptions do not depend on
 * the rulebook at all, so those must always load.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "fuzz-verdicts.h"
#include "resp-json-writer-private.h"
#include "resp-rulebook-private.h"

typedef struct {
  const char *id;
  const char *occurred_at;
  const char *system;      /* or NULL */
  const char *unit;        /* or NULL */
  const char *involved;    /* or NULL */
  gboolean    decisions;   /* the k-city decision of event 2025-046 */
  const char *exempt;      /* a person to exempt, or NULL */
} BaseEvent;

/* From examples/data/events.json: a system with a decision (and a dissent)
 * and an exemption, an exemption alone, a unit, a county system with a
 * system beside it, and one before the records of city.json begin */
static const BaseEvent base_events[] = {
  { "2025-046", "2025-11-10T09:00:00+08:00", "s-portal", NULL, "p-kong", TRUE, "p-zhou" },
  { "2026-003", "2026-01-16T03:40:00+08:00", "s-scada", NULL, NULL, FALSE, "p-pan" },
  { "2026-015", "2026-02-26T10:00:00+08:00", NULL, "u-hospital", "p-xie", FALSE, NULL },
  { "2026-033", "2026-03-26", "s-county-portal", "u-data-center", "p-fang", FALSE, NULL },
  { "1990-001", "1990-01-01T00:00:00.5Z", "s-egov", NULL, NULL, TRUE, NULL },
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

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init (argc, argv);
  (void) fuzz_city ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  RespRulebook *rb = fuzz_load (FUZZ_INPUT_RULEBOOK, data, size, FUZZ_FILE_NAME, TRUE);
  RespEventBatch *batch;
  char *text;

  if (rb == NULL)
    return 0;

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

  resp_rulebook_unref (rb);
  return 0;
}
