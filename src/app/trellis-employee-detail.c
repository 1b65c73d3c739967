/* trellis-employee-detail.c
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

#define G_LOG_DOMAIN "trellis-employee-detail"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "trellis-employee-detail.h"

/* A manager with hundreds of reports would make a very long pane; the
 * list shows the first ones and says how many there are. */
#define MAX_REPORTS_SHOWN 100

struct _TrellisEmployeeDetail
{
  GtkWidget            parent_instance;

  TrellisOrganisation *organisation;
  TrellisEmployee     *employee;

  GtkStack            *stack;
  GtkScrolledWindow   *scroller;
  AdwAvatar           *avatar;
  GtkLabel            *name_label;
  GtkLabel            *english_name_label;
  GtkLabel            *title_label;
  GtkLabel            *id_label;
  GtkLabel            *level_label;
  GtkLabel            *email_label;
  GtkLabel            *department_label;
  GtkLabel            *hire_date_label;
  AdwPreferencesGroup *managers_group;
  GtkListBox          *manager_list;
  AdwPreferencesGroup *reports_group;
  GtkListBox          *reports_list;
};

G_DEFINE_FINAL_TYPE (TrellisEmployeeDetail, trellis_employee_detail, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ORGANISATION,
  PROP_EMPLOYEE,
  N_PROPS
};

enum {
  EMPLOYEE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
or_dash (const char *text)
{
  /* An em dash marks a field the workspace does not have. */
  return (text != NULL && text[0] != '\0') ? text : "—";
}

static GtkWidget *
create_person_row (gpointer item,
                   gpointer user_data)
{
  TrellisEmployee *employee = item;
  const char *name = trellis_employee_get_name (employee);
  const char *english = trellis_employee_get_english_name (employee);
  g_autofree char *title = NULL;
  GtkWidget *row;
  GtkWidget *avatar;
  GtkWidget *arrow;

  if (english != NULL && english[0] != '\0' && g_strcmp0 (english, name) != 0)
    /* Translators: a person's name followed by their English name */
    title = g_strdup_printf (_("%s (%s)"), name, english);
  else
    title = g_strdup (name);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), or_dash (trellis_employee_get_title (employee)));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "employee", g_object_ref (employee), g_object_unref);

  avatar = adw_avatar_new (32, name, TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);
  arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);

  return row;
}

static void
on_person_row_activated_cb (TrellisEmployeeDetail *self,
                            GtkListBoxRow         *row,
                            GtkListBox            *list)
{
  TrellisEmployee *employee = g_object_get_data (G_OBJECT (row), "employee");

  if (employee != NULL)
    g_signal_emit (self, signals[EMPLOYEE_ACTIVATED], 0, employee);
}

static void
clear_lists (TrellisEmployeeDetail *self)
{
  gtk_list_box_bind_model (self->manager_list, NULL, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->reports_list, NULL, NULL, NULL, NULL);
}

static void
update_managers (TrellisEmployeeDetail *self)
{
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(GListStore) store = g_list_store_new (TRELLIS_TYPE_EMPLOYEE);

  chain = trellis_organisation_get_manager_chain (self->organisation,
                                                  trellis_employee_get_id (self->employee));
  if (chain != NULL && chain->len > 0)
    g_list_store_splice (store, 0, 0, chain->pdata, chain->len);

  gtk_list_box_bind_model (self->manager_list, G_LIST_MODEL (store),
                           create_person_row, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->manager_list), chain != NULL && chain->len > 0);
  adw_preferences_group_set_description (self->managers_group,
                                         (chain != NULL && chain->len > 0)
                                         ? NULL
                                         : _("Nobody: this person leads the organisation."));
}

