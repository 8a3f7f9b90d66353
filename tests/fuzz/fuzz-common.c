/* fuzz-common.c: what the fuzz targets share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>

#include "fuzz-common.h"
#include "resp-json-reader-private.h"

void
fuzz_fail (const char *format,
           ...)
{
  va_list args;

  fputs ("fuzz: ", stderr);
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  abort ();
}

/* GLib is not instrumented, and it formats (g_strdup_printf, g_snprintf,
 * every message the library writes) through glibc's fortified
 * __vasprintf_chk and __vsnprintf_chk, which ASan does not intercept: a %s
 * argument that points into freed memory would go unseen. Defined here,
 * they take the place of glibc's for GLib too, and forward to vasprintf
 * and vsnprintf, which ASan checks argument by argument. */
int __vasprintf_chk (char **strp, int flag, const char *format, va_list ap)
  G_GNUC_PRINTF (3, 0);
int __vsnprintf_chk (char *s, size_t maxlen, int flag, size_t slen, const char *format,
                     va_list ap) G_GNUC_PRINTF (5, 0);

int
__vasprintf_chk (char      **strp,
                 int         flag,
                 const char *format,
                 va_list     ap)
{
  return vasprintf (strp, format, ap);
}

int
__vsnprintf_chk (char       *s,
                 size_t      maxlen,
                 int         flag,
                 size_t      slen,
                 const char *format,
                 va_list     ap)
{
  return vsnprintf (s, maxlen, format, ap);
}

/* UBSan reports and carries on unless told otherwise; here undefined
 * behaviour must stop the run like a crash does */
const char *__ubsan_default_options (void);

const char *
__ubsan_default_options (void)
{
  return "halt_on_error=1:print_stacktrace=1";
}

void
fuzz_init (int    *argc,
           char ***argv)
{
  /* GLib before 2.76 keeps freed g_slice blocks for reuse, where ASan
   * cannot see a use after free nor LSan a leak. G_SLICE=always-malloc
   * turns that off, but GLib reads it while it starts, before any code
   * here runs: so set it and start again. */
  if (glib_check_version (2, 76, 0) != NULL && g_getenv ("G_SLICE") == NULL)
    {
      g_setenv ("G_SLICE", "always-malloc", TRUE);
      execv ("/proc/self/exe", *argv);
      fprintf (stderr, "fuzz: cannot restart with G_SLICE=always-malloc; g_slice blocks "
               "are not checked\n");
    }
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

RespModel *
fuzz_city (void)
{
  static RespModel *city;

  if (city == NULL)
    {
      GError *error = NULL;
      GBytes *bytes = g_resources_lookup_data ("/org/libresp/fuzz/city.json",
                                               G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      gsize length;
      const char *data;

      if (bytes == NULL)
        fuzz_fail ("city.json is not compiled in: %s", error->message);
      data = g_bytes_get_data (bytes, &length);
      city = resp_model_new_from_data (data, (gssize) length, "city.json", NULL, &error);
      if (city == NULL)
        fuzz_fail ("city.json does not load: %s", error->message);
      g_bytes_unref (bytes);
    }
  return city;
}

static void
check_json (const char *text,
            const char *what)
{
  RespJsonReader *reader = resp_json_reader_new (text, strlen (text));
  RespJsonToken token;

  do
    token = resp_json_reader_next (reader);
  while (token != RESP_JSON_TOKEN_EOF && token != RESP_JSON_TOKEN_ERROR);
  if (token == RESP_JSON_TOKEN_ERROR)
    fuzz_fail ("%s: the JSON rendering is not valid JSON at %u:%u: %s\n%s", what,
               resp_json_reader_get_line (reader), resp_json_reader_get_column (reader),
               resp_json_reader_get_message (reader), text);
  resp_json_reader_free (reader);
}

void
fuzz_check_render (char       *text,
                   RespFormat  format,
                   const char *what)
{
  if (text == NULL)
    fuzz_fail ("%s: rendering in format %d returned NULL", what, (int) format);
  if (!g_utf8_validate (text, -1, NULL))
    fuzz_fail ("%s: rendering in format %d is not valid UTF-8", what, (int) format);
  if (format == RESP_FORMAT_JSON)
    check_json (text, what);
  g_free (text);
}

void
fuzz_check_load (gboolean       loaded,
                 GPtrArray     *diagnostics,
                 GError        *error,
                 const uint8_t *input,
                 size_t         size,
                 gboolean       exact_quotes)
{
  static const char replacement[] = "\xef\xbf\xbd";
  /* the input can spell U+FFFD itself, as UTF-8 or as an escape */
  gboolean may_replace = !exact_quotes || input == NULL
                         || memmem (input, size, replacement, 3) != NULL
                         || memmem (input, size, "\\u", 2) != NULL;

  if (diagnostics == NULL)
    fuzz_fail ("no diagnostics list");
  if (loaded && (error != NULL || diagnostics->len != 0))
    fuzz_fail ("loaded, yet with an error or %u diagnostics", diagnostics->len);
  if (!loaded && (error == NULL || diagnostics->len == 0))
    fuzz_fail ("not loaded, yet error %s and %u diagnostics",
               error != NULL ? error->message : "(none)", diagnostics->len);
  /* the default limit, and the model loader's "too many errors" after it */
  if (diagnostics->len > RESP_LIMITS_DEFAULT_MAX_ERRORS + 1)
    fuzz_fail ("%u diagnostics, more than the limit of %u", diagnostics->len,
               RESP_LIMITS_DEFAULT_MAX_ERRORS);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      char *s = resp_diagnostic_to_string (g_ptr_array_index (diagnostics, i));

      if (s == NULL || !g_utf8_validate (s, -1, NULL))
        fuzz_fail ("diagnostic %u is not printable", i);
      if (!may_replace && strstr (s, replacement) != NULL)
        fuzz_fail ("diagnostic %u cuts a character of the input: %s", i, s);
      g_free (s);
    }
  if (error != NULL && !g_utf8_validate (error->message, -1, NULL))
    fuzz_fail ("the error message is not valid UTF-8");
  g_ptr_array_unref (diagnostics);
  g_clear_error (&error);
}

gpointer
fuzz_load (FuzzInput      input,
           const uint8_t *data,
           size_t         size,
           const char    *filename,
           gboolean       exact_quotes)
{
  GPtrArray *diagnostics = NULL;
  GError *error = NULL;
  gpointer loaded;

  if (input == FUZZ_INPUT_MODEL)
    loaded = resp_model_new_from_data ((const char *) data, (gssize) size, filename,
                                       &diagnostics, &error);
  else
    loaded = resp_rulebook_new_from_data ((const char *) data, (gssize) size, filename,
                                          &diagnostics, &error);
  fuzz_check_load (loaded != NULL, diagnostics, error, data, size, exact_quotes);
  return loaded;
}
