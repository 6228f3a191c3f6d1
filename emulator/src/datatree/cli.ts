// `node emulator/src/datatree/cli.ts export|import`: the org in Salesforce's data tree format, the
// files `sf data export tree --plan` writes and `sf data import tree` reads.
import { parseArgs } from 'node:util';
import { OrgStateError } from '../persistence/index.ts';
import { buildDataTree, writeDataTree } from './export.ts';
import { DataTreeError } from './format.ts';
import { importDataTree, importingUser } from './import.ts';
import { openOrg } from './org-file.ts';
import { readPlan, readTreeFiles } from './read.ts';

const USAGE = `Usage: node emulator/src/datatree/cli.ts <export|import> [options]

export   writes the org as a plan and one data file per sObject (load into a scratch org with
         \`sf data import tree --plan <dir>/<...>-plan.json\`)
  --output-dir, -d <dir>     where to write the files (required)
  --objects <A,B,...>        sObjects to export (default: every createable one holding records;
                             for a real org pick business objects, e.g. Account,Contact,Opportunity,
                             Task,Event: users, roles and stages are set up otherwise there)
  --prefix <text>            prefix of the file names, as sf's --prefix
  --keep-outside-ids         keep lookups to records outside the export as raw ids (sf's way;
                             default: leave them out, so the files load into any org)
  --state-file <file>        export this saved org (default: a fresh demo org)
  --seed <n>                 seed of that demo org (default 42)

import   creates the records of a data tree in a saved org, one transaction per file; start the
         emulator with that state file to serve them
  --plan, -p <file>          a plan file (*-plan.json); its data files are relative to it
  --files, -f <a.json,...>   data files, in order, without a plan
  --state-file <file>        the org to import into (required); created when missing
  --new-org <demo|users|empty>  what a created org holds first (default users: the demo's setup,
                             i.e. users, roles, opportunity stages, forecasting types and periods
                             and the standard price book, so the emulator can be logged into;
                             a whole-org export already holds these: import it with empty)
  --as <username>            the importing user (default integration@pulse.demo if present)

Exit status: 0 done, 1 the data or the state file was refused (the message says where), 2 usage.`;

function usage(message?: string): never {
  if (message) console.error(`${message}\n`);
  console.error(USAGE);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      'output-dir': { type: 'string', short: 'd' },
      objects: { type: 'string' },
      prefix: { type: 'string' },
      'keep-outside-ids': { type: 'boolean' },
      'state-file': { type: 'string' },
      seed: { type: 'string' },
      plan: { type: 'string', short: 'p' },
      files: { type: 'string', short: 'f' },
      'new-org': { type: 'string' },
      as: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  usage((error as Error).message);
}
const { values: args, positionals } = parsed;
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const list = (text: string | undefined) =>
  text
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const seed = args.seed === undefined ? 42 : Number(args.seed);
if (!Number.isInteger(seed) || seed < 0) usage(`--seed must be a non-negative integer, got "${args.seed}"`);

try {
  const [command, ...extra] = positionals;
  if (extra.length > 0) usage(`Unexpected arguments: ${extra.join(' ')}`);
  if (command === 'export') {
    const dir = args['output-dir'] ?? usage('export needs --output-dir');
    const org = await openOrg(args['state-file'], 'demo', seed);
    if (args['state-file'] && !org.loaded) usage(`No state file ${args['state-file']}`);
    const tree = buildDataTree(org.store, {
      objects: list(args.objects),
      prefix: args.prefix,
      keepOutsideIds: args['keep-outside-ids'],
    });
    const paths = await writeDataTree(dir, tree);
    await org.close(false);
    for (const entry of tree.plan)
      console.log(`${String(tree.files.get(entry.files[0])!.length).padStart(8)}  ${entry.sobject}`);
    console.log(`Wrote ${paths.length - 1} data files and the plan ${paths[0]}`);
  } else if (command === 'import') {
    const stateFile = args['state-file'] ?? usage('import needs --state-file');
    if (!args.plan === !args.files) usage('import needs either --plan or --files');
    const whenNew = args['new-org'] ?? 'users';
    if (whenNew !== 'demo' && whenNew !== 'users' && whenNew !== 'empty')
      usage(`--new-org must be demo, users or empty`);
    const inputs = args.plan ? await readPlan(args.plan) : await readTreeFiles(list(args.files) ?? []);
    const org = await openOrg(stateFile, whenNew, seed);
    const commitsBefore = org.store.counters.commitNumber;
    try {
      const results = importDataTree(org.store, inputs, importingUser(org.store, args.as));
      console.log(`${'Reference ID'.padEnd(24)}${'Type'.padEnd(24)}ID`);
      for (const r of results) console.log(`${r.refId.padEnd(24)}${r.type.padEnd(24)}${r.id}`);
      console.log(`Imported ${results.length} records into ${stateFile}${org.loaded ? '' : ' (a new org)'}`);
    } finally {
      // Files imported before a failing one stay imported, as with sf: keep them if there are any.
      await org.close(org.store.counters.commitNumber !== commitsBefore);
    }
  } else {
    usage(command ? `Unknown command ${command}` : undefined);
  }
} catch (error) {
  if (!(error instanceof DataTreeError || error instanceof OrgStateError)) throw error;
  console.error(error.message);
  process.exit(1);
}
