/* test-goals.c
 *
 * Copyright 2026 The Trellis authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "trellis-approval-dialog.h"
#include "trellis-change-request-dialog.h"
#include "trellis-checkin-dialog.h"
#include "trellis-goal-cell.h"
#include "trellis-goal-editor.h"
#include "trellis-goals-page.h"
#include "trellis-template-dialog.h"
#include "trellis-ui-test-utils.h"
#include "trellis-window.h"

#include "../goal-tree-test-utils.h"

/* The demo's today and the workspace clock: late on 22 November, after
 * every generated check-in, so a new one moves the current values. */
#define TODAY_YEAR  2026
#define TODAY_MONTH 11
#define TODAY_DAY   22

static char *demo_dir;
static char *demo_path;

typedef struct {
  TrellisWorkspace *workspace;
  TrellisWindow    *window;
  TrellisGoalsPage *page;
} Fixture;

static char *
create_demo (char **out_dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = NULL;
  g_autofree char *dir = g_dir_make_tmp ("trellis-goals-test-XXXXXX", &error);
  g_autofree char *path = NULL;
  TrellisDemoOptions options;

  g_assert_no_error (error);
  path = g_build_filename (dir, "demo.trellis", NULL);
  store = trellis_store_open (path, &error);
  g_assert_no_error (error);

  trellis_demo_options_init (&options, TODAY_YEAR);
  g_date_set_dmy (&options.today, TODAY_DAY, TODAY_MONTH, TODAY_YEAR);
  g_assert_true (trellis_demo_generate (store, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  trellis_store_close (store);

  *out_dir = g_steal_pointer (&dir);
  return g_steal_pointer (&path);
}

static TrellisWorkspace *
open_workspace (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (TODAY_YEAR, TODAY_MONTH, TODAY_DAY, 23, 30, 0);
  g_autoptr(TrellisClock) clock = trellis_clock_new_fixed (now);
  TrellisWorkspace *workspace = trellis_workspace_open (demo_path, clock, NULL, &error);

  g_assert_no_error (error);
  return workspace;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The cell showing @column of @goal, if its row is on screen. */
static TrellisGoalCell *
find_cell (GtkWidget         *widget,
           TrellisGoal       *goal,
           TrellisGoalColumn  column)
{
  if (TRELLIS_IS_GOAL_CELL (widget) &&
      trellis_goal_cell_get_goal (TRELLIS_GOAL_CELL (widget)) == goal &&
      trellis_goal_cell_get_column (TRELLIS_GOAL_CELL (widget)) == column)
    return TRELLIS_GOAL_CELL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      TrellisGoalCell *found = find_cell (child, goal, column);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* What the column view's key controller (capture phase) does with a key. */
static gboolean
press_tree_key (TrellisGoalsPage *page,
                guint             keyval)
{
  GtkWidget *view = GTK_WIDGET (trellis_goals_page_get_column_view (page));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
    }
  return handled;
}

static guint
count_labels_containing (GtkWidget  *widget,
                         const char *text)
{
  guint n = 0;

  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_labels_containing (child, text);
  return n;
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return toplevel;
    }

  return NULL;
}

static gboolean
page_ready (gpointer data)
{
  return !trellis_goals_page_get_loading (data) && trellis_goals_page_get_tree (data) != NULL &&
         !trellis_goals_page_get_filtering (data);
}

static gboolean
page_settled (gpointer data)
{
  return !trellis_goals_page_get_filtering (data);
}

typedef struct {
  TrellisGoalsPage *page;
  guint             expected;
} CountWait;

static gboolean
count_reached (gpointer data)
{
  CountWait *wait = data;

  return !trellis_goals_page_get_filtering (wait->page) &&
         trellis_goals_page_get_n_shown (wait->page) == wait->expected;
}

/* The search entry reports a little after typing stops. */
static void
search_and_wait (TrellisGoalsPage *page,
                 const char       *text,
                 guint             expected)
{
  CountWait wait = { page, expected };

  gtk_editable_set_text (trellis_goals_page_get_search_entry (page), text);
  g_assert_true (trellis_test_spin_until (count_reached, &wait, 10000));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->workspace = open_workspace ();
  fixture->window = g_object_ref (trellis_window_new (NULL));
  trellis_window_set_workspace (fixture->window, fixture->workspace);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1500, 900);
  gtk_window_present (GTK_WINDOW (fixture->window));
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "goals"));
  fixture->page = TRELLIS_GOALS_PAGE (find_descendant (GTK_WIDGET (fixture->window), TRELLIS_TYPE_GOALS_PAGE));
  g_assert_nonnull (fixture->page);
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));

  /* Shown for the first time: the goals load in a worker thread. */
  g_assert_true (trellis_test_spin_until (page_ready, fixture->page, 30000));
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  TrellisOrganisation *organisation = trellis_workspace_get_organisation (fixture->workspace);
  g_object_add_weak_pointer (G_OBJECT (organisation), (gpointer *) &organisation);

  /* Dialogs left open go with their window. */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  trellis_test_spin (100);
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->workspace);
  g_assert_null (organisation);
}

static TrellisGoal *
first_goal_where (TrellisGoalTree *tree,
                  gboolean       (*predicate) (TrellisGoal *goal))
{
  GListModel *goals = trellis_goal_tree_get_goals (tree);

  for (guint i = 0; i < g_list_model_get_n_items (goals); i++)
    {
      g_autoptr(TrellisGoal) goal = g_list_model_get_item (goals, i);

      if (predicate (goal))
        {
          /* Held to the end of the test, or the tree would drop it. */
          g_test_queue_unref (g_object_ref (goal));
          return goal;
        }
    }

  return NULL;
}

