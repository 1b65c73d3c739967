/* trellis-window.c
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

#define G_LOG_DOMAIN "trellis-window"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "trellis-application.h"
#include "trellis-goals-page.h"
#include "trellis-progress-relay.h"
#include "trellis-recent.h"
#include "trellis-welcome-page.h"
#include "trellis-window.h"

typedef struct {
  const char *id;
  const char *icon_name;
  const char *title;
  const char *description;  /* NULL: the page has real content */
} PageInfo;

static const PageInfo pages[] = {
  { "organisation", "system-users-symbolic", N_("Organisation"), NULL },
  { "goals", "emoji-flags-symbolic", N_("Goals"), NULL },
  { "rhythm", "x-office-calendar-symbolic", N_("Weekly Rhythm"),
    N_("Each week’s key actions will be planned here, checked at mid-week and reviewed at the end, with evidence attached and adjustments carried into the next week.") },
  { "feedback", "chat-message-new-symbolic", N_("Feedback"),
    N_("Quick feedback cards, kudos, 360° input and one-to-one notes will be gathered here, with a weekly digest of the themes people hear.") },
  { "calibration", "view-grid-symbolic", N_("Calibration"),
    N_("The committee will see process data, growth over past cycles and peer comparisons side by side here, with blind scoring and dispersion alerts.") },
  { "development", "emoji-nature-symbolic", N_("Development"),
    N_("Individual development plans, competency profiles and learning suggestions will help each person grow here.") },
  { "dashboard", "power-profile-performance-symbolic", N_("Dashboard"),
    N_("Goal completion, alignment, rating distribution and the health of the whole performance process will be summarised here.") },
};

/* One open or generate operation; stale ones (cancelled or superseded)
 * are recognised by their cancellable no longer being the window's. */
typedef struct {
  TrellisWindow *window;
  GCancellable  *cancellable;
  TrellisProgressRelay *progress;
  char          *path;
  gboolean       is_demo;
} Operation;

struct _TrellisWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  TrellisClock         *clock;
  TrellisWorkspace     *workspace;
  GCancellable         *cancellable;
  TrellisProgressRelay *progress;
  char                 *page;
  guint                 pulse_id;
  gboolean              syncing_sidebar;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *view_stack;
  AdwStatusPage        *loading_status;
  GtkProgressBar       *progress_bar;
  GtkLabel             *progress_label;
  AdwLeaflet           *leaflet;
  GtkWidget            *content_box;
  GtkListBox           *sidebar_list;
  AdwWindowTitle       *workspace_title;
  GtkStack             *page_stack;
  TrellisOrganisationPage *organisation_page;
  TrellisGoalsPage     *goals_page;
  TrellisWelcomePage   *welcome_page;
};

G_DEFINE_FINAL_TYPE (TrellisWindow, trellis_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_PAGE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const PageInfo *
find_page (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_strcmp0 (pages[i].id, id) == 0)
      return &pages[i];

  return NULL;
}

static void
operation_free (Operation *op)
{
  g_clear_object (&op->window);
  g_clear_object (&op->cancellable);
  g_clear_pointer (&op->progress, trellis_progress_relay_unref);
  g_free (op->path);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Operation, operation_free)

/* "/home/ana/hr/acme.trellis" → "~/hr/acme.trellis" */
static char *
describe_path (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize home_len = strlen (home);

  if (path == NULL)
    return NULL;

  if (home_len > 1 && g_str_has_prefix (path, home) && path[home_len] == G_DIR_SEPARATOR)
    return g_strconcat ("~", path + home_len, NULL);

  return g_strdup (path);
}

static void
show_error (TrellisWindow *self,
            const char    *heading,
            const char    *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_actions (TrellisWindow *self)
{
  gboolean has_workspace = self->workspace != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_workspace);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.page", has_workspace);
}

static void
set_view (TrellisWindow *self,
          const char    *view)
{
  gtk_stack_set_visible_child_name (self->view_stack, view);
}

static void
stop_pulse (TrellisWindow *self)
{
  g_clear_handle_id (&self->pulse_id, g_source_remove);
}

