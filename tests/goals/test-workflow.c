/* test-workflow.c
 *
 * Copyright 2026 The Trellis authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "goals-test-utils.h"

/* The organisation is drawn in goals-test-utils.h. Approval steps in a new
 * workspace: employee '' → manager; employee 'M' → manager, skip-level
 * manager; department '' and company '' → department head. */

typedef enum { SUBMIT, APPROVE, RETURN, FILE_ } Action;

static const char * const action_names[] = { "submit", "approve", "return", "file" };

static gboolean
run_action (TrellisStore         *store,
            TrellisOrganisation  *org,
            TrellisGoal          *goal,
            Action                action,
            const char           *actor,
            const char           *comment,
            GError              **error)
{
  switch (action)
    {
    case SUBMIT:
      return trellis_goal_workflow_submit (store, org, goal, actor, error);
    case APPROVE:
      return trellis_goal_workflow_approve (store, org, goal, actor, comment, error);
    case RETURN:
      return trellis_goal_workflow_return (store, org, goal, actor, comment, error);
    case FILE_:
    default:
      return trellis_goal_workflow_file (store, goal, actor, error);
    }
}

static char *
steps_text (GArray *steps)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < steps->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, trellis_approver_role_to_string (g_array_index (steps, TrellisApproverRole, i)));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
history_text (TrellisStore *store,
              const char   *goal_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = trellis_goal_workflow_list_history (store, goal_id, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    {
      TrellisApproval *a = g_ptr_array_index (history, i);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s|%d|%s|%s|%s", a->action, a->step, a->actor_id ? a->actor_id : "",
                              a->comment ? a->comment : "", a->at);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
dup_approver (TrellisStore        *store,
              TrellisOrganisation *org,
              TrellisGoal         *goal)
{
  g_autoptr(GError) error = NULL;
  char *approver = trellis_goal_workflow_dup_current_approver (store, org, goal, &error);

  g_assert_no_error (error);
  return approver;
}

static const GoalsTestGoal dan_goal = {
  "G000001", "Grow key-account revenue", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E4", NULL,
  TRELLIS_GOAL_STATE_DRAFT,
  { { "K000001", "Key-account revenue", TRELLIS_MEASURE_NUMERIC, 0, 500, 0.6, "万元" },
    { "K000002", "New key accounts", TRELLIS_MEASURE_NUMERIC, 0, 8, 0.4, NULL } },
};

static const GoalsTestGoal eve_goal = {
  "G000002", "Ship the Q1 pipeline", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E5", NULL,
  TRELLIS_GOAL_STATE_DRAFT,
  { { "K000003", "Qualified leads", TRELLIS_MEASURE_NUMERIC, 0, 40, 0.5, NULL },
    { "K000004", "Demo visits", TRELLIS_MEASURE_NUMERIC, 0, 12, 0.5, NULL } },
};

/* Dan is an M2: his goal goes to his manager Bob (E2), then to Bob's
 * manager Ann (E1), and HR (Ivy, E9) files it. */
static void
test_full_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = goals_test_open_store ();
  g_autoptr(TrellisOrganisation) org = trellis_organisation_load (store, NULL, &error);
  g_autoptr(TrellisGoal) goal = goals_test_add_goal (store, &dan_goal);
  g_autoptr(GArray) steps = NULL;
  g_autofree char *steps_str = NULL;
  g_autofree char *approver = NULL;
  g_autofree char *history = NULL;
  g_autofree char *audit = NULL;
  static const struct {
    Action action; const char *actor, *comment;
    TrellisGoalState state; int step; const char *next_approver;
  } path[] = {
    { SUBMIT, "E4", NULL, TRELLIS_GOAL_STATE_SUBMITTED, 0, "E2" },
    { APPROVE, "E2", "Looks aligned", TRELLIS_GOAL_STATE_SUBMITTED, 1, "E1" },
    { APPROVE, "E1", NULL, TRELLIS_GOAL_STATE_APPROVED, 1, NULL },
    { FILE_, "E9", NULL, TRELLIS_GOAL_STATE_FILED, 1, NULL },
  };

  g_assert_no_error (error);

  steps = trellis_goal_workflow_get_steps (store, org, goal, &error);
  g_assert_no_error (error);
  steps_str = steps_text (steps);
  g_assert_cmpstr (steps_str, ==, "manager skip-level-manager");

  /* A draft waits for no one. */
  approver = dup_approver (store, org, goal);
  g_assert_null (approver);

  for (guint i = 0; i < G_N_ELEMENTS (path); i++)
    {
      g_autofree char *next = NULL;

      goals_test_tick (store, 60);
      g_test_message ("%s by %s", action_names[path[i].action], path[i].actor);
      g_assert_true (run_action (store, org, goal, path[i].action, path[i].actor, path[i].comment, &error));
      g_assert_no_error (error);
      g_assert_cmpint (trellis_goal_get_state (goal), ==, path[i].state);
      g_assert_cmpint (trellis_goal_get_approval_step (goal), ==, path[i].step);
      next = dup_approver (store, org, goal);
      g_assert_cmpstr (next, ==, path[i].next_approver);
      /* The acting person is swapped in for the audit trail only. */
      g_assert_null (trellis_store_get_actor (store));
    }

  /* One clock tick (an hour) per action, from 09:00. */
  history = history_text (store, "G000001");
  g_assert_cmpstr (history, ==,
                   "submit|0|E4||2026-02-10T10:00:00Z\n"
                   "approve|0|E2|Looks aligned|2026-02-10T11:00:00Z\n"
                   "approve|1|E1||2026-02-10T12:00:00Z\n"
                   "file|1|E9||2026-02-10T13:00:00Z");

  /* Each action: its goal_approvals row (trigger), then the state change
   * (update trigger), both by the person acting. */
  audit = goals_test_query (store,
                            "SELECT at, actor_id, action, field, old_value, new_value FROM audit_log"
                            " WHERE entity = 'goal' AND entity_id = 'G000001' ORDER BY id");
  g_assert_cmpstr (audit, ==,
                   "2026-02-10T09:00:00Z||create|||Grow key-account revenue\n"
                   "2026-02-10T10:00:00Z|E4|submit|step 0||\n"
                   "2026-02-10T10:00:00Z|E4|update|status|draft|submitted\n"
                   "2026-02-10T11:00:00Z|E2|approve|step 0||Looks aligned\n"
                   "2026-02-10T11:00:00Z|E2|update|approval_step|0|1\n"
                   "2026-02-10T12:00:00Z|E1|approve|step 1||\n"
                   "2026-02-10T12:00:00Z|E1|update|status|submitted|approved\n"
                   "2026-02-10T13:00:00Z|E9|file|step 1||\n"
                   "2026-02-10T13:00:00Z|E9|update|status|approved|filed");
}

static void
test_return_and_resubmit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = goals_test_open_store ();
  g_autoptr(TrellisOrganisation) org = trellis_organisation_load (store, NULL, &error);
  g_autoptr(TrellisGoal) goal = goals_test_add_goal (store, &eve_goal);
  g_autofree char *approver = NULL;
  g_autofree char *notices = NULL;
  g_autofree char *history = NULL;
  static const char * const blank_comments[] = { NULL, "", "  \t " };

  g_assert_no_error (error);

  /* Eve is a P3: no 'P' steps are configured, so the '' steps apply. */
  g_assert_true (trellis_goal_workflow_submit (store, org, goal, "E5", &error));
  g_assert_no_error (error);
  approver = dup_approver (store, org, goal);
  g_assert_cmpstr (approver, ==, "E4");

  for (guint i = 0; i < G_N_ELEMENTS (blank_comments); i++)
    {
      g_assert_false (trellis_goal_workflow_return (store, org, goal, "E4", blank_comments[i], &error));
      g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==,
                       "Say why goal “Ship the Q1 pipeline” (G000002) is returned: "
                       "the owner reads the comment to revise it");
      g_clear_error (&error);
    }
  g_assert_cmpint (trellis_goal_get_state (goal), ==, TRELLIS_GOAL_STATE_SUBMITTED);

  goals_test_tick (store, 30);
  g_assert_true (trellis_goal_workflow_return (store, org, goal, "E4", "Make the demo KR a number of hospitals", &error));
  g_assert_no_error (error);
  g_assert_cmpint (trellis_goal_get_state (goal), ==, TRELLIS_GOAL_STATE_RETURNED);
  g_assert_cmpint (trellis_goal_get_approval_step (goal), ==, 0);

  /* The owner is told, with the comment. */
  notices = goals_test_query (store, "SELECT goal_id, recipient_id, at, message FROM notices ORDER BY id");
  g_assert_cmpstr (notices, ==,
                   "G000002|E5|2026-02-10T09:30:00Z|Dan (E4) returned goal “Ship the Q1 pipeline” for revision: "
                   "Make the demo KR a number of hospitals");

  goals_test_tick (store, 30);
  g_assert_true (trellis_goal_workflow_submit (store, org, goal, "E5", &error));
  g_assert_no_error (error);
  g_assert_cmpint (trellis_goal_get_state (goal), ==, TRELLIS_GOAL_STATE_SUBMITTED);

  goals_test_tick (store, 30);
  g_assert_true (trellis_goal_workflow_approve (store, org, goal, "E4", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (trellis_goal_get_state (goal), ==, TRELLIS_GOAL_STATE_APPROVED);

  history = history_text (store, "G000002");
  g_assert_cmpstr (history, ==,
                   "submit|0|E5||2026-02-10T09:00:00Z\n"
                   "return|0|E4|Make the demo KR a number of hospitals|2026-02-10T09:30:00Z\n"
                   "submit|0|E5||2026-02-10T10:00:00Z\n"
                   "approve|0|E4||2026-02-10T10:30:00Z");
}

static void
test_wrong_approver (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = goals_test_open_store ();
  g_autoptr(TrellisOrganisation) org = trellis_organisation_load (store, NULL, &error);
  g_autoptr(TrellisGoal) eve = goals_test_add_goal (store, &eve_goal);
  g_autoptr(TrellisGoal) dan = goals_test_add_goal (store, &dan_goal);
  static const struct { const char *goal; Action action; const char *actor, *message; } cases[] = {
    /* Step 1 of Eve's goal belongs to her manager Dan. */
    { "G000002", APPROVE, "E2",
      "Step 1 of goal “Ship the Q1 pipeline” (G000002) must be approved by Dan (E4), the manager; "
      "Bob (E2) cannot approve it" },
    { "G000002", APPROVE, "E5",
      "Step 1 of goal “Ship the Q1 pipeline” (G000002) must be approved by Dan (E4), the manager; "
      "Eve (E5) cannot approve it" },
    { "G000002", RETURN, "E6",
      "Only Dan (E4), the manager, can return goal “Ship the Q1 pipeline” (G000002) at step 1; Fay (E6) cannot" },
    /* Bob approved step 1 of Dan's goal; step 2 is Ann's, not Bob's again. */
    { "G000001", APPROVE, "E2",
      "Step 2 of goal “Grow key-account revenue” (G000001) must be approved by Ann (E1), the skip-level manager; "
      "Bob (E2) cannot approve it" },
    { "G000001", APPROVE, "E99",
      "Step 2 of goal “Grow key-account revenue” (G000001) must be approved by Ann (E1), the skip-level manager; "
      "E99 cannot approve it" },
  };

  g_assert_no_error (error);
  g_assert_true (trellis_goal_workflow_submit (store, org, eve, "E5", &error));
  g_assert_true (trellis_goal_workflow_submit (store, org, dan, "E4", &error));
  g_assert_true (trellis_goal_workflow_approve (store, org, dan, "E2", NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TrellisGoal *goal = g_str_equal (cases[i].goal, "G000001") ? dan : eve;
      g_autofree char *approvals_sql = g_strdup_printf ("SELECT count(*) FROM goal_approvals WHERE goal_id = '%s'",
                                                        cases[i].goal);
      gint64 before = goals_test_count (store, approvals_sql);
      int step = trellis_goal_get_approval_step (goal);

      g_assert_false (run_action (store, org, goal, cases[i].action, cases[i].actor, "A comment", &error));
      g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_ALLOWED);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_clear_error (&error);

      /* Nothing was recorded and nothing moved. */
      g_assert_cmpint (goals_test_count (store, approvals_sql), ==, before);
      g_assert_cmpint (trellis_goal_get_state (goal), ==, TRELLIS_GOAL_STATE_SUBMITTED);
      g_assert_cmpint (trellis_goal_get_approval_step (goal), ==, step);
    }
}

static void
test_wrong_states (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = goals_test_open_store ();
  g_autoptr(TrellisOrganisation) org = trellis_organisation_load (store, NULL, &error);
  static const struct { TrellisGoalState state; Action action; const char *message; } cases[] = {
    { TRELLIS_GOAL_STATE_DRAFT, APPROVE, "is a draft: only a submitted goal can be approved" },
    { TRELLIS_GOAL_STATE_DRAFT, RETURN, "is a draft: only a submitted goal can be returned" },
    { TRELLIS_GOAL_STATE_DRAFT, FILE_, "is a draft: only an approved goal can be filed" },
    { TRELLIS_GOAL_STATE_SUBMITTED, SUBMIT, "is submitted: only a draft or a returned goal can be submitted" },
    { TRELLIS_GOAL_STATE_SUBMITTED, FILE_, "is submitted: only an approved goal can be filed" },
    { TRELLIS_GOAL_STATE_APPROVED, SUBMIT, "is approved: only a draft or a returned goal can be submitted" },
    { TRELLIS_GOAL_STATE_APPROVED, APPROVE, "is approved: only a submitted goal can be approved" },
    { TRELLIS_GOAL_STATE_APPROVED, RETURN, "is approved: only a submitted goal can be returned" },
    { TRELLIS_GOAL_STATE_FILED, SUBMIT, "is filed: only a draft or a returned goal can be submitted" },
    { TRELLIS_GOAL_STATE_FILED, FILE_, "is filed: only an approved goal can be filed" },
    { TRELLIS_GOAL_STATE_RETURNED, APPROVE, "is returned: only a submitted goal can be approved" },
    { TRELLIS_GOAL_STATE_RETURNED, FILE_, "is returned: only an approved goal can be filed" },
  };

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = g_strdup_printf ("G%06u", i + 1);
      g_autofree char *kr_id = g_strdup_printf ("K%06u", i + 1);
      g_autofree char *expected = g_strdup_printf ("Goal “Case %u” (%s) %s", i + 1, id, cases[i].message);
      g_autofree char *title = g_strdup_printf ("Case %u", i + 1);
      g_autoptr(TrellisGoal) goal = goals_test_add_goal (store, &(GoalsTestGoal) {
        id, title, TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E5", NULL, cases[i].state,
        { { kr_id, "Only KR", TRELLIS_MEASURE_NUMERIC, 0, 10, 1.0, NULL } },
      });
      g_autofree char *state_sql = g_strdup_printf ("SELECT count(*) FROM goals WHERE id = '%s' AND status = '%s'",
                                                    id, trellis_goal_state_to_string (cases[i].state));

      g_assert_false (run_action (store, org, goal, cases[i].action, "E4", "A comment", &error));
      g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_WORKFLOW);
      g_assert_cmpstr (error->message, ==, expected);
      g_clear_error (&error);

      g_assert_cmpint (trellis_goal_get_state (goal), ==, cases[i].state);
      g_assert_cmpint (goals_test_count (store, state_sql), ==, 1);
    }

  g_assert_cmpint (goals_test_count (store, "SELECT count(*) FROM goal_approvals"), ==, 0);
}

