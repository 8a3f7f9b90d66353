/* test-json-reader.c: tests for the JSON pull reader and its trees
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-common.h"
#include "resp-json-reader-private.h"
#include "resp-json-writer-private.h"
#include "resp-render-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- Helpers ---- */

/* Every input is copied to a heap block of exactly its length, so that a
 * read past the end (the reader must not expect a NUL) shows up under
 * valgrind and AddressSanitizer. */
typedef struct {
  RespJsonReader *reader;
  char           *copy;
} Input;

static Input
input_open_len (const char *json,
                gsize       len)
{
  Input in;

  in.copy = len > 0 ? g_memdup2 (json, len) : NULL;
  in.reader = resp_json_reader_new (in.copy, len);
  return in;
}

static Input
input_open (const char *json)
{
  return input_open_len (json, strlen (json));
}

static void
input_close (Input *in)
{
  resp_json_reader_free (in->reader);
  g_free (in->copy);
  in->reader = NULL;
  in->copy = NULL;
}

/* Reports a failed check at the caller's line, with details on stderr */
static void
check_at (int         caller,
          gboolean    ok,
          const char *what)
{
  CU_assertImplementation (ok ? CU_TRUE : CU_FALSE, caller, what, __FILE__, "", CU_FALSE);
}

/* Reads tokens until ERROR or EOF and checks the error, its position and
 * (unless NULL) its message. Then checks that the error sticks. */
static void
expect_error_len (int                   caller,
                  const char           *json,
                  gsize                 len,
                  RespJsonReaderStatus  status,
                  guint                 line,
                  guint                 column,
                  const char           *message,
                  guint                 max_depth,
                  gsize                 max_string)
{
  Input in = input_open_len (json, len);
  RespJsonToken token;
  gboolean ok;
  guint got_line, got_column;
  const char *got_message;

  if (max_depth != 0 || max_string != 0)
    resp_json_reader_set_limits (in.reader,
                                 max_depth ? max_depth : RESP_JSON_READER_DEFAULT_MAX_DEPTH,
                                 max_string ? max_string : RESP_JSON_READER_DEFAULT_MAX_STRING);

  do
    token = resp_json_reader_next (in.reader);
  while (token != RESP_JSON_TOKEN_ERROR && token != RESP_JSON_TOKEN_EOF);

  got_line = resp_json_reader_get_line (in.reader);
  got_column = resp_json_reader_get_column (in.reader);
  got_message = resp_json_reader_get_message (in.reader);
  ok = token == RESP_JSON_TOKEN_ERROR &&
       resp_json_reader_get_status (in.reader) == status &&
       got_line == line && got_column == column &&
       got_message != NULL && got_message[0] != '\0' &&
       (message == NULL || strcmp (got_message, message) == 0);
  if (!ok)
    fprintf (stderr, "\n  line %d: input \"%.*s\": got token %d status %d at %u:%u (%s); "
             "expected status %d at %u:%u (%s)\n",
             caller, (int) MIN (len, 80), json, token,
             resp_json_reader_get_status (in.reader), got_line, got_column,
             got_message ? got_message : "no message", status, line, column,
             message ? message : "any message");
  check_at (caller, ok, "expected error");

  /* Errors are final and keep their position */
  check_at (caller, resp_json_reader_next (in.reader) == RESP_JSON_TOKEN_ERROR &&
            resp_json_reader_get_line (in.reader) == got_line &&
            resp_json_reader_get_column (in.reader) == got_column,
            "error sticks");

  input_close (&in);
}

#define EXPECT_ERROR(json, status, line, column, message) \
  expect_error_len (__LINE__, json, sizeof (json) - 1, status, line, column, message, 0, 0)
#define EXPECT_ERROR_LIMITS(json, depth, string, status, line, column, message) \
  expect_error_len (__LINE__, json, sizeof (json) - 1, status, line, column, message, depth, string)

/* Reads the whole input and checks that it is accepted */
static void
expect_valid_len (int         caller,
                  const char *json,
                  gsize       len)
{
  Input in = input_open_len (json, len);
  RespJsonToken token;

  do
    token = resp_json_reader_next (in.reader);
  while (token != RESP_JSON_TOKEN_ERROR && token != RESP_JSON_TOKEN_EOF);

  if (token != RESP_JSON_TOKEN_EOF)
    fprintf (stderr, "\n  line %d: input \"%.*s\": %s at %u:%u\n", caller,
             (int) MIN (len, 80), json, resp_json_reader_get_message (in.reader),
             resp_json_reader_get_line (in.reader), resp_json_reader_get_column (in.reader));
  check_at (caller, token == RESP_JSON_TOKEN_EOF, "expected valid input");
  input_close (&in);
}

#define EXPECT_VALID(json) expect_valid_len (__LINE__, json, sizeof (json) - 1)

/* Reads one token and checks its kind and position */
static void
expect_token_at (int             caller,
                 RespJsonReader *reader,
                 RespJsonToken   expected,
                 guint           line,
                 guint           column)
{
  RespJsonToken token = resp_json_reader_next (reader);
  guint got_line = resp_json_reader_get_line (reader);
  guint got_column = resp_json_reader_get_column (reader);
  gboolean ok = token == expected && got_line == line && got_column == column;

  if (!ok)
    fprintf (stderr, "\n  line %d: got token %d at %u:%u (%s), expected %d at %u:%u\n",
             caller, token, got_line, got_column,
             token == RESP_JSON_TOKEN_ERROR ? resp_json_reader_get_message (reader) : "",
             expected, line, column);
  check_at (caller, ok, "expected token");
}

#define EXPECT_TOKEN(reader, token, line, column) \
  expect_token_at (__LINE__, reader, token, line, column)

static gboolean
string_is (RespJsonReader *reader,
           const char     *expected,
           gsize           expected_len)
{
  gsize len = 12345;
  const char *s = resp_json_reader_get_string (reader, &len);

  return s != NULL && len == expected_len && memcmp (s, expected, len) == 0 &&
         s[len] == '\0';
}


/* Reads one token, which must be token (at line:column, unless line is 0)
 * and carry the string or key expected */
static void
expect_string_at (int             caller,
                  RespJsonReader *reader,
                  RespJsonToken   token,
                  guint           line,
                  guint           column,
                  const char     *expected,
                  gsize           expected_len)
{
  if (line != 0)
    expect_token_at (caller, reader, token, line, column);
  else
    check_at (caller, resp_json_reader_next (reader) == token, "expected token");
  check_at (caller, string_is (reader, expected, expected_len), "expected string");
}

#define NEXT_STRING(reader, token, literal) \
  expect_string_at (__LINE__, reader, token, 0, 0, literal, sizeof (literal) - 1)
#define EXPECT_STRING(reader, token, line, column, literal) \
  expect_string_at (__LINE__, reader, token, line, column, literal, sizeof (literal) - 1)

/* ---- Tokens and positions ---- */

static void
test_tokens_basic (void)
{
  Input in = input_open ("{\"a\": [1, true, false, null, \"x\"], \"b\": {}}");
  RespJsonReader *r = in.reader;
  gsize len;

  CU_ASSERT_EQUAL (resp_json_reader_get_depth (r), 0);
  EXPECT_TOKEN (r, RESP_JSON_TOKEN_BEGIN_OBJECT, 1, 1);
  CU_ASSERT_EQUAL (resp_json_reader_get_depth (r), 1);
  CU_ASSERT_EQUAL (resp_json_reader_get_offset (r), 0);
  CU_ASSERT_PTR_NULL (resp_json_reader_get_string (r, &len));
  CU_ASSERT_EQUAL (len, 0);
  EXPECT_STRING (r, RESP_JSON_TOKEN_KEY, 1, 2, "a");
  CU_ASSERT_EQUAL (resp_json_reader_get_depth (r), 1);
  EXPECT_TOKEN (r, RESP_JSON_TOKEN_BEGIN_ARRAY, 1, 7);
  CU_ASSERT_EQUAL (resp_json_reader_get_depth (r), 2);
  EXPECT_TOKEN (r, RESP_JSON_TOKEN_NUMBER, 1, 8);
  CU_ASSERT (resp_json_reader_get_is_int (r));
  CU_ASSERT_EQUAL (resp_json_reader_get_int (r), 1);
  CU_ASSERT_DOUBLE_EQUAL (resp_json_reader_get_double (r), 1.0, 0.0);
  EXPECT_TOKEN (r, RESP_JSON_TOKEN_TRUE, 1, 11);
  EXPECT_TOKEN (r, RESP_JSON_TOKEN_FALSE, 1, 17);
  EXPECT_TOKEN (r, RESP_JSON_TOKEN_NULL, 1, 24);
  EXPECT_STRING (r, RESP_JSON_TOKEN_STRING, 1, 30, "x");
  CU_ASSERT_EQUAL (resp_json_reader_get_offset (r), 29);
  EXPECT_TOKEN (r, RESP_JSON_TOKEN_END_ARRAY, 1, 33);
  CU_ASSERT_EQUAL (resp_json_reader_get_depth (r), 1);
  EXPECT_STRING (r, RESP_JSON_TOKEN_KEY, 1, 36, "b");
  EXPECT_TOKEN (r, RESP_JSON_TOKEN_BEGIN_OBJECT, 1, 41);
  CU_ASSERT_EQUAL (resp_json_reader_get_depth (r), 2);
  EXPECT_TOKEN (r, RESP_JSON_TOKEN_END_OBJECT, 1, 42);
  EXPECT_TOKEN (r, RESP_JSON_TOKEN_END_OBJECT, 1, 43);
  CU_ASSERT_EQUAL (resp_json_reader_get_depth (r), 0);
  EXPECT_TOKEN (r, RESP_JSON_TOKEN_EOF, 1, 44);
  EXPECT_TOKEN (r, RESP_JSON_TOKEN_EOF, 1, 44);
  CU_ASSERT_EQUAL (resp_json_reader_get_status (r), RESP_JSON_READER_OK);
  CU_ASSERT_PTR_NULL (resp_json_reader_get_message (r));
  input_close (&in);
}

