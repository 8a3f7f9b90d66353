/* condition-env.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "condition-env.h"

#include <string.h>

const RespValue condition_unknown = RESP_VALUE_INIT_UNKNOWN;

RespValue
condition_bool (gboolean b)
{
  RespValue v = { .type = RESP_VALUE_BOOL, .boolean = b };
  return v;
}

RespValue
condition_number (double x)
{
  RespValue v = { .type = RESP_VALUE_NUMBER, .number = x };
  return v;
}

RespValue
condition_string (const char *s)
{
  RespValue v = { .type = RESP_VALUE_STRING, .string = s };
  return v;
}

RespValue
condition_env_get (gpointer     data,
                   RespVarKind  kind,
                   guint        index,
                   const char  *extra_key)
{
  const ConditionEnv *e = data;

  switch (kind)
    {
    case RESP_VAR_FACT:
      if (index < e->n_facts)
        return e->facts[index];
      g_critical ("fact index %u out of the scope", index);
      return condition_unknown;
    case RESP_VAR_PARAM:
      if (index < e->n_params)
        return e->params[index];
      g_critical ("parameter index %u out of the scope", index);
      return condition_unknown;
    case RESP_VAR_SYSTEM_KIND:
      return e->kind;
    case RESP_VAR_SYSTEM_CII:
      return e->cii;
    case RESP_VAR_SYSTEM_PROTECTION:
      return e->protection;
    case RESP_VAR_SYSTEM_EXTRA:
      if (extra_key == NULL)
        g_critical ("system.extra without a key");
      else if (e->extra_key != NULL && strcmp (e->extra_key, extra_key) == 0)
        return e->extra;
      return condition_unknown;
    case RESP_VAR_OPERATOR_REGION_LEVEL:
      return e->region_level;
    case RESP_VAR_SYSTEM_OWNER_LEVEL:
      return e->owner_level;
    default:
      g_critical ("variable kind %d", (int) kind);
      return condition_unknown;
    }
}

RespTruth
condition_env_eval (const RespCondition *cond,
                    const ConditionEnv  *e,
                    GArray              *missing)
{
  RespConditionEnv env = { condition_env_get, (gpointer) e, NULL, 0 };

  return resp_condition_eval (cond, &env, missing);
}
