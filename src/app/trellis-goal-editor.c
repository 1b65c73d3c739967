/* trellis-goal-editor.c
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

#define G_LOG_DOMAIN "trellis-goal-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "trellis-goal-editor.h"
#include "trellis-goal-util.h"
#include "trellis-person-chooser.h"

/* The editing widgets of one key result. */
typedef struct {
  TrellisGoalEditor *editor;
  TrellisKeyResult  *existing;    /* NULL for a new one */
  GtkWidget         *row;
  GtkEditable       *title;
  GtkDropDown       *measure;
  GtkSpinButton     *baseline;
  GtkSpinButton     *target;
  GtkEditable       *unit;
  GtkDropDown       *commitment;
  GtkSpinButton     *weight;
} KrEditor;

struct _TrellisGoalEditor
{
  AdwWindow             parent_instance;

  TrellisWorkspace     *workspace;
  TrellisGoalTree      *tree;
  TrellisGoal          *goal;          /* NULL: a new goal */
  GPtrArray            *kr_editors;    /* KrEditor */
  GPtrArray            *cycles;        /* TrellisCycle */
  GPtrArray            *parent_goal_ids;
  GPtrArray            *parent_kr_ids;
  GPtrArray            *library;       /* TrellisLibraryKeyResult */
  char                 *error_text;

  AdwWindowTitle       *window_title;
  GtkButton            *save_button;
  AdwEntryRow          *title_row;
  AdwComboRow          *kind_row;
  AdwComboRow          *category_row;
  AdwComboRow          *origin_row;
  GtkSpinButton        *weight_spin;
  AdwPreferencesGroup  *owner_group;
  AdwComboRow          *owner_kind_row;
  AdwActionRow         *department_row;
  GtkDropDown          *department_drop_down;
  AdwActionRow         *person_row;
  TrellisPersonChooser *owner_chooser;
  AdwComboRow          *cycle_row;
  AdwComboRow          *parent_row;
  GtkMenuButton        *library_button;
  GtkPopover           *library_popover;
  GtkListBox           *library_list;
  GtkListBox           *kr_list;
  GtkLabel             *weights_label;
  GtkLabel             *error_label;
};

G_DEFINE_FINAL_TYPE (TrellisGoalEditor, trellis_goal_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void validate (TrellisGoalEditor *self);

static TrellisOrganisation *
get_organisation (TrellisGoalEditor *self)
{
  return trellis_workspace_get_organisation (self->workspace);
}

static TrellisOwnerKind
get_owner_kind (TrellisGoalEditor *self)
{
  switch (adw_combo_row_get_selected (self->owner_kind_row))
    {
    case 0:
      return TRELLIS_OWNER_COMPANY;
    case 1:
      return TRELLIS_OWNER_DEPARTMENT;
    default:
      return TRELLIS_OWNER_EMPLOYEE;
    }
}

static const char *
top_department_id (TrellisGoalEditor *self)
{
  g_autoptr(GListModel) roots = trellis_organisation_list_child_departments (get_organisation (self), NULL);
  g_autoptr(TrellisDepartment) top = roots != NULL ? g_list_model_get_item (roots, 0) : NULL;

  /* The organisation keeps its departments. */
  return top != NULL ? trellis_department_get_id (top) : NULL;
}

/* The department whose chain the goal aligns within. */
static const char *
owner_department_id (TrellisGoalEditor *self)
{
  TrellisEmployee *employee;
  TrellisDepartment *department;

  switch (get_owner_kind (self))
    {
    case TRELLIS_OWNER_COMPANY:
      return NULL;
    case TRELLIS_OWNER_DEPARTMENT:
      department = trellis_department_drop_down_get_selected (self->department_drop_down);
      return department != NULL ? trellis_department_get_id (department) : NULL;
    case TRELLIS_OWNER_EMPLOYEE:
    default:
      employee = trellis_person_chooser_get_employee (self->owner_chooser);
      return employee != NULL ? trellis_employee_get_department_id (employee) : NULL;
    }
}

static double
kr_weight (KrEditor *kr)
{
  gtk_spin_button_update (kr->weight);
  return gtk_spin_button_get_value (kr->weight) / 100.0;
}

static TrellisMeasure
kr_measure (KrEditor *kr)
{
  return (TrellisMeasure) gtk_drop_down_get_selected (kr->measure);
}

static void
set_error (TrellisGoalEditor *self,
           const char        *message)
{
  if (g_strcmp0 (self->error_text, message) == 0)
    return;
  g_free (self->error_text);
  self->error_text = g_strdup (message);
}

/* Checks everything a save needs, says what is missing and enables Save. */
static void
validate (TrellisGoalEditor *self)
{
  g_autofree double *weights = g_new0 (double, MAX (self->kr_editors->len, 1));
  g_autofree char *weights_text = NULL;
  const char *problem = NULL;
  double sum = 0.0;
  gboolean sums;

  for (guint i = 0; i < self->kr_editors->len; i++)
    weights[i] = kr_weight (g_ptr_array_index (self->kr_editors, i));
  sums = trellis_okr_weights_sum_to_one (weights, self->kr_editors->len, &sum);
  /* A KPI with one measure is that measure. */
  if (self->kr_editors->len == 1 && adw_combo_row_get_selected (self->kind_row) == TRELLIS_GOAL_KPI)
    sums = TRUE;

  if (self->kr_editors->len == 0)
    weights_text = g_strdup (_("No key results yet."));
  else
    {
      g_autofree char *percent = trellis_format_percent (sum);

      weights_text = sums ? g_strdup_printf (_("Weights add up to %s."), percent)
                          : g_strdup_printf (_("Weights add up to %s, not 100 %%."), percent);
    }
  gtk_label_set_text (self->weights_label, weights_text);
  if (sums && self->kr_editors->len > 0)
    gtk_widget_remove_css_class (GTK_WIDGET (self->weights_label), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->weights_label), "error");

  if (gtk_editable_get_text (GTK_EDITABLE (self->title_row))[0] == '\0')
    problem = _("Give the goal a title.");
  else if (get_owner_kind (self) == TRELLIS_OWNER_EMPLOYEE &&
           trellis_person_chooser_get_employee (self->owner_chooser) == NULL)
    problem = _("Choose the person who owns the goal.");
  else if (get_owner_kind (self) == TRELLIS_OWNER_DEPARTMENT &&
           trellis_department_drop_down_get_selected (self->department_drop_down) == NULL)
    problem = _("Choose the department that owns the goal.");
  else if (self->kr_editors->len == 0)
    problem = _("Add at least one key result.");
  else
    {
      for (guint i = 0; i < self->kr_editors->len && problem == NULL; i++)
        {
          KrEditor *kr = g_ptr_array_index (self->kr_editors, i);

          gtk_spin_button_update (kr->baseline);
          gtk_spin_button_update (kr->target);
          if (gtk_editable_get_text (kr->title)[0] == '\0')
            problem = _("Every key result needs a title.");
          else if (kr_measure (kr) != TRELLIS_MEASURE_MILESTONE &&
                   gtk_spin_button_get_value (kr->baseline) == gtk_spin_button_get_value (kr->target))
            problem = _("A key result’s target must differ from its baseline.");
        }
      if (problem == NULL && !sums)
        problem = _("The key results’ weights must add up to 100 %.");
    }

  set_error (self, problem);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), problem == NULL);
}

