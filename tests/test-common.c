/* test-common.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-builder.h"

#include <stdio.h>
#include <stdlib.h>
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

static void
on_critical (const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data)
{
  /* the critical we wanted: leave with a distinctive status */
  _exit (42);
}

gboolean
test_criticals (void (*fn) (void))
{
  pid_t pid;
  int status = 0;

  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  if (pid == 0)
    {
      g_log_set_default_handler (on_critical, NULL);
      g_log_set_handler ("Resp", G_LOG_LEVEL_CRITICAL | G_LOG_FLAG_FATAL, on_critical, NULL);
      fn ();
      _exit (0);
    }
  if (waitpid (pid, &status, 0) != pid)
    return FALSE;
  return WIFEXITED (status) && WEXITSTATUS (status) == 42;
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
