/* resp-json-reader-private.h: the one JSON reader behind models, events and rulebooks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A pull tokenizer over an in-memory buffer. It checks the whole JSON grammar
 * (RFC 8259), validates UTF-8, rejects duplicate keys within one object,
 * and reports the 1-based line and column (in Unicode code points) of every
 * token it hands out. It never allocates per token: string values are
 * unescaped into buffers owned by the reader (resp_json_reader_get_string()
 * says for how long each stays valid).
 *
 * The accessors (resp_json_reader_get_*) check nothing: the reader is the
 * caller's own, and they run for every token of a national model.
 *
 * The model loader consumes tokens directly (streaming, so a national model
 * is never held as a tree); small documents (events, rulebooks) are read
 * into a RespJsonNode tree with resp_json_reader_read_tree().
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  RESP_JSON_TOKEN_ERROR = 0,
  RESP_JSON_TOKEN_EOF,
  RESP_JSON_TOKEN_BEGIN_OBJECT,
  RESP_JSON_TOKEN_END_OBJECT,
  RESP_JSON_TOKEN_BEGIN_ARRAY,
  RESP_JSON_TOKEN_END_ARRAY,
  RESP_JSON_TOKEN_KEY,          /* an object member name; the value follows */
  RESP_JSON_TOKEN_STRING,
  RESP_JSON_TOKEN_NUMBER,
  RESP_JSON_TOKEN_TRUE,
  RESP_JSON_TOKEN_FALSE,
  RESP_JSON_TOKEN_NULL,
} RespJsonToken;

/* Why the reader stopped with RESP_JSON_TOKEN_ERROR. */
typedef enum {
  RESP_JSON_READER_OK = 0,
  RESP_JSON_READER_SYNTAX,        /* any grammar violation, bad escape, control char in a string */
  RESP_JSON_READER_INVALID_UTF8,  /* malformed, overlong or surrogate UTF-8 anywhere */
  RESP_JSON_READER_DUPLICATE_KEY, /* the second occurrence of a key in one object */
  RESP_JSON_READER_NUMBER_RANGE,  /* a number that overflows a double */
  RESP_JSON_READER_TOO_DEEP,      /* nesting deeper than max_depth */
  RESP_JSON_READER_TOO_LONG,      /* a string longer than max_string_bytes */
  RESP_JSON_READER_EMPTY,         /* no value at all (empty or whitespace-only input) */
} RespJsonReaderStatus;

#define RESP_JSON_READER_DEFAULT_MAX_DEPTH 256
#define RESP_JSON_READER_DEFAULT_MAX_STRING (16u * 1024u * 1024u)

typedef struct _RespJsonReader RespJsonReader;

/* data must stay valid for the reader's lifetime; it need not be NUL-terminated.
 * A UTF-8 byte-order mark at offset 0 is skipped; one anywhere else is an error.
 * Exactly one top-level value is allowed; anything but whitespace after it is
 * a syntax error (reported by the call that would return EOF). */
RespJsonReader *resp_json_reader_new          (const char *data,
                                               gsize       length);
void            resp_json_reader_free         (RespJsonReader *reader);
void            resp_json_reader_set_limits   (RespJsonReader *reader,
                                               guint           max_depth,
                                               gsize           max_string_bytes);

RespJsonToken   resp_json_reader_next         (RespJsonReader *reader);

/* Reading one long array in two parts, on two threads. A fresh reader
 * starts inside an array that is a member of the top-level object: at
 * offset, the ',' that follows one of its elements, with line and
 * line_start (the offset where that line begins) describing offset. It
 * reads the elements from there and returns END_ARRAY at the array's ']'.
 * Only for arrays at depth 2 ({ "key": [ ... ] }). */
void            resp_json_reader_start_in_array (RespJsonReader *reader,
                                                 gsize           offset,
                                                 guint           line,
                                                 gsize           line_start);
/* Where the token just returned starts: its offset, line and the offset of
 * its line's start (for resp_json_reader_resume_at()). */
void            resp_json_reader_get_position   (RespJsonReader *reader,
                                                 gsize          *offset,
                                                 guint          *line,
                                                 gsize          *line_start);
/* A reader that has just read an element of an array moves on to offset,
 * where the rest of the array was read by another reader: the array's ']'
 * as that reader found it (resp_json_reader_get_position()). The next token
 * is END_ARRAY. Returns FALSE (and changes nothing) if the reader is not
 * just after an array element. */
