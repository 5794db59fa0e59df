#!/usr/bin/env bash
# Replays the Dockerfile's build steps without Docker, in a temporary copy of the repo, so CI
# can prove the image would build and start on machines with no Docker daemon.
#
#   scripts/docker-steps.sh            # build, assemble the runtime tree, smoke-test it
#   KEEP_TMP=1 scripts/docker-steps.sh # keep the temp dir for inspection
#
# Steps (mirroring the Dockerfile's stages):
#   context  git ls-files (tracked + untracked, not git-ignored) minus .dockerignore, roughly
#   build    package*.json -> npm ci; tsconfig*.json, scripts/bundle.mjs, src/, packs/ -> npm run build
#   deps     package*.json -> npm ci --omit=dev
#   runtime  dist/ (build) + node_modules/ (deps) + packs/ (build, with the pack snapshot) + package.json, NODE_ENV=production, MALLOC_* (allocator, read by bench/lib/start-command.mjs)
#   smoke    node dist/bundle/main.js (the image's CMD) must serve /healthz (against a local fake Slack API), or, before
#            src/main.ts exists, dist/engine/index.js must load.
# Slow (two npm ci runs); not part of `npm test`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/docker-steps.XXXXXX")"
CONTEXT="$TMP/context"
BUILD="$TMP/build"
DEPS="$TMP/deps"
APP="$TMP/app"
PIDS=()

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  if [[ "${KEEP_TMP:-0}" == "1" ]]; then
    echo "docker-steps: kept $TMP"
  else
    rm -rf "$TMP"
  fi
}
trap cleanup EXIT

step() { printf '\n==> %s\n' "$*"; }
fail() {
  printf 'docker-steps: FAIL: %s\n' "$*" >&2
  exit 1
}
npm_q() { npm --no-audit --no-fund --loglevel=error "$@"; }

