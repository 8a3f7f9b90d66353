/* resp-verdict.c: the verdict, as its readers see it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A verdict is made by the engine (resp-assessor.c) in one block and never
 * changes. What readers need but assessing does not (the per-person view of
 * the liable, the reading order, the words of the warnings) is made once,
 * on first read, from any thread; every getter and renderer goes through
 * it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "resp-verdict-private.h"
#include "resp-render-private.h"
#include "resp-refcount-private.h"


static int
cmp_flat (gconstpointer a, gconstpointer b, gpointer data)
{
  const RespVerdictFlat *x = a, *y = b;
  const RespModel *m = data;

  if (x->category != y->category)
    return x->category < y->category ? -1 : 1;
  return strcmp (resp_model_node_id (m, x->person), resp_model_node_id (m, y->person));
}

const char *
resp_verdict_warning_code (const RespVerdictWarning *w)
{
  switch ((RespWarnKind) w->kind)
    {
    case RESP_WARN_ROLE_AT:
    case RESP_WARN_ROLE_OF_PERSON:
      return "role_unresolved";
    case RESP_WARN_LIABILITY:
      return "liability_undetermined";
    case RESP_WARN_PARTICIPANT:
      return "participant_without_seat";
    case RESP_WARN_EXEMPTION:
      return "exemption_not_liable";
    case RESP_WARN_FACT_CONFLICTS_RECORD:
      return "fact_conflicts_record";
    case RESP_WARN_FACT_CONFLICTS_DERIVED:
      return "fact_conflicts_derived";
    case RESP_WARN_GRADE_NOT_IN_FORCE:
      return "grade_not_in_force";
    case RESP_WARN_REPORT_BEFORE_DISCOVERY:
      return "report_before_discovery";
    case RESP_WARN_RECIPIENT:
      return "role_unresolved";
    case RESP_WARN_MODIFIER:
    default:
      return "modifier_undetermined";
    }
}

enum { VIEW_NONE, VIEW_BUILDING, VIEW_READY };

/* A flat record's place, found by its person */
typedef struct {
  guint32 person;
  guint32 index;     /* + 1 */
} PersonAt;

static int
cmp_person_at (const void *a, const void *b)
{
  guint32 x = ((const PersonAt *) a)->person, y = ((const PersonAt *) b)->person;

  return x < y ? -1 : x > y;
}

/* The flat record of person p (+ 1), or 0 (a person has one at most) */
static guint32
flat_of (const PersonAt *by_person, guint n, guint32 p)
{
  PersonAt key = { p, 0 };
  const PersonAt *at = n > 0 ? bsearch (&key, by_person, n, sizeof (PersonAt), cmp_person_at) : NULL;

  return at != NULL ? at->index : 0;
}

/* The view itself (ensure_view() says who makes it, and when): the liable
 * and the arrays their lists are slices of, in one block. */
