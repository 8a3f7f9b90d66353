/* resp-bench: libresp at national scale, and against what one would write in SQL
 *
 *   resp-bench --size L --json
 *
 * Generates (or reuses) a synthetic country with resp-gen, then measures in
 * one run: model load from JSON, snapshot open, resident memory per node
 * and relation, role resolution and assessment per event on one thread,
 * batch throughput on every core and on one thread (alternating rounds,
 * their ratio the scaling), and the same work done by an in-memory
 * SQLite database (bench/sqlite-baseline.c): for the first 2,000 events,
 * whatever their status, every subject's roles, the circumstances from
 * the event's facts and the liability rules with each liable person's
 * authority and proposer, worked out by the baseline on its own, timed
 * interleaved with libresp on the same events in this process, and every
 * answer compared (a disagreement fails the run). Then the duties of SPEC §8: a
 * national record of one year (resp-gen --record) loaded against the model
 * and the shipped rulebook cn-local-2026-example, and every slot of that
 * year checked, scorecards included, on one thread. With --counts, the
 * assess loop alone (resp-assess-loop) under callgrind gives instructions
 * and simulated last-level misses per event, which do not depend on the
 * machine's load; every --json carries the load average at the start and
 * at the end of the run.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <malloc.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "resp.h"
#include "resp-model-private.h"
#include "resp-event-private.h"
#include "resp-verdict-private.h"
#include "resp-rulebook-private.h"
#include "sqlite-baseline.h"
#ifdef RESP_HAVE_PG
#include "pg-baseline.h"
#endif

static char *opt_size = "S";
static gboolean opt_json = FALSE;
static char *opt_workdir = NULL;
static int opt_seed = 1;
static int opt_events = 20000;
static int opt_sqlite_events = 2000;
static gboolean opt_counts = FALSE;
static int opt_pg_events = 2000;
static int opt_record_year = 2026;
static int opt_duty_rounds = 5;

/* batch rounds on every core and on one thread, alternating */
#define BATCH_ROUNDS 9

static GOptionEntry entries[] = {
  { "size", 's', 0, G_OPTION_ARG_STRING, &opt_size, "S (~10k nodes), M (~100k) or L (>= 1M)", "SIZE" },
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Print one JSON object with the results", NULL },
  { "workdir", 'w', 0, G_OPTION_ARG_FILENAME, &opt_workdir, "Where generated files are kept (default: a cache dir)", "DIR" },
  { "seed", 0, 0, G_OPTION_ARG_INT, &opt_seed, "Generator seed (default 1)", "N" },
  { "events", 'n', 0, G_OPTION_ARG_INT, &opt_events, "Events to generate and assess (default 20000)", "N" },
  { "sqlite-events", 0, 0, G_OPTION_ARG_INT, &opt_sqlite_events, "Events checked and timed against SQLite, the first N (default 2000)", "N" },
  { "pg-events", 0, 0, G_OPTION_ARG_INT, &opt_pg_events, "Events checked and timed against PostgreSQL on a throw-away cluster, the first N (default 2000; 0: skip it; built only with libpq)", "N" },
  { "counts", 0, 0, G_OPTION_ARG_NONE, &opt_counts, "Also count instructions and LL misses per assessment under callgrind", NULL },
  { "record-year", 0, 0, G_OPTION_ARG_INT, &opt_record_year, "Year of the generated record whose duties are checked (default 2026)", "YYYY" },
  { "duty-rounds", 0, 0, G_OPTION_ARG_INT, &opt_duty_rounds, "Times the duty check is run, for its median (default 5)", "N" },
  { NULL }
};

