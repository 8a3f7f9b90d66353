/* test-common.h: shared helpers of the CUnit suites
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <CUnit/Basic.h>
#include <glib.h>

#include "resp.h"

G_BEGIN_DECLS

/* Absolute path of a file under the source tree (RESP_SRCDIR). */
char      *test_src_path    (const char *relative);
/* Absolute path of a file under the build tree (RESP_BUILDDIR). */
char      *test_build_path  (const char *relative);
/* Loads examples/data/city.json; fails the test run if it cannot. */
RespModel *test_load_city   (void);
/* Parses an instant or aborts the test. */
gint64     test_instant     (const char *text);
/* Runs every registered suite verbosely; returns the process exit status
 * (non-zero when any assertion failed) and cleans the registry. */
int        test_run_all     (void);
/* Runs `resp ARGS…` from the build tree; captures stdout, stderr and the
 * exit status. argv is NULL-terminated and does not include "resp". */
int        test_run_resp    (const char * const *argv,
                             char              **out_stdout,
                             char              **out_stderr);
/* Whether a child process running fn hits a g_return_val_if_fail (a
 * critical) rather than crashing or succeeding silently. */
gboolean   test_criticals   (void (*fn) (void));


G_END_DECLS
