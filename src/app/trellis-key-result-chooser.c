/* trellis-key-result-chooser.c
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

#define G_LOG_DOMAIN "trellis-key-result-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "trellis-goal-util.h"
#include "trellis-key-result-chooser.h"

/* Enough to find one by scrolling; more means the search should narrow. */
#define MAX_SHOWN 50

struct _TrellisKeyResultChooser
{
  GtkWidget                   parent_instance;

  TrellisStore               *store;
  char                       *open_on;
  TrellisWeightRuleKeyResult *key_result;
  GPtrArray                  *matches;
  char                       *suggested_search;

  /* A miss scans every open key result: at 100,000 employees that takes a
   * second, so searches run on a connection of their own in a thread, one
   * at a time; the newest text waits in pending_text. */
  TrellisStore               *search_store;
  gboolean                    searching;
  char                       *pending_text;
  gboolean                    disposed;

  GtkMenuButton              *button;
  GtkLabel                   *button_label;
  GtkPopover                 *popover;
  GtkSearchEntry             *search_entry;
  GtkListBox                 *results_list;
  GtkLabel                   *hint_label;
};

G_DEFINE_FINAL_TYPE (TrellisKeyResultChooser, trellis_key_result_chooser, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KEY_RESULT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_hint (TrellisKeyResultChooser *self,
           const char              *text)
{
  gtk_label_set_text (self->hint_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), text != NULL);
}

static GtkWidget *
create_match_row (const TrellisWeightRuleKeyResult *match)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (match->title);
  GtkWidget *details;
  g_autofree char *weight = trellis_format_percent (match->weight);
  g_autofree char *text = NULL;

  /* Translators: a key result's id and weight, then its goal's owner, cycle
   * and title (last, as it is the longest), e.g. "K000012 · 25 % · North ·
   * 2026-Q4 · Grow the North" */
  text = g_strdup_printf (_("%s · %s · %s · %s · %s"), match->id, weight,
                          match->owner_name != NULL ? match->owner_name : "—",
                          match->cycle_id, match->goal_title);
  details = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (details), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_set_tooltip_text (row, text);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), details);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

typedef struct
{
  TrellisStore *store;      /* the search connection; NULL until opened */
  char         *path;
  char         *text;
  char         *open_on;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_clear_object (&data->store);
  g_free (data->path);
  g_free (data->text);
  g_free (data->open_on);
  g_free (data);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *data = task_data;
  GError *error = NULL;
  GPtrArray *matches;

  if (data->store == NULL)
    {
      /* Opening creates a missing file: never bring back one that was
       * moved away while the workspace is open. */
      if (!g_file_test (data->path, G_FILE_TEST_IS_REGULAR))
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                   _("The workspace file “%s” is gone"), data->path);
          return;
        }
      data->store = trellis_store_open (data->path, &error);
      if (data->store == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  /* One more than shown tells whether there are more. */
  matches = trellis_weight_rule_search_key_results (data->store, data->text, data->open_on, MAX_SHOWN + 1, &error);
  if (matches == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, matches, (GDestroyNotify)g_ptr_array_unref);
}

static void
clear_matches (TrellisKeyResultChooser *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
}

static void
show_matches (TrellisKeyResultChooser *self,
              GPtrArray               *matches)
{
  clear_matches (self);
  self->matches = matches;

  for (guint i = 0; i < self->matches->len && i < MAX_SHOWN; i++)
    gtk_list_box_append (self->results_list, create_match_row (g_ptr_array_index (self->matches, i)));

  if (self->matches->len == 0)
    show_hint (self, _("No key result matches."));
  else if (self->matches->len > MAX_SHOWN)
    {
      g_autofree char *hint = g_strdup_printf (ngettext ("The first %u match is shown: type more to narrow the search.",
                                                         "The first %u matches are shown: type more to narrow the search.",
                                                         MAX_SHOWN),
                                               MAX_SHOWN);
      show_hint (self, hint);
    }
  else
    show_hint (self, NULL);
}

static void start_search (TrellisKeyResultChooser *self,
                          const char              *text);

static void
on_search_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TrellisKeyResultChooser *self = TRELLIS_KEY_RESULT_CHOOSER (source);
  SearchData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) matches = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *pending = g_steal_pointer (&self->pending_text);

  self->searching = FALSE;
  if (self->disposed)
    return;
  if (self->search_store == NULL && data->store != NULL)
    self->search_store = g_object_ref (data->store);

  /* The text changed meanwhile: these matches are stale. */
  if (pending != NULL)
    {
      start_search (self, pending);
      return;
    }

  if (matches == NULL)
    {
      clear_matches (self);
      show_hint (self, error->message);
      return;
    }
  show_matches (self, g_steal_pointer (&matches));
}

