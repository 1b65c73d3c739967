/* test-window.c
 *
 * Copyright 2026 The Trellis authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trellis-preferences-window.h"
#include "trellis-ui-test-utils.h"
#include "trellis-window.h"

#define N_EMPLOYEES 500

static char *demo_dir;
static char *demo_path;

typedef struct {
  TrellisWorkspace        *workspace;
  TrellisWindow           *window;
  TrellisOrganisationPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->workspace = trellis_test_open_workspace (demo_path);
  /* Our own reference: GTK drops its one when the window is destroyed. */
  fixture->window = g_object_ref (trellis_window_new (NULL));
  trellis_window_set_workspace (fixture->window, fixture->workspace);
  fixture->page = trellis_window_get_organisation_page (fixture->window);

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 900);
  gtk_window_present (GTK_WINDOW (fixture->window));
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  TrellisOrganisation *organisation = trellis_workspace_get_organisation (fixture->workspace);

  g_object_add_weak_pointer (G_OBJECT (organisation), (gpointer *) &organisation);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  /* Let pending idles and timeouts (search delay, list updates) run out. */
  trellis_test_spin (50);
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->workspace);
  g_assert_null (organisation);
}

static gboolean
page_settled (gpointer data)
{
  return !trellis_organisation_page_get_filtering (data);
}

typedef struct {
  TrellisOrganisationPage *page;
  guint                    expected;
} CountWait;

static gboolean
count_reached (gpointer data)
{
  CountWait *wait = data;

  return !trellis_organisation_page_get_filtering (wait->page) &&
         trellis_organisation_page_get_n_shown (wait->page) == wait->expected;
}

static void
test_window_workspace (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *title = trellis_workspace_dup_title (fixture->workspace);
  g_autofree char *expected = g_strdup_printf ("%s — Trellis", title);

  g_assert_cmpstr (trellis_window_get_view (fixture->window), ==, "workspace");
  g_assert_true (trellis_window_get_workspace (fixture->window) == fixture->workspace);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, expected);
  g_assert_true (trellis_organisation_page_get_organisation (fixture->page) ==
                 trellis_workspace_get_organisation (fixture->workspace));

  g_assert_true (trellis_test_spin_until (page_settled, fixture->page, 5000));
  g_assert_cmpuint (trellis_organisation_page_get_n_shown (fixture->page), ==, N_EMPLOYEES);
  g_assert_cmpstr (trellis_organisation_page_get_count_text (fixture->page), ==, "500 people");

  /* Back to the welcome page and in again. */
  trellis_window_set_workspace (fixture->window, NULL);
  g_assert_cmpstr (trellis_window_get_view (fixture->window), ==, "welcome");
  /* Disabled without a workspace. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  g_assert_cmpstr (trellis_window_get_view (fixture->window), ==, "welcome");
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));
  trellis_window_set_workspace (fixture->window, fixture->workspace);
  g_assert_cmpstr (trellis_window_get_view (fixture->window), ==, "workspace");
}

static void
test_window_pages (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const pages[] = {
    "goals", "rhythm", "feedback", "calibration", "development", "dashboard", "organisation",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", pages[i]));
      g_assert_cmpstr (trellis_window_get_page (fixture->window), ==, pages[i]);
      trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));
    }

  /* win.search searches goals on the Goals page... */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "goals"));
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  g_assert_cmpstr (trellis_window_get_page (fixture->window), ==, "goals");

  /* ...and from anywhere else comes back to the people list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "feedback"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  g_assert_cmpstr (trellis_window_get_page (fixture->window), ==, "organisation");
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
    GtkWidget *entry = GTK_WIDGET (trellis_organisation_page_get_search_entry (fixture->page));

    g_assert_nonnull (focus);
    g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
  }
}

static void
test_window_search (Fixture       *fixture,
                    gconstpointer  data)
{
  TrellisOrganisation *organisation = trellis_workspace_get_organisation (fixture->workspace);
  GListModel *employees = trellis_organisation_get_employees (organisation);
  g_autoptr(TrellisEmployee) sample = g_list_model_get_item (employees, 42);
  g_autofree char *needle = NULL;
  g_autofree char *expected_text = NULL;
  const char *english = trellis_employee_get_english_name (sample);
  const char *space;
  CountWait wait = { fixture->page, 0 };

  g_assert_true (trellis_test_spin_until (page_settled, fixture->page, 5000));

  /* Search for a family name, as typed: mixed case. */
  g_assert_nonnull (english);
  space = strrchr (english, ' ');
  needle = g_strdup (space != NULL ? space + 1 : english);
  {
    g_autofree char *lower = g_utf8_strdown (needle, -1);

    for (guint i = 0; i < g_list_model_get_n_items (employees); i++)
      {
        g_autoptr(TrellisEmployee) employee = g_list_model_get_item (employees, i);

        if (trellis_employee_matches (employee, lower))
          wait.expected++;
      }
  }
  g_assert_cmpuint (wait.expected, >, 0);
  g_assert_cmpuint (wait.expected, <, N_EMPLOYEES);

  gtk_editable_set_text (trellis_organisation_page_get_search_entry (fixture->page), needle);
  g_assert_true (trellis_test_spin_until (count_reached, &wait, 5000));
  expected_text = g_strdup_printf ("%u of %u people", wait.expected, N_EMPLOYEES);
  g_assert_cmpstr (trellis_organisation_page_get_count_text (fixture->page), ==, expected_text);
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));

  /* Nothing matches: the list gives way to an empty state. */
  gtk_editable_set_text (trellis_organisation_page_get_search_entry (fixture->page), "no such person 1234");
  wait.expected = 0;
  g_assert_true (trellis_test_spin_until (count_reached, &wait, 5000));
  g_assert_cmpstr (trellis_organisation_page_get_count_text (fixture->page), ==, "0 of 500 people");
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));

  /* Clearing the search shows everybody again. */
  gtk_editable_set_text (trellis_organisation_page_get_search_entry (fixture->page), "");
  wait.expected = N_EMPLOYEES;
  g_assert_true (trellis_test_spin_until (count_reached, &wait, 5000));
  g_assert_cmpstr (trellis_organisation_page_get_count_text (fixture->page), ==, "500 people");
}

