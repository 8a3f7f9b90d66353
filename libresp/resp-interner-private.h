/* resp-interner-private.h: one copy of every id, numbered densely
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Strings live back to back in one pool and are numbered 0, 1, 2… in the
 * order they were first seen; an open-addressing table of those numbers
 * finds them again. A national model has millions of ids: this costs the
 * bytes of the strings plus about 12 bytes each, where a GHashTable would
 * cost several times that. Read-only use is thread-safe.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char    *pool;
  gsize    pool_len;
  gsize    pool_cap;
  guint32 *offsets;   /* id -> offset of its NUL-terminated text in pool */
  guint32  n;
  guint32  cap;
  guint64 *slots;     /* hash << 32 | (id + 1), or 0 for an empty slot */
  guint32  mask;
  gboolean borrowed;  /* the arrays belong to a snapshot's mapping */
} RespInterner;

void        resp_interner_init    (RespInterner *self);
void        resp_interner_clear   (RespInterner *self);
/* Returns the id of s, adding it when new (*is_new tells which). */
guint32     resp_interner_intern  (RespInterner *self, const char *s, gsize len, gboolean *is_new);
gboolean    resp_interner_lookup  (const RespInterner *self, const char *s, gsize len, guint32 *out_id);
/* Starts loading the table slot where s would be, so that a lookup of s a
 * little later (once the rest of a record is read) finds it in cache. */
void        resp_interner_prefetch (const RespInterner *self, const char *s, gsize len);
static inline const char *
resp_interner_get (const RespInterner *self, guint32 id)
{
  return self->pool + self->offsets[id];
}
gsize       resp_interner_size    (const RespInterner *self);

G_END_DECLS
