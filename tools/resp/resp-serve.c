/* resp-serve.c: `resp serve`, libresp over HTTP (issue 18)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One frozen model, its rulebook layers and an optional record, loaded at
 * start and shared by every request. The main loop only accepts, routes
 * and answers: anything that parses or computes (who, scope, audit,
 * assess, validate) runs in a thread pool, the message paused meanwhile,
 * so that a long assessment never delays a health check. libsoup's
 * server objects belong to the main thread: a worker fills a Job and the
 * main loop puts its answer on the message.
 *
 * The bodies are what the CLI prints for the same question, byte for
 * byte; errors are JSON of one shape (see reply_error()).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib-unix.h>
#include <libsoup/soup.h>

#include <resp/resp.h>

#include "resp-serve.h"
#include "resp-serve-answer.h"

enum { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };

#define DEFAULT_MAX_BODY (64 * 1024 * 1024)
#define DEFAULT_MAX_HEADER 16384
#define DEFAULT_MAX_CONNECTIONS 256
#define DEFAULT_IDLE_TIMEOUT 30
#define DEFAULT_REQUEST_TIMEOUT 60
/* libsoup has no name for it */
#define STATUS_HEADER_TOO_LARGE 431
/* how long a stop waits for requests in flight before it gives up on them */
#define DRAIN_SECONDS 30

/* What /metrics counts a request under. */
typedef enum {
  ROUTE_HEALTH,
  ROUTE_WHO,
  ROUTE_SCOPE,
  ROUTE_AUDIT,
  ROUTE_ASSESS,
  ROUTE_VALIDATE,
  ROUTE_DUTIES,
  ROUTE_METRICS,
  ROUTE_RELOAD,
  ROUTE_OTHER,
  N_ROUTES
} Route;

static const char * const route_names[N_ROUTES] = {
  "health", "who", "scope", "audit", "assess", "validate", "duties", "metrics", "reload", "other",
};

/* the upper bounds of the latency histogram, in seconds (+Inf after) */
static const double latency_bounds[] = { 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
                                         5, 10 };
#define N_BOUNDS G_N_ELEMENTS (latency_bounds)

typedef struct {
  guint64 buckets[N_BOUNDS + 1];  /* not cumulative: one count a bucket, +Inf last */
  guint64 count;
  double  sum;
} Histogram;

typedef struct {
  Generation   *current;          /* what new requests are answered from; main loop only */
  guint64       max_body;
  SoupServer   *soup;
  GThreadPool  *pool;
  GMainLoop    *loop;
  guint         in_flight;        /* requests between their headers and their end */
  gboolean      stopping;
  guint         drain_source;
  GPtrArray    *token_digests;  /* SHA-256 of each token; NULL: no token needed */
  /* limits (see serve_entries) */
  guint64       max_header;
  guint         max_connections;
  guint         idle_timeout;
  guint         request_timeout;
  GHashTable   *connections;    /* GSocket (weak) -> Connection, of each open connection */
  guint64       connections_refused;
  guint64       requests_timed_out;
  GPtrArray    *admin_digests;  /* of each admin token (also good for the rest); nullable */
  /* reloads: one at a time, in a thread of their own */
  const char   *model_path;
  GThreadPool  *reload_pool;
  gboolean      reloading;
  gboolean      reload_again;   /* a SIGHUP came while one ran */
  guint64       reloads_ok;
  guint64       reloads_failed;
  /* /metrics, kept by the main loop alone */
  GHashTable   *answered;       /* "ROUTE STATUS" -> count (a pointer-sized integer) */
  Histogram     latency[N_ROUTES];
} Server;

/* One request handed to the pool: the worker reads the inputs and fills
 * the answer; the main loop delivers it unless the client has gone. */
typedef struct {
  Server            *server;
  Generation        *gen;          /* a reference: what the job answers from */
  SoupServerMessage *msg;
  Endpoint           endpoint;
  char              *arg;          /* the node or person; nullable */
  GHashTable        *query;        /* owned copy; nullable */
  GBytes            *body;         /* nullable */
  gulong             finished_id;
  gboolean           gone;
  ServeAnswer        answer;
} Job;

/* A request's body, gathered chunk by chunk instead of by libsoup so that
 * a chunked body (whose size the early check cannot know) costs no more
 * memory than the limit: past it the rest is read and dropped, and the
 * answer is 413. */
typedef struct {
  GByteArray *data;
  gboolean    over;
  gint64      started;          /* monotonic µs, at its headers */
  gboolean    written;          /* the whole answer went out */
  guint64     generation;       /* what it was answered from */
  gboolean    headed;           /* its headers came: counted in flight */
  gboolean    refused;          /* its connection was one over --max-connections: shut */
  guint       deadline;         /* the source that cuts it off when it is slow; 0 once read */
} Body;

static void
body_free (gpointer data)
{
  Body *b = data;

  if (b->deadline != 0)
    g_source_remove (b->deadline);
  if (b->data != NULL)
    g_byte_array_unref (b->data);
  g_free (b);
}

static void
set_answer (SoupServerMessage *msg, guint status, const char *content_type, char *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, text, strlen (text));
}

static void
reply_error (SoupServerMessage *msg, guint status, const char *code, const char *message, GPtrArray *diags)
{
  set_answer (msg, status, "application/json", serve_error_json (code, message, diags, FALSE));
}

static void
job_free (Job *job)
{
  g_free (job->arg);
  g_clear_pointer (&job->query, g_hash_table_unref);
  g_clear_pointer (&job->body, g_bytes_unref);
  generation_unref (job->gen);
  serve_answer_clear (&job->answer);
  g_object_unref (job->msg);
  g_free (job);
}

static void
job_finished (SoupServerMessage *msg, gpointer data)
{
  Job *job = data;

  (void) msg;
  job->gone = TRUE;
}

/* In the main loop, after the worker: the answer onto the message. */
static gboolean
job_deliver (gpointer data)
{
  Job *job = data;

  g_signal_handler_disconnect (job->msg, job->finished_id);
  if (!job->gone)
    {
      set_answer (job->msg, job->answer.status, job->answer.content_type, job->answer.text);
      job->answer.text = NULL;
      soup_server_message_unpause (job->msg);
    }
  job_free (job);
  return G_SOURCE_REMOVE;
}

