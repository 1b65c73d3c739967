/* test-goal-editor.c
 *
 * Copyright 2026 The Trellis authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trellis-goal-editor.h"
#include "trellis-ui-test-utils.h"

/* Removing a saved key result from the goal editor: a confirmation that
 * names it, the removal in the store, the row gone, the weights check, and
 * the core's refusal shown as it is. With TRELLIS_SHOT_DIR set, the editor
 * and both dialogs are saved as PNGs there. */

typedef struct {
  char             *dir;
  char             *path;
  TrellisWorkspace *workspace;
  TrellisGoalTree  *tree;
  char             *goal_id;
  char             *kr_ids[3];
} Fixture;

static const struct { const char *title; double weight; } key_results[] = {
  { "新签诊所 12 家", 0.5 },
  { "中标中山市人民医院项目", 0.3 },
  { "客户满意度达到 90 分", 0.2 },
};

static char *
query_text (TrellisStore *store,
            const char   *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (trellis_store_get_handle (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static gint64
count_key_results (Fixture *fixture)
{
  TrellisStore *store = trellis_workspace_get_store (fixture->workspace);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM key_results WHERE goal_id = '%s'",
                                          fixture->goal_id);
  g_autofree char *text = query_text (store, sql);

  return g_ascii_strtoll (text, NULL, 10);
}

/* A draft of 50 % + 30 % + 20 % for someone with a manager; the last key
 * result already has a check-in. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisGoal) goal = NULL;
  g_autofree char *owner = NULL;
  TrellisStore *store;
  gint64 first_kr;
  GDate today;

  fixture->path = trellis_test_create_demo (60, &fixture->dir);
  fixture->workspace = trellis_test_open_workspace (fixture->path);
  store = trellis_workspace_get_store (fixture->workspace);

  owner = query_text (store, "SELECT id FROM employees WHERE manager_id IS NOT NULL ORDER BY id LIMIT 1");
  fixture->goal_id = trellis_goal_repository_next_id (store, "G", &error);
  g_assert_no_error (error);
  {
    g_autofree char *kr_id = trellis_goal_repository_next_id (store, "K", &error);

    g_assert_no_error (error);
    first_kr = g_ascii_strtoll (kr_id + 1, NULL, 10);
  }

  goal = trellis_goal_new (&(TrellisGoalFields) {
    .id = fixture->goal_id,
    .kind = TRELLIS_GOAL_OBJECTIVE,
    .title = "拓展华东新客户",
    .owner_kind = TRELLIS_OWNER_EMPLOYEE,
    .employee_id = owner,
    .cycle_id = "2026-Q4",
    .weight = 0.3,
    .original_weight = 0.3,
    .state = TRELLIS_GOAL_STATE_DRAFT,
    .created_at = "2026-05-18T09:00:00Z",
  });
  for (guint i = 0; i < G_N_ELEMENTS (key_results); i++)
    {
      g_autoptr(TrellisKeyResult) kr = NULL;

      fixture->kr_ids[i] = g_strdup_printf ("K%06" G_GINT64_FORMAT, first_kr + i);
      kr = trellis_key_result_new (&(TrellisKeyResultFields) {
        .id = fixture->kr_ids[i],
        .goal_id = fixture->goal_id,
        .title = key_results[i].title,
        .measure = TRELLIS_MEASURE_NUMERIC,
        .baseline = 0,
        .target = 10,
        .original_target = 10,
        .weight = key_results[i].weight,
        .original_weight = key_results[i].weight,
        .position = (int) i,
        .confidence = -1,
      });
      trellis_goal_add_key_result (goal, kr);
    }
  g_assert_true (trellis_goal_repository_insert_goal (store, goal, &error));
  g_assert_no_error (error);
  g_assert_cmpint (trellis_goal_repository_add_checkin (store, fixture->kr_ids[2], 4, 7, NULL, owner, NULL, &error),
                   >, 0);
  g_assert_no_error (error);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 18, G_DATE_MAY, 2026);
  fixture->tree = trellis_goal_tree_load (store, trellis_workspace_get_organisation (fixture->workspace),
                                          "2026-Q4", &today, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->tree);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->tree);
  g_assert_finalize_object (fixture->workspace);
  trellis_test_remove_demo (fixture->dir, fixture->path);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->goal_id);
  for (guint i = 0; i < G_N_ELEMENTS (fixture->kr_ids); i++)
    g_free (fixture->kr_ids[i]);
}

static void
collect_remove_buttons (GtkWidget *widget,
                        GPtrArray *buttons)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "list-remove-symbolic") == 0)
    g_ptr_array_add (buttons, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_remove_buttons (child, buttons);
}

static GtkWidget *
remove_button (TrellisGoalEditor *editor,
               guint              index,
               guint              expected_rows)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_remove_buttons (GTK_WIDGET (editor), buttons);
  g_assert_cmpuint (buttons->len, ==, expected_rows);
  g_assert_true (gtk_widget_get_sensitive (g_ptr_array_index (buttons, index)));
  return g_ptr_array_index (buttons, index);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (toplevel))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static void
maybe_save (GtkWidget  *window,
            const char *name)
{
  const char *dir = g_getenv ("TRELLIS_SHOT_DIR");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (dir == NULL || dir[0] == '\0')
    return;

  trellis_test_wait_for_frame (window);
  paintable = gtk_widget_paintable_new (window);
  width = gdk_paintable_get_intrinsic_width (paintable);
  height = gdk_paintable_get_intrinsic_height (paintable);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  file = g_strdup_printf ("trellis-goal-editor-%s.png", name);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
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

/* The key results are at the bottom of the editor: show them. */
static void
scroll_to_end (TrellisGoalEditor *editor)
{
  GtkWidget *scrolled = find_descendant (GTK_WIDGET (editor), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;

  g_assert_nonnull (scrolled);
  trellis_test_wait_for_frame (GTK_WIDGET (editor));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment));
}

/* Clicks and waits for the dialog it opens. */
static AdwMessageDialog *
click_for_dialog (GtkWidget *button)
{
  AdwMessageDialog *dialog;

  g_signal_emit_by_name (button, "clicked");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  trellis_test_wait_for_frame (GTK_WIDGET (dialog));
  return dialog;
}

/* As a click on the response's button: the response, then the close. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  trellis_test_spin (50);
  g_assert_null (dialog);
}

static void
test_remove_key_result (Fixture       *fixture,
                        gconstpointer  data)
{
  TrellisStore *store = trellis_workspace_get_store (fixture->workspace);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisGoal) goal = trellis_goal_repository_get_goal (store, fixture->goal_id, &error);
  g_autofree char *sql = NULL;
  g_autofree char *audit = NULL;
  TrellisGoalEditor *editor;
  AdwMessageDialog *dialog;

  g_assert_no_error (error);
  editor = trellis_goal_editor_new (NULL, fixture->workspace, fixture->tree, goal, NULL);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_set_default_size (GTK_WINDOW (editor), 900, 860);
  gtk_window_present (GTK_WINDOW (editor));
  trellis_test_wait_for_frame (GTK_WIDGET (editor));
  g_assert_null (trellis_goal_editor_get_error (editor));
  scroll_to_end (editor);
  maybe_save (GTK_WIDGET (editor), "before");

  /* Cancel first: nothing happens. */
  dialog = click_for_dialog (remove_button (editor, 1, 3));
  respond (dialog, "cancel");
  g_assert_cmpint (count_key_results (fixture), ==, 3);

  /* The confirmation names the key result; removing it is immediate. */
  dialog = click_for_dialog (remove_button (editor, 1, 3));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove Key Result?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“中标中山市人民医院项目”"));
  g_assert_true (adw_message_dialog_has_response (dialog, "remove"));
  maybe_save (GTK_WIDGET (dialog), "confirm");
  respond (dialog, "remove");

  g_assert_cmpint (count_key_results (fixture), ==, 2);
  sql = g_strdup_printf ("SELECT old_value FROM audit_log WHERE entity = 'goal' AND entity_id = '%s'"
                         " AND action = 'remove-key-result' AND field = '%s'",
                         fixture->goal_id, fixture->kr_ids[1]);
  audit = query_text (store, sql);
  g_assert_cmpstr (audit, ==, "中标中山市人民医院项目");

  /* Two rows left, 50 % + 20 %: the editor says so and will not save. */
  remove_button (editor, 0, 2);
  g_assert_cmpstr (trellis_goal_editor_get_error (editor), ==, "The key results’ weights must add up to 100 %.");
  scroll_to_end (editor);
  maybe_save (GTK_WIDGET (editor), "after");

  /* The last one has a check-in: the core's reason, no confirmation. */
  dialog = click_for_dialog (remove_button (editor, 1, 2));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Cannot Remove Key Result");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Key result “客户满意度达到 90 分” has 1 check-in, which is kept as history, so the "
                   "key result cannot be removed. To stop counting it, lower its weight instead.");
  g_assert_false (adw_message_dialog_has_response (dialog, "remove"));
  maybe_save (GTK_WIDGET (dialog), "refused");
  respond (dialog, "close");
  g_assert_cmpint (count_key_results (fixture), ==, 2);
  remove_button (editor, 0, 2);

  gtk_window_destroy (GTK_WINDOW (editor));
  trellis_test_spin (50);
  g_assert_null (editor);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  trellis_test_load_resources ();

  g_test_add ("/ui/goal-editor/remove-key-result", Fixture, NULL,
              fixture_set_up, test_remove_key_result, fixture_tear_down);

  return g_test_run ();
}
