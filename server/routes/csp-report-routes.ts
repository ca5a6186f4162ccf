/**
 * Browsers report Content-Security-Policy violations here (`report-uri`), from pages and from
 * workers alike: each is logged and counted in `csp_violations_total{directive}` on /metrics, so a
 * screen that breaks under the policy shows up in operations (and in tests/e2e/security-csp.test.ts).
 * Public by nature (the browser sends no credentials); the body is small and only logged.
 */
import type { FastifyPluginAsync } from 'fastify';
import { Counter, type Registry } from 'prom-client';

const REPORT_TYPES = ['application/csp-report', 'application/reports+json'];

export const cspReportRoutes = (metrics: Registry): FastifyPluginAsync => async (app) => {
  const violations = new Counter({ name: 'csp_violations_total', help: 'Content-Security-Policy violations reported by browsers', labelNames: ['directive'], registers: [metrics] });
  app.addContentTypeParser(REPORT_TYPES, { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
    try {
      done(null, JSON.parse(String(body)));
    } catch {
      done(null, {});
    }
  });
  app.post('/api/csp-report', { schema: { hide: true } }, async (req, reply) => {
    const raw = req.body as { 'csp-report'?: Record<string, unknown> } | { body?: Record<string, unknown> }[] | undefined;
    const reports = Array.isArray(raw) ? raw.map((r) => r.body ?? {}) : [raw?.['csp-report'] ?? {}];
    for (const r of reports) {
      const directive = String(r['effective-directive'] ?? r['violated-directive'] ?? r.effectiveDirective ?? 'unknown').split(' ')[0]!.slice(0, 40);
      violations.inc({ directive });
      req.log.warn({ directive, blocked: String(r['blocked-uri'] ?? r.blockedURL ?? '').slice(0, 200), source: String(r['source-file'] ?? r.sourceFile ?? '').slice(0, 200) }, 'CSP violation');
    }
    return reply.code(204).send();
  });
};
