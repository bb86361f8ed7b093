import { readFileSync } from 'node:fs';
import { loadMnist } from '@dl/data';
const { train } = await loadMnist();
const mod = new WebAssembly.Module(readFileSync('/tmp/perf/as/k.wasm'));
const ex = new WebAssembly.Instance(mod, {}).exports as any;
const mem = ex.memory as WebAssembly.Memory; mem.grow(100);
const T=process.env.T==='1'; const m=T?784:100,k=T?100:784,n=Number(process.env.NN??50);
const base = ex.heapBase();
const bAt=base, cAt=bAt+k*n*8+256, startsAt=cAt+m*n*8+256, colsAt=startsAt+4*(m+1)+64;
const B = new Float64Array(mem.buffer,bAt,k*n); for(let i=0;i<B.length;i++)B[i]=Math.random()-0.5;
const starts=new Int32Array(mem.buffer,startsAt,m+1);
const cols=new Int32Array(mem.buffer,colsAt,m*k+m);
const valsAt=colsAt+4*(m*k+m)+64&~15;
const vals=new Float64Array(mem.buffer,valsAt,m*k+m);
let nnz=0;
for(let r=0;r<m;r++){ starts[r]=nnz; for(let j=0;j<k;j++){const v=T? train.images[j*37*784+r]! : train.images[r*37*784+j]!; if(v){cols[nnz]=j; vals[nnz]=v/255; nnz++;}} nnz++; }
starts[m]=nnz;
const ref = new Float64Array(m*n);
for(let r=0;r<m;r++) for(let q=starts[r]!;q<starts[r+1]!-1;q++) for(let j=0;j<n;j++) ref[r*n+j]+=vals[q]!*B[cols[q]!*n+j]!;
const C = new Float64Array(mem.buffer,cAt,m*n);
const names = Object.keys(ex).filter(x=>x.startsWith('p'));
const res: Record<string,number[]> = {};
for (let round=0; round<5; round++) for (const name of names) {
  const f = ex[name];
  C.fill(0); f(m,n,bAt,cAt,startsAt,colsAt,valsAt);
  let err=0; for(let i=0;i<C.length;i++) err=Math.max(err,Math.abs(C[i]!-ref[i]!));
  if (err>1e-9) { console.log(name,'WRONG',err); continue; }
  const reps=1000; const t0=performance.now(); for(let i=0;i<reps;i++) f(m,n,bAt,cAt,startsAt,colsAt,valsAt);
  (res[name]??=[]).push((performance.now()-t0)/reps*1000);
}
for (const [k2,v] of Object.entries(res)) console.log(k2.padEnd(10), Math.min(...v).toFixed(1),'us');
