/* resp-bench: libresp at national scale, and against what one would write in SQL
 *
 *   resp-bench --size L --json
 *
 * Generates (or reuses) a synthetic country with resp-gen, then measures in
 * one run: model load from JSON, snapshot open, resident memory per node
 * and relation, role resolution and assessment per event on one thread,
 * batch throughput on every core, and the same liable sets computed by an
 * in-memory SQLite database with indexes and recursive CTEs. Both answers
 * are compared before anything is timed. Then the duties of SPEC §8: a
 * national record of one year (resp-gen --record) loaded against the model
 * and the shipped rulebook cn-local-2026-example, and every slot of that
 * year checked, scorecards included, on one thread.
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

static char *opt_size = "S";
static gboolean opt_json = FALSE;
static char *opt_workdir = NULL;
static int opt_seed = 1;
static int opt_events = 20000;
static int opt_sqlite_events = 300;
static int opt_record_year = 2026;
static int opt_duty_rounds = 5;

static GOptionEntry entries[] = {
  { "size", 's', 0, G_OPTION_ARG_STRING, &opt_size, "S (~10k nodes), M (~100k) or L (>= 1M)", "SIZE" },
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Print one JSON object with the results", NULL },
  { "workdir", 'w', 0, G_OPTION_ARG_FILENAME, &opt_workdir, "Where generated files are kept (default: a cache dir)", "DIR" },
  { "seed", 0, 0, G_OPTION_ARG_INT, &opt_seed, "Generator seed (default 1)", "N" },
  { "events", 'n', 0, G_OPTION_ARG_INT, &opt_events, "Events to generate and assess (default 20000)", "N" },
  { "sqlite-events", 0, 0, G_OPTION_ARG_INT, &opt_sqlite_events, "Events checked and timed in SQLite (default 300)", "N" },
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

/* The baseline's view of an event, from the event and libresp's verdict:
 * which subjects a holding circumstance covers is the caller's business
 * in the baseline, as it is not role resolution. */
typedef struct {
  SqliteBaselineEvent    ev;
  GPtrArray             *strings;     /* owned ids */
  GPtrArray             *involved;
  GPtrArray             *exempted;
  SqliteBaselineDecision *decisions;
  GPtrArray             *lists;       /* the participants/dissent arrays */
} BaselineEvent;

