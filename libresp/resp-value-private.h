/* resp-value-private.h: a value a condition reads: a fact, a parameter, an attribute
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The types a fact or parameter can have. */
typedef enum {
  RESP_VALUE_UNKNOWN = 0,  /* absent or null: not false */
  RESP_VALUE_BOOL,
  RESP_VALUE_NUMBER,       /* finite double; integer facts are numbers too */
  RESP_VALUE_STRING,
} RespValueType;

/* 16 bytes: an event's facts are an array of these, read by every
 * condition; the member the type names is the one set. */
typedef struct {
  RespValueType type;
  gboolean      boolean;
  union {
    double      number;
    const char *string;    /* borrowed; lives as long as its source */
  };
} RespValue;

#define RESP_VALUE_INIT_UNKNOWN { .type = RESP_VALUE_UNKNOWN }

/* A value's kind in one byte, kept beside an array of values read often
 * (an event's facts): a boolean or an unknown is then answered from the
 * byte alone, without the line its value is on. */
enum {
  RESP_KIND_UNKNOWN,
  RESP_KIND_FALSE,
  RESP_KIND_TRUE,
  RESP_KIND_VALUE,   /* a number or a string: read the value */
};

static inline guint8
resp_value_kind (const RespValue *v)
{
  switch (v->type)
    {
    case RESP_VALUE_UNKNOWN:
      return RESP_KIND_UNKNOWN;
    case RESP_VALUE_BOOL:
      return v->boolean ? RESP_KIND_TRUE : RESP_KIND_FALSE;
    default:
      return RESP_KIND_VALUE;
    }
}

G_END_DECLS
