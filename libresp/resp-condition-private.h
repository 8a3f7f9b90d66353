/* resp-condition-private.h: rule conditions, compiled and evaluated in Kleene logic
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A condition is JSON Logic restricted to var, ==, !=, <, <=, >, >=, and,
 * or, !, in (SPEC §4.6). It is compiled once, when the rulebook loads, into
 * a flat array of operations: every operator and every `var` name is checked
 * then, with the position of the offending key or string. Evaluation does
 * not allocate and never fails: a missing value is `unknown`, and
 * false AND unknown = false, true OR unknown = true, NOT unknown = unknown.
 */
#pragma once

#include <glib.h>

#include "resp-value-private.h"
#include "resp-error.h"

G_BEGIN_DECLS

/* a node of the rulebook's tree (resp-json-reader-private.h): only the
 * compiler reads it, so the engine, which evaluates, does not see the reader */
typedef struct _RespJsonNode RespJsonNode;

/* The variables a condition may read, besides facts and parameters. */
typedef enum {
  RESP_VAR_FACT,              /* fact.NAME; index = the fact's declaration index */
  RESP_VAR_PARAM,             /* param.NAME; index = the parameter's index */
  RESP_VAR_SYSTEM_KIND,       /* system.kind (string) */
  RESP_VAR_SYSTEM_CII,        /* system.cii (bool) */
  RESP_VAR_SYSTEM_PROTECTION, /* system.protection_level (number; unknown when unset) */
  RESP_VAR_SYSTEM_EXTRA,      /* system.extra.KEY; key kept in the condition */
  RESP_VAR_OPERATOR_REGION_LEVEL, /* operator.region_level (string) */
  RESP_VAR_SYSTEM_OWNER_LEVEL,    /* system.owner_level (string): the sponsor's
                                   * region level, else the operator's */
  RESP_VAR_UNIT_KIND,             /* unit.kind (string), a duty's unit bearer */
  RESP_VAR_UNIT_REGION_LEVEL,     /* unit.region_level (string) */
  RESP_VAR_COMMITTEE_FORM,        /* committee.form (string), a duty's committee bearer */
  RESP_VAR_COMMITTEE_SCOPE_LEVEL, /* committee.scope_level (string): the level of the
                                   * region it leads, or of its unit's region */
  RESP_VAR_OPERATOR_KIND,         /* operator.kind (string) */
  RESP_VAR_OPERATOR_SUPERIOR_KIND,  /* operator.superior_kind (string; "" without a superior) */
  RESP_VAR_OPERATOR_SUPERIOR_LEVEL, /* operator.superior_region_level (string; "" without) */
} RespVarKind;

/* Which node's attributes a condition may read (SPEC §4.6, §8.1): none in
 * an event-wide condition; a system and its operator in a system-scoped
 * circumstance, a liability rule or a duty borne by a system; a unit in a
 * duty borne by a unit; a committee in a duty borne by a committee. */
typedef enum {
  RESP_SUBJECT_NONE,
  RESP_SUBJECT_SYSTEM,
  RESP_SUBJECT_UNIT,
  RESP_SUBJECT_COMMITTEE,
} RespSubjectKind;

/* Names the compiler resolves `fact.NAME` and `param.NAME` against. */
typedef struct {
  const char * const *fact_names;   /* n_facts names */
  guint               n_facts;
  const char * const *param_names;  /* n_params names */
  guint               n_params;
  RespSubjectKind     subject;      /* whose attributes it may read; the others
                                      * are errors (an event-wide condition has
                                      * no system) */
  GHashTable         *fact_index;   /* or NULL: fact name -> its index + 1,
                                      * for a long list of facts */
} RespConditionScope;

typedef struct _RespCondition RespCondition;

/* What evaluation reads. The callbacks answer for one variable; they return
 * a value of type RESP_VALUE_UNKNOWN when it is absent. Facts, read most
 * often, may instead be given as an array (facts[i] for fact i, n_facts of
 * them); get is then asked only for the rest. With fact_kinds (n_facts of
 * them, resp_value_kind() of each fact), a boolean or unknown fact is read
 * from its kind alone. */
typedef struct {
  RespValue (*get) (gpointer data, RespVarKind kind, guint index, const char *extra_key);
  gpointer    data;
  const RespValue *facts;
  guint       n_facts;
  gboolean    missing_vars;   /* also list the other unknown variables in missing */
  const guint8 *fact_kinds;   /* or NULL (last: the initializers that leave it out make it NULL) */
} RespConditionEnv;

/* With missing_vars, an entry of missing that is not a fact: the flag and
 * the index of the variable's operation, which resp_condition_missing_var()
 * reads back. */
#define RESP_CONDITION_MISSING_VAR 0x80000000u

/* Compiles node (a tree read by resp_json_reader_read_tree, so with
 * positions). On error returns NULL and sets *error_line/_column/_code and
 * a message (without position) in error_message (caller frees), pointing at
 * the offending operator key, `var` string or value. */
RespCondition *resp_condition_compile   (const RespJsonNode       *node,
                                         const RespConditionScope *scope,
                                         RespError                *error_code,
                                         guint                    *error_line,
                                         guint                    *error_column,
                                         char                    **error_message);
void           resp_condition_free      (RespCondition            *cond);

/* Three-valued result of a condition used as a truth value: a value that is
 * not a boolean counts as false, except unknown which stays unknown. */
typedef enum {
  RESP_TRUTH_FALSE = 0,
  RESP_TRUTH_TRUE = 1,
  RESP_TRUTH_UNKNOWN = 2,
} RespTruth;

/* Evaluates. When the result is RESP_TRUTH_UNKNOWN and missing is not NULL,
 * appends to it (as guint, no duplicates) the indices of the facts whose
 * absence the result depends on: the unknown facts of the unknown operands
 * (an operand that did not decide the result because another did is not
 * counted: in false AND unknown, nothing is missing). */
RespTruth      resp_condition_eval      (const RespCondition      *cond,
                                         const RespConditionEnv   *env,
                                         GArray                   *missing);

/* Whether the condition reads the subject's attributes at all. */
gboolean       resp_condition_uses_subject (const RespCondition   *cond);

/* Whether the condition reads a variable of that kind at all. */
gboolean       resp_condition_reads        (const RespCondition   *cond,
                                            RespVarKind            kind);

/* The variable of a RESP_CONDITION_MISSING_VAR entry of missing: its kind,
 * index (a parameter's) and key (system.extra.KEY's). */
void           resp_condition_missing_var  (const RespCondition   *cond,
                                            guint                  entry,
                                            RespVarKind           *kind,
                                            guint                 *index,
                                            const char           **extra_key);
/* The name of a variable of the subject ("system.protection_level"), or
 * NULL for facts, parameters and extra attributes. */
const char    *resp_condition_var_name     (RespVarKind            kind);

G_END_DECLS
