/* resp: the command-line face of libresp
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Argument parsing and printing only: every answer comes from a library
 * call. Exit codes (SPEC §5): 0 success, 1 invalid input (messages on
 * stderr, nothing on stdout), 2 usage error.
 */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <resp/resp.h>

#include "resp-serve.h"
#include "resp-range.h"

enum { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };

typedef struct {
  const char *name;
  const char *args;
  const char *summary;
  int (*run) (int argc, char **argv);
} Command;

static char *opt_format = NULL;
static char *opt_at = NULL;
static char **opt_rulebooks = NULL;
static gboolean opt_list = FALSE;
static int opt_threads = 0;

static int
usage_error (GOptionContext *ctx, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

static int
usage_error (GOptionContext *ctx, const char *fmt, ...)
{
  va_list ap;
  char *msg;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  fprintf (stderr, "resp: %s\n", msg);
  fprintf (stderr, "Try '%s --help'.\n", g_get_prgname ());
  g_free (msg);
  (void) ctx;
  return EXIT_USAGE;
}

/* Parses the options of one command; returns -1 to go on, else an exit code. */
/* Parses the options; then there must be from min_args to max_args
 * arguments. -1 when all is well, else the exit status. */
static int
parse_options_between (GOptionContext *ctx, int *argc, char ***argv, guint min_args, guint max_args)
{
  GError *error = NULL;

  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      int rc = usage_error (ctx, "%s", error->message);
      g_error_free (error);
      return rc;
    }
  if ((guint) *argc - 1 < min_args || (guint) *argc - 1 > max_args)
    {
      if (min_args == max_args)
        return usage_error (ctx, "expected %u argument%s, got %d", min_args,
                            min_args == 1 ? "" : "s", *argc - 1);
      return usage_error (ctx, "expected %u to %u arguments, got %d", min_args, max_args, *argc - 1);
    }
  return -1;
}

static int
parse_options (GOptionContext *ctx, int *argc, char ***argv, guint n_args)
{
  return parse_options_between (ctx, argc, argv, n_args, n_args);
}

static gboolean
parse_format (const char *text, RespFormat *out, gboolean allow_dot)
{
  if (text == NULL || g_str_equal (text, "text"))
    *out = RESP_FORMAT_TEXT;
  else if (g_str_equal (text, "json"))
    *out = RESP_FORMAT_JSON;
  else if (allow_dot && g_str_equal (text, "dot"))
    *out = RESP_FORMAT_DOT;
  else
    return FALSE;
  return TRUE;
}

static int
common_args (GOptionContext *ctx, RespFormat *format, gboolean allow_dot, gint64 *at)
{
  if (!parse_format (opt_format, format, allow_dot))
    return usage_error (ctx, "unknown format '%s' (expected text, json%s)", opt_format,
                        allow_dot ? " or dot" : "");
  if (at != NULL)
    {
      GError *error = NULL;
      if (opt_at == NULL)
        *at = resp_instant_now ();
      else if (!resp_instant_parse (opt_at, at, &error))
        {
          int rc = usage_error (ctx, "--at: %s", error->message);
          g_error_free (error);
          return rc;
        }
    }
  return -1;
}

static void
print_diagnostics (GPtrArray *diags, GError *error)
{
  if (diags != NULL && diags->len > 0)
    for (guint i = 0; i < diags->len; i++)
      {
        char *line = resp_diagnostic_to_string (diags->pdata[i]);
        fprintf (stderr, "%s\n", line);
        g_free (line);
      }
  else if (error != NULL)
    fprintf (stderr, "%s\n", error->message);
}

/* All of standard input, for a file argument `-` (events or a record
 * piped in); NULL with the reason on stderr when it cannot be read. */
static GBytes *
read_stdin (void)
{
  GByteArray *all = g_byte_array_new ();
  guint8 buf[65536];
  ssize_t n;

  while ((n = read (STDIN_FILENO, buf, sizeof buf)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          fprintf (stderr, "resp: cannot read standard input: %s\n", g_strerror (errno));
          g_byte_array_unref (all);
          return NULL;
        }
      g_byte_array_append (all, buf, (guint) n);
    }
  return g_byte_array_free_to_bytes (all);
}

/* The events of path, or of standard input for `-` (named <stdin> in
 * messages). */
