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

/* While a verdict is built, a liable person is one small record and
 * everything that grows (bases, paths, authorities, proposers) is a
 * reference in one shared array: a handful of allocations per verdict
 * instead of several per person. The per-person view (RespVerdictLiable)
 * is put together only when someone reads it. */
typedef struct {
  guint32 person;
  guint32 category;        /* RespCategory */
  guint32 roles;           /* bit per RespRole */
} RespVerdictFlat;

typedef enum {
  RESP_REF_BASIS, RESP_REF_PATH, RESP_REF_AUTHORITY, RESP_REF_PROPOSER,
} RespRefKind;

typedef struct {
  guint32     person;
  guint32     kind;        /* RespRefKind */
  guint32     a;           /* node, or path offset into path_store */
  guint32     b;           /* path length */
  const char *basis;       /* borrowed from the rulebook */
} RespVerdictRef;

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
  GArray       *flat;           /* RespVerdictFlat, by severity then id */
  GArray       *refs;           /* RespVerdictRef, in the order found */
  GArray       *path_store;     /* guint32 */
  gsize         liable_ready;   /* g_once guard of liable */
  GPtrArray    *liable;         /* RespVerdictLiable*, made from flat on first read */
  GPtrArray    *exempt;         /* RespVerdictExempt*, by id */
  GArray       *bodies;         /* guint32 committees, by id */
  GArray       *modifiers;      /* guint: into the rulebook's modifiers */
  GArray       *warnings;       /* RespVerdictWarning */
  GPtrArray    *subject_roles;  /* RespRoles*, one per subject */
};

/* The per-person view of the liable, made on first use (thread-safe). */
GPtrArray *resp_verdict_get_liable_list (RespVerdict *v);

G_END_DECLS
