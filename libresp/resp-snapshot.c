/* resp-snapshot.c: the frozen model as a file that opens by mmap
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A snapshot is the model's arrays written as they sit in memory, after a
 * header that says where each one is. Opening it maps the file (or reads
 * it into memory of the model's own, RESP_MODEL_FLAGS_PRIVATE_COPY) and
 * points the model at it: nothing is parsed. The header and
 * each section carry a checksum, verified at every open: a damaged
 * snapshot is refused, never read as a model that answers differently.
 * Because a file can also be made to deceive, with checksums to match,
 * every count, offset and index is then checked against the file's bounds
 * before the model is handed out; a snapshot that fails a check is an
 * error, never a crash. The checks are linear and touch each array once.
 *
 * The layout is this machine's (little-endian, 64-bit); the header records
 * it and a snapshot from another layout is refused rather than misread.
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "resp-snapshot-private.h"
#include "resp-output-private.h"
#include "resp-model-private.h"
#include "resp-limits-private.h"
#include "resp-model-load-private.h"
#include "resp-error.h"

#define SNAPSHOT_MAGIC RESP_SNAPSHOT_MAGIC
/* The version changes with the layout. A relation type appended to
 * RespRelation (public_security … protects came after v7) does not change
 * it: the values of older types stay, so an older snapshot means what it
 * meant, and a library that does not know a type refuses a snapshot that
 * uses it ("a relation record is out of range", check_relations()) rather
 * than misreading it. v8: a checksum over the header and one over each
 * section (v7 had one over the string pools only). v9: the model's shape
 * maxima (resp_model_shape_maxima()) after the sums, which the open
 * compares with its limits instead of walking the chains. */
#define SNAPSHOT_VERSION 9
#define ENDIAN_MARK 0x01020304u

enum {
  SEC_NAME, SEC_NODES, SEC_NAMES, SEC_EXTRAS, SEC_RELS, SEC_OUT_START, SEC_IN_IDX, SEC_IN_START,
  SEC_ID_POOL, SEC_ID_OFFSETS, SEC_ID_SLOTS, SEC_REG_INDEX, SEC_REG_FALLBACK, SEC_IN_REL, N_SECTIONS,
};

/* the string pools: their checksums also stand for their being valid UTF-8 */
#define TEXT_SECTIONS ((1u << SEC_NAME) | (1u << SEC_NAMES) | (1u << SEC_EXTRAS) | (1u << SEC_ID_POOL))

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
  guint64 header_sum;       /* of this header, read with header_sum 0 */
  struct { guint64 off, len; } sec[N_SECTIONS];
  guint64 sum[N_SECTIONS];  /* of each section, its padding included */
  guint32 shape[4];         /* resp_model_shape_maxima(), then 0 */
} SnapshotHeader;

/* the sections follow the header, each padded to 8 bytes */
#define PADDED(len) (((len) + 7) / 8 * 8)
G_STATIC_ASSERT (sizeof (SnapshotHeader) % 8 == 0);

gboolean
resp_snapshot_is (const char *data, gsize length)
{
  return length >= 8 && memcmp (data, SNAPSHOT_MAGIC, 8) == 0;
}

/* ---- the checksum ---- */

/* A 64-bit checksum of a byte range, written for speed at open (a national
 * snapshot is some 250 MB, every byte of which is summed each time it is
 * opened). Four lanes take the 8-byte words of each 32-byte block in turn;
 * a step is lane = rotl ((lane ^ word) * odd, 31). For a fixed lane that is
 * a bijection of the word, and for a fixed word one of the lane, and the
 * steps after it and the final mix are bijections too: two ranges that
 * differ in one 8-byte word (a flipped bit, a changed byte) always have
 * different sums. Damage of several words is missed with a chance of about
 * one in 2^64. It is no defence against a forged file, which can carry the
 * sum of what it holds: the checks behind it treat every value as
 * untrusted. */
