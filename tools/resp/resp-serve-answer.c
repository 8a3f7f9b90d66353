/* resp-serve-answer.c: the answers of `resp serve`, without the network
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The routing and the work of resp-serve.c (see resp-serve-answer.h):
 * the bodies are what the CLI prints for the same question, byte for
 * byte; errors are JSON of one shape (serve_error_json()).
 */
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <libsoup/soup.h>

#include "resp-serve-answer.h"
#include "resp-range.h"

/* One piece of work: what it asks, and where its answer goes. */
typedef struct {
  Generation  *gen;
  Endpoint     endpoint;
  const char  *arg;
  GHashTable  *query;
  GBytes      *body;
  ServeAnswer *out;
} Work;

Generation *
generation_ref (Generation *g)
{
  g_atomic_int_inc (&g->refs);
  return g;
}

void
generation_unref (Generation *g)
{
  if (g == NULL || !g_atomic_int_dec_and_test (&g->refs))
    return;
  g_clear_pointer (&g->record, resp_record_unref);
  g_clear_pointer (&g->model, resp_model_unref);
  g_clear_pointer (&g->rulebook, resp_rulebook_unref);
  g_free (g->model_sha256);
  g_free (g->loaded_at);
  g_free (g);
#ifdef __GLIBC__
  /* a model is tens of megabytes, freed in one arena while its successor
   * was built in the reload thread's: without this the process keeps
   * both, reload after reload (at M: 46 MB at start, 106 MB after three) */
  malloc_trim (0);
#endif
}

void
serve_answer_clear (ServeAnswer *answer)
{
  g_clear_pointer (&answer->text, g_free);
  memset (answer, 0, sizeof *answer);
}

void
serve_json_string (GString *out, const char *text)
{
  char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  g_string_append_c (out, '"');
  for (const char *p = valid; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
  g_free (valid);
}

char *
serve_error_json (const char *code, const char *message, GPtrArray *diags, gboolean with_file)
{
  GString *out = g_string_new ("{\"error\": {\"code\": ");

  serve_json_string (out, code);
  g_string_append (out, ", \"message\": ");
  serve_json_string (out, message);
  g_string_append (out, ", \"diagnostics\": [");
  for (guint i = 0; diags != NULL && i < diags->len; i++)
    {
      RespDiagnostic *d = diags->pdata[i];

      g_string_append (out, i > 0 ? ", {" : "{");
      if (with_file)
        {
          g_string_append (out, "\"file\": ");
          serve_json_string (out, resp_diagnostic_get_file (d));
          g_string_append (out, ", ");
        }
      g_string_append_printf (out, "\"line\": %u, \"column\": %u, \"message\": ",
                              resp_diagnostic_get_line (d), resp_diagnostic_get_column (d));
      serve_json_string (out, resp_diagnostic_get_message (d));
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}}\n");
  return g_string_free (out, FALSE);
}

static void
job_fail (Work *job, guint status, const char *code, const char *message, GPtrArray *diags)
{
  job->out->status = status;
  job->out->content_type = "application/json";
  job->out->text = serve_error_json (code, message, diags, FALSE);
}

static void
job_fail_error (Work *job, const char *what, GPtrArray *diags, GError *error)
{
  if (error != NULL && g_error_matches (error, RESP_ERROR, RESP_ERROR_NOT_FOUND))
    job_fail (job, SOUP_STATUS_NOT_FOUND, "not-found", error->message, NULL);
  else
    job_fail (job, SOUP_STATUS_BAD_REQUEST, what,
              error != NULL ? error->message : "the input is not valid", diags);
}

static const char *
content_type_of (RespFormat format)
{
  switch (format)
    {
    case RESP_FORMAT_JSON:
      return "application/json";
    case RESP_FORMAT_DOT:
      return "text/vnd.graphviz; charset=utf-8";
    default:
      return "text/plain; charset=utf-8";
    }
}

/* ?format= and ?at= of a query; FALSE with the job failed when either is
 * wrong or when the query has anything else. */
