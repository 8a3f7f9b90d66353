/* resp-model-loader.c: model file (SPEC §3.4) → frozen RespModel
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The loader streams: it takes tokens from the JSON reader one object at a
 * time and never builds a tree of the file, so a national model costs its
 * own arrays and not a DOM. Every problem becomes a RespDiagnostic with the
 * position SPEC §3.4 assigns it; the load goes on to find more, and fails
 * as a whole if there was any. Checks that need the whole graph (dangling
 * references, endpoint types, cardinality, cycles) run after the parse.
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "resp-model-private.h"
#include "resp-vec-private.h"
#include "resp-model-load-private.h"
#include "resp-limits-private.h"
#include "resp-snapshot-private.h"
#include "resp-json-reader-private.h"
#include "resp-instant-private.h"
#include "resp-diagnostic.h"
#include "resp-error.h"

#define MODEL_FORMAT "libresp/model/1"
#define MAX_ID_BYTES 256
#define ATTR_BUF 64

/* Where a relation was written: its '{' in full, its `from` and `to` values
 * as byte distances from it (line and column are worked out only for an
 * error message). */
typedef struct {
  guint32 line, col;
  gsize   off;
  guint32 from_delta, to_delta;
} RelPos;

/* The object being parsed: positions of its members are computed from it,
 * and only when a message needs them. */
typedef struct {
  guint line, col;
  gsize off;
} ObjPos;

typedef struct {
  guint32 rel;
  gboolean is_to;
  char *id;
} PendingRef;

typedef struct {
  RespModel      *m;
  RespJsonReader *r;
  const char     *data;
  const char     *file;
  GPtrArray      *diags;
  guint           max_errors;
  gboolean        fatal;
  /* nodes */
  guint32         nodes_cap;
  guint32        *node_pos;   /* line, col of each node's id value */
  gsize           names_cap;
  gsize           extras_cap;
  /* relations, in file order until freeze */
  guint32         rels_cap;
  RelPos         *rel_pos;
  guint8         *rel_ok;
  GArray         *pending;
  GString        *s1;
  GString        *s2;
  /* a file mapping of our own: pages already parsed can be dropped */
  gboolean        input_is_mapping;
  gsize           dropped;
  ObjPos          obj;
  /* for reading the relations in two halves */
  gsize           length;
  guint           max_depth;
  gsize           max_string;
  gboolean        nodes_read;
  const RespModelLoadOptions *options;
} Loader;

/* Line and column of byte offset off inside the object that starts at o. */
static void
pos_from (const Loader *L, const ObjPos *o, gsize off, guint *line, guint *col)
{
  const guchar *d = (const guchar *) L->data;
  guint l = o->line, c = o->col;

  for (gsize i = o->off; i < off; i++)
    {
      if (d[i] == '\n')
        l++, c = 1;
      else if ((d[i] & 0xC0) != 0x80)
        c++;
    }
  *line = l;
  *col = c;
}

static guint
line_at (const Loader *L, gsize off)
{
  guint l, c;
  pos_from (L, &L->obj, off, &l, &c);
  return l;
}

static guint
col_at (const Loader *L, gsize off)
{
  guint l, c;
  pos_from (L, &L->obj, off, &l, &c);
  return c;
}

#define AT(off) line_at (L, (off)), col_at (L, (off))

static void G_GNUC_PRINTF (5, 6)
add_error (Loader *L, RespError code, guint line, guint col, const char *fmt, ...)
{
  va_list ap;
  char *msg;

  if (L->diags->len >= L->max_errors)
    {
      L->fatal = TRUE;
      return;
    }
  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_ptr_array_add (L->diags, resp_diagnostic_new (code, L->file, line, col, msg));
  g_free (msg);
  if (L->diags->len >= L->max_errors)
    {
      g_ptr_array_add (L->diags,
                       resp_diagnostic_new (RESP_ERROR_LIMIT, L->file, line, col,
                                            "too many errors; stopping here"));
      L->fatal = TRUE;
    }
}

static void
reader_error (Loader *L)
{
  RespError code;

  switch (resp_json_reader_get_status (L->r))
    {
    case RESP_JSON_READER_DUPLICATE_KEY: code = RESP_ERROR_DUPLICATE_KEY; break;
    case RESP_JSON_READER_TOO_DEEP:
    case RESP_JSON_READER_TOO_LONG: code = RESP_ERROR_LIMIT; break;
    case RESP_JSON_READER_NUMBER_RANGE: code = RESP_ERROR_BAD_VALUE; break;
    default: code = RESP_ERROR_MALFORMED_JSON; break;
    }
  add_error (L, code, resp_json_reader_get_line (L->r), resp_json_reader_get_column (L->r),
             "%s", resp_json_reader_get_message (L->r));
  L->fatal = TRUE;
}

static RespJsonToken
next (Loader *L)
{
  RespJsonToken t = resp_json_reader_next (L->r);

  if (t == RESP_JSON_TOKEN_ERROR)
    reader_error (L);
  return t;
}

/* Skips the rest of a value whose first token was just read. */
static gboolean
skip (Loader *L, RespJsonToken first)
{
  if (first == RESP_JSON_TOKEN_ERROR)
    return FALSE;
  if (!resp_json_reader_skip_value (L->r, NULL))
    {
      reader_error (L);
      return FALSE;
    }
  return TRUE;
}

static const char *
token_kind (RespJsonToken t)
{
  switch (t)
    {
    case RESP_JSON_TOKEN_BEGIN_OBJECT: return "an object";
    case RESP_JSON_TOKEN_BEGIN_ARRAY: return "an array";
    case RESP_JSON_TOKEN_STRING: return "a string";
    case RESP_JSON_TOKEN_NUMBER: return "a number";
    case RESP_JSON_TOKEN_TRUE:
    case RESP_JSON_TOKEN_FALSE: return "a boolean";
    case RESP_JSON_TOKEN_NULL: return "null";
    default: return "nothing";
    }
}

static void
suggest_suffix (char *buf, gsize size, const char * const *names, guint n, const char *name)
{
  const char *s = resp_suggest (names, n, name);

  if (s != NULL)
    g_snprintf (buf, size, " (did you mean '%s'?)", s);
  else
    buf[0] = '\0';
}

/* Appends to a fixed buffer, truncating; cheaper than g_strlcat, which
 * matters because every node and relation gets a description. */
static gsize
put (char *buf, gsize used, gsize size, const char *s)
{
  gsize n = strlen (s);

  if (used + 1 >= size)
    return used;
  n = MIN (n, size - 1 - used);
  memcpy (buf + used, s, n);
  buf[used + n] = '\0';
  return used + n;
}

/* A value in the current object, remembered until the object closes. */
typedef struct {
  gboolean present;
  gsize off;               /* of the value */
  gsize key_off;           /* of the key */
  char text[ATTR_BUF];     /* short string values (truncated) */
  gboolean truncated;
} Field;

/* Empties the fields of an object: all but the text, which only a present
 * field's reader fills and reads. (Clearing the whole array was 40 % of
 * parsing a node: it runs for every node and relation.) */
static inline void
fields_clear (Field *f, guint n)
{
  for (guint k = 0; k < n; k++)
    {
      f[k].present = f[k].truncated = FALSE;
      f[k].off = f[k].key_off = 0;
      f[k].text[0] = '\0';
    }
}

static void
field_set_pos (Loader *L, Field *f, gsize key_off)
{
  f->present = TRUE;
  f->key_off = key_off;
  f->off = resp_json_reader_get_offset (L->r);
}

/* Reads a string value into f (short text kept) or reports its type. */
static gboolean
read_short_string (Loader *L, Field *f, const char *what, const char *key,
                   gsize key_off)
{
  RespJsonToken t = next (L);
  gsize len;
  const char *s;

  if (t == RESP_JSON_TOKEN_ERROR)
    return FALSE;
  field_set_pos (L, f, key_off);
  if (t != RESP_JSON_TOKEN_STRING)
    {
      add_error (L, RESP_ERROR_BAD_VALUE, AT (f->off),
                 "%s: '%s' must be a string, not %s", what, key, token_kind (t));
      f->present = FALSE;
      return skip (L, t);
    }
  s = resp_json_reader_get_string (L->r, &len);
  f->truncated = len >= ATTR_BUF;
  memcpy (f->text, s, MIN (len, ATTR_BUF - 1));
  f->text[MIN (len, ATTR_BUF - 1)] = '\0';
  return TRUE;
}

/* Reads a string value into a GString. */
static gboolean
read_long_string (Loader *L, Field *f, GString *out, const char *what, const char *key,
                  gsize key_off)
{
  RespJsonToken t = next (L);
  gsize len;
  const char *s;

  if (t == RESP_JSON_TOKEN_ERROR)
    return FALSE;
  field_set_pos (L, f, key_off);
  if (t != RESP_JSON_TOKEN_STRING)
    {
      add_error (L, RESP_ERROR_BAD_VALUE, AT (f->off),
                 "%s: '%s' must be a string, not %s", what, key, token_kind (t));
      f->present = FALSE;
      return skip (L, t);
    }
  s = resp_json_reader_get_string (L->r, &len);
  g_string_truncate (out, 0);
  g_string_append_len (out, s, (gssize) len);
  return TRUE;
}

/* SPEC §3.1: 1–256 bytes, no whitespace or control characters. */
static const char *
check_id (const char *s, gsize len)
{
  const char *p = s, *end = s + len;

  if (len == 0)
    return "an id must not be empty";
  if (len > MAX_ID_BYTES)
    return "an id must be at most 256 bytes";
  while (p < end)
    {
      gunichar c;
      if ((guchar) *p > 0x20 && (guchar) *p < 0x7f)
        {
          p++;
          continue;
        }
      c = g_utf8_get_char (p);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || g_unichar_isspace (c) || c == 0x3000)
        return "an id must not contain whitespace or control characters";
      p = g_utf8_next_char (p);
    }
  return NULL;
}

static void
ensure_node_capacity (Loader *L)
{
  RespModel *m = L->m;

  if (m->n_nodes < L->nodes_cap)
    return;
  L->nodes_cap = MAX (L->nodes_cap * 2, 1024);
  m->nodes = g_renew (RespNodeRec, m->nodes, L->nodes_cap);
  L->node_pos = g_renew (guint32, L->node_pos, (gsize) L->nodes_cap * 2);
}

static guint32
pool_append (char **pool, gsize *len, gsize *cap, const char *s, gsize n)
{
  guint32 off = (guint32) *len;

  if (*len + n + 1 > *cap)
    {
      *cap = MAX (*cap * 2, *len + n + 1 + 65536);
      *pool = g_realloc (*pool, *cap);
    }
  memcpy (*pool + *len, s, n);
  (*pool)[*len + n] = '\0';
  *len += n + 1;
  return off;
}

