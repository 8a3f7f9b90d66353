/* test-serve.c: `resp serve` (issue 18): the CLI's answers over HTTP
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each server is the real tool, started on an ephemeral port and read
 * for the address it bound. It dies with this process (PR_SET_PDEATHSIG)
 * and is killed by the suite's cleanup, so nothing is left running even
 * when an assertion fails. Waits poll with deadlines; nothing sleeps a
 * fixed time.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <libsoup/soup.h>

#include "test-common.h"

#define DEADLINE_S 60
#define MAX_BODY 100000

typedef struct {
  GPid  pid;
  char *url;                    /* http://127.0.0.1:PORT/ */
} Served;

static Served main_server;
static SoupSession *session;
/* sent as `Authorization: Bearer …` when not NULL */
static const char *bearer;
static char *record_path;

static void
die_with_parent (gpointer data)
{
  (void) data;
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGKILL);
#endif
}

/* Spawns `resp serve ARGS…`; its stdout in *out_fd, stderr in *err_fd
 * (either may be NULL: inherited). */
static GPid
spawn_serve (const char * const *args, int *out_fd, int *err_fd)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  GError *error = NULL;
  GPid pid = 0;

  g_ptr_array_add (argv, test_build_path ("tools/resp/resp"));
  g_ptr_array_add (argv, g_strdup ("serve"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                 die_with_parent, NULL, &pid, NULL, out_fd, err_fd, &error))
    {
      fprintf (stderr, "cannot run resp serve: %s\n", error->message);
      exit (1);
    }
  g_ptr_array_unref (argv);
  return pid;
}

/* The exit status of pid once it ends, within seconds; -1 (and the
 * process killed) when it does not, 128 + N when a signal N ended it. */
static int
wait_exit (GPid pid, int seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  int status;

  for (;;)
    {
      pid_t r = waitpid (pid, &status, WNOHANG);

      if (r == pid)
        return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
      if (r < 0 && errno != EINTR)
        return -1;
      if (g_get_monotonic_time () > deadline)
        {
          kill (pid, SIGKILL);
          waitpid (pid, &status, 0);
          return -1;
        }
      g_usleep (5000);
    }
}

/* Everything fd gives until it closes, within the deadline. */
static char *
read_all (int fd, int seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  GString *out = g_string_new (NULL);
  char buf[4096];

  for (;;)
    {
      GPollFD p = { fd, G_IO_IN | G_IO_HUP | G_IO_ERR, 0 };
      gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
      ssize_t n;

      if (left <= 0 || g_poll (&p, 1, (int) left) <= 0)
        break;
      n = read (fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_string_append_len (out, buf, n);
    }
  return g_string_free (out, FALSE);
}

/* Starts a server on 127.0.0.1:0 with model and more arguments; FALSE
 * when it does not say where it listens within the deadline. */
static gboolean
serve_start_model (Served *s, const char *model, const char * const *more, int *err_fd)
{
  const char *args[16] = { model, "--listen", "127.0.0.1:0" };
  gint64 deadline = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
  GString *line = g_string_new (NULL);
  guint n = 3;
  int fd;

  for (guint i = 0; more != NULL && more[i] != NULL && n < 15; i++)
    args[n++] = more[i];
  args[n] = NULL;
  s->pid = spawn_serve (args, &fd, err_fd);
  /* one line, "listening on URL" */
  while (strchr (line->str, '\n') == NULL)
    {
      GPollFD p = { fd, G_IO_IN | G_IO_HUP | G_IO_ERR, 0 };
      gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
      char c;

      if (left <= 0 || g_poll (&p, 1, (int) left) <= 0 || read (fd, &c, 1) != 1)
        break;
      g_string_append_c (line, c);
    }
  close (fd);
  if (!g_str_has_prefix (line->str, "listening on http://127.0.0.1:") || !g_str_has_suffix (line->str, "/\n"))
    {
      fprintf (stderr, "\n  resp serve said '%s'\n", line->str);
      g_string_free (line, TRUE);
      wait_exit (s->pid, 0);
      s->pid = 0;
      return FALSE;
    }
  g_strchomp (line->str);
  s->url = g_strdup (line->str + strlen ("listening on "));
  g_string_free (line, TRUE);
  return TRUE;
}

/* The same with the example model. */
static gboolean
serve_start (Served *s, const char * const *more, int *err_fd)
{
  return serve_start_model (s, test_city_path, more, err_fd);
}

/* Stops a server with sig; its exit status (see wait_exit()). */
static int
serve_stop (Served *s, int sig)
{
  int rc = -1;

  if (s->pid > 0)
    {
      kill (s->pid, sig);
      rc = wait_exit (s->pid, DEADLINE_S);
      g_spawn_close_pid (s->pid);
      s->pid = 0;
    }
  g_clear_pointer (&s->url, g_free);
  return rc;
}

/* ---- requests ---- */

typedef struct {
  guint  status;
  char  *body;
  char  *content_type;
  char  *allow;
  char  *authenticate;
} Reply;

static void
reply_clear (Reply *r)
{
  g_free (r->body);
  g_free (r->content_type);
  g_free (r->allow);
  g_free (r->authenticate);
  memset (r, 0, sizeof *r);
}

/* method on url + path, with body (nullable) sent with its length, or
 * chunked when chunked is set. */
static void
request_full (const char *url, const char *method, const char *path, const char *body, gsize len,
              gboolean chunked, Reply *r)
{
  char *uri = g_strconcat (url, path, NULL);
  SoupMessage *msg = soup_message_new (method, uri);
  GError *error = NULL;
  GBytes *bytes;

  memset (r, 0, sizeof *r);
  if (bearer != NULL)
    {
      char *value = g_strconcat ("Bearer ", bearer, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
      g_free (value);
    }
  if (body != NULL && chunked)
    {
      GInputStream *in = g_memory_input_stream_new_from_data (g_memdup2 (body, len), (gssize) len, g_free);

      soup_message_set_request_body (msg, "application/json", in, -1);
      g_object_unref (in);
    }
  else if (body != NULL)
    {
      GBytes *b = g_bytes_new (body, len);

      soup_message_set_request_body_from_bytes (msg, "application/json", b);
      g_bytes_unref (b);
    }
  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  if (bytes == NULL)
    {
      fprintf (stderr, "\n  %s %s: %s\n", method, uri, error->message);
      g_error_free (error);
      r->body = g_strdup ("");
    }
  else
    {
      gsize n;
      const char *data = g_bytes_get_data (bytes, &n);

      r->status = soup_message_get_status (msg);
      r->body = g_strndup (data != NULL ? data : "", n);
      r->content_type = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                "Content-Type"));
      r->allow = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Allow"));
      r->authenticate = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                "WWW-Authenticate"));
      g_bytes_unref (bytes);
    }
  g_object_unref (msg);
  g_free (uri);
}

static void
request (const char *method, const char *path, const char *body, Reply *r)
{
  request_full (main_server.url, method, path, body, body != NULL ? strlen (body) : 0, FALSE, r);
}

/* The CLI's stdout for resp ARGS…, which must exit 0. */
static char *
cli (const char *first, ...)
{
  const char *argv[16];
  char *out = NULL, *err = NULL;
  va_list ap;
  guint n = 0;
  int rc;

  va_start (ap, first);
  for (const char *a = first; a != NULL && n < 15; a = va_arg (ap, const char *))
    argv[n++] = a;
  va_end (ap);
  argv[n] = NULL;
  rc = test_run_resp (argv, &out, &err);
  if (rc != 0)
    fprintf (stderr, "\n  resp %s…: exit %d: %s\n", first, rc, err);
  CU_ASSERT_EQUAL (rc, 0);
  g_free (err);
  return out;
}

