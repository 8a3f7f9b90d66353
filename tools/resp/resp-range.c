/* resp-range.c: the period and query instant of a duty check
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <resp/resp.h>

#include "resp-range.h"

/* The instant at (default now), and the period: the calendar year `year`,
 * or [from_text, until_text), else the year of the instant at +08:00. Any
 * argument may be NULL (not given). NULL when all is well, else what is
 * wrong, naming each option with dash before it ("--" on the command
 * line, "" for a query parameter). */
char *
resp_duties_range (const char *year, const char *from_text, const char *until_text, const char *at_text,
                   const char *dash, gint64 *from, gint64 *until, gint64 *at)
{
  GError *error = NULL;
  char *message = NULL;

  *at = resp_instant_now ();
  if (at_text != NULL && !resp_instant_parse (at_text, at, &error))
    message = g_strdup_printf ("%sat: %s", dash, error->message);
  else if (year != NULL && (from_text != NULL || until_text != NULL))
    message = g_strdup_printf ("give either %syear or %sfrom and %suntil", dash, dash, dash);
  else if ((from_text == NULL) != (until_text == NULL))
    message = g_strdup_printf ("%sfrom and %suntil go together", dash, dash);
  else if (from_text != NULL)
    {
      if (!resp_instant_parse (from_text, from, &error))
        message = g_strdup_printf ("%sfrom: %s", dash, error->message);
      else if (!resp_instant_parse (until_text, until, &error))
        message = g_strdup_printf ("%suntil: %s", dash, error->message);
      else if (*from >= *until)
        message = g_strdup_printf ("%suntil must be after %sfrom", dash, dash);
    }
  else
    {
      char *end = NULL, *text;
      gint64 y;

      if (year != NULL)
        {
          y = g_ascii_strtoll (year, &end, 10);
          if (end == year || *end != '\0' || y < 1 || y > 9998)
            {
              g_clear_error (&error);
              return g_strdup_printf ("%syear: not a year from 1 to 9998: '%s'", dash, year);
            }
        }
      else
        {
          /* the calendar year of the instant, at +08:00 */
          text = resp_instant_format (*at);
          y = text != NULL ? g_ascii_strtoll (text, NULL, 10) : 2000;
          g_free (text);
        }
      text = g_strdup_printf ("%04" G_GINT64_FORMAT "-01-01", y);
      resp_instant_parse (text, from, NULL);
      g_free (text);
      text = g_strdup_printf ("%04" G_GINT64_FORMAT "-01-01", y + 1);
      resp_instant_parse (text, until, NULL);
      g_free (text);
    }
  g_clear_error (&error);
  return message;
}
