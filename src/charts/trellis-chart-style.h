/* trellis-chart-style.h
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

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double red, green, blue, alpha;
} TrellisColor;

/* Everything a chart needs to know about how to look, so the same drawing
 * code serves the screen (light or dark), a projector and print. */
typedef struct {
  TrellisColor foreground;   /* text and axes */
  TrellisColor muted;        /* grid, guides, secondary text */
  TrellisColor background;   /* fully transparent on screen */
  TrellisColor accent;       /* the data line */
  TrellisColor good;         /* on track, achieved */
  TrellisColor warning;      /* behind */
  TrellisColor bad;          /* at risk, abnormal */
  const char  *font_family;
  double       font_size;    /* points */
  double       line_width;   /* device units */
} TrellisChartStyle;

typedef enum {
  TRELLIS_CHART_THEME_LIGHT,
  TRELLIS_CHART_THEME_DARK,
  /* Large type, thick lines, high contrast: a room reads it on a wall. */
  TRELLIS_CHART_THEME_PROJECTOR,
  TRELLIS_CHART_THEME_PRINT,
} TrellisChartTheme;

void trellis_chart_style_init       (TrellisChartStyle *style,
                                     TrellisChartTheme  theme);
/* Colour-blind-safe sequential palette (viridis), @t in 0..1. */
void trellis_chart_palette_viridis  (double             t,
                                     TrellisColor      *out_color);

G_END_DECLS
