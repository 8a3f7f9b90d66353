/* resp-duties-private.h: what each bearer had to do, what the record shows, who answers (SPEC §8)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "resp-duties.h"
#include "resp-model-private.h"
#include "resp-rulebook-private.h"
#include "resp-vec-private.h"
#include "resp-record-private.h"

G_BEGIN_DECLS

/* One person in an answerable role (or holding it, for an unknown slot)
 * during [from, until) of the slot's period. */
typedef struct {
  guint32 person;
  guint8  role;       /* RespRole */
  guint8  category;   /* RespCategory; meaningless for holders */
  gint64  from, until;
  guint32 auth_off, n_auth;   /* into refs: the authority at `from` */
  guint32 prop_off, n_prop;   /* into refs: the proposers */
} RespDutyPerson;

/* A (duty, node, period), SPEC §8.3. */
typedef struct {
  guint32 duty;       /* index into the rulebook's duties */
  guint32 node;
  gint64  from, until;        /* the period */
  gint64  start;              /* the first instant of it at which the slot is owed */
  guint8  status;             /* RespSlotStatus */
  guint8  incomplete;         /* unknown: the words are record kinds, not attributes */
  guint8  entries_in_record;  /* entries_off is a position in the record's index, where the
                               * slot's entries (of its one evidence kind) are a run */
  gint32  required;           /* -1: not known (its parameter has no value) */
  guint32 count;
  guint32 entries_off, n_entries;   /* into entries (or the record's index): record entry
                                     * positions, by (at, id); resp_duty_slot_entry() */
  guint32 people_off, n_people;     /* into people */
  guint32 missing_off, n_missing;   /* into words: missing attributes or incomplete kinds */
  guint32 owners_off, n_owners;     /* into refs: the committees whose scorecard counts it */
} RespDutySlot;

typedef struct {
  guint32 notice;             /* the notice's index in the record (id order) */
  guint8  status;             /* RespNoticeStatus */
  guint   n_answered;         /* its rectifications before the query instant: the first of
                               * the record's for it (by (at, id)); resp_duty_notice_answer() */
} RespDutyNotice;

typedef struct {
  guint32 committee;
  guint32 counts[RESP_SLOT_UNKNOWN + 1];
  double  weight_fulfilled;   /* Σ weight of the fulfilled slots */
  double  weight_judged;      /* Σ weight of the fulfilled and unfulfilled */
  guint32 report_off, n_report;     /* into refs */
} RespDutyScorecard;

/* An unfulfilled slot with an answerable role nobody held in the period. */
typedef struct {
  guint32 node;
  guint32 duty;
  gint64  from;
  guint8  role;
} RespDutyWarning;

struct _RespDuties {
  gatomicrefcount ref;
  RespModel    *model;
  RespRulebook *rulebook;
  RespRecord   *record;
  gint64        from, until, at;
  guint32       node;         /* the --node filter, or RESP_NO_NODE */
  GArray       *slots;        /* RespDutySlot, in output order */
  GArray       *people;       /* RespDutyPerson */
  GArray       *notices;      /* RespDutyNotice, by id */
  GArray       *scorecards;   /* RespDutyScorecard, by committee id */
  GArray       *warnings;     /* RespDutyWarning */
  RespU32Vec    entries;
  RespU32Vec    refs;
  GPtrArray    *words;        /* const char*: names of missing attributes, kinds */
  GStringChunk *strings;      /* words made here */
};

/* The record entry position of the k-th rectification listed for dn. */
static inline guint32
resp_duty_notice_answer (const RespDuties *d, const RespDutyNotice *dn, guint k)
{
  guint n;

  return resp_record_notice_answers (d->record, dn->notice, &n)[k];
}

/* The record entry position of the i-th entry of slot. */
static inline guint32
resp_duty_slot_entry (const RespDuties *d, const RespDutySlot *slot, guint i)
{
  return slot->entries_in_record ? slot->entries_off + i : d->entries.data[slot->entries_off + i];
}

G_END_DECLS
