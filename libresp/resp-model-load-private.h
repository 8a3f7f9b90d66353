/* resp-model-load-private.h: the JSON model loader's entry point
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "resp-model.h"
#include "resp-limits.h"

G_BEGIN_DECLS

/* How a load goes about its work, where that is a choice of speed and
 * never changes the outcome; the tests and fuzzers vary it to prove so. */
typedef struct {
  /* a relations array of at least this many bytes is read in two halves on
   * two threads (see resp-model-loader.c) */
  gsize  split_min;
  /* the cardinality check sorts at least this many entries by counting,
   * fewer by comparison (the order is the same) */
  guint  card_sort_min;
  /* if not NULL, incremented when a load used the second half it read */
  gint  *splits_used;
} RespModelLoadOptions;

#define RESP_MODEL_LOAD_SPLIT_MIN     (32u << 20)
#define RESP_MODEL_LOAD_CARD_SORT_MIN 4096u

/* Fills options with the defaults a load uses when given none. */
void       resp_model_load_options_init (RespModelLoadOptions *options);

/* limits must be resolved (no zero fields); options may be NULL (the
 * defaults). release_input (if given) is called on input once the data is
 * no longer needed, and only on success; on failure the caller still owns
 * it. */
RespModel *resp_model_load_internal (const char *data, gsize length, const char *file,
                                     const RespLimits *limits,
                                     const RespModelLoadOptions *options,
                                     GDestroyNotify release_input, gpointer input,
                                     GPtrArray **diagnostics, GError **error);

/* The shapes of a model that RespLimits bounds (chain depth, members per
 * committee, operators per system), checked by the loader and, through
 * this, on a frozen model (a snapshot, once open) from its indices: FALSE
 * (RESP_ERROR_LIMIT, no position: a snapshot has no lines) if m goes past
 * one of them. *diagnostics (if not NULL) is replaced by the list of
 * what was found, empty or not. */
gboolean   resp_model_check_limits (const RespModel *m, const RespLimits *limits, const char *file,
                                    GPtrArray **diagnostics, GError **error);

/* The largest of each shape that resp_model_check_limits() bounds, of a
 * frozen model: [0] the longest chain of superiors (links), [1] the most
 * members of a committee, [2] the most operators of a system, each
 * counted as the check counts it, so that the check refuses under limits
 * exactly when one of these is over its limit. resp compile writes them
 * into the snapshot, whose open then compares instead of walking. */
void       resp_model_shape_maxima (const RespModel *m, guint32 out[3]);

/* Whether the maxima go past limits (then resp_model_check_limits() is
 * what names the relation). */
gboolean   resp_model_shape_over   (const guint32 maxima[3], const RespLimits *limits);

G_END_DECLS
