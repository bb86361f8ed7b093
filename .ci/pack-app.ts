// The scratch program of the pack test: imports every published package by name, as a user would,
// and computes something real with each. Typechecked against the shipped .d.ts files, then run.
import { array, dot, inv } from '@dl/linalg';

const prices = dot(inv(array([[1, 1], [2, 3]])), array([[1100], [2800]]));
const [tangerine, apple] = prices.toArray() as number[][];
if (Math.abs(tangerine![0]! - 500) > 1e-9 || Math.abs(apple![0]! - 600) > 1e-9) {
  throw new Error(`@dl/linalg: fruit prices wrong: ${prices.toString()}`);
}
console.log(`@dl/linalg: fruit prices ${prices.toString().replace(/\n/g, ' ')}`);
