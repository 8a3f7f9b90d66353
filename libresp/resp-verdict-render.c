/* resp-verdict-render.c: a verdict as JSON (SPEC §5), as a Chinese report, as a picture
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Everything reads the verdict's view (resp_verdict_get_liable_list()),
 * which puts the liable in reading order.
 */
#include "config.h"

#include <string.h>

#include "resp-render-private.h"
#include "resp-instant-private.h"

static const char *
id_of (const RespVerdict *v, guint32 node)
{
  return resp_model_node_id (v->model, node);
}

/* ---- the words of a warning ---- */

/* "a、b、c" */
static char *
fact_list (const RespRulebook *rb, const RespU32Vec *facts)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < facts->len; i++)
    RESP_CAT (s, i ? "、" : "", g_array_index (rb->facts, RespFactDecl, facts->data[i]).name);
  return g_string_free (s, FALSE);
}

char *
resp_render_verdict_warning (RespVerdict *v, const RespVerdictWarning *w)
{
  const RespModel *m = v->model;
  char *facts, *out;

  switch ((RespWarnKind) w->kind)
    {
    case RESP_WARN_ROLE_AT:
      return resp_render_role_warning (m, v->event->occurred_at, w->node, (RespRole) w->role);
    case RESP_WARN_ROLE_OF_PERSON:
      return g_strdup_printf ("无法确定对 '%s' 的%s（%s）", resp_model_node_id (m, w->node),
                              resp_roles[w->role].label_zh, resp_roles[w->role].name);
    case RESP_WARN_LIABILITY:
      {
        const RespLiabilityRule *r = &g_array_index (v->rb->liability, RespLiabilityRule, w->aux);
        facts = fact_list (v->rb, &w->facts);
        out = g_strdup_printf ("规则 %s（%s，%s）的条件取决于未知事实 %s：不据此追究任何人",
                               r->id, resp_roles[r->role].label_zh, resp_roles[r->role].name,
                               facts[0] ? facts : "（参数或系统属性）");
        g_free (facts);
        return out;
      }
    case RESP_WARN_PARTICIPANT:
      return g_strdup_printf ("'%s' 参与了 '%s' 的决策，但事件发生时不在该领导班子：不据此追究",
                              resp_model_node_id (m, w->node), resp_model_node_id (m, w->aux));
    case RESP_WARN_EXEMPTION:
      return g_strdup_printf ("事件列明 '%s' 免责，但其并非责任人", resp_model_node_id (m, w->node));
    case RESP_WARN_FACT_CONFLICTS_RECORD:
      return g_strdup_printf ("事件陈述 %s 为否，但记录显示通报 %s（致 %s）在事件发生时逾期未整改：以事件陈述为准",
                              g_array_index (v->rb->facts, RespFactDecl, w->facts.data[0]).name,
                              resp_record_entry_id (v->record, resp_record_notice (v->record, w->aux)->entry),
                              resp_model_node_id (m, w->node));
    case RESP_WARN_FACT_CONFLICTS_DERIVED:
      return g_strdup_printf ("事件陈述 %s 为%s，但按报告时限推算为%s：以事件陈述为准",
                              g_array_index (v->rb->facts, RespFactDecl, w->facts.data[0]).name,
                              w->aux == 1 ? "否" : "是", w->aux == 1 ? "是" : "否");
    case RESP_WARN_GRADE_NOT_IN_FORCE:
      return g_strdup_printf ("事件陈述的分级 %s（%s）早于事件报告管理办法施行：不予分级",
                              g_array_index (v->rb->grades, RespGradeRule, w->aux).id,
                              g_array_index (v->rb->grades, RespGradeRule, w->aux).name);
    case RESP_WARN_REPORT_BEFORE_DISCOVERY:
      return g_strdup_printf ("第 %u 条报告（'%s' 报送）早于发现时间", w->aux + 1,
                              resp_model_node_id (m, w->node));
    case RESP_WARN_RECIPIENT:
      return g_strdup_printf ("无法确定 '%s' 应报告的%s（%s）", resp_model_node_id (m, w->node),
                              resp_roles[w->role].label_zh, resp_roles[w->role].name);
    case RESP_WARN_MODIFIER:
    default:
      facts = fact_list (v->rb, &w->facts);
      out = g_strdup_printf ("情节 %s 取决于未知事实 %s：未予适用",
                             g_array_index (v->rb->modifiers, RespModifierRule, w->aux).kind, facts);
      g_free (facts);
      return out;
    }
}

/* ---- JSON ---- */

static void
write_strv (RespJsonWriter *w, char **v)
{
  resp_json_writer_begin_array (w, TRUE);
  for (; v != NULL && *v != NULL; v++)
    resp_json_writer_string (w, *v);
  resp_json_writer_end_array (w);
}

/* nodes[0..n) by id (most lists hold one node or none, in order as they are) */
static void
write_sorted_ids (RespJsonWriter *w, const RespVerdict *v, const guint32 *nodes, guint n)
{
  if (n <= 1)
    resp_render_json_ids (w, v->model, nodes, n);
  else
    resp_render_json_strings (w, resp_model_sorted_ids (v->model, nodes, n), TRUE);
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
            write_sorted_ids (w, v, (const guint32 *) (gpointer) v->event->involved.data,
                              v->event->involved.len);
          else
            write_sorted_ids (w, v, d->holders + d->start[r], d->start[r + 1] - d->start[r]);
        }
      resp_json_writer_end_object (w);
    }
  resp_json_writer_end_object (w);
}

