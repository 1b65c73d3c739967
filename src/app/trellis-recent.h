/* trellis-recent.h
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

#include <gio/gio.h>

G_BEGIN_DECLS

#define TRELLIS_RECENT_MAX 10

/* The recent-workspaces setting: URIs, most recent first. */
void   trellis_recent_add      (GSettings  *settings,
                                GFile      *file);
void   trellis_recent_remove   (GSettings  *settings,
                                const char *uri);
/* The file a recent entry names; plain paths are accepted too. */
GFile *trellis_recent_get_file (const char *entry);

G_END_DECLS