static void
on_changed_cb (TrellisGoalEditor *self)
{
  validate (self);
}

static void
on_measure_changed_cb (KrEditor *kr)
{
  gboolean milestone = kr_measure (kr) == TRELLIS_MEASURE_MILESTONE;

  gtk_widget_set_sensitive (GTK_WIDGET (kr->baseline), !milestone);
  gtk_widget_set_sensitive (GTK_WIDGET (kr->target), !milestone);
  gtk_widget_set_sensitive (GTK_WIDGET (kr->unit), !milestone);
  if (milestone)
    {
      gtk_spin_button_set_value (kr->baseline, 0.0);
      gtk_spin_button_set_value (kr->target, 1.0);
    }
  validate (kr->editor);
}

static void
forget_kr_editor (KrEditor *kr)
{
  TrellisGoalEditor *self = kr->editor;

  gtk_list_box_remove (self->kr_list, kr->row);
  g_ptr_array_remove (self->kr_editors, kr);
  validate (self);
}

/* Whoever the store records as writing the goal: its owner; HR types a
 * goal in for them. NULL keeps the store's actor. */
static TrellisEmployee *
get_acting_owner (TrellisGoalEditor *self)
{
  if (self->goal != NULL)
    return trellis_goal_get_owner_person (self->goal, get_organisation (self));
  if (get_owner_kind (self) == TRELLIS_OWNER_EMPLOYEE)
    return trellis_person_chooser_get_employee (self->owner_chooser);
  return NULL;
}

