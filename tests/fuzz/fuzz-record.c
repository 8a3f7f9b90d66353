/* fuzz-record.c: a record file against city.json and the default rulebook
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The model and the rulebook are loaded once; the input is a record file
 * (docs/duties.md). It either loads with no error and no diagnostic or is
 * refused with an error and diagnostics (all or nothing, never half). When
 * it loads, every entry is read through the public getters and found again
 * through the private queries, and the queries are checked against plain
 * scans of what the record holds:
 *
 * - an entry's id finds its index; resp_record_find_entries() over
 *   [at, at + 1) finds it, and a run is of one node and kind, ordered by at;
 *   counts over adjacent ranges add up;
 * - completeness equals a naive union of the spans (sorted by from, one
 *   list), for each entry's node and kind over ranges around its instant;
 *   a covered range covers its halves;
 * - notices come in id order, each a notice with a `by` unit and `due`
 *   after `at`; their rectifications answer them, to their node, by `at`;
 *   resp_record_notices_to() lists exactly the notices of a node.
 */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "resp-record-private.h"

static RespRulebook *rulebook;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init (argc, argv);
  (void) fuzz_city ();
  rulebook = resp_rulebook_new_default ();
  if (rulebook == NULL)
    fuzz_fail ("the default rulebook does not load");
  return 0;
}

/* Completeness the slow way: every span that applies, sorted by from,
 * joined while they meet. */
static gboolean
naive_complete (const RespRecord *rec,
                guint32           node,
                guint32           kind,
                gint64            from,
                gint64            until)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (RespRecordSpan));
  gint64 reach = from;
  gboolean ok = FALSE;

  if (from >= until)
    ok = TRUE;
  for (guint32 i = 0; i < rec->n_spans; i++)
    {
      const RespRecordSpan *s = &rec->spans[i];
      gboolean has_kind = s->kinds == RESP_RECORD_NONE;

      for (guint32 k = 0; !has_kind && k < s->n_kinds; k++)
        has_kind = rec->span_kinds[s->kinds + k] == kind;
      if (has_kind && (s->node == RESP_NO_NODE || s->node == node))
        g_array_append_val (spans, *s);
    }
  /* a selection sort by from: the lists are short */
  for (guint i = 0; i < spans->len && !ok; i++)
    {
      guint best = i;
      RespRecordSpan t;

      for (guint j = i + 1; j < spans->len; j++)
        if (g_array_index (spans, RespRecordSpan, j).from < g_array_index (spans, RespRecordSpan, best).from)
          best = j;
      t = g_array_index (spans, RespRecordSpan, best);
      g_array_index (spans, RespRecordSpan, best) = g_array_index (spans, RespRecordSpan, i);
      g_array_index (spans, RespRecordSpan, i) = t;
      if (t.from > reach)
        break;
      reach = MAX (reach, t.until);
      ok = reach >= until;
    }
  g_array_unref (spans);
  return ok;
}

static gint64
shift (gint64 t,
       gint64 by)
{
  if (by > 0 && t > G_MAXINT64 - by)
    return G_MAXINT64;
  if (by < 0 && t < G_MININT64 - by)
    return G_MININT64;
  return t + by;
}

static void
check_completeness (RespRecord *rec,
                    guint32     node,
                    guint32     kind,
                    gint64      at)
{
  static const gint64 day = G_GINT64_CONSTANT (86400000000);
  const gint64 offsets[] = { -400 * day, -day, -1, 0, 1, day, 400 * day };

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    for (guint j = 0; j < G_N_ELEMENTS (offsets); j++)
      {
        gint64 from = shift (at, offsets[i]), until = shift (at, offsets[j]);
        gboolean got = resp_record_is_complete (rec, node, kind, from, until);

        if (got != naive_complete (rec, node, kind, from, until))
          fuzz_fail ("completeness of node %u kind %u over [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                     "): %d, but the spans say otherwise", node, kind, from, until, got);
        if (got && from < until)
          {
            gint64 mid = from + (until - from) / 2;
            if (!resp_record_is_complete (rec, node, kind, from, mid) ||
                !resp_record_is_complete (rec, node, kind, mid, until))
              fuzz_fail ("a covered range has a half that is not covered");
          }
      }
  /* only node-less spans for no node */
  if (resp_record_is_complete (rec, RESP_NO_NODE, kind, at, shift (at, day)) !=
      naive_complete (rec, RESP_NO_NODE, kind, at, shift (at, day)))
    fuzz_fail ("completeness for no node");
}

