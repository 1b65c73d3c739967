/* trellis-text.h
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

/* TRUE for NULL, "" and text of white space only. */
gboolean  trellis_text_is_blank      (const char *text);
/* At most four decimals, no trailing zeros, "." as the separator whatever
 * the locale: "18", "0.8", "27.5". For messages and the audit trail. */
char     *trellis_text_format_number (double      value);
/* Interned, ref-counted copies for strings that repeat across many objects
 * (owners, cycles, titles, timestamps); NULL and "" give NULL. */
char     *trellis_text_intern        (const char *text);
void      trellis_text_release       (char       *text);

G_END_DECLS
