/* fuzz-verdicts.h: assessing a batch and checking every verdict (fuzz-event, fuzz-rulebook)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "fuzz-common.h"

G_BEGIN_DECLS

/* Loads length bytes of text as an event file named filename, against
 * city.json and rulebook, and checks the loader's contract
 * (fuzz_check_load); the batch, or NULL when it is refused. */
RespEventBatch *fuzz_load_events (RespRulebook *rulebook,
                                  const char   *text,
                                  gsize         length,
                                  const char   *filename);

/* Assesses every event of batch one by one and as a batch, checks that both
 * agree, reads every verdict through its accessors and renders them all in
 * every format, one by one and together. */
void fuzz_assess_and_render (RespModel      *model,
                             RespRulebook   *rulebook,
                             RespEventBatch *batch);

G_END_DECLS
