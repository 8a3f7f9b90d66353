/* resp-render-duties.c: the duty report as JSON, as a Chinese report, and as CSV (SPEC §8.7)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "resp-duties-private.h"
#include "resp-record-private.h"
#include "resp-render-private.h"
#include "resp-instant-private.h"
#include "resp-json-writer-private.h"

static const RespDutyRule *
duty_of (const RespDuties *d, const RespDutySlot *slot)
{
  return &g_array_index (d->rulebook->duties, RespDutyRule, slot->duty);
}

static const RespDutyPerson *
person_of (const RespDuties *d, const RespDutySlot *slot, guint i)
{
  return &g_array_index (d->people, RespDutyPerson, slot->people_off + i);
}

/* ---- JSON ---- */

static void
json_people (RespJsonWriter *w, const RespDuties *d, const RespDutySlot *slot, gboolean answer)
{
  resp_json_writer_key (w, answer ? "answerable" : "holders");
  resp_json_writer_begin_array (w, FALSE);
  for (guint i = 0; i < slot->n_people; i++)
    {
      const RespDutyPerson *p = person_of (d, slot, i);

      resp_json_writer_begin_object (w);
      RESP_JSON_MEMBER_STRING (w, "person", resp_model_node_id (d->model, p->person));
      RESP_JSON_MEMBER_STRING (w, "name", resp_model_node_name (d->model, p->person));
      RESP_JSON_MEMBER_STRING (w, "role", resp_roles[p->role].name);
      if (answer)
        RESP_JSON_MEMBER_STRING (w, "category", resp_categories[p->category].name);
      resp_render_json_instant (w, "from", p->from);
      resp_render_json_instant (w, "until", p->until);
      RESP_JSON_KEY (w, "authority");
      resp_render_json_ids (w, d->model, d->refs.data + p->auth_off, p->n_auth);
      RESP_JSON_KEY (w, "proposer");
      resp_render_json_ids (w, d->model, d->refs.data + p->prop_off, p->n_prop);
      resp_json_writer_end_object (w);
    }
  resp_json_writer_end_array (w);
}

static void
json_slot (RespJsonWriter *w, const RespDuties *d, const RespDutySlot *slot)
{
  const RespDutyRule *duty = duty_of (d, slot);

  resp_json_writer_begin_object (w);
  RESP_JSON_MEMBER_STRING (w, "duty", duty->id);
  RESP_JSON_MEMBER_STRING (w, "node", resp_model_node_id (d->model, slot->node));
  resp_render_json_instant (w, "from", slot->from);
  resp_render_json_instant (w, "until", slot->until);
  RESP_JSON_KEY (w, "required");
  if (slot->required < 0)
    resp_json_writer_null (w);
  else
    resp_json_writer_int (w, slot->required);
  RESP_JSON_KEY (w, "count");
  resp_json_writer_int (w, slot->count);
  RESP_JSON_KEY (w, "entries");
  resp_json_writer_begin_array (w, TRUE);
  for (guint i = 0; i < slot->n_entries; i++)
    resp_json_writer_string (w, resp_record_entry_id (d->record, resp_duty_slot_entry (d, slot, i)));
  resp_json_writer_end_array (w);
  RESP_JSON_MEMBER_STRING (w, "status", resp_slot_statuses[slot->status].name);
  RESP_JSON_KEY (w, "cite");
  resp_json_writer_begin_array (w, TRUE);
  for (char **c = duty->cite; c != NULL && *c != NULL; c++)
    resp_json_writer_string (w, *c);
  resp_json_writer_end_array (w);
  if (slot->status == RESP_SLOT_UNFULFILLED)
    {
      json_people (w, d, slot, TRUE);
      RESP_JSON_KEY (w, "bodies");
      resp_render_json_ids (w, d->model, &slot->node, duty->bearer == RESP_BEARER_COMMITTEE ? 1 : 0);
    }
  else if (slot->status == RESP_SLOT_UNKNOWN)
    {
      resp_json_writer_key (w, slot->incomplete ? "incomplete" : "missing");
      resp_json_writer_begin_array (w, TRUE);
      for (guint i = 0; i < slot->n_missing; i++)
        resp_json_writer_string (w, d->words->pdata[slot->missing_off + i]);
      resp_json_writer_end_array (w);
      json_people (w, d, slot, FALSE);
    }
  resp_json_writer_end_object (w);
}