static void
json_circumstances (RespJsonWriter *w, const RespVerdict *v)
{
  RESP_JSON_KEY (w, "circumstances");
  resp_json_writer_begin_array (w, FALSE);
  for (guint i = 0; i < v->circumstances.len; i++)
    {
      const RespVerdictCircumstance *c = &v->circumstances.data[i];
      const RespCircumstanceRule *r = resp_verdict_circumstance_rule (v, c);

      if (c->status == RESP_CIRCUMSTANCE_DOES_NOT_HOLD)
        continue;
      resp_json_writer_begin_object (w);
      RESP_JSON_MEMBER_STRING (w, "id", r->id);
      RESP_JSON_MEMBER_STRING (w, "status", resp_circumstance_status_names[c->status]);
      RESP_JSON_MEMBER_STRING (w, "cite", r->cite);
      RESP_JSON_KEY (w, "subjects");
      write_sorted_ids (w, v, c->subjects.data, c->subjects.len);
      if (c->status == RESP_CIRCUMSTANCE_UNDETERMINED)
        {
          RESP_JSON_KEY (w, "missing");
          resp_render_json_strings (w, resp_verdict_missing_names (v, &c->missing), TRUE);
        }
      resp_json_writer_end_object (w);
    }
  resp_json_writer_end_array (w);
}

static void
json_liable_one (RespJsonWriter *w, const RespVerdict *v, const RespVerdictLiable *l)
{
  const guint8 *roles = resp_verdict_roles_by_name ();

  resp_json_writer_begin_object (w);
  RESP_JSON_MEMBER_STRING (w, "person", id_of (v, l->person));
  RESP_JSON_MEMBER_STRING (w, "name", resp_model_node_name (v->model, l->person));
  RESP_JSON_MEMBER_STRING (w, "category", resp_categories[l->category].name);
  RESP_JSON_KEY (w, "roles");
  resp_json_writer_begin_array (w, TRUE);
  for (guint r = 0; r < RESP_N_ROLES; r++)
    if (l->roles & (1u << roles[r]))
      resp_json_writer_string (w, resp_roles[roles[r]].name);
  resp_json_writer_end_array (w);
  RESP_JSON_KEY (w, "basis");
  resp_render_json_string_array (w, v->view_basis + l->basis, l->n_basis);
  RESP_JSON_KEY (w, "paths");
  resp_json_writer_begin_array (w, FALSE);
  for (guint k = 0; k < l->n_paths; k++)
    {
      guint len;
      const guint32 *p = resp_verdict_liable_path (v, l, k, &len);
      resp_render_json_ids (w, v->model, p, len);
    }
  resp_json_writer_end_array (w);
  /* the view keeps both by id */
  RESP_JSON_KEY (w, "authority");
  resp_render_json_ids (w, v->model, v->view_nodes + l->authority, l->n_authority);
  RESP_JSON_KEY (w, "proposer");
  resp_render_json_ids (w, v->model, v->view_nodes + l->proposer, l->n_proposer);
  resp_json_writer_end_object (w);
}

/* The rule of the verdict's modifier i; NULL when an earlier one is of the
 * same kind (one entry per kind, its basis every rule's that produced it). */
static const RespModifierRule *
modifier_head (const RespVerdict *v, guint i)
{
  const RespModifierRule *m = &g_array_index (v->rb->modifiers, RespModifierRule, v->modifiers.data[i]);

  for (guint k = 0; k < i; k++)
    if (g_str_equal (g_array_index (v->rb->modifiers, RespModifierRule, v->modifiers.data[k]).kind, m->kind))
      return NULL;
  return m;
}

/* The bases of every modifier of kind, in rulebook order. */
static GPtrArray *
modifier_basis (const RespVerdict *v, const char *kind)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint k = 0; k < v->modifiers.len; k++)
    {
      const RespModifierRule *m = &g_array_index (v->rb->modifiers, RespModifierRule, v->modifiers.data[k]);
      if (g_str_equal (m->kind, kind))
        for (char **b = m->basis; b != NULL && *b != NULL; b++)
          g_ptr_array_add (out, *b);
    }
  g_ptr_array_add (out, NULL);
  return out;
}

