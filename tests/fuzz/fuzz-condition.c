/* fuzz-condition.c: a JSON Logic condition, compiled and evaluated against facts
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Input layout:
 *
 *   byte 0    bit 0: reads the subject (a system); bits 1-2: system.kind (unknown, "news",
 *             "portal", ""); bits 3-4: system.cii (unknown, true, false, 1);
 *             bits 5-6: system.protection_level (unknown, 3, 5, "3");
 *             bit 7: operator.region_level ("prefectural" or unknown) and
 *             system.owner_level ("county" or unknown)
 *   bytes 1-2 two bits per fact, facts 0-7 from the low bits of byte 1 up:
 *             0 unknown, 1 true, 2 false, 3 a number (even facts: the
 *             fact's index) or a string (odd facts: "x")
 *   byte 3    a mixed completion: for each unknown fact i, bit i chooses
 *             true (set) or the number 0 (clear)
 *   the rest  the condition, JSON
 *
 * Shorter inputs are padded with zero bytes. The scope declares the eight
 * facts below and two parameters (one known, one unknown); system.extra.tier
 * is "core" and every other extra attribute is unknown.
 *
 * Besides crashes and leaks it checks the promises of
 * resp-condition-private.h:
 *
 * - the result is the same whether or not missing facts are collected, and
 *   collecting appends to what the caller passed, without touching it;
 * - missing holds only unknown facts, each once, and only when the result
 *   is unknown;
 * - Kleene monotonicity: a result that is known with some facts unknown
 *   stays the same whatever values those facts are given (all true, all
 *   false, a mix of true and numbers). Every operator of the subset is
 *   monotone here, comparisons and `in` included, because any of them
 *   with an unknown operand is unknown; so the check covers all conditions,
 *   not only those made of var, and, or and !;
 * - an unknown result depends only on the facts listed as missing: giving
 *   values to every other unknown fact leaves it unknown;
 * - the compiled condition (postfix, with and/or folded pairwise and `in`
 *   lists among the constants) computes what a plain recursive evaluator
 *   of the JSON tree computes, with the facts as given and completed.
 */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "condition-env.h"
#include "resp-json-reader-private.h"

#define N_FACTS 8
#define N_PARAMS 2
#define HEADER 4

static const char * const fact_names[N_FACTS] = {
  "a", "b", "c", "attacked", "tampered", "handled_in_time", "outage_hours",
  "leak_personal_info_records",
};

static const char * const param_names[N_PARAMS] = {
  "personal_info_mass_leak_records", "name",
};

static void
set_env (ConditionEnv  *e,
         const uint8_t *h)
{
  static const char * const kinds[] = { NULL, "news", "portal", "" };
  guint code = h[1] | (guint) h[2] << 8;

  memset (e, 0, sizeof *e);
  e->n_facts = N_FACTS;
  e->n_params = N_PARAMS;
  /* the scope's two parameters: one known, one unknown */
  e->params[0] = condition_number (1000000);
  e->extra_key = "tier";
  e->extra = condition_string ("core");
  e->kind = kinds[(h[0] >> 1) & 3] != NULL ? condition_string (kinds[(h[0] >> 1) & 3])
                                           : condition_unknown;
  switch ((h[0] >> 3) & 3)
    {
    case 0: e->cii = condition_unknown; break;
    case 1: e->cii = condition_bool (TRUE); break;
    case 2: e->cii = condition_bool (FALSE); break;
    default: e->cii = condition_number (1); break;
    }
  switch ((h[0] >> 5) & 3)
    {
    case 0: e->protection = condition_unknown; break;
    case 1: e->protection = condition_number (3); break;
    case 2: e->protection = condition_number (5); break;
    default: e->protection = condition_string ("3"); break;
    }
  e->region_level = h[0] & 0x80 ? condition_string ("prefectural") : condition_unknown;
  e->owner_level = h[0] & 0x80 ? condition_string ("county") : condition_unknown;
  for (guint i = 0; i < N_FACTS; i++)
    switch ((code >> (2 * i)) & 3)
      {
      case 0: e->facts[i] = condition_unknown; break;
      case 1: e->facts[i] = condition_bool (TRUE); break;
      case 2: e->facts[i] = condition_bool (FALSE); break;
      default: e->facts[i] = i % 2 == 0 ? condition_number (i) : condition_string ("x"); break;
      }
}