static RespEventBatch *
load_events (RespModel *model, RespRulebook *rulebook, const char *path, GPtrArray **diags, GError **error)
{
  GBytes *bytes;
  RespEventBatch *batch;
  gsize len;
  const char *data;

  if (!g_str_equal (path, "-"))
    return resp_event_batch_new_from_file (model, rulebook, path, diags, error);
  if ((bytes = read_stdin ()) == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  batch = resp_event_batch_new_from_data (model, rulebook, data != NULL ? data : "", (gssize) len, "<stdin>",
                                          diags, error);
  g_bytes_unref (bytes);
  return batch;
}

/* The record of path, or of standard input for `-`. */
static RespRecord *
load_record (RespModel *model, RespRulebook *rulebook, const char *path, GPtrArray **diags, GError **error)
{
  GBytes *bytes;
  RespRecord *record;
  gsize len;
  const char *data;

  if (!g_str_equal (path, "-"))
    return resp_record_new_from_file (model, rulebook, path, diags, error);
  if ((bytes = read_stdin ()) == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  record = resp_record_new_from_data (model, rulebook, data != NULL ? data : "", (gssize) len, "<stdin>",
                                      diags, error);
  g_bytes_unref (bytes);
  return record;
}

static RespModel *
load_model (const char *path)
{
  GPtrArray *diags = NULL;
  GError *error = NULL;
  /* a snapshot read into memory of our own, not mapped: a command must not
   * die (SIGBUS) because someone copies a new snapshot over the file while
   * it runs */
  RespModel *model = resp_model_new_from_file_with_flags (path, RESP_MODEL_FLAGS_PRIVATE_COPY, NULL,
                                                          &diags, &error);

  if (model == NULL)
    print_diagnostics (diags, error);
  g_clear_error (&error);
  if (diags != NULL)
    g_ptr_array_unref (diags);
  return model;
}

static void
emit (char *text)
{
  fputs (text, stdout);
  g_free (text);
}

static GOptionEntry format_entries[] = {
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, "Output format: text or json", "FORMAT" },
  { NULL }
};

static GOptionEntry format_at_entries[] = {
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, "Output format: text or json", "FORMAT" },
  { "at", 0, 0, G_OPTION_ARG_STRING, &opt_at,
    "Instant: YYYY-MM-DD (00:00 at +08:00) or RFC 3339 (default: now)", "TIME" },
  { NULL }
};

static GOptionEntry who_entries[] = {
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, "Output format: text, json or dot", "FORMAT" },
  { "at", 0, 0, G_OPTION_ARG_STRING, &opt_at,
    "Instant: YYYY-MM-DD (00:00 at +08:00) or RFC 3339 (default: now)", "TIME" },
  { NULL }
};

static GOptionContext *
new_context (const char *params, const char *summary, GOptionEntry *entries)
{
  GOptionContext *ctx = g_option_context_new (params);

  g_option_context_set_summary (ctx, summary);
  g_option_context_add_main_entries (ctx, entries, NULL);
  return ctx;
}

static int
cmd_validate (int argc, char **argv)
{
  GOptionContext *ctx = new_context ("MODEL", "Load a model file and check it (docs/model.md).",
                                     format_entries);
  RespFormat format = RESP_FORMAT_TEXT;
  RespModel *model;
  int rc;

  if ((rc = parse_options (ctx, &argc, &argv, 1)) >= 0 ||
      (rc = common_args (ctx, &format, FALSE, NULL)) >= 0)
    goto out;
  model = load_model (argv[1]);
  if (model == NULL)
    {
      rc = EXIT_INVALID;
      goto out;
    }
  emit (resp_model_render (model, format));
  resp_model_unref (model);
  rc = EXIT_OK;
out:
  g_option_context_free (ctx);
  return rc;
}

/* A question about one node of a model at an instant, answered in a format;
 * NULL (with error) when the model has no such node of the right type. */
typedef char *(*NodeQuery) (RespModel *model, const char *id, gint64 at, RespFormat format,
                            GError **error);

static char *
query_who (RespModel *model, const char *id, gint64 at, RespFormat format, GError **error)
{
  RespRoles *roles = resp_model_resolve_roles (model, id, at, error);
  char *text = roles != NULL ? resp_roles_render (roles, format) : NULL;

  g_clear_pointer (&roles, resp_roles_unref);
  return text;
}

static char *
query_scope (RespModel *model, const char *id, gint64 at, RespFormat format, GError **error)
{
  RespScope *scope = resp_model_scope_person (model, id, at, error);
  char *text = scope != NULL ? resp_scope_render (scope, format) : NULL;

  g_clear_pointer (&scope, resp_scope_unref);
  return text;
}

/* `resp who` and `resp scope`: MODEL NODE [--at] [--format]. */
static int
run_node_query (int argc, char **argv, GOptionContext *ctx, gboolean allow_dot, NodeQuery query)
{
  RespFormat format = RESP_FORMAT_TEXT;
  RespModel *model;
  GError *error = NULL;
  char *text;
  gint64 at;
  int rc;

  if ((rc = parse_options (ctx, &argc, &argv, 2)) >= 0 ||
      (rc = common_args (ctx, &format, allow_dot, &at)) >= 0)
    goto out;
  model = load_model (argv[1]);
  if (model == NULL)
    {
      rc = EXIT_INVALID;
      goto out;
    }
  text = query (model, argv[2], at, format, &error);
  if (text == NULL)
    {
      fprintf (stderr, "resp: %s\n", error->message);
      g_error_free (error);
      rc = EXIT_INVALID;
    }
  else
    {
      emit (text);
      rc = EXIT_OK;
    }
  resp_model_unref (model);
out:
  g_option_context_free (ctx);
  return rc;
}

static int
cmd_who (int argc, char **argv)
{
  return run_node_query (argc, argv,
                         new_context ("MODEL NODE",
                                      "Every duty role of a system, unit or committee at an instant, with the path to each holder.",
                                      who_entries),
                         TRUE, query_who);
}

static int
cmd_scope (int argc, char **argv)
{
  return run_node_query (argc, argv,
                         new_context ("MODEL PERSON", "What a person is responsible for at an instant.",
                                      format_at_entries),
                         FALSE, query_scope);
}

static int
cmd_audit (int argc, char **argv)
{
  GOptionContext *ctx = new_context ("MODEL",
                                     "Completeness of the responsibility system (docs/model.md): the whole "
                                     "timeline, or with --at only what is missing at that instant.",
                                     format_at_entries);
  RespFormat format = RESP_FORMAT_TEXT;
  RespModel *model;
  RespAudit *audit;
  gint64 at = 0;
  int rc;

  if ((rc = parse_options (ctx, &argc, &argv, 1)) >= 0 ||
      (rc = common_args (ctx, &format, FALSE, opt_at != NULL ? &at : NULL)) >= 0)
    goto out;
  model = load_model (argv[1]);
  if (model == NULL)
    {
      rc = EXIT_INVALID;
      goto out;
    }
  audit = opt_at != NULL ? resp_model_audit_at (model, at) : resp_model_audit (model);
  emit (resp_audit_render (audit, format));
  resp_audit_unref (audit);
  resp_model_unref (model);
  rc = EXIT_OK;
out:
  g_option_context_free (ctx);
  return rc;
}

/* The rulebook the --rulebook options name, layer on layer, or the
 * default; NULL after printing why. */
static RespRulebook *
load_rulebook (void)
{
  GPtrArray *diags = NULL;
  GError *error = NULL;
  RespRulebook *rulebook;

  if (opt_rulebooks == NULL)
    return resp_rulebook_new_default ();
  rulebook = resp_rulebook_new_layered ((const char * const *) opt_rulebooks, NULL, &diags, &error);
  if (rulebook == NULL)
    print_diagnostics (diags, error);
  g_clear_error (&error);
  g_clear_pointer (&diags, g_ptr_array_unref);
  return rulebook;
}

static char *opt_record = NULL;

/* A stretch of events assessed by several threads, each with an assessor
 * of its own, then rendered by them a piece at a time. */
typedef struct {
  RespModel      *model;
  RespRulebook   *rulebook;
  RespRecord     *record;
  RespEvent     **events;
  guint           n;
  RespVerdict   **out;
  gint            next;           /* the next event to take, from 0 */
  GMutex          lock;
  GCond           cond;
  guint           helping;        /* pool threads still at work on it */
  /* rendering: the pieces [next_piece, end_piece) of RENDER_PIECE verdicts,
   * each into its texts[] */
  gboolean        rendering;
  gboolean        list;
  RespFormat      format;
  char          **texts;
  gint            next_piece;
  guint           end_piece;
} Stretch;

static gpointer
assess_stretch (gpointer data)
{
  Stretch *s = data;
  RespAssessor *a = resp_assessor_new (s->model, s->rulebook);
  guint i;

  if (s->record != NULL)
    resp_assessor_set_record (a, s->record);
  while ((i = (guint) g_atomic_int_add (&s->next, 1)) < s->n)
    s->out[i] = resp_assessor_assess (a, s->events[i]);
  resp_assessor_unref (a);
  return NULL;
}

/* Events assessed and written a stretch at a time as they are read, so
 * that memory stays bounded however many there are: the output is byte
 * for byte what one resp_verdicts_render() of them all would write (a JSON
 * array is opened once, each stretch's items spliced in, closed at the
 * end). */
#define STRETCH 4096
#define RENDER_PIECE 64
/* Pieces rendered at a time by each thread before they are written: the
 * text held is two pieces a thread (some hundreds of kilobytes on a few
 * threads) */
#define PIECES_PER_THREAD 2

static void
render_pieces (Stretch *s)
{
  guint p;

  while ((p = (guint) g_atomic_int_add (&s->next_piece, 1)) < s->end_piece)
    {
      guint b = p * RENDER_PIECE;

      s->texts[p] = resp_verdicts_render (s->out + b, MIN (RENDER_PIECE, s->n - b), s->list, s->format);
    }
}

typedef struct {
  RespModel    *model;
  RespRulebook *rulebook;
  const char   *record_path;    /* --record, loaded before the first verdict */
  RespRecord   *record;
  gboolean      record_failed;
  RespFormat    format;
  guint         n_threads;
  GPtrArray    *stretch;        /* RespEvent*, the events not yet assessed */
  RespVerdict **out;
  GThreadPool  *pool;           /* n_threads - 1 threads kept for every
                                 * stretch (a thread made per stretch would
                                 * leave malloc arenas behind it) */
  guint         written;        /* events written so far */
} Writer;

/* A pool thread's share of a stretch */
static void
help_stretch (gpointer data, gpointer unused)
{
  Stretch *s = data;

  (void) unused;
  if (s->rendering)
    render_pieces (s);
  else
    assess_stretch (s);
  g_mutex_lock (&s->lock);
  if (--s->helping == 0)
    g_cond_signal (&s->cond);
  g_mutex_unlock (&s->lock);
}

/* The record, once: after every event is known to be valid (its errors
 * come after theirs, as they always have). FALSE when it fails to load. */
static gboolean
writer_record (Writer *w)
{
  GPtrArray *diags = NULL;
  GError *error = NULL;

  if (w->record_path == NULL || w->record != NULL || w->record_failed)
    return !w->record_failed;
  w->record = load_record (w->model, w->rulebook, w->record_path, &diags, &error);
  if (w->record == NULL)
    {
      print_diagnostics (diags, error);
      w->record_failed = TRUE;
    }
  g_clear_error (&error);
  g_clear_pointer (&diags, g_ptr_array_unref);
  return !w->record_failed;
}

/* The pool's k - 1 threads and this one on the stretch until its work
 * (assessing, or rendering the pieces set) is done */
static void
stretch_run (Writer *w, Stretch *s, guint k)
{
  /* counted from a copy: a helper may be done, and have counted itself
   * off, before the last is pushed */
  guint helpers = k > 1 && w->pool != NULL ? k - 1 : 0;

  s->helping = helpers;
  for (guint t = 0; t < helpers; t++)
    g_thread_pool_push (w->pool, s, NULL);
  if (s->rendering)
    render_pieces (s);
  else
    assess_stretch (s);
  g_mutex_lock (&s->lock);
  while (s->helping > 0)
    g_cond_wait (&s->cond, &s->lock);
  g_mutex_unlock (&s->lock);
}

/* A rendered piece written after those before it */
static void
writer_put_piece (Writer *w, char *text, gboolean list)
{
  if (w->format == RESP_FORMAT_JSON && list)
    {
      /* "[\n" ITEMS "\n]\n": the items, after those written before */
      gsize len = strlen (text);

      fputs (w->written == 0 ? "[\n" : ",\n", stdout);
      if (len >= 5 && g_str_has_prefix (text, "[\n") && g_str_has_suffix (text, "\n]\n"))
        fwrite (text + 2, 1, len - 5, stdout);
    }
  else
    {
      /* the text's separator between verdicts, as resp_verdicts_render() writes it */
      if (w->written > 0 && w->format == RESP_FORMAT_TEXT)
        fputs ("\n────────────────────────────────\n\n", stdout);
      fputs (text, stdout);
    }
}

