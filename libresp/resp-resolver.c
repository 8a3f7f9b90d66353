/* resp-resolver.c: who holds each role of SPEC §4.3 at an instant
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "resp-resolver-private.h"
#include "resp-run-index-private.h"
#include "resp-instant-private.h"
#include "resp-vocab-private.h"

void
resp_resolver_init (RespResolver *R, const RespModel *m)
{
  memset (R, 0, sizeof *R);
  R->m = m;
}

RespU32Vec *
resp_resolver_take (RespResolver *R)
{
  RespU32Vec *a;

  if (R->n_spare == 0)
    return g_new0 (RespU32Vec, 1);
  a = R->spare[--R->n_spare];
  a->len = 0;
  return a;
}

void
resp_resolver_give (RespResolver *R, RespU32Vec *array)
{
  if (R->n_spare < G_N_ELEMENTS (R->spare))
    R->spare[R->n_spare++] = array;
  else
    {
      resp_vec_free (array);
      g_free (array);
    }
}

void
resp_resolver_clear (RespResolver *R)
{
  for (guint i = 0; i < R->n_spare; i++)
    {
      resp_vec_free (R->spare[i]);
      g_free (R->spare[i]);
    }
  for (guint i = 0; i < RESP_N_ROLES; i++)
    resp_vec_free (&R->hits[i]);
  resp_vec_free (&R->paths);
  resp_vec_free (&R->warnings);
  resp_vec_free (&R->path);
  resp_vec_free (&R->scratch);
  resp_vec_free (&R->run_live);
  resp_vec_free (&R->scratch2);
  memset (R, 0, sizeof *R);
}

void
resp_resolver_reset (RespResolver *R, gint64 at)
{
  R->at = at;
  R->lo = RESP_INSTANT_OPEN_START;
  R->hi = RESP_INSTANT_OPEN_END;
  for (guint i = 0; i < RESP_N_ROLES; i++)
    R->hits[i].len = 0;
  R->paths.len = 0;
  R->path.len = 0;
  R->warnings.len = 0;
}

/* A walk over the relations of one type at one node, in one direction,
 * that stops at the live ones (each looked at through
 * resp_resolver_live(), which narrows the window). Coming in, a relation
 * is looked at only when its type (and seat, if one is asked for)
 * matches: the type beside the index is what found it, but a damaged
 * snapshot could make the two disagree. A long run is not scanned but
 * read through its index (resp-run-index-private.h), which gives the same
 * live relations in the same order and narrows the window the same way;
 * the walk then steps through R->run_live, so one walk at a time. */
typedef struct {
  guint32  i, end;
  guint8   in, indexed;
  guint8   rel, seat;
} LiveRun;

/* A long run's live relations into R->run_live, and the walk that steps
 * through them (out of line: real models seldom have one; by value, so
 * that the walk itself never leaves the registers) */
G_NO_INLINE static LiveRun
live_run_indexed (RespResolver *R, guint32 node, LiveRun it)
{
  const RespRunIndex *x = resp_run_index_get (R->m, node, it.rel, it.seat, it.in, it.i, it.end);

  R->run_live.len = 0;
  resp_run_index_query (x, R->at, &R->lo, &R->hi, &R->run_live);
  it.indexed = TRUE;
  it.i = 0;
  it.end = R->run_live.len;
  return it;
}

static inline LiveRun
live_run (RespResolver *R, guint32 node, RespRelation rel, gboolean in, RespSeat seat)
{
  LiveRun it = { 0, 0, (guint8) (in != FALSE), FALSE, (guint8) rel, (guint8) seat };

  if (in)
    resp_model_in_range (R->m, node, rel, &it.i, &it.end);
  else
    resp_model_out_range (R->m, node, rel, &it.i, &it.end);
  if (G_UNLIKELY (it.end - it.i >= RESP_RUN_INDEX_MIN) && it.end - it.i <= RESP_RUN_INDEX_MAX)
    it = live_run_indexed (R, node, it);
  return it;
}

static inline const RespRelRec *
live_next (RespResolver *R, LiveRun *it)
{
  if (G_UNLIKELY (it->indexed))
    {
      guint32 pos;

      if (it->i >= it->end)
        return NULL;
      pos = R->run_live.data[it->i++];
      return it->in ? resp_model_in_rec (R->m, pos) : &R->m->rels[pos];
    }
  while (it->i < it->end)
    {
      const RespRelRec *r = it->in ? resp_model_in_rec (R->m, it->i) : &R->m->rels[it->i];

      it->i++;
      if (it->in && (r->rel != it->rel || (it->seat != RESP_SEAT_NONE && r->seat != it->seat)))
        continue;
      if (resp_resolver_live (R, r))
        return r;
    }
  return NULL;
}

/* The target of the live relation of type rel leaving node. For relations
 * with "at most one at any instant" the first live one is the one. */
static guint32
first_out (RespResolver *R, guint32 node, RespRelation rel)
{
  LiveRun it = live_run (R, node, rel, FALSE, RESP_SEAT_NONE);
  const RespRelRec *r = live_next (R, &it);

  return r != NULL ? r->to : RESP_NO_NODE;
}

guint32
resp_resolver_superior (RespResolver *R, guint32 unit)
{
  return first_out (R, unit, RESP_REL_UNDER);
}

