/* trellis-sparkline.h
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

#pragma once

#include <cairo.h>

#include "trellis-chart-style.h"

G_BEGIN_DECLS

/* A key result's check-in history over its cycle: progress after each
 * check-in (x = share of the cycle elapsed, 0..1; y = progress, 1 = target),
 * the expected pace as a dashed diagonal up to today, and the target line. */
typedef struct {
  const double *x;
  const double *progress;
  /* Points drawn in the "bad" colour: the abnormal jumps. May be NULL. */
  const gboolean *abnormal;
  guint         n_points;
  /* Share of the cycle elapsed today; the expected-pace line stops here. */
  double        today;
} TrellisSparklineData;

typedef struct {
  double x0, y0, x1, y1;   /* the plot area inside the margins */
  double y_min, y_max;     /* progress values at the bottom and top */
} TrellisSparklineGeometry;

/* Pure layout, tested without drawing: where the axes fall for a size. */
void trellis_sparkline_layout (const TrellisSparklineData *data,
                               double                      width,
                               double                      height,
                               TrellisSparklineGeometry   *out_geometry);
void trellis_sparkline_point  (const TrellisSparklineGeometry *geometry,
                               double                          x,
                               double                          progress,
                               double                         *out_x,
                               double                         *out_y);
void trellis_sparkline_draw   (cairo_t                    *cr,
                               const TrellisSparklineData *data,
                               const TrellisChartStyle    *style,
                               double                      width,
                               double                      height);

G_END_DECLS
