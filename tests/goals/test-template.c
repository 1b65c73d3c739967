/* test-template.c
 *
 * Copyright 2026 The Trellis authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "goals-test-utils.h"

/* The library, scoped by department (with its ancestors), level and cycle
 * kind. NULL scopes fit everyone. */
typedef struct
{
  const char        *title;
  TrellisMeasure     measure;
  double             baseline, target;
  const char        *unit;
  TrellisCommitment  commitment;
  const char        *department_id, *level, *cycle_kind;
} LibraryEntry;

static const LibraryEntry library[] = {
  { "新客户首单转化率", TRELLIS_MEASURE_PERCENTAGE, 0, 30, "%", TRELLIS_COMMITMENT_COMMITTED, NULL, NULL, NULL },
  { "A类客户签约数", TRELLIS_MEASURE_NUMERIC, 0, 12, "家", TRELLIS_COMMITMENT_COMMITTED, "R1", NULL, "quarter" },
  { "团队培训完成率", TRELLIS_MEASURE_PERCENTAGE, 0, 100, "%", TRELLIS_COMMITMENT_ASPIRATIONAL, "R1-S", "M", "quarter" },
  { "South-only visits", TRELLIS_MEASURE_NUMERIC, 0, 40, NULL, TRELLIS_COMMITMENT_COMMITTED, "R2", NULL, NULL },
  { "年度客户满意度", TRELLIS_MEASURE_NUMERIC, 80, 90, NULL, TRELLIS_COMMITMENT_COMMITTED, NULL, NULL, "year" },
  { "Senior product training", TRELLIS_MEASURE_MILESTONE, 0, 1, NULL, TRELLIS_COMMITMENT_COMMITTED, NULL, "P3", NULL },
};

/* The header's struct has writable strings; the entries are only read. */
static TrellisLibraryKeyResult
library_item (const LibraryEntry *e)
{
  return (TrellisLibraryKeyResult) {
    NULL, (char *)e->title, e->measure, e->baseline, e->target, (char *)e->unit, e->commitment,
    (char *)e->department_id, (char *)e->level, (char *)e->cycle_kind,
  };
}

typedef struct
{
  TrellisStore *store;
  guint         n_commits;
  GArray       *fractions;
  GCancellable *cancel_at_second_report;
} Fixture;

