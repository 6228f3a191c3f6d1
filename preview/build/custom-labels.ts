// @salesforce/label/c.<Name> from force-app's CustomLabels file, so the preview shows the text the
// org shows. A label missing from the file fails the build, as it fails a deployment.
import { readFileSync } from 'node:fs';
import type { Plugin } from 'rollup';

const PREFIX = '@salesforce/label/c.';
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const unescapeXml = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name]);

export function readLabels(xml: string): Map<string, string> {
  const labels = new Map<string, string>();
  for (const [, block] of xml.matchAll(/<labels>([\s\S]*?)<\/labels>/g)) {
    const name = /<fullName>([^<]*)<\/fullName>/.exec(block)?.[1];
    const value = /<value>([\s\S]*?)<\/value>/.exec(block)?.[1];
    if (name && value !== undefined) labels.set(name, unescapeXml(value));
  }
  return labels;
}

export function customLabels(labelsFile: string): Plugin {
  return {
    name: 'pulse-custom-labels',
    resolveId(source) {
      return source.startsWith(PREFIX) ? `\0${source}` : null;
    },
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return null;
      this.addWatchFile(labelsFile);
      const name = id.slice(PREFIX.length + 1);
      const value = readLabels(readFileSync(labelsFile, 'utf8')).get(name);
      if (value === undefined) this.error(`Custom label c.${name} is not in ${labelsFile}`);
      return `export default ${JSON.stringify(value)};`;
    },
  };
}
