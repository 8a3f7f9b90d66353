/* resp-version.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "resp-version-macros.h"

/**
 * resp_get_version:
 *
 * The version of the libresp the program runs with, which may differ from
 * %RESP_VERSION_S, the one it was compiled against.
 *
 * Returns: the version, e.g. `0.1.0`
 *
 * Since: 1.0
 */
const char *
resp_get_version (void)
{
  return PACKAGE_VERSION;
}
