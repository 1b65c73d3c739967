/* trellis-goals-page.h
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

#include "trellis-checkin-dialog.h"
#include "trellis-core.h"
#include "trellis-goal-detail.h"

G_BEGIN_DECLS

typedef enum {
  TRELLIS_GOALS_FILTER_NONE         = 0,
  TRELLIS_GOALS_FILTER_LAGGING      = 1 << 0,
  TRELLIS_GOALS_FILTER_ABNORMAL     = 1 << 1,
  TRELLIS_GOALS_FILTER_UNALIGNED    = 1 << 2,
  TRELLIS_GOALS_FILTER_SELF_CREATED = 1 << 3,
} TrellisGoalsFilterFlags;

#define TRELLIS_TYPE_GOALS_PAGE (trellis_goals_page_get_type ())
G_DECLARE_FINAL_TYPE (TrellisGoalsPage, trellis_goals_page, TRELLIS, GOALS_PAGE, GtkWidget)

/* The goal board: the cascade of one cycle as a tree (or, while a search or
 * filter is on, a flat list of the matching goals), with a detail pane.
 * The goals load in a worker thread the first time the page is shown. */
GtkWidget         *trellis_goals_page_new                (void);
TrellisWorkspace  *trellis_goals_page_get_workspace      (TrellisGoalsPage        *self);
void               trellis_goals_page_set_workspace      (TrellisGoalsPage        *self,
                                                          TrellisWorkspace        *workspace);
/* TRUE while the goals of the cycle are being read. */
gboolean           trellis_goals_page_get_loading        (TrellisGoalsPage        *self);
/* NULL before the first load finished. */
TrellisGoalTree   *trellis_goals_page_get_tree           (TrellisGoalsPage        *self);
const char        *trellis_goals_page_get_cycle_id       (TrellisGoalsPage        *self);
/* Chooses a cycle ("2026-Q4", "2026") and loads its goals. */
void               trellis_goals_page_set_cycle_id       (TrellisGoalsPage        *self,
                                                          const char              *cycle_id);
/* Reads the goals again, keeping expanded rows and the selection. */
void               trellis_goals_page_reload             (TrellisGoalsPage        *self);

void               trellis_goals_page_focus_search       (TrellisGoalsPage        *self);
GtkEditable       *trellis_goals_page_get_search_entry   (TrellisGoalsPage        *self);
TrellisGoalsFilterFlags trellis_goals_page_get_filter_flags (TrellisGoalsPage     *self);
void               trellis_goals_page_set_filter_flags   (TrellisGoalsPage        *self,
                                                          TrellisGoalsFilterFlags  flags);
/* -1 for any status. */
void               trellis_goals_page_set_status_filter  (TrellisGoalsPage        *self,
                                                          int                      status);
/* A TrellisGoalState, or -1 for any. */
void                 trellis_goals_page_set_state_filter  (TrellisGoalsPage        *self,
                                                           int                      state);
/* NULL or the top department: the whole organisation. */
void               trellis_goals_page_select_department  (TrellisGoalsPage        *self,
                                                          const char              *department_id);
/* TRUE when search or filters show the flat list of matches. */
gboolean           trellis_goals_page_get_filtered       (TrellisGoalsPage        *self);
/* Rows in the list, and whether an incremental filter is still at work. */
guint              trellis_goals_page_get_n_shown        (TrellisGoalsPage        *self);
gboolean           trellis_goals_page_get_filtering      (TrellisGoalsPage        *self);
/* "37 of 2,340 goals" */
const char        *trellis_goals_page_get_count_text     (TrellisGoalsPage        *self);
/* Weight sets that do not add up to 100 % in the loaded cycle. */
guint              trellis_goals_page_get_n_weight_problems (TrellisGoalsPage     *self);

/* Shows the goal in the detail pane and selects its row, expanding the
 * tree down to it. */
void               trellis_goals_page_show_goal          (TrellisGoalsPage        *self,
                                                          const char              *goal_id);
TrellisGoal       *trellis_goals_page_get_goal           (TrellisGoalsPage        *self);
/* Opens the check-in dialog for the shown goal (transfer none), or NULL. */
TrellisCheckinDialog *trellis_goals_page_check_in        (TrellisGoalsPage        *self);

GtkColumnView     *trellis_goals_page_get_column_view    (TrellisGoalsPage        *self);
TrellisGoalDetail *trellis_goals_page_get_detail         (TrellisGoalsPage        *self);

G_END_DECLS
