/* resp-model.c: the frozen model: how it is made (from a file, memory or a
 * snapshot), its indices and its getters
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "resp-model-private.h"
#include "resp-model-load-private.h"
#include "resp-input-private.h"
#include "resp-snapshot-private.h"
#include "resp-json-reader-private.h"
#include "resp-vec-private.h"
#include "resp-instant.h"
#include "resp-refcount-private.h"
#include "resp-run-index-private.h"


RespModel *
resp_model_alloc (void)
{
  RespModel *m = g_new0 (RespModel, 1);

  g_atomic_ref_count_init (&m->ref);
  resp_interner_init (&m->ids);
  resp_run_index_table_init (m);
  return m;
}

static void
model_free (RespModel *self)
{
  g_free (self->name);
  g_free (self->source);
  resp_interner_clear (&self->ids);
  if (!self->snapshot)
    {
      g_free (self->nodes);
      g_free (self->names);
      g_free (self->extras);
      g_free (self->rels);
      g_free (self->out_start);
      g_free (self->in_idx);
      g_free (self->in_rel);
      g_free (self->in_start);
      g_free (self->reg_index);
      g_free (self->reg_fallback);
    }
  resp_run_index_table_clear (self);
  g_free (self->extra_index);
  if (self->extra_strings != NULL)
    g_string_chunk_free (self->extra_strings);
  if (self->release != NULL)
    self->release (self->owner);
  g_free (self);
}

/**
 * resp_model_ref:
 * @self: a #RespModel
 *
 * Takes a reference on @self.
 *
 * Returns: (transfer full): @self
 *
 * Since: 1.0
 */
/**
 * resp_model_unref:
 * @self: (transfer full): a #RespModel
 *
 * Drops a reference; the last one frees the model.
 *
 * Since: 1.0
 */
RESP_DEFINE_REFCOUNTED_TYPE (RespModel, resp_model, model_free)

static int
cmp_out (gconstpointer a, gconstpointer b, gpointer data)
{
  const RespRelRec *x = a, *y = b;

  if (x->rel != y->rel)
    return x->rel < y->rel ? -1 : 1;
  if (x->to != y->to)
    return x->to < y->to ? -1 : 1;
  if (x->since != y->since)
    return x->since < y->since ? -1 : 1;
  return 0;
}

static void build_reg_index (RespModel *m);

/* Counting sort by endpoint, then a small sort inside each node's block:
 * linear for the millions of tiny blocks of a national model. */