#define SUM_P1 G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)
#define SUM_P2 G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F)
#define SUM_P3 G_GUINT64_CONSTANT (0x165667B19E3779F9)

static inline guint64
rotl64 (guint64 x, int r)
{
  return (x << r) | (x >> (64 - r));
}

static inline guint64
load64 (const guchar *p)
{
  guint64 w;

  memcpy (&w, p, 8);
  return w;
}

typedef struct {
  guint64 lane[4];
  guchar  buf[32];
  guint   n_buf;
  guint64 total;
} SumState;

static void
sum_init (SumState *st)
{
  st->lane[0] = SUM_P1;
  st->lane[1] = SUM_P2;
  st->lane[2] = SUM_P3;
  st->lane[3] = SUM_P1 ^ SUM_P2;
  st->n_buf = 0;
  st->total = 0;
}

/* The whole blocks of p (n bytes, n a multiple of 32) */
static void
sum_blocks (SumState *st, const guchar *p, gsize n)
{
  guint64 a = st->lane[0], b = st->lane[1], c = st->lane[2], d = st->lane[3];

  for (gsize i = 0; i < n; i += 32)
    {
      a = rotl64 ((a ^ load64 (p + i)) * SUM_P1, 31);
      b = rotl64 ((b ^ load64 (p + i + 8)) * SUM_P1, 31);
      c = rotl64 ((c ^ load64 (p + i + 16)) * SUM_P1, 31);
      d = rotl64 ((d ^ load64 (p + i + 24)) * SUM_P1, 31);
    }
  st->lane[0] = a;
  st->lane[1] = b;
  st->lane[2] = c;
  st->lane[3] = d;
}

static void
sum_update (SumState *st, const void *data, gsize len)
{
  const guchar *p = data;

  st->total += len;
  if (st->n_buf > 0)
    {
      gsize take = MIN (len, 32 - st->n_buf);
      memcpy (st->buf + st->n_buf, p, take);
      st->n_buf += (guint) take;
      p += take;
      len -= take;
      if (st->n_buf < 32)
        return;
      sum_blocks (st, st->buf, 32);
      st->n_buf = 0;
    }
  sum_blocks (st, p, len & ~(gsize) 31);
  p += len & ~(gsize) 31;
  st->n_buf = (guint) (len & 31);
  memcpy (st->buf, p, st->n_buf);
}

static guint64
sum_final (const SumState *st)
{
  guint64 h = st->total * SUM_P3;
  guint i = 0;

  for (guint k = 0; k < 4; k++)
    h = rotl64 ((h ^ st->lane[k]) * SUM_P2, 27);
  for (; i + 8 <= st->n_buf; i += 8)
    h = rotl64 ((h ^ load64 (st->buf + i)) * SUM_P2, 27);
  for (; i < st->n_buf; i++)
    h = rotl64 ((h ^ st->buf[i]) * SUM_P3, 23);
  h ^= h >> 33;
  h *= SUM_P2;
  h ^= h >> 29;
  h *= SUM_P3;
  return h ^ (h >> 32);
}

static guint64
sum_range (const char *data, gsize len)
{
  SumState st;

  sum_init (&st);
  sum_update (&st, data, len);
  return sum_final (&st);
}

/* The header's own sum: of its bytes with header_sum read as 0 */
static guint64
header_sum (const SnapshotHeader *h)
{
  SnapshotHeader copy = *h;

  copy.header_sum = 0;
  return sum_range ((const char *) &copy, sizeof copy);
}

/* ---- writing ---- */

typedef struct {
  RespAtomicFile file;
  guint64        pos;
  SumState       st;     /* of the section being written */
} Writer;

/* Appends len bytes of data to the section being written */
static gboolean
put_raw (Writer *w, const void *data, gsize len, GError **error)
{
  if (len == 0)
    return TRUE;
  sum_update (&w->st, data, len);
  w->pos += len;
  return resp_atomic_file_write (&w->file, data, len, error);
}