static void
update_reports (TrellisEmployeeDetail *self)
{
  g_autoptr(GListModel) reports = NULL;
  g_autoptr(GtkSliceListModel) slice = NULL;
  g_autofree char *description = NULL;
  guint n;

  reports = trellis_organisation_list_direct_reports (self->organisation,
                                                      trellis_employee_get_id (self->employee));
  n = reports != NULL ? g_list_model_get_n_items (reports) : 0;

  if (n == 0)
    description = g_strdup (_("Nobody reports directly to this person."));
  else if (n > MAX_REPORTS_SHOWN)
    description = g_strdup_printf (ngettext ("The first %u of %'u person",
                                             "The first %u of %'u people", n),
                                   MAX_REPORTS_SHOWN, n);
  else
    description = g_strdup_printf (ngettext ("%'u person", "%'u people", n), n);

  adw_preferences_group_set_description (self->reports_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->reports_list), n > 0);

  if (n > 0)
    {
      slice = gtk_slice_list_model_new (g_object_ref (reports), 0, MAX_REPORTS_SHOWN);
      gtk_list_box_bind_model (self->reports_list, G_LIST_MODEL (slice),
                               create_person_row, NULL, NULL);
    }
  else
    gtk_list_box_bind_model (self->reports_list, NULL, NULL, NULL, NULL);
}

