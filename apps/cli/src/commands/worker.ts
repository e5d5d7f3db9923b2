/** `galley worker`: not built yet. */
export async function workerCommand(_argv: string[]): Promise<number> {
  process.stderr.write('galley worker: not available yet\n');
  return 1;
}
