import { reluWithMask, randn, createRng, zeroMasked, allocate } from '@dl/linalg';
const rng = createRng(1);
const x = randn([100, 50], rng); const mask = new Uint8Array(5000);
function t(name:string,f:()=>void){for(let i=0;i<5000;i++)f(); const t0=performance.now(); for(let i=0;i<50000;i++)f(); console.log(name, ((performance.now()-t0)/50000*1000).toFixed(2),'us');}
t('reluWithMask', ()=>reluWithMask(x, mask));
t('zeroMasked', ()=>zeroMasked(x, mask));
t('alloc 5000', ()=>allocate('float64', 5000));
