/* resp-document-private.h: small JSON documents (events, rulebooks) read as trees
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Rulebooks and event files are small, so they are read whole into a
 * position-aware tree and checked against what each object may hold; what
 * is wrong goes into the input pipeline's sink (resp-input-private.h).
 */
#pragma once

#include "resp-input-private.h"

G_BEGIN_DECLS

/* Parses one JSON document (exactly one value, with no U+0000 in a string
 * or a member name); on failure reports to the sink and returns NULL. */
RespJsonTree *resp_document_parse (const char *data, gsize length, const RespLimits *limits,
                                   RespDiagSink *sink);

/* Reads one value from r whose first token was just returned, as
 * resp_document_parse() reads a document (no U+0000 in a string or a
 * member name); on failure reports to the sink and returns NULL. For the
 * elements of a long top-level array, read one at a time. */
RespJsonTree *resp_document_read_value (RespJsonReader *r, RespJsonToken first, RespDiagSink *sink);

/* Reports every member of obj whose key is not in allowed (NULL-terminated)
 * as RESP_ERROR_UNKNOWN_ATTRIBUTE at the key, with a "did you mean". */
void     resp_document_check_keys (RespDiagSink *sink, const RespJsonNode *obj,
                                   const char * const *allowed, const char *what);

/* Element i of the array arr when it is an object; otherwise reports
 * "[WHAT: ]NOUN must be an object" at it and returns NULL. */
const RespJsonNode *resp_document_object_at (RespDiagSink *sink, const RespJsonNode *arr, guint i,
                                             const char *what, const char *noun);

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

/* Writes "KIND 'NAME'" into buf (of size bytes), naming an object in
 * messages. A name too long for buf is cut at a character boundary and
 * ends in "…", so that the message stays valid UTF-8. */
void     resp_document_what     (char *buf, gsize size, const char *kind, const char *name);

G_END_DECLS
