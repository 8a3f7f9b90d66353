/* resp-assess-loop: assess the events of a file again and again, for profilers
 *
 *   resp-assess-loop [--streamed] MODEL EVENTS [ROUNDS]
 *
 * Opens MODEL (a snapshot opens in milliseconds), loads EVENTS, then assesses
 * every event ROUNDS times (default 1) on one thread with one assessor,
 * dropping each verdict unrendered: exactly the work resp-bench times as
 * assess_median_ns, without the rest of resp-bench around it. With
 * --streamed the events are read with resp_events_foreach_in_file() and
 * each is assessed as it is handed over, as `resp assess` on a file does
 * (a few thousand parsed, then assessed): an event's own data is then
 * still in cache, where the whole file loaded first has long left it. Under
 * `valgrind --tool=callgrind --toggle-collect=resp_assessor_assess
 * --toggle-collect=resp_verdict_unref` it counts the instructions an event
 * costs; under `perf record` it shows where the time goes.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <string.h>

#include "resp.h"

typedef struct {
  RespAssessor *assessor;
  guint         n;
} Streamed;

static gboolean
assess_one (RespEvent *event, gpointer data)
{
  Streamed *s = data;

  resp_verdict_unref (resp_assessor_assess (s->assessor, event));
  s->n++;
  return TRUE;
}

int
main (int argc, char **argv)
{
  GError *error = NULL;
  RespModel *model;
  RespRulebook *rulebook;
  RespEventBatch *batch;
  RespAssessor *assessor;
  struct timespec t0, t1;
  gboolean streamed = argc > 1 && strcmp (argv[1], "--streamed") == 0;
  guint rounds, n;

  if (streamed)
    {
      argv++;
      argc--;
    }
  if (argc < 3)
    {
      fprintf (stderr, "usage: resp-assess-loop [--streamed] MODEL EVENTS [ROUNDS]\n");
      return 2;
    }
  rounds = argc > 3 ? (guint) atoi (argv[3]) : 1;
  model = resp_model_new_from_file (argv[1], NULL, &error);
  if (model == NULL)
    {
      fprintf (stderr, "resp-assess-loop: %s\n", error->message);
      return 1;
    }
  rulebook = resp_rulebook_new_default ();
  if (streamed)
    {
      Streamed st = { resp_assessor_new (model, rulebook), 0 };
      gboolean ok = TRUE;

      clock_gettime (CLOCK_MONOTONIC, &t0);
      for (guint r = 0; r < rounds && ok; r++)
        ok = resp_events_foreach_in_file (model, rulebook, argv[2], NULL, assess_one, &st, NULL, NULL, &error);
      clock_gettime (CLOCK_MONOTONIC, &t1);
      resp_assessor_unref (st.assessor);
      resp_rulebook_unref (rulebook);
      resp_model_unref (model);
      if (!ok)
        {
          fprintf (stderr, "resp-assess-loop: %s\n", error->message);
          g_error_free (error);
          return 1;
        }
      fprintf (stderr, "%u events streamed: %.0f ns per event (mean, reading included)\n", st.n,
               ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / (double) MAX (st.n, 1));
      return 0;
    }
  batch = resp_event_batch_new_from_file (model, rulebook, argv[2], NULL, &error);
  if (batch == NULL)
    {
      fprintf (stderr, "resp-assess-loop: %s\n", error->message);
      return 1;
    }
  n = resp_event_batch_get_n_events (batch);
  assessor = resp_assessor_new (model, rulebook);
  clock_gettime (CLOCK_MONOTONIC, &t0);
  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < n; i++)
      resp_verdict_unref (resp_assessor_assess (assessor, resp_event_batch_get_event (batch, i)));
  clock_gettime (CLOCK_MONOTONIC, &t1);
  fprintf (stderr, "%u events x %u rounds: %.0f ns per event (mean)\n", n, rounds,
           ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / ((double) n * rounds));
  resp_assessor_unref (assessor);
  resp_event_batch_unref (batch);
  resp_rulebook_unref (rulebook);
  resp_model_unref (model);
  return 0;
}
