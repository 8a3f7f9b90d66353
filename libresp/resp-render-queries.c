/* resp-render-queries.c: the answers about a model as JSON (SPEC §5), Chinese text or a picture
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * `validate` (a model's summary), `who` (RespRoles), `scope` (RespScope)
 * and `audit` (RespAudit), each a RespRenderer with the formats it has.
 */
#include "config.h"

#include <string.h>

#include "resp-render-private.h"
#include "resp-roles-private.h"
#include "resp-scope-private.h"
#include "resp-audit-private.h"
#include "resp-instant-private.h"
#include "resp-vec-private.h"

/* ---- a model's summary ---- */

static void
model_json (gconstpointer self, GString *out)
{
  const RespModel *m = self;

  /* one line, as a program reading `resp validate` takes it */
  g_string_append_printf (out, "{\"valid\": true, \"nodes\": %u, \"relations\": %u}\n",
                          m->n_nodes, m->n_rels);
}

static void
model_text (gconstpointer self, GString *out)
{
  RespModel *m = (RespModel *) self;

  RESP_CAT (out, m->source, "：模型有效");
  if (m->name != NULL)
    RESP_CAT (out, "（", m->name, "）");
  g_string_append_printf (out, "：%u 个节点（", m->n_nodes);
  for (guint t = 0; t < RESP_N_NODE_TYPES; t++)
    g_string_append_printf (out, "%s%s %u", t ? "、" : "", resp_node_types[t].short_zh,
                            resp_model_count_nodes_of_type (m, (RespNodeType) t));
  g_string_append_printf (out, "），%u 条关系\n", m->n_rels);
}

static const RespRenderer model_renderer = {
  "a model's summary", { [RESP_FORMAT_TEXT] = model_text, [RESP_FORMAT_JSON] = model_json },
};

/**
 * resp_model_render:
 * @self: a #RespModel
 * @format: %RESP_FORMAT_TEXT or %RESP_FORMAT_JSON
 *
 * Renders what `resp validate` prints of a model that loaded: a line that
 * names the file and the model and counts its nodes by type and its
 * relations, or the JSON `{"valid": true, "nodes": N, "relations": M}`.
 *
 * Returns: (transfer full) (nullable): the text, ending with a newline, or
 *   %NULL for a format a model's summary does not have
 *
 * Since: 1.0
 */
char *
resp_model_render (RespModel  *self,
                   RespFormat  format)
{
  g_return_val_if_fail (self != NULL, NULL);
  return resp_render (&model_renderer, self, format);
}

/* ---- who: the roles of a node ---- */

