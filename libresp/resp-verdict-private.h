/* resp-verdict-private.h: the verdict's parts, shared by the engine and the renderers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "resp-verdict.h"
#include "resp-event-private.h"
#include "resp-resolver-private.h"
#include "resp-record-private.h"

G_BEGIN_DECLS

/* the roles of a liable person are a bit each in a guint32 */
G_STATIC_ASSERT (RESP_N_ROLES <= 32);

/* Where a verdict's variable-length parts live: spans into the one block
 * the verdict is allocated in (RespU32Vec with cap unused). */
typedef struct {
  guint   index;      /* into the rulebook's circumstances */
  RespCircumstanceStatus status;
  RespU32Vec subjects;
  RespU32Vec missing; /* fact indices */
} RespVerdictCircumstance;

/* One liable person as readers see them. Each list is a slice of one of
 * the verdict's view arrays: [basis, basis + n_basis) of view_basis,
 * [paths, paths + n_paths) of view_paths, and so on. */
typedef struct {
  guint32      person;
  RespCategory category;
  guint32      roles;        /* bit per RespRole */
  guint32      basis, n_basis;         /* borrowed citations, in rule order */
  guint32      paths, n_paths;         /* spans of path_store, subject outwards */
  guint32      authority, n_authority; /* into view_nodes, by id */
  guint32      proposer, n_proposer;   /* into view_nodes, by id */
} RespVerdictLiable;

/* A path of the view: path_store[off, off + len) */
typedef struct {
  guint32 off;
  guint32 len;
} RespVerdictSpan;

typedef struct {
  guint32     person;
  guint32     reason;      /* into the rulebook's exemptions */
  const char *note;        /* borrowed from the event */
  gboolean    decision_only; /* a recorded dissent: exempt from what the
                              * decisions dissented from made them liable
                              * for, and possibly still liable otherwise */
} RespVerdictExempt;

/* While a verdict is built, a liable person is one small record and
 * everything that grows (bases, paths, authorities, proposers) is a
 * reference in one shared array: no allocation per person. The per-person
 * view (RespVerdictLiable) is put together only when someone reads it. */
typedef struct {
  guint32 person;
  guint32 category;        /* RespCategory */
  guint32 roles;           /* bit per RespRole */
} RespVerdictFlat;

typedef enum {
  RESP_REF_BASIS, RESP_REF_PATH, RESP_REF_AUTHORITY, RESP_REF_PROPOSER,
} RespRefKind;

typedef struct {
  guint32     person;
  guint32     kind;        /* RespRefKind */
  guint32     a;           /* node, or path offset into path_store */
  guint32     b;           /* path length */
  const char *basis;       /* borrowed from the rulebook */
} RespVerdictRef;

/* What a warning is about; its words are made when first read. */
typedef enum {
  RESP_WARN_ROLE_AT,             /* node: subject; role: unresolved at the instant */
  RESP_WARN_ROLE_OF_PERSON,      /* node: liable person; role: authority or proposer */
  RESP_WARN_LIABILITY,           /* aux: liability rule; facts */
  RESP_WARN_PARTICIPANT,         /* node: person; aux: committee */
  RESP_WARN_EXEMPTION,           /* node: person */
  RESP_WARN_MODIFIER,            /* aux: modifier; facts */
  RESP_WARN_FACT_CONFLICTS_RECORD, /* node: the notice's node; aux: the notice (record
                                    * index); facts: the fact */
  RESP_WARN_FACT_CONFLICTS_DERIVED, /* aux: the derived value (0, 1); facts: the fact */
  RESP_WARN_GRADE_NOT_IN_FORCE,    /* aux: the stated grade */
  RESP_WARN_REPORT_BEFORE_DISCOVERY, /* node: the reporter; aux: the report's index */
  RESP_WARN_RECIPIENT,             /* node: the reporter; role: the recipient's */
} RespWarnKind;

typedef struct {
  guint32 kind;            /* RespWarnKind */
  guint32 node;            /* RESP_NO_NODE: none */
  gint32  role;            /* RespRole, or -1 */
  guint32 aux;
  RespU32Vec facts;        /* fact indices the condition waits for */
} RespVerdictWarning;

/* A fact the event did not state, worked out (SPEC §8.4): from the record,
 * with the notices it rests on. */
typedef struct {
  guint32    fact;         /* into the rulebook's facts */
  guint32    value;        /* 0 false, 1 true, 2 unknown (null) */
  guint32    from;         /* RespDerive */
  RespU32Vec evidence;     /* record notice indices, by id */
} RespVerdictDerived;

