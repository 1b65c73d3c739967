/* test-demo.c
 *
 * Copyright 2026 The Trellis authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trellis-core.h"

static TrellisStore *
generate (guint   n,
          guint64 seed)
{
  g_autoptr(GError) error = NULL;
  TrellisStore *store = trellis_store_open (":memory:", &error);
  TrellisDemoOptions options;

  g_assert_no_error (error);
  trellis_demo_options_init (&options, 2026);
  options.n_employees = n;
  options.seed = seed;
  /* The organisation's shape; goals are tested in tests/demo. */
  options.with_goals = FALSE;
  g_assert_true (trellis_demo_generate (store, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static char *
dump (TrellisStore *store,
      const char   *sql)
{
  g_autoptr(GString) s = g_string_new (NULL);
  sqlite3_stmt *stmt = trellis_store_prepare (store, sql, NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *text = trellis_stmt_column_text (stmt, c);
          g_string_append (s, text ? text : "∅");
          g_string_append_c (s, '|');
        }
      g_string_append_c (s, '\n');
    }
  sqlite3_reset (stmt);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gint64
count (TrellisStore *store,
       const char   *sql)
{
  sqlite3_stmt *stmt = trellis_store_prepare (store, sql, NULL);
  gint64 n;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static void
test_deterministic (void)
{
  g_autoptr(TrellisStore) a = generate (2100, 4);
  g_autoptr(TrellisStore) b = generate (2100, 4);
  g_autoptr(TrellisStore) c = generate (2100, 5);
  const char *sql = "SELECT * FROM employees ORDER BY id";
  g_autofree char *dump_a = dump (a, sql);
  g_autofree char *dump_b = dump (b, sql);
  g_autofree char *dump_c = dump (c, sql);
  g_autofree char *departments_a = dump (a, "SELECT * FROM departments ORDER BY id");
  g_autofree char *departments_b = dump (b, "SELECT * FROM departments ORDER BY id");

  g_assert_cmpstr (dump_a, ==, dump_b);
  g_assert_cmpstr (departments_a, ==, departments_b);
  g_assert_cmpstr (dump_a, !=, dump_c);
}

static void
test_shape (void)
{
  static const guint sizes[] = { 30, 97, 2100, 5000 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(TrellisStore) store = generate (sizes[i], 4);
      g_autoptr(GError) error = NULL;
      g_autoptr(TrellisOrganisation) org = trellis_organisation_load (store, NULL, &error);
      g_autoptr(GHashTable) links = g_hash_table_new (g_str_hash, g_str_equal);
      GListModel *employees;

      g_test_message ("%u employees", sizes[i]);
      g_assert_no_error (error);
      employees = trellis_organisation_get_employees (org);

      /* Exactly the number asked for, one person at the top. */
      g_assert_cmpuint (g_list_model_get_n_items (employees), ==, sizes[i]);
      g_assert_cmpint (count (store, "SELECT count(*) FROM employees WHERE manager_id IS NULL"), ==, 1);
      g_assert_cmpint (count (store, "SELECT count(*) FROM departments WHERE parent_id IS NULL"), ==, 1);
      g_assert_cmpuint (trellis_department_get_headcount (trellis_organisation_find_department (org, "C")),
                        ==, sizes[i]);

      /* Unique emails, names and English names for everyone. */
      g_assert_cmpint (count (store, "SELECT count(DISTINCT email) FROM employees"), ==, sizes[i]);
      g_assert_cmpint (count (store, "SELECT count(*) FROM employees WHERE english_name IS NULL OR title IS NULL"
                                     " OR level IS NULL OR hire_date IS NULL"), ==, 0);
      /* Nobody was hired in or after the demo's year. */
      g_assert_cmpint (count (store, "SELECT count(*) FROM employees WHERE hire_date >= '2026-01-01'"), ==, 0);

      /* Every department head works in that department or a team below it. */
      g_assert_cmpint (count (store,
                              "SELECT count(*) FROM departments d JOIN employees e ON e.id = d.head_id "
                              "WHERE e.department_id <> d.id AND d.kind IN ('department', 'team')"), ==, 0);

      /* No one manages themselves through a loop. */
      for (guint j = 0; j < sizes[i]; j++)
        {
          g_autoptr(TrellisEmployee) e = g_list_model_get_item (employees, j);
          g_hash_table_insert (links, (gpointer)trellis_employee_get_id (e),
                               (gpointer)trellis_employee_get_manager_id (e));
        }
      g_assert_true (trellis_org_check_manager_loops (links, NULL, NULL, &error));

      /* The year's cycles: 1 + 2 + 4 + 12 + 53 weeks. */
      g_assert_cmpint (count (store, "SELECT count(*) FROM cycles"), ==, 72);
    }
}

/* Seed 004's company: 17 regions of sales and service staff under a head office. */
static void
test_seed_004_company (void)
{
  g_autoptr(TrellisStore) store = generate (2100, 4);

  g_assert_cmpint (count (store, "SELECT count(*) FROM departments WHERE kind = 'region' AND id LIKE 'R%'"), ==, 17);
  g_assert_cmpint (count (store, "SELECT count(*) FROM employees WHERE title = '大区总监'"), ==, 17);
  g_assert_cmpint (count (store, "SELECT count(*) FROM employees WHERE title = '总裁'"), ==, 1);
  /* Field staff are the great majority (the seed: 2,100 sales and service people). */
  g_assert_cmpint (count (store, "SELECT count(*) FROM employees WHERE department_id LIKE 'R%'"), >=, 1900);
  /* No team is led by more than one person or has more than 12 members. */
  g_assert_cmpint (count (store, "SELECT max(n) FROM (SELECT count(*) AS n FROM employees e "
                                 "JOIN departments d ON d.id = e.department_id WHERE d.kind = 'team' "
                                 "GROUP BY d.id)"), <=, 12);
  g_assert_cmpint (count (store, "SELECT count(*) FROM workspace_meta WHERE key = 'name'"), ==, 1);
}

typedef struct { double last; guint calls; } Progress;

static void
on_progress (double fraction, const char *message, gpointer user_data)
{
  Progress *p = user_data;

  g_assert_cmpfloat (fraction, >=, p->last);
  g_assert_nonnull (message);
  p->last = fraction;
  p->calls++;
}

static void
test_progress_and_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = trellis_store_open (":memory:", &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  TrellisDemoOptions options;
  Progress progress = { 0 };

  trellis_demo_options_init (&options, 2026);
  options.n_employees = 5000;
  options.with_goals = FALSE;

  g_cancellable_cancel (cancellable);
  g_assert_false (trellis_demo_generate (store, &options, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  for (const char * const *t = trellis_store_list_tables (); *t; t++)
    if (!g_str_equal (*t, "workspace_meta") && !g_str_equal (*t, "approval_steps"))
      g_assert_cmpint (trellis_store_count_rows (store, *t, NULL), ==, 0);

  g_assert_true (trellis_demo_generate (store, &options, on_progress, &progress, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (progress.last, ==, 1.0);
  g_assert_cmpuint (progress.calls, >=, 5);

  /* A workspace with people in it is never overwritten. */
  g_assert_false (trellis_demo_generate (store, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  options.n_employees = 5;
  g_assert_false (trellis_demo_generate (store, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/demo/deterministic", test_deterministic);
  g_test_add_func ("/core/demo/shape", test_shape);
  g_test_add_func ("/core/demo/seed-004-company", test_seed_004_company);
  g_test_add_func ("/core/demo/progress-and-cancel", test_progress_and_cancel);

  return g_test_run ();
}
