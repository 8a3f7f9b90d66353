/* resp-condition.c: rule conditions, compiled to postfix and evaluated in Kleene logic
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * How it works:
 *
 * - A condition compiles to a flat array of postfix operations over a value
 *   stack. Compilation walks the tree with an explicit stack of operator
 *   frames, never with C recursion, so a hostile rulebook cannot overflow
 *   the C stack; nesting beyond MAX_DEPTH condition objects is an error.
 *
 * - `and` and `or` fold their operands pairwise as they come ([a] [b] AND
 *   [c] AND …) instead of pushing all of them and reducing at the end.
 *   Kleene and/or are associative, so the result is the same, and every
 *   open operator keeps at most one pending value on the stack: the stack
 *   never grows beyond MAX_DEPTH + 1 however wide a condition is. That is
 *   what lets evaluation use a fixed array on the C stack and not allocate.
 *
 * - `in` whose haystack is a literal array keeps that array among the
 *   constants and compiles to one IN_LIST operation; arrays are allowed
 *   nowhere else, since they would mean nothing there.
 *
 * - Missing facts. Evaluation first runs without tracking anything; only
 *   when the result is unknown (and the caller asked) does it run again,
 *   recording facts. In that second run the `missing` array itself is the
 *   scratch space: every stack slot remembers the length of `missing` when
 *   its sub-expression began, an unknown fact variable appends its index,
 *   and an operation whose result is known truncates `missing` back to the
 *   mark of its first operand. Postfix order makes the facts appended for
 *   one sub-expression a contiguous tail, so at every moment `missing`
 *   holds what the caller passed in followed by the facts of the pending
 *   (unknown) sub-expressions, and what survives to the end is exactly the
 *   unknown facts reachable from the root through unknown operations. A
 *   fact already in the array is not appended again: the occurrence that is
 *   there sits in a pending sub-expression that meets the new one in a
 *   common ancestor, and both survive or vanish with that ancestor.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "resp-condition-private.h"
#include "resp-json-reader-private.h"
#include "resp-vocab-private.h"

/* Condition objects allowed on one path from the root, the root included */
#define MAX_DEPTH 64
/* One pending value per open operator, and the one being computed */
#define MAX_STACK (MAX_DEPTH + 1)

typedef enum {
  OPR_VAR,
  OPR_EQ,
  OPR_NE,
  OPR_LT,
  OPR_LE,
  OPR_GT,
  OPR_GE,
  OPR_AND,
  OPR_OR,
  OPR_NOT,
  OPR_IN,
  N_OPERATORS,
} Operator;

static const char * const operator_names[N_OPERATORS] = {
  "var", "==", "!=", "<", "<=", ">", ">=", "and", "or", "!", "in",
};

/* Spellings from other languages that people write out of habit */
static const struct { const char *alias; const char *meant; } operator_aliases[] = {
  { "===", "==" }, { "!==", "!=" }, { "=", "==" }, { "<>", "!=" }, { "=>", ">=" },
  { "=<", "<=" },
  { "&&", "and" }, { "||", "or" }, { "not", "!" }, { "AND", "and" }, { "OR", "or" },
  { "NOT", "!" },
};

/* JSON Logic operators outside the subset: a suggestion by spelling would
 * only mislead ("min" is one edit from "in") */
static const char * const json_logic_others[] = {
  "if", "?:", "!!", "max", "min", "+", "-", "*", "/", "%", "map", "reduce",
  "filter", "all", "none", "some", "merge", "cat", "substr", "log", "missing",
  "missing_some", "preserve",
};

typedef enum {
  OP_CONST,    /* push consts[arg] */
  OP_VAR,      /* push the variable (var_kind, arg, key) */
  OP_EQ,
  OP_NE,
  OP_LT,
  OP_LE,
  OP_GT,
  OP_GE,
  OP_AND,      /* pop two, push their Kleene conjunction */
  OP_OR,
  OP_TRUTH,    /* `and` or `or` of a single operand: its truth value */
  OP_NOT,
  OP_IN,       /* pop needle and haystack (a string, or false) */
  OP_IN_LIST,  /* pop the needle; the haystack is consts[arg, arg + count) */
  OP_AND_SKIP, /* the top is false: make it false and go on at ops[arg] */
  OP_OR_SKIP,  /* the top is true: make it true and go on at ops[arg] */
} OpCode;

typedef struct {
  guint8      code;     /* OpCode */
  guint8      var_kind; /* RespVarKind, for OP_VAR */
  guint       arg;      /* constant, fact or parameter index */
  guint       count;    /* OP_IN_LIST: the list's length */
  const char *key;      /* OP_VAR of system.extra.KEY: KEY, in strings */
} Op;

struct _RespCondition {
  Op           *ops;
  guint         n_ops;
  RespValue    *consts;   /* their strings are in strings */
  guint         n_consts;
  GStringChunk *strings;
  guint         stack_depth;
  gboolean      uses_subject;
};

/* ---- Compilation ---- */