static gboolean
pulse_cb (gpointer user_data)
{
  TrellisWindow *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

/* Ends whatever operation is running without touching the view. */
static void
abandon_operation (TrellisWindow *self)
{
  gboolean was_busy = self->cancellable != NULL;

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  g_clear_pointer (&self->progress, trellis_progress_relay_close);
  stop_pulse (self);

  if (was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_current (TrellisWindow *self)
{
  set_view (self, self->workspace != NULL ? "workspace" : "welcome");
}

static Operation *
begin_operation (TrellisWindow *self,
                 const char    *title,
                 const char    *description,
                 const char    *path,
                 gboolean       is_demo)
{
  Operation *op = g_new0 (Operation, 1);

  abandon_operation (self);

  self->cancellable = g_cancellable_new ();
  op->window = g_object_ref (self);
  op->cancellable = g_object_ref (self->cancellable);
  op->path = g_strdup (path);
  op->is_demo = is_demo;

  adw_status_page_set_title (self->loading_status, title);
  adw_status_page_set_description (self->loading_status, description);
  gtk_label_set_text (self->progress_label, "");
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);

  if (is_demo)
    {
      self->progress = trellis_progress_relay_new (self->progress_bar, self->progress_label);
      op->progress = trellis_progress_relay_ref (self->progress);
    }
  else
    /* Opening reports no progress; a pulsing bar shows it is alive. */
    self->pulse_id = g_timeout_add (100, pulse_cb, self);

  set_view (self, "loading");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  return op;
}

/* TRUE when @op is still the window's current operation. */
static gboolean
operation_is_current (Operation *op)
{
  return op->cancellable == op->window->cancellable &&
         !g_cancellable_is_cancelled (op->cancellable);
}

static void
finish_operation (Operation        *op,
                  TrellisWorkspace *workspace,
                  GError           *error)
{
  TrellisWindow *self = op->window;

  if (!operation_is_current (op))
    return;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress, trellis_progress_relay_close);
  stop_pulse (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  if (workspace == NULL)
    {
      g_autofree char *base = g_path_get_basename (op->path);
      g_autofree char *heading = NULL;

      if (op->is_demo)
        heading = g_strdup (_("Could Not Create the Demo Organisation"));
      else
        heading = g_strdup_printf (_("Could Not Open “%s”"), base);

      show_current (self);
      show_error (self, heading, error != NULL ? error->message : _("An unknown error occurred."));
      return;
    }

  if (!op->is_demo)
    {
      g_autoptr(GFile) file = g_file_new_for_path (trellis_workspace_get_path (workspace));

      trellis_recent_add (self->settings, file);
    }

  trellis_window_set_workspace (self, workspace);

  if (op->is_demo)
    {
      TrellisOrganisation *organisation = trellis_workspace_get_organisation (workspace);
      guint n = trellis_organisation_get_n_employees (organisation);
      g_autofree char *text = g_strdup_printf (ngettext ("The demo organisation has %'u person. Its names and numbers are made up.",
                                                         "The demo organisation has %'u people. Their names and numbers are made up.", n),
                                               n);
      AdwToast *toast = adw_toast_new (text);

      adw_toast_set_timeout (toast, 5);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

static void
on_workspace_opened_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(Operation) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisWorkspace) workspace = trellis_workspace_open_finish (result, &error);

  finish_operation (op, workspace, error);
}

static void
on_demo_created_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Operation) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisWorkspace) workspace = trellis_workspace_create_demo_finish (result, &error);

  finish_operation (op, workspace, error);
}

static void
on_cancel_clicked_cb (TrellisWindow *self,
                      GtkButton     *button)
{
  trellis_window_cancel (self);
}

static TrellisWindow *
find_window_with_path (TrellisWindow *self,
                       const char    *path)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app == NULL)
    return NULL;

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    {
      TrellisWindow *window;

      if (!TRELLIS_IS_WINDOW (l->data))
        continue;
      window = l->data;
      if (window->workspace != NULL &&
          g_strcmp0 (trellis_workspace_get_path (window->workspace), path) == 0)
        return window;
    }

  return NULL;
}

static void
start_open (TrellisWindow *self,
            const char    *path)
{
  g_autofree char *base = g_path_get_basename (path);
  TrellisWindow *other = find_window_with_path (self, path);
  Operation *op;

  if (other != NULL)
    {
      gtk_window_present (GTK_WINDOW (other));
      return;
    }

  op = begin_operation (self, _("Opening Workspace"), base, path, FALSE);
  trellis_workspace_open_async (path, self->clock, op->cancellable, on_workspace_opened_cb, op);
}

