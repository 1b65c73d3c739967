/* trellis-template-settings-page.c
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

#define G_LOG_DOMAIN "trellis-template-settings-page"

#include "config.h"

#include <glib/gi18n.h>

#include "trellis-goal-util.h"
#include "trellis-library-entry-dialog.h"
#include "trellis-template-editor.h"
#include "trellis-template-settings-page.h"
#include "trellis-template-util.h"

struct _TrellisTemplateSettingsPage
{
  AdwPreferencesPage   parent_instance;

  TrellisWorkspace    *workspace;
  GPtrArray           *library;        /* TrellisLibraryKeyResult */
  GPtrArray           *templates;      /* TrellisGoalTemplate */
  GPtrArray           *template_rows;  /* what reload () added to templates_group */
  GPtrArray           *library_rows;   /* and to library_group */
  GHashTable          *expanded;       /* row key → whether the user left it open */

  AdwPreferencesGroup *templates_group;
  AdwPreferencesGroup *library_group;
};

G_DEFINE_FINAL_TYPE (TrellisTemplateSettingsPage, trellis_template_settings_page, ADW_TYPE_PREFERENCES_PAGE)

/* Library entries offered to the same cycle kind, level and department. */
typedef struct
{
  const char *department_id;
  const char *level;
  const char *cycle_kind;
  char       *department_label;  /* for sorting */
  GPtrArray  *entries;           /* borrowed TrellisLibraryKeyResult */
} Scope;

static void
scope_free (Scope *scope)
{
  g_free (scope->department_label);
  g_ptr_array_unref (scope->entries);
  g_free (scope);
}

/* Open scopes ("any") first, then years before quarters, levels, departments. */
static int
compare_scopes (gconstpointer a,
                gconstpointer b)
{
  const Scope *x = *(const Scope **)a;
  const Scope *y = *(const Scope **)b;
  int order;

  if ((order = trellis_template_cycle_kind_index (x->cycle_kind) -
               trellis_template_cycle_kind_index (y->cycle_kind)) != 0)
    return order;
  if ((order = g_strcmp0 (x->level, y->level)) != 0)
    return order;
  return g_strcmp0 (x->department_label, y->department_label);
}

static char *
scope_key (const char *department_id,
           const char *level,
           const char *cycle_kind)
{
  return g_strdup_printf ("scope:%s|%s|%s", department_id ? department_id : "", level ? level : "",
                          cycle_kind ? cycle_kind : "");
}

static GtkWindow *
get_window (TrellisTemplateSettingsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static const TrellisLibraryKeyResult *
find_library_entry (TrellisTemplateSettingsPage *self,
                    const char                  *library_id)
{
  for (guint i = 0; self->library != NULL && i < self->library->len; i++)
    {
      TrellisLibraryKeyResult *entry = g_ptr_array_index (self->library, i);

      if (g_strcmp0 (entry->id, library_id) == 0)
        return entry;
    }
  return NULL;
}

static const TrellisGoalTemplate *
find_template (TrellisTemplateSettingsPage *self,
               const char                  *template_id)
{
  for (guint i = 0; self->templates != NULL && i < self->templates->len; i++)
    {
      TrellisGoalTemplate *template_ = g_ptr_array_index (self->templates, i);

      if (g_strcmp0 (template_->id, template_id) == 0)
        return template_;
    }
  return NULL;
}

static GtkWidget *
action_button (const char *icon_name,
               const char *tooltip,
               const char *action_name,
               const char *id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  return button;
}

static GtkWidget *
placeholder_row (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

static void
on_expander_expanded_cb (AdwExpanderRow              *row,
                         GParamSpec                  *pspec,
                         TrellisTemplateSettingsPage *self)
{
  const char *key = g_object_get_data (G_OBJECT (row), "trellis-row-key");

  g_hash_table_insert (self->expanded, g_strdup (key), GINT_TO_POINTER (adw_expander_row_get_expanded (row)));
}

/* An expander that stays open or closed across reloads. */
static GtkWidget *
expander_row (TrellisTemplateSettingsPage *self,
              const char                  *key,
              gboolean                     expanded_by_default)
{
  GtkWidget *row = adw_expander_row_new ();
  gpointer expanded;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (g_hash_table_lookup_extended (self->expanded, key, NULL, &expanded))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), GPOINTER_TO_INT (expanded));
  else
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), expanded_by_default);
  g_object_set_data_full (G_OBJECT (row), "trellis-row-key", g_strdup (key), g_free);
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (on_expander_expanded_cb), self, 0);
  return row;
}