static void
test_positions_multiline (void)
{
  Input in = input_open ("[\n  1,\r\n\t\"x\" ,\n\n   {\"k\":\n\"v\"}\n]\n  ");
  RespJsonReader *r = in.reader;

  EXPECT_TOKEN (r, RESP_JSON_TOKEN_BEGIN_ARRAY, 1, 1);
  EXPECT_TOKEN (r, RESP_JSON_TOKEN_NUMBER, 2, 3);
  CU_ASSERT_EQUAL (resp_json_reader_get_offset (r), 4);
  EXPECT_TOKEN (r, RESP_JSON_TOKEN_STRING, 3, 2);
  EXPECT_TOKEN (r, RESP_JSON_TOKEN_BEGIN_OBJECT, 5, 4);
  EXPECT_TOKEN (r, RESP_JSON_TOKEN_KEY, 5, 5);
  EXPECT_TOKEN (r, RESP_JSON_TOKEN_STRING, 6, 1);
  EXPECT_TOKEN (r, RESP_JSON_TOKEN_END_OBJECT, 6, 4);
  EXPECT_TOKEN (r, RESP_JSON_TOKEN_END_ARRAY, 7, 1);
  EXPECT_TOKEN (r, RESP_JSON_TOKEN_EOF, 8, 3);
  input_close (&in);
}

static void
test_scalar_top_level (void)
{
  Input in;

  in = input_open ("42");
  EXPECT_TOKEN (in.reader, RESP_JSON_TOKEN_NUMBER, 1, 1);
  CU_ASSERT_EQUAL (resp_json_reader_get_int (in.reader), 42);
  EXPECT_TOKEN (in.reader, RESP_JSON_TOKEN_EOF, 1, 3);
  input_close (&in);

  in = input_open ("  \"s\"\n");
  EXPECT_STRING (in.reader, RESP_JSON_TOKEN_STRING, 1, 3, "s");
  EXPECT_TOKEN (in.reader, RESP_JSON_TOKEN_EOF, 2, 1);
  input_close (&in);

  in = input_open ("null");
  EXPECT_TOKEN (in.reader, RESP_JSON_TOKEN_NULL, 1, 1);
  EXPECT_TOKEN (in.reader, RESP_JSON_TOKEN_EOF, 1, 5);
  input_close (&in);

  in = input_open ("\t\ttrue ");
  EXPECT_TOKEN (in.reader, RESP_JSON_TOKEN_TRUE, 1, 3);
  EXPECT_TOKEN (in.reader, RESP_JSON_TOKEN_EOF, 1, 8);
  input_close (&in);

  EXPECT_VALID ("false");
  EXPECT_VALID ("[]");
  EXPECT_VALID ("{}");
  EXPECT_VALID (" [ ] ");
  EXPECT_VALID ("[[], {}, [[]], {\"\": []}]");
}

/* The input is a buffer and a length, never a C string */
static void
test_not_nul_terminated (void)
{
  RespJsonReader *r;

  r = resp_json_reader_new ("[1]xyz", 3);
  CU_ASSERT_EQUAL (resp_json_reader_next (r), RESP_JSON_TOKEN_BEGIN_ARRAY);
  CU_ASSERT_EQUAL (resp_json_reader_next (r), RESP_JSON_TOKEN_NUMBER);
  CU_ASSERT_EQUAL (resp_json_reader_next (r), RESP_JSON_TOKEN_END_ARRAY);
  CU_ASSERT_EQUAL (resp_json_reader_next (r), RESP_JSON_TOKEN_EOF);
  resp_json_reader_free (r);

  r = resp_json_reader_new ("12345", 2);
  CU_ASSERT_EQUAL (resp_json_reader_next (r), RESP_JSON_TOKEN_NUMBER);
  CU_ASSERT_EQUAL (resp_json_reader_get_int (r), 12);
  CU_ASSERT_EQUAL (resp_json_reader_next (r), RESP_JSON_TOKEN_EOF);
  resp_json_reader_free (r);

  r = resp_json_reader_new ("1.5e3", 4);
  CU_ASSERT_EQUAL (resp_json_reader_next (r), RESP_JSON_TOKEN_ERROR);
  CU_ASSERT_STRING_EQUAL (resp_json_reader_get_message (r), "invalid number");
  resp_json_reader_free (r);

  r = resp_json_reader_new ("\"ab\"", 3);
  CU_ASSERT_EQUAL (resp_json_reader_next (r), RESP_JSON_TOKEN_ERROR);
  CU_ASSERT_STRING_EQUAL (resp_json_reader_get_message (r), "unterminated string");
  resp_json_reader_free (r);

  r = resp_json_reader_new ("true", 3);
  CU_ASSERT_EQUAL (resp_json_reader_next (r), RESP_JSON_TOKEN_ERROR);
  CU_ASSERT_STRING_EQUAL (resp_json_reader_get_message (r), "invalid literal");
  resp_json_reader_free (r);

  /* Runs at the very end of an exact-size buffer take the slow copy path */
  EXPECT_VALID ("\"a\"");
  EXPECT_VALID ("\"abcdefghijklmnopqrstuvwxyz\"");
  EXPECT_VALID ("[\"abcdefghijklmnopqrstuvwxyz0123456789\"]");
}

static void
test_raw (void)
{
  Input in = input_open ("[ -12.50e+3 ,\"q\"]");
  gsize len;
  const char *raw;

  resp_json_reader_next (in.reader);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_NUMBER);
  raw = resp_json_reader_get_raw (in.reader, &len);
  CU_ASSERT_EQUAL (len, 9);
  CU_ASSERT_NSTRING_EQUAL (raw, "-12.50e+3", 9);
  CU_ASSERT_DOUBLE_EQUAL (resp_json_reader_get_double (in.reader), -12500.0, 0.0);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_STRING);
  raw = resp_json_reader_get_raw (in.reader, &len);
  CU_ASSERT_EQUAL (len, 3);
  CU_ASSERT_NSTRING_EQUAL (raw, "\"q\"", 3);
  input_close (&in);
}

/* ---- Errors ---- */

static void
test_empty (void)
{
  RespJsonReader *r;

  EXPECT_ERROR ("", RESP_JSON_READER_EMPTY, 1, 1, "empty input");
  EXPECT_ERROR ("   ", RESP_JSON_READER_EMPTY, 1, 4, "empty input");
  EXPECT_ERROR (" \n\r\n\t ", RESP_JSON_READER_EMPTY, 3, 3, "empty input");
  EXPECT_ERROR ("\xEF\xBB\xBF", RESP_JSON_READER_EMPTY, 1, 1, "empty input");
  EXPECT_ERROR ("\xEF\xBB\xBF\n", RESP_JSON_READER_EMPTY, 2, 1, "empty input");

  r = resp_json_reader_new (NULL, 0);
  CU_ASSERT_EQUAL (resp_json_reader_next (r), RESP_JSON_TOKEN_ERROR);
  CU_ASSERT_EQUAL (resp_json_reader_get_status (r), RESP_JSON_READER_EMPTY);
  CU_ASSERT_EQUAL (resp_json_reader_get_line (r), 1);
  CU_ASSERT_EQUAL (resp_json_reader_get_column (r), 1);
  CU_ASSERT_EQUAL (resp_json_reader_get_offset (r), 0);
  resp_json_reader_free (r);
}

static void
test_syntax_errors (void)
{
  const RespJsonReaderStatus S = RESP_JSON_READER_SYNTAX;

  EXPECT_ERROR ("{\"a\" 1}", S, 1, 6, "expected ':' after an object key");
  EXPECT_ERROR ("{\"a\"}", S, 1, 5, "expected ':' after an object key");
  EXPECT_ERROR ("{\"a\":1 \"b\":2}", S, 1, 8, "expected ',' or '}' after an object member");
  EXPECT_ERROR ("{\"a\":1]", S, 1, 7, "expected ',' or '}' after an object member");
  EXPECT_ERROR ("[1 2]", S, 1, 4, "expected ',' or ']' after an array element");
  EXPECT_ERROR ("[1}", S, 1, 3, "expected ',' or ']' after an array element");
  EXPECT_ERROR ("[truefalse]", S, 1, 6, "expected ',' or ']' after an array element");
  EXPECT_ERROR ("[1,]", S, 1, 4, "trailing comma in array");
  EXPECT_ERROR ("{\"a\":1,}", S, 1, 8, "trailing comma in object");
  EXPECT_ERROR ("{1:2}", S, 1, 2, "expected a string key or '}'");
  EXPECT_ERROR ("{'a':2}", S, 1, 2, "expected a string key or '}'");
  EXPECT_ERROR ("{\"a\":1,2}", S, 1, 8, "expected a string key after ','");
  EXPECT_ERROR ("[,1]", S, 1, 2, "expected a value");
  EXPECT_ERROR ("[1,,2]", S, 1, 4, "expected a value");
  EXPECT_ERROR ("{\"a\":}", S, 1, 6, "expected a value");
  EXPECT_ERROR ("]", S, 1, 1, "expected a value");
  EXPECT_ERROR (":", S, 1, 1, "expected a value");
  EXPECT_ERROR ("[1,\n  ,]", S, 2, 3, "expected a value");
  EXPECT_ERROR ("\x01", S, 1, 1, "expected a value");
  EXPECT_ERROR ("[\xC3\xA9]", S, 1, 2, "expected a value");

  /* The end of the input in the middle of a value */
  EXPECT_ERROR ("[", S, 1, 2, "unexpected end of input");
  EXPECT_ERROR ("[1,", S, 1, 4, "unexpected end of input");
  EXPECT_ERROR ("[1", S, 1, 3, "unexpected end of input");
  EXPECT_ERROR ("{", S, 1, 2, "unexpected end of input");
  EXPECT_ERROR ("{\"a\"", S, 1, 5, "unexpected end of input");
  EXPECT_ERROR ("{\"a\":", S, 1, 6, "unexpected end of input");
  EXPECT_ERROR ("{\"a\":1,\n", S, 2, 1, "unexpected end of input");
  EXPECT_ERROR ("{\"a\":[1,2]\n\n", S, 3, 1, "unexpected end of input");

  /* Literals */
  EXPECT_ERROR ("tru", S, 1, 1, "invalid literal");
  EXPECT_ERROR ("nul", S, 1, 1, "invalid literal");
  EXPECT_ERROR ("[fals]", S, 1, 2, "invalid literal");
  EXPECT_ERROR ("[True]", S, 1, 2, "expected a value");
  EXPECT_ERROR ("{\"a\": nil}", S, 1, 7, "invalid literal");

  /* Anything after the one top-level value */
  EXPECT_ERROR ("1 2", S, 1, 3, "trailing data after the JSON value");
  EXPECT_ERROR ("{} x", S, 1, 4, "trailing data after the JSON value");
  EXPECT_ERROR ("[]]", S, 1, 3, "trailing data after the JSON value");
  EXPECT_ERROR ("{\"a\":1}}", S, 1, 8, "trailing data after the JSON value");
  EXPECT_ERROR ("\"a\"\"b\"", S, 1, 4, "trailing data after the JSON value");
  EXPECT_ERROR ("[]\n\n  [", S, 3, 3, "trailing data after the JSON value");
  EXPECT_ERROR ("truex", S, 1, 5, "trailing data after the JSON value");
  EXPECT_ERROR ("0x10", S, 1, 2, "trailing data after the JSON value");
  EXPECT_ERROR ("null\0", S, 1, 5, "trailing data after the JSON value");
  EXPECT_ERROR ("[] \xC3\xA9", S, 1, 4, "trailing data after the JSON value");
  EXPECT_ERROR ("[] /* comment */", S, 1, 4, "trailing data after the JSON value");
}

