// The dependency rule of docs/architecture.md, checked mechanically (part of `npm run lint`):
//   domain ← application ← {adapters, http, cli} ← container/main
// domain/ has no I/O: no node:* modules, no packages but decimal.js, no clock or randomness of its own.
// The console imports only @ballast/contracts of ours, and its features never import each other: the
// pages under app/ compose them (STYLE §11).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const SRC = resolve(import.meta.dirname, '../packages/engine/src');
const CONSOLE = resolve(import.meta.dirname, '../packages/console/src');

/** What each layer may import from the engine's own folders. */
const ALLOWED = {
  domain: ['domain'],
  application: ['domain', 'application'],
  adapters: ['domain', 'application', 'adapters'],
  http: ['domain', 'application', 'adapters', 'http'],
  cli: ['domain', 'application', 'adapters', 'http', 'cli', 'config.ts', 'container.ts'],
  'test-support': null,
};
const DOMAIN_PACKAGES = new Set(['decimal.js']);
const DOMAIN_FORBIDDEN_CODE = [
  [/\bDate\.now\s*\(/, 'reads the clock (Date.now): take the instant as an argument'],
  [/\bnew Date\s*\(\s*\)/, 'reads the clock (new Date()): take the instant as an argument'],
  [/\bMath\.random\s*\(/, 'uses Math.random: take randomness or ids as arguments'],
  [/\bprocess\./, 'touches the process (environment, exit, …)'],
  [/\b(setTimeout|setInterval|fetch)\s*\(/, 'does I/O or schedules work'],
];

function filesUnder(dir) {
  let out = [];
  try {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) out = out.concat(filesUnder(path));
      else if (/\.tsx?$/.test(name)) out.push(path);
    }
  } catch {
    return [];
  }
  return out;
}

const importsOf = (text) =>
  [
    ...text.matchAll(
      /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3]);

const problems = [];
for (const file of filesUnder(SRC)) {
  if (/\.test\.ts$/.test(file)) continue;
  const rel = relative(SRC, file);
  const layer = rel.includes('/') ? rel.split('/')[0] : rel;
  const text = readFileSync(file, 'utf8');
  const allowed = ALLOWED[layer];
  for (const spec of importsOf(text)) {
    if (spec.startsWith('.')) {
      const target = relative(SRC, resolve(file, '..', spec)).replace(/\.js$/, '.ts');
      const targetLayer = target.includes('/') ? target.split('/')[0] : target;
      if (targetLayer === 'test-support' && layer !== 'test-support')
        problems.push(`${rel}: production code imports test support (${spec})`);
      if (allowed && !allowed.includes(targetLayer))
        problems.push(`${rel}: the ${layer} layer may not import ${targetLayer} (${spec})`);
    } else if (layer === 'domain' && !DOMAIN_PACKAGES.has(spec)) {
      problems.push(`${rel}: domain code may not import ${spec} (no I/O, no frameworks in the rules)`);
    } else if (layer === 'application' && !spec.startsWith('@ballast/contracts')) {
      problems.push(`${rel}: application code depends on ports, not on ${spec}`);
    }
  }
  if (layer === 'domain') {
    const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    for (const [pattern, why] of DOMAIN_FORBIDDEN_CODE)
      if (pattern.test(code)) problems.push(`${rel}: ${why}`);
  }
  // Test support is test code: it reads the tests' own settings (BALLAST_TEST_POSTGRES_URL, CI).
  if (
    layer !== 'config.ts' &&
    layer !== 'test-support' &&
    /\bprocess\.env\b/.test(text) &&
    !rel.startsWith('cli/')
  ) {
    problems.push(`${rel}: reads process.env; configuration is parsed once in config.ts`);
  }
}
const featureOf = (rel) => /^features\/([^/]+)\//.exec(rel)?.[1] ?? null;
for (const file of filesUnder(CONSOLE)) {
  const rel = relative(CONSOLE, file);
  const feature = featureOf(rel);
  for (const spec of importsOf(readFileSync(file, 'utf8'))) {
    if (spec.startsWith('@ballast/') && spec !== '@ballast/contracts')
      problems.push(`${rel}: the console imports only @ballast/contracts, not ${spec}`);
    if (!spec.startsWith('.')) continue;
    const target = relative(CONSOLE, resolve(file, '..', spec));
    if (target.startsWith('..') && !/\.test\.tsx?$/.test(rel))
      problems.push(`${rel}: console code imports from outside packages/console/src (${spec})`);
    const targetFeature = featureOf(target);
    if (feature && targetFeature && targetFeature !== feature)
      problems.push(
        `${rel}: the ${feature} feature imports the ${targetFeature} feature (${spec}); compose them in app/`,
      );
    if (!rel.startsWith('app/') && rel !== 'main.tsx' && target.startsWith('app/'))
      problems.push(`${rel}: only app/ may import app/ (${spec})`);
  }
}

if (problems.length > 0) {
  process.stderr.write(`architecture check failed:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(
  'architecture check passed: dependency rule, pure domain and self-contained console features hold\n',
);