/* The groups of reporting hops, in the order of SPEC §9.3's table. */
typedef enum {
  RESP_HOP_INITIAL, RESP_HOP_ESCALATION, RESP_HOP_CRIME, RESP_HOP_SUMMARY,
} RespHopGroup;

extern const char * const resp_hop_status_names[RESP_N_HOP_STATUSES];

/* One (reporter, recipient) hop of the timeline (SPEC §9.3). */
typedef struct {
  guint32    group;        /* RespHopGroup */
  guint32    rank;         /* the reporter class (initial, summary) or escalation */
  guint32    by, to;       /* to: RESP_NO_NODE when the recipient resolved to nobody */
  guint32    kind;         /* RespReportKind */
  guint32    status;       /* RespHopStatus */
  guint32    required;     /* RespTruth */
  gint64     due;          /* RESP_EVENT_NO_INSTANT: unknown or no limit */
  RespU32Vec reports;      /* 0-based indexes into the event's reports */
} RespVerdictHop;

/* The duty holders of one subject (a verdict that holds nobody lists
 * them): holders of role r are holders[start[r] .. start[r + 1]). */
typedef struct {
  guint32 subject;
  guint32 start[RESP_N_ROLES + 1];
  guint32 *holders;     /* each once; by id once the view is made */
} RespVerdictDuty;


struct _RespVerdict {
  gatomicrefcount ref;
  RespModel    *model;
  RespRulebook *rb;
  RespEvent    *event;
  RespRecord   *record;         /* the record facts were derived from, or NULL */
  RespVerdictStatus status;
  /* every part below points into `block`, which follows the verdict in
   * its one allocation */
  RESP_VEC (RespVerdictCircumstance) circumstances; /* every one, rulebook order */
  RESP_VEC (RespVerdictFlat) flat;       /* by severity then id once the view is made */
  RESP_VEC (RespVerdictRef) refs;        /* in the order found */
  RespU32Vec    path_store;
  RESP_VEC (RespVerdictExempt) exempt;   /* by id */
  RespU32Vec    bodies;                           /* committees, by id */
  RespU32Vec    modifiers;                        /* into the rulebook's modifiers */
  RESP_VEC (RespVerdictWarning) warnings;
  RESP_VEC (RespVerdictDuty) duty;       /* one per subject, when nobody is held */
  RESP_VEC (RespVerdictDerived) derived; /* in the rulebook's order of facts */
  RESP_VEC (RespVerdictHop) hops;        /* in table order, then by and to */
  RespU32Vec    notify;                  /* units, by id */
  gboolean      has_grade;               /* FALSE: `"grade": null` */
  gboolean      grade_stated;
  guint32       grade_least, grade_most; /* into the rulebook's grades */
  RespU32Vec    pool;           /* what the spans above point into */
  gpointer      block;
  gint          view_state;     /* (atomic) VIEW_NONE, _BUILDING or _READY:
                                 * liable and messages made */
  /* the view, made on first read: one liable per flat record, in the
   * same order, and the arrays their lists are slices of (one block) */
  RespVerdictLiable *liable;
  const char  **view_basis;
  RespVerdictSpan *view_paths;
  guint32      *view_nodes;
  char        **messages;       /* the words of each warning, made on first read */
};

/* The rulebook's circumstance a verdict's circumstance is. */
const RespCircumstanceRule *resp_verdict_circumstance_rule (const RespVerdict *v,
                                                            const RespVerdictCircumstance *c);
/* The names of the facts missing, of the roles of a liable person: sorted,
 * borrowed (free the array only). */
GPtrArray  *resp_verdict_missing_names      (const RespVerdict *v, const RespU32Vec *missing);
GPtrArray  *resp_verdict_role_names         (const RespVerdictLiable *l);
/* The roles (RESP_N_ROLES of them) in the order of their names */
const guint8 *resp_verdict_roles_by_name    (void);

/* The per-person view of the liable (flat.len of them, in reading
 * order), made on first use (thread-safe); it also puts flat and the duty
 * holders in the order readers see. Anything that reads either calls it
 * first. */
const RespVerdictLiable *resp_verdict_get_liable_list (RespVerdict *v);
/* Path k of liable l: its nodes, *len of them, from the subject outwards */
static inline const guint32 *
resp_verdict_liable_path (const RespVerdict *v, const RespVerdictLiable *l, guint k, guint *len)
{
  const RespVerdictSpan *p = &v->view_paths[l->paths + k];

  *len = p->len;
  return v->path_store.data + p->off;
}
/* The code of a warning, as SPEC §5 names it. */
const char *resp_verdict_warning_code       (const RespVerdictWarning *w);
/* The words of warning i, made on first use (thread-safe). */
const char *resp_verdict_warning_message    (RespVerdict *v, guint i);

G_END_DECLS
