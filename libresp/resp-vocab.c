/* resp-vocab.c: the vocabulary tables (see resp-vocab-private.h), and the public names of the enums
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "resp-vocab-private.h"

#define T(x) RESP_TYPE_BIT (RESP_NODE_##x)

const char * const resp_region_level_names[RESP_N_REGION_LEVELS] = {
  "national", "provincial", "prefectural", "county", "township",
};

const char * const resp_committee_form_names[RESP_N_COMMITTEE_FORMS] = {
  "party_committee", "party_group",
};

const char * const resp_unit_kind_names[RESP_N_UNIT_KINDS] = {
  "party_organ", "government", "enterprise", "institution", "social", "other",
};

const char * const resp_system_kind_names[RESP_N_SYSTEM_KINDS] = {
  "party_gov_portal", "key_news_site", "large_platform", "other",
};

static const RespAttrInfo region_level = {
  "level", "level", resp_region_level_names, RESP_N_REGION_LEVELS, TRUE, 0,
};
static const RespAttrInfo committee_form = {
  "form", "form", resp_committee_form_names, RESP_N_COMMITTEE_FORMS, TRUE, 0,
};
static const RespAttrInfo unit_kind = {
  "kind", "unit kind", resp_unit_kind_names, RESP_N_UNIT_KINDS, FALSE, RESP_UNIT_OTHER,
};
static const RespAttrInfo system_kind = {
  "kind", "system kind", resp_system_kind_names, RESP_N_SYSTEM_KINDS, FALSE, RESP_SYSTEM_OTHER,
};

const RespNodeTypeInfo resp_node_types[] = {
  [RESP_NODE_REGION]    = { "region", "地区", "地区", "folder", &region_level },
  [RESP_NODE_COMMITTEE] = { "committee", "党委（党组）", "党委（党组）", "house", &committee_form },
  [RESP_NODE_UNIT]      = { "unit", "单位", "单位", "box", &unit_kind },
  [RESP_NODE_PERSON]    = { "person", "人员", "人员", "ellipse", NULL },
  [RESP_NODE_SYSTEM]    = { "system", "网络和信息系统", "系统", "component", &system_kind },
  [RESP_NODE_SECTOR]    = { "sector", "行业领域", "行业领域", "tab", NULL },
};
G_STATIC_ASSERT (G_N_ELEMENTS (resp_node_types) == RESP_N_NODE_TYPES);

const RespRelationInfo resp_relations[] = {
  [RESP_REL_WITHIN]          = { "within", T (REGION), T (REGION), FALSE },
  [RESP_REL_LOCATED_IN]      = { "located_in", T (UNIT), T (REGION), FALSE },
  [RESP_REL_LEADS]           = { "leads", T (COMMITTEE), T (REGION) | T (UNIT), FALSE },
  [RESP_REL_UNDER]           = { "under", T (UNIT), T (UNIT), FALSE },
  [RESP_REL_OPERATES]        = { "operates", T (UNIT), T (SYSTEM), FALSE },
  [RESP_REL_IN_SECTOR]       = { "in_sector", T (SYSTEM) | T (UNIT), T (SECTOR), FALSE },
  [RESP_REL_REGULATES]       = { "regulates", T (UNIT), T (SECTOR), FALSE },
  [RESP_REL_COORDINATES]     = { "coordinates", T (UNIT), T (REGION) | T (UNIT), FALSE },
  [RESP_REL_MEMBER]          = { "member", T (PERSON), T (COMMITTEE), TRUE },
  [RESP_REL_HEADS]           = { "heads", T (PERSON), T (UNIT), FALSE },
  [RESP_REL_SECURITY_LEAD]   = { "security_lead", T (PERSON), T (UNIT) | T (SYSTEM), FALSE },
  [RESP_REL_STAFF]           = { "staff", T (PERSON), T (UNIT) | T (SYSTEM), FALSE },
  [RESP_REL_MANAGES]         = { "manages", T (COMMITTEE), T (COMMITTEE), FALSE },
  [RESP_REL_SPONSORS]        = { "sponsors", T (UNIT), T (SYSTEM), FALSE },
  [RESP_REL_PUBLIC_SECURITY] = { "public_security", T (UNIT), T (REGION), FALSE },
  [RESP_REL_STATE_SECURITY]  = { "state_security", T (UNIT), T (REGION), FALSE },
  [RESP_REL_AUDITS]          = { "audits", T (UNIT), T (REGION), FALSE },
  [RESP_REL_CADRE_OFFICE]    = { "cadre_office", T (UNIT), T (COMMITTEE), FALSE },
  [RESP_REL_PROTECTS]        = { "protects", T (UNIT), T (SYSTEM) | T (SECTOR), FALSE },
};
G_STATIC_ASSERT (G_N_ELEMENTS (resp_relations) == RESP_N_RELATIONS);

const RespCardinalityInfo resp_cardinalities[] = {
  { RESP_REL_WITHIN, RESP_SEAT_NONE, FALSE, "region", "has two parent regions" },
  { RESP_REL_LOCATED_IN, RESP_SEAT_NONE, FALSE, "unit", "is located in two regions" },
  { RESP_REL_LEADS, RESP_SEAT_NONE, TRUE, NULL, "is led by two committees" },
  { RESP_REL_LEADS, RESP_SEAT_NONE, FALSE, "committee", "leads two scopes" },
  { RESP_REL_UNDER, RESP_SEAT_NONE, FALSE, "unit", "has two superior units" },
  { RESP_REL_MEMBER, RESP_SEAT_MAIN_LEADER, TRUE, "committee", "has two main leaders" },
  { RESP_REL_HEADS, RESP_SEAT_NONE, TRUE, "unit", "has two heads" },
  { RESP_REL_SPONSORS, RESP_SEAT_NONE, TRUE, "system", "has two sponsors" },
  { RESP_REL_PUBLIC_SECURITY, RESP_SEAT_NONE, TRUE, "region", "has two public security organs" },
  { RESP_REL_STATE_SECURITY, RESP_SEAT_NONE, TRUE, "region", "has two state security organs" },
  { RESP_REL_AUDITS, RESP_SEAT_NONE, TRUE, "region", "has two audit offices" },
  { RESP_REL_CADRE_OFFICE, RESP_SEAT_NONE, TRUE, "committee", "has two cadre offices" },
};
G_STATIC_ASSERT (G_N_ELEMENTS (resp_cardinalities) == RESP_N_CARDINALITIES);

const RespSeatInfo resp_seats[] = {
  [RESP_SEAT_NONE]        = { "none", "", RESP_ROLE_TEAM_MEMBER },
  [RESP_SEAT_MAIN_LEADER] = { "main_leader", "主要负责人（第一责任人）", RESP_ROLE_FIRST_RESPONSIBLE },
  [RESP_SEAT_CYBER_LEAD]  = { "cyber_lead", "主管网络安全的班子成员（直接责任人）", RESP_ROLE_DIRECT_RESPONSIBLE },
  [RESP_SEAT_MEMBER]      = { "member", "领导班子成员", RESP_ROLE_TEAM_MEMBER },
};
G_STATIC_ASSERT (G_N_ELEMENTS (resp_seats) == RESP_N_SEATS);

/* The terms of the measures (实施办法) and the accountability regulations, for
 * text that officials read. 直接责任人 is a duty role, never the 直接责任
 * category. */
