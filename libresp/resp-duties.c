/* resp-duties.c: duty slots, notices and scorecards (SPEC §8.3–8.5; docs/duties.md)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * For every duty of the rulebook and every node of its bearer class, the
 * calendar periods of the duty that meet the queried range are slots. A
 * node's time as a bearer is the union of its bearer relations' intervals,
 * worked out once per node and class. A slot is judged by the ordered rules
 * of §8.3; only a judged slot (unfulfilled, or unknown) asks the resolver
 * who held the answerable roles, stretch by stretch through the period,
 * with the resolver's validity window: the audit's way of walking time.
 *
 * The slots are made node by node in id order (the output order), each
 * node's duty by duty in rulebook order: a node's record block, relations
 * and scorecard owners are touched while they are in cache, and no slot
 * moves once made.
 */
#include "config.h"

#include <string.h>

#include "resp-duties-private.h"
#include "resp-record-private.h"
#include "resp-resolver-private.h"
#include "resp-instant-private.h"
#include "resp-refcount-private.h"

/* Whether the entry at position x comes before the one at y: by `at`,
 * then by id (bytewise; ids are unique). */
static inline gboolean
entry_before (const RespRecord *rec, guint32 x, guint32 y)
{
  gint64 a = resp_record_entry (rec, x)->at, b = resp_record_entry (rec, y)->at;

  if (a != b)
    return a < b;
  return strcmp (resp_record_entry_id (rec, x), resp_record_entry_id (rec, y)) < 0;
}

static int
cmp_entry (gconstpointer a, gconstpointer b, gpointer data)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return entry_before (data, x, y) ? -1 : entry_before (data, y, x);
}

/* Record entry positions of several kinds in the order they were done: by
 * `at`, ties by id. Each kind's run is in that order already (the record's
 * index), so a short list is nearly sorted and insertion does it; a longer
 * one (or a hostile one) is merge-sorted. */
static void
sort_entries (const RespRecord *rec, guint32 *positions, guint n)
{
  if (n > 32)
    {
      resp_sort_stable (positions, n, sizeof (guint32), cmp_entry, (gpointer) rec);
      return;
    }
  for (guint i = 1; i < n; i++)
    {
      guint32 x = positions[i];
      guint j = i;

      for (; j > 0 && entry_before (rec, x, positions[j - 1]); j--)
        positions[j] = positions[j - 1];
      positions[j] = x;
    }
}

/* ---- a node's time as a bearer ---- */

typedef struct {
  gint64 since, until;
} Span;

typedef RESP_VEC (Span) SpanVec;

/* The bearers of one class: each node with the union of its intervals. */
typedef struct {
  RespU32Vec nodes;
  RespU32Vec span_start;      /* nodes.len + 1 offsets into spans */
  SpanVec    spans;
} BearerSet;

/* A node's last complete walk through a period (SPEC §8.3's stretches). */
typedef struct {
  guint32 duty;
  gint64  from, until;
  guint32 people_off, n_people;   /* into d->people, sorted as a slot's */
} Walk;

/* A node that bears duties or has a scorecard, in id order: where it is in
 * each bearer set. */
typedef struct {
  guint32 node;
  guint32 pos[RESP_N_BEARERS];  /* its index in bearers[b].nodes, where mask has b */
  guint32 scorecard;          /* its scorecard's index, or RESP_NO_NODE */
  guint8  mask;               /* the bearer classes it is in, and RANKED_SCORECARD */
} Ranked;

#define RANKED_SCORECARD (1u << 7)
G_STATIC_ASSERT (RESP_N_BEARERS < 7);

/* One entry of the cache of committee_of(). */
typedef struct {
  guint32 unit;
  guint32 committee;
  gint64  at;
} CommitteeMemo;

typedef struct {
  RespDuties  *d;
  RespModel   *m;
  RespRulebook *rb;
  RespRecord  *rec;
  RespResolver R;
  BearerSet    bearers[RESP_N_BEARERS];
  RespU32Vec   tmp;
  SpanVec     *periods;       /* by duty: the calendar periods that meet the range */
  gboolean    *reads_operator; /* by duty: whether its `applies` reads anything of the operator */
  guint32     *rank;          /* n_nodes: a ranked node's place in id order, else RESP_NO_NODE */
  Ranked      *ranked;
  guint32      n_ranked;
  /* the node whose slots are being made: its walk, and the owners of its
   * last slot */
  gboolean     have_walk;
  Walk         walk;
  gboolean     have_owners;
  guint8       owners_bearer;
  gint64       owners_start;
  guint32      owners_off, n_owners;
  guint32      last_card_node, last_card;   /* scorecard_of()'s last answer */
  RespU32Vec   cards;                        /* the scorecards by committee (resp_slots_sync) */
  guint32      cards_indexed;
  CommitteeMemo committees[1024];
  GArray      *missing;       /* guint, from condition evaluation */
  guint32      system;        /* the subject of a condition being evaluated */
  guint32      unit;
  guint32      committee;
  guint32      op;
  gint64       t;
} Ctx;

/* The relation that makes a node a bearer of each class, and at which end. */
static const struct {
  RespRelation rel;
  gboolean     in;        /* the bearer is the relation's `to` */
  RespNodeType type;
} bearer_rels[RESP_N_BEARERS] = {
  [RESP_BEARER_COMMITTEE]    = { RESP_REL_LEADS, FALSE, RESP_NODE_COMMITTEE },
  [RESP_BEARER_OPERATOR]     = { RESP_REL_OPERATES, FALSE, RESP_NODE_UNIT },
  [RESP_BEARER_REGULATOR]    = { RESP_REL_REGULATES, FALSE, RESP_NODE_UNIT },
  [RESP_BEARER_COORDINATOR]  = { RESP_REL_COORDINATES, FALSE, RESP_NODE_UNIT },
  [RESP_BEARER_AUDIT_OFFICE] = { RESP_REL_AUDITS, FALSE, RESP_NODE_UNIT },
  [RESP_BEARER_SYSTEM]       = { RESP_REL_OPERATES, TRUE, RESP_NODE_SYSTEM },
};

static int
cmp_span (gconstpointer a, gconstpointer b, gpointer data)
{
  const Span *x = a, *y = b;
  return x->since < y->since ? -1 : x->since > y->since;
}

/* Node n's time as a bearer of class bearer (of its node type), into its
 * set when there is any; one is scratch. */
static void
bearer_add (Ctx *c, RespBearer bearer, guint32 n, SpanVec *one)
{
  const RespModel *m = c->m;
  BearerSet *set = &c->bearers[bearer];
  guint32 b, e;

  one->len = 0;
  if (bearer_rels[bearer].in)
    {
      resp_model_in_range (m, n, bearer_rels[bearer].rel, &b, &e);
      for (guint32 i = b; i < e; i++)
        {
          const RespRelRec *r = resp_model_in_rec (m, i);
          Span s = { r->since, r->until };
          resp_vec_push (one, s);
        }
    }
  else
    {
      resp_model_out_range (m, n, bearer_rels[bearer].rel, &b, &e);
      for (guint32 i = b; i < e; i++)
        {
          const RespRelRec *r = &m->rels[i];
          Span s = { r->since, r->until };

          /* a coordinator is one while it coordinates a region */
          if (bearer == RESP_BEARER_COORDINATOR && m->nodes[r->to].type != RESP_NODE_REGION)
            continue;
          resp_vec_push (one, s);
        }
    }
  if (one->len == 0)
    return;
  if (one->len > 1)
    resp_sort_stable (one->data, one->len, sizeof (Span), cmp_span, NULL);
  if (set->span_start.len == 0)
    resp_vec_push (&set->span_start, 0);
  resp_vec_push (&set->nodes, n);
  /* the union: adjacent and overlapping intervals join */
  for (guint i = 0; i < one->len; i++)
    {
      Span *last = set->spans.len > set->span_start.data[set->span_start.len - 1]
                   ? &set->spans.data[set->spans.len - 1] : NULL;
      if (last != NULL && one->data[i].since <= last->until)
        last->until = MAX (last->until, one->data[i].until);
      else
        resp_vec_push (&set->spans, one->data[i]);
    }
  resp_vec_push (&set->span_start, set->spans.len);
}

static gboolean has_scorecard (Ctx *c, guint32 k);

/* The bearer sets of the classes asked for, and the committees that get a
 * scorecard (into cards), in one pass over the nodes. */
static void
bearer_sets_build (Ctx *c, guint8 classes, RespU32Vec *cards)
{
  const RespModel *m = c->m;
  SpanVec one = { NULL, 0, 0 };
  guint8 of_type[RESP_N_NODE_TYPES] = { 0 };

  /* the classes asked for that a node of each type can be in */
  for (guint b = 0; b < RESP_N_BEARERS; b++)
    if (classes & (1u << b))
      of_type[bearer_rels[b].type] |= (guint8) (1u << b);
  for (guint32 n = 0; n < m->n_nodes; n++)
    {
      RespNodeType type = m->nodes[n].type;

      for (guint mask = of_type[type]; mask != 0; mask &= mask - 1)
        bearer_add (c, (RespBearer) g_bit_nth_lsf (mask, -1), n, &one);
      if (type == RESP_NODE_COMMITTEE && has_scorecard (c, n))
        resp_vec_push (cards, n);
    }
  g_free (one.data);
}

/* Within [lo, hi): the first instant of the spans (or G_MAXINT64), and
 * whether they cover all of it. */
