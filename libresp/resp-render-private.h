/* resp-render-private.h: the one output seam
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every result (a verdict, the roles of a node, a person's scope, an audit,
 * a model's summary) is written by a RespRenderer: a function per format it
 * supports. resp_render() is the one dispatch: it writes the result, or,
 * for a format the result does not have, refuses (a programmer error: a
 * critical and NULL), never falling back to another format. Every sentence
 * people read (text output, warning messages) is made in this layer, from
 * the pieces below, so that a node is written the same way everywhere.
 */
#pragma once

#include "resp-model-private.h"
#include "resp-verdict-private.h"
#include "resp-json-writer-private.h"

G_BEGIN_DECLS

#define RESP_N_FORMATS (RESP_FORMAT_CSV + 1)

/* Writes one result in one format. */
typedef void (*RespRenderFunc) (gconstpointer self, GString *out);

typedef struct {
  const char    *what;                      /* names the result in the refusal */
  RespRenderFunc formats[RESP_N_FORMATS];   /* NULL: not supported */
} RespRenderer;

/* The text of self in format (ending with a newline), or NULL with a
 * critical naming the caller when the renderer has no such format. */
char    *resp_render_in         (const RespRenderer *renderer, gconstpointer self,
                                 RespFormat format, const char *caller);
/* Whether it has; if not, says so in a critical. */
gboolean resp_render_check_in   (const RespRenderer *renderer, RespFormat format,
                                 const char *caller);
#define resp_render(renderer, self, format) \
  resp_render_in ((renderer), (self), (format), G_STRFUNC)
#define resp_render_check(renderer, format) \
  resp_render_check_in ((renderer), (format), G_STRFUNC)

/* ---- pieces every renderer writes the same way ---- */

/* Appends the strings given, as g_string_append_printf() with a format of
 * %s conversions only would write them (NULL as "(null)"), without reading
 * a format: RESP_CAT (out, "事件 ", id, "\n") */
void     resp_render_cat        (GString *out, const char * const *strings, gsize n);
#define RESP_CAT(out, ...) \
  resp_render_cat ((out), (const char * const[]) { __VA_ARGS__ }, \
                   sizeof ((const char * const[]) { __VA_ARGS__ }) / sizeof (const char *))
/* n in decimal */
void     resp_render_uint       (GString *out, guint n);
/* "名称（id）" */
void     resp_render_node       (GString *out, const RespModel *m, guint32 node);
/* nodes[0..n) as "名称（id）、名称（id）", or "无" when there are none */
void     resp_render_nodes      (GString *out, const RespModel *m, const guint32 *nodes, guint n);
/* s as a quoted Graphviz ID */
void     resp_render_dot_quote  (GString *out, const char *s);
/* the ids of nodes[0..n) as a JSON array on one line, in the order given */
void     resp_render_json_ids   (RespJsonWriter *w, const RespModel *m, const guint32 *nodes,
                                 guint n);
/* strings[0..n) as a JSON array on one line */
void     resp_render_json_string_array (RespJsonWriter *w, const char * const *strings, guint n);
/* strings (char *) as a JSON array on one line; frees the array if asked */
void     resp_render_json_strings (RespJsonWriter *w, GPtrArray *strings, gboolean free_it);
/* key: the instant at +08:00, or null for an open end */
void     resp_render_json_instant (RespJsonWriter *w, const char *key, gint64 t);

/* ---- sentences ---- */

/* "'x' 在 <at> 无法确定<role>（role）" */
char    *resp_render_role_warning    (const RespModel *m, gint64 at, guint32 subject,
                                      RespRole role);
/* The words of one warning of a verdict. */
char    *resp_render_verdict_warning (RespVerdict *v, const RespVerdictWarning *w);

G_END_DECLS