void
resp_model_freeze (RespModel *m)
{
  guint32 n = m->n_nodes, e = m->n_rels;
  RespRelRec *sorted = resp_huge_alloc (MAX (e, 1), sizeof (RespRelRec));
  guint32 *cursor = g_new0 (guint32, (gsize) n + 1);

  m->out_start = resp_huge_alloc0 ((gsize) n + 1, sizeof (guint32));
  m->in_start = resp_huge_alloc0 ((gsize) n + 1, sizeof (guint32));
  m->in_idx = resp_huge_alloc (MAX (e, 1), sizeof (guint32));
  m->in_rel = resp_huge_alloc (MAX (e, 1), sizeof (guint8));

  m->first_instant = RESP_INSTANT_OPEN_END;
  for (guint32 i = 0; i < e; i++)
    {
      const RespRelRec *r = &m->rels[i];
      if (r->since != RESP_INSTANT_OPEN_START)
        m->first_instant = MIN (m->first_instant, r->since);
      if (r->until != RESP_INSTANT_OPEN_END)
        m->first_instant = MIN (m->first_instant, r->until);
      m->out_start[r->from + 1]++;
    }
  if (m->first_instant == RESP_INSTANT_OPEN_END)
    m->first_instant = RESP_INSTANT_OPEN_START;
  for (guint32 v = 0; v < n; v++)
    m->out_start[v + 1] += m->out_start[v];
  memcpy (cursor, m->out_start, sizeof (guint32) * n);
  for (guint32 i = 0; i < e; i++)
    sorted[cursor[m->rels[i].from]++] = m->rels[i];
  for (guint32 v = 0; v < n; v++)
    resp_sort_stable (sorted + m->out_start[v], m->out_start[v + 1] - m->out_start[v],
                      sizeof (RespRelRec), cmp_out, NULL);
  g_free (m->rels);
  m->rels = sorted;

  /* incoming: a stable counting sort by rel, then a stable one by to, leaves
   * each node's block ordered by (rel, from, to, since) */
  {
    guint32 by_rel[RESP_N_RELATIONS + 1] = { 0 };
    guint32 *tmp = g_new (guint32, MAX (e, 1));

    for (guint32 i = 0; i < e; i++)
      by_rel[m->rels[i].rel + 1]++;
    for (guint r = 0; r < RESP_N_RELATIONS; r++)
      by_rel[r + 1] += by_rel[r];
    for (guint32 i = 0; i < e; i++)
      tmp[by_rel[m->rels[i].rel]++] = i;

    for (guint32 i = 0; i < e; i++)
      m->in_start[m->rels[i].to + 1]++;
    for (guint32 v = 0; v < n; v++)
      m->in_start[v + 1] += m->in_start[v];
    memcpy (cursor, m->in_start, sizeof (guint32) * n);
    for (guint32 k = 0; k < e; k++)
      {
        guint32 at = cursor[m->rels[tmp[k]].to]++;
        m->in_idx[at] = tmp[k];
        m->in_rel[at] = m->rels[tmp[k]].rel;
      }
    g_free (tmp);
  }

  g_free (cursor);
  build_reg_index (m);
}

static int
cmp_reg (const void *a, const void *b)
{
  const RespRegEntry *x = a, *y = b;

  if (x->sector != y->sector)
    return x->sector < y->sector ? -1 : 1;
  if (x->region != y->region)
    return x->region < y->region ? -1 : 1;
  return x->reg_rel < y->reg_rel ? -1 : x->reg_rel > y->reg_rel;
}

static int
cmp_fallback (const void *a, const void *b)
{
  const RespRegFallback *x = a, *y = b;

  if (x->sector != y->sector)
    return x->sector < y->sector ? -1 : 1;
  return x->since < y->since ? -1 : x->since > y->since;
}

static int
cmp_interval (const void *a, const void *b)
{
  const gint64 *x = a, *y = b;
  return x[0] < y[0] ? -1 : x[0] > y[0];
}

/* The regulator index (see RespRegEntry): without it, finding the
 * regulator of a sector nearest to a region means looking up the region of
 * every regulator of that sector in the country. */
static void
build_reg_index (RespModel *m)
{
  GArray *index = g_array_new (FALSE, FALSE, sizeof (RespRegEntry));
  GArray *fallback = g_array_new (FALSE, FALSE, sizeof (RespRegFallback));
  GArray *spans = g_array_new (FALSE, FALSE, 2 * sizeof (gint64));

  for (guint32 i = 0; i < m->n_rels; i++)
    {
      const RespRelRec *r = &m->rels[i];
      guint32 lb, le, ub, ue;
      gint64 covered;

      if (r->rel != RESP_REL_REGULATES)
        continue;
      resp_model_out_range (m, r->from, RESP_REL_LOCATED_IN, &lb, &le);
      resp_model_out_range (m, r->from, RESP_REL_UNDER, &ub, &ue);
      for (guint32 l = lb; l < le; l++)
        {
          RespRegEntry e = { r->to, m->rels[l].to, i, l };
          g_array_append_val (index, e);
        }
      if (ub == ue)
        continue;   /* without a superior, no located_in means no region */
      /* the gaps between its located_in periods, where `under` decides */
      g_array_set_size (spans, 0);
      for (guint32 l = lb; l < le; l++)
        {
          gint64 span[2] = { m->rels[l].since, m->rels[l].until };
          g_array_append_val (spans, span);
        }
      if (spans->len > 1)
        qsort (spans->data, spans->len, 2 * sizeof (gint64), cmp_interval);
      covered = RESP_INSTANT_OPEN_START;
      for (guint k = 0; k <= spans->len; k++)
        {
          gint64 next = k < spans->len ? ((gint64 *) spans->data)[2 * k] : RESP_INSTANT_OPEN_END;
          if (next > covered || (k == 0 && next != RESP_INSTANT_OPEN_START))
            {
              RespRegFallback f = { r->to, i, covered, next };
              if (f.since < f.until)
                g_array_append_val (fallback, f);
            }
          if (k < spans->len)
            covered = MAX (covered, ((gint64 *) spans->data)[2 * k + 1]);
          if (covered == RESP_INSTANT_OPEN_END)
            break;
        }
    }
  if (index->len > 1)
    qsort (index->data, index->len, sizeof (RespRegEntry), cmp_reg);
  if (fallback->len > 1)
    qsort (fallback->data, fallback->len, sizeof (RespRegFallback), cmp_fallback);
  m->n_reg_index = index->len;
  m->n_reg_fallback = fallback->len;
  m->reg_index = (RespRegEntry *) g_array_free (index, FALSE);
  m->reg_fallback = (RespRegFallback *) g_array_free (fallback, FALSE);
  g_array_unref (spans);
}

