/* trellis-key-result-chooser.h
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

#include "trellis-core.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_KEY_RESULT_CHOOSER (trellis_key_result_chooser_get_type ())
G_DECLARE_FINAL_TYPE (TrellisKeyResultChooser, trellis_key_result_chooser, TRELLIS, KEY_RESULT_CHOOSER, GtkWidget)

/* A button showing a key result; it opens a search by key result, goal,
 * owner or id. A workspace may hold hundreds of thousands of key results:
 * the store is searched and only the first matches are listed. */
GtkWidget                        *trellis_key_result_chooser_new               (void);
/* Searches @store, among goals whose cycle is still open on @open_on
 * ("YYYY-MM-DD"; NULL: every cycle). */
void                              trellis_key_result_chooser_set_store         (TrellisKeyResultChooser *self,
                                                                                TrellisStore            *store,
                                                                                const char              *open_on);
/* Whether a search is still running in the background. */
gboolean                          trellis_key_result_chooser_get_searching     (TrellisKeyResultChooser *self);
/* What the search starts from when the chooser opens with nothing chosen,
 * e.g. a goal id to list that goal's key results; NULL for nothing. */
void                              trellis_key_result_chooser_set_suggested_search (TrellisKeyResultChooser *self,
                                                                                const char              *text);
/* NULL until one is chosen. */
const TrellisWeightRuleKeyResult *trellis_key_result_chooser_get_key_result    (TrellisKeyResultChooser *self);
const char                       *trellis_key_result_chooser_get_key_result_id (TrellisKeyResultChooser *self);
/* Chooses the key result with that id (NULL or unknown: none). */
void                              trellis_key_result_chooser_set_key_result_id (TrellisKeyResultChooser *self,
                                                                                const char              *key_result_id);

G_END_DECLS