static void
job_run (gpointer data, gpointer user_data)
{
  Job *job = data;

  (void) user_data;
  serve_run (job->gen, job->endpoint, job->arg, job->query, job->body, &job->answer);
  g_main_context_invoke (NULL, job_deliver, job);
}

/* ---- routing, in the main loop ---- */

static GHashTable *
copy_query (GHashTable *query)
{
  GHashTable *copy;
  GHashTableIter iter;
  gpointer key, value;

  if (query == NULL)
    return NULL;
  copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
  return copy;
}

static void
submit (Server *s, SoupServerMessage *msg, Endpoint endpoint, const char *arg, GHashTable *query)
{
  Job *job = g_new0 (Job, 1);
  Body *body = g_object_get_data (G_OBJECT (msg), "resp-body");

  job->server = s;
  job->gen = generation_ref (s->current);
  job->msg = g_object_ref (msg);
  job->endpoint = endpoint;
  job->arg = g_strdup (arg);
  job->query = copy_query (query);
  if (endpoint == ENDPOINT_ASSESS || endpoint == ENDPOINT_VALIDATE || endpoint == ENDPOINT_DUTIES)
    {
      job->body = g_byte_array_free_to_bytes (body->data);
      body->data = NULL;
    }
  job->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (job_finished), job);
  soup_server_message_pause (msg);
  g_thread_pool_push (s->pool, job, NULL);
}

static char *
health_json (Server *s)
{
  Generation *g = s->current;
  GString *out = g_string_new ("{\n  \"status\": \"ok\",\n  \"model\": {\"name\": ");

  serve_json_string (out, resp_model_get_name (g->model));
  g_string_append (out, ", \"source\": ");
  serve_json_string (out, resp_model_get_source (g->model));
  g_string_append (out, ", \"sha256\": ");
  serve_json_string (out, g->model_sha256);
  g_string_append_printf (out, ", \"nodes\": %u, \"relations\": %u},\n  \"rulebook\": {\"id\": ",
                          resp_model_get_n_nodes (g->model), resp_model_get_n_relations (g->model));
  serve_json_string (out, resp_rulebook_get_id (g->rulebook));
  g_string_append (out, ", \"title\": ");
  serve_json_string (out, resp_rulebook_get_title (g->rulebook));
  g_string_append_printf (out, "},\n  \"record\": %s,\n  \"generation\": %" G_GUINT64_FORMAT ",\n  \"loaded_at\": ",
                          g->record != NULL ? "true" : "false", g->number);
  serve_json_string (out, g->loaded_at);
  g_string_append_printf (out, ",\n  \"in_flight\": %u\n}\n", s->in_flight);
  return g_string_free (out, FALSE);
}

static void
reply_health (Server *s, SoupServerMessage *msg, GHashTable *query)
{
  if (query != NULL && g_hash_table_size (query) > 0)
    reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-argument", "health takes no query parameters", NULL);
  else
    set_answer (msg, SOUP_STATUS_OK, "application/json", health_json (s));
}

/* ---- reload: the files loaded again beside the model served ---- */

static Generation *load_generation (const char *model_path, GPtrArray **diags, GError **error);

/* One reload: from POST /v1/reload (msg paused meanwhile) or SIGHUP. */
typedef struct {
  Server            *server;
  SoupServerMessage *msg;          /* nullable */
  gulong             finished_id;
  gboolean           gone;
  Generation        *gen;          /* the result, or NULL with: */
  GPtrArray         *diags;
  GError            *error;
} Reload;

static void
reload_log (const char *result, const char *message)
{
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "RESP_RELOAD", result, "MESSAGE", "%s", message);
}

static void reload_start (Server *s, SoupServerMessage *msg);

/* In the main loop, once the files are read: swap, or keep what serves. */
static gboolean
reload_deliver (gpointer data)
{
  Reload *r = data;
  Server *s = r->server;
  guint status;
  char *answer, *message;

  if (r->gen != NULL)
    {
      Generation *old = s->current;

      r->gen->number = old->number + 1;
      s->current = r->gen;
      r->gen = NULL;
      /* the jobs in flight hold their own references to the old one */
      generation_unref (old);
      s->reloads_ok++;
      message = g_strdup_printf ("reload: generation %" G_GUINT64_FORMAT " serves (model sha256 %s)",
                                 s->current->number, s->current->model_sha256);
      reload_log ("ok", message);
      status = SOUP_STATUS_OK;
      answer = health_json (s);
    }
  else
    {
      GString *text = g_string_new (NULL);

      s->reloads_failed++;
      message = g_strdup_printf ("the files did not load; generation %" G_GUINT64_FORMAT " still serves",
                                 s->current->number);
      g_string_printf (text, "reload failed: %s", message);
      for (guint i = 0; r->diags != NULL && i < r->diags->len; i++)
        {
          char *line = resp_diagnostic_to_string (r->diags->pdata[i]);

          g_string_append_printf (text, "\n  %s", line);
          g_free (line);
        }
      if ((r->diags == NULL || r->diags->len == 0) && r->error != NULL)
        g_string_append_printf (text, "\n  %s", r->error->message);
      reload_log ("failed", text->str);
      g_string_free (text, TRUE);
      if (r->diags == NULL || r->diags->len == 0)
        {
          char *more = g_strdup_printf ("%s: %s", message, r->error != NULL ? r->error->message : "unknown error");

          g_free (message);
          message = more;
        }
      status = SOUP_STATUS_UNPROCESSABLE_ENTITY;
      answer = serve_error_json ("reload-failed", message, r->diags, TRUE);
    }
  if (r->msg != NULL)
    {
      g_signal_handler_disconnect (r->msg, r->finished_id);
      if (!r->gone)
        {
          set_answer (r->msg, status, "application/json", answer);
          answer = NULL;
          soup_server_message_unpause (r->msg);
        }
      g_object_unref (r->msg);
    }
  g_free (answer);
  g_free (message);
  g_clear_pointer (&r->diags, g_ptr_array_unref);
  g_clear_error (&r->error);
  g_free (r);
  s->reloading = FALSE;
  if (s->reload_again && !s->stopping)
    {
      s->reload_again = FALSE;
      reload_start (s, NULL);
    }
  return G_SOURCE_REMOVE;
}

static void
reload_run (gpointer data, gpointer user_data)
{
  Reload *r = data;

  (void) user_data;
  r->gen = load_generation (r->server->model_path, &r->diags, &r->error);
  g_main_context_invoke (NULL, reload_deliver, r);
}

