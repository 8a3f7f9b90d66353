/* test-snapshot.c: compiled snapshots open without parsing, and damage is an error
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <errno.h>

#include <glib/gstdio.h>

#include "test-builder.h"
#include "resp-model-private.h"
#include "resp-snapshot-private.h"

static char *dir, *snap;

/* The snapshot's bytes, in a copy each test may damage; its length in len */
static char *
read_snapshot (gsize *len)
{
  char *data = NULL;

  g_assert (g_file_get_contents (snap, &data, len, NULL));
  return data;
}

/* The audit of m over the whole timeline, as JSON */
static char *
audit_json (RespModel *m)
{
  RespAudit *a = resp_model_audit (m);
  char *json = resp_audit_render (a, RESP_FORMAT_JSON);

  resp_audit_unref (a);
  return json;
}

/* The example events assessed against m, as JSON */
static char *
assess_all (RespModel *m)
{
  RespEventBatch *batch = test_example_events (m);
  GPtrArray *vs = resp_assess_batch (m, test_city_rulebook, batch, 1);
  char *out = resp_verdicts_render ((RespVerdict **) vs->pdata, vs->len, TRUE, RESP_FORMAT_JSON);

  g_ptr_array_unref (vs);
  resp_event_batch_unref (batch);
  return out;
}

static void
test_same_answers (void)
{
  GError *error = NULL;
  RespModel *m = resp_model_new_from_file (snap, NULL, &error);
  char *a, *b;

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  CU_ASSERT_EQUAL (resp_model_get_n_nodes (m), resp_model_get_n_nodes (test_city_model));
  CU_ASSERT_EQUAL (resp_model_get_n_relations (m), resp_model_get_n_relations (test_city_model));
  CU_ASSERT_STRING_EQUAL (resp_model_get_name (m), resp_model_get_name (test_city_model));
  CU_ASSERT_STRING_EQUAL (resp_model_get_node_name (m, "p-li"), "李某");
  CU_ASSERT_STRING_EQUAL (resp_model_get_node_attribute (m, "r-city", "level"), "prefectural");
  a = assess_all (m);
  b = assess_all (test_city_model);
  CU_ASSERT_STRING_EQUAL (a, b);
  g_free (a);
  g_free (b);
  a = audit_json (m);
  b = audit_json (test_city_model);
  CU_ASSERT_STRING_EQUAL (a, b);
  g_free (a);
  g_free (b);
  resp_model_unref (m);
}

static void
test_from_memory (void)
{
  gsize len = 0;
  char *data = read_snapshot (&len);
  RespModel *m;

  m = resp_model_new_from_data (data, (gssize) len, "mem.snap", NULL, NULL);
  /* the model keeps its own copy */
  memset (data, 0, len);
  g_free (data);
  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  CU_ASSERT (resp_model_has_node (m, "s-portal"));
  resp_model_unref (m);
}

static void
expect_snapshot_error (const char *data, gsize len)
{
  GError *error = NULL;
  GPtrArray *diags = NULL;
  RespModel *m = resp_model_new_from_data (data, (gssize) len, "bad.snap", &diags, &error);

  CU_ASSERT_PTR_NULL (m);
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_SNAPSHOT));
  CU_ASSERT (diags != NULL && diags->len == 1);
  g_clear_error (&error);
  g_clear_pointer (&diags, g_ptr_array_unref);
  g_clear_pointer (&m, resp_model_unref);
}

static void
test_truncated_and_versions (void)
{
  gsize len = 0;
  char *data = read_snapshot (&len);

  /* every length short of the whole */
  for (gsize cut = 8; cut < len; cut += cut < 512 ? 1 : 97)
    expect_snapshot_error (data, cut);
  /* another version */
  data[8] ^= 0x7f;
  expect_snapshot_error (data, len);
  data[8] ^= 0x7f;
  /* another byte order */
  data[12] ^= 0x01;
  expect_snapshot_error (data, len);
  g_free (data);
}

/* The offset of section s as the header records it: the header is 72 bytes
 * of fixed fields, then (offset, length) pairs of guint64 in section order. */
static guint64
section_offset (const char *data, guint s)
{
  guint64 off;

  memcpy (&off, data + 72 + 16 * s, sizeof off);
  return off;
}

