// Shapes a record like Salesforce's REST query JSON: `attributes` first, then the selected fields in
// SELECT order with describe casing; parent fields nest under the relationship name (Owner: {...}),
// several fields of one parent share one object, and a null or missing parent is null.

import type { SObjectDescribe, SObjectRecord } from '../org/schema.ts';
import type { RecordSource } from './api.ts';
import type { BoundField } from './bind.ts';

type Node =
  | { kind: 'field'; name: string }
  | { kind: 'parent'; name: string; reference: string; sobject: string; children: Node[] };

export type Projector = (row: SObjectRecord) => Record<string, unknown>;

export function projector(
  sobject: SObjectDescribe,
  fields: BoundField[],
  source: RecordSource,
  apiVersion: string,
): Projector {
  const tree: Node[] = [];
  for (const field of fields) {
    let level = tree;
    for (const hop of field.hops) {
      const name = hop.reference.relationshipName as string;
      let parent = level.find((n) => n.kind === 'parent' && n.name === name);
      if (!parent) {
        parent = { kind: 'parent', name, reference: hop.reference.name, sobject: hop.target.name, children: [] };
        level.push(parent);
      }
      level = (parent as Extract<Node, { kind: 'parent' }>).children;
    }
    level.push({ kind: 'field', name: field.field.name });
  }
  const urlBase = `/services/data/v${apiVersion}/sobjects/`;

  const render = (row: SObjectRecord, type: string, nodes: Node[]): Record<string, unknown> => {
    const out: Record<string, unknown> = { attributes: { type, url: `${urlBase}${type}/${row.Id}` } };
    for (const node of nodes) {
      if (node.kind === 'field') {
        out[node.name] = row[node.name] ?? null;
      } else {
        const id = row[node.reference];
        const parent = typeof id === 'string' ? source.byId(id) : undefined;
        out[node.name] = parent ? render(parent, node.sobject, node.children) : null;
      }
    }
    return out;
  };
  return (row) => render(row, sobject.name, tree);
}
