/* resp-instant-private.h */
#pragma once

#include "resp-instant.h"

G_BEGIN_DECLS

#define RESP_INSTANT_BUF 48

/* The instants that print as dates: anything a file can hold (years
 * 0001–9999) and far beyond, but clear of the ends of gint64, where the
 * shift to +08:00 would overflow. */
#define RESP_INSTANT_MIN_DATED (-(G_GINT64_CONSTANT (1) << 62))
#define RESP_INSTANT_MAX_DATED (G_GINT64_CONSTANT (1) << 62)

/* Parses len bytes; on failure *why says what is wrong (static text). */
gboolean resp_instant_parse_len  (const char  *text,
                                  gsize        len,
                                  gint64      *out_instant,
                                  const char **why);
/* Writes RFC 3339 at +08:00 into buf; the open ends print far-off years. */
void     resp_instant_format_buf (gint64       instant,
                                  char         buf[RESP_INSTANT_BUF]);

G_END_DECLS

G_BEGIN_DECLS
/* Midnight at +08:00 of a date (month 1-12, day 1-31). */
gint64   resp_instant_from_date    (gint64 year, guint month, guint day);
/* The year at +08:00 of a dated instant. */
gint64   resp_instant_year         (gint64 instant);
/* The start of the calendar period of `months` months (1, 3, 6 or 12;
 * periods begin in January) at +08:00 that contains a dated instant, and
 * the start of the period after the one that starts at start. */
gint64   resp_instant_period_start (gint64 instant, guint months);
gint64   resp_instant_next_period  (gint64 start, guint months);
/* For messages: `2023-07-01` when the instant is midnight at +08:00, the full
 * RFC 3339 text otherwise, and `(open)` for an open end. */
void     resp_instant_format_short (gint64 instant, char buf[RESP_INSTANT_BUF]);
G_END_DECLS
