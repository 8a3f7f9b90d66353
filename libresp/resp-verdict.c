/* resp-verdict.c: assembling a verdict from a model, a rulebook and an event
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The mechanism only: roles are resolved at the event's instant, the
 * rulebook's conditions evaluated in three-valued logic, and its liability
 * rules applied to the holders they name. Which circumstance, role, category
 * or citation applies is the rulebook's business, never this file's.
 */
#include "config.h"

#include <string.h>

#include "resp-verdict-private.h"
#include "resp-roles-private.h"
#include "resp-instant-private.h"

G_DEFINE_BOXED_TYPE (RespVerdict, resp_verdict, resp_verdict_ref, resp_verdict_unref)
G_DEFINE_BOXED_TYPE (RespAssessor, resp_assessor, resp_assessor_ref, resp_assessor_unref)

/* ---- the environment conditions read ---- */

typedef struct {
  const RespModel    *model;
  const RespRulebook *rb;
  const RespEvent    *ev;
  gint64              at;
  guint32             system;        /* RESP_NO_NODE: none */
  int                 region_level;  /* of the operator's region; -1: unknown */
  GPtrArray          *strings;       /* owns strings read from `extra` */
} Env;

/* A top-level scalar member of a system's `extra`, read on demand. */
static RespValue
extra_value (Env *e, const char *key)
{
  RespValue v = { RESP_VALUE_UNKNOWN, FALSE, 0, NULL };
  const RespNodeRec *n = &e->model->nodes[e->system];
  const char *text;
  RespJsonReader *r;
  RespJsonToken t;

  if (n->extra == 0)
    return v;
  text = e->model->extras + n->extra - 1;
  r = resp_json_reader_new (text, strlen (text));
  if (resp_json_reader_next (r) == RESP_JSON_TOKEN_BEGIN_OBJECT)
    while ((t = resp_json_reader_next (r)) == RESP_JSON_TOKEN_KEY)
      {
        gboolean match = g_str_equal (resp_json_reader_get_string (r, NULL), key);
        t = resp_json_reader_next (r);
        if (match)
          {
            if (t == RESP_JSON_TOKEN_TRUE || t == RESP_JSON_TOKEN_FALSE)
              v.type = RESP_VALUE_BOOL, v.boolean = t == RESP_JSON_TOKEN_TRUE;
            else if (t == RESP_JSON_TOKEN_NUMBER)
              v.type = RESP_VALUE_NUMBER, v.number = resp_json_reader_get_double (r);
            else if (t == RESP_JSON_TOKEN_STRING)
              {
                char *s = g_strdup (resp_json_reader_get_string (r, NULL));
                g_ptr_array_add (e->strings, s);
                v.type = RESP_VALUE_STRING, v.string = s;
              }
            break;
          }
        if (!resp_json_reader_skip_value (r, NULL))
          break;
      }
  resp_json_reader_free (r);
  return v;
}

static RespValue
env_get (gpointer data, RespVarKind kind, guint index, const char *extra_key)
{
  Env *e = data;
  RespValue v = { RESP_VALUE_UNKNOWN, FALSE, 0, NULL };
  const RespNodeRec *n = e->system != RESP_NO_NODE ? &e->model->nodes[e->system] : NULL;

  switch (kind)
    {
    case RESP_VAR_FACT:
      return e->ev->facts[index];
    case RESP_VAR_PARAM:
      return resp_rulebook_param_at (e->rb, index, e->at);
    case RESP_VAR_SYSTEM_KIND:
      if (n != NULL)
        v.type = RESP_VALUE_STRING, v.string = resp_system_kind_names[n->attr];
      return v;
    case RESP_VAR_SYSTEM_CII:
      if (n != NULL)
        v.type = RESP_VALUE_BOOL, v.boolean = n->cii;
      return v;
    case RESP_VAR_SYSTEM_PROTECTION:
      if (n != NULL && n->protection_level != 0)
        v.type = RESP_VALUE_NUMBER, v.number = n->protection_level;
      return v;
    case RESP_VAR_SYSTEM_EXTRA:
      return n != NULL ? extra_value (e, extra_key) : v;
    case RESP_VAR_OPERATOR_REGION_LEVEL:
      if (e->region_level >= 0)
        v.type = RESP_VALUE_STRING, v.string = resp_region_level_names[e->region_level];
      return v;
    default:
      return v;
    }
}

static RespTruth
eval (Env *e, const RespCondition *cond, GArray *missing)
{
  RespConditionEnv env = { env_get, e };
  RespTruth t;

  if (cond == NULL)
    return RESP_TRUTH_TRUE;
  t = resp_condition_eval (cond, &env, missing);
  g_ptr_array_set_size (e->strings, 0);
  return t;
}

/* ---- building ---- */

/* One thread's working space, kept between events so that assessing one
 * allocates little beyond the verdict it returns. */
struct _RespAssessor {
  gatomicrefcount ref;
  RespModel    *model;
  RespRulebook *rb;
  RespVerdict  *v;              /* the verdict being built */
  RespResolver  R;              /* for lookups outside a subject's resolution */
  GPtrArray    *subjects;       /* RespResolver*, one per subject of the event */
  Env           env;
  GHashTable   *by_person;      /* person + 1 -> index into v->liable + 1 */
  GHashTable   *warned_rules;   /* rule ids already warned about */
  GArray       *liable_subjects;
  GArray       *auth_cache;     /* AuthCache: a person is often reached twice */
  GArray       *auth_store;     /* guint32 */
};