enum { NK_ID, NK_TYPE, NK_NAME, NK_LEVEL, NK_FORM, NK_KIND, NK_CII, NK_PROTECTION, NK_EXTRA, NK_N };
static const char * const node_keys[NK_N] = {
  "id", "type", "name", "level", "form", "kind", "cii", "protection_level", "extra",
};

/* Which attribute keys each node type takes (besides id, type, name, extra). */
static gboolean
key_allowed (int type, int key)
{
  switch (key)
    {
    case NK_ID: case NK_TYPE: case NK_NAME: case NK_EXTRA: return TRUE;
    case NK_LEVEL: return type == RESP_NODE_REGION;
    case NK_FORM: return type == RESP_NODE_COMMITTEE;
    case NK_KIND: return type == RESP_NODE_UNIT || type == RESP_NODE_SYSTEM;
    case NK_CII: case NK_PROTECTION: return type == RESP_NODE_SYSTEM;
    default: return FALSE;
    }
}

typedef struct {
  char name[ATTR_BUF];
  gsize off;
} UnknownKey;

#define MAX_UNKNOWN_KEYS 8

static void
report_unknown_keys (Loader *L, const UnknownKey *uk, guint n, int type, const char *what)
{
  const char *allowed[NK_N];
  guint n_allowed = 0;
  char hint[128];

  for (int k = 0; k < NK_N; k++)
    if (type < 0 || key_allowed (type, k))
      allowed[n_allowed++] = node_keys[k];
  for (guint i = 0; i < n; i++)
    {
      int known = resp_name_lookup (node_keys, NK_N, uk[i].name);
      if (known >= 0)
        add_error (L, RESP_ERROR_UNKNOWN_ATTRIBUTE, AT (uk[i].off),
                   "%s: '%s' is not an attribute of a %s", what, uk[i].name,
                   resp_node_type_names[type]);
      else
        {
          suggest_suffix (hint, sizeof hint, allowed, n_allowed, uk[i].name);
          add_error (L, RESP_ERROR_UNKNOWN_ATTRIBUTE, AT (uk[i].off),
                     "%s: unknown attribute '%s'%s", what, uk[i].name, hint);
        }
    }
}

static int
check_enum (Loader *L, const Field *f, const char * const *names, guint n,
            const char *what, const char *key)
{
  int v = f->truncated ? -1 : resp_name_lookup (names, n, f->text);
  char hint[128];

  if (v < 0)
    {
      suggest_suffix (hint, sizeof hint, names, n, f->text);
      add_error (L, RESP_ERROR_BAD_VALUE, AT (f->off),
                 "%s: '%s%s' is not a valid %s%s", what, f->text, f->truncated ? "…" : "",
                 key, hint);
    }
  return v;
}

static void
parse_node (Loader *L, guint obj_line, guint obj_col)
{
  Field f[NK_N];
  UnknownKey unknown[MAX_UNKNOWN_KEYS];
  guint n_unknown = 0;
  gboolean cii = FALSE, bad = FALSE;
  gint64 protection = 0;
  guint32 name_off = 0, extra_off = 0;
  int type = -1, attr = -1;
  char what[MAX_ID_BYTES + 32];
  GString *id = L->s1;

  fields_clear (f, NK_N);
  g_string_truncate (id, 0);
  for (;;)
    {
      RespJsonToken t = next (L);
      gsize ko;
      const char *key;
      int k;

      if (t == RESP_JSON_TOKEN_END_OBJECT)
        break;
      if (t != RESP_JSON_TOKEN_KEY)
        return;
      ko = resp_json_reader_get_offset (L->r);
      key = resp_json_reader_get_string (L->r, NULL);
      k = resp_name_lookup (node_keys, NK_N, key);
      if (k < 0)
        {
          if (n_unknown < MAX_UNKNOWN_KEYS)
            {
              g_strlcpy (unknown[n_unknown].name, key, ATTR_BUF);
              unknown[n_unknown].off = ko;
              n_unknown++;
            }
          if (!skip (L, next (L)))
            return;
          continue;
        }
      switch (k)
        {
        case NK_ID:
          if (!read_long_string (L, &f[k], id, "node", "id", ko))
            return;
          /* the id is interned once the object is read; its slot in the
           * table (a cache miss at national scale) is fetched meanwhile */
          if (f[k].present)
            resp_interner_prefetch (&L->m->ids, id->str, id->len);
          break;
        case NK_NAME:
          {
            GString *name = L->s2;
            if (!read_long_string (L, &f[k], name, "node", "name", ko))
              return;
            if (f[k].present)
              name_off = pool_append (&L->m->names, &L->m->names_len, &L->names_cap,
                                      name->str, name->len);
            if (f[k].present && (name->len == 0 || strlen (name->str) != name->len))
              {
                g_snprintf (what, sizeof what, "node '%s'", id->len ? id->str : "?");
                add_error (L, RESP_ERROR_BAD_VALUE, AT (f[k].off),
                           "%s: 'name' must be a non-empty string without NUL characters", what);
                bad = TRUE;
              }
          }
          break;
        case NK_CII:
          {
            RespJsonToken v = next (L);
            if (v == RESP_JSON_TOKEN_ERROR)
              return;
            field_set_pos (L, &f[k], ko);
            if (v == RESP_JSON_TOKEN_TRUE || v == RESP_JSON_TOKEN_FALSE)
              cii = v == RESP_JSON_TOKEN_TRUE;
            else
              {
                add_error (L, RESP_ERROR_BAD_VALUE, AT (f[k].off),
                           "node: 'cii' must be true or false, not %s", token_kind (v));
                bad = TRUE;
                if (!skip (L, v))
                  return;
              }
          }
          break;
        case NK_PROTECTION:
          {
            RespJsonToken v = next (L);
            if (v == RESP_JSON_TOKEN_ERROR)
              return;
            field_set_pos (L, &f[k], ko);
            if (v == RESP_JSON_TOKEN_NUMBER && resp_json_reader_get_is_int (L->r) &&
                resp_json_reader_get_int (L->r) >= 1 && resp_json_reader_get_int (L->r) <= 5)
              protection = resp_json_reader_get_int (L->r);
            else
              {
                add_error (L, RESP_ERROR_BAD_VALUE, AT (f[k].off),
                           "node: 'protection_level' must be an integer from 1 to 5");
                bad = TRUE;
                if (!skip (L, v))
                  return;
              }
          }
          break;
        case NK_EXTRA:
          {
            RespJsonToken v = next (L);
            gsize start, end;
            if (v == RESP_JSON_TOKEN_ERROR)
              return;
            field_set_pos (L, &f[k], ko);
            start = resp_json_reader_get_offset (L->r);
            if (!resp_json_reader_skip_value (L->r, &end))
              {
                reader_error (L);
                return;
              }
            if (v != RESP_JSON_TOKEN_BEGIN_OBJECT)
              {
                add_error (L, RESP_ERROR_BAD_VALUE, AT (f[k].off),
                           "node: 'extra' must be an object, not %s", token_kind (v));
                bad = TRUE;
              }
            else
              extra_off = 1 + pool_append (&L->m->extras, &L->m->extras_len, &L->extras_cap,
                                           L->data + start, end - start);
          }
          break;
        default: /* type, level, form, kind */
          if (!read_short_string (L, &f[k], "node", node_keys[k], ko))
            return;
          if (!f[k].present)
            bad = TRUE;
          break;
        }
      if (L->fatal)
        return;
    }

  /* plain concatenation: this runs for every node of a national model */
  {
    gsize w = put (what, 0, sizeof what, "node");
    if (f[NK_ID].present)
      {
        w = put (what, w, sizeof what, " '");
        w = put (what, w, sizeof what, id->str);
        put (what, w, sizeof what, "'");
      }
  }

  if (f[NK_TYPE].present)
    {
      char hint[128];
      type = f[NK_TYPE].truncated ? -1
             : resp_name_lookup (resp_node_type_names, RESP_N_NODE_TYPES, f[NK_TYPE].text);
      if (type < 0)
        {
          suggest_suffix (hint, sizeof hint, resp_node_type_names, RESP_N_NODE_TYPES,
                          f[NK_TYPE].text);
          add_error (L, RESP_ERROR_UNKNOWN_TYPE, AT (f[NK_TYPE].off),
                     "%s: unknown type '%s'%s", what, f[NK_TYPE].text, hint);
          bad = TRUE;
        }
    }
  report_unknown_keys (L, unknown, n_unknown, type, what);
  bad |= n_unknown > 0;

  if (!f[NK_ID].present)
    add_error (L, RESP_ERROR_MISSING_KEY, obj_line, obj_col, "%s: missing 'id'", what), bad = TRUE;
  if (!f[NK_TYPE].present)
    add_error (L, RESP_ERROR_MISSING_KEY, obj_line, obj_col, "%s: missing 'type'", what), bad = TRUE;
  if (!f[NK_NAME].present)
    add_error (L, RESP_ERROR_MISSING_KEY, obj_line, obj_col, "%s: missing 'name'", what), bad = TRUE;

  if (type >= 0)
    {
      for (int k = NK_LEVEL; k <= NK_PROTECTION; k++)
        if (f[k].present && !key_allowed (type, k))
          {
            add_error (L, RESP_ERROR_UNKNOWN_ATTRIBUTE, AT (f[k].key_off),
                       "%s: '%s' is not an attribute of a %s", what, node_keys[k],
                       resp_node_type_names[type]);
            bad = TRUE;
          }
      switch (type)
        {
        case RESP_NODE_REGION:
          if (!f[NK_LEVEL].present)
            add_error (L, RESP_ERROR_MISSING_KEY, obj_line, obj_col,
                       "%s: a region needs a 'level'", what), bad = TRUE;
          else if ((attr = check_enum (L, &f[NK_LEVEL], resp_region_level_names,
                                       RESP_N_REGION_LEVELS, what, "level")) < 0)
            bad = TRUE;
          break;
        case RESP_NODE_COMMITTEE:
          if (!f[NK_FORM].present)
            add_error (L, RESP_ERROR_MISSING_KEY, obj_line, obj_col,
                       "%s: a committee needs a 'form'", what), bad = TRUE;
          else if ((attr = check_enum (L, &f[NK_FORM], resp_committee_form_names,
                                       RESP_N_COMMITTEE_FORMS, what, "form")) < 0)
            bad = TRUE;
          break;
        case RESP_NODE_UNIT:
          attr = RESP_UNIT_OTHER;
          if (f[NK_KIND].present &&
              (attr = check_enum (L, &f[NK_KIND], resp_unit_kind_names,
                                  RESP_N_UNIT_KINDS, what, "unit kind")) < 0)
            bad = TRUE;
          break;
        case RESP_NODE_SYSTEM:
          attr = RESP_SYSTEM_OTHER;
          if (f[NK_KIND].present &&
              (attr = check_enum (L, &f[NK_KIND], resp_system_kind_names,
                                  RESP_N_SYSTEM_KINDS, what, "system kind")) < 0)
            bad = TRUE;
          break;
        default:
          attr = 0;
          break;
        }
    }

  if (f[NK_ID].present)
    {
      const char *why = check_id (id->str, id->len);
      guint32 existing;
      gboolean is_new;

      if (why != NULL || strlen (id->str) != id->len)
        add_error (L, RESP_ERROR_BAD_VALUE, AT (f[NK_ID].off),
                   "%s: %s", what, why != NULL ? why : "an id must not contain NUL");
      else if ((existing = resp_interner_intern (&L->m->ids, id->str, id->len, &is_new)), !is_new)
        add_error (L, RESP_ERROR_DUPLICATE_ID, AT (f[NK_ID].off),
                   "duplicate id '%s' (first defined at line %u, column %u)", id->str,
                   L->node_pos[existing * 2], L->node_pos[existing * 2 + 1]);
      else
        {
          /* registered even when the rest is bad, so that relations to it do
           * not pile on "unknown node" errors; the id number is the index */
          RespNodeRec *rec;
          guint32 v = existing;

          ensure_node_capacity (L);
          rec = &L->m->nodes[v];
          rec->type = bad || type < 0 ? RESP_NODE_TYPE_INVALID : (guint8) type;
          rec->attr = attr < 0 ? 0 : (guint8) attr;
          rec->cii = cii;
          rec->protection_level = (guint8) protection;
          rec->name = name_off;
          rec->extra = extra_off;
          /* the id is near the '{', so this is a short scan */
          pos_from (L, &L->obj, f[NK_ID].off, &L->node_pos[v * 2], &L->node_pos[v * 2 + 1]);
          L->m->n_nodes++;
        }
    }
}

