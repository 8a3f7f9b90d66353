/* resp-model-private.h: the frozen, indexed model
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Nodes and relations sit in flat arrays. Relations are sorted by
 * (from, rel, to, since), so the outgoing relations of one node and one type
 * are one contiguous run found by binary search; in_idx holds relation
 * indices sorted by (to, rel, from, since) for the incoming direction, and
 * in_rel beside it the type of each, so that finding a type's run among a
 * node's incoming relations reads one small contiguous array. (A second
 * copy of the records in incoming order saves about one cache miss in ten
 * at national scale, but doubles the records a snapshot must check when it
 * opens; it was measured and left out.) Each
 * relation carries its half-open validity [since, until) as two gint64.
 * Nothing here changes after load, so any number of threads may read it.
 */
#pragma once

#include "resp-model.h"
#include "resp-enums-private.h"
#include "resp-interner-private.h"

G_BEGIN_DECLS

#define RESP_NO_NODE G_MAXUINT32
#define RESP_NODE_TYPE_INVALID 0xff

typedef struct {
  guint32 name;      /* offset into names */
  guint32 extra;     /* offset + 1 into extras, or 0 */
  guint8  type;      /* RespNodeType */
  guint8  attr;      /* region level, committee form, unit or system kind */
  guint8  cii;
  guint8  protection_level; /* 0 when absent */
} RespNodeRec;

typedef struct {
  gint64  since;     /* RESP_INSTANT_OPEN_START when open */
  gint64  until;     /* RESP_INSTANT_OPEN_END when open */
  guint32 from;
  guint32 to;
  guint8  rel;       /* RespRelation */
  guint8  seat;      /* RespSeat, for member */
} RespRelRec;

/* A regulator as the resolver looks it up: the `regulates` relation and the
 * `located_in` relation that together put a regulator of `sector` in
 * `region`. */
typedef struct {
  guint32 sector;
  guint32 region;
  guint32 reg_rel;
  guint32 loc_rel;
} RespRegEntry;

/* A regulator that has no located_in during [since, until) but has a
 * superior to take its region from: there, and only there, its region is
 * worked out through `under`. */
typedef struct {
  guint32 sector;
  guint32 reg_rel;
  gint64  since;
  gint64  until;
} RespRegFallback;

struct _RespModel {
  gatomicrefcount ref;
  char        *name;
  char        *source;
  RespInterner ids;          /* node ids; the id number is the node index */
  guint32      n_nodes;
  RespNodeRec *nodes;
  char        *names;
  gsize        names_len;
  char        *extras;
  gsize        extras_len;
  guint32      n_rels;
  RespRelRec  *rels;
  guint32     *out_start;    /* n_nodes + 1 */
  guint32     *in_idx;       /* n_rels */
  guint8      *in_rel;       /* n_rels: rels[in_idx[i]].rel */
  guint32     *in_start;     /* n_nodes + 1 */
  gint64       first_instant; /* earliest dated since/until, or RESP_INSTANT_OPEN_START */
  RespRegEntry *reg_index;   /* by (sector, region) */
  guint32      n_reg_index;
  RespRegFallback *reg_fallback; /* by sector */
  guint32      n_reg_fallback;
  /* a snapshot's arrays point into owner (a mapping) instead of the heap */
  gboolean       snapshot;
  gpointer       owner;
  GDestroyNotify release;
};

static inline gboolean
resp_rel_live (const RespRelRec *r, gint64 at)
{
  return r->since <= at && at < r->until;
}

/* The relation at position i of the incoming order */
static inline const RespRelRec *
resp_model_in_rec (const RespModel *m, guint32 i)
{
  return &m->rels[m->in_idx[i]];
}

static inline const char *
resp_model_node_id (const RespModel *m, guint32 node)
{
  return resp_interner_get (&m->ids, node);
}

static inline const char *
resp_model_node_name (const RespModel *m, guint32 node)
{
  return m->names + m->nodes[node].name;
}

/* [*begin, *end) of m->rels: relations of type rel going out of node */
void     resp_model_out_range   (const RespModel *m, guint32 node, RespRelation rel,
                                 guint32 *begin, guint32 *end);
/* [*begin, *end) of m->in_idx: relations of type rel coming into node */
void     resp_model_in_range    (const RespModel *m, guint32 node, RespRelation rel,
                                 guint32 *begin, guint32 *end);
guint32  resp_model_find_node   (const RespModel *m, const char *id);

/* [*begin, *end) of the index entries for (sector, region), and of the
 * fallback entries for sector. */
void     resp_model_reg_range      (const RespModel *m, guint32 sector, guint32 region,
                                    guint32 *begin, guint32 *end);
void     resp_model_fallback_range (const RespModel *m, guint32 sector,
                                    guint32 *begin, guint32 *end);

/* Builds the indices once rels are final (the loader calls it). */
void     resp_model_freeze      (RespModel *m);
RespModel *resp_model_alloc     (void);

G_END_DECLS