static char *
warning_message (const RespDuties *d, const RespDutyWarning *x)
{
  char a[RESP_INSTANT_BUF], b[RESP_INSTANT_BUF];
  const RespDutyRule *duty = &g_array_index (d->rulebook->duties, RespDutyRule, x->duty);
  const RespDutySlot *slot = NULL;

  for (guint s = 0; s < d->slots->len && slot == NULL; s++)
    {
      const RespDutySlot *t = &g_array_index (d->slots, RespDutySlot, s);
      if (t->node == x->node && t->duty == x->duty && t->from == x->from)
        slot = t;
    }
  resp_instant_format_short (x->from, a);
  resp_instant_format_short (slot != NULL ? slot->until : x->from, b);
  return g_strdup_printf ("%s（%s）未履行“%s”（%s 至 %s），但期间无人担任%s（%s）",
                          resp_model_node_name (d->model, x->node), resp_model_node_id (d->model, x->node),
                          duty->summary, a, b, resp_roles[x->role].label_zh, resp_roles[x->role].name);
}

static void
duties_json (gconstpointer data, GString *out)
{
  const RespDuties *d = data;
  RespJsonWriter w;

  resp_json_writer_init (&w, out);
  resp_json_writer_begin_object (&w);
  resp_render_json_instant (&w, "from", d->from);
  resp_render_json_instant (&w, "until", d->until);
  resp_render_json_instant (&w, "at", d->at);
  RESP_JSON_MEMBER_STRING (&w, "rulebook", d->rulebook->id);

  RESP_JSON_KEY (&w, "slots");
  resp_json_writer_begin_array (&w, FALSE);
  for (guint s = 0; s < d->slots->len; s++)
    json_slot (&w, d, &g_array_index (d->slots, RespDutySlot, s));
  resp_json_writer_end_array (&w);

  RESP_JSON_KEY (&w, "notices");
  resp_json_writer_begin_array (&w, FALSE);
  for (guint i = 0; i < d->notices->len; i++)
    {
      const RespDutyNotice *dn = &g_array_index (d->notices, RespDutyNotice, i);
      const RespRecordNotice *notice = resp_record_notice (d->record, dn->notice);
      const RespRecordEntry *e = resp_record_entry (d->record, notice->entry);

      resp_json_writer_begin_object (&w);
      RESP_JSON_MEMBER_STRING (&w, "id", resp_record_entry_id (d->record, notice->entry));
      RESP_JSON_MEMBER_STRING (&w, "node", resp_model_node_id (d->model, e->node));
      RESP_JSON_MEMBER_STRING (&w, "by", resp_model_node_id (d->model, notice->by));
      resp_render_json_instant (&w, "at", e->at);
      resp_render_json_instant (&w, "due", notice->due);
      RESP_JSON_MEMBER_STRING (&w, "status", resp_notice_statuses[dn->status].name);
      RESP_JSON_KEY (&w, "answered_by");
      resp_json_writer_begin_array (&w, TRUE);
      for (guint k = 0; k < dn->n_answered; k++)
        resp_json_writer_string (&w, resp_record_entry_id (d->record, resp_duty_notice_answer (d, dn, k)));
      resp_json_writer_end_array (&w);
      resp_json_writer_end_object (&w);
    }
  resp_json_writer_end_array (&w);

  RESP_JSON_KEY (&w, "scorecards");
  resp_json_writer_begin_array (&w, FALSE);
  for (guint i = 0; i < d->scorecards->len; i++)
    {
      const RespDutyScorecard *sc = &g_array_index (d->scorecards, RespDutyScorecard, i);
      static const RespSlotStatus order[] = { RESP_SLOT_FULFILLED, RESP_SLOT_UNFULFILLED,
                                              RESP_SLOT_UNKNOWN, RESP_SLOT_OPEN, RESP_SLOT_PARTIAL };

      resp_json_writer_begin_object (&w);
      RESP_JSON_MEMBER_STRING (&w, "committee", resp_model_node_id (d->model, sc->committee));
      for (guint k = 0; k < G_N_ELEMENTS (order); k++)
        {
          resp_json_writer_key (&w, resp_slot_statuses[order[k]].name);
          resp_json_writer_int (&w, sc->counts[order[k]]);
        }
      RESP_JSON_KEY (&w, "score");
      if (sc->weight_judged > 0)
        resp_json_writer_double (&w, sc->weight_fulfilled / sc->weight_judged);
      else
        resp_json_writer_null (&w);
      RESP_JSON_KEY (&w, "report_to");
      resp_render_json_ids (&w, d->model, d->refs.data + sc->report_off, sc->n_report);
      resp_json_writer_end_object (&w);
    }
  resp_json_writer_end_array (&w);

  RESP_JSON_KEY (&w, "warnings");
  resp_json_writer_begin_array (&w, FALSE);
  for (guint i = 0; i < d->warnings->len; i++)
    {
      const RespDutyWarning *x = &g_array_index (d->warnings, RespDutyWarning, i);
      char *msg = warning_message (d, x);

      resp_json_writer_begin_object (&w);
      RESP_JSON_MEMBER_STRING (&w, "code", "nobody_answerable");
      RESP_JSON_MEMBER_STRING (&w, "node", resp_model_node_id (d->model, x->node));
      resp_json_writer_member_string (&w, "duty",
                                      g_array_index (d->rulebook->duties, RespDutyRule, x->duty).id);
      resp_render_json_instant (&w, "from", x->from);
      RESP_JSON_MEMBER_STRING (&w, "role", resp_roles[x->role].name);
      RESP_JSON_MEMBER_STRING (&w, "message", msg);
      resp_json_writer_end_object (&w);
      g_free (msg);
    }
  resp_json_writer_end_array (&w);
  resp_json_writer_end_object (&w);
  g_string_append_c (out, '\n');
}