/* Pads the section being written to 8 bytes and records its sum */
static gboolean
end_section (Writer *w, SnapshotHeader *h, guint s, GError **error)
{
  static const char zeros[8] = { 0 };
  gsize pad = (8 - w->pos % 8) % 8;
  gboolean ok = put_raw (w, zeros, pad, error);

  h->sum[s] = sum_final (&w->st);
  sum_init (&w->st);
  return ok;
}

static gboolean
put (Writer *w, SnapshotHeader *h, guint s, const void *data, gsize len, GError **error)
{
  return put_raw (w, data, len, error) && end_section (w, h, s, error);
}

/* Records go out field by field, so no padding byte of the in-memory
 * structs (never written) reaches the file. */
static gboolean
put_rels (Writer *w, SnapshotHeader *h, const RespModel *m, GError **error)
{
  RespRelRec chunk[4096];
  guint32 i = 0;

  while (i < m->n_rels)
    {
      guint32 n = MIN (m->n_rels - i, (guint32) G_N_ELEMENTS (chunk));
      memset (chunk, 0, sizeof (RespRelRec) * n);
      for (guint32 k = 0; k < n; k++)
        {
          const RespRelRec *r = &m->rels[i + k];
          chunk[k].since = r->since;
          chunk[k].until = r->until;
          chunk[k].from = r->from;
          chunk[k].to = r->to;
          chunk[k].rel = r->rel;
          chunk[k].seat = r->seat;
        }
      if (!put_raw (w, chunk, sizeof (RespRelRec) * n, error))
        return FALSE;
      i += n;
    }
  return end_section (w, h, SEC_RELS, error);
}

