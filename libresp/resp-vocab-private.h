/* resp-vocab-private.h: the vocabulary of the model and its results, one table each
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every word the formats use and every fact about it that more than one
 * part of the library needs sits in one descriptor table per vocabulary:
 * node types (with the attribute each takes), relations (with the node
 * types at their ends, and the cardinality limits of SPEC §3.2), seats,
 * roles, audit codes, categories and statuses. A new relation or role is a
 * new row here (and a value in the public enum); the loader, the snapshot
 * check, the resolver and the renderers read the row. Each table's size is
 * checked against its enum when it is compiled.
 */
#pragma once

#include <string.h>

#include "resp-enums.h"
#include "resp-condition-private.h"

G_BEGIN_DECLS

#define RESP_N_NODE_TYPES   (RESP_NODE_SECTOR + 1)
#define RESP_N_RELATIONS    (RESP_REL_PROTECTS + 1)
#define RESP_N_SEATS        (RESP_SEAT_MEMBER + 1)
#define RESP_N_AUDIT_CODES  (RESP_AUDIT_POST_VACANT + 1)
#define RESP_N_CATEGORIES   (RESP_CATEGORY_IMPORTANT_LEADERSHIP + 1)
#define RESP_N_VERDICT_STATUSES (RESP_VERDICT_NOT_TRIGGERED + 1)
#define RESP_N_CIRCUMSTANCE_STATUSES (RESP_CIRCUMSTANCE_UNDETERMINED + 1)
#define RESP_N_SLOT_STATUSES (RESP_SLOT_UNKNOWN + 1)
#define RESP_N_NOTICE_STATUSES (RESP_NOTICE_UNKNOWN + 1)
#define RESP_N_HOP_STATUSES (RESP_HOP_UNKNOWN + 1)
G_STATIC_ASSERT (RESP_N_ROLES == RESP_ROLE_AUDIT_OFFICE + 1);

/* A set of node types, a bit (1 << RespNodeType) each. */
typedef guint32 RespTypeMask;
#define RESP_TYPE_BIT(t) ((RespTypeMask) 1 << (t))
G_STATIC_ASSERT (RESP_N_NODE_TYPES <= 32);

/* The enumerated attributes' values, in the order the model stores them. */
typedef enum {
  RESP_LEVEL_NATIONAL, RESP_LEVEL_PROVINCIAL, RESP_LEVEL_PREFECTURAL,
  RESP_LEVEL_COUNTY, RESP_LEVEL_TOWNSHIP, RESP_N_REGION_LEVELS,
} RespRegionLevel;

typedef enum { RESP_FORM_PARTY_COMMITTEE, RESP_FORM_PARTY_GROUP, RESP_N_COMMITTEE_FORMS } RespCommitteeForm;

typedef enum {
  RESP_UNIT_PARTY_ORGAN, RESP_UNIT_GOVERNMENT, RESP_UNIT_ENTERPRISE, RESP_UNIT_INSTITUTION,
  RESP_UNIT_SOCIAL, RESP_UNIT_OTHER, RESP_N_UNIT_KINDS,
} RespUnitKind;

typedef enum {
  RESP_SYSTEM_PARTY_GOV_PORTAL, RESP_SYSTEM_KEY_NEWS_SITE, RESP_SYSTEM_LARGE_PLATFORM,
  RESP_SYSTEM_OTHER, RESP_N_SYSTEM_KINDS,
} RespSystemKind;

extern const char * const resp_region_level_names[RESP_N_REGION_LEVELS];
extern const char * const resp_committee_form_names[RESP_N_COMMITTEE_FORMS];
extern const char * const resp_unit_kind_names[RESP_N_UNIT_KINDS];
extern const char * const resp_system_kind_names[RESP_N_SYSTEM_KINDS];

/* A region level as a condition reads it: the level's name, or unknown
 * for a negative level (no region). */
