/* trellis-workspace.c
 * Copyright 2026 The Trellis authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "trellis-workspace"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "trellis-demo.h"
#include "trellis-workspace.h"

struct _TrellisWorkspace
{
  GObject              parent_instance;

  char                *path;
  TrellisStore        *store;
  TrellisClock        *clock;
  TrellisOrganisation *organisation;
};

G_DEFINE_FINAL_TYPE (TrellisWorkspace, trellis_workspace, G_TYPE_OBJECT)

static void
trellis_workspace_dispose (GObject *object)
{
  TrellisWorkspace *self = (TrellisWorkspace *)object;

  g_clear_object (&self->organisation);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (trellis_workspace_parent_class)->dispose (object);
}

static void
trellis_workspace_finalize (GObject *object)
{
  TrellisWorkspace *self = (TrellisWorkspace *)object;

  g_free (self->path);

  G_OBJECT_CLASS (trellis_workspace_parent_class)->finalize (object);
}

static void
trellis_workspace_class_init (TrellisWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = trellis_workspace_dispose;
  object_class->finalize = trellis_workspace_finalize;
}

static void
trellis_workspace_init (TrellisWorkspace *self)
{
}

TrellisWorkspace *
trellis_workspace_open (const char    *path,
                        TrellisClock  *clock,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(TrellisWorkspace) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (TRELLIS_IS_CLOCK (clock), NULL);

  self = g_object_new (TRELLIS_TYPE_WORKSPACE, NULL);
  self->path = g_strdup (path);
  self->clock = g_object_ref (clock);

  self->store = trellis_store_open (path, error);
  if (self->store == NULL)
    return NULL;
  trellis_store_set_clock (self->store, clock);

  self->organisation = trellis_organisation_load (self->store, cancellable, error);
  if (self->organisation == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TrellisClock *clock = g_object_get_data (G_OBJECT (task), "clock");
  GError *error = NULL;
  TrellisWorkspace *workspace;

  workspace = trellis_workspace_open (task_data, clock, cancellable, &error);
  if (workspace == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, workspace, g_object_unref);
}

void
trellis_workspace_open_async (const char          *path,
                              TrellisClock        *clock,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (TRELLIS_IS_CLOCK (clock));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, trellis_workspace_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_object_set_data_full (G_OBJECT (task), "clock", g_object_ref (clock), g_object_unref);
  g_task_run_in_thread (task, open_thread);
}

TrellisWorkspace *
trellis_workspace_open_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  char                *path;
  TrellisClock        *clock;
  TrellisDemoOptions   options;
  TrellisProgressFunc  progress;
  gpointer             progress_data;
} DemoJob;

static void
demo_job_free (gpointer data)
{
  DemoJob *job = data;

  g_free (job->path);
  g_clear_object (&job->clock);
  g_free (job);
}

/* Builds into a sibling temporary file and renames it over @path only when
 * everything succeeded, so a cancelled or failed run leaves nothing behind. */
static void
create_demo_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  DemoJob *job = task_data;
  g_autofree char *dir = g_path_get_dirname (job->path);
  g_autofree char *partial = g_strdup_printf ("%s.partial-%u", job->path, g_random_int ());
  g_autoptr(TrellisStore) store = NULL;
  GError *error = NULL;
  TrellisWorkspace *workspace;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               "Could not create the folder “%s”", dir);
      return;
    }

  store = trellis_store_open (partial, &error);
  if (store == NULL ||
      !trellis_demo_generate (store, &job->options, job->progress, job->progress_data,
                              cancellable, &error))
    goto failed;

  trellis_store_close (store);
  g_clear_object (&store);

  {
    g_autofree char *wal = g_strconcat (partial, "-wal", NULL);
    g_autofree char *shm = g_strconcat (partial, "-shm", NULL);
    g_autofree char *old_wal = g_strconcat (job->path, "-wal", NULL);
    g_autofree char *old_shm = g_strconcat (job->path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (old_wal);
    g_unlink (old_shm);
  }

  if (g_rename (partial, job->path) != 0)
    {
      int saved_errno = errno;
      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not save “%s”: %s", job->path, g_strerror (saved_errno));
      goto failed;
    }

  workspace = trellis_workspace_open (job->path, job->clock, cancellable, &error);
  if (workspace == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, workspace, g_object_unref);
  return;

failed:
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (partial, "-wal", NULL);
    g_autofree char *shm = g_strconcat (partial, "-shm", NULL);

    g_unlink (partial);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_task_return_error (task, error);
}

void
trellis_workspace_create_demo_async (const char          *path,
                                     guint                n_employees,
                                     guint64              seed,
                                     TrellisClock        *clock,
                                     TrellisProgressFunc  progress,
                                     gpointer             progress_data,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GDate today;
  DemoJob *job;

  g_return_if_fail (path != NULL);
  g_return_if_fail (TRELLIS_IS_CLOCK (clock));

  trellis_clock_get_today (clock, &today);

  job = g_new0 (DemoJob, 1);
  job->path = g_strdup (path);
  job->clock = g_object_ref (clock);
  trellis_demo_options_init (&job->options, g_date_get_year (&today));
  job->options.today = today;
  job->options.n_employees = n_employees;
  job->options.seed = seed;
  job->progress = progress;
  job->progress_data = progress_data;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, trellis_workspace_create_demo_async);
  g_task_set_task_data (task, job, demo_job_free);
  g_task_run_in_thread (task, create_demo_thread);
}

TrellisWorkspace *
trellis_workspace_create_demo_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
trellis_workspace_get_path (TrellisWorkspace *self)
{
  g_return_val_if_fail (TRELLIS_IS_WORKSPACE (self), NULL);
  return self->path;
}

TrellisStore *
trellis_workspace_get_store (TrellisWorkspace *self)
{
  g_return_val_if_fail (TRELLIS_IS_WORKSPACE (self), NULL);
  return self->store;
}

TrellisClock *
trellis_workspace_get_clock (TrellisWorkspace *self)
{
  g_return_val_if_fail (TRELLIS_IS_WORKSPACE (self), NULL);
  return self->clock;
}

TrellisOrganisation *
trellis_workspace_get_organisation (TrellisWorkspace *self)
{
  g_return_val_if_fail (TRELLIS_IS_WORKSPACE (self), NULL);
  return self->organisation;
}

char *
trellis_workspace_dup_title (TrellisWorkspace *self)
{
  g_autoptr(GListModel) roots = NULL;

  g_return_val_if_fail (TRELLIS_IS_WORKSPACE (self), NULL);

  roots = trellis_organisation_list_child_departments (self->organisation, NULL);
  if (g_list_model_get_n_items (roots) > 0)
    {
      g_autoptr(TrellisDepartment) root = g_list_model_get_item (roots, 0);
      return g_strdup (trellis_department_get_name (root));
    }

  return g_path_get_basename (self->path);
}
