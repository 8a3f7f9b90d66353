/* resp-audit.c: gaps in the responsibility system over time (SPEC §7)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each check walks the whole timeline of one node window by window: a
 * resolution at instant t also yields the interval [lo, hi) around t in
 * which none of the relations it looked at changes, so the next instant
 * worth asking about is hi. The number of steps is the number of changes
 * that matter to that node, not the number of dates in the model.
 *
 * The timeline starts at the model's earliest dated instant: before it the
 * model records nothing, and "no main leader before the records begin" would
 * be noise on every committee. A model without dates is one timeless state.
 *
 * A missing post is `post_vacant` when it is a gap between two holders (a
 * holder before and a holder after); before the first holder or after the
 * last one it is the node-specific code. An instant has one finding per
 * node and post, never two.
 *
 * A check whose answer is only "a relation of one type (and seat) comes
 * into the node and is live" (a committee's seats, a region's leading
 * committee and coordinator, a unit's head) is not walked but swept: the
 * relations' intervals, sorted by their start, are merged into the
 * stretches in which one of them is live, and the gaps between the
 * stretches are the findings. The walk would read every one of the post's
 * N relations at each of its ~2N windows; the sweep sorts them once. Its
 * findings are the walk's: the answer at an instant is the same, and only
 * where it changes makes a finding.
 */
#include "config.h"

#include <string.h>

#include "resp-audit-private.h"
#include "resp-resolver-private.h"
#include "resp-instant-private.h"
#include "resp-json-writer-private.h"
#include "resp-refcount-private.h"

const char * const resp_audit_post_names[RESP_N_AUDIT_POSTS] = {
  "main_leader", "cyber_lead", "committee", "coordinator", "operator", "security_lead",
  "regulator", "unit_head",
};


/* When a relation is live: [since, until) */
typedef struct {
  gint64 since, until;
} Span;

typedef struct {
  RespAudit *audit;
  RespResolver R;
  RESP_VEC (Span) spans;       /* scratch of sweep() */
} Ctx;

static void
add (Ctx *c, guint32 node, RespAuditCode code, guint post, gint64 from, gint64 until)
{
  RespAuditFinding f = { node, (guint8) code, (guint8) post, from, until };

  if (c->audit->has_at && !(from <= c->audit->at && c->audit->at < until))
    return;
  g_array_append_val (c->audit->findings, f);
}

/* What one check asks of a node at an instant. The first four are a
 * live incoming relation (swept); the others are walked. */
typedef enum { ASK_SEAT, ASK_COORDINATOR, ASK_HEAD, ASK_LEADER, ASK_COMMITTEE, ASK_ROLE } Ask;

/* A walked check at an instant (the resolver's window narrows as it reads). */
static gboolean
present (RespResolver *R, guint32 node, Ask ask, gint arg)
{
  switch (ask)
    {
    case ASK_COMMITTEE:
      return resp_resolver_committee_of (R, node, NULL) != RESP_NO_NODE;
    case ASK_ROLE:
    default:
      resp_resolver_resolve (R, node, RESP_RESOLVE_NO_WARN | RESP_RESOLVE_NO_AUTHORITY);
      /* a system without an operator has no region to want a regulator in */
      if (arg == RESP_ROLE_REGULATOR)
        return R->hits[RESP_ROLE_OPERATOR].len == 0 || R->hits[RESP_ROLE_REGULATOR].len > 0;
      return R->hits[arg].len > 0;
    }
}

/* The checks of SPEC §7, by node type: what is asked, the code of a gap
 * (-1: none), the code of a gap between two holders (-1: the same), and
 * the post that is missing. */
typedef struct {
  RespNodeType  type;
  Ask           ask;
  gint          arg;
  gint          code;
  gint          post_code;
  RespAuditPost post;
} Check;

