/* resp-scope.c: what one person is responsible for (`resp scope`)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Seats and headships are read off the person's own relations. The systems
 * come from resolving each system forward, exactly as `who` would, so the
 * two commands can never disagree; the scan is skipped when the person holds
 * nothing that could put them in one of the four roles.
 */
#include "config.h"

#include <string.h>

#include "resp-scope-private.h"
#include "resp-error.h"
#include "resp-resolver-private.h"
#include "resp-instant-private.h"
#include "resp-json-writer-private.h"
#include "resp-refcount-private.h"

const RespRole resp_scope_roles[RESP_N_SCOPE_ROLES] = {
  RESP_ROLE_FIRST_RESPONSIBLE, RESP_ROLE_DIRECT_RESPONSIBLE,
  RESP_ROLE_SECURITY_LEAD, RESP_ROLE_UNIT_HEAD,
};


static int
cmp_seat (gconstpointer a, gconstpointer b, gpointer data)
{
  const RespScopeSeat *x = a, *y = b;
  int c = resp_model_cmp_ids (&x->committee, &y->committee, data);
  return c != 0 ? c : x->seat - y->seat;
}

static gboolean
holds (const RespResolver *R, guint role, guint32 person)
{
  const RespHitVec *hits = &R->hits[resp_scope_roles[role]];

  for (guint i = 0; i < hits->len; i++)
    if (hits->data[i].node == person)
      return TRUE;
  return FALSE;
}

/**
 * resp_model_scope_person:
 * @model: a #RespModel
 * @person: the id of a person
 * @at: the instant
 * @error: return location for a #GError
 *
 * Gets what @person is responsible for at @at, or %NULL with %RESP_ERROR_NOT_FOUND (no such node) or %RESP_ERROR_INVALID_ARGUMENT (not a person).
 *
 * Returns: (transfer full) (nullable): what @person is responsible for at
 *   @at, or %NULL with %RESP_ERROR_NOT_FOUND (no such node) or
 *   %RESP_ERROR_INVALID_ARGUMENT (not a person)
 *
 * Since: 1.0
 */
RespScope *
resp_model_scope_person (RespModel   *model,
                         const char  *person,
                         gint64       at,
                         GError     **error)
{
  RespScope *self;
  RespResolver R;
  guint32 p, b, e;
  gboolean may_hold = FALSE;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (person != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  p = resp_model_find_node (model, person);
  if (p == RESP_NO_NODE)
    {
      g_set_error (error, RESP_ERROR, RESP_ERROR_NOT_FOUND,
                   "%s: no node '%s' in the model", model->source, person);
      return NULL;
    }
  if (model->nodes[p].type != RESP_NODE_PERSON)
    {
      g_set_error (error, RESP_ERROR, RESP_ERROR_INVALID_ARGUMENT,
                   "'%s' is a %s, not a person", person, resp_node_types[model->nodes[p].type].name);
      return NULL;
    }

  self = g_new0 (RespScope, 1);
  g_atomic_ref_count_init (&self->ref);
  self->model = resp_model_ref (model);
  self->person = p;
  self->at = at;
  self->seats = g_array_new (FALSE, FALSE, sizeof (RespScopeSeat));
  self->heads = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint r = 0; r < RESP_N_SCOPE_ROLES; r++)
    self->systems[r] = g_array_new (FALSE, FALSE, sizeof (guint32));

  resp_model_out_range (model, p, RESP_REL_MEMBER, &b, &e);
  for (guint32 i = b; i < e; i++)
    if (resp_rel_live (&model->rels[i], at))
      {
        RespScopeSeat s = { model->rels[i].to, model->rels[i].seat };
        g_array_append_val (self->seats, s);
        may_hold |= s.seat != RESP_SEAT_MEMBER;
      }
  resp_model_out_range (model, p, RESP_REL_HEADS, &b, &e);
  for (guint32 i = b; i < e; i++)
    if (resp_rel_live (&model->rels[i], at))
      g_array_append_val (self->heads, model->rels[i].to), may_hold = TRUE;
  resp_model_out_range (model, p, RESP_REL_SECURITY_LEAD, &b, &e);
  for (guint32 i = b; i < e && !may_hold; i++)
    may_hold = resp_rel_live (&model->rels[i], at);

  if (may_hold)
    {
      resp_resolver_init (&R, model);
      for (guint32 v = 0; v < model->n_nodes; v++)
        {
          if (model->nodes[v].type != RESP_NODE_SYSTEM)
            continue;
          resp_resolver_reset (&R, at);
          resp_resolver_resolve (&R, v, RESP_RESOLVE_NO_WARN | RESP_RESOLVE_NO_AUTHORITY);
          for (guint r = 0; r < RESP_N_SCOPE_ROLES; r++)
            if (holds (&R, r, p))
              g_array_append_val (self->systems[r], v);
        }
      resp_resolver_clear (&R);
    }

  g_array_sort_with_data (self->seats, cmp_seat, model);
  g_array_sort_with_data (self->heads, resp_model_cmp_ids, model);
  for (guint r = 0; r < RESP_N_SCOPE_ROLES; r++)
    g_array_sort_with_data (self->systems[r], resp_model_cmp_ids, model);
  return self;
}