typedef struct {
  guint32 person, anchor, first, count;
} AuthCache;

typedef RespAssessor Build;

static void
warn (RespVerdict *v, const char *code, guint32 node, int role, char *message)
{
  RespVerdictWarning w = { g_strdup (code), node, role, message };
  g_array_append_val (v->warnings, w);
}

static char *
fact_list (const RespRulebook *rb, const GArray *missing)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < missing->len; i++)
    g_string_append_printf (s, "%s%s", i ? "、" : "",
                            g_array_index (rb->facts, RespFactDecl, g_array_index (missing, guint, i)).name);
  return g_string_free (s, FALSE);
}

static void
add_unique_u32 (GArray *a, guint32 x)
{
  for (guint i = 0; i < a->len; i++)
    if (g_array_index (a, guint32, i) == x)
      return;
  g_array_append_val (a, x);
}

static void
add_unique_uint (GArray *a, guint x)
{
  for (guint i = 0; i < a->len; i++)
    if (g_array_index (a, guint, i) == x)
      return;
  g_array_append_val (a, x);
}

/* Who carries out accountability for person p reached through anchor (the
 * seat's committee, or the unit the role was resolved from), SPEC §4.3. */
static void add_ref (RespVerdict *v, guint32 person, RespRefKind kind, guint32 a);

static void
authorities (Build *b, guint32 p, guint32 anchor)
{
  RespResolver *R = &b->R;
  GArray *tmp;
  AuthCache entry;

  for (guint i = 0; i < b->auth_cache->len; i++)
    {
      const AuthCache *c = &g_array_index (b->auth_cache, AuthCache, i);
      if (c->person == p && c->anchor == anchor)
        {
          for (guint k = 0; k < c->count; k++)
            add_ref (b->v, p, RESP_REF_AUTHORITY, g_array_index (b->auth_store, guint32, c->first + k));
          return;
        }
    }
  tmp = resp_resolver_take (R);
  if (anchor == RESP_NO_NODE)
    goto out;
  if (b->v->model->nodes[anchor].type == RESP_NODE_COMMITTEE)
    resp_resolver_managers (R, anchor, tmp);
  else
    {
      guint32 k = resp_resolver_committee_of (R, anchor, NULL);
      if (k == RESP_NO_NODE)
        goto out;
      if (resp_resolver_holds_seat (R, p, k))
        resp_resolver_managers (R, k, tmp);
      else
        g_array_append_val (tmp, k);
    }
  for (guint i = 0; i < tmp->len; i++)
    add_ref (b->v, p, RESP_REF_AUTHORITY, g_array_index (tmp, guint32, i));
out:
  entry = (AuthCache) { p, anchor, b->auth_store->len, tmp->len };
  g_array_append_vals (b->auth_store, tmp->data, tmp->len);
  g_array_append_val (b->auth_cache, entry);
  resp_resolver_give (R, tmp);
}

/* Adds a node reference (authority, proposer) once. */
static void
add_ref (RespVerdict *v, guint32 person, RespRefKind kind, guint32 a)
{
  RespVerdictRef ref = { person, kind, a, 0, NULL };

  for (guint i = 0; i < v->refs->len; i++)
    {
      const RespVerdictRef *r = &g_array_index (v->refs, RespVerdictRef, i);
      if (r->person == person && r->kind == kind && r->a == a)
        return;
    }
  g_array_append_val (v->refs, ref);
}

/* Records that p holds role under rule r, reached by path. */
static void
add_liable (Build *b, guint32 p, const RespLiabilityRule *r, const guint32 *path, guint path_len,
            guint32 anchor)
{
  RespVerdict *v = b->v;
  gpointer found = g_hash_table_lookup (b->by_person, GUINT_TO_POINTER (p + 1));
  RespVerdictFlat *f;
  gboolean have_path = FALSE;

  if (found == NULL)
    {
      RespVerdictFlat nf = { p, r->category, 0 };
      g_array_append_val (v->flat, nf);
      g_hash_table_insert (b->by_person, GUINT_TO_POINTER (p + 1), GUINT_TO_POINTER (v->flat->len));
      f = &g_array_index (v->flat, RespVerdictFlat, v->flat->len - 1);
    }
  else
    f = &g_array_index (v->flat, RespVerdictFlat, GPOINTER_TO_UINT (found) - 1);

  /* the most severe category wins; the enum runs from most severe */
  f->category = MIN (f->category, (guint32) r->category);
  f->roles |= 1u << r->role;

  for (char **c = r->basis; c != NULL && *c != NULL; c++)
    {
      gboolean have = FALSE;
      for (guint i = 0; i < v->refs->len && !have; i++)
        {
          const RespVerdictRef *x = &g_array_index (v->refs, RespVerdictRef, i);
          have = x->person == p && x->kind == RESP_REF_BASIS &&
                 (x->basis == *c || strcmp (x->basis, *c) == 0);
        }
      if (!have)
        {
          RespVerdictRef ref = { p, RESP_REF_BASIS, 0, 0, *c };
          g_array_append_val (v->refs, ref);
        }
    }
  for (guint i = 0; i < v->refs->len && !have_path; i++)
    {
      const RespVerdictRef *x = &g_array_index (v->refs, RespVerdictRef, i);
      have_path = x->person == p && x->kind == RESP_REF_PATH && x->b == path_len &&
                  memcmp (&g_array_index (v->path_store, guint32, x->a), path,
                          path_len * sizeof (guint32)) == 0;
    }
  if (!have_path)
    {
      RespVerdictRef ref = { p, RESP_REF_PATH, v->path_store->len, path_len, NULL };
      g_array_append_vals (v->path_store, path, path_len);
      g_array_append_val (v->refs, ref);
    }
  authorities (b, p, anchor);
}

