/* resp-verdict-render.c: reading a verdict, and writing it as JSON, text or DOT
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "resp-verdict-private.h"
#include "resp-roles-private.h"
#include "resp-instant-private.h"
#include "resp-json-writer-private.h"

static const char *
id_of (const RespVerdict *v, guint32 node)
{
  return resp_model_node_id (v->model, node);
}

static const RespCircumstanceRule *
circ_rule (const RespVerdict *v, const RespVerdictCircumstance *c)
{
  return &g_array_index (v->rb->circumstances, RespCircumstanceRule, c->index);
}

static int
cmp_str (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* ids of nodes, sorted bytewise, as a NULL-terminated borrowed array */
static GPtrArray *
sorted_ids (const RespVerdict *v, const guint32 *nodes, guint n)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (out, (gpointer) id_of (v, nodes[i]));
  g_ptr_array_sort (out, cmp_str);
  return out;
}

static GPtrArray *
sorted_missing (const RespVerdict *v, const RespU32Vec *missing)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < missing->len; i++)
    g_ptr_array_add (out, g_array_index (v->rb->facts, RespFactDecl, missing->data[i]).name);
  g_ptr_array_sort (out, cmp_str);
  return out;
}

static GPtrArray *
role_names (const RespVerdictLiable *l)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint r = 0; r < RESP_N_ROLES; r++)
    if (l->roles & (1u << r))
      g_ptr_array_add (out, (gpointer) resp_roles[r].name);
  g_ptr_array_sort (out, cmp_str);
  return out;
}

static void
write_strings (RespJsonWriter *w, GPtrArray *strings, gboolean free_it)
{
  resp_json_writer_begin_array (w, TRUE);
  for (guint i = 0; i < strings->len; i++)
    resp_json_writer_string (w, strings->pdata[i]);
  resp_json_writer_end_array (w);
  if (free_it)
    g_ptr_array_unref (strings);
}

static void
write_strv (RespJsonWriter *w, char **v)
{
  resp_json_writer_begin_array (w, TRUE);
  for (; v != NULL && *v != NULL; v++)
    resp_json_writer_string (w, *v);
  resp_json_writer_end_array (w);
}

static void
write_duty_holders (RespJsonWriter *w, const RespVerdict *v)
{
  resp_json_writer_begin_object (w);
  for (guint s = 0; s < v->duty.len; s++)
    {
      const RespVerdictDuty *d = &v->duty.data[s];
      gboolean dup = FALSE;

      /* subjects in event order, each once */
      for (guint k = 0; k < s; k++)
        dup |= v->duty.data[k].subject == d->subject;
      if (dup)
        continue;
      resp_json_writer_key (w, id_of (v, d->subject));
      resp_json_writer_begin_object (w);
      for (guint r = 0; r < RESP_N_ROLES; r++)
        {
          resp_json_writer_key (w, resp_roles[r].name);
          if (r == RESP_ROLE_INVOLVED)
            write_strings (w, sorted_ids (v, (const guint32 *) (gpointer) v->event->involved->data,
                                          v->event->involved->len), TRUE);
          else
            write_strings (w, sorted_ids (v, d->holders + d->start[r], d->start[r + 1] - d->start[r]), TRUE);
        }
      resp_json_writer_end_object (w);
    }
  resp_json_writer_end_object (w);
}

