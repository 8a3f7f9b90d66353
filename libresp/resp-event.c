/* resp-event.c: event files (SPEC §4.1), checked against a model and a rulebook
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * An input holds one event object, a JSON array of them, or JSON Lines (one
 * object per line). It is read as one document first; only if that fails
 * and every non-blank line is a JSON value of its own is it JSON Lines, so a
 * malformed single document reports its own error. Every event is checked
 * before any is returned: one bad event and the batch does not exist.
 *
 * A top-level array is read element by element, each element's tree let go
 * once its event is read (as JSON Lines are read line by line), so that a
 * large array never stands whole in memory as a tree. Should the array turn
 * out not to be one well-formed document (a syntax error, U+0000 in a
 * string), what was read is dropped and the input is read as before: the
 * whole document, then as JSON Lines, with the same diagnostics.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "resp-event-private.h"
#include "resp-document-private.h"
#include "resp-instant-private.h"
#include "resp-limits-private.h"
#include "resp-refcount-private.h"

#define EVENT_FORMAT "libresp/event/1"

const char * const resp_report_kind_names[RESP_N_REPORT_KINDS] = {
  [RESP_REPORT_INITIAL] = "initial",
  [RESP_REPORT_SUPPLEMENT] = "supplement",
  [RESP_REPORT_SUMMARY] = "summary",
};

struct _RespEventBatch {
  gatomicrefcount ref;
  GPtrArray *events;
  gboolean   is_list;
};

gboolean
resp_event_batch_loaded_for (const RespEventBatch *batch,
                             const RespModel      *model,
                             const RespRulebook   *rulebook)
{
  for (guint i = 0; i < batch->events->len; i++)
    {
      const RespEvent *ev = batch->events->pdata[i];
      if (ev->model != model || ev->rulebook != rulebook)
        return FALSE;
    }
  return TRUE;
}


static void
event_free (RespEvent *self)
{
  for (guint i = 0; i < self->decisions.len; i++)
    {
      RespDecision *d = &self->decisions.data[i];
      resp_vec_free (&d->participants);
      resp_vec_free (&d->dissent);
    }
  for (guint i = 0; i < self->exemptions.len; i++)
    g_free (self->exemptions.data[i].note);
  resp_vec_free (&self->decisions);
  resp_vec_free (&self->exemptions);
  resp_vec_free (&self->subjects);
  resp_vec_free (&self->involved);
  g_clear_pointer (&self->reports, g_array_unref);
  g_ptr_array_unref (self->strings);
  g_free (self->facts);
  g_free (self->fact_kinds);
  g_free (self->id);
  g_free (self->title);
  resp_model_unref (self->model);
  resp_rulebook_unref (self->rulebook);
  g_free (self);
}

/**
 * resp_event_ref:
 * @self: a #RespEvent
 *
 * Takes a reference on @self.
 *
 * Returns: (transfer full): @self
 *
 * Since: 1.0
 */
/**
 * resp_event_unref:
 * @self: (transfer full): a #RespEvent
 *
 * Drops a reference on @self; the last one frees it.
 *
 * Since: 1.0
 */
RESP_DEFINE_REFCOUNTED_TYPE (RespEvent, resp_event, event_free)

/**
 * resp_event_get_id:
 * @self: a #RespEvent
 *
 * Gets the event's id.
 *
 * Returns: the event's id
 *
 * Since: 1.0
 */
