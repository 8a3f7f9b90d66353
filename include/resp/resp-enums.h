/* resp-enums.h: the vocabulary of the model
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__RESP_H_INSIDE__) && !defined(RESP_COMPILATION)
#error "Only <resp/resp.h> can be included directly."
#endif

#include <glib.h>

#include "resp-version-macros.h"

G_BEGIN_DECLS

/**
 * RespNodeType:
 * @RESP_NODE_REGION: a region (地区), `region`
 * @RESP_NODE_COMMITTEE: a Party committee or Party group (党委/党组), `committee`
 * @RESP_NODE_UNIT: a unit or department (单位/部门), `unit`
 * @RESP_NODE_PERSON: a person (人员), `person`
 * @RESP_NODE_SYSTEM: a network and information system (网络和信息系统), `system`
 * @RESP_NODE_SECTOR: a sector (行业/领域), `sector`
 *
 * The type of a node in a model.
 *
 * Since: 1.0
 */
typedef enum {
  RESP_NODE_REGION,
  RESP_NODE_COMMITTEE,
  RESP_NODE_UNIT,
  RESP_NODE_PERSON,
  RESP_NODE_SYSTEM,
  RESP_NODE_SECTOR,
} RespNodeType;

/**
 * RespRelation:
 * @RESP_REL_WITHIN: region → parent region
 * @RESP_REL_LOCATED_IN: unit → its region
 * @RESP_REL_LEADS: committee → the region or unit it bears 主体责任 for
 * @RESP_REL_UNDER: unit → superior unit (主管单位)
 * @RESP_REL_OPERATES: unit → system it operates (网络运营者)
 * @RESP_REL_IN_SECTOR: system or unit → its sector
 * @RESP_REL_REGULATES: unit → sector it regulates (行业主管监管部门)
 * @RESP_REL_COORDINATES: unit → region it coordinates (网信部门), or → unit whose
 *   own 网信 working body it is (本部门网信工作机构)
 * @RESP_REL_MEMBER: person → committee (a seat on the leadership team)
 * @RESP_REL_HEADS: person → unit (主要负责人)
 * @RESP_REL_SECURITY_LEAD: person → unit or system (网络安全负责人)
 * @RESP_REL_STAFF: person → unit or system (informational)
 * @RESP_REL_MANAGES: committee → committee (有管理权限的党组织)
 * @RESP_REL_SPONSORS: unit → system it is the organ of (主办单位), where
 *   another unit operates it (承办单位)
 * @RESP_REL_PUBLIC_SECURITY: unit → region whose public security organ
 *   (公安机关) it is; one per region at any instant
 * @RESP_REL_STATE_SECURITY: unit → region whose state security organ
 *   (国家安全机关) it is; one per region at any instant
 * @RESP_REL_AUDITS: unit → region whose audit office (审计机关) it is; one
 *   per region at any instant
 * @RESP_REL_CADRE_OFFICE: unit → committee whose cadre department
 *   (干部主管部门, usually its 组织部) it is; one per committee at any instant
 * @RESP_REL_PROTECTS: unit → system or sector it is the critical
 *   information infrastructure protection department (保护工作部门) of
 *
 * The type of a relation. The JSON name is the nick, e.g. `located_in`.
 *
 * Since: 1.0
 */
typedef enum {
  RESP_REL_WITHIN,
  RESP_REL_LOCATED_IN, /*< nick=located_in >*/
  RESP_REL_LEADS,
  RESP_REL_UNDER,
  RESP_REL_OPERATES,
  RESP_REL_IN_SECTOR, /*< nick=in_sector >*/
  RESP_REL_REGULATES,
  RESP_REL_COORDINATES,
  RESP_REL_MEMBER,
  RESP_REL_HEADS,
  RESP_REL_SECURITY_LEAD, /*< nick=security_lead >*/
  RESP_REL_STAFF,
  RESP_REL_MANAGES,
  RESP_REL_SPONSORS,
  RESP_REL_PUBLIC_SECURITY, /*< nick=public_security >*/
  RESP_REL_STATE_SECURITY, /*< nick=state_security >*/
  RESP_REL_AUDITS,
  RESP_REL_CADRE_OFFICE, /*< nick=cadre_office >*/
  RESP_REL_PROTECTS,
} RespRelation;

/**
 * RespSeat:
 * @RESP_SEAT_NONE: not a `member` relation
 * @RESP_SEAT_MAIN_LEADER: 主要负责人, 第一责任人, `main_leader`
 * @RESP_SEAT_CYBER_LEAD: 主管网络安全的班子成员, 直接责任人, `cyber_lead`
 * @RESP_SEAT_MEMBER: other member of the leadership team, `member`
 *
 * The `role` of a `member` relation.
 *
 * Since: 1.0
 */
