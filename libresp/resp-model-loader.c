/* resp-model-loader.c: model file (SPEC §3.4) → frozen RespModel
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The loader streams: it takes tokens from the JSON reader one object at a
 * time and never builds a tree of the file, so a national model costs its
 * own arrays and not a DOM. What each key of a node or relation holds is a
 * row of a table here; what the words mean (node types and their
 * attributes, relations and their ends) is the vocabulary's
 * (resp-vocab-private.h). Every problem becomes a diagnostic with the
 * position SPEC §3.4 assigns it; the load goes on to find more, and fails
 * as a whole if there was any. Checks that need the whole graph run after
 * the parse (resp-model-check.c); a long relations array is read in two
 * halves (resp-model-split.c).
 */
#include "config.h"

#include <string.h>

#include "resp-model-loader-private.h"
#include "resp-instant-private.h"

#define MODEL_FORMAT "libresp/model/1"
#define ATTR_BUF 64

void
resp_model_load_options_init (RespModelLoadOptions *options)
{
  /* Relations arrays shorter than split_min (in bytes of input) are read in
   * one piece: for them a thread would cost more than it saves. */
  options->split_min = RESP_MODEL_LOAD_SPLIT_MIN;
  options->card_sort_min = RESP_MODEL_LOAD_CARD_SORT_MIN;
  options->splits_used = NULL;
}

/* ---- positions ---- */

void
resp_loader_pos (const RespLoader *L, const RespObjPos *o, gsize off, guint *line, guint *col)
{
  resp_input_pos (L->data, o->line, o->col, o->off, off, line, col);
}

void
resp_loader_rel_value_pos (const RespLoader *L, guint32 i, gboolean is_to, guint *line, guint *col)
{
  const RespRelPos *p = &L->rel_pos[i];
  RespObjPos o = { p->line, p->col, p->off };

  resp_loader_pos (L, &o, p->off + (is_to ? p->to_delta : p->from_delta), line, col);
}

static guint
line_at (const RespLoader *L, gsize off)
{
  guint l, c;
  resp_loader_pos (L, &L->obj, off, &l, &c);
  return l;
}

static guint
col_at (const RespLoader *L, gsize off)
{
  guint l, c;
  resp_loader_pos (L, &L->obj, off, &l, &c);
  return c;
}

/* the position of byte offset off in the current object, as two arguments */
#define AT(off) line_at (L, (off)), col_at (L, (off))

/* ---- tokens ---- */

static RespJsonToken
next (RespLoader *L)
{
  return resp_diag_sink_next (&L->sink, L->r);
}

/* Skips the rest of a value whose first token was just read. */
static gboolean
skip (RespLoader *L, RespJsonToken first)
{
  return resp_diag_sink_skip (&L->sink, L->r, first);
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

/* ---- the members of one object, by a table of its keys ---- */

typedef enum {
  FIELD_WORD,     /* a short string (a word of a vocabulary): its text kept, cut at ATTR_BUF */
  FIELD_TEXT,     /* a string of any length, into the loader's buffer for it */
  FIELD_BOOL,
  FIELD_LEVEL,    /* an integer from 1 to 5 */
  FIELD_OBJECT,   /* an object, kept as its JSON text */
  FIELD_INSTANT,  /* a date, or null for open */
} FieldKind;

/* A value in the current object, remembered until the object closes. */
typedef struct {
  gboolean present;
  gsize    off;               /* of the value */
  gsize    key_off;           /* of the key */
  char     text[ATTR_BUF];    /* FIELD_WORD (truncated) */
  gboolean truncated;
  gint64   number;            /* FIELD_BOOL, FIELD_LEVEL, FIELD_INSTANT; FIELD_OBJECT: is one */
  gboolean open;              /* FIELD_INSTANT: null */
  gsize    end;               /* FIELD_OBJECT: the value is data[off, end) */
} Field;

typedef struct _FieldDesc FieldDesc;

/* Called once a field has been read well. */
typedef void (*FieldHook) (RespLoader *L, Field *fields, guint k);

struct _FieldDesc {
  const char  *key;
  FieldKind    kind;
  RespTypeMask types;         /* node types it is an attribute of (0: every type) */
  FieldHook    hook;
};

/* The row of key in desc[0..n), or -1: for every key of every object of
 * a national model, so inline and first byte first. */
static inline int
field_find (const FieldDesc *desc, guint n, const char *key)
{
  for (guint k = 0; k < n; k++)
    if (desc[k].key[0] == key[0] && strcmp (desc[k].key, key) == 0)
      return (int) k;
  return -1;
}

/* Keys not in the table, reported once it is known what the object is. */
#define MAX_UNKNOWN_KEYS 8

typedef struct {
  guint n;
  struct {
    char  name[ATTR_BUF];
    gsize off;
  } keys[MAX_UNKNOWN_KEYS];
} UnknownKeys;

/* Empties the fields of an object: all but their values, which only a
 * present field's reader fills and reads. (Clearing the whole array was 40 %
 * of parsing a node: it runs for every node and relation.) */
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

/* Reports a value of the wrong JSON type for field k (a string field is
 * then absent) and skips it. */
static gboolean
wrong_type (RespLoader *L, const FieldDesc *d, Field *f, RespJsonToken t, const char *what)
{
  switch (d->kind)
    {
    case FIELD_BOOL:
      resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_VALUE, AT (f->off),
                          "%s: '%s' must be true or false, not %s", what, d->key,
                          resp_json_token_name (t));
      break;
    case FIELD_LEVEL:
      resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_VALUE, AT (f->off),
                          "%s: '%s' must be an integer from 1 to 5", what, d->key);
      break;
    case FIELD_INSTANT:
      resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_DATE, AT (f->off),
                          "%s: '%s' must be a date string, not %s", what, d->key,
                          resp_json_token_name (t));
      break;
    default:
      resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_VALUE, AT (f->off),
                          "%s: '%s' must be a string, not %s", what, d->key,
                          resp_json_token_name (t));
      f->present = FALSE;
      break;
    }
  return skip (L, t);
}