/* A GET or POST answered 200 with exactly what the CLI printed. */
#define assert_same(r, expected)                                           \
  G_STMT_START {                                                           \
    CU_ASSERT_EQUAL ((r)->status, 200);                                    \
    CU_ASSERT_STRING_EQUAL ((r)->body, (expected));                        \
  } G_STMT_END

/* An error answer of status with code, and, unless NULL, a needle in its
 * message. */
static void
assert_error_in (int caller, Reply *r, guint status, const char *code, const char *needle)
{
  char *head = g_strdup_printf ("{\"error\": {\"code\": \"%s\", \"message\": ", code);
  gboolean ok = r->status == status && g_str_has_prefix (r->body, head) &&
                g_strcmp0 (r->content_type, "application/json") == 0 &&
                (needle == NULL || strstr (r->body, needle) != NULL);

  if (!ok)
    fprintf (stderr, "\n  line %d: expected %u %s (%s), got %u %s: %s\n", caller, status, code,
             needle != NULL ? needle : "", r->status, r->content_type, r->body);
  test_report_in (__FILE__, caller, ok, "error answer");
  g_free (head);
}
#define assert_error(r, status, code, needle) assert_error_in (__LINE__, (r), (status), (code), (needle))

/* ---- the suite ---- */

static int
suite_init (void)
{
  /* the record's local kinds are the example local rulebook's */
  const char *more[] = { "--record", NULL, "--rulebook", "cn-local-2026-example", "--max-body",
                         G_STRINGIFY (MAX_BODY), NULL };

  if (test_city_init () != 0)
    return 1;
  record_path = test_src_path ("examples/data/record.json");
  more[1] = record_path;
  session = soup_session_new_with_options ("timeout", DEADLINE_S, NULL);
  return serve_start (&main_server, more, NULL) ? 0 : 1;
}

static int
suite_clean (void)
{
  /* SIGKILL: whatever state it is in, it is gone */
  serve_stop (&main_server, SIGKILL);
  g_clear_object (&session);
  g_clear_pointer (&record_path, g_free);
  return test_city_clean ();
}

static void
test_health (void)
{
  Reply r;
  char *contents = NULL, *sha, *needle;
  gsize len = 0;

  request ("GET", "v1/health", NULL, &r);
  CU_ASSERT_EQUAL (r.status, 200);
  CU_ASSERT_EQUAL (g_strcmp0 (r.content_type, "application/json"), 0);
  CU_ASSERT_FATAL (g_file_get_contents (test_city_path, &contents, &len, NULL));
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
  needle = g_strdup_printf ("\"sha256\": \"%s\"", sha);
  test_contains (r.body, "\"status\": \"ok\"", "\"name\": \"江川市网络安全工作责任制示例\"", needle,
                 "\"nodes\": 117, \"relations\": 171", "\"id\": \"cn-local-2026-example\"", "\"record\": true",
                 "\"generation\": 1", "\"loaded_at\": \"20");
  g_free (needle);
  g_free (sha);
  g_free (contents);
  reply_clear (&r);
}

static void
test_who (void)
{
  const char *nodes[] = { "s-portal", "s-egov", "s-cac-monitor" };
  const char *formats[] = { "json", "text", "dot" };

  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
      {
        char *expected = cli ("who", test_city_path, nodes[i], "--at", "2026-03-05T08:10:00+08:00",
                              "--format", formats[f], NULL);
        /* '+' in a query is a space: the offset goes percent-encoded */
        char *path = g_strdup_printf ("v1/who/%s?at=2026-03-05T08:10:00%%2B08:00%s%s", nodes[i],
                                      f > 0 ? "&format=" : "", f > 0 ? formats[f] : "");
        Reply r;

        request ("GET", path, NULL, &r);
        assert_same (&r, expected);
        if (f == 0)
          CU_ASSERT_EQUAL (g_strcmp0 (r.content_type, "application/json"), 0);
        reply_clear (&r);
        g_free (path);
        g_free (expected);
      }
}

static void
test_scope_and_audit (void)
{
  char *expected = cli ("scope", test_city_path, "p-zheng", "--at", "2025-06-01", "--format", "json", NULL);
  Reply r;

  request ("GET", "v1/scope/p-zheng?at=2025-06-01", NULL, &r);
  assert_same (&r, expected);
  reply_clear (&r);
  g_free (expected);

  expected = cli ("audit", test_city_path, "--format", "json", NULL);
  request ("GET", "v1/audit", NULL, &r);
  assert_same (&r, expected);
  reply_clear (&r);
  g_free (expected);

  expected = cli ("audit", test_city_path, "--at", "2025-06-01", "--format", "json", NULL);
  request ("GET", "v1/audit?at=2025-06-01", NULL, &r);
  assert_same (&r, expected);
  reply_clear (&r);
  g_free (expected);
}

/* The events of examples/data/events.json, one a line: each object of
 * the array is indented by two spaces there, and its strings hold no
 * newline, so joining its lines keeps it the same JSON. */
static char *
events_as_lines (guint max)
{
  char *text = test_read_src ("examples/data/events.json", NULL);
  char **lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL && n < max; i++)
    {
      if (g_str_has_prefix (lines[i], "  {"))
        g_string_append (out, "{");
      else if (g_str_has_prefix (lines[i], "  }"))
        {
          g_string_append (out, "}\n");
          n++;
        }
      else if (g_str_has_prefix (lines[i], "   "))
        g_string_append (out, g_strstrip (lines[i]));
    }
  g_strfreev (lines);
  g_free (text);
  return g_string_free (out, FALSE);
}

static void
test_assess (void)
{
  const char *formats[] = { "json", "text", "dot" };
  char *events = test_src_path ("examples/data/events.json");
  char *body = test_read_src ("examples/data/events.json", NULL);

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      char *expected = cli ("assess", test_city_path, events, "--record", record_path,
                            "--rulebook", "cn-local-2026-example", "--format", formats[f],
                            NULL);
      char *path = g_strdup_printf ("v1/assess?format=%s", formats[f]);
      Reply r;

      request ("POST", path, body, &r);
      assert_same (&r, expected);
      reply_clear (&r);
      g_free (path);
      g_free (expected);
    }
  g_free (body);
  g_free (events);
}

/* One object, and JSON Lines: the CLI reading the same bytes from a file. */
static void
test_assess_shapes (void)
{
  const guint counts[] = { 1, 5 };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      char *lines = events_as_lines (counts[i]);
      char *dir, *file = test_write_temp ("events.jsonl", lines, &dir);
      char *expected = cli ("assess", test_city_path, file, "--record", record_path,
                            "--rulebook", "cn-local-2026-example", "--format", "json", NULL);
      Reply r;

      request ("POST", "v1/assess", lines, &r);
      assert_same (&r, expected);
      /* one object answers with one verdict, not a list */
      CU_ASSERT_EQUAL (r.body[0] == '[', counts[i] > 1);
      reply_clear (&r);
      g_free (expected);
      test_remove_temp (file, dir);
      g_free (lines);
    }
}

static void
test_validate (void)
{
  char *expected = cli ("validate", test_city_path, "--format", "json", NULL);
  char *body = test_read_src ("examples/data/city.json", NULL);
  const char *bad = "{\"format\": \"libresp/model/1\",\n"
                    " \"nodes\": [{\"id\": \"p-li\", \"type\": \"person\", \"name\": \"李某\"}],\n"
                    " \"relations\": [\n"
                    "    {\"rel\": \"member\", \"from\": \"p-li\", \"to\": \"k-ctiy\", \"role\": \"member\"},\n"
                    "    {\"rel\": \"heads\", \"from\": \"p-li\", \"to\": \"u-x\"}\n"
                    " ]}\n";
  Reply r;

  request ("POST", "v1/validate", body, &r);
  assert_same (&r, expected);
  reply_clear (&r);

  request ("POST", "v1/validate", bad, &r);
  assert_error (&r, 400, "invalid-model", NULL);
  CU_ASSERT_TRUE (g_str_has_suffix (r.body, "\"diagnostics\": [{\"line\": 4, \"column\": 45, \"message\": "
                                    "\"relation 'member' from 'p-li': unknown node 'k-ctiy'\"}, "
                                    "{\"line\": 5, \"column\": 44, \"message\": "
                                    "\"relation 'heads' from 'p-li': unknown node 'u-x'\"}]}}\n"));
  reply_clear (&r);
  g_free (body);
  g_free (expected);
}

