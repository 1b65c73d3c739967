/* trellis-goal-workflow.h
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

#include "trellis-goal.h"
#include "trellis-organisation.h"
#include "trellis-store.h"

G_BEGIN_DECLS

/* Who approves a step. */
typedef enum {
  TRELLIS_APPROVER_MANAGER,
  TRELLIS_APPROVER_SKIP_LEVEL_MANAGER,
  TRELLIS_APPROVER_DEPARTMENT_HEAD,
  TRELLIS_APPROVER_HR,
} TrellisApproverRole;

/* One recorded workflow action. */
typedef struct {
  char *action;      /* "submit", "approve", "return", "file" */
  int   step;
  char *actor_id;
  char *comment;
  char *at;
} TrellisApproval;

void        trellis_approval_free                    (TrellisApproval *approval);

/* One configured approval chain: the steps for the goals of an owner kind
 * whose owner's level starts with a prefix. */
typedef struct {
  char   *owner_kind;    /* "company", "department" or "employee" */
  char   *level_prefix;  /* "" for any level */
  GArray *roles;         /* of TrellisApproverRole, in order */
} TrellisApprovalChain;

void        trellis_approval_chain_free              (TrellisApprovalChain *chain);

/* The approval steps configured for a goal's owner (per owner kind and the
 * longest configured prefix of the owner's level, "P3" before "P", falling
 * back to ''; the manager when nothing applies), in order. */
GArray     *trellis_goal_workflow_get_steps          (TrellisStore         *store,
                                                      TrellisOrganisation  *organisation,
                                                      TrellisGoal          *goal,
                                                      GError              **error);
/* Replaces the steps for an owner kind and level prefix. */
gboolean    trellis_goal_workflow_set_steps          (TrellisStore         *store,
                                                      const char           *owner_kind,
                                                      const char           *level_prefix,
                                                      const TrellisApproverRole *roles,
                                                      guint                 n_roles,
                                                      GError              **error);
/* Every configured chain (transfer full): company, department, then
 * employee goals, each by level prefix. */
GPtrArray  *trellis_goal_workflow_list_chains        (TrellisStore         *store,
                                                      GError              **error);
/* Saves a chain of at least one role for @owner_kind and @level_prefix
 * (spaces around it are dropped; one inside is refused). With
 * @replaces_owner_kind set, the chain being edited was (@replaces_owner_kind,
 * @replaces_level_prefix) and goes in the same transaction. Refused
 * (TRELLIS_GOAL_ERROR_INVALID) when another chain already covers the owner
 * kind and prefix. */
gboolean    trellis_goal_workflow_save_chain         (TrellisStore         *store,
                                                      const char           *replaces_owner_kind,
                                                      const char           *replaces_level_prefix,
                                                      const char           *owner_kind,
                                                      const char           *level_prefix,
                                                      const TrellisApproverRole *roles,
                                                      guint                 n_roles,
                                                      GError              **error);
/* Removes the chain for an owner kind and level prefix; goals it covered
 * fall back to a shorter prefix, then to ''. TRELLIS_GOAL_ERROR_NOT_FOUND
 * when there is none. */
gboolean    trellis_goal_workflow_delete_steps       (TrellisStore         *store,
                                                      const char           *owner_kind,
                                                      const char           *level_prefix,
                                                      GError              **error);
/* The employee who must act on the goal's current step (NULL when HR files
 * or when no one is set). */
char       *trellis_goal_workflow_dup_current_approver (TrellisStore       *store,
                                                      TrellisOrganisation  *organisation,
                                                      TrellisGoal          *goal,
                                                      GError              **error);

/* draft/returned → submitted (step 0). */
gboolean    trellis_goal_workflow_submit             (TrellisStore         *store,
                                                      TrellisOrganisation  *organisation,
                                                      TrellisGoal          *goal,
                                                      const char           *actor_id,
                                                      GError              **error);
/* The current step's approver approves: the next step, or approved after
 * the last one. Refused (TRELLIS_GOAL_ERROR_NOT_ALLOWED) when @actor_id is
 * not that approver. */
gboolean    trellis_goal_workflow_approve            (TrellisStore         *store,
                                                      TrellisOrganisation  *organisation,
                                                      TrellisGoal          *goal,
                                                      const char           *actor_id,
                                                      const char           *comment,
                                                      GError              **error);
/* submitted → returned, with a comment the owner reads (required). */
gboolean    trellis_goal_workflow_return             (TrellisStore         *store,
                                                      TrellisOrganisation  *organisation,
                                                      TrellisGoal          *goal,
                                                      const char           *actor_id,
                                                      const char           *comment,
                                                      GError              **error);
/* approved → filed, by HR. */
gboolean    trellis_goal_workflow_file               (TrellisStore         *store,
                                                      TrellisGoal          *goal,
                                                      const char           *actor_id,
                                                      GError              **error);
/* Oldest first. */
GPtrArray  *trellis_goal_workflow_list_history       (TrellisStore         *store,
                                                      const char           *goal_id,
                                                      GError              **error);

const char *trellis_approver_role_to_string          (TrellisApproverRole   role);
gboolean    trellis_approver_role_from_string        (const char           *text,
                                                      TrellisApproverRole  *out_role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisApprovalChain, trellis_approval_chain_free)

G_END_DECLS
