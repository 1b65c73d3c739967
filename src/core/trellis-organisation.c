/* trellis-organisation.c
 * Copyright 2026 The Trellis authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "trellis-organisation"

#include "config.h"

#include <string.h>

#include "trellis-org-repository.h"
#include "trellis-organisation.h"

typedef struct
{
  TrellisDepartment *department;
  GPtrArray         *children;   /* of DepartmentNode, id order */
  guint              pre;        /* pre-order number */
  guint              last;       /* largest pre-order number in the subtree */
  guint              own_count;  /* employees directly in it */
} DepartmentNode;

struct _TrellisOrganisation
{
  GObject     parent_instance;

  GListStore *employees;        /* id order */
  GListStore *departments;      /* tree pre-order */
  GHashTable *employee_by_id;   /* id → TrellisEmployee (borrowed from the store) */
  GHashTable *node_by_id;       /* id → DepartmentNode */
  GHashTable *reports_by_id;    /* manager id → GPtrArray of TrellisEmployee (borrowed) */
  GPtrArray  *roots;            /* of DepartmentNode */
};

G_DEFINE_FINAL_TYPE (TrellisOrganisation, trellis_organisation, G_TYPE_OBJECT)

static void
department_node_free (gpointer data)
{
  DepartmentNode *node = data;

  g_clear_object (&node->department);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

static int
compare_nodes (gconstpointer a,
               gconstpointer b)
{
  const DepartmentNode *na = *(DepartmentNode * const *)a;
  const DepartmentNode *nb = *(DepartmentNode * const *)b;

  return strcmp (trellis_department_get_id (na->department),
                 trellis_department_get_id (nb->department));
}

static int
compare_employees_by_name (gconstpointer a,
                           gconstpointer b)
{
  TrellisEmployee *ea = *(TrellisEmployee * const *)a;
  TrellisEmployee *eb = *(TrellisEmployee * const *)b;
  int r = g_utf8_collate (trellis_employee_get_name (ea), trellis_employee_get_name (eb));

  return r != 0 ? r : strcmp (trellis_employee_get_id (ea), trellis_employee_get_id (eb));
}

static void
trellis_organisation_finalize (GObject *object)
{
  TrellisOrganisation *self = (TrellisOrganisation *)object;

  g_clear_pointer (&self->reports_by_id, g_hash_table_unref);
  g_clear_pointer (&self->employee_by_id, g_hash_table_unref);
  g_clear_pointer (&self->roots, g_ptr_array_unref);
  g_clear_pointer (&self->node_by_id, g_hash_table_unref);
  g_clear_object (&self->employees);
  g_clear_object (&self->departments);

  G_OBJECT_CLASS (trellis_organisation_parent_class)->finalize (object);
}

static void
trellis_organisation_class_init (TrellisOrganisationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trellis_organisation_finalize;
}

static void
trellis_organisation_init (TrellisOrganisation *self)
{
  self->employees = g_list_store_new (TRELLIS_TYPE_EMPLOYEE);
  self->departments = g_list_store_new (TRELLIS_TYPE_DEPARTMENT);
  self->employee_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->node_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, department_node_free);
  self->reports_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                               (GDestroyNotify)g_ptr_array_unref);
  self->roots = g_ptr_array_new ();
}

/* Numbers the tree in pre-order and sums headcounts bottom-up. Iterative, so
 * a deep tree cannot overflow the stack. */
static void
number_tree (TrellisOrganisation *self,
             GPtrArray           *in_order)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  guint counter = 0;

  for (guint i = self->roots->len; i > 0; i--)
    g_ptr_array_add (stack, g_ptr_array_index (self->roots, i - 1));

  while (stack->len > 0)
    {
      DepartmentNode *node = g_ptr_array_steal_index (stack, stack->len - 1);

      node->pre = counter++;
      g_ptr_array_add (in_order, node);
      for (guint i = node->children->len; i > 0; i--)
        g_ptr_array_add (stack, g_ptr_array_index (node->children, i - 1));
    }

  /* Reverse pre-order visits children before parents. */
  for (guint i = in_order->len; i > 0; i--)
    {
      DepartmentNode *node = g_ptr_array_index (in_order, i - 1);
      guint total = node->own_count;

      node->last = node->pre;
      for (guint j = 0; j < node->children->len; j++)
        {
          DepartmentNode *child = g_ptr_array_index (node->children, j);
          node->last = MAX (node->last, child->last);
          total += trellis_department_get_headcount (child->department);
        }
      trellis_department_set_headcount (node->department, total);
    }
}

