/* sqlite-baseline.c: SPEC §4.3 role resolution written as SQL, for comparison
 *
 * The model goes into two tables, nodes and relations, with instants as
 * integers (microseconds; an open end is INT64 min or max, so "live at t"
 * is always `since <= t AND t < until`, no NULL cases). Two covering
 * indexes serve every lookup: (src, rel, since, until, dst) for walking a
 * relation forwards and (dst, rel, since, until, src, role) for walking it
 * backwards. Each role is one prepared statement, reused for every query.
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

/* `live(x)`: relation x holds at ?2 (every statement binds the instant as
 * ?2 and the depth bound, the node count, as ?3). */
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
  ST_TYPE,
  ST_OPERATORS,
  ST_IN,
  ST_CHAIN,
  ST_COMMITTEE,
  ST_SEATS,
  ST_REGULATORS,
  ST_REGION_COMMITTEE,
  ST_COORDINATORS,
  ST_COUNT,
};

static const char *const statement_sql[ST_COUNT] = {
  [ST_TYPE] = "SELECT type FROM nodes WHERE id = ?1",

  [ST_OPERATORS] =
    "SELECT r.src FROM relations AS r WHERE r.dst = ?1 AND r.rel = 'operates' AND " LIVE ("r"),

  /* who holds `?4` (heads, security_lead) of node ?1 */
  [ST_IN] =
    "SELECT r.src FROM relations AS r WHERE r.dst = ?1 AND r.rel = ?4 AND " LIVE ("r"),

  [ST_CHAIN] =
    "WITH RECURSIVE " CTE_CHAIN
    " SELECT unit FROM chain ORDER BY depth",

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

  [ST_SEATS] =
    "SELECT m.src, m.role FROM relations AS m WHERE m.dst = ?1 AND m.rel = 'member' AND " LIVE ("m"),

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

  /* the offices coordinating the operator's region, or the nearest above */
  [ST_COORDINATORS] =
    "WITH RECURSIVE " CTE_CHAIN ", " CTE_HOME ", " CTE_UP ","
    " found (unit, depth) AS ("
    "   SELECT c.src, up.depth FROM up"
    "   JOIN relations AS c ON c.dst = up.region AND c.rel = 'coordinates' WHERE " LIVE ("c") ")"
    " SELECT unit FROM found WHERE depth = (SELECT min(depth) FROM found)",
};

struct _SqliteBaseline {
  sqlite3 *db;
  sqlite3_stmt *st[ST_COUNT];
  guint n_nodes;
  guint n_relations;
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

  for (guint i = 0; i < ST_COUNT; i++)
    if (sqlite3_prepare_v3 (self->db, statement_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &self->st[i], NULL) != SQLITE_OK)
      {
        sql_error (self->db, statement_sql[i], error);
        goto fail;
      }
  self->n_nodes = count (self->db, "SELECT count(*) FROM nodes");
  self->n_relations = count (self->db, "SELECT count(*) FROM relations");
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

/* Sorts and drops repeats through the array's own free function (the
 * caller's array in sqlite_baseline_liable). The sets are small. */
static void
sort_unique (GPtrArray *a)
{
  g_ptr_array_sort (a, cmp_str);
  for (guint i = a->len; i-- > 1;)
    if (strcmp (a->pdata[i - 1], a->pdata[i]) == 0)
      g_ptr_array_remove_index (a, i);
}

/* Binds the common parameters (?1 node, ?2 instant, ?3 depth bound). */
static sqlite3_stmt *
start (SqliteBaseline *self, guint which, const char *node, gint64 at)
{
  sqlite3_stmt *st = self->st[which];

  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  sqlite3_bind_text (st, 1, node, -1, SQLITE_STATIC);
  if (sqlite3_bind_parameter_count (st) >= 2)
    sqlite3_bind_int64 (st, 2, at);
  if (sqlite3_bind_parameter_count (st) >= 3)
    sqlite3_bind_int64 (st, 3, (sqlite3_int64) self->n_nodes + 1);
  return st;
}

/* Steps st to the end, adding column 0 of each row to out (if not NULL);
 * returns the number of rows, or -1 on error. */
static int
collect (SqliteBaseline *self, sqlite3_stmt *st, GPtrArray *out, GError **error)
{
  int rc, n = 0;

  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      if (out != NULL)
        g_ptr_array_add (out, g_strdup ((const char *) sqlite3_column_text (st, 0)));
      n++;
    }
  if (rc != SQLITE_DONE)
    {
      sql_error (self->db, sqlite3_sql (st), error);
      sqlite3_reset (st);
      return -1;
    }
  sqlite3_reset (st);
  return n;
}

