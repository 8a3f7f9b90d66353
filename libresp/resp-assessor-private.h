/* resp-assessor-private.h: the engine's working space, shared by the engine
 * (resp-assessor.c) and the timeline (resp-timeline.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "resp-verdict-private.h"

G_BEGIN_DECLS

/* ---- the environment conditions read ---- */

/* A level not looked up yet: the levels are found only when a condition
 * reads them (most conditions test the system's kind first and stop). */
#define LEVEL_UNSET (-2)

typedef struct {
  const RespModel    *model;
  const RespRulebook *rb;
  const RespEvent    *ev;
  const RespValue    *facts;         /* the event's, or a copy with derived facts */
  const guint8       *fact_kinds;    /* and their kinds (resp_value_kind()) */
  RespResolver       *R;             /* the assessor's, at the event's instant */
  gint64              at;
  guint32             system;        /* RESP_NO_NODE: none */
  guint32             op;            /* the operator weighed, or RESP_NO_NODE */
  int                 region_level;  /* of op's region; -1: unknown; or LEVEL_UNSET */
  int                 owner_level;   /* of the sponsor's region, else region_level */
  gboolean            no_system;     /* system.* match nothing (a grade without a
                                      * subject system: SPEC §9.2) */
} Env;

/* What conditions read of the environment (the engine's answer for each
 * variable; unknown where the model does not say). */
RespValue resp_assessor_env_get (gpointer data, RespVarKind kind, guint index, const char *extra_key);

/* The subject neither a system nor an operator: every level unknown. */
static inline void
env_no_subject (Env *e)
{
  e->system = e->op = RESP_NO_NODE;
  e->region_level = e->owner_level = -1;
}

static inline RespTruth
eval (Env *e, const RespCondition *cond, GArray *missing)
{
  RespConditionEnv env = { resp_assessor_env_get, e, e->facts, e->rb->facts->len, FALSE, e->fact_kinds };

  if (cond == NULL)
    return RESP_TRUTH_TRUE;
  return resp_condition_eval (cond, &env, missing);
}

/* ---- the working space ---- */

/* What one event asks of the model again and again: the liable are mostly
 * seated on the same few committees, answer to the same authorities and
 * have the same coordinators proposing. Kept for one event (one instant). */
typedef enum {
  MEMO_MANAGERS,     /* key: committee; its managing committees */
  MEMO_COMMITTEE,    /* key: unit; its committee, or nothing */
  MEMO_PROPOSERS,    /* key: authority; its nearest coordinators, for nobody in particular */
} MemoKind;

typedef struct {
  guint32 kind, key, first, count;
  gint64  lo, hi;      /* the instants at which the answer holds (the resolver's window) */
} Memo;

/* One thread's working space, kept between events: once warm, assessing
 * allocates nothing but the verdict and its one block. Everything a verdict
 * holds is gathered here first and copied into that block at the end. */
