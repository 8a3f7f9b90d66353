/* resp-run-index-private.h: the live relations of a long run at an instant
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A run is the relations of one type (and seat) at one node in one
 * direction: what resp_model_in_range() or resp_model_out_range() gives.
 * Reading a run at an instant costs its length; a walk over the timeline
 * (the audit, the duty check) reads it once per window, and a node with N
 * tenures has ~2N windows: N² in all. A run of RESP_RUN_INDEX_MIN
 * relations or more is read through an index instead, made on first use
 * and kept with the model: the same live relations, in the same order,
 * and the same window, in O(log N) plus the number of live relations.
 *
 * The window is exact: a relation that has not started narrows hi to its
 * since, one that has ended narrows lo to its until, a live one narrows
 * both, so [lo, hi) is bounded by the nearest change points of the run on
 * either side of the instant, which two sorted arrays give. (The loader
 * keeps since < until; the index does not depend on it for its safety.)
 */
#pragma once

#include "resp-model-private.h"
#include "resp-vec-private.h"

G_BEGIN_DECLS

/* Runs shorter than this are scanned; so are runs longer than the MAX,
 * which no model that loads comes near (the index's tree would not fit
 * its 32-bit sizes). */
#define RESP_RUN_INDEX_MIN 64
#define RESP_RUN_INDEX_MAX (1u << 30)

typedef struct _RespRunIndex RespRunIndex;

/* The index of the run [b, e) (positions of m->in_idx when in, of m->rels
 * otherwise) of relations of type rel and, coming in, seat (unless
 * RESP_SEAT_NONE), made on the first call for that run. Thread-safe. */
const RespRunIndex *resp_run_index_get (const RespModel *m, guint32 node, RespRelation rel,
                                        RespSeat seat, gboolean in, guint32 b, guint32 e);

/* Appends to live the positions of the run's relations live at t, in
 * position order, and narrows [*lo, *hi) by the run's change points. */
void resp_run_index_query (const RespRunIndex *x, gint64 t, gint64 *lo, gint64 *hi,
                           RespU32Vec *live);

/* For resp-model.c: the model's table of indices. */
void resp_run_index_table_init  (RespModel *m);
void resp_run_index_table_clear (RespModel *m);

G_END_DECLS
