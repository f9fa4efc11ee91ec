/** What the CLI's commands say when a path cannot be read. */

/** a path that does not exist or may not be read: exit 2 with one line (any other error is ramledger's) */
export function pathError(e: unknown): { code: number; stderr: string } | null {
  const err = e as NodeJS.ErrnoException;
  if (err?.code !== 'ENOENT' && err?.code !== 'EACCES') return null;
  return { code: 2, stderr: `ramledger: ${err.path ?? ''}: ${err.code === 'ENOENT' ? 'no such file or folder' : 'permission denied'}\n` };
}
