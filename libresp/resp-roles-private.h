/* resp-roles-private.h */
#pragma once

#include "resp-roles.h"
#include "resp-resolver-private.h"

G_BEGIN_DECLS

RespRoles *resp_roles_new_from_resolver (RespModel *model, guint32 subject, const RespResolver *R);

G_END_DECLS

G_BEGIN_DECLS
/* The hits of a role (RespHit, sorted by holder id) and the path store. */
const RespHit *resp_roles_get_hits    (const RespRoles *roles, RespRole role, guint *n_hits);
const guint32 *resp_roles_get_paths   (const RespRoles *roles);
guint32        resp_roles_get_subject (const RespRoles *roles);
G_END_DECLS
