import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/app/App.tsx';
import './ui/app/styles.css';
import { startEngine } from './ui/state/engine.ts';

// Boot the cluster first: the worker loads and starts while React renders the shell.
startEngine();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