gboolean        resp_json_reader_resume_at      (RespJsonReader *reader,
                                                 gsize           offset,
                                                 guint           line,
                                                 gsize           line_start);

/* Skip the value that starts with the token just returned (a no-op for a
 * scalar; for BEGIN_OBJECT/BEGIN_ARRAY it consumes up to and including the
 * matching END). Returns FALSE on error. On success, *end_offset (optional)
 * is the byte offset just past the value. */
gboolean        resp_json_reader_skip_value   (RespJsonReader *reader,
                                               gsize          *end_offset);

/* Position of the token just returned (or of the error). Line and column are
 * 1-based; the column counts Unicode code points from the start of the line
 * (a BOM at the start of the file is not counted). offset is in bytes. */
guint           resp_json_reader_get_line     (RespJsonReader *reader);
guint           resp_json_reader_get_column   (RespJsonReader *reader);
gsize           resp_json_reader_get_offset   (RespJsonReader *reader);
guint           resp_json_reader_get_depth    (RespJsonReader *reader);

/* For KEY and STRING: the unescaped, NUL-terminated UTF-8 text (may contain
 * embedded NULs from \u0000; use the length). A STRING's is valid until the
 * next call; a KEY's until the next KEY, so that it can be quoted while its
 * value is read. */
const char     *resp_json_reader_get_string   (RespJsonReader *reader,
                                               gsize          *length);

/* For NUMBER: the value as a double (always finite), whether the literal had
 * neither fraction nor exponent and fits in gint64, and that integer. */
double          resp_json_reader_get_double   (RespJsonReader *reader);
gboolean        resp_json_reader_get_is_int   (RespJsonReader *reader);
gint64          resp_json_reader_get_int      (RespJsonReader *reader);
/* the literal's bytes in the input */
const char     *resp_json_reader_get_raw      (RespJsonReader *reader,
                                               gsize          *length);

/* After RESP_JSON_TOKEN_ERROR: why, and a message in English without position
 * (e.g. "expected ',' or '}' after an object member", "duplicate key 'id'"). */
RespJsonReaderStatus resp_json_reader_get_status  (RespJsonReader *reader);
const char          *resp_json_reader_get_message (RespJsonReader *reader);

/* ---- A small position-aware tree for events and rulebooks ---- */

typedef enum {
  RESP_JSON_NULL,
  RESP_JSON_BOOL,
  RESP_JSON_NUMBER,
  RESP_JSON_STRING,
  RESP_JSON_ARRAY,
  RESP_JSON_OBJECT,
} RespJsonType;

typedef struct _RespJsonNode RespJsonNode;
struct _RespJsonNode {
  RespJsonType  type;
  guint         line;        /* of the value's first character */
  guint         column;
  guint         key_line;    /* for object members: the key's position, else 0 */
  guint         key_column;
  const char   *key;         /* for object members: the member name, else NULL */
  gsize         key_len;     /* its length in bytes (it may hold U+0000) */
  union {
    gboolean    boolean;
    struct { double value; gboolean is_int; gint64 int_value; } number;
    struct { const char *str; gsize len; } string;
    struct { RespJsonNode **items; guint n; } children; /* array elements or object members, in order */
  } v;
};

/* A tree and the arena that owns every node and string in it. */
typedef struct _RespJsonTree RespJsonTree;

/* Reads the value starting at the token just returned by
 * resp_json_reader_next() (which must not be ERROR, EOF, END_* or KEY).
 * Returns NULL on error (the reader's status and position say why). */
RespJsonTree   *resp_json_reader_read_tree    (RespJsonReader *reader,
                                               RespJsonToken   first);
RespJsonNode   *resp_json_tree_get_root       (RespJsonTree   *tree);
void            resp_json_tree_free           (RespJsonTree   *tree);

/* How messages name a value of a type or the value a token starts: "a
 * string", "an object", "null"… (a token that starts no value: "nothing") */
const char     *resp_json_type_name           (RespJsonType    type);
const char     *resp_json_token_name          (RespJsonToken   token);

/* Convenience lookups on a tree node */
RespJsonNode   *resp_json_node_get_member     (RespJsonNode   *object,
                                               const char     *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RespJsonReader, resp_json_reader_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RespJsonTree, resp_json_tree_free)

G_END_DECLS
