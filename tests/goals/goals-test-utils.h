/* goals-test-utils.h
 *
 * Copyright 2026 The Trellis authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trellis-core.h"

G_BEGIN_DECLS

/* The organisation every goals test starts from (levels in brackets):
 *
 *   C Acme (company, head E1)
 *   ├── R1 North (region, head E2)
 *   │   └── R1-S Sales (department, head E4)
 *   │       └── R1-S-T1 Team 1 (team, no head)
 *   ├── R2 South (region, head E3)
 *   └── HR People (department, head E8)
 *
 *   E1 Ann [M5] ─┬─ E2 Bob [M3] ── E4 Dan [M2] ─┬─ E5 Eve [P3]
 *                │                               └─ E6 Fay [P2]
 *                ├─ E3 Cat [M3] ── E7 Gus [P3]
 *                └─ E8 Hal [M2] ── E9 Ivy [P4]   (HR: Ivy files goals)
 *
 * Cycles: the whole of 2026 (trellis_cycle_build_year). The clock is fixed
 * at 2026-02-10T09:00:00Z; goals_test_tick() moves it. */
#define GOALS_TEST_START "2026-02-10T09:00:00Z"

typedef struct
{
  const char     *id;
  const char     *title;
  TrellisMeasure  measure;
  double          baseline;
  double          target;
  double          weight;
  const char     *unit;
} GoalsTestKeyResult;

typedef struct
{
  const char         *id;
  const char         *title;
  TrellisGoalKind     kind;
  TrellisOwnerKind    owner_kind;
  const char         *owner_id;   /* a department for company/department goals */
  const char         *cycle_id;   /* NULL: 2026-Q1 */
  TrellisGoalState    state;
  GoalsTestKeyResult  key_results[5];   /* ends at the first id NULL */
} GoalsTestGoal;

TrellisStore *goals_test_open_store      (void);
/* Moves the store's clock on by @minutes. */
void          goals_test_tick            (TrellisStore        *store,
                                          int                  minutes);
/* Inserts the goal (and its KRs) and returns it as read back. */
TrellisGoal  *goals_test_add_goal        (TrellisStore        *store,
                                          const GoalsTestGoal *spec);
/* Adds an employee to the organisation (one statement). */
void          goals_test_add_employee    (TrellisStore        *store,
                                          const char          *id,
                                          const char          *name,
                                          const char          *level,
                                          const char          *department_id,
                                          const char          *manager_id);
/* Runs @sql and joins the rows with "\n" and the columns with "|"; NULL
 * shows as an empty column. */
char         *goals_test_query           (TrellisStore        *store,
                                          const char          *sql);
gint64        goals_test_count           (TrellisStore        *store,
                                          const char          *sql);
double        goals_test_key_result_weight (TrellisStore      *store,
                                          const char          *key_result_id);

G_END_DECLS
