// Logistic regression fitted by Newton's method (iteratively reweighted least squares) with an L2
// penalty: a few dozen features and tens of thousands of rows converge in about six steps, and the
// penalty keeps coefficients finite when a feature separates the classes (a stage nobody loses in).

export interface LogisticOptions {
  /** L2 penalty on the standardised coefficients (never on the intercept). Default 1. */
  l2?: number;
  maxIterations?: number;
  /** Stop when no coefficient moves by more than this. */
  tolerance?: number;
}

/** A fitted model: features are standardised with the training means and scales before use. */
export interface LogisticModel {
  intercept: number;
  /** Per standardised feature. */
  coefficients: number[];
  means: number[];
  scales: number[];
  iterations: number;
}

export const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** The model's probability for one row of raw (unstandardised) features. */
export function predict(model: LogisticModel, x: readonly number[]): number {
  let z = model.intercept;
  for (let j = 0; j < x.length; j++) z += (model.coefficients[j] * (x[j] - model.means[j])) / model.scales[j];
  return sigmoid(z);
}

export function fitLogistic(
  rows: readonly (readonly number[])[],
  labels: ArrayLike<number>,
  options: LogisticOptions = {},
): LogisticModel {
  const n = rows.length;
  if (n === 0) throw new Error('fitLogistic needs at least one row');
  const d = rows[0].length;
  const l2 = options.l2 ?? 1;
  const { means, scales } = standardisation(rows, d);
  // Column 0 is the intercept; 1..d the standardised features, stored row-major for speed.
  const k = d + 1;
  const x = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    x[i * k] = 1;
    for (let j = 0; j < d; j++) x[i * k + j + 1] = (rows[i][j] - means[j]) / scales[j];
  }
  const beta = new Float64Array(k);
  const hessian = new Float64Array(k * k);
  const gradient = new Float64Array(k);
  let iterations = 0;
  for (; iterations < (options.maxIterations ?? 25); iterations++) {
    hessian.fill(0);
    gradient.fill(0);
    for (let i = 0; i < n; i++) {
      const row = i * k;
      let z = 0;
      for (let j = 0; j < k; j++) z += x[row + j] * beta[j];
      const p = sigmoid(z);
      const w = Math.max(p * (1 - p), 1e-12);
      const residual = labels[i] - p;
      for (let a = 0; a < k; a++) {
        const xa = x[row + a];
        if (xa === 0) continue;
        gradient[a] += xa * residual;
        const wa = w * xa;
        for (let b = a; b < k; b++) hessian[a * k + b] += wa * x[row + b];
      }
    }
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < a; b++) hessian[a * k + b] = hessian[b * k + a];
      const penalty = a === 0 ? 1e-9 : l2;
      hessian[a * k + a] += penalty;
      gradient[a] -= a === 0 ? 0 : l2 * beta[a];
    }
    const step = solveSymmetric(hessian, gradient, k);
    let largest = 0;
    for (let j = 0; j < k; j++) {
      beta[j] += step[j];
      largest = Math.max(largest, Math.abs(step[j]));
    }
    if (largest < (options.tolerance ?? 1e-5)) {
      iterations++;
      break;
    }
  }
  return { intercept: beta[0], coefficients: Array.from(beta.subarray(1)), means, scales, iterations };
}

function standardisation(rows: readonly (readonly number[])[], d: number): { means: number[]; scales: number[] } {
  const means = new Array<number>(d).fill(0);
  const scales = new Array<number>(d).fill(0);
  for (const row of rows) for (let j = 0; j < d; j++) means[j] += row[j] / rows.length;
  for (const row of rows) for (let j = 0; j < d; j++) scales[j] += (row[j] - means[j]) ** 2 / rows.length;
  // A constant column stays 0 after centring; scale 1 keeps it from dividing by zero.
  return { means, scales: scales.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1)) };
}

/** Solves A x = b for a symmetric positive definite A (k x k, row-major) by Cholesky. */
export function solveSymmetric(a: Float64Array, b: Float64Array, k: number): Float64Array {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * k + j];
      for (let m = 0; m < j; m++) sum -= l[i * k + m] * l[j * k + m];
      l[i * k + j] = i === j ? Math.sqrt(Math.max(sum, 1e-300)) : sum / l[j * k + j];
    }
  }
  const y = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let sum = b[i];
    for (let m = 0; m < i; m++) sum -= l[i * k + m] * y[m];
    y[i] = sum / l[i * k + i];
  }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let sum = y[i];
    for (let m = i + 1; m < k; m++) sum -= l[m * k + i] * x[m];
    x[i] = sum / l[i * k + i];
  }
  return x;
}
