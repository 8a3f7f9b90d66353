/* fuzz-model.c: a model file, then everything that can be asked of it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is a model file. When it loads, a few nodes of each kind that
 * has queries (systems, units, committees; persons for scope) are resolved
 * at a few instants taken from the model itself, the audit runs over the
 * whole timeline and at those instants, and every result is rendered in
 * every format. Besides crashes, leaks and hangs it checks what the API
 * promises: the loader's error contract, sorted and unique holders, valid
 * JSON out, that the interval a resolution returns is one in which
 * nothing changes (resolving at its ends gives the same holders), that the
 * audit has one finding per node and post at any instant, that what a
 * finding says is missing does not resolve at either end of its interval,
 * that the model written as a snapshot (resp compile) and opened again
 * answers the same, and that reading the relations in two halves (forced
 * here for any size) gives the same model or the same errors.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "resp-model-private.h"
#include "resp-model-load-private.h"
#include "resp-limits-private.h"
#include "resp-snapshot-private.h"

/* How many nodes of one type are queried, and at how many instants */
#define PER_TYPE 3
#define MAX_INSTANTS 5

static const RespFormat formats[] = { RESP_FORMAT_TEXT, RESP_FORMAT_JSON, RESP_FORMAT_DOT };
/* a scope and an audit have no picture (asking for one is refused) */
static const RespFormat text_formats[] = { RESP_FORMAT_TEXT, RESP_FORMAT_JSON };

/* Where the snapshot of each model that loads is written */
static char *snapshot_path;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  char *dir;

  fuzz_init (argc, argv);
  dir = g_dir_make_tmp ("fuzz-model-XXXXXX", NULL);
  if (dir == NULL)
    fuzz_fail ("cannot make a temporary directory");
  snapshot_path = g_build_filename (dir, "model.snap", NULL);
  g_free (dir);
  return 0;
}

static char *
holders_joined (RespRoles *roles,
                RespRole   role)
{
  char **h = resp_roles_dup_holders (roles, role);
  char *s;

  if (h == NULL)
    fuzz_fail ("resp_roles_dup_holders returned NULL");
  for (guint i = 0; h[i] != NULL && h[i + 1] != NULL; i++)
    if (strcmp (h[i], h[i + 1]) >= 0)
      fuzz_fail ("holders of %s not sorted and unique: '%s' before '%s'",
                 resp_role_to_string (role), h[i], h[i + 1]);
  s = g_strjoinv (" ", h);
  g_strfreev (h);
  return s;
}

static RespRoles *
resolve (RespModel  *model,
         const char *id,
         gint64      at)
{
  GError *error = NULL;
  RespRoles *roles = resp_model_resolve_roles (model, id, at, &error);

  if (roles == NULL && error == NULL)
    fuzz_fail ("resp_model_resolve_roles failed without an error");
  g_clear_error (&error);
  return roles;
}

/* The holders of every role at `at` equal those in roles */
static void
check_same_holders (RespModel  *model,
                    RespRoles  *roles,
                    const char *id,
                    gint64      at)
{
  RespRoles *other = resolve (model, id, at);

  if (other == NULL)
    fuzz_fail ("'%s' resolves at one instant but not at another", id);
  for (guint r = 0; r < RESP_N_ROLES; r++)
    {
      char *a = holders_joined (roles, (RespRole) r);
      char *b = holders_joined (other, (RespRole) r);

      if (strcmp (a, b) != 0)
        fuzz_fail ("'%s': %s is '%s' at %" G_GINT64_FORMAT " but '%s' at %" G_GINT64_FORMAT
                   ", within the interval [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                   id, resp_role_to_string ((RespRole) r), a, resp_roles_get_at (roles), b, at,
                   resp_roles_get_valid_from (roles), resp_roles_get_valid_until (roles));
      g_free (a);
      g_free (b);
    }
  resp_roles_unref (other);
}