RespValue
resp_resolver_operator_value (RespResolver *R, guint32 op, RespOperatorAttr attr)
{
  RespValue v = RESP_VALUE_INIT_UNKNOWN;
  guint32 sup, g;

  if (op == RESP_NO_NODE)
    return v;
  if (attr == RESP_OPERATOR_KIND)
    {
      v.type = RESP_VALUE_STRING;
      v.string = resp_unit_kind_names[R->m->nodes[op].attr];
      return v;
    }
  /* the model says what the superior is: none is known, and reads "" */
  sup = resp_resolver_superior (R, op);
  if (sup == RESP_NO_NODE)
    {
      v.type = RESP_VALUE_STRING;
      v.string = "";
      return v;
    }
  if (attr == RESP_OPERATOR_SUPERIOR_KIND)
    {
      v.type = RESP_VALUE_STRING;
      v.string = resp_unit_kind_names[R->m->nodes[sup].attr];
      return v;
    }
  g = resp_resolver_unit_region (R, sup, NULL);
  return resp_level_value (g == RESP_NO_NODE ? -1 : (int) R->m->nodes[g].attr);
}

guint32
resp_resolver_first_in (RespResolver *R, guint32 node, RespRelation rel)
{
  LiveRun it = live_run (R, node, rel, TRUE, RESP_SEAT_NONE);
  const RespRelRec *r = live_next (R, &it);

  return r != NULL ? r->from : RESP_NO_NODE;
}

void
resp_resolver_all_in (RespResolver *R, guint32 node, RespRelation rel, RespSeat seat, RespU32Vec *out)
{
  LiveRun it = live_run (R, node, rel, TRUE, seat);
  const RespRelRec *r;

  while ((r = live_next (R, &it)) != NULL)
    resp_vec_push (out, r->from);
}

static void
all_out (RespResolver *R, guint32 node, RespRelation rel, RespU32Vec *out)
{
  LiveRun it = live_run (R, node, rel, FALSE, RESP_SEAT_NONE);
  const RespRelRec *r;

  while ((r = live_next (R, &it)) != NULL)
    resp_vec_push (out, r->to);
}

/* Whether a live relation of type rel goes from node to target. */
static gboolean
links (RespResolver *R, guint32 node, RespRelation rel, guint32 target)
{
  const RespModel *m = R->m;
  guint32 b, e;

  resp_model_out_range (m, node, rel, &b, &e);
  for (guint32 i = b; i < e; i++)
    if (m->rels[i].to == target && resp_resolver_live (R, &m->rels[i]))
      return TRUE;
  return FALSE;
}

/* The relations coming into node from the first of type rel to the end of
 * its block, in [*begin, *end), or FALSE when there is none of rel or of a
 * type after it. The types after rel are read by the caller, which stops
 * at the last it wants; the test of the block's last type makes the usual
 * answer, nothing, cost no search. */
static inline gboolean
in_from (const RespModel *m, guint32 node, RespRelation rel, guint32 *begin, guint32 *end)
{
  guint32 e = m->in_start[node + 1], unused;

  if (e == m->in_start[node] || m->in_rel[e - 1] < rel)
    return FALSE;
  resp_model_in_range (m, node, rel, begin, &unused);
  *end = e;
  return *begin < e;
}

/* resp_resolver_all_in() for a relation type few nodes have and that
 * sorts late among those coming into node (protects): usually answered by
 * in_from() without a search. */
static void
all_in_late (RespResolver *R, guint32 node, RespRelation rel, RespU32Vec *out)
{
  const RespModel *m = R->m;
  guint32 b, e;

  if (!in_from (m, node, rel, &b, &e))
    return;
  for (guint32 i = b; i < e && m->in_rel[i] == rel; i++)
    {
      const RespRelRec *r = resp_model_in_rec (m, i);

      if (r->rel == rel && resp_resolver_live (R, r))
        resp_vec_push (out, r->from);
    }
}

static inline void
push (RespU32Vec *path, guint32 node)
{
  if (path != NULL)
    resp_vec_push (path, node);
}

static inline void
truncate_path (RespU32Vec *path, guint len)
{
  if (path != NULL)
    path->len = len;
}

guint32
resp_resolver_parent_region (RespResolver *R, guint32 region)
{
  return first_out (R, region, RESP_REL_WITHIN);
}

guint32
resp_resolver_unit_region (RespResolver *R, guint32 unit, RespU32Vec *path)
{
  guint32 cur = unit, steps = 0;
  guint save = path ? path->len : 0;

  while (cur != RESP_NO_NODE && steps++ <= R->m->n_nodes)
    {
      guint32 g = first_out (R, cur, RESP_REL_LOCATED_IN);
      if (g != RESP_NO_NODE)
        {
          push (path, g);
          return g;
        }
      cur = first_out (R, cur, RESP_REL_UNDER);
      if (cur != RESP_NO_NODE)
        push (path, cur);
    }
  truncate_path (path, save);
  return RESP_NO_NODE;
}

guint32
resp_resolver_leader_of (RespResolver *R, guint32 scope)
{
  return resp_resolver_first_in (R, scope, RESP_REL_LEADS);
}

guint32
resp_resolver_scope_of (RespResolver *R, guint32 committee)
{
  return first_out (R, committee, RESP_REL_LEADS);
}

/* The committee leading g or the nearest region above it. */
static guint32
region_committee (RespResolver *R, guint32 g, RespU32Vec *path)
{
  guint32 steps = 0;
  guint save = path ? path->len : 0;

  while (g != RESP_NO_NODE && steps++ <= R->m->n_nodes)
    {
      guint32 k = resp_resolver_leader_of (R, g);
      if (k != RESP_NO_NODE)
        {
          push (path, k);
          return k;
        }
      g = resp_resolver_parent_region (R, g);
      if (g != RESP_NO_NODE)
        push (path, g);
    }
  truncate_path (path, save);
  return RESP_NO_NODE;
}

