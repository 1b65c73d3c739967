/* test-goal-tree.c
 *
 * Copyright 2026 The Trellis authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trellis-core.h"

#include "../goal-tree-test-utils.h"

/* The cascade used throughout, on 2026-11-22 (day 326 of 365; day 53 of
 * the 92 days of Q4):
 *
 *   O1  company, 2026, weight 1.0                      own = (0.75 + 0.5) / 2 = 0.625
 *   ├── K1  signings 0 → 400, now 300, w 0.5            0.75, gap 89.3 − 75 = 14.3: on track
 *   └── K2  response hours 8 → 4, now 6, w 0.5          0.50, gap 39.3: at risk  ⇒ O1 at risk
 *         aligned to K1:
 *         R   region R01, Q4, weight 0.6, KR 0 → 100 now 50      0.5, gap 7.6: on track
 *         │   └── P  employee E2, Q4, weight 0.8, milestone done  1.0: achieved
 *         R2  region R02, Q4, weight 0.4, KR 0 → 10 now 2         0.2, gap 37.6: at risk
 *   U   employee E2, Q4, weight 0.2, unaligned, KR 0 → 10 never checked in: lagging
 *
 *   O1 aligned = (0.6 × 0.5 + 0.4 × 0.2) / (0.6 + 0.4) = 0.38; R aligned = 1.0
 */

typedef struct {
  const char *id, *goal, *title;
  TrellisMeasure measure;
  double baseline, target, current, weight;
  const char *last;
} KrRow;

static const KrRow kr_rows[] = {
  { "K1", "O1", "A-class signings", TRELLIS_MEASURE_NUMERIC, 0, 400, 300, 0.5, "2026-11-10T09:00:00Z" },
  { "K2", "O1", "Response hours", TRELLIS_MEASURE_NUMERIC, 8, 4, 6, 0.5, "2026-11-10T09:00:00Z" },
  { "RK", "R", "Regional sales", TRELLIS_MEASURE_NUMERIC, 0, 100, 50, 1.0, "2026-11-20T09:00:00Z" },
  { "R2K", "R2", "New hospitals", TRELLIS_MEASURE_NUMERIC, 0, 10, 2, 1.0, "2026-11-20T09:00:00Z" },
  { "PK", "P", "Tender submitted", TRELLIS_MEASURE_MILESTONE, 0, 1, 1, 1.0, "2026-11-21T09:00:00Z" },
  { "UK", "U", "Course hours", TRELLIS_MEASURE_NUMERIC, 0, 10, 0, 1.0, NULL },
};

static const struct {
  const char *id, *title, *cycle, *parent_goal, *parent_kr;
  TrellisOwnerKind owner_kind;
  const char *owner;
  double weight;
} goal_rows[] = {
  { "O1", "Grow the business", "2026", NULL, NULL, TRELLIS_OWNER_COMPANY, "C", 1.0 },
  { "R", "Win Shanghai", "2026-Q4", NULL, "K1", TRELLIS_OWNER_DEPARTMENT, "R01", 0.6 },
  { "R2", "Open Jiangsu", "2026-Q4", NULL, "K1", TRELLIS_OWNER_DEPARTMENT, "R02", 0.4 },
  { "P", "Land the tender", "2026-Q4", "R", NULL, TRELLIS_OWNER_EMPLOYEE, "E2", 0.8 },
  { "U", "Learn negotiation", "2026-Q4", NULL, NULL, TRELLIS_OWNER_EMPLOYEE, "E2", 0.2 },
};