static void
query_roles (RespModel  *model,
             const char *id,
             gint64      at)
{
  RespRoles *roles = resolve (model, id, at);
  gint64 from, until;

  if (roles == NULL)
    return;
  from = resp_roles_get_valid_from (roles);
  until = resp_roles_get_valid_until (roles);
  if (!(from <= at && at < until))
    fuzz_fail ("'%s' at %" G_GINT64_FORMAT ": valid interval [%" G_GINT64_FORMAT
               ", %" G_GINT64_FORMAT ") does not hold the instant", id, at, from, until);

  for (guint r = 0; r < RESP_N_ROLES; r++)
    {
      char **h = resp_roles_dup_holders (roles, (RespRole) r);

      for (guint i = 0; h != NULL && h[i] != NULL; i++)
        {
          guint n = resp_roles_get_n_paths (roles, (RespRole) r, h[i]);

          if (n == 0)
            fuzz_fail ("'%s' holds %s without a path", h[i], resp_role_to_string ((RespRole) r));
          for (guint p = 0; p < n; p++)
            {
              char **path = resp_roles_dup_path (roles, (RespRole) r, h[i], p);

              if (path == NULL || path[0] == NULL)
                fuzz_fail ("path %u of '%s' is empty", p, h[i]);
              g_strfreev (path);
            }
        }
      g_strfreev (h);
    }
  for (guint w = 0; w < resp_roles_get_n_warnings (roles); w++)
    {
      if (resp_roles_get_warning_code (roles, w) == NULL
          || resp_roles_get_warning_message (roles, w) == NULL)
        fuzz_fail ("warning %u without a code or message", w);
      (void) resp_roles_get_warning_node (roles, w);
      (void) resp_roles_get_warning_role (roles, w);
    }

  /* nothing the resolution consulted changes inside [from, until) */
  if (from != RESP_INSTANT_OPEN_START && from != at)
    check_same_holders (model, roles, id, from);
  if (until != RESP_INSTANT_OPEN_END && until - 1 != at)
    check_same_holders (model, roles, id, until - 1);

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    fuzz_check_render (resp_roles_render (roles, formats[f]), formats[f], "roles");
  resp_roles_unref (roles);
}

static void
query_scope (RespModel  *model,
             const char *id,
             gint64      at)
{
  GError *error = NULL;
  RespScope *scope = resp_model_scope_person (model, id, at, &error);

  if (scope == NULL)
    {
      if (error == NULL)
        fuzz_fail ("resp_model_scope_person failed without an error");
      g_clear_error (&error);
      return;
    }
  for (guint i = 0; i < resp_scope_get_n_seats (scope); i++)
    (void) resp_scope_get_seat_committee (scope, i);
  g_strfreev (resp_scope_dup_heads (scope));
  g_strfreev (resp_scope_dup_responsible_for (scope, RESP_ROLE_FIRST_RESPONSIBLE));
  g_strfreev (resp_scope_dup_responsible_for (scope, RESP_ROLE_SECURITY_LEAD));
  for (guint f = 0; f < G_N_ELEMENTS (text_formats); f++)
    fuzz_check_render (resp_scope_render (scope, text_formats[f]), text_formats[f], "scope");
  resp_scope_unref (scope);
}

/* The role of resolve_roles() that an audit finding says is empty, or -1
 * when there is none to compare with (regions have no roles; a unit's
 * head is only reported between two holders) */
static int
finding_role (RespModel  *model,
              RespAudit  *audit,
              guint       i)
{
  static const struct {
    RespNodeType  type;
    const char   *post;
    RespRole      role;
  } roles[] = {
    { RESP_NODE_COMMITTEE, "main_leader", RESP_ROLE_FIRST_RESPONSIBLE },
    { RESP_NODE_COMMITTEE, "cyber_lead", RESP_ROLE_DIRECT_RESPONSIBLE },
    { RESP_NODE_SYSTEM, "operator", RESP_ROLE_OPERATOR },
    { RESP_NODE_SYSTEM, "security_lead", RESP_ROLE_SECURITY_LEAD },
    { RESP_NODE_SYSTEM, "regulator", RESP_ROLE_REGULATOR },
    { RESP_NODE_UNIT, "committee", RESP_ROLE_COMMITTEE },
    { RESP_NODE_UNIT, "unit_head", RESP_ROLE_UNIT_HEAD },
  };
  const char *node = resp_audit_get_finding_node (audit, i);
  const char *role = resp_audit_get_finding_role (audit, i);
  RespNodeType type;

  if (!resp_model_get_node_type (model, node, &type))
    fuzz_fail ("finding %u names '%s', which is no node", i, node);
  for (guint k = 0; k < G_N_ELEMENTS (roles); k++)
    if (type == roles[k].type && strcmp (role, roles[k].post) == 0)
      return roles[k].role;
  return -1;
}

