/* resp-duties.h: duty slots, notices and scorecards (SPEC §8)
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
#include "resp-rulebook.h"
#include "resp-record.h"

G_BEGIN_DECLS

#define RESP_TYPE_DUTIES (resp_duties_get_type ())

/**
 * RespDuties:
 *
 * A duty report (docs/duties.md): the slots of every duty over a range,
 * each with its status and the people who answer for it, the record's
 * notices with their status, and a scorecard per committee. Immutable and
 * reference counted.
 *
 * Since: 1.0
 */
typedef struct _RespDuties RespDuties;

RESP_AVAILABLE_IN_1_0
GType           resp_duties_get_type               (void) G_GNUC_CONST;
RESP_AVAILABLE_IN_1_0
RespDuties     *resp_model_check_duties            (RespModel     *model,
                                                    RespRulebook  *rulebook,
                                                    RespRecord    *record,
                                                    gint64         from,
                                                    gint64         until,
                                                    gint64         at,
                                                    const char    *node,
                                                    GError       **error);
RESP_AVAILABLE_IN_1_0
RespDuties     *resp_duties_ref                    (RespDuties    *self);
RESP_AVAILABLE_IN_1_0
void            resp_duties_unref                  (RespDuties    *self);

RESP_AVAILABLE_IN_1_0
gint64          resp_duties_get_from               (RespDuties    *self);
RESP_AVAILABLE_IN_1_0
gint64          resp_duties_get_until              (RespDuties    *self);
RESP_AVAILABLE_IN_1_0
gint64          resp_duties_get_at                 (RespDuties    *self);

RESP_AVAILABLE_IN_1_0
guint           resp_duties_get_n_slots            (RespDuties    *self);
RESP_AVAILABLE_IN_1_0
const char     *resp_duties_get_slot_duty          (RespDuties    *self,
                                                    guint          slot);
RESP_AVAILABLE_IN_1_0
const char     *resp_duties_get_slot_node          (RespDuties    *self,
                                                    guint          slot);
RESP_AVAILABLE_IN_1_0
gint64          resp_duties_get_slot_from          (RespDuties    *self,
                                                    guint          slot);
RESP_AVAILABLE_IN_1_0
gint64          resp_duties_get_slot_until         (RespDuties    *self,
                                                    guint          slot);
RESP_AVAILABLE_IN_1_0
RespSlotStatus  resp_duties_get_slot_status        (RespDuties    *self,
                                                    guint          slot);
RESP_AVAILABLE_IN_1_0
gint            resp_duties_get_slot_required      (RespDuties    *self,
                                                    guint          slot);
RESP_AVAILABLE_IN_1_0
guint           resp_duties_get_slot_count         (RespDuties    *self,
                                                    guint          slot);
RESP_AVAILABLE_IN_1_0
char          **resp_duties_dup_slot_entries       (RespDuties    *self,
                                                    guint          slot);
RESP_AVAILABLE_IN_1_0
char          **resp_duties_dup_slot_missing       (RespDuties    *self,
                                                    guint          slot);
RESP_AVAILABLE_IN_1_0
guint           resp_duties_get_slot_n_people      (RespDuties    *self,
                                                    guint          slot);
RESP_AVAILABLE_IN_1_0
const char     *resp_duties_get_slot_person        (RespDuties    *self,
                                                    guint          slot,
                                                    guint          index);
RESP_AVAILABLE_IN_1_0
RespRole        resp_duties_get_slot_person_role   (RespDuties    *self,
                                                    guint          slot,
                                                    guint          index);
RESP_AVAILABLE_IN_1_0
RespCategory    resp_duties_get_slot_person_category (RespDuties  *self,
                                                    guint          slot,
                                                    guint          index);
RESP_AVAILABLE_IN_1_0
gint64          resp_duties_get_slot_person_from   (RespDuties    *self,
                                                    guint          slot,
                                                    guint          index);
RESP_AVAILABLE_IN_1_0
gint64          resp_duties_get_slot_person_until  (RespDuties    *self,
                                                    guint          slot,
                                                    guint          index);
RESP_AVAILABLE_IN_1_0
char          **resp_duties_dup_slot_person_authority (RespDuties *self,
                                                    guint          slot,
                                                    guint          index);
RESP_AVAILABLE_IN_1_0
char          **resp_duties_dup_slot_person_proposer (RespDuties  *self,
                                                    guint          slot,
                                                    guint          index);

RESP_AVAILABLE_IN_1_0
guint           resp_duties_get_n_notices          (RespDuties    *self);
RESP_AVAILABLE_IN_1_0
const char     *resp_duties_get_notice_id          (RespDuties    *self,
                                                    guint          notice);
RESP_AVAILABLE_IN_1_0
RespNoticeStatus resp_duties_get_notice_status     (RespDuties    *self,
                                                    guint          notice);

RESP_AVAILABLE_IN_1_0
const char     *resp_duties_get_notice_node        (RespDuties    *self,
                                                    guint          notice);
RESP_AVAILABLE_IN_1_0
const char     *resp_duties_get_notice_by          (RespDuties    *self,
                                                    guint          notice);
RESP_AVAILABLE_IN_1_0
gint64          resp_duties_get_notice_at          (RespDuties    *self,
                                                    guint          notice);
RESP_AVAILABLE_IN_1_0
gint64          resp_duties_get_notice_due         (RespDuties    *self,
                                                    guint          notice);
RESP_AVAILABLE_IN_1_0
char          **resp_duties_dup_notice_answered_by (RespDuties    *self,
                                                    guint          notice);

RESP_AVAILABLE_IN_1_0
guint           resp_duties_get_n_scorecards       (RespDuties    *self);
RESP_AVAILABLE_IN_1_0
const char     *resp_duties_get_scorecard_committee (RespDuties   *self,
                                                    guint          scorecard);
RESP_AVAILABLE_IN_1_0
guint           resp_duties_get_scorecard_count    (RespDuties    *self,
                                                    guint          scorecard,
                                                    RespSlotStatus status);
RESP_AVAILABLE_IN_1_0
gboolean        resp_duties_get_scorecard_score    (RespDuties    *self,
                                                    guint          scorecard,
                                                    double        *score);
RESP_AVAILABLE_IN_1_0
char          **resp_duties_dup_scorecard_report_to (RespDuties   *self,
                                                    guint          scorecard);

RESP_AVAILABLE_IN_1_0
char           *resp_duties_render                 (RespDuties    *self,
                                                    RespFormat     format);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RespDuties, resp_duties_unref)

G_END_DECLS
