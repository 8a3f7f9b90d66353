/* resp-audit-private.h: the gaps of the responsibility system over time (SPEC §7)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "resp-audit.h"
#include "resp-model-private.h"

G_BEGIN_DECLS

/* The post a finding says is missing (its JSON `role`). */
typedef enum {
  RESP_AUDIT_POST_MAIN_LEADER, RESP_AUDIT_POST_CYBER_LEAD, RESP_AUDIT_POST_COMMITTEE,
  RESP_AUDIT_POST_COORDINATOR, RESP_AUDIT_POST_OPERATOR, RESP_AUDIT_POST_SECURITY_LEAD,
  RESP_AUDIT_POST_REGULATOR, RESP_AUDIT_POST_UNIT_HEAD, RESP_N_AUDIT_POSTS,
} RespAuditPost;

extern const char * const resp_audit_post_names[RESP_N_AUDIT_POSTS];

typedef struct {
  guint32 node;
  guint8  code;      /* RespAuditCode */
  guint8  post;      /* RespAuditPost */
  gint64  from;
  gint64  until;
} RespAuditFinding;

struct _RespAudit {
  gatomicrefcount ref;
  RespModel *model;
  gboolean   has_at;
  gint64     at;
  GArray    *findings;   /* RespAuditFinding */
};

G_END_DECLS
