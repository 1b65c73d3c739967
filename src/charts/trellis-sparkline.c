/* trellis-sparkline.c
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

#define G_LOG_DOMAIN "trellis-sparkline"

#include "config.h"

#include <math.h>

#include "trellis-sparkline.h"

static void
set_color (cairo_t            *cr,
           const TrellisColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

void
trellis_sparkline_layout (const TrellisSparklineData *data,
                          double                      width,
                          double                      height,
                          TrellisSparklineGeometry   *g)
{
  double margin = MAX (3.0, MIN (width, height) * 0.08);

  g->x0 = margin;
  g->x1 = MAX (margin + 1, width - margin);
  g->y0 = margin;
  g->y1 = MAX (margin + 1, height - margin);

  /* Always show 0 to 100 %; widen for values beyond, so over-achievement and
   * backward steps stay visible. */
  g->y_min = 0.0;
  g->y_max = 1.0;
  for (guint i = 0; i < data->n_points; i++)
    {
      if (isfinite (data->progress[i]))
        {
          g->y_min = MIN (g->y_min, data->progress[i]);
          g->y_max = MAX (g->y_max, data->progress[i]);
        }
    }
}

void
trellis_sparkline_point (const TrellisSparklineGeometry *g,
                         double                          x,
                         double                          progress,
                         double                         *out_x,
                         double                         *out_y)
{
  double range = g->y_max - g->y_min;

  *out_x = g->x0 + CLAMP (x, 0.0, 1.0) * (g->x1 - g->x0);
  *out_y = g->y1 - (progress - g->y_min) / (range > 0 ? range : 1.0) * (g->y1 - g->y0);
}

void
trellis_sparkline_draw (cairo_t                    *cr,
                        const TrellisSparklineData *data,
                        const TrellisChartStyle    *style,
                        double                      width,
                        double                      height)
{
  TrellisSparklineGeometry g;
  double px, py, qx, qy;
  double dashes[] = { 3.0, 3.0 };
  double radius;

  g_return_if_fail (cr != NULL && data != NULL && style != NULL);

  trellis_sparkline_layout (data, width, height, &g);
  radius = MAX (2.0, style->line_width * 1.4);

  cairo_save (cr);

  if (style->background.alpha > 0)
    {
      set_color (cr, &style->background);
      cairo_paint (cr);
    }

  /* Target (100 %) and zero lines, snapped to the pixel grid. */
  cairo_set_line_width (cr, 1.0);
  set_color (cr, &style->muted);
  trellis_sparkline_point (&g, 0, 1.0, &px, &py);
  cairo_move_to (cr, g.x0, floor (py) + 0.5);
  cairo_line_to (cr, g.x1, floor (py) + 0.5);
  trellis_sparkline_point (&g, 0, 0.0, &px, &py);
  cairo_move_to (cr, g.x0, floor (py) + 0.5);
  cairo_line_to (cr, g.x1, floor (py) + 0.5);
  cairo_stroke (cr);

  /* Expected pace: linear from the start to today. */
  if (data->today > 0)
    {
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      trellis_sparkline_point (&g, 0, 0.0, &px, &py);
      trellis_sparkline_point (&g, data->today, MIN (data->today, 1.0), &qx, &qy);
      cairo_move_to (cr, px, py);
      cairo_line_to (cr, qx, qy);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (data->n_points == 0)
    {
      cairo_restore (cr);
      return;
    }

  /* The history: a step up from zero at the cycle start to each check-in. */
  cairo_set_line_width (cr, style->line_width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  set_color (cr, &style->accent);
  trellis_sparkline_point (&g, 0, 0.0, &px, &py);
  cairo_move_to (cr, px, py);
  for (guint i = 0; i < data->n_points; i++)
    {
      trellis_sparkline_point (&g, data->x[i], data->progress[i], &px, &py);
      cairo_line_to (cr, px, py);
    }
  cairo_stroke (cr);

  for (guint i = 0; i < data->n_points; i++)
    {
      gboolean last = i + 1 == data->n_points;
      gboolean abnormal = data->abnormal != NULL && data->abnormal[i];

      if (!last && !abnormal)
        continue;
      trellis_sparkline_point (&g, data->x[i], data->progress[i], &px, &py);
      set_color (cr, abnormal ? &style->bad : &style->accent);
      cairo_arc (cr, px, py, last ? radius * 1.3 : radius, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  cairo_restore (cr);
}