/* bodies, exempt and modifiers: each a list of objects with a basis */
static void
json_held_apart (RespJsonWriter *w, const RespVerdict *v)
{
  RESP_JSON_KEY (w, "bodies");
  resp_json_writer_begin_array (w, FALSE);
  for (guint i = 0; i < v->bodies.len; i++)
    {
      resp_json_writer_begin_object (w);
      RESP_JSON_MEMBER_STRING (w, "committee", id_of (v, v->bodies.data[i]));
      RESP_JSON_KEY (w, "basis");
      write_strv (w, v->rb->collective_basis);
      resp_json_writer_end_object (w);
    }
  resp_json_writer_end_array (w);

  RESP_JSON_KEY (w, "exempt");
  resp_json_writer_begin_array (w, FALSE);
  for (guint i = 0; i < v->exempt.len; i++)
    {
      const RespVerdictExempt *x = &v->exempt.data[i];
      const RespExemptionRule *e = &g_array_index (v->rb->exemptions, RespExemptionRule, x->reason);
      resp_json_writer_begin_object (w);
      RESP_JSON_MEMBER_STRING (w, "person", id_of (v, x->person));
      RESP_JSON_MEMBER_STRING (w, "reason", e->reason);
      RESP_JSON_KEY (w, "basis");
      write_strv (w, e->basis);
      resp_json_writer_end_object (w);
    }
  resp_json_writer_end_array (w);

  RESP_JSON_KEY (w, "modifiers");
  resp_json_writer_begin_array (w, FALSE);
  for (guint i = 0; i < v->modifiers.len; i++)
    {
      const RespModifierRule *m = modifier_head (v, i);
      GPtrArray *basis;

      if (m == NULL)
        continue;
      basis = modifier_basis (v, m->kind);
      resp_json_writer_begin_object (w);
      RESP_JSON_MEMBER_STRING (w, "kind", m->kind);
      RESP_JSON_KEY (w, "basis");
      write_strv (w, (char **) basis->pdata);
      resp_json_writer_end_object (w);
      g_ptr_array_unref (basis);
    }
  resp_json_writer_end_array (w);
}

static void
json_warnings (RespJsonWriter *w, RespVerdict *v)
{
  RESP_JSON_KEY (w, "warnings");
  resp_json_writer_begin_array (w, FALSE);
  for (guint i = 0; i < v->warnings.len; i++)
    {
      const RespVerdictWarning *wa = &v->warnings.data[i];
      resp_json_writer_begin_object (w);
      RESP_JSON_MEMBER_STRING (w, "code", resp_verdict_warning_code (wa));
      RESP_JSON_MEMBER_STRING (w, "node", wa->node != RESP_NO_NODE ? id_of (v, wa->node) : NULL);
      RESP_JSON_MEMBER_STRING (w, "role", wa->role >= 0 ? resp_roles[wa->role].name : NULL);
      RESP_JSON_MEMBER_STRING (w, "message", resp_verdict_warning_message (v, i));
      resp_json_writer_end_object (w);
    }
  resp_json_writer_end_array (w);
}

const char * const resp_hop_status_names[RESP_N_HOP_STATUSES] = {
  [RESP_HOP_IN_TIME] = "in_time",
  [RESP_HOP_LATE] = "late",
  [RESP_HOP_MISSING] = "missing",
  [RESP_HOP_NOT_REQUIRED] = "not_required",
  [RESP_HOP_UNKNOWN] = "unknown",
};

static void
write_instant_or_null (RespJsonWriter *w, gint64 t)
{
  char buf[RESP_INSTANT_BUF];

  if (t == RESP_EVENT_NO_INSTANT)
    resp_json_writer_null (w);
  else
    {
      resp_instant_format_buf (t, buf);
      resp_json_writer_string (w, buf);
    }
}

/* "grade", "reporting" (SPEC §9.4) */
static void
json_timeline (RespJsonWriter *w, const RespVerdict *v)
{
  RESP_JSON_KEY (w, "grade");
  if (!v->has_grade)
    resp_json_writer_null (w);
  else
    {
      resp_json_writer_begin_object (w);
      resp_json_writer_member_string (w, "least",
                                      g_array_index (v->rb->grades, RespGradeRule, v->grade_least).id);
      resp_json_writer_member_string (w, "most",
                                      g_array_index (v->rb->grades, RespGradeRule, v->grade_most).id);
      RESP_JSON_KEY (w, "stated");
      resp_json_writer_bool (w, v->grade_stated);
      resp_json_writer_end_object (w);
    }
  RESP_JSON_KEY (w, "reporting");
  resp_json_writer_begin_array (w, FALSE);
  for (guint i = 0; i < v->hops.len; i++)
    {
      const RespVerdictHop *h = &v->hops.data[i];

      resp_json_writer_begin_object (w);
      RESP_JSON_MEMBER_STRING (w, "by", id_of (v, h->by));
      RESP_JSON_MEMBER_STRING (w, "to", h->to != RESP_NO_NODE ? id_of (v, h->to) : NULL);
      RESP_JSON_MEMBER_STRING (w, "kind", resp_report_kind_names[h->kind]);
      RESP_JSON_KEY (w, "due");
      write_instant_or_null (w, h->due);
      RESP_JSON_MEMBER_STRING (w, "status", resp_hop_status_names[h->status]);
      RESP_JSON_KEY (w, "reports");
      resp_json_writer_begin_array (w, TRUE);
      for (guint k = 0; k < h->reports.len; k++)
        resp_json_writer_int (w, h->reports.data[k]);
      resp_json_writer_end_array (w);
      resp_json_writer_end_object (w);
    }
  resp_json_writer_end_array (w);
}

/* {FACT: {"value", "from", "evidence"}}: the facts the event did not
 * state and the record or the timeline settled (SPEC §8.4, §9.4) */