/* A person's approved, aligned goal with at least two numeric key results
 * and room to grow. */
static gboolean
is_checkin_candidate (TrellisGoal *goal)
{
  GPtrArray *krs = trellis_goal_get_key_results (goal);

  if (trellis_goal_get_owner_kind (goal) != TRELLIS_OWNER_EMPLOYEE ||
      trellis_goal_get_state (goal) != TRELLIS_GOAL_STATE_APPROVED ||
      trellis_goal_is_unaligned (goal) || krs->len < 2)
    return FALSE;

  for (guint i = 0; i < krs->len; i++)
    {
      TrellisKeyResult *kr = g_ptr_array_index (krs, i);

      if (trellis_key_result_get_measure (kr) == TRELLIS_MEASURE_MILESTONE ||
          trellis_key_result_get_progress (kr) > 0.8)
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_submitted_person_goal (TrellisGoal *goal)
{
  return trellis_goal_get_owner_kind (goal) == TRELLIS_OWNER_EMPLOYEE &&
         trellis_goal_get_state (goal) == TRELLIS_GOAL_STATE_SUBMITTED;
}

static void
test_goals_tree (Fixture       *fixture,
                 gconstpointer  data)
{
  TrellisGoalTree *tree = trellis_goals_page_get_tree (fixture->page);
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (trellis_goals_page_get_column_view (fixture->page)));
  g_autoptr(GtkTreeListRow) first = NULL;
  g_autoptr(TrellisGoal) company_goal = NULL;
  g_autofree char *expected_count = NULL;
  guint n_goals, n_roots;

  /* The quarter holding the workspace's today, with the year's company
   * goals and the half's department goals around it. */
  g_assert_cmpstr (trellis_goals_page_get_cycle_id (fixture->page), ==, "2026-Q4");
  n_goals = g_list_model_get_n_items (trellis_goal_tree_get_goals (tree));
  g_assert_cmpuint (n_goals, >, 1000);
  /* Grouped as the locale groups thousands ("4,252" in English). */
  expected_count = g_strdup_printf ("%'u goals", n_goals);
  g_assert_cmpstr (trellis_goals_page_get_count_text (fixture->page), ==, expected_count);
  g_assert_false (trellis_goals_page_get_filtered (fixture->page));

  n_roots = g_list_model_get_n_items (trellis_goal_tree_get_roots (tree));
  g_assert_cmpuint (trellis_goals_page_get_n_shown (fixture->page), ==, n_roots);

  /* Company goals come first; expanding one shows what aligns to it. */
  first = g_list_model_get_item (model, 0);
  g_assert_true (GTK_IS_TREE_LIST_ROW (first));
  company_goal = gtk_tree_list_row_get_item (first);
  g_assert_cmpint (trellis_goal_get_owner_kind (company_goal), ==, TRELLIS_OWNER_COMPANY);
  g_assert_cmpuint (trellis_goal_get_n_children (company_goal), >, 0);
  g_assert_true (gtk_tree_list_row_is_expandable (first));

  /* By keyboard: Right opens the selected goal, Left closes it. */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (model), 0);
  g_assert_true (press_tree_key (fixture->page, GDK_KEY_Right));
  g_assert_true (gtk_tree_list_row_get_expanded (first));
  g_assert_true (press_tree_key (fixture->page, GDK_KEY_Left));
  g_assert_false (gtk_tree_list_row_get_expanded (first));
  g_assert_false (press_tree_key (fixture->page, GDK_KEY_Left));

  gtk_tree_list_row_set_expanded (first, TRUE);
  g_assert_cmpuint (trellis_goals_page_get_n_shown (fixture->page), ==,
                    n_roots + trellis_goal_get_n_children (company_goal));
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));

  /* Left on a child goes up to the company goal. */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (model), 1);
  g_assert_true (press_tree_key (fixture->page, GDK_KEY_Left));
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model)), ==, 0);
  g_assert_true (gtk_tree_list_row_get_expanded (first));

  /* Sorting by a column keeps children under their parents. */
  {
    GListModel *columns = gtk_column_view_get_columns (trellis_goals_page_get_column_view (fixture->page));
    g_autoptr(GtkColumnViewColumn) progress = g_list_model_get_item (columns, TRELLIS_GOAL_COLUMN_PROGRESS);

    gtk_column_view_sort_by_column (trellis_goals_page_get_column_view (fixture->page), progress, GTK_SORT_DESCENDING);
    g_assert_true (trellis_test_spin_until (page_settled, fixture->page, 5000));
    g_assert_cmpuint (trellis_goals_page_get_n_shown (fixture->page), ==,
                      n_roots + trellis_goal_get_n_children (company_goal));
    trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));
    gtk_column_view_sort_by_column (trellis_goals_page_get_column_view (fixture->page), NULL, GTK_SORT_ASCENDING);
  }

  /* The weight check ran on the loaded cycle; the demo has a few. */
  {
    g_autoptr(GPtrArray) problems = trellis_goal_tree_check_weights (tree);

    g_assert_cmpuint (trellis_goals_page_get_n_weight_problems (fixture->page), ==, problems->len);
  }

  /* Another cycle loads in the background: the whole year has more. */
  trellis_goals_page_set_cycle_id (fixture->page, "2026");
  g_assert_true (trellis_goals_page_get_loading (fixture->page));
  g_assert_true (trellis_test_spin_until (page_ready, fixture->page, 30000));
  g_assert_cmpstr (trellis_goals_page_get_cycle_id (fixture->page), ==, "2026");
  tree = trellis_goals_page_get_tree (fixture->page);
  g_assert_cmpuint (g_list_model_get_n_items (trellis_goal_tree_get_goals (tree)), >, n_goals);
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));
}