static void
render_json (RespVerdict *v, RespJsonWriter *w)
{
  char at[RESP_INSTANT_BUF];

  resp_verdict_get_liable_list (v);   /* the view, in reading order */
  resp_instant_format_buf (v->event->occurred_at, at);
  resp_json_writer_begin_object (w);
  resp_json_writer_member_string (w, "event", v->event->id);
  resp_json_writer_member_string (w, "occurred_at", at);
  resp_json_writer_member_string (w, "rulebook", v->rb->id);
  resp_json_writer_member_string (w, "status", resp_verdict_statuses[v->status].name);

  resp_json_writer_key (w, "circumstances");
  resp_json_writer_begin_array (w, FALSE);
  for (guint i = 0; i < v->circumstances.len; i++)
    {
      const RespVerdictCircumstance *c = &v->circumstances.data[i];
      if (c->status == RESP_CIRCUMSTANCE_DOES_NOT_HOLD)
        continue;
      resp_json_writer_begin_object (w);
      resp_json_writer_member_string (w, "id", circ_rule (v, c)->id);
      resp_json_writer_member_string (w, "status", resp_circumstance_status_names[c->status]);
      resp_json_writer_member_string (w, "cite", circ_rule (v, c)->cite);
      resp_json_writer_key (w, "subjects");
      write_strings (w, sorted_ids (v, c->subjects.data, c->subjects.len), TRUE);
      if (c->status == RESP_CIRCUMSTANCE_UNDETERMINED)
        {
          resp_json_writer_key (w, "missing");
          write_strings (w, sorted_missing (v, &c->missing), TRUE);
        }
      resp_json_writer_end_object (w);
    }
  resp_json_writer_end_array (w);

  resp_json_writer_key (w, "liable");
  resp_json_writer_begin_array (w, FALSE);
  for (guint i = 0; i < resp_verdict_get_liable_list (v)->len; i++)
    {
      const RespVerdictLiable *l = v->liable->pdata[i];
      resp_json_writer_begin_object (w);
      resp_json_writer_member_string (w, "person", id_of (v, l->person));
      resp_json_writer_member_string (w, "name", resp_model_node_name (v->model, l->person));
      resp_json_writer_member_string (w, "category", resp_categories[l->category].name);
      resp_json_writer_key (w, "roles");
      write_strings (w, role_names (l), TRUE);
      resp_json_writer_key (w, "basis");
      write_strings (w, l->basis, FALSE);
      resp_json_writer_key (w, "paths");
      resp_json_writer_begin_array (w, FALSE);
      for (guint k = 0; k < l->paths->len; k++)
        {
          const GArray *p = l->paths->pdata[k];
          resp_json_writer_begin_array (w, TRUE);
          for (guint j = 0; j < p->len; j++)
            resp_json_writer_string (w, id_of (v, g_array_index (p, guint32, j)));
          resp_json_writer_end_array (w);
        }
      resp_json_writer_end_array (w);
      resp_json_writer_key (w, "authority");
      write_strings (w, sorted_ids (v, (const guint32 *) (gpointer) l->authority->data, l->authority->len), TRUE);
      resp_json_writer_key (w, "proposer");
      write_strings (w, sorted_ids (v, (const guint32 *) (gpointer) l->proposer->data, l->proposer->len), TRUE);
      resp_json_writer_end_object (w);
    }
  resp_json_writer_end_array (w);

  resp_json_writer_key (w, "bodies");
  resp_json_writer_begin_array (w, FALSE);
  for (guint i = 0; i < v->bodies.len; i++)
    {
      resp_json_writer_begin_object (w);
      resp_json_writer_member_string (w, "committee", id_of (v, v->bodies.data[i]));
      resp_json_writer_key (w, "basis");
      write_strv (w, v->rb->collective_basis);
      resp_json_writer_end_object (w);
    }
  resp_json_writer_end_array (w);

  resp_json_writer_key (w, "exempt");
  resp_json_writer_begin_array (w, FALSE);
  for (guint i = 0; i < v->exempt.len; i++)
    {
      const RespVerdictExempt *x = &v->exempt.data[i];
      const RespExemptionRule *e = &g_array_index (v->rb->exemptions, RespExemptionRule, x->reason);
      resp_json_writer_begin_object (w);
      resp_json_writer_member_string (w, "person", id_of (v, x->person));
      resp_json_writer_member_string (w, "reason", e->reason);
      resp_json_writer_key (w, "basis");
      write_strv (w, e->basis);
      resp_json_writer_end_object (w);
    }
  resp_json_writer_end_array (w);

  resp_json_writer_key (w, "modifiers");
  resp_json_writer_begin_array (w, FALSE);
  for (guint i = 0; i < v->modifiers.len; i++)
    {
      const RespModifierRule *m = &g_array_index (v->rb->modifiers, RespModifierRule,
                                                  v->modifiers.data[i]);
      resp_json_writer_begin_object (w);
      resp_json_writer_member_string (w, "kind", m->kind);
      resp_json_writer_key (w, "basis");
      write_strv (w, m->basis);
      resp_json_writer_end_object (w);
    }
  resp_json_writer_end_array (w);

  resp_json_writer_key (w, "warnings");
  resp_json_writer_begin_array (w, FALSE);
  for (guint i = 0; i < v->warnings.len; i++)
    {
      const RespVerdictWarning *wa = &v->warnings.data[i];
      resp_json_writer_begin_object (w);
      resp_json_writer_member_string (w, "code", resp_verdict_warning_code (wa));
      resp_json_writer_member_string (w, "node", wa->node != RESP_NO_NODE ? id_of (v, wa->node) : NULL);
      resp_json_writer_member_string (w, "role", wa->role >= 0 ? resp_roles[wa->role].name : NULL);
      resp_json_writer_member_string (w, "message", resp_verdict_warning_message (v, i));
      resp_json_writer_end_object (w);
    }
  resp_json_writer_end_array (w);

  if (v->status != RESP_VERDICT_TRIGGERED)
    {
      resp_json_writer_key (w, "duty_holders");
      write_duty_holders (w, v);
    }
  resp_json_writer_end_object (w);
}