static void
test_errors (void)
{
  Reply r;

  /* 400: the position is the request body's */
  request ("POST", "v1/assess", "[\n  {\"format\": \"libresp/event/1\",\n   \"id\": }\n]", &r);
  assert_error (&r, 400, "invalid-events", NULL);
  test_contains (r.body, "\"diagnostics\": [{\"line\": 3, \"column\": ");
  reply_clear (&r);
  request ("POST", "v1/assess", "", &r);
  assert_error (&r, 400, "invalid-events", NULL);
  reply_clear (&r);
  request ("GET", "v1/who/s-portal?at=yesterday", NULL, &r);
  assert_error (&r, 400, "bad-argument", "at: ");
  reply_clear (&r);
  request ("GET", "v1/who/s-portal?format=csv", NULL, &r);
  assert_error (&r, 400, "bad-argument", "unknown format 'csv'");
  reply_clear (&r);
  request ("GET", "v1/scope/p-zheng?format=dot", NULL, &r);
  assert_error (&r, 400, "bad-argument", "unknown format 'dot'");
  reply_clear (&r);
  request ("GET", "v1/audit?node=x", NULL, &r);
  assert_error (&r, 400, "bad-argument", "unknown query parameter 'node'");
  reply_clear (&r);
  request ("GET", "v1/scope/s-portal", NULL, &r);
  assert_error (&r, 400, "bad-argument", NULL);
  reply_clear (&r);

  /* 404 */
  request ("GET", "v1/who/no-such-node", NULL, &r);
  assert_error (&r, 404, "not-found", "\"message\": \"no node 'no-such-node' in the model\"");
  /* the server's files are none of the client's business */
  test_report_at (__LINE__, strstr (r.body, "city.json") == NULL, "a 404 names no file of the server");
  reply_clear (&r);
  request ("GET", "v1/scope/p-nobody", NULL, &r);
  assert_error (&r, 404, "not-found", "\"message\": \"no node 'p-nobody' in the model\"");
  test_report_at (__LINE__, strstr (r.body, "city.json") == NULL, "a 404 names no file of the server");
  reply_clear (&r);
  request ("GET", "v1/who/", NULL, &r);
  assert_error (&r, 404, "not-found", NULL);
  reply_clear (&r);
  request ("GET", "v1/who/s-portal/more", NULL, &r);
  assert_error (&r, 404, "not-found", NULL);
  reply_clear (&r);
  request ("GET", "v2/health", NULL, &r);
  assert_error (&r, 404, "not-found", NULL);
  reply_clear (&r);
  request ("GET", "", NULL, &r);
  assert_error (&r, 404, "not-found", NULL);
  reply_clear (&r);

  /* 405, with Allow */
  request ("GET", "v1/assess", NULL, &r);
  assert_error (&r, 405, "method-not-allowed", NULL);
  CU_ASSERT_EQUAL (g_strcmp0 (r.allow, "POST"), 0);
  reply_clear (&r);
  request ("POST", "v1/health", "{}", &r);
  assert_error (&r, 405, "method-not-allowed", NULL);
  CU_ASSERT_EQUAL (g_strcmp0 (r.allow, "GET"), 0);
  reply_clear (&r);
  request ("DELETE", "v1/who/s-portal", NULL, &r);
  assert_error (&r, 405, "method-not-allowed", NULL);
  reply_clear (&r);

  /* the server still answers */
  request ("GET", "v1/health", NULL, &r);
  CU_ASSERT_EQUAL (r.status, 200);
  reply_clear (&r);
}

static void
test_body_limit (void)
{
  char *big = g_malloc (MAX_BODY + 2);
  Reply r;

  memset (big, ' ', MAX_BODY + 1);
  big[MAX_BODY + 1] = '\0';
  /* with a Content-Length, refused before the body is read */
  request_full (main_server.url, "POST", "v1/assess", big, MAX_BODY + 1, FALSE, &r);
  assert_error (&r, 413, "body-too-large", NULL);
  reply_clear (&r);
  /* chunked, measured once read */
  request_full (main_server.url, "POST", "v1/validate", big, MAX_BODY + 1, TRUE, &r);
  assert_error (&r, 413, "body-too-large", NULL);
  reply_clear (&r);
  /* at the limit: read, and found to be no event */
  request_full (main_server.url, "POST", "v1/assess", big, MAX_BODY, FALSE, &r);
  assert_error (&r, 400, "invalid-events", NULL);
  reply_clear (&r);
  g_free (big);
}

/* POST /v1/duties: the served record (an empty body) or the one sent, as
 * `resp duties` with the same record. */
static void
test_duties (void)
{
  static const struct {
    const char *query;
    const char *args[12];
  } cases[] = {
    { "year=2026&at=2027-01-10", { "--year", "2026", "--at", "2027-01-10", "--format", "json" } },
    { "at=2025-06-01T12:00:00%2B08:00&node=s-portal",
      { "--at", "2025-06-01T12:00:00+08:00", "--node", "s-portal", "--format", "json" } },
    { "from=2026-07-01&until=2026-08-01&at=2027-01-10&format=csv&node=s-scada",
      { "--from", "2026-07-01", "--until", "2026-08-01", "--at", "2027-01-10", "--format", "csv", "--node",
        "s-scada" } },
    { "year=2026&at=2027-01-10&format=text", { "--year", "2026", "--at", "2027-01-10", "--format", "text" } },
  };
  char *record = test_read_src ("examples/data/record.json", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *argv[20] = { "duties", test_city_path, record_path, "--rulebook", "cn-local-2026-example" };
      char *out = NULL, *err = NULL;
      char *path = g_strdup_printf ("v1/duties?%s", cases[i].query);
      guint n = 5;
      Reply r;

      for (guint k = 0; cases[i].args[k] != NULL; k++)
        argv[n++] = cases[i].args[k];
      CU_ASSERT_EQUAL (test_run_resp (argv, &out, &err), 0);
      /* the served record */
      request ("POST", path, "", &r);
      assert_same (&r, out);
      reply_clear (&r);
      /* the same record in the body */
      request ("POST", path, record, &r);
      assert_same (&r, out);
      reply_clear (&r);
      g_free (path);
      g_free (out);
      g_free (err);
    }
  g_free (record);
}

static void
test_duties_errors (void)
{
  Reply r;

  request ("POST", "v1/duties?year=2026&from=2026-01-01&until=2026-02-01", "", &r);
  assert_error (&r, 400, "bad-argument", "give either year or from and until");
  reply_clear (&r);
  request ("POST", "v1/duties?from=2026-01-01", "", &r);
  assert_error (&r, 400, "bad-argument", "from and until go together");
  reply_clear (&r);
  request ("POST", "v1/duties?year=20x6", "", &r);
  assert_error (&r, 400, "bad-argument", "year: not a year");
  reply_clear (&r);
  request ("POST", "v1/duties?format=dot", "", &r);
  assert_error (&r, 400, "bad-argument", "unknown format 'dot'");
  reply_clear (&r);
  request ("POST", "v1/duties?week=1", "", &r);
  assert_error (&r, 400, "bad-argument", "unknown query parameter 'week'");
  reply_clear (&r);
  request ("POST", "v1/duties?node=k-nowhere", "", &r);
  assert_error (&r, 404, "not-found", "k-nowhere");
  reply_clear (&r);
  /* a record in the body is checked, positions in the body */
  request ("POST", "v1/duties", "{\"format\": \"libresp/record/1\",\n \"entries\": [\n  {\"id\": 1}]}", &r);
  assert_error (&r, 400, "invalid-record", NULL);
  test_contains (r.body, "\"diagnostics\": [{\"line\": 3, \"column\": ");
  reply_clear (&r);
  request ("GET", "v1/duties", NULL, &r);
  assert_error (&r, 405, "method-not-allowed", NULL);
  reply_clear (&r);
}

