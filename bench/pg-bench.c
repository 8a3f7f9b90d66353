/* pg-bench.c: libresp against PostgreSQL on the same events
 *
 *   resp-pg-bench --size M --model m.json --events m-events.jsonl [--events-n 2000] [--json]
 *
 * Starts a private PostgreSQL cluster, loads the model into it and into
 * libresp, checks that both give the same roles and liable sets on every
 * event, then times both on the same events, interleaved in blocks
 * (pg-baseline.h). Exit 0 when all agree and the figures are printed, 1 on
 * a disagreement, 2 on bad input or no PostgreSQL.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include "pg-baseline.h"

static char *opt_size = NULL;
static char *opt_model = NULL;
static char *opt_events = NULL;
static int opt_n = 2000;
static int opt_block = 100;
static gboolean opt_json = FALSE;

static GOptionEntry entries[] = {
  { "size", 's', 0, G_OPTION_ARG_STRING, &opt_size, "The model's size, as a label for the output (S, M, L)", "SIZE" },
  { "model", 'm', 0, G_OPTION_ARG_FILENAME, &opt_model, "Model file (resp-gen --model)", "FILE" },
  { "events", 'e', 0, G_OPTION_ARG_FILENAME, &opt_events, "Events, JSON Lines (resp-gen --events)", "FILE" },
  { "events-n", 'n', 0, G_OPTION_ARG_INT, &opt_n, "Events checked and timed, from the start (default 2000; 0: all)", "N" },
  { "block", 0, 0, G_OPTION_ARG_INT, &opt_block, "Events per timed block (default 100)", "N" },
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Print one JSON object", NULL },
  { NULL }
};

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- libresp against PostgreSQL, same events, same process");
  g_autoptr (GError) error = NULL;
  PgBaselineFigures f;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || opt_model == NULL || opt_events == NULL ||
      opt_n < 0 || opt_block <= 0 || argc != 1)
    {
      g_printerr ("usage: resp-pg-bench --model FILE --events FILE.jsonl [--size S|M|L] [--events-n N] [--json]%s%s\n",
                  error ? ": " : "", error ? error->message : "");
      return 2;
    }

  if (!pg_baseline_measure (opt_model, opt_events, (guint) opt_n, (guint) opt_block, &f, &error))
    {
      g_printerr ("resp-pg-bench: %s\n", error->message);
      return g_error_matches (error, PG_BASELINE_ERROR, PG_BASELINE_ERROR_MISMATCH) ? 1 : 2;
    }

  if (opt_json)
    printf ("{\"size\": \"%s\", \"events\": %u, \"triggered\": %u, \"outside_port\": %u, "
            "\"subjects_compared\": %u, \"role_sets_compared\": %u, \"liable_compared\": %u, \"mismatches\": %u, "
            "\"pg_version\": \"%s\", \"pg_load_s\": %.2f, \"pg_statements_per_event\": %.1f, \"pg_round_trips_per_event\": %.1f, "
            "\"pg_auto_ms_per_event\": %.4f, \"pg_generic_ms_per_event\": %.4f, \"pg_plan\": \"%s\", "
            "\"pg_ms_per_event\": %.4f, \"resp_us_per_event\": %.3f, \"pg_ratio\": %.1f, \"pg_ratio_block_median\": %.1f, "
            "\"pg_cpu_ms_per_event\": %.4f, \"resp_cpu_us_per_event\": %.3f, \"pg_cpu_ratio\": %.1f, "
            "\"load_avg\": %.2f}\n",
            opt_size ? opt_size : "", f.n_events, f.n_triggered, f.n_outside, f.n_subjects, f.n_role_sets,
            f.n_liable, f.n_mismatches, f.pg_version, f.pg_load_s, f.pg_statements_per_event, f.pg_round_trips_per_event,
            f.pg_auto_ms_per_event, f.pg_generic_ms_per_event, f.pg_plan, f.pg_ms_per_event,
            f.resp_us_per_event, f.pg_ratio, f.pg_ratio_block_median, f.pg_cpu_ms_per_event, f.resp_cpu_us_per_event, f.pg_cpu_ratio,
            f.load_avg);
  else
    {
      printf ("size %s: %u events (%u triggered; %u with a reporting timeline, timed, not compared)\n",
              opt_size ? opt_size : "?", f.n_events, f.n_triggered, f.n_outside);
      printf ("agreement: %u subjects, %u role sets, %u liable persons with authority and proposer: %u mismatches\n",
              f.n_subjects, f.n_role_sets, f.n_liable, f.n_mismatches);
      printf ("PostgreSQL %s: load %.2f s, %.1f statements in %.1f round trips per event\n", f.pg_version,
              f.pg_load_s, f.pg_statements_per_event, f.pg_round_trips_per_event);
      printf ("pg_auto_ms_per_event     %.4f\n", f.pg_auto_ms_per_event);
      printf ("pg_generic_ms_per_event  %.4f\n", f.pg_generic_ms_per_event);
      printf ("pg_ms_per_event          %.4f (%s)\n", f.pg_ms_per_event, f.pg_plan);
      printf ("resp_us_per_event        %.3f\n", f.resp_us_per_event);
      printf ("pg_ratio                 %.1f\n", f.pg_ratio);
      printf ("pg_ratio_block_median    %.1f\n", f.pg_ratio_block_median);
      printf ("pg_cpu_ms_per_event      %.4f (server backend + client thread)\n", f.pg_cpu_ms_per_event);
      printf ("resp_cpu_us_per_event    %.3f\n", f.resp_cpu_us_per_event);
      printf ("pg_cpu_ratio             %.1f\n", f.pg_cpu_ratio);
      printf ("load_avg                 %.2f\n", f.load_avg);
    }
  return 0;
}
