/* trellis-workflow-settings-page.c
 *
 * Copyright 2026 The Trellis authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "trellis-workflow-settings-page"

#include "config.h"

#include <glib/gi18n.h>

#include "trellis-approval-steps-dialog.h"
#include "trellis-goal-util.h"
#include "trellis-weight-rule-dialog.h"
#include "trellis-workflow-labels.h"
#include "trellis-workflow-settings-page.h"

struct _TrellisWorkflowSettingsPage
{
  AdwPreferencesPage    parent_instance;

  TrellisWorkspace     *workspace;
  GPtrArray            *chains;
  GPtrArray            *rules;
  GPtrArray            *chain_rows;
  GPtrArray            *rule_rows;
  /* What the last removal took away, for its Undo. */
  TrellisApprovalChain *removed_chain;
  TrellisWeightRule    *removed_rule;

  AdwPreferencesGroup  *chains_group;
  AdwPreferencesGroup  *rules_group;
};

G_DEFINE_FINAL_TYPE (TrellisWorkflowSettingsPage, trellis_workflow_settings_page, ADW_TYPE_PREFERENCES_PAGE)

static void
show_toast (TrellisWorkflowSettingsPage *self,
            AdwToast                    *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), toast);
  else
    {
      g_debug ("%s", adw_toast_get_title (toast));
      g_object_unref (toast);
    }
}

static void
show_message (TrellisWorkflowSettingsPage *self,
              const char                  *message)
{
  show_toast (self, adw_toast_new (message));
}

static GtkWindow *
get_window (TrellisWorkflowSettingsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static GtkWidget *
create_placeholder_row (const char *title,
                        const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

static GtkWidget *
create_remove_button (const char *tooltip,
                      const char *action_name,
                      GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

static GtkWidget *
create_chain_row (const TrellisApprovalChain *chain)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *owners = trellis_approval_chain_describe_owners (chain->owner_kind, chain->level_prefix);
  g_autofree char *steps = trellis_approval_chain_describe_steps (chain->roles);

  /* Level prefixes are typed by people, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), owners);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), steps);
  gtk_widget_set_tooltip_text (row, _("Change these approval steps"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "workflow.edit-chain");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(ss)", chain->owner_kind, chain->level_prefix);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             create_remove_button (_("Remove These Approval Steps"), "workflow.remove-chain",
                                                   g_variant_new ("(ss)", chain->owner_kind, chain->level_prefix)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

static GtkWidget *
create_rule_row (TrellisWorkflowSettingsPage *self,
                 const TrellisWeightRule     *rule)
{
  TrellisStore *store = trellis_workspace_get_store (self->workspace);
  g_autoptr(TrellisWeightRuleKeyResult) watched = trellis_weight_rule_get_key_result (store, rule->watch_kr_id, NULL);
  g_autoptr(TrellisWeightRuleKeyResult) target = trellis_weight_rule_get_key_result (store, rule->target_kr_id, NULL);
  g_autofree char *sentence = trellis_weight_rule_describe (rule, watched, target);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *status;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rule->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sentence);
  if (rule->explanation != NULL && *rule->explanation != '\0')
    {
      /* Translators: %s is what the owner reads when the rule fires */
      g_autofree char *tooltip = g_strdup_printf (_("Tells the owner: %s"), rule->explanation);

      gtk_widget_set_tooltip_text (row, tooltip);
    }

  if (rule->fired_at != NULL)
    {
      g_autofree char *day = trellis_format_day (rule->fired_at);
      /* Translators: %s is a day, e.g. 2026-11-20 */
      g_autofree char *text = g_strdup_printf (_("Fired on %s"), day);

      status = gtk_label_new (text);
      gtk_widget_set_tooltip_text (status, _("A fired rule stays on record: it explains the weights it changed."));
    }
  else
    {
      status = gtk_label_new (_("Waiting"));
      gtk_widget_add_css_class (status, "dim-label");
    }
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);

  if (rule->fired_at == NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               create_remove_button (_("Delete Rule"), "workflow.delete-rule",
                                                     g_variant_new_string (rule->id)));
  return row;
}

static void
load_chains (TrellisWorkflowSettingsPage *self)
{
  g_autoptr(GError) error = NULL;

  clear_rows (self->chains_group, self->chain_rows);
  g_clear_pointer (&self->chains, g_ptr_array_unref);
  self->chains = trellis_goal_workflow_list_chains (trellis_workspace_get_store (self->workspace), &error);
  if (self->chains == NULL)
    {
      show_message (self, error->message);
      return;
    }

  for (guint i = 0; i < self->chains->len; i++)
    g_ptr_array_add (self->chain_rows, create_chain_row (g_ptr_array_index (self->chains, i)));
  if (self->chains->len == 0)
    g_ptr_array_add (self->chain_rows,
                     create_placeholder_row (_("No approval steps"),
                                             _("Every goal goes to its owner’s manager.")));

  for (guint i = 0; i < self->chain_rows->len; i++)
    adw_preferences_group_add (self->chains_group, g_ptr_array_index (self->chain_rows, i));
}

