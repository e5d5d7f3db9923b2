/**
 * The thread that runs the stages for the processor. It lives apart from the processor's own
 * thread so that the processor stays free to notice the time limit and terminate this one: stage
 * code is synchronous, and a stage stuck in a slow loop can only be stopped from outside.
 */
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { errorCode } from '@galley/document';
import type { ArticleJobData } from '@galley/queue';
import { runJobPipeline } from './lib/process-job.js';
import type { StageFault, StageReply, StageThreadData, StagesOutput } from './lib/stage-runner.js';

const port = parentPort;
if (!port) throw new Error('stage-thread.js runs as a worker thread started by StageRunner');

const reply = (message: StageReply): void => port.postMessage(message);

const runStages = (data: ArticleJobData): Promise<StagesOutput> =>
  runJobPipeline(data, (stage, ms) => reply({ type: 'stage', stage, ms }));

// Fault injection for tests only: the module path comes from whoever started the worker (never
// from a job), and without one the stages run as they are.
const { faultModule } = (workerData ?? {}) as StageThreadData;
const fault: StageFault | undefined = faultModule ? (await import(pathToFileURL(faultModule).href)).default : undefined;
if (faultModule && typeof fault !== 'function')
  throw new Error(`fault module ${faultModule} has no default export function`);

port.on('message', (data: ArticleJobData) => {
  // Async so that a fault thrown synchronously is reported like any stage error.
  (async () => (fault ? fault(data, () => runStages(data)) : runStages(data)))().then(
    (output) => reply({ type: 'done', output }),
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
