/* resp-timeline.c: an event's timeline: grade, reporting hops, what they decide (SPEC §9)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Which grade, reporter class, recipient, limit or escalation applies is
 * the rulebook's `grades` and `reporting`; this is the mechanism: grades
 * as a three-valued range, requirements in Kleene logic, deadlines from
 * the event's instants, and each hop's status in the order SPEC §9.3 gives.
 * It works in the assessor's space (resp-assessor-private.h), before the
 * circumstances are read: what it derives is what they read.
 */
#include "config.h"

#include <string.h>

#include "resp-assessor-private.h"

static RespTruth
truth_and (RespTruth a, RespTruth b)
{
  if (a == RESP_TRUTH_FALSE || b == RESP_TRUTH_FALSE)
    return RESP_TRUTH_FALSE;
  return a == RESP_TRUTH_UNKNOWN || b == RESP_TRUTH_UNKNOWN ? RESP_TRUTH_UNKNOWN : RESP_TRUTH_TRUE;
}

static RespTruth
truth_or (RespTruth a, RespTruth b)
{
  if (a == RESP_TRUTH_TRUE || b == RESP_TRUTH_TRUE)
    return RESP_TRUTH_TRUE;
  return a == RESP_TRUTH_UNKNOWN || b == RESP_TRUTH_UNKNOWN ? RESP_TRUTH_UNKNOWN : RESP_TRUTH_FALSE;
}

static RespTruth
truth_not (RespTruth a)
{
  return a == RESP_TRUTH_UNKNOWN ? a : a == RESP_TRUTH_TRUE ? RESP_TRUTH_FALSE : RESP_TRUTH_TRUE;
}

/* Whether the event's grade is g or more severe (grades run most severe
 * first): true when its least is, false when its most is not. */
static RespTruth
grade_at_least (const RespAssessor *as, guint32 g)
{
  if (as->grade_least <= g)
    return RESP_TRUTH_TRUE;
  return as->grade_most > g ? RESP_TRUTH_FALSE : RESP_TRUTH_UNKNOWN;
}

/* A grade's condition: it holds if it holds for any subject system (and
 * any of its operators); with no subject system, what it reads of a system
 * matches nothing. */
static RespTruth
grade_holds (RespAssessor *as, const RespGradeRule *g)
{
  const RespEvent *ev = as->ev;
  RespTruth best = RESP_TRUTH_FALSE;
  gboolean any_system = FALSE;

  if (g->condition == NULL)
    return RESP_TRUTH_TRUE;
  for (guint s = 0; s < ev->subjects.len && best != RESP_TRUTH_TRUE; s++)
    {
      guint32 subject = ev->subjects.data[s];
      const RespHitVec *ops = &((RespResolver *) as->subjects->pdata[s])->hits[RESP_ROLE_OPERATOR];

      if (as->model->nodes[subject].type != RESP_NODE_SYSTEM)
        continue;
      any_system = TRUE;
      as->env.system = subject;
      for (guint o = 0; o < MAX (ops->len, 1) && best != RESP_TRUTH_TRUE; o++)
        {
          as->env.op = ops->len == 0 ? RESP_NO_NODE : ops->data[o].node;
          as->env.region_level = as->env.owner_level = LEVEL_UNSET;
          best = truth_or (best, eval (&as->env, g->condition, NULL));
        }
    }
  if (!any_system)
    {
      env_no_subject (&as->env);
      as->env.no_system = TRUE;
      best = eval (&as->env, g->condition, NULL);
      as->env.no_system = FALSE;
    }
  return best;
}

static void
assess_grade (RespAssessor *as)
{
  const GArray *grades = as->rb->grades;
  gboolean least_set = FALSE, most_set = FALSE;

  as->has_grade = grades->len > 0;
  if (!as->has_grade)
    return;
  if (as->ev->grade >= 0)
    {
      as->grade_stated = TRUE;
      as->grade_least = as->grade_most = (guint32) as->ev->grade;
      return;
    }
  for (guint i = 0; i < grades->len; i++)
    {
      RespTruth t = grade_holds (as, &g_array_index (grades, RespGradeRule, i));

      if (t == RESP_TRUTH_TRUE && !least_set)
        least_set = TRUE, as->grade_least = i;
      if (t != RESP_TRUTH_FALSE && !most_set)
        most_set = TRUE, as->grade_most = i;
    }
  /* none holds: the least severe; and most never below least */
  if (!least_set)
    as->grade_least = grades->len - 1;
  if (!most_set || as->grade_most > as->grade_least)
    as->grade_most = as->grade_least;
}