const RespRoleInfo resp_roles[] = {
  [RESP_ROLE_OPERATOR]            = { "operator", "网络运营者", RESP_SEAT_NONE, FALSE },
  [RESP_ROLE_CHAIN]               = { "chain", "主管链条", RESP_SEAT_NONE, FALSE },
  [RESP_ROLE_COMMITTEE]           = { "committee", "负主体责任的党委（党组）", RESP_SEAT_NONE, FALSE },
  [RESP_ROLE_FIRST_RESPONSIBLE]   = { "first_responsible", "第一责任人", RESP_SEAT_MAIN_LEADER, TRUE },
  [RESP_ROLE_DIRECT_RESPONSIBLE]  = { "direct_responsible", "直接责任人", RESP_SEAT_CYBER_LEAD, TRUE },
  [RESP_ROLE_TEAM_MEMBER]         = { "team_member", "领导班子成员", RESP_SEAT_MEMBER, TRUE },
  [RESP_ROLE_SECURITY_LEAD]       = { "security_lead", "网络安全负责人", RESP_SEAT_NONE, FALSE },
  [RESP_ROLE_UNIT_HEAD]           = { "unit_head", "单位主要负责人", RESP_SEAT_NONE, FALSE },
  [RESP_ROLE_INVOLVED]            = { "involved", "当事人", RESP_SEAT_NONE, FALSE },
  [RESP_ROLE_REGULATOR]           = { "regulator", "行业主管监管部门", RESP_SEAT_NONE, FALSE },
  [RESP_ROLE_REGULATOR_HEAD]      = { "regulator_head", "主管监管部门主要负责人", RESP_SEAT_NONE, FALSE },
  [RESP_ROLE_REGIONAL_SUPERVISOR] = { "regional_supervisor", "所在地区（指导监管责任）", RESP_SEAT_NONE, TRUE },
  [RESP_ROLE_COORDINATOR]         = { "coordinator", "网信部门", RESP_SEAT_NONE, FALSE },
  [RESP_ROLE_COORDINATOR_HEAD]    = { "coordinator_head", "网信部门主要负责人", RESP_SEAT_NONE, FALSE },
  [RESP_ROLE_AUTHORITY]           = { "authority", "有管理权限的党组织", RESP_SEAT_NONE, FALSE },
  [RESP_ROLE_PROPOSER]            = { "proposer", "问责建议机关", RESP_SEAT_NONE, FALSE },
  [RESP_ROLE_PROTECTION_DEPT]     = { "protection_dept", "保护工作部门", RESP_SEAT_NONE, FALSE },
  [RESP_ROLE_PUBLIC_SECURITY]     = { "public_security", "公安机关", RESP_SEAT_NONE, FALSE },
  [RESP_ROLE_STATE_SECURITY]      = { "state_security", "国家安全机关", RESP_SEAT_NONE, FALSE },
  [RESP_ROLE_AUDIT_OFFICE]        = { "audit_office", "审计机关", RESP_SEAT_NONE, FALSE },
};
G_STATIC_ASSERT (G_N_ELEMENTS (resp_roles) == RESP_N_ROLES);

