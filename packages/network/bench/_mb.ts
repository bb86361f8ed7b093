import { wasmKernels } from '../../linalg/src/kernels/wasm-kernels.ts';
import { loadMnist } from '@dl/data';
const { train } = await loadMnist();
const w = wasmKernels()!;
const m=100,k=784,n=50;
const idx = Array.from({length:100},(_,i)=>i*37);
const { x } = train.batch(idx);
const A = x.data as Float64Array;
const B = new Float64Array(k*n).map(()=>Math.random()-0.5);
w.memory.grow(200);
const base = (w.heapBase()+15)&~15;
const aAt=base, bAt=aAt+m*k*8, cAt=bAt+k*n*8, work=cAt+m*n*8+64;
const buf=()=>w.memory.buffer;
new Float64Array(buf(),aAt,m*k).set(A); new Float64Array(buf(),bAt,k*n).set(B);
function t(name:string,f:()=>void,reps=2000){ for(let i=0;i<200;i++)f(); const t0=performance.now(); for(let i=0;i<reps;i++)f(); console.log(name,((performance.now()-t0)/reps*1000).toFixed(1),'us'); }
let nnz=0; for(const v of A) if(v!==0) nnz++; console.log('nnz',nnz, nnz/A.length);
t('sparse compress+mul', ()=>w.gemmSparse64(m,n,k,0,aAt,bAt,cAt,work,0));
t('sparse reuse', ()=>w.gemmSparse64(m,n,k,0,aAt,bAt,cAt,work,1));
t('dense', ()=>w.gemm64(m,n,k,0,0,aAt,bAt,cAt,work+4000000));
t('copy A in', ()=>new Float64Array(buf(),aAt,m*k).set(A));
t('bytesEqual', ()=>w.bytesEqual(aAt, work+4000000, m*k*8));
t('count nonzero', ()=>w.countNonzero64(aAt,m*k));
t('allFinite B', ()=>w.allFinite64(bAt,k*n));
// backward: xT * dout (m=784, n=50, k=100) transA
const D = new Float64Array(100*50).map(()=>Math.random()-0.5);
new Float64Array(buf(),bAt,100*50).set(D);
t('sparse T compress+mul', ()=>w.gemmSparse64(784,50,100,1,aAt,bAt,cAt,work,0));
t('sparse T reuse', ()=>w.gemmSparse64(784,50,100,1,aAt,bAt,cAt,work,1));
t('dense T', ()=>w.gemm64(784,50,100,1,0,aAt,bAt,cAt,work+4000000));
