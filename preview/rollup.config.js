// Builds the preview page: the same components Salesforce runs (tsc output in force-app), compiled
// by LWC open source, with small stand-ins for the platform modules (src/platform/).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lwc from '@lwc/rollup-plugin';
import resolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import { customLabels } from './build/custom-labels.ts';
import { stripTypes } from './build/strip-types.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const forceApp = path.resolve(here, '../force-app/main/default');
const lwcDir = path.join(forceApp, 'lwc');
const platform = (file) => path.join(here, 'src/platform', file);

// c/<name> is force-app/main/default/lwc/<name>/<name>.js, as on the platform.
const components = readdirSync(lwcDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map(({ name }) => ({ name: `c/${name}`, path: path.join(lwcDir, name, `${name}.js`) }));

// Listed before lightning-base-components, so these win where both define a module.
const platformModules = [
  { name: 'lightning/platformResourceLoader', path: platform('platformResourceLoader.ts') },
  { name: 'lightning/empApi', path: platform('empApi.ts') },
  { name: '@salesforce/apex/PulseApiController.getJson', path: platform('getJson.ts') },
  { name: '@salesforce/apex/PulseApiController.sendJson', path: platform('sendJson.ts') },
  { name: '@salesforce/resourceUrl/chartjs', path: platform('chartjsUrl.ts') },
  { name: '@salesforce/i18n/locale', path: platform('locale.ts') },
  { name: '@salesforce/i18n/currency', path: platform('currency.ts') },
  { name: '@salesforce/i18n/timeZone', path: platform('timeZone.ts') },
];

export default {
  input: path.join(here, 'src/main.ts'),
  output: { dir: path.join(here, 'dist'), format: 'es', entryFileNames: 'main.js', sourcemap: true },
  onwarn(warning, warn) {
    // lightning-base-components' own templates warn (duplicate placeholder slots); not ours to fix.
    if (warning.id?.includes('/lightning-base-components/')) return;
    warn(warning);
  },
  plugins: [
    customLabels(path.join(forceApp, 'labels/CustomLabels.labels-meta.xml')),
    stripTypes(),
    replace({
      preventAssignment: true,
      values: {
        // Production, as orgs run without debug mode; NODE_ENV=development for LWC's dev warnings.
        'process.env.NODE_ENV': JSON.stringify(process.env.NODE_ENV ?? 'production'),
        'import.meta.env.SSR': 'false',
      },
    }),
    lwc({
      rootDir: path.join(here, 'src'),
      enableDynamicComponents: true,
      modules: [...platformModules, ...components, { npm: 'lightning-base-components' }],
    }),
    resolve(),
    {
      name: 'pulse-index-html',
      generateBundle() {
        this.emitFile({
          type: 'asset',
          fileName: 'index.html',
          source: readFileSync(path.join(here, 'src/index.html')),
        });
      },
    },
  ],
};