void
resp_model_reg_range (const RespModel *m, guint32 sector, guint32 region,
                      guint32 *begin, guint32 *end)
{
  const RespRegEntry *e = m->reg_index;
  guint32 lo = 0, hi = m->n_reg_index;

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;
      if (e[mid].sector < sector || (e[mid].sector == sector && e[mid].region < region))
        lo = mid + 1;
      else
        hi = mid;
    }
  *begin = lo;
  while (lo < m->n_reg_index && e[lo].sector == sector && e[lo].region == region)
    lo++;
  *end = lo;
}

void
resp_model_fallback_range (const RespModel *m, guint32 sector, guint32 *begin, guint32 *end)
{
  const RespRegFallback *f = m->reg_fallback;
  guint32 lo = 0, hi = m->n_reg_fallback;

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;
      if (f[mid].sector < sector)
        lo = mid + 1;
      else
        hi = mid;
    }
  *begin = lo;
  while (lo < m->n_reg_fallback && f[lo].sector == sector)
    lo++;
  *end = lo;
}

/* ---- construction ---- */

/* A snapshot, or a model file to parse; takes over in's mapping if it
 * keeps it. */
static RespModel *
load_input (RespInput *in, GPtrArray **diagnostics, GError **error)
{
  GMappedFile *mapping = g_steal_pointer (&in->mapping);
  RespModel *m;

  if (resp_snapshot_is (in->data, in->length))
    {
      if (mapping != NULL)
        m = resp_snapshot_open (in->data, in->length, mapping, (GDestroyNotify) g_mapped_file_unref,
                                in->name, diagnostics, error);
      else if (in->copy != NULL)
        {
          /* a file read into memory of our own: the model takes it over */
          char *copy = g_steal_pointer (&in->copy);

          m = resp_snapshot_open (copy, in->length, copy, g_free, in->name, diagnostics, error);
          if (m == NULL)
            g_free (copy);
        }
      else
        {
          /* a copy: the arrays must be aligned, and outlive the caller's buffer */
          char *copy = g_memdup2 (in->data, in->length);

          m = resp_snapshot_open (copy, in->length, copy, g_free, in->name, diagnostics, error);
          if (m == NULL)
            g_free (copy);
        }
      /* a snapshot is a model loaded before, perhaps under other limits
       * (the model owns the mapping now) */
      if (m != NULL)
        {
          mapping = NULL;
          /* the header's maxima say whether there is anything to find; the
           * walk then names it */
          if ((!m->shape_known || resp_model_shape_over (m->shape_max, &in->limits)) &&
              !resp_model_check_limits (m, &in->limits, in->name, diagnostics, error))
            g_clear_pointer (&m, resp_model_unref);
        }
    }
  else if (in->copy != NULL)
    {
      /* released as soon as it is parsed, before the indices are built */
      char *copy = g_steal_pointer (&in->copy);

      m = resp_model_load_internal (in->data, in->length, in->name, &in->limits, NULL, g_free, copy,
                                    diagnostics, error);
      if (m == NULL)
        g_free (copy);
    }
  else
    m = resp_model_load_internal (in->data, in->length, in->name, &in->limits, NULL,
                                  mapping != NULL ? (GDestroyNotify) g_mapped_file_unref : NULL,
                                  mapping, diagnostics, error);
  if (m == NULL && mapping != NULL)
    g_mapped_file_unref (mapping);
  return m;
}