static void
reload_finished (SoupServerMessage *msg, gpointer data)
{
  Reload *r = data;

  (void) msg;
  r->gone = TRUE;
}

/* A reload, unless one runs: then POST /v1/reload is answered 409 and a
 * SIGHUP runs one more after it. */
static void
reload_start (Server *s, SoupServerMessage *msg)
{
  Reload *r;

  if (s->reloading)
    {
      if (msg != NULL)
        reply_error (msg, SOUP_STATUS_CONFLICT, "reload-in-progress", "a reload is running; try again when it ends",
                     NULL);
      else
        s->reload_again = TRUE;
      return;
    }
  s->reloading = TRUE;
  r = g_new0 (Reload, 1);
  r->server = s;
  if (msg != NULL)
    {
      r->msg = g_object_ref (msg);
      r->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (reload_finished), r);
      soup_server_message_pause (msg);
    }
  g_thread_pool_push (s->reload_pool, r, NULL);
}

static gboolean
on_hangup (gpointer data)
{
  Server *s = data;

  if (!s->stopping)
    reload_start (s, NULL);
  return G_SOURCE_CONTINUE;
}

static gboolean token_in (GPtrArray *digests, SoupServerMessage *msg);

/* POST /v1/reload: with tokens, only an admin token may. */
static void
handle_reload (Server *s, SoupServerMessage *msg, GHashTable *query)
{
  if (query != NULL && g_hash_table_size (query) > 0)
    reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-argument", "reload takes no query parameters", NULL);
  else if (s->admin_digests == NULL && s->token_digests != NULL)
    reply_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden",
                 "this server takes no reload over HTTP: it has tokens but no --admin-token-file (send SIGHUP)",
                 NULL);
  else if (s->admin_digests != NULL && !token_in (s->admin_digests, msg))
    reply_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden", "reload needs a token of --admin-token-file", NULL);
  else
    reload_start (s, msg);
}

static char *metrics_text (Server *s);

static void
handle (SoupServer *soup, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer data)
{
  Server *s = data;
  Body *body = g_object_get_data (G_OBJECT (msg), "resp-body");
  ServeAnswer answer = { 0 };
  char *arg = NULL;
  Endpoint endpoint;

  (void) soup;
  if (body->over)
    {
      /* a chunked body, which the early check cannot measure */
      reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "body-too-large",
                   "the request body is over the limit (--max-body)", NULL);
      return;
    }
  endpoint = serve_route (soup_server_message_get_method (msg), path, &arg, &answer);
  switch (endpoint)
    {
    case ENDPOINT_NONE:
      if (answer.allow != NULL)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", answer.allow);
      set_answer (msg, answer.status, answer.content_type, g_steal_pointer (&answer.text));
      break;
    case ENDPOINT_HEALTH:
      reply_health (s, msg, query);
      break;
    case ENDPOINT_METRICS:
      set_answer (msg, SOUP_STATUS_OK, "text/plain; version=0.0.4; charset=utf-8", metrics_text (s));
      break;
    case ENDPOINT_RELOAD:
      handle_reload (s, msg, query);
      break;
    default:
      /* the work, on the pool */
      submit (s, msg, endpoint, arg, query);
      break;
    }
  serve_answer_clear (&answer);
  g_free (arg);
}

#define DIGEST_LEN 32

static guint8 *
sha256_of (const char *text, gsize len)
{
  GChecksum *sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 *digest = g_malloc (DIGEST_LEN);
  gsize n = DIGEST_LEN;

  g_checksum_update (sum, (const guchar *) text, (gssize) len);
  g_checksum_get_digest (sum, digest, &n);
  g_checksum_free (sum);
  return digest;
}

/* Whether the request carries `Authorization: Bearer TOKEN` with one of
 * the tokens of digests. The digests are compared, every byte of every
 * one, so that neither the time nor the length tells how close a guess
 * came. */
static gboolean
token_in (GPtrArray *digests, SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");
  guint8 *digest;
  guint found = 0;

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return FALSE;
  digest = sha256_of (header + 7, strlen (header + 7));
  for (guint i = 0; i < digests->len; i++)
    {
      const guint8 *known = digests->pdata[i];
      guint diff = 0;

      for (guint k = 0; k < DIGEST_LEN; k++)
        diff |= (guint) (known[k] ^ digest[k]);
      found |= (guint) (diff == 0);
    }
  g_free (digest);
  return found != 0;
}

/* Whether the request may be answered at all: any token of either file
 * (an admin token is good for everything), or none when there are no
 * tokens. */
static gboolean
authorized (Server *s, SoupServerMessage *msg)
{
  if (s->token_digests == NULL)
    return TRUE;
  return token_in (s->token_digests, msg) || (s->admin_digests != NULL && token_in (s->admin_digests, msg));
}

static void
add_header_size (const char *name, const char *value, gpointer data)
{
  guint64 *size = data;

  *size += strlen (name) + strlen (value) + 4;  /* ": " and CRLF */
}

/* The request line and header lines, as near as libsoup lets us see them. */
static guint64
header_size (SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);
  guint64 size = strlen (soup_server_message_get_method (msg)) + strlen (g_uri_get_path (uri)) +
                 (query != NULL ? strlen (query) + 1 : 0) + strlen (" HTTP/1.1\r\n");

  soup_message_headers_foreach (soup_server_message_get_request_headers (msg), add_header_size, &size);
  return size;
}

/* Before the body is read: what is refused whatever the path. */
static void
handle_early (SoupServer *soup, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer data)
{
  Server *s = data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  Body *body = g_object_get_data (G_OBJECT (msg), "resp-body");

  (void) soup;
  (void) path;
  (void) query;
  if (body->refused)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      reply_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "too-many-connections",
                   "the server has --max-connections open", NULL);
    }
  else if (s->stopping)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      reply_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "shutting-down", "the server is stopping", NULL);
    }
  else if (header_size (msg) > s->max_header)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      reply_error (msg, STATUS_HEADER_TOO_LARGE, "headers-too-large",
                   "the request line and headers are over the limit (--max-header)", NULL);
      soup_server_message_set_status (msg, STATUS_HEADER_TOO_LARGE, "Request Header Fields Too Large");
    }
  else if (!authorized (s, msg))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "WWW-Authenticate",
                                    "Bearer realm=\"resp\"");
      reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized",
                   "this server needs `Authorization: Bearer TOKEN` with a token of its --token-file", NULL);
    }
  else if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
           (guint64) soup_message_headers_get_content_length (headers) > s->max_body)
    reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "body-too-large",
                 "the request body is over the limit (--max-body)", NULL);
}

