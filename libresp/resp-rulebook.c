/* resp-rulebook.c: loading and checking a rulebook (docs/rulebook.md)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "resp-rulebook-private.h"
#include "resp-document-private.h"
#include "resp-instant-private.h"
#include "resp-resources.h"
#include "resp-limits-private.h"
#include "resp-refcount-private.h"

#define RULEBOOK_FORMAT "libresp/rulebook/1"
#define DEFAULT_RESOURCE "/org/libresp/rulebooks/default.json"


static const char * const fact_types[] = { "bool", "number", "integer", "string", NULL };

/* What ids must be unique across the layers of a rulebook (SPEC §8.6). */
typedef enum {
  ID_SOURCE, ID_FACT, ID_CIRCUMSTANCE, ID_LIABILITY, ID_EXEMPTION, ID_RECORD_KIND, ID_DUTY,
  ID_GRADE, N_ID_KINDS,
} IdKind;

/* The state of one load: the rulebook being built, layer by layer. */
typedef struct {
  RespRulebook *rb;
  RespDiagSink *sink;         /* the current layer's */
  guint         layer;        /* the current layer's index */
  GPtrArray    *fact_names;   /* borrowed char* */
  GHashTable   *fact_index;   /* borrowed name -> index in fact_names + 1 */
  GPtrArray    *param_names;
  GHashTable   *defined[N_ID_KINDS];  /* id -> 1 + index of the layer that defined it */
} Ctx;

/* ---- lifecycle ---- */

/* What each element of the rulebook's arrays owns; the arrays free it. */
static void
fact_clear (gpointer data)
{
  RespFactDecl *f = data;
  g_free (f->name);
  g_free (f->description);
}

static void
param_value_clear (gpointer data)
{
  g_free (((RespParamValue *) data)->str);
}

static void
param_clear (gpointer data)
{
  RespParamDecl *p = data;
  g_array_unref (p->values);
  g_free (p->name);
  g_free (p->cite);
}

static void
circumstance_clear (gpointer data)
{
  RespCircumstanceRule *c = data;
  g_free (c->id);
  g_free (c->cite);
  g_free (c->summary);
  g_free (c->note);
  g_clear_pointer (&c->condition, resp_condition_free);
}

static void
liability_clear (gpointer data)
{
  RespLiabilityRule *r = data;
  g_free (r->id);
  g_free (r->note);
  g_strfreev (r->basis);
  g_free (r->basis_hash);
  g_clear_pointer (&r->condition, resp_condition_free);
}

static void
exemption_clear (gpointer data)
{
  RespExemptionRule *e = data;
  g_free (e->reason);
  g_free (e->summary);
  g_strfreev (e->basis);
}

static void
record_kind_clear (gpointer data)
{
  RespRecordKindDecl *k = data;
  g_free (k->kind);
  g_free (k->description);
}

static void
duty_clear (gpointer data)
{
  RespDutyRule *d = data;
  g_free (d->id);
  g_clear_pointer (&d->applies, resp_condition_free);
  g_clear_pointer (&d->evidence, g_array_unref);
  g_clear_pointer (&d->answerable, g_array_unref);
  g_strfreev (d->cite);
  g_free (d->summary);
  g_free (d->note);
}

static void
layer_free (gpointer data)
{
  RespRulebookLayer *l = data;
  g_free (l->name);
  g_bytes_unref (l->bytes);
  g_free (l);
}

static void
modifier_clear (gpointer data)
{
  RespModifierRule *m = data;
  g_free (m->kind);
  g_strfreev (m->basis);
  g_clear_pointer (&m->condition, resp_condition_free);
}

static void
grade_clear (gpointer data)
{
  RespGradeRule *g = data;
  g_free (g->id);
  g_free (g->name);
  g_free (g->cite);
  g_free (g->note);
  g_clear_pointer (&g->condition, resp_condition_free);
}

static void
report_class_clear (gpointer data)
{
  RespReportClass *k = data;
  g_free (k->id);
  g_free (k->cite);
  g_clear_pointer (&k->when, resp_condition_free);
  g_clear_pointer (&k->to, g_array_unref);
}

static void
escalation_clear (gpointer data)
{
  g_clear_pointer (&((RespEscalation *) data)->to, g_array_unref);
}

static void
reporting_clear (RespReporting *r)
{
  g_strfreev (r->cite);
  g_free (r->note);
  g_clear_pointer (&r->classes, g_array_unref);
  g_clear_pointer (&r->escalations, g_array_unref);
  g_clear_pointer (&r->crime_when, resp_condition_free);
  g_clear_pointer (&r->crime_to, g_array_unref);
  g_clear_pointer (&r->notify_when, resp_condition_free);
  g_clear_pointer (&r->notify_roles, g_array_unref);
  memset (r, 0, sizeof *r);
}

static GArray *
array_of (gsize element_size, GDestroyNotify clear)
{
  GArray *a = g_array_new (FALSE, TRUE, element_size);
  g_array_set_clear_func (a, clear);
  return a;
}

static RespRulebook *
rulebook_alloc (void)
{
  RespRulebook *rb = g_new0 (RespRulebook, 1);

  g_atomic_ref_count_init (&rb->ref);
  rb->source_keys = g_ptr_array_new_with_free_func (g_free);
  rb->facts = array_of (sizeof (RespFactDecl), fact_clear);
  rb->params = array_of (sizeof (RespParamDecl), param_clear);
  rb->circumstances = array_of (sizeof (RespCircumstanceRule), circumstance_clear);
  rb->liability = array_of (sizeof (RespLiabilityRule), liability_clear);
  rb->exemptions = array_of (sizeof (RespExemptionRule), exemption_clear);
  rb->modifiers = array_of (sizeof (RespModifierRule), modifier_clear);
  rb->record_kinds = array_of (sizeof (RespRecordKindDecl), record_kind_clear);
  rb->duties = array_of (sizeof (RespDutyRule), duty_clear);
  rb->grades = array_of (sizeof (RespGradeRule), grade_clear);
  rb->layers = g_ptr_array_new_with_free_func (layer_free);
  rb->layer_ids = g_ptr_array_new_with_free_func (g_free);
  return rb;
}

/* The facts by name, for reading events: the first of each name, as the
 * walk along the list finds it; made for the facts there were then (a
 * rulebook is complete before events are read against it; a list that has
 * grown since is walked). */
typedef struct {
  GHashTable *by_name;   /* borrowed name -> index + 1 */
  guint       n_facts;
  gboolean    unique;    /* no name twice */
} RespFactIndex;

static void
fact_index_free (gpointer data)
{
  RespFactIndex *x = data;

  if (x == NULL)
    return;
  g_hash_table_unref (x->by_name);
  g_free (x);
}

static void
rulebook_free (RespRulebook *self)
{
  g_ptr_array_unref (self->source_keys);
  g_array_unref (self->facts);
  g_array_unref (self->params);
  g_array_unref (self->circumstances);
  g_array_unref (self->liability);
  g_array_unref (self->exemptions);
  g_array_unref (self->modifiers);
  g_array_unref (self->record_kinds);
  g_array_unref (self->duties);
  g_array_unref (self->grades);
  reporting_clear (&self->reporting);
  g_ptr_array_unref (self->layers);
  g_ptr_array_unref (self->layer_ids);
  g_strfreev (self->collective_basis);
  fact_index_free (self->fact_index);
  g_free (self->id);
  g_free (self->title);
  g_free (self->text);
  g_free (self);
}

/**
 * resp_rulebook_ref:
 * @self: a #RespRulebook
 *
 * Takes a reference on @self.
 *
 * Returns: (transfer full): @self
 *
 * Since: 1.0
 */
/**
 * resp_rulebook_unref:
 * @self: (transfer full): a #RespRulebook
 *
 * Drops a reference on @self; the last one frees it.
 *
 * Since: 1.0
 */
RESP_DEFINE_REFCOUNTED_TYPE (RespRulebook, resp_rulebook, rulebook_free)

/* ---- parsing helpers ---- */

static char *
dup_string (Ctx *c, const RespJsonNode *obj, const char *key, gboolean required, const char *what)
{
  const char *s = resp_document_string (c->sink, obj, key, required, what);

  if (s != NULL && required && s[0] == '\0')
    {
      const RespJsonNode *m = resp_json_node_get_member ((RespJsonNode *) obj, key);
      resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, m->line, m->column,
                          "%s: '%s' must not be empty", what, key);
    }
  return g_strdup (s);
}

/* A citation must start with a declared source key. */
static void
check_cite (Ctx *c, const RespJsonNode *node, const char *what)
{
  const char *s = node->v.string.str;
  gsize n = strcspn (s, " ");

  for (guint i = 0; i < c->rb->source_keys->len; i++)
    {
      const char *key = c->rb->source_keys->pdata[i];
      if (strlen (key) == n && strncmp (key, s, n) == 0)
        return;
    }
  resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, node->line, node->column,
                      "%s: citation '%s' does not start with a source key", what, s);
}

static char **
read_basis (Ctx *c, const RespJsonNode *obj, const char *key, gboolean required, const char *what)
{
  const RespJsonNode *arr = resp_document_member (c->sink, obj, key, RESP_JSON_ARRAY, required, what);
  GPtrArray *out;

  if (arr == NULL)
    return NULL;
  out = g_ptr_array_new ();
  for (guint i = 0; i < arr->v.children.n; i++)
    {
      const RespJsonNode *s = arr->v.children.items[i];
      if (s->type != RESP_JSON_STRING)
        {
          resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, s->line, s->column,
                              "%s: a citation must be a string", what);
          continue;
        }
      check_cite (c, s, what);
      g_ptr_array_add (out, g_strdup (s->v.string.str));
    }
  if (out->len == 0 && required)
    resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, arr->line, arr->column,
                        "%s: '%s' needs at least one citation", what, key);
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

static void
read_period (Ctx *c, const RespJsonNode *obj, gint64 *since, gint64 *until, const char *what)
{
  *since = RESP_INSTANT_OPEN_START;
  *until = RESP_INSTANT_OPEN_END;
  resp_document_instant (c->sink, obj, "since", since, what);
  resp_document_instant (c->sink, obj, "until", until, what);
  if (*since != RESP_INSTANT_OPEN_START && *until != RESP_INSTANT_OPEN_END && *since >= *until)
    {
      const RespJsonNode *m = resp_json_node_get_member ((RespJsonNode *) obj, "until");
      resp_diag_sink_add (c->sink, RESP_ERROR_EMPTY_INTERVAL, m->line, m->column,
                          "%s: empty period: 'until' is not after 'since'", what);
    }
}

