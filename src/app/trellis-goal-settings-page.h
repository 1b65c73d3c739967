/* trellis-goal-settings-page.h
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

#define TRELLIS_TYPE_GOAL_SETTINGS_PAGE (trellis_goal_settings_page_get_type ())
G_DECLARE_FINAL_TYPE (TrellisGoalSettingsPage, trellis_goal_settings_page, TRELLIS, GOAL_SETTINGS_PAGE, AdwPreferencesPage)

/* The workspace's goal rules: status thresholds, when updates count as
 * lagging or abnormal, and the maximum in-cycle adjustment. Every change is
 * saved to the workspace at once. */
GtkWidget *trellis_goal_settings_page_new (TrellisWorkspace *workspace);

G_END_DECLS
