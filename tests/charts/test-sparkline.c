/* test-sparkline.c
 *
 * Copyright 2026 The Trellis authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <string.h>

#include "trellis-sparkline.h"

/* Reads the pixel at (x, y) of an ARGB32 surface as 0xAARRGGBB. */
static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  return *(const guint32 *)(data + y * cairo_image_surface_get_stride (surface) + x * 4);
}

static void
test_layout (void)
{
  const double x[] = { 0.25, 0.5 };
  const double progress[] = { 0.25, 0.5 };
  const double over[] = { 1.5 };
  TrellisSparklineData data = { x, progress, NULL, 2, 0.5 };
  TrellisSparklineGeometry g;
  double px, py;

  /* 200×60: the margin is 8 % of 60 = 4.8 on each side. */
  trellis_sparkline_layout (&data, 200, 60, &g);
  g_assert_cmpfloat_with_epsilon (g.x0, 4.8, 1e-9);
  g_assert_cmpfloat_with_epsilon (g.x1, 195.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (g.y1, 55.2, 1e-9);
  g_assert_cmpfloat (g.y_min, ==, 0.0);
  g_assert_cmpfloat (g.y_max, ==, 1.0);

  /* Half the cycle, half the target: 4.8 + 0.5 × 190.4 = 100; 55.2 − 0.5 × 50.4 = 30. */
  trellis_sparkline_point (&g, 0.5, 0.5, &px, &py);
  g_assert_cmpfloat_with_epsilon (px, 100.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (py, 30.0, 1e-9);

  /* Over-achievement widens the scale instead of being cut off. */
  data.progress = over;
  data.x = x;
  data.n_points = 1;
  trellis_sparkline_layout (&data, 200, 60, &g);
  g_assert_cmpfloat (g.y_max, ==, 1.5);
}

static void
test_pixels (void)
{
  const double x[] = { 0.25, 0.5 };
  const double progress[] = { 0.25, 0.5 };
  const gboolean abnormal[] = { FALSE, TRUE };
  TrellisSparklineData data = { x, progress, NULL, 2, 0.5 };
  TrellisChartStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;

  trellis_chart_style_init (&style, TRELLIS_CHART_THEME_LIGHT);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 60);
  cr = cairo_create (surface);
  trellis_sparkline_draw (cr, &data, &style, 200, 60);
  cairo_destroy (cr);

  /* The last check-in is a dot in the accent colour (#1C71D8) at (100, 30). */
  g_assert_cmphex (pixel_at (surface, 100, 30), ==, 0xFF1C71D8);
  /* Nothing is drawn in the empty upper right. */
  g_assert_cmphex (pixel_at (surface, 150, 45) >> 24, ==, 0);
  cairo_surface_destroy (surface);

  /* An abnormal jump is marked in the "bad" colour (#D55E00). */
  data.abnormal = abnormal;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 60);
  cr = cairo_create (surface);
  trellis_sparkline_draw (cr, &data, &style, 200, 60);
  cairo_destroy (cr);
  g_assert_cmphex (pixel_at (surface, 100, 30), ==, 0xFFD55E00);
  cairo_surface_destroy (surface);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
test_pdf (void)
{
  const double x[] = { 0.1, 0.4, 0.7 };
  const double progress[] = { 0.1, 0.35, 0.8 };
  TrellisSparklineData data = { x, progress, NULL, 3, 0.75 };
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  TrellisChartStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;

  trellis_chart_style_init (&style, TRELLIS_CHART_THEME_PRINT);
  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, 200, 60);
  cr = cairo_create (surface);
  trellis_sparkline_draw (cr, &data, &style, 200, 60);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_assert_cmpuint (bytes->len, >, 100);
  g_assert_cmpint (memcmp (bytes->data, "%PDF-", 5), ==, 0);
}

static void
test_viridis (void)
{
  TrellisColor c;

  trellis_chart_palette_viridis (0.0, &c);
  g_assert_cmpfloat_with_epsilon (c.red, 0x44 / 255.0, 1e-9);
  trellis_chart_palette_viridis (1.0, &c);
  g_assert_cmpfloat_with_epsilon (c.blue, 0x25 / 255.0, 1e-9);
  /* Halfway between stop 3 (#277F8E) and stop 4 (#1FA187) at t = 0.5. */
  trellis_chart_palette_viridis (0.5, &c);
  g_assert_cmpfloat_with_epsilon (c.green, (0x7F + 0xA1) / 2.0 / 255.0, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/charts/sparkline/layout", test_layout);
  g_test_add_func ("/charts/sparkline/pixels", test_pixels);
  g_test_add_func ("/charts/sparkline/pdf", test_pdf);
  g_test_add_func ("/charts/palette/viridis", test_viridis);

  return g_test_run ();
}