/* Assesses and writes the events held; list: whether the output is a list */
static void
writer_flush (Writer *w, gboolean list)
{
  Stretch s = { w->model, w->rulebook, w->record, (RespEvent **) w->stretch->pdata, w->stretch->len, w->out, 0,
                { 0 }, { 0 }, 0, FALSE, list, w->format, NULL, 0, 0 };
  guint k = MIN (w->n_threads, (s.n + 63) / 64);
  guint n_pieces = (s.n + RENDER_PIECE - 1) / RENDER_PIECE;

  if (s.n == 0)
    return;
  g_mutex_init (&s.lock);
  g_cond_init (&s.cond);
  if (k > 1 && w->pool == NULL)
    w->pool = g_thread_pool_new (help_stretch, NULL, (gint) w->n_threads - 1, TRUE, NULL);
  stretch_run (w, &s, k);

  /* rendered a piece at a time (a stretch's text whole would be megabytes,
   * some 3 KB a verdict in JSON), two pieces for each of the stretch's
   * threads at once, written in order */
  s.rendering = TRUE;
  s.texts = g_new0 (char *, n_pieces);
  for (guint first = 0; first < n_pieces; first = s.end_piece)
    {
      s.next_piece = (gint) first;
      s.end_piece = MIN (n_pieces, first + k * PIECES_PER_THREAD);
      stretch_run (w, &s, MIN (k, s.end_piece - first));
      for (guint p = first; p < s.end_piece; p++)
        {
          guint b = p * RENDER_PIECE, m = MIN (RENDER_PIECE, s.n - b);

          writer_put_piece (w, s.texts[p], list);
          g_clear_pointer (&s.texts[p], g_free);
          for (guint i = b; i < b + m; i++)
            resp_verdict_unref (w->out[i]);
          w->written += m;
        }
    }
  g_free (s.texts);
  g_mutex_clear (&s.lock);
  g_cond_clear (&s.cond);
  g_ptr_array_set_size (w->stretch, 0);
}

/* One more event (RespEventFunc): written with a full stretch, which makes
 * the output a list whatever the file's shape */
static gboolean
writer_take (RespEvent *event, gpointer data)
{
  Writer *w = data;

  if (!writer_record (w))
    return FALSE;
  g_ptr_array_add (w->stretch, resp_event_ref (event));
  if (w->stretch->len == STRETCH)
    writer_flush (w, TRUE);
  return TRUE;
}

static void
writer_init (Writer *w, RespModel *model, RespRulebook *rulebook, const char *record_path, RespFormat format)
{
  memset (w, 0, sizeof *w);
  w->model = model;
  w->rulebook = rulebook;
  w->record_path = record_path;
  w->format = format;
  w->n_threads = MAX (opt_threads > 0 ? (guint) opt_threads : g_get_num_processors (), 1);
  w->stretch = g_ptr_array_new_with_free_func ((GDestroyNotify) resp_event_unref);
  w->out = g_new0 (RespVerdict *, STRETCH);
}

/* The rest written, the list closed (is_list: the file's shape). FALSE
 * when the record failed to load. */
static gboolean
writer_finish (Writer *w, gboolean is_list)
{
  guint n = w->written + w->stretch->len;
  gboolean list = is_list || n != 1;

  if (!writer_record (w))
    return FALSE;
  if (n == 0)
    emit (resp_verdicts_render (NULL, 0, list, w->format));
  else
    {
      writer_flush (w, list);
      if (w->format == RESP_FORMAT_JSON && list)
        fputs ("\n]\n", stdout);
    }
  return TRUE;
}

static void
writer_clear (Writer *w)
{
  g_ptr_array_unref (w->stretch);
  g_clear_pointer (&w->record, resp_record_unref);
  g_free (w->out);
  if (w->pool != NULL)
    g_thread_pool_free (w->pool, FALSE, TRUE);
}