static void
add_library (TrellisStore *store)
{
  for (guint i = 0; i < G_N_ELEMENTS (library); i++)
    {
      g_autoptr(GError) error = NULL;
      TrellisLibraryKeyResult item = library_item (&library[i]);
      g_autofree char *id = trellis_goal_template_add_library_key_result (store, &item, &error);
      g_autofree char *expected = g_strdup_printf ("L%06u", i + 1);

      g_assert_no_error (error);
      g_assert_cmpstr (id, ==, expected);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = goals_test_open_store ();
  fixture->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  add_library (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->cancel_at_second_report);
  g_clear_pointer (&fixture->fractions, g_array_unref);
  g_clear_object (&fixture->store);
}

static char *
library_ids (GPtrArray *items)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, ((TrellisLibraryKeyResult *)g_ptr_array_index (items, i))->id);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_library (Fixture       *fixture,
              gconstpointer  data)
{
  static const struct { const char *department, *level, *cycle_kind, *ids; } cases[] = {
    { NULL, NULL, NULL, "L000001 L000002 L000003 L000004 L000005 L000006" },
    /* Team 1 lies under Sales (L3) under North (L2); South's L4 is out. */
    { "R1-S-T1", NULL, NULL, "L000001 L000002 L000003 L000005 L000006" },
    /* North itself: Sales (L3) is below it, not above. */
    { "R1", NULL, NULL, "L000001 L000002 L000005 L000006" },
    { "C", NULL, NULL, "L000001 L000005 L000006" },
    /* An M2 in Team 1 for a quarter: "M" fits "M2"; L5 is yearly, L6 for P3. */
    { "R1-S-T1", "M2", "quarter", "L000001 L000002 L000003" },
    { "R1-S-T1", "P3", "quarter", "L000001 L000002 L000006" },
    { "R2", "P3", "year", "L000001 L000004 L000005 L000006" },
    { NULL, "P3", NULL, "L000001 L000002 L000004 L000005 L000006" },
    { NULL, "P", NULL, "L000001 L000002 L000004 L000005" },   /* "P3" does not fit a bare "P" */
    { NULL, NULL, "month", "L000001 L000004 L000006" },
    { "NOWHERE", NULL, NULL, "L000001 L000005 L000006" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) items = trellis_goal_template_list_library (fixture->store, cases[i].department,
                                                                       cases[i].level, cases[i].cycle_kind, &error);
      g_autofree char *ids = NULL;

      g_assert_no_error (error);
      ids = library_ids (items);
      g_test_message ("%s / %s / %s", cases[i].department, cases[i].level, cases[i].cycle_kind);
      g_assert_cmpstr (ids, ==, cases[i].ids);
    }

  /* The fields come back as stored. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) items = trellis_goal_template_list_library (fixture->store, "R1-S", "M1", "quarter", &error);
    TrellisLibraryKeyResult *item = g_ptr_array_index (items, 2);

    g_assert_cmpstr (item->id, ==, "L000003");
    g_assert_cmpstr (item->title, ==, "团队培训完成率");
    g_assert_cmpint (item->measure, ==, TRELLIS_MEASURE_PERCENTAGE);
    g_assert_cmpfloat (item->target, ==, 100);
    g_assert_cmpstr (item->unit, ==, "%");
    g_assert_cmpint (item->commitment, ==, TRELLIS_COMMITMENT_ASPIRATIONAL);
    g_assert_cmpstr (item->department_id, ==, "R1-S");
    g_assert_cmpstr (item->level, ==, "M");
    g_assert_cmpstr (item->cycle_kind, ==, "quarter");
  }
}

static void
test_library_validation (Fixture       *fixture,
                         gconstpointer  data)
{
  static const struct { LibraryEntry entry; int code; const char *message; } cases[] = {
    { { " ", TRELLIS_MEASURE_NUMERIC, 0, 10 }, TRELLIS_GOAL_ERROR_INVALID,
      "A key result in the library needs a title" },
    { { "Flat", TRELLIS_MEASURE_NUMERIC, 5, 5 }, TRELLIS_GOAL_ERROR_INVALID,
      "Key result “Flat”: the target must differ from the baseline" },
    { { "Weekly", TRELLIS_MEASURE_NUMERIC, 0, 5, .cycle_kind = "week" }, TRELLIS_GOAL_ERROR_INVALID,
      "Key result “Weekly”: “week” is not a cycle kind; use year, half, quarter or month" },
    { { "Lost", TRELLIS_MEASURE_NUMERIC, 0, 5, .department_id = "R9" }, TRELLIS_GOAL_ERROR_NOT_FOUND,
      "There is no department with id “R9”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      TrellisLibraryKeyResult item = library_item (&cases[i].entry);
      g_autofree char *id = trellis_goal_template_add_library_key_result (fixture->store, &item, &error);

      g_assert_null (id);
      g_assert_error (error, TRELLIS_GOAL_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
  g_assert_cmpint (goals_test_count (fixture->store, "SELECT count(*) FROM kr_library"), ==, G_N_ELEMENTS (library));
}

static char *
add_template (TrellisStore  *store,
              const char    *title,
              const char    *cycle_kind,
              const char    *ids[],
              const double  *weights,
              guint          n,
              GError       **error)
{
  g_autoptr(GPtrArray) krs = g_ptr_array_new_with_free_func (g_free);
  TrellisGoalTemplate template_ = {
    .name = (char *)"Sales rep, quarterly",
    .department_id = (char *)"R1-S",
    .level = (char *)"P",
    .cycle_kind = (char *)cycle_kind,
    .kind = TRELLIS_GOAL_OBJECTIVE,
    .title = (char *)title,
    .category = TRELLIS_CATEGORY_BUSINESS,
    .key_results = krs,
  };

  for (guint i = 0; i < n; i++)
    {
      TrellisTemplateKeyResult *kr = g_new0 (TrellisTemplateKeyResult, 1);

      /* Borrowed: freed with g_free only (the array owns the structs). */
      kr->library_id = (char *)ids[i];
      kr->weight = weights[i];
      g_ptr_array_add (krs, kr);
    }

  return trellis_goal_template_add (store, &template_, error);
}

static void
test_template_weights (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char *ids[] = { "L000001", "L000002", "L000006" };
  static const char *unknown[] = { "L000001", "L000099" };
  static const struct { double weights[3]; guint n; const char *message; } cases[] = {
    /* 0.5 + 0.3 + 0.1 = 0.9 */
    { { 0.5, 0.3, 0.1 }, 3, "Template “Sales rep, quarterly”: the weights of its key results add up to 90 %, not 100 %" },
    /* 0.5 + 0.3 + 0.3 = 1.1 */
    { { 0.5, 0.3, 0.3 }, 3, "Template “Sales rep, quarterly”: the weights of its key results add up to 110 %, not 100 %" },
    { { 0.5, 0.6, -0.1 }, 3,
      "Template “Sales rep, quarterly”: key result 3 has a weight of -10 %; "
      "each weight must be more than 0 % and at most 100 %" },
    { { 0 }, 0, "Template “Sales rep, quarterly” has no key results" },
    { { 0.5, 0.3, 0.2 }, 3, NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  g_autofree char *id = NULL;
  TrellisGoalTemplate *t;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *added = add_template (fixture->store, "Grow new business", "quarter", ids,
                                             cases[i].weights, cases[i].n, &error);

      if (cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (added, ==, "T000001");
        }
      else
        {
          g_assert_null (added);
          g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID);
          g_assert_cmpstr (error->message, ==, cases[i].message);
          g_clear_error (&error);
        }
    }

  id = add_template (fixture->store, "Grow new business", "quarter", unknown, (double[]) { 0.5, 0.5 }, 2, &error);
  g_assert_null (id);
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "Template “Sales rep, quarterly”: there is no key result with id “L000099” in the library");
  g_clear_error (&error);

  id = add_template (fixture->store, "Grow new business", "week", ids, (double[]) { 0.5, 0.3, 0.2 }, 3, &error);
  g_assert_null (id);
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID);
  g_clear_error (&error);

  templates = trellis_goal_template_list (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (templates->len, ==, 1);
  t = g_ptr_array_index (templates, 0);
  g_assert_cmpstr (t->id, ==, "T000001");
  g_assert_cmpstr (t->name, ==, "Sales rep, quarterly");
  g_assert_cmpstr (t->department_id, ==, "R1-S");
  g_assert_cmpstr (t->level, ==, "P");
  g_assert_cmpstr (t->cycle_kind, ==, "quarter");
  g_assert_cmpstr (t->title, ==, "Grow new business");
  g_assert_cmpuint (t->key_results->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      TrellisTemplateKeyResult *kr = g_ptr_array_index (t->key_results, i);

      g_assert_cmpstr (kr->library_id, ==, ids[i]);
      g_assert_cmpfloat (kr->weight, ==, ((double[]) { 0.5, 0.3, 0.2 })[i]);
    }
}