static GPtrArray *
build_goals (void)
{
  GPtrArray *goals = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (goal_rows); i++)
    {
      TrellisGoal *goal = trellis_goal_new (&(TrellisGoalFields) {
        .id = goal_rows[i].id,
        .kind = TRELLIS_GOAL_OBJECTIVE,
        .title = goal_rows[i].title,
        .owner_kind = goal_rows[i].owner_kind,
        .department_id = goal_rows[i].owner_kind == TRELLIS_OWNER_EMPLOYEE ? NULL : goal_rows[i].owner,
        .employee_id = goal_rows[i].owner_kind == TRELLIS_OWNER_EMPLOYEE ? goal_rows[i].owner : NULL,
        .cycle_id = goal_rows[i].cycle,
        .parent_goal_id = goal_rows[i].parent_goal,
        .parent_kr_id = goal_rows[i].parent_kr,
        .weight = goal_rows[i].weight,
        .original_weight = goal_rows[i].weight,
        .state = TRELLIS_GOAL_STATE_APPROVED,
        .created_at = "2026-10-01T08:00:00Z",
      });

      for (guint j = 0; j < G_N_ELEMENTS (kr_rows); j++)
        {
          g_autoptr(TrellisKeyResult) kr = NULL;

          if (!g_str_equal (kr_rows[j].goal, goal_rows[i].id))
            continue;
          kr = trellis_key_result_new (&(TrellisKeyResultFields) {
            .id = kr_rows[j].id, .goal_id = kr_rows[j].goal, .title = kr_rows[j].title,
            .measure = kr_rows[j].measure, .baseline = kr_rows[j].baseline,
            .target = kr_rows[j].target, .original_target = kr_rows[j].target,
            .current = kr_rows[j].current, .weight = kr_rows[j].weight,
            .original_weight = kr_rows[j].weight, .last_checkin_at = kr_rows[j].last,
            .confidence = -1,
          });
          trellis_goal_add_key_result (goal, kr);
        }
      g_ptr_array_add (goals, goal);
    }

  return goals;
}

static GDate
today (void)
{
  GDate date;
  trellis_date_parse ("2026-11-22", &date);
  return date;
}

static TrellisGoalTree *
build_tree (void)
{
  g_autoptr(GPtrArray) goals = build_goals ();
  g_autoptr(GPtrArray) cycles = trellis_cycle_build_year (2026);
  GDate date = today ();

  return trellis_goal_tree_new (goals, cycles, NULL, &date, NULL);
}

static char *
model_ids (GListModel *model)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TrellisGoal) goal = g_list_model_get_item (model, i);
      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, trellis_goal_get_id (goal));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
assert_numbers (TrellisGoalTree *tree)
{
  static const struct {
    const char *id;
    double progress, score, aligned;
    guint n_children;
    TrellisProgressStatus status;
    gboolean lagging, unaligned;
  } expected[] = {
    { "O1", 0.625, 0.6, 0.38, 2, TRELLIS_PROGRESS_AT_RISK, TRUE, FALSE },
    { "R", 0.5, 0.5, 1.0, 1, TRELLIS_PROGRESS_ON_TRACK, FALSE, FALSE },
    { "R2", 0.2, 0.2, 0.0, 0, TRELLIS_PROGRESS_AT_RISK, FALSE, FALSE },
    { "P", 1.0, 1.0, 0.0, 0, TRELLIS_PROGRESS_ACHIEVED, FALSE, FALSE },
    { "U", 0.0, 0.0, 0.0, 0, TRELLIS_PROGRESS_AT_RISK, TRUE, TRUE },
  };
  static const struct { const char *id; double progress; TrellisProgressStatus status; } krs[] = {
    { "K1", 0.75, TRELLIS_PROGRESS_ON_TRACK },
    { "K2", 0.5, TRELLIS_PROGRESS_AT_RISK },
    { "R2K", 0.2, TRELLIS_PROGRESS_AT_RISK },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      TrellisGoal *goal = tree_goal (tree, expected[i].id);

      g_test_message ("goal %s", expected[i].id);
      g_assert_nonnull (goal);
      g_assert_cmpfloat_with_epsilon (trellis_goal_get_progress (goal), expected[i].progress, 1e-12);
      g_assert_cmpfloat_with_epsilon (trellis_goal_get_score (goal), expected[i].score, 1e-12);
      g_assert_cmpfloat_with_epsilon (trellis_goal_get_aligned_progress (goal), expected[i].aligned, 1e-12);
      g_assert_cmpuint (trellis_goal_get_n_children (goal), ==, expected[i].n_children);
      g_assert_cmpint (trellis_goal_get_progress_status (goal), ==, expected[i].status);
      g_assert_cmpint (trellis_goal_get_lagging (goal), ==, expected[i].lagging);
      g_assert_cmpint (trellis_goal_is_unaligned (goal), ==, expected[i].unaligned);
      g_assert_false (trellis_goal_get_abnormal (goal));
    }

  for (guint i = 0; i < G_N_ELEMENTS (krs); i++)
    {
      TrellisKeyResult *kr = tree_key_result (tree, krs[i].id);

      g_assert_cmpfloat_with_epsilon (trellis_key_result_get_progress (kr), krs[i].progress, 1e-12);
      g_assert_cmpint (trellis_key_result_get_progress_status (kr), ==, krs[i].status);
    }
}

