/* resp-model-check.c: the checks of a model that need the whole graph (SPEC §3.2, §3.4)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Once the file is read: references to nodes defined later are settled,
 * then every relation's ends are checked against the node types its row of
 * the vocabulary allows, every "at most one at any instant" of SPEC §3.2
 * against overlapping intervals, and `within` and `under` against cycles
 * live at some instant, and last the shapes RespLimits bounds (the depth of
 * a chain of superiors, members per committee, operators per system). A
 * relation found wrong is marked so that the later checks do not report it
 * again.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "resp-model-loader-private.h"
#include "resp-instant-private.h"

/* ---- references to nodes read later ---- */

static const char *
rel_from_id (RespLoader *L, guint32 i)
{
  guint32 v = L->m->rels[i].from;
  return v == RESP_NO_NODE ? "?" : resp_model_node_id (L->m, v);
}

static void
resolve_pending (RespLoader *L)
{
  const char **ids = NULL;
  RespModel *m = L->m;

  for (guint k = 0; k < L->pending->len; k++)
    {
      RespPendingRef *p = &g_array_index (L->pending, RespPendingRef, k);
      guint32 v;

      if (resp_interner_lookup (&m->ids, p->id, strlen (p->id), &v))
        {
          if (p->is_to)
            m->rels[p->rel].to = v;
          else
            m->rels[p->rel].from = v;
          continue;
        }
      L->rel_ok[p->rel] = FALSE;
    }

  /* second round, now that every resolvable "from" is known, for the messages */
  for (guint k = 0; k < L->pending->len && !L->sink.fatal; k++)
    {
      RespPendingRef *p = &g_array_index (L->pending, RespPendingRef, k);
      const RespRelRec *r = &m->rels[p->rel];
      char hint[RESP_MAX_ID_BYTES + 32] = "";
      guint32 v;
      guint line, col;

      if (resp_interner_lookup (&m->ids, p->id, strlen (p->id), &v))
        continue;
      /* a "did you mean" is worth a scan of the ids only in a small model */
      if (m->n_nodes <= 20000)
        {
          if (ids == NULL)
            {
              ids = g_new (const char *, MAX (m->n_nodes, 1));
              for (guint32 n = 0; n < m->n_nodes; n++)
                ids[n] = resp_model_node_id (m, n);
            }
          resp_input_hint (hint, sizeof hint, ids, m->n_nodes, p->id);
        }
      resp_loader_rel_value_pos (L, p->rel, p->is_to, &line, &col);
      resp_diag_sink_add (&L->sink, RESP_ERROR_DANGLING_REFERENCE, line, col,
                 "relation '%s' from '%s': unknown node '%s'%s",
                 resp_relations[r->rel].name,
                 p->is_to ? rel_from_id (L, p->rel) : p->id, p->id, hint);
    }
  g_free (ids);
}



/* ---- endpoint types ---- */

/* "a unit or a system" */
static void
describe_types (RespTypeMask mask, char *buf, gsize size)
{
  buf[0] = '\0';
  for (guint t = 0; t < RESP_N_NODE_TYPES; t++)
    if (mask & RESP_TYPE_BIT (t))
      {
        if (buf[0] != '\0')
          g_strlcat (buf, " or ", size);
        g_strlcat (buf, "a ", size);
        g_strlcat (buf, resp_node_types[t].name, size);
      }
}

/* Whether relation i's `from` (or `to`) is of a type its relation allows;
 * reports it if not. */
static gboolean
check_end (RespLoader *L, guint32 i, gboolean is_to)
{
  const RespModel *m = L->m;
  const RespRelRec *r = &m->rels[i];
  const RespRelationInfo *info = &resp_relations[r->rel];
  RespTypeMask allowed = is_to ? info->to : info->from;
  guint32 end = is_to ? r->to : r->from;
  guint8 type = m->nodes[end].type;
  char want[96];
  guint line, col;

  if (allowed & RESP_TYPE_BIT (type))
    return TRUE;
  describe_types (allowed, want, sizeof want);
  resp_loader_rel_value_pos (L, i, is_to, &line, &col);
  resp_diag_sink_add (&L->sink, RESP_ERROR_WRONG_ENDPOINT, line, col,
                      "relation '%s' from '%s': '%s' is a %s, but '%s' goes %s %s",
                      info->name, resp_model_node_id (m, r->from), resp_model_node_id (m, end),
                      resp_node_types[type].name, info->name, is_to ? "to" : "from", want);
  return FALSE;
}

static void
check_endpoints (RespLoader *L)
{
  RespModel *m = L->m;

  for (guint32 i = 0; i < m->n_rels && !L->sink.fatal; i++)
    {
      const RespRelRec *r = &m->rels[i];
      gboolean from_ok, to_ok;

      if (!L->rel_ok[i])
        continue;
      if (m->nodes[r->from].type == RESP_NODE_TYPE_INVALID ||
          m->nodes[r->to].type == RESP_NODE_TYPE_INVALID)
        {
          L->rel_ok[i] = FALSE; /* the node's own error says why */
          continue;
        }
      /* the common case without a call */
      if ((resp_relations[r->rel].from & RESP_TYPE_BIT (m->nodes[r->from].type)) &&
          (resp_relations[r->rel].to & RESP_TYPE_BIT (m->nodes[r->to].type)))
        continue;
      from_ok = check_end (L, i, FALSE);
      to_ok = check_end (L, i, TRUE);
      L->rel_ok[i] = from_ok && to_ok;
    }
}

