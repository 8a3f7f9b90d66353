/* fuzz-serve.c: the request handler of `resp serve`, without the network
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is a request as the handler sees it: a first line
 * "METHOD TARGET" (TARGET: the path, then '?' and the query, as sent),
 * and the body after it. The path and query go through the routing and,
 * for the six endpoints the server hands to its pool, through the work
 * (tools/resp/resp-serve-answer.c), against city.json and the default
 * rulebook with no record. Every answer must be one the contract allows
 * (docs/openapi.yaml): 200, or 400, 404 or 405 as JSON of the error
 * shape; a 405 names its Allow; every body is valid UTF-8 and a JSON one
 * a single well-formed document.
 */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "fuzz-common.h"
#include "resp-serve-answer.h"

static Generation *generation;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init (argc, argv);
  generation = g_new0 (Generation, 1);
  generation->refs = 1;
  generation->number = 1;
  generation->model = resp_model_ref (fuzz_city ());
  generation->rulebook = resp_rulebook_new_default ();
  if (generation->rulebook == NULL)
    fuzz_fail ("the default rulebook does not load");
  generation->model_sha256 = g_strdup ("0");
  generation->loaded_at = g_strdup ("2026-01-01T00:00:00+08:00");
  return 0;
}

static void
check_answer (const ServeAnswer *answer, Endpoint endpoint, const char *target)
{
  gboolean json;

  if (answer->text == NULL || answer->content_type == NULL)
    fuzz_fail ("%s: no answer", target);
  if (!g_utf8_validate (answer->text, -1, NULL))
    fuzz_fail ("%s: the answer is not UTF-8", target);
  json = g_str_equal (answer->content_type, "application/json");
  switch (answer->status)
    {
    case SOUP_STATUS_OK:
      if (endpoint == ENDPOINT_NONE)
        fuzz_fail ("%s: 200 from the routing", target);
      break;
    case SOUP_STATUS_METHOD_NOT_ALLOWED:
      if (answer->allow == NULL)
        fuzz_fail ("%s: 405 without Allow", target);
      G_GNUC_FALLTHROUGH;
    case SOUP_STATUS_BAD_REQUEST:
    case SOUP_STATUS_NOT_FOUND:
      if (!json || !g_str_has_prefix (answer->text, "{\"error\": {\"code\": \""))
        fuzz_fail ("%s: %u is not an error of the contract: %s", target, answer->status, answer->text);
      break;
    default:
      fuzz_fail ("%s: status %u", target, answer->status);
    }
  if (json)
    fuzz_check_render (g_strdup (answer->text), RESP_FORMAT_JSON, target);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data, *end = memchr (data, '\n', size);
  gsize line_len = end != NULL ? (gsize) (end - text) : size;
  char *line = g_strndup (text, line_len);      /* stops at a NUL too, as a header would */
  char *space = strchr (line, ' '), *mark, *arg = NULL;
  GHashTable *query = NULL;
  GBytes *body;
  ServeAnswer answer = { 0 };
  Endpoint endpoint;

  if (space == NULL || !g_utf8_validate (line, -1, NULL))
    {
      g_free (line);
      return 0;
    }
  *space = '\0';
  mark = strchr (space + 1, '?');
  if (mark != NULL)
    {
      *mark = '\0';
      query = soup_form_decode (mark + 1);
    }
  body = g_bytes_new (end != NULL ? end + 1 : "", end != NULL ? size - line_len - 1 : 0);
  endpoint = serve_route (line, space + 1, &arg, &answer);
  switch (endpoint)
    {
    case ENDPOINT_NONE:
      check_answer (&answer, endpoint, space + 1);
      break;
    case ENDPOINT_HEALTH:
    case ENDPOINT_METRICS:
    case ENDPOINT_RELOAD:
      /* the server's own, from its state */
      break;
    default:
      serve_run (generation, endpoint, arg, query, body, &answer);
      check_answer (&answer, endpoint, space + 1);
      break;
    }
  serve_answer_clear (&answer);
  g_free (arg);
  g_bytes_unref (body);
  g_clear_pointer (&query, g_hash_table_unref);
  g_free (line);
  return 0;
}
