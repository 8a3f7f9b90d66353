/* test-model.c: loading models, every error class with its code and position
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "test-common.h"
#include "resp-model-load-private.h"
#include "resp-limits-private.h"

/* The cases are written in JSON as it is, and named model.json; */
static const TestLoader model_loader = { TEST_INPUT_MODEL, "model.json", FALSE };
/* m.json, where one test finds several errors */
static const TestLoader m_loader = { TEST_INPUT_MODEL, "m.json", FALSE };

/* A valid set of nodes, one per line, that cases refer to. */
#define STD_NODES \
  "  {\"id\": \"r\", \"type\": \"region\", \"name\": \"县\", \"level\": \"county\"},\n" \
  "  {\"id\": \"r2\", \"type\": \"region\", \"name\": \"市\", \"level\": \"prefectural\"},\n" \
  "  {\"id\": \"k\", \"type\": \"committee\", \"name\": \"县委\", \"form\": \"party_committee\"},\n" \
  "  {\"id\": \"u\", \"type\": \"unit\", \"name\": \"单位\"},\n" \
  "  {\"id\": \"u2\", \"type\": \"unit\", \"name\": \"单位二\", \"kind\": \"government\"},\n" \
  "  {\"id\": \"u3\", \"type\": \"unit\", \"name\": \"单位三\"},\n" \
  "  {\"id\": \"p\", \"type\": \"person\", \"name\": \"甲\"},\n" \
  "  {\"id\": \"p2\", \"type\": \"person\", \"name\": \"乙\"},\n" \
  "  {\"id\": \"s\", \"type\": \"system\", \"name\": \"网站\", \"kind\": \"party_gov_portal\", \"cii\": true, \"protection_level\": 3},\n" \
  "  {\"id\": \"x\", \"type\": \"sector\", \"name\": \"政务\"}\n"

/* The relation under test sits on line 3, before the nodes it names. */
#define REL_MODEL(rel) \
  "{\"format\": \"libresp/model/1\",\n" \
  " \"relations\": [\n" \
  rel "\n" \
  " ],\n" \
  " \"nodes\": [\n" \
  STD_NODES \
  " ]}\n"

/* The node under test sits on line 3. */
#define NODE_MODEL(node) \
  "{\"format\": \"libresp/model/1\",\n" \
  " \"nodes\": [\n" \
  node ",\n" \
  STD_NODES \
  " ]}\n"

/* Two relations under test, on lines 3 and 4. */
#define REL2_MODEL(a, b) \
  "{\"format\": \"libresp/model/1\",\n" \
  " \"relations\": [\n" \
  a ",\n" \
  b "\n" \
  " ],\n" \
  " \"nodes\": [\n" \
  STD_NODES \
  " ]}\n"

