/* resp-roles.c: the public result of role resolution, and its renderers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "resp-roles-private.h"
#include "resp-error.h"
#include "resp-instant-private.h"
#include "resp-json-writer-private.h"
#include "resp-render-private.h"
#include "resp-refcount-private.h"



static int
cmp_hit (gconstpointer a, gconstpointer b, gpointer data)
{
  const RespHit *x = a, *y = b;
  int c = resp_model_cmp_ids (&x->node, &y->node, data);

  if (c != 0)
    return c;
  return x->path_off < y->path_off ? -1 : x->path_off > y->path_off;
}

RespRoles *
resp_roles_new_from_resolver (RespModel *model, guint32 subject, RespResolver *R)
{
  RespRoles *self = g_new0 (RespRoles, 1);
  guint32 n = 0;

  g_atomic_ref_count_init (&self->ref);
  self->model = resp_model_ref (model);
  self->subject = subject;
  /* looked up before the window is copied: a change of sponsor ends it */
  self->sponsor = model->nodes[subject].type == RESP_NODE_SYSTEM
                ? resp_resolver_first_in (R, subject, RESP_REL_SPONSORS) : RESP_NO_NODE;
  self->at = R->at;
  self->lo = R->lo;
  self->hi = R->hi;
  for (guint i = 0; i < RESP_N_ROLES; i++)
    n += R->hits[i].len;
  self->hits = g_new (RespHit, MAX (n, 1));
  n = 0;
  for (guint i = 0; i < RESP_N_ROLES; i++)
    {
      self->role_start[i] = n;
      if (R->hits[i].len > 0)
        memcpy (self->hits + n, R->hits[i].data, R->hits[i].len * sizeof (RespHit));
      /* path_off is unique per hit, so this order is total and stable */
      g_qsort_with_data (self->hits + n, (gint) R->hits[i].len, sizeof (RespHit), cmp_hit, model);
      n += R->hits[i].len;
    }
  self->role_start[RESP_N_ROLES] = n;
  self->paths = g_memdup2 (R->paths.data, MAX (R->paths.len, 1) * sizeof (guint32));
  self->n_warnings = R->warnings.len;
  self->warnings = g_memdup2 (R->warnings.data, MAX (R->warnings.len, 1) * sizeof (RespRoleWarning));
  self->messages = g_new0 (char *, self->n_warnings + 1);
  for (guint i = 0; i < self->n_warnings; i++)
    self->messages[i] = resp_render_role_warning (model, R->at, self->warnings[i].subject,
                                                 (RespRole) self->warnings[i].role);
  return self;
}

/**
 * resp_model_resolve_roles:
 * @model: a #RespModel
 * @node: the id of a system, unit or committee
 * @at: the instant, in microseconds since the Unix epoch
 * @error: return location for a #GError
 *
 * Resolves every duty role (model.md, "Roles"; all but `involved`, which only an event
 * names) for @node at @at. For a committee, only its seats, `authority`
 * and `proposer` are filled.
 *
 * Returns: (transfer full) (nullable): the roles, or %NULL with
 *   %RESP_ERROR_NOT_FOUND if the model has no @node, or
 *   %RESP_ERROR_INVALID_ARGUMENT if it is not a system, unit or committee
 *
 * Since: 1.0
 */
RespRoles *
resp_model_resolve_roles (RespModel   *model,
                          const char  *node,
                          gint64       at,
                          GError     **error)
{
  RespResolver R;
  RespRoles *roles;
  guint32 v;
  guint8 type;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  v = resp_model_find_node (model, node);
  if (v == RESP_NO_NODE)
    {
      g_set_error (error, RESP_ERROR, RESP_ERROR_NOT_FOUND,
                   "%s: no node '%s' in the model", model->source, node);
      return NULL;
    }
  type = model->nodes[v].type;
  if (type != RESP_NODE_SYSTEM && type != RESP_NODE_UNIT && type != RESP_NODE_COMMITTEE)
    {
      g_set_error (error, RESP_ERROR, RESP_ERROR_INVALID_ARGUMENT,
                   "'%s' is a %s: roles are resolved for a system, a unit or a committee",
                   node, resp_node_types[type].name);
      return NULL;
    }
  resp_resolver_init (&R, model);
  resp_resolver_reset (&R, at);
  resp_resolver_resolve (&R, v, RESP_RESOLVE_ALL);
  roles = resp_roles_new_from_resolver (model, v, &R);
  resp_resolver_clear (&R);
  return roles;
}