static void
test_goals_detail_and_checkin (Fixture       *fixture,
                               gconstpointer  data)
{
  TrellisGoalTree *tree = trellis_goals_page_get_tree (fixture->page);
  TrellisGoalDetail *detail = trellis_goals_page_get_detail (fixture->page);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (trellis_goals_page_get_column_view (fixture->page)));
  TrellisGoal *goal = first_goal_where (tree, is_checkin_candidate);
  TrellisGoal *parent;
  TrellisKeyResult *kr;
  TrellisCheckinDialog *dialog;
  TrellisGoalCell *cell;
  GPtrArray *krs;
  g_autoptr(GError) error = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *expected_text = NULL;
  g_autoptr(GFile) evidence = NULL;
  double before, parent_before;
  guint n_checkin_rows = 0;

  g_assert_nonnull (goal);
  parent = tree_parent (tree, goal);
  g_assert_nonnull (parent);

  /* Selecting a goal expands the tree down to it and fills the pane. */
  trellis_goals_page_show_goal (fixture->page, trellis_goal_get_id (goal));
  g_assert_true (trellis_goals_page_get_goal (fixture->page) == goal);
  g_assert_true (trellis_goal_detail_get_goal (detail) == goal);
  {
    GtkTreeListRow *row = gtk_single_selection_get_selected_item (selection);
    g_autoptr(TrellisGoal) selected = NULL;

    g_assert_nonnull (row);
    selected = gtk_tree_list_row_get_item (row);
    g_assert_true (selected == goal);
    g_assert_cmpuint (gtk_tree_list_row_get_depth (row), >, 0);
  }
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));

  krs = trellis_goal_get_key_results (goal);
  for (guint i = 0; i < krs->len; i++)
    g_assert_nonnull (gtk_list_box_get_row_at_index (trellis_goal_detail_get_key_result_list (detail), i));
  g_assert_null (gtk_list_box_get_row_at_index (trellis_goal_detail_get_key_result_list (detail), krs->len));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (trellis_goal_detail_get_key_result_list (detail))));
  /* The alignment path lists the goals above it, up to the company. */
  g_assert_nonnull (gtk_list_box_get_row_at_index (trellis_goal_detail_get_alignment_list (detail), 0));
  while (gtk_list_box_get_row_at_index (trellis_goal_detail_get_checkin_list (detail), n_checkin_rows) != NULL)
    n_checkin_rows++;

  /* The row is on screen and shows the goal's progress. */
  cell = find_cell (GTK_WIDGET (trellis_goals_page_get_column_view (fixture->page)), goal,
                    TRELLIS_GOAL_COLUMN_PROGRESS);
  g_assert_nonnull (cell);
  before = trellis_goal_get_progress (goal);
  parent_before = trellis_goal_get_aligned_progress (parent);
  before_text = g_strdup (trellis_goal_cell_get_text (cell));

  /* Check in on the first key result: it reaches its target. */
  kr = g_ptr_array_index (krs, 0);
  dialog = trellis_goals_page_check_in (fixture->page);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  trellis_test_wait_for_frame (GTK_WIDGET (dialog));
  trellis_checkin_dialog_set_key_result (dialog, trellis_key_result_get_id (kr));
  g_assert_true (trellis_checkin_dialog_get_key_result (dialog) == kr);
  trellis_checkin_dialog_set_value (dialog, trellis_key_result_get_target (kr));
  trellis_checkin_dialog_set_confidence (dialog, 8);
  trellis_checkin_dialog_set_note (dialog, "签下两家三甲医院");
  {
    g_autoptr(GFileIOStream) stream = NULL;

    evidence = g_file_new_tmp ("合同扫描件-XXXXXX.txt", &stream, &error);
    g_assert_no_error (error);
    g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (stream)),
                                              "contract", 8, NULL, NULL, &error));
    g_assert_true (g_io_stream_close (G_IO_STREAM (stream), NULL, &error));
    trellis_checkin_dialog_add_evidence (dialog, evidence);
  }
  g_assert_true (trellis_checkin_dialog_save (dialog, &error));
  g_assert_true (g_file_delete (evidence, NULL, NULL));
  g_assert_no_error (error);
  trellis_test_spin (50);
  g_assert_null (dialog);

  /* The tree updated in place: the goal, its row and its parent's roll-up. */
  g_assert_cmpfloat (trellis_key_result_get_progress (kr), ==, 1.0);
  g_assert_cmpfloat (trellis_goal_get_progress (goal), >, before);
  g_assert_cmpfloat (trellis_goal_get_aligned_progress (parent), !=, parent_before);
  g_assert_true (find_cell (GTK_WIDGET (trellis_goals_page_get_column_view (fixture->page)), goal,
                            TRELLIS_GOAL_COLUMN_PROGRESS) == cell);
  g_assert_cmpstr (trellis_goal_cell_get_text (cell), !=, before_text);
  expected_text = g_strdup_printf ("%.0f %%", trellis_goal_get_progress (goal) * 100.0);
  if (strchr (trellis_goal_cell_get_text (cell), '.') == NULL)
    g_assert_cmpstr (trellis_goal_cell_get_text (cell), ==, expected_text);
  g_assert_false (trellis_goal_get_lagging (goal));

  /* The pane lists the new check-in first. */
  g_assert_true (trellis_goal_detail_get_key_result (detail) == kr);
  g_assert_nonnull (gtk_list_box_get_row_at_index (trellis_goal_detail_get_checkin_list (detail), 0));
  g_assert_nonnull (gtk_list_box_get_row_at_index (trellis_goal_detail_get_checkin_list (detail), n_checkin_rows));
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));

  /* And the store has it. */
  {
    g_autoptr(GPtrArray) checkins = trellis_goal_repository_list_checkins (trellis_workspace_get_store (fixture->workspace),
                                                                           trellis_key_result_get_id (kr), &error);
    TrellisCheckin *last;

    g_assert_no_error (error);
    last = g_ptr_array_index (checkins, checkins->len - 1);
    g_assert_cmpfloat (last->value, ==, trellis_key_result_get_target (kr));
    g_assert_cmpint (last->confidence, ==, 8);
    g_assert_cmpstr (last->note, ==, "签下两家三甲医院");
    g_assert_cmpstr (last->author_id, ==, trellis_goal_get_employee_id (goal));
    g_assert_cmpuint (last->n_evidence, ==, 1);
    {
      g_autoptr(GPtrArray) evidence = trellis_goal_repository_list_evidence (trellis_workspace_get_store (fixture->workspace),
                                                                             last->id, &error);
      TrellisEvidence *file;

      g_assert_no_error (error);
      g_assert_cmpuint (evidence->len, ==, 1);
      file = g_ptr_array_index (evidence, 0);
      g_assert_true (g_str_has_prefix (file->file_name, "合同扫描件-"));
    }
  }
}