static const TestErrorCase error_cases[] = {
  /* malformed JSON */
  { "syntax", "{\"format\": \"libresp/model/1\",\n \"nodes\": [\n  {\"id\": \"a\" \"type\": \"region\"}]}",
    RESP_ERROR_MALFORMED_JSON, 3, 14, "" },
  { "empty file", "", RESP_ERROR_MALFORMED_JSON, 1, 1, "" },
  { "whitespace only", "  \n ", RESP_ERROR_MALFORMED_JSON, 0, 0, "" },
  { "trailing data", "{\"format\": \"libresp/model/1\"} x", RESP_ERROR_MALFORMED_JSON, 1, 31, "" },
  { "invalid utf-8", "{\"format\": \"libresp/model/1\", \"name\": \"\xff\"}", RESP_ERROR_MALFORMED_JSON, 1, 0, "" },
  { "duplicate key", "{\"format\": \"libresp/model/1\", \"format\": \"x\"}",
    RESP_ERROR_DUPLICATE_KEY, 1, 31, "format" },
  { "duplicate node key", NODE_MODEL ("  {\"id\": \"a\", \"type\": \"unit\", \"id\": \"b\", \"name\": \"A\"}"),
    RESP_ERROR_DUPLICATE_KEY, 3, 31, "id" },
  /* format */
  { "missing format", "{\"nodes\": []}", RESP_ERROR_FORMAT, 1, 1, "missing 'format'" },
  { "unsupported format", "{\"format\": \"libresp/model/2\"}", RESP_ERROR_FORMAT, 1, 12, "unsupported format" },
  { "format not a string", "{\"format\": 1}", RESP_ERROR_FORMAT, 1, 12, "format" },
  /* the model's name as a node's: output would cut it at a NUL */
  { "model name with NUL", "{\"format\": \"libresp/model/1\", \"name\": \"ab\\u0000cd\"}",
    RESP_ERROR_BAD_VALUE, 1, 39, "'name' must be a string without NUL characters" },
  { "not an object", "[1]", RESP_ERROR_FORMAT, 1, 1, "JSON object" },
  /* duplicate id */
  { "duplicate id", NODE_MODEL ("  {\"id\": \"u\", \"type\": \"unit\", \"name\": \"U\"}"),
    RESP_ERROR_DUPLICATE_ID, 7, 10, "duplicate id 'u' (first defined at line 3, column 10)" },
  /* unknown type, relation, role, attribute */
  { "unknown type", NODE_MODEL ("  {\"id\": \"a\", \"type\": \"regoin\", \"name\": \"A\"}"),
    RESP_ERROR_UNKNOWN_TYPE, 3, 23, "did you mean 'region'?" },
  { "unknown relation", REL_MODEL ("  {\"rel\": \"leds\", \"from\": \"k\", \"to\": \"r\"}"),
    RESP_ERROR_UNKNOWN_RELATION, 3, 11, "did you mean 'leads'?" },
  { "unknown role", REL_MODEL ("  {\"rel\": \"member\", \"from\": \"p\", \"to\": \"k\", \"role\": \"boss\"}"),
    RESP_ERROR_UNKNOWN_ROLE, 3, 53, "unknown role 'boss'" },
  { "role near miss", REL_MODEL ("  {\"rel\": \"member\", \"from\": \"p\", \"to\": \"k\", \"role\": \"main_leadr\"}"),
    RESP_ERROR_UNKNOWN_ROLE, 3, 53, "did you mean 'main_leader'?" },
  { "unknown attribute", NODE_MODEL ("  {\"id\": \"a\", \"type\": \"unit\", \"name\": \"U\", \"knd\": \"government\"}"),
    RESP_ERROR_UNKNOWN_ATTRIBUTE, 3, 44, "did you mean 'kind'?" },
  /* two letters swapped are one edit, however short the word */
  { "swapped letters", NODE_MODEL ("  {\"id\": \"a\", \"type\": \"unit\", \"name\": \"U\", \"di\": 1}"),
    RESP_ERROR_UNKNOWN_ATTRIBUTE, 3, 44, "unknown attribute 'di' (did you mean 'id'?)" },
  { "attribute of another type", NODE_MODEL ("  {\"id\": \"a\", \"type\": \"unit\", \"name\": \"U\", \"level\": \"county\"}"),
    RESP_ERROR_UNKNOWN_ATTRIBUTE, 3, 44, "'level' is not an attribute of a unit" },
  { "unknown top-level key", "{\"format\": \"libresp/model/1\", \"nodse\": []}",
    RESP_ERROR_UNKNOWN_ATTRIBUTE, 1, 31, "did you mean 'nodes'?" },
  { "role on a non-member relation", REL_MODEL ("  {\"rel\": \"heads\", \"from\": \"p\", \"to\": \"u\", \"role\": \"member\"}"),
    RESP_ERROR_UNKNOWN_ATTRIBUTE, 3, 44, "only to 'member'" },
  { "unknown relation attribute", REL_MODEL ("  {\"rel\": \"heads\", \"from\": \"p\", \"to\": \"u\", \"snice\": \"2020-01-01\"}"),
    RESP_ERROR_UNKNOWN_ATTRIBUTE, 3, 44, "did you mean 'since'?" },
  /* bad attribute value */
  { "bad level", NODE_MODEL ("  {\"id\": \"a\", \"type\": \"region\", \"name\": \"A\", \"level\": \"city\"}"),
    RESP_ERROR_BAD_VALUE, 3, 55, "not a valid level" },
  { "bad protection level", NODE_MODEL ("  {\"id\": \"a\", \"type\": \"system\", \"name\": \"A\", \"protection_level\": 6}"),
    RESP_ERROR_BAD_VALUE, 3, 66, "1 to 5" },
  { "bad cii", NODE_MODEL ("  {\"id\": \"a\", \"type\": \"system\", \"name\": \"A\", \"cii\": \"yes\"}"),
    RESP_ERROR_BAD_VALUE, 3, 53, "true or false" },
  { "empty name", NODE_MODEL ("  {\"id\": \"a\", \"type\": \"sector\", \"name\": \"\"}"),
    RESP_ERROR_BAD_VALUE, 3, 41, "non-empty" },
  { "id with a space", NODE_MODEL ("  {\"id\": \"a b\", \"type\": \"sector\", \"name\": \"A\"}"),
    RESP_ERROR_BAD_VALUE, 3, 10, "whitespace" },
  { "id too long", NODE_MODEL ("  {\"id\": \"" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                                   "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                                   "\", \"type\": \"sector\", \"name\": \"A\"}"),
    RESP_ERROR_BAD_VALUE, 3, 10, "256 bytes" },
  { "extra not an object", NODE_MODEL ("  {\"id\": \"a\", \"type\": \"sector\", \"name\": \"A\", \"extra\": [1]}"),
    RESP_ERROR_BAD_VALUE, 3, 55, "'extra' must be an object" },
  { "node not an object", "{\"format\": \"libresp/model/1\",\n \"nodes\": [\n  \"r\"]}",
    RESP_ERROR_BAD_VALUE, 3, 3, "must be an object" },
  /* missing keys */
  { "node without name", NODE_MODEL ("  {\"id\": \"a\", \"type\": \"sector\"}"),
    RESP_ERROR_MISSING_KEY, 3, 3, "missing 'name'" },
  { "region without level", NODE_MODEL ("  {\"id\": \"a\", \"type\": \"region\", \"name\": \"A\"}"),
    RESP_ERROR_MISSING_KEY, 3, 3, "needs a 'level'" },
  { "member without role", REL_MODEL ("  {\"rel\": \"member\", \"from\": \"p\", \"to\": \"k\"}"),
    RESP_ERROR_MISSING_KEY, 3, 3, "needs a 'role'" },
  { "relation without to", REL_MODEL ("  {\"rel\": \"heads\", \"from\": \"p\"}"),
    RESP_ERROR_MISSING_KEY, 3, 3, "missing 'to'" },
  /* dangling reference, wrong endpoint */
  { "dangling reference", REL_MODEL ("  {\"rel\": \"member\", \"from\": \"p\", \"to\": \"k-ctiy\", \"role\": \"member\"}"),
    RESP_ERROR_DANGLING_REFERENCE, 3, 40, "relation 'member' from 'p': unknown node 'k-ctiy'" },
  { "dangling from", REL_MODEL ("  {\"rel\": \"member\", \"from\": \"q\", \"to\": \"k\", \"role\": \"member\"}"),
    RESP_ERROR_DANGLING_REFERENCE, 3, 29, "unknown node 'q'" },
  { "wrong endpoint from", REL_MODEL ("  {\"rel\": \"within\", \"from\": \"u\", \"to\": \"r\"}"),
    RESP_ERROR_WRONG_ENDPOINT, 3, 29, "'u' is a unit" },
  { "wrong endpoint to", REL_MODEL ("  {\"rel\": \"operates\", \"from\": \"u\", \"to\": \"x\"}"),
    RESP_ERROR_WRONG_ENDPOINT, 3, 42, "'x' is a sector" },
  /* the organs of a region, the cadre office, the protection department */
  { "public security from a person", REL_MODEL ("  {\"rel\": \"public_security\", \"from\": \"p\", \"to\": \"r\"}"),
    RESP_ERROR_WRONG_ENDPOINT, 3, 38,
    "relation 'public_security' from 'p': 'p' is a person, but 'public_security' goes from a unit" },
  { "public security to a unit", REL_MODEL ("  {\"rel\": \"public_security\", \"from\": \"u\", \"to\": \"u2\"}"),
    RESP_ERROR_WRONG_ENDPOINT, 3, 49,
    "relation 'public_security' from 'u': 'u2' is a unit, but 'public_security' goes to a region" },
  { "state security to a committee", REL_MODEL ("  {\"rel\": \"state_security\", \"from\": \"u\", \"to\": \"k\"}"),
    RESP_ERROR_WRONG_ENDPOINT, 3, 48,
    "relation 'state_security' from 'u': 'k' is a committee, but 'state_security' goes to a region" },
  { "state security from a committee", REL_MODEL ("  {\"rel\": \"state_security\", \"from\": \"k\", \"to\": \"r\"}"),
    RESP_ERROR_WRONG_ENDPOINT, 3, 37, "'k' is a committee, but 'state_security' goes from a unit" },
  { "audits to a system", REL_MODEL ("  {\"rel\": \"audits\", \"from\": \"u\", \"to\": \"s\"}"),
    RESP_ERROR_WRONG_ENDPOINT, 3, 40,
    "relation 'audits' from 'u': 's' is a system, but 'audits' goes to a region" },
  { "audits from a region", REL_MODEL ("  {\"rel\": \"audits\", \"from\": \"r2\", \"to\": \"r\"}"),
    RESP_ERROR_WRONG_ENDPOINT, 3, 29, "'r2' is a region, but 'audits' goes from a unit" },
  { "cadre office to a region", REL_MODEL ("  {\"rel\": \"cadre_office\", \"from\": \"u\", \"to\": \"r\"}"),
    RESP_ERROR_WRONG_ENDPOINT, 3, 46,
    "relation 'cadre_office' from 'u': 'r' is a region, but 'cadre_office' goes to a committee" },
  { "cadre office from a committee", REL_MODEL ("  {\"rel\": \"cadre_office\", \"from\": \"k\", \"to\": \"k\"}"),
    RESP_ERROR_WRONG_ENDPOINT, 3, 35, "'k' is a committee, but 'cadre_office' goes from a unit" },
  { "protects a unit", REL_MODEL ("  {\"rel\": \"protects\", \"from\": \"u\", \"to\": \"u2\"}"),
    RESP_ERROR_WRONG_ENDPOINT, 3, 42,
    "relation 'protects' from 'u': 'u2' is a unit, but 'protects' goes to a system or a sector" },
  { "protects from a person", REL_MODEL ("  {\"rel\": \"protects\", \"from\": \"p\", \"to\": \"s\"}"),
    RESP_ERROR_WRONG_ENDPOINT, 3, 31, "'p' is a person, but 'protects' goes from a unit" },
  /* dates */
  { "bad date", REL_MODEL ("  {\"rel\": \"located_in\", \"from\": \"u\", \"to\": \"r\", \"since\": \"2026-02-30\"}"),
    RESP_ERROR_BAD_DATE, 3, 58, "no such date" },
  { "date-time without offset", REL_MODEL ("  {\"rel\": \"located_in\", \"from\": \"u\", \"to\": \"r\", \"since\": \"2026-02-03T10:00:00\"}"),
    RESP_ERROR_BAD_DATE, 3, 58, "offset" },
  { "empty interval", REL_MODEL ("  {\"rel\": \"located_in\", \"from\": \"u\", \"to\": \"r\", \"since\": \"2026-01-01\", \"until\": \"2026-01-01\"}"),
    RESP_ERROR_EMPTY_INTERVAL, 3, 81, "empty interval" },
  { "reversed interval", REL_MODEL ("  {\"rel\": \"located_in\", \"from\": \"u\", \"to\": \"r\", \"since\": \"2026-01-02\", \"until\": \"2026-01-01\"}"),
    RESP_ERROR_EMPTY_INTERVAL, 3, 81, "empty interval" },
  /* cycles */
  { "cycle in within", REL2_MODEL ("  {\"rel\": \"within\", \"from\": \"r\", \"to\": \"r2\"}",
                                   "  {\"rel\": \"within\", \"from\": \"r2\", \"to\": \"r\"}"),
    RESP_ERROR_CYCLE, 4, 3, "closes a cycle 'r2' → 'r' → 'r2'" },
  { "self loop", REL_MODEL ("  {\"rel\": \"under\", \"from\": \"u\", \"to\": \"u\"}"),
    RESP_ERROR_CYCLE, 3, 3, "closes a cycle" },
  { "dated cycle", REL2_MODEL ("  {\"rel\": \"under\", \"from\": \"u\", \"to\": \"u2\", \"since\": \"2020-01-01\", \"until\": \"2023-01-01\"}",
                               "  {\"rel\": \"under\", \"from\": \"u2\", \"to\": \"u\", \"since\": \"2022-06-01\"}"),
    RESP_ERROR_CYCLE, 4, 3, "all live from 2022-06-01" },
  /* cardinality */
  { "two main leaders", REL2_MODEL ("  {\"rel\": \"member\", \"from\": \"p\", \"to\": \"k\", \"role\": \"main_leader\", \"since\": \"2020-01-01\", \"until\": \"2023-01-01\"}",
                                    "  {\"rel\": \"member\", \"from\": \"p2\", \"to\": \"k\", \"role\": \"main_leader\", \"since\": \"2022-01-01\"}"),
    RESP_ERROR_CARDINALITY, 4, 3, "two main leaders at once: 'p' (line 3) and 'p2' overlap from 2022-01-01 until 2023-01-01" },
  { "later in file, earlier in time", REL2_MODEL ("  {\"rel\": \"heads\", \"from\": \"p2\", \"to\": \"u\", \"since\": \"2022-01-01\"}",
                                                  "  {\"rel\": \"heads\", \"from\": \"p\", \"to\": \"u\", \"since\": \"2020-01-01\", \"until\": \"2023-01-01\"}"),
    RESP_ERROR_CARDINALITY, 4, 3, "two heads" },
  { "two parent regions", REL2_MODEL ("  {\"rel\": \"within\", \"from\": \"r\", \"to\": \"r2\"}",
                                      "  {\"rel\": \"within\", \"from\": \"r\", \"to\": \"r2\", \"since\": \"2024-01-01\"}"),
    RESP_ERROR_CARDINALITY, 4, 3, "two parent regions" },
  { "two committees lead a scope", REL2_MODEL ("  {\"rel\": \"leads\", \"from\": \"k\", \"to\": \"r\"}",
                                               "  {\"rel\": \"leads\", \"from\": \"k\", \"to\": \"u\"}"),
    RESP_ERROR_CARDINALITY, 4, 3, "leads two scopes" },
  { "two superiors", REL2_MODEL ("  {\"rel\": \"under\", \"from\": \"u\", \"to\": \"u2\"}",
                                 "  {\"rel\": \"under\", \"from\": \"u\", \"to\": \"u3\"}"),
    RESP_ERROR_CARDINALITY, 4, 3, "two superior units" },
  { "two regions of a unit", REL2_MODEL ("  {\"rel\": \"located_in\", \"from\": \"u\", \"to\": \"r\"}",
                                         "  {\"rel\": \"located_in\", \"from\": \"u\", \"to\": \"r2\"}"),
    RESP_ERROR_CARDINALITY, 4, 3, "located in two regions" },
  { "two public security organs", REL2_MODEL ("  {\"rel\": \"public_security\", \"from\": \"u\", \"to\": \"r\", \"until\": \"2024-07-01\"}",
                                             "  {\"rel\": \"public_security\", \"from\": \"u2\", \"to\": \"r\", \"since\": \"2024-01-01\"}"),
    RESP_ERROR_CARDINALITY, 4, 3,
    "relation 'public_security' from 'u2': region 'r' has two public security organs at once: 'u' (line 3) and 'u2' overlap from 2024-01-01 until 2024-07-01" },
  { "two state security organs", REL2_MODEL ("  {\"rel\": \"state_security\", \"from\": \"u\", \"to\": \"r2\"}",
                                             "  {\"rel\": \"state_security\", \"from\": \"u3\", \"to\": \"r2\"}"),
    RESP_ERROR_CARDINALITY, 4, 3,
    "relation 'state_security' from 'u3': region 'r2' has two state security organs at once: 'u' (line 3) and 'u3' overlap from (open) until (open)" },
  { "two audit offices", REL2_MODEL ("  {\"rel\": \"audits\", \"from\": \"u2\", \"to\": \"r\", \"since\": \"2022-01-01\"}",
                                     "  {\"rel\": \"audits\", \"from\": \"u3\", \"to\": \"r\", \"since\": \"2020-01-01\", \"until\": \"2023-01-01\"}"),
    RESP_ERROR_CARDINALITY, 4, 3,
    "relation 'audits' from 'u3': region 'r' has two audit offices at once: 'u2' (line 3) and 'u3' overlap from 2022-01-01 until 2023-01-01" },
  { "two cadre offices", REL2_MODEL ("  {\"rel\": \"cadre_office\", \"from\": \"u\", \"to\": \"k\"}",
                                     "  {\"rel\": \"cadre_office\", \"from\": \"u2\", \"to\": \"k\", \"since\": \"2025-03-01\"}"),
    RESP_ERROR_CARDINALITY, 4, 3,
    "relation 'cadre_office' from 'u2': committee 'k' has two cadre offices at once: 'u' (line 3) and 'u2' overlap from 2025-03-01 until (open)" },
};

