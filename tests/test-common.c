/* test-common.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-builder.h"

#include <glib/gstdio.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char *
under (const char *var, const char *fallback, const char *relative)
{
  const char *root = g_getenv (var);
  return g_build_filename (root != NULL ? root : fallback, relative, NULL);
}

char *
test_src_path (const char *relative)
{
  return under ("RESP_SRCDIR", "..", relative);
}

char *
test_build_path (const char *relative)
{
  return under ("RESP_BUILDDIR", ".", relative);
}

char *
test_read_src (const char *relative,
               gsize      *length)
{
  char *path = test_src_path (relative);
  char *data = NULL;
  GError *error = NULL;

  if (!g_file_get_contents (path, &data, length, &error))
    {
      fprintf (stderr, "cannot read %s: %s\n", path, error->message);
      exit (1);
    }
  g_free (path);
  return data;
}

RespModel *
test_load_city (void)
{
  char *path = test_src_path ("examples/data/city.json");
  GError *error = NULL;
  RespModel *m = resp_model_new_from_file (path, NULL, &error);

  if (m == NULL)
    {
      fprintf (stderr, "cannot load %s: %s\n", path, error->message);
      exit (1);
    }
  g_free (path);
  return m;
}

char         *test_city_path;
RespModel    *test_city_model;
RespRulebook *test_city_rulebook;

int
test_city_init (void)
{
  test_city_path = test_src_path ("examples/data/city.json");
  test_city_model = test_load_city ();
  test_city_rulebook = resp_rulebook_new_default ();
  return test_city_model != NULL && test_city_rulebook != NULL ? 0 : 1;
}

int
test_city_clean (void)
{
  g_clear_pointer (&test_city_rulebook, resp_rulebook_unref);
  g_clear_pointer (&test_city_model, resp_model_unref);
  g_clear_pointer (&test_city_path, g_free);
  return 0;
}

gint64
test_instant (const char *text)
{
  gint64 t = 0;
  GError *error = NULL;

  if (!resp_instant_parse (text, &t, &error))
    {
      fprintf (stderr, "bad instant in a test: %s\n", error->message);
      exit (1);
    }
  return t;
}

int
test_main (CU_SuiteInfo *suites)
{
  unsigned failures;

  if (CU_initialize_registry () != CUE_SUCCESS)
    return 1;
  if (CU_register_suites (suites) != CUE_SUCCESS)
    {
      fprintf (stderr, "cannot register the tests: %s\n", CU_get_error_msg ());
      CU_cleanup_registry ();
      return 1;
    }
  CU_basic_set_mode (CU_BRM_VERBOSE);
  CU_basic_run_tests ();
  /* read before cleanup, which zeroes them; CU_get_error() alone says
   * nothing of failed asserts, and a suite whose set-up failed runs no
   * test at all */
  failures = CU_get_number_of_failures () + CU_get_number_of_tests_failed ()
             + CU_get_number_of_suites_failed ();
  CU_cleanup_registry ();
  return failures > 0 ? 1 : 0;
}

int
test_main_suite (const char        *name,
                 CU_InitializeFunc  init,
                 CU_CleanupFunc     clean,
                 CU_TestInfo       *tests)
{
  CU_SuiteInfo suites[] = {
    { name, init, clean, NULL, NULL, tests },
    CU_SUITE_INFO_NULL,
  };

  return test_main (suites);
}

gint64
test_instant_or_open (const char *text)
{
  if (strcmp (text, "-inf") == 0)
    return RESP_INSTANT_OPEN_START;
  if (strcmp (text, "+inf") == 0)
    return RESP_INSTANT_OPEN_END;
  return test_instant (text);
}

int
test_run_resp (const char * const *argv, char **out_stdout, char **out_stderr)
{
  GPtrArray *args = g_ptr_array_new ();
  char *tool = test_build_path ("tools/resp/resp");
  GError *error = NULL;
  int status = -1;

  g_ptr_array_add (args, tool);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);
  if (!g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     out_stdout, out_stderr, &status, &error))
    {
      fprintf (stderr, "cannot run %s: %s\n", tool, error->message);
      exit (1);
    }
  g_free (tool);
  g_ptr_array_free (args, TRUE);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128;
}

