/* resp-json-reader.c: the one JSON reader behind models, events and rulebooks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Design notes:
 *
 * - Nothing here recurses. Open containers live on an explicit stack of
 *   frames; read_tree() and skip_value() are loops over next().
 *
 * - get_depth() is the number of containers open after the token just
 *   returned: 1 after the top-level BEGIN_OBJECT, 0 again after its END.
 *   max_depth bounds that number, so the default allows 256 nested
 *   containers and rejects the 257th opening bracket.
 *
 * - Lines only ever end in whitespace between tokens (a raw newline inside a
 *   string is an error), so the whitespace skipper is the only code that
 *   counts lines. Columns are counted lazily, when asked for, from the last
 *   position asked about on the same line: a 150 MB file on one line costs
 *   one pass, not one pass per token.
 *
 * - skip_value() after a KEY skips that member's value. read_tree() stops
 *   right after the value it reads, like skip_value(): what follows (EOF, or
 *   the rest of the enclosing container) is for the caller to read.
 *
 * - Errors are reported at the offending character, except for a few cases
 *   where the token as a whole is at fault: an unterminated or over-long
 *   string (its opening quote), a malformed number or literal (its first
 *   character) and a duplicate key (its opening quote).
 */

#include "resp-json-reader-private.h"
#include "resp-swar-private.h"

#include <math.h>
#include <string.h>

typedef enum {
  STATE_START,        /* nothing read yet */
  STATE_OBJECT_FIRST, /* just after '{': a key or '}' */
  STATE_AFTER_KEY,    /* just after a member name: ':' and a value */
  STATE_ARRAY_FIRST,  /* just after '[': a value or ']' */
  STATE_AFTER_VALUE,  /* after a complete value: ',', a closing bracket or the end */
  STATE_DONE,         /* EOF was returned */
  STATE_FAILED,       /* ERROR was returned */
} ReaderState;

/* A member name of one of the open objects; its bytes are in key_bytes.
 * Comparing the first eight bytes as one word settles most comparisons of
 * short keys without a memcmp() or a hash. */
typedef struct {
  gsize   offset;
  gsize   length;
  guint64 prefix;  /* the first 8 bytes, zero-padded */
  guint32 hash;    /* only set while the object has a hash index */
} KeyEntry;

typedef struct {
  guchar   kind;       /* '{' or '[' */
  gsize    first_key;  /* index in keys of this object's first member name */
  gsize    bytes_mark; /* key_bytes_len when the object opened */
  guint32 *table;      /* for big objects: open addressing over keys, index + 1 (0 = free) */
  gsize    table_size; /* slots, a power of two */
} Frame;

struct _RespJsonReader {
  const guchar *data;
  gsize         length;
  gsize         start;       /* 3 after a byte-order mark, else 0 */
  gsize         pos;         /* next byte to look at */
  guint         line;        /* line of pos */
  gsize         line_start;  /* offset where that line starts */
  ReaderState   state;
  RespJsonToken token;       /* the token just returned */

  /* Where the token just returned (or the error) is */
  gsize         tok_offset;
  gsize         tok_end;
  guint         tok_line;
  gsize         tok_line_start;

  /* The last column computed, to count on from there */
  gsize         col_line_start;
  gsize         col_offset;
  guint         col;

  guint         max_depth;
  gsize         max_string;

  Frame        *frames;
  guint         depth;
  guint         frames_alloc;

  KeyEntry     *keys;
  gsize         n_keys;
  gsize         keys_alloc;
  guchar       *key_bytes;
  gsize         key_bytes_len;
  gsize         key_bytes_alloc;

  /* The unescaped string of a KEY or STRING, or scratch space for numbers */
  char         *buf;
  gsize         buf_len;
  gsize         buf_alloc;

  /* The last member name: read_key() swaps it out of buf, so that reading
   * the member's value does not overwrite or reallocate it */
  char         *key_buf;
  gsize         key_buf_len;
  gsize         key_buf_alloc;

  double        number;
  gint64        int_value;
  gboolean      is_int;

  RespJsonReaderStatus status;
  char         *message;
};

/* Objects with more members than this get a hash index; below it a linear
 * scan over the (prefix, length) pairs is faster than any table. */
#define LINEAR_KEY_LIMIT 32

/* Numbers longer than this are copied to the heap buffer for strtod */
#define NUMBER_SCRATCH 64
/* No number of any format libresp reads is longer; a longer one is an
 * error before any conversion (a number of 2e9 digits took a minute and
 * twice its size in memory to convert). */
#define NUMBER_MAX_LEN 1024

/* 1 for the bytes that stand for themselves in a string and need no closer
 * look: ASCII from 0x20 up (DEL included, as JSON allows), except '"' and
 * '\\'. */