static const RespRelation regional_rel[RESP_N_ROLES] = {
  [RESP_ROLE_COORDINATOR] = RESP_REL_COORDINATES,
  [RESP_ROLE_PUBLIC_SECURITY] = RESP_REL_PUBLIC_SECURITY,
  [RESP_ROLE_STATE_SECURITY] = RESP_REL_STATE_SECURITY,
  [RESP_ROLE_AUDIT_OFFICE] = RESP_REL_AUDITS,
};

/* The holders of role in R, each once, appended to out. */
static void
role_holders (const RespResolver *R, RespRole role, RespU32Vec *out)
{
  for (guint k = 0; k < R->hits[role].len; k++)
    add_unique_u32 (out, R->hits[role].data[k].node);
}

/* Who receives a report of reporter op under rc: the holders of the role
 * (from OR, op's own resolution; a protection department or regulator from
 * SR, the subject's), or the organs of the nearest region up of rc's level. */
static void
recipients (RespAssessor *as, const RespResolver *SR, const RespResolver *OR, guint32 op,
            const RespRecipient *rc, RespU32Vec *out)
{
  out->len = 0;
  if (rc->level >= 0)
    {
      guint32 g = resp_resolver_unit_region (&as->R, op, NULL), steps = 0;

      while (g != RESP_NO_NODE && steps++ <= as->model->n_nodes)
        {
          if ((int) as->model->nodes[g].attr == rc->level)
            {
              resp_resolver_all_in (&as->R, g, regional_rel[rc->role], RESP_SEAT_NONE, out);
              break;
            }
          g = resp_resolver_parent_region (&as->R, g);
        }
      if (out->len > 0 || !rc->or_own)
        return;
    }
  if (rc->role == RESP_ROLE_PROTECTION_DEPT || rc->role == RESP_ROLE_REGULATOR)
    role_holders (SR, rc->role, out);
  else
    role_holders (OR, rc->role, out);
}

static guint32
hop_hash (guint32 group, guint32 by, guint32 to, guint32 kind)
{
  guint32 h = by * 2654435761u;

  h = (h ^ to) * 2246822519u;
  h = (h ^ (group << 8 | kind)) * 3266489917u;
  return h ^ (h >> 15);
}

static guint32
hop_hash_at (guint32 i, gconstpointer data)
{
  const RespVerdictHop *o = &((const RespAssessor *) data)->hops.data[i];

  return hop_hash (o->group, o->by, o->to, o->kind);
}

/* The slot of the hop (group, by, to, kind) in hop_slots: where it is, or
 * the empty slot where it would go. */
static guint32 *
hop_slot (RespAssessor *as, guint32 group, guint32 by, guint32 to, guint32 kind)
{
  guint32 mask, h;

  resp_slots_sync (&as->hop_slots, &as->hop_indexed, as->hops.len, hop_hash_at, as);
  mask = as->hop_slots.len - 1;
  for (h = hop_hash (group, by, to, kind) & mask; as->hop_slots.data[h] != 0; h = (h + 1) & mask)
    {
      const RespVerdictHop *o = &as->hops.data[as->hop_slots.data[h] - 1];
      if (o->group == group && o->by == by && o->to == to && o->kind == kind)
        break;
    }
  return &as->hop_slots.data[h];
}

static void
add_hop (RespAssessor *as, RespHopGroup group, guint32 rank, guint32 by, guint32 to,
         RespReportKind kind, RespTruth required, gint64 due, RespRole role, guint32 subject)
{
  RespVerdictHop h = { group, rank, by, to, kind, RESP_HOP_UNKNOWN, required, due, { NULL, 0, 0 } };

  guint32 *slot;

  if (to != RESP_NO_NODE && to == by)
    return;   /* no hop from a unit to itself */
  slot = hop_slot (as, (guint32) group, by, to, (guint32) kind);
  if (*slot != 0)
    {
      RespVerdictHop *o = &as->hops.data[*slot - 1];
        {
          /* reached twice (two subjects, or two receipts of one recipient):
           * owed if owed once, by the earliest deadline of the ways it may
           * be owed */
          if (required != RESP_TRUTH_FALSE
              && (o->required == RESP_TRUTH_FALSE || o->due == RESP_EVENT_NO_INSTANT
                  || (due != RESP_EVENT_NO_INSTANT && due < o->due)))
            o->due = due;
          o->required = truth_or ((RespTruth) o->required, required);
          return;
        }
    }
  resp_vec_push (&as->hops, h);
  *slot = as->hops.len;
  as->hop_indexed = as->hops.len;
  resp_vec_push (&as->hop_roles, (guint32) role);
  resp_vec_push (&as->hop_subjects, subject);
}

