// The LWC compiler reads JavaScript only: the preview's own .ts modules (entry point, platform
// stand-ins) lose their types here first. The components themselves come as tsc output.
import ts from 'typescript';
import type { Plugin } from 'rollup';

export function stripTypes(): Plugin {
  return {
    name: 'pulse-strip-types',
    transform(code, id) {
      // The LWC plugin tags aliased modules with a ?specifier= query.
      if (!id.split('?')[0].endsWith('.ts')) return null;
      const { outputText, sourceMapText } = ts.transpileModule(code, {
        fileName: id,
        compilerOptions: {
          target: ts.ScriptTarget.ESNext,
          module: ts.ModuleKind.ESNext,
          verbatimModuleSyntax: true,
          sourceMap: true,
        },
      });
      return { code: outputText.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'), map: sourceMapText };
    },
  };
}
