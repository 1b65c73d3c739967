/* trellis-goal-tree.c
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

#define G_LOG_DOMAIN "trellis-goal-tree"

#include "config.h"

#include <string.h>

#include "trellis-date.h"
#include "trellis-goal-repository.h"
#include "trellis-goal-tree.h"
#include "trellis-org-repository.h"

typedef struct _Node Node;

struct _Node
{
  TrellisGoal *goal;
  Node        *parent;
  GPtrArray   *children;     /* of Node */
  TrellisCycle *cycle;       /* borrowed from the tree's cycle table, may be NULL */
  double       expected;     /* share of the cycle elapsed today */
  /* Sums over the aligned children, kept so a check-in updates the parent
   * in constant time. */
  double       sum_weighted;
  double       sum_weights;
  double       sum_plain;
};

struct _TrellisGoalTree
{
  GObject               parent_instance;

  GHashTable           *nodes;          /* goal id → Node */
  GHashTable           *kr_nodes;       /* key result id → Node owning it */
  GHashTable           *cycles;         /* cycle id → TrellisCycle */
  GListStore           *roots;
  GListStore           *all;
  GDate                 today;
  TrellisOkrThresholds  thresholds;
};

G_DEFINE_FINAL_TYPE (TrellisGoalTree, trellis_goal_tree, G_TYPE_OBJECT)

static void
node_free (gpointer data)
{
  Node *node = data;

  g_clear_object (&node->goal);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

void
trellis_weight_problem_free (TrellisWeightProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->owner_name);
  g_free (problem->cycle_id);
  g_free (problem->goal_id);
  g_free (problem);
}

static void
trellis_goal_tree_finalize (GObject *object)
{
  TrellisGoalTree *self = (TrellisGoalTree *)object;

  g_clear_object (&self->roots);
  g_clear_object (&self->all);
  g_clear_pointer (&self->kr_nodes, g_hash_table_unref);
  g_clear_pointer (&self->nodes, g_hash_table_unref);
  g_clear_pointer (&self->cycles, g_hash_table_unref);

  G_OBJECT_CLASS (trellis_goal_tree_parent_class)->finalize (object);
}

static void
trellis_goal_tree_class_init (TrellisGoalTreeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trellis_goal_tree_finalize;
}

static void
trellis_goal_tree_init (TrellisGoalTree *self)
{
  self->nodes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, node_free);
  self->kr_nodes = g_hash_table_new (g_str_hash, g_str_equal);
  self->cycles = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->roots = g_list_store_new (TRELLIS_TYPE_GOAL);
  self->all = g_list_store_new (TRELLIS_TYPE_GOAL);
  g_date_clear (&self->today, 1);
}

/* Company goals first, then departments, then people; by owner, then as
 * the owner ordered them. */
static int
compare_nodes (gconstpointer a,
               gconstpointer b)
{
  TrellisGoal *ga = (*(Node * const *)a)->goal;
  TrellisGoal *gb = (*(Node * const *)b)->goal;
  TrellisGoalFields fa, fb;
  int r;

  trellis_goal_get_fields (ga, &fa);
  trellis_goal_get_fields (gb, &fb);

  if (fa.owner_kind != fb.owner_kind)
    return fa.owner_kind < fb.owner_kind ? -1 : 1;
  r = g_strcmp0 (trellis_goal_get_owner_id (ga), trellis_goal_get_owner_id (gb));
  if (r != 0)
    return r;
  if (fa.position != fb.position)
    return fa.position < fb.position ? -1 : 1;
  return strcmp (fa.id, fb.id);
}

static void
date_from_timestamp (const char *timestamp,
                     GDate      *out_date)
{
  char day[11];

  g_date_clear (out_date, 1);
  if (timestamp == NULL || strlen (timestamp) < 10)
    return;
  memcpy (day, timestamp, 10);
  day[10] = '\0';
  trellis_date_parse (day, out_date);
}