/* ---- requests in flight and stopping ---- */

static Route
route_of (const char *path)
{
  static const struct { const char *prefix; Route route; gboolean exact; } routes[] = {
    { "/v1/health", ROUTE_HEALTH, TRUE },     { "/v1/who/", ROUTE_WHO, FALSE },
    { "/v1/scope/", ROUTE_SCOPE, FALSE },     { "/v1/audit", ROUTE_AUDIT, TRUE },
    { "/v1/assess", ROUTE_ASSESS, TRUE },     { "/v1/validate", ROUTE_VALIDATE, TRUE },
    { "/v1/duties", ROUTE_DUTIES, TRUE },     { "/metrics", ROUTE_METRICS, TRUE },
    { "/v1/reload", ROUTE_RELOAD, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (routes[i].exact ? g_str_equal (path, routes[i].prefix) : g_str_has_prefix (path, routes[i].prefix))
      return routes[i].route;
  return ROUTE_OTHER;
}

static void
count_request (Server *s, const char *path, const char *status, gint64 us)
{
  Route route = route_of (path);
  Histogram *h = &s->latency[route];
  double seconds = (double) us / 1e6;
  char *key = g_strdup_printf ("%s %s", route_names[route], status);
  gsize n = GPOINTER_TO_SIZE (g_hash_table_lookup (s->answered, key));
  guint b = 0;

  g_hash_table_replace (s->answered, key, GSIZE_TO_POINTER (n + 1));
  while (b < N_BOUNDS && seconds > latency_bounds[b])
    b++;
  h->buckets[b]++;
  h->count++;
  h->sum += seconds;
}

/* GET /metrics: Prometheus's text format (0.0.4). */
static void connections_prune (Server *s);

static char *
metrics_text (Server *s)
{
  GString *out = g_string_new (NULL);
  GList *keys = g_list_sort (g_hash_table_get_keys (s->answered), (GCompareFunc) strcmp);
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  /* what is open, not what libsoup has yet to let go of */
  connections_prune (s);
  g_string_append (out, "# HELP resp_requests_total Requests answered, by endpoint and status.\n"
                        "# TYPE resp_requests_total counter\n");
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *key = l->data, *space = strchr (key, ' ');

      g_string_append_printf (out, "resp_requests_total{endpoint=\"%.*s\",status=\"%s\"} %" G_GSIZE_FORMAT "\n",
                              (int) (space - key), key, space + 1,
                              GPOINTER_TO_SIZE (g_hash_table_lookup (s->answered, key)));
    }
  g_list_free (keys);
  g_string_append (out, "# HELP resp_request_duration_seconds Time from a request's headers to the end of its "
                        "answer.\n# TYPE resp_request_duration_seconds histogram\n");
  for (guint r = 0; r < N_ROUTES; r++)
    {
      const Histogram *h = &s->latency[r];
      guint64 cumulative = 0;

      if (h->count == 0)
        continue;
      for (guint b = 0; b <= N_BOUNDS; b++)
        {
          cumulative += h->buckets[b];
          if (b < N_BOUNDS)
            g_ascii_formatd (number, sizeof number, "%g", latency_bounds[b]);
          g_string_append_printf (out, "resp_request_duration_seconds_bucket{endpoint=\"%s\",le=\"%s\"} %"
                                  G_GUINT64_FORMAT "\n", route_names[r], b < N_BOUNDS ? number : "+Inf",
                                  cumulative);
        }
      g_ascii_formatd (number, sizeof number, "%.6f", h->sum);
      g_string_append_printf (out, "resp_request_duration_seconds_sum{endpoint=\"%s\"} %s\n"
                                   "resp_request_duration_seconds_count{endpoint=\"%s\"} %" G_GUINT64_FORMAT "\n",
                              route_names[r], number, route_names[r], h->count);
    }
  g_string_append_printf (out, "# HELP resp_requests_in_flight Requests between their headers and the end of their "
                               "answer.\n# TYPE resp_requests_in_flight gauge\nresp_requests_in_flight %u\n"
                               "# HELP resp_model_generation The model served (1: the one loaded at start).\n"
                               "# TYPE resp_model_generation gauge\nresp_model_generation %" G_GUINT64_FORMAT "\n"
                               "# HELP resp_reloads_total Reloads of the files, by result (ok: swapped in).\n"
                               "# TYPE resp_reloads_total counter\nresp_reloads_total{result=\"ok\"} %" G_GUINT64_FORMAT
                               "\nresp_reloads_total{result=\"failed\"} %" G_GUINT64_FORMAT "\n"
                               "# HELP resp_connections_open Connections open.\n"
                               "# TYPE resp_connections_open gauge\nresp_connections_open %u\n"
                               "# HELP resp_connections_refused_total Connections closed as they came: "
                               "--max-connections were open.\n"
                               "# TYPE resp_connections_refused_total counter\nresp_connections_refused_total %"
                               G_GUINT64_FORMAT "\n"
                               "# HELP resp_requests_timed_out_total Connections closed because a request was not "
                               "all in within --request-timeout.\n"
                               "# TYPE resp_requests_timed_out_total counter\nresp_requests_timed_out_total %"
                               G_GUINT64_FORMAT "\n",
                          s->in_flight, s->current->number, s->reloads_ok, s->reloads_failed,
                          g_hash_table_size (s->connections), s->connections_refused, s->requests_timed_out);
  return g_string_free (out, FALSE);
}

/* One line a request, through GLib's structured logging: on stderr, or
 * in the journal with its fields when stderr is the journal. */
static void
log_request (Server *s, SoupServerMessage *msg)
{
  Body *body = g_object_get_data (G_OBJECT (msg), "resp-body");
  SoupMessageBody *answer = soup_server_message_get_response_body (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  gint64 elapsed = g_get_monotonic_time () - body->started;
  char status[16], bytes[32], us[32], generation[32], *message;
  GLogField fields[] = {
    { "MESSAGE", NULL, -1 },
    { "PRIORITY", "5", -1 },
    { "GLIB_DOMAIN", G_LOG_DOMAIN, -1 },
    { "RESP_METHOD", method, -1 },
    { "RESP_PATH", path, -1 },
    { "RESP_STATUS", status, -1 },
    { "RESP_BYTES", bytes, -1 },
    { "RESP_MICROSECONDS", us, -1 },
    { "RESP_GENERATION", generation, -1 },
  };

  g_snprintf (bytes, sizeof bytes, "%" G_GINT64_FORMAT, answer != NULL ? answer->length : 0);
  /* a client that hangs up is not the server's error: libsoup would say 500 */
  if (body->written)
    g_snprintf (status, sizeof status, "%u", soup_server_message_get_status (msg));
  else
    g_strlcpy (status, "aborted", sizeof status);
  count_request (s, path, status, elapsed);
  g_snprintf (us, sizeof us, "%" G_GINT64_FORMAT, elapsed);
  g_snprintf (generation, sizeof generation, "%" G_GUINT64_FORMAT, body->generation);
  message = g_strdup_printf ("%s %s %s %s B %s µs generation %s", method, path, status, bytes, us, generation);
  fields[0].value = message;
  g_log_structured_array (G_LOG_LEVEL_MESSAGE, fields, G_N_ELEMENTS (fields));
  g_free (message);
}

/* The log's writer: GLib's default one, but without the checks GLib
 * repeats for every line (whether stderr is the journal, whether it is a
 * terminal: an ioctl a request), the line in one write(2) and never in
 * colour. The journal, decided once at start, gets the structured fields
 * as before. */
static GLogWriterOutput
log_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer data)
{
  gboolean journal = GPOINTER_TO_INT (data);
  GString *line;
  char *text;
  gsize done = 0;

  if (journal || (level & G_LOG_LEVEL_MASK & ~(G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_WARNING)) != 0)
    return g_log_writer_default (level, fields, n_fields, NULL);
  text = g_log_writer_format_fields (level, fields, n_fields, FALSE);
  line = g_string_new (text);
  g_free (text);
  g_string_append_c (line, '\n');
  while (done < line->len)
    {
      ssize_t n = write (STDERR_FILENO, line->str + done, line->len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += (gsize) n;
    }
  g_string_free (line, TRUE);
  return done > 0 ? G_LOG_WRITER_HANDLED : G_LOG_WRITER_UNHANDLED;
}

typedef struct Connection Connection;
static void connection_watch (Connection *c);

static void
request_ended (SoupServerMessage *msg, gpointer data)
{
  Server *s = data;
  Body *body = g_object_get_data (G_OBJECT (msg), "resp-body");
  GSocket *socket = soup_server_message_get_socket (msg);
  Connection *c = socket != NULL ? g_hash_table_lookup (s->connections, socket) : NULL;

  if (body->deadline != 0)
    {
      g_source_remove (body->deadline);
      body->deadline = 0;
    }
  /* kept alive, or about to be closed by libsoup (then the watch ends) */
  if (c != NULL)
    connection_watch (c);
  if (!body->headed)
    return;
  log_request (s, msg);
  g_assert (s->in_flight > 0);
  s->in_flight--;
  if (s->stopping && s->in_flight == 0)
    g_main_loop_quit (s->loop);
}

static void
request_got_chunk (SoupServerMessage *msg, GBytes *chunk, gpointer data)
{
  Server *s = data;
  Body *body = g_object_get_data (G_OBJECT (msg), "resp-body");
  gsize len;
  const guint8 *bytes = g_bytes_get_data (chunk, &len);

  if (body->over || (guint64) body->data->len + len > s->max_body)
    {
      body->over = TRUE;
      g_byte_array_set_size (body->data, 0);
      return;
    }
  g_byte_array_append (body->data, bytes, (guint) len);
}

static void
request_wrote_body (SoupServerMessage *msg, gpointer data)
{
  Body *body = g_object_get_data (G_OBJECT (msg), "resp-body");

  (void) data;
  body->written = TRUE;
}

static void
request_got_headers (SoupServerMessage *msg, gpointer data)
{
  Server *s = data;
  Body *body = g_object_get_data (G_OBJECT (msg), "resp-body");

  s->in_flight++;
  body->headed = TRUE;
  body->started = g_get_monotonic_time ();
  body->generation = s->current->number;
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (request_got_chunk), s);
  g_signal_connect (msg, "wrote-body", G_CALLBACK (request_wrote_body), s);
}

static void
request_got_body (SoupServerMessage *msg, gpointer data)
{
  Body *body = g_object_get_data (G_OBJECT (msg), "resp-body");

  (void) data;
  if (body->deadline != 0)
    {
      g_source_remove (body->deadline);
      body->deadline = 0;
    }
}

/* --request-timeout: the request is not all in yet; the connection goes. */
static gboolean
request_too_slow (gpointer data)
{
  SoupServerMessage *msg = data;
  Body *body = g_object_get_data (G_OBJECT (msg), "resp-body");
  Server *s = g_object_get_data (G_OBJECT (msg), "resp-server");
  GSocket *socket = soup_server_message_get_socket (msg);

  body->deadline = 0;
  s->requests_timed_out++;
  if (body->headed)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "RESP_LIMIT", "request-timeout", "MESSAGE",
                      "%s %s: not all in after %u s (--request-timeout); connection closed",
                      soup_server_message_get_method (msg), g_uri_get_path (soup_server_message_get_uri (msg)),
                      s->request_timeout);
  if (socket != NULL)
    g_socket_shutdown (socket, TRUE, TRUE, NULL);
  return G_SOURCE_REMOVE;
}

