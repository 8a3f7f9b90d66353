/* resp-snapshot.c: the frozen model as a file that opens by mmap
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A snapshot is the model's arrays written as they sit in memory, after a
 * header that says where each one is. Opening it maps the file and points
 * the model at the mapping: nothing is parsed or copied. Because the file
 * may have been cut short or damaged, every count, offset and index is
 * checked against the file's bounds before the model is handed out; a
 * snapshot that fails a check is an error, never a crash. The checks are
 * linear and touch each array once.
 *
 * The layout is this machine's (little-endian, 64-bit); the header records
 * it and a snapshot from another layout is refused rather than misread.
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "resp-snapshot-private.h"
#include "resp-model-private.h"
#include "resp-limits-private.h"
#include "resp-error.h"

#define SNAPSHOT_MAGIC "RESPSNAP"
/* The version changes with the layout. A relation type appended to
 * RespRelation (public_security … protects came after v7) does not change
 * it: the values of older types stay, so an older snapshot means what it
 * meant, and a library that does not know a type refuses a snapshot that
 * uses it ("a relation record is out of range", check_relations()) rather
 * than misreading it. */
#define SNAPSHOT_VERSION 7
#define ENDIAN_MARK 0x01020304u

enum {
  SEC_NAME, SEC_NODES, SEC_NAMES, SEC_EXTRAS, SEC_RELS, SEC_OUT_START, SEC_IN_IDX, SEC_IN_START,
  SEC_ID_POOL, SEC_ID_OFFSETS, SEC_ID_SLOTS, SEC_REG_INDEX, SEC_REG_FALLBACK, SEC_IN_REL, N_SECTIONS,
};

typedef struct {
  char    magic[8];
  guint32 version;
  guint32 endian;
  guint32 sizeof_node;
  guint32 sizeof_rel;
  guint64 file_size;
  guint32 n_nodes;
  guint32 n_rels;
  gint64  first_instant;
  guint32 id_count;
  guint32 id_mask;
  guint32 n_reg_index;
  guint32 n_reg_fallback;
  guint64 text_hash;        /* of the string pools: see text_hash() */
  struct { guint64 off, len; } sec[N_SECTIONS];
} SnapshotHeader;

gboolean
resp_snapshot_is (const char *data, gsize length)
{
  return length >= 8 && memcmp (data, SNAPSHOT_MAGIC, 8) == 0;
}

/* A 64-bit hash of a byte range, eight bytes a step. The pools were valid
 * UTF-8 when the model was loaded and compiled; a matching hash at open
 * says they still are, for a fraction of what decoding every character of
 * a national model's names would cost. (Bounds are checked separately: a
 * hash is no defence against a forged file, only against damage.) */
static guint64
hash_range (guint64 h, const char *data, guint64 len)
{
  const guchar *p = (const guchar *) data;
  guint64 i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 w;
      memcpy (&w, p + i, 8);
      h = (h ^ w) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
      h ^= h >> 29;
    }
  for (; i < len; i++)
    h = (h ^ p[i]) * G_GUINT64_CONSTANT (0x100000001B3);
  return h ^ len;
}

static guint64
text_hash (const RespModel *m, const char *name, guint64 name_len)
{
  guint64 h = G_GUINT64_CONSTANT (0xCBF29CE484222325);

  h = hash_range (h, name, name_len);
  h = hash_range (h, m->names, m->names_len);
  h = hash_range (h, m->extras, m->extras_len);
  return hash_range (h, m->ids.pool, m->ids.pool_len);
}

/* ---- writing ---- */

static gboolean
put (GOutputStream *out, const void *data, gsize len, guint64 *pos, GError **error)
{
  static const char zeros[8] = { 0 };
  gsize pad = (8 - len % 8) % 8;

  if (len > 0 && !g_output_stream_write_all (out, data, len, NULL, NULL, error))
    return FALSE;
  if (pad > 0 && !g_output_stream_write_all (out, zeros, pad, NULL, NULL, error))
    return FALSE;
  *pos += len + pad;
  return TRUE;
}

/* Records go out field by field, so no padding byte of the in-memory
 * structs (never written) reaches the file. */
