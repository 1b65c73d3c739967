/* trellis-goal-editor.h
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

#define TRELLIS_TYPE_GOAL_EDITOR (trellis_goal_editor_get_type ())
G_DECLARE_FINAL_TYPE (TrellisGoalEditor, trellis_goal_editor, TRELLIS, GOAL_EDITOR, AdwWindow)

/* Creates an objective or KPI with its key results (@goal NULL), or edits a
 * draft or returned one. Weights must add up to 100 % before it saves;
 * saving emits ::saved with the goal's id and closes the window. */
TrellisGoalEditor *trellis_goal_editor_new              (GtkWindow         *parent,
                                                         TrellisWorkspace  *workspace,
                                                         TrellisGoalTree   *tree,
                                                         TrellisGoal       *goal,
                                                         const char        *cycle_id);
void               trellis_goal_editor_set_title        (TrellisGoalEditor *self,
                                                         const char        *title);
void               trellis_goal_editor_set_owner_employee (TrellisGoalEditor *self,
                                                         const char        *employee_id);
/* Adds a key result row (replacing the empty one a new goal starts with);
 * returns its index. */
guint              trellis_goal_editor_add_key_result   (TrellisGoalEditor *self,
                                                         const char        *title,
                                                         TrellisMeasure     measure,
                                                         double             baseline,
                                                         double             target,
                                                         const char        *unit,
                                                         double             weight);
/* The first problem that stops saving, or NULL. */
const char        *trellis_goal_editor_get_error        (TrellisGoalEditor *self);
gboolean           trellis_goal_editor_save             (TrellisGoalEditor *self,
                                                         GError           **error);

G_END_DECLS
