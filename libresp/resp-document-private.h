/* resp-document-private.h: small JSON documents (events, rulebooks) with diagnostics
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Rulebooks and event files are small, so they are read whole into a
 * position-aware tree and checked against what each object may hold. The
 * sink collects positioned diagnostics the way the model loader does, and
 * turns them into the GError and the list the API hands back.
 */
#pragma once

#include "resp-json-reader-private.h"
#include "resp-diagnostic.h"
#include "resp-error.h"
#include "resp-limits.h"

G_BEGIN_DECLS

#define RESP_DOCUMENT_MAX_ERRORS 100

typedef struct {
  GPtrArray  *diags;
  const char *file;
  guint       line_offset;   /* added to every line (JSON Lines) */
  guint       max_errors;
} RespDiagSink;

void     resp_diag_sink_init    (RespDiagSink *sink, const char *file);
void     resp_diag_sink_add     (RespDiagSink *sink, RespError code, guint line, guint column,
                                 const char *format, ...) G_GNUC_PRINTF (5, 6);
guint    resp_diag_sink_count   (const RespDiagSink *sink);
/* TRUE when nothing was reported. Otherwise sets error to the first
 * diagnostic by position and hands the sorted list to diagnostics (or frees
 * it). The sink is empty afterwards. */
gboolean resp_diag_sink_finish  (RespDiagSink *sink, GPtrArray **diagnostics, GError **error);

/* Parses one JSON document (exactly one value); on failure reports to the
 * sink and returns NULL. */
RespJsonTree *resp_document_parse (const char *data, gsize length, const RespLimits *limits,
                                   RespDiagSink *sink);

/* Reports every member of obj whose key is not in allowed (NULL-terminated)
 * as RESP_ERROR_UNKNOWN_ATTRIBUTE at the key, with a "did you mean". */
void     resp_document_check_keys (RespDiagSink *sink, const RespJsonNode *obj,
                                   const char * const *allowed, const char *what);

/* Typed member access: reports a wrong type (or, if required, absence at the
 * object's '{') and returns NULL. */
const RespJsonNode *resp_document_member (RespDiagSink *sink, const RespJsonNode *obj,
                                          const char *key, RespJsonType type,
                                          gboolean required, const char *what);
const char *resp_document_string (RespDiagSink *sink, const RespJsonNode *obj,
                                   const char *key, gboolean required, const char *what);
/* A string member holding a date; absent or null leaves *out as it was. */
gboolean resp_document_instant  (RespDiagSink *sink, const RespJsonNode *obj, const char *key,
                                 gint64 *out, const char *what);

const char *resp_json_type_name (RespJsonType type);

/* Writes "KIND 'NAME'" into buf (of size bytes), naming an object in
 * messages. A name too long for buf is cut at a character boundary and
 * ends in "…", so that the message stays valid UTF-8. */
void     resp_document_what     (char *buf, gsize size, const char *kind, const char *name);

/* Reads a whole file within limits (resolved). On failure sets a
 * RESP_ERROR_IO or RESP_ERROR_LIMIT error and, if asked, a one-entry
 * diagnostics list, and returns FALSE. */
gboolean resp_document_read_file (const char *path, const RespLimits *limits, char **data,
                                  gsize *length, GPtrArray **diagnostics, GError **error);

G_END_DECLS