/* An open connection, and its watch between requests. */
struct Connection {
  Server  *server;
  GSocket *socket;               /* weak */
  GSource *idle;                 /* between an answer and the next request; nullable */
  gint64   idle_since;
};

static void
connection_unwatch (Connection *c)
{
  if (c->idle != NULL)
    {
      g_source_destroy (c->idle);
      g_clear_pointer (&c->idle, g_source_unref);
    }
}

static void
connection_free (gpointer data)
{
  connection_unwatch (data);
  g_free (data);
}

static void
connection_gone (gpointer data, GObject *socket)
{
  Server *s = data;

  g_hash_table_remove (s->connections, socket);
}

/* A keep-alive connection between an answer and the next request: data
 * is the next request, libsoup's to read; the client closing it is not
 * seen by libsoup 3.2, which would leave it open for good (fixed in
 * 3.3), so the server closes it; and so when it has been idle for
 * --idle-timeout (the socket's timeout wakes this up). */
static gboolean
connection_idle (GSocket *socket, GIOCondition condition, gpointer data)
{
  Connection *c = data;
  Server *s = c->server;
  char byte;
  ssize_t n = -1;

  (void) condition;
  if (!g_socket_is_closed (socket))
    n = recv (g_socket_get_fd (socket), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n > 0)
    return G_SOURCE_CONTINUE;
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) && !g_socket_is_closed (socket)
      && g_get_monotonic_time () - c->idle_since < (gint64) s->idle_timeout * G_USEC_PER_SEC)
    return G_SOURCE_CONTINUE;
  if (!g_socket_is_closed (socket))
    g_socket_close (socket, NULL);
  g_clear_pointer (&c->idle, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
connection_watch (Connection *c)
{
  if (c->idle != NULL || g_socket_is_closed (c->socket))
    return;
  c->idle_since = g_get_monotonic_time ();
  c->idle = g_socket_create_source (c->socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (c->idle, G_SOURCE_FUNC (connection_idle), c, NULL);
  g_source_attach (c->idle, NULL);
}

/* libsoup closes a connection's socket but may keep the object a while
 * longer: closed ones count no more. */
static void
connections_prune (Server *s)
{
  GHashTableIter iter;
  gpointer socket;

  g_hash_table_iter_init (&iter, s->connections);
  while (g_hash_table_iter_next (&iter, &socket, NULL))
    if (g_socket_is_closed (socket))
      {
        g_object_weak_unref (socket, connection_gone, s);
        g_hash_table_iter_remove (&iter);
      }
}

/* A connection seen for the first time: counted, or shut at once when
 * --max-connections are open; FALSE then. */
static gboolean
connection_admit (Server *s, GSocket *socket)
{
  Connection *c;

  if (socket == NULL)
    return TRUE;
  c = g_hash_table_lookup (s->connections, socket);
  if (c != NULL)
    {
      /* the next request on it */
      connection_unwatch (c);
      return TRUE;
    }
  if (g_hash_table_size (s->connections) >= s->max_connections)
    connections_prune (s);
  if (g_hash_table_size (s->connections) >= s->max_connections)
    {
      s->connections_refused++;
      g_socket_shutdown (socket, TRUE, TRUE, NULL);
      return FALSE;
    }
  c = g_new0 (Connection, 1);
  c->server = s;
  c->socket = socket;
  g_hash_table_insert (s->connections, socket, c);
  g_object_weak_ref (G_OBJECT (socket), connection_gone, s);
  /* no byte either way for this long, while waiting on the client: closed */
  g_socket_set_timeout (socket, s->idle_timeout);
  return TRUE;
}

/* Each request, from the moment its connection waits for it. */
static void
request_started (SoupServer *soup, SoupServerMessage *msg, gpointer data)
{
  Server *s = data;
  Body *body = g_new0 (Body, 1);

  (void) soup;
  /* a refused one still has its Body: libsoup may read what the client
   * had sent before the shutdown */
  body->refused = !connection_admit (s, soup_server_message_get_socket (msg));
  body->data = g_byte_array_new ();
  body->started = g_get_monotonic_time ();
  g_object_set_data_full (G_OBJECT (msg), "resp-body", body, body_free);
  g_object_set_data (G_OBJECT (msg), "resp-server", s);
  body->deadline = g_timeout_add_seconds (s->request_timeout, request_too_slow, msg);
  g_signal_connect (msg, "got-headers", G_CALLBACK (request_got_headers), s);
  g_signal_connect (msg, "got-body", G_CALLBACK (request_got_body), s);
  g_signal_connect (msg, "finished", G_CALLBACK (request_ended), s);
}

static gboolean
drain_timeout (gpointer data)
{
  Server *s = data;

  g_printerr ("resp serve: %u request%s still in flight after %d s; stopping anyway\n", s->in_flight,
              s->in_flight == 1 ? "" : "s", DRAIN_SECONDS);
  s->drain_source = 0;
  g_main_loop_quit (s->loop);
  return G_SOURCE_REMOVE;
}

/* SIGTERM or SIGINT: no new request; those in flight finish; a second
 * signal stops at once. */
static gboolean
on_signal (gpointer data)
{
  Server *s = data;

  if (s->stopping || s->in_flight == 0)
    {
      s->stopping = TRUE;
      g_main_loop_quit (s->loop);
      return G_SOURCE_CONTINUE;
    }
  s->stopping = TRUE;
  s->drain_source = g_timeout_add_seconds (DRAIN_SECONDS, drain_timeout, s);
  return G_SOURCE_CONTINUE;
}

/* ---- start ---- */

static char **opt_rulebooks = NULL;
static char *opt_record = NULL;
static char *opt_listen = NULL;
static gint64 opt_max_body = DEFAULT_MAX_BODY;
static gint64 opt_max_header = DEFAULT_MAX_HEADER;
static gint opt_max_connections = DEFAULT_MAX_CONNECTIONS;
static gint opt_idle_timeout = DEFAULT_IDLE_TIMEOUT;
static gint opt_request_timeout = DEFAULT_REQUEST_TIMEOUT;
static char *opt_token_file = NULL;
static char *opt_admin_token_file = NULL;

static GOptionEntry serve_entries[] = {
  { "rulebook", 'r', 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_rulebooks,
    "A rulebook layer: a file or a shipped name; repeat to stack layers (default: the default rulebook)", "R" },
  { "record", 0, 0, G_OPTION_ARG_FILENAME, &opt_record,
    "The record of duties the assessments read (docs/duties.md)", "FILE" },
  { "listen", 'l', 0, G_OPTION_ARG_STRING, &opt_listen,
    "The address to listen on, ADDRESS:PORT or [IPv6]:PORT (default: 127.0.0.1:8080; port 0: any free port)",
    "ADDR:PORT" },
  { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_token_file,
    "Bearer tokens, one a line ('#' starts a comment): every request must carry one; "
    "required to listen on any address but loopback", "FILE" },
  { "admin-token-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_admin_token_file,
    "Admin tokens, in the same form: only these may POST /v1/reload (and they are good for every request); "
    "without it a server with --token-file reloads on SIGHUP only", "FILE" },
  { "max-body", 0, 0, G_OPTION_ARG_INT64, &opt_max_body,
    "The largest request body accepted, in bytes (default: 64 MiB); larger: 413", "BYTES" },
  { "max-header", 0, 0, G_OPTION_ARG_INT64, &opt_max_header,
    "The largest request line and headers accepted, in bytes (default: 16384; libsoup itself stops at 64 KiB); "
    "larger: 431 and the connection closed", "BYTES" },
  { "max-connections", 0, 0, G_OPTION_ARG_INT, &opt_max_connections,
    "Connections open at once (default: 256); one more is closed as it comes", "N" },
  { "idle-timeout", 0, 0, G_OPTION_ARG_INT, &opt_idle_timeout,
    "Seconds a connection may pass without a byte while the server waits on the client: between requests, "
    "within one, or while its answer is written (default: 30)", "SECONDS" },
  { "request-timeout", 0, 0, G_OPTION_ARG_INT, &opt_request_timeout,
    "Seconds from the moment a connection waits for a request to the end of its body, however the bytes "
    "trickle (default: 60)", "SECONDS" },
  { NULL }
};

static void
print_diagnostics (GPtrArray *diags, GError *error)
{
  if (diags != NULL && diags->len > 0)
    for (guint i = 0; i < diags->len; i++)
      {
        char *line = resp_diagnostic_to_string (diags->pdata[i]);
        fprintf (stderr, "%s\n", line);
        g_free (line);
      }
  else if (error != NULL)
    fprintf (stderr, "%s\n", error->message);
}

/* ADDRESS:PORT or [ADDRESS]:PORT, numeric; NULL with a message. */
static GInetSocketAddress *
parse_listen (const char *text, char **message)
{
  const char *colon = strrchr (text, ':');
  char *host, *end = NULL;
  GInetAddress *address;
  GInetSocketAddress *result;
  gint64 port;

  if (colon == NULL || colon == text)
    {
      *message = g_strdup_printf ("--listen: expected ADDRESS:PORT, got '%s'", text);
      return NULL;
    }
  port = g_ascii_strtoll (colon + 1, &end, 10);
  if (end == colon + 1 || *end != '\0' || port < 0 || port > 65535)
    {
      *message = g_strdup_printf ("--listen: not a port from 0 to 65535: '%s'", colon + 1);
      return NULL;
    }
  if (text[0] == '[' && colon[-1] == ']')
    host = g_strndup (text + 1, (gsize) (colon - text - 2));
  else
    host = g_strndup (text, (gsize) (colon - text));
  address = g_inet_address_new_from_string (host);
  if (address == NULL)
    {
      *message = g_strdup_printf ("--listen: not a numeric IP address: '%s'", host);
      g_free (host);
      return NULL;
    }
  g_free (host);
  result = G_INET_SOCKET_ADDRESS (g_inet_socket_address_new (address, (guint16) port));
  g_object_unref (address);
  return result;
}

/* The digests of the tokens of path; NULL with a message when it cannot
 * be read or has none. */
static GPtrArray *
load_tokens (const char *path, const char *option)
{
  GPtrArray *digests;
  GError *error = NULL;
  char *text = NULL;
  char **lines;

  if (!g_file_get_contents (path, &text, NULL, &error))
    {
      fprintf (stderr, "resp serve: %s: %s\n", option, error->message);
      g_error_free (error);
      return NULL;
    }
  digests = g_ptr_array_new_with_free_func (g_free);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *token = g_strstrip (lines[i]);

      if (*token != '\0' && *token != '#')
        g_ptr_array_add (digests, sha256_of (token, strlen (token)));
    }
  g_strfreev (lines);
  g_free (text);
  if (digests->len == 0)
    {
      fprintf (stderr, "resp serve: %s: %s has no token\n", option, path);
      g_ptr_array_unref (digests);
      return NULL;
    }
  return digests;
}

/* The files loaded again: the rulebook layers, the model and the
 * record; a new generation (numbered 0) or NULL with what is wrong. */
static Generation *
load_generation (const char *model_path, GPtrArray **diags, GError **error)
{
  Generation *g = g_new0 (Generation, 1);
  char *contents = NULL;
  gsize len = 0;

  g->refs = 1;
  if (opt_rulebooks == NULL)
    g->rulebook = resp_rulebook_new_default ();
  else
    g->rulebook = resp_rulebook_new_layered ((const char * const *) opt_rulebooks, NULL, diags, error);
  if (g->rulebook != NULL)
    {
      /* read into memory of our own: a snapshot copied over the file must
       * not take the server down */
      g->model = resp_model_new_from_file_with_flags (model_path, RESP_MODEL_FLAGS_PRIVATE_COPY, NULL,
                                                      diags, error);
    }
  if (g->model != NULL && opt_record != NULL)
    g->record = resp_record_new_from_file (g->model, g->rulebook, opt_record, diags, error);
  if (g->rulebook == NULL || g->model == NULL || (opt_record != NULL && g->record == NULL)
      || !g_file_get_contents (model_path, &contents, &len, error))
    {
      generation_unref (g);
      return NULL;
    }
  g->model_sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
  g_free (contents);
  g->loaded_at = resp_instant_format (resp_instant_now ());
  return g;
}

static gboolean
load_all (Server *s, const char *model_path)
{
  GPtrArray *diags = NULL;
  GError *error = NULL;

  s->current = load_generation (model_path, &diags, &error);
  if (s->current == NULL)
    print_diagnostics (diags, error);
  else
    s->current->number = 1;
  g_clear_error (&error);
  g_clear_pointer (&diags, g_ptr_array_unref);
  return s->current != NULL;
}

static void
print_bound_address (SoupServer *soup)
{
  GSList *listeners = soup_server_get_listeners (soup);

  for (GSList *l = listeners; l != NULL; l = l->next)
    {
      GSocketAddress *local = g_socket_get_local_address (l->data, NULL);
      GInetAddress *address;
      char *host;

      if (local == NULL)
        continue;
      address = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local));
      host = g_inet_address_to_string (address);
      if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
        printf ("listening on http://[%s]:%u/\n", host, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));
      else
        printf ("listening on http://%s:%u/\n", host, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));
      g_free (host);
      g_object_unref (local);
    }
  fflush (stdout);
  g_slist_free (listeners);
}