static gboolean
query_args (Work *job, gboolean allow_dot, RespFormat *format, gint64 *at, gboolean *have_at)
{
  GHashTableIter iter;
  gpointer key, value;

  *format = RESP_FORMAT_JSON;
  *have_at = FALSE;
  *at = resp_instant_now ();
  if (job->query == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, job->query);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      char *message = NULL;

      if (g_str_equal (key, "format"))
        {
          if (g_str_equal (value, "json"))
            *format = RESP_FORMAT_JSON;
          else if (g_str_equal (value, "text"))
            *format = RESP_FORMAT_TEXT;
          else if (allow_dot && g_str_equal (value, "dot"))
            *format = RESP_FORMAT_DOT;
          else
            message = g_strdup_printf ("unknown format '%s' (expected json, text%s)", (char *) value,
                                       allow_dot ? " or dot" : "");
        }
      else if (g_str_equal (key, "at") && job->endpoint != ENDPOINT_ASSESS)
        {
          GError *error = NULL;

          if (!resp_instant_parse (value, at, &error))
            {
              message = g_strdup_printf ("at: %s", error->message);
              g_error_free (error);
            }
          *have_at = TRUE;
        }
      else
        message = g_strdup_printf ("unknown query parameter '%s'", (char *) key);
      if (message != NULL)
        {
          job_fail (job, SOUP_STATUS_BAD_REQUEST, "bad-argument", message, NULL);
          g_free (message);
          return FALSE;
        }
    }
  return TRUE;
}

static void
run_node_query (Work *job)
{
  RespModel *model = job->gen->model;
  gboolean who = job->endpoint == ENDPOINT_WHO;
  RespFormat format;
  GError *error = NULL;
  gboolean have_at;
  gint64 at;
  char *text = NULL;

  if (!query_args (job, who, &format, &at, &have_at))
    return;
  if (who)
    {
      RespRoles *roles = resp_model_resolve_roles (model, job->arg, at, &error);

      text = roles != NULL ? resp_roles_render (roles, format) : NULL;
      g_clear_pointer (&roles, resp_roles_unref);
    }
  else
    {
      RespScope *scope = resp_model_scope_person (model, job->arg, at, &error);

      text = scope != NULL ? resp_scope_render (scope, format) : NULL;
      g_clear_pointer (&scope, resp_scope_unref);
    }
  if (text == NULL)
    {
      /* the library's message names the model's file, which a client of
       * the server has no business knowing */
      if (g_error_matches (error, RESP_ERROR, RESP_ERROR_NOT_FOUND))
        {
          char *message = g_strdup_printf ("no node '%s' in the model", job->arg);

          job_fail (job, SOUP_STATUS_NOT_FOUND, "not-found", message, NULL);
          g_free (message);
        }
      else
        job_fail_error (job, "bad-argument", NULL, error);
      g_clear_error (&error);
      return;
    }
  job->out->status = SOUP_STATUS_OK;
  job->out->content_type = content_type_of (format);
  job->out->text = text;
}

static void
run_audit (Work *job)
{
  RespAudit *audit;
  RespFormat format;
  gboolean have_at;
  gint64 at;

  if (!query_args (job, FALSE, &format, &at, &have_at))
    return;
  /* as the CLI: the whole timeline unless an instant is asked about */
  audit = have_at ? resp_model_audit_at (job->gen->model, at) : resp_model_audit (job->gen->model);
  job->out->status = SOUP_STATUS_OK;
  job->out->content_type = content_type_of (format);
  job->out->text = resp_audit_render (audit, format);
  resp_audit_unref (audit);
}

