/* trellis-goal-util.c
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

#define G_LOG_DOMAIN "trellis-goal-util"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "trellis-goal-util.h"

const char *
trellis_goal_status_css_class (TrellisProgressStatus status)
{
  switch (status)
    {
    case TRELLIS_PROGRESS_ACHIEVED:
      return "status-achieved";
    case TRELLIS_PROGRESS_ON_TRACK:
      return "status-on-track";
    case TRELLIS_PROGRESS_BEHIND:
      return "status-behind";
    case TRELLIS_PROGRESS_AT_RISK:
      return "status-at-risk";
    default:
      return "status-on-track";
    }
}

const char *
trellis_goal_state_css_class (TrellisGoalState state)
{
  switch (state)
    {
    case TRELLIS_GOAL_STATE_DRAFT:
      return "state-draft";
    case TRELLIS_GOAL_STATE_SUBMITTED:
      return "state-submitted";
    case TRELLIS_GOAL_STATE_APPROVED:
      return "state-approved";
    case TRELLIS_GOAL_STATE_FILED:
      return "state-filed";
    case TRELLIS_GOAL_STATE_RETURNED:
      return "state-returned";
    default:
      return "state-draft";
    }
}

const char *
trellis_goal_kind_icon_name (TrellisGoalKind kind)
{
  return kind == TRELLIS_GOAL_KPI ? "power-profile-performance-symbolic" : "emoji-flags-symbolic";
}

const char *
trellis_score_band_css_class (double score)
{
  switch (trellis_okr_score_band (score))
    {
    case TRELLIS_SCORE_GREEN:
      return "score-green";
    case TRELLIS_SCORE_YELLOW:
      return "score-yellow";
    case TRELLIS_SCORE_RED:
    default:
      return "score-red";
    }
}

char *
trellis_format_number (double value)
{
  if (!isfinite (value))
    return g_strdup ("—");
  /* A share that rounds to nothing from below reads "0", not "-0". */
  if (fabs (value) < 0.005)
    value = 0.0;
  if (fabs (value - round (value)) < 1e-9)
    return g_strdup_printf ("%.0f", value);
  if (fabs (value * 10 - round (value * 10)) < 1e-9)
    return g_strdup_printf ("%.1f", value);
  return g_strdup_printf ("%.2f", value);
}

char *
trellis_format_percent (double fraction)
{
  g_autofree char *number = trellis_format_number (round (fraction * 1000.0) / 10.0);

  /* Translators: a percentage; %s is the number. Keep or drop the space as
   * your language writes percentages. */
  return g_strdup_printf (_("%s %%"), number);
}

char *
trellis_format_progress (double fraction)
{
  g_autofree char *number = trellis_format_number (round (fraction * 100.0));

  return g_strdup_printf (_("%s %%"), number);
}

char *
trellis_format_score (double score)
{
  return g_strdup_printf ("%.1f", score);
}

static gboolean
parse_day (const char *timestamp,
           GDate      *out_date)
{
  char day[11];

  g_date_clear (out_date, 1);
  if (timestamp == NULL || strlen (timestamp) < 10)
    return FALSE;
  memcpy (day, timestamp, 10);
  day[10] = '\0';
  return trellis_date_parse (day, out_date);
}

char *
trellis_format_day (const char *timestamp)
{
  if (timestamp == NULL)
    return g_strdup ("—");
  if (strlen (timestamp) < 10)
    return g_strdup (timestamp);
  return g_strndup (timestamp, 10);
}

char *
trellis_format_relative_day (const char  *timestamp,
                             const GDate *today)
{
  GDate day;
  int days;

  if (timestamp == NULL)
    return g_strdup (_("Never"));
  if (!parse_day (timestamp, &day) || today == NULL || !g_date_valid (today))
    return trellis_format_day (timestamp);

  days = trellis_date_days_between (&day, today);
  if (days == 0)
    return g_strdup (_("Today"));
  if (days == 1)
    return g_strdup (_("Yesterday"));
  if (days > 1 && days < 14)
    return g_strdup_printf (ngettext ("%d day ago", "%d days ago", days), days);
  return trellis_format_day (timestamp);
}

