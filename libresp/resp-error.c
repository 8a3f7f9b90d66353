/* resp-error.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "resp-error.h"

/**
 * resp_error_quark:
 *
 * The quark of the error domain of libresp, %RESP_ERROR.
 *
 * Returns: the quark of the %RESP_ERROR domain
 *
 * Since: 1.0
 */
GQuark
resp_error_quark (void)
{
  /* G_DEFINE_QUARK's unsynchronised first store is a data race when two
   * threads fail at once before any error was set: once, through atomics */
  static gsize quark = 0;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("resp-error-quark"));
  return (GQuark) quark;
}
