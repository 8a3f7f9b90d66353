/* resp-record.c: record files (SPEC §8.2), checked against a model and a rulebook
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The loader streams, as the model's does: it takes tokens from the one
 * JSON reader an object at a time, remembers each member's value and
 * where it was (a table of keys per object), checks the object once it is
 * closed, and never builds a tree of the file. Nodes, persons and kinds
 * are looked up as each entry is checked (the model and rulebook are
 * already loaded); a rectification's `answers` may name a notice further
 * down, so those are settled after the pass. Every problem becomes a
 * diagnostic at the position SPEC §8.2 gives it, the load goes on to find
 * more, and fails as a whole if there was any. Only a record that loaded
 * is indexed (resp-record-private.h says how).
 */
#include "config.h"

#include <string.h>

#include "resp-record-private.h"
#include "resp-input-private.h"
#include "resp-instant-private.h"
#include "resp-document-private.h"
#include "resp-vec-private.h"
#include "resp-refcount-private.h"

#define RECORD_FORMAT "libresp/record/1"
/* a "did you mean" is worth a scan of the ids only in a small model */
#define HINT_MAX_NODES 20000
/* entry numbers are guint32, and RESP_RECORD_NONE is not one */
#define MAX_ENTRIES (G_MAXUINT32 - 1)
#define KEY_BUF 64
#define MAX_UNKNOWN_KEYS 8

/* ---- the loader ---- */

typedef enum { V_STRING, V_INSTANT, V_LIST } ValueKind;

/* Which table of ids a string value will be looked up in once the object
 * is read: its slot is fetched into the cache meanwhile (at national
 * scale each lookup is otherwise a cache miss or two). */
typedef enum { IDS_NONE, IDS_MODEL, IDS_RECORD } IdTable;

typedef struct {
  const char *key;
  ValueKind   kind;
  IdTable     ids;
} KeyDesc;

/* A member of the object being read. */
typedef struct {
  gboolean      present;
  RespJsonToken token;      /* the value's first token */
  gsize         off;        /* of the value */
  gsize         key_off;
  GString      *text;       /* a string value */
  gint64        instant;    /* V_INSTANT, when why is NULL */
  const char   *why;        /* V_INSTANT: why the string is no instant */
} Field;

/* An element of the object's one list (participants, kinds). */
typedef struct {
  gsize         off;
  RespJsonToken token;
  guint32       str;        /* a string's offset in item_text */
  guint32       len;
} Item;

/* An entry as read, before the index: file order. */
typedef struct {
  guint32 entry;            /* file index */
  guint32 by;
  gint64  due;
} LoadNotice;

/* A rectification's `answers`, settled once every entry is read. */
typedef struct {
  guint32 rect;             /* its file index, or RESP_RECORD_NONE when it is no entry */
  guint32 node;             /* its node, or RESP_NO_NODE */
  guint32 notice;           /* settled: the notice's file index */
  guint   line, col;        /* of the `answers` value */
  char   *id;               /* what it answers */
  char   *what;             /* "entry 'ID'" */
} Answer;

typedef struct {
  RespRecord     *rec;
  RespModel      *model;
  RespRulebook   *rb;
  RespJsonReader *r;
  const char     *data;
  gsize           length;
  RespDiagSink    sink;
  /* the object being read */
  guint           obj_line, obj_col;
  gsize           obj_off;
  GString        *texts[10];
  RESP_VEC (Item) items;
  GString        *item_text;
  guint           n_unknown;
  struct { char name[KEY_BUF]; gsize off; } unknown[MAX_UNKNOWN_KEYS];
  /* what the file holds, in file order */
  RESP_VEC (RespRecordEntry) entries;
  RespU32Vec      entry_lines;     /* the line of each entry's '{', for a duplicate's message */
  RESP_VEC (RespRecordExtra) extras;
  RespU32Vec      participants;
  RESP_VEC (LoadNotice) notices;
  RESP_VEC (Answer) answers;
  RESP_VEC (RespRecordSpan) spans;
  RespU32Vec      span_kinds;
  GStringChunk   *texts_chunk;
  /* names for "did you mean" */
  const char    **kind_names;      /* declared kinds, then the built-in ones */
  guint           n_kind_names;
  const char    **node_ids;        /* made on the first unknown node of a small model */
  /* the last node found: entries often come node by node */
  GString        *last_node_text;
  guint32         last_node;
} Loader;

/* Line and column of byte offset off in the current object (after its
 * '{'): worked out only for a message. */
static void
pos (const Loader *L, gsize off, guint *line, guint *col)
{
  resp_input_pos (L->data, L->obj_line, L->obj_col, L->obj_off, off, line, col);
}

static guint
line_at (const Loader *L, gsize off)
{
  guint l, c;
  pos (L, off, &l, &c);
  return l;
}

static guint
col_at (const Loader *L, gsize off)
{
  guint l, c;
  pos (L, off, &l, &c);
  return c;
}

/* the position of byte offset off in the current object, as two arguments */
#define AT(off) line_at (L, (off)), col_at (L, (off))
/* the position of the current object's '{' */
#define AT_OBJ L->obj_line, L->obj_col

static RespJsonToken
next (Loader *L)
{
  return resp_diag_sink_next (&L->sink, L->r);
}

/* Skips the rest of a value whose first token was just read. */
static gboolean
skip (Loader *L, RespJsonToken first)
{
  return resp_diag_sink_skip (&L->sink, L->r, first);
}

/* Copies s (len bytes) into buf of KEY_BUF bytes, cut at a character
 * boundary and marked with "…" when it does not fit, so that a message
 * quoting it stays valid UTF-8. */
static void
copy_cut (char buf[KEY_BUF], const char *s, gsize len)
{
  static const char ellipsis[] = "…";
  gsize cut;

  if (len < KEY_BUF && memchr (s, '\0', len) == NULL)
    {
      memcpy (buf, s, len);
      buf[len] = '\0';
      return;
    }
  cut = MIN (len, KEY_BUF - sizeof ellipsis);
  cut = strnlen (s, cut);
  while (cut > 0 && ((guchar) s[cut] & 0xC0) == 0x80)
    cut--;
  memcpy (buf, s, cut);
  memcpy (buf + cut, ellipsis, sizeof ellipsis);
}

/* ---- the members of one object, by a table of its keys ---- */

static int
key_find (const KeyDesc *desc, guint n, const char *key, gsize len)
{
  for (guint k = 0; k < n; k++)
    if (desc[k].key[0] == key[0] && strlen (desc[k].key) == len && memcmp (desc[k].key, key, len) == 0)
      return (int) k;
  return -1;
}

/* The elements of the list whose '[' was just read, into L->items. */
static gboolean
read_list (Loader *L)
{
  for (;;)
    {
      RespJsonToken t = next (L);
      Item it = { 0 };

      if (t == RESP_JSON_TOKEN_END_ARRAY)
        return TRUE;
      if (t == RESP_JSON_TOKEN_ERROR)
        return FALSE;
      it.off = resp_json_reader_get_offset (L->r);
      it.token = t;
      if (t == RESP_JSON_TOKEN_STRING)
        {
          gsize len;
          const char *s = resp_json_reader_get_string (L->r, &len);

          it.str = (guint32) MIN (L->item_text->len, G_MAXUINT32);
          it.len = (guint32) MIN (len, G_MAXUINT32);
          g_string_append_len (L->item_text, s, (gssize) len);
          g_string_append_c (L->item_text, '\0');
        }
      else if (!skip (L, t))
        return FALSE;
      /* a list longer than the entries' numbers is refused by the caller */
      if (L->items.len == MAX_ENTRIES)
        {
          resp_diag_sink_add (&L->sink, RESP_ERROR_LIMIT, AT (it.off), "a list of more than %u elements",
                              MAX_ENTRIES);
          L->sink.fatal = TRUE;
          return FALSE;
        }
      resp_vec_push (&L->items, it);
    }
}

/* Reads the members of the object whose '{' was just read (L->obj_* say
 * where) into f, one per row of desc, keeping the keys not in the table.
 * FALSE when the object could not be read to its end. */
