/* resp-assessor.c: the engine that assesses an event against a model and a rulebook
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The mechanism only: roles are resolved at the event's instant, the
 * rulebook's conditions evaluated in three-valued logic, and its liability
 * rules applied to the holders they name. Which circumstance, role, category
 * or citation applies is the rulebook's business, never this file's. What
 * a verdict holds is gathered in the assessor's reusable arrays and copied
 * into the verdict (resp-verdict.c) in one block at the end; the words
 * people read are made by the renderers.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "resp-assessor-private.h"
#include "resp-instant-private.h"
#include "resp-refcount-private.h"
#include "resp-vec-private.h"


/* ---- the environment conditions read (its types: resp-assessor-private.h) ---- */

static int
unit_region_level (Env *e, guint32 unit)
{
  guint32 g = unit != RESP_NO_NODE ? resp_resolver_unit_region (e->R, unit, NULL) : RESP_NO_NODE;

  return g == RESP_NO_NODE ? -1 : e->model->nodes[g].attr;
}

static int
env_region_level (Env *e)
{
  if (e->region_level == LEVEL_UNSET)
    e->region_level = unit_region_level (e, e->op);
  return e->region_level;
}

/* The level of the organ whose site the system is: its sponsor's region
 * (unknown when the sponsor lies in none), else the operator's. */
static int
env_owner_level (Env *e)
{
  if (e->owner_level == LEVEL_UNSET)
    {
      guint32 sponsor = resp_resolver_first_in (e->R, e->system, RESP_REL_SPONSORS);
      e->owner_level = sponsor != RESP_NO_NODE ? unit_region_level (e, sponsor) : env_region_level (e);
    }
  return e->owner_level;
}

RespValue
resp_assessor_env_get (gpointer data, RespVarKind kind, guint index, const char *extra_key)
{
  Env *e = data;
  RespValue v = RESP_VALUE_INIT_UNKNOWN;
  const RespNodeRec *n = e->system != RESP_NO_NODE ? &e->model->nodes[e->system] : NULL;

  if (n == NULL && e->no_system)
    switch (kind)
      {
      /* known, and equal to nothing a condition names: the alternative
       * that reads the system is false */
      case RESP_VAR_SYSTEM_KIND:
      case RESP_VAR_SYSTEM_OWNER_LEVEL:
        v.type = RESP_VALUE_STRING, v.string = "";
        return v;
      case RESP_VAR_SYSTEM_CII:
        v.type = RESP_VALUE_BOOL, v.boolean = FALSE;
        return v;
      default:
        break;
      }
  switch (kind)
    {
    case RESP_VAR_FACT:
      return e->facts[index];
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
      return n != NULL ? resp_model_extra_value (e->model, e->system, extra_key) : v;
    case RESP_VAR_OPERATOR_REGION_LEVEL:
      return resp_level_value (env_region_level (e));
    case RESP_VAR_SYSTEM_OWNER_LEVEL:
      return n != NULL ? resp_level_value (env_owner_level (e)) : v;
    case RESP_VAR_OPERATOR_KIND:
      return resp_resolver_operator_value (e->R, e->op, RESP_OPERATOR_KIND);
    case RESP_VAR_OPERATOR_SUPERIOR_KIND:
      return resp_resolver_operator_value (e->R, e->op, RESP_OPERATOR_SUPERIOR_KIND);
    case RESP_VAR_OPERATOR_SUPERIOR_LEVEL:
      return resp_resolver_operator_value (e->R, e->op, RESP_OPERATOR_SUPERIOR_LEVEL);
    default:
      return v;
    }
}
/* ---- building ---- */



/* The flat record of person p, or NULL; with create, made when missing. */
static RespVerdictFlat *
find_flat (RespAssessor *as, guint32 p, gboolean create, guint32 category)
{
  guint32 mask, h;

  if (as->flat.len * 2 >= as->slots.len)
    {
      /* grow and rehash: a table at most half full */
      guint32 n = 64;
      while (n <= as->flat.len * 2)
        n *= 2;
      as->slots.len = 0;
      resp_vec_reserve (&as->slots, n);
      as->slots.len = n;
      memset (as->slots.data, 0, n * sizeof (guint32));
      for (guint32 i = 0; i < as->flat.len; i++)
        {
          h = (as->flat.data[i].person * 2654435761u) & (n - 1);
          while (as->slots.data[h] != 0)
            h = (h + 1) & (n - 1);
          as->slots.data[h] = i + 1;
        }
    }
  mask = as->slots.len - 1;
  for (h = (p * 2654435761u) & mask; as->slots.data[h] != 0; h = (h + 1) & mask)
    if (as->flat.data[as->slots.data[h] - 1].person == p)
      return &as->flat.data[as->slots.data[h] - 1];
  if (!create)
    return NULL;
  {
    RespVerdictFlat nf = { p, category, 0 };
    guint32 none = 0;

    resp_vec_push (&as->flat, nf);
    resp_vec_push (&as->ref_head, none);
    resp_vec_push (&as->ref_tail, none);
    resp_vec_push (&as->ref_count, none);
    as->slots.data[h] = as->flat.len;
    return &as->flat.data[as->flat.len - 1];
  }
}

/* Appends a reference of the person of flat record f. */
static void
push_ref (RespAssessor *as, guint32 f, const RespVerdictRef *ref)
{
  guint32 i = as->refs.len, none = 0;

  resp_vec_push (&as->refs, *ref);
  resp_vec_push (&as->ref_next, none);
  if (as->ref_tail.data[f] != 0)
    as->ref_next.data[as->ref_tail.data[f] - 1] = i + 1;
  else
    as->ref_head.data[f] = i + 1;
  as->ref_tail.data[f] = i + 1;
  as->ref_count.data[f]++;
}

static guint32
mix3 (guint32 a, guint32 b, guint32 c)
{
  guint32 h = a * 2654435761u;

  h = (h ^ b) * 2246822519u;
  h = (h ^ c) * 3266489917u;
  return h ^ (h >> 15);
}

/* What tells a reference from another of the same person and kind: the
 * basis's words, the path's nodes, or the node. */
static guint32
ref_hash (const RespAssessor *as, const RespVerdictRef *r, const guint32 *path)
{
  guint32 what;

  switch (r->kind)
    {
    case RESP_REF_BASIS:
      what = r->a;   /* the citation's hash, computed with the rulebook */
      break;
    case RESP_REF_PATH:
      what = r->b;
      for (guint32 i = 0; i < r->b; i++)
        what = what * 31 + path[i];
      break;
    default:
      what = r->a;
      break;
    }
  return mix3 (r->person, r->kind, what);
}

static gboolean
ref_same (const RespAssessor *as, const RespVerdictRef *x, const RespVerdictRef *r, const guint32 *path)
{
  if (x->person != r->person || x->kind != r->kind)
    return FALSE;
  switch (r->kind)
    {
    case RESP_REF_BASIS:
      return x->basis == r->basis || (x->a == r->a && strcmp (x->basis, r->basis) == 0);
    case RESP_REF_PATH:
      return x->b == r->b && memcmp (&as->path_store.data[x->a], path, r->b * sizeof (guint32)) == 0;
    default:
      return x->a == r->a;
    }
}

