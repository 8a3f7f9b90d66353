/* resp-input.c: the one input pipeline (see resp-input-private.h)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "resp-input-private.h"
#include "resp-vocab-private.h"
#include "resp-limits-private.h"

/* ---- the bytes ---- */

gboolean
resp_input_from_data (RespInput *in, const char *data, gssize length, const char *filename,
                      const RespLimits *limits, GPtrArray **diagnostics, GError **error)
{
  memset (in, 0, sizeof *in);
  in->data = data;
  in->length = length < 0 ? strlen (data) : (gsize) length;
  in->name = filename != NULL ? filename : "<memory>";
  resp_limits_resolve (limits, &in->limits);
  return resp_limits_check_size (&in->limits, in->name, in->length, diagnostics, error);
}

gboolean
resp_input_from_file (RespInput *in, const char *path, const RespLimits *limits,
                      gboolean keep_mapped, GPtrArray **diagnostics, GError **error)
{
  GError *local = NULL;

  memset (in, 0, sizeof *in);
  in->name = path;
  resp_limits_resolve (limits, &in->limits);
  /* mapped first, so that an oversized file is refused before it is read */
  in->mapping = g_mapped_file_new (path, FALSE, &local);
  if (in->mapping == NULL)
    {
      g_set_error (error, RESP_ERROR, RESP_ERROR_IO, "%s: %s", path, local->message);
      if (diagnostics != NULL)
        {
          *diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) resp_diagnostic_unref);
          g_ptr_array_add (*diagnostics, resp_diagnostic_new (RESP_ERROR_IO, path, 0, 0, local->message));
        }
      g_error_free (local);
      return FALSE;
    }
  in->length = g_mapped_file_get_length (in->mapping);
  if (!resp_limits_check_size (&in->limits, path, in->length, diagnostics, error))
    {
      g_clear_pointer (&in->mapping, g_mapped_file_unref);
      return FALSE;
    }
  if (keep_mapped)
    {
      in->data = g_mapped_file_get_contents (in->mapping);
      return TRUE;
    }
  in->copy = g_memdup2 (in->length ? g_mapped_file_get_contents (in->mapping) : "", in->length + 1);
  in->copy[in->length] = '\0';
  in->data = in->copy;
  g_clear_pointer (&in->mapping, g_mapped_file_unref);
  return TRUE;
}

void
resp_input_clear (RespInput *in)
{
  g_clear_pointer (&in->mapping, g_mapped_file_unref);
  g_clear_pointer (&in->copy, g_free);
  in->data = NULL;
}

/* ---- what is wrong with them ---- */

void
resp_diag_sink_init (RespDiagSink *sink, const char *file, guint max_errors)
{
  memset (sink, 0, sizeof *sink);
  sink->diags = g_ptr_array_new_with_free_func ((GDestroyNotify) resp_diagnostic_unref);
  sink->file = file;
  sink->max_errors = max_errors;
}

/* Appends d if there is room; TRUE if it was taken. */
static gboolean
sink_push (RespDiagSink *sink, RespDiagnostic *d)
{
  if (sink->diags->len >= sink->max_errors)
    {
      sink->fatal = TRUE;
      resp_diagnostic_unref (d);
      return FALSE;
    }
  g_ptr_array_add (sink->diags, d);
  if (sink->diags->len >= sink->max_errors)
    {
      g_ptr_array_add (sink->diags,
                       resp_diagnostic_new (RESP_ERROR_LIMIT, sink->file,
                                            resp_diagnostic_get_line (d),
                                            resp_diagnostic_get_column (d),
                                            "too many errors; stopping here"));
      sink->fatal = TRUE;
    }
  return TRUE;
}

void
resp_diag_sink_add (RespDiagSink *sink, RespError code, guint line, guint column,
                    const char *format, ...)
{
  va_list ap;
  char *msg;

  if (sink->diags->len >= sink->max_errors)
    {
      sink->fatal = TRUE;
      return;
    }
  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  sink_push (sink, resp_diagnostic_new (code, sink->file, line ? line + sink->line_offset : 0,
                                        column, msg));
  g_free (msg);
}