/* ---- text: a report for the cadre department ---- */

static void
text_span (GString *out, gint64 from, gint64 until)
{
  char a[RESP_INSTANT_BUF], b[RESP_INSTANT_BUF];

  resp_instant_format_short (from, a);
  resp_instant_format_short (until, b);
  RESP_CAT (out, a, " 至 ", b);
}

static void
text_people (GString *out, const RespDuties *d, const RespDutySlot *slot, gboolean answer)
{
  for (guint i = 0; i < slot->n_people; i++)
    {
      const RespDutyPerson *p = person_of (d, slot, i);

      g_string_append (out, answer ? "      责任人：" : "      期间在岗：");
      resp_render_node (out, d->model, p->person);
      RESP_CAT (out, "，", resp_roles[p->role].label_zh);
      if (answer)
        RESP_CAT (out, "，", resp_categories[p->category].label_zh);
      g_string_append (out, "（");
      text_span (out, p->from, p->until);
      g_string_append (out, "）\n        问责机关：");
      resp_render_nodes (out, d->model, d->refs.data + p->auth_off, p->n_auth);
      g_string_append (out, "；可提出问责建议：");
      resp_render_nodes (out, d->model, d->refs.data + p->prop_off, p->n_prop);
      g_string_append (out, "\n");
    }
  if (slot->n_people == 0)
    g_string_append (out, answer ? "      责任人：无人在岗（见说明）\n" : "      期间在岗：无\n");
}

static void
text_slot (GString *out, const RespDuties *d, const RespDutySlot *slot)
{
  const RespDutyRule *duty = duty_of (d, slot);

  RESP_CAT (out, "    ", duty->summary, "〔", duty->id, "〕");
  text_span (out, slot->from, slot->until);
  RESP_CAT (out, "：", resp_slot_statuses[slot->status].label_zh);
  if (slot->required >= 0)
    g_string_append_printf (out, "（应有 %d，实有 %u", slot->required, slot->count);
  else
    g_string_append_printf (out, "（应有 不明，实有 %u", slot->count);
  for (guint i = 0; i < slot->n_entries; i++)
    RESP_CAT (out, i == 0 ? "：" : "、",
              resp_record_entry_id (d->record, resp_duty_slot_entry (d, slot, i)));
  g_string_append (out, "）\n");
  /* the basis where something is to be answered for or found out */
  if (slot->status == RESP_SLOT_UNFULFILLED || slot->status == RESP_SLOT_UNKNOWN)
    {
      g_string_append (out, "      依据：");
      for (char **c = duty->cite; c != NULL && *c != NULL; c++)
        RESP_CAT (out, c == duty->cite ? "" : "；", *c);
      g_string_append_c (out, '\n');
    }
  if (slot->status == RESP_SLOT_UNFULFILLED)
    {
      text_people (out, d, slot, TRUE);
      if (duty->bearer == RESP_BEARER_COMMITTEE)
        {
          g_string_append (out, "      领导班子集体责任：");
          resp_render_node (out, d->model, slot->node);
          g_string_append_c (out, '\n');
        }
    }
  else if (slot->status == RESP_SLOT_UNKNOWN)
    {
      g_string_append (out, slot->incomplete ? "      记录不完整：" : "      缺少：");
      for (guint i = 0; i < slot->n_missing; i++)
        RESP_CAT (out, i ? "、" : "", (const char *) d->words->pdata[slot->missing_off + i]);
      g_string_append (out, "（不认定未履行，任何人不因此担责）\n");
      text_people (out, d, slot, FALSE);
    }
}

