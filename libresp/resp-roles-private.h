/* resp-roles-private.h */
#pragma once

#include "resp-roles.h"
#include "resp-resolver-private.h"

G_BEGIN_DECLS

RespRoles *resp_roles_new_from_resolver (RespModel *model, guint32 subject, const RespResolver *R);

G_END_DECLS
