/* trellis-goal-list.c
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

#define G_LOG_DOMAIN "trellis-goal-list"

#include "config.h"

#include "trellis-goal-list.h"
#include "trellis-goal-private.h"

struct _TrellisGoalList
{
  GObject          parent_instance;

  TrellisGoalTree *tree;           /* a reference unless the tree owns the list */
  gboolean         owned_by_tree;
  GArray          *indices;        /* of guint32 */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TrellisGoalList, trellis_goal_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return TRELLIS_TYPE_GOAL;
}

static guint
get_n_items (GListModel *model)
{
  return TRELLIS_GOAL_LIST (model)->indices->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  TrellisGoalList *self = TRELLIS_GOAL_LIST (model);

  if (self->tree == NULL || position >= self->indices->len)
    return NULL;
  return trellis_goal_tree_materialize (self->tree, g_array_index (self->indices, guint32, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
trellis_goal_list_finalize (GObject *object)
{
  TrellisGoalList *self = TRELLIS_GOAL_LIST (object);

  if (!self->owned_by_tree)
    g_clear_object (&self->tree);
  g_clear_pointer (&self->indices, g_array_unref);

  G_OBJECT_CLASS (trellis_goal_list_parent_class)->finalize (object);
}

static void
trellis_goal_list_class_init (TrellisGoalListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trellis_goal_list_finalize;
}

static void
trellis_goal_list_init (TrellisGoalList *self)
{
}

TrellisGoalList *
trellis_goal_list_new (TrellisGoalTree *tree,
                       gboolean         owned_by_tree,
                       GArray          *indices)
{
  TrellisGoalList *self;

  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (tree), NULL);

  self = g_object_new (TRELLIS_TYPE_GOAL_LIST, NULL);
  /* The tree's own lists must not keep it alive: that would be a cycle. */
  self->owned_by_tree = owned_by_tree;
  self->tree = owned_by_tree ? tree : g_object_ref (tree);
  self->indices = indices != NULL ? indices : g_array_new (FALSE, FALSE, sizeof (guint32));
  return self;
}

guint32
trellis_goal_list_get_index (TrellisGoalList *self,
                             guint            position)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_LIST (self), G_MAXUINT32);
  g_return_val_if_fail (position < self->indices->len, G_MAXUINT32);

  return g_array_index (self->indices, guint32, position);
}

void
trellis_goal_list_append (TrellisGoalList *self,
                          guint32          index)
{
  g_return_if_fail (TRELLIS_IS_GOAL_LIST (self));

  g_array_append_val (self->indices, index);
  g_list_model_items_changed (G_LIST_MODEL (self), self->indices->len - 1, 0, 1);
}

void
trellis_goal_list_forget_tree (TrellisGoalList *self)
{
  guint n;

  g_return_if_fail (TRELLIS_IS_GOAL_LIST (self));

  n = self->indices->len;
  self->tree = NULL;
  g_array_set_size (self->indices, 0);
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
}