typedef struct {
  const RespJsonNode  *member;     /* the operator's member: key and position */
  Operator             op;
  RespJsonNode * const *operands;
  guint                n_operands;
  guint                next;       /* the operand to compile next */
  gboolean             has_list;   /* `in` whose haystack went to the constants */
  guint                list_start;
  guint                list_count;
  guint                skips;      /* its skip ops to patch, chained through count, + 1 */
} Frame;

typedef struct {
  const RespConditionScope *scope;
  GArray       *ops;     /* Op */
  GArray       *consts;  /* RespValue */
  GStringChunk *strings;
  gboolean      uses_subject;
  Frame         frames[MAX_DEPTH];
  guint         n_frames;

  /* the error, once there is one */
  RespError     code;
  guint         line;
  guint         column;
  char         *message;
} Compiler;

G_GNUC_PRINTF (5, 6)
static gboolean
fail (Compiler   *c,
      RespError   code,
      guint       line,
      guint       column,
      const char *format,
      ...)
{
  va_list args;

  c->code = code;
  c->line = line;
  c->column = column;
  va_start (args, format);
  c->message = g_strdup_vprintf (format, args);
  va_end (args);
  return FALSE;
}

static void
emit (Compiler *c,
      OpCode    code)
{
  Op op = { 0 };

  op.code = (guint8) code;
  g_array_append_val (c->ops, op);
}

static gboolean
fail_unknown_operator (Compiler           *c,
                       const RespJsonNode *member)
{
  const char *key = member->key;
  const char *meant = NULL;
  char hint[128];

  for (guint i = 0; i < G_N_ELEMENTS (operator_aliases); i++)
    if (strcmp (key, operator_aliases[i].alias) == 0)
      meant = operator_aliases[i].meant;
  for (guint i = 0; meant == NULL && i < G_N_ELEMENTS (json_logic_others); i++)
    if (strcmp (key, json_logic_others[i]) == 0)
      return fail (c, RESP_ERROR_UNKNOWN_OPERATOR, member->key_line, member->key_column,
                   "unknown operator '%s' (JSON Logic's '%s' is outside the supported subset)",
                   key, key);
  if (meant == NULL)
    meant = resp_suggest_within (operator_names, N_OPERATORS, key, 1);
  return fail (c, RESP_ERROR_UNKNOWN_OPERATOR, member->key_line, member->key_column,
               "unknown operator '%s'%s", key, resp_did_you_mean (hint, sizeof hint, meant));
}

/* The variables of the subject a system-scoped condition may read, besides
 * system.extra.KEY (the engine answers for each kind). */
static const struct {
  const char     *name;
  RespVarKind     kind;
  RespSubjectKind subject;   /* the conditions that may read it */
} subject_vars[] = {
  { "system.kind", RESP_VAR_SYSTEM_KIND, RESP_SUBJECT_SYSTEM },
  { "system.cii", RESP_VAR_SYSTEM_CII, RESP_SUBJECT_SYSTEM },
  { "system.protection_level", RESP_VAR_SYSTEM_PROTECTION, RESP_SUBJECT_SYSTEM },
  { "operator.region_level", RESP_VAR_OPERATOR_REGION_LEVEL, RESP_SUBJECT_SYSTEM },
  { "system.owner_level", RESP_VAR_SYSTEM_OWNER_LEVEL, RESP_SUBJECT_SYSTEM },
  { "operator.kind", RESP_VAR_OPERATOR_KIND, RESP_SUBJECT_SYSTEM },
  { "operator.superior_kind", RESP_VAR_OPERATOR_SUPERIOR_KIND, RESP_SUBJECT_SYSTEM },
  { "operator.superior_region_level", RESP_VAR_OPERATOR_SUPERIOR_LEVEL, RESP_SUBJECT_SYSTEM },
  { "unit.kind", RESP_VAR_UNIT_KIND, RESP_SUBJECT_UNIT },
  { "unit.region_level", RESP_VAR_UNIT_REGION_LEVEL, RESP_SUBJECT_UNIT },
  { "committee.form", RESP_VAR_COMMITTEE_FORM, RESP_SUBJECT_COMMITTEE },
  { "committee.scope_level", RESP_VAR_COMMITTEE_SCOPE_LEVEL, RESP_SUBJECT_COMMITTEE },
};

/* The words for whose attributes a condition of each kind may read. */
static const char * const subject_words[] = {
  [RESP_SUBJECT_NONE] = "an event-wide condition cannot read the subject (it has no system or operator)",
  [RESP_SUBJECT_SYSTEM] = "this condition reads system.* and operator.*",
  [RESP_SUBJECT_UNIT] = "a duty borne by a unit reads unit.kind and unit.region_level",
  [RESP_SUBJECT_COMMITTEE] = "a duty borne by a committee reads committee.form and committee.scope_level",
};

const char *
resp_condition_var_name (RespVarKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (subject_vars); i++)
    if (subject_vars[i].kind == kind)
      return subject_vars[i].name;
  return NULL;
}

