/* test-org.c
 *
 * Copyright 2026 The Trellis authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trellis-core.h"

/*   C Acme (company)
 *   ├── R1 North (region)
 *   │   └── R1-S Sales (department)
 *   │       └── R1-S-T1 Team 1 (team)
 *   └── R2 South (region)
 *
 *   E1 Ann (C) ─┬─ E2 Bob (R1) ── E4 Dan (R1-S) ─┬─ E5 Eve (R1-S-T1)
 *               │                                └─ E6 Fay (R1-S-T1)
 *               └─ E3 Cat (R2) ── E7 Gus (R2)
 */
static const struct { const char *id, *name; TrellisDepartmentKind kind; const char *parent; } departments[] = {
  { "R1-S-T1", "Team 1", TRELLIS_DEPARTMENT_TEAM, "R1-S" },   /* children first: FKs are deferred */
  { "R1-S", "Sales", TRELLIS_DEPARTMENT_DEPARTMENT, "R1" },
  { "R1", "North", TRELLIS_DEPARTMENT_REGION, "C" },
  { "R2", "South", TRELLIS_DEPARTMENT_REGION, "C" },
  { "C", "Acme", TRELLIS_DEPARTMENT_COMPANY, NULL },
};

static const struct { const char *id, *name, *department, *manager; } employees[] = {
  { "E1", "Ann", "C", NULL },
  { "E2", "Bob", "R1", "E1" },
  { "E3", "Cat", "R2", "E1" },
  { "E4", "Dan", "R1-S", "E2" },
  { "E5", "Eve", "R1-S-T1", "E4" },
  { "E6", "Fay", "R1-S-T1", "E4" },
  { "E7", "Gus", "R2", "E3" },
};

static TrellisStore *
build_store (void)
{
  g_autoptr(GError) error = NULL;
  TrellisStore *store = trellis_store_open (":memory:", &error);

  g_assert_no_error (error);
  g_assert_true (trellis_store_begin (store, &error));

  for (guint i = 0; i < G_N_ELEMENTS (departments); i++)
    {
      g_autoptr(TrellisDepartment) d = trellis_department_new (departments[i].id, departments[i].name,
                                                               departments[i].kind, departments[i].parent, NULL);
      g_assert_true (trellis_org_repository_insert_department (store, d, &error));
    }

  for (guint i = 0; i < G_N_ELEMENTS (employees); i++)
    {
      g_autoptr(TrellisEmployee) e = trellis_employee_new (&(TrellisEmployeeFields) {
        .id = employees[i].id,
        .name = employees[i].name,
        .english_name = employees[i].name,
        .email = NULL,
        .title = "Staff",
        .department_id = employees[i].department,
        .manager_id = employees[i].manager,
        .hire_date = "2020-03-01",
        .active = TRUE,
      });
      g_assert_true (trellis_org_repository_insert_employee (store, e, &error));
    }

  g_assert_true (trellis_store_commit (store, &error));
  g_assert_no_error (error);
  return store;
}

static char *
ids_of (GPtrArray *items,
        gboolean   departments_not_employees)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, departments_not_employees
                          ? trellis_department_get_id (g_ptr_array_index (items, i))
                          : trellis_employee_get_id (g_ptr_array_index (items, i)));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
model_ids (GListModel *model)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *id = NULL;

      g_object_get (item, "id", &id, NULL);
      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, id);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