static gint64
spans_meet (const Span *spans, guint n, gint64 lo, gint64 hi, gboolean *covers)
{
  gint64 first = G_MAXINT64, reach = lo;

  *covers = FALSE;
  if (lo >= hi)
    return first;
  for (guint i = 0; i < n; i++)
    {
      gint64 s = MAX (spans[i].since, lo), e = MIN (spans[i].until, hi);

      if (s >= e)
        continue;
      first = MIN (first, s);
      if (s <= reach)
        reach = MAX (reach, e);
    }
  *covers = reach >= hi;
  return first;
}

/* ---- the bearer's attributes, for `applies` ---- */

static int
region_level_of_unit (Ctx *c, guint32 unit)
{
  guint32 g = unit != RESP_NO_NODE ? resp_resolver_unit_region (&c->R, unit, NULL) : RESP_NO_NODE;

  return g == RESP_NO_NODE ? -1 : c->m->nodes[g].attr;
}

static RespValue
bearer_get (gpointer data, RespVarKind kind, guint index, const char *extra_key)
{
  Ctx *c = data;
  const RespModel *m = c->m;
  RespValue v = RESP_VALUE_INIT_UNKNOWN;
  const RespNodeRec *sys = c->system != RESP_NO_NODE ? &m->nodes[c->system] : NULL;

  switch (kind)
    {
    case RESP_VAR_PARAM:
      return resp_rulebook_param_at (c->rb, index, c->t);
    case RESP_VAR_SYSTEM_KIND:
      if (sys != NULL)
        v.type = RESP_VALUE_STRING, v.string = resp_system_kind_names[sys->attr];
      return v;
    case RESP_VAR_SYSTEM_CII:
      if (sys != NULL)
        v.type = RESP_VALUE_BOOL, v.boolean = sys->cii;
      return v;
    case RESP_VAR_SYSTEM_PROTECTION:
      if (sys != NULL && sys->protection_level != 0)
        v.type = RESP_VALUE_NUMBER, v.number = sys->protection_level;
      return v;
    case RESP_VAR_SYSTEM_EXTRA:
      return sys != NULL ? resp_model_extra_value (m, c->system, extra_key) : v;
    case RESP_VAR_OPERATOR_REGION_LEVEL:
      return resp_level_value (region_level_of_unit (c, c->op));
    case RESP_VAR_SYSTEM_OWNER_LEVEL:
      if (sys != NULL)
        {
          guint32 sponsor = resp_resolver_first_in (&c->R, c->system, RESP_REL_SPONSORS);
          return resp_level_value (region_level_of_unit (c, sponsor != RESP_NO_NODE ? sponsor : c->op));
        }
      return v;
    case RESP_VAR_OPERATOR_KIND:
      return resp_resolver_operator_value (&c->R, c->op, RESP_OPERATOR_KIND);
    case RESP_VAR_OPERATOR_SUPERIOR_KIND:
      return resp_resolver_operator_value (&c->R, c->op, RESP_OPERATOR_SUPERIOR_KIND);
    case RESP_VAR_OPERATOR_SUPERIOR_LEVEL:
      return resp_resolver_operator_value (&c->R, c->op, RESP_OPERATOR_SUPERIOR_LEVEL);
    case RESP_VAR_UNIT_KIND:
      if (c->unit != RESP_NO_NODE)
        v.type = RESP_VALUE_STRING, v.string = resp_unit_kind_names[m->nodes[c->unit].attr];
      return v;
    case RESP_VAR_UNIT_REGION_LEVEL:
      return resp_level_value (region_level_of_unit (c, c->unit));
    case RESP_VAR_COMMITTEE_FORM:
      if (c->committee != RESP_NO_NODE)
        v.type = RESP_VALUE_STRING, v.string = resp_committee_form_names[m->nodes[c->committee].attr];
      return v;
    case RESP_VAR_COMMITTEE_SCOPE_LEVEL:
      if (c->committee != RESP_NO_NODE)
        {
          guint32 scope = resp_resolver_scope_of (&c->R, c->committee);
          if (scope == RESP_NO_NODE)
            return v;
          return resp_level_value (m->nodes[scope].type == RESP_NODE_REGION ? m->nodes[scope].attr
                                                                        : region_level_of_unit (c, scope));
        }
      return v;
    case RESP_VAR_FACT:
    default:
      return v;
    }
}

/* Whether duty applies to node at t; on unknown, what is missing goes into
 * c->missing. A system with several operators: the duty applies through
 * any of them, is unknown if through none it does and through one it may. */
static RespTruth
applies (Ctx *c, const RespDutyRule *duty, guint32 node, gint64 t)
{
  RespConditionEnv env = { bearer_get, c, NULL, 0, TRUE };
  RespTruth truth = RESP_TRUTH_FALSE;

  g_array_set_size (c->missing, 0);
  if (duty->applies == NULL)
    return RESP_TRUTH_TRUE;
  resp_resolver_reset (&c->R, t);
  c->t = t;
  c->system = c->unit = c->committee = c->op = RESP_NO_NODE;
  switch (duty->bearer)
    {
    case RESP_BEARER_COMMITTEE:
      c->committee = node;
      return resp_condition_eval (duty->applies, &env, c->missing);
    case RESP_BEARER_SYSTEM:
      c->system = node;
      /* a condition that reads nothing of the operator answers the same
       * through each: once is enough */
      if (!c->reads_operator[duty - (const RespDutyRule *) (gpointer) c->rb->duties->data])
        return resp_condition_eval (duty->applies, &env, c->missing);
      c->tmp.len = 0;
      resp_resolver_all_in (&c->R, node, RESP_REL_OPERATES, RESP_SEAT_NONE, &c->tmp);
      if (c->tmp.len == 0)
        return resp_condition_eval (duty->applies, &env, c->missing);
      for (guint i = 0; i < c->tmp.len && truth != RESP_TRUTH_TRUE; i++)
        {
          RespTruth one;

          c->op = c->tmp.data[i];
          one = resp_condition_eval (duty->applies, &env, c->missing);
          if (one == RESP_TRUTH_TRUE || (one == RESP_TRUTH_UNKNOWN && truth == RESP_TRUTH_FALSE))
            truth = one;
        }
      if (truth == RESP_TRUTH_TRUE)
        g_array_set_size (c->missing, 0);
      return truth;
    default:
      c->unit = node;
      return resp_condition_eval (duty->applies, &env, c->missing);
    }
}

/* The names of what c->missing holds, into the report's words. */
static void
add_missing_words (Ctx *c, const RespDutyRule *duty, RespDutySlot *slot)
{
  RespDuties *d = c->d;

  slot->missing_off = d->words->len;
  for (guint i = 0; i < c->missing->len; i++)
    {
      guint entry = g_array_index (c->missing, guint, i);
      RespVarKind kind;
      guint index;
      const char *key, *name;

      if (!(entry & RESP_CONDITION_MISSING_VAR))
        continue;
      resp_condition_missing_var (duty->applies, entry, &kind, &index, &key);
      if (kind == RESP_VAR_PARAM)
        {
          char *s = g_strconcat ("param.", g_array_index (c->rb->params, RespParamDecl, index).name, NULL);
          name = g_string_chunk_insert_const (d->strings, s);
          g_free (s);
        }
      else if (kind == RESP_VAR_SYSTEM_EXTRA)
        {
          char *s = g_strconcat ("system.extra.", key, NULL);
          name = g_string_chunk_insert_const (d->strings, s);
          g_free (s);
        }
      else
        name = resp_condition_var_name (kind);
      if (name != NULL)
        g_ptr_array_add (d->words, (gpointer) name);
    }
  slot->n_missing = d->words->len - slot->missing_off;
}

/* ---- who answers, stretch by stretch ---- */

static void
add_refs_sorted (Ctx *c, RespU32Vec *nodes, guint32 *off, guint32 *n)
{
  RespDuties *d = c->d;
  guint kept = 0;

  if (nodes->len > 1)
    resp_sort_stable (nodes->data, nodes->len, sizeof (guint32), resp_model_cmp_ids, c->m);
  for (guint i = 0; i < nodes->len; i++)
    if (kept == 0 || nodes->data[i] != nodes->data[kept - 1])
      nodes->data[kept++] = nodes->data[i];
  *off = d->refs.len;
  *n = kept;
  resp_vec_append (&d->refs, nodes->data, kept);
}

/* The authority and proposers of p, reached as hit h of role, at R's instant. */
static void
person_refs (Ctx *c, RespDutyPerson *person, const RespHit *h, RespRole role)
{
  RespResolver *R = &c->R;
  const guint32 *path = R->paths.data + h->path_off;
  guint32 via = h->path_len >= 2 ? path[h->path_len - 2] : RESP_NO_NODE;
  RespU32Vec *auth = resp_resolver_take (R), *prop = resp_resolver_take (R);

  if (resp_roles[role].through_seat || (via != RESP_NO_NODE && c->m->nodes[via].type == RESP_NODE_UNIT))
    resp_resolver_authorities (R, h->node, via, auth);
  else
    /* a system's own security lead: through each operator */
    for (guint o = 0; o < R->hits[RESP_ROLE_OPERATOR].len; o++)
      resp_resolver_authorities (R, h->node, R->hits[RESP_ROLE_OPERATOR].data[o].node, auth);
  add_refs_sorted (c, auth, &person->auth_off, &person->n_auth);
  for (guint a = 0; a < person->n_auth; a++)
    resp_resolver_proposers (R, c->d->refs.data[person->auth_off + a], h->node, prop);
  add_refs_sorted (c, prop, &person->prop_off, &person->n_prop);
  resp_resolver_give (R, auth);
  resp_resolver_give (R, prop);
}