static void
duties_text (gconstpointer data, GString *out)
{
  const RespDuties *d = data;
  guint counts[RESP_N_SLOT_STATUSES] = { 0 }, n_overdue = 0;
  char at[RESP_INSTANT_BUF];

  for (guint s = 0; s < d->slots->len; s++)
    counts[g_array_index (d->slots, RespDutySlot, s).status]++;
  resp_instant_format_buf (d->at, at);
  g_string_append (out, "网络安全工作责任制履职情况报告\n");
  RESP_CAT (out, "规则集：", d->rulebook->id, "；检查期间：");
  text_span (out, d->from, d->until);
  RESP_CAT (out, "；截至：", at, "\n\n");

  g_string_append_printf (out, "一、履职情况（共 %u 项：已履行 %u，未履行 %u，无法确定 %u，期间未届满 %u，"
                          "仅部分期间承担 %u）\n", d->slots->len, counts[RESP_SLOT_FULFILLED],
                          counts[RESP_SLOT_UNFULFILLED], counts[RESP_SLOT_UNKNOWN], counts[RESP_SLOT_OPEN],
                          counts[RESP_SLOT_PARTIAL]);
  for (guint s = 0; s < d->slots->len; s++)
    {
      const RespDutySlot *slot = &g_array_index (d->slots, RespDutySlot, s);

      if (s == 0 || g_array_index (d->slots, RespDutySlot, s - 1).node != slot->node)
        {
          g_string_append (out, "  ");
          resp_render_node (out, d->model, slot->node);
          g_string_append_c (out, '\n');
        }
      text_slot (out, d, slot);
    }
  if (d->slots->len == 0)
    g_string_append (out, "  无\n");

  for (guint i = 0; i < d->notices->len; i++)
    n_overdue += g_array_index (d->notices, RespDutyNotice, i).status == RESP_NOTICE_OVERDUE;
  g_string_append_printf (out, "\n二、通报问题整改情况（逾期未整改 %u 项，共 %u 项）\n", n_overdue,
                          d->notices->len);
  for (guint i = 0; i < d->notices->len; i++)
    {
      const RespDutyNotice *dn = &g_array_index (d->notices, RespDutyNotice, i);
      const RespRecordNotice *notice = resp_record_notice (d->record, dn->notice);
      const RespRecordEntry *e = resp_record_entry (d->record, notice->entry);
      const char *ref = resp_record_entry_ref (d->record, notice->entry);
      char a[RESP_INSTANT_BUF], b[RESP_INSTANT_BUF];

      resp_instant_format_short (e->at, a);
      resp_instant_format_short (notice->due, b);
      RESP_CAT (out, "  ", dn->status == RESP_NOTICE_OVERDUE ? "【逾期未整改】" : "",
                resp_record_entry_id (d->record, notice->entry), ref != NULL ? "（" : "", ref != NULL ? ref : "",
                ref != NULL ? "）" : "", "：");
      resp_render_node (out, d->model, notice->by);
      RESP_CAT (out, " ", a, " 通报 ");
      resp_render_node (out, d->model, e->node);
      RESP_CAT (out, "，限 ", b, " 前整改：", resp_notice_statuses[dn->status].label_zh);
      for (guint k = 0; k < dn->n_answered; k++)
        RESP_CAT (out, k == 0 ? "（整改记录：" : "、",
                  resp_record_entry_id (d->record, resp_duty_notice_answer (d, dn, k)));
      g_string_append (out, dn->n_answered > 0 ? "）\n" : "\n");
    }
  if (d->notices->len == 0)
    g_string_append (out, "  无\n");

  g_string_append (out, "\n三、考核结果（考核结果送干部主管部门，作为综合考核评价的重要内容）\n");
  for (guint i = 0; i < d->scorecards->len; i++)
    {
      const RespDutyScorecard *sc = &g_array_index (d->scorecards, RespDutyScorecard, i);

      g_string_append (out, "  ");
      resp_render_node (out, d->model, sc->committee);
      if (sc->weight_judged > 0)
        g_string_append_printf (out, "：得分 %.1f%%", 100.0 * sc->weight_fulfilled / sc->weight_judged);
      else
        g_string_append (out, "：无可评分事项");
      g_string_append_printf (out, "（已履行 %u，未履行 %u，无法确定 %u，期间未届满 %u，仅部分期间承担 %u）\n"
                              "    送：", sc->counts[RESP_SLOT_FULFILLED], sc->counts[RESP_SLOT_UNFULFILLED],
                              sc->counts[RESP_SLOT_UNKNOWN], sc->counts[RESP_SLOT_OPEN],
                              sc->counts[RESP_SLOT_PARTIAL]);
      if (sc->n_report == 0)
        g_string_append (out, "无（模型中没有管理该党委（党组）的党组织）");
      else
        resp_render_nodes (out, d->model, d->refs.data + sc->report_off, sc->n_report);
      g_string_append_c (out, '\n');
    }
  if (d->scorecards->len == 0)
    g_string_append (out, "  无\n");

  if (d->warnings->len > 0)
    {
      g_string_append (out, "\n说明：\n");
      for (guint i = 0; i < d->warnings->len; i++)
        {
          char *msg = warning_message (d, &g_array_index (d->warnings, RespDutyWarning, i));
          RESP_CAT (out, "  ", msg, "\n");
          g_free (msg);
        }
    }
}