test_tree (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = build_store ();
  g_autoptr(TrellisOrganisation) org = trellis_organisation_load (store, NULL, &error);
  g_autoptr(GListModel) roots = NULL;
  g_autoptr(GListModel) children = NULL;
  g_autoptr(GPtrArray) path = NULL;
  g_autofree char *roots_ids = NULL;
  g_autofree char *children_ids = NULL;
  g_autofree char *preorder = NULL;
  g_autofree char *path_ids = NULL;
  static const struct { const char *id; guint headcount; } headcounts[] = {
    { "C", 7 }, { "R1", 4 }, { "R1-S", 3 }, { "R1-S-T1", 2 }, { "R2", 2 },
  };
  static const struct { const char *department, *ancestor; gboolean within; } within[] = {
    { "R1-S-T1", "R1", TRUE },
    { "R1-S-T1", "C", TRUE },
    { "R1", "R1", TRUE },
    { "R2", "R1", FALSE },
    { "R1", "R1-S", FALSE },
    { "C", "R2", FALSE },
    { "NOPE", "C", FALSE },
  };

  g_assert_no_error (error);

  roots = trellis_organisation_list_child_departments (org, NULL);
  roots_ids = model_ids (roots);
  g_assert_cmpstr (roots_ids, ==, "C");

  children = trellis_organisation_list_child_departments (org, "C");
  children_ids = model_ids (children);
  g_assert_cmpstr (children_ids, ==, "R1 R2");

  preorder = model_ids (trellis_organisation_get_departments (org));
  g_assert_cmpstr (preorder, ==, "C R1 R1-S R1-S-T1 R2");

  for (guint i = 0; i < G_N_ELEMENTS (headcounts); i++)
    g_assert_cmpuint (trellis_department_get_headcount (trellis_organisation_find_department (org, headcounts[i].id)),
                      ==, headcounts[i].headcount);

  for (guint i = 0; i < G_N_ELEMENTS (within); i++)
    g_assert_cmpint (trellis_organisation_department_is_within (org, within[i].department, within[i].ancestor),
                     ==, within[i].within);

  path = trellis_organisation_get_department_path (org, "R1-S-T1");
  path_ids = ids_of (path, TRUE);
  g_assert_cmpstr (path_ids, ==, "C R1 R1-S R1-S-T1");

  g_assert_cmpstr (trellis_employee_get_department_name (trellis_organisation_find_employee (org, "E5")), ==, "Team 1");
}

static void
test_reporting_lines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = build_store ();
  g_autoptr(TrellisOrganisation) org = trellis_organisation_load (store, NULL, &error);
  static const struct { const char *id, *chain, *reports; } cases[] = {
    { "E1", "", "E2 E3" },
    { "E2", "E1", "E4" },
    { "E5", "E4 E2 E1", "" },
    { "E4", "E2 E1", "E5 E6" },
    { "E7", "E3 E1", "" },
  };

  g_assert_no_error (error);
  g_assert_cmpuint (trellis_organisation_get_n_employees (org), ==, 7);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) chain = trellis_organisation_get_manager_chain (org, cases[i].id);
      g_autoptr(GListModel) reports = trellis_organisation_list_direct_reports (org, cases[i].id);
      g_autofree char *chain_ids = ids_of (chain, FALSE);
      g_autofree char *report_ids = model_ids (reports);

      g_assert_cmpstr (chain_ids, ==, cases[i].chain);
      g_assert_cmpstr (report_ids, ==, cases[i].reports);
      g_assert_cmpuint (trellis_organisation_count_direct_reports (org, cases[i].id), ==,
                        g_list_model_get_n_items (reports));
    }
}