/* Seed 004's dynamic weight: a check-in that crosses an unfired rule's
 * threshold raises another key result's weight, and the tree follows. */
static void
test_goals_weight_rule (Fixture       *fixture,
                        gconstpointer  data)
{
  TrellisGoalTree *tree = trellis_goals_page_get_tree (fixture->page);
  TrellisStore *store = trellis_workspace_get_store (fixture->workspace);
  TrellisGoalDetail *detail = trellis_goals_page_get_detail (fixture->page);
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GError) error = NULL;
  TrellisWeightRule *rule = NULL;
  TrellisKeyResult *watched, *target;
  TrellisGoal *goal;
  TrellisCheckinDialog *dialog;
  double sum = 0.0;
  GPtrArray *krs;

  rules = trellis_weight_rule_list (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rules->len && rule == NULL; i++)
    {
      TrellisWeightRule *candidate = g_ptr_array_index (rules, i);

      if (candidate->fired_at == NULL && g_strcmp0 (candidate->metric, "value") == 0 &&
          tree_key_result (tree, candidate->watch_kr_id) != NULL)
        rule = candidate;
    }
  g_assert_nonnull (rule);

  watched = tree_key_result (tree, rule->watch_kr_id);
  target = tree_key_result (tree, rule->target_kr_id);
  g_assert_nonnull (target);
  g_assert_cmpfloat (trellis_key_result_get_weight (target), !=, rule->new_weight);
  goal = tree_goal (tree, trellis_key_result_get_goal_id (watched));
  trellis_goals_page_show_goal (fixture->page, trellis_goal_get_id (goal));
  trellis_goal_detail_select_key_result (detail, rule->watch_kr_id);

  dialog = trellis_goals_page_check_in (fixture->page);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (trellis_checkin_dialog_get_key_result (dialog) == watched);
  trellis_checkin_dialog_set_value (dialog, rule->threshold + 5);
  g_assert_true (trellis_checkin_dialog_save (dialog, &error));
  g_assert_no_error (error);
  trellis_test_spin (20);
  g_assert_null (dialog);

  /* The weights moved in the tree, still adding up to 100 %. */
  g_assert_cmpfloat_with_epsilon (trellis_key_result_get_weight (target), rule->new_weight, 1e-9);
  krs = trellis_goal_get_key_results (tree_goal (tree, trellis_key_result_get_goal_id (target)));
  for (guint i = 0; i < krs->len; i++)
    sum += trellis_key_result_get_weight (g_ptr_array_index (krs, i));
  g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-6);
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));
}

