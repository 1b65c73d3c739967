/* trellis-org-repository.c
 * Copyright 2026 The Trellis authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "trellis-org-repository"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "trellis-date.h"
#include "trellis-org-repository.h"

G_DEFINE_QUARK (trellis-org-error-quark, trellis_org_error)

gboolean
trellis_org_repository_insert_department (TrellisStore      *store,
                                          TrellisDepartment *department,
                                          GError           **error)
{
  sqlite3_stmt *stmt;

  stmt = trellis_store_prepare (store,
                                "INSERT INTO departments (id, name, kind, parent_id, head_id) "
                                "VALUES (?1, ?2, ?3, ?4, ?5)",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, trellis_department_get_id (department), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, trellis_department_get_name (department), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, trellis_department_kind_to_string (trellis_department_get_kind (department)),
                     -1, SQLITE_STATIC);
  trellis_stmt_bind_text_or_null (stmt, 4, trellis_department_get_parent_id (department));
  trellis_stmt_bind_text_or_null (stmt, 5, trellis_department_get_head_id (department));

  if (!trellis_store_step_done (store, stmt, error))
    {
      g_prefix_error (error, "Department “%s”: ", trellis_department_get_id (department));
      return FALSE;
    }

  return TRUE;
}

gboolean
trellis_org_repository_insert_employee (TrellisStore     *store,
                                        TrellisEmployee  *employee,
                                        GError          **error)
{
  TrellisEmployeeFields f;
  sqlite3_stmt *stmt;

  stmt = trellis_store_prepare (store,
                                "INSERT INTO employees (id, name, english_name, email, title, level,"
                                " department_id, manager_id, hire_date, active) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                                error);
  if (stmt == NULL)
    return FALSE;

  trellis_employee_get_fields (employee, &f);
  sqlite3_bind_text (stmt, 1, f.id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, f.name, -1, SQLITE_STATIC);
  trellis_stmt_bind_text_or_null (stmt, 3, f.english_name);
  trellis_stmt_bind_text_or_null (stmt, 4, f.email);
  trellis_stmt_bind_text_or_null (stmt, 5, f.title);
  trellis_stmt_bind_text_or_null (stmt, 6, f.level);
  trellis_stmt_bind_text_or_null (stmt, 7, f.department_id);
  trellis_stmt_bind_text_or_null (stmt, 8, f.manager_id);
  trellis_stmt_bind_text_or_null (stmt, 9, f.hire_date);
  sqlite3_bind_int (stmt, 10, f.active ? 1 : 0);

  if (!trellis_store_step_done (store, stmt, error))
    {
      g_prefix_error (error, "Employee “%s”: ", f.id);
      return FALSE;
    }

  return TRUE;
}

gboolean
trellis_org_repository_insert_cycle (TrellisStore  *store,
                                     TrellisCycle  *cycle,
                                     GError       **error)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  sqlite3_stmt *stmt;
  GDate date;

  stmt = trellis_store_prepare (store,
                                "INSERT INTO cycles (id, kind, name, start_date, end_date, parent_id) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                error);
  if (stmt == NULL)
    return FALSE;

  trellis_cycle_get_start (cycle, &date);
  start = trellis_date_to_string (&date);
  trellis_cycle_get_end (cycle, &date);
  end = trellis_date_to_string (&date);

  sqlite3_bind_text (stmt, 1, trellis_cycle_get_id (cycle), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, trellis_cycle_kind_to_string (trellis_cycle_get_kind (cycle)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, trellis_cycle_get_name (cycle), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, start, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, end, -1, SQLITE_STATIC);
  trellis_stmt_bind_text_or_null (stmt, 6, trellis_cycle_get_parent_id (cycle));

  if (!trellis_store_step_done (store, stmt, error))
    {
      g_prefix_error (error, "Cycle “%s”: ", trellis_cycle_get_id (cycle));
      return FALSE;
    }

  return TRUE;
}

/* Reads a whole id → parent column into a hash table, for loop checks. */
static GHashTable *
read_links (TrellisStore  *store,
            const char    *sql,
            GError       **error)
{
  g_autoptr(GHashTable) links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = trellis_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *parent = trellis_stmt_column_text (stmt, 1);
      g_hash_table_insert (links,
                           g_strdup (trellis_stmt_column_text (stmt, 0)),
                           g_strdup (parent));
    }

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read the organisation");
      return NULL;
    }

  return g_steal_pointer (&links);
}

static char *
describe_from_store (const char *id,
                     gpointer    user_data)
{
  TrellisStore *store = user_data;
  sqlite3_stmt *stmt;
  char *result = NULL;

  stmt = trellis_store_prepare (store,
                                "SELECT name FROM employees WHERE id = ?1 "
                                "UNION ALL SELECT name FROM departments WHERE id = ?1 LIMIT 1",
                                NULL);
  if (stmt == NULL)
    return g_strdup (id);

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup_printf ("%s (%s)", trellis_stmt_column_text (stmt, 0), id);
  sqlite3_reset (stmt);

  return result ? result : g_strdup (id);
}

