/**
 * Progress of a batch on a terminal: one bar redrawn in place on a TTY, plain lines otherwise
 * (logs, CI), so piped output stays readable.
 */
export class ProgressView {
  private done = 0;
  private failed = 0;
  private current = '';
  private readonly tty: boolean;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly total: number,
  ) {
    this.tty = Boolean(out.isTTY);
    this.draw();
  }

  /** A job reached a stage. */
  stage(name: string, stage: string): void {
    this.current = `${name}: ${stage}`;
    if (this.tty) this.draw();
  }

  /** A job ended: `detail` when it succeeded, `reason` when it failed. */
  finish(name: string, detail?: string, reason?: string): void {
    if (reason === undefined) this.done++;
    else this.failed++;
    this.current = '';
    this.line(reason === undefined ? `done   ${name} → ${detail ?? ''}` : `failed ${name}: ${reason}`);
  }

  /** A message that is neither progress nor a result. */
  note(message: string): void {
    this.line(`galley: ${message}`);
  }

  /** Leave the bar's line. */
  end(): void {
    if (this.tty) this.out.write('\n');
  }

  private line(text: string): void {
    if (this.tty) this.out.write(`\r\x1b[2K${text}\n`);
    else this.out.write(`${text}\n`);
    this.draw();
  }

  private draw(): void {
    if (!this.tty) return;
    const width = 30;
    const finished = this.done + this.failed;
    const filled = this.total ? Math.round((finished / this.total) * width) : width;
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const columns = this.out.columns || 80;
    const text = `[${bar}] ${finished}/${this.total} (${this.failed} failed) ${this.current}`;
    this.out.write(`\r\x1b[2K${text.slice(0, columns - 1)}`);
  }
}