static int
cmp_person (gconstpointer a, gconstpointer b, gpointer data)
{
  const RespDutyPerson *x = a, *y = b;
  int k = strcmp (resp_model_node_id (data, x->person), resp_model_node_id (data, y->person));

  if (k != 0)
    return k;
  if (x->role != y->role)
    return x->role < y->role ? -1 : 1;
  return x->from < y->from ? -1 : x->from > y->from;
}

/* How to resolve for a duty's answerable roles: without the walk up the
 * regions when every one of them is found at the operator (its committee's
 * seats, its security lead, its head), which is most duties' case. */
static RespResolveFlags
resolve_flags (const RespDutyRule *duty)
{
  static const guint64 at_operator =
    RESP_ROLE_BIT (RESP_ROLE_FIRST_RESPONSIBLE) | RESP_ROLE_BIT (RESP_ROLE_DIRECT_RESPONSIBLE) |
    RESP_ROLE_BIT (RESP_ROLE_TEAM_MEMBER) | RESP_ROLE_BIT (RESP_ROLE_SECURITY_LEAD) |
    RESP_ROLE_BIT (RESP_ROLE_UNIT_HEAD);
  RespResolveFlags flags = RESP_RESOLVE_NO_WARN | RESP_RESOLVE_NO_AUTHORITY;

  for (guint a = 0; a < duty->answerable->len; a++)
    if (!(at_operator & RESP_ROLE_BIT (g_array_index (duty->answerable, RespDutyAnswerable, a).role)))
      return flags;
  return flags | RESP_RESOLVE_OPERATOR_ONLY;
}

/* Everyone in an answerable role during the slot's period, one entry per
 * person, role and unbroken stretch (with its authority and proposers at
 * the stretch's start). */
static gboolean
answerable (Ctx *c, const RespDutyRule *duty, RespDutySlot *slot)
{
  RespDuties *d = c->d;
  RespResolver *R = &c->R;
  gint64 t = slot->from;
  guint first = d->people->len;
  guint32 steps = 0;
  gboolean whole = FALSE;

  slot->people_off = first;
  while (t < slot->until && steps++ <= 4 * c->m->n_rels + 16)
    {
      gint64 hi;

      resp_resolver_reset (R, t);
      resp_resolver_resolve (R, slot->node, resolve_flags (duty));
      hi = MIN (R->hi, slot->until);
      for (guint a = 0; a < duty->answerable->len; a++)
        {
          const RespDutyAnswerable *ans = &g_array_index (duty->answerable, RespDutyAnswerable, a);
          const RespHitVec *hits = &R->hits[ans->role];

          for (guint k = 0; k < hits->len; k++)
            {
              guint32 p = hits->data[k].node;
              gboolean extended = FALSE;

              /* the same person in the same role up to t: the stretch goes on */
              for (guint i = first; i < d->people->len && !extended; i++)
                {
                  RespDutyPerson *q = &g_array_index (d->people, RespDutyPerson, i);
                  if (q->person == p && q->role == ans->role && (q->until == t || q->until == hi))
                    {
                      q->until = MAX (q->until, hi);
                      extended = TRUE;
                    }
                }
              if (!extended)
                {
                  RespDutyPerson person = { p, (guint8) ans->role, (guint8) ans->category, t, hi,
                                            0, 0, 0, 0 };
                  person_refs (c, &person, &hits->data[k], ans->role);
                  g_array_append_val (d->people, person);
                }
            }
        }
      /* the window says how long this answer holds */
      if (R->hi <= t)
        break;
      t = R->hi;
      whole = t >= slot->until;
    }
  slot->n_people = d->people->len - first;
  if (slot->n_people > 1)
    resp_sort_stable (&g_array_index (d->people, RespDutyPerson, first), slot->n_people,
                  sizeof (RespDutyPerson), cmp_person, c->m);
  return whole;
}

/* Whether two duties name the same answerable roles with the same
 * categories in the same order. */
static gboolean
same_answerable (const RespDutyRule *x, const RespDutyRule *y)
{
  if (x->answerable->len != y->answerable->len)
    return FALSE;
  for (guint a = 0; a < x->answerable->len; a++)
    {
      const RespDutyAnswerable *p = &g_array_index (x->answerable, RespDutyAnswerable, a);
      const RespDutyAnswerable *q = &g_array_index (y->answerable, RespDutyAnswerable, a);
      if (p->role != q->role || p->category != q->category)
        return FALSE;
    }
  return TRUE;
}

/* Remembers slot's walk for its node, unless one over a longer period is
 * remembered already. */
static void
remember_walk (Ctx *c, const RespDutySlot *slot)
{
  Walk w = { slot->duty, slot->from, slot->until, slot->people_off, slot->n_people };

  if (!c->have_walk || slot->until - slot->from >= c->walk.until - c->walk.from)
    c->walk = w;
  c->have_walk = TRUE;
}

/* The people of slot taken from a remembered walk of its node through a
 * period that contains slot's, for a duty with the same answerable list
 * (the protection and CII duties of one system): the stretches that meet
 * the slot's period, cut to it. A stretch is the same whichever walk finds
 * it, since a walk's windows end wherever a role's holders change; only
 * a stretch that began before the slot's period needs its authority and
 * proposers again, at the period's start, from the hit through which a
 * walk starting there would have found the person first. FALSE when no
 * walk serves. */
static gboolean
answerable_from_walk (Ctx *c, const RespDutyRule *duty, RespDutySlot *slot)
{
  RespDuties *d = c->d;
  RespResolver *R = &c->R;
  guint first = d->people->len;
  gboolean resolved = FALSE;
  Walk w = c->walk;

  if (!c->have_walk)
    return FALSE;
  if (w.from > slot->from || w.until < slot->until
      || !same_answerable (duty, &g_array_index (c->rb->duties, RespDutyRule, w.duty)))
    return FALSE;
  for (guint i = 0; i < w.n_people; i++)
    {
      RespDutyPerson q = g_array_index (d->people, RespDutyPerson, w.people_off + i);
      gboolean found = FALSE;

      if (q.until <= slot->from || q.from >= slot->until)
        continue;
      q.until = MIN (q.until, slot->until);
      if (q.from < slot->from)
        {
          q.from = slot->from;
          if (!resolved)
            {
              resp_resolver_reset (R, slot->from);
              resp_resolver_resolve (R, slot->node, resolve_flags (duty));
              resolved = TRUE;
            }
          for (guint a = 0; a < duty->answerable->len && !found; a++)
            {
              const RespDutyAnswerable *ans = &g_array_index (duty->answerable, RespDutyAnswerable, a);
              const RespHitVec *hits = &R->hits[ans->role];

              for (guint k = 0; k < hits->len && !found && ans->role == q.role; k++)
                if (hits->data[k].node == q.person)
                  {
                    person_refs (c, &q, &hits->data[k], ans->role);
                    found = TRUE;
                  }
            }
          if (!found)
            {
              g_array_set_size (d->people, first);
              return FALSE;
            }
        }
      g_array_append_val (d->people, q);
    }
  slot->people_off = first;
  slot->n_people = d->people->len - first;
  return TRUE;
}

/* ---- the scorecards a slot counts in ---- */

/* The committees whose scorecards count slot: what it depends on is the
 * node, its type (which decides the bearer classes it can be in) and the
 * slot's start, so the node's slots that start together share them. */
/* The responsible committee of unit at t (R reset to t), through a small
 * cache: the systems of one operator, and the operator itself, ask for it
 * at the same instant one after another. */
static guint32
committee_of (Ctx *c, guint32 unit, gint64 t)
{
  CommitteeMemo *e = &c->committees[(unit ^ (guint32) (t >> 20)) % G_N_ELEMENTS (c->committees)];

  if (e->unit != unit || e->at != t)
    {
      e->unit = unit;
      e->at = t;
      e->committee = resp_resolver_committee_of (&c->R, unit, NULL);
    }
  return e->committee;
}

static void
owners (Ctx *c, const RespDutyRule *duty, RespDutySlot *slot)
{
  RespResolver *R = &c->R;
  RespU32Vec *found, *ops;

  if (c->have_owners && c->owners_start == slot->start)
    {
      slot->owners_off = c->owners_off;
      slot->n_owners = c->n_owners;
      return;
    }
  found = resp_resolver_take (R);
  ops = resp_resolver_take (R);
  resp_resolver_reset (R, slot->start);
  if (duty->bearer == RESP_BEARER_COMMITTEE)
    resp_vec_push (found, slot->node);
  else if (duty->bearer == RESP_BEARER_SYSTEM)
    {
      resp_resolver_all_in (R, slot->node, RESP_REL_OPERATES, RESP_SEAT_NONE, ops);
      for (guint i = 0; i < ops->len; i++)
        {
          guint32 k = committee_of (c, ops->data[i], slot->start);
          if (k != RESP_NO_NODE)
            resp_vec_push (found, k);
        }
    }
  else
    {
      guint32 k = committee_of (c, slot->node, slot->start);
      if (k != RESP_NO_NODE)
        resp_vec_push (found, k);
    }
  add_refs_sorted (c, found, &slot->owners_off, &slot->n_owners);
  resp_resolver_give (R, found);
  resp_resolver_give (R, ops);
  c->have_owners = TRUE;
  c->owners_start = slot->start;
  c->owners_off = slot->owners_off;
  c->n_owners = slot->n_owners;
}