static void
test_submit_needs_complete_key_results (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = goals_test_open_store ();
  g_autoptr(TrellisOrganisation) org = trellis_organisation_load (store, NULL, &error);
  static const struct { TrellisGoalKind kind; double weights[4]; const char *message; } cases[] = {
    { TRELLIS_GOAL_OBJECTIVE, { -1 }, "it has no key results" },
    /* 0.5 + 0.4 = 0.9 */
    { TRELLIS_GOAL_OBJECTIVE, { 0.5, 0.4, -1 }, "the weights of its key results add up to 90 %, not 100 %" },
    { TRELLIS_GOAL_OBJECTIVE, { 0.6, 0.6, -1 }, "the weights of its key results add up to 120 %, not 100 %" },
    /* 0.25 + 0.25 + 0.25 + 0.2 = 0.95 */
    { TRELLIS_GOAL_OBJECTIVE, { 0.25, 0.25, 0.25, 0.2 }, "the weights of its key results add up to 95 %, not 100 %" },
    { TRELLIS_GOAL_OBJECTIVE, { 0.5, 0.5, -1 }, NULL },
    /* 0.333 + 0.333 + 0.334 = 1 */
    { TRELLIS_GOAL_OBJECTIVE, { 0.333, 0.333, 0.334, -1 }, NULL },
    { TRELLIS_GOAL_KPI, { -1 }, "it has no key results" },
    /* A KPI with a single measure: the weight does not matter. */
    { TRELLIS_GOAL_KPI, { 0.5, -1 }, NULL },
    { TRELLIS_GOAL_KPI, { 0.5, 0.3, -1 }, "the weights of its key results add up to 80 %, not 100 %" },
  };
  guint next_kr = 1;

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = g_strdup_printf ("G%06u", i + 1);
      g_autofree char *title = g_strdup_printf ("Case %u", i + 1);
      g_autoptr(GPtrArray) kr_ids = g_ptr_array_new_with_free_func (g_free);
      GoalsTestGoal spec = { id, title, cases[i].kind, TRELLIS_OWNER_EMPLOYEE, "E5", NULL,
                             TRELLIS_GOAL_STATE_DRAFT, { { NULL } } };
      g_autoptr(TrellisGoal) goal = NULL;

      for (guint k = 0; k < G_N_ELEMENTS (cases[i].weights) && cases[i].weights[k] >= 0; k++)
        {
          char *kr_id = g_strdup_printf ("K%06u", next_kr++);

          g_ptr_array_add (kr_ids, kr_id);
          spec.key_results[k] = (GoalsTestKeyResult) { kr_id, "A KR", TRELLIS_MEASURE_NUMERIC, 0, 10,
                                                       cases[i].weights[k], NULL };
        }
      goal = goals_test_add_goal (store, &spec);

      if (cases[i].message == NULL)
        {
          g_assert_true (trellis_goal_workflow_submit (store, org, goal, "E5", &error));
          g_assert_no_error (error);
          g_assert_cmpint (trellis_goal_get_state (goal), ==, TRELLIS_GOAL_STATE_SUBMITTED);
        }
      else
        {
          g_autofree char *expected = g_strdup_printf ("Goal “%s” (%s) cannot be submitted: %s",
                                                       title, id, cases[i].message);

          g_assert_false (trellis_goal_workflow_submit (store, org, goal, "E5", &error));
          g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID);
          g_assert_cmpstr (error->message, ==, expected);
          g_clear_error (&error);
          g_assert_cmpint (trellis_goal_get_state (goal), ==, TRELLIS_GOAL_STATE_DRAFT);
        }
    }
}