static gboolean
read_object (Loader *L, const KeyDesc *desc, guint n, Field *f)
{
  L->n_unknown = 0;
  L->items.len = 0;
  g_string_truncate (L->item_text, 0);
  for (guint k = 0; k < n; k++)
    {
      f[k].present = FALSE;
      f[k].text = L->texts[k];
      f[k].why = NULL;
    }
  for (;;)
    {
      RespJsonToken t = next (L);
      const char *key;
      gsize key_len, ko;
      int k;

      if (t == RESP_JSON_TOKEN_END_OBJECT)
        return TRUE;
      if (t != RESP_JSON_TOKEN_KEY)
        return FALSE;
      ko = resp_json_reader_get_offset (L->r);
      key = resp_json_reader_get_string (L->r, &key_len);
      k = key_find (desc, n, key, key_len);
      if (k < 0)
        {
          if (L->n_unknown < MAX_UNKNOWN_KEYS)
            {
              copy_cut (L->unknown[L->n_unknown].name, key, key_len);
              L->unknown[L->n_unknown++].off = ko;
            }
          if (!skip (L, next (L)))
            return FALSE;
          continue;
        }
      t = next (L);
      if (t == RESP_JSON_TOKEN_ERROR)
        return FALSE;
      f[k].present = TRUE;
      f[k].token = t;
      f[k].off = resp_json_reader_get_offset (L->r);
      f[k].key_off = ko;
      if (t == RESP_JSON_TOKEN_STRING && desc[k].kind != V_LIST)
        {
          gsize len;
          const char *s = resp_json_reader_get_string (L->r, &len);

          g_string_truncate (f[k].text, 0);
          g_string_append_len (f[k].text, s, (gssize) len);
          if (desc[k].ids == IDS_MODEL)
            resp_interner_prefetch (&L->model->ids, s, len);
          else if (desc[k].ids == IDS_RECORD)
            resp_interner_prefetch (&L->rec->ids, s, len);
          if (desc[k].kind == V_INSTANT &&
              !resp_instant_parse_len (s, len, &f[k].instant, &f[k].why) && f[k].why == NULL)
            f[k].why = "not a date";
        }
      else if (t == RESP_JSON_TOKEN_BEGIN_ARRAY && desc[k].kind == V_LIST)
        {
          if (!read_list (L))
            return FALSE;
        }
      else if (!skip (L, t))
        return FALSE;
    }
}

/* A string member: TRUE when it is present and a string; a value of
 * another type is reported. */
static gboolean
string_field (Loader *L, const Field *f, const char *key, const char *what)
{
  if (!f->present)
    return FALSE;
  if (f->token == RESP_JSON_TOKEN_STRING)
    return TRUE;
  resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_VALUE, AT (f->off), "%s: '%s' must be a string, not %s",
                      what, key, resp_json_token_name (f->token));
  return FALSE;
}

/* An instant member: TRUE with *out when it is present and good; a bad one
 * is reported. */
static gboolean
instant_field (Loader *L, const Field *f, const char *key, const char *what, gint64 *out)
{
  char shown[KEY_BUF];

  if (!f->present)
    return FALSE;
  if (f->token != RESP_JSON_TOKEN_STRING)
    {
      resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_DATE, AT (f->off),
                          "%s: '%s' must be a date string, not %s", what, key,
                          resp_json_token_name (f->token));
      return FALSE;
    }
  if (f->why != NULL)
    {
      copy_cut (shown, f->text->str, f->text->len);
      resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_DATE, AT (f->off), "%s: bad %s '%s': %s", what,
                          key, shown, f->why);
      return FALSE;
    }
  *out = f->instant;
  return TRUE;
}

/* "OBJECT: unknown key 'KEY' (did you mean …?)", the hint drawn from the
 * keys the object takes. */
static void
report_unknown_keys (Loader *L, const char * const *allowed, guint n_allowed, const char *what)
{
  char hint[128];

  for (guint i = 0; i < L->n_unknown; i++)
    resp_diag_sink_add (&L->sink, RESP_ERROR_UNKNOWN_ATTRIBUTE, AT (L->unknown[i].off),
                        "%s: unknown key '%s'%s", what, L->unknown[i].name,
                        resp_input_hint (hint, sizeof hint, allowed, n_allowed, L->unknown[i].name));
}

/* ---- what the values name ---- */

/* The kind named by s (len bytes), or -1: a declared kind's index, or
 * RESP_RECORD_KIND_* (as a guint32 in *kind). */
static gboolean
kind_lookup (const Loader *L, const char *s, gsize len, guint32 *kind)
{
  guint n_declared = L->rb->record_kinds->len;

  for (guint k = 0; k < L->n_kind_names; k++)
    {
      const char *name = L->kind_names[k];
      if (name[0] == s[0] && strlen (name) == len && memcmp (name, s, len) == 0)
        {
          *kind = k < n_declared ? k
                  : k == n_declared ? RESP_RECORD_KIND_NOTICE : RESP_RECORD_KIND_RECTIFICATION;
          return TRUE;
        }
    }
  return FALSE;
}

/* The kind a string value names; reports an unknown one at off. */
static gboolean
kind_value (Loader *L, const char *s, gsize len, gsize off, const char *what, guint32 *kind)
{
  char shown[KEY_BUF], hint[128];

  if (len > 0 && kind_lookup (L, s, len, kind))
    return TRUE;
  copy_cut (shown, s, len);
  resp_input_hint (hint, sizeof hint, L->kind_names, L->n_kind_names, shown);
  if (hint[0] != '\0')
    resp_diag_sink_add (&L->sink, RESP_ERROR_UNKNOWN_KIND, AT (off), "%s: unknown kind '%s'%s",
                        what, shown, hint);
  else
    {
      /* nothing near: the kinds are few, so say them all */
      GString *known = g_string_new (NULL);

      for (guint k = 0; k < L->n_kind_names; k++)
        g_string_append_printf (known, "%s%s", k ? ", " : "", L->kind_names[k]);
      resp_diag_sink_add (&L->sink, RESP_ERROR_UNKNOWN_KIND, AT (off),
                          "%s: unknown kind '%s' (the rulebook's kinds and the built-in ones: %s)",
                          what, shown, known->str);
      g_string_free (known, TRUE);
    }
  return FALSE;
}

/* The node a string value names, of a type in mask (expected says which
 * in words), or RESP_NO_NODE after reporting it at off. role says what the
 * value is ("'by'", "participant"), NULL for the entry's own node. */
static guint32
node_value (Loader *L, const char *s, gsize len, gsize off, guint mask, const char *expected,
            const char *role, const char *what)
{
  RespModel *m = L->model;
  char hint[RESP_MAX_ID_BYTES + 32] = "", shown[KEY_BUF];
  guint32 v;

  if (L->last_node != RESP_NO_NODE && L->last_node_text->len == len &&
      memcmp (L->last_node_text->str, s, len) == 0)
    v = L->last_node;
  else if (resp_interner_lookup (&m->ids, s, len, &v))
    {
      L->last_node = v;
      g_string_truncate (L->last_node_text, 0);
      g_string_append_len (L->last_node_text, s, (gssize) len);
    }
  else
    v = RESP_NO_NODE;
  if (v != RESP_NO_NODE)
    {
      guint8 type = m->nodes[v].type;
      if (mask & (1u << type))
        return v;
      resp_diag_sink_add (&L->sink, RESP_ERROR_WRONG_ENDPOINT, AT (off),
                          "%s: %s '%s' is a %s, not %s", what, role != NULL ? role : "node",
                          resp_model_node_id (m, v), resp_node_types[type].name, expected);
      return RESP_NO_NODE;
    }
  copy_cut (shown, s, len);
  if (m->n_nodes <= HINT_MAX_NODES && m->n_nodes > 0 && strlen (shown) == len)
    {
      if (L->node_ids == NULL)
        {
          L->node_ids = g_new (const char *, m->n_nodes);
          for (guint32 n = 0; n < m->n_nodes; n++)
            L->node_ids[n] = resp_model_node_id (m, n);
        }
      resp_input_hint (hint, sizeof hint, L->node_ids, m->n_nodes, shown);
    }
  if (role != NULL)
    resp_diag_sink_add (&L->sink, RESP_ERROR_DANGLING_REFERENCE, AT (off),
                        "%s: %s: unknown node '%s'%s", what, role, shown, hint);
  else
    resp_diag_sink_add (&L->sink, RESP_ERROR_DANGLING_REFERENCE, AT (off),
                        "%s: unknown node '%s'%s", what, shown, hint);
  return RESP_NO_NODE;
}