/* ---- scorecards (SPEC §8.5) ---- */

/* Whether committee k leads something at some instant of the range: it
 * gets a scorecard. */
static gboolean
has_scorecard (Ctx *c, guint32 k)
{
  const RespModel *m = c->m;
  guint32 b, e;

  if (m->nodes[k].type != RESP_NODE_COMMITTEE)
    return FALSE;
  resp_model_out_range (m, k, RESP_REL_LEADS, &b, &e);
  for (guint32 i = b; i < e; i++)
    if (m->rels[i].since < c->d->until && c->d->from < m->rels[i].until)
      return TRUE;
  return FALSE;
}

/* Where the results of ranked committee r's scorecard go. */
static void
scorecard_report_to (Ctx *c, const Ranked *r)
{
  RespDuties *d = c->d;
  RespU32Vec *managers = resp_resolver_take (&c->R);
  RespU32Vec *report = resp_resolver_take (&c->R);
  RespDutyScorecard *sc = &g_array_index (d->scorecards, RespDutyScorecard, r->scorecard);

  /* Art. 10: the results go to the cadre department of those who manage
   * the committee, or to them where they have none */
  resp_resolver_reset (&c->R, d->at);
  resp_resolver_managers (&c->R, r->node, managers);
  for (guint i = 0; i < managers->len; i++)
    {
      guint start = report->len;
      resp_resolver_all_in (&c->R, managers->data[i], RESP_REL_CADRE_OFFICE, RESP_SEAT_NONE, report);
      if (report->len == start)
        resp_vec_push (report, managers->data[i]);
    }
  add_refs_sorted (c, report, &sc->report_off, &sc->n_report);
  resp_resolver_give (&c->R, managers);
  resp_resolver_give (&c->R, report);
}

/* The scorecards by committee: an index small enough to stay in cache (a
 * lookup through the per-node arrays missed it at national scale, once per
 * slot). */
