/* sqlite-baseline.h: what resp_assess() computes, written as SQL, for comparison
 *
 * What a careful developer of a government IT system might write instead
 * of linking libresp: the model in an in-memory SQLite database, instants
 * as integers, the roles of SPEC §4.3 as prepared statements (recursive
 * CTEs for the `under` chain and the `within` walk, interval filters on
 * every join), and in C around them the default rulebook's Art. 8
 * circumstances in Kleene logic and its liability rules (SPEC §4.5) with
 * each liable person's authority and proposer. It reads nothing of
 * libresp's answers: resp-bench and resp-baseline-check compare the two,
 * then time them.
 *
 * A baseline owns one SQLite connection and its prepared statements: use
 * it from one thread at a time.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SQLITE_BASELINE_ERROR (sqlite_baseline_error_quark ())

typedef enum {
  SQLITE_BASELINE_ERROR_IO,          /* the model file cannot be read */
  SQLITE_BASELINE_ERROR_FORMAT,      /* not a libresp/model/1 document, or a bad date */
  SQLITE_BASELINE_ERROR_SQL,         /* SQLite said no */
  SQLITE_BASELINE_ERROR_NOT_FOUND,   /* no such node */
  SQLITE_BASELINE_ERROR_WRONG_TYPE,  /* the subject is neither a system nor a unit */
} SqliteBaselineError;

/* The roles of SPEC §4.3 that the baseline resolves for a subject (not
 * `involved`, which is the event's; `authority` and `proposer` are
 * resolved per liable person, in sqlite_baseline_assess()). */
typedef enum {
  SQLITE_BASELINE_OPERATOR,
  SQLITE_BASELINE_CHAIN,
  SQLITE_BASELINE_COMMITTEE,
  SQLITE_BASELINE_FIRST_RESPONSIBLE,
  SQLITE_BASELINE_DIRECT_RESPONSIBLE,
  SQLITE_BASELINE_TEAM_MEMBER,
  SQLITE_BASELINE_SECURITY_LEAD,
  SQLITE_BASELINE_UNIT_HEAD,
  SQLITE_BASELINE_REGULATOR,
  SQLITE_BASELINE_REGULATOR_HEAD,
  SQLITE_BASELINE_REGIONAL_SUPERVISOR,
  SQLITE_BASELINE_COORDINATOR,
  SQLITE_BASELINE_COORDINATOR_HEAD,
  SQLITE_BASELINE_N_ROLES,
} SqliteBaselineRole;

/* The SPEC's name of a role: "first_responsible", … */
extern const char *const sqlite_baseline_role_names[SQLITE_BASELINE_N_ROLES];

/* Each set holds node ids (char *, owned), sorted bytewise, no repeats. */
typedef struct {
  GPtrArray *sets[SQLITE_BASELINE_N_ROLES];
} SqliteBaselineRoles;

/* Kleene truth: absent is unknown, and unknown holds nobody. */
typedef enum {
  SQLITE_BASELINE_UNKNOWN = -1,
  SQLITE_BASELINE_FALSE = 0,
  SQLITE_BASELINE_TRUE = 1,
} SqliteBaselineTruth;

/* The facts of the default rulebook that its Art. 8 circumstances and its
 * liability rules read (SPEC §4.2). */
typedef enum {
  SQLITE_BASELINE_F_ATTACKED,
  SQLITE_BASELINE_F_TAMPERED,
  SQLITE_BASELINE_F_HARMFUL_INFO_SPREAD_WIDELY,
  SQLITE_BASELINE_F_REPORTED_IN_TIME,
  SQLITE_BASELINE_F_HANDLED_IN_TIME,
  SQLITE_BASELINE_F_OUTAGE_HOURS,
  SQLITE_BASELINE_F_LEAK_STATE_SECRETS,
  SQLITE_BASELINE_F_LEAK_PERSONAL_INFO_RECORDS,
  SQLITE_BASELINE_F_LEAK_PERSONAL_INFO_MASS,
  SQLITE_BASELINE_F_LEAK_BASIC_DATA,
  SQLITE_BASELINE_F_PUBLIC_LIFE_WIDELY_AFFECTED,
  SQLITE_BASELINE_F_MAJOR_ECONOMIC_LOSS,
  SQLITE_BASELINE_F_SEVERE_SOCIAL_IMPACT,
  SQLITE_BASELINE_F_CONCEALED,
  SQLITE_BASELINE_F_REFUSED_INVESTIGATION,
  SQLITE_BASELINE_F_NOTIFIED_RISK_UNRECTIFIED,
  SQLITE_BASELINE_F_SERIOUS_CONSEQUENCE,
  SQLITE_BASELINE_F_OBSTRUCTED_SECURITY_ORGANS,
  SQLITE_BASELINE_F_OTHER_SERIOUS,
  SQLITE_BASELINE_F_SUPERVISION_FAILED,
  SQLITE_BASELINE_F_COORDINATION_FAILED,
  SQLITE_BASELINE_N_FACTS,
} SqliteBaselineFact;

/* The SPEC's name of a fact: "attacked", … */
extern const char *const sqlite_baseline_fact_names[SQLITE_BASELINE_N_FACTS];

/* A fact's value: a boolean is 0 or 1. */
typedef struct {
  gboolean known;
  double   value;
} SqliteBaselineValue;