static void
remove_saved_kr (TrellisGoalEditor *self,
                 const char        *key_result_id)
{
  TrellisStore *store = trellis_workspace_get_store (self->workspace);
  TrellisEmployee *actor = get_acting_owner (self);
  g_autofree char *saved_actor = g_strdup (trellis_store_get_actor (store));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (actor != NULL)
    trellis_store_set_actor (store, trellis_employee_get_id (actor));
  ok = trellis_goal_repository_delete_key_result (store, key_result_id, &error);
  trellis_store_set_actor (store, saved_actor);

  if (!ok)
    {
      trellis_widget_show_error (GTK_WIDGET (self), _("Cannot Remove Key Result"), error->message);
      return;
    }

  for (guint i = 0; i < self->kr_editors->len; i++)
    {
      KrEditor *kr = g_ptr_array_index (self->kr_editors, i);

      if (kr->existing != NULL && g_strcmp0 (trellis_key_result_get_id (kr->existing), key_result_id) == 0)
        {
          forget_kr_editor (kr);
          break;
        }
    }

  /* The goals page shows the same goal objects: bring them up to date. */
  if (!trellis_goal_tree_reload_goal (self->tree, store, trellis_goal_get_id (self->goal), NULL, &error))
    g_warning ("Could not update goal %s after removing key result %s: %s",
               trellis_goal_get_id (self->goal), key_result_id, error->message);
}

static void
on_remove_kr_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          gpointer          user_data)
{
  TrellisGoalEditor *self = TRELLIS_GOAL_EDITOR (user_data);
  const char *key_result_id = g_object_get_data (G_OBJECT (dialog), "key-result-id");

  if (g_strcmp0 (response, "remove") == 0)
    remove_saved_kr (self, key_result_id);
}

static void
on_remove_kr_clicked_cb (GtkButton *button,
                         KrEditor  *kr)
{
  TrellisGoalEditor *self = kr->editor;
  TrellisStore *store = trellis_workspace_get_store (self->workspace);
  const char *key_result_id;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* A row not yet saved is only text in this window. */
  if (kr->existing == NULL)
    {
      forget_kr_editor (kr);
      return;
    }

  /* Say why not straight away rather than after a confirmation. */
  key_result_id = trellis_key_result_get_id (kr->existing);
  if (!trellis_goal_repository_check_delete_key_result (store, key_result_id, &error))
    {
      trellis_widget_show_error (GTK_WIDGET (self), _("Cannot Remove Key Result"), error->message);
      return;
    }

  body = g_strdup_printf (_("“%s” is removed from the goal right away, not when you save; "
                            "the goal’s history records the removal. The other key results keep "
                            "their weights."),
                          trellis_key_result_get_title (kr->existing));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Remove Key Result?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "key-result-id", g_strdup (key_result_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_kr_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
caption (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  return label;
}

static GtkSpinButton *
number_spin (double lower,
             double upper,
             double value,
             guint  digits)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, 1.0);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 7);
  gtk_widget_add_css_class (spin, "numeric");
  trellis_spin_button_activates_default (GTK_SPIN_BUTTON (spin));
  trellis_spin_button_ignore_scroll (GTK_SPIN_BUTTON (spin));
  return GTK_SPIN_BUTTON (spin);
}

static GtkDropDown *
strings_drop_down (const char * const *strings)
{
  return GTK_DROP_DOWN (gtk_drop_down_new_from_strings (strings));
}

static KrEditor *
add_kr_editor (TrellisGoalEditor *self,
               TrellisKeyResult  *existing,
               const char        *title,
               TrellisMeasure     measure,
               double             baseline,
               double             target,
               const char        *unit,
               TrellisCommitment  commitment,
               double             weight)
{
  const char *measures[] = { _("Number"), _("Percentage"), _("Milestone"), NULL };
  const char *commitments[] = { _("Committed"), _("Aspirational"), NULL };
  KrEditor *kr = g_new0 (KrEditor, 1);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *title_entry = gtk_entry_new ();
  GtkWidget *unit_entry = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

  kr->editor = self;
  kr->existing = existing != NULL ? g_object_ref (existing) : NULL;
  kr->row = gtk_list_box_row_new ();
  kr->title = GTK_EDITABLE (title_entry);
  kr->unit = GTK_EDITABLE (unit_entry);
  kr->measure = strings_drop_down (measures);
  kr->commitment = strings_drop_down (commitments);
  kr->baseline = number_spin (-1e12, 1e12, baseline, 2);
  kr->target = number_spin (-1e12, 1e12, target, 2);
  kr->weight = number_spin (0, 100, weight * 100.0, 1);

  gtk_editable_set_text (kr->title, title != NULL ? title : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (title_entry), _("What result, measured how"));
  gtk_entry_set_activates_default (GTK_ENTRY (title_entry), TRUE);
  gtk_entry_set_activates_default (GTK_ENTRY (unit_entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (title_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Key result title"), -1);
  gtk_widget_set_hexpand (title_entry, TRUE);
  gtk_editable_set_text (kr->unit, unit != NULL ? unit : "");
  gtk_editable_set_width_chars (kr->unit, 5);
  gtk_drop_down_set_selected (kr->measure, measure);
  gtk_drop_down_set_selected (kr->commitment, commitment);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove Key Result"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove key result"), -1);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_widget_add_css_class (grid, "detail-row");
  gtk_grid_attach (GTK_GRID (grid), title_entry, 0, 0, 5, 1);
  gtk_grid_attach (GTK_GRID (grid), remove, 5, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), caption (_("Measure")), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), caption (_("Baseline")), 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), caption (_("Target")), 2, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), caption (_("Unit")), 3, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), caption (_("Commitment")), 4, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), caption (_("Weight %")), 5, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (kr->measure), 0, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (kr->baseline), 1, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (kr->target), 2, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), unit_entry, 3, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (kr->commitment), 4, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (kr->weight), 5, 2, 1, 1);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (kr->row), grid);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (kr->row), FALSE);
  gtk_list_box_append (self->kr_list, kr->row);

  g_signal_connect_swapped (kr->title, "changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (kr->baseline, "value-changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (kr->target, "value-changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (kr->weight, "value-changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (kr->measure, "notify::selected", G_CALLBACK (on_measure_changed_cb), kr);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_kr_clicked_cb), kr);

  g_ptr_array_add (self->kr_editors, kr);
  on_measure_changed_cb (kr);
  return kr;
}

