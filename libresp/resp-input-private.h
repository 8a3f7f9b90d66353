/* resp-input-private.h: the one input pipeline, bytes → reader → diagnostics → GError
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every loader (models, events, rulebooks, and whatever file comes next)
 * takes its bytes the same way (RespInput: from memory or from a file,
 * within RespLimits), reads them through the one JSON reader, and reports
 * what is wrong into the same sink: positioned diagnostics, at most
 * max_errors of them, sorted by position at the end, the first becoming the
 * GError. A loader adds only what is its own: which keys an object takes
 * and what their values mean.
 */
#pragma once

#include "resp-json-reader-private.h"
#include "resp-diagnostic.h"
#include "resp-error.h"
#include "resp-limits.h"

G_BEGIN_DECLS

/* ---- the bytes ---- */

typedef struct {
  const char  *data;      /* NULL only when length is 0 */
  gsize        length;
  const char  *name;      /* the file name for diagnostics */
  RespLimits   limits;    /* resolved: no zero fields */
  GMappedFile *mapping;   /* a file mapped; the caller may steal it */
  char        *copy;      /* a file read into memory, NUL-terminated; may be stolen */
} RespInput;

/* From memory: length < 0 means NUL-terminated, a NULL filename is
 * "<memory>". FALSE (with a RESP_ERROR_LIMIT error and diagnostic) when the
 * data is larger than the limits allow. in->data is the caller's. */
gboolean resp_input_from_data (RespInput *in, const char *data, gssize length,
                               const char *filename, const RespLimits *limits,
                               GPtrArray **diagnostics, GError **error);
/* From a file: read into memory of our own (in->copy, NUL-terminated),
 * never mapped. A mapping of a file is only as good as the file: truncated
 * or rewritten in place by another program while it is read, the mapping
 * kills the process (SIGBUS) at the next touch of a page that is gone.
 * Bytes read are ours; a file changed while it is read gives what read()
 * returned, which the reader then finds well-formed or not. An oversized
 * file is refused before it is read, and one that grows past the limit
 * while it is read is refused too. FALSE with a RESP_ERROR_IO or
 * RESP_ERROR_LIMIT error and a one-entry diagnostics list. */
gboolean resp_input_from_file (RespInput *in, const char *path, const RespLimits *limits,
                               GPtrArray **diagnostics, GError **error);
/* The same, except that a regular file whose first 8 bytes are map_magic
 * (non-NULL) is mapped (in->mapping) instead: for a format whose reader
 * wants it so and whose caller accepts the contract that goes with a
 * mapping (the file is replaced by rename, never changed in place). */
gboolean resp_input_from_file_mapping (RespInput *in, const char *path, const RespLimits *limits,
                                       const char *map_magic, GPtrArray **diagnostics,
                                       GError **error);
void     resp_input_clear     (RespInput *in);

/* ---- what is wrong with them ---- */

typedef struct {
  GPtrArray  *diags;
  const char *file;
  guint       line_offset;   /* added to every line (JSON Lines) */
  guint       max_errors;
  gboolean    fatal;         /* reading on would only add noise: stop */
} RespDiagSink;

void     resp_diag_sink_init    (RespDiagSink *sink, const char *file, guint max_errors);
/* Adds a diagnostic; once max_errors are collected the sink says "too many
 * errors; stopping here" and turns fatal. */
void     resp_diag_sink_add     (RespDiagSink *sink, RespError code, guint line, guint column,
                                 const char *format, ...) G_GNUC_PRINTF (5, 6);
/* Reports why the reader stopped, at its position, and turns fatal. */
void     resp_diag_sink_add_reader_error (RespDiagSink *sink, RespJsonReader *reader);
/* Moves the diagnostics of from into sink, within sink's cap; from is
 * left empty. */
void     resp_diag_sink_take    (RespDiagSink *sink, RespDiagSink *from);
guint    resp_diag_sink_count   (const RespDiagSink *sink);
/* TRUE when nothing was reported. Otherwise sets error to the first
 * diagnostic by position and hands the sorted list to diagnostics (or frees
 * it). The sink cannot be used afterwards. */
gboolean resp_diag_sink_finish  (RespDiagSink *sink, GPtrArray **diagnostics, GError **error);

/* ---- what streaming readers share ---- */

/* The next token of r; a reader error is reported to the sink. Inline:
 * the loaders call it for every token. */
static inline RespJsonToken
resp_diag_sink_next (RespDiagSink *sink, RespJsonReader *r)
{
  RespJsonToken t = resp_json_reader_next (r);

  if (G_UNLIKELY (t == RESP_JSON_TOKEN_ERROR))
    resp_diag_sink_add_reader_error (sink, r);
  return t;
}
/* Skips the rest of a value whose first token was just read; FALSE (the
 * reader's error reported) when it cannot. */
static inline gboolean
resp_diag_sink_skip (RespDiagSink *sink, RespJsonReader *r, RespJsonToken first)
{
  if (first == RESP_JSON_TOKEN_ERROR)
    return FALSE;
  if (G_UNLIKELY (!resp_json_reader_skip_value (r, NULL)))
    {
      resp_diag_sink_add_reader_error (sink, r);
      return FALSE;
    }
  return TRUE;
}
/* Line and column of byte offset off of data, counted on from a known
 * position (line, col at byte from); columns count code points. Worked out
 * only for a message, so a streaming reader keeps offsets, not positions. */
void     resp_input_pos          (const char *data, guint line, guint col, gsize from, gsize off,
                                  guint *out_line, guint *out_col);

/* The RespError a reader's stop reason is reported as. */
RespError resp_input_reader_code (RespJsonReaderStatus status);

/* Ids (of nodes, of record entries): SPEC §3.1, 1–256 bytes, no whitespace
 * or control characters. NULL when s (len bytes) is a good id, else what is
 * wrong with it (static text). */
#define RESP_MAX_ID_BYTES 256
const char *resp_input_check_id (const char *s, gsize len);

/* " (did you mean 'X'?)" for the nearest of names to name, or "" when none
 * is near: written into buf (of size bytes), which is returned. */
const char *resp_input_hint     (char *buf, gsize size, const char * const *names, guint n,
                                 const char *name);

G_END_DECLS
