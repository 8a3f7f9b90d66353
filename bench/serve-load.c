/* serve-load.c: resp-serve-load, a keep-alive HTTP load for `resp serve`
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   resp-serve-load --url http://127.0.0.1:PORT/v1/assess --body EVENT.json \
 *                   [--threads 4] [--seconds 10] [--events N] [--expect FILE]
 *
 * Each thread keeps one HTTP/1.1 connection to the server (loopback) and
 * sends the same request on it again and again, one at a time, for the
 * given time: GET without --body, POST of the body with it. Every answer
 * must be 200 with a Content-Length body (and, with --expect, exactly the
 * bytes of FILE); anything else counts as an error and reopens the
 * connection. Prints requests/s, the events/s they carry (--events: the
 * number of events in the body), the latency percentiles of the
 * requests (the time from writing the request to the last byte of its
 * answer), and the load average before and after.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib.h>

typedef struct {
  /* the question */
  struct sockaddr_in address;
  const char        *request;     /* the head and body, as sent */
  gsize              request_len;
  const char        *expect;      /* nullable */
  gsize              expect_len;
  gint64             until;       /* monotonic µs */
  /* the answers of this thread */
  GArray            *latencies;   /* µs, gint64 */
  guint64            errors;
  guint64            bytes;
} Load;

static int
connect_to (const struct sockaddr_in *address)
{
  int fd = socket (AF_INET, SOCK_STREAM, 0), one = 1;

  if (fd < 0)
    return -1;
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (connect (fd, (const struct sockaddr *) address, sizeof *address) != 0)
    {
      close (fd);
      return -1;
    }
  return fd;
}