static void
scope_free (RespScope *self)
{
  g_array_unref (self->seats);
  g_array_unref (self->heads);
  for (guint r = 0; r < RESP_N_SCOPE_ROLES; r++)
    g_array_unref (self->systems[r]);
  resp_model_unref (self->model);
  g_free (self);
}

/**
 * resp_scope_ref:
 * @self: a #RespScope
 *
 * Takes a reference on @self.
 *
 * Returns: (transfer full): @self
 *
 * Since: 1.0
 */
/**
 * resp_scope_unref:
 * @self: (transfer full): a #RespScope
 *
 * Drops a reference on @self; the last one frees it.
 *
 * Since: 1.0
 */
RESP_DEFINE_REFCOUNTED_TYPE (RespScope, resp_scope, scope_free)

/**
 * resp_scope_get_person:
 * @self: a #RespScope
 *
 * Gets the person's id.
 *
 * Returns: the person's id
 *
 * Since: 1.0
 */
const char *
resp_scope_get_person (RespScope *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return resp_model_node_id (self->model, self->person);
}

/**
 * resp_scope_get_at:
 * @self: a #RespScope
 *
 * Gets the instant of the scope.
 *
 * Returns: the instant of the scope
 *
 * Since: 1.0
 */
gint64
resp_scope_get_at (RespScope *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->at;
}

/**
 * resp_scope_get_n_seats:
 * @self: a #RespScope
 *
 * Gets the number of seats the person holds.
 *
 * Returns: the number of seats the person holds
 *
 * Since: 1.0
 */
guint
resp_scope_get_n_seats (RespScope *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->seats->len;
}

/**
 * resp_scope_get_seat_committee:
 * @self: a #RespScope
 * @index: a seat index
 *
 * Gets the committee of the seat.
 *
 * Returns: the committee of the seat
 *
 * Since: 1.0
 */
const char *
resp_scope_get_seat_committee (RespScope *self,
                               guint      index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->seats->len, NULL);
  return resp_model_node_id (self->model, g_array_index (self->seats, RespScopeSeat, index).committee);
}

/**
 * resp_scope_get_seat_role:
 * @self: a #RespScope
 * @index: a seat index
 *
 * Gets the seat's role.
 *
 * Returns: the seat's role
 *
 * Since: 1.0
 */
RespSeat
resp_scope_get_seat_role (RespScope *self,
                          guint      index)
{
  g_return_val_if_fail (self != NULL, RESP_SEAT_NONE);
  g_return_val_if_fail (index < self->seats->len, RESP_SEAT_NONE);
  return (RespSeat) g_array_index (self->seats, RespScopeSeat, index).seat;
}

static char **
dup_ids (const RespModel *m, GArray *nodes)
{
  char **out = g_new0 (char *, nodes->len + 1);

  for (guint i = 0; i < nodes->len; i++)
    out[i] = g_strdup (resp_model_node_id (m, g_array_index (nodes, guint32, i)));
  return out;
}

/**
 * resp_scope_dup_heads:
 * @self: a #RespScope
 *
 * Gets a newly allocated copy of the units the person heads, sorted bytewise.
 *
 * Returns: (transfer full) (array zero-terminated=1): the units the person
 *   heads, sorted bytewise
 *
 * Since: 1.0
 */
char **
resp_scope_dup_heads (RespScope *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return dup_ids (self->model, self->heads);
}

/**
 * resp_scope_dup_responsible_for:
 * @self: a #RespScope
 * @role: %RESP_ROLE_FIRST_RESPONSIBLE, %RESP_ROLE_DIRECT_RESPONSIBLE,
 *   %RESP_ROLE_SECURITY_LEAD or %RESP_ROLE_UNIT_HEAD
 *
 * Gets a newly allocated copy of the systems for which the person holds @role, sorted bytewise.
 *
 * Returns: (transfer full) (array zero-terminated=1): the systems for which
 *   the person holds @role, sorted bytewise
 *
 * Since: 1.0
 */
char **
resp_scope_dup_responsible_for (RespScope *self,
                                RespRole   role)
{
  g_return_val_if_fail (self != NULL, NULL);
  for (guint r = 0; r < RESP_N_SCOPE_ROLES; r++)
    if (resp_scope_roles[r] == role)
      return dup_ids (self->model, self->systems[r]);
  g_return_val_if_reached (NULL);
}
