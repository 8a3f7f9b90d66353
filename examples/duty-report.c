/* duty-report.c: one year's duties in a few lines per committee
 *
 *   cc duty-report.c $(pkg-config --cflags --libs libresp-1.0) -o duty-report
 *   ./duty-report examples/data/city.json examples/data/record.json 2026
 *
 * The rulebook is built from the layers named after the year (shipped names
 * or files, bottom first; default: cn-local-2026-example) and the record is
 * read as it stood just after the year. Everything is read through the
 * getters; `resp duties` prints the full report.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>

#include <resp/resp.h>

/* the labels of resp duties' Chinese report, in RespSlotStatus order */
static const char *const status_labels[] = { "已履行", "未履行", "期间未届满", "仅部分期间承担", "无法确定" };
G_STATIC_ASSERT (G_N_ELEMENTS (status_labels) == RESP_SLOT_UNKNOWN + 1);

/* Every problem of the file that had any, as FILE:LINE:COL: message. */
static int
fail (GPtrArray *diags, GError *error)
{
  if (diags != NULL && diags->len > 0)
    for (guint i = 0; i < diags->len; i++)
      {
        g_autofree char *line = resp_diagnostic_to_string (diags->pdata[i]);

        fprintf (stderr, "%s\n", line);
      }
  else
    fprintf (stderr, "%s\n", error->message);
  return 1;
}

static void
print_scorecard (RespModel *model, RespDuties *duties, guint k)
{
  const char *committee = resp_duties_get_scorecard_committee (duties, k);
  g_auto(GStrv) report_to = resp_duties_dup_scorecard_report_to (duties, k);
  double score;

  printf ("%s（%s）", resp_model_get_node_name (model, committee), committee);
  if (resp_duties_get_scorecard_score (duties, k, &score))
    printf (" 得分 %.1f%%", 100 * score);
  else
    printf (" 无得分");
  for (RespSlotStatus s = RESP_SLOT_FULFILLED; s <= RESP_SLOT_UNKNOWN; s++)
    if (resp_duties_get_scorecard_count (duties, k, s) > 0)
      printf ("，%s %u", status_labels[s], resp_duties_get_scorecard_count (duties, k, s));
  for (guint i = 0; report_to[i] != NULL; i++)
    printf ("%s%s（%s）", i == 0 ? "；结果报送" : "、", resp_model_get_node_name (model, report_to[i]),
            report_to[i]);
  printf ("\n");
}

static void
print_unfulfilled (RespModel *model, RespDuties *duties, guint slot)
{
  const char *node = resp_duties_get_slot_node (duties, slot);
  g_autofree char *from = resp_instant_format (resp_duties_get_slot_from (duties, slot));
  g_autofree char *until = resp_instant_format (resp_duties_get_slot_until (duties, slot));

  /* the dates only: an instant is formatted at +08:00 */
  printf ("%s（%s）%s，%.10s 至 %.10s：应有 %d，实有 %u\n", resp_model_get_node_name (model, node), node,
          resp_duties_get_slot_duty (duties, slot), from, until, resp_duties_get_slot_required (duties, slot),
          resp_duties_get_slot_count (duties, slot));
  for (guint i = 0; i < resp_duties_get_slot_n_people (duties, slot); i++)
    {
      const char *person = resp_duties_get_slot_person (duties, slot, i);
      g_autofree char *held_from = resp_instant_format (resp_duties_get_slot_person_from (duties, slot, i));
      g_autofree char *held_until = resp_instant_format (resp_duties_get_slot_person_until (duties, slot, i));

      printf ("  %s（%s） %s，%s，在任 %.10s 至 %.10s\n", resp_model_get_node_name (model, person), person,
              resp_role_to_string (resp_duties_get_slot_person_role (duties, slot, i)),
              resp_category_to_string (resp_duties_get_slot_person_category (duties, slot, i)),
              held_from, held_until);
    }
  if (resp_duties_get_slot_n_people (duties, slot) == 0)
    printf ("  无人担任应负责的职务\n");
}

int
main (int argc, char **argv)
{
  static const char *const default_layers[] = { "cn-local-2026-example", NULL };
  const char *const *layers = argc > 4 ? (const char *const *) argv + 4 : default_layers;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diags = NULL;
  g_autoptr(RespRulebook) rulebook = NULL;
  g_autoptr(RespModel) model = NULL;
  g_autoptr(RespRecord) record = NULL;
  g_autoptr(RespDuties) duties = NULL;
  g_autofree char *year_start = NULL, *year_end = NULL;
  gint64 year, from, until;
  guint n_unfulfilled = 0;

  if (argc < 4 || !g_ascii_string_to_signed (argv[3], 10, 1, 9998, &year, NULL))
    {
      fprintf (stderr, "usage: %s MODEL RECORD YEAR [RULEBOOK…]\n", argv[0]);
      return 2;
    }
  /* the calendar year at +08:00, the zone every instant is read in */
  year_start = g_strdup_printf ("%04" G_GINT64_FORMAT "-01-01", year);
  year_end = g_strdup_printf ("%04" G_GINT64_FORMAT "-01-01", year + 1);
  if (!resp_instant_parse (year_start, &from, &error) || !resp_instant_parse (year_end, &until, &error))
    return fail (NULL, error);

  /* each loader gives every problem of its file, or none */
  rulebook = resp_rulebook_new_layered (layers, NULL, &diags, &error);
  if (rulebook == NULL)
    return fail (diags, error);
  g_clear_pointer (&diags, g_ptr_array_unref);
  model = resp_model_new_from_file (argv[1], &diags, &error);
  if (model == NULL)
    return fail (diags, error);
  g_clear_pointer (&diags, g_ptr_array_unref);
  record = resp_record_new_from_file (model, rulebook, argv[2], &diags, &error);
  if (record == NULL)
    return fail (diags, error);
  /* the year as it stood when it had just ended: no period is still open */
  duties = resp_model_check_duties (model, rulebook, record, from, until, until, NULL, &error);
  if (duties == NULL)
    return fail (NULL, error);

  printf ("%" G_GINT64_FORMAT " 年网络安全工作责任制考核（规则集 %s）\n", year, resp_rulebook_get_id (rulebook));
  for (guint k = 0; k < resp_duties_get_n_scorecards (duties); k++)
    print_scorecard (model, duties, k);

  printf ("\n未履行的职责及责任人：\n");
  for (guint i = 0; i < resp_duties_get_n_slots (duties); i++)
    if (resp_duties_get_slot_status (duties, i) == RESP_SLOT_UNFULFILLED)
      {
        print_unfulfilled (model, duties, i);
        n_unfulfilled++;
      }
  if (n_unfulfilled == 0)
    printf ("无\n");
  return 0;
}
