/* pg-baseline.c: SPEC §4.3–4.5 in PostgreSQL over libpq, for comparison
 *
 * The model goes into the same two tables as the SQLite baseline (nodes,
 * relations; instants as bigint microseconds, an open end as the least or
 * greatest bigint, so "live at t" is always `since <= t AND t < until`)
 * with the same two covering indexes, loaded with COPY. At load it also
 * derives what a DBA would: `reg_at` (sector, region, unit, since, until),
 * a regulator placed in its region for the window where it both regulates
 * the sector and is located_in that region, and `reg_gap`, the windows in
 * which a regulator is located nowhere (its region is then its nearest
 * superior's, found by a walk at query time). A regulator lookup is then
 * an index range per (sector, region up the walk) instead of a scan of
 * every regulator of the sector.
 *
 * Each role is a prepared statement (recursive CTEs for the `under` chain
 * and the `within` walk, interval filters on every join); the client
 * evaluates the default rulebook's circumstances and liability rules in
 * three-valued logic. Within one event, answers that do not depend on the
 * subject (a committee's managers, a unit's committee, seats, proposers)
 * are asked once, as libresp's assessor memoises them per event, and
 * statements that do not depend on one another go to the server together
 * (libpq's pipeline mode, pg_batch()).
 *
 * Not ported: the event timeline of SPEC §9 (an event from 2025-11-01
 * with `reports` and no stated `reported_in_time` has that fact derived
 * by libresp); such events are timed but not compared, and counted.
 * Modifiers and warnings are not computed (they change no liable set).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "pg-baseline.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libpq-fe.h>
#include <resp/resp.h>

G_DEFINE_QUARK (pg-baseline-error-quark, pg_baseline_error)

/* ==== the throw-away cluster ==== */

typedef struct {
  char *bindir;
  char *dir;        /* the temporary directory: data/, the socket, the log */
  char *datadir;
  char *conninfo;
  gboolean drop;    /* run the server as `nobody` (we are root) */
  uid_t uid;
  gid_t gid;
  gboolean running;
} PgCluster;

/* What a signal handler needs to stop the server and remove the
 * directory: prepared before the server starts, read only with
 * async-signal-safe calls. */
static struct {
  volatile sig_atomic_t armed;
  char pg_ctl[PATH_MAX];
  char datadir[PATH_MAX];
  char dir[PATH_MAX];
  gboolean drop;
  uid_t uid;
  gid_t gid;
  struct sigaction old[3];
} stopper;

static const int stop_signals[3] = { SIGINT, SIGTERM, SIGHUP };

static char *
find_bindir (void)
{
  const char *env = g_getenv ("RESP_PG_BINDIR");
  g_autoptr (GDir) d = NULL;
  const char *name;
  char *best = NULL;
  int best_version = -1;

  if (env != NULL && *env != '\0')
    {
      g_autofree char *initdb = g_build_filename (env, "initdb", NULL);
      return g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE) ? g_strdup (env) : NULL;
    }
  d = g_dir_open ("/usr/lib/postgresql", 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *bin = g_build_filename ("/usr/lib/postgresql", name, "bin", NULL);
      g_autofree char *initdb = g_build_filename (bin, "initdb", NULL);
      g_autofree char *pg_ctl = g_build_filename (bin, "pg_ctl", NULL);
      int version = atoi (name);

      if (version > best_version && g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE) &&
          g_file_test (pg_ctl, G_FILE_TEST_IS_EXECUTABLE))
        {
          g_free (best);
          best = g_steal_pointer (&bin);
          best_version = version;
        }
    }
  return best;
}

gboolean
pg_baseline_available (void)
{
  g_autofree char *bindir = find_bindir ();
  return bindir != NULL;
}

/* In the child, before exec: become the server's user. */
static void
drop_privileges (gpointer data)
{
  PgCluster *c = data;

  if (c->drop && (setgroups (0, NULL) != 0 || setgid (c->gid) != 0 || setuid (c->uid) != 0))
    _exit (127);
}

static gboolean
run_tool (PgCluster *c, const char *const *argv, GError **error)
{
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;

  if (!g_spawn_sync (c->dir, (char **) argv, NULL, G_SPAWN_DEFAULT, drop_privileges, c, &out, &err, &status,
                     error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, PG_BASELINE_ERROR, PG_BASELINE_ERROR_CLUSTER, "%s failed: %s%s", argv[0],
                   err != NULL ? err : "", out != NULL ? out : "");
      return FALSE;
    }
  return TRUE;
}

/* rm -rf of the directory (as ourselves: root may, and otherwise it is
 * ours). */
