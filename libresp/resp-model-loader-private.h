/* resp-model-loader-private.h: what the model loader's three files share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * resp-model-loader.c reads the file (streaming: one object at a time,
 * never a tree of the file), resp-model-split.c reads a long relations
 * array in two halves on two threads, and resp-model-check.c runs the
 * checks that need the whole graph once the file is read. They share one
 * RespLoader.
 */
#pragma once

#include "resp-model-private.h"
#include "resp-model-load-private.h"
#include "resp-input-private.h"
#include "resp-vec-private.h"

G_BEGIN_DECLS

/* Where a relation was written: its '{' in full, its `from` and `to` values
 * as byte distances from it (line and column are worked out only for an
 * error message). */
typedef struct {
  guint32 line, col;
  gsize   off;
  guint32 from_delta, to_delta;
} RespRelPos;

/* The object being parsed: positions of its members are computed from it,
 * and only when a message needs them. */
typedef struct {
  guint line, col;
  gsize off;
} RespObjPos;

/* A `from` or `to` naming a node not (yet) read, settled once every node is. */
typedef struct {
  guint32  rel;
  gboolean is_to;
  char    *id;
} RespPendingRef;

typedef struct {
  RespModel      *m;
  RespJsonReader *r;
  const char     *data;
  gsize           length;
  RespDiagSink    sink;
  guint           max_depth;
  gsize           max_string;
  RespLimits      limits;     /* resolved */
  const RespModelLoadOptions *options;
  /* nodes */
  guint32         nodes_cap;
  guint32        *node_pos;   /* line, col of each node's id value */
  gsize           names_cap;
  gsize           extras_cap;
  gboolean        nodes_read;
  guint8          attr_field[RESP_N_NODE_TYPES]; /* the key of each type's attribute */
  /* relations, in file order until freeze */
  guint32         rels_cap;
  RespRelPos     *rel_pos;
  guint8         *rel_ok;     /* FALSE once a check finds the relation wrong */
  GArray         *pending;    /* RespPendingRef */
  GString        *s1;
  GString        *s2;
  RespObjPos      obj;
} RespLoader;

/* Line and column of byte offset off inside the object that starts at o. */
void     resp_loader_pos            (const RespLoader *L, const RespObjPos *o, gsize off,
                                     guint *line, guint *col);
/* Line and column of relation i's `from` (or `to`) value. */
void     resp_loader_rel_value_pos  (const RespLoader *L, guint32 i, gboolean is_to,
                                     guint *line, guint *col);
/* Room for extra more relations. */
void     resp_loader_ensure_rel_capacity (RespLoader *L, guint32 extra);
/* Reads one relation object whose '{' was just read (L->obj says where). */
void     resp_loader_parse_relation (RespLoader *L);

/* ---- resp-model-split.c ---- */

typedef struct _RespLoaderHalf RespLoaderHalf;

/* Starts reading the second half of the relations array whose '[' was just
 * read, on another thread; NULL when the array is short or has no element
 * boundary near its middle. */
RespLoaderHalf *resp_loader_split        (RespLoader *L);
/* The offset of the '}' where the first half ends. */
gsize           resp_loader_split_brace  (const RespLoaderHalf *h);
/* Waits for the second half; with use, appends what it read and moves the
 * reader past it. Frees h. */
void            resp_loader_split_finish (RespLoader *L, RespLoaderHalf *h, gboolean use);

/* ---- resp-model-check.c ---- */

/* Settles the pending references, then checks the endpoints' types, the
 * cardinality limits and the cycles (SPEC §3.2, §3.4), reporting into
 * L->sink. */
void     resp_loader_check          (RespLoader *L);

G_END_DECLS
