# One build, three images: `runtime` (every Node service), `media` (runtime + ffmpeg: the video
# subgraph and its workers) and `migrate` (the deploy step). Non-root, production dependencies only.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm install --no-audit --no-fund \
  && npm run build \
  && npm prune --omit=dev --no-audit --no-fund \
  && rm -rf e2e bench docs var .turbo

FROM node:24-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0
COPY --from=build --chown=node:node /app /app
# The image's unprivileged user; media and uploads go to /app/var (a volume). DejaVu Sans (Latin and
# Arabic) is the font of the PDF receipts the donor subgraph renders (packages/documents).
RUN mkdir -p /app/var && chown node:node /app/var \
  && apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
USER node
# Every service refuses to start with missing or development secrets (README, "Security model"),
# and does not migrate at start: run the `migrate` target (or `npm run migrate`) first on each release.
CMD ["node", "gateway/dist/src/index.js"]

FROM runtime AS migrate
CMD ["node", "scripts/migrate.mjs"]

FROM runtime AS media
USER root
# ffmpeg/ffprobe: only the video subgraph's preprocessing needs them (probe, sound track, HLS, blurred copy).
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg && rm -rf /var/lib/apt/lists/*
USER node
