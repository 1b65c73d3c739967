/* trellis-sparkline-widget.h
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

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TRELLIS_TYPE_SPARKLINE_WIDGET (trellis_sparkline_widget_get_type ())
G_DECLARE_FINAL_TYPE (TrellisSparklineWidget, trellis_sparkline_widget, TRELLIS, SPARKLINE_WIDGET, GtkWidget)

/* A key result's check-in history drawn by trellis_sparkline_draw(), in the
 * colours of the current theme. */
GtkWidget *trellis_sparkline_widget_new        (void);
/* Copies the points: @x is the share of the cycle elapsed at each check-in,
 * @progress the key result's progress after it, @abnormal (may be NULL)
 * marks abnormal changes; @today is the share of the cycle elapsed today. */
void       trellis_sparkline_widget_set_points (TrellisSparklineWidget *self,
                                                const double           *x,
                                                const double           *progress,
                                                const gboolean         *abnormal,
                                                guint                   n_points,
                                                double                  today);
guint      trellis_sparkline_widget_get_n_points (TrellisSparklineWidget *self);

G_END_DECLS
