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

G_END_DECLS