TrellisOrganisation *
trellis_organisation_load (TrellisStore  *store,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(TrellisOrganisation) self = NULL;
  g_autoptr(GPtrArray) departments = NULL;
  g_autoptr(GPtrArray) employees = NULL;
  g_autoptr(GPtrArray) in_order = NULL;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), NULL);

  departments = trellis_org_repository_list_departments (store, error);
  if (departments == NULL)
    return NULL;

  employees = trellis_org_repository_list_employees (store, cancellable, error);
  if (employees == NULL)
    return NULL;

  self = g_object_new (TRELLIS_TYPE_ORGANISATION, NULL);

  for (guint i = 0; i < departments->len; i++)
    {
      DepartmentNode *node = g_new0 (DepartmentNode, 1);

      node->department = g_object_ref (g_ptr_array_index (departments, i));
      node->children = g_ptr_array_new ();
      g_hash_table_insert (self->node_by_id,
                           (gpointer)trellis_department_get_id (node->department), node);
    }

  for (guint i = 0; i < departments->len; i++)
    {
      TrellisDepartment *department = g_ptr_array_index (departments, i);
      DepartmentNode *node = g_hash_table_lookup (self->node_by_id, trellis_department_get_id (department));
      const char *parent_id = trellis_department_get_parent_id (department);
      DepartmentNode *parent = parent_id ? g_hash_table_lookup (self->node_by_id, parent_id) : NULL;

      g_ptr_array_add (parent ? parent->children : self->roots, node);
    }

  g_ptr_array_sort (self->roots, compare_nodes);
  for (guint i = 0; i < departments->len; i++)
    {
      DepartmentNode *node = g_hash_table_lookup (self->node_by_id,
                                                  trellis_department_get_id (g_ptr_array_index (departments, i)));
      g_ptr_array_sort (node->children, compare_nodes);
    }

  for (guint i = 0; i < employees->len; i++)
    {
      TrellisEmployee *employee = g_ptr_array_index (employees, i);
      const char *manager_id = trellis_employee_get_manager_id (employee);
      DepartmentNode *node = g_hash_table_lookup (self->node_by_id,
                                                  trellis_employee_get_department_id (employee));

      g_hash_table_insert (self->employee_by_id, (gpointer)trellis_employee_get_id (employee), employee);

      if (node != NULL)
        {
          node->own_count++;
          trellis_employee_set_department_name (employee, trellis_department_get_name (node->department));
        }

      if (manager_id != NULL)
        {
          GPtrArray *reports = g_hash_table_lookup (self->reports_by_id, manager_id);

          if (reports == NULL)
            {
              reports = g_ptr_array_new ();
              g_hash_table_insert (self->reports_by_id, (gpointer)manager_id, reports);
            }
          g_ptr_array_add (reports, employee);
        }
    }

  in_order = g_ptr_array_new ();
  number_tree (self, in_order);

  {
    g_autofree gpointer *items = g_new (gpointer, in_order->len);

    for (guint i = 0; i < in_order->len; i++)
      items[i] = ((DepartmentNode *)g_ptr_array_index (in_order, i))->department;
    g_list_store_splice (self->departments, 0, 0, items, in_order->len);
  }

  g_list_store_splice (self->employees, 0, 0, employees->pdata, employees->len);

  return g_steal_pointer (&self);
}

GListModel *
trellis_organisation_get_employees (TrellisOrganisation *self)
{
  g_return_val_if_fail (TRELLIS_IS_ORGANISATION (self), NULL);
  return G_LIST_MODEL (self->employees);
}

GListModel *
trellis_organisation_get_departments (TrellisOrganisation *self)
{
  g_return_val_if_fail (TRELLIS_IS_ORGANISATION (self), NULL);
  return G_LIST_MODEL (self->departments);
}

guint
trellis_organisation_get_n_employees (TrellisOrganisation *self)
{
  g_return_val_if_fail (TRELLIS_IS_ORGANISATION (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->employees));
}