static void
test_string_errors (void)
{
  const RespJsonReaderStatus S = RESP_JSON_READER_SYNTAX;

  /* Unterminated: at the opening quote */
  EXPECT_ERROR ("\"abc", S, 1, 1, "unterminated string");
  EXPECT_ERROR ("[\"abc\\", S, 1, 2, "unterminated string");
  EXPECT_ERROR ("[\"abc\\u12", S, 1, 2, "unterminated string");
  EXPECT_ERROR ("[\"\\ud83d", S, 1, 2, "unterminated string");
  EXPECT_ERROR ("[\"\\ud83d\\", S, 1, 2, "unterminated string");
  EXPECT_ERROR ("[\"\\ud83d\\ude0", S, 1, 2, "unterminated string");
  EXPECT_ERROR ("{\"k\": \"\xE4\xB8\xAD\xE6\x96\x87", S, 1, 7, "unterminated string");

  /* Control characters: at the character */
  EXPECT_ERROR ("\"a\tb\"", S, 1, 3, "control character in string");
  EXPECT_ERROR ("[\"ab\ncd\"]", S, 1, 5, "control character in string");
  EXPECT_ERROR ("\"\x1f\"", S, 1, 2, "control character in string");
  EXPECT_ERROR ("\"a\0b\"", S, 1, 3, "control character in string");

  /* Escapes: at the backslash */
  EXPECT_ERROR ("\"\\x\"", S, 1, 2, "invalid escape");
  EXPECT_ERROR ("\"ab\\'\"", S, 1, 4, "invalid escape");
  EXPECT_ERROR ("\"\\U0041\"", S, 1, 2, "invalid escape");
  EXPECT_ERROR ("\"\\u12G4\"", S, 1, 2, "invalid \\u escape");
  EXPECT_ERROR ("\"\\u12\"", S, 1, 2, "invalid \\u escape");
  EXPECT_ERROR ("\"\\ud83d\\uZZZZ\"", S, 1, 8, "invalid \\u escape");

  /* Lone surrogates: at the (first) backslash */
  EXPECT_ERROR ("\"\\ud83d\"", S, 1, 2, "invalid \\u escape (lone surrogate)");
  EXPECT_ERROR ("\"\\ud83dx\"", S, 1, 2, "invalid \\u escape (lone surrogate)");
  EXPECT_ERROR ("\"ab\\ud83d\\n\"", S, 1, 4, "invalid \\u escape (lone surrogate)");
  EXPECT_ERROR ("\"\\ud83d\\u0041\"", S, 1, 2, "invalid \\u escape (lone surrogate)");
  EXPECT_ERROR ("\"\\ud83d\\ud83d\"", S, 1, 2, "invalid \\u escape (lone surrogate)");
  EXPECT_ERROR ("\"\\ude00\"", S, 1, 2, "invalid \\u escape (lone surrogate)");
  EXPECT_ERROR ("\"\\uDFFF\\uD800\"", S, 1, 2, "invalid \\u escape (lone surrogate)");
  EXPECT_ERROR ("{\"\\udc00\": 1}", S, 1, 3, "invalid \\u escape (lone surrogate)");
}

/* Columns count code points, not bytes */
static void
test_multibyte_columns (void)
{
  Input in;

  EXPECT_ERROR ("{\"名前\": \"東京\" \"x\"}", RESP_JSON_READER_SYNTAX, 1, 13,
                "expected ',' or '}' after an object member");
  EXPECT_ERROR ("[\n\"ü😀\", x]", RESP_JSON_READER_SYNTAX, 2, 7, "expected a value");
  EXPECT_ERROR ("[\"日本語のテキスト\", 1,, 2]", RESP_JSON_READER_SYNTAX, 1, 16, "expected a value");
  EXPECT_ERROR ("[\"中\", \"a\tb\"]", RESP_JSON_READER_SYNTAX, 1, 9, "control character in string");
  EXPECT_ERROR ("[\"中\", \"ab\\q\"]", RESP_JSON_READER_SYNTAX, 1, 10, "invalid escape");

  in = input_open ("{\"名前\": \"東京\", \"ключ\": 1}");
  EXPECT_TOKEN (in.reader, RESP_JSON_TOKEN_BEGIN_OBJECT, 1, 1);
  EXPECT_STRING (in.reader, RESP_JSON_TOKEN_KEY, 1, 2, "名前");
  EXPECT_STRING (in.reader, RESP_JSON_TOKEN_STRING, 1, 8, "東京");
  EXPECT_TOKEN (in.reader, RESP_JSON_TOKEN_KEY, 1, 14);
  CU_ASSERT_EQUAL (resp_json_reader_get_offset (in.reader), 21);
  EXPECT_TOKEN (in.reader, RESP_JSON_TOKEN_NUMBER, 1, 22);
  input_close (&in);
}

static void
test_bom (void)
{
  Input in;
  const RespJsonReaderStatus S = RESP_JSON_READER_SYNTAX;
  const char *bom_message = "byte-order mark not at the start of the input";

  /* Skipped at the start, and not a column */
  in = input_open ("\xEF\xBB\xBF{\"a\":1}");
  EXPECT_TOKEN (in.reader, RESP_JSON_TOKEN_BEGIN_OBJECT, 1, 1);
  CU_ASSERT_EQUAL (resp_json_reader_get_offset (in.reader), 3);
  EXPECT_TOKEN (in.reader, RESP_JSON_TOKEN_KEY, 1, 2);
  EXPECT_TOKEN (in.reader, RESP_JSON_TOKEN_NUMBER, 1, 6);
  EXPECT_TOKEN (in.reader, RESP_JSON_TOKEN_END_OBJECT, 1, 7);
  EXPECT_TOKEN (in.reader, RESP_JSON_TOKEN_EOF, 1, 8);
  input_close (&in);

  EXPECT_ERROR ("\xEF\xBB\xBF[1 1]", S, 1, 4, "expected ',' or ']' after an array element");

  /* Anywhere else, outside strings, it is an error */
  EXPECT_ERROR ("[1,\xEF\xBB\xBF" "2]", S, 1, 4, bom_message);
  EXPECT_ERROR ("\xEF\xBB\xBF\xEF\xBB\xBF[]", S, 1, 1, bom_message);
  EXPECT_ERROR (" \xEF\xBB\xBF[]", S, 1, 2, bom_message);
  EXPECT_ERROR ("[] \xEF\xBB\xBF", S, 1, 4, bom_message);
  EXPECT_ERROR ("{\xEF\xBB\xBF\"a\":1}", S, 1, 2, bom_message);
  EXPECT_ERROR ("{\"a\"\xEF\xBB\xBF:1}", S, 1, 5, bom_message);
  EXPECT_ERROR ("\n\xEF\xBB\xBF" "1", S, 2, 1, bom_message);

  /* Inside a string it is U+FEFF, ordinary text */
  in = input_open ("[\"\xEF\xBB\xBF\", \"x\xEF\xBB\xBFy\"]");
  EXPECT_TOKEN (in.reader, RESP_JSON_TOKEN_BEGIN_ARRAY, 1, 1);
  EXPECT_STRING (in.reader, RESP_JSON_TOKEN_STRING, 1, 2, "\xEF\xBB\xBF");
  EXPECT_STRING (in.reader, RESP_JSON_TOKEN_STRING, 1, 7, "x\xEF\xBB\xBFy");
  input_close (&in);
}

static void
test_invalid_utf8 (void)
{
  const RespJsonReaderStatus U = RESP_JSON_READER_INVALID_UTF8;

  /* Inside strings: at the first byte of the bad sequence */
  EXPECT_ERROR ("\"a\xC0\x80\"", U, 1, 3, "invalid UTF-8");            /* overlong NUL */
  EXPECT_ERROR ("\"\xC1\xBF\"", U, 1, 2, "invalid UTF-8");             /* overlong 2-byte */
  EXPECT_ERROR ("\"\xE0\x80\x80\"", U, 1, 2, "invalid UTF-8");         /* overlong 3-byte */
  EXPECT_ERROR ("\"\xE0\x9F\xBF\"", U, 1, 2, "invalid UTF-8");
  EXPECT_ERROR ("\"\xF0\x80\x80\x80\"", U, 1, 2, "invalid UTF-8");     /* overlong 4-byte */
  EXPECT_ERROR ("\"\xF0\x8F\xBF\xBF\"", U, 1, 2, "invalid UTF-8");
  EXPECT_ERROR ("\"\xED\xA0\x80\"", U, 1, 2, "invalid UTF-8");         /* U+D800 */
  EXPECT_ERROR ("\"\xED\xBF\xBF\"", U, 1, 2, "invalid UTF-8");         /* U+DFFF */
  EXPECT_ERROR ("\"\xF4\x90\x80\x80\"", U, 1, 2, "invalid UTF-8");     /* U+110000 */
  EXPECT_ERROR ("\"\xF5\x80\x80\x80\"", U, 1, 2, "invalid UTF-8");
  EXPECT_ERROR ("\"\xFE\"", U, 1, 2, "invalid UTF-8");
  EXPECT_ERROR ("\"\xFF\"", U, 1, 2, "invalid UTF-8");
  EXPECT_ERROR ("\"ab\x80\"", U, 1, 4, "invalid UTF-8");               /* stray continuation */
  EXPECT_ERROR ("\"\xC3\"", U, 1, 2, "invalid UTF-8");                 /* truncated */
  EXPECT_ERROR ("\"\xE4\xB8\"", U, 1, 2, "invalid UTF-8");
  EXPECT_ERROR ("\"\xF0\x9F\x98\"", U, 1, 2, "invalid UTF-8");
  EXPECT_ERROR ("\"\xE4\xB8" "a\"", U, 1, 2, "invalid UTF-8");
  EXPECT_ERROR ("\"ab\xE4\xB8", U, 1, 4, "invalid UTF-8");             /* cut by the end */
  EXPECT_ERROR ("\"\xF0\x9F\x98", U, 1, 2, "invalid UTF-8");
  EXPECT_ERROR ("[\"中\xE4\xB8\"]", U, 1, 4, "invalid UTF-8");
  EXPECT_ERROR ("[\"0123456789abcdef\xC3(\"]", U, 1, 19, "invalid UTF-8");
  EXPECT_ERROR ("{\"k\xFF\": 1}", U, 1, 4, "invalid UTF-8");

  /* Outside strings */
  EXPECT_ERROR ("[\xC3\x28]", U, 1, 2, "invalid UTF-8");
  EXPECT_ERROR ("\xFF", U, 1, 1, "invalid UTF-8");
  EXPECT_ERROR ("[1] \x80", U, 1, 5, "invalid UTF-8");
  EXPECT_ERROR ("\xEF\xBB", U, 1, 1, "invalid UTF-8");

  /* The edges of what is allowed */
  EXPECT_VALID ("\"\xC2\x80\xDF\xBF\"");
  EXPECT_VALID ("\"\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xEF\xBF\xBF\"");
  EXPECT_VALID ("\"\xF0\x90\x80\x80\xF4\x8F\xBF\xBF\"");
  EXPECT_VALID ("\"\x7F\"");
}

