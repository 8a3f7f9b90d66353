/* resp-enums-private.h */
#pragma once

#include "resp-enums.h"

G_BEGIN_DECLS

#define RESP_N_NODE_TYPES 6
#define RESP_N_RELATIONS 13
#define RESP_N_SEATS 4
#define RESP_N_AUDIT_CODES 9

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

extern const char * const resp_node_type_names[RESP_N_NODE_TYPES];
extern const char * const resp_relation_names[RESP_N_RELATIONS];
extern const char * const resp_seat_names[RESP_N_SEATS];
extern const char * const resp_role_names[RESP_N_ROLES];
extern const char * const resp_role_labels_zh[RESP_N_ROLES];
extern const char * const resp_node_type_labels_zh[RESP_N_NODE_TYPES];
extern const char * const resp_seat_labels_zh[RESP_N_SEATS];
#define RESP_N_CATEGORIES 3
extern const char * const resp_category_names[RESP_N_CATEGORIES];
extern const char * const resp_category_labels_zh[RESP_N_CATEGORIES];
extern const char * const resp_verdict_status_names[3];
extern const char * const resp_verdict_status_labels_zh[3];
extern const char * const resp_circumstance_status_names[3];
extern const char * const resp_audit_code_names[RESP_N_AUDIT_CODES];
extern const char * const resp_region_level_names[RESP_N_REGION_LEVELS];
extern const char * const resp_committee_form_names[RESP_N_COMMITTEE_FORMS];
extern const char * const resp_unit_kind_names[RESP_N_UNIT_KINDS];
extern const char * const resp_system_kind_names[RESP_N_SYSTEM_KINDS];

/* index of name in names[0..n), or -1 */
int         resp_name_lookup (const char * const *names, guint n, const char *name);
/* the nearest of names to name within a small edit distance, or NULL */
const char *resp_suggest     (const char * const *names, guint n, const char *name);

G_END_DECLS