static void
test_incoming_types (void)
{
  gsize len = 0;
  char *data = read_snapshot (&len);
  guint64 at;
  char orig;
  GError *error = NULL;
  RespModel *m;

  /* section 13 holds the type of each incoming relation, one byte each */
  at = section_offset (data, 13);
  CU_ASSERT_FATAL (at + resp_model_get_n_relations (test_city_model) <= len);
  orig = data[at];
  data[at] = RESP_REL_PROTECTS + 1;   /* no such relation type */
  /* as it is, the checksum finds the damage */
  m = resp_model_new_from_data (data, (gssize) len, "bad.snap", NULL, &error);
  CU_ASSERT_PTR_NULL (m);
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_SNAPSHOT));
  CU_ASSERT (error != NULL &&
             strstr (error->message, "bad.snap: not a usable snapshot: the incoming relation types are "
                                     "damaged (their checksum does not match)") != NULL);
  g_clear_error (&error);
  g_clear_pointer (&m, resp_model_unref);
  /* with the checksums made to match (a forged file), the check behind them */
  resp_snapshot_reseal (data, len, FALSE);
  m = resp_model_new_from_data (data, (gssize) len, "bad.snap", NULL, &error);
  CU_ASSERT_PTR_NULL (m);
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_SNAPSHOT));
  CU_ASSERT (error != NULL &&
             strstr (error->message, "bad.snap: not a usable snapshot: an incoming relation type") != NULL);
  g_clear_error (&error);
  g_clear_pointer (&m, resp_model_unref);
  data[at] = orig;
  resp_snapshot_reseal (data, len, FALSE);

  /* two neighbours of different types swapped: inside one node's block
   * that breaks the order the lookups rely on, and is refused */
  {
    guint n = resp_model_get_n_relations (test_city_model), refused = 0;
    for (guint i = 0; i + 1 < n; i++)
      {
        char *copy = g_memdup2 (data, len);
        char t = copy[at + i];

        if (copy[at + i] >= copy[at + i + 1])
          {
            g_free (copy);
            continue;
          }
        copy[at + i] = copy[at + i + 1];
        copy[at + i + 1] = t;
        resp_snapshot_reseal (copy, len, FALSE);
        m = resp_model_new_from_data (copy, (gssize) len, "bad.snap", NULL, &error);
        if (m == NULL)
          {
            CU_ASSERT (strstr (error->message, "an incoming relation type is out of range or order") != NULL);
            refused++;
          }
        g_clear_error (&error);
        g_clear_pointer (&m, resp_model_unref);
        g_free (copy);
      }
    CU_ASSERT (refused > 0);
  }
  g_free (data);
}

/* The relations of SPEC §3.2 added after the first snapshots, with dates */
static const char * const organs_model[] = {
  REGION ("r-prov", "provincial"),
  REGION ("r-city", "prefectural"),
  COMMITTEE ("k-city"),
  UNIT ("u-psb"),
  UNIT ("u-ssb"),
  UNIT ("u-audit"),
  UNIT ("u-org"),
  UNIT ("u-prot"),
  UNIT ("u-op"),
  SYSTEM ("s-cii"),
  SECTOR ("sec-energy"),
  REL ("within", "r-city", "r-prov"),
  REL ("leads", "k-city", "r-city"),
  REL ("located_in", "u-op", "r-city"),
  REL ("operates", "u-op", "s-cii"),
  REL_SINCE ("public_security", "u-psb", "r-city", "2021-01-01"),
  REL ("state_security", "u-ssb", "r-prov"),
  REL_DURING ("audits", "u-audit", "r-city", "2020-01-01", "2030-01-01"),
  REL_UNTIL ("cadre_office", "u-org", "k-city", "2027-01-01"),
  REL ("protects", "u-prot", "s-cii"),
  REL ("protects", "u-prot", "sec-energy"),
  NULL
};