/**
 * resp_model_new_from_data_full:
 * @data: (array length=length) (element-type guint8): the model file's bytes
 * @length: the length of @data, or -1 if it is NUL-terminated
 * @filename: (nullable): the name to report in diagnostics
 * @limits: (nullable): limits on the input, or %NULL for the defaults
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found (empty on success)
 * @error: return location for a #GError
 *
 * Loads a model (model.md) from memory, or a snapshot written by
 * resp_model_write_snapshot(). Loading is all-or-nothing: on any
 * error the result is %NULL, @error holds the first problem (by position)
 * and @diagnostics all of them, up to @limits' `max_errors`.
 *
 * Returns: (transfer full) (nullable): the model
 *
 * Since: 1.0
 */
RespModel *
resp_model_new_from_data_full (const char        *data,
                               gssize             length,
                               const char        *filename,
                               const RespLimits  *limits,
                               GPtrArray        **diagnostics,
                               GError           **error)
{
  RespInput in;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!resp_input_from_data (&in, data, length, filename, limits, diagnostics, error))
    return NULL;
  return load_input (&in, diagnostics, error);
}

/**
 * resp_model_new_from_data:
 * @data: (array length=length) (element-type guint8): the model file's bytes
 * @length: the length of @data, or -1 if it is NUL-terminated
 * @filename: (nullable): the name to report in diagnostics
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found (empty on success)
 * @error: return location for a #GError
 *
 * resp_model_new_from_data_full() with the default limits.
 *
 * Returns: (transfer full) (nullable): the model
 *
 * Since: 1.0
 */
RespModel *
resp_model_new_from_data (const char  *data,
                          gssize       length,
                          const char  *filename,
                          GPtrArray  **diagnostics,
                          GError     **error)
{
  return resp_model_new_from_data_full (data, length, filename, NULL, diagnostics, error);
}

/**
 * resp_model_new_from_file_with_flags:
 * @path: (type filename): a model file or a snapshot
 * @flags: how to take the file in
 * @limits: (nullable): limits on the input, or %NULL for the defaults
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found (empty on success)
 * @error: return location for a #GError
 *
 * Loads a model file (model.md), or opens a snapshot written by
 * resp_model_write_snapshot(); which one @path holds is told by its first
 * bytes.
 *
 * A model file is read into memory and parsed; the model never refers to
 * the file again, and the memory is given back when the parse is done.
 *
 * A snapshot is mapped into memory, unless @flags has
 * %RESP_MODEL_FLAGS_PRIVATE_COPY: its checksums and bounds are checked and
 * the model reads the mapping for as long as it lives. The mapping is
 * shared with every other process that has the file open, and it is only
 * as good as the file: a snapshot must be replaced by writing a new file
 * and renaming it over the old one (as resp_model_write_snapshot() does),
 * never truncated or written over in place while a model is open on it
 * (the process would be killed by SIGBUS, or read the new bytes unchecked).
 * With %RESP_MODEL_FLAGS_PRIVATE_COPY the snapshot is read into memory the
 * model owns, and nothing done to the file afterwards reaches it.
 *
 * See resp_model_new_from_data_full() for @limits and @diagnostics.
 *
 * Returns: (transfer full) (nullable): the model
 *
 * Since: 1.0
 */