enum { RK_REL, RK_FROM, RK_TO, RK_SINCE, RK_UNTIL, RK_ROLE, RK_N };
static const char * const rel_keys[RK_N] = { "rel", "from", "to", "since", "until", "role" };
static const char * const seat_choices[] = { "main_leader", "cyber_lead", "member" };

/* Room for extra more relations */
static void
ensure_rel_capacity (Loader *L, guint32 extra)
{
  RespModel *m = L->m;

  if ((guint64) m->n_rels + extra <= L->rels_cap)
    return;
  while ((guint64) m->n_rels + extra > L->rels_cap)
    L->rels_cap = MAX (L->rels_cap * 2, 1024);
  m->rels = g_renew (RespRelRec, m->rels, L->rels_cap);
  L->rel_pos = g_renew (RelPos, L->rel_pos, L->rels_cap);
  L->rel_ok = g_renew (guint8, L->rel_ok, L->rels_cap);
}

/* Reads a `since`/`until` value; null means open. */
static gboolean
read_instant (Loader *L, Field *f, gint64 *out, const char *what, const char *key,
              gsize key_off, gboolean *bad)
{
  RespJsonToken t = next (L);
  const char *s, *why = NULL;
  gsize len;

  if (t == RESP_JSON_TOKEN_ERROR)
    return FALSE;
  field_set_pos (L, f, key_off);
  if (t == RESP_JSON_TOKEN_NULL)
    return TRUE;
  if (t != RESP_JSON_TOKEN_STRING)
    {
      add_error (L, RESP_ERROR_BAD_DATE, AT (f->off),
                 "%s: '%s' must be a date string, not %s", what, key, token_kind (t));
      *bad = TRUE;
      return skip (L, t);
    }
  s = resp_json_reader_get_string (L->r, &len);
  if (!resp_instant_parse_len (s, len, out, &why))
    {
      add_error (L, RESP_ERROR_BAD_DATE, AT (f->off), "%s: bad %s '%.*s': %s",
                 what, key, (int) MIN (len, 64), s, why);
      *bad = TRUE;
    }
  return TRUE;
}

static guint32
resolve_ref (Loader *L, GString *id, guint32 rel_index, gboolean is_to)
{
  guint32 v;

  if (resp_interner_lookup (&L->m->ids, id->str, id->len, &v))
    return v;
  {
    PendingRef p = { rel_index, is_to, g_strndup (id->str, id->len) };
    g_array_append_val (L->pending, p);
  }
  return RESP_NO_NODE;
}

static void
parse_relation (Loader *L, guint obj_line, guint obj_col)
{
  Field f[RK_N];
  UnknownKey unknown[MAX_UNKNOWN_KEYS];
  guint n_unknown = 0;
  gboolean bad = FALSE;
  gint64 since = RESP_INSTANT_OPEN_START, until = RESP_INSTANT_OPEN_END;
  int rel = -1, seat = RESP_SEAT_NONE;
  char what[2 * MAX_ID_BYTES + 64], hint[128];
  GString *from = L->s1, *to = L->s2;
  RespRelRec *rec;
  RelPos *pos;
  guint32 i;

  fields_clear (f, RK_N);
  g_string_truncate (from, 0);
  g_string_truncate (to, 0);
  g_strlcpy (what, "relation", sizeof what);

  for (;;)
    {
      RespJsonToken t = next (L);
      gsize ko;
      const char *key;
      int k;

      if (t == RESP_JSON_TOKEN_END_OBJECT)
        break;
      if (t != RESP_JSON_TOKEN_KEY)
        return;
      ko = resp_json_reader_get_offset (L->r);
      key = resp_json_reader_get_string (L->r, NULL);
      k = resp_name_lookup (rel_keys, RK_N, key);
      switch (k)
        {
        case RK_REL:
        case RK_ROLE:
          if (!read_short_string (L, &f[k], "relation", key, ko))
            return;
          bad |= !f[k].present;
          break;
        case RK_FROM:
          if (!read_long_string (L, &f[k], from, "relation", key, ko))
            return;
          bad |= !f[k].present;
          if (f[k].present)
            resp_interner_prefetch (&L->m->ids, from->str, from->len);
          break;
        case RK_TO:
          if (!read_long_string (L, &f[k], to, "relation", key, ko))
            return;
          bad |= !f[k].present;
          if (f[k].present)
            resp_interner_prefetch (&L->m->ids, to->str, to->len);
          break;
        case RK_SINCE:
          if (!read_instant (L, &f[k], &since, "relation", key, ko, &bad))
            return;
          break;
        case RK_UNTIL:
          if (!read_instant (L, &f[k], &until, "relation", key, ko, &bad))
            return;
          break;
        default:
          if (n_unknown < MAX_UNKNOWN_KEYS)
            {
              g_strlcpy (unknown[n_unknown].name, key, ATTR_BUF);
              unknown[n_unknown].off = ko;
              n_unknown++;
            }
          if (!skip (L, next (L)))
            return;
          break;
        }
      if (L->fatal)
        return;
    }

  if (f[RK_REL].present)
    {
      gsize w;

      rel = f[RK_REL].truncated ? -1
            : resp_name_lookup (resp_relation_names, RESP_N_RELATIONS, f[RK_REL].text);
      w = put (what, 0, sizeof what, "relation '");
      w = put (what, w, sizeof what, f[RK_REL].text);
      w = put (what, w, sizeof what, "'");
      if (f[RK_FROM].present)
        {
          w = put (what, w, sizeof what, " from '");
          w = put (what, w, sizeof what, from->str);
          put (what, w, sizeof what, "'");
        }
      if (rel < 0)
        {
          suggest_suffix (hint, sizeof hint, resp_relation_names, RESP_N_RELATIONS,
                          f[RK_REL].text);
          add_error (L, RESP_ERROR_UNKNOWN_RELATION, AT (f[RK_REL].off),
                     "%s: unknown relation '%s'%s", what, f[RK_REL].text, hint);
          bad = TRUE;
        }
    }
  else
    {
      add_error (L, RESP_ERROR_MISSING_KEY, obj_line, obj_col, "relation: missing 'rel'");
      bad = TRUE;
    }

  for (guint u = 0; u < n_unknown; u++)
    {
      suggest_suffix (hint, sizeof hint, rel_keys, RK_N, unknown[u].name);
      add_error (L, RESP_ERROR_UNKNOWN_ATTRIBUTE, AT (unknown[u].off),
                 "%s: unknown attribute '%s'%s", what, unknown[u].name, hint);
      bad = TRUE;
    }
  if (!f[RK_FROM].present && !bad)
    add_error (L, RESP_ERROR_MISSING_KEY, obj_line, obj_col, "%s: missing 'from'", what), bad = TRUE;
  else if (!f[RK_FROM].present)
    bad = TRUE;
  if (!f[RK_TO].present)
    add_error (L, RESP_ERROR_MISSING_KEY, obj_line, obj_col, "%s: missing 'to'", what), bad = TRUE;

  if (rel == RESP_REL_MEMBER)
    {
      if (!f[RK_ROLE].present)
        add_error (L, RESP_ERROR_MISSING_KEY, obj_line, obj_col,
                   "%s: a 'member' relation needs a 'role'", what), bad = TRUE;
      else
        {
          int s = f[RK_ROLE].truncated ? -1 : resp_name_lookup (seat_choices, 3, f[RK_ROLE].text);
          if (s < 0)
            {
              suggest_suffix (hint, sizeof hint, seat_choices, 3, f[RK_ROLE].text);
              add_error (L, RESP_ERROR_UNKNOWN_ROLE, AT (f[RK_ROLE].off),
                         "%s: unknown role '%s' (a seat is main_leader, cyber_lead or member)%s",
                         what, f[RK_ROLE].text, hint);
              bad = TRUE;
            }
          else
            seat = s + 1;
        }
    }
  else if (rel >= 0 && f[RK_ROLE].present)
    {
      add_error (L, RESP_ERROR_UNKNOWN_ATTRIBUTE, AT (f[RK_ROLE].key_off),
                 "%s: 'role' applies only to 'member' relations", what);
      bad = TRUE;
    }

  if (since != RESP_INSTANT_OPEN_START && until != RESP_INSTANT_OPEN_END && since >= until)
    {
      char a[RESP_INSTANT_BUF], b[RESP_INSTANT_BUF];
      resp_instant_format_short (since, a);
      resp_instant_format_short (until, b);
      add_error (L, RESP_ERROR_EMPTY_INTERVAL, AT (f[RK_UNTIL].off),
                 "%s: empty interval: 'until' %s is not after 'since' %s", what, b, a);
      bad = TRUE;
    }

  if (bad || rel < 0)
    return;

  ensure_rel_capacity (L, 1);
  i = L->m->n_rels++;
  rec = &L->m->rels[i];
  pos = &L->rel_pos[i];
  rec->rel = (guint8) rel;
  rec->seat = (guint8) seat;
  rec->since = since;
  rec->until = until;
  pos->line = obj_line;
  pos->col = obj_col;
  pos->off = L->obj.off;
  pos->from_delta = (guint32) MIN (f[RK_FROM].off - L->obj.off, G_MAXUINT32);
  pos->to_delta = (guint32) MIN (f[RK_TO].off - L->obj.off, G_MAXUINT32);
  L->rel_ok[i] = TRUE;
  rec->from = resolve_ref (L, from, i, FALSE);
  rec->to = resolve_ref (L, to, i, TRUE);
}

