/* trellis-cli-init.c
 *
 * Copyright 2026 The Trellis authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "trellis-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "trellis-cli.h"

/* trellis_store_open() has already created the schema. */
static gboolean
fill_nothing (TrellisStore  *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return TRUE;
}

static int
run_init (const TrellisCliCommand  *command,
          int                       argc,
          char                    **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;

  if (argc != 2)
    return trellis_cli_usage_error (command, _("expected one FILE"));

  if (!trellis_cli_create_workspace (argv[1], FALSE, fill_nothing, NULL, NULL, &error))
    return trellis_cli_fail ("%s", error->message);

  display = g_filename_display_name (argv[1]);
  g_print (_("Created the empty workspace %s\n"), display);

  return TRELLIS_CLI_EXIT_OK;
}

const TrellisCliCommand trellis_cli_init_command = {
  .name = "init",
  .parameters = N_("FILE"),
  .summary = N_("Create an empty workspace"),
  .description = N_("Creates FILE as a new, empty Trellis workspace, readable only by you.\n"
                    "An existing FILE is never replaced."),
  .entries = NULL,
  .run = run_init,
};
