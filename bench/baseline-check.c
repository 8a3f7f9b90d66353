/* baseline-check.c: does the SQLite baseline agree with libresp?
 *
 *   resp-baseline-check MODEL [EVENTS] [--roles N] [--seed N]
 *
 * Resolves the roles of N sampled systems and units at sampled instants
 * with both and compares every set; then, given an events file, assesses
 * each event with libresp and asks the baseline for the liable persons of
 * each subject (with the circumstances taken from libresp's verdict, as
 * resp-bench does) and compares the sets. Exit 0 when all agree, 1 on a
 * disagreement, 2 on bad input. A benchmark is only worth its numbers if
 * both sides compute the same thing.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <resp/resp.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sqlite-baseline.h"

static gboolean
same_set (char **lib, GPtrArray *base)
{
  guint n = lib ? g_strv_length (lib) : 0;

  if (n != base->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (strcmp (lib[i], base->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
same_array (GPtrArray *a, GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (strcmp (a->pdata[i], b->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

static char *
join_set (char **lib)
{
  return lib ? g_strjoinv (",", lib) : g_strdup ("");
}

static char *
join_array (GPtrArray *a)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < a->len; i++)
    g_string_append_printf (s, "%s%s", i ? "," : "", (const char *) a->pdata[i]);
  return g_string_free (s, FALSE);
}

static int
cmp_str (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* ---- roles ---- */

static guint
check_roles (RespModel *model, SqliteBaseline *base, const char *node, gint64 at, double *t_lib,
             double *t_base)
{
  SqliteBaselineRoles R;
  g_autoptr (GError) error = NULL;
  g_autoptr (RespRoles) roles = NULL;
  gint64 t0;
  guint bad = 0;

  sqlite_baseline_roles_init (&R);
  t0 = g_get_monotonic_time ();
  roles = resp_model_resolve_roles (model, node, at, &error);
  *t_lib += (double) (g_get_monotonic_time () - t0);
  if (roles == NULL)
    {
      g_printerr ("%s: libresp: %s\n", node, error->message);
      sqlite_baseline_roles_clear (&R);
      return 1;
    }
  t0 = g_get_monotonic_time ();
  if (!sqlite_baseline_resolve (base, node, at, &R, &error))
    {
      g_printerr ("%s: baseline: %s\n", node, error->message);
      sqlite_baseline_roles_clear (&R);
      return 1;
    }
  *t_base += (double) (g_get_monotonic_time () - t0);

  for (guint i = 0; i < SQLITE_BASELINE_N_ROLES; i++)
    {
      RespRole role;
      g_auto (GStrv) holders = NULL;

      if (!resp_role_from_string (sqlite_baseline_role_names[i], &role))
        g_error ("libresp does not know the role '%s'", sqlite_baseline_role_names[i]);
      holders = resp_roles_dup_holders (roles, role);
      if (holders != NULL)
        qsort (holders, g_strv_length (holders), sizeof (char *), cmp_str);
      if (!same_set (holders, R.sets[i]))
        {
          g_autofree char *at_text = resp_instant_format (at);
          g_autofree char *a = join_set (holders);
          g_autofree char *b = join_array (R.sets[i]);
          g_print ("MISMATCH roles %s at %s, %s: libresp [%s] baseline [%s]\n", node, at_text,
                   sqlite_baseline_role_names[i], a, b);
          bad++;
        }
    }
  sqlite_baseline_roles_clear (&R);
  return bad;
}

/* ---- events ---- */

static char **
strv_member (JsonObject *o, const char *key)
{
  GPtrArray *a = g_ptr_array_new ();
  JsonArray *arr = json_object_has_member (o, key) ? json_object_get_array_member (o, key) : NULL;

  for (guint i = 0; arr != NULL && i < json_array_get_length (arr); i++)
    g_ptr_array_add (a, g_strdup (json_array_get_string_element (arr, i)));
  g_ptr_array_add (a, NULL);
  return (char **) g_ptr_array_free (a, FALSE);
}

static SqliteBaselineTruth
truth (JsonObject *facts, const char *name)
{
  JsonNode *n = facts && json_object_has_member (facts, name) ? json_object_get_member (facts, name) : NULL;

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return SQLITE_BASELINE_UNKNOWN;
  return json_node_get_boolean (n) ? SQLITE_BASELINE_TRUE : SQLITE_BASELINE_FALSE;
}