# ---- context: the files `docker build .` would send ----
step "context: git ls-files minus .dockerignore -> $CONTEXT"
mkdir -p "$CONTEXT" "$BUILD" "$DEPS" "$APP"
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard) |
  ROOT="$ROOT" node -e '
    const fs = require("node:fs");
    const path = require("node:path");
    const root = process.env.ROOT;
    let rules = [];
    try {
      rules = fs.readFileSync(path.join(root, ".dockerignore"), "utf8")
        .split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"))
        .map((l) => {
          const negate = l.startsWith("!");
          const pat = path.posix.normalize((negate ? l.slice(1) : l).replace(/^\/+/, "")).replace(/\/+$/, "");
          const re = pat.split("/").map((seg) => seg === "**" ? "(?:.*)" : seg
            .replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")).join("/")
            .replace(/\(\?:\.\*\)\//g, "(?:.*/)?");
          return { negate, re: new RegExp(`^${re}$`) };
        });
    } catch {}
    // Like Docker: a rule matching a parent directory covers everything under it; last match wins.
    const ignored = (file) => {
      const parts = file.split("/");
      const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
      let out = false;
      for (const r of rules) if (prefixes.some((p) => r.re.test(p))) out = !r.negate;
      return out;
    };
    const files = fs.readFileSync(0, "utf8").split("\0").filter(Boolean);
    let n = 0;
    for (const f of new Set(files)) {
      const src = path.join(root, f);
      if (ignored(f) || !fs.existsSync(src) || !fs.statSync(src).isFile()) continue;
      const dest = path.join(process.argv[1], f);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.copyFileSync(src, dest);
      n++;
    }
    console.log(`${n} files in the build context`);
  ' "$CONTEXT"
for need in package.json package-lock.json tsconfig.json tsconfig.build.json scripts/bundle.mjs src packs; do
  [[ -e "$CONTEXT/$need" ]] || fail "$need is missing from the build context (.dockerignore?)"
done
for never in node_modules dist .git test .env; do
  [[ ! -e "$CONTEXT/$never" ]] || fail "$never is in the build context; .dockerignore should exclude it"
done

# ---- stage build ----
step "build: npm ci && npm run build"
cp "$CONTEXT/package.json" "$CONTEXT/package-lock.json" "$BUILD/"
(cd "$BUILD" && npm_q ci)
cp "$CONTEXT"/tsconfig*.json "$BUILD/"
mkdir -p "$BUILD/scripts"
cp -R "$CONTEXT/scripts/bundle.mjs" "$BUILD/scripts/"
cp -R "$CONTEXT/src" "$CONTEXT/packs" "$BUILD/"
(cd "$BUILD" && npm_q run build)
[[ -d "$BUILD/dist" ]] || fail "npm run build produced no dist/"

# ---- stage deps ----
step "deps: npm ci --omit=dev"
cp "$CONTEXT/package.json" "$CONTEXT/package-lock.json" "$DEPS/"
(cd "$DEPS" && npm_q ci --omit=dev)

# ---- stage runtime ----
step "runtime: dist/ + production node_modules/ + packs/ + package.json -> $APP"
cp -R "$DEPS/node_modules" "$APP/node_modules"
cp -R "$BUILD/dist" "$APP/dist"
cp -R "$BUILD/packs" "$APP/packs"
cp "$CONTEXT/package.json" "$APP/package.json"
for dev in typescript vitest @biomejs/biome; do
  [[ ! -e "$APP/node_modules/$dev" ]] || fail "dev dependency $dev is in the production node_modules"
done

free_port() { node -e 'const s=require("node:net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# ---- smoke test ----
cd "$APP"
export NODE_ENV=production
# The allocator settings the image sets, read from the Dockerfile by the one reader the
# benchmark uses too (it fails if the Dockerfile's final stage lacks one).
allocator_env="$(node --input-type=module -e "
  const { START_ENV } = await import('$ROOT/bench/lib/start-command.mjs');
  for (const [key, value] of Object.entries(START_ENV)) console.log(key + '=' + value);
")" || fail "could not read the Dockerfile's allocator settings"
while read -r pair; do [[ -n "$pair" ]] && export "${pair?}"; done <<<"$allocator_env"
if [[ -f "$CONTEXT/src/main.ts" ]]; then
  step "smoke: node dist/bundle/main.js serves /healthz"
  [[ -f dist/bundle/main.js ]] || fail "dist/bundle/main.js was not built"
  # A fake Slack Web API so start-up calls (auth.test and the like) succeed offline.
  SLACK_PORT="$(free_port)"
  node -e '
    require("node:http").createServer((req, res) => {
      req.resume();
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ ok: true, url: "https://fake.slack.com/", team: "T", user: "bot",
        team_id: "T0FAKE", user_id: "U0FAKE", bot_id: "B0FAKE", is_enterprise_install: false }));
    }).listen(Number(process.argv[1]), "127.0.0.1");
  ' "$SLACK_PORT" &
  PIDS+=("$!")
  APP_PORT="$(free_port)"
  # The image's CMD, which test/dockerfile.test.ts keeps equal to `npm start`.
  START_COMMAND="$(node -p 'require("./package.json").scripts.start')"
  PORT="$APP_PORT" \
    SLACK_BOT_TOKEN="xoxb-docker-steps-smoke" \
    SLACK_SIGNING_SECRET="docker-steps-smoke-secret" \
    SLACK_API_URL="http://127.0.0.1:$SLACK_PORT/api/" \
    LOG_LEVEL="warn" \
    $START_COMMAND >"$TMP/app.log" 2>&1 &
  APP_PID="$!"
  PIDS+=("$APP_PID")
  healthy=0
  for _ in $(seq 1 60); do
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      cat "$TMP/app.log" >&2
      fail "node dist/bundle/main.js exited during start-up"
    fi
    # The same probe as the Dockerfile's HEALTHCHECK.
    if PORT="$APP_PORT" sh -c 'node -e "fetch('"'"'http://127.0.0.1:${PORT:-3000}/healthz'"'"',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"'; then
      healthy=1
      break
    fi
    sleep 0.5
  done
  if [[ "$healthy" != "1" ]]; then
    cat "$TMP/app.log" >&2
    fail "node dist/bundle/main.js did not answer /healthz within 30s"
  fi
  echo "healthy on port $APP_PORT"
  kill -TERM "$APP_PID"
  for _ in $(seq 1 20); do
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.5
  done
  kill -0 "$APP_PID" 2>/dev/null && fail "node dist/bundle/main.js did not stop within 10s of SIGTERM"
  wait "$APP_PID" 2>/dev/null || true
else
  step "smoke: src/main.ts does not exist yet; dist/engine/index.js must load"
  node -e "import('./dist/engine/index.js').then(() => console.log('engine loads'), (e) => { console.error(e); process.exit(1); })"
fi

step "docker-steps: OK"