/* Every relation record, field by field, is the same after a round trip */
static void
test_new_relations_round_trip (void)
{
  RespModel *m = model_load (organs_model), *back;
  char *d = NULL, *path = test_temp_path ("organs.snap", &d);
  GError *error = NULL;

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  CU_ASSERT_TRUE_FATAL (resp_model_write_snapshot (m, path, &error));
  back = resp_model_new_from_file (path, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (back);
  CU_ASSERT_EQUAL_FATAL (back->n_rels, m->n_rels);
  CU_ASSERT_EQUAL (m->n_rels, 10);
  for (guint32 i = 0; i < m->n_rels; i++)
    {
      const RespRelRec *a = &m->rels[i], *b = &back->rels[i];
      CU_ASSERT (a->since == b->since && a->until == b->until && a->from == b->from &&
                 a->to == b->to && a->rel == b->rel && a->seat == b->seat);
    }
  /* each of the five is there, as the model file gave it */
  {
    gboolean seen[RESP_REL_PROTECTS + 1] = { FALSE };
    for (guint32 i = 0; i < back->n_rels; i++)
      seen[back->rels[i].rel] = TRUE;
    CU_ASSERT (seen[RESP_REL_PUBLIC_SECURITY] && seen[RESP_REL_STATE_SECURITY] &&
               seen[RESP_REL_AUDITS] && seen[RESP_REL_CADRE_OFFICE] && seen[RESP_REL_PROTECTS]);
  }
  /* and answers as the model file does (SPEC §4.3, by hand: the system's
   * own protection department; the city's public security bureau since
   * 2021 and audit office until 2030; the province's state security) */
  {
    gint64 at = test_instant ("2026-03-05");
    RespRoles *a = resp_model_resolve_roles (m, "s-cii", at, NULL);
    RespRoles *b = resp_model_resolve_roles (back, "s-cii", at, NULL);
    char *ja, *jb;

    CU_ASSERT_PTR_NOT_NULL_FATAL (a);
    CU_ASSERT_PTR_NOT_NULL_FATAL (b);
    test_holders (b, RESP_ROLE_PROTECTION_DEPT, "u-prot");
    test_holders (b, RESP_ROLE_PUBLIC_SECURITY, "u-psb");
    test_holders (b, RESP_ROLE_STATE_SECURITY, "u-ssb");
    test_holders (b, RESP_ROLE_AUDIT_OFFICE, "u-audit");
    ja = resp_roles_render (a, RESP_FORMAT_JSON);
    jb = resp_roles_render (b, RESP_FORMAT_JSON);
    CU_ASSERT_STRING_EQUAL (ja, jb);
    g_free (ja);
    g_free (jb);
    resp_roles_unref (a);
    resp_roles_unref (b);
  }
  resp_model_unref (back);
  resp_model_unref (m);
  test_remove_temp (path, d);
}

/* A library that knows fewer relation types refuses a snapshot that holds
 * one it does not know (the version stays: nothing else changed, and older
 * snapshots mean what they meant). Seen from here: a relation record whose
 * type is one past the last is refused, not read. */
static void
test_unknown_relation_type (void)
{
  RespModel *m = model_load (organs_model);
  char *d = NULL, *path = test_temp_path ("organs.snap", &d), *data = NULL;
  GError *error = NULL;
  gsize len = 0;
  guint64 rels;
  guint n_found = 0;

  CU_ASSERT_PTR_NOT_NULL_FATAL (m);
  CU_ASSERT_TRUE_FATAL (resp_model_write_snapshot (m, path, &error));
  CU_ASSERT_TRUE_FATAL (g_file_get_contents (path, &data, &len, NULL));
  /* section 4 holds the relation records */
  rels = section_offset (data, 4);
  for (guint32 i = 0; i < m->n_rels; i++)
    {
      gsize at = rels + (gsize) i * sizeof (RespRelRec) + G_STRUCT_OFFSET (RespRelRec, rel);
      RespModel *back;

      CU_ASSERT_FATAL (at < len);
      if ((guint8) data[at] < RESP_REL_PUBLIC_SECURITY)
        continue;
      n_found++;
      data[at] = RESP_REL_PROTECTS + 1;
      /* written by a libresp that knows one more type: its sums match */
      resp_snapshot_reseal (data, len, FALSE);
      back = resp_model_new_from_data (data, (gssize) len, "new.snap", NULL, &error);
      CU_ASSERT_PTR_NULL (back);
      CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_SNAPSHOT));
      CU_ASSERT (error != NULL &&
                 strstr (error->message, "new.snap: not a usable snapshot: a relation record is out of range") != NULL);
      g_clear_error (&error);
      g_clear_pointer (&back, resp_model_unref);
      data[at] = (char) m->rels[i].rel;
    }
  CU_ASSERT_EQUAL (n_found, 6);
  g_free (data);
  resp_model_unref (m);
  test_remove_temp (path, d);
}

static void
exercise (RespModel *m)
{
  /* whatever a damaged-but-accepted snapshot holds, queries must not crash */
  static const char * const nodes[] = { "s-portal", "s-app", "u-data-center", "k-city", "s-egov" };
  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    {
      RespRoles *r = resp_model_resolve_roles (m, nodes[i], 1700000000000000, NULL);
      if (r != NULL)
        {
          char *s = resp_roles_render (r, RESP_FORMAT_TEXT);
          g_free (s);
          resp_roles_unref (r);
        }
    }
  g_free (audit_json (m));
}

/* Random damage (one to four flipped bits): every damaged copy is refused
 * by a checksum. Then the same damage with the checksums made to match, as
 * a forged file would have them: the checks behind the checksums give an
 * error or a model, and a model answers without crashing. */
static void
test_damage (void)
{
  gsize len = 0;
  char *data = read_snapshot (&len);
  GRand *rand = g_rand_new_with_seed (1122);
  guint rejected = 0, forged_rejected = 0, forged_accepted = 0, changed = 0;
  const char *env = g_getenv ("RESP_TEST_DAMAGE");
  guint trials = env ? (guint) g_ascii_strtoull (env, NULL, 10) : 3000;

  for (guint t = 0; t < trials; t++)
    {
      char *copy = g_memdup2 (data, len);
      guint flips = 1 + g_rand_int_range (rand, 0, 4);
      GError *error = NULL;
      RespModel *m;

      for (guint k = 0; k < flips; k++)
        copy[g_rand_int_range (rand, 16, (gint32) len)] ^= (char) (1 << g_rand_int_range (rand, 0, 8));
      if (memcmp (copy, data, len) == 0)
        {
          /* two flips of one bit undo each other */
          g_free (copy);
          continue;
        }
      changed++;
      m = resp_model_new_from_data (copy, (gssize) len, "damaged.snap", NULL, &error);
      CU_ASSERT_PTR_NULL (m);
      if (m == NULL && g_error_matches (error, RESP_ERROR, RESP_ERROR_SNAPSHOT))
        rejected++;
      g_clear_error (&error);
      g_clear_pointer (&m, resp_model_unref);

      resp_snapshot_reseal (copy, len, TRUE);
      m = resp_model_new_from_data (copy, (gssize) len, "forged.snap", NULL, NULL);
      if (m != NULL)
        {
          forged_accepted++;
          exercise (m);
          resp_model_unref (m);
        }
      else
        forged_rejected++;
      g_free (copy);
    }
  CU_ASSERT (changed > trials / 2);
  CU_ASSERT_EQUAL (rejected, changed);
  /* damage to counts and indices is caught behind the checksums too */
  CU_ASSERT (forged_rejected > 0);
  CU_ASSERT_EQUAL (forged_rejected + forged_accepted, changed);
  g_free (data);
  g_rand_free (rand);
}

