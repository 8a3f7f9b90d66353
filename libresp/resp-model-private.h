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
#include "resp-vocab-private.h"
#include "resp-interner-private.h"
#include "resp-value-private.h"

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

/* One top-level member of a node's `extra` with a scalar value (or
 * RESP_VALUE_UNKNOWN for any other), as conditions read it. */
typedef struct {
  guint32    node;
  const char *key;       /* into the index's strings; cut at a NUL, as C reads it */
  RespValue  value;
} RespExtraEntry;

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
  /* every node's `extra` read once, on first use, by (node, file order) */
  gsize           extra_ready;
  RespExtraEntry *extra_index;
  guint32         n_extra_index;
  GStringChunk   *extra_strings;
  /* a snapshot's shape maxima (resp_model_shape_maxima()), as its header
   * records them */
  guint32        shape_max[3];
  gboolean       shape_known;
  /* indices of long runs (resp-run-index-private.h), made on first use */
  GMutex         run_lock;
  GHashTable    *run_indices;
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

/* A node's block of relations is ordered by type: the run of one type is
 * found from the types alone, types[i * stride] for i in [lo, hi). Most
 * blocks are a handful of records, read faster straight through than by
 * halving; a long block (a region's incoming relations) is halved. */
#define RESP_SHORT_BLOCK 16

static inline void
resp_type_run (const guint8 *types, gsize stride, guint32 lo, guint32 hi, guint8 rel,
          guint32 *begin, guint32 *end)
{
  guint32 b = lo, f;

  if (hi - lo <= RESP_SHORT_BLOCK)
    {
      while (b < hi && types[b * stride] < rel)
        b++;
      *begin = b;
      while (b < hi && types[b * stride] == rel)
        b++;
      *end = b;
      return;
    }
  /* lower bound of rel, then of rel + 1 */
  for (f = hi; b < f;)
    {
      guint32 mid = b + (f - b) / 2;
      if (types[mid * stride] < rel)
        b = mid + 1;
      else
        f = mid;
    }
  *begin = b;
  for (f = hi; b < f;)
    {
      guint32 mid = b + (f - b) / 2;
      if (types[mid * stride] <= rel)
        b = mid + 1;
      else
        f = mid;
    }
  *end = b;
}

/* [*begin, *end) of m->rels: relations of type rel going out of node */
static inline void
resp_model_out_range (const RespModel *m, guint32 node, RespRelation rel,
                      guint32 *begin, guint32 *end)
{
  /* the type of record i sits sizeof (RespRelRec) bytes after that of i - 1 */
  resp_type_run (m->n_rels > 0 ? &m->rels[0].rel : NULL, sizeof (RespRelRec),
            m->out_start[node], m->out_start[node + 1], (guint8) rel, begin, end);
}

/* [*begin, *end) of m->in_idx: relations of type rel coming into node */
static inline void
resp_model_in_range (const RespModel *m, guint32 node, RespRelation rel,
                     guint32 *begin, guint32 *end)
{
  resp_type_run (m->in_rel, 1, m->in_start[node], m->in_start[node + 1], (guint8) rel, begin, end);
}

guint32  resp_model_find_node   (const RespModel *m, const char *id);
/* The top-level member key of node's `extra`: a bool, number or string, or
 * unknown (absent, or of another type). Thread-safe; the first call reads
 * every node's `extra` once. A string lives as long as the model. */
RespValue resp_model_extra_value (const RespModel *m, guint32 node, const char *key);
/* The ids of nodes[0..n), sorted bytewise (borrowed from the model). */
GPtrArray *resp_model_sorted_ids (const RespModel *m, const guint32 *nodes, guint n);
/* Orders two node indices (guint32) by id, bytewise; data is the model. */
int      resp_model_cmp_ids     (gconstpointer a, gconstpointer b, gpointer data);

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