static void
json_derived (RespJsonWriter *w, RespVerdict *v)
{
  RESP_JSON_KEY (w, "derived_facts");
  resp_json_writer_begin_object (w);
  for (guint i = 0; i < v->derived.len; i++)
    {
      const RespVerdictDerived *d = &v->derived.data[i];

      resp_json_writer_key (w, g_array_index (v->rb->facts, RespFactDecl, d->fact).name);
      resp_json_writer_begin_object (w);
      RESP_JSON_KEY (w, "value");
      if (d->value == 2)
        resp_json_writer_null (w);
      else
        resp_json_writer_bool (w, d->value == 1);
      RESP_JSON_MEMBER_STRING (w, "from", d->from == RESP_DERIVE_TIMELINE ? "timeline" : "record");
      RESP_JSON_KEY (w, "evidence");
      resp_json_writer_begin_array (w, TRUE);
      for (guint k = 0; k < d->evidence.len; k++)
        if (d->from == RESP_DERIVE_TIMELINE)
          resp_json_writer_int (w, d->evidence.data[k]);
        else
          resp_json_writer_string (w, resp_record_entry_id (v->record,
                                                            resp_record_notice (v->record, d->evidence.data[k])->entry));
      resp_json_writer_end_array (w);
      resp_json_writer_end_object (w);
    }
  resp_json_writer_end_object (w);
}

static void
render_json (RespVerdict *v, RespJsonWriter *w)
{
  const RespVerdictLiable *liable = resp_verdict_get_liable_list (v);   /* the view, in reading order */
  char at[RESP_INSTANT_BUF];

  resp_instant_format_buf (v->event->occurred_at, at);
  resp_json_writer_begin_object (w);
  RESP_JSON_MEMBER_STRING (w, "event", v->event->id);
  RESP_JSON_MEMBER_STRING (w, "occurred_at", at);
  RESP_JSON_MEMBER_STRING (w, "rulebook", v->rb->id);
  RESP_JSON_MEMBER_STRING (w, "status", resp_verdict_statuses[v->status].name);
  json_circumstances (w, v);
  RESP_JSON_KEY (w, "liable");
  resp_json_writer_begin_array (w, FALSE);
  for (guint i = 0; i < v->flat.len; i++)
    json_liable_one (w, v, &liable[i]);
  resp_json_writer_end_array (w);
  json_held_apart (w, v);
  json_warnings (w, v);
  json_timeline (w, v);
  json_derived (w, v);
  RESP_JSON_KEY (w, "notify");
  write_sorted_ids (w, v, v->notify.data, v->notify.len);
  if (v->status != RESP_VERDICT_TRIGGERED)
    {
      RESP_JSON_KEY (w, "duty_holders");
      write_duty_holders (w, v);
    }
  resp_json_writer_end_object (w);
}

/* ---- text, for the officers who paste it into a report ---- */

static void
text_join (GString *out, char **strv, const char *sep)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    RESP_CAT (out, i ? sep : "", strv[i]);
}

/* Orders fact indices by the facts' names. */
static int
cmp_fact_names (gconstpointer a, gconstpointer b, gpointer data)
{
  const RespRulebook *rb = data;

  return strcmp (g_array_index (rb->facts, RespFactDecl, *(const guint32 *) a).name,
                 g_array_index (rb->facts, RespFactDecl, *(const guint32 *) b).name);
}

static void
text_circumstance (GString *out, const RespVerdict *v, const RespVerdictCircumstance *c)
{
  const RespCircumstanceRule *r = resp_verdict_circumstance_rule (v, c);

  RESP_CAT (out, "  ", r->id, " 〔", r->cite, "〕",
            c->status == RESP_CIRCUMSTANCE_HOLDS ? "成立" : "尚不能确定", "：", r->summary, "\n");
  g_string_append (out, "     涉及：");
  resp_render_nodes (out, v->model, c->subjects.data, c->subjects.len);
  g_string_append_c (out, '\n');
  if (c->status == RESP_CIRCUMSTANCE_UNDETERMINED)
    {
      /* the facts in the order of their names, as resp_verdict_missing_names() */
      guint32 *miss = g_memdup2 (c->missing.data, c->missing.len * sizeof (guint32));

      resp_sort_stable (miss, c->missing.len, sizeof (guint32), cmp_fact_names, v->rb);
      g_string_append (out, "     待查明事实：");
      for (guint k = 0; k < c->missing.len; k++)
        {
          const RespFactDecl *f = &g_array_index (v->rb->facts, RespFactDecl, miss[k]);
          RESP_CAT (out, k ? "、" : "", f->description, "（", f->name, "）");
        }
      g_string_append_c (out, '\n');
      g_free (miss);
    }
  if (r->note != NULL)
    RESP_CAT (out, "     说明：", r->note, "\n");
}

static void
text_liable_one (GString *out, const RespVerdict *v, guint i, const RespVerdictLiable *l)
{
  gboolean first = TRUE;

  g_string_append (out, "  ");
  resp_render_uint (out, i + 1);
  g_string_append (out, ". ");
  resp_render_node (out, v->model, l->person);
  RESP_CAT (out, "：", resp_categories[l->category].label_zh, "\n     身份：");
  for (guint r = 0; r < RESP_N_ROLES; r++)
    if (l->roles & (1u << r))
      {
        RESP_CAT (out, first ? "" : "、", resp_roles[r].label_zh, "（", resp_roles[r].name, "）");
        first = FALSE;
      }
  g_string_append (out, "\n     依据：");
  for (guint k = 0; k < l->n_basis; k++)
    RESP_CAT (out, k ? "；" : "", v->view_basis[l->basis + k]);
  g_string_append_c (out, '\n');
  for (guint k = 0; k < l->n_paths; k++)
    {
      guint len;
      const guint32 *p = resp_verdict_liable_path (v, l, k, &len);
      g_string_append (out, "     链条：");
      for (guint j = 0; j < len; j++)
        RESP_CAT (out, j ? " → " : "", id_of (v, p[j]));
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "     问责机关：");
  resp_render_nodes (out, v->model, v->view_nodes + l->authority, l->n_authority);
  g_string_append (out, "；问责建议：");
  resp_render_nodes (out, v->model, v->view_nodes + l->proposer, l->n_proposer);
  g_string_append_c (out, '\n');
}