static gboolean
participant_of (const RespEvent *ev, guint32 committee, guint32 p)
{
  for (guint i = 0; i < ev->decisions->len; i++)
    {
      const RespDecision *d = &g_array_index (ev->decisions, RespDecision, i);
      if (d->committee != committee)
        continue;
      for (guint k = 0; k < d->participants->len; k++)
        if (g_array_index (d->participants, guint32, k) == p)
          return TRUE;
    }
  return FALSE;
}

static gboolean
is_seat_role (RespRole role)
{
  return role == RESP_ROLE_FIRST_RESPONSIBLE || role == RESP_ROLE_DIRECT_RESPONSIBLE ||
         role == RESP_ROLE_TEAM_MEMBER || role == RESP_ROLE_REGIONAL_SUPERVISOR;
}

/* The rule's condition for this subject; warns once per rule when unknown. */
static gboolean
rule_applies (Build *b, const RespLiabilityRule *r, guint32 subject)
{
  GArray *missing = resp_resolver_take (&b->R);
  RespTruth t;

  b->env.system = subject != RESP_NO_NODE && b->v->model->nodes[subject].type == RESP_NODE_SYSTEM
                  ? subject : RESP_NO_NODE;
  b->env.region_level = -1;
  t = eval (&b->env, r->condition, missing);
  if (t == RESP_TRUTH_UNKNOWN && g_hash_table_add (b->warned_rules, r->id))
    {
      char *facts = fact_list (b->v->rb, missing);
      warn (b->v, "liability_undetermined", subject, r->role,
            g_strdup_printf ("规则 %s（%s，%s）的条件取决于未知事实 %s：不据此追究任何人",
                             r->id, resp_role_labels_zh[r->role], resp_role_names[r->role],
                             facts[0] ? facts : "（参数或系统属性）"));
      g_free (facts);
    }
  resp_resolver_give (&b->R, missing);
  return t == RESP_TRUTH_TRUE;
}

static void
apply_subject_rules (Build *b, const RespResolver *SR)
{
  RespVerdict *v = b->v;
  const RespEvent *ev = v->event;
  guint32 s = SR->subject;
  const GArray *paths = SR->paths;
  const GArray *ops = SR->hits[RESP_ROLE_OPERATOR];

  for (guint i = 0; i < v->rb->liability->len; i++)
    {
      const RespLiabilityRule *r = &g_array_index (v->rb->liability, RespLiabilityRule, i);
      const GArray *hits;

      if (r->from_decision || !resp_in_force (r->since, r->until, ev->occurred_at))
        continue;
      if (r->role == RESP_ROLE_INVOLVED)
        {
          if (ev->involved->len == 0 || !rule_applies (b, r, s))
            continue;
          for (guint k = 0; k < ev->involved->len; k++)
            {
              guint32 path[2] = { s, g_array_index (ev->involved, guint32, k) };
              /* the 当事人 answers through the operator's committee */
              for (guint o = 0; o < MAX (ops->len, 1); o++)
                add_liable (b, path[1], r, path, 2,
                            ops->len ? g_array_index (ops, RespHit, o).node : RESP_NO_NODE);
            }
          continue;
        }
      /* with nobody in the role an unknown condition could change nothing,
       * so it is not weighed (and not warned about) */
      hits = SR->hits[r->role];
      if (hits->len == 0 || !rule_applies (b, r, s))
        continue;
      for (guint k = 0; k < hits->len; k++)
        {
          const RespHit *h = &g_array_index (hits, RespHit, k);
          const guint32 *path = &g_array_index (paths, guint32, h->path_off);
          guint32 via = h->path_len >= 2 ? path[h->path_len - 2] : RESP_NO_NODE;

          if (r->only_participant && !participant_of (ev, via, h->node))
            continue;
          if (is_seat_role (r->role) || (via != RESP_NO_NODE && v->model->nodes[via].type == RESP_NODE_UNIT))
            add_liable (b, h->node, r, path, h->path_len, via);
          else
            /* the system's own security lead: through each operator */
            for (guint o = 0; o < MAX (ops->len, 1); o++)
              add_liable (b, h->node, r, path, h->path_len,
                          ops->len ? g_array_index (ops, RespHit, o).node : RESP_NO_NODE);
        }
    }
}