static guint32
ref_hash_at (guint32 i, gconstpointer data)
{
  const RespAssessor *as = data;
  const RespVerdictRef *x = &as->refs.data[i];

  return ref_hash (as, x, x->kind == RESP_REF_PATH ? &as->path_store.data[x->a] : NULL);
}

/* The slot of reference r (path: a path's nodes) in ref_slots: the equal
 * reference's, or the empty one where r would go. */
static guint32 *
ref_slot (RespAssessor *as, const RespVerdictRef *r, const guint32 *path)
{
  guint32 mask, h;

  resp_slots_sync (&as->ref_slots, &as->ref_indexed, as->refs.len, ref_hash_at, as);
  mask = as->ref_slots.len - 1;
  for (h = ref_hash (as, r, path) & mask; as->ref_slots.data[h] != 0; h = (h + 1) & mask)
    if (ref_same (as, &as->refs.data[as->ref_slots.data[h] - 1], r, path))
      break;
  return &as->ref_slots.data[h];
}

#define FOR_REFS(as, f, r)                                                        \
  for (guint32 r##_i = (as)->ref_head.data[f]; r##_i != 0; r##_i = (as)->ref_next.data[r##_i - 1]) \
    for (const RespVerdictRef *r = &(as)->refs.data[r##_i - 1]; r != NULL; r = NULL)

/* A person's references are few: an equal one is looked for along the
 * person's own chain. Once someone has more than this (a system with many
 * operators), a hash table over all references finds them instead, for the
 * rest of the event, so that no chain is walked more than this far. */
#define REF_SCAN_MAX 16

/* Appends reference r of flat record f unless an equal one is there. */
static void
push_ref_once (RespAssessor *as, guint32 f, const RespVerdictRef *r, const guint32 *path)
{
  guint32 *slot = NULL;

  if (!as->ref_hashing && as->ref_count.data[f] < REF_SCAN_MAX)
    {
      FOR_REFS (as, f, x)
        if (ref_same (as, x, r, path))
          return;
    }
  else
    {
      as->ref_hashing = TRUE;
      slot = ref_slot (as, r, path);
      if (*slot != 0)
        return;
    }
  /* (a path reference always comes with its path) */
  if (r->kind == RESP_REF_PATH && path != NULL)
    resp_vec_append (&as->path_store, path, r->b);
  push_ref (as, f, r);
  if (slot != NULL)
    {
      *slot = as->refs.len;
      as->ref_indexed = as->refs.len;
    }
}

/* Adds a node reference (authority, proposer) once. */
static void
add_ref (RespAssessor *as, guint32 f, RespRefKind kind, guint32 a)
{
  RespVerdictRef ref = { as->flat.data[f].person, kind, a, 0, NULL };

  push_ref_once (as, f, &ref, NULL);
}

static guint32
memo_hash_at (guint32 i, gconstpointer data)
{
  const RespAssessor *as = data;

  return mix3 (as->memo.data[i].kind, as->memo.data[i].key, 0);
}

/* How much of the memo an assessor keeps between events */
#define MEMO_MAX_ENTRIES 4096
#define MEMO_MAX_STORE   32768

/* The memo of (kind, key) at the event's instant, computed into the memo
 * when missing. An answer is kept with the window of instants in which the
 * relations it read do not change (the resolver narrows it at every look),
 * and across events: the committees that hold people accountable are few
 * and long-lived, so a later event at an instant inside the window reads
 * the answer instead of walking again; outside it, the answer is computed
 * anew. The span returned is valid until the next memo_get(). */
static const guint32 *
memo_get (RespAssessor *as, MemoKind kind, guint32 key, guint32 *n)
{
  RespResolver *R = &as->R;
  RespU32Vec *tmp;
  Memo *m = NULL;
  guint32 mask, h;
  gint64 lo = R->lo, hi = R->hi;

  resp_slots_sync (&as->memo_slots, &as->memo_indexed, as->memo.len, memo_hash_at, as);
  mask = as->memo_slots.len - 1;
  for (h = mix3 (kind, key, 0) & mask; as->memo_slots.data[h] != 0; h = (h + 1) & mask)
    {
      m = &as->memo.data[as->memo_slots.data[h] - 1];
      if (m->kind == kind && m->key == key)
        break;
      m = NULL;
    }
  if (m != NULL && m->lo <= R->at && R->at < m->hi)
    {
      *n = m->count;
      return *n > 0 ? as->memo_store.data + m->first : NULL;
    }
  tmp = resp_resolver_take (R);
  R->lo = RESP_INSTANT_OPEN_START;
  R->hi = RESP_INSTANT_OPEN_END;
  switch (kind)
    {
    case MEMO_MANAGERS:
      resp_resolver_managers (R, key, tmp);
      break;
    case MEMO_COMMITTEE:
      {
        guint32 k = resp_resolver_committee_of (R, key, NULL);
        if (k != RESP_NO_NODE)
          resp_vec_push (tmp, k);
      }
      break;
    case MEMO_PROPOSERS:
    default:
      resp_resolver_proposers (R, key, RESP_NO_NODE, tmp);
      break;
    }
  if (m == NULL)
    {
      Memo entry = { kind, key, 0, 0, 0, 0 };

      resp_vec_push (&as->memo, entry);
      as->memo_slots.data[h] = as->memo.len;
      as->memo_indexed = as->memo.len;
      m = &as->memo.data[as->memo.len - 1];
    }
  /* an answer computed again takes the old one's place when it fits, else
   * goes after the others (the old span left until the memo is emptied) */
  if (tmp->len > m->count || m->count == 0)
    {
      m->first = as->memo_store.len;
      resp_vec_append (&as->memo_store, tmp->data, tmp->len);
    }
  else if (tmp->len > 0)
    memcpy (as->memo_store.data + m->first, tmp->data, tmp->len * sizeof (guint32));
  m->count = tmp->len;
  m->lo = R->lo;
  m->hi = R->hi;
  resp_resolver_give (R, tmp);
  R->lo = lo;
  R->hi = hi;
  *n = m->count;
  return m->count > 0 ? as->memo_store.data + m->first : NULL;
}

/* Who carries out accountability for person p (flat record f) reached
 * through anchor (the seat's committee, or the unit the role was resolved
 * from), SPEC §4.3. */
static void
authorities (RespAssessor *as, guint32 f, guint32 anchor)
{
  guint32 p = as->flat.data[f].person, n, k;
  const guint32 *list;

  if (anchor == RESP_NO_NODE)
    return;
  if (as->model->nodes[anchor].type == RESP_NODE_COMMITTEE)
    k = anchor;
  else
    {
      list = memo_get (as, MEMO_COMMITTEE, anchor, &n);
      if (n == 0)
        return;
      k = list[0];
      /* someone seated on the unit's committee answers to those who manage
       * it; anyone else in the unit answers to the committee itself */
      if (!resp_resolver_holds_seat (&as->R, p, k))
        {
          add_ref (as, f, RESP_REF_AUTHORITY, k);
          return;
        }
    }
  list = memo_get (as, MEMO_MANAGERS, k, &n);
  for (guint i = 0; i < n; i++)
    add_ref (as, f, RESP_REF_AUTHORITY, list[i]);
}

/* The proposers for person p under authority a: the authority's nearest
 * coordinators, but not an office p heads (then the next region's). */
static void
proposers (RespAssessor *as, guint32 a, guint32 p, RespU32Vec *out)
{
  guint32 n;
  const guint32 *list = memo_get (as, MEMO_PROPOSERS, a, &n);
  guint start = out->len;

  resp_vec_append (out, list, n);
  resp_resolver_drop_headed (&as->R, p, out, start);
  if (out->len == start && n > 0)
    {
      /* p heads every one of them: the walk goes further up for p alone */
      out->len = start;
      resp_resolver_proposers (&as->R, a, p, out);
    }
}

/* Records that p holds role under rule r, reached by path. */
static void
add_liable (RespAssessor *as, guint32 p, const RespLiabilityRule *r, const guint32 *path, guint path_len,
            guint32 anchor)
{
  RespVerdictFlat *fl = find_flat (as, p, TRUE, r->category);
  guint32 f = (guint32) (fl - as->flat.data);
  RespVerdictRef ref = { p, RESP_REF_PATH, as->path_store.len, path_len, NULL };

  /* the most severe category wins; the enum runs from most severe */
  fl->category = MIN (fl->category, (guint32) r->category);
  fl->roles |= 1u << r->role;

  for (guint i = 0; r->basis != NULL && r->basis[i] != NULL; i++)
    {
      RespVerdictRef basis = { p, RESP_REF_BASIS, r->basis_hash[i], 0, r->basis[i] };
      push_ref_once (as, f, &basis, NULL);
    }
  push_ref_once (as, f, &ref, path);
  authorities (as, f, anchor);
}

/* Whether a recorded dissent of p from d takes d's liability off p: only
 * when the rulebook has a `dissent` exemption to honour it with. */

/* Sorts each decision's participants and dissenters into the assessor, so
 * that whether someone is among them is a binary search. */
static void
index_decisions (RespAssessor *as)
{
  const RespEvent *ev = as->ev;

  as->decision_people.len = as->decision_span.len = 0;
  resp_vec_push (&as->decision_span, as->decision_people.len);
  for (guint i = 0; i < ev->decisions.len; i++)
    {
      const RespDecision *d = &ev->decisions.data[i];
      const RespU32Vec *lists[2] = { &d->participants, &d->dissent };

      for (guint k = 0; k < 2; k++)
        {
          guint32 start = as->decision_people.len;

          resp_vec_append (&as->decision_people, lists[k]->data, lists[k]->len);
          qsort (as->decision_people.data + start, lists[k]->len, sizeof (guint32), resp_cmp_u32);
          resp_vec_push (&as->decision_span, as->decision_people.len);
        }
    }
}

/* Whether p is among d's participants (list 0) or dissenters (list 1). */
static gboolean
decision_names (const RespAssessor *as, const RespDecision *d, guint list, guint32 p)
{
  guint i = (guint) (d - &as->ev->decisions.data[0]);
  guint32 first = as->decision_span.data[2 * i + list];
  guint32 n = as->decision_span.data[2 * i + list + 1] - first;

  return bsearch (&p, as->decision_people.data + first, n, sizeof (guint32), resp_cmp_u32) != NULL;
}

static gboolean
dissents (const RespAssessor *as, const RespDecision *d, guint32 p)
{
  return as->dissent_reason >= 0 && decision_names (as, d, 1, p);
}

typedef enum {
  NOT_PARTICIPANT,
  PARTICIPANT,      /* in a decision of the committee p did not dissent from */
  DISSENTED_ONLY,   /* took part only in decisions p dissented from */
} Participation;

static Participation
participation (const RespAssessor *as, guint32 committee, guint32 p)
{
  Participation x = NOT_PARTICIPANT;

  for (guint i = 0; i < as->ev->decisions.len; i++)
    {
      const RespDecision *d = &as->ev->decisions.data[i];
      if (d->committee != committee || !decision_names (as, d, 0, p))
        continue;
      if (!dissents (as, d, p))
        return PARTICIPANT;
      x = DISSENTED_ONLY;
    }
  return x;
}

/* Whether another decision of d's committee, not dissented from by p,
 * reaches p through rule r just as d would have. */
static gboolean
reached_by_other_decision (const RespAssessor *as, const RespDecision *d,
                           const RespLiabilityRule *r, guint32 p)
{
  for (guint i = 0; i < as->ev->decisions.len; i++)
    {
      const RespDecision *e = &as->ev->decisions.data[i];
      if (e != d && e->committee == d->committee && !dissents (as, e, p) &&
          (!r->only_participant || decision_names (as, e, 0, p)))
        return TRUE;
    }
  return FALSE;
}

/* p would have been held through a decision p dissented from (accountability
 * Art. 17, measures Art. 9: collective and individual responsibility kept
 * apart): not held for it, and listed among the exempt for it. */
static void
note_dissent (RespAssessor *as, guint32 p)
{
  add_unique_u32 (&as->dissenters, p);
}

/* The rule's condition for this subject; warns once per rule when unknown. */
static gboolean
rule_applies (RespAssessor *as, const RespLiabilityRule *r, guint32 subject)
{
  guint ri = (guint) (r - &g_array_index (as->rb->liability, RespLiabilityRule, 0));
  RespTruth t;

  env_no_subject (&as->env);
  if (subject != RESP_NO_NODE && as->model->nodes[subject].type == RESP_NODE_SYSTEM)
    as->env.system = subject;
  if (as->missing->len > 0)
    g_array_set_size (as->missing, 0);
  t = eval (&as->env, r->condition, as->missing);
  if (t == RESP_TRUTH_UNKNOWN && !as->warned_rules.data[ri])
    {
      as->warned_rules.data[ri] = TRUE;
      warn (as, RESP_WARN_LIABILITY, subject, r->role, ri, as->missing);
    }
  return t == RESP_TRUTH_TRUE;
}

static void
apply_subject_rules (RespAssessor *as, const RespResolver *SR)
{
  const RespEvent *ev = as->ev;
  guint32 s = SR->subject;
  const guint32 *paths = SR->paths.data;
  const RespHitVec *ops = &SR->hits[RESP_ROLE_OPERATOR];

  for (guint i = 0; i < as->rb->liability->len; i++)
    {
      const RespLiabilityRule *r = &g_array_index (as->rb->liability, RespLiabilityRule, i);
      const RespHitVec *hits;

      if (r->from_decision || !resp_in_force (r->since, r->until, ev->occurred_at))
        continue;
      if (r->role == RESP_ROLE_INVOLVED)
        {
          if (ev->involved.len == 0 || !rule_applies (as, r, s))
            continue;
          for (guint k = 0; k < ev->involved.len; k++)
            {
              guint32 path[2] = { s, ev->involved.data[k] };
              /* the 当事人 answers through the operator's committee */
              for (guint o = 0; o < MAX (ops->len, 1); o++)
                add_liable (as, path[1], r, path, 2, ops->len ? ops->data[o].node : RESP_NO_NODE);
            }
          continue;
        }
      /* with nobody in the role an unknown condition could change nothing,
       * so it is not weighed (and not warned about) */
      hits = &SR->hits[r->role];
      if (hits->len == 0 || !rule_applies (as, r, s))
        continue;
      for (guint k = 0; k < hits->len; k++)
        {
          const RespHit *h = &hits->data[k];
          const guint32 *path = paths + h->path_off;
          guint32 via = h->path_len >= 2 ? path[h->path_len - 2] : RESP_NO_NODE;

          if (r->only_participant)
            {
              Participation x = participation (as, via, h->node);
              if (x == DISSENTED_ONLY)
                note_dissent (as, h->node);
              if (x != PARTICIPANT)
                continue;
            }
          if (resp_roles[r->role].through_seat || (via != RESP_NO_NODE && as->model->nodes[via].type == RESP_NODE_UNIT))
            add_liable (as, h->node, r, path, h->path_len, via);
          else
            /* the system's own security lead: through each operator */
            for (guint o = 0; o < MAX (ops->len, 1); o++)
              add_liable (as, h->node, r, path, h->path_len, ops->len ? ops->data[o].node : RESP_NO_NODE);
        }
    }
}

static void
apply_decision_rules (RespAssessor *as)
{
  const RespEvent *ev = as->ev;
  RespU32Vec *people = resp_resolver_take (&as->R);

  for (guint i = 0; i < ev->decisions.len; i++)
    {
      const RespDecision *d = &ev->decisions.data[i];

      if (as->rb->has_collective)
        add_unique_u32 (&as->bodies, d->committee);
      for (guint k = 0; k < d->participants.len; k++)
        {
          guint32 p = d->participants.data[k];
          if (!resp_resolver_holds_seat (&as->R, p, d->committee))
            warn (as, RESP_WARN_PARTICIPANT, p, -1, d->committee, NULL);
        }
      for (guint j = 0; j < as->rb->liability->len; j++)
        {
          const RespLiabilityRule *r = &g_array_index (as->rb->liability, RespLiabilityRule, j);
          RespSeat seat;

          if (!r->from_decision || !resp_in_force (r->since, r->until, ev->occurred_at) ||
              !rule_applies (as, r, RESP_NO_NODE))
            continue;
          seat = resp_roles[r->role].seat;
          people->len = 0;
          resp_resolver_seats (&as->R, d->committee, seat, people);
          for (guint k = 0; k < people->len; k++)
            {
              guint32 path[2] = { d->committee, people->data[k] };
              if (r->only_participant && !decision_names (as, d, 0, path[1]))
                continue;
              if (dissents (as, d, path[1]))
                {
                  /* listed only if nothing else gives what d would have */
                  if (!reached_by_other_decision (as, d, r, path[1]))
                    note_dissent (as, path[1]);
                  continue;
                }
              add_liable (as, path[1], r, path, 2, d->committee);
            }
        }
    }
  resp_resolver_give (&as->R, people);
}

/* Whether p would be liable but for an exemption: held, or held only
 * through decisions p dissented from. */
static gboolean
would_be_liable (RespAssessor *as, guint32 p)
{
  for (guint i = 0; i < as->dissenters.len; i++)
    if (as->dissenters.data[i] == p)
      return TRUE;
  return find_flat (as, p, FALSE, 0) != NULL;
}

static gboolean
is_exempt (const RespAssessor *as, guint32 p)
{
  for (guint i = 0; i < as->exempt.len; i++)
    if (as->exempt.data[i].person == p)
      return TRUE;
  return FALSE;
}

/* The event's exemptions take the person out entirely (the first one
 * listed for a person is kept); a recorded dissent only what the decisions
 * dissented from made them liable for, which was never added, so the
 * dissenter stays among the liable with every other role. A person with
 * both is exempt by the exemption. */
static void
apply_exemptions (RespAssessor *as)
{
  const RespEvent *ev = as->ev;
  guint kept = 0, n_full;

  for (guint i = 0; i < ev->exemptions.len; i++)
    {
      const RespExemption *e = &ev->exemptions.data[i];
      RespVerdictExempt x = { e->person, e->reason, e->note, FALSE };

      if (is_exempt (as, e->person))
        continue;
      if (!would_be_liable (as, e->person))
        warn (as, RESP_WARN_EXEMPTION, e->person, -1, 0, NULL);
      else
        resp_vec_push (&as->exempt, x);
    }
  n_full = as->exempt.len;
  for (guint i = 0; i < as->dissenters.len; i++)
    {
      RespVerdictExempt x = { as->dissenters.data[i], (guint32) as->dissent_reason, NULL, TRUE };
      if (!is_exempt (as, x.person))
        resp_vec_push (&as->exempt, x);
    }
  if (n_full == 0)
    return;
  /* the exempt leave the liable (their references are left to be
   * ignored); the person table and reference chains follow the move */
  for (guint i = 0; i < as->flat.len; i++)
    {
      gboolean out = FALSE;
      for (guint k = 0; k < n_full && !out; k++)
        out = as->exempt.data[k].person == as->flat.data[i].person;
      if (out)
        continue;
      as->flat.data[kept] = as->flat.data[i];
      as->ref_head.data[kept] = as->ref_head.data[i];
      as->ref_tail.data[kept] = as->ref_tail.data[i];
      as->ref_count.data[kept] = as->ref_count.data[i];
      kept++;
    }
  as->flat.len = as->ref_head.len = as->ref_tail.len = as->ref_count.len = kept;
  as->slots.len = 0;   /* rebuilt on the next lookup */
}

/* Circumstances: system-scoped ones for each subject system
 * and each of its operators, event-wide ones once. */
/* Appends to dst the facts of src (which holds each once) that dst lacks,
 * in src's order: as add_unique_u32() of each, without a scan of dst per
 * fact once both are long. */
static void
merge_missing (RespU32Vec *dst, const GArray *src)
{
  const guint *facts = (const guint *) (gpointer) src->data;

  if (dst->len == 0)
    resp_vec_append (dst, facts, src->len);
  else if ((guint64) dst->len * src->len <= 256)
    for (guint k = 0; k < src->len; k++)
      add_unique_u32 (dst, facts[k]);
  else
    {
      GHashTable *have = g_hash_table_new (g_direct_hash, g_direct_equal);

      for (guint i = 0; i < dst->len; i++)
        g_hash_table_add (have, GUINT_TO_POINTER (dst->data[i]));
      for (guint k = 0; k < src->len; k++)
        if (!g_hash_table_contains (have, GUINT_TO_POINTER (facts[k])))
          resp_vec_push (dst, facts[k]);
      g_hash_table_unref (have);
    }
}

static void
evaluate_circumstances (RespAssessor *as)
{
  const RespEvent *ev = as->ev;
  gboolean any_holds = FALSE, any_undetermined = FALSE;
  RespU32Vec *subjects = resp_resolver_take (&as->R);
  RespU32Vec *missing = resp_resolver_take (&as->R);
  RespU32Vec *undetermined = resp_resolver_take (&as->R);

  for (guint i = 0; i < as->rb->circumstances->len; i++)
    {
      const RespCircumstanceRule *c = &g_array_index (as->rb->circumstances, RespCircumstanceRule, i);
      RespVerdictCircumstance vc = { i, RESP_CIRCUMSTANCE_DOES_NOT_HOLD, { NULL, 0, 0 }, { NULL, 0, 0 } };

      subjects->len = missing->len = undetermined->len = 0;
      if (!resp_in_force (c->since, c->until, ev->occurred_at))
        ;
      else if (c->event_scope)
        {
          RespTruth t;
          env_no_subject (&as->env);
          if (as->missing->len > 0)
            g_array_set_size (as->missing, 0);
          t = eval (&as->env, c->condition, as->missing);
          resp_vec_append (subjects, (const guint32 *) ev->subjects.data, ev->subjects.len);
          if (t == RESP_TRUTH_TRUE)
            {
              vc.status = RESP_CIRCUMSTANCE_HOLDS;
              for (guint s = 0; s < ev->subjects.len; s++)
                add_unique_u32 (&as->liable_subjects, ev->subjects.data[s]);
            }
          else if (t == RESP_TRUTH_UNKNOWN)
            {
              vc.status = RESP_CIRCUMSTANCE_UNDETERMINED;
              merge_missing (missing, as->missing);
            }
        }
      else
        for (guint s = 0; s < ev->subjects.len; s++)
          {
            guint32 subject = ev->subjects.data[s];
            const RespHitVec *ops = &((RespResolver *) as->subjects->pdata[s])->hits[RESP_ROLE_OPERATOR];
            RespTruth best = RESP_TRUTH_FALSE;

            if (as->model->nodes[subject].type != RESP_NODE_SYSTEM)
              continue;   /* a unit takes part only in event-wide circumstances */
            as->env.system = subject;
            /* with several operators it holds if it holds for any of them */
            for (guint o = 0; o < MAX (ops->len, 1) && best != RESP_TRUTH_TRUE; o++)
              {
                RespTruth t;
                as->env.op = ops->len == 0 ? RESP_NO_NODE : ops->data[o].node;
                as->env.region_level = as->env.owner_level = LEVEL_UNSET;
                if (as->missing->len > 0)
                  g_array_set_size (as->missing, 0);
                t = eval (&as->env, c->condition, as->missing);
                if (t == RESP_TRUTH_TRUE)
                  best = t;
                else if (t == RESP_TRUTH_UNKNOWN)
                  {
                    best = t;
                    merge_missing (missing, as->missing);
                  }
              }
            if (best == RESP_TRUTH_TRUE)
              {
                resp_vec_push (subjects, subject);
                add_unique_u32 (&as->liable_subjects, subject);
              }
            else if (best == RESP_TRUTH_UNKNOWN)
              resp_vec_push (undetermined, subject);
          }

      if (!c->event_scope)
        {
          if (subjects->len > 0)
            {
              vc.status = RESP_CIRCUMSTANCE_HOLDS;
              missing->len = 0;
            }
          else if (undetermined->len > 0)
            {
              vc.status = RESP_CIRCUMSTANCE_UNDETERMINED;
              resp_vec_append (subjects, undetermined->data, undetermined->len);
            }
        }
      any_holds |= vc.status == RESP_CIRCUMSTANCE_HOLDS;
      any_undetermined |= vc.status == RESP_CIRCUMSTANCE_UNDETERMINED;
      /* the verdict keeps the subjects and facts only of those it lists */
      if (vc.status == RESP_CIRCUMSTANCE_DOES_NOT_HOLD)
        subjects->len = missing->len = 0;
      vc.subjects = pool_span (as, subjects->data, subjects->len);
      vc.missing = pool_span (as, missing->data, missing->len);
      resp_vec_push (&as->circumstances, vc);
    }
  resp_resolver_give (&as->R, undetermined);
  resp_resolver_give (&as->R, missing);
  resp_resolver_give (&as->R, subjects);
  as->status = any_holds ? RESP_VERDICT_TRIGGERED
            : any_undetermined ? RESP_VERDICT_UNDETERMINED : RESP_VERDICT_NOT_TRIGGERED;
}

/* ---- facts the record tells (SPEC §8.4) ---- */

/* The notices to node overdue at the event's instant, appended to out. */
static void
overdue_notices (RespAssessor *as, guint32 node, RespU32Vec *out)
{
  guint n;
  const guint32 *to = resp_record_notices_to (as->record, node, &n);

  for (guint k = 0; k < n; k++)
    {
      const RespRecordNotice *notice = resp_record_notice (as->record, to[k]);

      if (resp_record_entry (as->record, notice->entry)->at < as->ev->occurred_at
          && resp_record_notice_status (as->record, to[k], as->ev->occurred_at, NULL) == RESP_NOTICE_OVERDUE)
        resp_vec_push (out, to[k]);
    }
}

/* A fact the event does not state but the record settles: true when a
 * notice to a subject (a subject system, one of its operators, a unit
 * subject) is overdue; otherwise it stays unknown (no notice on file
 * proves nothing). A stated fact wins; stated false against an overdue
 * notice is a warning. */
static void
derive_facts (RespAssessor *as)
{
  const RespEvent *ev = as->ev;
  RespU32Vec *notices = NULL, *ops = NULL;

  as->env.facts = ev->facts;
  as->env.fact_kinds = ev->fact_kinds;
  as->derived.len = 0;
  if (as->record == NULL)
    return;
  for (guint f = 0; f < as->rb->facts->len; f++)
    {
      const RespFactDecl *decl = &g_array_index (as->rb->facts, RespFactDecl, f);

      if (decl->derive != RESP_DERIVE_OVERDUE_NOTICE)
        continue;
      if (notices == NULL)
        {
          notices = resp_resolver_take (&as->R);
          ops = resp_resolver_take (&as->R);
          for (guint s = 0; s < ev->subjects.len; s++)
            {
              guint32 subject = ev->subjects.data[s];

              if (as->model->nodes[subject].type != RESP_NODE_SYSTEM
                  && as->model->nodes[subject].type != RESP_NODE_UNIT)
                continue;
              overdue_notices (as, subject, notices);
              ops->len = 0;
              if (as->model->nodes[subject].type == RESP_NODE_SYSTEM)
                resp_resolver_all_in (&as->R, subject, RESP_REL_OPERATES, RESP_SEAT_NONE, ops);
              for (guint o = 0; o < ops->len; o++)
                overdue_notices (as, ops->data[o], notices);
            }
          /* each once, in id order (the notices are numbered by id) */
          if (notices->len > 1)
            {
              guint kept = 0;
              qsort (notices->data, notices->len, sizeof (guint32), resp_cmp_u32);
              for (guint i = 0; i < notices->len; i++)
                if (kept == 0 || notices->data[i] != notices->data[kept - 1])
                  notices->data[kept++] = notices->data[i];
              notices->len = kept;
            }
        }
      if (notices->len == 0)
        continue;
      if (ev->facts[f].type != RESP_VALUE_UNKNOWN)
        {
          /* stated: it wins; stated false against the record is said */
          if (ev->facts[f].type == RESP_VALUE_BOOL && !ev->facts[f].boolean)
            {
              guint32 notice = notices->data[0];
              guint32 node = resp_record_entry (as->record,
                                                resp_record_notice (as->record, notice)->entry)->node;
              GArray fact = { (gchar *) &f, 1 };
              warn (as, RESP_WARN_FACT_CONFLICTS_RECORD, node, -1, notice, &fact);
            }
          continue;
        }
      resp_assessor_derive_fact (as, f, TRUE);
      {
        RespVerdictDerived d = { f, 1, RESP_DERIVE_OVERDUE_NOTICE,
                                 pool_span (as, notices->data, notices->len) };
        resp_vec_push (&as->derived, d);
      }
    }
  if (notices != NULL)
    {
      resp_resolver_give (&as->R, notices);
      resp_resolver_give (&as->R, ops);
    }
}

static void
apply_modifiers (RespAssessor *as)
{
  guint first_warning = as->warnings.len;

  env_no_subject (&as->env);
  for (guint i = 0; i < as->rb->modifiers->len; i++)
    {
      const RespModifierRule *m = &g_array_index (as->rb->modifiers, RespModifierRule, i);
      RespTruth t;

      if (!resp_in_force (m->since, m->until, as->ev->occurred_at))
        continue;
      if (as->missing->len > 0)
        g_array_set_size (as->missing, 0);
      t = eval (&as->env, m->condition, as->missing);
      if (t == RESP_TRUTH_TRUE)
        resp_vec_push (&as->modifiers, i);
      else if (t == RESP_TRUTH_UNKNOWN)
        warn (as, RESP_WARN_MODIFIER, RESP_NO_NODE, -1, i, as->missing);
    }
  /* a kind that applies through one rule is not undetermined through another */
  {
    guint kept = first_warning;

    for (guint w = first_warning; w < as->warnings.len; w++)
      {
        const char *kind = g_array_index (as->rb->modifiers, RespModifierRule, as->warnings.data[w].aux).kind;
        gboolean applies = FALSE;

        for (guint k = 0; k < as->modifiers.len && !applies; k++)
          applies = g_str_equal (g_array_index (as->rb->modifiers, RespModifierRule,
                                                as->modifiers.data[k]).kind, kind);
        if (!applies)
          as->warnings.data[kept++] = as->warnings.data[w];
      }
    as->warnings.len = kept;
  }
}

static int
cmp_exempt (gconstpointer a, gconstpointer b, gpointer data)
{
  const RespVerdictExempt *x = a, *y = b;
  const RespModel *m = data;

  return strcmp (resp_model_node_id (m, x->person), resp_model_node_id (m, y->person));
}

static int
cmp_index (gconstpointer a, gconstpointer b, gpointer data)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  return x < y ? -1 : x > y;
}

static void
finish_liable (RespAssessor *as)
{
  RespU32Vec *tmp = resp_resolver_take (&as->R);

  for (guint f = 0; f < as->flat.len; f++)
    {
      guint32 person = as->flat.data[f].person;
      guint n_auth = 0, n_prop = 0;

      /* proposers per authority; the chain grows inside the loop, but only
       * by proposers, which are passed over */
      tmp->len = 0;
      FOR_REFS (as, f, r)
        if (r->kind == RESP_REF_AUTHORITY)
          {
            n_auth++;
            proposers (as, r->a, person, tmp);
          }
      for (guint k = 0; k < tmp->len; k++, n_prop++)
        add_ref (as, f, RESP_REF_PROPOSER, tmp->data[k]);
      if (n_auth == 0 || n_prop == 0)
        warn (as, RESP_WARN_ROLE_OF_PERSON, person, n_auth == 0 ? RESP_ROLE_AUTHORITY : RESP_ROLE_PROPOSER,
              0, NULL);
    }
  resp_resolver_give (&as->R, tmp);
  if (as->exempt.len > 1)
    resp_sort_stable (as->exempt.data, as->exempt.len, sizeof (RespVerdictExempt), cmp_exempt, as->model);
  if (as->bodies.len > 1)
    resp_sort_stable (as->bodies.data, as->bodies.len, sizeof (guint32), resp_model_cmp_ids, as->model);
}

/* The duty holders of a subject, for a verdict that holds nobody. */
static void
add_duty (RespAssessor *as, const RespResolver *R)
{
  RespVerdictDuty d = { R->subject, { 0 }, NULL };

  for (guint r = 0; r < RESP_N_ROLES; r++)
    {
      guint32 *held, n = R->hits[r].len, kept = 0;

      d.start[r] = as->pool.len;
      if (n == 0)
        continue;
      resp_vec_reserve (&as->pool, n);
      held = as->pool.data + as->pool.len;
      for (guint k = 0; k < n; k++)
        held[k] = R->hits[r].data[k].node;
      /* each holder once (by id when first read) */
      if (n > 1)
        resp_sort_stable (held, n, sizeof (guint32), cmp_index, NULL);
      for (guint k = 0; k < n; k++)
        if (kept == 0 || held[kept - 1] != held[k])
          held[kept++] = held[k];
      as->pool.len += kept;
    }
  d.start[RESP_N_ROLES] = as->pool.len;
  resp_vec_push (&as->duty, d);
}

/* Copies what was gathered into one block that the verdict owns. */
#define PLACE(field, type)                                                        \
  G_STMT_START {                                                                  \
    v->field.data = (type *) (gpointer) (block + off);                            \
    v->field.len = as->field.len;                                                  \
    if (as->field.len > 0)                                                         \
      memcpy (v->field.data, as->field.data, as->field.len * sizeof (type));        \
    off += (as->field.len * sizeof (type) + 7) & ~(gsize) 7;                       \
  } G_STMT_END

#define SIZE(field, type) ((as->field.len * sizeof (type) + 7) & ~(gsize) 7)

static RespVerdict *
make_verdict (RespAssessor *as, RespEvent *event)
{
  /* the verdict and its block in one allocation, the block 8-aligned
   * after the header */
  const gsize head = (sizeof (RespVerdict) + 7) & ~(gsize) 7;
  gsize size = SIZE (circumstances, RespVerdictCircumstance) + SIZE (flat, RespVerdictFlat)
             + SIZE (refs, RespVerdictRef) + SIZE (path_store, guint32)
             + SIZE (exempt, RespVerdictExempt) + SIZE (bodies, guint32)
             + SIZE (modifiers, guint32) + SIZE (warnings, RespVerdictWarning)
             + SIZE (duty, RespVerdictDuty) + SIZE (derived, RespVerdictDerived)
             + SIZE (hops, RespVerdictHop) + SIZE (notify, guint32)
             + SIZE (pool, guint32);
  RespVerdict *v = g_malloc (head + size);
  char *block = (char *) v + head;
  gsize off = 0;
  guint32 *pool;

  memset (v, 0, sizeof *v);

  g_atomic_ref_count_init (&v->ref);
  v->model = resp_model_ref (as->model);
  v->rb = resp_rulebook_ref (as->rb);
  v->event = resp_event_ref (event);
  v->status = as->status;
  v->block = block;
  PLACE (circumstances, RespVerdictCircumstance);
  PLACE (flat, RespVerdictFlat);
  PLACE (refs, RespVerdictRef);
  PLACE (path_store, guint32);
  PLACE (exempt, RespVerdictExempt);
  PLACE (bodies, guint32);
  PLACE (modifiers, guint32);
  PLACE (warnings, RespVerdictWarning);
  PLACE (duty, RespVerdictDuty);
  PLACE (derived, RespVerdictDerived);
  PLACE (hops, RespVerdictHop);
  PLACE (notify, guint32);
  PLACE (pool, guint32);
  v->has_grade = as->has_grade;
  v->grade_stated = as->grade_stated;
  v->grade_least = as->grade_least;
  v->grade_most = as->grade_most;
  pool = v->pool.data;
  /* spans into the pool become pointers */
  for (guint i = 0; i < v->circumstances.len; i++)
    {
      RespVerdictCircumstance *c = &v->circumstances.data[i];
      c->subjects = (RespU32Vec) { pool + c->subjects.len, c->subjects.cap, 0 };
      c->missing = (RespU32Vec) { pool + c->missing.len, c->missing.cap, 0 };
    }
  for (guint i = 0; i < v->warnings.len; i++)
    {
      RespVerdictWarning *w = &v->warnings.data[i];
      w->facts = (RespU32Vec) { pool + w->facts.len, w->facts.cap, 0 };
    }
  for (guint i = 0; i < v->duty.len; i++)
    v->duty.data[i].holders = pool;
  for (guint i = 0; i < v->derived.len; i++)
    {
      RespVerdictDerived *d = &v->derived.data[i];
      d->evidence = (RespU32Vec) { pool + d->evidence.len, d->evidence.cap, 0 };
    }
  for (guint i = 0; i < v->hops.len; i++)
    {
      RespVerdictHop *h = &v->hops.data[i];
      h->reports = (RespU32Vec) { pool + h->reports.len, h->reports.cap, 0 };
    }
  if (as->derived.len > 0 || as->warnings.len > 0)
    v->record = as->record != NULL ? resp_record_ref (as->record) : NULL;
  return v;
}

#undef PLACE
#undef SIZE


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
  resp_resolver_init (&a->opR, model);
  a->subjects = g_ptr_array_new_with_free_func ((GDestroyNotify) resolver_free);
  a->env.model = model;
  a->env.rb = rulebook;
  a->env.R = &a->R;
  a->dissent_reason = resp_rulebook_find_exemption (rulebook, "dissent");
  a->missing = g_array_new (FALSE, FALSE, sizeof (guint));
  return a;
}

static void
assessor_free (RespAssessor *self)
{
  resp_resolver_clear (&self->R);
  g_ptr_array_unref (self->subjects);
  g_array_unref (self->missing);
  resp_vec_free (&self->slots);
  resp_vec_free (&self->ref_next);
  resp_vec_free (&self->ref_head);
  resp_vec_free (&self->ref_tail);
  resp_vec_free (&self->ref_count);
  resp_vec_free (&self->warned_rules);
  resp_vec_free (&self->liable_subjects);
  resp_vec_free (&self->dissenters);
  resp_vec_free (&self->decision_people);
  resp_vec_free (&self->decision_span);
  resp_vec_free (&self->memo);
  resp_vec_free (&self->memo_store);
  resp_vec_free (&self->circumstances);
  resp_vec_free (&self->flat);
  resp_vec_free (&self->refs);
  resp_vec_free (&self->path_store);
  resp_vec_free (&self->exempt);
  resp_vec_free (&self->bodies);
  resp_vec_free (&self->modifiers);
  resp_vec_free (&self->warnings);
  resp_vec_free (&self->duty);
  resp_vec_free (&self->pool);
  resp_vec_free (&self->facts);
  resp_vec_free (&self->fact_kinds);
  resp_vec_free (&self->derived);
  resp_resolver_clear (&self->opR);
  resp_vec_free (&self->hops);
  resp_vec_free (&self->hop_roles);
  resp_vec_free (&self->hop_subjects);
  resp_vec_free (&self->hop_slots);
  resp_vec_free (&self->ref_slots);
  resp_vec_free (&self->memo_slots);
  resp_vec_free (&self->notify);
  g_clear_pointer (&self->record, resp_record_unref);
  resp_rulebook_unref (self->rb);
  resp_model_unref (self->model);
  g_free (self);
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
/**
 * resp_assessor_unref:
 * @self: (transfer full): a #RespAssessor
 *
 * Drops a reference on @self; the last one frees it.
 *
 * Since: 1.0
 */
RESP_DEFINE_REFCOUNTED_TYPE (RespAssessor, resp_assessor, assessor_free)

/* Takes the role warnings a subject's resolver found, from the first-th on. */
static void
take_role_warnings (RespAssessor *as, const RespResolver *R, guint first)
{
  for (guint k = first; k < R->warnings.len; k++)
    warn (as, RESP_WARN_ROLE_AT, R->warnings.data[k].subject, R->warnings.data[k].role, 0, NULL);
}

/**
 * resp_assessor_assess:
 * @self: a #RespAssessor
 * @event: an event loaded against the assessor's model and rulebook
 *
 * Assesses one event (verdicts.md): resolves every role from each subject at
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
  RespAssessor *as = self;
  guint n_rules;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (event != NULL, NULL);
  g_return_val_if_fail (event->model == self->model && event->rulebook == self->rb, NULL);

  model = self->model;
  as->ev = event;
  as->status = RESP_VERDICT_NOT_TRIGGERED;
  as->env.ev = event;
  as->env.at = event->occurred_at;
  as->slots.len = 0;
  as->ref_next.len = as->ref_head.len = as->ref_tail.len = as->ref_count.len = 0;
  as->ref_hashing = FALSE;
  as->liable_subjects.len = as->dissenters.len = 0;
  /* the memo is kept across events, up to a bound */
  if (as->memo.len > MEMO_MAX_ENTRIES || as->memo_store.len > MEMO_MAX_STORE)
    {
      as->memo.len = as->memo_store.len = 0;
      as->memo_indexed = G_MAXUINT32;
    }
  as->circumstances.len = as->flat.len = as->refs.len = as->path_store.len = 0;
  as->ref_indexed = G_MAXUINT32;
  as->exempt.len = as->bodies.len = as->modifiers.len = as->warnings.len = 0;
  as->duty.len = as->pool.len = 0;
  as->facts.len = 0;
  n_rules = as->rb->liability->len;
  as->warned_rules.len = 0;
  resp_vec_reserve (&as->warned_rules, n_rules);
  if (n_rules > 0)
    memset (as->warned_rules.data, 0, n_rules * sizeof (guint32));
  as->warned_rules.len = n_rules;
  index_decisions (as);

  while (as->subjects->len < event->subjects.len)
    {
      RespResolver *R = g_new0 (RespResolver, 1);
      resp_resolver_init (R, model);
      g_ptr_array_add (as->subjects, R);
    }
  for (guint s = 0; s < event->subjects.len; s++)
    {
      RespResolver *R = as->subjects->pdata[s];

      resp_resolver_reset (R, event->occurred_at);
      resp_resolver_resolve (R, event->subjects.data[s], RESP_RESOLVE_NO_AUTHORITY);
      take_role_warnings (as, R, 0);
    }
  resp_resolver_reset (&as->R, event->occurred_at);

  derive_facts (as);
  resp_assessor_timeline (as);
  evaluate_circumstances (as);
  if (as->status == RESP_VERDICT_TRIGGERED)
    {
      for (guint s = 0; s < event->subjects.len; s++)
        {
          guint32 subject = event->subjects.data[s];
          for (guint k = 0; k < as->liable_subjects.len; k++)
            if (as->liable_subjects.data[k] == subject)
              {
                apply_subject_rules (as, as->subjects->pdata[s]);
                break;
              }
        }
      apply_decision_rules (as);
      apply_exemptions (as);
      apply_modifiers (as);
      finish_liable (as);
    }
  else
    /* a verdict that holds nobody lists the duty holders instead, the
     * committee's authority and proposer among them */
    for (guint s = 0; s < event->subjects.len; s++)
      {
        RespResolver *R = as->subjects->pdata[s];
        guint n_warnings = R->warnings.len;

        resp_resolver_add_authority (R);
        take_role_warnings (as, R, n_warnings);
        add_duty (as, R);
      }
  as->ev = NULL;
  as->env.ev = NULL;
  as->env.facts = NULL;
  as->env.fact_kinds = NULL;
  return make_verdict (as, event);
}

/**
 * resp_assessor_set_record:
 * @self: a #RespAssessor
 * @record: (nullable): a record loaded for the assessor's model and
 *   rulebook, or %NULL for none
 *
 * Gives the assessor what was done (docs/duties.md): a fact the rulebook
 * derives from the record (`"derive": "overdue_notice"`, the default's
 * `notified_risk_unrectified`) and an event does not state is then true
 * when a notice to a subject was overdue at the event's instant, and
 * listed under the verdict's `derived_facts`; a stated fact always wins,
 * and one the record contradicts is a `fact_conflicts_record` warning.
 * Without a record the fact stays unknown. A record loaded for another
 * model or rulebook is a programmer error (a critical; nothing changes).
 *
 * Since: 1.0
 */
void
resp_assessor_set_record (RespAssessor *self,
                          RespRecord   *record)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (record == NULL || resp_record_loaded_for (record, self->model, self->rb));

  if (record != NULL)
    resp_record_ref (record);
  g_clear_pointer (&self->record, resp_record_unref);
  self->record = record;
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
  RespRecord     *record;
  RespEventBatch *batch;
  const guint32  *order;     /* event indices in the order they are taken */
  RespVerdict   **out;
  guint           run;       /* events taken at a time */
  gint            next;
} BatchJob;

