# 基层流程 Jiceng Flow — one image for the API/web server and the worker (docker-compose.yml
# runs it twice with different commands). Node 20 on Debian bookworm (glibc: the Temporal core
# bridge and @node-rs/argon2 ship prebuilt linux-x64-gnu / linux-arm64-gnu binaries).
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV CI=true
COPY package.json package-lock.json .npmrc ./
# npm ci: exactly the committed lockfile (it lists every platform's optional packages).
RUN npm ci --no-audit --no-fund
COPY . .
# The web app, served by the API process at /.
RUN npx vite build --config designer/vite.config.ts \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production TZ=Asia/Shanghai CHROMIUM_PATH=/usr/bin/chromium
# Documents as PDF (server/documents/pdf.ts): Chromium prints them; AR PL UMing CN (TrueType) is the
# font the PDF embeds as a CID font, Noto CJK the fallback. Without these a PDF request answers 503
# and printing from the browser still works.
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends chromium fonts-arphic-uming fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build --chown=node:node /app /app
# PGlite and the dev codec key live under data/ only in the embedded mode; in compose the app
# DB is PostgreSQL (DATABASE_URL) and the key comes from JICENG_CODEC_KEY.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# docker-compose.yml sets the command: `tsx server/main.ts` (API + web) or `tsx worker/main.ts`.
CMD ["node_modules/.bin/tsx", "server/main.ts"]