static void
test_window_department (Fixture       *fixture,
                        gconstpointer  data)
{
  TrellisOrganisation *organisation = trellis_workspace_get_organisation (fixture->workspace);
  g_autoptr(GListModel) roots = trellis_organisation_list_child_departments (organisation, NULL);
  g_autoptr(TrellisDepartment) root = g_list_model_get_item (roots, 0);
  g_autoptr(GListModel) regions = trellis_organisation_list_child_departments (organisation,
                                                                               trellis_department_get_id (root));
  g_autoptr(TrellisDepartment) region = NULL;
  g_autoptr(GListModel) teams = NULL;
  g_autoptr(TrellisDepartment) team = NULL;
  CountWait wait = { fixture->page, 0 };

  g_assert_cmpuint (g_list_model_get_n_items (regions), >, 1);
  region = g_list_model_get_item (regions, 1);

  trellis_organisation_page_select_department (fixture->page, trellis_department_get_id (region));
  wait.expected = trellis_department_get_headcount (region);
  g_assert_cmpuint (wait.expected, >, 0);
  g_assert_true (trellis_test_spin_until (count_reached, &wait, 5000));

  /* A department two levels down: the tree expands to reach it. */
  teams = trellis_organisation_list_child_departments (organisation, trellis_department_get_id (region));
  if (teams != NULL && g_list_model_get_n_items (teams) > 0)
    {
      team = g_list_model_get_item (teams, 0);
      trellis_organisation_page_select_department (fixture->page, trellis_department_get_id (team));
      wait.expected = trellis_department_get_headcount (team);
      g_assert_true (trellis_test_spin_until (count_reached, &wait, 5000));
    }

  trellis_organisation_page_select_department (fixture->page, NULL);
  wait.expected = N_EMPLOYEES;
  g_assert_true (trellis_test_spin_until (count_reached, &wait, 5000));
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));
}