static void
server_clear (Server *s)
{
  if (s->pool != NULL)
    g_thread_pool_free (s->pool, FALSE, TRUE);
  if (s->reload_pool != NULL)
    g_thread_pool_free (s->reload_pool, FALSE, TRUE);
  /* the answers of the last jobs, to free them */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (s->drain_source != 0)
    g_source_remove (s->drain_source);
  if (s->soup != NULL)
    {
      soup_server_disconnect (s->soup);
      g_object_unref (s->soup);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (s->connections != NULL)
    {
      GHashTableIter iter;
      gpointer socket;

      /* any libsoup still holds: they must not call back into s */
      g_hash_table_iter_init (&iter, s->connections);
      while (g_hash_table_iter_next (&iter, &socket, NULL))
        g_object_weak_unref (socket, connection_gone, s);
      g_clear_pointer (&s->connections, g_hash_table_unref);
    }
  g_clear_pointer (&s->loop, g_main_loop_unref);
  g_clear_pointer (&s->current, generation_unref);
  g_clear_pointer (&s->token_digests, g_ptr_array_unref);
  g_clear_pointer (&s->admin_digests, g_ptr_array_unref);
  g_clear_pointer (&s->answered, g_hash_table_unref);
}

static int
serve (GOptionContext *ctx, const char *model_path)
{
  Server s = { 0 };
  GInetSocketAddress *address;
  GError *error = NULL;
  char *message = NULL;
  guint sigterm, sigint, sighup;
  int rc = EXIT_INVALID;

  address = parse_listen (opt_listen != NULL ? opt_listen : "127.0.0.1:8080", &message);
  if (address == NULL)
    {
      fprintf (stderr, "resp serve: %s\n", message);
      g_free (message);
      return EXIT_USAGE;
    }
  if (opt_token_file == NULL && !g_inet_address_get_is_loopback (g_inet_socket_address_get_address (address)))
    {
      char *text = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (address));

      fprintf (stderr, "resp serve: refusing to listen on %s: only a loopback address may be served "
                       "without --token-file\n", text);
      g_free (text);
      g_object_unref (address);
      return EXIT_USAGE;
    }
  if (opt_max_body <= 0 || opt_max_header <= 0 || opt_max_connections <= 0 || opt_idle_timeout <= 0
      || opt_request_timeout <= 0)
    {
      g_object_unref (address);
      fprintf (stderr, "resp serve: --max-body, --max-header, --max-connections, --idle-timeout and "
                       "--request-timeout must be positive\n");
      return EXIT_USAGE;
    }
  (void) ctx;
  s.max_body = (guint64) opt_max_body;
  s.max_header = (guint64) opt_max_header;
  s.max_connections = (guint) opt_max_connections;
  s.idle_timeout = (guint) opt_idle_timeout;
  s.request_timeout = (guint) opt_request_timeout;
  s.connections = g_hash_table_new_full (NULL, NULL, NULL, connection_free);
  if ((opt_token_file != NULL && (s.token_digests = load_tokens (opt_token_file, "--token-file")) == NULL)
      || (opt_admin_token_file != NULL
          && (s.admin_digests = load_tokens (opt_admin_token_file, "--admin-token-file")) == NULL))
    {
      g_object_unref (address);
      g_clear_pointer (&s.token_digests, g_ptr_array_unref);
      return EXIT_USAGE;
    }
  s.model_path = model_path;
  if (!load_all (&s, model_path))
    goto out;
  g_log_set_writer_func (log_writer, GINT_TO_POINTER (g_log_writer_is_journald (STDERR_FILENO)), NULL);
  s.loop = g_main_loop_new (NULL, FALSE);
  s.answered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s.pool = g_thread_pool_new (job_run, &s, (int) MAX (g_get_num_processors (), 2), FALSE, NULL);
  s.reload_pool = g_thread_pool_new (reload_run, &s, 1, FALSE, NULL);
  s.soup = soup_server_new ("server-header", "resp/" RESP_VERSION_S, NULL);
  soup_server_add_early_handler (s.soup, NULL, handle_early, &s, NULL);
  soup_server_add_handler (s.soup, NULL, handle, &s, NULL);
  g_signal_connect (s.soup, "request-started", G_CALLBACK (request_started), &s);
  if (!soup_server_listen (s.soup, G_SOCKET_ADDRESS (address), 0, &error))
    {
      fprintf (stderr, "resp serve: cannot listen: %s\n", error->message);
      g_error_free (error);
      goto out;
    }
  print_bound_address (s.soup);
  sigterm = g_unix_signal_add (SIGTERM, on_signal, &s);
  sigint = g_unix_signal_add (SIGINT, on_signal, &s);
  sighup = g_unix_signal_add (SIGHUP, on_hangup, &s);
  g_main_loop_run (s.loop);
  g_source_remove (sigterm);
  g_source_remove (sigint);
  g_source_remove (sighup);
  rc = EXIT_OK;
out:
  g_object_unref (address);
  server_clear (&s);
  return rc;
}

