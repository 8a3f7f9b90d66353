/* resp-vec.c: the slow path of the growable arrays
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "resp-vec-private.h"

gpointer
resp_vec_grow (gpointer data, guint32 *cap, gsize elem, gsize need)
{
  gsize n = MAX ((gsize) *cap, 8);

  while (n < need)
    n *= 2;
  /* lengths are guint32 everywhere; a vector never holds more */
  g_assert (n <= G_MAXUINT32);
  *cap = (guint32) n;
  return g_realloc_n (data, n, elem);
}