#define ANY_TYPE 0xffffu
#define TYPE_BIT(x) RESP_TYPE_BIT (RESP_NODE_##x)

/* ---- entries ---- */

enum { EK_ID, EK_KIND, EK_NODE, EK_AT, EK_REF, EK_NOTE, EK_PARTICIPANTS, EK_BY, EK_DUE, EK_ANSWERS, EK_N };

static const KeyDesc entry_keys[EK_N] = {
  [EK_ID]           = { "id", V_STRING, IDS_RECORD },
  [EK_KIND]         = { "kind", V_STRING, IDS_NONE },
  [EK_NODE]         = { "node", V_STRING, IDS_MODEL },
  [EK_AT]           = { "at", V_INSTANT, IDS_NONE },
  [EK_REF]          = { "ref", V_STRING, IDS_NONE },
  [EK_NOTE]         = { "note", V_STRING, IDS_NONE },
  [EK_PARTICIPANTS] = { "participants", V_LIST, IDS_NONE },
  [EK_BY]           = { "by", V_STRING, IDS_MODEL },
  [EK_DUE]          = { "due", V_INSTANT, IDS_NONE },
  [EK_ANSWERS]      = { "answers", V_STRING, IDS_NONE },
};

/* Whether key k belongs to an entry of kind (RESP_RECORD_NONE: of a kind
 * not known, which may take every key). */
static gboolean
entry_key_allowed (guint k, guint32 kind)
{
  if (kind == RESP_RECORD_NONE)
    return TRUE;
  if (k == EK_BY || k == EK_DUE)
    return kind == RESP_RECORD_KIND_NOTICE;
  if (k == EK_ANSWERS)
    return kind == RESP_RECORD_KIND_RECTIFICATION;
  return TRUE;
}

static void
entry_unknown_keys (Loader *L, const Field *f, guint32 kind, const char *what)
{
  const char *allowed[EK_N];
  guint n = 0;

  for (guint k = 0; k < EK_N; k++)
    if (entry_key_allowed (k, kind))
      allowed[n++] = entry_keys[k].key;
  report_unknown_keys (L, allowed, n, what);
  for (guint k = EK_BY; k <= EK_ANSWERS; k++)
    if (f[k].present && !entry_key_allowed (k, kind))
      resp_diag_sink_add (&L->sink, RESP_ERROR_UNKNOWN_ATTRIBUTE, AT (f[k].key_off),
                          "%s: unknown key '%s' for kind '%s' (only a %s has '%s')", what,
                          entry_keys[k].key, resp_record_kind_name (L->rec, kind),
                          k == EK_ANSWERS ? "rectification" : "notice", entry_keys[k].key);
}

/* The entry's id: its file index when it is a good id seen for the first
 * time (the interner numbers ids in the order they come), else
 * RESP_RECORD_NONE after reporting it. */
static guint32
entry_id (Loader *L, const Field *f, const char *what)
{
  const char *why;
  gboolean is_new;
  guint32 v;

  if (!string_field (L, f, "id", what))
    return RESP_RECORD_NONE;
  why = resp_input_check_id (f->text->str, f->text->len);
  if (why != NULL)
    {
      resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_VALUE, AT (f->off), "%s: %s", what, why);
      return RESP_RECORD_NONE;
    }
  if (L->entries.len == MAX_ENTRIES)
    {
      resp_diag_sink_add (&L->sink, RESP_ERROR_LIMIT, AT (f->off), "more than %u entries", MAX_ENTRIES);
      L->sink.fatal = TRUE;
      return RESP_RECORD_NONE;
    }
  v = resp_interner_intern (&L->rec->ids, f->text->str, f->text->len, &is_new);
  if (!is_new)
    {
      resp_diag_sink_add (&L->sink, RESP_ERROR_DUPLICATE_ID, AT (f->off),
                          "%s: duplicate id (first at line %u)", what,
                          v < L->entry_lines.len ? L->entry_lines.data[v] : 0);
      return RESP_RECORD_NONE;
    }
  return v;
}

/* A free text member (`ref`, `note`) into the record's chunk, or NULL. */
static const char *
entry_text (Loader *L, const Field *f, const char *key, const char *what)
{
  if (!string_field (L, f, key, what))
    return NULL;
  if (strlen (f->text->str) != f->text->len)
    {
      resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_VALUE, AT (f->off),
                          "%s: '%s' must not contain NUL characters", what, key);
      return NULL;
    }
  return g_string_chunk_insert_len (L->texts_chunk, f->text->str, (gssize) f->text->len);
}

/* The participants, appended to L->participants; their number. */
static guint32
entry_participants (Loader *L, const Field *f, const char *what)
{
  guint32 n = 0;

  if (!f->present)
    return 0;
  if (f->token != RESP_JSON_TOKEN_BEGIN_ARRAY)
    {
      resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_VALUE, AT (f->off),
                          "%s: 'participants' must be an array, not %s", what,
                          resp_json_token_name (f->token));
      return 0;
    }
  for (guint32 i = 0; i < L->items.len; i++)
    {
      const Item *it = &L->items.data[i];
      guint32 v;

      if (it->token != RESP_JSON_TOKEN_STRING)
        {
          resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_VALUE, AT (it->off),
                              "%s: a participant must be the id of a person, not %s", what,
                              resp_json_token_name (it->token));
          continue;
        }
      v = node_value (L, L->item_text->str + it->str, it->len, it->off, TYPE_BIT (PERSON),
                      "a person", "participant", what);
      if (v == RESP_NO_NODE)
        continue;
      if (L->participants.len == MAX_ENTRIES)
        {
          resp_diag_sink_add (&L->sink, RESP_ERROR_LIMIT, AT (it->off), "more than %u participants",
                              MAX_ENTRIES);
          L->sink.fatal = TRUE;
          return n;
        }
      resp_vec_push (&L->participants, v);
      n++;
    }
  return n;
}

