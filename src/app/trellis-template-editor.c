/* trellis-template-editor.c
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

#define G_LOG_DOMAIN "trellis-template-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "trellis-goal-util.h"
#include "trellis-template-editor.h"
#include "trellis-template-util.h"

/* One key result of the template: a library entry and its weight. */
typedef struct
{
  TrellisTemplateEditor *editor;
  char                  *library_id;
  GtkWidget             *row;
  GtkSpinButton         *weight;
} ChosenKeyResult;

struct _TrellisTemplateEditor
{
  AdwWindow         parent_instance;

  TrellisWorkspace *workspace;
  char             *template_id;     /* NULL while the template is new */
  GPtrArray        *department_ids;  /* in step with department_row; NULL first */
  GPtrArray        *library;         /* every TrellisLibraryKeyResult, to name the chosen */
  GPtrArray        *offered;         /* the TrellisLibraryKeyResult that fit, in library_list */
  GPtrArray        *chosen;          /* ChosenKeyResult, in kr_list order */

  AdwWindowTitle   *window_title;
  AdwEntryRow      *name_row;
  AdwComboRow      *cycle_kind_row;
  AdwEntryRow      *level_row;
  AdwComboRow      *department_row;
  AdwEntryRow      *title_row;
  AdwComboRow      *kind_row;
  AdwComboRow      *category_row;
  GtkMenuButton    *library_button;
  GtkPopover       *library_popover;
  GtkListBox       *library_list;
  GtkListBox       *kr_list;
  GtkLabel         *weights_label;
  GtkLabel         *error_label;
};

G_DEFINE_FINAL_TYPE (TrellisTemplateEditor, trellis_template_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
chosen_key_result_free (ChosenKeyResult *chosen)
{
  g_free (chosen->library_id);
  g_free (chosen);
}

static double
chosen_weight (ChosenKeyResult *chosen)
{
  gtk_spin_button_update (chosen->weight);
  return gtk_spin_button_get_value (chosen->weight) / 100.0;
}

static const TrellisLibraryKeyResult *
find_library_entry (TrellisTemplateEditor *self,
                    const char            *library_id)
{
  for (guint i = 0; self->library != NULL && i < self->library->len; i++)
    {
      TrellisLibraryKeyResult *entry = g_ptr_array_index (self->library, i);

      if (g_strcmp0 (entry->id, library_id) == 0)
        return entry;
    }
  return NULL;
}

static char *
dup_stripped_text (AdwEntryRow *row)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static const char *
get_department_id (TrellisTemplateEditor *self)
{
  guint index = adw_combo_row_get_selected (self->department_row);

  return index < self->department_ids->len ? g_ptr_array_index (self->department_ids, index) : NULL;
}

static const char *
get_cycle_kind (TrellisTemplateEditor *self)
{
  return trellis_template_cycle_kind_at (adw_combo_row_get_selected (self->cycle_kind_row));
}

/* Shows the sum as it stands; Save leaves the verdict to the store. */
static void
update_weights (TrellisTemplateEditor *self)
{
  g_autofree double *weights = g_new0 (double, MAX (self->chosen->len, 1));
  g_autofree char *text = NULL;
  double sum = 0.0;
  gboolean sums;

  for (guint i = 0; i < self->chosen->len; i++)
    weights[i] = chosen_weight (g_ptr_array_index (self->chosen, i));
  sums = trellis_okr_weights_sum_to_one (weights, self->chosen->len, &sum);

  if (self->chosen->len == 0)
    text = g_strdup (_("No key results yet."));
  else
    {
      g_autofree char *percent = trellis_format_percent (sum);

      text = sums ? g_strdup_printf (_("Weights add up to %s."), percent)
                  : g_strdup_printf (_("Weights add up to %s, not 100 %%."), percent);
    }
  gtk_label_set_text (self->weights_label, text);
  if (sums && self->chosen->len > 0)
    gtk_widget_remove_css_class (GTK_WIDGET (self->weights_label), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->weights_label), "error");
}

