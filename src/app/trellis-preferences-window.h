/* trellis-preferences-window.h
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

#pragma once

#include <adwaita.h>

#include "trellis-core.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_PREFERENCES_WINDOW (trellis_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (TrellisPreferencesWindow, trellis_preferences_window, TRELLIS, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Edits @settings (schema io.github.trellishr.Trellis) directly. */
GtkWidget *trellis_preferences_window_new           (GSettings        *settings);
/* Adds the open workspace's own settings (the goal rules) as a page. */
void       trellis_preferences_window_set_workspace (TrellisPreferencesWindow *self,
                                                     TrellisWorkspace         *workspace);

G_END_DECLS
