/* resp-record-private.h: the record of duties (SPEC §8.2), as the duties engine reads it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A national record has millions of entries, and the duties engine asks
 * one question of it per slot and evidence kind: how many entries of kind
 * K for node N lie in a period. So the entries are kept in one flat array
 * sorted by (node, kind, at, id), with node_start[] giving each
 * node's block in O(1), like the model's adjacency: a question is a binary
 * search inside one small block, and its answer a contiguous run. An entry
 * costs 24 bytes there, its id a number in an interner (the pool of id
 * texts plus about 12 bytes), and 4 bytes of file_order; what few entries
 * have (a `ref` or `note`, participants, being a notice or rectification)
 * sits in a side array of extras, its texts in one string chunk.
 *
 * Notices are few; they are listed in id order with their answering
 * rectifications, and indexed by node. `complete` spans are sorted by
 * (node, from), the node-less ones after every other.
 *
 * Positions: "entry positions" below are indices into rec->entries (the
 * sorted order). The public getters number entries in file order instead;
 * file_order[] maps one to the other.
 *
 * Nothing changes after load: any number of threads may read a record.
 */
#pragma once

#include "resp-record.h"
#include "resp-model-private.h"
#include "resp-rulebook-private.h"
#include "resp-interner-private.h"
#include "resp-vec-private.h"

G_BEGIN_DECLS

/* no index: no extra, no notice, every kind */
#define RESP_RECORD_NONE G_MAXUINT32

/* The kinds of entries: a record kind the rulebook declares is its index
 * in rb->record_kinds; the two built-in kinds are these. */
#define RESP_RECORD_KIND_NOTICE        ((guint32) 0xfffffff0u)
#define RESP_RECORD_KIND_RECTIFICATION ((guint32) 0xfffffff1u)

typedef struct {
  gint64  at;
  guint32 node;
  guint32 kind;
  guint32 id;       /* the id's number in rec->ids, which is the entry's index in file order */
  guint32 extra;    /* index into rec->extras, or RESP_RECORD_NONE */
} RespRecordEntry;

typedef struct {
  const char *ref;            /* NULL when absent; in rec->texts */
  const char *note;
  guint32     participants;   /* the first of them in rec->participants */
  guint32     n_participants;
  guint32     notice;         /* a notice: its index in rec->notices; a rectification: the
                               * index of the notice it answers; else RESP_RECORD_NONE */
} RespRecordExtra;

typedef struct {
  guint32 entry;              /* its entry position */
  guint32 by;                 /* the unit that sent it */
  gint64  due;
  guint32 answers;            /* its rectifications: rec->answers[answers, answers + n_answers) */
  guint32 n_answers;
  gint64  at;                 /* its entry's `at` and node, at hand */
  guint32 node;
} RespRecordNotice;

typedef struct {
  gint64  from, until;
  guint32 node;               /* RESP_NO_NODE: every node */
  guint32 kinds;              /* rec->span_kinds[kinds, kinds + n_kinds); RESP_RECORD_NONE: every kind */
  guint32 n_kinds;
} RespRecordSpan;

struct _RespRecord {
  gatomicrefcount   ref;
  RespModel        *model;        /* node indices are this model's */
  RespRulebook     *rulebook;     /* and declared kinds this rulebook's */
  RespInterner      ids;          /* entry ids, numbered in file order */
  guint32           n_entries;
  RespRecordEntry  *entries;      /* by (node, kind, at, id) */
  guint32          *node_start;   /* model->n_nodes + 1: node v's block is [node_start[v], node_start[v + 1]) */
  guint32          *file_order;   /* file index -> entry position */
  RespRecordExtra  *extras;
  guint32           n_extras;
  guint32          *participants; /* person node indices */
  guint32           n_participants;
  GStringChunk     *texts;        /* ref and note */
  RespRecordNotice *notices;      /* by id, bytewise */
  guint32           n_notices;
  guint32          *answers;      /* entry positions of rectifications, by notice, then (at, id) */
  gint64           *answer_at;    /* beside answers: each one's `at` */
  guint32          *notices_by_node; /* notice indices by (node, id) */
  RespRecordSpan   *spans;        /* by (node, from, until); the node-less ones last */
  guint32           n_spans;
  guint32           n_node_spans; /* spans[0, n_node_spans) name a node */
  guint32          *span_kinds;
};

