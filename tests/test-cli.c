/* test-cli.c: the resp tool's contract (SPEC §5): outputs, exit codes, streams
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <gio/gio.h>

#include "test-common.h"
#include "resp-json-reader-private.h"

/* Runs resp with the arguments first and ap; checks the exit code and
 * returns stdout (stderr in *err). */
static char *
run_v (int         expected_rc,
       char      **err,
       const char *first,
       va_list     ap)
{
  const char *argv[16];
  char *out = NULL, *e = NULL;
  guint n = 0;
  int rc;

  for (const char *a = first; a != NULL && n < 15; a = va_arg (ap, const char *))
    argv[n++] = a;
  argv[n] = NULL;
  rc = test_run_resp (argv, &out, &e);
  if (rc != expected_rc)
    fprintf (stderr, "\n  resp %s…: exit %d, expected %d; stderr: %s\n", first, rc, expected_rc, e);
  CU_ASSERT_EQUAL (rc, expected_rc);
  if (err != NULL)
    *err = e;
  else
    g_free (e);
  return out;
}

/* The same with the arguments listed, ended by NULL */
static char *
run (int expected_rc, char **err, const char *first, ...)
{
  va_list ap;
  char *out;

  va_start (ap, first);
  out = run_v (expected_rc, err, first, ap);
  va_end (ap);
  return out;
}

/* Runs resp, which must exit with expected_rc, print nothing on stdout
 * and, unless message is NULL, say it on stderr. */
static void
run_fails (int expected_rc, const char *message, const char *first, ...)
{
  va_list ap;
  char *err = NULL, *out;

  va_start (ap, first);
  out = run_v (expected_rc, &err, first, ap);
  va_end (ap);
  CU_ASSERT_STRING_EQUAL (out, "");
  if (message != NULL)
    test_contains (err, message);
  g_free (out);
  g_free (err);
}

static void
test_validate (void)
{
  char *err = NULL;
  char *out = run (0, &err, "validate", test_city_path, NULL);

  test_contains (out, "模型有效", "117 个节点");
  CU_ASSERT_STRING_EQUAL (err, "");
  g_free (out);
  g_free (err);
}

static void
test_invalid_model (void)
{
  const char *bad = "{\"format\": \"libresp/model/1\",\n"
                    " \"nodes\": [{\"id\": \"p-li\", \"type\": \"person\", \"name\": \"李某\"}],\n"
                    " \"relations\": [\n"
                    "    {\"rel\": \"member\", \"from\": \"p-li\", \"to\": \"k-ctiy\", \"role\": \"member\"},\n"
                    "    {\"rel\": \"heads\", \"from\": \"p-li\", \"to\": \"u-x\"}\n"
                    " ]}\n";
  const char *commands[] = { "validate", "who", "scope", "audit" };
  char *dir, *path = test_write_temp ("bad.json", bad, &dir);
  char *expected;

  expected = g_strdup_printf ("%s:4:45: relation 'member' from 'p-li': unknown node 'k-ctiy'\n"
                              "%s:5:44: relation 'heads' from 'p-li': unknown node 'u-x'\n", path, path);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      char *err = NULL, *out;
      gboolean two = i == 1 || i == 2;

      out = run (1, &err, commands[i], path, two ? "p-li" : NULL, NULL);
      CU_ASSERT_STRING_EQUAL (out, "");
      CU_ASSERT_STRING_EQUAL (err, expected);
      g_free (out);
      g_free (err);
    }
  g_free (expected);
  test_remove_temp (path, dir);
}

static void
test_who_json (void)
{
  char *out = run (0, NULL, "who", test_city_path, "s-portal", "--at", "2026-03-05T08:10:00+08:00",
                   "--format", "json", NULL);
  RespJsonTree *tree = test_parse_json (out);
  RespJsonNode *root = resp_json_tree_get_root (tree);
  RespJsonNode *roles = resp_json_node_get_member (root, "roles");
  RespJsonNode *first;
  guint n_roles = 0;

  CU_ASSERT_STRING_EQUAL (resp_json_node_get_member (root, "node")->v.string.str, "s-portal");
  CU_ASSERT_STRING_EQUAL (resp_json_node_get_member (root, "at")->v.string.str,
                          "2026-03-05T08:10:00+08:00");
  CU_ASSERT_EQUAL (resp_json_node_get_member (root, "warnings")->type, RESP_JSON_ARRAY);
  CU_ASSERT_PTR_NOT_NULL_FATAL (roles);
  for (guint r = 0; r < RESP_N_ROLES; r++)
    if (r != RESP_ROLE_INVOLVED)
      {
        CU_ASSERT_PTR_NOT_NULL (resp_json_node_get_member (roles, resp_role_to_string (r)));
        n_roles++;
      }
  CU_ASSERT_EQUAL (roles->v.children.n, n_roles);
  CU_ASSERT_PTR_NULL (resp_json_node_get_member (roles, "involved"));
  first = resp_json_node_get_member (roles, "first_responsible");
  CU_ASSERT_EQUAL_FATAL (first->v.children.n, 1);
  CU_ASSERT_STRING_EQUAL (first->v.children.items[0]->v.string.str, "p-li");
  resp_json_tree_free (tree);
  g_free (out);
}

