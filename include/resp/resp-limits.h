/* resp-limits.h: how much hostile input a load accepts before it gives up
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__RESP_H_INSIDE__) && !defined(RESP_COMPILATION)
#error "Only <resp/resp.h> can be included directly."
#endif

#include <glib-object.h>

#include "resp-version-macros.h"

G_BEGIN_DECLS

#define RESP_TYPE_LIMITS (resp_limits_get_type ())

/**
 * RespLimits:
 * @max_depth: deepest nesting of JSON arrays and objects (default 256)
 * @max_string_bytes: longest JSON string, in bytes after unescaping
 *   (default 16 MiB); node ids are limited to 256 bytes regardless
 * @max_file_bytes: largest input, in bytes (default 2 GiB)
 * @max_errors: diagnostics collected before a load stops (default 100)
 *
 * Limits on the inputs a load accepts. Exceeding one is an error with code
 * %RESP_ERROR_LIMIT and a position, never a crash. A zero field means the
 * default.
 *
 * Get limits from resp_limits_new(), or zero a whole struct before setting
 * fields (`RespLimits limits = { 0 };`): the struct has room reserved for
 * limits added in later versions, and a zero there means their default too.
 *
 * Since: 1.0
 */
typedef struct {
  guint   max_depth;
  guint64 max_string_bytes;
  guint64 max_file_bytes;
  guint   max_errors;

  /*< private >*/
  /* room for later fields without changing the struct's size (ABI) */
  guint64 padding[8];
} RespLimits;

/**
 * RESP_LIMITS_DEFAULT_MAX_DEPTH:
 *
 * The default of #RespLimits.max_depth.
 *
 * Since: 1.0
 */
#define RESP_LIMITS_DEFAULT_MAX_DEPTH 256

/**
 * RESP_LIMITS_DEFAULT_MAX_STRING_BYTES:
 *
 * The default of #RespLimits.max_string_bytes: 16 MiB.
 *
 * Since: 1.0
 */
#define RESP_LIMITS_DEFAULT_MAX_STRING_BYTES (G_GUINT64_CONSTANT (16) << 20)

/**
 * RESP_LIMITS_DEFAULT_MAX_FILE_BYTES:
 *
 * The default of #RespLimits.max_file_bytes: 2 GiB.
 *
 * Since: 1.0
 */
#define RESP_LIMITS_DEFAULT_MAX_FILE_BYTES (G_GUINT64_CONSTANT (2) << 30)

/**
 * RESP_LIMITS_DEFAULT_MAX_ERRORS:
 *
 * The default of #RespLimits.max_errors.
 *
 * Since: 1.0
 */
#define RESP_LIMITS_DEFAULT_MAX_ERRORS 100

RESP_AVAILABLE_IN_1_0
GType       resp_limits_get_type (void) G_GNUC_CONST;
RESP_AVAILABLE_IN_1_0
RespLimits *resp_limits_new      (void);
RESP_AVAILABLE_IN_1_0
RespLimits *resp_limits_copy     (const RespLimits *self);
RESP_AVAILABLE_IN_1_0
void        resp_limits_free     (RespLimits       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RespLimits, resp_limits_free)

G_END_DECLS