static const Check checks[] = {
  { RESP_NODE_COMMITTEE, ASK_SEAT, RESP_SEAT_MAIN_LEADER, RESP_AUDIT_COMMITTEE_WITHOUT_MAIN_LEADER,
    RESP_AUDIT_POST_VACANT, RESP_AUDIT_POST_MAIN_LEADER },
  { RESP_NODE_COMMITTEE, ASK_SEAT, RESP_SEAT_CYBER_LEAD, RESP_AUDIT_COMMITTEE_WITHOUT_CYBER_LEAD,
    RESP_AUDIT_POST_VACANT, RESP_AUDIT_POST_CYBER_LEAD },
  { RESP_NODE_REGION, ASK_LEADER, 0, RESP_AUDIT_REGION_WITHOUT_COMMITTEE, -1, RESP_AUDIT_POST_COMMITTEE },
  { RESP_NODE_REGION, ASK_COORDINATOR, 0, RESP_AUDIT_REGION_WITHOUT_COORDINATOR, -1,
    RESP_AUDIT_POST_COORDINATOR },
  { RESP_NODE_UNIT, ASK_COMMITTEE, 0, RESP_AUDIT_UNIT_WITHOUT_COMMITTEE, -1, RESP_AUDIT_POST_COMMITTEE },
  /* a unit's head is only a post once it has had one, and SPEC §7 has no
   * code for a unit that never had a head */
  { RESP_NODE_UNIT, ASK_HEAD, 0, -1, RESP_AUDIT_POST_VACANT, RESP_AUDIT_POST_UNIT_HEAD },
  { RESP_NODE_SYSTEM, ASK_ROLE, RESP_ROLE_OPERATOR, RESP_AUDIT_SYSTEM_WITHOUT_OPERATOR, -1,
    RESP_AUDIT_POST_OPERATOR },
  { RESP_NODE_SYSTEM, ASK_ROLE, RESP_ROLE_SECURITY_LEAD, RESP_AUDIT_SYSTEM_WITHOUT_SECURITY_LEAD, -1,
    RESP_AUDIT_POST_SECURITY_LEAD },
  { RESP_NODE_SYSTEM, ASK_ROLE, RESP_ROLE_REGULATOR, RESP_AUDIT_SECTOR_WITHOUT_REGULATOR, -1,
    RESP_AUDIT_POST_REGULATOR },
};

/* Where the timeline of a check starts. */
static gint64
timeline_start (Ctx *c)
{
  gint64 t = c->audit->model->first_instant;

  /* before the records begin nothing changes: that stretch is one state,
   * open towards the past */
  if (c->audit->has_at && c->audit->at < t)
    t = RESP_INSTANT_OPEN_START;
  return t;
}

static int
cmp_span (gconstpointer a, gconstpointer b, gpointer unused)
{
  const Span *x = a, *y = b;

  (void) unused;
  return x->since < y->since ? -1 : x->since > y->since;
}

/* The findings of a check that asks for a live relation of type rel (and
 * seat, unless RESP_SEAT_NONE) coming into node, from the merged intervals
 * of those relations: what walk() finds, in O(N log N) for N relations.
 * The relations are those resp_resolver_all_in() reads: of the type and
 * seat asked for, and live somewhere (since < until). */
static void
sweep (Ctx *c, guint32 node, const Check *check, RespRelation rel, RespSeat seat)
{
  const RespModel *m = c->audit->model;
  gint64 t = timeline_start (c);
  gboolean had_holder = FALSE;
  guint32 b, e, i = 0;

  c->spans.len = 0;
  resp_model_in_range (m, node, rel, &b, &e);
  for (guint32 k = b; k < e; k++)
    {
      const RespRelRec *r = resp_model_in_rec (m, k);
      Span span = { r->since, r->until };

      if (r->rel != rel || (seat != RESP_SEAT_NONE && r->seat != seat))
        continue;
      /* never live, or over before the timeline starts */
      if (r->since < r->until && r->until > t)
        resp_vec_push (&c->spans, span);
    }
  resp_sort_stable (c->spans.data, c->spans.len, sizeof (Span), cmp_span, NULL);

  /* t: the first instant not yet accounted for; every span before i ends
   * at or before it */
  for (;;)
    {
      if (i < c->spans.len && c->spans.data[i].since <= t)
        {
          /* held from t to the end of the stretch of overlapping or
           * adjoining spans */
          gint64 end = c->spans.data[i++].until;

          for (; i < c->spans.len && c->spans.data[i].since <= end; i++)
            end = MAX (end, c->spans.data[i].until);
          had_holder = TRUE;
          if (end == RESP_INSTANT_OPEN_END)
            return;
          t = end;
        }
      else
        {
          /* missing from t until the next span starts */
          gint64 until = i < c->spans.len ? c->spans.data[i].since : RESP_INSTANT_OPEN_END;
          gint which = until != RESP_INSTANT_OPEN_END && check->post_code >= 0 && had_holder
                       ? check->post_code : check->code;

          if (which >= 0)
            add (c, node, (RespAuditCode) which, check->post, t, until);
          if (until == RESP_INSTANT_OPEN_END)
            return;
          t = until;
        }
    }
}

/* Walks the timeline of one node under one check and reports its missing
 * intervals. A gap with a holder before and after it is post_code (when
 * >= 0); any other gap is code (when >= 0). */
