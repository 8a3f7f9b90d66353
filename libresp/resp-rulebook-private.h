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

/* How a fact an event does not state may be worked out (SPEC §8.4). */
typedef enum {
  RESP_DERIVE_NONE,
  RESP_DERIVE_OVERDUE_NOTICE,   /* true when a notice to a subject is overdue (a record) */
  RESP_DERIVE_TIMELINE,         /* from the operators' initial reporting hops (SPEC §9.4) */
} RespDerive;

typedef struct {
  char        *name;
  RespFactType type;
  RespDerive   derive;
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
  guint32       *basis_hash;  /* g_str_hash() of each citation, for the
                               * verdict's de-duplication */
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

/* A kind of record entry a duty counts (SPEC §8.1); notices and
 * rectifications are built in and never declared. */
typedef struct {
  char *kind;
  char *description;
} RespRecordKindDecl;

typedef struct {
  RespRole     role;
  RespCategory category;
} RespDutyAnswerable;

typedef struct {
  char          *id;
  RespBearer     bearer;
  RespCondition *applies;       /* NULL: every bearer of its class */
  RespEvery      every;
  guint          at_least;      /* when at_least_param < 0 */
  int            at_least_param;
  GArray        *evidence;      /* guint: indices into record_kinds */
  GArray        *answerable;    /* RespDutyAnswerable */
  double         weight;
  char         **cite;
  char          *summary;
  char          *note;
  gint64         since, until;
} RespDutyRule;

/* An event grade (SPEC §9.2), most severe first in the rulebook's list. */
typedef struct {
  char          *id;
  char          *name;
  char          *cite;
  char          *note;
  RespCondition *condition;     /* NULL: always (the least grade) */
} RespGradeRule;

/* Who receives a report: the holders of a role taken from the reporter
 * (the operator), or, with a level, the units of that relation to the
 * nearest region up of that level (else the role's holders when or_own). */
typedef struct {
  RespRole role;
  int      level;               /* RespRegionLevel, or -1 */
  gboolean or_own;
} RespRecipient;

/* A class of reporter and where its initial report goes (the first class
 * whose `when` holds is the operator's). */
typedef struct {
  char          *id;
  char          *cite;
  RespCondition *when;          /* NULL: always; reads the system and operator */
  GArray        *to;            /* RespRecipient */
  gint64         within;        /* microseconds */
} RespReportClass;

/* A recipient of the initial report passes it on (escalation): from
 * recipients reached as `role`, to `to`, within `within` of its receipt. */
typedef struct {
  RespRole role;
  GArray  *to;                  /* RespRecipient */
  gint64   within;
} RespEscalation;

/* SPEC §9.3 as data. present is FALSE when no layer has `reporting`. */
typedef struct {
  gboolean       present;
  gint64         since, until;
  char         **cite;
  char          *note;
  guint          required_grade;   /* index into grades: reporting owed at or above it */
  GArray        *classes;          /* RespReportClass */
  guint          escalation_grade; /* index into grades */
  GArray        *escalations;      /* RespEscalation */
  RespCondition *crime_when;       /* NULL: no crime report */
  GArray        *crime_to;         /* RespRecipient */
  gint64         summary_within;   /* microseconds; 0: no summary */
  RespCondition *notify_when;      /* NULL: nobody notified */
  GArray        *notify_roles;     /* RespRole */
} RespReporting;

/* One file of a layered rulebook (SPEC §8.6), kept so that a layer can be
 * put on top by loading them all again, within the limits it was first
 * loaded with (wider ones than the defaults may have let it in). */
typedef struct {
  char       *name;           /* for diagnostics */
  GBytes     *bytes;
  RespLimits  limits;
} RespRulebookLayer;

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
  GArray     *record_kinds;   /* RespRecordKindDecl */
  GArray     *duties;         /* RespDutyRule */
  GArray     *grades;         /* RespGradeRule, most severe first */
  RespReporting reporting;
  GPtrArray  *layers;         /* RespRulebookLayer*, bottom first */
  GPtrArray  *layer_ids;      /* char*: each layer's id, bottom first */
  gpointer    fact_index;     /* the facts by name, made on the first
                               * resp_rulebook_find_fact() (RespFactIndex) */
};

static inline gboolean
resp_in_force (gint64 since, gint64 until, gint64 at)
{
  return since <= at && at < until;
}

int  resp_rulebook_find_fact      (const RespRulebook *rb, const char *name);
/* The same, looking first at fact *hint (then set to the fact after the
 * one found): facts read in the rulebook's order are found at once. */
int  resp_rulebook_find_fact_near (const RespRulebook *rb, const char *name, guint *hint);
/* The index of a grade by id, or -1. */
int  resp_rulebook_find_grade     (const RespRulebook *rb, const char *id);
int  resp_rulebook_find_exemption (const RespRulebook *rb, const char *reason);
/* The index of a declared record kind, or -1. */
int  resp_rulebook_find_record_kind (const RespRulebook *rb, const char *kind);
/* The value of parameter index at instant at (unknown outside every period). */
RespValue resp_rulebook_param_at  (const RespRulebook *rb, guint index, gint64 at);

G_END_DECLS