static RespCondition *
read_condition (Ctx *c, const RespJsonNode *obj, const char *key, gboolean required,
                RespSubjectKind subject, const char *what)
{
  const RespJsonNode *node = resp_json_node_get_member ((RespJsonNode *) obj, key);
  RespConditionScope scope;
  RespCondition *cond;
  RespError code;
  guint line, col;
  char *msg = NULL;

  if (node == NULL)
    {
      if (required)
        resp_diag_sink_add (c->sink, RESP_ERROR_MISSING_KEY, obj->line, obj->column,
                            "%s: missing '%s'", what, key);
      return NULL;
    }
  scope.fact_names = (const char * const *) c->fact_names->pdata;
  scope.n_facts = c->fact_names->len;
  scope.fact_index = c->fact_index;
  scope.param_names = (const char * const *) c->param_names->pdata;
  scope.n_params = c->param_names->len;
  scope.subject = subject;
  cond = resp_condition_compile (node, &scope, &code, &line, &col, &msg);
  if (cond == NULL)
    {
      resp_diag_sink_add (c->sink, code, line, col, "%s: %s", what, msg);
      g_free (msg);
    }
  return cond;
}

/* A table of ids for unique(), which owns its keys. */
static GHashTable *
id_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Records value as defined by the current layer; FALSE (with the error at
 * the later position) when this or a lower layer defined it already. */
static gboolean
unique (Ctx *c, GHashTable *seen, const RespJsonNode *obj, const char *key, const char *value,
        const char *what)
{
  const RespJsonNode *m = resp_json_node_get_member ((RespJsonNode *) obj, key);
  gpointer layer;

  if (value == NULL)
    return FALSE;
  if (g_hash_table_lookup_extended (seen, value, NULL, &layer))
    {
      guint l = GPOINTER_TO_UINT (layer) - 1;

      if (l == c->layer)
        resp_diag_sink_add (c->sink, RESP_ERROR_DUPLICATE_ID, m->line, m->column,
                            "%s: duplicate %s '%s'", what, key, value);
      else
        resp_diag_sink_add (c->sink, RESP_ERROR_DUPLICATE_ID, m->line, m->column,
                            "%s: %s '%s' is already defined by the rulebook '%s' below",
                            what, key, value, (const char *) c->rb->layer_ids->pdata[l]);
      return FALSE;
    }
  g_hash_table_insert (seen, g_strdup (value), GUINT_TO_POINTER (c->layer + 1));
  return TRUE;
}

/* ---- sections ---- */

static void
read_sources (Ctx *c, const RespJsonNode *arr)
{
  static const char * const keys[] = { "key", "title", "date", "note", NULL };
  GHashTable *seen = c->defined[ID_SOURCE];

  for (guint i = 0; i < arr->v.children.n; i++)
    {
      const RespJsonNode *o = resp_document_object_at (c->sink, arr, i, NULL, "a source");
      const char *key;

      if (o == NULL)
        continue;
      resp_document_check_keys (c->sink, o, keys, "source");
      key = resp_document_string (c->sink, o, "key", TRUE, "source");
      resp_document_string (c->sink, o, "title", TRUE, "source");
      resp_document_string (c->sink, o, "date", FALSE, "source");
      resp_document_string (c->sink, o, "note", FALSE, "source");
      if (key != NULL && strchr (key, ' ') != NULL)
        {
          const RespJsonNode *m = resp_json_node_get_member ((RespJsonNode *) o, "key");
          resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, m->line, m->column,
                              "source: a key must be one word, not '%s'", key);
        }
      else if (unique (c, seen, o, "key", key, "source"))
        g_ptr_array_add (c->rb->source_keys, g_strdup (key));
    }
}

static void
read_facts (Ctx *c, const RespJsonNode *arr)
{
  static const char * const keys[] = { "name", "type", "min", "description", "derive", NULL };
  static const char * const derive_names[] = { "overdue_notice", "timeline" };
  GHashTable *seen = c->defined[ID_FACT];

  for (guint i = 0; i < arr->v.children.n; i++)
    {
      const RespJsonNode *o = resp_document_object_at (c->sink, arr, i, NULL, "a fact");
      const RespJsonNode *t, *min;
      RespFactDecl f = { 0 };
      const char *name;
      int type = -1;

      if (o == NULL)
        continue;
      resp_document_check_keys (c->sink, o, keys, "fact");
      name = resp_document_string (c->sink, o, "name", TRUE, "fact");
      t = resp_document_member (c->sink, o, "type", RESP_JSON_STRING, TRUE, "fact");
      if (t != NULL && (type = resp_name_lookup (fact_types, 4, t->v.string.str)) < 0)
        resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, t->line, t->column,
                            "fact: type '%s' is not bool, number, integer or string", t->v.string.str);
      min = resp_document_member (c->sink, o, "min", RESP_JSON_NUMBER, FALSE, "fact");
      f.description = dup_string (c, o, "description", TRUE, "fact");
      if ((t = resp_document_member (c->sink, o, "derive", RESP_JSON_STRING, FALSE, "fact")) != NULL)
        {
          int k = resp_name_lookup (derive_names, G_N_ELEMENTS (derive_names), t->v.string.str);
          char hint[300];

          if (k < 0)
            resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, t->line, t->column,
                                "fact: 'derive' must be overdue_notice or timeline, not '%s'%s", t->v.string.str,
                                resp_input_hint (hint, sizeof hint, derive_names,
                                                 G_N_ELEMENTS (derive_names), t->v.string.str));
          else if (type != RESP_FACT_BOOL)
            resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, t->line, t->column,
                                "fact: only a bool fact can be derived");
          else
            f.derive = (RespDerive) (k + 1);
        }
      if (!unique (c, seen, o, "name", name, "fact") || type < 0)
        {
          g_free (f.description);
          continue;
        }
      f.name = g_strdup (name);
      f.type = (RespFactType) type;
      f.has_min = min != NULL;
      f.min = min != NULL ? min->v.number.value : 0;
      g_array_append_val (c->rb->facts, f);
      g_ptr_array_add (c->fact_names, f.name);
      if (!g_hash_table_contains (c->fact_index, f.name))
        g_hash_table_insert (c->fact_index, f.name, GUINT_TO_POINTER (c->fact_names->len));
    }
}

static gboolean
read_param_value (Ctx *c, const RespJsonNode *v, RespParamValue *pv)
{
  switch (v->type)
    {
    case RESP_JSON_BOOL:
      pv->value.type = RESP_VALUE_BOOL;
      pv->value.boolean = v->v.boolean;
      return TRUE;
    case RESP_JSON_NUMBER:
      pv->value.type = RESP_VALUE_NUMBER;
      pv->value.number = v->v.number.value;
      return TRUE;
    case RESP_JSON_STRING:
      pv->str = g_strdup (v->v.string.str);
      pv->value.type = RESP_VALUE_STRING;
      pv->value.string = pv->str;
      return TRUE;
    default:
      resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, v->line, v->column,
                          "parameter: a value must be a number, boolean or string");
      return FALSE;
    }
}

/* A count a duty can require: an integer from 1 to a million. */
static gboolean
is_count (double v)
{
  return v >= 1 && v <= 1e6 && v == (double) (guint) v;
}

/* Every value of parameter index (whose values array is at values_node)
 * must be a count where a duty's at_least names it. */
static void
check_duty_params (Ctx *c, guint index, const RespJsonNode *values_node, GArray *values)
{
  for (guint d = 0; d < c->rb->duties->len; d++)
    {
      const RespDutyRule *duty = &g_array_index (c->rb->duties, RespDutyRule, d);

      if (duty->at_least_param != (int) index)
        continue;
      for (guint k = 0; k < values->len; k++)
        {
          const RespParamValue *pv = &g_array_index (values, RespParamValue, k);
          const RespJsonNode *at = values_node;

          /* the value's own position, when the array still holds it */
          if (values_node != NULL && values_node->v.children.n == values->len)
            {
              const RespJsonNode *v = resp_json_node_get_member (values_node->v.children.items[k],
                                                                 "value");
              at = v != NULL ? v : values_node->v.children.items[k];
            }
          if (pv->value.type != RESP_VALUE_NUMBER || !is_count (pv->value.number))
            resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, at->line, at->column,
                                "parameter '%s' is the at_least of duty '%s': its values must be "
                                "whole numbers from 1", (const char *) c->param_names->pdata[index],
                                duty->id);
        }
      return;
    }
}

static void
read_params (Ctx *c, const RespJsonNode *arr)
{
  static const char * const keys[] = { "name", "cite", "values", "note", NULL };
  static const char * const vkeys[] = { "since", "until", "value", NULL };
  GHashTable *seen = id_table ();

  for (guint i = 0; i < arr->v.children.n; i++)
    {
      const RespJsonNode *o = resp_document_object_at (c->sink, arr, i, NULL, "a parameter"), *values;
      RespParamDecl p = { 0 };
      const char *name;
      int prev;

      if (o == NULL)
        continue;
      resp_document_check_keys (c->sink, o, keys, "parameter");
      resp_document_string (c->sink, o, "note", FALSE, "parameter");
      name = resp_document_string (c->sink, o, "name", TRUE, "parameter");
      values = resp_document_member (c->sink, o, "values", RESP_JSON_ARRAY, TRUE, "parameter");
      p.cite = dup_string (c, o, "cite", TRUE, "parameter");
      if (p.cite != NULL)
        check_cite (c, resp_json_node_get_member ((RespJsonNode *) o, "cite"), "parameter");
      p.values = array_of (sizeof (RespParamValue), param_value_clear);
      for (guint k = 0; values != NULL && k < values->v.children.n; k++)
        {
          const RespJsonNode *vo = values->v.children.items[k], *v;
          RespParamValue pv = { 0 };

          if (vo->type != RESP_JSON_OBJECT)
            {
              resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, vo->line, vo->column,
                                  "parameter: each value must be an object {since, until, value}");
              continue;
            }
          resp_document_check_keys (c->sink, vo, vkeys, "parameter value");
          read_period (c, vo, &pv.since, &pv.until, "parameter value");
          v = resp_json_node_get_member ((RespJsonNode *) vo, "value");
          if (v == NULL)
            resp_diag_sink_add (c->sink, RESP_ERROR_MISSING_KEY, vo->line, vo->column,
                                "parameter value: missing 'value'");
          else if (read_param_value (c, v, &pv))
            {
              for (guint j = 0; j < p.values->len; j++)
                {
                  const RespParamValue *q = &g_array_index (p.values, RespParamValue, j);
                  if (pv.since < q->until && q->since < pv.until)
                    resp_diag_sink_add (c->sink, RESP_ERROR_CARDINALITY, vo->line, vo->column,
                                        "parameter '%s': two values in force at once", name ? name : "?");
                }
              g_array_append_val (p.values, pv);
            }
        }
      if (!unique (c, seen, o, "name", name, "parameter"))
        {
          g_array_unref (p.values);
          g_free (p.cite);
          continue;
        }
      if ((prev = resp_name_lookup ((const char * const *) c->param_names->pdata,
                                    c->param_names->len, name)) >= 0)
        {
          /* a lower layer's: this one's values replace all of those
           * (conditions and duties keep reading it by its index) */
          RespParamDecl *q = &g_array_index (c->rb->params, RespParamDecl, prev);

          check_duty_params (c, (guint) prev, values, p.values);
          g_array_unref (q->values);
          g_free (q->cite);
          q->values = p.values;
          q->cite = p.cite;
          continue;
        }
      p.name = g_strdup (name);
      g_array_append_val (c->rb->params, p);
      g_ptr_array_add (c->param_names, p.name);
    }
  g_hash_table_unref (seen);
}

