/* resp-vec-private.h: growable arrays that the compiler can see through
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The hot paths (role resolution, verdict assembly) append a few elements
 * at a time, millions of times a second. A GArray call per element costs
 * more than the work it records, so those paths use these instead: a
 * pointer, a length and a capacity, with inline appends that only call out
 * to grow. Memory comes from g_realloc, so it is released with g_free.
 */
#pragma once

#include <string.h>
#include <glib.h>

G_BEGIN_DECLS

#define RESP_VEC(T) struct { T *data; guint32 len, cap; }

typedef RESP_VEC (guint32) RespU32Vec;

/* Returns data grown to hold at least need elements of size elem. */
gpointer resp_vec_grow (gpointer data, guint32 *cap, gsize elem, gsize need);

#define resp_vec_reserve(v, n)                                                          \
  G_STMT_START {                                                                        \
    gsize resp_vec_need_ = (gsize) (v)->len + (n);                                      \
    if (G_UNLIKELY (resp_vec_need_ > (v)->cap))                                         \
      (v)->data = resp_vec_grow ((v)->data, &(v)->cap, sizeof *(v)->data, resp_vec_need_); \
  } G_STMT_END

#define resp_vec_push(v, x)                                                             \
  G_STMT_START {                                                                        \
    resp_vec_reserve (v, 1);                                                            \
    (v)->data[(v)->len++] = (x);                                                        \
  } G_STMT_END

#define resp_vec_append(v, src, n)                                                      \
  G_STMT_START {                                                                        \
    guint32 resp_vec_n_ = (n);                                                          \
    if (resp_vec_n_ > 0)                                                                \
      {                                                                                 \
        resp_vec_reserve (v, resp_vec_n_);                                              \
        memcpy ((v)->data + (v)->len, (src), resp_vec_n_ * sizeof *(v)->data);          \
        (v)->len += resp_vec_n_;                                                        \
      }                                                                                 \
  } G_STMT_END

#define resp_vec_free(v)                                                                \
  G_STMT_START {                                                                        \
    g_free ((v)->data);                                                                 \
    (v)->data = NULL;                                                                   \
    (v)->len = (v)->cap = 0;                                                            \
  } G_STMT_END

/* An open-addressing index of the elements 0..n-1 of an array by a hash of
 * each (hash (i, data)): every slot 0 (empty) or an element's index plus
 * one, a collision in the next slot, the number of slots a power of two.
 * resp_slots_sync() makes it again, at least 64 slots and more than twice
 * n, when *indexed (the elements it holds) is not n or it is half full; a
 * caller that appends an element it has just looked up puts it in the empty
 * slot the lookup ended on and sets *indexed to the new n. Probing is the
 * caller's (its equality is its own): from hash & (len - 1), while a slot
 * is not 0, to the next slot modulo len. */
typedef guint32 (*RespSlotsHash) (guint32 i, gconstpointer data);

void     resp_slots_sync  (RespU32Vec *slots, guint32 *indexed, guint32 n, RespSlotsHash hash,
                           gconstpointer data);

/* Sorts n elements of size bytes, stably (equal elements keep their
 * order). Most arrays sorted on the hot paths hold a handful of elements:
 * those get an insertion sort, without the set-up of a general sort;
 * longer ones go to g_qsort_with_data (stable too). */
void     resp_sort_stable (gpointer base, guint32 n, gsize size, GCompareDataFunc cmp, gpointer data);

/* Ascending orders of plain integers: for qsort(), bsearch() and
 * g_array_sort(), and (the _data forms, which ignore their data) for
 * resp_sort_stable() and g_qsort_with_data(). */
int      resp_cmp_u32      (gconstpointer a, gconstpointer b);
int      resp_cmp_u64      (gconstpointer a, gconstpointer b);
int      resp_cmp_u32_data (gconstpointer a, gconstpointer b, gpointer unused);
int      resp_cmp_i64_data (gconstpointer a, gconstpointer b, gpointer unused);

/* Memory for the large arrays that role resolution reads at random (the
 * model's nodes, relations and indices, the id table): at 2 MiB and more,
 * aligned to 2 MiB and advised onto transparent huge pages, so that a read
 * at a random place of a national model seldom misses the TLB as well as
 * the cache. Smaller blocks come from g_malloc. Either is released with
 * g_free, and may be grown with g_realloc (the advice stays with the
 * mapping). */
gpointer resp_huge_alloc  (gsize n, gsize size);
gpointer resp_huge_alloc0 (gsize n, gsize size);

G_END_DECLS