static gboolean
write_all (int fd, const char *data, gsize len)
{
  while (len > 0)
    {
      ssize_t n = send (fd, data, len, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* One answer from fd into buf (which keeps what comes after it for the
 * next one): its status and body; FALSE when the connection fails. */
static gboolean
read_answer (int fd, GString *buf, guint *status, GString *body)
{
  char chunk[65536];
  char *end;
  gsize head_len, content_len = 0;

  while ((end = strstr (buf->str, "\r\n\r\n")) == NULL)
    {
      ssize_t n = recv (fd, chunk, sizeof chunk, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      g_string_append_len (buf, chunk, n);
    }
  head_len = (gsize) (end - buf->str) + 4;
  if (sscanf (buf->str, "HTTP/1.1 %u ", status) != 1)
    return FALSE;
  {
    char *cl = g_strstr_len (buf->str, (gssize) head_len, "Content-Length: ");

    if (cl == NULL)
      return FALSE;
    content_len = g_ascii_strtoull (cl + strlen ("Content-Length: "), NULL, 10);
  }
  while (buf->len < head_len + content_len)
    {
      ssize_t n = recv (fd, chunk, sizeof chunk, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      g_string_append_len (buf, chunk, n);
    }
  g_string_truncate (body, 0);
  g_string_append_len (body, buf->str + head_len, (gssize) content_len);
  g_string_erase (buf, 0, (gssize) (head_len + content_len));
  return TRUE;
}

static gpointer
load_run (gpointer data)
{
  Load *l = data;
  GString *buf = g_string_new (NULL), *body = g_string_new (NULL);
  int fd = -1;

  while (g_get_monotonic_time () < l->until)
    {
      gint64 start;
      guint status = 0;

      if (fd < 0)
        {
          g_string_truncate (buf, 0);
          fd = connect_to (&l->address);
          if (fd < 0)
            {
              l->errors++;
              g_usleep (1000);
              continue;
            }
        }
      start = g_get_monotonic_time ();
      if (!write_all (fd, l->request, l->request_len) || !read_answer (fd, buf, &status, body))
        {
          l->errors++;
          close (fd);
          fd = -1;
          continue;
        }
      if (status != 200 || (l->expect != NULL && (body->len != l->expect_len
                                                   || memcmp (body->str, l->expect, body->len) != 0)))
        {
          if (l->errors++ == 0)
            fprintf (stderr, "resp-serve-load: status %u, %zu bytes: %.200s\n", status, body->len, body->str);
          continue;
        }
      {
        gint64 us = g_get_monotonic_time () - start;

        g_array_append_val (l->latencies, us);
      }
      l->bytes += body->len;
    }
  if (fd >= 0)
    close (fd);
  g_string_free (buf, TRUE);
  g_string_free (body, TRUE);
  return NULL;
}

static int
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static char *
loadavg (void)
{
  char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("?");
  g_strchomp (text);
  return text;
}

int
main (int argc, char **argv)
{
  static char *url = NULL, *body_file = NULL, *expect_file = NULL;
  static int threads = 4, events = 0;
  static double seconds = 10;
  GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, "http://127.0.0.1:PORT/PATH?QUERY (numeric IPv4 only)", "URL" },
    { "body", 0, 0, G_OPTION_ARG_FILENAME, &body_file, "POST this file (else GET)", "FILE" },
    { "expect", 0, 0, G_OPTION_ARG_FILENAME, &expect_file, "Every answer must be exactly this file", "FILE" },
    { "threads", 't', 0, G_OPTION_ARG_INT, &threads, "Client threads, one connection each (default 4)", "N" },
    { "seconds", 's', 0, G_OPTION_ARG_DOUBLE, &seconds, "How long (default 10)", "S" },
    { "events", 0, 0, G_OPTION_ARG_INT, &events, "Events in the body, for events/s", "N" },
    { NULL }
  };
  GOptionContext *ctx = g_option_context_new ("- keep-alive load for resp serve");
  GError *error = NULL;
  char *body = NULL, *expect = NULL, *host, *path, *load_before, *load_after;
  gsize body_len = 0, expect_len = 0;
  struct sockaddr_in address = { 0 };
  GString *request;
  Load *loads;
  GThread **workers;
  GArray *all;
  guint64 errors = 0, bytes = 0;
  unsigned port = 0;
  gint64 start, elapsed;
  int rc = 0;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || url == NULL || threads < 1 || seconds <= 0)
    {
      fprintf (stderr, "resp-serve-load: %s\n", error != NULL ? error->message : "--url is required");
      return 2;
    }
  g_option_context_free (ctx);
  if (!g_str_has_prefix (url, "http://"))
    {
      fprintf (stderr, "resp-serve-load: not an http:// URL: %s\n", url);
      return 2;
    }
  host = g_strdup (url + strlen ("http://"));
  path = strchr (host, '/');
  path = g_strdup (path != NULL ? path : "/");
  *strchrnul (host, '/') = '\0';
  if (strchr (host, ':') != NULL)
    {
      port = (unsigned) atoi (strchr (host, ':') + 1);
      *strchr (host, ':') = '\0';
    }
  address.sin_family = AF_INET;
  address.sin_port = htons ((uint16_t) (port != 0 ? port : 80));
  if (inet_pton (AF_INET, host, &address.sin_addr) != 1)
    {
      fprintf (stderr, "resp-serve-load: not a numeric IPv4 address: %s\n", host);
      return 2;
    }
  if ((body_file != NULL && !g_file_get_contents (body_file, &body, &body_len, &error))
      || (expect_file != NULL && !g_file_get_contents (expect_file, &expect, &expect_len, &error)))
    {
      fprintf (stderr, "resp-serve-load: %s\n", error->message);
      return 2;
    }
  request = g_string_new (NULL);
  g_string_printf (request, "%s %s HTTP/1.1\r\nHost: %s\r\n", body != NULL ? "POST" : "GET", path, host);
  if (body != NULL)
    {
      g_string_append_printf (request, "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n", body_len);
      g_string_append_len (request, body, (gssize) body_len);
    }
  else
    g_string_append (request, "\r\n");

  loads = g_new0 (Load, threads);
  workers = g_new0 (GThread *, threads);
  load_before = loadavg ();
  start = g_get_monotonic_time ();
  for (int i = 0; i < threads; i++)
    {
      loads[i] = (Load) { address, request->str, request->len, expect, expect_len,
                          start + (gint64) (seconds * G_USEC_PER_SEC), g_array_new (FALSE, FALSE, sizeof (gint64)),
                          0, 0 };
      workers[i] = g_thread_new ("load", load_run, &loads[i]);
    }
  all = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (int i = 0; i < threads; i++)
    {
      g_thread_join (workers[i]);
      g_array_append_vals (all, loads[i].latencies->data, loads[i].latencies->len);
      errors += loads[i].errors;
      bytes += loads[i].bytes;
      g_array_unref (loads[i].latencies);
    }
  elapsed = g_get_monotonic_time () - start;
  load_after = loadavg ();
  g_array_sort (all, compare_gint64);
  {
    double s = (double) elapsed / G_USEC_PER_SEC;
    guint n = all->len;
#define P(q) (n > 0 ? (double) g_array_index (all, gint64, MIN (n - 1, (guint) ((q) * n))) / 1000.0 : 0.0)

    printf ("%s %s: %d threads (one keep-alive connection each), %.1f s\n", body != NULL ? "POST" : "GET", url,
            threads, s);
    printf ("  %u answers, %.0f requests/s", n, n / s);
    if (events > 0)
      printf (", %.0f events/s", (double) n * events / s);
    printf (", %.1f MB/s of answers; %" G_GUINT64_FORMAT " errors\n", (double) bytes / s / 1e6, errors);
    printf ("  latency ms: p50 %.3f, p90 %.3f, p99 %.3f, max %.3f\n", P (0.5), P (0.9), P (0.99), P (1.0));
    printf ("  load average before: %s; after: %s\n", load_before, load_after);
#undef P
  }
  if (errors > 0 || all->len == 0)
    rc = 1;
  g_array_unref (all);
  g_free (loads);
  g_free (workers);
  g_string_free (request, TRUE);
  g_free (load_before);
  g_free (load_after);
  g_free (host);
  g_free (path);
  g_free (body);
  g_free (expect);
  return rc;
}