static void
read_circumstances (Ctx *c, const RespJsonNode *arr)
{
  static const char * const keys[] = { "id", "cite", "scope", "summary", "note", "since", "until",
                                       "condition", NULL };
  GHashTable *seen = c->defined[ID_CIRCUMSTANCE];

  if (arr->v.children.n == 0)
    resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, arr->line, arr->column,
                        "a rulebook needs at least one circumstance");
  for (guint i = 0; i < arr->v.children.n; i++)
    {
      const RespJsonNode *o = resp_document_object_at (c->sink, arr, i, NULL, "a circumstance"), *scope;
      RespCircumstanceRule r = { 0 };
      const char *id;
      char what[160];

      if (o == NULL)
        continue;
      id = resp_document_string (c->sink, o, "id", TRUE, "circumstance");
      resp_document_what (what, sizeof what, "circumstance", id ? id : "?");
      resp_document_check_keys (c->sink, o, keys, what);
      r.cite = dup_string (c, o, "cite", TRUE, what);
      if (r.cite != NULL)
        check_cite (c, resp_json_node_get_member ((RespJsonNode *) o, "cite"), what);
      r.summary = dup_string (c, o, "summary", TRUE, what);
      r.note = dup_string (c, o, "note", FALSE, what);
      scope = resp_document_member (c->sink, o, "scope", RESP_JSON_STRING, TRUE, what);
      if (scope != NULL)
        {
          r.event_scope = g_str_equal (scope->v.string.str, "event");
          if (!r.event_scope && !g_str_equal (scope->v.string.str, "system"))
            resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, scope->line, scope->column,
                                "%s: scope must be 'system' or 'event', not '%s'", what,
                                scope->v.string.str);
        }
      read_period (c, o, &r.since, &r.until, what);
      r.condition = read_condition (c, o, "condition", TRUE,
                                    r.event_scope ? RESP_SUBJECT_NONE : RESP_SUBJECT_SYSTEM, what);
      r.id = g_strdup (id);
      if (!unique (c, seen, o, "id", id, "circumstance"))
        {
          g_free (r.id);
          r.id = NULL;
        }
      g_array_append_val (c->rb->circumstances, r);
    }
}

static void
read_liability (Ctx *c, const RespJsonNode *arr)
{
  static const char * const keys[] = { "id", "role", "category", "basis", "from", "only",
                                       "condition", "note", "since", "until", NULL };
  static const char * const seat_roles[] = { "first_responsible", "direct_responsible", "team_member", NULL };
  GHashTable *seen = c->defined[ID_LIABILITY];

  for (guint i = 0; i < arr->v.children.n; i++)
    {
      const RespJsonNode *o = resp_document_object_at (c->sink, arr, i, NULL, "a liability rule"), *role, *cat, *from, *only;
      RespLiabilityRule r = { 0 };
      const char *id;
      char what[160];
      int k;

      if (o == NULL)
        continue;
      id = resp_document_string (c->sink, o, "id", TRUE, "liability rule");
      resp_document_what (what, sizeof what, "liability rule", id ? id : "?");
      resp_document_check_keys (c->sink, o, keys, what);
      role = resp_document_member (c->sink, o, "role", RESP_JSON_STRING, TRUE, what);
      if (role != NULL && !resp_role_from_string (role->v.string.str, &r.role))
        {
          char hint[128];
          resp_diag_sink_add (c->sink, RESP_ERROR_UNKNOWN_ROLE, role->line, role->column,
                              "%s: unknown role '%s'%s", what, role->v.string.str,
                              resp_did_you_mean (hint, sizeof hint,
                                                 RESP_VOCAB_SUGGEST (resp_roles, role->v.string.str)));
        }
      cat = resp_document_member (c->sink, o, "category", RESP_JSON_STRING, TRUE, what);
      if (cat != NULL)
        {
          k = RESP_VOCAB_FIND (resp_categories, cat->v.string.str);
          if (k < 0)
            resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, cat->line, cat->column,
                                "%s: category '%s' is not direct, primary_leadership or important_leadership",
                                what, cat->v.string.str);
          else
            r.category = (RespCategory) k;
        }
      r.basis = read_basis (c, o, "basis", TRUE, what);
      if (r.basis != NULL)
        {
          guint n = g_strv_length (r.basis);
          r.basis_hash = g_new (guint32, MAX (n, 1));
          for (guint b = 0; b < n; b++)
            r.basis_hash[b] = g_str_hash (r.basis[b]);
        }
      from = resp_document_member (c->sink, o, "from", RESP_JSON_STRING, FALSE, what);
      if (from != NULL)
        {
          r.from_decision = g_str_equal (from->v.string.str, "decision");
          if (!r.from_decision && !g_str_equal (from->v.string.str, "subject"))
            resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, from->line, from->column,
                                "%s: 'from' must be 'subject' or 'decision'", what);
          else if (r.from_decision && role != NULL &&
                   resp_name_lookup (seat_roles, 3, role->v.string.str) < 0)
            resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, role->line, role->column,
                                "%s: a rule from a decision holds a seat role (first_responsible, "
                                "direct_responsible or team_member)", what);
        }
      only = resp_document_member (c->sink, o, "only", RESP_JSON_STRING, FALSE, what);
      if (only != NULL)
        {
          r.only_participant = g_str_equal (only->v.string.str, "decision_participant");
          if (!r.only_participant)
            resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, only->line, only->column,
                                "%s: 'only' can be 'decision_participant'", what);
        }
      r.note = dup_string (c, o, "note", FALSE, what);
      read_period (c, o, &r.since, &r.until, what);
      r.condition = read_condition (c, o, "condition", FALSE, RESP_SUBJECT_SYSTEM, what);
      r.id = g_strdup (id);
      unique (c, seen, o, "id", id, "liability rule");
      g_array_append_val (c->rb->liability, r);
    }
}

static void
read_exemptions (Ctx *c, const RespJsonNode *arr)
{
  static const char * const keys[] = { "reason", "basis", "summary", NULL };
  GHashTable *seen = c->defined[ID_EXEMPTION];

  for (guint i = 0; i < arr->v.children.n; i++)
    {
      const RespJsonNode *o = resp_document_object_at (c->sink, arr, i, NULL, "an exemption");
      RespExemptionRule e = { 0 };
      const char *reason;

      if (o == NULL)
        continue;
      resp_document_check_keys (c->sink, o, keys, "exemption");
      reason = resp_document_string (c->sink, o, "reason", TRUE, "exemption");
      e.basis = read_basis (c, o, "basis", TRUE, "exemption");
      e.summary = dup_string (c, o, "summary", FALSE, "exemption");
      e.reason = g_strdup (reason);
      unique (c, seen, o, "reason", reason, "exemption");
      g_array_append_val (c->rb->exemptions, e);
    }
}

static void
read_modifiers (Ctx *c, const RespJsonNode *arr)
{
  static const char * const keys[] = { "kind", "basis", "since", "until", "condition", "summary", NULL };

  for (guint i = 0; i < arr->v.children.n; i++)
    {
      const RespJsonNode *o = resp_document_object_at (c->sink, arr, i, NULL, "a modifier");
      RespModifierRule m = { 0 };

      if (o == NULL)
        continue;
      resp_document_check_keys (c->sink, o, keys, "modifier");
      resp_document_string (c->sink, o, "summary", FALSE, "modifier");
      m.kind = dup_string (c, o, "kind", TRUE, "modifier");
      m.basis = read_basis (c, o, "basis", TRUE, "modifier");
      read_period (c, o, &m.since, &m.until, "modifier");
      m.condition = read_condition (c, o, "condition", TRUE, RESP_SUBJECT_NONE, "modifier");
      g_array_append_val (c->rb->modifiers, m);
    }
}

/* ---- record kinds and duties (SPEC §8.1) ---- */

static const char * const builtin_kinds[] = { "notice", "rectification" };

static void
read_record_kinds (Ctx *c, const RespJsonNode *arr)
{
  static const char * const keys[] = { "kind", "description", NULL };

  for (guint i = 0; i < arr->v.children.n; i++)
    {
      const RespJsonNode *o = resp_document_object_at (c->sink, arr, i, NULL, "a record kind"), *kn;
      RespRecordKindDecl k = { 0 };
      const char *kind;

      if (o == NULL)
        continue;
      resp_document_check_keys (c->sink, o, keys, "record kind");
      kind = resp_document_string (c->sink, o, "kind", TRUE, "record kind");
      k.description = dup_string (c, o, "description", TRUE, "record kind");
      kn = resp_json_node_get_member ((RespJsonNode *) o, "kind");
      if (kind != NULL && (kind[0] == '\0' || strpbrk (kind, " \t\r\n") != NULL))
        {
          resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, kn->line, kn->column,
                              "record kind: a kind must be one word, not '%s'", kind);
          kind = NULL;
        }
      else if (kind != NULL && resp_name_lookup (builtin_kinds, 2, kind) >= 0)
        {
          resp_diag_sink_add (c->sink, RESP_ERROR_DUPLICATE_ID, kn->line, kn->column,
                              "record kind: '%s' is built in and cannot be declared", kind);
          kind = NULL;
        }
      if (!unique (c, c->defined[ID_RECORD_KIND], o, "kind", kind, "record kind"))
        {
          g_free (k.description);
          continue;
        }
      k.kind = g_strdup (kind);
      g_array_append_val (c->rb->record_kinds, k);
    }
}

