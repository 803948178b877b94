/**
 * The Monaco editor (lazy chunk): one model per workspace file, markers from three owners —
 * monaco-yaml (syntax, schema), `kubesim` (semantic lints from the worker) and `apiserver` (errors
 * from the last Apply, at their field) — and Ctrl/Cmd+Enter to apply.
 */
import { useEffect, useRef } from 'react';
import type { Diagnostic } from '../../worker/protocol.ts';
import { useClusterStore } from '../state/cluster.ts';
import { engine } from '../state/engine.ts';
import { useUiStore } from '../state/ui.ts';
import { useWorkspace } from '../state/workspace.ts';
import { monaco } from './monaco.ts';

const SEVERITY = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info } as const;

function markers(list: Diagnostic[]): monaco.editor.IMarkerData[] {
  return list.map((d) => ({ severity: SEVERITY[d.severity], message: d.message, startLineNumber: d.line, startColumn: d.column, endLineNumber: d.endLine, endColumn: d.endColumn, source: d.source }));
}

function modelFor(name: string, text: string): monaco.editor.ITextModel {
  const uri = monaco.Uri.parse(`file:///${name}`);
  return monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, 'yaml', uri);
}

export default function MonacoEditor() {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | undefined>(undefined);
  const active = useWorkspace((s) => s.active);
  const generation = useWorkspace((s) => s.generation);
  const theme = useUiStore((s) => s.theme);
  const lints = useWorkspace((s) => s.lints[s.active]);
  const apiErrors = useWorkspace((s) => s.apiErrors[s.active]);

  useEffect(() => {
    const editor = monaco.editor.create(host.current!, {
      automaticLayout: true,
      minimap: { enabled: false },
      wordWrap: 'on',
      wrappingIndent: 'indent',
      overviewRulerLanes: 0,
      overviewRulerBorder: false,
      hideCursorInOverviewRuler: true,
      fontSize: 13,
      tabSize: 2,
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      fixedOverflowWidgets: true,
      theme: useUiStore.getState().theme === 'dark' ? 'vs-dark' : 'vs',
    });
    editorRef.current = editor;
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => void useWorkspace.getState().apply());
    let lintTimer: ReturnType<typeof setTimeout> | undefined;
    const lint = (model: monaco.editor.ITextModel, delayMs = 250) => {
      clearTimeout(lintTimer);
      lintTimer = setTimeout(() => {
        const name = model.uri.path.slice(1);
        void engine.lint(name, model.getValue()).then((d) => useWorkspace.getState().setLints(name, d), () => undefined);
      }, delayMs);
    };
    const sub = editor.onDidChangeModelContent(() => {
      const model = editor.getModel();
      if (!model) return;
      useWorkspace.getState().setText(model.uri.path.slice(1), model.getValue());
      lint(model);
    });
    const modelSub = editor.onDidChangeModel(() => {
      const model = editor.getModel();
      if (model) lint(model);
    });
    // Lints depend on the cluster too (a nodeSelector no node matches): re-check when it changes shape.
    const clusterSub = useClusterStore.subscribe((s, prev) => {
      const model = editor.getModel();
      if (model && s.structure !== prev.structure) lint(model, 1000);
    });
    (window as unknown as { __kubesimEditor?: unknown }).__kubesimEditor = editor; // for e2e tests
    return () => {
      clearTimeout(lintTimer);
      sub.dispose();
      modelSub.dispose();
      clusterSub();
      editor.dispose();
    };
  }, []);

  useEffect(() => {
    const editor = editorRef.current;
    const file = useWorkspace.getState().files.find((f) => f.name === active);
    if (!editor) return;
    if (file) {
      const model = modelFor(file.name, file.text);
      if (model.getValue() !== file.text) model.setValue(file.text);
      if (editor.getModel() !== model) editor.setModel(model);
    } else editor.setModel(null);
    // Forget models of closed tabs.
    const open = new Set(useWorkspace.getState().files.map((f) => `/${f.name}`));
    for (const m of monaco.editor.getModels()) if (m.uri.scheme === 'file' && !open.has(m.uri.path)) m.dispose();
  }, [active, generation]);

  useEffect(() => {
    monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  }, [theme]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    // YAML syntax errors are already reported by monaco-yaml.
    monaco.editor.setModelMarkers(model, 'kubesim', markers((lints ?? []).filter((d) => d.source !== 'yaml')));
    monaco.editor.setModelMarkers(model, 'apiserver', markers(apiErrors ?? []));
  }, [lints, apiErrors, active]);

  return <div className="monaco-host" ref={host} data-testid="monaco-host" />;
}