static inline guint32
card_hash (guint32 k)
{
  return (guint32) (((guint64) k * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 32);
}

static guint32
card_hash_at (guint32 i, gconstpointer data)
{
  return card_hash (g_array_index ((const GArray *) data, RespDutyScorecard, i).committee);
}

/* The index of committee k's scorecard, or RESP_NO_NODE. Slots next to
 * each other in id order often count in the same one (the systems of one
 * operator): the last answer is kept. */
static guint32
scorecard_of (Ctx *c, guint32 k)
{
  const RespU32Vec *slots = &c->cards;
  guint32 mask = slots->len - 1, h;

  if (k == c->last_card_node)
    return c->last_card;
  c->last_card_node = k;
  c->last_card = RESP_NO_NODE;
  for (h = card_hash (k) & mask; slots->data[h] != 0; h = (h + 1) & mask)
    if (g_array_index (c->d->scorecards, RespDutyScorecard, slots->data[h] - 1).committee == k)
      {
        c->last_card = slots->data[h] - 1;
        break;
      }
  return c->last_card;
}

/* Counts slot in the scorecards of its owners. */
static void
count_slot (Ctx *c, const RespDutyRule *duty, const RespDutySlot *slot)
{
  RespDuties *d = c->d;

  for (guint o = 0; o < slot->n_owners; o++)
    {
      guint32 at = scorecard_of (c, d->refs.data[slot->owners_off + o]);
      RespDutyScorecard *sc;

      if (at == RESP_NO_NODE)
        continue;
      sc = &g_array_index (d->scorecards, RespDutyScorecard, at);
      sc->counts[slot->status]++;
      if (slot->status == RESP_SLOT_FULFILLED)
        sc->weight_fulfilled += duty->weight;
      if (slot->status == RESP_SLOT_FULFILLED || slot->status == RESP_SLOT_UNFULFILLED)
        sc->weight_judged += duty->weight;
    }
}

/* ---- slots ---- */

static gint32
required_at (Ctx *c, const RespDutyRule *duty, gint64 t)
{
  RespValue v;

  if (duty->at_least_param < 0)
    return (gint32) duty->at_least;
  v = resp_rulebook_param_at (c->rb, (guint) duty->at_least_param, t);
  return v.type == RESP_VALUE_NUMBER ? (gint32) v.number : -1;
}

static void
judge (Ctx *c, const RespDutyRule *duty, RespDutySlot *slot, gboolean covers, RespTruth truth)
{
  RespDuties *d = c->d;

  /* what the record shows: one kind's entries are a run of the record's
   * index, in (at, id) order already; several kinds' are gathered and
   * sorted */
  if (duty->evidence->len == 1)
    {
      slot->count = resp_record_find_entries (c->rec, slot->node, g_array_index (duty->evidence, guint, 0),
                                              slot->from, slot->until, d->at, &slot->entries_off);
      slot->n_entries = slot->count;
      slot->entries_in_record = TRUE;
    }
  else
    {
      slot->entries_off = d->entries.len;
      for (guint k = 0; k < duty->evidence->len; k++)
        {
          guint32 first = 0;
          guint n = resp_record_find_entries (c->rec, slot->node, g_array_index (duty->evidence, guint, k),
                                              slot->from, slot->until, d->at, &first);
          for (guint i = 0; i < n; i++)
            resp_vec_push (&d->entries, first + i);
          slot->count += n;
        }
      slot->n_entries = d->entries.len - slot->entries_off;
      if (slot->n_entries > 1)
        sort_entries (c->rec, d->entries.data + slot->entries_off, slot->n_entries);
    }
  slot->required = required_at (c, duty, slot->from);
  slot->missing_off = d->words->len;

  if (!covers)
    slot->status = RESP_SLOT_PARTIAL;
  else if (truth == RESP_TRUTH_UNKNOWN)
    {
      slot->status = RESP_SLOT_UNKNOWN;
      add_missing_words (c, duty, slot);
    }
  else if (slot->required < 0)
    {
      char *s = g_strconcat ("param.", g_array_index (c->rb->params, RespParamDecl,
                                                      duty->at_least_param).name, NULL);
      slot->status = RESP_SLOT_UNKNOWN;
      g_ptr_array_add (d->words, (gpointer) g_string_chunk_insert_const (d->strings, s));
      slot->n_missing = 1;
      g_free (s);
    }
  else if (slot->count >= (guint32) slot->required)
    slot->status = RESP_SLOT_FULFILLED;
  else if (d->at < slot->until)
    slot->status = RESP_SLOT_OPEN;
  else
    {
      for (guint k = 0; k < duty->evidence->len; k++)
        {
          guint kind = g_array_index (duty->evidence, guint, k);
          if (!resp_record_is_complete (c->rec, slot->node, kind, slot->from, slot->until))
            g_ptr_array_add (d->words, g_array_index (c->rb->record_kinds, RespRecordKindDecl, kind).kind);
        }
      slot->n_missing = d->words->len - slot->missing_off;
      slot->status = slot->n_missing == 0 ? RESP_SLOT_UNFULFILLED : RESP_SLOT_UNKNOWN;
      slot->incomplete = slot->n_missing > 0;
    }

  if (slot->status == RESP_SLOT_UNFULFILLED || slot->status == RESP_SLOT_UNKNOWN)
    {
      if (!answerable_from_walk (c, duty, slot) && answerable (c, duty, slot))
        remember_walk (c, slot);
      if (slot->status == RESP_SLOT_UNFULFILLED)
        for (guint a = 0; a < duty->answerable->len; a++)
          {
            RespRole role = g_array_index (duty->answerable, RespDutyAnswerable, a).role;
            gboolean held = FALSE;

            for (guint i = 0; i < slot->n_people; i++)
              held |= g_array_index (d->people, RespDutyPerson, slot->people_off + i).role == role;
            if (!held)
              {
                RespDutyWarning w = { slot->node, slot->duty, slot->from, (guint8) role };
                g_array_append_val (d->warnings, w);
              }
          }
    }
  owners (c, duty, slot);
}

/* The calendar periods of `months` that meet [from, until): each period's
 * start, and after the last the end of it. */
static void
periods (gint64 from, gint64 until, guint months, SpanVec *out)
{
  out->len = 0;
  for (gint64 s = resp_instant_period_start (from, months); s < until; s = resp_instant_next_period (s, months))
    {
      Span p = { s, resp_instant_next_period (s, months) };
      resp_vec_push (out, p);
    }
}

/* The slots of duty index for node, a bearer of its class through spans
 * (n of them), in period order. */
static void
node_duty_slots (Ctx *c, guint index, guint32 node, const Span *spans, guint n)
{
  RespDuties *d = c->d;
  const RespDutyRule *duty = &g_array_index (c->rb->duties, RespDutyRule, index);
  gint64 lo = MAX (d->from, duty->since), hi = MIN (d->until, duty->until);
  const SpanVec *ps = &c->periods[index];
  gboolean covers_any = FALSE;

  /* a bearer at no instant of the range owes nothing in it */
  for (guint k = 0; k < n && !covers_any; k++)
    covers_any = spans[k].since < hi && lo < spans[k].until;
  if (!covers_any)
    return;
  for (guint p = 0; p < ps->len; p++)
    {
      gint64 s = ps->data[p].since, e = ps->data[p].until;
      gint64 in_lo = MAX (s, duty->since), in_hi = MIN (e, duty->until);
      gboolean covers;
      gint64 first = spans_meet (spans, n, in_lo, in_hi, &covers);
      RespDutySlot slot = { .duty = index, .node = node, .from = s, .until = e, .start = first,
                            .required = -1 };
      RespTruth truth;

      if (first == G_MAXINT64)
        continue;
      covers = covers && in_lo == s && in_hi == e;
      truth = applies (c, duty, node, first);
      if (truth == RESP_TRUTH_FALSE)
        continue;
      judge (c, duty, &slot, covers, truth);
      count_slot (c, duty, &slot);
      g_array_append_val (d->slots, slot);
    }
}

/* Whether duty is in force at some instant of the range. */
static gboolean
in_range (Ctx *c, const RespDutyRule *duty)
{
  return MAX (c->d->from, duty->since) < MIN (c->d->until, duty->until);
}

/* At most how many slots the duties make: every bearer, every period (so
 * that the slots' array never moves as it grows). */
static guint
most_slots (Ctx *c)
{
  guint64 n = 0;

  for (guint i = 0; i < c->rb->duties->len; i++)
    {
      const RespDutyRule *duty = &g_array_index (c->rb->duties, RespDutyRule, i);

      if (!in_range (c, duty))
        continue;
      n += (guint64) c->bearers[duty->bearer].nodes.len * c->periods[i].len;
    }
  return (guint) MIN (n, (guint64) G_MAXUINT32 / 2);
}

/* ---- notices (SPEC §8.4) ---- */

static void
notices (Ctx *c)
{
  RespDuties *d = c->d;
  guint n = resp_record_n_notices (c->rec);

  for (guint i = 0; i < n; i++)
    {
      const RespRecordNotice *notice = resp_record_notice (c->rec, i);
      RespDutyNotice dn = { i, RESP_NOTICE_UNKNOWN, 0 };

      if (notice->at >= d->at)
        continue;
      /* its rectifications come by (at, id) */
      dn.status = resp_record_notice_status (c->rec, i, d->at, &dn.n_answered);
      g_array_append_val (d->notices, dn);
    }
}

/* ---- output order ---- */

/* A node with the first 16 bytes of its id, big-endian and NUL-padded: two
 * ids compare bytewise as their keys do, unless the keys are equal. */
typedef struct {
  guint64 k0, k1;
  guint32 node;
} IdKey;

static void
id_key (const RespModel *m, guint32 node, IdKey *key)
{
  const char *id = resp_model_node_id (m, node);
  guint8 b[16] = { 0 };
  guint64 k0, k1;

  memcpy (b, id, strnlen (id, sizeof b));
  memcpy (&k0, b, 8);
  memcpy (&k1, b + 8, 8);
  key->k0 = GUINT64_FROM_BE (k0);
  key->k1 = GUINT64_FROM_BE (k1);
  key->node = node;
}

static inline gboolean
id_key_before (const IdKey *x, const IdKey *y, const RespModel *m)
{
  if (x->k0 != y->k0)
    return x->k0 < y->k0;
  if (x->k1 != y->k1)
    return x->k1 < y->k1;
  return resp_model_cmp_ids (&x->node, &y->node, (gpointer) m) < 0;
}

/* Sorts keys (of distinct nodes) by id: runs of 16 by insertion, then
 * merged pairwise, with the comparison inline; a general sort calling it
 * through a pointer and moving keys with memcpy took most of the time. */
static void
sort_id_keys (IdKey *keys, guint32 n, const RespModel *m)
{
  IdKey *src = keys, *dst, *tmp;

  for (guint32 lo = 0; lo < n; lo += 16)
    for (guint32 i = lo + 1; i < MIN (lo + 16, n); i++)
      {
        IdKey x = keys[i];
        guint32 j = i;

        for (; j > lo && id_key_before (&x, &keys[j - 1], m); j--)
          keys[j] = keys[j - 1];
        keys[j] = x;
      }
  if (n <= 16)
    return;
  dst = g_new (IdKey, n);
  for (guint32 width = 16; width < n; width *= 2)
    {
      for (guint32 lo = 0; lo < n; lo += 2 * width)
        {
          guint32 mid = MIN (lo + width, n), hi = MIN (lo + 2 * width, n), i = lo, j = mid, k = lo;

          while (i < mid && j < hi)
            dst[k++] = id_key_before (&src[j], &src[i], m) ? src[j++] : src[i++];
          while (i < mid)
            dst[k++] = src[i++];
          while (j < hi)
            dst[k++] = src[j++];
        }
      tmp = src;
      src = dst;
      dst = tmp;
    }
  /* src holds the result; dst is the other buffer, the one allocated
   * unless src is */
  if (src != keys)
    {
      memcpy (keys, src, n * sizeof (IdKey));
      g_free (src);
    }
  else
    g_free (dst);
}

/* Ranks in id order every node that bears a duty of the range or has a
 * scorecard (into c->rank and c->ranked), with where it is in each bearer
 * set; the slots are then made node by node in that order, which is the
 * output order, and the scorecards opened in it. */
static void
rank_nodes (Ctx *c, guint8 classes, const RespU32Vec *cards)
{
  const RespModel *m = c->m;
  RESP_VEC (IdKey) keys = { NULL, 0, 0 };
  guint32 *rank = c->rank;

  for (guint b = 0; b < RESP_N_BEARERS; b++)
    for (guint i = 0; (classes & (1u << b)) && i < c->bearers[b].nodes.len; i++)
      {
        guint32 node = c->bearers[b].nodes.data[i];
        IdKey key;

        if (rank[node] != RESP_NO_NODE)
          continue;
        rank[node] = 0;
        id_key (m, node, &key);
        resp_vec_push (&keys, key);
      }
  for (guint i = 0; i < cards->len; i++)
    {
      guint32 k = cards->data[i];
      IdKey key;

      if (rank[k] != RESP_NO_NODE)
        continue;
      rank[k] = 0;
      id_key (m, k, &key);
      resp_vec_push (&keys, key);
    }
  sort_id_keys (keys.data, keys.len, m);
  c->n_ranked = keys.len;
  c->ranked = g_new (Ranked, MAX (keys.len, 1));
  for (guint32 i = 0; i < keys.len; i++)
    {
      Ranked r = { keys.data[i].node, { 0 }, RESP_NO_NODE, 0 };

      rank[r.node] = i;
      c->ranked[i] = r;
    }
  g_free (keys.data);
  for (guint b = 0; b < RESP_N_BEARERS; b++)
    for (guint i = 0; (classes & (1u << b)) && i < c->bearers[b].nodes.len; i++)
      {
        Ranked *r = &c->ranked[rank[c->bearers[b].nodes.data[i]]];

        r->pos[b] = i;
        r->mask |= (guint8) (1u << b);
      }
  for (guint i = 0; i < cards->len; i++)
    c->ranked[rank[cards->data[i]]].mask |= RANKED_SCORECARD;
  /* the scorecards in committee id order, counted as the slots are made */
  for (guint32 i = 0; i < c->n_ranked; i++)
    if (c->ranked[i].mask & RANKED_SCORECARD)
      {
        RespDutyScorecard sc = { c->ranked[i].node, { 0 }, 0, 0, 0, 0 };

        c->ranked[i].scorecard = c->d->scorecards->len;
        g_array_append_val (c->d->scorecards, sc);
      }
}

/* A ranked node's slots: duty by duty in rulebook order, each in period
 * order; where its scorecard goes first, when it has one. */
static void
node_slots (Ctx *c, Ranked *r)
{
  if (r->mask & RANKED_SCORECARD)
    scorecard_report_to (c, r);
  c->have_walk = FALSE;
  c->have_owners = FALSE;
  for (guint i = 0; i < c->rb->duties->len; i++)
    {
      const RespDutyRule *duty = &g_array_index (c->rb->duties, RespDutyRule, i);
      const BearerSet *set = &c->bearers[duty->bearer];
      guint32 pos = r->pos[duty->bearer];

      if (!(r->mask & (1u << duty->bearer)) || !in_range (c, duty))
        continue;
      node_duty_slots (c, i, r->node, set->spans.data + set->span_start.data[pos],
                       set->span_start.data[pos + 1] - set->span_start.data[pos]);
    }
}

/* ---- the query ---- */

static void
duties_free (RespDuties *self)
{
  g_array_unref (self->slots);
  g_array_unref (self->people);
  g_array_unref (self->notices);
  g_array_unref (self->scorecards);
  g_array_unref (self->warnings);
  g_free (self->entries.data);
  g_free (self->refs.data);
  g_ptr_array_unref (self->words);
  g_string_chunk_free (self->strings);
  resp_record_unref (self->record);
  resp_rulebook_unref (self->rulebook);
  resp_model_unref (self->model);
  g_free (self);
}

/**
 * resp_duties_ref:
 * @self: a #RespDuties
 *
 * Takes a reference on @self.
 *
 * Returns: (transfer full): @self
 *
 * Since: 1.0
 */
/**
 * resp_duties_unref:
 * @self: (transfer full): a #RespDuties
 *
 * Drops a reference on @self; the last one frees it.
 *
 * Since: 1.0
 */
RESP_DEFINE_REFCOUNTED_TYPE (RespDuties, resp_duties, duties_free)

/* Keeps what --node asks for: a committee's scorecard, its slots and the
 * notices to their nodes; another node's own slots and notices. */
static void
filter (RespDuties *d)
{
  const RespModel *m = d->model;
  gboolean committee = m->nodes[d->node].type == RESP_NODE_COMMITTEE;
  GHashTable *nodes = g_hash_table_new (NULL, NULL);
  guint kept = 0, n_kept = 0, w_kept = 0, c_kept = 0;

  for (guint s = 0; s < d->slots->len; s++)
    {
      const RespDutySlot slot = g_array_index (d->slots, RespDutySlot, s);
      gboolean keep = slot.node == d->node;

      for (guint o = 0; committee && o < slot.n_owners && !keep; o++)
        keep = d->refs.data[slot.owners_off + o] == d->node;
      if (!keep)
        continue;
      g_hash_table_add (nodes, GUINT_TO_POINTER (slot.node + 1));
      g_array_index (d->slots, RespDutySlot, kept++) = slot;
    }
  g_array_set_size (d->slots, kept);
  g_hash_table_add (nodes, GUINT_TO_POINTER (d->node + 1));

  for (guint w = 0; w < d->warnings->len; w++)
    {
      RespDutyWarning x = g_array_index (d->warnings, RespDutyWarning, w);
      gboolean keep = FALSE;

      for (guint s = 0; s < d->slots->len && !keep; s++)
        {
          const RespDutySlot *slot = &g_array_index (d->slots, RespDutySlot, s);
          keep = slot->node == x.node && slot->duty == x.duty && slot->from == x.from;
        }
      if (keep)
        g_array_index (d->warnings, RespDutyWarning, w_kept++) = x;
    }
  g_array_set_size (d->warnings, w_kept);

  for (guint i = 0; i < d->notices->len; i++)
    {
      RespDutyNotice dn = g_array_index (d->notices, RespDutyNotice, i);
      guint32 node = resp_record_notice (d->record, dn.notice)->node;

      if (g_hash_table_contains (nodes, GUINT_TO_POINTER (node + 1)))
        g_array_index (d->notices, RespDutyNotice, n_kept++) = dn;
    }
  g_array_set_size (d->notices, n_kept);

  for (guint i = 0; i < d->scorecards->len; i++)
    if (g_array_index (d->scorecards, RespDutyScorecard, i).committee == d->node)
      g_array_index (d->scorecards, RespDutyScorecard, c_kept++) =
        g_array_index (d->scorecards, RespDutyScorecard, i);
  g_array_set_size (d->scorecards, c_kept);
  g_hash_table_unref (nodes);
}

static int
cmp_warning (gconstpointer a, gconstpointer b, gpointer data)
{
  const RespDutyWarning *x = a, *y = b;
  int k = strcmp (resp_model_node_id (data, x->node), resp_model_node_id (data, y->node));

  if (k != 0)
    return k;
  if (x->duty != y->duty)
    return x->duty < y->duty ? -1 : 1;
  if (x->from != y->from)
    return x->from < y->from ? -1 : 1;
  return x->role < y->role ? -1 : x->role > y->role;
}

/**
 * resp_model_check_duties:
 * @model: a model
 * @rulebook: the rulebook whose duties to check (its layers included)
 * @record: what was done, loaded for @model and @rulebook
 * @from: the start of the range
 * @until: its end (after @from)
 * @at: the query instant: only entries before it count, and a period that
 *   has not ended by then is `open`
 * @node: (nullable): keep only this node's slots, notices and scorecard (a
 *   committee: its scorecard's slots and the notices to their nodes)
 * @error: return location for a #GError
 *
 * Works out, period by period, which duty was fulfilled, which was not and
 * who answers for it (docs/duties.md, SPEC §8.3–8.5): the slots of every
 * duty whose calendar period meets [@from, @until), the record's notices
 * with their status at @at, and a scorecard per committee that leads
 * something in the range. Safe to call from several threads on one model.
 *
 * Returns: (transfer full) (nullable): the duty report, or %NULL with
 *   %RESP_ERROR_NOT_FOUND for a @node the model does not have, or
 *   %RESP_ERROR_INVALID_ARGUMENT when @until is not after @from
 *
 * Since: 1.0
 */
RespDuties *
resp_model_check_duties (RespModel     *model,
                         RespRulebook  *rulebook,
                         RespRecord    *record,
                         gint64         from,
                         gint64         until,
                         gint64         at,
                         const char    *node,
                         GError       **error)
{
  RespDuties *d;
  guint32 filter_node = RESP_NO_NODE;
  guint8 classes = 0;
  RespU32Vec cards = { NULL, 0, 0 };
  Ctx c;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (rulebook != NULL, NULL);
  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (!resp_record_loaded_for (record, model, rulebook))
    {
      g_critical ("%s: the record was loaded for another model or rulebook", G_STRFUNC);
      return NULL;
    }
  if (from >= until || from < RESP_INSTANT_MIN_DATED || until > RESP_INSTANT_MAX_DATED)
    {
      g_set_error (error, RESP_ERROR, RESP_ERROR_INVALID_ARGUMENT,
                   "the range must be dated and end after it starts");
      return NULL;
    }
  if (node != NULL && (filter_node = resp_model_find_node (model, node)) == RESP_NO_NODE)
    {
      g_set_error (error, RESP_ERROR, RESP_ERROR_NOT_FOUND, "no node '%s' in the model", node);
      return NULL;
    }

  d = g_new0 (RespDuties, 1);
  g_atomic_ref_count_init (&d->ref);
  d->model = resp_model_ref (model);
  d->rulebook = resp_rulebook_ref (rulebook);
  d->record = resp_record_ref (record);
  d->from = from;
  d->until = until;
  d->at = at;
  d->node = filter_node;
  d->people = g_array_new (FALSE, FALSE, sizeof (RespDutyPerson));
  d->notices = g_array_sized_new (FALSE, FALSE, sizeof (RespDutyNotice), resp_record_n_notices (record));
  d->scorecards = g_array_new (FALSE, FALSE, sizeof (RespDutyScorecard));
  d->warnings = g_array_new (FALSE, FALSE, sizeof (RespDutyWarning));
  d->words = g_ptr_array_new ();
  d->strings = g_string_chunk_new (256);

  memset (&c, 0, sizeof c);
  c.d = d;
  c.m = model;
  c.rb = rulebook;
  c.rec = record;
  c.missing = g_array_new (FALSE, FALSE, sizeof (guint));
  resp_resolver_init (&c.R, model);
  c.last_card_node = RESP_NO_NODE;
  for (guint i = 0; i < G_N_ELEMENTS (c.committees); i++)
    c.committees[i].unit = RESP_NO_NODE;
  c.rank = g_new (guint32, MAX (model->n_nodes, 1));
  memset (c.rank, 0xff, sizeof (guint32) * model->n_nodes);
  /* the same periods for every bearer of a duty */
  c.periods = g_new0 (SpanVec, MAX (rulebook->duties->len, 1));
  c.reads_operator = g_new0 (gboolean, MAX (rulebook->duties->len, 1));
  for (guint i = 0; i < rulebook->duties->len; i++)
    {
      const RespDutyRule *duty = &g_array_index (rulebook->duties, RespDutyRule, i);

      if (!in_range (&c, duty))
        continue;
      periods (from, until, resp_every[duty->every].months, &c.periods[i]);
      classes |= (guint8) (1u << duty->bearer);
      c.reads_operator[i] = duty->applies != NULL
                            && (resp_condition_reads (duty->applies, RESP_VAR_OPERATOR_REGION_LEVEL)
                                || resp_condition_reads (duty->applies, RESP_VAR_SYSTEM_OWNER_LEVEL)
                                || resp_condition_reads (duty->applies, RESP_VAR_OPERATOR_KIND)
                                || resp_condition_reads (duty->applies, RESP_VAR_OPERATOR_SUPERIOR_KIND)
                                || resp_condition_reads (duty->applies, RESP_VAR_OPERATOR_SUPERIOR_LEVEL));
    }
  bearer_sets_build (&c, classes, &cards);
  d->slots = g_array_sized_new (FALSE, FALSE, sizeof (RespDutySlot), most_slots (&c));

  rank_nodes (&c, classes, &cards);
  g_free (cards.data);
  c.cards_indexed = G_MAXUINT32;
  resp_slots_sync (&c.cards, &c.cards_indexed, d->scorecards->len, card_hash_at, d->scorecards);
  for (guint32 r = 0; r < c.n_ranked; r++)
    node_slots (&c, &c.ranked[r]);
  notices (&c);

  if (d->warnings->len > 1)
    resp_sort_stable (d->warnings->data, d->warnings->len, sizeof (RespDutyWarning), cmp_warning, model);
  if (filter_node != RESP_NO_NODE)
    filter (d);

  for (guint b = 0; b < RESP_N_BEARERS; b++)
    {
      g_free (c.bearers[b].nodes.data);
      g_free (c.bearers[b].span_start.data);
      g_free (c.bearers[b].spans.data);
    }
  for (guint i = 0; i < rulebook->duties->len; i++)
    g_free (c.periods[i].data);
  g_free (c.periods);
  g_free (c.reads_operator);
  g_free (c.tmp.data);
  g_free (c.rank);
  g_free (c.cards.data);
  g_free (c.ranked);
  g_array_unref (c.missing);
  resp_resolver_clear (&c.R);
  return d;
}

/* ---- getters ---- */

/**
 * resp_duties_get_from:
 * @self: a #RespDuties
 *
 * Gets the start of the range the report covers.
 *
 * Returns: the start of the range
 *
 * Since: 1.0
 */
gint64
resp_duties_get_from (RespDuties *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->from;
}

/**
 * resp_duties_get_until:
 * @self: a #RespDuties
 *
 * Gets the end of the range the report covers.
 *
 * Returns: the end of the range
 *
 * Since: 1.0
 */
gint64
resp_duties_get_until (RespDuties *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->until;
}

/**
 * resp_duties_get_at:
 * @self: a #RespDuties
 *
 * Gets the query instant.
 *
 * Returns: the instant at which the record was read
 *
 * Since: 1.0
 */
gint64
resp_duties_get_at (RespDuties *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->at;
}

/**
 * resp_duties_get_n_slots:
 * @self: a #RespDuties
 *
 * Gets the number of slots, in the order of docs/duties.md (node id, duty
 * in rulebook order, period).
 *
 * Returns: the number of slots
 *
 * Since: 1.0
 */
guint
resp_duties_get_n_slots (RespDuties *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->slots->len;
}

static const RespDutySlot *
slot_at (RespDuties *self, guint slot)
{
  return &g_array_index (self->slots, RespDutySlot, slot);
}

#define CHECK_SLOT(val) \
  g_return_val_if_fail (self != NULL, val); \
  g_return_val_if_fail (slot < self->slots->len, val)

/**
 * resp_duties_get_slot_duty:
 * @self: a #RespDuties
 * @slot: a slot index
 *
 * Gets the id of the slot's duty.
 *
 * Returns: the duty's id
 *
 * Since: 1.0
 */
const char *
resp_duties_get_slot_duty (RespDuties *self,
                           guint       slot)
{
  CHECK_SLOT (NULL);
  return g_array_index (self->rulebook->duties, RespDutyRule, slot_at (self, slot)->duty).id;
}

/**
 * resp_duties_get_slot_node:
 * @self: a #RespDuties
 * @slot: a slot index
 *
 * Gets the id of the node that bears the slot's duty.
 *
 * Returns: the node's id
 *
 * Since: 1.0
 */
const char *
resp_duties_get_slot_node (RespDuties *self,
                           guint       slot)
{
  CHECK_SLOT (NULL);
  return resp_model_node_id (self->model, slot_at (self, slot)->node);
}

/**
 * resp_duties_get_slot_from:
 * @self: a #RespDuties
 * @slot: a slot index
 *
 * Gets the start of the slot's period.
 *
 * Returns: the start of the period
 *
 * Since: 1.0
 */
gint64
resp_duties_get_slot_from (RespDuties *self,
                           guint       slot)
{
  CHECK_SLOT (0);
  return slot_at (self, slot)->from;
}

/**
 * resp_duties_get_slot_until:
 * @self: a #RespDuties
 * @slot: a slot index
 *
 * Gets the end of the slot's period.
 *
 * Returns: the end of the period
 *
 * Since: 1.0
 */
gint64
resp_duties_get_slot_until (RespDuties *self,
                            guint       slot)
{
  CHECK_SLOT (0);
  return slot_at (self, slot)->until;
}

/**
 * resp_duties_get_slot_status:
 * @self: a #RespDuties
 * @slot: a slot index
 *
 * Gets the slot's status.
 *
 * Returns: the status
 *
 * Since: 1.0
 */
RespSlotStatus
resp_duties_get_slot_status (RespDuties *self,
                             guint       slot)
{
  CHECK_SLOT (RESP_SLOT_UNKNOWN);
  return (RespSlotStatus) slot_at (self, slot)->status;
}

/**
 * resp_duties_get_slot_required:
 * @self: a #RespDuties
 * @slot: a slot index
 *
 * Gets how many entries the slot's period requires.
 *
 * Returns: the number required, or -1 when its parameter has no value
 *
 * Since: 1.0
 */
gint
resp_duties_get_slot_required (RespDuties *self,
                               guint       slot)
{
  CHECK_SLOT (-1);
  return slot_at (self, slot)->required;
}

/**
 * resp_duties_get_slot_count:
 * @self: a #RespDuties
 * @slot: a slot index
 *
 * Gets how many entries of the evidence kinds the record holds for the
 * slot's node in its period, before the query instant.
 *
 * Returns: the count
 *
 * Since: 1.0
 */
guint
resp_duties_get_slot_count (RespDuties *self,
                            guint       slot)
{
  CHECK_SLOT (0);
  return slot_at (self, slot)->count;
}

/**
 * resp_duties_dup_slot_entries:
 * @self: a #RespDuties
 * @slot: a slot index
 *
 * Gets the ids of the record entries counted, in the order they were
 * done: by their `at`, entries of the same instant by id (bytewise).
 *
 * Returns: (transfer full) (array zero-terminated=1): the entry ids
 *
 * Since: 1.0
 */
char **
resp_duties_dup_slot_entries (RespDuties *self,
                              guint       slot)
{
  const RespDutySlot *s;
  char **out;

  CHECK_SLOT (NULL);
  s = slot_at (self, slot);
  out = g_new0 (char *, s->n_entries + 1);
  for (guint i = 0; i < s->n_entries; i++)
    out[i] = g_strdup (resp_record_entry_id (self->record, resp_duty_slot_entry (self, s, i)));
  return out;
}

/**
 * resp_duties_dup_slot_missing:
 * @self: a #RespDuties
 * @slot: a slot index
 *
 * Gets why an `unknown` slot is unknown: the attributes its duty's
 * `applies` could not read (`system.protection_level`), or the record
 * kinds whose record is not complete over the period.
 *
 * Returns: (transfer full) (array zero-terminated=1): the names
 *
 * Since: 1.0
 */
char **
resp_duties_dup_slot_missing (RespDuties *self,
                              guint       slot)
{
  const RespDutySlot *s;
  char **out;

  CHECK_SLOT (NULL);
  s = slot_at (self, slot);
  out = g_new0 (char *, s->n_missing + 1);
  for (guint i = 0; i < s->n_missing; i++)
    out[i] = g_strdup (self->words->pdata[s->missing_off + i]);
  return out;
}

/**
 * resp_duties_get_slot_n_people:
 * @self: a #RespDuties
 * @slot: a slot index
 *
 * Gets the number of people listed for the slot: who answers for an
 * `unfulfilled` slot, who held the answerable roles of an `unknown` one,
 * one entry per person, role and stretch of time. Other slots list nobody.
 *
 * Returns: the number of entries
 *
 * Since: 1.0
 */
guint
resp_duties_get_slot_n_people (RespDuties *self,
                               guint       slot)
{
  CHECK_SLOT (0);
  return slot_at (self, slot)->n_people;
}

static const RespDutyPerson *
person_at (RespDuties *self, guint slot, guint index)
{
  return &g_array_index (self->people, RespDutyPerson, slot_at (self, slot)->people_off + index);
}

#define CHECK_PERSON(val) \
  CHECK_SLOT (val); \
  g_return_val_if_fail (index < slot_at (self, slot)->n_people, val)

/**
 * resp_duties_get_slot_person:
 * @self: a #RespDuties
 * @slot: a slot index
 * @index: an entry of the slot's people
 *
 * Gets the person's id.
 *
 * Returns: the person's id
 *
 * Since: 1.0
 */
const char *
resp_duties_get_slot_person (RespDuties *self,
                             guint       slot,
                             guint       index)
{
  CHECK_PERSON (NULL);
  return resp_model_node_id (self->model, person_at (self, slot, index)->person);
}

/**
 * resp_duties_get_slot_person_role:
 * @self: a #RespDuties
 * @slot: a slot index
 * @index: an entry of the slot's people
 *
 * Gets the answerable role the person held.
 *
 * Returns: the role
 *
 * Since: 1.0
 */
RespRole
resp_duties_get_slot_person_role (RespDuties *self,
                                  guint       slot,
                                  guint       index)
{
  CHECK_PERSON (RESP_ROLE_OPERATOR);
  return (RespRole) person_at (self, slot, index)->role;
}

/**
 * resp_duties_get_slot_person_category:
 * @self: a #RespDuties
 * @slot: a slot index
 * @index: an entry of the slot's people
 *
 * Gets the category of responsibility the person answers with; only an
 * `unfulfilled` slot's people answer (nobody answers for an unknown).
 *
 * Returns: the category
 *
 * Since: 1.0
 */
RespCategory
resp_duties_get_slot_person_category (RespDuties *self,
                                      guint       slot,
                                      guint       index)
{
  CHECK_PERSON (RESP_CATEGORY_DIRECT);
  return (RespCategory) person_at (self, slot, index)->category;
}

/**
 * resp_duties_get_slot_person_from:
 * @self: a #RespDuties
 * @slot: a slot index
 * @index: an entry of the slot's people
 *
 * Gets the start of the stretch of the period in which the person held
 * the role.
 *
 * Returns: the start of the stretch
 *
 * Since: 1.0
 */
gint64
resp_duties_get_slot_person_from (RespDuties *self,
                                  guint       slot,
                                  guint       index)
{
  CHECK_PERSON (0);
  return person_at (self, slot, index)->from;
}

/**
 * resp_duties_get_slot_person_until:
 * @self: a #RespDuties
 * @slot: a slot index
 * @index: an entry of the slot's people
 *
 * Gets the end of the stretch.
 *
 * Returns: the end of the stretch
 *
 * Since: 1.0
 */
gint64
resp_duties_get_slot_person_until (RespDuties *self,
                                   guint       slot,
                                   guint       index)
{
  CHECK_PERSON (0);
  return person_at (self, slot, index)->until;
}

static char **
dup_ids (RespDuties *self, guint32 off, guint32 n)
{
  char **out = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    out[i] = g_strdup (resp_model_node_id (self->model, self->refs.data[off + i]));
  return out;
}

/**
 * resp_duties_dup_slot_person_authority:
 * @self: a #RespDuties
 * @slot: a slot index
 * @index: an entry of the slot's people
 *
 * Gets who carries out accountability for the person (有管理权限的党组织),
 * at the start of the stretch.
 *
 * Returns: (transfer full) (array zero-terminated=1): committee ids, sorted
 *
 * Since: 1.0
 */
char **
resp_duties_dup_slot_person_authority (RespDuties *self,
                                       guint       slot,
                                       guint       index)
{
  const RespDutyPerson *p;

  CHECK_PERSON (NULL);
  p = person_at (self, slot, index);
  return dup_ids (self, p->auth_off, p->n_auth);
}

/**
 * resp_duties_dup_slot_person_proposer:
 * @self: a #RespDuties
 * @slot: a slot index
 * @index: an entry of the slot's people
 *
 * Gets the offices that may propose accountability for the person, at the
 * start of the stretch.
 *
 * Returns: (transfer full) (array zero-terminated=1): unit ids, sorted
 *
 * Since: 1.0
 */
char **
resp_duties_dup_slot_person_proposer (RespDuties *self,
                                      guint       slot,
                                      guint       index)
{
  const RespDutyPerson *p;

  CHECK_PERSON (NULL);
  p = person_at (self, slot, index);
  return dup_ids (self, p->prop_off, p->n_prop);
}

/**
 * resp_duties_get_n_notices:
 * @self: a #RespDuties
 *
 * Gets the number of notices listed: every notice of the record before the
 * query instant, by id.
 *
 * Returns: the number of notices
 *
 * Since: 1.0
 */
guint
resp_duties_get_n_notices (RespDuties *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->notices->len;
}

/**
 * resp_duties_get_notice_id:
 * @self: a #RespDuties
 * @notice: a notice index
 *
 * Gets the notice's record id.
 *
 * Returns: the id
 *
 * Since: 1.0
 */
const char *
resp_duties_get_notice_id (RespDuties *self,
                           guint       notice)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (notice < self->notices->len, NULL);
  return resp_record_entry_id (self->record,
                               resp_record_notice (self->record,
                                                   g_array_index (self->notices, RespDutyNotice, notice).notice)->entry);
}

