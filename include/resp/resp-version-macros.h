/* resp-version-macros.h: symbol visibility and availability macros
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__RESP_H_INSIDE__) && !defined(RESP_COMPILATION)
#error "Only <resp/resp.h> can be included directly."
#endif

#include <glib.h>

#include "resp-version.h"

#ifndef _RESP_EXTERN
# define _RESP_EXTERN __attribute__((visibility("default"))) extern
#endif

/**
 * RESP_VERSION_1_0:
 *
 * The encoded version 1.0, for %RESP_VERSION_MIN_REQUIRED.
 *
 * Since: 1.0
 */
#define RESP_VERSION_1_0 (RESP_ENCODE_VERSION (1, 0, 0))

/**
 * RESP_VERSION_MIN_REQUIRED:
 *
 * Define it before including <resp/resp.h> to the oldest version the
 * program supports.
 *
 * Since: 1.0
 */
#ifndef RESP_VERSION_MIN_REQUIRED
# define RESP_VERSION_MIN_REQUIRED RESP_VERSION_1_0
#endif

/* Export and availability markers on every public symbol. */
#define RESP_AVAILABLE_IN_ALL _RESP_EXTERN
#define RESP_AVAILABLE_IN_1_0 _RESP_EXTERN
#define RESP_DEPRECATED_IN_1_0 G_DEPRECATED _RESP_EXTERN

/**
 * RESP_DEPRECATED_IN_1_0_FOR:
 * @f: the replacement
 *
 * Marks a symbol deprecated since 1.0 in favour of @f.
 *
 * Since: 1.0
 */
#define RESP_DEPRECATED_IN_1_0_FOR(f) G_DEPRECATED_FOR(f) _RESP_EXTERN

G_BEGIN_DECLS

RESP_AVAILABLE_IN_1_0
const char *resp_get_version (void);

G_END_DECLS
