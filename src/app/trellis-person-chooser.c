/* trellis-person-chooser.c
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

#define G_LOG_DOMAIN "trellis-person-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "trellis-person-chooser.h"

/* A search over 100,000 people lists only the first matches. */
#define MAX_SHOWN 100

struct _TrellisPersonChooser
{
  GtkWidget            parent_instance;

  TrellisOrganisation *organisation;
  TrellisEmployee     *employee;
  GListStore          *suggestions;
  char                *needle;

  GtkCustomFilter     *filter;
  GtkFilterListModel  *filter_model;
  GtkSliceListModel   *slice_model;
  GtkNoSelection      *selection;

  GtkMenuButton       *button;
  GtkPopover          *popover;
  GtkSearchEntry      *search_entry;
  GtkListView         *list_view;
  GtkLabel            *hint_label;
};

G_DEFINE_FINAL_TYPE (TrellisPersonChooser, trellis_person_chooser, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EMPLOYEE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  TrellisPersonChooser *self = user_data;

  return self->needle != NULL && trellis_employee_matches (item, self->needle);
}

static void
update_hint (TrellisPersonChooser *self)
{
  guint matches = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *text = NULL;

  if (self->needle == NULL)
    text = g_strdup (_("Type to search everybody in the organisation."));
  else if (matches == 0 && gtk_filter_list_model_get_pending (self->filter_model) == 0)
    text = g_strdup (_("Nobody matches."));
  else if (matches > MAX_SHOWN)
    text = g_strdup_printf (ngettext ("The first %u of %'u match", "The first %u of %'u matches", matches),
                            MAX_SHOWN, matches);

  gtk_label_set_text (self->hint_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), text != NULL);
}

static void
update_model (TrellisPersonChooser *self)
{
  GListModel *model = self->needle != NULL ? G_LIST_MODEL (self->slice_model) : G_LIST_MODEL (self->suggestions);

  if (gtk_no_selection_get_model (self->selection) != model)
    gtk_no_selection_set_model (self->selection, model);
  update_hint (self);
}

static void
on_search_changed_cb (TrellisPersonChooser *self,
                      GtkSearchEntry       *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_free (self->needle);
  self->needle = stripped[0] != '\0' ? g_utf8_casefold (stripped, -1) : NULL;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_model (self);
}

static void
choose_position (TrellisPersonChooser *self,
                 guint                 position)
{
  g_autoptr(TrellisEmployee) employee = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (employee == NULL)
    return;

  trellis_person_chooser_set_employee (self, employee);
  gtk_popover_popdown (self->popover);
}

static void
on_search_activate_cb (TrellisPersonChooser *self,
                       GtkSearchEntry       *entry)
{
  choose_position (self, 0);
}

static void
on_list_activate_cb (TrellisPersonChooser *self,
                     guint                 position,
                     GtkListView          *view)
{
  choose_position (self, position);
}

static void
on_popover_show_cb (TrellisPersonChooser *self,
                    GtkPopover           *popover)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  update_model (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_filter_changed_cb (TrellisPersonChooser *self)
{
  update_hint (self);
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (details), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_add_css_class (details, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), details);
  gtk_list_item_set_child (item, box);
}

static char *
describe_employee (TrellisEmployee *employee)
{
  const char *name = trellis_employee_get_name (employee);
  const char *english = trellis_employee_get_english_name (employee);

  if (english != NULL && english[0] != '\0' && g_strcmp0 (english, name) != 0)
    /* Translators: a person's name followed by their English name */
    return g_strdup_printf (_("%s (%s)"), name, english);
  return g_strdup (name);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  TrellisEmployee *employee = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  g_autofree char *name = describe_employee (employee);
  g_autofree char *details = NULL;
  const char *title = trellis_employee_get_title (employee);
  const char *department = trellis_employee_get_department_name (employee);

  /* Translators: a person's id, job title and department */
  details = g_strdup_printf (_("%s · %s · %s"), trellis_employee_get_id (employee),
                             title != NULL ? title : "—", department != NULL ? department : "—");
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), name);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), details);
}

static void
update_button (TrellisPersonChooser *self)
{
  g_autofree char *label = NULL;

  if (self->employee != NULL)
    label = describe_employee (self->employee);
  gtk_menu_button_set_label (self->button, label != NULL ? label : _("Choose a Person…"));
}

