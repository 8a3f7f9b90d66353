/* resp-model-split.c: a long relations array read in two halves on two threads
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A national model is mostly relations. Once the nodes are read, every
 * relation is independent of the others until the checks after the parse,
 * so a long relations array is read in two halves: this thread reads from
 * its start, another from an element boundary near its middle to its end,
 * into arrays of its own, which are appended when the first half reaches
 * that boundary. The other thread's view of the input is used only if this
 * thread, reading in order, confirms that the boundary is one (an element
 * of the relations array ends exactly there), and only if the other half
 * read without a single diagnostic: anything else is read again here in
 * order, so errors, their order and their positions are those of a plain
 * front-to-back read.
 */
#include "config.h"

#include <string.h>
#include <sys/mman.h>

#include "resp-model-loader-private.h"

struct _RespLoaderHalf {
  RespLoader L;          /* the second half's own reader, arrays and diagnostics */
  RespModel  shadow;     /* the model's id table for lookups; its own relations */
  gsize      brace;      /* the '}' before the boundary: where the first half ends */
  gsize      start;      /* the ',' after it: where the second half starts */
  guint      start_line;
  gsize      start_line_start;
  gint       cancel;     /* the first half has passed the boundary: stop */
  gboolean   ok;         /* read to the array's ']' without a diagnostic */
  gsize      end_off;    /* that ']' */
  guint      end_line;
  gsize      end_line_start;
  GThread   *thread;
};

typedef RespLoaderHalf Half;

static gpointer
read_second_half (gpointer data)
{
  Half *h = data;
  RespLoader *L = &h->L;

  resp_json_reader_start_in_array (L->r, h->start, h->start_line, h->start_line_start);
  while (!g_atomic_int_get (&h->cancel))
    {
      RespJsonToken t = resp_json_reader_next (L->r);

      if (t == RESP_JSON_TOKEN_END_ARRAY)
        {
          resp_json_reader_get_position (L->r, &h->end_off, &h->end_line, &h->end_line_start);
          h->ok = resp_diag_sink_count (&L->sink) == 0 && !L->sink.fatal;
          break;
        }
      if (t != RESP_JSON_TOKEN_BEGIN_OBJECT)
        break;
      L->obj.line = resp_json_reader_get_line (L->r);
      L->obj.col = resp_json_reader_get_column (L->r);
      L->obj.off = resp_json_reader_get_offset (L->r);
      resp_loader_parse_relation (L);
      if (L->sink.fatal || resp_diag_sink_count (&L->sink) > 0)
        break;
    }
  return NULL;
}

/* Looks for an element boundary ('}', blanks, ',') in the second half of
 * the array whose '[' the reader has just returned, and starts reading from
 * there on another thread. NULL when the array is short or has no such
 * boundary near its middle. */
RespLoaderHalf *
resp_loader_split (RespLoader *L)
{
  const char *d = L->data;
  gsize open, from, limit, comma;
  guint line;
  gsize line_start;
  Half *h;

  if (!L->nodes_read || L->sink.fatal)
    return NULL;
  resp_json_reader_get_position (L->r, &open, &line, &line_start);
  if (L->length - open < MAX (L->options->split_min, 64))
    return NULL;
  from = open + (L->length - open) / 2;
  limit = MIN (L->length, from + (1u << 20));
  for (comma = limit; from < limit && comma == limit; from++)
    if (d[from] == '}')
      {
        gsize q = from + 1;
        while (q < limit && (d[q] == ' ' || d[q] == '\n' || d[q] == '\r' || d[q] == '\t'))
          q++;
        if (q < limit && d[q] == ',')
          comma = q;
      }
  if (comma == limit)
    return NULL;

  h = g_new0 (Half, 1);
  h->brace = from - 1;   /* the loop stepped past it */
  h->start = comma;
  /* the line of the boundary, counted on from the array's '[' here, before
   * this thread may give those pages of the input back */
  {
    const char *p, *stop = d + h->start;

    for (p = d + line_start; p < stop && (p = memchr (p, '\n', (gsize) (stop - p))) != NULL; p++)
      {
        line++;
        line_start = (gsize) (p + 1 - d);
      }
  }
  h->start_line = line;
  h->start_line_start = line_start;
  h->shadow = *L->m;
  h->L = *L;
  h->L.m = &h->shadow;
  h->L.r = resp_json_reader_new (d, L->length);
  resp_json_reader_set_limits (h->L.r, L->max_depth, L->max_string);
  resp_diag_sink_init (&h->L.sink, L->sink.file, L->sink.max_errors);
  h->L.pending = g_array_new (FALSE, FALSE, sizeof (RespPendingRef));
  h->L.s1 = g_string_sized_new (64);
  h->L.s2 = g_string_sized_new (64);
  h->L.rels_cap = (guint32) MIN ((L->length - h->start) / 28 + 16, G_MAXUINT32 / 2);
  h->shadow.n_rels = 0;
  h->shadow.rels = resp_huge_alloc (h->L.rels_cap, sizeof (RespRelRec));
  h->L.rel_pos = resp_huge_alloc (h->L.rels_cap, sizeof (RespRelPos));
  h->L.rel_ok = resp_huge_alloc (h->L.rels_cap, sizeof (guint8));
  /* without a thread, resp_loader_split_finish() only frees h */
  h->thread = g_thread_try_new ("resp-load", read_second_half, h, NULL);
  return h;
}

