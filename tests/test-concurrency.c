/* test-concurrency.c: eight threads share one model and one rulebook
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Tens of thousands of generated events are assessed once on one thread
 * and again on eight; every verdict must come out byte for byte the same.
 * Under ThreadSanitizer this is also the data-race test.
 */
#include <string.h>

#include "test-common.h"
#include "resp-snapshot-private.h"

#define N_THREADS 8

static RespEventBatch *batch;
static char **expected;
static char *events;

static const char * const subjects[] = {
  "\"systems\": [\"s-portal\"]", "\"systems\": [\"s-news\"]", "\"systems\": [\"s-app\"]",
  "\"systems\": [\"s-scada\"]", "\"systems\": [\"s-egov\"]", "\"systems\": [\"s-water\"]",
  "\"systems\": [\"s-his\"]", "\"systems\": [\"s-county-portal\"]", "\"systems\": [\"s-cac-monitor\"]",
  "\"units\": [\"u-hospital\"]", "\"systems\": [\"s-portal\", \"s-news\"], \"units\": [\"u-platform\"]",
};

static const char * const bool_facts[] = {
  "attacked", "tampered", "harmful_info_spread_widely", "reported_in_time", "handled_in_time",
  "leak_state_secrets", "leak_personal_info_mass", "leak_basic_data", "public_life_widely_affected",
  "major_economic_loss", "severe_social_impact", "concealed", "refused_investigation",
  "notified_risk_unrectified", "serious_consequence", "obstructed_security_organs", "other_serious",
  "supervision_failed", "coordination_failed", "remedied", "cooperated",
};

/* Events drawn with a fixed seed: each fact true, false or absent, dates
 * across tenure changes, now and then a decision or an exemption. */
static char *
generate (guint n)
{
  GRand *rand = g_rand_new_with_seed (20261122);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      gboolean first = TRUE, quiet;

      g_string_append_printf (s, "{\"id\": \"g%u\", \"occurred_at\": \"20%02d-%02d-%02dT%02d:00:00+08:00\", %s, \"facts\": {",
                              i, g_rand_int_range (rand, 18, 27), g_rand_int_range (rand, 1, 13),
                              g_rand_int_range (rand, 1, 29), g_rand_int_range (rand, 0, 24),
                              subjects[g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects))]);
      /* one in five is quiet: every fact stated and false */
      quiet = g_rand_int_range (rand, 0, 5) == 0;
      for (guint f = 0; f < G_N_ELEMENTS (bool_facts); f++)
        {
          int pick = quiet ? 1 : g_rand_int_range (rand, 0, 5);
          if (pick >= 3)
            continue;   /* absent: unknown */
          g_string_append_printf (s, "%s\"%s\": %s", first ? "" : ", ", bool_facts[f],
                                  pick == 0 ? "true" : "false");
          first = FALSE;
        }
      if (quiet)
        g_string_append (s, ", \"outage_hours\": 0, \"leak_personal_info_records\": 0");
      else if (g_rand_boolean (rand))
        g_string_append_printf (s, "%s\"outage_hours\": %d", first ? "" : ", ", g_rand_int_range (rand, 0, 12));
      g_string_append (s, "}");
      if (g_rand_int_range (rand, 0, 10) == 0)
        g_string_append (s, ", \"involved\": [\"p-zhao\"], \"decisions\": [{\"committee\": \"k-city\", "
                            "\"participants\": [\"p-liu\", \"p-qian\"], \"dissent\": [\"p-qian\"]}]");
      if (g_rand_int_range (rand, 0, 10) == 0)
        g_string_append (s, ", \"exemptions\": [{\"person\": \"p-zhao\", \"reason\": \"duty_fulfilled\"}]");
      g_string_append (s, "}\n");
    }
  g_rand_free (rand);
  return g_string_free (s, FALSE);
}

typedef struct {
  guint  index;
  guint  mismatches;
} Worker;

static gpointer
work (gpointer data)
{
  Worker *w = data;
  guint n = resp_event_batch_get_n_events (batch);

  /* interleaved, so neighbouring events run on different threads */
  for (guint i = w->index; i < n; i += N_THREADS)
    {
      RespVerdict *v = resp_assess (test_city_model, test_city_rulebook,
                                    resp_event_batch_get_event (batch, i));
      char *json = resp_verdict_render (v, RESP_FORMAT_JSON);

      w->mismatches += strcmp (json, expected[i]) != 0;
      g_free (json);
      resp_verdict_unref (v);
    }
  return NULL;
}