/* ---- text, for the officers who paste it into a report ---- */

static void
text_node (GString *out, const RespVerdict *v, guint32 n)
{
  g_string_append_printf (out, "%s（%s）", resp_model_node_name (v->model, n), id_of (v, n));
}

static void
text_join (GString *out, char **strv, const char *sep)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    g_string_append_printf (out, "%s%s", i ? sep : "", strv[i]);
}

static void
text_nodes (GString *out, const RespVerdict *v, const guint32 *nodes, guint n)
{
  if (n == 0)
    g_string_append (out, "无");
  for (guint i = 0; i < n; i++)
    {
      if (i)
        g_string_append (out, "、");
      text_node (out, v, nodes[i]);
    }
}

static void
render_text (RespVerdict *v, GString *out)
{
  char at[RESP_INSTANT_BUF];
  guint n;

  resp_verdict_get_liable_list (v);   /* the view, in reading order */
  resp_instant_format_buf (v->event->occurred_at, at);
  g_string_append_printf (out, "事件 %s%s%s\n", v->event->id, v->event->title ? "：" : "",
                          v->event->title ? v->event->title : "");
  g_string_append_printf (out, "发生时间：%s　规则集：%s\n", at, v->rb->id);
  g_string_append_printf (out, "结论：%s\n", resp_verdict_statuses[v->status].label_zh);

  g_string_append (out, "\n一、问责情形\n");
  n = 0;
  for (guint i = 0; i < v->circumstances.len; i++)
    {
      const RespVerdictCircumstance *c = &v->circumstances.data[i];
      const RespCircumstanceRule *r = circ_rule (v, c);
      if (c->status == RESP_CIRCUMSTANCE_DOES_NOT_HOLD)
        continue;
      n++;
      g_string_append_printf (out, "  %s 〔%s〕%s：%s\n", r->id, r->cite,
                              c->status == RESP_CIRCUMSTANCE_HOLDS ? "成立" : "尚不能确定", r->summary);
      g_string_append (out, "     涉及：");
      text_nodes (out, v, c->subjects.data, c->subjects.len);
      g_string_append_c (out, '\n');
      if (c->status == RESP_CIRCUMSTANCE_UNDETERMINED)
        {
          GPtrArray *miss = sorted_missing (v, &c->missing);
          g_string_append (out, "     待查明事实：");
          for (guint k = 0; k < miss->len; k++)
            {
              int f = resp_rulebook_find_fact (v->rb, miss->pdata[k]);
              g_string_append_printf (out, "%s%s（%s）", k ? "、" : "",
                                      g_array_index (v->rb->facts, RespFactDecl, f).description,
                                      (char *) miss->pdata[k]);
            }
          g_string_append_c (out, '\n');
          g_ptr_array_unref (miss);
        }
      if (r->note != NULL)
        g_string_append_printf (out, "     说明：%s\n", r->note);
    }
  if (n == 0)
    g_string_append (out, "  无\n");

  if (v->status == RESP_VERDICT_TRIGGERED)
    {
      g_string_append (out, "\n二、责任认定（逐级倒查）\n");
      if (resp_verdict_get_liable_list (v)->len == 0)
        g_string_append (out, "  无\n");
      for (guint i = 0; i < v->liable->len; i++)
        {
          const RespVerdictLiable *l = v->liable->pdata[i];
          gboolean first = TRUE;

          g_string_append_printf (out, "  %u. ", i + 1);
          text_node (out, v, l->person);
          g_string_append_printf (out, "：%s\n     身份：", resp_categories[l->category].label_zh);
          for (guint r = 0; r < RESP_N_ROLES; r++)
            if (l->roles & (1u << r))
              {
                g_string_append_printf (out, "%s%s（%s）", first ? "" : "、", resp_roles[r].label_zh,
                                        resp_roles[r].name);
                first = FALSE;
              }
          g_string_append (out, "\n     依据：");
          for (guint k = 0; k < l->basis->len; k++)
            g_string_append_printf (out, "%s%s", k ? "；" : "", (char *) l->basis->pdata[k]);
          g_string_append_c (out, '\n');
          for (guint k = 0; k < l->paths->len; k++)
            {
              const GArray *p = l->paths->pdata[k];
              g_string_append (out, "     链条：");
              for (guint j = 0; j < p->len; j++)
                g_string_append_printf (out, "%s%s", j ? " → " : "", id_of (v, g_array_index (p, guint32, j)));
              g_string_append_c (out, '\n');
            }
          g_string_append (out, "     问责机关：");
          text_nodes (out, v, (const guint32 *) (gpointer) l->authority->data, l->authority->len);
          g_string_append (out, "；问责建议：");
          text_nodes (out, v, (const guint32 *) (gpointer) l->proposer->data, l->proposer->len);
          g_string_append_c (out, '\n');
        }
      g_string_append (out, "\n三、集体责任\n");
      if (v->bodies.len == 0)
        g_string_append (out, "  无\n");
      for (guint i = 0; i < v->bodies.len; i++)
        {
          g_string_append (out, "  ");
          text_node (out, v, v->bodies.data[i]);
          g_string_append (out, " 作为集体承担责任；依据：");
          text_join (out, v->rb->collective_basis, "；");
          g_string_append_c (out, '\n');
        }
      g_string_append (out, "\n四、免责\n");
      if (v->exempt.len == 0)
        g_string_append (out, "  无\n");
      for (guint i = 0; i < v->exempt.len; i++)
        {
          const RespVerdictExempt *x = &v->exempt.data[i];
          const RespExemptionRule *e = &g_array_index (v->rb->exemptions, RespExemptionRule, x->reason);
          g_string_append (out, "  ");
          text_node (out, v, x->person);
          g_string_append_printf (out, "：%s（%s）；依据：", e->summary ? e->summary : e->reason, e->reason);
          text_join (out, e->basis, "；");
          if (x->note)
            g_string_append_printf (out, "；%s", x->note);
          g_string_append_c (out, '\n');
        }
      g_string_append (out, "\n五、从轻、从重情节\n");
      if (v->modifiers.len == 0)
        g_string_append (out, "  无\n");
      for (guint i = 0; i < v->modifiers.len; i++)
        {
          const RespModifierRule *m = &g_array_index (v->rb->modifiers, RespModifierRule,
                                                      v->modifiers.data[i]);
          g_string_append_printf (out, "  %s；依据：",
                                  g_str_equal (m->kind, "lenient") ? "从轻或减轻（lenient）"
                                  : g_str_equal (m->kind, "aggravated") ? "从重或加重（aggravated）" : m->kind);
          text_join (out, m->basis, "；");
          g_string_append_c (out, '\n');
        }
    }
  else
    {
      g_string_append (out, "\n二、相关责任主体（未追究，仅供查阅）\n");
      for (guint s = 0; s < v->duty.len; s++)
        {
          const RespVerdictDuty *d = &v->duty.data[s];
          g_string_append (out, "  ");
          text_node (out, v, d->subject);
          g_string_append (out, "\n");
          for (guint r = 0; r < RESP_N_ROLES; r++)
            {
              guint n_holders = d->start[r + 1] - d->start[r];
              if (r == RESP_ROLE_CHAIN || r == RESP_ROLE_OPERATOR || r == RESP_ROLE_INVOLVED ||
                  n_holders == 0)
                continue;
              g_string_append_printf (out, "     %s（%s）：", resp_roles[r].label_zh, resp_roles[r].name);
              text_nodes (out, v, d->holders + d->start[r], n_holders);
              g_string_append_c (out, '\n');
            }
        }
    }
  if (v->warnings.len > 0)
    {
      g_string_append (out, "\n提示\n");
      for (guint i = 0; i < v->warnings.len; i++)
        g_string_append_printf (out, "  [%s] %s\n", resp_verdict_warning_code (&v->warnings.data[i]),
                                resp_verdict_warning_message (v, i));
    }
}