static gint64
now_ns (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static gint64
rss_bytes (void)
{
  char *text = NULL;
  long pages = 0, resident = 0;

  if (g_file_get_contents ("/proc/self/statm", &text, NULL, NULL))
    sscanf (text, "%ld %ld", &pages, &resident);
  g_free (text);
  return (gint64) resident * sysconf (_SC_PAGESIZE);
}

/* The peak resident size since the last reset_peak_rss(), from the kernel's
 * high-water mark. */
static gint64
peak_rss_bytes (void)
{
  char *text = NULL, *line;
  gint64 kb = 0;

  if (g_file_get_contents ("/proc/self/status", &text, NULL, NULL) && (line = strstr (text, "VmHWM:")) != NULL)
    kb = g_ascii_strtoll (line + 6, NULL, 10);
  g_free (text);
  return kb * 1024;
}

static void
reset_peak_rss (void)
{
  /* "5" resets the high-water mark (Linux 4.0 and later); written in
   * place, as g_file_set_contents() would write a new file and rename it */
  FILE *f = fopen ("/proc/self/clear_refs", "w");

  if (f != NULL)
    {
      fputs ("5", f);
      fclose (f);
    }
}

static int
cmp_i64 (const void *a, const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static int
cmp_str (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static gint64
median (GArray *samples)
{
  if (samples->len == 0)
    return 0;
  qsort (samples->data, samples->len, sizeof (gint64), cmp_i64);
  return g_array_index (samples, gint64, samples->len / 2);
}

static void
progress (const char *fmt, ...) G_GNUC_PRINTF (1, 2);

static void
progress (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  fprintf (stderr, "resp-bench: ");
  vfprintf (stderr, fmt, ap);
  fprintf (stderr, "\n");
  va_end (ap);
}

/* Writes what is missing of the model, the events and the record (NULL:
 * present already) with resp-gen; the same seed writes the same model. */
static void
generate (const char *model, const char *events, const char *record)
{
  char *seed = g_strdup_printf ("%d", opt_seed), *n = g_strdup_printf ("%d", opt_events);
  char *year = g_strdup_printf ("%d", opt_record_year);
  const char *argv[16] = { RESP_GEN, "--size", opt_size, "--seed", seed };
  guint argc = 5;
  GError *error = NULL;
  int status = 0;

  if (model != NULL)
    {
      argv[argc++] = "--model";
      argv[argc++] = model;
    }
  if (events != NULL)
    {
      argv[argc++] = "--events";
      argv[argc++] = events;
      argv[argc++] = "--n-events";
      argv[argc++] = n;
    }
  if (record != NULL)
    {
      argv[argc++] = "--record";
      argv[argc++] = record;
      argv[argc++] = "--record-year";
      argv[argc++] = year;
    }
  argv[argc] = NULL;
  progress ("generating size %s (seed %d:%s%s%s) with resp-gen", opt_size, opt_seed, model ? " model" : "",
            events ? " events" : "", record ? " record" : "");
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                     &status, &error) || !g_spawn_check_wait_status (status, &error))
    {
      fprintf (stderr, "resp-bench: resp-gen failed: %s\n", error->message);
      exit (1);
    }
  g_free (seed);
  g_free (n);
  g_free (year);
}

/* ---- the SQLite baseline, equal work (issue 17 item 1) ---- */

/* An event as its file states it, for the baseline: ids, facts, decisions
 * and exemptions, nothing of libresp's verdict. */
typedef struct {
  SqliteBaselineEvent    ev;
  GPtrArray             *lists;       /* the NULL-terminated id arrays */
  SqliteBaselineDecision *decisions;
} BaselineEvent;

static const char *const *
id_list (BaselineEvent *b, const RespModel *m, const guint32 *nodes, guint n)
{
  GPtrArray *list = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (list, (gpointer) resp_model_node_id (m, nodes[i]));
  g_ptr_array_add (list, NULL);
  g_ptr_array_add (b->lists, list);
  return (const char *const *) list->pdata;
}

static void
baseline_event_init (BaselineEvent *b, const RespModel *m, RespRulebook *rb, const RespEvent *ev)
{
  GArray *ex = g_array_new (FALSE, FALSE, sizeof (guint32));

  memset (b, 0, sizeof *b);
  b->lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  b->ev.at = ev->occurred_at;
  b->ev.subjects = id_list (b, m, ev->subjects.data, ev->subjects.len);
  b->ev.involved = id_list (b, m, ev->involved.data, ev->involved.len);
  for (guint f = 0; f < SQLITE_BASELINE_N_FACTS; f++)
    {
      int i = resp_rulebook_find_fact (rb, sqlite_baseline_fact_names[f]);
      const RespValue *v = i >= 0 ? &ev->facts[i] : NULL;

      if (v == NULL || v->type == RESP_VALUE_UNKNOWN)
        continue;
      b->ev.facts[f].known = TRUE;
      /* a value's number is set only when it is one (a string gave 0 when
       * the two had places of their own) */
      b->ev.facts[f].value = v->type == RESP_VALUE_BOOL ? (double) v->boolean
                             : v->type == RESP_VALUE_NUMBER ? v->number : 0;
    }
  b->decisions = g_new0 (SqliteBaselineDecision, MAX (ev->decisions.len, 1));
  for (guint d = 0; d < ev->decisions.len; d++)
    {
      const RespDecision *rd = &ev->decisions.data[d];
      b->decisions[d].committee = resp_model_node_id (m, rd->committee);
      b->decisions[d].participants = id_list (b, m, rd->participants.data, rd->participants.len);
      b->decisions[d].dissent = id_list (b, m, rd->dissent.data, rd->dissent.len);
    }
  b->ev.decisions = b->decisions;
  b->ev.n_decisions = ev->decisions.len;
  for (guint e = 0; e < ev->exemptions.len; e++)
    g_array_append_val (ex, ev->exemptions.data[e].person);
  b->ev.exempted = id_list (b, m, (const guint32 *) (gconstpointer) ex->data, ex->len);
  g_array_unref (ex);
}

static void
baseline_event_clear (BaselineEvent *b)
{
  g_ptr_array_unref (b->lists);
  g_free (b->decisions);
}

/* What the comparison counted. */
typedef struct {
  guint events, agree, role_sets, liable, circumstances, bad_shown;
} Agreement;

static gboolean
same_strv_array (char **lib, GPtrArray *base)
{
  guint n = lib ? g_strv_length (lib) : 0;

  if (n != base->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (strcmp (lib[i], base->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

static void
sort_strv (char **v)
{
  if (v != NULL)
    qsort (v, g_strv_length (v), sizeof (char *), cmp_str);
}

static void
print_set (GString *out, const char *label, char **lib, GPtrArray *base)
{
  g_string_append_printf (out, "    %s: libresp [", label);
  for (guint i = 0; lib != NULL && lib[i] != NULL; i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", lib[i]);
  g_string_append (out, "] sqlite [");
  for (guint i = 0; i < base->len; i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", (char *) base->pdata[i]);
  g_string_append (out, "]\n");
}

static const char *const baseline_status_names[] = { "triggered", "undetermined", "not_triggered" };
static const char *const category_names[] = { "direct", "primary_leadership", "important_leadership" };

/* Compares libresp's verdict, and its roles of every subject, with what the
 * baseline computed on its own; prints the differences of the first few
 * events that differ. */
static gboolean
compare_verdicts (RespModel *model, RespEvent *ev, RespVerdict *v, const SqliteBaselineVerdict *sv,
                  const char *mode, Agreement *a)
{
  GString *diff = g_string_new (NULL);
  RespVerdictStatus st = resp_verdict_get_status (v);
  int lib_status = st == RESP_VERDICT_TRIGGERED ? 0 : st == RESP_VERDICT_UNDETERMINED ? 1 : 2;
  gboolean same;

  a->events++;
  if (lib_status != (int) sv->status)
    g_string_append_printf (diff, "    status: libresp %s sqlite %s\n", baseline_status_names[lib_status],
                            baseline_status_names[sv->status]);

  /* the circumstances */
  for (guint c = 0; c < resp_verdict_get_n_circumstances (v); c++)
    for (guint k = 0; k < SQLITE_BASELINE_N_CIRCUMSTANCES; k++)
      if (g_str_equal (resp_verdict_get_circumstance_id (v, c), sqlite_baseline_circumstance_names[k]))
        {
          RespCircumstanceStatus cs = resp_verdict_get_circumstance_status (v, c);
          SqliteBaselineTruth t = cs == RESP_CIRCUMSTANCE_HOLDS ? SQLITE_BASELINE_TRUE
                                : cs == RESP_CIRCUMSTANCE_UNDETERMINED ? SQLITE_BASELINE_UNKNOWN
                                : SQLITE_BASELINE_FALSE;
          a->circumstances++;
          if (t != sv->circumstances[k])
            g_string_append_printf (diff, "    %s: libresp %d sqlite %d\n", sqlite_baseline_circumstance_names[k],
                                    (int) t, (int) sv->circumstances[k]);
        }

  /* every role of every subject, from libresp's resolver */
  for (guint s = 0; s < ev->subjects.len && s < sv->n_subjects; s++)
    {
      const char *subject = resp_model_node_id (model, ev->subjects.data[s]);
      RespRoles *roles = resp_model_resolve_roles (model, subject, ev->occurred_at, NULL);

      for (guint r = 0; r < SQLITE_BASELINE_N_ROLES; r++)
        {
          RespRole role;
          char **holders;

          if (!resp_role_from_string (sqlite_baseline_role_names[r], &role))
            g_error ("libresp does not know the role '%s'", sqlite_baseline_role_names[r]);
          holders = roles != NULL ? resp_roles_dup_holders (roles, role) : NULL;
          sort_strv (holders);
          a->role_sets++;
          if (!same_strv_array (holders, sv->roles[s].sets[r]))
            {
              char *label = g_strdup_printf ("%s %s", subject, sqlite_baseline_role_names[r]);
              print_set (diff, label, holders, sv->roles[s].sets[r]);
              g_free (label);
            }
          g_strfreev (holders);
        }
      if (roles != NULL)
        resp_roles_unref (roles);
    }
  if (ev->subjects.len != sv->n_subjects)
    g_string_append_printf (diff, "    subjects: libresp %u sqlite %u\n", ev->subjects.len, sv->n_subjects);

  /* the liable persons, each with category, authority and proposer */
  {
    guint n = resp_verdict_get_n_liable (v);
    GPtrArray *lib = g_ptr_array_new (), *base = g_ptr_array_new ();

    for (guint i = 0; i < n; i++)
      g_ptr_array_add (lib, (gpointer) resp_verdict_get_liable_person (v, i));
    g_ptr_array_sort (lib, cmp_str);
    for (guint i = 0; i < sv->liable->len; i++)
      g_ptr_array_add (base, ((SqliteBaselineLiable *) sv->liable->pdata[i])->person);
    g_ptr_array_add (lib, NULL);
    if (!same_strv_array ((char **) lib->pdata, base))
      print_set (diff, "liable", (char **) lib->pdata, base);
    g_ptr_array_unref (lib);
    g_ptr_array_unref (base);

    for (guint i = 0; i < n; i++)
      {
        const char *p = resp_verdict_get_liable_person (v, i);
        const SqliteBaselineLiable *l = NULL;
        char **auth, **prop;
        int cat = (int) resp_verdict_get_liable_category (v, i);

        for (guint j = 0; j < sv->liable->len && l == NULL; j++)
          if (g_str_equal (((SqliteBaselineLiable *) sv->liable->pdata[j])->person, p))
            l = sv->liable->pdata[j];
        if (l == NULL)
          continue;
        a->liable++;
        auth = resp_verdict_dup_liable_authority (v, i);
        prop = resp_verdict_dup_liable_proposer (v, i);
        sort_strv (auth);
        sort_strv (prop);
        if (cat != (int) l->category)
          g_string_append_printf (diff, "    %s category: libresp %s sqlite %s\n", p, category_names[cat],
                                  category_names[l->category]);
        if (!same_strv_array (auth, l->authority))
          {
            char *label = g_strdup_printf ("%s authority", p);
            print_set (diff, label, auth, l->authority);
            g_free (label);
          }
        if (!same_strv_array (prop, l->proposer))
          {
            char *label = g_strdup_printf ("%s proposer", p);
            print_set (diff, label, prop, l->proposer);
            g_free (label);
          }
        g_strfreev (auth);
        g_strfreev (prop);
      }
  }

  same = diff->len == 0;
  a->agree += same;
  if (!same && a->bad_shown++ < 5)
    fprintf (stderr, "resp-bench: event %s: libresp and SQLite (%s) disagree:\n%s", ev->id, mode, diff->str);
  g_string_free (diff, TRUE);
  return same;
}

/* What the same-run comparison measured. */
typedef struct {
  guint events, blocks;
  gint64 lib_ns, derived_ns, literal_ns;          /* medians per event */
  double lib_mean_ns, derived_mean_ns, literal_mean_ns;
  double derive_s, sqlite_load_s;
  guint regulator_rows;
  Agreement derived, literal;
} SqliteFigures;

/* Both sides on the same events in this process, interleaved: blocks of
 * events, each block assessed by libresp, by the baseline with its derived
 * table and by the literal baseline, in an order that turns round from one
 * block to the next; then every answer of the block compared. */
static gboolean
measure_sqlite (RespModel *model, RespRulebook *rb, RespAssessor *assessor, RespEventBatch *batch,
                SqliteBaseline *sql, guint n, SqliteFigures *f)
{
  enum { BLOCK = 50 };
  GArray *t_lib = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *t_der = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *t_lit = g_array_new (FALSE, FALSE, sizeof (gint64));
  RespVerdict *vs[BLOCK];
  SqliteBaselineVerdict der[BLOCK], lit[BLOCK];
  BaselineEvent be[BLOCK];
  GError *error = NULL;
  double sum_lib = 0, sum_der = 0, sum_lit = 0;
  gboolean ok = TRUE;

  for (guint i = 0; i < BLOCK; i++)
    {
      sqlite_baseline_verdict_init (&der[i]);
      sqlite_baseline_verdict_init (&lit[i]);
    }
  f->events = n;
  for (guint b0 = 0; b0 < n && ok; b0 += BLOCK)
    {
      guint m = MIN (BLOCK, n - b0), n_vs = 0;

      for (guint i = 0; i < m; i++)
        baseline_event_init (&be[i], model, rb, resp_event_batch_get_event (batch, b0 + i));
      for (guint step = 0; step < 3 && ok; step++)
        {
          /* libresp, derived, literal; then literal, derived, libresp */
          guint which = f->blocks % 2 == 0 ? step : 2 - step;

          for (guint i = 0; i < m && ok; i++)
            {
              RespEvent *ev = resp_event_batch_get_event (batch, b0 + i);
              gint64 t0 = now_ns (), dt;

              if (which == 0)
                {
                  vs[i] = resp_assessor_assess (assessor, ev);
                  n_vs++;
                }
              else
                {
                  sqlite_baseline_set_mode (sql, which == 1 ? SQLITE_BASELINE_DERIVED : SQLITE_BASELINE_LITERAL);
                  ok = sqlite_baseline_assess (sql, &be[i].ev, which == 1 ? &der[i] : &lit[i], &error);
                }
              dt = now_ns () - t0;
              g_array_append_val (which == 0 ? t_lib : which == 1 ? t_der : t_lit, dt);
              *(which == 0 ? &sum_lib : which == 1 ? &sum_der : &sum_lit) += (double) dt;
            }
        }
      if (!ok)
        {
          fprintf (stderr, "resp-bench: SQLite: %s\n", error->message);
          g_clear_error (&error);
          for (guint i = 0; i < m; i++)
            baseline_event_clear (&be[i]);
          for (guint i = 0; i < n_vs; i++)
            resp_verdict_unref (vs[i]);
          break;
        }
      for (guint i = 0; i < m; i++)
        {
          RespEvent *ev = resp_event_batch_get_event (batch, b0 + i);

          compare_verdicts (model, ev, vs[i], &der[i], "derived", &f->derived);
          compare_verdicts (model, ev, vs[i], &lit[i], "literal", &f->literal);
          /* each side's answer is freed outside the timed part */
          resp_verdict_unref (vs[i]);
          sqlite_baseline_verdict_clear (&der[i]);
          sqlite_baseline_verdict_clear (&lit[i]);
          sqlite_baseline_verdict_init (&der[i]);
          sqlite_baseline_verdict_init (&lit[i]);
          baseline_event_clear (&be[i]);
        }
      f->blocks++;
    }
  for (guint i = 0; i < BLOCK; i++)
    {
      sqlite_baseline_verdict_clear (&der[i]);
      sqlite_baseline_verdict_clear (&lit[i]);
    }
  f->lib_mean_ns = sum_lib / MAX (t_lib->len, 1);
  f->derived_mean_ns = sum_der / MAX (t_der->len, 1);
  f->literal_mean_ns = sum_lit / MAX (t_lit->len, 1);
  f->lib_ns = median (t_lib);
  f->derived_ns = median (t_der);
  f->literal_ns = median (t_lit);
  g_array_unref (t_lib);
  g_array_unref (t_der);
  g_array_unref (t_lit);
  return ok;
}

/* ---- deterministic figures (issue 17 item 5) ---- */

/* The load average of /proc/loadavg: 1, 5 and 15 minutes. */
static void
load_avg (double out[3])
{
  char *text = NULL;

  out[0] = out[1] = out[2] = -1;
  if (g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    sscanf (text, "%lf %lf %lf", &out[0], &out[1], &out[2]);
  g_free (text);
}

/* Instructions (Ir) and last-level cache misses (ILmr + DLmr + DLmw) of
 * the assess calls only, over every event of the file, from callgrind's
 * totals: resp-assess-loop under valgrind --tool=callgrind --cache-sim=yes
 * --LL=33554432,16,64, collecting inside resp_assessor_assess() and
 * resp_verdict_unref() only (what resp-bench times as assess_median_ns).
 * streamed: with the events assessed as resp_events_foreach_in_file()
 * hands them over (resp-assess-loop --streamed), not all loaded first. */
static gboolean
callgrind_counts (const char *model, const char *events, guint n_events, gboolean streamed,
                  double *instr, double *ll_misses)
{
  char *out = g_build_filename (g_get_tmp_dir (), "resp-bench-callgrind.XXXXXX", NULL);
  char *out_arg, *text = NULL, *events_line = NULL, *totals = NULL;
  const char *argv[] = {
    "valgrind", "--tool=callgrind", "--cache-sim=yes", "--LL=33554432,16,64",
    "--toggle-collect=resp_assessor_assess", "--toggle-collect=resp_verdict_unref",
    NULL /* --callgrind-out-file */, RESP_ASSESS_LOOP, model, events, NULL, NULL,
  };
  GError *error = NULL;
  int status = 0, fd;
  gboolean ok = FALSE;

  fd = g_mkstemp (out);
  if (fd < 0)
    {
      g_free (out);
      return FALSE;
    }
  close (fd);
  out_arg = g_strdup_printf ("--callgrind-out-file=%s", out);
  argv[6] = out_arg;
  if (streamed)
    {
      argv[8] = "--streamed";
      argv[9] = model;
      argv[10] = events;
    }
  progress ("counting instructions and LL misses of %u assessments under callgrind%s", n_events,
            streamed ? ", streamed" : "");
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      fprintf (stderr, "resp-bench: callgrind: %s\n", error->message);
      g_clear_error (&error);
    }
  else if (g_file_get_contents (out, &text, NULL, NULL))
    {
      char **lines = g_strsplit (text, "\n", -1);

      for (char **l = lines; *l != NULL; l++)
        if (g_str_has_prefix (*l, "events:"))
          events_line = g_strdup (*l + 7);
        else if (g_str_has_prefix (*l, "totals:") || (totals == NULL && g_str_has_prefix (*l, "summary:")))
          {
            g_free (totals);
            totals = g_strdup (strchr (*l, ':') + 1);
          }
      g_strfreev (lines);
      if (events_line != NULL && totals != NULL && n_events > 0)
        {
          char **names = g_strsplit_set (g_strstrip (events_line), " ", -1);
          char **values = g_strsplit_set (g_strstrip (totals), " ", -1);
          double ir = -1, ll = 0;
          guint found = 0;

          for (guint i = 0; names[i] != NULL && values[i] != NULL; i++)
            {
              double x = g_ascii_strtod (values[i], NULL);
              if (g_str_equal (names[i], "Ir"))
                ir = x;
              else if (g_str_equal (names[i], "ILmr") || g_str_equal (names[i], "DLmr") ||
                       g_str_equal (names[i], "DLmw"))
                {
                  ll += x;
                  found++;
                }
            }
          if (ir >= 0 && found == 3)
            {
              *instr = ir / n_events;
              *ll_misses = ll / n_events;
              ok = TRUE;
            }
          g_strfreev (names);
          g_strfreev (values);
        }
    }
  g_unlink (out);
  g_free (out);
  g_free (out_arg);
  g_free (text);
  g_free (events_line);
  g_free (totals);
  return ok;
}

/* What the duties part measures. */
typedef struct {
  gsize   record_bytes;
  guint   entries, slots, notices, scorecards, rounds;
  guint   by_status[RESP_SLOT_UNKNOWN + 1];
  gint64  load_ns, check_ns, record_rss, peak_rss;
  GString *by_duty;           /* one line per duty: its slots by status */
} DutyFigures;

static const char *const slot_status_names[] = { "fulfilled", "unfulfilled", "open", "partial", "unknown" };
G_STATIC_ASSERT (G_N_ELEMENTS (slot_status_names) == RESP_SLOT_UNKNOWN + 1);

static gint64
instant (int year, const char *rest)
{
  char *text = g_strdup_printf ("%04d-%s", year, rest);
  gint64 t = 0;

  resp_instant_parse (text, &t, NULL);
  g_free (text);
  return t;
}

/* The record loaded three times (the median time; the first load's growth in
 * resident memory), then the whole year checked opt_duty_rounds times on
 * this thread, at 10 January after it, no --node, scorecards included; the
 * report dropped unrendered, as resp-duty-loop does. */
static void
measure_duties (RespModel *model, const char *path, DutyFigures *f)
{
  GError *error = NULL;
  RespRulebook *rulebook = resp_rulebook_new_shipped ("cn-local-2026-example", &error);
  RespRecord *record = NULL;
  RespDuties *d = NULL;
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 from = instant (opt_record_year, "01-01"), until = instant (opt_record_year + 1, "01-01");
  gint64 at = instant (opt_record_year + 1, "01-10");

  if (rulebook == NULL)
    {
      fprintf (stderr, "resp-bench: %s\n", error->message);
      exit (1);
    }
  {
    char *data = NULL;
    g_file_get_contents (path, &data, &f->record_bytes, NULL);
    g_free (data);
  }
  progress ("loading %s (%.0f MB) three times", path, f->record_bytes / 1e6);
  reset_peak_rss ();
  for (int i = 0; i < 3; i++)
    {
      gint64 t0, rss0 = rss_bytes ();

      g_clear_pointer (&record, resp_record_unref);
      t0 = now_ns ();
      record = resp_record_new_from_file (model, rulebook, path, NULL, &error);
      g_array_append_val (samples, (gint64) { now_ns () - t0 });
      if (record == NULL)
        {
          fprintf (stderr, "resp-bench: %s\n", error->message);
          exit (1);
        }
      if (i == 0)
        f->record_rss = rss_bytes () - rss0;
    }
  f->load_ns = median (samples);
  f->entries = resp_record_get_n_entries (record);

  progress ("checking the duties of %d, %d times on one thread", opt_record_year, opt_duty_rounds);
  g_array_set_size (samples, 0);
  f->rounds = (guint) MAX (opt_duty_rounds, 1);
  for (guint i = 0; i < f->rounds; i++)
    {
      gint64 t0;

      g_clear_pointer (&d, resp_duties_unref);
      t0 = now_ns ();
      d = resp_model_check_duties (model, rulebook, record, from, until, at, NULL, &error);
      g_array_append_val (samples, (gint64) { now_ns () - t0 });
      if (d == NULL)
        {
          fprintf (stderr, "resp-bench: %s\n", error->message);
          exit (1);
        }
    }
  f->check_ns = median (samples);
  f->peak_rss = peak_rss_bytes ();

  /* what was checked: every duty should have slots, most of them judged */
  f->slots = resp_duties_get_n_slots (d);
  f->notices = resp_duties_get_n_notices (d);
  f->scorecards = resp_duties_get_n_scorecards (d);
  f->by_duty = g_string_new (NULL);
  for (guint k = 0; k < rulebook->duties->len; k++)
    {
      const char *duty = g_array_index (rulebook->duties, RespDutyRule, k).id;
      guint counts[RESP_SLOT_UNKNOWN + 1] = { 0 }, total = 0;

      for (guint i = 0; i < f->slots; i++)
        if (g_str_equal (resp_duties_get_slot_duty (d, i), duty))
          {
            counts[resp_duties_get_slot_status (d, i)]++;
            total++;
          }
      g_string_append_printf (f->by_duty, "    %-26s %8u slots:", duty, total);
      for (guint st = 0; st <= RESP_SLOT_UNKNOWN; st++)
        {
          g_string_append_printf (f->by_duty, " %s %u", slot_status_names[st], counts[st]);
          f->by_status[st] += counts[st];
        }
      g_string_append_c (f->by_duty, '\n');
      if (total == 0)
        fprintf (stderr, "resp-bench: warning: no slot of duty '%s'\n", duty);
    }
  resp_duties_unref (d);
  resp_record_unref (record);
  resp_rulebook_unref (rulebook);
  g_array_unref (samples);
}

int
main (int argc, char **argv)
{
  GOptionContext *ctx = g_option_context_new ("- libresp at national scale");
  GError *error = NULL;
  char *dir, *model_path, *events_path, *snap_path, *record_path;
  RespModel *model, *snap;
  RespRulebook *rulebook;
  RespEventBatch *batch;
  RespAssessor *assessor;
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 t0, rss0, rss1, load_ns, open_ns, who_ns, assess_ns;
  double json_mb_per_s, batch_per_s, batch_one_per_s, batch_scaling, rss_per_item;
  guint n_events;
  SqliteFigures sf = { 0 };
  double load_start[3], load_end[3], count_instr = -1, count_ll = -1;
  double count_instr_streamed = -1, count_ll_streamed = -1;
  gboolean sql_ok, counted = FALSE, counted_streamed = FALSE, pg_ok = TRUE;
#ifdef RESP_HAVE_PG
  gboolean pg_ran = FALSE;
  PgBaselineFigures pg = { 0 };
#endif
  gsize model_bytes;
  SqliteBaseline *sql;
  DutyFigures duty = { 0 };

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      fprintf (stderr, "resp-bench: %s\n", error->message);
      return 2;
    }
  if (strcmp (opt_size, "S") && strcmp (opt_size, "M") && strcmp (opt_size, "L"))
    {
      fprintf (stderr, "resp-bench: --size is S, M or L\n");
      return 2;
    }
  dir = opt_workdir ? g_strdup (opt_workdir) : g_build_filename (g_get_user_cache_dir (), "resp-bench", NULL);
  g_mkdir_with_parents (dir, 0755);
  model_path = g_strdup_printf ("%s/model-%s-%d.json", dir, opt_size, opt_seed);
  events_path = g_strdup_printf ("%s/events-%s-%d-%d.jsonl", dir, opt_size, opt_seed, opt_events);
  snap_path = g_strdup_printf ("%s/model-%s-%d.snap", dir, opt_size, opt_seed);
  record_path = g_strdup_printf ("%s/record-%s-%d-%d.json", dir, opt_size, opt_seed, opt_record_year);
  if (!g_file_test (model_path, G_FILE_TEST_EXISTS) || !g_file_test (events_path, G_FILE_TEST_EXISTS)
      || !g_file_test (record_path, G_FILE_TEST_EXISTS))
    generate (g_file_test (model_path, G_FILE_TEST_EXISTS) ? NULL : model_path,
              g_file_test (events_path, G_FILE_TEST_EXISTS) ? NULL : events_path,
              g_file_test (record_path, G_FILE_TEST_EXISTS) ? NULL : record_path);

  load_avg (load_start);

  /* load from JSON: the file is read once first, so the disk is not timed */
  {
    char *data = NULL;
    g_file_get_contents (model_path, &data, &model_bytes, NULL);
    g_free (data);
  }
  progress ("loading %s (%.0f MB)", model_path, model_bytes / 1e6);
  rss0 = rss_bytes ();
  t0 = now_ns ();
  model = resp_model_new_from_file (model_path, NULL, &error);
  load_ns = now_ns () - t0;
  if (model == NULL)
    {
      fprintf (stderr, "resp-bench: %s\n", error->message);
      return 1;
    }
  rss1 = rss_bytes ();
  json_mb_per_s = model_bytes / 1e6 / (load_ns / 1e9);
  rss_per_item = (double) (rss1 - rss0) / (resp_model_get_n_nodes (model) + resp_model_get_n_relations (model));

  /* the snapshot, opened (and checked) five times */
  if (!resp_model_write_snapshot (model, snap_path, &error))
    {
      fprintf (stderr, "resp-bench: %s\n", error->message);
      return 1;
    }
  for (int i = 0; i < 5; i++)
    {
      t0 = now_ns ();
      snap = resp_model_new_from_file (snap_path, NULL, &error);
      g_array_append_val (samples, (gint64) { now_ns () - t0 });
      if (snap == NULL)
        {
          fprintf (stderr, "resp-bench: %s\n", error->message);
          return 1;
        }
      resp_model_unref (snap);
    }
  open_ns = median (samples);

  rulebook = resp_rulebook_new_default ();
  progress ("loading %s", events_path);
  batch = resp_event_batch_new_from_file (model, rulebook, events_path, NULL, &error);
  if (batch == NULL)
    {
      fprintf (stderr, "resp-bench: %s\n", error->message);
      return 1;
    }
  n_events = resp_event_batch_get_n_events (batch);

  /* who: every role of the first subject of each event, at its instant */
  progress ("who and assess on one thread, %u events", n_events);
  g_array_set_size (samples, 0);
  for (guint i = 0; i < n_events; i++)
    {
      RespEvent *ev = resp_event_batch_get_event (batch, i);
      const char *subject = resp_model_node_id (model, ev->subjects.data[0]);
      RespRoles *roles;

      t0 = now_ns ();
      roles = resp_model_resolve_roles (model, subject, ev->occurred_at, NULL);
      g_array_append_val (samples, (gint64) { now_ns () - t0 });
      resp_roles_unref (roles);
    }
  who_ns = median (samples);

  /* assess: one event at a time, verdict built and dropped, not rendered */
  assessor = resp_assessor_new (model, rulebook);
  g_array_set_size (samples, 0);
  for (guint i = 0; i < n_events; i++)
    {
      RespEvent *ev = resp_event_batch_get_event (batch, i);
      RespVerdict *v;

      t0 = now_ns ();
      v = resp_assessor_assess (assessor, ev);
      g_array_append_val (samples, (gint64) { now_ns () - t0 });
      resp_verdict_unref (v);
    }
  assess_ns = median (samples);

  /* batch: every core, and one thread, in alternating rounds (the order
   * swapped every round) so that the machine's drift hits both alike; the
   * scaling is the median of the rounds' ratios */
  progress ("batch on %u threads and on one, %d rounds each, alternating", g_get_num_processors (),
            BATCH_ROUNDS);
  {
    GArray *all = g_array_new (FALSE, FALSE, sizeof (gint64));
    GArray *one = g_array_new (FALSE, FALSE, sizeof (gint64));
    GArray *ratios = g_array_new (FALSE, FALSE, sizeof (gint64));

    for (int r = 0; r < BATCH_ROUNDS; r++)
      {
        gint64 ns[2];
        for (int k = 0; k < 2; k++)
          {
            gboolean single = (k ^ r) & 1;
            GPtrArray *vs;

            t0 = now_ns ();
            vs = resp_assess_batch (model, rulebook, batch, single ? 1 : 0);
            ns[single] = MAX (now_ns () - t0, 1);
            g_ptr_array_unref (vs);
          }
        g_array_append_val (all, ns[0]);
        g_array_append_val (one, ns[1]);
        /* in thousandths, so that median() of integers serves */
        g_array_append_val (ratios, (gint64) { ns[1] * 1000 / ns[0] });
      }
    batch_per_s = n_events / (median (all) / 1e9);
    batch_one_per_s = n_events / (median (one) / 1e9);
    batch_scaling = median (ratios) / 1000.0;
    g_array_unref (all);
    g_array_unref (one);
    g_array_unref (ratios);
  }

  /* SQLite: the same work on the same events, interleaved, every answer
   * compared */
  progress ("loading the SQLite baseline");
  t0 = now_ns ();
  sql = sqlite_baseline_load (model_path, &error);
  if (sql == NULL)
    {
      fprintf (stderr, "resp-bench: %s\n", error->message);
      return 1;
    }
  sf.sqlite_load_s = (now_ns () - t0) / 1e9;
  sf.derive_s = sqlite_baseline_get_derive_seconds (sql);
  sf.regulator_rows = sqlite_baseline_get_n_regulator_rows (sql);
  progress ("libresp and SQLite (derived and literal) on the first %u events, interleaved",
            MIN ((guint) MAX (opt_sqlite_events, 0), n_events));
  sql_ok = measure_sqlite (model, rulebook, assessor, batch, sql, MIN ((guint) MAX (opt_sqlite_events, 0), n_events),
                           &sf);
  sqlite_baseline_free (sql);
  /* give the baseline's memory back, so that the record's shows */
  malloc_trim (0);

#ifdef RESP_HAVE_PG
  /* PostgreSQL: the same work on a private cluster (pg-baseline.h), which
   * loads the model file itself; a cluster that cannot start is said and
   * skipped, a disagreement fails the run */
  if (opt_pg_events > 0)
    {
      GError *pg_error = NULL;

      progress ("libresp and PostgreSQL on the first %u events, interleaved (a private cluster)",
                MIN ((guint) opt_pg_events, n_events));
      pg_ran = pg_baseline_measure (model_path, events_path, MIN ((guint) opt_pg_events, n_events), 100, &pg,
                                    &pg_error);
      if (!pg_ran)
        {
          fprintf (stderr, "resp-bench: PostgreSQL: %s\n", pg_error->message);
          pg_ok = !g_error_matches (pg_error, PG_BASELINE_ERROR, PG_BASELINE_ERROR_MISMATCH);
          g_error_free (pg_error);
        }
    }
#endif

  measure_duties (model, record_path, &duty);

  if (opt_counts)
    {
      counted = callgrind_counts (snap_path, events_path, n_events, FALSE, &count_instr, &count_ll);
      counted_streamed = callgrind_counts (snap_path, events_path, n_events, TRUE, &count_instr_streamed,
                                           &count_ll_streamed);
    }
  load_avg (load_end);

  if (opt_json)
    {
      printf ("{\"size\": \"%s\", \"nodes\": %u, \"relations\": %u, \"json_mb_per_s\": %.1f, "
              "\"snapshot_open_s\": %.4f, \"rss_bytes_per_item\": %.1f, \"who_median_ns\": %" G_GINT64_FORMAT
              ", \"assess_median_ns\": %" G_GINT64_FORMAT ", \"batch_events_per_s\": %.0f, "
              "\"batch_one_thread_events_per_s\": %.0f, \"batch_scaling\": %.2f, \"events\": %u, \"threads\": %u, \"load_s\": %.3f, \"model_bytes\": %" G_GSIZE_FORMAT ", ",
              opt_size, resp_model_get_n_nodes (model), resp_model_get_n_relations (model), json_mb_per_s,
              open_ns / 1e9, rss_per_item, who_ns, assess_ns, batch_per_s, batch_one_per_s,
              batch_scaling, n_events, g_get_num_processors (), load_ns / 1e9, model_bytes);
      printf ("\"sqlite_events\": %u, \"sqlite_checked\": %u, \"sqlite_libresp_median_ns\": %" G_GINT64_FORMAT
              ", \"sqlite_assess_median_ns\": %" G_GINT64_FORMAT ", \"sqlite_literal_assess_median_ns\": %"
              G_GINT64_FORMAT ", \"sqlite_ratio\": %.1f, \"sqlite_literal_ratio\": %.1f, "
              "\"sqlite_mean_ratio\": %.1f, \"sqlite_literal_mean_ratio\": %.1f, "
              "\"sqlite_agree\": %u, \"sqlite_literal_agree\": %u, \"sqlite_role_sets\": %u, "
              "\"sqlite_liable_compared\": %u, \"sqlite_circumstances_compared\": %u, "
              "\"sqlite_load_s\": %.3f, \"sqlite_regulator_table_s\": %.3f, \"sqlite_regulator_rows\": %u, ",
              sf.events, sf.events, sf.lib_ns, sf.derived_ns, sf.literal_ns,
              sf.lib_ns > 0 ? (double) sf.derived_ns / sf.lib_ns : 0.0,
              sf.lib_ns > 0 ? (double) sf.literal_ns / sf.lib_ns : 0.0,
              sf.lib_mean_ns > 0 ? sf.derived_mean_ns / sf.lib_mean_ns : 0.0,
              sf.lib_mean_ns > 0 ? sf.literal_mean_ns / sf.lib_mean_ns : 0.0,
              sf.derived.agree, sf.literal.agree, sf.derived.role_sets, sf.derived.liable,
              sf.derived.circumstances, sf.sqlite_load_s, sf.derive_s, sf.regulator_rows);
      if (counted)
        printf ("\"assess_instructions\": %.0f, \"assess_ll_misses\": %.2f, ", count_instr, count_ll);
      if (counted_streamed)
        printf ("\"assess_instructions_streamed\": %.0f, \"assess_ll_misses_streamed\": %.2f, ",
                count_instr_streamed, count_ll_streamed);
#ifdef RESP_HAVE_PG
      if (pg_ran)
        printf ("\"pg_events\": %u, \"pg_role_sets\": %u, \"pg_liable_compared\": %u, \"pg_mismatches\": %u, "
                "\"pg_ms_per_event\": %.4f, \"pg_plan\": \"%s\", \"pg_resp_us_per_event\": %.3f, "
                "\"pg_ratio\": %.1f, \"pg_cpu_ratio\": %.1f, \"pg_load_s\": %.2f, ",
                pg.n_events, pg.n_role_sets, pg.n_liable, pg.n_mismatches, pg.pg_ms_per_event, pg.pg_plan,
                pg.resp_us_per_event, pg.pg_ratio, pg.pg_cpu_ratio, pg.pg_load_s);
#endif
      printf ("\"load_avg\": {\"start\": [%.2f, %.2f, %.2f], \"end\": [%.2f, %.2f, %.2f]}, ",
              load_start[0], load_start[1], load_start[2], load_end[0], load_end[1], load_end[2]);
      printf ("\"record_year\": %d, \"record_entries\": %u, \"record_bytes\": %" G_GSIZE_FORMAT
              ", \"record_mb_per_s\": %.1f, \"record_load_s\": %.3f, \"record_rss_mb\": %.0f, "
              "\"duty_slots\": %u, \"duty_notices\": %u, \"duty_scorecards\": %u, \"duty_check_s\": %.3f, "
              "\"duty_slots_per_s\": %.0f, \"duty_rounds\": %u, \"duty_peak_rss_mb\": %.0f, \"duty_statuses\": {",
              opt_record_year, duty.entries, duty.record_bytes, duty.record_bytes / 1e6 / (duty.load_ns / 1e9),
              duty.load_ns / 1e9, duty.record_rss / 1e6, duty.slots, duty.notices, duty.scorecards,
              duty.check_ns / 1e9, duty.slots / (duty.check_ns / 1e9), duty.rounds, duty.peak_rss / 1e6);
      for (guint st = 0; st <= RESP_SLOT_UNKNOWN; st++)
        printf ("%s\"%s\": %u", st ? ", " : "", slot_status_names[st], duty.by_status[st]);
      printf ("}}\n");
    }
  else
    printf ("size %s: %u nodes, %u relations\n"
            "  load from JSON        %8.1f MB/s\n"
            "  snapshot open         %8.4f s\n"
            "  resident per item     %8.1f bytes\n"
            "  who, median           %8" G_GINT64_FORMAT " ns\n"
            "  assess, median        %8" G_GINT64_FORMAT " ns\n"
            "  batch                 %8.0f events/s on %u threads, %.0f on one (%.2fx, median of %d rounds)\n"
            "  same run, first %u events, interleaved: libresp %" G_GINT64_FORMAT " ns, SQLite %" G_GINT64_FORMAT
            " ns (%.1fx; literal %" G_GINT64_FORMAT " ns, %.1fx); %u and %u of %u events agree\n"
            "  load average          %.2f %.2f %.2f at the start, %.2f %.2f %.2f at the end\n"
            "record of %d: %u entries, %.0f MB\n"
            "  load, median of 3     %8.1f MB/s (%.3f s; %.0f MB resident)\n"
            "  duty check, median    %8.0f slots/s on one thread (%.3f s for %u slots, %u notices, "
            "%u scorecards; %u rounds)\n"
            "  peak resident         %8.0f MB (model and events included)\n"
            "%s",
            opt_size, resp_model_get_n_nodes (model), resp_model_get_n_relations (model), json_mb_per_s,
            open_ns / 1e9, rss_per_item, who_ns, assess_ns, batch_per_s, g_get_num_processors (), batch_one_per_s,
            batch_scaling, BATCH_ROUNDS, sf.events,
            sf.lib_ns, sf.derived_ns, sf.lib_ns > 0 ? (double) sf.derived_ns / sf.lib_ns : 0.0, sf.literal_ns,
            sf.lib_ns > 0 ? (double) sf.literal_ns / sf.lib_ns : 0.0, sf.derived.agree, sf.literal.agree, sf.events,
            load_start[0], load_start[1], load_start[2], load_end[0], load_end[1], load_end[2],
            opt_record_year, duty.entries, duty.record_bytes / 1e6,
            duty.record_bytes / 1e6 / (duty.load_ns / 1e9), duty.load_ns / 1e9, duty.record_rss / 1e6,
            duty.slots / (duty.check_ns / 1e9), duty.check_ns / 1e9, duty.slots, duty.notices, duty.scorecards,
            duty.rounds, duty.peak_rss / 1e6, duty.by_duty->str);

  if (!opt_json && counted)
    printf ("callgrind, per assessment: %.0f instructions (Ir), %.2f LL misses (ILmr + DLmr + DLmw)\n",
            count_instr, count_ll);
  if (!opt_json && counted_streamed)
    printf ("callgrind, per assessment, events streamed: %.0f instructions (Ir), %.2f LL misses\n",
            count_instr_streamed, count_ll_streamed);
#ifdef RESP_HAVE_PG
  if (!opt_json && pg_ran)
    printf ("same run, first %u events, interleaved: libresp %.3f us, PostgreSQL %.4f ms (%s), %.1fx "
            "(CPU %.1fx); %u role sets and %u liable persons compared, %u mismatches\n",
            pg.n_events, pg.resp_us_per_event, pg.pg_ms_per_event, pg.pg_plan, pg.pg_ratio, pg.pg_cpu_ratio,
            pg.n_role_sets, pg.n_liable, pg.n_mismatches);
#endif
  resp_assessor_unref (assessor);
  resp_event_batch_unref (batch);
  resp_rulebook_unref (rulebook);
  resp_model_unref (model);
  g_array_unref (samples);
  g_free (dir);
  g_free (model_path);
  g_free (events_path);
  g_free (snap_path);
  g_free (record_path);
  g_string_free (duty.by_duty, TRUE);
  g_option_context_free (ctx);
  return sql_ok && pg_ok && sf.derived.agree == sf.events && sf.literal.agree == sf.events ? 0 : 1;
}