const char *
resp_event_get_id (RespEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

/**
 * resp_event_get_title:
 * @self: a #RespEvent
 *
 * Gets the event's title.
 *
 * Returns: (nullable): the event's title
 *
 * Since: 1.0
 */
const char *
resp_event_get_title (RespEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

/**
 * resp_event_get_occurred_at:
 * @self: a #RespEvent
 *
 * Gets the instant of the event.
 *
 * Returns: the instant of the event
 *
 * Since: 1.0
 */
gint64
resp_event_get_occurred_at (RespEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->occurred_at;
}

/* ---- checking one event ---- */

/* Where the events read go, one at a time, each with its reference; and
 * how to forget them when the input must be read again another way. */
typedef struct {
  void (*take)   (RespEvent *ev, gpointer data);
  void (*forget) (gpointer data);
  gpointer data;
} Deliver;

typedef struct {
  RespModel        *model;
  RespRulebook     *rb;
  RespDiagSink     *sink;
  const RespLimits *limits;
  const Deliver    *deliver;
  gboolean          is_list;
  char              what[300];
} Ctx;

/* A node id of the expected type; reports and returns RESP_NO_NODE otherwise. */
static guint32
node_ref (Ctx *c, const RespJsonNode *s, guint8 type_mask, const char *expected)
{
  guint32 v;

  if (s->type != RESP_JSON_STRING)
    {
      resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, s->line, s->column,
                          "%s: expected the id of %s, not %s", c->what, expected,
                          resp_json_type_name (s->type));
      return RESP_NO_NODE;
    }
  v = resp_model_find_node (c->model, s->v.string.str);
  if (v == RESP_NO_NODE)
    {
      resp_diag_sink_add (c->sink, RESP_ERROR_DANGLING_REFERENCE, s->line, s->column,
                          "%s: unknown node '%s'", c->what, s->v.string.str);
      return RESP_NO_NODE;
    }
  if (!(type_mask & (1u << c->model->nodes[v].type)))
    {
      resp_diag_sink_add (c->sink, RESP_ERROR_WRONG_ENDPOINT, s->line, s->column,
                          "%s: '%s' is a %s, not %s", c->what, s->v.string.str,
                          resp_node_types[c->model->nodes[v].type].name, expected);
      return RESP_NO_NODE;
    }
  return v;
}

/* An array of node ids; NULL member = empty. */
static void
node_list (Ctx *c, const RespJsonNode *obj, const char *key, guint8 type_mask,
           const char *expected, RespU32Vec *out)
{
  const RespJsonNode *arr = resp_document_member (c->sink, obj, key, RESP_JSON_ARRAY, FALSE, c->what);

  for (guint i = 0; arr != NULL && i < arr->v.children.n; i++)
    {
      guint32 v = node_ref (c, arr->v.children.items[i], type_mask, expected);
      if (v != RESP_NO_NODE)
        resp_vec_push (out, v);
    }
}

static void
read_facts (Ctx *c, const RespJsonNode *facts, RespEvent *ev)
{
  const RespRulebook *rb = c->rb;
  guint next_fact = 0;   /* facts are usually written in the rulebook's order */

  for (guint i = 0; i < facts->v.children.n; i++)
    {
      const RespJsonNode *m = facts->v.children.items[i];
      const RespFactDecl *decl;
      int k = resp_rulebook_find_fact_near (rb, m->key, &next_fact);

      if (k < 0)
        {
          const char **names = g_new (const char *, rb->facts->len + 1);
          char hint[128];

          for (guint j = 0; j < rb->facts->len; j++)
            names[j] = g_array_index (rb->facts, RespFactDecl, j).name;
          resp_diag_sink_add (c->sink, RESP_ERROR_UNKNOWN_FACT, m->key_line, m->key_column,
                              "%s: unknown fact '%s'%s", c->what, m->key,
                              resp_input_hint (hint, sizeof hint, names, rb->facts->len, m->key));
          g_free (names);
          continue;
        }
      decl = &g_array_index (rb->facts, RespFactDecl, k);
      if (m->type == RESP_JSON_NULL)
        continue;   /* null is unknown, as absent is */
      switch (decl->type)
        {
        case RESP_FACT_BOOL:
          if (m->type != RESP_JSON_BOOL)
            goto wrong;
          ev->facts[k].type = RESP_VALUE_BOOL;
          ev->facts[k].boolean = m->v.boolean;
          break;
        case RESP_FACT_NUMBER:
        case RESP_FACT_INTEGER:
          if (m->type != RESP_JSON_NUMBER)
            goto wrong;
          if (decl->type == RESP_FACT_INTEGER && m->v.number.value != floor (m->v.number.value))
            {
              resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, m->line, m->column,
                                  "%s: fact '%s' must be an integer", c->what, m->key);
              continue;
            }
          if (decl->has_min && m->v.number.value < decl->min)
            {
              resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, m->line, m->column,
                                  "%s: fact '%s' must be at least %g", c->what, m->key, decl->min);
              continue;
            }
          ev->facts[k].type = RESP_VALUE_NUMBER;
          ev->facts[k].number = m->v.number.value;
          break;
        default:
          if (m->type != RESP_JSON_STRING)
            goto wrong;
          g_ptr_array_add (ev->strings, g_strdup (m->v.string.str));
          ev->facts[k].type = RESP_VALUE_STRING;
          ev->facts[k].string = g_ptr_array_index (ev->strings, ev->strings->len - 1);
          break;
        }
      continue;
    wrong:
      resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, m->line, m->column,
                          "%s: fact '%s' must be %s, not %s", c->what, m->key,
                          decl->type == RESP_FACT_BOOL ? "true or false"
                          : decl->type == RESP_FACT_STRING ? "a string" : "a number",
                          resp_json_type_name (m->type));
    }
  for (guint k = 0; k < rb->facts->len; k++)
    ev->fact_kinds[k] = resp_value_kind (&ev->facts[k]);
}

#define T(x) (1u << RESP_NODE_##x)