/* ---- DOT ---- */

static void
dot_id (GString *out, const char *s)
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

static void
render_dot (RespVerdict *v, GString *out, const char *graph_name)
{
  static const char * const colours[RESP_N_CATEGORIES] = { "#d62728", "#ff7f0e", "#e6c200" };
  GHashTable *edges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTable *nodes = g_hash_table_new (NULL, NULL);
  char *prefix = g_strdup_printf ("%s/", v->event->id);

  g_string_append (out, "digraph ");
  dot_id (out, graph_name);
  g_string_append (out, " {\n  rankdir=LR;\n  node [fontname=\"Noto Sans CJK SC\", shape=box, style=rounded];\n  label=");
  {
    char *label = g_strdup_printf ("%s %s（%s）", v->event->id, v->event->title ? v->event->title : "",
                                   resp_verdict_statuses[v->status].label_zh);
    dot_id (out, label);
    g_free (label);
  }
  g_string_append (out, ";\n");
  for (guint s = 0; s < v->event->subjects->len; s++)
    {
      guint32 n = g_array_index (v->event->subjects, guint32, s);
      char *name = g_strconcat (prefix, id_of (v, n), NULL);
      g_string_append (out, "  ");
      dot_id (out, name);
      g_string_append (out, " [label=");
      dot_id (out, resp_model_node_name (v->model, n));
      g_string_append (out, ", penwidth=2];\n");
      g_hash_table_add (nodes, GUINT_TO_POINTER (n + 1));
      g_free (name);
    }
  for (guint i = 0; i < resp_verdict_get_liable_list (v)->len; i++)
    {
      const RespVerdictLiable *l = v->liable->pdata[i];
      char *name = g_strconcat (prefix, id_of (v, l->person), NULL);
      char *label = g_strdup_printf ("%s\\n%s", resp_model_node_name (v->model, l->person),
                                     resp_categories[l->category].label_zh);
      g_string_append (out, "  ");
      dot_id (out, name);
      g_string_append_printf (out, " [shape=ellipse, style=filled, fillcolor=\"%s\", label=\"%s\"];\n",
                              colours[l->category], label);
      g_hash_table_add (nodes, GUINT_TO_POINTER (l->person + 1));
      g_free (name);
      g_free (label);
      for (guint k = 0; k < l->paths->len; k++)
        {
          const GArray *p = l->paths->pdata[k];
          for (guint j = 0; j + 1 < p->len; j++)
            {
              guint32 a = g_array_index (p, guint32, j), b = g_array_index (p, guint32, j + 1);
              char *key = g_strdup_printf ("%u>%u", a, b);
              if (g_hash_table_add (edges, key))
                {
                  char *na = g_strconcat (prefix, id_of (v, a), NULL);
                  char *nb = g_strconcat (prefix, id_of (v, b), NULL);
                  g_string_append (out, "  ");
                  dot_id (out, na);
                  g_string_append (out, " -> ");
                  dot_id (out, nb);
                  g_string_append (out, ";\n");
                  g_free (na);
                  g_free (nb);
                }
              if (!g_hash_table_contains (nodes, GUINT_TO_POINTER (a + 1)))
                {
                  char *na = g_strconcat (prefix, id_of (v, a), NULL);
                  g_hash_table_add (nodes, GUINT_TO_POINTER (a + 1));
                  g_string_append (out, "  ");
                  dot_id (out, na);
                  g_string_append (out, " [label=");
                  dot_id (out, resp_model_node_name (v->model, a));
                  g_string_append (out, "];\n");
                  g_free (na);
                }
            }
        }
    }
  if (v->exempt.len > 0)
    {
      g_string_append (out, "  subgraph ");
      {
        char *cl = g_strconcat ("cluster_", prefix, "exempt", NULL);
        dot_id (out, cl);
        g_free (cl);
      }
      g_string_append (out, " {\n    label=\"免责\";\n    style=dashed;\n");
      for (guint i = 0; i < v->exempt.len; i++)
        {
          const RespVerdictExempt *x = &v->exempt.data[i];
          char *name = g_strconcat (prefix, "exempt/", id_of (v, x->person), NULL);
          char *label = g_strdup_printf ("%s\\n%s", resp_model_node_name (v->model, x->person),
                                         g_array_index (v->rb->exemptions, RespExemptionRule, x->reason).reason);
          g_string_append (out, "    ");
          dot_id (out, name);
          g_string_append_printf (out, " [shape=ellipse, style=dashed, color=gray, label=\"%s\"];\n", label);
          g_free (name);
          g_free (label);
        }
      g_string_append (out, "  }\n");
    }
  g_string_append (out, "}\n");
  g_free (prefix);
  g_hash_table_unref (edges);
  g_hash_table_unref (nodes);
}

