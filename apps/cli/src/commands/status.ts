/** `galley status`: not built yet. */
export async function statusCommand(_argv: string[]): Promise<number> {
  process.stderr.write('galley status: not available yet\n');
  return 1;
}