void
resp_chain_memo_init (RespChainMemo *memo, const RespModel *m)
{
  memset (memo, 0, sizeof *memo);
  for (guint w = 0; w < 2; w++)
    {
      memo->first[w] = g_new (guint32, MAX (m->n_nodes, 1));
      memset (memo->first[w], 0xff, sizeof (guint32) * m->n_nodes);
    }
}

void
resp_chain_memo_clear (RespChainMemo *memo)
{
  g_free (memo->first[0]);
  g_free (memo->first[1]);
  resp_vec_free (&memo->answers);
  resp_vec_free (&memo->levels);
}

enum { CHAIN_LEADER, CHAIN_REGION };

/* The first leading committee (CHAIN_LEADER), or region lain in
 * (CHAIN_REGION), up the `under` chain from unit, as the loops of
 * resp_resolver_committee_of() and resp_resolver_unit_region() find it,
 * looking at the same relations, through R->memo: each level looked at
 * gets the answer with the window in which it holds (its own relations'
 * window and that of the level above), and a level whose answer holds at
 * R->at is not walked again. R's window narrows as the walk would. */
static guint32
chain_first (RespResolver *R, guint which, guint32 unit)
{
  RespChainMemo *memo = R->memo;
  gint64 out_lo = R->lo, out_hi = R->hi, lo = RESP_INSTANT_OPEN_START, hi = RESP_INSTANT_OPEN_END;
  guint32 cur = unit, value = RESP_NO_NODE, steps = 0;

  memo->levels.len = 0;
  while (cur != RESP_NO_NODE && steps++ <= R->m->n_nodes)
    {
      RespChainLevel level = { cur, 0, 0 };
      guint32 found, a;

      for (a = memo->first[which][cur]; a != RESP_NO_NODE; a = memo->answers.data[a].next)
        if (memo->answers.data[a].lo <= R->at && R->at < memo->answers.data[a].hi)
          break;
      if (a != RESP_NO_NODE)
        {
          value = memo->answers.data[a].value;
          lo = memo->answers.data[a].lo;
          hi = memo->answers.data[a].hi;
          break;
        }
      /* this level's own relations, in a window of their own */
      R->lo = RESP_INSTANT_OPEN_START;
      R->hi = RESP_INSTANT_OPEN_END;
      found = which == CHAIN_LEADER ? resp_resolver_leader_of (R, cur) : first_out (R, cur, RESP_REL_LOCATED_IN);
      cur = found == RESP_NO_NODE ? first_out (R, cur, RESP_REL_UNDER) : RESP_NO_NODE;
      level.lo = R->lo;
      level.hi = R->hi;
      resp_vec_push (&memo->levels, level);
      if (found != RESP_NO_NODE)
        {
          value = found;
          break;
        }
    }
  /* from the top down, each level's answer holds where its relations and
   * those above it all do */
  for (guint i = memo->levels.len; i-- > 0;)
    {
      const RespChainLevel *level = &memo->levels.data[i];
      RespChainAnswer answer;

      lo = MAX (lo, level->lo);
      hi = MIN (hi, level->hi);
      answer.lo = lo;
      answer.hi = hi;
      answer.value = value;
      answer.next = memo->first[which][level->node];
      memo->first[which][level->node] = memo->answers.len;
      resp_vec_push (&memo->answers, answer);
    }
  R->lo = MAX (out_lo, lo);
  R->hi = MIN (out_hi, hi);
  return value;
}

guint32
resp_resolver_committee_of (RespResolver *R, guint32 unit, RespU32Vec *path)
{
  guint32 cur = unit, steps = 0, g;
  guint save = path ? path->len : 0;

  if (path == NULL && R->memo != NULL)
    {
      guint32 k = chain_first (R, CHAIN_LEADER, unit);

      if (k != RESP_NO_NODE)
        return k;
      g = chain_first (R, CHAIN_REGION, unit);
      return g != RESP_NO_NODE ? region_committee (R, g, NULL) : RESP_NO_NODE;
    }

  while (cur != RESP_NO_NODE && steps++ <= R->m->n_nodes)
    {
      guint32 k = resp_resolver_leader_of (R, cur);
      if (k != RESP_NO_NODE)
        {
          push (path, k);
          return k;
        }
      cur = first_out (R, cur, RESP_REL_UNDER);
      if (cur != RESP_NO_NODE)
        push (path, cur);
    }
  truncate_path (path, save);
  g = resp_resolver_unit_region (R, unit, path);
  if (g == RESP_NO_NODE)
    return RESP_NO_NODE;
  {
    guint32 k = region_committee (R, g, path);
    if (k == RESP_NO_NODE)
      truncate_path (path, save);
    return k;
  }
}

void
resp_resolver_seats (RespResolver *R, guint32 committee, RespSeat seat, RespU32Vec *out)
{
  resp_resolver_all_in (R, committee, RESP_REL_MEMBER, seat, out);
}

gboolean
resp_resolver_holds_seat (RespResolver *R, guint32 person, guint32 committee)
{
  return links (R, person, RESP_REL_MEMBER, committee);
}

