/* trellis-goal-detail.h
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

#include <gtk/gtk.h>

#include "trellis-core.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_GOAL_DETAIL (trellis_goal_detail_get_type ())
G_DECLARE_FINAL_TYPE (TrellisGoalDetail, trellis_goal_detail, TRELLIS, GOAL_DETAIL, GtkWidget)

/* Everything about one goal: its numbers, key results with their check-in
 * history, alignment path, notices, change requests, approvals and audit
 * trail. Its buttons activate the goals.* actions of the page around it.
 * Emits ::goal-activated when a goal on the alignment path is clicked. */
GtkWidget        *trellis_goal_detail_new                 (void);
void              trellis_goal_detail_set_context         (TrellisGoalDetail *self,
                                                           TrellisWorkspace  *workspace,
                                                           TrellisGoalTree   *tree);
TrellisGoal      *trellis_goal_detail_get_goal            (TrellisGoalDetail *self);
void              trellis_goal_detail_set_goal            (TrellisGoalDetail *self,
                                                           TrellisGoal       *goal);
/* The key result whose check-ins are shown (the first one by default). */
TrellisKeyResult *trellis_goal_detail_get_key_result      (TrellisGoalDetail *self);
void              trellis_goal_detail_select_key_result   (TrellisGoalDetail *self,
                                                           const char        *key_result_id);
/* Reads the history again after a write. */
void              trellis_goal_detail_refresh             (TrellisGoalDetail *self);
GtkListBox       *trellis_goal_detail_get_key_result_list (TrellisGoalDetail *self);
GtkListBox       *trellis_goal_detail_get_checkin_list    (TrellisGoalDetail *self);
GtkListBox       *trellis_goal_detail_get_alignment_list  (TrellisGoalDetail *self);
/* The employee id of whoever must act on the goal's approval now, or NULL. */
const char       *trellis_goal_detail_get_current_approver (TrellisGoalDetail *self);

G_END_DECLS
