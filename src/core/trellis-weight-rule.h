/* trellis-weight-rule.h
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

#include "trellis-store.h"

G_BEGIN_DECLS

/* A dynamic weight rule (seed 004): when a watched key result's value or
 * progress crosses a threshold, another key result's weight is set to a new
 * value, the other KRs of its objective are re-normalised to keep 100 %,
 * and the owner gets the explanation. A rule fires once. */
typedef struct {
  char   *id;
  char   *name;
  char   *watch_kr_id;
  char   *metric;        /* "value" or "progress" */
  char   *comparison;    /* ">", ">=", "<", "<=" */
  double  threshold;
  char   *target_kr_id;
  double  new_weight;
  char   *explanation;
  char   *fired_at;      /* NULL until it fires */
} TrellisWeightRule;

void               trellis_weight_rule_free        (TrellisWeightRule *rule);

/* Validates (KRs exist, target's objective has other KRs, 0 < weight < 1,
 * comparison known) and stores a rule. Returns its id. */
char              *trellis_weight_rule_add         (TrellisStore       *store,
                                                    const char         *name,
                                                    const char         *watch_kr_id,
                                                    const char         *metric,
                                                    const char         *comparison,
                                                    double              threshold,
                                                    const char         *target_kr_id,
                                                    double              new_weight,
                                                    const char         *explanation,
                                                    GError            **error);
GPtrArray         *trellis_weight_rule_list        (TrellisStore       *store,
                                                    GError            **error);
/* Pure: does a value/progress satisfy the rule's comparison? */
gboolean           trellis_weight_rule_matches     (const char         *comparison,
                                                    double              observed,
                                                    double              threshold);
/* Runs the unfired rules watching @key_result_id (call after a check-in).
 * For each that fires, writes the new weights, marks it fired, appends a
 * notice for the owner. Returns the ids of the key results whose weight
 * changed (transfer full), so a goal tree can update. */
GPtrArray         *trellis_weight_rule_run_for     (TrellisStore       *store,
                                                    const char         *key_result_id,
                                                    GError            **error);

G_END_DECLS
