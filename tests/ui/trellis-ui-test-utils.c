/* trellis-ui-test-utils.c
 *
 * Copyright 2026 The Trellis authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "trellis-ui-test-utils.h"

void
trellis_test_load_resources (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, "/io/github/trellishr/Trellis/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display),
                                    "/io/github/trellishr/Trellis/icons");
}

char *
trellis_test_create_demo (guint   n_employees,
                          char  **out_dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = NULL;
  g_autofree char *dir = g_dir_make_tmp ("trellis-ui-test-XXXXXX", &error);
  g_autofree char *path = NULL;
  TrellisDemoOptions options;

  g_assert_no_error (error);
  path = g_build_filename (dir, "demo.trellis", NULL);

  store = trellis_store_open (path, &error);
  g_assert_no_error (error);
  trellis_demo_options_init (&options, 2026);
  options.n_employees = n_employees;
  options.seed = TRELLIS_DEMO_DEFAULT_SEED;
  g_assert_true (trellis_demo_generate (store, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  trellis_store_close (store);

  *out_dir = g_steal_pointer (&dir);
  return g_steal_pointer (&path);
}

void
trellis_test_remove_demo (const char *dir,
                          const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
  g_rmdir (dir);
}

TrellisWorkspace *
trellis_test_open_workspace (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 5, 18, 9, 0, 0);
  g_autoptr(TrellisClock) clock = trellis_clock_new_fixed (now);
  TrellisWorkspace *workspace = trellis_workspace_open (path, clock, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (workspace);
  return workspace;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
is_realized (gpointer data)
{
  return gtk_widget_get_realized (data);
}

void
trellis_test_wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong handler;

  /* Realise first: a widget has no frame clock before that. */
  if (!gtk_widget_get_realized (widget))
    g_assert_true (trellis_test_spin_until (is_realized, widget, 30000));

  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  g_assert_true (trellis_test_spin_until (is_true, &painted, 30000));
  g_signal_handler_disconnect (clock, handler);
}

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
trellis_test_spin_until (gboolean (*condition) (gpointer data),
                         gpointer   data,
                         guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return condition (data);
}

void
trellis_test_spin (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, on_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}
