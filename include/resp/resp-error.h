/* resp-error.h: the RESP_ERROR domain
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
 * RESP_ERROR:
 *
 * The error domain of libresp. Errors in it carry a #RespError code.
 *
 * Since: 1.0
 */
#define RESP_ERROR (resp_error_quark ())

/**
 * RespError:
 * @RESP_ERROR_FAILED: an error with no more specific code
 * @RESP_ERROR_IO: a file could not be read
 * @RESP_ERROR_MALFORMED_JSON: the input is not well-formed JSON (including
 *   invalid UTF-8, a misplaced byte-order mark, or an empty file)
 * @RESP_ERROR_DUPLICATE_KEY: a key appears twice in one JSON object
 * @RESP_ERROR_LIMIT: the input exceeds a configured limit (nesting depth,
 *   string length, file size, error count)
 * @RESP_ERROR_FORMAT: the `format` member is missing or not supported
 * @RESP_ERROR_MISSING_KEY: a required member is absent
 * @RESP_ERROR_DUPLICATE_ID: two nodes share one id
 * @RESP_ERROR_UNKNOWN_TYPE: a node `type` the model does not define
 * @RESP_ERROR_UNKNOWN_RELATION: a relation `rel` the model does not define
 * @RESP_ERROR_UNKNOWN_ROLE: a `member` role (or rulebook role) that does not exist
 * @RESP_ERROR_UNKNOWN_ATTRIBUTE: a member the object may not have
 * @RESP_ERROR_BAD_VALUE: a value of the wrong type or outside its allowed set
 * @RESP_ERROR_DANGLING_REFERENCE: a relation names a node the model does not have
 * @RESP_ERROR_WRONG_ENDPOINT: a relation connects nodes of the wrong types
 * @RESP_ERROR_BAD_DATE: a date or date-time that cannot be parsed or is out of range
 * @RESP_ERROR_EMPTY_INTERVAL: a relation with `since` ≥ `until`
 * @RESP_ERROR_CYCLE: relations of `within` or `under` form a cycle at some instant
 * @RESP_ERROR_CARDINALITY: more relations live at one instant than the model allows
 * @RESP_ERROR_NOT_FOUND: a query names a node the model does not have
 * @RESP_ERROR_INVALID_ARGUMENT: a query argument is not acceptable (a node of
 *   the wrong type, say)
 * @RESP_ERROR_UNKNOWN_FACT: an event names a fact the rulebook does not declare
 * @RESP_ERROR_UNKNOWN_OPERATOR: a rule condition uses an operator outside the
 *   JSON Logic subset of rulebook.md
 * @RESP_ERROR_UNKNOWN_VARIABLE: a rule condition reads a `var` that names no
 *   declared fact, parameter or model attribute
 * @RESP_ERROR_SNAPSHOT: a compiled snapshot is truncated, damaged, or of
 *   another version or machine layout
 * @RESP_ERROR_UNKNOWN_KIND: a record entry's `kind` (or a duty's evidence)
 *   names a record kind the rulebook does not declare
 * @RESP_ERROR_UNKNOWN_RULEBOOK: `extends` or a layer names no rulebook
 *   shipped with the library
 * @RESP_ERROR_BAD_DUE: a notice's `due` is not after its `at`
 * @RESP_ERROR_UNKNOWN_NOTICE: a rectification `answers` an id that is no
 *   notice of the record
 * @RESP_ERROR_NOTICE_ELSEWHERE: a rectification answers a notice to another
 *   node
 * @RESP_ERROR_UNKNOWN_GRADE: an event's `grade`, or a grade a rulebook's
 *   `reporting` names, is none of the rulebook's grades
 * @RESP_ERROR_UNKNOWN_REPORT_KIND: a report's `kind` is not `initial`,
 *   `supplement` or `summary`
 * @RESP_ERROR_CLOSED_BEFORE_DISCOVERED: an event's `closed_at` is before its
 *   `discovered_at`
 *
 * Error codes of the %RESP_ERROR domain: one per class of bad input.
 *
 * Since: 1.0
 */
typedef enum {
  RESP_ERROR_FAILED,
  RESP_ERROR_IO,
  RESP_ERROR_MALFORMED_JSON,
  RESP_ERROR_DUPLICATE_KEY,
  RESP_ERROR_LIMIT,
  RESP_ERROR_FORMAT,
  RESP_ERROR_MISSING_KEY,
  RESP_ERROR_DUPLICATE_ID,
  RESP_ERROR_UNKNOWN_TYPE,
  RESP_ERROR_UNKNOWN_RELATION,
  RESP_ERROR_UNKNOWN_ROLE,
  RESP_ERROR_UNKNOWN_ATTRIBUTE,
  RESP_ERROR_BAD_VALUE,
  RESP_ERROR_DANGLING_REFERENCE,
  RESP_ERROR_WRONG_ENDPOINT,
  RESP_ERROR_BAD_DATE,
  RESP_ERROR_EMPTY_INTERVAL,
  RESP_ERROR_CYCLE,
  RESP_ERROR_CARDINALITY,
  RESP_ERROR_NOT_FOUND,
  RESP_ERROR_INVALID_ARGUMENT,
  RESP_ERROR_UNKNOWN_FACT,
  RESP_ERROR_UNKNOWN_OPERATOR,
  RESP_ERROR_UNKNOWN_VARIABLE,
  RESP_ERROR_SNAPSHOT,
  RESP_ERROR_UNKNOWN_KIND,
  RESP_ERROR_UNKNOWN_RULEBOOK,
  RESP_ERROR_BAD_DUE,
  RESP_ERROR_UNKNOWN_NOTICE,
  RESP_ERROR_NOTICE_ELSEWHERE,
  RESP_ERROR_UNKNOWN_GRADE,
  RESP_ERROR_UNKNOWN_REPORT_KIND,
  RESP_ERROR_CLOSED_BEFORE_DISCOVERED,
} RespError;

RESP_AVAILABLE_IN_1_0
GQuark resp_error_quark (void);

G_END_DECLS