static const guint8 string_plain[256] = {
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x00 */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
  1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x20: '"' */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x30 */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x40 */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* 0x50: '\\' */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x60 */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x70 */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x80 */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* ---- Errors and positions ---- */

static RespJsonToken fail (RespJsonReader       *r,
                           RespJsonReaderStatus  status,
                           gsize                 offset,
                           const char           *format,
                           ...) G_GNUC_PRINTF (4, 5);

/* Errors are final: the reader stays in STATE_FAILED, so the message is
 * allocated at most once. */
static RespJsonToken
fail (RespJsonReader       *r,
      RespJsonReaderStatus  status,
      gsize                 offset,
      const char           *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_free (r->message);
  r->message = g_strdup_vprintf (format, args);
  va_end (args);

  r->status = status;
  r->state = STATE_FAILED;
  r->token = RESP_JSON_TOKEN_ERROR;
  r->tok_offset = offset;
  r->tok_end = offset;
  /* Every error offset is on the current line: errors inside a token are on
   * the token's line because tokens never span lines. */
  r->tok_line = r->line;
  r->tok_line_start = r->line_start;
  r->buf_len = 0;
  return RESP_JSON_TOKEN_ERROR;
}

static inline RespJsonToken
emit (RespJsonReader *r,
      RespJsonToken   token,
      gsize           offset,
      gsize           end)
{
  r->token = token;
  r->tok_offset = offset;
  r->tok_end = end;
  r->tok_line = r->line;
  r->tok_line_start = r->line_start;
  r->pos = end;
  return token;
}

static inline gsize
skip_whitespace (RespJsonReader *r,
                 gsize           p)
{
  const guchar *d = r->data;
  gsize end = r->length;

  while (p < end)
    {
      guchar c = d[p];

      if (c > ' ')
        break;
      if (c == ' ' || c == '\t' || c == '\r')
        p++;
      else if (c == '\n')
        {
          p++;
          r->line++;
          r->line_start = p;
        }
      else
        break;
    }

  return p;
}

/* ---- UTF-8 ---- */

/* The length of the well-formed UTF-8 sequence whose lead byte (>= 0x80) is
 * at p, or 0. Rejects overlong forms, UTF-16 surrogates, code points above
 * U+10FFFF and sequences cut short (by the end of input or otherwise). */
static inline gsize
utf8_sequence_length (const guchar *p,
                      gsize         avail)
{
  guchar c = p[0];
  guchar lo = 0x80, hi = 0xBF;

  if (c >= 0xC2 && c <= 0xDF)
    return avail >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;

  if (c >= 0xE0 && c <= 0xEF)
    {
      if (c == 0xE0)
        lo = 0xA0;
      else if (c == 0xED)
        hi = 0x9F;
      if (avail < 3 || p[1] < lo || p[1] > hi || (p[2] & 0xC0) != 0x80)
        return 0;
      return 3;
    }

  if (c >= 0xF0 && c <= 0xF4)
    {
      if (c == 0xF0)
        lo = 0x90;
      else if (c == 0xF4)
        hi = 0x8F;
      if (avail < 4 || p[1] < lo || p[1] > hi ||
          (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
        return 0;
      return 4;
    }

  return 0;
}

static gsize
utf8_encode (guint32  cp,
             guchar  *out)
{
  if (cp < 0x80)
    {
      out[0] = cp;
      return 1;
    }
  if (cp < 0x800)
    {
      out[0] = 0xC0 | (cp >> 6);
      out[1] = 0x80 | (cp & 0x3F);
      return 2;
    }
  if (cp < 0x10000)
    {
      out[0] = 0xE0 | (cp >> 12);
      out[1] = 0x80 | ((cp >> 6) & 0x3F);
      out[2] = 0x80 | (cp & 0x3F);
      return 3;
    }
  out[0] = 0xF0 | (cp >> 18);
  out[1] = 0x80 | ((cp >> 12) & 0x3F);
  out[2] = 0x80 | ((cp >> 6) & 0x3F);
  out[3] = 0x80 | (cp & 0x3F);
  return 4;
}

static inline gboolean
is_bom (RespJsonReader *r,
        gsize           p)
{
  return r->length - p >= 3 &&
         r->data[p] == 0xEF && r->data[p + 1] == 0xBB && r->data[p + 2] == 0xBF;
}

/* An unexpected byte at p where the grammar wanted something else: say the
 * most specific thing we can about it. */
static RespJsonToken
fail_unexpected (RespJsonReader *r,
                 gsize           p,
                 const char     *what)
{
  if (p >= r->length)
    return fail (r, RESP_JSON_READER_SYNTAX, p, "unexpected end of input");
  if (is_bom (r, p))
    return fail (r, RESP_JSON_READER_SYNTAX, p,
                 "byte-order mark not at the start of the input");
  if (r->data[p] >= 0x80 && utf8_sequence_length (r->data + p, r->length - p) == 0)
    return fail (r, RESP_JSON_READER_INVALID_UTF8, p, "invalid UTF-8");
  return fail (r, RESP_JSON_READER_SYNTAX, p, "%s", what);
}

/* ---- Strings ---- */

static void
buf_reserve (RespJsonReader *r,
             gsize           needed)
{
  gsize size;

  if (needed <= r->buf_alloc)
    return;
  size = MAX (r->buf_alloc, 64);
  while (size < needed)
    size *= 2;
  r->buf = g_realloc (r->buf, size);
  r->buf_alloc = size;
}

/* Appends to the string being unescaped, keeping room for the NUL. */
static inline gboolean
buf_append (RespJsonReader *r,
            gsize           quote,
            const guchar   *bytes,
            gsize           n)
{
  if (n > r->max_string - r->buf_len)
    {
      fail (r, RESP_JSON_READER_TOO_LONG, quote,
            "string longer than %" G_GSIZE_FORMAT " bytes", r->max_string);
      return FALSE;
    }
  if (r->buf_len + n >= r->buf_alloc)
    buf_reserve (r, r->buf_len + n + 1);
  memcpy (r->buf + r->buf_len, bytes, n);
  r->buf_len += n;
  return TRUE;
}

/* buf_append() for a run of the input at src, which ends at end. Most runs
 * are short: when there is room on both sides, copying a fixed 16 bytes is
 * a pair of moves instead of a call to memcpy(). */
static inline gboolean
buf_append_run (RespJsonReader *r,
                gsize           quote,
                const guchar   *src,
                const guchar   *end)
{
  gsize n = end - src;

  if (n <= 16 && (gsize) (r->data + r->length - src) >= 16 &&
      r->buf_alloc - r->buf_len > 16 && n <= r->max_string - r->buf_len)
    {
      memcpy (r->buf + r->buf_len, src, 16);
      r->buf_len += n;
      return TRUE;
    }
  return buf_append (r, quote, src, n);
}

static inline int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  c |= 0x20;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/* Four hex digits at p: 1 and *cp, 0 if one is not a hex digit, -1 if the
 * input ends first. */
static int
read_hex4 (const guchar *d,
           gsize         p,
           gsize         end,
           guint32      *cp)
{
  guint32 v = 0;
  int i;

  for (i = 0; i < 4; i++)
    {
      int h;

      if (p + i >= end)
        return -1;
      h = hex_value (d[p + i]);
      if (h < 0)
        return 0;
      v = (v << 4) | (guint32) h;
    }
  *cp = v;
  return 1;
}

/* The escape whose backslash is at p. Returns the offset after it, or 0
 * on error (an escape never ends at offset 0). */
static gsize
read_escape (RespJsonReader *r,
             gsize           quote,
             gsize           p)
{
  const guchar *d = r->data;
  gsize end = r->length;
  guchar out[4];
  guint32 cp, low;
  gsize n;
  int ok;

  if (p + 1 >= end)
    {
      fail (r, RESP_JSON_READER_SYNTAX, quote, "unterminated string");
      return 0;
    }

  switch (d[p + 1])
    {
    case '"':
    case '\\':
    case '/':
      out[0] = d[p + 1];
      break;
    case 'b':
      out[0] = '\b';
      break;
    case 'f':
      out[0] = '\f';
      break;
    case 'n':
      out[0] = '\n';
      break;
    case 'r':
      out[0] = '\r';
      break;
    case 't':
      out[0] = '\t';
      break;
    case 'u':
      ok = read_hex4 (d, p + 2, end, &cp);
      if (ok < 0)
        goto unterminated;
      if (ok == 0)
        goto bad_u;
      if (cp >= 0xDC00 && cp <= 0xDFFF)
        goto lone;
      if (cp >= 0xD800 && cp <= 0xDBFF)
        {
          /* Only a \u escape of a low surrogate may follow */
          if (p + 6 >= end)
            goto unterminated;
          if (d[p + 6] != '\\')
            goto lone;
          if (p + 7 >= end)
            goto unterminated;
          if (d[p + 7] != 'u')
            goto lone;
          ok = read_hex4 (d, p + 8, end, &low);
          if (ok < 0)
            goto unterminated;
          if (ok == 0)
            {
              p += 6;
              goto bad_u;
            }
          if (low < 0xDC00 || low > 0xDFFF)
            goto lone;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          n = utf8_encode (cp, out);
          return buf_append (r, quote, out, n) ? p + 12 : 0;
        }
      n = utf8_encode (cp, out);
      return buf_append (r, quote, out, n) ? p + 6 : 0;
    default:
      fail (r, RESP_JSON_READER_SYNTAX, p, "invalid escape");
      return 0;
    }

  return buf_append (r, quote, out, 1) ? p + 2 : 0;

unterminated:
  fail (r, RESP_JSON_READER_SYNTAX, quote, "unterminated string");
  return 0;
bad_u:
  fail (r, RESP_JSON_READER_SYNTAX, p, "invalid \\u escape");
  return 0;
lone:
  fail (r, RESP_JSON_READER_SYNTAX, p, "invalid \\u escape (lone surrogate)");
  return 0;
}

/* Marks with its high bit each byte of w that string_plain rejects: what
 * JSON escapes, and every byte of multi-byte UTF-8 (checked elsewhere). */
static inline guint64
special_bytes (guint64 w)
{
  return resp_swar_json_escapes (w) | (w & RESP_SWAR_HIGHS);
}

/* The offset of the first byte from p on that string_plain rejects, or end.
 * Looking at eight bytes at a time matters: most strings in a model are a
 * few bytes long, and a byte loop mispredicts its exit on every one. */
static inline gsize
scan_plain (const guchar *d,
            gsize         p,
            gsize         end)
{
#ifdef RESP_HAVE_SWAR
  while (end - p >= 8)
    {
      guint64 special = special_bytes (resp_swar_load (d + p));

      if (special != 0)
        return p + resp_swar_first (special);
      p += 8;
    }
#endif
  while (p < end && string_plain[d[p]])
    p++;
  return p;
}

/* The general case of read_string(): escapes, non-ASCII text, long runs
 * and every error. [quote + 1, p) is plain text already scanned. */
static gboolean
read_string_slow (RespJsonReader *r,
                  gsize           quote,
                  gsize           p)
{
  const guchar *d = r->data;
  gsize end = r->length;
  gsize run = quote + 1;

  r->buf_len = 0;

  for (;;)
    {
      /* Runs of characters that stand for themselves are copied in one go.
       * Multi-byte UTF-8 is checked where it is and stays part of the run. */
      while (p < end && d[p] >= 0x80)
        {
          gsize n = utf8_sequence_length (d + p, end - p);

          if (n == 0)
            {
              fail (r, RESP_JSON_READER_INVALID_UTF8, p, "invalid UTF-8");
              return FALSE;
            }
          p = scan_plain (d, p + n, end);
        }

      if (p > run && !buf_append_run (r, quote, d + run, d + p))
        return FALSE;

      if (p >= end)
        {
          fail (r, RESP_JSON_READER_SYNTAX, quote, "unterminated string");
          return FALSE;
        }
      if (d[p] == '"')
        break;
      if (d[p] != '\\')
        {
          fail (r, RESP_JSON_READER_SYNTAX, p, "control character in string");
          return FALSE;
        }
      p = read_escape (r, quote, p);
      if (p == 0)
        return FALSE;
      run = p;
      p = scan_plain (d, p, end);
    }

  buf_reserve (r, r->buf_len + 1);
  r->buf[r->buf_len] = '\0';
  r->pos = p + 1;
  return TRUE;
}

/* Unescapes the string whose opening quote is at quote into buf. On success
 * pos is just past the closing quote.
 *
 * Most strings in a model are short plain ASCII: those are copied here with
 * one fixed-size move (buf always has room for 16 bytes and more), without
 * the call and the bookkeeping of the general case. */
static inline gboolean
read_string (RespJsonReader *r,
             gsize           quote)
{
  const guchar *d = r->data;
  gsize p = scan_plain (d, quote + 1, r->length);
  gsize n = p - quote - 1;

  if (G_LIKELY (p < r->length && d[p] == '"' && n <= 16 &&
                r->length - (quote + 1) >= 16 && n <= r->max_string))
    {
      memcpy (r->buf, d + quote + 1, 16);
      r->buf[n] = '\0';
      r->buf_len = n;
      r->pos = p + 1;
      return TRUE;
    }

  return read_string_slow (r, quote, p);
}

/* ---- Duplicate keys ---- */

static inline guint32
hash_bytes (const guchar *s,
            gsize         n)
{
  /* FNV-1a: keys are short, so a simple byte loop is enough */
  guint32 h = 2166136261u;
  gsize i;

  for (i = 0; i < n; i++)
    {
      h ^= s[i];
      h *= 16777619u;
    }
  return h;
}

static inline gboolean
key_matches (RespJsonReader *r,
             const KeyEntry *e,
             guint64         prefix,
             const char     *s,
             gsize           n)
{
  return e->prefix == prefix && e->length == n &&
         (n <= 8 || memcmp (r->key_bytes + e->offset + 8, s + 8, n - 8) == 0);
}

static void
table_insert (Frame    *f,
              KeyEntry *keys,
              gsize     index)
{
  gsize mask = f->table_size - 1;
  gsize slot = keys[index].hash & mask;

  while (f->table[slot] != 0)
    slot = (slot + 1) & mask;
  f->table[slot] = (guint32) (index + 1);
}

/* (Re)builds the hash index of the object in f with room for growth */
static void
table_rebuild (RespJsonReader *r,
               Frame          *f)
{
  gsize count = r->n_keys - f->first_key;
  gsize size = 64;
  gsize i;

  while (size < count * 4)
    size *= 2;
  g_free (f->table);
  f->table = g_new0 (guint32, size);
  f->table_size = size;
  for (i = f->first_key; i < r->n_keys; i++)
    {
      KeyEntry *e = &r->keys[i];

      e->hash = hash_bytes (r->key_bytes + e->offset, e->length);
      table_insert (f, r->keys, i);
    }
}

/* A short, printable rendition of a key for messages */
static char *
describe_key (const char *key,
              gsize       n)
{
  GString *s = g_string_new (NULL);
  gsize i = 0;
  guint chars = 0;

  while (i < n && chars < 40)
    {
      guchar c = key[i];

      if (c < 0x20 || c == 0x7F)
        {
          g_string_append_printf (s, "\\u%04x", c);
          i++;
        }
      else if (c < 0x80)
        {
          g_string_append_c (s, c);
          i++;
        }
      else
        {
          /* The key is valid UTF-8, so the lead byte says the length */
          gsize len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;

          g_string_append_len (s, key + i, len);
          i += len;
        }
      chars++;
    }
  if (i < n)
    g_string_append (s, "...");

  return g_string_free (s, FALSE);
}

/* Records the member name in buf for the innermost object, or fails if the
 * object already has it. */
static gboolean
remember_key (RespJsonReader *r,
              gsize           quote)
{
  Frame *f = &r->frames[r->depth - 1];
  const char *s = r->buf;
  gsize n = r->buf_len;
  guint32 hash = 0;
  guint64 prefix;
  gboolean duplicate = FALSE;
  KeyEntry *e;

  /* Read the first eight bytes as a word and mask off what is past the key.
   * (Zero-padding the buffer first would be simpler, but loading a word
   * that was just partly stored stalls the load.) */
  if (r->buf_alloc - n < 8)
    buf_reserve (r, n + 8);
  s = r->buf;
  prefix = resp_swar_load_first (s, n);

  if (f->table == NULL)
    {
      gsize i;

      for (i = f->first_key; i < r->n_keys; i++)
        if (key_matches (r, &r->keys[i], prefix, s, n))
          {
            duplicate = TRUE;
            break;
          }
    }
  else
    {
      gsize mask = f->table_size - 1;
      gsize slot;

      hash = hash_bytes ((const guchar *) s, n);
      for (slot = hash & mask; f->table[slot] != 0; slot = (slot + 1) & mask)
        if (key_matches (r, &r->keys[f->table[slot] - 1], prefix, s, n))
          {
            duplicate = TRUE;
            break;
          }
    }

  if (duplicate)
    {
      char *shown = describe_key (s, n);

      fail (r, RESP_JSON_READER_DUPLICATE_KEY, quote,
            "duplicate key '%s' in object", shown);
      g_free (shown);
      return FALSE;
    }

  if (r->n_keys == r->keys_alloc)
    {
      r->keys_alloc = MAX (r->keys_alloc * 2, 64);
      r->keys = g_renew (KeyEntry, r->keys, r->keys_alloc);
    }
  /* 16 bytes of slack, for the fixed-size copy below */
  if (n + 16 > r->key_bytes_alloc - r->key_bytes_len)
    {
      gsize size = MAX (r->key_bytes_alloc, 1024);

      while (size - r->key_bytes_len < n + 16)
        size *= 2;
      r->key_bytes = g_realloc (r->key_bytes, size);
      r->key_bytes_alloc = size;
    }

  e = &r->keys[r->n_keys];
  e->offset = r->key_bytes_len;
  e->length = n;
  e->prefix = prefix;
  e->hash = hash;
  /* Short keys (most of them) are copied with one fixed-size move; buf has
   * room for at least 256 bytes, so reading 16 from it is safe. */
  if (n <= 16)
    memcpy (r->key_bytes + r->key_bytes_len, s, 16);
  else
    memcpy (r->key_bytes + r->key_bytes_len, s, n);
  r->key_bytes_len += n;
  r->n_keys++;

  if (f->table != NULL)
    {
      /* Keep the load factor at most one half */
      if ((r->n_keys - f->first_key) * 2 > f->table_size)
        table_rebuild (r, f);
      else
        table_insert (f, r->keys, r->n_keys - 1);
    }
  else if (r->n_keys - f->first_key > LINEAR_KEY_LIMIT)
    table_rebuild (r, f);

  return TRUE;
}

/* ---- Containers ---- */

static void
push_frame (RespJsonReader *r,
            guchar          kind)
{
  Frame *f;

  if (r->depth == r->frames_alloc)
    {
      r->frames_alloc = MAX (r->frames_alloc * 2, 16);
      r->frames = g_renew (Frame, r->frames, r->frames_alloc);
    }
  f = &r->frames[r->depth++];
  f->kind = kind;
  f->first_key = r->n_keys;
  f->bytes_mark = r->key_bytes_len;
  f->table = NULL;
  f->table_size = 0;
}

static RespJsonToken
close_container (RespJsonReader *r,
                 gsize           p)
{
  Frame *f = &r->frames[--r->depth];
  gboolean object = f->kind == '{';

  /* The object's member names are no longer needed */
  r->n_keys = f->first_key;
  r->key_bytes_len = f->bytes_mark;
  g_free (f->table);
  f->table = NULL;

  r->state = STATE_AFTER_VALUE;
  return emit (r, object ? RESP_JSON_TOKEN_END_OBJECT : RESP_JSON_TOKEN_END_ARRAY,
               p, p + 1);
}

/* ---- Scalars ---- */

static RespJsonToken
read_number (RespJsonReader *r,
             gsize           start)
{
  const guchar *d = r->data;
  gsize end = r->length;
  gsize p = start;
  gboolean negative = FALSE, overflow = FALSE, integer = TRUE, nonzero = FALSE;
  guint64 magnitude = 0, limit;

  if (d[p] == '-')
    {
      negative = TRUE;
      p++;
    }
  limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;

  if (p >= end || !g_ascii_isdigit (d[p]))
    return fail (r, RESP_JSON_READER_SYNTAX, start, "invalid number");
  if (d[p] == '0')
    {
      p++;
      if (p < end && g_ascii_isdigit (d[p]))
        return fail (r, RESP_JSON_READER_SYNTAX, start,
                     "invalid number (leading zero)");
    }
  else
    {
      nonzero = TRUE;
      for (; p < end && g_ascii_isdigit (d[p]); p++)
        {
          guint digit = d[p] - '0';

          /* Keep counting digits after an overflow: the literal is still valid */
          if (overflow || magnitude > (limit - digit) / 10)
            overflow = TRUE;
          else
            magnitude = magnitude * 10 + digit;
        }
    }

  if (p < end && d[p] == '.')
    {
      integer = FALSE;
      p++;
      if (p >= end || !g_ascii_isdigit (d[p]))
        return fail (r, RESP_JSON_READER_SYNTAX, start, "invalid number");
      for (; p < end && g_ascii_isdigit (d[p]); p++)
        nonzero |= d[p] != '0';
    }

  if (p < end && (d[p] == 'e' || d[p] == 'E'))
    {
      integer = FALSE;
      p++;
      if (p < end && (d[p] == '+' || d[p] == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (d[p]))
        return fail (r, RESP_JSON_READER_SYNTAX, start, "invalid number");
      while (p < end && g_ascii_isdigit (d[p]))
        p++;
    }

  if (p - start > NUMBER_MAX_LEN)
    return fail (r, RESP_JSON_READER_NUMBER_RANGE, start, "number longer than 1024 characters");
  if (integer && !overflow)
    {
      /* Exact, and int-to-double conversion rounds correctly: no strtod */
      if (negative)
        r->int_value = magnitude == (guint64) G_MAXINT64 + 1 ?
                       G_MININT64 : -(gint64) magnitude;
      else
        r->int_value = (gint64) magnitude;
      r->number = negative && magnitude == 0 ? -0.0 : (double) r->int_value;
      r->is_int = TRUE;
    }
  else
    {
      char scratch[NUMBER_SCRATCH];
      char *text = scratch;
      gsize len = p - start;

      /* The input is not NUL-terminated, so strtod gets a bounded copy */
      if (len >= sizeof scratch)
        {
          buf_reserve (r, len + 1);
          text = r->buf;
        }
      memcpy (text, d + start, len);
      text[len] = '\0';
      r->number = g_ascii_strtod (text, NULL);
      if (!isfinite (r->number))
        return fail (r, RESP_JSON_READER_NUMBER_RANGE, start, "number out of range");
      /* a number that is not zero but rounds to it (1e-400) is out of
       * range as much as one that rounds to infinity */
      if (r->number == 0 && nonzero)
        return fail (r, RESP_JSON_READER_NUMBER_RANGE, start, "number out of range (too close to zero)");
      r->is_int = FALSE;
      r->int_value = 0;
    }

  r->state = STATE_AFTER_VALUE;
  return emit (r, RESP_JSON_TOKEN_NUMBER, start, p);
}

static RespJsonToken
read_literal (RespJsonReader *r,
              gsize           p,
              const char     *word,
              gsize           n,
              RespJsonToken   token)
{
  if (r->length - p < n || memcmp (r->data + p, word, n) != 0)
    return fail (r, RESP_JSON_READER_SYNTAX, p, "invalid literal");
  r->state = STATE_AFTER_VALUE;
  return emit (r, token, p, p + n);
}

/* A value starting at p, which is past any whitespace */
static RespJsonToken
read_value (RespJsonReader *r,
            gsize           p)
{
  if (p >= r->length)
    return fail (r, RESP_JSON_READER_SYNTAX, p, "unexpected end of input");

  switch (r->data[p])
    {
    case '"':
      if (!read_string (r, p))
        return RESP_JSON_TOKEN_ERROR;
      r->state = STATE_AFTER_VALUE;
      return emit (r, RESP_JSON_TOKEN_STRING, p, r->pos);

    case '{':
    case '[':
      if (r->depth >= r->max_depth)
        return fail (r, RESP_JSON_READER_TOO_DEEP, p,
                     "nesting deeper than %u", r->max_depth);
      push_frame (r, r->data[p]);
      if (r->data[p] == '{')
        {
          r->state = STATE_OBJECT_FIRST;
          return emit (r, RESP_JSON_TOKEN_BEGIN_OBJECT, p, p + 1);
        }
      r->state = STATE_ARRAY_FIRST;
      return emit (r, RESP_JSON_TOKEN_BEGIN_ARRAY, p, p + 1);

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return read_number (r, p);

    case 't':
      return read_literal (r, p, "true", 4, RESP_JSON_TOKEN_TRUE);
    case 'f':
      return read_literal (r, p, "false", 5, RESP_JSON_TOKEN_FALSE);
    case 'n':
      return read_literal (r, p, "null", 4, RESP_JSON_TOKEN_NULL);

    default:
      return fail_unexpected (r, p, "expected a value");
    }
}

/* A member name whose opening quote is at p */
static RespJsonToken
read_key (RespJsonReader *r,
          gsize           p)
{
  char *name;
  gsize name_alloc;

  if (!read_string (r, p) || !remember_key (r, p))
    return RESP_JSON_TOKEN_ERROR;
  /* Callers hold the name while they read the value, to quote it in a
   * message about the value; a long value string reallocates buf, which
   * would leave them reading freed memory. So the name moves to key_buf
   * and the value gets the other buffer (both keep read_string()'s room). */
  name = r->buf;
  name_alloc = r->buf_alloc;
  r->buf = r->key_buf;
  r->buf_alloc = r->key_buf_alloc;
  r->key_buf = name;
  r->key_buf_alloc = name_alloc;
  r->key_buf_len = r->buf_len;
  r->buf_len = 0;
  r->buf[0] = '\0';
  r->state = STATE_AFTER_KEY;
  return emit (r, RESP_JSON_TOKEN_KEY, p, r->pos);
}

static RespJsonToken
read_after_value (RespJsonReader *r)
{
  const guchar *d = r->data;
  gsize end = r->length;
  gsize p = skip_whitespace (r, r->pos);
  guchar kind;

  if (r->depth == 0)
    {
      if (p < end)
        return fail_unexpected (r, p, "trailing data after the JSON value");
      r->state = STATE_DONE;
      return emit (r, RESP_JSON_TOKEN_EOF, p, p);
    }

  kind = r->frames[r->depth - 1].kind;
  if (p < end && d[p] == ',')
    {
      p = skip_whitespace (r, p + 1);
      if (kind == '[')
        {
          if (p < end && d[p] == ']')
            return fail (r, RESP_JSON_READER_SYNTAX, p, "trailing comma in array");
          return read_value (r, p);
        }
      if (p < end && d[p] == '"')
        return read_key (r, p);
      if (p < end && d[p] == '}')
        return fail (r, RESP_JSON_READER_SYNTAX, p, "trailing comma in object");
      return fail_unexpected (r, p, "expected a string key after ','");
    }

  if (kind == '[')
    {
      if (p < end && d[p] == ']')
        return close_container (r, p);
      return fail_unexpected (r, p, "expected ',' or ']' after an array element");
    }
  if (p < end && d[p] == '}')
    return close_container (r, p);
  return fail_unexpected (r, p, "expected ',' or '}' after an object member");
}

/* ---- Public API ---- */

RespJsonReader *
resp_json_reader_new (const char *data,
                      gsize       length)
{
  RespJsonReader *r;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  r = g_new0 (RespJsonReader, 1);
  /* Pointer arithmetic on NULL is undefined, even with a zero offset */
  r->data = data != NULL ? (const guchar *) data : (const guchar *) "";
  r->length = length;
  r->start = is_bom (r, 0) ? 3 : 0;
  r->pos = r->start;
  r->line = 1;
  r->line_start = r->start;
  r->state = STATE_START;
  r->token = RESP_JSON_TOKEN_EOF;
  r->tok_offset = r->start;
  r->tok_end = r->start;
  r->tok_line = 1;
  r->tok_line_start = r->start;
  r->col_line_start = r->start;
  r->col_offset = r->start;
  r->col = 1;
  r->max_depth = RESP_JSON_READER_DEFAULT_MAX_DEPTH;
  r->max_string = RESP_JSON_READER_DEFAULT_MAX_STRING;
  /* read_string() relies on room for 17 bytes at all times, in whichever
   * buffer read_key() has left it */
  buf_reserve (r, 256);
  r->buf[0] = '\0';
  r->key_buf = g_malloc (256);
  r->key_buf_alloc = 256;
  r->key_buf[0] = '\0';
  r->status = RESP_JSON_READER_OK;

  return r;
}

void
resp_json_reader_free (RespJsonReader *reader)
{
  guint i;

  if (reader == NULL)
    return;

  for (i = 0; i < reader->depth; i++)
    g_free (reader->frames[i].table);
  g_free (reader->frames);
  g_free (reader->keys);
  g_free (reader->key_bytes);
  g_free (reader->buf);
  g_free (reader->key_buf);
  g_free (reader->message);
  g_free (reader);
}

void
resp_json_reader_set_limits (RespJsonReader *reader,
                             guint           max_depth,
                             gsize           max_string_bytes)
{
  g_return_if_fail (reader != NULL);

  reader->max_depth = max_depth;
  reader->max_string = max_string_bytes;
}

RespJsonToken
resp_json_reader_next (RespJsonReader *reader)
{
  RespJsonReader *r = reader;
  gsize p;

  g_return_val_if_fail (reader != NULL, RESP_JSON_TOKEN_ERROR);

  switch (r->state)
    {
    case STATE_START:
      p = skip_whitespace (r, r->pos);
      if (p >= r->length)
        return fail (r, RESP_JSON_READER_EMPTY, p, "empty input");
      return read_value (r, p);

    case STATE_OBJECT_FIRST:
      p = skip_whitespace (r, r->pos);
      if (p < r->length && r->data[p] == '}')
        return close_container (r, p);
      if (p < r->length && r->data[p] == '"')
        return read_key (r, p);
      return fail_unexpected (r, p, "expected a string key or '}'");

    case STATE_AFTER_KEY:
      p = skip_whitespace (r, r->pos);
      if (p >= r->length || r->data[p] != ':')
        return fail_unexpected (r, p, "expected ':' after an object key");
      return read_value (r, skip_whitespace (r, p + 1));

    case STATE_ARRAY_FIRST:
      p = skip_whitespace (r, r->pos);
      if (p < r->length && r->data[p] == ']')
        return close_container (r, p);
      return read_value (r, p);

    case STATE_AFTER_VALUE:
      return read_after_value (r);

    case STATE_DONE:
      return emit (r, RESP_JSON_TOKEN_EOF, r->pos, r->pos);

    case STATE_FAILED:
    default:
      return RESP_JSON_TOKEN_ERROR;
    }
}

gboolean
resp_json_reader_skip_value (RespJsonReader *reader,
                             gsize          *end_offset)
{
  RespJsonToken token;

  g_return_val_if_fail (reader != NULL, FALSE);

  token = reader->token;
  if (token == RESP_JSON_TOKEN_ERROR)
    return FALSE;

  /* After a member name, the value to skip is the one that follows */
  if (token == RESP_JSON_TOKEN_KEY)
    {
      token = resp_json_reader_next (reader);
      if (token == RESP_JSON_TOKEN_ERROR)
        return FALSE;
    }

  g_return_val_if_fail (token != RESP_JSON_TOKEN_EOF &&
                        token != RESP_JSON_TOKEN_END_OBJECT &&
                        token != RESP_JSON_TOKEN_END_ARRAY, FALSE);

  if (token == RESP_JSON_TOKEN_BEGIN_OBJECT || token == RESP_JSON_TOKEN_BEGIN_ARRAY)
    {
      guint outer = reader->depth - 1;

      /* Input cannot end inside a container without an error, so this ends */
      do
        {
          token = resp_json_reader_next (reader);
          if (token == RESP_JSON_TOKEN_ERROR)
            return FALSE;
        }
      while (reader->depth != outer ||
             (token != RESP_JSON_TOKEN_END_OBJECT && token != RESP_JSON_TOKEN_END_ARRAY));
    }

  if (end_offset != NULL)
    *end_offset = reader->tok_end;
  return TRUE;
}

guint
resp_json_reader_get_line (RespJsonReader *reader)
{
  return reader->tok_line;
}

/* How many of the first n (1..8) of the eight bytes at p are UTF-8
 * continuation bytes (10xxxxxx) */
static inline guint
continuations (const guchar *p, gsize n)
{
  guint64 w = resp_swar_load_first (p, n);

  /* the top bit of each such byte, then the bits added up in the top byte */
  w = (w & ~(w << 1) & RESP_SWAR_HIGHS) >> 7;
  return (guint) ((w * RESP_SWAR_ONES) >> 56);
}

guint
resp_json_reader_get_column (RespJsonReader *reader)
{
  RespJsonReader *r = reader;
  const guchar *d;
  gsize i, target;
  guint col;

  /* Count on from the last column asked about when it is on the same line
   * and not past this position; callers go forwards, so this stays linear. */
  if (r->col_line_start != r->tok_line_start || r->col_offset > r->tok_offset)
    {
      r->col_line_start = r->tok_line_start;
      r->col_offset = r->tok_line_start;
      r->col = 1;
    }

  d = r->data;
  target = r->tok_offset;
  col = r->col;
  /* Code points are the bytes that are not UTF-8 continuation bytes
   * (10xxxxxx); eight at a time, a continuation byte is one whose top bit is
   * set and whose next bit is clear. The few bytes left over (most calls
   * have only those: a key, then its value a few bytes on) are a word too
   * when the input goes on past them, its bytes beyond the target masked
   * off. */
  i = r->col_offset;
  for (; i + 8 <= target; i += 8)
    col += 8 - continuations (d + i, 8);
  if (i < target)
    {
      if (r->length - i >= 8)
        col += (guint) (target - i) - continuations (d + i, target - i);
      else
        for (; i < target; i++)
          col += (d[i] & 0xC0) != 0x80;
    }
  r->col = col;
  r->col_offset = target;

  return col;
}

void
resp_json_reader_start_in_array (RespJsonReader *reader,
                                 gsize           offset,
                                 guint           line,
                                 gsize           line_start)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (reader->state == STATE_START && reader->depth == 0);
  g_return_if_fail (line_start <= offset && offset < reader->length);

  push_frame (reader, '{');
  push_frame (reader, '[');
  reader->pos = offset;
  reader->line = line;
  reader->line_start = line_start;
  reader->tok_offset = reader->tok_end = offset;
  reader->tok_line = line;
  reader->tok_line_start = line_start;
  reader->col_line_start = line_start;
  reader->col_offset = line_start;
  reader->col = 1;
  reader->state = STATE_AFTER_VALUE;
}

void
resp_json_reader_get_position (RespJsonReader *reader,
                               gsize          *offset,
                               guint          *line,
                               gsize          *line_start)
{
  *offset = reader->tok_offset;
  *line = reader->tok_line;
  *line_start = reader->tok_line_start;
}

gboolean
resp_json_reader_resume_at (RespJsonReader *reader,
                            gsize           offset,
                            guint           line,
                            gsize           line_start)
{
  g_return_val_if_fail (reader != NULL, FALSE);

  if (reader->state != STATE_AFTER_VALUE || reader->depth == 0 ||
      reader->frames[reader->depth - 1].kind != '[' || offset < reader->pos ||
      offset >= reader->length || reader->data[offset] != ']' || line_start > offset)
    return FALSE;
  reader->pos = offset;
  reader->line = line;
  reader->line_start = line_start;
  return TRUE;
}

gsize
resp_json_reader_get_offset (RespJsonReader *reader)
{
  return reader->tok_offset;
}

guint
resp_json_reader_get_depth (RespJsonReader *reader)
{
  return reader->depth;
}

const char *
resp_json_reader_get_string (RespJsonReader *reader,
                             gsize          *length)
{
  if (reader->token == RESP_JSON_TOKEN_KEY)
    {
      if (length != NULL)
        *length = reader->key_buf_len;
      return reader->key_buf;
    }
  if (reader->token != RESP_JSON_TOKEN_STRING)
    {
      if (length != NULL)
        *length = 0;
      return NULL;
    }
  if (length != NULL)
    *length = reader->buf_len;
  return reader->buf;
}

double
resp_json_reader_get_double (RespJsonReader *reader)
{
  return reader->token == RESP_JSON_TOKEN_NUMBER ? reader->number : 0.0;
}

gboolean
resp_json_reader_get_is_int (RespJsonReader *reader)
{
  return reader->token == RESP_JSON_TOKEN_NUMBER && reader->is_int;
}

gint64
resp_json_reader_get_int (RespJsonReader *reader)
{
  return reader->token == RESP_JSON_TOKEN_NUMBER && reader->is_int ? reader->int_value : 0;
}

const char *
resp_json_reader_get_raw (RespJsonReader *reader,
                          gsize          *length)
{
  if (length != NULL)
    *length = reader->tok_end - reader->tok_offset;
  return (const char *) reader->data + reader->tok_offset;
}

RespJsonReaderStatus
resp_json_reader_get_status (RespJsonReader *reader)
{
  return reader->status;
}

const char *
resp_json_reader_get_message (RespJsonReader *reader)
{
  return reader->message;
}

/* ---- Trees ---- */

struct _RespJsonTree {
  RespJsonNode *root;
  GStringChunk *strings;
  GPtrArray    *blocks;    /* arena blocks for nodes and child arrays */
  guchar       *free_ptr;  /* the unused end of the newest block */
  gsize         free_left;
  gsize         next_block;
};

#define TREE_ALIGN           G_ALIGNOF (RespJsonNode)
#define TREE_FIRST_BLOCK     1024
#define TREE_MAX_BLOCK       (64 * 1024)

static gpointer
tree_alloc (RespJsonTree *tree,
            gsize         size)
{
  gpointer mem;

  size = (size + TREE_ALIGN - 1) & ~(gsize) (TREE_ALIGN - 1);
  if (size > tree->free_left)
    {
      /* Big child arrays get a block of their own, so that the rest of the
       * current block is not wasted. */
      if (size > tree->next_block / 4)
        {
          mem = g_malloc (size);
          g_ptr_array_add (tree->blocks, mem);
          return mem;
        }
      tree->free_ptr = g_malloc (tree->next_block);
      tree->free_left = tree->next_block;
      g_ptr_array_add (tree->blocks, tree->free_ptr);
      if (tree->next_block < TREE_MAX_BLOCK)
        tree->next_block *= 2;
    }
  mem = tree->free_ptr;
  tree->free_ptr += size;
  tree->free_left -= size;
  return mem;
}

typedef struct {
  RespJsonNode *node;
  guint         first_child; /* index in the pending children */
} TreeFrame;

/* The node of the value that token (not a key, not an end) starts. */
static RespJsonNode *
tree_value_node (RespJsonTree *tree, RespJsonReader *reader, RespJsonToken token)
{
  RespJsonNode *node = tree_alloc (tree, sizeof (RespJsonNode));
  gsize len;
  const char *s;

  memset (node, 0, sizeof *node);
  node->line = resp_json_reader_get_line (reader);
  node->column = resp_json_reader_get_column (reader);
  switch (token)
    {
    case RESP_JSON_TOKEN_NULL:
      node->type = RESP_JSON_NULL;
      break;
    case RESP_JSON_TOKEN_TRUE:
    case RESP_JSON_TOKEN_FALSE:
      node->type = RESP_JSON_BOOL;
      node->v.boolean = token == RESP_JSON_TOKEN_TRUE;
      break;
    case RESP_JSON_TOKEN_NUMBER:
      node->type = RESP_JSON_NUMBER;
      node->v.number.value = reader->number;
      node->v.number.is_int = reader->is_int;
      node->v.number.int_value = reader->is_int ? reader->int_value : 0;
      break;
    case RESP_JSON_TOKEN_STRING:
      s = resp_json_reader_get_string (reader, &len);
      node->type = RESP_JSON_STRING;
      node->v.string.str = g_string_chunk_insert_len (tree->strings, s, len);
      node->v.string.len = len;
      break;
    case RESP_JSON_TOKEN_BEGIN_ARRAY:
      node->type = RESP_JSON_ARRAY;
      break;
    case RESP_JSON_TOKEN_BEGIN_OBJECT:
      node->type = RESP_JSON_OBJECT;
      break;
    case RESP_JSON_TOKEN_ERROR:
    case RESP_JSON_TOKEN_EOF:
    case RESP_JSON_TOKEN_END_OBJECT:
    case RESP_JSON_TOKEN_END_ARRAY:
    case RESP_JSON_TOKEN_KEY:
    default:
      g_assert_not_reached ();
    }
  return node;
}

/* Closes the innermost open container: its children move from pending
 * into one block of the tree. */
static void
tree_close (RespJsonTree *tree, GPtrArray *pending, GArray *open)
{
  TreeFrame *f = &g_array_index (open, TreeFrame, open->len - 1);
  guint n = pending->len - f->first_child;

  if (n > 0)
    {
      RespJsonNode **items = tree_alloc (tree, n * sizeof (RespJsonNode *));

      memcpy (items, pending->pdata + f->first_child, n * sizeof (RespJsonNode *));
      f->node->v.children.items = items;
      f->node->v.children.n = n;
      g_ptr_array_set_size (pending, f->first_child);
    }
  g_array_set_size (open, open->len - 1);
}

RespJsonTree *
resp_json_reader_read_tree (RespJsonReader *reader,
                            RespJsonToken   first)
{
  RespJsonTree *tree;
  GPtrArray *pending;  /* children of the open containers, innermost last */
  GArray *open;        /* TreeFrame for each open container */
  const char *key = NULL;
  gsize key_len = 0;
  guint key_line = 0, key_column = 0;
  RespJsonToken token = first;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (first != RESP_JSON_TOKEN_EOF &&
                        first != RESP_JSON_TOKEN_END_OBJECT &&
                        first != RESP_JSON_TOKEN_END_ARRAY &&
                        first != RESP_JSON_TOKEN_KEY, NULL);

  if (first == RESP_JSON_TOKEN_ERROR)
    return NULL;

  tree = g_new0 (RespJsonTree, 1);
  tree->strings = g_string_chunk_new (1024);
  tree->blocks = g_ptr_array_new_with_free_func (g_free);
  tree->next_block = TREE_FIRST_BLOCK;
  pending = g_ptr_array_new ();
  open = g_array_new (FALSE, FALSE, sizeof (TreeFrame));

  for (;; token = resp_json_reader_next (reader))
    {
      RespJsonNode *node;

      if (token == RESP_JSON_TOKEN_ERROR)
        {
          g_clear_pointer (&tree, resp_json_tree_free);
          break;
        }
      if (token == RESP_JSON_TOKEN_KEY)
        {
          const char *s = resp_json_reader_get_string (reader, &key_len);

          key = g_string_chunk_insert_len (tree->strings, s, key_len);
          key_line = resp_json_reader_get_line (reader);
          key_column = resp_json_reader_get_column (reader);
          continue;
        }
      if (token == RESP_JSON_TOKEN_END_OBJECT || token == RESP_JSON_TOKEN_END_ARRAY)
        {
          tree_close (tree, pending, open);
          if (open->len == 0)
            break;
          continue;
        }

      node = tree_value_node (tree, reader, token);
      if (open->len == 0)
        tree->root = node;
      else
        {
          TreeFrame *parent = &g_array_index (open, TreeFrame, open->len - 1);

          if (parent->node->type == RESP_JSON_OBJECT)
            {
              node->key = key;
              node->key_len = key_len;
              node->key_line = key_line;
              node->key_column = key_column;
            }
          g_ptr_array_add (pending, node);
        }
      if (node->type == RESP_JSON_ARRAY || node->type == RESP_JSON_OBJECT)
        {
          TreeFrame frame = { node, pending->len };

          g_array_append_val (open, frame);
        }
      else if (open->len == 0)
        break;
    }

  g_ptr_array_unref (pending);
  g_array_unref (open);
  return tree;
}

RespJsonNode *
resp_json_tree_get_root (RespJsonTree *tree)
{
  g_return_val_if_fail (tree != NULL, NULL);

  return tree->root;
}

void
resp_json_tree_free (RespJsonTree *tree)
{
  if (tree == NULL)
    return;

  g_string_chunk_free (tree->strings);
  g_ptr_array_unref (tree->blocks);
  g_free (tree);
}

RespJsonNode *
resp_json_node_get_member (RespJsonNode *object,
                           const char   *key)
{
  guint i;

  if (object == NULL || object->type != RESP_JSON_OBJECT || key == NULL)
    return NULL;

  /* the first bytes first: most members differ there, and a call to
   * strcmp() for each costs more than the comparison */
  for (i = 0; i < object->v.children.n; i++)
    {
      const char *k = object->v.children.items[i]->key;

      if (k[0] == key[0] && strcmp (k, key) == 0)
        return object->v.children.items[i];
    }

  return NULL;
}

const char *
resp_json_type_name (RespJsonType type)
{
  switch (type)
    {
    case RESP_JSON_NULL: return "null";
    case RESP_JSON_BOOL: return "a boolean";
    case RESP_JSON_NUMBER: return "a number";
    case RESP_JSON_STRING: return "a string";
    case RESP_JSON_ARRAY: return "an array";
    default: return "an object";
    }
}

const char *
resp_json_token_name (RespJsonToken token)
{
  switch (token)
    {
    case RESP_JSON_TOKEN_BEGIN_OBJECT: return resp_json_type_name (RESP_JSON_OBJECT);
    case RESP_JSON_TOKEN_BEGIN_ARRAY: return resp_json_type_name (RESP_JSON_ARRAY);
    case RESP_JSON_TOKEN_STRING: return resp_json_type_name (RESP_JSON_STRING);
    case RESP_JSON_TOKEN_NUMBER: return resp_json_type_name (RESP_JSON_NUMBER);
    case RESP_JSON_TOKEN_TRUE:
    case RESP_JSON_TOKEN_FALSE: return resp_json_type_name (RESP_JSON_BOOL);
    case RESP_JSON_TOKEN_NULL: return resp_json_type_name (RESP_JSON_NULL);
    default: return "nothing";
    }
}