GListModel *
trellis_organisation_list_child_departments (TrellisOrganisation *self,
                                             const char          *parent_id)
{
  GListStore *store;
  GPtrArray *children;

  g_return_val_if_fail (TRELLIS_IS_ORGANISATION (self), NULL);

  store = g_list_store_new (TRELLIS_TYPE_DEPARTMENT);

  if (parent_id == NULL)
    children = self->roots;
  else
    {
      DepartmentNode *node = g_hash_table_lookup (self->node_by_id, parent_id);
      children = node ? node->children : NULL;
    }

  for (guint i = 0; children != NULL && i < children->len; i++)
    g_list_store_append (store, ((DepartmentNode *)g_ptr_array_index (children, i))->department);

  return G_LIST_MODEL (store);
}

TrellisDepartment *
trellis_organisation_find_department (TrellisOrganisation *self,
                                      const char          *id)
{
  DepartmentNode *node;

  g_return_val_if_fail (TRELLIS_IS_ORGANISATION (self), NULL);

  if (id == NULL)
    return NULL;
  node = g_hash_table_lookup (self->node_by_id, id);
  return node ? node->department : NULL;
}

TrellisEmployee *
trellis_organisation_find_employee (TrellisOrganisation *self,
                                    const char          *id)
{
  g_return_val_if_fail (TRELLIS_IS_ORGANISATION (self), NULL);

  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->employee_by_id, id);
}

gboolean
trellis_organisation_department_is_within (TrellisOrganisation *self,
                                           const char          *department_id,
                                           const char          *ancestor_id)
{
  DepartmentNode *node, *ancestor;

  g_return_val_if_fail (TRELLIS_IS_ORGANISATION (self), FALSE);

  if (department_id == NULL || ancestor_id == NULL)
    return FALSE;

  node = g_hash_table_lookup (self->node_by_id, department_id);
  ancestor = g_hash_table_lookup (self->node_by_id, ancestor_id);
  if (node == NULL || ancestor == NULL)
    return FALSE;

  return node->pre >= ancestor->pre && node->pre <= ancestor->last;
}

GPtrArray *
trellis_organisation_get_department_path (TrellisOrganisation *self,
                                          const char          *department_id)
{
  GPtrArray *path = g_ptr_array_new ();
  TrellisDepartment *department;

  g_return_val_if_fail (TRELLIS_IS_ORGANISATION (self), path);

  department = trellis_organisation_find_department (self, department_id);
  /* The tree was built from a loop-free table, but stay bounded anyway. */
  while (department != NULL && path->len <= g_hash_table_size (self->node_by_id))
    {
      g_ptr_array_insert (path, 0, department);
      department = trellis_organisation_find_department (self, trellis_department_get_parent_id (department));
    }

  return path;
}

GPtrArray *
trellis_organisation_get_manager_chain (TrellisOrganisation *self,
                                        const char          *employee_id)
{
  GPtrArray *chain = g_ptr_array_new ();
  TrellisEmployee *employee;
  guint limit;

  g_return_val_if_fail (TRELLIS_IS_ORGANISATION (self), chain);

  limit = g_hash_table_size (self->employee_by_id);
  employee = trellis_organisation_find_employee (self, employee_id);
  if (employee == NULL)
    return chain;

  employee = trellis_organisation_find_employee (self, trellis_employee_get_manager_id (employee));
  while (employee != NULL && chain->len < limit)
    {
      g_ptr_array_add (chain, employee);
      employee = trellis_organisation_find_employee (self, trellis_employee_get_manager_id (employee));
    }

  return chain;
}

GListModel *
trellis_organisation_list_direct_reports (TrellisOrganisation *self,
                                          const char          *employee_id)
{
  GListStore *store;
  GPtrArray *reports;

  g_return_val_if_fail (TRELLIS_IS_ORGANISATION (self), NULL);

  store = g_list_store_new (TRELLIS_TYPE_EMPLOYEE);
  reports = employee_id ? g_hash_table_lookup (self->reports_by_id, employee_id) : NULL;
  if (reports != NULL)
    {
      g_autoptr(GPtrArray) sorted = g_ptr_array_copy (reports, NULL, NULL);

      g_ptr_array_sort (sorted, compare_employees_by_name);
      g_list_store_splice (store, 0, 0, sorted->pdata, sorted->len);
    }

  return G_LIST_MODEL (store);
}

guint
trellis_organisation_count_direct_reports (TrellisOrganisation *self,
                                           const char          *employee_id)
{
  GPtrArray *reports;

  g_return_val_if_fail (TRELLIS_IS_ORGANISATION (self), 0);

  reports = employee_id ? g_hash_table_lookup (self->reports_by_id, employee_id) : NULL;
  return reports ? reports->len : 0;
}