static void
kr_editor_free (KrEditor *kr)
{
  g_clear_object (&kr->existing);
  g_free (kr);
}

/* The empty row a new goal starts with gives way to the first key result
 * added from elsewhere (the library, or the API). */
static void
drop_empty_starter (TrellisGoalEditor *self)
{
  KrEditor *kr;

  if (self->kr_editors->len != 1)
    return;
  kr = g_ptr_array_index (self->kr_editors, 0);
  if (kr->existing != NULL || gtk_editable_get_text (kr->title)[0] != '\0')
    return;

  gtk_list_box_remove (self->kr_list, kr->row);
  g_ptr_array_remove_index (self->kr_editors, 0);
}

/* What is left of 100 % for a new key result. */
static double
remaining_weight (TrellisGoalEditor *self)
{
  double sum = 0.0;

  for (guint i = 0; i < self->kr_editors->len; i++)
    sum += kr_weight (g_ptr_array_index (self->kr_editors, i));
  return CLAMP (1.0 - sum, 0.0, 1.0);
}

static void
on_add_kr_clicked_cb (TrellisGoalEditor *self)
{
  KrEditor *kr = add_kr_editor (self, NULL, NULL, TRELLIS_MEASURE_NUMERIC, 0.0, 100.0, NULL,
                                TRELLIS_COMMITMENT_COMMITTED, remaining_weight (self));

  gtk_widget_grab_focus (GTK_WIDGET (kr->title));
  validate (self);
}

static void
on_spread_clicked_cb (TrellisGoalEditor *self)
{
  g_autofree double *weights = NULL;
  guint n = self->kr_editors->len;

  if (n == 0)
    return;

  /* Equal shares, then let the core fix the rounding so they sum to 1. */
  weights = g_new (double, n);
  for (guint i = 0; i < n; i++)
    weights[i] = 1.0 / n;
  trellis_okr_renormalise (weights, n, 0, weights[0]);
  for (guint i = 0; i < n; i++)
    {
      KrEditor *kr = g_ptr_array_index (self->kr_editors, i);

      gtk_spin_button_set_value (kr->weight, weights[i] * 100.0);
    }
  validate (self);
}

static void
on_library_activated_cb (TrellisGoalEditor *self,
                         GtkListBoxRow     *row,
                         GtkListBox        *list)
{
  int index = gtk_list_box_row_get_index (row);
  TrellisLibraryKeyResult *item;

  if (self->library == NULL || index < 0 || (guint) index >= self->library->len)
    return;

  item = g_ptr_array_index (self->library, index);
  drop_empty_starter (self);
  add_kr_editor (self, NULL, item->title, item->measure, item->baseline, item->target, item->unit,
                 item->commitment, remaining_weight (self));
  gtk_popover_popdown (self->library_popover);
  validate (self);
}

static void
update_library (TrellisGoalEditor *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  TrellisEmployee *employee = trellis_person_chooser_get_employee (self->owner_chooser);
  const char *level = get_owner_kind (self) == TRELLIS_OWNER_EMPLOYEE && employee != NULL
                      ? trellis_employee_get_level (employee) : NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->library_list))) != NULL)
    gtk_list_box_remove (self->library_list, child);
  g_clear_pointer (&self->library, g_ptr_array_unref);

  self->library = trellis_goal_template_list_library (trellis_workspace_get_store (self->workspace),
                                                      owner_department_id (self), level, NULL, &error);
  if (self->library == NULL)
    {
      g_warning ("Could not read the key result library: %s", error->message);
      return;
    }

  for (guint i = 0; i < self->library->len; i++)
    {
      TrellisLibraryKeyResult *item = g_ptr_array_index (self->library, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *target = trellis_format_number (item->target);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s %s", trellis_measure_label (item->measure),
                                                   target, item->unit != NULL ? item->unit : "");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->library_list, row);
    }

  if (self->library->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("The key result library has nothing for this owner yet."));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "detail-row");
      gtk_list_box_set_placeholder (self->library_list, label);
    }
}