/* A thread takes a run of neighbouring events at a time (in the order
 * below), not one: the parts of the model they share then stay in its
 * core's own caches and in its assessor's kept answers from one event to
 * the next, where taking every other event would fetch them on both cores.
 * Runs are short enough that every thread gets some sixteen of them, and
 * at most 256 events. */
#define BATCH_RUN_MAX 256
#define BATCH_RUNS_PER_THREAD 16

static gpointer
batch_worker (gpointer data)
{
  BatchJob *job = data;
  guint n = resp_event_batch_get_n_events (job->batch);
  RespAssessor *a = resp_assessor_new (job->model, job->rb);

  resp_assessor_set_record (a, job->record);
  for (;;)
    {
      guint k = (guint) g_atomic_int_add (&job->next, (gint) job->run), end;

      if (k >= n)
        break;
      end = n - k > job->run ? k + job->run : n;
      for (; k < end; k++)
        {
          guint i = job->order[k];
          job->out[i] = resp_assessor_assess (a, resp_event_batch_get_event (job->batch, i));
        }
    }
  resp_assessor_unref (a);
  return NULL;
}

/* The order a batch is worked in: by first subject (then input order).
 * Nodes are numbered in file order, which in a real model keeps a region's
 * units, systems, committees and people close together; events on
 * neighbouring subjects then share the parts of the model they read (the
 * region's committee, coordinators and regulators, the regions above),
 * which stay in the cache from one event to the next instead of being
 * fetched again for each. Each verdict is independent of the order. */
