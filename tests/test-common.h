/* test-common.h: shared helpers of the CUnit suites
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <CUnit/Basic.h>
#include <glib.h>

#include "resp.h"

G_BEGIN_DECLS

/* The whole of a test program's main(): registers the suites (a table
 * ended by CU_SUITE_INFO_NULL, each with its tests ended by
 * CU_TEST_INFO_NULL), runs them verbosely and returns the process exit
 * status, non-zero when an assertion, a test or a suite's set-up failed. */
int        test_main        (CU_SuiteInfo *suites);

/* Records an assertion as made at line `caller` of file, for helpers that
 * check on behalf of a caller (who passes __LINE__). */
void       test_report_in   (const char *file,
                             int         caller,
                             gboolean    ok,
                             const char *what);
#define test_report_at(caller, ok, what) test_report_in (__FILE__, (caller), (ok), (what))

/* examples/data/city.json, its path and the model, and the default
 * rulebook: what most suites check against, loaded once per suite by
 * naming test_city_init and test_city_clean in its CU_SuiteInfo. */
extern char         *test_city_path;
extern RespModel    *test_city_model;
extern RespRulebook *test_city_rulebook;
int        test_city_init   (void);
int        test_city_clean  (void);

/* Absolute path of a file under the source tree (RESP_SRCDIR). */
char      *test_src_path    (const char *relative);
/* Absolute path of a file under the build tree (RESP_BUILDDIR). */
char      *test_build_path  (const char *relative);
/* Loads examples/data/city.json; fails the test run if it cannot. */
RespModel *test_load_city   (void);
/* Parses an instant or aborts the test. */
gint64     test_instant     (const char *text);
/* Runs `resp ARGS…` from the build tree; captures stdout, stderr and the
 * exit status. argv is NULL-terminated and does not include "resp". */
int        test_run_resp    (const char * const *argv,
                             char              **out_stdout,
                             char              **out_stderr);
/* Whether a child process running fn hits a g_return_val_if_fail (a
 * critical) rather than crashing or succeeding silently. */
gboolean   test_criticals   (void (*fn) (void));


G_END_DECLS
