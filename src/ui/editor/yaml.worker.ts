// monaco-yaml's language worker, re-exported so Vite bundles it as one of the app's module workers.
import 'monaco-yaml/yaml.worker.js';
