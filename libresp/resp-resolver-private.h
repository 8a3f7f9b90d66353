/* resp-resolver-private.h: role resolution at an instant (SPEC §4.3)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A resolver is scratch space for one thread: it holds no reference to
 * shared state it would change, so many resolvers may walk one model at
 * once. Every walk is iterative and bounded by the number of nodes, so even
 * a model that slipped a cycle past the loader cannot make it loop.
 *
 * Besides the holders, a resolution yields the window [lo, hi) around the
 * instant in which none of the relations it looked at changes liveness: the
 * answer is the same at every instant of the window. The audit walks the
 * timeline window by window with it.
 */
#pragma once

#include "resp-model-private.h"
#include "resp-vec-private.h"

G_BEGIN_DECLS

typedef struct {
  guint32 node;
  guint32 path_off;   /* into RespResolver.paths */
  guint32 path_len;
} RespHit;

/* A role nobody holds; the words are made only when someone reads them. */
typedef struct {
  guint32 subject;
  guint8  role;
} RespRoleWarning;

typedef RESP_VEC (RespHit) RespHitVec;
typedef RESP_VEC (RespRoleWarning) RespRoleWarningVec;

/* What a walk up the `under` chain from a unit found (the first leading
 * committee, or the first region the unit or a superior lies in), with the
 * window of validity in which it holds. */
typedef struct {
  gint64  lo, hi;
  guint32 value;
  guint32 next;               /* the node's next answer, or RESP_NO_NODE */
} RespChainAnswer;

typedef struct {
  guint32 node;
  gint64  lo, hi;
} RespChainLevel;

/* Answers of chain walks kept across resolutions, for a caller that asks
 * about every unit of a deep chain (the audit): the unit below reuses its
 * superior's answer where the instant lies in its window, so a chain of N
 * costs N steps instead of N²/2. */
typedef struct {
  guint32 *first[2];          /* n_nodes each: a node's first answer (leader, region) */
  RESP_VEC (RespChainAnswer) answers;
  RESP_VEC (RespChainLevel) levels;   /* scratch of one walk */
} RespChainMemo;

typedef struct {
  const RespModel *m;
  guint32  subject;                /* of the last resp_resolver_resolve() */
  guint    flags;                  /* RespResolveFlags of the last resolve */
  gint64   at;
  gint64   lo, hi;
  RespHitVec hits[RESP_N_ROLES];
  RespU32Vec paths;              /* node indices */
  RespRoleWarningVec warnings;
  RespU32Vec path;               /* the path being walked */
  RespU32Vec scratch;
  RespU32Vec scratch2;
  RespU32Vec run_live;           /* the live positions of an indexed run */
  RespU32Vec *spare[16];         /* lent by resp_resolver_take() */
  guint    n_spare;
  RespChainMemo *memo;           /* NULL, or answers of chain walks to reuse */
} RespResolver;

void resp_chain_memo_init  (RespChainMemo *memo, const RespModel *m);
void resp_chain_memo_clear (RespChainMemo *memo);

/* Which roles to compute; the cheap subset keeps audit and scope fast. */
typedef enum {
  RESP_RESOLVE_ALL      = 0,
  RESP_RESOLVE_NO_WARN  = 1 << 0,
  /* leave out the committee's authority and proposer (a verdict works them
   * out per liable person instead) */
  RESP_RESOLVE_NO_AUTHORITY = 1 << 1,
  /* only what is reached without leaving the operator: the operator, its
   * chain, its committee's seats, its security lead and head (no region
   * walk: no regulators, protection departments, organs, coordinators or
   * regional supervisors, and the window narrows by none of them) */
  RESP_RESOLVE_OPERATOR_ONLY = 1 << 2,
} RespResolveFlags;

/* Whether r is live at R->at; narrows the window of validity [R->lo,
 * R->hi) as a side effect. Every look at a relation goes through it. */
