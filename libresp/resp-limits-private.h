/* resp-limits-private.h */
#pragma once

#include "resp-limits.h"
#include "resp-diagnostic.h"
#include "resp-error.h"

G_BEGIN_DECLS

/* Fills out with in's values, defaults for zero fields (in may be NULL). */
void     resp_limits_resolve    (const RespLimits *in, RespLimits *out);
/* FALSE (with a RESP_ERROR_LIMIT error and diagnostic) if size is too big. */
gboolean resp_limits_check_size (const RespLimits *limits, const char *file, guint64 size,
                                 GPtrArray **diagnostics, GError **error);

G_END_DECLS