static void
test_who_at_normalised (void)
{
  /* the same instant written in UTC prints at +08:00 */
  char *out = run (0, NULL, "who", test_city_path, "s-app", "--at", "2025-06-29T16:00:00Z",
                   "--format", "json", NULL);

  CU_ASSERT_PTR_NOT_NULL (strstr (out, "\"at\": \"2025-06-30T00:00:00+08:00\""));
  g_free (out);
}

static void
test_who_text_and_dot (void)
{
  char *text = run (0, NULL, "who", test_city_path, "s-portal", "--at", "2026-03-05", NULL);
  char *dot = run (0, NULL, "who", test_city_path, "s-portal", "--at", "2026-03-05",
                   "--format", "dot", NULL);

  /* 直接责任人 is a role, never the category 直接责任 on its own */
  test_contains (text, "第一责任人（first_responsible）",
                 "路径：s-portal → u-data-center → u-gov-office → k-gov-office → p-li",
                 "直接责任人（direct_responsible）");
  CU_ASSERT (g_str_has_prefix (dot, "digraph who {"));
  CU_ASSERT_PTR_NOT_NULL (strstr (dot, "\"k-gov-office\" -> \"p-li\";"));
  g_free (text);
  g_free (dot);
}

/* A chain of twelve superiors: a path longer than eight nodes is told from
 * the walk written above it, the picture draws each edge once (the output
 * grows with the chain, not with its square) */
static void
test_who_long_chain (void)
{
  GString *json = g_string_new ("{\"format\": \"libresp/model/1\", \"nodes\": [\n"
                                " {\"id\": \"r\", \"type\": \"region\", \"name\": \"R\", \"level\": \"prefectural\"},\n"
                                " {\"id\": \"k\", \"type\": \"committee\", \"name\": \"K\", \"form\": \"party_committee\"},\n"
                                " {\"id\": \"s\", \"type\": \"system\", \"name\": \"S\"}");
  char *dir, *path, *text, *dot;
  guint edges = 0;

  for (int i = 0; i < 12; i++)
    g_string_append_printf (json, ",\n {\"id\": \"u%d\", \"type\": \"unit\", \"name\": \"U%d\"}", i, i);
  g_string_append (json, "],\n \"relations\": [{\"rel\": \"leads\", \"from\": \"k\", \"to\": \"r\"},\n"
                   " {\"rel\": \"located_in\", \"from\": \"u0\", \"to\": \"r\"},\n"
                   " {\"rel\": \"operates\", \"from\": \"u11\", \"to\": \"s\"}");
  for (int i = 1; i < 12; i++)
    g_string_append_printf (json, ",\n {\"rel\": \"under\", \"from\": \"u%d\", \"to\": \"u%d\"}", i, i - 1);
  g_string_append (json, "]}\n");
  path = test_write_temp ("chain.json", json->str, &dir);
  text = run (0, NULL, "who", path, "s", "--at", "2026-06-01", NULL);
  dot = run (0, NULL, "who", path, "s", "--at", "2026-06-01", "--format", "dot", NULL);

  /* the chain in id order: u0 (the walk whole), u1 (a prefix of it, 12
   * nodes), u10 and u11 (short: whole), u2-u4 (long prefixes), u5-u9 whole */
  test_contains (text,
                 "    U0（u0）\n      路径：s → u11 → u10 → u9 → u8 → u7 → u6 → u5 → u4 → u3 → u2 → u1 → u0\n"
                 "    U1（u1）\n      路径：沿上面的路径至 u1（共 12 个节点）\n"
                 "    U10（u10）\n      路径：s → u11 → u10\n",
                 "    U4（u4）\n      路径：沿上面的路径至 u4（共 9 个节点）\n"
                 "    U5（u5）\n      路径：s → u11 → u10 → u9 → u8 → u7 → u6 → u5\n");
  /* s -> u11 -> ... -> u0 -> r -> k: 14 edges, each once */
  for (const char *p = dot; (p = strstr (p, " -> ")) != NULL; p++)
    edges++;
  CU_ASSERT_EQUAL (edges, 14);
  CU_ASSERT_PTR_NOT_NULL (strstr (dot, "\"u0\" -> \"r\";\n  \"r\" -> \"k\";"));
  g_free (text);
  g_free (dot);
  test_remove_temp (path, dir);
  g_string_free (json, TRUE);
}

static void
test_who_unknown_node (void)
{
  run_fails (1, "no node 's-nope'", "who", test_city_path, "s-nope", "--format", "json", NULL);
  run_fails (1, NULL, "who", test_city_path, "p-li", NULL);
  run_fails (1, NULL, "scope", test_city_path, "s-portal", NULL);
}

static void
test_usage_errors (void)
{
  char *out;

  run_fails (2, "--at", "who", test_city_path, "s-portal", "--at", "2026-13-01", NULL);
  out = run (2, NULL, "who", test_city_path, NULL);
  g_free (out);
  out = run (2, NULL, "frobnicate", NULL);
  g_free (out);
  out = run (2, NULL, "audit", test_city_path, "--format", "yaml", NULL);
  g_free (out);
  out = run (2, NULL, "validate", test_city_path, "--bogus", NULL);
  g_free (out);
  out = run (2, NULL, NULL);
  g_free (out);
}

