/* trellis-sparkline-widget.c
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

#define G_LOG_DOMAIN "trellis-sparkline-widget"

#include "config.h"

#include "trellis-chart-style.h"
#include "trellis-sparkline.h"
#include "trellis-sparkline-widget.h"

struct _TrellisSparklineWidget
{
  GtkWidget  parent_instance;

  GArray    *x;
  GArray    *progress;
  GArray    *abnormal;
  double     today;
};

G_DEFINE_FINAL_TYPE (TrellisSparklineWidget, trellis_sparkline_widget, GTK_TYPE_WIDGET)

static void
to_trellis_color (const GdkRGBA *rgba,
                  TrellisColor  *out_color)
{
  out_color->red = rgba->red;
  out_color->green = rgba->green;
  out_color->blue = rgba->blue;
  out_color->alpha = rgba->alpha;
}

/* The chart style from the theme: text colour for the guides, the accent
 * for the line and libadwaita's semantic colours for the points, all of
 * which follow the dark style. */
static void
style_from_widget (GtkWidget         *widget,
                   TrellisChartStyle *style)
{
  GdkRGBA color;
  GdkRGBA named;

  trellis_chart_style_init (style, TRELLIS_CHART_THEME_LIGHT);
  style->background.alpha = 0.0;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    GtkStyleContext *context = gtk_widget_get_style_context (widget);

    gtk_style_context_get_color (context, &color);
    to_trellis_color (&color, &style->foreground);
    style->muted = style->foreground;
    style->muted.alpha *= 0.3;

    if (gtk_style_context_lookup_color (context, "accent_color", &named))
      to_trellis_color (&named, &style->accent);
    if (gtk_style_context_lookup_color (context, "success_color", &named))
      to_trellis_color (&named, &style->good);
    if (gtk_style_context_lookup_color (context, "warning_color", &named))
      to_trellis_color (&named, &style->warning);
    if (gtk_style_context_lookup_color (context, "error_color", &named))
      to_trellis_color (&named, &style->bad);
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
trellis_sparkline_widget_snapshot (GtkWidget   *widget,
                                   GtkSnapshot *snapshot)
{
  TrellisSparklineWidget *self = TRELLIS_SPARKLINE_WIDGET (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  TrellisSparklineData data = { 0 };
  TrellisChartStyle style;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  style_from_widget (widget, &style);

  data.x = (const double *) (gpointer) self->x->data;
  data.progress = (const double *) (gpointer) self->progress->data;
  data.abnormal = (const gboolean *) (gpointer) self->abnormal->data;
  data.n_points = self->x->len;
  data.today = self->today;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  trellis_sparkline_draw (cr, &data, &style, width, height);
  cairo_destroy (cr);
}

static void
trellis_sparkline_widget_measure (GtkWidget      *widget,
                                  GtkOrientation  orientation,
                                  int             for_size,
                                  int            *minimum,
                                  int            *natural,
                                  int            *minimum_baseline,
                                  int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 48;
      *natural = 120;
    }
  else
    {
      *minimum = 24;
      *natural = 36;
    }
}

static void
trellis_sparkline_widget_finalize (GObject *object)
{
  TrellisSparklineWidget *self = TRELLIS_SPARKLINE_WIDGET (object);

  g_array_unref (self->x);
  g_array_unref (self->progress);
  g_array_unref (self->abnormal);

  G_OBJECT_CLASS (trellis_sparkline_widget_parent_class)->finalize (object);
}

static void
trellis_sparkline_widget_class_init (TrellisSparklineWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = trellis_sparkline_widget_finalize;
  widget_class->snapshot = trellis_sparkline_widget_snapshot;
  widget_class->measure = trellis_sparkline_widget_measure;

  gtk_widget_class_set_css_name (widget_class, "trellis-sparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
trellis_sparkline_widget_init (TrellisSparklineWidget *self)
{
  self->x = g_array_new (FALSE, FALSE, sizeof (double));
  self->progress = g_array_new (FALSE, FALSE, sizeof (double));
  self->abnormal = g_array_new (FALSE, FALSE, sizeof (gboolean));
}

GtkWidget *
trellis_sparkline_widget_new (void)
{
  return g_object_new (TRELLIS_TYPE_SPARKLINE_WIDGET, NULL);
}

void
trellis_sparkline_widget_set_points (TrellisSparklineWidget *self,
                                     const double           *x,
                                     const double           *progress,
                                     const gboolean         *abnormal,
                                     guint                   n_points,
                                     double                  today)
{
  g_return_if_fail (TRELLIS_IS_SPARKLINE_WIDGET (self));
  g_return_if_fail (n_points == 0 || (x != NULL && progress != NULL));

  g_array_set_size (self->x, 0);
  g_array_set_size (self->progress, 0);
  g_array_set_size (self->abnormal, 0);
  g_array_append_vals (self->x, x, n_points);
  g_array_append_vals (self->progress, progress, n_points);
  if (abnormal != NULL)
    g_array_append_vals (self->abnormal, abnormal, n_points);
  else
    {
      g_array_set_size (self->abnormal, n_points);
      memset (self->abnormal->data, 0, n_points * sizeof (gboolean));
    }
  self->today = today;

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
trellis_sparkline_widget_get_n_points (TrellisSparklineWidget *self)
{
  g_return_val_if_fail (TRELLIS_IS_SPARKLINE_WIDGET (self), 0);

  return self->x->len;
}