/**
 * resp_duties_get_notice_status:
 * @self: a #RespDuties
 * @notice: a notice index
 *
 * Gets the notice's status at the query instant.
 *
 * Returns: the status
 *
 * Since: 1.0
 */
RespNoticeStatus
resp_duties_get_notice_status (RespDuties *self,
                               guint       notice)
{
  g_return_val_if_fail (self != NULL, RESP_NOTICE_UNKNOWN);
  g_return_val_if_fail (notice < self->notices->len, RESP_NOTICE_UNKNOWN);
  return (RespNoticeStatus) g_array_index (self->notices, RespDutyNotice, notice).status;
}

static const RespRecordNotice *
notice_at (RespDuties *self, guint notice)
{
  return resp_record_notice (self->record, g_array_index (self->notices, RespDutyNotice, notice).notice);
}

#define CHECK_NOTICE(val) \
  g_return_val_if_fail (self != NULL, val); \
  g_return_val_if_fail (notice < self->notices->len, val)

/**
 * resp_duties_get_notice_node:
 * @self: a #RespDuties
 * @notice: a notice index
 *
 * Gets the node the notice was sent to.
 *
 * Returns: the node's id
 *
 * Since: 1.0
 */
const char *
resp_duties_get_notice_node (RespDuties *self,
                             guint       notice)
{
  CHECK_NOTICE (NULL);
  return resp_model_node_id (self->model, resp_record_entry (self->record, notice_at (self, notice)->entry)->node);
}