static void
test_help (void)
{
  const char *commands[] = { "validate", "who", "scope", "audit", "assess", "duties" };
  char *out = run (0, NULL, "--help", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      char *help;
      CU_ASSERT_PTR_NOT_NULL (strstr (out, commands[i]));
      help = run (0, NULL, commands[i], "--help", NULL);
      CU_ASSERT_PTR_NOT_NULL (strstr (help, "--format"));
      g_free (help);
    }
  g_free (out);
}

static void
test_scope_json (void)
{
  char *out = run (0, NULL, "scope", test_city_path, "p-ma", "--at", "2026-03-05",
                   "--format", "json", NULL);
  RespJsonTree *tree = test_parse_json (out);
  RespJsonNode *root = resp_json_tree_get_root (tree);
  RespJsonNode *heads = resp_json_node_get_member (root, "heads");
  RespJsonNode *rf = resp_json_node_get_member (root, "responsible_for");
  RespJsonNode *uh;

  CU_ASSERT_STRING_EQUAL (resp_json_node_get_member (root, "person")->v.string.str, "p-ma");
  CU_ASSERT_EQUAL_FATAL (heads->v.children.n, 1);
  CU_ASSERT_STRING_EQUAL (heads->v.children.items[0]->v.string.str, "u-city-cac");
  CU_ASSERT_EQUAL (resp_json_node_get_member (root, "seats")->v.children.n, 0);
  uh = resp_json_node_get_member (rf, "unit_head");
  CU_ASSERT_EQUAL_FATAL (uh->v.children.n, 1);
  CU_ASSERT_STRING_EQUAL (uh->v.children.items[0]->v.string.str, "s-cac-monitor");
  CU_ASSERT_PTR_NOT_NULL (resp_json_node_get_member (rf, "first_responsible"));
  CU_ASSERT_PTR_NOT_NULL (resp_json_node_get_member (rf, "direct_responsible"));
  CU_ASSERT_PTR_NOT_NULL (resp_json_node_get_member (rf, "security_lead"));
  resp_json_tree_free (tree);
  g_free (out);
}

static void
test_scope_tenure (void)
{
  /* 王某 was the city's main leader until 2025-06-30, 周某 after */
  char *before = run (0, NULL, "scope", test_city_path, "p-wang", "--at", "2025-06-29",
                      "--format", "json", NULL);
  char *after = run (0, NULL, "scope", test_city_path, "p-wang", "--at", "2025-06-30",
                     "--format", "json", NULL);

  CU_ASSERT_PTR_NOT_NULL (strstr (before, "\"committee\": \"k-city\""));
  CU_ASSERT_PTR_NULL (strstr (after, "\"committee\": \"k-city\""));
  g_free (before);
  g_free (after);
}

static void
test_audit_json (void)
{
  char *all = run (0, NULL, "audit", test_city_path, "--format", "json", NULL);
  char *at = run (0, NULL, "audit", test_city_path, "--at", "2025-11-10", "--format", "json", NULL);
  RespJsonTree *tree = test_parse_json (at);
  RespJsonNode *findings = resp_json_node_get_member (resp_json_tree_get_root (tree), "findings");
  gboolean vacant = FALSE;

  CU_ASSERT (g_str_has_prefix (all, "{\n  \"at\": null,"));
  for (guint i = 0; i < findings->v.children.n; i++)
    {
      RespJsonNode *f = findings->v.children.items[i];
      if (g_str_equal (resp_json_node_get_member (f, "code")->v.string.str, "post_vacant") &&
          g_str_equal (resp_json_node_get_member (f, "node")->v.string.str, "u-data-center"))
        {
          vacant = TRUE;
          CU_ASSERT_STRING_EQUAL (resp_json_node_get_member (f, "from")->v.string.str,
                                  "2025-10-31T00:00:00+08:00");
          CU_ASSERT_STRING_EQUAL (resp_json_node_get_member (f, "until")->v.string.str,
                                  "2025-11-24T00:00:00+08:00");
        }
    }
  CU_ASSERT (vacant);
  resp_json_tree_free (tree);
  g_free (all);
  g_free (at);
}

static void
test_assess (void)
{
  char *events = test_src_path ("examples/data/events.json");
  char *json = run (0, NULL, "assess", test_city_path, events, "--format", "json", NULL);
  char *text = run (0, NULL, "assess", test_city_path, events, NULL);
  char *dot = run (0, NULL, "assess", test_city_path, events, "--format", "dot", "-j", "2", NULL);
  RespJsonTree *tree = test_parse_json (json);
  RespJsonNode *root = resp_json_tree_get_root (tree);

  /* a JSON array in, an array out */
  CU_ASSERT_EQUAL_FATAL (root->type, RESP_JSON_ARRAY);
  CU_ASSERT_EQUAL (root->v.children.n, 27);
  CU_ASSERT_STRING_EQUAL (resp_json_node_get_member (root->v.children.items[0], "status")->v.string.str,
                          "triggered");
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "结论：触发问责情形"));
  CU_ASSERT (g_str_has_prefix (dot, "digraph \"2025-007\" {"));
  resp_json_tree_free (tree);
  g_free (json);
  g_free (text);
  g_free (dot);
  g_free (events);
}

