/* pg-baseline.h: SPEC §4.3–4.5 in PostgreSQL over libpq, for comparison
 *
 * What a government IT system that keeps its data in PostgreSQL (or a
 * compatible database such as Kingbase) might run instead of linking
 * libresp: the model in two tables with the same covering indexes as the
 * SQLite baseline, plus the (sector, region) → regulators table a DBA
 * would derive at load; every role of SPEC §4.3, authority and proposer
 * included, as prepared statements; the circumstances of SPEC §4.4 and the
 * liability rules of SPEC §4.5 for the default rulebook evaluated on the
 * client, in three-valued logic.
 *
 * The database is a private throw-away cluster that the benchmark starts
 * itself (initdb and pg_ctl into a fresh temporary directory, a Unix
 * socket there and no TCP, fsync off) and stops at exit, on error and on
 * SIGINT/SIGTERM/SIGHUP. Run as root, the server runs as `nobody`
 * (initdb refuses root).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PG_BASELINE_ERROR (pg_baseline_error_quark ())

typedef enum {
  PG_BASELINE_ERROR_CLUSTER,   /* no PostgreSQL, or initdb/pg_ctl failed */
  PG_BASELINE_ERROR_IO,        /* a file cannot be read */
  PG_BASELINE_ERROR_FORMAT,    /* not a model or event file as SPEC says */
  PG_BASELINE_ERROR_SQL,       /* PostgreSQL said no */
  PG_BASELINE_ERROR_MISMATCH,  /* PostgreSQL and libresp disagree */
} PgBaselineError;

/* What pg_baseline_measure() found. Times are wall-clock, both sides on
 * the same events in the same process, interleaved in blocks. */
typedef struct {
  guint n_events;                 /* events checked and timed */
  guint n_triggered;              /* of which libresp found triggered */
  guint n_outside;                /* events whose reported_in_time the SPEC §9 timeline
                                   * derives (not ported): timed, not compared */
  guint n_subjects;               /* subjects whose roles were compared */
  guint n_role_sets;              /* role sets compared (20 roles less `involved`, per subject) */
  guint n_liable;                 /* liable persons compared, with authority and proposer */
  guint n_mismatches;             /* 0 when pg_baseline_measure() returns TRUE */
  double pg_load_s;               /* cluster start, COPY, indexes, derived table, ANALYZE */
  double pg_auto_ms_per_event;    /* plan_cache_mode = auto (the default) */
  double pg_generic_ms_per_event; /* plan_cache_mode = force_generic_plan */
  double pg_ms_per_event;         /* the faster of the two */
  const char *pg_plan;            /* which: "auto" or "force_generic_plan" (static) */
  double resp_us_per_event;       /* resp_assessor_assess() */
  double pg_ratio;                /* pg_ms_per_event / resp_us_per_event, both in µs */
  double pg_ratio_block_median;   /* the median over blocks of the same ratio, block by block */
  /* CPU time instead of wall-clock (less swayed by other load): the
   * server backend's (/proc/PID/schedstat) and the client thread's, for the
   * plan setting of pg_ms_per_event; libresp's thread. 0 where the
   * backend's cannot be read (another host, no /proc). */
  double pg_cpu_ms_per_event;
  double resp_cpu_us_per_event;
  double pg_cpu_ratio;
  double pg_statements_per_event;  /* prepared statements executed, mean */
  double pg_round_trips_per_event; /* independent ones go together (libpq pipeline mode;
                                    * RESP_PG_NO_PIPELINE=1: one a trip) */  /* prepared statements executed per event, mean */
  double load_avg;                /* /proc/loadavg (1 min) when the timing ended */
  char pg_version[64];            /* server_version */
} PgBaselineFigures;

GQuark   pg_baseline_error_quark (void);

/* Whether initdb and pg_ctl can be found (under /usr/lib/postgresql/ANY/bin,
 * or $RESP_PG_BINDIR). */
gboolean pg_baseline_available   (void);

/* Loads model_path into libresp and into a private PostgreSQL cluster,
 * reads the first n_events events of events_path (JSON Lines, as resp-gen
 * writes them; 0 = all), checks on every event that both give the same
 * roles for every subject (every role of SPEC §4.3 but `involved`, with
 * authority and proposer) and the same liable set, with each liable
 * person's authority and proposer; then times both on the same events,
 * alternating blocks of block_size events (0 = 100), three times each:
 * PostgreSQL with plan_cache_mode auto, with force_generic_plan, and
 * libresp. A disagreement is printed (stderr) with the event and the
 * difference, and the function fails with PG_BASELINE_ERROR_MISMATCH.
 * The cluster is gone when it returns, whatever happened. */
gboolean pg_baseline_measure     (const char        *model_path,
                                  const char        *events_path,
                                  guint              n_events,
                                  guint              block_size,
                                  PgBaselineFigures *out,
                                  GError           **error);

G_END_DECLS
