/**
 * `npm run lint:electron`: Electronegativity (Doyensec's checks for Electron misconfigurations
 * and anti-patterns) over src/, failing on any HIGH finding. Every finding is printed with its
 * severity and confidence; lower ones are for review, not failures.
 *
 * Run through its programmatic entry, not its CLI, for two reasons:
 * - offline and repeatable: the tool fetches translations from S3 and Electron's release list
 *   from GitHub on every run (with no timeout for the latter). Its HTTP client is replaced by
 *   one that refuses, so it uses its bundled English texts; the release check
 *   (AvailableSecurityFixesGlobalCheck), whose answer would depend on the internet of the day,
 *   is left out — keeping Electron current is the dependency updates' job;
 * - the Electron version: src/ has no package.json, so it is passed from ours (the checks'
 *   defaults differ between versions).
 * - the Content-Security-Policy: the shell sets it from contentSecurityPolicy(), which the
 *   tool cannot read from source ("Failed to parse CSP"), so the policy the app really sends is
 *   put through the tool's own evaluator (@doyensec/csp-evaluator) here. Stricter than the tool,
 *   which rates any weak policy LOW: a policy the evaluator rates HIGH (say 'unsafe-inline'
 *   scripts) is a HIGH finding and fails the lint.
 * A finding reviewed and found wrong is silenced at its line with the tool's own comment,
 * `// eng-disable <CHECK_ID>`, next to a comment saying why.
 */
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from '@shared/content-security-policy';

interface Finding {
  id: string;
  severity: 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';
  confidence: string;
  file: string;
  line: number;
  column: number;
  description: string;
  manualReview: boolean;
}

interface Scan {
  findings: Finding[];
  /** Files it could not parse: not checked, so the lint fails on them too. */
  unreadable: { file: string; message: string }[];
}

interface RawIssue {
  id: string;
  severity: { name: Finding['severity'] };
  confidence: { name: string };
  file: string;
  location: { line: number; column: number };
  description: string;
  manualReview?: boolean;
}

interface RunResult {
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: RawIssue[];
}

type Run = (options: Record<string, unknown>) => Promise<RunResult>;

const require = createRequire(import.meta.url);
const toolDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));

/** The checks left out, with why (see the header). */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

/** Answers the tool's HTTP client (got) with a refusal, so a scan never leaves the machine. */
function offlineTool(): () => void {
  const internals = Module as unknown as {
    _load(request: string, parent: { filename?: string } | undefined, isMain: boolean): unknown;
  };
  const original = internals._load;
  const refuse = (): Promise<never> =>
    Promise.reject(new Error('lint:electron makes no network request'));
  const got = Object.assign(refuse, { head: refuse, get: refuse });
  internals._load = function (request, parent, isMain) {
    if (request === 'got' && parent?.filename?.startsWith(toolDir)) return got;
    return original.call(this, request, parent, isMain);
  };
  return () => {
    internals._load = original;
  };
}

async function scanElectron(input: string, electronVersion: string): Promise<Scan> {
  const restore = offlineTool();
  const quiet = console.log;
  try {
    // It says on stdout that it could not fetch what it was not allowed to fetch.
    console.log = () => undefined;
    const run = require('@doyensec/electronegativity') as Run;
    const result = await run({
      input: resolve(input),
      isRelative: true,
      electronVersionOverride: electronVersion,
      excludeFromScan: EXCLUDED_CHECKS.map((check) => check.toLowerCase()),
      customScan: [],
      parserPlugins: [],
    });
    return {
      findings: result.issues.map((issue) => ({
        id: issue.id,
        severity: issue.severity.name,
        confidence: issue.confidence.name,
        file: issue.file,
        line: issue.location.line,
        column: issue.location.column,
        description: issue.description,
        manualReview: issue.manualReview === true,
      })),
      unreadable: result.errors
        .filter((error) => !error.tolerable)
        .map(({ file, message }) => ({ file, message })),
    };
  } finally {
    console.log = quiet;
    restore();
  }
}

