// Builds what Salesforce deploys but Git does not hold: each component's .js, compiled from its .ts
// in place (the LWC compiler reads .js), and the Chart.js static resource.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const lwcTsconfig = path.join(root, 'force-app/main/default/lwc/tsconfig.json');
const chartJsResource = path.join(root, 'force-app/main/default/staticresources/chartjs.js');

function step(name: string, run: () => void): void {
  const started = performance.now();
  run();
  console.log(`build:lwc ${name} (${Math.round(performance.now() - started)} ms)`);
}

step('tsc -p force-app/main/default/lwc/tsconfig.json', () => {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', lwcTsconfig], { stdio: 'inherit' });
});

step('chart.js -> staticresources/chartjs.js', () => {
  // chart.js exports no subpaths: find dist/ from its main entry.
  const umd = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');
  // Without the source map comment: the org serves no .map, and browsers would log the 404.
  const body = readFileSync(umd, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
  writeFileSync(chartJsResource, body);
});
