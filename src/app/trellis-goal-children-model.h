/* trellis-goal-children-model.h
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

#include <gio/gio.h>

#include "trellis-core.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_GOAL_CHILDREN_MODEL (trellis_goal_children_model_get_type ())
G_DECLARE_FINAL_TYPE (TrellisGoalChildrenModel, trellis_goal_children_model, TRELLIS, GOAL_CHILDREN_MODEL, GObject)

/* The goals aligned to @goal, read from the tree only when somebody looks
 * at them. GtkTreeListModel creates a row's child model just to learn
 * whether the row can expand, for every row it shows and every time a
 * GtkTreeExpander asks; a department goal with hundreds of people aligned
 * to it would otherwise copy them all each time. */
GListModel *trellis_goal_children_model_new (TrellisGoalTree *tree,
                                             TrellisGoal     *goal);

G_END_DECLS