static void
test_goals_filters (Fixture       *fixture,
                    gconstpointer  data)
{
  TrellisGoalTree *tree = trellis_goals_page_get_tree (fixture->page);
  GListModel *goals = trellis_goal_tree_get_goals (tree);
  guint n_goals = g_list_model_get_n_items (goals);
  guint n_lagging = 0, n_lagging_unaligned = 0;
  g_autofree char *expected = NULL;

  for (guint i = 0; i < n_goals; i++)
    {
      g_autoptr(TrellisGoal) goal = g_list_model_get_item (goals, i);

      if (trellis_goal_get_lagging (goal))
        {
          n_lagging++;
          if (trellis_goal_is_unaligned (goal))
            n_lagging_unaligned++;
        }
    }
  g_assert_cmpuint (n_lagging, >, 0);
  g_assert_cmpuint (n_lagging, <, n_goals);

  /* Any filter switches to a flat list of the matching goals. */
  trellis_goals_page_set_filter_flags (fixture->page, TRELLIS_GOALS_FILTER_LAGGING);
  g_assert_true (trellis_test_spin_until (page_settled, fixture->page, 10000));
  g_assert_true (trellis_goals_page_get_filtered (fixture->page));
  g_assert_cmpuint (trellis_goals_page_get_n_shown (fixture->page), ==, n_lagging);
  expected = g_strdup_printf ("%'u of %'u goals", n_lagging, n_goals);
  g_assert_cmpstr (trellis_goals_page_get_count_text (fixture->page), ==, expected);
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));

  /* Filters combine. */
  trellis_goals_page_set_filter_flags (fixture->page, TRELLIS_GOALS_FILTER_LAGGING | TRELLIS_GOALS_FILTER_UNALIGNED);
  g_assert_true (trellis_test_spin_until (page_settled, fixture->page, 10000));
  g_assert_cmpuint (trellis_goals_page_get_n_shown (fixture->page), ==, n_lagging_unaligned);

  /* Nothing matches: the list gives way to a helpful empty state. */
  search_and_wait (fixture->page, "no such goal zzz", 0);
  g_free (expected);
  expected = g_strdup_printf ("0 of %'u goals", n_goals);
  g_assert_cmpstr (trellis_goals_page_get_count_text (fixture->page), ==, expected);
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));

  /* Clearing everything brings the tree back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "goals.clear-filters", NULL));
  trellis_test_spin (300);
  g_assert_true (trellis_test_spin_until (page_settled, fixture->page, 10000));
  g_assert_false (trellis_goals_page_get_filtered (fixture->page));
  g_assert_cmpuint (trellis_goals_page_get_n_shown (fixture->page), ==,
                    g_list_model_get_n_items (trellis_goal_tree_get_roots (tree)));

  /* Search matches owners too, and a department narrows to its subtree. */
  {
    g_autoptr(TrellisGoal) goal = NULL;
    TrellisGoal *candidate = first_goal_where (tree, is_checkin_candidate);
    TrellisOrganisation *organisation = trellis_workspace_get_organisation (fixture->workspace);
    TrellisEmployee *owner = trellis_organisation_find_employee (organisation, trellis_goal_get_employee_id (candidate));
    guint n_owner = 0;

    for (guint i = 0; i < n_goals; i++)
      {
        g_autoptr(TrellisGoal) other = g_list_model_get_item (goals, i);

        if (strstr (trellis_goal_get_owner_name (other), trellis_employee_get_name (owner)) != NULL ||
            strstr (trellis_goal_get_title (other), trellis_employee_get_name (owner)) != NULL)
          n_owner++;
      }

    search_and_wait (fixture->page, trellis_employee_get_name (owner), n_owner);
    search_and_wait (fixture->page, "", g_list_model_get_n_items (trellis_goal_tree_get_roots (tree)));

    trellis_goals_page_select_department (fixture->page, trellis_employee_get_department_id (owner));
    g_assert_true (trellis_test_spin_until (page_settled, fixture->page, 10000));
    g_assert_true (trellis_goals_page_get_filtered (fixture->page));
    g_assert_cmpuint (trellis_goals_page_get_n_shown (fixture->page), >, 0);
    g_assert_cmpuint (trellis_goals_page_get_n_shown (fixture->page), <, n_goals);
    trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));
    trellis_goals_page_select_department (fixture->page, NULL);
    g_assert_true (trellis_test_spin_until (page_settled, fixture->page, 10000));
    g_assert_false (trellis_goals_page_get_filtered (fixture->page));
  }

  /* The approval state: the submitted goals waiting for a decision. */
  {
    guint n_submitted = 0;

    for (guint i = 0; i < n_goals; i++)
      {
        g_autoptr(TrellisGoal) goal = g_list_model_get_item (goals, i);

        if (trellis_goal_get_state (goal) == TRELLIS_GOAL_STATE_SUBMITTED)
          n_submitted++;
      }
    g_assert_cmpuint (n_submitted, >, 0);
    g_assert_cmpuint (n_submitted, <, n_goals);

    trellis_goals_page_set_state_filter (fixture->page, TRELLIS_GOAL_STATE_SUBMITTED);
    g_assert_true (trellis_test_spin_until (page_settled, fixture->page, 10000));
    g_assert_true (trellis_goals_page_get_filtered (fixture->page));
    g_assert_cmpuint (trellis_goals_page_get_n_shown (fixture->page), ==, n_submitted);
    trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "goals.clear-filters", NULL));
    g_assert_true (trellis_test_spin_until (page_settled, fixture->page, 10000));
    g_assert_false (trellis_goals_page_get_filtered (fixture->page));
  }
}

