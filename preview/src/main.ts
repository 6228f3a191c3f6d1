// The preview page's entry point: the widget as an App Page would hold it.
import '@lwc/synthetic-shadow'; // first, as Salesforce renders components in synthetic shadow DOM
import { createElement } from 'lwc';
import PipelineByStage from 'c/pipelineByStage';
import AlertSettings from 'c/alertSettings';
import { mountDeliveredAlerts } from './browser/deliveredAlerts.ts';

const element = createElement('c-pipeline-by-stage', { is: PipelineByStage });
// App Builder properties from the query string, e.g. ?includeClosed=true&height=400.
const params = new URLSearchParams(location.search);
Object.assign(element, {
  includeClosed: params.get('includeClosed') === 'true',
  height: Number(params.get('height')) || 300,
});
document.getElementById('pipeline-by-stage')!.appendChild(element);
// What the demo's alerts delivered: the local mail capture and the org's notifications.
mountDeliveredAlerts(document.getElementById('delivered-alerts')!);
// The viewer's alert rules and delivery preferences, as a Home page would hold the panel.
document.getElementById('alert-settings')!.appendChild(createElement('c-alert-settings', { is: AlertSettings }));
