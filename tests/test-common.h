/* test-common.h: shared helpers of the CUnit suites
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A helper that asserts on behalf of a test is a foo_in() function taking
 * the caller's file and line, called through a foo() macro that passes
 * __FILE__ and __LINE__, so that a failure points at the test, not here.
 */
#pragma once

#include <CUnit/Basic.h>
#include <glib.h>

#include "resp.h"
#include "resp-json-reader-private.h"

G_BEGIN_DECLS

/* The whole of a test program's main(): registers the suites (a table
 * ended by CU_SUITE_INFO_NULL, each with its tests ended by
 * CU_TEST_INFO_NULL), runs them verbosely and returns the process exit
 * status, non-zero when an assertion, a test or a suite's set-up failed. */
int        test_main        (CU_SuiteInfo *suites);
/* The same for a program of one suite, named name, set up by init and
 * cleaned up by clean (either may be NULL). */
int        test_main_suite  (const char        *name,
                             CU_InitializeFunc  init,
                             CU_CleanupFunc     clean,
                             CU_TestInfo       *tests);

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
/* The contents of a file under the source tree, and its length unless
 * length is NULL; fails the test run if it cannot be read. */
char      *test_read_src    (const char *relative,
                             gsize      *length);
/* Loads examples/data/city.json; fails the test run if it cannot. */
RespModel *test_load_city   (void);
/* Parses an instant or aborts the test. */
gint64     test_instant     (const char *text);
/* The same, or "-inf" and "+inf" for the open ends of an interval. */
gint64     test_instant_or_open (const char *text);
/* Runs `resp ARGS…` from the build tree; captures stdout, stderr and the
 * exit status. argv is NULL-terminated and does not include "resp". */
int        test_run_resp    (const char * const *argv,
                             char              **out_stdout,
                             char              **out_stderr);

/* The path of a file name in a new temporary directory, returned in dir;
 * the file is not made. test_remove_temp() removes and frees both. */
char      *test_temp_path   (const char  *name,
                             char       **dir);
/* The same, with text written to the file. */
char      *test_write_temp  (const char  *name,
                             const char  *text,
                             char       **dir);
void       test_remove_temp (char        *path,
                             char        *dir);

/* text with every single quote made a double one: tests write their JSON
 * with single quotes, and no test text needs a real one. */
char      *test_json_of     (const char *text);

/* ---- Inputs that must be refused ---- */

/* One bad input and the one error it must give. */
typedef struct {
  const char *name;
  const char *json;
  RespError   code;
  guint       line;      /* 0: any line */
  guint       column;    /* 0: any column */
  const char *message;   /* a substring of the diagnostic's message */
  gsize       length;    /* the input's length; 0: up to its NUL */
} TestErrorCase;

/* What a table of inputs is loaded as. */
typedef enum {
  TEST_INPUT_MODEL,
  TEST_INPUT_RULEBOOK,
  TEST_INPUT_CITY_EVENTS,   /* against city.json and the default rulebook (test_city_init) */
  TEST_INPUT_CITY_RECORD,   /* a record, against the same */
} TestInput;

typedef struct {
  TestInput   input;
  const char *filename;        /* what the input is named */
  gboolean    single_quotes;   /* the inputs are written with ' for " */
} TestLoader;

/* Loads length bytes (-1: up to the NUL) of json as the loader says;
 * NULL with diagnostics and error set when it is refused. */
gpointer   test_loader_load         (const TestLoader  *loader,
                                     const char        *json,
                                     gssize             length,
                                     GPtrArray        **diagnostics,
                                     GError           **error);

/* Loads every case, which must be refused with exactly one diagnostic: of
 * the case's code, file, line and column, its message containing the
 * case's; and a GError of that code whose message starts FILE:LINE:COLUMN. */
void       test_expect_errors_in    (const char          *file,
                                     int                  caller,
                                     const TestLoader    *loader,
                                     const TestErrorCase *cases,
                                     guint                n_cases);
#define test_expect_errors(loader, cases) \
  test_expect_errors_in (__FILE__, __LINE__, (loader), (cases), G_N_ELEMENTS (cases))

/* One diagnostic of a load that finds several. */
typedef struct {
  RespError   code;
  guint       line;
  guint       column;
  const char *message;   /* a substring of its message; NULL: any */
} TestDiagnostic;

/* diagnostics are exactly want, in that order, every one in filename. */
void       test_diagnostics_in      (const char           *file,
                                     int                   caller,
                                     GPtrArray            *diagnostics,
                                     const char           *filename,
                                     const TestDiagnostic *want,
                                     guint                 n_want);
#define test_diagnostics(diagnostics, filename, want) \
  test_diagnostics_in (__FILE__, __LINE__, (diagnostics), (filename), (want), G_N_ELEMENTS (want))

/* Loads text with loader, which must refuse it with exactly the
 * diagnostics want and a GError that is the first of them, its message
 * starting FILE:LINE:COLUMN and saying how many more there are ("(and 2
 * more errors)"), or nothing of more when it is the only one. */
