/* test-okr.c
 *
 * Copyright 2026 The Trellis authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "trellis-core.h"

static void
test_progress (void)
{
  static const struct { TrellisMeasure m; double baseline, target, current, progress; } cases[] = {
    { TRELLIS_MEASURE_NUMERIC, 0, 100, 45, 0.45 },
    { TRELLIS_MEASURE_NUMERIC, 8, 4, 6, 0.5 },        /* decreasing target: (6−8)/(4−8) */
    { TRELLIS_MEASURE_NUMERIC, 8, 4, 3, 1.25 },       /* over-achievement is kept */
    { TRELLIS_MEASURE_NUMERIC, 12.7, 14.0, 12.7, 0.0 },
    { TRELLIS_MEASURE_NUMERIC, 50, 100, 40, -0.2 },   /* went backwards */
    { TRELLIS_MEASURE_PERCENTAGE, 35, 50, 41, 0.4 },  /* 6 of 15 points */
    { TRELLIS_MEASURE_MILESTONE, 0, 1, 1, 1.0 },
    { TRELLIS_MEASURE_MILESTONE, 0, 1, 0, 0.0 },
    { TRELLIS_MEASURE_NUMERIC, 5, 5, 7, 0.0 },        /* no range: no progress */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpfloat_with_epsilon (trellis_okr_progress (cases[i].m, cases[i].baseline, cases[i].target,
                                                          cases[i].current),
                                    cases[i].progress, 1e-12);
}

static void
test_score_and_band (void)
{
  static const struct { double progress, score; TrellisScoreBand band; } cases[] = {
    { 0.45, 0.5, TRELLIS_SCORE_YELLOW },   /* half up */
    { 0.44, 0.4, TRELLIS_SCORE_YELLOW },
    { 0.35, 0.4, TRELLIS_SCORE_YELLOW },
    { 0.34, 0.3, TRELLIS_SCORE_RED },
    { 1.25, 1.0, TRELLIS_SCORE_GREEN },    /* the score clamps */
    { -0.2, 0.0, TRELLIS_SCORE_RED },
    { 0.05, 0.1, TRELLIS_SCORE_RED },
    { 0.04, 0.0, TRELLIS_SCORE_RED },
    { 0.66, 0.7, TRELLIS_SCORE_GREEN },
    { 0.649, 0.6, TRELLIS_SCORE_YELLOW },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double score = trellis_okr_score (cases[i].progress);

      g_assert_cmpfloat_with_epsilon (score, cases[i].score, 1e-12);
      g_assert_cmpint (trellis_okr_score_band (score), ==, cases[i].band);
    }

  g_assert_cmpfloat (trellis_okr_expected_score (TRELLIS_COMMITMENT_COMMITTED), ==, 1.0);
  g_assert_cmpfloat (trellis_okr_expected_score (TRELLIS_COMMITMENT_ASPIRATIONAL), ==, 0.7);
}

static void
test_weighted_mean (void)
{
  const double values[] = { 0.5, 1.0, 0.2 };
  const double weights[] = { 0.5, 0.3, 0.2 };
  const double zero_weights[] = { 0.0, 0.0 };
  const double pair[] = { 0.2, 0.4 };

  /* 0.5×0.5 + 1.0×0.3 + 0.2×0.2 = 0.25 + 0.30 + 0.04 */
  g_assert_cmpfloat_with_epsilon (trellis_okr_weighted_mean (values, weights, 3), 0.59, 1e-12);
  g_assert_cmpfloat_with_epsilon (trellis_okr_weighted_mean (pair, zero_weights, 2), 0.3, 1e-12);
  g_assert_cmpfloat (trellis_okr_weighted_mean (NULL, NULL, 0), ==, 0.0);
}

static void
test_status (void)
{
  TrellisOkrThresholds t;
  static const struct { double expected, progress; TrellisProgressStatus status; } cases[] = {
    { 53.0 / 92.0, 0.5, TRELLIS_PROGRESS_ON_TRACK },  /* gap 7.6 */
    { 0.6, 0.436, TRELLIS_PROGRESS_ON_TRACK },        /* gap 16.4 */
    { 0.6, 0.435, TRELLIS_PROGRESS_BEHIND },          /* gap 16.5: behind from here */
    { 0.6, 0.27, TRELLIS_PROGRESS_BEHIND },           /* gap 33.0 */
    { 0.6, 0.269, TRELLIS_PROGRESS_AT_RISK },         /* gap 33.1 */
    { 0.2, 1.0, TRELLIS_PROGRESS_ACHIEVED },
    { 1.0, 0.99, TRELLIS_PROGRESS_ON_TRACK },
    { 0.5, 0.8, TRELLIS_PROGRESS_ON_TRACK },          /* ahead */
    { 1.0, 0.0, TRELLIS_PROGRESS_AT_RISK },
  };

  trellis_okr_thresholds_init (&t);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (trellis_okr_status (cases[i].progress, cases[i].expected, &t), ==, cases[i].status);

  /* A workspace may set its own thresholds. */
  t.behind_gap = 10;
  t.at_risk_gap = 20;
  g_assert_cmpint (trellis_okr_status (0.5, 53.0 / 92.0, &t), ==, TRELLIS_PROGRESS_ON_TRACK);
  g_assert_cmpint (trellis_okr_status (0.45, 0.6, &t), ==, TRELLIS_PROGRESS_BEHIND);
  g_assert_cmpint (trellis_okr_status (0.35, 0.6, &t), ==, TRELLIS_PROGRESS_AT_RISK);
}

