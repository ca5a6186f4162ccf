/**
 * The real Temporal server and its SQL schema tool, built from the Go module proxy (no Docker, no
 * download site needed): `go install go.temporal.io/server/cmd/server@v1.32.2` and
 * `…/cmd/tools/sql@v1.32.2` with the Go toolchain the server needs (GOTOOLCHAIN, fetched by `go`
 * itself). Cached under .tools/temporal-server-<version>/ with what the module ships beside them:
 * the PostgreSQL schema files (schema/postgresql/v12) and the server's environment-driven config
 * template (config/docker.yaml, the one the temporalio/server image runs), so a later run needs
 * neither Go nor the module cache.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PROJECT_ROOT } from '../../temporal/temporal-binary.js';

/** The server release the topology runs (ARCHITECTURE.md: verified with PostgreSQL on this machine kind). */
export const TEMPORAL_SERVER_VERSION = process.env.TEMPORAL_SERVER_VERSION ?? 'v1.32.2';
/** Server 1.32 needs Go ≥ 1.26.10; the module proxy serves this toolchain to any Go ≥ 1.21. */
export const GO_TOOLCHAIN = process.env.TEMPORAL_GO_TOOLCHAIN ?? 'go1.27.3';

export interface TemporalBinaries {
  version: string;
  /** TEMPORAL_HOME of the deploy scripts: holds schema/postgresql/v12 and config/docker.yaml. */
  home: string;
  server: string;
  sqlTool: string;
  /** bin/ with `temporal-sql-tool` (the name the admin-tools image and deploy/temporal/*.sh use). */
  binDir: string;
  configTemplate: string;
}

export function temporalBinaries(version = TEMPORAL_SERVER_VERSION): TemporalBinaries {
  const home = join(PROJECT_ROOT, '.tools', `temporal-server-${version.replace(/^v/, '')}`);
  return {
    version,
    home,
    server: join(home, 'bin', 'temporal-server'),
    sqlTool: join(home, 'bin', 'temporal-sql-tool'),
    binDir: join(home, 'bin'),
    configTemplate: join(home, 'config', 'docker.yaml'),
  };
}

export function binariesPresent(b = temporalBinaries()): boolean {
  return [b.server, b.sqlTool, b.configTemplate, join(b.home, 'schema', 'postgresql', 'v12', 'temporal', 'versioned')].every((p) => existsSync(p));
}

function findGo(): string | undefined {
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), '/usr/local/go/bin', '/usr/lib/go/bin']) {
    if (dir && existsSync(join(dir, 'go'))) return join(dir, 'go');
  }
  return undefined;
}

/**
 * Builds the binaries when they are not cached yet. Returns the seconds the build took (0 when
 * cached). `log` gets one line per step.
 */
export function ensureTemporalBinaries(log: (line: string) => void = console.log, b = temporalBinaries()): { binaries: TemporalBinaries; buildSeconds: number } {
  if (binariesPresent(b)) return { binaries: b, buildSeconds: 0 };
  const go = findGo();
  if (!go) {
    throw new Error(
      'Go is needed once, to build the Temporal server from the Go module proxy, and was not found.\n' +
        '  Debian: apt-get install golang-go   (any Go ≥ 1.21: it fetches the ' + GO_TOOLCHAIN + ' toolchain itself)\n' +
        `  or put the binaries in ${b.binDir}/ (temporal-server, temporal-sql-tool) by hand.`,
    );
  }
  const env = { ...process.env, GOTOOLCHAIN: GO_TOOLCHAIN };
  mkdirSync(join(PROJECT_ROOT, '.tools'), { recursive: true });
  const staging = mkdtempSync(join(PROJECT_ROOT, '.tools', '.temporal-build-'));
  const t0 = Date.now();
  try {
    for (const [pkg, name] of [
      ['go.temporal.io/server/cmd/server', 'temporal-server'],
      ['go.temporal.io/server/cmd/tools/sql', 'temporal-sql-tool'],
    ] as const) {
      log(`  go install ${pkg}@${b.version} (GOTOOLCHAIN=${GO_TOOLCHAIN}; the first build takes minutes) …`);
      const r = spawnSync(go, ['install', `${pkg}@${b.version}`], { env: { ...env, GOBIN: staging }, stdio: ['ignore', 'inherit', 'inherit'] });
      if (r.status !== 0) throw new Error(`go install ${pkg}@${b.version} failed (exit ${r.status}): see the output above (network to the Go module proxy? GOPROXY=${process.env.GOPROXY ?? 'default'})`);
      const built = join(staging, pkg.split('/').pop()!);
      mkdirSync(b.binDir, { recursive: true });
      renameSync(built, join(b.binDir, name));
    }
    // The module's own files: schema migrations and the config template.
    const info = JSON.parse(execFileSync(go, ['mod', 'download', '-json', `go.temporal.io/server@${b.version}`], { env, encoding: 'utf8' })) as { Dir?: string; Error?: string };
    if (!info.Dir) throw new Error(`go mod download go.temporal.io/server@${b.version}: ${info.Error ?? 'no module directory'}`);
    rmSync(join(b.home, 'schema'), { recursive: true, force: true });
    cpSync(join(info.Dir, 'schema', 'postgresql'), join(b.home, 'schema', 'postgresql'), { recursive: true });
    mkdirSync(join(b.home, 'config'), { recursive: true });
    cpSync(join(info.Dir, 'config', 'docker.yaml'), b.configTemplate);
    const seconds = Math.round((Date.now() - t0) / 1000);
    writeFileSync(join(b.home, 'BUILD'), `go.temporal.io/server ${b.version}, GOTOOLCHAIN=${GO_TOOLCHAIN}, built ${new Date().toISOString()} in ${seconds} s from ${info.Dir}\n`);
    log(`  Temporal server ${b.version} built in ${seconds} s → ${b.binDir}`);
    return { binaries: b, buildSeconds: seconds };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