static void
start_search (TrellisKeyResultChooser *self,
              const char              *text)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data;
  const char *path = trellis_store_get_path (self->store);

  /* A private in-memory workspace has no second connection to offer. */
  if (path == NULL || g_str_equal (path, ":memory:"))
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *matches = trellis_weight_rule_search_key_results (self->store, text, self->open_on,
                                                                   MAX_SHOWN + 1, &error);

      if (matches == NULL)
        {
          clear_matches (self);
          show_hint (self, error->message);
        }
      else
        show_matches (self, matches);
      return;
    }

  if (self->searching)
    {
      g_free (self->pending_text);
      self->pending_text = g_strdup (text);
      /* Safe from another thread: the stale search stops at once. */
      if (self->search_store != NULL)
        trellis_store_interrupt (self->search_store);
      return;
    }

  data = g_new0 (SearchData, 1);
  data->store = self->search_store != NULL ? g_object_ref (self->search_store) : NULL;
  data->path = g_strdup (path);
  data->text = g_strdup (text);
  data->open_on = g_strdup (self->open_on);

  self->searching = TRUE;
  show_hint (self, _("Searching…"));
  task = g_task_new (self, NULL, on_search_done_cb, NULL);
  g_task_set_source_tag (task, start_search);
  g_task_set_task_data (task, data, (GDestroyNotify)search_data_free);
  g_task_run_in_thread (task, search_thread);
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static void
run_search (TrellisKeyResultChooser *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->store == NULL)
    return;
  if (is_blank (text))
    {
      g_clear_pointer (&self->pending_text, g_free);
      clear_matches (self);
      show_hint (self, _("Type part of a key result, a goal, an owner’s name or an id."));
      return;
    }
  start_search (self, text);
}

static void
update_button (TrellisKeyResultChooser *self)
{
  if (self->key_result != NULL)
    {
      gtk_label_set_text (self->button_label, self->key_result->title);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), self->key_result->title);
    }
  else
    {
      gtk_label_set_text (self->button_label, _("Choose a Key Result…"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), NULL);
    }
}

static void
choose_match (TrellisKeyResultChooser *self,
              guint                    index)
{
  const TrellisWeightRuleKeyResult *match;

  if (self->matches == NULL || index >= self->matches->len || index >= MAX_SHOWN)
    return;

  match = g_ptr_array_index (self->matches, index);
  trellis_key_result_chooser_set_key_result_id (self, match->id);
  gtk_popover_popdown (self->popover);
}

static void
on_search_changed_cb (TrellisKeyResultChooser *self)
{
  run_search (self);
}

static void
on_search_activate_cb (TrellisKeyResultChooser *self)
{
  choose_match (self, 0);
}

/* Down from the search moves into the matches, as in a completion list. */
static gboolean
on_search_key_pressed_cb (TrellisKeyResultChooser *self,
                          guint                    keyval,
                          guint                    keycode,
                          GdkModifierType          state)
{
  GtkListBoxRow *first;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;
  first = gtk_list_box_get_row_at_index (self->results_list, 0);
  if (first == NULL)
    return GDK_EVENT_PROPAGATE;
  gtk_widget_grab_focus (GTK_WIDGET (first));
  return GDK_EVENT_STOP;
}

static void
on_row_activated_cb (TrellisKeyResultChooser *self,
                     GtkListBoxRow           *row)
{
  choose_match (self, (guint)gtk_list_box_row_get_index (row));
}