static void
apply_decision_rules (Build *b)
{
  RespVerdict *v = b->v;
  const RespEvent *ev = v->event;
  GArray *people = resp_resolver_take (&b->R);

  for (guint i = 0; i < ev->decisions->len; i++)
    {
      const RespDecision *d = &g_array_index (ev->decisions, RespDecision, i);

      if (v->rb->has_collective)
        add_unique_u32 (v->bodies, d->committee);
      for (guint k = 0; k < d->participants->len; k++)
        {
          guint32 p = g_array_index (d->participants, guint32, k);
          if (!resp_resolver_holds_seat (&b->R, p, d->committee))
            warn (v, "participant_without_seat", p, -1,
                  g_strdup_printf ("'%s' 参与了 '%s' 的决策，但事件发生时不在该领导班子：不据此追究",
                                   resp_model_node_id (v->model, p),
                                   resp_model_node_id (v->model, d->committee)));
        }
      for (guint j = 0; j < v->rb->liability->len; j++)
        {
          const RespLiabilityRule *r = &g_array_index (v->rb->liability, RespLiabilityRule, j);
          RespSeat seat;

          if (!r->from_decision || !resp_in_force (r->since, r->until, ev->occurred_at) ||
              !rule_applies (b, r, RESP_NO_NODE))
            continue;
          seat = r->role == RESP_ROLE_FIRST_RESPONSIBLE ? RESP_SEAT_MAIN_LEADER
               : r->role == RESP_ROLE_DIRECT_RESPONSIBLE ? RESP_SEAT_CYBER_LEAD : RESP_SEAT_MEMBER;
          g_array_set_size (people, 0);
          resp_resolver_seats (&b->R, d->committee, seat, people);
          for (guint k = 0; k < people->len; k++)
            {
              guint32 path[2] = { d->committee, g_array_index (people, guint32, k) };
              if (r->only_participant && !participant_of (ev, d->committee, path[1]))
                continue;
              add_liable (b, path[1], r, path, 2, d->committee);
            }
        }
    }
  resp_resolver_give (&b->R, people);
}

static void
exempt_person (Build *b, guint32 p, guint reason, const char *note, gboolean warn_if_not_liable)
{
  RespVerdict *v = b->v;
  gpointer found = g_hash_table_lookup (b->by_person, GUINT_TO_POINTER (p + 1));
  RespVerdictExempt *x;

  for (guint i = 0; i < v->exempt->len; i++)
    if (((RespVerdictExempt *) v->exempt->pdata[i])->person == p)
      return;
  if (found == NULL)
    {
      if (warn_if_not_liable)
        warn (v, "exemption_not_liable", p, -1,
              g_strdup_printf ("事件列明 '%s' 免责，但其并非责任人", resp_model_node_id (v->model, p)));
      return;
    }
  x = g_new0 (RespVerdictExempt, 1);
  x->person = p;
  x->reason = reason;
  x->note = g_strdup (note);
  g_ptr_array_add (v->exempt, x);
}

static void
apply_exemptions (Build *b)
{
  RespVerdict *v = b->v;
  const RespEvent *ev = v->event;
  int dissent = resp_rulebook_find_exemption (v->rb, "dissent");

  if (dissent >= 0)
    for (guint i = 0; i < ev->decisions->len; i++)
      {
        const RespDecision *d = &g_array_index (ev->decisions, RespDecision, i);
        for (guint k = 0; k < d->dissent->len; k++)
          exempt_person (b, g_array_index (d->dissent, guint32, k), (guint) dissent, NULL, FALSE);
      }
  for (guint i = 0; i < ev->exemptions->len; i++)
    {
      const RespExemption *e = &g_array_index (ev->exemptions, RespExemption, i);
      exempt_person (b, e->person, e->reason, e->note, TRUE);
    }
  /* the exempt leave the liable (their references are left to be ignored) */
  for (guint i = v->flat->len; i-- > 0;)
    {
      guint32 person = g_array_index (v->flat, RespVerdictFlat, i).person;
      for (guint k = 0; k < v->exempt->len; k++)
        if (((RespVerdictExempt *) v->exempt->pdata[k])->person == person)
          {
            g_array_remove_index (v->flat, i);
            break;
          }
    }
}

/* Circumstances per SPEC §4.4: system-scoped ones for each subject system
 * and each of its operators, event-wide ones once. */