static void
test_duplicate_keys (void)
{
  const RespJsonReaderStatus D = RESP_JSON_READER_DUPLICATE_KEY;

  EXPECT_ERROR ("{\"id\":1,\"id\":2}", D, 1, 9, "duplicate key 'id' in object");
  EXPECT_ERROR ("{\"id\":1,\n  \"x\":2,\n  \"id\":3}", D, 3, 3, "duplicate key 'id' in object");
  EXPECT_ERROR ("{\"\":1,\"\":2}", D, 1, 7, "duplicate key '' in object");

  /* Keys are compared after unescaping */
  EXPECT_ERROR ("{\"a\":1,\"\\u0061\":2}", D, 1, 8, "duplicate key 'a' in object");
  EXPECT_ERROR ("{\"é\":1,\"\\u00e9\":2}", D, 1, 8, "duplicate key 'é' in object");
  EXPECT_ERROR ("{\"😀\":1,\"\\ud83d\\ude00\":2}", D, 1, 8, "duplicate key '😀' in object");
  EXPECT_ERROR ("{\"a/b\":1,\"a\\/b\":2}", D, 1, 10, "duplicate key 'a/b' in object");

  /* Longer than the eight bytes compared as a word */
  EXPECT_ERROR ("{\"abcdefghijk\":1,\"abcdefghijk\":2}", D, 1, 18, NULL);
  EXPECT_VALID ("{\"abcdefghijk\":1,\"abcdefghijl\":2,\"abcdefgh\":3,\"abcdefg\":4}");

  /* Embedded NULs and lengths */
  EXPECT_VALID ("{\"a\":1,\"a\\u0000\":2,\"a\\u0000b\":3,\"a\\u0000c\":4}");
  EXPECT_ERROR ("{\"a\\u0000b\":1,\"a\\u0000b\":2}", D, 1, 15,
                "duplicate key 'a\\u0000b' in object");
  EXPECT_ERROR ("{\"a\\nb\":1,\"a\\nb\":2}", D, 1, 11, "duplicate key 'a\\u000ab' in object");

  /* Only within one object */
  EXPECT_VALID ("{\"a\":{\"a\":1},\"b\":{\"a\":2,\"b\":3}}");
  EXPECT_VALID ("[{\"a\":1},{\"a\":1}]");
  EXPECT_VALID ("{\"a\":{\"x\":1,\"y\":2},\"x\":3,\"y\":{\"x\":{\"x\":4}}}");
  EXPECT_ERROR ("{\"a\":{\"x\":1},\"a\":2}", D, 1, 14, "duplicate key 'a' in object");
  EXPECT_ERROR ("{\"a\":{\"x\":1},\"b\":[{\"a\":1,\"b\":2}],\"b\":1}", D, 1, 34,
                "duplicate key 'b' in object");
}

/* Builds {"k0":0,...,"k<n-1>":n-1} with the given extra key last */
static char *
big_object (guint       n,
            const char *extra_key)
{
  GString *s = g_string_new ("{");
  guint i;

  for (i = 0; i < n; i++)
    g_string_append_printf (s, "%s\"k%u\":%u", i ? "," : "", i, i);
  if (extra_key != NULL)
    g_string_append_printf (s, ",\"%s\":0", extra_key);
  g_string_append (s, "}");
  return g_string_free (s, FALSE);
}

static void
expect_big_object_error (int         caller,
                         guint       n,
                         const char *extra_key)
{
  char *json = big_object (n, extra_key);
  char *message = g_strdup_printf ("duplicate key '%s' in object", extra_key);
  /* The input ends with "<key>":0} */
  guint column = (guint) strlen (json) - (guint) strlen (extra_key) - 4;

  expect_error_len (caller, json, strlen (json), RESP_JSON_READER_DUPLICATE_KEY,
                    1, column, message, 0, 0);
  g_free (message);
  g_free (json);
}

static void
test_duplicate_keys_big_objects (void)
{
  char *json;
  guint n;

  /* Around the switch from a linear scan to a hash index */
  for (n = 30; n <= 36; n++)
    {
      json = big_object (n, NULL);
      expect_valid_len (__LINE__, json, strlen (json));
      g_free (json);
      expect_big_object_error (__LINE__, n, "k0");
      expect_big_object_error (__LINE__, n, "k29");
    }
  expect_big_object_error (__LINE__, 33, "k32");

  /* Big enough to grow the index a few times */
  json = big_object (5000, NULL);
  expect_valid_len (__LINE__, json, strlen (json));
  g_free (json);
  expect_big_object_error (__LINE__, 5000, "k0");
  expect_big_object_error (__LINE__, 5000, "k40");
  expect_big_object_error (__LINE__, 5000, "k4999");
  expect_big_object_error (__LINE__, 100, "k50");

  /* Big objects nested in big objects keep their own indexes */
  {
    GString *s = g_string_new ("{");
    guint i;

    for (i = 0; i < 40; i++)
      g_string_append_printf (s, "\"k%u\":%u,", i, i);
    g_string_append (s, "\"inner\":{");
    for (i = 0; i < 40; i++)
      g_string_append_printf (s, "%s\"k%u\":%u", i ? "," : "", i, i);
    g_string_append (s, "},");
    for (i = 40; i < 80; i++)
      g_string_append_printf (s, "\"k%u\":%u,", i, i);
    g_string_append (s, "\"last\":0}");
    expect_valid_len (__LINE__, s->str, s->len);

    /* ...and "inner" is still known to the outer object afterwards */
    g_string_truncate (s, s->len - 1);
    g_string_append (s, ",\"inner\":1}");
    expect_error_len (__LINE__, s->str, s->len, RESP_JSON_READER_DUPLICATE_KEY, 1,
                      (guint) s->len - 9, "duplicate key 'inner' in object", 0, 0);
    g_string_free (s, TRUE);
  }
}

static void
test_depth_limit (void)
{
  GString *s = g_string_new (NULL);
  Input in;
  guint i;

  for (i = 0; i < RESP_JSON_READER_DEFAULT_MAX_DEPTH; i++)
    g_string_append_c (s, '[');
  for (i = 0; i < RESP_JSON_READER_DEFAULT_MAX_DEPTH; i++)
    g_string_append_c (s, ']');
  expect_valid_len (__LINE__, s->str, s->len);

  g_string_prepend_c (s, '[');
  g_string_append_c (s, ']');
  expect_error_len (__LINE__, s->str, s->len, RESP_JSON_READER_TOO_DEEP, 1, 257,
                    "nesting deeper than 256", 0, 0);

  /* Objects count as much as arrays */
  g_string_truncate (s, 0);
  for (i = 0; i < 257; i++)
    g_string_append (s, i % 2 ? "{\"a\":\n" : "[");
  expect_error_len (__LINE__, s->str, s->len, RESP_JSON_READER_TOO_DEEP, 129, 1,
                    "nesting deeper than 256", 0, 0);
  g_string_free (s, TRUE);

  EXPECT_VALID ("[[[1]]]");
  EXPECT_ERROR_LIMITS ("[[[[1]]]]", 3, 0, RESP_JSON_READER_TOO_DEEP, 1, 4, "nesting deeper than 3");
  EXPECT_ERROR_LIMITS ("{\"a\":{\"b\":{\"c\":{}}}}", 3, 0, RESP_JSON_READER_TOO_DEEP, 1, 16,
                       "nesting deeper than 3");
  EXPECT_ERROR_LIMITS ("[[1],[2],[[3]]]", 2, 0, RESP_JSON_READER_TOO_DEEP, 1, 11,
                       "nesting deeper than 2");

  /* A limit of 0 allows only scalars */
  in = input_open ("[]");
  resp_json_reader_set_limits (in.reader, 0, 100);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_ERROR);
  CU_ASSERT_EQUAL (resp_json_reader_get_status (in.reader), RESP_JSON_READER_TOO_DEEP);
  input_close (&in);
  in = input_open ("1");
  resp_json_reader_set_limits (in.reader, 0, 100);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_NUMBER);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_EOF);
  input_close (&in);
}

static void
test_string_limit (void)
{
  const RespJsonReaderStatus L = RESP_JSON_READER_TOO_LONG;
  Input in;

  in = input_open ("[\"abcde\", \"ééa\", \"\\u00e9\\u00e9a\", \"\"]");
  resp_json_reader_set_limits (in.reader, 10, 5);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_BEGIN_ARRAY);
  NEXT_STRING (in.reader, RESP_JSON_TOKEN_STRING, "abcde");
  NEXT_STRING (in.reader, RESP_JSON_TOKEN_STRING, "ééa");
  NEXT_STRING (in.reader, RESP_JSON_TOKEN_STRING, "ééa");
  NEXT_STRING (in.reader, RESP_JSON_TOKEN_STRING, "");
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_END_ARRAY);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_EOF);
  input_close (&in);

  EXPECT_ERROR_LIMITS ("\"abcdef\"", 10, 5, L, 1, 1, "string longer than 5 bytes");
  EXPECT_ERROR_LIMITS ("[1,\n \"\\u00e9\\u00e9\\u00e9\"]", 10, 5, L, 2, 2,
                       "string longer than 5 bytes");
  EXPECT_ERROR_LIMITS ("[\"中\", \"中中\"]", 10, 5, L, 1, 7, "string longer than 5 bytes");
  EXPECT_ERROR_LIMITS ("{\"abcdef\":1}", 10, 5, L, 1, 2, "string longer than 5 bytes");
  EXPECT_ERROR_LIMITS ("[\"abc\\n\\t\"]", 10, 4, L, 1, 2, "string longer than 4 bytes");
  EXPECT_ERROR_LIMITS ("[\"0123456789012345678901234567890123456789\"]", 10, 39, L, 1, 2,
                       "string longer than 39 bytes");
}

typedef struct {
  const char *json;
  gboolean    is_int;
  gint64      int_value;
  double      value;
} NumberCase;

