/* goals-test-utils.c
 *
 * Copyright 2026 The Trellis authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "goals-test-utils.h"

static const struct { const char *id, *name; TrellisDepartmentKind kind; const char *parent, *head; } departments[] = {
  { "C", "Acme", TRELLIS_DEPARTMENT_COMPANY, NULL, "E1" },
  { "R1", "North", TRELLIS_DEPARTMENT_REGION, "C", "E2" },
  { "R1-S", "Sales", TRELLIS_DEPARTMENT_DEPARTMENT, "R1", "E4" },
  { "R1-S-T1", "Team 1", TRELLIS_DEPARTMENT_TEAM, "R1-S", NULL },
  { "R2", "South", TRELLIS_DEPARTMENT_REGION, "C", "E3" },
  { "HR", "People", TRELLIS_DEPARTMENT_DEPARTMENT, "C", "E8" },
};

static const struct { const char *id, *name, *level, *department, *manager; } employees[] = {
  { "E1", "Ann", "M5", "C", NULL },
  { "E2", "Bob", "M3", "R1", "E1" },
  { "E3", "Cat", "M3", "R2", "E1" },
  { "E4", "Dan", "M2", "R1-S", "E2" },
  { "E5", "Eve", "P3", "R1-S-T1", "E4" },
  { "E6", "Fay", "P2", "R1-S-T1", "E4" },
  { "E7", "Gus", "P3", "R2", "E3" },
  { "E8", "Hal", "M2", "HR", "E1" },
  { "E9", "Ivy", "P4", "HR", "E8" },
};

void
goals_test_add_employee (TrellisStore *store,
                         const char   *id,
                         const char   *name,
                         const char   *level,
                         const char   *department_id,
                         const char   *manager_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisEmployee) e = trellis_employee_new (&(TrellisEmployeeFields) {
    .id = id,
    .name = name,
    .title = "Staff",
    .level = level,
    .department_id = department_id,
    .manager_id = manager_id,
    .hire_date = "2020-03-01",
    .active = TRUE,
  });

  g_assert_true (trellis_org_repository_insert_employee (store, e, &error));
  g_assert_no_error (error);
}

TrellisStore *
goals_test_open_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (GOALS_TEST_START, NULL);
  g_autoptr(TrellisClock) clock = trellis_clock_new_fixed (start);
  g_autoptr(GPtrArray) cycles = trellis_cycle_build_year (2026);
  TrellisStore *store = trellis_store_open (":memory:", &error);

  g_assert_no_error (error);
  trellis_store_set_clock (store, clock);
  g_assert_true (trellis_store_begin (store, &error));

  for (guint i = 0; i < G_N_ELEMENTS (departments); i++)
    {
      g_autoptr(TrellisDepartment) d = trellis_department_new (departments[i].id, departments[i].name,
                                                               departments[i].kind, departments[i].parent,
                                                               departments[i].head);
      g_assert_true (trellis_org_repository_insert_department (store, d, &error));
    }

  for (guint i = 0; i < G_N_ELEMENTS (employees); i++)
    goals_test_add_employee (store, employees[i].id, employees[i].name, employees[i].level,
                             employees[i].department, employees[i].manager);

  for (guint i = 0; i < cycles->len; i++)
    g_assert_true (trellis_org_repository_insert_cycle (store, g_ptr_array_index (cycles, i), &error));

  g_assert_true (trellis_store_commit (store, &error));
  g_assert_no_error (error);
  return store;
}

void
goals_test_tick (TrellisStore *store,
                 int           minutes)
{
  TrellisClock *clock = trellis_store_get_clock (store);
  g_autoptr(GDateTime) now = trellis_clock_get_now (clock);
  g_autoptr(GDateTime) later = g_date_time_add_minutes (now, minutes);

  trellis_clock_set_now (clock, later);
}

TrellisGoal *
goals_test_add_goal (TrellisStore        *store,
                     const GoalsTestGoal *spec)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisGoal) goal = NULL;
  gboolean for_employee = spec->owner_kind == TRELLIS_OWNER_EMPLOYEE;
  TrellisGoal *stored;

  goal = trellis_goal_new (&(TrellisGoalFields) {
    .id = spec->id,
    .kind = spec->kind,
    .title = spec->title,
    .owner_kind = spec->owner_kind,
    .department_id = for_employee ? NULL : spec->owner_id,
    .employee_id = for_employee ? spec->owner_id : NULL,
    .cycle_id = spec->cycle_id ? spec->cycle_id : "2026-Q1",
    .weight = 1.0,
    .original_weight = 1.0,
    .state = spec->state,
  });

  for (guint i = 0; i < G_N_ELEMENTS (spec->key_results) && spec->key_results[i].id != NULL; i++)
    {
      const GoalsTestKeyResult *k = &spec->key_results[i];
      g_autoptr(TrellisKeyResult) kr = trellis_key_result_new (&(TrellisKeyResultFields) {
        .id = k->id,
        .goal_id = spec->id,
        .title = k->title,
        .measure = k->measure,
        .baseline = k->baseline,
        .target = k->target,
        .original_target = k->target,
        .current = k->baseline,
        .unit = k->unit,
        .weight = k->weight,
        .original_weight = k->weight,
        .position = (int)i,
        .confidence = -1,
      });
      trellis_goal_add_key_result (goal, kr);
    }

  g_assert_true (trellis_goal_repository_insert_goal (store, goal, &error));
  g_assert_no_error (error);

  stored = trellis_goal_repository_get_goal (store, spec->id, &error);
  g_assert_no_error (error);
  return stored;
}

char *
goals_test_query (TrellisStore *store,
                  const char   *sql)
{
  g_autoptr(GString) text = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (trellis_store_get_handle (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *value = (const char *)sqlite3_column_text (stmt, c);

          if (c > 0)
            g_string_append_c (text, '|');
          g_string_append (text, value ? value : "");
        }
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gint64
goals_test_count (TrellisStore *store,
                  const char   *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (trellis_store_get_handle (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

double
goals_test_key_result_weight (TrellisStore *store,
                              const char   *key_result_id)
{
  sqlite3_stmt *stmt = NULL;
  double weight;

  g_assert_cmpint (sqlite3_prepare_v2 (trellis_store_get_handle (store),
                                       "SELECT weight FROM key_results WHERE id = ?1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, key_result_id, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  weight = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  return weight;
}