/* ---- CSV (RFC 4180) of the slots ---- */

static void
csv_cell (GString *out, const char *s, gboolean last)
{
  if (strpbrk (s, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (; *s; s++)
        {
          if (*s == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *s);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, s);
  g_string_append (out, last ? "\r\n" : ",");
}

static void
duties_csv (gconstpointer data, GString *out)
{
  const RespDuties *d = data;
  GString *cell = g_string_new (NULL);

  g_string_append (out, "duty,node,name,from,until,status,required,count,entries,people,missing\r\n");
  for (guint s = 0; s < d->slots->len; s++)
    {
      const RespDutySlot *slot = &g_array_index (d->slots, RespDutySlot, s);
      char a[RESP_INSTANT_BUF], b[RESP_INSTANT_BUF];

      csv_cell (out, duty_of (d, slot)->id, FALSE);
      csv_cell (out, resp_model_node_id (d->model, slot->node), FALSE);
      csv_cell (out, resp_model_node_name (d->model, slot->node), FALSE);
      resp_instant_format_buf (slot->from, a);
      resp_instant_format_buf (slot->until, b);
      csv_cell (out, a, FALSE);
      csv_cell (out, b, FALSE);
      csv_cell (out, resp_slot_statuses[slot->status].name, FALSE);
      g_string_printf (cell, "%d", slot->required);
      csv_cell (out, slot->required < 0 ? "" : cell->str, FALSE);
      g_string_printf (cell, "%u", slot->count);
      csv_cell (out, cell->str, FALSE);
      g_string_truncate (cell, 0);
      for (guint i = 0; i < slot->n_entries; i++)
        RESP_CAT (cell, i ? " " : "", resp_record_entry_id (d->record, resp_duty_slot_entry (d, slot, i)));
      csv_cell (out, cell->str, FALSE);
      /* person role [category] from/until, one per stretch */
      g_string_truncate (cell, 0);
      for (guint i = 0; i < slot->n_people; i++)
        {
          const RespDutyPerson *p = person_of (d, slot, i);

          resp_instant_format_buf (p->from, a);
          resp_instant_format_buf (p->until, b);
          RESP_CAT (cell, i ? "; " : "", resp_model_node_id (d->model, p->person), " ", resp_roles[p->role].name,
                    slot->status == RESP_SLOT_UNFULFILLED ? " " : "",
                    slot->status == RESP_SLOT_UNFULFILLED ? resp_categories[p->category].name : "", " ", a, "/", b);
        }
      csv_cell (out, cell->str, FALSE);
      g_string_truncate (cell, 0);
      for (guint i = 0; i < slot->n_missing; i++)
        RESP_CAT (cell, i ? " " : "", (const char *) d->words->pdata[slot->missing_off + i]);
      csv_cell (out, cell->str, TRUE);
    }
  g_string_free (cell, TRUE);
}

static const RespRenderer duties_renderer = {
  "a duty report", { [RESP_FORMAT_TEXT] = duties_text, [RESP_FORMAT_JSON] = duties_json,
                     [RESP_FORMAT_CSV] = duties_csv },
};

/**
 * resp_duties_render:
 * @self: a #RespDuties
 * @format: %RESP_FORMAT_TEXT, %RESP_FORMAT_JSON or %RESP_FORMAT_CSV
 *
 * Renders the report as `resp duties` prints it (docs/duties.md): JSON
 * for programs, a Chinese report (履职情况, 通报问题整改情况, 考核结果) for
 * people, or the slots as CSV for spreadsheets. A duty report has no
 * picture: %RESP_FORMAT_DOT is a programmer error (a critical, and %NULL).
 *
 * Returns: (transfer full) (nullable): the text, ending with a newline
 *
 * Since: 1.0
 */
char *
resp_duties_render (RespDuties *self,
                    RespFormat  format)
{
  g_return_val_if_fail (self != NULL, NULL);
  return resp_render (&duties_renderer, self, format);
}
