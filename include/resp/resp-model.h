/* resp-model.h: the frozen responsibility model
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
#include "resp-limits.h"

G_BEGIN_DECLS

#define RESP_TYPE_MODEL (resp_model_get_type ())

/**
 * RespModel:
 *
 * A loaded model (model.md): regions, committees, units, people, systems and
 * sectors, and the dated relations between them. A model is immutable once
 * loaded and may be queried from many threads at once. Reference counted.
 *
 * Since: 1.0
 */
typedef struct _RespModel RespModel;

/**
 * RespModelFlags:
 * @RESP_MODEL_FLAGS_NONE: the defaults: a snapshot is mapped, not copied
 * @RESP_MODEL_FLAGS_PRIVATE_COPY: a snapshot is read into memory the model
 *   owns instead of being mapped, so that nothing another program does to
 *   the file afterwards (truncating it, writing over it in place) can reach
 *   the model; it costs the snapshot's size in memory, per model, and the
 *   time to read it. A program that keeps a model open for long, or that
 *   cannot control how the file is replaced, wants it. A model file (JSON)
 *   is always read into memory, with or without it.
 *
 * How resp_model_new_from_file_with_flags() takes a file in.
 *
 * Since: 1.0
 */
typedef enum /*< flags >*/ {
  RESP_MODEL_FLAGS_NONE = 0,
  RESP_MODEL_FLAGS_PRIVATE_COPY = 1 << 0,
} RespModelFlags;

RESP_AVAILABLE_IN_1_0
GType        resp_model_get_type            (void) G_GNUC_CONST;

RESP_AVAILABLE_IN_1_0
RespModel   *resp_model_new_from_file       (const char  *path,
                                             GPtrArray  **diagnostics,
                                             GError     **error);
RESP_AVAILABLE_IN_1_0
RespModel   *resp_model_new_from_data       (const char  *data,
                                             gssize       length,
                                             const char  *filename,
                                             GPtrArray  **diagnostics,
                                             GError     **error);
RESP_AVAILABLE_IN_1_0
RespModel   *resp_model_new_from_file_full  (const char  *path,
                                             const RespLimits *limits,
                                             GPtrArray  **diagnostics,
                                             GError     **error);
RESP_AVAILABLE_IN_1_0
RespModel   *resp_model_new_from_file_with_flags (const char       *path,
                                                  RespModelFlags    flags,
                                                  const RespLimits *limits,
                                                  GPtrArray       **diagnostics,
                                                  GError          **error);
RESP_AVAILABLE_IN_1_0
RespModel   *resp_model_new_from_data_full  (const char  *data,
                                             gssize       length,
                                             const char  *filename,
                                             const RespLimits *limits,
                                             GPtrArray  **diagnostics,
                                             GError     **error);
RESP_AVAILABLE_IN_1_0
gboolean     resp_model_write_snapshot      (RespModel   *self,
                                             const char  *path,
                                             GError     **error);
RESP_AVAILABLE_IN_1_0
RespModel   *resp_model_ref                 (RespModel   *self);
RESP_AVAILABLE_IN_1_0
void         resp_model_unref               (RespModel   *self);

RESP_AVAILABLE_IN_1_0
const char  *resp_model_get_name            (RespModel   *self);
RESP_AVAILABLE_IN_1_0
const char  *resp_model_get_source          (RespModel   *self);
RESP_AVAILABLE_IN_1_0
guint        resp_model_get_n_nodes         (RespModel   *self);
RESP_AVAILABLE_IN_1_0
guint        resp_model_get_n_relations     (RespModel   *self);
RESP_AVAILABLE_IN_1_0
gboolean     resp_model_has_node            (RespModel   *self,
                                             const char  *id);
RESP_AVAILABLE_IN_1_0
gboolean     resp_model_get_node_type       (RespModel   *self,
                                             const char  *id,
                                             RespNodeType *type);
RESP_AVAILABLE_IN_1_0
const char  *resp_model_get_node_name       (RespModel   *self,
                                             const char  *id);
RESP_AVAILABLE_IN_1_0
const char  *resp_model_get_node_attribute  (RespModel   *self,
                                             const char  *id,
                                             const char  *attribute);
RESP_AVAILABLE_IN_1_0
const char  *resp_model_get_node_extra      (RespModel   *self,
                                             const char  *id);
RESP_AVAILABLE_IN_1_0
guint        resp_model_count_nodes_of_type (RespModel   *self,
                                             RespNodeType type);
RESP_AVAILABLE_IN_1_0
char       **resp_model_dup_node_ids        (RespModel   *self,
                                             RespNodeType type);
RESP_AVAILABLE_IN_1_0
char        *resp_model_render              (RespModel   *self,
                                             RespFormat   format);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RespModel, resp_model_unref)

G_END_DECLS