static void
test_threads (void)
{
  Worker workers[N_THREADS];
  GThread *threads[N_THREADS];
  guint mismatches = 0;

  for (guint t = 0; t < N_THREADS; t++)
    {
      workers[t] = (Worker) { t, 0 };
      threads[t] = g_thread_new ("worker", work, &workers[t]);
    }
  for (guint t = 0; t < N_THREADS; t++)
    {
      g_thread_join (threads[t]);
      mismatches += workers[t].mismatches;
    }
  CU_ASSERT_EQUAL (mismatches, 0);
}

static void
test_batch (void)
{
  GPtrArray *vs = resp_assess_batch (test_city_model, test_city_rulebook, batch, N_THREADS);
  guint mismatches = 0;

  CU_ASSERT_EQUAL_FATAL (vs->len, resp_event_batch_get_n_events (batch));
  for (guint i = 0; i < vs->len; i++)
    {
      char *json = resp_verdict_render (vs->pdata[i], RESP_FORMAT_JSON);
      mismatches += strcmp (json, expected[i]) != 0;
      g_free (json);
    }
  CU_ASSERT_EQUAL (mismatches, 0);
  g_ptr_array_unref (vs);
}

/* The same verdicts read by eight threads at once, before any has been
 * read: each verdict's view (its liable and the words of its warnings) is
 * made by one of them while the others wait for it, and every thread reads
 * what one thread alone would. Under ThreadSanitizer, no race. */
typedef struct {
  GPtrArray *verdicts;
  guint      start;        /* where this thread starts, going round */
  guint      mismatches;
} Reader;

static gpointer
read_thread (gpointer data)
{
  Reader *r = data;
  guint n = r->verdicts->len;

  for (guint k = 0; k < n; k++)
    {
      guint i = (r->start + k) % n;
      char *json = resp_verdict_render (r->verdicts->pdata[i], RESP_FORMAT_JSON);

      r->mismatches += strcmp (json, expected[i]) != 0;
      g_free (json);
    }
  return NULL;
}

static void
test_verdicts_read_at_once (void)
{
  GPtrArray *vs = resp_assess_batch (test_city_model, test_city_rulebook, batch, 1);
  GThread *threads[N_THREADS];
  Reader readers[N_THREADS];
  guint mismatches = 0;

  for (guint t = 0; t < N_THREADS; t++)
    {
      /* half of them start together, the others a little further on */
      readers[t] = (Reader) { vs, t % 2 == 0 ? 0 : t, 0 };
      threads[t] = g_thread_new ("reader", read_thread, &readers[t]);
    }
  for (guint t = 0; t < N_THREADS; t++)
    {
      g_thread_join (threads[t]);
      mismatches += readers[t].mismatches;
    }
  CU_ASSERT_EQUAL (mismatches, 0);
  g_ptr_array_unref (vs);
}

static void
test_statuses_vary (void)
{
  /* the generated events are worth comparing: every status occurs */
  guint seen[3] = { 0, 0, 0 };

  for (guint i = 0; expected[i] != NULL; i++)
    {
      if (strstr (expected[i], "\"status\": \"triggered\""))
        seen[0]++;
      else if (strstr (expected[i], "\"status\": \"undetermined\""))
        seen[1]++;
      else
        seen[2]++;
    }
  CU_ASSERT (seen[0] > 0 && seen[1] > 0 && seen[2] > 0);
}

/* The generated events and, from one thread, their verdicts to compare */
static int
suite_init (void)
{
  const char *env = g_getenv ("RESP_TEST_EVENTS");
  guint n = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 20000;
  GError *error = NULL;

  test_city_init ();
  events = generate (n);
  batch = resp_event_batch_new_from_data (test_city_model, test_city_rulebook, events, -1,
                                          "generated.jsonl", NULL, &error);
  if (batch == NULL)
    {
      fprintf (stderr, "generated events do not load: %s\n", error->message);
      g_error_free (error);
      return 1;
    }
  expected = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      RespVerdict *v = resp_assess (test_city_model, test_city_rulebook,
                                    resp_event_batch_get_event (batch, i));
      expected[i] = resp_verdict_render (v, RESP_FORMAT_JSON);
      resp_verdict_unref (v);
    }
  return 0;
}

