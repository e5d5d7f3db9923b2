/** `galley view`: not built yet. */
export async function viewCommand(_argv: string[]): Promise<number> {
  process.stderr.write('galley view: not available yet\n');
  return 1;
}