/* ---- cardinality (SPEC §3.2, last column) ---- */

/* One relation under one limit of resp_cardinalities[kind]: key is the end
 * it shares with the relations it must not overlap. */
typedef struct {
  guint32 key;
  guint32 rel;
  gint64  since;
  gint64  until;
  guint8  kind;
} CardEntry;

static int
cmp_card (const void *a, const void *b)
{
  const CardEntry *x = a, *y = b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  if (x->since != y->since)
    return x->since < y->since ? -1 : 1;
  return x->rel < y->rel ? -1 : x->rel > y->rel;
}

static void
report_overlap (RespLoader *L, const CardEntry *a, const CardEntry *b)
{
  RespModel *m = L->m;
  const CardEntry *later = a->rel > b->rel ? a : b, *earlier = a->rel > b->rel ? b : a;
  const RespCardinalityInfo *card = &resp_cardinalities[later->kind];
  const RespRelRec *rl = &m->rels[later->rel], *re = &m->rels[earlier->rel];
  const RespRelPos *pos = &L->rel_pos[later->rel];
  char s[RESP_INSTANT_BUF], u[RESP_INSTANT_BUF], what[160];
  const char *key = resp_model_node_id (m, later->key);

  resp_instant_format_short (MAX (a->since, b->since), s);
  resp_instant_format_short (MIN (a->until, b->until), u);
  if (card->noun != NULL)
    g_snprintf (what, sizeof what, "%s '%s' %s", card->noun, key, card->overlap);
  else
    g_snprintf (what, sizeof what, "'%s' %s", key, card->overlap);
  /* each relation is named by its other end */
  resp_diag_sink_add (&L->sink, RESP_ERROR_CARDINALITY, pos->line, pos->col,
                      "relation '%s' from '%s': %s at once: '%s' (line %u) and '%s' overlap from %s until %s",
                      resp_relations[rl->rel].name, resp_model_node_id (m, rl->from), what,
                      resp_model_node_id (m, card->by_to ? re->from : re->to),
                      L->rel_pos[earlier->rel].line,
                      resp_model_node_id (m, card->by_to ? rl->from : rl->to), s, u);
}

static int
cmp_card_in_group (gconstpointer a, gconstpointer b, gpointer data)
{
  const CardEntry *x = a, *y = b;

  if (x->since != y->since)
    return x->since < y->since ? -1 : 1;
  return x->rel < y->rel ? -1 : x->rel > y->rel;
}

/* A stable counting sort of n entries from src into dst by their kind
 * (by_kind) or their key, each below n_buckets. */
static void
card_counting_pass (const CardEntry *src, CardEntry *dst, guint n, guint32 n_buckets, gboolean by_kind)
{
  guint32 *start = g_new0 (guint32, (gsize) n_buckets + 1);

  for (guint i = 0; i < n; i++)
    start[(by_kind ? src[i].kind : src[i].key) + 1]++;
  for (guint32 v = 0; v < n_buckets; v++)
    start[v + 1] += start[v];
  for (guint i = 0; i < n; i++)
    dst[start[by_kind ? src[i].kind : src[i].key]++] = src[i];
  g_free (start);
}

/* Into the order of cmp_card: stable counting sorts by key, then by kind,
 * give (kind, key, input order); each (kind, key) group, a handful of
 * entries in a sound model, is then sorted by (since, rel). Linear where a
 * comparison sort of a national model's entries is not. At fewer than
 * counting_min entries, a comparison sort does the same. */
static void
sort_card_entries (GArray *entries, guint32 n_nodes, guint counting_min)
{
  guint n = entries->len;
  CardEntry *a = (CardEntry *) entries->data, *tmp;
  gboolean keys_in_range = TRUE;

  if (n < 2)
    return;
  /* a checked relation's ends are nodes; anything else is sorted the slow way */
  for (guint i = 0; i < n && keys_in_range; i++)
    keys_in_range = a[i].key < n_nodes;
  if (n < counting_min || !keys_in_range)
    {
      qsort (a, n, sizeof (CardEntry), cmp_card);
      return;
    }
  tmp = g_new (CardEntry, n);
  card_counting_pass (a, tmp, n, n_nodes, FALSE);
  card_counting_pass (tmp, a, n, RESP_N_CARDINALITIES, TRUE);
  g_free (tmp);
  for (guint i = 0; i < n;)
    {
      guint j = i + 1;
      while (j < n && a[j].kind == a[i].kind && a[j].key == a[i].key)
        j++;
      resp_sort_stable (a + i, j - i, sizeof (CardEntry), cmp_card_in_group, NULL);
      i = j;
    }
}