static void
on_progress_cb (double      fraction,
                const char *message,
                gpointer    user_data)
{
  Fixture *fixture = user_data;

  g_assert_cmpstr (message, ==, "Assigning goals");
  g_array_append_val (fixture->fractions, fraction);
  if (fixture->cancel_at_second_report != NULL && fixture->fractions->len == 2)
    g_cancellable_cancel (fixture->cancel_at_second_report);
}

static int
on_commit_cb (void *user_data)
{
  Fixture *fixture = user_data;

  fixture->n_commits++;
  return 0;
}

static char *
fractions_text (GArray *fractions)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < fractions->len; i++)
    g_string_append_printf (text, "%s%.1f", i > 0 ? " " : "", g_array_index (fractions, double, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_bulk_assign (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) employee_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TrellisGoal) existing = NULL;
  g_autoptr(TrellisGoal) created = NULL;
  g_autoptr(TrellisGoal) eve_new = NULL;
  g_autofree char *template_id = NULL;
  g_autofree char *fractions = NULL;
  static const char *ids[] = { "L000001", "L000002", "L000006" };
  static const char * const eve_only[] = { "E5", NULL };
  gint64 goals_before, krs_before, audit_before;
  gint64 started;
  gint n;

  template_id = add_template (fixture->store, "Grow new business", "quarter", ids,
                              (double[]) { 0.5, 0.3, 0.2 }, 3, &error);
  g_assert_no_error (error);

  /* The North's quarterly objective that the new goals align to, and one
   * goal Eve already has this quarter (G000002, position 0). */
  existing = goals_test_add_goal (fixture->store, &(GoalsTestGoal) {
    "G000001", "North grows new business", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_DEPARTMENT, "R1", NULL,
    TRELLIS_GOAL_STATE_APPROVED, { { "K000001", "New accounts", TRELLIS_MEASURE_NUMERIC, 0, 500, 1.0, NULL } },
  });
  g_clear_object (&existing);
  existing = goals_test_add_goal (fixture->store, &(GoalsTestGoal) {
    "G000002", "Learn the catalogue", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E5", NULL,
    TRELLIS_GOAL_STATE_DRAFT, { { "K000002", "Modules passed", TRELLIS_MEASURE_NUMERIC, 0, 6, 1.0, NULL } },
  });

  /* 500 sales reps in Team 1. */
  g_assert_true (trellis_store_begin (fixture->store, &error));
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *id = g_strdup_printf ("E%u", 1000 + i);
      g_autofree char *name = g_strdup_printf ("Rep %u", i + 1);

      goals_test_add_employee (fixture->store, id, name, "P2", "R1-S-T1", "E4");
      g_ptr_array_add (employee_ids, g_steal_pointer (&id));
    }
  g_assert_true (trellis_store_commit (fixture->store, &error));
  g_ptr_array_add (employee_ids, NULL);

  goals_before = goals_test_count (fixture->store, "SELECT count(*) FROM goals");
  krs_before = goals_test_count (fixture->store, "SELECT count(*) FROM key_results");
  g_assert_cmpint (goals_before, ==, 2);

  sqlite3_commit_hook (trellis_store_get_handle (fixture->store), on_commit_cb, fixture);
  goals_test_tick (fixture->store, 60);
  started = g_get_monotonic_time ();
  n = trellis_goal_template_bulk_assign (fixture->store, template_id, (const char * const *)employee_ids->pdata,
                                         "2026-Q1", NULL, "K000001", 1.0, on_progress_cb, fixture, NULL, &error);
  g_test_message ("500 goals assigned in %.1f ms", (g_get_monotonic_time () - started) / 1000.0);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 500);

  /* One transaction; 500 goals × 3 KRs = 1,500 KRs. */
  g_assert_cmpuint (fixture->n_commits, ==, 1);
  g_assert_cmpint (goals_test_count (fixture->store, "SELECT count(*) FROM goals"), ==, goals_before + 500);
  g_assert_cmpint (goals_test_count (fixture->store, "SELECT count(*) FROM key_results"), ==, krs_before + 1500);

  /* Reported before each hundred, then done. */
  fractions = fractions_text (fixture->fractions);
  g_assert_cmpstr (fractions, ==, "0.0 0.2 0.4 0.6 0.8 1.0");

  /* The first new goal: numbered after G000002; KRs after K000002. */
  created = trellis_goal_repository_get_goal (fixture->store, "G000003", &error);
  g_assert_no_error (error);
  {
    static const struct { const char *id, *title; double target, weight, current; } expected[] = {
      { "K000003", "新客户首单转化率", 30, 0.5, 0 },
      { "K000004", "A类客户签约数", 12, 0.3, 0 },
      { "K000005", "Senior product training", 1, 0.2, 0 },
    };
    GPtrArray *krs = trellis_goal_get_key_results (created);

    g_assert_cmpstr (trellis_goal_get_title (created), ==, "Grow new business");
    g_assert_cmpstr (trellis_goal_get_employee_id (created), ==, "E1000");
    g_assert_cmpint (trellis_goal_get_owner_kind (created), ==, TRELLIS_OWNER_EMPLOYEE);
    g_assert_cmpstr (trellis_goal_get_cycle_id (created), ==, "2026-Q1");
    g_assert_cmpstr (trellis_goal_get_parent_kr_id (created), ==, "K000001");
    g_assert_null (trellis_goal_get_parent_goal_id (created));
    g_assert_cmpint (trellis_goal_get_state (created), ==, TRELLIS_GOAL_STATE_DRAFT);
    g_assert_cmpint (trellis_goal_get_origin (created), ==, TRELLIS_ORIGIN_ASSIGNED);
    g_assert_cmpint (trellis_goal_get_category (created), ==, TRELLIS_CATEGORY_BUSINESS);
    g_assert_cmpint (trellis_goal_get_kind (created), ==, TRELLIS_GOAL_OBJECTIVE);
    g_assert_cmpfloat (trellis_goal_get_weight (created), ==, 1.0);
    g_assert_cmpstr (trellis_goal_get_created_at (created), ==, "2026-02-10T10:00:00Z");
    g_assert_cmpuint (krs->len, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < krs->len; i++)
      {
        TrellisKeyResult *kr = g_ptr_array_index (krs, i);

        g_assert_cmpstr (trellis_key_result_get_id (kr), ==, expected[i].id);
        g_assert_cmpstr (trellis_key_result_get_title (kr), ==, expected[i].title);
        g_assert_cmpfloat (trellis_key_result_get_target (kr), ==, expected[i].target);
        g_assert_cmpfloat (trellis_key_result_get_original_target (kr), ==, expected[i].target);
        g_assert_cmpfloat (trellis_key_result_get_weight (kr), ==, expected[i].weight);
        g_assert_cmpfloat (trellis_key_result_get_current (kr), ==, expected[i].current);
      }
  }
  g_assert_cmpint (goals_test_count (fixture->store, "SELECT count(*) FROM goals WHERE id = 'G000502'"
                                                     " AND employee_id = 'E1499'"), ==, 1);

  /* Again: everyone already has it. */
  fixture->n_commits = 0;
  g_array_set_size (fixture->fractions, 0);
  n = trellis_goal_template_bulk_assign (fixture->store, template_id, (const char * const *)employee_ids->pdata,
                                         "2026-Q1", NULL, "K000001", 1.0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 0);
  g_assert_cmpint (goals_test_count (fixture->store, "SELECT count(*) FROM goals"), ==, goals_before + 500);

  /* Eve gets it after her own goal. */
  n = trellis_goal_template_bulk_assign (fixture->store, template_id, eve_only, "2026-Q1", "G000001", NULL, 0.6,
                                         NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 1);
  eve_new = trellis_goal_repository_get_goal (fixture->store, "G000503", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trellis_goal_get_employee_id (eve_new), ==, "E5");
  g_assert_cmpstr (trellis_goal_get_parent_goal_id (eve_new), ==, "G000001");
  g_assert_cmpfloat (trellis_goal_get_weight (eve_new), ==, 0.6);
  g_assert_cmpint (goals_test_count (fixture->store, "SELECT position FROM goals WHERE id = 'G000503'"), ==, 1);

  /* A bad id anywhere in the list: nothing at all is created. */
  audit_before = goals_test_count (fixture->store, "SELECT count(*) FROM audit_log");
  {
    static const char * const with_unknown[] = { "E6", "E9999", NULL };
    /* The template is for levels P… in R1-S and below: Dan is M2 there,
     * Gus is P3 in the other region. */
    static const char * const with_manager[] = { "E6", "E4", NULL };
    static const char * const with_other_region[] = { "E6", "E7", NULL };

    n = trellis_goal_template_bulk_assign (fixture->store, template_id, with_unknown, "2026-Q1", NULL, NULL, 1.0,
                                           NULL, NULL, NULL, &error);
    g_assert_cmpint (n, ==, -1);
    g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND);
    g_assert_cmpstr (error->message, ==, "There is no employee with id “E9999”");
    g_clear_error (&error);

    n = trellis_goal_template_bulk_assign (fixture->store, template_id, with_manager, "2026-Q1", NULL, NULL, 1.0,
                                           NULL, NULL, NULL, &error);
    g_assert_cmpint (n, ==, -1);
    g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "Template “Sales rep, quarterly” is for levels P…, but Dan (E4) is at level M2");
    g_clear_error (&error);

    n = trellis_goal_template_bulk_assign (fixture->store, template_id, with_other_region, "2026-Q1", NULL, NULL, 1.0,
                                           NULL, NULL, NULL, &error);
    g_assert_cmpint (n, ==, -1);
    g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "Template “Sales rep, quarterly” is for another department than that of Gus (E7)");
    g_clear_error (&error);
  }
  g_assert_cmpint (goals_test_count (fixture->store, "SELECT count(*) FROM goals"), ==, goals_before + 501);
  g_assert_cmpint (goals_test_count (fixture->store, "SELECT count(*) FROM audit_log"), ==, audit_before);
  g_assert_false (trellis_store_in_transaction (fixture->store));

  sqlite3_commit_hook (trellis_store_get_handle (fixture->store), NULL, NULL);
}