static void
parse_entry (Loader *L)
{
  static const guint required[] = { EK_ID, EK_KIND, EK_NODE, EK_AT };
  Field f[EK_N];
  RespRecordEntry e = { 0, RESP_NO_NODE, RESP_RECORD_NONE, RESP_RECORD_NONE, RESP_RECORD_NONE };
  RespRecordExtra x = { NULL, NULL, 0, 0, RESP_RECORD_NONE };
  LoadNotice notice = { 0, RESP_NO_NODE, 0 };
  char what[RESP_MAX_ID_BYTES + 32];
  gboolean at_ok = FALSE;

  if (!read_object (L, entry_keys, EK_N, f))
    return;
  /* plain concatenation: this runs for every entry of a national record */
  if (f[EK_ID].present && f[EK_ID].token == RESP_JSON_TOKEN_STRING &&
      f[EK_ID].text->len + sizeof "entry ''" <= sizeof what)
    {
      memcpy (what, "entry '", 7);
      memcpy (what + 7, f[EK_ID].text->str, f[EK_ID].text->len);
      memcpy (what + 7 + f[EK_ID].text->len, "'", 2);
    }
  else if (f[EK_ID].present && f[EK_ID].token == RESP_JSON_TOKEN_STRING)
    resp_document_what (what, sizeof what, "entry", f[EK_ID].text->str);
  else
    memcpy (what, "entry", sizeof "entry");

  e.id = entry_id (L, &f[EK_ID], what);
  if (string_field (L, &f[EK_KIND], "kind", what))
    kind_value (L, f[EK_KIND].text->str, f[EK_KIND].text->len, f[EK_KIND].off, what, &e.kind);
  entry_unknown_keys (L, f, e.kind, what);
  for (guint k = 0; k < G_N_ELEMENTS (required); k++)
    if (!f[required[k]].present)
      resp_diag_sink_add (&L->sink, RESP_ERROR_MISSING_KEY, AT_OBJ, "%s: missing '%s'", what,
                          entry_keys[required[k]].key);
  if (string_field (L, &f[EK_NODE], "node", what))
    e.node = node_value (L, f[EK_NODE].text->str, f[EK_NODE].text->len, f[EK_NODE].off, ANY_TYPE,
                         "a node", NULL, what);
  at_ok = instant_field (L, &f[EK_AT], "at", what, &e.at);
  x.ref = entry_text (L, &f[EK_REF], "ref", what);
  x.note = entry_text (L, &f[EK_NOTE], "note", what);
  x.participants = L->participants.len;
  x.n_participants = entry_participants (L, &f[EK_PARTICIPANTS], what);

  if (e.kind == RESP_RECORD_KIND_NOTICE)
    {
      if (!f[EK_BY].present)
        resp_diag_sink_add (&L->sink, RESP_ERROR_MISSING_KEY, AT_OBJ, "%s: a notice needs 'by'", what);
      else if (string_field (L, &f[EK_BY], "by", what))
        notice.by = node_value (L, f[EK_BY].text->str, f[EK_BY].text->len, f[EK_BY].off,
                                TYPE_BIT (UNIT), "a unit", "'by'", what);
      if (!f[EK_DUE].present)
        resp_diag_sink_add (&L->sink, RESP_ERROR_MISSING_KEY, AT_OBJ, "%s: a notice needs 'due'", what);
      else if (instant_field (L, &f[EK_DUE], "due", what, &notice.due) && at_ok && notice.due <= e.at)
        {
          char a[RESP_INSTANT_BUF], b[RESP_INSTANT_BUF];
          resp_instant_format_short (e.at, a);
          resp_instant_format_short (notice.due, b);
          resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_DUE, AT (f[EK_DUE].off),
                              "%s: 'due' %s is not after 'at' %s", what, b, a);
        }
    }
  else if (e.kind == RESP_RECORD_KIND_RECTIFICATION)
    {
      if (!f[EK_ANSWERS].present)
        resp_diag_sink_add (&L->sink, RESP_ERROR_MISSING_KEY, AT_OBJ,
                            "%s: a rectification needs 'answers'", what);
      else if (string_field (L, &f[EK_ANSWERS], "answers", what))
        {
          Answer a = { e.id, e.node, RESP_RECORD_NONE, 0, 0, NULL, NULL };
          pos (L, f[EK_ANSWERS].off, &a.line, &a.col);
          a.id = g_strndup (f[EK_ANSWERS].text->str, f[EK_ANSWERS].text->len);
          a.what = g_strdup (what);
          resp_vec_push (&L->answers, a);
        }
    }

  if (e.id == RESP_RECORD_NONE)
    return;
  /* recorded even when something else is wrong with it, so that a
   * rectification answering it is not also said to answer nothing */
  if (x.ref != NULL || x.note != NULL || x.n_participants > 0 || e.kind == RESP_RECORD_KIND_NOTICE
      || e.kind == RESP_RECORD_KIND_RECTIFICATION)
    {
      e.extra = L->extras.len;
      resp_vec_push (&L->extras, x);
    }
  if (e.kind == RESP_RECORD_KIND_NOTICE)
    {
      notice.entry = e.id;
      resp_vec_push (&L->notices, notice);
    }
  resp_vec_push (&L->entries, e);
  resp_vec_push (&L->entry_lines, L->obj_line);
}

/* ---- complete spans ---- */

enum { SK_NODE, SK_KINDS, SK_FROM, SK_UNTIL, SK_N };

static const KeyDesc span_keys[SK_N] = {
  [SK_NODE]  = { "node", V_STRING, IDS_MODEL },
  [SK_KINDS] = { "kinds", V_LIST, IDS_NONE },
  [SK_FROM]  = { "from", V_INSTANT, IDS_NONE },
  [SK_UNTIL] = { "until", V_INSTANT, IDS_NONE },
};

static void
parse_span (Loader *L)
{
  static const char what[] = "complete span";
  RespRecordSpan s = { 0, 0, RESP_NO_NODE, RESP_RECORD_NONE, 0 };
  const char *keys[SK_N];
  Field f[SK_N];
  gboolean bad = FALSE, from_ok, until_ok;

  if (!read_object (L, span_keys, SK_N, f))
    return;
  for (guint k = 0; k < SK_N; k++)
    keys[k] = span_keys[k].key;
  report_unknown_keys (L, keys, SK_N, what);
  bad |= L->n_unknown > 0;
  if (f[SK_NODE].present)
    {
      if (string_field (L, &f[SK_NODE], "node", what))
        s.node = node_value (L, f[SK_NODE].text->str, f[SK_NODE].text->len, f[SK_NODE].off, ANY_TYPE,
                             "a node", NULL, what);
      bad |= s.node == RESP_NO_NODE;
    }
  if (f[SK_KINDS].present && f[SK_KINDS].token != RESP_JSON_TOKEN_BEGIN_ARRAY)
    {
      resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_VALUE, AT (f[SK_KINDS].off),
                          "%s: 'kinds' must be an array, not %s", what,
                          resp_json_token_name (f[SK_KINDS].token));
      bad = TRUE;
    }
  else if (f[SK_KINDS].present)
    {
      if (L->items.len == 0)
        {
          resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_VALUE, AT (f[SK_KINDS].off),
                              "%s: 'kinds' must name at least one kind (leave it out for every kind)",
                              what);
          bad = TRUE;
        }
      s.kinds = L->span_kinds.len;
      for (guint32 i = 0; i < L->items.len; i++)
        {
          const Item *it = &L->items.data[i];
          guint32 kind;

          if (it->token != RESP_JSON_TOKEN_STRING)
            {
              resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_VALUE, AT (it->off),
                                  "%s: a kind must be a string, not %s", what,
                                  resp_json_token_name (it->token));
              bad = TRUE;
            }
          else if (kind_value (L, L->item_text->str + it->str, it->len, it->off, what, &kind))
            resp_vec_push (&L->span_kinds, kind);
          else
            bad = TRUE;
        }
      s.n_kinds = L->span_kinds.len - s.kinds;
    }
  if (!f[SK_FROM].present)
    resp_diag_sink_add (&L->sink, RESP_ERROR_MISSING_KEY, AT_OBJ, "%s: missing 'from'", what);
  if (!f[SK_UNTIL].present)
    resp_diag_sink_add (&L->sink, RESP_ERROR_MISSING_KEY, AT_OBJ, "%s: missing 'until'", what);
  from_ok = instant_field (L, &f[SK_FROM], "from", what, &s.from);
  until_ok = instant_field (L, &f[SK_UNTIL], "until", what, &s.until);
  if (from_ok && until_ok && s.from >= s.until)
    {
      char a[RESP_INSTANT_BUF], b[RESP_INSTANT_BUF];
      resp_instant_format_short (s.from, a);
      resp_instant_format_short (s.until, b);
      resp_diag_sink_add (&L->sink, RESP_ERROR_EMPTY_INTERVAL, AT (f[SK_UNTIL].off),
                          "%s: empty interval: 'until' %s is not after 'from' %s", what, b, a);
    }
  if (!bad && from_ok && until_ok)
    resp_vec_push (&L->spans, s);
}

/* ---- the document ---- */

