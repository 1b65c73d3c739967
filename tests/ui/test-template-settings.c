/* test-template-settings.c
 *
 * Copyright 2026 The Trellis authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "trellis-core.h"
#include "trellis-library-entry-dialog.h"
#include "trellis-preferences-window.h"
#include "trellis-template-editor.h"
#include "trellis-template-settings-page.h"
#include "trellis-ui-test-utils.h"

/* The demo's library: nine key results for individual contributors (level
 * P) in quarterly goals, L000001…L000009; and three templates. */
static const char * const demo_library[] = {
  "季度销售额", "A类客户新增签约", "新客户首单转化率", "重点医院拜访次数", "设备故障平均响应时间",
  "工单一次修复率", "客户满意度", "完成认证课程", "输出一篇案例复盘",
};
static const char * const demo_templates[] = { "销售代表季度目标", "服务工程师季度目标", "个人发展目标" };

typedef struct {
  char                        *dir;
  char                        *path;
  TrellisWorkspace            *workspace;
  GtkWidget                   *window;
  TrellisTemplateSettingsPage *page;
} Fixture;

typedef gboolean (*WidgetMatch) (GtkWidget    *widget,
                                 gconstpointer data);

static void
collect_widgets (GtkWidget    *root,
                 WidgetMatch   match,
                 gconstpointer data,
                 GPtrArray    *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (match (child, data))
        g_ptr_array_add (found, child);
      collect_widgets (child, match, data, found);
    }
}

/* The first match in depth-first order; fails the test when none. */
static GtkWidget *
find_widget (GtkWidget    *root,
             WidgetMatch   match,
             gconstpointer data)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (root, match, data, found);
  g_assert_cmpuint (found->len, >, 0);
  return g_ptr_array_index (found, 0);
}

static guint
count_widgets (GtkWidget    *root,
               WidgetMatch   match,
               gconstpointer data)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (root, match, data, found);
  return found->len;
}

static gboolean
is_row_titled (GtkWidget    *widget,
               gconstpointer title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_expander_titled (GtkWidget    *widget,
                    gconstpointer title)
{
  return ADW_IS_EXPANDER_ROW (widget) && is_row_titled (widget, title);
}

/* "templates.edit-entry" matches every such button; "templates.edit-entry
 * L000001" only the one for that entry. */
static gboolean
is_action_button (GtkWidget    *widget,
                  gconstpointer action)
{
  g_auto(GStrv) parts = g_strsplit (action, " ", 2);
  GVariant *target;

  if (!GTK_IS_BUTTON (widget) || g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), parts[0]) != 0)
    return FALSE;
  if (parts[1] == NULL)
    return TRUE;
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  return target != NULL && g_strcmp0 (g_variant_get_string (target, NULL), parts[1]) == 0;
}

static gboolean
is_button_labelled (GtkWidget    *widget,
                    gconstpointer label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_icon_button (GtkWidget    *widget,
                gconstpointer icon_name)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), icon_name) == 0;
}

static gboolean
is_menu_button_labelled (GtkWidget    *widget,
                         gconstpointer label)
{
  return GTK_IS_MENU_BUTTON (widget) && g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), label) == 0;
}

static gboolean
is_label (GtkWidget    *widget,
          gconstpointer text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_spin_button (GtkWidget    *widget,
                gconstpointer data)
{
  return GTK_IS_SPIN_BUTTON (widget);
}

static gboolean
is_list_box (GtkWidget    *widget,
             gconstpointer data)
{
  return GTK_IS_LIST_BOX (widget);
}

static gboolean
is_template_page (GtkWidget    *widget,
                  gconstpointer data)
{
  return TRELLIS_IS_TEMPLATE_SETTINGS_PAGE (widget);
}

typedef struct {
  GType       type;
  const char *heading;  /* of an AdwMessageDialog, or NULL */
  GtkWidget  *found;
} ToplevelQuery;

static gboolean
find_toplevel (gpointer data)
{
  ToplevelQuery *query = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  query->found = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && query->found == NULL; i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (!G_TYPE_CHECK_INSTANCE_TYPE (toplevel, query->type) || !gtk_widget_get_visible (toplevel))
        continue;
      if (query->heading != NULL &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (toplevel)), query->heading) != 0)
        continue;
      query->found = toplevel;
    }
  return query->found != NULL;
}