static void
test_bulk_assign_refused (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template_id = NULL;
  static const char *ids[] = { "L000001", "L000002" };
  static const char * const people[] = { "E5", "E6", NULL };
  static const struct {
    const char *template_id, *cycle, *parent_goal, *parent_kr; double weight; int code; const char *message;
  } cases[] = {
    { "T000099", "2026-Q1", NULL, NULL, 1.0, TRELLIS_GOAL_ERROR_NOT_FOUND, "There is no goal template with id “T000099”" },
    { "T000001", "2031-Q9", NULL, NULL, 1.0, TRELLIS_GOAL_ERROR_NOT_FOUND, "There is no cycle with id “2031-Q9”" },
    { "T000001", "2026-03", NULL, NULL, 1.0, TRELLIS_GOAL_ERROR_INVALID,
      "Template “Sales rep, quarterly” is for a quarter cycle, but cycle “2026-03” is a month" },
    { "T000001", "2026-Q1", "G000404", NULL, 1.0, TRELLIS_GOAL_ERROR_NOT_FOUND, "There is no goal with id “G000404”" },
    { "T000001", "2026-Q1", NULL, "K000404", 1.0, TRELLIS_GOAL_ERROR_NOT_FOUND,
      "There is no key result with id “K000404”" },
    { "T000001", "2026-Q1", "G000404", "K000404", 1.0, TRELLIS_GOAL_ERROR_INVALID,
      "A goal aligns to a parent goal or to a parent key result, not to both" },
    { "T000001", "2026-Q1", NULL, NULL, 1.5, TRELLIS_GOAL_ERROR_INVALID,
      "A goal's weight must be between 0 % and 100 %, not 150 %" },
  };

  template_id = add_template (fixture->store, "Grow new business", "quarter", ids, (double[]) { 0.7, 0.3 }, 2, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint n = trellis_goal_template_bulk_assign (fixture->store, cases[i].template_id, people, cases[i].cycle,
                                                  cases[i].parent_goal, cases[i].parent_kr, cases[i].weight,
                                                  NULL, NULL, NULL, &error);

      g_assert_cmpint (n, ==, -1);
      g_assert_error (error, TRELLIS_GOAL_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_clear_error (&error);
    }
  g_assert_cmpint (goals_test_count (fixture->store, "SELECT count(*) FROM goals"), ==, 0);
}

static void
test_bulk_assign_cancelled (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) employee_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *template_id = NULL;
  static const char *ids[] = { "L000001" };
  gint n;

  template_id = add_template (fixture->store, "Grow new business", "quarter", ids, (double[]) { 1.0 }, 1, &error);
  g_assert_no_error (error);

  g_assert_true (trellis_store_begin (fixture->store, &error));
  for (guint i = 0; i < 250; i++)
    {
      g_autofree char *id = g_strdup_printf ("E%u", 2000 + i);

      goals_test_add_employee (fixture->store, id, "Rep", "P2", "R1-S-T1", "E4");
      g_ptr_array_add (employee_ids, g_steal_pointer (&id));
    }
  g_assert_true (trellis_store_commit (fixture->store, &error));
  g_ptr_array_add (employee_ids, NULL);

  /* Cancelled when the second hundred starts: the first hundred is undone. */
  fixture->cancel_at_second_report = g_cancellable_new ();
  n = trellis_goal_template_bulk_assign (fixture->store, template_id, (const char * const *)employee_ids->pdata,
                                         "2026-Q2", NULL, NULL, 1.0, on_progress_cb, fixture,
                                         fixture->cancel_at_second_report, &error);
  g_assert_cmpint (n, ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->fractions->len, ==, 2);
  g_assert_cmpint (goals_test_count (fixture->store, "SELECT count(*) FROM goals"), ==, 0);
  g_assert_cmpint (goals_test_count (fixture->store, "SELECT count(*) FROM key_results"), ==, 0);
  g_assert_false (trellis_store_in_transaction (fixture->store));
}

