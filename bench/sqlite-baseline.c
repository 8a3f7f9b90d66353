/* sqlite-baseline.c: what resp_assess() computes, written as SQL, for comparison
 *
 * The model goes into two tables, nodes and relations, with instants as
 * integers (microseconds; an open end is INT64 min or max, so "live at t"
 * is always `since <= t AND t < until`, no NULL cases). Two covering
 * indexes serve every lookup: (src, rel, since, until, dst) for walking a
 * relation forwards and (dst, rel, since, until, src, role) for walking it
 * backwards. Statements are prepared once and reused for every query.
 *
 * Two ways of asking for the roles (SqliteBaselineMode): the literal one,
 * each role one statement that walks the chain and the regions again and
 * places every live regulator of a sector to find the nearest; and the
 * derived one a DBA would write, the chain and the region walk once per
 * operator and the regulators from a (sector, region) table built at load
 * (regulator_place). The circumstances, the liability rules, authority
 * and proposer are the same C over either.
 *
 * The JSON is parsed by SQLite itself (json_tree), which reads the file
 * once and needs no DOM of the whole document in C: json-glib takes 6 GB
 * and 40 s just to parse L.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sqlite-baseline.h"

#include <sqlite3.h>
#include <string.h>

const char *const sqlite_baseline_role_names[SQLITE_BASELINE_N_ROLES] = {
  "operator", "chain", "committee", "first_responsible", "direct_responsible", "team_member",
  "security_lead", "unit_head", "regulator", "regulator_head", "regional_supervisor",
  "coordinator", "coordinator_head",
};

G_DEFINE_QUARK (sqlite-baseline-error-quark, sqlite_baseline_error)

/* ---- the statements ---- */

/* `live(x)`: relation x holds at ?2 (every statement binds the node as ?1,
 * the instant as ?2, the depth bound, the node count, as ?3, and a second
 * name, a relation or a sector, as ?4). */
#define LIVE(x) x ".since <= ?2 AND ?2 < " x ".until"

/* The operator's chain: itself, then its superiors through `under`,
 * nearest first. The depth bound keeps the walk finite whatever the data. */
#define CTE_CHAIN \
  "chain (unit, depth) AS (" \
  "  SELECT ?1, 0" \
  "  UNION ALL" \
  "  SELECT u.dst, c.depth + 1 FROM chain AS c" \
  "  JOIN relations AS u ON u.src = c.unit AND u.rel = 'under'" \
  "  WHERE " LIVE ("u") " AND c.depth < ?3)"

/* The unit's region: its own located_in, else its nearest superior's. */
#define CTE_HOME \
  "home (region) AS (" \
  "  SELECT l.dst FROM chain AS c" \
  "  JOIN relations AS l ON l.src = c.unit AND l.rel = 'located_in'" \
  "  WHERE " LIVE ("l") " ORDER BY c.depth LIMIT 1)"

/* That region and the regions above it, nearest first. */
#define CTE_UP \
  "up (region, depth) AS (" \
  "  SELECT region, 0 FROM home" \
  "  UNION ALL" \
  "  SELECT w.dst, up.depth + 1 FROM up" \
  "  JOIN relations AS w ON w.src = up.region AND w.rel = 'within'" \
  "  WHERE " LIVE ("w") " AND up.depth < ?3)"

enum {
  ST_NODE,
  ST_IN,
  ST_OUT,
  ST_LINKED,
  ST_CHAIN,
  ST_HOME,
  ST_UP,
  ST_SEATS,
  /* the literal statements: each walks the chain and the regions again */
  ST_COMMITTEE,
  ST_REGULATORS,
  ST_REGION_COMMITTEE,
  ST_REGION_LEADER,
  ST_COORDINATORS,
  /* the derived table */
  ST_REGULATOR_PLACE,
  ST_COUNT,
};

static const char *const statement_sql[ST_COUNT] = {
  [ST_NODE] = "SELECT type, kind, cii, level FROM nodes WHERE id = ?1",

  /* who has relation ?4 to node ?1, and what node ?1 has relation ?4 to */
  [ST_IN] =
    "SELECT r.src FROM relations AS r WHERE r.dst = ?1 AND r.rel = ?4 AND " LIVE ("r"),
  [ST_OUT] =
    "SELECT r.dst FROM relations AS r WHERE r.src = ?1 AND r.rel = ?4 AND " LIVE ("r"),
  /* whether ?1 has relation ?4 to ?5 */
  [ST_LINKED] =
    "SELECT 1 FROM relations AS r WHERE r.src = ?1 AND r.rel = ?4 AND r.dst = ?5 AND " LIVE ("r") " LIMIT 1",

  [ST_CHAIN] =
    "WITH RECURSIVE " CTE_CHAIN
    " SELECT unit FROM chain ORDER BY depth",

  [ST_HOME] =
    "WITH RECURSIVE " CTE_CHAIN ", " CTE_HOME
    " SELECT region FROM home",

  /* region ?1 and those above it, nearest first */
  [ST_UP] =
    "WITH RECURSIVE up (region, depth) AS ("
    "  SELECT ?1, 0"
    "  UNION ALL"
    "  SELECT w.dst, up.depth + 1 FROM up"
    "  JOIN relations AS w ON w.src = up.region AND w.rel = 'within'"
    "  WHERE " LIVE ("w") " AND up.depth < ?3)"
    " SELECT region FROM up ORDER BY depth",

  [ST_SEATS] =
    "SELECT m.src, m.role FROM relations AS m WHERE m.dst = ?1 AND m.rel = 'member' AND " LIVE ("m"),

  /* the nearest committee leading a unit of the chain; else the one
   * leading the operator's region or the nearest region above it */
  [ST_COMMITTEE] =
    "WITH RECURSIVE " CTE_CHAIN ", " CTE_HOME ", " CTE_UP
    " SELECT committee FROM ("
    "   SELECT k.src AS committee, c.depth AS rank FROM chain AS c"
    "   JOIN relations AS k ON k.dst = c.unit AND k.rel = 'leads' WHERE " LIVE ("k")
    "   UNION ALL"
    "   SELECT k.src, ?3 + 1 + up.depth FROM up"
    "   JOIN relations AS k ON k.dst = up.region AND k.rel = 'leads' WHERE " LIVE ("k")
    " ) ORDER BY rank LIMIT 1",

  /* Art. 4: for each sector of the system (?4; if it has none, of the
   * operator ?1), the units regulating it whose region is the nearest to
   * the operator's, going up `within`. A regulator's region is its
   * located_in, else its nearest superior's. */
  [ST_REGULATORS] =
    "WITH RECURSIVE " CTE_CHAIN ", " CTE_HOME ", " CTE_UP ","
    " own (sector) AS ("
    "   SELECT x.dst FROM relations AS x WHERE x.src = ?4 AND x.rel = 'in_sector' AND " LIVE ("x") "),"
    " sectors (sector) AS ("
    "   SELECT sector FROM own"
    "   UNION"
    "   SELECT x.dst FROM relations AS x WHERE x.src = ?1 AND x.rel = 'in_sector' AND " LIVE ("x")
    "     AND NOT EXISTS (SELECT 1 FROM own)),"
    " walk (sector, unit, cur, region, depth) AS ("
    "   SELECT s.sector, g.src, g.src,"
    "     (SELECT l.dst FROM relations AS l"
    "      WHERE l.src = g.src AND l.rel = 'located_in' AND " LIVE ("l") "), 0"
    "   FROM sectors AS s"
    "   JOIN relations AS g ON g.dst = s.sector AND g.rel = 'regulates' WHERE " LIVE ("g")
    "   UNION ALL"
    "   SELECT w.sector, w.unit, u.dst,"
    "     (SELECT l.dst FROM relations AS l"
    "      WHERE l.src = u.dst AND l.rel = 'located_in' AND " LIVE ("l") "), w.depth + 1"
    "   FROM walk AS w JOIN relations AS u ON u.src = w.cur AND u.rel = 'under'"
    "   WHERE w.region IS NULL AND " LIVE ("u") " AND w.depth < ?3),"
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

  /* the committee leading region ?1, or the nearest above */
  [ST_REGION_LEADER] =
    "WITH RECURSIVE home (region) AS (SELECT ?1), " CTE_UP
    " SELECT k.src FROM up"
    " JOIN relations AS k ON k.dst = up.region AND k.rel = 'leads' WHERE " LIVE ("k")
    " ORDER BY up.depth LIMIT 1",

  /* the offices coordinating the nearest unit of the chain that has one,
   * else the operator's region, or the nearest above */
  [ST_COORDINATORS] =
    "WITH RECURSIVE " CTE_CHAIN ", " CTE_HOME ", " CTE_UP ","
    " found (unit, rank) AS ("
    "   SELECT c.src, ch.depth FROM chain AS ch"
    "   JOIN relations AS c ON c.dst = ch.unit AND c.rel = 'coordinates' WHERE " LIVE ("c")
    "   UNION ALL"
    "   SELECT c.src, ?3 + 1 + up.depth FROM up"
    "   JOIN relations AS c ON c.dst = up.region AND c.rel = 'coordinates' WHERE " LIVE ("c") ")"
    " SELECT unit FROM found WHERE rank = (SELECT min(rank) FROM found)",

  /* the regulators of sector ?1 placed in region ?4 at ?2 */
  [ST_REGULATOR_PLACE] =
    "SELECT p.unit FROM regulator_place AS p WHERE p.sector = ?1 AND p.region = ?4 AND " LIVE ("p"),
};