static void
test_error_cases (void)
{
  test_expect_errors (&model_loader, error_cases);
}

static void
test_error_message_format (void)
{
  GError *error = NULL;
  RespModel *m = resp_model_new_from_data (REL_MODEL ("  {\"rel\": \"member\", \"from\": \"p\", \"to\": \"k-ctiy\", \"role\": \"member\"}"),
                                           -1, "model.json", NULL, &error);

  CU_ASSERT_PTR_NULL (m);
  CU_ASSERT_STRING_EQUAL (error->message,
                          "model.json:3:40: relation 'member' from 'p': unknown node 'k-ctiy'");
  g_error_free (error);
}

static void
test_all_errors_in_one_pass (void)
{
  const char *json = "{\"format\": \"libresp/model/1\",\n"
                     " \"nodes\": [\n"
                     "  {\"id\": \"a\", \"type\": \"regoin\", \"name\": \"A\"},\n"
                     "  {\"id\": \"b\", \"type\": \"unit\"},\n"
                     "  {\"id\": \"c\", \"type\": \"unit\", \"name\": \"C\"}\n"
                     " ],\n"
                     " \"relations\": [\n"
                     "  {\"rel\": \"under\", \"from\": \"c\", \"to\": \"zz\"},\n"
                     "  {\"rel\": \"heads\", \"from\": \"c\", \"to\": \"c\"}\n"
                     " ]}\n";
  static const TestDiagnostic want[] = {
    { RESP_ERROR_UNKNOWN_TYPE, 3, 23 },
    { RESP_ERROR_MISSING_KEY, 4, 3 },
    { RESP_ERROR_DANGLING_REFERENCE, 8, 39 },
    { RESP_ERROR_WRONG_ENDPOINT, 9, 28 },
  };
  test_refuse (&m_loader, json, want);
}

