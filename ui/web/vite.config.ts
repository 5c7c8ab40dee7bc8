/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The Maven module packs target/classes into sluice-ui.jar; the control plane serves
// dev/sluice/ui/ from its class path at /.
const outDir = "../target/classes/dev/sluice/ui";

export default defineConfig({
  plugins: [react()],
  build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { "/api": "http://localhost:8080" } },
  test: { environment: "node", include: ["src/**/*.test.ts"] },
});