static void
read_decisions (Ctx *c, const RespJsonNode *arr, RespEvent *ev)
{
  static const char * const keys[] = { "committee", "participants", "dissent", NULL };

  for (guint i = 0; i < arr->v.children.n; i++)
    {
      const RespJsonNode *o = resp_document_object_at (c->sink, arr, i, c->what, "a decision"), *cm;
      RespDecision d = { RESP_NO_NODE, { NULL, 0, 0 }, { NULL, 0, 0 } };

      if (o == NULL)
        continue;
      resp_document_check_keys (c->sink, o, keys, c->what);
      cm = resp_json_node_get_member ((RespJsonNode *) o, "committee");
      if (cm == NULL)
        resp_diag_sink_add (c->sink, RESP_ERROR_MISSING_KEY, o->line, o->column,
                            "%s: a decision needs a 'committee'", c->what);
      else
        d.committee = node_ref (c, cm, T (COMMITTEE), "a committee");
      if (resp_json_node_get_member ((RespJsonNode *) o, "participants") == NULL)
        resp_diag_sink_add (c->sink, RESP_ERROR_MISSING_KEY, o->line, o->column,
                            "%s: a decision needs 'participants'", c->what);
      node_list (c, o, "participants", T (PERSON), "a person", &d.participants);
      node_list (c, o, "dissent", T (PERSON), "a person", &d.dissent);
      {
        const RespJsonNode *ds = resp_json_node_get_member ((RespJsonNode *) o, "dissent");
        for (guint k = 0; ds != NULL && ds->type == RESP_JSON_ARRAY && k < ds->v.children.n; k++)
          {
            const RespJsonNode *s = ds->v.children.items[k];
            guint32 v = s->type == RESP_JSON_STRING ? resp_model_find_node (c->model, s->v.string.str)
                                                    : RESP_NO_NODE;
            if (v != RESP_NO_NODE && !resp_node_list_contains (&d.participants, v))
              resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, s->line, s->column,
                                  "%s: '%s' dissents but is not among the participants",
                                  c->what, s->v.string.str);
          }
      }
      resp_vec_push (&ev->decisions, d);
    }
}

static void
read_exemptions (Ctx *c, const RespJsonNode *arr, RespEvent *ev)
{
  static const char * const keys[] = { "person", "reason", "note", NULL };

  for (guint i = 0; i < arr->v.children.n; i++)
    {
      const RespJsonNode *o = resp_document_object_at (c->sink, arr, i, c->what, "an exemption"), *p, *r;
      RespExemption e = { RESP_NO_NODE, 0, NULL };
      int reason = -1;

      if (o == NULL)
        continue;
      resp_document_check_keys (c->sink, o, keys, c->what);
      p = resp_json_node_get_member ((RespJsonNode *) o, "person");
      if (p == NULL)
        resp_diag_sink_add (c->sink, RESP_ERROR_MISSING_KEY, o->line, o->column,
                            "%s: an exemption needs a 'person'", c->what);
      else
        e.person = node_ref (c, p, T (PERSON), "a person");
      r = resp_document_member (c->sink, o, "reason", RESP_JSON_STRING, TRUE, c->what);
      if (r != NULL && (reason = resp_rulebook_find_exemption (c->rb, r->v.string.str)) < 0)
        {
          GString *known = g_string_new (NULL);
          for (guint k = 0; k < c->rb->exemptions->len; k++)
            g_string_append_printf (known, "%s%s", k ? ", " : "",
                                    g_array_index (c->rb->exemptions, RespExemptionRule, k).reason);
          resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, r->line, r->column,
                              "%s: unknown exemption reason '%s' (the rulebook knows: %s)",
                              c->what, r->v.string.str, known->str);
          g_string_free (known, TRUE);
        }
      e.note = g_strdup (resp_document_string (c->sink, o, "note", FALSE, c->what));
      e.reason = reason < 0 ? 0 : (guint) reason;
      if (e.person == RESP_NO_NODE || reason < 0)
        {
          g_free (e.note);
          continue;
        }
      resp_vec_push (&ev->exemptions, e);
    }
}

