/* resp-vec.c: the slow path of the growable arrays
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <sys/mman.h>

#include "resp-vec-private.h"

#define RESP_HUGE_PAGE (2u << 20)

gpointer
resp_huge_alloc (gsize n, gsize size)
{
  gsize bytes;
  void *p = NULL;

  /* an overflowing size goes to g_malloc_n, which fails as GLib does */
  if (size == 0 || n > G_MAXSIZE / size)
    return g_malloc_n (MAX (n, 1), MAX (size, 1));
  bytes = n * size;
  if (bytes < RESP_HUGE_PAGE || posix_memalign (&p, RESP_HUGE_PAGE, bytes) != 0)
    return g_malloc_n (MAX (n, 1), MAX (size, 1));
#ifdef MADV_HUGEPAGE
  /* advice only: where transparent huge pages are off, nothing changes */
  madvise (p, bytes, MADV_HUGEPAGE);
#endif
  return p;
}

void
resp_slots_sync (RespU32Vec *slots, guint32 *indexed, guint32 n, RespSlotsHash hash, gconstpointer data)
{
  guint32 size = 64;

  if (*indexed == n && (guint64) n * 2 < slots->len)
    return;
  while (size <= (guint64) n * 2)
    size *= 2;
  slots->len = 0;
  resp_vec_reserve (slots, size);
  slots->len = size;
  memset (slots->data, 0, size * sizeof (guint32));
  for (guint32 i = 0; i < n; i++)
    {
      guint32 h;

      for (h = hash (i, data) & (size - 1); slots->data[h] != 0; h = (h + 1) & (size - 1))
        ;
      slots->data[h] = i + 1;
    }
  *indexed = n;
}

gpointer
resp_huge_alloc0 (gsize n, gsize size)
{
  gpointer p = resp_huge_alloc (n, size);

  memset (p, 0, MAX (n * size, 1));
  return p;
}

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

int
resp_cmp_u32 (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

int
resp_cmp_u64 (gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

int
resp_cmp_u32_data (gconstpointer a, gconstpointer b, gpointer unused)
{
  (void) unused;
  return resp_cmp_u32 (a, b);
}

int
resp_cmp_i64_data (gconstpointer a, gconstpointer b, gpointer unused)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  (void) unused;
  return x < y ? -1 : x > y;
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
