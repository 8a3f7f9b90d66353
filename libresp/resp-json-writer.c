/* resp-json-writer.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "resp-json-writer-private.h"
#include "resp-swar-private.h"

#include <string.h>

/* Appends n bytes: in place while the string has room (GLib 2.74's
 * g_string_append_len() is a call into its general insert), else through
 * GLib. */
static inline void
put (GString *s, const char *p, gsize n)
{
  if (s->len + n < s->allocated_len)
    {
      memcpy (s->str + s->len, p, n);
      s->len += n;
      s->str[s->len] = '\0';
    }
  else
    g_string_append_len (s, p, (gssize) n);
}

#define PUT_LITERAL(s, lit) put ((s), (lit), sizeof (lit) - 1)

void
resp_json_writer_init (RespJsonWriter *w, GString *out)
{
  memset (w, 0, sizeof *w);
  w->out = out;
}

static void
newline (RespJsonWriter *w)
{
  /* a newline and two spaces a level, in one append */
  static const char indent[] = "\n                                                                "
                               "                                                                ";
  gsize n = 1 + 2 * (gsize) w->depth;

  if (n <= sizeof indent - 1)
    put (w->out, indent, n);
  else
    {
      g_string_append_c (w->out, '\n');
      for (guint i = 0; i < w->depth; i++)
        PUT_LITERAL (w->out, "  ");
    }
}

/* Separator and indentation before a value or a key. */
static void
before (RespJsonWriter *w)
{
  if (w->after_key)
    {
      w->after_key = FALSE;
      return;
    }
  if (w->depth == 0)
    return;
  if (!w->first[w->depth])
    g_string_append_c (w->out, ',');
  w->first[w->depth] = FALSE;
  if (w->inline_[w->depth])
    {
      if (w->out->str[w->out->len - 1] != '[')
        g_string_append_c (w->out, ' ');
    }
  else
    newline (w);
}

static void
open_container (RespJsonWriter *w, char c, gboolean inline_)
{
  before (w);
  g_string_append_c (w->out, c);
  if (w->depth + 1 < RESP_JSON_WRITER_MAX_DEPTH)
    w->depth++;
  w->first[w->depth] = TRUE;
  /* an array inside an inline array stays inline */
  w->inline_[w->depth] = inline_ || w->inline_[w->depth - 1];
}

static void
close_container (RespJsonWriter *w, char c)
{
  gboolean was_empty = w->first[w->depth], was_inline = w->inline_[w->depth];

  w->depth--;
  if (!was_empty && !was_inline)
    newline (w);
  g_string_append_c (w->out, c);
}

void
resp_json_writer_begin_object (RespJsonWriter *w)
{
  open_container (w, '{', FALSE);
}

void
resp_json_writer_end_object (RespJsonWriter *w)
{
  close_container (w, '}');
}

void
resp_json_writer_begin_array (RespJsonWriter *w, gboolean inline_)
{
  open_container (w, '[', inline_);
}

void
resp_json_writer_end_array (RespJsonWriter *w)
{
  close_container (w, ']');
}

/* The first byte in [p, end) that JSON must escape, or end; the string
 * starts at start (<= p) */
static inline const unsigned char *
scan_plain (const unsigned char *start, const unsigned char *p, const unsigned char *end)
{
#ifdef RESP_HAVE_SWAR
  while (end - p >= 8)
    {
      guint64 marks = resp_swar_json_escapes (resp_swar_load (p));

      if (marks != 0)
        return p + resp_swar_first (marks);
      p += 8;
    }
  /* the last few bytes: the string's last eight, those before p masked
   * off. The test never misses a byte to escape, so no mark means none;
   * a mark may stand above one masked off, so a mark sends them to the
   * loop below */
  if (p < end && end - start >= 8)
    {
      guint64 marks = resp_swar_json_escapes (resp_swar_load (end - 8));

      if ((marks >> (8 * (8 - (end - p)))) == 0)
        return end;
    }
#else
  (void) start;
#endif
  while (p < end && *p >= 0x20 && *p != '"' && *p != '\\')
    p++;
  return p;
}

void
resp_json_append_escaped (GString *out, const char *s)
{
  const unsigned char *p = (const unsigned char *) s, *end = p + strlen (s), *run;

  g_string_append_c (out, '"');
  for (;;)
    {
      /* the bytes that stand for themselves, in one append (found eight
       * at a time: most strings have nothing to escape) */
      run = p;
      p = scan_plain ((const unsigned char *) s, p, end);
      if (p > run)
        put (out, (const char *) run, (gsize) (p - run));
      if (p == end)
        break;
      switch (*p)
        {
        case '"': PUT_LITERAL (out, "\\\""); break;
        case '\\': PUT_LITERAL (out, "\\\\"); break;
        case '\n': PUT_LITERAL (out, "\\n"); break;
        case '\r': PUT_LITERAL (out, "\\r"); break;
        case '\t': PUT_LITERAL (out, "\\t"); break;
        case '\b': PUT_LITERAL (out, "\\b"); break;
        case '\f': PUT_LITERAL (out, "\\f"); break;
        default:
          g_string_append_printf (out, "\\u%04x", *p);
          break;
        }
      p++;
    }
  g_string_append_c (out, '"');
}

void
resp_json_writer_key (RespJsonWriter *w, const char *key)
{
  before (w);
  resp_json_append_escaped (w->out, key);
  PUT_LITERAL (w->out, ": ");
  w->after_key = TRUE;
}

void
resp_json_writer_string (RespJsonWriter *w, const char *s)
{
  before (w);
  resp_json_append_escaped (w->out, s);
}

void
resp_json_writer_int (RespJsonWriter *w, gint64 v)
{
  before (w);
  g_string_append_printf (w->out, "%" G_GINT64_FORMAT, v);
}

void
resp_json_writer_double (RespJsonWriter *w, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  before (w);
  g_string_append (w->out, g_ascii_dtostr (buf, sizeof buf, v));
}

void
resp_json_writer_bool (RespJsonWriter *w, gboolean v)
{
  before (w);
  if (v)
    PUT_LITERAL (w->out, "true");
  else
    PUT_LITERAL (w->out, "false");
}

void
resp_json_writer_null (RespJsonWriter *w)
{
  before (w);
  PUT_LITERAL (w->out, "null");
}

void
resp_json_writer_string_or_null (RespJsonWriter *w, const char *s)
{
  if (s != NULL)
    resp_json_writer_string (w, s);
  else
    resp_json_writer_null (w);
}

void
resp_json_writer_member_string (RespJsonWriter *w, const char *key, const char *s)
{
  resp_json_writer_key (w, key);
  resp_json_writer_string_or_null (w, s);
}

void
resp_json_writer_raw_key (RespJsonWriter *w, const char *quoted, gsize len)
{
  before (w);
  put (w->out, quoted, len);
  w->after_key = TRUE;
}