/* e with the unknown facts in which (a bit mask) given values:
 * 0 all true, 1 all false, 2 the mix of byte 3 */
static void
complete (ConditionEnv       *out,
          const ConditionEnv *e,
          guint               which,
          guint               mask,
          guint8              mix)
{
  *out = *e;
  for (guint i = 0; i < N_FACTS; i++)
    if (e->facts[i].type == RESP_VALUE_UNKNOWN && (mask & (1u << i)))
      out->facts[i] = which == 0 ? condition_bool (TRUE)
                      : which == 1 ? condition_bool (FALSE)
                      : mix & (1u << i) ? condition_bool (TRUE) : condition_number (0);
}

/* ---- A reference evaluator ----
 *
 * The semantics of docs/rulebook.md, written the obvious way: recursively,
 * on the JSON tree, without compilation, stacks or folding. Run only on
 * trees that compiled, so their shape is known to be valid. The compiled
 * evaluation must agree with it on every input.
 */

static RespTruth
ref_truth (RespValue v)
{
  if (v.type == RESP_VALUE_UNKNOWN)
    return RESP_TRUTH_UNKNOWN;
  return v.type == RESP_VALUE_BOOL && v.boolean ? RESP_TRUTH_TRUE : RESP_TRUTH_FALSE;
}

/* Two known values: same type and value (strings as C strings, which is
 * how the library keeps them) */
static gboolean
ref_equal (RespValue a,
           RespValue b)
{
  if (a.type != b.type)
    return FALSE;
  switch (a.type)
    {
    case RESP_VALUE_BOOL:
      return !a.boolean == !b.boolean;
    case RESP_VALUE_NUMBER:
      return a.number == b.number;
    case RESP_VALUE_STRING:
      return strcmp (a.string, b.string) == 0;
    default:
      return FALSE;
    }
}

static RespValue
ref_literal (const RespJsonNode *node)
{
  switch (node->type)
    {
    case RESP_JSON_BOOL:
      return condition_bool (node->v.boolean);
    case RESP_JSON_NUMBER:
      return condition_number (node->v.number.value);
    case RESP_JSON_STRING:
      return condition_string (node->v.string.str);
    default:
      return condition_unknown;
    }
}

static RespValue
ref_var (const ConditionEnv *e,
         const RespJsonNode *name_node)
{
  const char *name = name_node->v.string.str;

  for (guint i = 0; i < N_FACTS; i++)
    if (g_str_has_prefix (name, "fact.") && strcmp (name + 5, fact_names[i]) == 0)
      return e->facts[i];
  for (guint i = 0; i < N_PARAMS; i++)
    if (g_str_has_prefix (name, "param.") && strcmp (name + 6, param_names[i]) == 0)
      return condition_env_get ((gpointer) e, RESP_VAR_PARAM, i, NULL);
  if (strcmp (name, "system.kind") == 0)
    return e->kind;
  if (strcmp (name, "system.cii") == 0)
    return e->cii;
  if (strcmp (name, "system.protection_level") == 0)
    return e->protection;
  if (strcmp (name, "operator.region_level") == 0)
    return e->region_level;
  if (strcmp (name, "system.owner_level") == 0)
    return e->owner_level;
  if (g_str_has_prefix (name, "system.extra."))
    return condition_env_get ((gpointer) e, RESP_VAR_SYSTEM_EXTRA, 0, name + 13);
  fuzz_fail ("reference: variable '%s' compiled but is unknown here", name);
}

static RespValue ref_eval (const ConditionEnv *e, const RespJsonNode *node);

static RespValue
ref_compare (const char *op,
             RespValue   a,
             RespValue   b)
{
  if (a.type == RESP_VALUE_UNKNOWN || b.type == RESP_VALUE_UNKNOWN)
    return condition_unknown;
  if (strcmp (op, "==") == 0)
    return condition_bool (ref_equal (a, b));
  if (strcmp (op, "!=") == 0)
    return condition_bool (!ref_equal (a, b));
  if (a.type != RESP_VALUE_NUMBER || b.type != RESP_VALUE_NUMBER)
    return condition_bool (FALSE);
  if (strcmp (op, "<") == 0)
    return condition_bool (a.number < b.number);
  if (strcmp (op, "<=") == 0)
    return condition_bool (a.number <= b.number);
  if (strcmp (op, ">") == 0)
    return condition_bool (a.number > b.number);
  return condition_bool (a.number >= b.number);
}