static void
roles_free (RespRoles *self)
{
  g_free (self->hits);
  g_free (self->paths);
  g_free (self->warnings);
  g_strfreev (self->messages);
  resp_model_unref (self->model);
  g_free (self);
}

/**
 * resp_roles_ref:
 * @self: a #RespRoles
 *
 * Takes a reference on @self.
 *
 * Returns: (transfer full): @self
 *
 * Since: 1.0
 */
/**
 * resp_roles_unref:
 * @self: (transfer full): a #RespRoles
 *
 * Drops a reference on @self; the last one frees it.
 *
 * Since: 1.0
 */
RESP_DEFINE_REFCOUNTED_TYPE (RespRoles, resp_roles, roles_free)

/**
 * resp_roles_get_model:
 * @self: a #RespRoles
 *
 * Gets the model the roles were resolved in.
 *
 * Returns: (transfer none): the model the roles were resolved in
 *
 * Since: 1.0
 */
RespModel *
resp_roles_get_model (RespRoles *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->model;
}

/**
 * resp_roles_get_node:
 * @self: a #RespRoles
 *
 * Gets the id of the node the roles were resolved for.
 *
 * Returns: the id of the node the roles were resolved for
 *
 * Since: 1.0
 */
const char *
resp_roles_get_node (RespRoles *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return resp_model_node_id (self->model, self->subject);
}

/**
 * resp_roles_get_at:
 * @self: a #RespRoles
 *
 * Gets the instant the roles were resolved at.
 *
 * Returns: the instant the roles were resolved at
 *
 * Since: 1.0
 */
gint64
resp_roles_get_at (RespRoles *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->at;
}

/**
 * resp_roles_get_valid_from:
 * @self: a #RespRoles
 *
 * The start of the longest interval around the instant during which the
 * same answer holds (no relation the resolution looked at starts or ends).
 *
 * Returns: an instant, or %RESP_INSTANT_OPEN_START
 *
 * Since: 1.0
 */
gint64
resp_roles_get_valid_from (RespRoles *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->lo;
}

/**
 * resp_roles_get_valid_until:
 * @self: a #RespRoles
 *
 * The end (exclusive) of the interval of resp_roles_get_valid_from().
 *
 * Returns: an instant, or %RESP_INSTANT_OPEN_END
 *
 * Since: 1.0
 */
gint64
resp_roles_get_valid_until (RespRoles *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->hi;
}

/**
 * resp_roles_get_sponsor:
 * @self: a #RespRoles
 *
 * Gets the unit whose website or system the node is (its 主办单位, the
 * `sponsors` relation), where another unit operates it. The sponsor is no
 * duty role; it decides the level of the organ in rules such as Art. 8(2)
 * (the condition variable `system.owner_level`).
 *
 * Returns: (nullable): the id of the sponsoring unit at the instant, or
 *   %NULL when the node is not a system or has no sponsor then
 *
 * Since: 1.0
 */
const char *
resp_roles_get_sponsor (RespRoles *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->sponsor != RESP_NO_NODE ? resp_model_node_id (self->model, self->sponsor) : NULL;
}

/**
 * resp_roles_dup_holders:
 * @self: a #RespRoles
 * @role: a role
 *
 * Gets a newly allocated copy of the ids of the holders of @role, each once, sorted bytewise.
 *
 * Returns: (transfer full) (array zero-terminated=1): the ids of the
 *   holders of @role, each once, sorted bytewise
 *
 * Since: 1.0
 */