static guint32 *
batch_order (RespEventBatch *batch, guint n)
{
  guint64 *keys = g_new (guint64, MAX (n, 1));
  guint32 *order = g_new (guint32, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      const RespEvent *ev = resp_event_batch_get_event (batch, i);
      guint32 first = ev->subjects.len > 0 ? ev->subjects.data[0] : G_MAXUINT32;
      keys[i] = (guint64) first << 32 | i;
    }
  qsort (keys, n, sizeof (guint64), resp_cmp_u64);
  for (guint i = 0; i < n; i++)
    order[i] = (guint32) keys[i];
  g_free (keys);
  return order;
}

static GPtrArray *
assess_batch (RespModel *model, RespRulebook *rulebook, RespEventBatch *batch, RespRecord *record,
              guint n_threads)
{
  guint n = resp_event_batch_get_n_events (batch);
  GPtrArray *out = g_ptr_array_new_full (n, (GDestroyNotify) resp_verdict_unref);
  guint32 *order = batch_order (batch, n);
  BatchJob job;

  g_ptr_array_set_size (out, n);
  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_threads = MIN (n_threads, MAX (n, 1));
  job = (BatchJob) { model, rulebook, record, batch, order, (RespVerdict **) out->pdata,
                     CLAMP (n / n_threads / BATCH_RUNS_PER_THREAD, 1, BATCH_RUN_MAX), 0 };
  if (n_threads <= 1)
    batch_worker (&job);
  else
    {
      /* the calling thread takes a share too (and its allocator's memory,
       * warm from earlier work, serves that share's verdicts) */
      GThread **threads = g_new (GThread *, n_threads - 1);
      for (guint t = 0; t + 1 < n_threads; t++)
        threads[t] = g_thread_new ("resp-assess", batch_worker, &job);
      batch_worker (&job);
      for (guint t = 0; t + 1 < n_threads; t++)
        g_thread_join (threads[t]);
      g_free (threads);
    }
  g_free (order);
  return out;
}

