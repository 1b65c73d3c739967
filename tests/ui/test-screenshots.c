/* test-screenshots.c
 *
 * Copyright 2026 The Trellis authors
 *
 * Renders the main window in-process to PNG files named after the UI
 * language, for people to look at (TRELLIS_SHOT_DIR, default <build>/shots).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "trellis-goals-page.h"
#include "trellis-ui-test-utils.h"
#include "trellis-window.h"

#define SHOT_WIDTH  1400
#define SHOT_HEIGHT 900

static char *demo_dir;
static char *demo_path;
/* The goals picture needs a demo whose today is inside a quarter. */
static char *goals_demo_dir;
static char *goals_demo_path;

static const char *
shot_language (void)
{
  const char *language = g_getenv ("TRELLIS_SHOT_LANG");

  return (language != NULL && language[0] != '\0') ? language : "en";
}

static char *
shot_path (const char *name)
{
  const char *dir = g_getenv ("TRELLIS_SHOT_DIR");
  g_autofree char *file = g_strdup_printf ("trellis-%s-%s.png", name, shot_language ());

  if (dir == NULL || dir[0] == '\0')
    dir = TRELLIS_DEFAULT_SHOT_DIR;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return g_build_filename (dir, file, NULL);
}

static void
save_window (GtkWidget  *window,
             const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) saved = NULL;
  g_autoptr(GError) error = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  /* The paintable covers the whole window, frame included, unlike
   * gtk_widget_get_width(), which is the content box. */
  int width = gdk_paintable_get_intrinsic_width (paintable);
  int height = gdk_paintable_get_intrinsic_height (paintable);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  g_test_message ("widget %d×%d, paintable %d×%d, surface %d×%d",
                  gtk_widget_get_width (window), gtk_widget_get_height (window),
                  width, height, gdk_surface_get_width (surface), gdk_surface_get_height (surface));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("%s: %d×%d, %s", path, width, height, G_OBJECT_TYPE_NAME (renderer));

  saved = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (saved), ==, SHOT_WIDTH);
  g_assert_cmpint (gdk_texture_get_height (saved), ==, SHOT_HEIGHT);
}

static gboolean
page_settled (gpointer data)
{
  return !trellis_organisation_page_get_filtering (data);
}

static TrellisEmployee *
find_interesting_person (TrellisOrganisation *organisation)
{
  GListModel *employees = trellis_organisation_get_employees (organisation);

  /* A manager with a two-step reporting line and a team of their own
   * fills every part of the detail pane. */
  for (guint i = 0; i < g_list_model_get_n_items (employees); i++)
    {
      g_autoptr(TrellisEmployee) employee = g_list_model_get_item (employees, i);
      g_autoptr(GPtrArray) chain = trellis_organisation_get_manager_chain (organisation,
                                                                            trellis_employee_get_id (employee));

      if (chain != NULL && chain->len == 2 &&
          trellis_organisation_count_direct_reports (organisation, trellis_employee_get_id (employee)) >= 2)
        return g_steal_pointer (&employee);
    }

  return g_list_model_get_item (employees, 0);
}

static void
prepare_window (TrellisWindow *window)
{
  gtk_window_set_default_size (GTK_WINDOW (window), SHOT_WIDTH, SHOT_HEIGHT);
}

static void
test_screenshot_organisation (void)
{
  TrellisWorkspace *workspace = trellis_test_open_workspace (demo_path);
  TrellisWindow *window = g_object_ref (trellis_window_new (NULL));
  TrellisOrganisationPage *page;
  g_autoptr(TrellisEmployee) person = NULL;
  g_autofree char *path = shot_path ("organisation");

  trellis_window_set_workspace (window, workspace);
  prepare_window (window);
  gtk_window_present (GTK_WINDOW (window));
  trellis_test_wait_for_frame (GTK_WIDGET (window));

  page = trellis_window_get_organisation_page (window);
  g_assert_true (trellis_test_spin_until (page_settled, page, 10000));
  person = find_interesting_person (trellis_workspace_get_organisation (workspace));
  trellis_organisation_page_show_employee (page, trellis_employee_get_id (person));
  trellis_test_wait_for_frame (GTK_WIDGET (window));
  trellis_test_wait_for_frame (GTK_WIDGET (window));

  save_window (GTK_WIDGET (window), path);

  gtk_window_destroy (GTK_WINDOW (window));
  trellis_test_spin (50);
  g_assert_finalize_object (window);
  g_assert_finalize_object (workspace);
}

