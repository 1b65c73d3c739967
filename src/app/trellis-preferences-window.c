/* trellis-preferences-window.c
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

#define G_LOG_DOMAIN "trellis-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "trellis-goal-settings-page.h"
#include "trellis-preferences-window.h"
#include "trellis-template-settings-page.h"
#include "trellis-workflow-settings-page.h"
#include "trellis-goal-util.h"

struct _TrellisPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwComboRow          *color_scheme_row;
  GtkAdjustment        *demo_employees_adjustment;
};

G_DEFINE_FINAL_TYPE (TrellisPreferencesWindow, trellis_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The combo row's items, in order. */
static const char * const color_schemes[] = { "default", "light", "dark" };

static gboolean
color_scheme_get_mapping (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    if (g_strcmp0 (scheme, color_schemes[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
color_scheme_set_mapping (const GValue       *value,
                          const GVariantType *expected_type,
                          gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (color_schemes))
    return NULL;

  return g_variant_new_string (color_schemes[selected]);
}

static gboolean
uint_to_double_mapping (GValue   *value,
                        GVariant *variant,
                        gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant));
  return TRUE;
}

static GVariant *
double_to_uint_mapping (const GValue       *value,
                        const GVariantType *expected_type,
                        gpointer            user_data)
{
  double number = g_value_get_double (value);

  return g_variant_new_uint32 ((guint32) CLAMP (number, 0.0, (double) G_MAXUINT32));
}

static void
trellis_preferences_window_constructed (GObject *object)
{
  TrellisPreferencesWindow *self = TRELLIS_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (trellis_preferences_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);

  g_settings_bind_with_mapping (self->settings, "color-scheme",
                                self->color_scheme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                color_scheme_get_mapping, color_scheme_set_mapping,
                                NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "demo-employees",
                                self->demo_employees_adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT,
                                uint_to_double_mapping, double_to_uint_mapping,
                                NULL, NULL);
}

static void
trellis_preferences_window_dispose (GObject *object)
{
  TrellisPreferencesWindow *self = TRELLIS_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TRELLIS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (trellis_preferences_window_parent_class)->dispose (object);
}

static void
trellis_preferences_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  TrellisPreferencesWindow *self = TRELLIS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_preferences_window_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  TrellisPreferencesWindow *self = TRELLIS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_preferences_window_class_init (TrellisPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = trellis_preferences_window_constructed;
  object_class->dispose = trellis_preferences_window_dispose;
  object_class->get_property = trellis_preferences_window_get_property;
  object_class->set_property = trellis_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trellishr/Trellis/trellis-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisPreferencesWindow, demo_employees_adjustment);
}

static void
trellis_preferences_window_init (TrellisPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  trellis_widget_protect_spin_buttons (GTK_WIDGET (self));
}

GtkWidget *
trellis_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (TRELLIS_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}

void
trellis_preferences_window_set_workspace (TrellisPreferencesWindow *self,
                                          TrellisWorkspace         *workspace)
{
  g_return_if_fail (TRELLIS_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (workspace == NULL || TRELLIS_IS_WORKSPACE (workspace));

  if (workspace != NULL)
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (trellis_goal_settings_page_new (workspace)));
  if (workspace != NULL)
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (trellis_template_settings_page_new (workspace)));
  if (workspace != NULL)
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (trellis_workflow_settings_page_new (workspace)));
}