/**
 * resp_model_write_snapshot:
 * @self: a #RespModel
 * @path: (type filename): the file to write
 * @error: return location for a #GError
 *
 * Writes the frozen model as a snapshot: a file that
 * resp_model_new_from_file() opens by mapping it, without parsing (the
 * `resp` commands, and resp_model_new_from_file_with_flags() with
 * %RESP_MODEL_FLAGS_PRIVATE_COPY, read it into memory instead). The snapshot carries checksums of all its parts,
 * which are checked when it is opened.
 *
 * The file is replaced atomically: it is written under a temporary name in
 * the same directory, flushed to the disk and renamed over @path, so a
 * program that has the old file open (or mapped) keeps reading the old
 * file whole, and one that opens @path sees the old file or the new one,
 * never half of one.
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
  Writer w;
  const char *name;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = m->name != NULL ? m->name : "";
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
  resp_model_shape_maxima (m, h.shape);

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
    guint64 at = sizeof h;
    for (guint s = 0; s < N_SECTIONS; s++)
      {
        h.sec[s].off = at;
        h.sec[s].len = lens[s];
        at += PADDED (lens[s]);
      }
    h.file_size = at;
  }

  if (!resp_atomic_file_open (&w.file, path, error))
    return FALSE;
  w.pos = 0;
  sum_init (&w.st);
  /* the header goes last, when the sums are known: a placeholder first */
  ok = resp_atomic_file_write (&w.file, &h, sizeof h, error);
  w.pos = sizeof h;
  /* nodes: padding-free by construction (two guint32 and four guint8) */
  ok = ok && put (&w, &h, SEC_NAME, name, strlen (name) + 1, error) &&
       put (&w, &h, SEC_NODES, m->nodes, sizeof (RespNodeRec) * m->n_nodes, error) &&
       put (&w, &h, SEC_NAMES, m->names, m->names_len, error) &&
       put (&w, &h, SEC_EXTRAS, m->extras, m->extras_len, error) &&
       put_rels (&w, &h, m, error) &&
       put (&w, &h, SEC_OUT_START, m->out_start, 4 * ((gsize) m->n_nodes + 1), error) &&
       put (&w, &h, SEC_IN_IDX, m->in_idx, 4 * (gsize) m->n_rels, error) &&
       put (&w, &h, SEC_IN_START, m->in_start, 4 * ((gsize) m->n_nodes + 1), error) &&
       put (&w, &h, SEC_ID_POOL, m->ids.pool, m->ids.pool_len, error) &&
       put (&w, &h, SEC_ID_OFFSETS, m->ids.offsets, 4 * (gsize) m->ids.n, error) &&
       put (&w, &h, SEC_ID_SLOTS, m->ids.slots, 8 * ((gsize) m->ids.mask + 1), error) &&
       put (&w, &h, SEC_REG_INDEX, m->reg_index, sizeof (RespRegEntry) * m->n_reg_index, error) &&
       put (&w, &h, SEC_REG_FALLBACK, m->reg_fallback, sizeof (RespRegFallback) * m->n_reg_fallback,
            error) &&
       put (&w, &h, SEC_IN_REL, m->in_rel, m->n_rels, error);
  /* the layout above and what was written are one list: they must agree */
  if (ok && w.pos != h.file_size)
    {
      g_set_error (error, RESP_ERROR, RESP_ERROR_IO, "%s: wrote %" G_GUINT64_FORMAT
                   " bytes, expected %" G_GUINT64_FORMAT, path, w.pos, h.file_size);
      ok = FALSE;
    }
  h.header_sum = header_sum (&h);
  ok = ok && resp_atomic_file_pwrite (&w.file, &h, sizeof h, 0, error);
  if (!ok)
    {
      resp_atomic_file_abort (&w.file);
      return FALSE;
    }
  return resp_atomic_file_commit (&w.file, error);
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
   * into a flag without a branch per entry, the relations and the incoming
   * side in one pass and the nodes' offsets in another, and the messages
   * come in the order of the checks */
  guint bad_rec = 0, bad_idx = 0, back = 0;
  guint8 top = 0, prev = m->n_rels > 0 ? m->in_rel[0] : 0;
  guint64 descents = 0, at_starts = 0;

  for (guint32 i = 0; i < m->n_rels; i++)
    {
      const RespRelRec *r = &m->rels[i];
      guint8 t = m->in_rel[i];

      bad_rec |= (r->from >= m->n_nodes) | (r->to >= m->n_nodes) | (r->rel >= RESP_N_RELATIONS) |
                 (r->seat >= RESP_N_SEATS);
      bad_idx |= m->in_idx[i] >= m->n_rels;
      /* the incoming types: in range, and in order within each node's
       * block, which is all the binary search over them relies on. Every
       * place where they go down must be the start of a block: counted
       * both ways */
      top = MAX (top, t);
      descents += t < prev;
      prev = t;
    }
  if (bad_rec)
    return "a relation record is out of range";
  /* the adjacency: offsets that only grow, to the end, and indices in range */
  if (m->out_start[0] != 0 || m->in_start[0] != 0 ||
      m->out_start[m->n_nodes] != m->n_rels || m->in_start[m->n_nodes] != m->n_rels)
    return "an adjacency index does not cover the relations";
  for (guint32 v = 0; v < m->n_nodes; v++)
    {
      guint32 b = m->in_start[v], e = m->in_start[v + 1];

      back |= (m->out_start[v] > m->out_start[v + 1]) | (b > e);
      at_starts += b > 0 && b < e && b < m->n_rels && m->in_rel[b] < m->in_rel[b - 1];
    }
  if (back)
    return "an adjacency index goes backwards";
  if (bad_idx)
    return "an incoming index points past the relations";
  if (top >= RESP_N_RELATIONS || descents != at_starts)
    return "an incoming relation type is out of range or order";
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

/* The sections, in order, cover the file after the header exactly. */
static const char *
check_cover (gsize size, const SnapshotHeader *h)
{
  guint64 at = sizeof (SnapshotHeader);

  for (guint s = 0; s < N_SECTIONS; s++)
    {
      if (h->sec[s].off != at || h->sec[s].len > size - at || PADDED (h->sec[s].len) > size - at)
        return "the sections do not cover the file";
      at += PADDED (h->sec[s].len);
    }
  if (at != size)
    return "the sections do not cover the file";
  return NULL;
}