static GOptionEntry assess_entries[] = {
  { "record", 0, 0, G_OPTION_ARG_FILENAME, &opt_record,
    "The record of duties (docs/duties.md): facts it settles are derived where an event is silent", "FILE" },
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, "Output format: text, json or dot", "FORMAT" },
  { "rulebook", 'r', 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_rulebooks,
    "A rulebook layer: a file or the name of a shipped rulebook (see `resp rulebook --list`); "
    "repeat it to stack layers, bottom first (default: the rulebook compiled into libresp)", "R" },
  { "threads", 'j', 0, G_OPTION_ARG_INT, &opt_threads, "Threads for many events (default: all processors)", "N" },
  { NULL }
};

static int
cmd_assess (int argc, char **argv)
{
  GOptionContext *ctx = new_context ("MODEL EVENTS",
                                     "Verdicts, one per event (docs/verdicts.md): who bears direct, primary "
                                     "leadership or important leadership responsibility, why, and through "
                                     "which chain. EVENTS is one JSON object, a JSON array or JSON Lines; "
                                     "- reads them from standard input (as --record - reads the record).",
                                     assess_entries);
  RespFormat format = RESP_FORMAT_TEXT;
  RespModel *model = NULL;
  RespRulebook *rulebook = NULL;
  RespEventBatch *batch = NULL;
  GPtrArray *diags = NULL;
  GError *error = NULL;
  Writer w;
  gboolean is_list = FALSE, ok;
  int rc;

  if ((rc = parse_options (ctx, &argc, &argv, 2)) >= 0 ||
      (rc = common_args (ctx, &format, TRUE, NULL)) >= 0)
    goto out;
  if (opt_threads < 0)
    {
      rc = usage_error (ctx, "--threads must not be negative");
      goto out;
    }
  rc = EXIT_INVALID;
  rulebook = load_rulebook ();
  if (rulebook == NULL)
    goto out;
  model = load_model (argv[1]);
  if (model == NULL)
    goto out;
  writer_init (&w, model, rulebook, opt_record, format);
  if (g_str_equal (argv[2], "-"))
    {
      /* standard input is read whole anyway: a batch */
      batch = load_events (model, rulebook, argv[2], &diags, &error);
      if (batch != NULL)
        {
          is_list = resp_event_batch_get_is_list (batch);
          for (guint i = 0; i < resp_event_batch_get_n_events (batch); i++)
            if (!writer_take (resp_event_batch_get_event (batch, i), &w))
              break;
        }
      ok = batch != NULL;
    }
  else
    /* a file: checked whole, then its events read and written a stretch at
     * a time */
    ok = resp_events_foreach_in_file (model, rulebook, argv[2], NULL, writer_take, &w, &is_list, &diags, &error);
  if (!ok)
    print_diagnostics (diags, error);
  else if (writer_finish (&w, is_list))
    rc = EXIT_OK;
  writer_clear (&w);
out:
  g_clear_error (&error);
  g_clear_pointer (&diags, g_ptr_array_unref);
  g_clear_pointer (&batch, resp_event_batch_unref);
  g_clear_pointer (&model, resp_model_unref);
  g_clear_pointer (&rulebook, resp_rulebook_unref);
  g_option_context_free (ctx);
  return rc;
}

static char *opt_output = NULL;
static char *opt_year = NULL;
static char *opt_from = NULL;
static char *opt_until = NULL;
static char *opt_node = NULL;

static GOptionEntry duties_entries[] = {
  { "year", 'y', 0, G_OPTION_ARG_STRING, &opt_year, "The calendar year to check (at +08:00)", "YYYY" },
  { "from", 0, 0, G_OPTION_ARG_STRING, &opt_from, "The start of the range (with --until)", "TIME" },
  { "until", 0, 0, G_OPTION_ARG_STRING, &opt_until, "The end of the range (with --from)", "TIME" },
  { "at", 0, 0, G_OPTION_ARG_STRING, &opt_at,
    "The query instant: entries before it count (default: now)", "TIME" },
  { "node", 'n', 0, G_OPTION_ARG_STRING, &opt_node,
    "Only this node's slots, notices and scorecard (a committee: its scorecard's slots)", "ID" },
  { "rulebook", 'r', 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_rulebooks,
    "A rulebook layer: a file or a shipped name; repeat to stack layers (default: the default rulebook)", "R" },
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, "Output format: text, json or csv", "FORMAT" },
  { NULL }
};