RespModel *
resp_model_new_from_file_with_flags (const char        *path,
                                     RespModelFlags     flags,
                                     const RespLimits  *limits,
                                     GPtrArray        **diagnostics,
                                     GError           **error)
{
  RespInput in;
  RespModel *m;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail ((flags & ~RESP_MODEL_FLAGS_PRIVATE_COPY) == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!resp_input_from_file_mapping (&in, path, limits,
                                     (flags & RESP_MODEL_FLAGS_PRIVATE_COPY) ? NULL : RESP_SNAPSHOT_MAGIC,
                                     diagnostics, error))
    return NULL;
  m = load_input (&in, diagnostics, error);
  resp_input_clear (&in);
  return m;
}

/**
 * resp_model_new_from_file_full:
 * @path: (type filename): a model file or a snapshot
 * @limits: (nullable): limits on the input, or %NULL for the defaults
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found (empty on success)
 * @error: return location for a #GError
 *
 * resp_model_new_from_file_with_flags() with %RESP_MODEL_FLAGS_NONE: a
 * model file is read and parsed, a snapshot is mapped (see there for what
 * that asks of whoever replaces the file).
 *
 * Returns: (transfer full) (nullable): the model
 *
 * Since: 1.0
 */
RespModel *
resp_model_new_from_file_full (const char        *path,
                               const RespLimits  *limits,
                               GPtrArray        **diagnostics,
                               GError           **error)
{
  return resp_model_new_from_file_with_flags (path, RESP_MODEL_FLAGS_NONE, limits, diagnostics, error);
}

/**
 * resp_model_new_from_file:
 * @path: (type filename): a model file
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found (empty on success)
 * @error: return location for a #GError
 *
 * resp_model_new_from_file_full() with the default limits.
 *
 * Returns: (transfer full) (nullable): the model
 *
 * Since: 1.0
 */
RespModel *
resp_model_new_from_file (const char  *path,
                          GPtrArray  **diagnostics,
                          GError     **error)
{
  return resp_model_new_from_file_full (path, NULL, diagnostics, error);
}

/* ---- `extra`, as conditions read it ---- */

/* The top-level members of one node's `extra` (an object, checked when
 * the model was read) into entries. */
static void
index_extra (RespModel *m, guint32 node, const char *text, GArray *entries)
{
  RespJsonReader *r = resp_json_reader_new (text, strlen (text));
  RespJsonToken t;

  if (resp_json_reader_next (r) == RESP_JSON_TOKEN_BEGIN_OBJECT)
    while ((t = resp_json_reader_next (r)) == RESP_JSON_TOKEN_KEY)
      {
        RespExtraEntry e = { node, NULL, RESP_VALUE_INIT_UNKNOWN };

        e.key = g_string_chunk_insert (m->extra_strings, resp_json_reader_get_string (r, NULL));
        t = resp_json_reader_next (r);
        if (t == RESP_JSON_TOKEN_TRUE || t == RESP_JSON_TOKEN_FALSE)
          e.value.type = RESP_VALUE_BOOL, e.value.boolean = t == RESP_JSON_TOKEN_TRUE;
        else if (t == RESP_JSON_TOKEN_NUMBER)
          e.value.type = RESP_VALUE_NUMBER, e.value.number = resp_json_reader_get_double (r);
        else if (t == RESP_JSON_TOKEN_STRING)
          e.value.type = RESP_VALUE_STRING,
          e.value.string = g_string_chunk_insert (m->extra_strings, resp_json_reader_get_string (r, NULL));
        g_array_append_val (entries, e);
        if (!resp_json_reader_skip_value (r, NULL))
          break;
      }
  resp_json_reader_free (r);
}

static void
ensure_extra_index (RespModel *m)
{
  if (g_once_init_enter (&m->extra_ready))
    {
      GArray *entries = g_array_new (FALSE, FALSE, sizeof (RespExtraEntry));

      m->extra_strings = g_string_chunk_new (1024);
      /* nodes in index order, so the entries come out sorted by node */
      for (guint32 v = 0; v < m->n_nodes; v++)
        if (m->nodes[v].extra != 0)
          index_extra (m, v, m->extras + m->nodes[v].extra - 1, entries);
      m->n_extra_index = entries->len;
      m->extra_index = (RespExtraEntry *) g_array_free (entries, FALSE);
      g_once_init_leave (&m->extra_ready, 1);
    }
}

