# syntax=docker/dockerfile:1
# moodtune bot image: dependencies are installed (and better-sqlite3 compiled) in a build stage with the tool
# chain; the runtime stage gets only node_modules and the sources and runs as the unprivileged `node` user.
ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# better-sqlite3 12 builds from source when no prebuilt binary matches; these are only in this stage.
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# tsx is a runtime dependency (the bot runs its TypeScript sources directly), so dev dependencies stay out.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    MOODTUNE_DATA_DIR=/app/var
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY core ./core
COPY tools ./tools
COPY agents ./agents
COPY bot ./bot
COPY ingestion ./ingestion
COPY data ./data
# Sources stay root-owned (read-only for the app); only the data directory is writable.
RUN mkdir -p /app/var && chown node:node /app/var
USER node
VOLUME ["/app/var"]
CMD ["node", "--import", "tsx", "bot/main.ts"]