char *
trellis_format_key_result_value (TrellisKeyResult *key_result)
{
  TrellisMeasure measure = trellis_key_result_get_measure (key_result);
  g_autofree char *current = NULL;
  g_autofree char *target = NULL;
  const char *unit = trellis_key_result_get_unit (key_result);

  if (measure == TRELLIS_MEASURE_MILESTONE)
    return trellis_key_result_format_value (key_result, trellis_key_result_get_current (key_result));

  current = trellis_format_number (trellis_key_result_get_current (key_result));
  target = trellis_format_number (trellis_key_result_get_target (key_result));

  if (measure == TRELLIS_MEASURE_PERCENTAGE)
    /* Translators: a key result's current and target percentages */
    return g_strdup_printf (_("%s %% / %s %%"), current, target);
  if (unit != NULL && unit[0] != '\0')
    /* Translators: current value / target value, then the unit: "300 / 400 units" */
    return g_strdup_printf (_("%s / %s %s"), current, target, unit);
  return g_strdup_printf ("%s / %s", current, target);
}

char *
trellis_describe_person (TrellisOrganisation *organisation,
                         const char          *employee_id)
{
  TrellisEmployee *employee;

  if (employee_id == NULL)
    return NULL;
  employee = organisation != NULL ? trellis_organisation_find_employee (organisation, employee_id) : NULL;
  return g_strdup (employee != NULL ? trellis_employee_get_name (employee) : employee_id);
}

TrellisEmployee *
trellis_goal_get_owner_person (TrellisGoal         *goal,
                               TrellisOrganisation *organisation)
{
  TrellisDepartment *department;
  const char *head_id;

  g_return_val_if_fail (TRELLIS_IS_GOAL (goal), NULL);

  if (organisation == NULL)
    return NULL;

  if (trellis_goal_get_owner_kind (goal) == TRELLIS_OWNER_EMPLOYEE)
    return trellis_organisation_find_employee (organisation, trellis_goal_get_employee_id (goal));

  department = trellis_organisation_find_department (organisation, trellis_goal_get_department_id (goal));
  head_id = department != NULL ? trellis_department_get_head_id (department) : NULL;
  return head_id != NULL ? trellis_organisation_find_employee (organisation, head_id) : NULL;
}

double
trellis_cycle_fraction_at (TrellisCycle *cycle,
                           const char   *timestamp)
{
  GDate day;

  if (cycle == NULL || !parse_day (timestamp, &day))
    return 0.0;
  return CLAMP (trellis_cycle_elapsed_fraction (cycle, &day), 0.0, 1.0);
}