static void
update_parents (TrellisGoalEditor *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *keep_goal = NULL, *keep_kr = NULL;
  guint selected = 0;

  if (self->goal != NULL)
    {
      keep_goal = trellis_goal_get_parent_goal_id (self->goal);
      keep_kr = trellis_goal_get_parent_kr_id (self->goal);
    }

  g_ptr_array_set_size (self->parent_goal_ids, 0);
  g_ptr_array_set_size (self->parent_kr_ids, 0);
  trellis_alignment_choices_build (self->tree, get_organisation (self), owner_department_id (self),
                                   self->goal != NULL ? trellis_goal_get_id (self->goal) : NULL,
                                   labels, self->parent_goal_ids, self->parent_kr_ids);
  for (guint i = 1; i < self->parent_goal_ids->len; i++)
    if ((keep_goal != NULL && g_strcmp0 (g_ptr_array_index (self->parent_goal_ids, i), keep_goal) == 0) ||
        (keep_kr != NULL && g_strcmp0 (g_ptr_array_index (self->parent_kr_ids, i), keep_kr) == 0))
      selected = i;

  adw_combo_row_set_model (self->parent_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->parent_row, selected);
}

static void
on_owner_changed_cb (TrellisGoalEditor *self)
{
  TrellisOwnerKind kind = get_owner_kind (self);

  gtk_widget_set_visible (GTK_WIDGET (self->department_row), kind == TRELLIS_OWNER_DEPARTMENT);
  gtk_widget_set_visible (GTK_WIDGET (self->person_row), kind == TRELLIS_OWNER_EMPLOYEE);
  update_parents (self);
  update_library (self);
  validate (self);
}