static gint64
add_limit (gint64 start, gint64 within)
{
  return start == RESP_EVENT_NO_INSTANT ? RESP_EVENT_NO_INSTANT : start + within;
}

/* The hops of recipients rcs for reporter op; one to nobody when a
 * recipient resolves to nobody (with a warning where it was owed). */
static void
add_hops_to (RespAssessor *as, const RespResolver *SR, const RespResolver *OR, guint32 op,
             const GArray *rcs, RespHopGroup group, guint32 rank, RespTruth required,
             gint64 due, guint32 subject, RespU32Vec *units)
{
  for (guint r = 0; r < rcs->len; r++)
    {
      const RespRecipient *rc = &g_array_index (rcs, RespRecipient, r);

      recipients (as, SR, OR, op, rc, units);
      if (units->len == 0)
        {
          add_hop (as, group, rank, op, RESP_NO_NODE, RESP_REPORT_INITIAL, required, due, rc->role, subject);
          if (required != RESP_TRUTH_FALSE)
            warn (as, RESP_WARN_RECIPIENT, op, rc->role, 0, NULL);
        }
      for (guint k = 0; k < units->len; k++)
        add_hop (as, group, rank, op, units->data[k], RESP_REPORT_INITIAL, required, due, rc->role, subject);
    }
}

/* The earliest report of kind from by to to, or RESP_EVENT_NO_INSTANT. */
static gint64
first_report (const RespEvent *ev, guint32 by, guint32 to, RespReportKind kind)
{
  gint64 first = RESP_EVENT_NO_INSTANT;

  for (guint i = 0; ev->reports != NULL && i < ev->reports->len; i++)
    {
      const RespReport *r = &g_array_index (ev->reports, RespReport, i);
      if (r->by == by && r->to == to && r->kind == (guint32) kind
          && (first == RESP_EVENT_NO_INSTANT || r->at < first))
        first = r->at;
    }
  return first;
}

static int
cmp_hop (gconstpointer a, gconstpointer b, gpointer data)
{
  const RespVerdictHop *x = a, *y = b;
  const RespModel *m = data;
  int c;

  if (x->group != y->group)
    return x->group < y->group ? -1 : 1;
  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  if ((c = strcmp (resp_model_node_id (m, x->by), resp_model_node_id (m, y->by))) != 0)
    return c;
  if (x->to == y->to)
    return 0;
  /* a recipient nobody resolved to last */
  if (x->to == RESP_NO_NODE || y->to == RESP_NO_NODE)
    return x->to == RESP_NO_NODE ? 1 : -1;
  return strcmp (resp_model_node_id (m, x->to), resp_model_node_id (m, y->to));
}

/* The hop's status, first that applies (SPEC §9.3); its matching reports
 * go into the pool. */
static void
settle_hop (RespAssessor *as, RespVerdictHop *h)
{
  const RespEvent *ev = as->ev;
  guint32 start = as->pool.len, n = 0;
  gboolean in_time = FALSE;
  gboolean unlimited = h->group == RESP_HOP_CRIME;

  for (guint i = 0; h->to != RESP_NO_NODE && ev->reports != NULL && i < ev->reports->len; i++)
    {
      const RespReport *r = &g_array_index (ev->reports, RespReport, i);

      if (r->by != h->by || r->to != h->to || r->kind != h->kind)
        continue;
      resp_vec_push (&as->pool, i);
      n++;
      if (unlimited || (h->due != RESP_EVENT_NO_INSTANT && r->at <= h->due))
        in_time = TRUE;
    }
  h->reports = (RespU32Vec) { NULL, start, n };
  if (h->required == RESP_TRUTH_FALSE)
    h->status = RESP_HOP_NOT_REQUIRED;
  else if (ev->reports == NULL || h->to == RESP_NO_NODE
           || (h->group == RESP_HOP_SUMMARY && ev->closed_at == RESP_EVENT_NO_INSTANT))
    h->status = RESP_HOP_UNKNOWN;
  else if (in_time)
    h->status = RESP_HOP_IN_TIME;
  else if ((n > 0 && h->due == RESP_EVENT_NO_INSTANT) || h->required == RESP_TRUTH_UNKNOWN)
    h->status = RESP_HOP_UNKNOWN;
  else
    h->status = n > 0 ? RESP_HOP_LATE : RESP_HOP_MISSING;
}