/**
 * resp_duties_get_notice_by:
 * @self: a #RespDuties
 * @notice: a notice index
 *
 * Gets the unit that sent the notice.
 *
 * Returns: the unit's id
 *
 * Since: 1.0
 */
const char *
resp_duties_get_notice_by (RespDuties *self,
                           guint       notice)
{
  CHECK_NOTICE (NULL);
  return resp_model_node_id (self->model, notice_at (self, notice)->by);
}

/**
 * resp_duties_get_notice_at:
 * @self: a #RespDuties
 * @notice: a notice index
 *
 * Gets when the notice was sent.
 *
 * Returns: the instant
 *
 * Since: 1.0
 */
gint64
resp_duties_get_notice_at (RespDuties *self,
                           guint       notice)
{
  CHECK_NOTICE (0);
  return resp_record_entry (self->record, notice_at (self, notice)->entry)->at;
}

/**
 * resp_duties_get_notice_due:
 * @self: a #RespDuties
 * @notice: a notice index
 *
 * Gets the notice's due date for rectification.
 *
 * Returns: the instant
 *
 * Since: 1.0
 */
gint64
resp_duties_get_notice_due (RespDuties *self,
                            guint       notice)
{
  CHECK_NOTICE (0);
  return notice_at (self, notice)->due;
}

