/**
 * The thread a `PipelineRunner` runs the stages in. It lives apart from the thread that started
 * it so that one stays free to notice the time limit and terminate this one.
 */
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { errorCode } from '@galley/document';
import { runPipeline } from './pipeline.js';
import {
  type PipelineInput,
  type PipelineOutput,
  type RunnerReply,
  type RunnerRequest,
  type RunnerThreadData,
  type StageFault,
  sharedClock,
} from './runner.js';

const port = parentPort;
if (!port) throw new Error('runner-thread.js runs as a worker thread started by PipelineRunner');

const reply = (message: RunnerReply): void => port.postMessage(message);

async function runStages(input: PipelineInput, receivedAt: number, stagesAfterMs: number): Promise<PipelineOutput> {
  const { source, format, stages, path, url, charset, hints } = input;
  let done = 0;
  const { article, markdown, html } = await runPipeline(source, {
    ...(format ? { format } : {}),
    ...(stages ? { stages } : {}),
    ...(path ? { path } : {}),
    ...(url ? { url } : {}),
    ...(charset ? { charset } : {}),
    ...(hints ? { hints } : {}),
    onStage: (stage, ms) => {
      done++;
      if (sharedClock() - receivedAt >= stagesAfterMs) reply({ type: 'stage', stage, ms, done });
    },
    // Nothing reads the stage messages across the thread boundary, and each captures a stack trace.
    messages: false,
  });
  return { article, markdown, html };
}

// Fault injection for tests only: the module path comes from whoever started the runner (never
// from an article), and without one the stages run as they are.
const { faultModule } = (workerData ?? {}) as RunnerThreadData;
const fault: StageFault | undefined = faultModule ? (await import(pathToFileURL(faultModule).href)).default : undefined;
if (faultModule && typeof fault !== 'function')
  throw new Error(`fault module ${faultModule} has no default export function`);

port.on('message', ({ input, stagesAfterMs }: RunnerRequest) => {
  const receivedAt = sharedClock();
  const run = (): Promise<PipelineOutput> => runStages(input, receivedAt, stagesAfterMs);
  // Async so that a fault thrown synchronously is reported like any stage error.
  (async () => (fault ? fault(input, run) : run()))().then(
    (output) => reply({ type: 'done', output, receivedAt, sentAt: sharedClock() }),
    (error: Error) => {
      const code = errorCode(error);
      reply({
        type: 'error',
        name: error?.name ?? 'Error',
        message: error?.message ?? String(error),
        ...(code ? { code } : {}),
      });
    },
  );
});

reply({ type: 'ready' });
