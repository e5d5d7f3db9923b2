# Galley apps (worker, viewer, CLI) in one image; docker-compose.yml picks the command.
# Build from the repository root: docker build -t galley .

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 (the corpus index) is compiled on install: it needs Python, make and a C++ compiler.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
# Manifests first, so the dependency layer is reused while only sources change.
COPY package.json package-lock.json tsconfig.base.json turbo.json ./
COPY packages/document/package.json packages/document/
COPY packages/clean/package.json packages/clean/
COPY packages/html/package.json packages/html/
COPY packages/segment/package.json packages/segment/
COPY packages/entities/package.json packages/entities/
COPY packages/publish/package.json packages/publish/
COPY packages/corpus/package.json packages/corpus/
COPY packages/pipeline/package.json packages/pipeline/
COPY packages/queue/package.json packages/queue/
COPY packages/feeds/package.json packages/feeds/
COPY apps/worker/package.json apps/worker/
COPY apps/viewer/package.json apps/viewer/
COPY apps/cli/package.json apps/cli/
RUN npm ci --no-audit --no-fund
COPY packages packages
COPY apps apps
RUN npx turbo run build --filter=@galley/cli... \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
# MALLOC_ARENA_MAX: the worker's WORKER_PROCESS_ENV (apps/worker/src/lib/process-env.ts).
ENV NODE_ENV=production \
    GALLEY_DATA=/data/articles \
    REDIS_URL=redis://redis:6379 \
    MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /app /app
# The output volume takes this folder's owner on first mount, so the unprivileged user can write.
RUN mkdir -p /data/articles && chown node:node /data/articles
USER node
VOLUME ["/data/articles"]
# Node runs as PID 1 under `init: true` (compose) or docker run --init, so SIGTERM reaches
# the worker's handler and active jobs finish before the container stops.
ENTRYPOINT ["node", "apps/cli/dist/bin/galley.js"]
CMD ["worker"]
