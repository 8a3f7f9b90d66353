/* resp-limits.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "resp-limits-private.h"

G_DEFINE_BOXED_TYPE (RespLimits, resp_limits, resp_limits_copy, resp_limits_free)

/* The size is ABI: a field added later takes its room from the padding, so
 * that a program built against an older header still allocates enough. */
G_STATIC_ASSERT (GLIB_SIZEOF_VOID_P != 8 || sizeof (RespLimits) == 96);

/**
 * resp_limits_new:
 *
 * Gets limits set to their defaults.
 *
 * Returns: (transfer full): limits set to their defaults
 *
 * Since: 1.0
 */
RespLimits *
resp_limits_new (void)
{
  RespLimits *self = g_new0 (RespLimits, 1);

  resp_limits_resolve (NULL, self);
  return self;
}

/**
 * resp_limits_copy:
 * @self: a #RespLimits
 *
 * Gets a copy of @self.
 *
 * Returns: (transfer full): a copy of @self
 *
 * Since: 1.0
 */
RespLimits *
resp_limits_copy (const RespLimits *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_memdup2 (self, sizeof *self);
}

/**
 * resp_limits_free:
 * @self: (transfer full): a #RespLimits
 *
 * Frees @self.
 *
 * Since: 1.0
 */
void
resp_limits_free (RespLimits *self)
{
  g_free (self);
}

/* Reads the public fields of @in only: its padding may be anything (a
 * caller's struct on the stack that was not zeroed). */
void
resp_limits_resolve (const RespLimits *in, RespLimits *out)
{
  out->max_depth = in && in->max_depth ? in->max_depth : RESP_LIMITS_DEFAULT_MAX_DEPTH;
  out->max_string_bytes = in && in->max_string_bytes ? in->max_string_bytes
                                                     : RESP_LIMITS_DEFAULT_MAX_STRING_BYTES;
  out->max_file_bytes = in && in->max_file_bytes ? in->max_file_bytes : RESP_LIMITS_DEFAULT_MAX_FILE_BYTES;
  out->max_errors = in && in->max_errors ? in->max_errors : RESP_LIMITS_DEFAULT_MAX_ERRORS;
  out->max_chain_depth = in && in->max_chain_depth ? in->max_chain_depth
                                                   : RESP_LIMITS_DEFAULT_MAX_CHAIN_DEPTH;
  out->max_committee_members = in && in->max_committee_members ? in->max_committee_members
                                                               : RESP_LIMITS_DEFAULT_MAX_COMMITTEE_MEMBERS;
  out->max_system_operators = in && in->max_system_operators ? in->max_system_operators
                                                             : RESP_LIMITS_DEFAULT_MAX_SYSTEM_OPERATORS;
  /* the string pools index with 32 bits: a larger file could not be held */
  out->max_file_bytes = MIN (out->max_file_bytes, G_GUINT64_CONSTANT (4) << 30);
}

gboolean
resp_limits_check_size (const RespLimits *limits, const char *file, guint64 size,
                        GPtrArray **diagnostics, GError **error)
{
  char *msg;

  if (size <= limits->max_file_bytes)
    return TRUE;
  msg = g_strdup_printf ("the input is %" G_GUINT64_FORMAT " bytes, more than the limit of %"
                         G_GUINT64_FORMAT " (RespLimits.max_file_bytes)", size, limits->max_file_bytes);
  g_set_error (error, RESP_ERROR, RESP_ERROR_LIMIT, "%s: %s", file, msg);
  if (diagnostics != NULL)
    {
      *diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) resp_diagnostic_unref);
      g_ptr_array_add (*diagnostics, resp_diagnostic_new (RESP_ERROR_LIMIT, file, 0, 0, msg));
    }
  g_free (msg);
  return FALSE;
}
