/* resp-output.c: files that libresp writes, replaced atomically (see
 * resp-output-private.h)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "resp-output-private.h"
#include "resp-error.h"

static gboolean
fail (RespAtomicFile *f, int saved_errno, const char *what, GError **error)
{
  g_set_error (error, RESP_ERROR, RESP_ERROR_IO, "%s: %s: %s", f->path, what, g_strerror (saved_errno));
  return FALSE;
}

gboolean
resp_atomic_file_open (RespAtomicFile *f, const char *path, GError **error)
{
  char *dir = g_path_get_dirname (path), *base = g_path_get_basename (path);
  char *name = g_strdup_printf (".%s.XXXXXX", base);

  f->path = g_strdup (path);
  f->tmp = g_build_filename (dir, name, NULL);
  g_free (dir);
  g_free (base);
  g_free (name);
  f->fd = g_mkstemp_full (f->tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (f->fd < 0)
    {
      fail (f, errno, "cannot create a file beside it", error);
      g_clear_pointer (&f->path, g_free);
      g_clear_pointer (&f->tmp, g_free);
      return FALSE;
    }
  return TRUE;
}

gboolean
resp_atomic_file_write (RespAtomicFile *f, const void *data, gsize len, GError **error)
{
  const char *p = data;

  while (len > 0)
    {
      gssize n = write (f->fd, p, MIN (len, (gsize) G_MAXSSIZE));
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return fail (f, n < 0 ? errno : ENOSPC, "cannot write", error);
      p += n;
      len -= (gsize) n;
    }
  return TRUE;
}

gboolean
resp_atomic_file_pwrite (RespAtomicFile *f, const void *data, gsize len, guint64 offset,
                         GError **error)
{
  const char *p = data;

  while (len > 0)
    {
      gssize n = pwrite (f->fd, p, MIN (len, (gsize) G_MAXSSIZE), (off_t) offset);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return fail (f, n < 0 ? errno : ENOSPC, "cannot write", error);
      p += n;
      len -= (gsize) n;
      offset += (guint64) n;
    }
  return TRUE;
}

/* The rename is on the disk only once the directory is: without this a
 * crash could leave the old file (or none) behind a successful return. */
static void
sync_dir (const char *path)
{
  char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  /* best effort: some file systems cannot sync a directory */
  if (fd >= 0)
    {
      (void) fsync (fd);
      close (fd);
    }
  g_free (dir);
}

gboolean
resp_atomic_file_commit (RespAtomicFile *f, GError **error)
{
  gboolean ok = TRUE;
  struct stat st;

  /* a file replaced keeps its permissions (a new one has 0666 less the
   * umask) */
  if (stat (f->path, &st) == 0 && S_ISREG (st.st_mode) && fchmod (f->fd, st.st_mode & 07777) != 0)
    ok = fail (f, errno, "cannot give the new file the old one's permissions", error);
  if (ok && fsync (f->fd) != 0)
    ok = fail (f, errno, "cannot flush to the disk", error);
  if (close (f->fd) != 0 && ok)
    ok = fail (f, errno, "cannot write", error);
  f->fd = -1;
  if (ok && g_rename (f->tmp, f->path) != 0)
    ok = fail (f, errno, "cannot rename the new file into place", error);
  if (ok)
    sync_dir (f->path);
  else
    g_unlink (f->tmp);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->tmp, g_free);
  return ok;
}

void
resp_atomic_file_abort (RespAtomicFile *f)
{
  if (f->fd >= 0)
    close (f->fd);
  f->fd = -1;
  if (f->tmp != NULL)
    g_unlink (f->tmp);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->tmp, g_free);
}
