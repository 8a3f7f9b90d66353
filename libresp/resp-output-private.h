/* resp-output-private.h: files that libresp writes, replaced atomically
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A file libresp writes (a snapshot) may be open in another process at the
 * moment it is written: a program that maps it dies (SIGBUS) if the file is
 * truncated or rewritten under it, and one that opens it half-written reads
 * nonsense. So a file is never written in place: it is written under a
 * temporary name in the same directory, flushed to the disk (fsync), and
 * renamed over the old one, which readers that still have the old file
 * open keep seeing whole. After a crash the path holds the old file or the
 * new one, never a mixture (the directory is synced after the rename).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *path;   /* the file to replace */
  char *tmp;    /* the temporary file beside it */
  int   fd;     /* open on tmp, for writing */
} RespAtomicFile;

/* Creates the temporary file (mode 0666 less the umask, like any new file).
 * FALSE with a RESP_ERROR_IO error naming path. */
gboolean resp_atomic_file_open   (RespAtomicFile *f, const char *path, GError **error);
/* Writes all of data at the current position; FALSE with RESP_ERROR_IO. */
gboolean resp_atomic_file_write  (RespAtomicFile *f, const void *data, gsize len, GError **error);
/* Writes all of data at offset (the current position does not move). */
gboolean resp_atomic_file_pwrite (RespAtomicFile *f, const void *data, gsize len, guint64 offset,
                                  GError **error);
/* Flushes the file, renames it over path and flushes the directory; the
 * temporary file is gone either way, and f is cleared. */
gboolean resp_atomic_file_commit (RespAtomicFile *f, GError **error);
/* Removes the temporary file and clears f; path is left as it was. */
void     resp_atomic_file_abort  (RespAtomicFile *f);

G_END_DECLS