static void
evaluate_circumstances (Build *b, GArray *liable_subjects)
{
  RespVerdict *v = b->v;
  const RespEvent *ev = v->event;
  gboolean any_holds = FALSE, any_undetermined = FALSE;

  for (guint i = 0; i < v->rb->circumstances->len; i++)
    {
      const RespCircumstanceRule *c = &g_array_index (v->rb->circumstances, RespCircumstanceRule, i);
      /* worked out in borrowed arrays; the verdict keeps copies only of
       * the circumstances it lists */
      RespVerdictCircumstance vc = { i, RESP_CIRCUMSTANCE_DOES_NOT_HOLD,
                                     resp_resolver_take (&b->R), resp_resolver_take (&b->R) };
      GArray *undetermined = resp_resolver_take (&b->R);
      GArray *missing = resp_resolver_take (&b->R);

      if (!resp_in_force (c->since, c->until, ev->occurred_at))
        ;
      else if (c->event_scope)
        {
          RespTruth t;
          b->env.system = RESP_NO_NODE;
          b->env.region_level = -1;
          t = eval (&b->env, c->condition, missing);
          for (guint s = 0; s < ev->subjects->len; s++)
            g_array_append_val (vc.subjects, g_array_index (ev->subjects, guint32, s));
          if (t == RESP_TRUTH_TRUE)
            {
              vc.status = RESP_CIRCUMSTANCE_HOLDS;
              for (guint s = 0; s < ev->subjects->len; s++)
                add_unique_u32 (liable_subjects, g_array_index (ev->subjects, guint32, s));
            }
          else if (t == RESP_TRUTH_UNKNOWN)
            {
              vc.status = RESP_CIRCUMSTANCE_UNDETERMINED;
              for (guint k = 0; k < missing->len; k++)
                add_unique_uint (vc.missing, g_array_index (missing, guint, k));
            }
        }
      else
        for (guint s = 0; s < ev->subjects->len; s++)
          {
            guint32 subject = g_array_index (ev->subjects, guint32, s);
            const GArray *ops = ((RespResolver *) b->subjects->pdata[s])->hits[RESP_ROLE_OPERATOR];
            RespTruth best = RESP_TRUTH_FALSE;

            if (v->model->nodes[subject].type != RESP_NODE_SYSTEM)
              continue;   /* a unit takes part only in event-wide circumstances */
            b->env.system = subject;
            /* with several operators it holds if it holds for any of them */
            for (guint o = 0; o < MAX (ops->len, 1) && best != RESP_TRUTH_TRUE; o++)
              {
                RespTruth t;
                guint32 g = ops->len == 0 ? RESP_NO_NODE
                          : resp_resolver_unit_region (&b->R, g_array_index (ops, RespHit, o).node, NULL);
                b->env.region_level = g == RESP_NO_NODE ? -1 : v->model->nodes[g].attr;
                g_array_set_size (missing, 0);
                t = eval (&b->env, c->condition, missing);
                if (t == RESP_TRUTH_TRUE)
                  best = t;
                else if (t == RESP_TRUTH_UNKNOWN)
                  {
                    best = t;
                    for (guint k = 0; k < missing->len; k++)
                      add_unique_uint (vc.missing, g_array_index (missing, guint, k));
                  }
              }
            if (best == RESP_TRUTH_TRUE)
              {
                g_array_append_val (vc.subjects, subject);
                add_unique_u32 (liable_subjects, subject);
              }
            else if (best == RESP_TRUTH_UNKNOWN)
              g_array_append_val (undetermined, subject);
          }

      if (!c->event_scope)
        {
          if (vc.subjects->len > 0)
            {
              vc.status = RESP_CIRCUMSTANCE_HOLDS;
              g_array_set_size (vc.missing, 0);
            }
          else if (undetermined->len > 0)
            {
              vc.status = RESP_CIRCUMSTANCE_UNDETERMINED;
              g_array_append_vals (vc.subjects, undetermined->data, undetermined->len);
            }
        }
      any_holds |= vc.status == RESP_CIRCUMSTANCE_HOLDS;
      any_undetermined |= vc.status == RESP_CIRCUMSTANCE_UNDETERMINED;
      {
        GArray *subjects = vc.subjects, *miss = vc.missing;
        if (vc.status == RESP_CIRCUMSTANCE_DOES_NOT_HOLD)
          vc.subjects = vc.missing = NULL;
        else
          {
            vc.subjects = g_array_copy (subjects);
            vc.missing = g_array_copy (miss);
          }
        resp_resolver_give (&b->R, subjects);
        resp_resolver_give (&b->R, miss);
      }
      g_array_append_val (v->circumstances, vc);
      resp_resolver_give (&b->R, undetermined);
      resp_resolver_give (&b->R, missing);
    }
  v->status = any_holds ? RESP_VERDICT_TRIGGERED
            : any_undetermined ? RESP_VERDICT_UNDETERMINED : RESP_VERDICT_NOT_TRIGGERED;
}

static void
apply_modifiers (Build *b)
{
  RespVerdict *v = b->v;
  GArray *missing = resp_resolver_take (&b->R);

  b->env.system = RESP_NO_NODE;
  b->env.region_level = -1;
  for (guint i = 0; i < v->rb->modifiers->len; i++)
    {
      const RespModifierRule *m = &g_array_index (v->rb->modifiers, RespModifierRule, i);
      RespTruth t;

      if (!resp_in_force (m->since, m->until, v->event->occurred_at))
        continue;
      g_array_set_size (missing, 0);
      t = eval (&b->env, m->condition, missing);
      if (t == RESP_TRUTH_TRUE)
        g_array_append_val (v->modifiers, i);
      else if (t == RESP_TRUTH_UNKNOWN)
        {
          char *facts = fact_list (v->rb, missing);
          warn (v, "modifier_undetermined", RESP_NO_NODE, -1,
                g_strdup_printf ("情节 %s 取决于未知事实 %s：未予适用", m->kind, facts));
          g_free (facts);
        }
    }
  resp_resolver_give (&b->R, missing);
}

static int
cmp_flat (gconstpointer a, gconstpointer b, gpointer data)
{
  const RespVerdictFlat *x = a, *y = b;
  const RespModel *m = data;

  if (x->category != y->category)
    return x->category < y->category ? -1 : 1;
  return strcmp (resp_model_node_id (m, x->person), resp_model_node_id (m, y->person));
}

static int
cmp_exempt (gconstpointer a, gconstpointer b, gpointer data)
{
  const RespVerdictExempt *x = *(RespVerdictExempt * const *) a;
  const RespVerdictExempt *y = *(RespVerdictExempt * const *) b;
  const RespModel *m = data;

  return strcmp (resp_model_node_id (m, x->person), resp_model_node_id (m, y->person));
}

