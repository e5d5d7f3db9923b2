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
  type RunnerThreadData,
  type StageFault,
  sharedClock,
} from './runner.js';

const port = parentPort;
if (!port) throw new Error('runner-thread.js runs as a worker thread started by PipelineRunner');

const reply = (message: RunnerReply): void => port.postMessage(message);

async function runStages(input: PipelineInput): Promise<PipelineOutput> {
  const { source, format, stages, path, url, charset, hints } = input;
  const { article, markdown, html } = await runPipeline(source, {
    ...(format ? { format } : {}),
    ...(stages ? { stages } : {}),
    ...(path ? { path } : {}),
    ...(url ? { url } : {}),
    ...(charset ? { charset } : {}),
    ...(hints ? { hints } : {}),
    onStage: (stage, ms) => reply({ type: 'stage', stage, ms }),
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

port.on('message', (input: PipelineInput) => {
  const receivedAt = sharedClock();
  // Async so that a fault thrown synchronously is reported like any stage error.
  (async () => (fault ? fault(input, () => runStages(input)) : runStages(input)))().then(
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