/* The parse reads the file once, front to back: the pages behind it are
 * given back so that the file costs a window, not its size, in memory. A
 * later read of them (an error message, say) faults them in again. */
#define DROP_CHUNK (64u << 20)

static void
drop_consumed (Loader *L)
{
  gsize pos = resp_json_reader_get_offset (L->r);
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  gsize upto;

  if (!L->input_is_mapping || pos < L->dropped + DROP_CHUNK + page)
    return;
  upto = (pos - page) & ~(page - 1);
  if (upto > L->dropped)
    {
      madvise ((char *) L->data + L->dropped, upto - L->dropped, MADV_DONTNEED);
      L->dropped = upto;
    }
}

/* ---- the relations in two halves ----
 *
 * A national model is mostly relations. Once the nodes are read, every
 * relation is independent of the others until the checks after the parse,
 * so a long relations array is read in two halves: this thread reads from
 * its start, another from an element boundary near its middle to its end,
 * into arrays of its own, which are appended when the first half reaches
 * that boundary. The other thread's view of the input is used only if this
 * thread, reading in order, confirms that the boundary is one (an element
 * of the relations array ends exactly there), and only if the other half
 * read without a single diagnostic: anything else is read again here in
 * order, so errors, their order and their positions are those of a plain
 * front-to-back read. */

void
resp_model_load_options_init (RespModelLoadOptions *options)
{
  /* Relations arrays shorter than split_min (in bytes of input) are read in
   * one piece: for them a thread would cost more than it saves. */
  options->split_min = RESP_MODEL_LOAD_SPLIT_MIN;
  options->card_sort_min = RESP_MODEL_LOAD_CARD_SORT_MIN;
  options->splits_used = NULL;
}

typedef struct {
  Loader     L;          /* the second half's own reader, arrays and diagnostics */
  RespModel  shadow;     /* the model's id table for lookups; its own relations */
  gsize      brace;      /* the '}' before the boundary: where the first half ends */
  gsize      start;      /* the ',' after it: where the second half starts */
  guint      start_line;
  gsize      start_line_start;
  gint       cancel;     /* the first half has passed the boundary: stop */
  gboolean   ok;         /* read to the array's ']' without a diagnostic */
  gsize      end_off;    /* that ']' */
  guint      end_line;
  gsize      end_line_start;
  GThread   *thread;
} Half;

static gpointer
read_second_half (gpointer data)
{
  Half *h = data;
  Loader *L = &h->L;

  resp_json_reader_start_in_array (L->r, h->start, h->start_line, h->start_line_start);
  while (!g_atomic_int_get (&h->cancel))
    {
      RespJsonToken t = next (L);

      if (t == RESP_JSON_TOKEN_END_ARRAY)
        {
          resp_json_reader_get_position (L->r, &h->end_off, &h->end_line, &h->end_line_start);
          h->ok = L->diags->len == 0 && !L->fatal;
          break;
        }
      if (t != RESP_JSON_TOKEN_BEGIN_OBJECT)
        break;
      L->obj.line = resp_json_reader_get_line (L->r);
      L->obj.col = resp_json_reader_get_column (L->r);
      L->obj.off = resp_json_reader_get_offset (L->r);
      parse_relation (L, L->obj.line, L->obj.col);
      if (L->fatal || L->diags->len > 0)
        break;
    }
  return NULL;
}

/* Looks for an element boundary ('}', blanks, ',') in the second half of
 * the array whose '[' the reader has just returned, and starts reading from
 * there on another thread. NULL when the array is short or has no such
 * boundary near its middle. */
static Half *
split_relations (Loader *L)
{
  const char *d = L->data;
  gsize open, from, limit, comma;
  guint line;
  gsize line_start;
  Half *h;

  if (!L->nodes_read || L->fatal)
    return NULL;
  resp_json_reader_get_position (L->r, &open, &line, &line_start);
  if (L->length - open < MAX (L->options->split_min, 64))
    return NULL;
  from = open + (L->length - open) / 2;
  limit = MIN (L->length, from + (1u << 20));
  for (comma = limit; from < limit && comma == limit; from++)
    if (d[from] == '}')
      {
        gsize q = from + 1;
        while (q < limit && (d[q] == ' ' || d[q] == '\n' || d[q] == '\r' || d[q] == '\t'))
          q++;
        if (q < limit && d[q] == ',')
          comma = q;
      }
  if (comma == limit)
    return NULL;

  h = g_new0 (Half, 1);
  h->brace = from - 1;   /* the loop stepped past it */
  h->start = comma;
  /* the line of the boundary, counted on from the array's '[' here, before
   * this thread may give those pages of the input back */
  {
    const char *p, *stop = d + h->start;

    for (p = d + line_start; p < stop && (p = memchr (p, '\n', (gsize) (stop - p))) != NULL; p++)
      {
        line++;
        line_start = (gsize) (p + 1 - d);
      }
  }
  h->start_line = line;
  h->start_line_start = line_start;
  h->shadow = *L->m;
  h->L = *L;
  h->L.m = &h->shadow;
  h->L.r = resp_json_reader_new (d, L->length);
  resp_json_reader_set_limits (h->L.r, L->max_depth, L->max_string);
  h->L.diags = g_ptr_array_new_with_free_func ((GDestroyNotify) resp_diagnostic_unref);
  h->L.fatal = FALSE;
  h->L.pending = g_array_new (FALSE, FALSE, sizeof (PendingRef));
  h->L.s1 = g_string_sized_new (64);
  h->L.s2 = g_string_sized_new (64);
  h->L.input_is_mapping = FALSE;
  h->L.rels_cap = (guint32) MIN ((L->length - h->start) / 28 + 16, G_MAXUINT32 / 2);
  h->shadow.n_rels = 0;
  h->shadow.rels = resp_huge_alloc (h->L.rels_cap, sizeof (RespRelRec));
  h->L.rel_pos = resp_huge_alloc (h->L.rels_cap, sizeof (RelPos));
  h->L.rel_ok = resp_huge_alloc (h->L.rels_cap, sizeof (guint8));
  /* without a thread, finish_split() only frees h */
  h->thread = g_thread_try_new ("resp-load", read_second_half, h, NULL);
  return h;
}

/* Copies len bytes from src, a block of resp_huge_alloc(), to dst, giving
 * src's memory back to the system 2 MiB at a time as it goes: the pages of
 * dst that the copy touches first can then be those just given back,
 * instead of memory the system has to find (and zero) afresh. */
static void
copy_releasing (gpointer dst, gpointer src, gsize len)
{
  const gsize chunk = 2u << 20;
  char *d = dst, *s = src;

  for (gsize done = 0; done < len; done += chunk)
    {
      gsize n = MIN (chunk, len - done);
      memcpy (d + done, s + done, n);
#ifdef MADV_DONTNEED
      if (n == chunk && ((guintptr) (s + done) & (chunk - 1)) == 0)
        madvise (s + done, chunk, MADV_DONTNEED);
#endif
    }
}

/* Waits for the second half; with use, appends what it read and moves the
 * reader past it. Frees h. */
static void
finish_split (Loader *L, Half *h, gboolean use)
{
  if (!use)
    g_atomic_int_set (&h->cancel, TRUE);
  if (h->thread != NULL)
    g_thread_join (h->thread);
  if (use && h->thread != NULL && h->ok)
    {
      RespModel *m = L->m;
      guint32 base = m->n_rels, n = h->shadow.n_rels;

      ensure_rel_capacity (L, n);
      if (resp_json_reader_resume_at (L->r, h->end_off, h->end_line, h->end_line_start))
        {
          copy_releasing (m->rels + base, h->shadow.rels, n * sizeof (RespRelRec));
          copy_releasing (L->rel_pos + base, h->L.rel_pos, n * sizeof (RelPos));
          copy_releasing (L->rel_ok + base, h->L.rel_ok, n * sizeof (guint8));
          m->n_rels = base + n;
          for (guint k = 0; k < h->L.pending->len; k++)
            {
              PendingRef p = g_array_index (h->L.pending, PendingRef, k);
              p.rel += base;
              g_array_append_val (L->pending, p);
            }
          g_array_set_size (h->L.pending, 0);
          if (L->options->splits_used != NULL)
            g_atomic_int_inc (L->options->splits_used);
        }
    }
  for (guint k = 0; k < h->L.pending->len; k++)
    g_free (g_array_index (h->L.pending, PendingRef, k).id);
  g_array_unref (h->L.pending);
  g_ptr_array_unref (h->L.diags);
  g_string_free (h->L.s1, TRUE);
  g_string_free (h->L.s2, TRUE);
  resp_json_reader_free (h->L.r);
  g_free (h->shadow.rels);
  g_free (h->L.rel_pos);
  g_free (h->L.rel_ok);
  g_free (h);
}

