/* test-weight-rule.c
 *
 * Copyright 2026 The Trellis authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "goals-test-utils.h"

/* Seed 004: "当某大区A类客户新增签约超15%,系统自动提升该区域‘新客户首单转化率’
 * 指标权重至35%(原25%),并推送调整说明至区域经理". The North region (R1,
 * head Bob, E2) owns the objective; K2 is the growth of A-class signings. */
static const GoalsTestGoal region_goal = {
  "G000001", "华北大区新客户拓展", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_DEPARTMENT, "R1", NULL,
  TRELLIS_GOAL_STATE_APPROVED,
  { { "K000001", "新客户首单转化率", TRELLIS_MEASURE_PERCENTAGE, 0, 30, 0.25, "%" },
    { "K000002", "A类客户新增签约增长率", TRELLIS_MEASURE_PERCENTAGE, 0, 20, 0.45, "%" },
    { "K000003", "客户满意度", TRELLIS_MEASURE_NUMERIC, 80, 90, 0.30, NULL } },
};

#define SEED_EXPLANATION "A类客户新增签约超15%时,新客户首单转化率更关键,权重由25%提至35%。"

static char *
ids_text (GPtrArray *ids)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, g_ptr_array_index (ids, i));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
check_in_and_run (TrellisStore *store,
                  const char   *key_result_id,
                  double        value,
                  const char   *expected_changed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autofree char *text = NULL;

  goals_test_tick (store, 60);
  g_assert_cmpint (trellis_goal_repository_add_checkin (store, key_result_id, value, 7, NULL, "E2", NULL, &error), >, 0);
  g_assert_no_error (error);

  changed = trellis_weight_rule_run_for (store, key_result_id, &error);
  g_assert_no_error (error);
  text = ids_text (changed);
  g_assert_cmpstr (text, ==, expected_changed);
}

static void
assert_weights (TrellisStore       *store,
                const char * const *ids,
                const double       *weights,
                guint               n)
{
  double sum = 0;

  for (guint i = 0; i < n; i++)
    {
      double w = goals_test_key_result_weight (store, ids[i]);

      g_assert_cmpfloat_with_epsilon (w, weights[i], 1e-12);
      sum += w;
    }
  g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-12);
}

static void
test_seed_rule (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = goals_test_open_store ();
  g_autoptr(TrellisGoal) goal = goals_test_add_goal (store, &region_goal);
  g_autoptr(GPtrArray) rules = NULL;
  g_autofree char *id = NULL;
  g_autofree char *notices = NULL;
  g_autofree char *audit = NULL;
  static const char * const ids[] = { "K000001", "K000002", "K000003" };
  static const double before[] = { 0.25, 0.45, 0.30 };
  /* K1 → 0.35; the other two share 0.65 in their old 0.45 : 0.30 ratio:
   * 0.45 × 0.65 / 0.75 = 0.39 and 0.30 × 0.65 / 0.75 = 0.26. */
  static const double after[] = { 0.35, 0.39, 0.26 };
  TrellisWeightRule *rule;

  id = trellis_weight_rule_add (store, "A类客户签约激增", "K000002", "value", ">", 15,
                                "K000001", 0.35, SEED_EXPLANATION, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "WR000001");

  /* 15 is not more than 15. */
  check_in_and_run (store, "K000002", 15, "");
  assert_weights (store, ids, before, G_N_ELEMENTS (ids));

  /* 18 > 15: it fires, at 11:00 (two ticks of an hour from 09:00). */
  check_in_and_run (store, "K000002", 18, "K000001 K000002 K000003");
  assert_weights (store, ids, after, G_N_ELEMENTS (ids));

  /* It fires once: 20 changes nothing more. */
  check_in_and_run (store, "K000002", 20, "");
  assert_weights (store, ids, after, G_N_ELEMENTS (ids));

  rules = trellis_weight_rule_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, ==, 1);
  rule = g_ptr_array_index (rules, 0);
  g_assert_cmpstr (rule->fired_at, ==, "2026-02-10T11:00:00Z");
  g_assert_cmpstr (rule->watch_kr_id, ==, "K000002");
  g_assert_cmpstr (rule->target_kr_id, ==, "K000001");
  g_assert_cmpfloat (rule->new_weight, ==, 0.35);

  /* The regional manager, Bob, reads why. */
  notices = goals_test_query (store, "SELECT goal_id, recipient_id, at, message FROM notices");
  g_assert_cmpstr (notices, ==,
                   "G000001|E2|2026-02-10T11:00:00Z|" SEED_EXPLANATION " "
                   "“A类客户新增签约增长率” is 18 % (> 15 %): the weight of “新客户首单转化率” rises from 25 % to 35 %; "
                   "the other key results were rescaled to keep 100 %.");

  /* The weights were changed by the rule, not by Bob: no actor. */
  audit = goals_test_query (store,
                            "SELECT actor_id, entity, entity_id, action, field, old_value, new_value FROM audit_log"
                            " WHERE at = '2026-02-10T11:00:00Z' AND action <> 'create' ORDER BY id");
  g_assert_cmpstr (audit, ==,
                   "|key_result|K000001|update|weight|0.25|0.35\n"
                   "|key_result|K000002|update|weight|0.45|0.39\n"
                   "|key_result|K000003|update|weight|0.3|0.26\n"
                   "|weight_rule|WR000001|fire|||" SEED_EXPLANATION);
}