char *
test_temp_path (const char  *name,
                char       **dir)
{
  *dir = g_dir_make_tmp ("resp-test-XXXXXX", NULL);
  if (*dir == NULL)
    {
      fprintf (stderr, "cannot make a temporary directory\n");
      exit (1);
    }
  return g_build_filename (*dir, name, NULL);
}

char *
test_write_temp (const char  *name,
                 const char  *text,
                 char       **dir)
{
  char *path = test_temp_path (name, dir);

  if (!g_file_set_contents (path, text, -1, NULL))
    {
      fprintf (stderr, "cannot write %s\n", path);
      exit (1);
    }
  return path;
}

void
test_remove_temp (char *path,
                  char *dir)
{
  g_unlink (path);
  g_rmdir (dir);
  g_free (path);
  g_free (dir);
}

char *
test_json_of (const char *text)
{
  return g_strdelimit (g_strdup (text), "'", '"');
}

gpointer
test_loader_load (const TestLoader  *loader,
                  const char        *json,
                  gssize             length,
                  GPtrArray        **diagnostics,
                  GError           **error)
{
  switch (loader->input)
    {
    case TEST_INPUT_MODEL:
      return resp_model_new_from_data (json, length, loader->filename, diagnostics, error);
    case TEST_INPUT_RULEBOOK:
      return resp_rulebook_new_from_data (json, length, loader->filename, diagnostics, error);
    case TEST_INPUT_CITY_RECORD:
      return resp_record_new_from_data (test_city_model, test_city_rulebook, json, length,
                                        loader->filename, diagnostics, error);
    case TEST_INPUT_CITY_EVENTS:
    default:
      return resp_event_batch_new_from_data (test_city_model, test_city_rulebook, json, length,
                                             loader->filename, diagnostics, error);
    }
}

/* Drops what a case that should have been refused loaded. */
static void
loaded_free (const TestLoader *loader, gpointer loaded)
{
  if (loaded == NULL)
    return;
  if (loader->input == TEST_INPUT_MODEL)
    resp_model_unref (loaded);
  else if (loader->input == TEST_INPUT_RULEBOOK)
    resp_rulebook_unref (loaded);
  else if (loader->input == TEST_INPUT_CITY_RECORD)
    resp_record_unref (loaded);
  else
    resp_event_batch_unref (loaded);
}

/* The start of an error message at line:column of filename, either left
 * out where 0. */
static char *
position_prefix (const char *filename, guint line, guint column)
{
  if (line == 0)
    return g_strdup_printf ("%s:", filename);
  if (column == 0)
    return g_strdup_printf ("%s:%u:", filename, line);
  return g_strdup_printf ("%s:%u:%u: ", filename, line, column);
}

static gboolean
diagnostic_is (RespDiagnostic       *d,
               const char           *filename,
               const TestDiagnostic *want)
{
  return resp_diagnostic_get_code (d) == want->code
         && g_strcmp0 (resp_diagnostic_get_file (d), filename) == 0
         && (want->line == 0 || resp_diagnostic_get_line (d) == want->line)
         && (want->column == 0 || resp_diagnostic_get_column (d) == want->column)
         && (want->message == NULL
             || strstr (resp_diagnostic_get_message (d), want->message) != NULL);
}

