/* resp-json-writer-private.h: deterministic JSON output
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Output must be byte-stable (programs diff it), so the library writes JSON
 * itself: two-space indentation, members in the order written, arrays of
 * scalars on one line when asked.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RESP_JSON_WRITER_MAX_DEPTH 64

typedef struct {
  GString *out;
  guint    depth;
  gboolean first[RESP_JSON_WRITER_MAX_DEPTH];
  gboolean inline_[RESP_JSON_WRITER_MAX_DEPTH];
  gboolean after_key;
} RespJsonWriter;

void resp_json_writer_init         (RespJsonWriter *w, GString *out);
void resp_json_writer_begin_object (RespJsonWriter *w);
void resp_json_writer_end_object   (RespJsonWriter *w);
/* inline_: keep the elements on one line (for short lists of ids) */
void resp_json_writer_begin_array  (RespJsonWriter *w, gboolean inline_);
void resp_json_writer_end_array    (RespJsonWriter *w);
void resp_json_writer_key          (RespJsonWriter *w, const char *key);
void resp_json_writer_string       (RespJsonWriter *w, const char *s);
void resp_json_writer_int          (RespJsonWriter *w, gint64 v);
void resp_json_writer_double       (RespJsonWriter *w, double v);
void resp_json_writer_bool         (RespJsonWriter *w, gboolean v);
void resp_json_writer_null         (RespJsonWriter *w);
/* a string member, or null when s is NULL */
void resp_json_writer_member_string (RespJsonWriter *w, const char *key, const char *s);
/* a string, or null when s is NULL */
void resp_json_writer_string_or_null (RespJsonWriter *w, const char *s);
/* a key already quoted, with its ": " (len bytes): see RESP_JSON_KEY */
void resp_json_writer_raw_key      (RespJsonWriter *w, const char *quoted, gsize len);

/* resp_json_writer_key() and _member_string() for a key that is a string
 * literal of the spec's identifiers (letters, digits, '_', nothing to
 * escape): written as it is, quotes and colon included, in one append.
 * Only a literal compiles ("\"" key "\": " joins literals); a key that
 * comes from data (an id, a fact's name) goes through
 * resp_json_writer_key(), which escapes it. */
#define RESP_JSON_KEY(w, key) \
  resp_json_writer_raw_key ((w), "\"" key "\": ", sizeof ("\"" key "\": ") - 1)
#define RESP_JSON_MEMBER_STRING(w, key, s) \
  G_STMT_START { RESP_JSON_KEY (w, key); resp_json_writer_string_or_null ((w), (s)); } G_STMT_END
void resp_json_append_escaped      (GString *out, const char *s);

G_END_DECLS
