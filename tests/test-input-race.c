/* test-input-race.c: a model file written over while it is being opened
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * resp_model_new_from_file() maps a file only when its first bytes say it
 * is a snapshot. Between that look and the mapping, another program may
 * write something else over the file in place. This executable replaces
 * GLib's g_mapped_file_new_from_fd() with one that does exactly that at
 * exactly that moment (the definition here is the one the library's call
 * binds to; the real function is found with dlsym), so the race is a test
 * rather than a matter of luck.
 */
#include <string.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "test-common.h"
#include "resp-model-private.h"

/* What the stand-in does: when race_path is set, writes race_text over
 * that file in place before the mapping is made, then cuts the file to
 * race_cut bytes (when not 0) after it is made, as a writer still at work
 * would. */
static const char *race_path;
static const char *race_text;
static gsize race_text_len;
static off_t race_cut;
static guint race_calls;

static void
write_in_place (const char *path, const char *text, gsize len)
{
  int fd = open (path, O_WRONLY | O_TRUNC);

  g_assert (fd >= 0);
  g_assert (write (fd, text, len) == (gssize) len);
  close (fd);
}

GMappedFile *
g_mapped_file_new_from_fd (gint      fd,
                           gboolean  writable,
                           GError  **error)
{
  static GMappedFile *(*real) (gint, gboolean, GError **);
  GMappedFile *f;

  if (real == NULL)
    *(void **) &real = dlsym (RTLD_NEXT, "g_mapped_file_new_from_fd");
  g_assert (real != NULL);
  race_calls++;
  if (race_path != NULL)
    write_in_place (race_path, race_text, race_text_len);
  f = real (fd, writable, error);
  if (race_path != NULL && race_cut > 0)
    g_assert (truncate (race_path, race_cut) == 0);
  return f;
}

static char *dir, *snap, *json;
static gsize json_len;

static int
init (void)
{
  char *city = test_src_path ("examples/data/city.json");
  RespModel *m;

  snap = test_temp_path ("city.snap", &dir);
  if (!g_file_get_contents (city, &json, &json_len, NULL))
    return 1;
  m = resp_model_new_from_file (city, NULL, NULL);
  g_free (city);
  if (m == NULL || !resp_model_write_snapshot (m, snap, NULL))
    return 1;
  resp_model_unref (m);
  return 0;
}

static int
clean (void)
{
  test_remove_temp (snap, dir);
  g_free (json);
  return 0;
}

/* In a child: opens snap with the race armed (text written over it at the
 * mapping, the file then cut to cut bytes), and exits 0 when the open
 * loaded want_nodes nodes, 3 when it failed with RESP_ERROR_MALFORMED_JSON
 * and a message that starts with want_error_prefix, other values
 * otherwise. A signal (SIGBUS from reading a page the writer cut away) is
 * the failure this tests for. Returns the wait status. */
static int
open_racing (off_t cut, guint want_nodes, const char *want_error_prefix)
{
  pid_t pid;
  int status = 0;

  fflush (NULL);
  pid = fork ();
  g_assert (pid >= 0);
  if (pid == 0)
    {
      GError *error = NULL;
      RespModel *m;
      guint n;

      race_path = snap;
      race_text = json;
      race_text_len = json_len;
      race_cut = cut;
      race_calls = 0;
      m = resp_model_new_from_file (snap, NULL, &error);
      if (race_calls != 1)
        _exit (4);
      race_path = NULL;
      if (m == NULL)
        {
          gboolean want = want_error_prefix != NULL && g_error_matches (error, RESP_ERROR, RESP_ERROR_MALFORMED_JSON) &&
                          g_str_has_prefix (error->message, want_error_prefix);
          g_error_free (error);
          _exit (want ? 3 : 5);
        }
      /* nothing of the file may be read after the open: cut it to nothing
       * and ask the model about every node */
      if (truncate (snap, 0) != 0)
        _exit (6);
      n = resp_model_get_n_nodes (m);
      for (guint i = 0; i < n; i++)
        if (resp_model_node_id (m, i) == NULL)
          _exit (7);
      resp_model_unref (m);
      _exit (n == want_nodes ? 0 : 1);
    }
  g_assert (waitpid (pid, &status, 0) == pid);
  return status;
}

/* The snapshot again at snap, after a test wrote over it */
static void
restore_snapshot (void)
{
  char *city = test_src_path ("examples/data/city.json");
  RespModel *m = resp_model_new_from_file (city, NULL, NULL);

  g_assert (m != NULL && resp_model_write_snapshot (m, snap, NULL));
  resp_model_unref (m);
  g_free (city);
}

/* The file was a snapshot at the look and is the JSON model by the
 * mapping: it is read and parsed like any model file, and the model owes
 * nothing to the file afterwards */
static void
test_json_written_over_a_snapshot (void)
{
  int status = open_racing (0, 117, NULL);

  CU_ASSERT_TRUE (WIFEXITED (status));
  CU_ASSERT_EQUAL (WEXITSTATUS (status), 0);
  restore_snapshot ();
}

/* The same, and the writer cuts the file to its first page after the
 * mapping is made: parsed through the mapping, the second page would kill
 * the process (SIGBUS); read instead, the first 4,096 bytes are a model
 * that ends early, refused with its position */
static void
test_json_written_over_and_cut (void)
{
  char *prefix = g_strdup_printf ("%s:", snap);
  int status = open_racing (4096, 0, prefix);

  CU_ASSERT_TRUE (WIFEXITED (status));
  CU_ASSERT_EQUAL (WEXITSTATUS (status), 3);
  g_free (prefix);
  restore_snapshot ();
}

/* The control: with no race, the snapshot is mapped (the stand-in is
 * called) and opens */
static void
test_no_race (void)
{
  GError *error = NULL;
  RespModel *m;

  race_calls = 0;
  m = resp_model_new_from_file (snap, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  CU_ASSERT_EQUAL (race_calls, 1);
  CU_ASSERT_EQUAL (resp_model_get_n_nodes (m), 117);
  resp_model_unref (m);
}

static CU_TestInfo tests[] = {
  { "no race: the snapshot is mapped", test_no_race },
  { "JSON written over a snapshot between the look and the mapping", test_json_written_over_a_snapshot },
  { "the same, then cut to one page", test_json_written_over_and_cut },
  CU_TEST_INFO_NULL,
};

int
main (void)
{
  return test_main_suite ("input-race", init, clean, tests);
}