static void
error_case (const char          *file,
            int                  caller,
            const TestLoader    *loader,
            const TestErrorCase *c)
{
  char *json = loader->single_quotes ? test_json_of (c->json) : g_strdup (c->json);
  gssize length = c->length > 0 ? (gssize) c->length : -1;
  GPtrArray *diags = NULL;
  GError *error = NULL;
  gpointer loaded = test_loader_load (loader, json, length, &diags, &error);
  char *prefix = position_prefix (loader->filename, c->line, c->column);
  TestDiagnostic want = { c->code, c->line, c->column, c->message };
  char *what;
  gboolean ok;

  what = g_strdup_printf ("case '%s' is refused", c->name);
  test_report_in (file, caller, loaded == NULL && error != NULL && diags != NULL
                                && diags->len > 0, what);
  g_free (what);
  if (loaded != NULL || error == NULL || diags == NULL || diags->len == 0)
    {
      fprintf (stderr, "\n  case '%s': %s\n", c->name,
               loaded != NULL ? "the input loaded" : "no error or no diagnostic");
      loaded_free (loader, loaded);
      goto out;
    }
  ok = error->domain == RESP_ERROR && (RespError) error->code == c->code
       && diagnostic_is (diags->pdata[0], loader->filename, &want)
       && g_str_has_prefix (error->message, prefix);
  if (!ok)
    fprintf (stderr, "\n  case '%s': expected code %d at %u:%u with '%s'; got %d: %s\n",
             c->name, c->code, c->line, c->column, c->message, error->code, error->message);
  what = g_strdup_printf ("case '%s': code, position and message", c->name);
  test_report_in (file, caller, ok, what);
  g_free (what);
  if (diags->len != 1)
    fprintf (stderr, "\n  case '%s': %u diagnostics, expected 1 (%s)\n", c->name, diags->len,
             error->message);
  what = g_strdup_printf ("case '%s': one diagnostic", c->name);
  test_report_in (file, caller, diags->len == 1, what);
  g_free (what);

out:
  g_clear_pointer (&diags, g_ptr_array_unref);
  g_clear_error (&error);
  g_free (prefix);
  g_free (json);
}

void
test_expect_errors_in (const char          *file,
                       int                  caller,
                       const TestLoader    *loader,
                       const TestErrorCase *cases,
                       guint                n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    error_case (file, caller, loader, &cases[i]);
}

void
test_diagnostics_in (const char           *file,
                     int                   caller,
                     GPtrArray            *diagnostics,
                     const char           *filename,
                     const TestDiagnostic *want,
                     guint                 n_want)
{
  gboolean ok = diagnostics != NULL && diagnostics->len == n_want;

  for (guint i = 0; ok && i < n_want; i++)
    ok = diagnostic_is (diagnostics->pdata[i], filename, &want[i]);
  if (!ok)
    {
      fprintf (stderr, "\n  line %d: expected %u diagnostics:", caller, n_want);
      for (guint i = 0; i < n_want; i++)
        fprintf (stderr, "\n    code %d at %s:%u:%u with '%s'", want[i].code, filename,
                 want[i].line, want[i].column, want[i].message != NULL ? want[i].message : "");
      fprintf (stderr, "\n  got:");
      for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
        {
          char *s = resp_diagnostic_to_string (diagnostics->pdata[i]);
          fprintf (stderr, "\n    code %d: %s", resp_diagnostic_get_code (diagnostics->pdata[i]),
                   s);
          g_free (s);
        }
      fprintf (stderr, "\n");
    }
  test_report_in (file, caller, ok, "the diagnostics, their codes and positions");
}

void
test_refuse_in (const char           *file,
                int                   caller,
                const TestLoader     *loader,
                const char           *text,
                const TestDiagnostic *want,
                guint                 n_want)
{
  char *json = loader->single_quotes ? test_json_of (text) : g_strdup (text);
  GPtrArray *diags = NULL;
  GError *error = NULL;
  gpointer loaded = test_loader_load (loader, json, -1, &diags, &error);
  char *prefix = position_prefix (loader->filename, want[0].line, want[0].column);
  char *more = NULL;

  test_report_in (file, caller, loaded == NULL, "the input is refused");
  loaded_free (loader, loaded);
  test_diagnostics_in (file, caller, diags, loader->filename, want, n_want);
  if (error != NULL && !g_str_has_prefix (error->message, prefix))
    fprintf (stderr, "\n  line %d: the error does not start '%s': %s\n", caller, prefix,
             error->message);
  test_report_in (file, caller, error != NULL && error->domain == RESP_ERROR
                                && (RespError) error->code == want[0].code
                                && g_str_has_prefix (error->message, prefix),
                  "the GError is the first diagnostic");
  if (n_want > 1)
    more = g_strdup_printf ("(and %u more error%s)", n_want - 1, n_want > 2 ? "s" : "");
  if (error != NULL && (more != NULL ? strstr (error->message, more) == NULL
                                     : strstr (error->message, " more error") != NULL))
    fprintf (stderr, "\n  line %d: the error does not say '%s': %s\n", caller,
             more != NULL ? more : "no more errors", error->message);
  test_report_in (file, caller, error != NULL
                                && (more != NULL ? strstr (error->message, more) != NULL
                                                 : strstr (error->message, " more error") == NULL),
                  "the GError says how many more diagnostics there are");
  g_clear_pointer (&diags, g_ptr_array_unref);
  g_clear_error (&error);
  g_free (more);
  g_free (prefix);
  g_free (json);
}