interface CspEvaluatorModule {
  CspParser: new (policy: string) => { csp: unknown };
  CspEvaluator: new (
    csp: unknown,
    version: unknown,
  ) => { evaluate(): { severity: number; directive: string; description: string }[] };
  Version: { CSP3: unknown };
  severities: Record<'HIGH' | 'SYNTAX' | 'MEDIUM' | 'HIGH_MAYBE' | 'MEDIUM_MAYBE', number>;
}

/** The evaluator the tool's CSP check uses, on a policy as the app sends it. */
function evaluateCsp(policy: string, file: string): Finding[] {
  const csp = createRequire(resolve(toolDir, 'package.json'))(
    '@doyensec/csp-evaluator',
  ) as CspEvaluatorModule;
  const { severities } = csp;
  const rate = (severity: number): Pick<Finding, 'severity' | 'confidence'> | undefined => {
    if (severity === severities.HIGH || severity === severities.SYNTAX) {
      return { severity: 'HIGH', confidence: 'CERTAIN' };
    }
    if (severity === severities.MEDIUM) return { severity: 'MEDIUM', confidence: 'CERTAIN' };
    if (severity === severities.HIGH_MAYBE || severity === severities.MEDIUM_MAYBE) {
      return { severity: 'LOW', confidence: 'FIRM' };
    }
    return undefined;
  };
  const found = new csp.CspEvaluator(new csp.CspParser(policy).csp, csp.Version.CSP3).evaluate();
  return found.flatMap((finding) => {
    const rating = rate(finding.severity);
    if (!rating) return [];
    return [
      {
        id: 'CSP_GLOBAL_CHECK',
        ...rating,
        file,
        line: 0,
        column: 0,
        description: `${finding.directive}: ${finding.description}`,
        manualReview: rating.severity === 'LOW',
      },
    ];
  });
}

/** The lines to print, and whether the lint passes: no HIGH finding, every file read. */
function verdict(scan: Scan): { passed: boolean; lines: string[] } {
  const order = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];
  const findings = [...scan.findings].sort(
    (a, b) => order.indexOf(a.severity) - order.indexOf(b.severity),
  );
  const lines = findings.map(
    (f) =>
      `${f.severity} (${f.confidence})${f.manualReview ? ' review' : ''} ${f.id} ${f.file}:${f.line}:${f.column} — ${f.description}`,
  );
  for (const { file, message } of scan.unreadable) lines.push(`UNREAD ${file}: ${message}`);
  const high = findings.filter((f) => f.severity === 'HIGH').length;
  const passed = high === 0 && scan.unreadable.length === 0;
  lines.push(
    passed
      ? `Electronegativity: no HIGH finding (${findings.length} to review).`
      : `Electronegativity: ${high} HIGH finding(s), ${scan.unreadable.length} unreadable file(s).`,
  );
  return { passed, lines };
}

/** `lint-electron.ts [dir] [--csp <policy>]`: src/ and the app's own policy by default. */
async function main(args: string[]): Promise<void> {
  const root = resolve(import.meta.dirname, '..');
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  const electronVersion = pkg.devDependencies['electron']!.replace(/^[^\d]*/, '');
  const cspAt = args.indexOf('--csp');
  // The policy the shell sends in production (main/shell/security.ts, the built page's meta).
  const policy = cspAt >= 0 ? args.splice(cspAt, 2)[1]! : contentSecurityPolicy();
  const scan = await scanElectron(resolve(args[0] ?? resolve(root, 'src')), electronVersion);
  const source = cspAt >= 0 ? '--csp' : 'shared/content-security-policy.ts';
  scan.findings.push(...evaluateCsp(policy, source));
  const { passed, lines } = verdict(scan);
  for (const line of lines) console.log(line);
  process.exitCode = passed ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