/* The basis of each finding: the duties the measures assign, not liability
 * rules, so no part of the rulebook. */
const RespAuditCodeInfo resp_audit_codes[] = {
  [RESP_AUDIT_COMMITTEE_WITHOUT_MAIN_LEADER] = {
    "committee_without_main_leader", "党委（党组）无主要负责人（第一责任人）",
    "measures Art. 2: 领导班子主要负责人是第一责任人" },
  [RESP_AUDIT_COMMITTEE_WITHOUT_CYBER_LEAD] = {
    "committee_without_cyber_lead", "党委（党组）无主管网络安全的班子成员（直接责任人）",
    "measures Art. 2: 主管网络安全的领导班子成员是直接责任人" },
  [RESP_AUDIT_REGION_WITHOUT_COMMITTEE] = {
    "region_without_committee", "地区无负主体责任的党委",
    "measures Art. 2: 属地管理，各级党委对本地区网络安全工作负主体责任" },
  [RESP_AUDIT_REGION_WITHOUT_COORDINATOR] = {
    "region_without_coordinator", "地区无网信部门",
    "measures Art. 5: 网络安全和信息化领导机构（网信部门）统筹协调" },
  [RESP_AUDIT_UNIT_WITHOUT_COMMITTEE] = {
    "unit_without_committee", "单位无可确定的负主体责任的党委（党组）",
    "measures Art. 2: 谁主管谁负责，党委（党组）负主体责任" },
  [RESP_AUDIT_SYSTEM_WITHOUT_OPERATOR] = {
    "system_without_operator", "系统无网络运营者",
    "local rules: 谁运营谁负责，网络运营者落实安全保护责任" },
  [RESP_AUDIT_SYSTEM_WITHOUT_SECURITY_LEAD] = {
    "system_without_security_lead", "系统无网络安全负责人",
    "measures Art. 8: 网络安全负责人" },
  [RESP_AUDIT_SECTOR_WITHOUT_REGULATOR] = {
    "sector_without_regulator", "系统所属行业在所在地区及以上无主管监管部门（由所在地区负指导监管责任）",
    "measures Art. 4: 行业主管监管部门负指导监管责任；没有的，由所在地区负指导监管责任" },
  [RESP_AUDIT_POST_VACANT] = {
    "post_vacant", "岗位空缺",
    "measures Art. 2: 岗位空缺期间责任无人承担" },
};
G_STATIC_ASSERT (G_N_ELEMENTS (resp_audit_codes) == RESP_N_AUDIT_CODES);