struct _SqliteBaseline {
  sqlite3 *db;
  sqlite3_stmt *st[ST_COUNT];
  SqliteBaselineMode mode;
  guint n_nodes;
  guint n_relations;
  guint n_regulator_rows;
  double derive_seconds;
};

static gboolean
sql_error (sqlite3 *db, const char *what, GError **error)
{
  g_set_error (error, SQLITE_BASELINE_ERROR, SQLITE_BASELINE_ERROR_SQL, "%s: %s", what, sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
exec (sqlite3 *db, const char *sql, GError **error)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error (error, SQLITE_BASELINE_ERROR, SQLITE_BASELINE_ERROR_SQL, "%s: %s", sql, msg);
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

/* ---- instants ---- */

static gboolean
digits (const char *s, int n, int *out)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *out = v;
  return TRUE;
}

static gint64
days_from_civil (gint64 y, int m, int d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* SPEC §3.3: YYYY-MM-DD (00:00 at +08:00), or an RFC 3339 date-time with
 * Z or an offset, fractional seconds kept to the microsecond. */
static gboolean
parse_instant (const char *s, gint64 *out)
{
  static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int y, mo, d, h = 0, mi = 0, sec = 0, oh = 8, om = 0, sign = 1;
  gint64 us = 0;
  const char *p;

  if (!digits (s, 4, &y) || s[4] != '-' || !digits (s + 5, 2, &mo) || s[7] != '-' ||
      !digits (s + 8, 2, &d))
    return FALSE;
  if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
      (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))))
    return FALSE;
  p = s + 10;
  if (*p != '\0')
    {
      if ((*p != 'T' && *p != 't') || !digits (p + 1, 2, &h) || p[3] != ':' || !digits (p + 4, 2, &mi) ||
          p[6] != ':' || !digits (p + 7, 2, &sec) || h > 23 || mi > 59 || sec > 60)
        return FALSE;
      p += 9;
      if (*p == '.')
        {
          gint64 scale = 100000;
          p++;
          if (!g_ascii_isdigit (*p))
            return FALSE;
          for (; g_ascii_isdigit (*p); p++, scale /= 10)
            us += (*p - '0') * scale;
        }
      if (*p == 'Z' || *p == 'z')
        {
          oh = om = 0;
          p++;
        }
      else if (*p == '+' || *p == '-')
        {
          sign = *p == '-' ? -1 : 1;
          if (!digits (p + 1, 2, &oh) || p[3] != ':' || !digits (p + 4, 2, &om) || oh > 23 || om > 59)
            return FALSE;
          p += 6;
        }
      else
        return FALSE;
      if (*p != '\0')
        return FALSE;
    }
  *out = ((days_from_civil (y, mo, d) * 86400 + h * 3600 + mi * 60 + sec) -
          sign * (oh * 3600 + om * 60)) * G_GINT64_CONSTANT (1000000) + us;
  return TRUE;
}

/* ---- loading ---- */

static const char *const schema =
  "PRAGMA journal_mode = OFF;"
  "PRAGMA synchronous = OFF;"
  "PRAGMA temp_store = MEMORY;"
  /* An in-memory database lives in its page cache: at the default 2 MB
   * limit SQLite keeps trying to recycle pages it cannot drop, which
   * slows the load of L by a third. */
  "PRAGMA cache_size = -8000000;"
  "CREATE TABLE nodes ("
  "  id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL,"
  "  level TEXT, form TEXT, kind TEXT, cii INTEGER, protection_level INTEGER, extra TEXT"
  ") WITHOUT ROWID;"
  "CREATE TABLE relations ("
  "  rel TEXT NOT NULL, src TEXT NOT NULL, dst TEXT NOT NULL, role TEXT,"
  "  since INTEGER NOT NULL, until INTEGER NOT NULL"
  ");";

/* Built after the bulk insert: one sort per index beats keeping them up to
 * date row by row. No ANALYZE: with sqlite_stat1 present, SQLite 3.38+
 * expects the recursive CTEs to yield many rows and puts a Bloom filter on
 * the join with relations, which it builds by scanning the whole index on
 * every execution (2 ms per statement on S, growing with the model).
 * Without stats the planner takes the covering indexes for every lookup,
 * as EXPLAIN QUERY PLAN shows. */
static const char *const indexes =
  "CREATE INDEX relations_out ON relations (src, rel, since, until, dst);"
  "CREATE INDEX relations_in ON relations (dst, rel, since, until, src, role);";

/* Node and relation members, by key, to the parameters of the inserts. */
static const char *const node_keys[] = {
  "id", "type", "name", "level", "form", "kind", "cii", "protection_level", "extra", NULL,
};
static const char *const relation_keys[] = { "rel", "from", "to", "role", "since", "until", NULL };

static int
key_index (const char *const *keys, const char *key)
{
  for (int i = 0; keys[i] != NULL; i++)
    if (strcmp (keys[i], key) == 0)
      return i + 1;
  return 0;
}

static void
bind_open_ends (sqlite3_stmt *ins)
{
  sqlite3_bind_int64 (ins, 5, G_MININT64);
  sqlite3_bind_int64 (ins, 6, G_MAXINT64);
}

/* Runs the pending insert, if any. */
static gboolean
flush (sqlite3 *db, sqlite3_stmt *ins, GError **error)
{
  int rc = sqlite3_step (ins);

  sqlite3_reset (ins);
  sqlite3_clear_bindings (ins);
  if (rc != SQLITE_DONE)
    return sql_error (db, "insert", error);
  return TRUE;
}

/* One pass of json_tree over the whole document: SQLite parses the text
 * once and hands back every value with its parent, and each node or
 * relation becomes one row of a prepared insert. (Selecting
 * `value ->> 'id'`, `value ->> 'type'`, … from json_each re-parses the
 * element once per ->>, which makes the load of L several times slower.)
 * Members of `extra` and any deeper values are skipped by their parent. */
static gboolean
load_document (SqliteBaseline *self, const char *doc, gsize len, const char *path, GError **error)
{
  sqlite3 *db = self->db;
  sqlite3_stmt *tree = NULL, *ins_node = NULL, *ins_rel = NULL, *ins = NULL;
  sqlite3_int64 nodes_id = -1, relations_id = -1, element = -1;
  const char *const *keys = NULL;
  gboolean ok = FALSE, format_ok = FALSE;
  int rc;

  if (sqlite3_prepare_v2 (db,
                          "SELECT id, parent, key, atom, CASE WHEN key = 'extra' AND type = 'object' THEN value END"
                          " FROM json_tree(?1)",
                          -1, &tree, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO nodes VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", -1, &ins_node,
                          NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO relations VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &ins_rel,
                          NULL) != SQLITE_OK)
    {
      sql_error (db, "prepare", error);
      goto out;
    }
  sqlite3_bind_text64 (tree, 1, doc, len, SQLITE_STATIC, SQLITE_UTF8);

  while ((rc = sqlite3_step (tree)) == SQLITE_ROW)
    {
      sqlite3_int64 id = sqlite3_column_int64 (tree, 0);
      sqlite3_int64 parent = sqlite3_column_type (tree, 1) == SQLITE_NULL ? -1 : sqlite3_column_int64 (tree, 1);
      const char *key = (const char *) sqlite3_column_text (tree, 2);
      int col;

      if (parent == 0)
        {
          /* a top-level member */
          if (g_strcmp0 (key, "format") == 0)
            format_ok = g_strcmp0 ((const char *) sqlite3_column_text (tree, 3), "libresp/model/1") == 0;
          else if (g_strcmp0 (key, "nodes") == 0)
            nodes_id = id;
          else if (g_strcmp0 (key, "relations") == 0)
            relations_id = id;
          continue;
        }
      if (parent != -1 && (parent == nodes_id || parent == relations_id))
        {
          /* a new node or relation: the previous one is complete */
          if (ins != NULL && !flush (db, ins, error))
            goto out;
          element = id;
          ins = parent == nodes_id ? ins_node : ins_rel;
          keys = parent == nodes_id ? node_keys : relation_keys;
          if (ins == ins_rel)
            bind_open_ends (ins);
          continue;
        }
      if (parent != element || element == -1 || key == NULL || (col = key_index (keys, key)) == 0)
        continue;

      if (ins == ins_rel && col >= 5)
        {
          const char *text = (const char *) sqlite3_column_text (tree, 3);
          gint64 t;

          if (text == NULL)
            continue;   /* null: an open end */
          if (!parse_instant (text, &t))
            {
              g_set_error (error, SQLITE_BASELINE_ERROR, SQLITE_BASELINE_ERROR_FORMAT, "%s: bad date '%s'", path, text);
              goto out;
            }
          sqlite3_bind_int64 (ins, col, t);
        }
      else if (ins == ins_node && col == 9)
        sqlite3_bind_value (ins, col, sqlite3_column_value (tree, 4));
      else
        sqlite3_bind_value (ins, col, sqlite3_column_value (tree, 3));
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, SQLITE_BASELINE_ERROR, SQLITE_BASELINE_ERROR_FORMAT, "%s: %s", path, sqlite3_errmsg (db));
      goto out;
    }
  if (ins != NULL && !flush (db, ins, error))
    goto out;
  if (!format_ok)
    {
      g_set_error (error, SQLITE_BASELINE_ERROR, SQLITE_BASELINE_ERROR_FORMAT, "%s: not a libresp/model/1 document", path);
      goto out;
    }
  ok = TRUE;