/* Copies len bytes from src, a block of resp_huge_alloc(), to dst, giving
 * src's memory back to the system 2 MiB at a time as it goes: the pages of
 * dst that the copy touches first can then be those just given back,
 * instead of memory the system has to find (and zero) afresh. */
static void
copy_releasing (gpointer dst, gpointer src, gsize len)
{
  const gsize chunk = 2u << 20;
  char *d = dst, *s = src;

  for (gsize done = 0; done < len; done += chunk)
    {
      gsize n = MIN (chunk, len - done);
      memcpy (d + done, s + done, n);
#ifdef MADV_DONTNEED
      if (n == chunk && ((guintptr) (s + done) & (chunk - 1)) == 0)
        madvise (s + done, chunk, MADV_DONTNEED);
#endif
    }
}

/* Waits for the second half; with use, appends what it read and moves the
 * reader past it. Frees h. */
gsize
resp_loader_split_brace (const RespLoaderHalf *h)
{
  return h->brace;
}

void
resp_loader_split_finish (RespLoader *L, RespLoaderHalf *h, gboolean use)
{
  if (!use)
    g_atomic_int_set (&h->cancel, TRUE);
  if (h->thread != NULL)
    g_thread_join (h->thread);
  if (use && h->thread != NULL && h->ok)
    {
      RespModel *m = L->m;
      guint32 base = m->n_rels, n = h->shadow.n_rels;

      resp_loader_ensure_rel_capacity (L, n);
      if (resp_json_reader_resume_at (L->r, h->end_off, h->end_line, h->end_line_start))
        {
          copy_releasing (m->rels + base, h->shadow.rels, n * sizeof (RespRelRec));
          copy_releasing (L->rel_pos + base, h->L.rel_pos, n * sizeof (RespRelPos));
          copy_releasing (L->rel_ok + base, h->L.rel_ok, n * sizeof (guint8));
          m->n_rels = base + n;
          for (guint k = 0; k < h->L.pending->len; k++)
            {
              RespPendingRef p = g_array_index (h->L.pending, RespPendingRef, k);
              p.rel += base;
              g_array_append_val (L->pending, p);
            }
          g_array_set_size (h->L.pending, 0);
          if (L->options->splits_used != NULL)
            g_atomic_int_inc (L->options->splits_used);
        }
    }
  for (guint k = 0; k < h->L.pending->len; k++)
    g_free (g_array_index (h->L.pending, RespPendingRef, k).id);
  g_array_unref (h->L.pending);
  resp_diag_sink_finish (&h->L.sink, NULL, NULL);
  g_string_free (h->L.s1, TRUE);
  g_string_free (h->L.s2, TRUE);
  resp_json_reader_free (h->L.r);
  g_free (h->shadow.rels);
  g_free (h->L.rel_pos);
  g_free (h->L.rel_ok);
  g_free (h);
}