/* Calls parse for each object element of the array whose '[' was just read. */
static void
parse_array (Loader *L, RespJsonToken t, const char *key,
             void (*parse) (Loader *, guint, guint), const char *element)
{
  Half *half;

  if (t != RESP_JSON_TOKEN_BEGIN_ARRAY)
    {
      add_error (L, RESP_ERROR_BAD_VALUE, resp_json_reader_get_line (L->r),
                 resp_json_reader_get_column (L->r), "'%s' must be an array, not %s", key,
                 token_kind (t));
      skip (L, t);
      return;
    }
  half = parse == parse_relation ? split_relations (L) : NULL;
  while (!L->fatal)
    {
      t = next (L);
      if (t == RESP_JSON_TOKEN_END_ARRAY || t == RESP_JSON_TOKEN_ERROR)
        break;
      if (t != RESP_JSON_TOKEN_BEGIN_OBJECT)
        {
          add_error (L, RESP_ERROR_BAD_VALUE, resp_json_reader_get_line (L->r),
                     resp_json_reader_get_column (L->r), "a %s must be an object, not %s",
                     element, token_kind (t));
          if (!skip (L, t))
            break;
          continue;
        }
      L->obj.line = resp_json_reader_get_line (L->r);
      L->obj.col = resp_json_reader_get_column (L->r);
      L->obj.off = resp_json_reader_get_offset (L->r);
      parse (L, L->obj.line, L->obj.col);
      drop_consumed (L);
      if (half != NULL && resp_json_reader_get_offset (L->r) >= half->brace)
        {
          /* the boundary is one if an element of this array ended there */
          gboolean here = resp_json_reader_get_offset (L->r) == half->brace &&
                          resp_json_reader_get_depth (L->r) == 2 && !L->fatal;
          finish_split (L, half, here);
          half = NULL;
        }
    }
  if (half != NULL)
    finish_split (L, half, FALSE);
}

static const char * const top_keys[] = { "format", "name", "nodes", "relations" };

static void
parse_document (Loader *L)
{
  RespJsonToken t = next (L);
  guint top_line, top_col;
  gboolean has_format = FALSE;

  if (t == RESP_JSON_TOKEN_ERROR)
    return;
  top_line = resp_json_reader_get_line (L->r);
  top_col = resp_json_reader_get_column (L->r);
  if (t != RESP_JSON_TOKEN_BEGIN_OBJECT)
    {
      add_error (L, RESP_ERROR_FORMAT, top_line, top_col,
                 "a model must be a JSON object with \"format\": \"" MODEL_FORMAT "\", not %s",
                 token_kind (t));
      L->fatal = TRUE;
      return;
    }
  while (!L->fatal)
    {
      const char *key;
      int k;
      guint kl, kc;

      t = next (L);
      if (t != RESP_JSON_TOKEN_KEY)
        break;
      kl = resp_json_reader_get_line (L->r);
      kc = resp_json_reader_get_column (L->r);
      key = resp_json_reader_get_string (L->r, NULL);
      k = resp_name_lookup (top_keys, G_N_ELEMENTS (top_keys), key);
      if (k < 0)
        {
          char hint[128];
          suggest_suffix (hint, sizeof hint, top_keys, G_N_ELEMENTS (top_keys), key);
          add_error (L, RESP_ERROR_UNKNOWN_ATTRIBUTE, kl, kc,
                     "unknown key '%s' in the model%s", key, hint);
          skip (L, next (L));
          continue;
        }
      t = next (L);
      if (t == RESP_JSON_TOKEN_ERROR)
        return;
      switch (k)
        {
        case 0:
          has_format = TRUE;
          if (t != RESP_JSON_TOKEN_STRING)
            {
              add_error (L, RESP_ERROR_FORMAT, resp_json_reader_get_line (L->r),
                         resp_json_reader_get_column (L->r),
                         "'format' must be the string \"" MODEL_FORMAT "\"");
              skip (L, t);
            }
          else if (strcmp (resp_json_reader_get_string (L->r, NULL), MODEL_FORMAT) != 0)
            {
              add_error (L, RESP_ERROR_FORMAT, resp_json_reader_get_line (L->r),
                         resp_json_reader_get_column (L->r),
                         "unsupported format '%s' (this version reads \"" MODEL_FORMAT "\")",
                         resp_json_reader_get_string (L->r, NULL));
              /* another format's nodes would only produce noise */
              L->fatal = TRUE;
            }
          break;
        case 1:
          if (t != RESP_JSON_TOKEN_STRING)
            {
              add_error (L, RESP_ERROR_BAD_VALUE, resp_json_reader_get_line (L->r),
                         resp_json_reader_get_column (L->r), "'name' must be a string");
              skip (L, t);
            }
          else
            {
              g_free (L->m->name);
              L->m->name = g_strdup (resp_json_reader_get_string (L->r, NULL));
            }
          break;
        case 2:
          parse_array (L, t, "nodes", parse_node, "node");
          L->nodes_read = TRUE;
          break;
        default:
          parse_array (L, t, "relations", parse_relation, "relation");
          break;
        }
    }
  if (L->fatal)
    return;
  if (!has_format)
    add_error (L, RESP_ERROR_FORMAT, top_line, top_col,
               "missing 'format' (expected \"" MODEL_FORMAT "\")");
  t = next (L);
  if (t != RESP_JSON_TOKEN_EOF && t != RESP_JSON_TOKEN_ERROR)
    {
      add_error (L, RESP_ERROR_MALFORMED_JSON, resp_json_reader_get_line (L->r),
                 resp_json_reader_get_column (L->r), "trailing data after the model");
      L->fatal = TRUE;
    }
}

/* Line and column of a relation's `from` or `to` value. */
static void
rel_value_pos (const Loader *L, guint32 i, gboolean is_to, guint *line, guint *col)
{
  const RelPos *p = &L->rel_pos[i];
  ObjPos o = { p->line, p->col, p->off };

  pos_from (L, &o, p->off + (is_to ? p->to_delta : p->from_delta), line, col);
}

static const char *
rel_from_id (Loader *L, guint32 i)
{
  guint32 v = L->m->rels[i].from;
  return v == RESP_NO_NODE ? "?" : resp_model_node_id (L->m, v);
}

static void
resolve_pending (Loader *L)
{
  const char **ids = NULL;
  RespModel *m = L->m;

  for (guint k = 0; k < L->pending->len; k++)
    {
      PendingRef *p = &g_array_index (L->pending, PendingRef, k);
      guint32 v;

      if (resp_interner_lookup (&m->ids, p->id, strlen (p->id), &v))
        {
          if (p->is_to)
            m->rels[p->rel].to = v;
          else
            m->rels[p->rel].from = v;
          continue;
        }
      L->rel_ok[p->rel] = FALSE;
    }

  /* second round, now that every resolvable "from" is known, for the messages */
  for (guint k = 0; k < L->pending->len && !L->fatal; k++)
    {
      PendingRef *p = &g_array_index (L->pending, PendingRef, k);
      const RespRelRec *r = &m->rels[p->rel];
      char hint[MAX_ID_BYTES + 32] = "";
      guint32 v;
      guint line, col;

      if (resp_interner_lookup (&m->ids, p->id, strlen (p->id), &v))
        continue;
      /* a "did you mean" is worth a scan of the ids only in a small model */
      if (m->n_nodes <= 20000)
        {
          if (ids == NULL)
            {
              ids = g_new (const char *, MAX (m->n_nodes, 1));
              for (guint32 n = 0; n < m->n_nodes; n++)
                ids[n] = resp_model_node_id (m, n);
            }
          suggest_suffix (hint, sizeof hint, ids, m->n_nodes, p->id);
        }
      rel_value_pos (L, p->rel, p->is_to, &line, &col);
      add_error (L, RESP_ERROR_DANGLING_REFERENCE, line, col,
                 "relation '%s' from '%s': unknown node '%s'%s",
                 resp_relation_names[r->rel],
                 p->is_to ? rel_from_id (L, p->rel) : p->id, p->id, hint);
    }
  g_free (ids);
}

/* Allowed endpoint types of each relation, as bit masks of RespNodeType. */
#define T(x) (1u << RESP_NODE_##x)
static const guint8 rel_from_types[RESP_N_RELATIONS] = {
  [RESP_REL_WITHIN] = T (REGION), [RESP_REL_LOCATED_IN] = T (UNIT),
  [RESP_REL_LEADS] = T (COMMITTEE), [RESP_REL_UNDER] = T (UNIT),
  [RESP_REL_OPERATES] = T (UNIT), [RESP_REL_IN_SECTOR] = T (SYSTEM) | T (UNIT),
  [RESP_REL_REGULATES] = T (UNIT), [RESP_REL_COORDINATES] = T (UNIT),
  [RESP_REL_MEMBER] = T (PERSON), [RESP_REL_HEADS] = T (PERSON),
  [RESP_REL_SECURITY_LEAD] = T (PERSON), [RESP_REL_STAFF] = T (PERSON),
  [RESP_REL_MANAGES] = T (COMMITTEE),
};
static const guint8 rel_to_types[RESP_N_RELATIONS] = {
  [RESP_REL_WITHIN] = T (REGION), [RESP_REL_LOCATED_IN] = T (REGION),
  [RESP_REL_LEADS] = T (REGION) | T (UNIT), [RESP_REL_UNDER] = T (UNIT),
  [RESP_REL_OPERATES] = T (SYSTEM), [RESP_REL_IN_SECTOR] = T (SECTOR),
  [RESP_REL_REGULATES] = T (SECTOR), [RESP_REL_COORDINATES] = T (REGION),
  [RESP_REL_MEMBER] = T (COMMITTEE), [RESP_REL_HEADS] = T (UNIT),
  [RESP_REL_SECURITY_LEAD] = T (UNIT) | T (SYSTEM), [RESP_REL_STAFF] = T (UNIT) | T (SYSTEM),
  [RESP_REL_MANAGES] = T (COMMITTEE),
};
#undef T

static void
describe_types (guint8 mask, char *buf, gsize size)
{
  buf[0] = '\0';
  for (guint t = 0; t < RESP_N_NODE_TYPES; t++)
    if (mask & (1u << t))
      {
        if (buf[0] != '\0')
          g_strlcat (buf, " or ", size);
        g_strlcat (buf, t == RESP_NODE_UNIT ? "a unit" : "a ", size);
        if (t != RESP_NODE_UNIT)
          g_strlcat (buf, resp_node_type_names[t], size);
      }
}

static const char *
article (guint type)
{
  return type == RESP_NODE_UNIT ? "a unit" : type == RESP_NODE_REGION ? "a region"
       : type == RESP_NODE_COMMITTEE ? "a committee" : type == RESP_NODE_PERSON ? "a person"
       : type == RESP_NODE_SYSTEM ? "a system" : "a sector";
}

