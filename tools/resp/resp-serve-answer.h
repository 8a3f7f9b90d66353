/* resp-serve-answer.h: the answers of `resp serve`, without the network
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * What a request is answered, from its method, path, query and body:
 * the routing and the work, which the server (resp-serve.c) runs on its
 * thread pool and the request-handler fuzz target (tests/fuzz) calls
 * directly. Nothing here touches a socket or the main loop.
 */
#pragma once

#include <glib.h>
#include <resp/resp.h>

G_BEGIN_DECLS

/* What the server answers from: the model, its rulebook and record as
 * loaded together. Shared by reference between the main loop and the
 * jobs in flight, so that a job finishes on the generation it started
 * with whatever the main loop serves meanwhile; frozen once made. */
typedef struct {
  gint          refs;             /* atomic */
  guint64       number;           /* 1: the one loaded at start */
  RespModel    *model;
  RespRulebook *rulebook;
  RespRecord   *record;           /* nullable */
  char         *model_sha256;
  char         *loaded_at;
} Generation;

Generation *generation_ref   (Generation *g);
void        generation_unref (Generation *g);

/* The resources. The first six are answered by serve_run() from a
 * generation; the server answers the other three itself. */
typedef enum {
  ENDPOINT_WHO,
  ENDPOINT_SCOPE,
  ENDPOINT_AUDIT,
  ENDPOINT_ASSESS,
  ENDPOINT_VALIDATE,
  ENDPOINT_DUTIES,
  ENDPOINT_HEALTH,
  ENDPOINT_METRICS,
  ENDPOINT_RELOAD,
  ENDPOINT_NONE,                  /* answered by the routing: 404 or 405 */
} Endpoint;

typedef struct {
  guint       status;
  const char *content_type;       /* static */
  char       *text;               /* owned */
  const char *allow;              /* static; the Allow header of a 405, else NULL */
} ServeAnswer;

void      serve_answer_clear (ServeAnswer *answer);

/* The JSON string of text (made valid UTF-8) appended to out. */
void      serve_json_string  (GString *out, const char *text);
/* {"error": {"code", "message", "diagnostics": [{"line", "column",
 * "message"}…]}}: positions are those of the request body; with_file
 * adds each diagnostic's "file" (a reload's). */
char     *serve_error_json   (const char *code, const char *message, GPtrArray *diags, gboolean with_file);

/* The resource of method on path; ENDPOINT_NONE with answer filled (404,
 * or 405 with its Allow) when there is none. *arg: the node or person of
 * /v1/who/ and /v1/scope/, else NULL. */
Endpoint  serve_route        (const char *method, const char *path, char **arg, ServeAnswer *answer);

/* The answer of one of the first six endpoints from g: query (nullable)
 * as libsoup decodes it, body (nullable) as sent. Thread-safe: g is
 * frozen. */
void      serve_run          (Generation *g, Endpoint endpoint, const char *arg, GHashTable *query, GBytes *body,
                              ServeAnswer *answer);

G_END_DECLS
