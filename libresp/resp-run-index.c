/* resp-run-index.c: the live relations of a long run at an instant
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each index holds its run's since and until values, each sorted (for the
 * window), and the relations ordered by since with a tree over them that
 * keeps the latest until of every subtree: the live relations at t are
 * those among the ones started by t (a prefix of that order) whose until
 * is after t, and the tree leads to exactly those, skipping every subtree
 * whose latest until is at or before t.
 */
#include "config.h"

#include "resp-run-index-private.h"
#include "resp-instant-private.h"

struct _RespRunIndex {
  gint64   key;
  guint32  n;
  guint32  width;             /* leaves of the tree: a power of two >= n */
  gint64  *since;             /* n, ascending */
  gint64  *until;             /* n, ascending */
  guint32 *pos;               /* n: the positions, by since (ties by position) */
  gint64  *latest;            /* 2 * width: [width + i] is the until of pos[i];
                               * above, the later of the two below */
};

typedef struct {
  gint64  since, until;
  guint32 pos;
} Entry;

static gint64
run_key (guint32 node, RespRelation rel, RespSeat seat, gboolean in)
{
  return (gint64) (((guint64) node << 32) | ((guint64) rel << 16) | ((guint64) seat << 8) |
                   (in ? 1u : 0u));
}

static void
run_index_free (gpointer data)
{
  RespRunIndex *x = data;

  g_free (x->since);
  g_free (x->until);
  g_free (x->pos);
  g_free (x->latest);
  g_free (x);
}

void
resp_run_index_table_init (RespModel *m)
{
  g_mutex_init (&m->run_lock);
  m->run_indices = NULL;
}

void
resp_run_index_table_clear (RespModel *m)
{
  if (m->run_indices != NULL)
    g_hash_table_destroy (m->run_indices);
  m->run_indices = NULL;
  g_mutex_clear (&m->run_lock);
}

static int
cmp_entry (gconstpointer a, gconstpointer b, gpointer unused)
{
  const Entry *x = a, *y = b;

  (void) unused;
  if (x->since != y->since)
    return x->since < y->since ? -1 : 1;
  return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static RespRunIndex *
build (const RespModel *m, gint64 key, RespRelation rel, RespSeat seat, gboolean in,
       guint32 b, guint32 e)
{
  RespRunIndex *x = g_new0 (RespRunIndex, 1);
  Entry *entries = g_new (Entry, e - b);
  guint32 n = 0;

  x->key = key;
  for (guint32 i = b; i < e; i++)
    {
      const RespRelRec *r = in ? resp_model_in_rec (m, i) : &m->rels[i];

      /* what the scan in resp-resolver.c reads: coming in, the type beside
       * the index and the record's own must agree, and the seat match */
      if (in && (r->rel != rel || (seat != RESP_SEAT_NONE && r->seat != seat)))
        continue;
      entries[n].since = r->since;
      entries[n].until = r->until;
      entries[n].pos = i;
      n++;
    }
  g_qsort_with_data (entries, n, sizeof (Entry), cmp_entry, NULL);

  x->n = n;
  x->width = 1;
  while (x->width < n)
    x->width <<= 1;
  x->since = g_new (gint64, MAX (n, 1));
  x->until = g_new (gint64, MAX (n, 1));
  x->pos = g_new (guint32, MAX (n, 1));
  x->latest = g_new (gint64, 2 * (gsize) x->width);
  for (guint32 i = 0; i < x->width; i++)
    x->latest[x->width + i] = i < n ? entries[i].until : RESP_INSTANT_OPEN_START;
  for (guint32 k = x->width - 1; k >= 1; k--)
    x->latest[k] = MAX (x->latest[2 * k], x->latest[2 * k + 1]);
  for (guint32 i = 0; i < n; i++)
    {
      x->since[i] = entries[i].since;
      x->until[i] = entries[i].until;
      x->pos[i] = entries[i].pos;
    }
  g_qsort_with_data (x->until, n, sizeof (gint64), resp_cmp_i64_data, NULL);
  g_free (entries);
  return x;
}

const RespRunIndex *
resp_run_index_get (const RespModel *m, guint32 node, RespRelation rel, RespSeat seat,
                    gboolean in, guint32 b, guint32 e)
{
  /* the table is the model's cache: made on demand, under its lock */
  RespModel *mm = (RespModel *) m;
  gint64 key = run_key (node, rel, seat, in);
  RespRunIndex *x;

  g_mutex_lock (&mm->run_lock);
  if (mm->run_indices == NULL)
    mm->run_indices = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, run_index_free);
  x = g_hash_table_lookup (mm->run_indices, &key);
  if (x == NULL)
    {
      x = build (m, key, rel, seat, in, b, e);
      g_hash_table_insert (mm->run_indices, &x->key, x);
    }
  g_mutex_unlock (&mm->run_lock);
  return x;
}

/* The number of values of sorted[0..n) at or before t. */
static guint32
count_upto (const gint64 *sorted, guint32 n, gint64 t)
{
  guint32 lo = 0, hi = n;

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;

      if (sorted[mid] <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

void
resp_run_index_query (const RespRunIndex *x, gint64 t, gint64 *lo, gint64 *hi, RespU32Vec *live)
{
  guint32 started = count_upto (x->since, x->n, t);
  guint32 ended = count_upto (x->until, x->n, t);
  guint32 first = live->len;
  /* subtrees still to visit (node, its first leaf, its leaves): at most
   * one per level is left waiting */
  struct { guint32 k, leaf0, span; } stack[40];
  guint depth = 0;

  /* the nearest change points on either side of t */
  if (started < x->n)
    *hi = MIN (*hi, x->since[started]);
  if (ended < x->n)
    *hi = MIN (*hi, x->until[ended]);
  if (started > 0)
    *lo = MAX (*lo, x->since[started - 1]);
  if (ended > 0)
    *lo = MAX (*lo, x->until[ended - 1]);

  /* the started ones (leaves [0, started)) whose until is after t */
  if (started == 0)
    return;
  stack[depth].k = 1;
  stack[depth].leaf0 = 0;
  stack[depth].span = x->width;
  depth++;
  while (depth > 0)
    {
      guint32 k = stack[depth - 1].k, leaf0 = stack[depth - 1].leaf0, half;

      half = stack[depth - 1].span / 2;
      depth--;
      if (leaf0 >= started || x->latest[k] <= t)
        continue;
      if (k >= x->width)
        {
          resp_vec_push (live, x->pos[leaf0]);
          continue;
        }
      /* the right child waits below the left one, which is taken next */
      stack[depth].k = 2 * k + 1;
      stack[depth].leaf0 = leaf0 + half;
      stack[depth].span = half;
      depth++;
      stack[depth].k = 2 * k;
      stack[depth].leaf0 = leaf0;
      stack[depth].span = half;
      depth++;
    }
  resp_sort_stable (live->data + first, live->len - first, sizeof (guint32), resp_cmp_u32_data, NULL);
}