RespError
resp_input_reader_code (RespJsonReaderStatus status)
{
  switch (status)
    {
    case RESP_JSON_READER_DUPLICATE_KEY: return RESP_ERROR_DUPLICATE_KEY;
    case RESP_JSON_READER_TOO_DEEP:
    case RESP_JSON_READER_TOO_LONG: return RESP_ERROR_LIMIT;
    case RESP_JSON_READER_NUMBER_RANGE: return RESP_ERROR_BAD_VALUE;
    default: return RESP_ERROR_MALFORMED_JSON;
    }
}

void
resp_diag_sink_add_reader_error (RespDiagSink *sink, RespJsonReader *reader)
{
  resp_diag_sink_add (sink, resp_input_reader_code (resp_json_reader_get_status (reader)),
                      resp_json_reader_get_line (reader), resp_json_reader_get_column (reader),
                      "%s", resp_json_reader_get_message (reader));
  sink->fatal = TRUE;
}

void
resp_input_pos (const char *data, guint line, guint col, gsize from, gsize off,
                guint *out_line, guint *out_col)
{
  const guchar *d = (const guchar *) data;

  for (gsize i = from; i < off; i++)
    {
      if (d[i] == '\n')
        line++, col = 1;
      else if ((d[i] & 0xC0) != 0x80)
        col++;
    }
  *out_line = line;
  *out_col = col;
}

void
resp_diag_sink_take (RespDiagSink *sink, RespDiagSink *from)
{
  for (guint k = 0; k < from->diags->len; k++)
    if (!sink_push (sink, resp_diagnostic_ref (from->diags->pdata[k])))
      break;
  g_ptr_array_set_size (from->diags, 0);
}

guint
resp_diag_sink_count (const RespDiagSink *sink)
{
  return sink->diags->len;
}

static int
cmp_diag (gconstpointer a, gconstpointer b)
{
  RespDiagnostic *x = *(RespDiagnostic * const *) a, *y = *(RespDiagnostic * const *) b;
  guint lx = resp_diagnostic_get_line (x), ly = resp_diagnostic_get_line (y);
  guint cx = resp_diagnostic_get_column (x), cy = resp_diagnostic_get_column (y);

  if (lx != ly)
    return lx < ly ? -1 : 1;
  return cx < cy ? -1 : cx > cy;
}

gboolean
resp_diag_sink_finish (RespDiagSink *sink, GPtrArray **diagnostics, GError **error)
{
  GPtrArray *diags = sink->diags;
  gboolean ok = diags->len == 0;

  sink->diags = NULL;
  if (!ok)
    {
      RespDiagnostic *first;
      char *text;

      /* g_ptr_array_sort is a merge sort: equal positions keep their order */
      g_ptr_array_sort (diags, cmp_diag);
      first = diags->pdata[0];
      text = resp_diagnostic_to_string (first);
      if (diags->len > 1)
        g_set_error (error, RESP_ERROR, resp_diagnostic_get_code (first), "%s (and %u more error%s)",
                     text, diags->len - 1, diags->len > 2 ? "s" : "");
      else
        g_set_error_literal (error, RESP_ERROR, resp_diagnostic_get_code (first), text);
      g_free (text);
    }
  if (diagnostics != NULL)
    *diagnostics = diags;
  else
    g_ptr_array_unref (diags);
  return ok;
}

const char *
resp_input_hint (char *buf, gsize size, const char * const *names, guint n, const char *name)
{
  return resp_did_you_mean (buf, size, resp_suggest (names, n, name));
}

const char *
resp_input_check_id (const char *s, gsize len)
{
  const char *p = s, *end = s + len;

  if (len == 0)
    return "an id must not be empty";
  if (len > RESP_MAX_ID_BYTES)
    return "an id must be at most 256 bytes";
  while (p < end)
    {
      gunichar c;
      if ((guchar) *p > 0x20 && (guchar) *p < 0x7f)
        {
          p++;
          continue;
        }
      c = g_utf8_get_char (p);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || g_unichar_isspace (c) || c == 0x3000)
        return "an id must not contain whitespace or control characters";
      p = g_utf8_next_char (p);
    }
  return NULL;
}