/* A goal's own numbers, from its key results. */
static void
evaluate_node (TrellisGoalTree *self,
               Node            *node)
{
  GPtrArray *krs = trellis_goal_get_key_results (node->goal);
  g_autofree double *values = g_new (double, MAX (krs->len, 1));
  g_autofree double *weights = g_new (double, MAX (krs->len, 1));
  TrellisProgressStatus status = TRELLIS_PROGRESS_ACHIEVED;
  const char *last = NULL;
  gboolean abnormal = FALSE;
  gboolean lagging = FALSE;
  double progress;

  for (guint i = 0; i < krs->len; i++)
    {
      TrellisKeyResult *kr = g_ptr_array_index (krs, i);
      const char *at;

      trellis_key_result_evaluate (kr, node->expected, &self->thresholds);
      values[i] = trellis_key_result_get_progress (kr);
      weights[i] = trellis_key_result_get_weight (kr);
      /* An objective is as risky as its riskiest key result. */
      status = MAX (status, trellis_key_result_get_progress_status (kr));
      abnormal |= trellis_key_result_get_abnormal (kr);
      at = trellis_key_result_get_last_checkin_at (kr);
      if (at != NULL && (last == NULL || strcmp (at, last) > 0))
        last = at;
    }

  progress = trellis_okr_weighted_mean (values, weights, krs->len);
  if (krs->len == 0)
    status = trellis_okr_status (progress, node->expected, &self->thresholds);

  if (node->cycle != NULL)
    {
      GDate start, end, last_date;

      trellis_cycle_get_start (node->cycle, &start);
      trellis_cycle_get_end (node->cycle, &end);
      date_from_timestamp (last, &last_date);
      lagging = trellis_okr_is_lagging (g_date_valid (&last_date) ? &last_date : NULL,
                                        &start, &end, &self->today, &self->thresholds);
    }

  trellis_goal_set_computed (node->goal, progress, status, lagging, abnormal, last);
}

static void
publish_aligned (Node *node)
{
  double aligned = 0.0;

  if (node->children->len > 0)
    aligned = node->sum_weights > 0.0 ? node->sum_weighted / node->sum_weights
                                      : node->sum_plain / node->children->len;
  trellis_goal_set_aligned (node->goal, aligned, node->children->len);
}

void
trellis_goal_tree_recompute (TrellisGoalTree *self)
{
  GHashTableIter iter;
  Node *node;

  g_return_if_fail (TRELLIS_IS_GOAL_TREE (self));

  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&node))
    {
      node->expected = node->cycle ? trellis_cycle_elapsed_fraction (node->cycle, &self->today) : 0.0;
      node->sum_weighted = node->sum_weights = node->sum_plain = 0.0;
      evaluate_node (self, node);
    }

  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&node))
    {
      double progress, weight;

      if (node->parent == NULL)
        continue;
      progress = trellis_goal_get_progress (node->goal);
      weight = trellis_goal_get_weight (node->goal);
      node->parent->sum_weighted += weight * progress;
      node->parent->sum_weights += weight;
      node->parent->sum_plain += progress;
    }

  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&node))
    publish_aligned (node);
}

void
trellis_goal_tree_key_result_changed (TrellisGoalTree *self,
                                      const char      *key_result_id)
{
  Node *node;
  double before, after, weight;

  g_return_if_fail (TRELLIS_IS_GOAL_TREE (self));

  node = g_hash_table_lookup (self->kr_nodes, key_result_id);
  if (node == NULL)
    return;

  before = trellis_goal_get_progress (node->goal);
  evaluate_node (self, node);
  after = trellis_goal_get_progress (node->goal);

  if (node->parent != NULL && after != before)
    {
      weight = trellis_goal_get_weight (node->goal);
      node->parent->sum_weighted += weight * (after - before);
      node->parent->sum_plain += after - before;
      publish_aligned (node->parent);
    }
}

