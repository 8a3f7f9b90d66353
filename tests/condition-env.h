/* condition-env.h: what rule conditions are evaluated against, in
 * test-condition and fuzz-condition
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Both programs evaluate compiled conditions (resp-condition-private.h)
 * against values they set by hand: the facts and parameters of their
 * scope, and the attributes of a system and its operator.
 */
#pragma once

#include <glib.h>

#include "resp-condition-private.h"

G_BEGIN_DECLS

#define CONDITION_ENV_MAX_FACTS 16
#define CONDITION_ENV_MAX_PARAMS 4

/* What condition_env_get() answers. A value left zeroed is unknown, so a
 * zeroed environment knows nothing; n_facts and n_params are the sizes of
 * the scope the conditions were compiled in. */
typedef struct {
  RespValue   facts[CONDITION_ENV_MAX_FACTS];
  guint       n_facts;
  RespValue   params[CONDITION_ENV_MAX_PARAMS];
  guint       n_params;
  RespValue   kind;
  RespValue   cii;
  RespValue   protection;
  RespValue   region_level;
  RespValue   owner_level;
  const char *extra_key;   /* the one extra attribute the system has */
  RespValue   extra;
} ConditionEnv;

extern const RespValue condition_unknown;

RespValue  condition_bool     (gboolean b);
RespValue  condition_number   (double x);
RespValue  condition_string   (const char *s);

/* A RespConditionEnv's get(), data being a ConditionEnv. A fact or
 * parameter outside the scope, system.extra without a key or a kind of
 * variable it does not know is a bug of the compiler: a critical, which
 * the fuzz target makes fatal, and unknown. */
RespValue  condition_env_get  (gpointer     data,
                               RespVarKind  kind,
                               guint        index,
                               const char  *extra_key);

/* resp_condition_eval() of cond against e */
RespTruth  condition_env_eval (const RespCondition *cond,
                               const ConditionEnv  *e,
                               GArray              *missing);

G_END_DECLS
