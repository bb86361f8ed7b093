import { loadMnist } from '@dl/data';
import { takeRowsSparse, takeRows, createRng } from '@dl/linalg';
const { train } = await loadMnist();
const rng = createRng(0);
const table = Float64Array.from({ length: 256 }, (_, b) => b / 255);
const idxs = Array.from({length:50},()=>rng.choice(60000,100,true));
function t(name:string,f:(i:number)=>void){for(let i=0;i<2000;i++)f(i); const t0=performance.now(); for(let i=0;i<10000;i++)f(i); console.log(name, ((performance.now()-t0)/10000*1000).toFixed(2),'us');}
t('takeRowsSparse', (i)=>takeRowsSparse(train.images, 784, idxs[i%50]!, table));
t('takeRows', (i)=>takeRows(train.images, 784, idxs[i%50]!, table));
t('choice', ()=>rng.choice(60000,100,true));
t('batch', (i)=>train.batch(idxs[i%50]!));