/* Any address but loopback is refused before the model is read. */
static void
test_refuse_non_loopback (void)
{
  const char *addresses[] = { "0.0.0.0:0", "[::]:0", "192.0.2.1:0", "localhost:0", "127.0.0.1:x" };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      const char *args[] = { test_city_path, "--listen", addresses[i], NULL };
      int out_fd, err_fd;
      GPid pid = spawn_serve (args, &out_fd, &err_fd);
      char *out = read_all (out_fd, DEADLINE_S);
      char *err = read_all (err_fd, DEADLINE_S);

      CU_ASSERT_EQUAL (wait_exit (pid, DEADLINE_S), 2);
      g_spawn_close_pid (pid);
      CU_ASSERT_STRING_EQUAL (out, "");
      if (i < 3)
        test_contains (err, "refusing to listen on");
      else
        test_contains (err, "--listen: ");
      close (out_fd);
      close (err_fd);
      g_free (out);
      g_free (err);
    }
}

/* GET path of s until status comes back, within the deadline. */
static gboolean
poll_until (Served *s, const char *path, guint status, const char *needle)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      Reply r;
      gboolean done;

      request_full (s->url, "GET", path, NULL, 0, FALSE, &r);
      done = r.status == status && (needle == NULL || strstr (r.body, needle) != NULL);
      reply_clear (&r);
      if (done)
        return TRUE;
      g_usleep (2000);
    }
  return FALSE;
}

/* SIGTERM while a request is half sent: new requests get 503, the one in
 * flight gets its whole answer, and then the server exits 0. */
static void
test_sigterm_in_flight (void)
{
  Served s = { 0 };
  char *body = test_read_src ("examples/data/events.json", NULL);
  char *expected = NULL, *events = test_src_path ("examples/data/events.json");
  GSocketClient *client = g_socket_client_new ();
  GSocketConnection *conn = NULL;
  GOutputStream *out;
  GInputStream *in;
  GString *answer = g_string_new (NULL);
  char *head, *port_text, buf[4096];
  gsize half = strlen (body) / 2;
  gssize n;

  CU_ASSERT_FATAL (serve_start (&s, NULL, NULL));
  expected = cli ("assess", test_city_path, events, "--format", "json", NULL);
  port_text = strrchr (s.url, ':') + 1;
  conn = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) atoi (port_text), NULL, NULL);
  CU_ASSERT_PTR_NOT_NULL (conn);
  if (conn == NULL)
    goto out;
  g_socket_set_timeout (g_socket_connection_get_socket (conn), DEADLINE_S);
  out = g_io_stream_get_output_stream (G_IO_STREAM (conn));
  in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
  head = g_strdup_printf ("POST /v1/assess HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                          "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n", strlen (body));
  CU_ASSERT_TRUE (g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL));
  CU_ASSERT_TRUE (g_output_stream_write_all (out, body, half, NULL, NULL, NULL));
  g_free (head);
  /* the server has its headers: two in flight, the health check and it */
  CU_ASSERT_TRUE (poll_until (&s, "v1/health", 200, "\"in_flight\": 2"));
  kill (s.pid, SIGTERM);
  /* stopping: whatever comes new is refused */
  CU_ASSERT_TRUE (poll_until (&s, "v1/health", 503, "\"code\": \"shutting-down\""));
  CU_ASSERT_TRUE (g_output_stream_write_all (out, body + half, strlen (body) - half, NULL, NULL, NULL));
  while ((n = g_input_stream_read (in, buf, sizeof buf, NULL, NULL)) > 0)
    g_string_append_len (answer, buf, n);
  CU_ASSERT_TRUE (g_str_has_prefix (answer->str, "HTTP/1.1 200 OK\r\n"));
  CU_ASSERT_PTR_NOT_NULL (strstr (answer->str, "\r\n\r\n"));
  if (strstr (answer->str, "\r\n\r\n") != NULL)
    CU_ASSERT_STRING_EQUAL (strstr (answer->str, "\r\n\r\n") + 4, expected);
  g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
  CU_ASSERT_EQUAL (wait_exit (s.pid, DEADLINE_S), 0);
  g_spawn_close_pid (s.pid);
  s.pid = 0;
out:
  serve_stop (&s, SIGKILL);
  g_clear_object (&conn);
  g_object_unref (client);
  g_string_free (answer, TRUE);
  g_free (expected);
  g_free (events);
  g_free (body);
}

/* A client that sends a long assessment and hangs up before the answer
 * (libsoup does not watch a paused request's socket: the server finds out
 * when it writes the answer): the server answers on meanwhile, counts
 * nothing left in flight once the write has failed, and stops cleanly. */
static void
test_client_gone (void)
{
  Served s = { 0 };
  char *lines = events_as_lines (G_MAXUINT);
  GString *body = g_string_new (NULL);
  GSocketClient *client = g_socket_client_new ();
  GSocketConnection *conn;
  char *head, *port_text;

  for (guint i = 0; i < 100; i++)
    g_string_append (body, lines);
  CU_ASSERT_FATAL (serve_start (&s, NULL, NULL));
  port_text = strrchr (s.url, ':') + 1;
  conn = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) atoi (port_text), NULL, NULL);
  CU_ASSERT_PTR_NOT_NULL (conn);
  if (conn != NULL)
    {
      GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (conn));

      head = g_strdup_printf ("POST /v1/assess HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: %zu\r\n\r\n", body->len);
      CU_ASSERT_TRUE (g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL));
      CU_ASSERT_TRUE (g_output_stream_write_all (out, body->str, body->len, NULL, NULL, NULL));
      g_free (head);
      g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
      g_object_unref (conn);
    }
  /* the one in flight is the health check itself */
  CU_ASSERT_TRUE (poll_until (&s, "v1/health", 200, "\"in_flight\": 1\n"));
  CU_ASSERT_TRUE (poll_until (&s, "v1/who/s-portal", 200, NULL));
  /* counted as the client's doing, not as the server's 500: its answer,
   * megabytes, cannot all go out to a closed socket */
  CU_ASSERT_TRUE (poll_until (&s, "metrics", 200, "resp_requests_total{endpoint=\"assess\",status=\"aborted\"} 1\n"));
  CU_ASSERT_EQUAL (serve_stop (&s, SIGTERM), 0);
  g_object_unref (client);
  g_string_free (body, TRUE);
  g_free (lines);
}

/* SIGINT with nothing in flight: exit 0 at once; each request logged in
 * a line on stderr. */
static void
test_sigint_idle (void)
{
  Served s = { 0 };
  int err_fd = -1;
  char *err;

  CU_ASSERT_FATAL (serve_start (&s, NULL, &err_fd));
  CU_ASSERT_TRUE (poll_until (&s, "v1/health", 200, NULL));
  CU_ASSERT_TRUE (poll_until (&s, "v1/who/nowhere", 404, NULL));
  CU_ASSERT_EQUAL (serve_stop (&s, SIGINT), 0);
  err = read_all (err_fd, DEADLINE_S);
  test_contains (err, "GET /v1/health 200 ", "GET /v1/who/nowhere 404 ", " µs generation 1\n");
  close (err_fd);
  g_free (err);
}

/* GET /metrics on a server of its own, after requests counted one by one
 * (each is counted when its answer is written, before the next one on
 * the connection is read). */
