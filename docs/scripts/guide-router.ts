/**
 * Short, stable addresses for the site's own pages. typedoc names a document's page after its
 * title (`documents/가이드_(한국어).4._소프트맥스.html`), so a retitled chapter would break every
 * link to it. This router takes the address from the document's `slug` frontmatter instead
 * (`slug: guides/ko/04-softmax` → `guides/ko/04-softmax.html`); an exercise README, which has no
 * frontmatter, gets `exercises/<lang>/<folder>.html` from its index page. API pages stay where
 * typedoc's kind router puts them (`classes/_dl_network.SimpleNetwork.html`).
 */
import { type Application, KindRouter, type Reflection } from 'typedoc';

/** The router's name, as given to typedoc's `router` option. */
export const GUIDE_ROUTER = 'dl-guides';

const SLUG = /^[a-z]+(\/[a-z0-9-]+)+$/;

/** The `slug` frontmatter of a document, if it has a valid one. */
function slugOf(reflection: Reflection | undefined): string | undefined {
  if (!reflection?.isDocument()) return undefined;
  const slug = reflection.frontmatter['slug'];
  return typeof slug === 'string' && SLUG.test(slug) ? slug : undefined;
}

/**
 * Makes typedoc place pages by slug.
 *
 * @param app - the typedoc application, after its options are read
 * @param exerciseDirs - exercise folder by `lang/page title`, from `writeExercisePages`
 */
export function loadGuideRouter(app: Application, exerciseDirs: ReadonlyMap<string, string>): void {
  class GuideRouter extends KindRouter {
    protected override getIdealBaseName(reflection: Reflection): string {
      if (!reflection.isDocument()) return super.getIdealBaseName(reflection);
      const slug = slugOf(reflection);
      if (slug) return slug;
      const parent = slugOf(reflection.parent)?.match(/^exercises\/([a-z]{2})\/index$/);
      const dir = parent && exerciseDirs.get(`${parent[1]}/${reflection.name}`);
      if (parent && dir) return `exercises/${parent[1]}/${dir}`;
      throw new Error(
        `guide router: document "${reflection.name}" has no address; expected frontmatter like "slug: guides/en/04-softmax" or an exercise README listed in exercises/exercises.json, got ${JSON.stringify(reflection.frontmatter['slug'])}`,
      );
    }
  }
  app.renderer.defineRouter(GUIDE_ROUTER, GuideRouter);
  app.options.setValue('router', GUIDE_ROUTER);
}