char **
resp_roles_dup_holders (RespRoles *self,
                        RespRole   role)
{
  GPtrArray *out;
  guint32 last = RESP_NO_NODE;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail ((guint) role < RESP_N_ROLES, NULL);

  out = g_ptr_array_new ();
  for (guint i = self->role_start[role]; i < self->role_start[role + 1]; i++)
    {
      const RespHit *h = &self->hits[i];
      if (h->node == last)
        continue;
      last = h->node;
      g_ptr_array_add (out, g_strdup (resp_model_node_id (self->model, h->node)));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

static const RespHit *
nth_path (RespRoles *self, RespRole role, const char *holder, guint index, guint *count)
{
  guint32 v = resp_model_find_node (self->model, holder);
  const RespHit *found = NULL;
  guint n = 0;

  for (guint i = self->role_start[role]; v != RESP_NO_NODE && i < self->role_start[role + 1]; i++)
    {
      const RespHit *h = &self->hits[i];
      if (h->node != v)
        continue;
      if (n == index)
        found = h;
      n++;
    }
  if (count != NULL)
    *count = n;
  return found;
}

/**
 * resp_roles_get_n_paths:
 * @self: a #RespRoles
 * @role: a role
 * @holder: the id of a holder of @role
 *
 * Counts how many paths reached @holder in @role (0 if it does not hold it).
 *
 * Returns: how many paths reached @holder in @role (0 if it does not hold it)
 *
 * Since: 1.0
 */
guint
resp_roles_get_n_paths (RespRoles  *self,
                        RespRole    role,
                        const char *holder)
{
  guint n;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail ((guint) role < RESP_N_ROLES, 0);
  g_return_val_if_fail (holder != NULL, 0);
  nth_path (self, role, holder, 0, &n);
  return n;
}

/**
 * resp_roles_dup_path:
 * @self: a #RespRoles
 * @role: a role
 * @holder: the id of a holder of @role
 * @index: which path, below resp_roles_get_n_paths()
 *
 * A path runs from the node the roles were resolved for to @holder, through
 * the operators, superiors, regions and committees that led there.
 *
 * Returns: (transfer full) (array zero-terminated=1) (nullable): the node
 *   ids of the path, or %NULL if there is no such path
 *
 * Since: 1.0
 */
char **
resp_roles_dup_path (RespRoles  *self,
                     RespRole    role,
                     const char *holder,
                     guint       index)
{
  const RespHit *h;
  char **out;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail ((guint) role < RESP_N_ROLES, NULL);
  g_return_val_if_fail (holder != NULL, NULL);

  h = nth_path (self, role, holder, index, NULL);
  if (h == NULL)
    return NULL;
  out = g_new0 (char *, h->path_len + 1);
  for (guint k = 0; k < h->path_len; k++)
    out[k] = g_strdup (resp_model_node_id (self->model,
                                           self->paths[h->path_off + k]));
  return out;
}

/**
 * resp_roles_get_n_warnings:
 * @self: a #RespRoles
 *
 * Gets the number of roles that could not be resolved.
 *
 * Returns: the number of roles that could not be resolved
 *
 * Since: 1.0
 */
guint
resp_roles_get_n_warnings (RespRoles *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_warnings;
}

static const RespRoleWarning *
warning_at (RespRoles *self, guint index)
{
  if (index >= self->n_warnings)
    return NULL;
  return &self->warnings[index];
}

/**
 * resp_roles_get_warning_code:
 * @self: a #RespRoles
 * @index: a warning index
 *
 * Gets the warning's code (`role_unresolved`).
 *
 * Returns: (nullable): the warning's code (`role_unresolved`)
 *
 * Since: 1.0
 */
const char *
resp_roles_get_warning_code (RespRoles *self,
                             guint      index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_warnings, NULL);
  return "role_unresolved";
}

/**
 * resp_roles_get_warning_role:
 * @self: a #RespRoles
 * @index: a warning index
 *
 * Gets the role that could not be resolved.
 *
 * Returns: the role that could not be resolved
 *
 * Since: 1.0
 */
RespRole
resp_roles_get_warning_role (RespRoles *self,
                             guint      index)
{
  g_return_val_if_fail (self != NULL, RESP_ROLE_OPERATOR);
  g_return_val_if_fail (index < self->n_warnings, RESP_ROLE_OPERATOR);
  return (RespRole) warning_at (self, index)->role;
}

/**
 * resp_roles_get_warning_node:
 * @self: a #RespRoles
 * @index: a warning index
 *
 * Gets the node the role was resolved from.
 *
 * Returns: the node the role was resolved from
 *
 * Since: 1.0
 */
const char *
resp_roles_get_warning_node (RespRoles *self,
                             guint      index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_warnings, NULL);
  return resp_model_node_id (self->model, warning_at (self, index)->subject);
}

/**
 * resp_roles_get_warning_message:
 * @self: a #RespRoles
 * @index: a warning index
 *
 * Gets the warning, for people (in Chinese).
 *
 * Returns: the warning, for people (in Chinese)
 *
 * Since: 1.0
 */
const char *
resp_roles_get_warning_message (RespRoles *self,
                                guint      index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_warnings, NULL);
  return self->messages[index];
}