/* The timeline (SPEC §9.1): discovered_at, closed_at, grade, reports. */
static void
read_timeline (Ctx *c, const RespJsonNode *o, RespEvent *ev)
{
  static const char * const report_keys[] = { "by", "to", "at", "kind", NULL };
  const RespJsonNode *m, *arr;
  char hint[300];

  resp_document_instant (c->sink, o, "discovered_at", &ev->discovered_at, c->what);
  resp_document_instant (c->sink, o, "closed_at", &ev->closed_at, c->what);
  if (ev->discovered_at != RESP_EVENT_NO_INSTANT && ev->closed_at != RESP_EVENT_NO_INSTANT
      && ev->closed_at < ev->discovered_at)
    {
      char d[RESP_INSTANT_BUF], cl[RESP_INSTANT_BUF];

      m = resp_json_node_get_member ((RespJsonNode *) o, "closed_at");
      resp_instant_format_short (ev->discovered_at, d);
      resp_instant_format_short (ev->closed_at, cl);
      resp_diag_sink_add (c->sink, RESP_ERROR_CLOSED_BEFORE_DISCOVERED, m->line, m->column,
                          "%s: 'closed_at' %s is before 'discovered_at' %s", c->what, cl, d);
    }
  if ((m = resp_document_member (c->sink, o, "grade", RESP_JSON_STRING, FALSE, c->what)) != NULL
      && (ev->grade = resp_rulebook_find_grade (c->rb, m->v.string.str)) < 0)
    {
      const char **names = g_new (const char *, c->rb->grades->len + 1);

      for (guint j = 0; j < c->rb->grades->len; j++)
        names[j] = g_array_index (c->rb->grades, RespGradeRule, j).id;
      resp_diag_sink_add (c->sink, RESP_ERROR_UNKNOWN_GRADE, m->line, m->column,
                          "%s: unknown grade '%s'%s", c->what, m->v.string.str,
                          resp_input_hint (hint, sizeof hint, names, c->rb->grades->len,
                                           m->v.string.str));
      g_free (names);
    }
  if ((arr = resp_document_member (c->sink, o, "reports", RESP_JSON_ARRAY, FALSE, c->what)) == NULL)
    return;
  ev->reports = g_array_new (FALSE, FALSE, sizeof (RespReport));
  for (guint i = 0; i < arr->v.children.n; i++)
    {
      const RespJsonNode *r = resp_document_object_at (c->sink, arr, i, c->what, "a report");
      RespReport rep = { RESP_NO_NODE, RESP_NO_NODE, RESP_EVENT_NO_INSTANT, RESP_REPORT_INITIAL };
      gboolean ok = TRUE;

      if (r == NULL)
        continue;
      resp_document_check_keys (c->sink, r, report_keys, c->what);
      for (guint k = 0; k < 2; k++)
        {
          const char *key = k == 0 ? "by" : "to";
          guint32 *out = k == 0 ? &rep.by : &rep.to;

          if ((m = resp_json_node_get_member ((RespJsonNode *) r, key)) == NULL)
            {
              resp_diag_sink_add (c->sink, RESP_ERROR_MISSING_KEY, r->line, r->column,
                                  "%s: a report needs '%s'", c->what, key);
              ok = FALSE;
            }
          else if ((*out = node_ref (c, m, T (UNIT), "a unit")) == RESP_NO_NODE)
            ok = FALSE;
        }
      if (resp_json_node_get_member ((RespJsonNode *) r, "at") == NULL)
        {
          resp_diag_sink_add (c->sink, RESP_ERROR_MISSING_KEY, r->line, r->column,
                              "%s: a report needs 'at'", c->what);
          ok = FALSE;
        }
      else if (!resp_document_instant (c->sink, r, "at", &rep.at, c->what))
        ok = FALSE;
      else if (rep.at == RESP_EVENT_NO_INSTANT)
        {
          m = resp_json_node_get_member ((RespJsonNode *) r, "at");
          resp_diag_sink_add (c->sink, RESP_ERROR_BAD_DATE, m->line, m->column,
                              "%s: a report's 'at' must be a date, not null", c->what);
          ok = FALSE;
        }
      if ((m = resp_document_member (c->sink, r, "kind", RESP_JSON_STRING, FALSE, c->what)) != NULL)
        {
          int k = resp_name_lookup (resp_report_kind_names, RESP_N_REPORT_KINDS, m->v.string.str);

          if (k < 0)
            {
              resp_diag_sink_add (c->sink, RESP_ERROR_UNKNOWN_REPORT_KIND, m->line, m->column,
                                  "%s: unknown report kind '%s'%s", c->what, m->v.string.str,
                                  resp_input_hint (hint, sizeof hint, resp_report_kind_names,
                                                   RESP_N_REPORT_KINDS, m->v.string.str));
              ok = FALSE;
            }
          else
            rep.kind = (guint32) k;
        }
      if (ok)
        g_array_append_val (ev->reports, rep);
    }
}

