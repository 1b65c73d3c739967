/* trellis-template-util.h
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

/* How the template and library widgets name what they show. Labels are
 * translated. */

/* The cycle kinds a template or library entry is for, in the order the
 * combo rows list them: "year", "half", "quarter", "month"; NULL past the
 * end. */
const char *trellis_template_cycle_kind_at        (guint                          index);
/* The index of @cycle_kind in that order, or -1 when it is none of them. */
int         trellis_template_cycle_kind_index     (const char                    *cycle_kind);
/* "Quarter"; "Any Cycle" for NULL. */
const char *trellis_template_cycle_kind_label     (const char                    *cycle_kind);
/* "上海大区 › 销售部": the path below the company (the company by its own
 * name); the id when the department is unknown. */
char       *trellis_template_describe_department  (TrellisOrganisation           *organisation,
                                                   const char                    *department_id);
/* "All Departments", then every department in tree order, into @labels;
 * @department_ids gets NULL, then the ids, in step. */
void        trellis_template_department_choices   (TrellisOrganisation           *organisation,
                                                   GtkStringList                 *labels,
                                                   GPtrArray                     *department_ids);
/* "Quarter · Level P · All departments" */
char       *trellis_template_describe_scope       (TrellisOrganisation           *organisation,
                                                   const char                    *department_id,
                                                   const char                    *level,
                                                   const char                    *cycle_kind);
/* "Number · 0 → 120 万元 · Committed" */
char       *trellis_library_entry_describe        (const TrellisLibraryKeyResult *entry);

G_END_DECLS