static void
test_window_detail (Fixture       *fixture,
                    gconstpointer  data)
{
  TrellisOrganisation *organisation = trellis_workspace_get_organisation (fixture->workspace);
  GListModel *employees = trellis_organisation_get_employees (organisation);
  TrellisEmployeeDetail *detail = trellis_organisation_page_get_detail (fixture->page);
  GtkColumnView *view = trellis_organisation_page_get_column_view (fixture->page);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (view));
  g_autoptr(TrellisEmployee) person = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  GtkListBox *managers;
  GtkListBoxRow *row;
  TrellisEmployee *manager;

  g_assert_true (trellis_test_spin_until (page_settled, fixture->page, 5000));
  g_assert_null (trellis_organisation_page_get_employee (fixture->page));

  /* Somebody at least three levels down, so the chain has two managers. */
  for (guint i = g_list_model_get_n_items (employees); i > 0 && person == NULL; i--)
    {
      g_autoptr(TrellisEmployee) employee = g_list_model_get_item (employees, i - 1);
      g_autoptr(GPtrArray) candidate = trellis_organisation_get_manager_chain (organisation,
                                                                                trellis_employee_get_id (employee));

      if (candidate != NULL && candidate->len >= 2)
        {
          person = g_steal_pointer (&employee);
          chain = g_steal_pointer (&candidate);
        }
    }
  g_assert_nonnull (person);

  trellis_organisation_page_show_employee (fixture->page, trellis_employee_get_id (person));
  g_assert_true (trellis_organisation_page_get_employee (fixture->page) == person);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == person);
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (detail)));

  managers = trellis_employee_detail_get_manager_list (detail);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (managers)));
  for (guint i = 0; i < chain->len; i++)
    {
      TrellisEmployee *expected = g_ptr_array_index (chain, i);

      row = gtk_list_box_get_row_at_index (managers, i);
      g_assert_nonnull (row);
      g_assert_true (ADW_IS_ACTION_ROW (row));
      g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                       trellis_employee_get_name (expected)));
    }
  g_assert_null (gtk_list_box_get_row_at_index (managers, chain->len));

  /* Clicking the direct manager shows them, with this person a report. */
  manager = g_ptr_array_index (chain, 0);
  row = gtk_list_box_get_row_at_index (managers, 0);
  g_signal_emit_by_name (managers, "row-activated", row);
  g_assert_true (trellis_organisation_page_get_employee (fixture->page) == manager);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == manager);
  {
    GtkListBox *reports = trellis_employee_detail_get_reports_list (detail);
    g_autoptr(GListModel) expected = trellis_organisation_list_direct_reports (organisation,
                                                                              trellis_employee_get_id (manager));
    gboolean found = FALSE;

    for (guint i = 0; (row = gtk_list_box_get_row_at_index (reports, i)) != NULL; i++)
      if (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                            trellis_employee_get_name (person)))
        found = TRUE;
    g_assert_true (found);
    g_assert_cmpuint (g_list_model_get_n_items (expected), >, 0);
  }
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));

  /* A person hidden by the search still shows in the pane. */
  gtk_editable_set_text (trellis_organisation_page_get_search_entry (fixture->page), "no such person 1234");
  trellis_organisation_page_show_employee (fixture->page, trellis_employee_get_id (person));
  g_assert_true (trellis_organisation_page_get_employee (fixture->page) == person);
}

static void
test_window_sort (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkColumnView *view = trellis_organisation_page_get_column_view (fixture->page);
  GListModel *columns = gtk_column_view_get_columns (view);
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
  guint n_columns = g_list_model_get_n_items (columns);

  g_assert_cmpuint (n_columns, ==, 8);

  for (guint c = 0; c < n_columns; c++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, c);

      g_assert_nonnull (gtk_column_view_column_get_sorter (column));
      gtk_column_view_sort_by_column (view, column, GTK_SORT_DESCENDING);
      g_assert_true (trellis_test_spin_until (page_settled, fixture->page, 10000));
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_EMPLOYEES);
      trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));
    }

  /* Hire dates are ISO strings: descending puts the newest first. */
  {
    g_autoptr(GtkColumnViewColumn) hire = g_list_model_get_item (columns, n_columns - 1);
    g_autoptr(TrellisEmployee) first = NULL;
    g_autoptr(TrellisEmployee) last = NULL;

    gtk_column_view_sort_by_column (view, hire, GTK_SORT_DESCENDING);
    g_assert_true (trellis_test_spin_until (page_settled, fixture->page, 10000));
    first = g_list_model_get_item (model, 0);
    last = g_list_model_get_item (model, N_EMPLOYEES - 1);
    g_assert_cmpstr (trellis_employee_get_hire_date (first), >=, trellis_employee_get_hire_date (last));
  }

  /* Scrolling to the end through the inner list view (no scroll_to in 4.8). */
  gtk_widget_activate_action (gtk_widget_get_last_child (GTK_WIDGET (view)),
                              "list.scroll-to-item", "u", N_EMPLOYEES - 1);
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));
}

static void
test_window_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *preferences = g_object_ref (trellis_preferences_window_new (settings));

  gtk_window_present (GTK_WINDOW (preferences));
  trellis_test_wait_for_frame (preferences);

  g_settings_set_string (settings, "color-scheme", "dark");
  g_settings_set_uint (settings, "demo-employees", 5000);
  trellis_test_wait_for_frame (preferences);
  g_settings_reset (settings, "color-scheme");
  g_settings_reset (settings, "demo-employees");

  gtk_window_destroy (GTK_WINDOW (preferences));
  trellis_test_spin (20);
  g_assert_finalize_object (preferences);
}