static RespEvent *
read_event (Ctx *c, const RespJsonNode *o)
{
  static const char * const keys[] = { "format", "id", "title", "occurred_at", "systems", "units",
                                       "facts", "involved", "decisions", "exemptions",
                                       "discovered_at", "closed_at", "grade", "reports", NULL };
  guint before = resp_diag_sink_count (c->sink);
  const RespJsonNode *m;
  const char *id;
  RespEvent *ev;

  if (o->type != RESP_JSON_OBJECT)
    {
      resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, o->line, o->column,
                          "an event must be a JSON object, not %s", resp_json_type_name (o->type));
      return NULL;
    }
  ev = g_new0 (RespEvent, 1);
  g_atomic_ref_count_init (&ev->ref);
  ev->model = resp_model_ref (c->model);
  ev->rulebook = resp_rulebook_ref (c->rb);
  ev->strings = g_ptr_array_new_with_free_func (g_free);
  ev->facts = g_new0 (RespValue, MAX (c->rb->facts->len, 1));
  ev->fact_kinds = g_new0 (guint8, MAX (c->rb->facts->len, 1));   /* RESP_KIND_UNKNOWN */
  ev->discovered_at = ev->closed_at = RESP_EVENT_NO_INSTANT;
  ev->grade = -1;

  id = resp_document_string (c->sink, o, "id", TRUE, "event");
  resp_document_what (c->what, sizeof c->what, "event", id ? id : "?");
  ev->id = g_strdup (id ? id : "");
  resp_document_check_keys (c->sink, o, keys, c->what);

  m = resp_json_node_get_member ((RespJsonNode *) o, "format");
  if (m != NULL && (m->type != RESP_JSON_STRING || !g_str_equal (m->v.string.str, EVENT_FORMAT)))
    resp_diag_sink_add (c->sink, RESP_ERROR_FORMAT, m->line, m->column,
                        "%s: unsupported format (this version reads \"" EVENT_FORMAT "\")", c->what);
  ev->title = g_strdup (resp_document_string (c->sink, o, "title", FALSE, c->what));
  if (resp_json_node_get_member ((RespJsonNode *) o, "occurred_at") == NULL)
    resp_diag_sink_add (c->sink, RESP_ERROR_MISSING_KEY, o->line, o->column,
                        "%s: missing 'occurred_at'", c->what);
  else
    resp_document_instant (c->sink, o, "occurred_at", &ev->occurred_at, c->what);

  node_list (c, o, "systems", T (SYSTEM), "a system", &ev->subjects);
  node_list (c, o, "units", T (UNIT), "a unit", &ev->subjects);
  if (resp_json_node_get_member ((RespJsonNode *) o, "systems") == NULL &&
      resp_json_node_get_member ((RespJsonNode *) o, "units") == NULL)
    resp_diag_sink_add (c->sink, RESP_ERROR_MISSING_KEY, o->line, o->column,
                        "%s: an event needs at least one subject in 'systems' or 'units'", c->what);
  else if (ev->subjects.len == 0 && resp_diag_sink_count (c->sink) == before)
    resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, o->line, o->column,
                        "%s: an event needs at least one subject in 'systems' or 'units'", c->what);
  node_list (c, o, "involved", T (PERSON), "a person", &ev->involved);
  if ((m = resp_document_member (c->sink, o, "facts", RESP_JSON_OBJECT, FALSE, c->what)))
    read_facts (c, m, ev);
  if ((m = resp_document_member (c->sink, o, "decisions", RESP_JSON_ARRAY, FALSE, c->what)))
    read_decisions (c, m, ev);
  if ((m = resp_document_member (c->sink, o, "exemptions", RESP_JSON_ARRAY, FALSE, c->what)))
    read_exemptions (c, m, ev);
  read_timeline (c, o, ev);

  if (resp_diag_sink_count (c->sink) > before)
    {
      resp_event_unref (ev);
      return NULL;
    }
  return ev;
}

#undef T

/* ---- batches ---- */

/* An event read: to wherever the events go */
static void
deliver (Ctx *c, RespEvent *ev)
{
  if (ev != NULL)
    c->deliver->take (ev, c->deliver->data);
}

static void
read_value (Ctx *c, const RespJsonNode *root)
{
  if (root->type == RESP_JSON_ARRAY)
    {
      c->is_list = TRUE;
      for (guint i = 0; i < root->v.children.n; i++)
        deliver (c, read_event (c, root->v.children.items[i]));
    }
  else
    deliver (c, read_event (c, root));
}

/* JSON Lines: one value per non-blank line. Returns FALSE when the first
 * such line is no JSON value on its own: then the input is no JSON Lines,
 * and the single document's error is the one to report. Otherwise a later
 * line's syntax error is reported at that line. */
static gboolean
read_lines (Ctx *c, const char *data, gsize length)
{
  const char *p = data, *end = data + length;
  guint line = 1, seen = 0;
  gboolean ok = TRUE;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      const char *stop = nl ? nl : end;
      const char *q = p;

      /* blank up to the end of the line, or a value starts at q */
      while (q < stop && (*q == ' ' || *q == '\t' || *q == '\r'))
        q++;
      if (q < stop)
        {
          RespDiagSink probe;
          RespJsonTree *t;

          resp_diag_sink_init (&probe, c->sink->file, c->limits->max_errors);
          probe.line_offset = line - 1;
          t = resp_document_parse (p, (gsize) (stop - p), c->limits, &probe);
          if (t != NULL)
            {
              /* the line's event at once, and its tree let go: a file of a
               * million events never holds a million trees */
              RespEvent *ev;

              c->sink->line_offset = line - 1;
              ev = read_event (c, resp_json_tree_get_root (t));
              c->sink->line_offset = 0;
              deliver (c, ev);
              resp_json_tree_free (t);
            }
          else if (seen == 0)
            ok = FALSE;
          else
            /* within the sink's cap: a file of bad lines must not collect
             * more than max_errors */
            resp_diag_sink_take (c->sink, &probe);
          resp_diag_sink_finish (&probe, NULL, NULL);
          seen++;
          if (!ok)
            break;
        }
      p = nl ? nl + 1 : end;
      line++;
    }
  c->is_list = ok && seen > 1;
  return ok && seen > 1;
}

/* A top-level array, element by element. FALSE, with nothing decided, when
 * the input is no array, or not one well-formed document free of U+0000:
 * then the caller drops what was read and reads it as a whole. */