/* What a dissent exempts from: the committees whose decisions the person
 * dissented from, each once; and whether the person still answers otherwise. */
static void
text_dissented_decisions (GString *out, const RespVerdict *v, guint32 person)
{
  const RespEvent *ev = v->event;
  gboolean first = TRUE, liable = FALSE;

  g_string_append (out, "：就");
  for (guint i = 0; i < ev->decisions.len; i++)
    {
      const RespDecision *d = &ev->decisions.data[i];
      gboolean before = FALSE;

      if (!resp_node_list_contains (&d->dissent, person))
        continue;
      for (guint j = 0; j < i && !before; j++)
        {
          const RespDecision *e = &ev->decisions.data[j];
          before = e->committee == d->committee && resp_node_list_contains (&e->dissent, person);
        }
      if (before)
        continue;
      g_string_append (out, first ? "" : "、");
      resp_render_node (out, v->model, d->committee);
      first = FALSE;
    }
  g_string_append (out, "作出的其持不同意见的决策免责");
  for (guint i = 0; i < v->flat.len && !liable; i++)
    liable = v->flat.data[i].person == person;
  if (liable)
    g_string_append (out, "，其他身份的责任仍见“二、责任认定”");
}

static void
text_bodies_and_exempt (GString *out, const RespVerdict *v)
{
  g_string_append (out, "\n三、集体责任\n");
  if (v->bodies.len == 0)
    g_string_append (out, "  无\n");
  for (guint i = 0; i < v->bodies.len; i++)
    {
      g_string_append (out, "  ");
      resp_render_node (out, v->model, v->bodies.data[i]);
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
      resp_render_node (out, v->model, x->person);
      RESP_CAT (out, "：", e->summary ? e->summary : e->reason, "（", e->reason, "）");
      if (x->decision_only)
        text_dissented_decisions (out, v, x->person);
      g_string_append (out, "；依据：");
      text_join (out, e->basis, "；");
      if (x->note)
        RESP_CAT (out, "；", x->note);
      g_string_append_c (out, '\n');
    }
}

static void
text_modifiers (GString *out, const RespVerdict *v)
{
  g_string_append (out, "\n五、从轻、从重情节\n");
  if (v->modifiers.len == 0)
    g_string_append (out, "  无\n");
  for (guint i = 0; i < v->modifiers.len; i++)
    {
      const RespModifierRule *m = modifier_head (v, i);
      GPtrArray *basis;

      if (m == NULL)
        continue;
      basis = modifier_basis (v, m->kind);
      RESP_CAT (out, "  ",
                g_str_equal (m->kind, "lenient") ? "从轻或减轻（lenient）"
                : g_str_equal (m->kind, "aggravated") ? "从重或加重（aggravated）" : m->kind,
                "；依据：");
      text_join (out, (char **) basis->pdata, "；");
      g_string_append_c (out, '\n');
      g_ptr_array_unref (basis);
    }
}

/* A verdict that holds nobody: who would answer, subject by subject. */
static void
text_duty_holders (GString *out, const RespVerdict *v)
{
  g_string_append (out, "\n二、相关责任主体（未追究，仅供查阅）\n");
  for (guint s = 0; s < v->duty.len; s++)
    {
      const RespVerdictDuty *d = &v->duty.data[s];
      g_string_append (out, "  ");
      resp_render_node (out, v->model, d->subject);
      g_string_append (out, "\n");
      for (guint r = 0; r < RESP_N_ROLES; r++)
        {
          guint n_holders = d->start[r + 1] - d->start[r];
          if (r == RESP_ROLE_CHAIN || r == RESP_ROLE_OPERATOR || r == RESP_ROLE_INVOLVED ||
              n_holders == 0)
            continue;
          RESP_CAT (out, "     ", resp_roles[r].label_zh, "（", resp_roles[r].name, "）：");
          resp_render_nodes (out, v->model, d->holders + d->start[r], n_holders);
          g_string_append_c (out, '\n');
        }
    }
}

static const char * const hop_status_zh[RESP_N_HOP_STATUSES] = {
  [RESP_HOP_IN_TIME] = "按时报告",
  [RESP_HOP_LATE] = "迟报",
  [RESP_HOP_MISSING] = "漏报",
  [RESP_HOP_NOT_REQUIRED] = "无需报告",
  [RESP_HOP_UNKNOWN] = "无法确定",
};

static const char * const hop_group_zh[] = {
  [RESP_HOP_INITIAL] = "初次报告",
  [RESP_HOP_ESCALATION] = "逐级上报",
  [RESP_HOP_CRIME] = "涉嫌违法犯罪报告",
  [RESP_HOP_SUMMARY] = "总结报告",
};

