/* sqlite-baseline.h: SPEC §4.3 role resolution written as SQL, for comparison
 *
 * What a careful developer of a government IT system might write instead
 * of linking libresp: the model in an in-memory SQLite database, instants
 * as integers, every role of SPEC §4.3 one prepared statement (recursive
 * CTEs for the `under` chain and the `within` walk, interval filters on
 * every join). resp-bench checks that both give the same answers, then
 * times them.
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

/* The roles of SPEC §4.3 that the baseline resolves (not `involved`,
 * which is the event's, nor `authority`/`proposer`). */
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

/* Kleene truth of a fact: absent is unknown, and unknown holds nobody. */
typedef enum {
  SQLITE_BASELINE_UNKNOWN = -1,
  SQLITE_BASELINE_FALSE = 0,
  SQLITE_BASELINE_TRUE = 1,
} SqliteBaselineTruth;

/* A recorded decision; participants and dissent are NULL-terminated
 * person ids (either may be NULL for none). */
typedef struct {
  const char *committee;
  const char *const *participants;
  const char *const *dissent;
} SqliteBaselineDecision;

/* What the liability rules of the default rulebook need from an event.
 * The circumstances themselves are the caller's: `triggered` says that
 * some circumstance holds (the verdict is `triggered`); `subject_liable`
 * that an event-wide one holds or a system-scoped one holds for this
 * subject (SPEC §4.4: a bystander system is not traced). All person lists
 * are NULL-terminated and may be NULL. */
typedef struct {
  gboolean triggered;
  gboolean subject_liable;
  const char *const *involved;
  SqliteBaselineTruth supervision_failed;
  SqliteBaselineTruth coordination_failed;
  const SqliteBaselineDecision *decisions;
  guint n_decisions;
  const char *const *exempted;     /* exemptions[].person */
} SqliteBaselineEvent;

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

/* The persons liable for `event` through `subject_id` under the default
 * rulebook's rules (SPEC §4.5): involved → direct; security_lead,
 * unit_head, first_responsible, direct_responsible → primary;
 * team_member only as a participant in a decision of its committee;
 * regulator_head and regional_supervisor only if supervision_failed holds;
 * coordinator_head only if coordination_failed holds; each decision's
 * committee's main leader, cyber lead and member participants at `at`,
 * none of them through a decision they dissented from; minus the exempted. Adds the ids (owned char *) to
 * out_person_ids and leaves it sorted bytewise without repeats, so for an
 * event with several subjects, calling it once per subject on the same
 * array gives the event's liable set (the decision rules and exemptions
 * give the same answer from every subject). */
gboolean        sqlite_baseline_liable        (SqliteBaseline            *self,
                                               const char                *subject_id,
                                               gint64                     at,
                                               const SqliteBaselineEvent *event,
                                               GPtrArray                 *out_person_ids,
                                               GError                   **error);

G_END_DECLS