/* Subjects for which a circumstance holds, from libresp's JSON verdict. */
static GHashTable *
liable_subjects (RespVerdict *v)
{
  g_autofree char *text = resp_verdict_render (v, RESP_FORMAT_JSON);
  g_autoptr (JsonParser) p = json_parser_new ();
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *cs;

  if (!json_parser_load_from_data (p, text, -1, NULL))
    g_error ("libresp rendered a verdict that is not JSON");
  cs = json_object_get_array_member (json_node_get_object (json_parser_get_root (p)), "circumstances");
  for (guint i = 0; i < json_array_get_length (cs); i++)
    {
      JsonObject *c = json_array_get_object_element (cs, i);
      JsonArray *subjects;

      if (g_strcmp0 (json_object_get_string_member (c, "status"), "holds") != 0)
        continue;
      subjects = json_object_get_array_member (c, "subjects");
      for (guint k = 0; k < json_array_get_length (subjects); k++)
        g_hash_table_add (set, g_strdup (json_array_get_string_element (subjects, k)));
    }
  return set;
}

typedef struct {
  guint n_events, n_triggered, bad;
  double t_lib, t_base;
} EventStats;

static void
check_event (RespModel *model, RespRulebook *rb, SqliteBaseline *base, RespEvent *event,
             JsonObject *o, EventStats *st)
{
  g_autoptr (RespVerdict) v = NULL;
  g_autoptr (GHashTable) holds = NULL;
  g_autoptr (GPtrArray) lib = g_ptr_array_new ();
  g_autoptr (GPtrArray) mine = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) decisions = g_array_new (FALSE, TRUE, sizeof (SqliteBaselineDecision));
  g_autoptr (GPtrArray) owned = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_auto (GStrv) involved = strv_member (o, "involved");
  g_auto (GStrv) systems = strv_member (o, "systems");
  g_auto (GStrv) units = strv_member (o, "units");
  JsonObject *facts = json_object_has_member (o, "facts") ? json_object_get_object_member (o, "facts") : NULL;
  GPtrArray *exempted = g_ptr_array_new_with_free_func (g_free);
  SqliteBaselineEvent ev = { 0 };
  gint64 at = resp_event_get_occurred_at (event), t0;
  gboolean ok = TRUE;

  t0 = g_get_monotonic_time ();
  v = resp_assess (model, rb, event);
  st->t_lib += (double) (g_get_monotonic_time () - t0);
  for (guint i = 0; i < resp_verdict_get_n_liable (v); i++)
    g_ptr_array_add (lib, (gpointer) resp_verdict_get_liable_person (v, i));
  g_ptr_array_sort (lib, cmp_str);
  holds = liable_subjects (v);

  if (json_object_has_member (o, "decisions"))
    {
      JsonArray *ds = json_object_get_array_member (o, "decisions");
      for (guint i = 0; i < json_array_get_length (ds); i++)
        {
          JsonObject *d = json_array_get_object_element (ds, i);
          SqliteBaselineDecision sd;
          char **parts = strv_member (d, "participants"), **dissent = strv_member (d, "dissent");

          g_ptr_array_add (owned, parts);
          g_ptr_array_add (owned, dissent);
          sd.committee = json_object_get_string_member (d, "committee");
          sd.participants = (const char *const *) parts;
          sd.dissent = (const char *const *) dissent;
          g_array_append_val (decisions, sd);
        }
    }
  if (json_object_has_member (o, "exemptions"))
    {
      JsonArray *xs = json_object_get_array_member (o, "exemptions");
      for (guint i = 0; i < json_array_get_length (xs); i++)
        g_ptr_array_add (exempted, g_strdup (json_object_get_string_member (json_array_get_object_element (xs, i), "person")));
    }
  g_ptr_array_add (exempted, NULL);

  ev.triggered = resp_verdict_get_status (v) == RESP_VERDICT_TRIGGERED;
  ev.involved = (const char *const *) involved;
  ev.supervision_failed = truth (facts, "supervision_failed");
  ev.coordination_failed = truth (facts, "coordination_failed");
  ev.decisions = (const SqliteBaselineDecision *) (gpointer) decisions->data;
  ev.n_decisions = decisions->len;
  ev.exempted = (const char *const *) exempted->pdata;

  t0 = g_get_monotonic_time ();
  for (int pass = 0; pass < 2 && ok; pass++)
    for (char **s = pass == 0 ? systems : units; *s != NULL && ok; s++)
      {
        g_autoptr (GError) error = NULL;

        ev.subject_liable = g_hash_table_contains (holds, *s);
        ok = sqlite_baseline_liable (base, *s, at, &ev, mine, &error);
        if (!ok)
          g_printerr ("%s: baseline: %s\n", resp_event_get_id (event), error->message);
      }
  st->t_base += (double) (g_get_monotonic_time () - t0);

  st->n_events++;
  st->n_triggered += ev.triggered;
  if (!ok || !same_array (lib, mine))
    {
      GString *a = g_string_new (NULL);
      g_autofree char *b = join_array (mine);

      for (guint i = 0; i < lib->len; i++)
        g_string_append_printf (a, "%s%s", i ? "," : "", (const char *) lib->pdata[i]);
      g_print ("MISMATCH liable %s: libresp [%s] baseline [%s]\n", resp_event_get_id (event), a->str, b);
      g_string_free (a, TRUE);
      st->bad++;
    }
  g_ptr_array_unref (exempted);
}