static void
load_rules (TrellisWorkflowSettingsPage *self)
{
  g_autoptr(GError) error = NULL;

  clear_rows (self->rules_group, self->rule_rows);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  self->rules = trellis_weight_rule_list (trellis_workspace_get_store (self->workspace), &error);
  if (self->rules == NULL)
    {
      show_message (self, error->message);
      return;
    }

  for (guint i = 0; i < self->rules->len; i++)
    g_ptr_array_add (self->rule_rows, create_rule_row (self, g_ptr_array_index (self->rules, i)));
  if (self->rules->len == 0)
    g_ptr_array_add (self->rule_rows,
                     create_placeholder_row (_("No weight rules"),
                                             _("Weights change only through change requests.")));

  for (guint i = 0; i < self->rule_rows->len; i++)
    adw_preferences_group_add (self->rules_group, g_ptr_array_index (self->rule_rows, i));
}

static const TrellisApprovalChain *
find_chain (TrellisWorkflowSettingsPage *self,
            GVariant                    *parameter)
{
  const char *owner_kind;
  const char *level_prefix;

  g_variant_get (parameter, "(&s&s)", &owner_kind, &level_prefix);
  for (guint i = 0; self->chains != NULL && i < self->chains->len; i++)
    {
      const TrellisApprovalChain *chain = g_ptr_array_index (self->chains, i);

      if (g_str_equal (chain->owner_kind, owner_kind) && g_str_equal (chain->level_prefix, level_prefix))
        return chain;
    }
  return NULL;
}

static const TrellisWeightRule *
find_rule (TrellisWorkflowSettingsPage *self,
           const char                  *rule_id)
{
  for (guint i = 0; self->rules != NULL && i < self->rules->len; i++)
    {
      const TrellisWeightRule *rule = g_ptr_array_index (self->rules, i);

      if (g_str_equal (rule->id, rule_id))
        return rule;
    }
  return NULL;
}

static void
on_chain_saved_cb (TrellisWorkflowSettingsPage *self)
{
  load_chains (self);
  show_message (self, _("Approval steps saved"));
}

static void
open_chain_dialog (TrellisWorkflowSettingsPage *self,
                   const TrellisApprovalChain  *chain)
{
  TrellisApprovalStepsDialog *dialog = trellis_approval_steps_dialog_new (get_window (self), self->workspace, chain);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_chain_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_chain_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_chain_dialog (TRELLIS_WORKFLOW_SETTINGS_PAGE (widget), NULL);
}

static void
edit_chain_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TrellisWorkflowSettingsPage *self = TRELLIS_WORKFLOW_SETTINGS_PAGE (widget);
  const TrellisApprovalChain *chain = find_chain (self, parameter);

  if (chain != NULL)
    open_chain_dialog (self, chain);
}

static TrellisApprovalChain *
copy_chain (const TrellisApprovalChain *chain)
{
  TrellisApprovalChain *copy = g_new0 (TrellisApprovalChain, 1);

  copy->owner_kind = g_strdup (chain->owner_kind);
  copy->level_prefix = g_strdup (chain->level_prefix);
  copy->roles = g_array_copy (chain->roles);
  return copy;
}

static void
on_undo_remove_chain_cb (TrellisWorkflowSettingsPage *self)
{
  g_autoptr(TrellisApprovalChain) chain = g_steal_pointer (&self->removed_chain);
  g_autoptr(GError) error = NULL;

  if (chain == NULL)
    return;
  if (!trellis_goal_workflow_save_chain (trellis_workspace_get_store (self->workspace), NULL, NULL,
                                         chain->owner_kind, chain->level_prefix,
                                         (const TrellisApproverRole *)(gpointer)chain->roles->data, chain->roles->len,
                                         &error))
    show_message (self, error->message);
  load_chains (self);
}

static void
remove_chain_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TrellisWorkflowSettingsPage *self = TRELLIS_WORKFLOW_SETTINGS_PAGE (widget);
  const TrellisApprovalChain *chain = find_chain (self, parameter);
  g_autoptr(TrellisApprovalChain) removed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *owners = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (chain == NULL)
    return;

  removed = copy_chain (chain);
  if (!trellis_goal_workflow_delete_steps (trellis_workspace_get_store (self->workspace),
                                           removed->owner_kind, removed->level_prefix, &error))
    {
      show_message (self, error->message);
      return;
    }

  owners = trellis_approval_chain_describe_owners (removed->owner_kind, removed->level_prefix);
  g_clear_pointer (&self->removed_chain, trellis_approval_chain_free);
  self->removed_chain = g_steal_pointer (&removed);
  load_chains (self);

  /* Translators: %s says whose goals, e.g. "Employee goals, levels M…" */
  title = g_strdup_printf (_("Approval steps removed: %s"), owners);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_remove_chain_cb), self, G_CONNECT_SWAPPED);
  show_toast (self, toast);
}

static void
on_rule_added_cb (TrellisWorkflowSettingsPage *self)
{
  load_rules (self);
  show_message (self, _("Weight rule added"));
}