/**
 * resp_duties_dup_notice_answered_by:
 * @self: a #RespDuties
 * @notice: a notice index
 *
 * Gets the rectifications answering the notice before the query instant.
 *
 * Returns: (transfer full) (array zero-terminated=1): their record ids, in
 *   the order they were done (by `at`, then id)
 *
 * Since: 1.0
 */
char **
resp_duties_dup_notice_answered_by (RespDuties *self,
                                    guint       notice)
{
  const RespDutyNotice *dn;
  char **out;

  CHECK_NOTICE (NULL);
  dn = &g_array_index (self->notices, RespDutyNotice, notice);
  out = g_new0 (char *, dn->n_answered + 1);
  for (guint k = 0; k < dn->n_answered; k++)
    out[k] = g_strdup (resp_record_entry_id (self->record, resp_duty_notice_answer (self, dn, k)));
  return out;
}

/**
 * resp_duties_get_n_scorecards:
 * @self: a #RespDuties
 *
 * Gets the number of scorecards: one per committee that leads something in
 * the range, by committee id.
 *
 * Returns: the number of scorecards
 *
 * Since: 1.0
 */
guint
resp_duties_get_n_scorecards (RespDuties *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->scorecards->len;
}

#define CHECK_CARD(val) \
  g_return_val_if_fail (self != NULL, val); \
  g_return_val_if_fail (scorecard < self->scorecards->len, val)
#define CARD(i) (&g_array_index (self->scorecards, RespDutyScorecard, (i)))

/**
 * resp_duties_get_scorecard_committee:
 * @self: a #RespDuties
 * @scorecard: a scorecard index
 *
 * Gets the committee the scorecard is of.
 *
 * Returns: the committee's id
 *
 * Since: 1.0
 */
const char *
resp_duties_get_scorecard_committee (RespDuties *self,
                                     guint       scorecard)
{
  CHECK_CARD (NULL);
  return resp_model_node_id (self->model, CARD (scorecard)->committee);
}

/**
 * resp_duties_get_scorecard_count:
 * @self: a #RespDuties
 * @scorecard: a scorecard index
 * @status: a slot status
 *
 * Gets how many of the committee's slots have @status.
 *
 * Returns: the count
 *
 * Since: 1.0
 */
guint
resp_duties_get_scorecard_count (RespDuties     *self,
                                 guint           scorecard,
                                 RespSlotStatus  status)
{
  CHECK_CARD (0);
  g_return_val_if_fail ((guint) status <= RESP_SLOT_UNKNOWN, 0);
  return CARD (scorecard)->counts[status];
}

/**
 * resp_duties_get_scorecard_score:
 * @self: a #RespDuties
 * @scorecard: a scorecard index
 * @score: (out) (optional): the weight of the fulfilled slots over the
 *   weight of the fulfilled and unfulfilled ones
 *
 * Gets the committee's score; open and unknown slots are counted, never
 * scored.
 *
 * Returns: %FALSE when no slot of it was judged (the score is then null)
 *
 * Since: 1.0
 */
gboolean
resp_duties_get_scorecard_score (RespDuties *self,
                                 guint       scorecard,
                                 double     *score)
{
  const RespDutyScorecard *sc;

  CHECK_CARD (FALSE);
  sc = CARD (scorecard);
  if (sc->weight_judged <= 0)
    return FALSE;
  if (score != NULL)
    *score = sc->weight_fulfilled / sc->weight_judged;
  return TRUE;
}

/**
 * resp_duties_dup_scorecard_report_to:
 * @self: a #RespDuties
 * @scorecard: a scorecard index
 *
 * Gets where Art. 10 sends the result: the cadre departments of the
 * committees that manage this one (or those committees where they have
 * none), at the query instant.
 *
 * Returns: (transfer full) (array zero-terminated=1): node ids, sorted
 *
 * Since: 1.0
 */
char **
resp_duties_dup_scorecard_report_to (RespDuties *self,
                                     guint       scorecard)
{
  CHECK_CARD (NULL);
  return dup_ids (self, CARD (scorecard)->report_off, CARD (scorecard)->n_report);
}