static gboolean
read_array (Ctx *c, const char *data, gsize length)
{
  RespJsonReader *r = resp_json_reader_new (data, length);
  RespDiagSink probe;
  RespJsonToken t;
  gboolean ok = FALSE;

  resp_json_reader_set_limits (r, c->limits->max_depth,
                               (gsize) MIN (c->limits->max_string_bytes, G_MAXSIZE));
  resp_diag_sink_init (&probe, c->sink->file, c->limits->max_errors);
  if (resp_json_reader_next (r) == RESP_JSON_TOKEN_BEGIN_ARRAY)
    {
      c->is_list = TRUE;
      for (;;)
        {
          RespJsonTree *tree;

          t = resp_json_reader_next (r);
          if (t == RESP_JSON_TOKEN_END_ARRAY)
            {
              ok = resp_json_reader_next (r) == RESP_JSON_TOKEN_EOF;
              break;
            }
          if (t == RESP_JSON_TOKEN_ERROR || t == RESP_JSON_TOKEN_EOF
              || (tree = resp_document_read_value (r, t, &probe)) == NULL)
            break;
          /* past max_errors nothing more is reported: only the grammar
           * is still of interest */
          if (!c->sink->fatal)
            deliver (c, read_event (c, resp_json_tree_get_root (tree)));
          resp_json_tree_free (tree);
        }
    }
  resp_diag_sink_finish (&probe, NULL, NULL);
  resp_json_reader_free (r);
  return ok;
}

/* How an input's events were read: what to try, and what worked */
typedef enum {
  READ_ANY,        /* each way in turn, as the header comment says */
  READ_ARRAY,      /* element by element */
  READ_DOCUMENT,   /* one document, whole */
  READ_LINES,      /* JSON Lines */
} ReadMode;

/* Reads the events of in, each handed to d as it is read. Returns whether
 * all of them are valid (else the diagnostics say why, and what d was
 * handed is to be dropped); *is_list whether the input is a list (an
 * array, or JSON Lines of more than one line). *mode says how to read:
 * READ_ANY finds out, and is set to the way that worked; another mode
 * (found on the same bytes before) reads that way at once. */
static gboolean
read_events (RespModel *model, RespRulebook *rb, const RespInput *in, const Deliver *d, ReadMode *mode,
             gboolean *is_list, GPtrArray **diagnostics, GError **error)
{
  const RespLimits *limits = &in->limits;
  const char *data = in->data, *file = in->name;
  gsize length = in->length;
  RespDiagSink sink, first;
  Ctx c = { model, rb, &sink, limits, d, FALSE, "" };
  RespJsonTree *tree;
  gboolean ok;

  resp_diag_sink_init (&sink, file, limits->max_errors);
  if (*mode == READ_ANY || *mode == READ_ARRAY)
    {
      if (read_array (&c, data, length))
        {
          *mode = READ_ARRAY;
          goto done;
        }
      /* not an array, or not a sound one: start again */
      d->forget (d->data);
      c.is_list = FALSE;
      resp_diag_sink_finish (&sink, NULL, NULL);
      resp_diag_sink_init (&sink, file, limits->max_errors);
    }

  resp_diag_sink_init (&first, file, limits->max_errors);
  tree = *mode != READ_LINES ? resp_document_parse (data, length, limits, &first) : NULL;
  if (tree != NULL)
    {
      read_value (&c, resp_json_tree_get_root (tree));
      resp_json_tree_free (tree);
      resp_diag_sink_finish (&first, NULL, NULL);
      *mode = READ_DOCUMENT;
    }
  else if (!read_lines (&c, data, length))
    {
      /* not JSON Lines either: the single document's error is the one */
      resp_diag_sink_finish (&sink, NULL, NULL);
      sink = first;
    }
  else
    {
      resp_diag_sink_finish (&first, NULL, NULL);
      *mode = READ_LINES;
    }

done:
  ok = resp_diag_sink_finish (&sink, diagnostics, error);
  *is_list = c.is_list;
  return ok;
}

static void
batch_take (RespEvent *ev, gpointer data)
{
  g_ptr_array_add (((RespEventBatch *) data)->events, ev);
}

static void
batch_forget (gpointer data)
{
  g_ptr_array_set_size (((RespEventBatch *) data)->events, 0);
}

static RespEventBatch *
load (RespModel *model, RespRulebook *rb, const RespInput *in, GPtrArray **diagnostics,
      GError **error)
{
  RespEventBatch *batch = g_new0 (RespEventBatch, 1);
  Deliver d = { batch_take, batch_forget, batch };
  ReadMode mode = READ_ANY;

  g_atomic_ref_count_init (&batch->ref);
  batch->events = g_ptr_array_new_with_free_func ((GDestroyNotify) resp_event_unref);
  if (!read_events (model, rb, in, &d, &mode, &batch->is_list, diagnostics, error))
    {
      resp_event_batch_unref (batch);
      return NULL;
    }
  return batch;
}

