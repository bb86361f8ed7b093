import { loadMnist } from '@dl/data';
import { SGD } from '@dl/layers';
import { createRng } from '@dl/linalg';
import { SimpleNetwork } from '@dl/network';
const dtype = (process.env.DT ?? 'float64') as 'float64'|'float32';
const { train } = await loadMnist();
const rng = createRng(0);
const net = new SimpleNetwork({ rng, dtype });
const opt = new SGD({ lr: 0.1 });
const N = Number(process.env.N ?? 5000);
let tb=0, tg=0, tu=0;
for (let it = 0; it < N; it++) {
  const t0 = performance.now();
  const indices = rng.choice(train.length, 100, true);
  const { x, t } = train.batch(indices, { dtype });
  const t1 = performance.now();
  const { grads } = net.lossAndGradient(x, t);
  const t2 = performance.now();
  opt.update(net.params, grads);
  const t3 = performance.now();
  if (it >= 500) { tb += t1-t0; tg += t2-t1; tu += t3-t2; }
}
const k = N-500;
console.log(`batch ${(tb/k).toFixed(4)} grad ${(tg/k).toFixed(4)} update ${(tu/k).toFixed(4)} total ${((tb+tg+tu)/k).toFixed(4)} ms`);