static gboolean
put_rels (GOutputStream *out, const RespModel *m, const RespRelRec *recs, guint64 *pos, GError **error)
{
  RespRelRec chunk[4096];
  guint32 i = 0;

  while (i < m->n_rels)
    {
      guint32 n = MIN (m->n_rels - i, (guint32) G_N_ELEMENTS (chunk));
      memset (chunk, 0, sizeof (RespRelRec) * n);
      for (guint32 k = 0; k < n; k++)
        {
          const RespRelRec *r = &recs[i + k];
          chunk[k].since = r->since;
          chunk[k].until = r->until;
          chunk[k].from = r->from;
          chunk[k].to = r->to;
          chunk[k].rel = r->rel;
          chunk[k].seat = r->seat;
        }
      if (!g_output_stream_write_all (out, chunk, sizeof (RespRelRec) * n, NULL, NULL, error))
        return FALSE;
      i += n;
    }
  *pos += (guint64) sizeof (RespRelRec) * m->n_rels;
  return TRUE;
}

/**
 * resp_model_write_snapshot:
 * @self: a #RespModel
 * @path: (type filename): the file to write
 * @error: return location for a #GError
 *
 * Writes the frozen model as a snapshot: a file that
 * resp_model_new_from_file() (and every `resp` command) opens by mapping
 * it, without parsing. The file is written to a temporary name and renamed
 * into place, so a reader never sees half of it.
 *
 * Returns: %TRUE on success; %FALSE with %RESP_ERROR_IO otherwise
 *
 * Since: 1.0
 */
gboolean
resp_model_write_snapshot (RespModel   *self,
                           const char  *path,
                           GError     **error)
{
  const RespModel *m = self;
  SnapshotHeader h;
  GFile *file;
  GFileOutputStream *fout;
  GOutputStream *out;
  GError *local = NULL;
  guint64 pos = 0;
  const char *name = m->name != NULL ? m->name : "";
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (&h, 0, sizeof h);
  memcpy (h.magic, SNAPSHOT_MAGIC, 8);
  h.version = SNAPSHOT_VERSION;
  h.endian = ENDIAN_MARK;
  h.sizeof_node = sizeof (RespNodeRec);
  h.sizeof_rel = sizeof (RespRelRec);
  h.n_nodes = m->n_nodes;
  h.n_rels = m->n_rels;
  h.first_instant = m->first_instant;
  h.id_count = m->ids.n;
  h.id_mask = m->ids.mask;
  h.n_reg_index = m->n_reg_index;
  h.n_reg_fallback = m->n_reg_fallback;
  h.text_hash = text_hash (m, name, strlen (name) + 1);

  /* lay the sections out first: every one starts on an 8-byte boundary */
  {
    guint64 lens[N_SECTIONS] = {
      [SEC_NAME] = strlen (name) + 1,
      [SEC_NODES] = (guint64) sizeof (RespNodeRec) * m->n_nodes,
      [SEC_NAMES] = m->names_len,
      [SEC_EXTRAS] = m->extras_len,
      [SEC_RELS] = (guint64) sizeof (RespRelRec) * m->n_rels,
      [SEC_OUT_START] = 4 * ((guint64) m->n_nodes + 1),
      [SEC_IN_IDX] = 4 * (guint64) m->n_rels,
      [SEC_IN_START] = 4 * ((guint64) m->n_nodes + 1),
      [SEC_ID_POOL] = m->ids.pool_len,
      [SEC_ID_OFFSETS] = 4 * (guint64) m->ids.n,
      [SEC_ID_SLOTS] = 8 * ((guint64) m->ids.mask + 1),
      [SEC_REG_INDEX] = (guint64) sizeof (RespRegEntry) * m->n_reg_index,
      [SEC_REG_FALLBACK] = (guint64) sizeof (RespRegFallback) * m->n_reg_fallback,
      [SEC_IN_REL] = m->n_rels,
    };
    guint64 at = (sizeof h + 7) / 8 * 8;
    for (guint s = 0; s < N_SECTIONS; s++)
      {
        h.sec[s].off = at;
        h.sec[s].len = lens[s];
        at += (lens[s] + 7) / 8 * 8;
      }
    h.file_size = at;
  }

  file = g_file_new_for_path (path);
  fout = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, &local);
  g_object_unref (file);
  if (fout == NULL)
    goto fail;
  out = G_OUTPUT_STREAM (fout);
  ok = put (out, &h, sizeof h, &pos, &local) &&
       put (out, name, strlen (name) + 1, &pos, &local);
  /* nodes: padding-free by construction (two guint32 and four guint8) */
  ok = ok && put (out, m->nodes, sizeof (RespNodeRec) * m->n_nodes, &pos, &local) &&
       put (out, m->names, m->names_len, &pos, &local) &&
       put (out, m->extras, m->extras_len, &pos, &local) &&
       put_rels (out, m, m->rels, &pos, &local) &&
       put (out, NULL, 0, &pos, &local) &&
       put (out, m->out_start, 4 * ((gsize) m->n_nodes + 1), &pos, &local) &&
       put (out, m->in_idx, 4 * (gsize) m->n_rels, &pos, &local) &&
       put (out, m->in_start, 4 * ((gsize) m->n_nodes + 1), &pos, &local) &&
       put (out, m->ids.pool, m->ids.pool_len, &pos, &local) &&
       put (out, m->ids.offsets, 4 * (gsize) m->ids.n, &pos, &local) &&
       put (out, m->ids.slots, 8 * ((gsize) m->ids.mask + 1), &pos, &local) &&
       put (out, m->reg_index, sizeof (RespRegEntry) * m->n_reg_index, &pos, &local) &&
       put (out, m->reg_fallback, sizeof (RespRegFallback) * m->n_reg_fallback, &pos, &local) &&
       put (out, m->in_rel, m->n_rels, &pos, &local);
  ok = g_output_stream_close (out, NULL, ok ? &local : NULL) && ok;
  g_object_unref (fout);
  if (ok && pos == h.file_size)
    return TRUE;
  if (local == NULL)
    local = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, "wrote %" G_GUINT64_FORMAT
                         " bytes, expected %" G_GUINT64_FORMAT, pos, h.file_size);