void
resp_resolver_managers (RespResolver *R, guint32 committee, RespU32Vec *out)
{
  guint start = out->len;
  guint32 scope, k = RESP_NO_NODE;

  resp_resolver_all_in (R, committee, RESP_REL_MANAGES, RESP_SEAT_NONE, out);
  if (out->len > start)
    return;

  scope = resp_resolver_scope_of (R, committee);
  if (scope == RESP_NO_NODE)
    return;
  if (R->m->nodes[scope].type == RESP_NODE_UNIT)
    {
      guint32 cur = first_out (R, scope, RESP_REL_UNDER), steps = 0;

      while (cur != RESP_NO_NODE && steps++ <= R->m->n_nodes && k == RESP_NO_NODE)
        {
          k = resp_resolver_leader_of (R, cur);
          if (k == RESP_NO_NODE)
            cur = first_out (R, cur, RESP_REL_UNDER);
        }
      if (k == RESP_NO_NODE)
        {
          guint32 g = resp_resolver_unit_region (R, scope, NULL);
          if (g != RESP_NO_NODE)
            k = region_committee (R, g, NULL);
        }
    }
  else
    {
      guint32 g = resp_resolver_parent_region (R, scope);
      if (g != RESP_NO_NODE)
        k = region_committee (R, g, NULL);
    }
  if (k != RESP_NO_NODE && k != committee)
    resp_vec_push (out, k);
}

void
resp_resolver_drop_headed (RespResolver *R, guint32 person, RespU32Vec *units, guint from)
{
  guint kept = from;

  for (guint i = from; i < units->len; i++)
    if (!links (R, person, RESP_REL_HEADS, units->data[i]))
      units->data[kept++] = units->data[i];
  units->len = kept;
}

/* The coordinators of the authority's region, nearest up; with a person,
 * an office the person heads is passed over for the next region up. */
void
resp_resolver_proposers (RespResolver *R, guint32 authority, guint32 person, RespU32Vec *out)
{
  guint32 scope = resp_resolver_scope_of (R, authority), g, steps = 0;
  RespU32Vec *tmp = resp_resolver_take (R);

  if (scope == RESP_NO_NODE)
    g = RESP_NO_NODE;
  else if (R->m->nodes[scope].type == RESP_NODE_REGION)
    g = scope;
  else
    g = resp_resolver_unit_region (R, scope, NULL);

  while (g != RESP_NO_NODE && steps++ <= R->m->n_nodes)
    {
      tmp->len = 0;
      resp_resolver_all_in (R, g, RESP_REL_COORDINATES, RESP_SEAT_NONE, tmp);
      if (person != RESP_NO_NODE)
        resp_resolver_drop_headed (R, person, tmp, 0);
      if (tmp->len > 0)
        {
          resp_vec_append (out, tmp->data, tmp->len);
          break;
        }
      g = resp_resolver_parent_region (R, g);
    }
  resp_resolver_give (R, tmp);
}

void
resp_resolver_authorities (RespResolver *R, guint32 person, guint32 anchor, RespU32Vec *out)
{
  guint32 k;

  if (anchor == RESP_NO_NODE)
    return;
  if (R->m->nodes[anchor].type == RESP_NODE_COMMITTEE)
    k = anchor;
  else
    {
      k = resp_resolver_committee_of (R, anchor, NULL);
      if (k == RESP_NO_NODE)
        return;
      /* someone seated on the unit's committee answers to those who manage
       * it; anyone else in the unit answers to the committee itself */
      if (!resp_resolver_holds_seat (R, person, k))
        {
          resp_vec_push (out, k);
          return;
        }
    }
  resp_resolver_managers (R, k, out);
}

/* ---- recording ---- */

static void
hit (RespResolver *R, RespRole role, guint32 node, const RespU32Vec *path, guint32 last)
{
  RespHit h;

  h.node = node;
  h.path_off = R->paths.len;
  h.path_len = path->len + (last != RESP_NO_NODE);
  resp_vec_reserve (&R->paths, path->len + 1);
  if (path->len > 0)
    memcpy (R->paths.data + R->paths.len, path->data, path->len * sizeof (guint32));
  R->paths.len += path->len;
  if (last != RESP_NO_NODE)
    R->paths.data[R->paths.len++] = last;
  resp_vec_push (&R->hits[role], h);
}

static void
hit_all (RespResolver *R, RespRole role, const RespU32Vec *nodes, const RespU32Vec *path)
{
  for (guint i = 0; i < nodes->len; i++)
    hit (R, role, nodes->data[i], path, nodes->data[i]);
}

/* The committee's authority (有管理权限的党组织) and its proposers, reached
 * through path (which ends at k). */
static void
committee_authority (RespResolver *R, guint32 k, RespU32Vec *path)
{
  RespU32Vec *people = &R->scratch;
  RespU32Vec *auth = &R->scratch2;

  auth->len = 0;
  resp_resolver_managers (R, k, auth);
  for (guint i = 0; i < auth->len; i++)
    {
      guint32 a = auth->data[i];
      guint len = path->len;

      hit (R, RESP_ROLE_AUTHORITY, a, path, a);
      people->len = 0;
      resp_resolver_proposers (R, a, RESP_NO_NODE, people);
      resp_vec_push (path, a);
      hit_all (R, RESP_ROLE_PROPOSER, people, path);
      path->len = len;
    }
}

static void
committee_team (RespResolver *R, guint32 k, RespU32Vec *path, gboolean with_team)
{
  if (with_team)
    {
      /* one pass over the seats fills all three roles */
      const RespModel *m = R->m;
      guint32 b, e;

      resp_model_in_range (m, k, RESP_REL_MEMBER, &b, &e);
      for (guint32 i = b; i < e; i++)
        {
          const RespRelRec *r = resp_model_in_rec (m, i);
          if (r->rel == RESP_REL_MEMBER && r->seat != RESP_SEAT_NONE && resp_resolver_live (R, r))
            hit (R, resp_seats[r->seat].role, r->from, path, r->from);
        }
    }

  if (!(R->flags & RESP_RESOLVE_NO_AUTHORITY))
    committee_authority (R, k, path);
}