/* An enumerated string member: its index among n names (a column of a
 * table, stride bytes apart), or -1 after reporting it. */
static int
read_word (Ctx *c, const RespJsonNode *obj, const char *key, const char * const *first,
           gsize stride, guint n, const char *what)
{
  const RespJsonNode *m = resp_document_member (c->sink, obj, key, RESP_JSON_STRING, TRUE, what);
  char hint[300];
  int k;

  if (m == NULL)
    return -1;
  k = resp_vocab_find (first, stride, n, m->v.string.str);
  if (k < 0)
    {
      GString *all = g_string_new (NULL);
      const char *p = (const char *) first;

      for (guint i = 0; i < n; i++, p += stride)
        g_string_append_printf (all, "%s%s", i ? ", " : "", *(const char * const *) (gconstpointer) p);
      resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, m->line, m->column,
                          "%s: %s '%s' is not one of %s%s", what, key, m->v.string.str, all->str,
                          resp_did_you_mean (hint, sizeof hint,
                                             resp_vocab_suggest (first, stride, n, m->v.string.str)));
      g_string_free (all, TRUE);
    }
  return k;
}

static void
read_at_least (Ctx *c, const RespJsonNode *o, RespDutyRule *d, const char *what)
{
  const RespJsonNode *m = resp_json_node_get_member ((RespJsonNode *) o, "at_least"), *p;
  static const char * const keys[] = { "param", NULL };
  char hint[300];

  d->at_least_param = -1;
  if (m == NULL)
    {
      resp_diag_sink_add (c->sink, RESP_ERROR_MISSING_KEY, o->line, o->column,
                          "%s: missing 'at_least'", what);
      return;
    }
  if (m->type == RESP_JSON_NUMBER)
    {
      if (!is_count (m->v.number.value))
        resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, m->line, m->column,
                            "%s: 'at_least' must be a whole number from 1", what);
      else
        d->at_least = (guint) m->v.number.value;
      return;
    }
  if (m->type != RESP_JSON_OBJECT)
    {
      resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, m->line, m->column,
                          "%s: 'at_least' must be a number or {\"param\": NAME}", what);
      return;
    }
  resp_document_check_keys (c->sink, m, keys, what);
  p = resp_document_member (c->sink, m, "param", RESP_JSON_STRING, TRUE, what);
  if (p == NULL)
    return;
  d->at_least_param = resp_name_lookup ((const char * const *) c->param_names->pdata,
                                        c->param_names->len, p->v.string.str);
  if (d->at_least_param < 0)
    {
      resp_diag_sink_add (c->sink, RESP_ERROR_UNKNOWN_VARIABLE, p->line, p->column,
                          "%s: no parameter '%s'%s", what, p->v.string.str,
                          resp_input_hint (hint, sizeof hint,
                                           (const char * const *) c->param_names->pdata,
                                           c->param_names->len, p->v.string.str));
      return;
    }
  /* its values, as they stand now (a later layer's are checked when read) */
  {
    const RespParamDecl *pd = &g_array_index (c->rb->params, RespParamDecl, d->at_least_param);

    for (guint k = 0; k < pd->values->len; k++)
      {
        const RespValue *v = &g_array_index (pd->values, RespParamValue, k).value;
        if (v->type != RESP_VALUE_NUMBER || !is_count (v->number))
          {
            resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, p->line, p->column,
                                "%s: parameter '%s' has a value that is not a whole number from 1",
                                what, p->v.string.str);
            break;
          }
      }
  }
}

static GArray *
read_evidence (Ctx *c, const RespJsonNode *o, const char *what)
{
  const RespJsonNode *arr = resp_document_member (c->sink, o, "evidence", RESP_JSON_ARRAY, TRUE, what);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));

  if (arr == NULL)
    return out;
  if (arr->v.children.n == 0)
    resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, arr->line, arr->column,
                        "%s: 'evidence' needs at least one record kind", what);
  for (guint i = 0; i < arr->v.children.n; i++)
    {
      const RespJsonNode *k = arr->v.children.items[i];
      int idx;

      if (k->type != RESP_JSON_STRING)
        {
          resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, k->line, k->column,
                              "%s: a record kind must be a string", what);
          continue;
        }
      idx = resp_rulebook_find_record_kind (c->rb, k->v.string.str);
      if (idx < 0)
        {
          GPtrArray *names = g_ptr_array_new ();
          char hint[300];

          for (guint j = 0; j < c->rb->record_kinds->len; j++)
            g_ptr_array_add (names, g_array_index (c->rb->record_kinds, RespRecordKindDecl, j).kind);
          resp_diag_sink_add (c->sink, RESP_ERROR_UNKNOWN_KIND, k->line, k->column,
                              "%s: record kind '%s' is not declared in record_kinds%s", what,
                              k->v.string.str,
                              resp_input_hint (hint, sizeof hint, (const char * const *) names->pdata,
                                               names->len, k->v.string.str));
          g_ptr_array_unref (names);
          continue;
        }
      g_array_append_val (out, idx);
    }
  return out;
}

static GArray *
read_answerable (Ctx *c, const RespJsonNode *o, int bearer, const char *what)
{
  static const char * const keys[] = { "role", "category", NULL };
  const RespJsonNode *arr = resp_document_member (c->sink, o, "answerable", RESP_JSON_ARRAY, TRUE, what);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (RespDutyAnswerable));

  if (arr == NULL)
    return out;
  for (guint i = 0; i < arr->v.children.n; i++)
    {
      const RespJsonNode *a = resp_document_object_at (c->sink, arr, i, what, "an answerable role");
      const RespJsonNode *role;
      RespDutyAnswerable entry = { 0 };
      int r, k;

      if (a == NULL)
        continue;
      resp_document_check_keys (c->sink, a, keys, what);
      role = resp_document_member (c->sink, a, "role", RESP_JSON_STRING, TRUE, what);
      k = read_word (c, a, "category", &resp_categories[0].name, sizeof resp_categories[0],
                     RESP_N_CATEGORIES, what);
      if (role == NULL)
        continue;
      r = RESP_VOCAB_FIND (resp_roles, role->v.string.str);
      if (r < 0)
        {
          char hint[128];
          resp_diag_sink_add (c->sink, RESP_ERROR_UNKNOWN_ROLE, role->line, role->column,
                              "%s: unknown role '%s'%s", what, role->v.string.str,
                              resp_did_you_mean (hint, sizeof hint,
                                                 RESP_VOCAB_SUGGEST (resp_roles, role->v.string.str)));
          continue;
        }
      if (!(RESP_PERSON_ROLES & RESP_ROLE_BIT (r)) || r == RESP_ROLE_INVOLVED)
        {
          resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, role->line, role->column,
                              "%s: role '%s' is not a person's (or, like involved, only an event's)",
                              what, role->v.string.str);
          continue;
        }
      if (bearer == RESP_BEARER_COMMITTEE && !resp_roles[r].through_seat)
        {
          resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, role->line, role->column,
                              "%s: a committee's duty is answered through its seats "
                              "(first_responsible, direct_responsible or team_member), not '%s'",
                              what, role->v.string.str);
          continue;
        }
      if (k < 0)
        continue;
      entry.role = (RespRole) r;
      entry.category = (RespCategory) k;
      g_array_append_val (out, entry);
    }
  return out;
}

static void
read_duties (Ctx *c, const RespJsonNode *arr)
{
  static const char * const keys[] = { "id", "bearer", "applies", "every", "at_least", "evidence",
                                       "answerable", "weight", "cite", "summary", "note", "since",
                                       "until", NULL };

  for (guint i = 0; i < arr->v.children.n; i++)
    {
      const RespJsonNode *o = resp_document_object_at (c->sink, arr, i, NULL, "a duty"), *w;
      RespDutyRule d = { 0 };
      const char *id;
      char what[160];
      int bearer, every;

      if (o == NULL)
        continue;
      id = resp_document_string (c->sink, o, "id", TRUE, "duty");
      resp_document_what (what, sizeof what, "duty", id ? id : "?");
      resp_document_check_keys (c->sink, o, keys, what);
      bearer = read_word (c, o, "bearer", &resp_bearers[0].name, sizeof resp_bearers[0],
                          RESP_N_BEARERS, what);
      every = read_word (c, o, "every", &resp_every[0].name, sizeof resp_every[0], RESP_N_EVERY, what);
      if (bearer >= 0)
        d.applies = read_condition (c, o, "applies", FALSE, resp_bearers[bearer].subject, what);
      read_at_least (c, o, &d, what);
      d.evidence = read_evidence (c, o, what);
      d.answerable = read_answerable (c, o, bearer, what);
      d.weight = 1;
      w = resp_document_member (c->sink, o, "weight", RESP_JSON_NUMBER, FALSE, what);
      if (w != NULL && !(w->v.number.value > 0 && w->v.number.value <= 1e6))
        resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, w->line, w->column,
                            "%s: 'weight' must be a number above 0 (and at most 1000000)", what);
      else if (w != NULL)
        d.weight = w->v.number.value;
      d.cite = read_basis (c, o, "cite", TRUE, what);
      d.summary = dup_string (c, o, "summary", TRUE, what);
      d.note = dup_string (c, o, "note", FALSE, what);
      read_period (c, o, &d.since, &d.until, what);
      d.bearer = bearer >= 0 ? (RespBearer) bearer : RESP_BEARER_COMMITTEE;
      d.every = every >= 0 ? (RespEvery) every : RESP_EVERY_YEAR;
      if (unique (c, c->defined[ID_DUTY], o, "id", id, "duty"))
        d.id = g_strdup (id);
      g_array_append_val (c->rb->duties, d);
    }
}

/* ---- grades and reporting (SPEC §9.2, §9.3) ---- */