void       test_refuse_in           (const char           *file,
                                     int                   caller,
                                     const TestLoader     *loader,
                                     const char           *text,
                                     const TestDiagnostic *want,
                                     guint                 n_want);
#define test_refuse(loader, text, want) \
  test_refuse_in (__FILE__, __LINE__, (loader), (text), (want), G_N_ELEMENTS (want))

/* ---- Events and verdicts ---- */

/* examples/data/events.json, loaded against model and the default
 * rulebook (test_city_init); fails the test run if it cannot. */
RespEventBatch *test_example_events (RespModel *model);

/* Loads json, which must be one valid event, against model and rulebook,
 * and assesses it. */
RespVerdict *test_assess_one_in     (const char   *file,
                                     int           caller,
                                     RespModel    *model,
                                     RespRulebook *rulebook,
                                     const char   *json);
#define test_assess_one(model, rulebook, json) \
  test_assess_one_in (__FILE__, __LINE__, (model), (rulebook), (json))

/* Where the verdict lists circumstance id (the verdict may leave out what
 * does not hold), or person among the liable; -1 if it does not. */
int        test_find_circumstance   (RespVerdict *v,
                                     const char  *id);
int        test_find_liable         (RespVerdict *v,
                                     const char  *person);
/* The status of circumstance id in v: one the verdict leaves out does not
 * hold. */
RespCircumstanceStatus test_circumstance_status (RespVerdict *v,
                                                 const char  *id);

/* ---- Outputs ---- */

/* Parses text, which must be one JSON value and nothing after it. */
RespJsonTree *test_parse_json_in    (const char *file,
                                     int         caller,
                                     const char *text);
#define test_parse_json(text) test_parse_json_in (__FILE__, __LINE__, (text))
/* The same for a file under the source tree; fails the run if it cannot
 * be read. */
RespJsonTree *test_read_json_in     (const char *file,
                                     int         caller,
                                     const char *relative);
#define test_read_json(relative) test_read_json_in (__FILE__, __LINE__, (relative))

/* Each of the needles, a list ended by NULL, occurs in text: one assertion
 * a needle, and the missing ones said on stderr. */
void       test_contains_in         (const char *file,
                                     int         caller,
                                     const char *text,
                                     ...) G_GNUC_NULL_TERMINATED;
#define test_contains(text, ...) \
  test_contains_in (__FILE__, __LINE__, (text), __VA_ARGS__, NULL)

/* ---- Roles ---- */

/* Resolves node at the instant at, which must succeed. */
RespRoles *test_resolve_in          (const char *file,
                                     int         caller,
                                     RespModel  *model,
                                     const char *node,
                                     const char *at);
#define test_resolve(model, node, at) test_resolve_in (__FILE__, __LINE__, (model), (node), (at))

/* The holders of role are expected, space-separated ("" for nobody), and
 * come sorted bytewise, each once. */
void       test_holders_in          (const char *file,
                                     int         caller,
                                     RespRoles  *roles,
                                     RespRole    role,
                                     const char *expected);
#define test_holders(roles, role, expected) \
  test_holders_in (__FILE__, __LINE__, (roles), (role), (expected))

/* Path index of holder in role is expected, space-separated. */
void       test_path_in             (const char *file,
                                     int         caller,
                                     RespRoles  *roles,
                                     RespRole    role,
                                     const char *holder,
                                     guint       index,
                                     const char *expected);
#define test_path(roles, role, holder, index, expected) \
  test_path_in (__FILE__, __LINE__, (roles), (role), (holder), (index), (expected))

/* Whether a role_unresolved warning names role for node. */
gboolean   test_role_warned         (RespRoles  *roles,
                                     RespRole    role,
                                     const char *node);

/* ---- Programmer errors ---- */

/* Runs fn in a child process; returns what the first critical (or
 * warning) it logs says, as "DOMAIN: MESSAGE", or NULL if it logs none
 * (it returned, or crashed). g_return_if_fail() says
 * "FUNCTION: assertion 'EXPRESSION' failed". */
char      *test_critical_message    (void (*fn) (void));

/* Whether fn hits the critical that says expected (a substring of its
 * message), and not another or none; says what it got if not. */
gboolean   test_criticals_in        (const char  *file,
                                     int          caller,
                                     void       (*fn) (void),
                                     const char  *expected);
#define test_criticals(fn, expected) test_criticals_in (__FILE__, __LINE__, (fn), (expected))

/* Whether fn runs to its end without a critical. */
gboolean   test_no_critical_in      (const char  *file,
                                     int          caller,
                                     void       (*fn) (void));
#define test_no_critical(fn) test_no_critical_in (__FILE__, __LINE__, (fn))

/* One misuse of the API and the critical it must hit. */
typedef struct {
  void      (*fn) (void);
  const char *critical;
} TestMisuse;

/* Each misuse hits its own critical. */
void       test_misuses_in          (const char       *file,
                                     int               caller,
                                     const TestMisuse *misuses,
                                     guint             n_misuses);
#define test_misuses(misuses) \
  test_misuses_in (__FILE__, __LINE__, (misuses), G_N_ELEMENTS (misuses))

G_END_DECLS