typedef enum {
  RESP_SEAT_NONE,
  RESP_SEAT_MAIN_LEADER, /*< nick=main_leader >*/
  RESP_SEAT_CYBER_LEAD, /*< nick=cyber_lead >*/
  RESP_SEAT_MEMBER,
} RespSeat;

/**
 * RespRole:
 * @RESP_ROLE_OPERATOR: units that operate the system (a unit is its own operator)
 * @RESP_ROLE_CHAIN: the operator and its superiors through `under`
 * @RESP_ROLE_COMMITTEE: the committee bearing 主体责任 for the subject
 * @RESP_ROLE_FIRST_RESPONSIBLE: the committee's `main_leader` (第一责任人)
 * @RESP_ROLE_DIRECT_RESPONSIBLE: the committee's `cyber_lead` (直接责任人)
 * @RESP_ROLE_TEAM_MEMBER: the committee's other members
 * @RESP_ROLE_SECURITY_LEAD: the system's (else the operator's) 网络安全负责人
 * @RESP_ROLE_UNIT_HEAD: the operator's head
 * @RESP_ROLE_INVOLVED: the event's 当事人
 * @RESP_ROLE_REGULATOR: the sector regulators (指导监管责任)
 * @RESP_ROLE_REGULATOR_HEAD: heads of the regulators
 * @RESP_ROLE_REGIONAL_SUPERVISOR: without a regulator, the region committee's
 *   main leader and cyber lead (Art. 4 fallback)
 * @RESP_ROLE_COORDINATOR: the coordinating cybersecurity office (网信部门)
 * @RESP_ROLE_COORDINATOR_HEAD: heads of the coordinator
 * @RESP_ROLE_AUTHORITY: the committee(s) that carry out accountability
 * @RESP_ROLE_PROPOSER: the office(s) that may propose accountability
 * @RESP_ROLE_PROTECTION_DEPT: the critical information infrastructure
 *   protection department(s) (保护工作部门): of the system, else of its
 *   sectors nearest up the operator's regions, else the regulators
 * @RESP_ROLE_PUBLIC_SECURITY: the public security organ (公安机关) of the
 *   operator's region, nearest up
 * @RESP_ROLE_STATE_SECURITY: the state security organ (国家安全机关) of the
 *   operator's region, nearest up
 * @RESP_ROLE_AUDIT_OFFICE: the audit office (审计机关) of the operator's
 *   region, nearest up
 *
 * A duty role, resolved at an instant from a subject (model.md, "Roles"). The JSON
 * name is the nick, e.g. `first_responsible`. Note that
 * %RESP_ROLE_DIRECT_RESPONSIBLE (直接责任人, a role) is not the `direct`
 * category (直接责任).
 *
 * Since: 1.0
 */
typedef enum {
  RESP_ROLE_OPERATOR,
  RESP_ROLE_CHAIN,
  RESP_ROLE_COMMITTEE,
  RESP_ROLE_FIRST_RESPONSIBLE, /*< nick=first_responsible >*/
  RESP_ROLE_DIRECT_RESPONSIBLE, /*< nick=direct_responsible >*/
  RESP_ROLE_TEAM_MEMBER, /*< nick=team_member >*/
  RESP_ROLE_SECURITY_LEAD, /*< nick=security_lead >*/
  RESP_ROLE_UNIT_HEAD, /*< nick=unit_head >*/
  RESP_ROLE_INVOLVED,
  RESP_ROLE_REGULATOR,
  RESP_ROLE_REGULATOR_HEAD, /*< nick=regulator_head >*/
  RESP_ROLE_REGIONAL_SUPERVISOR, /*< nick=regional_supervisor >*/
  RESP_ROLE_COORDINATOR,
  RESP_ROLE_COORDINATOR_HEAD, /*< nick=coordinator_head >*/
  RESP_ROLE_AUTHORITY,
  RESP_ROLE_PROPOSER,
  RESP_ROLE_PROTECTION_DEPT, /*< nick=protection_dept >*/
  RESP_ROLE_PUBLIC_SECURITY, /*< nick=public_security >*/
  RESP_ROLE_STATE_SECURITY, /*< nick=state_security >*/
  RESP_ROLE_AUDIT_OFFICE, /*< nick=audit_office >*/
} RespRole;

/**
 * RESP_N_ROLES:
 *
 * The number of values of #RespRole.
 *
 * Since: 1.0
 */
#define RESP_N_ROLES 20

