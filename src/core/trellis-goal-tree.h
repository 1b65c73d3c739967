/* trellis-goal-tree.h
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

#include "trellis-cycle.h"
#include "trellis-goal.h"
#include "trellis-organisation.h"
#include "trellis-store.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_GOAL_TREE (trellis_goal_tree_get_type ())
G_DECLARE_FINAL_TYPE (TrellisGoalTree, trellis_goal_tree, TRELLIS, GOAL_TREE, GObject)

/* A weight set that does not add up to 100 %. */
typedef struct {
  char   *owner_name;   /* "张伟 (E000123)", "上海大区" or the objective's title for its KRs */
  char   *cycle_id;
  char   *goal_id;      /* the objective whose KR weights are off, or NULL for an owner's goals */
  double  sum;
} TrellisWeightProblem;

void              trellis_weight_problem_free              (TrellisWeightProblem *problem);

/* The goal cascade for a scope of cycles, with every number computed: KR
 * progress and status, each goal's own progress (weighted mean of its KRs),
 * its aligned progress (weighted mean of the goals aligned to it), lagging
 * and abnormal flags. A check-in updates the numbers incrementally. */
TrellisGoalTree  *trellis_goal_tree_new                    (GPtrArray            *goals,
                                                            GPtrArray            *cycles,
                                                            TrellisOrganisation  *organisation,
                                                            const GDate          *today,
                                                            const TrellisOkrThresholds *thresholds);
/* Loads the goals of @cycle_id together with those of its ancestors and
 * descendants ("2026-Q4": the 2026 company goals, H2 and Q4 department
 * goals, Q4 and October–December personal goals); NULL loads everything.
 * Run it in a worker thread with a connection of its own (a TrellisStore
 * is not shared between threads); the tree then belongs to one thread. */
TrellisGoalTree  *trellis_goal_tree_load                   (TrellisStore         *store,
                                                            TrellisOrganisation  *organisation,
                                                            const char           *cycle_id,
                                                            const GDate          *today,
                                                            GCancellable         *cancellable,
                                                            GError              **error);

/* Recomputes every number from the key results' values. */
void              trellis_goal_tree_recompute              (TrellisGoalTree      *self);
/* After a key result changed (check-in, new target or weight): updates it,
 * its goal and the goal's parent, and nothing else. */
void              trellis_goal_tree_key_result_changed     (TrellisGoalTree      *self,
                                                            const char           *key_result_id);
/* Applies a check-in already written to the store. */
void              trellis_goal_tree_apply_checkin          (TrellisGoalTree      *self,
                                                            const char           *key_result_id,
                                                            double                value,
                                                            int                   confidence,
                                                            const char           *at);

/* Top of the cascade: company goals, then goals whose parent is outside the
 * tree or that are unaligned. A GListModel of TrellisGoal. */
GListModel       *trellis_goal_tree_get_roots              (TrellisGoalTree      *self);
/* Every goal in cascade order. Items are made as they are asked for: keep
 * the ones you need, do not walk 200,000 of them on the main thread. */
GListModel       *trellis_goal_tree_get_goals              (TrellisGoalTree      *self);
guint             trellis_goal_tree_get_n_goals            (TrellisGoalTree      *self);
/* Key results by id order, for tools that visit each of them. */
guint             trellis_goal_tree_get_n_key_results      (TrellisGoalTree      *self);
const char       *trellis_goal_tree_get_key_result_id      (TrellisGoalTree      *self,
                                                            guint                 position);
/* Goals owned by the company (and departments, with
 * TRELLIS_OWNER_DEPARTMENT), in cascade order; a new model. */
GListModel       *trellis_goal_tree_list_by_owner_kind     (TrellisGoalTree      *self,
                                                            TrellisOwnerKind      up_to);
/* Goals aligned to @goal or one of its key results; a new model. */
GListModel       *trellis_goal_tree_list_children          (TrellisGoalTree      *self,
                                                            TrellisGoal          *goal);
/* The tree's goal with this id (transfer full), or NULL. While anyone holds
 * it, the object follows the tree's numbers. */
TrellisGoal      *trellis_goal_tree_lookup                 (TrellisGoalTree      *self,
                                                            const char           *goal_id);
gboolean          trellis_goal_tree_contains               (TrellisGoalTree      *self,
                                                            const char           *goal_id);
TrellisGoal      *trellis_goal_tree_dup_parent             (TrellisGoalTree      *self,
                                                            TrellisGoal          *goal);
TrellisKeyResult *trellis_goal_tree_lookup_key_result      (TrellisGoalTree      *self,
                                                            const char           *key_result_id);
/* From the top of the cascade down to @goal (transfer full). */
GPtrArray        *trellis_goal_tree_get_alignment_path     (TrellisGoalTree      *self,
                                                            TrellisGoal          *goal);
TrellisCycle     *trellis_goal_tree_find_cycle             (TrellisGoalTree      *self,
                                                            const char           *cycle_id);
/* Every owner whose goal weights in a cycle, and every objective whose KR
 * weights, do not sum to 100 %. */
GPtrArray        *trellis_goal_tree_check_weights          (TrellisGoalTree      *self);
/* Adds a goal written to the store (with its KRs) to the tree. */
void              trellis_goal_tree_add_goal               (TrellisGoalTree      *self,
                                                            TrellisGoal          *goal);
/* Reads one goal again after a write (an approved change, a workflow step,
 * an edit, a removed key result) and updates its numbers and its parent's.
 * Sets @out_realigned when its parent, owner or cycle changed: only a new
 * load places it in the cascade then. */
gboolean          trellis_goal_tree_reload_goal            (TrellisGoalTree      *self,
                                                            TrellisStore         *store,
                                                            const char           *goal_id,
                                                            gboolean             *out_realigned,
                                                            GError              **error);
const TrellisOkrThresholds *trellis_goal_tree_get_thresholds (TrellisGoalTree    *self);
void              trellis_goal_tree_get_today              (TrellisGoalTree      *self,
                                                            GDate                *out_today);

/* Cycles in scope for @cycle_id (itself, its ancestors and descendants). */
GStrv             trellis_goal_tree_scope_cycles           (GPtrArray            *all_cycles,
                                                            const char           *cycle_id);

G_END_DECLS
