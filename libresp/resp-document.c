/* resp-document.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "resp-document-private.h"
#include "resp-enums-private.h"
#include "resp-instant-private.h"
#include "resp-limits-private.h"

void
resp_diag_sink_init (RespDiagSink *sink, const char *file)
{
  sink->diags = g_ptr_array_new_with_free_func ((GDestroyNotify) resp_diagnostic_unref);
  sink->file = file;
  sink->line_offset = 0;
  sink->max_errors = RESP_DOCUMENT_MAX_ERRORS;
}

void
resp_diag_sink_add (RespDiagSink *sink, RespError code, guint line, guint column,
                    const char *format, ...)
{
  va_list ap;
  char *msg;

  if (sink->diags->len >= sink->max_errors)
    return;
  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_ptr_array_add (sink->diags, resp_diagnostic_new (code, sink->file,
                                                     line ? line + sink->line_offset : 0,
                                                     column, msg));
  g_free (msg);
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

  sink->diags = g_ptr_array_new_with_free_func ((GDestroyNotify) resp_diagnostic_unref);
  if (diags->len > 0)
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
  g_ptr_array_unref (sink->diags);
  sink->diags = NULL;
  return ok;
}

RespJsonTree *
resp_document_parse (const char *data, gsize length, const RespLimits *limits, RespDiagSink *sink)
{
  RespJsonReader *r = resp_json_reader_new (data, length);
  RespJsonToken t;
  RespJsonTree *tree = NULL;

  resp_json_reader_set_limits (r, limits->max_depth, (gsize) MIN (limits->max_string_bytes, G_MAXSIZE));
  sink->max_errors = limits->max_errors;
  t = resp_json_reader_next (r);

  if (t != RESP_JSON_TOKEN_ERROR && t != RESP_JSON_TOKEN_EOF)
    tree = resp_json_reader_read_tree (r, t);
  if (tree != NULL && resp_json_reader_next (r) != RESP_JSON_TOKEN_EOF)
    g_clear_pointer (&tree, resp_json_tree_free);
  if (tree == NULL)
    {
      RespError code;
      switch (resp_json_reader_get_status (r))
        {
        case RESP_JSON_READER_DUPLICATE_KEY: code = RESP_ERROR_DUPLICATE_KEY; break;
        case RESP_JSON_READER_TOO_DEEP:
        case RESP_JSON_READER_TOO_LONG: code = RESP_ERROR_LIMIT; break;
        case RESP_JSON_READER_NUMBER_RANGE: code = RESP_ERROR_BAD_VALUE; break;
        default: code = RESP_ERROR_MALFORMED_JSON; break;
        }
      resp_diag_sink_add (sink, code, resp_json_reader_get_line (r), resp_json_reader_get_column (r),
                          "%s", resp_json_reader_get_message (r));
    }
  resp_json_reader_free (r);
  return tree;
}

const char *
resp_json_type_name (RespJsonType type)
{
  switch (type)
    {
    case RESP_JSON_NULL: return "null";
    case RESP_JSON_BOOL: return "a boolean";
    case RESP_JSON_NUMBER: return "a number";
    case RESP_JSON_STRING: return "a string";
    case RESP_JSON_ARRAY: return "an array";
    default: return "an object";
    }
}

void
resp_document_what (char *buf, gsize size, const char *kind, const char *name)
{
  static const char ellipsis[] = "…";
  gsize room, cut;

  g_return_if_fail (size > 0);

  /* "KIND ''" and the NUL are always written; the name gets what is left */
  room = size > strlen (kind) + 4 ? size - strlen (kind) - 4 : 0;
  if (strlen (name) <= room)
    {
      g_snprintf (buf, size, "%s '%s'", kind, name);
      return;
    }
  /* g_snprintf would cut by bytes, possibly inside a character: cut
   * before the character that does not fit, and say that something is
   * missing */
  cut = room > strlen (ellipsis) ? room - strlen (ellipsis) : 0;
  while (cut > 0 && ((guchar) name[cut] & 0xc0) == 0x80)
    cut--;
  g_snprintf (buf, size, "%s '%.*s%s'", kind, (int) cut, name, ellipsis);
}