static int
incoming (SqliteBaseline *self, const char *node, const char *rel, gint64 at, GPtrArray *out, GError **error)
{
  sqlite3_stmt *st = start (self, ST_IN, node, at);

  sqlite3_bind_text (st, 4, rel, -1, SQLITE_STATIC);
  return collect (self, st, out, error);
}

/* The seats of committee k: main leaders, cyber leads and members into the
 * three arrays (any may be NULL). */
static gboolean
seats (SqliteBaseline *self, const char *k, gint64 at, GPtrArray *main, GPtrArray *cyber,
       GPtrArray *member, GError **error)
{
  sqlite3_stmt *st = start (self, ST_SEATS, k, at);
  int rc;

  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char *p = (const char *) sqlite3_column_text (st, 0);
      const char *role = (const char *) sqlite3_column_text (st, 1);
      GPtrArray *to = g_strcmp0 (role, "main_leader") == 0 ? main
                    : g_strcmp0 (role, "cyber_lead") == 0 ? cyber : member;

      if (to != NULL)
        g_ptr_array_add (to, g_strdup (p));
    }
  if (rc != SQLITE_DONE)
    {
      sql_error (self->db, "seats", error);
      sqlite3_reset (st);
      return FALSE;
    }
  sqlite3_reset (st);
  return TRUE;
}

/* One statement that yields at most one id; NULL when none. */
static char *
one (SqliteBaseline *self, sqlite3_stmt *st, GError **error, gboolean *ok)
{
  char *id = NULL;
  int rc = sqlite3_step (st);

  *ok = TRUE;
  if (rc == SQLITE_ROW)
    id = g_strdup ((const char *) sqlite3_column_text (st, 0));
  else if (rc != SQLITE_DONE)
    *ok = sql_error (self->db, sqlite3_sql (st), error);
  sqlite3_reset (st);
  return id;
}

