/* trellis-cli-import.c
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

typedef struct {
  TrellisStore       *store;
  const char         *input;
  TrellisCliProgress  progress;
} ImportJob;

static gboolean
import_work (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ImportJob *job = data;

  return trellis_interchange_import_file (job->store, job->input,
                                          trellis_cli_progress_update, &job->progress,
                                          cancellable, error);
}

static gboolean
count_all_rows (TrellisStore  *store,
                gint64        *counts,
                GError       **error)
{
  const char * const *tables = trellis_store_list_tables ();

  for (guint i = 0; tables[i] != NULL; i++)
    {
      counts[i] = trellis_store_count_rows (store, tables[i], error);
      if (counts[i] < 0)
        return FALSE;
    }

  return TRUE;
}

static int
run_import (const TrellisCliCommand  *command,
            int                       argc,
            char                    **argv)
{
  g_autoptr(TrellisStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree gint64 *before = NULL;
  g_autofree gint64 *after = NULL;
  g_autofree char *input_display = NULL;
  const char * const *tables = trellis_store_list_tables ();
  guint n_tables = g_strv_length ((char **) tables);
  ImportJob job = { 0 };

  if (argc != 3)
    return trellis_cli_usage_error (command, _("expected a workspace FILE and an INPUT file"));

  store = trellis_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return trellis_cli_fail ("%s", error->message);

  before = g_new0 (gint64, n_tables);
  after = g_new0 (gint64, n_tables);
  if (!count_all_rows (store, before, &error))
    return trellis_cli_fail ("%s", error->message);

  job.store = store;
  job.input = argv[2];
  trellis_cli_progress_init (&job.progress);

  if (!trellis_cli_run_cancellable (import_work, &job, &error))
    {
      trellis_cli_progress_finish (&job.progress);
      return trellis_cli_fail ("%s", error->message);
    }
  trellis_cli_progress_finish (&job.progress);

  if (!count_all_rows (store, after, &error))
    return trellis_cli_fail ("%s", error->message);

  for (guint i = 0; i < n_tables; i++)
    {
      /* The audit trail records the import; it is not part of the file. */
      if (after[i] == before[i] || g_str_equal (tables[i], "audit_log") ||
          g_str_equal (tables[i], "workspace_meta"))
        continue;
      if (summary->len > 0)
        g_string_append (summary, ", ");
      g_string_append_printf (summary, "%" G_GINT64_FORMAT " %s", after[i] - before[i], tables[i]);
    }

  input_display = g_filename_display_name (argv[2]);
  if (summary->len == 0)
    g_print (_("Imported nothing: %s has no records\n"), input_display);
  else
    g_print (_("Imported %s from %s\n"), summary->str, input_display);

  return TRELLIS_CLI_EXIT_OK;
}

const TrellisCliCommand trellis_cli_import_command = {
  .name = "import",
  .parameters = N_("FILE INPUT.json"),
  .summary = N_("Import a JSON file into a workspace"),
  .description = N_("Adds the records of INPUT.json (docs/file-format.md) to the workspace FILE.\n"
                    "Everything is checked before anything is written; on any error nothing\n"
                    "is imported and the message names the record, the field and the reason."),
  .entries = NULL,
  .run = run_import,
};
