/* test-workflow-settings.c
 *
 * Copyright 2026 The Trellis authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "trellis-approval-steps-dialog.h"
#include "trellis-core.h"
#include "trellis-key-result-chooser.h"
#include "trellis-preferences-window.h"
#include "trellis-weight-rule-dialog.h"
#include "trellis-workflow-settings-page.h"
#include "trellis-ui-test-utils.h"

/* trellis_test_open_workspace () fixes the clock here: the search for key
 * results leaves out cycles that ended before. */
#define TODAY "2026-05-18"

static char *demo_dir;
static char *demo_path;

typedef struct
{
  TrellisWorkspace            *workspace;
  GtkWidget                   *window;
  TrellisWorkflowSettingsPage *page;
} Fixture;

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

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (ADW_IS_ACTION_ROW (widget))
    {
      g_ptr_array_add (rows, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

/* "title|subtitle" of each row of a page group, one a line. */
static char *
group_text (Fixture    *fixture,
            const char *group_name)
{
  GObject *group = gtk_widget_get_template_child (GTK_WIDGET (fixture->page), TRELLIS_TYPE_WORKFLOW_SETTINGS_PAGE,
                                                  group_name);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_nonnull (group);
  collect_rows (GTK_WIDGET (group), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (rows, i);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s|%s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              adw_action_row_get_subtitle (row));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The labels in a row's suffixes, e.g. "Waiting". */
static char *
row_status (Fixture    *fixture,
            const char *title)
{
  GObject *group = gtk_widget_get_template_child (GTK_WIDGET (fixture->page), TRELLIS_TYPE_WORKFLOW_SETTINGS_PAGE,
                                                  "rules_group");
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (group), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      GtkWidget *suffixes;

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) != 0)
        continue;
      /* The action row's suffix box holds its suffixes: find their label. */
      for (suffixes = gtk_widget_get_last_child (gtk_widget_get_first_child (row)); suffixes != NULL;
           suffixes = gtk_widget_get_prev_sibling (suffixes))
        for (GtkWidget *child = gtk_widget_get_first_child (suffixes); child != NULL;
             child = gtk_widget_get_next_sibling (child))
          if (GTK_IS_LABEL (child))
            return g_strdup (gtk_label_get_text (GTK_LABEL (child)));
    }
  return NULL;
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->workspace = trellis_test_open_workspace (demo_path);
  fixture->window = trellis_preferences_window_new (NULL);
  trellis_preferences_window_set_workspace (TRELLIS_PREFERENCES_WINDOW (fixture->window), fixture->workspace);
  gtk_window_present (GTK_WINDOW (fixture->window));
  trellis_test_wait_for_frame (fixture->window);

  fixture->page = TRELLIS_WORKFLOW_SETTINGS_PAGE (find_descendant (fixture->window,
                                                                   TRELLIS_TYPE_WORKFLOW_SETTINGS_PAGE));
  g_assert_nonnull (fixture->page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (fixture->window),
                                           ADW_PREFERENCES_PAGE (fixture->page));
  trellis_test_wait_for_frame (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  trellis_test_spin (50);
  g_assert_finalize_object (g_steal_pointer (&fixture->workspace));
}

static char *
chains_in_store (TrellisStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) chains = trellis_goal_workflow_list_chains (store, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < chains->len; i++)
    {
      TrellisApprovalChain *chain = g_ptr_array_index (chains, i);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s|%s|", chain->owner_kind, chain->level_prefix);
      for (guint r = 0; r < chain->roles->len; r++)
        g_string_append_printf (text, "%s%s", r > 0 ? " " : "",
                                trellis_approver_role_to_string (g_array_index (chain->roles, TrellisApproverRole, r)));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The demo ships the default approval steps and two weight rules. */
static void
test_lists_demo (Fixture       *fixture,
                 gconstpointer  data)
{
  TrellisStore *store = trellis_workspace_get_store (fixture->workspace);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = trellis_weight_rule_list (store, &error);
  g_autofree char *chains = group_text (fixture, "chains_group");
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *shown = NULL;

  g_assert_cmpstr (chains, ==,
                   "Company goals, any level|Department head\n"
                   "Department goals, any level|Department head\n"
                   "Employee goals, any level|Manager\n"
                   "Employee goals, levels M…|Manager → Skip-level manager");

  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, ==, 2);
  for (guint i = 0; i < rules->len; i++)
    {
      TrellisWeightRule *rule = g_ptr_array_index (rules, i);
      g_autoptr(TrellisWeightRuleKeyResult) watched = trellis_weight_rule_get_key_result (store, rule->watch_kr_id, NULL);
      g_autoptr(TrellisWeightRuleKeyResult) target = trellis_weight_rule_get_key_result (store, rule->target_kr_id, NULL);
      g_autofree char *status = NULL;

      /* Both are the seed's rule: value > 15 (a growth in %), the target to
       * 35 %. Number and unit are held together by a no-break space. */
      g_assert_cmpstr (rule->metric, ==, "value");
      g_assert_cmpstr (rule->comparison, ==, ">");
      g_assert_nonnull (watched);
      g_assert_nonnull (target);
      if (i > 0)
        g_string_append_c (expected, '\n');
      g_string_append_printf (expected, "%s|When the value of “%s” (%s) is more than 15\u00a0%s, set the weight of “%s” to 35\u00a0%%",
                              rule->name, watched->title, watched->owner_name,
                              watched->unit != NULL && *watched->unit != '\0' ? watched->unit : "%", target->title);

      status = row_status (fixture, rule->name);
      if (rule->fired_at != NULL)
        {
          g_autofree char *fired = g_strdup_printf ("Fired on %.10s", rule->fired_at);

          g_assert_cmpstr (status, ==, fired);
        }
      else
        g_assert_cmpstr (status, ==, "Waiting");
    }
  /* The seed's rule fired in the demo's history. */
  g_assert_nonnull (((TrellisWeightRule *)g_ptr_array_index (rules, 0))->fired_at);

  shown = group_text (fixture, "rules_group");
  g_assert_cmpstr (shown, ==, expected->str);
}

static gpointer
get_child (gpointer    widget,
           GType       type,
           const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

/* What a click does; gtk_widget_activate () on a button clicks only after
 * a timeout. */
static void
click (gpointer button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static TrellisApprovalStepsDialog *
open_steps_dialog (Fixture    *fixture,
                   const char *action,
                   GVariant   *target)
{
  GtkWidget *dialog;

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->page), action, target));
  dialog = find_toplevel (TRELLIS_TYPE_APPROVAL_STEPS_DIALOG);
  g_assert_nonnull (dialog);
  trellis_test_wait_for_frame (dialog);
  return TRELLIS_APPROVAL_STEPS_DIALOG (dialog);
}