int
resp_serve_main (int argc, char **argv)
{
  GOptionContext *ctx = g_option_context_new ("MODEL");
  GError *error = NULL;
  int rc;

  g_option_context_set_summary (ctx, "Serve a model over HTTP: the CLI's answers at /v1/health, "
                                     "/v1/who/NODE, /v1/scope/PERSON, /v1/audit, /v1/assess, "
                                     "/v1/validate, /v1/duties and /v1/reload (see resp(1) and docs/serve.md). "
                                     "Listens on 127.0.0.1 unless given --token-file; "
                                     "SIGHUP (or POST /v1/reload) loads the files again and swaps them in when "
                                     "valid; SIGTERM or SIGINT stops it once the requests in flight end.");
  g_option_context_add_main_entries (ctx, serve_entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      fprintf (stderr, "resp: %s\nTry '%s --help'.\n", error->message, g_get_prgname ());
      g_error_free (error);
      rc = EXIT_USAGE;
    }
  else if (argc != 2)
    {
      fprintf (stderr, "resp: expected 1 argument, got %d\nTry '%s --help'.\n", argc - 1, g_get_prgname ());
      rc = EXIT_USAGE;
    }
  else
    rc = serve (ctx, argv[1]);
  g_option_context_free (ctx);
  g_strfreev (opt_rulebooks);
  g_free (opt_record);
  g_free (opt_listen);
  g_free (opt_token_file);
  g_free (opt_admin_token_file);
  return rc;
}