static void
remove_tree (const char *path)
{
  g_autoptr (GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* async-signal-safe: fork, exec pg_ctl stop -m immediate, then rm -rf */
static void
stop_from_handler (void)
{
  pid_t pid;
  int status;

  pid = fork ();
  if (pid == 0)
    {
      char *const argv[] = { stopper.pg_ctl, (char *) "stop", (char *) "-D", stopper.datadir,
                             (char *) "-m", (char *) "immediate", (char *) "-w", (char *) "-s", NULL };
      int null = open ("/dev/null", O_RDWR);

      if (null >= 0)
        {
          dup2 (null, 1);
          dup2 (null, 2);
        }
      if (stopper.drop && (setgroups (0, NULL) != 0 || setgid (stopper.gid) != 0 || setuid (stopper.uid) != 0))
        _exit (127);
      execv (stopper.pg_ctl, argv);
      _exit (127);
    }
  if (pid > 0)
    while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
      ;
  pid = fork ();
  if (pid == 0)
    {
      char *const argv[] = { (char *) "rm", (char *) "-rf", stopper.dir, NULL };
      execv ("/bin/rm", argv);
      _exit (127);
    }
  if (pid > 0)
    while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
      ;
}

static void
on_signal (int sig)
{
  if (stopper.armed)
    {
      stopper.armed = 0;
      stop_from_handler ();
    }
  signal (sig, SIG_DFL);
  raise (sig);
}

static void
arm_stopper (PgCluster *c)
{
  struct sigaction sa;

  g_snprintf (stopper.pg_ctl, sizeof stopper.pg_ctl, "%s/pg_ctl", c->bindir);
  g_strlcpy (stopper.datadir, c->datadir, sizeof stopper.datadir);
  g_strlcpy (stopper.dir, c->dir, sizeof stopper.dir);
  stopper.drop = c->drop;
  stopper.uid = c->uid;
  stopper.gid = c->gid;
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset (&sa.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (stop_signals); i++)
    sigaction (stop_signals[i], &sa, &stopper.old[i]);
  stopper.armed = 1;
}

static void
disarm_stopper (void)
{
  if (!stopper.armed)
    return;
  stopper.armed = 0;
  for (guint i = 0; i < G_N_ELEMENTS (stop_signals); i++)
    sigaction (stop_signals[i], &stopper.old[i], NULL);
}

static void
cluster_stop (PgCluster *c)
{
  if (c == NULL)
    return;
  if (c->running)
    {
      g_autofree char *pg_ctl = g_build_filename (c->bindir, "pg_ctl", NULL);
      const char *argv[] = { pg_ctl, "stop", "-D", c->datadir, "-m", "immediate", "-w", "-s", NULL };
      g_autoptr (GError) error = NULL;

      if (!run_tool (c, argv, &error))
        g_printerr ("pg-baseline: stopping the cluster: %s\n", error->message);
      c->running = FALSE;
    }
  disarm_stopper ();
  if (c->dir != NULL)
    remove_tree (c->dir);
  g_free (c->bindir);
  g_free (c->dir);
  g_free (c->datadir);
  g_free (c->conninfo);
  g_free (c);
}

static PgCluster *
cluster_start (GError **error)
{
  PgCluster *c = g_new0 (PgCluster, 1);
  g_autofree char *initdb = NULL, *pg_ctl = NULL, *log = NULL, *conf = NULL, *settings = NULL;

  c->bindir = find_bindir ();
  if (c->bindir == NULL)
    {
      g_set_error (error, PG_BASELINE_ERROR, PG_BASELINE_ERROR_CLUSTER,
                   "no initdb and pg_ctl under /usr/lib/postgresql/*/bin (install postgresql, or set RESP_PG_BINDIR)");
      g_free (c);
      return NULL;
    }
  c->dir = g_dir_make_tmp ("resp-pg-XXXXXX", error);
  if (c->dir == NULL)
    {
      g_free (c->bindir);
      g_free (c);
      return NULL;
    }
  c->datadir = g_build_filename (c->dir, "data", NULL);
  if (geteuid () == 0)
    {
      struct passwd *pw = getpwnam ("nobody");

      if (pw == NULL)
        {
          g_set_error (error, PG_BASELINE_ERROR, PG_BASELINE_ERROR_CLUSTER,
                       "running as root and there is no user 'nobody' to run PostgreSQL as");
          goto fail;
        }
      c->drop = TRUE;
      c->uid = pw->pw_uid;
      c->gid = pw->pw_gid;
      if (chown (c->dir, c->uid, c->gid) != 0)
        {
          g_set_error (error, PG_BASELINE_ERROR, PG_BASELINE_ERROR_CLUSTER, "chown %s: %s", c->dir, g_strerror (errno));
          goto fail;
        }
    }

  initdb = g_build_filename (c->bindir, "initdb", NULL);
  {
    const char *argv[] = { initdb, "-D", c->datadir, "-U", "resp", "--auth=trust", "-E", "UTF8",
                           "--locale=C", "--no-sync", NULL };
    if (!run_tool (c, argv, error))
      goto fail;
  }
  /* A private cluster, thrown away at exit: no TCP, the socket in our own
   * directory, and no durability (fsync off; nothing here outlives the
   * run). JIT off as for any OLTP workload: these statements are cheap
   * and compiling them would cost more than running them. */
  conf = g_build_filename (c->datadir, "postgresql.conf", NULL);
  settings = g_strdup_printf ("\n# resp-pg-bench\nlisten_addresses = ''\nunix_socket_directories = '%s'\n"
                              "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\njit = off\n"
                              "max_connections = 10\n",
                              c->dir);
  {
    FILE *f = fopen (conf, "a");
    if (f == NULL || fputs (settings, f) < 0 || fclose (f) != 0)
      {
        g_set_error (error, PG_BASELINE_ERROR, PG_BASELINE_ERROR_CLUSTER, "%s: %s", conf, g_strerror (errno));
        goto fail;
      }
  }

  arm_stopper (c);
  pg_ctl = g_build_filename (c->bindir, "pg_ctl", NULL);
  log = g_build_filename (c->dir, "server.log", NULL);
  {
    const char *argv[] = { pg_ctl, "start", "-D", c->datadir, "-l", log, "-w", "-s", NULL };

    /* running from here on, even if pg_ctl says otherwise: stop it anyway */
    c->running = TRUE;
    if (!run_tool (c, argv, error))
      {
        g_autofree char *text = NULL;
        if (g_file_get_contents (log, &text, NULL, NULL))
          g_prefix_error (error, "%s\n", text);
        goto fail;
      }
  }
  c->conninfo = g_strdup_printf ("host=%s port=5432 dbname=postgres user=resp", c->dir);
  return c;

fail:
  cluster_stop (c);
  return NULL;
}

/* ==== the statements ==== */

/* Every statement takes the same four parameters: $1 a node (text), $2 the
 * instant (bigint), $3 the depth bound of the walks (the node count, so a
 * walk ends whatever the data), $4 a second node or a relation name (text,
 * may be NULL). */
#define LIVE(x) x ".since <= $2 AND $2 < " x ".until"

/* $1 and its superiors through `under`, nearest first */
#define CTE_CHAIN_FROM(start) \
  "chain (unit, depth) AS (" \
  "  " start \
  "  UNION ALL" \
  "  SELECT u.dst, c.depth + 1 FROM chain AS c" \
  "  JOIN relations AS u ON u.src = c.unit AND u.rel = 'under'" \
  "  WHERE " LIVE ("u") " AND c.depth < $3)"
#define CTE_CHAIN CTE_CHAIN_FROM ("SELECT $1::text, 0")

/* the unit's region: its own located_in, else its nearest superior's */
#define CTE_HOME \
  "home (region) AS (" \
  "  SELECT l.dst FROM chain AS c" \
  "  JOIN relations AS l ON l.src = c.unit AND l.rel = 'located_in'" \
  "  WHERE " LIVE ("l") " ORDER BY c.depth LIMIT 1)"

/* regions from `start` up `within`, nearest first */
#define CTE_UP_FROM(start) \
  "up (region, depth) AS (" \
  "  SELECT region, 0 FROM " start \
  "  UNION ALL" \
  "  SELECT w.dst, up.depth + 1 FROM up" \
  "  JOIN relations AS w ON w.src = up.region AND w.rel = 'within'" \
  "  WHERE " LIVE ("w") " AND up.depth < $3)"
#define CTE_UP CTE_UP_FROM ("home")

/* the sectors of system $4, else of operator $1 */
#define CTE_SECTORS \
  "own (sector) AS (" \
  "  SELECT x.dst FROM relations AS x WHERE x.src = $4 AND x.rel = 'in_sector' AND " LIVE ("x") ")," \
  " sectors (sector) AS (" \
  "  SELECT sector FROM own" \
  "  UNION" \
  "  SELECT x.dst FROM relations AS x WHERE x.src = $1 AND x.rel = 'in_sector' AND " LIVE ("x") \
  "    AND NOT EXISTS (SELECT 1 FROM own))"

/* the region of a unit lain in no region: up its superiors */
#define LOCATED(unit) \
  "(SELECT l.dst FROM relations AS l WHERE l.src = " unit " AND l.rel = 'located_in' AND " LIVE ("l") " LIMIT 1)"
#define CTE_WALK(name, seed) \
  name " (sector, unit, cur, region, depth) AS (" \
  "  " seed \
  "  UNION ALL" \
  "  SELECT w.sector, w.unit, u.dst, " LOCATED ("u.dst") ", w.depth + 1" \
  "  FROM " name " AS w JOIN relations AS u ON u.src = w.cur AND u.rel = 'under'" \
  "  WHERE w.region IS NULL AND " LIVE ("u") " AND w.depth < $3)"

/* the scope a committee $1 leads, with its type */
#define CTE_SCOPE \
  "sc (scope, type) AS (" \
  "  SELECT l.dst, n.type FROM relations AS l JOIN nodes AS n ON n.id = l.dst" \
  "  WHERE l.src = $1 AND l.rel = 'leads' AND " LIVE ("l") " LIMIT 1)"

enum {
  ST_NODE,
  ST_IN,
  ST_CHAIN,
  ST_COMMITTEE,
  ST_SEATS,
  ST_REGULATORS,
  ST_PROTECTORS,
  ST_REGION_COMMITTEE,
  ST_ORGANS,
  ST_COORDINATORS,
  ST_MANAGERS,
  ST_PROPOSERS,
  ST_OWNER_LEVEL,
  ST_COUNT,
};

static const char *const statement_sql[ST_COUNT] = {
  [ST_NODE] = "SELECT type, kind, cii FROM nodes WHERE id = $1",

  /* who holds one of the relations $4 towards one of the nodes $1 (both
   * lists separated by U+001F, which no id holds) */
  [ST_IN] =
    "SELECT r.dst, r.rel, r.src FROM relations AS r"
    " WHERE r.dst = ANY (string_to_array ($1, E'\\x1f')) AND r.rel = ANY (string_to_array ($4, E'\\x1f'))"
    " AND " LIVE ("r"),

  [ST_CHAIN] = "WITH RECURSIVE " CTE_CHAIN " SELECT unit FROM chain ORDER BY depth",

  /* the nearest committee leading a unit of the chain; else the one
   * leading the operator's region or the nearest region above it */
  [ST_COMMITTEE] =
    "WITH RECURSIVE " CTE_CHAIN ", " CTE_HOME ", " CTE_UP
    " SELECT committee FROM ("
    "   SELECT k.src AS committee, c.depth AS rank FROM chain AS c"
    "   JOIN relations AS k ON k.dst = c.unit AND k.rel = 'leads' WHERE " LIVE ("k")
    "   UNION ALL"
    "   SELECT k.src, $3 + 1 + up.depth FROM up"
    "   JOIN relations AS k ON k.dst = up.region AND k.rel = 'leads' WHERE " LIVE ("k")
    " ) AS x ORDER BY rank LIMIT 1",

  [ST_SEATS] = "SELECT m.src, m.role FROM relations AS m WHERE m.dst = $1 AND m.rel = 'member' AND " LIVE ("m"),

  /* Art. 4 with the derived table: for each sector, the regulators placed
   * in the region nearest the operator's, up `within`; a regulator lain in
   * no region at $2 (reg_gap) takes its nearest superior's */
  [ST_REGULATORS] =
    "WITH RECURSIVE " CTE_CHAIN ", " CTE_HOME ", " CTE_UP ", " CTE_SECTORS ", "
    CTE_WALK ("fwalk",
              "SELECT s.sector, f.unit, f.unit, NULL::text, 0 FROM sectors AS s"
              " JOIN reg_gap AS f ON f.sector = s.sector WHERE " LIVE ("f")) ","
    " placed (sector, unit, rank) AS ("
    "   SELECT s.sector, r.unit, up.depth FROM sectors AS s CROSS JOIN up"
    "   JOIN reg_at AS r ON r.sector = s.sector AND r.region = up.region WHERE " LIVE ("r")
    "   UNION ALL"
    "   SELECT w.sector, w.unit, up.depth FROM fwalk AS w JOIN up ON up.region = w.region)"
    " SELECT DISTINCT p.unit FROM placed AS p"
    " WHERE p.rank = (SELECT min(q.rank) FROM placed AS q WHERE q.sector = p.sector)",

  /* protection departments of the sectors, chosen by region as
   * regulators are (few units protect a sector: each one's region is
   * looked up) */
  [ST_PROTECTORS] =
    "WITH RECURSIVE " CTE_CHAIN ", " CTE_HOME ", " CTE_UP ", " CTE_SECTORS ", "
    CTE_WALK ("walk",
              "SELECT s.sector, g.src, g.src, " LOCATED ("g.src") ", 0 FROM sectors AS s"
              " JOIN relations AS g ON g.dst = s.sector AND g.rel = 'protects' WHERE " LIVE ("g")) ","
    " placed (sector, unit, rank) AS ("
    "   SELECT w.sector, w.unit, up.depth FROM walk AS w JOIN up ON up.region = w.region)"
    " SELECT DISTINCT p.unit FROM placed AS p"
    " WHERE p.rank = (SELECT min(q.rank) FROM placed AS q WHERE q.sector = p.sector)",

  /* the committee leading the operator's region, or the nearest above */
  [ST_REGION_COMMITTEE] =
    "WITH RECURSIVE " CTE_CHAIN ", " CTE_HOME ", " CTE_UP
    " SELECT k.src FROM up"
    " JOIN relations AS k ON k.dst = up.region AND k.rel = 'leads' WHERE " LIVE ("k")
    " ORDER BY up.depth LIMIT 1",

  /* public security, state security, audit office: each from the
   * operator's region or the nearest region up that has one */
  [ST_ORGANS] =
    "WITH RECURSIVE " CTE_CHAIN ", " CTE_HOME ", " CTE_UP ","
    " found (rel, unit, depth) AS ("
    "   SELECT o.rel, o.src, up.depth FROM up"
    "   JOIN relations AS o ON o.dst = up.region AND o.rel IN ('public_security', 'state_security', 'audits')"
    "   WHERE " LIVE ("o") ")"
    " SELECT f.rel, f.unit FROM found AS f"
    " WHERE f.depth = (SELECT min(g.depth) FROM found AS g WHERE g.rel = f.rel)",

  /* a unit of the chain's own 网信 working body, nearest first; else the
   * offices coordinating the operator's region, or the nearest above */
  [ST_COORDINATORS] =
    "WITH RECURSIVE " CTE_CHAIN ", " CTE_HOME ", " CTE_UP ","
    " found (unit, rank) AS ("
    "   SELECT c.src, ch.depth FROM chain AS ch"
    "   JOIN relations AS c ON c.dst = ch.unit AND c.rel = 'coordinates' WHERE " LIVE ("c")
    "   UNION ALL"
    "   SELECT c.src, $3 + 1 + up.depth FROM up"
    "   JOIN relations AS c ON c.dst = up.region AND c.rel = 'coordinates' WHERE " LIVE ("c") ")"
    " SELECT DISTINCT unit FROM found WHERE rank = (SELECT min(rank) FROM found)",

  /* managers(K), SPEC §4.3 `authority`: those that `manages` K; else, if K
   * leads a unit, the nearest committee leading a superior of it, else the
   * committee of that unit's region (nearest up); if K leads a region,
   * the committee of the nearest region above it */
  [ST_MANAGERS] =
    "WITH RECURSIVE"
    " m (k) AS (SELECT r.src FROM relations AS r WHERE r.dst = $1 AND r.rel = 'manages' AND " LIVE ("r") "),"
    " " CTE_SCOPE ","
    " " CTE_CHAIN_FROM ("SELECT scope, 0 FROM sc WHERE type = 'unit'") ","
    " " CTE_HOME ","
    " start (region) AS ("
    "   SELECT region FROM home"
    "   UNION ALL"
    "   SELECT w.dst FROM sc JOIN relations AS w ON w.src = sc.scope AND w.rel = 'within'"
    "   WHERE sc.type = 'region' AND " LIVE ("w") "),"
    " " CTE_UP_FROM ("start") ","
    " cand (k, rank) AS ("
    "   SELECT k.src, c.depth FROM chain AS c"
    "   JOIN relations AS k ON k.dst = c.unit AND k.rel = 'leads' WHERE c.depth > 0 AND " LIVE ("k")
    "   UNION ALL"
    "   SELECT k.src, $3 + 1 + up.depth FROM up"
    "   JOIN relations AS k ON k.dst = up.region AND k.rel = 'leads' WHERE " LIVE ("k") "),"
    " dflt (k) AS (SELECT k FROM cand ORDER BY rank LIMIT 1)"
    " SELECT k FROM m"
    " UNION ALL"
    " SELECT k FROM dflt WHERE k <> $1 AND NOT EXISTS (SELECT 1 FROM m)",

  /* proposer: the region-level coordinators of authority $1's region (the
   * region it leads, or the region of the unit it leads), nearest up, each
   * with its head: the client passes over an office the liable person
   * heads (for the next region's), so one answer serves every person */
  [ST_PROPOSERS] =
    "WITH RECURSIVE " CTE_SCOPE ","
    " " CTE_CHAIN_FROM ("SELECT scope, 0 FROM sc WHERE type = 'unit'") ","
    " " CTE_HOME ","
    " start (region) AS (SELECT region FROM home UNION ALL SELECT scope FROM sc WHERE type = 'region'),"
    " " CTE_UP_FROM ("start") ","
    " found (unit, depth) AS ("
    "   SELECT c.src, up.depth FROM up"
    "   JOIN relations AS c ON c.dst = up.region AND c.rel = 'coordinates' WHERE " LIVE ("c") ")"
    " SELECT f.unit, f.depth, h.src FROM found AS f"
    " LEFT JOIN relations AS h ON h.dst = f.unit AND h.rel = 'heads' AND " LIVE ("h")
    " ORDER BY f.depth",

  /* system.owner_level of system $4: the region level of its sponsor
   * (none when the sponsor lies in no region), else of operator $1 */
  [ST_OWNER_LEVEL] =
    "WITH RECURSIVE"
    " sp (unit) AS (SELECT r.src FROM relations AS r WHERE r.dst = $4 AND r.rel = 'sponsors' AND " LIVE ("r") " LIMIT 1),"
    " " CTE_CHAIN_FROM ("SELECT coalesce ((SELECT unit FROM sp), $1::text), 0") ","
    " " CTE_HOME
    " SELECT n.level FROM home JOIN nodes AS n ON n.id = home.region",
};

/* ==== connection ==== */

typedef struct {
  PGconn *conn;
  guint64 n_exec;
  guint64 n_trips;             /* round trips to the server */
  gboolean no_pipeline;        /* RESP_PG_NO_PIPELINE: one statement a round trip */
  guint64 st_exec[ST_COUNT];   /* per statement, for RESP_PG_PROFILE */
  gint64 st_ns[ST_COUNT];
  char bound_text[24];
  char at_text[24];
  /* per event: strings, and the answers that do not depend on the subject */
  GStringChunk *chunk;
  GHashTable *memo;
} Pg;

static gboolean
pg_fail (Pg *pg, const char *what, GError **error)
{
  g_set_error (error, PG_BASELINE_ERROR, PG_BASELINE_ERROR_SQL, "%s: %s", what, PQerrorMessage (pg->conn));
  return FALSE;
}

static gboolean
pg_exec (Pg *pg, const char *sql, GError **error)
{
  PGresult *res = PQexec (pg->conn, sql);
  ExecStatusType st = PQresultStatus (res);
  gboolean ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;

  if (!ok)
    g_set_error (error, PG_BASELINE_ERROR, PG_BASELINE_ERROR_SQL, "%.200s: %s", sql, PQresultErrorMessage (res));
  PQclear (res);
  return ok;
}

static void
pg_close (Pg *pg)
{
  if (pg == NULL)
    return;
  if (pg->conn != NULL)
    PQfinish (pg->conn);
  if (pg->chunk != NULL)
    g_string_chunk_free (pg->chunk);
  if (pg->memo != NULL)
    g_hash_table_unref (pg->memo);
  g_free (pg);
}

static Pg *
pg_connect (const char *conninfo, guint n_nodes, gboolean generic, GError **error)
{
  static const Oid types[4] = { 25, 20, 20, 25 };   /* text, int8, int8, text */
  Pg *pg = g_new0 (Pg, 1);

  pg->conn = PQconnectdb (conninfo);
  if (PQstatus (pg->conn) != CONNECTION_OK)
    {
      pg_fail (pg, "connect", error);
      pg_close (pg);
      return NULL;
    }
  g_snprintf (pg->bound_text, sizeof pg->bound_text, "%u", n_nodes + 1);
  pg->chunk = g_string_chunk_new (4096);
  pg->no_pipeline = g_getenv ("RESP_PG_NO_PIPELINE") != NULL;
  pg->memo = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  if (generic && !pg_exec (pg, "SET plan_cache_mode = force_generic_plan", error))
    goto fail;
  /* n_nodes 0: a connection to load the tables, before they exist */
  for (guint i = 0; n_nodes > 0 && i < ST_COUNT; i++)
    {
      char name[8];
      PGresult *res;

      g_snprintf (name, sizeof name, "s%u", i);
      res = PQprepare (pg->conn, name, statement_sql[i], 4, types);
      if (PQresultStatus (res) != PGRES_COMMAND_OK)
        {
          g_set_error (error, PG_BASELINE_ERROR, PG_BASELINE_ERROR_SQL, "prepare %s: %s", statement_sql[i],
                       PQresultErrorMessage (res));
          PQclear (res);
          goto fail;
        }
      PQclear (res);
    }
  return pg;

fail:
  pg_close (pg);
  return NULL;
}

/* Starts an event: the instant, and nothing remembered from the last. */
static void
pg_begin_event (Pg *pg, gint64 at)
{
  g_snprintf (pg->at_text, sizeof pg->at_text, "%" G_GINT64_FORMAT, at);
  g_hash_table_remove_all (pg->memo);
  g_string_chunk_clear (pg->chunk);
}

static const char *
pg_str (Pg *pg, const char *s)
{
  return g_string_chunk_insert_const (pg->chunk, s);
}

static const char *const statement_names[ST_COUNT] = { "s0", "s1", "s2", "s3", "s4", "s5", "s6",
                                                       "s7", "s8", "s9", "s10", "s11", "s12" };
G_STATIC_ASSERT (ST_COUNT == 13);

static PGresult *
pg_run (Pg *pg, guint st, const char *a1, const char *a4, GError **error)
{
  const char *values[4] = { a1, pg->at_text, pg->bound_text, a4 };
  PGresult *res;
  struct timespec t0, t1;

  clock_gettime (CLOCK_MONOTONIC, &t0);
  res = PQexecPrepared (pg->conn, statement_names[st], 4, values, NULL, NULL, 0);
  clock_gettime (CLOCK_MONOTONIC, &t1);
  pg->n_exec++;
  pg->n_trips++;
  pg->st_exec[st]++;
  pg->st_ns[st] += (t1.tv_sec - t0.tv_sec) * G_GINT64_CONSTANT (1000000000) + (t1.tv_nsec - t0.tv_nsec);
  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      g_set_error (error, PG_BASELINE_ERROR, PG_BASELINE_ERROR_SQL, "%.120s…: %s", statement_sql[st],
                   PQresultErrorMessage (res));
      PQclear (res);
      return NULL;
    }
  return res;
}

static char *
memo_key (guint st, const char *a1, const char *a4)
{
  return g_strdup_printf ("%u\x1f%s\x1f%s", st, a1 ? a1 : "", a4 ? a4 : "\x1e");
}

/* The answer of st for (a1, a4), asked once per event: every column of
 * each row in turn (NULL for a null). */
static GPtrArray *
pg_memo (Pg *pg, guint st, const char *a1, const char *a4, GError **error)
{
  g_autofree char *key = memo_key (st, a1, a4);
  GPtrArray *list = g_hash_table_lookup (pg->memo, key);
  PGresult *res;

  if (list != NULL)
    return list;
  res = pg_run (pg, st, a1, a4, error);
  if (res == NULL)
    return NULL;
  list = g_ptr_array_new ();
  for (int i = 0; i < PQntuples (res); i++)
    for (int c = 0; c < PQnfields (res); c++)
      g_ptr_array_add (list, PQgetisnull (res, i, c) ? NULL : (gpointer) pg_str (pg, PQgetvalue (res, i, c)));
  PQclear (res);
  g_hash_table_insert (pg->memo, (gpointer) pg_str (pg, key), list);
  return list;
}

/* One statement of a batch: memo says whether its answer is kept for
 * the event (as pg_memo() keeps it: then `list` is set and `res` is
 * not); otherwise `res` is the caller's to PQclear(). */
typedef struct {
  guint st;
  const char *a1, *a4;
  gboolean memo;
  PGresult *res;
  GPtrArray *list;
} Req;

/* Statements that do not depend on one another, in one round trip
 * (libpq's pipeline mode); answers already kept for the event are not
 * asked again. */
static gboolean
pg_batch (Pg *pg, Req *reqs, guint n, GError **error)
{
  guint sent = 0;
  gboolean ok = TRUE;
  struct timespec t0, t1;
  gint64 ns;

  for (guint i = 0; i < n; i++)
    {
      reqs[i].res = NULL;
      reqs[i].list = NULL;
      if (reqs[i].memo)
        {
          g_autofree char *key = memo_key (reqs[i].st, reqs[i].a1, reqs[i].a4);
          reqs[i].list = g_hash_table_lookup (pg->memo, key);
        }
      sent += reqs[i].list == NULL;
    }
  if (sent == 0)
    return TRUE;
  if (sent == 1 || pg->no_pipeline)
    {
      for (guint i = 0; i < n; i++)
        if (reqs[i].list == NULL)
          {
            if (reqs[i].memo)
              reqs[i].list = pg_memo (pg, reqs[i].st, reqs[i].a1, reqs[i].a4, error);
            else
              reqs[i].res = pg_run (pg, reqs[i].st, reqs[i].a1, reqs[i].a4, error);
            if (reqs[i].list == NULL && reqs[i].res == NULL)
              goto fail;
          }
      return TRUE;
    }

  clock_gettime (CLOCK_MONOTONIC, &t0);
  if (PQenterPipelineMode (pg->conn) != 1)
    return pg_fail (pg, "pipeline", error);
  for (guint i = 0; i < n; i++)
    if (reqs[i].list == NULL)
      {
        const char *values[4] = { reqs[i].a1, pg->at_text, pg->bound_text, reqs[i].a4 };
        if (PQsendQueryPrepared (pg->conn, statement_names[reqs[i].st], 4, values, NULL, NULL, 0) != 1)
          ok = ok && pg_fail (pg, "send", error);
      }
  if (PQpipelineSync (pg->conn) != 1)
    ok = ok && pg_fail (pg, "sync", error);
  /* every answer, then the end of the query, then the sync */
  for (guint i = 0; i < n; i++)
    if (reqs[i].list == NULL)
      {
        PGresult *res = PQgetResult (pg->conn), *end;

        if (PQresultStatus (res) != PGRES_TUPLES_OK)
          {
            if (ok)
              g_set_error (error, PG_BASELINE_ERROR, PG_BASELINE_ERROR_SQL, "%.120s…: %s",
                           statement_sql[reqs[i].st], res ? PQresultErrorMessage (res) : PQerrorMessage (pg->conn));
            ok = FALSE;
            PQclear (res);
            res = NULL;
          }
        reqs[i].res = res;
        while ((end = PQgetResult (pg->conn)) != NULL)
          PQclear (end);
      }
  {
    PGresult *sync = PQgetResult (pg->conn);

    if (PQresultStatus (sync) != PGRES_PIPELINE_SYNC)
      ok = ok && pg_fail (pg, "pipeline sync", error);
    PQclear (sync);
  }
  if (PQexitPipelineMode (pg->conn) != 1)
    ok = ok && pg_fail (pg, "pipeline end", error);
  clock_gettime (CLOCK_MONOTONIC, &t1);
  ns = (t1.tv_sec - t0.tv_sec) * G_GINT64_CONSTANT (1000000000) + (t1.tv_nsec - t0.tv_nsec);
  pg->n_trips++;
  for (guint i = 0; i < n; i++)
    if (reqs[i].list == NULL)
      {
        pg->n_exec++;
        pg->st_exec[reqs[i].st]++;
        pg->st_ns[reqs[i].st] += ns / sent;
      }
  if (!ok)
    goto fail;

  /* answers kept for the event */
  for (guint i = 0; i < n; i++)
    if (reqs[i].memo && reqs[i].list == NULL)
      {
        PGresult *res = reqs[i].res;
        GPtrArray *list = g_ptr_array_new ();
        g_autofree char *key = memo_key (reqs[i].st, reqs[i].a1, reqs[i].a4);

        for (int r = 0; r < PQntuples (res); r++)
          for (int c = 0; c < PQnfields (res); c++)
            g_ptr_array_add (list, PQgetisnull (res, r, c) ? NULL : (gpointer) pg_str (pg, PQgetvalue (res, r, c)));
        PQclear (res);
        reqs[i].res = NULL;
        reqs[i].list = list;
        g_hash_table_insert (pg->memo, (gpointer) pg_str (pg, key), list);
      }
  return TRUE;

fail:
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&reqs[i].res, PQclear);
  return FALSE;
}