static void
check_endpoints (Loader *L)
{
  RespModel *m = L->m;

  for (guint32 i = 0; i < m->n_rels && !L->fatal; i++)
    {
      const RespRelRec *r = &m->rels[i];
      char want[96];
      guint8 ft, tt;
      guint line, col;

      if (!L->rel_ok[i])
        continue;
      ft = m->nodes[r->from].type;
      tt = m->nodes[r->to].type;
      if (ft == RESP_NODE_TYPE_INVALID || tt == RESP_NODE_TYPE_INVALID)
        {
          L->rel_ok[i] = FALSE; /* the node's own error says why */
          continue;
        }
      if (!(rel_from_types[r->rel] & (1u << ft)))
        {
          describe_types (rel_from_types[r->rel], want, sizeof want);
          rel_value_pos (L, i, FALSE, &line, &col);
          add_error (L, RESP_ERROR_WRONG_ENDPOINT, line, col,
                     "relation '%s' from '%s': '%s' is %s, but '%s' goes from %s",
                     resp_relation_names[r->rel], resp_model_node_id (m, r->from),
                     resp_model_node_id (m, r->from), article (ft),
                     resp_relation_names[r->rel], want);
          L->rel_ok[i] = FALSE;
        }
      if (!(rel_to_types[r->rel] & (1u << tt)))
        {
          describe_types (rel_to_types[r->rel], want, sizeof want);
          rel_value_pos (L, i, TRUE, &line, &col);
          add_error (L, RESP_ERROR_WRONG_ENDPOINT, line, col,
                     "relation '%s' from '%s': '%s' is %s, but '%s' goes to %s",
                     resp_relation_names[r->rel], resp_model_node_id (m, r->from),
                     resp_model_node_id (m, r->to), article (tt),
                     resp_relation_names[r->rel], want);
          L->rel_ok[i] = FALSE;
        }
    }
}

/* ---- cardinality (SPEC §3.2, last column) ---- */

typedef enum {
  CARD_PARENT_REGION, CARD_REGION_OF_UNIT, CARD_LEADER_OF_SCOPE, CARD_SCOPE_OF_COMMITTEE,
  CARD_SUPERIOR, CARD_MAIN_LEADER, CARD_HEAD, CARD_N,
} CardKind;

typedef struct {
  guint32 key;
  guint32 rel;
  gint64  since;
  gint64  until;
  guint8  kind;
} CardEntry;

static int
cmp_card (const void *a, const void *b)
{
  const CardEntry *x = a, *y = b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  if (x->since != y->since)
    return x->since < y->since ? -1 : 1;
  return x->rel < y->rel ? -1 : x->rel > y->rel;
}

static void
report_overlap (Loader *L, const CardEntry *a, const CardEntry *b)
{
  RespModel *m = L->m;
  const CardEntry *later = a->rel > b->rel ? a : b, *earlier = a->rel > b->rel ? b : a;
  const RespRelRec *rl = &m->rels[later->rel], *re = &m->rels[earlier->rel];
  const RelPos *pos = &L->rel_pos[later->rel];
  char s[RESP_INSTANT_BUF], u[RESP_INSTANT_BUF], what[160];
  const char *key = resp_model_node_id (m, later->key);
  const char *other_end, *this_end;
  gboolean by_from;

  resp_instant_format_short (MAX (a->since, b->since), s);
  resp_instant_format_short (MIN (a->until, b->until), u);
  switch ((CardKind) later->kind)
    {
    case CARD_PARENT_REGION: g_snprintf (what, sizeof what, "region '%s' has two parent regions", key); by_from = TRUE; break;
    case CARD_REGION_OF_UNIT: g_snprintf (what, sizeof what, "unit '%s' is located in two regions", key); by_from = TRUE; break;
    case CARD_LEADER_OF_SCOPE: g_snprintf (what, sizeof what, "'%s' is led by two committees", key); by_from = FALSE; break;
    case CARD_SCOPE_OF_COMMITTEE: g_snprintf (what, sizeof what, "committee '%s' leads two scopes", key); by_from = TRUE; break;
    case CARD_SUPERIOR: g_snprintf (what, sizeof what, "unit '%s' has two superior units", key); by_from = TRUE; break;
    case CARD_MAIN_LEADER: g_snprintf (what, sizeof what, "committee '%s' has two main leaders", key); by_from = FALSE; break;
    default: g_snprintf (what, sizeof what, "unit '%s' has two heads", key); by_from = FALSE; break;
    }
  other_end = resp_model_node_id (m, by_from ? re->to : re->from);
  this_end = resp_model_node_id (m, by_from ? rl->to : rl->from);
  add_error (L, RESP_ERROR_CARDINALITY, pos->line, pos->col,
             "relation '%s' from '%s': %s at once: '%s' (line %u) and '%s' overlap from %s until %s",
             resp_relation_names[rl->rel], resp_model_node_id (m, rl->from), what,
             other_end, L->rel_pos[earlier->rel].line, this_end, s, u);
}

static int
cmp_card_in_group (gconstpointer a, gconstpointer b, gpointer data)
{
  const CardEntry *x = a, *y = b;

  if (x->since != y->since)
    return x->since < y->since ? -1 : 1;
  return x->rel < y->rel ? -1 : x->rel > y->rel;
}

/* A stable counting sort of n entries from src into dst by their kind
 * (by_kind) or their key, each below n_buckets. */
static void
card_counting_pass (const CardEntry *src, CardEntry *dst, guint n, guint32 n_buckets, gboolean by_kind)
{
  guint32 *start = g_new0 (guint32, (gsize) n_buckets + 1);

  for (guint i = 0; i < n; i++)
    start[(by_kind ? src[i].kind : src[i].key) + 1]++;
  for (guint32 v = 0; v < n_buckets; v++)
    start[v + 1] += start[v];
  for (guint i = 0; i < n; i++)
    dst[start[by_kind ? src[i].kind : src[i].key]++] = src[i];
  g_free (start);
}

/* Into the order of cmp_card: stable counting sorts by key, then by kind,
 * give (kind, key, input order); each (kind, key) group, a handful of
 * entries in a sound model, is then sorted by (since, rel). Linear where a
 * comparison sort of a national model's entries is not. */
static void
sort_card_entries (GArray *entries, guint32 n_nodes, guint counting_min)
{
  guint n = entries->len;
  CardEntry *a = (CardEntry *) entries->data, *tmp;
  gboolean keys_in_range = TRUE;

  if (n < 2)
    return;
  /* a checked relation's ends are nodes; anything else is sorted the slow way */
  for (guint i = 0; i < n && keys_in_range; i++)
    keys_in_range = a[i].key < n_nodes;
  if (n < counting_min || !keys_in_range)
    {
      qsort (a, n, sizeof (CardEntry), cmp_card);
      return;
    }
  tmp = g_new (CardEntry, n);
  card_counting_pass (a, tmp, n, n_nodes, FALSE);
  card_counting_pass (tmp, a, n, CARD_N, TRUE);
  g_free (tmp);
  for (guint i = 0; i < n;)
    {
      guint j = i + 1;
      while (j < n && a[j].kind == a[i].kind && a[j].key == a[i].key)
        j++;
      resp_sort_stable (a + i, j - i, sizeof (CardEntry), cmp_card_in_group, NULL);
      i = j;
    }
}

static void
check_cardinality (Loader *L)
{
  RespModel *m = L->m;
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (CardEntry));
  guint8 *reported;
  guint n;

  for (guint32 i = 0; i < m->n_rels; i++)
    {
      const RespRelRec *r = &m->rels[i];
      CardEntry e = { 0, i, r->since, r->until, 0 };

      if (!L->rel_ok[i])
        continue;
      switch (r->rel)
        {
        case RESP_REL_WITHIN: e.kind = CARD_PARENT_REGION; e.key = r->from; break;
        case RESP_REL_LOCATED_IN: e.kind = CARD_REGION_OF_UNIT; e.key = r->from; break;
        case RESP_REL_UNDER: e.kind = CARD_SUPERIOR; e.key = r->from; break;
        case RESP_REL_HEADS: e.kind = CARD_HEAD; e.key = r->to; break;
        case RESP_REL_MEMBER:
          if (r->seat != RESP_SEAT_MAIN_LEADER)
            continue;
          e.kind = CARD_MAIN_LEADER; e.key = r->to;
          break;
        case RESP_REL_LEADS:
          e.kind = CARD_LEADER_OF_SCOPE; e.key = r->to;
          g_array_append_val (entries, e);
          e.kind = CARD_SCOPE_OF_COMMITTEE; e.key = r->from;
          break;
        default:
          continue;
        }
      g_array_append_val (entries, e);
    }
  n = entries->len;
  sort_card_entries (entries, m->n_nodes, L->options->card_sort_min);
  reported = g_new0 (guint8, MAX (m->n_rels, 1));

  for (guint i = 0; i < n && !L->fatal;)
    {
      const CardEntry *g = &g_array_index (entries, CardEntry, i);
      const CardEntry *active = g;
      guint j = i + 1;

      for (; j < n; j++)
        {
          const CardEntry *c = &g_array_index (entries, CardEntry, j);
          if (c->kind != g->kind || c->key != g->key)
            break;
          if (c->since < active->until)
            {
              guint32 later = MAX (c->rel, active->rel);
              if (!(reported[later] & (1u << c->kind)))
                {
                  reported[later] |= (guint8) (1u << c->kind);
                  report_overlap (L, active, c);
                }
            }
          if (c->until > active->until)
            active = c;
        }
      i = j;
    }
  g_free (reported);
  g_array_unref (entries);
}

/* ---- cycles in `within` and `under` ---- */

/* A cycle needs every one of its relations live at a common instant. The
 * static graph of `within` and `under` (time ignored) is checked first with
 * an iterative Tarjan; only its non-trivial strongly connected components,
 * which a sound model does not have, get the dated search, which adds their
 * relations in file order and asks of each whether it closes a path whose
 * intervals still overlap: that relation "completes" the cycle (SPEC §3.4). */

#define CYCLE_STEP_BUDGET 2000000

typedef struct {
  guint32 *start;   /* CSR over the hierarchy relations, by from */
  guint32 *edge;    /* relation indices */
} Hier;

static gboolean
is_hier (const RespRelRec *r)
{
  return r->rel == RESP_REL_WITHIN || r->rel == RESP_REL_UNDER;
}