static void
read_grades (Ctx *c, const RespJsonNode *arr)
{
  static const char * const keys[] = { "id", "name", "cite", "note", "condition", NULL };

  /* the list is an order, most severe first: one layer gives it whole (a
   * later one changes thresholds through parameters) */
  if (c->rb->grades->len > 0)
    {
      resp_diag_sink_add (c->sink, RESP_ERROR_DUPLICATE_ID, arr->line, arr->column,
                          "rulebook: the grades are defined by a rulebook below; a layer "
                          "changes their thresholds through parameters");
      return;
    }
  for (guint i = 0; i < arr->v.children.n; i++)
    {
      const RespJsonNode *o = resp_document_object_at (c->sink, arr, i, NULL, "a grade");
      RespGradeRule g = { 0 };
      const char *id;
      char what[160];

      if (o == NULL)
        continue;
      id = resp_document_string (c->sink, o, "id", TRUE, "grade");
      resp_document_what (what, sizeof what, "grade", id ? id : "?");
      resp_document_check_keys (c->sink, o, keys, what);
      g.name = dup_string (c, o, "name", TRUE, what);
      g.cite = dup_string (c, o, "cite", TRUE, what);
      if (g.cite != NULL)
        check_cite (c, resp_json_node_get_member ((RespJsonNode *) o, "cite"), what);
      g.note = dup_string (c, o, "note", FALSE, what);
      /* a grade's alternatives may read the subject systems (any one) */
      g.condition = read_condition (c, o, "condition", FALSE, RESP_SUBJECT_SYSTEM, what);
      if (!unique (c, c->defined[ID_GRADE], o, "id", id, "grade"))
        {
          grade_clear (&g);
          continue;
        }
      g.id = g_strdup (id);
      g_array_append_val (c->rb->grades, g);
    }
}

/* A grade named by key of obj: its index, or -1 after reporting it. */
static int
read_grade_ref (Ctx *c, const RespJsonNode *obj, const char *key, const char *what)
{
  const RespJsonNode *m = resp_document_member (c->sink, obj, key, RESP_JSON_STRING, TRUE, what);
  GPtrArray *names;
  char hint[300];
  int k;

  if (m == NULL)
    return -1;
  if ((k = resp_rulebook_find_grade (c->rb, m->v.string.str)) >= 0)
    return k;
  names = g_ptr_array_new ();
  for (guint i = 0; i < c->rb->grades->len; i++)
    g_ptr_array_add (names, g_array_index (c->rb->grades, RespGradeRule, i).id);
  resp_diag_sink_add (c->sink, RESP_ERROR_UNKNOWN_GRADE, m->line, m->column,
                      "%s: '%s' names no grade of the rulebook%s", what, m->v.string.str,
                      resp_input_hint (hint, sizeof hint, (const char **) names->pdata, names->len,
                                       m->v.string.str));
  g_ptr_array_unref (names);
  return -1;
}

/* A time limit in hours or days (a positive number), in microseconds;
 * 0 after reporting a problem. */
static gint64
read_limit (Ctx *c, const RespJsonNode *obj, const char *key, double unit_seconds, const char *what)
{
  const RespJsonNode *m = resp_document_member (c->sink, obj, key, RESP_JSON_NUMBER, TRUE, what);

  if (m == NULL)
    return 0;
  if (!(m->v.number.value > 0) || m->v.number.value * unit_seconds > 1e12)
    {
      resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, m->line, m->column,
                          "%s: '%s' must be a positive number", what, key);
      return 0;
    }
  return (gint64) (m->v.number.value * unit_seconds * 1e6 + 0.5);
}

static gboolean
read_role_name (Ctx *c, const RespJsonNode *m, RespRole *out, const char *what)
{
  char hint[128];

  if (m->type == RESP_JSON_STRING && resp_role_from_string (m->v.string.str, out))
    return TRUE;
  if (m->type != RESP_JSON_STRING)
    resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, m->line, m->column,
                        "%s: a role must be a string", what);
  else
    resp_diag_sink_add (c->sink, RESP_ERROR_UNKNOWN_ROLE, m->line, m->column,
                        "%s: unknown role '%s'%s", what, m->v.string.str,
                        resp_did_you_mean (hint, sizeof hint,
                                           RESP_VOCAB_SUGGEST (resp_roles, m->v.string.str)));
  return FALSE;
}

/* The roles a report can go to: units a role resolves to from the operator. */
static gboolean
recipient_role (RespRole r)
{
  return r == RESP_ROLE_COORDINATOR || r == RESP_ROLE_REGULATOR || r == RESP_ROLE_PROTECTION_DEPT
      || r == RESP_ROLE_PUBLIC_SECURITY || r == RESP_ROLE_STATE_SECURITY || r == RESP_ROLE_AUDIT_OFFICE;
}

/* The region organs a role with a `region_level` reads. */
static gboolean
regional_role (RespRole r)
{
  return r == RESP_ROLE_COORDINATOR || r == RESP_ROLE_PUBLIC_SECURITY
      || r == RESP_ROLE_STATE_SECURITY || r == RESP_ROLE_AUDIT_OFFICE;
}

static GArray *
read_recipients (Ctx *c, const RespJsonNode *obj, const char *key, const char *what)
{
  static const char * const keys[] = { "role", "region_level", "else_own", NULL };
  const RespJsonNode *arr = resp_document_member (c->sink, obj, key, RESP_JSON_ARRAY, TRUE, what);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (RespRecipient));

  for (guint i = 0; arr != NULL && i < arr->v.children.n; i++)
    {
      const RespJsonNode *o = resp_document_object_at (c->sink, arr, i, what, "a recipient"), *m;
      RespRecipient r = { RESP_ROLE_COORDINATOR, -1, FALSE };
      gboolean ok = TRUE;

      if (o == NULL)
        continue;
      resp_document_check_keys (c->sink, o, keys, what);
      if ((m = resp_json_node_get_member ((RespJsonNode *) o, "role")) == NULL)
        {
          resp_diag_sink_add (c->sink, RESP_ERROR_MISSING_KEY, o->line, o->column,
                              "%s: a recipient needs a 'role'", what);
          continue;
        }
      if (!read_role_name (c, m, &r.role, what))
        continue;
      if (!recipient_role (r.role))
        {
          resp_diag_sink_add (c->sink, RESP_ERROR_UNKNOWN_ROLE, m->line, m->column,
                              "%s: a report goes to a coordinator, regulator, protection_dept, "
                              "public_security, state_security or audit_office, not to '%s'",
                              what, m->v.string.str);
          continue;
        }
      if ((m = resp_json_node_get_member ((RespJsonNode *) o, "region_level")) != NULL)
        {
          r.level = m->type == RESP_JSON_STRING
                  ? resp_name_lookup (resp_region_level_names, RESP_N_REGION_LEVELS, m->v.string.str) : -1;
          if (r.level < 0)
            {
              resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, m->line, m->column,
                                  "%s: 'region_level' must be a region level", what);
              ok = FALSE;
            }
          else if (!regional_role (r.role))
            {
              resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, m->line, m->column,
                                  "%s: only a region's organ (coordinator, public_security, "
                                  "state_security, audit_office) is found by 'region_level'", what);
              ok = FALSE;
            }
        }
      if ((m = resp_document_member (c->sink, o, "else_own", RESP_JSON_BOOL, FALSE, what)) != NULL)
        r.or_own = m->v.boolean;
      if (ok)
        g_array_append_val (out, r);
    }
  return out;
}

static void
read_reporting (Ctx *c, const RespJsonNode *o)
{
  static const char * const keys[] = { "since", "until", "cite", "note", "required_from", "initial",
                                       "escalation", "crime", "summary", "notify", NULL };
  static const char * const class_keys[] = { "id", "cite", "when", "to", "within_hours", NULL };
  static const char * const esc_keys[] = { "from_grade", "after", NULL };
  static const char * const after_keys[] = { "role", "to", "within_hours", NULL };
  static const char * const crime_keys[] = { "when", "to", NULL };
  static const char * const summary_keys[] = { "within_days", NULL };
  static const char * const notify_keys[] = { "when", "roles", NULL };
  const char *what = "reporting";
  RespReporting r = { 0 };
  const RespJsonNode *m, *arr;
  int k;

  /* a later layer's reporting replaces the one below (a province's limits) */
  resp_document_check_keys (c->sink, o, keys, what);
  r.present = TRUE;
  read_period (c, o, &r.since, &r.until, what);
  r.cite = read_basis (c, o, "cite", TRUE, what);
  r.note = dup_string (c, o, "note", FALSE, what);
  if (c->rb->grades->len == 0)
    resp_diag_sink_add (c->sink, RESP_ERROR_MISSING_KEY, o->line, o->column,
                        "%s: the rulebook has no 'grades' to report by", what);
  k = read_grade_ref (c, o, "required_from", what);
  r.required_grade = k < 0 ? 0 : (guint) k;

  r.classes = array_of (sizeof (RespReportClass), report_class_clear);
  if ((arr = resp_document_member (c->sink, o, "initial", RESP_JSON_ARRAY, TRUE, what)) != NULL)
    for (guint i = 0; i < arr->v.children.n; i++)
      {
        const RespJsonNode *co = resp_document_object_at (c->sink, arr, i, what, "a reporter class");
        RespReportClass rc = { 0 };
        char cwhat[160];
        const char *id;

        if (co == NULL)
          continue;
        id = resp_document_string (c->sink, co, "id", TRUE, what);
        resp_document_what (cwhat, sizeof cwhat, "reporter class", id ? id : "?");
        resp_document_check_keys (c->sink, co, class_keys, cwhat);
        rc.id = g_strdup (id);
        rc.cite = dup_string (c, co, "cite", FALSE, cwhat);
        if (rc.cite != NULL)
          check_cite (c, resp_json_node_get_member ((RespJsonNode *) co, "cite"), cwhat);
        rc.when = read_condition (c, co, "when", FALSE, RESP_SUBJECT_SYSTEM, cwhat);
        rc.to = read_recipients (c, co, "to", cwhat);
        rc.within = read_limit (c, co, "within_hours", 3600, cwhat);
        g_array_append_val (r.classes, rc);
      }

  r.escalations = array_of (sizeof (RespEscalation), escalation_clear);
  if ((m = resp_document_member (c->sink, o, "escalation", RESP_JSON_OBJECT, FALSE, what)) != NULL)
    {
      resp_document_check_keys (c->sink, m, esc_keys, "escalation");
      k = read_grade_ref (c, m, "from_grade", "escalation");
      r.escalation_grade = k < 0 ? 0 : (guint) k;
      if ((arr = resp_document_member (c->sink, m, "after", RESP_JSON_ARRAY, TRUE, "escalation")) != NULL)
        for (guint i = 0; i < arr->v.children.n; i++)
          {
            const RespJsonNode *eo = resp_document_object_at (c->sink, arr, i, "escalation", "an escalation");
            const RespJsonNode *role;
            RespEscalation e = { 0 };

            if (eo == NULL)
              continue;
            resp_document_check_keys (c->sink, eo, after_keys, "escalation");
            role = resp_document_member (c->sink, eo, "role", RESP_JSON_STRING, TRUE, "escalation");
            if (role != NULL && !read_role_name (c, role, &e.role, "escalation"))
              role = NULL;
            e.to = read_recipients (c, eo, "to", "escalation");
            e.within = read_limit (c, eo, "within_hours", 3600, "escalation");
            if (role == NULL)
              {
                escalation_clear (&e);
                continue;
              }
            g_array_append_val (r.escalations, e);
          }
    }
  if ((m = resp_document_member (c->sink, o, "crime", RESP_JSON_OBJECT, FALSE, what)) != NULL)
    {
      resp_document_check_keys (c->sink, m, crime_keys, "crime report");
      r.crime_when = read_condition (c, m, "when", TRUE, RESP_SUBJECT_NONE, "crime report");
      r.crime_to = read_recipients (c, m, "to", "crime report");
    }
  if ((m = resp_document_member (c->sink, o, "summary", RESP_JSON_OBJECT, FALSE, what)) != NULL)
    {
      resp_document_check_keys (c->sink, m, summary_keys, "summary report");
      r.summary_within = read_limit (c, m, "within_days", 86400, "summary report");
    }
  if ((m = resp_document_member (c->sink, o, "notify", RESP_JSON_OBJECT, FALSE, what)) != NULL)
    {
      resp_document_check_keys (c->sink, m, notify_keys, "notify");
      r.notify_when = read_condition (c, m, "when", TRUE, RESP_SUBJECT_NONE, "notify");
      r.notify_roles = g_array_new (FALSE, FALSE, sizeof (RespRole));
      if ((arr = resp_document_member (c->sink, m, "roles", RESP_JSON_ARRAY, TRUE, "notify")) != NULL)
        for (guint i = 0; i < arr->v.children.n; i++)
          {
            RespRole role;
            if (!read_role_name (c, arr->v.children.items[i], &role, "notify"))
              continue;
            if (!regional_role (role))
              resp_diag_sink_add (c->sink, RESP_ERROR_UNKNOWN_ROLE, arr->v.children.items[i]->line,
                                  arr->v.children.items[i]->column,
                                  "notify: only a region's organ (public_security, state_security, "
                                  "audit_office, coordinator) is notified");
            else
              g_array_append_val (r.notify_roles, role);
          }
    }
  reporting_clear (&c->rb->reporting);
  c->rb->reporting = r;
}

