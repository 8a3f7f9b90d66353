/* resp-instant.h: instants of time
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__RESP_H_INSIDE__) && !defined(RESP_COMPILATION)
#error "Only <resp/resp.h> can be included directly."
#endif

#include <glib.h>

#include "resp-version-macros.h"

G_BEGIN_DECLS

/**
 * RESP_INSTANT_OPEN_START:
 *
 * The instant before every other: an open `since`.
 *
 * Since: 1.0
 */
#define RESP_INSTANT_OPEN_START G_MININT64

/**
 * RESP_INSTANT_OPEN_END:
 *
 * The instant after every other: an open `until`.
 *
 * Since: 1.0
 */
#define RESP_INSTANT_OPEN_END G_MAXINT64

RESP_AVAILABLE_IN_1_0
gboolean resp_instant_parse   (const char  *text,
                               gint64      *out_instant,
                               GError     **error);
RESP_AVAILABLE_IN_1_0
char    *resp_instant_format  (gint64       instant);
RESP_AVAILABLE_IN_1_0
gint64   resp_instant_now     (void);

G_END_DECLS