static int
cmp_ids (gconstpointer a, gconstpointer b, gpointer data)
{
  const RespModel *m = data;
  return strcmp (resp_model_node_id (m, *(const guint32 *) a),
                 resp_model_node_id (m, *(const guint32 *) b));
}

static void
finish_liable (Build *b)
{
  RespVerdict *v = b->v;
  GArray *tmp = resp_resolver_take (&b->R);

  for (guint i = 0; i < v->flat->len; i++)
    {
      guint32 person = g_array_index (v->flat, RespVerdictFlat, i).person;
      guint n_auth = 0, n_prop = 0;

      /* proposers per authority; refs grows inside the loop, so go by
       * index and look only at what was there before */
      g_array_set_size (tmp, 0);
      for (guint k = 0, n = v->refs->len; k < n; k++)
        {
          const RespVerdictRef *r = &g_array_index (v->refs, RespVerdictRef, k);
          if (r->person == person && r->kind == RESP_REF_AUTHORITY)
            {
              n_auth++;
              resp_resolver_proposers (&b->R, r->a, person, tmp);
            }
        }
      for (guint k = 0; k < tmp->len; k++, n_prop++)
        add_ref (v, person, RESP_REF_PROPOSER, g_array_index (tmp, guint32, k));
      if (n_auth == 0 || n_prop == 0)
        {
          RespRole missing = n_auth == 0 ? RESP_ROLE_AUTHORITY : RESP_ROLE_PROPOSER;
          warn (v, "role_unresolved", person, missing,
                g_strdup_printf ("无法确定对 '%s' 的%s（%s）", resp_model_node_id (v->model, person),
                                 resp_role_labels_zh[missing], resp_role_names[missing]));
        }
    }
  resp_resolver_give (&b->R, tmp);
  g_array_sort_with_data (v->flat, cmp_flat, v->model);
  g_ptr_array_sort_with_data (v->exempt, cmp_exempt, v->model);
  g_array_sort_with_data (v->bodies, cmp_ids, v->model);
}

static void
liable_free (RespVerdictLiable *l)
{
  g_ptr_array_unref (l->basis);
  g_ptr_array_unref (l->paths);
  g_array_unref (l->authority);
  g_array_unref (l->proposer);
  g_free (l);
}

GPtrArray *
resp_verdict_get_liable_list (RespVerdict *v)
{
  if (g_once_init_enter (&v->liable_ready))
    {
      GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) liable_free);

      for (guint i = 0; i < v->flat->len; i++)
        {
          const RespVerdictFlat *f = &g_array_index (v->flat, RespVerdictFlat, i);
          RespVerdictLiable *l = g_new0 (RespVerdictLiable, 1);

          l->person = f->person;
          l->category = (RespCategory) f->category;
          l->roles = f->roles;
          l->basis = g_ptr_array_new ();
          l->paths = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
          l->authority = g_array_new (FALSE, FALSE, sizeof (guint32));
          l->proposer = g_array_new (FALSE, FALSE, sizeof (guint32));
          for (guint k = 0; k < v->refs->len; k++)
            {
              const RespVerdictRef *r = &g_array_index (v->refs, RespVerdictRef, k);
              if (r->person != f->person)
                continue;
              switch (r->kind)
                {
                case RESP_REF_BASIS:
                  g_ptr_array_add (l->basis, (gpointer) r->basis);
                  break;
                case RESP_REF_PATH:
                  {
                    GArray *p = g_array_sized_new (FALSE, FALSE, sizeof (guint32), r->b);
                    g_array_append_vals (p, &g_array_index (v->path_store, guint32, r->a), r->b);
                    g_ptr_array_add (l->paths, p);
                  }
                  break;
                case RESP_REF_AUTHORITY:
                  g_array_append_val (l->authority, r->a);
                  break;
                default:
                  g_array_append_val (l->proposer, r->a);
                  break;
                }
            }
          g_array_sort_with_data (l->authority, cmp_ids, v->model);
          g_array_sort_with_data (l->proposer, cmp_ids, v->model);
          g_ptr_array_add (list, l);
        }
      v->liable = list;
      g_once_init_leave (&v->liable_ready, 1);
    }
  return v->liable;
}

static void
exempt_free (RespVerdictExempt *x)
{
  g_free (x->note);
  g_free (x);
}

static void
resolver_free (RespResolver *R)
{
  resp_resolver_clear (R);
  g_free (R);
}

/**
 * resp_assessor_new:
 * @model: the model
 * @rulebook: the rulebook
 *
 * Creates the working space for assessing events one after another on one
 * thread. The model and rulebook may be shared by assessors on many threads;
 * an assessor itself belongs to one thread at a time.
 *
 * Returns: (transfer full): a new assessor
 *
 * Since: 1.0
 */
RespAssessor *
resp_assessor_new (RespModel    *model,
                   RespRulebook *rulebook)
{
  RespAssessor *a;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (rulebook != NULL, NULL);

  a = g_new0 (RespAssessor, 1);
  g_atomic_ref_count_init (&a->ref);
  a->model = resp_model_ref (model);
  a->rb = resp_rulebook_ref (rulebook);
  resp_resolver_init (&a->R, model);
  a->subjects = g_ptr_array_new_with_free_func ((GDestroyNotify) resolver_free);
  a->env.model = model;
  a->env.rb = rulebook;
  a->env.strings = g_ptr_array_new_with_free_func (g_free);
  a->by_person = g_hash_table_new (NULL, NULL);
  a->warned_rules = g_hash_table_new (g_str_hash, g_str_equal);
  a->liable_subjects = g_array_new (FALSE, FALSE, sizeof (guint32));
  a->auth_cache = g_array_new (FALSE, FALSE, sizeof (AuthCache));
  a->auth_store = g_array_new (FALSE, FALSE, sizeof (guint32));
  return a;
}