/* What a long run is doing, on stderr when that is a terminal. */
static void
progress (const char *what)
{
  static gint64 started;

  if (!isatty (STDERR_FILENO))
    return;
  if (started == 0)
    started = g_get_monotonic_time ();
  if (what == NULL)
    fprintf (stderr, "\r\033[K");
  else
    fprintf (stderr, "\r\033[Kresp: %s… (%.1f s)", what, (g_get_monotonic_time () - started) / 1e6);
  fflush (stderr);
}

/* --at, and the range from --year or --from/--until (default: the year of
 * --at). -1 when they are fine, else the exit status. */
static int
duties_range (GOptionContext *ctx, gint64 *from, gint64 *until, gint64 *at)
{
  char *message = resp_duties_range (opt_year, opt_from, opt_until, opt_at, "--", from, until, at);
  int rc = message != NULL ? usage_error (ctx, "%s", message) : -1;

  g_free (message);
  return rc;
}

static int
cmd_duties (int argc, char **argv)
{
  GOptionContext *ctx = new_context ("MODEL RECORD",
                                     "Duty slots, notices and scorecards (docs/duties.md): which duty of "
                                     "the rulebook was fulfilled period by period, which was not and who "
                                     "answers for it, the notices' rectification, and a scorecard per "
                                     "committee for the cadre department. RECORD - reads it from "
                                     "standard input.",
                                     duties_entries);
  RespFormat format = RESP_FORMAT_TEXT;
  RespModel *model = NULL;
  RespRulebook *rulebook = NULL;
  RespRecord *record = NULL;
  RespDuties *duties = NULL;
  GPtrArray *diags = NULL;
  GError *error = NULL;
  gint64 from = 0, until = 0, at = 0;
  int rc;

  if ((rc = parse_options (ctx, &argc, &argv, 2)) >= 0)
    goto out;
  if (opt_format != NULL && g_str_equal (opt_format, "csv"))
    format = RESP_FORMAT_CSV;
  else if (!parse_format (opt_format, &format, FALSE))
    {
      rc = usage_error (ctx, "unknown format '%s' (expected text, json or csv)", opt_format);
      goto out;
    }
  if ((rc = duties_range (ctx, &from, &until, &at)) >= 0)
    goto out;
  rc = EXIT_INVALID;
  rulebook = load_rulebook ();
  if (rulebook == NULL)
    goto out;
  progress ("读取模型");
  model = load_model (argv[1]);
  if (model == NULL)
    goto out;
  progress ("读取履职记录");
  record = load_record (model, rulebook, argv[2], &diags, &error);
  if (record == NULL)
    {
      progress (NULL);
      print_diagnostics (diags, error);
      goto out;
    }
  progress ("检查履职情况");
  duties = resp_model_check_duties (model, rulebook, record, from, until, at, opt_node, &error);
  progress (NULL);
  if (duties == NULL)
    {
      fprintf (stderr, "resp: %s\n", error->message);
      goto out;
    }
  emit (resp_duties_render (duties, format));
  rc = EXIT_OK;
out:
  progress (NULL);
  g_clear_error (&error);
  g_clear_pointer (&diags, g_ptr_array_unref);
  g_clear_pointer (&duties, resp_duties_unref);
  g_clear_pointer (&record, resp_record_unref);
  g_clear_pointer (&model, resp_model_unref);
  g_clear_pointer (&rulebook, resp_rulebook_unref);
  g_option_context_free (ctx);
  return rc;
}

static GOptionEntry compile_entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "The snapshot to write (required)", "FILE" },
  { NULL }
};

static int
cmd_compile (int argc, char **argv)
{
  GOptionContext *ctx = new_context ("MODEL -o FILE",
                                     "Check a model and write it as a snapshot that every command opens "
                                     "by mapping, without parsing.", compile_entries);
  RespModel *model;
  GError *error = NULL;
  int rc;

  if ((rc = parse_options (ctx, &argc, &argv, 1)) >= 0)
    goto out;
  if (opt_output == NULL)
    {
      rc = usage_error (ctx, "-o FILE is required");
      goto out;
    }
  model = load_model (argv[1]);
  if (model == NULL)
    {
      rc = EXIT_INVALID;
      goto out;
    }
  if (!resp_model_write_snapshot (model, opt_output, &error))
    {
      fprintf (stderr, "resp: %s\n", error->message);
      g_error_free (error);
      rc = EXIT_INVALID;
    }
  else
    rc = EXIT_OK;
  resp_model_unref (model);
out:
  g_option_context_free (ctx);
  return rc;
}

