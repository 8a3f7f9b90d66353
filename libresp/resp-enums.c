/* resp-enums.c: names of the model's vocabulary, as the JSON formats spell them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "resp-enums-private.h"

const char * const resp_node_type_names[RESP_N_NODE_TYPES] = {
  "region", "committee", "unit", "person", "system", "sector",
};

const char * const resp_relation_names[RESP_N_RELATIONS] = {
  "within", "located_in", "leads", "under", "operates", "in_sector", "regulates",
  "coordinates", "member", "heads", "security_lead", "staff", "manages",
};

const char * const resp_seat_names[RESP_N_SEATS] = {
  "none", "main_leader", "cyber_lead", "member",
};

const char * const resp_role_names[RESP_N_ROLES] = {
  "operator", "chain", "committee", "first_responsible", "direct_responsible",
  "team_member", "security_lead", "unit_head", "involved", "regulator",
  "regulator_head", "regional_supervisor", "coordinator", "coordinator_head",
  "authority", "proposer",
};

/* The terms of the measures (实施办法) and the accountability regulations, for
 * text that officials read. 直接责任人 is a duty role, never the 直接责任
 * category. */
const char * const resp_role_labels_zh[RESP_N_ROLES] = {
  "网络运营者", "主管链条", "负主体责任的党委（党组）", "第一责任人", "直接责任人",
  "领导班子成员", "网络安全负责人", "单位主要负责人", "当事人", "行业主管监管部门",
  "主管监管部门主要负责人", "所在地区（指导监管责任）", "网信部门", "网信部门主要负责人",
  "有管理权限的党组织", "问责建议机关",
};

const char * const resp_node_type_labels_zh[RESP_N_NODE_TYPES] = {
  "地区", "党委（党组）", "单位", "人员", "网络和信息系统", "行业领域",
};

const char * const resp_seat_labels_zh[RESP_N_SEATS] = {
  "", "主要负责人（第一责任人）", "主管网络安全的班子成员（直接责任人）", "领导班子成员",
};

const char * const resp_audit_code_names[RESP_N_AUDIT_CODES] = {
  "committee_without_main_leader", "committee_without_cyber_lead",
  "region_without_committee", "region_without_coordinator", "unit_without_committee",
  "system_without_operator", "system_without_security_lead", "sector_without_regulator",
  "post_vacant",
};

const char * const resp_category_names[RESP_N_CATEGORIES] = {
  "direct", "primary_leadership", "important_leadership",
};

const char * const resp_category_labels_zh[RESP_N_CATEGORIES] = {
  "直接责任", "主要领导责任", "重要领导责任",
};

const char * const resp_verdict_status_names[3] = {
  "triggered", "undetermined", "not_triggered",
};

const char * const resp_verdict_status_labels_zh[3] = {
  "触发问责情形", "尚不能确定（缺少事实）", "未触发问责情形",
};

const char * const resp_circumstance_status_names[3] = {
  "holds", "does_not_hold", "undetermined",
};

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

int
resp_name_lookup (const char * const *names, guint n, const char *name)
{
  for (guint i = 0; i < n; i++)
    if (names[i][0] == name[0] && strcmp (names[i], name) == 0)
      return (int) i;
  return -1;
}

/* Levenshtein distance, capped: returns cap+1 as soon as it must exceed cap. */
static guint
edit_distance (const char *a, const char *b, guint cap)
{
  gsize la = strlen (a), lb = strlen (b);
  guint row[65];

  if (la > 64 || lb > 64)
    return cap + 1;
  if ((la > lb ? la - lb : lb - la) > cap)
    return cap + 1;
  for (gsize j = 0; j <= lb; j++)
    row[j] = (guint) j;
  for (gsize i = 1; i <= la; i++)
    {
      guint diag = row[0], best;
      row[0] = (guint) i;
      best = row[0];
      for (gsize j = 1; j <= lb; j++)
        {
          guint up = row[j];
          guint v = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + (a[i - 1] != b[j - 1]));
          diag = up;
          row[j] = v;
          best = MIN (best, v);
        }
      if (best > cap)
        return cap + 1;
    }
  return row[lb];
}

const char *
resp_suggest (const char * const *names, guint n, const char *name)
{
  const char *best = NULL;
  guint best_d, cap;

  cap = strlen (name) <= 3 ? 1 : strlen (name) <= 8 ? 2 : 3;
  best_d = cap + 1;
  for (guint i = 0; i < n; i++)
    {
      guint d;
      if (names[i] == NULL)
        continue;
      d = edit_distance (name, names[i], cap);
      if (d < best_d)
        {
          best_d = d;
          best = names[i];
        }
    }
  return best;
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
  return resp_node_type_names[type];
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
  return resp_relation_names[rel];
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
  return resp_seat_names[seat];
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
  return resp_role_names[role];
}

/**
 * resp_role_from_string:
 * @name: a role name such as `security_lead`
 * @role: (out): the role
 *
 * Finds the role a name stands for.
 *
 * Returns: %TRUE if @name is a role of SPEC §4.3
 *
 * Since: 1.0
 */
gboolean
resp_role_from_string (const char *name,
                       RespRole   *role)
{
  int i;

  g_return_val_if_fail (name != NULL, FALSE);
  i = resp_name_lookup (resp_role_names, RESP_N_ROLES, name);
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
  return resp_audit_code_names[code];
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
  return resp_category_names[category];
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
  g_return_val_if_fail ((guint) status < 3, NULL);
  return resp_verdict_status_names[status];
}