/**
 * resp_assessor_ref:
 * @self: a #RespAssessor
 *
 * Takes a reference on @self.
 *
 * Returns: (transfer full): @self
 *
 * Since: 1.0
 */
RespAssessor *
resp_assessor_ref (RespAssessor *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

/**
 * resp_assessor_unref:
 * @self: (transfer full): a #RespAssessor
 *
 * Drops a reference on @self; the last one frees it.
 *
 * Since: 1.0
 */
void
resp_assessor_unref (RespAssessor *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  resp_resolver_clear (&self->R);
  g_ptr_array_unref (self->subjects);
  g_ptr_array_unref (self->env.strings);
  g_hash_table_unref (self->by_person);
  g_hash_table_unref (self->warned_rules);
  g_array_unref (self->liable_subjects);
  g_array_unref (self->auth_cache);
  g_array_unref (self->auth_store);
  resp_rulebook_unref (self->rb);
  resp_model_unref (self->model);
  g_free (self);
}

/**
 * resp_assessor_assess:
 * @self: a #RespAssessor
 * @event: an event loaded against the assessor's model and rulebook
 *
 * Assesses one event (SPEC §4): resolves every role from each subject at
 * the event's instant, evaluates the circumstances in three-valued logic,
 * and, when one holds, applies the liability rules, collective
 * responsibility, exemptions and modifiers. Nobody is held on an unknown
 * fact.
 *
 * Returns: (transfer full): the verdict
 *
 * Since: 1.0
 */
RespVerdict *
resp_assessor_assess (RespAssessor *self,
                      RespEvent    *event)
{
  RespModel *model;
  RespVerdict *v;
  Build *b = self;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (event != NULL, NULL);
  g_return_val_if_fail (event->model == self->model && event->rulebook == self->rb, NULL);

  model = self->model;
  v = g_new0 (RespVerdict, 1);
  g_atomic_ref_count_init (&v->ref);
  v->model = resp_model_ref (model);
  v->rb = resp_rulebook_ref (self->rb);
  v->event = resp_event_ref (event);
  v->circumstances = g_array_new (FALSE, FALSE, sizeof (RespVerdictCircumstance));
  v->flat = g_array_sized_new (FALSE, FALSE, sizeof (RespVerdictFlat), 16);
  v->refs = g_array_sized_new (FALSE, FALSE, sizeof (RespVerdictRef), 64);
  v->path_store = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 128);
  v->exempt = g_ptr_array_new_with_free_func ((GDestroyNotify) exempt_free);
  v->bodies = g_array_new (FALSE, FALSE, sizeof (guint32));
  v->modifiers = g_array_new (FALSE, FALSE, sizeof (guint));
  v->warnings = g_array_new (FALSE, FALSE, sizeof (RespVerdictWarning));
  v->subject_roles = g_ptr_array_new_with_free_func ((GDestroyNotify) resp_roles_unref);

  b->v = v;
  b->env.ev = event;
  b->env.at = event->occurred_at;
  g_hash_table_remove_all (b->by_person);
  g_hash_table_remove_all (b->warned_rules);
  g_array_set_size (b->liable_subjects, 0);
  g_array_set_size (b->auth_cache, 0);
  g_array_set_size (b->auth_store, 0);

  while (b->subjects->len < event->subjects->len)
    {
      RespResolver *R = g_new0 (RespResolver, 1);
      resp_resolver_init (R, model);
      g_ptr_array_add (b->subjects, R);
    }
  for (guint s = 0; s < event->subjects->len; s++)
    {
      RespResolver *R = b->subjects->pdata[s];

      resp_resolver_reset (R, event->occurred_at);
      resp_resolver_resolve (R, g_array_index (event->subjects, guint32, s), RESP_RESOLVE_NO_AUTHORITY);
      for (guint k = 0; k < R->warnings->len; k++)
        {
          const RespRoleWarning *w = &g_array_index (R->warnings, RespRoleWarning, k);
          warn (v, "role_unresolved", w->subject, w->role, g_strdup (w->message));
        }
    }
  resp_resolver_reset (&b->R, event->occurred_at);

  evaluate_circumstances (b, b->liable_subjects);
  if (v->status == RESP_VERDICT_TRIGGERED)
    {
      for (guint s = 0; s < event->subjects->len; s++)
        {
          guint32 subject = g_array_index (event->subjects, guint32, s);
          for (guint k = 0; k < b->liable_subjects->len; k++)
            if (g_array_index (b->liable_subjects, guint32, k) == subject)
              {
                apply_subject_rules (b, b->subjects->pdata[s]);
                break;
              }
        }
      apply_decision_rules (b);
      apply_exemptions (b);
      apply_modifiers (b);
      finish_liable (b);
    }
  else
    /* a verdict that holds nobody lists the duty holders instead, the
     * committee's authority and proposer among them */
    for (guint s = 0; s < event->subjects->len; s++)
      {
        RespResolver *R = b->subjects->pdata[s];
        guint n_warnings = R->warnings->len;

        resp_resolver_reset (R, event->occurred_at);
        resp_resolver_resolve (R, g_array_index (event->subjects, guint32, s), RESP_RESOLVE_ALL);
        for (guint k = n_warnings; k < R->warnings->len; k++)
          {
            const RespRoleWarning *w = &g_array_index (R->warnings, RespRoleWarning, k);
            warn (v, "role_unresolved", w->subject, w->role, g_strdup (w->message));
          }
        g_ptr_array_add (v->subject_roles, resp_roles_new_from_resolver (model, R->subject, R));
      }
  b->v = NULL;
  b->env.ev = NULL;
  return v;
}

