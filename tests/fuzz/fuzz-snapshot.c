/* fuzz-snapshot.c: a compiled snapshot, then queries on whatever it holds
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is a snapshot (as `resp compile` writes it). Whatever its
 * bytes, opening it must give an error or a model; a model that opens must
 * answer every query without reading out of bounds or looping, however
 * odd its contents (damage that passes the bounds checks can still say
 * strange things: unsorted blocks, cycles, empty intervals).
 *
 * A snapshot carries checksums of its header and of each section, and a
 * changed byte anywhere fails one of them: fed as it is, every mutation
 * would stop at the checksum. So the harness recomputes the checksums of
 * its input before opening it (resp_snapshot_reseal()), and the checks
 * behind them are what is fuzzed, as a forged file would meet them. A
 * string pool that is not valid UTF-8 keeps its old sum: the sum is what
 * vouches for the names being text (test-snapshot covers the checksums
 * themselves, every byte of a snapshot changed in turn).
 */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "resp-model-private.h"
#include "resp-snapshot-private.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init (argc, argv);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const gint64 instants[] = { G_MININT64, 0, G_GINT64_CONSTANT (1700000000000000), G_MAXINT64 };
  uint8_t *sealed = g_memdup2 (data, size);
  RespModel *m;

  resp_snapshot_reseal ((char *) sealed, size, TRUE);
  /* a snapshot's messages quote nothing of it */
  m = fuzz_load (FUZZ_INPUT_MODEL, sealed, size, "fuzz.snap", FALSE);
  g_free (sealed);
  if (m == NULL)
    return 0;

  for (guint32 v = 0; v < m->n_nodes && v < 64; v++)
    for (guint k = 0; k < G_N_ELEMENTS (instants); k++)
      {
        RespRoles *roles = resp_model_resolve_roles (m, resp_model_node_id (m, v), instants[k], NULL);
        if (roles != NULL)
          {
            fuzz_check_render (resp_roles_render (roles, RESP_FORMAT_JSON), RESP_FORMAT_JSON, "who");
            fuzz_check_render (resp_roles_render (roles, RESP_FORMAT_TEXT), RESP_FORMAT_TEXT, "who");
            resp_roles_unref (roles);
          }
      }
  {
    RespAudit *audit = resp_model_audit (m);
    fuzz_check_render (resp_audit_render (audit, RESP_FORMAT_JSON), RESP_FORMAT_JSON, "audit");
    resp_audit_unref (audit);
  }
  resp_model_unref (m);
  return 0;
}