/* The holders of role r, each once (hits are sorted by holder). */
#define FOR_HOLDERS(self, r, h)                                                   \
  for (guint h##_i = (self)->role_start[r]; h##_i < (self)->role_start[(r) + 1]; h##_i++) \
    for (const RespHit *h = &(self)->hits[h##_i]; h != NULL; h = NULL)            \
      if (h##_i == (self)->role_start[r] || (self)->hits[h##_i - 1].node != h->node)

static void
roles_json (gconstpointer data, GString *out)
{
  const RespRoles *self = data;
  RespJsonWriter w;
  char at[RESP_INSTANT_BUF];

  resp_instant_format_buf (self->at, at);
  resp_json_writer_init (&w, out);
  resp_json_writer_begin_object (&w);
  RESP_JSON_MEMBER_STRING (&w, "node", resp_model_node_id (self->model, self->subject));
  RESP_JSON_MEMBER_STRING (&w, "at", at);
  if (self->model->nodes[self->subject].type == RESP_NODE_SYSTEM)
    RESP_JSON_MEMBER_STRING (&w, "sponsor", self->sponsor != RESP_NO_NODE
                                    ? resp_model_node_id (self->model, self->sponsor) : NULL);
  RESP_JSON_KEY (&w, "roles");
  resp_json_writer_begin_object (&w);
  for (guint r = 0; r < RESP_N_ROLES; r++)
    {
      if (r == RESP_ROLE_INVOLVED)
        continue;
      resp_json_writer_key (&w, resp_roles[r].name);
      resp_json_writer_begin_array (&w, TRUE);
      FOR_HOLDERS (self, r, h)
        resp_json_writer_string (&w, resp_model_node_id (self->model, h->node));
      resp_json_writer_end_array (&w);
    }
  resp_json_writer_end_object (&w);
  RESP_JSON_KEY (&w, "warnings");
  resp_json_writer_begin_array (&w, FALSE);
  for (guint i = 0; i < self->n_warnings; i++)
    {
      const RespRoleWarning *wa = &self->warnings[i];
      resp_json_writer_begin_object (&w);
      RESP_JSON_MEMBER_STRING (&w, "code", "role_unresolved");
      RESP_JSON_MEMBER_STRING (&w, "node", resp_model_node_id (self->model, wa->subject));
      RESP_JSON_MEMBER_STRING (&w, "role", resp_roles[wa->role].name);
      RESP_JSON_MEMBER_STRING (&w, "message", self->messages[i]);
      resp_json_writer_end_object (&w);
    }
  resp_json_writer_end_array (&w);
  resp_json_writer_end_object (&w);
  g_string_append_c (out, '\n');
}

/* Paths up to this many nodes are always written out whole */
#define TEXT_PATH_FULL 8

static void
roles_text (gconstpointer data, GString *out)
{
  const RespRoles *self = data;
  const RespModel *m = self->model;
  char at[RESP_INSTANT_BUF];
  guint32 walk_off = 0, walk_max = 0;   /* the walk last written in a role, and how far */

  resp_instant_format_buf (self->at, at);
  resp_render_node (out, m, self->subject);
  RESP_CAT (out, " · ", resp_node_types[m->nodes[self->subject].type].label_zh, " · ", at, "\n");
  if (m->nodes[self->subject].type == RESP_NODE_SYSTEM)
    {
      g_string_append (out, "  主办单位（sponsor）：");
      if (self->sponsor != RESP_NO_NODE)
        resp_render_node (out, m, self->sponsor);
      else
        g_string_append (out, "无（以运营单位所在地区的层级为主办机关层级）");
      g_string_append_c (out, '\n');
    }
  for (guint r = 0; r < RESP_N_ROLES; r++)
    {
      if (r == RESP_ROLE_INVOLVED)
        continue;
      RESP_CAT (out, "  ", resp_roles[r].label_zh, "（", resp_roles[r].name, "）：");
      if (self->role_start[r] == self->role_start[r + 1])
        {
          g_string_append (out, "无\n");
          continue;
        }
      g_string_append_c (out, '\n');
      walk_off = 0, walk_max = 0;
      for (guint i = self->role_start[r]; i < self->role_start[r + 1]; i++)
        {
          const RespHit *h = &self->hits[i];
          if (i == self->role_start[r] || self->hits[i - 1].node != h->node)
            {
              g_string_append (out, "    ");
              resp_render_node (out, m, h->node);
              g_string_append_c (out, '\n');
            }
          if (h->path_len > 1)
            {
              guint k = 0;

              g_string_append (out, "      路径：");
              /* the holders along one walk (a chain of superiors) share it,
               * each path a prefix of the walk: a path longer than
               * TEXT_PATH_FULL is told from the farthest point of the walk
               * written above (a chain of N would take N² words) */
              if (h->path_len > TEXT_PATH_FULL && walk_max > 0 && walk_off == h->path_off)
                {
                  if (h->path_len <= walk_max)
                    {
                      g_string_append_printf (out, "沿上面的路径至 %s（共 %u 个节点）\n",
                                              resp_model_node_id (m, self->paths[h->path_off + h->path_len - 1]),
                                              h->path_len);
                      continue;
                    }
                  g_string_append (out, "沿上面的路径至 ");
                  k = walk_max - 1;
                }
              for (guint first = k; k < h->path_len; k++)
                RESP_CAT (out, k > first ? " → " : "", resp_model_node_id (m, self->paths[h->path_off + k]));
              g_string_append_c (out, '\n');
              if (walk_off != h->path_off)
                walk_off = h->path_off, walk_max = 0;
              walk_max = MAX (walk_max, h->path_len);
            }
        }
    }
  for (guint i = 0; i < self->n_warnings; i++)
    RESP_CAT (out, "  警告：", self->messages[i], "\n");
}

/* The edges of every path (each once), in the order of the hits; the nodes
 * on them into seen. Hits that share a stored walk (a chain of superiors:
 * each path a prefix of the next) go on from where the walk was drawn to,
 * so a chain of N is drawn in N steps, not N². */
static void
roles_dot_edges (const RespRoles *self, GString *out, GHashTable *seen)
{
  const RespModel *m = self->model;
  GHashTable *edges = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTable *drawn = g_hash_table_new (NULL, NULL);   /* walk -> how far it is drawn */

  for (guint i = 0; i < self->role_start[RESP_N_ROLES]; i++)
    {
      const RespHit *h = &self->hits[i];
      gpointer walk = GUINT_TO_POINTER (h->path_off + 1);
      guint from = GPOINTER_TO_UINT (g_hash_table_lookup (drawn, walk));

      g_hash_table_add (seen, GUINT_TO_POINTER (h->node + 1));
      if (from >= h->path_len)
        continue;
      g_hash_table_insert (drawn, walk, GUINT_TO_POINTER (h->path_len));
      for (guint k = from; k < h->path_len; k++)
        {
          guint32 b = self->paths[h->path_off + k];
          guint32 a;
          gint64 *key;

          g_hash_table_add (seen, GUINT_TO_POINTER (b + 1));
          if (k == 0)
            continue;
          a = self->paths[h->path_off + k - 1];
          key = g_new (gint64, 1);
          *key = (gint64) (((guint64) a << 32) | b);
          if (g_hash_table_add (edges, key))
            {
              g_string_append (out, "  ");
              resp_render_dot_quote (out, resp_model_node_id (m, a));
              g_string_append (out, " -> ");
              resp_render_dot_quote (out, resp_model_node_id (m, b));
              g_string_append (out, ";\n");
            }
        }
    }
  g_hash_table_unref (edges);
  g_hash_table_unref (drawn);
}

/* A node of the picture: its shape by type, its name, id and the roles it
 * holds (roles: a bit per role). */
static void
roles_dot_node (const RespRoles *self, GString *out, guint32 v, guint64 roles)
{
  const RespModel *m = self->model;
  GString *label = g_string_new (NULL);

  RESP_CAT (label, resp_model_node_name (m, v), "\\n", resp_model_node_id (m, v));
  for (guint r = 0; r < RESP_N_ROLES; r++)
    if (roles & RESP_ROLE_BIT (r))
      RESP_CAT (label, "\\n", resp_roles[r].label_zh);
  g_string_append (out, "  ");
  resp_render_dot_quote (out, resp_model_node_id (m, v));
  RESP_CAT (out, " [shape=", resp_node_types[m->nodes[v].type].dot_shape, ", label=\"");
  for (const char *p = label->str; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  RESP_CAT (out, "\"", v == self->subject ? ", penwidth=2" : "", "];\n");
  g_string_free (label, TRUE);
}

static void
roles_dot (gconstpointer data, GString *out)
{
  const RespRoles *self = data;
  GHashTable *seen = g_hash_table_new (NULL, NULL), *roles;
  GArray *nodes = g_array_new (FALSE, FALSE, sizeof (guint32));
  GHashTableIter it;
  gpointer key;

  g_string_append (out, "digraph who {\n  rankdir=LR;\n  node [fontname=\"Noto Sans CJK SC\"];\n");
  roles_dot_edges (self, out, seen);
  g_hash_table_add (seen, GUINT_TO_POINTER (self->subject + 1));
  if (self->sponsor != RESP_NO_NODE)
    {
      /* not a duty holder: drawn apart, dashed */
      g_string_append (out, "  ");
      resp_render_dot_quote (out, resp_model_node_id (self->model, self->sponsor));
      g_string_append (out, " -> ");
      resp_render_dot_quote (out, resp_model_node_id (self->model, self->subject));
      g_string_append (out, " [style=dashed, label=\"主办\"];\n");
      g_hash_table_add (seen, GUINT_TO_POINTER (self->sponsor + 1));
    }
  /* the nodes in index order, so that the picture is the same every time */
  g_hash_table_iter_init (&it, seen);
  while (g_hash_table_iter_next (&it, &key, NULL))
    {
      guint32 v = GPOINTER_TO_UINT (key) - 1;
      g_array_append_val (nodes, v);
    }
  g_array_sort (nodes, resp_cmp_u32);
  /* the roles of each node, in one pass over the hits */
  roles = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  for (guint r = 0; r < RESP_N_ROLES; r++)
    for (guint j = self->role_start[r]; j < self->role_start[r + 1]; j++)
      {
        gpointer k = GUINT_TO_POINTER (self->hits[j].node + 1);
        guint64 *mask = g_hash_table_lookup (roles, k);

        if (mask == NULL)
          g_hash_table_insert (roles, k, mask = g_new0 (guint64, 1));
        *mask |= RESP_ROLE_BIT (r);
      }
  for (guint i = 0; i < nodes->len; i++)
    {
      guint32 v = g_array_index (nodes, guint32, i);
      const guint64 *mask = g_hash_table_lookup (roles, GUINT_TO_POINTER (v + 1));

      roles_dot_node (self, out, v, mask != NULL ? *mask : 0);
    }
  g_hash_table_unref (roles);
  g_string_append (out, "}\n");
  g_array_unref (nodes);
  g_hash_table_unref (seen);
}

static const RespRenderer roles_renderer = {
  "the roles of a node", { [RESP_FORMAT_TEXT] = roles_text, [RESP_FORMAT_JSON] = roles_json,
                           [RESP_FORMAT_DOT] = roles_dot },
};

/**
 * resp_roles_render:
 * @self: a #RespRoles
 * @format: the output format
 *
 * Renders the roles: JSON as `resp who` prints it (model.md), text in
 * Chinese legal terms with every path, or a Graphviz digraph of the paths.
 *
 * Returns: (transfer full): the text, ending with a newline
 *
 * Since: 1.0
 */
char *
resp_roles_render (RespRoles  *self,
                   RespFormat  format)
{
  g_return_val_if_fail (self != NULL, NULL);
  return resp_render (&roles_renderer, self, format);
}

/* ---- scope: what a person answers for ---- */

static void
scope_json_ids (RespJsonWriter *w, const RespModel *m, GArray *nodes)
{
  resp_render_json_ids (w, m, (const guint32 *) (gpointer) nodes->data, nodes->len);
}

static void
scope_json (gconstpointer data, GString *out)
{
  const RespScope *self = data;
  const RespModel *m = self->model;
  RespJsonWriter w;
  char at[RESP_INSTANT_BUF];

  resp_instant_format_buf (self->at, at);
  resp_json_writer_init (&w, out);
  resp_json_writer_begin_object (&w);
  RESP_JSON_MEMBER_STRING (&w, "person", resp_model_node_id (m, self->person));
  RESP_JSON_MEMBER_STRING (&w, "at", at);
  RESP_JSON_KEY (&w, "seats");
  resp_json_writer_begin_array (&w, FALSE);
  for (guint i = 0; i < self->seats->len; i++)
    {
      const RespScopeSeat *s = &g_array_index (self->seats, RespScopeSeat, i);
      resp_json_writer_begin_object (&w);
      RESP_JSON_MEMBER_STRING (&w, "committee", resp_model_node_id (m, s->committee));
      RESP_JSON_MEMBER_STRING (&w, "role", resp_seats[s->seat].name);
      resp_json_writer_end_object (&w);
    }
  resp_json_writer_end_array (&w);
  RESP_JSON_KEY (&w, "heads");
  scope_json_ids (&w, m, self->heads);
  RESP_JSON_KEY (&w, "responsible_for");
  resp_json_writer_begin_object (&w);
  for (guint r = 0; r < RESP_N_SCOPE_ROLES; r++)
    {
      resp_json_writer_key (&w, resp_roles[resp_scope_roles[r]].name);
      scope_json_ids (&w, m, self->systems[r]);
    }
  resp_json_writer_end_object (&w);
  resp_json_writer_end_object (&w);
  g_string_append_c (out, '\n');
}

static void
scope_text_ids (GString *out, const RespModel *m, GArray *nodes)
{
  resp_render_nodes (out, m, (const guint32 *) (gpointer) nodes->data, nodes->len);
  g_string_append_c (out, '\n');
}

static void
scope_text (gconstpointer data, GString *out)
{
  const RespScope *self = data;
  const RespModel *m = self->model;
  char at[RESP_INSTANT_BUF];

  resp_instant_format_buf (self->at, at);
  resp_render_node (out, m, self->person);
  RESP_CAT (out, "· ", at, "\n");
  g_string_append (out, "  领导班子职务：");
  if (self->seats->len == 0)
    g_string_append (out, "无\n");
  else
    {
      g_string_append_c (out, '\n');
      for (guint i = 0; i < self->seats->len; i++)
        {
          const RespScopeSeat *s = &g_array_index (self->seats, RespScopeSeat, i);
          g_string_append (out, "    ");
          resp_render_node (out, m, s->committee);
          RESP_CAT (out, "：", resp_seats[s->seat].label_zh, "\n");
        }
    }
  g_string_append (out, "  担任主要负责人的单位：");
  scope_text_ids (out, m, self->heads);
  for (guint r = 0; r < RESP_N_SCOPE_ROLES; r++)
    {
      RESP_CAT (out, "  作为", resp_roles[resp_scope_roles[r]].label_zh, "（", resp_roles[resp_scope_roles[r]].name,
                "）的系统：");
      scope_text_ids (out, m, self->systems[r]);
    }
}

static const RespRenderer scope_renderer = {
  "a person's scope", { [RESP_FORMAT_TEXT] = scope_text, [RESP_FORMAT_JSON] = scope_json },
};

/**
 * resp_scope_render:
 * @self: a #RespScope
 * @format: %RESP_FORMAT_TEXT or %RESP_FORMAT_JSON
 *
 * Renders the scope (JSON as `resp scope` prints it, model.md). A scope
 * has no picture: %RESP_FORMAT_DOT is a programmer error (a critical, and
 * %NULL), not a silent fallback to text.
 *
 * Returns: (transfer full) (nullable): the text, ending with a newline
 *
 * Since: 1.0
 */
char *
resp_scope_render (RespScope  *self,
                   RespFormat  format)
{
  g_return_val_if_fail (self != NULL, NULL);
  return resp_render (&scope_renderer, self, format);
}

/* ---- audit: the gaps ---- */

static void
audit_json (gconstpointer data, GString *out)
{
  const RespAudit *self = data;
  const RespModel *m = self->model;
  RespJsonWriter w;

  resp_json_writer_init (&w, out);
  resp_json_writer_begin_object (&w);
  if (self->has_at)
    resp_render_json_instant (&w, "at", self->at);
  else
    {
      RESP_JSON_KEY (&w, "at");
      resp_json_writer_null (&w);
    }
  RESP_JSON_KEY (&w, "findings");
  resp_json_writer_begin_array (&w, FALSE);
  for (guint i = 0; i < self->findings->len; i++)
    {
      const RespAuditFinding *f = &g_array_index (self->findings, RespAuditFinding, i);
      resp_json_writer_begin_object (&w);
      RESP_JSON_MEMBER_STRING (&w, "code", resp_audit_codes[f->code].name);
      RESP_JSON_MEMBER_STRING (&w, "node", resp_model_node_id (m, f->node));
      RESP_JSON_MEMBER_STRING (&w, "role", resp_audit_post_names[f->post]);
      RESP_JSON_MEMBER_STRING (&w, "basis", resp_audit_codes[f->code].basis);
      resp_render_json_instant (&w, "from", f->from);
      resp_render_json_instant (&w, "until", f->until);
      resp_json_writer_end_object (&w);
    }
  resp_json_writer_end_array (&w);
  resp_json_writer_end_object (&w);
  g_string_append_c (out, '\n');
}

static void
audit_text (gconstpointer data, GString *out)
{
  const RespAudit *self = data;
  const RespModel *m = self->model;

  if (self->has_at)
    {
      char at[RESP_INSTANT_BUF];
      resp_instant_format_buf (self->at, at);
      g_string_append_printf (out, "责任体系完整性检查（%s）：%u 项\n", at, self->findings->len);
    }
  else
    g_string_append_printf (out, "责任体系完整性检查（全部时段）：%u 项\n", self->findings->len);
  for (guint i = 0; i < self->findings->len; i++)
    {
      const RespAuditFinding *f = &g_array_index (self->findings, RespAuditFinding, i);
      const RespAuditCodeInfo *code = &resp_audit_codes[f->code];
      char a[RESP_INSTANT_BUF], b[RESP_INSTANT_BUF];

      resp_instant_format_short (f->from, a);
      resp_instant_format_short (f->until, b);
      g_string_append (out, "  ");
      resp_render_node (out, m, f->node);
      RESP_CAT (out, "：", code->label_zh, " [", code->name, ", ", resp_audit_post_names[f->post], "]\n    自 ",
                f->from == RESP_INSTANT_OPEN_START ? "（始终）" : a, " 至 ", f->until == RESP_INSTANT_OPEN_END ? "今" : b,
                "；依据：", code->basis, "\n");
    }
}

static const RespRenderer audit_renderer = {
  "an audit", { [RESP_FORMAT_TEXT] = audit_text, [RESP_FORMAT_JSON] = audit_json },
};

/**
 * resp_audit_render:
 * @self: a #RespAudit
 * @format: %RESP_FORMAT_TEXT or %RESP_FORMAT_JSON
 *
 * Renders the findings (JSON as `resp audit` prints it, model.md). An
 * audit has no picture: %RESP_FORMAT_DOT is a programmer error (a
 * critical, and %NULL), not a silent fallback to text.
 *
 * Returns: (transfer full) (nullable): the text, ending with a newline
 *
 * Since: 1.0
 */
char *
resp_audit_render (RespAudit  *self,
                   RespFormat  format)
{
  g_return_val_if_fail (self != NULL, NULL);
  return resp_render (&audit_renderer, self, format);
}