/**
 * resp_verdict_render:
 * @self: a #RespVerdict
 * @format: the output format
 *
 * Renders the verdict: JSON exactly as SPEC §5 fixes it, text in Chinese
 * legal terms with every finding's citation and chain, or a Graphviz
 * picture of the chains coloured by category with the exempt apart.
 *
 * Returns: (transfer full): the text, ending with a newline
 *
 * Since: 1.0
 */
char *
resp_verdict_render (RespVerdict *self,
                     RespFormat   format)
{
  g_return_val_if_fail (self != NULL, NULL);
  return resp_verdicts_render (&self, 1, FALSE, format);
}

/**
 * resp_verdicts_render:
 * @verdicts: (array length=n_verdicts): verdicts
 * @n_verdicts: how many
 * @as_list: for JSON, write an array even of one verdict
 * @format: the output format
 *
 * Renders several verdicts: a JSON array (or one object when @as_list is
 * %FALSE and there is one), text reports one after another, or one DOT
 * graph per verdict.
 *
 * Returns: (transfer full): the text
 *
 * Since: 1.0
 */
char *
resp_verdicts_render (RespVerdict **verdicts,
                      guint         n_verdicts,
                      gboolean      as_list,
                      RespFormat    format)
{
  GString *out;

  g_return_val_if_fail (verdicts != NULL || n_verdicts == 0, NULL);

  out = g_string_new (NULL);

  if (format == RESP_FORMAT_JSON)
    {
      RespJsonWriter w;
      gboolean list = as_list || n_verdicts != 1;

      resp_json_writer_init (&w, out);
      if (list)
        resp_json_writer_begin_array (&w, FALSE);
      for (guint i = 0; i < n_verdicts; i++)
        render_json (verdicts[i], &w);
      if (list)
        resp_json_writer_end_array (&w);
      g_string_append_c (out, '\n');
    }
  else if (format == RESP_FORMAT_DOT)
    for (guint i = 0; i < n_verdicts; i++)
      render_dot (verdicts[i], out, verdicts[i]->event->id);
  else
    for (guint i = 0; i < n_verdicts; i++)
      {
        if (i > 0)
          g_string_append (out, "\n────────────────────────────────\n\n");
        render_text (verdicts[i], out);
      }
  return g_string_free (out, FALSE);
}