static void
test_goals_workflow (Fixture       *fixture,
                     gconstpointer  data)
{
  TrellisGoalTree *tree = trellis_goals_page_get_tree (fixture->page);
  TrellisStore *store = trellis_workspace_get_store (fixture->workspace);
  TrellisOrganisation *organisation = trellis_workspace_get_organisation (fixture->workspace);
  TrellisGoal *goal = first_goal_where (tree, is_submitted_person_goal);
  TrellisApprovalDialog *dialog;
  g_autofree char *approver = NULL;
  g_autoptr(GError) error = NULL;
  int step;

  g_assert_nonnull (goal);
  trellis_goals_page_show_goal (fixture->page, trellis_goal_get_id (goal));
  approver = trellis_goal_workflow_dup_current_approver (store, organisation, goal, &error);
  g_assert_no_error (error);
  g_assert_nonnull (approver);

  /* Returning needs a comment; the approver is preset. */
  dialog = trellis_approval_dialog_new (GTK_WINDOW (fixture->window), fixture->workspace, goal, TRELLIS_APPROVAL_RETURN);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  trellis_test_wait_for_frame (GTK_WIDGET (dialog));
  g_assert_cmpstr (trellis_approval_dialog_get_approver (dialog), ==, approver);
  g_assert_false (trellis_approval_dialog_apply (dialog, &error));
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (trellis_goal_get_state (goal), ==, TRELLIS_GOAL_STATE_SUBMITTED);
  gtk_window_close (GTK_WINDOW (dialog));
  trellis_test_spin (20);
  g_assert_null (dialog);

  /* The approve action opens the dialog with the current approver. */
  step = trellis_goal_get_approval_step (goal);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "goals.approve", NULL));
  dialog = TRELLIS_APPROVAL_DIALOG (find_toplevel (TRELLIS_TYPE_APPROVAL_DIALOG));
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  trellis_test_wait_for_frame (GTK_WIDGET (dialog));
  g_assert_cmpstr (trellis_approval_dialog_get_approver (dialog), ==, approver);
  trellis_approval_dialog_set_comment (dialog, "目标清晰，同意");
  g_assert_true (trellis_approval_dialog_apply (dialog, &error));
  g_assert_no_error (error);
  trellis_test_spin (20);
  g_assert_null (dialog);
  g_assert_true (trellis_goal_get_state (goal) == TRELLIS_GOAL_STATE_APPROVED ||
                 trellis_goal_get_approval_step (goal) == step + 1);
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));

  /* The history tells it in words, once: no raw action, no state line. */
  {
    GtkWidget *detail = GTK_WIDGET (trellis_goals_page_get_detail (fixture->page));

    g_assert_cmpuint (count_labels_containing (detail, "approved the goal"), ==, 1);
    g_assert_cmpuint (count_labels_containing (detail, "approve goal"), ==, 0);
    g_assert_cmpuint (count_labels_containing (detail, "changed state"), ==, 0);
  }
}

static void
test_goals_change_request (Fixture       *fixture,
                           gconstpointer  data)
{
  TrellisGoalTree *tree = trellis_goals_page_get_tree (fixture->page);
  TrellisStore *store = trellis_workspace_get_store (fixture->workspace);
  TrellisGoal *goal = first_goal_where (tree, is_checkin_candidate);
  TrellisKeyResult *kr = g_ptr_array_index (trellis_goal_get_key_results (goal), 0);
  TrellisChangeRequestDialog *dialog;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  double original = trellis_key_result_get_original_target (kr);
  gint64 id;

  trellis_goals_page_show_goal (fixture->page, trellis_goal_get_id (goal));
  before = trellis_change_request_list (store, trellis_goal_get_id (goal), &error);
  g_assert_no_error (error);

  dialog = trellis_change_request_dialog_new (GTK_WINDOW (fixture->window), fixture->workspace, tree, goal, kr);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  trellis_test_wait_for_frame (GTK_WIDGET (dialog));

  /* Half as much again is beyond the 10 % the cycle allows: the core's
   * message is shown and nothing is created. */
  trellis_change_request_dialog_set_subject (dialog, trellis_key_result_get_id (kr), TRELLIS_CHANGE_TARGET);
  trellis_change_request_dialog_set_value (dialog, original * 1.5);
  trellis_change_request_dialog_set_reason (dialog, "医院招标政策变化");
  id = trellis_change_request_dialog_submit (dialog, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_OVER_LIMIT);
  g_assert_cmpstr (trellis_change_request_dialog_get_error (dialog), ==, error->message);
  g_assert_nonnull (strstr (error->message, "10 %"));
  g_clear_error (&error);
  after = trellis_change_request_list (store, trellis_goal_get_id (goal), &error);
  g_assert_cmpuint (after->len, ==, before->len);
  g_clear_pointer (&after, g_ptr_array_unref);
  trellis_test_wait_for_frame (GTK_WIDGET (dialog));

  /* Within the limit it is sent, and the pane lists it. */
  trellis_change_request_dialog_set_value (dialog, original * 0.95);
  id = trellis_change_request_dialog_submit (dialog, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  trellis_test_spin (20);
  g_assert_null (dialog);
  after = trellis_change_request_list (store, trellis_goal_get_id (goal), &error);
  g_assert_cmpuint (after->len, ==, before->len + 1);

  /* The approver decides from the pane; the tree takes the new target. */
  {
    TrellisChangeRequest *request = g_ptr_array_index (after, after->len - 1);
    TrellisApprovalDialog *decision;

    g_assert_cmpint (request->id, ==, id);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "goals.decide-change", "(xb)", id, TRUE));
    decision = TRELLIS_APPROVAL_DIALOG (find_toplevel (TRELLIS_TYPE_APPROVAL_DIALOG));
    g_assert_nonnull (decision);
    g_object_add_weak_pointer (G_OBJECT (decision), (gpointer *) &decision);
    g_assert_cmpstr (trellis_approval_dialog_get_approver (decision), ==, request->approver_id);
    trellis_test_wait_for_frame (GTK_WIDGET (decision));
    g_assert_true (trellis_approval_dialog_apply (decision, &error));
    g_assert_no_error (error);
    trellis_test_spin (20);
    g_assert_null (decision);
    g_assert_cmpfloat_with_epsilon (trellis_key_result_get_target (kr), request->new_value, 1e-9);
  }
}

static gboolean
editor_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
not_loading (gpointer data)
{
  return !trellis_goals_page_get_loading (data);
}

static void
count_title_cb (guint *notified)
{
  (*notified)++;
}