/* Whether each section (which check_cover() has placed) matches its sum.
 * Damage anywhere in the file is found here (the header's own sum has been
 * checked): what the checks after this one find is a file made to deceive,
 * or a bug. The pools' sums also stand for their being valid UTF-8, as
 * they were when the snapshot was written: that is not checked again, and
 * what is printed from a snapshot must be text.
 *
 * The sections are summed by whoever takes them first: on a large file a
 * thread of its own starts with the largest while the opening thread checks
 * the structure, and then takes what is left. The two halves of the work
 * on a national snapshot cost about the same, so the open takes half the
 * time on two cores. */
typedef struct {
  const char *data;
  const SnapshotHeader *h;
  gint     next;                  /* (atomic) the next of order[] to sum */
  guint    order[N_SECTIONS];     /* the largest first */
  gboolean bad[N_SECTIONS];
} SumWork;

static void
sum_work_init (SumWork *w, const char *data, const SnapshotHeader *h)
{
  w->data = data;
  w->h = h;
  w->next = 0;
  for (guint s = 0; s < N_SECTIONS; s++)
    {
      guint k = s;

      for (; k > 0 && h->sec[w->order[k - 1]].len < h->sec[s].len; k--)
        w->order[k] = w->order[k - 1];
      w->order[k] = s;
      w->bad[s] = FALSE;
    }
}

static gpointer
sum_sections (gpointer data)
{
  SumWork *w = data;
  gint k;

  while ((k = g_atomic_int_add (&w->next, 1)) < N_SECTIONS)
    {
      guint s = w->order[k];

      w->bad[s] = sum_range (w->data + w->h->sec[s].off, PADDED (w->h->sec[s].len)) != w->h->sum[s];
    }
  return NULL;
}

/* What the sums say, once every section is summed: the first damaged. */
static const char *
sums_verdict (const SumWork *w)
{
  static const char * const damaged[N_SECTIONS] = {
    "the model's name is damaged (its checksum does not match)",
    "the node records are damaged (their checksum does not match)",
    "the node names are damaged (their checksum does not match)",
    "the nodes' extra is damaged (its checksum does not match)",
    "the relation records are damaged (their checksum does not match)",
    "the outgoing index is damaged (its checksum does not match)",
    "the incoming index is damaged (its checksum does not match)",
    "the incoming offsets are damaged (their checksum does not match)",
    "the id pool is damaged (its checksum does not match)",
    "the id offsets are damaged (their checksum does not match)",
    "the id table is damaged (its checksum does not match)",
    "the regulator index is damaged (its checksum does not match)",
    "the regulator fallback is damaged (its checksum does not match)",
    "the incoming relation types are damaged (their checksum does not match)",
  };

  for (guint s = 0; s < N_SECTIONS; s++)
    if (w->bad[s])
      return damaged[s];
  return NULL;
}

/* From this size on the open takes a second thread (above) */
static gsize parallel_min = 8 * 1024 * 1024;

gsize
resp_snapshot_set_parallel_min (gsize bytes)
{
  gsize old = parallel_min;

  parallel_min = bytes;
  return old;
}

/* Every string of a pool (len bytes, NUL-separated) is valid UTF-8 */
static gboolean
text_ok (const char *pool, gsize len)
{
  const char *p = pool, *end = pool + len;

  while (p < end)
    {
      const char *nul = memchr (p, '\0', (gsize) (end - p));
      gsize n = (gsize) ((nul != NULL ? nul : end) - p);

      if (n > 0 && !g_utf8_validate_len (p, n, NULL))
        return FALSE;
      p += n + 1;
    }
  return TRUE;
}