/* ---- getters ---- */

/**
 * resp_verdict_get_status:
 * @self: a #RespVerdict
 *
 * Gets the verdict's status.
 *
 * Returns: the verdict's status
 *
 * Since: 1.0
 */
RespVerdictStatus
resp_verdict_get_status (RespVerdict *self)
{
  g_return_val_if_fail (self != NULL, RESP_VERDICT_NOT_TRIGGERED);
  return self->status;
}

/**
 * resp_verdict_get_event_id:
 * @self: a #RespVerdict
 *
 * Gets the id of the event assessed.
 *
 * Returns: the id of the event assessed
 *
 * Since: 1.0
 */
const char *
resp_verdict_get_event_id (RespVerdict *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->event->id;
}

/**
 * resp_verdict_get_n_circumstances:
 * @self: a #RespVerdict
 *
 * Gets the number of circumstances of the rulebook (all of them, in rulebook order, whatever their status).
 *
 * Returns: the number of circumstances of the rulebook (all of them, in
 *   rulebook order, whatever their status)
 *
 * Since: 1.0
 */
guint
resp_verdict_get_n_circumstances (RespVerdict *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->circumstances.len;
}

/**
 * resp_verdict_get_circumstance_id:
 * @self: a #RespVerdict
 * @index: a circumstance index
 *
 * Gets the circumstance's id.
 *
 * Returns: the circumstance's id
 *
 * Since: 1.0
 */
const char *
resp_verdict_get_circumstance_id (RespVerdict *self,
                                  guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->circumstances.len, NULL);
  return circ_rule (self, &self->circumstances.data[index])->id;
}

/**
 * resp_verdict_get_circumstance_status:
 * @self: a #RespVerdict
 * @index: a circumstance index
 *
 * Gets whether it holds, does not hold, or is undetermined.
 *
 * Returns: whether it holds, does not hold, or is undetermined
 *
 * Since: 1.0
 */
RespCircumstanceStatus
resp_verdict_get_circumstance_status (RespVerdict *self,
                                      guint        index)
{
  g_return_val_if_fail (self != NULL, RESP_CIRCUMSTANCE_DOES_NOT_HOLD);
  g_return_val_if_fail (index < self->circumstances.len, RESP_CIRCUMSTANCE_DOES_NOT_HOLD);
  return self->circumstances.data[index].status;
}

static char **
take_strv (GPtrArray *a)
{
  char **out = g_new0 (char *, a->len + 1);

  for (guint i = 0; i < a->len; i++)
    out[i] = g_strdup (a->pdata[i]);
  g_ptr_array_unref (a);
  return out;
}

/**
 * resp_verdict_dup_circumstance_missing:
 * @self: a #RespVerdict
 * @index: a circumstance index
 *
 * Gets a newly allocated copy of for an undetermined circumstance, the absent facts that could still change its outcome.
 *
 * Returns: (transfer full) (array zero-terminated=1): for an undetermined
 *   circumstance, the absent facts that could still change its outcome
 *
 * Since: 1.0
 */
char **
resp_verdict_dup_circumstance_missing (RespVerdict *self,
                                       guint        index)
{
  const RespVerdictCircumstance *c;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->circumstances.len, NULL);
  c = &self->circumstances.data[index];
  if (c->status != RESP_CIRCUMSTANCE_UNDETERMINED)
    return g_new0 (char *, 1);
  return take_strv (sorted_missing (self, &c->missing));
}

/**
 * resp_verdict_dup_circumstance_subjects:
 * @self: a #RespVerdict
 * @index: a circumstance index
 *
 * Gets the subjects a circumstance concerns: those for which it holds (all
 * subjects for an event-wide one), or, when it is undetermined, those for
 * which it is.
 *
 * Returns: (transfer full) (array zero-terminated=1): subject ids, sorted
 *   bytewise; empty when it does not hold
 *
 * Since: 1.0
 */