static GOptionEntry rulebook_entries[] = {
  { "list", 'l', 0, G_OPTION_ARG_NONE, &opt_list, "List the names of the shipped rulebooks", NULL },
  { NULL }
};

static int
cmd_rulebook (int argc, char **argv)
{
  GOptionContext *ctx = new_context ("[NAME]", "Print a rulebook shipped with libresp: the default "
                                     "(cn-party-cyber-2017) or the one named; --list names them all "
                                     "(the format is described in docs/rulebook.md).", rulebook_entries);
  GBytes *bytes;
  gsize len;
  const char *data;
  int rc;

  if ((rc = parse_options_between (ctx, &argc, &argv, 0, 1)) >= 0)
    goto out;
  if (opt_list && argc > 1)
    {
      rc = usage_error (ctx, "--list takes no NAME");
      goto out;
    }
  if (opt_list)
    {
      char **names = resp_rulebook_list_shipped ();

      for (guint i = 0; names[i] != NULL; i++)
        printf ("%s\n", names[i]);
      g_strfreev (names);
      rc = EXIT_OK;
      goto out;
    }
  bytes = argc > 1 ? resp_rulebook_get_shipped_source (argv[1]) : resp_rulebook_get_default_source ();
  if (bytes == NULL)
    {
      char **names = resp_rulebook_list_shipped ();
      char *all = g_strjoinv (", ", names);

      fprintf (stderr, "resp: no shipped rulebook '%s' (there are: %s)\n", argv[1], all);
      g_free (all);
      g_strfreev (names);
      rc = EXIT_INVALID;
      goto out;
    }
  data = g_bytes_get_data (bytes, &len);
  fwrite (data, 1, len, stdout);
  g_bytes_unref (bytes);
  rc = EXIT_OK;
out:
  g_option_context_free (ctx);
  return rc;
}

static int
cmd_serve (int argc, char **argv)
{
  return resp_serve_main (argc, argv);
}

static const Command commands[] = {
  { "validate", "MODEL", "load and check a model; print a one-line summary", cmd_validate },
  { "who", "MODEL NODE [--at TIME]", "all roles for a system, unit or committee", cmd_who },
  { "scope", "MODEL PERSON [--at TIME]", "what a person is responsible for", cmd_scope },
  { "audit", "MODEL [--at TIME]", "completeness findings of the responsibility system", cmd_audit },
  { "assess", "MODEL EVENTS [--rulebook R]… [--record FILE]", "verdicts, one per event", cmd_assess },
  { "duties", "MODEL RECORD [--year Y | --from T --until T] [--at T] [--node ID] [--rulebook R]…",
    "duty slots, notices and scorecards", cmd_duties },
  { "rulebook", "[NAME] [--list]", "print a shipped rulebook (the default), or list their names", cmd_rulebook },
  { "compile", "MODEL -o FILE", "write a snapshot that opens without parsing", cmd_compile },
  { "serve", "MODEL [--rulebook R]… [--record FILE] [--listen ADDR:PORT]",
    "answer the questions above over HTTP (JSON under /v1)", cmd_serve },
};

static void
print_usage (FILE *f)
{
  fprintf (f, "Usage: resp COMMAND [OPTIONS] ARGS…\n\n"
              "The cybersecurity responsibility system of Party committees (党委（党组）网络安全工作责任制).\n\n"
              "Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (f, "  %-9s %-32s %s\n", commands[i].name, commands[i].args, commands[i].summary);
  fprintf (f, "\nEvery command takes --help; most take --format text|json (who and assess also dot).\n"
              "Exit status: 0 success, 1 invalid input, 2 usage error.\n");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("resp %s\n", resp_get_version ());
      return EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        char *prgname = g_strdup_printf ("resp %s", commands[i].name);
        int rc;

        g_set_prgname (prgname);
        rc = commands[i].run (argc - 1, argv + 1);
        g_free (prgname);
        g_free (opt_format);
        g_free (opt_at);
        g_strfreev (opt_rulebooks);
        g_free (opt_output);
        g_free (opt_year);
        g_free (opt_record);
        g_free (opt_from);
        g_free (opt_until);
        g_free (opt_node);
        return rc;
      }
  fprintf (stderr, "resp: unknown command '%s'\n\n", argv[1]);
  print_usage (stderr);
  return EXIT_USAGE;
}
