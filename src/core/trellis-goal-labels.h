/* trellis-goal-labels.h
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

#pragma once

#include <glib.h>

#include "trellis-goal.h"
#include "trellis-okr.h"

G_BEGIN_DECLS

/* The translated words people read for the goal enumerations, shared by the
 * application and trellis-cli (which links no GTK). The stable English keys
 * files and --json use are the *_to_string () functions. */
const char *trellis_goal_status_label        (TrellisProgressStatus status);
const char *trellis_goal_state_label         (TrellisGoalState      state);
const char *trellis_goal_kind_label          (TrellisGoalKind       kind);
const char *trellis_goal_category_label      (TrellisGoalCategory   category);
const char *trellis_goal_origin_label        (TrellisGoalOrigin     origin);
const char *trellis_commitment_label         (TrellisCommitment     commitment);
const char *trellis_measure_label            (TrellisMeasure        measure);

G_END_DECLS