static RespValue
ref_eval (const ConditionEnv *e,
          const RespJsonNode *node)
{
  const RespJsonNode *member;
  RespJsonNode * const *args;
  const char *op;
  guint n;

  if (node->type != RESP_JSON_OBJECT)
    return ref_literal (node);
  member = node->v.children.items[0];
  op = member->key;
  if (member->type == RESP_JSON_ARRAY)
    {
      args = member->v.children.items;
      n = member->v.children.n;
    }
  else
    {
      /* {"var": "x"} and {"!": x}: the member is the operand */
      args = &node->v.children.items[0];
      n = 1;
    }

  if (strcmp (op, "var") == 0)
    return ref_var (e, args[0]);
  if (strcmp (op, "and") == 0 || strcmp (op, "or") == 0)
    {
      gboolean is_and = op[0] == 'a';
      gboolean any_unknown = FALSE;

      /* Kleene: one false decides an and, one true an or */
      for (guint i = 0; i < n; i++)
        {
          RespTruth t = ref_truth (ref_eval (e, args[i]));

          if (t == RESP_TRUTH_UNKNOWN)
            any_unknown = TRUE;
          else if ((t == RESP_TRUTH_TRUE) != is_and)
            return condition_bool (!is_and);
        }
      return any_unknown ? condition_unknown : condition_bool (is_and);
    }
  if (strcmp (op, "!") == 0)
    {
      RespTruth t = ref_truth (ref_eval (e, args[0]));

      return t == RESP_TRUTH_UNKNOWN ? condition_unknown : condition_bool (t == RESP_TRUTH_FALSE);
    }
  if (strcmp (op, "in") == 0)
    {
      RespValue needle = ref_eval (e, args[0]);
      RespValue hay;

      if (args[1]->type == RESP_JSON_ARRAY)
        {
          if (needle.type == RESP_VALUE_UNKNOWN)
            return condition_unknown;
          for (guint i = 0; i < args[1]->v.children.n; i++)
            if (ref_equal (needle, ref_literal (args[1]->v.children.items[i])))
              return condition_bool (TRUE);
          return condition_bool (FALSE);
        }
      hay = ref_eval (e, args[1]);
      if (needle.type == RESP_VALUE_UNKNOWN || hay.type == RESP_VALUE_UNKNOWN)
        return condition_unknown;
      if (needle.type == RESP_VALUE_STRING && hay.type == RESP_VALUE_STRING)
        return condition_bool (strstr (hay.string, needle.string) != NULL);
      return condition_bool (FALSE);
    }
  return ref_compare (op, ref_eval (e, args[0]), ref_eval (e, args[1]));
}