/* text = the len bytes at s: a copy in place when they fit (an id or a
 * name almost always does: the texts are kept from object to object),
 * without GString's calls for every relation's from and to */
static inline void
text_set (GString *text, const char *s, gsize len)
{
  if (G_LIKELY (len < text->allocated_len))
    {
      memcpy (text->str, s, len);
      text->str[len] = '\0';
      text->len = len;
      return;
    }
  g_string_truncate (text, 0);
  g_string_append_len (text, s, (gssize) len);
}

/* Reads the value of field k, whose key was just read. FALSE when reading
 * cannot go on; *bad when the value is unusable. */
static gboolean
read_field (RespLoader *L, const FieldDesc *d, Field *f, GString *text, const char *what,
            gboolean *bad)
{
  RespJsonToken t = next (L);
  const char *s, *why = NULL;
  gsize len;

  if (t == RESP_JSON_TOKEN_ERROR)
    return FALSE;
  f->present = TRUE;
  f->off = resp_json_reader_get_offset (L->r);
  f->number = 0;
  switch (d->kind)
    {
    case FIELD_WORD:
    case FIELD_TEXT:
      if (t != RESP_JSON_TOKEN_STRING)
        break;
      s = resp_json_reader_get_string (L->r, &len);
      if (d->kind == FIELD_TEXT)
        {
          text_set (text, s, len);
          return TRUE;
        }
      f->truncated = len >= ATTR_BUF;
      memcpy (f->text, s, MIN (len, ATTR_BUF - 1));
      f->text[MIN (len, ATTR_BUF - 1)] = '\0';
      return TRUE;
    case FIELD_BOOL:
      if (t != RESP_JSON_TOKEN_TRUE && t != RESP_JSON_TOKEN_FALSE)
        break;
      f->number = t == RESP_JSON_TOKEN_TRUE;
      return TRUE;
    case FIELD_LEVEL:
      if (t != RESP_JSON_TOKEN_NUMBER || !resp_json_reader_get_is_int (L->r) ||
          resp_json_reader_get_int (L->r) < 1 || resp_json_reader_get_int (L->r) > 5)
        break;
      f->number = resp_json_reader_get_int (L->r);
      return TRUE;
    case FIELD_OBJECT:
      if (!resp_json_reader_skip_value (L->r, &f->end))
        {
          resp_diag_sink_add_reader_error (&L->sink, L->r);
          return FALSE;
        }
      f->number = t == RESP_JSON_TOKEN_BEGIN_OBJECT;
      if (f->number)
        return TRUE;
      *bad = TRUE;
      resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_VALUE, AT (f->off),
                          "%s: '%s' must be an object, not %s", what, d->key,
                          resp_json_token_name (t));
      return TRUE;
    case FIELD_INSTANT:
    default:
      f->open = t == RESP_JSON_TOKEN_NULL;
      if (f->open)
        return TRUE;
      if (t != RESP_JSON_TOKEN_STRING)
        break;
      s = resp_json_reader_get_string (L->r, &len);
      if (!resp_instant_parse_len (s, len, &f->number, &why))
        {
          f->open = TRUE;
          resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_DATE, AT (f->off), "%s: bad %s '%.*s': %s",
                              what, d->key, (int) MIN (len, 64), s, why);
          *bad = TRUE;
        }
      return TRUE;
    }
  *bad = TRUE;
  return wrong_type (L, d, f, t, what);
}

/* Reads the members of the object whose '{' was just read into fields (one
 * per row of desc; texts[k] receives a FIELD_TEXT), collecting unknown
 * keys. what names the object in messages about a value's type. FALSE when
 * the object could not be read to its end. */