/* Every checked relation under every limit that applies to it. */
static GArray *
card_entries (RespLoader *L)
{
  const RespModel *m = L->m;
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (CardEntry));
  guint8 rows[RESP_N_RELATIONS][RESP_N_CARDINALITIES];
  guint8 n_rows[RESP_N_RELATIONS] = { 0 };

  /* the limits of each relation type, in their order */
  for (guint k = 0; k < RESP_N_CARDINALITIES; k++)
    {
      RespRelation rel = resp_cardinalities[k].rel;
      rows[rel][n_rows[rel]++] = (guint8) k;
    }
  for (guint32 i = 0; i < m->n_rels; i++)
    {
      const RespRelRec *r = &m->rels[i];

      if (!L->rel_ok[i])
        continue;
      for (guint j = 0; j < n_rows[r->rel]; j++)
        {
          const RespCardinalityInfo *card = &resp_cardinalities[rows[r->rel][j]];
          CardEntry e = { card->by_to ? r->to : r->from, i, r->since, r->until, rows[r->rel][j] };

          if (card->seat == RESP_SEAT_NONE || card->seat == r->seat)
            g_array_append_val (entries, e);
        }
    }
  return entries;
}

static void
check_cardinality (RespLoader *L)
{
  RespModel *m = L->m;
  GArray *entries = card_entries (L);
  guint16 *reported;
  guint n = entries->len;

  G_STATIC_ASSERT (RESP_N_CARDINALITIES <= 16);  /* a bit each in reported[] */
  sort_card_entries (entries, m->n_nodes, L->options->card_sort_min);
  reported = g_new0 (guint16, MAX (m->n_rels, 1));

  for (guint i = 0; i < n && !L->sink.fatal;)
    {
      const CardEntry *g = &g_array_index (entries, CardEntry, i);
      const CardEntry *active = g;
      guint j = i + 1;

      for (; j < n; j++)
        {
          const CardEntry *c = &g_array_index (entries, CardEntry, j);
          if (c->kind != g->kind || c->key != g->key)
            break;
          if (c->since < active->until)
            {
              guint32 later = MAX (c->rel, active->rel);
              if (!(reported[later] & (1u << c->kind)))
                {
                  reported[later] |= (guint16) (1u << c->kind);
                  report_overlap (L, active, c);
                }
            }
          if (c->until > active->until)
            active = c;
        }
      i = j;
    }
  g_free (reported);
  g_array_unref (entries);
}

/* ---- cycles in `within` and `under` ---- */

/* A cycle needs every one of its relations live at a common instant. The
 * static graph of `within` and `under` (time ignored) is checked first with
 * an iterative Tarjan; only its non-trivial strongly connected components,
 * which a sound model does not have, get the dated search, which adds their
 * relations in file order and asks of each whether it closes a path whose
 * intervals still overlap: that relation "completes" the cycle (SPEC §3.4). */

#define CYCLE_STEP_BUDGET 2000000

typedef struct {
  guint32 *start;   /* CSR over the hierarchy relations, by from */
  guint32 *edge;    /* relation indices */
} Hier;

static gboolean
is_hier (const RespRelRec *r)
{
  return r->rel == RESP_REL_WITHIN || r->rel == RESP_REL_UNDER;
}

static void
tarjan (RespLoader *L, const Hier *h, guint32 *comp, guint32 *n_comp)
{
  RespModel *m = L->m;
  guint32 n = m->n_nodes, counter = 0;
  guint32 *index = g_new (guint32, MAX (n, 1)), *low = g_new (guint32, MAX (n, 1));
  guint8 *on_stack = g_new0 (guint8, MAX (n, 1));
  guint32 *stack = g_new (guint32, MAX (n, 1)), sp = 0;
  guint32 *call_v = g_new (guint32, MAX (n, 1)), *call_e = g_new (guint32, MAX (n, 1)), cp;

  for (guint32 v = 0; v < n; v++)
    index[v] = G_MAXUINT32;
  *n_comp = 0;
  for (guint32 root = 0; root < n; root++)
    {
      if (index[root] != G_MAXUINT32 || h->start[root] == h->start[root + 1])
        {
          if (index[root] == G_MAXUINT32)
            comp[root] = (*n_comp)++;
          continue;
        }
      cp = 0;
      call_v[cp] = root;
      call_e[cp++] = h->start[root];
      index[root] = low[root] = counter++;
      stack[sp++] = root;
      on_stack[root] = TRUE;
      while (cp > 0)
        {
          guint32 v = call_v[cp - 1];
          if (call_e[cp - 1] < h->start[v + 1])
            {
              guint32 w = m->rels[h->edge[call_e[cp - 1]++]].to;
              if (index[w] == G_MAXUINT32)
                {
                  index[w] = low[w] = counter++;
                  stack[sp++] = w;
                  on_stack[w] = TRUE;
                  call_v[cp] = w;
                  call_e[cp++] = h->start[w];
                }
              else if (on_stack[w])
                low[v] = MIN (low[v], index[w]);
              continue;
            }
          if (low[v] == index[v])
            {
              guint32 w;
              do
                {
                  w = stack[--sp];
                  on_stack[w] = FALSE;
                  comp[w] = *n_comp;
                }
              while (w != v);
              (*n_comp)++;
            }
          cp--;
          if (cp > 0)
            low[call_v[cp - 1]] = MIN (low[call_v[cp - 1]], low[v]);
        }
    }
  g_free (index);
  g_free (low);
  g_free (on_stack);
  g_free (stack);
  g_free (call_v);
  g_free (call_e);
}