/* Every single byte of the snapshot changed, one at a time (one bit of it,
 * and all of it): every copy is refused, with RESP_ERROR_SNAPSHOT and one
 * diagnostic once the magic is intact. RESP_TEST_FLIP_STRIDE=N changes every Nth byte only (for
 * valgrind). */
static void
test_every_byte_flipped (void)
{
  gsize len = 0;
  char *data = read_snapshot (&len);
  const char *env = g_getenv ("RESP_TEST_FLIP_STRIDE");
  gsize stride = env ? MAX (g_ascii_strtoull (env, NULL, 10), 1) : 1;
  guint tried = 0, refused = 0, by_sum = 0;

  for (gsize i = 0; i < len; i += stride)
    {
      const guchar masks[2] = { (guchar) (1u << (i % 8)), 0xff };

      for (guint k = 0; k < G_N_ELEMENTS (masks); k++)
        {
          GError *error = NULL;
          GPtrArray *diags = NULL;
          RespModel *m;

          data[i] ^= (char) masks[k];
          m = resp_model_new_from_data (data, (gssize) len, "flipped.snap", &diags, &error);
          data[i] ^= (char) masks[k];
          tried++;
          /* a changed magic is no snapshot: read as JSON, and refused as such */
          if (m == NULL && error != NULL &&
              (i < 8 ? error->domain == RESP_ERROR : g_error_matches (error, RESP_ERROR, RESP_ERROR_SNAPSHOT) &&
                                                     diags != NULL && diags->len == 1))
            refused++;
          else
            fprintf (stderr, "byte %" G_GSIZE_FORMAT " ^ 0x%02x: %s\n", i, masks[k],
                     m != NULL ? "opened" : error->message);
          if (error != NULL && strstr (error->message, "checksum does not match") != NULL)
            by_sum++;
          g_clear_error (&error);
          g_clear_pointer (&diags, g_ptr_array_unref);
          g_clear_pointer (&m, resp_model_unref);
        }
    }
  CU_ASSERT (tried >= 2 * (len / stride));
  CU_ASSERT_EQUAL (refused, tried);
  /* all but the magic, the version and the layout marks are checksummed */
  CU_ASSERT (by_sum > tried * 9 / 10);
  /* and the untouched copy still opens */
  {
    RespModel *m = resp_model_new_from_data (data, (gssize) len, "city.snap", NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL (m);
    g_clear_pointer (&m, resp_model_unref);
  }
  g_free (data);
}

/* What an open of data says: "" for a model, else the error's message and
 * the diagnostic's */
static char *
open_answer (const char *data, gsize len)
{
  GError *error = NULL;
  GPtrArray *diags = NULL;
  RespModel *m = resp_model_new_from_data (data, (gssize) len, "x.snap", &diags, &error);
  char *answer;

  if (m != NULL)
    answer = g_strdup ("");
  else
    answer = g_strdup_printf ("%s | %s", error->message,
                              diags != NULL && diags->len == 1
                                ? resp_diagnostic_get_message (diags->pdata[0]) : "?");
  g_clear_error (&error);
  g_clear_pointer (&diags, g_ptr_array_unref);
  g_clear_pointer (&m, resp_model_unref);
  return answer;
}

/* A large snapshot is checked on two threads (the sums beside the
 * structure): every damaged or forged copy gets the answer the checks in
 * turn give on one thread, the same message for the same first failure.
 * The example stands in for a large file with the size limit set to 0. */
static void
test_two_threads_same_answers (void)
{
  gsize len = 0;
  char *data = read_snapshot (&len);
  const char *env = g_getenv ("RESP_TEST_FLIP_STRIDE");
  gsize stride = env ? MAX (g_ascii_strtoull (env, NULL, 10), 1) : 1;
  GRand *rand = g_rand_new_with_seed (2212);
  guint compared = 0, differ = 0, forged_opened = 0, forged_refused = 0;
  gsize old;

  for (gsize i = 16; i < len; i += stride)
    {
      char *one, *two;

      data[i] ^= (char) 0xff;
      old = resp_snapshot_set_parallel_min (G_MAXSIZE);
      one = open_answer (data, len);
      resp_snapshot_set_parallel_min (0);
      two = open_answer (data, len);
      resp_snapshot_set_parallel_min (old);
      data[i] ^= (char) 0xff;
      compared++;
      CU_ASSERT_STRING_NOT_EQUAL (one, "");
      if (strcmp (one, two) != 0)
        {
          differ++;
          fprintf (stderr, "byte %" G_GSIZE_FORMAT ": one thread '%s', two '%s'\n", i, one, two);
        }
      g_free (one);
      g_free (two);
    }
  /* forged: the same damage with the sums made to match, so that the
   * structural checks decide, while the other thread sums */
  for (guint t = 0; t < 1500 / stride + 50; t++)
    {
      char *copy = g_memdup2 (data, len), *one, *two;

      for (guint k = 0, n = 1 + (guint) g_rand_int_range (rand, 0, 4); k < n; k++)
        copy[g_rand_int_range (rand, 16, (gint32) len)] ^= (char) (1 << g_rand_int_range (rand, 0, 8));
      resp_snapshot_reseal (copy, len, TRUE);
      old = resp_snapshot_set_parallel_min (G_MAXSIZE);
      one = open_answer (copy, len);
      resp_snapshot_set_parallel_min (0);
      two = open_answer (copy, len);
      resp_snapshot_set_parallel_min (old);
      compared++;
      if (one[0] == '\0')
        forged_opened++;
      else
        forged_refused++;
      if (strcmp (one, two) != 0)
        {
          differ++;
          fprintf (stderr, "forged %u: one thread '%s', two '%s'\n", t, one, two);
        }
      g_free (one);
      g_free (two);
      g_free (copy);
    }
  CU_ASSERT (compared > len / stride);
  CU_ASSERT_EQUAL (differ, 0);
  /* both outcomes were met behind the sums */
  CU_ASSERT (forged_opened > 0);
  CU_ASSERT (forged_refused > 0);
  /* and the undamaged file opens on two threads */
  old = resp_snapshot_set_parallel_min (0);
  {
    char *answer = open_answer (data, len);
    CU_ASSERT_STRING_EQUAL (answer, "");
    g_free (answer);
  }
  resp_snapshot_set_parallel_min (old);
  g_rand_free (rand);
  g_free (data);
}

/* The header's checksum, and the version read before it: a newer snapshot
 * (sums and all) is refused for its version, not as damage */
static void
test_header_checksum (void)
{
  gsize len = 0;
  char *data = read_snapshot (&len);
  GError *error = NULL;
  RespModel *m;
  guint32 version;

  /* the node count (at 32) */
  data[32] ^= 0x01;
  m = resp_model_new_from_data (data, (gssize) len, "bad.snap", NULL, &error);
  CU_ASSERT_PTR_NULL (m);
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_SNAPSHOT));
  CU_ASSERT (error != NULL && strcmp (error->message, "bad.snap: not a usable snapshot: the header is "
                                                      "damaged (its checksum does not match)") == 0);
  g_clear_error (&error);
  g_clear_pointer (&m, resp_model_unref);
  data[32] ^= 0x01;

  memcpy (&version, data + 8, 4);
  version++;
  memcpy (data + 8, &version, 4);
  resp_snapshot_reseal (data, len, FALSE);
  m = resp_model_new_from_data (data, (gssize) len, "new.snap", NULL, &error);
  CU_ASSERT_PTR_NULL (m);
  CU_ASSERT (g_error_matches (error, RESP_ERROR, RESP_ERROR_SNAPSHOT));
  CU_ASSERT (error != NULL && strcmp (error->message, "new.snap: not a usable snapshot: this snapshot "
                                                      "version is not supported; compile the model again") == 0);
  g_clear_error (&error);
  g_clear_pointer (&m, resp_model_unref);
  g_free (data);
}