static gboolean
read_fields (RespLoader *L, const FieldDesc *desc, guint n, Field *f, GString **texts,
             UnknownKeys *unknown, const char *what, gboolean *bad)
{
  fields_clear (f, n);
  unknown->n = 0;
  *bad = FALSE;
  for (;;)
    {
      RespJsonToken t = next (L);
      gboolean field_bad;
      gsize ko;
      const char *key;
      int k;

      if (t == RESP_JSON_TOKEN_END_OBJECT)
        return TRUE;
      if (t != RESP_JSON_TOKEN_KEY)
        return FALSE;
      ko = resp_json_reader_get_offset (L->r);
      key = resp_json_reader_get_string (L->r, NULL);
      k = field_find (desc, n, key);
      if (k < 0)
        {
          if (unknown->n < MAX_UNKNOWN_KEYS)
            {
              g_strlcpy (unknown->keys[unknown->n].name, key, ATTR_BUF);
              unknown->keys[unknown->n].off = ko;
              unknown->n++;
            }
          if (!skip (L, next (L)))
            return FALSE;
          continue;
        }
      f[k].key_off = ko;
      field_bad = FALSE;
      if (!read_field (L, &desc[k], &f[k], texts[k], what, &field_bad))
        return FALSE;
      *bad |= field_bad;
      if (f[k].present && !field_bad && desc[k].hook != NULL)
        desc[k].hook (L, f, (guint) k);
      if (L->sink.fatal)
        return FALSE;
    }
}

/* "OBJECT: unknown attribute 'KEY' (did you mean …?)", the hint drawn from
 * the keys the object takes. */
static void
report_unknown_keys (RespLoader *L, const UnknownKeys *unknown, const char * const *allowed,
                     guint n_allowed, const char *what)
{
  char hint[128];

  if (unknown->n == 0)
    return;
  for (guint i = 0; i < unknown->n; i++)
    resp_diag_sink_add (&L->sink, RESP_ERROR_UNKNOWN_ATTRIBUTE, AT (unknown->keys[i].off),
                        "%s: unknown attribute '%s'%s", what, unknown->keys[i].name,
                        resp_input_hint (hint, sizeof hint, allowed, n_allowed,
                                         unknown->keys[i].name));
}

/* The index of a word field's text among values, or -1. */
static int
field_word (const Field *f, const char * const *values, guint n)
{
  return f->truncated ? -1 : resp_name_lookup (values, n, f->text);
}

/* ---- nodes ---- */

static void
ensure_node_capacity (RespLoader *L)
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

static void node_id_read (RespLoader *L, Field *f, guint k);
static void node_name_read (RespLoader *L, Field *f, guint k);

#define T(x) RESP_TYPE_BIT (RESP_NODE_##x)
static const FieldDesc node_fields[NK_N] = {
  [NK_ID]         = { "id", FIELD_TEXT, 0, node_id_read },
  [NK_TYPE]       = { "type", FIELD_WORD, 0, NULL },
  [NK_NAME]       = { "name", FIELD_TEXT, 0, node_name_read },
  [NK_LEVEL]      = { "level", FIELD_WORD, T (REGION), NULL },
  [NK_FORM]       = { "form", FIELD_WORD, T (COMMITTEE), NULL },
  [NK_KIND]       = { "kind", FIELD_WORD, T (UNIT) | T (SYSTEM), NULL },
  [NK_CII]        = { "cii", FIELD_BOOL, T (SYSTEM), NULL },
  [NK_PROTECTION] = { "protection_level", FIELD_LEVEL, T (SYSTEM), NULL },
  [NK_EXTRA]      = { "extra", FIELD_OBJECT, 0, NULL },
};
#undef T

static gboolean
node_key_allowed (int type, guint k)
{
  return node_fields[k].types == 0 || (node_fields[k].types & RESP_TYPE_BIT (type));
}

/* The id is interned once the object is read; its slot in the table (a
 * cache miss at national scale) is fetched meanwhile. */
static void
node_id_read (RespLoader *L, Field *f, guint k)
{
  resp_interner_prefetch (&L->m->ids, L->s1->str, L->s1->len);
}

static void
node_name_read (RespLoader *L, Field *f, guint k)
{
  GString *name = L->s2, *id = L->s1;

  if (name->len == 0 || strlen (name->str) != name->len)
    {
      char what[RESP_MAX_ID_BYTES + 32];

      /* the id as far as it has been read */
      g_snprintf (what, sizeof what, "node '%s'",
                  f[NK_ID].present && f[NK_ID].key_off < f[k].key_off && id->len ? id->str : "?");
      resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_VALUE, AT (f[k].off),
                          "%s: 'name' must be a non-empty string without NUL characters", what);
    }
}

/* The node's type, or -1 (reported when it is named but unknown). */
static int
node_type (RespLoader *L, const Field *f, const char *what)
{
  char hint[128];
  int type;

  if (!f->present)
    return -1;
  type = f->truncated ? -1 : RESP_VOCAB_FIND (resp_node_types, f->text);
  if (type < 0)
    resp_diag_sink_add (&L->sink, RESP_ERROR_UNKNOWN_TYPE, AT (f->off), "%s: unknown type '%s'%s",
                        what, f->text,
                        resp_did_you_mean (hint, sizeof hint,
                                           RESP_VOCAB_SUGGEST (resp_node_types, f->text)));
  return type;
}

static void
node_unknown_keys (RespLoader *L, const UnknownKeys *unknown, int type, const char *what)
{
  const char *allowed[NK_N];
  guint n_allowed = 0;

  if (unknown->n == 0)
    return;
  for (guint k = 0; k < NK_N; k++)
    if (type < 0 || node_key_allowed (type, k))
      allowed[n_allowed++] = node_fields[k].key;
  report_unknown_keys (L, unknown, allowed, n_allowed, what);
}

