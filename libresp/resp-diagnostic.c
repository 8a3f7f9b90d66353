/* resp-diagnostic.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "resp-diagnostic.h"
#include "resp-refcount-private.h"

struct _RespDiagnostic {
  gatomicrefcount ref;
  RespError code;
  guint line;
  guint column;
  char *file;
  char *message;
};


/**
 * resp_diagnostic_new:
 * @code: the error class
 * @file: (nullable): the file name as the user gave it
 * @line: 1-based line, or 0 when the problem has no position
 * @column: 1-based column in code points, or 0
 * @message: what is wrong, without the position (any byte that is not
 *   valid UTF-8 is replaced with U+FFFD)
 *
 * Gets a new diagnostic.
 *
 * Returns: (transfer full): a new diagnostic
 *
 * Since: 1.0
 */
RespDiagnostic *
resp_diagnostic_new (RespError   code,
                     const char *file,
                     guint       line,
                     guint       column,
                     const char *message)
{
  RespDiagnostic *self;

  g_return_val_if_fail (message != NULL, NULL);

  self = g_new0 (RespDiagnostic, 1);
  g_atomic_ref_count_init (&self->ref);
  self->code = code;
  self->file = g_strdup (file != NULL ? file : "<input>");
  self->line = line;
  self->column = column;
  /* Messages quote the input, and a producer that shortens a quotation to
   * a fixed buffer can cut a character in two. A message is UTF-8 for
   * every consumer (GError, bindings, the terminal), so whatever reaches
   * here is made valid: a stray byte becomes U+FFFD instead of breaking
   * the reader of the message. */
  self->message = g_utf8_make_valid (message, -1);
  return self;
}

static void
diagnostic_free (RespDiagnostic *self)
{
  g_free (self->file);
  g_free (self->message);
  g_free (self);
}

/**
 * resp_diagnostic_ref:
 * @self: a #RespDiagnostic
 *
 * Takes a reference on @self.
 *
 * Returns: (transfer full): @self
 *
 * Since: 1.0
 */
/**
 * resp_diagnostic_unref:
 * @self: (transfer full): a #RespDiagnostic
 *
 * Drops a reference on @self; the last one frees it.
 *
 * Since: 1.0
 */
RESP_DEFINE_REFCOUNTED_TYPE (RespDiagnostic, resp_diagnostic, diagnostic_free)

/**
 * resp_diagnostic_get_code:
 * @self: a #RespDiagnostic
 *
 * Gets the error class, a #RespError of the %RESP_ERROR domain.
 *
 * Returns: the error class, a #RespError of the %RESP_ERROR domain
 *
 * Since: 1.0
 */
RespError
resp_diagnostic_get_code (RespDiagnostic *self)
{
  g_return_val_if_fail (self != NULL, RESP_ERROR_FAILED);
  return self->code;
}

/**
 * resp_diagnostic_get_file:
 * @self: a #RespDiagnostic
 *
 * Gets the file name.
 *
 * Returns: the file name
 *
 * Since: 1.0
 */
const char *
resp_diagnostic_get_file (RespDiagnostic *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->file;
}

/**
 * resp_diagnostic_get_line:
 * @self: a #RespDiagnostic
 *
 * Gets the 1-based line, or 0 when there is no position.
 *
 * Returns: the 1-based line, or 0 when there is no position
 *
 * Since: 1.0
 */
guint
resp_diagnostic_get_line (RespDiagnostic *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->line;
}

/**
 * resp_diagnostic_get_column:
 * @self: a #RespDiagnostic
 *
 * Gets the 1-based column in Unicode code points, or 0.
 *
 * Returns: the 1-based column in Unicode code points, or 0
 *
 * Since: 1.0
 */
guint
resp_diagnostic_get_column (RespDiagnostic *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->column;
}

/**
 * resp_diagnostic_get_message:
 * @self: a #RespDiagnostic
 *
 * Gets the message, without the position.
 *
 * Returns: the message, without the position
 *
 * Since: 1.0
 */
const char *
resp_diagnostic_get_message (RespDiagnostic *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->message;
}

/**
 * resp_diagnostic_to_string:
 * @self: a #RespDiagnostic
 *
 * Formats the diagnostic as `FILE:LINE:COL: message`.
 *
 * Returns: (transfer full): the text
 *
 * Since: 1.0
 */
char *
resp_diagnostic_to_string (RespDiagnostic *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (self->line == 0)
    return g_strdup_printf ("%s: %s", self->file, self->message);
  return g_strdup_printf ("%s:%u:%u: %s", self->file, self->line, self->column, self->message);
}