struct _RespAssessor {
  gatomicrefcount ref;
  RespModel    *model;
  RespRulebook *rb;
  const RespEvent *ev;          /* the event being assessed */
  RespVerdictStatus status;
  RespResolver  R;              /* for lookups outside a subject's resolution */
  GPtrArray    *subjects;       /* RespResolver*, one per subject of the event */
  Env           env;
  GArray       *missing;        /* guint: facts an unknown condition waits for */
  RespU32Vec    slots;          /* person -> flat index + 1, open addressing */
  RespU32Vec    ref_next;       /* per ref: the next ref of the same person + 1 */
  RespU32Vec    ref_head;       /* per flat: its first ref + 1 */
  RespU32Vec    ref_tail;       /* per flat: its last ref + 1 */
  RespU32Vec    ref_count;      /* per flat: its refs */
  RespU32Vec    ref_slots;      /* a ref's (person, kind, what) -> ref index + 1, open addressing */
  guint32       ref_indexed;    /* refs in ref_slots; other: to be made again */
  gboolean      ref_hashing;    /* someone has many refs: ref_slots finds them from now on */
  RespU32Vec    memo_slots;     /* (kind, key) -> memo index + 1, open addressing */
  guint32       memo_indexed;   /* memos in memo_slots; other: to be made again */
  RespU32Vec    warned_rules;   /* per liability rule: warned already */
  RespU32Vec    liable_subjects;
  RespU32Vec    dissenters;     /* held only through decisions they dissented from, in part */
  RespU32Vec    decision_people; /* per decision: its participants, then its dissenters, each sorted */
  RespU32Vec    decision_span;   /* decision i's in decision_people: [2i, 2i + 1) and [2i + 1, 2i + 2) */
  int           dissent_reason; /* the rulebook's `dissent` exemption, or -1: not honoured */
  RESP_VEC (Memo) memo;
  RespU32Vec    memo_store;
  /* the verdict's parts */
  RESP_VEC (RespVerdictCircumstance) circumstances;
  RESP_VEC (RespVerdictFlat) flat;
  RESP_VEC (RespVerdictRef) refs;
  RespU32Vec    path_store;
  RESP_VEC (RespVerdictExempt) exempt;
  RespU32Vec    bodies;
  RespU32Vec    modifiers;
  RESP_VEC (RespVerdictWarning) warnings;
  RESP_VEC (RespVerdictDuty) duty;
  RespU32Vec    pool;           /* circumstance subjects and facts, warning facts, duty holders */
  RespRecord   *record;         /* what was done, to derive facts from; or NULL */
  RESP_VEC (RespValue) facts;   /* the event's facts with the derived ones */
  RESP_VEC (guint8) fact_kinds; /* and their kinds */
  RESP_VEC (RespVerdictDerived) derived;
  /* the timeline (SPEC §9) */
  RespResolver  opR;            /* an operator's own roles, when a system has several */
  RESP_VEC (RespVerdictHop) hops;
  RespU32Vec    hop_roles;      /* per hop: the recipient's role */
  RespU32Vec    hop_subjects;   /* per hop: the subject it came from */
  RespU32Vec    hop_slots;      /* (group, by, to, kind) -> hop index + 1, open addressing */
  guint32       hop_indexed;    /* hops in hop_slots; other: to be made again (resp_slots_sync) */
  RespU32Vec    notify;
  gboolean      has_grade, grade_stated;
  guint32       grade_least, grade_most;
};

/* Spans are gathered as offsets into as->pool (which may move while it
 * grows) and turned into pointers when the verdict is made. */
static inline RespU32Vec
pool_span (RespAssessor *as, const guint32 *data, guint32 n)
{
  RespU32Vec span = { NULL, as->pool.len, n };

  resp_vec_append (&as->pool, data, n);
  return span;   /* data NULL, len: offset, cap: length, until placed */
}

static inline void
warn (RespAssessor *as, RespWarnKind kind, guint32 node, int role, guint32 aux, const GArray *facts)
{
  RespVerdictWarning w = { kind, node, role, aux, { NULL, 0, 0 } };

  if (facts != NULL)
    w.facts = pool_span (as, (const guint32 *) facts->data, facts->len);
  else
    w.facts = (RespU32Vec) { NULL, as->pool.len, 0 };
  resp_vec_push (&as->warnings, w);
}

static inline void
add_unique_u32 (RespU32Vec *a, guint32 x)
{
  for (guint i = 0; i < a->len; i++)
    if (a->data[i] == x)
      return;
  resp_vec_push (a, x);
}

/* Fact f of the event is derived to be the boolean b (SPEC §8.4, §9.3):
 * written into the assessor's own copy of the facts (made at the first
 * such fact of an event), which conditions then read. */
static inline void
resp_assessor_derive_fact (RespAssessor *as, guint f, gboolean b)
{
  guint n = as->rb->facts->len;

  if (as->facts.len == 0)
    {
      resp_vec_reserve (&as->facts, n);
      memcpy (as->facts.data, as->ev->facts, n * sizeof (RespValue));
      as->facts.len = n;
      as->fact_kinds.len = 0;
      resp_vec_reserve (&as->fact_kinds, n);
      memcpy (as->fact_kinds.data, as->ev->fact_kinds, n);
      as->fact_kinds.len = n;
    }
  as->facts.data[f].type = RESP_VALUE_BOOL;
  as->facts.data[f].boolean = b;
  as->fact_kinds.data[f] = b ? RESP_KIND_TRUE : RESP_KIND_FALSE;
  as->env.facts = as->facts.data;
  as->env.fact_kinds = as->fact_kinds.data;
}

/* The event's timeline (SPEC §9, resp-timeline.c): its grade, the reporting
 * hops with their statuses, the facts derived from them and whom to
 * notify, gathered into the assessor before the circumstances are read. */
void resp_assessor_timeline (RespAssessor *as);

G_END_DECLS