static GtkWidget *
template_row (TrellisTemplateSettingsPage *self,
              const TrellisGoalTemplate   *template_)
{
  TrellisOrganisation *organisation = trellis_workspace_get_organisation (self->workspace);
  g_autofree char *key = g_strconcat ("template:", template_->id, NULL);
  g_autofree char *scope = trellis_template_describe_scope (organisation, template_->department_id,
                                                            template_->level, template_->cycle_kind);
  g_autofree char *goal_subtitle = g_strdup_printf ("%s · %s", trellis_goal_kind_label (template_->kind),
                                                    trellis_goal_category_label (template_->category));
  GtkWidget *row = expander_row (self, key, FALSE);
  GtkWidget *goal_row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), template_->name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), scope);
  /* Each action goes in front of the last: Edit ends up first, as in the library. */
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                               action_button ("user-trash-symbolic", _("Delete Template"),
                                              "templates.delete-template", template_->id));
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                               action_button ("document-edit-symbolic", _("Edit Template"),
                                              "templates.edit-template", template_->id));

  /* The goal people get, then its key results with their weights. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (goal_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (goal_row), template_->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (goal_row), goal_subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (goal_row),
                             gtk_image_new_from_icon_name (trellis_goal_kind_icon_name (template_->kind)));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), goal_row);

  for (guint i = 0; i < template_->key_results->len; i++)
    {
      TrellisTemplateKeyResult *kr = g_ptr_array_index (template_->key_results, i);
      const TrellisLibraryKeyResult *entry = find_library_entry (self, kr->library_id);
      g_autofree char *weight = trellis_format_percent (kr->weight);
      GtkWidget *kr_row = adw_action_row_new ();
      GtkWidget *weight_label = gtk_label_new (weight);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (kr_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kr_row), entry != NULL ? entry->title : kr->library_id);
      if (entry != NULL)
        {
          g_autofree char *subtitle = trellis_library_entry_describe (entry);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (kr_row), subtitle);
        }
      gtk_widget_add_css_class (weight_label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (kr_row), weight_label);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), kr_row);
    }

  return row;
}

static GtkWidget *
library_entry_row (const TrellisLibraryKeyResult *entry)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *edit = action_button ("document-edit-symbolic", _("Edit Key Result"), "templates.edit-entry",
                                   entry->id);
  g_autofree char *subtitle = trellis_library_entry_describe (entry);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             action_button ("user-trash-symbolic", _("Delete Key Result"),
                                            "templates.delete-entry", entry->id));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), edit);
  return row;
}

static GPtrArray *
group_library_by_scope (TrellisTemplateSettingsPage *self)
{
  TrellisOrganisation *organisation = trellis_workspace_get_organisation (self->workspace);
  g_autoptr(GPtrArray) scopes = g_ptr_array_new_with_free_func ((GDestroyNotify)scope_free);

  for (guint i = 0; i < self->library->len; i++)
    {
      TrellisLibraryKeyResult *entry = g_ptr_array_index (self->library, i);
      Scope *scope = NULL;

      for (guint s = 0; s < scopes->len && scope == NULL; s++)
        {
          Scope *candidate = g_ptr_array_index (scopes, s);

          if (g_strcmp0 (candidate->department_id, entry->department_id) == 0 &&
              g_strcmp0 (candidate->level, entry->level) == 0 &&
              g_strcmp0 (candidate->cycle_kind, entry->cycle_kind) == 0)
            scope = candidate;
        }
      if (scope == NULL)
        {
          scope = g_new0 (Scope, 1);
          scope->department_id = entry->department_id;
          scope->level = entry->level;
          scope->cycle_kind = entry->cycle_kind;
          scope->department_label = trellis_template_describe_department (organisation, entry->department_id);
          scope->entries = g_ptr_array_new ();
          g_ptr_array_add (scopes, scope);
        }
      g_ptr_array_add (scope->entries, entry);
    }

  g_ptr_array_sort (scopes, compare_scopes);
  return g_steal_pointer (&scopes);
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
add_row (AdwPreferencesGroup *group,
         GPtrArray           *rows,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
}

static void
show_templates (TrellisTemplateSettingsPage *self)
{
  clear_rows (self->templates_group, self->template_rows);

  for (guint i = 0; i < self->templates->len; i++)
    add_row (self->templates_group, self->template_rows,
             template_row (self, g_ptr_array_index (self->templates, i)));

  if (self->templates->len == 0)
    add_row (self->templates_group, self->template_rows, placeholder_row (_("No templates yet")));
}

static void
show_library (TrellisTemplateSettingsPage *self)
{
  TrellisOrganisation *organisation = trellis_workspace_get_organisation (self->workspace);
  g_autoptr(GPtrArray) scopes = group_library_by_scope (self);

  clear_rows (self->library_group, self->library_rows);

  for (guint i = 0; i < scopes->len; i++)
    {
      Scope *scope = g_ptr_array_index (scopes, i);
      g_autofree char *key = scope_key (scope->department_id, scope->level, scope->cycle_kind);
      g_autofree char *title = trellis_template_describe_scope (organisation, scope->department_id, scope->level,
                                                                scope->cycle_kind);
      guint n_entries = scope->entries->len;
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%u key result", "%u key results", n_entries),
                                                   n_entries);
      GtkWidget *row = expander_row (self, key, TRUE);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      for (guint e = 0; e < scope->entries->len; e++)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                  library_entry_row (g_ptr_array_index (scope->entries, e)));
      add_row (self->library_group, self->library_rows, row);
    }

  if (self->library->len == 0)
    add_row (self->library_group, self->library_rows, placeholder_row (_("The library is empty")));
}

static void
on_saved_cb (TrellisTemplateSettingsPage *self)
{
  trellis_template_settings_page_reload (self);
}

static void
add_entry_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TrellisTemplateSettingsPage *self = TRELLIS_TEMPLATE_SETTINGS_PAGE (widget);
  TrellisLibraryEntryDialog *dialog = trellis_library_entry_dialog_new (get_window (self), self->workspace, NULL);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_entry_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TrellisTemplateSettingsPage *self = TRELLIS_TEMPLATE_SETTINGS_PAGE (widget);
  const TrellisLibraryKeyResult *entry = find_library_entry (self, g_variant_get_string (parameter, NULL));
  TrellisLibraryEntryDialog *dialog;

  if (entry == NULL)
    return;

  dialog = trellis_library_entry_dialog_new (get_window (self), self->workspace, entry);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_template_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TrellisTemplateSettingsPage *self = TRELLIS_TEMPLATE_SETTINGS_PAGE (widget);
  TrellisTemplateEditor *editor = trellis_template_editor_new (get_window (self), self->workspace, NULL);

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_template_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TrellisTemplateSettingsPage *self = TRELLIS_TEMPLATE_SETTINGS_PAGE (widget);
  const TrellisGoalTemplate *template_ = find_template (self, g_variant_get_string (parameter, NULL));
  TrellisTemplateEditor *editor;

  if (template_ == NULL)
    return;

  editor = trellis_template_editor_new (get_window (self), self->workspace, template_);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_delete_response_cb (AdwMessageDialog            *dialog,
                       const char                  *response,
                       TrellisTemplateSettingsPage *self)
{
  g_autoptr(GError) error = NULL;
  TrellisStore *store = trellis_workspace_get_store (self->workspace);
  const char *id = g_object_get_data (G_OBJECT (dialog), "trellis-id");
  gboolean is_template = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "trellis-is-template"));
  gboolean deleted;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  if (is_template)
    deleted = trellis_goal_template_delete (store, id, &error);
  else
    deleted = trellis_goal_template_delete_library_key_result (store, id, &error);

  if (!deleted)
    trellis_widget_show_error (GTK_WIDGET (self), _("Could Not Delete"), error->message);
  trellis_template_settings_page_reload (self);
}

static void
confirm_delete (TrellisTemplateSettingsPage *self,
                const char                  *id,
                const char                  *name,
                gboolean                     is_template)
{
  g_autofree char *heading = g_strdup_printf (_("Delete “%s”?"), name);
  GtkWidget *dialog = adw_message_dialog_new (get_window (self), heading,
                                              is_template
                                              ? _("Goals already assigned from the template stay as they are.")
                                              : _("Goals already drafted from it keep their key result."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "trellis-id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (dialog), "trellis-is-template", GINT_TO_POINTER (is_template));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_entry_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TrellisTemplateSettingsPage *self = TRELLIS_TEMPLATE_SETTINGS_PAGE (widget);
  const TrellisLibraryKeyResult *entry = find_library_entry (self, g_variant_get_string (parameter, NULL));

  if (entry != NULL)
    confirm_delete (self, entry->id, entry->title, FALSE);
}

static void
delete_template_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TrellisTemplateSettingsPage *self = TRELLIS_TEMPLATE_SETTINGS_PAGE (widget);
  const TrellisGoalTemplate *template_ = find_template (self, g_variant_get_string (parameter, NULL));

  if (template_ != NULL)
    confirm_delete (self, template_->id, template_->name, TRUE);
}

static void
trellis_template_settings_page_dispose (GObject *object)
{
  TrellisTemplateSettingsPage *self = TRELLIS_TEMPLATE_SETTINGS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TRELLIS_TYPE_TEMPLATE_SETTINGS_PAGE);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (trellis_template_settings_page_parent_class)->dispose (object);
}

static void
trellis_template_settings_page_finalize (GObject *object)
{
  TrellisTemplateSettingsPage *self = TRELLIS_TEMPLATE_SETTINGS_PAGE (object);

  g_clear_pointer (&self->library, g_ptr_array_unref);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_pointer (&self->template_rows, g_ptr_array_unref);
  g_clear_pointer (&self->library_rows, g_ptr_array_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);

  G_OBJECT_CLASS (trellis_template_settings_page_parent_class)->finalize (object);
}

static void
trellis_template_settings_page_class_init (TrellisTemplateSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trellis_template_settings_page_dispose;
  object_class->finalize = trellis_template_settings_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trellishr/Trellis/trellis-template-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateSettingsPage, templates_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateSettingsPage, library_group);

  gtk_widget_class_install_action (widget_class, "templates.new-template", NULL, new_template_action);
  gtk_widget_class_install_action (widget_class, "templates.edit-template", "s", edit_template_action);
  gtk_widget_class_install_action (widget_class, "templates.delete-template", "s", delete_template_action);
  gtk_widget_class_install_action (widget_class, "templates.add-entry", NULL, add_entry_action);
  gtk_widget_class_install_action (widget_class, "templates.edit-entry", "s", edit_entry_action);
  gtk_widget_class_install_action (widget_class, "templates.delete-entry", "s", delete_entry_action);
}

static void
trellis_template_settings_page_init (TrellisTemplateSettingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The rows belong to the groups; these only remember which to remove. */
  self->template_rows = g_ptr_array_new ();
  self->library_rows = g_ptr_array_new ();
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