void
trellis_alignment_choices_build (TrellisGoalTree     *tree,
                                 TrellisOrganisation *organisation,
                                 const char          *department_id,
                                 const char          *exclude_goal_id,
                                 GtkStringList       *labels,
                                 GPtrArray           *goal_ids,
                                 GPtrArray           *kr_ids)
{
  g_autoptr(GListModel) goals = NULL;

  g_return_if_fail (TRELLIS_IS_GOAL_TREE (tree));

  gtk_string_list_append (labels, _("Not aligned"));
  g_ptr_array_add (goal_ids, NULL);
  g_ptr_array_add (kr_ids, NULL);

  /* People's goals are not alignment targets; at 100,000 people, asking
   * the tree for the others only saves making 200,000 objects. */
  goals = trellis_goal_tree_list_by_owner_kind (tree, TRELLIS_OWNER_DEPARTMENT);
  for (guint i = 0; i < g_list_model_get_n_items (goals); i++)
    {
      g_autoptr(TrellisGoal) goal = g_list_model_get_item (goals, i);
      const char *owner_department = trellis_goal_get_department_id (goal);
      GPtrArray *krs;

      if (trellis_goal_get_owner_kind (goal) == TRELLIS_OWNER_EMPLOYEE ||
          g_strcmp0 (trellis_goal_get_id (goal), exclude_goal_id) == 0)
        continue;
      /* The department's own goals and those of every department above it. */
      if (trellis_goal_get_owner_kind (goal) != TRELLIS_OWNER_COMPANY &&
          (department_id == NULL || organisation == NULL ||
           !trellis_organisation_department_is_within (organisation, department_id, owner_department)))
        continue;

      {
        /* Owner first: seventeen regions share one goal title, and a long
         * title is cut at the end. */
        g_autofree char *label = g_strdup_printf (_("%s · %s"), trellis_goal_get_owner_label (goal),
                                                  trellis_goal_get_title (goal));

        gtk_string_list_append (labels, label);
        g_ptr_array_add (goal_ids, g_strdup (trellis_goal_get_id (goal)));
        g_ptr_array_add (kr_ids, NULL);
      }

      krs = trellis_goal_get_key_results (goal);
      for (guint k = 0; k < krs->len; k++)
        {
          TrellisKeyResult *kr = g_ptr_array_index (krs, k);
          /* Translators: an alignment choice under a goal: one of its key results */
          g_autofree char *label = g_strdup_printf (_("    KR: %s"), trellis_key_result_get_title (kr));

          gtk_string_list_append (labels, label);
          g_ptr_array_add (goal_ids, NULL);
          g_ptr_array_add (kr_ids, g_strdup (trellis_key_result_get_id (kr)));
        }
    }
}

/* Department drop-downs */

static GListModel *
create_child_departments_cb (gpointer item,
                             gpointer user_data)
{
  TrellisOrganisation *organisation = user_data;
  GListModel *children;

  children = trellis_organisation_list_child_departments (organisation,
                                                          trellis_department_get_id (item));
  if (children != NULL && g_list_model_get_n_items (children) == 0)
    g_clear_object (&children);

  return children;
}

static void
on_department_setup_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  gtk_list_item_set_child (item, label);
}

static void
on_department_bind_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  user_data)
{
  gboolean indent = GPOINTER_TO_INT (user_data);
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autoptr(TrellisDepartment) department = gtk_tree_list_row_get_item (row);

  /* The top of the tree stands for everybody. */
  if (!indent && gtk_tree_list_row_get_depth (row) == 0)
    gtk_label_set_text (GTK_LABEL (label), _("All departments"));
  else
    gtk_label_set_text (GTK_LABEL (label), trellis_department_get_name (department));
  gtk_widget_set_margin_start (label, indent ? 12 * gtk_tree_list_row_get_depth (row) : 0);
}

void
trellis_department_drop_down_set_organisation (GtkDropDown         *drop_down,
                                               TrellisOrganisation *organisation)
{
  GtkTreeListModel *tree;
  GtkListItemFactory *factory;

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  /* GtkDropDown starts with a factory for strings; replace it once. */
  if (g_object_get_data (G_OBJECT (drop_down), "trellis-department-factory") == NULL)
    {
      g_object_set_data (G_OBJECT (drop_down), "trellis-department-factory", GINT_TO_POINTER (TRUE));
      factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (on_department_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (on_department_bind_cb), GINT_TO_POINTER (FALSE));
      gtk_drop_down_set_factory (drop_down, factory);
      g_object_unref (factory);

      factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (on_department_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (on_department_bind_cb), GINT_TO_POINTER (TRUE));
      gtk_drop_down_set_list_factory (drop_down, factory);
      g_object_unref (factory);
    }

  if (organisation == NULL)
    {
      gtk_drop_down_set_model (drop_down, NULL);
      return;
    }

  tree = gtk_tree_list_model_new (trellis_organisation_list_child_departments (organisation, NULL),
                                  FALSE, TRUE, create_child_departments_cb,
                                  g_object_ref (organisation), g_object_unref);
  gtk_drop_down_set_model (drop_down, G_LIST_MODEL (tree));
  gtk_drop_down_set_selected (drop_down, 0);
  g_object_unref (tree);
}