char **
resp_verdict_dup_circumstance_subjects (RespVerdict *self,
                                        guint        index)
{
  const RespVerdictCircumstance *c;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->circumstances.len, NULL);
  c = &self->circumstances.data[index];
  if (c->status == RESP_CIRCUMSTANCE_DOES_NOT_HOLD)
    return g_new0 (char *, 1);
  return take_strv (sorted_ids (self, c->subjects.data, c->subjects.len));
}

/**
 * resp_verdict_get_n_liable:
 * @self: a #RespVerdict
 *
 * Gets the number of liable persons.
 *
 * Returns: the number of liable persons
 *
 * Since: 1.0
 */
guint
resp_verdict_get_n_liable (RespVerdict *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->flat.len;
}

static const RespVerdictLiable *
liable_at (RespVerdict *self, guint index)
{
  return resp_verdict_get_liable_list (self)->pdata[index];
}

/**
 * resp_verdict_get_liable_person:
 * @self: a #RespVerdict
 * @index: a liable index (by severity, then id)
 *
 * Gets the person's id.
 *
 * Returns: the person's id
 *
 * Since: 1.0
 */
const char *
resp_verdict_get_liable_person (RespVerdict *self,
                                guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->flat.len, NULL);
  return id_of (self, liable_at (self, index)->person);
}

/**
 * resp_verdict_get_liable_category:
 * @self: a #RespVerdict
 * @index: a liable index
 *
 * Gets the most severe category the person bears.
 *
 * Returns: the most severe category the person bears
 *
 * Since: 1.0
 */
RespCategory
resp_verdict_get_liable_category (RespVerdict *self,
                                  guint        index)
{
  g_return_val_if_fail (self != NULL, RESP_CATEGORY_IMPORTANT_LEADERSHIP);
  g_return_val_if_fail (index < self->flat.len, RESP_CATEGORY_IMPORTANT_LEADERSHIP);
  return liable_at (self, index)->category;
}

/**
 * resp_verdict_dup_liable_roles:
 * @self: a #RespVerdict
 * @index: a liable index
 *
 * Gets a newly allocated copy of every role through which the person is held, sorted.
 *
 * Returns: (transfer full) (array zero-terminated=1): every role through
 *   which the person is held, sorted
 *
 * Since: 1.0
 */
char **
resp_verdict_dup_liable_roles (RespVerdict *self,
                               guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->flat.len, NULL);
  return take_strv (role_names (liable_at (self, index)));
}

/**
 * resp_verdict_dup_liable_basis:
 * @self: a #RespVerdict
 * @index: a liable index
 *
 * Gets a newly allocated copy of the citations.
 *
 * Returns: (transfer full) (array zero-terminated=1): the citations
 *
 * Since: 1.0
 */
char **
resp_verdict_dup_liable_basis (RespVerdict *self,
                               guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->flat.len, NULL);
  return take_strv (g_ptr_array_copy (liable_at (self, index)->basis, NULL, NULL));
}

/**
 * resp_verdict_get_liable_n_paths:
 * @self: a #RespVerdict
 * @index: a liable index
 *
 * Counts how many paths reached the person.
 *
 * Returns: how many paths reached the person
 *
 * Since: 1.0
 */
guint
resp_verdict_get_liable_n_paths (RespVerdict *self,
                                 guint        index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->flat.len, 0);
  return liable_at (self, index)->paths->len;
}

/**
 * resp_verdict_dup_liable_path:
 * @self: a #RespVerdict
 * @index: a liable index
 * @path: a path index
 *
 * Gets a newly allocated copy of the node ids of the path, from the subject (or the deciding committee) to the person.
 *
 * Returns: (transfer full) (array zero-terminated=1): the node ids of the
 *   path, from the subject (or the deciding committee) to the person
 *
 * Since: 1.0
 */
char **
resp_verdict_dup_liable_path (RespVerdict *self,
                              guint        index,
                              guint        path)
{
  const GArray *p;
  char **out;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->flat.len, NULL);
  g_return_val_if_fail (path < liable_at (self, index)->paths->len, NULL);
  p = liable_at (self, index)->paths->pdata[path];
  out = g_new0 (char *, p->len + 1);
  for (guint i = 0; i < p->len; i++)
    out[i] = g_strdup (id_of (self, g_array_index (p, guint32, i)));
  return out;
}

/**
 * resp_verdict_dup_liable_authority:
 * @self: a #RespVerdict
 * @index: a liable index
 *
 * Gets a newly allocated copy of the committees that carry out accountability for the person.
 *
 * Returns: (transfer full) (array zero-terminated=1): the committees that
 *   carry out accountability for the person
 *
 * Since: 1.0
 */
