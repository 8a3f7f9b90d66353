/* fuzz-condition.c: a JSON Logic condition, compiled and evaluated against facts
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Input layout:
 *
 *   byte 0    bit 0: allow_subject; bits 1-2: system.kind (unknown, "news",
 *             "portal", ""); bits 3-4: system.cii (unknown, true, false, 1);
 *             bits 5-6: system.protection_level (unknown, 3, 5, "3");
 *             bit 7: operator.region_level ("prefectural" or unknown)
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
#include "resp-condition-private.h"
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

typedef struct {
  RespValue facts[N_FACTS];
  RespValue kind;
  RespValue cii;
  RespValue protection;
  RespValue region_level;
} Env;

static const RespValue unknown = { RESP_VALUE_UNKNOWN, FALSE, 0, NULL };

static RespValue
boolean (gboolean b)
{
  RespValue v = { RESP_VALUE_BOOL, b, 0, NULL };
  return v;
}

static RespValue
number (double x)
{
  RespValue v = { RESP_VALUE_NUMBER, FALSE, x, NULL };
  return v;
}

static RespValue
string (const char *s)
{
  RespValue v = { RESP_VALUE_STRING, FALSE, 0, s };
  return v;
}

static RespValue
env_get (gpointer    data,
         RespVarKind kind,
         guint       index,
         const char *extra_key)
{
  const Env *e = data;

  switch (kind)
    {
    case RESP_VAR_FACT:
      if (index >= N_FACTS)
        fuzz_fail ("fact index %u out of the scope", index);
      return e->facts[index];
    case RESP_VAR_PARAM:
      if (index >= N_PARAMS)
        fuzz_fail ("parameter index %u out of the scope", index);
      return index == 0 ? number (1000000) : unknown;
    case RESP_VAR_SYSTEM_KIND:
      return e->kind;
    case RESP_VAR_SYSTEM_CII:
      return e->cii;
    case RESP_VAR_SYSTEM_PROTECTION:
      return e->protection;
    case RESP_VAR_SYSTEM_EXTRA:
      if (extra_key == NULL)
        fuzz_fail ("system.extra without a key");
      return strcmp (extra_key, "tier") == 0 ? string ("core") : unknown;
    case RESP_VAR_OPERATOR_REGION_LEVEL:
      return e->region_level;
    default:
      fuzz_fail ("variable kind %d", (int) kind);
    }
}

static RespTruth
eval (const RespCondition *cond,
      const Env           *e,
      GArray              *missing)
{
  RespConditionEnv env = { env_get, (gpointer) e };

  return resp_condition_eval (cond, &env, missing);
}

static void
set_env (Env           *e,
         const uint8_t *h)
{
  static const char * const kinds[] = { NULL, "news", "portal", "" };
  guint code = h[1] | (guint) h[2] << 8;

  memset (e, 0, sizeof *e);
  e->kind = kinds[(h[0] >> 1) & 3] != NULL ? string (kinds[(h[0] >> 1) & 3]) : unknown;
  switch ((h[0] >> 3) & 3)
    {
    case 0: e->cii = unknown; break;
    case 1: e->cii = boolean (TRUE); break;
    case 2: e->cii = boolean (FALSE); break;
    default: e->cii = number (1); break;
    }
  switch ((h[0] >> 5) & 3)
    {
    case 0: e->protection = unknown; break;
    case 1: e->protection = number (3); break;
    case 2: e->protection = number (5); break;
    default: e->protection = string ("3"); break;
    }
  e->region_level = h[0] & 0x80 ? string ("prefectural") : unknown;
  for (guint i = 0; i < N_FACTS; i++)
    switch ((code >> (2 * i)) & 3)
      {
      case 0: e->facts[i] = unknown; break;
      case 1: e->facts[i] = boolean (TRUE); break;
      case 2: e->facts[i] = boolean (FALSE); break;
      default: e->facts[i] = i % 2 == 0 ? number (i) : string ("x"); break;
      }
}

/* e with the unknown facts in which (a bit mask) given values:
 * 0 all true, 1 all false, 2 the mix of byte 3 */
static void
complete (Env       *out,
          const Env *e,
          guint      which,
          guint      mask,
          guint8     mix)
{
  *out = *e;
  for (guint i = 0; i < N_FACTS; i++)
    if (e->facts[i].type == RESP_VALUE_UNKNOWN && (mask & (1u << i)))
      out->facts[i] = which == 0 ? boolean (TRUE)
                      : which == 1 ? boolean (FALSE)
                      : mix & (1u << i) ? boolean (TRUE) : number (0);
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
      return boolean (node->v.boolean);
    case RESP_JSON_NUMBER:
      return number (node->v.number.value);
    case RESP_JSON_STRING:
      return string (node->v.string.str);
    default:
      return unknown;
    }
}