static char *
create_goals_demo (char **out_dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = NULL;
  g_autofree char *dir = g_dir_make_tmp ("trellis-goals-shot-XXXXXX", &error);
  g_autofree char *path = NULL;
  TrellisDemoOptions options;

  g_assert_no_error (error);
  path = g_build_filename (dir, "demo.trellis", NULL);
  store = trellis_store_open (path, &error);
  g_assert_no_error (error);
  trellis_demo_options_init (&options, 2026);
  g_date_set_dmy (&options.today, 22, G_DATE_NOVEMBER, 2026);
  g_assert_true (trellis_demo_generate (store, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  trellis_store_close (store);

  *out_dir = g_steal_pointer (&dir);
  return g_steal_pointer (&path);
}

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

static gboolean
goals_ready (gpointer data)
{
  return !trellis_goals_page_get_loading (data) && trellis_goals_page_get_tree (data) != NULL;
}

static void
test_screenshot_goals (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 22, 23, 30, 0);
  g_autoptr(TrellisClock) clock = trellis_clock_new_fixed (now);
  TrellisWorkspace *workspace = trellis_workspace_open (goals_demo_path, clock, NULL, &error);
  TrellisWindow *window = g_object_ref (trellis_window_new (NULL));
  g_autofree char *path = shot_path ("goals");
  g_autoptr(GtkTreeListRow) top = NULL;
  g_autoptr(TrellisGoal) company_goal = NULL;
  g_autoptr(GListModel) children = NULL;
  TrellisGoalsPage *page;
  GListModel *rows;

  g_assert_no_error (error);
  trellis_window_set_workspace (window, workspace);
  prepare_window (window);
  gtk_window_present (GTK_WINDOW (window));
  trellis_test_wait_for_frame (GTK_WIDGET (window));
  trellis_window_set_page (window, "goals");
  page = TRELLIS_GOALS_PAGE (find_descendant (GTK_WIDGET (window), TRELLIS_TYPE_GOALS_PAGE));
  g_assert_nonnull (page);
  trellis_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (trellis_test_spin_until (goals_ready, page, 30000));

  /* The first company objective open, one of its department goals shown. */
  rows = G_LIST_MODEL (gtk_column_view_get_model (trellis_goals_page_get_column_view (page)));
  top = g_list_model_get_item (rows, 0);
  gtk_tree_list_row_set_expanded (top, TRUE);
  company_goal = gtk_tree_list_row_get_item (top);
  children = trellis_goal_tree_list_children (trellis_goals_page_get_tree (page), company_goal);
  if (g_list_model_get_n_items (children) > 0)
    {
      g_autoptr(TrellisGoal) child = g_list_model_get_item (children, 0);

      trellis_goals_page_show_goal (page, trellis_goal_get_id (child));
    }
  trellis_test_wait_for_frame (GTK_WIDGET (window));
  trellis_test_spin (300);
  trellis_test_wait_for_frame (GTK_WIDGET (window));

  save_window (GTK_WIDGET (window), path);

  gtk_window_destroy (GTK_WINDOW (window));
  trellis_test_spin (50);
  g_assert_finalize_object (window);
  g_assert_finalize_object (workspace);
}

static void
test_screenshot_welcome (void)
{
  TrellisWindow *window = g_object_ref (trellis_window_new (NULL));
  g_autofree char *path = shot_path ("welcome");

  prepare_window (window);
  gtk_window_present (GTK_WINDOW (window));
  trellis_test_wait_for_frame (GTK_WIDGET (window));
  trellis_test_wait_for_frame (GTK_WIDGET (window));

  save_window (GTK_WIDGET (window), path);

  gtk_window_destroy (GTK_WINDOW (window));
  trellis_test_spin (50);
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("TRELLIS_LOCALEDIR");
  int status;

  /* Not gtk_test_init(): it forces the en_US locale, and these pictures
   * are taken in the language of the environment. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, (localedir != NULL && localedir[0] != '\0') ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  /* Crossfades would otherwise be caught half-way. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  trellis_test_load_resources ();

  demo_path = trellis_test_create_demo (TRELLIS_DEMO_DEFAULT_EMPLOYEES, &demo_dir);

  g_test_add_func ("/ui/screenshots/organisation", test_screenshot_organisation);
  g_test_add_func ("/ui/screenshots/welcome", test_screenshot_welcome);
  goals_demo_path = create_goals_demo (&goals_demo_dir);
  g_test_add_func ("/ui/screenshots/goals", test_screenshot_goals);

  status = g_test_run ();

  trellis_test_remove_demo (demo_dir, demo_path);
  g_free (demo_dir);
  g_free (demo_path);
  trellis_test_remove_demo (goals_demo_dir, goals_demo_path);
  g_free (goals_demo_dir);
  g_free (goals_demo_path);

  return status;
}
