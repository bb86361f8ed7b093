import { loadMnist } from '@dl/data';
import { createRng } from '@dl/linalg';
import { wasmKernels } from '../../linalg/src/kernels/wasm-kernels.ts';
import { scratchAddress } from '../../linalg/src/kernels/gemm-wasm.ts';
const { train } = await loadMnist();
const rng = createRng(0);
const bytes = train.images;
const table = Float64Array.from({ length: 256 }, (_, b) => b / 255);
const idxs = Array.from({length:50},()=>rng.choice(60000,100,true));
const w = wasmKernels()!;
const n=100, rowLength=784, length=n*rowLength, size=8, slots=length+n;
const srcAt = 256 * size;
const a16=(x:number)=>(x+15)&~15;
const startsAt = a16(srcAt + length), colsAt = a16(startsAt + (n + 1) * 4), valsAt = a16(colsAt + slots * 4);
const at = scratchAddress(w, valsAt + slots * size)!;
const T:number[]=[0,0,0,0];
for (let it=0; it<20000; it++){
  const indices = idxs[it%50]!;
  const t0=performance.now();
  const buf = w.memory.buffer;
  new Float64Array(buf, at, 256).set(table);
  const src = new Uint8Array(buf, at + srcAt, length);
  for (let r = 0; r < n; r++) { const first = indices[r]!; src.set(bytes.subarray(first * rowLength, (first + 1) * rowLength), r * rowLength); }
  const t1=performance.now();
  const entries = w.compressBytes64(n, rowLength, at + srcAt, at, at + startsAt, at + colsAt, at + valsAt);
  const t2=performance.now();
  const a=new Int32Array(buf, at + startsAt, n + 1).slice(), b=new Int32Array(buf, at + colsAt, entries).slice(), c=new Float64Array(buf, at + valsAt, entries).slice();
  const t3=performance.now();
  if (it>=5000){T[0]+=t1-t0;T[1]+=t2-t1;T[2]+=t3-t2;}
}
console.log('copy', (T[0]!/15).toFixed(2), 'compress', (T[1]!/15).toFixed(2), 'slice', (T[2]!/15).toFixed(2), 'us');