static gboolean
fail_unknown_variable (Compiler           *c,
                       const RespJsonNode *name_node)
{
  const RespConditionScope *scope = c->scope;
  const char *name = name_node->v.string.str;
  GPtrArray *candidates;
  const char *meant;
  char hint[300];
  gboolean ok;

  if (memchr (name, '\0', name_node->v.string.len) != NULL)
    return fail (c, RESP_ERROR_UNKNOWN_VARIABLE, name_node->line, name_node->column,
                 "unknown variable: a name cannot contain U+0000");
  if (strcmp (name, "system.extra") == 0 || strcmp (name, "system.extra.") == 0)
    return fail (c, RESP_ERROR_UNKNOWN_VARIABLE, name_node->line, name_node->column,
                 "unknown variable '%s' (an extra attribute is read as system.extra.KEY)",
                 name);

  /* Every name that would have been accepted, written in full, so that a
   * slip in the prefix ("fatc.x") is caught like one in the name */
  candidates = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < scope->n_facts; i++)
    g_ptr_array_add (candidates, g_strconcat ("fact.", scope->fact_names[i], NULL));
  for (guint i = 0; i < scope->n_params; i++)
    g_ptr_array_add (candidates, g_strconcat ("param.", scope->param_names[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (subject_vars); i++)
    if (subject_vars[i].subject == scope->subject)
      g_ptr_array_add (candidates, g_strdup (subject_vars[i].name));

  meant = resp_suggest_within ((const char * const *) candidates->pdata, candidates->len, name, 2);
  /* a bare declared name, without its prefix */
  if (meant == NULL && resp_name_lookup (scope->fact_names, scope->n_facts, name) >= 0)
    meant = candidates->pdata[resp_name_lookup (scope->fact_names, scope->n_facts, name)];
  if (meant == NULL && resp_name_lookup (scope->param_names, scope->n_params, name) >= 0)
    meant = candidates->pdata[scope->n_facts
                              + (guint) resp_name_lookup (scope->param_names, scope->n_params, name)];

  ok = fail (c, RESP_ERROR_UNKNOWN_VARIABLE, name_node->line, name_node->column,
             "unknown variable '%s'%s", name, resp_did_you_mean (hint, sizeof hint, meant));
  g_ptr_array_unref (candidates);
  return ok;
}

/* Resolves the name of a `var` into op */
static gboolean
resolve_variable (Compiler           *c,
                  const RespJsonNode *name_node,
                  Op                 *op)
{
  const RespConditionScope *scope = c->scope;
  const char *name = name_node->v.string.str;
  int i;

  /* "fact.x\0y" is not fact.x */
  if (memchr (name, '\0', name_node->v.string.len) != NULL)
    return fail_unknown_variable (c, name_node);

  op->code = OP_VAR;
  if (g_str_has_prefix (name, "fact.")
      && (i = scope->fact_index != NULL
              ? (int) GPOINTER_TO_UINT (g_hash_table_lookup (scope->fact_index, name + 5)) - 1
              : resp_name_lookup (scope->fact_names, scope->n_facts, name + 5)) >= 0)
    {
      op->var_kind = RESP_VAR_FACT;
      op->arg = (guint) i;
      return TRUE;
    }
  if (g_str_has_prefix (name, "param.")
      && (i = resp_name_lookup (scope->param_names, scope->n_params, name + 6)) >= 0)
    {
      op->var_kind = RESP_VAR_PARAM;
      op->arg = (guint) i;
      return TRUE;
    }
  i = RESP_VOCAB_FIND (subject_vars, name);
  if (i >= 0 || g_str_has_prefix (name, "system.") || g_str_has_prefix (name, "operator."))
    {
      RespSubjectKind whose = i >= 0 ? subject_vars[i].subject : RESP_SUBJECT_SYSTEM;

      if (whose != scope->subject)
        {
          /* a name of the system's family that is no variable at all is a
           * typo, wherever it is read */
          if (i < 0 && scope->subject == RESP_SUBJECT_SYSTEM)
            ;
          else if (i >= 0 || scope->subject == RESP_SUBJECT_NONE)
            return fail (c, RESP_ERROR_UNKNOWN_VARIABLE, name_node->line, name_node->column,
                         "unknown variable '%s': %s", name, subject_words[scope->subject]);
        }
      if (i >= 0 && whose == scope->subject)
        op->var_kind = subject_vars[i].kind;
      else if (scope->subject == RESP_SUBJECT_SYSTEM
               && g_str_has_prefix (name, "system.extra.") && name[13] != '\0')
        {
          op->var_kind = RESP_VAR_SYSTEM_EXTRA;
          op->key = g_string_chunk_insert (c->strings, name + 13);
        }
      else
        return fail_unknown_variable (c, name_node);
      c->uses_subject = TRUE;
      return TRUE;
    }
  return fail_unknown_variable (c, name_node);
}

/* member is the `var` member of its object */
static gboolean
compile_var (Compiler           *c,
             const RespJsonNode *member)
{
  const RespJsonNode *name_node = member;
  Op op = { 0 };

  if (member->type == RESP_JSON_ARRAY)
    {
      if (member->v.children.n != 1)
        return fail (c, RESP_ERROR_BAD_VALUE, member->key_line, member->key_column,
                     "'var' takes 1 operand, not %u (a default value is not supported)",
                     member->v.children.n);
      name_node = member->v.children.items[0];
    }
  if (name_node->type != RESP_JSON_STRING)
    return fail (c, RESP_ERROR_BAD_VALUE, name_node->line, name_node->column,
                 "'var' takes the name of a variable, a string");
  if (!resolve_variable (c, name_node, &op))
    return FALSE;
  g_array_append_val (c->ops, op);
  return TRUE;
}

/* A literal as a value; its string is copied into the condition */
static RespValue
literal_value (Compiler           *c,
               const RespJsonNode *node)
{
  RespValue v = { 0 };

  switch (node->type)
    {
    case RESP_JSON_BOOL:
      v.type = RESP_VALUE_BOOL;
      v.boolean = node->v.boolean;
      break;
    case RESP_JSON_NUMBER:
      v.type = RESP_VALUE_NUMBER;
      v.number = node->v.number.value;
      break;
    case RESP_JSON_STRING:
      v.type = RESP_VALUE_STRING;
      v.string = g_string_chunk_insert_len (c->strings, node->v.string.str,
                                            (gssize) node->v.string.len);
      break;
    case RESP_JSON_NULL:
    case RESP_JSON_ARRAY:
    case RESP_JSON_OBJECT:
    default:
      /* null is JSON Logic's "no value": unknown */
      v.type = RESP_VALUE_UNKNOWN;
      break;
    }
  return v;
}

static gboolean
is_scalar (const RespJsonNode *node)
{
  return node->type == RESP_JSON_NULL || node->type == RESP_JSON_BOOL
         || node->type == RESP_JSON_NUMBER || node->type == RESP_JSON_STRING;
}

/* The literal array an `in` searches: its items become constants */
static gboolean
compile_list (Compiler           *c,
              Frame              *f,
              const RespJsonNode *array)
{
  f->has_list = TRUE;
  f->list_start = c->consts->len;
  f->list_count = array->v.children.n;
  for (guint i = 0; i < array->v.children.n; i++)
    {
      const RespJsonNode *item = array->v.children.items[i];
      RespValue v;

      if (!is_scalar (item))
        return fail (c, RESP_ERROR_BAD_VALUE, item->line, item->column,
                     "the list searched by 'in' may hold only literals, not %s",
                     item->type == RESP_JSON_ARRAY ? "an array" : "a condition");
      v = literal_value (c, item);
      g_array_append_val (c->consts, v);
    }
  return TRUE;
}

/* Starts an operator object: checks it, then compiles it at once (`var`)
 * or opens a frame whose operands the main loop compiles. */
static gboolean
open_operator (Compiler           *c,
               const RespJsonNode *object)
{
  const RespJsonNode *member;
  Frame *f;
  int i;
  guint n;

  if (c->n_frames + 1 > MAX_DEPTH)
    return fail (c, RESP_ERROR_LIMIT, object->line, object->column,
                 "condition nested deeper than %d levels", MAX_DEPTH);
  if (object->v.children.n == 0)
    return fail (c, RESP_ERROR_BAD_VALUE, object->line, object->column,
                 "an empty object is not a condition: it needs one operator");
  if (object->v.children.n > 1)
    return fail (c, RESP_ERROR_BAD_VALUE, object->line, object->column,
                 "a condition object has exactly one operator, not %u members",
                 object->v.children.n);

  member = object->v.children.items[0];
  i = resp_name_lookup (operator_names, N_OPERATORS, member->key);
  if (i < 0)
    return fail_unknown_operator (c, member);
  if (i == OPR_VAR)
    return compile_var (c, member);

  f = &c->frames[c->n_frames];
  memset (f, 0, sizeof *f);
  f->member = member;
  f->op = (Operator) i;
  if (member->type == RESP_JSON_ARRAY)
    {
      f->operands = member->v.children.items;
      f->n_operands = member->v.children.n;
    }
  else if (f->op == OPR_NOT)
    {
      /* {"!": x}: the member is the operand itself */
      f->operands = &object->v.children.items[0];
      f->n_operands = 1;
    }
  else
    return fail (c, RESP_ERROR_BAD_VALUE, member->key_line, member->key_column,
                 "'%s' takes an array of operands", member->key);

  n = f->n_operands;
  switch (f->op)
    {
    case OPR_AND:
    case OPR_OR:
      if (n < 1)
        return fail (c, RESP_ERROR_BAD_VALUE, member->key_line, member->key_column,
                     "'%s' takes at least 1 operand", member->key);
      break;
    case OPR_NOT:
      if (n != 1)
        return fail (c, RESP_ERROR_BAD_VALUE, member->key_line, member->key_column,
                     "'!' takes 1 operand, not %u", n);
      break;
    case OPR_LT:
    case OPR_LE:
      if (n == 3)
        return fail (c, RESP_ERROR_BAD_VALUE, member->key_line, member->key_column,
                     "'%s' takes 2 operands, not 3 (the between form is not supported)",
                     member->key);
      G_GNUC_FALLTHROUGH;
    case OPR_EQ:
    case OPR_NE:
    case OPR_GT:
    case OPR_GE:
    case OPR_IN:
      if (n != 2)
        return fail (c, RESP_ERROR_BAD_VALUE, member->key_line, member->key_column,
                     "'%s' takes 2 operands, not %u", member->key, n);
      break;
    case OPR_VAR:
    case N_OPERATORS:
    default:
      g_assert_not_reached ();
    }

  c->n_frames++;
  return TRUE;
}

/* Compiles a literal at once, or starts an operator */
static gboolean
compile_node (Compiler           *c,
              const RespJsonNode *node)
{
  Op op = { 0 };
  RespValue v;

  switch (node->type)
    {
    case RESP_JSON_OBJECT:
      return open_operator (c, node);
    case RESP_JSON_ARRAY:
      return fail (c, RESP_ERROR_BAD_VALUE, node->line, node->column,
                   "an array is only allowed as the list searched by 'in'");
    case RESP_JSON_NULL:
    case RESP_JSON_BOOL:
    case RESP_JSON_NUMBER:
    case RESP_JSON_STRING:
    default:
      op.code = OP_CONST;
      op.arg = c->consts->len;
      v = literal_value (c, node);
      g_array_append_val (c->consts, v);
      g_array_append_val (c->ops, op);
      return TRUE;
    }
}

/* Emits the operation that closes frame f, all of its operands compiled */
static void
close_operator (Compiler    *c,
                const Frame *f)
{
  static const OpCode comparisons[] = {
    [OPR_EQ] = OP_EQ, [OPR_NE] = OP_NE, [OPR_LT] = OP_LT,
    [OPR_LE] = OP_LE, [OPR_GT] = OP_GT, [OPR_GE] = OP_GE,
  };
  Op op = { 0 };

  switch (f->op)
    {
    case OPR_AND:
    case OPR_OR:
      if (f->n_operands == 1)
        emit (c, OP_TRUTH);
      else
        emit (c, f->op == OPR_AND ? OP_AND : OP_OR);
      break;
    case OPR_NOT:
      emit (c, OP_NOT);
      break;
    case OPR_IN:
      if (f->has_list)
        {
          op.code = OP_IN_LIST;
          op.arg = f->list_start;
          op.count = f->list_count;
          g_array_append_val (c->ops, op);
        }
      else
        emit (c, OP_IN);
      break;
    case OPR_EQ:
    case OPR_NE:
    case OPR_LT:
    case OPR_LE:
    case OPR_GT:
    case OPR_GE:
      emit (c, comparisons[f->op]);
      break;
    case OPR_VAR:
    case N_OPERATORS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
compile_tree (Compiler           *c,
              const RespJsonNode *root)
{
  if (!compile_node (c, root))
    return FALSE;

  while (c->n_frames > 0)
    {
      Frame *f = &c->frames[c->n_frames - 1];
      const RespJsonNode *operand;
      guint i;

      if (f->next == f->n_operands)
        {
          close_operator (c, f);
          /* the skips go on after the operator */
          for (guint k = f->skips; k != 0;)
            {
              Op *skip = &g_array_index (c->ops, Op, k - 1);
              k = skip->count;
              skip->arg = c->ops->len;
              skip->count = 0;
            }
          c->n_frames--;
          continue;
        }

      i = f->next++;
      operand = f->operands[i];
      /* fold the previous operand in before the next one is pushed: the
       * stack then holds one pending value per open operator */
      if ((f->op == OPR_AND || f->op == OPR_OR) && i >= 2)
        emit (c, f->op == OPR_AND ? OP_AND : OP_OR);
      /* what is known so far may already decide it: false for `and`, true
       * for `or`. Kleene logic gives the same answer (and the same missing
       * facts, none) as reading the rest would */
      if ((f->op == OPR_AND || f->op == OPR_OR) && i >= 1)
        {
          Op skip = { 0 };

          skip.code = f->op == OPR_AND ? OP_AND_SKIP : OP_OR_SKIP;
          skip.count = f->skips;
          f->skips = c->ops->len + 1;
          g_array_append_val (c->ops, skip);
        }
      if (f->op == OPR_IN && i == 1 && operand->type == RESP_JSON_ARRAY)
        {
          if (!compile_list (c, f, operand))
            return FALSE;
          continue;
        }
      if (!compile_node (c, operand))
        return FALSE;
    }
  return TRUE;
}

/* How deep the value stack gets when ops run */
static guint
needed_stack (const Op *ops,
              guint     n_ops)
{
  guint height = 0, most = 0;

  for (guint i = 0; i < n_ops; i++)
    {
      switch ((OpCode) ops[i].code)
        {
        case OP_CONST:
        case OP_VAR:
          height++;
          break;
        case OP_EQ:
        case OP_NE:
        case OP_LT:
        case OP_LE:
        case OP_GT:
        case OP_GE:
        case OP_AND:
        case OP_OR:
        case OP_IN:
          height--;
          break;
        case OP_TRUTH:
        case OP_NOT:
        case OP_IN_LIST:
        case OP_AND_SKIP:
        case OP_OR_SKIP:
        default:
          break;
        }
      most = MAX (most, height);
    }
  return most;
}

RespCondition *
resp_condition_compile (const RespJsonNode       *node,
                        const RespConditionScope *scope,
                        RespError                *error_code,
                        guint                    *error_line,
                        guint                    *error_column,
                        char                    **error_message)
{
  RespCondition *cond;
  Compiler c;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (scope != NULL, NULL);

  memset (&c, 0, sizeof c);
  c.scope = scope;
  c.ops = g_array_new (FALSE, FALSE, sizeof (Op));
  c.consts = g_array_new (FALSE, FALSE, sizeof (RespValue));
  c.strings = g_string_chunk_new (64);

  if (compile_tree (&c, node))
    {
      guint depth = needed_stack ((const Op *) (gpointer) c.ops->data, c.ops->len);

      /* cannot happen (see MAX_STACK), but evaluation must never overrun */
      if (depth > MAX_STACK)
        fail (&c, RESP_ERROR_LIMIT, node->line, node->column,
              "condition too complex to evaluate");
      else
        {
          cond = g_new0 (RespCondition, 1);
          cond->n_ops = c.ops->len;
          cond->ops = (Op *) (gpointer) g_array_free (c.ops, FALSE);
          cond->n_consts = c.consts->len;
          cond->consts = (RespValue *) (gpointer) g_array_free (c.consts, FALSE);
          cond->strings = c.strings;
          cond->stack_depth = depth;
          cond->uses_subject = c.uses_subject;
          return cond;
        }
    }

  if (error_code != NULL)
    *error_code = c.code;
  if (error_line != NULL)
    *error_line = c.line;
  if (error_column != NULL)
    *error_column = c.column;
  if (error_message != NULL)
    *error_message = c.message;
  else
    g_free (c.message);
  g_array_free (c.ops, TRUE);
  g_array_free (c.consts, TRUE);
  g_string_chunk_free (c.strings);
  return NULL;
}

void
resp_condition_free (RespCondition *cond)
{
  if (cond == NULL)
    return;
  g_free (cond->ops);
  g_free (cond->consts);
  g_string_chunk_free (cond->strings);
  g_free (cond);
}

gboolean
resp_condition_uses_subject (const RespCondition *cond)
{
  g_return_val_if_fail (cond != NULL, FALSE);
  return cond->uses_subject;
}

gboolean
resp_condition_reads (const RespCondition *cond,
                      RespVarKind          kind)
{
  for (guint i = 0; i < cond->n_ops; i++)
    if (cond->ops[i].code == OP_VAR && cond->ops[i].var_kind == kind)
      return TRUE;
  return FALSE;
}

void
resp_condition_missing_var (const RespCondition *cond,
                            guint                entry,
                            RespVarKind         *kind,
                            guint               *index,
                            const char         **extra_key)
{
  const Op *op = &cond->ops[entry & ~RESP_CONDITION_MISSING_VAR];

  g_assert ((entry & RESP_CONDITION_MISSING_VAR) && (entry & ~RESP_CONDITION_MISSING_VAR) < cond->n_ops);
  *kind = (RespVarKind) op->var_kind;
  *index = op->arg;
  *extra_key = op->key;
}

/* ---- Evaluation ---- */

typedef struct {
  RespValue value;
  guint     mark;   /* missing->len when this sub-expression began */
} Slot;

static RespTruth
truth_of (const RespValue *v)
{
  if (v->type == RESP_VALUE_UNKNOWN)
    return RESP_TRUTH_UNKNOWN;
  /* a value that is not a boolean is not "truthy" here: conditions
   * compare numbers explicitly */
  return v->type == RESP_VALUE_BOOL && v->boolean ? RESP_TRUTH_TRUE : RESP_TRUTH_FALSE;
}

/* Two known values: same type and same value */
static gboolean
values_equal (const RespValue *a,
              const RespValue *b)
{
  if (a->type != b->type)
    return FALSE;
  switch (a->type)
    {
    case RESP_VALUE_BOOL:
      return !a->boolean == !b->boolean;
    case RESP_VALUE_NUMBER:
      return a->number == b->number;
    case RESP_VALUE_STRING:
      return strcmp (a->string, b->string) == 0;
    case RESP_VALUE_UNKNOWN:
    default:
      return FALSE;
    }
}

/* What the environment answers, made safe: a value the header does not
 * allow (a NaN, a NULL string, a type out of range) is unknown */
static RespValue
read_variable (const RespConditionEnv *env,
               const Op               *op)
{
  RespValue v;

  if (op->var_kind == RESP_VAR_FACT && op->arg < env->n_facts)
    {
      guint8 kind = env->fact_kinds != NULL ? env->fact_kinds[op->arg] : RESP_KIND_VALUE;

      if (kind != RESP_KIND_VALUE)
        {
          v.type = kind == RESP_KIND_UNKNOWN ? RESP_VALUE_UNKNOWN : RESP_VALUE_BOOL;
          v.boolean = kind == RESP_KIND_TRUE;
          v.number = 0;
          return v;
        }
      v = env->facts[op->arg];
    }
  else
    v = env->get (env->data, (RespVarKind) op->var_kind, op->arg, op->key);

  switch (v.type)
    {
    case RESP_VALUE_BOOL:
      break;
    case RESP_VALUE_NUMBER:
      if (!isfinite (v.number))
        v.type = RESP_VALUE_UNKNOWN;
      break;
    case RESP_VALUE_STRING:
      if (v.string == NULL)
        v.type = RESP_VALUE_UNKNOWN;
      break;
    case RESP_VALUE_UNKNOWN:
    default:
      v.type = RESP_VALUE_UNKNOWN;
      break;
    }
  return v;
}

/* The facts in missing, for finding one there at once once the list is
 * long: made when it outgrows a linear scan, and kept equal to the list's
 * contents by add_missing() and truncate_missing(). */
typedef struct {
  GArray     *list;
  GHashTable *set;   /* NULL while the list is short */
} Missing;

#define MISSING_SCAN_MAX 16

static void
add_missing (Missing *m,
             guint    fact)
{
  GArray *missing = m->list;

  if (m->set == NULL && missing->len > MISSING_SCAN_MAX)
    {
      m->set = g_hash_table_new (g_direct_hash, g_direct_equal);
      for (guint i = 0; i < missing->len; i++)
        g_hash_table_add (m->set, GUINT_TO_POINTER (g_array_index (missing, guint, i)));
    }
  if (m->set != NULL)
    {
      if (!g_hash_table_add (m->set, GUINT_TO_POINTER (fact)))
        return;
    }
  else
    for (guint i = 0; i < missing->len; i++)
      if (g_array_index (missing, guint, i) == fact)
        return;
  g_array_append_val (missing, fact);
}

/* Cuts missing back to its first len facts. */
static void
truncate_missing (Missing *m,
                  guint    len)
{
  if (m->set != NULL)
    for (guint i = len; i < m->list->len; i++)
      g_hash_table_remove (m->set, GUINT_TO_POINTER (g_array_index (m->list, guint, i)));
  g_array_set_size (m->list, len);
}

/* Stores truth t in slot s, which now stands for the sub-expression that
 * began at s->mark; a known result takes its facts back out of missing */
static void
set_truth (Slot      *s,
           RespTruth  t,
           Missing   *missing)
{
  if (t == RESP_TRUTH_UNKNOWN)
    {
      s->value.type = RESP_VALUE_UNKNOWN;
      return;
    }
  s->value.type = RESP_VALUE_BOOL;
  s->value.boolean = t == RESP_TRUTH_TRUE;
  if (missing != NULL)
    truncate_missing (missing, s->mark);
}

/* Kleene's tables, indexed by RespTruth (false, true, unknown): false AND
 * unknown is false, true OR unknown is true, NOT unknown is unknown. */
static const RespTruth kleene_and_table[3][3] = {
  { RESP_TRUTH_FALSE, RESP_TRUTH_FALSE, RESP_TRUTH_FALSE },
  { RESP_TRUTH_FALSE, RESP_TRUTH_TRUE, RESP_TRUTH_UNKNOWN },
  { RESP_TRUTH_FALSE, RESP_TRUTH_UNKNOWN, RESP_TRUTH_UNKNOWN },
};
static const RespTruth kleene_or_table[3][3] = {
  { RESP_TRUTH_FALSE, RESP_TRUTH_TRUE, RESP_TRUTH_UNKNOWN },
  { RESP_TRUTH_TRUE, RESP_TRUTH_TRUE, RESP_TRUTH_TRUE },
  { RESP_TRUTH_UNKNOWN, RESP_TRUTH_TRUE, RESP_TRUTH_UNKNOWN },
};
static const RespTruth kleene_not_table[3] = {
  RESP_TRUTH_TRUE, RESP_TRUTH_FALSE, RESP_TRUTH_UNKNOWN,
};

static RespTruth
compare (OpCode           code,
         const RespValue *a,
         const RespValue *b)
{
  gboolean r;

  if (a->type == RESP_VALUE_UNKNOWN || b->type == RESP_VALUE_UNKNOWN)
    return RESP_TRUTH_UNKNOWN;
  if (code == OP_EQ || code == OP_NE)
    {
      r = values_equal (a, b);
      return (code == OP_EQ ? r : !r) ? RESP_TRUTH_TRUE : RESP_TRUTH_FALSE;
    }
  /* ordering is for numbers only; "2" < "10" would be a trap */
  if (a->type != RESP_VALUE_NUMBER || b->type != RESP_VALUE_NUMBER)
    return RESP_TRUTH_FALSE;
  switch (code)
    {
    case OP_LT:
      r = a->number < b->number;
      break;
    case OP_LE:
      r = a->number <= b->number;
      break;
    case OP_GT:
      r = a->number > b->number;
      break;
    case OP_GE:
    default:
      r = a->number >= b->number;
      break;
    }
  return r ? RESP_TRUTH_TRUE : RESP_TRUTH_FALSE;
}

/* `in` with a string haystack: a substring. An unknown haystack is a
 * comparison with an unknown side; any other type never holds. */
static inline RespTruth
in_string (const RespValue *needle, const RespValue *haystack)
{
  if (needle->type == RESP_VALUE_UNKNOWN || haystack->type == RESP_VALUE_UNKNOWN)
    return RESP_TRUTH_UNKNOWN;
  if (needle->type == RESP_VALUE_STRING && haystack->type == RESP_VALUE_STRING)
    return strstr (haystack->string, needle->string) != NULL
           ? RESP_TRUTH_TRUE : RESP_TRUTH_FALSE;
  return RESP_TRUTH_FALSE;
}

/* `in` with a list of constants (op->count of them from op->arg). */
static inline RespTruth
in_list (const RespCondition *cond, const Op *op, const RespValue *needle)
{
  if (needle->type == RESP_VALUE_UNKNOWN)
    return RESP_TRUTH_UNKNOWN;
  for (guint k = 0; k < op->count; k++)
    if (values_equal (needle, &cond->consts[op->arg + k]))
      return RESP_TRUTH_TRUE;
  return RESP_TRUTH_FALSE;
}

/* One pass over the ops. With missing, records the unknown facts as the
 * file comment explains; without, only computes the result. */
static RespTruth
run (const RespCondition    *cond,
     const RespConditionEnv *env,
     GArray                 *missing_list)
{
  Missing store = { missing_list, NULL };
  Missing *missing = missing_list != NULL ? &store : NULL;
  Slot stack[MAX_STACK];
  guint sp = 0;
  guint start = missing != NULL ? missing->list->len : 0;
  RespTruth result;

  for (guint i = 0; i < cond->n_ops; i++)
    {
      const Op *op = &cond->ops[i];
      Slot *a, *b;

      switch ((OpCode) op->code)
        {
        case OP_CONST:
          stack[sp].value = cond->consts[op->arg];
          stack[sp].mark = missing != NULL ? missing->list->len : 0;
          sp++;
          break;

        case OP_VAR:
          stack[sp].value = read_variable (env, op);
          stack[sp].mark = missing != NULL ? missing->list->len : 0;
          if (missing != NULL && stack[sp].value.type == RESP_VALUE_UNKNOWN)
            {
              if (op->var_kind == RESP_VAR_FACT)
                add_missing (missing, op->arg);
              else if (env->missing_vars)
                add_missing (missing, RESP_CONDITION_MISSING_VAR | i);
            }
          sp++;
          break;

        case OP_EQ:
        case OP_NE:
        case OP_LT:
        case OP_LE:
        case OP_GT:
        case OP_GE:
          b = &stack[--sp];
          a = &stack[sp - 1];
          set_truth (a, compare ((OpCode) op->code, &a->value, &b->value), missing);
          break;

        case OP_AND:
        case OP_OR:
          b = &stack[--sp];
          a = &stack[sp - 1];
          set_truth (a, (op->code == OP_AND ? kleene_and_table : kleene_or_table)
                          [truth_of (&a->value)][truth_of (&b->value)], missing);
          break;

        case OP_TRUTH:
          a = &stack[sp - 1];
          set_truth (a, truth_of (&a->value), missing);
          break;

        case OP_AND_SKIP:
        case OP_OR_SKIP:
          a = &stack[sp - 1];
          {
            RespTruth decisive = op->code == OP_AND_SKIP ? RESP_TRUTH_FALSE : RESP_TRUTH_TRUE;
            if (truth_of (&a->value) == decisive)
              {
                set_truth (a, decisive, missing);
                i = op->arg - 1;   /* the loop's i++ lands on arg */
              }
          }
          break;

        case OP_NOT:
          a = &stack[sp - 1];
          set_truth (a, kleene_not_table[truth_of (&a->value)], missing);
          break;

        case OP_IN:
          b = &stack[--sp];
          a = &stack[sp - 1];
          set_truth (a, in_string (&a->value, &b->value), missing);
          break;

        case OP_IN_LIST:
          a = &stack[sp - 1];
          set_truth (a, in_list (cond, op, &a->value), missing);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  g_assert (sp == 1);
  result = truth_of (&stack[0].value);
  if (missing != NULL && result != RESP_TRUTH_UNKNOWN)
    truncate_missing (missing, start);
  g_clear_pointer (&store.set, g_hash_table_unref);
  return result;
}

RespTruth
resp_condition_eval (const RespCondition    *cond,
                     const RespConditionEnv *env,
                     GArray                 *missing)
{
  RespTruth result;

  g_return_val_if_fail (cond != NULL, RESP_TRUTH_UNKNOWN);
  g_return_val_if_fail (env != NULL && env->get != NULL, RESP_TRUTH_UNKNOWN);
  g_return_val_if_fail (missing == NULL
                        || g_array_get_element_size (missing) == sizeof (guint),
                        RESP_TRUTH_UNKNOWN);

  /* Most conditions are decided: do not touch missing for those */
  result = run (cond, env, NULL);
  if (result == RESP_TRUTH_UNKNOWN && missing != NULL)
    run (cond, env, missing);
  return result;
}