fail:
  g_set_error (error, RESP_ERROR, RESP_ERROR_IO, "%s: %s", path, local->message);
  g_error_free (local);
  return FALSE;
}

/* ---- opening ---- */

typedef struct {
  const char *base;
  gsize       size;
  const SnapshotHeader *h;
  const char *why;
} Check;

static const void *
section (Check *c, guint s, guint64 elem, guint64 count)
{
  guint64 off = c->h->sec[s].off, len = c->h->sec[s].len;

  if (c->why != NULL)
    return NULL;
  if (off % 8 != 0 || off > c->size || len > c->size - off)
    {
      c->why = "a section lies outside the file (truncated?)";
      return NULL;
    }
  if (elem > 0 && len != elem * count)
    {
      c->why = "a section's size does not match its count";
      return NULL;
    }
  return c->base + off;
}

/* A string pool is safe to read when its last byte ends a string. */
static gboolean
pool_ok (const char *pool, guint64 len)
{
  return len == 0 || pool[len - 1] == '\0';
}

static const char *
check_nodes (const RespModel *m)
{
  guint8 n_attr[RESP_N_NODE_TYPES];

  /* a type without an enumerated attribute stores 0 */
  for (guint t = 0; t < RESP_N_NODE_TYPES; t++)
    n_attr[t] = resp_node_types[t].attr != NULL ? (guint8) resp_node_types[t].attr->n_values : 1;
  for (guint32 v = 0; v < m->n_nodes; v++)
    {
      const RespNodeRec *n = &m->nodes[v];
      if (n->type >= RESP_N_NODE_TYPES || n->attr >= n_attr[n->type] || n->protection_level > 5 ||
          n->name >= m->names_len || (n->extra != 0 && n->extra > m->extras_len))
        return "a node record is out of range";
      /* a string starts after a NUL (or at 0), not inside a character;
       * pools are written in node order, so this reads them front to back */
      if ((n->name > 0 && m->names[n->name - 1] != '\0') ||
          (n->extra > 1 && m->extras[n->extra - 2] != '\0'))
        return "a node's name or extra does not start a string";
    }
  return NULL;
}

