/* test-vocab.c: the vocabulary tables against the public enums
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The tables of resp-vocab.c have a row per value of a public enum, and
 * the registered GEnum's nicks are the JSON names. A value added to an
 * enum without its row (or a row without its value) fails here; the
 * compile-time size checks cannot see a value added past the last one the
 * table knows.
 */
#include "config.h"

#include <string.h>

#include "test-common.h"
#include "resp-vocab-private.h"

/* The enum's values are 0 .. n_rows - 1, and each nick is what name()
 * gives for the value: the JSON name. */
static void
check_enum (GType type, guint n_rows, const char *(*name) (guint value))
{
  GEnumClass *klass = g_type_class_ref (type);

  CU_ASSERT_EQUAL (klass->n_values, n_rows);
  CU_ASSERT_EQUAL (klass->minimum, 0);
  CU_ASSERT_EQUAL (klass->maximum, (gint) n_rows - 1);
  for (guint i = 0; i < klass->n_values; i++)
    {
      const GEnumValue *v = &klass->values[i];
      char *what = g_strdup_printf ("%s: nick '%s', JSON name '%s'", v->value_name, v->value_nick,
                                    name ((guint) v->value));

      test_report_at (__LINE__, g_strcmp0 (v->value_nick, name ((guint) v->value)) == 0, what);
      g_free (what);
    }
  g_type_class_unref (klass);
}

static const char *node_type_name (guint v) { return resp_node_type_to_string (v); }
static const char *relation_name (guint v) { return resp_relation_to_string (v); }
static const char *seat_name (guint v) { return resp_seat_to_string (v); }
static const char *role_name (guint v) { return resp_role_to_string (v); }
static const char *audit_code_name (guint v) { return resp_audit_code_to_string (v); }
static const char *category_name (guint v) { return resp_category_to_string (v); }
static const char *verdict_status_name (guint v) { return resp_verdict_status_to_string (v); }
static const char *circumstance_status_name (guint v) { return resp_circumstance_status_names[v]; }
static const char *slot_status_name (guint v) { return resp_slot_status_to_string (v); }
static const char *notice_status_name (guint v) { return resp_notice_status_to_string (v); }

static void
test_enums_match_tables (void)
{
  check_enum (RESP_TYPE_NODE_TYPE, RESP_N_NODE_TYPES, node_type_name);
  check_enum (RESP_TYPE_RELATION, RESP_N_RELATIONS, relation_name);
  check_enum (RESP_TYPE_SEAT, RESP_N_SEATS, seat_name);
  check_enum (RESP_TYPE_ROLE, RESP_N_ROLES, role_name);
  check_enum (RESP_TYPE_AUDIT_CODE, RESP_N_AUDIT_CODES, audit_code_name);
  check_enum (RESP_TYPE_CATEGORY, RESP_N_CATEGORIES, category_name);
  check_enum (RESP_TYPE_VERDICT_STATUS, RESP_N_VERDICT_STATUSES, verdict_status_name);
  check_enum (RESP_TYPE_CIRCUMSTANCE_STATUS, RESP_N_CIRCUMSTANCE_STATUSES,
              circumstance_status_name);
  check_enum (RESP_TYPE_SLOT_STATUS, RESP_N_SLOT_STATUSES, slot_status_name);
  check_enum (RESP_TYPE_NOTICE_STATUS, RESP_N_NOTICE_STATUSES, notice_status_name);
}

/* The JSON names the formats fix (SPEC §3.2, §4.3, §5), spelled out here
 * once more: a table that drifted would still agree with its enum. */
static void
test_json_names (void)
{
  CU_ASSERT_STRING_EQUAL (resp_relation_to_string (RESP_REL_LOCATED_IN), "located_in");
  CU_ASSERT_STRING_EQUAL (resp_relation_to_string (RESP_REL_SECURITY_LEAD), "security_lead");
  CU_ASSERT_STRING_EQUAL (resp_seat_to_string (RESP_SEAT_MAIN_LEADER), "main_leader");
  CU_ASSERT_STRING_EQUAL (resp_role_to_string (RESP_ROLE_REGIONAL_SUPERVISOR), "regional_supervisor");
  CU_ASSERT_STRING_EQUAL (resp_audit_code_to_string (RESP_AUDIT_POST_VACANT), "post_vacant");
  CU_ASSERT_STRING_EQUAL (resp_category_to_string (RESP_CATEGORY_PRIMARY_LEADERSHIP),
                          "primary_leadership");
  CU_ASSERT_STRING_EQUAL (resp_verdict_status_to_string (RESP_VERDICT_NOT_TRIGGERED), "not_triggered");
  CU_ASSERT_STRING_EQUAL (resp_slot_status_to_string (RESP_SLOT_UNFULFILLED), "unfulfilled");
  CU_ASSERT_STRING_EQUAL (resp_notice_status_to_string (RESP_NOTICE_OVERDUE), "overdue");
}

/* What the other tables say about each row. */
static void
test_rows_agree (void)
{
  /* a seat's role is a role whose seat is that seat */
  for (guint s = RESP_SEAT_MAIN_LEADER; s < RESP_N_SEATS; s++)
    CU_ASSERT_EQUAL (resp_roles[resp_seats[s].role].seat, s);
  /* a node type's enumerated attribute is one the loader knows */
  for (guint t = 0; t < RESP_N_NODE_TYPES; t++)
    if (resp_node_types[t].attr != NULL)
      CU_ASSERT_TRUE (resp_node_types[t].attr->n_values > 0 &&
                      resp_node_types[t].attr->fallback < resp_node_types[t].attr->n_values);
  /* a relation goes between node types that exist, and a cardinality limit
   * is of a relation that has the seat it names */
  for (guint r = 0; r < RESP_N_RELATIONS; r++)
    CU_ASSERT_TRUE (resp_relations[r].from != 0 && resp_relations[r].to != 0 &&
                    (resp_relations[r].from | resp_relations[r].to) < RESP_TYPE_BIT (RESP_N_NODE_TYPES));
  for (guint k = 0; k < RESP_N_CARDINALITIES; k++)
    CU_ASSERT_TRUE (resp_cardinalities[k].seat == RESP_SEAT_NONE ||
                    resp_relations[resp_cardinalities[k].rel].takes_seat);
  /* every row has its words */
  for (guint r = 0; r < RESP_N_ROLES; r++)
    CU_ASSERT_TRUE (resp_roles[r].label_zh[0] != '\0');
  for (guint c = 0; c < RESP_N_AUDIT_CODES; c++)
    CU_ASSERT_TRUE (resp_audit_codes[c].label_zh[0] != '\0' && resp_audit_codes[c].basis[0] != '\0');
}

static CU_TestInfo tests[] = {
  { "enums match the tables, nicks are JSON names", test_enums_match_tables },
  { "JSON names", test_json_names },
  { "rows agree with each other", test_rows_agree },
  CU_TEST_INFO_NULL,
};

int
main (void)
{
  return test_main_suite ("vocabulary", NULL, NULL, tests);
}
