/* trellis-cli-info.c
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
#include <json-glib/json-glib.h>

#include "trellis-cli.h"

static gboolean opt_json = FALSE;

static const GOptionEntry info_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json,
    N_("Print the information as JSON"), NULL },
  { NULL }
};

static void
print_json (TrellisStore  *store,
            const char    *path,
            const gint64  *counts)
{
  const char * const *tables = trellis_store_list_tables ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *display = g_filename_display_name (path);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, display);
  json_builder_set_member_name (builder, "schema_version");
  json_builder_add_int_value (builder, trellis_store_get_user_version (store));
  json_builder_set_member_name (builder, "tables");
  json_builder_begin_object (builder);
  for (guint i = 0; tables[i] != NULL; i++)
    {
      json_builder_set_member_name (builder, tables[i]);
      json_builder_add_int_value (builder, counts[i]);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* "name  value", the name padded to @name_width and the value to
 * @value_width columns. */
static void
print_row (const char      *name,
           guint            name_width,
           const char      *value,
           guint            value_width,
           TrellisCliAlign  value_align)
{
  g_autofree char *padded_name = trellis_cli_pad (name, name_width, TRELLIS_CLI_ALIGN_START);
  g_autofree char *padded_value = trellis_cli_pad (value, value_width, value_align);

  g_print ("%s  %s\n", padded_name, padded_value);
}

static void
print_text (TrellisStore  *store,
            const char    *path,
            const gint64  *counts)
{
  const char * const *tables = trellis_store_list_tables ();
  g_autofree char *display = g_filename_display_name (path);
  const char *file_label = _("File");
  const char *version_label = _("Schema version");
  const char *table_label = _("Table");
  const char *rows_label = _("Rows");
  g_autofree char *version = g_strdup_printf ("%d", trellis_store_get_user_version (store));
  guint name_width, count_width;

  /* printf pads by bytes: a translated label is wider in bytes than in
   * columns, so every column goes through trellis_cli_pad (). */
  name_width = MAX (trellis_cli_display_width (file_label), trellis_cli_display_width (version_label));
  name_width = MAX (name_width, trellis_cli_display_width (table_label));
  count_width = trellis_cli_display_width (rows_label);

  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, counts[i]);

      name_width = MAX (name_width, trellis_cli_display_width (tables[i]));
      count_width = MAX (count_width, trellis_cli_display_width (count));
    }

  print_row (file_label, name_width, display, 0, TRELLIS_CLI_ALIGN_START);
  print_row (version_label, name_width, version, 0, TRELLIS_CLI_ALIGN_START);
  g_print ("\n");
  print_row (table_label, name_width, rows_label, count_width, TRELLIS_CLI_ALIGN_END);
  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, counts[i]);

      print_row (tables[i], name_width, count, count_width, TRELLIS_CLI_ALIGN_END);
    }
}

static int
run_info (const TrellisCliCommand  *command,
          int                       argc,
          char                    **argv)
{
  g_autoptr(TrellisStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *counts = NULL;
  const char * const *tables;

  if (argc != 2)
    return trellis_cli_usage_error (command, _("expected one FILE"));

  store = trellis_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return trellis_cli_fail ("%s", error->message);

  tables = trellis_store_list_tables ();
  counts = g_new0 (gint64, g_strv_length ((char **) tables));
  for (guint i = 0; tables[i] != NULL; i++)
    {
      counts[i] = trellis_store_count_rows (store, tables[i], &error);
      if (counts[i] < 0)
        return trellis_cli_fail ("%s", error->message);
    }

  if (opt_json)
    print_json (store, argv[1], counts);
  else
    print_text (store, argv[1], counts);

  return TRELLIS_CLI_EXIT_OK;
}

const TrellisCliCommand trellis_cli_info_command = {
  .name = "info",
  .parameters = N_("FILE"),
  .summary = N_("Show a workspace's schema version and row counts"),
  .description = NULL,
  .entries = info_entries,
  .run = run_info,
};
