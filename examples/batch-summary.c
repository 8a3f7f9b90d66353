/* batch-summary.c: assess a batch of events and count liabilities by category
 *
 *   cc batch-summary.c $(pkg-config --cflags --libs libresp-1.0) -o batch-summary
 *   ./batch-summary examples/data/city.json examples/data/events.json
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>

#include <resp/resp.h>

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RespModel) model = NULL;
  g_autoptr(RespRulebook) rulebook = resp_rulebook_new_default ();
  g_autoptr(RespEventBatch) batch = NULL;
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GHashTable) people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint by_status[3] = { 0 }, by_category[3] = { 0 };

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s MODEL EVENTS\n", argv[0]);
      return 2;
    }
  model = resp_model_new_from_file (argv[1], NULL, &error);
  if (model != NULL)
    batch = resp_event_batch_new_from_file (model, rulebook, argv[2], NULL, &error);
  if (batch == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  /* 0 threads: one per processor, all sharing the model and the rulebook */
  verdicts = resp_assess_batch (model, rulebook, batch, 0);
  for (guint i = 0; i < verdicts->len; i++)
    {
      RespVerdict *v = verdicts->pdata[i];

      by_status[resp_verdict_get_status (v)]++;
      for (guint k = 0; k < resp_verdict_get_n_liable (v); k++)
        {
          by_category[resp_verdict_get_liable_category (v, k)]++;
          g_hash_table_add (people, g_strdup (resp_verdict_get_liable_person (v, k)));
        }
    }

  printf ("%u events: %u triggered, %u undetermined, %u not triggered\n", verdicts->len,
          by_status[RESP_VERDICT_TRIGGERED], by_status[RESP_VERDICT_UNDETERMINED],
          by_status[RESP_VERDICT_NOT_TRIGGERED]);
  for (RespCategory c = RESP_CATEGORY_DIRECT; c <= RESP_CATEGORY_IMPORTANT_LEADERSHIP; c++)
    printf ("%-22s %u\n", resp_category_to_string (c), by_category[c]);
  printf ("%u different people held\n", g_hash_table_size (people));
  return 0;
}