static void
walk (Ctx *c, guint32 node, const Check *check)
{
  gint64 t = timeline_start (c), miss_from = 0;
  gboolean missing = FALSE, had_holder = FALSE, held_before_gap = FALSE;

  switch (check->ask)
    {
    case ASK_SEAT:
      sweep (c, node, check, RESP_REL_MEMBER, (RespSeat) check->arg);
      return;
    case ASK_COORDINATOR:
      sweep (c, node, check, RESP_REL_COORDINATES, RESP_SEAT_NONE);
      return;
    case ASK_HEAD:
      sweep (c, node, check, RESP_REL_HEADS, RESP_SEAT_NONE);
      return;
    case ASK_LEADER:
      sweep (c, node, check, RESP_REL_LEADS, RESP_SEAT_NONE);
      return;
    case ASK_COMMITTEE:
    case ASK_ROLE:
    default:
      break;
    }

  for (;;)
    {
      gboolean here;
      gint64 hi;

      resp_resolver_reset (&c->R, t);
      here = present (&c->R, node, check->ask, check->arg);
      hi = c->R.hi;
      if (!here && !missing)
        {
          missing = TRUE;
          miss_from = t;
          held_before_gap = had_holder;
        }
      else if (here && missing)
        {
          gint which = check->post_code >= 0 && held_before_gap ? check->post_code : check->code;
          missing = FALSE;
          if (which >= 0)
            add (c, node, (RespAuditCode) which, check->post, miss_from, t);
        }
      had_holder |= here;
      if (hi == RESP_INSTANT_OPEN_END || hi <= t)
        break;
      t = hi;
    }
  if (missing && check->code >= 0)
    add (c, node, (RespAuditCode) check->code, check->post, miss_from, RESP_INSTANT_OPEN_END);
}

static int
cmp_finding (gconstpointer a, gconstpointer b, gpointer data)
{
  const RespAuditFinding *x = a, *y = b;
  int c = resp_model_cmp_ids (&x->node, &y->node, data);

  if (c != 0)
    return c;
  if (x->post != y->post)
    return x->post < y->post ? -1 : 1;
  if (x->from != y->from)
    return x->from < y->from ? -1 : 1;
  return x->code < y->code ? -1 : x->code > y->code;
}

static RespAudit *
run_audit (RespModel *model, gboolean has_at, gint64 at)
{
  RespAudit *self = g_new0 (RespAudit, 1);
  RespChainMemo memo;
  Ctx c;

  g_atomic_ref_count_init (&self->ref);
  self->model = resp_model_ref (model);
  self->has_at = has_at;
  self->at = at;
  self->findings = g_array_new (FALSE, FALSE, sizeof (RespAuditFinding));
  c.audit = self;
  c.spans.data = NULL;
  c.spans.len = c.spans.cap = 0;
  resp_resolver_init (&c.R, model);
  /* every unit of a chain asks for its committee at every window: each
   * walk up the chain is remembered for the units below */
  resp_chain_memo_init (&memo, model);
  c.R.memo = &memo;

  for (guint32 v = 0; v < model->n_nodes; v++)
    for (guint k = 0; k < G_N_ELEMENTS (checks); k++)
      if (checks[k].type == model->nodes[v].type)
        walk (&c, v, &checks[k]);
  resp_resolver_clear (&c.R);
  resp_vec_free (&c.spans);
  resp_chain_memo_clear (&memo);
  g_array_sort_with_data (self->findings, cmp_finding, model);
  return self;
}

/**
 * resp_model_audit:
 * @model: a #RespModel
 *
 * Audits the whole timeline of @model (model.md, "Audit"): every interval during
 * which a committee lacks a main leader or cyber lead, a region a leading
 * committee or a coordinator, a unit a responsible committee, a system an
 * operator, a security lead or (up the region chain) a regulator for its
 * sector, and every gap between two holders of a post. An interval open at
 * either end has no date there.
 *
 * Returns: (transfer full): the findings
 *
 * Since: 1.0
 */
RespAudit *
resp_model_audit (RespModel *model)
{
  g_return_val_if_fail (model != NULL, NULL);
  return run_audit (model, FALSE, 0);
}

/**
 * resp_model_audit_at:
 * @model: a #RespModel
 * @at: an instant
 *
 * Like resp_model_audit(), but only what is missing at @at, each finding
 * with the whole interval around @at during which it is missing.
 *
 * Returns: (transfer full): the findings
 *
 * Since: 1.0
 */
RespAudit *
resp_model_audit_at (RespModel *model,
                     gint64     at)
{
  g_return_val_if_fail (model != NULL, NULL);
  return run_audit (model, TRUE, at);
}