static void
on_open_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  TrellisWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      trellis_window_open_file (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static GtkFileFilter *
create_workspace_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Trellis Workspaces"));
  gtk_file_filter_add_pattern (filter, "*.trellis");
  gtk_file_filter_add_mime_type (filter, "application/x-trellis-workspace");

  return filter;
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TrellisWindow *self = TRELLIS_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = create_workspace_filter ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open Workspace"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
remove_workspace_file (const char  *path,
                       GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (name);
      g_autoptr(GError) local_error = NULL;

      if (!g_file_delete (file, NULL, &local_error) &&
          !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  return TRUE;
}

static void
on_new_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  TrellisWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *chosen = file != NULL ? g_file_get_path (file) : NULL;
      g_autofree char *path = NULL;
      g_autofree char *base = NULL;
      g_autoptr(GError) error = NULL;
      Operation *op;

      if (chosen == NULL)
        {
          show_error (self, _("Could Not Create the Workspace"),
                      _("Workspaces can only be created in local folders."));
          goto out;
        }

      if (g_str_has_suffix (chosen, ".trellis"))
        path = g_steal_pointer (&chosen);
      else
        {
          path = g_strconcat (chosen, ".trellis", NULL);
          /* The chooser only confirmed replacing the name it was given. */
          if (g_file_test (path, G_FILE_TEST_EXISTS))
            {
              g_autofree char *message = g_strdup_printf (_("A file named “%s” already exists."), path);

              show_error (self, _("Could Not Create the Workspace"), message);
              goto out;
            }
        }

      if (find_window_with_path (self, path) != NULL ||
          (self->workspace != NULL && g_strcmp0 (trellis_workspace_get_path (self->workspace), path) == 0))
        {
          show_error (self, _("Could Not Create the Workspace"),
                      _("That workspace is open. Close it before replacing it with a new one."));
          goto out;
        }

      /* The user confirmed replacing the file in the chooser. */
      if (!remove_workspace_file (path, &error))
        {
          show_error (self, _("Could Not Create the Workspace"), error->message);
          goto out;
        }

      base = g_path_get_basename (path);
      op = begin_operation (self, _("Creating Workspace"), base, path, FALSE);
      trellis_workspace_open_async (path, self->clock, op->cancellable, on_workspace_opened_cb, op);
    }

out:
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
new_workspace_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TrellisWindow *self = TRELLIS_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = create_workspace_filter ();
  GtkFileChooserNative *chooser;
  /* Translators: the file name suggested for a new workspace; keep .trellis */
  const char *suggested = _("Organisation.trellis");

  chooser = gtk_file_chooser_native_new (_("Create Workspace"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("C_reate"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  g_signal_connect (chooser, "response", G_CALLBACK (on_new_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  trellis_window_open_demo (TRELLIS_WINDOW (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TrellisWindow *self = TRELLIS_WINDOW (widget);

  if (self->workspace == NULL)
    return;

  /* Search where the person is: goals on the Goals page, people elsewhere. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->page_stack), "goals") == 0)
    {
      trellis_goals_page_focus_search (self->goals_page);
      return;
    }

  trellis_window_set_page (self, "organisation");
  trellis_organisation_page_focus_search (self->organisation_page);
}

static void
on_welcome_open_recent_cb (TrellisWindow      *self,
                           GFile              *file,
                           TrellisWelcomePage *page)
{
  trellis_window_open_file (self, file);
}

static void
on_sidebar_row_selected_cb (TrellisWindow *self,
                            GtkListBoxRow *row,
                            GtkListBox    *list)
{
  const char *id;

  if (row == NULL || self->syncing_sidebar)
    return;

  id = g_object_get_data (G_OBJECT (row), "page");
  trellis_window_set_page (self, id);
}

static void
on_sidebar_row_activated_cb (TrellisWindow *self,
                             GtkListBoxRow *row,
                             GtkListBox    *list)
{
  /* On a narrow window the sidebar fills it; choosing a page shows it. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_clicked_cb (TrellisWindow *self,
                    GtkButton     *button)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
build_pages (TrellisWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *icon = gtk_image_new_from_icon_name (pages[i].icon_name);
      GtkWidget *label = gtk_label_new (_(pages[i].title));

      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data (G_OBJECT (row), "page", (gpointer) pages[i].id);
      gtk_list_box_append (self->sidebar_list, row);

      if (g_strcmp0 (pages[i].id, "goals") == 0)
        {
          self->goals_page = TRELLIS_GOALS_PAGE (trellis_goals_page_new ());
          gtk_stack_add_named (self->page_stack, GTK_WIDGET (self->goals_page), pages[i].id);
        }
      else if (pages[i].description != NULL)
        {
          GtkWidget *status = adw_status_page_new ();

          adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), pages[i].icon_name);
          adw_status_page_set_title (ADW_STATUS_PAGE (status), _(pages[i].title));
          adw_status_page_set_description (ADW_STATUS_PAGE (status), _(pages[i].description));
          gtk_stack_add_named (self->page_stack, status, pages[i].id);
        }
    }
}

static void
save_window_state (TrellisWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static gboolean
trellis_window_close_request (GtkWindow *window)
{
  TrellisWindow *self = TRELLIS_WINDOW (window);

  save_window_state (self);
  abandon_operation (self);

  return GTK_WINDOW_CLASS (trellis_window_parent_class)->close_request (window);
}

static void
trellis_window_constructed (GObject *object)
{
  TrellisWindow *self = TRELLIS_WINDOW (object);
  GtkApplication *app;

  G_OBJECT_CLASS (trellis_window_parent_class)->constructed (object);

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (TRELLIS_IS_APPLICATION (app))
    self->clock = g_object_ref (trellis_application_get_clock (TRELLIS_APPLICATION (app)));
  else
    self->clock = trellis_clock_new ();
}

static void
trellis_window_dispose (GObject *object)
{
  TrellisWindow *self = TRELLIS_WINDOW (object);

  abandon_operation (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRELLIS_TYPE_WINDOW);
  g_clear_object (&self->workspace);
  g_clear_object (&self->clock);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (trellis_window_parent_class)->dispose (object);
}

static void
trellis_window_finalize (GObject *object)
{
  TrellisWindow *self = TRELLIS_WINDOW (object);

  g_free (self->page);

  G_OBJECT_CLASS (trellis_window_parent_class)->finalize (object);
}

static void
trellis_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TrellisWindow *self = TRELLIS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_PAGE:
      g_value_set_string (value, self->page);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, trellis_window_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TrellisWindow *self = TRELLIS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      trellis_window_set_workspace (self, g_value_get_object (value));
      break;
    case PROP_PAGE:
      trellis_window_set_page (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_window_class_init (TrellisWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = trellis_window_constructed;
  object_class->dispose = trellis_window_dispose;
  object_class->finalize = trellis_window_finalize;
  object_class->get_property = trellis_window_get_property;
  object_class->set_property = trellis_window_set_property;
  window_class->close_request = trellis_window_close_request;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL,
                         TRELLIS_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL,
                         "organisation",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TRELLIS_TYPE_ORGANISATION_PAGE);
  g_type_ensure (TRELLIS_TYPE_WELCOME_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trellishr/Trellis/trellis-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TrellisWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TrellisWindow, loading_status);
  gtk_widget_class_bind_template_child (widget_class, TrellisWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TrellisWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TrellisWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, TrellisWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, TrellisWindow, workspace_title);
  gtk_widget_class_bind_template_child (widget_class, TrellisWindow, page_stack);
  gtk_widget_class_bind_template_child (widget_class, TrellisWindow, organisation_page);
  gtk_widget_class_bind_template_child (widget_class, TrellisWindow, welcome_page);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_welcome_open_recent_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.new-workspace", NULL, new_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_property_action (widget_class, "win.page", "page");
}

static void
trellis_window_init (TrellisWindow *self)
{
  g_autofree char *last_page = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  build_pages (self);

  last_page = g_settings_get_string (self->settings, "last-page");
  if (find_page (last_page) == NULL)
    {
      g_free (last_page);
      last_page = g_strdup ("organisation");
    }
  trellis_window_set_page (self, last_page);

  update_actions (self);
  set_view (self, "welcome");
}

TrellisWindow *
trellis_window_new (GtkApplication *application)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (TRELLIS_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

TrellisWorkspace *
trellis_window_get_workspace (TrellisWindow *self)
{
  g_return_val_if_fail (TRELLIS_IS_WINDOW (self), NULL);

  return self->workspace;
}

void
trellis_window_set_workspace (TrellisWindow    *self,
                              TrellisWorkspace *workspace)
{
  g_return_if_fail (TRELLIS_IS_WINDOW (self));
  g_return_if_fail (workspace == NULL || TRELLIS_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    {
      show_current (self);
      return;
    }

  g_set_object (&self->workspace, workspace);

  if (workspace != NULL)
    {
      g_autofree char *title = trellis_workspace_dup_title (workspace);
      g_autofree char *path = describe_path (trellis_workspace_get_path (workspace));
      g_autofree char *window_title = NULL;

      /* Translators: the window title; %s is the workspace's name */
      window_title = g_strdup_printf (_("%s — Trellis"), title);
      gtk_window_set_title (GTK_WINDOW (self), window_title);
      adw_window_title_set_title (self->workspace_title, title);
      adw_window_title_set_subtitle (self->workspace_title, path);
      trellis_organisation_page_set_organisation (self->organisation_page,
                                                  trellis_workspace_get_organisation (workspace));
      /* On a narrow window, the workspace rather than the list of areas. */
      adw_leaflet_set_visible_child (self->leaflet, self->content_box);
      trellis_goals_page_set_workspace (self->goals_page, workspace);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Trellis"));
      adw_window_title_set_title (self->workspace_title, "");
      adw_window_title_set_subtitle (self->workspace_title, "");
      trellis_organisation_page_set_organisation (self->organisation_page, NULL);
      trellis_goals_page_set_workspace (self->goals_page, NULL);
    }

  update_actions (self);
  if (self->cancellable == NULL)
    show_current (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

void
trellis_window_open_file (TrellisWindow *self,
                          GFile         *file)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (TRELLIS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  name = g_file_get_parse_name (file);

  if (path == NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      show_error (self, heading, _("Only workspaces in local folders can be opened."));
      return;
    }

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), base);
      g_autofree char *body = g_strdup_printf (_("The file “%s” does not exist. It may have been moved or deleted."), name);

      show_error (self, heading, body);
      return;
    }

  if (self->workspace != NULL && g_strcmp0 (trellis_workspace_get_path (self->workspace), path) == 0)
    {
      abandon_operation (self);
      show_current (self);
      return;
    }

  start_open (self, path);
}

void
trellis_window_open_demo (TrellisWindow *self)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GtkApplication *app;
  Operation *op;
  guint n_employees;

  g_return_if_fail (TRELLIS_IS_WINDOW (self));

  dir = g_build_filename (g_get_user_cache_dir (), "trellis", NULL);
  path = g_build_filename (dir, "demo.trellis", NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *body = g_strdup_printf (_("The folder “%s” could not be created: %s."),
                                               dir, g_strerror (saved_errno));

      show_error (self, _("Could Not Create the Demo Organisation"), body);
      return;
    }

  /* The file is about to be replaced: nobody may keep the old one open. */
  app = gtk_window_get_application (GTK_WINDOW (self));
  if (app != NULL)
    {
      for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
        {
          TrellisWindow *window = l->data;

          if (window != self && TRELLIS_IS_WINDOW (window) && window->workspace != NULL &&
              g_strcmp0 (trellis_workspace_get_path (window->workspace), path) == 0)
            trellis_window_set_workspace (window, NULL);
        }
    }
  if (self->workspace != NULL && g_strcmp0 (trellis_workspace_get_path (self->workspace), path) == 0)
    trellis_window_set_workspace (self, NULL);

  n_employees = g_settings_get_uint (self->settings, "demo-employees");
  op = begin_operation (self, _("Generating the Demo Organisation"),
                        _("A fictional medical-device distributor with a head office and 17 sales and service regions."),
                        path, TRUE);
  trellis_workspace_create_demo_async (path, n_employees, TRELLIS_DEMO_DEFAULT_SEED, self->clock,
                                       trellis_progress_relay_report, op->progress,
                                       op->cancellable, on_demo_created_cb, op);
}

gboolean
trellis_window_get_busy (TrellisWindow *self)
{
  g_return_val_if_fail (TRELLIS_IS_WINDOW (self), FALSE);

  return self->cancellable != NULL;
}

void
trellis_window_cancel (TrellisWindow *self)
{
  g_return_if_fail (TRELLIS_IS_WINDOW (self));

  abandon_operation (self);
  show_current (self);
}

const char *
trellis_window_get_page (TrellisWindow *self)
{
  g_return_val_if_fail (TRELLIS_IS_WINDOW (self), NULL);

  return self->page;
}

void
trellis_window_set_page (TrellisWindow *self,
                         const char    *page)
{
  const PageInfo *info;

  g_return_if_fail (TRELLIS_IS_WINDOW (self));

  info = find_page (page);
  if (info == NULL)
    {
      g_warning ("Unknown page “%s”", page);
      return;
    }

  if (g_strcmp0 (self->page, page) == 0)
    return;

  g_free (self->page);
  self->page = g_strdup (info->id);
  gtk_stack_set_visible_child_name (self->page_stack, info->id);

  self->syncing_sidebar = TRUE;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (g_object_get_data (G_OBJECT (row), "page"), info->id) == 0)
        {
          gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
          break;
        }
    }
  self->syncing_sidebar = FALSE;

  g_settings_set_string (self->settings, "last-page", info->id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

const char *
trellis_window_get_view (TrellisWindow *self)
{
  g_return_val_if_fail (TRELLIS_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->view_stack);
}

TrellisOrganisationPage *
trellis_window_get_organisation_page (TrellisWindow *self)
{
  g_return_val_if_fail (TRELLIS_IS_WINDOW (self), NULL);

  return self->organisation_page;
}