static gboolean
is_chosen (TrellisTemplateEditor *self,
           const char            *library_id)
{
  for (guint i = 0; i < self->chosen->len; i++)
    if (g_strcmp0 (((ChosenKeyResult *)g_ptr_array_index (self->chosen, i))->library_id, library_id) == 0)
      return TRUE;
  return FALSE;
}

/* A key result is in a template once: the library greys out those taken. */
static void
update_offered (TrellisTemplateEditor *self)
{
  for (guint i = 0; self->offered != NULL && i < self->offered->len; i++)
    {
      TrellisLibraryKeyResult *entry = g_ptr_array_index (self->offered, i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->library_list, (int)i);

      if (row != NULL)
        gtk_widget_set_sensitive (GTK_WIDGET (row), !is_chosen (self, entry->id));
    }
}

static void
on_remove_clicked_cb (GtkButton       *button,
                      ChosenKeyResult *chosen)
{
  TrellisTemplateEditor *self = chosen->editor;

  gtk_list_box_remove (self->kr_list, chosen->row);
  g_ptr_array_remove (self->chosen, chosen);
  update_offered (self);
  update_weights (self);
}

static void
add_chosen (TrellisTemplateEditor *self,
            const char            *library_id,
            double                 weight)
{
  const TrellisLibraryKeyResult *entry = find_library_entry (self, library_id);
  ChosenKeyResult *chosen = g_new0 (ChosenKeyResult, 1);
  GtkWidget *spin = gtk_spin_button_new_with_range (0.0, 100.0, 5.0);
  GtkWidget *percent = gtk_label_new ("%");
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

  chosen->editor = self;
  chosen->library_id = g_strdup (library_id);
  chosen->row = adw_action_row_new ();
  chosen->weight = GTK_SPIN_BUTTON (spin);
  trellis_spin_button_ignore_scroll (chosen->weight);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (chosen->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (chosen->row),
                                 entry != NULL ? entry->title : library_id);
  if (entry != NULL)
    {
      g_autofree char *subtitle = trellis_library_entry_describe (entry);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (chosen->row), subtitle);
    }

  gtk_spin_button_set_digits (chosen->weight, 1);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 5);
  gtk_spin_button_set_value (chosen->weight, weight * 100.0);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (spin, "numeric");
  /* xgettext:no-c-format */
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Weight %"), -1);
  trellis_spin_button_activates_default (chosen->weight);
  gtk_widget_add_css_class (percent, "dim-label");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Key Result"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove key result"), -1);

  adw_action_row_add_suffix (ADW_ACTION_ROW (chosen->row), spin);
  adw_action_row_add_suffix (ADW_ACTION_ROW (chosen->row), percent);
  adw_action_row_add_suffix (ADW_ACTION_ROW (chosen->row), remove);
  gtk_list_box_append (self->kr_list, chosen->row);

  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (update_weights), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), chosen);
  g_ptr_array_add (self->chosen, chosen);
}

/* What is left of 100 % for a new key result. */
static double
remaining_weight (TrellisTemplateEditor *self)
{
  double sum = 0.0;

  for (guint i = 0; i < self->chosen->len; i++)
    sum += chosen_weight (g_ptr_array_index (self->chosen, i));
  return CLAMP (1.0 - sum, 0.0, 1.0);
}

static void
on_library_activated_cb (TrellisTemplateEditor *self,
                         GtkListBoxRow         *row,
                         GtkListBox            *list)
{
  int index = gtk_list_box_row_get_index (row);
  TrellisLibraryKeyResult *entry;

  if (self->offered == NULL || index < 0 || (guint)index >= self->offered->len)
    return;

  entry = g_ptr_array_index (self->offered, index);
  if (!is_chosen (self, entry->id))
    add_chosen (self, entry->id, remaining_weight (self));
  gtk_popover_popdown (self->library_popover);
  update_offered (self);
  update_weights (self);
}