static void
audit_free (RespAudit *self)
{
  g_array_unref (self->findings);
  resp_model_unref (self->model);
  g_free (self);
}

/**
 * resp_audit_ref:
 * @self: a #RespAudit
 *
 * Takes a reference on @self.
 *
 * Returns: (transfer full): @self
 *
 * Since: 1.0
 */
/**
 * resp_audit_unref:
 * @self: (transfer full): a #RespAudit
 *
 * Drops a reference on @self; the last one frees it.
 *
 * Since: 1.0
 */
RESP_DEFINE_REFCOUNTED_TYPE (RespAudit, resp_audit, audit_free)

/**
 * resp_audit_get_at:
 * @self: a #RespAudit
 * @at: (out) (optional): the instant of an audit at one instant
 *
 * Tells whether the audit is of one instant (and which) or of the whole timeline.
 *
 * Returns: %TRUE if the audit is of one instant, %FALSE for the whole timeline
 *
 * Since: 1.0
 */
gboolean
resp_audit_get_at (RespAudit *self,
                   gint64    *at)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (at != NULL)
    *at = self->at;
  return self->has_at;
}

/**
 * resp_audit_get_n_findings:
 * @self: a #RespAudit
 *
 * Gets the number of findings.
 *
 * Returns: the number of findings
 *
 * Since: 1.0
 */
guint
resp_audit_get_n_findings (RespAudit *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->findings->len;
}

static const RespAuditFinding *
finding (RespAudit *self, guint index)
{
  return &g_array_index (self->findings, RespAuditFinding, index);
}

/**
 * resp_audit_get_finding_code:
 * @self: a #RespAudit
 * @index: a finding index
 *
 * Gets the kind of the finding.
 *
 * Returns: the kind of the finding
 *
 * Since: 1.0
 */
RespAuditCode
resp_audit_get_finding_code (RespAudit *self,
                             guint      index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->findings->len, 0);
  return (RespAuditCode) finding (self, index)->code;
}

/**
 * resp_audit_get_finding_node:
 * @self: a #RespAudit
 * @index: a finding index
 *
 * Gets the id of the node the finding is about.
 *
 * Returns: the id of the node the finding is about
 *
 * Since: 1.0
 */
const char *
resp_audit_get_finding_node (RespAudit *self,
                             guint      index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->findings->len, NULL);
  return resp_model_node_id (self->model, finding (self, index)->node);
}

/**
 * resp_audit_get_finding_role:
 * @self: a #RespAudit
 * @index: a finding index
 *
 * Gets the missing role: `main_leader`, `cyber_lead`, `committee`, `coordinator`, `operator`, `security_lead`, `regulator` or `unit_head`.
 *
 * Returns: the missing role: `main_leader`, `cyber_lead`, `committee`,
 *   `coordinator`, `operator`, `security_lead`, `regulator` or `unit_head`
 *
 * Since: 1.0
 */
const char *
resp_audit_get_finding_role (RespAudit *self,
                             guint      index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->findings->len, NULL);
  return resp_audit_post_names[finding (self, index)->post];
}

/**
 * resp_audit_get_finding_basis:
 * @self: a #RespAudit
 * @index: a finding index
 *
 * Gets the legal basis of the duty that is not met.
 *
 * Returns: the legal basis of the duty that is not met
 *
 * Since: 1.0
 */
const char *
resp_audit_get_finding_basis (RespAudit *self,
                              guint      index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->findings->len, NULL);
  return resp_audit_codes[finding (self, index)->code].basis;
}

/**
 * resp_audit_get_finding_from:
 * @self: a #RespAudit
 * @index: a finding index
 *
 * Gets the start of the interval, or %RESP_INSTANT_OPEN_START.
 *
 * Returns: the start of the interval, or %RESP_INSTANT_OPEN_START
 *
 * Since: 1.0
 */
gint64
resp_audit_get_finding_from (RespAudit *self,
                             guint      index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->findings->len, 0);
  return finding (self, index)->from;
}

/**
 * resp_audit_get_finding_until:
 * @self: a #RespAudit
 * @index: a finding index
 *
 * Gets the end (exclusive) of the interval, or %RESP_INSTANT_OPEN_END.
 *
 * Returns: the end (exclusive) of the interval, or %RESP_INSTANT_OPEN_END
 *
 * Since: 1.0
 */
gint64
resp_audit_get_finding_until (RespAudit *self,
                              guint      index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->findings->len, 0);
  return finding (self, index)->until;
}