static gboolean
check_exists (TrellisStore  *store,
              const char    *table_sql,
              const char    *id,
              const char    *what,
              GError       **error)
{
  sqlite3_stmt *stmt = trellis_store_prepare (store, table_sql, error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  if (!found)
    g_set_error (error, TRELLIS_ORG_ERROR, TRELLIS_ORG_ERROR_UNKNOWN_REFERENCE,
                 "There is no %s with id “%s”", what, id);
  return found;
}

gboolean
trellis_org_repository_set_manager (TrellisStore  *store,
                                    const char    *employee_id,
                                    const char    *manager_id,
                                    GError       **error)
{
  g_autoptr(GHashTable) links = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);
  g_return_val_if_fail (employee_id != NULL, FALSE);

  if (!check_exists (store, "SELECT 1 FROM employees WHERE id = ?1", employee_id, "employee", error))
    return FALSE;

  if (manager_id != NULL)
    {
      if (!check_exists (store, "SELECT 1 FROM employees WHERE id = ?1", manager_id, "employee", error))
        return FALSE;

      links = read_links (store, "SELECT id, manager_id FROM employees", error);
      if (links == NULL)
        return FALSE;

      g_hash_table_insert (links, g_strdup (employee_id), g_strdup (manager_id));
      if (!trellis_org_check_manager_loops (links, describe_from_store, store, error))
        return FALSE;
    }

  stmt = trellis_store_prepare (store, "UPDATE employees SET manager_id = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, employee_id, -1, SQLITE_TRANSIENT);
  trellis_stmt_bind_text_or_null (stmt, 2, manager_id);
  return trellis_store_step_done (store, stmt, error);
}

gboolean
trellis_org_repository_set_department_parent (TrellisStore  *store,
                                              const char    *department_id,
                                              const char    *parent_id,
                                              GError       **error)
{
  g_autoptr(GHashTable) links = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);
  g_return_val_if_fail (department_id != NULL, FALSE);

  if (!check_exists (store, "SELECT 1 FROM departments WHERE id = ?1", department_id, "department", error))
    return FALSE;

  if (parent_id != NULL)
    {
      if (!check_exists (store, "SELECT 1 FROM departments WHERE id = ?1", parent_id, "department", error))
        return FALSE;

      links = read_links (store, "SELECT id, parent_id FROM departments", error);
      if (links == NULL)
        return FALSE;

      g_hash_table_insert (links, g_strdup (department_id), g_strdup (parent_id));
      if (!trellis_org_check_department_loops (links, describe_from_store, store, error))
        return FALSE;
    }

  stmt = trellis_store_prepare (store, "UPDATE departments SET parent_id = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, department_id, -1, SQLITE_TRANSIENT);
  trellis_stmt_bind_text_or_null (stmt, 2, parent_id);
  return trellis_store_step_done (store, stmt, error);
}

GPtrArray *
trellis_org_repository_list_departments (TrellisStore  *store,
                                         GError       **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = trellis_store_prepare (store,
                                "SELECT id, name, kind, parent_id, head_id FROM departments ORDER BY id",
                                error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TrellisDepartmentKind kind = TRELLIS_DEPARTMENT_DEPARTMENT;

      trellis_department_kind_from_string (trellis_stmt_column_text (stmt, 2), &kind);
      g_ptr_array_add (result,
                       trellis_department_new (trellis_stmt_column_text (stmt, 0),
                                               trellis_stmt_column_text (stmt, 1),
                                               kind,
                                               trellis_stmt_column_text (stmt, 3),
                                               trellis_stmt_column_text (stmt, 4)));
    }

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read departments");
      return NULL;
    }

  return g_steal_pointer (&result);
}

static TrellisEmployee *
employee_from_row (sqlite3_stmt *stmt)
{
  TrellisEmployeeFields f = {
    .id = trellis_stmt_column_text (stmt, 0),
    .name = trellis_stmt_column_text (stmt, 1),
    .english_name = trellis_stmt_column_text (stmt, 2),
    .email = trellis_stmt_column_text (stmt, 3),
    .title = trellis_stmt_column_text (stmt, 4),
    .level = trellis_stmt_column_text (stmt, 5),
    .department_id = trellis_stmt_column_text (stmt, 6),
    .manager_id = trellis_stmt_column_text (stmt, 7),
    .hire_date = trellis_stmt_column_text (stmt, 8),
    .active = sqlite3_column_int (stmt, 9) != 0,
  };

  return trellis_employee_new (&f);
}

#define EMPLOYEE_COLUMNS \
  "id, name, english_name, email, title, level, department_id, manager_id, hire_date, active"

