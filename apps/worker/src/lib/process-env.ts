/**
 * Environment a worker process should be started with; the Dockerfile, the systemd unit in the
 * README and the bench's worker processes set it. It cannot be set from inside: glibc reads it
 * when the process starts.
 *
 * `MALLOC_ARENA_MAX`: glibc gives each thread that allocates an arena of its own (up to eight per
 * core) and keeps freed memory in each. A worker has many such threads (main, one stage thread
 * per slot, V8's compiler and GC helpers, libuv's file-system pool), and with two arenas the
 * peak RSS of one worker over the bench's 1,100 jobs drops from 205–208 MB to 178–183 MB, with
 * no measurable change in CPU per job (`npm run bench -- --profile-queue`).
 */
export const WORKER_PROCESS_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };
