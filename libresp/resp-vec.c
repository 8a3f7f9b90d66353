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

void
resp_sort_stable (gpointer base, guint32 n, gsize size, GCompareDataFunc cmp, gpointer data)
{
  char *a = base;
  char tmp[64];

  if (n < 2)
    return;
  if (n > 16 || size > sizeof tmp)
    {
      g_qsort_with_data (base, (gint) n, size, cmp, data);
      return;
    }
  for (guint32 i = 1; i < n; i++)
    {
      guint32 j = i;

      memcpy (tmp, a + i * size, size);
      while (j > 0 && cmp (a + (j - 1) * size, tmp, data) > 0)
        {
          memcpy (a + j * size, a + (j - 1) * size, size);
          j--;
        }
      memcpy (a + j * size, tmp, size);
    }
}