/* Calls parse for each object element of the array whose '[' was just read. */
static void
parse_array (Loader *L, RespJsonToken t, const char *key, void (*parse) (Loader *),
             const char *element)
{
  if (t != RESP_JSON_TOKEN_BEGIN_ARRAY)
    {
      resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_VALUE, resp_json_reader_get_line (L->r),
                          resp_json_reader_get_column (L->r), "'%s' must be an array, not %s", key,
                          resp_json_token_name (t));
      skip (L, t);
      return;
    }
  while (!L->sink.fatal)
    {
      t = next (L);
      if (t == RESP_JSON_TOKEN_END_ARRAY || t == RESP_JSON_TOKEN_ERROR)
        break;
      if (t != RESP_JSON_TOKEN_BEGIN_OBJECT)
        {
          resp_diag_sink_add (&L->sink, RESP_ERROR_BAD_VALUE, resp_json_reader_get_line (L->r),
                              resp_json_reader_get_column (L->r), "%s must be an object, not %s",
                              element, resp_json_token_name (t));
          if (!skip (L, t))
            break;
          continue;
        }
      L->obj_line = resp_json_reader_get_line (L->r);
      L->obj_col = resp_json_reader_get_column (L->r);
      L->obj_off = resp_json_reader_get_offset (L->r);
      parse (L);
    }
}

/* The value of the top-level `format`: another format's entries would
 * only produce noise, so an unsupported one stops the load. */
static void
parse_format (Loader *L, RespJsonToken t)
{
  char shown[KEY_BUF];
  gsize len;
  const char *s;

  if (t != RESP_JSON_TOKEN_STRING)
    {
      resp_diag_sink_add (&L->sink, RESP_ERROR_FORMAT, resp_json_reader_get_line (L->r),
                          resp_json_reader_get_column (L->r),
                          "'format' must be the string \"" RECORD_FORMAT "\"");
      skip (L, t);
      return;
    }
  s = resp_json_reader_get_string (L->r, &len);
  if (len != strlen (RECORD_FORMAT) || memcmp (s, RECORD_FORMAT, len) != 0)
    {
      copy_cut (shown, s, len);
      resp_diag_sink_add (&L->sink, RESP_ERROR_FORMAT, resp_json_reader_get_line (L->r),
                          resp_json_reader_get_column (L->r),
                          "unsupported format '%s' (this version reads \"" RECORD_FORMAT "\")", shown);
      L->sink.fatal = TRUE;
    }
}

static void
parse_document (Loader *L)
{
  static const char * const top_keys[] = { "format", "entries", "complete" };
  gboolean seen[G_N_ELEMENTS (top_keys)] = { FALSE, FALSE, FALSE };
  RespJsonToken t = next (L);
  guint top_line, top_col;
  char hint[128], shown[KEY_BUF];

  if (t == RESP_JSON_TOKEN_ERROR)
    return;
  top_line = resp_json_reader_get_line (L->r);
  top_col = resp_json_reader_get_column (L->r);
  if (t != RESP_JSON_TOKEN_BEGIN_OBJECT)
    {
      resp_diag_sink_add (&L->sink, RESP_ERROR_FORMAT, top_line, top_col,
                          "a record must be a JSON object with \"format\": \"" RECORD_FORMAT "\", not %s",
                          resp_json_token_name (t));
      L->sink.fatal = TRUE;
      return;
    }
  while (!L->sink.fatal)
    {
      const char *key;
      gsize len;
      int k;

      t = next (L);
      if (t != RESP_JSON_TOKEN_KEY)
        break;
      key = resp_json_reader_get_string (L->r, &len);
      k = strlen (key) == len ? resp_name_lookup (top_keys, G_N_ELEMENTS (top_keys), key) : -1;
      if (k < 0)
        {
          copy_cut (shown, key, len);
          resp_diag_sink_add (&L->sink, RESP_ERROR_UNKNOWN_ATTRIBUTE, resp_json_reader_get_line (L->r),
                              resp_json_reader_get_column (L->r), "unknown key '%s' in the record%s",
                              shown, resp_input_hint (hint, sizeof hint, top_keys,
                                                      G_N_ELEMENTS (top_keys), shown));
          if (!skip (L, next (L)))
            return;
          continue;
        }
      t = next (L);
      if (t == RESP_JSON_TOKEN_ERROR)
        return;
      seen[k] = TRUE;
      if (k == 0)
        parse_format (L, t);
      else if (k == 1)
        parse_array (L, t, "entries", parse_entry, "an entry");
      else
        parse_array (L, t, "complete", parse_span, "a complete span");
    }
  if (L->sink.fatal)
    return;
  if (!seen[0])
    resp_diag_sink_add (&L->sink, RESP_ERROR_FORMAT, top_line, top_col,
                        "missing 'format' (expected \"" RECORD_FORMAT "\")");
  if (!seen[1])
    resp_diag_sink_add (&L->sink, RESP_ERROR_MISSING_KEY, top_line, top_col,
                        "missing 'entries' (a record with nothing in it has \"entries\": [])");
  t = next (L);
  if (t != RESP_JSON_TOKEN_EOF && t != RESP_JSON_TOKEN_ERROR)
    {
      resp_diag_sink_add (&L->sink, RESP_ERROR_MALFORMED_JSON, resp_json_reader_get_line (L->r),
                          resp_json_reader_get_column (L->r), "trailing data after the record");
      L->sink.fatal = TRUE;
    }
}

/* ---- after the pass: what rectifications answer ---- */

static void
settle_answers (Loader *L)
{
  const RespRecordEntry *entries = L->entries.data;

  for (guint32 i = 0; i < L->answers.len && !L->sink.fatal; i++)
    {
      Answer *a = &L->answers.data[i];
      const RespRecordEntry *n;
      char shown[KEY_BUF];
      guint32 v;

      copy_cut (shown, a->id, strlen (a->id));
      if (!resp_interner_lookup (&L->rec->ids, a->id, strlen (a->id), &v) || v >= L->entries.len)
        {
          resp_diag_sink_add (&L->sink, RESP_ERROR_UNKNOWN_NOTICE, a->line, a->col,
                              "%s: answers '%s', which is no entry of the record", a->what, shown);
          continue;
        }
      n = &entries[v];
      /* an entry of an unknown kind has been reported already */
      if (n->kind == RESP_RECORD_NONE)
        continue;
      if (n->kind != RESP_RECORD_KIND_NOTICE)
        {
          resp_diag_sink_add (&L->sink, RESP_ERROR_UNKNOWN_NOTICE, a->line, a->col,
                              "%s: answers '%s', which is a %s, not a notice", a->what, shown,
                              resp_record_kind_name (L->rec, n->kind));
          continue;
        }
      if (a->node != RESP_NO_NODE && n->node != RESP_NO_NODE && n->node != a->node)
        {
          resp_diag_sink_add (&L->sink, RESP_ERROR_NOTICE_ELSEWHERE, a->line, a->col,
                              "%s: answers notice '%s' to '%s', not to '%s'", a->what, shown,
                              resp_model_node_id (L->model, n->node),
                              resp_model_node_id (L->model, a->node));
          continue;
        }
      a->notice = v;
    }
}

/* ---- the index (resp-record-private.h) ---- */

/* Entries of a node's block by (kind, at, id): the ids (bytewise) only
 * where two entries of one kind share an instant. */
static int
cmp_in_block (gconstpointer a, gconstpointer b, gpointer data)
{
  const RespRecord *rec = data;
  const RespRecordEntry *x = a, *y = b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  if (x->id == y->id)
    return 0;
  return strcmp (resp_interner_get (&rec->ids, x->id), resp_interner_get (&rec->ids, y->id));
}

/* Entry positions by (at, id). */
static int
cmp_positions_at (gconstpointer a, gconstpointer b, gpointer data)
{
  const RespRecord *rec = data;
  return cmp_in_block (&rec->entries[*(const guint32 *) a], &rec->entries[*(const guint32 *) b], data);
}

/* Notices (LoadNotice) by id, bytewise. */
static int
cmp_notices_by_id (gconstpointer a, gconstpointer b, gpointer data)
{
  const RespRecord *rec = data;
  return strcmp (resp_interner_get (&rec->ids, ((const LoadNotice *) a)->entry),
                 resp_interner_get (&rec->ids, ((const LoadNotice *) b)->entry));
}