static void
test_rollup (void)
{
  g_autoptr(TrellisGoalTree) tree = build_tree ();
  g_autoptr(GListModel) children = NULL;
  g_autoptr(GPtrArray) path = NULL;
  g_autofree char *roots = NULL;
  g_autofree char *child_ids = NULL;
  g_autofree char *all = NULL;

  assert_numbers (tree);

  roots = model_ids (trellis_goal_tree_get_roots (tree));
  g_assert_cmpstr (roots, ==, "O1 U");
  children = trellis_goal_tree_list_children (tree, tree_goal (tree, "O1"));
  child_ids = model_ids (children);
  g_assert_cmpstr (child_ids, ==, "R R2");
  all = model_ids (trellis_goal_tree_get_goals (tree));
  g_assert_cmpstr (all, ==, "O1 R P R2 U");

  path = trellis_goal_tree_get_alignment_path (tree, tree_goal (tree, "P"));
  g_assert_cmpuint (path->len, ==, 3);
  g_assert_cmpstr (trellis_goal_get_id (g_ptr_array_index (path, 0)), ==, "O1");
  g_assert_cmpstr (trellis_goal_get_id (g_ptr_array_index (path, 2)), ==, "P");
}

static void
test_incremental_checkin (void)
{
  g_autoptr(TrellisGoalTree) tree = build_tree ();
  TrellisGoal *r2 = tree_goal (tree, "R2");
  TrellisGoal *o1 = tree_goal (tree, "O1");

  /* R2's KR 2 → 6 of 10: 0.6, ahead of 0.576 (on track); a jump of 40
   * points is abnormal; O1 aligned = 0.6 × 0.5 + 0.4 × 0.6 = 0.54. */
  trellis_goal_tree_apply_checkin (tree, "R2K", 6, 8, "2026-11-22T10:00:00Z");
  g_assert_cmpfloat_with_epsilon (trellis_goal_get_progress (r2), 0.6, 1e-12);
  g_assert_cmpint (trellis_goal_get_progress_status (r2), ==, TRELLIS_PROGRESS_ON_TRACK);
  g_assert_true (trellis_goal_get_abnormal (r2));
  g_assert_cmpfloat_with_epsilon (trellis_goal_get_aligned_progress (o1), 0.54, 1e-12);
  g_assert_cmpint (trellis_key_result_get_confidence (tree_key_result (tree, "R2K")), ==, 8);

  /* A back-dated check-in is history only. */
  trellis_goal_tree_apply_checkin (tree, "R2K", 9, -1, "2026-11-01T10:00:00Z");
  g_assert_cmpfloat_with_epsilon (trellis_goal_get_progress (r2), 0.6, 1e-12);

  /* Completing a milestone is not an abnormal jump; undoing it is. */
  trellis_goal_tree_apply_checkin (tree, "PK", 0, -1, "2026-11-22T11:00:00Z");
  g_assert_true (trellis_goal_get_abnormal (tree_goal (tree, "P")));
  trellis_goal_tree_apply_checkin (tree, "PK", 1, -1, "2026-11-22T12:00:00Z");
  g_assert_false (trellis_goal_get_abnormal (tree_goal (tree, "P")));

  /* The incremental result equals a full recomputation. */
  trellis_goal_tree_recompute (tree);
  g_assert_cmpfloat_with_epsilon (trellis_goal_get_aligned_progress (o1), 0.54, 1e-12);
}