/* `reported_in_time` (a fact marked "derive": "timeline"): from the
 * operators' initial hops that were owed or may have been. */
static void
derive_from_timeline (RespAssessor *as)
{
  const RespEvent *ev = as->ev;

  for (guint f = 0; f < as->rb->facts->len; f++)
    {
      const RespFactDecl *decl = &g_array_index (as->rb->facts, RespFactDecl, f);
      RespU32Vec *rests = resp_resolver_take (&as->R);
      gboolean any_bad = FALSE, all_in_time = TRUE;
      guint32 value;

      if (decl->derive != RESP_DERIVE_TIMELINE)
        {
          resp_resolver_give (&as->R, rests);
          continue;
        }
      for (guint i = 0; i < as->hops.len; i++)
        {
          const RespVerdictHop *h = &as->hops.data[i];
          if (h->group != RESP_HOP_INITIAL || h->status == RESP_HOP_NOT_REQUIRED)
            continue;
          resp_vec_push (rests, i);
          any_bad |= h->status == RESP_HOP_LATE || h->status == RESP_HOP_MISSING;
          all_in_time &= h->status == RESP_HOP_IN_TIME;
        }
      value = any_bad ? 0 : rests->len > 0 && all_in_time ? 1 : 2;
      if (ev->facts[f].type != RESP_VALUE_UNKNOWN)
        {
          if (value != 2 && ev->facts[f].type == RESP_VALUE_BOOL && ev->facts[f].boolean != (value == 1))
            {
              GArray fact = { (gchar *) &f, 1 };
              warn (as, RESP_WARN_FACT_CONFLICTS_DERIVED, RESP_NO_NODE, -1, value, &fact);
            }
        }
      else
        {
          RespVerdictDerived d = { f, value, RESP_DERIVE_TIMELINE,
                                   pool_span (as, rests->data, rests->len) };
          guint at = as->derived.len;

          if (value != 2)
            resp_assessor_derive_fact (as, f, value == 1);
          /* in the rulebook's order of facts, among those the record gave */
          resp_vec_push (&as->derived, d);
          while (at > 0 && as->derived.data[at - 1].fact > f)
            {
              as->derived.data[at] = as->derived.data[at - 1];
              at--;
            }
          as->derived.data[at] = d;
        }
      resp_resolver_give (&as->R, rests);
    }
}

static void
assess_notify (RespAssessor *as)
{
  const RespReporting *rp = &as->rb->reporting;

  if (!rp->present || rp->notify_when == NULL)
    return;
  env_no_subject (&as->env);
  if (eval (&as->env, rp->notify_when, NULL) != RESP_TRUTH_TRUE)
    return;
  for (guint s = 0; s < as->ev->subjects.len; s++)
    for (guint r = 0; r < rp->notify_roles->len; r++)
      role_holders (as->subjects->pdata[s], g_array_index (rp->notify_roles, RespRole, r), &as->notify);
  if (as->notify.len > 1)
    resp_sort_stable (as->notify.data, as->notify.len, sizeof (guint32), resp_model_cmp_ids, as->model);
}

