import type { BundleRow, WhatIfRow } from '../sections/bundle.ts';
import type { ColdRow } from '../sections/cold.ts';
import type { EnvironmentRow } from '../sections/environments.ts';
import type { GrowthRow } from '../sections/growth.ts';
import type { ColdProfile, WarmProfile } from '../sections/profile.ts';
import type { ThroughputRow } from '../sections/throughput.ts';
import { goal, markdownTable } from './markdown.ts';

interface Results {
  machine?: Record<string, unknown>;
  database?: string;
  bundle?: {
    rows: BundleRow[];
    composition: Record<string, { source: string; bytes: number }[]>;
    whatIfs: WhatIfRow[];
  };
  cold?: ColdRow[];
  env?: EnvironmentRow[];
  profile?: WarmProfile[];
  coldProfile?: ColdProfile[];
  throughput?: ThroughputRow[];
  growth?: GrowthRow[];
}

const kb = (bytes: number) => Math.round(bytes / 1024);

/** The run as Markdown: one table per section, each goal marked met or MISSED. */
export function renderReport(input: Record<string, unknown>): string {
  const r = input as Results;
  const out: string[] = [];
  if (r.machine) out.push('Machine:', markdownTable([r.machine]), `Database: ${r.database ?? ''}`);
  if (r.bundle) {
    const rows = r.bundle.rows.map((b) => ({
      function: b.name,
      deployed: b.entry.startsWith('bench/')
        ? 'reference'
        : b.deployed
          ? 'yes'
          : 'not in serverless.yml',
      KiB: kb(b.bytes),
      'vs baseline': b.ratio,
      'goal ≤ 1.2×': b.entry.startsWith('bench/') ? '' : goal(b.ratio <= 1.2),
      // Old result files have no such column.
      'vs baseline through the same build': b.buildRatio ?? '',
    }));
    out.push('### Bundle size (minified, as deployed)', markdownTable(rows));
    for (const [name, parts] of Object.entries(r.bundle.composition)) {
      out.push(
        `What dominates ${name}:`,
        markdownTable(parts.map((p) => ({ source: p.source, KiB: kb(p.bytes) }))),
      );
    }
    if (r.bundle.whatIfs.length > 0)
      out.push(
        'Proposed fixes applied at build time to usersGet (cumulative, see Findings):',
        markdownTable(
          r.bundle.whatIfs.map((w) => ({
            step: w.step,
            change: w.change,
            KiB: kb(w.bytes),
            'vs baseline': w.ratio,
          })),
        ),
      );
  }
  if (r.cold) {
    out.push(
      '### Cold init: fresh process importing the bundle (median ms)',
      markdownTable(
        r.cold.map((c) => ({
          bundle: c.name,
          'import, db reachable': c.reachableMs,
          'import, db unreachable': c.unreachableMs,
          'process uptime': c.processMs,
          'vs baseline': c.ratio,
          'TCP handles after import': c.tcpHandlesAfterImport,
          'goal ≤ 1.2×': c.name.startsWith('baseline') ? '' : goal(c.ratio <= 1.2),
        })),
      ),
    );
  }
  if (r.env) {
    const deployed = r.env.filter((e) => !e.name.includes(','));
    out.push(
      '### Warm invocation GET /users/{id} (1 KB document), in-process API Gateway v2 events',
      markdownTable(
        r.env.map((e) => ({
          bundle: e.name,
          'p50 µs': e.p50Us,
          'p99 µs': e.p99Us,
          'p50 vs baseline (median of paired runs)': e.p50Ratio,
          'per run': e.p50RatioByRun.join(' / '),
          'goal ≤ 1.25×': e.name.startsWith('baseline') ? '' : goal(e.p50Ratio <= 1.25),
        })),
      ),
      '### Connections per execution environment (one process per bundle)',
      markdownTable(
        deployed.map((e) => ({
          bundle: e.name,
          'opened by 1st invocation': e.connectionsFirst,
          [`opened over ${e.warmInvocations} warm`]: e.connectionsWarm,
          'most open, 10 concurrent': e.peakOpen,
          'server: created in env life': e.serverTotalCreated,
          'goal: 0 warm, ≤ 3 pool + 2 monitoring': goal(e.connectionsWarm === 0 && e.peakOpen <= 5),
        })),
      ),
      '### Memory (RSS)',
      markdownTable(
        deployed.map((e) => ({
          bundle: e.name,
          'after init MB': e.rssInitMb,
          [`after ${e.invocations} invocations MB`]: e.rssEndMb,
          growth: `${e.rssGrowthPercent}%`,
          'goal < 5%': goal(e.rssGrowthPercent < 5),
          [`after ${e.steadyInvocations} MB`]: e.rssSteadyMb,
          [`growth ${e.invocations} → ${e.steadyInvocations}`]: `${e.rssSteadyGrowthPercent}%`,
          'heap after GC, init → end MB': `${e.heapAfterGcInitMb} → ${e.heapAfterGcEndMb}`,
        })),
      ),
    );
  }
  if (r.profile) {
    for (const p of r.profile) {
      out.push(
        `CPU profile, ${p.name}: ${p.cpuUsPerInvocation} µs busy CPU per invocation; top self time:`,
        markdownTable(
          p.byFunction.slice(0, 8).map((f) => ({ function: f.source, '% busy': f.selfPercent })),
        ),
      );
    }
  }
  if (r.coldProfile) {
    for (const p of r.coldProfile) {
      out.push(
        `Cold import CPU profile, ${p.name}: ${p.busyMs} ms busy (process start included); top modules:`,
        markdownTable(p.byModule.slice(0, 10).map((m) => ({ module: m.source, ms: m.ms }))),
      );
    }
  }
  if (r.throughput) {
    out.push(
      '### Throughput GET /users/{id} (autocannon, 10 connections, median of interleaved rounds)',
      markdownTable(
        r.throughput.map((t) => ({
          server: t.server,
          'req/s': t.requestsPerSec,
          'p50 ms': t.p50Ms,
          'p99 ms': t.p99Ms,
          'non-2xx': t.non2xx,
          errors: t.errors,
          'server CPU µs/req': t.serverCpuUs,
          'db CPU µs/req': t.dbCpuUs,
          'vs fastify': t.ratio,
          'goal ≥ 0.8×': t.server.startsWith('handler') ? goal(t.ratio >= 0.8) : '',
        })),
      ),
    );
  }
  if (r.growth) {
    out.push(
      '### Growth: list routes (GET /users 100 per page; GET /authors?withBookCount=true 20 per page, 10 books per author)',
      markdownTable(
        r.growth.map((g) => ({
          route: g.route,
          documents: g.documents,
          mode: g.mode,
          page: g.position,
          'p50 ms': g.p50Ms,
          'p99 ms': g.p99Ms,
        })),
      ),
    );
  }
  return out.join('\n\n');
}