/**
 * RespAuditCode:
 * @RESP_AUDIT_COMMITTEE_WITHOUT_MAIN_LEADER: `committee_without_main_leader`
 * @RESP_AUDIT_COMMITTEE_WITHOUT_CYBER_LEAD: `committee_without_cyber_lead`
 * @RESP_AUDIT_REGION_WITHOUT_COMMITTEE: `region_without_committee`
 * @RESP_AUDIT_REGION_WITHOUT_COORDINATOR: `region_without_coordinator`
 * @RESP_AUDIT_UNIT_WITHOUT_COMMITTEE: `unit_without_committee`
 * @RESP_AUDIT_SYSTEM_WITHOUT_OPERATOR: `system_without_operator`
 * @RESP_AUDIT_SYSTEM_WITHOUT_SECURITY_LEAD: `system_without_security_lead`
 * @RESP_AUDIT_SECTOR_WITHOUT_REGULATOR: `sector_without_regulator`
 * @RESP_AUDIT_POST_VACANT: `post_vacant`
 *
 * The kind of an audit finding (model.md, "Audit").
 *
 * Since: 1.0
 */
typedef enum {
  RESP_AUDIT_COMMITTEE_WITHOUT_MAIN_LEADER, /*< nick=committee_without_main_leader >*/
  RESP_AUDIT_COMMITTEE_WITHOUT_CYBER_LEAD, /*< nick=committee_without_cyber_lead >*/
  RESP_AUDIT_REGION_WITHOUT_COMMITTEE, /*< nick=region_without_committee >*/
  RESP_AUDIT_REGION_WITHOUT_COORDINATOR, /*< nick=region_without_coordinator >*/
  RESP_AUDIT_UNIT_WITHOUT_COMMITTEE, /*< nick=unit_without_committee >*/
  RESP_AUDIT_SYSTEM_WITHOUT_OPERATOR, /*< nick=system_without_operator >*/
  RESP_AUDIT_SYSTEM_WITHOUT_SECURITY_LEAD, /*< nick=system_without_security_lead >*/
  RESP_AUDIT_SECTOR_WITHOUT_REGULATOR, /*< nick=sector_without_regulator >*/
  RESP_AUDIT_POST_VACANT, /*< nick=post_vacant >*/
} RespAuditCode;

/**
 * RespFormat:
 * @RESP_FORMAT_TEXT: for people, in Chinese legal terms
 * @RESP_FORMAT_JSON: for programs, in the shapes model.md and verdicts.md give
 * @RESP_FORMAT_DOT: a Graphviz picture of the chains
 * @RESP_FORMAT_CSV: comma-separated values (RFC 4180) for spreadsheets: the
 *   slots of a duty report
 *
 * An output format of the renderers.
 *
 * Since: 1.0
 */
typedef enum {
  RESP_FORMAT_TEXT,
  RESP_FORMAT_JSON,
  RESP_FORMAT_DOT,
  RESP_FORMAT_CSV,
} RespFormat;

/**
 * RespSlotStatus:
 * @RESP_SLOT_FULFILLED: `fulfilled`: the record shows enough evidence
 * @RESP_SLOT_UNFULFILLED: `unfulfilled`: a complete record shows too little
 * @RESP_SLOT_OPEN: `open`: the period has not ended at the query instant
 * @RESP_SLOT_PARTIAL: `partial`: the duty or the bearer covers only part of
 *   the period; listed, never judged
 * @RESP_SLOT_UNKNOWN: `unknown`: the record is not complete, or whether the
 *   duty applies is not known
 *
 * The status of a duty slot (duties.md, SPEC §8.3).
 *
 * Since: 1.0
 */
typedef enum {
  RESP_SLOT_FULFILLED,
  RESP_SLOT_UNFULFILLED,
  RESP_SLOT_OPEN,
  RESP_SLOT_PARTIAL,
  RESP_SLOT_UNKNOWN,
} RespSlotStatus;

/**
 * RespNoticeStatus:
 * @RESP_NOTICE_RECTIFIED: `rectified`: answered at or before its due date
 * @RESP_NOTICE_LATE: `late`: answered, but only after its due date
 * @RESP_NOTICE_OPEN: `open`: not answered, and not yet due
 * @RESP_NOTICE_OVERDUE: `overdue`: not answered, past due, and the record of
 *   rectifications is complete since the notice
 * @RESP_NOTICE_UNKNOWN: `unknown`: not answered on a record that is not
 *   complete
 *
 * The status of a notice (通报的问题和风险隐患) at the query instant
 * (duties.md, SPEC §8.4).
 *
 * Since: 1.0
 */