static void
test_error_cap (void)
{
  GString *json = g_string_new ("{\"format\": \"libresp/model/1\", \"nodes\": [\n");
  GPtrArray *diags = NULL;
  GError *error = NULL;
  RespModel *m;

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (json, "%s{\"id\": \"n%u\", \"type\": \"bogus\", \"name\": \"N\"}\n",
                            i ? "," : "", i);
  g_string_append (json, "]}");
  m = resp_model_new_from_data (json->str, (gssize) json->len, "big.json", &diags, &error);
  CU_ASSERT_PTR_NULL (m);
  CU_ASSERT (diags->len <= 101);
  CU_ASSERT_EQUAL (resp_diagnostic_get_code (diags->pdata[diags->len - 1]), RESP_ERROR_LIMIT);
  g_ptr_array_unref (diags);
  g_error_free (error);
  g_string_free (json, TRUE);
}

static void
test_columns_count_code_points (void)
{
  /* 区 is three bytes but one column; the BOM counts for nothing */
  const char *json = "\xEF\xBB\xBF{\"format\": \"libresp/model/1\", \"name\": \"区区\", \"x\": 1}";
  static const TestDiagnostic want[] = {
    { RESP_ERROR_UNKNOWN_ATTRIBUTE, 1, 45 },
  };
  test_refuse (&m_loader, json, want);
}

static void
test_valid_model (void)
{
  GPtrArray *diags = NULL;
  GError *error = NULL;
  RespModel *m = resp_model_new_from_data ("\xEF\xBB\xBF" REL_MODEL ("  {\"rel\": \"heads\", \"from\": \"p\", \"to\": \"u\", \"since\": null, \"until\": \"2026-01-01T00:00:00Z\"}"),
                                           -1, "ok.json", &diags, &error);
  RespNodeType type;

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  CU_ASSERT_PTR_NULL (error);
  CU_ASSERT_EQUAL (diags->len, 0);
  CU_ASSERT_EQUAL (resp_model_get_n_nodes (m), 10);
  CU_ASSERT_EQUAL (resp_model_get_n_relations (m), 1);
  CU_ASSERT (resp_model_has_node (m, "s"));
  CU_ASSERT (!resp_model_has_node (m, "nope"));
  CU_ASSERT (resp_model_get_node_type (m, "k", &type));
  CU_ASSERT_EQUAL (type, RESP_NODE_COMMITTEE);
  CU_ASSERT_STRING_EQUAL (resp_model_get_node_name (m, "r"), "县");
  CU_ASSERT_STRING_EQUAL (resp_model_get_node_attribute (m, "r2", "level"), "prefectural");
  CU_ASSERT_STRING_EQUAL (resp_model_get_node_attribute (m, "u", "kind"), "other");
  CU_ASSERT_STRING_EQUAL (resp_model_get_node_attribute (m, "u2", "kind"), "government");
  CU_ASSERT_STRING_EQUAL (resp_model_get_node_attribute (m, "s", "cii"), "true");
  CU_ASSERT_STRING_EQUAL (resp_model_get_node_attribute (m, "s", "protection_level"), "3");
  CU_ASSERT_PTR_NULL (resp_model_get_node_attribute (m, "u", "level"));
  CU_ASSERT_EQUAL (resp_model_count_nodes_of_type (m, RESP_NODE_UNIT), 3);
  {
    char **units = resp_model_dup_node_ids (m, RESP_NODE_UNIT);
    CU_ASSERT_EQUAL (g_strv_length (units), 3);
    CU_ASSERT_STRING_EQUAL (units[0], "u");
    CU_ASSERT_STRING_EQUAL (units[2], "u3");
    g_strfreev (units);
  }
  CU_ASSERT_STRING_EQUAL (resp_model_get_source (m), "ok.json");
  g_ptr_array_unref (diags);
  resp_model_unref (m);
}