GPtrArray *
trellis_org_repository_list_employees (TrellisStore  *store,
                                       GCancellable  *cancellable,
                                       GError       **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = trellis_store_prepare (store, "SELECT " EMPLOYEE_COLUMNS " FROM employees ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (result, employee_from_row (stmt));

      if ((result->len & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (stmt);
          return NULL;
        }
    }

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read employees");
      return NULL;
    }

  return g_steal_pointer (&result);
}

TrellisEmployee *
trellis_org_repository_get_employee (TrellisStore  *store,
                                     const char    *employee_id,
                                     GError       **error)
{
  TrellisEmployee *employee = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = trellis_store_prepare (store, "SELECT " EMPLOYEE_COLUMNS " FROM employees WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, employee_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    employee = employee_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, TRELLIS_ORG_ERROR, TRELLIS_ORG_ERROR_UNKNOWN_REFERENCE,
                 "There is no employee with id “%s”", employee_id);
  else
    trellis_store_set_error (store, error, "Could not read an employee");
  sqlite3_reset (stmt);

  return employee;
}

GPtrArray *
trellis_org_repository_list_cycles (TrellisStore  *store,
                                    GError       **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = trellis_store_prepare (store,
                                "SELECT id, kind, name, start_date, end_date, parent_id FROM cycles "
                                "ORDER BY start_date, end_date DESC, id",
                                error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TrellisCycleKind kind = TRELLIS_CYCLE_YEAR;
      GDate start, end;

      trellis_cycle_kind_from_string (trellis_stmt_column_text (stmt, 1), &kind);
      if (!trellis_date_parse (trellis_stmt_column_text (stmt, 3), &start) ||
          !trellis_date_parse (trellis_stmt_column_text (stmt, 4), &end))
        continue;
      g_ptr_array_add (result,
                       trellis_cycle_new (trellis_stmt_column_text (stmt, 0), kind,
                                          trellis_stmt_column_text (stmt, 2),
                                          &start, &end,
                                          trellis_stmt_column_text (stmt, 5)));
    }

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read cycles");
      return NULL;
    }

  return g_steal_pointer (&result);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Walks every chain once (white/grey/black colouring), so the whole check is
 * linear in the number of people even for 100,000. */
static gboolean
check_loops (GHashTable          *parent_of,
             TrellisDescribeFunc  describe,
             gpointer             user_data,
             int                  code,
             const char          *what,
             GError             **error)
{
  g_autoptr(GHashTable) state = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree const char **ids = NULL;
  guint n_ids = 0;
  enum { VISITING = 1, DONE = 2 };

  ids = (const char **)g_hash_table_get_keys_as_array (parent_of, &n_ids);
  qsort (ids, n_ids, sizeof (char *), compare_strings);

  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(GPtrArray) path = g_ptr_array_new ();
      const char *id = ids[i];

      while (id != NULL && GPOINTER_TO_INT (g_hash_table_lookup (state, id)) == 0)
        {
          g_hash_table_insert (state, (gpointer)id, GINT_TO_POINTER (VISITING));
          g_ptr_array_add (path, (gpointer)id);
          id = g_hash_table_lookup (parent_of, id);
        }

      if (id != NULL && GPOINTER_TO_INT (g_hash_table_lookup (state, id)) == VISITING)
        {
          g_autoptr(GString) message = g_string_new (NULL);
          guint start = 0;

          while (g_strcmp0 (g_ptr_array_index (path, start), id) != 0)
            start++;

          for (guint j = start; j <= path->len; j++)
            {
              const char *member = j < path->len ? g_ptr_array_index (path, j) : id;
              g_autofree char *label = describe ? describe (member, user_data) : NULL;

              if (j > start)
                g_string_append (message, " → ");
              g_string_append (message, label ? label : member);
            }

          g_set_error (error, TRELLIS_ORG_ERROR, code, "%s loop: %s", what, message->str);
          return FALSE;
        }

      for (guint j = 0; j < path->len; j++)
        g_hash_table_insert (state, g_ptr_array_index (path, j), GINT_TO_POINTER (DONE));
    }

  return TRUE;
}

gboolean
trellis_org_check_manager_loops (GHashTable           *manager_of,
                                 TrellisDescribeFunc   describe,
                                 gpointer              user_data,
                                 GError              **error)
{
  return check_loops (manager_of, describe, user_data,
                      TRELLIS_ORG_ERROR_MANAGER_LOOP, "Manager", error);
}

gboolean
trellis_org_check_department_loops (GHashTable           *parent_of,
                                    TrellisDescribeFunc   describe,
                                    gpointer              user_data,
                                    GError              **error)
{
  return check_loops (parent_of, describe, user_data,
                      TRELLIS_ORG_ERROR_DEPARTMENT_LOOP, "Department", error);
}
