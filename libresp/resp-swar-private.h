/* resp-swar-private.h: eight bytes at a time, for the JSON reader and writer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/* Where the word tricks below apply: a little-endian machine (the lowest
 * marked byte is the first in memory) and a compiler with ctz */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN && defined(__GNUC__)
#define RESP_HAVE_SWAR 1
#endif

#define RESP_SWAR_ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define RESP_SWAR_HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

static inline guint64
resp_swar_load (const void *p)
{
  guint64 w;

  memcpy (&w, p, 8);
  return w;
}

/* The first n (0..8) of the eight bytes at p as a word, the others zero:
 * the eight must be readable */
static inline guint64
resp_swar_load_first (const void *p, gsize n)
{
  guint64 w = resp_swar_load (p);

  if (n < 8)
    {
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
      w &= (G_GUINT64_CONSTANT (1) << (8 * n)) - 1;
#else
      w &= ~(G_MAXUINT64 >> (8 * n));
#endif
    }
  return w;
}

/* Marks with its high bit each byte of w that a JSON string cannot hold as
 * it is: a quote, a backslash, or a control character (below 0x20). The
 * borrows in the subtractions can only mark bytes above a byte that is
 * really marked, so the lowest mark is always right. */
static inline guint64
resp_swar_json_escapes (guint64 w)
{
  guint64 quote = w ^ (RESP_SWAR_ONES * '"');
  guint64 backslash = w ^ (RESP_SWAR_ONES * '\\');

  return (((quote - RESP_SWAR_ONES) & ~quote) |
          ((backslash - RESP_SWAR_ONES) & ~backslash) |
          ((w - RESP_SWAR_ONES * 0x20) & ~w)) & RESP_SWAR_HIGHS;
}

#ifdef RESP_HAVE_SWAR
/* The index of the first marked byte of a non-zero mark */
static inline guint
resp_swar_first (guint64 marks)
{
  return (guint) __builtin_ctzll (marks) >> 3;
}
#endif

G_END_DECLS