static void
test_extra_kept (void)
{
  RespModel *m = resp_model_new_from_data (NODE_MODEL ("  {\"id\": \"a\", \"type\": \"system\", \"name\": \"A\", \"extra\": {\"owner\": \"市政府\", \"n\": [1, 2]}}"),
                                           -1, NULL, NULL, NULL);

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  CU_ASSERT_STRING_EQUAL (resp_model_get_node_extra (m, "a"), "{\"owner\": \"市政府\", \"n\": [1, 2]}");
  CU_ASSERT_PTR_NULL (resp_model_get_node_extra (m, "s"));
  resp_model_unref (m);
}

/* json loads as a model, without an error */
static void
expect_loads_at (int         caller,
                 const char *json)
{
  GError *error = NULL;
  RespModel *m = resp_model_new_from_data (json, -1, NULL, NULL, &error);

  test_report_at (caller, m != NULL, "the model loads");
  test_report_at (caller, error == NULL, "no error");
  g_clear_pointer (&m, resp_model_unref);
  g_clear_error (&error);
}
#define expect_loads(json) expect_loads_at (__LINE__, (json))

static void
test_adjacent_intervals_are_legal (void)
{
  /* [2020, 2022) then [2022, …): no overlap at 2022-01-01 (half-open) */
  expect_loads (REL2_MODEL ("  {\"rel\": \"member\", \"from\": \"p\", \"to\": \"k\", \"role\": \"main_leader\", \"since\": \"2020-01-01\", \"until\": \"2022-01-01\"}",
                            "  {\"rel\": \"member\", \"from\": \"p2\", \"to\": \"k\", \"role\": \"main_leader\", \"since\": \"2022-01-01\"}"));

  /* one public security organ after another; the same unit the audit
   * office of two regions (the limit is one per region, not per unit) */
  expect_loads (REL2_MODEL ("  {\"rel\": \"public_security\", \"from\": \"u\", \"to\": \"r\", \"until\": \"2024-01-01\"}",
                            "  {\"rel\": \"public_security\", \"from\": \"u2\", \"to\": \"r\", \"since\": \"2024-01-01\"}"));
  expect_loads (REL2_MODEL ("  {\"rel\": \"audits\", \"from\": \"u\", \"to\": \"r\"}",
                            "  {\"rel\": \"audits\", \"from\": \"u\", \"to\": \"r2\"}"));
  /* protects has no limit: two protection departments of one system, and
   * of one sector, at once */
  expect_loads (REL2_MODEL ("  {\"rel\": \"protects\", \"from\": \"u\", \"to\": \"s\"}",
                            "  {\"rel\": \"protects\", \"from\": \"u2\", \"to\": \"s\"}"));
  expect_loads (REL2_MODEL ("  {\"rel\": \"protects\", \"from\": \"u\", \"to\": \"x\"}",
                            "  {\"rel\": \"protects\", \"from\": \"u2\", \"to\": \"x\"}"));

  /* a cycle whose relations never live together is no cycle */
  expect_loads (REL2_MODEL ("  {\"rel\": \"within\", \"from\": \"r\", \"to\": \"r2\", \"until\": \"2021-01-01\"}",
                            "  {\"rel\": \"within\", \"from\": \"r2\", \"to\": \"r\", \"since\": \"2021-01-01\"}"));
}

static void
test_long_chain (void)
{
  /* 200,000 units in one `under` chain, listed from the top down so that
   * every relation points at one defined later: no recursion, no quadratic
   * (past the default RespLimits.max_chain_depth, which is raised for it) */
  GString *json = g_string_new ("{\"format\": \"libresp/model/1\", \"relations\": [\n");
  const guint n = 200000;
  RespLimits limits = { 0 };
  GError *error = NULL;
  RespModel *m;
  RespRoles *roles;
  char **chain;

  for (guint i = 1; i < n; i++)
    g_string_append_printf (json, "%s{\"rel\": \"under\", \"from\": \"u%u\", \"to\": \"u%u\"}\n",
                            i > 1 ? "," : "", i, i - 1);
  g_string_append (json, "], \"nodes\": [\n");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"id\": \"u%u\", \"type\": \"unit\", \"name\": \"U\"}\n",
                            i ? "," : "", i);
  g_string_append (json, "]}");
  limits.max_chain_depth = n - 1;
  m = resp_model_new_from_data_full (json->str, (gssize) json->len, "chain.json", &limits, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  roles = resp_model_resolve_roles (m, "u199999", 0, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (roles);
  chain = resp_roles_dup_holders (roles, RESP_ROLE_CHAIN);
  CU_ASSERT_EQUAL (g_strv_length (chain), n);
  g_strfreev (chain);
  resp_roles_unref (roles);
  resp_model_unref (m);
  g_string_free (json, TRUE);
}

static void
test_file_errors (void)
{
  GPtrArray *diags = NULL;
  GError *error = NULL;
  RespModel *m = resp_model_new_from_file ("/nonexistent/model.json", &diags, &error);
  char *path;

  CU_ASSERT_PTR_NULL (m);
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_IO));
  CU_ASSERT_EQUAL (diags->len, 1);
  g_clear_error (&error);
  g_ptr_array_unref (diags);

  path = test_src_path ("examples/data/city.json");
  m = resp_model_new_from_file (path, NULL, &error);
  if (m == NULL)
    fprintf (stderr, "\n  %s\n", error->message);
  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  CU_ASSERT_STRING_EQUAL (resp_model_get_source (m), path);
  resp_model_unref (m);
  g_free (path);
}

/* One input that must be refused as a file kind: RESP_ERROR_IO naming it */
static void
expect_kind_refused_at (int caller, RespModel *m, GError *error, GPtrArray *diags, const char *kind)
{
  test_report_at (caller, m == NULL, "no model");
  test_report_at (caller, g_error_matches (error, RESP_ERROR, RESP_ERROR_IO), "an I/O error");
  test_report_at (caller, error != NULL && strstr (error->message, kind) != NULL, kind);
  test_report_at (caller, diags != NULL && diags->len == 1, "one diagnostic");
  if (m != NULL)
    resp_model_unref (m);
}

typedef struct {
  char *path;
  char *text;
} FifoWriter;

static gpointer
write_fifo (gpointer data)
{
  FifoWriter *w = data;
  int fd = open (w->path, O_WRONLY | O_CLOEXEC);   /* waits for the reader */

  if (fd >= 0)
    {
      gsize len = strlen (w->text), off = 0;

      while (off < len)
        {
          gssize n = write (fd, w->text + off, len - off);
          if (n <= 0)
            break;
          off += (gsize) n;
        }
      close (fd);
    }
  return NULL;
}

/* A device or a directory is refused before a byte is read (SPEC: an input
 * is a file); /dev/zero would otherwise be read up to max_file_bytes. A
 * pipe is read to its end. */