static void
test_goals_editor (Fixture       *fixture,
                   gconstpointer  data)
{
  TrellisGoalTree *tree = trellis_goals_page_get_tree (fixture->page);
  TrellisGoal *candidate = first_goal_where (tree, is_checkin_candidate);
  TrellisGoalEditor *editor;
  g_autoptr(GError) error = NULL;
  guint n_before = g_list_model_get_n_items (trellis_goal_tree_get_goals (tree));
  TrellisGoal *created;
  GListModel *goals;

  editor = trellis_goal_editor_new (GTK_WINDOW (fixture->window), fixture->workspace, tree, NULL, "2026-Q4");
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_present (GTK_WINDOW (editor));
  trellis_test_wait_for_frame (GTK_WIDGET (editor));

  g_assert_nonnull (trellis_goal_editor_get_error (editor));
  trellis_goal_editor_set_title (editor, "提升学术推广转化");
  trellis_goal_editor_set_owner_employee (editor, trellis_goal_get_employee_id (candidate));
  trellis_goal_editor_add_key_result (editor, "学术会议邀约", TRELLIS_MEASURE_NUMERIC, 0, 20, "场", 0.6);
  trellis_goal_editor_add_key_result (editor, "会后转化率", TRELLIS_MEASURE_PERCENTAGE, 10, 30, NULL, 0.6);
  /* 60 % + 60 %: not saved, and the editor says why. */
  g_assert_nonnull (trellis_goal_editor_get_error (editor));
  g_assert_false (trellis_goal_editor_save (editor, &error));
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID);
  g_clear_error (&error);
  trellis_test_wait_for_frame (GTK_WIDGET (editor));

  gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL);
  trellis_test_spin (20);
  g_assert_null (editor);

  /* Through the page's action this time, so the page reloads after. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "goals.new-goal", NULL));
  editor = TRELLIS_GOAL_EDITOR (find_toplevel (TRELLIS_TYPE_GOAL_EDITOR));
  g_assert_nonnull (editor);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  trellis_goal_editor_set_title (editor, "提升学术推广转化");
  trellis_goal_editor_set_owner_employee (editor, trellis_goal_get_employee_id (candidate));
  trellis_goal_editor_add_key_result (editor, "学术会议邀约", TRELLIS_MEASURE_NUMERIC, 0, 20, "场", 0.6);
  trellis_goal_editor_add_key_result (editor, "会后转化率", TRELLIS_MEASURE_PERCENTAGE, 10, 30, NULL, 0.4);
  g_assert_null (trellis_goal_editor_get_error (editor));
  g_assert_true (trellis_goal_editor_save (editor, &error));
  g_assert_no_error (error);
  g_assert_true (trellis_test_spin_until (editor_gone, &editor, 1000));

  /* The page reads the goals again and shows the new one. */
  g_assert_true (trellis_test_spin_until (not_loading, fixture->page, 30000));
  tree = trellis_goals_page_get_tree (fixture->page);
  goals = trellis_goal_tree_get_goals (tree);
  g_assert_cmpuint (g_list_model_get_n_items (goals), ==, n_before + 1);
  created = trellis_goals_page_get_goal (fixture->page);
  g_assert_nonnull (created);
  g_assert_cmpstr (trellis_goal_get_title (created), ==, "提升学术推广转化");
  g_assert_cmpint (trellis_goal_get_state (created), ==, TRELLIS_GOAL_STATE_DRAFT);
  g_assert_cmpuint (trellis_goal_get_key_results (created)->len, ==, 2);
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));

  /* Renaming it keeps the tree: the goal updates in place, no new load. */
  {
    guint notified = 0;

    g_signal_connect_swapped (created, "notify::title", G_CALLBACK (count_title_cb), &notified);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "goals.edit", NULL));
    editor = TRELLIS_GOAL_EDITOR (find_toplevel (TRELLIS_TYPE_GOAL_EDITOR));
    g_assert_nonnull (editor);
    g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
    trellis_goal_editor_set_title (editor, "提升学术推广转化率");
    g_assert_true (trellis_goal_editor_save (editor, &error));
    g_assert_no_error (error);
    g_assert_true (trellis_test_spin_until (editor_gone, &editor, 1000));
    g_assert_false (trellis_goals_page_get_loading (fixture->page));
    g_assert_true (trellis_goals_page_get_tree (fixture->page) == tree);
    g_assert_cmpstr (trellis_goal_get_title (created), ==, "提升学术推广转化率");
    g_assert_cmpuint (notified, >=, 1);
    g_signal_handlers_disconnect_by_data (created, &notified);
  }

  /* A draft can be submitted from the pane. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "goals.submit", NULL));
  g_assert_cmpint (trellis_goal_get_state (created), ==, TRELLIS_GOAL_STATE_SUBMITTED);
  trellis_test_wait_for_frame (GTK_WIDGET (fixture->window));
}

static void
test_goals_template (Fixture       *fixture,
                     gconstpointer  data)
{
  TrellisGoalTree *tree = trellis_goals_page_get_tree (fixture->page);
  TrellisStore *store = trellis_workspace_get_store (fixture->workspace);
  TrellisGoal *candidate = first_goal_where (tree, is_checkin_candidate);
  TrellisOrganisation *organisation = trellis_workspace_get_organisation (fixture->workspace);
  TrellisEmployee *person = trellis_organisation_find_employee (organisation, trellis_goal_get_employee_id (candidate));
  TrellisLibraryKeyResult item = { 0 };
  TrellisGoalTemplate template_ = { 0 };
  TrellisTemplateKeyResult line = { 0 };
  g_autofree char *library_id = NULL;
  g_autofree char *template_id = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  TrellisTemplateDialog *dialog;
  guint n_before = g_list_model_get_n_items (trellis_goal_tree_get_goals (tree));

  item.title = (char *) "新客户首单转化率";
  item.measure = TRELLIS_MEASURE_PERCENTAGE;
  item.baseline = 0;
  item.target = 30;
  item.commitment = TRELLIS_COMMITMENT_COMMITTED;
  library_id = trellis_goal_template_add_library_key_result (store, &item, &error);
  g_assert_no_error (error);

  line.library_id = library_id;
  line.weight = 1.0;
  g_ptr_array_add (lines, &line);
  template_.name = (char *) "销售代表季度目标";
  template_.title = (char *) "提升新客户转化";
  template_.kind = TRELLIS_GOAL_OBJECTIVE;
  template_.cycle_kind = (char *) "quarter";
  template_.category = TRELLIS_CATEGORY_BUSINESS;
  template_.key_results = lines;
  template_id = trellis_goal_template_add (store, &template_, &error);
  g_assert_no_error (error);

  /* Everybody in the person's department gets one, in a worker thread. */
  dialog = trellis_template_dialog_new (GTK_WINDOW (fixture->window), fixture->workspace, tree, "2026-Q4",
                                        trellis_employee_get_department_id (person));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect_swapped (dialog, "assigned", G_CALLBACK (trellis_goals_page_reload), fixture->page);
  gtk_window_present (GTK_WINDOW (dialog));
  trellis_test_wait_for_frame (GTK_WIDGET (dialog));
  trellis_template_dialog_start (dialog);
  g_assert_true (trellis_template_dialog_get_running (dialog));
  trellis_test_wait_for_frame (GTK_WIDGET (dialog));
  g_assert_true (trellis_test_spin_until (editor_gone, &dialog, 30000));

  g_assert_true (trellis_test_spin_until (not_loading, fixture->page, 30000));
  tree = trellis_goals_page_get_tree (fixture->page);
  g_assert_cmpuint (g_list_model_get_n_items (trellis_goal_tree_get_goals (tree)), >, n_before);
}