static void
test_weight_check (void)
{
  g_autoptr(TrellisGoalTree) tree = build_tree ();
  g_autoptr(GPtrArray) problems = trellis_goal_tree_check_weights (tree);
  TrellisWeightProblem *p;

  /* E2's goals sum to 0.8 + 0.2; each region has one goal of 0.6 or 0.4. */
  g_assert_cmpuint (problems->len, ==, 2);
  p = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (p->owner_name, ==, "R01");
  g_assert_cmpstr (p->cycle_id, ==, "2026-Q4");
  g_assert_null (p->goal_id);
  g_assert_cmpfloat_with_epsilon (p->sum, 0.6, 1e-12);
  p = g_ptr_array_index (problems, 1);
  g_assert_cmpstr (p->owner_name, ==, "R02");
  g_assert_cmpfloat_with_epsilon (p->sum, 0.4, 1e-12);
}

static void
test_scope (void)
{
  g_autoptr(GPtrArray) cycles = trellis_cycle_build_year (2026);
  static const struct { const char *cycle, *scope; } cases[] = {
    { "2026-Q4", "2026 2026-H2 2026-Q4 2026-10 2026-11 2026-12" },
    { "2026-11", "2026 2026-H2 2026-Q4 2026-11" },
    { "2026-H1", "2026 2026-H1 2026-Q1 2026-Q2 2026-01 2026-02 2026-03 2026-04 2026-05 2026-06" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) scope = trellis_goal_tree_scope_cycles (cycles, cases[i].cycle);
      g_auto(GStrv) expected = g_strsplit (cases[i].scope, " ", -1);

      g_assert_cmpuint (g_strv_length (scope), ==, g_strv_length (expected));
      for (char **t = expected; *t; t++)
        g_assert_true (g_strv_contains ((const char * const *)scope, *t));
    }
}

static TrellisStore *
build_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) goals = build_goals ();
  g_autoptr(GPtrArray) cycles = trellis_cycle_build_year (2026);
  TrellisStore *store = trellis_store_open (":memory:", &error);
  const char *departments[][3] = { { "C", "Acme", NULL }, { "R01", "Shanghai", "C" }, { "R02", "Jiangsu", "C" } };

  g_assert_no_error (error);
  g_assert_true (trellis_store_begin (store, &error));
  for (guint i = 0; i < G_N_ELEMENTS (departments); i++)
    {
      g_autoptr(TrellisDepartment) d = trellis_department_new (departments[i][0], departments[i][1],
                                                               i == 0 ? TRELLIS_DEPARTMENT_COMPANY : TRELLIS_DEPARTMENT_REGION,
                                                               departments[i][2], NULL);
      g_assert_true (trellis_org_repository_insert_department (store, d, &error));
    }
  {
    g_autoptr(TrellisEmployee) e = trellis_employee_new (&(TrellisEmployeeFields) {
      .id = "E2", .name = "Eve", .department_id = "R01", .active = TRUE });
    g_assert_true (trellis_org_repository_insert_employee (store, e, &error));
  }
  for (guint i = 0; i < cycles->len; i++)
    g_assert_true (trellis_org_repository_insert_cycle (store, g_ptr_array_index (cycles, i), &error));
  for (guint i = 0; i < goals->len; i++)
    g_assert_true (trellis_goal_repository_insert_goal (store, g_ptr_array_index (goals, i), &error));
  g_assert_true (trellis_store_commit (store, &error));
  g_assert_no_error (error);
  return store;
}