/* The coordinators in found (reached through path) and their heads. */
static void
hit_coordinators (RespResolver *R, RespU32Vec *found, RespU32Vec *path)
{
  RespU32Vec *copy = resp_resolver_take (R);

  resp_vec_append (copy, found->data, found->len);
  hit_all (R, RESP_ROLE_COORDINATOR, copy, path);
  for (guint i = 0; i < copy->len; i++)
    {
      guint32 c = copy->data[i];
      found->len = 0;
      resp_resolver_all_in (R, c, RESP_REL_HEADS, RESP_SEAT_NONE, found);
      resp_vec_push (path, c);
      hit_all (R, RESP_ROLE_COORDINATOR_HEAD, found, path);
      path->len--;
    }
  resp_resolver_give (R, copy);
}

/* A department's own 网信 working body first: the units that coordinate a
 * unit of this operator's chain (its hits from chain_start on), nearest
 * first (SPEC §3.2, §4.3); else, walking up from g, the first region with
 * coordinators. Each operator of a system has its own: the role is the
 * union over them. The chain's paths are the stored walk its hits point
 * into. */
static void
coordinators (RespResolver *R, guint32 g, RespU32Vec *path, guint chain_start)
{
  RespU32Vec *found = &R->scratch;
  const RespHitVec *chain = &R->hits[RESP_ROLE_CHAIN];
  guint save = path->len;
  guint32 steps = 0;

  for (guint i = chain_start; i < chain->len; i++)
    {
      guint32 b, e;

      /* few units have a body of their own: look before walking the
       * live relations (which no relation at all leaves the window as it is) */
      resp_model_in_range (R->m, chain->data[i].node, RESP_REL_COORDINATES, &b, &e);
      if (b == e)
        continue;
      found->len = 0;
      resp_resolver_all_in (R, chain->data[i].node, RESP_REL_COORDINATES, RESP_SEAT_NONE, found);
      if (found->len > 0)
        {
          RespU32Vec *walk = resp_resolver_take (R);

          resp_vec_append (walk, R->paths.data + chain->data[i].path_off, chain->data[i].path_len);
          hit_coordinators (R, found, walk);
          resp_resolver_give (R, walk);
          return;
        }
    }
  while (g != RESP_NO_NODE && steps++ <= R->m->n_nodes)
    {
      found->len = 0;
      resp_resolver_all_in (R, g, RESP_REL_COORDINATES, RESP_SEAT_NONE, found);
      if (found->len > 0)
        {
          hit_coordinators (R, found, path);
          break;
        }
      g = resp_resolver_parent_region (R, g);
      if (g != RESP_NO_NODE)
        resp_vec_push (path, g);
    }
  path->len = save;
}

/* Whether an index entry puts a live regulator in its region at R->at. */
static gboolean
entry_live (RespResolver *R, const RespRegEntry *e)
{
  const RespModel *m = R->m;
  return resp_resolver_live (R, &m->rels[e->reg_rel]) && resp_resolver_live (R, &m->rels[e->loc_rel]);
}

/* The level (index into regions) of a fallback regulator, or G_MAXUINT:
 * only inside its gap of located_in does its superior's region count. */
static guint
fallback_level (RespResolver *R, const RespRegFallback *f, const RespU32Vec *regions, guint limit)
{
  const RespModel *m = R->m;
  RespRelRec gap = { f->since, f->until, 0, 0, 0, 0 };
  guint32 g;

  if (!resp_resolver_live (R, &gap) || !resp_resolver_live (R, &m->rels[f->reg_rel]))
    return G_MAXUINT;
  g = resp_resolver_unit_region (R, m->rels[f->reg_rel].from, NULL);
  for (guint k = 0; k < regions->len && k <= limit; k++)
    if (regions->data[k] == g)
      return k;
  return G_MAXUINT;
}

static void
hit_regulator (RespResolver *R, guint32 x, guint32 u, RespU32Vec *path, RespU32Vec *heads_of)
{
  resp_vec_push (path, x);
  hit (R, RESP_ROLE_REGULATOR, u, path, u);
  resp_vec_push (path, u);
  heads_of->len = 0;
  resp_resolver_all_in (R, u, RESP_REL_HEADS, RESP_SEAT_NONE, heads_of);
  hit_all (R, RESP_ROLE_REGULATOR_HEAD, heads_of, path);
  path->len -= 2;
}

/* Regulators of the sectors, located in the region of `regions` nearest to
 * its start (regions: the operator's region and those above it), found
 * through the model's regulator index: a few binary searches per level
 * instead of a look at every regulator of the sector. */
static gboolean
regulators (RespResolver *R, const RespU32Vec *sectors, const RespU32Vec *regions, RespU32Vec *path)
{
  const RespModel *m = R->m;
  RespU32Vec *heads_of = resp_resolver_take (R);
  RespU32Vec *found = resp_resolver_take (R);
  gboolean any = FALSE;

  for (guint s = 0; s < sectors->len; s++)
    {
      guint32 x = sectors->data[s];
      guint best = G_MAXUINT;
      guint32 fb, fe, b, e;

      resp_model_fallback_range (m, x, &fb, &fe);
      for (guint32 i = fb; i < fe; i++)
        best = MIN (best, fallback_level (R, &m->reg_fallback[i], regions, best));
      for (guint k = 0; k < regions->len && k < best; k++)
        {
          resp_model_reg_range (m, x, regions->data[k], &b, &e);
          for (guint32 i = b; i < e && best == G_MAXUINT; i++)
            if (entry_live (R, &m->reg_index[i]))
              best = k;
          if (best != G_MAXUINT)
            break;
        }
      if (best == G_MAXUINT)
        continue;

      /* everyone at that level, each once */
      found->len = 0;
      resp_model_reg_range (m, x, regions->data[best], &b, &e);
      for (guint32 i = b; i < e; i++)
        if (entry_live (R, &m->reg_index[i]))
          resp_vec_push (found, m->rels[m->reg_index[i].reg_rel].from);
      for (guint32 i = fb; i < fe; i++)
        if (fallback_level (R, &m->reg_fallback[i], regions, best) == best)
          resp_vec_push (found, m->rels[m->reg_fallback[i].reg_rel].from);
      for (guint i = 0; i < found->len; i++)
        {
          guint32 u = found->data[i];
          gboolean seen = FALSE;
          for (guint j = 0; j < i; j++)
            seen |= found->data[j] == u;
          if (!seen)
            hit_regulator (R, x, u, path, heads_of);
        }
      any = TRUE;
    }
  resp_resolver_give (R, found);
  resp_resolver_give (R, heads_of);
  return any;
}

