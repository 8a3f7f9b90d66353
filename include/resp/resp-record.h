/* resp-record.h: the record of duties done, checked against a model and a rulebook
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__RESP_H_INSIDE__) && !defined(RESP_COMPILATION)
#error "Only <resp/resp.h> can be included directly."
#endif

#include <glib-object.h>

#include "resp-version-macros.h"
#include "resp-model.h"
#include "resp-rulebook.h"
#include "resp-limits.h"

G_BEGIN_DECLS

#define RESP_TYPE_RECORD (resp_record_get_type ())

/**
 * RespRecord:
 *
 * A record file (docs/duties.md, "The record file"): what was done
 * (meetings held, plans adopted, assessments, notices and their
 * rectification) and where the record declares itself complete. Valid for
 * the model and rulebook it was loaded against. Immutable and reference
 * counted; safe to share between threads.
 *
 * Since: 1.0
 */
typedef struct _RespRecord RespRecord;

RESP_AVAILABLE_IN_1_0
GType       resp_record_get_type           (void) G_GNUC_CONST;
RESP_AVAILABLE_IN_1_0
RespRecord *resp_record_new_from_file      (RespModel         *model,
                                            RespRulebook      *rulebook,
                                            const char        *path,
                                            GPtrArray        **diagnostics,
                                            GError           **error);
RESP_AVAILABLE_IN_1_0
RespRecord *resp_record_new_from_data      (RespModel         *model,
                                            RespRulebook      *rulebook,
                                            const char        *data,
                                            gssize             length,
                                            const char        *filename,
                                            GPtrArray        **diagnostics,
                                            GError           **error);
RESP_AVAILABLE_IN_1_0
RespRecord *resp_record_new_from_file_full (RespModel         *model,
                                            RespRulebook      *rulebook,
                                            const char        *path,
                                            const RespLimits  *limits,
                                            GPtrArray        **diagnostics,
                                            GError           **error);
RESP_AVAILABLE_IN_1_0
RespRecord *resp_record_new_from_data_full (RespModel         *model,
                                            RespRulebook      *rulebook,
                                            const char        *data,
                                            gssize             length,
                                            const char        *filename,
                                            const RespLimits  *limits,
                                            GPtrArray        **diagnostics,
                                            GError           **error);
RESP_AVAILABLE_IN_1_0
RespRecord *resp_record_ref                (RespRecord        *self);
RESP_AVAILABLE_IN_1_0
void        resp_record_unref              (RespRecord        *self);
RESP_AVAILABLE_IN_1_0
guint       resp_record_get_n_entries      (RespRecord        *self);
RESP_AVAILABLE_IN_1_0
const char *resp_record_get_entry_id       (RespRecord        *self,
                                            guint              index);
RESP_AVAILABLE_IN_1_0
const char *resp_record_get_entry_kind     (RespRecord        *self,
                                            guint              index);
RESP_AVAILABLE_IN_1_0
const char *resp_record_get_entry_node     (RespRecord        *self,
                                            guint              index);
RESP_AVAILABLE_IN_1_0
gint64      resp_record_get_entry_at       (RespRecord        *self,
                                            guint              index);
RESP_AVAILABLE_IN_1_0
const char *resp_record_get_entry_ref      (RespRecord        *self,
                                            guint              index);
RESP_AVAILABLE_IN_1_0
const char *resp_record_get_entry_note     (RespRecord        *self,
                                            guint              index);
RESP_AVAILABLE_IN_1_0
gboolean    resp_record_lookup_entry       (RespRecord        *self,
                                            const char        *id,
                                            guint             *out_index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RespRecord, resp_record_unref)

G_END_DECLS