static void
on_popover_show_cb (TrellisKeyResultChooser *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->key_result == NULL && self->suggested_search != NULL && *text == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), self->suggested_search);
  run_search (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
trellis_key_result_chooser_dispose (GObject *object)
{
  TrellisKeyResultChooser *self = TRELLIS_KEY_RESULT_CHOOSER (object);
  GtkWidget *child;

  self->disposed = TRUE;
  if (self->searching && self->search_store != NULL)
    trellis_store_interrupt (self->search_store);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRELLIS_TYPE_KEY_RESULT_CHOOSER);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_pointer (&self->matches, g_ptr_array_unref);
  g_clear_pointer (&self->key_result, trellis_weight_rule_key_result_free);
  g_clear_object (&self->search_store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (trellis_key_result_chooser_parent_class)->dispose (object);
}

static void
trellis_key_result_chooser_finalize (GObject *object)
{
  TrellisKeyResultChooser *self = TRELLIS_KEY_RESULT_CHOOSER (object);

  g_free (self->suggested_search);
  g_free (self->pending_text);
  g_free (self->open_on);

  G_OBJECT_CLASS (trellis_key_result_chooser_parent_class)->finalize (object);
}

static void
trellis_key_result_chooser_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  TrellisKeyResultChooser *self = TRELLIS_KEY_RESULT_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_KEY_RESULT_ID:
      g_value_set_string (value, trellis_key_result_chooser_get_key_result_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_key_result_chooser_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  TrellisKeyResultChooser *self = TRELLIS_KEY_RESULT_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_KEY_RESULT_ID:
      trellis_key_result_chooser_set_key_result_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_key_result_chooser_class_init (TrellisKeyResultChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trellis_key_result_chooser_dispose;
  object_class->finalize = trellis_key_result_chooser_finalize;
  object_class->get_property = trellis_key_result_chooser_get_property;
  object_class->set_property = trellis_key_result_chooser_set_property;

  properties[PROP_KEY_RESULT_ID] =
    g_param_spec_string ("key-result-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trellishr/Trellis/trellis-key-result-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisKeyResultChooser, button);
  gtk_widget_class_bind_template_child (widget_class, TrellisKeyResultChooser, button_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisKeyResultChooser, popover);
  gtk_widget_class_bind_template_child (widget_class, TrellisKeyResultChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TrellisKeyResultChooser, results_list);
  gtk_widget_class_bind_template_child (widget_class, TrellisKeyResultChooser, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "trellis-key-result-chooser");
}

static void
trellis_key_result_chooser_init (TrellisKeyResultChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_button (self);
  show_hint (self, NULL);
}

GtkWidget *
trellis_key_result_chooser_new (void)
{
  return g_object_new (TRELLIS_TYPE_KEY_RESULT_CHOOSER, NULL);
}

void
trellis_key_result_chooser_set_store (TrellisKeyResultChooser *self,
                                      TrellisStore            *store,
                                      const char              *open_on)
{
  g_return_if_fail (TRELLIS_IS_KEY_RESULT_CHOOSER (self));
  g_return_if_fail (store == NULL || TRELLIS_IS_STORE (store));

  if (g_set_object (&self->store, store))
    g_clear_object (&self->search_store);
  g_free (self->open_on);
  self->open_on = g_strdup (open_on);
}

gboolean
trellis_key_result_chooser_get_searching (TrellisKeyResultChooser *self)
{
  g_return_val_if_fail (TRELLIS_IS_KEY_RESULT_CHOOSER (self), FALSE);

  return self->searching;
}

void
trellis_key_result_chooser_set_suggested_search (TrellisKeyResultChooser *self,
                                                 const char              *text)
{
  g_return_if_fail (TRELLIS_IS_KEY_RESULT_CHOOSER (self));

  g_free (self->suggested_search);
  self->suggested_search = g_strdup (text);
}

const TrellisWeightRuleKeyResult *
trellis_key_result_chooser_get_key_result (TrellisKeyResultChooser *self)
{
  g_return_val_if_fail (TRELLIS_IS_KEY_RESULT_CHOOSER (self), NULL);

  return self->key_result;
}

const char *
trellis_key_result_chooser_get_key_result_id (TrellisKeyResultChooser *self)
{
  g_return_val_if_fail (TRELLIS_IS_KEY_RESULT_CHOOSER (self), NULL);

  return self->key_result != NULL ? self->key_result->id : NULL;
}

void
trellis_key_result_chooser_set_key_result_id (TrellisKeyResultChooser *self,
                                              const char              *key_result_id)
{
  TrellisWeightRuleKeyResult *key_result = NULL;

  g_return_if_fail (TRELLIS_IS_KEY_RESULT_CHOOSER (self));

  if (g_strcmp0 (key_result_id, trellis_key_result_chooser_get_key_result_id (self)) == 0)
    return;

  if (key_result_id != NULL && self->store != NULL)
    {
      g_autoptr(GError) error = NULL;

      key_result = trellis_weight_rule_get_key_result (self->store, key_result_id, &error);
      if (key_result == NULL)
        g_debug ("%s", error->message);
    }

  g_clear_pointer (&self->key_result, trellis_weight_rule_key_result_free);
  self->key_result = key_result;
  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY_RESULT_ID]);
}
