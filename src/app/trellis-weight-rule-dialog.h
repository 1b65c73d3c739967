/* trellis-weight-rule-dialog.h
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

#define TRELLIS_TYPE_WEIGHT_RULE_DIALOG (trellis_weight_rule_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrellisWeightRuleDialog, trellis_weight_rule_dialog, TRELLIS, WEIGHT_RULE_DIALOG, AdwWindow)

/* Writes a new dynamic weight rule: the key result to watch and the one to
 * reweight are found by searching the workspace. A problem the core finds
 * is shown next to the field it is about and nothing is stored. Emits
 * ::added with the new rule's id and closes. */
TrellisWeightRuleDialog *trellis_weight_rule_dialog_new             (GtkWindow               *parent,
                                                                     TrellisWorkspace        *workspace);
/* What the Add button does. Returns the new rule's id, or NULL with the
 * error shown in the form. */
char                    *trellis_weight_rule_dialog_add             (TrellisWeightRuleDialog *self,
                                                                     GError                 **error);
/* The message shown in the form and the field it is about; NULL and
 * TRELLIS_WEIGHT_RULE_FIELD_NONE while there is none. */
const char              *trellis_weight_rule_dialog_get_error       (TrellisWeightRuleDialog *self);
TrellisWeightRuleField   trellis_weight_rule_dialog_get_error_field (TrellisWeightRuleDialog *self);

G_END_DECLS
