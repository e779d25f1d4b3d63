// The shared config, plus what React 19 needs in the browser: react, react-dom and scheduler ship CommonJS only
// (turned into ES modules here) and read process.env.NODE_ENV. Coverage counts the generated wrappers, which
// are this package's code (the shared config leaves src/generated out, as it is translations elsewhere).
import base from '../../web-test-runner.config.mjs';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';

const commonjs = fromRollup(rollupCommonjs);

export default {
  ...base,
  plugins: [
    ...base.plugins,
    commonjs({
      strictRequires: 'auto',
      requireReturnsDefault: 'preferred',
      include: ['**/node_modules/react/**', '**/node_modules/react-dom/**', '**/node_modules/scheduler/**'],
    }),
  ],
  testRunnerHtml: (testFramework) =>
    `<html><head><script>window.process = { env: { NODE_ENV: 'development' } };</script></head><body><script type="module" src="${testFramework}"></script></body></html>`,
  coverageConfig: { ...base.coverageConfig, exclude: ['**/node_modules/**'] },
};
