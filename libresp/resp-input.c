/* resp-input.c: the one input pipeline (see resp-input-private.h)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "resp-input-private.h"
#include "resp-vocab-private.h"
#include "resp-limits-private.h"
#include "resp-vec-private.h"

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

static gboolean
io_error_why (const char *path, const char *what, const char *why, GPtrArray **diagnostics,
              GError **error)
{
  char *msg = g_strdup_printf ("Failed to %s file \u201c%s\u201d: %s", what, path, why);

  g_set_error (error, RESP_ERROR, RESP_ERROR_IO, "%s: %s", path, msg);
  if (diagnostics != NULL)
    {
      *diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) resp_diagnostic_unref);
      g_ptr_array_add (*diagnostics, resp_diagnostic_new (RESP_ERROR_IO, path, 0, 0, msg));
    }
  g_free (msg);
  return FALSE;
}

static gboolean
io_error (const char *path, const char *what, int saved_errno, GPtrArray **diagnostics, GError **error)
{
  return io_error_why (path, what, g_strerror (saved_errno), diagnostics, error);
}

/* What an input must not be, or NULL: a regular file is read, and so is a
 * pipe (a FIFO, or /dev/stdin and /dev/fd/N on a pipe), to its end. A
 * device would be read up to max_file_bytes (/dev/zero, /dev/urandom) or
 * wait for a person (a terminal), a directory has no bytes and a socket
 * cannot be opened as a file. */
static const char *
refused_kind (mode_t mode)
{
  if (S_ISREG (mode) || S_ISFIFO (mode))
    return NULL;
  if (S_ISCHR (mode))
    return "a character device, not a regular file or a pipe";
  if (S_ISBLK (mode))
    return "a block device, not a regular file or a pipe";
  if (S_ISDIR (mode))
    return "a directory, not a regular file or a pipe";
  if (S_ISSOCK (mode))
    return "a socket, not a regular file or a pipe";
  return "not a regular file or a pipe";
}

/* Reads fd to its end into in->copy, growing the buffer if the file grew
 * since fstat, and never past the limit: the bytes are then ours, whatever
 * happens to the file. */
static gboolean
read_all (RespInput *in, int fd, guint64 size_hint, GPtrArray **diagnostics, GError **error)
{
  gsize cap = (gsize) MIN (size_hint, in->limits.max_file_bytes) + 1, len = 0;
  char *buf = resp_huge_alloc (cap, 1);

  for (;;)
    {
      gssize n;

      if (len + 1 == cap)
        {
          /* full: one byte more says whether the file goes on (it grew) */
          char probe;

          do
            n = read (fd, &probe, 1);
          while (n < 0 && errno == EINTR);
          if (n == 0)
            goto done;
          if (n < 0)
            break;
          if ((guint64) len >= in->limits.max_file_bytes)
            {
              g_free (buf);
              return resp_limits_check_size (&in->limits, in->name, (guint64) len + 1, diagnostics,
                                             error);
            }
          cap = (gsize) MIN ((guint64) cap * 2, in->limits.max_file_bytes + 1);
          buf = g_realloc (buf, cap);
          buf[len++] = probe;
          continue;
        }
      n = read (fd, buf + len, MIN (cap - 1 - len, (gsize) 1 << 30));
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        break;
      if (n == 0)
        goto done;
      len += (gsize) n;
    }
  {
    int saved = errno;
    g_free (buf);
    return io_error (in->name, "read", saved, diagnostics, error);
  }
done:
  buf[len] = '\0';
  in->copy = buf;
  in->data = buf;
  in->length = len;
  return TRUE;
}

gboolean
resp_input_from_file_mapping (RespInput *in, const char *path, const RespLimits *limits,
                              const char *map_magic, GPtrArray **diagnostics, GError **error)
{
  struct stat st;
  int fd;
  gboolean ok;

  memset (in, 0, sizeof *in);
  in->name = path;
  resp_limits_resolve (limits, &in->limits);
  /* a device is not even opened (opening one can have effects of its own);
   * what stat cannot see, open reports */
  if (stat (path, &st) == 0 && refused_kind (st.st_mode) != NULL)
    return io_error_why (path, "open", refused_kind (st.st_mode), diagnostics, error);
  do
    fd = open (path, O_RDONLY | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    return io_error (path, "open", errno, diagnostics, error);
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;
      close (fd);
      return io_error (path, "open", saved, diagnostics, error);
    }
  /* the path may have been replaced since stat */
  if (refused_kind (st.st_mode) != NULL)
    {
      close (fd);
      return io_error_why (path, "open", refused_kind (st.st_mode), diagnostics, error);
    }
  /* an oversized file is refused before it is read */
  if (S_ISREG (st.st_mode) &&
      !resp_limits_check_size (&in->limits, path, (guint64) st.st_size, diagnostics, error))
    {
      close (fd);
      return FALSE;
    }
  if (map_magic != NULL && S_ISREG (st.st_mode) && st.st_size >= 8)
    {
      char head[8];
      gssize n;

      do
        n = pread (fd, head, 8, 0);
      while (n < 0 && errno == EINTR);
      if (n == 8 && memcmp (head, map_magic, 8) == 0)
        {
          GError *local = NULL;

          in->mapping = g_mapped_file_new_from_fd (fd, FALSE, &local);
          if (in->mapping != NULL &&
              (g_mapped_file_get_length (in->mapping) < 8 ||
               memcmp (g_mapped_file_get_contents (in->mapping), map_magic, 8) != 0))
            {
              /* the file was written over between the look and the mapping:
               * what it holds now is read like any other file, never parsed
               * through a mapping that the writer can still cut short */
              g_clear_pointer (&in->mapping, g_mapped_file_unref);
              if (fstat (fd, &st) != 0)
                ok = io_error (path, "open", errno, diagnostics, error);
              else
                ok = read_all (in, fd, (guint64) st.st_size, diagnostics, error);
              close (fd);
              return ok;
            }
          close (fd);
          if (in->mapping == NULL)
            {
              g_set_error (error, RESP_ERROR, RESP_ERROR_IO, "%s: %s", path, local->message);
              if (diagnostics != NULL)
                {
                  *diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) resp_diagnostic_unref);
                  g_ptr_array_add (*diagnostics, resp_diagnostic_new (RESP_ERROR_IO, path, 0, 0,
                                                                      local->message));
                }
              g_error_free (local);
              return FALSE;
            }
          in->length = g_mapped_file_get_length (in->mapping);
          in->data = in->length > 0 ? g_mapped_file_get_contents (in->mapping) : "";
          return TRUE;
        }
    }
  ok = read_all (in, fd, S_ISREG (st.st_mode) ? (guint64) st.st_size : 65536, diagnostics, error);
  close (fd);
  return ok;
}

gboolean
resp_input_from_file (RespInput *in, const char *path, const RespLimits *limits,
                      GPtrArray **diagnostics, GError **error)
{
  return resp_input_from_file_mapping (in, path, limits, NULL, diagnostics, error);
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