static void
build_view (RespVerdict *v)
{
  guint n = v->flat.len, n_refs = v->refs.len;
  PersonAt *by_person = g_new (PersonAt, MAX (n, 1));
  guint32 *first = g_new0 (guint32, n + 1);
  guint32 *owner = g_new (guint32, MAX (n_refs, 1));
  guint32 *order = g_new (guint32, MAX (n_refs, 1));
  gsize kinds[RESP_REF_PROPOSER + 1] = { 0 };
  guint32 nb = 0, np = 0, nn = 0;
  gsize size;
  char *block;

  /* the order readers see (the liable by severity then id, duty holders
   * by id) is made here: ids are strings spread over the whole model,
   * and comparing them is most of what sorting costs */
  resp_sort_stable (v->flat.data, v->flat.len, sizeof (RespVerdictFlat), cmp_flat, v->model);
  for (guint s = 0; s < v->duty.len; s++)
    for (guint r = 0; r < RESP_N_ROLES; r++)
      {
        RespVerdictDuty *d = &v->duty.data[s];
        resp_sort_stable (d->holders + d->start[r], d->start[r + 1] - d->start[r],
                          sizeof (guint32), resp_model_cmp_ids, v->model);
      }

  /* each person's references, in the order of refs: a counting sort
   * of the references by the (sorted) flat record of their person */
  for (guint i = 0; i < n; i++)
    {
      by_person[i].person = v->flat.data[i].person;
      by_person[i].index = i + 1;
    }
  qsort (by_person, n, sizeof (PersonAt), cmp_person_at);
  for (guint k = 0; k < n_refs; k++)
    {
      owner[k] = flat_of (by_person, n, v->refs.data[k].person);
      if (owner[k] != 0)
        {
          first[owner[k]]++;
          kinds[MIN (v->refs.data[k].kind, RESP_REF_PROPOSER)]++;
        }
    }
  for (guint i = 0; i < n; i++)
    first[i + 1] += first[i];
  /* first[i] starts flat i's references; filling them moves it on to
   * where they end, which is where flat i + 1's start */
  for (guint k = 0; k < n_refs; k++)
    if (owner[k] != 0)
      order[first[owner[k] - 1]++] = k;

  /* one block: the citations (pointers) first, then the liable, the
   * paths and the nodes (all of 4-byte fields) */
  size = sizeof (const char *) * kinds[RESP_REF_BASIS] + sizeof (RespVerdictLiable) * n +
         sizeof (RespVerdictSpan) * kinds[RESP_REF_PATH] +
         sizeof (guint32) * (kinds[RESP_REF_AUTHORITY] + kinds[RESP_REF_PROPOSER]);
  block = g_malloc (MAX (size, 1));
  v->view_basis = (const char **) (gpointer) block;
  v->liable = (RespVerdictLiable *) (gpointer) (v->view_basis + kinds[RESP_REF_BASIS]);
  v->view_paths = (RespVerdictSpan *) (gpointer) (v->liable + n);
  v->view_nodes = (guint32 *) (gpointer) (v->view_paths + kinds[RESP_REF_PATH]);

  for (guint i = 0; i < n; i++)
    {
      const RespVerdictFlat *f = &v->flat.data[i];
      RespVerdictLiable *l = &v->liable[i];
      guint from = i > 0 ? first[i - 1] : 0;

      l->person = f->person;
      l->category = (RespCategory) f->category;
      l->roles = f->roles;
      l->basis = nb;
      l->paths = np;
      l->n_authority = l->n_proposer = 0;
      for (guint j = from; j < first[i]; j++)
        {
          const RespVerdictRef *r = &v->refs.data[order[j]];

          if (r->kind == RESP_REF_AUTHORITY)
            l->n_authority++;
          else if (r->kind >= RESP_REF_PROPOSER)
            l->n_proposer++;
        }
      l->authority = nn;
      l->proposer = nn + l->n_authority;
      nn += l->n_authority + l->n_proposer;
      {
        guint32 a = l->authority, p = l->proposer;

        for (guint j = from; j < first[i]; j++)
          {
            const RespVerdictRef *r = &v->refs.data[order[j]];

            switch (r->kind)
              {
              case RESP_REF_BASIS:
                v->view_basis[nb++] = r->basis;
                break;
              case RESP_REF_PATH:
                v->view_paths[np].off = r->a;
                v->view_paths[np].len = r->b;
                np++;
                break;
              case RESP_REF_AUTHORITY:
                v->view_nodes[a++] = r->a;
                break;
              default:
                v->view_nodes[p++] = r->a;
                break;
              }
          }
      }
      l->n_basis = nb - l->basis;
      l->n_paths = np - l->paths;
      resp_sort_stable (v->view_nodes + l->authority, l->n_authority, sizeof (guint32),
                        resp_model_cmp_ids, v->model);
      resp_sort_stable (v->view_nodes + l->proposer, l->n_proposer, sizeof (guint32),
                        resp_model_cmp_ids, v->model);
    }
  g_free (order);
  g_free (owner);
  g_free (first);
  g_free (by_person);
  v->messages = g_new0 (char *, v->warnings.len + 1);
  for (guint i = 0; i < v->warnings.len; i++)
    v->messages[i] = resp_render_verdict_warning (v, &v->warnings.data[i]);
}

/* What a verdict shows readers but does not need while it is built: the
 * per-person view of the liable and the words of the warnings. Made once,
 * on first read, from any thread: the thread that moves the state from
 * none to building makes it, and one that comes while it is being made
 * waits. (Not g_once_init_enter(): its slow path takes one mutex for the
 * whole process and its leave wakes every waiter, which threads rendering
 * verdicts side by side met at every verdict.) */
static void
ensure_view (RespVerdict *v)
{
  if (g_atomic_int_get (&v->view_state) == VIEW_READY)
    return;
  if (!g_atomic_int_compare_and_exchange (&v->view_state, VIEW_NONE, VIEW_BUILDING))
    {
      while (g_atomic_int_get (&v->view_state) != VIEW_READY)
        g_thread_yield ();
      return;
    }
  build_view (v);
  g_atomic_int_set (&v->view_state, VIEW_READY);
}

const RespVerdictLiable *
resp_verdict_get_liable_list (RespVerdict *v)
{
  ensure_view (v);
  return v->liable;
}