static const char *
grade_label (const RespVerdict *v, guint32 g)
{
  return g_array_index (v->rb->grades, RespGradeRule, g).name;
}

/* 事件分级 and 报告时限, for events the reporting measures apply to. */
static void
text_timeline (GString *out, const RespVerdict *v)
{
  guint overdue = 0;

  if (!v->has_grade)
    return;
  g_string_append (out, "\n事件分级\n  ");
  if (v->grade_least == v->grade_most)
    RESP_CAT (out, grade_label (v, v->grade_least), "（",
              g_array_index (v->rb->grades, RespGradeRule, v->grade_least).id, "）");
  else
    RESP_CAT (out, grade_label (v, v->grade_least), "至", grade_label (v, v->grade_most), "之间，尚不能确定（",
              g_array_index (v->rb->grades, RespGradeRule, v->grade_least).id, " … ",
              g_array_index (v->rb->grades, RespGradeRule, v->grade_most).id, "）");
  g_string_append (out, v->grade_stated ? "；依主管部门认定\n" : "；依分级标准推算\n");

  g_string_append (out, "\n报告时限\n");
  if (v->hops.len == 0)
    g_string_append (out, "  无\n");
  for (guint i = 0; i < v->hops.len; i++)
    {
      const RespVerdictHop *h = &v->hops.data[i];
      char due[RESP_INSTANT_BUF];

      RESP_CAT (out, "  ", hop_group_zh[h->group], "：", id_of (v, h->by), " → ",
                h->to != RESP_NO_NODE ? id_of (v, h->to) : "（无法确定）");
      if (h->due != RESP_EVENT_NO_INSTANT)
        {
          resp_instant_format_buf (h->due, due);
          RESP_CAT (out, "，时限 ", due);
        }
      else if (h->group == RESP_HOP_CRIME)
        g_string_append (out, "，无明确时限");
      else
        g_string_append (out, "，时限无法确定");
      RESP_CAT (out, "：", hop_status_zh[h->status], "\n");
      overdue += h->status == RESP_HOP_LATE || h->status == RESP_HOP_MISSING;
    }
  if (overdue > 0)
    {
      g_string_append (out, "  逾期情况：");
      for (guint i = 0, n = 0; i < v->hops.len; i++)
        {
          const RespVerdictHop *h = &v->hops.data[i];
          if (h->status != RESP_HOP_LATE && h->status != RESP_HOP_MISSING)
            continue;
          RESP_CAT (out, n++ ? "；" : "", id_of (v, h->by), " 向 ", id_of (v, h->to), " ",
                    hop_status_zh[h->status]);
        }
      g_string_append_c (out, '\n');
    }
  if (v->notify.len > 0)
    {
      g_string_append (out, "  应通报公安、国家安全机关：");
      resp_render_nodes (out, v->model, v->notify.data, v->notify.len);
      g_string_append_c (out, '\n');
    }
}

static void
render_text (gconstpointer self, GString *out)
{
  RespVerdict *v = (RespVerdict *) self;
  const RespVerdictLiable *liable = resp_verdict_get_liable_list (v);   /* the view, in reading order */
  char at[RESP_INSTANT_BUF];
  guint n = 0;

  resp_instant_format_buf (v->event->occurred_at, at);
  RESP_CAT (out, "事件 ", v->event->id, v->event->title ? "：" : "", v->event->title ? v->event->title : "",
            "\n");
  RESP_CAT (out, "发生时间：", at, "　规则集：", v->rb->id, "\n");
  RESP_CAT (out, "结论：", resp_verdict_statuses[v->status].label_zh, "\n");
  for (guint i = 0; i < v->derived.len; i++)
    {
      const RespVerdictDerived *d = &v->derived.data[i];
      const RespFactDecl *f = &g_array_index (v->rb->facts, RespFactDecl, d->fact);

      if (d->from == RESP_DERIVE_TIMELINE)
        {
          RESP_CAT (out, "据报告时限推算：", f->description, "（", f->name, "）",
                    d->value == 1 ? "成立" : d->value == 0 ? "不成立" : "无法确定", "\n");
          continue;
        }
      RESP_CAT (out, "据履职记录认定：", f->description, "（", f->name, "）成立，依据通报");
      for (guint k = 0; k < d->evidence.len; k++)
        RESP_CAT (out, k ? "、" : " ",
                  resp_record_entry_id (v->record, resp_record_notice (v->record, d->evidence.data[k])->entry));
      g_string_append (out, " 逾期未整改\n");
    }

  text_timeline (out, v);
  g_string_append (out, "\n一、问责情形\n");
  for (guint i = 0; i < v->circumstances.len; i++)
    if (v->circumstances.data[i].status != RESP_CIRCUMSTANCE_DOES_NOT_HOLD)
      {
        text_circumstance (out, v, &v->circumstances.data[i]);
        n++;
      }
  if (n == 0)
    g_string_append (out, "  无\n");

  if (v->status == RESP_VERDICT_TRIGGERED)
    {
      g_string_append (out, "\n二、责任认定（逐级倒查）\n");
      if (v->flat.len == 0)
        g_string_append (out, "  无\n");
      for (guint i = 0; i < v->flat.len; i++)
        text_liable_one (out, v, i, &liable[i]);
      text_bodies_and_exempt (out, v);
      text_modifiers (out, v);
    }
  else
    text_duty_holders (out, v);
  if (v->warnings.len > 0)
    {
      g_string_append (out, "\n提示\n");
      for (guint i = 0; i < v->warnings.len; i++)
        RESP_CAT (out, "  [", resp_verdict_warning_code (&v->warnings.data[i]), "] ",
                  resp_verdict_warning_message (v, i), "\n");
    }
}

