# syntax=docker/dockerfile:1

# One image for every Seam process. What a container runs is configuration, not a build:
#   the monolith        SEAM_MODULES unset (every module)
#   a module service    SEAM_MODULES=payments (or several: payments,shipping), SEAM_TRANSPORT=sqs
#   its role            SEAM_ROLE=all (default) | web (HTTP only, no background work) | worker
#                       (queue consumers, outbox relays, workflow runners; it listens on PORT too)
# See README.md (configuration), docs/messaging.md and docs/runbooks/extract-a-module.md.
# The image needs DATABASE_URL (an existing PostgreSQL/Aurora; the embedded one is for laptops)
# and, because NODE_ENV=production, a token issuer (SEAM_AUTH_JWKS_URL, _ISSUER, _AUDIENCE).
#
#   docker build -t seam .

FROM node:22-slim AS build
WORKDIR /app
# The npm that honours package.json's allowScripts (decision 0004); node:22-slim ships npm 10,
# which ignores it and would run every dependency's install script.
RUN npm install --global npm@11.19.1
# `npm ci` runs the project's own scripts too: `postinstall` (patch-package, so patches/ must be
# here) and `prepare` (npm run build, so the sources must be here), and the `node` dev
# dependency's install (the Node 22 that npm scripts run on).
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY patches ./patches
COPY apps ./apps
COPY libs ./libs
COPY migrations ./migrations
RUN --mount=type=cache,target=/root/.npm npm ci
# `prepare` has built already and tsc is incremental: this only proves dist/ is current.
RUN npm run build
# The workflows the modules declare (defineModule workflows) are read at start-up from
# <project root>/libs/modules/<module>/workflows/<name>.asl.json (workflowsOf,
# WorkflowDefinition.load); gather them with their paths for the runtime stage.
RUN mkdir /runtime-files && cp --parents libs/modules/*/workflows/*.asl.json /runtime-files/

FROM node:22-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `postinstall` is patch-package, which only patches local-aws-sqs, the local SQS
# emulator that production never uses (it talks to Amazon SQS), and `prepare` would run the build,
# whose tools (typescript) are dev dependencies and not installed here. Embedded PostgreSQL's
# install script is skipped too: that is why this image needs DATABASE_URL.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts
COPY --from=build /app/dist ./dist
COPY --from=build /runtime-files/ ./
# The flag document: definitions for every flag source, and the values for SEAM_FLAGS_SOURCE=file.
COPY terraform/appconfig/feature-flags.json ./terraform/appconfig/feature-flags.json
# The files above are found from the project root, the directory of package.json
# (libs/platform/config projectRoot), whatever the working directory. SEAM_DATA_DIR (.data) is
# relative to the working directory; it is writable for what a development setting keeps there
# (e.g. the dev token key when NODE_ENV is not production).
RUN mkdir .data && chown node:node .data
# The RDS CA bundle: with SEAM_DB_CA_FILE pointing at it, TLS to Aurora is sslmode=verify-full
# (terraform/src/constructs/services.ts RDS_CA_FILE). Fetched at build time, readable by all.
ADD --chmod=644 https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem /app/certs/rds-global-bundle.pem
# In ECS the root filesystem is read-only; /tmp is the task's writable volume (SEAM_DATA_DIR
# /tmp/seam). VOLUME makes ECS copy this directory, with its owner and mode, into the volume.
RUN mkdir -p /tmp/seam && chown node:node /tmp/seam && chmod 1777 /tmp
VOLUME ["/tmp"]
# Non-root (uid 1000, the task definitions' `user`).
USER node
EXPOSE 3000
# Liveness only (/health/live: the process serves HTTP). ECS ignores this instruction: put the
# same command in the task definition's healthCheck. Readiness is /health/ready.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health/live`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The preload registers the OpenTelemetry instrumentations before the application loads; it does
# nothing unless SEAM_TRACING or OTEL_EXPORTER_OTLP_ENDPOINT turns tracing on.
CMD ["node", "--import", "./dist/libs/platform/observability/src/tracing-preload.js", "dist/apps/monolith/src/main.js"]
# The one-off migrate task (docs/deploy.md) runs the same image with
#   command: ["node", "dist/apps/monolith/src/migrate.js"]
