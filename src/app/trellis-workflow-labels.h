/* trellis-workflow-labels.h
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

#include "trellis-core.h"

G_BEGIN_DECLS

/* How the workflow settings name approval roles, chains and weight rules.
 * All labels are translated. */

/* "Skip-level manager" */
const char *trellis_approver_role_title       (TrellisApproverRole            role);
/* Who that is: "The manager's manager" */
const char *trellis_approver_role_description (TrellisApproverRole            role);
/* "Employee goals, levels M…", "Company goals, any level" */
char       *trellis_approval_chain_describe_owners (const char              *owner_kind,
                                                    const char              *level_prefix);
/* "Manager → Skip-level manager" */
char       *trellis_approval_chain_describe_steps  (GArray                  *roles);
/* "When the value of “A” (North) is more than 15 %, set the weight of “B”
 * to 35 %". @watched and @target may be NULL when they no longer exist. */
char       *trellis_weight_rule_describe      (const TrellisWeightRule          *rule,
                                               const TrellisWeightRuleKeyResult *watched,
                                               const TrellisWeightRuleKeyResult *target);
/* The unit a rule's threshold is in: "%" for progress and percentages,
 * the key result's unit otherwise ("" when it has none). */
const char *trellis_weight_rule_threshold_unit (const char                      *metric,
                                                const TrellisWeightRuleKeyResult *watched);

G_END_DECLS
