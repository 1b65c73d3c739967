/* trellis-goal-children-model.c
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

#define G_LOG_DOMAIN "trellis-goal-children-model"

#include "config.h"

#include "trellis-goal-children-model.h"

struct _TrellisGoalChildrenModel
{
  GObject          parent_instance;

  TrellisGoalTree *tree;
  TrellisGoal     *goal;
  GListModel      *children;   /* NULL until first asked */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TrellisGoalChildrenModel, trellis_goal_children_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GListModel *
ensure_children (TrellisGoalChildrenModel *self)
{
  if (self->children == NULL)
    self->children = trellis_goal_tree_list_children (self->tree, self->goal);

  return self->children;
}

static GType
get_item_type (GListModel *model)
{
  return TRELLIS_TYPE_GOAL;
}

static guint
get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (ensure_children (TRELLIS_GOAL_CHILDREN_MODEL (model)));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  return g_list_model_get_item (ensure_children (TRELLIS_GOAL_CHILDREN_MODEL (model)), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
trellis_goal_children_model_finalize (GObject *object)
{
  TrellisGoalChildrenModel *self = TRELLIS_GOAL_CHILDREN_MODEL (object);

  g_clear_object (&self->children);
  g_clear_object (&self->goal);
  g_clear_object (&self->tree);

  G_OBJECT_CLASS (trellis_goal_children_model_parent_class)->finalize (object);
}

static void
trellis_goal_children_model_class_init (TrellisGoalChildrenModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trellis_goal_children_model_finalize;
}

static void
trellis_goal_children_model_init (TrellisGoalChildrenModel *self)
{
}

GListModel *
trellis_goal_children_model_new (TrellisGoalTree *tree,
                                 TrellisGoal     *goal)
{
  TrellisGoalChildrenModel *self;

  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (tree), NULL);
  g_return_val_if_fail (TRELLIS_IS_GOAL (goal), NULL);

  self = g_object_new (TRELLIS_TYPE_GOAL_CHILDREN_MODEL, NULL);
  self->tree = g_object_ref (tree);
  self->goal = g_object_ref (goal);

  return G_LIST_MODEL (self);
}
