/* test-instant.c: parsing and printing instants (SPEC §3.3)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-common.h"

#include <stdio.h>
#include <string.h>

#define USEC G_GINT64_CONSTANT (1000000)

/* 2026-03-04T16:00:00Z, i.e. 2026-03-05 00:00 at +08:00 */
#define T_2026_03_05 G_GINT64_CONSTANT (1772640000000000)

/* ---- Helpers ---- */

/* Parses text, which must be accepted when valid, else rejected with
 * RESP_ERROR_BAD_DATE and a message; returns the instant. */
static gint64
parse_at (int         caller,
          const char *text,
          gboolean    valid)
{
  gint64 t = 0;
  GError *error = NULL;
  gboolean ok = resp_instant_parse (text, &t, &error);

  if (valid)
    {
      if (!ok || error != NULL)
        fprintf (stderr, "line %d: '%s' rejected: %s\n", caller, text,
                 error != NULL ? error->message : "(no error set)");
      test_report_at (caller, ok && error == NULL, "resp_instant_parse accepts a valid instant");
    }
  else
    {
      gboolean right = !ok && error != NULL &&
                       g_error_matches (error, RESP_ERROR, RESP_ERROR_BAD_DATE);

      if (!right)
        fprintf (stderr, "line %d: '%s': expected RESP_ERROR_BAD_DATE, got %s\n", caller, text,
                 ok ? "success" : error == NULL ? "FALSE without an error" : error->message);
      test_report_at (caller, right, "resp_instant_parse rejects with RESP_ERROR_BAD_DATE");
      if (error != NULL)
        test_report_at (caller, error->message != NULL && error->message[0] != '\0',
                        "the error has a message");
    }
  g_clear_error (&error);
  return t;
}
#define parse_ok(text) parse_at (__LINE__, (text), TRUE)
#define parse_bad(text) parse_at (__LINE__, (text), FALSE)

/* Parses text and checks that it prints back as expected. */
static void
roundtrip_at (int         caller,
              const char *text,
              const char *expected)
{
  gint64 t = parse_at (caller, text, TRUE);
  char *got = resp_instant_format (t);
  gboolean ok = got != NULL && strcmp (got, expected) == 0;
  gint64 back = 0;

  if (!ok)
    fprintf (stderr, "line %d: '%s' printed as '%s', expected '%s'\n", caller, text,
             got != NULL ? got : "(null)", expected);
  test_report_at (caller, ok, "resp_instant_format prints the expected text");
  /* what is printed parses back to the same instant */
  if (got != NULL)
    {
      back = parse_at (caller, got, TRUE);
      test_report_at (caller, back == t, "the printed text parses back to the same instant");
    }
  g_free (got);
}
#define roundtrip(text, expected) roundtrip_at (__LINE__, (text), (expected))

/* ---- Tests ---- */

static void
test_bare_date (void)
{
  CU_ASSERT_EQUAL (parse_ok ("2026-03-05"), T_2026_03_05);
  CU_ASSERT_EQUAL (parse_ok ("2026-03-05"), parse_ok ("2026-03-04T16:00:00Z"));
  CU_ASSERT_EQUAL (parse_ok ("2026-03-05"), parse_ok ("2026-03-05T00:00:00+08:00"));
  CU_ASSERT_EQUAL (parse_ok ("2026-03-06") - parse_ok ("2026-03-05"), 86400 * USEC);
  CU_ASSERT_EQUAL (parse_ok ("1970-01-01"), -8 * 3600 * USEC);
  roundtrip ("2026-03-05", "2026-03-05T00:00:00+08:00");
}

static void
test_utc_designator (void)
{
  CU_ASSERT_EQUAL (parse_ok ("2026-03-04T16:00:00Z"), T_2026_03_05);
  CU_ASSERT_EQUAL (parse_ok ("2026-03-04T16:00:00z"), T_2026_03_05);
  /* lowercase 't' is allowed by RFC 3339 as well */
  CU_ASSERT_EQUAL (parse_ok ("2026-03-04t16:00:00Z"), T_2026_03_05);
  CU_ASSERT_EQUAL (parse_ok ("1970-01-01T00:00:00Z"), 0);
  CU_ASSERT_EQUAL (parse_ok ("1970-01-01T00:00:01Z"), USEC);
}

