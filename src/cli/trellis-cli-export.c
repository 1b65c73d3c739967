/* trellis-cli-export.c
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

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trellis-cli.h"

static char *opt_format = NULL;
static char *opt_out = NULL;

static const GOptionEntry export_entries[] = {
  { "format", 'F', 0, G_OPTION_ARG_STRING, &opt_format,
    N_("Output format; only “json” for now (the default)"), N_("FORMAT") },
  { "out", 'o', 0, G_OPTION_ARG_FILENAME, &opt_out,
    N_("Write to OUT (replaced atomically) instead of standard output"), N_("OUT") },
  { NULL }
};

static int
run_export (const TrellisCliCommand  *command,
            int                       argc,
            char                    **argv)
{
  g_autoptr(TrellisStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (argc != 2)
    return trellis_cli_usage_error (command, _("expected one FILE"));
  if (opt_format != NULL && strcmp (opt_format, "json") != 0)
    return trellis_cli_usage_error (command, _("unknown format “%s” (known: json)"),
                                    opt_format);

  store = trellis_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return trellis_cli_fail ("%s", error->message);

  if (opt_out != NULL && strcmp (opt_out, "-") != 0)
    {
      if (!trellis_interchange_export_file (store, opt_out, &error))
        return trellis_cli_fail ("%s", error->message);
      return TRELLIS_CLI_EXIT_OK;
    }

  text = trellis_interchange_export (store, &error);
  if (text == NULL)
    return trellis_cli_fail ("%s", error->message);

  if (fwrite (text, 1, strlen (text), stdout) != strlen (text) || fflush (stdout) != 0)
    return trellis_cli_fail (_("Could not write to standard output: %s"), g_strerror (errno));

  return TRELLIS_CLI_EXIT_OK;
}

const TrellisCliCommand trellis_cli_export_command = {
  .name = "export",
  .parameters = N_("FILE"),
  .summary = N_("Export a workspace as JSON"),
  .description = N_("Writes the organisation, cycles, goals, key results, check-ins (with their\n"
                    "evidence), approvals, change requests, weight rules and notices of FILE in\n"
                    "the Trellis interchange format (docs/file-format.md). The output is\n"
                    "deterministic: exporting the same workspace twice gives the same bytes."),
  .entries = export_entries,
  .run = run_export,
};
