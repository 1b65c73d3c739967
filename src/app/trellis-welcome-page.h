/* trellis-welcome-page.h
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

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TRELLIS_TYPE_WELCOME_PAGE (trellis_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (TrellisWelcomePage, trellis_welcome_page, TRELLIS, WELCOME_PAGE, GtkWidget)

/* What a window shows without a workspace: create, open, demo, and the
 * recent-workspaces setting. Emits ::open-recent (a GFile) when a recent
 * workspace is chosen. */
GtkWidget *trellis_welcome_page_new (void);

G_END_DECLS