typedef struct {
  guint32 node;
  guint32 next;     /* position in the node's added-edge list */
  gint64  lo, hi;   /* window of the path so far */
  guint32 via;      /* relation that led here */
} CycleFrame;

/* Searches a dated path from `from` to `target` over the added relations
 * (adj: node -> GArray of relation indices) within [lo, hi). */
static gboolean
dated_path (RespLoader *L, GHashTable *adj, guint32 from, guint32 target, gint64 lo, gint64 hi,
            GArray *frames, guint *budget)
{
  RespModel *m = L->m;
  CycleFrame f0 = { from, 0, lo, hi, G_MAXUINT32 };
  /* the nodes on the current path, so a step need not scan it */
  GHashTable *on_path = g_hash_table_new (NULL, NULL);
  gboolean found = FALSE;

  g_array_set_size (frames, 0);
  g_array_append_val (frames, f0);
  g_hash_table_add (on_path, GUINT_TO_POINTER (from + 1));
  while (frames->len > 0)
    {
      CycleFrame *f = &g_array_index (frames, CycleFrame, frames->len - 1);
      GArray *out;
      gboolean pushed = FALSE;

      if (f->node == target)
        {
          found = TRUE;
          break;
        }
      if ((*budget)-- == 0)
        break;
      out = g_hash_table_lookup (adj, GUINT_TO_POINTER (f->node));
      while (out != NULL && f->next < out->len)
        {
          guint32 ri = g_array_index (out, guint32, f->next++);
          const RespRelRec *r = &m->rels[ri];
          gint64 nlo = MAX (f->lo, r->since), nhi = MIN (f->hi, r->until);

          if (nlo >= nhi)
            continue;
          if (r->to != target && g_hash_table_contains (on_path, GUINT_TO_POINTER (r->to + 1)))
            continue;
          {
            CycleFrame nf = { r->to, 0, nlo, nhi, ri };
            g_array_append_val (frames, nf);
            g_hash_table_add (on_path, GUINT_TO_POINTER (r->to + 1));
          }
          pushed = TRUE;
          break;
        }
      if (!pushed)
        {
          g_hash_table_remove (on_path, GUINT_TO_POINTER (f->node + 1));
          g_array_set_size (frames, frames->len - 1);
        }
    }
  g_hash_table_unref (on_path);
  return found;
}

/* Reports relation i as closing the cycle through nodes[0..n) (from its
 * `to` round to its `from`), all of whose relations are live from lo. */
static void
report_cycle (RespLoader *L, guint32 i, const guint32 *nodes, guint n, gint64 lo)
{
  const RespModel *m = L->m;
  const RespRelRec *r = &m->rels[i];
  GString *path = g_string_new (NULL);
  char s[RESP_INSTANT_BUF];

  g_string_append_printf (path, "'%s'", resp_model_node_id (m, r->from));
  for (guint k = 0; k < n; k++)
    {
      /* a long cycle is named by its ends */
      if (n <= 12 || k < 8 || k + 2 >= n)
        g_string_append_printf (path, " → '%s'", resp_model_node_id (m, nodes[k]));
      else if (k == 8)
        g_string_append_printf (path, " → … (%u more) …", n - 10);
    }
  resp_instant_format_short (lo, s);
  resp_diag_sink_add (&L->sink, RESP_ERROR_CYCLE, L->rel_pos[i].line, L->rel_pos[i].col,
                      "relation '%s' from '%s': closes a cycle %s (all live %s%s)",
                      resp_relations[r->rel].name, resp_model_node_id (m, r->from), path->str,
                      lo == RESP_INSTANT_OPEN_START ? "at once" : "from ",
                      lo == RESP_INSTANT_OPEN_START ? "" : s);
  g_string_free (path, TRUE);
  L->rel_ok[i] = FALSE;
}

/* A strongly connected component in which every node has one relation
 * inside it is one simple cycle: it exists at some instant exactly when the
 * intervals of its relations intersect, and the relation that completes it
 * is the last of them in the file. Deciding that is linear, where the dated
 * search would be quadratic on a long chain closed into a ring. Such
 * components are settled here and marked with size 0. */
static void
check_simple_cycles (RespLoader *L, const guint32 *comp, guint32 *comp_size, guint32 n_comp)
{
  RespModel *m = L->m;
  guint32 *next = g_new (guint32, MAX (m->n_nodes, 1));
  guint8 *branching = g_new0 (guint8, MAX (n_comp, 1));
  GArray *ring = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint32 v = 0; v < m->n_nodes; v++)
    next[v] = G_MAXUINT32;
  for (guint32 i = 0; i < m->n_rels; i++)
    {
      const RespRelRec *r = &m->rels[i];
      if (!L->rel_ok[i] || !is_hier (r) || r->from == r->to || comp[r->from] != comp[r->to] ||
          comp_size[comp[r->from]] < 2)
        continue;
      if (next[r->from] != G_MAXUINT32)
        branching[comp[r->from]] = TRUE;
      next[r->from] = i;
    }
  for (guint32 v = 0; v < m->n_nodes && !L->sink.fatal; v++)
    {
      guint32 c = comp[v], last = 0, len = 0, u = v;
      gint64 lo = RESP_INSTANT_OPEN_START, hi = RESP_INSTANT_OPEN_END;

      if (comp_size[c] < 2 || branching[c])
        continue;
      /* walk the ring once from v */
      do
        {
          const RespRelRec *r = &m->rels[next[u]];
          lo = MAX (lo, r->since);
          hi = MIN (hi, r->until);
          last = MAX (last, next[u]);
          u = r->to;
          len++;
        }
      while (u != v && len <= comp_size[c]);
      if (lo < hi)
        {
          /* named from the relation that closes it */
          g_array_set_size (ring, 0);
          for (u = m->rels[last].to; ; u = m->rels[next[u]].to)
            {
              g_array_append_val (ring, u);
              if (u == m->rels[last].from)
                break;
            }
          report_cycle (L, last, (const guint32 *) (gpointer) ring->data, ring->len, lo);
        }
      comp_size[c] = 0;
    }
  g_array_unref (ring);
  g_free (next);
  g_free (branching);
}

