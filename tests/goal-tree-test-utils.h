/* goal-tree-test-utils.h
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

#include "trellis-goal-tree.h"

/* A goal tree hands out new references; these keep them to the end of the
 * running test, so a test can read a goal in one expression. */

static inline TrellisGoal *
tree_goal (TrellisGoalTree *tree,
           const char      *goal_id)
{
  TrellisGoal *goal = trellis_goal_tree_lookup (tree, goal_id);

  if (goal != NULL)
    g_test_queue_unref (goal);
  return goal;
}

static inline TrellisKeyResult *
tree_key_result (TrellisGoalTree *tree,
                 const char      *key_result_id)
{
  TrellisKeyResult *kr = trellis_goal_tree_lookup_key_result (tree, key_result_id);

  if (kr != NULL)
    g_test_queue_unref (kr);
  return kr;
}

static inline TrellisGoal *
tree_parent (TrellisGoalTree *tree,
             TrellisGoal     *goal)
{
  TrellisGoal *parent = trellis_goal_tree_dup_parent (tree, goal);

  if (parent != NULL)
    g_test_queue_unref (parent);
  return parent;
}
