/* trellis-library-entry-dialog.h
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

#define TRELLIS_TYPE_LIBRARY_ENTRY_DIALOG (trellis_library_entry_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrellisLibraryEntryDialog, trellis_library_entry_dialog, TRELLIS, LIBRARY_ENTRY_DIALOG, AdwWindow)

/* Adds a key result to the library (@entry NULL) or edits @entry. On Save
 * the store checks it; a refusal is shown in the dialog, which stays open.
 * Emits ::saved with the entry's id, then closes. */
TrellisLibraryEntryDialog *trellis_library_entry_dialog_new (GtkWindow                     *parent,
                                                             TrellisWorkspace              *workspace,
                                                             const TrellisLibraryKeyResult *entry);

G_END_DECLS
