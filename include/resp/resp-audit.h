/* resp-audit.h: completeness of the responsibility system (SPEC §7)
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

#define RESP_TYPE_AUDIT (resp_audit_get_type ())

/**
 * RespAudit:
 *
 * The gaps of a model's responsibility system: each finding names a node,
 * the missing role, the basis, and the interval during which it is missing.
 * Immutable and reference counted.
 *
 * Since: 1.0
 */
typedef struct _RespAudit RespAudit;

RESP_AVAILABLE_IN_1_0
GType          resp_audit_get_type              (void) G_GNUC_CONST;
RESP_AVAILABLE_IN_1_0
RespAudit     *resp_model_audit                 (RespModel  *model);
RESP_AVAILABLE_IN_1_0
RespAudit     *resp_model_audit_at              (RespModel  *model,
                                                 gint64      at);
RESP_AVAILABLE_IN_1_0
RespAudit     *resp_audit_ref                   (RespAudit  *self);
RESP_AVAILABLE_IN_1_0
void           resp_audit_unref                 (RespAudit  *self);
RESP_AVAILABLE_IN_1_0
gboolean       resp_audit_get_at                (RespAudit  *self,
                                                 gint64     *at);
RESP_AVAILABLE_IN_1_0
guint          resp_audit_get_n_findings        (RespAudit  *self);
RESP_AVAILABLE_IN_1_0
RespAuditCode  resp_audit_get_finding_code      (RespAudit  *self,
                                                 guint       index);
RESP_AVAILABLE_IN_1_0
const char    *resp_audit_get_finding_node      (RespAudit  *self,
                                                 guint       index);
RESP_AVAILABLE_IN_1_0
const char    *resp_audit_get_finding_role      (RespAudit  *self,
                                                 guint       index);
RESP_AVAILABLE_IN_1_0
const char    *resp_audit_get_finding_basis     (RespAudit  *self,
                                                 guint       index);
RESP_AVAILABLE_IN_1_0
gint64         resp_audit_get_finding_from      (RespAudit  *self,
                                                 guint       index);
RESP_AVAILABLE_IN_1_0
gint64         resp_audit_get_finding_until     (RespAudit  *self,
                                                 guint       index);
RESP_AVAILABLE_IN_1_0
char          *resp_audit_render                (RespAudit  *self,
                                                 RespFormat  format);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RespAudit, resp_audit_unref)

G_END_DECLS