/* ==== loading ==== */

static const char *const schema =
  "CREATE TABLE nodes ("
  "  id text PRIMARY KEY, type text NOT NULL, name text NOT NULL,"
  "  level text, form text, kind text, cii boolean, protection_level integer, extra text);"
  "CREATE TABLE relations ("
  "  rel text NOT NULL, src text NOT NULL, dst text NOT NULL, role text,"
  "  since bigint NOT NULL, until bigint NOT NULL)";

/* As in the SQLite baseline, built after the bulk load; then what a DBA
 * derives for the regulator lookup (see the top of this file), and the
 * statistics the planner needs. */
static const char *const after_load[] = {
  "CREATE INDEX relations_out ON relations (src, rel, since, until, dst)",
  "CREATE INDEX relations_in ON relations (dst, rel, since, until, src, role)",
  "CREATE TABLE reg_at AS"
  " SELECT g.dst AS sector, l.dst AS region, g.src AS unit,"
  "   greatest (g.since, l.since) AS since, least (g.until, l.until) AS until"
  " FROM relations AS g JOIN relations AS l ON l.src = g.src AND l.rel = 'located_in'"
  " WHERE g.rel = 'regulates' AND greatest (g.since, l.since) < least (g.until, l.until)",
  "CREATE INDEX reg_at_key ON reg_at (sector, region, since, until, unit)",
  /* the windows in which a unit lies in no region (located_in is at most
   * one at any instant, so its relations sorted by since leave gaps
   * between them, before the first and after the last) */
  "CREATE TABLE reg_gap AS"
  " WITH l AS ("
  "   SELECT src, since, until,"
  "     lag (until) OVER (PARTITION BY src ORDER BY since) AS prev_until,"
  "     row_number () OVER (PARTITION BY src ORDER BY since DESC) AS from_last"
  "   FROM relations WHERE rel = 'located_in'),"
  " gaps (unit, since, until) AS ("
  "   SELECT src, coalesce (prev_until, -9223372036854775808), since FROM l"
  "   WHERE coalesce (prev_until, -9223372036854775808) < since"
  "   UNION ALL"
  "   SELECT src, until, 9223372036854775807 FROM l WHERE from_last = 1 AND until < 9223372036854775807"
  "   UNION ALL"
  "   SELECT n.id, -9223372036854775808, 9223372036854775807 FROM nodes AS n"
  "   WHERE n.type = 'unit' AND NOT EXISTS ("
  "     SELECT 1 FROM relations AS x WHERE x.src = n.id AND x.rel = 'located_in'))"
  " SELECT g.dst AS sector, g.src AS unit,"
  "   greatest (g.since, x.since) AS since, least (g.until, x.until) AS until"
  " FROM relations AS g JOIN gaps AS x ON x.unit = g.src"
  " WHERE g.rel = 'regulates' AND greatest (g.since, x.since) < least (g.until, x.until)",
  "CREATE INDEX reg_gap_key ON reg_gap (sector, since, until, unit)",
  "ANALYZE",
};