const char *
resp_verdict_warning_message (RespVerdict *v, guint i)
{
  ensure_view (v);
  return v->messages[i];
}

static void
verdict_free (RespVerdict *self)
{
  /* the view's block starts with its citations */
  g_free (self->view_basis);
  g_strfreev (self->messages);
  g_clear_pointer (&self->record, resp_record_unref);
  resp_event_unref (self->event);
  resp_rulebook_unref (self->rb);
  resp_model_unref (self->model);
  g_free (self);
}

/**
 * resp_verdict_ref:
 * @self: a #RespVerdict
 *
 * Takes a reference on @self.
 *
 * Returns: (transfer full): @self
 *
 * Since: 1.0
 */
/**
 * resp_verdict_unref:
 * @self: (transfer full): a #RespVerdict
 *
 * Drops a reference on @self; the last one frees it.
 *
 * Since: 1.0
 */
RESP_DEFINE_REFCOUNTED_TYPE (RespVerdict, resp_verdict, verdict_free)

/* ---- what getters and renderers read ---- */

const RespCircumstanceRule *
resp_verdict_circumstance_rule (const RespVerdict *v, const RespVerdictCircumstance *c)
{
  return &g_array_index (v->rb->circumstances, RespCircumstanceRule, c->index);
}

static int
cmp_str (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
resp_verdict_missing_names (const RespVerdict *v, const RespU32Vec *missing)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < missing->len; i++)
    g_ptr_array_add (out, g_array_index (v->rb->facts, RespFactDecl, missing->data[i]).name);
  g_ptr_array_sort (out, cmp_str);
  return out;
}

const guint8 *
resp_verdict_roles_by_name (void)
{
  static guint8 order[RESP_N_ROLES];
  static gsize ready;

  if (g_once_init_enter (&ready))
    {
      /* an insertion sort of the few names, once */
      for (guint r = 0; r < RESP_N_ROLES; r++)
        {
          guint i = r;

          for (; i > 0 && strcmp (resp_roles[order[i - 1]].name, resp_roles[r].name) > 0; i--)
            order[i] = order[i - 1];
          order[i] = (guint8) r;
        }
      g_once_init_leave (&ready, 1);
    }
  return order;
}

GPtrArray *
resp_verdict_role_names (const RespVerdictLiable *l)
{
  const guint8 *order = resp_verdict_roles_by_name ();
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < RESP_N_ROLES; i++)
    if (l->roles & (1u << order[i]))
      g_ptr_array_add (out, (gpointer) resp_roles[order[i]].name);
  return out;
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
  return resp_verdict_circumstance_rule (self, &self->circumstances.data[index])->id;
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

/* The ids of nodes[0..n), in the order given */
static char **
dup_ids (const RespVerdict *self, const guint32 *nodes, guint n)
{
  char **out = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    out[i] = g_strdup (resp_model_node_id (self->model, nodes[i]));
  return out;
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
  return take_strv (resp_verdict_missing_names (self, &c->missing));
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
  return take_strv (resp_model_sorted_ids (self->model, c->subjects.data, c->subjects.len));
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
  return &resp_verdict_get_liable_list (self)[index];
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
  return resp_model_node_id (self->model, liable_at (self, index)->person);
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
  return take_strv (resp_verdict_role_names (liable_at (self, index)));
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
  const RespVerdictLiable *l;
  char **out;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->flat.len, NULL);
  l = liable_at (self, index);
  out = g_new0 (char *, l->n_basis + 1);
  for (guint i = 0; i < l->n_basis; i++)
    out[i] = g_strdup (self->view_basis[l->basis + i]);
  return out;
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
  return liable_at (self, index)->n_paths;
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
  const RespVerdictLiable *l;
  const guint32 *p;
  guint len;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->flat.len, NULL);
  l = liable_at (self, index);
  g_return_val_if_fail (path < l->n_paths, NULL);
  p = resp_verdict_liable_path (self, l, path, &len);
  return dup_ids (self, p, len);
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
  const RespVerdictLiable *l;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->flat.len, NULL);
  l = liable_at (self, index);
  /* the view keeps them by id */
  return dup_ids (self, self->view_nodes + l->authority, l->n_authority);
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
  const RespVerdictLiable *l;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->flat.len, NULL);
  l = liable_at (self, index);
  /* the view keeps them by id */
  return dup_ids (self, self->view_nodes + l->proposer, l->n_proposer);
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
  return take_strv (resp_model_sorted_ids (self->model, self->bodies.data, self->bodies.len));
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
  return resp_model_node_id (self->model, self->exempt.data[index].person);
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
  for (guint i = 0, n = 0; i < self->modifiers.len; i++)
    {
      const char *kind = g_array_index (self->rb->modifiers, RespModifierRule, self->modifiers.data[i]).kind;

      /* one per kind */
      if (!g_strv_contains ((const char * const *) out, kind))
        out[n++] = g_strdup (kind);
    }
  return out;
}