out:
  sqlite3_finalize (tree);
  sqlite3_finalize (ins_node);
  sqlite3_finalize (ins_rel);
  return ok;
}

/* ---- the derived regulator table ---- */

static int
cmp_i64 (const void *a, const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

/* What a DBA would build at load for Art. 4: for every `regulates`, the
 * region the regulator is placed in (its located_in, else its nearest
 * superior's), over the intervals in which that region does not change,
 * as rows (sector, region, unit, since, until). The region can only change
 * where a `under` or `located_in` of a unit the regulator reaches through
 * `under` (at any time) starts or ends, so each interval between two such
 * instants is placed once, by the same home statement the literal
 * baseline runs at every query. */
static gboolean
derive_regulators (SqliteBaseline *self, GError **error)
{
  sqlite3 *db = self->db;
  sqlite3_stmt *regs = NULL, *breaks = NULL, *ins = NULL, *home = self->st[ST_HOME];
  GArray *points = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 t0 = g_get_monotonic_time ();
  gboolean ok = FALSE;
  int rc;

  if (!exec (db,
             "CREATE TABLE regulator_place (sector TEXT NOT NULL, region TEXT NOT NULL, unit TEXT NOT NULL,"
             "  since INTEGER NOT NULL, until INTEGER NOT NULL);"
             "BEGIN;", error))
    goto out;
  if (sqlite3_prepare_v2 (db, "SELECT src, dst, since, until FROM relations WHERE rel = 'regulates'", -1,
                          &regs, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db,
                          "WITH RECURSIVE sup (unit) AS ("
                          "  SELECT ?1 UNION SELECT r.dst FROM sup JOIN relations AS r"
                          "  ON r.src = sup.unit AND r.rel = 'under')"
                          " SELECT r.since, r.until FROM sup JOIN relations AS r"
                          " ON r.src = sup.unit AND r.rel IN ('under', 'located_in')", -1, &breaks, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO regulator_place VALUES (?1, ?2, ?3, ?4, ?5)", -1, &ins, NULL) != SQLITE_OK)
    {
      sql_error (db, "regulator_place", error);
      goto out;
    }
  while ((rc = sqlite3_step (regs)) == SQLITE_ROW)
    {
      const char *unit = (const char *) sqlite3_column_text (regs, 0);
      const char *sector = (const char *) sqlite3_column_text (regs, 1);
      gint64 since = sqlite3_column_int64 (regs, 2), until = sqlite3_column_int64 (regs, 3);
      char *held = NULL;
      gint64 held_since = since;

      g_array_set_size (points, 0);
      g_array_append_val (points, since);
      g_array_append_val (points, until);
      sqlite3_reset (breaks);
      sqlite3_bind_text (breaks, 1, unit, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (breaks)) == SQLITE_ROW)
        for (int c = 0; c < 2; c++)
          {
            gint64 t = sqlite3_column_int64 (breaks, c);
            if (since < t && t < until)
              g_array_append_val (points, t);
          }
      if (rc != SQLITE_DONE)
        {
          sql_error (db, "regulator_place", error);
          goto out;
        }
      qsort (points->data, points->len, sizeof (gint64), cmp_i64);

      /* place each interval; a row per run of one region */
      for (guint i = 0; i + 1 < points->len; i++)
        {
          gint64 a = g_array_index (points, gint64, i), b = g_array_index (points, gint64, i + 1);
          const char *g;
          gboolean same;

          if (a == b)
            continue;
          sqlite3_reset (home);
          sqlite3_bind_text (home, 1, unit, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (home, 2, a);
          sqlite3_bind_int64 (home, 3, (sqlite3_int64) self->n_nodes + 1);
          rc = sqlite3_step (home);
          if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            {
              sql_error (db, "regulator_place", error);
              goto out;
            }
          g = rc == SQLITE_ROW ? (const char *) sqlite3_column_text (home, 0) : NULL;
          same = g_strcmp0 (g, held) == 0;
          if (!same)
            {
              if (held != NULL)
                {
                  sqlite3_reset (ins);
                  sqlite3_bind_text (ins, 1, sector, -1, SQLITE_TRANSIENT);
                  sqlite3_bind_text (ins, 2, held, -1, SQLITE_TRANSIENT);
                  sqlite3_bind_text (ins, 3, unit, -1, SQLITE_TRANSIENT);
                  sqlite3_bind_int64 (ins, 4, held_since);
                  sqlite3_bind_int64 (ins, 5, a);
                  if (sqlite3_step (ins) != SQLITE_DONE)
                    {
                      sql_error (db, "regulator_place", error);
                      g_free (held);
                      goto out;
                    }
                  self->n_regulator_rows++;
                }
              g_free (held);
              held = g_strdup (g);
              held_since = a;
            }
          (void) b;
        }
      sqlite3_reset (home);
      if (held != NULL)
        {
          sqlite3_reset (ins);
          sqlite3_bind_text (ins, 1, sector, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (ins, 2, held, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (ins, 3, unit, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (ins, 4, held_since);
          sqlite3_bind_int64 (ins, 5, until);
          g_free (held);
          if (sqlite3_step (ins) != SQLITE_DONE)
            {
              sql_error (db, "regulator_place", error);
              goto out;
            }
          self->n_regulator_rows++;
        }
    }
  if (rc != SQLITE_DONE)
    {
      sql_error (db, "regulator_place", error);
      goto out;
    }
  if (!exec (db, "COMMIT;"
             "CREATE INDEX regulator_place_at ON regulator_place (sector, region, since, until, unit);", error))
    goto out;
  ok = TRUE;

out:
  sqlite3_finalize (regs);
  sqlite3_finalize (breaks);
  sqlite3_finalize (ins);
  g_array_unref (points);
  self->derive_seconds = (g_get_monotonic_time () - t0) / 1e6;
  return ok;
}

static guint
count (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *st = NULL;
  guint n = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step (st) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  return n;
}

SqliteBaseline *
sqlite_baseline_load (const char *model_path, GError **error)
{
  SqliteBaseline *self;
  char *contents = NULL;
  const char *doc;
  gsize len = 0;

  if (!g_file_get_contents (model_path, &contents, &len, error))
    return NULL;
  doc = contents;
  if (len >= 3 && memcmp (doc, "\xEF\xBB\xBF", 3) == 0)
    {
      doc += 3;
      len -= 3;
    }

  self = g_new0 (SqliteBaseline, 1);
  if (sqlite3_open_v2 (":memory:", &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      sql_error (self->db, "open", error);
      goto fail;
    }
  if (!exec (self->db, schema, error) ||
      !exec (self->db, "BEGIN", error) ||
      !load_document (self, doc, len, model_path, error) ||
      !exec (self->db, "COMMIT", error))
    goto fail;
  g_clear_pointer (&contents, g_free);

  if (!exec (self->db, indexes, error))
    goto fail;

  self->n_nodes = count (self->db, "SELECT count(*) FROM nodes");
  self->n_relations = count (self->db, "SELECT count(*) FROM relations");
  self->mode = SQLITE_BASELINE_DERIVED;
  /* the derived table is built with the statements, and then has its own */
  for (guint i = 0; i < ST_COUNT; i++)
    {
      if (i == ST_REGULATOR_PLACE && !derive_regulators (self, error))
        goto fail;
      if (sqlite3_prepare_v3 (self->db, statement_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &self->st[i], NULL) != SQLITE_OK)
        {
          sql_error (self->db, statement_sql[i], error);
          goto fail;
        }
    }
  return self;

fail:
  g_free (contents);
  sqlite_baseline_free (self);
  return NULL;
}

void
sqlite_baseline_free (SqliteBaseline *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < ST_COUNT; i++)
    sqlite3_finalize (self->st[i]);
  sqlite3_close (self->db);
  g_free (self);
}

guint
sqlite_baseline_get_n_nodes (SqliteBaseline *self)
{
  return self->n_nodes;
}

guint
sqlite_baseline_get_n_relations (SqliteBaseline *self)
{
  return self->n_relations;
}

GPtrArray *
sqlite_baseline_dup_node_ids (SqliteBaseline *self, const char *type)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *st = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT id FROM nodes WHERE type = ?1 ORDER BY id", -1, &st, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (st, 1, type, -1, SQLITE_STATIC);
      while (sqlite3_step (st) == SQLITE_ROW)
        g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (st, 0)));
    }
  sqlite3_finalize (st);
  return ids;
}

/* ---- queries ---- */

void
sqlite_baseline_set_mode (SqliteBaseline *self, SqliteBaselineMode mode)
{
  self->mode = mode;
}

double
sqlite_baseline_get_derive_seconds (SqliteBaseline *self)
{
  return self->derive_seconds;
}

guint
sqlite_baseline_get_n_regulator_rows (SqliteBaseline *self)
{
  return self->n_regulator_rows;
}

void
sqlite_baseline_roles_init (SqliteBaselineRoles *roles)
{
  for (guint i = 0; i < SQLITE_BASELINE_N_ROLES; i++)
    roles->sets[i] = g_ptr_array_new_with_free_func (g_free);
}

void
sqlite_baseline_roles_clear (SqliteBaselineRoles *roles)
{
  for (guint i = 0; i < SQLITE_BASELINE_N_ROLES; i++)
    g_clear_pointer (&roles->sets[i], g_ptr_array_unref);
}

static int
cmp_str (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Sorts and drops repeats through the array's own free function. The sets
 * are small. */
static void
sort_unique (GPtrArray *a)
{
  g_ptr_array_sort (a, cmp_str);
  for (guint i = a->len; i-- > 1;)
    if (strcmp (a->pdata[i - 1], a->pdata[i]) == 0)
      g_ptr_array_remove_index (a, i);
}

/* One query's state: the instant, the strings it has seen (interned, so
 * that an id is one pointer), the first SQL error (after which every
 * statement is skipped), and what it has worked out for the event. */
typedef struct {
  SqliteBaseline *self;
  gint64 at;
  GStringChunk *ids;
  GError *error;
  GHashTable *memo;      /* "c:unit" → committee, "m:k" and "p:k" → GPtrArray of ids */
} Query;

typedef struct {
  guint8 role;           /* SqliteBaselineRole */
  const char *node;
  const char *anchor;    /* the committee or unit it was reached through; NULL: the system's own */
} Hit;

static void
query_init (Query *q, SqliteBaseline *self, gint64 at)
{
  q->self = self;
  q->at = at;
  q->ids = g_string_chunk_new (4096);
  q->error = NULL;
  q->memo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
}

static void
query_clear (Query *q)
{
  g_string_chunk_free (q->ids);
  g_hash_table_unref (q->memo);
  g_clear_error (&q->error);
}

static const char *
intern (Query *q, const unsigned char *text)
{
  return text != NULL ? g_string_chunk_insert_const (q->ids, (const char *) text) : NULL;
}

/* Binds ?1 node, ?2 instant, ?3 depth bound, ?4 and ?5 (when not NULL). */
static sqlite3_stmt *
prep (Query *q, guint which, const char *node, const char *b, const char *c)
{
  sqlite3_stmt *st = q->self->st[which];
  int n = sqlite3_bind_parameter_count (st);

  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  sqlite3_bind_text (st, 1, node, -1, SQLITE_STATIC);
  if (n >= 2)
    sqlite3_bind_int64 (st, 2, q->at);
  if (n >= 3)
    sqlite3_bind_int64 (st, 3, (sqlite3_int64) q->self->n_nodes + 1);
  if (n >= 4 && b != NULL)
    sqlite3_bind_text (st, 4, b, -1, SQLITE_STATIC);
  if (n >= 5 && c != NULL)
    sqlite3_bind_text (st, 5, c, -1, SQLITE_STATIC);
  return st;
}

static void
failed (Query *q, sqlite3_stmt *st)
{
  if (q->error == NULL)
    g_set_error (&q->error, SQLITE_BASELINE_ERROR, SQLITE_BASELINE_ERROR_SQL, "%s: %s",
                 sqlite3_sql (st), sqlite3_errmsg (q->self->db));
  sqlite3_reset (st);
}

/* Every row's column 0, interned, appended to out (a plain GPtrArray);
 * returns the number of rows. */
static guint
all (Query *q, guint which, const char *node, const char *b, GPtrArray *out)
{
  sqlite3_stmt *st;
  guint n = 0;
  int rc;

  if (q->error != NULL || node == NULL)
    return 0;
  st = prep (q, which, node, b, NULL);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      g_ptr_array_add (out, (gpointer) intern (q, sqlite3_column_text (st, 0)));
      n++;
    }
  if (rc != SQLITE_DONE)
    failed (q, st);
  sqlite3_reset (st);
  return n;
}

/* The first row's column 0, interned, or NULL. */
static const char *
first (Query *q, guint which, const char *node, const char *b)
{
  sqlite3_stmt *st;
  const char *id = NULL;
  int rc;

  if (q->error != NULL || node == NULL)
    return NULL;
  st = prep (q, which, node, b, NULL);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    id = intern (q, sqlite3_column_text (st, 0));
  else if (rc != SQLITE_DONE)
    failed (q, st);
  sqlite3_reset (st);
  return id;
}

static gboolean
linked (Query *q, const char *from, const char *rel, const char *to)
{
  sqlite3_stmt *st;
  int rc;

  if (q->error != NULL)
    return FALSE;
  st = prep (q, ST_LINKED, from, rel, to);
  rc = sqlite3_step (st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    failed (q, st);
  sqlite3_reset (st);
  return rc == SQLITE_ROW;
}

/* type, kind and cii of a node (kind: NULL when the file gives none) */
static const char *
node_info (Query *q, const char *id, const char **kind, gboolean *cii, const char **level)
{
  sqlite3_stmt *st;
  const char *type = NULL;
  int rc;

  if (kind != NULL)
    *kind = NULL;
  if (cii != NULL)
    *cii = FALSE;
  if (level != NULL)
    *level = NULL;
  if (q->error != NULL || id == NULL)
    return NULL;
  st = prep (q, ST_NODE, id, NULL, NULL);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      type = intern (q, sqlite3_column_text (st, 0));
      if (kind != NULL)
        *kind = intern (q, sqlite3_column_text (st, 1));
      if (cii != NULL)
        *cii = sqlite3_column_int (st, 2) != 0;
      if (level != NULL)
        *level = intern (q, sqlite3_column_text (st, 3));
    }
  else if (rc != SQLITE_DONE)
    failed (q, st);
  sqlite3_reset (st);
  return type;
}

static void
add_unique (GPtrArray *a, const char *id)
{
  for (guint i = 0; i < a->len; i++)
    if (a->pdata[i] == id)
      return;
  g_ptr_array_add (a, (gpointer) id);
}

static void
hit (GArray *hits, SqliteBaselineRole role, const char *node, const char *anchor)
{
  Hit h = { (guint8) role, node, anchor };
  g_array_append_val (hits, h);
}

/* The seats of committee k as hits: main leader, cyber lead and members
 * (or, with `supervisors`, the main leader and cyber lead only, as
 * regional supervisors), anchored at k. */
static void
seat_hits (Query *q, const char *k, gboolean supervisors, GArray *hits)
{
  sqlite3_stmt *st;
  int rc;

  if (q->error != NULL || k == NULL)
    return;
  st = prep (q, ST_SEATS, k, NULL, NULL);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char *p = intern (q, sqlite3_column_text (st, 0));
      const char *seat = (const char *) sqlite3_column_text (st, 1);
      int role = g_strcmp0 (seat, "main_leader") == 0 ? SQLITE_BASELINE_FIRST_RESPONSIBLE
               : g_strcmp0 (seat, "cyber_lead") == 0 ? SQLITE_BASELINE_DIRECT_RESPONSIBLE
               : SQLITE_BASELINE_TEAM_MEMBER;

      if (!supervisors)
        hit (hits, role, p, k);
      else if (role != SQLITE_BASELINE_TEAM_MEMBER)
        hit (hits, SQLITE_BASELINE_REGIONAL_SUPERVISOR, p, k);
    }
  if (rc != SQLITE_DONE)
    failed (q, st);
  sqlite3_reset (st);
}

/* The seated persons of committee k with one seat ("main_leader", …). */
static void
seated (Query *q, const char *k, const char *seat, GPtrArray *out)
{
  sqlite3_stmt *st;
  int rc;

  if (q->error != NULL || k == NULL)
    return;
  st = prep (q, ST_SEATS, k, NULL, NULL);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    if (g_strcmp0 ((const char *) sqlite3_column_text (st, 1), seat) == 0)
      g_ptr_array_add (out, (gpointer) intern (q, sqlite3_column_text (st, 0)));
  if (rc != SQLITE_DONE)
    failed (q, st);
  sqlite3_reset (st);
}

/* ---- the walks, in the two ways ---- */

/* The derived way: the chain once, then single lookups along it. */
static const char *
chain_region (Query *q, GPtrArray *chain)
{
  for (guint i = 0; i < chain->len; i++)
    {
      const char *g = first (q, ST_OUT, chain->pdata[i], "located_in");
      if (g != NULL)
        return g;
    }
  return NULL;
}

static const char *
chain_leader (Query *q, GPtrArray *chain)
{
  for (guint i = 0; i < chain->len; i++)
    {
      const char *k = first (q, ST_IN, chain->pdata[i], "leads");
      if (k != NULL)
        return k;
    }
  return NULL;
}

static const char *
regions_leader (Query *q, GPtrArray *up)
{
  for (guint i = 0; i < up->len; i++)
    {
      const char *k = first (q, ST_IN, up->pdata[i], "leads");
      if (k != NULL)
        return k;
    }
  return NULL;
}

/* A unit's region (its located_in, else its nearest superior's). */
static const char *
unit_region (Query *q, const char *unit)
{
  if (q->self->mode == SQLITE_BASELINE_LITERAL)
    return first (q, ST_HOME, unit, NULL);
  else
    {
      g_autoptr (GPtrArray) chain = g_ptr_array_new ();
      all (q, ST_CHAIN, unit, NULL, chain);
      return chain_region (q, chain);
    }
}

/* The committee leading region g or the nearest region above it. */
static const char *
region_leader (Query *q, const char *g)
{
  if (q->self->mode == SQLITE_BASELINE_LITERAL)
    return first (q, ST_REGION_LEADER, g, NULL);
  else
    {
      g_autoptr (GPtrArray) up = g_ptr_array_new ();
      all (q, ST_UP, g, NULL, up);
      return regions_leader (q, up);
    }
}

/* SPEC §4.3 `committee` of a unit, remembered for the event. */
static const char *
committee_of (Query *q, const char *unit)
{
  g_autofree char *key = g_strconcat ("c:", unit, NULL);
  GPtrArray *memo = g_hash_table_lookup (q->memo, key);
  const char *k;

  if (memo != NULL)
    return memo->len > 0 ? memo->pdata[0] : NULL;
  if (q->self->mode == SQLITE_BASELINE_LITERAL)
    k = first (q, ST_COMMITTEE, unit, NULL);
  else
    {
      g_autoptr (GPtrArray) chain = g_ptr_array_new ();

      all (q, ST_CHAIN, unit, NULL, chain);
      k = chain_leader (q, chain);
      if (k == NULL)
        {
          const char *g = chain_region (q, chain);
          k = g != NULL ? region_leader (q, g) : NULL;
        }
    }
  memo = g_ptr_array_new ();
  if (k != NULL)
    g_ptr_array_add (memo, (gpointer) k);
  g_hash_table_insert (q->memo, g_steal_pointer (&key), memo);
  return k;
}

/* The roles of one operator of subject (SPEC §4.3) as hits. system_sectors:
 * the system's own sectors (empty for a unit subject). Returns the
 * operator's region. */
static const char *
resolve_operator (Query *q, const char *subject, gboolean is_system, const char *op,
                  gboolean system_has_lead, GPtrArray *system_sectors, GArray *hits)
{
  g_autoptr (GPtrArray) chain = g_ptr_array_new ();
  g_autoptr (GPtrArray) tmp = g_ptr_array_new ();
  g_autoptr (GPtrArray) regs = g_ptr_array_new ();
  const char *k, *g;

  hit (hits, SQLITE_BASELINE_OPERATOR, op, NULL);
  all (q, ST_CHAIN, op, NULL, chain);
  for (guint i = 0; i < chain->len; i++)
    hit (hits, SQLITE_BASELINE_CHAIN, chain->pdata[i], NULL);

  if (q->self->mode == SQLITE_BASELINE_LITERAL)
    {
      k = first (q, ST_COMMITTEE, op, NULL);
      if (k != NULL)
        {
          hit (hits, SQLITE_BASELINE_COMMITTEE, k, NULL);
          seat_hits (q, k, FALSE, hits);
        }
      if (!system_has_lead)
        {
          g_ptr_array_set_size (tmp, 0);
          all (q, ST_IN, op, "security_lead", tmp);
          for (guint i = 0; i < tmp->len; i++)
            hit (hits, SQLITE_BASELINE_SECURITY_LEAD, tmp->pdata[i], op);
        }
      g_ptr_array_set_size (tmp, 0);
      all (q, ST_IN, op, "heads", tmp);
      for (guint i = 0; i < tmp->len; i++)
        hit (hits, SQLITE_BASELINE_UNIT_HEAD, tmp->pdata[i], op);

      /* every live regulator of the sectors placed, the nearest kept */
      if (q->error == NULL)
        {
          sqlite3_stmt *st = prep (q, ST_REGULATORS, op, is_system ? subject : NULL, NULL);
          int rc;

          while ((rc = sqlite3_step (st)) == SQLITE_ROW)
            g_ptr_array_add (regs, (gpointer) intern (q, sqlite3_column_text (st, 0)));
          if (rc != SQLITE_DONE)
            failed (q, st);
          sqlite3_reset (st);
        }
      for (guint i = 0; i < regs->len; i++)
        {
          hit (hits, SQLITE_BASELINE_REGULATOR, regs->pdata[i], NULL);
          g_ptr_array_set_size (tmp, 0);
          all (q, ST_IN, regs->pdata[i], "heads", tmp);
          for (guint j = 0; j < tmp->len; j++)
            hit (hits, SQLITE_BASELINE_REGULATOR_HEAD, tmp->pdata[j], regs->pdata[i]);
        }
      if (regs->len == 0)
        seat_hits (q, first (q, ST_REGION_COMMITTEE, op, NULL), TRUE, hits);

      g_ptr_array_set_size (regs, 0);
      all (q, ST_COORDINATORS, op, NULL, regs);
      g = first (q, ST_HOME, op, NULL);
    }
  else
    {
      g_autoptr (GPtrArray) up = g_ptr_array_new ();
      g_autoptr (GPtrArray) sectors = g_ptr_array_new ();

      /* the chain and the regions once; the rest single lookups */
      g = chain_region (q, chain);
      if (g != NULL)
        all (q, ST_UP, g, NULL, up);
      k = chain_leader (q, chain);
      if (k == NULL)
        k = regions_leader (q, up);
      if (k != NULL)
        {
          hit (hits, SQLITE_BASELINE_COMMITTEE, k, NULL);
          seat_hits (q, k, FALSE, hits);
        }
      if (!system_has_lead)
        {
          g_ptr_array_set_size (tmp, 0);
          all (q, ST_IN, op, "security_lead", tmp);
          for (guint i = 0; i < tmp->len; i++)
            hit (hits, SQLITE_BASELINE_SECURITY_LEAD, tmp->pdata[i], op);
        }
      g_ptr_array_set_size (tmp, 0);
      all (q, ST_IN, op, "heads", tmp);
      for (guint i = 0; i < tmp->len; i++)
        hit (hits, SQLITE_BASELINE_UNIT_HEAD, tmp->pdata[i], op);

      /* Art. 4 through the derived table: per sector, the nearest region
       * with a regulator placed in it */
      if (system_sectors->len > 0)
        g_ptr_array_extend (sectors, system_sectors, NULL, NULL);
      else
        all (q, ST_OUT, op, "in_sector", sectors);
      for (guint s = 0; s < sectors->len; s++)
        for (guint i = 0; i < up->len; i++)
          {
            g_ptr_array_set_size (tmp, 0);
            if (all (q, ST_REGULATOR_PLACE, sectors->pdata[s], up->pdata[i], tmp) > 0)
              {
                for (guint j = 0; j < tmp->len; j++)
                  add_unique (regs, tmp->pdata[j]);
                break;
              }
          }
      for (guint i = 0; i < regs->len; i++)
        {
          hit (hits, SQLITE_BASELINE_REGULATOR, regs->pdata[i], NULL);
          g_ptr_array_set_size (tmp, 0);
          all (q, ST_IN, regs->pdata[i], "heads", tmp);
          for (guint j = 0; j < tmp->len; j++)
            hit (hits, SQLITE_BASELINE_REGULATOR_HEAD, tmp->pdata[j], regs->pdata[i]);
        }
      if (regs->len == 0)
        seat_hits (q, regions_leader (q, up), TRUE, hits);

      /* a unit of the chain's own office first, else the region's */
      g_ptr_array_set_size (regs, 0);
      for (guint i = 0; i < chain->len && regs->len == 0; i++)
        all (q, ST_IN, chain->pdata[i], "coordinates", regs);
      for (guint i = 0; i < up->len && regs->len == 0; i++)
        all (q, ST_IN, up->pdata[i], "coordinates", regs);
    }

  for (guint i = 0; i < regs->len; i++)
    {
      hit (hits, SQLITE_BASELINE_COORDINATOR, regs->pdata[i], NULL);
      g_ptr_array_set_size (tmp, 0);
      all (q, ST_IN, regs->pdata[i], "heads", tmp);
      for (guint j = 0; j < tmp->len; j++)
        hit (hits, SQLITE_BASELINE_COORDINATOR_HEAD, tmp->pdata[j], regs->pdata[i]);
    }
  return g;
}

/* A subject: what it is, its operators (and their regions), its hits. */
typedef struct {
  const char *id;
  gboolean is_system;
  const char *kind;
  gboolean cii;
  GPtrArray *ops;
  GPtrArray *op_regions;
  GArray *hits;
} Subject;

static void
subject_clear (Subject *s)
{
  g_clear_pointer (&s->ops, g_ptr_array_unref);
  g_clear_pointer (&s->op_regions, g_ptr_array_unref);
  g_clear_pointer (&s->hits, g_array_unref);
}

static gboolean
resolve_subject (Query *q, const char *id, Subject *s)
{
  const char *type;
  g_autoptr (GPtrArray) sectors = g_ptr_array_new ();
  guint n_leads = 0;

  memset (s, 0, sizeof *s);
  s->id = intern (q, (const unsigned char *) id);
  s->ops = g_ptr_array_new ();
  s->op_regions = g_ptr_array_new ();
  s->hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  type = node_info (q, s->id, &s->kind, &s->cii, NULL);
  if (q->error != NULL)
    return FALSE;
  if (type == NULL)
    {
      g_set_error (&q->error, SQLITE_BASELINE_ERROR, SQLITE_BASELINE_ERROR_NOT_FOUND, "no node '%s'", id);
      return FALSE;
    }
  s->is_system = g_str_equal (type, "system");
  if (!s->is_system && !g_str_equal (type, "unit"))
    {
      g_set_error (&q->error, SQLITE_BASELINE_ERROR, SQLITE_BASELINE_ERROR_WRONG_TYPE,
                   "'%s' is a %s, not a system or unit", id, type);
      return FALSE;
    }
  if (s->is_system)
    {
      g_autoptr (GPtrArray) leads = g_ptr_array_new ();

      all (q, ST_IN, s->id, "operates", s->ops);
      /* the system's own security lead stands for every operator's */
      n_leads = all (q, ST_IN, s->id, "security_lead", leads);
      for (guint i = 0; i < leads->len; i++)
        hit (s->hits, SQLITE_BASELINE_SECURITY_LEAD, leads->pdata[i], NULL);
      if (q->self->mode == SQLITE_BASELINE_DERIVED)
        all (q, ST_OUT, s->id, "in_sector", sectors);
    }
  else
    g_ptr_array_add (s->ops, (gpointer) s->id);

  for (guint i = 0; i < s->ops->len; i++)
    g_ptr_array_add (s->op_regions, (gpointer) resolve_operator (q, s->id, s->is_system, s->ops->pdata[i],
                                                                 n_leads > 0, sectors, s->hits));
  return q->error == NULL;
}

static void
hits_to_roles (GArray *hits, SqliteBaselineRoles *roles)
{
  for (guint i = 0; i < SQLITE_BASELINE_N_ROLES; i++)
    g_ptr_array_set_size (roles->sets[i], 0);
  for (guint i = 0; i < hits->len; i++)
    {
      const Hit *h = &g_array_index (hits, Hit, i);
      g_ptr_array_add (roles->sets[h->role], g_strdup (h->node));
    }
  for (guint i = 0; i < SQLITE_BASELINE_N_ROLES; i++)
    sort_unique (roles->sets[i]);
}

gboolean
sqlite_baseline_resolve (SqliteBaseline *self, const char *subject_id, gint64 at,
                         SqliteBaselineRoles *roles, GError **error)
{
  Query q;
  Subject s;
  gboolean ok;

  query_init (&q, self, at);
  ok = resolve_subject (&q, subject_id, &s);
  if (ok)
    hits_to_roles (s.hits, roles);
  else
    g_propagate_error (error, g_steal_pointer (&q.error));
  subject_clear (&s);
  query_clear (&q);
  return ok;
}

/* ---- circumstances (SPEC §4.2, §4.4): Kleene logic ---- */

typedef SqliteBaselineTruth Truth;
#define T SQLITE_BASELINE_TRUE
#define F SQLITE_BASELINE_FALSE
#define U SQLITE_BASELINE_UNKNOWN

static Truth
and2 (Truth a, Truth b)
{
  return a == F || b == F ? F : a == U || b == U ? U : T;
}

static Truth
or2 (Truth a, Truth b)
{
  return a == T || b == T ? T : a == U || b == U ? U : F;
}

static Truth
not1 (Truth a)
{
  return a == U ? U : a == T ? F : T;
}

static Truth
fact (const SqliteBaselineEvent *ev, SqliteBaselineFact f)
{
  return !ev->facts[f].known ? U : ev->facts[f].value != 0 ? T : F;
}

static Truth
at_least (const SqliteBaselineEvent *ev, SqliteBaselineFact f, double bound)
{
  return !ev->facts[f].known ? U : ev->facts[f].value >= bound ? T : F;
}

const char *const sqlite_baseline_fact_names[SQLITE_BASELINE_N_FACTS] = {
  "attacked", "tampered", "harmful_info_spread_widely", "reported_in_time", "handled_in_time",
  "outage_hours", "leak_state_secrets", "leak_personal_info_records", "leak_personal_info_mass",
  "leak_basic_data", "public_life_widely_affected", "major_economic_loss", "severe_social_impact",
  "concealed", "refused_investigation", "notified_risk_unrectified", "serious_consequence",
  "obstructed_security_organs", "other_serious", "supervision_failed", "coordination_failed",
};

const char *const sqlite_baseline_circumstance_names[SQLITE_BASELINE_N_CIRCUMSTANCES] = {
  "art8.1", "art8.2", "art8.3", "art8.4", "art8.5", "art8.6", "art8.7",
};

/* The parameter personal_info_mass_leak_records of the default rulebook. */
#define MASS_LEAK_RECORDS 1000000.0

/* 2017-08-15 (00:00 at +08:00): since when the measures, their
 * circumstances and their liability rules apply. */
#define MEASURES_SINCE (G_GINT64_CONSTANT (1502726400000000))

static gboolean
level_at_least_prefectural (const char *level)
{
  return g_strcmp0 (level, "national") == 0 || g_strcmp0 (level, "provincial") == 0 ||
         g_strcmp0 (level, "prefectural") == 0;
}

/* art8.1, art8.2, art8.4 for one subject system and one of its operators
 * (op_region NULL: none known); out[c] for those three. */
static void
system_circumstances (Query *q, const SqliteBaselineEvent *ev, const Subject *s, const char *op,
                      const char *op_region, const char *sponsor, Truth out[SQLITE_BASELINE_N_CIRCUMSTANCES])
{
  const char *kind = s->kind != NULL ? s->kind : "other";
  gboolean k1 = g_str_equal (kind, "party_gov_portal") || g_str_equal (kind, "key_news_site") ||
                g_str_equal (kind, "large_platform");
  gboolean k2 = g_str_equal (kind, "party_gov_portal") || g_str_equal (kind, "key_news_site");
  Truth owner = U;
  const char *g = NULL;

  /* system.owner_level: the sponsor's region level, else the operator's */
  if (sponsor != NULL)
    g = unit_region (q, sponsor);
  else if (op != NULL)
    g = op_region;
  if (g != NULL)
    {
      const char *level;
      node_info (q, g, NULL, NULL, &level);
      owner = level == NULL ? U : level_at_least_prefectural (level) ? T : F;
    }

  out[0] = and2 (and2 (k1 ? T : F, fact (ev, SQLITE_BASELINE_F_TAMPERED)),
                 and2 (fact (ev, SQLITE_BASELINE_F_HARMFUL_INFO_SPREAD_WIDELY),
                       not1 (and2 (fact (ev, SQLITE_BASELINE_F_REPORTED_IN_TIME),
                                   fact (ev, SQLITE_BASELINE_F_HANDLED_IN_TIME)))));
  out[1] = and2 (and2 (k2 ? T : F, owner),
                 and2 (and2 (fact (ev, SQLITE_BASELINE_F_ATTACKED), not1 (fact (ev, SQLITE_BASELINE_F_HANDLED_IN_TIME))),
                       at_least (ev, SQLITE_BASELINE_F_OUTAGE_HOURS, 6)));
  out[3] = and2 (and2 (s->cii ? T : F, fact (ev, SQLITE_BASELINE_F_ATTACKED)),
                 and2 (not1 (fact (ev, SQLITE_BASELINE_F_HANDLED_IN_TIME)),
                       or2 (or2 (fact (ev, SQLITE_BASELINE_F_PUBLIC_LIFE_WIDELY_AFFECTED),
                                 fact (ev, SQLITE_BASELINE_F_MAJOR_ECONOMIC_LOSS)),
                            fact (ev, SQLITE_BASELINE_F_SEVERE_SOCIAL_IMPACT))));
}

static Truth
best_of (Truth a, Truth b)
{
  return a == T || b == T ? T : a == U || b == U ? U : F;
}

/* ---- liability (SPEC §4.5) ---- */

typedef struct {
  const char *person;
  SqliteBaselineCategory category;
  GPtrArray *anchors;      /* committees and units it was reached through */
} Held;

static void
held_free (gpointer p)
{
  Held *h = p;
  g_ptr_array_unref (h->anchors);
  g_free (h);
}

static void
hold (GHashTable *held, const char *person, SqliteBaselineCategory category, const char *anchor)
{
  Held *h = g_hash_table_lookup (held, person);

  if (h == NULL)
    {
      h = g_new0 (Held, 1);
      h->person = person;
      h->category = category;
      h->anchors = g_ptr_array_new ();
      g_hash_table_insert (held, (gpointer) person, h);
    }
  h->category = MIN (h->category, category);
  if (anchor != NULL)
    add_unique (h->anchors, anchor);
}

static gboolean
in_list (const char *const *list, const char *id)
{
  for (; list != NULL && *list != NULL; list++)
    if (strcmp (*list, id) == 0)
      return TRUE;
  return FALSE;
}

/* Whether p took part in a decision of committee k without dissenting. */
static gboolean
participant (const SqliteBaselineEvent *ev, const char *k, const char *p)
{
  for (guint d = 0; d < ev->n_decisions; d++)
    if (g_strcmp0 (ev->decisions[d].committee, k) == 0 && in_list (ev->decisions[d].participants, p) &&
        !in_list (ev->decisions[d].dissent, p))
      return TRUE;
  return FALSE;
}

/* managers(K) of SPEC §4.3, remembered for the event. */
static GPtrArray *
managers (Query *q, const char *k)
{
  g_autofree char *key = g_strconcat ("m:", k, NULL);
  GPtrArray *out = g_hash_table_lookup (q->memo, key);
  const char *scope, *type, *found = NULL;

  if (out != NULL)
    return out;
  out = g_ptr_array_new ();
  g_hash_table_insert (q->memo, g_steal_pointer (&key), out);
  if (all (q, ST_IN, k, "manages", out) > 0)
    return out;
  scope = first (q, ST_OUT, k, "leads");
  type = node_info (q, scope, NULL, NULL, NULL);
  if (g_strcmp0 (type, "unit") == 0)
    {
      const char *cur = first (q, ST_OUT, scope, "under");
      for (guint steps = 0; cur != NULL && found == NULL && steps <= q->self->n_nodes; steps++)
        {
          found = first (q, ST_IN, cur, "leads");
          if (found == NULL)
            cur = first (q, ST_OUT, cur, "under");
        }
      if (found == NULL)
        {
          const char *g = unit_region (q, scope);
          found = g != NULL ? region_leader (q, g) : NULL;
        }
    }
  else if (g_strcmp0 (type, "region") == 0)
    {
      const char *g = first (q, ST_OUT, scope, "within");
      found = g != NULL ? region_leader (q, g) : NULL;
    }
  if (found != NULL && found != k)
    g_ptr_array_add (out, (gpointer) found);
  return out;
}

/* The proposers for person p under authority a: the coordinators of a's
 * region, nearest up, passing over an office p heads. */
static void
proposers (Query *q, const char *a, const char *p, GPtrArray *out)
{
  g_autoptr (GPtrArray) up = g_ptr_array_new ();
  g_autoptr (GPtrArray) found = g_ptr_array_new ();
  const char *scope = first (q, ST_OUT, a, "leads"), *type = node_info (q, scope, NULL, NULL, NULL), *g;

  g = g_strcmp0 (type, "region") == 0 ? scope : scope != NULL ? unit_region (q, scope) : NULL;
  if (g == NULL)
    return;
  all (q, ST_UP, g, NULL, up);
  for (guint i = 0; i < up->len; i++)
    {
      guint kept = 0;

      g_ptr_array_set_size (found, 0);
      all (q, ST_IN, up->pdata[i], "coordinates", found);
      for (guint j = 0; j < found->len; j++)
        if (!linked (q, p, "heads", found->pdata[j]))
          found->pdata[kept++] = found->pdata[j];
      if (kept > 0)
        {
          for (guint j = 0; j < kept; j++)
            add_unique (out, found->pdata[j]);
          return;
        }
    }
}

/* Authority and proposer of one liable person (SPEC §4.3). */
static void
authority (Query *q, const Held *h, SqliteBaselineLiable *l)
{
  g_autoptr (GPtrArray) auth = g_ptr_array_new ();
  g_autoptr (GPtrArray) prop = g_ptr_array_new ();

  for (guint i = 0; i < h->anchors->len; i++)
    {
      const char *anchor = h->anchors->pdata[i], *k;
      const char *type = node_info (q, anchor, NULL, NULL, NULL);
      GPtrArray *m;

      if (g_strcmp0 (type, "committee") == 0)
        k = anchor;
      else
        {
          k = committee_of (q, anchor);
          if (k == NULL)
            continue;
          /* someone seated on the unit's committee answers to those who
           * manage it; anyone else in the unit to the committee itself */
          if (!linked (q, h->person, "member", k))
            {
              add_unique (auth, k);
              continue;
            }
        }
      m = managers (q, k);
      for (guint j = 0; j < m->len; j++)
        add_unique (auth, m->pdata[j]);
    }
  for (guint i = 0; i < auth->len; i++)
    proposers (q, auth->pdata[i], h->person, prop);
  for (guint i = 0; i < auth->len; i++)
    g_ptr_array_add (l->authority, g_strdup (auth->pdata[i]));
  for (guint i = 0; i < prop->len; i++)
    g_ptr_array_add (l->proposer, g_strdup (prop->pdata[i]));
  sort_unique (l->authority);
  sort_unique (l->proposer);
}

static void
liable_free (gpointer p)
{
  SqliteBaselineLiable *l = p;

  g_free (l->person);
  g_ptr_array_unref (l->authority);
  g_ptr_array_unref (l->proposer);
  g_free (l);
}

void
sqlite_baseline_verdict_init (SqliteBaselineVerdict *v)
{
  memset (v, 0, sizeof *v);
  v->liable = g_ptr_array_new_with_free_func (liable_free);
}

void
sqlite_baseline_verdict_clear (SqliteBaselineVerdict *v)
{
  for (guint i = 0; i < v->n_subjects; i++)
    sqlite_baseline_roles_clear (&v->roles[i]);
  g_clear_pointer (&v->roles, g_free);
  v->n_subjects = 0;
  g_clear_pointer (&v->liable, g_ptr_array_unref);
}

static int
cmp_liable (gconstpointer a, gconstpointer b)
{
  const SqliteBaselineLiable *x = *(SqliteBaselineLiable *const *) a, *y = *(SqliteBaselineLiable *const *) b;
  return strcmp (x->person, y->person);
}

/* The subject rules of the default rulebook, in its order: the role, its
 * category, and the fact its condition reads (-1: none). */
static const struct {
  SqliteBaselineRole role;
  SqliteBaselineCategory category;
  int condition;
} subject_rules[] = {
  { SQLITE_BASELINE_SECURITY_LEAD, SQLITE_BASELINE_PRIMARY_LEADERSHIP, -1 },
  { SQLITE_BASELINE_UNIT_HEAD, SQLITE_BASELINE_PRIMARY_LEADERSHIP, -1 },
  { SQLITE_BASELINE_FIRST_RESPONSIBLE, SQLITE_BASELINE_PRIMARY_LEADERSHIP, -1 },
  { SQLITE_BASELINE_DIRECT_RESPONSIBLE, SQLITE_BASELINE_PRIMARY_LEADERSHIP, -1 },
  { SQLITE_BASELINE_TEAM_MEMBER, SQLITE_BASELINE_IMPORTANT_LEADERSHIP, -1 },
  { SQLITE_BASELINE_REGULATOR_HEAD, SQLITE_BASELINE_PRIMARY_LEADERSHIP, SQLITE_BASELINE_F_SUPERVISION_FAILED },
  { SQLITE_BASELINE_REGIONAL_SUPERVISOR, SQLITE_BASELINE_PRIMARY_LEADERSHIP, SQLITE_BASELINE_F_SUPERVISION_FAILED },
  { SQLITE_BASELINE_COORDINATOR_HEAD, SQLITE_BASELINE_PRIMARY_LEADERSHIP, SQLITE_BASELINE_F_COORDINATION_FAILED },
};

gboolean
sqlite_baseline_assess (SqliteBaseline *self, const SqliteBaselineEvent *ev, SqliteBaselineVerdict *v,
                        GError **error)
{
  Query q;
  guint n = 0;
  Subject *subjects;
  Truth c[SQLITE_BASELINE_N_CIRCUMSTANCES];
  gboolean in_force = ev->at >= MEASURES_SINCE, any_event_wide;
  g_autoptr (GHashTable) held = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, held_free);
  g_autofree gboolean *liable = NULL;

  sqlite_baseline_verdict_clear (v);
  v->liable = g_ptr_array_new_with_free_func (liable_free);
  for (const char *const *s = ev->subjects; s != NULL && *s != NULL; s++)
    n++;
  query_init (&q, self, ev->at);
  subjects = g_new0 (Subject, MAX (n, 1));
  liable = g_new0 (gboolean, MAX (n, 1));

  /* every subject's roles, whatever comes of the event */
  for (guint i = 0; i < n && q.error == NULL; i++)
    resolve_subject (&q, ev->subjects[i], &subjects[i]);

  /* the circumstances */
  for (guint k = 0; k < SQLITE_BASELINE_N_CIRCUMSTANCES; k++)
    c[k] = F;
  if (in_force && q.error == NULL)
    {
      c[2] = or2 (or2 (fact (ev, SQLITE_BASELINE_F_LEAK_STATE_SECRETS), fact (ev, SQLITE_BASELINE_F_LEAK_PERSONAL_INFO_MASS)),
                  or2 (at_least (ev, SQLITE_BASELINE_F_LEAK_PERSONAL_INFO_RECORDS, MASS_LEAK_RECORDS),
                       fact (ev, SQLITE_BASELINE_F_LEAK_BASIC_DATA)));
      c[4] = or2 (or2 (fact (ev, SQLITE_BASELINE_F_CONCEALED), fact (ev, SQLITE_BASELINE_F_REFUSED_INVESTIGATION)),
                  and2 (fact (ev, SQLITE_BASELINE_F_NOTIFIED_RISK_UNRECTIFIED), fact (ev, SQLITE_BASELINE_F_SERIOUS_CONSEQUENCE)));
      c[5] = fact (ev, SQLITE_BASELINE_F_OBSTRUCTED_SECURITY_ORGANS);
      c[6] = fact (ev, SQLITE_BASELINE_F_OTHER_SERIOUS);
      for (guint i = 0; i < n; i++)
        {
          Subject *s = &subjects[i];
          Truth best[SQLITE_BASELINE_N_CIRCUMSTANCES] = { F, F, F, F, F, F, F };
          const char *sponsor;

          if (!s->is_system)
            continue;   /* a unit takes part only in event-wide circumstances */
          sponsor = first (&q, ST_IN, s->id, "sponsors");
          /* with several operators it holds if it holds for any of them */
          for (guint o = 0; o < MAX (s->ops->len, 1); o++)
            {
              Truth t[SQLITE_BASELINE_N_CIRCUMSTANCES];
              const char *op = s->ops->len > 0 ? s->ops->pdata[o] : NULL;

              system_circumstances (&q, ev, s, op, op != NULL ? s->op_regions->pdata[o] : NULL, sponsor, t);
              best[0] = best_of (best[0], t[0]);
              best[1] = best_of (best[1], t[1]);
              best[3] = best_of (best[3], t[3]);
            }
          for (guint k = 0; k < 4; k++)
            if (k != 2)
              {
                liable[i] |= best[k] == T;
                c[k] = best_of (c[k], best[k]);
              }
        }
    }
  any_event_wide = c[2] == T || c[4] == T || c[5] == T || c[6] == T;
  memcpy (v->circumstances, c, sizeof c);
  v->status = SQLITE_BASELINE_NOT_TRIGGERED;
  for (guint k = 0; k < SQLITE_BASELINE_N_CIRCUMSTANCES; k++)
    if (c[k] == T)
      v->status = SQLITE_BASELINE_TRIGGERED;
    else if (c[k] == U && v->status == SQLITE_BASELINE_NOT_TRIGGERED)
      v->status = SQLITE_BASELINE_UNDETERMINED;

  /* the liability rules, only when triggered */
  if (v->status == SQLITE_BASELINE_TRIGGERED && q.error == NULL)
    {
      for (guint i = 0; i < n; i++)
        {
          Subject *s = &subjects[i];

          /* a system beside the one that failed is not traced */
          if (!any_event_wide && !liable[i])
            continue;
          for (const char *const *p = ev->involved; p != NULL && *p != NULL; p++)
            for (guint o = 0; o < s->ops->len; o++)
              hold (held, intern (&q, (const unsigned char *) *p), SQLITE_BASELINE_DIRECT, s->ops->pdata[o]);
          for (const char *const *p = ev->involved; p != NULL && *p != NULL && s->ops->len == 0; p++)
            hold (held, intern (&q, (const unsigned char *) *p), SQLITE_BASELINE_DIRECT, NULL);
          for (guint r = 0; r < G_N_ELEMENTS (subject_rules); r++)
            {
              if (subject_rules[r].condition >= 0 && fact (ev, subject_rules[r].condition) != T)
                continue;
              for (guint k = 0; k < s->hits->len; k++)
                {
                  const Hit *h = &g_array_index (s->hits, Hit, k);

                  if (h->role != subject_rules[r].role)
                    continue;
                  if (h->role == SQLITE_BASELINE_TEAM_MEMBER && !participant (ev, h->anchor, h->node))
                    continue;
                  if (h->anchor != NULL)
                    hold (held, h->node, subject_rules[r].category, h->anchor);
                  else
                    /* the system's own security lead: through each operator */
                    for (guint o = 0; o < MAX (s->ops->len, 1); o++)
                      hold (held, h->node, subject_rules[r].category, s->ops->len ? s->ops->pdata[o] : NULL);
                }
            }
        }

      /* collective responsibility: the deciding committee's main leader
       * and cyber lead, and its members who took part; not through a
       * decision one dissented from */
      for (guint d = 0; d < ev->n_decisions; d++)
        {
          const SqliteBaselineDecision *dec = &ev->decisions[d];
          const char *k = intern (&q, (const unsigned char *) dec->committee);
          g_autoptr (GPtrArray) people = g_ptr_array_new ();

          seated (&q, k, "main_leader", people);
          seated (&q, k, "cyber_lead", people);
          for (guint i = 0; i < people->len; i++)
            if (!in_list (dec->dissent, people->pdata[i]))
              hold (held, people->pdata[i], SQLITE_BASELINE_PRIMARY_LEADERSHIP, k);
          g_ptr_array_set_size (people, 0);
          seated (&q, k, "member", people);
          for (guint i = 0; i < people->len; i++)
            if (in_list (dec->participants, people->pdata[i]) && !in_list (dec->dissent, people->pdata[i]))
              hold (held, people->pdata[i], SQLITE_BASELINE_IMPORTANT_LEADERSHIP, k);
        }

      /* accountability Art. 17: the exempted are not liable */
      for (const char *const *p = ev->exempted; p != NULL && *p != NULL; p++)
        g_hash_table_remove (held, *p);

      {
        GHashTableIter it;
        gpointer value;

        g_hash_table_iter_init (&it, held);
        while (g_hash_table_iter_next (&it, NULL, &value) && q.error == NULL)
          {
            const Held *h = value;
            SqliteBaselineLiable *l = g_new0 (SqliteBaselineLiable, 1);

            l->person = g_strdup (h->person);
            l->category = h->category;
            l->authority = g_ptr_array_new_with_free_func (g_free);
            l->proposer = g_ptr_array_new_with_free_func (g_free);
            authority (&q, h, l);
            g_ptr_array_add (v->liable, l);
          }
        g_ptr_array_sort (v->liable, cmp_liable);
      }
    }

  v->n_subjects = n;
  v->roles = g_new0 (SqliteBaselineRoles, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      sqlite_baseline_roles_init (&v->roles[i]);
      if (subjects[i].hits != NULL)
        hits_to_roles (subjects[i].hits, &v->roles[i]);
      subject_clear (&subjects[i]);
    }
  g_free (subjects);
  if (q.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&q.error));
      query_clear (&q);
      return FALSE;
    }
  query_clear (&q);
  return TRUE;
}