static void
on_save_clicked_cb (TrellisGoalEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!trellis_goal_editor_save (self, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

static void
trellis_goal_editor_dispose (GObject *object)
{
  TrellisGoalEditor *self = TRELLIS_GOAL_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TRELLIS_TYPE_GOAL_EDITOR);
  g_clear_pointer (&self->kr_editors, g_ptr_array_unref);
  g_clear_pointer (&self->cycles, g_ptr_array_unref);
  g_clear_pointer (&self->parent_goal_ids, g_ptr_array_unref);
  g_clear_pointer (&self->parent_kr_ids, g_ptr_array_unref);
  g_clear_pointer (&self->library, g_ptr_array_unref);
  g_clear_object (&self->goal);
  g_clear_object (&self->tree);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (trellis_goal_editor_parent_class)->dispose (object);
}

static void
trellis_goal_editor_finalize (GObject *object)
{
  TrellisGoalEditor *self = TRELLIS_GOAL_EDITOR (object);

  g_free (self->error_text);

  G_OBJECT_CLASS (trellis_goal_editor_parent_class)->finalize (object);
}

static void
trellis_goal_editor_class_init (TrellisGoalEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trellis_goal_editor_dispose;
  object_class->finalize = trellis_goal_editor_finalize;

  /**
   * TrellisGoalEditor::saved:
   * @goal_id: the goal written
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (TRELLIS_TYPE_PERSON_CHOOSER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trellishr/Trellis/trellis-goal-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalEditor, origin_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalEditor, weight_spin);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalEditor, owner_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalEditor, owner_kind_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalEditor, department_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalEditor, department_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalEditor, person_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalEditor, owner_chooser);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalEditor, cycle_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalEditor, parent_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalEditor, library_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalEditor, library_popover);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalEditor, library_list);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalEditor, kr_list);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalEditor, weights_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_kr_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_spread_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_library_activated_cb);
}

static void
trellis_goal_editor_init (TrellisGoalEditor *self)
{
  self->kr_editors = g_ptr_array_new_with_free_func ((GDestroyNotify) kr_editor_free);
  self->parent_goal_ids = g_ptr_array_new_with_free_func (g_free);
  self->parent_kr_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  trellis_widget_protect_spin_buttons (GTK_WIDGET (self));
  trellis_dialog_setup_escape (GTK_WINDOW (self));
  trellis_spin_button_activates_default (self->weight_spin);
}

static void
fill_cycles (TrellisGoalEditor *self,
             const char        *cycle_id)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  guint selected = 0;

  self->cycles = g_ptr_array_new_with_free_func (g_object_unref);
  all = trellis_org_repository_list_cycles (trellis_workspace_get_store (self->workspace), &error);
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      TrellisCycle *cycle = g_ptr_array_index (all, i);

      if (trellis_cycle_get_kind (cycle) == TRELLIS_CYCLE_WEEK)
        continue;
      if (g_strcmp0 (trellis_cycle_get_id (cycle), cycle_id) == 0)
        selected = self->cycles->len;
      g_ptr_array_add (self->cycles, g_object_ref (cycle));
      gtk_string_list_append (names, trellis_cycle_get_name (cycle));
    }
  adw_combo_row_set_model (self->cycle_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->cycle_row, selected);
}

TrellisGoalEditor *
trellis_goal_editor_new (GtkWindow        *parent,
                         TrellisWorkspace *workspace,
                         TrellisGoalTree  *tree,
                         TrellisGoal      *goal,
                         const char       *cycle_id)
{
  TrellisGoalEditor *self;
  TrellisOrganisation *organisation;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TRELLIS_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (tree), NULL);
  g_return_val_if_fail (goal == NULL || TRELLIS_IS_GOAL (goal), NULL);

  self = g_object_new (TRELLIS_TYPE_GOAL_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->workspace = g_object_ref (workspace);
  self->tree = g_object_ref (tree);
  self->goal = goal != NULL ? g_object_ref (goal) : NULL;
  organisation = get_organisation (self);

  trellis_department_drop_down_set_organisation (self->department_drop_down, organisation);
  trellis_person_chooser_set_organisation (self->owner_chooser, organisation);
  fill_cycles (self, goal != NULL ? trellis_goal_get_cycle_id (goal) : cycle_id);

  if (goal != NULL)
    {
      GPtrArray *krs = trellis_goal_get_key_results (goal);

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Goal"));
      adw_window_title_set_title (self->window_title, _("Edit Goal"));
      adw_window_title_set_subtitle (self->window_title, trellis_goal_get_title (goal));
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), trellis_goal_get_title (goal));
      adw_combo_row_set_selected (self->kind_row, trellis_goal_get_kind (goal));
      adw_combo_row_set_selected (self->category_row, trellis_goal_get_category (goal));
      adw_combo_row_set_selected (self->origin_row, trellis_goal_get_origin (goal));
      gtk_spin_button_set_value (self->weight_spin, trellis_goal_get_weight (goal) * 100.0);
      adw_combo_row_set_selected (self->owner_kind_row, trellis_goal_get_owner_kind (goal));
      if (trellis_goal_get_owner_kind (goal) == TRELLIS_OWNER_EMPLOYEE)
        trellis_person_chooser_set_employee (self->owner_chooser,
                                             trellis_organisation_find_employee (organisation,
                                                                                 trellis_goal_get_employee_id (goal)));
      else
        trellis_department_drop_down_select (self->department_drop_down, trellis_goal_get_department_id (goal));

      /* Owner and cycle are fixed once a goal exists; alignment is not. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->owner_kind_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->department_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->person_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->cycle_row), FALSE);
      adw_preferences_group_set_description (self->owner_group,
                                             _("A goal keeps its owner and cycle: for another person or "
                                               "cycle, create a new goal."));

      for (guint i = 0; i < krs->len; i++)
        {
          TrellisKeyResult *kr = g_ptr_array_index (krs, i);

          add_kr_editor (self, kr, trellis_key_result_get_title (kr), trellis_key_result_get_measure (kr),
                         trellis_key_result_get_baseline (kr), trellis_key_result_get_target (kr),
                         trellis_key_result_get_unit (kr), trellis_key_result_get_commitment (kr),
                         trellis_key_result_get_weight (kr));
        }
    }
  else
    {
      adw_combo_row_set_selected (self->owner_kind_row, 2);
      /* A goal needs at least one key result: start with an empty one. */
      add_kr_editor (self, NULL, NULL, TRELLIS_MEASURE_NUMERIC, 0.0, 100.0, NULL,
                     TRELLIS_COMMITMENT_COMMITTED, 1.0);
    }

  g_signal_connect_object (self->owner_kind_row, "notify::selected", G_CALLBACK (on_owner_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->department_drop_down, "notify::selected", G_CALLBACK (on_owner_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->owner_chooser, "notify::employee", G_CALLBACK (on_owner_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (on_changed_cb),
                           self, G_CONNECT_SWAPPED);
  on_owner_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));

  return self;
}

void
trellis_goal_editor_set_title (TrellisGoalEditor *self,
                               const char        *title)
{
  g_return_if_fail (TRELLIS_IS_GOAL_EDITOR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
}

void
trellis_goal_editor_set_owner_employee (TrellisGoalEditor *self,
                                        const char        *employee_id)
{
  g_return_if_fail (TRELLIS_IS_GOAL_EDITOR (self));

  adw_combo_row_set_selected (self->owner_kind_row, 2);
  trellis_person_chooser_set_employee (self->owner_chooser,
                                       trellis_organisation_find_employee (get_organisation (self), employee_id));
}

guint
trellis_goal_editor_add_key_result (TrellisGoalEditor *self,
                                    const char        *title,
                                    TrellisMeasure     measure,
                                    double             baseline,
                                    double             target,
                                    const char        *unit,
                                    double             weight)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_EDITOR (self), 0);

  drop_empty_starter (self);
  add_kr_editor (self, NULL, title, measure, baseline, target, unit, TRELLIS_COMMITMENT_COMMITTED, weight);
  validate (self);
  return self->kr_editors->len - 1;
}

