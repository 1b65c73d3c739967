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

#include "trellis-okr.h"
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

/* The part of a rule a validation error is about, so a form can show the
 * message next to it. */
typedef enum {
  TRELLIS_WEIGHT_RULE_FIELD_NONE,
  TRELLIS_WEIGHT_RULE_FIELD_NAME,
  TRELLIS_WEIGHT_RULE_FIELD_WATCHED,
  TRELLIS_WEIGHT_RULE_FIELD_METRIC,
  TRELLIS_WEIGHT_RULE_FIELD_COMPARISON,
  TRELLIS_WEIGHT_RULE_FIELD_THRESHOLD,
  TRELLIS_WEIGHT_RULE_FIELD_TARGET,
  TRELLIS_WEIGHT_RULE_FIELD_NEW_WEIGHT,
} TrellisWeightRuleField;

/* A key result as someone writing a rule picks it: what it measures and
 * whose goal it belongs to. */
typedef struct {
  char           *id;
  char           *title;
  TrellisMeasure  measure;
  char           *unit;
  double          weight;
  char           *goal_id;
  char           *goal_title;
  char           *owner_name;   /* the employee, or the department */
  char           *cycle_id;
} TrellisWeightRuleKeyResult;

void               trellis_weight_rule_free        (TrellisWeightRule *rule);
void               trellis_weight_rule_key_result_free (TrellisWeightRuleKeyResult *key_result);

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
/* The checks trellis_weight_rule_add() makes, in the same order and with
 * the same messages, plus which field failed (@out_field may be NULL). */
gboolean           trellis_weight_rule_validate    (TrellisStore       *store,
                                                    const char         *name,
                                                    const char         *watch_kr_id,
                                                    const char         *metric,
                                                    const char         *comparison,
                                                    double              threshold,
                                                    const char         *target_kr_id,
                                                    double              new_weight,
                                                    TrellisWeightRuleField *out_field,
                                                    GError            **error);
GPtrArray         *trellis_weight_rule_list        (TrellisStore       *store,
                                                    GError            **error);
/* Removes a rule that has not fired. A fired rule stays: it explains the
 * weights it changed (TRELLIS_GOAL_ERROR_NOT_ALLOWED). */
gboolean           trellis_weight_rule_delete      (TrellisStore       *store,
                                                    const char         *rule_id,
                                                    GError            **error);
/* Words of a search beyond this many are ignored. */
#define TRELLIS_WEIGHT_RULE_SEARCH_MAX_WORDS 4

/* Up to @limit key results, sorted by id, matching every word of @text
 * (split at spaces): a word matches a key result whose id or goal's id it
 * is, or whose title, goal title or owner's name contains it (ASCII case
 * ignored). Blank @text matches every key result. With @open_on
 * ("YYYY-MM-DD") only goals whose cycle has not ended by that day count: a
 * rule on an ended cycle would never fire. The workspace may hold over a
 * million key results: only @limit rows are read, so which of more matches
 * come back is unspecified. */
GPtrArray         *trellis_weight_rule_search_key_results (TrellisStore *store,
                                                    const char         *text,
                                                    const char         *open_on,
                                                    guint               limit,
                                                    GError            **error);
/* One key result, as the search gives it; NULL with
 * TRELLIS_GOAL_ERROR_NOT_FOUND when there is none. */
TrellisWeightRuleKeyResult *trellis_weight_rule_get_key_result (TrellisStore *store,
                                                    const char         *key_result_id,
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisWeightRule, trellis_weight_rule_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisWeightRuleKeyResult, trellis_weight_rule_key_result_free)

G_END_DECLS
