/* resp-model-load-private.h */
#pragma once

#include "resp-model.h"

G_BEGIN_DECLS

#define RESP_DEFAULT_MAX_ERRORS 100

typedef struct {
  guint max_depth;    /* 0: default */
  gsize max_string;   /* 0: default */
  guint max_errors;   /* 0: default */
} RespLoadLimits;

/* release_input (if given) is called on input once the data is no longer
 * needed, and only on success; on failure the caller still owns it. */
RespModel *resp_model_load_internal (const char *data, gsize length, const char *file,
                                     const RespLoadLimits *limits, GDestroyNotify release_input,
                                     gpointer input, GPtrArray **diagnostics, GError **error);

G_END_DECLS