RespEventBatch *
test_example_events (RespModel *model)
{
  char *path = test_src_path ("examples/data/events.json");
  GError *error = NULL;
  RespEventBatch *batch = resp_event_batch_new_from_file (model, test_city_rulebook, path, NULL,
                                                          &error);

  if (batch == NULL)
    {
      fprintf (stderr, "cannot load %s: %s\n", path, error->message);
      exit (1);
    }
  g_free (path);
  return batch;
}

RespVerdict *
test_assess_one_in (const char   *file,
                int           caller,
                RespModel    *model,
                RespRulebook *rulebook,
                const char   *json)
{
  GPtrArray *diags = NULL;
  GError *error = NULL;
  RespEventBatch *batch = resp_event_batch_new_from_data (model, rulebook, json, -1, "event.json",
                                                          &diags, &error);
  RespVerdict *v = NULL;

  if (batch == NULL)
    fprintf (stderr, "%s:%d: the event does not load: %s\n", file, caller, error->message);
  test_report_in (file, caller, batch != NULL && error == NULL && diags->len == 0,
                  "the event loads, without diagnostics");
  if (batch != NULL)
    {
      test_report_in (file, caller, resp_event_batch_get_n_events (batch) == 1, "one event");
      v = resp_assess (model, rulebook, resp_event_batch_get_event (batch, 0));
      resp_event_batch_unref (batch);
    }
  test_report_in (file, caller, v != NULL, "the event is assessed");
  g_clear_error (&error);
  g_clear_pointer (&diags, g_ptr_array_unref);
  return v;
}

/* The first of the n entries of v whose get() is id, or -1 */
static int
find_entry (RespVerdict  *v,
            guint         n,
            const char *(*get) (RespVerdict *, guint),
            const char   *id)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (get (v, i), id) == 0)
      return (int) i;
  return -1;
}

int
test_find_circumstance (RespVerdict *v,
                        const char  *id)
{
  return find_entry (v, resp_verdict_get_n_circumstances (v), resp_verdict_get_circumstance_id, id);
}

RespCircumstanceStatus
test_circumstance_status (RespVerdict *v,
                          const char  *id)
{
  int k = test_find_circumstance (v, id);

  return k < 0 ? RESP_CIRCUMSTANCE_DOES_NOT_HOLD
               : resp_verdict_get_circumstance_status (v, (guint) k);
}

int
test_find_liable (RespVerdict *v,
                  const char  *person)
{
  return find_entry (v, resp_verdict_get_n_liable (v), resp_verdict_get_liable_person, person);
}

RespJsonTree *
test_parse_json_in (const char *file,
                    int         caller,
                    const char *text)
{
  RespJsonReader *reader = resp_json_reader_new (text, strlen (text));
  RespJsonTree *tree = resp_json_reader_read_tree (reader, resp_json_reader_next (reader));

  test_report_in (file, caller, tree != NULL, "the text is JSON");
  test_report_in (file, caller, resp_json_reader_next (reader) == RESP_JSON_TOKEN_EOF,
                  "nothing follows the JSON value but white space");
  resp_json_reader_free (reader);
  return tree;
}

RespJsonTree *
test_read_json_in (const char *file,
                   int         caller,
                   const char *relative)
{
  char *data = test_read_src (relative, NULL);
  RespJsonTree *tree = test_parse_json_in (file, caller, data);

  g_free (data);
  return tree;
}

void
test_contains_in (const char *file,
                  int         caller,
                  const char *text,
                  ...)
{
  va_list ap;

  va_start (ap, text);
  for (const char *needle = va_arg (ap, const char *); needle != NULL;
       needle = va_arg (ap, const char *))
    {
      gboolean ok = text != NULL && strstr (text, needle) != NULL;
      char *what = g_strdup_printf ("the text holds '%s'", needle);

      if (!ok)
        fprintf (stderr, "\n  %s:%d: '%s' is not in: %s\n", file, caller, needle,
                 text != NULL ? text : "(null)");
      test_report_in (file, caller, ok, what);
      g_free (what);
    }
  va_end (ap);
}