static void
test_progress_metric (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = goals_test_open_store ();
  g_autoptr(TrellisGoal) goal = goals_test_add_goal (store, &(GoalsTestGoal) {
    "G000001", "Serve hospitals well", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E5", NULL,
    TRELLIS_GOAL_STATE_APPROVED,
    { { "K000001", "Satisfaction", TRELLIS_MEASURE_NUMERIC, 80, 90, 0.5, NULL },
      { "K000002", "Repeat orders", TRELLIS_MEASURE_NUMERIC, 0, 30, 0.3, NULL },
      { "K000003", "Training hours", TRELLIS_MEASURE_NUMERIC, 0, 20, 0.2, NULL } },
  });
  g_autofree char *id = NULL;
  g_autofree char *notices = NULL;
  static const char * const ids[] = { "K000001", "K000002", "K000003" };
  /* K2 0.3 → 0.4; K1 and K3 share 0.6 in their 0.5 : 0.2 ratio:
   * 0.5 × 0.6 / 0.7 = 0.428571…, 0.2 × 0.6 / 0.7 = 0.171428… */
  static const double after[] = { 0.5 * 0.6 / 0.7, 0.4, 0.2 * 0.6 / 0.7 };

  id = trellis_weight_rule_add (store, "Satisfaction nearly there", "K000001", "progress", ">=", 0.8,
                                "K000002", 0.4, "Satisfaction is nearly met: repeat orders matter more now.", &error);
  g_assert_no_error (error);

  /* (87 − 80) / (90 − 80) = 0.7 < 0.8 */
  check_in_and_run (store, "K000001", 87, "");
  /* (88 − 80) / (90 − 80) = 0.8 ≥ 0.8 */
  check_in_and_run (store, "K000001", 88, "K000001 K000002 K000003");
  assert_weights (store, ids, after, G_N_ELEMENTS (ids));

  notices = goals_test_query (store, "SELECT recipient_id, message FROM notices");
  g_assert_cmpstr (notices, ==,
                   "E5|Satisfaction is nearly met: repeat orders matter more now. "
                   "The progress of “Satisfaction” is 80 % (>= 80 %): the weight of “Repeat orders” rises "
                   "from 30 % to 40 %; the other key results were rescaled to keep 100 %.");
}

static void
test_several_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = goals_test_open_store ();
  g_autoptr(TrellisGoal) goal = goals_test_add_goal (store, &region_goal);
  g_autofree char *up = NULL;
  g_autofree char *down = NULL;
  static const char * const ids[] = { "K000001", "K000002", "K000003" };
  /* Only the "< 5" rule fires at 4: K3 0.30 → 0.20; K1 and K2 share 0.8 in
   * their 0.25 : 0.45 ratio: 0.25 × 0.8 / 0.7 = 0.285714…, 0.45 × 0.8 / 0.7
   * = 0.514285… */
  static const double after[] = { 0.25 * 0.8 / 0.7, 0.45 * 0.8 / 0.7, 0.2 };
  g_autoptr(GPtrArray) rules = NULL;

  up = trellis_weight_rule_add (store, "Growth", "K000002", "value", ">", 15, "K000001", 0.35, "", &error);
  g_assert_no_error (error);
  down = trellis_weight_rule_add (store, "Slump", "K000002", "value", "<", 5, "K000003", 0.2,
                                  "Signings stalled.", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (down, ==, "WR000002");

  check_in_and_run (store, "K000002", 4, "K000001 K000002 K000003");
  assert_weights (store, ids, after, G_N_ELEMENTS (ids));

  /* A check-in on another KR runs no rule. */
  check_in_and_run (store, "K000001", 20, "");

  rules = trellis_weight_rule_list (store, &error);
  g_assert_no_error (error);
  g_assert_null (((TrellisWeightRule *)g_ptr_array_index (rules, 0))->fired_at);
  g_assert_nonnull (((TrellisWeightRule *)g_ptr_array_index (rules, 1))->fired_at);
}