const RespWordInfo resp_categories[] = {
  [RESP_CATEGORY_DIRECT]               = { "direct", "直接责任" },
  [RESP_CATEGORY_PRIMARY_LEADERSHIP]   = { "primary_leadership", "主要领导责任" },
  [RESP_CATEGORY_IMPORTANT_LEADERSHIP] = { "important_leadership", "重要领导责任" },
};
G_STATIC_ASSERT (G_N_ELEMENTS (resp_categories) == RESP_N_CATEGORIES);

const RespWordInfo resp_verdict_statuses[] = {
  [RESP_VERDICT_TRIGGERED]     = { "triggered", "触发问责情形" },
  [RESP_VERDICT_UNDETERMINED]  = { "undetermined", "尚不能确定（缺少事实）" },
  [RESP_VERDICT_NOT_TRIGGERED] = { "not_triggered", "未触发问责情形" },
};
G_STATIC_ASSERT (G_N_ELEMENTS (resp_verdict_statuses) == RESP_N_VERDICT_STATUSES);

const char * const resp_circumstance_status_names[] = {
  [RESP_CIRCUMSTANCE_HOLDS]         = "holds",
  [RESP_CIRCUMSTANCE_DOES_NOT_HOLD] = "does_not_hold",
  [RESP_CIRCUMSTANCE_UNDETERMINED]  = "undetermined",
};
G_STATIC_ASSERT (G_N_ELEMENTS (resp_circumstance_status_names) == RESP_N_CIRCUMSTANCE_STATUSES);

const RespWordInfo resp_slot_statuses[] = {
  [RESP_SLOT_FULFILLED]   = { "fulfilled", "已履行" },
  [RESP_SLOT_UNFULFILLED] = { "unfulfilled", "未履行" },
  [RESP_SLOT_OPEN]        = { "open", "期间未届满" },
  [RESP_SLOT_PARTIAL]     = { "partial", "仅部分期间承担（不评判）" },
  [RESP_SLOT_UNKNOWN]     = { "unknown", "无法确定" },
};
G_STATIC_ASSERT (G_N_ELEMENTS (resp_slot_statuses) == RESP_N_SLOT_STATUSES);

const RespWordInfo resp_notice_statuses[] = {
  [RESP_NOTICE_RECTIFIED] = { "rectified", "已按期整改" },
  [RESP_NOTICE_LATE]      = { "late", "逾期后整改" },
  [RESP_NOTICE_OPEN]      = { "open", "整改期限未到" },
  [RESP_NOTICE_OVERDUE]   = { "overdue", "逾期未整改" },
  [RESP_NOTICE_UNKNOWN]   = { "unknown", "整改情况不明" },
};
G_STATIC_ASSERT (G_N_ELEMENTS (resp_notice_statuses) == RESP_N_NOTICE_STATUSES);

const RespBearerInfo resp_bearers[] = {
  [RESP_BEARER_COMMITTEE]    = { "committee", "党委（党组）", RESP_SUBJECT_COMMITTEE },
  [RESP_BEARER_OPERATOR]     = { "operator", "网络运营者", RESP_SUBJECT_UNIT },
  [RESP_BEARER_REGULATOR]    = { "regulator", "行业主管监管部门", RESP_SUBJECT_UNIT },
  [RESP_BEARER_COORDINATOR]  = { "coordinator", "网信部门", RESP_SUBJECT_UNIT },
  [RESP_BEARER_AUDIT_OFFICE] = { "audit_office", "审计机关", RESP_SUBJECT_UNIT },
  [RESP_BEARER_SYSTEM]       = { "system", "网络和信息系统", RESP_SUBJECT_SYSTEM },
};
G_STATIC_ASSERT (G_N_ELEMENTS (resp_bearers) == RESP_N_BEARERS);

const RespEveryInfo resp_every[] = {
  [RESP_EVERY_YEAR]      = { "year", "年度", 12 },
  [RESP_EVERY_HALF_YEAR] = { "half_year", "半年", 6 },
  [RESP_EVERY_QUARTER]   = { "quarter", "季度", 3 },
  [RESP_EVERY_MONTH]     = { "month", "月度", 1 },
};
G_STATIC_ASSERT (G_N_ELEMENTS (resp_every) == RESP_N_EVERY);

