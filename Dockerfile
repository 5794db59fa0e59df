# syntax=docker/dockerfile:1
# Conduct Nudge: build with `docker build -t conduct-nudge .`, run with
#   docker run --env-file .env -p 3000:3000 conduct-nudge
# Slack tokens and secrets come from the environment at run time, never from this file.
# scripts/docker-steps.sh replays these steps without Docker; test/dockerfile.test.ts lints this file.

# ---- build: compile TypeScript with the dev dependencies ----
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig*.json ./
COPY scripts/bundle.mjs ./scripts/
COPY src/ ./src/
COPY packs/ ./packs/
RUN npm run build

# ---- deps: production dependencies only ----
FROM node:20-bookworm-slim AS deps
WORKDIR /deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---- runtime ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
# glibc's allocator, for a small heap that sees bursts of large buffers (request bodies up to
# 1 MiB): two arenas, and blocks over 128 KiB mapped and handed back when freed, not kept. RSS
# under 150 unauthenticated 1 MiB bodies, and at rest, in docs/performance.md; the benchmark
# runs the app with these (bench/lib/start-command.mjs reads them from here).
ENV MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 MALLOC_TRIM_THRESHOLD_=131072
WORKDIR /app
# Files stay owned by root, so the app (running as `node`) cannot change its own code or packs.
COPY --from=deps /deps/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY --from=build /src/packs/ ./packs/
COPY package.json ./
USER node
EXPOSE 3000
# Slim images have no curl: node's own fetch asks the app's health endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:${PORT:-3000}/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The same command as `npm start` (test/dockerfile.test.ts keeps them equal). The heap limits keep
# RSS near 110 MB with the learned model (README Performance), and 192 MB of old space leaves room for some
# forty of the largest Slack payloads (1 MiB) in flight at once.
CMD ["node", "--max-semi-space-size=1", "--max-old-space-size=192", "dist/bundle/main.js"]