void
resp_snapshot_reseal (char *data, gsize size, gboolean keep_bad_text)
{
  SnapshotHeader h;

  if (size < sizeof h || !resp_snapshot_is (data, size))
    return;
  memcpy (&h, data, sizeof h);
  for (guint s = 0; s < N_SECTIONS; s++)
    {
      guint64 off = h.sec[s].off, len = h.sec[s].len;

      if (off > size || len > size - off || PADDED (len) > size - off)
        continue;
      if (keep_bad_text && (TEXT_SECTIONS & (1u << s)) && !text_ok (data + off, len))
        continue;
      h.sum[s] = sum_range (data + off, PADDED (len));
    }
  h.header_sum = header_sum (&h);
  memcpy (data, &h, sizeof h);
}

RespModel *
resp_snapshot_open (const char *data, gsize size, gpointer owner, GDestroyNotify release,
                    const char *path, GPtrArray **diagnostics, GError **error)
{
  Check c = { data, size, (const SnapshotHeader *) data, NULL };
  const SnapshotHeader *h = c.h;
  GThread *summing = NULL;
  SumWork sums;
  RespModel *m;
  const char *name;

  /* the version first (it is where every version keeps it): an older
   * libresp refuses a newer snapshot by it, whatever else changed */
  if (size < 16)
    c.why = "the file is shorter than a snapshot header (truncated?)";
  else if (h->version != SNAPSHOT_VERSION)
    c.why = "this snapshot version is not supported; compile the model again";
  else if (size < sizeof (SnapshotHeader))
    c.why = "the file is shorter than a snapshot header (truncated?)";
  else if (h->endian != ENDIAN_MARK || h->sizeof_node != sizeof (RespNodeRec) ||
           h->sizeof_rel != sizeof (RespRelRec))
    c.why = "the snapshot was written on a machine of another layout; compile the model again";
  else if (header_sum (h) != h->header_sum)
    c.why = "the header is damaged (its checksum does not match)";
  else if (h->file_size != size)
    c.why = "the file's size is not the snapshot's (truncated or extended?)";
  else
    c.why = check_cover (size, h);

  m = resp_model_alloc ();
  m->source = g_strdup (path);
  if (c.why == NULL)
    {
      const char *structure = NULL;

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
      /* the sums first, or beside the structure on a large file; the
       * answer is the one the checks in turn give: a damaged section
       * first, then the first failed structural check (each of which
       * reads nothing outside the sections' bounds, whatever the bytes) */
      structure = c.why;
      sum_work_init (&sums, data, h);
      if (size >= parallel_min && g_get_num_processors () > 1)
        summing = g_thread_try_new ("resp-snapshot-sum", sum_sections, &sums, NULL);
      if (summing == NULL)
        sum_sections (&sums);
      if (structure == NULL && (summing != NULL || sums_verdict (&sums) == NULL))
        {
          if (!pool_ok (name, h->sec[SEC_NAME].len) || h->sec[SEC_NAME].len == 0 ||
              !pool_ok (m->names, m->names_len) ||
              /* every node has a name; a model without nodes (resp
               * compile writes one) has none */
              (m->names_len == 0 && h->n_nodes > 0) ||
              !pool_ok (m->extras, m->extras_len) ||
              !pool_ok (m->ids.pool, m->ids.pool_len))
            structure = "a string pool is not terminated";
          if (structure == NULL)
            structure = check_nodes (m);
          if (structure == NULL)
            structure = check_relations (m);
          if (structure == NULL)
            structure = check_ids (m);
          if (structure == NULL)
            structure = check_reg (m);
        }
      if (summing != NULL)
        {
          sum_sections (&sums);
          g_thread_join (summing);
        }
      c.why = sums_verdict (&sums);
      if (c.why == NULL)
        c.why = structure;
      if (c.why == NULL)
        {
          m->name = name[0] != '\0' ? g_strdup (name) : NULL;
          /* what the file says of its shape, under its header's sum: a
           * file forged to understate it opens (and walks no further than
           * its nodes: slow, never unsafe); one that overstates it is
           * walked, and the walk decides */
          memcpy (m->shape_max, h->shape, sizeof m->shape_max);
          m->shape_known = TRUE;
        }
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
