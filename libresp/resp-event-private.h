/* resp-event-private.h */
#pragma once

#include "resp-event.h"
#include "resp-rulebook-private.h"
#include "resp-model-private.h"
#include "resp-vec-private.h"

G_BEGIN_DECLS

/* Whether node v is in a, an event's list of node indices (participants,
 * dissent, involved, subjects): short lists, scanned. */
static inline gboolean
resp_node_list_contains (const RespU32Vec *a, guint32 v)
{
  for (guint32 i = 0; i < a->len; i++)
    if (a->data[i] == v)
      return TRUE;
  return FALSE;
}

typedef struct {
  guint32    committee;
  RespU32Vec participants;
  RespU32Vec dissent;
} RespDecision;

typedef struct {
  guint32 person;
  guint   reason;         /* index into the rulebook's exemptions */
  char   *note;
} RespExemption;

/* The kinds of a report (SPEC §9.1). */
typedef enum {
  RESP_REPORT_INITIAL, RESP_REPORT_SUPPLEMENT, RESP_REPORT_SUMMARY, RESP_N_REPORT_KINDS,
} RespReportKind;

extern const char * const resp_report_kind_names[RESP_N_REPORT_KINDS];

typedef struct {
  guint32 by, to;         /* units */
  gint64  at;
  guint32 kind;           /* RespReportKind */
} RespReport;

/* An instant an event may leave out. */
#define RESP_EVENT_NO_INSTANT G_MININT64

/* What an assessment reads comes first, and the lists are held in the
 * event itself rather than behind GArrays: an assessment of an event parsed
 * long before (a batch loaded whole) then finds it in fewer cache lines. */
struct _RespEvent {
  gatomicrefcount ref;
  int        grade;          /* stated, into the rulebook's grades; -1: not stated */
  RespModel    *model;     /* the event's node indices are this model's */
  RespRulebook *rulebook;  /* and its fact indices this rulebook's */
  gint64     occurred_at;
  RespValue *facts;       /* one per declared fact; RESP_VALUE_UNKNOWN when absent */
  guint8    *fact_kinds;  /* resp_value_kind() of each */
  RespU32Vec subjects;    /* systems, then units, as written */
  RespU32Vec involved;
  GArray    *reports;        /* RespReport, as written; NULL: `reports` absent (unknown) */
  RESP_VEC (RespDecision)  decisions;
  RESP_VEC (RespExemption) exemptions;
  /* the rest of the timeline (SPEC §9.1) */
  gint64     discovered_at;  /* RESP_EVENT_NO_INSTANT: unknown */
  gint64     closed_at;      /* RESP_EVENT_NO_INSTANT: not (known to be) closed */
  char      *id;
  char      *title;
  GPtrArray *strings;     /* owns the string fact values */
};

/* Whether every event of batch was loaded against model and rulebook (the
 * events keep pointers into both, so no other may assess them). */
gboolean resp_event_batch_loaded_for (const RespEventBatch *batch,
                                      const RespModel      *model,
                                      const RespRulebook   *rulebook);

G_END_DECLS