/**
 * resp_event_batch_new_from_data_full:
 * @model: the model the events refer to
 * @rulebook: the rulebook whose facts and exemption reasons they use
 * @data: (array length=length) (element-type guint8): the events' bytes
 * @length: the length of @data, or -1 if it is NUL-terminated
 * @filename: (nullable): the name to report in diagnostics
 * @limits: (nullable): limits on the input, or %NULL for the defaults
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found (empty on success)
 * @error: return location for a #GError
 *
 * Loads events: one object, a JSON array, or JSON Lines. Unknown facts (with
 * the nearest declared name), wrong types, unknown subjects or persons,
 * malformed decisions or exemptions are errors with their position; if any
 * event is invalid, no batch is returned.
 *
 * Returns: (transfer full) (nullable): the events
 *
 * Since: 1.0
 */
RespEventBatch *
resp_event_batch_new_from_data_full (RespModel         *model,
                                     RespRulebook      *rulebook,
                                     const char        *data,
                                     gssize             length,
                                     const char        *filename,
                                     const RespLimits  *limits,
                                     GPtrArray        **diagnostics,
                                     GError           **error)
{
  RespInput in;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (rulebook != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!resp_input_from_data (&in, data, length, filename, limits, diagnostics, error))
    return NULL;
  return load (model, rulebook, &in, diagnostics, error);
}

/**
 * resp_event_batch_new_from_data:
 * @model: the model the events refer to
 * @rulebook: the rulebook whose facts and exemption reasons they use
 * @data: (array length=length) (element-type guint8): the events' bytes
 * @length: the length of @data, or -1 if it is NUL-terminated
 * @filename: (nullable): the name to report in diagnostics
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found (empty on success)
 * @error: return location for a #GError
 *
 * resp_event_batch_new_from_data_full() with the default limits.
 *
 * Returns: (transfer full) (nullable): the events
 *
 * Since: 1.0
 */
RespEventBatch *
resp_event_batch_new_from_data (RespModel     *model,
                                RespRulebook  *rulebook,
                                const char    *data,
                                gssize         length,
                                const char    *filename,
                                GPtrArray    **diagnostics,
                                GError       **error)
{
  return resp_event_batch_new_from_data_full (model, rulebook, data, length, filename, NULL,
                                              diagnostics, error);
}

/**
 * resp_event_batch_new_from_file_full:
 * @model: the model the events refer to
 * @rulebook: the rulebook whose facts and exemption reasons they use
 * @path: (type filename): an event file
 * @limits: (nullable): limits on the input, or %NULL for the defaults
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found (empty on success)
 * @error: return location for a #GError
 *
 * Loads an event file. See resp_event_batch_new_from_data_full().
 *
 * Returns: (transfer full) (nullable): the events
 *
 * Since: 1.0
 */
RespEventBatch *
resp_event_batch_new_from_file_full (RespModel         *model,
                                     RespRulebook      *rulebook,
                                     const char        *path,
                                     const RespLimits  *limits,
                                     GPtrArray        **diagnostics,
                                     GError           **error)
{
  RespEventBatch *batch;
  RespInput in;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (rulebook != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!resp_input_from_file (&in, path, limits, diagnostics, error))
    return NULL;
  batch = load (model, rulebook, &in, diagnostics, error);
  resp_input_clear (&in);
  return batch;
}

/**
 * resp_event_batch_new_from_file:
 * @model: the model the events refer to
 * @rulebook: the rulebook whose facts and exemption reasons they use
 * @path: (type filename): an event file
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found (empty on success)
 * @error: return location for a #GError
 *
 * resp_event_batch_new_from_file_full() with the default limits.
 *
 * Returns: (transfer full) (nullable): the events
 *
 * Since: 1.0
 */
RespEventBatch *
resp_event_batch_new_from_file (RespModel     *model,
                                RespRulebook  *rulebook,
                                const char    *path,
                                GPtrArray    **diagnostics,
                                GError       **error)
{
  return resp_event_batch_new_from_file_full (model, rulebook, path, NULL, diagnostics, error);
}

static void
event_batch_free (RespEventBatch *self)
{
  g_ptr_array_unref (self->events);
  g_free (self);
}

/**
 * resp_event_batch_ref:
 * @self: a #RespEventBatch
 *
 * Takes a reference on @self.
 *
 * Returns: (transfer full): @self
 *
 * Since: 1.0
 */
/**
 * resp_event_batch_unref:
 * @self: (transfer full): a #RespEventBatch
 *
 * Drops a reference on @self; the last one frees it.
 *
 * Since: 1.0
 */
RESP_DEFINE_REFCOUNTED_TYPE (RespEventBatch, resp_event_batch, event_batch_free)

/**
 * resp_event_batch_get_n_events:
 * @self: a #RespEventBatch
 *
 * Gets the number of events.
 *
 * Returns: the number of events
 *
 * Since: 1.0
 */
guint
resp_event_batch_get_n_events (RespEventBatch *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->events->len;
}