static void
check (const RespCondition *cond,
       const RespJsonNode  *root,
       const ConditionEnv  *e,
       guint8               mix)
{
  GArray *missing = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *prefixed = g_array_new (FALSE, FALSE, sizeof (guint));
  guint sentinel = 1000;
  guint unknown_facts = 0, missing_mask = 0;
  RespTruth plain, r;

  for (guint i = 0; i < N_FACTS; i++)
    if (e->facts[i].type == RESP_VALUE_UNKNOWN)
      unknown_facts |= 1u << i;

  plain = condition_env_eval (cond, e, NULL);
  if (plain != ref_truth (ref_eval (e, root)))
    fuzz_fail ("the condition evaluates to %d, the reference evaluator to %d",
               plain, ref_truth (ref_eval (e, root)));
  r = condition_env_eval (cond, e, missing);
  if (r != plain)
    fuzz_fail ("the result is %d without collecting missing facts, %d with", plain, r);
  if (r != RESP_TRUTH_UNKNOWN && missing->len != 0)
    fuzz_fail ("a known result (%d) with %u missing facts", r, missing->len);
  for (guint i = 0; i < missing->len; i++)
    {
      guint f = g_array_index (missing, guint, i);

      if (f >= N_FACTS || !(unknown_facts & (1u << f)))
        fuzz_fail ("missing lists fact %u, which is not an unknown fact", f);
      if (missing_mask & (1u << f))
        fuzz_fail ("missing lists fact %u twice", f);
      missing_mask |= 1u << f;
    }

  /* what the caller passed stays, and the same facts follow */
  g_array_append_val (prefixed, sentinel);
  if (condition_env_eval (cond, e, prefixed) != r)
    fuzz_fail ("the result depends on what missing held before");
  if (prefixed->len != missing->len + 1 || g_array_index (prefixed, guint, 0) != sentinel
      || (missing->len > 0
          && memcmp (prefixed->data + sizeof (guint), missing->data,
                     missing->len * sizeof (guint)) != 0))
    fuzz_fail ("missing facts differ when the array is not empty to begin with");

  for (guint which = 0; which < 3; which++)
    {
      ConditionEnv c;

      if (r != RESP_TRUTH_UNKNOWN && unknown_facts != 0)
        {
          complete (&c, e, which, unknown_facts, mix);
          if (condition_env_eval (cond, &c, NULL) != ref_truth (ref_eval (&c, root)))
            fuzz_fail ("completion %u: the condition and the reference evaluator differ", which);
          if (condition_env_eval (cond, &c, NULL) != r)
            fuzz_fail ("Kleene monotonicity: the result is %d with facts %#x unknown, "
                       "but %d once they are given values (completion %u)",
                       r, unknown_facts, condition_env_eval (cond, &c, NULL), which);
        }
      if (r == RESP_TRUTH_UNKNOWN && (unknown_facts & ~missing_mask) != 0)
        {
          complete (&c, e, which, unknown_facts & ~missing_mask, mix);
          if (condition_env_eval (cond, &c, NULL) != RESP_TRUTH_UNKNOWN)
            fuzz_fail ("missing facts %#x of unknown facts %#x: giving the others values "
                       "decides the result (completion %u)", missing_mask, unknown_facts, which);
        }
    }

  g_array_unref (missing);
  g_array_unref (prefixed);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init (argc, argv);
  return 0;
}

/* The input's condition as a tree, or NULL when it is no JSON */
static RespJsonTree *
parse (const char *text,
       gsize       length)
{
  RespJsonReader *reader = resp_json_reader_new (text, length);
  RespJsonTree *tree = NULL;
  RespJsonToken first = resp_json_reader_next (reader);

  if (first != RESP_JSON_TOKEN_ERROR && first != RESP_JSON_TOKEN_EOF)
    tree = resp_json_reader_read_tree (reader, first);
  resp_json_reader_free (reader);
  return tree;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  uint8_t header[HEADER] = { 0 };
  const char *text = (const char *) data + MIN (size, HEADER);
  gsize length = size - MIN (size, HEADER);
  RespConditionScope scope = { fact_names, N_FACTS, param_names, N_PARAMS, RESP_SUBJECT_NONE };
  RespJsonTree *tree;
  RespCondition *cond;
  RespError code = 0;
  guint line = 0, column = 0;
  char *message = NULL;
  ConditionEnv e;

  memcpy (header, data, MIN (size, HEADER));
  /* a system's attributes, or none (an event-wide condition) */
  scope.subject = (header[0] & 1) ? RESP_SUBJECT_SYSTEM : RESP_SUBJECT_NONE;
  set_env (&e, header);

  tree = parse (text, length);
  if (tree == NULL)
    return 0;
  cond = resp_condition_compile (resp_json_tree_get_root (tree), &scope, &code, &line, &column,
                                 &message);
  /* the condition keeps nothing of the tree: what the reference evaluator
   * reads is a second parse */
  resp_json_tree_free (tree);
  if (cond == NULL)
    {
      if (message == NULL || !g_utf8_validate (message, -1, NULL) || line == 0 || column == 0
          || code == 0)
        fuzz_fail ("a compilation error without a code, a position or a message");
      g_free (message);
      return 0;
    }
  if (message != NULL)
    fuzz_fail ("compiled, yet with a message");
  if (scope.subject == RESP_SUBJECT_NONE && resp_condition_uses_subject (cond))
    fuzz_fail ("an event-wide condition reads the subject");

  tree = parse (text, length);
  check (cond, resp_json_tree_get_root (tree), &e, header[3]);
  resp_json_tree_free (tree);
  resp_condition_free (cond);
  return 0;
}
