/* resp-verdict.h: who bears which responsibility for an event, and why
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
#include "resp-event.h"
#include "resp-record.h"

G_BEGIN_DECLS

#define RESP_TYPE_VERDICT (resp_verdict_get_type ())
#define RESP_TYPE_ASSESSOR (resp_assessor_get_type ())

/**
 * RespAssessor:
 *
 * Working space for assessing events one after another on one thread,
 * against one model and one rulebook (which any number of assessors may
 * share). Reference counted; not to be used by two threads at once.
 *
 * Since: 1.0
 */
typedef struct _RespAssessor RespAssessor;

/**
 * RespVerdict:
 *
 * The assessment of one event (verdicts.md): its status, the circumstances
 * that hold or are undetermined, the liable persons with category, roles,
 * bases, paths, authority and proposer, the bodies held collectively, the
 * exempt, the modifiers and the warnings. Immutable and reference counted.
 *
 * Since: 1.0
 */
typedef struct _RespVerdict RespVerdict;

RESP_AVAILABLE_IN_1_0
GType             resp_verdict_get_type             (void) G_GNUC_CONST;
RESP_AVAILABLE_IN_1_0
GType             resp_assessor_get_type            (void) G_GNUC_CONST;
RESP_AVAILABLE_IN_1_0
RespAssessor     *resp_assessor_new                 (RespModel      *model,
                                                     RespRulebook   *rulebook);
RESP_AVAILABLE_IN_1_0
RespAssessor     *resp_assessor_ref                 (RespAssessor   *self);
RESP_AVAILABLE_IN_1_0
void              resp_assessor_unref               (RespAssessor   *self);
RESP_AVAILABLE_IN_1_0
RespVerdict      *resp_assessor_assess              (RespAssessor   *self,
                                                     RespEvent      *event);
RESP_AVAILABLE_IN_1_0
void              resp_assessor_set_record          (RespAssessor   *self,
                                                     RespRecord     *record);
RESP_AVAILABLE_IN_1_0
GPtrArray        *resp_assess_batch_with_record     (RespModel      *model,
                                                     RespRulebook   *rulebook,
                                                     RespEventBatch *batch,
                                                     RespRecord     *record,
                                                     guint           n_threads);
RESP_AVAILABLE_IN_1_0
RespVerdict      *resp_assess                       (RespModel      *model,
                                                     RespRulebook   *rulebook,
                                                     RespEvent      *event);
RESP_AVAILABLE_IN_1_0
GPtrArray        *resp_assess_batch                 (RespModel      *model,
                                                     RespRulebook   *rulebook,
                                                     RespEventBatch *batch,
                                                     guint           n_threads);
RESP_AVAILABLE_IN_1_0
RespVerdict      *resp_verdict_ref                  (RespVerdict    *self);
RESP_AVAILABLE_IN_1_0
void              resp_verdict_unref                (RespVerdict    *self);
RESP_AVAILABLE_IN_1_0
RespVerdictStatus resp_verdict_get_status           (RespVerdict    *self);
RESP_AVAILABLE_IN_1_0
const char       *resp_verdict_get_event_id         (RespVerdict    *self);
RESP_AVAILABLE_IN_1_0
guint             resp_verdict_get_n_circumstances  (RespVerdict    *self);
RESP_AVAILABLE_IN_1_0
const char       *resp_verdict_get_circumstance_id  (RespVerdict    *self,
                                                     guint           index);
RESP_AVAILABLE_IN_1_0
RespCircumstanceStatus resp_verdict_get_circumstance_status (RespVerdict *self,
                                                     guint           index);
RESP_AVAILABLE_IN_1_0
char            **resp_verdict_dup_circumstance_missing (RespVerdict *self,
                                                     guint           index);
RESP_AVAILABLE_IN_1_0
char            **resp_verdict_dup_circumstance_subjects (RespVerdict *self,
                                                     guint           index);
RESP_AVAILABLE_IN_1_0
guint             resp_verdict_get_n_liable         (RespVerdict    *self);
RESP_AVAILABLE_IN_1_0
const char       *resp_verdict_get_liable_person    (RespVerdict    *self,
                                                     guint           index);
RESP_AVAILABLE_IN_1_0
RespCategory      resp_verdict_get_liable_category  (RespVerdict    *self,
                                                     guint           index);
RESP_AVAILABLE_IN_1_0
char            **resp_verdict_dup_liable_roles     (RespVerdict    *self,
                                                     guint           index);