/* The library entries that fit whom the template is for. */
static void
on_scope_changed_cb (TrellisTemplateEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *level = NULL;
  GtkWidget *child;

  /* Called while the template is built, before the workspace is set. */
  if (self->workspace == NULL)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->library_list))) != NULL)
    gtk_list_box_remove (self->library_list, child);
  g_clear_pointer (&self->offered, g_ptr_array_unref);

  level = dup_stripped_text (self->level_row);
  self->offered = trellis_goal_template_list_library (trellis_workspace_get_store (self->workspace),
                                                      get_department_id (self), level, get_cycle_kind (self),
                                                      &error);
  if (self->offered == NULL)
    {
      g_warning ("Could not read the key result library: %s", error->message);
      return;
    }

  for (guint i = 0; i < self->offered->len; i++)
    {
      TrellisLibraryKeyResult *entry = g_ptr_array_index (self->offered, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = trellis_library_entry_describe (entry);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->library_list, row);
    }
  update_offered (self);
}

static void
on_spread_clicked_cb (TrellisTemplateEditor *self)
{
  guint n = self->chosen->len;

  if (n == 0)
    return;

  /* Equal shares in the tenths of a percent the fields show, the rest to
   * the first ones: three make 33.4 + 33.3 + 33.3, not 99.9. */
  for (guint i = 0; i < n; i++)
    {
      ChosenKeyResult *chosen = g_ptr_array_index (self->chosen, i);
      guint tenths = 1000 / n + (i < 1000 % n ? 1 : 0);

      gtk_spin_button_set_value (chosen->weight, tenths / 10.0);
    }
  update_weights (self);
}

static void
show_error (TrellisTemplateEditor *self,
            const char            *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    trellis_widget_scroll_into_view (GTK_WIDGET (self->error_label));
}

