/* trellis-goal-labels.c
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

#define G_LOG_DOMAIN "trellis-goal-labels"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "trellis-goal-labels.h"

const char *
trellis_goal_status_label (TrellisProgressStatus status)
{
  switch (status)
    {
    case TRELLIS_PROGRESS_ACHIEVED:
      return _("Achieved");
    case TRELLIS_PROGRESS_ON_TRACK:
      return _("On track");
    case TRELLIS_PROGRESS_BEHIND:
      return _("Behind");
    case TRELLIS_PROGRESS_AT_RISK:
      return _("At risk");
    default:
      return "";
    }
}

const char *
trellis_goal_state_label (TrellisGoalState state)
{
  switch (state)
    {
    case TRELLIS_GOAL_STATE_DRAFT:
      return _("Draft");
    case TRELLIS_GOAL_STATE_SUBMITTED:
      return _("Submitted");
    case TRELLIS_GOAL_STATE_APPROVED:
      return _("Approved");
    case TRELLIS_GOAL_STATE_FILED:
      return _("Filed");
    case TRELLIS_GOAL_STATE_RETURNED:
      return _("Returned");
    default:
      return "";
    }
}

const char *
trellis_goal_kind_label (TrellisGoalKind kind)
{
  return kind == TRELLIS_GOAL_KPI ? _("KPI") : _("Objective");
}

const char *
trellis_goal_category_label (TrellisGoalCategory category)
{
  switch (category)
    {
    case TRELLIS_CATEGORY_BUSINESS:
      return _("Business");
    case TRELLIS_CATEGORY_DEVELOPMENT:
      return _("Development");
    case TRELLIS_CATEGORY_INNOVATION:
      return _("Innovation");
    default:
      return "";
    }
}

const char *
trellis_goal_origin_label (TrellisGoalOrigin origin)
{
  return origin == TRELLIS_ORIGIN_SELF ? _("Self-created") : _("Assigned");
}

const char *
trellis_commitment_label (TrellisCommitment commitment)
{
  return commitment == TRELLIS_COMMITMENT_ASPIRATIONAL ? _("Aspirational") : _("Committed");
}

const char *
trellis_measure_label (TrellisMeasure measure)
{
  switch (measure)
    {
    case TRELLIS_MEASURE_NUMERIC:
      return _("Number");
    case TRELLIS_MEASURE_PERCENTAGE:
      return _("Percentage");
    case TRELLIS_MEASURE_MILESTONE:
      return _("Milestone");
    default:
      return "";
    }
}