/* ---- entries ---- */

static inline const RespRecordEntry *
resp_record_entry (const RespRecord *rec, guint32 pos)
{
  return &rec->entries[pos];
}

static inline const char *
resp_record_entry_id (const RespRecord *rec, guint32 pos)
{
  return resp_interner_get (&rec->ids, rec->entries[pos].id);
}

/* The entry's `ref` (or `note`), or NULL when it has none. */
static inline const char *
resp_record_entry_ref (const RespRecord *rec, guint32 pos)
{
  guint32 x = rec->entries[pos].extra;
  return x == RESP_RECORD_NONE ? NULL : rec->extras[x].ref;
}

static inline const char *
resp_record_entry_note (const RespRecord *rec, guint32 pos)
{
  guint32 x = rec->entries[pos].extra;
  return x == RESP_RECORD_NONE ? NULL : rec->extras[x].note;
}

/* The entry's participants (person node indices, as written); *n their
 * number. */
const guint32 *resp_record_entry_participants (const RespRecord *rec, guint32 pos, guint *n);

/* The name of a kind: a declared kind's, `notice` or `rectification`. */
const char *resp_record_kind_name (const RespRecord *rec, guint32 kind);

/* The entries of kind for node whose `at` lies in [from, until) and
 * before `before`: returns how many, the first at entry position *first,
 * the others after it, ordered by `at` (then id, bytewise). An entry at
 * `from` counts, one at `until` or at `before` does not. node must be a
 * node of the record's model; kind a declared kind index or
 * RESP_RECORD_KIND_*. */
guint    resp_record_find_entries (const RespRecord *rec, guint32 node, guint32 kind,
                                   gint64 from, gint64 until, gint64 before, guint32 *first);

/* Whether the record declares itself complete over [from, until) for node
 * and kind: the `complete` spans that name node (or no node) and kind (or
 * no kind) together cover it, adjacent spans ([a, b) and [b, c)) joining.
 * An empty range (from ≥ until) is covered. node may be RESP_NO_NODE: then
 * only node-less spans count. */
gboolean resp_record_is_complete  (const RespRecord *rec, guint32 node, guint32 kind,
                                   gint64 from, gint64 until);

/* ---- notices ---- */

static inline guint
resp_record_n_notices (const RespRecord *rec)
{
  return rec->n_notices;
}

/* Notice i in id order (bytewise): its entry position (for its id, node,
 * `at` and `ref`: resp_record_entry*()), `by` and `due`. */
static inline const RespRecordNotice *
resp_record_notice (const RespRecord *rec, guint i)
{
  return &rec->notices[i];
}

/* The rectifications answering notice i: entry positions, ordered by `at`
 * (then id); *n their number. Every one on file is listed: a
 * caller judging a notice at an instant stops at the first whose `at` is
 * not before it. */
static inline const guint32 *
resp_record_notice_answers (const RespRecord *rec, guint i, guint *n)
{
  *n = rec->notices[i].n_answers;
  return rec->answers + rec->notices[i].answers;
}

/* The status of notice i at instant at (SPEC §8.4): its rectifications
 * before at (the first *n_answered of resp_record_notice_answers(), when
 * n_answered is not NULL) decide rectified or late; without one, open
 * while at ≤ due, overdue when the record of the node's rectifications is
 * complete over [notice `at`, at), else unknown. */
RespNoticeStatus resp_record_notice_status (const RespRecord *rec, guint i, gint64 at,
                                            guint *n_answered);

/* The notices to node: indices into the notices (so in id order); *n
 * their number (0, and a pointer not to be read, when none). */
const guint32 *resp_record_notices_to (const RespRecord *rec, guint32 node, guint *n);

/* ---- the record and what it was loaded for ---- */

/* Whether rec was loaded against model and rulebook (its node and kind
 * numbers are theirs, so no other may read it). */
gboolean resp_record_loaded_for (const RespRecord   *rec,
                                 const RespModel    *model,
                                 const RespRulebook *rulebook);

G_END_DECLS