/* ---- layers (SPEC §8.6) ---- */

/* The rulebooks shipped with the library, by the id each declares. */
static const struct {
  const char *name;
  const char *resource;
} shipped[] = {
  { "cn-party-cyber-2017", DEFAULT_RESOURCE },
  { "cn-local-2026-example", "/org/libresp/rulebooks/cn-local-2026-example.json" },
};
#define MAX_EXTENDS 8

static int
find_shipped (const char *name)
{
  return RESP_VOCAB_FIND (shipped, name);
}

static GBytes *
shipped_bytes (guint index)
{
  GBytes *bytes = g_resource_lookup_data (resp_get_resource (), shipped[index].resource,
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  /* compiled in: its absence is a build defect, not bad data */
  g_assert (bytes != NULL);
  return bytes;
}

static void
ctx_init (Ctx *c)
{
  memset (c, 0, sizeof *c);
  c->rb = rulebook_alloc ();
  c->fact_names = g_ptr_array_new ();
  c->fact_index = g_hash_table_new (g_str_hash, g_str_equal);
  c->param_names = g_ptr_array_new ();
  for (guint k = 0; k < N_ID_KINDS; k++)
    c->defined[k] = id_table ();
}

/* The rulebook built, or NULL when ok is FALSE. */
static RespRulebook *
ctx_finish (Ctx *c, gboolean ok)
{
  RespRulebook *rb = c->rb;

  g_ptr_array_unref (c->fact_names);
  g_hash_table_unref (c->fact_index);
  g_ptr_array_unref (c->param_names);
  for (guint k = 0; k < N_ID_KINDS; k++)
    g_hash_table_unref (c->defined[k]);
  if (!ok || rb->layers->len == 0)
    {
      resp_rulebook_unref (rb);
      return NULL;
    }
  return rb;
}

static gboolean load_layer (Ctx *c, const RespInput *in, guint depth,
                            GPtrArray **diagnostics, GError **error);

/* Loads the shipped rulebook an `extends` member (m) names, unless a layer
 * below has it already. FALSE when that fails (error and diagnostics set). */
static gboolean
load_extended (Ctx *c, const RespJsonNode *m, guint depth, GPtrArray **diagnostics, GError **error)
{
  char hint[300];
  int k;

  if (m->type != RESP_JSON_STRING)
    {
      resp_diag_sink_add (c->sink, RESP_ERROR_BAD_VALUE, m->line, m->column,
                          "rulebook: 'extends' must be the name of a shipped rulebook");
      return TRUE;
    }
  k = find_shipped (m->v.string.str);
  if (k < 0)
    {
      resp_diag_sink_add (c->sink, RESP_ERROR_UNKNOWN_RULEBOOK, m->line, m->column,
                          "rulebook: no shipped rulebook '%s'%s", m->v.string.str,
                          resp_did_you_mean (hint, sizeof hint,
                                             RESP_VOCAB_SUGGEST (shipped, m->v.string.str)));
      return TRUE;
    }
  if (resp_name_lookup ((const char * const *) c->rb->layer_ids->pdata, c->rb->layer_ids->len,
                        shipped[k].name) >= 0)
    return TRUE;
  if (depth >= MAX_EXTENDS)
    {
      resp_diag_sink_add (c->sink, RESP_ERROR_LIMIT, m->line, m->column,
                          "rulebook: more than %d rulebooks extend one another", MAX_EXTENDS);
      return TRUE;
    }
  {
    RespDiagSink *sink = c->sink;
    GBytes *bytes = shipped_bytes ((guint) k);
    char *name = g_strconcat ("resource://", shipped[k].resource, NULL);
    gsize len;
    const char *data = g_bytes_get_data (bytes, &len);
    RespInput in;
    gboolean ok;

    (void) resp_input_from_data (&in, data, (gssize) len, name, NULL, NULL, NULL);
    ok = load_layer (c, &in, depth + 1, diagnostics, error);
    resp_input_clear (&in);
    g_free (name);
    g_bytes_unref (bytes);
    c->sink = sink;
    return ok;
  }
}

/* Reads the sections of one layer's root object. A layer above another may
 * leave out the sections the bottom one must have. */
static void
read_sections (Ctx *c, const RespJsonNode *root)
{
  RespDiagSink *sink = c->sink;
  /* a layer that extends another is no bottom, even when what it names
   * could not be loaded (that error is enough) */
  gboolean bottom = c->layer == 0 && resp_json_node_get_member ((RespJsonNode *) root, "extends") == NULL;
  const RespJsonNode *m;

  /* sources, facts, parameters and record kinds first: the rest refers to them */
  if ((m = resp_document_member (sink, root, "sources", RESP_JSON_ARRAY, bottom, "rulebook")))
    read_sources (c, m);
  if ((m = resp_document_member (sink, root, "facts", RESP_JSON_ARRAY, bottom, "rulebook")))
    read_facts (c, m);
  if ((m = resp_document_member (sink, root, "parameters", RESP_JSON_ARRAY, FALSE, "rulebook")))
    read_params (c, m);
  if ((m = resp_document_member (sink, root, "record_kinds", RESP_JSON_ARRAY, FALSE, "rulebook")))
    read_record_kinds (c, m);
  if ((m = resp_document_member (sink, root, "circumstances", RESP_JSON_ARRAY, bottom, "rulebook")))
    read_circumstances (c, m);
  if ((m = resp_document_member (sink, root, "liability", RESP_JSON_ARRAY, bottom, "rulebook")))
    read_liability (c, m);
  if ((m = resp_document_member (sink, root, "collective", RESP_JSON_OBJECT, FALSE, "rulebook")))
    {
      static const char * const ckeys[] = { "basis", "summary", NULL };

      resp_document_check_keys (sink, m, ckeys, "collective");
      resp_document_string (sink, m, "summary", FALSE, "collective");
      if (c->rb->has_collective)
        resp_diag_sink_add (sink, RESP_ERROR_DUPLICATE_ID, m->line, m->column,
                            "collective: already defined by a rulebook below");
      else
        {
          c->rb->collective_basis = read_basis (c, m, "basis", TRUE, "collective");
          c->rb->has_collective = c->rb->collective_basis != NULL;
        }
    }
  if ((m = resp_document_member (sink, root, "exemptions", RESP_JSON_ARRAY, FALSE, "rulebook")))
    read_exemptions (c, m);
  if ((m = resp_document_member (sink, root, "modifiers", RESP_JSON_ARRAY, FALSE, "rulebook")))
    read_modifiers (c, m);
  if ((m = resp_document_member (sink, root, "duties", RESP_JSON_ARRAY, FALSE, "rulebook")))
    read_duties (c, m);
  if ((m = resp_document_member (sink, root, "grades", RESP_JSON_ARRAY, FALSE, "rulebook")))
    read_grades (c, m);
  if ((m = resp_document_member (sink, root, "reporting", RESP_JSON_OBJECT, FALSE, "rulebook")))
    read_reporting (c, m);
}

/* Loads one layer (and, first, the shipped rulebook it extends) on top of
 * what c holds; all or nothing for the whole load: FALSE stops it. */
static gboolean
load_layer (Ctx *c, const RespInput *in, guint depth, GPtrArray **diagnostics, GError **error)
{
  static const char * const keys[] = { "format", "id", "title", "extends", "sources", "facts",
                                       "parameters", "record_kinds", "circumstances", "liability",
                                       "collective", "exemptions", "modifiers", "duties", "grades",
                                       "reporting", NULL };
  RespRulebook *rb = c->rb;
  RespDiagSink sink;
  RespJsonTree *tree;
  char *id = NULL, *title = NULL;

  resp_diag_sink_init (&sink, in->name, in->limits.max_errors);
  c->sink = &sink;
  tree = resp_document_parse (in->data, in->length, &in->limits, &sink);
  if (tree != NULL)
    {
      const RespJsonNode *root = resp_json_tree_get_root (tree), *m;
      const char *format;

      if (root->type != RESP_JSON_OBJECT)
        resp_diag_sink_add (&sink, RESP_ERROR_FORMAT, root->line, root->column,
                            "a rulebook must be a JSON object with \"format\": \"" RULEBOOK_FORMAT "\"");
      else if ((m = resp_json_node_get_member ((RespJsonNode *) root, "format")) == NULL)
        resp_diag_sink_add (&sink, RESP_ERROR_FORMAT, root->line, root->column,
                            "missing 'format' (expected \"" RULEBOOK_FORMAT "\")");
      else if (m->type != RESP_JSON_STRING || !g_str_equal ((format = m->v.string.str), RULEBOOK_FORMAT))
        resp_diag_sink_add (&sink, RESP_ERROR_FORMAT, m->line, m->column,
                            "unsupported format (this version reads \"" RULEBOOK_FORMAT "\")");
      else
        {
          resp_document_check_keys (&sink, root, keys, "rulebook");
          if ((m = resp_json_node_get_member ((RespJsonNode *) root, "extends")) != NULL
              && !load_extended (c, m, depth, diagnostics, error))
            {
              resp_json_tree_free (tree);
              resp_diag_sink_finish (&sink, NULL, NULL);
              return FALSE;
            }
          c->layer = rb->layers->len;
          id = dup_string (c, root, "id", TRUE, "rulebook");
          if (id != NULL && resp_name_lookup ((const char * const *) rb->layer_ids->pdata,
                                              rb->layer_ids->len, id) >= 0)
            {
              m = resp_json_node_get_member ((RespJsonNode *) root, "id");
              /* its every id would be reported again: say it once */
              resp_diag_sink_add (&sink, RESP_ERROR_DUPLICATE_ID, m->line, m->column,
                                  "rulebook: '%s' is loaded below already", id);
            }
          else
            read_sections (c, root);
          title = dup_string (c, root, "title", FALSE, "rulebook");
        }
      resp_json_tree_free (tree);
    }

  {
    GPtrArray *found = NULL;

    if (!resp_diag_sink_finish (&sink, &found, error))
      {
        if (diagnostics != NULL)
          *diagnostics = found;
        else
          g_ptr_array_unref (found);
        g_free (id);
        g_free (title);
        return FALSE;
      }
    g_ptr_array_unref (found);
  }
  {
    RespRulebookLayer *layer = g_new0 (RespRulebookLayer, 1);

    layer->name = g_strdup (in->name);
    layer->bytes = g_bytes_new (in->data, in->length);
    layer->limits = in->limits;
    g_ptr_array_add (rb->layers, layer);
  }
  g_ptr_array_add (rb->layer_ids, g_strdup (id));
  g_free (rb->id);
  rb->id = id;
  if (title != NULL)
    {
      g_free (rb->title);
      rb->title = title;
    }
  g_free (rb->text);
  rb->text = g_strndup (in->data, in->length);
  return TRUE;
}

/* The rulebook, or NULL; on success an empty list of diagnostics (a
 * failing layer has set them). */
static RespRulebook *
finish_layers (Ctx *c, gboolean ok, GPtrArray **diagnostics)
{
  if (ok && diagnostics != NULL)
    *diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) resp_diagnostic_unref);
  return ctx_finish (c, ok);
}