/* The hierarchy relations still standing, by `from` (CSR). */
static void
hier_build (RespLoader *L, Hier *h)
{
  RespModel *m = L->m;
  guint32 n = m->n_nodes, *cur;

  h->start = g_new0 (guint32, (gsize) n + 1);
  for (guint32 i = 0; i < m->n_rels; i++)
    if (L->rel_ok[i] && is_hier (&m->rels[i]))
      h->start[m->rels[i].from + 1]++;
  for (guint32 v = 0; v < n; v++)
    h->start[v + 1] += h->start[v];
  h->edge = g_new (guint32, MAX (h->start[n], 1));
  cur = g_memdup2 (h->start, sizeof (guint32) * ((gsize) n + 1));
  for (guint32 i = 0; i < m->n_rels; i++)
    if (L->rel_ok[i] && is_hier (&m->rels[i]))
      h->edge[cur[m->rels[i].from]++] = i;
  g_free (cur);
}

/* Whether relation i closes a dated cycle over the relations added to adj
 * so far; reports it if so. */
static gboolean
closes_dated_cycle (RespLoader *L, guint32 i, GHashTable *adj, GArray *frames, guint *budget)
{
  const RespRelRec *r = &L->m->rels[i];
  GArray *nodes;
  gint64 lo = r->since;

  if (r->from == r->to)
    {
      report_cycle (L, i, &r->to, 1, lo);
      return TRUE;
    }
  if (!dated_path (L, adj, r->to, r->from, r->since, r->until, frames, budget))
    return FALSE;
  nodes = g_array_sized_new (FALSE, FALSE, sizeof (guint32), frames->len);
  for (guint k = 0; k < frames->len; k++)
    {
      const CycleFrame *f = &g_array_index (frames, CycleFrame, k);
      g_array_append_val (nodes, f->node);
      lo = MAX (lo, f->lo);
    }
  report_cycle (L, i, (const guint32 *) (gpointer) nodes->data, nodes->len, lo);
  g_array_unref (nodes);
  return TRUE;
}

static void
check_cycles (RespLoader *L)
{
  RespModel *m = L->m;
  guint32 n = m->n_nodes, n_comp = 0;
  Hier h;
  guint32 *comp, *comp_size;
  GHashTable *adj;
  GArray *frames;
  guint budget = CYCLE_STEP_BUDGET;

  hier_build (L, &h);
  comp = g_new (guint32, MAX (n, 1));
  tarjan (L, &h, comp, &n_comp);
  comp_size = g_new0 (guint32, MAX (n_comp, 1));
  for (guint32 v = 0; v < n; v++)
    comp_size[comp[v]]++;

  check_simple_cycles (L, comp, comp_size, n_comp);

  adj = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  frames = g_array_new (FALSE, FALSE, sizeof (CycleFrame));
  for (guint32 i = 0; i < m->n_rels && !L->sink.fatal; i++)
    {
      const RespRelRec *r = &m->rels[i];
      GArray *out;

      if (!L->rel_ok[i] || !is_hier (r) || comp[r->from] != comp[r->to])
        continue;
      /* components settled by check_simple_cycles have size 0 now */
      if (r->from != r->to && comp_size[comp[r->from]] < 2)
        continue;
      if (closes_dated_cycle (L, i, adj, frames, &budget))
        continue;
      if (budget == 0 || budget > CYCLE_STEP_BUDGET)
        {
          resp_diag_sink_add (&L->sink, RESP_ERROR_LIMIT, L->rel_pos[i].line, L->rel_pos[i].col,
                              "relation '%s' from '%s': the cycle check gave up on a tangle of "
                              "hierarchy relations too large to search", resp_relations[r->rel].name,
                              resp_model_node_id (m, r->from));
          break;
        }
      out = g_hash_table_lookup (adj, GUINT_TO_POINTER (r->from));
      if (out == NULL)
        {
          out = g_array_new (FALSE, FALSE, sizeof (guint32));
          g_hash_table_insert (adj, GUINT_TO_POINTER (r->from), out);
        }
      g_array_append_val (out, i);
    }
  g_array_unref (frames);
  g_hash_table_unref (adj);
  g_free (comp);
  g_free (comp_size);
  g_free (h.start);
  g_free (h.edge);
}

