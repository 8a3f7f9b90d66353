/* resp-document.c: small JSON documents read as trees (see resp-document-private.h)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "resp-document-private.h"
#include "resp-vocab-private.h"
#include "resp-instant-private.h"
#include "resp-limits-private.h"

/* JSON allows U+0000 in a string, C does not: every reader of the tree
 * would see such a string end there (an id "a\u0000b" read as "a", two
 * different ids as one). Each one, value or member name, is refused where
 * it is; FALSE when there was one. Walked with an explicit stack: the
 * depth is the caller's max_depth. */
static gboolean
refuse_nul (const RespJsonNode *root, RespDiagSink *sink)
{
  GPtrArray *todo = g_ptr_array_new ();
  gboolean ok = TRUE;

  g_ptr_array_add (todo, (gpointer) root);
  while (todo->len > 0)
    {
      const RespJsonNode *n = g_ptr_array_remove_index_fast (todo, todo->len - 1);

      if (n->key != NULL && memchr (n->key, '\0', n->key_len) != NULL)
        {
          resp_diag_sink_add (sink, RESP_ERROR_BAD_VALUE, n->key_line, n->key_column,
                              "a member name must not contain U+0000 (\\u0000)");
          ok = FALSE;
        }
      if (n->type == RESP_JSON_STRING && memchr (n->v.string.str, '\0', n->v.string.len) != NULL)
        {
          resp_diag_sink_add (sink, RESP_ERROR_BAD_VALUE, n->line, n->column,
                              "a string must not contain U+0000 (\\u0000)");
          ok = FALSE;
        }
      if (n->type == RESP_JSON_ARRAY || n->type == RESP_JSON_OBJECT)
        for (guint i = 0; i < n->v.children.n; i++)
          g_ptr_array_add (todo, n->v.children.items[i]);
    }
  g_ptr_array_unref (todo);
  return ok;
}

/* Whether a string of the document may hold U+0000: the reader refuses a
 * raw control character, so only the escape \u0000 writes one, and a
 * document without those six bytes is spared refuse_nul()'s walk. */
static gboolean
may_hold_nul (const char *data, gsize length)
{
  const char *p = data, *end = data + length;

  /* from backslash to backslash: memchr() skips the rest faster than
   * memmem() looks for the six bytes, and most documents have few */
  while (p < end && (p = memchr (p, '\\', (gsize) (end - p))) != NULL)
    {
      if (end - p >= 6 && memcmp (p + 1, "u0000", 5) == 0)
        return TRUE;
      p++;
    }
  return FALSE;
}

RespJsonTree *
resp_document_parse (const char *data, gsize length, const RespLimits *limits, RespDiagSink *sink)
{
  RespJsonReader *r = resp_json_reader_new (data, length);
  RespJsonToken t;
  RespJsonTree *tree = NULL;

  resp_json_reader_set_limits (r, limits->max_depth, (gsize) MIN (limits->max_string_bytes, G_MAXSIZE));
  t = resp_json_reader_next (r);

  if (t != RESP_JSON_TOKEN_ERROR && t != RESP_JSON_TOKEN_EOF)
    tree = resp_json_reader_read_tree (r, t);
  if (tree != NULL && resp_json_reader_next (r) != RESP_JSON_TOKEN_EOF)
    g_clear_pointer (&tree, resp_json_tree_free);
  if (tree == NULL)
    resp_diag_sink_add_reader_error (sink, r);
  else if (may_hold_nul (data, length) && !refuse_nul (resp_json_tree_get_root (tree), sink))
    g_clear_pointer (&tree, resp_json_tree_free);
  resp_json_reader_free (r);
  return tree;
}

RespJsonTree *
resp_document_read_value (RespJsonReader *r, RespJsonToken first, RespDiagSink *sink)
{
  /* the value's bytes: from its first token to the end of its last */
  const char *from = resp_json_reader_get_raw (r, NULL), *last;
  RespJsonTree *tree = resp_json_reader_read_tree (r, first);
  gsize last_len;

  if (tree == NULL)
    {
      resp_diag_sink_add_reader_error (sink, r);
      return NULL;
    }
  last = resp_json_reader_get_raw (r, &last_len);
  if (may_hold_nul (from, (gsize) (last + last_len - from)) && !refuse_nul (resp_json_tree_get_root (tree), sink))
    g_clear_pointer (&tree, resp_json_tree_free);
  return tree;
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
      char hint[128];

      if (resp_name_lookup (allowed, n, m->key) >= 0)
        continue;
      resp_diag_sink_add (sink, RESP_ERROR_UNKNOWN_ATTRIBUTE, m->key_line, m->key_column,
                          "%s: unknown key '%s'%s", what, m->key,
                          resp_input_hint (hint, sizeof hint, allowed, n, m->key));
    }
}

const RespJsonNode *
resp_document_object_at (RespDiagSink *sink, const RespJsonNode *arr, guint i, const char *what,
                         const char *noun)
{
  const RespJsonNode *o = arr->v.children.items[i];

  if (o->type == RESP_JSON_OBJECT)
    return o;
  if (what != NULL)
    resp_diag_sink_add (sink, RESP_ERROR_BAD_VALUE, o->line, o->column, "%s: %s must be an object",
                        what, noun);
  else
    resp_diag_sink_add (sink, RESP_ERROR_BAD_VALUE, o->line, o->column, "%s must be an object", noun);
  return NULL;
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