/* Loads one rulebook file (with what it extends). */
static RespRulebook *
load (const RespInput *in, GPtrArray **diagnostics, GError **error)
{
  Ctx c;
  gboolean ok;

  ctx_init (&c);
  ok = load_layer (&c, in, 0, diagnostics, error);
  return finish_layers (&c, ok, diagnostics);
}

/**
 * resp_rulebook_new_from_data_full:
 * @data: (array length=length) (element-type guint8): the rulebook's bytes
 * @length: the length of @data, or -1 if it is NUL-terminated
 * @filename: (nullable): the name to report in diagnostics
 * @limits: (nullable): limits on the input, or %NULL for the defaults
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found (empty on success)
 * @error: return location for a #GError
 *
 * Loads a rulebook (docs/rulebook.md), all or nothing: every malformed
 * section, unknown operator, `var` naming no declared fact or parameter,
 * or unknown role is reported with its position.
 *
 * Returns: (transfer full) (nullable): the rulebook
 *
 * Since: 1.0
 */
RespRulebook *
resp_rulebook_new_from_data_full (const char        *data,
                                  gssize             length,
                                  const char        *filename,
                                  const RespLimits  *limits,
                                  GPtrArray        **diagnostics,
                                  GError           **error)
{
  RespInput in;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!resp_input_from_data (&in, data, length, filename, limits, diagnostics, error))
    return NULL;
  return load (&in, diagnostics, error);
}

/**
 * resp_rulebook_new_from_data:
 * @data: (array length=length) (element-type guint8): the rulebook's bytes
 * @length: the length of @data, or -1 if it is NUL-terminated
 * @filename: (nullable): the name to report in diagnostics
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found (empty on success)
 * @error: return location for a #GError
 *
 * resp_rulebook_new_from_data_full() with the default limits.
 *
 * Returns: (transfer full) (nullable): the rulebook
 *
 * Since: 1.0
 */
RespRulebook *
resp_rulebook_new_from_data (const char  *data,
                             gssize       length,
                             const char  *filename,
                             GPtrArray  **diagnostics,
                             GError     **error)
{
  return resp_rulebook_new_from_data_full (data, length, filename, NULL, diagnostics, error);
}

/**
 * resp_rulebook_new_from_file_full:
 * @path: (type filename): a rulebook file
 * @limits: (nullable): limits on the input, or %NULL for the defaults
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found (empty on success)
 * @error: return location for a #GError
 *
 * Loads a rulebook file. See resp_rulebook_new_from_data_full().
 *
 * Returns: (transfer full) (nullable): the rulebook
 *
 * Since: 1.0
 */
RespRulebook *
resp_rulebook_new_from_file_full (const char        *path,
                                  const RespLimits  *limits,
                                  GPtrArray        **diagnostics,
                                  GError           **error)
{
  RespRulebook *rb;
  RespInput in;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!resp_input_from_file (&in, path, limits, diagnostics, error))
    return NULL;
  rb = load (&in, diagnostics, error);
  resp_input_clear (&in);
  return rb;
}

/**
 * resp_rulebook_new_from_file:
 * @path: (type filename): a rulebook file
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found (empty on success)
 * @error: return location for a #GError
 *
 * resp_rulebook_new_from_file_full() with the default limits.
 *
 * Returns: (transfer full) (nullable): the rulebook
 *
 * Since: 1.0
 */
RespRulebook *
resp_rulebook_new_from_file (const char  *path,
                             GPtrArray  **diagnostics,
                             GError     **error)
{
  return resp_rulebook_new_from_file_full (path, NULL, diagnostics, error);
}

/**
 * resp_rulebook_get_default_source:
 *
 * The default rulebook as compiled into the library (what `resp rulebook`
 * prints).
 *
 * Returns: (transfer full): its JSON text
 *
 * Since: 1.0
 */
GBytes *
resp_rulebook_get_default_source (void)
{
  return shipped_bytes (0);
}

/**
 * resp_rulebook_list_shipped:
 *
 * Lists the names of the rulebooks shipped with the library (compiled in),
 * the default first. Each is the `id` its file declares and can be given
 * wherever a rulebook layer is named, or to `extends`.
 *
 * Returns: (transfer full) (array zero-terminated=1): the names
 *
 * Since: 1.0
 */
char **
resp_rulebook_list_shipped (void)
{
  char **out = g_new0 (char *, G_N_ELEMENTS (shipped) + 1);

  for (guint i = 0; i < G_N_ELEMENTS (shipped); i++)
    out[i] = g_strdup (shipped[i].name);
  return out;
}

/**
 * resp_rulebook_get_shipped_source:
 * @name: the name of a shipped rulebook
 *
 * Gets the text of a rulebook shipped with the library (what
 * `resp rulebook NAME` prints).
 *
 * Returns: (transfer full) (nullable): its JSON text, or %NULL when no
 *   shipped rulebook has that name
 *
 * Since: 1.0
 */
GBytes *
resp_rulebook_get_shipped_source (const char *name)
{
  int k;

  g_return_val_if_fail (name != NULL, NULL);
  k = find_shipped (name);
  return k < 0 ? NULL : shipped_bytes ((guint) k);
}

/* One layer named by spec (a shipped name, or a file) on top of c. */
static gboolean
load_spec (Ctx *c, const char *spec, const RespLimits *limits, GPtrArray **diagnostics,
           GError **error)
{
  int k = strchr (spec, '/') == NULL ? find_shipped (spec) : -1;
  RespInput in;
  gboolean ok;

  if (k >= 0)
    {
      GBytes *bytes = shipped_bytes ((guint) k);
      char *name = g_strconcat ("resource://", shipped[k].resource, NULL);
      gsize len;
      const char *data = g_bytes_get_data (bytes, &len);

      (void) resp_input_from_data (&in, data, (gssize) len, name, NULL, NULL, NULL);
      ok = load_layer (c, &in, 0, diagnostics, error);
      resp_input_clear (&in);
      g_free (name);
      g_bytes_unref (bytes);
      return ok;
    }
  if (!g_file_test (spec, G_FILE_TEST_EXISTS) && strchr (spec, '/') == NULL
      && !g_str_has_suffix (spec, ".json"))
    {
      /* neither a file nor a shipped name: say which names there are */
      char hint[300];
      RespDiagSink sink;

      resp_diag_sink_init (&sink, spec, 10);
      resp_diag_sink_add (&sink, RESP_ERROR_UNKNOWN_RULEBOOK, 0, 0,
                          "no such file, and no shipped rulebook of that name%s",
                          resp_did_you_mean (hint, sizeof hint, RESP_VOCAB_SUGGEST (shipped, spec)));
      return resp_diag_sink_finish (&sink, diagnostics, error);
    }
  if (!resp_input_from_file (&in, spec, limits, diagnostics, error))
    return FALSE;
  ok = load_layer (c, &in, 0, diagnostics, error);
  resp_input_clear (&in);
  return ok;
}


