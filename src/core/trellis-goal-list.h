/* trellis-goal-list.h
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

#include "trellis-goal-tree.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_GOAL_LIST (trellis_goal_list_get_type ())
G_DECLARE_FINAL_TYPE (TrellisGoalList, trellis_goal_list, TRELLIS, GOAL_LIST, GObject)

/* A GListModel of TrellisGoal over goals of a tree, kept as record indices:
 * an item becomes an object only when asked for, so a list of 200,000
 * goals costs 4 bytes a goal until someone looks at them. */
TrellisGoalList *trellis_goal_list_new         (TrellisGoalTree *tree,
                                                gboolean         owned_by_tree,
                                                GArray          *indices);
guint32          trellis_goal_list_get_index   (TrellisGoalList *self,
                                                guint            position);
void             trellis_goal_list_append      (TrellisGoalList *self,
                                                guint32          index);
/* The tree is going away: the list empties. */
void             trellis_goal_list_forget_tree (TrellisGoalList *self);

G_END_DECLS
