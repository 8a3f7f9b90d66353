/* resp-scope-private.h: what one person is responsible for, as `scope` answers (SPEC §5)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "resp-scope.h"
#include "resp-model-private.h"

G_BEGIN_DECLS

/* The roles through which a person answers for a system. */
#define RESP_N_SCOPE_ROLES 4
extern const RespRole resp_scope_roles[RESP_N_SCOPE_ROLES];

typedef struct {
  guint32 committee;
  guint8  seat;
} RespScopeSeat;

struct _RespScope {
  gatomicrefcount ref;
  RespModel *model;
  guint32    person;
  gint64     at;
  GArray    *seats;                          /* RespScopeSeat, by committee id then seat */
  GArray    *heads;                          /* guint32, by id */
  GArray    *systems[RESP_N_SCOPE_ROLES];    /* guint32, by id */
};

G_END_DECLS
