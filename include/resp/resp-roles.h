/* resp-roles.h: the duty holders of a node at an instant
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__RESP_H_INSIDE__) && !defined(RESP_COMPILATION)
#error "Only <resp/resp.h> can be included directly."
#endif

#include <glib-object.h>

#include "resp-version-macros.h"
#include "resp-enums.h"
#include "resp-model.h"

G_BEGIN_DECLS

#define RESP_TYPE_ROLES (resp_roles_get_type ())

/**
 * RespRoles:
 *
 * Who holds each duty role (model.md, "Roles") for one system, unit or committee at one
 * instant, each holder with the paths through the model that reached it,
 * and warnings for roles that could not be resolved. Immutable and
 * reference counted.
 *
 * Since: 1.0
 */
typedef struct _RespRoles RespRoles;

RESP_AVAILABLE_IN_1_0
GType        resp_roles_get_type            (void) G_GNUC_CONST;
RESP_AVAILABLE_IN_1_0
RespRoles   *resp_model_resolve_roles       (RespModel   *model,
                                             const char  *node,
                                             gint64       at,
                                             GError     **error);
RESP_AVAILABLE_IN_1_0
RespRoles   *resp_roles_ref                 (RespRoles   *self);
RESP_AVAILABLE_IN_1_0
void         resp_roles_unref               (RespRoles   *self);
RESP_AVAILABLE_IN_1_0
RespModel   *resp_roles_get_model           (RespRoles   *self);
RESP_AVAILABLE_IN_1_0
const char  *resp_roles_get_node            (RespRoles   *self);
RESP_AVAILABLE_IN_1_0
gint64       resp_roles_get_at              (RespRoles   *self);
RESP_AVAILABLE_IN_1_0
gint64       resp_roles_get_valid_from      (RespRoles   *self);
RESP_AVAILABLE_IN_1_0
gint64       resp_roles_get_valid_until     (RespRoles   *self);
RESP_AVAILABLE_IN_1_0
const char  *resp_roles_get_sponsor         (RespRoles   *self);
RESP_AVAILABLE_IN_1_0
char       **resp_roles_dup_holders         (RespRoles   *self,
                                             RespRole     role);
RESP_AVAILABLE_IN_1_0
guint        resp_roles_get_n_paths         (RespRoles   *self,
                                             RespRole     role,
                                             const char  *holder);
RESP_AVAILABLE_IN_1_0
char       **resp_roles_dup_path            (RespRoles   *self,
                                             RespRole     role,
                                             const char  *holder,
                                             guint        index);
RESP_AVAILABLE_IN_1_0
guint        resp_roles_get_n_warnings      (RespRoles   *self);
RESP_AVAILABLE_IN_1_0
const char  *resp_roles_get_warning_code    (RespRoles   *self,
                                             guint        index);
RESP_AVAILABLE_IN_1_0
RespRole     resp_roles_get_warning_role    (RespRoles   *self,
                                             guint        index);
RESP_AVAILABLE_IN_1_0
const char  *resp_roles_get_warning_node    (RespRoles   *self,
                                             guint        index);
RESP_AVAILABLE_IN_1_0
const char  *resp_roles_get_warning_message (RespRoles   *self,
                                             guint        index);
RESP_AVAILABLE_IN_1_0
char        *resp_roles_render              (RespRoles   *self,
                                             RespFormat   format);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RespRoles, resp_roles_unref)

G_END_DECLS
