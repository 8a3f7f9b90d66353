/* resp-snapshot-private.h */
#pragma once

#include "resp-model.h"

G_BEGIN_DECLS

/* The first 8 bytes of every snapshot */
#define RESP_SNAPSHOT_MAGIC "RESPSNAP"

/* Whether data starts like a snapshot (and not like JSON). */
gboolean   resp_snapshot_is   (const char *data, gsize length);
/* Opens a snapshot held in data (8-byte aligned). On success the model
 * owns owner and calls release on it when it dies; on failure the caller
 * keeps it. */
RespModel *resp_snapshot_open (const char *data, gsize size, gpointer owner, GDestroyNotify release,
                               const char *path, GPtrArray **diagnostics, GError **error);
/* For tests and fuzzing: recomputes the checksums of the snapshot in data
 * (those of its sections that lie within size, and the header's), so that
 * bytes changed on purpose reach the checks behind the checksums. With
 * keep_bad_text, a string pool that is not valid UTF-8 keeps its old sum:
 * the sum is what vouches for the pools' text, and a fuzzer that resealed
 * them would only find that out again. */
void       resp_snapshot_reseal (char *data, gsize size, gboolean keep_bad_text);

/* For tests: snapshots of at least bytes (8 MiB unless set) are opened on
 * two threads, the sums on a second while the structure is checked; returns
 * the old size. Not thread-safe: set it before opening. */
gsize      resp_snapshot_set_parallel_min (gsize bytes);

G_END_DECLS