static void
test_matches (void)
{
  static const struct { const char *comparison; double observed, threshold; gboolean matches; } cases[] = {
    { ">", 18, 15, TRUE },
    { ">", 15, 15, FALSE },
    { ">", 15.0001, 15, TRUE },
    { ">=", 15, 15, TRUE },
    { ">=", 14.9999, 15, FALSE },
    { "<", 14, 15, TRUE },
    { "<", 15, 15, FALSE },
    { "<=", 15, 15, TRUE },
    { "<=", 16, 15, FALSE },
    { ">", -1, -2, TRUE },
    { "==", 15, 15, FALSE },
    { "", 15, 15, FALSE },
    { NULL, 15, 15, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (trellis_weight_rule_matches (cases[i].comparison, cases[i].observed, cases[i].threshold),
                     ==, cases[i].matches);
}

static void
test_add_validation (void)
{
  g_autoptr(TrellisStore) store = goals_test_open_store ();
  g_autoptr(TrellisGoal) goal = goals_test_add_goal (store, &region_goal);
  g_autoptr(TrellisGoal) single = goals_test_add_goal (store, &(GoalsTestGoal) {
    "G000002", "One KR", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E5", NULL, TRELLIS_GOAL_STATE_APPROVED,
    { { "K000009", "Alone", TRELLIS_MEASURE_NUMERIC, 0, 10, 1.0, NULL } },
  });
  static const struct {
    const char *name, *watch, *metric, *comparison, *target; double weight; int code; const char *message;
  } cases[] = {
    { "R", "K999999", "value", ">", "K000001", 0.35, TRELLIS_GOAL_ERROR_NOT_FOUND,
      "There is no key result with id “K999999”" },
    { "R", "K000002", "value", ">", "K999999", 0.35, TRELLIS_GOAL_ERROR_NOT_FOUND,
      "There is no key result with id “K999999”" },
    { "R", "K000002", "value", ">", "K000001", 1.0, TRELLIS_GOAL_ERROR_INVALID,
      "Rule “R”: the new weight must be more than 0 % and less than 100 %, not 100 %" },
    { "R", "K000002", "value", ">", "K000001", 0.0, TRELLIS_GOAL_ERROR_INVALID,
      "Rule “R”: the new weight must be more than 0 % and less than 100 %, not 0 %" },
    { "R", "K000002", "value", "=>", "K000001", 0.35, TRELLIS_GOAL_ERROR_INVALID,
      "Rule “R”: “=>” is not a comparison; use >, >=, < or <=" },
    { "R", "K000002", "score", ">", "K000001", 0.35, TRELLIS_GOAL_ERROR_INVALID,
      "Rule “R”: “score” is not a metric; use value or progress" },
    { " ", "K000002", "value", ">", "K000001", 0.35, TRELLIS_GOAL_ERROR_INVALID,
      "A weight rule needs a name" },
    { "R", "K000002", "value", ">", "K000009", 0.35, TRELLIS_GOAL_ERROR_INVALID,
      "Rule “R”: key result “K000009” is the only one of its goal, so its weight cannot change" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = trellis_weight_rule_add (store, cases[i].name, cases[i].watch, cases[i].metric,
                                                     cases[i].comparison, 15, cases[i].target, cases[i].weight,
                                                     "Why", &error);

      g_assert_null (id);
      g_assert_error (error, TRELLIS_GOAL_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
  g_assert_cmpint (goals_test_count (store, "SELECT count(*) FROM weight_rules"), ==, 0);
}

static void
test_validate_fields (void)
{
  g_autoptr(TrellisStore) store = goals_test_open_store ();
  g_autoptr(TrellisGoal) goal = goals_test_add_goal (store, &region_goal);
  g_autoptr(TrellisGoal) single = goals_test_add_goal (store, &(GoalsTestGoal) {
    "G000002", "One KR", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E5", NULL, TRELLIS_GOAL_STATE_APPROVED,
    { { "K000009", "Alone", TRELLIS_MEASURE_NUMERIC, 0, 10, 1.0, NULL } },
  });
  static const struct {
    const char *name, *watch, *metric, *comparison; double threshold; const char *target; double weight;
    TrellisWeightRuleField field; const char *message;
  } cases[] = {
    { "R", "K000002", "value", ">", 15, "K000001", 0.35, TRELLIS_WEIGHT_RULE_FIELD_NONE, NULL },
    { "", "K000002", "value", ">", 15, "K000001", 0.35, TRELLIS_WEIGHT_RULE_FIELD_NAME,
      "A weight rule needs a name" },
    { "R", NULL, "value", ">", 15, "K000001", 0.35, TRELLIS_WEIGHT_RULE_FIELD_WATCHED,
      "Rule “R”: choose the key result to watch" },
    { "R", "K999999", "value", ">", 15, "K000001", 0.35, TRELLIS_WEIGHT_RULE_FIELD_WATCHED,
      "There is no key result with id “K999999”" },
    { "R", "K000002", "size", ">", 15, "K000001", 0.35, TRELLIS_WEIGHT_RULE_FIELD_METRIC,
      "Rule “R”: “size” is not a metric; use value or progress" },
    { "R", "K000002", "progress", "≥", 0.8, "K000001", 0.35, TRELLIS_WEIGHT_RULE_FIELD_COMPARISON,
      "Rule “R”: “≥” is not a comparison; use >, >=, < or <=" },
    { "R", "K000002", "value", ">", NAN, "K000001", 0.35, TRELLIS_WEIGHT_RULE_FIELD_THRESHOLD,
      "Rule “R”: the threshold is not a number" },
    { "R", "K000002", "value", ">", INFINITY, "K000001", 0.35, TRELLIS_WEIGHT_RULE_FIELD_THRESHOLD,
      "Rule “R”: the threshold is not a number" },
    { "R", "K000002", "value", ">", 15, "", 0.35, TRELLIS_WEIGHT_RULE_FIELD_TARGET,
      "Rule “R”: choose the key result whose weight changes" },
    { "R", "K000002", "value", ">", 15, "K000009", 0.35, TRELLIS_WEIGHT_RULE_FIELD_TARGET,
      "Rule “R”: key result “K000009” is the only one of its goal, so its weight cannot change" },
    { "R", "K000002", "value", ">", 15, "K000001", 1.2, TRELLIS_WEIGHT_RULE_FIELD_NEW_WEIGHT,
      "Rule “R”: the new weight must be more than 0 % and less than 100 %, not 120 %" },
    /* The first problem in the order trellis_weight_rule_add() checks. */
    { "R", NULL, "value", ">", NAN, NULL, 0.35, TRELLIS_WEIGHT_RULE_FIELD_THRESHOLD,
      "Rule “R”: the threshold is not a number" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) add_error = NULL;
      g_autofree char *id = NULL;
      TrellisWeightRuleField field = TRELLIS_WEIGHT_RULE_FIELD_NAME;
      gboolean valid;

      g_test_message ("case %u", i);
      valid = trellis_weight_rule_validate (store, cases[i].name, cases[i].watch, cases[i].metric,
                                            cases[i].comparison, cases[i].threshold, cases[i].target,
                                            cases[i].weight, &field, &error);
      g_assert_cmpint (field, ==, cases[i].field);
      if (cases[i].message == NULL)
        {
          g_assert_true (valid);
          g_assert_no_error (error);
          continue;
        }
      g_assert_false (valid);
      g_assert_cmpstr (error->message, ==, cases[i].message);

      /* Adding says the same. */
      id = trellis_weight_rule_add (store, cases[i].name, cases[i].watch, cases[i].metric, cases[i].comparison,
                                    cases[i].threshold, cases[i].target, cases[i].weight, "Why", &add_error);
      g_assert_null (id);
      g_assert_cmpstr (add_error->message, ==, error->message);
    }
  /* Validating stores nothing. */
  g_assert_cmpint (goals_test_count (store, "SELECT count(*) FROM weight_rules"), ==, 0);
}

static void
test_delete (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = goals_test_open_store ();
  g_autoptr(TrellisGoal) goal = goals_test_add_goal (store, &region_goal);
  g_autofree char *growth = NULL;
  g_autofree char *slump = NULL;
  g_autofree char *left = NULL;
  gint64 audit_rows;

  growth = trellis_weight_rule_add (store, "Growth", "K000002", "value", ">", 15, "K000001", 0.35, "", &error);
  g_assert_no_error (error);
  slump = trellis_weight_rule_add (store, "Slump", "K000002", "value", "<", 5, "K000003", 0.2, "", &error);
  g_assert_no_error (error);

  /* 18 fires "Growth" only. */
  check_in_and_run (store, "K000002", 18, "K000001 K000002 K000003");
  audit_rows = goals_test_count (store, "SELECT count(*) FROM audit_log");

  /* A fired rule explains weights that changed: it stays. */
  g_assert_false (trellis_weight_rule_delete (store, growth, &error));
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_ALLOWED);
  g_assert_cmpstr (error->message, ==, "Rule “Growth” has fired and stays on record: it explains the weights it changed");
  g_clear_error (&error);

  g_assert_true (trellis_weight_rule_delete (store, slump, &error));
  g_assert_no_error (error);
  left = goals_test_query (store, "SELECT id, name, fired_at FROM weight_rules");
  g_assert_cmpstr (left, ==, "WR000001|Growth|2026-02-10T10:00:00Z");

  g_assert_false (trellis_weight_rule_delete (store, slump, &error));
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no weight rule with id “WR000002”");
  g_clear_error (&error);

  /* The audit trail has one row more: the deletion, naming the rule. */
  g_assert_cmpint (goals_test_count (store, "SELECT count(*) FROM audit_log"), ==, audit_rows + 1);
  g_free (left);
  left = goals_test_query (store, "SELECT entity_id, action, coalesce (old_value, new_value) FROM audit_log"
                                  " WHERE entity = 'weight_rule' ORDER BY id");
  g_assert_cmpstr (left, ==, "WR000001|create|Growth\n"
                             "WR000002|create|Slump\n"
                             "WR000001|fire|\n"
                             "WR000002|delete|Slump");

  /* The trail names WR000002, so a new rule is not given its id. */
  g_clear_pointer (&slump, g_free);
  slump = trellis_weight_rule_add (store, "Slump", "K000002", "value", "<", 5, "K000003", 0.2, "", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (slump, ==, "WR000003");
}

static char *
search_text (TrellisStore *store,
             const char   *text,
             const char   *open_on,
             guint         limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = trellis_weight_rule_search_key_results (store, text, open_on, limit, &error);
  g_autoptr(GString) ids = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    {
      TrellisWeightRuleKeyResult *kr = g_ptr_array_index (found, i);

      if (i > 0)
        g_string_append_c (ids, ' ');
      g_string_append (ids, kr->id);
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
test_search_key_results (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = goals_test_open_store ();
  g_autoptr(TrellisGoal) region = goals_test_add_goal (store, &region_goal);
  g_autoptr(TrellisGoal) eve = goals_test_add_goal (store, &(GoalsTestGoal) {
    "G000002", "Serve hospitals well", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E5", "2026-Q2",
    TRELLIS_GOAL_STATE_APPROVED,
    { { "K000004", "Satisfaction", TRELLIS_MEASURE_NUMERIC, 80, 90, 0.5, NULL },
      { "K000005", "Repeat orders 100%_done", TRELLIS_MEASURE_NUMERIC, 0, 30, 0.5, "orders" } },
  });
  /* The region goal is in 2026-Q1 (31 March), Eve's in 2026-Q2 (30 June). */
  static const struct { const char *text, *open_on; guint limit; const char *ids; } cases[] = {
    { "", NULL, 10, "K000001 K000002 K000003 K000004 K000005" },
    { NULL, NULL, 10, "K000001 K000002 K000003 K000004 K000005" },
    /* Key result titles */
    { "满意度", NULL, 10, "K000003" },
    { "SATISF", NULL, 10, "K000004" },
    /* The goal's title */
    { "hospitals", NULL, 10, "K000004 K000005" },
    { "大区新客户", NULL, 10, "K000001 K000002 K000003" },
    /* The owner: a department, an employee */
    { "north", NULL, 10, "K000001 K000002 K000003" },
    { " Eve ", NULL, 10, "K000004 K000005" },
    /* A key result's id, whole, or its goal's */
    { "K000002", NULL, 10, "K000002" },
    { "K00000", NULL, 10, "" },
    { "G000002", NULL, 10, "K000004 K000005" },
    { "G00000", NULL, 10, "" },
    /* % and _ are text, not wildcards */
    { "100%_", NULL, 10, "K000005" },
    { "0%d", NULL, 10, "" },
    { "_", NULL, 10, "K000005" },
    { "Nobody", NULL, 10, "" },
    /* Every word must match, each anywhere: title and owner */
    { "客户 North", NULL, 10, "K000001 K000002 K000003" },
    { "签约 north", NULL, 10, "K000002" },
    { "repeat\u3000eve", NULL, 10, "K000005" },
    { "Satisfaction North", NULL, 10, "" },
    /* Words past the fourth are ignored. */
    { "Eve eve EVE Eve Nobody", NULL, 10, "K000004 K000005" },
    { "Eve eve EVE Nobody", NULL, 10, "" },
    /* Only cycles still open: Q1 ended on 31 March. */
    { "", "2026-03-31", 10, "K000001 K000002 K000003 K000004 K000005" },
    { "", "2026-04-01", 10, "K000004 K000005" },
    { "north", "2026-04-01", 10, "" },
    { "", "2026-07-01", 10, "" },
    { "", NULL, 0, "" },
  };
  g_autoptr(TrellisWeightRuleKeyResult) kr = NULL;

  g_autoptr(GPtrArray) two = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ids = search_text (store, cases[i].text, cases[i].open_on, cases[i].limit);

      g_test_message ("case %u: “%s”", i, cases[i].text ? cases[i].text : "(null)");
      g_assert_cmpstr (ids, ==, cases[i].ids);
    }

  /* Which of more matches come back is up to SQLite; how many is not. */
  two = trellis_weight_rule_search_key_results (store, "  ", NULL, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (two->len, ==, 2);

  kr = trellis_weight_rule_get_key_result (store, "K000005", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kr->title, ==, "Repeat orders 100%_done");
  g_assert_cmpint (kr->measure, ==, TRELLIS_MEASURE_NUMERIC);
  g_assert_cmpstr (kr->unit, ==, "orders");
  g_assert_cmpfloat (kr->weight, ==, 0.5);
  g_assert_cmpstr (kr->goal_id, ==, "G000002");
  g_assert_cmpstr (kr->goal_title, ==, "Serve hospitals well");
  g_assert_cmpstr (kr->owner_name, ==, "Eve");
  g_assert_cmpstr (kr->cycle_id, ==, "2026-Q2");
  g_clear_pointer (&kr, trellis_weight_rule_key_result_free);

  kr = trellis_weight_rule_get_key_result (store, "K000001", &error);
  g_assert_no_error (error);
  g_assert_cmpint (kr->measure, ==, TRELLIS_MEASURE_PERCENTAGE);
  g_assert_cmpstr (kr->owner_name, ==, "North");
  g_assert_cmpfloat (kr->weight, ==, 0.25);
  g_clear_pointer (&kr, trellis_weight_rule_key_result_free);

  kr = trellis_weight_rule_get_key_result (store, "K999999", &error);
  g_assert_null (kr);
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no key result with id “K999999”");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/weight-rule/seed-rule", test_seed_rule);
  g_test_add_func ("/core/weight-rule/progress-metric", test_progress_metric);
  g_test_add_func ("/core/weight-rule/several-rules", test_several_rules);
  g_test_add_func ("/core/weight-rule/matches", test_matches);
  g_test_add_func ("/core/weight-rule/add-validation", test_add_validation);
  g_test_add_func ("/core/weight-rule/validate-fields", test_validate_fields);
  g_test_add_func ("/core/weight-rule/delete", test_delete);
  g_test_add_func ("/core/weight-rule/search-key-results", test_search_key_results);

  return g_test_run ();
}