static void
test_numbers (void)
{
  static const NumberCase cases[] = {
    { "0", TRUE, 0, 0.0 },
    { "-0", TRUE, 0, -0.0 },
    { "7", TRUE, 7, 7.0 },
    { "123", TRUE, 123, 123.0 },
    { "-123", TRUE, -123, -123.0 },
    { "9007199254740993", TRUE, G_GINT64_CONSTANT (9007199254740993), 9007199254740992.0 },
    { "9223372036854775807", TRUE, G_MAXINT64, 9223372036854775807.0 },
    { "-9223372036854775808", TRUE, G_MININT64, -9223372036854775808.0 },
    { "9223372036854775808", FALSE, 0, 9223372036854775808.0 },
    { "-9223372036854775809", FALSE, 0, -9223372036854775809.0 },
    { "18446744073709551616", FALSE, 0, 18446744073709551616.0 },
    { "123456789012345678901234567890", FALSE, 0, 123456789012345678901234567890.0 },
    { "1.5", FALSE, 0, 1.5 },
    { "-0.0", FALSE, 0, -0.0 },
    { "1.0", FALSE, 0, 1.0 },
    { "1e2", FALSE, 0, 100.0 },
    { "1E+2", FALSE, 0, 100.0 },
    { "25e-2", FALSE, 0, 0.25 },
    { "0.5", FALSE, 0, 0.5 },
    { "0e0", FALSE, 0, 0.0 },
    { "-12.5E-1", FALSE, 0, -1.25 },
    { "1e308", FALSE, 0, 1e308 },
    { "1.7976931348623157e308", FALSE, 0, 1.7976931348623157e308 },
    { "0e-400", FALSE, 0, 0.0 },
    { "-0.000e-999", FALSE, 0, -0.0 },
    { "4.9e-324", FALSE, 0, 4.9e-324 },
    { "0.1000000000000000000000000000000000000000000000000000000000000000000000000001",
      FALSE, 0, 0.1 },
    { "1" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
      "0000000000" "e-69", FALSE, 0, 10.0 },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Input in = input_open (cases[i].json);
      RespJsonToken token = resp_json_reader_next (in.reader);
      double value = resp_json_reader_get_double (in.reader);
      gboolean ok;
      gsize raw_len;

      ok = token == RESP_JSON_TOKEN_NUMBER &&
           resp_json_reader_get_is_int (in.reader) == cases[i].is_int &&
           resp_json_reader_get_int (in.reader) == cases[i].int_value &&
           value == cases[i].value &&
           !!signbit (value) == !!signbit (cases[i].value) &&
           resp_json_reader_next (in.reader) == RESP_JSON_TOKEN_EOF;
      if (!ok)
        fprintf (stderr, "\n  number %s: is_int %d int %" G_GINT64_FORMAT " value %.17g\n",
                 cases[i].json, resp_json_reader_get_is_int (in.reader),
                 resp_json_reader_get_int (in.reader), value);
      CU_ASSERT (ok);
      input_close (&in);

      /* The same inside an array, and the raw literal */
      {
        char *json = g_strdup_printf ("[%s]", cases[i].json);

        in = input_open (json);
        resp_json_reader_next (in.reader);
        CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_NUMBER);
        CU_ASSERT_EQUAL (resp_json_reader_get_double (in.reader), cases[i].value);
        resp_json_reader_get_raw (in.reader, &raw_len);
        CU_ASSERT_EQUAL (raw_len, strlen (cases[i].json));
        CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_END_ARRAY);
        input_close (&in);
        g_free (json);
      }
    }
}

static void
test_number_errors (void)
{
  const RespJsonReaderStatus S = RESP_JSON_READER_SYNTAX;
  const RespJsonReaderStatus R = RESP_JSON_READER_NUMBER_RANGE;

  EXPECT_ERROR ("1e400", R, 1, 1, "number out of range");
  EXPECT_ERROR ("-1e400", R, 1, 1, "number out of range");
  EXPECT_ERROR ("[1, 2e999]", R, 1, 5, "number out of range");
  EXPECT_ERROR ("[1,\n  1.8e308]", R, 2, 3, "number out of range");
  EXPECT_ERROR ("{\"a\": 1e99999999999999999999}", R, 1, 7, "number out of range");
  /* not zero, but it would round to zero */
  EXPECT_ERROR ("1e-400", R, 1, 1, "number out of range (too close to zero)");
  EXPECT_ERROR ("[-0.0001e-400]", R, 1, 2, "number out of range (too close to zero)");
  /* 1,024 characters is the longest number there is */
  {
    char *longest = g_strnfill (1024, '7'), *longer;
    Input in;

    longest[0] = '0', longest[1] = '.';
    longer = g_strdup_printf ("[%s0]", longest);
    in = input_open (longest);

    expect_error_len (__LINE__, longer, strlen (longer), R, 1, 2, "number longer than 1024 characters", 0, 0);
    CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_NUMBER);
    input_close (&in);
    g_free (longest);
    g_free (longer);
  }

  EXPECT_ERROR ("01", S, 1, 1, "invalid number (leading zero)");
  EXPECT_ERROR ("-01", S, 1, 1, "invalid number (leading zero)");
  EXPECT_ERROR ("[00]", S, 1, 2, "invalid number (leading zero)");
  EXPECT_ERROR ("[1, 007]", S, 1, 5, "invalid number (leading zero)");
  EXPECT_ERROR ("1.", S, 1, 1, "invalid number");
  EXPECT_ERROR ("[1.]", S, 1, 2, "invalid number");
  EXPECT_ERROR ("1.e5", S, 1, 1, "invalid number");
  EXPECT_ERROR ("1e", S, 1, 1, "invalid number");
  EXPECT_ERROR ("1e+", S, 1, 1, "invalid number");
  EXPECT_ERROR ("[1E-]", S, 1, 2, "invalid number");
  EXPECT_ERROR ("-", S, 1, 1, "invalid number");
  EXPECT_ERROR ("[-a]", S, 1, 2, "invalid number");
  EXPECT_ERROR ("-Infinity", S, 1, 1, "invalid number");
  EXPECT_ERROR ("- 1", S, 1, 1, "invalid number");
  EXPECT_ERROR ("+1", S, 1, 1, "expected a value");
  EXPECT_ERROR (".5", S, 1, 1, "expected a value");
  EXPECT_ERROR ("NaN", S, 1, 1, "expected a value");
  EXPECT_ERROR ("[Infinity]", S, 1, 2, "expected a value");
  EXPECT_ERROR ("1.5.2", S, 1, 4, "trailing data after the JSON value");
  EXPECT_ERROR ("[1e5e5]", S, 1, 5, "expected ',' or ']' after an array element");
  EXPECT_ERROR ("[0x1F]", S, 1, 3, "expected ',' or ']' after an array element");
}

static void
test_strings (void)
{
  Input in;
  gsize len;
  const char *s;

  in = input_open ("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\", \"\\u0041\\u00e9\\u4E2D\\uFFFF\", "
                   "\"a\\u0000b\", \"\\ud83d\\ude00\", \"\\uD834\\uDD1E!\", \"\", "
                   "\"\\udbff\\udfff\", \"x\\u0020y\"]");
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_BEGIN_ARRAY);
  NEXT_STRING (in.reader, RESP_JSON_TOKEN_STRING, "\"\\/\b\f\n\r\t");
  NEXT_STRING (in.reader, RESP_JSON_TOKEN_STRING, "Aé中\xEF\xBF\xBF");
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_STRING);
  s = resp_json_reader_get_string (in.reader, &len);
  CU_ASSERT_EQUAL (len, 3);
  CU_ASSERT (memcmp (s, "a\0b", 4) == 0);
  NEXT_STRING (in.reader, RESP_JSON_TOKEN_STRING, "\xF0\x9F\x98\x80");
  NEXT_STRING (in.reader, RESP_JSON_TOKEN_STRING, "\xF0\x9D\x84\x9E!");
  NEXT_STRING (in.reader, RESP_JSON_TOKEN_STRING, "");
  NEXT_STRING (in.reader, RESP_JSON_TOKEN_STRING, "\xF4\x8F\xBF\xBF");
  NEXT_STRING (in.reader, RESP_JSON_TOKEN_STRING, "x y");
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_END_ARRAY);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_EOF);
  input_close (&in);

  /* Raw UTF-8 of every length, mixed with escapes and long ASCII runs */
  in = input_open ("\"é中😀\\n0123456789abcdefghij\\u00e9klmnopqrstuvwxyz\xF0\x9F\x98\x80\"");
  NEXT_STRING (in.reader, RESP_JSON_TOKEN_STRING, "é中😀\n0123456789abcdefghijéklmnopqrstuvwxyz😀");
  input_close (&in);

  /* Long strings grow the buffer */
  {
    GString *json = g_string_new ("[\"");
    GString *expected = g_string_new (NULL);
    guint i;

    for (i = 0; i < 20000; i++)
      {
        g_string_append (json, i % 7 ? "abc" : "\\u00e9\xE4\xB8\xAD");
        g_string_append (expected, i % 7 ? "abc" : "é中");
      }
    g_string_append (json, "\", \"short\"]");
    in = input_open_len (json->str, json->len);
    CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_BEGIN_ARRAY);
    CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_STRING);
    CU_ASSERT (string_is (in.reader, expected->str, expected->len));
    NEXT_STRING (in.reader, RESP_JSON_TOKEN_STRING, "short");
    CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_END_ARRAY);
    input_close (&in);
    g_string_free (json, TRUE);
    g_string_free (expected, TRUE);
  }
}

/* Columns stay right (and cheap) on one very long line */
static void
test_long_line_columns (void)
{
  GString *json = g_string_new ("[");
  const guint n = 100000;
  Input in;
  guint i;
  gboolean ok = TRUE;

  for (i = 0; i < n; i++)
    g_string_append (json, "\"é\",");
  g_string_append (json, "]");
  in = input_open_len (json->str, json->len);
  resp_json_reader_next (in.reader);
  for (i = 0; i < n; i++)
    {
      if (resp_json_reader_next (in.reader) != RESP_JSON_TOKEN_STRING)
        ok = FALSE;
      /* Only every so often, so that counting on has gaps to cover */
      if (i % 97 == 0 && resp_json_reader_get_column (in.reader) != 2 + 4 * i)
        ok = FALSE;
    }
  CU_ASSERT (ok);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_ERROR);
  CU_ASSERT_STRING_EQUAL (resp_json_reader_get_message (in.reader), "trailing comma in array");
  CU_ASSERT_EQUAL (resp_json_reader_get_line (in.reader), 1);
  CU_ASSERT_EQUAL (resp_json_reader_get_column (in.reader), 2 + 4 * n);
  input_close (&in);
  g_string_free (json, TRUE);
}