/* The attributes of a node of a known type: keys that other types take
 * (*bad), and its enumerated attribute (RespAttrInfo). Returns that
 * attribute's value, or -1 when it is wrong. */
static int
node_attributes (RespLoader *L, int type, const Field *f, const char *what, gboolean *bad)
{
  const RespAttrInfo *attr = resp_node_types[type].attr;
  const Field *af;
  char hint[128];
  int v;

  for (guint k = NK_LEVEL; k <= NK_PROTECTION; k++)
    if (f[k].present && !node_key_allowed (type, k))
      {
        resp_diag_sink_add (&L->sink, RESP_ERROR_UNKNOWN_ATTRIBUTE, AT (f[k].key_off),
                            "%s: '%s' is not an attribute of a %s", what, node_fields[k].key,
                            resp_node_types[type].name);
        *bad = TRUE;
      }
  if (attr == NULL)
    return 0;
  af = &f[L->attr_field[type]];
  if (!af->present)
    {
      if (!attr->required)
        return attr->fallback;
      resp_diag_sink_add (&L->sink, RESP_ERROR_MISSING_KEY, L->obj.line, L->obj.col,
                          "%s: a %s needs a '%s'", what, resp_node_types[type].name, attr->key);
      return -1;
    }
  v = field_word (af, attr->values, attr->n_values);
  if (v < 0)
    resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_VALUE, AT (af->off),
                        "%s: '%s%s' is not a valid %s%s", what, af->text, af->truncated ? "…" : "",
                        attr->noun, resp_input_hint (hint, sizeof hint, attr->values, attr->n_values,
                                                     af->text));
  return v;
}

/* Interns the node's id and records the node, even when the rest of it is
 * bad, so that relations to it do not pile on "unknown node" errors; the id
 * number is the node's index. */
static void
node_record (RespLoader *L, const Field *f, int type, int attr, gboolean bad,
             guint32 name_off, guint32 extra_off, const char *what)
{
  GString *id = L->s1;
  const char *why = resp_input_check_id (id->str, id->len);
  guint32 v;
  gboolean is_new;
  RespNodeRec *rec;

  if (why != NULL || strlen (id->str) != id->len)
    {
      resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_VALUE, AT (f[NK_ID].off), "%s: %s", what,
                          why != NULL ? why : "an id must not contain NUL");
      return;
    }
  v = resp_interner_intern (&L->m->ids, id->str, id->len, &is_new);
  if (!is_new)
    {
      resp_diag_sink_add (&L->sink, RESP_ERROR_DUPLICATE_ID, AT (f[NK_ID].off),
                          "duplicate id '%s' (first defined at line %u, column %u)", id->str,
                          L->node_pos[v * 2], L->node_pos[v * 2 + 1]);
      return;
    }
  ensure_node_capacity (L);
  rec = &L->m->nodes[v];
  rec->type = bad || type < 0 ? RESP_NODE_TYPE_INVALID : (guint8) type;
  rec->attr = attr < 0 ? 0 : (guint8) attr;
  rec->cii = f[NK_CII].present && f[NK_CII].number;
  rec->protection_level = f[NK_PROTECTION].present ? (guint8) f[NK_PROTECTION].number : 0;
  rec->name = name_off;
  rec->extra = extra_off;
  /* the id is near the '{', so this is a short scan */
  resp_loader_pos (L, &L->obj, f[NK_ID].off, &L->node_pos[v * 2], &L->node_pos[v * 2 + 1]);
  L->m->n_nodes++;
}

static void
parse_node (RespLoader *L)
{
  static const guint required[] = { NK_ID, NK_TYPE, NK_NAME };
  Field f[NK_N];
  UnknownKeys unknown;
  GString *texts[NK_N] = { [NK_ID] = L->s1, [NK_NAME] = L->s2 };
  guint32 name_off = 0, extra_off = 0;
  int type, attr = -1;
  char what[RESP_MAX_ID_BYTES + 32];
  gboolean bad;

  g_string_truncate (L->s1, 0);
  if (!read_fields (L, node_fields, NK_N, f, texts, &unknown, "node", &bad))
    return;
  if (f[NK_NAME].present)
    {
      name_off = pool_append (&L->m->names, &L->m->names_len, &L->names_cap, L->s2->str, L->s2->len);
      bad |= L->s2->len == 0 || strlen (L->s2->str) != L->s2->len;
    }
  if (f[NK_EXTRA].present && f[NK_EXTRA].number)
    extra_off = 1 + pool_append (&L->m->extras, &L->m->extras_len, &L->extras_cap,
                                 L->data + f[NK_EXTRA].off, f[NK_EXTRA].end - f[NK_EXTRA].off);

  /* plain concatenation: this runs for every node of a national model */
  {
    gsize w = put (what, 0, sizeof what, "node");
    if (f[NK_ID].present)
      {
        w = put (what, w, sizeof what, " '");
        w = put (what, w, sizeof what, L->s1->str);
        put (what, w, sizeof what, "'");
      }
  }

  type = node_type (L, &f[NK_TYPE], what);
  bad |= f[NK_TYPE].present && type < 0;
  node_unknown_keys (L, &unknown, type, what);
  bad |= unknown.n > 0;
  for (guint k = 0; k < G_N_ELEMENTS (required); k++)
    if (!f[required[k]].present)
      {
        resp_diag_sink_add (&L->sink, RESP_ERROR_MISSING_KEY, L->obj.line, L->obj.col,
                            "%s: missing '%s'", what, node_fields[required[k]].key);
        bad = TRUE;
      }
  if (type >= 0)
    {
      attr = node_attributes (L, type, f, what, &bad);
      bad |= attr < 0;
    }
  if (f[NK_ID].present)
    node_record (L, f, type, attr, bad, name_off, extra_off, what);
}