static void
check_entry (RespRecord *rec,
             guint       index)
{
  guint32 pos = rec->file_order[index], first;
  const RespRecordEntry *e = resp_record_entry (rec, pos);
  const char *id = resp_record_get_entry_id (rec, index);
  guint found = G_MAXUINT, n, before, after;
  gint64 until = shift (e->at, 1);

  if (id == NULL || resp_record_get_entry_kind (rec, index) == NULL ||
      resp_record_get_entry_node (rec, index) == NULL ||
      resp_record_get_entry_at (rec, index) != e->at)
    fuzz_fail ("entry %u: a getter fails", index);
  if (!resp_record_lookup_entry (rec, id, &found) || found != index)
    fuzz_fail ("entry %u: its id '%s' does not find it", index, id);
  if (strcmp (resp_record_entry_id (rec, pos), id) != 0)
    fuzz_fail ("entry %u: file order and position disagree", index);
  if (e->node >= rec->model->n_nodes)
    fuzz_fail ("entry %u: no node", index);

  n = resp_record_find_entries (rec, e->node, e->kind, e->at, until, RESP_INSTANT_OPEN_END, &first);
  if (until > e->at && (pos < first || pos >= first + n))
    fuzz_fail ("entry %u is not found at its own instant", index);
  n = resp_record_find_entries (rec, e->node, e->kind, RESP_INSTANT_OPEN_START, RESP_INSTANT_OPEN_END,
                                RESP_INSTANT_OPEN_END, &first);
  for (guint i = 0; i < n; i++)
    {
      const RespRecordEntry *x = resp_record_entry (rec, first + i);
      if (x->node != e->node || x->kind != e->kind)
        fuzz_fail ("a run of entries holds another node or kind");
      if (i > 0 && resp_record_entry (rec, first + i - 1)->at > x->at)
        fuzz_fail ("a run of entries is not ordered by at");
    }
  /* before and from e->at: they add up to the whole */
  before = resp_record_find_entries (rec, e->node, e->kind, RESP_INSTANT_OPEN_START, e->at,
                                     RESP_INSTANT_OPEN_END, &first);
  after = resp_record_find_entries (rec, e->node, e->kind, RESP_INSTANT_OPEN_START,
                                    RESP_INSTANT_OPEN_END, e->at, &first);
  if (before != after)
    fuzz_fail ("[-inf, at) and before at differ");
  if (before + resp_record_find_entries (rec, e->node, e->kind, e->at, RESP_INSTANT_OPEN_END,
                                         RESP_INSTANT_OPEN_END, &first) != n)
    fuzz_fail ("adjacent ranges do not add up");
  check_completeness (rec, e->node, e->kind, e->at);
}

static void
check_notices (RespRecord *rec)
{
  guint total = 0;

  for (guint i = 0; i < resp_record_n_notices (rec); i++)
    {
      const RespRecordNotice *no = resp_record_notice (rec, i);
      const RespRecordEntry *e = resp_record_entry (rec, no->entry);
      const guint32 *a;
      guint n;

      if (e->kind != RESP_RECORD_KIND_NOTICE || no->due <= e->at ||
          rec->model->nodes[no->by].type != RESP_NODE_UNIT)
        fuzz_fail ("notice %u is not a notice by a unit with a due after its at", i);
      if (i > 0 && strcmp (resp_record_entry_id (rec, resp_record_notice (rec, i - 1)->entry),
                           resp_record_entry_id (rec, no->entry)) >= 0)
        fuzz_fail ("the notices are not in id order");
      a = resp_record_notice_answers (rec, i, &n);
      for (guint k = 0; k < n; k++)
        {
          const RespRecordEntry *r = resp_record_entry (rec, a[k]);
          if (r->kind != RESP_RECORD_KIND_RECTIFICATION || r->node != e->node ||
              rec->extras[r->extra].notice != i)
            fuzz_fail ("notice %u: an answer is no rectification of it", i);
          if (k > 0 && resp_record_entry (rec, a[k - 1])->at > r->at)
            fuzz_fail ("notice %u: the answers are not ordered by at", i);
        }
      a = resp_record_notices_to (rec, e->node, &n);
      if (n == 0)
        fuzz_fail ("notice %u is not among the notices to its node", i);
      for (guint k = 0; k < n; k++)
        if (resp_record_entry (rec, resp_record_notice (rec, a[k])->entry)->node != e->node)
          fuzz_fail ("the notices to a node hold another's");
    }
  /* every notice is listed under exactly one node */
  for (guint32 v = 0; v < rec->model->n_nodes; v++)
    {
      guint n;
      resp_record_notices_to (rec, v, &n);
      total += n;
    }
  if (total != resp_record_n_notices (rec))
    fuzz_fail ("the notices by node are not the notices");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GPtrArray *diagnostics = NULL;
  GError *error = NULL;
  RespRecord *rec = resp_record_new_from_data (fuzz_city (), rulebook, (const char *) data,
                                               (gssize) size, FUZZ_FILE_NAME, &diagnostics, &error);

  fuzz_check_load (rec != NULL, diagnostics, error, data, size, TRUE);
  if (rec == NULL)
    return 0;
  if (!resp_record_loaded_for (rec, fuzz_city (), rulebook))
    fuzz_fail ("the record is not for what it was loaded against");
  for (guint i = 0; i < resp_record_get_n_entries (rec); i++)
    check_entry (rec, i);
  check_notices (rec);
  resp_record_unref (rec);
  return 0;
}