/* The position of region g in regions (the operator's region and those
 * above it), or G_MAXUINT. */
static guint
region_level (const RespU32Vec *regions, guint32 g)
{
  for (guint k = 0; k < regions->len; k++)
    if (regions->data[k] == g)
      return k;
  return G_MAXUINT;
}

/* Protection departments of the sectors (关键信息基础设施保护工作部门),
 * chosen by region as regulators are: for each sector, those whose region
 * (located_in, else their superior's) is the entry of regions nearest to
 * its start. Few units protect a sector, so each one's region is looked up
 * instead of being indexed as the regulators' are. */
static gboolean
sector_protectors (RespResolver *R, const RespU32Vec *sectors, const RespU32Vec *regions,
                   RespU32Vec *path)
{
  const RespModel *m = R->m;
  RespU32Vec *found = NULL;
  gboolean any = FALSE;

  for (guint s = 0; s < sectors->len; s++)
    {
      guint32 x = sectors->data[s], b, e;
      guint best = G_MAXUINT;

      if (!in_from (m, x, RESP_REL_PROTECTS, &b, &e))
        continue;
      if (found == NULL)
        found = resp_resolver_take (R);
      found->len = 0;
      for (guint32 i = b; i < e && m->in_rel[i] == RESP_REL_PROTECTS; i++)
        {
          const RespRelRec *r = resp_model_in_rec (m, i);
          guint k;

          if (r->rel != RESP_REL_PROTECTS || !resp_resolver_live (R, r))
            continue;
          k = region_level (regions, resp_resolver_unit_region (R, r->from, NULL));
          if (k == G_MAXUINT || k > best)
            continue;
          if (k < best)
            found->len = 0;
          best = k;
          resp_vec_push (found, r->from);
        }
      if (best == G_MAXUINT)
        continue;
      resp_vec_push (path, x);
      for (guint i = 0; i < found->len; i++)
        {
          gboolean seen = FALSE;
          for (guint j = 0; j < i; j++)
            seen |= found->data[j] == found->data[i];
          if (!seen)
            hit (R, RESP_ROLE_PROTECTION_DEPT, found->data[i], path, found->data[i]);
        }
      path->len--;
      any = TRUE;
    }
  if (found != NULL)
    resp_resolver_give (R, found);
  return any;
}

/* The organs of a region (公安机关, 国家安全机关, 审计机关): for each, the
 * units that hold it for the operator's region, else for the nearest region
 * up that has one. One look at each region's block finds all three (their
 * relation types are neighbours). path ends at regions->data[0]. */
static void
region_organs (RespResolver *R, const RespU32Vec *regions, RespU32Vec *path)
{
  static const RespRole role_of[] = {
    [RESP_REL_PUBLIC_SECURITY - RESP_REL_PUBLIC_SECURITY] = RESP_ROLE_PUBLIC_SECURITY,
    [RESP_REL_STATE_SECURITY - RESP_REL_PUBLIC_SECURITY] = RESP_ROLE_STATE_SECURITY,
    [RESP_REL_AUDITS - RESP_REL_PUBLIC_SECURITY] = RESP_ROLE_AUDIT_OFFICE,
  };
  const RespModel *m = R->m;
  guint save = path->len, todo = (1u << G_N_ELEMENTS (role_of)) - 1;

  G_STATIC_ASSERT (RESP_REL_AUDITS - RESP_REL_PUBLIC_SECURITY + 1 == G_N_ELEMENTS (role_of));
  for (guint k = 0; k < regions->len && todo != 0; k++)
    {
      guint32 g = regions->data[k], b, e;
      guint found = 0;

      if (!in_from (m, g, RESP_REL_PUBLIC_SECURITY, &b, &e))
        continue;
      /* the regions walked up to g, written only when g has organs */
      path->len = save;
      if (k > 0)
        resp_vec_append (path, regions->data + 1, k);
      for (guint32 i = b; i < e && m->in_rel[i] <= RESP_REL_AUDITS; i++)
        {
          guint o = (guint) m->in_rel[i] - RESP_REL_PUBLIC_SECURITY;
          const RespRelRec *r;

          /* o wraps round below public_security, which an ordered block
           * (all a snapshot is let in with) never has here */
          if (o >= G_N_ELEMENTS (role_of) || !(todo & (1u << o)))
            continue;
          r = resp_model_in_rec (m, i);
          if (r->rel != m->in_rel[i] || !resp_resolver_live (R, r))
            continue;
          hit (R, role_of[o], r->from, path, r->from);
          found |= 1u << o;
        }
      todo &= ~found;
    }
  path->len = save;
}

/* protection_dept after the system's own (SPEC §4.3): the sectors'
 * departments nearest up, else the regulators this operator found (from
 * the hits at reg_start on), each with the path that reached it. */