typedef enum {
  RESP_NOTICE_RECTIFIED,
  RESP_NOTICE_LATE,
  RESP_NOTICE_OPEN,
  RESP_NOTICE_OVERDUE,
  RESP_NOTICE_UNKNOWN,
} RespNoticeStatus;

/**
 * RespHopStatus:
 * @RESP_HOP_IN_TIME: `in_time`: a report was made at or before the deadline
 * @RESP_HOP_LATE: `late` (迟报): owed, and made only after the deadline
 * @RESP_HOP_MISSING: `missing` (漏报): owed, and not made
 * @RESP_HOP_NOT_REQUIRED: `not_required`: nothing was owed
 * @RESP_HOP_UNKNOWN: `unknown`: what was owed or done is not known
 *
 * The status of one (reporter, recipient) hop of an event's timeline, the
 * first that applies in this order: not required, unknown (no `reports`),
 * in time, unknown, late, missing (verdicts.md, SPEC §9.3).
 *
 * Since: 1.0
 */
typedef enum {
  RESP_HOP_IN_TIME, /*< nick=in_time >*/
  RESP_HOP_LATE,
  RESP_HOP_MISSING,
  RESP_HOP_NOT_REQUIRED, /*< nick=not_required >*/
  RESP_HOP_UNKNOWN,
} RespHopStatus;

/**
 * RespCategory:
 * @RESP_CATEGORY_DIRECT: 直接责任, `direct`
 * @RESP_CATEGORY_PRIMARY_LEADERSHIP: 主要领导责任, `primary_leadership`
 * @RESP_CATEGORY_IMPORTANT_LEADERSHIP: 重要领导责任, `important_leadership`
 *
 * A category of responsibility, most severe first.
 *
 * Since: 1.0
 */
typedef enum {
  RESP_CATEGORY_DIRECT,
  RESP_CATEGORY_PRIMARY_LEADERSHIP, /*< nick=primary_leadership >*/
  RESP_CATEGORY_IMPORTANT_LEADERSHIP, /*< nick=important_leadership >*/
} RespCategory;

/**
 * RespVerdictStatus:
 * @RESP_VERDICT_TRIGGERED: some circumstance holds
 * @RESP_VERDICT_UNDETERMINED: none holds, but some is undetermined
 * @RESP_VERDICT_NOT_TRIGGERED: no circumstance holds or could hold
 *
 * The status of a verdict (verdicts.md).
 *
 * Since: 1.0
 */
typedef enum {
  RESP_VERDICT_TRIGGERED,
  RESP_VERDICT_UNDETERMINED,
  RESP_VERDICT_NOT_TRIGGERED, /*< nick=not_triggered >*/
} RespVerdictStatus;

/**
 * RespCircumstanceStatus:
 * @RESP_CIRCUMSTANCE_HOLDS: `holds`
 * @RESP_CIRCUMSTANCE_DOES_NOT_HOLD: `does_not_hold`
 * @RESP_CIRCUMSTANCE_UNDETERMINED: `undetermined`: depends on absent facts
 *
 * The three-valued status of a circumstance.
 *
 * Since: 1.0
 */
typedef enum {
  RESP_CIRCUMSTANCE_HOLDS,
  RESP_CIRCUMSTANCE_DOES_NOT_HOLD, /*< nick=does_not_hold >*/
  RESP_CIRCUMSTANCE_UNDETERMINED,
} RespCircumstanceStatus;

RESP_AVAILABLE_IN_1_0
const char *resp_category_to_string    (RespCategory category);
RESP_AVAILABLE_IN_1_0
const char *resp_verdict_status_to_string (RespVerdictStatus status);

RESP_AVAILABLE_IN_1_0
const char *resp_node_type_to_string   (RespNodeType type);
RESP_AVAILABLE_IN_1_0
const char *resp_relation_to_string    (RespRelation rel);
RESP_AVAILABLE_IN_1_0
const char *resp_seat_to_string        (RespSeat seat);
RESP_AVAILABLE_IN_1_0
const char *resp_role_to_string        (RespRole role);
RESP_AVAILABLE_IN_1_0
gboolean    resp_role_from_string      (const char *name,
                                        RespRole   *role);
RESP_AVAILABLE_IN_1_0
const char *resp_audit_code_to_string  (RespAuditCode code);
RESP_AVAILABLE_IN_1_0
const char *resp_slot_status_to_string (RespSlotStatus status);
RESP_AVAILABLE_IN_1_0
const char *resp_notice_status_to_string (RespNoticeStatus status);
RESP_AVAILABLE_IN_1_0
const char *resp_hop_status_to_string  (RespHopStatus status);

G_END_DECLS
