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

typedef struct {
  RespRulebook *rb;
  RespDiagSink *sink;
  GPtrArray    *fact_names;   /* borrowed char* */
  GPtrArray    *param_names;
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
modifier_clear (gpointer data)
{
  RespModifierRule *m = data;
  g_free (m->kind);
  g_strfreev (m->basis);
  g_clear_pointer (&m->condition, resp_condition_free);
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
  return rb;
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
  g_strfreev (self->collective_basis);
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
read_condition (Ctx *c, const RespJsonNode *obj, gboolean required, gboolean allow_subject,
                const char *what)
{
  const RespJsonNode *node = resp_json_node_get_member ((RespJsonNode *) obj, "condition");
  RespConditionScope scope;
  RespCondition *cond;
  RespError code;
  guint line, col;
  char *msg = NULL;

  if (node == NULL)
    {
      if (required)
        resp_diag_sink_add (c->sink, RESP_ERROR_MISSING_KEY, obj->line, obj->column,
                            "%s: missing 'condition'", what);
      return NULL;
    }
  scope.fact_names = (const char * const *) c->fact_names->pdata;
  scope.n_facts = c->fact_names->len;
  scope.param_names = (const char * const *) c->param_names->pdata;
  scope.n_params = c->param_names->len;
  scope.allow_subject = allow_subject;
  cond = resp_condition_compile (node, &scope, &code, &line, &col, &msg);
  if (cond == NULL)
    {
      resp_diag_sink_add (c->sink, code, line, col, "%s: %s", what, msg);
      g_free (msg);
    }
  return cond;
}

static gboolean
unique (Ctx *c, GHashTable *seen, const RespJsonNode *obj, const char *key, const char *value,
        const char *what)
{
  const RespJsonNode *m = resp_json_node_get_member ((RespJsonNode *) obj, key);

  if (value == NULL)
    return FALSE;
  if (!g_hash_table_add (seen, (gpointer) value))
    {
      resp_diag_sink_add (c->sink, RESP_ERROR_DUPLICATE_ID, m->line, m->column,
                          "%s: duplicate %s '%s'", what, key, value);
      return FALSE;
    }
  return TRUE;
}

/* ---- sections ---- */

static void
read_sources (Ctx *c, const RespJsonNode *arr)
{
  static const char * const keys[] = { "key", "title", "date", "note", NULL };
  GHashTable *seen = g_hash_table_new (g_str_hash, g_str_equal);

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
  g_hash_table_unref (seen);
}

static void
read_facts (Ctx *c, const RespJsonNode *arr)
{
  static const char * const keys[] = { "name", "type", "min", "description", NULL };
  GHashTable *seen = g_hash_table_new (g_str_hash, g_str_equal);

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
    }
  g_hash_table_unref (seen);
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

static void
read_params (Ctx *c, const RespJsonNode *arr)
{
  static const char * const keys[] = { "name", "cite", "values", "note", NULL };
  static const char * const vkeys[] = { "since", "until", "value", NULL };
  GHashTable *seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < arr->v.children.n; i++)
    {
      const RespJsonNode *o = resp_document_object_at (c->sink, arr, i, NULL, "a parameter"), *values;
      RespParamDecl p = { 0 };
      const char *name;

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
  GHashTable *seen = g_hash_table_new (g_str_hash, g_str_equal);

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
      r.condition = read_condition (c, o, TRUE, !r.event_scope, what);
      r.id = g_strdup (id);
      if (!unique (c, seen, o, "id", id, "circumstance"))
        {
          g_free (r.id);
          r.id = NULL;
        }
      g_array_append_val (c->rb->circumstances, r);
    }
  g_hash_table_unref (seen);
}

static void
read_liability (Ctx *c, const RespJsonNode *arr)
{
  static const char * const keys[] = { "id", "role", "category", "basis", "from", "only",
                                       "condition", "note", "since", "until", NULL };
  static const char * const seat_roles[] = { "first_responsible", "direct_responsible", "team_member", NULL };
  GHashTable *seen = g_hash_table_new (g_str_hash, g_str_equal);

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
      r.condition = read_condition (c, o, FALSE, TRUE, what);
      r.id = g_strdup (id);
      unique (c, seen, o, "id", id, "liability rule");
      g_array_append_val (c->rb->liability, r);
    }
  g_hash_table_unref (seen);
}

static void
read_exemptions (Ctx *c, const RespJsonNode *arr)
{
  static const char * const keys[] = { "reason", "basis", "summary", NULL };
  GHashTable *seen = g_hash_table_new (g_str_hash, g_str_equal);

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
  g_hash_table_unref (seen);
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
      m.condition = read_condition (c, o, TRUE, FALSE, "modifier");
      g_array_append_val (c->rb->modifiers, m);
    }
}

