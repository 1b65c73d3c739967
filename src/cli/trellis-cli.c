/* trellis-cli.c
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

#define G_LOG_DOMAIN "trellis-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>

#include "trellis-cli.h"

typedef struct {
  TrellisCliWorkFunc  func;
  gpointer            data;
  GCancellable       *cancellable;
  GError             *error;
  gboolean            ok;
  int                 done;
} Work;

static const TrellisCliCommand * const commands[] = {
  &trellis_cli_init_command,
  &trellis_cli_demo_command,
  &trellis_cli_info_command,
  &trellis_cli_bench_command,
  &trellis_cli_export_command,
  &trellis_cli_import_command,
  &trellis_cli_goals_command,
};

/* Helpers */

static void
print_overview (FILE *out)
{
  fprintf (out, "%s\n  trellis-cli %s\n\n%s\n\n%s\n",
           _("Usage:"),
           _("COMMAND [OPTION…] [ARGUMENT…]"),
           _("Work with Trellis workspaces from the command line."),
           _("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-8s %s\n", commands[i]->name, _(commands[i]->summary));
  fprintf (out, "  %-8s %s\n", "help", _("Show the options of a command"));

  fprintf (out, "\n%s\n",
           _("Run “trellis-cli help COMMAND” or “trellis-cli COMMAND --help” for the "
             "options of a command."));
}

static const TrellisCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i]->name, name) == 0)
      return commands[i];

  return NULL;
}

static GOptionContext *
new_option_context (const TrellisCliCommand *command)
{
  g_autofree char *prgname = g_strdup_printf ("trellis-cli %s", command->name);
  GOptionContext *context;

  /* GOptionContext puts the program name in the usage line. */
  g_set_prgname (prgname);

  context = g_option_context_new (command->parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(command->summary));
  if (command->description != NULL)
    g_option_context_set_description (context, _(command->description));
  if (command->entries != NULL)
    g_option_context_add_main_entries (context, command->entries, GETTEXT_PACKAGE);

  return context;
}

static int
print_command_help (const TrellisCliCommand *command)
{
  g_autoptr(GOptionContext) context = new_option_context (command);
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  fputs (help, stdout);
  return TRELLIS_CLI_EXIT_OK;
}

static int
run_command (const TrellisCliCommand  *command,
             int                       argc,
             char                    **argv)
{
  g_autoptr(GOptionContext) context = new_option_context (command);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = g_new0 (char *, argc + 1);

  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  if (!g_option_context_parse_strv (context, &args, &error))
    return trellis_cli_usage_error (command, "%s", error->message);

  return command->run (command, g_strv_length (args), args);
}

static gboolean
remove_if_present (const char  *path,
                   GError     **error)
{
  if (g_unlink (path) == 0 || errno == ENOENT)
    return TRUE;

  {
    int saved_errno = errno;
    g_autofree char *display = g_filename_display_name (path);

    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Could not remove %s: %s"), display, g_strerror (saved_errno));
  }
  return FALSE;
}

/* A workspace is the file plus SQLite's companions. */
static void
remove_workspace_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      remove_if_present (file, NULL);
    }
}

static gboolean
rename_file (const char  *from,
             const char  *to,
             GError     **error)
{
  if (g_rename (from, to) == 0)
    return TRUE;

  {
    int saved_errno = errno;
    g_autofree char *display = g_filename_display_name (to);

    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Could not write %s: %s"), display, g_strerror (saved_errno));
  }
  return FALSE;
}

static gpointer
work_thread (gpointer data)
{
  Work *work = data;

  work->ok = work->func (work->data, work->cancellable, &work->error);
  g_atomic_int_set (&work->done, TRUE);
  g_main_context_wakeup (NULL);

  return NULL;
}

static gboolean
on_signal_cb (gpointer user_data)
{
  GCancellable *cancellable = user_data;

  g_cancellable_cancel (cancellable);
  return G_SOURCE_CONTINUE;
}

/* Public helpers */

int
trellis_cli_fail (const char *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("trellis-cli: %s\n", message);
  return TRELLIS_CLI_EXIT_FAILED;
}

int
trellis_cli_usage_error (const TrellisCliCommand *command,
                         const char              *format,
                         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("trellis-cli: %s\n", message);
  if (command != NULL)
    g_printerr (_("Try “trellis-cli %s --help”.\n"), command->name);
  else
    g_printerr (_("Try “trellis-cli --help”.\n"));

  return TRELLIS_CLI_EXIT_USAGE;
}

guint
trellis_cli_display_width (const char *text)
{
  guint width = 0;

  g_return_val_if_fail (text != NULL, 0);

  while (*text != '\0')
    {
      gunichar c = g_utf8_get_char_validated (text, -1);

      /* A stray byte shows as one replacement character. */
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          width++;
          text++;
          continue;
        }

      if (!g_unichar_iszerowidth (c))
        width += g_unichar_iswide (c) ? 2 : 1;
      text = g_utf8_next_char (text);
    }

  return width;
}

char *
trellis_cli_pad (const char      *text,
                 guint            width,
                 TrellisCliAlign  align)
{
  guint used = trellis_cli_display_width (text);
  GString *padded;

  if (used >= width)
    return g_strdup (text);

  padded = g_string_sized_new (strlen (text) + width - used);
  if (align == TRELLIS_CLI_ALIGN_END)
    {
      for (guint i = used; i < width; i++)
        g_string_append_c (padded, ' ');
      g_string_append (padded, text);
    }
  else
    {
      g_string_append (padded, text);
      for (guint i = used; i < width; i++)
        g_string_append_c (padded, ' ');
    }

  return g_string_free (padded, FALSE);
}

