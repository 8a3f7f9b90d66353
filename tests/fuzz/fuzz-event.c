/* fuzz-event.c: an event file against city.json and the default rulebook
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The model and the rulebook are loaded once; the input is an event file
 * (one object, an array or JSON Lines). When it loads, every event is
 * assessed and every verdict read and rendered in every format. The same
 * bytes, as a file (a memfd), go through resp_events_foreach_in_file(),
 * which must agree with the batch: the same events in the same order and
 * shape, or the same diagnostics (code and position) and no event handed
 * over.
 */
#include "config.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz-verdicts.h"

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

static gboolean
collect (RespEvent *event,
         gpointer   data)
{
  g_ptr_array_add (data, resp_event_ref (event));
  return TRUE;
}

/* resp_events_foreach_in_file() on the input as a file, against what the
 * batch gave (batch, or its diagnostics when it is NULL) */
static void
check_foreach (const uint8_t  *data,
               size_t          size,
               RespEventBatch *batch,
               GPtrArray      *batch_diags)
{
  int fd = memfd_create ("fuzz-events", MFD_CLOEXEC);
  GPtrArray *seen = g_ptr_array_new_with_free_func ((GDestroyNotify) resp_event_unref);
  GPtrArray *diags = NULL;
  GError *error = NULL;
  gboolean is_list = FALSE, ok;
  char *path;

  if (fd < 0)
    fuzz_fail ("memfd_create failed");
  for (size_t done = 0; done < size;)
    {
      ssize_t n = write (fd, data + done, size - done);
      if (n <= 0)
        fuzz_fail ("cannot write the memfd");
      done += (size_t) n;
    }
  path = g_strdup_printf ("/proc/self/fd/%d", fd);
  ok = resp_events_foreach_in_file (fuzz_city (), rulebook, path, NULL, collect, seen, &is_list, &diags, &error);
  if (ok != (batch != NULL))
    fuzz_fail ("the batch %s but resp_events_foreach_in_file %s", batch != NULL ? "loaded" : "did not",
               ok ? "did" : "did not");
  if (ok)
    {
      guint n = resp_event_batch_get_n_events (batch);

      if (seen->len != n || is_list != resp_event_batch_get_is_list (batch))
        fuzz_fail ("%u events (list %d) one at a time, %u (list %d) in the batch", seen->len, is_list, n,
                   resp_event_batch_get_is_list (batch));
      for (guint i = 0; i < n; i++)
        {
          RespEvent *a = seen->pdata[i], *b = resp_event_batch_get_event (batch, i);

          if (strcmp (resp_event_get_id (a), resp_event_get_id (b)) != 0 ||
              resp_event_get_occurred_at (a) != resp_event_get_occurred_at (b))
            fuzz_fail ("event %u differs: '%s' one at a time, '%s' in the batch", i, resp_event_get_id (a),
                       resp_event_get_id (b));
        }
    }
  else
    {
      if (seen->len != 0)
        fuzz_fail ("%u events handed over from an input that does not load", seen->len);
      if (diags == NULL || batch_diags == NULL || diags->len != batch_diags->len)
        fuzz_fail ("%u diagnostics one at a time, %u in the batch", diags != NULL ? diags->len : 0,
                   batch_diags != NULL ? batch_diags->len : 0);
      for (guint i = 0; i < diags->len; i++)
        {
          RespDiagnostic *a = diags->pdata[i], *b = batch_diags->pdata[i];

          if (resp_diagnostic_get_code (a) != resp_diagnostic_get_code (b) ||
              resp_diagnostic_get_line (a) != resp_diagnostic_get_line (b) ||
              resp_diagnostic_get_column (a) != resp_diagnostic_get_column (b))
            fuzz_fail ("diagnostic %u differs: %u at %u:%u one at a time, %u at %u:%u in the batch", i,
                       resp_diagnostic_get_code (a), resp_diagnostic_get_line (a),
                       resp_diagnostic_get_column (a), resp_diagnostic_get_code (b),
                       resp_diagnostic_get_line (b), resp_diagnostic_get_column (b));
        }
    }
  g_clear_error (&error);
  g_clear_pointer (&diags, g_ptr_array_unref);
  g_ptr_array_unref (seen);
  g_free (path);
  close (fd);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  RespEventBatch *batch = fuzz_load_events (rulebook, (const char *) data, size, FUZZ_FILE_NAME);
  GPtrArray *diags = NULL;

  if (batch == NULL)
    {
      /* the batch's diagnostics, for the comparison */
      RespEventBatch *again = resp_event_batch_new_from_data (fuzz_city (), rulebook, (const char *) data,
                                                              (gssize) size, FUZZ_FILE_NAME, &diags, NULL);
      if (again != NULL)
        fuzz_fail ("the same input loaded the second time");
    }
  check_foreach (data, size, batch, diags);
  g_clear_pointer (&diags, g_ptr_array_unref);
  if (batch == NULL)
    return 0;
  fuzz_assess_and_render (fuzz_city (), rulebook, batch);
  resp_event_batch_unref (batch);
  return 0;
}