/* ---- DOT ---- */

/* A node of this verdict's graph: names are prefixed with the event id, so
 * that the graphs of several verdicts can be drawn together. */
static void
dot_node_id (GString *out, const char *prefix, const char *id)
{
  char *name = g_strconcat (prefix, id, NULL);
  resp_render_dot_quote (out, name);
  g_free (name);
}

/* The edges of one liable person's paths (each once) and the nodes on them
 * not drawn yet. */
static void
dot_paths (GString *out, const RespVerdict *v, const RespVerdictLiable *l, const char *prefix,
           GHashTable *edges, GHashTable *nodes)
{
  for (guint k = 0; k < l->n_paths; k++)
    {
      guint len;
      const guint32 *p = resp_verdict_liable_path (v, l, k, &len);
      for (guint j = 0; j + 1 < len; j++)
        {
          guint32 a = p[j], b = p[j + 1];
          char *key = g_strdup_printf ("%u>%u", a, b);
          if (g_hash_table_add (edges, key))
            {
              g_string_append (out, "  ");
              dot_node_id (out, prefix, id_of (v, a));
              g_string_append (out, " -> ");
              dot_node_id (out, prefix, id_of (v, b));
              g_string_append (out, ";\n");
            }
          if (!g_hash_table_contains (nodes, GUINT_TO_POINTER (a + 1)))
            {
              g_hash_table_add (nodes, GUINT_TO_POINTER (a + 1));
              g_string_append (out, "  ");
              dot_node_id (out, prefix, id_of (v, a));
              g_string_append (out, " [label=");
              resp_render_dot_quote (out, resp_model_node_name (v->model, a));
              g_string_append (out, "];\n");
            }
        }
    }
}

static void
dot_liable (GString *out, RespVerdict *v, const char *prefix, GHashTable *nodes)
{
  static const char * const colours[RESP_N_CATEGORIES] = { "#d62728", "#ff7f0e", "#e6c200" };
  GHashTable *edges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const RespVerdictLiable *liable = resp_verdict_get_liable_list (v);

  for (guint i = 0; i < v->flat.len; i++)
    {
      const RespVerdictLiable *l = &liable[i];
      char *label = g_strdup_printf ("%s\\n%s", resp_model_node_name (v->model, l->person),
                                     resp_categories[l->category].label_zh);
      g_string_append (out, "  ");
      dot_node_id (out, prefix, id_of (v, l->person));
      RESP_CAT (out, " [shape=ellipse, style=filled, fillcolor=\"", colours[l->category], "\", label=\"", label,
                "\"];\n");
      g_hash_table_add (nodes, GUINT_TO_POINTER (l->person + 1));
      g_free (label);
      dot_paths (out, v, l, prefix, edges, nodes);
    }
  g_hash_table_unref (edges);
}

static void
dot_exempt (GString *out, const RespVerdict *v, const char *prefix)
{
  char *cluster;

  if (v->exempt.len == 0)
    return;
  g_string_append (out, "  subgraph ");
  cluster = g_strconcat ("cluster_", prefix, "exempt", NULL);
  resp_render_dot_quote (out, cluster);
  g_free (cluster);
  g_string_append (out, " {\n    label=\"免责\";\n    style=dashed;\n");
  for (guint i = 0; i < v->exempt.len; i++)
    {
      const RespVerdictExempt *x = &v->exempt.data[i];
      char *name = g_strconcat (prefix, "exempt/", id_of (v, x->person), NULL);
      char *label = g_strdup_printf ("%s\\n%s", resp_model_node_name (v->model, x->person),
                                     g_array_index (v->rb->exemptions, RespExemptionRule, x->reason).reason);
      g_string_append (out, "    ");
      resp_render_dot_quote (out, name);
      RESP_CAT (out, " [shape=ellipse, style=dashed, color=gray, label=\"", label, "\"];\n");
      g_free (name);
      g_free (label);
    }
  g_string_append (out, "  }\n");
}

/* The sponsor (主办单位) of each subject system at the event's instant,
 * dashed: no duty holder, but what Art. 8(2)'s level is read from. */
static void
dot_sponsors (GString *out, const RespVerdict *v, const char *prefix, GHashTable *nodes)
{
  RespResolver R;

  resp_resolver_init (&R, v->model);
  resp_resolver_reset (&R, v->event->occurred_at);
  for (guint s = 0; s < v->event->subjects.len; s++)
    {
      guint32 n = v->event->subjects.data[s];
      guint32 sponsor = v->model->nodes[n].type == RESP_NODE_SYSTEM
                      ? resp_resolver_first_in (&R, n, RESP_REL_SPONSORS) : RESP_NO_NODE;

      if (sponsor == RESP_NO_NODE)
        continue;
      if (g_hash_table_add (nodes, GUINT_TO_POINTER (sponsor + 1)))
        {
          g_string_append (out, "  ");
          dot_node_id (out, prefix, id_of (v, sponsor));
          g_string_append (out, " [label=");
          resp_render_dot_quote (out, resp_model_node_name (v->model, sponsor));
          g_string_append (out, "];\n");
        }
      g_string_append (out, "  ");
      dot_node_id (out, prefix, id_of (v, sponsor));
      g_string_append (out, " -> ");
      dot_node_id (out, prefix, id_of (v, n));
      g_string_append (out, " [style=dashed, label=\"主办\"];\n");
    }
  resp_resolver_clear (&R);
}