/* COPY text format: backslash, tab, newline and carriage return escaped */
static void
copy_field (GString *out, const char *s, gboolean last)
{
  if (s == NULL)
    g_string_append (out, "\\N");
  else
    for (const char *p = s; *p != '\0'; p++)
      switch (*p)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        default: g_string_append_c (out, *p); break;
        }
  g_string_append_c (out, last ? '\n' : '\t');
}

static const char *
member_string (JsonObject *o, const char *key)
{
  JsonNode *n = json_object_get_member (o, key);

  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
           ? json_node_get_string (n) : NULL;
}

static gboolean
copy_flush (Pg *pg, GString *buf, gboolean force, GError **error)
{
  if (buf->len == 0 || (!force && buf->len < (1u << 20)))
    return TRUE;
  if (PQputCopyData (pg->conn, buf->str, (int) buf->len) != 1)
    return pg_fail (pg, "COPY", error);
  g_string_truncate (buf, 0);
  return TRUE;
}

static gboolean
copy_end (Pg *pg, GError **error)
{
  PGresult *res;
  gboolean ok = TRUE;

  if (PQputCopyEnd (pg->conn, NULL) != 1)
    return pg_fail (pg, "COPY end", error);
  while ((res = PQgetResult (pg->conn)) != NULL)
    {
      if (ok && PQresultStatus (res) != PGRES_COMMAND_OK)
        {
          g_set_error (error, PG_BASELINE_ERROR, PG_BASELINE_ERROR_SQL, "COPY: %s", PQresultErrorMessage (res));
          ok = FALSE;
        }
      PQclear (res);
    }
  return ok;
}

static gboolean
copy_begin (Pg *pg, const char *sql, GError **error)
{
  PGresult *res = PQexec (pg->conn, sql);
  gboolean ok = PQresultStatus (res) == PGRES_COPY_IN;

  if (!ok)
    g_set_error (error, PG_BASELINE_ERROR, PG_BASELINE_ERROR_SQL, "%s: %s", sql, PQresultErrorMessage (res));
  PQclear (res);
  return ok;
}

/* Loads the model file (trusted valid: run `resp validate` first) into the
 * database with COPY; returns the node count. */