static inline RespValue
resp_level_value (int level)
{
  RespValue v = RESP_VALUE_INIT_UNKNOWN;

  if (level >= 0)
    v.type = RESP_VALUE_STRING, v.string = resp_region_level_names[level];
  return v;
}

/* The one enumerated attribute a node type has (a region's level, a
 * committee's form, a unit's or a system's kind): stored in the node
 * record's `attr` as an index into values. */
typedef struct {
  const char         *key;        /* the model file's key, e.g. "level" */
  const char         *noun;       /* how messages name it, e.g. "unit kind" */
  const char * const *values;
  guint               n_values;
  gboolean            required;
  guint8              fallback;   /* when not required and absent */
} RespAttrInfo;

typedef struct {
  const char         *name;       /* JSON */
  const char         *label_zh;   /* 网络和信息系统 */
  const char         *short_zh;   /* 系统, in the one-line summary of a model */
  const char         *dot_shape;  /* Graphviz */
  const RespAttrInfo *attr;       /* or NULL */
} RespNodeTypeInfo;

typedef struct {
  const char  *name;              /* JSON */
  RespTypeMask from;              /* the node types it may go from */
  RespTypeMask to;                /* and to */
  gboolean     takes_seat;        /* has a `role` (RespSeat), which it requires */
} RespRelationInfo;

/* "At most one at any instant" (SPEC §3.2, last column): no two relations
 * of rel (with seat, when not RESP_SEAT_NONE) from the same node, or to it
 * when by_to, whose intervals overlap. In the order their overlaps are
 * reported when one relation breaks two. */
typedef struct {
  RespRelation rel;
  RespSeat     seat;
  gboolean     by_to;
  const char  *noun;              /* what the shared end is, or NULL */
  const char  *overlap;           /* what it would then have, e.g. "has two heads" */
} RespCardinalityInfo;
#define RESP_N_CARDINALITIES 12

typedef struct {
  const char *name;               /* JSON */
  const char *label_zh;
  RespRole    role;               /* the role a seat of this kind puts its holder in */
} RespSeatInfo;

typedef struct {
  const char *name;               /* JSON */
  const char *label_zh;           /* 直接责任人 (a duty role, never the 直接责任 category) */
  RespSeat    seat;               /* the seat it is, for the seats of a committee */
  gboolean    through_seat;       /* reached through a seat on a committee (SPEC §4.3, authority) */
} RespRoleInfo;

/* The roles whose holders are people (the others are units or committees),
 * who can answer for a duty (SPEC §8.1). */
#define RESP_ROLE_BIT(r) (G_GUINT64_CONSTANT (1) << (r))
#define RESP_PERSON_ROLES \
  (RESP_ROLE_BIT (RESP_ROLE_FIRST_RESPONSIBLE) | RESP_ROLE_BIT (RESP_ROLE_DIRECT_RESPONSIBLE) | \
   RESP_ROLE_BIT (RESP_ROLE_TEAM_MEMBER) | RESP_ROLE_BIT (RESP_ROLE_SECURITY_LEAD) | \
   RESP_ROLE_BIT (RESP_ROLE_UNIT_HEAD) | RESP_ROLE_BIT (RESP_ROLE_INVOLVED) | \
   RESP_ROLE_BIT (RESP_ROLE_REGULATOR_HEAD) | RESP_ROLE_BIT (RESP_ROLE_REGIONAL_SUPERVISOR) | \
   RESP_ROLE_BIT (RESP_ROLE_COORDINATOR_HEAD))
G_STATIC_ASSERT (RESP_N_ROLES <= 64);

typedef struct {
  const char *name;               /* JSON */
  const char *label_zh;
  const char *basis;              /* the measures' article that makes it a gap */
} RespAuditCodeInfo;

typedef struct {
  const char *name;
  const char *label_zh;
} RespWordInfo;

/* Who bears a duty (SPEC §8.1), and so whose attributes its `applies`
 * reads. */