void
trellis_goal_tree_apply_checkin (TrellisGoalTree *self,
                                 const char      *key_result_id,
                                 double           value,
                                 int              confidence,
                                 const char      *at)
{
  TrellisKeyResult *kr;

  g_return_if_fail (TRELLIS_IS_GOAL_TREE (self));

  kr = trellis_goal_tree_find_key_result (self, key_result_id);
  if (kr == NULL)
    return;

  /* Same rule as the store: a back-dated check-in is history only. */
  if (trellis_key_result_get_last_checkin_at (kr) != NULL &&
      g_strcmp0 (at, trellis_key_result_get_last_checkin_at (kr)) < 0)
    return;

  trellis_key_result_apply_checkin (kr, value, confidence, at);
  trellis_goal_tree_key_result_changed (self, key_result_id);
}

static Node *
find_parent_node (TrellisGoalTree *self,
                  TrellisGoal     *goal)
{
  const char *parent_goal_id = trellis_goal_get_parent_goal_id (goal);
  const char *parent_kr_id = trellis_goal_get_parent_kr_id (goal);

  if (parent_goal_id != NULL)
    return g_hash_table_lookup (self->nodes, parent_goal_id);
  if (parent_kr_id != NULL)
    return g_hash_table_lookup (self->kr_nodes, parent_kr_id);
  return NULL;
}

static void
set_owner_name (TrellisGoal         *goal,
                TrellisOrganisation *organisation)
{
  const char *owner_id = trellis_goal_get_owner_id (goal);

  if (organisation == NULL || owner_id == NULL)
    {
      trellis_goal_set_owner_name (goal, owner_id);
      return;
    }

  if (trellis_goal_get_owner_kind (goal) == TRELLIS_OWNER_EMPLOYEE)
    {
      TrellisEmployee *e = trellis_organisation_find_employee (organisation, owner_id);
      trellis_goal_set_owner_name (goal, e ? trellis_employee_get_name (e) : owner_id);
    }
  else
    {
      TrellisDepartment *d = trellis_organisation_find_department (organisation, owner_id);
      trellis_goal_set_owner_name (goal, d ? trellis_department_get_name (d) : owner_id);
    }
}

static Node *
insert_node (TrellisGoalTree     *self,
             TrellisGoal         *goal,
             TrellisOrganisation *organisation)
{
  Node *node = g_new0 (Node, 1);
  GPtrArray *krs = trellis_goal_get_key_results (goal);

  node->goal = g_object_ref (goal);
  node->children = g_ptr_array_new ();
  node->cycle = g_hash_table_lookup (self->cycles, trellis_goal_get_cycle_id (goal));
  node->expected = node->cycle ? trellis_cycle_elapsed_fraction (node->cycle, &self->today) : 0.0;
  g_hash_table_insert (self->nodes, (gpointer)trellis_goal_get_id (goal), node);
  for (guint i = 0; i < krs->len; i++)
    g_hash_table_insert (self->kr_nodes,
                         (gpointer)trellis_key_result_get_id (g_ptr_array_index (krs, i)), node);

  set_owner_name (goal, organisation);
  return node;
}

static void
append_preorder (GPtrArray *out,
                 Node      *root)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      Node *node = g_ptr_array_steal_index (stack, stack->len - 1);

      g_ptr_array_add (out, node->goal);
      for (guint i = node->children->len; i > 0; i--)
        g_ptr_array_add (stack, g_ptr_array_index (node->children, i - 1));
    }
}

