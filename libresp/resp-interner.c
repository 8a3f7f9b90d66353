/* resp-interner.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "resp-interner-private.h"
#include "resp-vec-private.h"

/* FNV-1a with a final mix: ids are short and similar ("p-000123"), so the
 * low bits need the avalanche of the last step. */
static guint32
hash_bytes (const char *s, gsize len)
{
  guint32 h = 2166136261u;

  for (gsize i = 0; i < len; i++)
    {
      h ^= (guint8) s[i];
      h *= 16777619u;
    }
  h ^= h >> 16;
  h *= 0x7feb352du;
  h ^= h >> 15;
  return h;
}

/* The slot table of a national model is tens of megabytes probed at random:
 * on huge pages those probes stop missing the TLB. */
static guint64 *
alloc_slots (gsize n)
{
  return resp_huge_alloc0 (n, sizeof (guint64));
}

void
resp_interner_init (RespInterner *self)
{
  memset (self, 0, sizeof *self);
  self->mask = 63;
  self->slots = alloc_slots ((gsize) self->mask + 1);
}

void
resp_interner_clear (RespInterner *self)
{
  if (!self->borrowed)
    {
      g_free (self->pool);
      g_free (self->offsets);
      g_free (self->slots);
    }
  memset (self, 0, sizeof *self);
}

static gboolean
slot_matches (const RespInterner *self, guint32 id, const char *s, gsize len)
{
  const char *t = self->pool + self->offsets[id];
  return strncmp (t, s, len) == 0 && t[len] == '\0';
}

static void
grow_table (RespInterner *self)
{
  guint32 new_mask = self->mask * 2 + 1;
  guint64 *slots = alloc_slots ((gsize) new_mask + 1);

  /* the stored hashes move the entries without touching the strings */
  for (guint32 k = 0; k <= self->mask; k++)
    {
      guint64 e = self->slots[k];
      guint32 i;
      if (e == 0)
        continue;
      i = (guint32) (e >> 32) & new_mask;
      while (slots[i] != 0)
        i = (i + 1) & new_mask;
      slots[i] = e;
    }
  g_free (self->slots);
  self->slots = slots;
  self->mask = new_mask;
}

gboolean
resp_interner_lookup (const RespInterner *self, const char *s, gsize len, guint32 *out_id)
{
  guint32 h = hash_bytes (s, len);
  guint32 i = h & self->mask;

  while (self->slots[i] != 0)
    {
      guint64 e = self->slots[i];
      guint32 id = (guint32) e - 1;
      if ((guint32) (e >> 32) == h && slot_matches (self, id, s, len))
        {
          *out_id = id;
          return TRUE;
        }
      i = (i + 1) & self->mask;
    }
  return FALSE;
}

void
resp_interner_prefetch (const RespInterner *self, const char *s, gsize len)
{
  if (self->slots != NULL)
    __builtin_prefetch (&self->slots[hash_bytes (s, len) & self->mask]);
}

guint32
resp_interner_intern (RespInterner *self, const char *s, gsize len, gboolean *is_new)
{
  guint32 i, id;

  if (resp_interner_lookup (self, s, len, &id))
    {
      if (is_new != NULL)
        *is_new = FALSE;
      return id;
    }

  /* keep the load factor under one half */
  if ((gsize) (self->n + 1) * 2 > (gsize) self->mask + 1)
    grow_table (self);

  if (self->pool_len + len + 1 > self->pool_cap)
    {
      self->pool_cap = MAX (self->pool_cap * 2, self->pool_len + len + 1 + 4096);
      self->pool = g_realloc (self->pool, self->pool_cap);
    }
  if (self->n == self->cap)
    {
      self->cap = MAX (self->cap * 2, 256);
      self->offsets = g_renew (guint32, self->offsets, self->cap);
    }
  id = self->n++;
  self->offsets[id] = (guint32) self->pool_len;
  memcpy (self->pool + self->pool_len, s, len);
  self->pool[self->pool_len + len] = '\0';
  self->pool_len += len + 1;

  {
    guint32 h = hash_bytes (s, len);
    i = h & self->mask;
    while (self->slots[i] != 0)
      i = (i + 1) & self->mask;
    self->slots[i] = (guint64) h << 32 | (id + 1);
  }

  if (is_new != NULL)
    *is_new = TRUE;
  return id;
}

gsize
resp_interner_size (const RespInterner *self)
{
  return self->pool_cap + (gsize) self->cap * 4 + ((gsize) self->mask + 1) * 8;
}