static void
tarjan (Loader *L, const Hier *h, guint32 *comp, guint32 *n_comp)
{
  RespModel *m = L->m;
  guint32 n = m->n_nodes, counter = 0;
  guint32 *index = g_new (guint32, MAX (n, 1)), *low = g_new (guint32, MAX (n, 1));
  guint8 *on_stack = g_new0 (guint8, MAX (n, 1));
  guint32 *stack = g_new (guint32, MAX (n, 1)), sp = 0;
  guint32 *call_v = g_new (guint32, MAX (n, 1)), *call_e = g_new (guint32, MAX (n, 1)), cp;

  for (guint32 v = 0; v < n; v++)
    index[v] = G_MAXUINT32;
  *n_comp = 0;
  for (guint32 root = 0; root < n; root++)
    {
      if (index[root] != G_MAXUINT32 || h->start[root] == h->start[root + 1])
        {
          if (index[root] == G_MAXUINT32)
            comp[root] = (*n_comp)++;
          continue;
        }
      cp = 0;
      call_v[cp] = root;
      call_e[cp++] = h->start[root];
      index[root] = low[root] = counter++;
      stack[sp++] = root;
      on_stack[root] = TRUE;
      while (cp > 0)
        {
          guint32 v = call_v[cp - 1];
          if (call_e[cp - 1] < h->start[v + 1])
            {
              guint32 w = m->rels[h->edge[call_e[cp - 1]++]].to;
              if (index[w] == G_MAXUINT32)
                {
                  index[w] = low[w] = counter++;
                  stack[sp++] = w;
                  on_stack[w] = TRUE;
                  call_v[cp] = w;
                  call_e[cp++] = h->start[w];
                }
              else if (on_stack[w])
                low[v] = MIN (low[v], index[w]);
              continue;
            }
          if (low[v] == index[v])
            {
              guint32 w;
              do
                {
                  w = stack[--sp];
                  on_stack[w] = FALSE;
                  comp[w] = *n_comp;
                }
              while (w != v);
              (*n_comp)++;
            }
          cp--;
          if (cp > 0)
            low[call_v[cp - 1]] = MIN (low[call_v[cp - 1]], low[v]);
        }
    }
  g_free (index);
  g_free (low);
  g_free (on_stack);
  g_free (stack);
  g_free (call_v);
  g_free (call_e);
}

typedef struct {
  guint32 node;
  guint32 next;     /* position in the node's added-edge list */
  gint64  lo, hi;   /* window of the path so far */
  guint32 via;      /* relation that led here */
} CycleFrame;

/* Searches a dated path from `from` to `target` over the added relations
 * (adj: node -> GArray of relation indices) within [lo, hi). */
static gboolean
dated_path (Loader *L, GHashTable *adj, guint32 from, guint32 target, gint64 lo, gint64 hi,
            GArray *frames, guint *budget)
{
  RespModel *m = L->m;
  CycleFrame f0 = { from, 0, lo, hi, G_MAXUINT32 };
  /* the nodes on the current path, so a step need not scan it */
  GHashTable *on_path = g_hash_table_new (NULL, NULL);
  gboolean found = FALSE;

  g_array_set_size (frames, 0);
  g_array_append_val (frames, f0);
  g_hash_table_add (on_path, GUINT_TO_POINTER (from + 1));
  while (frames->len > 0)
    {
      CycleFrame *f = &g_array_index (frames, CycleFrame, frames->len - 1);
      GArray *out;
      gboolean pushed = FALSE;

      if (f->node == target)
        {
          found = TRUE;
          break;
        }
      if ((*budget)-- == 0)
        break;
      out = g_hash_table_lookup (adj, GUINT_TO_POINTER (f->node));
      while (out != NULL && f->next < out->len)
        {
          guint32 ri = g_array_index (out, guint32, f->next++);
          const RespRelRec *r = &m->rels[ri];
          gint64 nlo = MAX (f->lo, r->since), nhi = MIN (f->hi, r->until);

          if (nlo >= nhi)
            continue;
          if (r->to != target && g_hash_table_contains (on_path, GUINT_TO_POINTER (r->to + 1)))
            continue;
          {
            CycleFrame nf = { r->to, 0, nlo, nhi, ri };
            g_array_append_val (frames, nf);
            g_hash_table_add (on_path, GUINT_TO_POINTER (r->to + 1));
          }
          pushed = TRUE;
          break;
        }
      if (!pushed)
        {
          g_hash_table_remove (on_path, GUINT_TO_POINTER (f->node + 1));
          g_array_set_size (frames, frames->len - 1);
        }
    }
  g_hash_table_unref (on_path);
  return found;
}

/* A strongly connected component in which every node has one relation
 * inside it is one simple cycle: it exists at some instant exactly when the
 * intervals of its relations intersect, and the relation that completes it
 * is the last of them in the file. Deciding that is linear, where the dated
 * search would be quadratic on a long chain closed into a ring. Such
 * components are settled here and marked with size 0. */
static void
check_simple_cycles (Loader *L, const guint32 *comp, guint32 *comp_size, guint32 n_comp)
{
  RespModel *m = L->m;
  guint32 *next = g_new (guint32, MAX (m->n_nodes, 1));
  guint8 *branching = g_new0 (guint8, MAX (n_comp, 1));

  for (guint32 v = 0; v < m->n_nodes; v++)
    next[v] = G_MAXUINT32;
  for (guint32 i = 0; i < m->n_rels; i++)
    {
      const RespRelRec *r = &m->rels[i];
      if (!L->rel_ok[i] || !is_hier (r) || r->from == r->to || comp[r->from] != comp[r->to] ||
          comp_size[comp[r->from]] < 2)
        continue;
      if (next[r->from] != G_MAXUINT32)
        branching[comp[r->from]] = TRUE;
      next[r->from] = i;
    }
  for (guint32 v = 0; v < m->n_nodes && !L->fatal; v++)
    {
      guint32 c = comp[v], last = 0, len = 0, u = v;
      gint64 lo = RESP_INSTANT_OPEN_START, hi = RESP_INSTANT_OPEN_END;

      if (comp_size[c] < 2 || branching[c])
        continue;
      /* walk the ring once from v */
      do
        {
          const RespRelRec *r = &m->rels[next[u]];
          lo = MAX (lo, r->since);
          hi = MIN (hi, r->until);
          last = MAX (last, next[u]);
          u = r->to;
          len++;
        }
      while (u != v && len <= comp_size[c]);
      if (lo < hi)
        {
          const RespRelRec *r = &m->rels[last];
          GString *path = g_string_new (NULL);
          char s[RESP_INSTANT_BUF];
          guint k = 0;

          g_string_append_printf (path, "'%s'", resp_model_node_id (m, r->from));
          for (u = r->to; ; u = m->rels[next[u]].to, k++)
            {
              if (len <= 12 || k < 8 || k + 2 >= len)
                g_string_append_printf (path, " → '%s'", resp_model_node_id (m, u));
              else if (k == 8)
                g_string_append_printf (path, " → … (%u more) …", len - 10);
              if (u == r->from)
                break;
            }
          resp_instant_format_short (lo, s);
          add_error (L, RESP_ERROR_CYCLE, L->rel_pos[last].line, L->rel_pos[last].col,
                     "relation '%s' from '%s': closes a cycle %s (all live %s%s)",
                     resp_relation_names[r->rel], resp_model_node_id (m, r->from), path->str,
                     lo == RESP_INSTANT_OPEN_START ? "at once" : "from ",
                     lo == RESP_INSTANT_OPEN_START ? "" : s);
          g_string_free (path, TRUE);
          L->rel_ok[last] = FALSE;
        }
      comp_size[c] = 0;
    }
  g_free (next);
  g_free (branching);
}

static void
check_cycles (Loader *L)
{
  RespModel *m = L->m;
  guint32 n = m->n_nodes, n_comp = 0;
  Hier h;
  guint32 *comp, *comp_size;
  GHashTable *adj;
  GArray *frames;
  guint budget = CYCLE_STEP_BUDGET;

  h.start = g_new0 (guint32, (gsize) n + 1);
  for (guint32 i = 0; i < m->n_rels; i++)
    if (L->rel_ok[i] && is_hier (&m->rels[i]))
      h.start[m->rels[i].from + 1]++;
  for (guint32 v = 0; v < n; v++)
    h.start[v + 1] += h.start[v];
  h.edge = g_new (guint32, MAX (h.start[n], 1));
  {
    guint32 *cur = g_memdup2 (h.start, sizeof (guint32) * ((gsize) n + 1));
    for (guint32 i = 0; i < m->n_rels; i++)
      if (L->rel_ok[i] && is_hier (&m->rels[i]))
        h.edge[cur[m->rels[i].from]++] = i;
    g_free (cur);
  }

  comp = g_new (guint32, MAX (n, 1));
  tarjan (L, &h, comp, &n_comp);
  comp_size = g_new0 (guint32, MAX (n_comp, 1));
  for (guint32 v = 0; v < n; v++)
    comp_size[comp[v]]++;

  check_simple_cycles (L, comp, comp_size, n_comp);

  adj = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  frames = g_array_new (FALSE, FALSE, sizeof (CycleFrame));
  for (guint32 i = 0; i < m->n_rels && !L->fatal; i++)
    {
      const RespRelRec *r = &m->rels[i];
      GArray *out;

      if (!L->rel_ok[i] || !is_hier (r) || comp[r->from] != comp[r->to])
        continue;
      /* components settled by check_simple_cycles have size 0 now */
      if (r->from != r->to && comp_size[comp[r->from]] < 2)
        continue;
      if (r->from == r->to ||
          dated_path (L, adj, r->to, r->from, r->since, r->until, frames, &budget))
        {
          GString *path = g_string_new (NULL);
          char s[RESP_INSTANT_BUF];
          gint64 lo = r->since;

          g_string_append_printf (path, "'%s'", resp_model_node_id (m, r->from));
          for (guint k = 0; r->from != r->to && k < frames->len; k++)
            {
              const CycleFrame *f = &g_array_index (frames, CycleFrame, k);
              /* a long cycle is named by its ends */
              if (frames->len <= 12 || k < 8 || k + 2 >= frames->len)
                g_string_append_printf (path, " → '%s'", resp_model_node_id (m, f->node));
              else if (k == 8)
                g_string_append_printf (path, " → … (%u more) …", frames->len - 10);
              lo = MAX (lo, f->lo);
            }
          if (r->from == r->to)
            g_string_append_printf (path, " → '%s'", resp_model_node_id (m, r->to));
          resp_instant_format_short (lo, s);
          add_error (L, RESP_ERROR_CYCLE, L->rel_pos[i].line, L->rel_pos[i].col,
                     "relation '%s' from '%s': closes a cycle %s (all live %s%s)",
                     resp_relation_names[r->rel], resp_model_node_id (m, r->from), path->str,
                     lo == RESP_INSTANT_OPEN_START ? "at once" : "from ",
                     lo == RESP_INSTANT_OPEN_START ? "" : s);
          g_string_free (path, TRUE);
          L->rel_ok[i] = FALSE;
          continue;
        }
      if (budget == 0 || budget > CYCLE_STEP_BUDGET)
        {
          add_error (L, RESP_ERROR_LIMIT, L->rel_pos[i].line, L->rel_pos[i].col,
                     "relation '%s' from '%s': the cycle check gave up on a tangle of "
                     "hierarchy relations too large to search", resp_relation_names[r->rel],
                     resp_model_node_id (m, r->from));
          break;
        }
      out = g_hash_table_lookup (adj, GUINT_TO_POINTER (r->from));
      if (out == NULL)
        {
          out = g_array_new (FALSE, FALSE, sizeof (guint32));
          g_hash_table_insert (adj, GUINT_TO_POINTER (r->from), out);
        }
      g_array_append_val (out, i);
    }
  g_array_unref (frames);
  g_hash_table_unref (adj);
  g_free (comp);
  g_free (comp_size);
  g_free (h.start);
  g_free (h.edge);
}

