// loadScript "loads" Chart.js by installing the recording FakeChart as window.Chart.
import { FakeChart } from '../../fakeChart';

export const loadScript = jest.fn(() => {
  (window as { Chart?: unknown }).Chart = FakeChart;
  return Promise.resolve();
});

export const loadStyle = jest.fn(() => Promise.resolve());