/* ---- files that change underneath ---- */

/* What another program may do to a file a process has open: cut it to
 * nothing, then write something else in its place (as `cp` over it does) */
static void
cut_and_overwrite (const char *path, gsize len)
{
  int fd = open (path, O_WRONLY | O_TRUNC);
  char *junk = g_malloc (len);

  g_assert (fd >= 0);
  memset (junk, 0x5a, len);
  g_assert (write (fd, junk, len) == (gssize) len);
  close (fd);
  g_free (junk);
}

/* In a child process: opens the snapshot at path with flags, tells the
 * parent (one byte on ready), waits for it to damage the file (one byte on
 * go), then asks the model everything and exits 0 when the answers are
 * want_assess and want_audit. Returns the child's wait status. */
static int
open_then_cut (const char *path, RespModelFlags flags, const char *want_assess, const char *want_audit,
               gboolean overwrite)
{
  int ready[2], go[2], status = 0;
  pid_t pid;
  char b = 0;

  g_assert (pipe (ready) == 0 && pipe (go) == 0);
  fflush (NULL);
  pid = fork ();
  g_assert (pid >= 0);
  if (pid == 0)
    {
      RespModel *m = resp_model_new_from_file_with_flags (path, flags, NULL, NULL, NULL);
      char *a, *b2;
      gboolean same;

      if (m == NULL || write (ready[1], "r", 1) != 1 || read (go[0], &b, 1) != 1)
        _exit (2);
      a = assess_all (m);
      b2 = audit_json (m);
      same = strcmp (a, want_assess) == 0 && strcmp (b2, want_audit) == 0;
      g_free (a);
      g_free (b2);
      resp_model_unref (m);
      _exit (same ? 0 : 1);
    }
  close (ready[1]);
  close (go[0]);
  if (read (ready[0], &b, 1) == 1)
    {
      gsize len = 0;
      char *data = NULL;

      g_assert (g_file_get_contents (path, &data, &len, NULL));
      if (overwrite)
        cut_and_overwrite (path, len);
      else
        g_assert (truncate (path, 0) == 0);
      g_free (data);
      g_assert (write (go[1], "g", 1) == 1);
    }
  close (ready[0]);
  close (go[1]);
  g_assert (waitpid (pid, &status, 0) == pid);
  return status;
}