static inline gboolean
resp_resolver_live (RespResolver *R, const RespRelRec *r)
{
  if (r->since > R->at)
    {
      if (r->since < R->hi)
        R->hi = r->since;
      return FALSE;
    }
  if (r->until <= R->at)
    {
      if (r->until > R->lo)
        R->lo = r->until;
      return FALSE;
    }
  if (r->since > R->lo)
    R->lo = r->since;
  if (r->until < R->hi)
    R->hi = r->until;
  return TRUE;
}

void     resp_resolver_init        (RespResolver *R, const RespModel *m);
void     resp_resolver_clear       (RespResolver *R);
void     resp_resolver_reset       (RespResolver *R, gint64 at);
/* An empty array of 4-byte elements, from the resolver's spares: resolving
 * and assessing then allocate nothing once warm. Give it back when done. */
RespU32Vec *resp_resolver_take     (RespResolver *R);
void     resp_resolver_give        (RespResolver *R, RespU32Vec *array);

/* All roles of 4.3 (but `involved`) for a system, unit or committee. */
void     resp_resolver_resolve     (RespResolver *R, guint32 subject, RespResolveFlags flags);

/* Completes a resolution made with RESP_RESOLVE_NO_AUTHORITY: adds the
 * committee's authority and proposer holders (and their warnings) just as
 * a resolution with them would have found them. */
void     resp_resolver_add_authority (RespResolver *R);

/* Building blocks, shared with the verdict engine and the audit. */
/* The source of the live relation of type rel into node (the first, for
 * relations with "at most one at any instant"), or RESP_NO_NODE. */
guint32  resp_resolver_first_in        (RespResolver *R, guint32 node, RespRelation rel);
/* The sources of the live relations of type rel into node (with seat, when
 * not RESP_SEAT_NONE), appended to out. */
void     resp_resolver_all_in          (RespResolver *R, guint32 node, RespRelation rel,
                                        RespSeat seat, RespU32Vec *out);
guint32  resp_resolver_parent_region   (RespResolver *R, guint32 region);
typedef enum {
  RESP_OPERATOR_KIND, RESP_OPERATOR_SUPERIOR_KIND, RESP_OPERATOR_SUPERIOR_LEVEL,
} RespOperatorAttr;
/* An operator's attribute as a condition reads it (operator.kind,
 * operator.superior_kind, operator.superior_region_level): unknown without
 * an operator; "" for the superior's without a superior. */
RespValue resp_resolver_operator_value (RespResolver *R, guint32 op, RespOperatorAttr attr);
/* The unit's superior through `under`, or RESP_NO_NODE. */
guint32  resp_resolver_superior        (RespResolver *R, guint32 unit);
guint32  resp_resolver_unit_region     (RespResolver *R, guint32 unit, RespU32Vec *path_or_null);
guint32  resp_resolver_leader_of       (RespResolver *R, guint32 scope);
guint32  resp_resolver_scope_of        (RespResolver *R, guint32 committee);
guint32  resp_resolver_committee_of    (RespResolver *R, guint32 unit, RespU32Vec *path_or_null);
void     resp_resolver_seats           (RespResolver *R, guint32 committee, RespSeat seat,
                                        RespU32Vec *out_people);
gboolean resp_resolver_holds_seat      (RespResolver *R, guint32 person, guint32 committee);
/* Drops from units[from..] those that person heads (an office does not
 * propose against its own head). */
void     resp_resolver_drop_headed     (RespResolver *R, guint32 person, RespU32Vec *units,
                                        guint from);
void     resp_resolver_managers        (RespResolver *R, guint32 committee, RespU32Vec *out);
void     resp_resolver_proposers       (RespResolver *R, guint32 authority, guint32 person,
                                        RespU32Vec *out);
/* Who carries out accountability for person, reached in a role through
 * anchor (SPEC §4.3, `authority`): anchor a committee (a seat on it):
 * managers(K); anchor a unit: its responsible committee K, or managers(K)
 * when person holds a seat on K. Appended to out. */
void     resp_resolver_authorities     (RespResolver *R, guint32 person, guint32 anchor,
                                        RespU32Vec *out);

G_END_DECLS