/* Notice indices by (node, index). */
static int
cmp_notices_by_node (gconstpointer a, gconstpointer b, gpointer data)
{
  const RespRecord *rec = data;
  guint32 i = *(const guint32 *) a, j = *(const guint32 *) b;
  guint32 ni = rec->entries[rec->notices[i].entry].node, nj = rec->entries[rec->notices[j].entry].node;

  if (ni != nj)
    return ni < nj ? -1 : 1;
  return i < j ? -1 : i > j;
}

static int
cmp_spans (gconstpointer a, gconstpointer b, gpointer data)
{
  const RespRecordSpan *x = a, *y = b;

  if (x->node != y->node)
    return x->node < y->node ? -1 : 1;
  if (x->from != y->from)
    return x->from < y->from ? -1 : 1;
  return x->until < y->until ? -1 : x->until > y->until;
}

/* Entries by node (a counting sort: node_start[] is the count of each
 * node, then where its block starts), then each block by (kind, at, id). */
static void
index_entries (Loader *L, RespRecord *rec)
{
  guint32 n = L->entries.len, n_nodes = L->model->n_nodes, sum = 0;

  rec->n_entries = n;
  rec->node_start = g_new0 (guint32, (gsize) n_nodes + 1);
  for (guint32 i = 0; i < n; i++)
    rec->node_start[L->entries.data[i].node]++;
  for (guint32 v = 0; v < n_nodes; v++)
    {
      guint32 c = rec->node_start[v];
      rec->node_start[v] = sum;
      sum += c;
    }
  rec->node_start[n_nodes] = n;
  rec->entries = resp_huge_alloc (MAX (n, 1), sizeof (RespRecordEntry));
  /* each node's slot moves to the end of its block, which is where the
   * next block starts: shift back after */
  for (guint32 i = 0; i < n; i++)
    rec->entries[rec->node_start[L->entries.data[i].node]++] = L->entries.data[i];
  for (guint32 v = n_nodes; v > 0; v--)
    rec->node_start[v] = rec->node_start[v - 1];
  rec->node_start[0] = 0;
  resp_vec_free (&L->entries);
  for (guint32 v = 0; v < n_nodes; v++)
    resp_sort_stable (rec->entries + rec->node_start[v], rec->node_start[v + 1] - rec->node_start[v],
                      sizeof (RespRecordEntry), cmp_in_block, rec);
  rec->file_order = g_new (guint32, MAX (n, 1));
  for (guint32 p = 0; p < n; p++)
    rec->file_order[rec->entries[p].id] = p;
}

/* Notices in id order, each with its rectifications; the notices of each
 * node. */
static void
index_notices (Loader *L, RespRecord *rec)
{
  guint32 n = L->notices.len, fill;

  if (n > 1)
    g_qsort_with_data (L->notices.data, (gint) n, sizeof (LoadNotice), cmp_notices_by_id, rec);
  rec->n_notices = n;
  rec->notices = g_new0 (RespRecordNotice, MAX (n, 1));
  for (guint32 i = 0; i < n; i++)
    {
      const LoadNotice *ln = &L->notices.data[i];
      guint32 p = rec->file_order[ln->entry];

      rec->notices[i].entry = p;
      rec->notices[i].by = ln->by;
      rec->notices[i].due = ln->due;
      rec->notices[i].at = rec->entries[p].at;
      rec->notices[i].node = rec->entries[p].node;
      rec->extras[rec->entries[p].extra].notice = i;
    }
  /* rectifications: counted per notice, then placed */
  for (guint32 k = 0; k < L->answers.len; k++)
    {
      const Answer *a = &L->answers.data[k];
      const RespRecordEntry *ne = &rec->entries[rec->file_order[a->notice]];
      rec->notices[rec->extras[ne->extra].notice].n_answers++;
    }
  fill = 0;
  for (guint32 i = 0; i < n; i++)
    {
      rec->notices[i].answers = fill;
      fill += rec->notices[i].n_answers;
      rec->notices[i].n_answers = 0;
    }
  rec->answers = g_new (guint32, MAX (fill, 1));
  for (guint32 k = 0; k < L->answers.len; k++)
    {
      const Answer *a = &L->answers.data[k];
      guint32 rp = rec->file_order[a->rect];
      guint32 ni = rec->extras[rec->entries[rec->file_order[a->notice]].extra].notice;
      RespRecordNotice *no = &rec->notices[ni];

      rec->answers[no->answers + no->n_answers++] = rp;
      rec->extras[rec->entries[rp].extra].notice = ni;
    }
  for (guint32 i = 0; i < n; i++)
    if (rec->notices[i].n_answers > 1)
      g_qsort_with_data (rec->answers + rec->notices[i].answers, (gint) rec->notices[i].n_answers,
                         sizeof (guint32), cmp_positions_at, rec);
  rec->answer_at = g_new (gint64, MAX (fill, 1));
  for (guint32 k = 0; k < fill; k++)
    rec->answer_at[k] = rec->entries[rec->answers[k]].at;
  rec->notices_by_node = g_new (guint32, MAX (n, 1));
  for (guint32 i = 0; i < n; i++)
    rec->notices_by_node[i] = i;
  if (n > 1)
    g_qsort_with_data (rec->notices_by_node, (gint) n, sizeof (guint32), cmp_notices_by_node, rec);
}

static void
index_spans (Loader *L, RespRecord *rec)
{
  guint32 n = L->spans.len;

  if (n > 1)
    g_qsort_with_data (L->spans.data, (gint) n, sizeof (RespRecordSpan), cmp_spans, NULL);
  rec->n_spans = n;
  rec->spans = g_memdup2 (L->spans.data, MAX (n, 1) * sizeof (RespRecordSpan));
  rec->n_node_spans = 0;
  while (rec->n_node_spans < n && rec->spans[rec->n_node_spans].node != RESP_NO_NODE)
    rec->n_node_spans++;
  rec->span_kinds = g_memdup2 (L->span_kinds.data, MAX (L->span_kinds.len, 1) * sizeof (guint32));
}

static void
index_record (Loader *L, RespRecord *rec)
{
  resp_vec_free (&L->entry_lines);
  index_entries (L, rec);
  rec->n_extras = L->extras.len;
  rec->extras = g_renew (RespRecordExtra, L->extras.data, MAX (L->extras.len, 1));
  L->extras.data = NULL;
  rec->n_participants = L->participants.len;
  rec->participants = g_renew (guint32, L->participants.data, MAX (L->participants.len, 1));
  L->participants.data = NULL;
  rec->texts = L->texts_chunk;
  L->texts_chunk = NULL;
  index_notices (L, rec);
  index_spans (L, rec);
}

/* ---- the load ---- */

static void
record_free (RespRecord *self)
{
  resp_interner_clear (&self->ids);
  g_free (self->entries);
  g_free (self->node_start);
  g_free (self->answer_at);
  g_free (self->file_order);
  g_free (self->extras);
  g_free (self->participants);
  if (self->texts != NULL)
    g_string_chunk_free (self->texts);
  g_free (self->notices);
  g_free (self->answers);
  g_free (self->notices_by_node);
  g_free (self->spans);
  g_free (self->span_kinds);
  resp_model_unref (self->model);
  resp_rulebook_unref (self->rulebook);
  g_free (self);
}