static gboolean
role_empty (RespRoles *roles,
            RespRole   role)
{
  char **h = resp_roles_dup_holders (roles, role);
  gboolean empty = h == NULL || h[0] == NULL;

  g_strfreev (h);
  return empty;
}

/* A finding says a role is missing over an interval: resolving the node at
 * both ends of it finds nobody in that role (for `regulator`: an operator
 * but no regulator) */
static void
check_finding (RespModel *model,
               RespAudit *audit,
               guint      i)
{
  int role = finding_role (model, audit, i);
  const char *node = resp_audit_get_finding_node (audit, i);
  gint64 ends[2] = { resp_audit_get_finding_from (audit, i),
                     resp_audit_get_finding_until (audit, i) };

  if (role < 0)
    return;
  if (ends[1] != RESP_INSTANT_OPEN_END)
    ends[1]--;
  for (guint k = 0; k < 2; k++)
    {
      RespRoles *roles;

      if (ends[k] == RESP_INSTANT_OPEN_START || ends[k] == RESP_INSTANT_OPEN_END)
        continue;
      roles = resolve (model, node, ends[k]);
      if (roles == NULL)
        fuzz_fail ("'%s' of finding %u does not resolve", node, i);
      if (!role_empty (roles, (RespRole) role)
          || (role == RESP_ROLE_REGULATOR && role_empty (roles, RESP_ROLE_OPERATOR)))
        fuzz_fail ("the audit finds %s of '%s' missing over [%" G_GINT64_FORMAT ", %"
                   G_GINT64_FORMAT "), but it resolves at %" G_GINT64_FORMAT,
                   resp_audit_get_finding_role (audit, i), node,
                   resp_audit_get_finding_from (audit, i), resp_audit_get_finding_until (audit, i),
                   ends[k]);
      resp_roles_unref (roles);
    }
}

static void
check_audit (RespModel *model,
             RespAudit *audit)
{
  for (guint i = 0; i < resp_audit_get_n_findings (audit); i++)
    {
      if (resp_audit_get_finding_node (audit, i) == NULL
          || resp_audit_get_finding_role (audit, i) == NULL
          || resp_audit_get_finding_basis (audit, i) == NULL)
        fuzz_fail ("finding %u without a node, role or basis", i);
      if (resp_audit_get_finding_from (audit, i) >= resp_audit_get_finding_until (audit, i))
        fuzz_fail ("finding %u has an empty interval", i);
      (void) resp_audit_get_finding_code (audit, i);
      /* one finding per node and post at any instant (they come sorted by
       * node, role and start) */
      if (i > 0
          && strcmp (resp_audit_get_finding_node (audit, i - 1),
                     resp_audit_get_finding_node (audit, i)) == 0
          && strcmp (resp_audit_get_finding_role (audit, i - 1),
                     resp_audit_get_finding_role (audit, i)) == 0
          && resp_audit_get_finding_until (audit, i - 1) > resp_audit_get_finding_from (audit, i))
        fuzz_fail ("findings %u and %u of '%s' (%s) overlap", i - 1, i,
                   resp_audit_get_finding_node (audit, i), resp_audit_get_finding_role (audit, i));
      if (i < 16)
        check_finding (model, audit, i);
    }
  for (guint f = 0; f < G_N_ELEMENTS (text_formats); f++)
    fuzz_check_render (resp_audit_render (audit, text_formats[f]), text_formats[f], "audit");
  resp_audit_unref (audit);
}