static void
on_save_clicked_cb (TrellisTemplateEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) key_results = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = dup_stripped_text (self->name_row);
  g_autofree char *title = dup_stripped_text (self->title_row);
  g_autofree char *level = dup_stripped_text (self->level_row);
  g_autofree char *id = NULL;
  TrellisStore *store = trellis_workspace_get_store (self->workspace);
  TrellisGoalTemplate template_ = {
    .id = self->template_id,
    .name = name,
    .department_id = (char *)get_department_id (self),
    .level = level,
    .cycle_kind = (char *)get_cycle_kind (self),
    .kind = (TrellisGoalKind)adw_combo_row_get_selected (self->kind_row),
    .title = title,
    .category = (TrellisGoalCategory)adw_combo_row_get_selected (self->category_row),
    .key_results = key_results,
  };

  /* The array frees the structs only: the ids are borrowed. */
  for (guint i = 0; i < self->chosen->len; i++)
    {
      ChosenKeyResult *chosen = g_ptr_array_index (self->chosen, i);
      TrellisTemplateKeyResult *kr = g_new0 (TrellisTemplateKeyResult, 1);

      kr->library_id = chosen->library_id;
      kr->weight = chosen_weight (chosen);
      g_ptr_array_add (key_results, kr);
    }

  if (self->template_id == NULL)
    id = trellis_goal_template_add (store, &template_, &error);
  else if (trellis_goal_template_update (store, &template_, &error))
    id = g_strdup (self->template_id);

  if (id == NULL)
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  g_signal_emit (self, signals[SAVED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
trellis_template_editor_dispose (GObject *object)
{
  TrellisTemplateEditor *self = TRELLIS_TEMPLATE_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TRELLIS_TYPE_TEMPLATE_EDITOR);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (trellis_template_editor_parent_class)->dispose (object);
}

static void
trellis_template_editor_finalize (GObject *object)
{
  TrellisTemplateEditor *self = TRELLIS_TEMPLATE_EDITOR (object);

  g_free (self->template_id);
  g_clear_pointer (&self->department_ids, g_ptr_array_unref);
  g_clear_pointer (&self->library, g_ptr_array_unref);
  g_clear_pointer (&self->offered, g_ptr_array_unref);
  g_clear_pointer (&self->chosen, g_ptr_array_unref);

  G_OBJECT_CLASS (trellis_template_editor_parent_class)->finalize (object);
}

static void
trellis_template_editor_class_init (TrellisTemplateEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trellis_template_editor_dispose;
  object_class->finalize = trellis_template_editor_finalize;

  /**
   * TrellisTemplateEditor::saved:
   * @id: the template's id
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trellishr/Trellis/trellis-template-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateEditor, cycle_kind_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateEditor, level_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateEditor, department_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateEditor, library_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateEditor, library_popover);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateEditor, library_list);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateEditor, kr_list);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateEditor, weights_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_scope_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_library_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_spread_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
}

static void
trellis_template_editor_init (TrellisTemplateEditor *self)
{
  g_autoptr(GtkStringList) cycle_kinds = gtk_string_list_new (NULL);
  GtkWidget *placeholder;
  const char *kind;

  gtk_widget_init_template (GTK_WIDGET (self));
  trellis_widget_protect_spin_buttons (GTK_WIDGET (self));
  trellis_dialog_setup_escape (GTK_WINDOW (self));

  self->department_ids = g_ptr_array_new_with_free_func (g_free);
  self->chosen = g_ptr_array_new_with_free_func ((GDestroyNotify)chosen_key_result_free);

  for (guint i = 0; (kind = trellis_template_cycle_kind_at (i)) != NULL; i++)
    gtk_string_list_append (cycle_kinds, trellis_template_cycle_kind_label (kind));
  adw_combo_row_set_model (self->cycle_kind_row, G_LIST_MODEL (cycle_kinds));
  /* Most templates are for a quarter's goals. */
  adw_combo_row_set_selected (self->cycle_kind_row, trellis_template_cycle_kind_index ("quarter"));

  placeholder = gtk_label_new (_("Add key results from the library."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_add_css_class (placeholder, "detail-row");
  gtk_list_box_set_placeholder (self->kr_list, placeholder);

  placeholder = gtk_label_new (_("The key result library has nothing for this template yet."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_add_css_class (placeholder, "detail-row");
  gtk_list_box_set_placeholder (self->library_list, placeholder);

  update_weights (self);
}

TrellisTemplateEditor *
trellis_template_editor_new (GtkWindow                 *parent,
                             TrellisWorkspace          *workspace,
                             const TrellisGoalTemplate *template_)
{
  TrellisTemplateEditor *self;
  g_autoptr(GtkStringList) departments = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TRELLIS_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (TRELLIS_TYPE_TEMPLATE_EDITOR,
                       "transient-for", parent,
                       NULL);

  self->library = trellis_goal_template_list_library (trellis_workspace_get_store (workspace), NULL, NULL, NULL,
                                                      &error);
  if (self->library == NULL)
    {
      g_warning ("Could not read the key result library: %s", error->message);
      g_clear_error (&error);
    }

  trellis_template_department_choices (trellis_workspace_get_organisation (workspace), departments,
                                       self->department_ids);
  adw_combo_row_set_model (self->department_row, G_LIST_MODEL (departments));

  if (template_ != NULL)
    {
      int cycle_kind_index = trellis_template_cycle_kind_index (template_->cycle_kind);

      self->template_id = g_strdup (template_->id);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Template"));
      adw_window_title_set_title (self->window_title, _("Edit Template"));

      gtk_editable_set_text (GTK_EDITABLE (self->name_row), template_->name != NULL ? template_->name : "");
      if (cycle_kind_index >= 0)
        adw_combo_row_set_selected (self->cycle_kind_row, cycle_kind_index);
      gtk_editable_set_text (GTK_EDITABLE (self->level_row), template_->level != NULL ? template_->level : "");
      for (guint i = 1; i < self->department_ids->len; i++)
        if (g_strcmp0 (g_ptr_array_index (self->department_ids, i), template_->department_id) == 0)
          adw_combo_row_set_selected (self->department_row, i);
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), template_->title != NULL ? template_->title : "");
      adw_combo_row_set_selected (self->kind_row, template_->kind);
      adw_combo_row_set_selected (self->category_row, template_->category);

      for (guint i = 0; template_->key_results != NULL && i < template_->key_results->len; i++)
        {
          TrellisTemplateKeyResult *kr = g_ptr_array_index (template_->key_results, i);

          add_chosen (self, kr->library_id, kr->weight);
        }
    }

  /* The library list follows the scope from here on. */
  self->workspace = g_object_ref (workspace);
  on_scope_changed_cb (self);
  update_weights (self);

  return self;
}
