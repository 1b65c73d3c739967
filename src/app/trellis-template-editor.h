/* trellis-template-editor.h
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

#define TRELLIS_TYPE_TEMPLATE_EDITOR (trellis_template_editor_get_type ())
G_DECLARE_FINAL_TYPE (TrellisTemplateEditor, trellis_template_editor, TRELLIS, TEMPLATE_EDITOR, AdwWindow)

/* Creates a goal template (@template_ NULL) or edits @template_: whom it is
 * for, the goal, and key results picked from the library with weights that
 * add up to 100 %. On Save the store checks it; a refusal (such as weights
 * adding up to 90 %) is shown in the editor, which stays open. Emits
 * ::saved with the template's id, then closes. */
TrellisTemplateEditor *trellis_template_editor_new (GtkWindow                 *parent,
                                                    TrellisWorkspace          *workspace,
                                                    const TrellisGoalTemplate *template_);

G_END_DECLS
