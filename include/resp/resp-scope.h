/* resp-scope.h: what one person is responsible for
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

#define RESP_TYPE_SCOPE (resp_scope_get_type ())

/**
 * RespScope:
 *
 * What a person is responsible for at an instant (`resp scope`): seats on
 * leadership teams, units headed, and the systems for which the person is
 * `first_responsible`, `direct_responsible`, `security_lead` or
 * `unit_head`. Immutable and reference counted.
 *
 * Since: 1.0
 */
typedef struct _RespScope RespScope;

RESP_AVAILABLE_IN_1_0
GType       resp_scope_get_type               (void) G_GNUC_CONST;
RESP_AVAILABLE_IN_1_0
RespScope  *resp_model_scope_person           (RespModel   *model,
                                               const char  *person,
                                               gint64       at,
                                               GError     **error);
RESP_AVAILABLE_IN_1_0
RespScope  *resp_scope_ref                    (RespScope   *self);
RESP_AVAILABLE_IN_1_0
void        resp_scope_unref                  (RespScope   *self);
RESP_AVAILABLE_IN_1_0
const char *resp_scope_get_person             (RespScope   *self);
RESP_AVAILABLE_IN_1_0
gint64      resp_scope_get_at                 (RespScope   *self);
RESP_AVAILABLE_IN_1_0
guint       resp_scope_get_n_seats            (RespScope   *self);
RESP_AVAILABLE_IN_1_0
const char *resp_scope_get_seat_committee     (RespScope   *self,
                                               guint        index);
RESP_AVAILABLE_IN_1_0
RespSeat    resp_scope_get_seat_role          (RespScope   *self,
                                               guint        index);
RESP_AVAILABLE_IN_1_0
char      **resp_scope_dup_heads              (RespScope   *self);
RESP_AVAILABLE_IN_1_0
char      **resp_scope_dup_responsible_for    (RespScope   *self,
                                               RespRole     role);
RESP_AVAILABLE_IN_1_0
char       *resp_scope_render                 (RespScope   *self,
                                               RespFormat   format);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RespScope, resp_scope_unref)

G_END_DECLS