/* ---- relations ---- */

enum { RK_REL, RK_FROM, RK_TO, RK_SINCE, RK_UNTIL, RK_ROLE, RK_N };

static void relation_end_read (RespLoader *L, Field *f, guint k);

static const FieldDesc rel_fields[RK_N] = {
  [RK_REL]   = { "rel", FIELD_WORD, 0, NULL },
  [RK_FROM]  = { "from", FIELD_TEXT, 0, relation_end_read },
  [RK_TO]    = { "to", FIELD_TEXT, 0, relation_end_read },
  [RK_SINCE] = { "since", FIELD_INSTANT, 0, NULL },
  [RK_UNTIL] = { "until", FIELD_INSTANT, 0, NULL },
  [RK_ROLE]  = { "role", FIELD_WORD, 0, NULL },
};

/* The node an end names is looked up once the object is read; its slot
 * in the id table is fetched meanwhile. */
static void
relation_end_read (RespLoader *L, Field *f, guint k)
{
  GString *id = k == RK_FROM ? L->s1 : L->s2;
  resp_interner_prefetch (&L->m->ids, id->str, id->len);
}

void
resp_loader_ensure_rel_capacity (RespLoader *L, guint32 extra)
{
  RespModel *m = L->m;

  if ((guint64) m->n_rels + extra <= L->rels_cap)
    return;
  while ((guint64) m->n_rels + extra > L->rels_cap)
    L->rels_cap = MAX (L->rels_cap * 2, 1024);
  m->rels = g_renew (RespRelRec, m->rels, L->rels_cap);
  L->rel_pos = g_renew (RespRelPos, L->rel_pos, L->rels_cap);
  L->rel_ok = g_renew (guint8, L->rel_ok, L->rels_cap);
}

static guint32
resolve_ref (RespLoader *L, GString *id, guint32 rel_index, gboolean is_to)
{
  guint32 v;

  if (resp_interner_lookup (&L->m->ids, id->str, id->len, &v))
    return v;
  {
    RespPendingRef p = { rel_index, is_to, g_strndup (id->str, id->len) };
    g_array_append_val (L->pending, p);
  }
  return RESP_NO_NODE;
}

/* "relation 'REL' from 'FROM'" (as much of it as is known), the name of a
 * relation in messages: made only when there is a message to write (it was
 * a fifth of the instructions a good relation took outside the reader) */
typedef struct {
  const RespLoader *L;
  const Field      *f;
  gboolean          made;
  char              text[2 * RESP_MAX_ID_BYTES + 64];
} RelWhat;

static void
rel_what_init (RelWhat *what, const RespLoader *L, const Field *f)
{
  what->L = L;
  what->f = f;
  what->made = FALSE;
}

static const char *
rel_what (RelWhat *what)
{
  const Field *f = what->f;
  gsize size = sizeof what->text, w;

  if (what->made)
    return what->text;
  what->made = TRUE;
  if (!f[RK_REL].present)
    {
      g_strlcpy (what->text, "relation", size);
      return what->text;
    }
  w = put (what->text, 0, size, "relation '");
  w = put (what->text, w, size, f[RK_REL].text);
  w = put (what->text, w, size, "'");
  if (f[RK_FROM].present)
    {
      w = put (what->text, w, size, " from '");
      w = put (what->text, w, size, what->L->s1->str);
      put (what->text, w, size, "'");
    }
  return what->text;
}

/* The relation type, or -1 (reported when it is missing, or named but
 * unknown). */
static int
relation_type (RespLoader *L, const Field *f, RelWhat *what)
{
  char hint[128];
  int rel;

  if (!f[RK_REL].present)
    {
      resp_diag_sink_add (&L->sink, RESP_ERROR_MISSING_KEY, L->obj.line, L->obj.col,
                          "relation: missing 'rel'");
      return -1;
    }
  rel = f[RK_REL].truncated ? -1 : RESP_VOCAB_FIND (resp_relations, f[RK_REL].text);
  if (rel < 0)
    resp_diag_sink_add (&L->sink, RESP_ERROR_UNKNOWN_RELATION, AT (f[RK_REL].off),
                        "%s: unknown relation '%s'%s", rel_what (what), f[RK_REL].text,
                        resp_did_you_mean (hint, sizeof hint,
                                           RESP_VOCAB_SUGGEST (resp_relations, f[RK_REL].text)));
  return rel;
}

/* The seat a relation's `role` names: RESP_SEAT_NONE for a relation that
 * takes none, -1 when it is missing, unknown or out of place. */