char **
resp_verdict_dup_liable_authority (RespVerdict *self,
                                   guint        index)
{
  const GArray *a;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->flat.len, NULL);
  a = liable_at (self, index)->authority;
  return take_strv (sorted_ids (self, (const guint32 *) (gpointer) a->data, a->len));
}

/**
 * resp_verdict_dup_liable_proposer:
 * @self: a #RespVerdict
 * @index: a liable index
 *
 * Gets a newly allocated copy of the offices that may propose accountability for the person.
 *
 * Returns: (transfer full) (array zero-terminated=1): the offices that may
 *   propose accountability for the person
 *
 * Since: 1.0
 */
char **
resp_verdict_dup_liable_proposer (RespVerdict *self,
                                  guint        index)
{
  const GArray *a;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->flat.len, NULL);
  a = liable_at (self, index)->proposer;
  return take_strv (sorted_ids (self, (const guint32 *) (gpointer) a->data, a->len));
}

/**
 * resp_verdict_dup_bodies:
 * @self: a #RespVerdict
 *
 * Gets a newly allocated copy of the committees held collectively responsible.
 *
 * Returns: (transfer full) (array zero-terminated=1): the committees held
 *   collectively responsible
 *
 * Since: 1.0
 */
char **
resp_verdict_dup_bodies (RespVerdict *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return take_strv (sorted_ids (self, self->bodies.data, self->bodies.len));
}

/**
 * resp_verdict_get_n_exempt:
 * @self: a #RespVerdict
 *
 * Gets the number of exempt persons.
 *
 * Returns: the number of exempt persons
 *
 * Since: 1.0
 */
guint
resp_verdict_get_n_exempt (RespVerdict *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->exempt.len;
}

/**
 * resp_verdict_get_exempt_person:
 * @self: a #RespVerdict
 * @index: an exempt index
 *
 * Gets the person's id.
 *
 * Returns: the person's id
 *
 * Since: 1.0
 */
const char *
resp_verdict_get_exempt_person (RespVerdict *self,
                                guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->exempt.len, NULL);
  return id_of (self, self->exempt.data[index].person);
}

/**
 * resp_verdict_get_exempt_reason:
 * @self: a #RespVerdict
 * @index: an exempt index
 *
 * Gets the reason (`dissent`, `duty_fulfilled`, …).
 *
 * Returns: the reason (`dissent`, `duty_fulfilled`, …)
 *
 * Since: 1.0
 */
const char *
resp_verdict_get_exempt_reason (RespVerdict *self,
                                guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->exempt.len, NULL);
  return g_array_index (self->rb->exemptions, RespExemptionRule,
                        self->exempt.data[index].reason).reason;
}

/**
 * resp_verdict_dup_modifiers:
 * @self: a #RespVerdict
 *
 * Gets a newly allocated copy of the kinds of the modifiers that apply (`lenient`, `aggravated`).
 *
 * Returns: (transfer full) (array zero-terminated=1): the kinds of the
 *   modifiers that apply (`lenient`, `aggravated`)
 *
 * Since: 1.0
 */
char **
resp_verdict_dup_modifiers (RespVerdict *self)
{
  char **out;

  g_return_val_if_fail (self != NULL, NULL);
  out = g_new0 (char *, self->modifiers.len + 1);
  for (guint i = 0; i < self->modifiers.len; i++)
    out[i] = g_strdup (g_array_index (self->rb->modifiers, RespModifierRule,
                                      self->modifiers.data[i]).kind);
  return out;
}

/**
 * resp_verdict_get_n_warnings:
 * @self: a #RespVerdict
 *
 * Gets the number of warnings.
 *
 * Returns: the number of warnings
 *
 * Since: 1.0
 */
guint
resp_verdict_get_n_warnings (RespVerdict *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->warnings.len;
}

/**
 * resp_verdict_get_warning_code:
 * @self: a #RespVerdict
 * @index: a warning index
 *
 * Gets the code: `role_unresolved`, `liability_undetermined`, `participant_without_seat`, `exemption_not_liable` or `modifier_undetermined`.
 *
 * Returns: the code: `role_unresolved`, `liability_undetermined`,
 *   `participant_without_seat`, `exemption_not_liable` or
 *   `modifier_undetermined`
 *
 * Since: 1.0
 */
const char *
resp_verdict_get_warning_code (RespVerdict *self,
                               guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->warnings.len, NULL);
  return resp_verdict_warning_code (&self->warnings.data[index]);
}

/**
 * resp_verdict_get_warning_message:
 * @self: a #RespVerdict
 * @index: a warning index
 *
 * Gets the warning, for people.
 *
 * Returns: the warning, for people
 *
 * Since: 1.0
 */
const char *
resp_verdict_get_warning_message (RespVerdict *self,
                                  guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->warnings.len, NULL);
  return resp_verdict_warning_message (self, index);
}