/* The Art. 8 circumstances of the default rulebook, in its order. */
#define SQLITE_BASELINE_N_CIRCUMSTANCES 7
extern const char *const sqlite_baseline_circumstance_names[SQLITE_BASELINE_N_CIRCUMSTANCES];

/* A recorded decision; participants and dissent are NULL-terminated
 * person ids (either may be NULL for none). */
typedef struct {
  const char *committee;
  const char *const *participants;
  const char *const *dissent;
} SqliteBaselineDecision;

/* An event as its file states it (SPEC §4.1): nothing in it comes from
 * libresp's answer. All id lists are NULL-terminated and may be NULL. */
typedef struct {
  gint64 at;                       /* occurred_at, microseconds since the epoch */
  const char *const *subjects;     /* systems, then units */
  const char *const *involved;
  SqliteBaselineValue facts[SQLITE_BASELINE_N_FACTS];
  const SqliteBaselineDecision *decisions;
  guint n_decisions;
  const char *const *exempted;     /* exemptions[].person */
} SqliteBaselineEvent;

typedef enum {
  SQLITE_BASELINE_TRIGGERED,
  SQLITE_BASELINE_UNDETERMINED,
  SQLITE_BASELINE_NOT_TRIGGERED,
} SqliteBaselineStatus;

typedef enum {
  SQLITE_BASELINE_DIRECT,
  SQLITE_BASELINE_PRIMARY_LEADERSHIP,
  SQLITE_BASELINE_IMPORTANT_LEADERSHIP,
} SqliteBaselineCategory;

/* One liable person; the id sets are sorted bytewise without repeats. */
typedef struct {
  char *person;
  SqliteBaselineCategory category;
  GPtrArray *authority;            /* committee ids */
  GPtrArray *proposer;             /* unit ids */
} SqliteBaselineLiable;

/* What sqlite_baseline_assess() computes for an event: the same parts of
 * a verdict as resp_assess() (SPEC §4.3–4.5), not the timeline's. */
typedef struct {
  SqliteBaselineStatus status;
  SqliteBaselineTruth circumstances[SQLITE_BASELINE_N_CIRCUMSTANCES];
  guint n_subjects;
  SqliteBaselineRoles *roles;      /* one per subject, in the event's order */
  GPtrArray *liable;               /* SqliteBaselineLiable *, by person id */
} SqliteBaselineVerdict;

/* How the roles are asked for. LITERAL: each role one statement that walks
 * the chain and the regions again, and the regulators found by placing
 * every live regulator of the sector (the straightforward SQL); DERIVED:
 * the chain and the region walk once per operator, and the regulators
 * from a (sector, region) table built at load, as a DBA would. Both give
 * the same answers. */
typedef enum {
  SQLITE_BASELINE_LITERAL,
  SQLITE_BASELINE_DERIVED,
} SqliteBaselineMode;

typedef struct _SqliteBaseline SqliteBaseline;

GQuark          sqlite_baseline_error_quark   (void);

/* Loads a model file (SPEC §3.4) into a fresh in-memory database. The file
 * is trusted to be valid (run `resp validate` first): the baseline checks
 * the format and the dates, not the rest of §3. */
SqliteBaseline *sqlite_baseline_load          (const char          *model_path,
                                               GError             **error);
void            sqlite_baseline_free          (SqliteBaseline      *self);

guint           sqlite_baseline_get_n_nodes     (SqliteBaseline *self);
guint           sqlite_baseline_get_n_relations (SqliteBaseline *self);

/* The ids of all nodes of one type ("system", "unit", …), sorted: for
 * sampling subjects. */
GPtrArray      *sqlite_baseline_dup_node_ids  (SqliteBaseline      *self,
                                               const char          *type);

void            sqlite_baseline_roles_init    (SqliteBaselineRoles *roles);
void            sqlite_baseline_roles_clear   (SqliteBaselineRoles *roles);

/* The roles of SPEC §4.3 for a system or unit at `at` (microseconds since
 * the Unix epoch, as libresp counts them). `roles` must have been
 * initialised; its sets are emptied first. */
gboolean        sqlite_baseline_resolve       (SqliteBaseline      *self,
                                               const char          *subject_id,
                                               gint64               at,
                                               SqliteBaselineRoles *roles,
                                               GError             **error);

/* Which way the roles are asked for (default DERIVED). */
void            sqlite_baseline_set_mode      (SqliteBaseline      *self,
                                               SqliteBaselineMode   mode);

/* Seconds spent at load building the derived regulator table, and its rows. */
double          sqlite_baseline_get_derive_seconds (SqliteBaseline *self);
guint           sqlite_baseline_get_n_regulator_rows (SqliteBaseline *self);

void            sqlite_baseline_verdict_init  (SqliteBaselineVerdict *verdict);
void            sqlite_baseline_verdict_clear (SqliteBaselineVerdict *verdict);

/* What resp_assess() computes under the default rulebook, in SQL and C:
 * every subject's roles, the Art. 8 circumstances from the event's facts
 * (Kleene logic), the status, and, when triggered, the liability rules of
 * SPEC §4.5 (subjects' roles, decisions, dissent, exemptions) with each
 * liable person's category, authority and proposer. `verdict` must have
 * been initialised; it is emptied first. */
gboolean        sqlite_baseline_assess        (SqliteBaseline              *self,
                                               const SqliteBaselineEvent   *event,
                                               SqliteBaselineVerdict       *verdict,
                                               GError                     **error);

G_END_DECLS