static int
relation_seat (RespLoader *L, int rel, const Field *role, RelWhat *what)
{
  static const char * const seat_choices[] = { "main_leader", "cyber_lead", "member" };
  char hint[128];
  int s;

  if (rel < 0 || !resp_relations[rel].takes_seat)
    {
      if (rel < 0 || !role->present)
        return RESP_SEAT_NONE;
      resp_diag_sink_add (&L->sink, RESP_ERROR_UNKNOWN_ATTRIBUTE, AT (role->key_off),
                          "%s: 'role' applies only to 'member' relations", rel_what (what));
      return -1;
    }
  if (!role->present)
    {
      resp_diag_sink_add (&L->sink, RESP_ERROR_MISSING_KEY, L->obj.line, L->obj.col,
                          "%s: a 'member' relation needs a 'role'", rel_what (what));
      return -1;
    }
  s = field_word (role, seat_choices, G_N_ELEMENTS (seat_choices));
  if (s < 0)
    resp_diag_sink_add (&L->sink, RESP_ERROR_UNKNOWN_ROLE, AT (role->off),
                        "%s: unknown role '%s' (a seat is main_leader, cyber_lead or member)%s",
                        rel_what (what), role->text,
                        resp_input_hint (hint, sizeof hint, seat_choices,
                                         G_N_ELEMENTS (seat_choices), role->text));
  return s < 0 ? -1 : RESP_VOCAB_FIND (resp_seats, seat_choices[s]);
}

static void
relation_record (RespLoader *L, const Field *f, int rel, int seat, gint64 since, gint64 until)
{
  guint32 i;
  RespRelRec *rec;
  RespRelPos *pos;

  resp_loader_ensure_rel_capacity (L, 1);
  i = L->m->n_rels++;
  rec = &L->m->rels[i];
  pos = &L->rel_pos[i];
  rec->rel = (guint8) rel;
  rec->seat = (guint8) seat;
  rec->since = since;
  rec->until = until;
  pos->line = L->obj.line;
  pos->col = L->obj.col;
  pos->off = L->obj.off;
  pos->from_delta = (guint32) MIN (f[RK_FROM].off - L->obj.off, G_MAXUINT32);
  pos->to_delta = (guint32) MIN (f[RK_TO].off - L->obj.off, G_MAXUINT32);
  L->rel_ok[i] = TRUE;
  rec->from = resolve_ref (L, L->s1, i, FALSE);
  rec->to = resolve_ref (L, L->s2, i, TRUE);
}

void
resp_loader_parse_relation (RespLoader *L)
{
  Field f[RK_N];
  UnknownKeys unknown;
  GString *texts[RK_N] = { [RK_FROM] = L->s1, [RK_TO] = L->s2 };
  const char *rel_keys[RK_N];
  RelWhat what;
  gint64 since, until;
  int rel, seat;
  gboolean bad;

  g_string_truncate (L->s1, 0);
  g_string_truncate (L->s2, 0);
  if (!read_fields (L, rel_fields, RK_N, f, texts, &unknown, "relation", &bad))
    return;

  rel_what_init (&what, L, f);
  rel = relation_type (L, f, &what);
  bad |= rel < 0;
  if (unknown.n > 0)
    {
      for (guint k = 0; k < RK_N; k++)
        rel_keys[k] = rel_fields[k].key;
      report_unknown_keys (L, &unknown, rel_keys, RK_N, rel_what (&what));
    }
  bad |= unknown.n > 0;
  /* a relation already wrong is not also said to lack its `from` */
  if (!f[RK_FROM].present && !bad)
    resp_diag_sink_add (&L->sink, RESP_ERROR_MISSING_KEY, L->obj.line, L->obj.col,
                        "%s: missing 'from'", rel_what (&what));
  bad |= !f[RK_FROM].present;
  if (!f[RK_TO].present)
    {
      resp_diag_sink_add (&L->sink, RESP_ERROR_MISSING_KEY, L->obj.line, L->obj.col,
                          "%s: missing 'to'", rel_what (&what));
      bad = TRUE;
    }
  seat = relation_seat (L, rel, &f[RK_ROLE], &what);
  bad |= seat < 0;

  since = f[RK_SINCE].present && !f[RK_SINCE].open ? f[RK_SINCE].number : RESP_INSTANT_OPEN_START;
  until = f[RK_UNTIL].present && !f[RK_UNTIL].open ? f[RK_UNTIL].number : RESP_INSTANT_OPEN_END;
  if (since != RESP_INSTANT_OPEN_START && until != RESP_INSTANT_OPEN_END && since >= until)
    {
      char a[RESP_INSTANT_BUF], b[RESP_INSTANT_BUF];
      resp_instant_format_short (since, a);
      resp_instant_format_short (until, b);
      resp_diag_sink_add (&L->sink, RESP_ERROR_EMPTY_INTERVAL, AT (f[RK_UNTIL].off),
                          "%s: empty interval: 'until' %s is not after 'since' %s", rel_what (&what), b, a);
      bad = TRUE;
    }
  if (!bad)
    relation_record (L, f, rel, seat, since, until);
}

/* ---- the document ---- */