static void
test_offsets (void)
{
  CU_ASSERT_EQUAL (parse_ok ("2026-03-05T00:00:00+08:00"), T_2026_03_05);
  CU_ASSERT_EQUAL (parse_ok ("2026-03-04T16:00:00+00:00"), T_2026_03_05);
  CU_ASSERT_EQUAL (parse_ok ("2026-03-04T16:00:00-00:00"), T_2026_03_05);
  CU_ASSERT_EQUAL (parse_ok ("2026-03-04T11:00:00-05:00"), T_2026_03_05);
  CU_ASSERT_EQUAL (parse_ok ("2026-03-04T21:30:00+05:30"), T_2026_03_05);
  CU_ASSERT_EQUAL (parse_ok ("2026-03-04T05:15:00-10:45"), T_2026_03_05);
  /* instants compare as absolute times, whatever the offset */
  CU_ASSERT (parse_ok ("2026-03-05T08:00:00+08:00") < parse_ok ("2026-03-05T01:00:00+00:30"));
  CU_ASSERT_EQUAL (parse_ok ("2026-03-05T08:00:00+08:00"), parse_ok ("2026-03-05T01:00:00+01:00"));
  /* an offset carries the date across a day, a month and a year */
  CU_ASSERT_EQUAL (parse_ok ("2025-12-31T23:30:00-01:00"), parse_ok ("2026-01-01T08:30:00+08:00"));
}

static void
test_fractional_seconds (void)
{
  gint64 base = parse_ok ("2026-03-05T08:10:00+08:00");

  CU_ASSERT_EQUAL (parse_ok ("2026-03-05T08:10:00.5+08:00") - base, 500000);
  CU_ASSERT_EQUAL (parse_ok ("2026-03-05T08:10:00.000001+08:00") - base, 1);
  CU_ASSERT_EQUAL (parse_ok ("2026-03-05T08:10:00.123456+08:00") - base, 123456);
  CU_ASSERT_EQUAL (parse_ok ("2026-03-05T08:10:00.0+08:00"), base);
  CU_ASSERT_EQUAL (parse_ok ("2026-03-05T00:10:00.25Z") - base, 250000);
  /* digits past the microsecond are accepted, the instant keeps microseconds */
  CU_ASSERT_EQUAL (parse_ok ("2026-03-05T08:10:00.1234560+08:00") - base, 123456);
  CU_ASSERT_EQUAL (parse_ok ("2026-03-05T08:10:00.000000000+08:00"), base);

  /* printed back minimally */
  roundtrip ("2026-03-05T08:10:00.5+08:00", "2026-03-05T08:10:00.5+08:00");
  roundtrip ("2026-03-05T08:10:00.50+08:00", "2026-03-05T08:10:00.5+08:00");
  roundtrip ("2026-03-05T08:10:00.120+08:00", "2026-03-05T08:10:00.12+08:00");
  roundtrip ("2026-03-05T08:10:00.123456+08:00", "2026-03-05T08:10:00.123456+08:00");
  roundtrip ("2026-03-05T08:10:00.000001+08:00", "2026-03-05T08:10:00.000001+08:00");
  roundtrip ("2026-03-05T08:10:00.000+08:00", "2026-03-05T08:10:00+08:00");
  roundtrip ("2026-03-05T00:10:00.25Z", "2026-03-05T08:10:00.25+08:00");
  /* before the epoch the fraction still counts forward within the second */
  roundtrip ("1969-12-31T23:59:59.5Z", "1970-01-01T07:59:59.5+08:00");
  CU_ASSERT_EQUAL (parse_ok ("1969-12-31T23:59:59.5Z"), -500000);
}

/* Whole seconds anywhere from year 1 to 9999 print as GLib's calendar
 * prints them at +08:00 (the usual case is written digit by digit) */
static void
test_format_agrees_with_glib (void)
{
  GRand *rand = g_rand_new_with_seed (8);
  GTimeZone *cst = g_time_zone_new_offset (8 * 3600);
  /* 0001-01-01T08:00:00+08:00 (GLib's first instant) and
   * 9999-12-31T23:59:59+08:00, in seconds */
  const gint64 first = G_GINT64_CONSTANT (-62135596800), last = G_GINT64_CONSTANT (253402271999);
  guint wrong = 0;

  for (guint i = 0; i < 20000; i++)
    {
      /* a spread over the whole range, and the last seconds of days,
       * months and years */
      gint64 secs = first + (gint64) (g_rand_double (rand) * (double) (last - first));
      GDateTime *utc, *local;
      char *want, *got;

      if (i % 4 == 0)
        secs = secs - (secs + 8 * 3600) % 86400 + 86399;
      secs = CLAMP (secs, first, last);
      utc = g_date_time_new_from_unix_utc (secs);
      local = g_date_time_to_timezone (utc, cst);
      want = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d+08:00", g_date_time_get_year (local),
                              g_date_time_get_month (local), g_date_time_get_day_of_month (local),
                              g_date_time_get_hour (local), g_date_time_get_minute (local),
                              g_date_time_get_second (local));
      got = resp_instant_format (secs * G_USEC_PER_SEC);
      wrong += got == NULL || strcmp (want, got) != 0;
      g_free (want);
      g_free (got);
      g_date_time_unref (local);
      g_date_time_unref (utc);
    }
  CU_ASSERT_EQUAL (wrong, 0);
  g_time_zone_unref (cst);
  g_rand_free (rand);
}

