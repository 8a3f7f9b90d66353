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
 * @max_chain_depth: the most `under` relations on a chain of superiors, from a
 *   unit up to a unit with none (default 10,000; a real model has a few
 *   dozen at most). Time is ignored: every `under` a unit ever had counts,
 *   except one that would close a cycle.
 * @max_committee_members: the most `member` relations into one committee,
 *   every seat over the whole timeline (default 10,000).
 * @max_system_operators: the most `operates` relations into one system, over
 *   the whole timeline (default 10,000).
 *
 * Limits on the inputs a load accepts. Exceeding one is an error with code
 * %RESP_ERROR_LIMIT and a position, never a crash. A zero field means the
 * default.
 *
 * The last three bound the shape of a model, where a real one never goes
 * and a file made to be slow would: each is checked when a model file is
 * loaded (the error at the `to` of the relation that goes one past the
 * limit) and when a snapshot is opened (the error names the relation; a
 * snapshot has no lines).
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
  guint   max_chain_depth;
  guint   max_committee_members;
  guint   max_system_operators;

  /*< private >*/
  /* room for later fields without changing the struct's size (ABI) */
  guint64 padding[7];
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

/**
 * RESP_LIMITS_DEFAULT_MAX_CHAIN_DEPTH:
 *
 * The default of #RespLimits.max_chain_depth.
 *
 * Since: 1.0
 */
#define RESP_LIMITS_DEFAULT_MAX_CHAIN_DEPTH 10000

/**
 * RESP_LIMITS_DEFAULT_MAX_COMMITTEE_MEMBERS:
 *
 * The default of #RespLimits.max_committee_members.
 *
 * Since: 1.0
 */
#define RESP_LIMITS_DEFAULT_MAX_COMMITTEE_MEMBERS 10000

/**
 * RESP_LIMITS_DEFAULT_MAX_SYSTEM_OPERATORS:
 *
 * The default of #RespLimits.max_system_operators.
 *
 * Since: 1.0
 */
#define RESP_LIMITS_DEFAULT_MAX_SYSTEM_OPERATORS 10000

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