/**
 * resp_event_batch_get_event:
 * @self: a #RespEventBatch
 * @index: an event index, in input order
 *
 * Gets the event.
 *
 * Returns: (transfer none): the event
 *
 * Since: 1.0
 */
RespEvent *
resp_event_batch_get_event (RespEventBatch *self,
                            guint           index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->events->len, NULL);
  return self->events->pdata[index];
}

/**
 * resp_event_batch_get_is_list:
 * @self: a #RespEventBatch
 *
 * Whether the input was a JSON array or held more than one event: then the
 * verdicts print as a JSON array, else as one object.
 *
 * Returns: %TRUE for a list
 *
 * Since: 1.0
 */
gboolean
resp_event_batch_get_is_list (RespEventBatch *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->is_list;
}

/* ---- events one at a time ---- */

/* At most this many events are kept while a file is checked; a file with
 * more is read a second time to hand them over */
#define EVENTS_KEPT 4096

typedef struct {
  RespEventFunc func;
  gpointer      user_data;
  GPtrArray    *kept;       /* the first events, while they are few */
  gboolean      overflow;   /* more than EVENTS_KEPT: none kept */
  gboolean      stopped;    /* func said to stop */
} Foreach;

static void
foreach_keep (RespEvent *ev, gpointer data)
{
  Foreach *f = data;

  if (!f->overflow && f->kept->len < EVENTS_KEPT)
    {
      g_ptr_array_add (f->kept, ev);
      return;
    }
  f->overflow = TRUE;
  g_ptr_array_set_size (f->kept, 0);
  resp_event_unref (ev);
}

static void
foreach_forget (gpointer data)
{
  Foreach *f = data;

  g_ptr_array_set_size (f->kept, 0);
  f->overflow = FALSE;
}

static void
foreach_call (RespEvent *ev, gpointer data)
{
  Foreach *f = data;

  if (!f->stopped)
    f->stopped = !f->func (ev, f->user_data);
  resp_event_unref (ev);
}

/**
 * RespEventFunc:
 * @event: an event of the file, valid for the call (take a reference to
 *   keep it longer)
 * @user_data: the data given to resp_events_foreach_in_file()
 *
 * Called for each event of a file by resp_events_foreach_in_file().
 *
 * Returns: %TRUE to go on to the next event, %FALSE to stop
 *
 * Since: 1.0
 */

/**
 * resp_events_foreach_in_file:
 * @model: the model the events refer to
 * @rulebook: the rulebook whose facts and exemption reasons they use
 * @path: (type filename): an event file
 * @limits: (nullable): limits on the input, or %NULL for the defaults
 * @func: (scope call): called for each event, in the file's order
 * @user_data: (closure func): passed to @func
 * @is_list: (out) (optional): whether the file is a list of events (an
 *   array, or JSON Lines of more than one line) rather than one object
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found (empty on success)
 * @error: return location for a #GError
 *
 * The events of a file, one at a time, for files too large to hold as a
 * #RespEventBatch: every event is checked first, exactly as
 * resp_event_batch_new_from_file_full() checks them (the same
 * diagnostics), and @func is called only if all of them are valid, then
 * for each in turn, until it returns %FALSE. Only a few thousand events
 * are held at any time: a file of more than 4,096 is checked, then read a
 * second time to hand its events over. The file's bytes are held for the
 * whole call (read once, never mapped).
 *
 * Returns: %TRUE if every event is valid (whether or not @func stopped
 *   early); %FALSE with @error set, @func never called, otherwise
 *
 * Since: 1.0
 */
gboolean
resp_events_foreach_in_file (RespModel         *model,
                             RespRulebook      *rulebook,
                             const char        *path,
                             const RespLimits  *limits,
                             RespEventFunc      func,
                             gpointer           user_data,
                             gboolean          *is_list,
                             GPtrArray        **diagnostics,
                             GError           **error)
{
  Foreach f = { func, user_data, NULL, FALSE, FALSE };
  Deliver keep = { foreach_keep, foreach_forget, &f };
  Deliver call = { foreach_call, foreach_forget, &f };
  ReadMode mode = READ_ANY;
  gboolean list = FALSE, ok;
  RespInput in;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (rulebook != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!resp_input_from_file (&in, path, limits, diagnostics, error))
    return FALSE;
  f.kept = g_ptr_array_new_with_free_func ((GDestroyNotify) resp_event_unref);
  ok = read_events (model, rulebook, &in, &keep, &mode, &list, diagnostics, error);
  if (ok && !f.overflow)
    for (guint i = 0; i < f.kept->len && !f.stopped; i++)
      f.stopped = !func (f.kept->pdata[i], user_data);
  g_ptr_array_set_size (f.kept, 0);
  if (ok && f.overflow)
    /* the same bytes, read the way that worked: nothing new to report */
    ok = read_events (model, rulebook, &in, &call, &mode, &list, NULL, error);
  g_ptr_array_unref (f.kept);
  resp_input_clear (&in);
  if (is_list != NULL)
    *is_list = list;
  return ok;
}