/* A template owned by the test: the strings are borrowed, the structs are
 * freed with g_free by the array. */
static TrellisGoalTemplate
make_template (const char   *id,
               const char   *name,
               const char   *cycle_kind,
               const char   *ids[],
               const double *weights,
               guint         n,
               GPtrArray    *krs)
{
  for (guint i = 0; i < n; i++)
    {
      TrellisTemplateKeyResult *kr = g_new0 (TrellisTemplateKeyResult, 1);

      kr->library_id = (char *)ids[i];
      kr->weight = weights[i];
      g_ptr_array_add (krs, kr);
    }

  return (TrellisGoalTemplate) {
    .id = (char *)id,
    .name = (char *)name,
    .department_id = (char *)"R1-S",
    .level = (char *)"P",
    .cycle_kind = (char *)cycle_kind,
    .kind = TRELLIS_GOAL_OBJECTIVE,
    .title = (char *)"Grow new business",
    .category = TRELLIS_CATEGORY_BUSINESS,
    .key_results = krs,
  };
}

static char *
add_named_template (TrellisStore *store,
                    const char   *name,
                    const char   *ids[],
                    const double *weights,
                    guint         n)
{
  g_autoptr(GPtrArray) krs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  TrellisGoalTemplate template_ = make_template (NULL, name, "quarter", ids, weights, n, krs);
  char *id = trellis_goal_template_add (store, &template_, &error);

  g_assert_no_error (error);
  return id;
}