/* A snapshot opened with RESP_MODEL_FLAGS_PRIVATE_COPY answers as before
 * after the file is cut and written over under it; the same done to a
 * mapped one kills the process (the control: without the flag, this is
 * what the test would see) */
static void
test_cut_under_a_running_process (void)
{
  char *d = NULL, *path = test_temp_path ("live.snap", &d);
  char *want_assess = assess_all (test_city_model), *want_audit = audit_json (test_city_model);
  GError *error = NULL;
  int status;

  for (guint overwrite = 0; overwrite < 2; overwrite++)
    {
      CU_ASSERT_TRUE_FATAL (resp_model_write_snapshot (test_city_model, path, &error));
      status = open_then_cut (path, RESP_MODEL_FLAGS_PRIVATE_COPY, want_assess, want_audit, overwrite);
      CU_ASSERT (WIFEXITED (status) && WEXITSTATUS (status) == 0);
      if (WIFSIGNALED (status))
        fprintf (stderr, "the private copy died of signal %d\n", WTERMSIG (status));
    }
  /* the control: mapped, the file cut to nothing, the process does not
   * get to answer (SIGBUS; under AddressSanitizer an error exit) */
  CU_ASSERT_TRUE_FATAL (resp_model_write_snapshot (test_city_model, path, &error));
  status = open_then_cut (path, RESP_MODEL_FLAGS_NONE, want_assess, want_audit, FALSE);
  CU_ASSERT (!(WIFEXITED (status) && WEXITSTATUS (status) == 0));
  g_free (want_assess);
  g_free (want_audit);
  test_remove_temp (path, d);
}

/* `resp assess` on a snapshot, the snapshot cut to nothing and written over
 * after the command has opened it (its events come through a FIFO, which it
 * opens after the model): it answers as on the model file */