static void
sort_diagnostics (GPtrArray *diags)
{
  /* stable insertion sort by position: lists are short (capped) */
  for (guint i = 1; i < diags->len; i++)
    {
      RespDiagnostic *d = diags->pdata[i];
      guint j = i;
      while (j > 0)
        {
          RespDiagnostic *p = diags->pdata[j - 1];
          guint pl = resp_diagnostic_get_line (p), dl = resp_diagnostic_get_line (d);
          if (pl < dl || (pl == dl && resp_diagnostic_get_column (p) <= resp_diagnostic_get_column (d)))
            break;
          diags->pdata[j] = p;
          j--;
        }
      diags->pdata[j] = d;
    }
}

RespModel *
resp_model_load_internal (const char *data, gsize length, const char *file,
                          const RespLimits *limits, const RespModelLoadOptions *options,
                          GDestroyNotify release_input, gpointer input,
                          GPtrArray **diagnostics, GError **error)
{
  Loader L = { 0 };
  RespModelLoadOptions defaults;
  RespModel *m;

  if (options == NULL)
    {
      resp_model_load_options_init (&defaults);
      options = &defaults;
    }
  L.options = options;

  L.m = m = resp_model_alloc ();
  L.data = data;
  L.file = file;
  /* only a page-aligned mapping we were handed to release is ours to trim */
  L.input_is_mapping = release_input != NULL && ((guintptr) data % (guintptr) sysconf (_SC_PAGESIZE)) == 0;
  L.diags = g_ptr_array_new_with_free_func ((GDestroyNotify) resp_diagnostic_unref);
  L.max_errors = limits->max_errors;
  L.pending = g_array_new (FALSE, FALSE, sizeof (PendingRef));
  L.s1 = g_string_sized_new (64);
  L.s2 = g_string_sized_new (64);
  /* Reserve for the most relations and nodes the input could hold (the
   * shortest relation takes about 30 bytes). Pages never written are never
   * resident, so this costs address space, not memory, and spares the
   * copies of doubling. */
  L.rels_cap = (guint32) MIN (length / 28 + 16, G_MAXUINT32 / 2);
  m->rels = resp_huge_alloc (L.rels_cap, sizeof (RespRelRec));
  L.rel_pos = resp_huge_alloc (L.rels_cap, sizeof (RelPos));
  L.rel_ok = resp_huge_alloc (L.rels_cap, sizeof (guint8));
  L.nodes_cap = (guint32) MIN (length / 30 + 16, G_MAXUINT32 / 2);
  m->nodes = resp_huge_alloc (L.nodes_cap, sizeof (RespNodeRec));
  L.node_pos = resp_huge_alloc ((gsize) L.nodes_cap * 2, sizeof (guint32));
  L.length = length;
  L.max_depth = limits->max_depth;
  L.max_string = (gsize) MIN (limits->max_string_bytes, G_MAXSIZE);
  L.r = resp_json_reader_new (data, length);
  resp_json_reader_set_limits (L.r, L.max_depth, L.max_string);
  m->source = g_strdup (file);

  parse_document (&L);
  if (!L.fatal)
    resolve_pending (&L);
  if (!L.fatal)
    check_endpoints (&L);
  if (!L.fatal)
    check_cardinality (&L);
  if (!L.fatal)
    check_cycles (&L);

  for (guint k = 0; k < L.pending->len; k++)
    g_free (g_array_index (L.pending, PendingRef, k).id);
  g_array_unref (L.pending);
  g_string_free (L.s1, TRUE);
  g_string_free (L.s2, TRUE);
  resp_json_reader_free (L.r);
  g_free (L.node_pos);
  g_free (L.rel_pos);
  g_free (L.rel_ok);

  if (L.diags->len > 0)
    {
      RespDiagnostic *first;
      char *text;

      sort_diagnostics (L.diags);
      first = L.diags->pdata[0];
      text = resp_diagnostic_to_string (first);
      if (L.diags->len > 1)
        g_set_error (error, RESP_ERROR, resp_diagnostic_get_code (first),
                     "%s (and %u more error%s)", text, L.diags->len - 1,
                     L.diags->len > 2 ? "s" : "");
      else
        g_set_error_literal (error, RESP_ERROR, resp_diagnostic_get_code (first), text);
      g_free (text);
      if (diagnostics != NULL)
        *diagnostics = L.diags;
      else
        g_ptr_array_unref (L.diags);
      resp_model_unref (m);
      return NULL;
    }

  /* the input is read in full: let it go before the indices double up */
  if (release_input != NULL)
    release_input (input);
  if (diagnostics != NULL)
    *diagnostics = L.diags;
  else
    g_ptr_array_unref (L.diags);
  /* give back the slack of the growing arrays before the model lives on */
  m->nodes = g_renew (RespNodeRec, m->nodes, MAX (m->n_nodes, 1));
  m->rels = g_renew (RespRelRec, m->rels, MAX (m->n_rels, 1));
  resp_model_freeze (m);
  return m;
}

/**
 * resp_model_new_from_data_full:
 * @data: (array length=length) (element-type guint8): the model file's bytes
 * @length: the length of @data, or -1 if it is NUL-terminated
 * @filename: (nullable): the name to report in diagnostics
 * @limits: (nullable): limits on the input, or %NULL for the defaults
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found (empty on success)
 * @error: return location for a #GError
 *
 * Loads a model (SPEC §3.4) from memory, or a snapshot written by
 * resp_model_write_snapshot(). Loading is all-or-nothing: on any
 * error the result is %NULL, @error holds the first problem (by position)
 * and @diagnostics all of them, up to @limits' `max_errors`.
 *
 * Returns: (transfer full) (nullable): the model
 *
 * Since: 1.0
 */
RespModel *
resp_model_new_from_data_full (const char        *data,
                               gssize             length,
                               const char        *filename,
                               const RespLimits  *limits,
                               GPtrArray        **diagnostics,
                               GError           **error)
{
  RespLimits lim;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (data);
  if (filename == NULL)
    filename = "<memory>";
  resp_limits_resolve (limits, &lim);
  if (!resp_limits_check_size (&lim, filename, (guint64) length, diagnostics, error))
    return NULL;
  if (resp_snapshot_is (data, (gsize) length))
    {
      /* a copy: the arrays must be aligned, and outlive the caller's buffer */
      char *copy = g_malloc ((gsize) length);
      RespModel *m;

      memcpy (copy, data, (gsize) length);
      m = resp_snapshot_open (copy, (gsize) length, copy, g_free, filename, diagnostics, error);
      if (m == NULL)
        g_free (copy);
      return m;
    }
  return resp_model_load_internal (data, (gsize) length, filename, &lim, NULL, NULL, NULL,
                                   diagnostics, error);
}

/**
 * resp_model_new_from_data:
 * @data: (array length=length) (element-type guint8): the model file's bytes
 * @length: the length of @data, or -1 if it is NUL-terminated
 * @filename: (nullable): the name to report in diagnostics
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found (empty on success)
 * @error: return location for a #GError
 *
 * resp_model_new_from_data_full() with the default limits.
 *
 * Returns: (transfer full) (nullable): the model
 *
 * Since: 1.0
 */
RespModel *
resp_model_new_from_data (const char  *data,
                          gssize       length,
                          const char  *filename,
                          GPtrArray  **diagnostics,
                          GError     **error)
{
  return resp_model_new_from_data_full (data, length, filename, NULL, diagnostics, error);
}

/**
 * resp_model_new_from_file_full:
 * @path: (type filename): a model file
 * @limits: (nullable): limits on the input, or %NULL for the defaults
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found (empty on success)
 * @error: return location for a #GError
 *
 * Loads a model file (SPEC §3.4). The file is mapped, not read: its pages
 * are given back as the parse moves on. See resp_model_new_from_data_full().
 *
 * Returns: (transfer full) (nullable): the model
 *
 * Since: 1.0
 */
RespModel *
resp_model_new_from_file_full (const char        *path,
                               const RespLimits  *limits,
                               GPtrArray        **diagnostics,
                               GError           **error)
{
  GMappedFile *mf;
  GError *local = NULL;
  RespModel *m;
  RespLimits lim;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  resp_limits_resolve (limits, &lim);
  mf = g_mapped_file_new (path, FALSE, &local);
  if (mf == NULL)
    {
      g_set_error (error, RESP_ERROR, RESP_ERROR_IO, "%s: %s", path, local->message);
      if (diagnostics != NULL)
        {
          *diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) resp_diagnostic_unref);
          g_ptr_array_add (*diagnostics, resp_diagnostic_new (RESP_ERROR_IO, path, 0, 0, local->message));
        }
      g_error_free (local);
      return NULL;
    }
  if (!resp_limits_check_size (&lim, path, g_mapped_file_get_length (mf), diagnostics, error))
    {
      g_mapped_file_unref (mf);
      return NULL;
    }
  if (resp_snapshot_is (g_mapped_file_get_contents (mf), g_mapped_file_get_length (mf)))
    m = resp_snapshot_open (g_mapped_file_get_contents (mf), g_mapped_file_get_length (mf),
                            mf, (GDestroyNotify) g_mapped_file_unref, path, diagnostics, error);
  else
    m = resp_model_load_internal (g_mapped_file_get_contents (mf), g_mapped_file_get_length (mf),
                                  path, &lim, NULL, (GDestroyNotify) g_mapped_file_unref, mf,
                                  diagnostics, error);
  if (m == NULL)
    g_mapped_file_unref (mf);
  return m;
}

/**
 * resp_model_new_from_file:
 * @path: (type filename): a model file
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found (empty on success)
 * @error: return location for a #GError
 *
 * resp_model_new_from_file_full() with the default limits.
 *
 * Returns: (transfer full) (nullable): the model
 *
 * Since: 1.0
 */
RespModel *
resp_model_new_from_file (const char  *path,
                          GPtrArray  **diagnostics,
                          GError     **error)
{
  return resp_model_new_from_file_full (path, NULL, diagnostics, error);
}
