/* trellis-goal-cell.h
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

typedef enum {
  TRELLIS_GOAL_COLUMN_TITLE,
  TRELLIS_GOAL_COLUMN_OWNER,
  TRELLIS_GOAL_COLUMN_WEIGHT,
  TRELLIS_GOAL_COLUMN_PROGRESS,
  TRELLIS_GOAL_COLUMN_SCORE,
  TRELLIS_GOAL_COLUMN_STATUS,
  TRELLIS_GOAL_COLUMN_LAST_CHECKIN,
  TRELLIS_GOAL_COLUMN_STATE,
  TRELLIS_N_GOAL_COLUMNS
} TrellisGoalColumn;

#define TRELLIS_TYPE_GOAL_CELL (trellis_goal_cell_get_type ())
G_DECLARE_FINAL_TYPE (TrellisGoalCell, trellis_goal_cell, TRELLIS, GOAL_CELL, GtkWidget)

/* One cell of the goal list: shows one column of a goal and follows the
 * goal's notifications, so a check-in updates the row in place. */
GtkWidget         *trellis_goal_cell_new         (TrellisGoalColumn  column);
TrellisGoalColumn  trellis_goal_cell_get_column  (TrellisGoalCell   *self);
TrellisGoal       *trellis_goal_cell_get_goal    (TrellisGoalCell   *self);
void               trellis_goal_cell_set_goal    (TrellisGoalCell   *self,
                                                  TrellisGoal       *goal);
/* The day "3 days ago" is counted from. */
void               trellis_goal_cell_set_today   (TrellisGoalCell   *self,
                                                  const GDate       *today);
/* The cell's main text as shown ("62 %" for progress), for tests. */
const char        *trellis_goal_cell_get_text    (TrellisGoalCell   *self);

G_END_DECLS