TrellisStore *
trellis_cli_open_existing (const char  *path,
                           GError     **error)
{
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s: no such file (create a workspace with “trellis-cli init”)"),
                   display);
      return NULL;
    }

  return trellis_store_open (path, error);
}

gboolean
trellis_cli_run_cancellable (TrellisCliWorkFunc   func,
                             gpointer             data,
                             GError             **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Work work = { func, data, cancellable, NULL, FALSE, FALSE };
  GThread *thread;
  guint sigint_id, sigterm_id;

  sigint_id = g_unix_signal_add (SIGINT, on_signal_cb, cancellable);
  sigterm_id = g_unix_signal_add (SIGTERM, on_signal_cb, cancellable);

  thread = g_thread_new ("trellis-cli-work", work_thread, &work);
  while (!g_atomic_int_get (&work.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  if (!work.ok)
    g_propagate_error (error, work.error);

  return work.ok;
}

gboolean
trellis_cli_create_workspace (const char          *path,
                              gboolean             replace,
                              TrellisCliFillFunc   fill,
                              gpointer             data,
                              GCancellable        *cancellable,
                              GError             **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *partial = g_strconcat (path, ".partial-XXXXXX", NULL);
  g_autofree char *partial_wal = NULL;
  g_autofree char *path_wal = NULL;
  g_autofree char *path_shm = NULL;
  g_autofree char *partial_shm = NULL;
  g_autoptr(TrellisStore) store = NULL;
  int fd;

  if (!replace && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s already exists"), display);
      return FALSE;
    }

  fd = g_mkstemp_full (partial, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create a file next to %s: %s"),
                   display, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  store = trellis_store_open (partial, error);
  if (store == NULL)
    goto failed;

  if (!fill (store, data, cancellable, error))
    {
      trellis_store_close (store);
      goto failed;
    }

  trellis_store_close (store);
  g_clear_object (&store);

  if (!replace && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s already exists"), display);
      goto failed;
    }

  /* SQLite finds a WAL by name: one left by the file being replaced would
   * be replayed into the new workspace. */
  path_wal = g_strconcat (path, "-wal", NULL);
  path_shm = g_strconcat (path, "-shm", NULL);
  if (!remove_if_present (path_wal, error) || !remove_if_present (path_shm, error))
    goto failed;

  /* A clean close checkpoints and removes the WAL; should one remain, it
   * belongs to the new file and moves with it. */
  partial_wal = g_strconcat (partial, "-wal", NULL);
  if (g_file_test (partial_wal, G_FILE_TEST_EXISTS) &&
      !rename_file (partial_wal, path_wal, error))
    goto failed;

  if (!rename_file (partial, path, error))
    goto failed;

  partial_shm = g_strconcat (partial, "-shm", NULL);
  remove_if_present (partial_shm, NULL);

  return TRUE;

failed:
  remove_workspace_files (partial);
  return FALSE;
}

void
trellis_cli_progress_init (TrellisCliProgress *progress)
{
  progress->enabled = isatty (STDERR_FILENO);
  progress->last_percent = -1;
  progress->last_message = NULL;
}

void
trellis_cli_progress_update (double      fraction,
                             const char *message,
                             gpointer    user_data)
{
  TrellisCliProgress *progress = user_data;
  int percent;

  if (!progress->enabled)
    return;

  percent = (int) floor (CLAMP (fraction, 0.0, 1.0) * 100.0);
  if (percent == progress->last_percent && g_strcmp0 (message, progress->last_message) == 0)
    return;

  progress->last_percent = percent;
  g_free (progress->last_message);
  progress->last_message = g_strdup (message);

  /* \033[K clears what a longer previous message left on the line. */
  fprintf (stderr, "\r%3d%%  %s\033[K", percent, message != NULL ? message : "");
  fflush (stderr);
}

void
trellis_cli_progress_finish (TrellisCliProgress *progress)
{
  if (progress->enabled && progress->last_percent >= 0)
    {
      fputs ("\r\033[K", stderr);
      fflush (stderr);
    }

  progress->last_percent = -1;
  g_clear_pointer (&progress->last_message, g_free);
}

int
main (int    argc,
      char **argv)
{
  const TrellisCliCommand *command;
  const char *localedir = g_getenv ("TRELLIS_LOCALEDIR");
  const char *name;

  setlocale (LC_ALL, "");
  /* As in the application's main (): TRELLIS_LOCALEDIR points at the
   * build's translations, for tests and uninstalled runs. */
  bindtextdomain (GETTEXT_PACKAGE, (localedir != NULL && localedir[0] != '\0') ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("trellis-cli");

  if (argc < 2)
    {
      print_overview (stderr);
      return TRELLIS_CLI_EXIT_USAGE;
    }

  name = argv[1];

  if (strcmp (name, "help") == 0 || strcmp (name, "--help") == 0 ||
      strcmp (name, "-h") == 0 || strcmp (name, "-?") == 0)
    {
      if (argc == 2)
        {
          print_overview (stdout);
          return TRELLIS_CLI_EXIT_OK;
        }

      if (argc > 3)
        return trellis_cli_usage_error (NULL, _("“help” takes one command name"));

      command = find_command (argv[2]);
      if (command == NULL)
        return trellis_cli_usage_error (NULL, _("unknown command “%s”"), argv[2]);

      return print_command_help (command);
    }

  if (strcmp (name, "--version") == 0)
    {
      printf ("trellis-cli %s\n", PACKAGE_VERSION);
      return TRELLIS_CLI_EXIT_OK;
    }

  command = find_command (name);
  if (command == NULL)
    return trellis_cli_usage_error (NULL, _("unknown command “%s”"), name);

  return run_command (command, argc - 1, argv + 1);
}