/* ---- shapes no real model has (RespLimits) ---- */

typedef enum {
  RESP_MODEL_LIMIT_CHAIN_DEPTH,
  RESP_MODEL_LIMIT_COMMITTEE_MEMBERS,
  RESP_MODEL_LIMIT_SYSTEM_OPERATORS,
  RESP_MODEL_N_SHAPE_LIMITS
} RespModelShapeLimit;

typedef struct {
  guint32 node;
  guint32 next;              /* the next of its `under` edges to follow */
} ChainFrame;

/* The `under` relations going out of v: [*b, *e) of edge (a CSR built
 * by the caller), or of m->rels when edge is NULL (a frozen model, whose
 * relations are sorted by `from` and type). */
static inline void
under_edges (const RespModel *m, const guint32 *start, const guint32 *edge, guint32 v,
             guint32 *b, guint32 *e)
{
  if (edge != NULL)
    {
      *b = start[v];
      *e = start[v + 1];
    }
  else
    resp_model_out_range (m, v, RESP_REL_UNDER, b, e);
}

/* A walk up the chains of superiors, from one unit after another, that
 * remembers each unit's depth (the most `under` relations above it). */
typedef struct {
  const RespModel *m;
  const guint32   *start, *edge;   /* see under_edges() */
  guint            max;
  guint32         *depth;
  guint8          *state;          /* 0 not seen, 1 on the stack, 2 done */
  RESP_VEC (ChainFrame) stack;
} ChainWalk;

static void
chain_walk_init (ChainWalk *w, const RespModel *m, const guint32 *start, const guint32 *edge, guint max)
{
  w->m = m;
  w->start = start;
  w->edge = edge;
  w->max = max;
  w->depth = g_new0 (guint32, MAX (m->n_nodes, 1));
  w->state = g_new0 (guint8, MAX (m->n_nodes, 1));
  w->stack.data = NULL;
  w->stack.len = w->stack.cap = 0;
}

static void
chain_walk_clear (ChainWalk *w)
{
  resp_vec_free (&w->stack);
  g_free (w->state);
  g_free (w->depth);
}

/* The `under` relation at which a chain above unit v goes one past max
 * links (counted from the top), or RESP_NO_NODE. Time is ignored; a static
 * cycle (relations never live at once) is not followed round. Iterative;
 * over all units, O(nodes + relations). */
static guint32
chain_walk_from (ChainWalk *w, guint32 v)
{
  const RespModel *m = w->m;
  ChainFrame f = { v, 0 };
  guint32 b, e;

  if (w->state[v] != 0)
    return RESP_NO_NODE;
  under_edges (m, w->start, w->edge, v, &b, &e);
  if (b == e)
    return RESP_NO_NODE;
  f.next = b;
  w->state[v] = 1;
  w->stack.len = 0;
  resp_vec_push (&w->stack, f);
  while (w->stack.len > 0)
    {
      ChainFrame *top = &w->stack.data[w->stack.len - 1];
      guint32 u = top->node, i, t;

      under_edges (m, w->start, w->edge, u, &b, &e);
      if (top->next == e)
        {
          w->state[u] = 2;
          w->stack.len--;
          continue;
        }
      i = w->edge != NULL ? w->edge[top->next] : top->next;
      t = m->rels[i].to;
      if (w->state[t] == 0)
        {
          ChainFrame g = { t, 0 };

          /* this edge is taken again once t is done */
          under_edges (m, w->start, w->edge, t, &b, &e);
          g.next = b;
          w->state[t] = 1;
          resp_vec_push (&w->stack, g);
          continue;
        }
      top->next++;
      if (w->state[t] == 2)
        {
          /* depths never pass max + 1: the walk stops there */
          if (w->depth[t] + 1 > w->max)
            return i;
          if (w->depth[t] + 1 > w->depth[u])
            w->depth[u] = w->depth[t] + 1;
        }
      /* state 1: t is below on the stack, a cycle in time */
    }
  return RESP_NO_NODE;
}

/* The first relation at which a chain above a unit goes one past max, the
 * units taken in order. */
static guint32
walk_chains (const RespModel *m, const guint32 *start, const guint32 *edge, guint max)
{
  ChainWalk w;
  guint32 found = RESP_NO_NODE;

  chain_walk_init (&w, m, start, edge, max);
  for (guint32 v = 0; v < m->n_nodes && found == RESP_NO_NODE; v++)
    if (m->nodes[v].type == RESP_NODE_UNIT)
      found = chain_walk_from (&w, v);
  chain_walk_clear (&w);
  return found;
}

/* A unit's `under` relations in the order of a frozen model's (by `to`,
 * then `since`, ties in file order), so that the walk of a file and that
 * of its snapshot agree on every chain, also where a cycle in time is cut */
static int
cmp_under_edge (gconstpointer a, gconstpointer b, gpointer data)
{
  const RespModel *m = data;
  const RespRelRec *x = &m->rels[*(const guint32 *) a], *y = &m->rels[*(const guint32 *) b];

  if (x->to != y->to)
    return x->to < y->to ? -1 : 1;
  return x->since < y->since ? -1 : x->since > y->since;
}