static int
suite_clean (void)
{
  g_clear_pointer (&expected, g_strfreev);
  g_clear_pointer (&events, g_free);
  g_clear_pointer (&batch, resp_event_batch_unref);
  return test_city_clean ();
}

static gpointer
quark_thread (gpointer data)
{
  GQuark *out = data;

  *out = RESP_ERROR;
  return NULL;
}

/* The error domain's first use from eight threads at once (nothing before
 * this test sets an error): one quark, and under ThreadSanitizer no race. */
static void
test_error_quark (void)
{
  GThread *threads[N_THREADS];
  GQuark got[N_THREADS];

  for (int i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("quark", quark_thread, &got[i]);
  for (int i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);
  for (int i = 0; i < N_THREADS; i++)
    CU_ASSERT_EQUAL (got[i], g_quark_from_static_string ("resp-error-quark"));
}

/* Snapshots opened on eight threads at once, each open checked on two (the
 * sums on a thread of its own, as for a national file): every one opens and
 * answers as the model it was written from; under ThreadSanitizer, no race
 * between an open's two threads. */
typedef struct {
  const char *path;
  guint       mismatches;
} Opener;

static gpointer
open_thread (gpointer data)
{
  Opener *o = data;

  for (guint k = 0; k < 5; k++)
    {
      RespModel *m = resp_model_new_from_file (o->path, NULL, NULL);
      RespVerdict *v;
      char *json;

      if (m == NULL)
        {
          o->mismatches++;
          continue;
        }
      /* the batch was read for the JSON model: the first event again, for this one */
      v = NULL;
      json = NULL;
      {
        GError *error = NULL;
        const char *end = strchr (events, '\n');
        char *first = g_strndup (events, (gsize) (end - events));
        RespEventBatch *b = resp_event_batch_new_from_data (m, test_city_rulebook, first, -1, "g0", NULL, &error);

        if (b != NULL)
          {
            v = resp_assess (m, test_city_rulebook, resp_event_batch_get_event (b, 0));
            json = resp_verdict_render (v, RESP_FORMAT_JSON);
            resp_event_batch_unref (b);
          }
        g_clear_error (&error);
        g_free (first);
      }
      o->mismatches += json == NULL || strcmp (json, expected[0]) != 0;
      g_free (json);
      g_clear_pointer (&v, resp_verdict_unref);
      resp_model_unref (m);
    }
  return NULL;
}

static void
test_snapshot_opens (void)
{
  char *dir = NULL, *path = test_temp_path ("city.snap", &dir);
  GThread *threads[N_THREADS];
  Opener openers[N_THREADS];
  guint mismatches = 0;
  gsize old;

  CU_ASSERT_FATAL (resp_model_write_snapshot (test_city_model, path, NULL));
  old = resp_snapshot_set_parallel_min (0);
  for (guint t = 0; t < N_THREADS; t++)
    {
      openers[t] = (Opener) { path, 0 };
      threads[t] = g_thread_new ("opener", open_thread, &openers[t]);
    }
  for (guint t = 0; t < N_THREADS; t++)
    {
      g_thread_join (threads[t]);
      mismatches += openers[t].mismatches;
    }
  resp_snapshot_set_parallel_min (old);
  CU_ASSERT_EQUAL (mismatches, 0);
  test_remove_temp (path, dir);
}

static CU_TestInfo tests[] = {
  { "the error domain's first use, on 8 threads", test_error_quark },
  { "the generated events cover every status", test_statuses_vary },
  { "8 threads calling resp_assess", test_threads },
  { "resp_assess_batch on 8 threads", test_batch },
  { "the same verdicts read by 8 threads at once", test_verdicts_read_at_once },
  { "a snapshot opened on 8 threads, each open on two", test_snapshot_opens },
  CU_TEST_INFO_NULL,
};

int
main (void)
{
  return test_main_suite ("concurrency", suite_init, suite_clean, tests);
}
