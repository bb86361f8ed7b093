import { loadMnist } from '@dl/data';
import { SGD } from '@dl/layers';
import { createRng } from '@dl/linalg';
import { SimpleNetwork } from '@dl/network';
const dtype = (process.env.DT ?? 'float64') as 'float64'|'float32';
const { train } = await loadMnist();
const rng = createRng(0);
const net = new SimpleNetwork({ rng, dtype });
const opt = new SGD({ lr: 0.1 });
const L = net.layers as any[]; const last = net.lastLayer as any;
const names = ['batch','aff1.f','relu.f','aff2.f','swl.f','swl.b','aff2.b','relu.b','aff1.bp','sgd'];
const T = new Array(names.length).fill(0);
for (let it = 0; it < 6000; it++) {
  const ts = [performance.now()];
  const { x, t } = train.batch(rng.choice(train.length, 100, true), { dtype }); ts.push(performance.now());
  const h1 = L[0].forward(x); ts.push(performance.now());
  const r1 = L[1].forward(h1); ts.push(performance.now());
  const h2 = L[2].forward(r1); ts.push(performance.now());
  last.forward(h2, t); ts.push(performance.now());
  let d = last.backward(1); ts.push(performance.now());
  d = L[2].backward(d); ts.push(performance.now());
  d = L[1].backward(d); ts.push(performance.now());
  L[0].backwardParams(d); ts.push(performance.now());
  opt.update(net.params, { W1: L[0].dW, b1: L[0].db, W2: L[2].dW, b2: L[2].db }); ts.push(performance.now());
  if (it >= 1000) for (let i = 0; i < names.length; i++) T[i] += ts[i+1]! - ts[i]!;
}
console.log(names.map((n,i)=>`${n} ${(T[i]/5).toFixed(1)}`).join(' | '), '| total', (T.reduce((a,b)=>a+b)/5).toFixed(1), 'us');