RespValue
resp_model_extra_value (const RespModel *m, guint32 node, const char *key)
{
  RespValue unknown = RESP_VALUE_INIT_UNKNOWN;
  const RespExtraEntry *e;
  guint32 lo = 0, hi;

  if (m->nodes[node].extra == 0)
    return unknown;
  /* the index is made once and never changes: a cache, not a change */
  ensure_extra_index ((RespModel *) m);
  e = m->extra_index;
  hi = m->n_extra_index;
  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;
      if (e[mid].node < node)
        lo = mid + 1;
      else
        hi = mid;
    }
  /* the first member of that name decides, as a reader of the object would */
  for (; lo < m->n_extra_index && e[lo].node == node; lo++)
    if (strcmp (e[lo].key, key) == 0)
      return e[lo].value;
  return unknown;
}

static int
cmp_str (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
resp_model_sorted_ids (const RespModel *m, const guint32 *nodes, guint n)
{
  GPtrArray *out = g_ptr_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (out, (gpointer) resp_model_node_id (m, nodes[i]));
  g_ptr_array_sort (out, cmp_str);
  return out;
}

int
resp_model_cmp_ids (gconstpointer a, gconstpointer b, gpointer data)
{
  const RespModel *m = data;
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x == y ? 0 : strcmp (resp_model_node_id (m, x), resp_model_node_id (m, y));
}

guint32
resp_model_find_node (const RespModel *m, const char *id)
{
  guint32 v;

  if (!resp_interner_lookup (&m->ids, id, strlen (id), &v))
    return RESP_NO_NODE;
  return v;
}

/**
 * resp_model_get_name:
 * @self: a #RespModel
 *
 * Gets the model's `name`, if it has one.
 *
 * Returns: (nullable): the model's `name`, if it has one
 *
 * Since: 1.0
 */
const char *
resp_model_get_name (RespModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

/**
 * resp_model_get_source:
 * @self: a #RespModel
 *
 * Gets the file name the model was loaded from (or the name given for data loaded from memory).
 *
 * Returns: the file name the model was loaded from (or the name given for
 *   data loaded from memory)
 *
 * Since: 1.0
 */
const char *
resp_model_get_source (RespModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->source;
}

/**
 * resp_model_get_n_nodes:
 * @self: a #RespModel
 *
 * Gets the number of nodes.
 *
 * Returns: the number of nodes
 *
 * Since: 1.0
 */
guint
resp_model_get_n_nodes (RespModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_nodes;
}

/**
 * resp_model_get_n_relations:
 * @self: a #RespModel
 *
 * Gets the number of relations.
 *
 * Returns: the number of relations
 *
 * Since: 1.0
 */
guint
resp_model_get_n_relations (RespModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_rels;
}

/**
 * resp_model_has_node:
 * @self: a #RespModel
 * @id: a node id
 *
 * Checks whether the model has a node @id.
 *
 * Returns: whether the model has a node @id
 *
 * Since: 1.0
 */
gboolean
resp_model_has_node (RespModel  *self,
                     const char *id)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  return resp_model_find_node (self, id) != RESP_NO_NODE;
}

/**
 * resp_model_get_node_type:
 * @self: a #RespModel
 * @id: a node id
 * @type: (out) (optional): the node's type
 *
 * Looks up the type of a node.
 *
 * Returns: %TRUE if the model has a node @id
 *
 * Since: 1.0
 */
gboolean
resp_model_get_node_type (RespModel    *self,
                          const char   *id,
                          RespNodeType *type)
{
  guint32 v;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  v = resp_model_find_node (self, id);
  if (v == RESP_NO_NODE)
    return FALSE;
  if (type != NULL)
    *type = (RespNodeType) self->nodes[v].type;
  return TRUE;
}

/**
 * resp_model_get_node_name:
 * @self: a #RespModel
 * @id: a node id
 *
 * Gets the node's name, or %NULL if there is no node @id.
 *
 * Returns: (nullable): the node's name, or %NULL if there is no node @id
 *
 * Since: 1.0
 */
const char *
resp_model_get_node_name (RespModel  *self,
                          const char *id)
{
  guint32 v;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  v = resp_model_find_node (self, id);
  return v == RESP_NO_NODE ? NULL : resp_model_node_name (self, v);
}

/**
 * resp_model_get_node_attribute:
 * @self: a #RespModel
 * @id: a node id
 * @attribute: `level`, `form`, `kind`, `cii` or `protection_level`
 *
 * Reads a typed attribute of a node as its JSON text: `prefectural`,
 * `party_group`, `true`, `3`…  Defaults apply (a unit without `kind` is
 * `other`, a system without `cii` is `false`).
 *
 * Returns: (nullable): the value, or %NULL if the node does not exist, the
 *   attribute does not apply to its type, or it is unset
 *
 * Since: 1.0
 */
const char *
resp_model_get_node_attribute (RespModel  *self,
                               const char *id,
                               const char *attribute)
{
  static const char * const levels[] = { "0", "1", "2", "3", "4", "5" };
  const RespAttrInfo *attr;
  const RespNodeRec *n;
  guint32 v;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (attribute != NULL, NULL);
  v = resp_model_find_node (self, id);
  if (v == RESP_NO_NODE)
    return NULL;
  n = &self->nodes[v];
  attr = n->type < RESP_N_NODE_TYPES ? resp_node_types[n->type].attr : NULL;
  if (attr != NULL && g_str_equal (attribute, attr->key))
    return attr->values[n->attr];
  if (n->type != RESP_NODE_SYSTEM)
    return NULL;
  if (g_str_equal (attribute, "cii"))
    return n->cii ? "true" : "false";
  if (g_str_equal (attribute, "protection_level") && n->protection_level != 0)
    return levels[n->protection_level];
  return NULL;
}

/**
 * resp_model_get_node_extra:
 * @self: a #RespModel
 * @id: a node id
 *
 * Gets the node's `extra` object as the JSON text the file gave, or %NULL when it has none.
 *
 * Returns: (nullable): the node's `extra` object as the JSON text the file
 *   gave, or %NULL when it has none
 *
 * Since: 1.0
 */
const char *
resp_model_get_node_extra (RespModel  *self,
                           const char *id)
{
  guint32 v;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  v = resp_model_find_node (self, id);
  if (v == RESP_NO_NODE || self->nodes[v].extra == 0)
    return NULL;
  return self->extras + self->nodes[v].extra - 1;
}

/**
 * resp_model_count_nodes_of_type:
 * @self: a #RespModel
 * @type: a node type
 *
 * Counts how many nodes of @type the model has.
 *
 * Returns: how many nodes of @type the model has
 *
 * Since: 1.0
 */
guint
resp_model_count_nodes_of_type (RespModel   *self,
                                RespNodeType type)
{
  guint count = 0;

  g_return_val_if_fail (self != NULL, 0);
  for (guint32 v = 0; v < self->n_nodes; v++)
    count += self->nodes[v].type == (guint8) type;
  return count;
}

/**
 * resp_model_dup_node_ids:
 * @self: a #RespModel
 * @type: a node type
 *
 * Lists the nodes of one type, for instance every system to audit or
 * sample.
 *
 * Returns: (transfer full) (array zero-terminated=1): the ids of the nodes
 *   of @type, in the order of the model file
 *
 * Since: 1.0
 */
char **
resp_model_dup_node_ids (RespModel   *self,
                         RespNodeType type)
{
  GPtrArray *out;

  g_return_val_if_fail (self != NULL, NULL);
  out = g_ptr_array_new ();
  for (guint32 v = 0; v < self->n_nodes; v++)
    if (self->nodes[v].type == (guint8) type)
      g_ptr_array_add (out, g_strdup (resp_model_node_id (self, v)));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}