const char *
trellis_goal_editor_get_error (TrellisGoalEditor *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_EDITOR (self), NULL);

  validate (self);
  return self->error_text;
}

static void
read_kr (KrEditor               *kr,
         TrellisKeyResultFields *f)
{
  gtk_spin_button_update (kr->baseline);
  gtk_spin_button_update (kr->target);
  f->title = gtk_editable_get_text (kr->title);
  f->measure = kr_measure (kr);
  f->baseline = gtk_spin_button_get_value (kr->baseline);
  f->target = gtk_spin_button_get_value (kr->target);
  f->original_target = f->target;
  f->unit = gtk_editable_get_text (kr->unit)[0] != '\0' ? gtk_editable_get_text (kr->unit) : NULL;
  f->commitment = (TrellisCommitment) gtk_drop_down_get_selected (kr->commitment);
  f->weight = kr_weight (kr);
  f->original_weight = f->weight;
}

/* The next number after the owner's other goals in the tree. */
static int
next_position (TrellisGoalEditor *self,
               const char        *owner_id)
{
  GListModel *goals = trellis_goal_tree_get_goals (self->tree);
  int position = 0;

  for (guint i = 0; i < g_list_model_get_n_items (goals); i++)
    {
      g_autoptr(TrellisGoal) goal = g_list_model_get_item (goals, i);
      TrellisGoalFields f;

      if (g_strcmp0 (trellis_goal_get_owner_id (goal), owner_id) != 0)
        continue;
      trellis_goal_get_fields (goal, &f);
      position = MAX (position, f.position + 1);
    }
  return position;
}

static gboolean
save_new (TrellisGoalEditor  *self,
          TrellisStore       *store,
          char              **out_goal_id,
          GError            **error)
{
  TrellisGoalFields fields = { 0 };
  g_autoptr(TrellisGoal) goal = NULL;
  g_autofree char *goal_id = NULL;
  g_autofree char *first_kr_id = NULL;
  TrellisCycle *cycle;
  TrellisEmployee *employee;
  TrellisDepartment *department;
  guint parent_index = adw_combo_row_get_selected (self->parent_row);
  gint64 kr_number;

  goal_id = trellis_goal_repository_next_id (store, "G", error);
  first_kr_id = goal_id != NULL ? trellis_goal_repository_next_id (store, "K", error) : NULL;
  if (first_kr_id == NULL)
    return FALSE;
  kr_number = g_ascii_strtoll (first_kr_id + 1, NULL, 10);

  cycle = g_ptr_array_index (self->cycles, adw_combo_row_get_selected (self->cycle_row));
  fields.id = goal_id;
  fields.kind = (TrellisGoalKind) adw_combo_row_get_selected (self->kind_row);
  fields.title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  fields.owner_kind = get_owner_kind (self);
  switch (fields.owner_kind)
    {
    case TRELLIS_OWNER_COMPANY:
      fields.department_id = top_department_id (self);
      break;
    case TRELLIS_OWNER_DEPARTMENT:
      department = trellis_department_drop_down_get_selected (self->department_drop_down);
      fields.department_id = trellis_department_get_id (department);
      break;
    case TRELLIS_OWNER_EMPLOYEE:
    default:
      employee = trellis_person_chooser_get_employee (self->owner_chooser);
      fields.employee_id = trellis_employee_get_id (employee);
      break;
    }
  fields.cycle_id = trellis_cycle_get_id (cycle);
  if (parent_index < self->parent_goal_ids->len)
    {
      fields.parent_goal_id = g_ptr_array_index (self->parent_goal_ids, parent_index);
      fields.parent_kr_id = g_ptr_array_index (self->parent_kr_ids, parent_index);
    }
  fields.category = (TrellisGoalCategory) adw_combo_row_get_selected (self->category_row);
  fields.origin = (TrellisGoalOrigin) adw_combo_row_get_selected (self->origin_row);
  fields.weight = gtk_spin_button_get_value (self->weight_spin) / 100.0;
  fields.original_weight = fields.weight;
  fields.state = TRELLIS_GOAL_STATE_DRAFT;
  fields.position = next_position (self, fields.employee_id != NULL ? fields.employee_id : fields.department_id);

  goal = trellis_goal_new (&fields);
  for (guint i = 0; i < self->kr_editors->len; i++)
    {
      TrellisKeyResultFields kf = { 0 };
      g_autofree char *kr_id = g_strdup_printf ("K%06" G_GINT64_FORMAT, kr_number + i);
      g_autoptr(TrellisKeyResult) kr = NULL;

      read_kr (g_ptr_array_index (self->kr_editors, i), &kf);
      kf.id = kr_id;
      kf.goal_id = goal_id;
      kf.current = kf.baseline;
      kf.position = (int) i;
      kf.confidence = -1;
      kr = trellis_key_result_new (&kf);
      trellis_goal_add_key_result (goal, kr);
    }

  if (!trellis_goal_repository_insert_goal (store, goal, error))
    return FALSE;

  *out_goal_id = g_steal_pointer (&goal_id);
  return TRUE;
}