/* The shape limits (RespLimits) set low, from the input's size: the file
 * and its snapshot are refused together, with RESP_ERROR_LIMIT, or opened
 * together (the file is checked by the loader, the snapshot from its
 * indices). */
static void
check_shape_limits (const uint8_t *json, size_t json_size, const char *snap, gsize snap_size)
{
  RespLimits low = { 0 };
  GError *e1 = NULL, *e2 = NULL;
  RespModel *a, *b;

  low.max_chain_depth = 1 + json_size % 3;
  low.max_committee_members = 1 + json_size % 5;
  low.max_system_operators = 1 + json_size % 2;
  a = resp_model_new_from_data_full ((const char *) json, (gssize) json_size, FUZZ_FILE_NAME, &low,
                                     NULL, &e1);
  b = resp_model_new_from_data_full (snap, (gssize) snap_size, FUZZ_FILE_NAME, &low, NULL, &e2);
  if ((a == NULL) != (b == NULL))
    fuzz_fail ("under low shape limits the file %s but its snapshot %s",
               a != NULL ? "loads" : "is refused", b != NULL ? "opens" : "is refused");
  if (a == NULL && (!g_error_matches (e1, RESP_ERROR, RESP_ERROR_LIMIT)
                    || !g_error_matches (e2, RESP_ERROR, RESP_ERROR_LIMIT)))
    fuzz_fail ("a model that loads is refused under low shape limits, but not for a limit");
  g_clear_pointer (&a, resp_model_unref);
  g_clear_pointer (&b, resp_model_unref);
  g_clear_error (&e1);
  g_clear_error (&e2);
}

/* The model written as a snapshot (resp compile) and opened again */
static RespModel *
reopen_as_snapshot (RespModel *model, const uint8_t *json, size_t json_size)
{
  GError *error = NULL;
  GPtrArray *diagnostics = NULL;
  RespModel *copy;
  char *data;
  gsize length;

  if (!resp_model_write_snapshot (model, snapshot_path, &error))
    fuzz_fail ("a model that loaded cannot be written as a snapshot: %s", error->message);
  if (!g_file_get_contents (snapshot_path, &data, &length, &error))
    fuzz_fail ("cannot read the snapshot back: %s", error->message);
  copy = resp_model_new_from_data (data, (gssize) length, FUZZ_FILE_NAME, &diagnostics, &error);
  if (copy == NULL)
    fuzz_fail ("the snapshot of a model that loaded does not open: %s", error->message);
  fuzz_check_load (TRUE, diagnostics, error, NULL, 0, FALSE);
  check_shape_limits (json, json_size, data, length);
  g_free (data);
  g_unlink (snapshot_path);
  return copy;
}

static void
same_rendering (char       *a,
                char       *b,
                const char *what,
                const char *id)
{
  if (a == NULL || b == NULL || strcmp (a, b) != 0)
    fuzz_fail ("%s of '%s' differs once the model is a snapshot:\n%s\n---\n%s", what,
               id != NULL ? id : "", a, b);
  g_free (a);
  g_free (b);
}

