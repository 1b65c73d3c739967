/* trellis-workflow-settings-page.h
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

#include <adwaita.h>

#include "trellis-core.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_WORKFLOW_SETTINGS_PAGE (trellis_workflow_settings_page_get_type ())
G_DECLARE_FINAL_TYPE (TrellisWorkflowSettingsPage, trellis_workflow_settings_page, TRELLIS, WORKFLOW_SETTINGS_PAGE, AdwPreferencesPage)

/* The workspace's workflow: who approves goals, per owner kind and level
 * prefix, and the dynamic weight rules. Chains and rules are added in
 * dialogs; removing one is saved at once.
 *
 * Widget actions: workflow.add-chain, workflow.edit-chain and
 * workflow.remove-chain ("(ss)": owner kind, level prefix),
 * workflow.add-rule, workflow.delete-rule ("s": rule id). */
GtkWidget *trellis_workflow_settings_page_new    (TrellisWorkspace            *workspace);
/* Reads the chains and rules from the workspace again. */
void       trellis_workflow_settings_page_reload (TrellisWorkflowSettingsPage *self);

G_END_DECLS
