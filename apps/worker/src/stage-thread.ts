/**
 * The thread that runs the stages for the processor. It lives apart from the processor's own
 * thread so that the processor stays free to notice the time limit and terminate this one: stage
 * code is synchronous, and a stage stuck in a slow loop can only be stopped from outside.
 */
import { parentPort } from 'node:worker_threads';
import { runPipeline } from '@galley/pipeline';
import { type ArticleJobData, jobSource } from '@galley/queue';
import type { StageReply } from './lib/stage-runner.js';

const port = parentPort;
if (!port) throw new Error('stage-thread.js runs as a worker thread started by StageRunner');

const reply = (message: StageReply): void => port.postMessage(message);

port.on('message', (data: ArticleJobData) => {
  runPipeline(jobSource(data), {
    ...(data.format ? { format: data.format } : {}),
    ...(data.stages ? { stages: data.stages } : {}),
    ...(data.path ? { path: data.path } : {}),
    ...(data.url ? { url: data.url } : {}),
    onStage: (stage, ms) => reply({ type: 'stage', stage, ms }),
  }).then(
    ({ article, markdown, html }) => reply({ type: 'done', output: { article, markdown, html } }),
    (error: Error) => reply({ type: 'error', name: error?.name ?? 'Error', message: error?.message ?? String(error) }),
  );
});

reply({ type: 'ready' });