/* The same over the relations with rel_ok (all, if NULL) in file order. */
static guint32
over_chain_depth (const RespModel *m, const guint8 *rel_ok, guint max)
{
  guint32 n = m->n_nodes, found, *start, *edge, *cur;

  start = g_new0 (guint32, (gsize) n + 1);
  for (guint32 i = 0; i < m->n_rels; i++)
    if ((rel_ok == NULL || rel_ok[i]) && m->rels[i].rel == RESP_REL_UNDER
        && m->rels[i].from < n && m->rels[i].to < n)
      start[m->rels[i].from + 1]++;
  for (guint32 v = 0; v < n; v++)
    start[v + 1] += start[v];
  if (start[n] == 0)
    {
      g_free (start);
      return RESP_NO_NODE;
    }
  edge = g_new (guint32, start[n]);
  cur = g_memdup2 (start, sizeof (guint32) * ((gsize) n + 1));
  for (guint32 i = 0; i < m->n_rels; i++)
    if ((rel_ok == NULL || rel_ok[i]) && m->rels[i].rel == RESP_REL_UNDER
        && m->rels[i].from < n && m->rels[i].to < n)
      edge[cur[m->rels[i].from]++] = i;
  g_free (cur);
  for (guint32 v = 0; v < n; v++)
    resp_sort_stable (edge + start[v], start[v + 1] - start[v], sizeof (guint32), cmp_under_edge,
                      (gpointer) m);
  found = walk_chains (m, start, edge, max);
  g_free (edge);
  g_free (start);
  return found;
}

/* The first relation of type rel (in the order of m->rels) that is one
 * past max coming into its target, or RESP_NO_NODE. */
static guint32
over_in_count (const RespModel *m, const guint8 *rel_ok, RespRelation rel, guint max)
{
  guint32 *count = g_new0 (guint32, MAX (m->n_nodes, 1)), found = RESP_NO_NODE;

  for (guint32 i = 0; i < m->n_rels; i++)
    {
      const RespRelRec *r = &m->rels[i];

      if ((rel_ok == NULL || rel_ok[i]) && r->rel == rel && r->to < m->n_nodes
          && ++count[r->to] > max)
        {
          found = i;
          break;
        }
    }
  g_free (count);
  return found;
}

/* The relation of m->rels (those with rel_ok, unless NULL) that goes one
 * past the limit, or RESP_NO_NODE. */
static guint32
over_limit (const RespModel *m, const guint8 *rel_ok, const RespLimits *limits, RespModelShapeLimit which)
{
  switch (which)
    {
    case RESP_MODEL_LIMIT_CHAIN_DEPTH:
      return over_chain_depth (m, rel_ok, limits->max_chain_depth);
    case RESP_MODEL_LIMIT_COMMITTEE_MEMBERS:
      return over_in_count (m, rel_ok, RESP_REL_MEMBER, limits->max_committee_members);
    case RESP_MODEL_LIMIT_SYSTEM_OPERATORS:
    default:
      return over_in_count (m, rel_ok, RESP_REL_OPERATES, limits->max_system_operators);
    }
}

/* The message for relation i over the limit, into out. */
static void
describe_over_limit (const RespModel *m, const RespLimits *limits, RespModelShapeLimit which, guint32 i,
                     GString *out)
{
  const RespRelRec *r = &m->rels[i];
  const char *from = resp_model_node_id (m, r->from), *to = resp_model_node_id (m, r->to);

  switch (which)
    {
    case RESP_MODEL_LIMIT_CHAIN_DEPTH:
      g_string_printf (out, "relation 'under' from '%s': a chain of superiors longer than %u "
                       "relations (RespLimits.max_chain_depth); '%s' is %u below the top",
                       from, limits->max_chain_depth, from, limits->max_chain_depth + 1);
      break;
    case RESP_MODEL_LIMIT_COMMITTEE_MEMBERS:
      g_string_printf (out, "relation 'member' from '%s': committee '%s' has more than %u "
                       "members (RespLimits.max_committee_members)",
                       from, to, limits->max_committee_members);
      break;
    case RESP_MODEL_LIMIT_SYSTEM_OPERATORS:
    default:
      g_string_printf (out, "relation 'operates' from '%s': system '%s' has more than %u "
                       "operators (RespLimits.max_system_operators)",
                       from, to, limits->max_system_operators);
      break;
    }
}

static void
check_shape (RespLoader *L)
{
  GString *msg = g_string_new (NULL);

  for (guint k = 0; k < RESP_MODEL_N_SHAPE_LIMITS && !L->sink.fatal; k++)
    {
      guint32 i = over_limit (L->m, L->rel_ok, &L->limits, (RespModelShapeLimit) k);
      guint line, col;

      if (i == RESP_NO_NODE)
        continue;
      describe_over_limit (L->m, &L->limits, (RespModelShapeLimit) k, i, msg);
      resp_loader_rel_value_pos (L, i, TRUE, &line, &col);
      resp_diag_sink_add (&L->sink, RESP_ERROR_LIMIT, line, col, "%s", msg->str);
      L->rel_ok[i] = FALSE;
    }
  g_string_free (msg, TRUE);
}

