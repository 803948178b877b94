/**
 * Monaco + monaco-yaml, wired for Vite (monaco-editor 0.54, see reference/stack.md): local module
 * workers, no network (schema requests off; schemas bundled). Loaded lazily with the editor.
 */
import * as monaco from 'monaco-editor';
import { configureMonacoYaml } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import YamlWorker from './yaml.worker?worker';
import { loadSchemas } from './schemas.ts';

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
};

const yaml = configureMonacoYaml(monaco, { enableSchemaRequest: false, validate: true, hover: true, completion: true, schemas: [] });
void loadSchemas().then((schemas) => {
  if (schemas.length > 0) void yaml.update({ enableSchemaRequest: false, validate: true, hover: true, completion: true, schemas: schemas.map((s) => ({ ...s, fileMatch: s.fileMatch ?? [] })) });
});

export { monaco };