static void
loader_init (Loader *L, RespModel *model, RespRulebook *rb, const RespInput *in)
{
  GArray *kinds = rb->record_kinds;

  memset (L, 0, sizeof *L);
  L->rec = g_new0 (RespRecord, 1);
  g_atomic_ref_count_init (&L->rec->ref);
  L->rec->model = resp_model_ref (model);
  L->rec->rulebook = resp_rulebook_ref (rb);
  resp_interner_init (&L->rec->ids);
  L->model = model;
  L->rb = rb;
  L->data = in->data;
  L->length = in->length;
  resp_diag_sink_init (&L->sink, in->name, in->limits.max_errors);
  L->r = resp_json_reader_new (in->data, in->length);
  resp_json_reader_set_limits (L->r, in->limits.max_depth,
                               (gsize) MIN (in->limits.max_string_bytes, G_MAXSIZE));
  for (guint k = 0; k < G_N_ELEMENTS (L->texts); k++)
    L->texts[k] = g_string_sized_new (64);
  L->item_text = g_string_sized_new (256);
  L->last_node_text = g_string_sized_new (64);
  L->last_node = RESP_NO_NODE;
  L->texts_chunk = g_string_chunk_new (1u << 16);
  L->n_kind_names = kinds->len + 2;
  L->kind_names = g_new (const char *, L->n_kind_names);
  for (guint k = 0; k < kinds->len; k++)
    L->kind_names[k] = g_array_index (kinds, RespRecordKindDecl, k).kind;
  L->kind_names[kinds->len] = "notice";
  L->kind_names[kinds->len + 1] = "rectification";
  /* only a page-aligned mapping of our own is ours to trim */
}

/* Frees the loader's working arrays (not the record, not the sink). */
static void
loader_clear (Loader *L)
{
  for (guint32 k = 0; k < L->answers.len; k++)
    {
      g_free (L->answers.data[k].id);
      g_free (L->answers.data[k].what);
    }
  resp_vec_free (&L->answers);
  resp_vec_free (&L->items);
  resp_vec_free (&L->entries);
  resp_vec_free (&L->entry_lines);
  resp_vec_free (&L->extras);
  resp_vec_free (&L->participants);
  resp_vec_free (&L->notices);
  resp_vec_free (&L->spans);
  resp_vec_free (&L->span_kinds);
  if (L->texts_chunk != NULL)
    g_string_chunk_free (L->texts_chunk);
  for (guint k = 0; k < G_N_ELEMENTS (L->texts); k++)
    g_string_free (L->texts[k], TRUE);
  g_string_free (L->item_text, TRUE);
  g_string_free (L->last_node_text, TRUE);
  g_free (L->kind_names);
  g_free (L->node_ids);
  resp_json_reader_free (L->r);
}

static RespRecord *
load (RespModel *model, RespRulebook *rb, const RespInput *in, GPtrArray **diagnostics,
      GError **error)
{
  Loader L;
  RespRecord *rec;

  loader_init (&L, model, rb, in);
  rec = L.rec;
  parse_document (&L);
  if (!L.sink.fatal)
    settle_answers (&L);
  if (resp_diag_sink_count (&L.sink) == 0)
    index_record (&L, rec);
  loader_clear (&L);
  if (!resp_diag_sink_finish (&L.sink, diagnostics, error))
    {
      resp_record_unref (rec);
      return NULL;
    }
  return rec;
}

/**
 * resp_record_new_from_data_full:
 * @model: the model the record's nodes and persons are in
 * @rulebook: the rulebook whose record kinds the entries use
 * @data: (array length=length) (element-type guint8): the record's bytes
 * @length: the length of @data, or -1 if it is NUL-terminated
 * @filename: (nullable): the name to report in diagnostics
 * @limits: (nullable): limits on the input, or %NULL for the defaults
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found (empty on success)
 * @error: return location for a #GError
 *
 * Loads a record (docs/duties.md, "The record file"), all or nothing:
 * a duplicate id, an unknown kind (with the nearest declared one), node or
 * person, a notice's `by` that is no unit or `due` not after its `at`, a
 * rectification answering no notice or a notice to another node, an empty
 * `complete` span, an unknown key: every problem is reported with its
 * position, in one pass, and no record is returned if there is any.
 *
 * Returns: (transfer full) (nullable): the record
 *
 * Since: 1.0
 */
RespRecord *
resp_record_new_from_data_full (RespModel         *model,
                                RespRulebook      *rulebook,
                                const char        *data,
                                gssize             length,
                                const char        *filename,
                                const RespLimits  *limits,
                                GPtrArray        **diagnostics,
                                GError           **error)
{
  RespInput in;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (rulebook != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!resp_input_from_data (&in, data, length, filename, limits, diagnostics, error))
    return NULL;
  return load (model, rulebook, &in, diagnostics, error);
}

/**
 * resp_record_new_from_data:
 * @model: the model the record's nodes and persons are in
 * @rulebook: the rulebook whose record kinds the entries use
 * @data: (array length=length) (element-type guint8): the record's bytes
 * @length: the length of @data, or -1 if it is NUL-terminated
 * @filename: (nullable): the name to report in diagnostics
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found (empty on success)
 * @error: return location for a #GError
 *
 * resp_record_new_from_data_full() with the default limits.
 *
 * Returns: (transfer full) (nullable): the record
 *
 * Since: 1.0
 */
RespRecord *
resp_record_new_from_data (RespModel     *model,
                           RespRulebook  *rulebook,
                           const char    *data,
                           gssize         length,
                           const char    *filename,
                           GPtrArray    **diagnostics,
                           GError       **error)
{
  return resp_record_new_from_data_full (model, rulebook, data, length, filename, NULL,
                                         diagnostics, error);
}

/**
 * resp_record_new_from_file_full:
 * @model: the model the record's nodes and persons are in
 * @rulebook: the rulebook whose record kinds the entries use
 * @path: (type filename): a record file
 * @limits: (nullable): limits on the input, or %NULL for the defaults
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found (empty on success)
 * @error: return location for a #GError
 *
 * Loads a record file. See resp_record_new_from_data_full().
 *
 * Returns: (transfer full) (nullable): the record
 *
 * Since: 1.0
 */
RespRecord *
resp_record_new_from_file_full (RespModel         *model,
                                RespRulebook      *rulebook,
                                const char        *path,
                                const RespLimits  *limits,
                                GPtrArray        **diagnostics,
                                GError           **error)
{
  RespRecord *rec;
  RespInput in;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (rulebook != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* read, not mapped: a mapping dies when the file is cut under it */
  if (!resp_input_from_file (&in, path, limits, diagnostics, error))
    return NULL;
  rec = load (model, rulebook, &in, diagnostics, error);
  resp_input_clear (&in);
  return rec;
}

/**
 * resp_record_new_from_file:
 * @model: the model the record's nodes and persons are in
 * @rulebook: the rulebook whose record kinds the entries use
 * @path: (type filename): a record file
 * @diagnostics: (out) (optional) (element-type RespDiagnostic) (transfer container):
 *   every problem found (empty on success)
 * @error: return location for a #GError
 *
 * resp_record_new_from_file_full() with the default limits.
 *
 * Returns: (transfer full) (nullable): the record
 *
 * Since: 1.0
 */
RespRecord *
resp_record_new_from_file (RespModel     *model,
                           RespRulebook  *rulebook,
                           const char    *path,
                           GPtrArray    **diagnostics,
                           GError       **error)
{
  return resp_record_new_from_file_full (model, rulebook, path, NULL, diagnostics, error);
}

/**
 * resp_record_ref:
 * @self: a #RespRecord
 *
 * Takes a reference on @self.
 *
 * Returns: (transfer full): @self
 *
 * Since: 1.0
 */
/**
 * resp_record_unref:
 * @self: (transfer full): a #RespRecord
 *
 * Drops a reference on @self; the last one frees it.
 *
 * Since: 1.0
 */
RESP_DEFINE_REFCOUNTED_TYPE (RespRecord, resp_record, record_free)

/* ---- the public getters: entries in file order ---- */

/**
 * resp_record_get_n_entries:
 * @self: a #RespRecord
 *
 * Gets the number of entries.
 *
 * Returns: the number of entries
 *
 * Since: 1.0
 */
guint
resp_record_get_n_entries (RespRecord *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_entries;
}

/**
 * resp_record_get_entry_id:
 * @self: a #RespRecord
 * @index: an entry index, in file order
 *
 * Gets the entry's id.
 *
 * Returns: the entry's id
 *
 * Since: 1.0
 */
const char *
resp_record_get_entry_id (RespRecord *self,
                          guint       index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_entries, NULL);
  return resp_interner_get (&self->ids, index);
}