typedef enum {
  RESP_BEARER_COMMITTEE, RESP_BEARER_OPERATOR, RESP_BEARER_REGULATOR, RESP_BEARER_COORDINATOR,
  RESP_BEARER_AUDIT_OFFICE, RESP_BEARER_SYSTEM, RESP_N_BEARERS,
} RespBearer;

typedef struct {
  const char     *name;           /* JSON */
  const char     *label_zh;
  RespSubjectKind subject;        /* what its `applies` may read */
} RespBearerInfo;

/* The calendar periods of a duty (at +08:00), by their length in months. */
typedef enum { RESP_EVERY_YEAR, RESP_EVERY_HALF_YEAR, RESP_EVERY_QUARTER, RESP_EVERY_MONTH,
               RESP_N_EVERY } RespEvery;

typedef struct {
  const char *name;               /* JSON */
  const char *label_zh;           /* 年度 */
  guint       months;
} RespEveryInfo;

extern const RespBearerInfo      resp_bearers[RESP_N_BEARERS];
extern const RespEveryInfo       resp_every[RESP_N_EVERY];
extern const RespNodeTypeInfo    resp_node_types[RESP_N_NODE_TYPES];
extern const RespRelationInfo    resp_relations[RESP_N_RELATIONS];
extern const RespCardinalityInfo resp_cardinalities[RESP_N_CARDINALITIES];
extern const RespSeatInfo        resp_seats[RESP_N_SEATS];
extern const RespRoleInfo        resp_roles[RESP_N_ROLES];
extern const RespAuditCodeInfo   resp_audit_codes[RESP_N_AUDIT_CODES];
extern const RespWordInfo        resp_categories[RESP_N_CATEGORIES];
extern const RespWordInfo        resp_verdict_statuses[RESP_N_VERDICT_STATUSES];
extern const char * const        resp_circumstance_status_names[RESP_N_CIRCUMSTANCE_STATUSES];
extern const RespWordInfo        resp_slot_statuses[RESP_N_SLOT_STATUSES];
extern const RespWordInfo        resp_notice_statuses[RESP_N_NOTICE_STATUSES];

/* ---- finding a word ---- */

/* Index of name among n names, the first of them at first and each stride
 * bytes after the one before (a column of a table), or -1. */
static inline int
resp_vocab_find (const char * const *first, gsize stride, guint n, const char *name)
{
  const char *p = (const char *) first;

  for (guint i = 0; i < n; i++, p += stride)
    {
      const char *s = *(const char * const *) (gconstpointer) p;
      if (s[0] == name[0] && strcmp (s, name) == 0)
        return (int) i;
    }
  return -1;
}
/* The nearest of those names to name within a small edit distance (the
 * cap growing with the name's length: 1 up to 3 bytes, 2 up to 8, else 3;
 * a swap of two adjacent characters counts as one edit), or NULL. */
const char *resp_vocab_suggest (const char * const *first, gsize stride, guint n,
                                const char *name);
#define RESP_VOCAB_FIND(table, word) \
  resp_vocab_find (&(table)[0].name, sizeof (table)[0], G_N_ELEMENTS (table), (word))
#define RESP_VOCAB_SUGGEST(table, word) \
  resp_vocab_suggest (&(table)[0].name, sizeof (table)[0], G_N_ELEMENTS (table), (word))

/* The same over a plain array of names. */
int         resp_name_lookup   (const char * const *names, guint n, const char *name);
const char *resp_suggest       (const char * const *names, guint n, const char *name);
/* the nearest of names to name within cap edits, a swap of two adjacent
 * characters counting as one (the first on a tie), or NULL */
const char *resp_suggest_within (const char * const *names, guint n, const char *name,
                                 guint cap);
/* " (did you mean 'MEANT'?)", or "" when meant is NULL, written into buf
 * (of size bytes), which is returned */
const char *resp_did_you_mean  (char *buf, gsize size, const char *meant);

G_END_DECLS