static const char *
check_relations (const RespModel *m)
{
  /* the checks below run over millions of entries: each folds its tests
   * into one flag without a branch per entry, which the compiler can
   * vectorize, and says which check failed at the end */
  guint bad = 0;

  for (guint32 i = 0; i < m->n_rels; i++)
    {
      const RespRelRec *r = &m->rels[i];
      bad |= (r->from >= m->n_nodes) | (r->to >= m->n_nodes) | (r->rel >= RESP_N_RELATIONS) |
             (r->seat >= RESP_N_SEATS);
    }
  if (bad)
    return "a relation record is out of range";
  /* the adjacency: offsets that only grow, to the end, and indices in range */
  if (m->out_start[0] != 0 || m->in_start[0] != 0 ||
      m->out_start[m->n_nodes] != m->n_rels || m->in_start[m->n_nodes] != m->n_rels)
    return "an adjacency index does not cover the relations";
  for (guint32 v = 0; v < m->n_nodes; v++)
    if (m->out_start[v] > m->out_start[v + 1] || m->in_start[v] > m->in_start[v + 1])
      return "an adjacency index goes backwards";
  for (guint32 i = 0; i < m->n_rels; i++)
    bad |= m->in_idx[i] >= m->n_rels;
  if (bad)
    return "an incoming index points past the relations";
  /* the types beside it: in range, and in order within each node's block,
   * which is all the binary search over them relies on. Every place where
   * the types go down must be the start of a block: counted both ways in
   * two straight passes, which cost a fraction of a loop per block. */
  {
    guint8 top = 0;
    guint64 descents = 0, at_starts = 0;

    for (guint32 i = 0; i < m->n_rels; i++)
      top = MAX (top, m->in_rel[i]);
    for (guint32 i = 1; i < m->n_rels; i++)
      descents += m->in_rel[i] < m->in_rel[i - 1];
    for (guint32 v = 0; v < m->n_nodes; v++)
      {
        guint32 b = m->in_start[v];
        at_starts += b > 0 && b < m->in_start[v + 1] && m->in_rel[b] < m->in_rel[b - 1];
      }
    if (top >= RESP_N_RELATIONS || descents != at_starts)
      return "an incoming relation type is out of range or order";
  }
  return NULL;
}

static const char *
check_reg (const RespModel *m)
{
  const RespRegEntry *e = m->reg_index;
  const RespRegFallback *f = m->reg_fallback;

  for (guint32 i = 0; i < m->n_reg_fallback; i++)
    if (f[i].sector >= m->n_nodes || f[i].reg_rel >= m->n_rels ||
        (i > 0 && f[i - 1].sector > f[i].sector))
      return "a regulator fallback entry is out of range or order";
  for (guint32 i = 0; i < m->n_reg_index; i++)
    {
      if (e[i].sector >= m->n_nodes || e[i].reg_rel >= m->n_rels ||
          e[i].region >= m->n_nodes || e[i].loc_rel >= m->n_rels)
        return "a regulator index entry is out of range";
      /* lookups search by binary search: the order is part of the contract */
      if (i > 0 && (e[i - 1].sector > e[i].sector ||
                    (e[i - 1].sector == e[i].sector && e[i - 1].region > e[i].region)))
        return "the regulator index is out of order";
    }
  return NULL;
}

static const char *
check_ids (const RespModel *m)
{
  const RespInterner *ids = &m->ids;

  if (ids->n != m->n_nodes || ((guint64) ids->mask + 1) & ids->mask)
    return "the id table does not match the nodes";
  for (guint32 i = 0; i < ids->n; i++)
    if (ids->offsets[i] >= ids->pool_len ||
        (ids->offsets[i] > 0 && ids->pool[ids->offsets[i] - 1] != '\0'))
      return "an id points past the id pool, or into the middle of one";
  {
    guint64 empty = 0;
    guint bad = 0;

    for (guint64 k = 0; k <= ids->mask; k++)
      {
        /* a slot is empty (all zero) or names an id 1..n (plus its hash):
         * id - 1 wraps to the top for id 0, so one comparison says both */
        guint64 slot = ids->slots[k];
        bad |= (slot != 0) & ((guint32) ((guint32) slot - 1) >= ids->n);
        empty += slot == 0;
      }
    if (bad)
      return "an id slot names no id";
    /* a probe stops at an empty slot: a full table would never stop */
    if (empty == 0)
      return "the id table has no empty slot";
  }
  return NULL;
}