/**
 * resp_verdict_get_n_derived_facts:
 * @self: a #RespVerdict
 *
 * Gets the number of facts the event did not state and the record settled
 * (`derived_facts`, SPEC §8.4), in the rulebook's order of facts.
 *
 * Returns: the number of derived facts
 *
 * Since: 1.0
 */
guint
resp_verdict_get_n_derived_facts (RespVerdict *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->derived.len;
}

/**
 * resp_verdict_get_derived_fact:
 * @self: a #RespVerdict
 * @index: a derived fact's index
 * @value: (out) (optional): its value, when it has one
 *
 * Gets a derived fact's name and value.
 *
 * Returns: the fact's name
 *
 * Since: 1.0
 */
const char *
resp_verdict_get_derived_fact (RespVerdict *self,
                               guint        index,
                               gboolean    *value)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->derived.len, NULL);
  if (value != NULL)
    *value = self->derived.data[index].value == 1;
  return g_array_index (self->rb->facts, RespFactDecl, self->derived.data[index].fact).name;
}

/**
 * resp_verdict_dup_derived_fact_evidence:
 * @self: a #RespVerdict
 * @index: a derived fact's index
 *
 * Gets what a derived fact rests on: the ids of the record's notices that
 * were overdue at the event's instant, or, for a fact derived from the
 * timeline, the 0-based indexes (in decimal) of the reporting hops.
 *
 * Returns: (transfer full) (array zero-terminated=1): the notice ids, sorted
 *
 * Since: 1.0
 */
char **
resp_verdict_dup_derived_fact_evidence (RespVerdict *self,
                                        guint        index)
{
  const RespVerdictDerived *d;
  char **out;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->derived.len, NULL);
  d = &self->derived.data[index];
  out = g_new0 (char *, d->evidence.len + 1);
  for (guint k = 0; k < d->evidence.len; k++)
    if (d->from == RESP_DERIVE_TIMELINE)
      out[k] = g_strdup_printf ("%u", d->evidence.data[k]);
    else
      out[k] = g_strdup (resp_record_entry_id (self->record,
                                               resp_record_notice (self->record, d->evidence.data[k])->entry));
  return out;
}

/**
 * resp_verdict_get_derived_fact_is_known:
 * @self: a #RespVerdict
 * @index: a derived fact's index
 *
 * Whether a derived fact has a value: a fact derived from the timeline
 * (`reported_in_time`) may be listed as unknown (`"value": null`), and
 * resp_verdict_get_derived_fact() then gives %FALSE for it.
 *
 * Returns: %TRUE when the fact is true or false
 *
 * Since: 1.0
 */
gboolean
resp_verdict_get_derived_fact_is_known (RespVerdict *self,
                                        guint        index)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->derived.len, FALSE);
  return self->derived.data[index].value != 2;
}

/**
 * resp_verdict_get_grade:
 * @self: a #RespVerdict
 * @least: (out) (optional) (transfer none) (nullable): the least severe grade
 *   the event may have (a grade id of the rulebook)
 * @most: (out) (optional) (transfer none) (nullable): the most severe
 * @stated: (out) (optional): whether the event stated its grade
 *
 * Gets the event's grade (SPEC §9.2): a range, its ends equal when it is
 * determined. Events the rulebook's reporting does not cover (the
 * default's: before 2025-11-01) have none.
 *
 * Returns: %TRUE when the event has a grade (`"grade"` not `null`)
 *
 * Since: 1.0
 */
gboolean
resp_verdict_get_grade (RespVerdict  *self,
                        const char  **least,
                        const char  **most,
                        gboolean     *stated)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (least != NULL)
    *least = self->has_grade ? g_array_index (self->rb->grades, RespGradeRule, self->grade_least).id : NULL;
  if (most != NULL)
    *most = self->has_grade ? g_array_index (self->rb->grades, RespGradeRule, self->grade_most).id : NULL;
  if (stated != NULL)
    *stated = self->has_grade && self->grade_stated;
  return self->has_grade;
}

/**
 * resp_verdict_get_n_hops:
 * @self: a #RespVerdict
 *
 * Gets the number of reporting hops (`reporting`, SPEC §9.3): each
 * (reporter, recipient) pair the rulebook's reporting gives the event, in
 * the order of the JSON.
 *
 * Returns: the number of hops
 *
 * Since: 1.0
 */
