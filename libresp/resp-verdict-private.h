/* resp-verdict-private.h: the verdict's parts, shared by the engine and the renderers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "resp-verdict.h"
#include "resp-event-private.h"
#include "resp-resolver-private.h"

G_BEGIN_DECLS

typedef struct {
  guint   index;      /* into the rulebook's circumstances */
  RespCircumstanceStatus status;
  GArray *subjects;   /* guint32 */
  GArray *missing;    /* guint: fact indices */
} RespVerdictCircumstance;

typedef struct {
  guint32      person;
  RespCategory category;
  guint32      roles;      /* bit per RespRole */
  GPtrArray   *basis;      /* borrowed citations, in rule order */
  GPtrArray   *paths;      /* GArray of guint32, subject outwards */
  GArray      *authority;  /* guint32, by id */
  GArray      *proposer;   /* guint32, by id */
} RespVerdictLiable;

typedef struct {
  guint32 person;
  guint   reason;          /* into the rulebook's exemptions */
  char   *note;
} RespVerdictExempt;

typedef struct {
  char   *code;
  guint32 node;            /* RESP_NO_NODE: none */
  int     role;            /* RespRole, or -1 */
  char   *message;
} RespVerdictWarning;

struct _RespVerdict {
  gatomicrefcount ref;
  RespModel    *model;
  RespRulebook *rb;
  RespEvent    *event;
  RespVerdictStatus status;
  GArray       *circumstances;  /* RespVerdictCircumstance, every one, rulebook order */
  GPtrArray    *liable;         /* RespVerdictLiable*, by severity then id */
  GPtrArray    *exempt;         /* RespVerdictExempt*, by id */
  GArray       *bodies;         /* guint32 committees, by id */
  GArray       *modifiers;      /* guint: into the rulebook's modifiers */
  GArray       *warnings;       /* RespVerdictWarning */
  GPtrArray    *subject_roles;  /* RespRoles*, one per subject */
};

G_END_DECLS
