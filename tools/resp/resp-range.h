/* resp-range.h: the period and query instant of a duty check, as `resp
 * duties` and `resp serve` take them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

char *resp_duties_range (const char *year, const char *from_text, const char *until_text, const char *at_text,
                         const char *dash, gint64 *from, gint64 *until, gint64 *at);