/* Waits for a window of @type to appear, as a click opens it. */
static GtkWidget *
wait_for_toplevel (GType       type,
                   const char *heading)
{
  ToplevelQuery query = { type, heading, NULL };

  g_assert_true (trellis_test_spin_until (find_toplevel, &query, 10000));
  return query.found;
}

static gboolean
is_gone (gpointer data)
{
  ToplevelQuery *query = data;

  return !find_toplevel (query);
}

static void
wait_until_closed (GType type)
{
  ToplevelQuery query = { type, NULL, NULL };

  g_assert_true (trellis_test_spin_until (is_gone, &query, 10000));
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
set_row_text (GtkWidget  *dialog,
              const char *row_title,
              const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find_widget (dialog, is_row_titled, row_title)), text);
}

static void
set_row_spin (GtkWidget  *dialog,
              const char *row_title,
              double      value)
{
  GtkWidget *row = find_widget (dialog, is_row_titled, row_title);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_widget (row, is_spin_button, NULL)), value);
}

/* Selects the combo row's item that reads @label. */
static void
select_combo_item (GtkWidget  *dialog,
                   const char *row_title,
                   const char *label)
{
  AdwComboRow *row = ADW_COMBO_ROW (find_widget (dialog, is_row_titled, row_title));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  g_error ("No “%s” in “%s”", label, row_title);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->path = trellis_test_create_demo (300, &fixture->dir);
  fixture->workspace = trellis_test_open_workspace (fixture->path);
  fixture->window = trellis_preferences_window_new (NULL);
  trellis_preferences_window_set_workspace (TRELLIS_PREFERENCES_WINDOW (fixture->window), fixture->workspace);
  fixture->page = TRELLIS_TEMPLATE_SETTINGS_PAGE (find_widget (fixture->window, is_template_page, NULL));
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (fixture->window),
                                           ADW_PREFERENCES_PAGE (fixture->page));
  gtk_window_present (GTK_WINDOW (fixture->window));
  trellis_test_wait_for_frame (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  trellis_test_spin (50);
  g_assert_finalize_object (g_steal_pointer (&fixture->workspace));
  trellis_test_remove_demo (fixture->dir, fixture->path);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
test_lists_demo (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);
  GtkWidget *sales;
  GtkWidget *scope;

  /* Three templates, each with its edit and delete buttons. */
  g_assert_cmpuint (count_widgets (page, is_action_button, "templates.edit-template"), ==, 3);
  g_assert_cmpuint (count_widgets (page, is_action_button, "templates.delete-template"), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (demo_templates); i++)
    g_assert_cmpuint (count_widgets (page, is_expander_titled, demo_templates[i]), ==, 1);

  /* The sales template: whom it is for, its goal, its key results with
   * their weights (0.4 + 0.3 + 0.3). */
  sales = find_widget (page, is_expander_titled, "销售代表季度目标");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (sales)), ==,
                   "Quarter · Level P · All Departments");
  g_assert_cmpuint (count_widgets (sales, is_row_titled, "提升负责区域的销售业绩与客户覆盖"), ==, 1);
  g_assert_cmpuint (count_widgets (sales, is_row_titled, "季度销售额"), ==, 1);
  g_assert_cmpuint (count_widgets (sales, is_label, "40 %"), ==, 1);
  g_assert_cmpuint (count_widgets (sales, is_label, "30 %"), ==, 2);

  /* The library: one group (quarter, P, every department) of nine. */
  scope = find_widget (page, is_expander_titled, "Quarter · Level P · All Departments");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (scope)), ==, "9 key results");
  g_assert_cmpuint (count_widgets (page, is_action_button, "templates.edit-entry"), ==, 9);
  for (guint i = 0; i < G_N_ELEMENTS (demo_library); i++)
    {
      g_autofree char *action = g_strdup_printf ("templates.edit-entry L%06u", i + 1);
      GtkWidget *button = find_widget (scope, is_action_button, action);
      GtkWidget *row = gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW);

      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, demo_library[i]);
    }
  {
    GtkWidget *button = find_widget (scope, is_action_button, "templates.edit-entry L000001");
    GtkWidget *row = gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW);

    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Number · 0 → 120 万元 · Committed");
  }
}