static void
run_assess (Work *job)
{
  Generation *g = job->gen;
  RespEventBatch *batch;
  RespAssessor *assessor;
  RespVerdict **verdicts;
  GPtrArray *diags = NULL;
  GError *error = NULL;
  RespFormat format;
  gboolean have_at;
  gint64 at;
  gsize len;
  const char *data = g_bytes_get_data (job->body, &len);
  guint n;

  if (!query_args (job, TRUE, &format, &at, &have_at))
    return;
  batch = resp_event_batch_new_from_data (g->model, g->rulebook, data != NULL ? data : "", (gssize) len,
                                          "<body>", &diags, &error);
  if (batch == NULL)
    {
      job_fail_error (job, "invalid-events", diags, error);
      g_clear_error (&error);
      g_clear_pointer (&diags, g_ptr_array_unref);
      return;
    }
  n = resp_event_batch_get_n_events (batch);
  verdicts = g_new0 (RespVerdict *, MAX (n, 1));
  assessor = resp_assessor_new (g->model, g->rulebook);
  if (g->record != NULL)
    resp_assessor_set_record (assessor, g->record);
  for (guint i = 0; i < n; i++)
    verdicts[i] = resp_assessor_assess (assessor, resp_event_batch_get_event (batch, i));
  resp_assessor_unref (assessor);
  job->out->status = SOUP_STATUS_OK;
  job->out->content_type = content_type_of (format);
  job->out->text = resp_verdicts_render (n > 0 ? verdicts : NULL, n,
                                      resp_event_batch_get_is_list (batch) || n != 1, format);
  for (guint i = 0; i < n; i++)
    resp_verdict_unref (verdicts[i]);
  g_free (verdicts);
  g_clear_pointer (&diags, g_ptr_array_unref);
  resp_event_batch_unref (batch);
}

static void
run_validate (Work *job)
{
  RespModel *model;
  GPtrArray *diags = NULL;
  GError *error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (job->body, &len);

  if (job->query != NULL && g_hash_table_size (job->query) > 0)
    {
      job_fail (job, SOUP_STATUS_BAD_REQUEST, "bad-argument", "validate takes no query parameters", NULL);
      return;
    }
  model = resp_model_new_from_data (data != NULL ? data : "", (gssize) len, "<body>", &diags, &error);
  if (model == NULL)
    job_fail_error (job, "invalid-model", diags, error);
  else
    {
      job->out->status = SOUP_STATUS_OK;
      job->out->content_type = "application/json";
      job->out->text = resp_model_render (model, RESP_FORMAT_JSON);
      resp_model_unref (model);
    }
  g_clear_error (&error);
  g_clear_pointer (&diags, g_ptr_array_unref);
}

/* The period of /v1/duties as `resp duties` takes it: ?year=, or ?from=
 * and ?until=, else the year of ?at= (default now) at +08:00. NULL when
 * all is well, else what is wrong. */
static char *
duties_range (GHashTable *query, gint64 *from, gint64 *until, gint64 *at)
{
#define Q(k) (query != NULL ? (const char *) g_hash_table_lookup (query, k) : NULL)
  return resp_duties_range (Q ("year"), Q ("from"), Q ("until"), Q ("at"), "", from, until, at);
#undef Q
}

/* POST /v1/duties: the served record, or the one in the body. */
static void
run_duties (Work *job)
{
  static const char * const known[] = { "year", "from", "until", "at", "node", "format", NULL };
  Generation *g = job->gen;
  RespFormat format = RESP_FORMAT_JSON;
  RespRecord *record = NULL;
  RespDuties *duties;
  GPtrArray *diags = NULL;
  GError *error = NULL;
  gint64 from = 0, until = 0, at = 0;
  const char *format_text = NULL, *node = NULL;
  char *message = NULL;
  gsize len;
  const char *data = g_bytes_get_data (job->body, &len);

  if (job->query != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, job->query);
      while (message == NULL && g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_strv_contains ((const char * const *) known, key))
          message = g_strdup_printf ("unknown query parameter '%s'", (char *) key);
      format_text = g_hash_table_lookup (job->query, "format");
      node = g_hash_table_lookup (job->query, "node");
    }
  if (message == NULL && format_text != NULL)
    {
      if (g_str_equal (format_text, "text"))
        format = RESP_FORMAT_TEXT;
      else if (g_str_equal (format_text, "csv"))
        format = RESP_FORMAT_CSV;
      else if (!g_str_equal (format_text, "json"))
        message = g_strdup_printf ("unknown format '%s' (expected json, text or csv)", format_text);
    }
  if (message == NULL)
    message = duties_range (job->query, &from, &until, &at);
  if (message == NULL && len == 0 && g->record == NULL)
    message = g_strdup ("no record: send one in the body, or start the server with --record");
  if (message != NULL)
    {
      job_fail (job, SOUP_STATUS_BAD_REQUEST, "bad-argument", message, NULL);
      g_free (message);
      return;
    }
  if (len > 0)
    {
      record = resp_record_new_from_data (g->model, g->rulebook, data, (gssize) len, "<body>", &diags, &error);
      if (record == NULL)
        {
          job_fail_error (job, "invalid-record", diags, error);
          goto out;
        }
    }
  duties = resp_model_check_duties (g->model, g->rulebook, record != NULL ? record : g->record, from, until, at,
                                    node, &error);
  if (duties == NULL)
    {
      job_fail_error (job, "bad-argument", NULL, error);
      goto out;
    }
  job->out->status = SOUP_STATUS_OK;
  job->out->content_type = format == RESP_FORMAT_CSV ? "text/csv; charset=utf-8" : content_type_of (format);
  job->out->text = resp_duties_render (duties, format);
  resp_duties_unref (duties);
