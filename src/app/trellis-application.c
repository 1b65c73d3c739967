/* trellis-application.c
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

#define G_LOG_DOMAIN "trellis-application"

#include "config.h"

#include <glib/gi18n.h>

#include "trellis-application.h"
#include "trellis-preferences-window.h"
#include "trellis-window.h"

struct _TrellisApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  TrellisClock   *clock;
  gboolean        demo_on_activate;
};

G_DEFINE_FINAL_TYPE (TrellisApplication, trellis_application, ADW_TYPE_APPLICATION)

static void
apply_color_scheme (TrellisApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (scheme, "light") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (scheme, "dark") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_application_get_style_manager (ADW_APPLICATION (self)),
                                      color_scheme);
}

static void
on_color_scheme_changed_cb (TrellisApplication *self,
                            const char         *key,
                            GSettings          *settings)
{
  apply_color_scheme (self);
}

/* The window to reuse for a new workspace: the active one when it shows
 * nothing yet, otherwise a new one. */
static TrellisWindow *
get_window_for_workspace (TrellisApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (TRELLIS_IS_WINDOW (active) &&
      trellis_window_get_workspace (TRELLIS_WINDOW (active)) == NULL &&
      !trellis_window_get_busy (TRELLIS_WINDOW (active)))
    return TRELLIS_WINDOW (active);

  return trellis_window_new (GTK_APPLICATION (self));
}

static TrellisWindow *
find_window_with_file (TrellisApplication *self,
                       GFile              *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    return NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      TrellisWorkspace *workspace;

      if (!TRELLIS_IS_WINDOW (l->data))
        continue;
      workspace = trellis_window_get_workspace (l->data);
      if (workspace != NULL && g_strcmp0 (trellis_workspace_get_path (workspace), path) == 0)
        return l->data;
    }

  return NULL;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TrellisApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing (rather than quitting at once) lets each window save its size. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);

  g_application_quit (G_APPLICATION (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  TrellisApplication *self = user_data;
  static const char *developers[] = { "The Trellis authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Trellis"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Trellis authors"),
                        "developers", developers,
                        "copyright", _("© 2026 The Trellis authors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/trellishr/trellis",
                        "issue-url", "https://github.com/trellishr/trellis/issues",
                        "comments", _("Performance management as a trellis, not a cage: goals that align, a weekly rhythm, continuous feedback, fair calibration and development plans."),
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TrellisApplication *self = user_data;
  GtkWidget *preferences = trellis_preferences_window_new (self->settings);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (TRELLIS_IS_WINDOW (active))
    trellis_preferences_window_set_workspace (TRELLIS_PREFERENCES_WINDOW (preferences),
                                              trellis_window_get_workspace (TRELLIS_WINDOW (active)));
  gtk_window_set_transient_for (GTK_WINDOW (preferences), active);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  TrellisApplication *self = user_data;

  gtk_window_present (GTK_WINDOW (trellis_window_new (GTK_APPLICATION (self))));
}

static void
open_demo_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  TrellisApplication *self = user_data;
  TrellisWindow *window = get_window_for_workspace (self);

  gtk_window_present (GTK_WINDOW (window));
  trellis_window_open_demo (window);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "new-window", new_window_action },
  { "open-demo", open_demo_action },
};

static const struct {
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.quit", { "<Ctrl>q", NULL } },
  { "app.preferences", { "<Ctrl>comma", NULL } },
  { "app.new-window", { "<Ctrl><Shift>n", NULL } },
  { "window.close", { "<Ctrl>w", NULL } },
  { "win.open", { "<Ctrl>o", NULL } },
  { "win.new-workspace", { "<Ctrl>n", NULL } },
  { "win.search", { "<Ctrl>f", NULL } },
  { "win.page::organisation", { "<Alt>1", NULL } },
  { "win.page::goals", { "<Alt>2", NULL } },
  { "win.page::rhythm", { "<Alt>3", NULL } },
  { "win.page::feedback", { "<Alt>4", NULL } },
  { "win.page::calibration", { "<Alt>5", NULL } },
  { "win.page::development", { "<Alt>6", NULL } },
  { "win.page::dashboard", { "<Alt>7", NULL } },
};

static int
trellis_application_handle_local_options (GApplication *application,
                                          GVariantDict *options)
{
  TrellisApplication *self = TRELLIS_APPLICATION (application);
  g_autoptr(GError) error = NULL;

  if (!g_variant_dict_contains (options, "demo"))
    return -1;

  if (!g_application_register (application, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* A running Trellis gets the request; this process is done. */
  if (g_application_get_is_remote (application))
    {
      g_action_group_activate_action (G_ACTION_GROUP (application), "open-demo", NULL);
      return 0;
    }

  self->demo_on_activate = TRUE;
  return -1;
}

static void
trellis_application_startup (GApplication *application)
{
  TrellisApplication *self = TRELLIS_APPLICATION (application);

  G_APPLICATION_CLASS (trellis_application_parent_class)->startup (application);

  g_set_application_name (_("Trellis"));
  gtk_window_set_default_icon_name (APP_ID);

  self->settings = g_settings_new (APP_ID);
  self->clock = trellis_clock_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), app_accels[i].action, app_accels[i].accels);

  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (on_color_scheme_changed_cb), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);
}

static void
trellis_application_activate (GApplication *application)
{
  TrellisApplication *self = TRELLIS_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (trellis_window_new (GTK_APPLICATION (self)));

  gtk_window_present (window);

  if (self->demo_on_activate && TRELLIS_IS_WINDOW (window))
    {
      self->demo_on_activate = FALSE;
      trellis_window_open_demo (TRELLIS_WINDOW (window));
    }
}

static void
trellis_application_open (GApplication  *application,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  TrellisApplication *self = TRELLIS_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      TrellisWindow *window = find_window_with_file (self, files[i]);

      /* A workspace already open is shown, not opened twice. */
      if (window != NULL)
        {
          gtk_window_present (GTK_WINDOW (window));
          continue;
        }

      window = get_window_for_workspace (self);
      gtk_window_present (GTK_WINDOW (window));
      trellis_window_open_file (window, files[i]);
    }
}

static void
trellis_application_dispose (GObject *object)
{
  TrellisApplication *self = TRELLIS_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (trellis_application_parent_class)->dispose (object);
}

static void
trellis_application_class_init (TrellisApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = trellis_application_dispose;
  app_class->handle_local_options = trellis_application_handle_local_options;
  app_class->startup = trellis_application_startup;
  app_class->activate = trellis_application_activate;
  app_class->open = trellis_application_open;
}

static void
trellis_application_init (TrellisApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE,
                                 _("Open a freshly generated demo organisation"), NULL);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[WORKSPACE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Performance management for goals, weekly rhythm, feedback, calibration and development."));
}

TrellisApplication *
trellis_application_new (void)
{
  return g_object_new (TRELLIS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/trellishr/Trellis",
                       NULL);
}

GSettings *
trellis_application_get_settings (TrellisApplication *self)
{
  g_return_val_if_fail (TRELLIS_IS_APPLICATION (self), NULL);

  return self->settings;
}

TrellisClock *
trellis_application_get_clock (TrellisApplication *self)
{
  g_return_val_if_fail (TRELLIS_IS_APPLICATION (self), NULL);

  if (self->clock == NULL)
    self->clock = trellis_clock_new ();

  return self->clock;
}