static void
test_add_entry (Fixture       *fixture,
                gconstpointer  data)
{
  TrellisStore *store = trellis_workspace_get_store (fixture->workspace);
  g_autoptr(GPtrArray) library = NULL;
  g_autoptr(GError) error = NULL;
  TrellisLibraryKeyResult *added;
  GtkWidget *dialog;
  GtkWidget *scope;

  click (find_widget (GTK_WIDGET (fixture->page), is_action_button, "templates.add-entry"));
  dialog = wait_for_toplevel (TRELLIS_TYPE_LIBRARY_ENTRY_DIALOG, NULL);
  trellis_test_wait_for_frame (dialog);

  /* Without a title the store refuses, and the dialog says why. */
  click (find_widget (dialog, is_button_labelled, "_Save"));
  g_assert_cmpuint (count_widgets (dialog, is_label, "A key result in the library needs a title"), ==, 1);
  g_assert_true (gtk_widget_get_visible (dialog));

  set_row_text (dialog, "_Title", "新签医院数");
  set_row_spin (dialog, "_Baseline", 2);
  set_row_spin (dialog, "Tar_get", 8);
  set_row_text (dialog, "_Unit", "家");
  select_combo_item (dialog, "_Commitment", "Aspirational");
  select_combo_item (dialog, "C_ycle Kind", "Quarter");
  set_row_text (dialog, "_Level", "P");
  select_combo_item (dialog, "_Department", "上海大区 › 销售部");
  click (find_widget (dialog, is_button_labelled, "_Save"));
  wait_until_closed (TRELLIS_TYPE_LIBRARY_ENTRY_DIALOG);

  /* Stored as the tenth entry… */
  library = trellis_goal_template_list_library (store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (library->len, ==, 10);
  added = g_ptr_array_index (library, 9);
  g_assert_cmpstr (added->id, ==, "L000010");
  g_assert_cmpstr (added->title, ==, "新签医院数");
  g_assert_cmpint (added->measure, ==, TRELLIS_MEASURE_NUMERIC);
  g_assert_cmpfloat (added->baseline, ==, 2);
  g_assert_cmpfloat (added->target, ==, 8);
  g_assert_cmpstr (added->unit, ==, "家");
  g_assert_cmpint (added->commitment, ==, TRELLIS_COMMITMENT_ASPIRATIONAL);
  g_assert_cmpstr (added->department_id, ==, "R01-S");
  g_assert_cmpstr (added->level, ==, "P");
  g_assert_cmpstr (added->cycle_kind, ==, "quarter");

  /* …and listed in a group of its own. */
  scope = find_widget (GTK_WIDGET (fixture->page), is_expander_titled, "Quarter · Level P · 上海大区 › 销售部");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (scope)), ==, "1 key result");
  g_assert_cmpuint (count_widgets (scope, is_row_titled, "新签医院数"), ==, 1);
  g_assert_cmpuint (count_widgets (GTK_WIDGET (fixture->page), is_action_button, "templates.edit-entry"), ==, 10);

  /* Editing it: a milestone now, for any cycle. */
  click (find_widget (scope, is_action_button, "templates.edit-entry L000010"));
  dialog = wait_for_toplevel (TRELLIS_TYPE_LIBRARY_ENTRY_DIALOG, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_widget (dialog, is_row_titled, "_Title"))), ==,
                   "新签医院数");
  select_combo_item (dialog, "_Measure", "Milestone");
  select_combo_item (dialog, "C_ycle Kind", "Any Cycle");
  click (find_widget (dialog, is_button_labelled, "_Save"));
  wait_until_closed (TRELLIS_TYPE_LIBRARY_ENTRY_DIALOG);
  g_clear_pointer (&library, g_ptr_array_unref);
  library = trellis_goal_template_list_library (store, NULL, NULL, NULL, &error);
  added = g_ptr_array_index (library, 9);
  g_assert_cmpint (added->measure, ==, TRELLIS_MEASURE_MILESTONE);
  g_assert_cmpfloat (added->baseline, ==, 0);
  g_assert_cmpfloat (added->target, ==, 1);
  g_assert_null (added->unit);
  g_assert_null (added->cycle_kind);
  g_assert_cmpuint (count_widgets (GTK_WIDGET (fixture->page), is_expander_titled,
                                   "Any Cycle · Level P · 上海大区 › 销售部"), ==, 1);
}