static gboolean
load_model (Pg *pg, const char *path, guint *out_n_nodes, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GString) buf = g_string_sized_new (1u << 21);
  JsonObject *root;
  JsonArray *nodes, *rels;
  const char *format;

  if (!json_parser_load_from_mapped_file (parser, path, error))
    return FALSE;
  root = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ? json_node_get_object (json_parser_get_root (parser)) : NULL;
  format = root != NULL ? member_string (root, "format") : NULL;
  if (g_strcmp0 (format, "libresp/model/1") != 0 || !json_object_has_member (root, "nodes") ||
      !json_object_has_member (root, "relations"))
    {
      g_set_error (error, PG_BASELINE_ERROR, PG_BASELINE_ERROR_FORMAT, "%s: not a libresp/model/1 document", path);
      return FALSE;
    }
  nodes = json_object_get_array_member (root, "nodes");
  rels = json_object_get_array_member (root, "relations");

  if (!pg_exec (pg, "BEGIN", error) || !pg_exec (pg, schema, error) ||
      !copy_begin (pg, "COPY nodes FROM STDIN", error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *n = json_array_get_object_element (nodes, i);
      const char *type = member_string (n, "type");
      const char *kind = member_string (n, "kind");
      JsonNode *extra = json_object_get_member (n, "extra");
      g_autofree char *extra_text = extra != NULL ? json_to_string (extra, FALSE) : NULL;
      char level[16];

      copy_field (buf, member_string (n, "id"), FALSE);
      copy_field (buf, type, FALSE);
      copy_field (buf, member_string (n, "name"), FALSE);
      copy_field (buf, member_string (n, "level"), FALSE);
      copy_field (buf, member_string (n, "form"), FALSE);
      /* the defaults of SPEC §3.1 stored, as a DBA would */
      if (kind == NULL && (g_strcmp0 (type, "unit") == 0 || g_strcmp0 (type, "system") == 0))
        kind = "other";
      copy_field (buf, kind, FALSE);
      if (g_strcmp0 (type, "system") == 0)
        copy_field (buf, json_object_has_member (n, "cii") && json_object_get_boolean_member (n, "cii") ? "t" : "f",
                    FALSE);
      else
        copy_field (buf, NULL, FALSE);
      if (json_object_has_member (n, "protection_level"))
        {
          g_snprintf (level, sizeof level, "%" G_GINT64_FORMAT, json_object_get_int_member (n, "protection_level"));
          copy_field (buf, level, FALSE);
        }
      else
        copy_field (buf, NULL, FALSE);
      copy_field (buf, extra_text, TRUE);
      if (!copy_flush (pg, buf, FALSE, error))
        return FALSE;
    }
  if (!copy_flush (pg, buf, TRUE, error) || !copy_end (pg, error) ||
      !copy_begin (pg, "COPY relations FROM STDIN", error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (rels); i++)
    {
      JsonObject *r = json_array_get_object_element (rels, i);
      static const char *const ends[2] = { "since", "until" };
      char text[2][24];

      for (guint e = 0; e < 2; e++)
        {
          const char *date = member_string (r, ends[e]);
          gint64 t = e == 0 ? G_MININT64 : G_MAXINT64;

          if (date != NULL && !resp_instant_parse (date, &t, NULL))
            {
              g_set_error (error, PG_BASELINE_ERROR, PG_BASELINE_ERROR_FORMAT, "%s: bad date '%s'", path, date);
              return FALSE;
            }
          g_snprintf (text[e], sizeof text[e], "%" G_GINT64_FORMAT, t);
        }
      copy_field (buf, member_string (r, "rel"), FALSE);
      copy_field (buf, member_string (r, "from"), FALSE);
      copy_field (buf, member_string (r, "to"), FALSE);
      copy_field (buf, member_string (r, "role"), FALSE);
      copy_field (buf, text[0], FALSE);
      copy_field (buf, text[1], TRUE);
      if (!copy_flush (pg, buf, FALSE, error))
        return FALSE;
    }
  if (!copy_flush (pg, buf, TRUE, error) || !copy_end (pg, error) || !pg_exec (pg, "COMMIT", error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (after_load); i++)
    if (!pg_exec (pg, after_load[i], error))
      return FALSE;
  *out_n_nodes = json_array_get_length (nodes);
  return TRUE;
}

/* ==== events, as the baseline reads them ==== */

/* Kleene truth ordered F < U < T: and is min, or is max, not is 2 - x */
typedef enum { F = 0, U = 1, T = 2 } Truth;

static Truth t_and (Truth a, Truth b) { return MIN (a, b); }
static Truth t_or (Truth a, Truth b) { return MAX (a, b); }
static Truth t_not (Truth a) { return (Truth) (2 - a); }

enum {
  FACT_ATTACKED, FACT_TAMPERED, FACT_HARMFUL_SPREAD, FACT_REPORTED, FACT_HANDLED, FACT_LEAK_SECRETS,
  FACT_LEAK_MASS, FACT_LEAK_BASIC, FACT_PUBLIC_LIFE, FACT_ECONOMIC_LOSS, FACT_SOCIAL_IMPACT, FACT_CONCEALED,
  FACT_REFUSED, FACT_NOTIFIED_UNRECTIFIED, FACT_SERIOUS, FACT_OBSTRUCTED, FACT_OTHER_SERIOUS,
  FACT_SUPERVISION_FAILED, FACT_COORDINATION_FAILED, N_BOOL_FACTS,
};
static const char *const bool_fact_names[N_BOOL_FACTS] = {
  "attacked", "tampered", "harmful_info_spread_widely", "reported_in_time", "handled_in_time",
  "leak_state_secrets", "leak_personal_info_mass", "leak_basic_data", "public_life_widely_affected",
  "major_economic_loss", "severe_social_impact", "concealed", "refused_investigation",
  "notified_risk_unrectified", "serious_consequence", "obstructed_security_organs", "other_serious",
  "supervision_failed", "coordination_failed",
};

typedef struct {
  char *committee;
  char **participants;
  char **dissent;
} PgDecision;

typedef struct {
  char *id;
  gint64 at;
  char **subjects;        /* systems, then units */
  char **involved;
  PgDecision *decisions;
  guint n_decisions;
  char **exempted;
  Truth facts[N_BOOL_FACTS];
  Truth outage_known, records_known;
  double outage_hours, leak_records;
  gboolean outside;       /* its reported_in_time is the timeline's (not ported) */
} PgEvent;

static void
event_clear (PgEvent *e)
{
  g_free (e->id);
  g_strfreev (e->subjects);
  g_strfreev (e->involved);
  for (guint i = 0; i < e->n_decisions; i++)
    {
      g_free (e->decisions[i].committee);
      g_strfreev (e->decisions[i].participants);
      g_strfreev (e->decisions[i].dissent);
    }
  g_free (e->decisions);
  g_strfreev (e->exempted);
}

static void
strv_append (GPtrArray *a, JsonObject *o, const char *key)
{
  JsonArray *arr = o != NULL && json_object_has_member (o, key) ? json_object_get_array_member (o, key) : NULL;

  for (guint i = 0; arr != NULL && i < json_array_get_length (arr); i++)
    g_ptr_array_add (a, g_strdup (json_array_get_string_element (arr, i)));
}

static char **
strv_member (JsonObject *o, const char *key)
{
  GPtrArray *a = g_ptr_array_new ();

  strv_append (a, o, key);
  g_ptr_array_add (a, NULL);
  return (char **) g_ptr_array_free (a, FALSE);
}

static gboolean
event_parse (const char *line, PgEvent *e, gint64 timeline_from, GError **error)
{
  g_autoptr (JsonParser) p = json_parser_new_immutable ();
  JsonObject *o, *facts;
  GPtrArray *a;
  const char *when;

  memset (e, 0, sizeof *e);
  if (!json_parser_load_from_data (p, line, -1, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (p)))
    {
      g_set_error (error, PG_BASELINE_ERROR, PG_BASELINE_ERROR_FORMAT, "an event is not an object");
      return FALSE;
    }
  o = json_node_get_object (json_parser_get_root (p));
  e->id = g_strdup (member_string (o, "id"));
  when = member_string (o, "occurred_at");
  if (when == NULL || !resp_instant_parse (when, &e->at, NULL))
    {
      g_set_error (error, PG_BASELINE_ERROR, PG_BASELINE_ERROR_FORMAT, "event %s: bad occurred_at", e->id);
      return FALSE;
    }
  a = g_ptr_array_new ();
  strv_append (a, o, "systems");
  strv_append (a, o, "units");
  g_ptr_array_add (a, NULL);
  e->subjects = (char **) g_ptr_array_free (a, FALSE);
  e->involved = strv_member (o, "involved");
  if (json_object_has_member (o, "decisions"))
    {
      JsonArray *ds = json_object_get_array_member (o, "decisions");

      e->n_decisions = json_array_get_length (ds);
      e->decisions = g_new0 (PgDecision, e->n_decisions);
      for (guint i = 0; i < e->n_decisions; i++)
        {
          JsonObject *d = json_array_get_object_element (ds, i);
          e->decisions[i].committee = g_strdup (member_string (d, "committee"));
          e->decisions[i].participants = strv_member (d, "participants");
          e->decisions[i].dissent = strv_member (d, "dissent");
        }
    }
  a = g_ptr_array_new ();
  if (json_object_has_member (o, "exemptions"))
    {
      JsonArray *xs = json_object_get_array_member (o, "exemptions");
      for (guint i = 0; i < json_array_get_length (xs); i++)
        g_ptr_array_add (a, g_strdup (member_string (json_array_get_object_element (xs, i), "person")));
    }
  g_ptr_array_add (a, NULL);
  e->exempted = (char **) g_ptr_array_free (a, FALSE);

  /* absent or null: unknown */
  facts = json_object_has_member (o, "facts") ? json_object_get_object_member (o, "facts") : NULL;
  for (guint f = 0; f < N_BOOL_FACTS; f++)
    {
      JsonNode *n = facts != NULL ? json_object_get_member (facts, bool_fact_names[f]) : NULL;
      e->facts[f] = n == NULL || JSON_NODE_HOLDS_NULL (n) ? U : json_node_get_boolean (n) ? T : F;
    }
  {
    JsonNode *n = facts != NULL ? json_object_get_member (facts, "outage_hours") : NULL;
    e->outage_known = n != NULL && !JSON_NODE_HOLDS_NULL (n);
    e->outage_hours = e->outage_known ? json_node_get_double (n) : 0;
    n = facts != NULL ? json_object_get_member (facts, "leak_personal_info_records") : NULL;
    e->records_known = n != NULL && !JSON_NODE_HOLDS_NULL (n);
    e->leak_records = e->records_known ? json_node_get_double (n) : 0;
  }
  e->outside = e->at >= timeline_from && e->facts[FACT_REPORTED] == U && json_object_has_member (o, "reports");
  return TRUE;
}

/* ==== roles ==== */

enum {
  R_OPERATOR, R_CHAIN, R_COMMITTEE, R_FIRST, R_DIRECT, R_TEAM, R_SECURITY_LEAD, R_UNIT_HEAD,
  R_REGULATOR, R_REGULATOR_HEAD, R_REGIONAL_SUPERVISOR, R_COORDINATOR, R_COORDINATOR_HEAD,
  R_AUTHORITY, R_PROPOSER, R_PROTECTION, R_PUBLIC_SECURITY, R_STATE_SECURITY, R_AUDIT_OFFICE, N_R,
};
static const char *const role_names[N_R] = {
  "operator", "chain", "committee", "first_responsible", "direct_responsible", "team_member",
  "security_lead", "unit_head", "regulator", "regulator_head", "regional_supervisor", "coordinator",
  "coordinator_head", "authority", "proposer", "protection_dept", "public_security", "state_security",
  "audit_office",
};

/* Whom a person reached through a role answers to (SPEC §4.3 authority):
 * through a seat on a committee, or from a unit, or (the system's own
 * security lead, the involved) from each operator. */
typedef enum { ANCHOR_NONE, ANCHOR_UNIT, ANCHOR_COMMITTEE, ANCHOR_EACH_OPERATOR } AnchorKind;

typedef struct {
  guint role;
  const char *person;
  const char *anchor;
  AnchorKind kind;
} Hit;

typedef struct {
  const char *id;
  gboolean is_system;
  const char *kind;
  gboolean cii;
  GPtrArray *ops;
  GPtrArray *sets[N_R];
  GArray *hits;           /* the roles the liability rules read, with anchors */
} Subject;

static void
subject_init (Subject *S)
{
  memset (S, 0, sizeof *S);
  S->ops = g_ptr_array_new ();
  for (guint r = 0; r < N_R; r++)
    S->sets[r] = g_ptr_array_new ();
  S->hits = g_array_new (FALSE, FALSE, sizeof (Hit));
}

static void
subject_clear (Subject *S)
{
  g_ptr_array_unref (S->ops);
  for (guint r = 0; r < N_R; r++)
    g_ptr_array_unref (S->sets[r]);
  g_array_unref (S->hits);
}

static void
hit (Subject *S, guint role, const char *person, const char *anchor, AnchorKind kind)
{
  Hit h = { role, person, anchor, kind };

  g_ptr_array_add (S->sets[role], (gpointer) person);
  g_array_append_val (S->hits, h);
}

static int
cmp_str (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* sorted bytewise, no repeats (the strings are the event's: nothing to free) */
static void
sort_unique (GPtrArray *a)
{
  guint kept = 0;

  g_ptr_array_sort (a, cmp_str);
  for (guint i = 0; i < a->len; i++)
    if (kept == 0 || strcmp (a->pdata[kept - 1], a->pdata[i]) != 0)
      a->pdata[kept++] = a->pdata[i];
  g_ptr_array_set_size (a, kept);
}

#define TRY(x) G_STMT_START { if (!(x)) return FALSE; } G_STMT_END

/* The proposers under authority a for person p (NULL: anyone): the
 * coordinators of the nearest region up that has one p does not head. */
static gboolean
proposers (Pg *pg, const char *a, const char *p, GPtrArray *out, GError **error)
{
  GPtrArray *rows = pg_memo (pg, ST_PROPOSERS, a, NULL, error);
  guint start = out->len;

  TRY (rows != NULL);
  for (guint i = 0; i + 2 < rows->len; i += 3)
    {
      const char *unit = rows->pdata[i], *depth = rows->pdata[i + 1], *head = rows->pdata[i + 2];

      /* a new region: stop if the one before had any */
      if (i > 0 && strcmp (depth, rows->pdata[i - 2]) != 0 && out->len > start)
        break;
      if (p == NULL || head == NULL || strcmp (head, p) != 0)
        g_ptr_array_add (out, (gpointer) unit);
    }
  return TRUE;
}

/* seats of committee k: holders of main_leader / cyber_lead / member as
 * the three roles given (G_MAXUINT: not wanted) */
static gboolean
seat_hits (Pg *pg, Subject *S, const char *k, guint main_role, guint cyber_role, guint member_role,
           GError **error)
{
  GPtrArray *seats = pg_memo (pg, ST_SEATS, k, NULL, error);

  TRY (seats != NULL);
  for (guint i = 0; i + 1 < seats->len; i += 2)
    {
      const char *p = seats->pdata[i], *seat = seats->pdata[i + 1];
      guint role = g_str_equal (seat, "main_leader") ? main_role : g_str_equal (seat, "cyber_lead") ? cyber_role
                 : member_role;
      if (role != G_MAXUINT)
        hit (S, role, p, k, ANCHOR_COMMITTEE);
    }
  return TRUE;
}

/* A list of ids separated by U+001F, for ST_IN */
static char *
id_list (GPtrArray *a, GPtrArray *b)
{
  GString *list = g_string_new (NULL);
  GPtrArray *both[2] = { a, b };

  for (guint k = 0; k < 2; k++)
    for (guint i = 0; both[k] != NULL && i < both[k]->len; i++)
      {
        if (list->len > 0)
          g_string_append_c (list, '\x1f');
        g_string_append (list, both[k]->pdata[i]);
      }
  return g_string_free (list, FALSE);
}

static gboolean
contains (GPtrArray *a, const char *id)
{
  for (guint i = 0; i < a->len; i++)
    if (strcmp (a->pdata[i], id) == 0)
      return TRUE;
  return FALSE;
}

/* column 0 of each row of res into out (strings of the event) */
static void
take_column (Pg *pg, PGresult *res, GPtrArray *out)
{
  for (int i = 0; i < PQntuples (res); i++)
    if (!PQgetisnull (res, i, 0))
      g_ptr_array_add (out, (gpointer) pg_str (pg, PQgetvalue (res, i, 0)));
}

/* The roles from one operator, in four round trips: what depends on the
 * operator alone; then what depends on its committee, regulators and
 * coordinators; then proposers and the regional supervisors' seats. */
static gboolean
resolve_operator (Pg *pg, Subject *S, const char *op, gboolean system_has_lead, gboolean system_protected,
                  GError **error)
{
  enum { Q_CHAIN, Q_COMMITTEE, Q_PEOPLE, Q_REGULATORS, Q_ORGANS, Q_COORDINATORS, Q_PROTECTORS, Q_N };
  const char *sys = S->is_system ? S->id : NULL;
  Req q[Q_N] = {
    [Q_CHAIN] = { ST_CHAIN, op, NULL, FALSE, NULL, NULL },
    [Q_COMMITTEE] = { ST_COMMITTEE, op, NULL, TRUE, NULL, NULL },
    [Q_PEOPLE] = { ST_IN, op, system_has_lead ? "heads" : "security_lead\x1fheads", FALSE, NULL, NULL },
    [Q_REGULATORS] = { ST_REGULATORS, op, sys, FALSE, NULL, NULL },
    [Q_ORGANS] = { ST_ORGANS, op, NULL, FALSE, NULL, NULL },
    [Q_COORDINATORS] = { ST_COORDINATORS, op, NULL, FALSE, NULL, NULL },
    [Q_PROTECTORS] = { ST_PROTECTORS, op, sys, FALSE, NULL, NULL },
  };
  Req q2[4], q3[8];
  guint n2 = 0, n3 = 0, n_q = system_protected ? Q_N - 1 : Q_N;
  g_autoptr (GPtrArray) regs = g_ptr_array_new ();
  g_autoptr (GPtrArray) coords = g_ptr_array_new ();
  g_autofree char *units = NULL;
  const char *k = NULL, *rk = NULL;
  GPtrArray *managers = NULL;
  PGresult *res;

  TRY (pg_batch (pg, q, n_q, error));
  g_ptr_array_add (S->sets[R_OPERATOR], (gpointer) op);
  take_column (pg, q[Q_CHAIN].res, S->sets[R_CHAIN]);
  if (q[Q_COMMITTEE].list->len > 0)
    {
      k = q[Q_COMMITTEE].list->pdata[0];
      g_ptr_array_add (S->sets[R_COMMITTEE], (gpointer) k);
    }
  /* the operator's security lead (unless the system has its own) and head */
  res = q[Q_PEOPLE].res;
  for (int i = 0; i < PQntuples (res); i++)
    hit (S, g_str_equal (PQgetvalue (res, i, 1), "heads") ? R_UNIT_HEAD : R_SECURITY_LEAD,
         pg_str (pg, PQgetvalue (res, i, 2)), op, ANCHOR_UNIT);
  take_column (pg, q[Q_REGULATORS].res, regs);
  g_ptr_array_extend (S->sets[R_REGULATOR], regs, NULL, NULL);
  res = q[Q_ORGANS].res;
  for (int i = 0; i < PQntuples (res); i++)
    {
      const char *rel = PQgetvalue (res, i, 0);
      guint role = g_str_equal (rel, "public_security") ? R_PUBLIC_SECURITY
                 : g_str_equal (rel, "state_security") ? R_STATE_SECURITY : R_AUDIT_OFFICE;
      g_ptr_array_add (S->sets[role], (gpointer) pg_str (pg, PQgetvalue (res, i, 1)));
    }
  take_column (pg, q[Q_COORDINATORS].res, coords);
  g_ptr_array_extend (S->sets[R_COORDINATOR], coords, NULL, NULL);
  if (!system_protected)
    {
      g_autoptr (GPtrArray) found = g_ptr_array_new ();
      take_column (pg, q[Q_PROTECTORS].res, found);
      g_ptr_array_extend (S->sets[R_PROTECTION], found->len > 0 ? found : regs, NULL, NULL);
    }
  for (guint i = 0; i < n_q; i++)
    g_clear_pointer (&q[i].res, PQclear);

  /* the committee's seats and managers; the heads of the regulators and
   * coordinators; without a regulator, the region's committee (Art. 4) */
  if (k != NULL)
    {
      q2[n2++] = (Req) { ST_SEATS, k, NULL, TRUE, NULL, NULL };
      q2[n2++] = (Req) { ST_MANAGERS, k, NULL, TRUE, NULL, NULL };
    }
  if (regs->len + coords->len > 0)
    {
      units = id_list (regs, coords);
      q2[n2++] = (Req) { ST_IN, units, "heads", FALSE, NULL, NULL };
    }
  if (regs->len == 0)
    q2[n2++] = (Req) { ST_REGION_COMMITTEE, op, NULL, FALSE, NULL, NULL };
  TRY (pg_batch (pg, q2, n2, error));
  for (guint i = 0; i < n2; i++)
    {
      if (q2[i].st == ST_SEATS)
        TRY (seat_hits (pg, S, k, R_FIRST, R_DIRECT, R_TEAM, error));
      else if (q2[i].st == ST_MANAGERS)
        managers = q2[i].list;
      else if (q2[i].st == ST_IN)
        for (int r = 0; r < PQntuples (q2[i].res); r++)
          {
            const char *unit = pg_str (pg, PQgetvalue (q2[i].res, r, 0));
            const char *head = pg_str (pg, PQgetvalue (q2[i].res, r, 2));
            if (contains (regs, unit))
              hit (S, R_REGULATOR_HEAD, head, unit, ANCHOR_UNIT);
            if (contains (coords, unit))
              hit (S, R_COORDINATOR_HEAD, head, unit, ANCHOR_UNIT);
          }
      else if (PQntuples (q2[i].res) > 0)
        rk = pg_str (pg, PQgetvalue (q2[i].res, 0, 0));
      g_clear_pointer (&q2[i].res, PQclear);
    }

  /* the committee's authority and their proposers; the regional
   * supervisors */
  for (guint i = 0; managers != NULL && i < managers->len && n3 < G_N_ELEMENTS (q3) - 1; i++)
    q3[n3++] = (Req) { ST_PROPOSERS, managers->pdata[i], NULL, TRUE, NULL, NULL };
  if (rk != NULL)
    q3[n3++] = (Req) { ST_SEATS, rk, NULL, TRUE, NULL, NULL };
  TRY (pg_batch (pg, q3, n3, error));
  for (guint i = 0; managers != NULL && i < managers->len; i++)
    {
      g_ptr_array_add (S->sets[R_AUTHORITY], managers->pdata[i]);
      TRY (proposers (pg, managers->pdata[i], NULL, S->sets[R_PROPOSER], error));
    }
  if (rk != NULL)
    TRY (seat_hits (pg, S, rk, R_REGIONAL_SUPERVISOR, R_REGIONAL_SUPERVISOR, G_MAXUINT, error));
  return TRUE;
}

/* Every role of SPEC §4.3 (but `involved`) of a system or unit at the
 * event's instant, with the anchors the liability rules need. */
static gboolean
resolve_subject (Pg *pg, const char *id, Subject *S, GError **error)
{
  g_autoptr (GPtrArray) leads = g_ptr_array_new ();
  g_autoptr (GPtrArray) protectors = g_ptr_array_new ();
  Req q[2] = {
    { ST_NODE, id, NULL, FALSE, NULL, NULL },
    /* what a system's operators, own security lead and protectors are (a
     * unit's answer is not used) */
    { ST_IN, id, "operates\x1fsecurity_lead\x1fprotects", FALSE, NULL, NULL },
  };
  PGresult *res;
  const char *type;
  gboolean ok = TRUE;

  TRY (pg_batch (pg, q, 2, error));
  res = q[0].res;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, PG_BASELINE_ERROR, PG_BASELINE_ERROR_FORMAT, "no node '%s'", id);
      ok = FALSE;
      goto out;
    }
  S->id = pg_str (pg, id);
  type = PQgetvalue (res, 0, 0);
  S->is_system = g_str_equal (type, "system");
  S->kind = PQgetisnull (res, 0, 1) ? "other" : pg_str (pg, PQgetvalue (res, 0, 1));
  S->cii = !PQgetisnull (res, 0, 2) && PQgetvalue (res, 0, 2)[0] == 't';
  if (!S->is_system && !g_str_equal (type, "unit"))
    {
      g_set_error (error, PG_BASELINE_ERROR, PG_BASELINE_ERROR_FORMAT, "'%s' is a %s, not a system or unit", id, type);
      ok = FALSE;
      goto out;
    }

  if (S->is_system)
    {
      res = q[1].res;
      for (int i = 0; i < PQntuples (res); i++)
        {
          const char *rel = PQgetvalue (res, i, 1);
          g_ptr_array_add (g_str_equal (rel, "operates") ? S->ops : g_str_equal (rel, "security_lead") ? leads : protectors,
                           (gpointer) pg_str (pg, PQgetvalue (res, i, 2)));
        }
      /* the system's own security lead stands for every operator's */
      for (guint i = 0; i < leads->len; i++)
        hit (S, R_SECURITY_LEAD, leads->pdata[i], NULL, ANCHOR_EACH_OPERATOR);
      g_ptr_array_extend (S->sets[R_PROTECTION], protectors, NULL, NULL);
    }
  else
    g_ptr_array_add (S->ops, (gpointer) S->id);
  g_clear_pointer (&q[0].res, PQclear);
  g_clear_pointer (&q[1].res, PQclear);

  for (guint i = 0; i < S->ops->len && ok; i++)
    ok = resolve_operator (pg, S, S->ops->pdata[i], leads->len > 0, protectors->len > 0, error);
  for (guint r = 0; r < N_R; r++)
    sort_unique (S->sets[r]);
out:
  g_clear_pointer (&q[0].res, PQclear);
  g_clear_pointer (&q[1].res, PQclear);
  return ok;
}

/* ==== circumstances and liability (the default rulebook) ==== */

typedef struct {
  const char *person;
  GPtrArray *authority;   /* sorted, unique */
  GPtrArray *proposer;
} Liable;

/* What the baseline says of one event. */
typedef struct {
  Subject *subjects;
  guint n_subjects;
  gboolean triggered;
  GArray *liable;         /* Liable, sorted by person */
} Answer;

static void
answer_clear (Answer *A)
{
  for (guint s = 0; s < A->n_subjects; s++)
    subject_clear (&A->subjects[s]);
  g_free (A->subjects);
  if (A->liable != NULL)
    {
      for (guint i = 0; i < A->liable->len; i++)
        {
          Liable *l = &g_array_index (A->liable, Liable, i);
          g_ptr_array_unref (l->authority);
          g_ptr_array_unref (l->proposer);
        }
      g_array_unref (A->liable);
    }
  memset (A, 0, sizeof *A);
}

static gboolean
in_strv (char **list, const char *id)
{
  for (; list != NULL && *list != NULL; list++)
    if (strcmp (*list, id) == 0)
      return TRUE;
  return FALSE;
}

static Truth
at_least (gboolean known, double value, double threshold)
{
  return !known ? U : value >= threshold ? T : F;
}

/* system.owner_level ∈ {national, provincial, prefectural} for subject S
 * with operator op (NULL: none) */
static gboolean
owner_level_high (Pg *pg, Subject *S, const char *op, Truth *out, GError **error)
{
  PGresult *res = pg_run (pg, ST_OWNER_LEVEL, op, S->id, error);
  const char *level;

  TRY (res != NULL);
  level = PQntuples (res) > 0 && !PQgetisnull (res, 0, 0) ? PQgetvalue (res, 0, 0) : NULL;
  *out = level == NULL ? U
       : g_str_equal (level, "national") || g_str_equal (level, "provincial") || g_str_equal (level, "prefectural")
         ? T : F;
  PQclear (res);
  return TRUE;
}

/* SPEC §4.4: the event-wide circumstances, then the system-scoped ones for
 * each subject system (any operator). liable[s] says whether subject s is
 * traced. */
static gboolean
circumstances (Pg *pg, const PgEvent *e, Answer *A, gboolean *liable, GError **error)
{
  const Truth *f = e->facts;
  Truth event_wide;

  event_wide = t_or (t_or (f[FACT_LEAK_SECRETS], f[FACT_LEAK_MASS]),
                     t_or (at_least (e->records_known, e->leak_records, 1000000), f[FACT_LEAK_BASIC]));   /* art8.3 */
  event_wide = t_or (event_wide, t_or (t_or (f[FACT_CONCEALED], f[FACT_REFUSED]),
                                       t_and (f[FACT_NOTIFIED_UNRECTIFIED], f[FACT_SERIOUS])));           /* art8.5 */
  event_wide = t_or (event_wide, f[FACT_OBSTRUCTED]);                                                     /* art8.6 */
  event_wide = t_or (event_wide, f[FACT_OTHER_SERIOUS]);                                                  /* art8.7 */
  A->triggered = event_wide == T;
  for (guint s = 0; s < A->n_subjects; s++)
    liable[s] = event_wide == T;

  for (guint s = 0; s < A->n_subjects; s++)
    {
      Subject *S = &A->subjects[s];
      const char *kind = S->kind;
      Truth c1, c2, c4, news;

      if (!S->is_system)
        continue;
      /* art8.1 */
      c1 = t_and (t_and (g_str_equal (kind, "party_gov_portal") || g_str_equal (kind, "key_news_site") ||
                         g_str_equal (kind, "large_platform") ? T : F,
                         t_and (f[FACT_TAMPERED], f[FACT_HARMFUL_SPREAD])),
                  t_not (t_and (f[FACT_REPORTED], f[FACT_HANDLED])));
      /* art8.4 */
      c4 = t_and (t_and (S->cii ? T : F, t_and (f[FACT_ATTACKED], t_not (f[FACT_HANDLED]))),
                  t_or (f[FACT_PUBLIC_LIFE], t_or (f[FACT_ECONOMIC_LOSS], f[FACT_SOCIAL_IMPACT])));
      /* art8.2: the owner's level only matters for a portal or a news site */
      news = g_str_equal (kind, "party_gov_portal") || g_str_equal (kind, "key_news_site") ? T : F;
      c2 = F;
      if (news == T)
        {
          Truth rest = t_and (t_and (f[FACT_ATTACKED], t_not (f[FACT_HANDLED])),
                              at_least (e->outage_known, e->outage_hours, 6));
          for (guint o = 0; o < MAX (S->ops->len, 1) && c2 != T && rest != F; o++)
            {
              Truth level;
              TRY (owner_level_high (pg, S, S->ops->len > 0 ? S->ops->pdata[o] : NULL, &level, error));
              c2 = t_or (c2, t_and (level, rest));
            }
        }
      if (c1 == T || c2 == T || c4 == T)
        {
          liable[s] = TRUE;
          A->triggered = TRUE;
        }
    }
  return TRUE;
}

typedef struct {
  const char *anchor;
  AnchorKind kind;
} Anchor;

/* person → GArray of Anchor */
static void
add_liable (GHashTable *liable, const char *person, const char *anchor, AnchorKind kind, GPtrArray *ops)
{
  GArray *anchors = g_hash_table_lookup (liable, person);

  if (anchors == NULL)
    {
      anchors = g_array_new (FALSE, FALSE, sizeof (Anchor));
      g_hash_table_insert (liable, (gpointer) person, anchors);
    }
  if (kind == ANCHOR_EACH_OPERATOR)
    for (guint o = 0; o < ops->len; o++)
      {
        Anchor a = { ops->pdata[o], ANCHOR_UNIT };
        g_array_append_val (anchors, a);
      }
  else if (kind != ANCHOR_NONE)
    {
      Anchor a = { anchor, kind };
      g_array_append_val (anchors, a);
    }
}

typedef enum { NOT_PARTICIPANT, PARTICIPANT, DISSENTED_ONLY } Participation;

static Participation
participation (const PgEvent *e, const char *committee, const char *p)
{
  Participation x = NOT_PARTICIPANT;

  for (guint d = 0; d < e->n_decisions; d++)
    {
      if (g_strcmp0 (e->decisions[d].committee, committee) != 0 || !in_strv (e->decisions[d].participants, p))
        continue;
      if (!in_strv (e->decisions[d].dissent, p))
        return PARTICIPANT;
      x = DISSENTED_ONLY;
    }
  return x;
}

/* SPEC §4.3 authority for person p reached from anchor */
static gboolean
authority_of (Pg *pg, const char *p, const Anchor *a, GPtrArray *out, GError **error)
{
  const char *k = a->anchor;
  GPtrArray *managers;

  if (a->kind == ANCHOR_UNIT)
    {
      GPtrArray *ks = pg_memo (pg, ST_COMMITTEE, a->anchor, NULL, error);
      GPtrArray *seats;
      gboolean seated = FALSE;

      TRY (ks != NULL);
      if (ks->len == 0)
        return TRUE;
      k = ks->pdata[0];
      /* someone seated on the unit's committee answers to those who
       * manage it; anyone else in the unit to the committee itself */
      seats = pg_memo (pg, ST_SEATS, k, NULL, error);
      TRY (seats != NULL);
      for (guint i = 0; i + 1 < seats->len && !seated; i += 2)
        seated = strcmp (seats->pdata[i], p) == 0;
      if (!seated)
        {
          g_ptr_array_add (out, (gpointer) k);
          return TRUE;
        }
    }
  managers = pg_memo (pg, ST_MANAGERS, k, NULL, error);
  TRY (managers != NULL);
  g_ptr_array_extend (out, managers, NULL, NULL);
  return TRUE;
}

static int
cmp_liable (gconstpointer a, gconstpointer b)
{
  return strcmp (((const Liable *) a)->person, ((const Liable *) b)->person);
}

/* appends a request for an answer kept for the event (once per key) */
static void
queue (GArray *q, guint st, const char *a1)
{
  Req r = { st, a1, NULL, TRUE, NULL, NULL };

  for (guint i = 0; i < q->len; i++)
    if (g_array_index (q, Req, i).st == st && strcmp (g_array_index (q, Req, i).a1, a1) == 0)
      return;
  g_array_append_val (q, r);
}

/* What authority_of() and proposers() will ask for the liable, asked
 * beforehand in as few round trips as the dependencies allow: the units'
 * committees; their seats and the managers of the committees reached
 * through a seat; the managers of a unit's committee for those seated on
 * it; then the proposers of every authority. */
static gboolean
prefetch_authority (Pg *pg, GHashTable *liable, GError **error)
{
  g_autoptr (GArray) q = g_array_new (FALSE, FALSE, sizeof (Req));
  g_autoptr (GPtrArray) authorities = g_ptr_array_new ();
  GHashTableIter it;
  gpointer key, value;

  for (guint stage = 0; stage < 4; stage++)
    {
      g_array_set_size (q, 0);
      g_ptr_array_set_size (authorities, 0);
      g_hash_table_iter_init (&it, liable);
      while (g_hash_table_iter_next (&it, &key, &value))
        {
          GArray *anchors = value;

          for (guint i = 0; i < anchors->len; i++)
            {
              const Anchor *a = &g_array_index (anchors, Anchor, i);
              GPtrArray *ks, *seats;
              gboolean seated = FALSE;
              const char *k;

              if (a->kind == ANCHOR_COMMITTEE)
                {
                  if (stage == 1)
                    queue (q, ST_MANAGERS, a->anchor);
                  continue;
                }
              if (stage == 0)
                {
                  queue (q, ST_COMMITTEE, a->anchor);
                  continue;
                }
              ks = pg_memo (pg, ST_COMMITTEE, a->anchor, NULL, error);
              TRY (ks != NULL);
              if (ks->len == 0)
                continue;
              k = ks->pdata[0];
              if (stage == 1)
                {
                  queue (q, ST_SEATS, k);
                  continue;
                }
              seats = pg_memo (pg, ST_SEATS, k, NULL, error);
              TRY (seats != NULL);
              for (guint j = 0; j + 1 < seats->len && !seated; j += 2)
                seated = strcmp (seats->pdata[j], key) == 0;
              if (seated && stage == 2)
                queue (q, ST_MANAGERS, k);
            }
          if (stage == 3)
            {
              for (guint i = 0; i < anchors->len; i++)
                TRY (authority_of (pg, key, &g_array_index (anchors, Anchor, i), authorities, error));
              for (guint i = 0; i < authorities->len; i++)
                queue (q, ST_PROPOSERS, authorities->pdata[i]);
              g_ptr_array_set_size (authorities, 0);
            }
        }
      TRY (pg_batch (pg, (Req *) (gpointer) q->data, q->len, error));
    }
  return TRUE;
}

/* SPEC §4.5 under the default rulebook, for a triggered event */
static gboolean
liability (Pg *pg, const PgEvent *e, Answer *A, const gboolean *subject_liable, gboolean in_force, GError **error)
{
  g_autoptr (GHashTable) liable = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  GHashTableIter it;
  gpointer key, value;

  A->liable = g_array_new (FALSE, FALSE, sizeof (Liable));
  if (!A->triggered || !in_force)
    return TRUE;

  for (guint s = 0; s < A->n_subjects; s++)
    {
      Subject *S = &A->subjects[s];

      if (!subject_liable[s])
        continue;
      /* involved → direct, answering through each operator */
      for (char **p = e->involved; p != NULL && *p != NULL; p++)
        add_liable (liable, pg_str (pg, *p), NULL, ANCHOR_EACH_OPERATOR, S->ops);
      for (guint i = 0; i < S->hits->len; i++)
        {
          const Hit *h = &g_array_index (S->hits, Hit, i);

          switch (h->role)
            {
            case R_SECURITY_LEAD:
            case R_UNIT_HEAD:
            case R_FIRST:
            case R_DIRECT:
              break;
            case R_TEAM:
              /* only as a participant in a decision of its committee */
              if (participation (e, h->anchor, h->person) != PARTICIPANT)
                continue;
              break;
            case R_REGULATOR_HEAD:
            case R_REGIONAL_SUPERVISOR:
              if (e->facts[FACT_SUPERVISION_FAILED] != T)
                continue;
              break;
            case R_COORDINATOR_HEAD:
              if (e->facts[FACT_COORDINATION_FAILED] != T)
                continue;
              break;
            default:
              continue;
            }
          add_liable (liable, h->person, h->anchor, h->kind, S->ops);
        }
    }

  /* collective responsibility: each decision's committee's main leader
   * and cyber lead, and its members who took part; none of them through a
   * decision they dissented from */
  {
    g_autoptr (GArray) q = g_array_new (FALSE, FALSE, sizeof (Req));

    for (guint d = 0; d < e->n_decisions; d++)
      queue (q, ST_SEATS, pg_str (pg, e->decisions[d].committee));
    TRY (pg_batch (pg, (Req *) (gpointer) q->data, q->len, error));
  }
  for (guint d = 0; d < e->n_decisions; d++)
    {
      const PgDecision *dec = &e->decisions[d];
      const char *k = pg_str (pg, dec->committee);
      GPtrArray *seats = pg_memo (pg, ST_SEATS, k, NULL, error);

      TRY (seats != NULL);
      for (guint i = 0; i + 1 < seats->len; i += 2)
        {
          const char *p = seats->pdata[i], *seat = seats->pdata[i + 1];

          if (g_str_equal (seat, "member") && !in_strv (dec->participants, p))
            continue;
          if (in_strv (dec->dissent, p))
            continue;
          add_liable (liable, p, k, ANCHOR_COMMITTEE, NULL);
        }
    }

  /* accountability Art. 17: the exempted are out */
  for (char **p = e->exempted; p != NULL && *p != NULL; p++)
    g_hash_table_remove (liable, *p);

  TRY (prefetch_authority (pg, liable, error));
  g_hash_table_iter_init (&it, liable);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      GArray *anchors = value;
      Liable l = { key, g_ptr_array_new (), g_ptr_array_new () };

      for (guint i = 0; i < anchors->len; i++)
        TRY (authority_of (pg, key, &g_array_index (anchors, Anchor, i), l.authority, error));
      sort_unique (l.authority);
      for (guint i = 0; i < l.authority->len; i++)
        if (!proposers (pg, l.authority->pdata[i], key, l.proposer, error))
          {
            g_ptr_array_unref (l.authority);
            g_ptr_array_unref (l.proposer);
            return FALSE;
          }
      sort_unique (l.proposer);
      g_array_append_val (A->liable, l);
    }
  g_array_sort (A->liable, cmp_liable);
  return TRUE;
}

/* The whole of one event: every subject's roles, the circumstances, the
 * liable with their authority and proposer. */
static gboolean
pg_assess (Pg *pg, const PgEvent *e, gint64 in_force_from, Answer *A, GError **error)
{
  g_autofree gboolean *subject_liable = NULL;
  gboolean ok = TRUE;

  memset (A, 0, sizeof *A);
  pg_begin_event (pg, e->at);
  A->n_subjects = g_strv_length (e->subjects);
  A->subjects = g_new (Subject, A->n_subjects);
  for (guint s = 0; s < A->n_subjects; s++)
    subject_init (&A->subjects[s]);
  subject_liable = g_new0 (gboolean, MAX (A->n_subjects, 1));
  for (guint s = 0; s < A->n_subjects && ok; s++)
    ok = resolve_subject (pg, e->subjects[s], &A->subjects[s], error);
  /* the circumstances and rules are in force from 2017-08-15 */
  ok = ok && circumstances (pg, e, A, subject_liable, error);
  if (e->at < in_force_from)
    A->triggered = FALSE;
  ok = ok && liability (pg, e, A, subject_liable, e->at >= in_force_from, error);
  if (!ok)
    answer_clear (A);
  return ok;
}

/* ==== agreement with libresp ==== */

static char *
join_ptrs (GPtrArray *a)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; a != NULL && i < a->len; i++)
    g_string_append_printf (s, "%s%s", i ? "," : "", (const char *) a->pdata[i]);
  return g_string_free (s, FALSE);
}