static void
test_metrics (void)
{
  const char *paths[] = { "v1/health", "v1/who/s-portal", "v1/who/s-egov", "v1/who/nowhere" };
  Served s = { 0 };
  Reply r;

  CU_ASSERT_FATAL (serve_start (&s, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      request_full (s.url, "GET", paths[i], NULL, 0, FALSE, &r);
      CU_ASSERT_EQUAL (r.status, i < 3 ? 200 : 404);
      reply_clear (&r);
    }
  request_full (s.url, "POST", "metrics", "", 0, FALSE, &r);
  assert_error (&r, 405, "method-not-allowed", NULL);
  reply_clear (&r);
  request_full (s.url, "GET", "metrics", NULL, 0, FALSE, &r);
  CU_ASSERT_EQUAL (r.status, 200);
  CU_ASSERT_EQUAL (g_strcmp0 (r.content_type, "text/plain; version=0.0.4; charset=utf-8"), 0);
  test_contains (r.body, "# TYPE resp_requests_total counter\n",
                 "resp_requests_total{endpoint=\"health\",status=\"200\"} 1\n",
                 "resp_requests_total{endpoint=\"metrics\",status=\"405\"} 1\n",
                 "resp_requests_total{endpoint=\"who\",status=\"200\"} 2\n",
                 "resp_requests_total{endpoint=\"who\",status=\"404\"} 1\n",
                 "# TYPE resp_request_duration_seconds histogram\n",
                 "resp_request_duration_seconds_bucket{endpoint=\"who\",le=\"+Inf\"} 3\n",
                 "resp_request_duration_seconds_count{endpoint=\"who\"} 3\n",
                 "resp_requests_in_flight 1\n", "resp_model_generation 1\n");
  CU_ASSERT_PTR_NULL (strstr (r.body, "endpoint=\"assess\""));
  reply_clear (&r);
  CU_ASSERT_EQUAL (serve_stop (&s, SIGTERM), 0);
}

/* --token-file: a bearer token of the file on every request, checked
 * before the body is read; a file without one is refused. */
static void
test_tokens (void)
{
  Served s = { 0 };
  char *dir, *path = test_write_temp ("tokens", "# the service's tokens\n\nsecret-one\n  secret-two  \n", &dir);
  char *empty_dir, *empty = test_write_temp ("tokens", "# none yet\n\n", &empty_dir);
  const char *more[] = { "--token-file", path, NULL };
  const char *wrong[] = { NULL, "Bearer", "secret-on", "secret-one secret-two", "secret-onex", "SECRET-ONE" };
  char *big = g_strnfill (200000, ' ');
  Reply r;

  CU_ASSERT_FATAL (serve_start (&s, more, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      bearer = wrong[i];
      request_full (s.url, "GET", "v1/health", NULL, 0, FALSE, &r);
      assert_error (&r, 401, "unauthorized", NULL);
      CU_ASSERT_EQUAL (g_strcmp0 (r.authenticate, "Bearer realm=\"resp\""), 0);
      reply_clear (&r);
    }
  bearer = NULL;
  request_full (s.url, "POST", "v1/assess", big, strlen (big), FALSE, &r);
  assert_error (&r, 401, "unauthorized", NULL);
  reply_clear (&r);
  bearer = "secret-one";
  request_full (s.url, "GET", "v1/health", NULL, 0, FALSE, &r);
  CU_ASSERT_EQUAL (r.status, 200);
  reply_clear (&r);
  bearer = "secret-two";
  request_full (s.url, "GET", "v1/who/s-portal", NULL, 0, FALSE, &r);
  CU_ASSERT_EQUAL (r.status, 200);
  reply_clear (&r);
  bearer = NULL;
  CU_ASSERT_EQUAL (serve_stop (&s, SIGTERM), 0);

  /* no token, or no file: refused at start */
  for (guint i = 0; i < 2; i++)
    {
      const char *args[] = { test_city_path, "--listen", "127.0.0.1:0", "--token-file",
                             i == 0 ? empty : "/nonexistent/tokens", NULL };
      int out_fd, err_fd;
      GPid pid = spawn_serve (args, &out_fd, &err_fd);
      char *out = read_all (out_fd, DEADLINE_S), *err = read_all (err_fd, DEADLINE_S);

      CU_ASSERT_EQUAL (wait_exit (pid, DEADLINE_S), 2);
      g_spawn_close_pid (pid);
      CU_ASSERT_STRING_EQUAL (out, "");
      test_contains (err, i == 0 ? "has no token" : "--token-file: ");
      close (out_fd);
      close (err_fd);
      g_free (out);
      g_free (err);
    }
  g_free (big);
  test_remove_temp (empty, empty_dir);
  test_remove_temp (path, dir);
}

/* ---- reload ---- */

#define WHO_AT "v1/who/s-portal?format=text&at=2026-03-05T08:10:00%2B08:00"

/* The example model with one unit renamed: who answers differently. */
static char *
city_renamed (void)
{
  char *text = test_read_src ("examples/data/city.json", NULL);
  char **parts = g_strsplit (text, "江川市大数据中心", -1);
  char *renamed = g_strjoinv ("江川市大数据管理中心", parts);

  g_strfreev (parts);
  g_free (text);
  return renamed;
}

/* resp who on the model text (written to a file of its own), as
 * WHO_AT asks. */
static char *
who_of (const char *model_text)
{
  char *dir, *file = test_write_temp ("model.json", model_text, &dir);
  char *out = cli ("who", file, "s-portal", "--at", "2026-03-05T08:10:00+08:00", "--format", "text", NULL);

  test_remove_temp (file, dir);
  return out;
}

static void
assert_reply_in (int caller, Served *s, const char *method, const char *path, guint status, const char *needle)
{
  Reply r;
  gboolean ok;

  request_full (s->url, method, path, method[0] == 'P' ? "" : NULL, 0, FALSE, &r);
  ok = r.status == status && (needle == NULL || strstr (r.body, needle) != NULL);
  if (!ok)
    fprintf (stderr, "\n  line %d: %s %s: expected %u with '%s', got %u: %s\n", caller, method, path, status,
             needle != NULL ? needle : "", r.status, r.body);
  test_report_in (__FILE__, caller, ok, "reply");
  reply_clear (&r);
}
#define assert_reply(s, method, path, status, needle) \
  assert_reply_in (__LINE__, (s), (method), (path), (status), (needle))

/* POST /v1/reload and SIGHUP: a good file swaps in (generation counts),
 * a bad one leaves the old model answering and says what is wrong, with
 * positions in the file. */
static void
test_reload (void)
{
  char *original = test_read_src ("examples/data/city.json", NULL);
  char *renamed = city_renamed ();
  char *who_a = who_of (original), *who_b = who_of (renamed);
  char *dir, *model = test_write_temp ("model.json", original, &dir);
  const char *bad = "{\"format\": \"libresp/model/1\",\n"
                    " \"nodes\": [{\"id\": \"p-li\", \"type\": \"person\", \"name\": \"李某\"}],\n"
                    " \"relations\": [\n"
                    "    {\"rel\": \"member\", \"from\": \"p-li\", \"to\": \"k-ctiy\", \"role\": \"member\"}\n"
                    " ]}\n";
  char *needle;
  Served s = { 0 };
  int err_fd = -1;
  Reply r;

  CU_ASSERT_STRING_NOT_EQUAL (who_a, who_b);
  /* a server of its own on the copy */
  CU_ASSERT_FATAL (serve_start_model (&s, model, NULL, &err_fd));

  request_full (s.url, "GET", WHO_AT, NULL, 0, FALSE, &r);
  assert_same (&r, who_a);
  reply_clear (&r);
  assert_reply (&s, "GET", "v1/health", 200, "\"generation\": 1,");

  /* the same files: a swap all the same */
  assert_reply (&s, "POST", "v1/reload", 200, "\"generation\": 2,");
  /* another model: its answers from now on */
  CU_ASSERT_FATAL (g_file_set_contents (model, renamed, -1, NULL));
  assert_reply (&s, "POST", "v1/reload", 200, "\"generation\": 3,");
  request_full (s.url, "GET", WHO_AT, NULL, 0, FALSE, &r);
  assert_same (&r, who_b);
  reply_clear (&r);

  /* a bad one: 422 with the file's positions, and the old model serves */
  CU_ASSERT_FATAL (g_file_set_contents (model, bad, -1, NULL));
  request_full (s.url, "POST", "v1/reload", "", 0, FALSE, &r);
  assert_error (&r, 422, "reload-failed", "generation 3 still serves");
  needle = g_strdup_printf ("\"diagnostics\": [{\"file\": \"%s\", \"line\": 4, \"column\": 45, \"message\": "
                            "\"relation 'member' from 'p-li': unknown node 'k-ctiy'\"}]}}\n", model);
  CU_ASSERT_TRUE (g_str_has_suffix (r.body, needle));
  g_free (needle);
  reply_clear (&r);
  assert_reply (&s, "GET", "v1/health", 200, "\"generation\": 3,");
  request_full (s.url, "GET", WHO_AT, NULL, 0, FALSE, &r);
  assert_same (&r, who_b);
  reply_clear (&r);
  /* no query parameters; POST only */
  assert_reply (&s, "POST", "v1/reload?now=1", 400, "\"bad-argument\"");
  assert_reply (&s, "GET", "v1/reload", 405, "\"method-not-allowed\"");

  /* SIGHUP: the first model again */
  CU_ASSERT_FATAL (g_file_set_contents (model, original, -1, NULL));
  kill (s.pid, SIGHUP);
  CU_ASSERT_TRUE (poll_until (&s, "v1/health", 200, "\"generation\": 4,"));
  request_full (s.url, "GET", WHO_AT, NULL, 0, FALSE, &r);
  assert_same (&r, who_a);
  reply_clear (&r);
  assert_reply (&s, "GET", "metrics", 200, "resp_reloads_total{result=\"ok\"} 3\n"
                                           "resp_reloads_total{result=\"failed\"} 1\n");
  assert_reply (&s, "GET", "metrics", 200, "resp_model_generation 4\n");
  CU_ASSERT_EQUAL (serve_stop (&s, SIGTERM), 0);
  {
    char *err = read_all (err_fd, DEADLINE_S);

    test_contains (err, "reload: generation 2 serves (model sha256 ", "reload: generation 4 serves",
                   "reload failed: the files did not load; generation 3 still serves\n", ":4:45: relation 'member'");
    g_free (err);
  }
  close (err_fd);
  test_remove_temp (model, dir);
  g_free (who_a);
  g_free (who_b);
  g_free (renamed);
  g_free (original);
}

/* Who may reload: with --token-file, only a token of --admin-token-file
 * (also good for every other request); without that file, only SIGHUP. */
/* A served snapshot cut to nothing, then written over with other bytes in
 * place (as `cp` over it does): the server read it into memory of its own
 * (RESP_MODEL_FLAGS_PRIVATE_COPY), so it answers as before and stays up */
static void
test_snapshot_cut_under_the_server (void)
{
  char *dir, *snap = test_temp_path ("city.snap", &dir);
  char *want = cli ("who", test_city_path, "s-portal", "--at", "2026-03-05T08:10:00+08:00", "--format", "text",
                    NULL);
  RespModel *m = resp_model_new_from_file (test_city_path, NULL, NULL);
  Served s = { 0 };
  int err_fd = -1, fd;
  gsize len;
  char *junk;
  struct stat st;
  Reply r;

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  CU_ASSERT_TRUE_FATAL (resp_model_write_snapshot (m, snap, NULL));
  resp_model_unref (m);
  CU_ASSERT_FATAL (serve_start_model (&s, snap, NULL, &err_fd));
  request_full (s.url, "GET", WHO_AT, NULL, 0, FALSE, &r);
  assert_same (&r, want);
  reply_clear (&r);

  CU_ASSERT_EQUAL_FATAL (stat (snap, &st), 0);
  len = (gsize) st.st_size;
  CU_ASSERT_EQUAL (truncate (snap, 0), 0);
  request_full (s.url, "GET", WHO_AT, NULL, 0, FALSE, &r);
  assert_same (&r, want);
  reply_clear (&r);
  junk = g_malloc (len);
  memset (junk, 0x5a, len);
  fd = open (snap, O_WRONLY | O_TRUNC);
  CU_ASSERT_FATAL (fd >= 0);
  CU_ASSERT_EQUAL (write (fd, junk, len), (gssize) len);
  close (fd);
  request_full (s.url, "GET", WHO_AT, NULL, 0, FALSE, &r);
  assert_same (&r, want);
  reply_clear (&r);
  assert_reply (&s, "GET", "v1/health", 200, "\"generation\": 1,");

  CU_ASSERT_EQUAL (serve_stop (&s, SIGTERM), 0);
  if (err_fd >= 0)
    close (err_fd);
  g_free (junk);
  g_free (want);
  test_remove_temp (snap, dir);
}

static void
test_reload_tokens (void)
{
  char *dir, *users = test_write_temp ("tokens", "user-token\n", &dir);
  char *admin_dir, *admins = test_write_temp ("admin-tokens", "# reloads\nadmin-token\n", &admin_dir);
  const char *only_users[] = { "--token-file", users, NULL };
  const char *both[] = { "--token-file", users, "--admin-token-file", admins, NULL };
  Served s = { 0 };

  CU_ASSERT_FATAL (serve_start (&s, only_users, NULL));
  bearer = "user-token";
  assert_reply (&s, "POST", "v1/reload", 403, "\"code\": \"forbidden\"");
  kill (s.pid, SIGHUP);
  CU_ASSERT_TRUE (poll_until (&s, "v1/health", 200, "\"generation\": 2,"));
  bearer = NULL;
  CU_ASSERT_EQUAL (serve_stop (&s, SIGTERM), 0);

  CU_ASSERT_FATAL (serve_start (&s, both, NULL));
  assert_reply (&s, "POST", "v1/reload", 401, "\"code\": \"unauthorized\"");
  bearer = "user-token";
  assert_reply (&s, "POST", "v1/reload", 403, "--admin-token-file");
  assert_reply (&s, "GET", "v1/health", 200, "\"generation\": 1,");
  bearer = "admin-token";
  assert_reply (&s, "POST", "v1/reload", 200, "\"generation\": 2,");
  assert_reply (&s, "GET", "v1/who/s-portal", 200, NULL);
  bearer = NULL;
  CU_ASSERT_EQUAL (serve_stop (&s, SIGTERM), 0);
  test_remove_temp (admins, admin_dir);
  test_remove_temp (users, dir);
}

/* Clients asking while the model swaps back and forth: every answer is
 * 200 and the whole answer of one model or the other. */
typedef struct {
  const char *url;
  const char *a, *b;
  gint       *stop;
  guint       n_a, n_b, wrong;
} Asker;

static gpointer
asker_run (gpointer data)
{
  Asker *k = data;
  SoupSession *own = soup_session_new_with_options ("timeout", DEADLINE_S, NULL);
  char *uri = g_strconcat (k->url, WHO_AT, NULL);

  while (!g_atomic_int_get (k->stop))
    {
      SoupMessage *msg = soup_message_new ("GET", uri);
      GBytes *bytes = soup_session_send_and_read (own, msg, NULL, NULL);
      gsize n = 0;
      const char *got = bytes != NULL ? g_bytes_get_data (bytes, &n) : NULL;

      if (bytes == NULL || soup_message_get_status (msg) != 200)
        k->wrong++;
      else if (n == strlen (k->a) && memcmp (got, k->a, n) == 0)
        k->n_a++;
      else if (n == strlen (k->b) && memcmp (got, k->b, n) == 0)
        k->n_b++;
      else
        k->wrong++;
      g_clear_pointer (&bytes, g_bytes_unref);
      g_object_unref (msg);
    }
  g_free (uri);
  g_object_unref (own);
  return NULL;
}

static void
test_reload_under_load (void)
{
  char *original = test_read_src ("examples/data/city.json", NULL);
  char *renamed = city_renamed ();
  char *who_a = who_of (original), *who_b = who_of (renamed);
  char *dir, *model = test_write_temp ("model.json", original, &dir);
  Asker askers[4];
  GThread *threads[G_N_ELEMENTS (askers)];
  Served s = { 0 };
  gint stop = 0;
  guint n_a = 0, n_b = 0, wrong = 0, swaps = 0;

  CU_ASSERT_FATAL (serve_start_model (&s, model, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (askers); i++)
    {
      askers[i] = (Asker) { s.url, who_a, who_b, &stop, 0, 0, 0 };
      threads[i] = g_thread_new ("asker", asker_run, &askers[i]);
    }
  /* ten swaps, B and A in turn, and a bad file between the fifth and sixth */
  for (guint i = 0; i < 10; i++)
    {
      Reply r;

      if (i == 5)
        {
          CU_ASSERT_FATAL (g_file_set_contents (model, "{\"format\": \"libresp/model/1\", ", -1, NULL));
          request_full (s.url, "POST", "v1/reload", "", 0, FALSE, &r);
          CU_ASSERT_EQUAL (r.status, 422);
          reply_clear (&r);
        }
      CU_ASSERT_FATAL (g_file_set_contents (model, i % 2 == 0 ? renamed : original, -1, NULL));
      request_full (s.url, "POST", "v1/reload", "", 0, FALSE, &r);
      CU_ASSERT_EQUAL (r.status, 200);
      swaps += r.status == 200;
      reply_clear (&r);
      g_usleep (20000);
    }
  g_atomic_int_set (&stop, 1);
  for (guint i = 0; i < G_N_ELEMENTS (askers); i++)
    {
      g_thread_join (threads[i]);
      n_a += askers[i].n_a;
      n_b += askers[i].n_b;
      wrong += askers[i].wrong;
    }
  fprintf (stderr, "\n  %u answers of A, %u of B, %u wrong\n", n_a, n_b, wrong);
  CU_ASSERT_EQUAL (swaps, 10);
  CU_ASSERT_EQUAL (wrong, 0);
  CU_ASSERT_TRUE (n_a > 0 && n_b > 0);
  assert_reply (&s, "GET", "v1/health", 200, "\"generation\": 11,");
  CU_ASSERT_EQUAL (serve_stop (&s, SIGTERM), 0);
  test_remove_temp (model, dir);
  g_free (who_a);
  g_free (who_b);
  g_free (renamed);
  g_free (original);
}

/* ---- limits ---- */

static GSocketConnection *
raw_connect (Served *s)
{
  GSocketClient *client = g_socket_client_new ();
  GSocketConnection *conn = g_socket_client_connect_to_host (client, "127.0.0.1",
                                                             (guint16) atoi (strrchr (s->url, ':') + 1), NULL, NULL);

  g_object_unref (client);
  CU_ASSERT_PTR_NOT_NULL_FATAL (conn);
  return conn;
}

/* Whether the server closes conn within seconds (what it sends before is
 * read and dropped); how long it took in *took (µs). */
static gboolean
closed_within (GSocketConnection *conn, int seconds, gint64 *took)
{
  GSocket *socket = g_socket_connection_get_socket (conn);
  gint64 start = g_get_monotonic_time (), deadline = start + (gint64) seconds * G_USEC_PER_SEC;
  char buf[512];

  /* once at least: seconds 0 looks without waiting */
  do
    {
      gssize n;

      if (!g_socket_condition_timed_wait (socket, G_IO_IN, MAX (deadline - g_get_monotonic_time (), 0), NULL, NULL))
        break;
      n = g_socket_receive (socket, buf, sizeof buf, NULL, NULL);
      if (n <= 0)
        {
          if (took != NULL)
            *took = g_get_monotonic_time () - start;
          return TRUE;
        }
    }
  while (g_get_monotonic_time () < deadline);
  return FALSE;
}

/* --max-header: 431, and the connection closed; under it, answered. */
static void
test_header_limit (void)
{
  const char *more[] = { "--max-header", "2048", NULL };
  Served s = { 0 };
  char *big = g_strnfill (3000, 'x'), *fits = g_strnfill (1500, 'x');
  char *uri;
  SoupMessage *msg;
  GBytes *bytes;

  CU_ASSERT_FATAL (serve_start (&s, more, NULL));
  uri = g_strconcat (s.url, "v1/health", NULL);
  for (guint i = 0; i < 2; i++)
    {
      msg = soup_message_new ("GET", uri);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Padding", i == 0 ? big : fits);
      bytes = soup_session_send_and_read (session, msg, NULL, NULL);
      CU_ASSERT_PTR_NOT_NULL (bytes);
      CU_ASSERT_EQUAL (soup_message_get_status (msg), i == 0 ? 431 : 200);
      if (i == 0 && bytes != NULL)
        {
          test_contains (g_bytes_get_data (bytes, NULL), "{\"error\": {\"code\": \"headers-too-large\"");
          CU_ASSERT_EQUAL (g_strcmp0 (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                    "Connection"), "close"), 0);
        }
      g_clear_pointer (&bytes, g_bytes_unref);
      g_object_unref (msg);
    }
  g_free (uri);
  CU_ASSERT_EQUAL (serve_stop (&s, SIGTERM), 0);
  g_free (big);
  g_free (fits);
}

/* --idle-timeout cuts a client that says nothing; --request-timeout one
 * that trickles its request a byte at a time (never idle that long);
 * health checks are answered meanwhile. */
static void
test_slow_clients (void)
{
  const char *idle[] = { "--idle-timeout", "1", "--request-timeout", "60", NULL };
  const char *slow[] = { "--idle-timeout", "60", "--request-timeout", "1", NULL };
  const char *head = "POST /v1/assess HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n";
  Served s = { 0 };
  GSocketConnection *conn;
  gint64 took = 0;
  Reply r;

  CU_ASSERT_FATAL (serve_start (&s, idle, NULL));
  conn = raw_connect (&s);
  request_full (s.url, "GET", "v1/health", NULL, 0, FALSE, &r);
  CU_ASSERT_EQUAL (r.status, 200);
  reply_clear (&r);
  CU_ASSERT_TRUE (closed_within (conn, 10, &took));
  CU_ASSERT_TRUE (took >= 500000);
  g_object_unref (conn);
  CU_ASSERT_EQUAL (serve_stop (&s, SIGTERM), 0);

  CU_ASSERT_FATAL (serve_start (&s, slow, NULL));
  conn = raw_connect (&s);
  {
    GSocket *socket = g_socket_connection_get_socket (conn);
    gint64 start = g_get_monotonic_time ();
    gboolean cut = FALSE;
    guint health_ok = 0, health = 0;

    CU_ASSERT_EQUAL (g_socket_send (socket, head, strlen (head), NULL, NULL), (gssize) strlen (head));
    /* a byte of the body every 100 ms, a health check between */
    while (!cut && g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC)
      {
        cut = g_socket_send (socket, "{", 1, NULL, NULL) != 1 || closed_within (conn, 0, NULL);
        request_full (s.url, "GET", "v1/health", NULL, 0, FALSE, &r);
        health++;
        health_ok += r.status == 200;
        reply_clear (&r);
        if (!cut)
          cut = closed_within (conn, 0, NULL) || !g_socket_condition_timed_wait (socket, G_IO_OUT, 0, NULL, NULL);
        g_usleep (100000);
      }
    CU_ASSERT_TRUE (cut);
    CU_ASSERT_TRUE (g_get_monotonic_time () - start >= 900000);
    CU_ASSERT_EQUAL (health_ok, health);
    CU_ASSERT_TRUE (health >= 5);
  }
  g_object_unref (conn);
  CU_ASSERT_TRUE (poll_until (&s, "metrics", 200, "resp_requests_timed_out_total 1\n"));
  CU_ASSERT_EQUAL (serve_stop (&s, SIGTERM), 0);
}

/* The number of file descriptors pid has open; -1 when it cannot be read. */
static int
open_fds (GPid pid)
{
  char *path = g_strdup_printf ("/proc/%d/fd", (int) pid);
  GDir *dir = g_dir_open (path, 0, NULL);
  int n = 0;

  g_free (path);
  if (dir == NULL)
    return -1;
  while (g_dir_read_name (dir) != NULL)
    n++;
  g_dir_close (dir);
  return n;
}

/* Keep-alive connections the client closes after its answer: libsoup 3.2
 * would leave each open for good (CLOSE-WAIT); the server closes them. */
static void
test_client_closes_keepalive (void)
{
  const char *head = "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  Served s = { 0 };
  gint64 deadline;
  int before, after = -1;

  CU_ASSERT_FATAL (serve_start (&s, NULL, NULL));
  if (open_fds (s.pid) < 0)
    {
      CU_ASSERT_EQUAL (serve_stop (&s, SIGTERM), 0);
      return;                   /* no /proc */
    }
  before = G_MAXINT;
  for (guint i = 0; i <= 50; i++)
    {
      GSocketConnection *conn = raw_connect (&s);
      GSocket *socket = g_socket_connection_get_socket (conn);
      char buf[4096];
      gssize n;

      g_socket_set_timeout (socket, DEADLINE_S);
      CU_ASSERT_EQUAL (g_socket_send (socket, head, strlen (head), NULL, NULL), (gssize) strlen (head));
      n = g_socket_receive (socket, buf, sizeof buf - 1, NULL, NULL);
      CU_ASSERT_TRUE (n > 12 && memcmp (buf, "HTTP/1.1 200", 12) == 0);
      g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
      g_object_unref (conn);
      if (i == 0)
        {
          /* what the first connection left (GLib's sources made on first
           * use), once the server has closed it */
          g_usleep (300000);
          before = open_fds (s.pid);
        }
    }
  deadline = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline && (after = open_fds (s.pid)) > before)
    g_usleep (10000);
  if (after > before)
    fprintf (stderr, "\n  %d file descriptors open before, %d after\n", before, after);
  CU_ASSERT_TRUE (after <= before);
  CU_ASSERT_TRUE (poll_until (&s, "metrics", 200, "resp_connections_open 1\n"));
  CU_ASSERT_EQUAL (serve_stop (&s, SIGTERM), 0);
}

/* poll_until() over own_session's connection (keep-alive): path answers 200
 * with needle in its body before the deadline */
static gboolean
session_poll_until (SoupSession *own_session, const char *base, const char *path, const char *needle)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
  char *uri = g_strconcat (base, path, NULL);
  gboolean done = FALSE;

  while (!done && g_get_monotonic_time () < deadline)
    {
      SoupMessage *msg = soup_message_new ("GET", uri);
      GBytes *bytes = soup_session_send_and_read (own_session, msg, NULL, NULL);

      if (bytes != NULL && soup_message_get_status (msg) == 200)
        {
          gsize n;
          const char *body = g_bytes_get_data (bytes, &n);
          char *text = g_strndup (body, n);

          done = strstr (text, needle) != NULL;
          g_free (text);
        }
      g_clear_pointer (&bytes, g_bytes_unref);
      g_object_unref (msg);
      if (!done)
        g_usleep (2000);
    }
  g_free (uri);
  return done;
}