/* The reporting hops, dashed, with their status. */
static void
dot_hops (GString *out, const RespVerdict *v, const char *prefix, GHashTable *nodes)
{
  for (guint i = 0; i < v->hops.len; i++)
    {
      const RespVerdictHop *h = &v->hops.data[i];
      char *label;

      if (h->to == RESP_NO_NODE)
        continue;
      for (guint k = 0; k < 2; k++)
        {
          guint32 n = k == 0 ? h->by : h->to;
          if (g_hash_table_add (nodes, GUINT_TO_POINTER (n + 1)))
            {
              g_string_append (out, "  ");
              dot_node_id (out, prefix, id_of (v, n));
              g_string_append (out, " [label=");
              resp_render_dot_quote (out, resp_model_node_name (v->model, n));
              g_string_append (out, "];\n");
            }
        }
      g_string_append (out, "  ");
      dot_node_id (out, prefix, id_of (v, h->by));
      g_string_append (out, " -> ");
      dot_node_id (out, prefix, id_of (v, h->to));
      label = g_strdup_printf ("%s：%s", hop_group_zh[h->group], hop_status_zh[h->status]);
      g_string_append (out, " [style=dashed, label=");
      resp_render_dot_quote (out, label);
      g_string_append (out, "];\n");
      g_free (label);
    }
}

static void
render_dot (gconstpointer self, GString *out)
{
  RespVerdict *v = (RespVerdict *) self;
  GHashTable *nodes = g_hash_table_new (NULL, NULL);
  char *prefix = g_strdup_printf ("%s/", v->event->id);
  char *label;

  g_string_append (out, "digraph ");
  resp_render_dot_quote (out, v->event->id);
  g_string_append (out, " {\n  rankdir=LR;\n  node [fontname=\"Noto Sans CJK SC\", shape=box, style=rounded];\n  label=");
  label = g_strdup_printf ("%s %s（%s）", v->event->id, v->event->title ? v->event->title : "",
                           resp_verdict_statuses[v->status].label_zh);
  resp_render_dot_quote (out, label);
  g_free (label);
  g_string_append (out, ";\n");
  for (guint s = 0; s < v->event->subjects.len; s++)
    {
      guint32 n = v->event->subjects.data[s];
      g_string_append (out, "  ");
      dot_node_id (out, prefix, id_of (v, n));
      g_string_append (out, " [label=");
      resp_render_dot_quote (out, resp_model_node_name (v->model, n));
      g_string_append (out, ", penwidth=2];\n");
      g_hash_table_add (nodes, GUINT_TO_POINTER (n + 1));
    }
  dot_liable (out, v, prefix, nodes);
  dot_sponsors (out, v, prefix, nodes);
  dot_exempt (out, v, prefix);
  dot_hops (out, v, prefix, nodes);
  g_string_append (out, "}\n");
  g_free (prefix);
  g_hash_table_unref (nodes);
}

static void
render_json_one (gconstpointer self, GString *out)
{
  RespJsonWriter w;

  resp_json_writer_init (&w, out);
  render_json ((RespVerdict *) self, &w);
  g_string_append_c (out, '\n');
}

static const RespRenderer verdict_renderer = {
  "a verdict", { [RESP_FORMAT_TEXT] = render_text, [RESP_FORMAT_JSON] = render_json_one,
                 [RESP_FORMAT_DOT] = render_dot },
};

/**
 * resp_verdict_render:
 * @self: a #RespVerdict
 * @format: the output format
 *
 * Renders the verdict: JSON as `resp assess` prints it (verdicts.md), text in Chinese
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
  return resp_render (&verdict_renderer, self, format);
}

/**
 * resp_verdicts_render:
 * @verdicts: (array length=n_verdicts): verdicts, none of them %NULL
 * @n_verdicts: how many
 * @as_list: for JSON, write an array even of one verdict
 * @format: the output format
 *
 * Renders several verdicts: a JSON array (or one object when @as_list is
 * %FALSE and there is one), text reports one after another, or one DOT
 * graph per verdict. A %NULL among @verdicts is a programmer error: a
 * critical, and %NULL.
 *
 * Returns: (transfer full) (nullable): the text
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
  for (guint i = 0; i < n_verdicts; i++)
    g_return_val_if_fail (verdicts[i] != NULL, NULL);

  if (!resp_render_check (&verdict_renderer, format))
    return NULL;
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
  else
    for (guint i = 0; i < n_verdicts; i++)
      {
        if (i > 0 && format == RESP_FORMAT_TEXT)
          g_string_append (out, "\n────────────────────────────────\n\n");
        verdict_renderer.formats[format] (verdicts[i], out);
      }
  return g_string_free (out, FALSE);
}
