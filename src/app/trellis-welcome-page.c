/* trellis-welcome-page.c
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

#define G_LOG_DOMAIN "trellis-welcome-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "trellis-recent.h"
#include "trellis-welcome-page.h"

struct _TrellisWelcomePage
{
  GtkWidget            parent_instance;

  GSettings           *settings;

  AdwStatusPage       *status_page;
  AdwPreferencesGroup *recent_group;
  GtkListBox          *recent_list;
};

G_DEFINE_FINAL_TYPE (TrellisWelcomePage, trellis_welcome_page, GTK_TYPE_WIDGET)

enum {
  OPEN_RECENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "/home/ana/hr/acme.trellis" → "~/hr" */
static char *
describe_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  const char *home = g_get_home_dir ();
  gsize home_len = strlen (home);

  if (home_len > 1 && g_str_has_prefix (dir, home) &&
      (dir[home_len] == '\0' || dir[home_len] == G_DIR_SEPARATOR))
    return g_strconcat ("~", dir + home_len, NULL);

  return g_steal_pointer (&dir);
}

static void
on_remove_clicked_cb (GtkButton *button,
                      gpointer   user_data)
{
  TrellisWelcomePage *self = user_data;
  const char *entry = g_object_get_data (G_OBJECT (button), "entry");

  trellis_recent_remove (self->settings, entry);
}

static GtkWidget *
create_recent_row (TrellisWelcomePage *self,
                   const char         *entry)
{
  g_autoptr(GFile) file = trellis_recent_get_file (entry);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *folder = NULL;
  g_autofree char *tooltip = NULL;
  gboolean exists = path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR);
  GtkWidget *row = adw_action_row_new ();

  if (path != NULL)
    folder = describe_folder (path);
  else
    folder = g_file_get_parse_name (file);
  GtkWidget *icon;
  GtkWidget *remove;

  if (g_str_has_suffix (base, ".trellis") && strlen (base) > strlen (".trellis"))
    base[strlen (base) - strlen (".trellis")] = '\0';

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), base);
  if (exists)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
  else
    {
      g_autofree char *subtitle = g_strdup_printf (_("Not found in %s"), folder);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (row, "recent-missing");
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), exists);
  gtk_widget_set_tooltip_text (row, path != NULL ? path : entry);
  g_object_set_data_full (G_OBJECT (row), "file", g_object_ref (file), g_object_unref);

  icon = gtk_image_new_from_icon_name (exists ? "x-office-document-symbolic" : "action-unavailable-symbolic");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  tooltip = g_strdup_printf (_("Remove “%s” From the List"), base);
  gtk_widget_set_tooltip_text (remove, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data_full (G_OBJECT (remove), "entry", g_strdup (entry), g_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

static void
update_recent (TrellisWelcomePage *self)
{
  g_auto(GStrv) paths = g_settings_get_strv (self->settings, "recent-workspaces");
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      if (paths[i][0] == '\0')
        continue;
      gtk_list_box_append (self->recent_list, create_recent_row (self, paths[i]));
      n++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), n > 0);
}

static void
on_recent_changed_cb (TrellisWelcomePage *self,
                      const char         *key,
                      GSettings          *settings)
{
  update_recent (self);
}

static void
on_recent_row_activated_cb (TrellisWelcomePage *self,
                            GtkListBoxRow      *row,
                            GtkListBox         *list)
{
  GFile *file = g_object_get_data (G_OBJECT (row), "file");

  if (file != NULL)
    g_signal_emit (self, signals[OPEN_RECENT], 0, file);
}

static void
trellis_welcome_page_map (GtkWidget *widget)
{
  TrellisWelcomePage *self = TRELLIS_WELCOME_PAGE (widget);

  /* Files come and go while the window is elsewhere: look again. */
  update_recent (self);

  GTK_WIDGET_CLASS (trellis_welcome_page_parent_class)->map (widget);
}

static void
trellis_welcome_page_dispose (GObject *object)
{
  TrellisWelcomePage *self = TRELLIS_WELCOME_PAGE (object);
  GtkWidget *child;

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRELLIS_TYPE_WELCOME_PAGE);
  /* Template children without an id are not unparented by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (trellis_welcome_page_parent_class)->dispose (object);
}

static void
trellis_welcome_page_class_init (TrellisWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trellis_welcome_page_dispose;
  widget_class->map = trellis_welcome_page_map;

  /**
   * TrellisWelcomePage::open-recent:
   * @file: the workspace file to open
   */
  signals[OPEN_RECENT] =
    g_signal_new ("open-recent",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trellishr/Trellis/trellis-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisWelcomePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, TrellisWelcomePage, recent_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisWelcomePage, recent_list);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "trellis-welcome-page");
}

static void
trellis_welcome_page_init (TrellisWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  adw_status_page_set_icon_name (self->status_page, APP_ID);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::recent-workspaces",
                           G_CALLBACK (on_recent_changed_cb), self, G_CONNECT_SWAPPED);
  update_recent (self);
}

GtkWidget *
trellis_welcome_page_new (void)
{
  return g_object_new (TRELLIS_TYPE_WELCOME_PAGE, NULL);
}
