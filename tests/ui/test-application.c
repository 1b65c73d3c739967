/* test-application.c
 *
 * Copyright 2026 The Trellis authors
 *
 * Runs the real TrellisApplication in-process: its window, actions and
 * accelerators, the preferences, About and shortcuts windows, opening a
 * workspace through GApplication::open, and the style setting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trellis-application.h"
#include "trellis-preferences-window.h"
#include "trellis-ui-test-utils.h"
#include "trellis-window.h"

static char *demo_dir;
static char *demo_path;

static guint
count_toplevels (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        n++;
    }

  return n;
}

static void
destroy_toplevels (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i - 1);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        gtk_window_destroy (GTK_WINDOW (window));
    }
}

static void
assert_accel (GtkApplication *app,
              const char     *action,
              const char     *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, action);
  guint key, expected_key;
  GdkModifierType mods, expected_mods;

  g_assert_nonnull (accels);
  g_assert_nonnull (accels[0]);
  g_assert_true (gtk_accelerator_parse (accels[0], &key, &mods));
  g_assert_true (gtk_accelerator_parse (accel, &expected_key, &expected_mods));
  g_assert_cmpuint (key, ==, expected_key);
  g_assert_cmpuint (mods, ==, expected_mods);
}

static gboolean
window_idle (gpointer data)
{
  return !trellis_window_get_busy (data);
}

static gboolean
drive_cb (gpointer data)
{
  GtkApplication *app = data;
  TrellisApplication *trellis = TRELLIS_APPLICATION (app);
  GtkWindow *active = gtk_application_get_active_window (app);
  TrellisWindow *window;
  AdwStyleManager *style = adw_style_manager_get_default ();
  GSettings *settings = trellis_application_get_settings (trellis);
  g_autoptr(GFile) file = g_file_new_for_path (demo_path);
  g_autofree char *uri = g_file_get_uri (file);
  g_auto(GStrv) recent = NULL;
  GFile *files[] = { file };

  g_assert_true (TRELLIS_IS_WINDOW (active));
  window = TRELLIS_WINDOW (active);
  g_assert_cmpstr (trellis_window_get_view (window), ==, "welcome");
  trellis_test_wait_for_frame (GTK_WIDGET (window));

  /* Accelerators and the shortcuts window from gtk/help-overlay.ui. */
  assert_accel (app, "app.quit", "<Control>q");
  assert_accel (app, "app.preferences", "<Control>comma");
  assert_accel (app, "win.open", "<Control>o");
  assert_accel (app, "win.new-workspace", "<Control>n");
  assert_accel (app, "win.search", "<Control>f");
  assert_accel (app, "win.page::organisation", "<Alt>1");
  assert_accel (app, "win.page::dashboard", "<Alt>7");
  assert_accel (app, "win.show-help-overlay", "<Control>question");
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  trellis_test_wait_for_frame (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))));
  g_assert_cmpuint (count_toplevels (GTK_TYPE_SHORTCUTS_WINDOW), ==, 1);
  gtk_widget_set_visible (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))), FALSE);

  /* Preferences and About. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_cmpuint (count_toplevels (TRELLIS_TYPE_PREFERENCES_WINDOW), ==, 1);
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  g_assert_cmpuint (count_toplevels (ADW_TYPE_ABOUT_WINDOW), ==, 1);
  trellis_test_spin (100);
  destroy_toplevels (TRELLIS_TYPE_PREFERENCES_WINDOW);
  destroy_toplevels (ADW_TYPE_ABOUT_WINDOW);

  /* The style setting drives libadwaita's style manager. */
  g_settings_set_string (settings, "color-scheme", "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));
  trellis_test_wait_for_frame (GTK_WIDGET (window));
  g_settings_set_string (settings, "color-scheme", "light");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_settings_reset (settings, "color-scheme");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);

  /* `trellis FILE`: the empty window takes the workspace. */
  g_application_open (G_APPLICATION (app), files, 1, "");
  g_assert_true (gtk_application_get_active_window (app) == GTK_WINDOW (window));
  g_assert_true (trellis_test_spin_until (window_idle, window, 20000));
  g_assert_cmpstr (trellis_window_get_view (window), ==, "workspace");
  g_assert_cmpstr (trellis_workspace_get_path (trellis_window_get_workspace (window)), ==, demo_path);
  recent = g_settings_get_strv (settings, "recent-workspaces");
  g_assert_cmpstr (recent[0], ==, uri);
  trellis_test_wait_for_frame (GTK_WIDGET (window));

  /* Opening it again presents the window that has it. */
  g_application_open (G_APPLICATION (app), files, 1, "");
  g_assert_false (trellis_window_get_busy (window));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (app)), ==, 1);

  /* A second window starts on the welcome page. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "new-window", NULL);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (app)), ==, 2);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);

  return G_SOURCE_REMOVE;
}

static void
on_activate_cb (GApplication *app)
{
  static gboolean started;

  if (!started)
    {
      started = TRUE;
      g_idle_add (drive_cb, app);
    }
}

static void
test_application (void)
{
  g_autoptr(TrellisApplication) app = trellis_application_new ();
  char *argv[] = { (char *) "trellis", NULL };
  int status;

  /* Tests must not meet a Trellis the developer is running. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_cb), NULL);

  status = g_application_run (G_APPLICATION (app), 1, argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);

  demo_path = trellis_test_create_demo (300, &demo_dir);
  g_test_add_func ("/ui/application/run", test_application);
  status = g_test_run ();

  trellis_test_remove_demo (demo_dir, demo_path);
  g_free (demo_dir);
  g_free (demo_path);

  return status;
}