static void
test_add_template (Fixture       *fixture,
                   gconstpointer  data)
{
  TrellisStore *store = trellis_workspace_get_store (fixture->workspace);
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  TrellisGoalTemplate *added;
  GtkWidget *editor;
  GtkWidget *popover;
  GtkWidget *library_list;
  GtkWidget *row;

  click (find_widget (GTK_WIDGET (fixture->page), is_action_button, "templates.new-template"));
  editor = wait_for_toplevel (TRELLIS_TYPE_TEMPLATE_EDITOR, NULL);
  trellis_test_wait_for_frame (editor);

  set_row_text (editor, "_Name", "区域销售经理季度目标");
  set_row_text (editor, "_Level", "P3");
  set_row_text (editor, "_Title", "带领团队完成区域销售目标");

  /* The library offers what fits a P3 in a quarter: all nine. Two are picked. */
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (find_widget (editor, is_menu_button_labelled,
                                                                                   "From _Library"))));
  library_list = find_widget (popover, is_list_box, NULL);
  g_assert_cmpuint (count_widgets (library_list, is_row_titled, "季度销售额"), ==, 1);
  g_assert_cmpuint (count_widgets (library_list, is_row_titled, "客户满意度"), ==, 1);
  row = find_widget (library_list, is_row_titled, "季度销售额");
  g_signal_emit_by_name (library_list, "row-activated", row);
  row = find_widget (library_list, is_row_titled, "A类客户新增签约");
  g_signal_emit_by_name (library_list, "row-activated", row);
  /* Each goes in once: the library greys out what is taken. */
  g_assert_false (gtk_widget_get_sensitive (find_widget (library_list, is_row_titled, "季度销售额")));
  g_assert_false (gtk_widget_get_sensitive (row));
  g_assert_true (gtk_widget_get_sensitive (find_widget (library_list, is_row_titled, "客户满意度")));

  /* The first took all of 100 %, the second what was left: nothing. */
  g_assert_cmpuint (count_widgets (editor, is_label, "Weights add up to 100 %."), ==, 1);
  collect_widgets (editor, is_spin_button, NULL, spins);
  g_assert_cmpuint (spins->len, ==, 2);
  g_assert_cmpfloat (gtk_spin_button_get_value (g_ptr_array_index (spins, 0)), ==, 100);
  g_assert_cmpfloat (gtk_spin_button_get_value (g_ptr_array_index (spins, 1)), ==, 0);

  /* 60 % + 30 % = 90 %: shown, and refused on Save with the sum. */
  gtk_spin_button_set_value (g_ptr_array_index (spins, 0), 60);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 1), 30);
  g_assert_cmpuint (count_widgets (editor, is_label, "Weights add up to 90 %, not 100 %."), ==, 1);
  click (find_widget (editor, is_button_labelled, "_Save"));
  g_assert_cmpuint (count_widgets (editor, is_label,
                                   "Template “区域销售经理季度目标”: the weights of its key results add up to 90 %, "
                                   "not 100 %"), ==, 1);
  g_assert_true (gtk_widget_get_visible (editor));
  templates = trellis_goal_template_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (templates->len, ==, 3);
  g_clear_pointer (&templates, g_ptr_array_unref);

  /* A third, then Spread Evenly: 33.4 + 33.3 + 33.3 = 100 %, not 99.9. */
  row = find_widget (library_list, is_row_titled, "客户满意度");
  g_signal_emit_by_name (library_list, "row-activated", row);
  click (find_widget (editor, is_button_labelled, "_Spread Evenly"));
  g_ptr_array_set_size (spins, 0);
  collect_widgets (editor, is_spin_button, NULL, spins);
  g_assert_cmpuint (spins->len, ==, 3);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (g_ptr_array_index (spins, 0)), 33.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (g_ptr_array_index (spins, 1)), 33.3, 1e-9);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (g_ptr_array_index (spins, 2)), 33.3, 1e-9);
  g_assert_cmpuint (count_widgets (editor, is_label, "Weights add up to 100 %."), ==, 1);
  /* Out again, for the two-KR template below. */
  {
    g_autoptr(GPtrArray) removes = g_ptr_array_new ();

    collect_widgets (editor, is_icon_button, "list-remove-symbolic", removes);
    g_assert_cmpuint (removes->len, ==, 3);
    click (g_ptr_array_index (removes, 2));
  }
  g_ptr_array_set_size (spins, 0);
  collect_widgets (editor, is_spin_button, NULL, spins);
  g_assert_cmpuint (spins->len, ==, 2);

  /* 60 % + 40 %: saved. */
  gtk_spin_button_set_value (g_ptr_array_index (spins, 0), 60);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 1), 40);
  g_assert_cmpuint (count_widgets (editor, is_label, "Weights add up to 100 %."), ==, 1);
  click (find_widget (editor, is_button_labelled, "_Save"));
  wait_until_closed (TRELLIS_TYPE_TEMPLATE_EDITOR);

  templates = trellis_goal_template_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (templates->len, ==, 4);
  added = g_ptr_array_index (templates, 3);
  g_assert_cmpstr (added->id, ==, "T000004");
  g_assert_cmpstr (added->name, ==, "区域销售经理季度目标");
  g_assert_null (added->department_id);
  g_assert_cmpstr (added->level, ==, "P3");
  g_assert_cmpstr (added->cycle_kind, ==, "quarter");
  g_assert_cmpint (added->kind, ==, TRELLIS_GOAL_OBJECTIVE);
  g_assert_cmpstr (added->title, ==, "带领团队完成区域销售目标");
  g_assert_cmpint (added->category, ==, TRELLIS_CATEGORY_BUSINESS);
  g_assert_cmpuint (added->key_results->len, ==, 2);
  g_assert_cmpstr (((TrellisTemplateKeyResult *)g_ptr_array_index (added->key_results, 0))->library_id, ==, "L000001");
  g_assert_cmpfloat (((TrellisTemplateKeyResult *)g_ptr_array_index (added->key_results, 0))->weight, ==, 0.6);
  g_assert_cmpstr (((TrellisTemplateKeyResult *)g_ptr_array_index (added->key_results, 1))->library_id, ==, "L000002");
  g_assert_cmpfloat (((TrellisTemplateKeyResult *)g_ptr_array_index (added->key_results, 1))->weight, ==, 0.4);

  /* The page lists it with its key results. */
  row = find_widget (GTK_WIDGET (fixture->page), is_expander_titled, "区域销售经理季度目标");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "Quarter · Level P3 · All Departments");
  g_assert_cmpuint (count_widgets (row, is_label, "60 %"), ==, 1);
  g_assert_cmpuint (count_widgets (row, is_label, "40 %"), ==, 1);
  g_assert_cmpuint (count_widgets (GTK_WIDGET (fixture->page), is_action_button, "templates.edit-template"), ==, 4);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  TrellisStore *store = trellis_workspace_get_store (fixture->workspace);
  GtkWidget *page = GTK_WIDGET (fixture->page);
  GtkWidget *dialog;

  /* L000001 is in the sales template: refused, with the template named. */
  click (find_widget (page, is_action_button, "templates.delete-entry L000001"));
  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "Delete “季度销售额”?");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "Could Not Delete");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Key result “季度销售额” is used by template “销售代表季度目标”; remove it from the template first");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_assert_cmpint (trellis_store_count_rows (store, "kr_library", NULL), ==, 9);

  /* Cancelled: the template stays. */
  click (find_widget (page, is_action_button, "templates.delete-template T000001"));
  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "Delete “销售代表季度目标”?");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  trellis_test_spin (50);
  g_assert_cmpint (trellis_store_count_rows (store, "goal_templates", NULL), ==, 3);

  /* Deleted: the template, then the key result it alone used. */
  click (find_widget (page, is_action_button, "templates.delete-template T000001"));
  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "Delete “销售代表季度目标”?");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  g_assert_cmpint (trellis_store_count_rows (store, "goal_templates", NULL), ==, 2);
  g_assert_cmpuint (count_widgets (page, is_expander_titled, "销售代表季度目标"), ==, 0);

  click (find_widget (page, is_action_button, "templates.delete-entry L000001"));
  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "Delete “季度销售额”?");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  g_assert_cmpint (trellis_store_count_rows (store, "kr_library", NULL), ==, 8);
  g_assert_cmpuint (count_widgets (page, is_action_button, "templates.edit-entry L000001"), ==, 0);
  g_assert_cmpuint (count_widgets (page, is_action_button, "templates.edit-entry"), ==, 8);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  trellis_test_load_resources ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/preferences/templates/lists-demo", test_lists_demo);
  ADD ("/ui/preferences/templates/add-entry", test_add_entry);
  ADD ("/ui/preferences/templates/add-template", test_add_template);
  ADD ("/ui/preferences/templates/delete", test_delete);
#undef ADD

  return g_test_run ();
}
