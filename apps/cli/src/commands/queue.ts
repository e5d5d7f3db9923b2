/** `galley queue`: not built yet. */
export async function queueCommand(_argv: string[]): Promise<number> {
  process.stderr.write('galley queue: not available yet\n');
  return 1;
}