void
resp_assessor_timeline (RespAssessor *as)
{
  const RespReporting *rp = &as->rb->reporting;
  const RespEvent *ev = as->ev;
  RespU32Vec *units, *reporters, *through, *whens;
  GHashTable *reporter_of;
  GPtrArray *reporter_subjects;
  GArray *reporter_own;
  RespTruth owed, escalated, crime = RESP_TRUTH_FALSE;
  guint n_initial;

  as->hops.len = as->hop_roles.len = as->hop_subjects.len = as->notify.len = 0;
  as->hop_indexed = G_MAXUINT32;
  as->has_grade = as->grade_stated = FALSE;
  assess_notify (as);
  if (!rp->present || !resp_in_force (rp->since, rp->until, ev->occurred_at))
    {
      if (ev->grade >= 0)
        warn (as, RESP_WARN_GRADE_NOT_IN_FORCE, RESP_NO_NODE, -1, (guint32) ev->grade, NULL);
      return;
    }
  assess_grade (as);
  if (!as->has_grade)
    return;
  for (guint i = 0; ev->reports != NULL && ev->discovered_at != RESP_EVENT_NO_INSTANT
                    && i < ev->reports->len; i++)
    if (g_array_index (ev->reports, RespReport, i).at < ev->discovered_at)
      warn (as, RESP_WARN_REPORT_BEFORE_DISCOVERY, g_array_index (ev->reports, RespReport, i).by, -1, i, NULL);

  units = resp_resolver_take (&as->R);
  owed = grade_at_least (as, rp->required_grade);
  if (rp->crime_when != NULL)
    {
      env_no_subject (&as->env);
      crime = eval (&as->env, rp->crime_when, NULL);
    }
  /* each operator's initial report and its crime report. An operator is
   * one reporter however many subjects it is reached through: its class is
   * the first whose `when` holds through any of them (as a system-scoped
   * circumstance holds through any), and the hops of that class go to the
   * recipients of each subject through which it may hold */
  reporters = resp_resolver_take (&as->R);
  through = resp_resolver_take (&as->R);
  whens = resp_resolver_take (&as->R);
  /* each reporter once, in the order first reached; with it the subjects
   * it operates, in their order, and whether any of them has several
   * operators (then it reports through roles of its own) */
  reporter_of = g_hash_table_new (g_direct_hash, g_direct_equal);
  reporter_subjects = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  reporter_own = g_array_new (FALSE, TRUE, sizeof (gboolean));
  for (guint s = 0; s < ev->subjects.len; s++)
    {
      const RespHitVec *ops = &((const RespResolver *) as->subjects->pdata[s])->hits[RESP_ROLE_OPERATOR];
      for (guint o = 0; o < ops->len; o++)
        {
          guint32 op = ops->data[o].node;
          guint r = GPOINTER_TO_UINT (g_hash_table_lookup (reporter_of, GUINT_TO_POINTER (op)));
          GArray *subjects;

          if (r == 0)
            {
              resp_vec_push (reporters, op);
              r = reporters->len;
              g_hash_table_insert (reporter_of, GUINT_TO_POINTER (op), GUINT_TO_POINTER (r));
              g_ptr_array_add (reporter_subjects, g_array_new (FALSE, FALSE, sizeof (guint32)));
              g_array_set_size (reporter_own, r);
            }
          subjects = reporter_subjects->pdata[r - 1];
          if (subjects->len > 0 && g_array_index (subjects, guint32, subjects->len - 1) == s)
            continue;
          g_array_append_val (subjects, s);
          g_array_index (reporter_own, gboolean, r - 1) |= ops->len > 1;
        }
    }
  for (guint r = 0; r < reporters->len; r++)
    {
      guint32 op = reporters->data[r];
      RespTruth before = RESP_TRUTH_TRUE;
      gboolean own = g_array_index (reporter_own, gboolean, r);
      const GArray *subjects = reporter_subjects->pdata[r];

      through->len = 0;
      resp_vec_append (through, (const guint32 *) (gconstpointer) subjects->data, subjects->len);
      if (own)
        {
          resp_resolver_reset (&as->opR, ev->occurred_at);
          resp_resolver_resolve (&as->opR, op, RESP_RESOLVE_NO_AUTHORITY);
        }
      for (guint k = 0; k < rp->classes->len; k++)
        {
          const RespReportClass *rc = &g_array_index (rp->classes, RespReportClass, k);
          RespTruth any = RESP_TRUTH_FALSE, chosen;

          whens->len = 0;
          for (guint t = 0; t < through->len; t++)
            {
              guint32 subject = ev->subjects.data[through->data[t]];
              gboolean is_system = as->model->nodes[subject].type == RESP_NODE_SYSTEM;
              RespTruth when = RESP_TRUTH_TRUE;

              if (rc->when != NULL)
                {
                  as->env.system = is_system ? subject : RESP_NO_NODE;
                  as->env.op = op;
                  as->env.region_level = as->env.owner_level = LEVEL_UNSET;
                  as->env.no_system = !is_system;
                  when = eval (&as->env, rc->when, NULL);
                  as->env.no_system = FALSE;
                }
              resp_vec_push (whens, (guint32) when);
              any = truth_or (any, when);
            }
          chosen = truth_and (before, any);
          before = truth_and (before, truth_not (any));
          if (chosen == RESP_TRUTH_FALSE)
            continue;
          for (guint t = 0; t < through->len; t++)
            if (whens->data[t] != RESP_TRUTH_FALSE)
              {
                const RespResolver *SR = as->subjects->pdata[through->data[t]];

                add_hops_to (as, SR, own ? &as->opR : SR, op, rc->to, RESP_HOP_INITIAL, k,
                             truth_and (owed, chosen), add_limit (ev->discovered_at, rc->within),
                             through->data[t], units);
              }
        }
      if (rp->crime_when != NULL)
        for (guint t = 0; t < through->len; t++)
          {
            const RespResolver *SR = as->subjects->pdata[through->data[t]];

            add_hops_to (as, SR, own ? &as->opR : SR, op, rp->crime_to, RESP_HOP_CRIME, 0, crime,
                         RESP_EVENT_NO_INSTANT, through->data[t], units);
          }
    }
  resp_resolver_give (&as->R, whens);
  g_array_unref (reporter_own);
  g_ptr_array_unref (reporter_subjects);
  g_hash_table_unref (reporter_of);
  resp_resolver_give (&as->R, through);
  resp_resolver_give (&as->R, reporters);

  /* escalation, from each recipient's receipt; and the summary to the
   * first hop's recipients */
  escalated = grade_at_least (as, rp->escalation_grade);
  n_initial = as->hops.len;
  for (guint i = 0; i < n_initial; i++)
    {
      RespVerdictHop h = as->hops.data[i];
      const RespResolver *SR = as->subjects->pdata[as->hop_subjects.data[i]];

      if (h.group != RESP_HOP_INITIAL)
        continue;
      if (rp->summary_within > 0)
        add_hop (as, RESP_HOP_SUMMARY, h.rank, h.by, h.to, RESP_REPORT_SUMMARY, (RespTruth) h.required,
                 add_limit (ev->closed_at, rp->summary_within), (RespRole) as->hop_roles.data[i],
                 as->hop_subjects.data[i]);
      if (h.to == RESP_NO_NODE)
        continue;
      for (guint e = 0; e < rp->escalations->len; e++)
        {
          const RespEscalation *esc = &g_array_index (rp->escalations, RespEscalation, e);
          gint64 receipt;
          RespTruth required;

          if ((guint32) esc->role != as->hop_roles.data[i])
            continue;
          receipt = first_report (ev, h.by, h.to, RESP_REPORT_INITIAL);
          required = truth_and (escalated, (RespTruth) h.required);
          if (ev->reports != NULL && receipt == RESP_EVENT_NO_INSTANT)
            required = RESP_TRUTH_FALSE;   /* no receipt: nothing to pass on */
          for (guint r = 0; r < esc->to->len; r++)
            {
              const RespRecipient *rc = &g_array_index (esc->to, RespRecipient, r);

              /* the recipient's organs are found from the operator's place */
              recipients (as, SR, SR, h.by, rc, units);
              if (units->len == 0)
                {
                  add_hop (as, RESP_HOP_ESCALATION, e, h.to, RESP_NO_NODE, RESP_REPORT_INITIAL, required,
                           add_limit (receipt, esc->within), rc->role, as->hop_subjects.data[i]);
                  if (required != RESP_TRUTH_FALSE)
                    warn (as, RESP_WARN_RECIPIENT, h.to, rc->role, 0, NULL);
                }
              for (guint k = 0; k < units->len; k++)
                add_hop (as, RESP_HOP_ESCALATION, e, h.to, units->data[k], RESP_REPORT_INITIAL, required,
                         add_limit (receipt, esc->within), rc->role, as->hop_subjects.data[i]);
            }
        }
    }
  resp_resolver_give (&as->R, units);

  if (as->hops.len > 1)
    resp_sort_stable (as->hops.data, as->hops.len, sizeof (RespVerdictHop), cmp_hop, as->model);
  as->hop_indexed = G_MAXUINT32;
  for (guint i = 0; i < as->hops.len; i++)
    settle_hop (as, &as->hops.data[i]);
  derive_from_timeline (as);
}