/* A draft with no check-ins and nothing aligned to it. */
static gboolean
is_deletable_draft (TrellisGoal *goal)
{
  return trellis_goal_get_state (goal) == TRELLIS_GOAL_STATE_DRAFT &&
         trellis_goal_get_last_checkin_at (goal) == NULL &&
         trellis_goal_get_n_children (goal) == 0;
}

static void
test_goals_delete (Fixture       *fixture,
                   gconstpointer  data)
{
  TrellisGoalTree *tree = trellis_goals_page_get_tree (fixture->page);
  TrellisStore *store = trellis_workspace_get_store (fixture->workspace);
  TrellisGoal *approved = first_goal_where (tree, is_checkin_candidate);
  TrellisGoal *draft = first_goal_where (tree, is_deletable_draft);
  g_autofree char *draft_id = NULL;
  guint n_before = trellis_goal_tree_get_n_goals (tree);
  AdwMessageDialog *dialog;

  g_assert_nonnull (approved);
  g_assert_nonnull (draft);
  draft_id = g_strdup (trellis_goal_get_id (draft));

  /* An approved goal offers no deletion: the action is off, nothing asks. */
  trellis_goals_page_show_goal (fixture->page, trellis_goal_get_id (approved));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "goals.delete", NULL);
  trellis_test_spin (20);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* A draft does, after a confirmation; Cancel keeps it. */
  trellis_goals_page_show_goal (fixture->page, draft_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "goals.delete", NULL));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  trellis_test_spin (20);
  g_assert_true (trellis_goal_tree_contains (tree, draft_id));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "goals.delete", NULL));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");

  /* Gone from the store; the page reads the quarter again without it. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM goals WHERE id = '%s'", draft_id);
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (trellis_store_get_handle (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
  }
  g_assert_true (trellis_test_spin_until (page_ready, fixture->page, 30000));
  tree = trellis_goals_page_get_tree (fixture->page);
  g_assert_false (trellis_goal_tree_contains (tree, draft_id));
  g_assert_cmpuint (trellis_goal_tree_get_n_goals (tree), ==, n_before - 1);
  g_assert_null (trellis_goals_page_get_goal (fixture->page));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  trellis_test_load_resources ();

  demo_path = create_demo (&demo_dir);

  g_test_add ("/ui/goals/tree", Fixture, NULL, fixture_set_up, test_goals_tree, fixture_tear_down);
  g_test_add ("/ui/goals/detail-and-checkin", Fixture, NULL, fixture_set_up, test_goals_detail_and_checkin, fixture_tear_down);
  g_test_add ("/ui/goals/weight-rule", Fixture, NULL, fixture_set_up, test_goals_weight_rule, fixture_tear_down);
  g_test_add ("/ui/goals/filters", Fixture, NULL, fixture_set_up, test_goals_filters, fixture_tear_down);
  g_test_add ("/ui/goals/workflow", Fixture, NULL, fixture_set_up, test_goals_workflow, fixture_tear_down);
  g_test_add ("/ui/goals/change-request", Fixture, NULL, fixture_set_up, test_goals_change_request, fixture_tear_down);
  g_test_add ("/ui/goals/editor", Fixture, NULL, fixture_set_up, test_goals_editor, fixture_tear_down);
  g_test_add ("/ui/goals/template", Fixture, NULL, fixture_set_up, test_goals_template, fixture_tear_down);
  g_test_add ("/ui/goals/delete", Fixture, NULL, fixture_set_up, test_goals_delete, fixture_tear_down);

  status = g_test_run ();

  trellis_test_remove_demo (demo_dir, demo_path);
  g_free (demo_dir);
  g_free (demo_path);

  return status;
}