/* Whatever the JSON model answers, its snapshot answers the same */
static void
compare_with_snapshot (RespModel    *model,
                       RespModel    *copy,
                       const gint64 *instants,
                       guint         n_instants)
{
  if (resp_model_get_n_nodes (copy) != resp_model_get_n_nodes (model)
      || resp_model_get_n_relations (copy) != resp_model_get_n_relations (model)
      || g_strcmp0 (resp_model_get_name (copy), resp_model_get_name (model)) != 0)
    fuzz_fail ("the snapshot has other counts or another name");
  for (guint32 i = 0; i < model->n_nodes && i < 16; i++)
    {
      const char *id = resp_model_node_id (model, i);

      if (!resp_model_has_node (copy, id)
          || g_strcmp0 (resp_model_get_node_name (copy, id), resp_model_get_node_name (model, id))
          || g_strcmp0 (resp_model_get_node_extra (copy, id),
                        resp_model_get_node_extra (model, id)))
        fuzz_fail ("node '%s' differs once the model is a snapshot", id);
      if (model->nodes[i].type != RESP_NODE_SYSTEM && model->nodes[i].type != RESP_NODE_UNIT
          && model->nodes[i].type != RESP_NODE_COMMITTEE)
        continue;
      for (guint k = 0; k < n_instants && k < 2; k++)
        {
          RespRoles *a = resolve (model, id, instants[k]);
          RespRoles *b = resolve (copy, id, instants[k]);

          if ((a == NULL) != (b == NULL))
            fuzz_fail ("'%s' resolves in one model only", id);
          if (a != NULL)
            {
              same_rendering (resp_roles_render (a, RESP_FORMAT_JSON),
                              resp_roles_render (b, RESP_FORMAT_JSON), "the roles", id);
              resp_roles_unref (a);
              resp_roles_unref (b);
            }
        }
    }
  {
    RespAudit *a = resp_model_audit (model);
    RespAudit *b = resp_model_audit (copy);

    same_rendering (resp_audit_render (a, RESP_FORMAT_JSON), resp_audit_render (b, RESP_FORMAT_JSON),
                    "the audit", NULL);
    resp_audit_unref (a);
    resp_audit_unref (b);
  }
}

static void
add_instant (gint64 *instants,
             guint  *n,
             gint64  t)
{
  if (*n >= MAX_INSTANTS || t == RESP_INSTANT_OPEN_START || t == RESP_INSTANT_OPEN_END)
    return;
  for (guint i = 0; i < *n; i++)
    if (instants[i] == t)
      return;
  instants[(*n)++] = t;
}

static void
query_node_attributes (RespModel  *model,
                       const char *id)
{
  static const char * const attributes[] = {
    "level", "form", "kind", "cii", "protection_level", "name", "type", "extra", "nonsense",
  };
  RespNodeType type;
  const char *extra;

  if (!resp_model_has_node (model, id) || !resp_model_get_node_type (model, id, &type))
    fuzz_fail ("node '%s' of the table is not found by id", id);
  if (resp_model_get_node_name (model, id) == NULL)
    fuzz_fail ("node '%s' has no name", id);
  for (guint i = 0; i < G_N_ELEMENTS (attributes); i++)
    (void) resp_model_get_node_attribute (model, id, attributes[i]);
  /* extra is kept as written, which was a JSON object */
  extra = resp_model_get_node_extra (model, id);
  if (extra != NULL)
    {
      char *copy = g_strconcat ("{\"extra\": ", extra, "}", NULL);

      fuzz_check_render (copy, RESP_FORMAT_JSON, "extra");
    }
}

/* The same input read with its relations forced into two halves (and its
 * cardinality entries sorted by counting, however few): the same outcome,
 * diagnostic for diagnostic, relation for relation. */
