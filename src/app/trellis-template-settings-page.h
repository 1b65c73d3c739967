/* trellis-template-settings-page.h
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

#define TRELLIS_TYPE_TEMPLATE_SETTINGS_PAGE (trellis_template_settings_page_get_type ())
G_DECLARE_FINAL_TYPE (TrellisTemplateSettingsPage, trellis_template_settings_page, TRELLIS, TEMPLATE_SETTINGS_PAGE,
                      AdwPreferencesPage)

/* The workspace's goal templates and key-result library: lists them, and
 * adds, edits and deletes them through TrellisTemplateEditor and
 * TrellisLibraryEntryDialog. */
GtkWidget *trellis_template_settings_page_new    (TrellisWorkspace            *workspace);
/* Reads the templates and the library from the store again. */
void       trellis_template_settings_page_reload (TrellisTemplateSettingsPage *self);

G_END_DECLS