void
resp_document_check_keys (RespDiagSink *sink, const RespJsonNode *obj,
                          const char * const *allowed, const char *what)
{
  guint n = g_strv_length ((char **) allowed);

  if (obj->type != RESP_JSON_OBJECT)
    return;
  for (guint i = 0; i < obj->v.children.n; i++)
    {
      const RespJsonNode *m = obj->v.children.items[i];
      const char *hint;

      if (resp_name_lookup (allowed, n, m->key) >= 0)
        continue;
      hint = resp_suggest (allowed, n, m->key);
      if (hint != NULL)
        resp_diag_sink_add (sink, RESP_ERROR_UNKNOWN_ATTRIBUTE, m->key_line, m->key_column,
                            "%s: unknown key '%s' (did you mean '%s'?)", what, m->key, hint);
      else
        resp_diag_sink_add (sink, RESP_ERROR_UNKNOWN_ATTRIBUTE, m->key_line, m->key_column,
                            "%s: unknown key '%s'", what, m->key);
    }
}

const RespJsonNode *
resp_document_member (RespDiagSink *sink, const RespJsonNode *obj, const char *key,
                      RespJsonType type, gboolean required, const char *what)
{
  const RespJsonNode *m = resp_json_node_get_member ((RespJsonNode *) obj, key);

  if (m == NULL)
    {
      if (required)
        resp_diag_sink_add (sink, RESP_ERROR_MISSING_KEY, obj->line, obj->column,
                            "%s: missing '%s'", what, key);
      return NULL;
    }
  if (m->type != type)
    {
      resp_diag_sink_add (sink, RESP_ERROR_BAD_VALUE, m->line, m->column,
                          "%s: '%s' must be %s, not %s", what, key, resp_json_type_name (type),
                          resp_json_type_name (m->type));
      return NULL;
    }
  return m;
}

const char *
resp_document_string (RespDiagSink *sink, const RespJsonNode *obj, const char *key,
                      gboolean required, const char *what)
{
  const RespJsonNode *m = resp_document_member (sink, obj, key, RESP_JSON_STRING, required, what);
  return m != NULL ? m->v.string.str : NULL;
}

gboolean
resp_document_instant (RespDiagSink *sink, const RespJsonNode *obj, const char *key,
                       gint64 *out, const char *what)
{
  const RespJsonNode *m = resp_json_node_get_member ((RespJsonNode *) obj, key);
  const char *why = NULL;

  if (m == NULL || m->type == RESP_JSON_NULL)
    return TRUE;
  if (m->type != RESP_JSON_STRING)
    {
      resp_diag_sink_add (sink, RESP_ERROR_BAD_DATE, m->line, m->column,
                          "%s: '%s' must be a date string, not %s", what, key,
                          resp_json_type_name (m->type));
      return FALSE;
    }
  if (!resp_instant_parse_len (m->v.string.str, m->v.string.len, out, &why))
    {
      resp_diag_sink_add (sink, RESP_ERROR_BAD_DATE, m->line, m->column, "%s: bad %s '%s': %s",
                          what, key, m->v.string.str, why);
      return FALSE;
    }
  return TRUE;
}

gboolean
resp_document_read_file (const char *path, const RespLimits *limits, char **data,
                         gsize *length, GPtrArray **diagnostics, GError **error)
{
  GError *local = NULL;
  GMappedFile *mf = g_mapped_file_new (path, FALSE, &local);

  /* mapped first, so that an oversized file is refused before it is read */
  if (mf != NULL)
    {
      gsize len = g_mapped_file_get_length (mf);
      gboolean ok = resp_limits_check_size (limits, path, len, diagnostics, error);
      if (ok)
        {
          *data = g_memdup2 (len ? g_mapped_file_get_contents (mf) : "", len + 1);
          (*data)[len] = '\0';
          *length = len;
        }
      g_mapped_file_unref (mf);
      return ok;
    }
  g_set_error (error, RESP_ERROR, RESP_ERROR_IO, "%s: %s", path, local->message);
  if (diagnostics != NULL)
    {
      *diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) resp_diagnostic_unref);
      g_ptr_array_add (*diagnostics, resp_diagnostic_new (RESP_ERROR_IO, path, 0, 0, local->message));
    }
  g_error_free (local);
  return FALSE;
}