static void
check_split_load (const uint8_t *data, size_t size, const RespModel *model,
                  const GPtrArray *diagnostics, const GError *error)
{
  GPtrArray *d2 = NULL;
  GError *e2 = NULL;
  RespModelLoadOptions options;
  RespLimits limits;
  RespModel *m2;

  /* a snapshot is opened, not parsed: nothing to split */
  if (resp_snapshot_is ((const char *) data, size))
    return;
  resp_model_load_options_init (&options);
  options.split_min = 0;
  options.card_sort_min = 0;
  resp_limits_resolve (NULL, &limits);
  m2 = resp_model_load_internal ((const char *) data, size, FUZZ_FILE_NAME, &limits, &options,
                                 NULL, NULL, &d2, &e2);
  if ((m2 == NULL) != (model == NULL))
    fuzz_fail ("the model loads in one piece but not in two halves, or the other way round");
  if (m2 == NULL)
    {
      if (error == NULL || diagnostics == NULL || e2 == NULL || d2 == NULL)
        fuzz_fail ("a load failed without an error or diagnostics");
      if (strcmp (error->message, e2->message) != 0 || d2->len != diagnostics->len)
        fuzz_fail ("two halves give other errors than one piece");
      for (guint i = 0; i < d2->len; i++)
        {
          char *a = resp_diagnostic_to_string (diagnostics->pdata[i]);
          char *b = resp_diagnostic_to_string (d2->pdata[i]);
          if (strcmp (a, b) != 0)
            fuzz_fail ("two halves give another diagnostic than one piece");
          g_free (a);
          g_free (b);
        }
      g_ptr_array_unref (d2);
      g_error_free (e2);
      return;
    }
  if (m2->n_nodes != model->n_nodes || m2->n_rels != model->n_rels)
    fuzz_fail ("two halves give another number of nodes or relations");
  for (guint32 i = 0; i < m2->n_rels; i++)
    {
      const RespRelRec *a = &model->rels[i], *b = &m2->rels[i];
      if (a->from != b->from || a->to != b->to || a->rel != b->rel || a->seat != b->seat ||
          a->since != b->since || a->until != b->until)
        fuzz_fail ("two halves give another relation than one piece");
    }
  if (d2 == NULL || d2->len != 0)
    fuzz_fail ("loaded in two halves, yet with diagnostics");
  g_ptr_array_unref (d2);
  resp_model_unref (m2);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GPtrArray *diagnostics = NULL;
  GError *error = NULL;
  RespModel *model, *snapshot;
  guint32 picked[RESP_NODE_SECTOR + 1] = { 0 };
  gint64 instants[MAX_INSTANTS];
  guint n_instants = 0;

  model = resp_model_new_from_data ((const char *) data, (gssize) size, FUZZ_FILE_NAME,
                                    &diagnostics, &error);
  /* exact_quotes is FALSE until the model loader stops cutting quoted
   * names at a byte limit (see README.md, "Found and fixed") */
  check_split_load (data, size, model, diagnostics, error);
  fuzz_check_load (model != NULL, diagnostics, error, data, size, FALSE);
  if (model == NULL)
    return 0;

  (void) resp_model_get_name (model);
  (void) resp_model_get_source (model);
  if (resp_model_get_n_nodes (model) != model->n_nodes
      || resp_model_get_n_relations (model) != model->n_rels)
    fuzz_fail ("node or relation count differs from the table");
  for (guint t = 0; t <= RESP_NODE_SECTOR; t++)
    (void) resp_model_count_nodes_of_type (model, (RespNodeType) t);

  /* instants from the model itself: where its records begin, the edges of
   * the first relations, and one fixed date */
  add_instant (instants, &n_instants, model->first_instant);
  for (guint32 r = 0; r < model->n_rels && n_instants < MAX_INSTANTS - 1; r++)
    {
      add_instant (instants, &n_instants, model->rels[r].since);
      add_instant (instants, &n_instants, model->rels[r].until);
    }
  if (model->first_instant != RESP_INSTANT_OPEN_START)
    add_instant (instants, &n_instants, model->first_instant - 1);
  add_instant (instants, &n_instants, 1748707200 * G_GINT64_CONSTANT (1000000)); /* 2025-06-01 */

  for (guint32 i = 0; i < model->n_nodes; i++)
    {
      guint8 type = model->nodes[i].type;
      const char *id = resp_model_node_id (model, i);

      if (i < 64)
        query_node_attributes (model, id);
      if (type > RESP_NODE_SECTOR || picked[type] >= PER_TYPE)
        continue;
      picked[type]++;
      for (guint k = 0; k < n_instants; k++)
        {
          if (type == RESP_NODE_SYSTEM || type == RESP_NODE_UNIT || type == RESP_NODE_COMMITTEE)
            query_roles (model, id, instants[k]);
          else if (type == RESP_NODE_PERSON)
            query_scope (model, id, instants[k]);
        }
    }

  check_audit (model, resp_model_audit (model));
  for (guint k = 0; k < n_instants && k < 2; k++)
    check_audit (model, resp_model_audit_at (model, instants[k]));

  snapshot = reopen_as_snapshot (model, data, size);
  compare_with_snapshot (model, snapshot, instants, n_instants);
  resp_model_unref (snapshot);

  resp_model_unref (model);
  return 0;
}