static void
test_manager_loop_rejected (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = build_store ();
  g_autoptr(TrellisEmployee) ann = NULL;
  static const struct { const char *employee, *manager; int code; const char *message; } cases[] = {
    { "E1", "E5", TRELLIS_ORG_ERROR_MANAGER_LOOP,
      "Manager loop: Ann (E1) → Eve (E5) → Dan (E4) → Bob (E2) → Ann (E1)" },
    { "E2", "E4", TRELLIS_ORG_ERROR_MANAGER_LOOP,
      "Manager loop: Bob (E2) → Dan (E4) → Bob (E2)" },
    { "E3", "E3", TRELLIS_ORG_ERROR_MANAGER_LOOP,
      "Manager loop: Cat (E3) → Cat (E3)" },
    { "E5", "E99", TRELLIS_ORG_ERROR_UNKNOWN_REFERENCE,
      "There is no employee with id “E99”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_clear_error (&error);
      g_assert_false (trellis_org_repository_set_manager (store, cases[i].employee, cases[i].manager, &error));
      g_assert_error (error, TRELLIS_ORG_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  /* Nothing changed, and a valid move still works. */
  g_clear_error (&error);
  ann = trellis_org_repository_get_employee (store, "E1", &error);
  g_assert_no_error (error);
  g_assert_null (trellis_employee_get_manager_id (ann));
  g_assert_true (trellis_org_repository_set_manager (store, "E7", "E2", &error));
  g_assert_no_error (error);
}

static void
test_department_loop_rejected (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = build_store ();

  g_assert_false (trellis_org_repository_set_department_parent (store, "R1", "R1-S-T1", &error));
  g_assert_error (error, TRELLIS_ORG_ERROR, TRELLIS_ORG_ERROR_DEPARTMENT_LOOP);
  g_assert_cmpstr (error->message, ==,
                   "Department loop: North (R1) → Team 1 (R1-S-T1) → Sales (R1-S) → North (R1)");
  g_clear_error (&error);

  g_assert_true (trellis_org_repository_set_department_parent (store, "R1-S", "R2", &error));
  g_assert_no_error (error);
}

static GHashTable *
links_from (const char * const *pairs)
{
  GHashTable *links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; pairs[i] != NULL; i += 2)
    g_hash_table_insert (links, g_strdup (pairs[i]),
                         g_str_equal (pairs[i + 1], "-") ? NULL : g_strdup (pairs[i + 1]));
  return links;
}

static void
test_loop_check_table (void)
{
  static const struct { const char *pairs[9]; const char *loop; } cases[] = {
    { { NULL }, NULL },
    { { "A", "B", "B", "-", NULL }, NULL },
    { { "A", "B", "B", "A", NULL }, "Manager loop: A → B → A" },
    { { "A", "B", "B", "C", "C", "B", NULL }, "Manager loop: B → C → B" },
    { { "X", "X", NULL }, "Manager loop: X → X" },
    { { "A", "Z", "B", "A", "C", "B", NULL }, NULL },  /* Z is outside the set */
    { { "D", "C", "C", "B", "B", "A", "A", "D" }, "Manager loop: A → D → C → B → A" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GHashTable) links = links_from (cases[i].pairs);
      g_autoptr(GError) error = NULL;
      gboolean ok = trellis_org_check_manager_loops (links, NULL, NULL, &error);

      if (cases[i].loop == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_cmpstr (error->message, ==, cases[i].loop);
        }
    }
}

static void
test_long_chain (void)
{
  g_autoptr(GHashTable) links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;

  /* 100,000 people in one line: linear, and no recursion to overflow. */
  for (guint i = 1; i < 100000; i++)
    g_hash_table_insert (links, g_strdup_printf ("E%u", i), g_strdup_printf ("E%u", i + 1));
  g_assert_true (trellis_org_check_manager_loops (links, NULL, NULL, &error));

  g_hash_table_insert (links, g_strdup ("E100000"), g_strdup ("E1"));
  g_assert_false (trellis_org_check_manager_loops (links, NULL, NULL, &error));
  g_assert_error (error, TRELLIS_ORG_ERROR, TRELLIS_ORG_ERROR_MANAGER_LOOP);
}

static void
test_search (void)
{
  g_autoptr(TrellisEmployee) e = trellis_employee_new (&(TrellisEmployeeFields) {
    .id = "E000042", .name = "张伟", .english_name = "Kevin Zhang",
    .email = "kevin.zhang@example.cn", .title = "KA客户经理", .department_id = "R1", .active = TRUE,
  });
  static const struct { const char *needle; gboolean match; } cases[] = {
    { "", TRUE }, { "张", TRUE }, { "kevin", TRUE }, { "zhang", TRUE }, { "e000042", TRUE },
    { "ka客户", TRUE }, { "example.cn", TRUE }, { "李", FALSE }, { "amy", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *needle = g_utf8_casefold (cases[i].needle, -1);
      g_assert_cmpint (trellis_employee_matches (e, needle), ==, cases[i].match);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/org/tree", test_tree);
  g_test_add_func ("/core/org/reporting-lines", test_reporting_lines);
  g_test_add_func ("/core/org/manager-loop-rejected", test_manager_loop_rejected);
  g_test_add_func ("/core/org/department-loop-rejected", test_department_loop_rejected);
  g_test_add_func ("/core/org/loop-check-table", test_loop_check_table);
  g_test_add_func ("/core/org/long-chain", test_long_chain);
  g_test_add_func ("/core/org/search", test_search);

  return g_test_run ();
}