static void
test_library_update (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct { LibraryEntry entry; const char *id; int code; const char *message; } refused[] = {
    { { "Renewals", TRELLIS_MEASURE_NUMERIC, 0, 10 }, "L000099", TRELLIS_GOAL_ERROR_NOT_FOUND,
      "There is no key result with id “L000099” in the library" },
    { { "", TRELLIS_MEASURE_NUMERIC, 0, 10 }, "L000002", TRELLIS_GOAL_ERROR_INVALID,
      "A key result in the library needs a title" },
    { { "Flat", TRELLIS_MEASURE_PERCENTAGE, 40, 40 }, "L000002", TRELLIS_GOAL_ERROR_INVALID,
      "Key result “Flat”: the target must differ from the baseline" },
    { { "Weekly", TRELLIS_MEASURE_NUMERIC, 0, 5, .cycle_kind = "week" }, "L000002", TRELLIS_GOAL_ERROR_INVALID,
      "Key result “Weekly”: “week” is not a cycle kind; use year, half, quarter or month" },
    { { "Lost", TRELLIS_MEASURE_NUMERIC, 0, 5, .department_id = "R9" }, "L000002", TRELLIS_GOAL_ERROR_NOT_FOUND,
      "There is no department with id “R9”" },
  };
  static const LibraryEntry renewals = {
    "A类客户续约数", TRELLIS_MEASURE_NUMERIC, 2, 10, "家", TRELLIS_COMMITMENT_ASPIRATIONAL, NULL, "M", "half",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *row = NULL;
  TrellisLibraryKeyResult item;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      item = library_item (&refused[i].entry);
      item.id = (char *)refused[i].id;
      g_assert_false (trellis_goal_template_update_library_key_result (fixture->store, &item, &error));
      g_assert_error (error, TRELLIS_GOAL_ERROR, refused[i].code);
      g_assert_cmpstr (error->message, ==, refused[i].message);
      g_clear_error (&error);
    }
  /* Nothing changed, and no transaction was left open. */
  row = goals_test_query (fixture->store, "SELECT title, baseline, target, department_id, cycle_kind"
                                          " FROM kr_library WHERE id = 'L000002'");
  g_assert_cmpstr (row, ==, "A类客户签约数|0.0|12.0|R1|quarter");
  g_assert_false (trellis_store_in_transaction (fixture->store));

  /* L2 was North's quarterly entry for every level; now any department's
   * managers (M…) for a half-year. */
  item = library_item (&renewals);
  item.id = (char *)"L000002";
  g_assert_true (trellis_goal_template_update_library_key_result (fixture->store, &item, &error));
  g_assert_no_error (error);

  items = trellis_goal_template_list_library (fixture->store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, G_N_ELEMENTS (library));
  {
    TrellisLibraryKeyResult *stored = g_ptr_array_index (items, 1);

    g_assert_cmpstr (stored->id, ==, "L000002");
    g_assert_cmpstr (stored->title, ==, "A类客户续约数");
    g_assert_cmpint (stored->measure, ==, TRELLIS_MEASURE_NUMERIC);
    g_assert_cmpfloat (stored->baseline, ==, 2);
    g_assert_cmpfloat (stored->target, ==, 10);
    g_assert_cmpstr (stored->unit, ==, "家");
    g_assert_cmpint (stored->commitment, ==, TRELLIS_COMMITMENT_ASPIRATIONAL);
    g_assert_null (stored->department_id);
    g_assert_cmpstr (stored->level, ==, "M");
    g_assert_cmpstr (stored->cycle_kind, ==, "half");
  }
  g_clear_pointer (&items, g_ptr_array_unref);

  /* An M2 in Team 1: for a quarter L2 no longer fits (it is half-yearly);
   * L3 (Sales, M, quarter) does. For a half-year L2 fits and L3 does not. */
  items = trellis_goal_template_list_library (fixture->store, "R1-S-T1", "M2", "quarter", &error);
  g_assert_no_error (error);
  ids = library_ids (items);
  g_assert_cmpstr (ids, ==, "L000001 L000003");
  g_clear_pointer (&items, g_ptr_array_unref);
  g_clear_pointer (&ids, g_free);

  items = trellis_goal_template_list_library (fixture->store, "R1-S-T1", "M2", "half", &error);
  g_assert_no_error (error);
  ids = library_ids (items);
  g_assert_cmpstr (ids, ==, "L000001 L000002");
  g_clear_pointer (&items, g_ptr_array_unref);
  g_clear_pointer (&ids, g_free);

  /* A P3 does not fit the "M" level any more. */
  items = trellis_goal_template_list_library (fixture->store, NULL, "P3", NULL, &error);
  g_assert_no_error (error);
  ids = library_ids (items);
  g_assert_cmpstr (ids, ==, "L000001 L000004 L000005 L000006");

  /* A milestone may keep baseline and target equal: it is done or not. */
  {
    static const LibraryEntry milestone = { "Launch the portal", TRELLIS_MEASURE_MILESTONE, 0, 0 };

    item = library_item (&milestone);
    item.id = (char *)"L000006";
    g_assert_true (trellis_goal_template_update_library_key_result (fixture->store, &item, &error));
    g_assert_no_error (error);
    g_clear_pointer (&row, g_free);
    row = goals_test_query (fixture->store, "SELECT title, measure, level FROM kr_library WHERE id = 'L000006'");
    g_assert_cmpstr (row, ==, "Launch the portal|milestone|");
  }
}