/* The column of every token, in strings of one- to four-byte characters
 * with a line break now and then, is the count of code points since the
 * line's start: tokens a few bytes apart (counted from the word that holds
 * them, the bytes past them masked off) and near the input's end (counted
 * a byte at a time) alike. */
static void
test_columns_counted (void)
{
  static const char * const pieces[] = { "a", "é", "中", "😀", " ", "\n", "1", "\"x\"", "\"语\"" };
  GRand *rand = g_rand_new_with_seed (17);
  guint checked = 0, wrong = 0;

  for (guint round = 0; round < 2000; round++)
    {
      GString *json = g_string_new ("[");
      guint n = (guint) g_rand_int_range (rand, 0, 12);
      Input in;
      RespJsonToken token;

      for (guint k = 0; k < n; k++)
        {
          GString *text = g_string_new (NULL);
          guint len = (guint) g_rand_int_range (rand, 0, 5);

          for (guint j = 0; j < len; j++)
            g_string_append (text, pieces[g_rand_int_range (rand, 0, 4)]);
          if (k > 0)
            g_string_append (json, g_rand_int_range (rand, 0, 8) == 0 ? ",\n" : ",");
          if (g_rand_boolean (rand))
            g_string_append_printf (json, "\"%s\"", text->str);
          else
            g_string_append_printf (json, "{\"%s\": %s}", text->str, pieces[g_rand_int_range (rand, 6, 9)]);
          g_string_free (text, TRUE);
        }
      g_string_append (json, "]");
      in = input_open_len (json->str, json->len);
      while ((token = resp_json_reader_next (in.reader)) != RESP_JSON_TOKEN_EOF && token != RESP_JSON_TOKEN_ERROR)
        {
          gsize at = resp_json_reader_get_offset (in.reader), start = at;
          guint expected = 1;

          while (start > 0 && json->str[start - 1] != '\n')
            start--;
          for (gsize b = start; b < at; b++)
            expected += ((guchar) json->str[b] & 0xC0) != 0x80;
          wrong += resp_json_reader_get_column (in.reader) != expected;
          checked++;
        }
      CU_ASSERT_EQUAL (token, RESP_JSON_TOKEN_EOF);
      input_close (&in);
      g_string_free (json, TRUE);
    }
  CU_ASSERT (checked > 20000);
  CU_ASSERT_EQUAL (wrong, 0);
  g_rand_free (rand);
}

static void
test_errors_stick (void)
{
  Input in = input_open ("[1, x, 2]");
  gsize len;

  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_BEGIN_ARRAY);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_NUMBER);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_ERROR);
  CU_ASSERT_EQUAL (resp_json_reader_get_offset (in.reader), 4);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_ERROR);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_ERROR);
  CU_ASSERT_EQUAL (resp_json_reader_get_status (in.reader), RESP_JSON_READER_SYNTAX);
  CU_ASSERT_EQUAL (resp_json_reader_get_column (in.reader), 5);
  CU_ASSERT_PTR_NULL (resp_json_reader_get_string (in.reader, &len));
  CU_ASSERT_FALSE (resp_json_reader_skip_value (in.reader, NULL));
  CU_ASSERT_PTR_NULL (resp_json_reader_read_tree (in.reader, RESP_JSON_TOKEN_ERROR));
  input_close (&in);
}

/* ---- skip_value ---- */

/* A member name stays readable while its value is read: loaders quote the
 * name in messages about the value, and a long value string reallocates
 * the buffer strings are unescaped into (fuzz-model found the loader
 * reading a freed name that way). Under ASan or valgrind a stale pointer
 * would be reported here. */
static void
test_key_survives_value (void)
{
  GString *s = g_string_new ("{\"since\": \"");
  Input in;
  const char *key, *value;
  gsize len;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (s, i % 2 ? 'x' : '\xce');
  /* \xce 'x' is no UTF-8: make every pair one character, U+03B8 */
  for (gsize i = 0; i < s->len; i++)
    if (s->str[i] == 'x')
      s->str[i] = '\xb8';
  g_string_append (s, "\", \"number\": 1.");
  for (guint i = 0; i < 1000; i++)
    g_string_append_c (s, '0');
  g_string_append (s, "}");

  in = input_open_len (s->str, s->len);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_BEGIN_OBJECT);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_KEY);
  key = resp_json_reader_get_string (in.reader, &len);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_STRING);
  value = resp_json_reader_get_string (in.reader, NULL);
  CU_ASSERT_PTR_NOT_EQUAL (key, value);
  CU_ASSERT_EQUAL (len, 5);
  CU_ASSERT_STRING_EQUAL (key, "since");
  CU_ASSERT_EQUAL (strlen (value), 100000);

  /* and while a long number, which uses the string buffer as scratch */
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_KEY);
  key = resp_json_reader_get_string (in.reader, NULL);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_NUMBER);
  CU_ASSERT_STRING_EQUAL (key, "number");
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_END_OBJECT);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_EOF);
  input_close (&in);
  g_string_free (s, TRUE);
}

static void
test_skip_value (void)
{
  const char *json = "{\"a\": {\"b\": [1, {\"c\": 2}, []], \"d\": \"x\"}, \"e\": [4, 5], \"f\": 6}";
  Input in = input_open (json);
  RespJsonReader *r = in.reader;
  gsize end = 0;

  CU_ASSERT_EQUAL (resp_json_reader_next (r), RESP_JSON_TOKEN_BEGIN_OBJECT);
  CU_ASSERT_EQUAL (resp_json_reader_next (r), RESP_JSON_TOKEN_KEY);
  /* After a KEY: skips the member's value */
  CU_ASSERT_TRUE (resp_json_reader_skip_value (r, &end));
  CU_ASSERT_EQUAL (end, (gsize) (strstr (json, ", \"e\"") - json));
  CU_ASSERT_EQUAL (json[end - 1], '}');
  CU_ASSERT_EQUAL (resp_json_reader_get_depth (r), 1);
  NEXT_STRING (r, RESP_JSON_TOKEN_KEY, "e");
  /* On BEGIN_ARRAY: to its END */
  CU_ASSERT_EQUAL (resp_json_reader_next (r), RESP_JSON_TOKEN_BEGIN_ARRAY);
  CU_ASSERT_TRUE (resp_json_reader_skip_value (r, &end));
  CU_ASSERT_EQUAL (resp_json_reader_get_depth (r), 1);
  CU_ASSERT_EQUAL (json[end - 1], ']');
  CU_ASSERT_EQUAL (json[end], ',');
  NEXT_STRING (r, RESP_JSON_TOKEN_KEY, "f");
  /* On a scalar: nothing to do */
  CU_ASSERT_EQUAL (resp_json_reader_next (r), RESP_JSON_TOKEN_NUMBER);
  CU_ASSERT_TRUE (resp_json_reader_skip_value (r, &end));
  CU_ASSERT_EQUAL (end, strlen (json) - 1);
  CU_ASSERT_EQUAL (resp_json_reader_next (r), RESP_JSON_TOKEN_END_OBJECT);
  CU_ASSERT_EQUAL (resp_json_reader_next (r), RESP_JSON_TOKEN_EOF);
  input_close (&in);

  /* The whole document, and empty containers */
  in = input_open (" [[], {}, [[[]]]] ");
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_BEGIN_ARRAY);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_BEGIN_ARRAY);
  CU_ASSERT_TRUE (resp_json_reader_skip_value (in.reader, &end));
  CU_ASSERT_EQUAL (end, 4);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_BEGIN_OBJECT);
  CU_ASSERT_TRUE (resp_json_reader_skip_value (in.reader, NULL));
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_BEGIN_ARRAY);
  CU_ASSERT_TRUE (resp_json_reader_skip_value (in.reader, &end));
  CU_ASSERT_EQUAL (end, 16);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_END_ARRAY);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_EOF);
  input_close (&in);

  in = input_open ("{\"a\": [1, [2, [3]]], \"b\": 1}");
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_BEGIN_OBJECT);
  CU_ASSERT_TRUE (resp_json_reader_skip_value (in.reader, &end));
  CU_ASSERT_EQUAL (end, 28);
  CU_ASSERT_EQUAL (resp_json_reader_get_depth (in.reader), 0);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_EOF);
  input_close (&in);

  /* Skipping still checks everything */
  in = input_open ("[1,{\"a\":1,\"a\":2}]");
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_BEGIN_ARRAY);
  CU_ASSERT_FALSE (resp_json_reader_skip_value (in.reader, &end));
  CU_ASSERT_EQUAL (resp_json_reader_get_status (in.reader), RESP_JSON_READER_DUPLICATE_KEY);
  CU_ASSERT_EQUAL (resp_json_reader_get_column (in.reader), 11);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_ERROR);
  input_close (&in);

  in = input_open ("{\"a\": x}");
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_BEGIN_OBJECT);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_KEY);
  CU_ASSERT_FALSE (resp_json_reader_skip_value (in.reader, NULL));
  CU_ASSERT_EQUAL (resp_json_reader_get_column (in.reader), 7);
  input_close (&in);

  in = input_open ("[[1,2]");
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_BEGIN_ARRAY);
  CU_ASSERT_FALSE (resp_json_reader_skip_value (in.reader, NULL));
  CU_ASSERT_STRING_EQUAL (resp_json_reader_get_message (in.reader), "unexpected end of input");
  input_close (&in);

  /* Deep nesting, without recursion */
  {
    GString *s = g_string_new (NULL);
    guint i;

    /* Two levels per round: 240 in all, within the default limit */
    for (i = 0; i < 120; i++)
      g_string_append (s, "{\"k\":[");
    for (i = 0; i < 120; i++)
      g_string_append (s, "]}");
    in = input_open_len (s->str, s->len);
    CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_BEGIN_OBJECT);
    CU_ASSERT_TRUE (resp_json_reader_skip_value (in.reader, &end));
    CU_ASSERT_EQUAL (end, s->len);
    CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_EOF);
    input_close (&in);
    g_string_free (s, TRUE);
  }
}

/* ---- Trees ---- */