#undef T

/* ---- finding a word ---- */

int
resp_name_lookup (const char * const *names, guint n, const char *name)
{
  return resp_vocab_find (names, sizeof (const char *), n, name);
}

/* Optimal string alignment distance: Levenshtein plus the swap of two
 * adjacent characters, so that "adn" is one edit from "and". Returns
 * cap + 1 for anything farther than cap, and for very long strings, which
 * are no typo of a short name. */
static guint
osa_distance (const char *a, const char *b, guint cap)
{
  gsize la = strlen (a), lb = strlen (b);
  guint *rows, *two_up, *up, *cur;
  guint result;

  if ((la > lb ? la - lb : lb - la) > cap || la > 256 || lb > 256)
    return cap + 1;

  rows = g_new (guint, 3 * (lb + 1));
  two_up = rows;
  up = rows + lb + 1;
  cur = rows + 2 * (lb + 1);
  for (gsize j = 0; j <= lb; j++)
    up[j] = (guint) j;
  for (gsize i = 1; i <= la; i++)
    {
      guint *t;

      cur[0] = (guint) i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint cost = a[i - 1] != b[j - 1];
          guint v = MIN (MIN (up[j] + 1, cur[j - 1] + 1), up[j - 1] + cost);

          if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
            v = MIN (v, two_up[j - 2] + 1);
          cur[j] = v;
        }
      t = two_up;
      two_up = up;
      up = cur;
      cur = t;
    }
  result = MIN (up[lb], cap + 1);
  g_free (rows);
  return result;
}

const char *
resp_vocab_suggest (const char * const *first, gsize stride, guint n, const char *name)
{
  const char *p = (const char *) first, *best = NULL;
  guint best_d, cap;

  cap = strlen (name) <= 3 ? 1 : strlen (name) <= 8 ? 2 : 3;
  best_d = cap + 1;
  for (guint i = 0; i < n; i++, p += stride)
    {
      const char *s = *(const char * const *) (gconstpointer) p;
      guint d;

      if (s == NULL)
        continue;
      d = osa_distance (name, s, cap);
      if (d < best_d)
        {
          best_d = d;
          best = s;
        }
    }
  return best;
}

const char *
resp_suggest (const char * const *names, guint n, const char *name)
{
  return resp_vocab_suggest (names, sizeof (const char *), n, name);
}

const char *
resp_suggest_within (const char * const *names, guint n, const char *name, guint cap)
{
  const char *best = NULL;
  guint best_d = cap + 1;

  for (guint i = 0; i < n; i++)
    {
      guint d = osa_distance (name, names[i], cap);

      if (d < best_d)
        {
          best_d = d;
          best = names[i];
        }
    }
  return best;
}

const char *
resp_did_you_mean (char *buf, gsize size, const char *meant)
{
  if (meant != NULL)
    g_snprintf (buf, size, " (did you mean '%s'?)", meant);
  else if (size > 0)
    buf[0] = '\0';
  return buf;
}

/**
 * resp_node_type_to_string:
 * @type: a #RespNodeType
 *
 * Names a value as the JSON formats spell it.
 *
 * Returns: the JSON name of @type, e.g. `region`
 *
 * Since: 1.0
 */
const char *
resp_node_type_to_string (RespNodeType type)
{
  g_return_val_if_fail ((guint) type < RESP_N_NODE_TYPES, NULL);
  return resp_node_types[type].name;
}

/**
 * resp_relation_to_string:
 * @rel: a #RespRelation
 *
 * Names a value as the JSON formats spell it.
 *
 * Returns: the JSON name of @rel, e.g. `located_in`
 *
 * Since: 1.0
 */
const char *
resp_relation_to_string (RespRelation rel)
{
  g_return_val_if_fail ((guint) rel < RESP_N_RELATIONS, NULL);
  return resp_relations[rel].name;
}

/**
 * resp_seat_to_string:
 * @seat: a #RespSeat
 *
 * Names a value as the JSON formats spell it.
 *
 * Returns: the JSON name of @seat, e.g. `main_leader`
 *
 * Since: 1.0
 */
const char *
resp_seat_to_string (RespSeat seat)
{
  g_return_val_if_fail ((guint) seat < RESP_N_SEATS, NULL);
  return resp_seats[seat].name;
}

/**
 * resp_role_to_string:
 * @role: a #RespRole
 *
 * Names a value as the JSON formats spell it.
 *
 * Returns: the JSON name of @role, e.g. `first_responsible`
 *
 * Since: 1.0
 */
const char *
resp_role_to_string (RespRole role)
{
  g_return_val_if_fail ((guint) role < RESP_N_ROLES, NULL);
  return resp_roles[role].name;
}

/**
 * resp_role_from_string:
 * @name: a role name such as `security_lead`
 * @role: (out): the role
 *
 * Finds the role a name stands for.
 *
 * Returns: %TRUE if @name is the name of a duty role
 *
 * Since: 1.0
 */
gboolean
resp_role_from_string (const char *name,
                       RespRole   *role)
{
  int i;

  g_return_val_if_fail (name != NULL, FALSE);
  i = RESP_VOCAB_FIND (resp_roles, name);
  if (i < 0)
    return FALSE;
  if (role != NULL)
    *role = (RespRole) i;
  return TRUE;
}

/**
 * resp_audit_code_to_string:
 * @code: a #RespAuditCode
 *
 * Names a value as the JSON formats spell it.
 *
 * Returns: the JSON name of @code, e.g. `post_vacant`
 *
 * Since: 1.0
 */
const char *
resp_audit_code_to_string (RespAuditCode code)
{
  g_return_val_if_fail ((guint) code < RESP_N_AUDIT_CODES, NULL);
  return resp_audit_codes[code].name;
}

/**
 * resp_category_to_string:
 * @category: a #RespCategory
 *
 * Names a value as the JSON formats spell it.
 *
 * Returns: the JSON name of @category, e.g. `primary_leadership`
 *
 * Since: 1.0
 */
const char *
resp_category_to_string (RespCategory category)
{
  g_return_val_if_fail ((guint) category < RESP_N_CATEGORIES, NULL);
  return resp_categories[category].name;
}

/**
 * resp_verdict_status_to_string:
 * @status: a #RespVerdictStatus
 *
 * Names a value as the JSON formats spell it.
 *
 * Returns: the JSON name of @status, e.g. `triggered`
 *
 * Since: 1.0
 */
const char *
resp_verdict_status_to_string (RespVerdictStatus status)
{
  g_return_val_if_fail ((guint) status < RESP_N_VERDICT_STATUSES, NULL);
  return resp_verdict_statuses[status].name;
}

/**
 * resp_slot_status_to_string:
 * @status: a #RespSlotStatus
 *
 * Names a value as the JSON formats spell it.
 *
 * Returns: the JSON name of @status, e.g. `unfulfilled`
 *
 * Since: 1.0
 */
const char *
resp_slot_status_to_string (RespSlotStatus status)
{
  g_return_val_if_fail ((guint) status < RESP_N_SLOT_STATUSES, NULL);
  return resp_slot_statuses[status].name;
}

/**
 * resp_notice_status_to_string:
 * @status: a #RespNoticeStatus
 *
 * Names a value as the JSON formats spell it.
 *
 * Returns: the JSON name of @status, e.g. `overdue`
 *
 * Since: 1.0
 */
const char *
resp_notice_status_to_string (RespNoticeStatus status)
{
  g_return_val_if_fail ((guint) status < RESP_N_NOTICE_STATUSES, NULL);
  return resp_notice_statuses[status].name;
}

/**
 * resp_hop_status_to_string:
 * @status: a #RespHopStatus
 *
 * Names a value as the JSON formats spell it.
 *
 * Returns: the JSON name of @status, e.g. `not_required`
 *
 * Since: 1.0
 */
const char *
resp_hop_status_to_string (RespHopStatus status)
{
  static const char * const names[RESP_N_HOP_STATUSES] = {
    [RESP_HOP_IN_TIME] = "in_time", [RESP_HOP_LATE] = "late", [RESP_HOP_MISSING] = "missing",
    [RESP_HOP_NOT_REQUIRED] = "not_required", [RESP_HOP_UNKNOWN] = "unknown",
  };

  g_return_val_if_fail ((guint) status < RESP_N_HOP_STATUSES, NULL);
  return names[status];
}
