/* baseline-check.c: does the SQLite baseline agree with libresp?
 *
 *   resp-baseline-check MODEL [EVENTS] [--roles N] [--seed N] [--literal]
 *
 * Resolves the roles of N sampled systems and units at sampled instants
 * with both and compares every set; then, given an events file, assesses
 * each event with libresp and asks the baseline for the same event of the
 * baseline (which reads the event file itself and works out the
 * circumstances, the status and the liable persons on its own) and
 * compares the status and the liable sets. Exit 0 when all agree, 1 on a
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

/* A fact as the event states it: absent or null is unknown. */
static SqliteBaselineValue
fact_value (JsonObject *facts, const char *name)
{
  JsonNode *n = facts && json_object_has_member (facts, name) ? json_object_get_member (facts, name) : NULL;
  SqliteBaselineValue v = { FALSE, 0 };

  if (n == NULL || JSON_NODE_HOLDS_NULL (n) || !JSON_NODE_HOLDS_VALUE (n))
    return v;
  v.known = TRUE;
  v.value = json_node_get_value_type (n) == G_TYPE_BOOLEAN ? json_node_get_boolean (n) : json_node_get_double (n);
  return v;
}

typedef struct {
  guint n_events, n_triggered, bad;
  double t_lib, t_base;
} EventStats;

static const char *const status_names[] = { "triggered", "undetermined", "not_triggered" };

/* libresp and the baseline on one event, each on its own: the baseline
 * reads the event as written (json-glib), never libresp's verdict. */
static void
check_event (RespModel *model, RespRulebook *rb, SqliteBaseline *base, RespEvent *event,
             JsonObject *o, EventStats *st)
{
  g_autoptr (RespVerdict) v = NULL;
  g_autoptr (GPtrArray) lib = g_ptr_array_new ();
  g_autoptr (GPtrArray) mine = g_ptr_array_new ();
  g_autoptr (GArray) decisions = g_array_new (FALSE, TRUE, sizeof (SqliteBaselineDecision));
  g_autoptr (GPtrArray) owned = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GPtrArray) subjects = g_ptr_array_new ();
  g_auto (GStrv) involved = strv_member (o, "involved");
  g_auto (GStrv) systems = strv_member (o, "systems");
  g_auto (GStrv) units = strv_member (o, "units");
  g_autoptr (GError) error = NULL;
  JsonObject *facts = json_object_has_member (o, "facts") ? json_object_get_object_member (o, "facts") : NULL;
  GPtrArray *exempted = g_ptr_array_new_with_free_func (g_free);
  SqliteBaselineEvent ev = { 0 };
  SqliteBaselineVerdict sv;
  gint64 t0;
  gboolean ok;
  int lib_status;

  t0 = g_get_monotonic_time ();
  v = resp_assess (model, rb, event);
  st->t_lib += (double) (g_get_monotonic_time () - t0);
  for (guint i = 0; i < resp_verdict_get_n_liable (v); i++)
    g_ptr_array_add (lib, (gpointer) resp_verdict_get_liable_person (v, i));
  g_ptr_array_sort (lib, cmp_str);

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
  for (char **s = systems; *s != NULL; s++)
    g_ptr_array_add (subjects, *s);
  for (char **s = units; *s != NULL; s++)
    g_ptr_array_add (subjects, *s);
  g_ptr_array_add (subjects, NULL);

  ev.at = resp_event_get_occurred_at (event);
  ev.subjects = (const char *const *) subjects->pdata;
  ev.involved = (const char *const *) involved;
  for (guint f = 0; f < SQLITE_BASELINE_N_FACTS; f++)
    ev.facts[f] = fact_value (facts, sqlite_baseline_fact_names[f]);
  ev.decisions = (const SqliteBaselineDecision *) (gpointer) decisions->data;
  ev.n_decisions = decisions->len;
  ev.exempted = (const char *const *) exempted->pdata;

  sqlite_baseline_verdict_init (&sv);
  t0 = g_get_monotonic_time ();
  ok = sqlite_baseline_assess (base, &ev, &sv, &error);
  st->t_base += (double) (g_get_monotonic_time () - t0);
  if (!ok)
    g_printerr ("%s: baseline: %s\n", resp_event_get_id (event), error->message);
  for (guint i = 0; ok && i < sv.liable->len; i++)
    g_ptr_array_add (mine, ((SqliteBaselineLiable *) sv.liable->pdata[i])->person);

  lib_status = resp_verdict_get_status (v) == RESP_VERDICT_TRIGGERED ? 0
             : resp_verdict_get_status (v) == RESP_VERDICT_UNDETERMINED ? 1 : 2;
  st->n_events++;
  st->n_triggered += lib_status == 0;
  if (!ok || lib_status != (int) sv.status || !same_array (lib, mine))
    {
      GString *a = g_string_new (NULL);
      g_autofree char *b = join_array (mine);

      for (guint i = 0; i < lib->len; i++)
        g_string_append_printf (a, "%s%s", i ? "," : "", (const char *) lib->pdata[i]);
      g_print ("MISMATCH %s: libresp %s [%s] baseline %s [%s]\n", resp_event_get_id (event),
               status_names[lib_status], a->str, status_names[sv.status], b);
      g_string_free (a, TRUE);
      st->bad++;
    }
  sqlite_baseline_verdict_clear (&sv);
  g_ptr_array_unref (exempted);
}

int
main (int argc, char **argv)
{
  gint n_roles = 2000;
  gint64 seed = 1;
  gboolean literal = FALSE;
  GOptionEntry entries[] = {
    { "literal", 0, 0, G_OPTION_ARG_NONE, &literal, "the literal statements, not the derived regulator table", NULL },
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
      g_printerr ("usage: resp-baseline-check MODEL [EVENTS] [--roles N] [--seed N] [--literal]\n");
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
  g_print ("baseline load: %.2f s (%u nodes, %u relations; regulator table %u rows in %.2f s)\n",
           (double) (g_get_monotonic_time () - t0) / 1e6, sqlite_baseline_get_n_nodes (base),
           sqlite_baseline_get_n_relations (base), sqlite_baseline_get_n_regulator_rows (base),
           sqlite_baseline_get_derive_seconds (base));
  sqlite_baseline_set_mode (base, literal ? SQLITE_BASELINE_LITERAL : SQLITE_BASELINE_DERIVED);

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
