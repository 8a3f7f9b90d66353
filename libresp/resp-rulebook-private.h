/* resp-rulebook-private.h: the loaded rulebook, as the engine reads it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "resp-rulebook.h"
#include "resp-vocab-private.h"
#include "resp-condition-private.h"

G_BEGIN_DECLS

typedef enum {
  RESP_FACT_BOOL, RESP_FACT_NUMBER, RESP_FACT_INTEGER, RESP_FACT_STRING,
} RespFactType;

typedef struct {
  char        *name;
  RespFactType type;
  gboolean     has_min;
  double       min;
  char        *description;
} RespFactDecl;

typedef struct {
  gint64    since, until;
  RespValue value;          /* string values point into str */
  char     *str;
} RespParamValue;

typedef struct {
  char   *name;
  char   *cite;
  GArray *values;           /* RespParamValue */
} RespParamDecl;

typedef struct {
  char          *id;
  char          *cite;
  char          *summary;
  char          *note;
  gboolean       event_scope;
  gint64         since, until;
  RespCondition *condition;
} RespCircumstanceRule;

typedef struct {
  char          *id;
  RespRole       role;
  RespCategory   category;
  char         **basis;
  char          *note;
  gboolean       from_decision;
  gboolean       only_participant;
  gint64         since, until;
  RespCondition *condition;   /* NULL: always */
} RespLiabilityRule;

typedef struct {
  char  *reason;
  char **basis;
  char  *summary;
} RespExemptionRule;

typedef struct {
  char          *kind;
  char         **basis;
  gint64         since, until;
  RespCondition *condition;
} RespModifierRule;

struct _RespRulebook {
  gatomicrefcount ref;
  char       *id;
  char       *title;
  char       *text;           /* the JSON as loaded */
  GPtrArray  *source_keys;    /* char* */
  GArray     *facts;          /* RespFactDecl */
  GArray     *params;         /* RespParamDecl */
  GArray     *circumstances;  /* RespCircumstanceRule */
  GArray     *liability;      /* RespLiabilityRule */
  gboolean    has_collective;
  char      **collective_basis;
  GArray     *exemptions;     /* RespExemptionRule */
  GArray     *modifiers;      /* RespModifierRule */
};

static inline gboolean
resp_in_force (gint64 since, gint64 until, gint64 at)
{
  return since <= at && at < until;
}

int  resp_rulebook_find_fact      (const RespRulebook *rb, const char *name);
int  resp_rulebook_find_exemption (const RespRulebook *rb, const char *reason);
/* The value of parameter index at instant at (unknown outside every period). */
RespValue resp_rulebook_param_at  (const RespRulebook *rb, guint index, gint64 at);

G_END_DECLS