RESP_AVAILABLE_IN_1_0
char            **resp_verdict_dup_liable_basis     (RespVerdict    *self,
                                                     guint           index);
RESP_AVAILABLE_IN_1_0
guint             resp_verdict_get_liable_n_paths   (RespVerdict    *self,
                                                     guint           index);
RESP_AVAILABLE_IN_1_0
char            **resp_verdict_dup_liable_path      (RespVerdict    *self,
                                                     guint           index,
                                                     guint           path);
RESP_AVAILABLE_IN_1_0
char            **resp_verdict_dup_liable_authority (RespVerdict    *self,
                                                     guint           index);
RESP_AVAILABLE_IN_1_0
char            **resp_verdict_dup_liable_proposer  (RespVerdict    *self,
                                                     guint           index);
RESP_AVAILABLE_IN_1_0
char            **resp_verdict_dup_bodies           (RespVerdict    *self);
RESP_AVAILABLE_IN_1_0
guint             resp_verdict_get_n_exempt         (RespVerdict    *self);
RESP_AVAILABLE_IN_1_0
const char       *resp_verdict_get_exempt_person    (RespVerdict    *self,
                                                     guint           index);
RESP_AVAILABLE_IN_1_0
const char       *resp_verdict_get_exempt_reason    (RespVerdict    *self,
                                                     guint           index);
RESP_AVAILABLE_IN_1_0
char            **resp_verdict_dup_modifiers        (RespVerdict    *self);
RESP_AVAILABLE_IN_1_0
guint             resp_verdict_get_n_derived_facts  (RespVerdict    *self);
RESP_AVAILABLE_IN_1_0
const char       *resp_verdict_get_derived_fact     (RespVerdict    *self,
                                                     guint           index,
                                                     gboolean       *value);
RESP_AVAILABLE_IN_1_0
char            **resp_verdict_dup_derived_fact_evidence (RespVerdict *self,
                                                     guint           index);
RESP_AVAILABLE_IN_1_0
gboolean          resp_verdict_get_derived_fact_is_known (RespVerdict *self,
                                                     guint           index);
RESP_AVAILABLE_IN_1_0
gboolean          resp_verdict_get_grade            (RespVerdict    *self,
                                                     const char    **least,
                                                     const char    **most,
                                                     gboolean       *stated);
RESP_AVAILABLE_IN_1_0
guint             resp_verdict_get_n_hops           (RespVerdict    *self);
RESP_AVAILABLE_IN_1_0
const char       *resp_verdict_get_hop_by           (RespVerdict    *self,
                                                     guint           index);
RESP_AVAILABLE_IN_1_0
const char       *resp_verdict_get_hop_to           (RespVerdict    *self,
                                                     guint           index);
RESP_AVAILABLE_IN_1_0
const char       *resp_verdict_get_hop_kind         (RespVerdict    *self,
                                                     guint           index);
RESP_AVAILABLE_IN_1_0
gboolean          resp_verdict_get_hop_due          (RespVerdict    *self,
                                                     guint           index,
                                                     gint64         *due);
RESP_AVAILABLE_IN_1_0
RespHopStatus     resp_verdict_get_hop_status       (RespVerdict    *self,
                                                     guint           index);
RESP_AVAILABLE_IN_1_0
guint            *resp_verdict_dup_hop_reports      (RespVerdict    *self,
                                                     guint           index,
                                                     guint          *n_reports);
RESP_AVAILABLE_IN_1_0
char            **resp_verdict_dup_notify           (RespVerdict    *self);
RESP_AVAILABLE_IN_1_0
guint             resp_verdict_get_n_warnings       (RespVerdict    *self);
RESP_AVAILABLE_IN_1_0
const char       *resp_verdict_get_warning_code     (RespVerdict    *self,
                                                     guint           index);
RESP_AVAILABLE_IN_1_0
const char       *resp_verdict_get_warning_message  (RespVerdict    *self,
                                                     guint           index);
RESP_AVAILABLE_IN_1_0
char             *resp_verdict_render               (RespVerdict    *self,
                                                     RespFormat      format);
RESP_AVAILABLE_IN_1_0
char             *resp_verdicts_render              (RespVerdict   **verdicts,
                                                     guint           n_verdicts,
                                                     gboolean        as_list,
                                                     RespFormat      format);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RespVerdict, resp_verdict_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RespAssessor, resp_assessor_unref)

G_END_DECLS