/* a libresp list (NULL-terminated, may be NULL) sorted into a GPtrArray
 * that borrows its strings */
static GPtrArray *
sorted_view (char **list)
{
  GPtrArray *a = g_ptr_array_new ();

  for (char **p = list; p != NULL && *p != NULL; p++)
    g_ptr_array_add (a, *p);
  sort_unique (a);
  return a;
}

static gboolean
same (GPtrArray *a, GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (strcmp (a->pdata[i], b->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

static guint n_printed;

static void
report (const char *event, const char *what, GPtrArray *lib, GPtrArray *pg)
{
  g_autofree char *a = join_ptrs (lib), *b = join_ptrs (pg);

  if (n_printed++ < 50)
    g_printerr ("MISMATCH %s %s: libresp [%s] postgresql [%s]\n", event, what, a, b);
}

/* Compares every role of every subject and the liable set, with each
 * liable person's authority and proposer; returns the mismatches. */
static guint
compare (RespModel *model, RespVerdict *v, const PgEvent *e, Answer *A, PgBaselineFigures *out)
{
  guint bad = 0;

  for (guint s = 0; s < A->n_subjects; s++)
    {
      Subject *S = &A->subjects[s];
      g_autoptr (GError) error = NULL;
      g_autoptr (RespRoles) roles = resp_model_resolve_roles (model, S->id, e->at, &error);

      out->n_subjects++;
      if (roles == NULL)
        {
          g_printerr ("MISMATCH %s %s: libresp: %s\n", e->id, S->id, error->message);
          bad++;
          continue;
        }
      for (guint r = 0; r < N_R; r++)
        {
          RespRole role;
          g_auto (GStrv) holders = NULL;
          g_autoptr (GPtrArray) lib = NULL;

          if (!resp_role_from_string (role_names[r], &role))
            g_error ("libresp does not know the role '%s'", role_names[r]);
          holders = resp_roles_dup_holders (roles, role);
          lib = sorted_view (holders);
          out->n_role_sets++;
          if (!same (lib, S->sets[r]))
            {
              g_autofree char *what = g_strdup_printf ("subject %s role %s", S->id, role_names[r]);
              report (e->id, what, lib, S->sets[r]);
              bad++;
            }
        }
    }

  if ((resp_verdict_get_status (v) == RESP_VERDICT_TRIGGERED) != A->triggered)
    {
      if (n_printed++ < 50)
        g_printerr ("MISMATCH %s triggered: libresp %d postgresql %d\n", e->id,
                    resp_verdict_get_status (v) == RESP_VERDICT_TRIGGERED, A->triggered);
      bad++;
    }
  {
    g_autoptr (GPtrArray) lib = g_ptr_array_new ();
    g_autoptr (GPtrArray) mine = g_ptr_array_new ();
    guint n = resp_verdict_get_n_liable (v);

    for (guint i = 0; i < n; i++)
      g_ptr_array_add (lib, (gpointer) resp_verdict_get_liable_person (v, i));
    sort_unique (lib);
    for (guint i = 0; i < A->liable->len; i++)
      g_ptr_array_add (mine, (gpointer) g_array_index (A->liable, Liable, i).person);
    if (!same (lib, mine))
      {
        report (e->id, "liable", lib, mine);
        return bad + 1;
      }
    for (guint i = 0; i < n; i++)
      {
        const char *p = resp_verdict_get_liable_person (v, i);
        g_auto (GStrv) auth = resp_verdict_dup_liable_authority (v, i);
        g_auto (GStrv) prop = resp_verdict_dup_liable_proposer (v, i);
        g_autoptr (GPtrArray) la = sorted_view (auth), lp = sorted_view (prop);
        const Liable *l = NULL;

        for (guint k = 0; k < A->liable->len && l == NULL; k++)
          if (g_str_equal (g_array_index (A->liable, Liable, k).person, p))
            l = &g_array_index (A->liable, Liable, k);
        out->n_liable++;
        if (!same (la, l->authority))
          {
            g_autofree char *what = g_strdup_printf ("authority of %s", p);
            report (e->id, what, la, l->authority);
            bad++;
          }
        if (!same (lp, l->proposer))
          {
            g_autofree char *what = g_strdup_printf ("proposer of %s", p);
            report (e->id, what, lp, l->proposer);
            bad++;
          }
      }
  }
  return bad;
}

/* ==== the measurement ==== */

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static double
load_avg (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return -1;
  return g_ascii_strtod (text, NULL);
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* CPU time of this thread, ns */
static gint64
thread_cpu_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* CPU time of a server backend, ns (/proc/PID/schedstat: time on a CPU);
 * -1 where it cannot be read */
static gint64
backend_cpu_ns (PGconn *conn)
{
  char path[64], buf[128];
  gint64 ns = -1;
  FILE *f;

  g_snprintf (path, sizeof path, "/proc/%d/schedstat", PQbackendPID (conn));
  f = fopen (path, "r");
  if (f == NULL)
    return -1;
  if (fgets (buf, sizeof buf, f) != NULL)
    ns = g_ascii_strtoll (buf, NULL, 10);
  fclose (f);
  return ns;
}

/* The events of a JSON Lines file, in order (blank lines skipped). */
static GArray *
read_events (const char *path, guint n, gint64 timeline_from, GError **error)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  GArray *events = g_array_new (FALSE, TRUE, sizeof (PgEvent));

  g_array_set_clear_func (events, (GDestroyNotify) event_clear);
  if (!g_file_get_contents (path, &text, NULL, error))
    goto fail;
  lines = g_strsplit (text, "\n", -1);
  g_clear_pointer (&text, g_free);
  for (guint i = 0; lines[i] != NULL && (n == 0 || events->len < n); i++)
    {
      PgEvent e;

      if (g_strstrip (lines[i])[0] == '\0')
        continue;
      if (lines[i][0] == '[')
        {
          g_set_error (error, PG_BASELINE_ERROR, PG_BASELINE_ERROR_FORMAT,
                       "%s: the PostgreSQL baseline reads JSON Lines (one event a line), not an array", path);
          goto fail;
        }
      if (!event_parse (lines[i], &e, timeline_from, error))
        {
          g_prefix_error (error, "%s:%u: ", path, i + 1);
          event_clear (&e);
          goto fail;
        }
      g_array_append_val (events, e);
    }
  return events;

fail:
  g_array_unref (events);
  return NULL;
}

typedef struct {
  PgCluster *cluster;
  Pg *pg[2];              /* plan_cache_mode auto, force_generic_plan */
  RespModel *model;
  RespRulebook *rb;
  RespEventBatch *batch;
  RespAssessor *assessor;
  GArray *events;
} Run;

static void
run_clear (Run *r)
{
  pg_close (r->pg[0]);
  pg_close (r->pg[1]);
  cluster_stop (r->cluster);
  g_clear_pointer (&r->assessor, resp_assessor_unref);
  g_clear_pointer (&r->batch, resp_event_batch_unref);
  g_clear_pointer (&r->rb, resp_rulebook_unref);
  g_clear_pointer (&r->model, resp_model_unref);
  g_clear_pointer (&r->events, g_array_unref);
}

gboolean
pg_baseline_measure (const char *model_path, const char *events_path, guint n_events, guint block_size,
                     PgBaselineFigures *out, GError **error)
{
  Run r = { 0 };
  gint64 in_force_from = 0, timeline_from = 0, t0;
  gint64 spent[3] = { 0, 0, 0 }, cpu[3] = { 0, 0, 0 };
  GArray *blocks[3] = { NULL, NULL, NULL };
  gboolean backend_cpu = TRUE;
  guint64 exec_before, trips_before;
  guint n, bad = 0;
  gboolean ok = FALSE;

  memset (out, 0, sizeof *out);
  if (block_size == 0)
    block_size = 100;
  resp_instant_parse ("2017-08-15", &in_force_from, NULL);
  resp_instant_parse ("2025-11-01", &timeline_from, NULL);
  n_printed = 0;

  /* libresp */
  r.model = resp_model_new_from_file (model_path, NULL, error);
  if (r.model == NULL)
    goto out;
  r.rb = resp_rulebook_new_default ();
  r.batch = resp_event_batch_new_from_file (r.model, r.rb, events_path, NULL, error);
  if (r.batch == NULL)
    goto out;
  r.assessor = resp_assessor_new (r.model, r.rb);
  r.events = read_events (events_path, n_events, timeline_from, error);
  if (r.events == NULL)
    goto out;
  n = r.events->len;
  if (n > resp_event_batch_get_n_events (r.batch))
    n = resp_event_batch_get_n_events (r.batch);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (g_array_index (r.events, PgEvent, i).id, resp_event_get_id (resp_event_batch_get_event (r.batch, i))) != 0)
      {
        g_set_error (error, PG_BASELINE_ERROR, PG_BASELINE_ERROR_FORMAT,
                     "%s: event %u is '%s' to libresp and '%s' to the baseline", events_path, i + 1,
                     resp_event_get_id (resp_event_batch_get_event (r.batch, i)),
                     g_array_index (r.events, PgEvent, i).id);
        goto out;
      }

  /* PostgreSQL */
  t0 = now_ns ();
  r.cluster = cluster_start (error);
  if (r.cluster == NULL)
    goto out;
  {
    guint n_nodes = 0;

    r.pg[0] = pg_connect (r.cluster->conninfo, 0, FALSE, error);
    if (r.pg[0] == NULL || !load_model (r.pg[0], model_path, &n_nodes, error))
      goto out;
    /* the statements are prepared once the tables are there, with the
     * node count as the walks' bound */
    pg_close (r.pg[0]);
    r.pg[0] = pg_connect (r.cluster->conninfo, n_nodes, FALSE, error);
    if (r.pg[0] == NULL)
      goto out;
    r.pg[1] = pg_connect (r.cluster->conninfo, n_nodes, TRUE, error);
    if (r.pg[1] == NULL)
      goto out;
  }
  out->pg_load_s = (double) (now_ns () - t0) / 1e9;
  g_strlcpy (out->pg_version, PQparameterStatus (r.pg[0]->conn, "server_version"), sizeof out->pg_version);

  /* agreement, on every event */
  for (guint i = 0; i < n; i++)
    {
      const PgEvent *e = &g_array_index (r.events, PgEvent, i);
      g_autoptr (RespVerdict) v = resp_assessor_assess (r.assessor, resp_event_batch_get_event (r.batch, i));
      Answer A;

      if (!pg_assess (r.pg[0], e, in_force_from, &A, error))
        {
          g_prefix_error (error, "event %s: ", e->id);
          goto out;
        }
      out->n_triggered += resp_verdict_get_status (v) == RESP_VERDICT_TRIGGERED;
      if (e->outside)
        out->n_outside++;
      else
        bad += compare (r.model, v, e, &A, out);
      answer_clear (&A);
    }
  out->n_events = n;
  out->n_mismatches = bad;
  if (bad > 0)
    {
      g_set_error (error, PG_BASELINE_ERROR, PG_BASELINE_ERROR_MISMATCH,
                   "PostgreSQL and libresp disagree %u times over %u events (the first are above)", bad, n);
      goto out;
    }

  /* timing: blocks of events, each run three ways, the order turning */
  exec_before = r.pg[0]->n_exec;
  trips_before = r.pg[0]->n_trips;
  for (guint w = 0; w < 3; w++)
    blocks[w] = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint b = 0; b * block_size < n; b++)
    {
      guint from = b * block_size, to = MIN (n, from + block_size);

      for (guint k = 0; k < 3; k++)
        {
          guint way = (b + k) % 3;
          gint64 server0 = way < 2 ? backend_cpu_ns (r.pg[way]->conn) : 0;
          gint64 cpu0 = thread_cpu_ns ();
          gint64 start = now_ns (), server1;

          for (guint i = from; i < to; i++)
            {
              if (way < 2)
                {
                  Answer A;
                  if (!pg_assess (r.pg[way], &g_array_index (r.events, PgEvent, i), in_force_from, &A, error))
                    goto out;
                  answer_clear (&A);
                }
              else
                resp_verdict_unref (resp_assessor_assess (r.assessor, resp_event_batch_get_event (r.batch, i)));
            }
          spent[way] += now_ns () - start;
          {
            double t = (double) (now_ns () - start);
            g_array_append_val (blocks[way], t);
          }
          cpu[way] += thread_cpu_ns () - cpu0;
          server1 = way < 2 ? backend_cpu_ns (r.pg[way]->conn) : 0;
          backend_cpu &= server0 >= 0 && server1 >= 0;
          cpu[way] += server1 - server0;
        }
    }
  out->load_avg = load_avg ();
  if (g_getenv ("RESP_PG_PROFILE") != NULL)
    for (guint w = 0; w < 2; w++)
      for (guint st = 0; st < ST_COUNT; st++)
        if (r.pg[w]->st_exec[st] > 0)
          g_printerr ("profile %s s%-2u %9" G_GUINT64_FORMAT " runs %8.1f us each: %.60s\n",
                      w == 0 ? "auto   " : "generic", st, r.pg[w]->st_exec[st],
                      (double) r.pg[w]->st_ns[st] / 1e3 / r.pg[w]->st_exec[st], statement_sql[st]);
  out->pg_statements_per_event = n > 0 ? (double) (r.pg[0]->n_exec - exec_before) / n : 0;
  out->pg_round_trips_per_event = n > 0 ? (double) (r.pg[0]->n_trips - trips_before) / n : 0;
  out->pg_auto_ms_per_event = (double) spent[0] / 1e6 / MAX (n, 1);
  out->pg_generic_ms_per_event = (double) spent[1] / 1e6 / MAX (n, 1);
  out->resp_us_per_event = (double) spent[2] / 1e3 / MAX (n, 1);
  if (spent[1] < spent[0])
    {
      out->pg_ms_per_event = out->pg_generic_ms_per_event;
      out->pg_plan = "force_generic_plan";
    }
  else
    {
      out->pg_ms_per_event = out->pg_auto_ms_per_event;
      out->pg_plan = "auto";
    }
  out->pg_ratio = out->resp_us_per_event > 0 ? out->pg_ms_per_event * 1000 / out->resp_us_per_event : 0;
  /* the median over blocks of PostgreSQL's time over libresp's on the
   * same block: what a burst of other load does to a few blocks moves it
   * little */
  {
    guint w = spent[1] < spent[0] ? 1 : 0;
    g_autoptr (GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint i = 0; i < blocks[2]->len; i++)
      if (g_array_index (blocks[2], double, i) > 0)
        {
          double x = g_array_index (blocks[w], double, i) / g_array_index (blocks[2], double, i);
          g_array_append_val (ratios, x);
        }
    g_array_sort (ratios, cmp_double);
    if (ratios->len > 0)
      out->pg_ratio_block_median = ratios->len % 2 == 1
        ? g_array_index (ratios, double, ratios->len / 2)
        : (g_array_index (ratios, double, ratios->len / 2 - 1) + g_array_index (ratios, double, ratios->len / 2)) / 2;
  }
  if (backend_cpu)
    {
      guint w = spent[1] < spent[0] ? 1 : 0;

      out->pg_cpu_ms_per_event = (double) cpu[w] / 1e6 / MAX (n, 1);
      out->resp_cpu_us_per_event = (double) cpu[2] / 1e3 / MAX (n, 1);
      out->pg_cpu_ratio = cpu[2] > 0 ? (double) cpu[w] / (double) cpu[2] : 0;
    }
  ok = TRUE;

out:
  for (guint w = 0; w < 3; w++)
    if (blocks[w] != NULL)
      g_array_unref (blocks[w]);
  run_clear (&r);
  return ok;
}