static void
trellis_person_chooser_dispose (GObject *object)
{
  TrellisPersonChooser *self = TRELLIS_PERSON_CHOOSER (object);
  GtkWidget *child;

  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRELLIS_TYPE_PERSON_CHOOSER);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->slice_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->suggestions);
  g_clear_object (&self->employee);
  g_clear_object (&self->organisation);

  G_OBJECT_CLASS (trellis_person_chooser_parent_class)->dispose (object);
}

static void
trellis_person_chooser_finalize (GObject *object)
{
  TrellisPersonChooser *self = TRELLIS_PERSON_CHOOSER (object);

  g_free (self->needle);

  G_OBJECT_CLASS (trellis_person_chooser_parent_class)->finalize (object);
}

static void
trellis_person_chooser_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TrellisPersonChooser *self = TRELLIS_PERSON_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_EMPLOYEE:
      g_value_set_object (value, self->employee);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_person_chooser_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TrellisPersonChooser *self = TRELLIS_PERSON_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_EMPLOYEE:
      trellis_person_chooser_set_employee (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_person_chooser_class_init (TrellisPersonChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trellis_person_chooser_dispose;
  object_class->finalize = trellis_person_chooser_finalize;
  object_class->get_property = trellis_person_chooser_get_property;
  object_class->set_property = trellis_person_chooser_set_property;

  properties[PROP_EMPLOYEE] =
    g_param_spec_object ("employee", NULL, NULL,
                         TRELLIS_TYPE_EMPLOYEE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trellishr/Trellis/trellis-person-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisPersonChooser, button);
  gtk_widget_class_bind_template_child (widget_class, TrellisPersonChooser, popover);
  gtk_widget_class_bind_template_child (widget_class, TrellisPersonChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TrellisPersonChooser, list_view);
  gtk_widget_class_bind_template_child (widget_class, TrellisPersonChooser, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "trellis-person-chooser");
}

static void
trellis_person_chooser_init (TrellisPersonChooser *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->suggestions = g_list_store_new (TRELLIS_TYPE_EMPLOYEE);
  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  gtk_filter_list_model_set_incremental (self->filter_model, TRUE);
  g_signal_connect_object (self->filter_model, "items-changed", G_CALLBACK (on_filter_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "notify::pending", G_CALLBACK (on_filter_changed_cb),
                           self, G_CONNECT_SWAPPED);
  self->slice_model = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)), 0, MAX_SHOWN);
  self->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->suggestions)));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  update_button (self);
  update_hint (self);
}

GtkWidget *
trellis_person_chooser_new (void)
{
  return g_object_new (TRELLIS_TYPE_PERSON_CHOOSER, NULL);
}

void
trellis_person_chooser_set_organisation (TrellisPersonChooser *self,
                                         TrellisOrganisation  *organisation)
{
  g_return_if_fail (TRELLIS_IS_PERSON_CHOOSER (self));

  if (!g_set_object (&self->organisation, organisation))
    return;

  gtk_filter_list_model_set_model (self->filter_model,
                                   organisation != NULL ? trellis_organisation_get_employees (organisation) : NULL);
}

void
trellis_person_chooser_set_suggestions (TrellisPersonChooser *self,
                                        GPtrArray            *employees)
{
  g_return_if_fail (TRELLIS_IS_PERSON_CHOOSER (self));

  g_list_store_remove_all (self->suggestions);
  for (guint i = 0; employees != NULL && i < employees->len; i++)
    {
      TrellisEmployee *employee = g_ptr_array_index (employees, i);

      if (employee != NULL && !g_list_store_find (self->suggestions, employee, NULL))
        g_list_store_append (self->suggestions, employee);
    }
}

TrellisEmployee *
trellis_person_chooser_get_employee (TrellisPersonChooser *self)
{
  g_return_val_if_fail (TRELLIS_IS_PERSON_CHOOSER (self), NULL);

  return self->employee;
}

void
trellis_person_chooser_set_employee (TrellisPersonChooser *self,
                                     TrellisEmployee      *employee)
{
  g_return_if_fail (TRELLIS_IS_PERSON_CHOOSER (self));
  g_return_if_fail (employee == NULL || TRELLIS_IS_EMPLOYEE (employee));

  if (!g_set_object (&self->employee, employee))
    return;

  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPLOYEE]);
}

const char *
trellis_person_chooser_get_employee_id (TrellisPersonChooser *self)
{
  g_return_val_if_fail (TRELLIS_IS_PERSON_CHOOSER (self), NULL);

  return self->employee != NULL ? trellis_employee_get_id (self->employee) : NULL;
}
