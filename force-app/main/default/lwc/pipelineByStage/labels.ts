// The widget's user-facing text, from Custom Labels so admins can translate it.
import TITLE from '@salesforce/label/c.Pulse_PipelineByStage_Title';
import EMPTY from '@salesforce/label/c.Pulse_PipelineByStage_Empty';
import ERROR from '@salesforce/label/c.Pulse_PipelineByStage_Error';
import CHART_ALT from '@salesforce/label/c.Pulse_PipelineByStage_ChartAlt';
import LOADING from '@salesforce/label/c.Pulse_Loading';
import STAGE from '@salesforce/label/c.Pulse_Stage';
import AMOUNT from '@salesforce/label/c.Pulse_Amount';
import DEALS from '@salesforce/label/c.Pulse_Deals';
import TOTAL from '@salesforce/label/c.Pulse_TotalSummary';
import UPDATED_AT from '@salesforce/label/c.Pulse_UpdatedAt';
import LIVE_PAUSED from '@salesforce/label/c.Pulse_LivePaused';

export const LABELS = {
  title: TITLE,
  empty: EMPTY,
  error: ERROR,
  chartAlt: CHART_ALT,
  loading: LOADING,
  stage: STAGE,
  amount: AMOUNT,
  deals: DEALS,
  total: TOTAL,
  updatedAt: UPDATED_AT,
  livePaused: LIVE_PAUSED,
};
