/* trellis-recent.c
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

#define G_LOG_DOMAIN "trellis-recent"

#include "config.h"

#include "trellis-recent.h"

static void
store_without (GSettings  *settings,
               const char *uri,
               gboolean    prepend)
{
  g_auto(GStrv) old = g_settings_get_strv (settings, "recent-workspaces");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;
  guint n = 0;

  if (prepend)
    {
      g_strv_builder_add (builder, uri);
      n++;
    }

  for (guint i = 0; old[i] != NULL && n < TRELLIS_RECENT_MAX; i++)
    {
      if (g_strcmp0 (old[i], uri) == 0 || old[i][0] == '\0')
        continue;
      g_strv_builder_add (builder, old[i]);
      n++;
    }

  paths = g_strv_builder_end (builder);
  if (!g_strv_equal ((const char * const *) old, (const char * const *) paths))
    g_settings_set_strv (settings, "recent-workspaces", (const char * const *) paths);
}

void
trellis_recent_add (GSettings *settings,
                    GFile     *file)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  store_without (settings, uri, TRUE);
}

void
trellis_recent_remove (GSettings  *settings,
                       const char *uri)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (uri != NULL);

  store_without (settings, uri, FALSE);
}

GFile *
trellis_recent_get_file (const char *entry)
{
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (entry != NULL, NULL);

  scheme = g_uri_parse_scheme (entry);
  if (scheme != NULL)
    return g_file_new_for_uri (entry);

  return g_file_new_for_path (entry);
}