TrellisGoalTree *
trellis_goal_tree_new (GPtrArray                  *goals,
                       GPtrArray                  *cycles,
                       TrellisOrganisation        *organisation,
                       const GDate                *today,
                       const TrellisOkrThresholds *thresholds)
{
  TrellisGoalTree *self;
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  GHashTableIter iter;
  Node *node;

  g_return_val_if_fail (goals != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  self = g_object_new (TRELLIS_TYPE_GOAL_TREE, NULL);
  self->today = *today;
  if (thresholds != NULL)
    self->thresholds = *thresholds;
  else
    trellis_okr_thresholds_init (&self->thresholds);

  for (guint i = 0; cycles != NULL && i < cycles->len; i++)
    {
      TrellisCycle *cycle = g_ptr_array_index (cycles, i);
      g_hash_table_insert (self->cycles, (gpointer)trellis_cycle_get_id (cycle), g_object_ref (cycle));
    }

  for (guint i = 0; i < goals->len; i++)
    insert_node (self, g_ptr_array_index (goals, i), organisation);

  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&node))
    {
      Node *parent = find_parent_node (self, node->goal);

      /* A goal aligned to itself through its own KR would hide from the tree. */
      if (parent == node)
        parent = NULL;
      node->parent = parent;
      g_ptr_array_add (parent ? parent->children : roots, node);
    }

  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&node))
    g_ptr_array_sort (node->children, compare_nodes);
  g_ptr_array_sort (roots, compare_nodes);

  for (guint i = 0; i < roots->len; i++)
    {
      Node *root = g_ptr_array_index (roots, i);
      g_list_store_append (self->roots, root->goal);
      append_preorder (order, root);
    }
  g_list_store_splice (self->all, 0, 0, order->pdata, order->len);

  trellis_goal_tree_recompute (self);
  return self;
}

GStrv
trellis_goal_tree_scope_cycles (GPtrArray  *all_cycles,
                                const char *cycle_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) parent_of = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < all_cycles->len; i++)
    {
      TrellisCycle *c = g_ptr_array_index (all_cycles, i);
      g_hash_table_insert (parent_of, (gpointer)trellis_cycle_get_id (c),
                           (gpointer)trellis_cycle_get_parent_id (c));
    }

  for (guint i = 0; i < all_cycles->len; i++)
    {
      TrellisCycle *c = g_ptr_array_index (all_cycles, i);
      const char *id = trellis_cycle_get_id (c);
      gboolean in_scope = FALSE;

      if (trellis_cycle_get_kind (c) == TRELLIS_CYCLE_WEEK)
        continue;

      /* An ancestor of the cycle, or the cycle itself... */
      for (const char *walk = cycle_id; walk != NULL && !in_scope; walk = g_hash_table_lookup (parent_of, walk))
        in_scope = g_str_equal (walk, id);
      /* ...or a descendant of it. */
      for (const char *walk = id; walk != NULL && !in_scope; walk = g_hash_table_lookup (parent_of, walk))
        in_scope = g_str_equal (walk, cycle_id);

      if (in_scope)
        g_strv_builder_add (builder, id);
    }

  return g_strv_builder_end (builder);
}

TrellisGoalTree *
trellis_goal_tree_load (TrellisStore         *store,
                        TrellisOrganisation  *organisation,
                        const char           *cycle_id,
                        const GDate          *today,
                        GCancellable         *cancellable,
                        GError              **error)
{
  g_autoptr(GPtrArray) cycles = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  g_auto(GStrv) scope = NULL;
  TrellisOkrThresholds thresholds;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), NULL);

  cycles = trellis_org_repository_list_cycles (store, error);
  if (cycles == NULL)
    return NULL;

  if (cycle_id != NULL)
    scope = trellis_goal_tree_scope_cycles (cycles, cycle_id);

  goals = trellis_goal_repository_list_goals (store, (const char * const *)scope, cancellable, error);
  if (goals == NULL)
    return NULL;

  trellis_goal_repository_load_thresholds (store, &thresholds);
  return trellis_goal_tree_new (goals, cycles, organisation, today, &thresholds);
}

typedef struct
{
  TrellisStore        *store;
  TrellisOrganisation *organisation;
  char                *cycle_id;
  GDate                today;
} LoadJob;

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_clear_object (&job->store);
  g_clear_object (&job->organisation);
  g_free (job->cycle_id);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  GError *error = NULL;
  TrellisGoalTree *tree;

  tree = trellis_goal_tree_load (job->store, job->organisation, job->cycle_id, &job->today,
                                 cancellable, &error);
  if (tree == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, tree, g_object_unref);
}