static const char *const *
id_list (BaselineEvent *b, const RespModel *m, const GArray *nodes)
{
  GPtrArray *list = g_ptr_array_new ();

  for (guint i = 0; i < nodes->len; i++)
    g_ptr_array_add (list, (gpointer) resp_model_node_id (m, g_array_index (nodes, guint32, i)));
  g_ptr_array_add (list, NULL);
  g_ptr_array_add (b->lists, list);
  return (const char *const *) list->pdata;
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
  gint64 t0, rss0, rss1, load_ns, open_ns, who_ns, assess_ns, sqlite_ns;
  double json_mb_per_s, batch_per_s, rss_per_item;
  guint n_events, checked = 0, agree = 0;
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
      const char *subject = resp_model_node_id (model, g_array_index (ev->subjects, guint32, 0));
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

  /* batch: every core */
  progress ("batch on %u threads", g_get_num_processors ());
  {
    GPtrArray *vs;
    t0 = now_ns ();
    vs = resp_assess_batch (model, rulebook, batch, 0);
    batch_per_s = n_events / ((now_ns () - t0) / 1e9);
    g_ptr_array_unref (vs);
  }

  /* SQLite: the same liable sets first, then the time */
  progress ("loading the SQLite baseline");
  sql = sqlite_baseline_load (model_path, &error);
  if (sql == NULL)
    {
      fprintf (stderr, "resp-bench: %s\n", error->message);
      return 1;
    }
  progress ("checking and timing %d events in SQLite", opt_sqlite_events);
  g_array_set_size (samples, 0);
  for (guint i = 0; i < n_events && checked < (guint) opt_sqlite_events; i++)
    {
      RespEvent *ev = resp_event_batch_get_event (batch, i);
      RespVerdict *v = resp_assessor_assess (assessor, ev);
      GPtrArray *ours = g_ptr_array_new (), *theirs = g_ptr_array_new_with_free_func (g_free);
      BaselineEvent be = { { 0 }, NULL, g_ptr_array_new (), g_ptr_array_new (), NULL,
                           g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref) };
      gboolean same = TRUE;
      int fsup = resp_rulebook_find_fact (rulebook, "supervision_failed");
      int fcoo = resp_rulebook_find_fact (rulebook, "coordination_failed");

      be.ev.triggered = resp_verdict_get_status (v) == RESP_VERDICT_TRIGGERED;
      be.ev.involved = id_list (&be, model, ev->involved);
      be.ev.supervision_failed = ev->facts[fsup].type == RESP_VALUE_UNKNOWN ? SQLITE_BASELINE_UNKNOWN
                               : ev->facts[fsup].boolean ? SQLITE_BASELINE_TRUE : SQLITE_BASELINE_FALSE;
      be.ev.coordination_failed = ev->facts[fcoo].type == RESP_VALUE_UNKNOWN ? SQLITE_BASELINE_UNKNOWN
                                : ev->facts[fcoo].boolean ? SQLITE_BASELINE_TRUE : SQLITE_BASELINE_FALSE;
      be.decisions = g_new0 (SqliteBaselineDecision, MAX (ev->decisions->len, 1));
      for (guint d = 0; d < ev->decisions->len; d++)
        {
          const RespDecision *rd = &g_array_index (ev->decisions, RespDecision, d);
          be.decisions[d].committee = resp_model_node_id (model, rd->committee);
          be.decisions[d].participants = id_list (&be, model, rd->participants);
          be.decisions[d].dissent = id_list (&be, model, rd->dissent);
        }
      be.ev.decisions = be.decisions;
      be.ev.n_decisions = ev->decisions->len;
      {
        GArray *ex = g_array_new (FALSE, FALSE, sizeof (guint32));
        for (guint e = 0; e < ev->exemptions->len; e++)
          g_array_append_val (ex, g_array_index (ev->exemptions, RespExemption, e).person);
        be.ev.exempted = id_list (&be, model, ex);
        g_array_unref (ex);
      }

      t0 = now_ns ();
      for (guint s = 0; s < ev->subjects->len; s++)
        {
          guint32 subject = g_array_index (ev->subjects, guint32, s);
          gboolean liable = FALSE;
          for (guint c = 0; c < v->circumstances.len; c++)
            {
              const RespVerdictCircumstance *vc = &v->circumstances.data[c];
              if (vc->status != RESP_CIRCUMSTANCE_HOLDS)
                continue;
              for (guint k = 0; k < vc->subjects.len; k++)
                liable |= vc->subjects.data[k] == subject;
            }
          be.ev.subject_liable = liable;
          if (!sqlite_baseline_liable (sql, resp_model_node_id (model, subject), ev->occurred_at,
                                       &be.ev, theirs, &error))
            {
              fprintf (stderr, "resp-bench: %s\n", error->message);
              return 1;
            }
        }
      g_array_append_val (samples, (gint64) { now_ns () - t0 });

      for (guint k = 0; k < resp_verdict_get_n_liable (v); k++)
        g_ptr_array_add (ours, (gpointer) resp_verdict_get_liable_person (v, k));
      {
        /* sort ours bytewise like theirs */
        GPtrArray *sorted = g_ptr_array_copy (ours, NULL, NULL);
        g_ptr_array_sort (sorted, cmp_str);
        same = sorted->len == theirs->len;
        for (guint k = 0; same && k < sorted->len; k++)
          same = strcmp (sorted->pdata[k], theirs->pdata[k]) == 0;
        if (!same && checked - agree < 3)
          {
            fprintf (stderr, "resp-bench: event %s: libresp and SQLite disagree:\n  libresp:", ev->id);
            for (guint k = 0; k < sorted->len; k++)
              fprintf (stderr, " %s", (char *) sorted->pdata[k]);
            fprintf (stderr, "\n  sqlite: ");
            for (guint k = 0; k < theirs->len; k++)
              fprintf (stderr, " %s", (char *) theirs->pdata[k]);
            fprintf (stderr, "\n");
          }
        g_ptr_array_unref (sorted);
      }
      checked++;
      agree += same;
      g_ptr_array_unref (ours);
      g_ptr_array_unref (theirs);
      g_ptr_array_unref (be.involved);
      g_ptr_array_unref (be.exempted);
      g_ptr_array_unref (be.lists);
      g_free (be.decisions);
      resp_verdict_unref (v);
    }
  sqlite_ns = median (samples);
  sqlite_baseline_free (sql);
  /* give the baseline's memory back, so that the record's shows */
  malloc_trim (0);

  measure_duties (model, record_path, &duty);

  if (opt_json)
    {
      printf ("{\"size\": \"%s\", \"nodes\": %u, \"relations\": %u, \"json_mb_per_s\": %.1f, "
              "\"snapshot_open_s\": %.4f, \"rss_bytes_per_item\": %.1f, \"who_median_ns\": %" G_GINT64_FORMAT
              ", \"assess_median_ns\": %" G_GINT64_FORMAT ", \"batch_events_per_s\": %.0f, "
              "\"sqlite_assess_median_ns\": %" G_GINT64_FORMAT ", \"sqlite_ratio\": %.1f, "
              "\"events\": %u, \"sqlite_checked\": %u, \"sqlite_agree\": %u, \"threads\": %u, "
              "\"load_s\": %.3f, \"model_bytes\": %" G_GSIZE_FORMAT ", ",
              opt_size, resp_model_get_n_nodes (model), resp_model_get_n_relations (model), json_mb_per_s,
              open_ns / 1e9, rss_per_item, who_ns, assess_ns, batch_per_s, sqlite_ns,
              assess_ns > 0 ? (double) sqlite_ns / assess_ns : 0.0, n_events, checked, agree,
              g_get_num_processors (), load_ns / 1e9, model_bytes);
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
            "  batch                 %8.0f events/s on %u threads\n"
            "  SQLite assess, median %8" G_GINT64_FORMAT " ns (%.1fx libresp; %u of %u liable sets agree)\n"
            "record of %d: %u entries, %.0f MB\n"
            "  load, median of 3     %8.1f MB/s (%.3f s; %.0f MB resident)\n"
            "  duty check, median    %8.0f slots/s on one thread (%.3f s for %u slots, %u notices, "
            "%u scorecards; %u rounds)\n"
            "  peak resident         %8.0f MB (model and events included)\n"
            "%s",
            opt_size, resp_model_get_n_nodes (model), resp_model_get_n_relations (model), json_mb_per_s,
            open_ns / 1e9, rss_per_item, who_ns, assess_ns, batch_per_s, g_get_num_processors (), sqlite_ns,
            assess_ns > 0 ? (double) sqlite_ns / assess_ns : 0.0, agree, checked,
            opt_record_year, duty.entries, duty.record_bytes / 1e6,
            duty.record_bytes / 1e6 / (duty.load_ns / 1e9), duty.load_ns / 1e9, duty.record_rss / 1e6,
            duty.slots / (duty.check_ns / 1e9), duty.check_ns / 1e9, duty.slots, duty.notices, duty.scorecards,
            duty.rounds, duty.peak_rss / 1e6, duty.by_duty->str);

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
  return agree == checked ? 0 : 1;
}