static void
test_assess_single_and_lines (void)
{
  char *dir, *path = test_write_temp ("one.json",
                                 "{\"id\": \"e1\", \"occurred_at\": \"2026-03-05\", \"units\": [\"u-hospital\"],"
                                 " \"facts\": {\"other_serious\": true}}\n", &dir);
  char *out = run (0, NULL, "assess", test_city_path, path, "--format", "json", NULL);

  /* one object in, one object out */
  CU_ASSERT (g_str_has_prefix (out, "{\n  \"event\": \"e1\","));
  g_free (out);
  test_remove_temp (path, dir);

  path = test_write_temp ("lines.jsonl",
                     "{\"id\": \"e1\", \"occurred_at\": \"2026-03-05\", \"units\": [\"u-hospital\"]}\n"
                     "{\"id\": \"e2\", \"occurred_at\": \"2026-03-06\", \"units\": [\"u-hospital\"]}\n", &dir);
  out = run (0, NULL, "assess", test_city_path, path, "--format", "json", NULL);
  CU_ASSERT (g_str_has_prefix (out, "[\n  {\n    \"event\": \"e1\","));
  CU_ASSERT_PTR_NOT_NULL (strstr (out, "\"event\": \"e2\""));
  g_free (out);
  test_remove_temp (path, dir);
}

/* Runs resp with standard input from the file in_path; checks the exit
 * code and returns stdout (stderr in *err). */
static char *
run_with_stdin (int expected_rc, const char *in_path, char **err, const char * const *argv)
{
  GSubprocessLauncher *l = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  GPtrArray *args = g_ptr_array_new ();
  char *tool = test_build_path ("tools/resp/resp"), *out = NULL, *e = NULL;
  GError *error = NULL;
  GSubprocess *p;

  g_ptr_array_add (args, tool);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);
  g_subprocess_launcher_set_stdin_file_path (l, in_path);
  p = g_subprocess_launcher_spawnv (l, (const char * const *) args->pdata, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (p);
  CU_ASSERT (g_subprocess_communicate_utf8 (p, NULL, NULL, &out, &e, &error));
  CU_ASSERT (g_subprocess_get_if_exited (p));
  CU_ASSERT_EQUAL (g_subprocess_get_exit_status (p), expected_rc);
  if (err != NULL)
    *err = e;
  else
    g_free (e);
  g_object_unref (p);
  g_object_unref (l);
  g_ptr_array_free (args, TRUE);
  g_free (tool);
  return out;
}

/* `-` reads the events, or a record, from standard input: the same answer
 * as from the file; errors are positioned in <stdin> */
static void
test_stdin (void)
{
  char *events = test_src_path ("examples/data/events.json"), *record = test_src_path ("examples/data/record.json");
  const char *assess_file[] = { "assess", test_city_path, events, "--format", "json", NULL };
  const char *assess_stdin[] = { "assess", test_city_path, "-", "--format", "json", NULL };
  const char *duties_file[] = { "duties", test_city_path, record, "--year", "2026", "--at", "2027-01-10",
                                "--rulebook", "cn-local-2026-example", "--format", "json", NULL };
  const char *duties_stdin[] = { "duties", test_city_path, "-", "--year", "2026", "--at", "2027-01-10",
                                 "--rulebook", "cn-local-2026-example", "--format", "json", NULL };
  char *dir, *bad = test_write_temp ("bad.jsonl", "{\"id\": \"x\", \"occurred_at\": \"2026-03-05\",\n"
                                     " \"units\": [\"u-nope\"]}\n", &dir);
  char *err = NULL, *a, *b;
  int rc;

  rc = test_run_resp (assess_file, &a, NULL);
  CU_ASSERT_EQUAL (rc, 0);
  b = run_with_stdin (0, events, NULL, assess_stdin);
  CU_ASSERT_STRING_EQUAL (a, b);
  g_free (a);
  g_free (b);

  rc = test_run_resp (duties_file, &a, NULL);
  CU_ASSERT_EQUAL (rc, 0);
  b = run_with_stdin (0, record, NULL, duties_stdin);
  CU_ASSERT_STRING_EQUAL (a, b);
  g_free (a);
  g_free (b);

  b = run_with_stdin (1, bad, &err, assess_stdin);
  CU_ASSERT_STRING_EQUAL (b, "");
  test_contains (err, "<stdin>:2:12: event 'x': unknown node 'u-nope'");
  g_free (b);
  g_free (err);
  test_remove_temp (bad, dir);
  g_free (events);
  g_free (record);
}

/* More events than resp assess takes at a time (4,096): assessed, then
 * rendered by its threads a few pieces of 64 at a time and written stretch
 * by stretch, the output is byte for byte one rendering of all the
 * verdicts, in JSON, text and DOT, on one thread, two and three */
