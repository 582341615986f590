// Quasar CLI (app-vite) configuration: https://v2.quasar.dev/quasar-cli-vite/quasar-config-file
import { defineConfig } from '#q-app/wrappers'

export default defineConfig(() => ({
  boot: ['api'],
  css: ['app.scss'],
  extras: ['material-icons'],
  build: {
    target: { browser: ['es2022', 'firefox115', 'chrome115', 'safari15'], node: 'node20' },
    typescript: { strict: true, vueShim: true },
    vueRouterMode: 'history',
    publicPath: '/',
    // Maven packs this folder into the jar the gateway serves (pom.xml)
    distDir: 'target/dist',
  },
  devServer: {
    // `npm run dev` against a running platform (./tributary --demo) on its default port
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  framework: {
    config: { dark: 'auto' },
    plugins: ['Notify', 'Dialog', 'Dark'],
  },
}))