static void
test_configured_steps (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = goals_test_open_store ();
  g_autoptr(TrellisOrganisation) org = trellis_organisation_load (store, NULL, &error);
  static const TrellisApproverRole p_steps[] = { TRELLIS_APPROVER_DEPARTMENT_HEAD, TRELLIS_APPROVER_HR };
  static const struct {
    TrellisOwnerKind owner_kind; const char *owner, *steps, *approver;
  } cases[] = {
    /* Eve (P3): manager Dan. */
    { TRELLIS_OWNER_EMPLOYEE, "E5", "manager", "E4" },
    /* Dan (M2): manager Bob, then Ann. */
    { TRELLIS_OWNER_EMPLOYEE, "E4", "manager skip-level-manager", "E2" },
    /* Sales (head Dan, M2; no 'M' department steps): Dan's manager Bob. */
    { TRELLIS_OWNER_DEPARTMENT, "R1-S", "department-head", "E2" },
    /* Team 1 has no head: the head above, Dan. */
    { TRELLIS_OWNER_DEPARTMENT, "R1-S-T1", "department-head", "E4" },
    /* The company goal: the company head herself. */
    { TRELLIS_OWNER_COMPANY, "C", "department-head", "E1" },
  };
  g_autoptr(TrellisGoal) ceo = NULL;
  g_autoptr(TrellisGoal) eve = NULL;
  g_autoptr(GArray) steps = NULL;
  g_autofree char *text = NULL;
  g_autofree char *approver = NULL;

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = g_strdup_printf ("G%06u", i + 1);
      g_autofree char *kr_id = g_strdup_printf ("K%06u", i + 1);
      g_autoptr(TrellisGoal) goal = goals_test_add_goal (store, &(GoalsTestGoal) {
        id, "A goal", TRELLIS_GOAL_OBJECTIVE, cases[i].owner_kind, cases[i].owner, NULL,
        TRELLIS_GOAL_STATE_DRAFT, { { kr_id, "Only KR", TRELLIS_MEASURE_NUMERIC, 0, 10, 1.0, NULL } },
      });
      g_autoptr(GArray) goal_steps = trellis_goal_workflow_get_steps (store, org, goal, &error);
      g_autofree char *goal_steps_text = steps_text (goal_steps);
      g_autofree char *first = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (goal_steps_text, ==, cases[i].steps);

      g_assert_true (trellis_goal_workflow_submit (store, org, goal, "E9", &error));
      g_assert_no_error (error);
      first = dup_approver (store, org, goal);
      g_assert_cmpstr (first, ==, cases[i].approver);
    }

  /* Ann, the CEO, has no manager: her own goal could never be approved, so
   * it is not accepted for submission. */
  ceo = goals_test_add_goal (store, &(GoalsTestGoal) {
    "G000100", "Lead the company", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E1", NULL,
    TRELLIS_GOAL_STATE_DRAFT, { { "K000100", "Only KR", TRELLIS_MEASURE_NUMERIC, 0, 10, 1.0, NULL } },
  });
  g_assert_false (trellis_goal_workflow_submit (store, org, ceo, "E1", &error));
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_ALLOWED);
  g_assert_cmpstr (error->message, ==,
                   "No one can approve step 1 (manager) of goal “Lead the company” (G000100): "
                   "its owner has no manager on record. Fix the reporting lines or the approval steps.");
  g_clear_error (&error);

  /* P levels: the department head, then HR. Team 1 has no head, so the
   * head of Sales (Dan) takes step 1; anyone acting as HR takes step 2. */
  g_assert_true (trellis_goal_workflow_set_steps (store, "employee", "P", p_steps, G_N_ELEMENTS (p_steps), &error));
  g_assert_no_error (error);
  eve = goals_test_add_goal (store, &(GoalsTestGoal) {
    "G000200", "Learn the product line", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E5", NULL,
    TRELLIS_GOAL_STATE_DRAFT, { { "K000200", "Only KR", TRELLIS_MEASURE_MILESTONE, 0, 1, 1.0, NULL } },
  });
  steps = trellis_goal_workflow_get_steps (store, org, eve, &error);
  g_assert_no_error (error);
  text = steps_text (steps);
  g_assert_cmpstr (text, ==, "department-head hr");

  g_assert_true (trellis_goal_workflow_submit (store, org, eve, "E5", &error));
  approver = dup_approver (store, org, eve);
  g_assert_cmpstr (approver, ==, "E4");
  g_assert_true (trellis_goal_workflow_approve (store, org, eve, "E4", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&approver, g_free);
  approver = dup_approver (store, org, eve);
  g_assert_null (approver);
  g_assert_cmpint (trellis_goal_get_approval_step (eve), ==, 1);
  g_assert_true (trellis_goal_workflow_approve (store, org, eve, "E9", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (trellis_goal_get_state (eve), ==, TRELLIS_GOAL_STATE_APPROVED);

  /* No steps for 'P' again: back to the '' steps. */
  g_assert_true (trellis_goal_workflow_set_steps (store, "employee", "P", NULL, 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&steps, g_array_unref);
  g_clear_pointer (&text, g_free);
  steps = trellis_goal_workflow_get_steps (store, org, eve, &error);
  text = steps_text (steps);
  g_assert_cmpstr (text, ==, "manager");

  /* With nothing configured at all, the manager approves. */
  g_assert_true (trellis_goal_workflow_set_steps (store, "employee", "", NULL, 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&steps, g_array_unref);
  g_clear_pointer (&text, g_free);
  steps = trellis_goal_workflow_get_steps (store, org, eve, &error);
  text = steps_text (steps);
  g_assert_cmpstr (text, ==, "manager");

  /* Anyone may act as HR or submit, but it must be someone in the
   * organisation. */
  g_assert_true (trellis_goal_workflow_file (store, eve, "E9", &error));
  g_assert_no_error (error);
  {
    g_autoptr(TrellisGoal) draft = goals_test_add_goal (store, &(GoalsTestGoal) {
      "G000300", "Sell more", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E6", NULL,
      TRELLIS_GOAL_STATE_DRAFT, { { "K000300", "Only KR", TRELLIS_MEASURE_NUMERIC, 0, 10, 1.0, NULL } },
    });
    g_autoptr(TrellisGoal) approved = goals_test_add_goal (store, &(GoalsTestGoal) {
      "G000301", "Sell even more", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E6", NULL,
      TRELLIS_GOAL_STATE_APPROVED, { { "K000301", "Only KR", TRELLIS_MEASURE_NUMERIC, 0, 10, 1.0, NULL } },
    });
    const struct { TrellisGoal *goal; Action action; TrellisGoalState state; } unknown[] = {
      { draft, SUBMIT, TRELLIS_GOAL_STATE_DRAFT },
      { approved, FILE_, TRELLIS_GOAL_STATE_APPROVED },
    };

    for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
      {
        g_assert_false (run_action (store, org, unknown[i].goal, unknown[i].action, "HR-OFFICE", NULL, &error));
        g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND);
        g_assert_cmpstr (error->message, ==, "There is no employee with id “HR-OFFICE”");
        g_clear_error (&error);
        g_assert_cmpint (trellis_goal_get_state (unknown[i].goal), ==, unknown[i].state);
      }
  }

  g_assert_false (trellis_goal_workflow_set_steps (store, "team", "", p_steps, 1, &error));
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“team” is not an owner kind: use company, department or employee");
}

/* "employee|M|manager skip-level-manager", one line per chain. */
static char *
chains_text (TrellisStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) chains = trellis_goal_workflow_list_chains (store, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < chains->len; i++)
    {
      TrellisApprovalChain *chain = g_ptr_array_index (chains, i);
      g_autofree char *roles = steps_text (chain->roles);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s|%s|%s", chain->owner_kind, chain->level_prefix, roles);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The steps a new workspace ships (see the comment at the top). */
#define DEFAULT_CHAINS \
  "company||department-head\n" \
  "department||department-head\n" \
  "employee||manager\n" \
  "employee|M|manager skip-level-manager"

static void
test_list_chains (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = goals_test_open_store ();
  static const TrellisApproverRole hr[] = { TRELLIS_APPROVER_HR };
  g_autofree char *before = chains_text (store);
  g_autofree char *after = NULL;

  g_assert_cmpstr (before, ==, DEFAULT_CHAINS);

  /* Company before department before employee whatever the insertion
   * order; levels sorted within an owner kind; '' first. */
  g_assert_true (trellis_goal_workflow_set_steps (store, "employee", "A", hr, 1, &error));
  g_assert_no_error (error);
  g_assert_true (trellis_goal_workflow_set_steps (store, "department", "M", hr, 1, &error));
  g_assert_no_error (error);
  after = chains_text (store);
  g_assert_cmpstr (after, ==,
                   "company||department-head\n"
                   "department||department-head\n"
                   "department|M|hr\n"
                   "employee||manager\n"
                   "employee|A|hr\n"
                   "employee|M|manager skip-level-manager");
}

/* Level, position and approver of each employee step a new workspace has. */
#define DEFAULT_EMPLOYEE_STEPS "|0|manager\nM|0|manager\nM|1|skip-level-manager"

static void
test_save_chain (void)
{
  static const TrellisApproverRole head_hr[] = { TRELLIS_APPROVER_DEPARTMENT_HEAD, TRELLIS_APPROVER_HR };
  static const TrellisApproverRole hr[] = { TRELLIS_APPROVER_HR };
  static const TrellisApproverRole manager_hr[] = { TRELLIS_APPROVER_MANAGER, TRELLIS_APPROVER_HR };
  static const struct {
    const char *replaces_kind, *replaces_level, *kind, *level;
    const TrellisApproverRole *roles; guint n_roles;
    const char *message;   /* NULL: saved */
    const char *steps;     /* the employee steps afterwards */
  } cases[] = {
    /* A new chain; the spaces around the prefix are dropped. */
    { NULL, NULL, "employee", " P3 ", head_hr, 2, NULL,
      DEFAULT_EMPLOYEE_STEPS "\nP3|0|department-head\nP3|1|hr" },
    /* Adding one that exists would overwrite it unseen. */
    { NULL, NULL, "employee", "M", hr, 1,
      "Employee goals at levels starting with “M” already have approval steps: change those instead",
      DEFAULT_EMPLOYEE_STEPS "\nP3|0|department-head\nP3|1|hr" },
    { NULL, NULL, "employee", "", hr, 1,
      "Employee goals of any level already have approval steps: change those instead",
      DEFAULT_EMPLOYEE_STEPS "\nP3|0|department-head\nP3|1|hr" },
    /* Editing P3 into P moves it: P3 is gone. */
    { "employee", "P3", "employee", "P", hr, 1, NULL,
      DEFAULT_EMPLOYEE_STEPS "\nP|0|hr" },
    /* Editing P in place replaces its steps. */
    { "employee", "P", "employee", "P", manager_hr, 2, NULL,
      DEFAULT_EMPLOYEE_STEPS "\nP|0|manager\nP|1|hr" },
    /* Editing P into M, which exists: refused, P stays as it was. */
    { "employee", "P", "employee", "M", hr, 1,
      "Employee goals at levels starting with “M” already have approval steps: change those instead",
      DEFAULT_EMPLOYEE_STEPS "\nP|0|manager\nP|1|hr" },
    /* Editing employee P into department P leaves the employee chains. */
    { "employee", "P", "department", "P", hr, 1, NULL,
      DEFAULT_EMPLOYEE_STEPS },
    { NULL, NULL, "employee", "P", NULL, 0, "Approval steps need at least one approver",
      DEFAULT_EMPLOYEE_STEPS },
    { NULL, NULL, "employee", "P 3", hr, 1,
      "“P 3” is not a level prefix: use the start of a level, such as M or P3",
      DEFAULT_EMPLOYEE_STEPS },
    { NULL, NULL, "team", "P", hr, 1, "“team” is not an owner kind: use company, department or employee",
      DEFAULT_EMPLOYEE_STEPS },
    { NULL, NULL, "department", "P", hr, 1,
      "Department goals at levels starting with “P” already have approval steps: change those instead",
      DEFAULT_EMPLOYEE_STEPS },
    { NULL, NULL, "company", "", hr, 1,
      "Company goals of any level already have approval steps: change those instead",
      DEFAULT_EMPLOYEE_STEPS },
  };
  g_autoptr(TrellisStore) store = goals_test_open_store ();
  g_autofree char *all = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *employee_steps = NULL;
      gboolean saved;

      g_test_message ("case %u", i);
      saved = trellis_goal_workflow_save_chain (store, cases[i].replaces_kind, cases[i].replaces_level,
                                                cases[i].kind, cases[i].level, cases[i].roles, cases[i].n_roles,
                                                &error);
      if (cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (saved);
        }
      else
        {
          g_assert_false (saved);
          g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID);
          g_assert_cmpstr (error->message, ==, cases[i].message);
        }
      employee_steps = goals_test_query (store,
                                         "SELECT level, position, approver FROM approval_steps"
                                         " WHERE owner_kind = 'employee' ORDER BY level, position");
      g_assert_cmpstr (employee_steps, ==, cases[i].steps);
    }

  /* The department chain moved in case 7 is there. */
  all = chains_text (store);
  g_assert_cmpstr (all, ==,
                   "company||department-head\n"
                   "department||department-head\n"
                   "department|P|hr\n"
                   "employee||manager\n"
                   "employee|M|manager skip-level-manager");

  /* The trail of the P3 chain: added in case 0, moved away in case 3. */
  g_clear_pointer (&all, g_free);
  all = goals_test_query (store, "SELECT action, field, old_value, new_value FROM audit_log"
                                 " WHERE entity = 'approval_steps' AND entity_id = 'employee:P3' ORDER BY id");
  g_assert_cmpstr (all, ==,
                   "add-step|0||department-head\n"
                   "add-step|1||hr\n"
                   "remove-step|0|department-head|\n"
                   "remove-step|1|hr|");
}

/* A goal follows the longest configured prefix of its owner's level. */
static void
test_longest_prefix (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = goals_test_open_store ();
  g_autoptr(TrellisOrganisation) org = trellis_organisation_load (store, NULL, &error);
  static const TrellisApproverRole hr[] = { TRELLIS_APPROVER_HR };
  static const TrellisApproverRole head_hr[] = { TRELLIS_APPROVER_DEPARTMENT_HEAD, TRELLIS_APPROVER_HR };
  static const struct { const char *id, *owner; } owners[] = {
    { "G000001", "E5" },   /* Eve, P3 */
    { "G000002", "E6" },   /* Fay, P2 */
    { "G000003", "E4" },   /* Dan, M2 */
  };
  static const struct {
    const char *delete_level;   /* removed before the check; NULL: nothing */
    const char *steps[3];       /* Eve, Fay, Dan */
  } rounds[] = {
    { NULL, { "department-head hr", "hr", "manager skip-level-manager" } },
    /* Without P3, Eve falls back to P. */
    { "P3", { "hr", "hr", "manager skip-level-manager" } },
    /* Without P, to ''. */
    { "P", { "manager", "manager", "manager skip-level-manager" } },
  };
  TrellisGoal *goals[G_N_ELEMENTS (owners)];

  g_assert_no_error (error);
  g_assert_true (trellis_goal_workflow_set_steps (store, "employee", "P", hr, 1, &error));
  g_assert_true (trellis_goal_workflow_set_steps (store, "employee", "P3", head_hr, 2, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (owners); i++)
    {
      g_autofree char *kr_id = g_strdup_printf ("K%06u", i + 1);

      goals[i] = goals_test_add_goal (store, &(GoalsTestGoal) {
        owners[i].id, "A goal", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, owners[i].owner, NULL,
        TRELLIS_GOAL_STATE_DRAFT, { { kr_id, "Only KR", TRELLIS_MEASURE_NUMERIC, 0, 10, 1.0, NULL } },
      });
    }

  for (guint r = 0; r < G_N_ELEMENTS (rounds); r++)
    {
      if (rounds[r].delete_level != NULL)
        {
          g_assert_true (trellis_goal_workflow_delete_steps (store, "employee", rounds[r].delete_level, &error));
          g_assert_no_error (error);
        }
      for (guint i = 0; i < G_N_ELEMENTS (owners); i++)
        {
          g_autoptr(GArray) steps = trellis_goal_workflow_get_steps (store, org, goals[i], &error);
          g_autofree char *text = NULL;

          g_assert_no_error (error);
          text = steps_text (steps);
          g_test_message ("round %u, %s", r, owners[i].owner);
          g_assert_cmpstr (text, ==, rounds[r].steps[i]);
        }
    }

  /* Gone already. */
  g_assert_false (trellis_goal_workflow_delete_steps (store, "employee", "P", &error));
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There are no approval steps for employee goals with level prefix “P”");
  g_clear_error (&error);

  /* Removing the '' chain: nothing applies to Eve, so her manager approves. */
  g_assert_true (trellis_goal_workflow_delete_steps (store, "employee", NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GArray) steps = trellis_goal_workflow_get_steps (store, org, goals[0], &error);
    g_autofree char *text = steps_text (steps);

    g_assert_cmpstr (text, ==, "manager");
  }

  for (guint i = 0; i < G_N_ELEMENTS (owners); i++)
    g_object_unref (goals[i]);
}

static void
test_role_strings (void)
{
  static const struct { const char *text; gboolean known; TrellisApproverRole role; } cases[] = {
    { "manager", TRUE, TRELLIS_APPROVER_MANAGER },
    { "skip-level-manager", TRUE, TRELLIS_APPROVER_SKIP_LEVEL_MANAGER },
    { "department-head", TRUE, TRELLIS_APPROVER_DEPARTMENT_HEAD },
    { "hr", TRUE, TRELLIS_APPROVER_HR },
    { "HR", FALSE, 0 },
    { "", FALSE, 0 },
    { NULL, FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TrellisApproverRole role = 0;

      g_assert_cmpint (trellis_approver_role_from_string (cases[i].text, &role), ==, cases[i].known);
      if (cases[i].known)
        {
          g_assert_cmpint (role, ==, cases[i].role);
          g_assert_cmpstr (trellis_approver_role_to_string (role), ==, cases[i].text);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/workflow/full-path", test_full_path);
  g_test_add_func ("/core/workflow/return-and-resubmit", test_return_and_resubmit);
  g_test_add_func ("/core/workflow/wrong-approver", test_wrong_approver);
  g_test_add_func ("/core/workflow/wrong-states", test_wrong_states);
  g_test_add_func ("/core/workflow/submit-needs-complete-key-results", test_submit_needs_complete_key_results);
  g_test_add_func ("/core/workflow/configured-steps", test_configured_steps);
  g_test_add_func ("/core/workflow/role-strings", test_role_strings);
  g_test_add_func ("/core/workflow/list-chains", test_list_chains);
  g_test_add_func ("/core/workflow/save-chain", test_save_chain);
  g_test_add_func ("/core/workflow/longest-prefix", test_longest_prefix);

  return g_test_run ();
}