/**
 * resp_rulebook_new_layered:
 * @layers: (array zero-terminated=1): the layers, bottom first: each the
 *   name of a shipped rulebook (see resp_rulebook_list_shipped()) or a file
 * @limits: (nullable): limits on each file, or %NULL for the defaults
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found in the first layer that has any (empty on success)
 * @error: return location for a #GError
 *
 * Loads a rulebook in layers (docs/rulebook.md, "Layers"), as `resp
 * --rulebook A --rulebook B` does: each layer adds facts, parameters,
 * circumstances, liability rules, record kinds and duties to those below;
 * an id defined again is an error at the later position; a parameter of a
 * later layer replaces the earlier values. A file that `extends` a
 * shipped rulebook not loaded below has it loaded just under it. The
 * rulebook's id is the top layer's. Loading stops at the first layer with
 * an error; nothing is half-loaded.
 *
 * Returns: (transfer full) (nullable): the rulebook
 *
 * Since: 1.0
 */
RespRulebook *
resp_rulebook_new_layered (const char * const *layers,
                           const RespLimits   *limits,
                           GPtrArray         **diagnostics,
                           GError            **error)
{
  gboolean ok = TRUE;
  Ctx c;

  g_return_val_if_fail (layers != NULL && layers[0] != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ctx_init (&c);
  for (guint i = 0; ok && layers[i] != NULL; i++)
    ok = load_spec (&c, layers[i], limits, diagnostics, error);
  return finish_layers (&c, ok, diagnostics);
}

/**
 * resp_rulebook_add_layer_from_data:
 * @below: the rulebook to build on
 * @data: (array length=length) (element-type guint8): the layer's bytes
 * @length: the length of @data, or -1 if it is NUL-terminated
 * @filename: (nullable): the name to report in diagnostics
 * @limits: (nullable): limits on the input, or %NULL for the defaults
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found (empty on success)
 * @error: return location for a #GError
 *
 * Makes a new rulebook of @below's layers with one more on top, as
 * resp_rulebook_new_layered() would. @below is not changed.
 *
 * Returns: (transfer full) (nullable): the new rulebook
 *
 * Since: 1.0
 */
RespRulebook *
resp_rulebook_add_layer_from_data (RespRulebook      *below,
                                   const char        *data,
                                   gssize             length,
                                   const char        *filename,
                                   const RespLimits  *limits,
                                   GPtrArray        **diagnostics,
                                   GError           **error)
{
  gboolean ok = TRUE;
  RespInput in;
  Ctx c;

  g_return_val_if_fail (below != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ctx_init (&c);
  /* the layers below loaded once already: they load again, each within
   * the limits it loaded in */
  for (guint i = 0; ok && i < below->layers->len; i++)
    {
      const RespRulebookLayer *l = below->layers->pdata[i];
      gsize len;
      const char *bytes = g_bytes_get_data (l->bytes, &len);

      (void) resp_input_from_data (&in, bytes, (gssize) len, l->name, &l->limits, NULL, NULL);
      ok = load_layer (&c, &in, 0, NULL, NULL);
      resp_input_clear (&in);
    }
  g_assert (ok);
  if (!resp_input_from_data (&in, data, length, filename, limits, diagnostics, error))
    return ctx_finish (&c, FALSE);
  ok = load_layer (&c, &in, 0, diagnostics, error);
  resp_input_clear (&in);
  return finish_layers (&c, ok, diagnostics);
}

/**
 * resp_rulebook_new_shipped:
 * @name: the name of a shipped rulebook (see resp_rulebook_list_shipped())
 * @error: return location for a #GError
 *
 * Loads a rulebook shipped with the library, with what it extends.
 *
 * Returns: (transfer full) (nullable): the rulebook, or %NULL with
 *   %RESP_ERROR_UNKNOWN_RULEBOOK when no shipped rulebook has that name
 *
 * Since: 1.0
 */
RespRulebook *
resp_rulebook_new_shipped (const char  *name,
                           GError     **error)
{
  RespRulebook *rb;
  GError *local = NULL;
  Ctx c;
  gboolean ok;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (find_shipped (name) < 0)
    {
      char hint[300];
      g_set_error (error, RESP_ERROR, RESP_ERROR_UNKNOWN_RULEBOOK, "no shipped rulebook '%s'%s",
                   name, resp_did_you_mean (hint, sizeof hint, RESP_VOCAB_SUGGEST (shipped, name)));
      return NULL;
    }
  ctx_init (&c);
  ok = load_spec (&c, name, NULL, NULL, &local);
  rb = ctx_finish (&c, ok);
  /* ours: a shipped rulebook that does not load is a build defect */
  if (rb == NULL)
    g_error ("the shipped rulebook %s does not load: %s", name, local->message);
  return rb;
}

/**
 * resp_rulebook_new_default:
 *
 * Loads the default rulebook compiled into the library (rulebook.md): the
 * measures of 2017 with the accountability, discipline and reporting
 * regulations they lead to, and the duties of the measures and the
 * protection rules.
 *
 * Returns: (transfer full): the default rulebook
 *
 * Since: 1.0
 */
RespRulebook *
resp_rulebook_new_default (void)
{
  return resp_rulebook_new_shipped (shipped[0].name, NULL);
}

/**
 * resp_rulebook_get_id:
 * @self: a #RespRulebook
 *
 * Gets the rulebook's `id`.
 *
 * Returns: the rulebook's `id`
 *
 * Since: 1.0
 */
const char *
resp_rulebook_get_id (RespRulebook *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

/**
 * resp_rulebook_get_title:
 * @self: a #RespRulebook
 *
 * Gets the rulebook's `title`.
 *
 * Returns: (nullable): the rulebook's `title`
 *
 * Since: 1.0
 */
const char *
resp_rulebook_get_title (RespRulebook *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

/**
 * resp_rulebook_get_text:
 * @self: a #RespRulebook
 *
 * Gets the JSON text the rulebook was loaded from.
 *
 * Returns: the JSON text the rulebook was loaded from
 *
 * Since: 1.0
 */
const char *
resp_rulebook_get_text (RespRulebook *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->text;
}

/**
 * resp_rulebook_get_n_circumstances:
 * @self: a #RespRulebook
 *
 * Gets the number of circumstances.
 *
 * Returns: the number of circumstances
 *
 * Since: 1.0
 */
guint
resp_rulebook_get_n_circumstances (RespRulebook *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->circumstances->len;
}

/**
 * resp_rulebook_get_circumstance_id:
 * @self: a #RespRulebook
 * @index: a circumstance index, in rulebook order
 *
 * Gets the circumstance's id.
 *
 * Returns: the circumstance's id
 *
 * Since: 1.0
 */
const char *
resp_rulebook_get_circumstance_id (RespRulebook *self,
                                   guint         index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->circumstances->len, NULL);
  return g_array_index (self->circumstances, RespCircumstanceRule, index).id;
}

/**
 * resp_rulebook_dup_fact_names:
 * @self: a #RespRulebook
 *
 * Gets a newly allocated copy of the declared facts.
 *
 * Returns: (transfer full) (array zero-terminated=1): the declared facts
 *
 * Since: 1.0
 */
char **
resp_rulebook_dup_fact_names (RespRulebook *self)
{
  char **out;

  g_return_val_if_fail (self != NULL, NULL);
  out = g_new0 (char *, self->facts->len + 1);
  for (guint i = 0; i < self->facts->len; i++)
    out[i] = g_strdup (g_array_index (self->facts, RespFactDecl, i).name);
  return out;
}

static RespFactIndex *
fact_index (const RespRulebook *rb)
{
  RespRulebook *self = (RespRulebook *) rb;   /* the index is made on first use */
  RespFactIndex *x = g_atomic_pointer_get (&self->fact_index);

  if (x == NULL)
    {
      /* made once; two threads that both make it keep the first */
      x = g_new (RespFactIndex, 1);
      x->by_name = g_hash_table_new (g_str_hash, g_str_equal);
      x->n_facts = rb->facts->len;
      x->unique = TRUE;
      for (guint i = 0; i < rb->facts->len; i++)
        {
          const char *key = g_array_index (rb->facts, RespFactDecl, i).name;
          if (!g_hash_table_contains (x->by_name, key))
            g_hash_table_insert (x->by_name, (gpointer) key, GUINT_TO_POINTER (i + 1));
          else
            x->unique = FALSE;
        }
      if (!g_atomic_pointer_compare_and_exchange (&self->fact_index, NULL, x))
        {
          fact_index_free (x);
          x = g_atomic_pointer_get (&self->fact_index);
        }
    }
  return x;
}

int
resp_rulebook_find_fact (const RespRulebook *rb, const char *name)
{
  guint hint = G_MAXUINT;

  return resp_rulebook_find_fact_near (rb, name, &hint);
}

int
resp_rulebook_find_fact_near (const RespRulebook *rb, const char *name, guint *hint)
{
  const RespFactIndex *x = fact_index (rb);
  int k = -1;

  if (x->n_facts != rb->facts->len)
    {
      for (guint i = 0; i < rb->facts->len && k < 0; i++)
        if (g_str_equal (g_array_index (rb->facts, RespFactDecl, i).name, name))
          k = (int) i;
    }
  else if (x->unique && *hint < rb->facts->len &&
           g_str_equal (g_array_index (rb->facts, RespFactDecl, *hint).name, name))
    k = (int) *hint;
  else
    k = (int) GPOINTER_TO_UINT (g_hash_table_lookup (x->by_name, name)) - 1;
  if (k >= 0)
    *hint = (guint) k + 1;
  return k;
}

int
resp_rulebook_find_record_kind (const RespRulebook *rb, const char *kind)
{
  for (guint i = 0; i < rb->record_kinds->len; i++)
    if (g_str_equal (g_array_index (rb->record_kinds, RespRecordKindDecl, i).kind, kind))
      return (int) i;
  return -1;
}

int
resp_rulebook_find_exemption (const RespRulebook *rb, const char *reason)
{
  for (guint i = 0; i < rb->exemptions->len; i++)
    if (g_str_equal (g_array_index (rb->exemptions, RespExemptionRule, i).reason, reason))
      return (int) i;
  return -1;
}

int
resp_rulebook_find_grade (const RespRulebook *rb, const char *id)
{
  for (guint i = 0; i < rb->grades->len; i++)
    if (g_str_equal (g_array_index (rb->grades, RespGradeRule, i).id, id))
      return (int) i;
  return -1;
}

RespValue
resp_rulebook_param_at (const RespRulebook *rb, guint index, gint64 at)
{
  const RespParamDecl *p = &g_array_index (rb->params, RespParamDecl, index);
  RespValue unknown = RESP_VALUE_INIT_UNKNOWN;

  for (guint k = 0; k < p->values->len; k++)
    {
      const RespParamValue *v = &g_array_index (p->values, RespParamValue, k);
      if (resp_in_force (v->since, v->until, at))
        return v->value;
    }
  return unknown;
}
