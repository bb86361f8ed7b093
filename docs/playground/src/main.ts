import { descentPanel } from './descent-panel.js';
import { el } from './dom.js';
import { drawPanel } from './draw-panel.js';
import { imagesPanel } from './images-panel.js';
import { loadMnistSubset } from './mnist-subset.js';
import { text } from './text.js';
import { trainPanel } from './train-panel.js';

/**
 * The playground page: four panels, each its own module. The assets (bundles, model, MNIST subset)
 * sit in `../assets/` beside the language folders (`en/`, `ko/`).
 */
const assets = new URL('../assets/', location.href);
const t = text();
const root = document.getElementById('playground')!;

const draw = drawPanel(t, new URL('model.dlnet', assets));
const train = trainPanel(t, new URL('train-worker.js', assets), new URL('data/', assets), (net) =>
  draw.setModel(net, t.trainedModel),
);
root.append(draw.element, train);

loadMnistSubset(new URL('data/', assets))
  .then(({ test }) => {
    root.append(imagesPanel(t, test), descentPanel(t));
    root.dataset['ready'] = 'true';
  })
  .catch((error: Error) => {
    root.append(el('p', { class: 'message', role: 'alert' }, error.message), descentPanel(t));
  });