static void
test_tree (void)
{
  Input in = input_open ("{\n"
                         "  \"name\": \"Zoë\",\n"
                         "  \"list\": [1, 2.5, true, null, {\"k\": \"v\"}, false],\n"
                         "  \"日本\": {},\n"
                         "  \"nul\": \"a\\u0000b\",\n"
                         "  \"empty\": []\n"
                         "}\n");
  RespJsonTree *tree;
  RespJsonNode *root, *node, *list, *item;

  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_BEGIN_OBJECT);
  tree = resp_json_reader_read_tree (in.reader, RESP_JSON_TOKEN_BEGIN_OBJECT);
  CU_ASSERT_PTR_NOT_NULL_FATAL (tree);
  /* The reader stops after the value; the rest is up to the caller */
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_EOF);

  root = resp_json_tree_get_root (tree);
  CU_ASSERT_EQUAL (root->type, RESP_JSON_OBJECT);
  CU_ASSERT_EQUAL (root->line, 1);
  CU_ASSERT_EQUAL (root->column, 1);
  CU_ASSERT_PTR_NULL (root->key);
  CU_ASSERT_EQUAL (root->key_line, 0);
  CU_ASSERT_EQUAL (root->v.children.n, 5);

  node = resp_json_node_get_member (root, "name");
  CU_ASSERT_PTR_NOT_NULL_FATAL (node);
  CU_ASSERT_EQUAL (node, root->v.children.items[0]);
  CU_ASSERT_EQUAL (node->type, RESP_JSON_STRING);
  CU_ASSERT_STRING_EQUAL (node->v.string.str, "Zoë");
  CU_ASSERT_EQUAL (node->v.string.len, 4);
  CU_ASSERT_STRING_EQUAL (node->key, "name");
  CU_ASSERT_EQUAL (node->key_line, 2);
  CU_ASSERT_EQUAL (node->key_column, 3);
  CU_ASSERT_EQUAL (node->line, 2);
  CU_ASSERT_EQUAL (node->column, 11);

  list = resp_json_node_get_member (root, "list");
  CU_ASSERT_PTR_NOT_NULL_FATAL (list);
  CU_ASSERT_EQUAL (list->type, RESP_JSON_ARRAY);
  CU_ASSERT_EQUAL (list->line, 3);
  CU_ASSERT_EQUAL (list->column, 11);
  CU_ASSERT_EQUAL (list->key_column, 3);
  CU_ASSERT_EQUAL_FATAL (list->v.children.n, 6);
  item = list->v.children.items[0];
  CU_ASSERT_EQUAL (item->type, RESP_JSON_NUMBER);
  CU_ASSERT (item->v.number.is_int);
  CU_ASSERT_EQUAL (item->v.number.int_value, 1);
  CU_ASSERT_PTR_NULL (item->key);
  CU_ASSERT_EQUAL (item->key_line, 0);
  CU_ASSERT_EQUAL (item->line, 3);
  CU_ASSERT_EQUAL (item->column, 12);
  item = list->v.children.items[1];
  CU_ASSERT_FALSE (item->v.number.is_int);
  CU_ASSERT_DOUBLE_EQUAL (item->v.number.value, 2.5, 0.0);
  CU_ASSERT_EQUAL (item->column, 15);
  item = list->v.children.items[2];
  CU_ASSERT_EQUAL (item->type, RESP_JSON_BOOL);
  CU_ASSERT_TRUE (item->v.boolean);
  CU_ASSERT_EQUAL (list->v.children.items[3]->type, RESP_JSON_NULL);
  CU_ASSERT_EQUAL (list->v.children.items[3]->column, 26);
  item = list->v.children.items[4];
  CU_ASSERT_EQUAL (item->type, RESP_JSON_OBJECT);
  CU_ASSERT_EQUAL (item->column, 32);
  node = resp_json_node_get_member (item, "k");
  CU_ASSERT_PTR_NOT_NULL_FATAL (node);
  CU_ASSERT_STRING_EQUAL (node->v.string.str, "v");
  CU_ASSERT_EQUAL (node->key_column, 33);
  CU_ASSERT_EQUAL (node->column, 38);
  item = list->v.children.items[5];
  CU_ASSERT_EQUAL (item->type, RESP_JSON_BOOL);
  CU_ASSERT_FALSE (item->v.boolean);

  node = resp_json_node_get_member (root, "日本");
  CU_ASSERT_PTR_NOT_NULL_FATAL (node);
  CU_ASSERT_EQUAL (node->type, RESP_JSON_OBJECT);
  CU_ASSERT_EQUAL (node->v.children.n, 0);
  CU_ASSERT_EQUAL (node->key_line, 4);
  CU_ASSERT_EQUAL (node->key_column, 3);
  CU_ASSERT_EQUAL (node->column, 9);

  node = resp_json_node_get_member (root, "nul");
  CU_ASSERT_PTR_NOT_NULL_FATAL (node);
  CU_ASSERT_EQUAL (node->v.string.len, 3);
  CU_ASSERT (memcmp (node->v.string.str, "a\0b", 4) == 0);

  node = resp_json_node_get_member (root, "empty");
  CU_ASSERT_PTR_NOT_NULL_FATAL (node);
  CU_ASSERT_EQUAL (node->type, RESP_JSON_ARRAY);
  CU_ASSERT_EQUAL (node->v.children.n, 0);
  CU_ASSERT_EQUAL (node->line, 6);
  CU_ASSERT_EQUAL (node->column, 12);

  CU_ASSERT_PTR_NULL (resp_json_node_get_member (root, "missing"));
  CU_ASSERT_PTR_NULL (resp_json_node_get_member (list, "name"));
  CU_ASSERT_PTR_NULL (resp_json_node_get_member (NULL, "name"));

  resp_json_tree_free (tree);
  input_close (&in);
}

static void
test_tree_scalars_and_subtrees (void)
{
  Input in;
  RespJsonTree *tree;
  RespJsonNode *root;

  in = input_open ("  \"text\"  ");
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_STRING);
  tree = resp_json_reader_read_tree (in.reader, RESP_JSON_TOKEN_STRING);
  CU_ASSERT_PTR_NOT_NULL_FATAL (tree);
  root = resp_json_tree_get_root (tree);
  CU_ASSERT_EQUAL (root->type, RESP_JSON_STRING);
  CU_ASSERT_STRING_EQUAL (root->v.string.str, "text");
  CU_ASSERT_EQUAL (root->column, 3);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_EOF);
  resp_json_tree_free (tree);
  input_close (&in);

  in = input_open ("-9223372036854775808");
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_NUMBER);
  tree = resp_json_reader_read_tree (in.reader, RESP_JSON_TOKEN_NUMBER);
  CU_ASSERT_PTR_NOT_NULL_FATAL (tree);
  root = resp_json_tree_get_root (tree);
  CU_ASSERT (root->v.number.is_int);
  CU_ASSERT_EQUAL (root->v.number.int_value, G_MININT64);
  resp_json_tree_free (tree);
  input_close (&in);

  /* A subtree in the middle of a stream */
  in = input_open ("[{\"a\": [1, 2]}, 3]");
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_BEGIN_ARRAY);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_BEGIN_OBJECT);
  tree = resp_json_reader_read_tree (in.reader, RESP_JSON_TOKEN_BEGIN_OBJECT);
  CU_ASSERT_PTR_NOT_NULL_FATAL (tree);
  root = resp_json_tree_get_root (tree);
  CU_ASSERT_EQUAL (root->type, RESP_JSON_OBJECT);
  CU_ASSERT_EQUAL (root->column, 2);
  CU_ASSERT_PTR_NULL (root->key);
  CU_ASSERT_EQUAL (resp_json_node_get_member (root, "a")->v.children.n, 2);
  CU_ASSERT_EQUAL (resp_json_reader_get_depth (in.reader), 1);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_NUMBER);
  CU_ASSERT_EQUAL (resp_json_reader_get_int (in.reader), 3);
  resp_json_tree_free (tree);
  input_close (&in);

  resp_json_tree_free (NULL);
}

static void
test_tree_errors (void)
{
  Input in;

  in = input_open ("{\"a\": [1, 2, {\"b\": 1, \"b\": 2}]}");
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_BEGIN_OBJECT);
  CU_ASSERT_PTR_NULL (resp_json_reader_read_tree (in.reader, RESP_JSON_TOKEN_BEGIN_OBJECT));
  CU_ASSERT_EQUAL (resp_json_reader_get_status (in.reader), RESP_JSON_READER_DUPLICATE_KEY);
  CU_ASSERT_EQUAL (resp_json_reader_get_line (in.reader), 1);
  CU_ASSERT_EQUAL (resp_json_reader_get_column (in.reader), 23);
  input_close (&in);

  in = input_open ("[1, 2");
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_BEGIN_ARRAY);
  CU_ASSERT_PTR_NULL (resp_json_reader_read_tree (in.reader, RESP_JSON_TOKEN_BEGIN_ARRAY));
  CU_ASSERT_EQUAL (resp_json_reader_get_status (in.reader), RESP_JSON_READER_SYNTAX);
  CU_ASSERT_EQUAL (resp_json_reader_get_column (in.reader), 6);
  input_close (&in);
}

static void
test_tree_big_and_deep (void)
{
  GString *s = g_string_new ("[");
  Input in;
  RespJsonTree *tree;
  RespJsonNode *node;
  guint i, depth;
  gboolean ok = TRUE;

  /* Enough elements for child arrays bigger than an arena block */
  for (i = 0; i < 20000; i++)
    g_string_append_printf (s, "%s{\"i\": %u, \"s\": \"v%u\"}", i ? ",\n" : "", i, i);
  g_string_append (s, "]");
  in = input_open_len (s->str, s->len);
  resp_json_reader_next (in.reader);
  tree = resp_json_reader_read_tree (in.reader, RESP_JSON_TOKEN_BEGIN_ARRAY);
  CU_ASSERT_PTR_NOT_NULL_FATAL (tree);
  node = resp_json_tree_get_root (tree);
  CU_ASSERT_EQUAL_FATAL (node->v.children.n, 20000);
  for (i = 0; i < 20000; i++)
    {
      RespJsonNode *item = node->v.children.items[i];
      RespJsonNode *value = resp_json_node_get_member (item, "i");
      char *expected = g_strdup_printf ("v%u", i);

      if (value == NULL || value->v.number.int_value != i || item->line != i + 1 ||
          item->column != (i ? 1u : 2u) || value->key_column != (i ? 2u : 3u) ||
          strcmp (resp_json_node_get_member (item, "s")->v.string.str, expected) != 0)
        ok = FALSE;
      g_free (expected);
    }
  CU_ASSERT (ok);
  resp_json_tree_free (tree);
  input_close (&in);

  /* As deep as the reader allows */
  g_string_truncate (s, 0);
  for (i = 0; i < RESP_JSON_READER_DEFAULT_MAX_DEPTH; i++)
    g_string_append (s, i % 2 ? "{\"k\":" : "[");
  g_string_append (s, "0");
  for (i = RESP_JSON_READER_DEFAULT_MAX_DEPTH; i > 0; i--)
    g_string_append (s, (i - 1) % 2 ? "}" : "]");
  in = input_open_len (s->str, s->len);
  resp_json_reader_next (in.reader);
  tree = resp_json_reader_read_tree (in.reader, RESP_JSON_TOKEN_BEGIN_ARRAY);
  CU_ASSERT_PTR_NOT_NULL_FATAL (tree);
  node = resp_json_tree_get_root (tree);
  for (depth = 0; node != NULL && node->type != RESP_JSON_NUMBER; depth++)
    node = node->type == RESP_JSON_ARRAY ? node->v.children.items[0]
                                         : resp_json_node_get_member (node, "k");
  CU_ASSERT_EQUAL (depth, RESP_JSON_READER_DEFAULT_MAX_DEPTH);
  CU_ASSERT_EQUAL (resp_json_reader_next (in.reader), RESP_JSON_TOKEN_EOF);
  resp_json_tree_free (tree);
  input_close (&in);

  g_string_free (s, TRUE);
}

