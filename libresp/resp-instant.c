/* resp-instant.c: parsing and printing instants (SPEC §3.3)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * An instant is a gint64 count of microseconds since 1970-01-01T00:00:00Z.
 * A bare date means 00:00 at UTC+08:00 of that day, and instants print at
 * +08:00, because the readers of the output work in China Standard Time.
 */
#include "config.h"

#include "resp-instant-private.h"
#include "resp-error.h"

#include <string.h>

#define USEC_PER_SEC G_GINT64_CONSTANT (1000000)
#define CST_OFFSET_SEC (8 * 3600)

/* Days since 1970-01-01 of a proleptic Gregorian date (era-based formula). */
static gint64
days_from_civil (gint64 y, guint m, guint d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64 z, gint64 *y, guint *m, guint *d)
{
  gint64 era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = (guint) (doy - (153 * mp + 2) / 5 + 1);
  *m = (guint) (mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

static gboolean
is_leap (gint64 y)
{
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static guint
days_in_month (gint64 y, guint m)
{
  static const guint8 dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  return m == 2 && is_leap (y) ? 29 : dim[m - 1];
}

/* Reads exactly n decimal digits. */
static gboolean
read_digits (const char **p, const char *end, guint n, guint *out)
{
  guint v = 0;

  if ((gsize) (end - *p) < n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      char c = (*p)[i];
      if (c < '0' || c > '9')
        return FALSE;
      v = v * 10 + (guint) (c - '0');
    }
  *p += n;
  *out = v;
  return TRUE;
}

gboolean
resp_instant_parse_len (const char *text,
                        gsize       len,
                        gint64     *out_instant,
                        const char **why)
{
  const char *p = text, *end = text + len;
  guint year, month, day, hour = 0, minute = 0, second = 0;
  gint64 usec = 0, offset_sec = CST_OFFSET_SEC, days, seconds;

  if (!read_digits (&p, end, 4, &year) || p == end || *p++ != '-' ||
      !read_digits (&p, end, 2, &month) || p == end || *p++ != '-' ||
      !read_digits (&p, end, 2, &day))
    {
      *why = "expected YYYY-MM-DD or an RFC 3339 date-time";
      return FALSE;
    }
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month (year, month))
    {
      *why = "no such date";
      return FALSE;
    }

  if (p != end)
    {
      if (*p != 'T' && *p != 't')
        {
          *why = "expected 'T' after the date";
          return FALSE;
        }
      p++;
      if (!read_digits (&p, end, 2, &hour) || p == end || *p++ != ':' ||
          !read_digits (&p, end, 2, &minute) || p == end || *p++ != ':' ||
          !read_digits (&p, end, 2, &second))
        {
          *why = "expected HH:MM:SS after 'T'";
          return FALSE;
        }
      if (hour > 23 || minute > 59 || second > 59)
        {
          *why = "time of day out of range";
          return FALSE;
        }
      if (p < end && *p == '.')
        {
          gint64 scale = 100000;
          gboolean any = FALSE;

          p++;
          while (p < end && *p >= '0' && *p <= '9')
            {
              usec += (*p - '0') * scale;
              scale /= 10;
              p++;
              any = TRUE;
            }
          if (!any)
            {
              *why = "expected digits after '.'";
              return FALSE;
            }
        }
      if (p < end && (*p == 'Z' || *p == 'z'))
        {
          offset_sec = 0;
          p++;
        }
      else if (p < end && (*p == '+' || *p == '-'))
        {
          int sign = *p == '-' ? -1 : 1;
          guint oh, om;

          p++;
          if (!read_digits (&p, end, 2, &oh) || p == end || *p++ != ':' ||
              !read_digits (&p, end, 2, &om) || oh > 23 || om > 59)
            {
              *why = "bad UTC offset (expected Z or ±HH:MM)";
              return FALSE;
            }
          offset_sec = sign * (gint64) (oh * 3600 + om * 60);
        }
      else
        {
          *why = "a date-time needs an offset (Z or ±HH:MM)";
          return FALSE;
        }
      if (p != end)
        {
          *why = "unexpected text after the date-time";
          return FALSE;
        }
    }

  days = days_from_civil (year, month, day);
  seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_sec;
  /* an instant that its offset moves outside the years 0001–9999 at
   * +08:00 would print as year 0000 or 10000, which nothing reads back */
  if (seconds + CST_OFFSET_SEC < days_from_civil (1, 1, 1) * 86400
      || seconds + CST_OFFSET_SEC >= days_from_civil (10000, 1, 1) * 86400)
    {
      *why = "at +08:00 the instant lies outside the years 0001-9999";
      return FALSE;
    }
  *out_instant = seconds * USEC_PER_SEC + usec;
  return TRUE;
}

/**
 * resp_instant_parse:
 * @text: a date (`YYYY-MM-DD`, meaning 00:00 at UTC+08:00) or an RFC 3339
 *   date-time with an offset
 * @out_instant: (out): the instant, in microseconds since the Unix epoch
 * @error: return location for a #GError
 *
 * Parses an instant as the model, events and `--at` write it.
 *
 * Returns: %TRUE on success; %FALSE with %RESP_ERROR_BAD_DATE otherwise
 *
 * Since: 1.0
 */
gboolean
resp_instant_parse (const char *text,
                    gint64     *out_instant,
                    GError    **error)
{
  const char *why = NULL;
  gint64 t;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!resp_instant_parse_len (text, strlen (text), &t, &why))
    {
      g_set_error (error, RESP_ERROR, RESP_ERROR_BAD_DATE,
                   "bad date '%s': %s", text, why);
      return FALSE;
    }
  if (out_instant != NULL)
    *out_instant = t;
  return TRUE;
}

/* v as n decimal digits, zeros in front */
static inline void
put_digits (char *out, guint v, guint n)
{
  while (n-- > 0)
    {
      out[n] = (char) ('0' + v % 10);
      v /= 10;
    }
}

void
resp_instant_format_buf (gint64 instant, char buf[RESP_INSTANT_BUF])
{
  gint64 local, secs, usec, days, y;
  guint m, d, sod;

  /* the open ends, and instants so far out that the arithmetic below would
   * overflow, have no date to print */
  if (instant < RESP_INSTANT_MIN_DATED || instant > RESP_INSTANT_MAX_DATED)
    {
      g_strlcpy (buf, instant < 0 ? "-inf" : "+inf", RESP_INSTANT_BUF);
      return;
    }
  local = instant + CST_OFFSET_SEC * USEC_PER_SEC;
  secs = local >= 0 ? local / USEC_PER_SEC : -((-local + USEC_PER_SEC - 1) / USEC_PER_SEC);
  usec = local - secs * USEC_PER_SEC;
  days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  sod = (guint) (secs - days * 86400);
  civil_from_days (days, &y, &m, &d);

  if (usec == 0 && y >= 0 && y <= 9999)
    {
      /* the usual case by hand: g_snprintf() of six numbers costs some
       * 3,000 instructions, and a verdict prints a few instants */
      put_digits (buf, (guint) y, 4);
      buf[4] = '-';
      put_digits (buf + 5, m, 2);
      buf[7] = '-';
      put_digits (buf + 8, d, 2);
      buf[10] = 'T';
      put_digits (buf + 11, sod / 3600, 2);
      buf[13] = ':';
      put_digits (buf + 14, sod / 60 % 60, 2);
      buf[16] = ':';
      put_digits (buf + 17, sod % 60, 2);
      memcpy (buf + 19, "+08:00", sizeof "+08:00");
    }
  else if (usec == 0)
    g_snprintf (buf, RESP_INSTANT_BUF, "%04" G_GINT64_FORMAT "-%02u-%02uT%02u:%02u:%02u+08:00",
                y, m, d, sod / 3600, sod / 60 % 60, sod % 60);
  else
    {
      char frac[8];
      int n = 6;

      g_snprintf (frac, sizeof frac, "%06" G_GINT64_FORMAT, usec);
      while (n > 1 && frac[n - 1] == '0')
        frac[--n] = '\0';
      g_snprintf (buf, RESP_INSTANT_BUF,
                  "%04" G_GINT64_FORMAT "-%02u-%02uT%02u:%02u:%02u.%s+08:00",
                  y, m, d, sod / 3600, sod / 60 % 60, sod % 60, frac);
    }
}

/**
 * resp_instant_format:
 * @instant: an instant
 *
 * Formats @instant as RFC 3339 at UTC+08:00, e.g. `2026-03-05T08:10:00+08:00`.
 * The open ends %RESP_INSTANT_OPEN_START and %RESP_INSTANT_OPEN_END have no
 * date and give %NULL.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL for an open end
 *
 * Since: 1.0
 */
char *
resp_instant_format (gint64 instant)
{
  char buf[RESP_INSTANT_BUF];

  if (instant == RESP_INSTANT_OPEN_START || instant == RESP_INSTANT_OPEN_END)
    return NULL;
  resp_instant_format_buf (instant, buf);
  return g_strdup (buf);
}

/**
 * resp_instant_now:
 *
 * The current instant (wall-clock time).
 *
 * Returns: microseconds since the Unix epoch
 *
 * Since: 1.0
 */
gint64
resp_instant_now (void)
{
  return g_get_real_time ();
}

void
resp_instant_format_short (gint64 instant, char buf[RESP_INSTANT_BUF])
{
  if (instant == RESP_INSTANT_OPEN_START || instant == RESP_INSTANT_OPEN_END)
    {
      g_strlcpy (buf, "(open)", RESP_INSTANT_BUF);
      return;
    }
  resp_instant_format_buf (instant, buf);
  if (strncmp (buf + 10, "T00:00:00+08:00", 15) == 0)
    buf[10] = '\0';
}

/* ---- calendar periods at +08:00 (duties, SPEC §8.1) ---- */

gint64
resp_instant_from_date (gint64 year, guint month, guint day)
{
  return (days_from_civil (year, month, day) * 86400 - CST_OFFSET_SEC) * USEC_PER_SEC;
}

static void
local_date (gint64 instant, gint64 *y, guint *m, guint *d)
{
  gint64 local = instant + CST_OFFSET_SEC * USEC_PER_SEC;
  gint64 secs = local >= 0 ? local / USEC_PER_SEC : -((-local + USEC_PER_SEC - 1) / USEC_PER_SEC);
  gint64 days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);

  civil_from_days (days, y, m, d);
}

gint64
resp_instant_year (gint64 instant)
{
  gint64 y;
  guint m, d;

  local_date (instant, &y, &m, &d);
  return y;
}

gint64
resp_instant_period_start (gint64 instant, guint months)
{
  gint64 y;
  guint m, d;

  local_date (instant, &y, &m, &d);
  return resp_instant_from_date (y, (m - 1) / months * months + 1, 1);
}

gint64
resp_instant_next_period (gint64 start, guint months)
{
  gint64 y;
  guint m, d;

  local_date (start, &y, &m, &d);
  m += months;
  while (m > 12)
    m -= 12, y++;
  return resp_instant_from_date (y, m, 1);
}
