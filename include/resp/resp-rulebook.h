/* resp-rulebook.h: the legal rules as data
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__RESP_H_INSIDE__) && !defined(RESP_COMPILATION)
#error "Only <resp/resp.h> can be included directly."
#endif

#include <glib-object.h>

#include "resp-version-macros.h"
#include "resp-limits.h"

G_BEGIN_DECLS

#define RESP_TYPE_RULEBOOK (resp_rulebook_get_type ())

/**
 * RespRulebook:
 *
 * A loaded rulebook (docs/rulebook.md): facts, parameters, circumstances,
 * liability rules, exemptions and modifiers, with their citations.
 * Immutable and reference counted; safe to share between threads.
 *
 * Since: 1.0
 */
typedef struct _RespRulebook RespRulebook;

RESP_AVAILABLE_IN_1_0
GType         resp_rulebook_get_type          (void) G_GNUC_CONST;
RESP_AVAILABLE_IN_1_0
RespRulebook *resp_rulebook_new_default       (void);
RESP_AVAILABLE_IN_1_0
RespRulebook *resp_rulebook_new_from_file     (const char    *path,
                                               GPtrArray    **diagnostics,
                                               GError       **error);
RESP_AVAILABLE_IN_1_0
RespRulebook *resp_rulebook_new_from_data     (const char    *data,
                                               gssize         length,
                                               const char    *filename,
                                               GPtrArray    **diagnostics,
                                               GError       **error);
RESP_AVAILABLE_IN_1_0
RespRulebook *resp_rulebook_new_from_file_full (const char   *path,
                                               const RespLimits *limits,
                                               GPtrArray    **diagnostics,
                                               GError       **error);
RESP_AVAILABLE_IN_1_0
RespRulebook *resp_rulebook_new_from_data_full (const char   *data,
                                               gssize         length,
                                               const char    *filename,
                                               const RespLimits *limits,
                                               GPtrArray    **diagnostics,
                                               GError       **error);
RESP_AVAILABLE_IN_1_0
RespRulebook *resp_rulebook_ref               (RespRulebook  *self);
RESP_AVAILABLE_IN_1_0
void          resp_rulebook_unref             (RespRulebook  *self);
RESP_AVAILABLE_IN_1_0
const char   *resp_rulebook_get_id            (RespRulebook  *self);
RESP_AVAILABLE_IN_1_0
const char   *resp_rulebook_get_title         (RespRulebook  *self);
RESP_AVAILABLE_IN_1_0
const char   *resp_rulebook_get_text          (RespRulebook  *self);
RESP_AVAILABLE_IN_1_0
guint         resp_rulebook_get_n_circumstances (RespRulebook *self);
RESP_AVAILABLE_IN_1_0
const char   *resp_rulebook_get_circumstance_id (RespRulebook *self,
                                                 guint         index);
RESP_AVAILABLE_IN_1_0
char        **resp_rulebook_dup_fact_names    (RespRulebook  *self);
RESP_AVAILABLE_IN_1_0
GBytes       *resp_rulebook_get_default_source (void);
RESP_AVAILABLE_IN_1_0
char        **resp_rulebook_list_shipped      (void);
RESP_AVAILABLE_IN_1_0
GBytes       *resp_rulebook_get_shipped_source (const char  *name);
RESP_AVAILABLE_IN_1_0
RespRulebook *resp_rulebook_new_shipped       (const char    *name,
                                               GError       **error);
RESP_AVAILABLE_IN_1_0
RespRulebook *resp_rulebook_new_layered       (const char * const *layers,
                                               const RespLimits   *limits,
                                               GPtrArray         **diagnostics,
                                               GError            **error);
RESP_AVAILABLE_IN_1_0
RespRulebook *resp_rulebook_add_layer_from_data (RespRulebook     *below,
                                                 const char       *data,
                                                 gssize            length,
                                                 const char       *filename,
                                                 const RespLimits *limits,
                                                 GPtrArray       **diagnostics,
                                                 GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RespRulebook, resp_rulebook_unref)

G_END_DECLS