static void
test_format_at_cst (void)
{
  /* instants given as numbers, not parsed */
  static const struct {
    gint64      t;
    const char *text;
  } formats[] = {
    { T_2026_03_05, "2026-03-05T00:00:00+08:00" },
    { 0, "1970-01-01T08:00:00+08:00" },
    { -1, "1970-01-01T07:59:59.999999+08:00" },
  };

  roundtrip ("2026-03-04T16:00:00Z", "2026-03-05T00:00:00+08:00");
  roundtrip ("2026-03-05T08:10:00+08:00", "2026-03-05T08:10:00+08:00");
  roundtrip ("2026-03-05T08:10:00-05:00", "2026-03-05T21:10:00+08:00");
  roundtrip ("2025-12-31T20:00:00Z", "2026-01-01T04:00:00+08:00");
  roundtrip ("2025-06-29T16:00:00Z", "2025-06-30T00:00:00+08:00");
  roundtrip ("2025-06-29T23:59:59+08:00", "2025-06-29T23:59:59+08:00");
  roundtrip ("1970-01-01T00:00:00Z", "1970-01-01T08:00:00+08:00");
  roundtrip ("1900-03-01", "1900-03-01T00:00:00+08:00");
  roundtrip ("0001-01-01", "0001-01-01T00:00:00+08:00");
  roundtrip ("9999-12-31T23:59:59.999999+08:00", "9999-12-31T23:59:59.999999+08:00");

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      char *s = resp_instant_format (formats[i].t);

      CU_ASSERT_PTR_NOT_NULL_FATAL (s);
      CU_ASSERT_STRING_EQUAL (s, formats[i].text);
      g_free (s);
    }
}

static void
test_leap_days (void)
{
  CU_ASSERT_EQUAL (parse_ok ("2024-02-29"), G_GINT64_CONSTANT (1709136000000000));
  CU_ASSERT_EQUAL (parse_ok ("2000-02-29"), G_GINT64_CONSTANT (951753600000000));
  CU_ASSERT_EQUAL (parse_ok ("2024-03-01") - parse_ok ("2024-02-28"), 2 * 86400 * USEC);
  CU_ASSERT_EQUAL (parse_ok ("2023-03-01") - parse_ok ("2023-02-28"), 86400 * USEC);
  CU_ASSERT_EQUAL (parse_ok ("1900-03-01") - parse_ok ("1900-02-28"), 86400 * USEC);
  CU_ASSERT_EQUAL (parse_ok ("1900-03-01"), G_GINT64_CONSTANT (-2203920000000000));
  roundtrip ("2024-02-29", "2024-02-29T00:00:00+08:00");
  roundtrip ("2000-02-29T12:00:00Z", "2000-02-29T20:00:00+08:00");
  roundtrip ("2024-02-28T16:00:00Z", "2024-02-29T00:00:00+08:00");
  parse_bad ("2023-02-29");
  parse_bad ("1900-02-29");
  parse_bad ("2100-02-29");
  parse_bad ("2023-02-29T12:00:00Z");
  parse_bad ("2024-02-30");
}