/* ---- Main ---- */

static CU_TestInfo token_tests[] = {
  { "basic tokens", test_tokens_basic },
  { "multi-line positions", test_positions_multiline },
  { "scalar top-level values", test_scalar_top_level },
  { "input is not NUL-terminated", test_not_nul_terminated },
  { "raw literals", test_raw },
  { "strings and escapes", test_strings },
  { "numbers", test_numbers },
  { "columns on a long line", test_long_line_columns },
  { "columns counted for every token, near the end too", test_columns_counted },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo error_tests[] = {
  { "empty input", test_empty },
  { "syntax errors", test_syntax_errors },
  { "string errors", test_string_errors },
  { "number errors", test_number_errors },
  { "columns count code points", test_multibyte_columns },
  { "byte-order marks", test_bom },
  { "invalid UTF-8", test_invalid_utf8 },
  { "duplicate keys", test_duplicate_keys },
  { "duplicate keys in big objects", test_duplicate_keys_big_objects },
  { "nesting limit", test_depth_limit },
  { "string limit", test_string_limit },
  { "errors stick", test_errors_stick },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo skip_tests[] = {
  { "skip_value", test_skip_value },
  { "a member name survives its value", test_key_survives_value },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo tree_tests[] = {
  { "tree positions and lookups", test_tree },
  { "scalar roots and subtrees", test_tree_scalars_and_subtrees },
  { "tree errors", test_tree_errors },
  { "big and deep trees", test_tree_big_and_deep },
  CU_TEST_INFO_NULL,
};

/* What the writer must give for s, a byte at a time */
static void
escape_by_hand (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) s; *p != '\0'; p++)
    {
      const char *two = *p == '"' ? "\\\"" : *p == '\\' ? "\\\\" : *p == '\n' ? "\\n" : *p == '\r' ? "\\r"
                        : *p == '\t' ? "\\t" : *p == '\b' ? "\\b" : *p == '\f' ? "\\f" : NULL;

      if (two != NULL)
        g_string_append (out, two);
      else if (*p < 0x20)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, (char) *p);
    }
  g_string_append_c (out, '"');
}

/* Every byte value at every place of strings of 1 to 20 bytes (the writer
 * looks at eight at a time, then at the rest one by one), and two escapes
 * side by side, as escape_by_hand() writes them */
static void
test_writer_escapes_everywhere (void)
{
  GString *got = g_string_new (NULL), *want = g_string_new (NULL);
  char s[24];
  guint wrong = 0, checked = 0;

  for (guint len = 1; len <= 20; len++)
    for (guint at = 0; at < len; at++)
      for (guint b = 1; b < 256; b++)
        {
          memset (s, 'x', len);
          s[len] = '\0';
          s[at] = (char) b;
          if (at + 1 < len && b % 7 == 0)
            s[at + 1] = '"';
          g_string_truncate (got, 0);
          g_string_truncate (want, 0);
          resp_json_append_escaped (got, s);
          escape_by_hand (want, s);
          wrong += strcmp (got->str, want->str) != 0;
          checked++;
        }
  CU_ASSERT_EQUAL (checked, 210 * 255);
  CU_ASSERT_EQUAL (wrong, 0);
  g_string_free (got, TRUE);
  g_string_free (want, TRUE);
}

/* The writer every JSON output goes through: the escapes of RFC 8259
 * (the two-character ones, \u00XX for the other controls, the rest as it
 * is, DEL and UTF-8 included) and the layout (two spaces a level, inline
 * arrays on one line) */
static void
test_writer (void)
{
  GString *out = g_string_new (NULL);
  RespJsonWriter w;

  resp_json_append_escaped (out, "a\"b\\c\n\r\t\b\f\x01\x1f\x7f\xe2\x82\xac.");
  CU_ASSERT_STRING_EQUAL (out->str, "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\x7f\xe2\x82\xac.\"");
  g_string_truncate (out, 0);
  resp_json_append_escaped (out, "");
  CU_ASSERT_STRING_EQUAL (out->str, "\"\"");

  g_string_truncate (out, 0);
  resp_json_writer_init (&w, out);
  resp_json_writer_begin_object (&w);
  resp_json_writer_key (&w, "k");
  resp_json_writer_begin_array (&w, TRUE);
  resp_json_writer_int (&w, 1);
  resp_json_writer_bool (&w, TRUE);
  resp_json_writer_null (&w);
  resp_json_writer_end_array (&w);
  resp_json_writer_key (&w, "o");
  resp_json_writer_begin_object (&w);
  resp_json_writer_member_string (&w, "s", "x");
  resp_json_writer_member_string (&w, "n", NULL);
  resp_json_writer_key (&w, "e");
  resp_json_writer_begin_array (&w, FALSE);
  resp_json_writer_end_array (&w);
  resp_json_writer_end_object (&w);
  resp_json_writer_end_object (&w);
  CU_ASSERT_STRING_EQUAL (out->str, "{\n  \"k\": [1, true, null],\n  \"o\": {\n    \"s\": \"x\",\n"
                                    "    \"n\": null,\n    \"e\": []\n  }\n}");

  /* as deep as the writer goes (63 levels; deeper arrays stay at 63):
   * "[", then for d = 1..62 a newline, 2d spaces and "[", then eight times
   * (seven arrays and the number) a newline, 126 spaces and one character */
  g_string_truncate (out, 0);
  resp_json_writer_init (&w, out);
  for (guint i = 0; i < 70; i++)
    resp_json_writer_begin_array (&w, FALSE);
  resp_json_writer_int (&w, 7);
  CU_ASSERT_EQUAL (out->len, 1 + (62 * 2 + 62 * 63) + 8 * 128);
  CU_ASSERT_EQUAL (out->str[out->len - 128], '\n');
  CU_ASSERT (strspn (out->str + out->len - 127, " ") == 126 && out->str[out->len - 1] == '7');
  g_string_free (out, TRUE);
}

/* Literal keys (RESP_JSON_KEY, RESP_JSON_MEMBER_STRING) are written as
 * resp_json_writer_key() and _member_string() write them, in every place a
 * key can stand: first and later in an object, nested, after an inline
 * array, with a string and with null */
static void
write_members (RespJsonWriter *w, gboolean literal)
{
  resp_json_writer_begin_object (w);
  if (literal)
    RESP_JSON_KEY (w, "k");
  else
    resp_json_writer_key (w, "k");
  resp_json_writer_begin_array (w, TRUE);
  resp_json_writer_int (w, 1);
  resp_json_writer_end_array (w);
  if (literal)
    RESP_JSON_MEMBER_STRING (w, "person_id", "p-1");
  else
    resp_json_writer_member_string (w, "person_id", "p-1");
  if (literal)
    RESP_JSON_KEY (w, "o2");
  else
    resp_json_writer_key (w, "o2");
  resp_json_writer_begin_object (w);
  if (literal)
    RESP_JSON_MEMBER_STRING (w, "n", NULL);
  else
    resp_json_writer_member_string (w, "n", NULL);
  if (literal)
    RESP_JSON_MEMBER_STRING (w, "s", "a\"b");
  else
    resp_json_writer_member_string (w, "s", "a\"b");
  resp_json_writer_end_object (w);
  resp_json_writer_end_object (w);
}

static void
test_writer_literal_keys (void)
{
  GString *a = g_string_new (NULL), *b = g_string_new (NULL);
  RespJsonWriter w;

  resp_json_writer_init (&w, a);
  write_members (&w, FALSE);
  resp_json_writer_init (&w, b);
  write_members (&w, TRUE);
  CU_ASSERT_STRING_EQUAL (b->str, a->str);
  CU_ASSERT_STRING_EQUAL (b->str, "{\n  \"k\": [1],\n  \"person_id\": \"p-1\",\n  \"o2\": {\n"
                                  "    \"n\": null,\n    \"s\": \"a\\\"b\"\n  }\n}");
  g_string_free (a, TRUE);
  g_string_free (b, TRUE);
}

/* The text renderers' appends: RESP_CAT writes what g_string_append_printf()
 * with %s conversions writes (NULL as glibc's "(null)", empty pieces,
 * UTF-8), and resp_render_uint() what %u writes */
static void
test_render_appends (void)
{
  static const guint numbers[] = { 0, 1, 9, 10, 99, 100, 12345, 4294967295u };
  GString *got = g_string_new ("x"), *want = g_string_new ("x");
  const char *none = NULL;

  RESP_CAT (got, "事件 ", "e-1", "", "：标题", "\n");
  g_string_append_printf (want, "事件 %s%s%s\n", "e-1", "", "：标题");
  RESP_CAT (got, "a", none, "b");
  g_string_append (want, "a(null)b");
  RESP_CAT (got, "");
  CU_ASSERT_STRING_EQUAL (got->str, want->str);
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_string_truncate (got, 0);
      g_string_truncate (want, 0);
      resp_render_uint (got, numbers[i]);
      g_string_append_printf (want, "%u", numbers[i]);
      CU_ASSERT_STRING_EQUAL (got->str, want->str);
    }
  g_string_free (got, TRUE);
  g_string_free (want, TRUE);
}

static CU_TestInfo writer_tests[] = {
  { "escapes and layout", test_writer },
  { "escapes at every place of short and long strings", test_writer_escapes_everywhere },
  { "literal keys as keys written one by one", test_writer_literal_keys },
  { "the text renderers' appends", test_render_appends },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "json-reader tokens", NULL, NULL, NULL, NULL, token_tests },
  { "json-reader errors", NULL, NULL, NULL, NULL, error_tests },
  { "json-reader skip", NULL, NULL, NULL, NULL, skip_tests },
  { "json-reader trees", NULL, NULL, NULL, NULL, tree_tests },
  { "json-writer", NULL, NULL, NULL, NULL, writer_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return test_main (suites);
}
