/* resp-diagnostic.h: one problem found in an input file
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__RESP_H_INSIDE__) && !defined(RESP_COMPILATION)
#error "Only <resp/resp.h> can be included directly."
#endif

#include <glib-object.h>

#include "resp-version-macros.h"
#include "resp-error.h"

G_BEGIN_DECLS

#define RESP_TYPE_DIAGNOSTIC (resp_diagnostic_get_type ())

/**
 * RespDiagnostic:
 *
 * One error found while loading an input: its #RespError code, the file,
 * the 1-based line and column (in Unicode code points) of the offending
 * value, and a message. Immutable and reference counted.
 *
 * Since: 1.0
 */
typedef struct _RespDiagnostic RespDiagnostic;

RESP_AVAILABLE_IN_1_0
GType           resp_diagnostic_get_type     (void) G_GNUC_CONST;
RESP_AVAILABLE_IN_1_0
RespDiagnostic *resp_diagnostic_new          (RespError       code,
                                              const char     *file,
                                              guint           line,
                                              guint           column,
                                              const char     *message);
RESP_AVAILABLE_IN_1_0
RespDiagnostic *resp_diagnostic_ref          (RespDiagnostic *self);
RESP_AVAILABLE_IN_1_0
void            resp_diagnostic_unref        (RespDiagnostic *self);
RESP_AVAILABLE_IN_1_0
RespError       resp_diagnostic_get_code     (RespDiagnostic *self);
RESP_AVAILABLE_IN_1_0
const char     *resp_diagnostic_get_file     (RespDiagnostic *self);
RESP_AVAILABLE_IN_1_0
guint           resp_diagnostic_get_line     (RespDiagnostic *self);
RESP_AVAILABLE_IN_1_0
guint           resp_diagnostic_get_column   (RespDiagnostic *self);
RESP_AVAILABLE_IN_1_0
const char     *resp_diagnostic_get_message  (RespDiagnostic *self);
RESP_AVAILABLE_IN_1_0
char           *resp_diagnostic_to_string    (RespDiagnostic *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RespDiagnostic, resp_diagnostic_unref)

G_END_DECLS
