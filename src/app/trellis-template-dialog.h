/* trellis-template-dialog.h
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

#define TRELLIS_TYPE_TEMPLATE_DIALOG (trellis_template_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrellisTemplateDialog, trellis_template_dialog, TRELLIS, TEMPLATE_DIALOG, AdwWindow)

/* Gives everybody in a department subtree a draft goal from a template, in
 * a worker thread with progress and Cancel. Emits ::assigned with the
 * number of goals created and of people skipped (they had one already). */
TrellisTemplateDialog *trellis_template_dialog_new     (GtkWindow             *parent,
                                                        TrellisWorkspace      *workspace,
                                                        TrellisGoalTree       *tree,
                                                        const char            *cycle_id,
                                                        const char            *department_id);
/* Starts the assignment (as the Assign button does). */
void                   trellis_template_dialog_start   (TrellisTemplateDialog *self);
gboolean               trellis_template_dialog_get_running (TrellisTemplateDialog *self);

G_END_DECLS