static gboolean
save_existing (TrellisGoalEditor  *self,
               TrellisStore       *store,
               GError            **error)
{
  TrellisGoalFields fields;
  guint parent_index = adw_combo_row_get_selected (self->parent_row);
  g_autofree char *next_kr_id = NULL;
  gint64 kr_number = 0;
  int position = 0;

  trellis_goal_get_fields (self->goal, &fields);
  fields.kind = (TrellisGoalKind) adw_combo_row_get_selected (self->kind_row);
  fields.title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  fields.category = (TrellisGoalCategory) adw_combo_row_get_selected (self->category_row);
  fields.origin = (TrellisGoalOrigin) adw_combo_row_get_selected (self->origin_row);
  fields.weight = gtk_spin_button_get_value (self->weight_spin) / 100.0;
  fields.parent_goal_id = NULL;
  fields.parent_kr_id = NULL;
  if (parent_index < self->parent_goal_ids->len)
    {
      fields.parent_goal_id = g_ptr_array_index (self->parent_goal_ids, parent_index);
      fields.parent_kr_id = g_ptr_array_index (self->parent_kr_ids, parent_index);
    }

  if (!trellis_goal_repository_update_goal (store, &fields, error))
    return FALSE;

  for (guint i = 0; i < self->kr_editors->len; i++)
    {
      KrEditor *kr = g_ptr_array_index (self->kr_editors, i);
      TrellisKeyResultFields kf;

      if (kr->existing != NULL)
        {
          trellis_key_result_get_fields (kr->existing, &kf);
          read_kr (kr, &kf);
          position = MAX (position, kf.position + 1);
          if (!trellis_goal_repository_update_key_result (store, &kf, error))
            return FALSE;
        }
    }

  for (guint i = 0; i < self->kr_editors->len; i++)
    {
      KrEditor *kr = g_ptr_array_index (self->kr_editors, i);
      TrellisKeyResultFields kf = { 0 };
      g_autofree char *kr_id = NULL;
      g_autoptr(TrellisKeyResult) created = NULL;

      if (kr->existing != NULL)
        continue;

      if (next_kr_id == NULL)
        {
          next_kr_id = trellis_goal_repository_next_id (store, "K", error);
          if (next_kr_id == NULL)
            return FALSE;
          kr_number = g_ascii_strtoll (next_kr_id + 1, NULL, 10);
        }
      kr_id = g_strdup_printf ("K%06" G_GINT64_FORMAT, kr_number++);
      read_kr (kr, &kf);
      kf.id = kr_id;
      kf.goal_id = fields.id;
      kf.current = kf.baseline;
      kf.position = position++;
      kf.confidence = -1;
      created = trellis_key_result_new (&kf);
      if (!trellis_goal_repository_insert_key_result (store, created, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
trellis_goal_editor_save (TrellisGoalEditor  *self,
                          GError            **error)
{
  TrellisStore *store;
  g_autofree char *saved_actor = NULL;
  g_autofree char *goal_id = NULL;
  TrellisEmployee *actor = NULL;
  gboolean ok;

  g_return_val_if_fail (TRELLIS_IS_GOAL_EDITOR (self), FALSE);

  validate (self);
  if (self->error_text != NULL)
    {
      g_set_error_literal (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID, self->error_text);
      return FALSE;
    }

  store = trellis_workspace_get_store (self->workspace);

  actor = get_acting_owner (self);

  saved_actor = g_strdup (trellis_store_get_actor (store));
  if (actor != NULL)
    trellis_store_set_actor (store, trellis_employee_get_id (actor));

  ok = trellis_store_begin (store, error);
  if (ok)
    {
      if (self->goal == NULL)
        ok = save_new (self, store, &goal_id, error);
      else
        {
          ok = save_existing (self, store, error);
          goal_id = g_strdup (trellis_goal_get_id (self->goal));
        }

      if (ok)
        ok = trellis_store_commit (store, error);
      else
        trellis_store_rollback (store);
    }
  trellis_store_set_actor (store, saved_actor);

  if (!ok)
    return FALSE;

  g_signal_emit (self, signals[SAVED], 0, goal_id);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}