static gboolean
resolve_operator (SqliteBaseline *self, const char *subject, gboolean is_system, const char *op,
                  gint64 at, gboolean system_has_lead, SqliteBaselineRoles *R, GError **error)
{
  GPtrArray **S = R->sets;
  g_autoptr (GPtrArray) regs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *k = NULL;
  sqlite3_stmt *st;
  gboolean ok;

  g_ptr_array_add (S[SQLITE_BASELINE_OPERATOR], g_strdup (op));
  if (collect (self, start (self, ST_CHAIN, op, at), S[SQLITE_BASELINE_CHAIN], error) < 0)
    return FALSE;

  k = one (self, start (self, ST_COMMITTEE, op, at), error, &ok);
  if (!ok)
    return FALSE;
  if (k != NULL)
    {
      g_ptr_array_add (S[SQLITE_BASELINE_COMMITTEE], g_strdup (k));
      if (!seats (self, k, at, S[SQLITE_BASELINE_FIRST_RESPONSIBLE], S[SQLITE_BASELINE_DIRECT_RESPONSIBLE],
                  S[SQLITE_BASELINE_TEAM_MEMBER], error))
        return FALSE;
    }

  if (!system_has_lead && incoming (self, op, "security_lead", at, S[SQLITE_BASELINE_SECURITY_LEAD], error) < 0)
    return FALSE;
  if (incoming (self, op, "heads", at, S[SQLITE_BASELINE_UNIT_HEAD], error) < 0)
    return FALSE;

  st = start (self, ST_REGULATORS, op, at);
  if (is_system)
    sqlite3_bind_text (st, 4, subject, -1, SQLITE_STATIC);
  if (collect (self, st, regs, error) < 0)
    return FALSE;
  for (guint i = 0; i < regs->len; i++)
    {
      g_ptr_array_add (S[SQLITE_BASELINE_REGULATOR], g_strdup (regs->pdata[i]));
      if (incoming (self, regs->pdata[i], "heads", at, S[SQLITE_BASELINE_REGULATOR_HEAD], error) < 0)
        return FALSE;
    }
  /* Art. 4: without a regulator, the region answers */
  if (regs->len == 0)
    {
      g_autofree char *rk = one (self, start (self, ST_REGION_COMMITTEE, op, at), error, &ok);
      if (!ok)
        return FALSE;
      if (rk != NULL && !seats (self, rk, at, S[SQLITE_BASELINE_REGIONAL_SUPERVISOR],
                                S[SQLITE_BASELINE_REGIONAL_SUPERVISOR], NULL, error))
        return FALSE;
    }

  g_ptr_array_set_size (regs, 0);
  if (collect (self, start (self, ST_COORDINATORS, op, at), regs, error) < 0)
    return FALSE;
  for (guint i = 0; i < regs->len; i++)
    {
      g_ptr_array_add (S[SQLITE_BASELINE_COORDINATOR], g_strdup (regs->pdata[i]));
      if (incoming (self, regs->pdata[i], "heads", at, S[SQLITE_BASELINE_COORDINATOR_HEAD], error) < 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
sqlite_baseline_resolve (SqliteBaseline *self, const char *subject_id, gint64 at,
                         SqliteBaselineRoles *roles, GError **error)
{
  g_autoptr (GPtrArray) ops = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *type = NULL;
  gboolean is_system, ok;
  int n_leads = 0;

  for (guint i = 0; i < SQLITE_BASELINE_N_ROLES; i++)
    g_ptr_array_set_size (roles->sets[i], 0);

  type = one (self, start (self, ST_TYPE, subject_id, at), error, &ok);
  if (!ok)
    return FALSE;
  if (type == NULL)
    {
      g_set_error (error, SQLITE_BASELINE_ERROR, SQLITE_BASELINE_ERROR_NOT_FOUND, "no node '%s'", subject_id);
      return FALSE;
    }
  is_system = g_str_equal (type, "system");
  if (!is_system && !g_str_equal (type, "unit"))
    {
      g_set_error (error, SQLITE_BASELINE_ERROR, SQLITE_BASELINE_ERROR_WRONG_TYPE,
                   "'%s' is a %s, not a system or unit", subject_id, type);
      return FALSE;
    }

  if (is_system)
    {
      if (collect (self, start (self, ST_OPERATORS, subject_id, at), ops, error) < 0)
        return FALSE;
      /* the system's own security lead stands for every operator's */
      n_leads = incoming (self, subject_id, "security_lead", at, roles->sets[SQLITE_BASELINE_SECURITY_LEAD], error);
      if (n_leads < 0)
        return FALSE;
    }
  else
    g_ptr_array_add (ops, g_strdup (subject_id));

  for (guint i = 0; i < ops->len; i++)
    if (!resolve_operator (self, subject_id, is_system, ops->pdata[i], at, n_leads > 0, roles, error))
      return FALSE;

  for (guint i = 0; i < SQLITE_BASELINE_N_ROLES; i++)
    sort_unique (roles->sets[i]);
  return TRUE;
}

/* ---- liability ---- */

static gboolean
in_list (const char *const *list, const char *id)
{
  for (; list != NULL && *list != NULL; list++)
    if (strcmp (*list, id) == 0)
      return TRUE;
  return FALSE;
}

static void
add_all (GHashTable *set, GPtrArray *ids)
{
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (set, g_strdup (ids->pdata[i]));
}

/* Members of committee k who took part in a decision of k. */
static gboolean
add_participants (SqliteBaseline *self, GHashTable *set, const char *k, gint64 at,
                  const SqliteBaselineEvent *ev, GError **error)
{
  g_autoptr (GPtrArray) members = g_ptr_array_new_with_free_func (g_free);

  if (!seats (self, k, at, NULL, NULL, members, error))
    return FALSE;
  /* accountability Art. 17: a dissent on record takes off only what its
   * decision made the member liable for */
  for (guint i = 0; i < members->len; i++)
    for (guint d = 0; d < ev->n_decisions; d++)
      if (g_strcmp0 (ev->decisions[d].committee, k) == 0 &&
          in_list (ev->decisions[d].participants, members->pdata[i]) &&
          !in_list (ev->decisions[d].dissent, members->pdata[i]))
        g_hash_table_add (set, g_strdup (members->pdata[i]));
  return TRUE;
}

gboolean
sqlite_baseline_liable (SqliteBaseline *self, const char *subject_id, gint64 at,
                        const SqliteBaselineEvent *ev, GPtrArray *out_person_ids, GError **error)
{
  g_autoptr (GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter it;
  gpointer key;

  if (!ev->triggered)
    return TRUE;

  if (ev->subject_liable)
    {
      SqliteBaselineRoles R;
      gboolean ok;

      sqlite_baseline_roles_init (&R);
      ok = sqlite_baseline_resolve (self, subject_id, at, &R, error);
      if (ok)
        {
          for (const char *const *p = ev->involved; p != NULL && *p != NULL; p++)
            g_hash_table_add (set, g_strdup (*p));
          add_all (set, R.sets[SQLITE_BASELINE_SECURITY_LEAD]);
          add_all (set, R.sets[SQLITE_BASELINE_UNIT_HEAD]);
          add_all (set, R.sets[SQLITE_BASELINE_FIRST_RESPONSIBLE]);
          add_all (set, R.sets[SQLITE_BASELINE_DIRECT_RESPONSIBLE]);
          for (guint i = 0; ok && i < R.sets[SQLITE_BASELINE_COMMITTEE]->len; i++)
            ok = add_participants (self, set, R.sets[SQLITE_BASELINE_COMMITTEE]->pdata[i], at, ev, error);
          if (ev->supervision_failed == SQLITE_BASELINE_TRUE)
            {
              add_all (set, R.sets[SQLITE_BASELINE_REGULATOR_HEAD]);
              add_all (set, R.sets[SQLITE_BASELINE_REGIONAL_SUPERVISOR]);
            }
          if (ev->coordination_failed == SQLITE_BASELINE_TRUE)
            add_all (set, R.sets[SQLITE_BASELINE_COORDINATOR_HEAD]);
        }
      sqlite_baseline_roles_clear (&R);
      if (!ok)
        return FALSE;
    }

  /* collective responsibility: the deciding committee's leaders, and its
   * members who took part */
  for (guint d = 0; d < ev->n_decisions; d++)
    {
      g_autoptr (GPtrArray) leaders = g_ptr_array_new_with_free_func (g_free);

      if (!seats (self, ev->decisions[d].committee, at, leaders, leaders, NULL, error) ||
          !add_participants (self, set, ev->decisions[d].committee, at, ev, error))
        return FALSE;
      for (guint i = 0; i < leaders->len; i++)
        if (!in_list (ev->decisions[d].dissent, leaders->pdata[i]))
          g_hash_table_add (set, g_strdup (leaders->pdata[i]));
    }

  /* accountability Art. 17: the listed exemptions take the person out */
  for (const char *const *p = ev->exempted; p != NULL && *p != NULL; p++)
    g_hash_table_remove (set, *p);

  g_hash_table_iter_init (&it, set);
  while (g_hash_table_iter_next (&it, &key, NULL))
    g_ptr_array_add (out_person_ids, g_strdup (key));
  sort_unique (out_person_ids);
  return TRUE;
}
