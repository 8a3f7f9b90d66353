/* who-today.c: who is responsible for a system today
 *
 *   cc who-today.c $(pkg-config --cflags --libs libresp-1.0) -o who-today
 *   ./who-today examples/data/city.json s-portal
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>

#include <resp/resp.h>

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RespModel) model = NULL;
  g_autoptr(RespRoles) roles = NULL;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s MODEL SYSTEM\n", argv[0]);
      return 2;
    }
  model = resp_model_new_from_file (argv[1], NULL, &error);
  if (model != NULL)
    roles = resp_model_resolve_roles (model, argv[2], resp_instant_now (), &error);
  if (roles == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  for (RespRole role = RESP_ROLE_OPERATOR; role < RESP_N_ROLES; role++)
    {
      g_auto(GStrv) holders = resp_roles_dup_holders (roles, role);

      if (holders[0] == NULL)
        continue;
      printf ("%-20s", resp_role_to_string (role));
      for (guint i = 0; holders[i] != NULL; i++)
        printf (" %s（%s）", resp_model_get_node_name (model, holders[i]), holders[i]);
      printf ("\n");
    }
  for (guint i = 0; i < resp_roles_get_n_warnings (roles); i++)
    printf ("warning: %s\n", resp_roles_get_warning_message (roles, i));
  return 0;
}
