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
G_DEFINE_QUARK (resp-error-quark, resp_error)