static void
test_weights (void)
{
  static const struct { double w[3]; guint n; gboolean ok; double sum; } cases[] = {
    { { 0.25, 0.45, 0.30 }, 3, TRUE, 1.0 },
    { { 0.3, 0.3, 0.3 }, 3, FALSE, 0.9 },
    { { 0.3334, 0.3333, 0.3333 }, 3, TRUE, 1.0 },
    { { 0.5, 0.4994 }, 2, FALSE, 0.9994 },
    { { 0.7, 0.4 }, 2, FALSE, 1.1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double sum = 0;
      g_assert_cmpint (trellis_okr_weights_sum_to_one (cases[i].w, cases[i].n, &sum), ==, cases[i].ok);
      g_assert_cmpfloat_with_epsilon (sum, cases[i].sum, 1e-12);
    }
}

static void
test_renormalise (void)
{
  /* Seed 004: 25 % → 35 %; the rest (0.45, 0.30) scale by 0.65 / 0.75. */
  double seed[] = { 0.25, 0.45, 0.30 };
  double pair[] = { 0.5, 0.5 };
  double lonely[] = { 1.0, 0.0, 0.0 };

  trellis_okr_renormalise (seed, 3, 0, 0.35);
  g_assert_cmpfloat_with_epsilon (seed[0], 0.35, 1e-12);
  g_assert_cmpfloat_with_epsilon (seed[1], 0.39, 1e-12);
  g_assert_cmpfloat_with_epsilon (seed[2], 0.26, 1e-12);

  trellis_okr_renormalise (pair, 2, 1, 0.8);
  g_assert_cmpfloat_with_epsilon (pair[0], 0.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (pair[1], 0.8, 1e-12);

  /* Others all zero: they share what is left equally. */
  trellis_okr_renormalise (lonely, 3, 0, 0.5);
  g_assert_cmpfloat_with_epsilon (lonely[1], 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (lonely[2], 0.25, 1e-12);
}

static void
test_abnormal (void)
{
  TrellisOkrThresholds t;
  static const struct { double previous, current; gboolean abnormal; } cases[] = {
    { 0.40, 0.35, TRUE },   /* backwards */
    { 0.40, 0.70, FALSE },  /* exactly 30 points */
    { 0.40, 0.71, TRUE },
    { 0.40, 0.40, FALSE },
    { 0.10, 0.25, FALSE },
  };

  trellis_okr_thresholds_init (&t);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (trellis_okr_is_abnormal_change (cases[i].previous, cases[i].current, &t), ==,
                     cases[i].abnormal);
}

static void
test_lagging (void)
{
  TrellisOkrThresholds t;
  GDate start, end;
  static const struct { const char *last, *today; gboolean lagging; } cases[] = {
    { "2026-11-15", "2026-11-22", FALSE },  /* 7 days: not more than 7 */
    { "2026-11-14", "2026-11-22", TRUE },   /* 8 days */
    { NULL, "2026-10-05", FALSE },          /* the quarter has run 4 days */
    { NULL, "2026-10-09", TRUE },           /* 8 days and never a check-in */
    { "2026-11-01", "2027-01-05", FALSE },  /* the cycle is over */
  };

  trellis_okr_thresholds_init (&t);
  trellis_date_parse ("2026-10-01", &start);
  trellis_date_parse ("2026-12-31", &end);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate last, today;

      if (cases[i].last)
        trellis_date_parse (cases[i].last, &last);
      trellis_date_parse (cases[i].today, &today);
      g_assert_cmpint (trellis_okr_is_lagging (cases[i].last ? &last : NULL, &start, &end, &today, &t),
                       ==, cases[i].lagging);
    }
}

static void
test_adjustment (void)
{
  static const struct { double original, proposed, limit; gboolean allowed; double fraction; } cases[] = {
    { 100, 110, 0.1, TRUE, 0.1 },
    { 100, 110.0001, 0.1, FALSE, 0.100001 },
    { 100, 90, 0.1, TRUE, 0.1 },
    { 100, 89, 0.1, FALSE, 0.11 },
    { 100, 120, 0.2, TRUE, 0.2 },
    { 0.25, 0.275, 0.1, TRUE, 0.1 },
    { 0, 0, 0.1, TRUE, 0.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double fraction = 0;
      g_assert_cmpint (trellis_okr_adjustment_allowed (cases[i].original, cases[i].proposed, cases[i].limit,
                                                       &fraction), ==, cases[i].allowed);
      g_assert_cmpfloat_with_epsilon (fraction, cases[i].fraction, 1e-9);
    }

  g_assert_false (trellis_okr_adjustment_allowed (0, 1, 0.1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/okr/progress", test_progress);
  g_test_add_func ("/core/okr/score-and-band", test_score_and_band);
  g_test_add_func ("/core/okr/weighted-mean", test_weighted_mean);
  g_test_add_func ("/core/okr/status", test_status);
  g_test_add_func ("/core/okr/weights", test_weights);
  g_test_add_func ("/core/okr/renormalise", test_renormalise);
  g_test_add_func ("/core/okr/abnormal", test_abnormal);
  g_test_add_func ("/core/okr/lagging", test_lagging);
  g_test_add_func ("/core/okr/adjustment", test_adjustment);

  return g_test_run ();
}