void
trellis_goal_tree_load_async (TrellisStore         *store,
                              TrellisOrganisation  *organisation,
                              const char           *cycle_id,
                              const GDate          *today,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job = g_new0 (LoadJob, 1);

  job->store = g_object_ref (store);
  job->organisation = organisation ? g_object_ref (organisation) : NULL;
  job->cycle_id = g_strdup (cycle_id);
  job->today = *today;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, trellis_goal_tree_load_async);
  g_task_set_task_data (task, job, load_job_free);
  g_task_run_in_thread (task, load_thread);
}

TrellisGoalTree *
trellis_goal_tree_load_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GListModel *
trellis_goal_tree_get_roots (TrellisGoalTree *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), NULL);
  return G_LIST_MODEL (self->roots);
}

GListModel *
trellis_goal_tree_get_goals (TrellisGoalTree *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), NULL);
  return G_LIST_MODEL (self->all);
}

GListModel *
trellis_goal_tree_list_children (TrellisGoalTree *self,
                                 TrellisGoal     *goal)
{
  GListStore *store;
  Node *node;

  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), NULL);

  store = g_list_store_new (TRELLIS_TYPE_GOAL);
  node = g_hash_table_lookup (self->nodes, trellis_goal_get_id (goal));
  for (guint i = 0; node != NULL && i < node->children->len; i++)
    g_list_store_append (store, ((Node *)g_ptr_array_index (node->children, i))->goal);

  return G_LIST_MODEL (store);
}

TrellisGoal *
trellis_goal_tree_find (TrellisGoalTree *self,
                        const char      *goal_id)
{
  Node *node;

  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), NULL);

  node = goal_id ? g_hash_table_lookup (self->nodes, goal_id) : NULL;
  return node ? node->goal : NULL;
}

TrellisGoal *
trellis_goal_tree_get_parent (TrellisGoalTree *self,
                              TrellisGoal     *goal)
{
  Node *node;

  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), NULL);

  node = g_hash_table_lookup (self->nodes, trellis_goal_get_id (goal));
  return (node && node->parent) ? node->parent->goal : NULL;
}

TrellisKeyResult *
trellis_goal_tree_find_key_result (TrellisGoalTree *self,
                                   const char      *key_result_id)
{
  Node *node;

  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), NULL);

  node = key_result_id ? g_hash_table_lookup (self->kr_nodes, key_result_id) : NULL;
  return node ? trellis_goal_find_key_result (node->goal, key_result_id) : NULL;
}

GPtrArray *
trellis_goal_tree_get_alignment_path (TrellisGoalTree *self,
                                      TrellisGoal     *goal)
{
  GPtrArray *path = g_ptr_array_new ();
  Node *node;

  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), path);

  node = g_hash_table_lookup (self->nodes, trellis_goal_get_id (goal));
  while (node != NULL && path->len <= g_hash_table_size (self->nodes))
    {
      g_ptr_array_insert (path, 0, node->goal);
      node = node->parent;
    }
  return path;
}

TrellisCycle *
trellis_goal_tree_find_cycle (TrellisGoalTree *self,
                              const char      *cycle_id)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), NULL);
  return cycle_id ? g_hash_table_lookup (self->cycles, cycle_id) : NULL;
}

typedef struct
{
  const char *owner_name;
  const char *cycle_id;
  double      sum;
} WeightGroup;

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const TrellisWeightProblem *pa = *(TrellisWeightProblem * const *)a;
  const TrellisWeightProblem *pb = *(TrellisWeightProblem * const *)b;
  int r = g_strcmp0 (pa->cycle_id, pb->cycle_id);

  if (r == 0)
    r = g_strcmp0 (pa->owner_name, pb->owner_name);
  if (r == 0)
    r = g_strcmp0 (pa->goal_id, pb->goal_id);
  return r;
}