/* --max-connections: one more is closed as it comes; the others answer. */
static void
test_max_connections (void)
{
  const char *more[] = { "--max-connections", "3", NULL };
  Served s = { 0 };
  GSocketConnection *idle[2], *over;
  SoupSession *own = soup_session_new_with_options ("timeout", DEADLINE_S, NULL);
  char *uri;
  SoupMessage *msg;
  GBytes *bytes;

  CU_ASSERT_FATAL (serve_start (&s, more, NULL));
  uri = g_strconcat (s.url, "v1/health", NULL);
  /* the session's keep-alive connection, and two that say nothing */
  msg = soup_message_new ("GET", uri);
  bytes = soup_session_send_and_read (own, msg, NULL, NULL);
  CU_ASSERT_EQUAL (soup_message_get_status (msg), 200);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_object_unref (msg);
  for (guint i = 0; i < G_N_ELEMENTS (idle); i++)
    idle[i] = raw_connect (&s);
  /* once the server has seen both (they are read in turn; asked on the
   * session's own connection, as any other would be one too many), a
   * fourth is shut. A fixed wait was not always enough on a busy machine. */
  CU_ASSERT_TRUE (session_poll_until (own, s.url, "metrics", "resp_connections_open 3\n"));
  over = raw_connect (&s);
  CU_ASSERT_TRUE (closed_within (over, 5, NULL));
  g_object_unref (over);
  /* the three open still answer */
  msg = soup_message_new ("GET", uri);
  bytes = soup_session_send_and_read (own, msg, NULL, NULL);
  CU_ASSERT_EQUAL (soup_message_get_status (msg), 200);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_object_unref (msg);
  /* one of them gone, room for another */
  g_io_stream_close (G_IO_STREAM (idle[0]), NULL, NULL);
  g_object_unref (idle[0]);
  idle[0] = NULL;
  g_object_unref (own);
  own = NULL;
  CU_ASSERT_TRUE (poll_until (&s, "metrics", 200, "resp_connections_refused_total 1\n"));
  g_object_unref (idle[1]);
  g_free (uri);
  CU_ASSERT_EQUAL (serve_stop (&s, SIGTERM), 0);
}