static void
protection_depts (RespResolver *R, const RespU32Vec *sectors, const RespU32Vec *regions,
                  RespU32Vec *path, guint reg_start)
{
  const RespHitVec *regs = &R->hits[RESP_ROLE_REGULATOR];

  if (sector_protectors (R, sectors, regions, path))
    return;
  for (guint i = reg_start; i < regs->len; i++)
    {
      RespHit h = regs->data[i];

      resp_vec_push (&R->hits[RESP_ROLE_PROTECTION_DEPT], h);
    }
}

static void
resolve_operator (RespResolver *R, guint32 subject, guint32 op, gboolean system_has_lead,
                  gboolean system_protected, const RespU32Vec *system_sectors)
{
  RespU32Vec *path = &R->path;
  RespU32Vec *tmp = resp_resolver_take (R);
  RespU32Vec *regions = resp_resolver_take (R);
  guint base, save, chain_start = R->hits[RESP_ROLE_CHAIN].len;
  guint32 k, cur, g, steps = 0;

  path->len = 0;
  if (subject != op)
    resp_vec_push (path, subject);
  base = path->len;
  hit (R, RESP_ROLE_OPERATOR, op, path, op);

  /* chain: the operator, then its superiors, nearest first. Each path is a
   * prefix of the next, so all of them share one stored walk: a long chain
   * costs linear, not quadratic, space. */
  resp_vec_push (path, op);
  {
    guint32 off = R->paths.len;

    resp_vec_append (&R->paths, path->data, path->len);
    for (cur = first_out (R, op, RESP_REL_UNDER); cur != RESP_NO_NODE && steps++ <= R->m->n_nodes;
         cur = first_out (R, cur, RESP_REL_UNDER))
      resp_vec_push (&R->paths, cur);
    for (guint32 i = off + base; i < R->paths.len; i++)
      {
        RespHit h = { R->paths.data[i], off, i - off + 1 };
        resp_vec_push (&R->hits[RESP_ROLE_CHAIN], h);
      }
  }

  k = resp_resolver_committee_of (R, op, path);
  if (k != RESP_NO_NODE)
    {
      hit (R, RESP_ROLE_COMMITTEE, k, path, RESP_NO_NODE);
      committee_team (R, k, path, TRUE);
    }
  path->len = base + 1;

  if (!system_has_lead)
    {
      tmp->len = 0;
      resp_resolver_all_in (R, op, RESP_REL_SECURITY_LEAD, RESP_SEAT_NONE, tmp);
      hit_all (R, RESP_ROLE_SECURITY_LEAD, tmp, path);
    }
  tmp->len = 0;
  resp_resolver_all_in (R, op, RESP_REL_HEADS, RESP_SEAT_NONE, tmp);
  hit_all (R, RESP_ROLE_UNIT_HEAD, tmp, path);
  if (R->flags & RESP_RESOLVE_OPERATOR_ONLY)
    {
      resp_resolver_give (R, tmp);
      resp_resolver_give (R, regions);
      return;
    }

  /* the operator's region and the regions above it */
  save = path->len;
  g = resp_resolver_unit_region (R, op, path);
  steps = 0;
  for (guint32 r = g; r != RESP_NO_NODE && steps++ <= R->m->n_nodes;
       r = resp_resolver_parent_region (R, r))
    resp_vec_push (regions, r);

  /* regulators and protection departments: the system's sectors, else
   * the operator's */
  {
    gboolean found;
    guint rs = path->len, reg_start = R->hits[RESP_ROLE_REGULATOR].len;
    const RespU32Vec *sectors = system_sectors;

    path->len = base;
    if (system_sectors->len == 0)
      {
        resp_vec_push (path, op);
        tmp->len = 0;
        all_out (R, op, RESP_REL_IN_SECTOR, tmp);
        sectors = tmp;
      }
    found = regulators (R, sectors, regions, path);
    if (!system_protected)
      protection_depts (R, sectors, regions, path, reg_start);
    /* the walks below start from the operator again: the sectors' paths
     * may have written over its place */
    path->len = base;
    resp_vec_push (path, op);
    if (g != RESP_NO_NODE)
      {
        /* rebuild the walk to the region for the paths that need it */
        resp_resolver_unit_region (R, op, path);
        g_assert (path->len == rs);
      }

    if (!found && g != RESP_NO_NODE)
      {
        guint32 rk = region_committee (R, g, path);
        if (rk != RESP_NO_NODE)
          {
            tmp->len = 0;
            resp_resolver_seats (R, rk, RESP_SEAT_MAIN_LEADER, tmp);
            resp_resolver_seats (R, rk, RESP_SEAT_CYBER_LEAD, tmp);
            hit_all (R, RESP_ROLE_REGIONAL_SUPERVISOR, tmp, path);
          }
        path->len = rs;
      }
  }

  if (g != RESP_NO_NODE)
    region_organs (R, regions, path);
  coordinators (R, g, path, chain_start);
  path->len = save;

  resp_resolver_give (R, tmp);
  resp_resolver_give (R, regions);
}

static void
warn (RespResolver *R, guint32 subject, RespRole role)
{
  RespRoleWarning w = { subject, (guint8) role };

  resp_vec_push (&R->warnings, w);
}

#define EMPTY(role) (R->hits[role].len == 0)

/* The last warnings of a resolution: about the committee's authority and
 * proposer, when there is a committee to ask about. */
static void
authority_warnings (RespResolver *R, guint32 subject, gboolean committee_node)
{
  if (!committee_node && (EMPTY (RESP_ROLE_OPERATOR) || EMPTY (RESP_ROLE_COMMITTEE)))
    return;
  if (EMPTY (RESP_ROLE_AUTHORITY))
    warn (R, subject, RESP_ROLE_AUTHORITY);
  else if (EMPTY (RESP_ROLE_PROPOSER))
    warn (R, subject, RESP_ROLE_PROPOSER);
}