static void
test_library_delete (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char *sales_ids[] = { "L000001", "L000002", "L000006" };
  static const char *lead_ids[] = { "L000001", "L000003" };
  g_autoptr(GError) error = NULL;
  g_autofree char *sales = add_named_template (fixture->store, "Sales rep, quarterly", sales_ids,
                                               (double[]) { 0.5, 0.3, 0.2 }, 3);
  g_autofree char *lead = add_named_template (fixture->store, "Team lead, quarterly", lead_ids,
                                              (double[]) { 0.6, 0.4 }, 2);
  g_autofree char *left = NULL;

  g_assert_cmpstr (sales, ==, "T000001");
  g_assert_cmpstr (lead, ==, "T000002");

  /* L4 is in no template: it goes. */
  g_assert_true (trellis_goal_template_delete_library_key_result (fixture->store, "L000004", &error));
  g_assert_no_error (error);
  g_assert_cmpint (goals_test_count (fixture->store, "SELECT count(*) FROM kr_library"), ==, 5);

  /* L1 is in both templates, named in name order; L3 in one. */
  g_assert_false (trellis_goal_template_delete_library_key_result (fixture->store, "L000001", &error));
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_ALLOWED);
  g_assert_cmpstr (error->message, ==,
                   "Key result “新客户首单转化率” is used by templates “Sales rep, quarterly”, "
                   "“Team lead, quarterly”; remove it from those templates first");
  g_clear_error (&error);

  g_assert_false (trellis_goal_template_delete_library_key_result (fixture->store, "L000003", &error));
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_ALLOWED);
  g_assert_cmpstr (error->message, ==,
                   "Key result “团队培训完成率” is used by template “Team lead, quarterly”; "
                   "remove it from the template first");
  g_clear_error (&error);

  g_assert_false (trellis_goal_template_delete_library_key_result (fixture->store, "L000004", &error));
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no key result with id “L000004” in the library");
  g_clear_error (&error);
  g_assert_false (trellis_store_in_transaction (fixture->store));
  g_assert_cmpint (goals_test_count (fixture->store, "SELECT count(*) FROM kr_library"), ==, 5);

  /* Once the team lead template is gone, L3 is free; L1 is still used. */
  g_assert_true (trellis_goal_template_delete (fixture->store, "T000002", &error));
  g_assert_no_error (error);
  g_assert_true (trellis_goal_template_delete_library_key_result (fixture->store, "L000003", &error));
  g_assert_no_error (error);
  g_assert_false (trellis_goal_template_delete_library_key_result (fixture->store, "L000001", &error));
  g_assert_cmpstr (error->message, ==,
                   "Key result “新客户首单转化率” is used by template “Sales rep, quarterly”; "
                   "remove it from the template first");
  g_clear_error (&error);

  left = goals_test_query (fixture->store, "SELECT group_concat (id, ' ') FROM (SELECT id FROM kr_library ORDER BY id)");
  g_assert_cmpstr (left, ==, "L000001 L000002 L000005 L000006");
}