/* Last: the server that answered every test above stops cleanly (under
 * ASan, LeakSanitizer checks it has freed every request's memory). */
static void
test_stop_main (void)
{
  CU_ASSERT_EQUAL (serve_stop (&main_server, SIGTERM), 0);
}

static CU_TestInfo tests[] = {
  { "health", test_health },
  { "who: json, text and dot as the CLI", test_who },
  { "scope and audit as the CLI", test_scope_and_audit },
  { "assess: json, text and dot as the CLI", test_assess },
  { "assess: one object and JSON Lines", test_assess_shapes },
  { "validate: a model and diagnostics", test_validate },
  { "duties: the served record or one sent, as the CLI", test_duties },
  { "duties: errors", test_duties_errors },
  { "errors: 400, 404, 405", test_errors },
  { "errors: 413 over the body limit", test_body_limit },
  { "a non-loopback address is refused", test_refuse_non_loopback },
  { "SIGTERM with a request in flight", test_sigterm_in_flight },
  { "a client gone before its answer", test_client_gone },
  { "SIGINT when idle; a log line a request", test_sigint_idle },
  { "--token-file: bearer tokens", test_tokens },
  { "GET /metrics", test_metrics },
  { "--max-header: 431", test_header_limit },
  { "--idle-timeout and --request-timeout cut slow clients; health answers", test_slow_clients },
  { "--max-connections", test_max_connections },
  { "keep-alive connections the client closes are closed", test_client_closes_keepalive },
  { "a served snapshot cut and written over: the same answers", test_snapshot_cut_under_the_server },
  { "reload: good, bad, and on SIGHUP", test_reload },
  { "reload: only with an admin token", test_reload_tokens },
  { "reload under load: every answer from one model or the other", test_reload_under_load },
  { "the server of every test above stops with exit status 0", test_stop_main },
  CU_TEST_INFO_NULL,
};

int
main (void)
{
  return test_main_suite ("serve", suite_init, suite_clean, tests);
}