/* Calls parse for each object element of the array whose '[' was just read. */
static void
parse_array (RespLoader *L, RespJsonToken t, const char *key, void (*parse) (RespLoader *),
             const char *element)
{
  RespLoaderHalf *half;

  if (t != RESP_JSON_TOKEN_BEGIN_ARRAY)
    {
      resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_VALUE, resp_json_reader_get_line (L->r),
                          resp_json_reader_get_column (L->r), "'%s' must be an array, not %s", key,
                          resp_json_token_name (t));
      skip (L, t);
      return;
    }
  half = parse == resp_loader_parse_relation ? resp_loader_split (L) : NULL;
  while (!L->sink.fatal)
    {
      t = next (L);
      if (t == RESP_JSON_TOKEN_END_ARRAY || t == RESP_JSON_TOKEN_ERROR)
        break;
      if (t != RESP_JSON_TOKEN_BEGIN_OBJECT)
        {
          resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_VALUE, resp_json_reader_get_line (L->r),
                              resp_json_reader_get_column (L->r), "a %s must be an object, not %s",
                              element, resp_json_token_name (t));
          if (!skip (L, t))
            break;
          continue;
        }
      L->obj.line = resp_json_reader_get_line (L->r);
      L->obj.col = resp_json_reader_get_column (L->r);
      L->obj.off = resp_json_reader_get_offset (L->r);
      parse (L);
      if (half != NULL && resp_json_reader_get_offset (L->r) >= resp_loader_split_brace (half))
        {
          /* the boundary is one if an element of this array ended there */
          gboolean here = resp_json_reader_get_offset (L->r) == resp_loader_split_brace (half) &&
                          resp_json_reader_get_depth (L->r) == 2 && !L->sink.fatal;
          resp_loader_split_finish (L, half, here);
          half = NULL;
        }
    }
  if (half != NULL)
    resp_loader_split_finish (L, half, FALSE);
}

/* The value of the top-level `format`: another format's nodes would only
 * produce noise, so an unsupported one stops the load. */
static void
parse_format (RespLoader *L, RespJsonToken t)
{
  if (t != RESP_JSON_TOKEN_STRING)
    {
      resp_diag_sink_add (&L->sink, RESP_ERROR_FORMAT, resp_json_reader_get_line (L->r),
                          resp_json_reader_get_column (L->r),
                          "'format' must be the string \"" MODEL_FORMAT "\"");
      skip (L, t);
    }
  else if (strcmp (resp_json_reader_get_string (L->r, NULL), MODEL_FORMAT) != 0)
    {
      resp_diag_sink_add (&L->sink, RESP_ERROR_FORMAT, resp_json_reader_get_line (L->r),
                          resp_json_reader_get_column (L->r),
                          "unsupported format '%s' (this version reads \"" MODEL_FORMAT "\")",
                          resp_json_reader_get_string (L->r, NULL));
      L->sink.fatal = TRUE;
    }
}

static void
parse_name (RespLoader *L, RespJsonToken t)
{
  const char *s;
  gsize len = 0;

  if (t != RESP_JSON_TOKEN_STRING)
    {
      resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_VALUE, resp_json_reader_get_line (L->r),
                          resp_json_reader_get_column (L->r), "'name' must be a string");
      skip (L, t);
      return;
    }
  s = resp_json_reader_get_string (L->r, &len);
  /* as for a node's name: output would cut it at the NUL */
  if (memchr (s, '\0', len) != NULL)
    {
      resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_VALUE, resp_json_reader_get_line (L->r),
                          resp_json_reader_get_column (L->r), "'name' must be a string without NUL characters");
      return;
    }
  g_free (L->m->name);
  L->m->name = g_strdup (s);
}

/* The members of the top-level object; FALSE when it had no `format`. */
static gboolean
parse_members (RespLoader *L)
{
  static const char * const top_keys[] = { "format", "name", "nodes", "relations" };
  gboolean has_format = FALSE;
  char hint[128];

  while (!L->sink.fatal)
    {
      RespJsonToken t = next (L);
      const char *key;
      guint kl, kc;
      int k;

      if (t != RESP_JSON_TOKEN_KEY)
        break;
      kl = resp_json_reader_get_line (L->r);
      kc = resp_json_reader_get_column (L->r);
      key = resp_json_reader_get_string (L->r, NULL);
      k = resp_name_lookup (top_keys, G_N_ELEMENTS (top_keys), key);
      if (k < 0)
        {
          resp_diag_sink_add (&L->sink, RESP_ERROR_UNKNOWN_ATTRIBUTE, kl, kc,
                              "unknown key '%s' in the model%s", key,
                              resp_input_hint (hint, sizeof hint, top_keys, G_N_ELEMENTS (top_keys), key));
          skip (L, next (L));
          continue;
        }
      t = next (L);
      if (t == RESP_JSON_TOKEN_ERROR)
        break;
      has_format |= k == 0;
      if (k == 0)
        parse_format (L, t);
      else if (k == 1)
        parse_name (L, t);
      else if (k == 2)
        {
          parse_array (L, t, "nodes", parse_node, "node");
          L->nodes_read = TRUE;
        }
      else
        parse_array (L, t, "relations", resp_loader_parse_relation, "relation");
    }
  return has_format;
}

