/* resp-model-load-private.h */
#pragma once

#include "resp-model.h"
#include "resp-limits.h"

G_BEGIN_DECLS

/* limits must be resolved (no zero fields). release_input (if given) is
 * called on input once the data is no longer needed, and only on success;
 * on failure the caller still owns it. */
RespModel *resp_model_load_internal (const char *data, gsize length, const char *file,
                                     const RespLimits *limits, GDestroyNotify release_input,
                                     gpointer input, GPtrArray **diagnostics, GError **error);

/* A relations array of at least this many bytes is read in two halves on
 * two threads (see resp-model-loader.c); the tests lower it. */
extern gsize resp_model_loader_split_min;
/* How many loads have used the second half they read (for the tests). */
extern gint  resp_model_loader_splits;
/* The cardinality check sorts at least this many entries by counting,
 * fewer by comparison (the order is the same; the tests vary it). */
extern guint resp_model_loader_card_sort_min;

G_END_DECLS