/**
 * resp_assess:
 * @model: the model
 * @rulebook: the rulebook
 * @event: an event loaded against @model and @rulebook
 *
 * Assesses one event with a fresh #RespAssessor; see
 * resp_assessor_assess(). Safe to call from many threads on shared
 * arguments; to assess many events, an assessor per thread is cheaper.
 *
 * Returns: (transfer full): the verdict
 *
 * Since: 1.0
 */
RespVerdict *
resp_assess (RespModel    *model,
             RespRulebook *rulebook,
             RespEvent    *event)
{
  RespAssessor *a;
  RespVerdict *v;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (rulebook != NULL, NULL);
  g_return_val_if_fail (event != NULL, NULL);
  g_return_val_if_fail (event->model == model && event->rulebook == rulebook, NULL);

  a = resp_assessor_new (model, rulebook);
  v = resp_assessor_assess (a, event);
  resp_assessor_unref (a);
  return v;
}

typedef struct {
  RespModel      *model;
  RespRulebook   *rb;
  RespEventBatch *batch;
  RespVerdict   **out;
  gint            next;
} BatchJob;

static gpointer
batch_worker (gpointer data)
{
  BatchJob *job = data;
  guint n = resp_event_batch_get_n_events (job->batch);
  RespAssessor *a = resp_assessor_new (job->model, job->rb);

  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&job->next, 1);
      if (i >= n)
        break;
      job->out[i] = resp_assessor_assess (a, resp_event_batch_get_event (job->batch, i));
    }
  resp_assessor_unref (a);
  return NULL;
}

/**
 * resp_assess_batch:
 * @model: the model
 * @rulebook: the rulebook
 * @batch: events loaded against @model and @rulebook
 * @n_threads: threads to use; 0 for one per processor
 *
 * Assesses every event of @batch independently, sharing the model and the
 * rulebook between threads.
 *
 * Returns: (transfer container) (element-type RespVerdict): the verdicts, in
 *   the order of the events
 *
 * Since: 1.0
 */
GPtrArray *
resp_assess_batch (RespModel      *model,
                   RespRulebook   *rulebook,
                   RespEventBatch *batch,
                   guint           n_threads)
{
  guint n;
  BatchJob job;
  GPtrArray *out;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (rulebook != NULL, NULL);
  g_return_val_if_fail (batch != NULL, NULL);

  n = resp_event_batch_get_n_events (batch);
  out = g_ptr_array_new_full (n, (GDestroyNotify) resp_verdict_unref);
  g_ptr_array_set_size (out, n);
  job = (BatchJob) { model, rulebook, batch, (RespVerdict **) out->pdata, 0 };
  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_threads = MIN (n_threads, MAX (n, 1));
  if (n_threads <= 1)
    batch_worker (&job);
  else
    {
      GThread **threads = g_new (GThread *, n_threads);
      for (guint t = 0; t < n_threads; t++)
        threads[t] = g_thread_new ("resp-assess", batch_worker, &job);
      for (guint t = 0; t < n_threads; t++)
        g_thread_join (threads[t]);
      g_free (threads);
    }
  return out;
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
RespVerdict *
resp_verdict_ref (RespVerdict *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

/**
 * resp_verdict_unref:
 * @self: (transfer full): a #RespVerdict
 *
 * Drops a reference on @self; the last one frees it.
 *
 * Since: 1.0
 */
void
resp_verdict_unref (RespVerdict *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  for (guint i = 0; i < self->circumstances->len; i++)
    {
      RespVerdictCircumstance *c = &g_array_index (self->circumstances, RespVerdictCircumstance, i);
      if (c->subjects != NULL)
        g_array_unref (c->subjects);
      if (c->missing != NULL)
        g_array_unref (c->missing);
    }
  for (guint i = 0; i < self->warnings->len; i++)
    {
      RespVerdictWarning *w = &g_array_index (self->warnings, RespVerdictWarning, i);
      g_free (w->code);
      g_free (w->message);
    }
  g_array_unref (self->circumstances);
  g_array_unref (self->flat);
  g_array_unref (self->refs);
  g_array_unref (self->path_store);
  if (self->liable != NULL)
    g_ptr_array_unref (self->liable);
  g_ptr_array_unref (self->exempt);
  g_array_unref (self->bodies);
  g_array_unref (self->modifiers);
  g_array_unref (self->warnings);
  g_ptr_array_unref (self->subject_roles);
  resp_event_unref (self->event);
  resp_rulebook_unref (self->rb);
  resp_model_unref (self->model);
  g_free (self);
}