static void
test_assess_stretches (void)
{
  static const char *const subjects[] = { "\"systems\": [\"s-portal\"]", "\"units\": [\"u-hospital\"]",
                                          "\"systems\": [\"s-scada\"]" };
  GString *lines = g_string_new (NULL);
  char *dir, *path;
  RespEventBatch *batch;
  GPtrArray *verdicts;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (lines, "{\"id\": \"e%u\", \"occurred_at\": \"2026-0%u-1%u\", %s, "
                            "\"facts\": {\"attacked\": %s}}\n", i, 1 + i % 9, i % 10,
                            subjects[i % G_N_ELEMENTS (subjects)], i % 2 ? "true" : "false");
  path = test_write_temp ("many.jsonl", lines->str, &dir);
  batch = resp_event_batch_new_from_data (test_city_model, test_city_rulebook, lines->str, -1, "many.jsonl",
                                          NULL, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (batch);
  CU_ASSERT_EQUAL (resp_event_batch_get_n_events (batch), 5000);
  verdicts = resp_assess_batch (test_city_model, test_city_rulebook, batch, 1);
  for (guint f = 0; f < 3; f++)
    {
      static const RespFormat formats[] = { RESP_FORMAT_JSON, RESP_FORMAT_TEXT, RESP_FORMAT_DOT };
      static const char *const names[] = { "json", "text", "dot" };
      char *want = resp_verdicts_render ((RespVerdict **) verdicts->pdata, verdicts->len, TRUE, formats[f]);

      for (guint threads = 1; threads <= 3; threads++)
        {
          char *n = g_strdup_printf ("%u", threads);
          char *got = run (0, NULL, "assess", test_city_path, path, "--format", names[f], "--threads", n, NULL);

          CU_ASSERT_EQUAL (strlen (got), strlen (want));
          CU_ASSERT (strcmp (got, want) == 0);
          g_free (got);
          g_free (n);
        }
      g_free (want);
    }
  g_ptr_array_unref (verdicts);
  resp_event_batch_unref (batch);
  test_remove_temp (path, dir);
  g_string_free (lines, TRUE);
}

/* Whether resp, run with argv (after the program), exits 0 within the
 * deadline; killed if it does not */
static gboolean
exits_within (const char *const *args, guint seconds)
{
  char *resp = test_build_path ("tools/resp/resp");
  GPtrArray *argv = g_ptr_array_new ();
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  gboolean ok = FALSE;
  GPid pid;
  int status;

  g_ptr_array_add (argv, resp);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  CU_ASSERT_FATAL (g_spawn_async (NULL, (char **) argv->pdata, NULL,
                                  G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid,
                                  NULL));
  for (;;)
    {
      pid_t done = waitpid (pid, &status, WNOHANG);

      if (done == pid)
        {
          ok = WIFEXITED (status) && WEXITSTATUS (status) == 0;
          break;
        }
      if (g_get_monotonic_time () > deadline)
        {
          kill (pid, SIGKILL);
          waitpid (pid, &status, 0);
          break;
        }
      g_usleep (2000);
    }
  g_ptr_array_unref (argv);
  g_free (resp);
  return ok;
}

/* resp assess on more threads than it has events for: with 130 events it
 * takes two helpers, and a helper that took every event before the other
 * was handed the stretch counted itself off too early. The helpers were
 * then counted as they were pushed, the last one never was, and resp
 * waited for it for ever: 2 runs in 200 hung. Each run must end, well
 * within its deadline (about 50 ms each here). */
static void
test_assess_threads_never_hang (void)
{
  GString *lines = g_string_new (NULL);
  char *dir, *path;
  guint hung = 0;

  for (guint i = 0; i < 130; i++)
    g_string_append_printf (lines, "{\"id\": \"e%u\", \"occurred_at\": \"2026-03-05\", "
                            "\"systems\": [\"s-portal\"], \"facts\": {\"attacked\": true}}\n", i);
  path = test_write_temp ("threads.jsonl", lines->str, &dir);
  for (guint run = 0; run < 300; run++)
    {
      const char *args[] = { "assess", test_city_path, path, "--format", "json", "--threads", "8", NULL };

      hung += !exits_within (args, 20);
      if (hung > 0)
        break;
    }
  CU_ASSERT_EQUAL (hung, 0);
  test_remove_temp (path, dir);
  g_string_free (lines, TRUE);
}

/* The peak resident memory of `resp assess MODEL EVENTS --format json`, in
 * bytes, its output thrown away */
static gint64
assess_peak_rss (const char *events)
{
  char *resp = test_build_path ("tools/resp/resp");
  const char *argv[] = { resp, "assess", test_city_path, events, "--format", "json", NULL };
  struct rusage ru;
  GPid pid;
  int status;

  CU_ASSERT_FATAL (g_spawn_async (NULL, (char **) argv, NULL,
                                  G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid,
                                  NULL));
  CU_ASSERT_EQUAL_FATAL (wait4 (pid, &status, 0, &ru), pid);
  CU_ASSERT (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_free (resp);
  return (gint64) ru.ru_maxrss * 1024;
}

/* A file's events are checked, then read and written a stretch at a
 * time: four times the events take no more memory than four times the
 * file (the file is held while it is read). Before, every event was kept
 * until the end, 1-2 KB each. Not under a sanitizer, whose own bookkeeping
 * (ASan's quarantine of freed memory) grows with the work. */
static void
test_assess_memory_bounded (void)
{
  const char *sanitize = g_getenv ("RESP_B_SANITIZE");
  const guint n1 = 20000, n2 = 80000;
  gint64 rss1, rss2, bytes1 = 0, bytes2;
  char *dir1 = NULL, *dir2, *p1 = NULL, *p2;
  GString *lines;

  if (sanitize != NULL && !g_str_equal (sanitize, "none"))
    return;
  lines = g_string_new (NULL);
  for (guint i = 0; i < n2; i++)
    {
      g_string_append_printf (lines, "{\"id\": \"e%u\", \"occurred_at\": \"2026-03-05\", "
                              "\"systems\": [\"s-portal\"], \"facts\": {\"attacked\": %s}}\n",
                              i, i % 2 ? "true" : "false");
      if (i + 1 == n1)
        {
          p1 = test_write_temp ("n1.jsonl", lines->str, &dir1);
          bytes1 = (gint64) lines->len;
        }
    }
  p2 = test_write_temp ("n2.jsonl", lines->str, &dir2);
  bytes2 = (gint64) lines->len;
  g_string_free (lines, TRUE);

  /* the least of three runs each: on a machine busy with other tests the
   * threads' allocator arenas can hold some megabytes more in one run (the
   * growth this test is about is per event, and shows in every run) */
  rss1 = rss2 = G_MAXINT64;
  for (guint k = 0; k < 3; k++)
    {
      rss1 = MIN (rss1, assess_peak_rss (p1));
      rss2 = MIN (rss2, assess_peak_rss (p2));
    }
  /* what the 60,000 more events cost beyond their bytes: under 64 bytes
   * each (it was over 1,000) */
  if ((rss2 - rss1) - (bytes2 - bytes1) >= (gint64) (n2 - n1) * 64)
    fprintf (stderr, "\n  peak RSS %" G_GINT64_FORMAT " -> %" G_GINT64_FORMAT " bytes for files of %"
             G_GINT64_FORMAT " -> %" G_GINT64_FORMAT " bytes\n", rss1, rss2, bytes1, bytes2);
  CU_ASSERT ((rss2 - rss1) - (bytes2 - bytes1) < (gint64) (n2 - n1) * 64);
  test_remove_temp (p1, dir1);
  test_remove_temp (p2, dir2);
}

static void
test_assess_invalid (void)
{
  char *dir, *path = test_write_temp ("bad.json",
                                 "[{\"id\": \"ok\", \"occurred_at\": \"2026-03-05\", \"units\": [\"u-hospital\"]},\n"
                                 " {\"id\": \"bad\", \"occurred_at\": \"2026-03-05\", \"systems\": [\"s-portal\"],\n"
                                 "  \"facts\": {\"tamperd\": true}}]\n", &dir);
  char *err = NULL, *expected;
  char *out = run (1, &err, "assess", test_city_path, path, "--format", "json", NULL);

  /* one bad event: nothing on stdout, the error with its position */
  CU_ASSERT_STRING_EQUAL (out, "");
  expected = g_strdup_printf ("%s:3:13: event 'bad': unknown fact 'tamperd' (did you mean 'tampered'?)\n", path);
  CU_ASSERT_STRING_EQUAL (err, expected);
  g_free (expected);
  g_free (out);
  g_free (err);
  test_remove_temp (path, dir);
}

static void
test_rulebook (void)
{
  char *out = run (0, NULL, "rulebook", NULL);
  char *file = test_read_src ("libresp/rulebooks/default.json", NULL);
  char *dir, *bad, *events = test_src_path ("examples/data/events.json");

  CU_ASSERT_STRING_EQUAL (out, file);
  g_free (out);
  g_free (file);

  bad = test_write_temp ("rb.json",
                    "{\"format\": \"libresp/rulebook/1\", \"id\": \"x\", \"sources\": [], \"facts\": [],\n"
                    " \"circumstances\": [{\"id\": \"c\", \"cite\": \"x\", \"scope\": \"event\", \"summary\": \"s\",\n"
                    "   \"condition\": {\"xor\": [true, false]}}], \"liability\": []}\n", &dir);
  run_fails (1, ":3:18: ", "assess", test_city_path, events, "--rulebook", bad, NULL);
  g_free (events);
  test_remove_temp (bad, dir);
}

/* Shipped rulebooks by name, and layers of --rulebook (SPEC §8.6) */
static void
test_rulebook_layers (void)
{
  char *out = run (0, NULL, "rulebook", "--list", NULL);
  char *file = test_read_src ("libresp/rulebooks/cn-local-2026-example.json", NULL);
  char *events = test_src_path ("examples/data/events.json");
  char *dir, *layer, *err = NULL;

  CU_ASSERT_STRING_EQUAL (out, "cn-party-cyber-2017\ncn-local-2026-example\n");
  g_free (out);
  out = run (0, NULL, "rulebook", "cn-local-2026-example", NULL);
  CU_ASSERT_STRING_EQUAL (out, file);
  g_free (out);
  g_free (file);
  file = test_read_src ("libresp/rulebooks/default.json", NULL);
  out = run (0, NULL, "rulebook", "cn-party-cyber-2017", NULL);
  CU_ASSERT_STRING_EQUAL (out, file);
  g_free (out);
  g_free (file);
  run_fails (1, "no shipped rulebook 'cn-local'", "rulebook", "cn-local", NULL);
  run_fails (2, "--list takes no NAME", "rulebook", "--list", "cn-local-2026-example", NULL);
  run_fails (2, "expected 0 to 1 arguments, got 2", "rulebook", "a", "b", NULL);

  /* the verdict names the top layer */
  out = run (0, NULL, "assess", test_city_path, events, "--format", "json",
             "--rulebook", "cn-local-2026-example", NULL);
  CU_ASSERT_PTR_NOT_NULL (strstr (out, "\"rulebook\": \"cn-local-2026-example\""));
  g_free (out);
  layer = test_write_temp ("province.json",
                           "{\"format\": \"libresp/rulebook/1\", \"id\": \"province\",\n"
                           " \"parameters\": [{\"name\": \"special_meetings_per_year\", \"cite\": \"local P\",\n"
                           "   \"values\": [{\"value\": 3}]}]}\n", &dir);
  out = run (0, NULL, "assess", test_city_path, events, "--format", "json",
             "-r", "cn-local-2026-example", "-r", layer, NULL);
  CU_ASSERT_PTR_NOT_NULL (strstr (out, "\"rulebook\": \"province\""));
  CU_ASSERT_PTR_NULL (strstr (out, "cn-local-2026-example"));
  g_free (out);
  /* a layer with its own id loaded twice; an unknown name */
  run_fails (1, ": rulebook: 'cn-local-2026-example' is loaded below already",
             "assess", test_city_path, events, "-r", "cn-local-2026-example", "-r", "cn-local-2026-example", NULL);
  out = run (1, &err, "assess", test_city_path, events, "-r", "cn-local-2026-exampel", NULL);
  CU_ASSERT_STRING_EQUAL (out, "");
  CU_ASSERT_STRING_EQUAL (err, "cn-local-2026-exampel: no such file, and no shipped rulebook of that "
                               "name (did you mean 'cn-local-2026-example'?)\n");
  g_free (out);
  g_free (err);
  test_remove_temp (layer, dir);
  g_free (events);
}

/* resp assess --record: the record settles what an event does not state
 * (SPEC §8.4; examples/data/EVENTS.md, 2026-058 and 2026-049) */
static void
test_assess_record (void)
{
  char *events = test_src_path ("examples/data/events.json");
  char *record = test_src_path ("examples/data/record.json");
  char *out = run (0, NULL, "assess", test_city_path, events, "--record", record,
                   "--rulebook", "cn-local-2026-example", "--format", "json", NULL);
  RespJsonTree *tree = test_parse_json (out);
  RespJsonNode *root = resp_json_tree_get_root (tree), *last = root->v.children.items[14];

  CU_ASSERT_STRING_EQUAL (resp_json_node_get_member (last, "event")->v.string.str, "2026-058");
  CU_ASSERT_STRING_EQUAL (resp_json_node_get_member (last, "status")->v.string.str, "triggered");
  test_contains (out, "\"derived_facts\": {\n      \"notified_risk_unrectified\": {\n        \"value\": true,\n"
                      "        \"from\": \"record\",\n        \"evidence\": [\"n-2026-03\"]\n      }\n    }",
                 "\"code\": \"fact_conflicts_record\"", NULL);
  resp_json_tree_free (tree);
  g_free (out);
  out = run (0, NULL, "assess", test_city_path, events, "--record", record,
             "--rulebook", "cn-local-2026-example", NULL);
  test_contains (out, "据履职记录认定：通报的问题和风险隐患未及时整改（notified_risk_unrectified）成立，依据通报 n-2026-03 逾期未整改",
                 "[fact_conflicts_record]", NULL);
  g_free (out);
  /* the default rulebook has none of the record's local kinds */
  run_fails (1, "record.json:4:37: entry 'm-prov-2026-1': unknown kind 'special_meeting'",
             "assess", test_city_path, events, "--record", record, NULL);
  g_free (events);
  g_free (record);
}

/* resp duties (SPEC §8.7) */
static void
test_duties (void)
{
  char *record = test_src_path ("examples/data/record.json");
  char *out, *err = NULL, *dir, *bad;
  RespJsonTree *tree;
  const RespJsonNode *root;

  out = run (0, NULL, "duties", test_city_path, record, "--year", "2026", "--at", "2027-01-10",
             "--rulebook", "cn-local-2026-example", "--format", "json", NULL);
  tree = test_parse_json (out);
  root = resp_json_tree_get_root (tree);
  CU_ASSERT_STRING_EQUAL (resp_json_node_get_member ((RespJsonNode *) root, "from")->v.string.str,
                          "2026-01-01T00:00:00+08:00");
  CU_ASSERT_STRING_EQUAL (resp_json_node_get_member ((RespJsonNode *) root, "until")->v.string.str,
                          "2027-01-01T00:00:00+08:00");
  CU_ASSERT_STRING_EQUAL (resp_json_node_get_member ((RespJsonNode *) root, "rulebook")->v.string.str,
                          "cn-local-2026-example");
  CU_ASSERT_EQUAL (resp_json_node_get_member ((RespJsonNode *) root, "slots")->v.children.n, 47);
  resp_json_tree_free (tree);
  g_free (out);

  /* the range defaults to the year of --at */
  out = run (0, NULL, "duties", test_city_path, record, "--at", "2025-06-01T12:00:00+08:00",
             "-r", "cn-local-2026-example", "--format", "json", "--node", "s-portal", NULL);
  test_contains (out, "\"from\": \"2025-01-01T00:00:00+08:00\"", "\"status\": \"open\"", NULL);
  g_free (out);
  out = run (0, NULL, "duties", test_city_path, record, "--from", "2026-07-01", "--until", "2026-08-01",
             "--at", "2027-01-10", "-r", "cn-local-2026-example", "--format", "csv", "--node", "s-scada", NULL);
  /* the periods that meet the range: the second half-year, and the year */
  CU_ASSERT (g_str_has_prefix (out, "duty,node,name,from,until,status,required,count,entries,people,missing\r\n"));
  test_contains (out, "protection_assessment_l4,s-scada,江川电网调度自动化系统,2026-07-01T00:00:00+08:00,"
                 "2027-01-01T00:00:00+08:00,unfulfilled,1,0,,", "cii_risk_assessment,s-scada", NULL);
  g_free (out);
  out = run (0, NULL, "duties", test_city_path, record, "--year", "2026", "--at", "2027-01-10",
             "-r", "cn-local-2026-example", NULL);
  test_contains (out, "网络安全工作责任制履职情况报告", "一、履职情况", "二、通报问题整改情况", "三、考核结果", NULL);
  g_free (out);

  /* the default rulebook declares none of the local kinds */
  run_fails (1, "record.json:4:", "duties", test_city_path, record, "--year", "2026", NULL);
  run_fails (1, "no node 'k-nowhere'", "duties", test_city_path, record, "-r", "cn-local-2026-example",
             "--node", "k-nowhere", NULL);
  run_fails (2, "give either --year or --from and --until", "duties", test_city_path, record,
             "--year", "2026", "--from", "2026-01-01", "--until", "2027-01-01", NULL);
  run_fails (2, "--from and --until go together", "duties", test_city_path, record, "--from", "2026-01-01", NULL);
  run_fails (2, "--until must be after --from", "duties", test_city_path, record,
             "--from", "2026-01-01", "--until", "2026-01-01", NULL);
  run_fails (2, "--year: not a year", "duties", test_city_path, record, "--year", "20x6", NULL);
  run_fails (2, "unknown format 'dot' (expected text, json or csv)", "duties", test_city_path, record,
             "--format", "dot", NULL);
  run_fails (2, "expected 2 arguments, got 1", "duties", test_city_path, NULL);

  bad = test_write_temp ("rec.json", "{\"format\": \"libresp/record/1\", \"entries\": [\n"
                         " {\"id\": \"x\", \"kind\": \"special_meetin\", \"node\": \"k-city\", \"at\": \"2026-01-02\"}]}\n",
                         &dir);
  out = run (1, &err, "duties", test_city_path, bad, "-r", "cn-local-2026-example", NULL);
  CU_ASSERT_STRING_EQUAL (out, "");
  test_contains (err, "rec.json:2:22: ", "did you mean 'special_meeting'?", NULL);
  g_free (out);
  g_free (err);
  test_remove_temp (bad, dir);
  g_free (record);
}

static CU_TestInfo tests[] = {
  { "validate", test_validate },
  { "invalid model: exit 1, every error, empty stdout", test_invalid_model },
  { "who --format json", test_who_json },
  { "--at printed at +08:00", test_who_at_normalised },
  { "who text and dot", test_who_text_and_dot },
  { "who on a long chain", test_who_long_chain },
  { "unknown node: exit 1", test_who_unknown_node },
  { "usage errors: exit 2", test_usage_errors },
  { "--help everywhere", test_help },
  { "scope --format json", test_scope_json },
  { "scope follows tenure", test_scope_tenure },
  { "audit --format json", test_audit_json },
  { "assess: text, json and dot", test_assess },
  { "assess: one object, JSON Lines", test_assess_single_and_lines },
  { "assess: an invalid event", test_assess_invalid },
  { "assess: more events than one stretch", test_assess_stretches },
  { "assess: more threads than events need, never a hang", test_assess_threads_never_hang },
  { "assess: memory does not grow with the events", test_assess_memory_bounded },
  { "rulebook, and a broken --rulebook", test_rulebook },
  { "shipped rulebooks, and layers of --rulebook", test_rulebook_layers },
  { "duties", test_duties },
  { "assess --record", test_assess_record },
  { "- reads standard input", test_stdin },
  CU_TEST_INFO_NULL,
};

int
main (void)
{
  return test_main_suite ("cli", test_city_init, test_city_clean, tests);
}