static gboolean
no_steps_dialog (gpointer data)
{
  return find_toplevel (TRELLIS_TYPE_APPROVAL_STEPS_DIALOG) == NULL;
}

static void
test_add_chain (Fixture       *fixture,
                gconstpointer  data)
{
  TrellisStore *store = trellis_workspace_get_store (fixture->workspace);
  TrellisApprovalStepsDialog *dialog;
  GtkButton *save;
  g_autofree char *stored = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *removed = NULL;

  /* A new chain for P3 employees: department head, then HR. */
  dialog = open_steps_dialog (fixture, "workflow.add-chain", NULL);
  save = get_child (dialog, TRELLIS_TYPE_APPROVAL_STEPS_DIALOG, "save_button");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (save)));
  adw_combo_row_set_selected (get_child (dialog, TRELLIS_TYPE_APPROVAL_STEPS_DIALOG, "owner_row"), 2);
  gtk_editable_set_text (get_child (dialog, TRELLIS_TYPE_APPROVAL_STEPS_DIALOG, "level_row"), " P3 ");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "steps.add", "s", "hr");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "steps.add", "s", "department-head");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "steps.add", "s", "manager");
  /* hr, head, manager → head, hr, manager → head, hr */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "steps.move-up", "u", 1);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "steps.remove", "u", 2);
  g_assert_cmpuint (trellis_approval_steps_dialog_get_roles (dialog)->len, ==, 2);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (save)));
  click (save);
  g_assert_true (trellis_test_spin_until (no_steps_dialog, NULL, 5000));

  stored = chains_in_store (store);
  g_assert_cmpstr (stored, ==,
                   "company||department-head\n"
                   "department||department-head\n"
                   "employee||manager\n"
                   "employee|M|manager skip-level-manager\n"
                   "employee|P3|department-head hr");
  shown = group_text (fixture, "chains_group");
  g_assert_cmpstr (shown, ==,
                   "Company goals, any level|Department head\n"
                   "Department goals, any level|Department head\n"
                   "Employee goals, any level|Manager\n"
                   "Employee goals, levels M…|Manager → Skip-level manager\n"
                   "Employee goals, levels P3…|Department head → HR");

  /* Another chain for M would replace one unseen: refused in the dialog. */
  dialog = open_steps_dialog (fixture, "workflow.add-chain", NULL);
  gtk_editable_set_text (get_child (dialog, TRELLIS_TYPE_APPROVAL_STEPS_DIALOG, "level_row"), "M");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "steps.add", "s", "hr");
  click (get_child (dialog, TRELLIS_TYPE_APPROVAL_STEPS_DIALOG, "save_button"));
  g_assert_cmpstr (trellis_approval_steps_dialog_get_error (dialog), ==,
                   "Employee goals at levels starting with “M” already have approval steps: change those instead");
  g_assert_true (gtk_widget_get_visible (get_child (dialog, TRELLIS_TYPE_APPROVAL_STEPS_DIALOG, "error_label")));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (trellis_test_spin_until (no_steps_dialog, NULL, 5000));

  /* Editing P3 into P moves the chain. */
  dialog = open_steps_dialog (fixture, "workflow.edit-chain", g_variant_new ("(ss)", "employee", "P3"));
  g_assert_cmpuint (trellis_approval_steps_dialog_get_roles (dialog)->len, ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (get_child (dialog, TRELLIS_TYPE_APPROVAL_STEPS_DIALOG, "level_row")), ==, "P3");
  gtk_editable_set_text (get_child (dialog, TRELLIS_TYPE_APPROVAL_STEPS_DIALOG, "level_row"), "P");
  click (get_child (dialog, TRELLIS_TYPE_APPROVAL_STEPS_DIALOG, "save_button"));
  g_assert_true (trellis_test_spin_until (no_steps_dialog, NULL, 5000));
  edited = chains_in_store (store);
  g_assert_true (g_str_has_suffix (edited, "employee|M|manager skip-level-manager\nemployee|P|department-head hr"));

  /* Removing it is saved at once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "workflow.remove-chain", "(ss)",
                                             "employee", "P"));
  removed = chains_in_store (store);
  g_assert_true (g_str_has_suffix (removed, "employee|M|manager skip-level-manager"));
  g_clear_pointer (&shown, g_free);
  shown = group_text (fixture, "chains_group");
  g_assert_true (g_str_has_suffix (shown, "Employee goals, levels M…|Manager → Skip-level manager"));
}

static gboolean
chooser_has_results (gpointer data)
{
  TrellisKeyResultChooser *chooser = data;
  GtkWidget *list = get_child (chooser, TRELLIS_TYPE_KEY_RESULT_CHOOSER, "results_list");

  return !trellis_key_result_chooser_get_searching (chooser) && gtk_widget_get_first_child (list) != NULL;
}

/* Types @text into the chooser's search and picks the first match. */
static void
choose_by_search (TrellisKeyResultChooser *chooser,
                  const char              *text)
{
  GtkListBox *list = get_child (chooser, TRELLIS_TYPE_KEY_RESULT_CHOOSER, "results_list");
  GtkListBoxRow *row;

  gtk_editable_set_text (get_child (chooser, TRELLIS_TYPE_KEY_RESULT_CHOOSER, "search_entry"), text);
  g_assert_true (trellis_test_spin_until (chooser_has_results, chooser, 10000));
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);
}