static void
test_file_kinds (void)
{
  static const char * const devices[] = { "/dev/zero", "/dev/null", "/dev/urandom" };
  RespLimits limits = { 0 };
  GPtrArray *diags = NULL;
  GError *error = NULL;
  RespModel *m;
  char *dir, *path, *fifo, *city;
  FifoWriter w;
  GThread *writer;

  CU_ASSERT_EQUAL_FATAL (test_city_init (), 0);
  /* small, so that a library that read them would fail fast, and otherwise */
  limits.max_file_bytes = 1 << 20;
  for (guint i = 0; i < G_N_ELEMENTS (devices); i++)
    {
      if (!g_file_test (devices[i], G_FILE_TEST_EXISTS))
        continue;
      m = resp_model_new_from_file_full (devices[i], &limits, &diags, &error);
      expect_kind_refused_at (__LINE__, m, error, diags, "a character device, not a regular file or a pipe");
      g_clear_error (&error);
      g_clear_pointer (&diags, g_ptr_array_unref);
      m = resp_model_new_from_file_with_flags (devices[i], RESP_MODEL_FLAGS_PRIVATE_COPY, &limits, &diags, &error);
      expect_kind_refused_at (__LINE__, m, error, diags, "a character device");
      g_clear_error (&error);
      g_clear_pointer (&diags, g_ptr_array_unref);
    }
  /* every kind of input goes the same way */
  CU_ASSERT_PTR_NULL (resp_rulebook_new_from_file_full ("/dev/zero", &limits, NULL, &error));
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_IO));
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (resp_event_batch_new_from_file_full (test_city_model, test_city_rulebook, "/dev/zero",
                                                           &limits, NULL, &error));
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_IO));
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (resp_record_new_from_file_full (test_city_model, test_city_rulebook, "/dev/zero",
                                                      &limits, NULL, &error));
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_IO));
  g_clear_error (&error);

  /* a directory */
  path = test_temp_path ("m.json", &dir);
  m = resp_model_new_from_file_full (dir, NULL, &diags, &error);
  expect_kind_refused_at (__LINE__, m, error, diags, "a directory, not a regular file or a pipe");
  g_clear_error (&error);
  g_clear_pointer (&diags, g_ptr_array_unref);

  /* a FIFO: read to its end, the same model as the file */
  fifo = g_build_filename (dir, "m.fifo", NULL);
  CU_ASSERT_EQUAL_FATAL (mkfifo (fifo, 0600), 0);
  city = test_src_path ("examples/data/city.json");
  w.path = fifo;
  CU_ASSERT_TRUE_FATAL (g_file_get_contents (city, &w.text, NULL, NULL));
  writer = g_thread_new ("fifo", write_fifo, &w);
  m = resp_model_new_from_file_full (fifo, NULL, NULL, &error);
  g_thread_join (writer);
  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  CU_ASSERT_EQUAL (resp_model_get_n_nodes (m), resp_model_get_n_nodes (test_city_model));
  resp_model_unref (m);
  g_unlink (fifo);
  g_free (fifo);
  g_free (w.text);
  g_free (city);
  test_remove_temp (path, dir);
  test_city_clean ();
}

static void
misuse_null_data (void)
{
  resp_model_new_from_data (NULL, 5, NULL, NULL, NULL);
}

static void
misuse_null_path (void)
{
  resp_model_new_from_file (NULL, NULL, NULL);
}

static void
misuse_null_model (void)
{
  resp_model_get_n_nodes (NULL);
}

/* The names of the vocabulary, as the model file writes them (SPEC §3.1,
 * §3.2), and its enums as GTypes with one value for each documented one */