static void
test_store_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = build_store ();
  g_autoptr(TrellisGoalTree) tree = NULL;
  g_autoptr(TrellisGoalTree) q3 = NULL;
  g_autoptr(GPtrArray) checkins = NULL;
  g_autoptr(TrellisGoal) reread = NULL;
  GDate date = today ();
  gint64 id;

  tree = trellis_goal_tree_load (store, NULL, "2026-Q4", &date, NULL, &error);
  g_assert_no_error (error);
  assert_numbers (tree);

  /* Q3 sees the company goal only. */
  q3 = trellis_goal_tree_load (store, NULL, "2026-Q3", &date, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (trellis_goal_tree_get_goals (q3)), ==, 1);

  /* A check-in is kept as history and moves the key result. */
  id = trellis_goal_repository_add_checkin (store, "R2K", 6, 8, "Two new hospitals signed", "E2",
                                            "2026-11-22T10:00:00Z", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  checkins = trellis_goal_repository_list_checkins (store, "R2K", &error);
  g_assert_cmpuint (checkins->len, ==, 1);
  g_assert_cmpstr (((TrellisCheckin *)g_ptr_array_index (checkins, 0))->note, ==, "Two new hospitals signed");

  g_clear_object (&tree);
  tree = trellis_goal_tree_load (store, NULL, "2026-Q4", &date, NULL, &error);
  g_assert_cmpfloat_with_epsilon (trellis_goal_get_progress (tree_goal (tree, "R2")), 0.6, 1e-12);
  g_assert_true (trellis_goal_get_abnormal (tree_goal (tree, "R2")));
  g_assert_cmpfloat_with_epsilon (trellis_goal_get_aligned_progress (tree_goal (tree, "O1")), 0.54, 1e-12);

  reread = trellis_goal_repository_get_goal (store, "R2", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trellis_goal_get_key_results (reread)->len, ==, 1);
}


static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static char *
key_result_ids (TrellisGoalTree *tree)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < trellis_goal_tree_get_n_key_results (tree); i++)
    g_string_append_printf (s, "%s%s", i ? " " : "", trellis_goal_tree_get_key_result_id (tree, i));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The tree keeps records and hands out objects: one live object per goal,
 * which follows the numbers while held; dropped, a new one reads the same
 * record. */
