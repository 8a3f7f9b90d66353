/* resp-render.c: the one render dispatch, and what every renderer writes the same way
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "resp-render-private.h"
#include "resp-instant-private.h"

static const char * const format_names[RESP_N_FORMATS] = {
  [RESP_FORMAT_TEXT] = "text", [RESP_FORMAT_JSON] = "json", [RESP_FORMAT_DOT] = "dot",
  [RESP_FORMAT_CSV] = "csv",
};

gboolean
resp_render_check_in (const RespRenderer *renderer, RespFormat format, const char *caller)
{
  if ((guint) format < RESP_N_FORMATS && renderer->formats[format] != NULL)
    return TRUE;
  /* a programmer error, like a NULL argument: the format is a constant */
  g_critical ("%s: %s cannot be rendered as %s", caller, renderer->what,
              (guint) format < RESP_N_FORMATS ? format_names[format] : "an unknown format");
  return FALSE;
}

char *
resp_render_in (const RespRenderer *renderer, gconstpointer self, RespFormat format,
                const char *caller)
{
  GString *out;

  if (!resp_render_check_in (renderer, format, caller))
    return NULL;
  out = g_string_new (NULL);
  renderer->formats[format] (self, out);
  return g_string_free (out, FALSE);
}

void
resp_render_cat (GString *out, const char * const *strings, gsize n)
{
  for (gsize i = 0; i < n; i++)
    g_string_append (out, strings[i] != NULL ? strings[i] : "(null)");
}

void
resp_render_uint (GString *out, guint n)
{
  char digits[16];
  guint k = sizeof digits;

  do
    {
      digits[--k] = (char) ('0' + n % 10);
      n /= 10;
    }
  while (n > 0);
  g_string_append_len (out, digits + k, (gssize) (sizeof digits - k));
}

void
resp_render_node (GString *out, const RespModel *m, guint32 node)
{
  RESP_CAT (out, resp_model_node_name (m, node), "（", resp_model_node_id (m, node), "）");
}

void
resp_render_nodes (GString *out, const RespModel *m, const guint32 *nodes, guint n)
{
  if (n == 0)
    g_string_append (out, "无");
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (out, "、");
      resp_render_node (out, m, nodes[i]);
    }
}

void
resp_render_dot_quote (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (; *s; s++)
    {
      if (*s == '"' || *s == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *s);
    }
  g_string_append_c (out, '"');
}

void
resp_render_json_ids (RespJsonWriter *w, const RespModel *m, const guint32 *nodes, guint n)
{
  resp_json_writer_begin_array (w, TRUE);
  for (guint i = 0; i < n; i++)
    resp_json_writer_string (w, resp_model_node_id (m, nodes[i]));
  resp_json_writer_end_array (w);
}

void
resp_render_json_string_array (RespJsonWriter *w, const char * const *strings, guint n)
{
  resp_json_writer_begin_array (w, TRUE);
  for (guint i = 0; i < n; i++)
    resp_json_writer_string (w, strings[i]);
  resp_json_writer_end_array (w);
}

void
resp_render_json_strings (RespJsonWriter *w, GPtrArray *strings, gboolean free_it)
{
  resp_render_json_string_array (w, (const char * const *) strings->pdata, strings->len);
  if (free_it)
    g_ptr_array_unref (strings);
}

void
resp_render_json_instant (RespJsonWriter *w, const char *key, gint64 t)
{
  char buf[RESP_INSTANT_BUF];

  resp_json_writer_key (w, key);
  if (t == RESP_INSTANT_OPEN_START || t == RESP_INSTANT_OPEN_END)
    resp_json_writer_null (w);
  else
    {
      resp_instant_format_buf (t, buf);
      resp_json_writer_string (w, buf);
    }
}

char *
resp_render_role_warning (const RespModel *m, gint64 at, guint32 subject, RespRole role)
{
  char when[RESP_INSTANT_BUF];

  resp_instant_format_buf (at, when);
  return g_strdup_printf ("'%s' 在 %s 无法确定%s（%s）", resp_model_node_id (m, subject), when,
                          resp_roles[role].label_zh, resp_roles[role].name);
}