TrellisDepartment *
trellis_department_drop_down_get_selected (GtkDropDown *drop_down)
{
  GtkTreeListRow *row;
  TrellisDepartment *department;

  g_return_val_if_fail (GTK_IS_DROP_DOWN (drop_down), NULL);

  row = gtk_drop_down_get_selected_item (drop_down);
  if (row == NULL)
    return NULL;

  /* The organisation keeps its departments alive. */
  department = gtk_tree_list_row_get_item (row);
  g_object_unref (department);
  return department;
}

void
trellis_department_drop_down_select (GtkDropDown *drop_down,
                                     const char  *department_id)
{
  GListModel *model;

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  model = gtk_drop_down_get_model (drop_down);
  if (model == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(TrellisDepartment) department = gtk_tree_list_row_get_item (row);

      if (department_id == NULL ||
          g_strcmp0 (trellis_department_get_id (department), department_id) == 0)
        {
          gtk_drop_down_set_selected (drop_down, i);
          return;
        }
    }
}

void
trellis_dialog_setup_escape (GtkWindow *window)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcut *shortcut;

  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                               gtk_named_action_new ("window.close"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
}

void
trellis_spin_button_activates_default (GtkSpinButton *spin)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (spin));

  if (GTK_IS_TEXT (delegate))
    gtk_text_set_activates_default (GTK_TEXT (delegate), TRUE);
}

static gboolean
on_spin_scroll_cb (GtkEventControllerScroll *controller,
                   double                    dx,
                   double                    dy,
                   gpointer                  user_data)
{
  GtkWidget *spin = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkRoot *root = gtk_widget_get_root (spin);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;

  if (focus != NULL && (focus == spin || gtk_widget_is_ancestor (focus, spin)))
    return FALSE;

  /* Not focused: the wheel belongs to the form around it. */
  scrolled = gtk_widget_get_ancestor (spin, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled != NULL)
    {
      adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + dy * 48.0);
    }
  return TRUE;
}

static gboolean
scroll_into_view_cb (gpointer data)
{
  GtkWidget *widget = data;
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  if (scrolled != NULL && gtk_widget_get_mapped (widget))
    {
      GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

      /* Where the widget sits in the scrolled content, then the least
       * scrolling that shows all of it. */
      if (content != NULL && gtk_widget_compute_bounds (widget, content, &bounds))
        {
          double top = bounds.origin.y;
          double bottom = top + bounds.size.height;
          double value = gtk_adjustment_get_value (adjustment);
          double page = gtk_adjustment_get_page_size (adjustment);

          if (bottom > value + page)
            gtk_adjustment_set_value (adjustment, bottom - page);
          else if (top < value)
            gtk_adjustment_set_value (adjustment, top);
        }
    }
  g_object_unref (widget);
  return G_SOURCE_REMOVE;
}

void
trellis_widget_scroll_into_view (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* A label just made visible has no place yet: wait for the layout. */
  g_timeout_add_full (G_PRIORITY_LOW, 50, scroll_into_view_cb, g_object_ref (widget), NULL);
}

void
trellis_spin_button_ignore_scroll (GtkSpinButton *spin)
{
  GtkEventController *scroll;

  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_spin_scroll_cb), NULL);
  gtk_widget_add_controller (GTK_WIDGET (spin), scroll);
}

void
trellis_widget_protect_spin_buttons (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_SPIN_BUTTON (widget))
    {
      trellis_spin_button_ignore_scroll (GTK_SPIN_BUTTON (widget));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    trellis_widget_protect_spin_buttons (child);
}

void
trellis_widget_add_toast (GtkWidget  *widget,
                          const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_debug ("%s", text);
      return;
    }

  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
trellis_widget_show_error (GtkWidget  *widget,
                           const char *heading,
                           const char *message)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}