static void
test_records_and_objects (void)
{
  g_autoptr(TrellisGoalTree) tree = build_tree ();
  g_autoptr(TrellisGoal) r2 = trellis_goal_tree_lookup (tree, "R2");
  g_autoptr(TrellisGoal) again = trellis_goal_tree_lookup (tree, "R2");
  g_autoptr(TrellisGoal) o1 = trellis_goal_tree_lookup (tree, "O1");
  g_autoptr(GListModel) company = trellis_goal_tree_list_by_owner_kind (tree, TRELLIS_OWNER_COMPANY);
  g_autoptr(GListModel) departments = trellis_goal_tree_list_by_owner_kind (tree, TRELLIS_OWNER_DEPARTMENT);
  g_autofree char *company_ids = model_ids (company);
  g_autofree char *department_ids = model_ids (departments);
  g_autofree char *kr_ids = key_result_ids (tree);
  TrellisKeyResult *r2k;
  guint notified = 0;

  g_assert_true (r2 == again);
  g_assert_cmpuint (trellis_goal_tree_get_n_goals (tree), ==, 5);
  g_assert_cmpstr (kr_ids, ==, "K1 K2 PK R2K RK UK");
  g_assert_cmpstr (company_ids, ==, "O1");
  g_assert_cmpstr (department_ids, ==, "O1 R R2");
  g_assert_null (trellis_goal_tree_lookup (tree, "nope"));
  g_assert_false (trellis_goal_tree_contains (tree, "nope"));

  /* R2K 2 → 6 of 10: R2 0.2 → 0.6; O1 aligned (0.6 × 0.5 + 0.4 × 0.6) / 1.0 = 0.54. */
  g_signal_connect (r2, "notify::progress", G_CALLBACK (count_notify_cb), &notified);
  r2k = trellis_goal_find_key_result (r2, "R2K");
  trellis_goal_tree_apply_checkin (tree, "R2K", 6, 8, "2026-11-22T10:00:00Z");
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpfloat_with_epsilon (trellis_goal_get_progress (r2), 0.6, 1e-12);
  g_assert_cmpfloat (trellis_key_result_get_current (r2k), ==, 6);
  g_assert_cmpint (trellis_key_result_get_confidence (r2k), ==, 8);
  g_assert_cmpstr (trellis_goal_get_last_checkin_at (r2), ==, "2026-11-22T10:00:00Z");
  g_assert_cmpfloat_with_epsilon (trellis_goal_get_aligned_progress (o1), 0.54, 1e-12);

  /* A check-in through the object goes through the tree too: R2K 6 → 8, 0.8;
   * O1 aligned (0.3 + 0.4 × 0.8) / 1.0 = 0.62. */
  trellis_key_result_apply_checkin (r2k, 8, -1, "2026-11-22T11:00:00Z");
  g_assert_cmpfloat_with_epsilon (trellis_goal_get_progress (r2), 0.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (trellis_goal_get_aligned_progress (o1), 0.62, 1e-12);

  /* Nobody holds R2 any more: the next lookup makes a new object. */
  g_signal_handlers_disconnect_by_data (r2, &notified);
  g_clear_object (&r2);
  g_clear_object (&again);
  r2 = trellis_goal_tree_lookup (tree, "R2");
  g_assert_cmpfloat_with_epsilon (trellis_goal_get_progress (r2), 0.8, 1e-12);
  g_assert_cmpfloat (trellis_key_result_get_current (trellis_goal_find_key_result (r2, "R2K")), ==, 8);
}

/* After a write, one goal is read again: a new target moves its numbers
 * and its parent's; a new key result gets its own record. */
static void
test_reload_goal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = build_store ();
  g_autoptr(TrellisGoalTree) tree = NULL;
  g_autoptr(TrellisGoal) r2 = NULL;
  g_autoptr(TrellisGoal) o1 = NULL;
  g_autoptr(TrellisKeyResult) added = NULL;
  TrellisKeyResult *held;
  gboolean realigned = TRUE;
  GDate date = today ();

  tree = trellis_goal_tree_load (store, NULL, "2026-Q4", &date, NULL, &error);
  g_assert_no_error (error);
  r2 = trellis_goal_tree_lookup (tree, "R2");
  o1 = trellis_goal_tree_lookup (tree, "O1");
  held = g_object_ref (trellis_goal_find_key_result (r2, "R2K"));

  /* R2K target 10 → 5: 2 / 5 = 0.4; O1 aligned (0.6 × 0.5 + 0.4 × 0.4) / 1.0 = 0.46. */
  g_assert_true (trellis_goal_repository_set_key_result_target (store, "R2K", 5, &error));
  g_assert_true (trellis_goal_tree_reload_goal (tree, store, "R2", &realigned, &error));
  g_assert_no_error (error);
  g_assert_false (realigned);
  g_assert_cmpfloat_with_epsilon (trellis_goal_get_progress (r2), 0.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (trellis_goal_get_aligned_progress (o1), 0.46, 1e-12);
  g_assert_cmpfloat (trellis_key_result_get_target (held), ==, 5);

  /* A second KR, 0 → 4 now 4 (1.0), both weighted 0.5: R2 = 0.5 × 0.4 +
   * 0.5 × 1.0 = 0.7; O1 aligned 0.6 × 0.5 + 0.4 × 0.7 = 0.58. */
  added = trellis_key_result_new (&(TrellisKeyResultFields) {
    .id = "R2L", .goal_id = "R2", .title = "Distributors", .measure = TRELLIS_MEASURE_NUMERIC,
    .baseline = 0, .target = 4, .original_target = 4, .current = 4, .weight = 0.5,
    .original_weight = 0.5, .position = 1, .confidence = -1,
  });
  g_assert_true (trellis_goal_repository_insert_key_result (store, added, &error));
  g_assert_true (trellis_goal_repository_set_key_result_weight (store, "R2K", 0.5, &error));
  g_assert_true (trellis_goal_tree_reload_goal (tree, store, "R2", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (trellis_goal_get_key_results (r2)->len, ==, 2);
  g_assert_cmpfloat_with_epsilon (trellis_goal_get_progress (r2), 0.7, 1e-12);
  g_assert_cmpfloat_with_epsilon (trellis_goal_get_aligned_progress (o1), 0.58, 1e-12);
  g_assert_nonnull (tree_key_result (tree, "R2L"));
  {
    g_autofree char *ids = key_result_ids (tree);
    g_assert_cmpstr (ids, ==, "K1 K2 PK R2K R2L RK UK");
  }

  /* The old wrapper keeps its last values, detached from the tree. */
  g_assert_cmpfloat (trellis_key_result_get_target (held), ==, 5);
  g_assert_cmpstr (trellis_key_result_get_goal_id (held), ==, "R2");
  g_object_unref (held);
}


/* No check-in for 53 days (the whole of Q4 so far): an approved goal is
 * lagging; a draft or returned one cannot take check-ins yet, so is not. */
static void
test_lagging_needs_checkins_allowed (void)
{
  static const struct { const char *id; TrellisGoalState state; gboolean lagging; } rows[] = {
    { "A", TRELLIS_GOAL_STATE_APPROVED, TRUE },
    { "S", TRELLIS_GOAL_STATE_SUBMITTED, TRUE },
    { "D", TRELLIS_GOAL_STATE_DRAFT, FALSE },
    { "R", TRELLIS_GOAL_STATE_RETURNED, FALSE },
  };
  g_autoptr(GPtrArray) goals = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) cycles = trellis_cycle_build_year (2026);
  g_autoptr(TrellisGoalTree) tree = NULL;
  GDate date = today ();

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_ptr_array_add (goals, trellis_goal_new (&(TrellisGoalFields) {
      .id = rows[i].id, .kind = TRELLIS_GOAL_OBJECTIVE, .title = rows[i].id,
      .owner_kind = TRELLIS_OWNER_EMPLOYEE, .employee_id = "E2", .cycle_id = "2026-Q4",
      .weight = 0.25, .original_weight = 0.25, .state = rows[i].state,
      .created_at = "2026-10-01T08:00:00Z",
    }));
  tree = trellis_goal_tree_new (goals, cycles, NULL, &date, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_assert_cmpint (trellis_goal_get_lagging (tree_goal (tree, rows[i].id)), ==, rows[i].lagging);
}


/* Two people called Eve: their goals say which Eve. */
static void
test_namesakes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = build_store ();
  g_autoptr(TrellisOrganisation) organisation = NULL;
  g_autoptr(TrellisGoalTree) tree = NULL;
  g_autoptr(TrellisEmployee) eve3 = trellis_employee_new (&(TrellisEmployeeFields) {
    .id = "E3", .name = "Eve", .department_id = "R01", .active = TRUE });
  g_autoptr(TrellisGoal) goal = trellis_goal_new (&(TrellisGoalFields) {
    .id = "V", .kind = TRELLIS_GOAL_OBJECTIVE, .title = "Visit clinics", .owner_kind = TRELLIS_OWNER_EMPLOYEE,
    .employee_id = "E3", .cycle_id = "2026-Q4", .weight = 1.0, .original_weight = 1.0,
    .state = TRELLIS_GOAL_STATE_DRAFT, .created_at = "2026-10-01T08:00:00Z" });
  GDate date = today ();

  g_assert_true (trellis_org_repository_insert_employee (store, eve3, &error));
  g_assert_true (trellis_goal_repository_insert_goal (store, goal, &error));
  g_assert_no_error (error);
  organisation = trellis_organisation_load (store, NULL, &error);
  g_assert_no_error (error);

  tree = trellis_goal_tree_load (store, organisation, "2026-Q4", &date, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trellis_goal_get_owner_label (tree_goal (tree, "P")), ==, "Eve (E2)");
  g_assert_cmpstr (trellis_goal_get_owner_label (tree_goal (tree, "V")), ==, "Eve (E3)");
  /* The name itself stays the name; a department keeps its plain label. */
  g_assert_cmpstr (trellis_goal_get_owner_name (tree_goal (tree, "V")), ==, "Eve");
  g_assert_cmpstr (trellis_goal_get_owner_label (tree_goal (tree, "R")),
                   ==, trellis_goal_get_owner_name (tree_goal (tree, "R")));
}

static void
test_evidence (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = build_store ();
  g_autoptr(GBytes) photo = g_bytes_new_static ("\x89PNG fake work-order photo", 26);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  gint64 checkin, evidence_id;

  checkin = trellis_goal_repository_add_checkin (store, "RK", 60, -1, NULL, "E2", NULL, &error);
  g_assert_no_error (error);
  evidence_id = trellis_goal_repository_add_evidence (store, checkin, "工单.png", "image/png", photo, &error);
  g_assert_no_error (error);

  /* The bytes live in the workspace: what comes back is what went in. */
  back = trellis_goal_repository_get_evidence_data (store, evidence_id, &error);
  g_assert_true (g_bytes_equal (back, photo));
  evidence = trellis_goal_repository_list_evidence (store, checkin, &error);
  g_assert_cmpuint (evidence->len, ==, 1);
  g_assert_cmpstr (((TrellisEvidence *)g_ptr_array_index (evidence, 0))->file_name, ==, "工单.png");
  g_assert_cmpuint (((TrellisEvidence *)g_ptr_array_index (evidence, 0))->size, ==, 26);
}

static void
test_audit_trail (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = build_store ();
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 22, 9, 30, 0);
  g_autoptr(TrellisClock) clock = trellis_clock_new_fixed (now);
  TrellisAuditEntry *last;
  sqlite3 *db = trellis_store_get_handle (store);

  trellis_store_set_clock (store, clock);
  trellis_store_set_actor (store, "E2");
  g_assert_true (trellis_goal_repository_set_goal_weight (store, "R", 0.7, &error));
  g_assert_true (trellis_goal_repository_set_key_result_target (store, "RK", 110, &error));
  g_assert_no_error (error);

  audit = trellis_goal_repository_list_audit (store, "R", &error);
  /* create goal, create KR, weight change, target change */
  g_assert_cmpuint (audit->len, ==, 4);
  last = g_ptr_array_index (audit, 3);
  g_assert_cmpstr (last->entity, ==, "key_result");
  g_assert_cmpstr (last->field, ==, "target");
  g_assert_cmpstr (last->old_value, ==, "100.0");
  g_assert_cmpstr (last->new_value, ==, "110.0");
  g_assert_cmpstr (last->actor_id, ==, "E2");
  g_assert_cmpstr (last->at, ==, "2026-11-22T09:30:00Z");
  g_assert_cmpstr (((TrellisAuditEntry *)g_ptr_array_index (audit, 2))->field, ==, "weight");

  /* The application cannot edit or delete it, nor the check-in history. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET actor_id = 'X'", NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (sqlite3_errmsg (db), "append-only"));
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_log", NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (trellis_goal_repository_add_checkin (store, "RK", 70, -1, NULL, "E2", NULL, &error), >, 0);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE checkins SET value = 0", NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/goal-tree/rollup", test_rollup);
  g_test_add_func ("/core/goal-tree/incremental-checkin", test_incremental_checkin);
  g_test_add_func ("/core/goal-tree/weight-check", test_weight_check);
  g_test_add_func ("/core/goal-tree/scope", test_scope);
  g_test_add_func ("/core/goal-tree/store-round-trip", test_store_round_trip);
  g_test_add_func ("/core/goal-tree/records-and-objects", test_records_and_objects);
  g_test_add_func ("/core/goal-tree/reload-goal", test_reload_goal);
  g_test_add_func ("/core/goal-tree/namesakes", test_namesakes);
  g_test_add_func ("/core/goal-tree/lagging-needs-checkins-allowed", test_lagging_needs_checkins_allowed);
  g_test_add_func ("/core/goal-tree/evidence", test_evidence);
  g_test_add_func ("/core/goal-tree/audit-trail", test_audit_trail);

  return g_test_run ();
}