static char *
describe_department_path (TrellisEmployeeDetail *self)
{
  const char *department_id = trellis_employee_get_department_id (self->employee);
  g_autoptr(GPtrArray) path = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (department_id == NULL)
    return NULL;

  path = trellis_organisation_get_department_path (self->organisation, department_id);
  for (guint i = 0; path != NULL && i < path->len; i++)
    {
      TrellisDepartment *department = g_ptr_array_index (path, i);

      if (i > 0)
        g_string_append (text, " › ");
      g_string_append (text, trellis_department_get_name (department));
    }

  if (text->len == 0)
    return g_strdup (trellis_employee_get_department_name (self->employee));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update (TrellisEmployeeDetail *self)
{
  g_autofree char *department = NULL;
  const char *english;

  if (self->employee == NULL || self->organisation == NULL)
    {
      clear_lists (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  english = trellis_employee_get_english_name (self->employee);

  adw_avatar_set_text (self->avatar, trellis_employee_get_name (self->employee));
  gtk_label_set_text (self->name_label, trellis_employee_get_name (self->employee));
  gtk_label_set_text (self->english_name_label, english != NULL ? english : "");
  gtk_widget_set_visible (GTK_WIDGET (self->english_name_label), english != NULL && english[0] != '\0');
  gtk_label_set_text (self->title_label, or_dash (trellis_employee_get_title (self->employee)));

  department = describe_department_path (self);
  gtk_label_set_text (self->id_label, or_dash (trellis_employee_get_id (self->employee)));
  gtk_label_set_text (self->level_label, or_dash (trellis_employee_get_level (self->employee)));
  gtk_label_set_text (self->email_label, or_dash (trellis_employee_get_email (self->employee)));
  gtk_label_set_text (self->department_label, or_dash (department));
  gtk_label_set_text (self->hire_date_label, or_dash (trellis_employee_get_hire_date (self->employee)));

  update_managers (self);
  update_reports (self);

  /* Each person starts at the top of the pane. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0.0);
  gtk_stack_set_visible_child_name (self->stack, "person");
}

static void
trellis_employee_detail_dispose (GObject *object)
{
  TrellisEmployeeDetail *self = TRELLIS_EMPLOYEE_DETAIL (object);
  GtkWidget *child;

  clear_lists (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRELLIS_TYPE_EMPLOYEE_DETAIL);
  /* Template children without an id are not unparented by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->employee);
  g_clear_object (&self->organisation);

  G_OBJECT_CLASS (trellis_employee_detail_parent_class)->dispose (object);
}

static void
trellis_employee_detail_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TrellisEmployeeDetail *self = TRELLIS_EMPLOYEE_DETAIL (object);

  switch (prop_id)
    {
    case PROP_ORGANISATION:
      g_value_set_object (value, self->organisation);
      break;
    case PROP_EMPLOYEE:
      g_value_set_object (value, self->employee);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_employee_detail_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  TrellisEmployeeDetail *self = TRELLIS_EMPLOYEE_DETAIL (object);

  switch (prop_id)
    {
    case PROP_ORGANISATION:
      trellis_employee_detail_set_organisation (self, g_value_get_object (value));
      break;
    case PROP_EMPLOYEE:
      trellis_employee_detail_set_employee (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_employee_detail_class_init (TrellisEmployeeDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trellis_employee_detail_dispose;
  object_class->get_property = trellis_employee_detail_get_property;
  object_class->set_property = trellis_employee_detail_set_property;

  properties[PROP_ORGANISATION] =
    g_param_spec_object ("organisation", NULL, NULL,
                         TRELLIS_TYPE_ORGANISATION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPLOYEE] =
    g_param_spec_object ("employee", NULL, NULL,
                         TRELLIS_TYPE_EMPLOYEE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TrellisEmployeeDetail::employee-activated:
   * @employee: the manager or report that was clicked
   */
  signals[EMPLOYEE_ACTIVATED] =
    g_signal_new ("employee-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TRELLIS_TYPE_EMPLOYEE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trellishr/Trellis/trellis-employee-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisEmployeeDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, TrellisEmployeeDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, TrellisEmployeeDetail, avatar);
  gtk_widget_class_bind_template_child (widget_class, TrellisEmployeeDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisEmployeeDetail, english_name_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisEmployeeDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisEmployeeDetail, id_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisEmployeeDetail, level_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisEmployeeDetail, email_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisEmployeeDetail, department_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisEmployeeDetail, hire_date_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisEmployeeDetail, managers_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisEmployeeDetail, manager_list);
  gtk_widget_class_bind_template_child (widget_class, TrellisEmployeeDetail, reports_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisEmployeeDetail, reports_list);
  gtk_widget_class_bind_template_callback (widget_class, on_person_row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "trellis-employee-detail");
}

static void
trellis_employee_detail_init (TrellisEmployeeDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
trellis_employee_detail_new (void)
{
  return g_object_new (TRELLIS_TYPE_EMPLOYEE_DETAIL, NULL);
}

TrellisOrganisation *
trellis_employee_detail_get_organisation (TrellisEmployeeDetail *self)
{
  g_return_val_if_fail (TRELLIS_IS_EMPLOYEE_DETAIL (self), NULL);

  return self->organisation;
}

void
trellis_employee_detail_set_organisation (TrellisEmployeeDetail *self,
                                          TrellisOrganisation   *organisation)
{
  g_return_if_fail (TRELLIS_IS_EMPLOYEE_DETAIL (self));
  g_return_if_fail (organisation == NULL || TRELLIS_IS_ORGANISATION (organisation));

  if (!g_set_object (&self->organisation, organisation))
    return;

  /* A person from another organisation makes no sense here. */
  if (self->employee != NULL)
    {
      g_clear_object (&self->employee);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPLOYEE]);
    }

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANISATION]);
}

TrellisEmployee *
trellis_employee_detail_get_employee (TrellisEmployeeDetail *self)
{
  g_return_val_if_fail (TRELLIS_IS_EMPLOYEE_DETAIL (self), NULL);

  return self->employee;
}

void
trellis_employee_detail_set_employee (TrellisEmployeeDetail *self,
                                      TrellisEmployee       *employee)
{
  g_return_if_fail (TRELLIS_IS_EMPLOYEE_DETAIL (self));
  g_return_if_fail (employee == NULL || TRELLIS_IS_EMPLOYEE (employee));

  if (!g_set_object (&self->employee, employee))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPLOYEE]);
}

GtkListBox *
trellis_employee_detail_get_manager_list (TrellisEmployeeDetail *self)
{
  g_return_val_if_fail (TRELLIS_IS_EMPLOYEE_DETAIL (self), NULL);

  return self->manager_list;
}

GtkListBox *
trellis_employee_detail_get_reports_list (TrellisEmployeeDetail *self)
{
  g_return_val_if_fail (TRELLIS_IS_EMPLOYEE_DETAIL (self), NULL);

  return self->reports_list;
}