static gboolean
no_rule_dialog (gpointer data)
{
  return find_toplevel (TRELLIS_TYPE_WEIGHT_RULE_DIALOG) == NULL;
}

static void
test_add_rule (Fixture       *fixture,
               gconstpointer  data)
{
  TrellisStore *store = trellis_workspace_get_store (fixture->workspace);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) open_krs = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  const TrellisWeightRuleKeyResult *watched = NULL;
  const TrellisWeightRuleKeyResult *target = NULL;
  TrellisWeightRuleDialog *dialog;
  TrellisKeyResultChooser *watch_chooser;
  TrellisKeyResultChooser *target_chooser;
  GtkWidget *threshold_row;
  GtkLabel *when_error;
  TrellisWeightRule *rule;
  g_autofree char *status = NULL;
  gint64 before;

  /* Two key results of one goal in a cycle still open. */
  open_krs = trellis_weight_rule_search_key_results (store, "", TODAY, 200, &error);
  g_assert_no_error (error);
  for (guint i = 1; i < open_krs->len && watched == NULL; i++)
    {
      const TrellisWeightRuleKeyResult *a = g_ptr_array_index (open_krs, i - 1);
      const TrellisWeightRuleKeyResult *b = g_ptr_array_index (open_krs, i);

      if (g_str_equal (a->goal_id, b->goal_id))
        {
          watched = b;
          target = a;
        }
    }
  g_assert_nonnull (watched);
  before = trellis_store_count_rows (store, "weight_rules", NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "workflow.add-rule", NULL));
  dialog = TRELLIS_WEIGHT_RULE_DIALOG (find_toplevel (TRELLIS_TYPE_WEIGHT_RULE_DIALOG));
  g_assert_nonnull (dialog);
  trellis_test_wait_for_frame (GTK_WIDGET (dialog));
  watch_chooser = get_child (dialog, TRELLIS_TYPE_WEIGHT_RULE_DIALOG, "watch_chooser");
  target_chooser = get_child (dialog, TRELLIS_TYPE_WEIGHT_RULE_DIALOG, "target_chooser");
  threshold_row = get_child (dialog, TRELLIS_TYPE_WEIGHT_RULE_DIALOG, "threshold_row");
  when_error = get_child (dialog, TRELLIS_TYPE_WEIGHT_RULE_DIALOG, "when_error_label");

  gtk_editable_set_text (get_child (dialog, TRELLIS_TYPE_WEIGHT_RULE_DIALOG, "name_row"), "Signings push conversion");
  choose_by_search (watch_chooser, watched->id);
  g_assert_cmpstr (trellis_key_result_chooser_get_key_result_id (watch_chooser), ==, watched->id);

  /* Opening the second chooser offers the watched goal's key results. */
  gtk_menu_button_popup (get_child (target_chooser, TRELLIS_TYPE_KEY_RESULT_CHOOSER, "button"));
  g_assert_cmpstr (gtk_editable_get_text (get_child (target_chooser, TRELLIS_TYPE_KEY_RESULT_CHOOSER, "search_entry")),
                   ==, watched->goal_id);
  g_assert_true (trellis_test_spin_until (chooser_has_results, target_chooser, 10000));
  choose_by_search (target_chooser, target->id);
  g_assert_cmpstr (trellis_key_result_chooser_get_key_result_id (target_chooser), ==, target->id);

  gtk_spin_button_set_value (get_child (dialog, TRELLIS_TYPE_WEIGHT_RULE_DIALOG, "weight_spin"), 40.0);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (get_child (dialog, TRELLIS_TYPE_WEIGHT_RULE_DIALOG,
                                                                 "explanation_view")),
                            "Signings are up: conversion matters more.", -1);

  /* Not a number: the core says so next to the threshold, nothing is stored. */
  gtk_editable_set_text (GTK_EDITABLE (threshold_row), "fifteen");
  click (get_child (dialog, TRELLIS_TYPE_WEIGHT_RULE_DIALOG, "add_button"));
  g_assert_cmpint (trellis_weight_rule_dialog_get_error_field (dialog), ==, TRELLIS_WEIGHT_RULE_FIELD_THRESHOLD);
  g_assert_cmpstr (trellis_weight_rule_dialog_get_error (dialog), ==,
                   "Rule “Signings push conversion”: the threshold is not a number");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (when_error)));
  g_assert_cmpstr (gtk_label_get_text (when_error), ==, trellis_weight_rule_dialog_get_error (dialog));
  g_assert_true (gtk_widget_has_css_class (threshold_row, "error"));
  g_assert_false (gtk_widget_get_visible (get_child (dialog, TRELLIS_TYPE_WEIGHT_RULE_DIALOG, "error_label")));
  g_assert_cmpint (trellis_store_count_rows (store, "weight_rules", NULL), ==, before);

  /* Typing again clears it; a number with its unit is read. */
  gtk_editable_set_text (GTK_EDITABLE (threshold_row), "12.5");
  g_assert_null (trellis_weight_rule_dialog_get_error (dialog));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (when_error)));
  g_assert_false (gtk_widget_has_css_class (threshold_row, "error"));
  click (get_child (dialog, TRELLIS_TYPE_WEIGHT_RULE_DIALOG, "add_button"));
  g_assert_true (trellis_test_spin_until (no_rule_dialog, NULL, 5000));

  rules = trellis_weight_rule_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, ==, before + 1);
  rule = g_ptr_array_index (rules, rules->len - 1);
  g_assert_cmpstr (rule->name, ==, "Signings push conversion");
  g_assert_cmpstr (rule->watch_kr_id, ==, watched->id);
  g_assert_cmpstr (rule->metric, ==, "value");
  g_assert_cmpstr (rule->comparison, ==, ">");
  g_assert_cmpfloat (rule->threshold, ==, 12.5);
  g_assert_cmpstr (rule->target_kr_id, ==, target->id);
  g_assert_cmpfloat_with_epsilon (rule->new_weight, 0.4, 1e-12);
  g_assert_cmpstr (rule->explanation, ==, "Signings are up: conversion matters more.");
  g_assert_null (rule->fired_at);

  status = row_status (fixture, "Signings push conversion");
  g_assert_cmpstr (status, ==, "Waiting");

  /* A waiting rule can go; a fired one stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "workflow.delete-rule", "s", rule->id));
  g_assert_cmpint (trellis_store_count_rows (store, "weight_rules", NULL), ==, before);
  g_clear_pointer (&status, g_free);
  status = row_status (fixture, "Signings push conversion");
  g_assert_null (status);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "workflow.delete-rule", "s", "WR000001"));
  g_assert_cmpint (trellis_store_count_rows (store, "weight_rules", NULL), ==, before);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  trellis_test_load_resources ();
  demo_path = trellis_test_create_demo (300, &demo_dir);

  g_test_add ("/ui/preferences/workflow/lists-demo", Fixture, NULL, fixture_set_up, test_lists_demo,
              fixture_tear_down);
  g_test_add ("/ui/preferences/workflow/add-chain", Fixture, NULL, fixture_set_up, test_add_chain,
              fixture_tear_down);
  g_test_add ("/ui/preferences/workflow/add-rule", Fixture, NULL, fixture_set_up, test_add_rule,
              fixture_tear_down);
  result = g_test_run ();

  trellis_test_remove_demo (demo_dir, demo_path);
  g_free (demo_dir);
  g_free (demo_path);
  return result;
}
