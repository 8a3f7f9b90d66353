/* resp-refcount-private.h: one way to be reference counted
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every result type of the API is an opaque struct with a `gatomicrefcount
 * ref` member, registered as a boxed type whose copy is a ref (STYLE.md). This
 * defines the GType and the two functions once for all of them; each type
 * says only how it is freed. The functions are real exported symbols,
 * declared and documented with the type.
 */
#pragma once

#include <glib-object.h>

/* TypeName's boxed GType, type_name_ref() and type_name_unref(); the last
 * unref calls free_func (a static void function of TypeName *). */
#define RESP_DEFINE_REFCOUNTED_TYPE(TypeName, type_name, free_func)              \
  G_DEFINE_BOXED_TYPE (TypeName, type_name, type_name##_ref, type_name##_unref)  \
                                                                                 \
  TypeName *                                                                     \
  type_name##_ref (TypeName *self)                                               \
  {                                                                              \
    g_return_val_if_fail (self != NULL, NULL);                                   \
    g_atomic_ref_count_inc (&self->ref);                                         \
    return self;                                                                 \
  }                                                                              \
                                                                                 \
  void                                                                           \
  type_name##_unref (TypeName *self)                                             \
  {                                                                              \
    g_return_if_fail (self != NULL);                                             \
    if (g_atomic_ref_count_dec (&self->ref))                                     \
      free_func (self);                                                          \
  }