static RespRulebook *
load (const RespInput *in, GPtrArray **diagnostics, GError **error)
{
  const char *data = in->data;
  gsize length = in->length;
  static const char * const keys[] = { "format", "id", "title", "sources", "facts", "parameters",
                                       "circumstances", "liability", "collective", "exemptions",
                                       "modifiers", NULL };
  RespDiagSink sink;
  RespJsonTree *tree;
  RespRulebook *rb = rulebook_alloc ();
  Ctx c = { rb, &sink, g_ptr_array_new (), g_ptr_array_new () };

  resp_diag_sink_init (&sink, in->name, in->limits.max_errors);
  tree = resp_document_parse (data, length, &in->limits, &sink);
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
          rb->id = dup_string (&c, root, "id", TRUE, "rulebook");
          rb->title = dup_string (&c, root, "title", FALSE, "rulebook");
          /* sources, facts and parameters first: the rest refers to them */
          if ((m = resp_document_member (&sink, root, "sources", RESP_JSON_ARRAY, TRUE, "rulebook")))
            read_sources (&c, m);
          if ((m = resp_document_member (&sink, root, "facts", RESP_JSON_ARRAY, TRUE, "rulebook")))
            read_facts (&c, m);
          if ((m = resp_document_member (&sink, root, "parameters", RESP_JSON_ARRAY, FALSE, "rulebook")))
            read_params (&c, m);
          if ((m = resp_document_member (&sink, root, "circumstances", RESP_JSON_ARRAY, TRUE, "rulebook")))
            read_circumstances (&c, m);
          if ((m = resp_document_member (&sink, root, "liability", RESP_JSON_ARRAY, TRUE, "rulebook")))
            read_liability (&c, m);
          if ((m = resp_document_member (&sink, root, "collective", RESP_JSON_OBJECT, FALSE, "rulebook")))
            {
              static const char * const ckeys[] = { "basis", "summary", NULL };
              resp_document_check_keys (&sink, m, ckeys, "collective");
              resp_document_string (&sink, m, "summary", FALSE, "collective");
              rb->collective_basis = read_basis (&c, m, "basis", TRUE, "collective");
              rb->has_collective = rb->collective_basis != NULL;
            }
          if ((m = resp_document_member (&sink, root, "exemptions", RESP_JSON_ARRAY, FALSE, "rulebook")))
            read_exemptions (&c, m);
          if ((m = resp_document_member (&sink, root, "modifiers", RESP_JSON_ARRAY, FALSE, "rulebook")))
            read_modifiers (&c, m);
        }
      resp_json_tree_free (tree);
    }
  g_ptr_array_unref (c.fact_names);
  g_ptr_array_unref (c.param_names);

  if (!resp_diag_sink_finish (&sink, diagnostics, error))
    {
      resp_rulebook_unref (rb);
      return NULL;
    }
  rb->text = g_strndup (data, length);
  return rb;
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

  if (!resp_input_from_file (&in, path, limits, FALSE, diagnostics, error))
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
  GBytes *bytes = g_resource_lookup_data (resp_get_resource (), DEFAULT_RESOURCE,
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  /* compiled in: its absence is a build defect, not bad data */
  g_assert (bytes != NULL);
  return bytes;
}

/**
 * resp_rulebook_new_default:
 *
 * Loads the default rulebook compiled into the library (rulebook.md): the
 * measures of 2017 with the accountability, discipline and reporting
 * regulations they lead to.
 *
 * Returns: (transfer full): the default rulebook
 *
 * Since: 1.0
 */
RespRulebook *
resp_rulebook_new_default (void)
{
  GBytes *bytes = resp_rulebook_get_default_source ();
  GError *error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  RespInput in;
  RespRulebook *rb;

  /* within the default limits: it is ours */
  (void) resp_input_from_data (&in, data, (gssize) len, "resource://" DEFAULT_RESOURCE, NULL, NULL, NULL);
  rb = load (&in, NULL, &error);

  if (rb == NULL)
    g_error ("the default rulebook does not load: %s", error->message);
  g_bytes_unref (bytes);
  return rb;
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

int
resp_rulebook_find_fact (const RespRulebook *rb, const char *name)
{
  for (guint i = 0; i < rb->facts->len; i++)
    if (g_str_equal (g_array_index (rb->facts, RespFactDecl, i).name, name))
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

RespValue
resp_rulebook_param_at (const RespRulebook *rb, guint index, gint64 at)
{
  const RespParamDecl *p = &g_array_index (rb->params, RespParamDecl, index);
  RespValue unknown = { RESP_VALUE_UNKNOWN, FALSE, 0, NULL };

  for (guint k = 0; k < p->values->len; k++)
    {
      const RespParamValue *v = &g_array_index (p->values, RespParamValue, k);
      if (resp_in_force (v->since, v->until, at))
        return v->value;
    }
  return unknown;
}