static void
add_rule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TrellisWorkflowSettingsPage *self = TRELLIS_WORKFLOW_SETTINGS_PAGE (widget);
  TrellisWeightRuleDialog *dialog = trellis_weight_rule_dialog_new (get_window (self), self->workspace);

  g_signal_connect_object (dialog, "added", G_CALLBACK (on_rule_added_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static TrellisWeightRule *
copy_rule (const TrellisWeightRule *rule)
{
  TrellisWeightRule *copy = g_new0 (TrellisWeightRule, 1);

  copy->id = g_strdup (rule->id);
  copy->name = g_strdup (rule->name);
  copy->watch_kr_id = g_strdup (rule->watch_kr_id);
  copy->metric = g_strdup (rule->metric);
  copy->comparison = g_strdup (rule->comparison);
  copy->threshold = rule->threshold;
  copy->target_kr_id = g_strdup (rule->target_kr_id);
  copy->new_weight = rule->new_weight;
  copy->explanation = g_strdup (rule->explanation);
  copy->fired_at = g_strdup (rule->fired_at);
  return copy;
}

static void
on_undo_delete_rule_cb (TrellisWorkflowSettingsPage *self)
{
  g_autoptr(TrellisWeightRule) rule = g_steal_pointer (&self->removed_rule);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (rule == NULL)
    return;
  id = trellis_weight_rule_add (trellis_workspace_get_store (self->workspace), rule->name, rule->watch_kr_id,
                                rule->metric, rule->comparison, rule->threshold, rule->target_kr_id,
                                rule->new_weight, rule->explanation, &error);
  if (id == NULL)
    show_message (self, error->message);
  load_rules (self);
}

static void
delete_rule_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TrellisWorkflowSettingsPage *self = TRELLIS_WORKFLOW_SETTINGS_PAGE (widget);
  const TrellisWeightRule *rule = find_rule (self, g_variant_get_string (parameter, NULL));
  g_autoptr(TrellisWeightRule) removed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (rule == NULL)
    return;

  removed = copy_rule (rule);
  if (!trellis_weight_rule_delete (trellis_workspace_get_store (self->workspace), removed->id, &error))
    {
      show_message (self, error->message);
      return;
    }

  /* Translators: %s is the rule's name */
  title = g_strdup_printf (_("Rule “%s” deleted"), removed->name);
  g_clear_pointer (&self->removed_rule, trellis_weight_rule_free);
  self->removed_rule = g_steal_pointer (&removed);
  load_rules (self);

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_delete_rule_cb), self, G_CONNECT_SWAPPED);
  show_toast (self, toast);
}

static void
trellis_workflow_settings_page_dispose (GObject *object)
{
  TrellisWorkflowSettingsPage *self = TRELLIS_WORKFLOW_SETTINGS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TRELLIS_TYPE_WORKFLOW_SETTINGS_PAGE);
  g_clear_pointer (&self->chain_rows, g_ptr_array_unref);
  g_clear_pointer (&self->rule_rows, g_ptr_array_unref);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (trellis_workflow_settings_page_parent_class)->dispose (object);
}

static void
trellis_workflow_settings_page_finalize (GObject *object)
{
  TrellisWorkflowSettingsPage *self = TRELLIS_WORKFLOW_SETTINGS_PAGE (object);

  g_clear_pointer (&self->chains, g_ptr_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->removed_chain, trellis_approval_chain_free);
  g_clear_pointer (&self->removed_rule, trellis_weight_rule_free);

  G_OBJECT_CLASS (trellis_workflow_settings_page_parent_class)->finalize (object);
}

static void
trellis_workflow_settings_page_class_init (TrellisWorkflowSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trellis_workflow_settings_page_dispose;
  object_class->finalize = trellis_workflow_settings_page_finalize;

  gtk_widget_class_install_action (widget_class, "workflow.add-chain", NULL, add_chain_action);
  gtk_widget_class_install_action (widget_class, "workflow.edit-chain", "(ss)", edit_chain_action);
  gtk_widget_class_install_action (widget_class, "workflow.remove-chain", "(ss)", remove_chain_action);
  gtk_widget_class_install_action (widget_class, "workflow.add-rule", NULL, add_rule_action);
  gtk_widget_class_install_action (widget_class, "workflow.delete-rule", "s", delete_rule_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trellishr/Trellis/trellis-workflow-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisWorkflowSettingsPage, chains_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisWorkflowSettingsPage, rules_group);
}

static void
trellis_workflow_settings_page_init (TrellisWorkflowSettingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->chain_rows = g_ptr_array_new ();
  self->rule_rows = g_ptr_array_new ();
}

GtkWidget *
trellis_workflow_settings_page_new (TrellisWorkspace *workspace)
{
  TrellisWorkflowSettingsPage *self;

  g_return_val_if_fail (TRELLIS_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (TRELLIS_TYPE_WORKFLOW_SETTINGS_PAGE, NULL);
  self->workspace = g_object_ref (workspace);
  trellis_workflow_settings_page_reload (self);

  return GTK_WIDGET (self);
}

void
trellis_workflow_settings_page_reload (TrellisWorkflowSettingsPage *self)
{
  g_return_if_fail (TRELLIS_IS_WORKFLOW_SETTINGS_PAGE (self));

  load_chains (self);
  load_rules (self);
}