RespModel *
resp_snapshot_open (const char *data, gsize size, gpointer owner, GDestroyNotify release,
                    const char *path, GPtrArray **diagnostics, GError **error)
{
  Check c = { data, size, (const SnapshotHeader *) data, NULL };
  const SnapshotHeader *h = c.h;
  RespModel *m;
  const char *name;

  if (size < sizeof (SnapshotHeader))
    c.why = "the file is shorter than a snapshot header (truncated?)";
  else if (h->version != SNAPSHOT_VERSION)
    c.why = "this snapshot version is not supported; compile the model again";
  else if (h->endian != ENDIAN_MARK || h->sizeof_node != sizeof (RespNodeRec) ||
           h->sizeof_rel != sizeof (RespRelRec))
    c.why = "the snapshot was written on a machine of another layout; compile the model again";
  else if (h->file_size != size)
    c.why = "the file's size is not the snapshot's (truncated or extended?)";

  m = resp_model_alloc ();
  m->source = g_strdup (path);
  if (c.why == NULL)
    {
      m->n_nodes = h->n_nodes;
      m->n_rels = h->n_rels;
      m->first_instant = h->first_instant;
      name = section (&c, SEC_NAME, 0, 0);
      m->nodes = (RespNodeRec *) section (&c, SEC_NODES, sizeof (RespNodeRec), h->n_nodes);
      m->names = (char *) section (&c, SEC_NAMES, 0, 0);
      m->names_len = h->sec[SEC_NAMES].len;
      m->extras = (char *) section (&c, SEC_EXTRAS, 0, 0);
      m->extras_len = h->sec[SEC_EXTRAS].len;
      m->rels = (RespRelRec *) section (&c, SEC_RELS, sizeof (RespRelRec), h->n_rels);
      m->out_start = (guint32 *) section (&c, SEC_OUT_START, 4, (guint64) h->n_nodes + 1);
      m->in_idx = (guint32 *) section (&c, SEC_IN_IDX, 4, h->n_rels);
      m->in_start = (guint32 *) section (&c, SEC_IN_START, 4, (guint64) h->n_nodes + 1);
      m->in_rel = (guint8 *) section (&c, SEC_IN_REL, 1, h->n_rels);
      resp_interner_clear (&m->ids);
      m->ids.pool = (char *) section (&c, SEC_ID_POOL, 0, 0);
      m->ids.pool_len = h->sec[SEC_ID_POOL].len;
      m->ids.n = m->ids.cap = h->id_count;
      m->ids.mask = h->id_mask;
      m->ids.offsets = (guint32 *) section (&c, SEC_ID_OFFSETS, 4, h->id_count);
      m->ids.slots = (guint64 *) section (&c, SEC_ID_SLOTS, 8, (guint64) h->id_mask + 1);
      m->ids.borrowed = TRUE;
      m->n_reg_index = h->n_reg_index;
      m->n_reg_fallback = h->n_reg_fallback;
      m->reg_index = (RespRegEntry *) section (&c, SEC_REG_INDEX, sizeof (RespRegEntry), h->n_reg_index);
      m->reg_fallback = (RespRegFallback *) section (&c, SEC_REG_FALLBACK, sizeof (RespRegFallback),
                                                     h->n_reg_fallback);
      if (c.why == NULL && (!pool_ok (name, h->sec[SEC_NAME].len) || h->sec[SEC_NAME].len == 0 ||
                            !pool_ok (m->names, m->names_len) ||
                            /* every node has a name; a model without nodes
                             * (resp compile writes one) has none */
                            (m->names_len == 0 && h->n_nodes > 0) ||
                            !pool_ok (m->extras, m->extras_len) ||
                            !pool_ok (m->ids.pool, m->ids.pool_len)))
        c.why = "a string pool is not terminated";
      /* what is printed must be text: a damaged byte in a name would
       * otherwise reach JSON output as invalid UTF-8 */
      if (c.why == NULL && text_hash (m, name, h->sec[SEC_NAME].len) != h->text_hash)
        c.why = "the names or ids are damaged (their checksum does not match)";
      if (c.why == NULL)
        c.why = check_nodes (m);
      if (c.why == NULL)
        c.why = check_relations (m);
      if (c.why == NULL)
        c.why = check_ids (m);
      if (c.why == NULL)
        c.why = check_reg (m);
      if (c.why == NULL)
        m->name = name[0] != '\0' ? g_strdup (name) : NULL;
    }
  if (c.why != NULL)
    {
      g_set_error (error, RESP_ERROR, RESP_ERROR_SNAPSHOT, "%s: not a usable snapshot: %s", path, c.why);
      if (diagnostics != NULL)
        {
          *diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) resp_diagnostic_unref);
          g_ptr_array_add (*diagnostics, resp_diagnostic_new (RESP_ERROR_SNAPSHOT, path, 0, 0, c.why));
        }
      /* the arrays point into data, which the caller still owns */
      m->snapshot = TRUE;
      resp_model_unref (m);
      return NULL;
    }
  m->snapshot = TRUE;
  m->owner = owner;
  m->release = release;
  if (diagnostics != NULL)
    *diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) resp_diagnostic_unref);
  return m;
}