static void
test_template_update (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char *ids[] = { "L000001", "L000002", "L000006" };
  static const char *new_ids[] = { "L000002", "L000005" };
  static const char *unknown[] = { "L000002", "L000099" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  g_autofree char *id = add_named_template (fixture->store, "Sales rep, quarterly", ids,
                                            (double[]) { 0.5, 0.3, 0.2 }, 3);
  g_autofree char *rows = NULL;
  TrellisGoalTemplate *t;

  g_assert_cmpstr (id, ==, "T000001");

  /* Refused: nothing changes. 0.5 + 0.4 = 0.9. */
  {
    static const struct {
      const char *id, *name; const char **ids; double weights[2]; int code; const char *message;
    } refused[] = {
      { "T000001", "Sales rep, half-year", new_ids, { 0.5, 0.4 }, TRELLIS_GOAL_ERROR_INVALID,
        "Template “Sales rep, half-year”: the weights of its key results add up to 90 %, not 100 %" },
      { "T000001", " ", new_ids, { 0.6, 0.4 }, TRELLIS_GOAL_ERROR_INVALID, "A template needs a name" },
      { "T000001", "Sales rep, half-year", unknown, { 0.6, 0.4 }, TRELLIS_GOAL_ERROR_NOT_FOUND,
        "Template “Sales rep, half-year”: there is no key result with id “L000099” in the library" },
      { "T000099", "Sales rep, half-year", new_ids, { 0.6, 0.4 }, TRELLIS_GOAL_ERROR_NOT_FOUND,
        "There is no goal template with id “T000099”" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_autoptr(GPtrArray) krs = g_ptr_array_new_with_free_func (g_free);
        TrellisGoalTemplate changed = make_template (refused[i].id, refused[i].name, "half", refused[i].ids,
                                                     refused[i].weights, 2, krs);

        g_assert_false (trellis_goal_template_update (fixture->store, &changed, &error));
        g_assert_error (error, TRELLIS_GOAL_ERROR, refused[i].code);
        g_assert_cmpstr (error->message, ==, refused[i].message);
        g_clear_error (&error);
      }
  }
  rows = goals_test_query (fixture->store, "SELECT t.name, t.cycle_kind, k.position, k.library_id, k.weight"
                                           " FROM goal_templates t JOIN goal_template_key_results k"
                                           " ON k.template_id = t.id ORDER BY k.position");
  g_assert_cmpstr (rows, ==,
                   "Sales rep, quarterly|quarter|0|L000001|0.5\n"
                   "Sales rep, quarterly|quarter|1|L000002|0.3\n"
                   "Sales rep, quarterly|quarter|2|L000006|0.2");
  g_assert_false (trellis_store_in_transaction (fixture->store));

  /* Every field, and the key results replaced: three become two. */
  {
    g_autoptr(GPtrArray) krs = g_ptr_array_new_with_free_func (g_free);
    TrellisGoalTemplate changed = make_template ("T000001", "Sales rep, half-year", "half", new_ids,
                                                 (double[]) { 0.6, 0.4 }, 2, krs);

    changed.department_id = (char *)"R1";
    changed.level = (char *)"P2";
    changed.kind = TRELLIS_GOAL_KPI;
    changed.title = (char *)"Win accounts";
    changed.category = TRELLIS_CATEGORY_INNOVATION;
    g_assert_true (trellis_goal_template_update (fixture->store, &changed, &error));
    g_assert_no_error (error);
  }

  templates = trellis_goal_template_list (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (templates->len, ==, 1);
  t = g_ptr_array_index (templates, 0);
  g_assert_cmpstr (t->id, ==, "T000001");
  g_assert_cmpstr (t->name, ==, "Sales rep, half-year");
  g_assert_cmpstr (t->department_id, ==, "R1");
  g_assert_cmpstr (t->level, ==, "P2");
  g_assert_cmpstr (t->cycle_kind, ==, "half");
  g_assert_cmpint (t->kind, ==, TRELLIS_GOAL_KPI);
  g_assert_cmpstr (t->title, ==, "Win accounts");
  g_assert_cmpint (t->category, ==, TRELLIS_CATEGORY_INNOVATION);
  g_assert_cmpuint (t->key_results->len, ==, 2);
  g_assert_cmpstr (((TrellisTemplateKeyResult *)g_ptr_array_index (t->key_results, 0))->library_id, ==, "L000002");
  g_assert_cmpfloat (((TrellisTemplateKeyResult *)g_ptr_array_index (t->key_results, 0))->weight, ==, 0.6);
  g_assert_cmpstr (((TrellisTemplateKeyResult *)g_ptr_array_index (t->key_results, 1))->library_id, ==, "L000005");
  g_assert_cmpfloat (((TrellisTemplateKeyResult *)g_ptr_array_index (t->key_results, 1))->weight, ==, 0.4);
  g_assert_cmpint (goals_test_count (fixture->store, "SELECT count(*) FROM goal_template_key_results"), ==, 2);
}

static void
test_template_delete (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char *ids[] = { "L000001", "L000002", "L000006" };
  static const char *lead_ids[] = { "L000001", "L000003" };
  static const char * const people[] = { "E5", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  g_autofree char *sales = add_named_template (fixture->store, "Sales rep, quarterly", ids,
                                               (double[]) { 0.5, 0.3, 0.2 }, 3);
  g_autofree char *lead = add_named_template (fixture->store, "Team lead, quarterly", lead_ids,
                                              (double[]) { 0.6, 0.4 }, 2);
  gint n;

  /* A goal handed out from it belongs to Eve; deleting the template leaves it. */
  n = trellis_goal_template_bulk_assign (fixture->store, sales, people, "2026-Q1", NULL, NULL, 1.0,
                                         NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 1);
  g_assert_cmpint (goals_test_count (fixture->store, "SELECT count(*) FROM goal_template_key_results"), ==, 5);

  g_assert_true (trellis_goal_template_delete (fixture->store, sales, &error));
  g_assert_no_error (error);

  templates = trellis_goal_template_list (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (templates->len, ==, 1);
  g_assert_cmpstr (((TrellisGoalTemplate *)g_ptr_array_index (templates, 0))->id, ==, "T000002");
  /* 5 rows less its 3. */
  g_assert_cmpint (goals_test_count (fixture->store, "SELECT count(*) FROM goal_template_key_results"), ==, 2);
  g_assert_cmpint (goals_test_count (fixture->store, "SELECT count(*) FROM goals WHERE employee_id = 'E5'"), ==, 1);
  g_assert_cmpint (goals_test_count (fixture->store, "SELECT count(*) FROM kr_library"), ==, G_N_ELEMENTS (library));

  g_assert_false (trellis_goal_template_delete (fixture->store, sales, &error));
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no goal template with id “T000001”");
  g_assert_false (trellis_store_in_transaction (fixture->store));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/template/library", test_library);
  ADD ("/core/template/library-validation", test_library_validation);
  ADD ("/core/template/library-update", test_library_update);
  ADD ("/core/template/library-delete", test_library_delete);
  ADD ("/core/template/weights", test_template_weights);
  ADD ("/core/template/update", test_template_update);
  ADD ("/core/template/delete", test_template_delete);
  ADD ("/core/template/bulk-assign", test_bulk_assign);
  ADD ("/core/template/bulk-assign-refused", test_bulk_assign_refused);
  ADD ("/core/template/bulk-assign-cancelled", test_bulk_assign_cancelled);
#undef ADD

  return g_test_run ();
}