static void
test_window_welcome (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GFile) file = g_file_new_for_path (demo_path);
  g_autofree char *uri = g_file_get_uri (file);
  const char *recent[] = { uri, "file:///nonexistent/gone.trellis", NULL };
  TrellisWindow *window;

  g_settings_set_strv (settings, "recent-workspaces", recent);
  window = g_object_ref (trellis_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  trellis_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpstr (trellis_window_get_view (window), ==, "welcome");
  g_assert_null (trellis_window_get_workspace (window));
  g_assert_false (trellis_window_get_busy (window));

  /* Opening a workspace runs in a worker thread behind a progress page. */
  trellis_window_open_file (window, file);
  g_assert_true (trellis_window_get_busy (window));
  g_assert_cmpstr (trellis_window_get_view (window), ==, "loading");
  while (trellis_window_get_busy (window))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (trellis_window_get_view (window), ==, "workspace");
  g_assert_nonnull (trellis_window_get_workspace (window));
  trellis_test_wait_for_frame (GTK_WIDGET (window));

  gtk_window_destroy (GTK_WINDOW (window));
  trellis_test_spin (50);
  g_assert_finalize_object (window);
  g_settings_reset (settings, "recent-workspaces");
}

static gboolean
window_idle (gpointer data)
{
  return !trellis_window_get_busy (data);
}

static void
test_window_demo (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  TrellisWindow *window;
  TrellisWorkspace *workspace;
  g_autofree char *expected = g_build_filename (g_get_user_cache_dir (), "trellis", "demo.trellis", NULL);

  g_settings_set_uint (settings, "demo-employees", 120);
  window = g_object_ref (trellis_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  trellis_test_wait_for_frame (GTK_WIDGET (window));

  /* Cancelled at once: back to the welcome page, and the worker's late
   * result is dropped. */
  trellis_window_open_demo (window);
  g_assert_true (trellis_window_get_busy (window));
  g_assert_cmpstr (trellis_window_get_view (window), ==, "loading");
  trellis_window_cancel (window);
  g_assert_false (trellis_window_get_busy (window));
  g_assert_cmpstr (trellis_window_get_view (window), ==, "welcome");
  trellis_test_spin (1000);
  g_assert_null (trellis_window_get_workspace (window));
  g_assert_cmpstr (trellis_window_get_view (window), ==, "welcome");

  /* Generated in a worker thread with progress; the window stays live. */
  trellis_window_open_demo (window);
  trellis_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (trellis_test_spin_until (window_idle, window, 60000));
  workspace = trellis_window_get_workspace (window);
  g_assert_nonnull (workspace);
  g_assert_cmpstr (trellis_workspace_get_path (workspace), ==, expected);
  g_assert_cmpuint (trellis_organisation_get_n_employees (trellis_workspace_get_organisation (workspace)), ==, 120);
  g_assert_cmpstr (trellis_window_get_view (window), ==, "workspace");
  trellis_test_wait_for_frame (GTK_WIDGET (window));

  /* Again, replacing the open demo. */
  trellis_window_open_demo (window);
  g_assert_null (trellis_window_get_workspace (window));
  g_assert_true (trellis_test_spin_until (window_idle, window, 60000));
  g_assert_nonnull (trellis_window_get_workspace (window));

  gtk_window_destroy (GTK_WINDOW (window));
  trellis_test_spin (50);
  g_assert_finalize_object (window);
  g_settings_reset (settings, "demo-employees");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  trellis_test_load_resources ();

  demo_path = trellis_test_create_demo (N_EMPLOYEES, &demo_dir);

  g_test_add ("/ui/window/workspace", Fixture, NULL, fixture_set_up, test_window_workspace, fixture_tear_down);
  g_test_add ("/ui/window/pages", Fixture, NULL, fixture_set_up, test_window_pages, fixture_tear_down);
  g_test_add ("/ui/window/search", Fixture, NULL, fixture_set_up, test_window_search, fixture_tear_down);
  g_test_add ("/ui/window/department", Fixture, NULL, fixture_set_up, test_window_department, fixture_tear_down);
  g_test_add ("/ui/window/detail", Fixture, NULL, fixture_set_up, test_window_detail, fixture_tear_down);
  g_test_add ("/ui/window/sort", Fixture, NULL, fixture_set_up, test_window_sort, fixture_tear_down);
  g_test_add_func ("/ui/window/preferences", test_window_preferences);
  g_test_add_func ("/ui/window/welcome", test_window_welcome);
  g_test_add_func ("/ui/window/demo", test_window_demo);

  status = g_test_run ();

  trellis_test_remove_demo (demo_dir, demo_path);
  g_free (demo_dir);
  g_free (demo_path);

  return status;
}
