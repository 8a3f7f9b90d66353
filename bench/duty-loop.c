/* resp-duty-loop: check a year's duties again and again, for profilers
 *
 *   resp-duty-loop MODEL RECORD [YEAR [ROUNDS]]
 *
 * Opens MODEL, loads RECORD against it and the shipped rulebook
 * cn-local-2026-example, then runs resp_model_check_duties() over YEAR
 * (default 2026, at 10 January of the next year, scorecards included, no
 * --node) ROUNDS times (default 1) on one thread, dropping each report
 * unrendered: exactly the work resp-bench times as duty_slots_per_s,
 * without the rest of resp-bench around it. Under `valgrind --tool=callgrind
 * --toggle-collect=resp_model_check_duties --toggle-collect=resp_duties_unref`
 * it counts the instructions the check costs; under `perf record` it shows
 * where the time goes.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "resp.h"

static gint64
day (int year, const char *rest)
{
  char *text = g_strdup_printf ("%04d-%s", year, rest);
  gint64 t = 0;

  resp_instant_parse (text, &t, NULL);
  g_free (text);
  return t;
}

static gint
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int argc, char **argv)
{
  GError *error = NULL;
  RespModel *model;
  RespRulebook *rulebook;
  RespRecord *record;
  struct timespec t0, t1, c0, c1;
  GArray *ns = g_array_new (FALSE, FALSE, sizeof (double)), *cpu = g_array_new (FALSE, FALSE, sizeof (double));
  int year = argc > 3 ? atoi (argv[3]) : 2026;
  guint rounds = argc > 4 ? (guint) atoi (argv[4]) : 1, n_slots = 0;

  if (argc < 3 || year < 1 || year > 9998 || rounds < 1)
    {
      fprintf (stderr, "usage: resp-duty-loop MODEL RECORD [YEAR [ROUNDS]]\n");
      return 2;
    }
  model = resp_model_new_from_file (argv[1], NULL, &error);
  rulebook = model != NULL ? resp_rulebook_new_shipped ("cn-local-2026-example", &error) : NULL;
  record = rulebook != NULL ? resp_record_new_from_file (model, rulebook, argv[2], NULL, &error) : NULL;
  if (record == NULL)
    {
      fprintf (stderr, "resp-duty-loop: %s\n", error->message);
      return 1;
    }
  for (guint r = 0; r < rounds; r++)
    {
      RespDuties *d;
      double one;

      clock_gettime (CLOCK_MONOTONIC, &t0);
      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &c0);
      d = resp_model_check_duties (model, rulebook, record, day (year, "01-01"), day (year + 1, "01-01"),
                                   day (year + 1, "01-10"), NULL, &error);
      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &c1);
      clock_gettime (CLOCK_MONOTONIC, &t1);
      if (d == NULL)
        {
          fprintf (stderr, "resp-duty-loop: %s\n", error->message);
          return 1;
        }
      n_slots = resp_duties_get_n_slots (d);
      resp_duties_unref (d);
      one = (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec);
      g_array_append_val (ns, one);
      one = (c1.tv_sec - c0.tv_sec) * 1e9 + (c1.tv_nsec - c0.tv_nsec);
      g_array_append_val (cpu, one);
    }
  g_array_sort (ns, cmp_double);
  g_array_sort (cpu, cmp_double);
  fprintf (stderr, "%u slots x %u rounds: %.0f ns per slot (median round), %.0f (fastest); "
           "CPU time of the thread %.0f (median), %.0f (fastest)\n", n_slots, rounds,
           g_array_index (ns, double, rounds / 2) / MAX (n_slots, 1), g_array_index (ns, double, 0) / MAX (n_slots, 1),
           g_array_index (cpu, double, rounds / 2) / MAX (n_slots, 1), g_array_index (cpu, double, 0) / MAX (n_slots, 1));
  g_array_unref (ns);
  g_array_unref (cpu);
  resp_record_unref (record);
  resp_rulebook_unref (rulebook);
  resp_model_unref (model);
  return 0;
}
