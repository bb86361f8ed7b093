/**
 * The house rule that typedoc's own validation does not cover: every exported function, class and
 * constant carries an `@example` (interfaces and type aliases describe shapes and are exempt).
 * A missing one is logged as a typedoc warning, so with `treatWarningsAsErrors` it fails the build
 * like an undocumented export does.
 */
import {
  type Application,
  type DeclarationReflection,
  type ProjectReflection,
  ReflectionKind,
} from 'typedoc';

const NEEDS_EXAMPLE = ReflectionKind.Function | ReflectionKind.Class | ReflectionKind.Variable;

/**
 * Warns once for every top-level export of a package that has no `@example`.
 *
 * @param app - the typedoc application, whose logger receives the warnings
 * @param project - the converted project
 * @returns the names of the exports without an example
 */
export function requireExamples(app: Application, project: ProjectReflection): string[] {
  const missing: string[] = [];
  for (const refl of project.getReflectionsByKind(NEEDS_EXAMPLE) as DeclarationReflection[]) {
    if (!refl.parent?.kindOf(ReflectionKind.Module)) continue;
    const comments = [refl.comment, ...(refl.signatures ?? []).map((s) => s.comment)];
    if (comments.some((c) => c?.getTag('@example'))) continue;
    const name = refl.getFriendlyFullName();
    missing.push(name);
    app.logger.warn(
      `${name} has no @example; expected every exported function, class and constant to show one that runs (CONVENTIONS.md, "Comments and docs")`,
    );
  }
  return missing;
}
