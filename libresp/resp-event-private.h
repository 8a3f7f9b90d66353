/* resp-event-private.h */
#pragma once

#include "resp-event.h"
#include "resp-rulebook-private.h"
#include "resp-model-private.h"

G_BEGIN_DECLS

/* Whether node v is in a, an event's list of node indices (participants,
 * dissent, involved, subjects): short lists, scanned. */
static inline gboolean
resp_node_list_contains (const GArray *a, guint32 v)
{
  for (guint i = 0; i < a->len; i++)
    if (g_array_index (a, guint32, i) == v)
      return TRUE;
  return FALSE;
}

typedef struct {
  guint32 committee;
  GArray *participants;   /* guint32 */
  GArray *dissent;        /* guint32 */
} RespDecision;

typedef struct {
  guint32 person;
  guint   reason;         /* index into the rulebook's exemptions */
  char   *note;
} RespExemption;

struct _RespEvent {
  gatomicrefcount ref;
  RespModel    *model;     /* the event's node indices are this model's */
  RespRulebook *rulebook;  /* and its fact indices this rulebook's */
  char      *id;
  char      *title;
  gint64     occurred_at;
  GArray    *subjects;    /* guint32: systems, then units, as written */
  GArray    *involved;    /* guint32 */
  RespValue *facts;       /* one per declared fact; RESP_VALUE_UNKNOWN when absent */
  GPtrArray *strings;     /* owns the string fact values */
  GArray    *decisions;   /* RespDecision */
  GArray    *exemptions;  /* RespExemption */
};

/* Whether every event of batch was loaded against model and rulebook (the
 * events keep pointers into both, so no other may assess them). */
gboolean resp_event_batch_loaded_for (const RespEventBatch *batch,
                                      const RespModel      *model,
                                      const RespRulebook   *rulebook);

G_END_DECLS