/**
 * resp_assess_batch:
 * @model: the model
 * @rulebook: the rulebook
 * @batch: events loaded against @model and @rulebook
 * @n_threads: threads to use; 0 for one per processor
 *
 * Assesses every event of @batch independently, sharing the model and the
 * rulebook between threads. The events are taken in the order of their
 * first subject, so that events on nearby parts of the model share the
 * cache; the result is the same as assessing each on its own.
 *
 * A @batch loaded against another model or rulebook is a programmer
 * error: a critical, and %NULL.
 *
 * Returns: (transfer container) (element-type RespVerdict) (nullable): the
 *   verdicts, in the order of the events
 *
 * Since: 1.0
 */
GPtrArray *
resp_assess_batch (RespModel      *model,
                   RespRulebook   *rulebook,
                   RespEventBatch *batch,
                   guint           n_threads)
{
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (rulebook != NULL, NULL);
  g_return_val_if_fail (batch != NULL, NULL);
  g_return_val_if_fail (resp_event_batch_loaded_for (batch, model, rulebook), NULL);

  return assess_batch (model, rulebook, batch, NULL, n_threads);
}

/**
 * resp_assess_batch_with_record:
 * @model: the model
 * @rulebook: the rulebook
 * @batch: events loaded against @model and @rulebook
 * @record: (nullable): what was done, loaded for @model and @rulebook
 * @n_threads: threads to use; 0 for one per processor
 *
 * resp_assess_batch() with a record to derive facts from (see
 * resp_assessor_set_record()), as `resp assess --record` does.
 *
 * Returns: (transfer container) (element-type RespVerdict) (nullable): the
 *   verdicts, in the order of the events
 *
 * Since: 1.0
 */
GPtrArray *
resp_assess_batch_with_record (RespModel      *model,
                               RespRulebook   *rulebook,
                               RespEventBatch *batch,
                               RespRecord     *record,
                               guint           n_threads)
{
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (rulebook != NULL, NULL);
  g_return_val_if_fail (batch != NULL, NULL);
  g_return_val_if_fail (resp_event_batch_loaded_for (batch, model, rulebook), NULL);
  g_return_val_if_fail (record == NULL || resp_record_loaded_for (record, model, rulebook), NULL);

  return assess_batch (model, rulebook, batch, record, n_threads);
}