RespRoles *
test_resolve_in (const char *file,
                 int         caller,
                 RespModel  *model,
                 const char *node,
                 const char *at)
{
  GError *error = NULL;
  RespRoles *roles = resp_model_resolve_roles (model, node, test_instant (at), &error);

  if (roles == NULL)
    fprintf (stderr, "%s:%d: cannot resolve '%s' at %s: %s\n", file, caller, node, at,
             error != NULL ? error->message : "(no error)");
  test_report_in (file, caller, roles != NULL && error == NULL,
                  "resp_model_resolve_roles succeeds");
  g_clear_error (&error);
  return roles;
}

/* "node at instant" of a resolution, to say which one a failure is about */
static char *
resolution_name (RespRoles *roles)
{
  char *at = resp_instant_format (resp_roles_get_at (roles));
  char *name = g_strdup_printf ("%s at %s", resp_roles_get_node (roles), at);

  g_free (at);
  return name;
}

/* Checks got against expected; got is taken. */
static void
compare_in (const char *file,
            int         caller,
            RespRoles  *roles,
            const char *about,
            const char *expected,
            char       *got)
{
  char *where = resolution_name (roles);
  char *what = g_strdup_printf ("%s, %s: expected [%s], got [%s]", where, about, expected,
                                got != NULL ? got : "(null)");
  gboolean ok = g_strcmp0 (got, expected) == 0;

  if (!ok)
    fprintf (stderr, "%s:%d: %s\n", file, caller, what);
  test_report_in (file, caller, ok, what);
  g_free (what);
  g_free (where);
  g_free (got);
}

void
test_holders_in (const char *file,
                 int         caller,
                 RespRoles  *roles,
                 RespRole    role,
                 const char *expected)
{
  char **h;
  char *about;
  gboolean sorted = TRUE;

  if (roles == NULL)
    {
      test_report_in (file, caller, FALSE, "roles were resolved");
      return;
    }
  h = resp_roles_dup_holders (roles, role);
  test_report_in (file, caller, h != NULL, "resp_roles_dup_holders returns an array");
  for (guint i = 0; h != NULL && h[i] != NULL && h[i + 1] != NULL; i++)
    if (strcmp (h[i], h[i + 1]) >= 0)
      sorted = FALSE;
  test_report_in (file, caller, sorted, "holders are sorted and unique");
  about = g_strdup_printf ("role %s", resp_role_to_string (role));
  compare_in (file, caller, roles, about, expected, h != NULL ? g_strjoinv (" ", h) : NULL);
  g_free (about);
  g_strfreev (h);
}

void
test_path_in (const char *file,
              int         caller,
              RespRoles  *roles,
              RespRole    role,
              const char *holder,
              guint       index,
              const char *expected)
{
  char **path;
  char *about;

  if (roles == NULL)
    {
      test_report_in (file, caller, FALSE, "roles were resolved");
      return;
    }
  path = resp_roles_dup_path (roles, role, holder, index);
  about = g_strdup_printf ("path %u of %s as %s", index, holder, resp_role_to_string (role));
  compare_in (file, caller, roles, about, expected, path != NULL ? g_strjoinv (" ", path) : NULL);
  g_free (about);
  g_strfreev (path);
}

gboolean
test_role_warned (RespRoles  *roles,
                  RespRole    role,
                  const char *node)
{
  for (guint i = 0; i < resp_roles_get_n_warnings (roles); i++)
    if (resp_roles_get_warning_role (roles, i) == role
        && g_strcmp0 (resp_roles_get_warning_code (roles, i), "role_unresolved") == 0
        && g_strcmp0 (resp_roles_get_warning_node (roles, i), node) == 0)
      return TRUE;
  return FALSE;
}

/* Where a child watched by test_critical_message() writes what it logged */
static int critical_pipe = -1;

