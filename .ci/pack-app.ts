// The scratch program of the pack test: imports every published package by name, as a user would,
// and computes something real with each. Typechecked against the shipped .d.ts files, then run.
import { numericalDiff } from '@dl/calculus';
import { formatLogLine } from '@dl/cli';
import { loadMnist, quantize, toPng } from '@dl/data';
import { SGD, softmax } from '@dl/layers';
import { array, createRng, dot, inv } from '@dl/linalg';
import { SimpleNetwork, Trainer } from '@dl/network';

function expectClose(what: string, got: number, want: number, tol: number): void {
  if (!(Math.abs(got - want) <= tol)) throw new Error(`${what}: expected ${want}, got ${got}`);
  console.log(`ok ${what} = ${got}`);
}

// @dl/linalg: the lecture's fruit prices, X = A⁻¹·B.
const prices = dot(
  inv(
    array([
      [1, 1],
      [2, 3],
    ]),
  ),
  array([[1100], [2800]]),
);
expectClose('@dl/linalg tangerine price', prices.get(0, 0), 500, 1e-9);

// @dl/calculus: d/dx x² at 3 is 6.
expectClose(
  '@dl/calculus numericalDiff',
  numericalDiff((x) => x * x, 3),
  6,
  1e-6,
);

// @dl/layers: softmax of [1010, 1000, 990] is finite and sums to 1.
const y = softmax(array([1010, 1000, 990]));
expectClose(
  '@dl/layers softmax sum',
  Array.from(y.data).reduce((s, v) => s + v, 0),
  1,
  1e-12,
);

// @dl/data: the mnist package's digits, a quantised PNG of the first one.
const { train, test } = await loadMnist({ source: 'lite' });
const first = train.batch([0]).x.reshape(28, 28);
const png = toPng(quantize(first, 2));
expectClose('@dl/data PNG signature byte', png[1]!, 0x50, 0);

// @dl/network: a few hundred iterations of the lecture's network lift test accuracy well above chance.
const network = new SimpleNetwork({ rng: createRng(1) });
const trainer = new Trainer({
  network,
  train,
  test,
  optimizer: new SGD({ lr: 0.1 }),
  rng: createRng(2),
  iterations: 300,
  iterationsPerEpoch: 300,
  testEvalSize: 1000,
  trainEvalSize: 1000,
});
const result = await trainer.run();
const last = result.epochs[result.epochs.length - 1]!;
console.log(formatLogLine(last));
if (!(last.testAcc > 0.7))
  throw new Error(`@dl/network: test accuracy ${last.testAcc} after 300 iterations`);
console.log('ok @dl/network + @dl/cli');
