/* fuzz-common.h: what the fuzz targets share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "resp.h"

G_BEGIN_DECLS

/* libFuzzer's entry points, declared for -Wmissing-prototypes */
int  LLVMFuzzerInitialize   (int *argc, char ***argv);
int  LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Called first by each LLVMFuzzerInitialize: makes GSlice plain malloc so
 * that ASan sees every block (restarting the process when it has to), and
 * GLib criticals and warnings fatal (a g_return_if_fail reached through the
 * public API with valid arguments is a bug, and must stop the run like a
 * crash). */
void       fuzz_init              (int *argc, char ***argv);

/* examples/data/city.json, compiled into the target; loaded once */
RespModel *fuzz_city              (void);

/* Aborts with a message: the fuzzer reports it as a crash */
G_GNUC_NORETURN G_GNUC_PRINTF (1, 2)
void       fuzz_fail              (const char *format, ...);

/* Checks and frees one rendering: never NULL, valid UTF-8, and in JSON a
 * single well-formed document without duplicate keys. */
void       fuzz_check_render      (char *text, RespFormat format, const char *what);

/* Checks the contract of a loader: on success no error and no diagnostics;
 * on failure an error and at least one diagnostic, each one printable.
 * With exact_quotes, a message may hold U+FFFD only when the input may
 * have: resp_diagnostic_new() replaces a cut character with it, and a
 * producer that quotes the input must not cut one in the first place.
 * Frees both. */
void       fuzz_check_load        (gboolean       loaded,
                                   GPtrArray     *diagnostics,
                                   GError        *error,
                                   const uint8_t *input,
                                   size_t         size,
                                   gboolean       exact_quotes);

/* What fuzz_load() reads an input as */
typedef enum {
  FUZZ_INPUT_MODEL,      /* a model file or a snapshot */
  FUZZ_INPUT_RULEBOOK,
} FuzzInput;

/* Loads size bytes of data as input, named filename, and checks the
 * loader's contract (fuzz_check_load); what loaded (a RespModel or a
 * RespRulebook), or NULL when it is refused. */
gpointer   fuzz_load              (FuzzInput      input,
                                   const uint8_t *data,
                                   size_t         size,
                                   const char    *filename,
                                   gboolean       exact_quotes);

/* The input as a NUL-free copy is not needed: the loaders take a length.
 * This is the file name they are given. */
#define FUZZ_FILE_NAME "fuzz.json"

G_END_DECLS