static RespValue
ref_var (const Env          *e,
         const RespJsonNode *name_node)
{
  const char *name = name_node->v.string.str;

  for (guint i = 0; i < N_FACTS; i++)
    if (g_str_has_prefix (name, "fact.") && strcmp (name + 5, fact_names[i]) == 0)
      return e->facts[i];
  for (guint i = 0; i < N_PARAMS; i++)
    if (g_str_has_prefix (name, "param.") && strcmp (name + 6, param_names[i]) == 0)
      return env_get ((gpointer) e, RESP_VAR_PARAM, i, NULL);
  if (strcmp (name, "system.kind") == 0)
    return e->kind;
  if (strcmp (name, "system.cii") == 0)
    return e->cii;
  if (strcmp (name, "system.protection_level") == 0)
    return e->protection;
  if (strcmp (name, "operator.region_level") == 0)
    return e->region_level;
  if (g_str_has_prefix (name, "system.extra."))
    return env_get ((gpointer) e, RESP_VAR_SYSTEM_EXTRA, 0, name + 13);
  fuzz_fail ("reference: variable '%s' compiled but is unknown here", name);
}

static RespValue ref_eval (const Env *e, const RespJsonNode *node);

static RespValue
ref_compare (const char *op,
             RespValue   a,
             RespValue   b)
{
  if (a.type == RESP_VALUE_UNKNOWN || b.type == RESP_VALUE_UNKNOWN)
    return unknown;
  if (strcmp (op, "==") == 0)
    return boolean (ref_equal (a, b));
  if (strcmp (op, "!=") == 0)
    return boolean (!ref_equal (a, b));
  if (a.type != RESP_VALUE_NUMBER || b.type != RESP_VALUE_NUMBER)
    return boolean (FALSE);
  if (strcmp (op, "<") == 0)
    return boolean (a.number < b.number);
  if (strcmp (op, "<=") == 0)
    return boolean (a.number <= b.number);
  if (strcmp (op, ">") == 0)
    return boolean (a.number > b.number);
  return boolean (a.number >= b.number);
}

static RespValue
ref_eval (const Env          *e,
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
            return boolean (!is_and);
        }
      return any_unknown ? unknown : boolean (is_and);
    }
  if (strcmp (op, "!") == 0)
    {
      RespTruth t = ref_truth (ref_eval (e, args[0]));

      return t == RESP_TRUTH_UNKNOWN ? unknown : boolean (t == RESP_TRUTH_FALSE);
    }
  if (strcmp (op, "in") == 0)
    {
      RespValue needle = ref_eval (e, args[0]);
      RespValue hay;

      if (args[1]->type == RESP_JSON_ARRAY)
        {
          if (needle.type == RESP_VALUE_UNKNOWN)
            return unknown;
          for (guint i = 0; i < args[1]->v.children.n; i++)
            if (ref_equal (needle, ref_literal (args[1]->v.children.items[i])))
              return boolean (TRUE);
          return boolean (FALSE);
        }
      hay = ref_eval (e, args[1]);
      if (needle.type == RESP_VALUE_UNKNOWN || hay.type == RESP_VALUE_UNKNOWN)
        return unknown;
      if (needle.type == RESP_VALUE_STRING && hay.type == RESP_VALUE_STRING)
        return boolean (strstr (hay.string, needle.string) != NULL);
      return boolean (FALSE);
    }
  return ref_compare (op, ref_eval (e, args[0]), ref_eval (e, args[1]));
}

static void
check (const RespCondition *cond,
       const RespJsonNode  *root,
       const Env           *e,
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

  plain = eval (cond, e, NULL);
  if (plain != ref_truth (ref_eval (e, root)))
    fuzz_fail ("the condition evaluates to %d, the reference evaluator to %d",
               plain, ref_truth (ref_eval (e, root)));
  r = eval (cond, e, missing);
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
  if (eval (cond, e, prefixed) != r)
    fuzz_fail ("the result depends on what missing held before");
  if (prefixed->len != missing->len + 1 || g_array_index (prefixed, guint, 0) != sentinel
      || (missing->len > 0
          && memcmp (prefixed->data + sizeof (guint), missing->data,
                     missing->len * sizeof (guint)) != 0))
    fuzz_fail ("missing facts differ when the array is not empty to begin with");

  for (guint which = 0; which < 3; which++)
    {
      Env c;

      if (r != RESP_TRUTH_UNKNOWN && unknown_facts != 0)
        {
          complete (&c, e, which, unknown_facts, mix);
          if (eval (cond, &c, NULL) != ref_truth (ref_eval (&c, root)))
            fuzz_fail ("completion %u: the condition and the reference evaluator differ", which);
          if (eval (cond, &c, NULL) != r)
            fuzz_fail ("Kleene monotonicity: the result is %d with facts %#x unknown, "
                       "but %d once they are given values (completion %u)",
                       r, unknown_facts, eval (cond, &c, NULL), which);
        }
      if (r == RESP_TRUTH_UNKNOWN && (unknown_facts & ~missing_mask) != 0)
        {
          complete (&c, e, which, unknown_facts & ~missing_mask, mix);
          if (eval (cond, &c, NULL) != RESP_TRUTH_UNKNOWN)
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
  RespConditionScope scope = { fact_names, N_FACTS, param_names, N_PARAMS, FALSE };
  RespJsonTree *tree;
  RespCondition *cond;
  RespError code = 0;
  guint line = 0, column = 0;
  char *message = NULL;
  Env e;

  memcpy (header, data, MIN (size, HEADER));
  scope.allow_subject = header[0] & 1;
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
  if (!scope.allow_subject && resp_condition_uses_subject (cond))
    fuzz_fail ("an event-wide condition reads the subject");

  tree = parse (text, length);
  check (cond, resp_json_tree_get_root (tree), &e, header[3]);
  resp_json_tree_free (tree);
  resp_condition_free (cond);
  return 0;
}