/* The relation one past n of type rel coming into v, or RESP_NO_NODE. */
static inline guint32
frozen_past (const RespModel *m, guint32 v, RespRelation rel, guint max)
{
  guint32 b, e;

  resp_model_in_range (m, v, rel, &b, &e);
  return e - b > max ? m->in_idx[b + max] : RESP_NO_NODE;
}

/* over_limit() of each limit for a frozen model, from its
 * indices, in one pass over the nodes: a count per committee and system
 * instead of a pass over the relations (a snapshot is checked at every
 * open). A count may report another relation past the limit than a pass
 * over the relations would. */
static void
frozen_over_limits (const RespModel *m, const RespLimits *limits, guint32 found[RESP_MODEL_N_SHAPE_LIMITS])
{
  ChainWalk w;

  for (guint k = 0; k < RESP_MODEL_N_SHAPE_LIMITS; k++)
    found[k] = RESP_NO_NODE;
  chain_walk_init (&w, m, NULL, NULL, limits->max_chain_depth);
  for (guint32 v = 0; v < m->n_nodes; v++)
    switch (m->nodes[v].type)
      {
      case RESP_NODE_UNIT:
        if (found[RESP_MODEL_LIMIT_CHAIN_DEPTH] == RESP_NO_NODE)
          found[RESP_MODEL_LIMIT_CHAIN_DEPTH] = chain_walk_from (&w, v);
        break;
      case RESP_NODE_COMMITTEE:
        if (found[RESP_MODEL_LIMIT_COMMITTEE_MEMBERS] == RESP_NO_NODE)
          found[RESP_MODEL_LIMIT_COMMITTEE_MEMBERS] =
            frozen_past (m, v, RESP_REL_MEMBER, limits->max_committee_members);
        break;
      case RESP_NODE_SYSTEM:
        if (found[RESP_MODEL_LIMIT_SYSTEM_OPERATORS] == RESP_NO_NODE)
          found[RESP_MODEL_LIMIT_SYSTEM_OPERATORS] =
            frozen_past (m, v, RESP_REL_OPERATES, limits->max_system_operators);
        break;
      default:
        break;
      }
  chain_walk_clear (&w);
}

/* The run of type rel coming into v: its length */
static inline guint32
in_count (const RespModel *m, guint32 v, RespRelation rel)
{
  guint32 b, e;

  resp_model_in_range (m, v, rel, &b, &e);
  return e - b;
}

void
resp_model_shape_maxima (const RespModel *m, guint32 out[3])
{
  ChainWalk w;

  out[0] = out[1] = out[2] = 0;
  /* with no limit to stop at, the walk visits what a walk under any limit
   * would have visited up to its stop, in the same order: its depths are
   * those a limited walk compares */
  chain_walk_init (&w, m, NULL, NULL, G_MAXUINT32 - 1);
  for (guint32 v = 0; v < m->n_nodes; v++)
    switch (m->nodes[v].type)
      {
      case RESP_NODE_UNIT:
        chain_walk_from (&w, v);
        out[0] = MAX (out[0], w.depth[v]);
        break;
      case RESP_NODE_COMMITTEE:
        out[1] = MAX (out[1], in_count (m, v, RESP_REL_MEMBER));
        break;
      case RESP_NODE_SYSTEM:
        out[2] = MAX (out[2], in_count (m, v, RESP_REL_OPERATES));
        break;
      default:
        break;
      }
  chain_walk_clear (&w);
}

gboolean
resp_model_shape_over (const guint32 maxima[3], const RespLimits *limits)
{
  return maxima[0] > limits->max_chain_depth || maxima[1] > limits->max_committee_members ||
         maxima[2] > limits->max_system_operators;
}

gboolean
resp_model_check_limits (const RespModel *m, const RespLimits *limits, const char *file,
                         GPtrArray **diagnostics, GError **error)
{
  RespDiagSink sink;
  GString *msg = g_string_new (NULL);
  guint32 found[RESP_MODEL_N_SHAPE_LIMITS];

  resp_diag_sink_init (&sink, file, limits->max_errors);
  frozen_over_limits (m, limits, found);
  for (guint k = 0; k < RESP_MODEL_N_SHAPE_LIMITS && !sink.fatal; k++)
    {
      guint32 i = found[k];

      if (i == RESP_NO_NODE)
        continue;
      describe_over_limit (m, limits, (RespModelShapeLimit) k, i, msg);
      resp_diag_sink_add (&sink, RESP_ERROR_LIMIT, 0, 0, "%s", msg->str);
    }
  g_string_free (msg, TRUE);
  /* the open has handed the caller its (empty) list already */
  if (diagnostics != NULL)
    g_clear_pointer (diagnostics, g_ptr_array_unref);
  return resp_diag_sink_finish (&sink, diagnostics, error);
}

void
resp_loader_check (RespLoader *L)
{
  if (!L->sink.fatal)
    resolve_pending (L);
  if (!L->sink.fatal)
    check_endpoints (L);
  if (!L->sink.fatal)
    check_cardinality (L);
  if (!L->sink.fatal)
    check_cycles (L);
  /* the shapes of a model that is otherwise sound: a relation already
   * found wrong (a cycle, say) would only make the count say more */
  if (!L->sink.fatal && resp_diag_sink_count (&L->sink) == 0)
    check_shape (L);
}
