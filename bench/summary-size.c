/* resp-summary-size: what per-system summaries would hold (issue 17, item 3)
 *
 *   resp-summary-size MODEL
 *
 * Before the summaries are built, their size and cost: for every system
 * and every unit of MODEL, the whole timeline is walked window by window
 * with the resolver (each resolution yields the window [lo, hi) in which
 * its answer holds, so the next one starts at hi), resolving as an event's
 * assessment does (RESP_RESOLVE_NO_AUTHORITY). It prints how many windows
 * there are, the hits, path entries and warnings they hold, the bytes a
 * plain stored form would take (a window's header, a hit as node, role and
 * path span, a path entry as a node index) and how long the walk took: the
 * build cost of the summaries at load or in `resp compile`.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <time.h>

#include "resp.h"
#include "resp-model-private.h"
#include "resp-resolver-private.h"
#include "resp-instant-private.h"

typedef struct {
  guint64 subjects, windows, hits, path_entries, warnings, max_windows;
} Tally;

/* bytes of a plain stored form: a window (lo, hi, first hit, first path
 * entry, counts: 32 bytes), a hit (node, path offset, path length and
 * role: 12 bytes), a path entry (4 bytes), a warning (8 bytes) */
static guint64
tally_bytes (const Tally *t)
{
  return t->windows * 32 + t->hits * 12 + t->path_entries * 4 + t->warnings * 8;
}

static void
walk (RespResolver *R, guint32 subject, RespResolveFlags flags, Tally *t)
{
  gint64 at = RESP_INSTANT_OPEN_START;
  guint64 windows = 0;

  for (;;)
    {
      resp_resolver_reset (R, at);
      resp_resolver_resolve (R, subject, flags);
      windows++;
      for (guint r = 0; r < RESP_N_ROLES; r++)
        t->hits += R->hits[r].len;
      t->path_entries += R->paths.len;
      t->warnings += R->warnings.len;
      /* a window that does not move on would loop: it cannot, since hi
       * is after at, but a damaged model is not worth a hang here */
      if (R->hi >= RESP_INSTANT_OPEN_END || R->hi <= at)
        break;
      at = R->hi;
    }
  t->subjects++;
  t->windows += windows;
  t->max_windows = MAX (t->max_windows, windows);
}

static void
print_tally (const char *what, const Tally *t)
{
  printf ("%-8s %9" G_GUINT64_FORMAT " subjects, %10" G_GUINT64_FORMAT " windows (%.2f each, at most %"
          G_GUINT64_FORMAT "), %11" G_GUINT64_FORMAT " hits (%.1f a window), %11" G_GUINT64_FORMAT
          " path entries, %9" G_GUINT64_FORMAT " warnings: %.1f MB stored plainly\n",
          what, t->subjects, t->windows, t->subjects ? (double) t->windows / (double) t->subjects : 0.0,
          t->max_windows, t->hits, t->windows ? (double) t->hits / (double) t->windows : 0.0,
          t->path_entries, t->warnings, (double) tally_bytes (t) / 1e6);
}

int
main (int argc, char **argv)
{
  GError *error = NULL;
  RespModel *m;
  RespResolver R;
  Tally systems = { 0 }, units = { 0 }, operators = { 0 }, committees = { 0 };
  struct timespec t0, t1;

  if (argc != 2)
    {
      fprintf (stderr, "usage: resp-summary-size MODEL\n");
      return 2;
    }
  m = resp_model_new_from_file (argv[1], NULL, &error);
  if (m == NULL)
    {
      fprintf (stderr, "resp-summary-size: %s\n", error->message);
      g_error_free (error);
      return 1;
    }
  resp_resolver_init (&R, m);
  clock_gettime (CLOCK_MONOTONIC, &t0);
  for (guint32 v = 0; v < m->n_nodes; v++)
    if (m->nodes[v].type == RESP_NODE_SYSTEM)
      walk (&R, v, RESP_RESOLVE_NO_AUTHORITY, &systems);
    else if (m->nodes[v].type == RESP_NODE_UNIT)
      walk (&R, v, RESP_RESOLVE_NO_AUTHORITY, &units);
  clock_gettime (CLOCK_MONOTONIC, &t1);
  /* the parts a factored summary would keep apart, each with its own
   * windows: an operator's own part (its chain, committee and seats, lead
   * and head, no region walk) and a committee's seats */
  for (guint32 v = 0; v < m->n_nodes; v++)
    if (m->nodes[v].type == RESP_NODE_UNIT)
      walk (&R, v, RESP_RESOLVE_NO_AUTHORITY | RESP_RESOLVE_OPERATOR_ONLY | RESP_RESOLVE_NO_WARN, &operators);
    else if (m->nodes[v].type == RESP_NODE_COMMITTEE)
      walk (&R, v, RESP_RESOLVE_NO_AUTHORITY | RESP_RESOLVE_NO_WARN, &committees);
  print_tally ("systems", &systems);
  print_tally ("units", &units);
  printf ("the parts, each with its own windows:\n");
  print_tally ("op-only", &operators);
  print_tally ("seats", &committees);
  printf ("model: %u nodes, %u relations; the walk took %.2f s on one thread\n", m->n_nodes, m->n_rels,
          (double) (t1.tv_sec - t0.tv_sec) + (double) (t1.tv_nsec - t0.tv_nsec) / 1e9);
  resp_resolver_clear (&R);
  resp_model_unref (m);
  return 0;
}