int
main (int argc, char **argv)
{
  gint n_roles = 2000;
  gint64 seed = 1;
  GOptionEntry entries[] = {
    { "roles", 0, 0, G_OPTION_ARG_INT, &n_roles, "role resolutions to compare (default 2000)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "sampling seed (default 1)", "N" },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("MODEL [EVENTS] - compare the SQLite baseline with libresp");
  g_autoptr (GError) error = NULL;
  g_autoptr (RespModel) model = NULL;
  g_autoptr (RespRulebook) rb = NULL;
  g_autoptr (GRand) rand = NULL;
  g_autoptr (GPtrArray) subjects = NULL;
  SqliteBaseline *base;
  gint64 t0;
  guint bad = 0;
  double t_lib = 0, t_base = 0;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc < 2 || argc > 3)
    {
      g_printerr ("usage: resp-baseline-check MODEL [EVENTS] [--roles N] [--seed N]\n");
      return 2;
    }

  t0 = g_get_monotonic_time ();
  model = resp_model_new_from_file (argv[1], NULL, &error);
  if (model == NULL)
    {
      g_printerr ("libresp: %s\n", error->message);
      return 2;
    }
  g_print ("libresp load: %.2f s (%u nodes, %u relations)\n", (double) (g_get_monotonic_time () - t0) / 1e6,
           resp_model_get_n_nodes (model), resp_model_get_n_relations (model));
  t0 = g_get_monotonic_time ();
  base = sqlite_baseline_load (argv[1], &error);
  if (base == NULL)
    {
      g_printerr ("baseline: %s\n", error->message);
      return 2;
    }
  g_print ("baseline load: %.2f s (%u nodes, %u relations)\n", (double) (g_get_monotonic_time () - t0) / 1e6,
           sqlite_baseline_get_n_nodes (base), sqlite_baseline_get_n_relations (base));

  /* the subjects to sample: every system and unit, from the baseline's
   * tables (libresp's public API has no way to list nodes) */
  subjects = sqlite_baseline_dup_node_ids (base, "system");
  {
    g_autoptr (GPtrArray) units = sqlite_baseline_dup_node_ids (base, "unit");
    for (guint i = 0; i < units->len; i++)
      g_ptr_array_add (subjects, g_strdup (units->pdata[i]));
  }
  rand = g_rand_new_with_seed ((guint32) seed);
  for (gint i = 0; i < n_roles && subjects->len > 0; i++)
    {
      const char *node = subjects->pdata[g_rand_int_range (rand, 0, (gint32) subjects->len)];
      /* 2015-07-01 .. 2027-06-30, across every change of post */
      gint64 at = G_GINT64_CONSTANT (1435680000000000) +
                  (gint64) (g_rand_double (rand) * 378432000.0) * G_GINT64_CONSTANT (1000000);
      bad += check_roles (model, base, node, at, &t_lib, &t_base);
    }
  g_print ("roles: %d resolutions, %u mismatches; libresp %.1f us, baseline %.1f us per resolution\n",
           n_roles, bad, t_lib / MAX (n_roles, 1), t_base / MAX (n_roles, 1));

  if (argc == 3)
    {
      g_autoptr (RespEventBatch) batch = NULL;
      g_autofree char *text = NULL;
      g_auto (GStrv) lines = NULL;
      EventStats st = { 0 };
      guint li = 0;

      rb = resp_rulebook_new_default ();
      batch = resp_event_batch_new_from_file (model, rb, argv[2], NULL, &error);
      if (batch == NULL || !g_file_get_contents (argv[2], &text, NULL, &error))
        {
          g_printerr ("events: %s\n", error->message);
          return 2;
        }
      /* the generator writes JSON Lines: one event per non-blank line */
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; i < resp_event_batch_get_n_events (batch); i++)
        {
          g_autoptr (JsonParser) p = json_parser_new ();

          while (lines[li] != NULL && g_strstrip (lines[li])[0] == '\0')
            li++;
          if (lines[li] == NULL || !json_parser_load_from_data (p, lines[li], -1, &error))
            {
              g_printerr ("events: line %u: %s (resp-baseline-check reads JSON Lines only)\n", li + 1,
                          error ? error->message : "missing");
              return 2;
            }
          li++;
          check_event (model, rb, base, resp_event_batch_get_event (batch, i),
                       json_node_get_object (json_parser_get_root (p)), &st);
        }
      g_print ("events: %u assessed (%u triggered), %u mismatches; libresp %.1f us, baseline %.1f us per event\n",
               st.n_events, st.n_triggered, st.bad, st.t_lib / MAX (st.n_events, 1),
               st.t_base / MAX (st.n_events, 1));
      bad += st.bad;
    }

  sqlite_baseline_free (base);
  return bad == 0 ? 0 : 1;
}
