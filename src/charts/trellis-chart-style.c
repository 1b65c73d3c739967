/* trellis-chart-style.c
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

#define G_LOG_DOMAIN "trellis-chart-style"

#include "config.h"

#include <math.h>

#include "trellis-chart-style.h"

static TrellisColor
rgb (guint32 hex)
{
  return (TrellisColor) {
    ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0, 1.0
  };
}

/* Status colours are the Okabe–Ito colour-blind-safe set: bluish green,
 * orange and vermillion stay apart for every common colour vision. */
void
trellis_chart_style_init (TrellisChartStyle *style,
                          TrellisChartTheme  theme)
{
  g_return_if_fail (style != NULL);

  style->font_family = "Cantarell, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif";
  style->good = rgb (0x009E73);
  style->warning = rgb (0xE69F00);
  style->bad = rgb (0xD55E00);
  style->background = (TrellisColor) { 0, 0, 0, 0 };

  switch (theme)
    {
    case TRELLIS_CHART_THEME_DARK:
      style->foreground = rgb (0xFFFFFF);
      style->muted = (TrellisColor) { 1, 1, 1, 0.35 };
      style->accent = rgb (0x78AEED);
      style->font_size = 9;
      style->line_width = 1.5;
      break;

    case TRELLIS_CHART_THEME_PROJECTOR:
      style->foreground = rgb (0xFFFFFF);
      style->muted = (TrellisColor) { 1, 1, 1, 0.55 };
      style->background = rgb (0x000000);
      style->accent = rgb (0x56B4E9);
      style->font_size = 20;
      style->line_width = 4;
      break;

    case TRELLIS_CHART_THEME_PRINT:
      style->foreground = rgb (0x000000);
      style->muted = (TrellisColor) { 0, 0, 0, 0.4 };
      style->background = rgb (0xFFFFFF);
      style->accent = rgb (0x0072B2);
      style->font_size = 8;
      style->line_width = 1;
      break;

    case TRELLIS_CHART_THEME_LIGHT:
    default:
      style->foreground = rgb (0x000000);
      style->foreground.alpha = 0.8;
      style->muted = (TrellisColor) { 0, 0, 0, 0.3 };
      style->accent = rgb (0x1C71D8);
      style->font_size = 9;
      style->line_width = 1.5;
      break;
    }
}

/* Eight stops of matplotlib's viridis, interpolated linearly. */
void
trellis_chart_palette_viridis (double        t,
                               TrellisColor *out_color)
{
  static const guint32 stops[] = {
    0x440154, 0x46327E, 0x365C8D, 0x277F8E, 0x1FA187, 0x4AC16D, 0xA0DA39, 0xFDE725,
  };
  const guint last = G_N_ELEMENTS (stops) - 1;
  double position;
  guint i;
  TrellisColor a, b;
  double f;

  if (!isfinite (t))
    t = 0;
  position = CLAMP (t, 0.0, 1.0) * last;
  i = MIN ((guint)floor (position), last - 1);
  f = position - i;
  a = rgb (stops[i]);
  b = rgb (stops[i + 1]);

  out_color->red = a.red + (b.red - a.red) * f;
  out_color->green = a.green + (b.green - a.green) * f;
  out_color->blue = a.blue + (b.blue - a.blue) * f;
  out_color->alpha = 1.0;
}