static void
add_warnings (RespResolver *R, guint32 subject, gboolean committee_node)
{
  static const RespRole always[] = {
    RESP_ROLE_COMMITTEE, RESP_ROLE_FIRST_RESPONSIBLE, RESP_ROLE_DIRECT_RESPONSIBLE,
    RESP_ROLE_SECURITY_LEAD, RESP_ROLE_UNIT_HEAD, RESP_ROLE_COORDINATOR,
  };

  if (committee_node)
    {
      if (EMPTY (RESP_ROLE_FIRST_RESPONSIBLE))
        warn (R, subject, RESP_ROLE_FIRST_RESPONSIBLE);
      if (EMPTY (RESP_ROLE_DIRECT_RESPONSIBLE))
        warn (R, subject, RESP_ROLE_DIRECT_RESPONSIBLE);
    }
  else
    {
      if (EMPTY (RESP_ROLE_OPERATOR))
        {
          warn (R, subject, RESP_ROLE_OPERATOR);
          return;
        }
      for (guint i = 0; i < G_N_ELEMENTS (always); i++)
        if (EMPTY (always[i]))
          warn (R, subject, always[i]);
      if (!EMPTY (RESP_ROLE_COORDINATOR) && EMPTY (RESP_ROLE_COORDINATOR_HEAD))
        warn (R, subject, RESP_ROLE_COORDINATOR_HEAD);
      if (!EMPTY (RESP_ROLE_REGULATOR) && EMPTY (RESP_ROLE_REGULATOR_HEAD))
        warn (R, subject, RESP_ROLE_REGULATOR_HEAD);
      if (EMPTY (RESP_ROLE_REGULATOR) && EMPTY (RESP_ROLE_REGIONAL_SUPERVISOR))
        warn (R, subject, RESP_ROLE_REGIONAL_SUPERVISOR);
    }
  if (!(R->flags & RESP_RESOLVE_NO_AUTHORITY))
    authority_warnings (R, subject, committee_node);
}

void
resp_resolver_resolve (RespResolver *R, guint32 subject, RespResolveFlags flags)
{
  const RespModel *m = R->m;
  guint8 type = m->nodes[subject].type;

  R->subject = subject;
  R->flags = flags;
  if (type == RESP_NODE_COMMITTEE)
    {
      R->path.len = 0;
      resp_vec_push (&R->path, subject);
      committee_team (R, subject, &R->path, TRUE);
      if (!(flags & RESP_RESOLVE_NO_WARN))
        add_warnings (R, subject, TRUE);
      return;
    }

  if (type == RESP_NODE_UNIT)
    resolve_operator (R, subject, subject, FALSE, FALSE, &(RespU32Vec) { NULL, 0, 0 });
  else if (type == RESP_NODE_SYSTEM)
    {
      RespU32Vec *ops = resp_resolver_take (R);
      RespU32Vec *leads = resp_resolver_take (R);
      RespU32Vec *sectors = resp_resolver_take (R);
      RespU32Vec *protectors = resp_resolver_take (R);

      resp_resolver_all_in (R, subject, RESP_REL_OPERATES, RESP_SEAT_NONE, ops);
      resp_resolver_all_in (R, subject, RESP_REL_SECURITY_LEAD, RESP_SEAT_NONE, leads);
      /* the system's own protection departments, whoever operates it */
      all_in_late (R, subject, RESP_REL_PROTECTS, protectors);
      all_out (R, subject, RESP_REL_IN_SECTOR, sectors);
      R->path.len = 0;
      resp_vec_push (&R->path, subject);
      hit_all (R, RESP_ROLE_SECURITY_LEAD, leads, &R->path);
      hit_all (R, RESP_ROLE_PROTECTION_DEPT, protectors, &R->path);
      for (guint i = 0; i < ops->len; i++)
        resolve_operator (R, subject, ops->data[i], leads->len > 0, protectors->len > 0, sectors);
      resp_resolver_give (R, ops);
      resp_resolver_give (R, leads);
      resp_resolver_give (R, sectors);
      resp_resolver_give (R, protectors);
    }
  else
    return;

  if (!(flags & RESP_RESOLVE_NO_WARN))
    add_warnings (R, subject, FALSE);
}

void
resp_resolver_add_authority (RespResolver *R)
{
  const RespModel *m = R->m;
  gboolean committee_node = m->nodes[R->subject].type == RESP_NODE_COMMITTEE;
  RespU32Vec *path = resp_resolver_take (R);

  if (!(R->flags & RESP_RESOLVE_NO_AUTHORITY))
    goto out;
  R->flags &= ~RESP_RESOLVE_NO_AUTHORITY;
  if (committee_node)
    {
      resp_vec_push (path, R->subject);
      committee_authority (R, R->subject, path);
    }
  else
    /* each committee reached, through the path it was reached by; the
     * walk appends to hits, so go by index over those there before */
    for (guint i = 0, n = R->hits[RESP_ROLE_COMMITTEE].len; i < n; i++)
      {
        const RespHit h = R->hits[RESP_ROLE_COMMITTEE].data[i];

        path->len = 0;
        resp_vec_append (path, R->paths.data + h.path_off, h.path_len);
        committee_authority (R, h.node, path);
      }
  if (!(R->flags & RESP_RESOLVE_NO_WARN))
    authority_warnings (R, R->subject, committee_node);
out:
  resp_resolver_give (R, path);
}
