/* resp-snapshot-private.h */
#pragma once

#include "resp-model.h"

G_BEGIN_DECLS

/* Whether data starts like a snapshot (and not like JSON). */
gboolean   resp_snapshot_is   (const char *data, gsize length);
/* Opens a snapshot held in data (8-byte aligned). On success the model
 * owns owner and calls release on it when it dies; on failure the caller
 * keeps it. */
RespModel *resp_snapshot_open (const char *data, gsize size, gpointer owner, GDestroyNotify release,
                               const char *path, GPtrArray **diagnostics, GError **error);

G_END_DECLS