static void
test_bad_inputs (void)
{
  /* a date-time needs an offset */
  parse_bad ("2026-03-05T08:10:00");
  parse_bad ("2026-03-05T08:10:00.5");
  /* out of range */
  parse_bad ("2026-03-05T24:00:00+08:00");
  parse_bad ("2026-03-05T23:60:00+08:00");
  parse_bad ("2026-03-05T23:59:61+08:00");
  parse_bad ("2026-13-01");
  parse_bad ("2026-00-10");
  parse_bad ("2026-03-00");
  parse_bad ("2026-03-32");
  /* an offset that moves the instant outside the years 0001-9999 at
   * +08:00, which would print as year 0000 or 10000 */
  parse_bad ("9999-12-31T23:00:00-08:00");
  parse_bad ("9999-12-31T16:00:00Z");
  parse_bad ("0001-01-01T00:00:00+09:00");
  parse_bad ("0001-01-01T05:59:59.999999+14:00");
  roundtrip ("0001-01-01T06:00:00+14:00", "0001-01-01T00:00:00+08:00");
  roundtrip ("9999-12-31T15:59:59.999999Z", "9999-12-31T23:59:59.999999+08:00");
  roundtrip ("0001-01-01T00:00:00+08:00", "0001-01-01T00:00:00+08:00");
  parse_bad ("2026-04-31");
  parse_bad ("0000-01-01");
  parse_bad ("2026-03-05T08:10:00+24:00");
  parse_bad ("2026-03-05T08:10:00+08:60");
  /* trailing garbage */
  parse_bad ("2026-03-05x");
  parse_bad ("2026-03-05 ");
  parse_bad ("2026-03-05T08:10:00Zjunk");
  parse_bad ("2026-03-05T08:10:00+08:00 ");
  parse_bad ("2026-03-05T08:10:00+08:00:00");
  /* empty and malformed */
  parse_bad ("");
  parse_bad (" 2026-03-05");
  parse_bad ("2026-3-5");
  parse_bad ("2026-03-5");
  parse_bad ("26-03-05");
  parse_bad ("2026/03/05");
  parse_bad ("20260305");
  parse_bad ("2026-03-05T");
  parse_bad ("2026-03-05T08:10+08:00");
  parse_bad ("2026-03-05T8:10:00+08:00");
  parse_bad ("2026-03-05T08:10:00.+08:00");
  parse_bad ("2026-03-05T08:10:00+8:00");
  parse_bad ("2026-03-05T08:10:00+0800");
  parse_bad ("2026-03-05T08:10:00+08");
  parse_bad ("2026-03-05T08:10:00UTC");
  parse_bad ("now");
}

static void
test_open_ends (void)
{
  char *s;

  s = resp_instant_format (RESP_INSTANT_OPEN_START);
  CU_ASSERT_PTR_NULL (s);
  g_free (s);
  s = resp_instant_format (RESP_INSTANT_OPEN_END);
  CU_ASSERT_PTR_NULL (s);
  g_free (s);
  CU_ASSERT (RESP_INSTANT_OPEN_START < parse_ok ("0001-01-01"));
  CU_ASSERT (RESP_INSTANT_OPEN_END > parse_ok ("9999-12-31T23:59:59.999999+08:00"));
}

static void
test_now (void)
{
  gint64 before = g_get_real_time ();
  gint64 now = resp_instant_now ();
  gint64 after = g_get_real_time ();

  CU_ASSERT (before <= now);
  CU_ASSERT (now <= after);
}

static void
parse_null_text (void)
{
  gint64 t = 0;

  resp_instant_parse (NULL, &t, NULL);
}

static void
parse_set_error (void)
{
  gint64 t = 0;
  GError *error = g_error_new_literal (RESP_ERROR, RESP_ERROR_FAILED, "already set");

  /* a second error on top of a set one is a programmer error */
  resp_instant_parse ("bad", &t, &error);
}

static void
parse_valid (void)
{
  gint64 t = 0;

  resp_instant_parse ("2026-03-05", &t, NULL);
}

static void
test_preconditions (void)
{
  static const TestMisuse misuses[] = {
    { parse_null_text, "resp_instant_parse: assertion 'text != NULL' failed" },
    { parse_set_error, "resp_instant_parse: assertion 'error == NULL || *error == NULL' failed" },
  };

  test_misuses (misuses);
  /* the harness itself: a good call logs no critical */
  CU_ASSERT_TRUE (test_no_critical (parse_valid));
}

static CU_TestInfo tests[] = {
  { "bare date is 00:00 at +08:00", test_bare_date },
  { "Z and z", test_utc_designator },
  { "numeric offsets", test_offsets },
  { "fractional seconds", test_fractional_seconds },
  { "formatting at +08:00", test_format_at_cst },
  { "formatting agrees with GLib's calendar from year 1 to 9999", test_format_agrees_with_glib },
  { "leap days", test_leap_days },
  { "bad inputs", test_bad_inputs },
  { "open ends", test_open_ends },
  { "now", test_now },
  { "preconditions", test_preconditions },
  CU_TEST_INFO_NULL,
};

int
main (void)
{
  return test_main_suite ("instant", NULL, NULL, tests);
}
