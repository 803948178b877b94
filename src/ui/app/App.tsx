/** The application shell. Composes panels only; each panel owns its state. */
export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 32 }}>
      <h1>kubesim</h1>
      <p>A Kubernetes cluster that runs in your browser tab.</p>
    </main>
  );
}
