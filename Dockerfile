FROM node:22-bookworm-slim
WORKDIR /app
# ffmpeg/ffprobe: the video subgraph's preprocessing worker (probe, sound track, HLS, blurred copy).
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg && rm -rf /var/lib/apt/lists/*
COPY . .
RUN npm install --no-audit --no-fund && npm run build
ENV HOST=0.0.0.0
# Every service refuses to start with missing or development secrets (see README, Security model).
ENV NODE_ENV=production