static void
parse_document (RespLoader *L)
{
  RespJsonToken t = next (L);
  guint top_line, top_col;
  gboolean has_format;

  if (t == RESP_JSON_TOKEN_ERROR)
    return;
  top_line = resp_json_reader_get_line (L->r);
  top_col = resp_json_reader_get_column (L->r);
  if (t != RESP_JSON_TOKEN_BEGIN_OBJECT)
    {
      resp_diag_sink_add (&L->sink, RESP_ERROR_FORMAT, top_line, top_col,
                          "a model must be a JSON object with \"format\": \"" MODEL_FORMAT "\", not %s",
                          resp_json_token_name (t));
      L->sink.fatal = TRUE;
      return;
    }
  has_format = parse_members (L);
  if (L->sink.fatal)
    return;
  if (!has_format)
    resp_diag_sink_add (&L->sink, RESP_ERROR_FORMAT, top_line, top_col,
                        "missing 'format' (expected \"" MODEL_FORMAT "\")");
  t = next (L);
  if (t != RESP_JSON_TOKEN_EOF && t != RESP_JSON_TOKEN_ERROR)
    {
      resp_diag_sink_add (&L->sink, RESP_ERROR_MALFORMED_JSON, resp_json_reader_get_line (L->r),
                          resp_json_reader_get_column (L->r), "trailing data after the model");
      L->sink.fatal = TRUE;
    }
}

/* ---- the load ---- */

static void
loader_init (RespLoader *L, const char *data, gsize length, const char *file,
             const RespLimits *limits, const RespModelLoadOptions *options)
{
  RespModel *m = resp_model_alloc ();

  memset (L, 0, sizeof *L);
  L->m = m;
  L->data = data;
  L->length = length;
  L->options = options;
  resp_diag_sink_init (&L->sink, file, limits->max_errors);
  L->pending = g_array_new (FALSE, FALSE, sizeof (RespPendingRef));
  L->s1 = g_string_sized_new (64);
  L->s2 = g_string_sized_new (64);
  /* Reserve for the most relations and nodes the input could hold (the
   * shortest relation takes about 30 bytes). Pages never written are never
   * resident, so this costs address space, not memory, and spares the
   * copies of doubling. */
  L->rels_cap = (guint32) MIN (length / 28 + 16, G_MAXUINT32 / 2);
  m->rels = resp_huge_alloc (L->rels_cap, sizeof (RespRelRec));
  L->rel_pos = resp_huge_alloc (L->rels_cap, sizeof (RespRelPos));
  L->rel_ok = resp_huge_alloc (L->rels_cap, sizeof (guint8));
  L->nodes_cap = (guint32) MIN (length / 30 + 16, G_MAXUINT32 / 2);
  m->nodes = resp_huge_alloc (L->nodes_cap, sizeof (RespNodeRec));
  L->node_pos = resp_huge_alloc ((gsize) L->nodes_cap * 2, sizeof (guint32));
  L->max_depth = limits->max_depth;
  L->limits = *limits;
  L->max_string = (gsize) MIN (limits->max_string_bytes, G_MAXSIZE);
  L->r = resp_json_reader_new (data, length);
  resp_json_reader_set_limits (L->r, L->max_depth, L->max_string);
  m->source = g_strdup (file);
  for (guint t = 0; t < RESP_N_NODE_TYPES; t++)
    if (resp_node_types[t].attr != NULL)
      L->attr_field[t] = (guint8) field_find (node_fields, NK_N, resp_node_types[t].attr->key);
}

/* Frees the loader's working arrays (not the model, not the sink). */
static void
loader_clear (RespLoader *L)
{
  for (guint k = 0; k < L->pending->len; k++)
    g_free (g_array_index (L->pending, RespPendingRef, k).id);
  g_array_unref (L->pending);
  g_string_free (L->s1, TRUE);
  g_string_free (L->s2, TRUE);
  resp_json_reader_free (L->r);
  g_free (L->node_pos);
  g_free (L->rel_pos);
  g_free (L->rel_ok);
}

RespModel *
resp_model_load_internal (const char *data, gsize length, const char *file,
                          const RespLimits *limits, const RespModelLoadOptions *options,
                          GDestroyNotify release_input, gpointer input,
                          GPtrArray **diagnostics, GError **error)
{
  RespModelLoadOptions defaults;
  RespLoader L;
  RespModel *m;

  if (options == NULL)
    {
      resp_model_load_options_init (&defaults);
      options = &defaults;
    }
  loader_init (&L, data, length, file, limits, options);
  m = L.m;

  parse_document (&L);
  resp_loader_check (&L);
  loader_clear (&L);

  if (!resp_diag_sink_finish (&L.sink, diagnostics, error))
    {
      resp_model_unref (m);
      return NULL;
    }
  /* the input is read in full: let it go before the indices double up */
  if (release_input != NULL)
    release_input (input);
  /* give back the slack of the growing arrays before the model lives on */
  m->nodes = g_renew (RespNodeRec, m->nodes, MAX (m->n_nodes, 1));
  m->rels = g_renew (RespRelRec, m->rels, MAX (m->n_rels, 1));
  resp_model_freeze (m);
  return m;
}
