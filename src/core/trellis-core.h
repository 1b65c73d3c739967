/* trellis-core.h
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

#include "trellis-change-request.h"
#include "trellis-clock.h"
#include "trellis-cycle.h"
#include "trellis-date.h"
#include "trellis-demo.h"
#include "trellis-department.h"
#include "trellis-employee.h"
#include "trellis-goal.h"
#include "trellis-goal-labels.h"
#include "trellis-goal-repository.h"
#include "trellis-goal-template.h"
#include "trellis-goal-tree.h"
#include "trellis-goal-workflow.h"
#include "trellis-interchange.h"
#include "trellis-key-result.h"
#include "trellis-okr.h"
#include "trellis-org-repository.h"
#include "trellis-organisation.h"
#include "trellis-progress.h"
#include "trellis-store.h"
#include "trellis-weight-rule.h"
#include "trellis-workspace.h"
