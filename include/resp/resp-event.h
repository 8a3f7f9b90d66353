/* resp-event.h: security events, checked against a model and a rulebook
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

#define RESP_TYPE_EVENT (resp_event_get_type ())
#define RESP_TYPE_EVENT_BATCH (resp_event_batch_get_type ())

/**
 * RespEvent:
 *
 * One security event (verdicts.md, "Events"), valid for the model and rulebook it was
 * loaded against. Immutable and reference counted.
 *
 * Since: 1.0
 */
typedef struct _RespEvent RespEvent;

/**
 * RespEventBatch:
 *
 * The events of one input: one object, a JSON array, or JSON Lines. All are
 * checked before any is assessed; a batch exists only if every event in it
 * is valid. Immutable and reference counted.
 *
 * Since: 1.0
 */
typedef struct _RespEventBatch RespEventBatch;

RESP_AVAILABLE_IN_1_0
GType           resp_event_get_type              (void) G_GNUC_CONST;
RESP_AVAILABLE_IN_1_0
RespEvent      *resp_event_ref                   (RespEvent      *self);
RESP_AVAILABLE_IN_1_0
void            resp_event_unref                 (RespEvent      *self);
RESP_AVAILABLE_IN_1_0
const char     *resp_event_get_id                (RespEvent      *self);
RESP_AVAILABLE_IN_1_0
const char     *resp_event_get_title             (RespEvent      *self);
RESP_AVAILABLE_IN_1_0
gint64          resp_event_get_occurred_at       (RespEvent      *self);

RESP_AVAILABLE_IN_1_0
GType           resp_event_batch_get_type        (void) G_GNUC_CONST;
RESP_AVAILABLE_IN_1_0
RespEventBatch *resp_event_batch_new_from_file   (RespModel      *model,
                                                  RespRulebook   *rulebook,
                                                  const char     *path,
                                                  GPtrArray     **diagnostics,
                                                  GError        **error);
RESP_AVAILABLE_IN_1_0
RespEventBatch *resp_event_batch_new_from_data   (RespModel      *model,
                                                  RespRulebook   *rulebook,
                                                  const char     *data,
                                                  gssize          length,
                                                  const char     *filename,
                                                  GPtrArray     **diagnostics,
                                                  GError        **error);
RESP_AVAILABLE_IN_1_0
RespEventBatch *resp_event_batch_new_from_file_full (RespModel   *model,
                                                  RespRulebook   *rulebook,
                                                  const char     *path,
                                                  const RespLimits *limits,
                                                  GPtrArray     **diagnostics,
                                                  GError        **error);
RESP_AVAILABLE_IN_1_0
RespEventBatch *resp_event_batch_new_from_data_full (RespModel   *model,
                                                  RespRulebook   *rulebook,
                                                  const char     *data,
                                                  gssize          length,
                                                  const char     *filename,
                                                  const RespLimits *limits,
                                                  GPtrArray     **diagnostics,
                                                  GError        **error);
RESP_AVAILABLE_IN_1_0
RespEventBatch *resp_event_batch_ref             (RespEventBatch *self);
RESP_AVAILABLE_IN_1_0
void            resp_event_batch_unref           (RespEventBatch *self);
RESP_AVAILABLE_IN_1_0
guint           resp_event_batch_get_n_events    (RespEventBatch *self);
RESP_AVAILABLE_IN_1_0
RespEvent      *resp_event_batch_get_event       (RespEventBatch *self,
                                                  guint           index);
RESP_AVAILABLE_IN_1_0
gboolean        resp_event_batch_get_is_list     (RespEventBatch *self);

typedef gboolean (*RespEventFunc) (RespEvent *event,
                                   gpointer   user_data);

RESP_AVAILABLE_IN_1_0
gboolean        resp_events_foreach_in_file      (RespModel      *model,
                                                  RespRulebook   *rulebook,
                                                  const char     *path,
                                                  const RespLimits *limits,
                                                  RespEventFunc   func,
                                                  gpointer        user_data,
                                                  gboolean       *is_list,
                                                  GPtrArray     **diagnostics,
                                                  GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RespEvent, resp_event_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RespEventBatch, resp_event_batch_unref)

G_END_DECLS