/**
 * resp_record_get_entry_kind:
 * @self: a #RespRecord
 * @index: an entry index, in file order
 *
 * Gets the entry's kind: a record kind of the rulebook, `notice` or
 * `rectification`.
 *
 * Returns: the entry's kind
 *
 * Since: 1.0
 */
const char *
resp_record_get_entry_kind (RespRecord *self,
                            guint       index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_entries, NULL);
  return resp_record_kind_name (self, self->entries[self->file_order[index]].kind);
}

/**
 * resp_record_get_entry_node:
 * @self: a #RespRecord
 * @index: an entry index, in file order
 *
 * Gets the id of the node the entry is about.
 *
 * Returns: the node's id
 *
 * Since: 1.0
 */
const char *
resp_record_get_entry_node (RespRecord *self,
                            guint       index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_entries, NULL);
  return resp_model_node_id (self->model, self->entries[self->file_order[index]].node);
}

/**
 * resp_record_get_entry_at:
 * @self: a #RespRecord
 * @index: an entry index, in file order
 *
 * Gets the instant of the entry (`at`).
 *
 * Returns: the instant, in microseconds since the Unix epoch
 *
 * Since: 1.0
 */
gint64
resp_record_get_entry_at (RespRecord *self,
                          guint       index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->n_entries, 0);
  return self->entries[self->file_order[index]].at;
}

/**
 * resp_record_get_entry_ref:
 * @self: a #RespRecord
 * @index: an entry index, in file order
 *
 * Gets the entry's `ref` (the document it is recorded in).
 *
 * Returns: (nullable): the entry's ref, or %NULL when it has none
 *
 * Since: 1.0
 */
const char *
resp_record_get_entry_ref (RespRecord *self,
                           guint       index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_entries, NULL);
  return resp_record_entry_ref (self, self->file_order[index]);
}

/**
 * resp_record_get_entry_note:
 * @self: a #RespRecord
 * @index: an entry index, in file order
 *
 * Gets the entry's `note`.
 *
 * Returns: (nullable): the entry's note, or %NULL when it has none
 *
 * Since: 1.0
 */
const char *
resp_record_get_entry_note (RespRecord *self,
                            guint       index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_entries, NULL);
  return resp_record_entry_note (self, self->file_order[index]);
}

/**
 * resp_record_lookup_entry:
 * @self: a #RespRecord
 * @id: an entry id
 * @out_index: (out) (optional): where to store the entry's index, in file order
 *
 * Finds the entry with id @id.
 *
 * Returns: %TRUE if the record has such an entry
 *
 * Since: 1.0
 */
gboolean
resp_record_lookup_entry (RespRecord *self,
                          const char *id,
                          guint      *out_index)
{
  guint32 v;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!resp_interner_lookup (&self->ids, id, strlen (id), &v))
    return FALSE;
  if (out_index != NULL)
    *out_index = v;
  return TRUE;
}

/* ---- the private queries ---- */

gboolean
resp_record_loaded_for (const RespRecord   *rec,
                        const RespModel    *model,
                        const RespRulebook *rulebook)
{
  return rec->model == model && rec->rulebook == rulebook;
}

const char *
resp_record_kind_name (const RespRecord *rec, guint32 kind)
{
  if (kind == RESP_RECORD_KIND_NOTICE)
    return "notice";
  if (kind == RESP_RECORD_KIND_RECTIFICATION)
    return "rectification";
  if (kind < rec->rulebook->record_kinds->len)
    return g_array_index (rec->rulebook->record_kinds, RespRecordKindDecl, kind).kind;
  return "?";
}

const guint32 *
resp_record_entry_participants (const RespRecord *rec, guint32 pos, guint *n)
{
  guint32 x = rec->entries[pos].extra;

  if (x == RESP_RECORD_NONE)
    {
      *n = 0;
      return rec->participants;
    }
  *n = rec->extras[x].n_participants;
  return rec->participants + rec->extras[x].participants;
}

/* The first position in [lo, hi) of node's block whose (kind, at) is not
 * below (kind, at). */
static guint32
lower_bound (const RespRecordEntry *e, guint32 lo, guint32 hi, guint32 kind, gint64 at)
{
  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;
      if (e[mid].kind < kind || (e[mid].kind == kind && e[mid].at < at))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

guint
resp_record_find_entries (const RespRecord *rec, guint32 node, guint32 kind,
                          gint64 from, gint64 until, gint64 before, guint32 *first)
{
  guint32 lo = rec->node_start[node], hi = rec->node_start[node + 1], b, e;
  gint64 end = MIN (until, before);

  if (from >= end)
    {
      *first = lo;
      return 0;
    }
  b = lower_bound (rec->entries, lo, hi, kind, from);
  e = lower_bound (rec->entries, b, hi, kind, end);
  *first = b;
  return e - b;
}

static gboolean
span_has_kind (const RespRecord *rec, const RespRecordSpan *s, guint32 kind)
{
  if (s->kinds == RESP_RECORD_NONE)
    return TRUE;
  for (guint32 k = 0; k < s->n_kinds; k++)
    if (rec->span_kinds[s->kinds + k] == kind)
      return TRUE;
  return FALSE;
}

gboolean
resp_record_is_complete (const RespRecord *rec, guint32 node, guint32 kind,
                         gint64 from, gint64 until)
{
  guint32 i = 0, i_end = 0, j = rec->n_node_spans, j_end = rec->n_spans;
  gint64 reach = from;

  if (from >= until)
    return TRUE;
  /* node's run of spans (by from), and the node-less ones (by from):
   * walked together in order of from, each stretching what is covered */
  if (node != RESP_NO_NODE)
    {
      guint32 lo = 0, hi = rec->n_node_spans;
      while (lo < hi)
        {
          guint32 mid = lo + (hi - lo) / 2;
          if (rec->spans[mid].node < node)
            lo = mid + 1;
          else
            hi = mid;
        }
      i = i_end = lo;
      while (i_end < rec->n_node_spans && rec->spans[i_end].node == node)
        i_end++;
    }
  while (i < i_end || j < j_end)
    {
      const RespRecordSpan *s;

      if (j >= j_end || (i < i_end && rec->spans[i].from <= rec->spans[j].from))
        s = &rec->spans[i++];
      else
        s = &rec->spans[j++];
      if (!span_has_kind (rec, s, kind))
        continue;
      if (s->from > reach)
        return FALSE;
      if (s->until > reach)
        reach = s->until;
      if (reach >= until)
        return TRUE;
    }
  return FALSE;
}

const guint32 *
resp_record_notices_to (const RespRecord *rec, guint32 node, guint *n)
{
  guint32 lo = 0, hi = rec->n_notices, end;

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;
      if (rec->notices[rec->notices_by_node[mid]].node < node)
        lo = mid + 1;
      else
        hi = mid;
    }
  end = lo;
  while (end < rec->n_notices && rec->notices[rec->notices_by_node[end]].node == node)
    end++;
  *n = end - lo;
  return rec->notices_by_node + lo;
}

RespNoticeStatus
resp_record_notice_status (const RespRecord *rec, guint i, gint64 at, guint *n_answered)
{
  const RespRecordNotice *notice = &rec->notices[i];
  const gint64 *answer_at = rec->answer_at + notice->answers;
  gboolean any = FALSE, in_time = FALSE;
  guint k;

  /* ordered by `at`: the first one not before the instant ends them */
  for (k = 0; k < notice->n_answers && answer_at[k] < at; k++)
    {
      any = TRUE;
      in_time |= answer_at[k] <= notice->due;
    }
  if (n_answered != NULL)
    *n_answered = k;
  if (any)
    return in_time ? RESP_NOTICE_RECTIFIED : RESP_NOTICE_LATE;
  if (at <= notice->due)
    return RESP_NOTICE_OPEN;
  if (resp_record_is_complete (rec, notice->node, RESP_RECORD_KIND_RECTIFICATION, notice->at, at))
    return RESP_NOTICE_OVERDUE;
  return RESP_NOTICE_UNKNOWN;
}