out:
  g_clear_error (&error);
  g_clear_pointer (&diags, g_ptr_array_unref);
  g_clear_pointer (&record, resp_record_unref);
}

void
serve_run (Generation *g, Endpoint endpoint, const char *arg, GHashTable *query, GBytes *body, ServeAnswer *answer)
{
  Work job = { g, endpoint, arg, query, body, answer };

  switch (endpoint)
    {
    case ENDPOINT_WHO:
    case ENDPOINT_SCOPE:
      run_node_query (&job);
      break;
    case ENDPOINT_AUDIT:
      run_audit (&job);
      break;
    case ENDPOINT_ASSESS:
      run_assess (&job);
      break;
    case ENDPOINT_VALIDATE:
      run_validate (&job);
      break;
    case ENDPOINT_DUTIES:
      run_duties (&job);
      break;
    default:
      g_return_if_reached ();
    }
}

/* ---- routing ---- */

/* The node of /v1/who/{node}: one percent-decoded segment. */
static char *
path_argument (const char *path, const char *prefix)
{
  const char *rest = path + strlen (prefix);
  char *arg;

  if (*rest == '\0' || strchr (rest, '/') != NULL)
    return NULL;
  arg = g_uri_unescape_string (rest, "/");
  if (arg != NULL && (*arg == '\0' || !g_utf8_validate (arg, -1, NULL)))
    g_clear_pointer (&arg, g_free);
  return arg;
}

/* Whether method is the one allowed; else answer is 405. */
static gboolean
method_is (const char *method, const char *allowed, ServeAnswer *answer)
{
  if (g_str_equal (method, allowed))
    return TRUE;
  answer->status = SOUP_STATUS_METHOD_NOT_ALLOWED;
  answer->content_type = "application/json";
  answer->allow = allowed;
  answer->text = serve_error_json ("method-not-allowed",
                                   g_str_equal (allowed, "GET") ? "this resource answers GET only"
                                                                : "this resource answers POST only",
                                   NULL, FALSE);
  return FALSE;
}

Endpoint
serve_route (const char *method, const char *path, char **arg, ServeAnswer *answer)
{
  static const struct { const char *path; Endpoint endpoint; const char *method; } exact[] = {
    { "/v1/health", ENDPOINT_HEALTH, "GET" },     { "/v1/audit", ENDPOINT_AUDIT, "GET" },
    { "/v1/assess", ENDPOINT_ASSESS, "POST" },    { "/v1/validate", ENDPOINT_VALIDATE, "POST" },
    { "/metrics", ENDPOINT_METRICS, "GET" },      { "/v1/reload", ENDPOINT_RELOAD, "POST" },
    { "/v1/duties", ENDPOINT_DUTIES, "POST" },
  };

  *arg = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (exact); i++)
    if (g_str_equal (path, exact[i].path))
      return method_is (method, exact[i].method, answer) ? exact[i].endpoint : ENDPOINT_NONE;
  if (g_str_has_prefix (path, "/v1/who/") && (*arg = path_argument (path, "/v1/who/")) != NULL)
    return method_is (method, "GET", answer) ? ENDPOINT_WHO : ENDPOINT_NONE;
  if (g_str_has_prefix (path, "/v1/scope/") && (*arg = path_argument (path, "/v1/scope/")) != NULL)
    return method_is (method, "GET", answer) ? ENDPOINT_SCOPE : ENDPOINT_NONE;
  answer->status = SOUP_STATUS_NOT_FOUND;
  answer->content_type = "application/json";
  answer->text = serve_error_json ("not-found", "no such resource", NULL, FALSE);
  return ENDPOINT_NONE;
}
