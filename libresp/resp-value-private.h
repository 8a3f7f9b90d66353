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

G_END_DECLS