guint
resp_verdict_get_n_hops (RespVerdict *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->hops.len;
}

/**
 * resp_verdict_get_hop_by:
 * @self: a #RespVerdict
 * @index: a hop's index
 *
 * Gets who reports.
 *
 * Returns: the reporter's id
 *
 * Since: 1.0
 */
const char *
resp_verdict_get_hop_by (RespVerdict *self,
                         guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->hops.len, NULL);
  return resp_model_node_id (self->model, self->hops.data[index].by);
}

/**
 * resp_verdict_get_hop_to:
 * @self: a #RespVerdict
 * @index: a hop's index
 *
 * Gets whom the report goes to.
 *
 * Returns: (nullable): the recipient's id, or %NULL when the recipient's
 *   role resolved to nobody
 *
 * Since: 1.0
 */
const char *
resp_verdict_get_hop_to (RespVerdict *self,
                         guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->hops.len, NULL);
  return self->hops.data[index].to == RESP_NO_NODE ? NULL
         : resp_model_node_id (self->model, self->hops.data[index].to);
}

/**
 * resp_verdict_get_hop_kind:
 * @self: a #RespVerdict
 * @index: a hop's index
 *
 * Gets the kind of report the hop asks for.
 *
 * Returns: `initial` or `summary`
 *
 * Since: 1.0
 */
const char *
resp_verdict_get_hop_kind (RespVerdict *self,
                           guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->hops.len, NULL);
  return resp_report_kind_names[self->hops.data[index].kind];
}

/**
 * resp_verdict_get_hop_due:
 * @self: a #RespVerdict
 * @index: a hop's index
 * @due: (out) (optional): the deadline, in microseconds since the epoch
 *
 * Gets the hop's deadline.
 *
 * Returns: %FALSE when it has none: its start is unknown, or the hop has
 *   no limit (the crime report)
 *
 * Since: 1.0
 */
gboolean
resp_verdict_get_hop_due (RespVerdict *self,
                          guint        index,
                          gint64      *due)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->hops.len, FALSE);
  if (due != NULL)
    *due = self->hops.data[index].due;
  return self->hops.data[index].due != RESP_EVENT_NO_INSTANT;
}

/**
 * resp_verdict_get_hop_status:
 * @self: a #RespVerdict
 * @index: a hop's index
 *
 * Gets whether the report was made in time.
 *
 * Returns: the hop's status
 *
 * Since: 1.0
 */
RespHopStatus
resp_verdict_get_hop_status (RespVerdict *self,
                             guint        index)
{
  g_return_val_if_fail (self != NULL, RESP_HOP_UNKNOWN);
  g_return_val_if_fail (index < self->hops.len, RESP_HOP_UNKNOWN);
  return (RespHopStatus) self->hops.data[index].status;
}

/**
 * resp_verdict_dup_hop_reports:
 * @self: a #RespVerdict
 * @index: a hop's index
 * @n_reports: (out): the number of reports
 *
 * Gets the event's reports that match the hop (same `by`, `to` and
 * `kind`), as 0-based indexes into the event's `reports`.
 *
 * Returns: (transfer full) (array length=n_reports) (nullable): the
 *   indexes, or %NULL when there are none
 *
 * Since: 1.0
 */
guint *
resp_verdict_dup_hop_reports (RespVerdict *self,
                              guint        index,
                              guint       *n_reports)
{
  const RespVerdictHop *h;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->hops.len, NULL);
  g_return_val_if_fail (n_reports != NULL, NULL);
  h = &self->hops.data[index];
  *n_reports = h->reports.len;
  return h->reports.len > 0 ? g_memdup2 (h->reports.data, h->reports.len * sizeof (guint)) : NULL;
}

/**
 * resp_verdict_dup_notify:
 * @self: a #RespVerdict
 *
 * Gets whom the event is to be made known to (`notify`, SPEC §9.4): with
 * the default rulebook, when `suspected_crime` or
 * `obstructed_security_organs` holds, the public and state security organs
 * of the subjects' regions.
 *
 * Returns: (transfer full) (array zero-terminated=1): unit ids, sorted
 *
 * Since: 1.0
 */
char **
resp_verdict_dup_notify (RespVerdict *self)
{
  char **out;

  g_return_val_if_fail (self != NULL, NULL);
  out = g_new0 (char *, self->notify.len + 1);
  for (guint i = 0; i < self->notify.len; i++)
    out[i] = g_strdup (resp_model_node_id (self->model, self->notify.data[i]));
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
