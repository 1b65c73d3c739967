/* trellis-application.h
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

#define TRELLIS_TYPE_APPLICATION (trellis_application_get_type ())
G_DECLARE_FINAL_TYPE (TrellisApplication, trellis_application, TRELLIS, APPLICATION, AdwApplication)

TrellisApplication *trellis_application_new          (void);
GSettings          *trellis_application_get_settings (TrellisApplication *self);
/* The clock every window's workspace is opened with. */
TrellisClock       *trellis_application_get_clock    (TrellisApplication *self);

G_END_DECLS