static void
test_vocabulary (void)
{
  static const char * const node_types[] = {
    "region", "committee", "unit", "person", "system", "sector",
  };
  static const char * const relations[] = {
    "within", "located_in", "leads", "under", "operates", "in_sector", "regulates",
    "coordinates", "member", "heads", "security_lead", "staff", "manages", "sponsors",
    "public_security", "state_security", "audits", "cadre_office", "protects",
  };
  const struct {
    GType       type;
    const char *name;
    guint       n_values;
  } enums[] = {
    { RESP_TYPE_NODE_TYPE, "RespNodeType", G_N_ELEMENTS (node_types) },
    { RESP_TYPE_RELATION, "RespRelation", G_N_ELEMENTS (relations) },
    { RESP_TYPE_SEAT, "RespSeat", 4 },
    { RESP_TYPE_ROLE, "RespRole", RESP_N_ROLES },
    { RESP_TYPE_FORMAT, "RespFormat", 4 },
    { RESP_TYPE_SLOT_STATUS, "RespSlotStatus", 5 },
    { RESP_TYPE_NOTICE_STATUS, "RespNoticeStatus", 5 },
    { RESP_TYPE_HOP_STATUS, "RespHopStatus", 5 },
    { RESP_TYPE_CATEGORY, "RespCategory", 3 },
    { RESP_TYPE_VERDICT_STATUS, "RespVerdictStatus", 3 },
    { RESP_TYPE_CIRCUMSTANCE_STATUS, "RespCircumstanceStatus", 3 },
    { RESP_TYPE_AUDIT_CODE, "RespAuditCode", 9 },
    { RESP_TYPE_ERROR, "RespError", 33 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (node_types); i++)
    CU_ASSERT_STRING_EQUAL (resp_node_type_to_string ((RespNodeType) i), node_types[i]);
  for (guint i = 0; i < G_N_ELEMENTS (relations); i++)
    CU_ASSERT_STRING_EQUAL (resp_relation_to_string ((RespRelation) i), relations[i]);
  /* a member's role; RESP_SEAT_NONE is no seat */
  CU_ASSERT_STRING_EQUAL (resp_seat_to_string (RESP_SEAT_MAIN_LEADER), "main_leader");
  CU_ASSERT_STRING_EQUAL (resp_seat_to_string (RESP_SEAT_CYBER_LEAD), "cyber_lead");
  CU_ASSERT_STRING_EQUAL (resp_seat_to_string (RESP_SEAT_MEMBER), "member");

  for (guint i = 0; i < G_N_ELEMENTS (enums); i++)
    {
      GEnumClass *klass;

      CU_ASSERT_FATAL (G_TYPE_IS_ENUM (enums[i].type));
      CU_ASSERT_STRING_EQUAL (g_type_name (enums[i].type), enums[i].name);
      klass = g_type_class_ref (enums[i].type);
      CU_ASSERT_EQUAL (klass->n_values, enums[i].n_values);
      CU_ASSERT_EQUAL (klass->minimum, 0);
      CU_ASSERT_EQUAL (klass->maximum, (gint) enums[i].n_values - 1);
      g_type_class_unref (klass);
    }
}

static void
misuse_node_type (void)
{
  resp_node_type_to_string ((RespNodeType) 6);
}

static void
misuse_relation (void)
{
  resp_relation_to_string ((RespRelation) 19);
}

static void
misuse_seat (void)
{
  resp_seat_to_string ((RespSeat) 4);
}

static void
misuse_flags (void)
{
  resp_model_new_from_file_with_flags ("m.json", (RespModelFlags) (1 << 5), NULL, NULL, NULL);
}

/* static, so that the child that exits on the critical still reaches it */
static RespModel *volatile misuse_model;

static void
misuse_null_id (void)
{
  misuse_model = resp_model_new_from_data ("{\"format\": \"libresp/model/1\"}", -1, NULL, NULL, NULL);
  resp_model_has_node (misuse_model, NULL);
}

/* ---- the relations read in two halves ----
 *
 * A model with its nodes first and N units in an `under` chain, one
 * relation a line. bad names the relation to spoil (or -1) and how. */
#define SPLIT_UNITS 400

static char *
split_model (int bad, const char *how, const char *id_suffix)
{
  GString *s = g_string_new ("{\"format\": \"libresp/model/1\",\n \"nodes\": [\n"
                             "  {\"id\": \"r\", \"type\": \"region\", \"name\": \"县\", \"level\": \"county\"}");

  for (guint i = 0; i < SPLIT_UNITS; i++)
    g_string_append_printf (s, ",\n  {\"id\": \"u%u%s\", \"type\": \"unit\", \"name\": \"单位%u\"}",
                            i, id_suffix, i);
  g_string_append (s, "\n ],\n \"relations\": [\n");
  g_string_append_printf (s, "  {\"rel\": \"located_in\", \"from\": \"u0%s\", \"to\": \"r\"}", id_suffix);
  for (guint i = 1; i < SPLIT_UNITS; i++)
    {
      g_string_append (s, ",\n");
      if ((int) i == bad && strcmp (how, "dangling") == 0)
        g_string_append_printf (s, "  {\"rel\": \"under\", \"from\": \"u%u%s\", \"to\": \"nowhere\"}", i, id_suffix);
      else if ((int) i == bad && strcmp (how, "key") == 0)
        g_string_append_printf (s, "  {\"rel\": \"under\", \"from\": \"u%u%s\", \"to\": \"u%u%s\", \"sinse\": null}",
                                i, id_suffix, i - 1, id_suffix);
      else if ((int) i == bad && strcmp (how, "syntax") == 0)
        g_string_append_printf (s, "  {\"rel\": \"under\" \"from\": \"u%u%s\", \"to\": \"u%u%s\"}",
                                i, id_suffix, i - 1, id_suffix);
      else if ((int) i == bad && strcmp (how, "scalar") == 0)
        g_string_append (s, "  17");
      else if ((int) i == bad && strcmp (how, "cycle") == 0)
        g_string_append_printf (s, "  {\"rel\": \"under\", \"from\": \"u0%s\", \"to\": \"u%u%s\"}",
                                id_suffix, i, id_suffix);
      else
        g_string_append_printf (s, "  {\"rel\": \"under\", \"from\": \"u%u%s\", \"to\": \"u%u%s\"}",
                                i, id_suffix, i - 1, id_suffix);
    }
  g_string_append (s, "\n ]}\n");
  return g_string_free (s, FALSE);
}

/* Loads json (named m.json) as resp_model_new_from_data() would, with
 * the loader's options given. */
static RespModel *
load_with_options (const char *json, const RespModelLoadOptions *options,
                   GPtrArray **diagnostics, GError **error)
{
  RespLimits limits;

  resp_limits_resolve (NULL, &limits);
  return resp_model_load_internal (json, strlen (json), "m.json", &limits, options, NULL, NULL,
                                   diagnostics, error);
}

/* Loads json in one piece and forced into two halves: the same outcome,
 * diagnostic for diagnostic, and for a valid model the same snapshot.
 * Returns how many of the two loads used a second half. */
static gint
load_both_ways (const char *json)
{
  GPtrArray *d1 = NULL, *d2 = NULL;
  GError *e1 = NULL, *e2 = NULL;
  RespModel *m1, *m2;
  gint before = 0;
  RespModelLoadOptions whole, halves;

  resp_model_load_options_init (&whole);
  whole.split_min = G_MAXSIZE;
  resp_model_load_options_init (&halves);
  halves.split_min = 0;
  halves.splits_used = &before;
  m1 = load_with_options (json, &whole, &d1, &e1);
  m2 = load_with_options (json, &halves, &d2, &e2);

  CU_ASSERT_EQUAL_FATAL (m1 == NULL, m2 == NULL);
  if (m1 != NULL)
    {
      char *dir = g_dir_make_tmp ("resp-split-XXXXXX", NULL);
      char *p1 = g_build_filename (dir, "1.snap", NULL), *p2 = g_build_filename (dir, "2.snap", NULL);
      char *b1 = NULL, *b2 = NULL;
      gsize l1 = 0, l2 = 0;

      CU_ASSERT (resp_model_write_snapshot (m1, p1, NULL));
      CU_ASSERT (resp_model_write_snapshot (m2, p2, NULL));
      CU_ASSERT (g_file_get_contents (p1, &b1, &l1, NULL));
      CU_ASSERT (g_file_get_contents (p2, &b2, &l2, NULL));
      CU_ASSERT (l1 == l2 && l1 > 0 && memcmp (b1, b2, l1) == 0);
      g_unlink (p1);
      g_unlink (p2);
      g_rmdir (dir);
      g_free (b1);
      g_free (b2);
      g_free (p1);
      g_free (p2);
      g_free (dir);
      resp_model_unref (m1);
      resp_model_unref (m2);
    }
  else
    {
      CU_ASSERT_STRING_EQUAL (e1->message, e2->message);
      CU_ASSERT_EQUAL_FATAL (d1->len, d2->len);
      for (guint i = 0; i < d1->len; i++)
        {
          char *a = resp_diagnostic_to_string (d1->pdata[i]);
          char *b = resp_diagnostic_to_string (d2->pdata[i]);
          CU_ASSERT_STRING_EQUAL (a, b);
          CU_ASSERT_EQUAL (resp_diagnostic_get_code (d1->pdata[i]), resp_diagnostic_get_code (d2->pdata[i]));
          g_free (a);
          g_free (b);
        }
      g_ptr_array_unref (d1);
      g_ptr_array_unref (d2);
      g_error_free (e1);
      g_error_free (e2);
    }
  if (d1 != NULL && m1 != NULL)
    g_ptr_array_unref (d1);
  if (d2 != NULL && m2 != NULL)
    g_ptr_array_unref (d2);
  return before;
}

static void
test_split_valid (void)
{
  char *json = split_model (-1, "", "");

  /* the valid model is read in two halves, to the same model */
  CU_ASSERT_EQUAL (load_both_ways (json), 1);
  g_free (json);
}

static void
test_split_errors (void)
{
  static const struct { int bad; const char *how; gint split; } cases[] = {
    /* found after the parse, from positions either half recorded */
    { 300, "dangling", 1 },
    { 50, "dangling", 1 },
    { 350, "cycle", 1 },
    /* found by the second half itself: it is read again in order */
    { 300, "key", 0 },
    { 300, "syntax", 0 },
    { 300, "scalar", 0 },
    /* in the first half: the second half is still good */
    { 20, "key", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char *json = split_model (cases[i].bad, cases[i].how, "");
      gint used = load_both_ways (json);

      if (used != cases[i].split)
        fprintf (stderr, "\n  case %s at %d: second half used %d times\n", cases[i].how, cases[i].bad, used);
      CU_ASSERT_EQUAL (used, cases[i].split);
      g_free (json);
    }
}

/* Enough cardinality entries for the counting sort: a chain of units, each
 * with a head, and overlaps in a few groups (one of three entries whose
 * middle one starts first, so the order inside a group matters). */
static char *
card_model (void)
{
  GString *s = g_string_new ("{\"format\": \"libresp/model/1\",\n \"nodes\": [\n"
                             "  {\"id\": \"r\", \"type\": \"region\", \"name\": \"县\", \"level\": \"county\"}");

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (s, ",\n  {\"id\": \"u%u\", \"type\": \"unit\", \"name\": \"单位%u\"}"
                            ",\n  {\"id\": \"p%u\", \"type\": \"person\", \"name\": \"人%u\"}", i, i, i, i);
  g_string_append (s, "\n ],\n \"relations\": [\n"
                      "  {\"rel\": \"located_in\", \"from\": \"u0\", \"to\": \"r\"}");
  for (guint i = 0; i < 3000; i++)
    {
      if (i > 0)
        g_string_append_printf (s, ",\n  {\"rel\": \"under\", \"from\": \"u%u\", \"to\": \"u%u\"}", i, i - 1);
      g_string_append_printf (s, ",\n  {\"rel\": \"heads\", \"from\": \"p%u\", \"to\": \"u%u\", "
                                 "\"since\": \"2020-01-01\", \"until\": \"2022-01-01\"}", i, i);
    }
  /* a second superior for u100; two more heads of u2000, the later in the
   * file starting first; another head of u2999 overlapping its first */
  g_string_append (s, ",\n  {\"rel\": \"under\", \"from\": \"u100\", \"to\": \"u7\", \"since\": \"2021-06-01\"}"
                      ",\n  {\"rel\": \"heads\", \"from\": \"p1\", \"to\": \"u2000\", \"since\": \"2021-01-01\"}"
                      ",\n  {\"rel\": \"heads\", \"from\": \"p2\", \"to\": \"u2000\", \"since\": \"2019-01-01\", \"until\": \"2020-06-01\"}"
                      ",\n  {\"rel\": \"heads\", \"from\": \"p3\", \"to\": \"u2999\", \"since\": \"2021-12-01\"}");
  g_string_append (s, "\n ]}\n");
  return g_string_free (s, FALSE);
}

/* The cardinality entries sorted by counting and by comparison: the same
 * diagnostics, in the same order, with the same positions. */
static void
test_card_sort (void)
{
  char *json = card_model ();
  GPtrArray *d1 = NULL, *d2 = NULL;
  RespModelLoadOptions by_comparison, by_counting;

  resp_model_load_options_init (&by_comparison);
  by_comparison.card_sort_min = G_MAXUINT;
  resp_model_load_options_init (&by_counting);
  by_counting.card_sort_min = 0;
  CU_ASSERT_PTR_NULL (load_with_options (json, &by_comparison, &d1, NULL));
  CU_ASSERT_PTR_NULL (load_with_options (json, &by_counting, &d2, NULL));

  CU_ASSERT_EQUAL_FATAL (d1->len, 4);
  CU_ASSERT_EQUAL_FATAL (d2->len, d1->len);
  for (guint i = 0; i < d1->len; i++)
    {
      char *a = resp_diagnostic_to_string (d1->pdata[i]);
      char *b = resp_diagnostic_to_string (d2->pdata[i]);

      CU_ASSERT_STRING_EQUAL (a, b);
      CU_ASSERT_EQUAL (resp_diagnostic_get_code (d2->pdata[i]), RESP_ERROR_CARDINALITY);
      g_free (a);
      g_free (b);
    }
  g_ptr_array_unref (d1);
  g_ptr_array_unref (d2);
  g_free (json);
}

static void
test_split_false_boundary (void)
{
  /* every id holds "}," so that the boundary found near the middle may lie
   * inside a string: whatever the second half makes of it, the result is
   * that of a read in one piece */
  char *json = split_model (-1, "", "},x");

  load_both_ways (json);
  g_free (json);
  json = split_model (300, "dangling", "},x");
  load_both_ways (json);
  g_free (json);
}

static void
test_api_misuse (void)
{
  /* the loaders hand their arguments to their _full variants, which check
   * them: the assertion, wherever it sits */
  static const TestMisuse misuses[] = {
    { misuse_null_data, "assertion 'data != NULL || length == 0' failed" },
    { misuse_null_path, "assertion 'path != NULL' failed" },
    { misuse_null_model, "resp_model_get_n_nodes: assertion 'self != NULL' failed" },
    { misuse_null_id, "resp_model_has_node: assertion 'id != NULL' failed" },
    { misuse_flags, "resp_model_new_from_file_with_flags: assertion "
                    "'(flags & ~RESP_MODEL_FLAGS_PRIVATE_COPY) == 0' failed" },
    /* one past the last value of each */
    { misuse_node_type,
      "resp_node_type_to_string: assertion '(guint) type < RESP_N_NODE_TYPES' failed" },
    { misuse_relation,
      "resp_relation_to_string: assertion '(guint) rel < RESP_N_RELATIONS' failed" },
    { misuse_seat, "resp_seat_to_string: assertion '(guint) seat < RESP_N_SEATS' failed" },
  };

  test_misuses (misuses);
}

static CU_TestInfo tests[] = {
  { "every error class with code and position", test_error_cases },
  { "FILE:LINE:COL message", test_error_message_format },
  { "all errors in one pass", test_all_errors_in_one_pass },
  { "error count is capped", test_error_cap },
  { "columns count code points", test_columns_count_code_points },
  { "valid model and its getters", test_valid_model },
  { "extra kept as given", test_extra_kept },
  { "half-open intervals", test_adjacent_intervals_are_legal },
  { "a 200k-unit chain", test_long_chain },
  { "files", test_file_errors },
  { "devices and directories refused, pipes read", test_file_kinds },
  { "API misuse is caught", test_api_misuse },
  { "the names of the vocabulary", test_vocabulary },
  { "relations in two halves: the same model", test_split_valid },
  { "relations in two halves: the same errors", test_split_errors },
  { "cardinality entries sorted by counting", test_card_sort },
  { "relations in two halves: a boundary inside a string", test_split_false_boundary },
  CU_TEST_INFO_NULL,
};

int
main (void)
{
  return test_main_suite ("model", NULL, NULL, tests);
}
