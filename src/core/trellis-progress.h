/* trellis-progress.h
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

#include <glib.h>

G_BEGIN_DECLS

/* Reports progress of long work. Called from the thread doing the work, so
 * a GUI must hop to its main context before touching widgets. @fraction is
 * 0..1; @message is a translated phrase such as "Writing employees". */
typedef void (*TrellisProgressFunc) (double      fraction,
                                     const char *message,
                                     gpointer    user_data);

G_END_DECLS