GPtrArray *
trellis_goal_tree_check_weights (TrellisGoalTree *self)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify)trellis_weight_problem_free);
  GHashTableIter iter;
  WeightGroup *group;
  Node *node;

  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), problems);

  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&node))
    {
      TrellisGoal *goal = node->goal;
      GPtrArray *krs = trellis_goal_get_key_results (goal);
      g_autofree char *key = g_strdup_printf ("%s\n%s", trellis_goal_get_owner_id (goal),
                                              trellis_goal_get_cycle_id (goal));

      group = g_hash_table_lookup (groups, key);
      if (group == NULL)
        {
          group = g_new0 (WeightGroup, 1);
          group->owner_name = trellis_goal_get_owner_name (goal);
          group->cycle_id = trellis_goal_get_cycle_id (goal);
          g_hash_table_insert (groups, g_steal_pointer (&key), group);
        }
      group->sum += trellis_goal_get_weight (goal);

      if (krs->len > 0)
        {
          g_autofree double *weights = g_new (double, krs->len);
          double sum;

          for (guint i = 0; i < krs->len; i++)
            weights[i] = trellis_key_result_get_weight (g_ptr_array_index (krs, i));
          if (!trellis_okr_weights_sum_to_one (weights, krs->len, &sum))
            {
              TrellisWeightProblem *p = g_new0 (TrellisWeightProblem, 1);
              p->owner_name = g_strdup (trellis_goal_get_title (goal));
              p->cycle_id = g_strdup (trellis_goal_get_cycle_id (goal));
              p->goal_id = g_strdup (trellis_goal_get_id (goal));
              p->sum = sum;
              g_ptr_array_add (problems, p);
            }
        }
    }

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&group))
    {
      double one = group->sum;

      if (!trellis_okr_weights_sum_to_one (&one, 1, NULL))
        {
          TrellisWeightProblem *p = g_new0 (TrellisWeightProblem, 1);
          p->owner_name = g_strdup (group->owner_name);
          p->cycle_id = g_strdup (group->cycle_id);
          p->sum = group->sum;
          g_ptr_array_add (problems, p);
        }
    }

  g_ptr_array_sort (problems, compare_problems);
  return problems;
}

void
trellis_goal_tree_add_goal (TrellisGoalTree *self,
                            TrellisGoal     *goal)
{
  Node *node;

  g_return_if_fail (TRELLIS_IS_GOAL_TREE (self));
  g_return_if_fail (TRELLIS_IS_GOAL (goal));
  g_return_if_fail (g_hash_table_lookup (self->nodes, trellis_goal_get_id (goal)) == NULL);

  node = insert_node (self, goal, NULL);
  trellis_goal_set_owner_name (goal, trellis_goal_get_owner_name (goal) ? trellis_goal_get_owner_name (goal)
                                                                        : trellis_goal_get_owner_id (goal));
  node->parent = find_parent_node (self, goal);
  evaluate_node (self, node);

  if (node->parent != NULL)
    {
      double progress = trellis_goal_get_progress (goal);
      double weight = trellis_goal_get_weight (goal);

      g_ptr_array_add (node->parent->children, node);
      g_ptr_array_sort (node->parent->children, compare_nodes);
      node->parent->sum_weighted += weight * progress;
      node->parent->sum_weights += weight;
      node->parent->sum_plain += progress;
      publish_aligned (node->parent);
    }
  else
    g_list_store_append (self->roots, goal);

  g_list_store_append (self->all, goal);
}

const TrellisOkrThresholds *
trellis_goal_tree_get_thresholds (TrellisGoalTree *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), NULL);
  return &self->thresholds;
}

void
trellis_goal_tree_get_today (TrellisGoalTree *self,
                             GDate           *out_today)
{
  g_return_if_fail (TRELLIS_IS_GOAL_TREE (self));
  *out_today = self->today;
}