GtkWidget *
trellis_template_settings_page_new (TrellisWorkspace *workspace)
{
  TrellisTemplateSettingsPage *self;

  g_return_val_if_fail (TRELLIS_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (TRELLIS_TYPE_TEMPLATE_SETTINGS_PAGE, NULL);
  self->workspace = g_object_ref (workspace);
  trellis_template_settings_page_reload (self);

  return GTK_WIDGET (self);
}

void
trellis_template_settings_page_reload (TrellisTemplateSettingsPage *self)
{
  g_autoptr(GError) error = NULL;
  TrellisStore *store;

  g_return_if_fail (TRELLIS_IS_TEMPLATE_SETTINGS_PAGE (self));

  if (self->workspace == NULL)
    return;
  store = trellis_workspace_get_store (self->workspace);

  g_clear_pointer (&self->library, g_ptr_array_unref);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  self->library = trellis_goal_template_list_library (store, NULL, NULL, NULL, &error);
  if (self->library != NULL)
    self->templates = trellis_goal_template_list (store, &error);

  if (error != NULL)
    {
      g_warning ("Could not read the templates and the key result library: %s", error->message);
      if (self->library == NULL)
        self->library = g_ptr_array_new ();
      if (self->templates == NULL)
        self->templates = g_ptr_array_new ();
    }

  show_templates (self);
  show_library (self);
}
