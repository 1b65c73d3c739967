/* test-goal-settings.c
 *
 * Copyright 2026 The Trellis authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "trellis-core.h"
#include "trellis-preferences-window.h"
#include "trellis-ui-test-utils.h"

static char *demo_dir;
static char *demo_path;

static GtkSpinButton *
find_spin (GtkWidget *root,
           int        index)
{
  int seen = 0;

  /* The spin buttons in page order: the General page's demo size, then
   * behind, at risk, lagging, abnormal and the limit. */
  for (GtkWidget *w = root; w != NULL; )
    {
      if (GTK_IS_SPIN_BUTTON (w) && seen++ == index)
        return GTK_SPIN_BUTTON (w);

      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != root && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = (w == NULL || w == root) ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  return NULL;
}

static void
test_goal_settings (void)
{
  g_autoptr(TrellisWorkspace) workspace = trellis_test_open_workspace (demo_path);
  TrellisStore *store = trellis_workspace_get_store (workspace);
  GtkWidget *window = trellis_preferences_window_new (NULL);
  TrellisOkrThresholds thresholds;
  GtkWidget *page;

  trellis_preferences_window_set_workspace (TRELLIS_PREFERENCES_WINDOW (window), workspace);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), NULL);
  gtk_window_present (GTK_WINDOW (window));
  trellis_test_wait_for_frame (window);

  page = GTK_WIDGET (find_spin (window, 1));
  g_assert_nonnull (page);
  /* The defaults from CONVENTIONS.md, as the workspace holds them. */
  g_assert_cmpfloat (gtk_spin_button_get_value (find_spin (window, 1)), ==, 16.5);
  g_assert_cmpfloat (gtk_spin_button_get_value (find_spin (window, 2)), ==, 33.0);
  g_assert_cmpfloat (gtk_spin_button_get_value (find_spin (window, 3)), ==, 7.0);
  g_assert_cmpfloat (gtk_spin_button_get_value (find_spin (window, 4)), ==, 30.0);
  g_assert_cmpfloat (gtk_spin_button_get_value (find_spin (window, 5)), ==, 10.0);

  /* A change is saved to the workspace at once. */
  gtk_spin_button_set_value (find_spin (window, 1), 20.0);
  gtk_spin_button_set_value (find_spin (window, 3), 14.0);
  gtk_spin_button_set_value (find_spin (window, 5), 15.0);
  trellis_goal_repository_load_thresholds (store, &thresholds);
  g_assert_cmpfloat (thresholds.behind_gap, ==, 20.0);
  g_assert_cmpint (thresholds.lagging_days, ==, 14);
  g_assert_cmpfloat_with_epsilon (trellis_goal_repository_get_max_adjustment (store, "2026-Q3"), 0.15, 1e-9);

  /* At risk below behind is refused and the page shows the saved values. */
  gtk_spin_button_set_value (find_spin (window, 2), 10.0);
  trellis_goal_repository_load_thresholds (store, &thresholds);
  g_assert_cmpfloat (thresholds.at_risk_gap, ==, 33.0);
  g_assert_cmpfloat (gtk_spin_button_get_value (find_spin (window, 2)), ==, 33.0);

  /* The wheel over an unfocused spin button scrolls the page, not the
   * value: the guard claims the scroll in the capture phase. */
  {
    GtkSpinButton *spin = find_spin (window, 3);
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (spin));
    gboolean handled = FALSE;
    guint n_guards = 0;

    gtk_widget_grab_focus (GTK_WIDGET (find_spin (window, 1)));
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (!GTK_IS_EVENT_CONTROLLER_SCROLL (controller) ||
            gtk_event_controller_get_propagation_phase (controller) != GTK_PHASE_CAPTURE)
          continue;
        n_guards++;
        g_signal_emit_by_name (controller, "scroll", 0.0, 1.0, &handled);
        g_assert_true (handled);
      }
    g_assert_cmpuint (n_guards, ==, 1);
    g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 14.0);

    /* Focused, the wheel is the spin button's again. */
    gtk_widget_grab_focus (GTK_WIDGET (spin));
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller) &&
            gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
          {
            g_signal_emit_by_name (controller, "scroll", 0.0, 1.0, &handled);
            g_assert_false (handled);
          }
      }
  }

  gtk_window_destroy (GTK_WINDOW (window));
  trellis_test_spin (50);
  g_assert_finalize_object (g_steal_pointer (&workspace));
}

int
main (int   argc,
      char *argv[])
{
  int result;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  trellis_test_load_resources ();
  demo_path = trellis_test_create_demo (300, &demo_dir);

  g_test_add_func ("/ui/preferences/goal-settings", test_goal_settings);
  result = g_test_run ();

  trellis_test_remove_demo (demo_dir, demo_path);
  g_free (demo_dir);
  g_free (demo_path);
  return result;
}