static void
test_cli_survives_a_cut (void)
{
  char *d = NULL, *snap_path = test_temp_path ("cli-live.snap", &d);
  char *fifo = g_build_filename (d, "events.fifo", NULL);
  char *city = test_src_path ("examples/data/city.json"), *events = test_src_path ("examples/data/events.json");
  char *tool = test_build_path ("tools/resp/resp");
  const char *want_argv[] = { "assess", city, events, "--format", "json", NULL };
  const char *argv[] = { tool, "assess", snap_path, fifo, "--format", "json", NULL };
  char *want = NULL, *events_text = NULL, *got = NULL;
  gsize events_len = 0, got_len = 0;
  GError *error = NULL;
  GPid pid;
  int out_fd = -1, fd = -1, status = 0;
  gint64 give_up = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  CU_ASSERT_EQUAL_FATAL (test_run_resp (want_argv, &want, NULL), 0);
  CU_ASSERT_TRUE_FATAL (g_file_get_contents (events, &events_text, &events_len, NULL));
  CU_ASSERT_TRUE_FATAL (resp_model_write_snapshot (test_city_model, snap_path, &error));
  CU_ASSERT_EQUAL_FATAL (mkfifo (fifo, 0600), 0);
  CU_ASSERT_TRUE_FATAL (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                                  NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
  /* the FIFO opens for writing once the command has it open for reading,
   * which it does after it has opened the model */
  while ((fd = open (fifo, O_WRONLY | O_NONBLOCK)) < 0 && errno == ENXIO &&
         g_get_monotonic_time () < give_up)
    g_usleep (1000);
  CU_ASSERT_FATAL (fd >= 0);
  CU_ASSERT_EQUAL (truncate (snap_path, 0), 0);
  cut_and_overwrite (snap_path, 4096);
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
  CU_ASSERT_EQUAL (write (fd, events_text, events_len), (gssize) events_len);
  close (fd);
  {
    GIOChannel *ch = g_io_channel_unix_new (out_fd);

    g_io_channel_set_encoding (ch, NULL, NULL);
    g_io_channel_read_to_end (ch, &got, &got_len, NULL);
    g_io_channel_unref (ch);
    close (out_fd);
  }
  CU_ASSERT_EQUAL (waitpid (pid, &status, 0), pid);
  CU_ASSERT (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  if (WIFSIGNALED (status))
    fprintf (stderr, "resp assess died of signal %d\n", WTERMSIG (status));
  CU_ASSERT (got != NULL && strcmp (got, want) == 0);
  g_spawn_close_pid (pid);
  g_free (got);
  g_free (want);
  g_free (events_text);
  g_unlink (fifo);
  g_free (fifo);
  g_free (city);
  g_free (events);
  g_free (tool);
  test_remove_temp (snap_path, d);
}

/* A model file (JSON) of n units, some MB */
static GString *
big_model_json (guint n)
{
  GString *s = g_string_new ("{\"format\": \"libresp/model/1\", \"name\": \"big\", \"nodes\": [\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s{\"id\": \"u-%u\", \"type\": \"unit\", \"name\": \"单位 %u\"}\n",
                            i > 0 ? "," : "", i, i);
  g_string_append (s, "], \"relations\": []}\n");
  return s;
}

/* A model file cut at page boundaries and restored, over and over, while
 * another process loads it again and again: every load gives a model or
 * an error, and the loading process never dies (a parse that read through
 * a mapping of the file would die of SIGBUS at the first page cut away). */
static void
test_json_cut_while_parsed (void)
{
  char *d = NULL, *path = test_temp_path ("live.json", &d);
  GString *json = big_model_json (60000);
  int status = 0;
  pid_t pid;
  guint cuts = 0;

  CU_ASSERT_TRUE_FATAL (g_file_set_contents (path, json->str, (gssize) json->len, NULL));
  fflush (NULL);
  pid = fork ();
  g_assert (pid >= 0);
  if (pid == 0)
    {
      gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;
      guint loads = 0;

      /* nothing of the parent's is left behind (valgrind counts leaks) */
      g_string_free (json, TRUE);
      /* at least three loads, and as many as a second allows */
      while (loads < 3 || g_get_monotonic_time () < until)
        {
          GError *error = NULL;
          RespModel *m = resp_model_new_from_file (path, NULL, &error);

          /* all or nothing: a model has every node, or there is an error */
          if ((m == NULL) == (error == NULL) || (m != NULL && resp_model_get_n_nodes (m) != 60000))
            _exit (1);
          g_clear_error (&error);
          g_clear_pointer (&m, resp_model_unref);
          loads++;
        }
      g_free (path);
      g_free (d);
      _exit (0);
    }
  /* cut and restore until the child is gone */
  while (waitpid (pid, &status, WNOHANG) == 0)
    {
      int fd = open (path, O_WRONLY);
      gsize page = (gsize) sysconf (_SC_PAGESIZE);
      off_t cut = (off_t) ((g_random_int_range (1, 64) * page) % json->len) / (off_t) page * (off_t) page;

      g_assert (fd >= 0);
      g_assert (ftruncate (fd, cut) == 0);
      g_usleep (500);
      g_assert (pwrite (fd, json->str, json->len, 0) == (gssize) json->len);
      close (fd);
      cuts++;
      g_usleep (200);
    }
  CU_ASSERT (cuts > 0);
  CU_ASSERT (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  if (WIFSIGNALED (status))
    fprintf (stderr, "the loading process died of signal %d\n", WTERMSIG (status));
  g_string_free (json, TRUE);
  test_remove_temp (path, d);
}

static void
test_cli_compile (void)
{
  char *out = NULL, *err = NULL, *city_path = test_src_path ("examples/data/city.json");
  char *target = g_build_filename (dir, "cli.snap", NULL);
  const char *argv[] = { "compile", city_path, "-o", target, NULL };
  const char *argv2[] = { "who", target, "s-portal", "--at", "2026-03-05", "--format", "json", NULL };
  const char *argv3[] = { "who", city_path, "s-portal", "--at", "2026-03-05", "--format", "json", NULL };
  const char *argv4[] = { "compile", city_path, NULL };
  char *a = NULL, *b = NULL;

  CU_ASSERT_EQUAL (test_run_resp (argv, &out, &err), 0);
  CU_ASSERT_STRING_EQUAL (out, "");
  g_free (out);
  g_free (err);
  CU_ASSERT_EQUAL (test_run_resp (argv2, &a, NULL), 0);
  CU_ASSERT_EQUAL (test_run_resp (argv3, &b, NULL), 0);
  CU_ASSERT_STRING_EQUAL (a, b);
  g_free (a);
  g_free (b);
  CU_ASSERT_EQUAL (test_run_resp (argv4, &out, &err), 2);
  g_free (out);
  g_free (err);
  g_unlink (target);
  g_free (target);
  g_free (city_path);
}

/* The city model, and its snapshot in a directory of its own */
static int
suite_init (void)
{
  GError *error = NULL;

  test_city_init ();
  snap = test_temp_path ("city.snap", &dir);
  if (!resp_model_write_snapshot (test_city_model, snap, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      g_error_free (error);
      return 1;
    }
  return 0;
}

static int
suite_clean (void)
{
  test_remove_temp (snap, dir);
  snap = dir = NULL;
  return test_city_clean ();
}

/* resp_model_write_snapshot() over a snapshot that a model has mapped:
 * the file is replaced, not written in place (a new file, renamed over the
 * old one), so the open model goes on reading the old snapshot whole; the
 * new one is what the next open sees; nothing is left beside it; and the
 * file keeps its permissions. Written in place, the open model would read
 * the other model's bytes, or die of SIGBUS. */
static void
test_rewrite_replaces (void)
{
  char *tmpdir, *path = test_temp_path ("m.snap", &tmpdir);
  char *want_assess = assess_all (test_city_model), *want_audit = audit_json (test_city_model), *a, *b, *json;
  RespModel *old, *other, *again;
  GError *error = NULL;
  struct stat st1, st2;
  GDir *d;
  guint entries = 0;

  CU_ASSERT_TRUE_FATAL (resp_model_write_snapshot (test_city_model, path, &error));
  CU_ASSERT_EQUAL_FATAL (chmod (path, 0640), 0);
  CU_ASSERT_EQUAL_FATAL (stat (path, &st1), 0);
  old = resp_model_new_from_file (path, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (old);
  json = test_json_of ("{'format': 'libresp/model/1', 'name': 'other', "
                       "'nodes': [{'id': 'r', 'type': 'region', 'name': 'R', 'level': 'county'}], "
                       "'relations': []}");
  other = resp_model_new_from_data (json, -1, NULL, NULL, &error);
  g_free (json);
  CU_ASSERT_PTR_NOT_NULL_FATAL (other);
  CU_ASSERT_TRUE_FATAL (resp_model_write_snapshot (other, path, &error));

  CU_ASSERT_EQUAL (stat (path, &st2), 0);
  CU_ASSERT_NOT_EQUAL (st1.st_ino, st2.st_ino);
  CU_ASSERT_EQUAL (st2.st_mode & 07777, 0640);
  /* the open model: the old snapshot, whole */
  CU_ASSERT_EQUAL (resp_model_get_n_nodes (old), resp_model_get_n_nodes (test_city_model));
  a = assess_all (old);
  b = audit_json (old);
  CU_ASSERT_STRING_EQUAL (a, want_assess);
  CU_ASSERT_STRING_EQUAL (b, want_audit);
  g_free (a);
  g_free (b);
  /* the next open: the new one */
  again = resp_model_new_from_file (path, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (again);
  CU_ASSERT_EQUAL (resp_model_get_n_nodes (again), 1);
  CU_ASSERT_STRING_EQUAL (resp_model_get_name (again), "other");
  /* and nothing beside it */
  d = g_dir_open (tmpdir, 0, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (d);
  while (g_dir_read_name (d) != NULL)
    entries++;
  g_dir_close (d);
  CU_ASSERT_EQUAL (entries, 1);

  resp_model_unref (again);
  resp_model_unref (other);
  resp_model_unref (old);
  g_free (want_assess);
  g_free (want_audit);
  test_remove_temp (path, tmpdir);
}

static CU_TestInfo tests[] = {
  { "a snapshot answers as the JSON model does", test_same_answers },
  { "a snapshot from memory", test_from_memory },
  { "truncated, other version, other layout", test_truncated_and_versions },
  { "random damage: refused by a checksum; behind the checksums an error or a model, never a crash",
    test_damage },
  { "every byte changed, one at a time: refused", test_every_byte_flipped },
  { "checked on two threads: every damaged or forged copy gets the one-thread answer",
    test_two_threads_same_answers },
  { "the header's checksum; a newer version refused as such", test_header_checksum },
  { "incoming relation types out of range", test_incoming_types },
  { "the relations of public security, state security, audit, cadre office and protection round-trip",
    test_new_relations_round_trip },
  { "a relation type this library does not know is refused", test_unknown_relation_type },
  { "resp compile, and commands on a snapshot", test_cli_compile },
  { "writing a snapshot over one in use replaces it, keeping its permissions", test_rewrite_replaces },
  { "a snapshot opened as a private copy survives the file cut and written over", test_cut_under_a_running_process },
  { "resp assess: the snapshot cut and written over while it runs", test_cli_survives_a_cut },
  { "a model file cut and restored while it is parsed: a model or an error, never a signal",
    test_json_cut_while_parsed },
  CU_TEST_INFO_NULL,
};

int
main (void)
{
  return test_main_suite ("snapshot", suite_init, suite_clean, tests);
}
