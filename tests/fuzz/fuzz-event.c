/* fuzz-event.c: an event file against city.json and the default rulebook
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The model and the rulebook are loaded once; the input is an event file
 * (one object, an array or JSON Lines). When it loads, every event is
 * assessed and every verdict read and rendered in every format.
 */
#include "config.h"

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

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  RespEventBatch *batch = fuzz_load_events (rulebook, (const char *) data, size, FUZZ_FILE_NAME);

  if (batch == NULL)
    return 0;
  fuzz_assess_and_render (fuzz_city (), rulebook, batch);
  resp_event_batch_unref (batch);
  return 0;
}
