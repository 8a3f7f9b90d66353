/* resp-roles-private.h: the roles of one node at an instant, as `who` answers (SPEC §4.3, §5)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "resp-roles.h"
#include "resp-resolver-private.h"

G_BEGIN_DECLS

struct _RespRoles {
  gatomicrefcount ref;
  RespModel *model;
  guint32    subject;
  guint32    sponsor;              /* of a system subject (主办单位), or RESP_NO_NODE */
  gint64     at, lo, hi;
  RespHit   *hits;                 /* by role, then holder id, then as found */
  guint32    role_start[RESP_N_ROLES + 1];
  guint32   *paths;
  guint      n_warnings;
  RespRoleWarning *warnings;
  char     **messages;             /* the words of each warning */
};


RespRoles *resp_roles_new_from_resolver (RespModel *model, guint32 subject, RespResolver *R);

G_END_DECLS
