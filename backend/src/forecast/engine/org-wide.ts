import type { Viewer } from '../../access/viewer';

/**
 * The forecast model learns from the whole org's history: a rep's few dozen closed deals cannot
 * fit a model, the org's thousands can. It reads them through VisibleMirror as this viewer (sees
 * everything), and nothing it learns leaves as a deal: a viewer gets probabilities for their own
 * deals only, owner win rates for their own owners only (a feature of their deals), and the
 * model's coefficients and org-wide calibration only with view-all. What remains shared is the
 * model itself, an aggregate of thousands of deals from which no single deal can be read back.
 */
export const ORG_WIDE: Viewer = {
  userId: 'pulse-forecast-model',
  name: 'Pulse forecast model',
  roleId: null,
  viewAll: true,
  ownerIds: null,
};