static void
on_log (const gchar    *domain,
        GLogLevelFlags  level,
        const gchar    *message,
        gpointer        data)
{
  char *text;

  if ((level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) == 0)
    return;   /* debug and information are not what a child is watched for */
  /* the first one: its words to the parent, then out. The words, not the
   * exit status, are the answer: under valgrind a child that leaves with
   * something unfreed exits with valgrind's error status instead. */
  text = g_strdup_printf ("%s: %s", domain != NULL ? domain : "(no domain)", message);
  if (write (critical_pipe, text, strlen (text)) < 0)
    _exit (43);
  g_free (text);
  _exit (42);
}

char *
test_critical_message (void (*fn) (void))
{
  GString *said;
  char buf[256];
  ssize_t n;
  int fds[2];
  int status = 0;
  pid_t pid;

  if (pipe (fds) != 0)
    {
      perror ("pipe");
      exit (1);
    }
  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  if (pid == 0)
    {
      close (fds[0]);
      critical_pipe = fds[1];
      g_log_set_default_handler (on_log, NULL);
      g_log_set_handler ("Resp", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL, on_log, NULL);
      fn ();
      _exit (0);
    }
  close (fds[1]);
  said = g_string_new (NULL);
  while ((n = read (fds[0], buf, sizeof buf)) > 0)
    g_string_append_len (said, buf, n);
  close (fds[0]);
  if (pid < 0 || waitpid (pid, &status, 0) != pid || said->len == 0)
    {
      g_string_free (said, TRUE);
      return NULL;
    }
  return g_string_free (said, FALSE);
}

gboolean
test_criticals_in (const char  *file,
                   int          caller,
                   void       (*fn) (void),
                   const char  *expected)
{
  char *said = test_critical_message (fn);
  gboolean ok = said != NULL && strstr (said, expected) != NULL;

  if (!ok)
    fprintf (stderr, "\n  %s:%d: expected the critical '%s', got %s%s%s\n", file, caller,
             expected, said != NULL ? "'" : "", said != NULL ? said : "none",
             said != NULL ? "'" : "");
  g_free (said);
  return ok;
}

gboolean
test_no_critical_in (const char  *file,
                     int          caller,
                     void       (*fn) (void))
{
  char *said = test_critical_message (fn);

  if (said != NULL)
    fprintf (stderr, "\n  %s:%d: expected no critical, got '%s'\n", file, caller, said);
  g_free (said);
  return said == NULL;
}

void
test_misuses_in (const char       *file,
                 int               caller,
                 const TestMisuse *misuses,
                 guint             n_misuses)
{
  for (guint i = 0; i < n_misuses; i++)
    {
      char *what = g_strdup_printf ("the critical '%s'", misuses[i].critical);

      test_report_in (file, caller, test_criticals_in (file, caller, misuses[i].fn,
                                                       misuses[i].critical), what);
      g_free (what);
    }
}

void
test_report_in (const char *file,
                int         caller,
                gboolean    ok,
                const char *what)
{
  CU_assertImplementation (ok ? CU_TRUE : CU_FALSE, (unsigned) caller, what, file, "",
                           CU_FALSE);
}

RespModel *
model_load_in (const char         *file,
               int                 caller,
               const char * const *items)
{
  GString *nodes = g_string_new (NULL);
  GString *rels = g_string_new (NULL);
  GError *error = NULL;
  RespModel *model;
  char *json;

  for (guint i = 0; items[i] != NULL; i++)
    {
      GString *to = g_str_has_prefix (items[i], "{'id'") ? nodes : rels;
      if (to->len > 0)
        g_string_append (to, ",\n");
      g_string_append (to, items[i]);
    }
  json = g_strdup_printf ("{'format':'libresp/model/1','name':'test','nodes':[%s],"
                          "'relations':[%s]}", nodes->str, rels->str);
  g_strdelimit (json, "'", '"');
  model = resp_model_new_from_data (json, -1, "test.json", NULL, &error);
  if (model == NULL)
    fprintf (stderr, "line %d: cannot load a test model: %s\n", caller,
             error != NULL ? error->message : "(no error)");
  test_report_in (file, caller, model != NULL, "the test model loads");
  g_clear_error (&error);
  g_free (json);
  g_string_free (nodes, TRUE);
  g_string_free (rels, TRUE);
  return model;
}
